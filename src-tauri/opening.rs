//! Opening a saved file with the program the officer's desktop uses for it: a PDF in its
//! viewer, an e-mail draft in its mail program (the opener crate; on Linux `xdg-open`).
//! `xdg-open` does not report a missing program, so on Linux the desktop's default for the
//! file's type is asked first (`xdg-mime`), and a missing one is said in plain words.

use std::path::Path;

use crate::error::{AppError, AppResult};

/// The MIME type of a file we save, by its extension.
fn mime_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("eml") => "message/rfc822",
        _ => "application/pdf",
    }
}

/// Opens `path` with the desktop's program for its type.
pub fn open_file(path: &Path) -> AppResult<()> {
    if !path.is_file() {
        return Err(AppError::NotSaved);
    }
    let mime = mime_type(path);
    if cfg!(target_os = "linux") && default_application(mime).is_none() {
        return Err(AppError::NoProgram {
            mime: mime.to_string(),
        });
    }
    opener::open(path).map_err(|e| {
        tracing::warn!(error = %e, "opening a saved file failed");
        AppError::NoProgram {
            mime: mime.to_string(),
        }
    })
}

/// The desktop entry that opens `mime`, per `xdg-mime`; `None` when there is none or
/// xdg-utils is missing.
fn default_application(mime: &str) -> Option<String> {
    let output = std::process::Command::new("xdg-mime")
        .args(["query", "default", mime])
        .output()
        .ok()?;
    let entry = String::from_utf8_lossy(&output.stdout).trim().to_string();
    (output.status.success() && !entry.is_empty()).then_some(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_mail_and_anything_else_we_save_a_pdf() {
        assert_eq!(mime_type(Path::new("/x/datalek-1.eml")), "message/rfc822");
        assert_eq!(mime_type(Path::new("/x/datalek-1.pdf")), "application/pdf");
    }

    #[test]
    fn a_file_not_saved_yet_is_not_opened() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            open_file(&dir.path().join("missing.pdf")),
            Err(AppError::NotSaved)
        ));
    }
}
