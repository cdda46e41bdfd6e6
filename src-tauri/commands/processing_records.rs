//! Commands of the record of processing activities as processor (GDPR art. 30(2)): one
//! customer's record, its categories of processing, the customers whose record is
//! incomplete, and the record as PDF or CSV.

use std::time::Instant;

use tauri::State;

use crate::clock;
use crate::domain::customer::Language;
use crate::domain::processing_record::ProcessingRecord;
use crate::error::{AppError, AppResult};
use crate::export::processing_records::{records, save_csv, save_pdf};
use crate::session::Session;
use crate::store::processing_records::{self, IncompleteRecord};

#[tauri::command(async)]
pub fn get_processing_record(
    session: State<'_, Session>,
    customer_id: i64,
) -> AppResult<ProcessingRecord> {
    session.with_vault(Instant::now(), |vault| {
        records(vault.conn(), Some(customer_id), clock::now())?
            .pop()
            .ok_or(AppError::NotFound)
    })
}

/// Replaces the customer's categories of processing (one per line; empty: its services);
/// returns its record as it now stands.
#[tauri::command(async)]
pub fn set_processing_categories(
    session: State<'_, Session>,
    customer_id: i64,
    categories: String,
) -> AppResult<ProcessingRecord> {
    session.with_vault(Instant::now(), |vault| {
        processing_records::set_categories(vault.conn(), customer_id, &categories)?;
        records(vault.conn(), Some(customer_id), clock::now())?
            .pop()
            .ok_or(AppError::NotFound)
    })
}

/// The customers (not archived) whose record is incomplete, by name.
#[tauri::command(async)]
pub fn list_incomplete_records(session: State<'_, Session>) -> AppResult<Vec<IncompleteRecord>> {
    session.with_vault(Instant::now(), |vault| {
        processing_records::incomplete(vault.conn(), clock::now())
    })
}

/// Saves the record of one customer (or all, without `customer_id`) as a PDF in `language`;
/// returns its path.
#[tauri::command(async)]
pub fn export_processing_record_pdf(
    session: State<'_, Session>,
    customer_id: Option<i64>,
    language: Language,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let path = save_pdf(
            vault.conn(),
            customer_id,
            language,
            folder.as_deref(),
            clock::now(),
        )?;
        Ok(path.to_string_lossy().into_owned())
    })
}

/// Saves the record of one customer (or all) as a CSV; returns its path.
#[tauri::command(async)]
pub fn export_processing_record_csv(
    session: State<'_, Session>,
    customer_id: Option<i64>,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let path = save_csv(vault.conn(), customer_id, folder.as_deref(), clock::now())?;
        Ok(path.to_string_lossy().into_owned())
    })
}
