//! The notice of a new or replacing sub-processor (art. 8) to one customer, in its language:
//! who, what they will do, where the data is kept, from when, and until when the customer
//! can object (art. 8.2) or, without a signed agreement, that its consent is asked.

use super::layout::Item;
use super::letter::Letter;
use super::words::day;
use super::words::Words;
use crate::domain::country::country;
use crate::domain::customer::Language;
use crate::domain::document::DocumentKind;
use crate::domain::letter::LetterHead;
use crate::domain::subprocessor::ChangeNoticeFacts;
use crate::domain::subprocessor::{self, objection_deadline, ChangeKind, SubProcessorRecord};
use crate::domain::time::local_date;

/// A country by its name in the language of `w`, with whether it lies inside the EEA.
pub(super) fn place(code: &str, w: Words) -> String {
    match country(code) {
        Some(c) => {
            let name = w.country(code);
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
    // Only a signed agreement makes article 8 the ground of this notice.
    let ground = match (facts.head.language, facts.window_from_agreement) {
        (Language::Nl, true) => "Volgens artikel 8 van de verwerkersovereenkomst informeren wij u",
        (Language::Nl, false) => "Wij informeren u",
        (Language::En, true) => "Under article 8 of the data processing agreement we inform you",
        (Language::En, false) => "We inform you",
    };
    let mut items = vec![Item::Paragraph(match (facts.head.language, facts.kind) {
        (Language::Nl, ChangeKind::Add) => format!(
            "{ground} vooraf over een nieuwe subverwerker die wij vanaf {start} willen \
             inschakelen."
        ),
        (Language::Nl, ChangeKind::Replace) => {
            format!("{ground} vooraf dat wij vanaf {start} een subverwerker willen vervangen.")
        }
        (Language::En, ChangeKind::Add) => {
            format!("{ground} in advance of a new sub-processor we intend to engage from {start}.")
        }
        (Language::En, ChangeKind::Replace) => {
            format!("{ground} in advance that we intend to replace a sub-processor from {start}.")
        }
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
    items.push(Item::Heading(
        if facts.window_from_agreement {
            w.t("Bezwaar maken", "Objecting")
        } else {
            w.t("Uw toestemming", "Your consent")
        }
        .into(),
    ));
    let lines = if facts.window_from_agreement {
        objection_under_agreement(facts, &start)
    } else {
        consent_without_agreement(facts.head.language)
    };
    items.extend(lines.into_iter().map(Item::Bullet));
    items
}

/// Art. 8.2: the window runs from receipt; the closing date is given for a receipt on the
/// day the notice is dated, since the day it arrives is not known when it is made.
fn objection_under_agreement(facts: &ChangeNoticeFacts, start: &str) -> Vec<String> {
    let days = facts.window_days;
    let issued = local_date(facts.head.generated_at);
    let closes = day(local_date(objection_deadline(
        facts.head.generated_at,
        days,
    )));
    let issued = day(issued);
    match facts.head.language {
        Language::Nl => vec![
            format!(
                "U kunt bezwaar maken binnen {days} dagen na ontvangst van deze kennisgeving \
                 (artikel 8.2). Ontvangt u haar op {issued}, dan kunt u dat tot en met {closes}."
            ),
            "Horen wij binnen die termijn geen bezwaar van u, dan wordt uw toestemming geacht \
             te zijn verleend (artikel 8.2.1)."
                .to_string(),
            format!(
                "Maakt u binnen die termijn bezwaar, dan hebben wij het recht de dienst, met \
                 deze verwerkersovereenkomst, te beëindigen op de beoogde startdatum ({start}) \
                 (artikel 8.2.2)."
            ),
        ],
        Language::En => vec![
            format!(
                "You may object within {days} days of receiving this notice (article 8.2). If \
                 you receive it on {issued}, you can do so until the end of {closes}."
            ),
            "If we hear no objection from you within that period, your consent is deemed to \
             have been given (article 8.2.1)."
                .to_string(),
            format!(
                "If you object within that period, we have the right to end the service, \
                 including this data processing agreement, on the intended start date \
                 ({start}) (article 8.2.2)."
            ),
        ],
    }
}

/// Without a signed agreement no contract term makes silence consent: the processor needs
/// the controller's prior authorisation (GDPR art. 28(2)).
fn consent_without_agreement(language: Language) -> Vec<String> {
    match language {
        Language::Nl => vec![
            "Er is geen door u ondertekende verwerkersovereenkomst bij ons bekend. Er geldt \
             daarom geen termijn waarna uw toestemming wordt aangenomen."
                .into(),
            "Wij schakelen deze subverwerker voor uw persoonsgegevens alleen in met uw \
             voorafgaande schriftelijke toestemming (artikel 28, lid 2 AVG). Laat u ons weten \
             of u toestemming geeft?"
                .into(),
        ],
        Language::En => vec![
            "We have no data processing agreement signed by you on record. No period \
             therefore applies after which your consent would be assumed."
                .into(),
            "We engage this sub-processor for your personal data only with your prior written \
             authorisation (article 28(2) GDPR). Will you let us know whether you give it?"
                .into(),
        ],
    }
}

impl Letter for ChangeNoticeFacts {
    fn head(&self) -> &LetterHead {
        &self.head
    }

    fn kind(&self) -> DocumentKind {
        subprocessor::CHANGE_NOTICE
    }

    fn title(&self) -> String {
        let w = Words(self.head.language);
        match self.kind {
            ChangeKind::Add => w.t(
                "Aankondiging nieuwe subverwerker",
                "Notice of a new sub-processor",
            ),
            ChangeKind::Replace => w.t(
                "Aankondiging vervanging subverwerker",
                "Notice of a replacement sub-processor",
            ),
        }
        .into()
    }

    fn identity(&self) -> String {
        let w = Words(self.head.language);
        format!(
            "{} {}",
            w.t("Subverwerker", "Sub-processor"),
            self.sub_processor.name
        )
    }

    fn body(&self) -> Vec<Item> {
        body(self, Words(self.head.language))
    }
}
