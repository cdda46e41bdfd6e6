//! What every letter (every document but a breach notice) shares: the head block with the
//! addressee, sender, date and version, the contact for questions, the PDF's properties,
//! the subject line and the file name. A kind of letter says only what is its own.

use chrono::{DateTime, Utc};

use super::issued::Issued;
use super::layout::{Document, Item};
use super::pdf::{render, Metadata};
use super::printable::Unprintable;
use super::words::{with_kvk, Words};
use crate::domain::customer::Language;
use crate::domain::document::DocumentKind;
use crate::domain::letter::{letter_file_name, LetterHead};
use crate::domain::time::display_local;

/// What a kind of letter says: its head frozen with it, its title, what it is about (on
/// every page and in the subject line) and its body. Implemented beside each renderer;
/// the rest of `Issued` follows from it.
pub trait Letter: serde::Serialize {
    fn head(&self) -> &LetterHead;
    fn kind(&self) -> DocumentKind;
    /// The title over the letter, e.g. "Bevestiging van uw auditverzoek".
    fn title(&self) -> String;
    /// What it is about, e.g. "Audit 2026-003"; the title when that says it already.
    fn identity(&self) -> String;
    fn body(&self) -> Vec<Item>;
}

impl<L: Letter> Issued for L {
    fn kind(&self) -> DocumentKind {
        Letter::kind(self)
    }

    fn language(&self) -> Language {
        self.head().language
    }

    fn generated_at(&self) -> DateTime<Utc> {
        self.head().generated_at
    }

    fn version(&self) -> u32 {
        self.head().version
    }

    fn customer_name(&self) -> &str {
        &self.head().customer_name
    }

    fn subject_line(&self) -> String {
        let (title, identity) = (self.title(), self.identity());
        let about = if title.contains(&identity) {
            title
        } else {
            format!("{title} – {identity}")
        };
        format!("{about} – {}", self.head().customer_name)
    }

    fn file_name(&self, subject: &str, customer_stem: &str) -> String {
        let head = self.head();
        letter_file_name(
            Letter::kind(self),
            subject,
            customer_stem,
            head.version,
            head.language,
        )
    }

    fn render(&self) -> Result<Vec<u8>, Unprintable> {
        let head = self.head();
        let identity = self.identity();
        let metadata = Metadata {
            title: self.subject_line(),
            author: head.processor.name.clone(),
            subject: identity.clone(),
            language: Words(head.language).t("nl-NL", "en-GB").into(),
            created: head.generated_at,
        };
        let document = letter_document(head, self.title(), &identity, self.body());
        render(&document, &metadata)
    }
}

/// The document in reading order: title, who to whom and when, the body, and whom to ask.
pub fn letter_document(
    head: &LetterHead,
    title: String,
    identity: &str,
    body: Vec<Item>,
) -> Document {
    let w = Words(head.language);
    let mut rows = vec![
        (
            w.t("Datum", "Date").into(),
            display_local(head.generated_at),
        ),
        (
            w.t("Aan", "To").into(),
            with_kvk(&head.customer_name, &head.customer_kvk_number, w),
        ),
        (
            w.t("Van", "From").into(),
            with_kvk(&head.processor.name, &head.processor.kvk_number, w),
        ),
    ];
    if head.version > 1 {
        rows.push((
            w.t("Versie", "Version").into(),
            format!(
                "{} {}",
                head.version,
                w.t(
                    "(vervangt de eerdere versie van deze kennisgeving)",
                    "(replaces the earlier version of this notice)"
                )
            ),
        ));
    }
    let mut items = vec![Item::Title(title), Item::KeyValues(rows)];
    items.extend(body);
    let p = &head.processor;
    let contact: Vec<&str> = [
        p.privacy_contact.as_str(),
        p.email.as_str(),
        p.address.as_str(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    items.push(Item::Heading(w.t("Vragen", "Questions").into()));
    items.push(Item::Paragraph(format!(
        "{} {}",
        w.t(
            "Met vragen over deze kennisgeving kunt u terecht bij:",
            "For questions about this notice, please contact:"
        ),
        if contact.is_empty() {
            p.name.as_str().to_string()
        } else {
            contact.join(", ")
        }
    )));
    Document {
        letterhead: [p.name.clone(), p.address.clone(), p.email.clone()]
            .into_iter()
            .filter(|line| !line.is_empty())
            .collect(),
        identity: format!("{identity} · {}", head.customer_name),
        page_label: w
            .t("pagina {page} van {pages}", "page {page} of {pages}")
            .into(),
        continued: w.t("vervolg", "continued").into(),
        items,
    }
}
