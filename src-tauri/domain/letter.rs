//! What every letter (a document other than a breach notice) has in common: the addressee
//! and sender frozen with it, and its file name. What each letter says lives with the
//! entity it is about.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::customer::Language;
use super::document::DocumentKind;
use super::settings::Processor;

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

/// The file name: `audit-bevestiging-2026-003-Klant-12.pdf`, with `-v2` for a later version.
pub fn letter_file_name(
    kind: DocumentKind,
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
    use crate::domain::{audit, subprocessor};

    #[test]
    fn file_names_say_what_and_for_whom() {
        assert_eq!(
            letter_file_name(
                audit::ACKNOWLEDGEMENT,
                "2026-003",
                "Klant-12",
                1,
                Language::Nl
            ),
            "audit-bevestiging-2026-003-Klant-12.pdf"
        );
        assert_eq!(
            letter_file_name(
                subprocessor::CHANGE_NOTICE,
                "Rekenwolk",
                "Client-3",
                2,
                Language::En
            ),
            "sub-processor-change-Rekenwolk-Client-3-v2.pdf"
        );
    }
}
