//! Headless Chromium printing a document from HTML: the baseline the PDF benchmarks compare
//! against.

use std::path::Path;
use std::process::Command;

use dpa_desk::documents::layout::Item;

use super::timing::median_ms;

/// The same content as an HTML page, for Chromium.
pub fn html(items: &[Item]) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut body = String::new();
    for item in items {
        body.push_str(&match item {
            Item::Title(t) => format!("<h1>{}</h1>", escape(t)),
            Item::Heading(t) => format!("<h2>{}</h2>", escape(t)),
            Item::Paragraph(t) | Item::Note(t) => format!("<p>{}</p>", escape(t)),
            Item::Numbered { number, text } => {
                format!("<p><b>{}</b> {}</p>", escape(number), escape(text))
            }
            Item::Bullet(t) => format!("<ul><li>{}</li></ul>", escape(t)),
            Item::KeyValues(rows) => format!(
                "<table>{}</table>",
                rows.iter()
                    .map(|(k, v)| format!("<tr><th>{}</th><td>{}</td></tr>", escape(k), escape(v)))
                    .collect::<String>()
            ),
            Item::SideBySide { heads, rows } => format!(
                "<table><tr><th>{}</th><th>{}</th></tr>{}</table>",
                escape(&heads.0),
                escape(&heads.1),
                rows.iter()
                    .map(|(l, r)| format!("<tr><td>{}</td><td>{}</td></tr>", escape(l), escape(r)))
                    .collect::<String>()
            ),
        });
    }
    format!("<!doctype html><html lang=nl><meta charset=utf-8><style>body{{font:10pt 'DejaVu Sans'}}@page{{size:A4;margin:22mm}}</style><body>{body}</body></html>")
}

pub fn chromium_ms(html_path: &Path, pdf_path: &Path) -> Option<f64> {
    let binary = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    let profile = tempfile::tempdir().ok()?;
    let mut ok = true;
    let ms = median_ms(3, || {
        let status = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--print-to-pdf={}", pdf_path.display()))
            .arg(format!("file://{}", html_path.display()))
            .output();
        ok &= status.is_ok_and(|o| o.status.success());
    });
    ok.then_some(ms)
}
