//! What every document we issue has in common, whatever it says: its kind, how lists show
//! it, and the log of how it was sent. Each kind's facts live with the entity it is about.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::customer::Language;
use super::time::parse_moment;
use super::validation::{Errors, FieldCode, FieldError};

/// What a kept document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DocumentKind {
    /// Tells the customer of a personal data breach, initial or update N (art. 6).
    BreachNotice,
    /// Confirms an audit's date, auditor, scope and conditions (art. 5).
    AuditAcknowledgement,
    /// Sums up an audit's findings and the agreed measures.
    AuditFindings,
    /// Announces a new or replacing sub-processor (art. 8).
    SubProcessorChange,
    /// Confirms that the customer's data was erased or transferred (art. 10.4).
    ServiceEndConfirmation,
    /// Tells the customer an instruction may break privacy law and is suspended (art. 2.4).
    InstructionDoubt,
    /// Announces a new version of the customer's security measures document (art. 4.3).
    SecurityDocument,
    /// Tells the customer of a legal demand to disclose its data, and of the disclosure
    /// (art. 3.2).
    DisclosureNotice,
}

impl DocumentKind {
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::BreachNotice => "breach_notice",
            DocumentKind::AuditAcknowledgement => "audit_acknowledgement",
            DocumentKind::AuditFindings => "audit_findings",
            DocumentKind::SubProcessorChange => "sub_processor_change",
            DocumentKind::ServiceEndConfirmation => "service_end_confirmation",
            DocumentKind::InstructionDoubt => "instruction_doubt",
            DocumentKind::SecurityDocument => "security_document",
            DocumentKind::DisclosureNotice => "disclosure_notice",
        }
    }

    pub const ALL: [DocumentKind; 8] = [
        DocumentKind::BreachNotice,
        DocumentKind::AuditAcknowledgement,
        DocumentKind::AuditFindings,
        DocumentKind::SubProcessorChange,
        DocumentKind::ServiceEndConfirmation,
        DocumentKind::InstructionDoubt,
        DocumentKind::SecurityDocument,
        DocumentKind::DisclosureNotice,
    ];

    pub fn from_code(code: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The first version of a document of this kind: a breach notice counts its updates
    /// after the initial notice (0), every other document its versions from 1.
    pub fn first_version(self) -> u32 {
        match self {
            DocumentKind::BreachNotice => 0,
            _ => 1,
        }
    }

    /// The start of the file name, in the customer's language.
    pub fn file_stem(self, language: Language) -> &'static str {
        match (self, language) {
            (DocumentKind::BreachNotice, Language::Nl) => "datalek",
            (DocumentKind::BreachNotice, Language::En) => "breach",
            (DocumentKind::AuditAcknowledgement, Language::Nl) => "audit-bevestiging",
            (DocumentKind::AuditAcknowledgement, Language::En) => "audit-acknowledgement",
            (DocumentKind::AuditFindings, Language::Nl) => "audit-bevindingen",
            (DocumentKind::AuditFindings, Language::En) => "audit-findings",
            (DocumentKind::SubProcessorChange, Language::Nl) => "subverwerker-wijziging",
            (DocumentKind::SubProcessorChange, Language::En) => "sub-processor-change",
            (DocumentKind::ServiceEndConfirmation, Language::Nl) => "einde-dienst-bevestiging",
            (DocumentKind::ServiceEndConfirmation, Language::En) => "end-of-service-confirmation",
            (DocumentKind::InstructionDoubt, Language::Nl) => "instructie-twijfel",
            (DocumentKind::InstructionDoubt, Language::En) => "instruction-doubt",
            (DocumentKind::SecurityDocument, Language::Nl) => "beveiligingsdocument",
            (DocumentKind::SecurityDocument, Language::En) => "security-document",
            (DocumentKind::DisclosureNotice, Language::Nl) => "verstrekkingsverzoek",
            (DocumentKind::DisclosureNotice, Language::En) => "disclosure-request",
        }
    }
}

/// A kept document as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocumentSummary {
    pub id: i64,
    pub kind: DocumentKind,
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
    fn every_kind_reads_back_from_its_code() {
        for kind in DocumentKind::ALL {
            assert_eq!(DocumentKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(DocumentKind::from_code("letter"), None);
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
