//! Commands of the end of a customer's service (art. 10.4): the plan, erase or transfer, and its
//! confirmation.

use crate::clock;
use std::time::Instant;

use tauri::State;

use crate::domain::service_end::{ServiceEnd, ServiceEndInput};
use crate::error::AppResult;
use crate::export;
use crate::session::Session;
use crate::store::{service_ends, settings};

#[tauri::command(async)]
pub fn list_service_ends(session: State<'_, Session>) -> AppResult<Vec<ServiceEnd>> {
    session.with_vault(Instant::now(), |vault| service_ends::list(vault.conn()))
}

#[tauri::command(async)]
pub fn get_service_end(
    session: State<'_, Session>,
    customer_id: i64,
) -> AppResult<Option<ServiceEnd>> {
    session.with_vault(Instant::now(), |vault| {
        service_ends::get(vault.conn(), customer_id)
    })
}

/// Records how the customer's service ends; returns it as its page shows it.
#[tauri::command(async)]
pub fn save_service_end(
    session: State<'_, Session>,
    customer_id: i64,
    input: ServiceEndInput,
) -> AppResult<Option<ServiceEnd>> {
    session.with_vault(Instant::now(), |vault| {
        service_ends::save(vault.conn(), customer_id, &input, clock::now())?;
        service_ends::get(vault.conn(), customer_id)
    })
}

/// Makes the confirmation that the data was erased or transferred, and keeps it.
#[tauri::command(async)]
pub fn generate_service_end_confirmation(
    session: State<'_, Session>,
    customer_id: i64,
) -> AppResult<Option<ServiceEnd>> {
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        export::service_ends::generate_service_end_confirmation(
            vault.conn(),
            customer_id,
            &officer,
            clock::now(),
        )?;
        service_ends::get(vault.conn(), customer_id)
    })
}
