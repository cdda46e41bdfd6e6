//! Reading the words of a PDF with poppler's `pdftotext` (Debian's `poppler-utils`, a
//! dependency of the package), in a child process: a damaged or hostile file can make the
//! reader fail, hang or crash, but never the app. The layout it writes is turned into text by
//! [`crate::domain::pdf_text`].
//!
//! Chosen by measuring: see BENCHMARKS.md, "Reading agreement PDFs".

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::domain::pdf_text::{text_of_layout, PdfProblem, PdfText};
use crate::domain::validation::FieldCode;
use crate::error::{AppError, AppResult};

/// The longest a PDF may take to read; an 11-page agreement takes a tenth of a second.
const TIMEOUT: Duration = Duration::from_secs(60);
/// The most layout the reader may write (about 3 MB of text; a template holds at most 2 MB).
const MAX_LAYOUT_BYTES: u64 = 64 * 1024 * 1024;

/// The text of the PDF `bytes`; errors name `field`.
pub fn text_of_pdf(bytes: &[u8], field: &str) -> AppResult<PdfText> {
    let refuse = |code| AppError::field(field, code);
    let layout = layout_of(bytes).map_err(refuse)?;
    text_of_layout(&layout).map_err(|problem| {
        refuse(match problem {
            PdfProblem::NotLayout => FieldCode::NotPdf,
            PdfProblem::NoText => FieldCode::PdfWithoutText,
        })
    })
}

/// What `pdftotext -bbox-layout` writes for the PDF given on its standard input.
fn layout_of(bytes: &[u8]) -> Result<String, FieldCode> {
    let mut child = Command::new("pdftotext")
        .args(["-bbox-layout", "-enc", "UTF-8", "-q", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| FieldCode::PdfReaderMissing)?;
    let mut stdin = child.stdin.take().expect("piped");
    let stdout = child.stdout.take().expect("piped");
    std::thread::scope(|scope| {
        // The reader may stop reading early (a damaged file): a broken pipe is its answer.
        scope.spawn(move || stdin.write_all(bytes));
        let output = scope.spawn(move || {
            let mut layout = Vec::new();
            stdout
                .take(MAX_LAYOUT_BYTES + 1)
                .read_to_end(&mut layout)
                .map(|_| layout)
        });
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
            }
        };
        let layout = output.join().ok().and_then(Result::ok);
        match (status, layout) {
            (None, _) => Err(FieldCode::PdfTooSlow),
            // Reading stopped at the limit, so the reader's pipe broke: not its failure.
            (_, Some(layout)) if layout.len() as u64 > MAX_LAYOUT_BYTES => Err(FieldCode::TooLong),
            // Damaged, or a password to open it (poppler reads past a ban on copying).
            (Some(status), _) if !status.success() => Err(FieldCode::NotPdf),
            (_, Some(layout)) => String::from_utf8(layout).map_err(|_| FieldCode::NotPdf),
            (_, None) => Err(FieldCode::NotPdf),
        }
    })
}
