//! Commands of the event log: verify the chain, one entity's history, the export for an
//! auditor.

use std::time::Instant;

use tauri::State;

use super::registers::write_register;
use crate::domain::event::Verification;
use crate::error::AppResult;
use crate::export::registers;
use crate::session::Session;
use crate::store::events::{self, HistoryEntry};

/// How many changes a history shows.
const HISTORY_LIMIT: u32 = 500;

#[tauri::command(async)]
pub fn verify_event_log(session: State<'_, Session>) -> AppResult<Verification> {
    session.with_vault(Instant::now(), |vault| events::verify(vault.conn()))
}

/// The latest changes of a customer or an incident with all that belongs to it, or of one
/// row of another table (`entity` is the table).
#[tauri::command(async)]
pub fn entity_history(
    session: State<'_, Session>,
    entity: String,
    id: i64,
) -> AppResult<Vec<HistoryEntry>> {
    session.with_vault(Instant::now(), |vault| {
        events::history(vault.conn(), &entity, id, HISTORY_LIMIT)
    })
}

/// Writes the whole log as CSV into `folder` or the export folder; returns its path.
#[tauri::command(async)]
pub fn export_event_log(session: State<'_, Session>, folder: Option<String>) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let csv = registers::event_log_csv(vault.conn())?;
        write_register(vault, folder.as_deref(), "logboek", &csv)
    })
}
