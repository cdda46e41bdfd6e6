//! What every document we issue has in common, whatever it says: its kind, how lists show
//! it, and the log of how it was sent. Each kind's facts live with the entity it is about.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::customer::Language;
use super::time::parse_moment;
use super::validation::{Errors, FieldCode, FieldError};

/// What a kept document is. Each kind is declared once, as a constant beside the facts it
/// is made from (`domain::audit::ACKNOWLEDGEMENT`, `domain::incident::BREACH_NOTICE`, ...);
/// the vault keeps its code, so a new kind is registered nowhere and needs no migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DocumentKind {
    code: &'static str,
    /// The start of the file name in Dutch and in English.
    file_stems: [&'static str; 2],
    first_version: u32,
}

impl DocumentKind {
    /// A kind whose documents count their versions from 1.
    pub const fn new(
        code: &'static str,
        file_stem_nl: &'static str,
        file_stem_en: &'static str,
    ) -> Self {
        DocumentKind {
            code,
            file_stems: [file_stem_nl, file_stem_en],
            first_version: 1,
        }
    }

    /// The same kind counting from 0: a breach notice counts its updates after the initial
    /// notice.
    pub const fn counted_from_zero(self) -> Self {
        DocumentKind {
            first_version: 0,
            ..self
        }
    }

    /// The code the vault keeps and the screens name.
    pub fn code(self) -> &'static str {
        self.code
    }

    /// The first version of a document of this kind.
    pub fn first_version(self) -> u32 {
        self.first_version
    }

    /// The start of the file name, in the customer's language.
    pub fn file_stem(self, language: Language) -> &'static str {
        match language {
            Language::Nl => self.file_stems[0],
            Language::En => self.file_stems[1],
        }
    }
}

/// A kept document as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocumentSummary {
    pub id: i64,
    /// The kind's code (`audit_findings`, ...).
    pub kind: String,
    /// What it is about: the incident, audit, announcement, ... (the customer for the end of
    /// its service).
    pub subject_id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    /// A breach notice: 0 for the initial notice, N for update N; any other document: 1 for
    /// the first, 2 for a corrected one, ...
    pub version: u32,
    pub language: Language,
    pub generated_at: DateTime<Utc>,
    pub generated_by: String,
    pub sha256: String,
    pub file_name: String,
    pub size_bytes: u32,
    pub deliveries: Vec<Delivery>,
    /// Whom to send it to: the customer's contacts that receive notices.
    pub default_recipients: String,
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

/// The sending of every unsent notice of an announcement at once, each to the customer's
/// contacts that receive notices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SendingInput {
    /// `24-11-2026 14:30`
    pub sent_at: String,
    pub method: SendMethod,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_names_its_files_and_counts_its_versions() {
        const LETTER: DocumentKind = DocumentKind::new("letter", "brief", "letter");
        assert_eq!(LETTER.code(), "letter");
        assert_eq!(LETTER.file_stem(Language::Nl), "brief");
        assert_eq!(LETTER.file_stem(Language::En), "letter");
        assert_eq!(LETTER.first_version(), 1);
        let counted = LETTER.counted_from_zero();
        assert_eq!(counted.first_version(), 0);
        assert_eq!(counted.code(), "letter");
        assert_ne!(counted, LETTER);
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
}
