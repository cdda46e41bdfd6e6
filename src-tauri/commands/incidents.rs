//! Commands of the incident register and the breach wizard.

use crate::clock;
use std::time::Instant;

use tauri::ipc::Channel;
use tauri::State;

use super::documents::SavedFiles;
use super::{reporter, Progress};
use crate::domain::breach::{AffectedOverride, BreachFactsInput};
use crate::domain::customer::ServiceCount;
use crate::domain::follow_up::FollowUpInput;
use crate::domain::incident::{
    new_incident_facts, Incident, IncidentDetail, IncidentPage, IncidentRow, StatusChangeInput,
};
use crate::error::AppResult;
use crate::export::notices::{self, NoticePreview};
use crate::export::{destination, drafts};
use crate::session::Session;
use crate::store::{customers, incident_views, incidents, settings};

#[tauri::command(async)]
pub fn list_open_incidents(session: State<'_, Session>) -> AppResult<Vec<IncidentRow>> {
    session.with_vault(Instant::now(), |vault| {
        incident_views::open(vault.conn(), clock::now())
    })
}

/// One page of the incident register, the most recent first.
#[tauri::command(async)]
pub fn incident_page(
    session: State<'_, Session>,
    offset: u32,
    limit: u32,
) -> AppResult<IncidentPage> {
    session.with_vault(Instant::now(), |vault| {
        incident_views::page(vault.conn(), offset, limit.clamp(1, 500), clock::now())
    })
}

#[tauri::command(async)]
pub fn create_incident(session: State<'_, Session>, title: String) -> AppResult<Incident> {
    session.with_vault(Instant::now(), |vault| {
        let settings = settings::get(vault.conn())?;
        let facts = new_incident_facts(&title, &settings, clock::now())?;
        incidents::create(vault.conn(), &facts, &settings.officer_name, clock::now())
    })
}

#[tauri::command(async)]
pub fn get_incident(session: State<'_, Session>, id: i64) -> AppResult<IncidentDetail> {
    session.with_vault(Instant::now(), |vault| {
        incident_views::detail(vault.conn(), id, clock::now())
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
    session.with_vault(Instant::now(), |vault| {
        incidents::save_draft(vault.conn(), id, &facts, step, clock::now())?;
        incident_views::detail(vault.conn(), id, clock::now())
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
        incidents::change_status(vault.conn(), id, &input, &officer, clock::now())
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
        incidents::add_customers(vault.conn(), id, &customer_ids, clock::now())
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
        let ids = customers::of_service(vault.conn(), &service)?;
        incidents::add_customers(vault.conn(), id, &ids, clock::now())?;
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
    session.with_vault(Instant::now(), |vault| {
        incidents::save_overrides(vault.conn(), id, customer_id, &overrides)
    })
}

/// Records what the customer did with our notices (its report to the AP).
#[tauri::command(async)]
pub fn save_customer_follow_up(
    session: State<'_, Session>,
    id: i64,
    customer_id: i64,
    input: FollowUpInput,
) -> AppResult<()> {
    session.with_vault(Instant::now(), |vault| {
        incidents::save_follow_up(vault.conn(), id, customer_id, &input, clock::now())
    })
}

#[tauri::command(async)]
pub fn preview_notice(
    session: State<'_, Session>,
    id: i64,
    customer_id: i64,
    final_notice: bool,
) -> AppResult<NoticePreview> {
    session.with_vault(Instant::now(), |vault| {
        notices::preview(vault.conn(), id, customer_id, final_notice, clock::now())
    })
}

/// Generates the next notice (or the final one) for each customer, all or none, reporting
/// progress.
#[tauri::command(async)]
pub fn generate_notices(
    session: State<'_, Session>,
    id: i64,
    customer_ids: Vec<i64>,
    final_notice: bool,
    on_progress: Channel<Progress>,
) -> AppResult<Vec<i64>> {
    session.with_vault(Instant::now(), |vault| {
        notices::generate(
            vault.conn(),
            id,
            &customer_ids,
            final_notice,
            clock::now(),
            reporter(&on_progress),
        )
    })
}

/// Writes an e-mail draft of the latest notice to every customer of the incident into one
/// folder, all or none.
#[tauri::command(async)]
pub fn save_incident_drafts(
    session: State<'_, Session>,
    id: i64,
    folder: Option<String>,
    on_progress: Channel<Progress>,
) -> AppResult<SavedFiles> {
    session.with_vault(Instant::now(), |vault| {
        let folder = destination(vault.conn(), folder.as_deref())?;
        let latest = crate::store::notices::latest_of_incident(vault.conn(), id)?;
        let written = drafts::save_drafts(
            vault.conn(),
            &latest,
            &folder,
            clock::now(),
            reporter(&on_progress),
        )?;
        Ok(SavedFiles::new(written.len() as u32, &folder))
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
        let folder = destination(vault.conn(), folder.as_deref())?;
        let count = notices::save_latest(vault.conn(), id, &folder)?;
        Ok(SavedFiles::new(count, &folder))
    })
}
