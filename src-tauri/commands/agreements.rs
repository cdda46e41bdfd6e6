//! Commands of customers' agreements and the overview of who is on which version.

use crate::clock;
use std::time::Instant;

use tauri::State;

use crate::domain::agreement::{Agreement, AgreementInput, AgreementOverview};
use crate::error::AppResult;
use crate::session::Session;
use crate::store::agreements;

#[tauri::command(async)]
pub fn list_agreements(session: State<'_, Session>, customer_id: i64) -> AppResult<Vec<Agreement>> {
    session.with_vault(Instant::now(), |vault| {
        agreements::list_for_customer(vault.conn(), customer_id)
    })
}

#[tauri::command(async)]
pub fn create_agreement(
    session: State<'_, Session>,
    customer_id: i64,
    input: AgreementInput,
) -> AppResult<Agreement> {
    session.with_vault(Instant::now(), |vault| {
        agreements::create(vault.conn(), customer_id, &input, clock::now())
    })
}

#[tauri::command(async)]
pub fn update_agreement(
    session: State<'_, Session>,
    id: i64,
    input: AgreementInput,
) -> AppResult<Agreement> {
    session.with_vault(Instant::now(), |vault| {
        agreements::update(vault.conn(), id, &input, clock::now())
    })
}

#[tauri::command(async)]
pub fn agreement_overview(
    session: State<'_, Session>,
    offset: u32,
    limit: u32,
) -> AppResult<AgreementOverview> {
    session.with_vault(Instant::now(), |vault| {
        agreements::overview(vault.conn(), offset, limit.clamp(1, 500))
    })
}
