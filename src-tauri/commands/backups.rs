//! Commands of backups: the list, a backup now, restoring one (also from the locked screen).

use std::path::Path;
use std::time::Instant;

use tauri::State;

use crate::clock;
use crate::error::AppResult;
use crate::export::destination;
use crate::session::Session;
use crate::store::backup::{self, BackupFile, Restored};

#[tauri::command(async)]
pub fn list_backups(session: State<'_, Session>) -> AppResult<Vec<BackupFile>> {
    session.backups()
}

/// Writes a backup into `folder`, or the export folder; returns its path.
#[tauri::command(async)]
pub fn back_up_now(session: State<'_, Session>, folder: Option<String>) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let folder = destination(vault.conn(), folder.as_deref())?;
        Ok(backup::write(vault, &folder, clock::now())?
            .to_string_lossy()
            .into_owned())
    })
}

/// Opens the native file dialog for a backup file; `None` if cancelled.
#[tauri::command]
pub async fn choose_backup_file(window: tauri::Window) -> AppResult<Option<String>> {
    Ok(crate::dialogs::pick_file(&window, "DPA Desk back-up", &[backup::EXTENSION]).await)
}

#[tauri::command(async)]
pub fn restore_backup(
    session: State<'_, Session>,
    path: String,
    passphrase: String,
) -> AppResult<Restored> {
    session.restore(Path::new(&path), &passphrase, Instant::now())
}
