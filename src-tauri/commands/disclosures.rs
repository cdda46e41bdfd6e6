//! Commands of the disclosure register (art. 3.2): legal demands and telling the customers.

use std::time::Instant;

use tauri::State;

use crate::clock;
use crate::domain::disclosure::{Disclosure, DisclosureInput};
use crate::error::AppResult;
use crate::export;
use crate::session::Session;
use crate::store::{disclosures, settings};

#[tauri::command(async)]
pub fn list_disclosures(
    session: State<'_, Session>,
    customer_id: Option<i64>,
) -> AppResult<Vec<Disclosure>> {
    session.with_vault(Instant::now(), |vault| {
        disclosures::list(vault.conn(), customer_id)
    })
}

#[tauri::command(async)]
pub fn get_disclosure(session: State<'_, Session>, id: i64) -> AppResult<Disclosure> {
    session.with_vault(Instant::now(), |vault| disclosures::get(vault.conn(), id))
}

#[tauri::command(async)]
pub fn create_disclosure(
    session: State<'_, Session>,
    input: DisclosureInput,
) -> AppResult<Disclosure> {
    session.with_vault(Instant::now(), |vault| {
        let id = disclosures::create(vault.conn(), &input, clock::now())?;
        disclosures::get(vault.conn(), id)
    })
}

#[tauri::command(async)]
pub fn update_disclosure(
    session: State<'_, Session>,
    id: i64,
    input: DisclosureInput,
) -> AppResult<Disclosure> {
    session.with_vault(Instant::now(), |vault| {
        disclosures::update(vault.conn(), id, &input, clock::now())?;
        disclosures::get(vault.conn(), id)
    })
}

/// Makes the notice of the request to one customer it concerns, and keeps it.
#[tauri::command(async)]
pub fn generate_disclosure_notice(
    session: State<'_, Session>,
    id: i64,
    customer_id: i64,
) -> AppResult<Disclosure> {
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        export::disclosures::generate_disclosure_notice(
            vault.conn(),
            id,
            customer_id,
            &officer,
            clock::now(),
        )?;
        disclosures::get(vault.conn(), id)
    })
}
