//! DPA Desk: the compliance officer's desk for a data processor.

pub mod clock;
mod commands;
mod dialogs;
pub mod dispatch;
pub mod documents;
pub mod domain;
pub mod error;
pub mod export;
pub mod opening;
pub mod pdf_reader;
pub mod session;
pub mod smtp;
mod startup_probe;
pub mod store;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use tauri::{Emitter, Manager};

use session::Session;

/// Every command the app registers, as `build.rs` derived them; the capability must allow
/// exactly these (tests/security.rs).
pub const COMMANDS: &[&str] = include!(concat!(env!("OUT_DIR"), "/command_names.rs"));

/// The event the window receives when the vault locked itself after idle time.
pub const VAULT_LOCKED_EVENT: &str = "vault-locked";

/// Builds and runs the app.
pub fn run() {
    let chosen_dir = match data_dir_from(std::env::args(), std::env::var_os("DPA_DESK_DATA_DIR"))
        .and_then(|dir| clock::set_offset_from(std::env::args()).map(|()| dir))
    {
        Ok(dir) => dir,
        Err(message) => {
            eprintln!("dpa-desk: {message}");
            std::process::exit(2);
        }
    };
    tauri::Builder::default()
        .setup(move |app| {
            let dir = match chosen_dir {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            std::fs::create_dir_all(&dir)?;
            init_log(&dir);
            open_window(app, &dir)?;
            app.manage(Session::new(dir));
            app.manage(commands::exports::ExportCancel::default());
            app.manage(commands::mail::SendCancel::default());
            app.manage(commands::customer_imports::ImportCancel::default());
            watch_idle(app.handle().clone());
            Ok(())
        })
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/command_handler.rs")))
        .run(tauri::generate_context!())
        .expect("DPA Desk could not start");
}

/// The vault folder from `--data-dir DIR` (or `--data-dir=DIR`), else from the
/// `DPA_DESK_DATA_DIR` variable; `None` means the user's data directory. A flag without a
/// folder is an error rather than a silent switch to another vault.
pub fn data_dir_from(
    args: impl IntoIterator<Item = String>,
    env: Option<std::ffi::OsString>,
) -> Result<Option<PathBuf>, &'static str> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let dir = if arg == "--data-dir" {
            args.next().unwrap_or_default()
        } else if let Some(dir) = arg.strip_prefix("--data-dir=") {
            dir.to_string()
        } else {
            continue;
        };
        if dir.is_empty() {
            return Err("--data-dir needs a folder, e.g. --data-dir ~/dpa-vault");
        }
        return Ok(Some(PathBuf::from(dir)));
    }
    Ok(env.filter(|dir| !dir.is_empty()).map(PathBuf::from))
}

/// The main window. WebKit keeps its own data (cache, storage) in the vault folder too, so
/// that one folder holds everything the app writes.
fn open_window(app: &tauri::App, dir: &std::path::Path) -> tauri::Result<()> {
    tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::default())
        .title("DPA Desk")
        .inner_size(1200.0, 800.0)
        .min_inner_size(800.0, 560.0)
        .data_directory(dir.join("webview"))
        .on_navigation(|url| {
            let own = is_own_page(url);
            if !own {
                tracing::warn!(
                    scheme = url.scheme(),
                    "navigation away from the app refused"
                );
            }
            own
        })
        .build()?;
    Ok(())
}

/// Whether `url` is one of the app's own pages: the window may never show anything else.
fn is_own_page(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
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

#[cfg(test)]
mod tests {
    use super::{data_dir_from, is_own_page};
    use std::path::PathBuf;

    #[test]
    fn only_the_apps_own_pages_may_be_shown() {
        let url = |text: &str| tauri::Url::parse(text).unwrap();
        assert!(is_own_page(&url("tauri://localhost/index.html")));
        assert!(is_own_page(&url("http://tauri.localhost/")));
        for remote in [
            "https://example.com/",
            "http://localhost:1420/",
            "https://tauri.localhost.example.com/",
            "file:///etc/passwd",
            "data:text/html,<b>hi</b>",
            "javascript:alert(1)",
            "tauri://evil/",
        ] {
            assert!(!is_own_page(&url(remote)), "{remote}");
        }
    }

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_data_dir_comes_from_the_argument_then_the_variable() {
        let env = Some("/from/env".into());
        let dir = |list: &[&str], env: Option<std::ffi::OsString>| data_dir_from(args(list), env);
        assert_eq!(
            dir(&["app", "--data-dir", "/a"], env.clone()),
            Ok(Some(PathBuf::from("/a")))
        );
        assert_eq!(
            dir(&["app", "--data-dir=/b"], env.clone()),
            Ok(Some(PathBuf::from("/b")))
        );
        assert_eq!(
            dir(&["app"], env.clone()),
            Ok(Some(PathBuf::from("/from/env")))
        );
        assert_eq!(dir(&["app"], Some("".into())), Ok(None));
        assert_eq!(dir(&["app"], None), Ok(None));
        // A flag without its folder does not silently open the default vault.
        assert!(dir(&["app", "--data-dir"], env.clone()).is_err());
        assert!(dir(&["app", "--data-dir="], env).is_err());
    }
}
