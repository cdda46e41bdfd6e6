//! Breach notices: what one notice to one customer is made from (kept with it, so it can be
//! proven later what was said) and what changed since the customer's last notice.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::breach::{AffectedFacts, Answer, BreachFacts};
use super::customer::Language;
use super::document::DocumentKind;
use super::settings::Processor;
use super::validation::{FieldCode, FieldError};

/// Tells the customer of a personal data breach, initial or update N (art. 6).
pub const BREACH_NOTICE: DocumentKind =
    DocumentKind::new("breach_notice", "datalek", "breach").counted_from_zero();

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
    /// The last notice to this customer about the incident: it closes the phased reporting.
    #[serde(default)]
    pub final_notice: bool,
    /// For an initial notice made after our own target for it: that target, in hours after
    /// discovery (the notice then gives `facts.late_reason`).
    #[serde(default)]
    pub late_after_hours: Option<u32>,
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
    Informed,
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
        (Topic::Informed, pf.informed != cf.informed),
    ]
    .into_iter()
    .filter_map(|(topic, changed)| changed.then_some(topic))
    .collect()
}

/// Whether a notice can be the customer's final one: only for a breach known to have ended.
pub fn check_final(facts: &BreachFacts) -> Result<(), FieldError> {
    if facts.timeline.ongoing == Answer::No {
        Ok(())
    } else {
        Err(FieldError::new("ongoing", FieldCode::StillOngoing))
    }
}

/// The file name of a notice: `datalek-2026-007-Klant-12-eerste-melding.pdf`.
pub fn notice_file_name(
    number: &str,
    customer_stem: &str,
    sequence: u32,
    final_notice: bool,
    language: Language,
) -> String {
    match (language, sequence) {
        _ if final_notice => match language {
            Language::Nl => format!("datalek-{number}-{customer_stem}-eindmelding.pdf"),
            Language::En => format!("breach-{number}-{customer_stem}-final-notice.pdf"),
        },
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
    fn file_names_say_which_notice() {
        assert_eq!(
            notice_file_name("2026-007", "Klant-12", 0, false, Language::Nl),
            "datalek-2026-007-Klant-12-eerste-melding.pdf"
        );
        assert_eq!(
            notice_file_name("2026-007", "Klant-12", 2, false, Language::En),
            "breach-2026-007-Klant-12-update-2.pdf"
        );
        assert_eq!(
            notice_file_name("2026-007", "Klant-12", 1, false, Language::Nl),
            "datalek-2026-007-Klant-12-vervolgmelding-1.pdf"
        );
        assert_eq!(
            notice_file_name("2026-007", "Klant-12", 3, true, Language::Nl),
            "datalek-2026-007-Klant-12-eindmelding.pdf"
        );
        assert_eq!(
            notice_file_name("2026-007", "Klant-12", 0, true, Language::En),
            "breach-2026-007-Klant-12-final-notice.pdf"
        );
    }

    #[test]
    fn only_a_breach_known_to_have_ended_gets_a_final_notice() {
        let mut facts = BreachFacts::default();
        for ongoing in [Answer::Unknown, Answer::Yes] {
            facts.timeline.ongoing = ongoing;
            assert_eq!(
                check_final(&facts),
                Err(FieldError::new("ongoing", FieldCode::StillOngoing))
            );
        }
        facts.timeline.ongoing = Answer::No;
        assert_eq!(check_final(&facts), Ok(()));
    }

    #[test]
    fn who_else_was_informed_is_a_change() {
        let facts = BreachFacts::default();
        let affected = AffectedFacts::default();
        let mut later = facts.clone();
        later.informed.police = Answer::Yes;
        assert_eq!(
            changed_topics((&facts, &affected), (&later, &affected)),
            [Topic::Informed]
        );
    }
}
