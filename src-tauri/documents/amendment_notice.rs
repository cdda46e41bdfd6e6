//! The notice of an amendment to the agreement (art. 10.2) to one customer, in its
//! language: what changes, the changed terms and clauses beside their current text, and from
//! when it applies.

use super::agreement::{terms, Labels};
use super::layout::Item;
use super::letter::Letter;
use super::words::{day, Words};
use crate::domain::amendment::{self, AmendmentKind, AmendmentNoticeFacts, ClauseChange};
use crate::domain::customer::Language;
use crate::domain::document::DocumentKind;
use crate::domain::letter::LetterHead;

fn opening(f: &AmendmentNoticeFacts) -> String {
    let (to, from, date, effective) = (
        &f.to_label,
        &f.from_label,
        day(f.to_date),
        day(f.effective_on),
    );
    match (f.head.language, f.kind) {
        (Language::Nl, AmendmentKind::ByConsent) => format!(
            "Wij stellen een nieuwe versie van de verwerkersovereenkomst voor: versie {to} van \
             {date}, in plaats van versie {from} die nu voor u geldt. Volgens artikel 10.2 van de \
             verwerkersovereenkomst is een wijziging alleen toegestaan met voorafgaande \
             toestemming van beide partijen. Wij vragen daarom uw toestemming. Stemt u in, dan \
             geldt de nieuwe versie voor u vanaf {effective}."
        ),
        (Language::En, AmendmentKind::ByConsent) => format!(
            "We propose a new version of the data processing agreement: version {to} of {date}, \
             instead of version {from} that applies to you now. Under article 10.2 of the data \
             processing agreement, a change is only allowed with the prior consent of both \
             parties. We therefore ask for your consent. If you consent, the new version applies \
             to you from {effective}."
        ),
        (Language::Nl, AmendmentKind::RequiredByLaw) => format!(
            "Wij wijzigen de verwerkersovereenkomst: versie {to} van {date} vervangt versie \
             {from} die nu voor u geldt. Wij achten deze wijziging noodzakelijk om de \
             verwerkersovereenkomst in overeenstemming te brengen met het privacyrecht. Volgens \
             artikel 10.2 van de verwerkersovereenkomst worden wijzigingen die wij daarvoor \
             noodzakelijk achten doorgevoerd. De nieuwe versie geldt voor u vanaf {effective}."
        ),
        (Language::En, AmendmentKind::RequiredByLaw) => format!(
            "We are amending the data processing agreement: version {to} of {date} replaces \
             version {from} that applies to you now. We deem this change necessary to bring the \
             data processing agreement in line with privacy law. Under article 10.2 of the data \
             processing agreement, changes we deem necessary for that purpose are implemented. \
             The new version applies to you from {effective}."
        ),
    }
}

/// The terms that differ, as they are and as they will be.
fn changed_terms(f: &AmendmentNoticeFacts, labels: &Labels) -> Vec<(String, String)> {
    let (before, after) = (terms(&f.from_terms, labels), terms(&f.to_terms, labels));
    let value = |rows: &[(String, String)], label: &str| {
        rows.iter()
            .find(|(l, _)| l == label)
            .map(|(l, v)| format!("{l}: {v}"))
    };
    // The terms of the new version in its order, then those only the current one has.
    let mut labels: Vec<&String> = after.iter().map(|(l, _)| l).collect();
    let only_before = before
        .iter()
        .map(|(l, _)| l)
        .filter(|l| !after.iter().any(|(a, _)| a == *l));
    labels.extend(only_before);
    let none = Words(f.head.language).t("(geen)", "(none)");
    labels
        .into_iter()
        .filter_map(|label| {
            let (was, is) = (value(&before, label), value(&after, label));
            (was != is).then(|| {
                (
                    was.unwrap_or_else(|| format!("{label}: {none}")),
                    is.unwrap_or_else(|| format!("{label}: {none}")),
                )
            })
        })
        .collect()
}

