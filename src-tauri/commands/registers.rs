//! Commands of the registers: the breach register and every other register as CSV, into
//! the export folder or a chosen one.

use crate::clock;
use std::time::Instant;

use tauri::State;

use super::documents::SavedFiles;
use crate::domain::time::file_stamp;
use crate::error::AppResult;
use crate::export::destination;
use crate::export::{breach_register, registers};
use crate::session::Session;
use crate::store::Vault;

/// Exports the breach register (CSV and a PDF report per incident) into a new dated folder
/// inside `folder` or the export folder.
#[tauri::command(async)]
pub fn export_breach_register(
    session: State<'_, Session>,
    folder: Option<String>,
) -> AppResult<SavedFiles> {
    session.with_vault(Instant::now(), |vault| {
        let target = destination(vault.conn(), folder.as_deref())?;
        let now = clock::now();
        let name = format!("DPA Desk meldregister {}", file_stamp(now));
        let (folder, count) = breach_register::write(vault.conn(), &target, &name, now)?;
        Ok(SavedFiles::new(count, &folder))
    })
}

/// Writes the audit register as CSV into `folder` or the export folder; returns its path.
#[tauri::command(async)]
pub fn export_audit_register(
    session: State<'_, Session>,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let csv = registers::audits_csv(vault.conn())?;
        write_register(vault, folder.as_deref(), "auditregister", &csv)
    })
}

/// Writes the sub-processor register with every customer's outcome as CSV; returns its path.
#[tauri::command(async)]
pub fn export_sub_processor_register(
    session: State<'_, Session>,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let csv = registers::sub_processors_csv(vault.conn(), clock::now())?;
        write_register(vault, folder.as_deref(), "subverwerkersregister", &csv)
    })
}

/// Writes the transfers outside the EEA, approved and missing, as CSV; returns its path.
#[tauri::command(async)]
pub fn export_transfer_register(
    session: State<'_, Session>,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let csv = registers::transfers_csv(vault.conn(), clock::now())?;
        write_register(vault, folder.as_deref(), "doorgifteregister", &csv)
    })
}

/// Writes the ends of service as CSV; returns its path.
#[tauri::command(async)]
pub fn export_service_end_register(
    session: State<'_, Session>,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let csv = registers::service_ends_csv(vault.conn())?;
        write_register(vault, folder.as_deref(), "einde-dienstregister", &csv)
    })
}

/// Writes the instruction log as CSV; returns its path.
#[tauri::command(async)]
pub fn export_instruction_register(
    session: State<'_, Session>,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let csv = registers::instructions_csv(vault.conn())?;
        write_register(vault, folder.as_deref(), "instructieregister", &csv)
    })
}

/// Writes the security document versions as CSV; returns its path.
#[tauri::command(async)]
pub fn export_security_document_register(
    session: State<'_, Session>,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let csv = registers::security_documents_csv(vault.conn())?;
        write_register(vault, folder.as_deref(), "beveiligingsdocumenten", &csv)
    })
}

/// Writes the disclosure register, a row per request and customer, as CSV; returns its path.
#[tauri::command(async)]
pub fn export_disclosure_register(
    session: State<'_, Session>,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let csv = registers::disclosures_csv(vault.conn())?;
        write_register(vault, folder.as_deref(), "verstrekkingsregister", &csv)
    })
}

/// Writes the assistance log with hours and costs as CSV; returns its path.
#[tauri::command(async)]
pub fn export_assistance_register(
    session: State<'_, Session>,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let csv = registers::assistance_csv(vault.conn())?;
        write_register(vault, folder.as_deref(), "bijstandsregister", &csv)
    })
}

/// Saves a register's CSV and returns its path for the officer.
pub(super) fn write_register(
    vault: &mut Vault,
    folder: Option<&str>,
    stem: &str,
    csv: &str,
) -> AppResult<String> {
    let path = registers::save(vault.conn(), folder, stem, csv, clock::now())?;
    Ok(path.to_string_lossy().into_owned())
}
