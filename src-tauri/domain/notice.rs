//! Breach notices: what one notice to one customer is made from (kept with it, so it can be
//! proven later what was said), what changed since the customer's last notice, and the log
//! of how it was sent.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::breach::{AffectedFacts, BreachFacts};
use super::customer::Language;
use super::settings::Processor;
use super::time::parse_moment;
use super::validation::{Errors, FieldCode, FieldError};

/// Everything one notice says, frozen when it is generated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NoticeFacts {
    pub incident_number: String,
    /// 0 for the initial notice, N for update N.
    pub sequence: u32,
    pub language: Language,
    pub generated_at: DateTime<Utc>,
    pub processor: Processor,
    pub customer_name: String,
    pub customer_kvk_number: String,
    pub facts: BreachFacts,
    pub affected: AffectedFacts,
    /// For an update: the parts that differ from the customer's previous notice.
    pub changes: Vec<Topic>,
    pub previous_generated_at: Option<DateTime<Utc>>,
}

/// The parts of a notice, for "what changed since the last notice".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Topic {
    Timeline,
    WhatHappened,
    Subjects,
    Data,
    Numbers,
    Protection,
    Consequences,
    Measures,
    Contact,
}

/// The parts in which the facts differ from those of a previous notice, in notice order.
pub fn changed_topics(
    previous: (&BreachFacts, &AffectedFacts),
    current: (&BreachFacts, &AffectedFacts),
) -> Vec<Topic> {
    let ((pf, pa), (cf, ca)) = (previous, current);
    let contact = |f: &BreachFacts| {
        let m = &f.measures;
        (
            m.contact_name.clone(),
            m.contact_role.clone(),
            m.contact_email.clone(),
            m.contact_phone.clone(),
        )
    };
    let measures = |f: &BreachFacts| {
        let m = &f.measures;
        (m.taken.clone(), m.proposed.clone(), m.mitigation.clone())
    };
    [
        (Topic::Timeline, pf.timeline != cf.timeline),
        (Topic::WhatHappened, pf.what != cf.what),
        (Topic::Subjects, pa.subjects != ca.subjects),
        (Topic::Data, pa.data != ca.data),
        (
            Topic::Numbers,
            (pa.subjects_min, pa.subjects_max, pa.records)
                != (ca.subjects_min, ca.subjects_max, ca.records),
        ),
        (Topic::Protection, pa.protection != ca.protection),
        (Topic::Consequences, pf.consequences != cf.consequences),
        (Topic::Measures, measures(pf) != measures(cf)),
        (Topic::Contact, contact(pf) != contact(cf)),
    ]
    .into_iter()
    .filter_map(|(topic, changed)| changed.then_some(topic))
    .collect()
}

/// How a notice was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SendMethod {
    Email,
    Post,
    Portal,
    Phone,
}

impl SendMethod {
    pub fn code(self) -> &'static str {
        match self {
            SendMethod::Email => "email",
            SendMethod::Post => "post",
            SendMethod::Portal => "portal",
            SendMethod::Phone => "phone",
        }
    }

    pub fn from_code(code: &str) -> Option<SendMethod> {
        [
            SendMethod::Email,
            SendMethod::Post,
            SendMethod::Portal,
            SendMethod::Phone,
        ]
        .into_iter()
        .find(|c| c.code() == code)
    }
}

/// The sent log entry as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DeliveryInput {
    /// `24-11-2026 14:30`
    pub sent_at: String,
    pub method: SendMethod,
    pub recipients: String,
}

/// A notice's sending, as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Delivery {
    pub sent_at: DateTime<Utc>,
    pub method: SendMethod,
    pub recipients: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

/// Checks a sent log entry: a time that has passed, not before the notice existed, and to
/// whom.
pub fn check_delivery(
    input: &DeliveryInput,
    generated_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(DateTime<Utc>, String), Vec<FieldError>> {
    let mut errors = Errors::default();
    let sent_at = match parse_moment(&input.sent_at) {
        Ok(m) if m.time.is_none() => {
            errors.add("sent_at", FieldCode::InvalidTime);
            None
        }
        Ok(m) if m.earliest() > now => {
            errors.add("sent_at", FieldCode::InFuture);
            None
        }
        // Typed to the minute: the minute the notice was generated in counts.
        Ok(m) if m.earliest() + chrono::Duration::seconds(59) < generated_at => {
            errors.add("sent_at", FieldCode::EndBeforeStart);
            None
        }
        Ok(m) => Some(m.earliest().max(generated_at)),
        Err(code) => {
            errors.add("sent_at", code);
            None
        }
    };
    let recipients = errors.text("recipients", &input.recipients, true, 2_000);
    errors.finish((sent_at.unwrap_or(now), recipients))
}

/// A stored notice as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NoticeSummary {
    pub id: i64,
    pub customer_id: i64,
    pub sequence: u32,
    pub language: Language,
    pub generated_at: DateTime<Utc>,
    pub generated_by: String,
    pub sha256: String,
    pub file_name: String,
    pub size_bytes: u32,
    pub deliveries: Vec<Delivery>,
}

