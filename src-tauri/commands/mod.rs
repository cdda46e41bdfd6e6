//! Tauri commands by area. Each is thin: take the state, make one call into the core, map
//! the error. `build.rs` derives the command list from the functions marked
//! `#[tauri::command]` in these files.

pub mod customers;
pub mod settings;
pub mod vault;
