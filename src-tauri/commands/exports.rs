//! Commands of exports: one customer into the export folder or a chosen one, all customers
//! with progress and cancel.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::clock;

use tauri::ipc::Channel;
use tauri::State;

use crate::domain::settings::export_target;
use crate::domain::time::file_stamp;
use crate::error::AppResult;
use crate::export::customer::{gather, gather_all, write, write_all, ExportSummary};
use crate::export::destination;
use crate::session::Session;

use super::{reporter, Progress};

/// Set while an export of all customers runs; `cancel_export` raises it.
#[derive(Default)]
pub struct ExportCancel(pub AtomicBool);

/// Opens the native folder dialog; `None` if cancelled.
#[tauri::command]
pub async fn choose_folder(window: tauri::Window) -> AppResult<Option<String>> {
    Ok(crate::dialogs::pick_folder(&window).await)
}

/// Exports one customer into `folder`, or into the export folder of the settings; returns
/// the PDF's path.
#[tauri::command(async)]
pub fn export_customer(
    session: State<'_, Session>,
    id: i64,
    folder: Option<String>,
) -> AppResult<String> {
    let (export, folder) = session.with_vault(Instant::now(), |vault| {
        Ok((
            gather(vault.conn(), id, clock::now())?,
            destination(vault.conn(), folder.as_deref())?,
        ))
    })?;
    Ok(write(&folder, &export)?.to_string_lossy().into_owned())
}

/// Exports every customer into a new dated folder inside `folder`, reporting progress.
#[tauri::command]
pub async fn export_all(
    session: State<'_, Session>,
    cancel: State<'_, ExportCancel>,
    folder: String,
    on_progress: Channel<Progress>,
) -> AppResult<ExportSummary> {
    let target = export_target("folder", &folder)?;
    let exports = session.with_vault(Instant::now(), |vault| {
        gather_all(vault.conn(), clock::now())
    })?;
    cancel.0.store(false, Ordering::Relaxed);
    let name = format!("DPA Desk export {}", file_stamp(clock::now()));
    write_all(&target, &name, &exports, reporter(&on_progress), &cancel.0)
}

#[tauri::command(async)]
pub fn cancel_export(cancel: State<'_, ExportCancel>) -> AppResult<()> {
    cancel.0.store(true, Ordering::Relaxed);
    Ok(())
}
