//! Commands of transfers outside the EEA (art. 2.5): approvals per customer and the gaps.

use std::time::Instant;

use tauri::State;

use crate::clock;
use crate::domain::transfer::{Transfer, TransferGap, TransferInput};
use crate::error::AppResult;
use crate::session::Session;
use crate::store::transfers;

#[tauri::command(async)]
pub fn list_transfers(
    session: State<'_, Session>,
    customer_id: Option<i64>,
) -> AppResult<Vec<Transfer>> {
    session.with_vault(Instant::now(), |vault| {
        transfers::list(vault.conn(), customer_id)
    })
}

#[tauri::command(async)]
pub fn list_transfer_gaps(
    session: State<'_, Session>,
    customer_id: Option<i64>,
    limit: Option<u32>,
) -> AppResult<Vec<TransferGap>> {
    session.with_vault(Instant::now(), |vault| {
        transfers::gaps(vault.conn(), customer_id, clock::now(), limit)
    })
}

#[tauri::command(async)]
pub fn create_transfer(session: State<'_, Session>, input: TransferInput) -> AppResult<()> {
    session.with_vault(Instant::now(), |vault| {
        transfers::create(vault.conn(), &input, clock::now()).map(|_| ())
    })
}

#[tauri::command(async)]
pub fn withdraw_transfer(
    session: State<'_, Session>,
    id: i64,
    withdrawn_on: String,
) -> AppResult<()> {
    session.with_vault(Instant::now(), |vault| {
        transfers::withdraw(vault.conn(), id, &withdrawn_on, clock::now())
    })
}
