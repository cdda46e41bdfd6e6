//! The notice of a new or replacing sub-processor (art. 8) to one customer, in its language:
//! who, what they will do, where the data is kept, from when, and how and until when the
//! customer can object.

use super::layout::Item;
use super::letter::{day, render_letter};
use super::notice::Words;
use crate::domain::country::country;
use crate::domain::customer::Language;
use crate::domain::letter::ChangeNoticeFacts;
use crate::domain::subprocessor::{ChangeKind, SubProcessorRecord};

/// The notice as PDF bytes; the same facts always give the same bytes.
pub fn render_change_notice(facts: &ChangeNoticeFacts) -> Vec<u8> {
    let w = Words(facts.head.language);
    let title = match facts.kind {
        ChangeKind::Add => w.t(
            "Aankondiging nieuwe subverwerker",
            "Notice of a new sub-processor",
        ),
        ChangeKind::Replace => w.t(
            "Aankondiging vervanging subverwerker",
            "Notice of a replacement sub-processor",
        ),
    };
    let identity = format!(
        "{} {}",
        w.t("Subverwerker", "Sub-processor"),
        facts.sub_processor.name
    );
    render_letter(&facts.head, title.into(), &identity, body(facts, w))
}

fn place(code: &str, w: Words) -> String {
    match country(code) {
        Some(c) => {
            let name = match w.0 {
                Language::Nl => c.name_nl,
                Language::En => c.name_en,
            };
            let region = if c.eea {
                w.t("binnen de EER", "inside the EEA")
            } else {
                w.t("buiten de EER", "outside the EEA")
            };
            format!("{name} ({region})")
        }
        None => code.to_string(),
    }
}

fn body(facts: &ChangeNoticeFacts, w: Words) -> Vec<Item> {
    let s: &SubProcessorRecord = &facts.sub_processor;
    let start = day(facts.intended_start);
    let mut items = vec![Item::Paragraph(match (facts.head.language, facts.kind) {
        (Language::Nl, ChangeKind::Add) => format!(
            "Volgens artikel 8 van de verwerkersovereenkomst informeren wij u vooraf over een \
             nieuwe subverwerker die wij vanaf {start} willen inschakelen."
        ),
        (Language::Nl, ChangeKind::Replace) => format!(
            "Volgens artikel 8 van de verwerkersovereenkomst informeren wij u vooraf dat wij \
             vanaf {start} een subverwerker willen vervangen."
        ),
        (Language::En, ChangeKind::Add) => format!(
            "Under article 8 of the data processing agreement we inform you in advance of a new \
             sub-processor we intend to engage from {start}."
        ),
        (Language::En, ChangeKind::Replace) => format!(
            "Under article 8 of the data processing agreement we inform you in advance that we \
             intend to replace a sub-processor from {start}."
        ),
    })];
    let mut rows = vec![
        (w.t("Subverwerker", "Sub-processor").into(), s.name.clone()),
        (
            w.t("Werkzaamheden", "Activities").into(),
            s.activities.clone(),
        ),
        (
            w.t("Locatie van de gegevens", "Location of the data")
                .into(),
            place(&s.country, w),
        ),
        (
            w.t("Beoogde startdatum", "Intended start date").into(),
            start.clone(),
        ),
    ];
    if let Some(old) = &facts.replaces {
        rows.push((w.t("Vervangt", "Replaces").into(), old.name.clone()));
    }
    items.push(Item::KeyValues(rows));
    if !facts.eea {
        items.push(Item::Note(
            w.t(
                "Deze subverwerker bewaart gegevens buiten de Europese Economische Ruimte. Een \
                 doorgifte daarheen vraagt uw voorafgaande toestemming en een grondslag uit \
                 hoofdstuk V van de AVG; wij vragen die apart aan u.",
                "This sub-processor keeps data outside the European Economic Area. A transfer \
                 there needs your prior approval and a basis under chapter V of the GDPR; we ask \
                 for it separately.",
            )
            .into(),
        ));
    }
    items.push(Item::Heading(w.t("Bezwaar maken", "Objecting").into()));
    let days = facts.window_days;
    for line in match facts.head.language {
        Language::Nl => vec![
            format!(
                "U kunt binnen {days} dagen na verzending van deze kennisgeving schriftelijk en \
                 gemotiveerd bezwaar maken."
            ),
            "Ontvangen wij binnen die termijn geen bezwaar, dan geldt dat als instemming met \
             deze subverwerker."
                .to_string(),
            format!(
                "Maakt u bezwaar en komen wij er samen niet uit, dan kan de dienstverlening aan u \
                 eindigen op de beoogde startdatum ({start})."
            ),
        ],
        Language::En => vec![
            format!(
                "You may object in writing, giving reasons, within {days} days of this notice \
                 being sent."
            ),
            "If we receive no objection within that period, you are deemed to consent to this \
             sub-processor."
                .to_string(),
            format!(
                "If you object and we cannot resolve it together, the service to you may end on \
                 the intended start date ({start})."
            ),
        ],
    } {
        items.push(Item::Bullet(line));
    }
    if !facts.window_from_agreement {
        items.push(Item::Note(
            w.t(
                "Er is geen ondertekende verwerkersovereenkomst op ons bekend; wij hanteren de \
                 standaardtermijn.",
                "We have no signed data processing agreement on record; the standard period \
                 applies.",
            )
            .into(),
        ));
    }
    items
}
