//! Tauri commands by area. Each is thin: take the state, make one call into the core, map
//! the error. `build.rs` derives the command list from the functions marked
//! `#[tauri::command]` in these files.

pub mod agreements;
pub mod assistance;
pub mod audits;
pub mod backups;
pub mod customers;
pub mod dashboard;
pub mod disclosures;
pub mod documents;
pub mod event_log;
pub mod exports;
pub mod incidents;
pub mod instructions;
pub mod mail;
pub mod registers;
pub mod security_documents;
pub mod service_ends;
pub mod settings;
pub mod subprocessors;
pub mod templates;
pub mod transfers;
pub mod vault;
