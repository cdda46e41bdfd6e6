//! Commands of a sub-processor's agreement with us (art. 8.3): read it with what it lacks,
//! record it with its file, and save the file again.

use std::path::Path;
use std::time::Instant;

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::clock;
use crate::domain::sub_processing::{
    flow_down_gaps, FlowDownGap, SubProcessing, SubProcessingInput,
};
use crate::error::AppResult;
use crate::export::save_file;
use crate::session::Session;
use crate::store::sub_processing;

/// A sub-processor's agreement, if recorded, and what art. 8.3 asks that it does not show.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SubProcessingView {
    pub agreement: Option<SubProcessing>,
    pub gaps: Vec<FlowDownGap>,
}

fn view(agreement: Option<SubProcessing>) -> SubProcessingView {
    SubProcessingView {
        gaps: flow_down_gaps(agreement.as_ref()),
        agreement,
    }
}

/// Opens the native file dialog for the agreement's file; `None` if cancelled.
#[tauri::command]
pub async fn choose_sub_processing_file(window: tauri::Window) -> AppResult<Option<String>> {
    Ok(crate::dialogs::pick_file(&window, "PDF, Word", &["pdf", "docx", "doc", "odt"]).await)
}

#[tauri::command(async)]
pub fn get_sub_processing(
    session: State<'_, Session>,
    sub_processor_id: i64,
) -> AppResult<SubProcessingView> {
    session.with_vault(Instant::now(), |vault| {
        Ok(view(sub_processing::get(vault.conn(), sub_processor_id)?))
    })
}

/// Records the agreement, with the file at `file` when one is given.
#[tauri::command(async)]
pub fn save_sub_processing(
    session: State<'_, Session>,
    sub_processor_id: i64,
    input: SubProcessingInput,
    file: Option<String>,
) -> AppResult<SubProcessingView> {
    session.with_vault(Instant::now(), |vault| {
        let file = file
            .as_deref()
            .filter(|f| !f.trim().is_empty())
            .map(Path::new);
        let saved =
            sub_processing::save(vault.conn(), sub_processor_id, &input, file, clock::now())?;
        Ok(view(Some(saved)))
    })
}

/// Saves the agreement's file into `folder`, or the export folder of the settings; returns
/// its path.
#[tauri::command(async)]
pub fn save_sub_processing_file(
    session: State<'_, Session>,
    sub_processor_id: i64,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let (name, bytes) = sub_processing::file(vault.conn(), sub_processor_id)?;
        let path = save_file(vault.conn(), folder.as_deref(), &name, &bytes)?;
        Ok(path.to_string_lossy().into_owned())
    })
}
