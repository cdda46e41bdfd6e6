//! The security measures document per customer (art. 4.2–4.3): its versions, each replacing
//! the one before, with what changed; a new version is announced to the customer.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::document::{DocumentKind, DocumentSummary};
use super::letter::LetterHead;
use super::validation::{Errors, FieldCode, FieldError};

/// Announces a new version of the customer's security measures document (art. 4.3).
pub const NOTICE: DocumentKind = DocumentKind::new(
    "security_document",
    "beveiligingsdocument",
    "security-document",
);

/// A version as typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SecurityDocumentInput {
    /// `2.1`
    pub version: String,
    /// `24-11-2026`
    pub document_date: String,
    /// What changed since the previous version.
    pub summary: String,
    /// Where the document is: a file name or a document number.
    pub file_reference: String,
    /// When to review the measures next (art. 4.2: regularly); empty when not planned.
    pub review_on: String,
}

/// How many days ahead a review of the measures shows on the dashboard.
pub const REVIEW_NOTICE_DAYS: u64 = 30;

/// A version as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SecurityDocumentRecord {
    pub version: String,
    pub document_date: NaiveDate,
    pub summary: String,
    pub file_reference: String,
    #[serde(default)]
    pub review_on: Option<NaiveDate>,
}

/// Checks a version: a label, a date that has passed and is not before the previous
/// version's, what changed (the first version may say it is the first), and a review date
/// after the document's.
pub fn check_security_document(
    input: &SecurityDocumentInput,
    previous: Option<&SecurityDocumentRecord>,
    today: NaiveDate,
) -> Result<SecurityDocumentRecord, Vec<FieldError>> {
    let mut e = Errors::default();
    let version = e.text("version", &input.version, true, 50);
    if previous.is_some_and(|p| p.version.eq_ignore_ascii_case(&version)) {
        e.add("version", FieldCode::DuplicateLabel);
    }
    let date = e.date("document_date", &input.document_date);
    match date {
        None if !e.has("document_date") => e.add("document_date", FieldCode::Required),
        Some(d) if d > today => e.add("document_date", FieldCode::InFuture),
        Some(d) if previous.is_some_and(|p| d < p.document_date) => {
            e.add("document_date", FieldCode::EndBeforeStart)
        }
        _ => {}
    }
    let review_on = e.date("review_on", &input.review_on);
    if let (Some(date), Some(review)) = (date, review_on) {
        if review <= date {
            e.add("review_on", FieldCode::ReviewBeforeDocument);
        }
    }
    let record = SecurityDocumentRecord {
        version,
        review_on,
        document_date: date.unwrap_or_default(),
        summary: e.text("summary", &input.summary, previous.is_some(), 5_000),
        file_reference: e.text("file_reference", &input.file_reference, false, 500),
    };
    e.finish(record)
}

/// A version as lists show it; the latest is current, the others are replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SecurityDocument {
    pub id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    #[serde(flatten)]
    pub record: SecurityDocumentRecord,
    pub current: bool,
    pub recorded_at: DateTime<Utc>,
    pub letters: Vec<DocumentSummary>,
}

/// What the notice of a new security document version says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SecurityDocumentFacts {
    pub head: LetterHead,
    pub document: SecurityDocumentRecord,
    pub replaces: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::{codes, parse_date};

    #[test]
    fn a_new_version_has_its_own_label_a_later_date_and_says_what_changed() {
        let today = parse_date("24-11-2026").unwrap();
        let first = SecurityDocumentInput {
            version: "1.0".into(),
            document_date: "01-03-2025".into(),
            ..Default::default()
        };
        let kept = check_security_document(&first, None, today).unwrap();
        let again = SecurityDocumentInput {
            version: "1.0".into(),
            document_date: "01-02-2025".into(),
            ..Default::default()
        };
        assert_eq!(
            codes(check_security_document(&again, Some(&kept), today)),
            [
                ("version".into(), FieldCode::DuplicateLabel),
                ("document_date".into(), FieldCode::EndBeforeStart),
                ("summary".into(), FieldCode::Required),
            ]
        );
        let future = SecurityDocumentInput {
            version: "2.0".into(),
            document_date: "25-11-2026".into(),
            summary: "MFA voor beheerders".into(),
            ..Default::default()
        };
        assert_eq!(
            codes(check_security_document(&future, Some(&kept), today)),
            [("document_date".into(), FieldCode::InFuture)]
        );
    }

    #[test]
    fn the_next_review_comes_after_the_document() {
        let today = parse_date("24-11-2026").unwrap();
        let mut input = SecurityDocumentInput {
            version: "1.0".into(),
            document_date: "01-03-2026".into(),
            review_on: "01-03-2027".into(),
            ..Default::default()
        };
        let kept = check_security_document(&input, None, today).unwrap();
        assert_eq!(kept.review_on, parse_date("01-03-2027"));
        for wrong in ["01-03-2026", "28-02-2026"] {
            input.review_on = wrong.into();
            assert_eq!(
                codes(check_security_document(&input, None, today)),
                [("review_on".into(), FieldCode::ReviewBeforeDocument)]
            );
        }
        input.review_on = "1 maart".into();
        assert_eq!(
            codes(check_security_document(&input, None, today)),
            [("review_on".into(), FieldCode::InvalidDate)]
        );
    }
}
