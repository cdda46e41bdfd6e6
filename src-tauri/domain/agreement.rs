//! Agreement templates with versions and terms (art. 1, 10.2), and each customer's
//! agreements with their status: draft → signed → superseded or ended.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::amendment::{AmendmentKind, AmendmentState};
use super::customer::Language;
use super::template::TemplateText;
use super::validation::{Errors, FieldCode, FieldError};

/// The terms of a template version. Every deadline the app computes comes from the terms of
/// the version the customer signed, never from constants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Terms {
    /// Days of notice the customer gives before an audit (art. 5.3).
    pub audit_notice_days: u32,
    /// Days the customer has to object to a new sub-processor (art. 8.2).
    pub objection_window_days: u32,
    /// Liability cap in whole euros per year (art. 9.1).
    pub liability_cap_eur: u32,
    /// Internal target for a first breach notice, in hours (art. 6.1).
    pub first_notice_target_hours: u32,
    /// Other terms, free text.
    pub other_terms: String,
}

/// A new template version as typed in the form; the date is text as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TemplateVersionInput {
    pub label: String,
    pub version_date: String,
    pub language: Language,
    pub terms: Terms,
    /// The imported agreement text, if any; it is split again when saved.
    pub source_text: Option<String>,
    /// The name of the file the text came from.
    pub source_name: String,
}

/// A template version that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateVersionRecord {
    pub label: String,
    pub version_date: NaiveDate,
    pub language: Language,
    pub terms: Terms,
    pub text: Option<TemplateText>,
    pub source_name: String,
}

/// A stored template version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TemplateVersion {
    pub id: i64,
    pub label: String,
    pub version_date: NaiveDate,
    pub language: Language,
    pub terms: Terms,
    pub text: Option<TemplateText>,
    pub source_name: String,
    /// The SHA-256 of the file the version was imported from, kept in the vault; empty when
    /// none is kept.
    pub source_sha256: String,
    /// How many agreements, of any status but draft, use this version; a version with
    /// such agreements can no longer be changed.
    pub signed_count: u32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AgreementStatus {
    Draft,
    Signed,
    Superseded,
    Ended,
}

impl AgreementStatus {
    pub fn code(self) -> &'static str {
        match self {
            AgreementStatus::Draft => "draft",
            AgreementStatus::Signed => "signed",
            AgreementStatus::Superseded => "superseded",
            AgreementStatus::Ended => "ended",
        }
    }

    pub fn from_code(code: &str) -> Option<AgreementStatus> {
        [Self::Draft, Self::Signed, Self::Superseded, Self::Ended]
            .into_iter()
            .find(|status| status.code() == code)
    }
}

/// A customer's agreement as typed in the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgreementInput {
    pub template_version_id: i64,
    pub status: AgreementStatus,
    pub signed_on: String,
    pub signed_by_name: String,
    pub signed_by_role: String,
    pub end_date: String,
    pub notes: String,
}

/// An agreement that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementRecord {
    pub template_version_id: i64,
    pub status: AgreementStatus,
    pub signed_on: Option<NaiveDate>,
    pub signed_by_name: String,
    pub signed_by_role: String,
    pub end_date: Option<NaiveDate>,
    pub notes: String,
}

/// A stored agreement with the label of its version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Agreement {
    pub id: i64,
    pub customer_id: i64,
    pub template_version_id: i64,
    pub version_label: String,
    pub status: AgreementStatus,
    pub signed_on: Option<NaiveDate>,
    pub signed_by_name: String,
    pub signed_by_role: String,
    pub end_date: Option<NaiveDate>,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The kind of amendment (art. 10.2) that made this agreement, when one did: by consent
    /// (signed by whoever consented) or required by law (signed by no one).
    #[serde(default)]
    pub amendment: Option<AmendmentKind>,
}

