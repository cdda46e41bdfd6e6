//! The notice to a customer that an authority demanded its data on a legal ground, what we
//! checked, and what was or will be disclosed (art. 3.2), in its language.

use super::layout::Item;
use super::letter::Letter;
use super::words::day;
use super::words::Words;
use crate::domain::customer::Language;
use crate::domain::disclosure::DisclosureOutcome;
use crate::domain::disclosure::{self, DisclosureNoticeFacts};
use crate::domain::document::DocumentKind;
use crate::domain::letter::LetterHead;
use crate::domain::time::display_local;

/// What the notice says after its head.
fn body(facts: &DisclosureNoticeFacts) -> Vec<Item> {
    let w = Words(facts.head.language);
    let r = &facts.request;
    let received = display_local(r.received_at);
    // The legal basis is stated as established only once it was verified (art. 3.2).
    let basis = match (facts.head.language, r.basis_verified, r.outcome) {
        (Language::Nl, true, _) => {
            "Wij hebben gecontroleerd dat het verzoek steunt op een \
             wettelijke verplichting."
        }
        (Language::Nl, false, DisclosureOutcome::Declined) => {
            "Het verzoek beroept zich op een \
             wettelijke verplichting; die grondslag hebben wij niet kunnen bevestigen."
        }
        (Language::Nl, false, _) => {
            "Het verzoek beroept zich op een wettelijke verplichting; \
             die grondslag hebben wij nog niet gecontroleerd."
        }
        (Language::En, true, _) => {
            "We have verified that the request rests on a legal \
             obligation."
        }
        (Language::En, false, DisclosureOutcome::Declined) => {
            "The request invokes a legal \
             obligation; we could not confirm that basis."
        }
        (Language::En, false, _) => {
            "The request invokes a legal obligation; we have not yet \
             verified that basis."
        }
    };
    let mut items = vec![Item::Paragraph(match facts.head.language {
        Language::Nl => format!(
            "Op {received} ontvingen wij van {} een verzoek om persoonsgegevens te verstrekken \
             die wij voor u verwerken. {basis} Volgens artikel 3.2 van de \
             verwerkersovereenkomst verifiëren wij de grondslag en de identiteit van de \
             verzoeker voordat wij iets verstrekken, en informeren wij u voor zover de wet dat \
             toestaat onmiddellijk.",
            r.authority
        ),
        Language::En => format!(
            "On {received} we received from {} a request to disclose personal data that we \
             process for you. {basis} Under article 3.2 of the data processing agreement we \
             verify its legal basis and the requester's identity before we disclose anything, \
             and we inform you immediately, as far as the law allows.",
            r.authority
        ),
    })];
    let mut request = vec![
        (
            w.t("Verzoekende instantie", "Requesting authority").into(),
            r.authority.clone(),
        ),
        (w.t("Verzoeker", "Requester").into(), r.requester.clone()),
        (w.t("Ontvangen op", "Received on").into(), received),
    ];
    if !r.reference.is_empty() {
        request.push((w.t("Kenmerk", "Reference").into(), r.reference.clone()));
    }
    if let Some(by) = r.respond_by {
        request.push((w.t("Gevraagd vóór", "Answer requested by").into(), day(by)));
    }
    request.push((
        w.t("Genoemde wettelijke grondslag", "Legal basis stated")
            .into(),
        r.legal_basis.clone(),
    ));
    request.push((
        w.t("Gevraagde gegevens", "Data requested").into(),
        r.data_requested.clone(),
    ));
    items.push(Item::Heading(w.t("Het verzoek", "The request").into()));
    items.push(Item::KeyValues(request));

    items.push(Item::Heading(
        w.t("Wat wij controleerden", "What we verified").into(),
    ));
    let mut checks = vec![
        (
            w.t("Grondslag gecontroleerd", "Legal basis verified")
                .into(),
            w.yes_no(r.basis_verified).to_string(),
        ),
        (
            w.t(
                "Identiteit verzoeker gecontroleerd",
                "Requester's identity verified",
            )
            .into(),
            w.yes_no(r.identity_verified).to_string(),
        ),
    ];
    if !r.verification.is_empty() {
        checks.push((w.t("Hoe", "How").into(), r.verification.clone()));
    }
    items.push(Item::KeyValues(checks));

    items.push(Item::Heading(w.t("Verstrekking", "Disclosure").into()));
    match (r.outcome, r.disclosed_at) {
        (DisclosureOutcome::Disclosed, Some(at)) => {
            items.push(Item::KeyValues(vec![
                (
                    w.t("Verstrekt op", "Disclosed on").into(),
                    display_local(at),
                ),
                (w.t("Wat", "What").into(), r.disclosed_what.clone()),
            ]));
        }
        (DisclosureOutcome::Declined, _) => {
            items.push(Item::Paragraph(
                w.t(
                    "Wij hebben geen gegevens verstrekt. De reden:",
                    "We have not disclosed any data. The reason:",
                )
                .into(),
            ));
            items.push(Item::Paragraph(r.declined_reason.clone()));
        }
        _ => items.push(Item::Paragraph(
            w.t(
                "Wij hebben nog niets verstrekt. Wilt u zo snel mogelijk laten weten of u bezwaar \
                 heeft of zelf stappen wilt zetten? Wij melden u de verstrekking zodra \
                 die heeft plaatsgevonden.",
                "We have not disclosed anything yet. Please tell us as soon as possible whether \
                 you object or wish to take steps yourself. We will inform you of the \
                 disclosure once it has taken place.",
            )
            .into(),
        )),
    }
    items
}

impl Letter for DisclosureNoticeFacts {
    fn head(&self) -> &LetterHead {
        &self.head
    }

    fn kind(&self) -> DocumentKind {
        disclosure::NOTICE
    }

    fn title(&self) -> String {
        format!("{} {}", self.identity(), self.number)
    }

    fn identity(&self) -> String {
        Words(self.head.language)
            .t(
                "Verzoek om verstrekking van gegevens",
                "Request to disclose data",
            )
            .into()
    }

    fn body(&self) -> Vec<Item> {
        body(self)
    }
}
