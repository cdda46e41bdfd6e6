//! The short covering text of the e-mail a document is sent with, in the customer's
//! language: what is attached, and whom to ask. The built-in text states no deadline or
//! condition of its own; the attached document says what the agreement says. The officer
//! may set their own text per language (Settings).

use super::words::Words;
use crate::domain::covering_text::fill_covering_text;
use crate::domain::customer::Language;
use crate::domain::settings::Processor;

/// The body of the e-mail that carries the document named by `subject_line`: the officer's
/// own text for the language (`own`, checked) with its placeholders filled, else the
/// built-in one.
pub fn covering_text(
    language: Language,
    subject_line: &str,
    processor: &Processor,
    own: &str,
) -> String {
    let contact = if processor.privacy_contact.is_empty() {
        processor.email.clone()
    } else {
        format!("{} ({})", processor.privacy_contact, processor.email)
    };
    if !own.is_empty() {
        return fill_covering_text(own, subject_line, &processor.name, &contact) + "\n";
    }
    let w = Words(language);
    [
        w.t("Geachte heer, mevrouw,", "Dear Sir or Madam,")
            .to_string(),
        format!(
            "{} {subject_line}.",
            w.t(
                "In de bijlage vindt u onze kennisgeving:",
                "Please find attached our notice:"
            )
        ),
        format!(
            "{} {contact}.",
            w.t(
                "Met vragen kunt u terecht bij",
                "For questions, please contact"
            )
        ),
        format!(
            "{}\n{}",
            w.t("Met vriendelijke groet,", "Kind regards,"),
            processor.name
        ),
    ]
    .join("\n\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn processor() -> Processor {
        Processor {
            name: "Wolkwerk B.V.".into(),
            address: String::new(),
            kvk_number: String::new(),
            privacy_contact: "J. de Vries".into(),
            email: "privacy@wolkwerk.example".into(),
        }
    }

    #[test]
    fn the_covering_text_names_the_document_and_whom_to_ask_in_the_customers_language() {
        let nl = covering_text(
            Language::Nl,
            "Melding datalek 2026-004 – eerste melding – Klant",
            &processor(),
            "",
        );
        assert!(nl.contains("In de bijlage vindt u onze kennisgeving: Melding datalek 2026-004 – eerste melding – Klant."));
        assert!(nl.contains("J. de Vries (privacy@wolkwerk.example)"));
        assert!(nl.ends_with("Wolkwerk B.V.\n"));
        let en = covering_text(
            Language::En,
            "Personal data breach notice 2026-004",
            &processor(),
            "",
        );
        assert!(en.starts_with("Dear Sir or Madam,"));
        assert!(
            en.contains("Please find attached our notice: Personal data breach notice 2026-004.")
        );
        assert!(!en.contains("bijlage"));
    }

    #[test]
    fn without_a_privacy_contact_the_address_is_whom_to_ask() {
        let mut p = processor();
        p.privacy_contact.clear();
        let text = covering_text(Language::En, "Notice", &p, "");
        assert!(text.contains("For questions, please contact privacy@wolkwerk.example."));
    }

    #[test]
    fn the_officers_own_text_is_used_with_its_placeholders_filled() {
        let own = "Beste relatie,\n\nHierbij {subject}.\n\n{contact}\n{processor}";
        let text = covering_text(Language::Nl, "Melding datalek 2026-004", &processor(), own);
        assert_eq!(
            text,
            "Beste relatie,\n\nHierbij Melding datalek 2026-004.\n\nJ. de Vries (privacy@wolkwerk.example)\nWolkwerk B.V.\n"
        );
    }
}
