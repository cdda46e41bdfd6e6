//! What every notice about audits and sub-processors shares: the PDF metadata, the
//! addressee and sender block, and the contact for questions.

use super::layout::{Document, Item};
use super::pdf::{render, Metadata};
use super::printable::Unprintable;
use super::words::{with_kvk, Words};
use crate::domain::letter::LetterHead;
use crate::domain::time::display_local;

/// What a letter is made from: the head frozen with it, and how it prints. Each kind of
/// letter implements it beside its renderer; `export::letters::issue` does the rest
/// (version, head, render, keep) once for all of them.
pub trait Letter: serde::Serialize {
    fn head(&self) -> &LetterHead;
    fn render(&self) -> Result<Vec<u8>, Unprintable>;
}

/// Renders a notice whose items follow the head block.
pub fn render_letter(
    head: &LetterHead,
    title: String,
    identity: &str,
    body: Vec<Item>,
) -> Result<Vec<u8>, Unprintable> {
    let w = Words(head.language);
    let metadata = Metadata {
        title: format!("{title} – {}", head.customer_name),
        author: head.processor.name.clone(),
        subject: identity.into(),
        language: w.t("nl-NL", "en-GB").into(),
        created: head.generated_at,
    };
    render(&letter_document(head, title, identity, body), &metadata)
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
