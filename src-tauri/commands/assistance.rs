//! Commands of assistance to the customer (art. 7): requests of data subjects and the AP, hours and
//! costs.

use std::time::Instant;

use tauri::State;

use crate::clock;
use crate::domain::assistance::{Assistance, AssistanceInput};
use crate::error::AppResult;
use crate::session::Session;
use crate::store::assistance;

#[tauri::command(async)]
pub fn list_assistance(
    session: State<'_, Session>,
    customer_id: Option<i64>,
) -> AppResult<Vec<Assistance>> {
    session.with_vault(Instant::now(), |vault| {
        assistance::list(vault.conn(), customer_id)
    })
}

#[tauri::command(async)]
pub fn create_assistance(
    session: State<'_, Session>,
    customer_id: i64,
    input: AssistanceInput,
) -> AppResult<Assistance> {
    session.with_vault(Instant::now(), |vault| {
        let id = assistance::create(vault.conn(), customer_id, &input, clock::now())?;
        assistance::get(vault.conn(), id)
    })
}

#[tauri::command(async)]
pub fn update_assistance(
    session: State<'_, Session>,
    id: i64,
    input: AssistanceInput,
) -> AppResult<Assistance> {
    session.with_vault(Instant::now(), |vault| {
        assistance::update(vault.conn(), id, &input, clock::now())?;
        assistance::get(vault.conn(), id)
    })
}
