//! `cargo bench --bench queries`: every list, search and dashboard query the app's commands
//! run, on a vault at the size of a large processor (`scale.rs`): p50 and p95 of the store
//! call plus the JSON the command returns, on the encrypted vault and on a plain SQLite copy
//! of the same data, with the ratio. Also how long generating, opening (with the migration
//! check) and unlocking that vault take. `SCALE_VAULT=dir` keeps the generated vault there;
//! an amendment awaiting the answer of every customer is added to it (see
//! `add_unanswered_amendment`) unless `QUERIES_WITHOUT_AMENDMENT` is set.

#[path = "scale.rs"]
mod scale;

use std::time::Instant;

use chrono::Utc;
use dpa_desk::domain::customer::{CustomerQuery, CustomerSort};
use dpa_desk::store::{
    agreements, amendments, assistance, audits, customers, dashboard, disclosures, incident_views,
    instructions, processing_records, service_ends, subprocessors, transfers, Vault,
};
use rusqlite::Connection;
use scale::{generate_vault, FULL, PASSPHRASE};

type Query = Box<dyn Fn(&Connection) -> Vec<u8>>;

/// The JSON a command would send back.
fn json<T: serde::Serialize, E: std::fmt::Debug>(result: Result<T, E>) -> Vec<u8> {
    serde_json::to_vec(&result.unwrap()).unwrap()
}

fn customers_query(search: &str, sort: CustomerSort) -> CustomerQuery {
    CustomerQuery {
        search: search.into(),
        sort,
        include_archived: false,
        offset: None,
        limit: Some(100),
    }
}

fn queries() -> Vec<(&'static str, Query)> {
    let now = Utc::now();
    vec![
        (
            "customers: first page by name (of 100)",
            Box::new(|c: &Connection| {
                json(customers::page(
                    c,
                    &customers_query("", CustomerSort::NameAsc),
                ))
            }),
        ),
        (
            "customers: first page, latest changed",
            Box::new(|c: &Connection| {
                json(customers::page(
                    c,
                    &customers_query("", CustomerSort::UpdatedDesc),
                ))
            }),
        ),
        (
            "customers: search a name",
            Box::new(|c: &Connection| {
                json(customers::page(
                    c,
                    &customers_query("lindeboom zwolle", CustomerSort::NameAsc),
                ))
            }),
        ),
        (
            "customers: search a KvK number",
            Box::new(|c: &Connection| {
                json(customers::page(
                    c,
                    &customers_query("20004217", CustomerSort::NameAsc),
                ))
            }),
        ),
        (
            "customers: search with no match",
            Box::new(|c: &Connection| {
                json(customers::page(
                    c,
                    &customers_query("qqqqq", CustomerSort::NameAsc),
                ))
            }),
        ),
        (
            "customer: one with its contacts",
            Box::new(|c: &Connection| json(customers::get(c, 4217))),
        ),
        (
            "customer: its agreements",
            Box::new(|c: &Connection| json(agreements::list_for_customer(c, 4217))),
        ),
        (
            "dashboard",
            Box::new(move |c: &Connection| json(dashboard::get(c, now))),
        ),
        (
            "incidents: first page of the register (of 100)",
            Box::new(move |c: &Connection| json(incident_views::page(c, 0, 100, now))),
        ),
        (
            "incidents: a later page",
            Box::new(move |c: &Connection| json(incident_views::page(c, 1_500, 100, now))),
        ),
        (
            "incidents: the open ones (start screen)",
            Box::new(move |c: &Connection| json(incident_views::open(c, now))),
        ),
        (
            "incident: one with 50 customers",
            Box::new(move |c: &Connection| json(incident_views::detail(c, 1_000, now))),
        ),
        (
            "amendments: moves due (the check before every command)",
            Box::new(move |c: &Connection| json(amendments::due(c, now).map(|due| due.len()))),
        ),
        (
            "amendments: list with every customer's standing",
            Box::new(|c: &Connection| json(amendments::list(c))),
        ),
        (
            "agreements: overview, first page (of 100)",
            Box::new(|c: &Connection| json(agreements::overview(c, 0, 100))),
        ),
        (
            "audits: the register",
            Box::new(|c: &Connection| json(audits::list(c, None))),
        ),
        (
            "sub-processors: the register",
            Box::new(move |c: &Connection| json(subprocessors::list(c, now))),
        ),
        (
            "record of processing: customers whose record is incomplete",
            Box::new(move |c: &Connection| json(processing_records::incomplete(c, now))),
        ),
        (
            "transfers: gaps across customers (first 200)",
            Box::new(move |c: &Connection| json(transfers::gaps(c, None, now, Some(200)))),
        ),
        (
            "instructions: the log",
            Box::new(|c: &Connection| json(instructions::list(c, None))),
        ),
        (
            "instructions: one customer",
            Box::new(|c: &Connection| json(instructions::list(c, Some(4217)))),
        ),
        (
            "assistance: the log",
            Box::new(|c: &Connection| json(assistance::list(c, None))),
        ),
        (
            "disclosures: the register",
            Box::new(|c: &Connection| json(disclosures::list(c, None))),
        ),
        (
            "ends of service",
            Box::new(|c: &Connection| json(service_ends::list(c))),
        ),
    ]
}

