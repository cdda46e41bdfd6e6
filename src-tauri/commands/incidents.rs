//! Commands of the incident register and the breach wizard.

use std::time::Instant;

use chrono::Utc;
use tauri::ipc::Channel;
use tauri::State;

use super::exports::ExportProgress;
use crate::domain::breach::{AffectedOverride, BreachFactsInput};
use crate::domain::customer::ServiceCount;
use crate::domain::incident::{
    new_incident_facts, Incident, IncidentDetail, IncidentRow, StatusChangeInput, WIZARD_STEPS,
};
use crate::domain::validation::FieldCode;
use crate::error::{AppError, AppResult};
use crate::export::notices::{self, NoticePreview};
use crate::session::Session;
use crate::store::{customers, incident_views, incidents, settings, Vault};

/// The most a draft may hold, typed or pasted: far beyond any real incident.
const MAX_DRAFT_BYTES: usize = 1 << 20;

#[tauri::command(async)]
pub fn list_incidents(session: State<'_, Session>) -> AppResult<Vec<IncidentRow>> {
    session.with_vault(Instant::now(), |vault| {
        incident_views::register(vault.conn(), Utc::now())
    })
}

#[tauri::command(async)]
pub fn create_incident(session: State<'_, Session>, title: String) -> AppResult<Incident> {
    session.with_vault(Instant::now(), |vault| {
        let settings = settings::get(vault.conn())?;
        let facts = new_incident_facts(&title, &settings, Utc::now())?;
        incidents::create(vault.conn(), &facts, &settings.officer_name, Utc::now())
    })
}

#[tauri::command(async)]
pub fn get_incident(session: State<'_, Session>, id: i64) -> AppResult<IncidentDetail> {
    session.with_vault(Instant::now(), |vault| {
        incident_views::detail(vault.conn(), id, Utc::now())
    })
}

/// Saves the wizard as typed (also when incomplete or wrong) and returns what to show.
#[tauri::command(async)]
pub fn save_incident_draft(
    session: State<'_, Session>,
    id: i64,
    facts: BreachFactsInput,
    step: u8,
) -> AppResult<IncidentDetail> {
    if serde_json::to_vec(&facts).map_or(true, |bytes| bytes.len() > MAX_DRAFT_BYTES) {
        return Err(AppError::field("facts", FieldCode::TooLong));
    }
    let step = step.clamp(*WIZARD_STEPS.start(), *WIZARD_STEPS.end());
    session.with_vault(Instant::now(), |vault| {
        let now = Utc::now();
        ensure_open(vault, id)?;
        let discovered_at = crate::domain::breach::discovered_at(&facts, now);
        incidents::save_draft(vault.conn(), id, &facts, discovered_at, step, now)?;
        incident_views::detail(vault.conn(), id, now)
    })
}

#[tauri::command(async)]
pub fn change_incident_status(
    session: State<'_, Session>,
    id: i64,
    input: StatusChangeInput,
) -> AppResult<Incident> {
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        incidents::change_status(vault.conn(), id, &input, &officer, Utc::now())
    })
}

#[tauri::command(async)]
pub fn list_services(session: State<'_, Session>) -> AppResult<Vec<ServiceCount>> {
    session.with_vault(Instant::now(), |vault| customers::services(vault.conn()))
}

#[tauri::command(async)]
pub fn add_incident_customers(
    session: State<'_, Session>,
    id: i64,
    customer_ids: Vec<i64>,
) -> AppResult<()> {
    session.with_vault(Instant::now(), |vault| {
        ensure_open(vault, id)?;
        incidents::add_customers(vault.conn(), id, &customer_ids, Utc::now())
    })
}

/// Adds every customer that uses the service; returns how many that are.
#[tauri::command(async)]
pub fn add_service_customers(
    session: State<'_, Session>,
    id: i64,
    service: String,
) -> AppResult<u32> {
    session.with_vault(Instant::now(), |vault| {
        ensure_open(vault, id)?;
        let ids = customers::of_service(vault.conn(), &service)?;
        incidents::add_customers(vault.conn(), id, &ids, Utc::now())?;
        Ok(ids.len() as u32)
    })
}

#[tauri::command(async)]
pub fn remove_incident_customer(
    session: State<'_, Session>,
    id: i64,
    customer_id: i64,
) -> AppResult<()> {
    session.with_vault(Instant::now(), |vault| {
        ensure_open(vault, id)?;
        incidents::remove_customer(vault.conn(), id, customer_id)
    })
}

#[tauri::command(async)]
pub fn save_customer_facts(
    session: State<'_, Session>,
    id: i64,
    customer_id: i64,
    overrides: AffectedOverride,
) -> AppResult<()> {
    if serde_json::to_vec(&overrides).map_or(true, |bytes| bytes.len() > MAX_DRAFT_BYTES) {
        return Err(AppError::field("facts", FieldCode::TooLong));
    }
    session.with_vault(Instant::now(), |vault| {
        ensure_open(vault, id)?;
        incidents::save_overrides(vault.conn(), id, customer_id, &overrides)
    })
}

#[tauri::command(async)]
pub fn preview_notice(
    session: State<'_, Session>,
    id: i64,
    customer_id: i64,
) -> AppResult<NoticePreview> {
    session.with_vault(Instant::now(), |vault| {
        notices::preview(vault.conn(), id, customer_id, Utc::now())
    })
}

/// Generates the next notice for each customer, all or none, reporting progress.
#[tauri::command(async)]
pub fn generate_notices(
    session: State<'_, Session>,
    id: i64,
    customer_ids: Vec<i64>,
    on_progress: Channel<ExportProgress>,
) -> AppResult<Vec<i64>> {
    session.with_vault(Instant::now(), |vault| {
        notices::generate(
            vault.conn(),
            id,
            &customer_ids,
            Utc::now(),
            |done, total| {
                let _ = on_progress.send(ExportProgress { done, total });
            },
        )
    })
}

pub(super) fn ensure_open(vault: &mut Vault, id: i64) -> AppResult<()> {
    if incidents::get(vault.conn(), id)?.status.is_open() {
        Ok(())
    } else {
        Err(AppError::IncidentClosed)
    }
}
