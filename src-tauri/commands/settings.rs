//! Commands of the settings kept in the vault.

use std::time::Instant;

use tauri::State;

use crate::domain::settings::Settings;
use crate::error::AppResult;
use crate::session::Session;
use crate::store::settings;

#[tauri::command(async)]
pub fn get_settings(session: State<'_, Session>) -> AppResult<Settings> {
    session.with_vault(Instant::now(), |vault| settings::get(vault.conn()))
}

#[tauri::command(async)]
pub fn update_settings(session: State<'_, Session>, settings: Settings) -> AppResult<Settings> {
    session.save_settings(&settings, Instant::now())
}
