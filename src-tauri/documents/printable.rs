//! What the embedded fonts can print. A document holding a character they lack is refused
//! before anything is kept, naming where it stands and which characters, rather than
//! printed with boxes the customer cannot read and a text layer that loses them. Latin,
//! Greek and Cyrillic are covered; scripts written right to left or shaped (Hebrew, Arabic)
//! and the rest are not, since printing them without bidirectional layout and shaping
//! would misspell them.

use super::fonts::Fonts;
use super::layout::{Document, Item};
use crate::error::AppError;

/// The first text of a document that cannot be printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unprintable {
    /// What the document is, as its footer says.
    pub document: String,
    /// Where the text stands: the label of its row or the heading of its section; empty for
    /// the letterhead, which holds the processor's details.
    pub place: String,
    /// The text, shortened to its first 120 characters.
    pub text: String,
    /// Each character the fonts lack, once, as `ש U+05E9` (an invisible one as `U+202E`).
    pub characters: Vec<String>,
}

impl From<Unprintable> for AppError {
    fn from(u: Unprintable) -> Self {
        AppError::Unprintable {
            document: u.document,
            place: u.place,
            text: u.text,
            characters: u.characters,
        }
    }
}

/// Checks every text of the document against the fonts.
pub fn check(fonts: &Fonts, document: &Document) -> Result<(), Unprintable> {
    let refuse = |place: &str, text: &str| -> Result<(), Unprintable> {
        let mut missing: Vec<char> = text
            .chars()
            .filter(|&c| !fonts.covers(c.encode_utf8(&mut [0; 4])))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        missing.dedup();
        let mut characters: Vec<String> = Vec::new();
        for c in missing {
            let code = format!("U+{:04X}", u32::from(c));
            let shown = if visible(c) {
                format!("{c} {code}")
            } else {
                code
            };
            if !characters.contains(&shown) {
                characters.push(shown);
            }
        }
        Err(Unprintable {
            document: document.identity.clone(),
            place: place.to_string(),
            text: text.chars().take(120).collect(),
            characters,
        })
    };
    let mut section = String::new();
    for item in &document.items {
        match item {
            Item::Title(text) | Item::Heading(text) => {
                refuse(text, text)?;
                section = text.clone();
            }
            Item::Paragraph(text) | Item::Bullet(text) | Item::Note(text) => {
                refuse(&section, text)?
            }
            Item::Numbered { number, text } => refuse(number, text)?,
            Item::KeyValues(rows) => {
                for (label, value) in rows {
                    refuse(&section, label)?;
                    refuse(label, value)?;
                }
            }
            Item::SideBySide { heads, rows } => {
                refuse(&section, &heads.0)?;
                refuse(&section, &heads.1)?;
                for (left, right) in rows {
                    refuse(&heads.0, left)?;
                    refuse(&heads.1, right)?;
                }
            }
        }
    }
    // The letterhead holds the processor's details (place left empty for that); the footer
    // repeats what the items said, so it is checked last.
    for line in &document.letterhead {
        refuse("", line)?;
    }
    refuse(&section, &document.identity)
}

/// Whether a message can show the character itself; controls, direction marks and joiners
/// are shown by their code point alone.
fn visible(c: char) -> bool {
    !(c.is_control()
        || matches!(u32::from(c), 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(items: Vec<Item>) -> Document {
        Document {
            letterhead: vec!["Wolkwerk B.V.".into()],
            identity: "Incident 2026-001".into(),
            page_label: "pagina {page} van {pages}".into(),
            continued: "vervolg".into(),
            items,
        }
    }

    #[test]
    fn the_scripts_of_the_eu_print() {
        let names = "Zorgé Ærø İstanbul Łódź Ελληνικά Θεσσαλονίκη Български Київ Sveučilište \
                     Šiauliai Māris Ōsaka ß € – “quote” ‘x’ • ½";
        let doc = document(vec![Item::KeyValues(vec![("Aan".into(), names.into())])]);
        assert_eq!(check(Fonts::embedded(), &doc), Ok(()));
    }

    #[test]
    fn other_scripts_are_refused_naming_the_place_and_the_characters() {
        let doc = document(vec![
            Item::Heading("Betrokkenen".into()),
            Item::KeyValues(vec![("Aan".into(), "Zorgé שלום Ærø İstanbul Łódź".into())]),
        ]);
        let refused = check(Fonts::embedded(), &doc).unwrap_err();
        assert_eq!(refused.place, "Aan");
        assert_eq!(refused.text, "Zorgé שלום Ærø İstanbul Łódź");
        assert_eq!(
            refused.characters,
            ["ש U+05E9", "ל U+05DC", "ו U+05D5", "ם U+05DD"]
        );
        // In a paragraph: its section's heading; an invisible character by its code point.
        let doc = document(vec![
            Item::Heading("Samenvatting".into()),
            Item::Paragraph("abc\u{7}def 😀".into()),
        ]);
        let refused = check(Fonts::embedded(), &doc).unwrap_err();
        assert_eq!(refused.place, "Samenvatting");
        assert_eq!(refused.characters, ["U+0007", "😀 U+1F600"]);
    }
}
