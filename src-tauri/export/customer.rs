//! Exporting customers: the agreement PDF and the JSON with the same content, one customer
//! or all of them, plus a CSV of every customer with its agreement.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::csv::to_csv;
use super::{cores, on_threads};
use crate::documents::agreement::{render_agreement, Labels};
use crate::documents::words::day;
use crate::domain::customer::CustomerQuery;
use crate::domain::export::CustomerExport;
use crate::domain::instruction::Instruction;
use crate::error::{AppError, AppResult};
use crate::store::files::{write_all_atomically, write_atomically};
use crate::store::{
    agreements, amendments, assistance, customers, disclosures, instructions, security_documents,
    service_ends, settings, subprocessors, templates, transfers,
};

/// Reads everything one customer's export holds.
pub fn gather(
    conn: &Connection,
    customer_id: i64,
    now: DateTime<Utc>,
) -> AppResult<CustomerExport> {
    let processor = settings::get(conn)?.processor;
    let customer = customers::get(conn, customer_id)?;
    let history = agreements::list_for_customer(conn, customer_id)?;
    let mut export = CustomerExport::new(processor, customer, history, |id| {
        templates::get(conn, id).ok()
    });
    export.sub_processors = subprocessors::for_customer(conn, customer_id, now)?
        .into_iter()
        .filter(|s| s.approved())
        .collect();
    export.transfers = transfers::list(conn, Some(customer_id))?
        .into_iter()
        .filter(|t| t.withdrawn_on.is_none())
        .collect();
    export.end_of_service = service_ends::get(conn, customer_id)?.map(|e| e.record);
    export.instructions = instructions::list(conn, Some(customer_id))?
        .into_iter()
        .map(|i| Instruction {
            letters: Vec::new(),
            ..i
        })
        .collect();
    export.security_document = security_documents::current(conn, customer_id)?.map(|d| d.record);
    export.disclosures = disclosures::list(conn, Some(customer_id))?
        .into_iter()
        .filter_map(|d| d.as_seen_by(customer_id))
        .collect();
    export.assistance = assistance::list(conn, Some(customer_id))?;
    export.amendments = amendments::for_customer(conn, customer_id)?;
    Ok(export)
}

/// Reads the exports of every customer that is not archived.
pub fn gather_all(conn: &Connection, now: DateTime<Utc>) -> AppResult<Vec<CustomerExport>> {
    let query = CustomerQuery::default();
    customers::list(conn, &query)?
        .into_iter()
        .map(|row| gather(conn, row.id, now))
        .collect()
}

/// A file name for a customer: its name in safe characters and its id, e.g.
/// `Zorggroep-Lindeboom-12`.
pub fn file_stem(export: &CustomerExport) -> String {
    customer_stem(&export.customer.name, export.customer.id)
}

/// A customer's name in safe file-name characters, with its id.
pub fn customer_stem(name: &str, id: i64) -> String {
    let mut stem = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            stem.push(c);
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
        if stem.chars().count() >= 60 {
            break;
        }
    }
    format!("{}-{id}", stem.trim_end_matches('-'))
}

/// Writes `<stem>.pdf` and `<stem>.json` into `folder`; returns the PDF's path.
pub fn write(folder: &Path, export: &CustomerExport) -> AppResult<PathBuf> {
    fs::create_dir_all(folder)?;
    let stem = file_stem(export);
    let json = serde_json::to_vec_pretty(export).map_err(|_| AppError::Storage)?;
    let pdf = render_agreement(export)?;
    let (json_name, pdf_name) = (format!("{stem}.json"), format!("{stem}.pdf"));
    write_all_atomically(folder, &[(&json_name, &json), (&pdf_name, &pdf)])?;
    Ok(folder.join(pdf_name))
}

/// How an export of all customers went.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ExportSummary {
    pub exported: u32,
    pub total: u32,
    pub cancelled: bool,
    /// The folder the export went into.
    pub folder: String,
}

/// Exports every customer into its own subfolder of a new dated folder inside `target`,
/// with `klanten.csv` beside them, rendering on every core. Reports progress after each
/// customer and stops between customers when `cancel` is set (or one failed); what was
/// written stays, and the summary says how far it got.
pub fn write_all(
    target: &Path,
    folder_name: &str,
    exports: &[CustomerExport],
    progress: impl Fn(u32, u32) + Sync,
    cancel: &AtomicBool,
) -> AppResult<ExportSummary> {
    let folder = target.join(folder_name);
    fs::create_dir_all(&folder)?;
    let total = exports.len() as u32;
    let exported = AtomicU32::new(0);
    let failed = AtomicBool::new(false);
    // Each customer's files are flushed to disk before the next: while one thread waits for
    // that, another renders.
    let outcomes = on_threads(
        4 * cores(),
        exports,
        |export| -> AppResult<()> {
            if cancel.load(Ordering::Relaxed) || failed.load(Ordering::Relaxed) {
                return Ok(());
            }
            let written = write(&folder.join(file_stem(export)), export);
            if written.is_err() {
                failed.store(true, Ordering::Relaxed);
            }
            written?;
            progress(exported.fetch_add(1, Ordering::Relaxed) + 1, total);
            Ok(())
        },
        &|_, _| {},
    );
    outcomes.into_iter().collect::<AppResult<()>>()?;
    write_atomically(&folder, "klanten.csv", customers_csv(exports).as_bytes())?;
    let exported = exported.into_inner();
    Ok(ExportSummary {
        exported,
        total,
        cancelled: exported < total,
        folder: folder.to_string_lossy().into_owned(),
    })
}

/// One row per customer with its current agreement.
pub fn customers_csv(exports: &[CustomerExport]) -> String {
    let labels = Labels::of(crate::domain::customer::Language::Nl);
    let rows: Vec<Vec<String>> = exports
        .iter()
        .map(|export| {
            let c = &export.customer;
            let current = export.current.as_ref();
            vec![
                c.id.to_string(),
                c.name.clone(),
                c.kvk_number.clone(),
                c.notice_language.code().to_string(),
                current.map(|a| a.version.label.clone()).unwrap_or_default(),
                current
                    .map(|a| {
                        labels
                            .words
                            .agreement_status(a.agreement.status)
                            .to_string()
                    })
                    .unwrap_or_default(),
                current
                    .and_then(|a| a.agreement.signed_on)
                    .map(day)
                    .unwrap_or_default(),
            ]
        })
        .collect();
    to_csv(
        &[
            "id",
            "naam",
            "kvk_nummer",
            "taal",
            "versie",
            "status",
            "ondertekend_op",
        ],
        &rows,
    )
}
