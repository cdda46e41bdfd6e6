//! Derives the command list from the `#[tauri::command]` functions in `src-tauri/commands/`:
//! it feeds the ACL manifest (so every command must be allowed by the capability) and the
//! `generate_handler!` call and the `COMMANDS` list that `lib.rs` includes. The list is never
//! kept by hand.

use std::fs;
use std::path::Path;

fn main() {
    let dir = Path::new("src-tauri/commands");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut paths = Vec::new();
    let mut names = Vec::new();
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("src-tauri/commands")
        .map(|entry| entry.expect("dir entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    files.sort();
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let module = file.file_stem().unwrap().to_string_lossy().into_owned();
        let source = fs::read_to_string(&file).expect("command source");
        for name in command_names(&source) {
            paths.push(format!("commands::{module}::{name}"));
            names.push(name);
        }
    }
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("command_handler.rs");
    let handler = format!("tauri::generate_handler![{}]", paths.join(", "));
    fs::write(out, handler).expect("write command_handler.rs");
    let list = format!(
        "&[{}]",
        names
            .iter()
            .map(|n| format!("{n:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("command_names.rs");
    fs::write(out, list).expect("write command_names.rs");

    let names: &'static [&'static str] = Box::leak(
        names
            .into_iter()
            .map(|name| &*Box::leak(name.into_boxed_str()))
            .collect::<Vec<_>>()
            .into_boxed_slice(),
    );
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(names)),
    )
    .expect("tauri-build");
}

/// The names of the functions that directly follow a `#[tauri::command]` attribute.
fn command_names(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut pending = false;
    for line in source.lines().map(str::trim) {
        if line.starts_with("#[tauri::command") {
            pending = true;
        } else if pending && line.contains("fn ") {
            let after = line.split("fn ").nth(1).unwrap_or_default();
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            names.push(name);
            pending = false;
        }
    }
    names
}
