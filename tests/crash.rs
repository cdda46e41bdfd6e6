//! The crash harness: a child process writes without pause (customers, incidents, breach
//! notices with their PDFs), exports every customer, or changes the passphrase back and forth,
//! and is killed with SIGKILL at a random moment, hundreds of times. After every kill the vault
//! opens, SQLite's `integrity_check` and SQLCipher's `cipher_integrity_check` are clean, the
//! event log's chain is whole, and every write the child reported committed is there.

mod common;

#[path = "benches/breach_facts.rs"]
mod breach_facts;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use chrono::Utc;
use common::*;
use dpa_desk::domain::breach::BreachFactsInput;
use dpa_desk::export::customer::{gather_all, write_all};
use dpa_desk::export::notices::generate;
use dpa_desk::store::{backup, customers, events, incidents, Vault};

const NEW: &str = "the passphrase after the change";

/// Runs in a child process only (see `kill_at_random`), until it is killed.
#[test]
#[ignore = "child process of the crash harness"]
fn child_works_until_killed() {
    let dir = std::env::var("CRASH_DIR").expect("CRASH_DIR");
    let dir = Path::new(&dir);
    match std::env::var("CRASH_MODE").as_deref() {
        Ok("writes") => write_forever(dir),
        Ok("export") => export_forever(dir),
        Ok("rekey") => rekey_forever(dir),
        other => panic!("unknown mode {other:?}"),
    }
}

fn facts(title: &str) -> BreachFactsInput {
    BreachFactsInput {
        title: title.into(),
        ..breach_facts::facts()
    }
}

/// Customers one by one; every fifth write an incident affecting the last two customers, with
/// their breach notices generated. Each commit is reported as `<kind> <id>`.
fn write_forever(dir: &Path) {
    let mut vault = Vault::open(dir, PASSPHRASE).unwrap();
    let mut recent = Vec::new();
    for i in 0u64.. {
        let now = Utc::now();
        let name = format!("Klant {}-{i}", std::process::id());
        let id = customers::create(vault.conn(), &customer(&name, ""), now)
            .unwrap()
            .id;
        println!("customer {id}");
        recent.push(id);
        if i % 5 == 4 {
            let ids = &recent[recent.len() - 2..];
            let title = format!("Incident {i}");
            let discovered = now - chrono::Duration::days(2);
            let incident = incidents::create(vault.conn(), &facts(&title), "Crash", discovered)
                .unwrap()
                .id;
            incidents::save_draft(vault.conn(), incident, &facts(&title), 6, now).unwrap();
            incidents::add_customers(vault.conn(), incident, ids, now).unwrap();
            println!("incident {incident}");
            for notice in generate(vault.conn(), incident, ids, now, |_, _| {}).unwrap() {
                println!("notice {notice}");
            }
        }
    }
}

fn export_forever(dir: &Path) {
    let mut vault = Vault::open(dir, PASSPHRASE).unwrap();
    let target = dir.join("exports");
    for round in 0u64.. {
        let exports = gather_all(vault.conn(), Utc::now()).unwrap();
        write_all(
            &target,
            &format!("export {round}"),
            &exports,
            |_, _| {},
            &AtomicBool::new(false),
        )
        .unwrap();
        println!("exported {round}");
    }
}

fn rekey_forever(dir: &Path) {
    let mut current = PASSPHRASE;
    let mut vault = Vault::open(dir, current).unwrap();
    loop {
        let next = if current == PASSPHRASE {
            NEW
        } else {
            PASSPHRASE
        };
        vault.change_passphrase(current, next, |_| {}).unwrap();
        current = next;
        println!("rekeyed");
    }
}

/// Starts the child in `mode`, kills it after `wait`, and returns what it reported.
fn kill_after(dir: &Path, mode: &str, wait: Duration) -> Vec<String> {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_works_until_killed",
            "--ignored",
            "--nocapture",
            "--quiet",
        ])
        .env("CRASH_DIR", dir)
        .env("CRASH_MODE", mode)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(wait);
    child.kill().unwrap(); // SIGKILL
    let output = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// A varying instant from a small deterministic generator.
struct Dice(u64);

impl Dice {
    fn millis(&mut self, from: u64, to: u64) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        Duration::from_millis(from + self.0 % (to - from))
    }
}

/// Opens the vault with whichever passphrase works and checks that it is whole: both
/// integrity checks, and the event log's chain.
fn open_whole(dir: &Path, what: &str) -> Vault {
    open_whole_with(dir, what).0
}

/// `open_whole`, and the passphrase that opened it.
fn open_whole_with(dir: &Path, what: &str) -> (Vault, &'static str) {
    let (mut vault, passphrase) = Vault::open(dir, PASSPHRASE)
        .map(|v| (v, PASSPHRASE))
        .or_else(|_| Vault::open(dir, NEW).map(|v| (v, NEW)))
        .unwrap_or_else(|e| panic!("{what}: the vault does not open: {e:?}"));
    backup::check_intact(vault.conn()).unwrap_or_else(|e| panic!("{what}: {e:?}"));
    let log = events::verify(vault.conn()).unwrap();
    assert!(log.breaks.is_empty(), "{what}: event log {:?}", log.breaks);
    (vault, passphrase)
}

