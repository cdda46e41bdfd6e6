//! Rules for a new vault passphrase.

use super::validation::{Errors, FieldCode};

pub const MIN_PASSPHRASE_CHARS: usize = 12;
pub const MAX_PASSPHRASE_CHARS: usize = 1024;

/// Adds the errors of a new passphrase typed twice: long enough (in characters, not bytes),
/// not absurdly long, and the same both times.
pub fn check_new_passphrase(errors: &mut Errors, field: &str, passphrase: &str, confirm: &str) {
    let chars = passphrase.chars().count();
    if chars < MIN_PASSPHRASE_CHARS {
        errors.add(field, FieldCode::PassphraseTooShort);
    } else if chars > MAX_PASSPHRASE_CHARS {
        errors.add(field, FieldCode::TooLong);
    }
    if passphrase != confirm {
        errors.add(&format!("{field}_confirm"), FieldCode::PassphraseMismatch);
    }
}

/// Adds the errors of a passphrase change: the new one typed twice as for a new vault, and
/// different from the current one.
pub fn check_passphrase_change(errors: &mut Errors, current: &str, new: &str, confirm: &str) {
    check_new_passphrase(errors, "new_passphrase", new, confirm);
    if new == current && !errors.has("new_passphrase") {
        errors.add("new_passphrase", FieldCode::PassphraseUnchanged);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(passphrase: &str, confirm: &str) -> Vec<(String, FieldCode)> {
        let mut errors = Errors::default();
        check_new_passphrase(&mut errors, "passphrase", passphrase, confirm);
        crate::domain::validation::codes(errors.finish(()))
    }

    #[test]
    fn twelve_characters_are_enough() {
        assert!(codes("twelve chars", "twelve chars").is_empty());
        // Characters, not bytes: 12 accented letters pass, 11 do not.
        assert!(codes("ééééééééééëë", "ééééééééééëë").is_empty());
        assert_eq!(
            codes("éééééééééëë", "éééééééééëë"),
            vec![("passphrase".into(), FieldCode::PassphraseTooShort)]
        );
    }

    #[test]
    fn both_entries_must_match() {
        assert_eq!(
            codes("correct horse battery", "correct horse batterie"),
            vec![("passphrase_confirm".into(), FieldCode::PassphraseMismatch)]
        );
    }

    #[test]
    fn a_change_must_give_a_different_passphrase() {
        let change = |current: &str, new: &str| {
            let mut errors = Errors::default();
            check_passphrase_change(&mut errors, current, new, new);
            crate::domain::validation::codes(errors.finish(()))
        };
        assert_eq!(
            change("the same old phrase", "the same old phrase"),
            vec![("new_passphrase".into(), FieldCode::PassphraseUnchanged)]
        );
        assert!(change("the same old phrase", "a different phrase").is_empty());
    }

    #[test]
    fn absurd_lengths_are_refused() {
        let long = "x".repeat(MAX_PASSPHRASE_CHARS + 1);
        assert_eq!(
            codes(&long, &long),
            vec![("passphrase".into(), FieldCode::TooLong)]
        );
    }
}
