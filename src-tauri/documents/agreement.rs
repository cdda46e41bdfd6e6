//! The agreement as signed, as a PDF: parties, version and signing data, the terms, the
//! agreement text when it is loaded, and an annex with the customer's current state.

use super::printable::Unprintable;
use chrono::{DateTime, Utc};

use super::layout::{Document, Item};
use super::pdf::{render_with, Metadata, Subsetting};
use super::words::{day, with_kvk, Words};
use crate::domain::agreement::{Agreement, AgreementStatus, TemplateVersion, Terms};
use crate::domain::amendment::AmendmentKind;
use crate::domain::assistance::totals;
use crate::domain::customer::Language;
use crate::domain::disclosure::DisclosureOutcome;
use crate::domain::export::CustomerExport;
use crate::domain::service_end::EndChoice;
use crate::domain::template::Block;
use crate::domain::time::display_local;

/// Renders the customer's agreement PDF in the customer's notice language.
pub fn render_agreement(export: &CustomerExport) -> Result<Vec<u8>, Unprintable> {
    let labels = Labels::of(export.customer.notice_language);
    let (document, created) = agreement_document(export, &labels);
    let metadata = Metadata {
        title: format!("{} – {}", labels.title, export.customer.name),
        author: export.processor.name.clone(),
        subject: labels.subject.to_string(),
        language: labels.language.to_string(),
        created,
    };
    // Agreements are exported, many at once, and not kept: written fastest.
    render_with(&document, &metadata, Subsetting::Shared)
}

/// The document's content, and the moment it describes (its last change), which is what
/// the PDF's dates say.
pub fn agreement_document(export: &CustomerExport, labels: &Labels) -> (Document, DateTime<Utc>) {
    let customer = &export.customer;
    let processor = &export.processor;
    let mut items = vec![Item::Title(labels.title.to_string())];

    let mut parties = vec![
        (
            labels.processor.to_string(),
            with_kvk(&processor.name, &processor.kvk_number, labels.words),
        ),
        (
            labels.customer.to_string(),
            with_kvk(&customer.name, &customer.kvk_number, labels.words),
        ),
    ];
    if !customer.address.is_empty() {
        parties.push((
            labels.customer_address.to_string(),
            customer.address.clone(),
        ));
    }
    let mut created = customer.updated_at;
    match &export.current {
        Some(current) => {
            let agreement = &current.agreement;
            created = created
                .max(agreement.updated_at)
                .max(current.version.created_at);
            parties.push((
                labels.version.to_string(),
                format!(
                    "{} ({})",
                    current.version.label,
                    day(current.version.version_date)
                ),
            ));
            let (status, since) = status_and_start(agreement, labels);
            parties.push((labels.status.to_string(), status));
            parties.push((
                since.to_string(),
                agreement
                    .signed_on
                    .map(day)
                    .unwrap_or_else(|| labels.not_signed.to_string()),
            ));
            if !agreement.signed_by_name.is_empty() {
                let by = if agreement.signed_by_role.is_empty() {
                    agreement.signed_by_name.clone()
                } else {
                    format!("{}, {}", agreement.signed_by_name, agreement.signed_by_role)
                };
                parties.push((labels.signed_by.to_string(), by));
            }
            if let Some(end) = agreement.end_date {
                parties.push((labels.end_date.to_string(), day(end)));
            }
            if let Some(kind) = agreement.amendment {
                parties.push((
                    labels.by_amendment_row.to_string(),
                    labels.words.amendment_kind(kind).to_string(),
                ));
            }
            items.push(Item::KeyValues(parties));
            items.push(Item::Heading(labels.terms.to_string()));
            items.push(Item::KeyValues(terms(&current.version.terms, labels)));
            agreement_text(&current.version, labels, &mut items);
        }
        None => {
            items.push(Item::KeyValues(parties));
            items.push(Item::Note(labels.no_agreement.to_string()));
        }
    }
    annex(export, labels, &mut items);

    let identity = match &export.current {
        Some(current) => format!(
            "{} · {} · {}",
            labels.title, customer.name, current.version.label
        ),
        None => format!("{} · {}", labels.title, customer.name),
    };
    let mut letterhead = vec![processor.name.clone()];
    letterhead.extend(
        [
            &processor.address,
            &processor.email,
            &processor.privacy_contact,
        ]
        .into_iter()
        .filter(|line| !line.is_empty())
        .map(|line| line.replace('\n', ", ")),
    );
    let document = Document {
        letterhead,
        identity,
        page_label: labels.page.to_string(),
        continued: labels.continued.to_string(),
        items,
    };
    (document, created)
}

