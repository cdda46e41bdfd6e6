//! The confirmation to a customer that its data was erased, or transferred and then erased,
//! at the end of its service (art. 10.4), in its language.

use super::layout::Item;
use super::letter::Letter;
use super::words::day;
use super::words::Words;
use crate::domain::customer::Language;
use crate::domain::document::DocumentKind;
use crate::domain::letter::LetterHead;
use crate::domain::service_end::ServiceEndFacts;
use crate::domain::service_end::{self, requested_in_time, EndChoice};

/// What the confirmation says after its head.
fn body(facts: &ServiceEndFacts) -> Vec<Item> {
    let w = Words(facts.head.language);
    let e = &facts.end;
    let end = day(e.service_end);
    let done = e.done_on.map(day).unwrap_or_else(|| w.unknown());
    let mut items = vec![Item::Paragraph(match (facts.head.language, e.choice) {
        (Language::Nl, EndChoice::Erase) => format!(
            "Onze dienstverlening aan u is geëindigd op {end}. Volgens artikel 10.4 van de \
             verwerkersovereenkomst bevestigen wij dat wij de persoonsgegevens die wij voor u \
             verwerkten op {done} hebben gewist, ook bij onze subverwerkers."
        ),
        (Language::Nl, EndChoice::Transfer) => format!(
            "Onze dienstverlening aan u is geëindigd op {end}. Volgens artikel 10.4 van de \
             verwerkersovereenkomst bevestigen wij dat wij de persoonsgegevens op uw verzoek \
             hebben overgedragen en daarna op {done} hebben gewist, ook bij onze subverwerkers."
        ),
        (Language::En, EndChoice::Erase) => format!(
            "Our service to you ended on {end}. Under article 10.4 of the data processing \
             agreement we confirm that we erased the personal data we processed for you on \
             {done}, at our sub-processors too."
        ),
        (Language::En, EndChoice::Transfer) => format!(
            "Our service to you ended on {end}. Under article 10.4 of the data processing \
             agreement we confirm that we transferred the personal data at your request and \
             then erased it on {done}, at our sub-processors too."
        ),
    })];
    let mut rows = vec![
        (
            w.t("Einde dienstverlening", "End of service").into(),
            end.clone(),
        ),
        (
            w.t(
                "Wat er met de gegevens gebeurde",
                "What happened to the data",
            )
            .into(),
            match e.choice {
                EndChoice::Erase => w.t("gewist", "erased").into(),
                EndChoice::Transfer => w
                    .t("overgedragen en daarna gewist", "transferred, then erased")
                    .into(),
            },
        ),
    ];
    if e.choice == EndChoice::Transfer {
        rows.push((
            w.t("Overgedragen", "Transferred").into(),
            e.transfer_what.clone(),
        ));
        if let (Some(requested), Some(in_time)) = (e.requested_on, requested_in_time(e)) {
            let timing = if in_time {
                w.t(
                    "tijdig, vóór het einde van de dienstverlening",
                    "in time, before the end of the service",
                )
            } else {
                w.t(
                    "na het einde van de dienstverlening",
                    "after the end of the service",
                )
            };
            rows.push((
                w.t("Verzoek ontvangen", "Request received").into(),
                format!("{} ({timing})", day(requested)),
            ));
        }
    }
    rows.push((w.t("Gewist op", "Erased on").into(), done));
    if !e.reason.is_empty() {
        rows.push((w.t("Aanleiding", "Reason").into(), e.reason.clone()));
    }
    items.push(Item::KeyValues(rows));
    if e.choice == EndChoice::Transfer {
        items.push(Item::Note(
            w.t(
                "De kosten van de overdracht komen volgens de verwerkersovereenkomst voor uw rekening.",
                "Under the data processing agreement the costs of the transfer are borne by you.",
            )
            .into(),
        ));
    }
    items
}

impl Letter for ServiceEndFacts {
    fn head(&self) -> &LetterHead {
        &self.head
    }

    fn kind(&self) -> DocumentKind {
        service_end::CONFIRMATION
    }

    fn title(&self) -> String {
        Words(self.head.language)
            .t(
                "Bevestiging einde dienstverlening",
                "Confirmation of the end of service",
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
