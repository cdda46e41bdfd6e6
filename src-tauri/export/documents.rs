//! Saving a kept document as a file: exactly the bytes that were generated, whatever kind.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::AppResult;
use crate::store::documents;
use crate::store::files::write_atomically;

/// Saves one kept document into `folder` exactly as it was generated (refused if its bytes
/// no longer match their SHA-256); returns its path.
pub fn save_document(conn: &Connection, document_id: i64, folder: &Path) -> AppResult<PathBuf> {
    let document = documents::pdf(conn, document_id)?;
    fs::create_dir_all(folder)?;
    write_atomically(folder, &document.file_name, &document.pdf)?;
    Ok(folder.join(&document.file_name))
}
