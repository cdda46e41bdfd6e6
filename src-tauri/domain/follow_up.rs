//! What a customer did with our breach notice, for the breach register: whether it reported
//! the breach to the AP (GDPR art. 33(1)), with the AP's reference and the day. The customer
//! decides this, not we; we record what it tells us.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::breach::Answer;
use super::validation::{Errors, FieldCode, FieldError};

/// The customer's follow-up as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct FollowUpInput {
    pub reported_to_ap: Answer,
    pub ap_reference: String,
    /// The day it reported to the AP (`24-11-2026`).
    pub reported_on: String,
}

/// The customer's follow-up as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FollowUp {
    pub reported_to_ap: Answer,
    pub ap_reference: String,
    pub reported_on: Option<NaiveDate>,
    /// When it was last recorded; `None` while nothing is.
    pub recorded_at: Option<DateTime<Utc>>,
}

/// Checks the follow-up: a reference and a day only for a customer that reported, the day
/// not in the future.
pub fn check_follow_up(
    input: &FollowUpInput,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<FollowUp, Vec<FieldError>> {
    let mut e = Errors::default();
    let ap_reference = e.text("ap_reference", &input.ap_reference, false, 100);
    let reported_on = e.date("reported_on", &input.reported_on);
    if reported_on.is_some_and(|d| d > today) {
        e.add("reported_on", FieldCode::InFuture);
    }
    if input.reported_to_ap != Answer::Yes {
        if !ap_reference.is_empty() {
            e.add("ap_reference", FieldCode::OnlyWhenReported);
        }
        if !input.reported_on.trim().is_empty() {
            e.add("reported_on", FieldCode::OnlyWhenReported);
        }
    }
    e.finish(FollowUp {
        reported_to_ap: input.reported_to_ap,
        ap_reference,
        reported_on,
        recorded_at: Some(now),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::codes;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-26T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn a_report_to_the_ap_is_recorded_with_its_reference_and_day() {
        let input = FollowUpInput {
            reported_to_ap: Answer::Yes,
            ap_reference: " M-2026-0815 ".into(),
            reported_on: "25-11-2026".into(),
        };
        let recorded = check_follow_up(&input, now(), today()).unwrap();
        assert_eq!(recorded.ap_reference, "M-2026-0815");
        assert_eq!(recorded.reported_on, NaiveDate::from_ymd_opt(2026, 11, 25));
    }

    #[test]
    fn a_reference_or_day_without_a_report_and_a_day_to_come_are_refused() {
        let input = FollowUpInput {
            reported_to_ap: Answer::No,
            ap_reference: "M-1".into(),
            reported_on: "25-11-2026".into(),
        };
        assert_eq!(
            codes(check_follow_up(&input, now(), today())),
            [
                ("ap_reference".into(), FieldCode::OnlyWhenReported),
                ("reported_on".into(), FieldCode::OnlyWhenReported),
            ]
        );
        let input = FollowUpInput {
            reported_to_ap: Answer::Yes,
            ap_reference: String::new(),
            reported_on: "27-11-2026".into(),
        };
        assert_eq!(
            codes(check_follow_up(&input, now(), today())),
            [("reported_on".into(), FieldCode::InFuture)]
        );
        let input = FollowUpInput {
            reported_to_ap: Answer::Yes,
            ap_reference: "x".repeat(101),
            reported_on: "31-02-2026".into(),
        };
        assert_eq!(
            codes(check_follow_up(&input, now(), today())),
            [
                ("ap_reference".into(), FieldCode::TooLong),
                ("reported_on".into(), FieldCode::InvalidDate),
            ]
        );
    }
}
