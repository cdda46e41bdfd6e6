//! The notice of a new version of the customer's security measures document (art. 4.3), in
//! its language.

use super::layout::Item;
use super::letter::Letter;
use super::words::day;
use super::words::Words;
use crate::domain::customer::Language;
use crate::domain::document::DocumentKind;
use crate::domain::letter::LetterHead;
use crate::domain::security_document::{self, SecurityDocumentFacts};

/// What the notice says after its head.
fn body(facts: &SecurityDocumentFacts) -> Vec<Item> {
    let w = Words(facts.head.language);
    let d = &facts.document;
    let mut items = vec![Item::Paragraph(match facts.head.language {
        Language::Nl => format!(
            "Wij hebben het document met de beveiligingsmaatregelen voor uw dienst bijgewerkt \
             (artikel 4 van de verwerkersovereenkomst). Versie {} van {} vervangt de vorige \
             versie. Op uw verzoek sturen wij u het document per e-mail.",
            d.version,
            day(d.document_date)
        ),
        Language::En => format!(
            "We have updated the document describing the security measures for your service \
             (article 4 of the data processing agreement). Version {} of {} replaces the \
             previous version. At your request we send you the document by e-mail.",
            d.version,
            day(d.document_date)
        ),
    })];
    let mut rows = vec![
        (w.t("Versie", "Version").into(), d.version.clone()),
        (w.t("Datum", "Date").into(), day(d.document_date)),
    ];
    if let Some(previous) = &facts.replaces {
        rows.push((
            w.t("Vervangt versie", "Replaces version").into(),
            previous.clone(),
        ));
    }
    if !d.file_reference.is_empty() {
        rows.push((w.t("Document", "Document").into(), d.file_reference.clone()));
    }
    items.push(Item::KeyValues(rows));
    items.push(Item::Heading(
        w.t("Wat er gewijzigd is", "What changed").into(),
    ));
    items.push(Item::Paragraph(if d.summary.is_empty() {
        w.t("Dit is de eerste versie.", "This is the first version.")
            .into()
    } else {
        d.summary.clone()
    }));
    items
}

impl Letter for SecurityDocumentFacts {
    fn head(&self) -> &LetterHead {
        &self.head
    }

    fn kind(&self) -> DocumentKind {
        security_document::NOTICE
    }

    fn title(&self) -> String {
        Words(self.head.language)
            .t(
                "Nieuwe versie beveiligingsmaatregelen",
                "New version of the security measures",
            )
            .into()
    }

    fn identity(&self) -> String {
        self.title()
    }

    fn body(&self) -> Vec<Item> {
        body(self)
    }
}
