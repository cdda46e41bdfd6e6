//! Commands of agreement templates: choose and read a text, preview its structure, save a
//! version with its terms, change the terms of an unsigned version.

use crate::clock;
use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::domain::agreement::{TemplateVersion, TemplateVersionInput, Terms};
use crate::domain::template::{parse_read_template, ParsedTemplate};
use crate::error::AppResult;
use crate::export::save_file;
use crate::session::Session;
use crate::store::templates;

/// A text read from a file, with its structure for the officer to check.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TemplatePreview {
    pub source_name: String,
    pub sha256: String,
    pub source_text: String,
    pub parsed: ParsedTemplate,
}

/// Opens the native file dialog for an agreement text (`.txt`, `.md`), Word file (`.docx`)
/// or PDF; `None` if cancelled.
#[tauri::command]
pub async fn choose_template_file(window: tauri::Window) -> AppResult<Option<String>> {
    Ok(crate::dialogs::pick_file(&window, "Tekst, Word, PDF", &["txt", "md", "docx", "pdf"]).await)
}

#[tauri::command(async)]
pub fn read_template_file(session: State<'_, Session>, path: String) -> AppResult<TemplatePreview> {
    session.with_vault(Instant::now(), |_| {
        let source = templates::read_source(Path::new(&path))?;
        Ok(TemplatePreview {
            parsed: parse_read_template(&source.text, &source.furniture)?,
            source_name: source.name,
            sha256: source.sha256,
            source_text: source.text,
        })
    })
}

/// The file a version's text is read from, as previewed.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct PreviewedFile {
    pub path: String,
    pub sha256: String,
}

/// Saves a new version; with `file`, its text is read from that file again and the file is
/// kept with the version.
#[tauri::command(async)]
pub fn create_template_version(
    session: State<'_, Session>,
    input: TemplateVersionInput,
    file: Option<PreviewedFile>,
) -> AppResult<TemplateVersion> {
    session.with_vault(Instant::now(), |vault| match &file {
        Some(file) => templates::create_from_file(
            vault.conn(),
            &input,
            Path::new(&file.path),
            &file.sha256,
            clock::now(),
        ),
        None => templates::create(vault.conn(), &input, clock::now()),
    })
}

/// Saves the file a version was imported from into `folder`, or the export folder of the
/// settings; returns its path.
#[tauri::command(async)]
pub fn save_template_source(
    session: State<'_, Session>,
    id: i64,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let (name, bytes) = templates::source_file(vault.conn(), id)?;
        let path = save_file(vault.conn(), folder.as_deref(), &name, &bytes)?;
        Ok(path.to_string_lossy().into_owned())
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
