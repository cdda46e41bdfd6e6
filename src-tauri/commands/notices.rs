//! Commands of breach notices once generated: saving them as files and the sent log.

use crate::clock;
use std::time::Instant;

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::domain::notice::DeliveryInput;
use crate::domain::settings::export_destination;
use crate::error::{AppError, AppResult};
use crate::export::{breach_register, letters, notices, registers};
use crate::session::Session;
use crate::store::{letters as stored_letters, notices as stored, settings, Vault};

/// What saving notices into a folder did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SavedFiles {
    pub count: u32,
    pub folder: String,
}

/// Saves one notice, exactly as generated, into `folder` or the export folder; returns its
/// path.
#[tauri::command(async)]
pub fn save_notice(
    session: State<'_, Session>,
    notice_id: i64,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let folder = destination(vault, folder.as_deref())?;
        Ok(notices::save(vault.conn(), notice_id, &folder)?
            .to_string_lossy()
            .into_owned())
    })
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

/// Records when, how and to whom a notice was sent.
#[tauri::command(async)]
pub fn record_notice_delivery(
    session: State<'_, Session>,
    notice_id: i64,
    input: DeliveryInput,
) -> AppResult<()> {
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        stored::record_delivery(vault.conn(), notice_id, &input, &officer, clock::now())
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
        let name = format!(
            "DPA Desk meldregister {}",
            chrono::Local::now().format("%Y-%m-%d %H.%M.%S")
        );
        let (folder, count) = breach_register::write(vault.conn(), &target, &name, clock::now())?;
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

/// Saves an audit or sub-processor notice, exactly as generated, into `folder` or the export
/// folder; returns its path.
#[tauri::command(async)]
pub fn save_letter(
    session: State<'_, Session>,
    letter_id: i64,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let folder = destination(vault, folder.as_deref())?;
        Ok(letters::save(vault.conn(), letter_id, &folder)?
            .to_string_lossy()
            .into_owned())
    })
}

/// Records when, how and to whom an audit or sub-processor notice was sent.
#[tauri::command(async)]
pub fn record_letter_delivery(
    session: State<'_, Session>,
    letter_id: i64,
    input: DeliveryInput,
) -> AppResult<()> {
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        stored_letters::record_delivery(vault.conn(), letter_id, &input, &officer, clock::now())
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

pub(super) fn write_register(
    vault: &mut Vault,
    folder: Option<&str>,
    stem: &str,
    csv: &str,
) -> AppResult<String> {
    let target = destination(vault, folder)?;
    std::fs::create_dir_all(&target)?;
    let name = format!(
        "{stem} {}.csv",
        chrono::Local::now().format("%Y-%m-%d %H.%M.%S")
    );
    crate::store::files::write_atomically(&target, &name, csv.as_bytes())?;
    Ok(target.join(name).to_string_lossy().into_owned())
}
