//! Changing the passphrase is crash-safe: the process is killed at every step, and the vault
//! still opens with the old or the new passphrase, data intact. Kills at random instants are
//! in the crash harness (`crash.rs`).

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use chrono::Utc;
use common::*;
use dpa_desk::store::vault::RekeyStep;
use dpa_desk::store::{customers, Vault};

const NEW: &str = "the passphrase after the change";

/// Runs in a child process only (see `spawn_child`): changes the passphrase, aborting at the
/// step named in `CRASH_STEP`.
#[test]
#[ignore = "child process of the crash tests"]
fn child_changes_passphrase() {
    let dir = std::env::var("CRASH_DIR").expect("CRASH_DIR");
    let dir = Path::new(&dir);
    let target = std::env::var("CRASH_STEP").expect("CRASH_STEP");
    let mut vault = Vault::open(dir, PASSPHRASE).unwrap();
    vault
        .change_passphrase(PASSPHRASE, NEW, |step| {
            if format!("{step:?}") == target {
                std::process::abort();
            }
        })
        .unwrap();
}

fn spawn_child(dir: &Path, env: (&str, &str)) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_changes_passphrase",
            "--ignored",
            "--nocapture",
            "--quiet",
        ])
        .env("CRASH_DIR", dir)
        .env(env.0, env.1)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn vault_with_data(dir: &Path) {
    let mut vault = new_vault(dir);
    customers::create(
        vault.conn(),
        &customer("Zorggroep Lindeboom", "12345678"),
        Utc::now(),
    )
    .unwrap();
}

/// Opens the vault with whichever passphrase works and checks the data is all there.
fn open_either(dir: &Path) -> &'static str {
    for passphrase in [PASSPHRASE, NEW] {
        if let Ok(mut vault) = Vault::open(dir, passphrase) {
            let ok: String = vault
                .conn()
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(ok, "ok");
            assert_eq!(customers::count(vault.conn()).unwrap(), 1);
            return passphrase;
        }
    }
    panic!("the vault opens with neither passphrase");
}

#[test]
fn a_kill_at_each_step_leaves_a_vault_that_opens() {
    let steps = [
        (RekeyStep::CopyWritten, PASSPHRASE),
        (RekeyStep::CopyFlushed, PASSPHRASE),
        (RekeyStep::SidecarReplaced, NEW),
        (RekeyStep::OldRemoved, NEW),
    ];
    for (step, expected) in steps {
        let dir = tempfile::tempdir().unwrap();
        vault_with_data(dir.path());
        let status = spawn_child(dir.path(), ("CRASH_STEP", &format!("{step:?}")))
            .wait()
            .unwrap();
        assert!(!status.success(), "the child must have died at {step:?}");
        assert_eq!(
            open_either(dir.path()),
            expected,
            "after a kill at {step:?}"
        );
        // Opening cleaned up the other generation.
        let vault_files = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".db")
            })
            .count();
        assert_eq!(vault_files, 1, "after a kill at {step:?}");
    }
}