/// The terms of a version, each with the article it comes from. Our own policies (such as
/// the internal target for a first breach notice) are not terms and are not listed.
pub(super) fn terms(t: &Terms, labels: &Labels) -> Vec<(String, String)> {
    let mut rows = vec![
        (
            labels.audit_notice.to_string(),
            labels
                .audit_notice_value
                .replace("{days}", &t.audit_notice_days.to_string()),
        ),
        (
            labels.objection_window.to_string(),
            labels
                .objection_window_value
                .replace("{days}", &t.objection_window_days.to_string()),
        ),
        (
            labels.liability_cap.to_string(),
            labels.liability_value.replace(
                "{cap}",
                &labels.words.number(u64::from(t.liability_cap_eur)),
            ),
        ),
    ];
    if !t.other_terms.is_empty() {
        rows.push((labels.other_terms.to_string(), t.other_terms.clone()));
    }
    rows
}

fn agreement_text(version: &TemplateVersion, labels: &Labels, items: &mut Vec<Item>) {
    let Some(text) = &version.text else {
        items.push(Item::Note(labels.text_not_loaded.to_string()));
        return;
    };
    items.push(Item::Heading(labels.text_heading.to_string()));
    blocks(&text.preamble, items);
    for article in &text.articles {
        items.push(Item::Heading(article.heading.clone()));
        blocks(&article.blocks, items);
    }
}

fn blocks(blocks: &[Block], items: &mut Vec<Item>) {
    for block in blocks {
        items.push(match block {
            Block::Clause { number, text } => Item::Numbered {
                number: number.clone(),
                text: text.clone(),
            },
            Block::Bullet { text } => Item::Bullet(text.clone()),
            Block::Paragraph { text } => Item::Paragraph(text.clone()),
        });
    }
}

/// An agreement's status and what its date means: the signing, or for one an amendment
/// required by law made, the day it applies from (it is not signed, art. 10.2).
fn status_and_start(agreement: &Agreement, labels: &Labels) -> (String, &'static str) {
    if agreement.amendment == Some(AmendmentKind::RequiredByLaw) {
        let status = match agreement.status {
            AgreementStatus::Signed => labels.in_force,
            status => labels.words.agreement_status(status),
        };
        (status.to_string(), labels.applies_from)
    } else {
        (
            labels.words.agreement_status(agreement.status).to_string(),
            labels.signed_on,
        )
    }
}