/// A clause as it stands in one version, with its number; what a version lacks is said so.
fn clause_text(change: &ClauseChange, text: &Option<String>, w: Words) -> String {
    let Some(text) = text else {
        return w.t("(niet in deze versie)", "(not in this version)").into();
    };
    match change.number.as_str() {
        "" => format!("{} {text}", w.t("Aanhef:", "Preamble:")),
        // An article's heading says its number.
        number if !number.contains('.') => text.clone(),
        number => format!("{number} {text}"),
    }
}

fn body(f: &AmendmentNoticeFacts) -> Vec<Item> {
    let w = Words(f.head.language);
    let labels = Labels::of(f.head.language);
    let mut rows = vec![
        (
            w.t("Huidige versie", "Current version").into(),
            f.from_label.clone(),
        ),
        (
            w.t("Nieuwe versie", "New version").into(),
            format!("{} ({})", f.to_label, day(f.to_date)),
        ),
        (
            w.t("Geldt vanaf", "Applies from").into(),
            day(f.effective_on),
        ),
        (
            w.t("Soort wijziging", "Kind of change").into(),
            w.amendment_kind(f.kind).into(),
        ),
    ];
    if f.kind == AmendmentKind::RequiredByLaw {
        rows.push((w.t("Reden", "Reason").into(), f.reason.clone()));
    }
    let mut items = vec![Item::Paragraph(opening(f)), Item::KeyValues(rows)];
    items.push(Item::Heading(
        w.t("Wat er verandert", "What changes").into(),
    ));
    items.push(Item::Paragraph(f.summary.clone()));
    let heads = (
        format!("{} {}", w.t("Versie", "Version"), f.from_label),
        format!("{} {}", w.t("Versie", "Version"), f.to_label),
    );
    let terms = changed_terms(f, &labels);
    if !terms.is_empty() {
        items.push(Item::Heading(
            w.t(
                "Gewijzigde termijnen en bedragen",
                "Changed terms and amounts",
            )
            .into(),
        ));
        items.push(Item::SideBySide {
            heads: heads.clone(),
            rows: terms,
        });
    }
    items.push(Item::Heading(
        w.t("Gewijzigde bepalingen", "Changed clauses").into(),
    ));
    match &f.clauses {
        None => items.push(Item::Paragraph(
            w.t(
                "De tekst van een van beide versies is niet bij ons vastgelegd; de bepalingen \
                 zijn daarom niet naast elkaar gezet. De nieuwe versie is op verzoek beschikbaar.",
                "The text of one of the two versions is not on our record, so the clauses are \
                 not set side by side. The new version is available on request.",
            )
            .into(),
        )),
        Some(clauses) if clauses.is_empty() => items.push(Item::Paragraph(
            w.t(
                "De tekst van de bepalingen is gelijk gebleven.",
                "The text of the clauses is unchanged.",
            )
            .into(),
        )),
        Some(clauses) => items.push(Item::SideBySide {
            heads,
            rows: clauses
                .iter()
                .map(|c| (clause_text(c, &c.before, w), clause_text(c, &c.after, w)))
                .collect(),
        }),
    }
    if f.kind == AmendmentKind::ByConsent {
        items.push(Item::Paragraph(
            w.t(
                "Wij horen graag of u met de nieuwe versie instemt. Zonder uw toestemming blijft \
                 versie {from} voor u gelden.",
                "Please let us know whether you consent to the new version. Without your consent, \
                 version {from} continues to apply to you.",
            )
            .replace("{from}", &f.from_label),
        ));
    }
    items
}

impl Letter for AmendmentNoticeFacts {
    fn head(&self) -> &LetterHead {
        &self.head
    }

    fn kind(&self) -> DocumentKind {
        amendment::NOTICE
    }

    fn title(&self) -> String {
        Words(self.head.language)
            .t(
                "Wijziging van de verwerkersovereenkomst",
                "Amendment to the data processing agreement",
            )
            .into()
    }

    fn identity(&self) -> String {
        format!(
            "{} {}",
            Words(self.head.language).t("Versie", "Version"),
            self.to_label
        )
    }

    fn body(&self) -> Vec<Item> {
        body(self)
    }
}
