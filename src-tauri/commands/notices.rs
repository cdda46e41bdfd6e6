//! Commands of breach notices once generated, and of the registers: saving them as files.

use crate::clock;
use std::time::Instant;

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::domain::settings::export_destination;
use crate::domain::time::file_stamp;
use crate::error::{AppError, AppResult};
use crate::export::{breach_register, notices, registers};
use crate::session::Session;
use crate::store::{settings, Vault};

/// What saving notices into a folder did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SavedFiles {
    pub count: u32,
    pub folder: String,
}

/// Saves the latest notice of every customer of the incident into one folder.
#[tauri::command(async)]
pub fn save_incident_notices(
    session: State<'_, Session>,
    id: i64,
    folder: Option<String>,
) -> AppResult<SavedFiles> {
    session.with_vault(Instant::now(), |vault| {
        let folder = destination(vault, folder.as_deref())?;
        let count = notices::save_latest(vault.conn(), id, &folder)?;
        Ok(SavedFiles {
            count,
            folder: folder.to_string_lossy().into_owned(),
        })
    })
}

/// Exports the breach register (CSV and a PDF report per incident) into a new dated folder
/// inside `folder` or the export folder.
#[tauri::command(async)]
pub fn export_breach_register(
    session: State<'_, Session>,
    folder: Option<String>,
) -> AppResult<SavedFiles> {
    session.with_vault(Instant::now(), |vault| {
        let target = destination(vault, folder.as_deref())?;
        let now = clock::now();
        let name = format!("DPA Desk meldregister {}", file_stamp(now));
        let (folder, count) = breach_register::write(vault.conn(), &target, &name, now)?;
        Ok(SavedFiles {
            count,
            folder: folder.to_string_lossy().into_owned(),
        })
    })
}

pub(super) fn destination(
    vault: &mut Vault,
    chosen: Option<&str>,
) -> AppResult<std::path::PathBuf> {
    let configured = settings::get(vault.conn())?.export_folder;
    export_destination(chosen, &configured)?.ok_or(AppError::NoExportFolder)
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

pub(super) fn write_register(
    vault: &mut Vault,
    folder: Option<&str>,
    stem: &str,
    csv: &str,
) -> AppResult<String> {
    let target = destination(vault, folder)?;
    std::fs::create_dir_all(&target)?;
    let name = format!("{stem} {}.csv", file_stamp(clock::now()));
    crate::store::files::write_atomically(&target, &name, csv.as_bytes())?;
    Ok(target.join(name).to_string_lossy().into_owned())
}
