//! Commands of the vault: status, create, unlock, lock, change passphrase, activity.

use std::time::Instant;

use tauri::State;

use crate::domain::customer::Language;
use crate::domain::settings::NewVault;
use crate::error::AppResult;
use crate::session::{Session, VaultStatus};

#[tauri::command(async)]
pub fn vault_status(session: State<'_, Session>) -> AppResult<VaultStatus> {
    crate::startup_probe::first_status();
    Ok(session.status(Instant::now()))
}

#[tauri::command(async)]
pub fn create_vault(session: State<'_, Session>, input: NewVault) -> AppResult<()> {
    session.create(&input, Instant::now())
}

#[tauri::command(async)]
pub fn unlock_vault(session: State<'_, Session>, passphrase: String) -> AppResult<()> {
    session.unlock(&passphrase, Instant::now())
}

#[tauri::command(async)]
pub fn lock_vault(session: State<'_, Session>) -> AppResult<()> {
    session.lock();
    Ok(())
}

#[tauri::command(async)]
pub fn change_passphrase(
    session: State<'_, Session>,
    current: String,
    new: String,
    confirm: String,
) -> AppResult<()> {
    session.change_passphrase(&current, &new, &confirm, Instant::now())
}

#[tauri::command(async)]
pub fn record_activity(session: State<'_, Session>) -> AppResult<()> {
    session.touch(Instant::now());
    Ok(())
}

#[tauri::command(async)]
pub fn set_interface_language(session: State<'_, Session>, language: Language) -> AppResult<()> {
    session.set_interface_language(language)
}