fn annex(export: &CustomerExport, labels: &Labels, items: &mut Vec<Item>) {
    items.push(Item::Heading(labels.annex.to_string()));
    items.push(Item::Heading(labels.history.to_string()));
    if export.history.is_empty() {
        items.push(Item::Paragraph(labels.no_history.to_string()));
    }
    for agreement in &export.history {
        let (mut value, since) = status_and_start(agreement, labels);
        if let Some(signed) = agreement.signed_on {
            value.push_str(&format!(", {} {}", since.to_lowercase(), day(signed)));
        }
        if let Some(end) = agreement.end_date {
            value.push_str(&format!(
                ", {} {}",
                labels.end_date.to_lowercase(),
                day(end)
            ));
        }
        if let Some(kind) = agreement.amendment {
            value.push_str(&format!(
                ", {} {}",
                labels.by_amendment,
                labels.words.amendment_kind(kind)
            ));
        }
        items.push(Item::KeyValues(vec![(
            agreement.version_label.clone(),
            value,
        )]));
    }
    amendment_annex(export, labels, items);
    items.push(Item::Heading(labels.contacts.to_string()));
    if export.customer.contacts.is_empty() {
        items.push(Item::Paragraph(labels.no_contacts.to_string()));
    }
    for contact in &export.customer.contacts {
        let mut roles = Vec::new();
        if contact.designated_for_instructions {
            roles.push(labels.designated);
        }
        if contact.receives_notices {
            roles.push(labels.receives_notices);
        }
        let mut text = contact.name.clone();
        for part in [&contact.role, &contact.email, &contact.phone] {
            if !part.is_empty() {
                text.push_str(", ");
                text.push_str(part);
            }
        }
        if !roles.is_empty() {
            text.push_str(&format!(" ({})", roles.join("; ")));
        }
        items.push(Item::Bullet(text));
    }
    items.push(Item::Heading(labels.sub_processors.to_string()));
    if export.sub_processors.is_empty() {
        items.push(Item::Paragraph(labels.no_sub_processors.to_string()));
    }
    for approved in &export.sub_processors {
        let s = &approved.sub_processor.record;
        let how = match approved.outcome {
            Some(_) => labels.approved_by.0,
            None => labels.approved_by.1,
        };
        let mut text = format!("{}: {} ({}; {how})", s.name, s.activities, s.country);
        if approved.transfer_unapproved {
            text.push_str(&format!(" – {}", labels.outside_eea));
        }
        items.push(Item::Bullet(text));
    }
    items.push(Item::Heading(labels.transfers.to_string()));
    if export.transfers.is_empty() {
        items.push(Item::Paragraph(labels.no_transfers.to_string()));
    }
    for transfer in &export.transfers {
        let t = &transfer.record;
        let mut text = format!(
            "{} ({}): {}",
            t.recipient,
            t.country,
            labels.words.mechanism(t.mechanism)
        );
        if !t.mechanism_detail.is_empty() {
            text.push_str(&format!(", {}", t.mechanism_detail));
        }
        text.push_str(&format!("; {} {}", labels.approved_on, day(t.approved_on)));
        if !t.reference.is_empty() {
            text.push_str(&format!(" ({})", t.reference));
        }
        items.push(Item::Bullet(text));
    }
    items.push(Item::Heading(labels.instructions.to_string()));
    if export.instructions.is_empty() {
        items.push(Item::Paragraph(labels.no_instructions.to_string()));
    }
    for i in &export.instructions {
        let status = labels.words.instruction_status(i.status);
        items.push(Item::Bullet(format!(
            "{}, {}: {} ({status})",
            display_local(i.record.received_at),
            i.from,
            i.record.summary
        )));
    }
    if let Some(doc) = &export.security_document {
        items.push(Item::Heading(labels.security_document.to_string()));
        let mut text = format!(
            "{} {}, {}",
            labels.version,
            doc.version,
            day(doc.document_date)
        );
        if !doc.file_reference.is_empty() {
            text.push_str(&format!(" ({})", doc.file_reference));
        }
        items.push(Item::Paragraph(text));
    }
    disclosure_annex(export, labels, items);
    assistance_annex(export, labels, items);
    if let Some(end) = &export.end_of_service {
        items.push(Item::Heading(labels.end_of_service.to_string()));
        let mut rows = vec![
            (labels.end_date.to_string(), day(end.service_end)),
            (
                labels.end_choice.to_string(),
                match end.choice {
                    EndChoice::Erase => labels.words.end_choice(EndChoice::Erase).to_string(),
                    EndChoice::Transfer => format!(
                        "{}: {}",
                        labels.words.end_choice(EndChoice::Transfer),
                        end.transfer_what
                    ),
                },
            ),
        ];
        if let Some(done) = end.done_on {
            rows.push((labels.done_on.to_string(), day(done)));
        }
        items.push(Item::KeyValues(rows));
    }
    items.push(Item::Note(labels.annex_note.to_string()));
}