/// Checks the terms of a version.
fn terms_fields(errors: &mut Errors, terms: &Terms) -> Terms {
    let mut range = |field: &str, value: u32, range: std::ops::RangeInclusive<u32>| {
        if !range.contains(&value) {
            errors.add(field, FieldCode::OutOfRange);
        }
    };
    range("terms.audit_notice_days", terms.audit_notice_days, 1..=365);
    range(
        "terms.objection_window_days",
        terms.objection_window_days,
        1..=365,
    );
    range(
        "terms.liability_cap_eur",
        terms.liability_cap_eur,
        0..=1_000_000_000,
    );
    range(
        "terms.first_notice_target_hours",
        terms.first_notice_target_hours,
        1..=720,
    );
    Terms {
        other_terms: errors.text("terms.other_terms", &terms.other_terms, false, 10_000),
        ..terms.clone()
    }
}

/// Checks the terms of a version on their own (when they are edited).
pub fn check_terms(terms: &Terms) -> Result<Terms, Vec<FieldError>> {
    let mut errors = Errors::default();
    let terms = terms_fields(&mut errors, terms);
    errors.finish(terms)
}

/// Checks a new template version; the text, if given, has been split by the caller.
pub fn check_template_version(
    input: &TemplateVersionInput,
    text: Option<TemplateText>,
) -> Result<TemplateVersionRecord, Vec<FieldError>> {
    let mut errors = Errors::default();
    let label = errors.text("label", &input.label, true, 100);
    let version_date = errors.date("version_date", &input.version_date);
    if version_date.is_none() && !errors.has("version_date") {
        errors.add("version_date", FieldCode::Required);
    }
    let terms = terms_fields(&mut errors, &input.terms);
    let source_name = errors.text("source_name", &input.source_name, false, 255);
    let record = TemplateVersionRecord {
        label,
        version_date: version_date.unwrap_or_default(),
        language: input.language,
        terms,
        text,
        source_name,
    };
    errors.finish(record)
}

/// Checks an agreement. A signed agreement needs a signing date (not in the future) and a
/// signatory; an ended one an end date on or after signing. `today` is the officer's date.
pub fn check_agreement(
    input: &AgreementInput,
    today: NaiveDate,
) -> Result<AgreementRecord, Vec<FieldError>> {
    let mut errors = Errors::default();
    let signed_on = errors.date("signed_on", &input.signed_on);
    let end_date = errors.date("end_date", &input.end_date);
    let signed_by_name = errors.text("signed_by_name", &input.signed_by_name, false, 200);
    let signed_by_role = errors.text("signed_by_role", &input.signed_by_role, false, 200);
    let notes = errors.text("notes", &input.notes, false, 5_000);
    let is_signed = input.status != AgreementStatus::Draft;
    if is_signed && signed_on.is_none() && !errors.has("signed_on") {
        errors.add("signed_on", FieldCode::Required);
    }
    if is_signed && signed_by_name.is_empty() && !errors.has("signed_by_name") {
        errors.add("signed_by_name", FieldCode::Required);
    }
    if signed_on.is_some_and(|date| date > today) {
        errors.add("signed_on", FieldCode::InFuture);
    }
    if input.status == AgreementStatus::Ended && end_date.is_none() && !errors.has("end_date") {
        errors.add("end_date", FieldCode::Required);
    }
    if let (Some(start), Some(end)) = (signed_on, end_date) {
        if end < start {
            errors.add("end_date", FieldCode::EndBeforeStart);
        }
    }
    errors.finish(AgreementRecord {
        template_version_id: input.template_version_id,
        status: input.status,
        signed_on,
        signed_by_name,
        signed_by_role,
        end_date,
        notes,
    })
}

/// Whether an agreement may go from one status to another by the officer's hand.
/// Superseding happens only when the customer signs a newer agreement.
pub fn may_change_status(from: AgreementStatus, to: AgreementStatus) -> bool {
    use AgreementStatus::*;
    from == to
        || matches!(
            (from, to),
            (Draft, Signed) | (Draft, Ended) | (Signed, Ended)
        )
}

/// One row of the overview of who is on which version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgreementOverviewRow {
    pub customer_id: i64,
    pub customer_name: String,
    /// The version of the customer's signed agreement; `None` is a compliance gap.
    pub version_label: Option<String>,
    pub signed_on: Option<NaiveDate>,
    /// The newer version of an amendment the customer has not moved to yet, and where it
    /// stands: awaiting its answer, consented, or announced as required by law.
    pub pending: Option<(String, AmendmentState)>,
}