/// An amendment by consent announced to every customer with a signed agreement, none of
/// whom answered, its effective date passed: the most the check before every command reads
/// while nothing is due, and the overview's and dashboard's worst case. Added once to a kept
/// vault. Its rows are written directly: one kept document stands in for the 10,000 notices,
/// which these queries do not read.
fn add_unanswered_amendment(conn: &Connection) {
    let present: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM amendments)", [], |row| {
            row.get(0)
        })
        .unwrap();
    if present {
        return;
    }
    let now = Utc::now();
    let yesterday = now.date_naive() - chrono::Days::new(1);
    conn.execute(
        "INSERT INTO template_versions (label, version_date, language, audit_notice_days,
            objection_window_days, liability_cap_eur, first_notice_target_hours, other_terms,
            source_name, created_at)
         VALUES ('bench-amendment', ?1, 'nl', 30, 30, 1000, 24, '', '', ?2)",
        (yesterday, now),
    )
    .unwrap();
    conn.execute(
        "INSERT INTO amendments (template_version_id, kind, effective_on, summary, reason,
            announced_at, announced_by)
         VALUES ((SELECT id FROM template_versions WHERE label = 'bench-amendment'), 'by_consent',
            ?1, 'bench', '', ?2, 'bench')",
        (yesterday, now),
    )
    .unwrap();
    conn.execute(
        "INSERT INTO amendment_customers (amendment_id, customer_id, from_agreement_id,
            document_id)
         SELECT (SELECT max(id) FROM amendments), customer_id, id, (SELECT min(id) FROM documents)
         FROM agreements WHERE status = 'signed'",
        [],
    )
    .unwrap();
}

/// p50 and p95 of `runs` runs, in milliseconds.
fn percentiles(conn: &Connection, query: &Query, runs: usize) -> (f64, f64) {
    for _ in 0..3 {
        query(conn);
    }
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(query(conn));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[runs / 2], times[runs * 95 / 100])
}

fn main() {
    let kept = std::env::var_os("SCALE_VAULT").map(std::path::PathBuf::from);
    let temp = tempfile::tempdir().unwrap();
    let dir = kept.clone().unwrap_or_else(|| temp.path().join("vault"));
    std::fs::create_dir_all(&dir).unwrap();

    let start = Instant::now();
    if !Vault::exists(&dir) {
        drop(generate_vault(&dir, FULL));
    }
    let generated_s = start.elapsed().as_secs_f64();
    let size_mb = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum::<u64>() as f64
        / 1e6;

    let start = Instant::now();
    let mut vault = Vault::open(&dir, PASSPHRASE).unwrap();
    let open_ms = start.elapsed().as_secs_f64() * 1000.0;

    // The baseline: the same vault before any amendment (a kept vault that has one keeps it).
    if std::env::var_os("QUERIES_WITHOUT_AMENDMENT").is_none() {
        add_unanswered_amendment(vault.conn());
    }
    let plain_path = temp.path().join("plain.db");
    vault
        .conn()
        .execute_batch(&format!(
            "ATTACH DATABASE '{}' AS plain KEY ''; SELECT sqlcipher_export('plain'); DETACH DATABASE plain;",
            plain_path.display()
        ))
        .unwrap();
    let plain = Connection::open(&plain_path).unwrap();
    plain
        .execute_batch(
            "PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;
             PRAGMA cache_size = -32768;",
        )
        .unwrap();
    plain
        .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
        .unwrap();

    println!(
        "machine: {} cores; release build; vault: {} customers, {} incidents, {} links, {} notices ({size_mb:.0} MB), generated in {generated_s:.1} s",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        FULL.customers,
        FULL.incidents,
        FULL.links,
        FULL.notices,
    );
    println!("unlock and open with the migration check: {open_ms:.0} ms");
    println!();
    println!("| query (store call + JSON) | rows out (bytes) | vault p50 | vault p95 | plain p50 | plain p95 | ratio p95 |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let runs = 100;
    for (name, query) in queries() {
        let bytes = query(vault.conn()).len();
        let (p50, p95) = percentiles(vault.conn(), &query, runs);
        let (plain50, plain95) = percentiles(&plain, &query, runs);
        println!(
            "| {name} | {bytes} | {p50:.2} ms | {p95:.2} ms | {plain50:.2} ms | {plain95:.2} ms | {:.2}× |",
            p95 / plain95
        );
    }
}
