//! Tauri commands by area. Each is thin: take the state, make one call into the core, map
//! the error. `build.rs` derives the command list from the functions marked
//! `#[tauri::command]` in these files.

pub mod agreements;
pub mod amendments;
pub mod assistance;
pub mod audits;
pub mod backups;
pub mod customer_imports;
pub mod customers;
pub mod dashboard;
pub mod disclosures;
pub mod documents;
pub mod event_log;
pub mod exports;
pub mod incidents;
pub mod instructions;
pub mod mail;
pub mod processing_records;
pub mod registers;
pub mod security_documents;
pub mod service_ends;
pub mod settings;
pub mod sub_processing;
pub mod subprocessors;
pub mod templates;
pub mod transfers;
pub mod vault;

use serde::Serialize;
use tauri::ipc::Channel;
use ts_rs::TS;

/// How far a long piece of work is (an export, notices being made, drafts, a sending).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
}

/// Tells the window how far the work is, through `channel` (a closed window is no error).
pub fn reporter(channel: &Channel<Progress>) -> impl Fn(u32, u32) + '_ {
    move |done, total| {
        let _ = channel.send(Progress { done, total });
    }
}
