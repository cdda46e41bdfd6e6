//! `cargo bench --bench notices`: breach notices for one incident affecting 1,000 customers,
//! through the real vault (checks, rendering on every core, keeping them in one
//! transaction), one notice on its own, and headless Chromium printing the same notice from
//! HTML for comparison. `BENCH_PDF=path` also writes one notice.

use chrono::Utc;
#[path = "breach_facts.rs"]
mod breach_facts;
#[path = "chromium.rs"]
mod chromium;
#[path = "fixtures.rs"]
mod fixtures;
#[path = "timing.rs"]
mod timing;

use breach_facts::facts;
use chromium::{chromium_ms, html};
use dpa_desk::documents::issued::Issued;
use dpa_desk::documents::notice::notice_document;
use dpa_desk::domain::breach::{AffectedOverride, NumbersInput};
use dpa_desk::domain::notice::NoticeFacts;
use dpa_desk::export::notices::generate;
use dpa_desk::store::{documents, incidents, Vault};
use fixtures::{vault_with_customers, CUSTOMERS};
use timing::median_ms;

/// A new incident on every customer, each with its own numbers.
fn incident(vault: &mut Vault) -> i64 {
    let now = Utc::now();
    let id = incidents::create(vault.conn(), &facts(), "Bench", now)
        .unwrap()
        .id;
    incidents::save_draft(vault.conn(), id, &facts(), 6, now).unwrap();
    let ids: Vec<i64> = (1..=CUSTOMERS as i64).collect();
    incidents::add_customers(vault.conn(), id, &ids, now).unwrap();
    for customer in &ids {
        let own = AffectedOverride {
            numbers: Some(NumbersInput {
                subjects_min: (customer * 10).to_string(),
                subjects_max: (customer * 12).to_string(),
                records: (customer * 40).to_string(),
            }),
            ..Default::default()
        };
        incidents::save_overrides(vault.conn(), id, *customer, &own).unwrap();
    }
    id
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault_with_customers(dir.path());
    let ids: Vec<i64> = (1..=CUSTOMERS as i64).collect();

    // Three incidents on all customers; only the generation of their notices is timed.
    let mut made = Vec::new();
    let mut runs: Vec<f64> = (0..3)
        .map(|_| {
            let id = incident(&mut vault);
            let start = std::time::Instant::now();
            made = generate(vault.conn(), id, &ids, false, Utc::now(), |_, _| {}).unwrap();
            start.elapsed().as_secs_f64()
        })
        .collect();
    assert_eq!(made.len(), CUSTOMERS);
    runs.sort_by(f64::total_cmp);
    let generate_s = runs[1];

    let facts: NoticeFacts = documents::facts(vault.conn(), made[1]).unwrap();
    let pdf = facts.render().unwrap();
    if let Some(path) = std::env::var_os("BENCH_PDF") {
        std::fs::write(path, &pdf).unwrap();
    }
    let one_ms = median_ms(30, || drop(facts.render().unwrap()));

    let out = tempfile::tempdir().unwrap();
    let html_path = out.path().join("notice.html");
    std::fs::write(&html_path, html(&notice_document(&facts).items)).unwrap();
    let chromium = chromium_ms(&html_path, &out.path().join("chromium.pdf"));

    timing::print_head(60);
    println!(
        "{:<60} {:>10.2} s",
        format!("notices for one incident affecting {CUSTOMERS} customers (median of 3)"),
        generate_s
    );
    println!(
        "{:<60} {:>9.1} ms",
        format!("render one notice ({} KB)", pdf.len() / 1024),
        one_ms
    );
    match chromium {
        Some(ms) => {
            println!(
                "{:<60} {:>9.1} ms",
                "headless Chromium printing the same notice", ms
            );
            println!(
                "{:<60} {:>10.0}x",
                "ratio: Chromium / DPA Desk, one notice",
                ms / one_ms
            );
            println!(
                "{:<60} {:>10.2} s",
                format!("Chromium for {CUSTOMERS} notices, one process each (estimate)"),
                ms * CUSTOMERS as f64 / 1000.0
            );
        }
        None => println!("headless Chromium: not installed (apt-get install chromium) — no ratio"),
    }
}
