//! Field errors with stable codes, and the small checks every form shares.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Why a field was refused. The UI translates the code; the code never changes meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FieldCode {
    Required,
    TooLong,
    InvalidKvk,
    DuplicateKvk,
    InvalidEmail,
    InvalidPhone,
    InvalidDate,
    EndBeforeStart,
    TooManyContacts,
    ContactNeedsEmail,
    PassphraseTooShort,
    PassphraseMismatch,
    PassphraseUnchanged,
    OutOfRange,
    ControlCharacters,
    InFuture,
    DuplicateLabel,
    InvalidTransition,
    BeforeCurrentAgreement,
    TemplateEmpty,
    TemplateWithoutArticles,
    NotText,
    NotAbsolutePath,
    FileNotFound,
    InvalidTime,
    /// A time in the hour skipped when summer time starts.
    NonexistentTime,
    InvalidNumber,
    MinAboveMax,
    /// A moment of the breach given as later than its discovery.
    AfterDiscovery,
    /// An update for a customer whose facts did not change since its last notice.
    NothingChanged,
    NoCustomers,
    /// A customer that received a notice stays on the incident.
    AlreadyNotified,
    /// An audit date sooner than the notice period of the customer's agreement allows.
    WithinNoticePeriod,
    /// An objection recorded after the objection window closed.
    AfterDeadline,
    /// A moment that must come before the receipt of the request comes after it.
    AfterReceipt,
    UnknownCountry,
    /// The findings summary before the findings were discussed with the customer.
    FindingsNotDiscussed,
    /// A transfer approval for a country inside the EEA, where none is needed.
    InsideEea,
    /// A disclosure before the ground or the requester's identity was verified.
    NotVerified,
    /// A disclosure while a customer concerned was neither told nor legally barred.
    CustomerNotInformed,
    /// A notice to a customer the law forbids us to tell.
    LegallyBarred,
    /// A brace in a covering text that is not one of its placeholders.
    UnknownPlaceholder,
    /// A covering text that does not name the document it carries (`{subject}`).
    SubjectPlaceholderMissing,
    /// A mail server's host that is not a host name (spaces, a URL, an e-mail address).
    InvalidHost,
    /// An unencrypted connection to a mail server on another computer.
    UnencryptedRemote,
    /// An imported language that is neither Dutch nor English.
    UnknownLanguage,
    /// An imported yes/no that reads as neither.
    UnknownYesNo,
    /// A customer (the same KvK number, or the same name without one) on an earlier row of
    /// the same import.
    DuplicateInFile,
    /// An imported cell that holds a formula or a spreadsheet error instead of a value.
    Formula,
    /// A file that is neither CSV nor a workbook that can be read (damaged, protected).
    NotSpreadsheet,
    /// A sheet with merged cells.
    MergedCells,
    /// A file or sheet without a header row.
    EmptyTable,
    /// More columns than a customer list can have.
    TooManyColumns,
    /// The file changed after its preview was shown.
    FileChanged,
    /// An import with refused rows that the officer did not choose to skip.
    RowsRefused,
    /// An imported agreement version that no template version in the vault is labelled.
    UnknownVersion,
    /// A `.docx` that cannot be read as a Word document.
    NotWordDocument,
    /// A `.pdf` that cannot be read (damaged, or a password to open it).
    NotPdf,
    /// A PDF without text: a scan, or only pictures.
    PdfWithoutText,
    /// A PDF that takes longer to read than any agreement should.
    PdfTooSlow,
    /// The PDF reader (poppler's `pdftotext`) is not installed.
    PdfReaderMissing,
    /// A term for notifying breaches in an agreement that does not oblige to notify them.
    NoticeTermWithoutNotification,
    /// A review date on or before the day the agreement was signed.
    ReviewBeforeSigning,
    /// When the breach was contained, while it is said to go on.
    ContainedWhileOngoing,
    /// A detail of informing someone (a reference, a moment) while they are not said to be
    /// informed.
    OnlyWhenInformed,
    /// A final notice for a breach not known to have ended.
    StillOngoing,
    /// A notice to a customer after its final notice about the incident.
    ReportingClosed,
    /// The customer's AP reference or date while it is not said to have reported to the AP.
    OnlyWhenReported,
    /// A review date of a security document on or before the document's own date.
    ReviewBeforeDocument,
    /// A date that has passed where one still to come is needed (an amendment's effective
    /// date).
    InPast,
    /// A customer's answer dated before the amendment was announced.
    BeforeAnnouncement,
    /// An answer to an amendment that needs none (required by law), or a second answer.
    NoAnswerExpected,
}