/// The file name of a notice: `datalek-2026-007-Klant-12-eerste-melding.pdf`.
pub fn notice_file_name(
    number: &str,
    customer_stem: &str,
    sequence: u32,
    language: Language,
) -> String {
    match (language, sequence) {
        (Language::Nl, 0) => format!("datalek-{number}-{customer_stem}-eerste-melding.pdf"),
        (Language::Nl, n) => format!("datalek-{number}-{customer_stem}-vervolgmelding-{n}.pdf"),
        (Language::En, 0) => format!("breach-{number}-{customer_stem}-initial-notice.pdf"),
        (Language::En, n) => format!("breach-{number}-{customer_stem}-update-{n}.pdf"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::breach::{Measures, SubjectCategory};
    use crate::domain::time::parse_moment;

    #[test]
    fn changes_are_named_by_part() {
        let facts = BreachFacts::default();
        let affected = AffectedFacts::default();
        assert!(changed_topics((&facts, &affected), (&facts, &affected)).is_empty());

        let mut later = facts.clone();
        later.measures = Measures {
            taken: "Wachtwoorden vervangen".into(),
            contact_phone: "020 123 4567".into(),
            ..Default::default()
        };
        let mut counted = affected.clone();
        counted.subjects_max = Some(500);
        counted.subjects.categories.push(SubjectCategory::Patients);
        assert_eq!(
            changed_topics((&facts, &affected), (&later, &counted)),
            [
                Topic::Subjects,
                Topic::Numbers,
                Topic::Measures,
                Topic::Contact
            ]
        );
    }

    #[test]
    fn a_delivery_is_after_generation_and_not_in_the_future() {
        let generated = parse_moment("24-11-2026 10:00").unwrap().earliest();
        let now = parse_moment("24-11-2026 12:00").unwrap().earliest();
        let typed = |sent_at: &str, recipients: &str| DeliveryInput {
            sent_at: sent_at.into(),
            method: SendMethod::Email,
            recipients: recipients.into(),
        };
        let (sent, to) =
            check_delivery(&typed("24-11-2026 10:30", " a@b.nl "), generated, now).unwrap();
        assert_eq!(
            (sent, to.as_str()),
            (generated + chrono::Duration::minutes(30), "a@b.nl")
        );
        let field_codes = |r: Result<_, Vec<FieldError>>| -> Vec<FieldCode> {
            r.unwrap_err().into_iter().map(|e| e.code).collect()
        };
        assert_eq!(
            field_codes(check_delivery(
                &typed("24-11-2026 09:59", "x"),
                generated,
                now
            )),
            [FieldCode::EndBeforeStart]
        );
        assert_eq!(
            field_codes(check_delivery(
                &typed("24-11-2026 12:01", "x"),
                generated,
                now
            )),
            [FieldCode::InFuture]
        );
        assert_eq!(
            field_codes(check_delivery(&typed("24-11-2026", "x"), generated, now)),
            [FieldCode::InvalidTime]
        );
        assert_eq!(
            field_codes(check_delivery(
                &typed("24-11-2026 11:00", ""),
                generated,
                now
            )),
            [FieldCode::Required]
        );
        // Generated at 10:00:40, sent "at 10:00": the same minute, accepted.
        let within = generated + chrono::Duration::seconds(40);
        assert_eq!(
            check_delivery(&typed("24-11-2026 10:00", "x"), within, now)
                .unwrap()
                .0,
            within
        );
    }

    #[test]
    fn file_names_say_which_notice() {
        assert_eq!(
            notice_file_name("2026-007", "Klant-12", 0, Language::Nl),
            "datalek-2026-007-Klant-12-eerste-melding.pdf"
        );
        assert_eq!(
            notice_file_name("2026-007", "Klant-12", 2, Language::En),
            "breach-2026-007-Klant-12-update-2.pdf"
        );
        assert_eq!(
            notice_file_name("2026-007", "Klant-12", 1, Language::Nl),
            "datalek-2026-007-Klant-12-vervolgmelding-1.pdf"
        );
    }
}
