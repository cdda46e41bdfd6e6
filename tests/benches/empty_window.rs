//! The baseline for `startup.sh`: an empty Tauri 2 window, built with the same crate
//! versions and profile as the app. It prints the same probe line when its page has loaded.

use tauri::webview::PageLoadEvent;
use tauri::{WebviewUrl, WebviewWindowBuilder};

fn main() {
    let mut context = tauri::generate_context!("tauri.conf.json");
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .setup(|app| {
            WebviewWindowBuilder::new(app, "main", WebviewUrl::External("about:blank".parse()?))
                .title("empty")
                .inner_size(1200.0, 800.0)
                .on_page_load(|_, payload| {
                    if payload.event() == PageLoadEvent::Finished {
                        println!("startup-probe: first-screen");
                    }
                })
                .build()?;
            Ok(())
        })
        .run(context)
        .expect("empty window");
}
