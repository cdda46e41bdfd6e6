//! The record of processing activities as processor (GDPR art. 30(2)) as a PDF, for one
//! controller or all of them, in Dutch or English. Each part is headed by the point of art.
//! 30(2) it answers; what the vault lacks is said, not left out.

use chrono::{DateTime, Utc};

use super::change_notice::place;
use super::layout::{Document, Item};
use super::pdf::{render, Metadata};
use super::printable::Unprintable;
use super::words::{day, with_kvk, Words};
use crate::domain::customer::{Contact, Language};
use crate::domain::processing_record::{ProcessingRecord, RecordGap};
use crate::domain::settings::Processor;
use crate::domain::time::display_local;

/// Renders `records` (one controller or all) as of `now`, in `language`.
pub fn render_records(
    records: &[ProcessingRecord],
    processor: &Processor,
    language: Language,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, Unprintable> {
    let w = Words(language);
    let title = w.t(
        "Register van verwerkingsactiviteiten als verwerker",
        "Record of processing activities as processor",
    );
    let metadata = Metadata {
        title: title.to_string(),
        author: processor.name.clone(),
        subject: w
            .t("AVG artikel 30, lid 2", "GDPR Article 30(2)")
            .to_string(),
        language: w.t("nl-NL", "en-GB").to_string(),
        created: now,
    };
    render(&records_document(records, processor, w, now), &metadata)
}

/// The document's content.
pub fn records_document(
    records: &[ProcessingRecord],
    processor: &Processor,
    w: Words,
    now: DateTime<Utc>,
) -> Document {
    let title = w.t(
        "Register van verwerkingsactiviteiten als verwerker",
        "Record of processing activities as processor",
    );
    let mut items = vec![
        Item::Title(title.to_string()),
        Item::Note(format!(
            "{} {}.",
            w.t(
                "Bijgehouden op grond van artikel 30, lid 2, van de Algemene verordening gegevensbescherming (AVG). Stand van",
                "Kept under Article 30(2) of the General Data Protection Regulation (GDPR). As of",
            ),
            display_local(now)
        )),
        Item::Heading(w.t("De verwerker", "The processor").to_string()),
        Item::KeyValues(processor_rows(processor, w)),
    ];
    if records.is_empty() {
        items.push(Item::Note(
            w.t("Er zijn geen klanten.", "There are no customers.")
                .to_string(),
        ));
    }
    for record in records {
        record_items(record, w, &mut items);
    }
    Document {
        letterhead: [&processor.name, &processor.address, &processor.email]
            .into_iter()
            .filter(|line| !line.is_empty())
            .map(|line| line.replace('\n', ", "))
            .collect(),
        identity: match records {
            [one] => format!("{title} · {}", one.controller.name),
            _ => title.to_string(),
        },
        page_label: w
            .t("pagina {page} van {pages}", "page {page} of {pages}")
            .into(),
        continued: w.t("vervolg", "continued").into(),
        items,
    }
}

fn processor_rows(processor: &Processor, w: Words) -> Vec<(String, String)> {
    let missing = || w.t("niet ingevuld", "not filled in").to_string();
    let or_missing = |value: &str| {
        if value.trim().is_empty() {
            missing()
        } else {
            value.replace('\n', ", ")
        }
    };
    vec![
        (
            w.t("Naam", "Name").into(),
            if processor.name.trim().is_empty() {
                missing()
            } else {
                with_kvk(&processor.name, &processor.kvk_number, w)
            },
        ),
        (
            w.t("Adres", "Address").into(),
            or_missing(&processor.address),
        ),
        (
            w.t("Privacycontact of FG", "Privacy contact or DPO").into(),
            or_missing(&processor.privacy_contact),
        ),
        (w.t("E-mail", "E-mail").into(), or_missing(&processor.email)),
    ]
}

/// A contact on one line: name, function, e-mail address and phone number, as far as known.
pub fn contact_line(contact: &Contact) -> String {
    [&contact.name, &contact.role, &contact.email, &contact.phone]
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(", ")
}

fn record_items(record: &ProcessingRecord, w: Words, items: &mut Vec<Item>) {
    let controller = &record.controller;
    items.push(Item::Title(controller.name.clone()));
    if !record.missing.is_empty() {
        let gaps: Vec<&str> = record.missing.iter().map(|gap| gap_name(*gap, w)).collect();
        items.push(Item::Note(format!(
            "{} {}.",
            w.t("Onvolledig:", "Incomplete:"),
            gaps.join("; ")
        )));
    }

    // (a) the controller, its contacts and its data protection officer.
    items.push(Item::Heading(
        w.t(
            "a. Naam en contactgegevens van de verwerkingsverantwoordelijke (art. 30 lid 2 onder a)",
            "a. Name and contact details of the controller (Art. 30(2)(a))",
        )
        .into(),
    ));
    let mut rows = vec![(
        w.t("Naam", "Name").into(),
        with_kvk(&controller.name, &controller.kvk_number, w),
    )];
    if !controller.address.trim().is_empty() {
        rows.push((
            w.t("Adres", "Address").into(),
            controller.address.replace('\n', ", "),
        ));
    }
    if controller.contacts.is_empty() {
        rows.push((
            w.t("Contactpersoon", "Contact").into(),
            w.t("geen vastgelegd", "none recorded").into(),
        ));
    }
    for (n, contact) in controller.contacts.iter().enumerate() {
        rows.push((
            format!("{} {}", w.t("Contactpersoon", "Contact"), n + 1),
            contact_line(contact),
        ));
    }
    rows.push((
        w.t(
            "Functionaris gegevensbescherming",
            "Data protection officer",
        )
        .into(),
        controller
            .data_protection_officer
            .as_ref()
            .map(contact_line)
            .unwrap_or_else(|| w.t("niet vastgelegd", "not recorded").into()),
    ));
    items.push(Item::KeyValues(rows));

    // (b) the categories of processing.
    items.push(Item::Heading(
        w.t(
            "b. Categorieën van verwerkingen voor deze verwerkingsverantwoordelijke (art. 30 lid 2 onder b)",
            "b. Categories of processing carried out on behalf of this controller (Art. 30(2)(b))",
        )
        .into(),
    ));
    if record.categories.is_empty() {
        items.push(Item::Note(w.t("Geen vastgelegd.", "None recorded.").into()));
    }
    items.extend(record.categories.iter().cloned().map(Item::Bullet));
    if record.categories_from_services && !record.categories.is_empty() {
        items.push(Item::Note(
            w.t(
                "De diensten die de klant afneemt.",
                "The services the customer uses.",
            )
            .into(),
        ));
    }

    // (c) transfers to third countries, with their safeguards.
    items.push(Item::Heading(
        w.t(
            "c. Doorgiften naar een derde land en de passende waarborgen (art. 30 lid 2 onder c)",
            "c. Transfers to a third country and the suitable safeguards (Art. 30(2)(c))",
        )
        .into(),
    ));
    if record.transfers.is_empty() && record.transfers_without_safeguards.is_empty() {
        items.push(Item::Note(
            w.t(
                "Geen doorgiften buiten de EER vastgelegd.",
                "No transfers outside the EEA recorded.",
            )
            .into(),
        ));
    }
    for transfer in &record.transfers {
        let t = &transfer.record;
        let mut safeguard = w.mechanism(t.mechanism).to_string();
        if !t.mechanism_detail.trim().is_empty() {
            safeguard = format!("{safeguard}: {}", t.mechanism_detail.trim());
        }
        let mut line = format!(
            "{} – {}; {}; {} {}",
            place(&t.country, w),
            t.recipient,
            safeguard,
            w.t("goedgekeurd op", "approved on"),
            day(t.approved_on)
        );
        if !t.reference.trim().is_empty() {
            line = format!("{line} ({})", t.reference.trim());
        }
        items.push(Item::Bullet(line));
    }
    for name in &record.transfers_without_safeguards {
        items.push(Item::Bullet(format!(
            "{} {name}",
            w.t(
                "Zonder goedgekeurde doorgifte:",
                "Without an approved transfer:"
            )
        )));
    }

    // (d) the security measures.
    items.push(Item::Heading(
        w.t(
            "d. Algemene beschrijving van de beveiligingsmaatregelen (art. 30 lid 2 onder d, art. 32 lid 1)",
            "d. General description of the security measures (Art. 30(2)(d), Art. 32(1))",
        )
        .into(),
    ));
    match &record.security {
        Some(security) => {
            let mut rows = vec![
                (
                    w.t("Beveiligingsdocument", "Security document").into(),
                    format!(
                        "{} {} ({})",
                        w.t("versie", "version"),
                        security.version,
                        day(security.document_date)
                    ),
                ),
                (
                    w.t("Beschrijving", "Description").into(),
                    security.summary.clone(),
                ),
            ];
            if !security.file_reference.trim().is_empty() {
                rows.push((
                    w.t("Vindplaats", "Kept at").into(),
                    security.file_reference.clone(),
                ));
            }
            items.push(Item::KeyValues(rows));
        }
        None => items.push(Item::Note(
            w.t(
                "Geen beveiligingsdocument vastgelegd.",
                "No security document recorded.",
            )
            .into(),
        )),
    }

    // The sub-processors that work for it.
    items.push(Item::Heading(
        w.t(
            "Subverwerkers die voor deze verwerkingsverantwoordelijke werken",
            "Sub-processors working for this controller",
        )
        .into(),
    ));
    if record.sub_processors.is_empty() {
        items.push(Item::Note(w.t("Geen vastgelegd.", "None recorded.").into()));
    }
    for sub in &record.sub_processors {
        items.push(Item::Bullet(format!(
            "{} ({}): {}",
            sub.name,
            place(&sub.country, w),
            sub.activities
        )));
    }
}

/// What a record lacks, as the officer reads it.
pub fn gap_name(gap: RecordGap, w: Words) -> &'static str {
    match gap {
        RecordGap::ProcessorDetails => w.t(
            "naam, adres of privacycontact van de verwerker (instellingen)",
            "the processor's name, address or privacy contact (settings)",
        ),
        RecordGap::ControllerContact => w.t(
            "een contactpersoon met e-mailadres of telefoonnummer",
            "a contact with an e-mail address or phone number",
        ),
        RecordGap::Categories => w.t(
            "de categorieën van verwerkingen (of diensten)",
            "the categories of processing (or services)",
        ),
        RecordGap::TransferSafeguards => w.t(
            "een goedgekeurde doorgifte voor een subverwerker buiten de EER",
            "an approved transfer for a sub-processor outside the EEA",
        ),
        RecordGap::SecurityMeasures => w.t("een beveiligingsdocument", "a security document"),
    }
}