/// One refused field: `field` is the input's path, e.g. `contacts.1.email`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldError {
    pub field: String,
    pub code: FieldCode,
}

impl FieldError {
    pub fn new(field: &str, code: FieldCode) -> Self {
        FieldError {
            field: field.to_string(),
            code,
        }
    }
}

/// Collects field errors while a form is checked, so the officer sees all of them at once.
#[derive(Debug, Default)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    pub fn add(&mut self, field: &str, code: FieldCode) {
        self.0.push(FieldError::new(field, code));
    }

    /// Trims the text and checks it is present (when required), short enough and free of
    /// control characters other than line breaks.
    pub fn text(&mut self, field: &str, value: &str, required: bool, max_chars: usize) -> String {
        let trimmed = value.trim().to_string();
        if required && trimmed.is_empty() {
            self.add(field, FieldCode::Required);
        } else if trimmed.chars().count() > max_chars {
            self.add(field, FieldCode::TooLong);
        } else if trimmed
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            self.add(field, FieldCode::ControlCharacters);
        }
        trimmed
    }

    /// Checks an optional e-mail address; returns it trimmed.
    pub fn email(&mut self, field: &str, value: &str, required: bool) -> String {
        let trimmed = self.text(field, value, required, 254);
        if !trimmed.is_empty() && !is_email(&trimmed) {
            self.add(field, FieldCode::InvalidEmail);
        }
        trimmed
    }

    /// Checks an optional KvK number (8 digits; spaces and dots are allowed while typing).
    pub fn kvk(&mut self, field: &str, value: &str) -> String {
        let digits: String = value
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect();
        if !digits.is_empty() && (digits.len() != 8 || !digits.chars().all(|c| c.is_ascii_digit()))
        {
            self.add(field, FieldCode::InvalidKvk);
        }
        digits
    }

    /// Reads an optional date typed the Dutch way (`24-11-2026`, also with `/` or `.`) or as
    /// ISO 8601 (`2026-11-24`).
    pub fn date(&mut self, field: &str, value: &str) -> Option<NaiveDate> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        let parsed = parse_date(value);
        if parsed.is_none() {
            self.add(field, FieldCode::InvalidDate);
        }
        parsed
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    /// Reads an amount in hundredths, typed the Dutch way (`1.250,50`), also `1250.50`;
    /// a euro sign is allowed (`€ 1250`). Euros become cents, hours hundredths of an hour.
    pub fn hundredths(&mut self, field: &str, text: &str) -> Option<u64> {
        let cleaned: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '€')
            .collect();
        if cleaned.is_empty() {
            return None;
        }
        let (whole, cents) = match cleaned.rsplit_once(',') {
            Some((whole, cents)) => (whole.replace('.', ""), cents.to_string()),
            None => match cleaned.rsplit_once('.') {
                Some((whole, cents)) if cents.len() <= 2 => {
                    (whole.replace('.', ""), cents.to_string())
                }
                _ => (cleaned.replace('.', ""), String::new()),
            },
        };
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        let parsed = (!whole.is_empty()
            && whole.len() <= 9
            && digits(&whole)
            && cents.len() <= 2
            && digits(&cents))
        .then(|| {
            let cents: u64 = format!("{cents:0<2}").parse().ok()?;
            Some(whole.parse::<u64>().ok()? * 100 + cents)
        })
        .flatten();
        if parsed.is_none() {
            self.add(field, FieldCode::InvalidNumber);
        }
        parsed
    }

    /// The value when no rule was broken, else every broken rule.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}