/// One page of that overview, the customers without a signed agreement first, with how
/// many customers there are and how many of them have no signed agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgreementOverview {
    pub rows: Vec<AgreementOverviewRow>,
    pub total: u32,
    pub without_agreement: u32,
    /// How many customers have not answered an amendment by consent.
    pub awaiting_answer: u32,
    pub offset: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::codes;

    fn terms() -> Terms {
        Terms {
            audit_notice_days: 30,
            objection_window_days: 14,
            liability_cap_eur: 1_000,
            first_notice_target_hours: 24,
            other_terms: String::new(),
        }
    }

    fn version() -> TemplateVersionInput {
        TemplateVersionInput {
            label: "2025.1".into(),
            version_date: "03-03-2025".into(),
            language: Language::Nl,
            terms: terms(),
            source_text: None,
            source_name: String::new(),
        }
    }

    fn agreement(status: AgreementStatus) -> AgreementInput {
        AgreementInput {
            template_version_id: 1,
            status,
            signed_on: "01-04-2025".into(),
            signed_by_name: "Anna de Vries".into(),
            signed_by_role: "Directeur".into(),
            end_date: String::new(),
            notes: String::new(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn a_version_needs_a_label_and_a_date() {
        let mut input = version();
        input.label = " ".into();
        input.version_date = "".into();
        assert_eq!(
            codes(check_template_version(&input, None)),
            vec![
                ("label".into(), FieldCode::Required),
                ("version_date".into(), FieldCode::Required)
            ]
        );
        assert!(check_template_version(&version(), None).is_ok());
    }

    #[test]
    fn terms_must_be_in_range() {
        let mut input = version();
        input.terms.audit_notice_days = 0;
        input.terms.objection_window_days = 366;
        input.terms.first_notice_target_hours = 0;
        assert_eq!(
            codes(check_template_version(&input, None)),
            vec![
                ("terms.audit_notice_days".into(), FieldCode::OutOfRange),
                ("terms.objection_window_days".into(), FieldCode::OutOfRange),
                (
                    "terms.first_notice_target_hours".into(),
                    FieldCode::OutOfRange
                ),
            ]
        );
    }

    #[test]
    fn a_draft_needs_nothing_but_a_signed_agreement_needs_date_and_signatory() {
        let mut draft = agreement(AgreementStatus::Draft);
        draft.signed_on = String::new();
        draft.signed_by_name = String::new();
        assert!(check_agreement(&draft, today()).is_ok());
        let mut signed = draft.clone();
        signed.status = AgreementStatus::Signed;
        assert_eq!(
            codes(check_agreement(&signed, today())),
            vec![
                ("signed_on".into(), FieldCode::Required),
                ("signed_by_name".into(), FieldCode::Required)
            ]
        );
    }

    #[test]
    fn signing_cannot_be_in_the_future() {
        let mut input = agreement(AgreementStatus::Signed);
        input.signed_on = "25-11-2026".into();
        assert_eq!(
            codes(check_agreement(&input, today())),
            vec![("signed_on".into(), FieldCode::InFuture)]
        );
        input.signed_on = "24-11-2026".into();
        assert!(check_agreement(&input, today()).is_ok());
    }

    #[test]
    fn an_ended_agreement_needs_an_end_date_after_signing() {
        let mut input = agreement(AgreementStatus::Ended);
        assert_eq!(
            codes(check_agreement(&input, today())),
            vec![("end_date".into(), FieldCode::Required)]
        );
        input.end_date = "31-03-2025".into();
        assert_eq!(
            codes(check_agreement(&input, today())),
            vec![("end_date".into(), FieldCode::EndBeforeStart)]
        );
        input.end_date = "01-04-2025".into();
        assert!(check_agreement(&input, today()).is_ok());
    }

    #[test]
    fn status_changes_follow_the_flow() {
        use AgreementStatus::*;
        assert!(may_change_status(Draft, Signed));
        assert!(may_change_status(Signed, Ended));
        assert!(may_change_status(Draft, Ended));
        assert!(!may_change_status(Signed, Draft));
        assert!(
            !may_change_status(Signed, Superseded),
            "only a newer signature supersedes"
        );
        assert!(!may_change_status(Superseded, Signed));
        assert!(!may_change_status(Ended, Signed));
    }
}