fn ids(conn: &rusqlite::Connection, table: &str) -> BTreeSet<i64> {
    conn.prepare(&format!("SELECT id FROM {table}"))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn two_hundred_kills_during_writes_lose_no_committed_write() {
    const KILLS: usize = 200;
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
    let (mut reported_total, mut mid_write) = (0, 0);
    let mut dir = tempfile::tempdir().unwrap();
    let mut committed: BTreeSet<(String, i64)> = BTreeSet::new();
    for kill in 0..KILLS {
        // A fresh vault every 20 kills keeps each round's checks quick.
        if kill % 20 == 0 {
            dir = tempfile::tempdir().unwrap();
            drop(new_vault(dir.path()));
            committed.clear();
        }
        // Opening takes about 0.2 s (the key derivation): kill from just before the first
        // write to well into the writing.
        let lines = kill_after(dir.path(), "writes", dice.millis(150, 650));
        let lines: Vec<&String> = lines
            .iter()
            .filter(|l| {
                ["customer ", "incident ", "notice "]
                    .iter()
                    .any(|k| l.starts_with(k))
            })
            .collect();
        for line in &lines {
            let (kind, id) = line.split_once(' ').unwrap();
            committed.insert((kind.to_string(), id.parse().unwrap()));
        }
        reported_total += lines.len();
        mid_write += usize::from(!lines.is_empty());
        let mut vault = open_whole(dir.path(), &format!("kill {kill}"));
        let conn = vault.conn();
        let stored = [
            ("customer", ids(conn, "customers")),
            ("incident", ids(conn, "incidents")),
            ("notice", ids(conn, "notices")),
        ];
        for (kind, id) in &committed {
            let (_, present) = stored.iter().find(|(k, _)| k == kind).unwrap();
            assert!(
                present.contains(id),
                "kill {kill}: committed {kind} {id} is gone"
            );
        }
        // Notices whose commit was not reported may be there (killed between the commit and
        // the report), but never a notice without its PDF's bytes matching its hash.
        let altered: i64 = conn
            .query_row(
                "SELECT count(*) FROM notices WHERE length(pdf) = 0",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(altered, 0, "kill {kill}");
    }
    assert!(
        mid_write >= KILLS * 3 / 4,
        "most kills landed while writing: {mid_write}"
    );
    println!(
        "writes: {KILLS} kills survived ({mid_write} while writing), {reported_total} committed writes all present"
    );
}

/// A vault with 25 customers, closed.
fn vault_of_25(dir: &Path) {
    let mut vault = new_vault(dir);
    for i in 0..25 {
        customers::create(
            vault.conn(),
            &customer(&format!("Klant {i}"), ""),
            Utc::now(),
        )
        .unwrap();
    }
}

#[test]
fn kills_during_export_all_leave_a_whole_vault_and_whole_files() {
    const KILLS: usize = 50;
    let mut dice = Dice(0x2545_F491_4F6C_DD1D);
    let dir = tempfile::tempdir().unwrap();
    vault_of_25(dir.path());
    let mut exports = 0;
    for kill in 0..KILLS {
        let lines = kill_after(dir.path(), "export", dice.millis(200, 900));
        exports += lines.iter().filter(|l| l.starts_with("exported")).count();
        let mut vault = open_whole(dir.path(), &format!("export kill {kill}"));
        assert_eq!(customers::count(vault.conn()).unwrap(), 25);
    }
    // Every PDF and JSON in the export folders is whole: files are written under a temporary
    // name and renamed when complete, so a kill leaves a whole file or a temporary one.
    let (mut pdfs, mut jsons) = (0, 0);
    let mut folders = vec![dir.path().join("exports")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                folders.push(path);
            } else if name.ends_with(".pdf") {
                let bytes = std::fs::read(&path).unwrap();
                assert!(
                    bytes.trim_ascii_end().ends_with(b"%%EOF"),
                    "{name} is whole"
                );
                pdfs += 1;
            } else if name.ends_with(".json") {
                let bytes = std::fs::read(&path).unwrap();
                assert!(
                    serde_json::from_slice::<serde_json::Value>(&bytes).is_ok(),
                    "{name} is whole"
                );
                jsons += 1;
            }
        }
    }
    assert!(pdfs > 25 && jsons > 25, "{pdfs} PDFs, {jsons} JSON files");
    println!(
        "export-all: {KILLS} kills survived ({exports} exports finished; {pdfs} PDFs and {jsons} JSON files, all whole)"
    );
}

#[test]
fn kills_during_passphrase_changes_leave_a_whole_vault() {
    const KILLS: usize = 50;
    let mut dice = Dice(0xD1B5_4A32_D192_ED03);
    let dir = tempfile::tempdir().unwrap();
    vault_of_25(dir.path());
    let mut rekeys = 0;
    for kill in 0..KILLS {
        let lines = kill_after(dir.path(), "rekey", dice.millis(250, 1200));
        rekeys += lines.iter().filter(|l| l.starts_with("rekeyed")).count();
        let (mut vault, passphrase) = open_whole_with(dir.path(), &format!("rekey kill {kill}"));
        assert_eq!(customers::count(vault.conn()).unwrap(), 25);
        // The next child starts from the first passphrase.
        if passphrase == NEW {
            vault.change_passphrase(NEW, PASSPHRASE, |_| {}).unwrap();
        }
    }
    println!("passphrase change: {KILLS} kills survived ({rekeys} changes finished)");
}
