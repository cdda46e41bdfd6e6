//! The officer's own covering text for the e-mail that carries a document (Settings, one per
//! language): free text with placeholders for what differs per e-mail. Empty means the
//! built-in text.

use super::validation::{Errors, FieldCode};

/// What a covering text may name: the document's subject line, the processor's name, and
/// whom to ask (the privacy contact and address).
pub const PLACEHOLDERS: [&str; 3] = ["{subject}", "{processor}", "{contact}"];

/// The most characters a covering text may have.
pub const MAX_CHARS: usize = 2_000;

/// Checks a covering text: short enough, no control characters, only known placeholders,
/// braces only around them, and `{subject}` in it (so the e-mail says what is attached).
/// Empty is allowed. Returns it trimmed.
pub fn check_covering_text(errors: &mut Errors, field: &str, text: &str) -> String {
    let trimmed = errors.text(field, text, false, MAX_CHARS);
    if trimmed.is_empty() || errors.has(field) {
        return trimmed;
    }
    let mut rest = trimmed.as_str();
    let mut names_subject = false;
    while let Some(open) = rest.find(['{', '}']) {
        let tail = &rest[open..];
        let Some(placeholder) = PLACEHOLDERS.iter().find(|p| tail.starts_with(*p)) else {
            errors.add(field, FieldCode::UnknownPlaceholder);
            return trimmed;
        };
        names_subject |= *placeholder == "{subject}";
        rest = &tail[placeholder.len()..];
    }
    if !names_subject {
        errors.add(field, FieldCode::SubjectPlaceholderMissing);
    }
    trimmed
}

/// The covering text with its placeholders filled in (a checked text).
pub fn fill_covering_text(text: &str, subject: &str, processor: &str, contact: &str) -> String {
    // One pass, so a value that itself contains a placeholder is left as it is.
    let mut out = String::with_capacity(text.len() + subject.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        let value = [
            ("{subject}", subject),
            ("{processor}", processor),
            ("{contact}", contact),
        ]
        .into_iter()
        .find(|(p, _)| tail.starts_with(p));
        match value {
            Some((placeholder, value)) => {
                out.push_str(value);
                rest = &tail[placeholder.len()..];
            }
            None => {
                out.push('{');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::codes;

    fn check(text: &str) -> Vec<(String, FieldCode)> {
        let mut errors = Errors::default();
        let checked = check_covering_text(&mut errors, "covering_text_nl", text);
        codes(errors.finish(checked))
    }

    #[test]
    fn a_covering_text_names_the_subject_and_only_known_placeholders() {
        assert!(check("").is_empty(), "empty: the built-in text");
        assert!(
            check("Beste klant,\n\nBijgaand: {subject}.\n\nGroet,\n{processor}\n{contact}")
                .is_empty()
        );
        let field = |code| vec![("covering_text_nl".to_string(), code)];
        assert_eq!(
            check("Bijgaand: {onderwerp}"),
            field(FieldCode::UnknownPlaceholder)
        );
        assert_eq!(
            check("Bijgaand: {subject"),
            field(FieldCode::UnknownPlaceholder)
        );
        assert_eq!(
            check("Bijgaand: subject}"),
            field(FieldCode::UnknownPlaceholder)
        );
        assert_eq!(
            check("Zie de bijlage. {processor}"),
            field(FieldCode::SubjectPlaceholderMissing)
        );
        assert_eq!(check(&"x".repeat(MAX_CHARS + 1)), field(FieldCode::TooLong));
        assert_eq!(check("{subject}\u{7}"), field(FieldCode::ControlCharacters));
    }

    #[test]
    fn placeholders_are_filled_once_and_values_are_not_read_as_placeholders() {
        assert_eq!(
            fill_covering_text(
                "Bijgaand {subject}. Vragen: {contact}. {processor}",
                "Melding 1",
                "Wolkwerk",
                "J. Jansen"
            ),
            "Bijgaand Melding 1. Vragen: J. Jansen. Wolkwerk"
        );
        assert_eq!(
            fill_covering_text("{subject} / {subject}", "Klant {processor}", "Wolkwerk", ""),
            "Klant {processor} / Klant {processor}"
        );
    }
}