/// The legal demands for the customer's data it may know of (art. 3.2).
fn disclosure_annex(export: &CustomerExport, labels: &Labels, items: &mut Vec<Item>) {
    if export.disclosures.is_empty() {
        return;
    }
    items.push(Item::Heading(labels.disclosures.to_string()));
    for d in &export.disclosures {
        let r = &d.record;
        let mut text = format!(
            "{}, {} {}: {}; {}: {}; ",
            d.number,
            labels.received,
            display_local(r.received_at),
            r.authority,
            labels.legal_basis,
            r.legal_basis
        );
        match (r.outcome, r.disclosed_at) {
            (DisclosureOutcome::Disclosed, Some(at)) => text.push_str(&format!(
                "{} {} {} ({})",
                labels
                    .words
                    .disclosure_outcome(DisclosureOutcome::Disclosed),
                labels.words.t("op", "on"),
                display_local(at),
                r.disclosed_what
            )),
            (outcome, _) => text.push_str(labels.words.disclosure_outcome(outcome)),
        }
        if let Some(informed) = r.customers.first().and_then(|c| c.informed_at) {
            text.push_str(&format!(
                "; {} {}",
                labels.informed_on,
                display_local(informed)
            ));
        }
        items.push(Item::Bullet(text));
    }
}

/// The amendments announced to the customer (art. 10.2) and where it stands with each.
fn amendment_annex(export: &CustomerExport, labels: &Labels, items: &mut Vec<Item>) {
    if export.amendments.is_empty() {
        return;
    }
    let w = labels.words;
    items.push(Item::Heading(labels.amendments.to_string()));
    for a in &export.amendments {
        let mut text = format!(
            "{} → {}, {}; {} {}; {} {}; {}",
            a.from_label,
            a.to_label,
            w.amendment_kind(a.kind),
            labels.announced_on,
            day(crate::domain::time::local_date(a.announced_at)),
            labels.applies_from.to_lowercase(),
            day(a.effective_on),
            w.amendment_state(a.state),
        );
        if let Some(on) = a.answered_on {
            text.push_str(&format!(" {} {}", labels.on, day(on)));
        }
        if !a.answered_by.is_empty() {
            text.push_str(&format!(" ({})", a.answered_by));
        }
        if !a.reason.is_empty() {
            text.push_str(&format!("; {}: {}", labels.reason, a.reason));
        }
        items.push(Item::Bullet(text));
    }
}

/// The assistance given to the customer (art. 7), with the hours and costs it added up to.
fn assistance_annex(export: &CustomerExport, labels: &Labels, items: &mut Vec<Item>) {
    if export.assistance.is_empty() {
        return;
    }
    let w = labels.words;
    items.push(Item::Heading(labels.assistance.to_string()));
    for a in &export.assistance {
        let r = &a.record;
        let mut text = format!(
            "{}, {}: {}",
            display_local(r.received_at),
            labels.words.assistance_kind(r.kind),
            r.summary
        );
        if let Some(handled) = r.handled_on {
            text.push_str(&format!("; {} {}", labels.handled_on, day(handled)));
        }
        if let Some(hours) = r.hours_hundredths {
            text.push_str(&format!("; {} {}", w.hundredths(hours), labels.hours));
        }
        if let Some(costs) = r.costs_cents {
            text.push_str(&format!("; {}", w.euros(costs)));
        }
        items.push(Item::Bullet(text));
    }
    let sum = totals(&export.assistance);
    items.push(Item::Paragraph(format!(
        "{}: {} {}, {}",
        labels.total,
        w.hundredths(sum.hours_hundredths),
        labels.hours,
        w.euros(sum.costs_cents)
    )));
}

