//! The app's clock. Debug builds, which the end-to-end tests drive, accept
//! `--clock-offset-days N` so a test can move time past a deadline without sleeping. Release
//! builds ignore it and always use the system clock: a record's time is never the officer's
//! choice.

use std::sync::OnceLock;

use chrono::{DateTime, Duration, Utc};

static OFFSET: OnceLock<Duration> = OnceLock::new();

/// The current moment, shifted by the test offset when one was set.
pub fn now() -> DateTime<Utc> {
    Utc::now() + OFFSET.get().copied().unwrap_or_else(Duration::zero)
}

/// Reads `--clock-offset-days N` (debug builds only) and shifts the clock by it.
pub fn set_offset_from(args: impl IntoIterator<Item = String>) -> Result<(), &'static str> {
    if cfg!(debug_assertions) {
        if let Some(days) = offset_days(args)? {
            let _ = OFFSET.set(Duration::days(days));
        }
    }
    Ok(())
}

fn offset_days(args: impl IntoIterator<Item = String>) -> Result<Option<i64>, &'static str> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--clock-offset-days" {
            return args
                .next()
                .and_then(|days| days.parse::<i64>().ok())
                .filter(|days| days.abs() <= 3_650)
                .map(Some)
                .ok_or("--clock-offset-days needs a whole number of days, e.g. 15");
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::offset_days;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_offset_is_a_whole_number_of_days() {
        assert_eq!(offset_days(args(&["app"])), Ok(None));
        assert_eq!(
            offset_days(args(&["app", "--clock-offset-days", "15"])),
            Ok(Some(15))
        );
        assert_eq!(
            offset_days(args(&["app", "--clock-offset-days", "-2"])),
            Ok(Some(-2))
        );
        assert!(offset_days(args(&["app", "--clock-offset-days"])).is_err());
        assert!(offset_days(args(&["app", "--clock-offset-days", "1.5"])).is_err());
        assert!(offset_days(args(&["app", "--clock-offset-days", "99999"])).is_err());
    }
}
