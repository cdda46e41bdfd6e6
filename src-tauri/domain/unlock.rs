//! The growing delay after failed unlock attempts.

use std::time::Duration;

/// Failed attempts allowed before a delay starts.
pub const FREE_ATTEMPTS: u32 = 3;
const MAX_DELAY_SECS: u64 = 300;

/// How long the officer must wait after `failures` failed attempts in a row: nothing for
/// the first three, then 2, 4, 8 … seconds, at most five minutes.
pub fn unlock_delay(failures: u32) -> Duration {
    if failures < FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let exponent = (failures - FREE_ATTEMPTS + 1).min(20);
    Duration::from_secs((1u64 << exponent).min(MAX_DELAY_SECS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_attempts_are_free() {
        assert_eq!(unlock_delay(0), Duration::ZERO);
        assert_eq!(unlock_delay(2), Duration::ZERO);
    }

    #[test]
    fn the_delay_grows_after_the_third_failure_and_is_capped() {
        assert_eq!(unlock_delay(3), Duration::from_secs(2));
        assert_eq!(unlock_delay(4), Duration::from_secs(4));
        assert_eq!(unlock_delay(5), Duration::from_secs(8));
        assert_eq!(unlock_delay(11), Duration::from_secs(300));
        assert_eq!(unlock_delay(u32::MAX), Duration::from_secs(300));
    }
}
