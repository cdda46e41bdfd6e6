//! Writes the text each extractor gets from a PDF, and the median time of 20 runs:
//! `cargo run --release -- FILE.pdf OUT_DIR`. `pdftotext` is timed the same way, as a child
//! process. The texts are then compared with the agreement's text version by the app's parser
//! (`tests/template_files.rs` does so for the extractor the app uses).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn measure(name: &str, out: &Path, extract: impl Fn() -> Result<String, String>) {
    let mut runs = Vec::new();
    let mut text = String::new();
    for _ in 0..20 {
        let start = Instant::now();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(&extract));
        runs.push(start.elapsed());
        text = match result {
            Ok(Ok(text)) => text,
            Ok(Err(error)) => format!("ERROR: {error}"),
            Err(_) => "PANIC".to_string(),
        };
    }
    std::fs::write(out.join(format!("{name}.txt")), &text).unwrap();
    println!("{name:<22} {:>9.2} ms", median(runs).as_secs_f64() * 1000.0);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let pdf = PathBuf::from(&args[1]);
    let out = PathBuf::from(&args[2]);
    std::fs::create_dir_all(&out).unwrap();
    let bytes = std::fs::read(&pdf).unwrap();

    measure("lopdf", &out, || {
        let doc = lopdf::Document::load_mem(&bytes).map_err(|e| e.to_string())?;
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        doc.extract_text(&pages).map_err(|e| e.to_string())
    });
    measure("pdf-extract", &out, || {
        pdf_extract::extract_text_from_mem(&bytes).map_err(|e| e.to_string())
    });
    measure("pdf_oxide", &out, || {
        let doc = pdf_oxide::PdfDocument::from_bytes(bytes.clone()).map_err(|e| e.to_string())?;
        let pages = doc.page_count().map_err(|e| e.to_string())?;
        let mut text = String::new();
        for page in 0..pages {
            text.push_str(&doc.extract_text(page).map_err(|e| e.to_string())?);
            text.push('\n');
        }
        Ok(text)
    });
    for (name, args) in [
        ("pdftotext", vec!["-enc", "UTF-8"]),
        ("pdftotext-raw", vec!["-raw", "-enc", "UTF-8"]),
        ("pdftotext-bbox-layout", vec!["-bbox-layout", "-enc", "UTF-8"]),
    ] {
        measure(name, &out, || {
            let output = std::process::Command::new("pdftotext")
                .args(&args)
                .arg(&pdf)
                .arg("-")
                .output()
                .map_err(|e| e.to_string())?;
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        });
    }
}
