//! The crash harness: a child process writes without pause (customers, incidents, breach
//! notices with their PDFs), exports every customer, or changes the passphrase back and forth,
//! and is killed with SIGKILL at a random moment, hundreds of times. After every kill the vault
//! opens, SQLite's `integrity_check` and SQLCipher's `cipher_integrity_check` are clean, the
//! event log's chain is whole, and every write the child reported committed is there.
//!
//! The kills are timed by the work, not the clock: the child prints `ready` once the vault is
//! open and a line for every step it finished; the parent waits for a drawn number of those
//! lines and then for a short drawn delay, so each kill lands inside the next step however
//! slow or busy the machine is.

mod common;

#[path = "benches/breach_facts.rs"]
mod breach_facts;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
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
    println!("{READY}");
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
            for notice in generate(vault.conn(), incident, ids, false, now, |_, _| {}).unwrap() {
                println!("notice {notice}");
            }
        }
    }
}

fn export_forever(dir: &Path) {
    let mut vault = Vault::open(dir, PASSPHRASE).unwrap();
    let target = dir.join("exports");
    println!("{READY}");
    for round in 0u64.. {
        let exports = gather_all(vault.conn(), Utc::now()).unwrap();
        write_all(
            &target,
            &format!("export {round}"),
            &exports,
            |done, _| println!("customer {done}"),
            &AtomicBool::new(false),
        )
        .unwrap();
        println!("exported {round}");
    }
}

fn rekey_forever(dir: &Path) {
    let mut current = PASSPHRASE;
    let mut vault = Vault::open(dir, current).unwrap();
    println!("{READY}");
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

/// What the child prints once its vault is open, before its first step.
const READY: &str = "ready";

/// When to kill: after the child has reported `steps` finished steps (counted from `ready`),
/// and then `delay` more, which lands the kill inside the step after.
struct KillAt {
    steps: usize,
    delay: Duration,
}

/// Starts the child in `mode`, kills it at `at`, and returns every line it printed.
fn kill_at(dir: &Path, mode: &str, at: KillAt) -> Vec<String> {
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
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = Vec::new();
    let (mut ready, mut steps) = (false, 0);
    // Reads until the kill moment; a child that ends early (EOF) is killed at once, and the
    // checks after it then say what is missing.
    while !ready || steps < at.steps {
        let Some(Ok(line)) = lines.next() else { break };
        if ready {
            steps += 1;
        }
        ready |= line == READY;
        seen.push(line);
    }
    std::thread::sleep(at.delay);
    child.kill().unwrap(); // SIGKILL
    seen.extend(lines.map_while(Result::ok));
    child.wait().unwrap();
    seen
}

/// A varying number from a small deterministic generator.
struct Dice(u64);

impl Dice {
    fn below(&mut self, to: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % to
    }

    /// After `0..steps` finished steps, and then `0..millis` more.
    fn kill_at(&mut self, steps: u64, millis: u64) -> KillAt {
        KillAt {
            steps: self.below(steps) as usize,
            delay: Duration::from_millis(self.below(millis)),
        }
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
        // From inside the first write (no step reported yet, one kill in eight) to well into
        // the writing; a write of a customer takes milliseconds, an incident with its
        // notices longer, so the delay lands inside either.
        let lines = kill_at(dir.path(), "writes", dice.kill_at(8, 40));
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
            ("notice", ids(conn, "documents")),
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
                "SELECT count(*) FROM documents WHERE length(pdf) = 0",
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
        // Anywhere in the first three rounds of 25 customers.
        let lines = kill_at(dir.path(), "export", dice.kill_at(75, 30));
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
        // Inside the first to the third change; each derives two keys and rewrites the vault.
        let lines = kill_at(dir.path(), "rekey", dice.kill_at(3, 700));
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
