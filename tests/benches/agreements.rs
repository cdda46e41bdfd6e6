//! `cargo bench --bench agreements`: rendering one 10-page agreement PDF, exporting 1,000
//! customers, and headless Chromium printing the same agreement from HTML, for comparison.
//! Everything goes through the real vault. `BENCH_PDF=path` also writes the agreement.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use chrono::Utc;
#[path = "chromium.rs"]
mod chromium;
#[path = "fixtures.rs"]
mod fixtures;
#[path = "timing.rs"]
mod timing;

use chromium::{chromium_ms, html};
use dpa_desk::documents::agreement::{agreement_document, render_agreement, Labels};
use dpa_desk::documents::fonts::Fonts;
use dpa_desk::documents::layout::lay_out;
use dpa_desk::domain::agreement::{AgreementInput, AgreementStatus};
use dpa_desk::export::customer::{gather, gather_all, write_all};
use dpa_desk::export::on_every_core;
use dpa_desk::store::{agreements, templates, Vault};
use fixtures::{vault_with_customers, CUSTOMERS};
use timing::median_ms;

/// An agreement text of about ten pages: 24 articles of three wrapped clauses each.
fn long_agreement() -> String {
    let sentence = "De verwerker neemt passende maatregelen en legt deze vast, zodat de klant kan nagaan dat de verwerking zorgvuldig en volgens de afspraken plaatsvindt.";
    let mut text = String::from("Modelovereenkomst\n\nVersie: 1 januari 2026\n\n");
    for n in 1..=24 {
        text.push_str(&format!("Artikel {n} – Onderwerp {n}\n\n"));
        for c in 1..=3 {
            text.push_str(&format!("{n}.{c} {}\n\n", [sentence; 3].join(" ")));
        }
    }
    text
}

fn setup(dir: &Path) -> Vault {
    let mut vault = vault_with_customers(dir);
    let source = long_agreement();
    let input = fixtures::version_input("2026.1", Some(source.clone()));
    let version = templates::create(vault.conn(), &input, Utc::now())
        .unwrap()
        .id;
    for id in 1..=CUSTOMERS as i64 {
        let input = AgreementInput {
            template_version_id: version,
            status: AgreementStatus::Signed,
            signed_on: "01-02-2026".into(),
            signed_by_name: "Directeur".into(),
            signed_by_role: String::new(),
            end_date: String::new(),
            notes: String::new(),
        };
        agreements::create(vault.conn(), id, &input, Utc::now()).unwrap();
    }
    vault
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = setup(dir.path());
    let export = gather(vault.conn(), 2, chrono::Utc::now()).unwrap();
    let labels = Labels::of(export.customer.notice_language);
    let (document, _) = agreement_document(&export, &labels);
    let pages = lay_out(Fonts::embedded(), &document).len();
    let pdf = render_agreement(&export).unwrap();
    if let Some(path) = std::env::var_os("BENCH_PDF") {
        std::fs::write(path, &pdf).unwrap();
    }
    let render_ms = median_ms(20, || drop(render_agreement(&export).unwrap()));

    let out = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let exports = gather_all(vault.conn(), chrono::Utc::now()).unwrap();
    let gather_s = start.elapsed().as_secs_f64();
    let summary = write_all(
        out.path(),
        "all",
        &exports,
        |_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    let export_all_s = start.elapsed().as_secs_f64();
    // What rendering alone takes on every core, without reading or writing: the real
    // render-bound limit of export-all on this machine.
    let start = Instant::now();
    on_every_core(
        &exports,
        |export| drop(render_agreement(export).unwrap()),
        &|_, _| {},
    );
    let render_all_s = start.elapsed().as_secs_f64();
    assert_eq!(summary.exported as usize, CUSTOMERS);

    let html_path = out.path().join("agreement.html");
    std::fs::write(&html_path, html(&document.items)).unwrap();
    let chromium = chromium_ms(&html_path, &out.path().join("chromium.pdf"));

    timing::print_head(52);
    println!(
        "{:<52} {:>9.1} ms",
        format!(
            "render one agreement PDF ({pages} pages, {} KB)",
            pdf.len() / 1024
        ),
        render_ms
    );
    println!(
        "{:<52} {:>10.2} s",
        format!("export all {CUSTOMERS} customers (PDF + JSON + CSV)"),
        export_all_s
    );
    println!(
        "{:<52} {:>10.2} s",
        "  of which reading them from the vault", gather_s
    );
    println!(
        "{:<52} {:>10.2} s",
        format!("  rendering {CUSTOMERS} PDFs alone on every core"),
        render_all_s
    );
    println!(
        "{:<52} {:>10.2} s",
        format!("  render-bound limit ({render_ms:.1} ms x {CUSTOMERS} / cores)"),
        render_ms * CUSTOMERS as f64
            / 1000.0
            / std::thread::available_parallelism().map_or(1, |n| n.get()) as f64
    );
    match chromium {
        Some(ms) => {
            println!(
                "{:<52} {:>9.1} ms",
                "headless Chromium printing the same agreement", ms
            );
            println!(
                "{:<52} {:>10.0}x",
                "ratio: Chromium / DPA Desk",
                ms / render_ms
            );
        }
        None => println!("headless Chromium: not installed (apt-get install chromium) — no ratio"),
    }
}
