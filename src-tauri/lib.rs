//! DPA Desk: the compliance officer's desk for a data processor.

mod commands;
pub mod domain;
pub mod error;
pub mod session;
mod startup_probe;
pub mod store;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use tauri::{Emitter, Manager};

use session::Session;

/// The event the window receives when the vault locked itself after idle time.
pub const VAULT_LOCKED_EVENT: &str = "vault-locked";

/// Builds and runs the app.
pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            let dir = match data_dir_from(std::env::args(), std::env::var_os("DPA_DESK_DATA_DIR")) {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            std::fs::create_dir_all(&dir)?;
            init_log(&dir);
            app.manage(Session::new(dir));
            watch_idle(app.handle().clone());
            Ok(())
        })
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/command_handler.rs")))
        .run(tauri::generate_context!())
        .expect("DPA Desk could not start");
}

/// The vault folder from `--data-dir DIR` (or `--data-dir=DIR`), else from the
/// `DPA_DESK_DATA_DIR` variable; `None` means the user's data directory.
pub fn data_dir_from(
    args: impl IntoIterator<Item = String>,
    env: Option<std::ffi::OsString>,
) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(dir));
        }
    }
    env.filter(|dir| !dir.is_empty()).map(PathBuf::from)
}

/// Checks every few seconds whether the vault has been idle too long, locks it and tells the
/// window.
fn watch_idle(app: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(5)).await;
            if app.state::<Session>().lock_if_idle(Instant::now()) {
                let _ = app.emit(VAULT_LOCKED_EVENT, ());
            }
        }
    });
}

/// Logs to `dpa-desk.log` in the vault folder: codes and ids only, never personal data.
fn init_log(dir: &std::path::Path) {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("dpa-desk.log"));
    if let Ok(file) = file {
        let _ = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_writer(std::sync::Mutex::new(file))
            .try_init();
    }
}
