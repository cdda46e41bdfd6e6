//! Commands of importing customers from a CSV file or a workbook: read it (with the mapping
//! the last import left, else a guess), preview what an import would do, import with
//! progress and cancel. Every step reads the file again and checks it is the one previewed.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use tauri::ipc::Channel;
use tauri::State;

use crate::clock;
use crate::domain::customer_import::{ImportSummary, Mapping};
use crate::error::AppResult;
use crate::session::Session;
use crate::store::customer_imports::{self, CustomerFile, ImportOutcome};
use crate::store::settings;

use super::{reporter, Progress};

/// Set while an import runs; `cancel_customer_import` raises it.
#[derive(Default)]
pub struct ImportCancel(pub AtomicBool);

/// Opens the native file dialog for a customer list; `None` if cancelled.
#[tauri::command]
pub async fn choose_customer_file(window: tauri::Window) -> AppResult<Option<String>> {
    Ok(crate::dialogs::pick_file(
        &window,
        "CSV, Excel, LibreOffice",
        &["csv", "txt", "xlsx", "xlsm", "ods"],
    )
    .await)
}

#[tauri::command(async)]
pub fn read_customer_file(session: State<'_, Session>, path: String) -> AppResult<CustomerFile> {
    session.with_vault(Instant::now(), |vault| {
        customer_imports::describe(vault.conn(), Path::new(&path))
    })
}

#[tauri::command(async)]
pub fn preview_customer_import(
    session: State<'_, Session>,
    path: String,
    sha256: String,
    mapping: Mapping,
) -> AppResult<ImportSummary> {
    let file = customer_imports::read_previewed(Path::new(&path), &sha256)?;
    session.with_vault(Instant::now(), |vault| {
        Ok(
            customer_imports::preview(vault.conn(), &file.source(&mapping), clock::now())?
                .summary(),
        )
    })
}

#[tauri::command(async)]
pub fn import_customers(
    session: State<'_, Session>,
    cancel: State<'_, ImportCancel>,
    path: String,
    sha256: String,
    mapping: Mapping,
    skip_refused: bool,
    on_progress: Channel<Progress>,
) -> AppResult<ImportOutcome> {
    let file = customer_imports::read_previewed(Path::new(&path), &sha256)?;
    cancel.0.store(false, Ordering::Relaxed);
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        customer_imports::import(
            vault.conn(),
            &file.source(&mapping),
            skip_refused,
            &officer,
            clock::now(),
            reporter(&on_progress),
            &cancel.0,
        )
    })
}

#[tauri::command(async)]
pub fn cancel_customer_import(cancel: State<'_, ImportCancel>) -> AppResult<()> {
    cancel.0.store(true, Ordering::Relaxed);
    Ok(())
}
