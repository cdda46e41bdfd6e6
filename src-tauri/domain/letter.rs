//! Notices other than breach notices: to one customer about an audit or a sub-processor
//! change. Like breach notices they are kept with the facts they were made from and a sent
//! log; what they say is frozen here when they are generated.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::audit::{AuditRecord, NoticePeriod};
use super::customer::Language;
use super::notice::Delivery;
use super::settings::Processor;
use super::subprocessor::{ChangeKind, SubProcessorRecord};

/// What a notice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LetterKind {
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

impl LetterKind {
    pub fn code(self) -> &'static str {
        match self {
            LetterKind::AuditAcknowledgement => "audit_acknowledgement",
            LetterKind::AuditFindings => "audit_findings",
            LetterKind::SubProcessorChange => "sub_processor_change",
            LetterKind::ServiceEndConfirmation => "service_end_confirmation",
            LetterKind::InstructionDoubt => "instruction_doubt",
            LetterKind::SecurityDocument => "security_document",
            LetterKind::DisclosureNotice => "disclosure_notice",
        }
    }

    pub fn from_code(code: &str) -> Option<LetterKind> {
        [
            LetterKind::AuditAcknowledgement,
            LetterKind::AuditFindings,
            LetterKind::SubProcessorChange,
            LetterKind::ServiceEndConfirmation,
            LetterKind::InstructionDoubt,
            LetterKind::SecurityDocument,
            LetterKind::DisclosureNotice,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }

    /// The start of the file name, in the customer's language.
    pub fn file_stem(self, language: Language) -> &'static str {
        match (self, language) {
            (LetterKind::AuditAcknowledgement, Language::Nl) => "audit-bevestiging",
            (LetterKind::AuditAcknowledgement, Language::En) => "audit-acknowledgement",
            (LetterKind::AuditFindings, Language::Nl) => "audit-bevindingen",
            (LetterKind::AuditFindings, Language::En) => "audit-findings",
            (LetterKind::SubProcessorChange, Language::Nl) => "subverwerker-wijziging",
            (LetterKind::SubProcessorChange, Language::En) => "sub-processor-change",
            (LetterKind::ServiceEndConfirmation, Language::Nl) => "einde-dienst-bevestiging",
            (LetterKind::ServiceEndConfirmation, Language::En) => "end-of-service-confirmation",
            (LetterKind::InstructionDoubt, Language::Nl) => "instructie-twijfel",
            (LetterKind::InstructionDoubt, Language::En) => "instruction-doubt",
            (LetterKind::SecurityDocument, Language::Nl) => "beveiligingsdocument",
            (LetterKind::SecurityDocument, Language::En) => "security-document",
            (LetterKind::DisclosureNotice, Language::Nl) => "verstrekkingsverzoek",
            (LetterKind::DisclosureNotice, Language::En) => "disclosure-request",
        }
    }
}

/// The addressee and sender of a notice, frozen with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterHead {
    pub language: Language,
    pub generated_at: DateTime<Utc>,
    pub processor: Processor,
    pub customer_name: String,
    pub customer_kvk_number: String,
    /// 1 for the first notice of its kind about the same thing, 2 for a corrected one, ...
    pub version: u32,
}

/// What an audit notice says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditLetterFacts {
    pub head: LetterHead,
    pub kind: LetterKind,
    pub audit_number: String,
    pub audit: AuditRecord,
    pub period: NoticePeriod,
}

/// What a sub-processor change notice says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChangeNoticeFacts {
    pub head: LetterHead,
    pub kind: ChangeKind,
    pub sub_processor: SubProcessorRecord,
    pub eea: bool,
    pub replaces: Option<SubProcessorRecord>,
    pub intended_start: NaiveDate,
    pub window_days: u32,
    /// False when the customer has no signed agreement and the default window applies.
    pub window_from_agreement: bool,
}

/// What the confirmation of the end of service says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ServiceEndFacts {
    pub head: LetterHead,
    pub end: super::service_end::ServiceEndRecord,
}

/// What the notice of a doubted instruction says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InstructionDoubtFacts {
    pub head: LetterHead,
    pub instruction: super::instruction::InstructionRecord,
    pub from: String,
    pub from_designated: bool,
}

/// What the notice of a new security document version says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SecurityDocumentFacts {
    pub head: LetterHead,
    pub document: super::security_document::SecurityDocumentRecord,
    pub replaces: Option<String>,
}

/// What the notice of a disclosure request says to one customer: the request without the
/// other customers it concerns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DisclosureNoticeFacts {
    pub head: LetterHead,
    pub number: String,
    pub request: super::disclosure::DisclosureRecord,
}

/// A kept notice as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterSummary {
    pub id: i64,
    pub kind: LetterKind,
    pub customer_id: i64,
    pub customer_name: String,
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

/// The file name: `audit-bevestiging-2026-003-Klant-12.pdf`, with `-v2` for a later version.
pub fn letter_file_name(
    kind: LetterKind,
    subject: &str,
    customer_stem: &str,
    version: u32,
    language: Language,
) -> String {
    let stem = kind.file_stem(language);
    match version {
        0 | 1 => format!("{stem}-{subject}-{customer_stem}.pdf"),
        n => format!("{stem}-{subject}-{customer_stem}-v{n}.pdf"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_what_and_for_whom() {
        assert_eq!(
            letter_file_name(
                LetterKind::AuditAcknowledgement,
                "2026-003",
                "Klant-12",
                1,
                Language::Nl
            ),
            "audit-bevestiging-2026-003-Klant-12.pdf"
        );
        assert_eq!(
            letter_file_name(
                LetterKind::SubProcessorChange,
                "Rekenwolk",
                "Client-3",
                2,
                Language::En
            ),
            "sub-processor-change-Rekenwolk-Client-3-v2.pdf"
        );
        for kind in [
            LetterKind::AuditAcknowledgement,
            LetterKind::AuditFindings,
            LetterKind::SubProcessorChange,
            LetterKind::ServiceEndConfirmation,
            LetterKind::InstructionDoubt,
            LetterKind::SecurityDocument,
            LetterKind::DisclosureNotice,
        ] {
            assert_eq!(LetterKind::from_code(kind.code()), Some(kind));
        }
    }
}

/// The sending of every unsent notice of an announcement at once, each to the customer's
/// contacts that receive notices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SendingInput {
    /// `24-11-2026 14:30`
    pub sent_at: String,
    pub method: super::notice::SendMethod,
}
