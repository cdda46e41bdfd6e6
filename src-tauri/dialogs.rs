//! The native file dialogs (rfd), parented to the app's window so they stay on top of it.
//! Commands only ask for a path; what is done with it is the core's.

/// A folder the officer picks; `None` if cancelled.
pub async fn pick_folder(window: &tauri::Window) -> Option<String> {
    rfd::AsyncFileDialog::new()
        .set_parent(window)
        .pick_folder()
        .await
        .map(|f| f.path().to_string_lossy().into_owned())
}

/// One file of `kind` with one of `extensions`; `None` if cancelled.
pub async fn pick_file(window: &tauri::Window, kind: &str, extensions: &[&str]) -> Option<String> {
    rfd::AsyncFileDialog::new()
        .set_parent(window)
        .add_filter(kind, extensions)
        .pick_file()
        .await
        .map(|f| f.path().to_string_lossy().into_owned())
}
