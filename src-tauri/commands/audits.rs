//! Commands of the audit register and its notices.

use std::time::Instant;

use tauri::State;

use crate::clock;
use crate::domain::audit::AuditLetter;
use crate::domain::audit::{Audit, AuditInput, AuditRow};
use crate::error::AppResult;
use crate::export;
use crate::session::Session;
use crate::store::{audits, settings};

#[tauri::command(async)]
pub fn list_audits(
    session: State<'_, Session>,
    customer_id: Option<i64>,
) -> AppResult<Vec<AuditRow>> {
    session.with_vault(Instant::now(), |vault| {
        audits::list(vault.conn(), customer_id)
    })
}

#[tauri::command(async)]
pub fn get_audit(session: State<'_, Session>, id: i64) -> AppResult<Audit> {
    session.with_vault(Instant::now(), |vault| audits::get(vault.conn(), id))
}

#[tauri::command(async)]
pub fn create_audit(session: State<'_, Session>, input: AuditInput) -> AppResult<Audit> {
    session.with_vault(Instant::now(), |vault| {
        let id = audits::create(vault.conn(), &input, clock::now())?;
        audits::get(vault.conn(), id)
    })
}

#[tauri::command(async)]
pub fn update_audit(session: State<'_, Session>, id: i64, input: AuditInput) -> AppResult<Audit> {
    session.with_vault(Instant::now(), |vault| {
        audits::update(vault.conn(), id, &input, clock::now())?;
        audits::get(vault.conn(), id)
    })
}

/// Makes the acknowledgement or the findings summary and keeps it with the audit.
#[tauri::command(async)]
pub fn generate_audit_letter(
    session: State<'_, Session>,
    id: i64,
    kind: AuditLetter,
) -> AppResult<Audit> {
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        export::audits::generate_audit_letter(vault.conn(), id, kind, &officer, clock::now())?;
        audits::get(vault.conn(), id)
    })
}
