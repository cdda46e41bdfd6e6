//! The ENISA (2013) severity estimate: SE = DPC × EI + CB. Offered to the customer as input
//! for its own assessment, never as the processor's verdict (EDPB Guidelines 9/2022).
//!
//! Scores are counted in quarters so the arithmetic is exact: EI is 0.25–1 and every part
//! of CB is 0, 0.25 or 0.5.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validation::{Errors, FieldCode};

/// The estimate as chosen in the wizard; all empty means no estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SeverityInput {
    /// Data processing context, 1–4.
    pub dpc: Option<u8>,
    /// Ease of identification in quarters: 1 = 0.25 … 4 = 1.
    pub ei_quarters: Option<u8>,
    /// Circumstances of the breach in quarters, 0–2 each (0, 0.25, 0.5).
    pub confidentiality_quarters: u8,
    pub integrity_quarters: u8,
    pub availability_quarters: u8,
    pub malicious_quarters: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SeverityBand {
    Low,
    Medium,
    High,
    VeryHigh,
}

/// A complete estimate with its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Severity {
    pub input: SeverityInput,
    /// SE × 4.
    pub score_quarters: u32,
    pub band: SeverityBand,
}

impl Severity {
    /// The score as a decimal number with the given separator: `2,75`.
    pub fn score_text(&self, decimal: char) -> String {
        let whole = self.score_quarters / 4;
        match self.score_quarters % 4 {
            0 => whole.to_string(),
            1 => format!("{whole}{decimal}25"),
            2 => format!("{whole}{decimal}5"),
            _ => format!("{whole}{decimal}75"),
        }
    }
}

impl SeverityInput {
    /// The estimate, `None` if DPC or EI is not chosen; out-of-range parts are errors.
    pub fn check(&self, errors: &mut Errors) -> Option<Severity> {
        let mut valid = true;
        let mut range = |field: &str, value: Option<u8>, range: std::ops::RangeInclusive<u8>| {
            if value.is_some_and(|v| !range.contains(&v)) {
                errors.add(field, FieldCode::OutOfRange);
                valid = false;
            }
        };
        range("severity.dpc", self.dpc, 1..=4);
        range("severity.ei_quarters", self.ei_quarters, 1..=4);
        range(
            "severity.confidentiality_quarters",
            Some(self.confidentiality_quarters),
            0..=2,
        );
        range(
            "severity.integrity_quarters",
            Some(self.integrity_quarters),
            0..=2,
        );
        range(
            "severity.availability_quarters",
            Some(self.availability_quarters),
            0..=2,
        );
        range(
            "severity.malicious_quarters",
            Some(self.malicious_quarters),
            0..=2,
        );
        let (Some(dpc), Some(ei)) = (self.dpc, self.ei_quarters) else {
            return None;
        };
        valid.then(|| {
            let score_quarters = u32::from(dpc) * u32::from(ei)
                + u32::from(self.confidentiality_quarters)
                + u32::from(self.integrity_quarters)
                + u32::from(self.availability_quarters)
                + u32::from(self.malicious_quarters);
            Severity {
                input: *self,
                score_quarters,
                band: band(score_quarters),
            }
        })
    }
}

/// low < 2 ≤ medium < 3 ≤ high < 4 ≤ very high.
fn band(score_quarters: u32) -> SeverityBand {
    match score_quarters {
        0..=7 => SeverityBand::Low,
        8..=11 => SeverityBand::Medium,
        12..=15 => SeverityBand::High,
        _ => SeverityBand::VeryHigh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn estimate(dpc: u8, ei: u8, c: u8, i: u8, a: u8, m: u8) -> Option<Severity> {
        SeverityInput {
            dpc: Some(dpc),
            ei_quarters: Some(ei),
            confidentiality_quarters: c,
            integrity_quarters: i,
            availability_quarters: a,
            malicious_quarters: m,
        }
        .check(&mut Errors::default())
    }

    #[test]
    fn hand_computed_cases() {
        // Contact details (DPC 1), hard to identify (EI 0.25), nothing else: 0.25, low.
        let s = estimate(1, 1, 0, 0, 0, 0).unwrap();
        assert_eq!(
            (s.score_text(','), s.band),
            ("0,25".into(), SeverityBand::Low)
        );
        // DPC 2 × EI 1 = 2: exactly the lower bound of medium.
        let s = estimate(2, 4, 0, 0, 0, 0).unwrap();
        assert_eq!(
            (s.score_text(','), s.band),
            ("2".into(), SeverityBand::Medium)
        );
        // Financial data (DPC 3), EI 0.75, confidentiality lost to unknown parties (0.5):
        // 3 × 0.75 + 0.5 = 2.75, medium.
        let s = estimate(3, 3, 2, 0, 0, 0).unwrap();
        assert_eq!(
            (s.score_text('.'), s.band),
            ("2.75".into(), SeverityBand::Medium)
        );
        // 3 × 1 + 0 = 3: high.
        assert_eq!(estimate(3, 4, 0, 0, 0, 0).unwrap().band, SeverityBand::High);
        // Health data (DPC 4), EI 0.75, confidentiality 0.5 and malice 0.5: 4, very high.
        let s = estimate(4, 3, 2, 0, 0, 2).unwrap();
        assert_eq!(
            (s.score_text(','), s.band),
            ("4".into(), SeverityBand::VeryHigh)
        );
        // On and just below a bound: 1 × 1 + 0.5 + 0.25 + 0.25 = 2 is medium,
        // 1 × 1 + 0.5 + 0.25 = 1.75 is low.
        assert_eq!(
            estimate(1, 4, 2, 1, 1, 0).unwrap().band,
            SeverityBand::Medium
        );
        assert_eq!(estimate(1, 4, 2, 1, 0, 0).unwrap().band, SeverityBand::Low);
        // The highest possible: 4 × 1 + 2 = 6.
        assert_eq!(estimate(4, 4, 2, 2, 2, 2).unwrap().score_text(','), "6");
    }

    #[test]
    fn incomplete_or_out_of_range() {
        assert_eq!(SeverityInput::default().check(&mut Errors::default()), None);
        let mut errors = Errors::default();
        assert_eq!(
            SeverityInput {
                dpc: Some(5),
                ei_quarters: Some(1),
                ..Default::default()
            }
            .check(&mut errors),
            None
        );
        assert!(errors.has("severity.dpc"));
        let mut errors = Errors::default();
        assert!(estimate(1, 1, 3, 0, 0, 0).is_none());
        SeverityInput {
            malicious_quarters: 9,
            ..Default::default()
        }
        .check(&mut errors);
        assert!(errors.has("severity.malicious_quarters"));
    }
}
