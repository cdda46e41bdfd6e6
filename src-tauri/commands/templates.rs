//! Commands of agreement templates: choose and read a text, preview its structure, save a
//! version with its terms, change the terms of an unsigned version.

use crate::clock;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::domain::agreement::{TemplateVersion, TemplateVersionInput, Terms};
use crate::domain::template::{parse_template, ParsedTemplate, MAX_TEXT_BYTES};
use crate::error::AppResult;
use crate::session::Session;
use crate::store::{files, templates};

/// A text read from a file, with its structure for the officer to check.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TemplatePreview {
    pub source_name: String,
    pub source_text: String,
    pub parsed: ParsedTemplate,
}

/// Opens the native file dialog for a `.txt` or `.md` agreement text; `None` if cancelled.
#[tauri::command]
pub async fn choose_template_file(window: tauri::Window) -> AppResult<Option<String>> {
    Ok(crate::dialogs::pick_file(&window, "Tekst", &["txt", "md"]).await)
}

#[tauri::command(async)]
pub fn read_template_file(session: State<'_, Session>, path: String) -> AppResult<TemplatePreview> {
    session.with_vault(Instant::now(), |_| {
        let path = Path::new(&path);
        let source_text = files::read_text(path, MAX_TEXT_BYTES as u64, "path")?;
        let parsed = parse_template(&source_text)?;
        let source_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(TemplatePreview {
            source_name,
            source_text,
            parsed,
        })
    })
}

#[tauri::command(async)]
pub fn create_template_version(
    session: State<'_, Session>,
    input: TemplateVersionInput,
) -> AppResult<TemplateVersion> {
    session.with_vault(Instant::now(), |vault| {
        templates::create(vault.conn(), &input, clock::now())
    })
}

#[tauri::command(async)]
pub fn list_template_versions(session: State<'_, Session>) -> AppResult<Vec<TemplateVersion>> {
    session.with_vault(Instant::now(), |vault| templates::list(vault.conn()))
}

#[tauri::command(async)]
pub fn update_template_terms(
    session: State<'_, Session>,
    id: i64,
    terms: Terms,
) -> AppResult<TemplateVersion> {
    session.with_vault(Instant::now(), |vault| {
        templates::update_terms(vault.conn(), id, &terms)
    })
}
