//! The record of processing activities as processor (GDPR art. 30(2)): made per customer from
//! what the vault holds, and saved as a PDF (Dutch or English) or a CSV, for one customer or
//! every customer that is not archived.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::csv::to_csv;
use super::customer::{customer_stem, gather, gather_all};
use crate::documents::processing_record::{contact_line, gap_name, render_records};
use crate::documents::words::{day, Words};
use crate::domain::customer::Language;
use crate::domain::processing_record::{record_of, ProcessingRecord};
use crate::domain::time::file_stamp;
use crate::error::AppResult;
use crate::store::{processing_records, settings, transfers};

/// The record of one customer, or of every customer that is not archived (by name).
pub fn records(
    conn: &Connection,
    customer_id: Option<i64>,
    now: DateTime<Utc>,
) -> AppResult<Vec<ProcessingRecord>> {
    let exports = match customer_id {
        Some(id) => vec![gather(conn, id, now)?],
        None => gather_all(conn, now)?,
    };
    let gaps = transfers::gaps(conn, customer_id, now, None)?;
    let categories = processing_records::all_categories(conn)?;
    Ok(exports
        .iter()
        .map(|export| {
            let written = categories.get(&export.customer.id);
            record_of(export, written.map_or(&[][..], Vec::as_slice), &gaps)
        })
        .collect())
}

/// The file a record is saved as: `Verwerkingsregister <customer> <date time>.pdf`, or
/// `… alle klanten …` for every customer.
fn file_name(
    records: &[ProcessingRecord],
    customer_id: Option<i64>,
    w: Words,
    extension: &str,
    now: DateTime<Utc>,
) -> String {
    let stem = w.t("Verwerkingsregister", "Record of processing");
    let whom = match (customer_id, records) {
        (Some(_), [one]) => customer_stem(&one.controller.name, one.customer_id),
        _ => w.t("alle klanten", "all customers").to_string(),
    };
    format!("{stem} {whom} {}.{extension}", file_stamp(now))
}

/// Saves the record of one customer or all as a PDF in `language` into the folder the
/// officer chose or the export folder; returns its path.
pub fn save_pdf(
    conn: &Connection,
    customer_id: Option<i64>,
    language: Language,
    folder: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<PathBuf> {
    let records = records(conn, customer_id, now)?;
    let processor = settings::get(conn)?.processor;
    let pdf = render_records(&records, &processor, language, now)?;
    let name = file_name(&records, customer_id, Words(language), "pdf", now);
    super::save_file(conn, folder, &name, &pdf)
}

/// Saves the record of one customer or all as a CSV (Dutch, like the registers): one row per
/// customer; returns its path.
pub fn save_csv(
    conn: &Connection,
    customer_id: Option<i64>,
    folder: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<PathBuf> {
    let records = records(conn, customer_id, now)?;
    let csv = records_csv(&records);
    let name = file_name(&records, customer_id, W, "csv", now);
    super::save_file(conn, folder, &name, csv.as_bytes())
}

/// The registers are Dutch, with the words of the Dutch documents.
const W: Words = Words(Language::Nl);

/// One row per customer; lists within a cell are separated by new lines.
pub fn records_csv(records: &[ProcessingRecord]) -> String {
    let lines = |items: Vec<String>| items.join("\n");
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            let c = &r.controller;
            vec![
                r.processor.name.clone(),
                r.processor.privacy_contact.clone(),
                c.name.clone(),
                c.kvk_number.clone(),
                c.address.clone(),
                lines(c.contacts.iter().map(contact_line).collect()),
                c.data_protection_officer
                    .as_ref()
                    .map(|k| k.name.clone())
                    .unwrap_or_default(),
                lines(r.categories.clone()),
                W.yes_no(r.categories_from_services).into(),
                lines(
                    r.transfers
                        .iter()
                        .map(|t| {
                            let t = &t.record;
                            format!(
                                "{} – {} – {} {}",
                                t.country,
                                t.recipient,
                                W.mechanism(t.mechanism),
                                day(t.approved_on)
                            )
                        })
                        .collect(),
                ),
                lines(r.transfers_without_safeguards.clone()),
                r.security
                    .as_ref()
                    .map(|s| format!("{} ({})", s.version, day(s.document_date)))
                    .unwrap_or_default(),
                r.security
                    .as_ref()
                    .map(|s| s.summary.clone())
                    .unwrap_or_default(),
                lines(
                    r.sub_processors
                        .iter()
                        .map(|s| format!("{} ({}): {}", s.name, s.country, s.activities))
                        .collect(),
                ),
                lines(
                    r.missing
                        .iter()
                        .map(|g| gap_name(*g, W).to_string())
                        .collect(),
                ),
            ]
        })
        .collect();
    to_csv(
        &[
            "Verwerker",
            "Privacycontact of FG verwerker",
            "Verwerkingsverantwoordelijke",
            "KvK-nummer",
            "Adres",
            "Contactpersonen",
            "Functionaris gegevensbescherming",
            "Categorieën van verwerkingen (art. 30 lid 2 onder b)",
            "Categorieën zijn de diensten",
            "Doorgiften buiten de EER (art. 30 lid 2 onder c)",
            "Subverwerkers buiten de EER zonder goedgekeurde doorgifte",
            "Beveiligingsdocument (art. 30 lid 2 onder d)",
            "Beschrijving beveiligingsmaatregelen",
            "Subverwerkers",
            "Ontbreekt",
        ],
        &rows,
    )
}
