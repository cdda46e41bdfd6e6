//! Commands of the dashboard: every deadline, soonest first.

use std::time::Instant;

use tauri::State;

use crate::clock;
use crate::domain::deadlines::Dashboard;
use crate::error::AppResult;
use crate::session::Session;
use crate::store::dashboard;

#[tauri::command(async)]
pub fn get_dashboard(session: State<'_, Session>) -> AppResult<Dashboard> {
    session.with_vault(Instant::now(), |vault| {
        dashboard::get(vault.conn(), clock::now())
    })
}
