//! Commands of every kept document, whatever its kind: saving it as a file and its sent log.

use std::time::Instant;

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::clock;
use crate::domain::document::DeliveryInput;
use crate::error::AppResult;
use crate::export::documents::save_document as save;
use crate::export::{destination, drafts};
use crate::opening;
use crate::session::Session;
use crate::store::{documents, settings};

/// What saving documents into a folder did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SavedFiles {
    pub count: u32,
    pub folder: String,
}

impl SavedFiles {
    pub fn new(count: u32, folder: &std::path::Path) -> Self {
        SavedFiles {
            count,
            folder: folder.to_string_lossy().into_owned(),
        }
    }
}

/// Saves one kept document, exactly as generated, into `folder` or the export folder;
/// returns its path.
#[tauri::command(async)]
pub fn save_document(
    session: State<'_, Session>,
    document_id: i64,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let folder = destination(vault.conn(), folder.as_deref())?;
        Ok(save(vault.conn(), document_id, &folder)?
            .to_string_lossy()
            .into_owned())
    })
}

/// Writes the e-mail draft of one kept document into `folder` or the export folder; returns
/// its path.
#[tauri::command(async)]
pub fn save_document_draft(
    session: State<'_, Session>,
    document_id: i64,
    folder: Option<String>,
) -> AppResult<String> {
    session.with_vault(Instant::now(), |vault| {
        let folder = destination(vault.conn(), folder.as_deref())?;
        let written = drafts::save_drafts(
            vault.conn(),
            &[document_id],
            &folder,
            clock::now(),
            |_, _| {},
        )?;
        Ok(written
            .first()
            .map(|path| path.to_string_lossy().into_owned())
            .unwrap_or_default())
    })
}

/// Opens a kept document saved into `folder` (or the export folder) with the desktop's
/// program: the PDF, or with `draft` its e-mail draft.
#[tauri::command(async)]
pub fn open_saved_document(
    session: State<'_, Session>,
    document_id: i64,
    draft: bool,
    folder: Option<String>,
) -> AppResult<()> {
    let path = session.with_vault(Instant::now(), |vault| {
        let folder = destination(vault.conn(), folder.as_deref())?;
        let file_name = documents::pdf(vault.conn(), document_id)?.file_name;
        Ok(folder.join(if draft {
            drafts::draft_file_name(&file_name)
        } else {
            file_name
        }))
    })?;
    opening::open_file(&path)
}

/// Records when, how and to whom a kept document was sent.
#[tauri::command(async)]
pub fn record_delivery(
    session: State<'_, Session>,
    document_id: i64,
    input: DeliveryInput,
) -> AppResult<()> {
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        documents::record_delivery(vault.conn(), document_id, &input, &officer, clock::now())
    })
}
