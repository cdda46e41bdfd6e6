//! `cargo bench --bench notices`: breach notices for one incident affecting 1,000 customers,
//! through the real vault (checks, rendering on every core, keeping them in one
//! transaction), one notice on its own, and headless Chromium printing the same notice from
//! HTML for comparison. `BENCH_PDF=path` also writes one notice.

use chrono::Utc;
#[path = "chromium.rs"]
mod chromium;
#[path = "fixtures.rs"]
mod fixtures;
#[path = "timing.rs"]
mod timing;

use chromium::{chromium_ms, html};
use dpa_desk::documents::notice::{notice_document, render_notice};
use dpa_desk::domain::breach::{
    AffectedInput, AffectedOverride, BreachFactsInput, Consequence, DataInput, DataKind,
    IncidentKind, Nature, NumbersInput, Occurrence, SubjectCategory, SubjectsInput,
};
use dpa_desk::export::notices::generate;
use dpa_desk::store::{incidents, notices, Vault};
use fixtures::{vault_with_customers, CUSTOMERS};
use timing::median_ms;

fn facts() -> BreachFactsInput {
    BreachFactsInput {
        title: "Ransomware op de bestandsserver".into(),
        discovered_at: "20-11-2026 07:40".into(),
        occurred: Occurrence::Period,
        occurred_from: "19-11-2026 23:10".into(),
        occurred_to: "20-11-2026 06:55".into(),
        how_found: "Monitoring sloeg alarm op versleutelde bestanden.".into(),
        reported_by: "Beheerteam".into(),
        summary: "Een aanvaller heeft via een kwetsbare VPN-server toegang gekregen tot een \
                  bestandsserver en bestanden versleuteld. Het is niet uit te sluiten dat \
                  bestanden zijn gekopieerd voordat ze werden versleuteld."
            .into(),
        kind: Some(IncidentKind::HackingMalware),
        nature: vec![Nature::Copied, Nature::DeletedDestroyed],
        cause: "Ongepatchte VPN-server".into(),
        systems: "Bestandsserver, VPN".into(),
        shared: AffectedInput {
            subjects: SubjectsInput {
                categories: vec![SubjectCategory::Employees, SubjectCategory::Clients],
                other: String::new(),
            },
            data: DataInput {
                kinds: vec![DataKind::NameAddress, DataKind::Email, DataKind::Financial],
                other: String::new(),
            },
            ..Default::default()
        },
        consequences: vec![Consequence::IdentityFraud, Consequence::FinancialLoss],
        consequences_explanation: "Gegevens kunnen worden gebruikt voor gerichte phishing.".into(),
        measures_taken: "Server geïsoleerd, back-up teruggezet, VPN gepatcht.".into(),
        measures_proposed: "Forensisch onderzoek naar uitgelekte bestanden.".into(),
        mitigation: "Betrokkenen waarschuwen voor phishing.".into(),
        contact_name: "J. Jansen".into(),
        contact_email: "privacy@wolkwerk.example".into(),
        ..Default::default()
    }
}

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
            made = generate(vault.conn(), id, &ids, Utc::now(), |_, _| {}).unwrap();
            start.elapsed().as_secs_f64()
        })
        .collect();
    assert_eq!(made.len(), CUSTOMERS);
    runs.sort_by(f64::total_cmp);
    let generate_s = runs[1];

    let facts = notices::facts(vault.conn(), made[1]).unwrap();
    let pdf = render_notice(&facts);
    if let Some(path) = std::env::var_os("BENCH_PDF") {
        std::fs::write(path, &pdf).unwrap();
    }
    let one_ms = median_ms(30, || drop(render_notice(&facts)));

    let out = tempfile::tempdir().unwrap();
    let html_path = out.path().join("notice.html");
    std::fs::write(&html_path, html(&notice_document(&facts).items)).unwrap();
    let chromium = chromium_ms(&html_path, &out.path().join("chromium.pdf"));

    println!(
        "machine: {} cores; release build",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("{:<60} {:>12}", "measure", "result");
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
