//! `cargo bench --bench customer_import`: importing 10,000 customers with 20,000 contacts
//! (and every third customer's signed agreement)
//! from an `.xlsx` file into an empty vault, from the file on disk to the committed
//! transaction (reading the workbook, the mapping, the plan, every row and its event-log
//! entry), against the target of 2 s. Also a second import of the same file into
//! the full vault, where every row matches a customer and nothing changes.

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use chrono::Utc;
#[path = "customer_lists.rs"]
mod customer_lists;
#[path = "fixtures.rs"]
mod fixtures;
#[path = "timing.rs"]
mod timing;

use dpa_desk::domain::agreement::{TemplateVersionInput, Terms};
use dpa_desk::domain::customer::Language;
use dpa_desk::store::customer_imports::{self, ImportOutcome};
use dpa_desk::store::{customers, templates, Vault};
use timing::print_head;

const ROWS: usize = 10_000;
const RUNS: usize = 5;
const TARGET_MS: f64 = 2000.0;

/// Reads the file and imports it; the time in milliseconds of each part.
fn import(vault: &mut Vault, path: &std::path::Path) -> (ImportOutcome, f64, f64) {
    let start = Instant::now();
    let file = customer_imports::read_file(path).unwrap();
    let mapping = customer_imports::mapping_for(vault.conn(), &file.table.headers).unwrap();
    let read = start.elapsed().as_secs_f64() * 1000.0;
    let outcome = customer_imports::import(
        vault.conn(),
        &file.source(&mapping),
        true,
        "Bench",
        Utc::now(),
        |_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    (outcome, read, start.elapsed().as_secs_f64() * 1000.0)
}

/// The template version the list's customers signed.
fn add_version(vault: &mut Vault) {
    let input = TemplateVersionInput {
        label: customer_lists::SIGNED_VERSION.into(),
        version_date: "01-01-2026".into(),
        language: Language::Nl,
        terms: Terms {
            audit_notice_days: 30,
            objection_window_days: 14,
            liability_cap_eur: 1000,
            first_notice_target_hours: 24,
            other_terms: String::new(),
        },
        source_text: None,
        source_name: String::new(),
    };
    templates::create(vault.conn(), &input, Utc::now()).unwrap();
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("klanten-10000.xlsx");
    customer_lists::write_xlsx(&path, ROWS);
    let size = std::fs::metadata(&path).unwrap().len();
    print_head(44);
    println!("file: {} rows, {} KiB", ROWS, size / 1024);
    let mut first = Vec::new();
    let mut again = Vec::new();
    for run in 0..RUNS {
        let vault_dir = dir.path().join(format!("vault-{run}"));
        let mut vault =
            Vault::create(&vault_dir, "bench bench bench bench", &fixtures::settings()).unwrap();
        add_version(&mut vault);
        let (outcome, read, total) = import(&mut vault, &path);
        let refused = (0..ROWS)
            .filter(|n| customer_lists::refused(*n).is_some())
            .count() as u32;
        assert_eq!(outcome.created, ROWS as u32 - refused);
        assert_eq!(outcome.skipped, refused);
        let contacts: usize = customers::all(vault.conn())
            .unwrap()
            .iter()
            .map(|c| c.contacts.len())
            .sum();
        assert_eq!(contacts, 2 * outcome.created as usize);
        let signed: i64 = vault
            .conn()
            .query_row("SELECT count(*) FROM agreements", [], |row| row.get(0))
            .unwrap();
        let expected = (0..ROWS)
            .filter(|n| n % 3 == 0 && customer_lists::refused(*n).is_none())
            .count();
        assert_eq!(signed as usize, expected);
        first.push((read, total));
        let (outcome, _, total) = import(&mut vault, &path);
        assert_eq!((outcome.created, outcome.updated), (0, 0));
        again.push(total);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let total = median(first.iter().map(|r| r.1).collect());
    let read = median(first.iter().map(|r| r.0).collect());
    println!(
        "{:<44} {:>9.0} ms",
        "import 10,000 customers + 20,000 contacts", total
    );
    println!("{:<44} {:>9.0} ms", "  of which reading the workbook", read);
    println!(
        "{:<44} {:>9.0} ms",
        "same file again (all known, none changed)",
        median(again)
    );
    println!(
        "{:<44} {:>9.2} x",
        "against the 2 s target",
        total / TARGET_MS
    );
}