/// The fixed words of the agreement PDF in one language.
pub struct Labels {
    pub language: &'static str,
    pub title: &'static str,
    pub subject: &'static str,
    pub page: &'static str,
    /// After a row's label on the page its value continues on.
    pub continued: &'static str,
    pub processor: &'static str,
    pub customer: &'static str,
    pub customer_address: &'static str,
    pub version: &'static str,
    pub status: &'static str,
    pub signed_on: &'static str,
    pub signed_by: &'static str,
    pub not_signed: &'static str,
    pub end_date: &'static str,
    pub terms: &'static str,
    pub audit_notice: &'static str,
    pub objection_window: &'static str,
    pub audit_notice_value: &'static str,
    pub objection_window_value: &'static str,
    pub liability_cap: &'static str,
    pub liability_value: &'static str,
    pub other_terms: &'static str,
    pub days: &'static str,
    pub hours: &'static str,
    pub text_heading: &'static str,
    pub text_not_loaded: &'static str,
    pub no_agreement: &'static str,
    pub annex: &'static str,
    pub history: &'static str,
    pub by_amendment: &'static str,
    pub in_force: &'static str,
    pub amendments: &'static str,
    pub announced_on: &'static str,
    pub applies_from: &'static str,
    pub by_amendment_row: &'static str,
    pub on: &'static str,
    pub reason: &'static str,
    pub no_history: &'static str,
    pub contacts: &'static str,
    pub no_contacts: &'static str,
    pub designated: &'static str,
    pub receives_notices: &'static str,
    pub annex_note: &'static str,
    pub sub_processors: &'static str,
    pub no_sub_processors: &'static str,
    /// How a sub-processor was approved: (announced and accepted, in place before).
    pub approved_by: (&'static str, &'static str),
    pub outside_eea: &'static str,
    pub transfers: &'static str,
    pub end_of_service: &'static str,
    pub instructions: &'static str,
    pub security_document: &'static str,
    pub disclosures: &'static str,
    pub received: &'static str,
    pub legal_basis: &'static str,
    pub informed_on: &'static str,
    pub assistance: &'static str,
    pub handled_on: &'static str,
    pub total: &'static str,
    pub no_instructions: &'static str,
    pub end_choice: &'static str,
    pub done_on: &'static str,
    pub no_transfers: &'static str,
    pub approved_on: &'static str,
    /// The words shared with every other document.
    pub words: Words,
}