/// Reads `dd-mm-jjjj` (also with `/` or `.`) or `jjjj-mm-dd`.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = value.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (year, month, day) = if a.len() == 4 {
        (number(a)?, number(b)?, number(c)?)
    } else if c.len() == 4 {
        (number(c)?, number(b)?, number(a)?)
    } else {
        return None;
    };
    if !(1900..=2200).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// A practical e-mail check: one `@`, a local part, a domain with a dot, no spaces.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The (field, code) pairs of a validation result, for tests.
#[cfg(test)]
pub fn codes<T>(result: Result<T, Vec<FieldError>>) -> Vec<(String, FieldCode)> {
    result
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_the_dutch_way() {
        let cents = |text: &str| {
            let mut e = Errors::default();
            let value = e.hundredths("costs", text);
            e.finish(value).ok().flatten()
        };
        assert_eq!(cents("1.250,50"), Some(125_050));
        assert_eq!(cents("€ 1250"), Some(125_000));
        assert_eq!(cents("1250.5"), Some(125_050));
        assert_eq!(cents("1.250"), Some(125_000));
        assert_eq!(cents(""), None);
        for wrong in ["twaalf", "1,2,3", "-5", "12,345"] {
            let mut e = Errors::default();
            e.hundredths("costs", wrong);
            assert!(e.has("costs"), "{wrong}");
        }
    }

    #[test]
    fn emails() {
        assert!(is_email("privacy@klant.nl"));
        assert!(is_email("a.b+c@sub.example.co.uk"));
        for bad in [
            "",
            "no-at.nl",
            "@klant.nl",
            "a@klant",
            "a@@klant.nl",
            "a b@klant.nl",
            "a@.nl",
            "a@klant.",
            "a@klant..nl",
        ] {
            assert!(!is_email(bad), "{bad} accepted");
        }
    }

    #[test]
    fn kvk_numbers() {
        let mut errors = Errors::default();
        assert_eq!(errors.kvk("kvk", "1234 5678"), "12345678");
        assert_eq!(errors.kvk("kvk", "12.34.56.78"), "12345678");
        assert_eq!(errors.kvk("kvk", ""), "");
        assert!(!errors.has("kvk"));
        for bad in ["1234567", "123456789", "1234567a", "１２３４５６７８"] {
            let mut errors = Errors::default();
            errors.kvk("kvk", bad);
            assert!(errors.has("kvk"), "{bad} accepted");
        }
    }

    #[test]
    fn dates_are_read_the_dutch_way_and_as_iso() {
        let mut errors = Errors::default();
        let day = NaiveDate::from_ymd_opt(2026, 11, 24);
        for typed in ["24-11-2026", "24/11/2026", "24.11.2026", " 2026-11-24 "] {
            assert_eq!(errors.date("d", typed), day, "{typed}");
        }
        assert_eq!(
            errors.date("d", "1-2-2026"),
            NaiveDate::from_ymd_opt(2026, 2, 1)
        );
        assert_eq!(errors.date("d", ""), None);
        assert!(!errors.has("d"));
        for bad in [
            "31-02-2026",
            "24-13-2026",
            "11/24/26",
            "2026-11",
            "24-11-1850",
            "morgen",
            "24-11-2026-1",
            "+1-11-2026",
        ] {
            let mut errors = Errors::default();
            assert_eq!(errors.date("d", bad), None, "{bad}");
            assert!(errors.has("d"), "{bad} accepted");
        }
    }

    #[test]
    fn text_rules() {
        let mut errors = Errors::default();
        assert_eq!(errors.text("a", "  x  ", true, 5), "x");
        assert!(!errors.has("a"));
        errors.text("b", "   ", true, 5);
        errors.text("c", "123456", false, 5);
        errors.text("d", "bell\u{7}", false, 50);
        assert_eq!(
            codes(errors.finish(())),
            vec![
                ("b".into(), FieldCode::Required),
                ("c".into(), FieldCode::TooLong),
                ("d".into(), FieldCode::ControlCharacters)
            ]
        );
    }
}
