//! The agreement with a sub-processor (art. 8.3): the processor must bind each sub-processor
//! by contract to confidentiality, notification and security measures at least equal to the
//! agreement's own. Per sub-processor the app keeps that agreement's date and reference, what
//! it imposes, its own term for notifying a breach, the date to review it, and the file.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validation::{Errors, FieldCode, FieldError};

/// A sub-processing agreement as typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SubProcessingInput {
    /// `24-11-2026`
    pub signed_on: String,
    pub reference: String,
    pub confidentiality: bool,
    pub breach_notification: bool,
    /// Within how many hours the sub-processor tells us of a breach, as the agreement says;
    /// empty when it names no term.
    pub notice_hours: String,
    pub security_measures: bool,
    /// `24-11-2027`; empty for none.
    pub review_on: String,
}

/// A sub-processing agreement as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SubProcessing {
    pub signed_on: NaiveDate,
    pub reference: String,
    /// It binds the sub-processor to confidentiality.
    pub confidentiality: bool,
    /// It binds the sub-processor to notify us of a breach.
    pub breach_notification: bool,
    pub notice_hours: Option<u32>,
    /// It binds the sub-processor to security measures at least equal to ours.
    pub security_measures: bool,
    pub review_on: Option<NaiveDate>,
    /// The file the agreement was kept as, when one was added: its name and SHA-256.
    pub file_name: String,
    pub file_sha256: String,
}

/// The longest term for notifying a breach that can be typed: a year.
const MAX_NOTICE_HOURS: u32 = 24 * 366;

/// Checks the form: a signing date that has passed, a term in whole hours when the
/// agreement names one, and a review date after the signing.
pub fn check_sub_processing(
    input: &SubProcessingInput,
    today: NaiveDate,
) -> Result<SubProcessing, Vec<FieldError>> {
    let mut e = Errors::default();
    let signed_on = e.date("signed_on", &input.signed_on);
    if input.signed_on.trim().is_empty() {
        e.add("signed_on", FieldCode::Required);
    }
    if signed_on.is_some_and(|d| d > today) {
        e.add("signed_on", FieldCode::InFuture);
    }
    let hours = input.notice_hours.trim();
    let notice_hours = if hours.is_empty() {
        None
    } else {
        match hours.parse::<u32>() {
            Ok(h) if (1..=MAX_NOTICE_HOURS).contains(&h) => Some(h),
            _ => {
                e.add("notice_hours", FieldCode::InvalidNumber);
                None
            }
        }
    };
    if notice_hours.is_some() && !input.breach_notification {
        e.add("notice_hours", FieldCode::NoticeTermWithoutNotification);
    }
    let review_on = e.date("review_on", &input.review_on);
    if let (Some(signed), Some(review)) = (signed_on, review_on) {
        if review <= signed {
            e.add("review_on", FieldCode::ReviewBeforeSigning);
        }
    }
    let reference = e.text("reference", &input.reference, false, 200);
    let record = SubProcessing {
        signed_on: signed_on.unwrap_or(today),
        reference,
        confidentiality: input.confidentiality,
        breach_notification: input.breach_notification,
        notice_hours,
        security_measures: input.security_measures,
        review_on,
        file_name: String::new(),
        file_sha256: String::new(),
    };
    e.finish(record)
}

/// What art. 8.3 asks that a sub-processor's agreement does not show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FlowDownGap {
    /// No agreement with the sub-processor is recorded.
    NoAgreement,
    Confidentiality,
    BreachNotification,
    SecurityMeasures,
}

/// What the agreement (if any) lacks of what art. 8.3 asks.
pub fn flow_down_gaps(agreement: Option<&SubProcessing>) -> Vec<FlowDownGap> {
    let Some(a) = agreement else {
        return vec![FlowDownGap::NoAgreement];
    };
    [
        (a.confidentiality, FlowDownGap::Confidentiality),
        (a.breach_notification, FlowDownGap::BreachNotification),
        (a.security_measures, FlowDownGap::SecurityMeasures),
    ]
    .into_iter()
    .filter(|(imposed, _)| !imposed)
    .map(|(_, gap)| gap)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
    }

    fn input() -> SubProcessingInput {
        SubProcessingInput {
            signed_on: "01-03-2026".into(),
            reference: "SVO-2026-07".into(),
            confidentiality: true,
            breach_notification: true,
            notice_hours: "24".into(),
            security_measures: true,
            review_on: "01-03-2027".into(),
        }
    }

    fn codes(input: &SubProcessingInput) -> Vec<(String, FieldCode)> {
        match check_sub_processing(input, today()) {
            Ok(_) => Vec::new(),
            Err(fields) => fields.into_iter().map(|f| (f.field, f.code)).collect(),
        }
    }

    #[test]
    fn a_complete_agreement_is_kept_as_typed_and_lacks_nothing() {
        let kept = check_sub_processing(&input(), today()).unwrap();
        assert_eq!(kept.signed_on, NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        assert_eq!(kept.notice_hours, Some(24));
        assert_eq!(kept.review_on, NaiveDate::from_ymd_opt(2027, 3, 1));
        assert_eq!(flow_down_gaps(Some(&kept)), []);
    }

    #[test]
    fn what_the_agreement_does_not_impose_is_named() {
        let kept = check_sub_processing(
            &SubProcessingInput {
                confidentiality: false,
                breach_notification: false,
                notice_hours: String::new(),
                ..input()
            },
            today(),
        )
        .unwrap();
        assert_eq!(
            flow_down_gaps(Some(&kept)),
            [
                FlowDownGap::Confidentiality,
                FlowDownGap::BreachNotification
            ]
        );
        assert_eq!(flow_down_gaps(None), [FlowDownGap::NoAgreement]);
    }

    #[test]
    fn bad_dates_and_terms_are_refused_per_field() {
        let wrong = |change: fn(&mut SubProcessingInput)| {
            let mut typed = input();
            change(&mut typed);
            codes(&typed)
        };
        assert_eq!(
            wrong(|i| i.signed_on.clear()),
            [("signed_on".into(), FieldCode::Required)]
        );
        assert_eq!(
            wrong(|i| i.signed_on = "05-12-2026".into()),
            [("signed_on".into(), FieldCode::InFuture)]
        );
        for hours in ["0", "-3", "twaalf", "9000", "1.5"] {
            let mut typed = input();
            typed.notice_hours = hours.into();
            assert_eq!(
                codes(&typed),
                [("notice_hours".into(), FieldCode::InvalidNumber)],
                "{hours}"
            );
        }
        assert_eq!(
            wrong(|i| i.breach_notification = false),
            [(
                "notice_hours".into(),
                FieldCode::NoticeTermWithoutNotification
            )]
        );
        assert_eq!(
            wrong(|i| i.review_on = "01-03-2026".into()),
            [("review_on".into(), FieldCode::ReviewBeforeSigning)]
        );
        assert_eq!(
            wrong(|i| i.reference = "x".repeat(201)),
            [("reference".into(), FieldCode::TooLong)]
        );
    }
}