impl Labels {
    pub fn of(language: Language) -> Labels {
        match language {
            Language::Nl => Labels {
                language: "nl-NL",
                title: "Verwerkersovereenkomst",
                subject: "Verwerkersovereenkomst (art. 28 lid 3 AVG) met bijlage",
                page: "pagina {page} van {pages}",
                continued: "vervolg",
                processor: "Verwerker",
                customer: "Klant",
                customer_address: "Adres klant",
                version: "Versie",
                status: "Status",
                signed_on: "Ondertekend op",
                signed_by: "Ondertekend door",
                not_signed: "nog niet ondertekend",
                end_date: "Einddatum",
                terms: "Voorwaarden van deze versie",
                audit_notice: "Aankondiging audit (artikel 5.3)",
                audit_notice_value: "minstens {days} dagen voor de gewenste datum",
                objection_window: "Bezwaar tegen een subverwerker (artikel 8.2)",
                objection_window_value: "binnen {days} dagen na ontvangst van de kennisgeving",
                liability_cap: "Aansprakelijkheid (artikel 9.1)",
                liability_value: "beperkt zoals in de algemene voorwaarden. Alleen als die \
                    beperking nietig, vernietigbaar of niet afdwingbaar is: de aansprakelijkheid \
                    van de verwerker ten hoogste EUR {cap} per jaar",
                other_terms: "Overige voorwaarden",
                days: "dagen",
                hours: "uur",
                text_heading: "Tekst van de overeenkomst",
                text_not_loaded: "De tekst van deze versie is niet in DPA Desk geladen. Dit document toont de gegevens en voorwaarden van de overeenkomst.",
                no_agreement: "Deze klant heeft nog geen overeenkomst in DPA Desk.",
                annex: "Bijlage: stand van zaken",
                history: "Overeenkomsten",
                by_amendment: "door wijziging",
                in_force: "geldend",
                amendments: "Wijzigingen van de overeenkomst (artikel 10.2)",
                announced_on: "aangekondigd op",
                applies_from: "Geldt vanaf",
                by_amendment_row: "Door wijziging",
                on: "op",
                reason: "reden",
                no_history: "Geen overeenkomsten vastgelegd.",
                contacts: "Contactpersonen",
                no_contacts: "Geen contactpersonen vastgelegd.",
                designated: "mag instructies geven",
                receives_notices: "ontvangt meldingen",
                annex_note: "Deze bijlage geeft de stand van zaken weer zoals vastgelegd in DPA Desk.",
                sub_processors: "Goedgekeurde subverwerkers",
                no_sub_processors: "Geen subverwerkers vastgelegd.",
                approved_by: ("aangekondigd en aanvaard", "al ingezet bij de overeenkomst"),
                outside_eea: "buiten de EER: geen goedgekeurde doorgifte vastgelegd",
                transfers: "Goedgekeurde doorgiften buiten de EER",
                end_of_service: "Einde dienstverlening",
                instructions: "Instructies",
                security_document: "Beveiligingsmaatregelen (huidige versie)",
                disclosures: "Verzoeken om verstrekking van gegevens",
                received: "ontvangen",
                legal_basis: "grondslag",
                informed_on: "u geïnformeerd op",
                assistance: "Bijstand",
                handled_on: "afgehandeld op",
                total: "Totaal",
                no_instructions: "Geen instructies vastgelegd.",
                end_choice: "Gegevens na het einde",
                done_on: "Uitgevoerd op",
                no_transfers: "Geen doorgiften buiten de EER goedgekeurd.",
                approved_on: "goedgekeurd op",
                words: Words(Language::Nl),
            },
            Language::En => Labels {
                language: "en-GB",
                title: "Data processing agreement",
                subject: "Data processing agreement (GDPR art. 28(3)) with annex",
                page: "page {page} of {pages}",
                continued: "continued",
                processor: "Processor",
                customer: "Customer",
                customer_address: "Customer address",
                version: "Version",
                status: "Status",
                signed_on: "Signed on",
                signed_by: "Signed by",
                not_signed: "not signed yet",
                end_date: "End date",
                terms: "Terms of this version",
                audit_notice: "Audit notice (article 5.3)",
                audit_notice_value: "at least {days} days before the desired date",
                objection_window: "Objecting to a sub-processor (article 8.2)",
                objection_window_value: "within {days} days after receipt of the notice",
                liability_cap: "Liability (article 9.1)",
                liability_value: "limited as in the general terms. Only if that limitation is \
                    void, voidable or unenforceable: the processor's liability at most EUR {cap} \
                    per year",
                other_terms: "Other terms",
                days: "days",
                hours: "hours",
                text_heading: "Text of the agreement",
                text_not_loaded: "The text of this version is not loaded in DPA Desk. This document shows the agreement's record and terms.",
                no_agreement: "This customer has no agreement in DPA Desk yet.",
                annex: "Annex: current state",
                history: "Agreements",
                by_amendment: "by amendment",
                in_force: "in force",
                amendments: "Amendments of the agreement (article 10.2)",
                announced_on: "announced on",
                applies_from: "Applies from",
                by_amendment_row: "By amendment",
                on: "on",
                reason: "reason",
                no_history: "No agreements recorded.",
                contacts: "Contact persons",
                no_contacts: "No contact persons recorded.",
                designated: "may give instructions",
                receives_notices: "receives notices",
                annex_note: "This annex shows the state as recorded in DPA Desk.",
                sub_processors: "Approved sub-processors",
                no_sub_processors: "No sub-processors recorded.",
                approved_by: ("announced and accepted", "in place at the agreement"),
                outside_eea: "outside the EEA: no approved transfer recorded",
                transfers: "Approved transfers outside the EEA",
                end_of_service: "End of service",
                instructions: "Instructions",
                security_document: "Security measures (current version)",
                disclosures: "Requests to disclose data",
                received: "received",
                legal_basis: "legal basis",
                informed_on: "you were informed on",
                assistance: "Assistance",
                handled_on: "handled on",
                total: "Total",
                no_instructions: "No instructions recorded.",
                end_choice: "Data after the end",
                done_on: "Done on",
                no_transfers: "No transfers outside the EEA approved.",
                approved_on: "approved on",
                words: Words(Language::En),
            },
        }
    }
}
