//! The baseline for `startup.sh`: an empty Tauri 2 window, built with the same crate
//! versions and profile as the app, showing an empty page embedded the same way. It prints
//! the same probe line when its page has loaded.

use tauri::webview::PageLoadEvent;

fn main() {
    tauri::Builder::default()
        .on_page_load(|_, payload| {
            if payload.event() == PageLoadEvent::Finished {
                println!("startup-probe: first-screen");
            }
        })
        .run(tauri::generate_context!(
            "tests/benches/empty_window/tauri.conf.json"
        ))
        .expect("empty window");
}
