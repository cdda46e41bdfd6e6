//! `cargo bench --bench customer_import`: importing 10,000 customers with 20,000 contacts
//! (and every third customer's signed agreement)
//! from an `.xlsx` file into an empty vault, from the file on disk to the committed
//! transaction (reading the workbook, the mapping, the plan, every row and its event-log
//! entry), against the issue's target of 2 s. Also a second import of the same file into
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

use dpa_desk::store::customer_imports::{self, ImportOutcome};
use dpa_desk::store::{customers, templates, Vault};
use timing::print_head;

const ROWS: usize = 10_000;
const RUNS: usize = 5;
const TARGET_MS: f64 = 2000.0;

/// Reads the file and imports it, with every column or only those of the issue's workload
/// (customers and contacts: services and agreements left out); the time in milliseconds
/// of reading and of the whole.
fn import(
    vault: &mut Vault,
    path: &std::path::Path,
    every_column: bool,
) -> (ImportOutcome, f64, f64) {
    let start = Instant::now();
    let file = customer_imports::read_file(path).unwrap();
    let mut mapping = customer_imports::mapping_for(vault.conn(), &file.table.headers).unwrap();
    if !every_column {
        for (column, header) in file.table.headers.iter().enumerate() {
            if ["Diensten", "Versie", "Getekend op", "Getekend door"].contains(&header.as_str()) {
                mapping[column] = None;
            }
        }
    }
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
    let input = fixtures::version_input(customer_lists::SIGNED_VERSION, None);
    templates::create(vault.conn(), &input, Utc::now()).unwrap();
}

/// A new vault holding the template version the list's customers signed.
fn new_vault(dir: &std::path::Path) -> Vault {
    let mut vault = Vault::create(dir, "bench bench bench bench", &fixtures::settings()).unwrap();
    add_version(&mut vault);
    vault
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("klanten-10000.xlsx");
    customer_lists::write_xlsx(&path, ROWS);
    let size = std::fs::metadata(&path).unwrap().len();
    let refused = (0..ROWS)
        .filter(|n| customer_lists::refused(*n).is_some())
        .count() as u32;
    print_head(52);
    println!(
        "file: {ROWS} rows, {} KiB; {refused} rows refused",
        size / 1024
    );
    let (mut issue, mut every, mut read, mut again) = (vec![], vec![], vec![], vec![]);
    for run in 0..RUNS {
        // The issue's workload: customers with their two contacts.
        let mut vault = new_vault(&dir.path().join(format!("issue-{run}")));
        let (outcome, _, total) = import(&mut vault, &path, false);
        assert_eq!(
            (outcome.created, outcome.skipped),
            (ROWS as u32 - refused, refused)
        );
        let contacts: usize = customers::all(vault.conn())
            .unwrap()
            .iter()
            .map(|c| c.contacts.len())
            .sum();
        assert_eq!(contacts, 2 * outcome.created as usize);
        issue.push(total);

        // Every column: services and every third customer's signed agreement too.
        let mut vault = new_vault(&dir.path().join(format!("every-{run}")));
        let (outcome, reading, total) = import(&mut vault, &path, true);
        assert_eq!(outcome.created, ROWS as u32 - refused);
        let signed: i64 = vault
            .conn()
            .query_row("SELECT count(*) FROM agreements", [], |row| row.get(0))
            .unwrap();
        let expected = (0..ROWS)
            .filter(|n| n % 3 == 0 && customer_lists::refused(*n).is_none())
            .count();
        assert_eq!(signed as usize, expected);
        every.push(total);
        read.push(reading);
        let (outcome, _, total) = import(&mut vault, &path, true);
        assert_eq!((outcome.created, outcome.updated), (0, 0));
        again.push(total);
    }
    let issue = median(issue);
    let rows: [(&str, f64, &str); 5] = [
        (
            "10,000 customers + 20,000 contacts (the issue's)",
            issue,
            "ms",
        ),
        ("  against the 2 s target", issue / TARGET_MS, "x"),
        (
            "every column (+ 20,000 services, 3,329 agreements)",
            median(every),
            "ms",
        ),
        ("  of which reading the workbook", median(read), "ms"),
        (
            "same file again (all known, none changed)",
            median(again),
            "ms",
        ),
    ];
    for (measure, value, unit) in rows {
        let value = if unit == "x" {
            format!("{value:.2}")
        } else {
            format!("{value:.0}")
        };
        println!("{measure:<52} {value:>9} {unit}");
    }
}
