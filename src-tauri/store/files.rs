//! Writing files so that a crash never leaves half of one.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

use crate::domain::validation::FieldCode;
use crate::error::{AppError, AppResult};

/// Writes `name` in `dir` so that a crash leaves either the old or the new content.
pub fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> AppResult<()> {
    write_all_atomically(dir, &[(name, bytes)])
}

/// Writes several files into one folder, each whole or not at all (written beside, flushed,
/// renamed into place), and flushes the folder's entries once for all of them.
pub fn write_all_atomically(dir: &Path, files: &[(&str, &[u8])]) -> AppResult<()> {
    for (name, bytes) in files {
        let tmp = dir.join(format!("{name}.tmp"));
        {
            let mut file = File::create(&tmp)?;
            file.write_all(bytes)?;
            file.sync_all()?;
        }
        fs::rename(&tmp, dir.join(name))?;
    }
    sync_dir(dir)
}

/// Flushes a folder's entries (renames, new files) to disk.
pub fn sync_dir(dir: &Path) -> AppResult<()> {
    File::open(dir)?.sync_all()?;
    Ok(())
}

/// Reads a text file the officer chose: at most `max_bytes`, and UTF-8 (a byte-order mark
/// is dropped). Errors name the field the path was typed in.
pub fn read_text(path: &Path, max_bytes: u64, field: &str) -> AppResult<String> {
    text_of(read_bytes(path, max_bytes, field)?, field)
}

/// Bytes as UTF-8 text, without a byte-order mark; an error on `field` when they are not.
pub fn text_of(bytes: Vec<u8>, field: &str) -> AppResult<String> {
    let text = String::from_utf8(bytes).map_err(|_| AppError::field(field, FieldCode::NotText))?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// Reads a file the officer chose: at most `max_bytes`. Errors name the field the path was
/// typed in.
pub fn read_bytes(path: &Path, max_bytes: u64, field: &str) -> AppResult<Vec<u8>> {
    let metadata =
        fs::metadata(path).map_err(|_| AppError::field(field, FieldCode::FileNotFound))?;
    if !metadata.is_file() {
        return Err(AppError::field(field, FieldCode::FileNotFound));
    }
    if metadata.len() > max_bytes {
        return Err(AppError::field(field, FieldCode::TooLong));
    }
    fs::read(path).map_err(|_| AppError::field(field, FieldCode::FileNotFound))
}
