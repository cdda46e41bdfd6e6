//! Backups in real encrypted vaults: a round trip restores every table exactly, with the
//! passphrase valid when the backup was made; the vault replaced is kept aside; wrong
//! passphrases and damaged or foreign files are refused without changing anything; automatic
//! backups are made on unlock and rotate.

mod common;

#[path = "benches/scale.rs"]
#[allow(dead_code)]
mod scale;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use common::{customer, snapshot};
use dpa_desk::error::AppError;
use dpa_desk::session::Session;
use dpa_desk::store::backup::{self, BackupFile};
use dpa_desk::store::{customers, Vault};
use rusqlite::types::Value;

const SMALL: scale::Scale = scale::Scale {
    customers: 40,
    incidents: 8,
    links: 160,
    notices: 80,
};
const LATER: &str = "a passphrase chosen after the backup";

/// Every row of every table, in rowid order.
fn all_tables(vault: &mut Vault) -> Vec<(String, Vec<Vec<Value>>)> {
    let conn = vault.conn();
    common::table_names(conn)
        .into_iter()
        .map(|table| {
            let mut statement = conn
                .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))
                .unwrap();
            let width = statement.column_count();
            let rows = statement
                .query_map([], |row| {
                    (0..width).map(|i| row.get::<_, Value>(i)).collect()
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            (table, rows)
        })
        .collect()
}

fn backup_of(vault: &Vault, folder: &Path) -> PathBuf {
    backup::write(vault, folder, Utc::now()).unwrap()
}

#[test]
fn a_restored_backup_has_every_table_exactly_and_the_replaced_vault_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let mut vault = scale::generate_vault(dir.path(), SMALL);
    let at_backup = all_tables(&mut vault);
    assert!(
        at_backup
            .iter()
            .filter(|(_, rows)| !rows.is_empty())
            .count()
            >= 17,
        "the fixture fills most tables: {:?}",
        at_backup
            .iter()
            .map(|(t, rows)| (t, rows.len()))
            .collect::<Vec<_>>()
    );
    let file = backup_of(&vault, elsewhere.path());

    // After the backup: more data, and a new passphrase.
    customers::create(
        vault.conn(),
        &customer("Na de back-up", "99887766"),
        Utc::now(),
    )
    .unwrap();
    vault
        .change_passphrase(scale::PASSPHRASE, LATER, |_| {})
        .unwrap();
    drop(vault);

    let restored = backup::restore(dir.path(), &file, scale::PASSPHRASE, Utc::now()).unwrap();
    let mut vault = Vault::open(dir.path(), scale::PASSPHRASE).expect("the backup's passphrase");
    assert_eq!(all_tables(&mut vault), at_backup, "every table as it was");
    assert!(Vault::open(dir.path(), LATER).is_err());
    drop(vault);

    // The vault it replaced is kept, whole, and opens with the passphrase it had.
    let kept = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&restored.kept_aside).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, kept.path().join(path.file_name().unwrap())).unwrap();
    }
    let mut replaced = Vault::open(kept.path(), LATER).unwrap();
    assert_eq!(customers::count(replaced.conn()).unwrap(), 41);
}

#[test]
fn a_wrong_passphrase_or_a_damaged_or_foreign_file_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let vault = common::new_vault(dir.path());
    let file = backup_of(&vault, elsewhere.path());
    drop(vault);
    let before = snapshot(dir.path());
    let bytes = std::fs::read(&file).unwrap();
    let variant = |name: &str, bytes: &[u8]| {
        let path = elsewhere.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    // The trailer: JSON, its length in 8 bytes, and the 18-byte marker line.
    let length_at = bytes.len() - 18 - 8;
    let json_length = u64::from_le_bytes(bytes[length_at..length_at + 8].try_into().unwrap());
    let database_end = length_at - json_length as usize;
    let mut flipped = bytes.clone();
    flipped[database_end / 2] ^= 0x5a;
    let mut longer_header = bytes.clone();
    longer_header[length_at..length_at + 8].copy_from_slice(&(1u64 << 40).to_le_bytes());
    let cases: Vec<(&str, PathBuf, &str)> = vec![
        (
            "wrong passphrase",
            file.clone(),
            "not the passphrase at all",
        ),
        (
            "truncated",
            variant("truncated.dpabackup", &bytes[..bytes.len() / 3]),
            common::PASSPHRASE,
        ),
        (
            "flipped byte",
            variant("flipped.dpabackup", &flipped),
            common::PASSPHRASE,
        ),
        (
            "not a backup",
            variant("notes.dpabackup", b"PDF-1.7 a letter"),
            common::PASSPHRASE,
        ),
        (
            "trailer only",
            variant("trailer.dpabackup", &bytes[database_end..]),
            common::PASSPHRASE,
        ),
        (
            "a trailer claiming a huge header",
            variant("huge.dpabackup", &longer_header),
            common::PASSPHRASE,
        ),
        (
            "the database without its trailer",
            variant("bare.dpabackup", &bytes[..database_end]),
            common::PASSPHRASE,
        ),
        (
            "missing",
            elsewhere.path().join("gone.dpabackup"),
            common::PASSPHRASE,
        ),
    ];
    for (case, path, passphrase) in cases {
        let result = backup::restore(dir.path(), &path, passphrase, Utc::now());
        match (case, result) {
            ("wrong passphrase", Err(AppError::WrongPassphrase { .. })) => {}
            (_, Err(AppError::BackupUnreadable)) if case != "wrong passphrase" => {}
            (case, other) => panic!("{case}: {other:?}"),
        }
        assert_eq!(
            snapshot(dir.path()),
            before,
            "{case}: the vault folder is untouched"
        );
    }
    assert!(Vault::open(dir.path(), common::PASSPHRASE).is_ok());
}

fn automatic(dir: &Path) -> Vec<BackupFile> {
    backup::list(&dir.join(backup::FOLDER))
        .unwrap()
        .into_iter()
        .filter(|b| b.automatic)
        .collect()
}

#[test]
fn automatic_backups_keep_the_newest_n() {
    let dir = tempfile::tempdir().unwrap();
    let vault = common::new_vault(dir.path());
    for minute in 0..5 {
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0).unwrap();
        backup::write_automatic(backup::source(&vault), 3, now).unwrap();
    }
    let kept = automatic(dir.path());
    let minutes: Vec<u32> = kept
        .iter()
        .map(|b| chrono::Timelike::minute(&b.created_at))
        .collect();
    assert_eq!(minutes, [4, 3, 2], "the newest three, newest first");
}

#[test]
fn unlocking_writes_an_automatic_backup_that_restores() {
    let dir = tempfile::tempdir().unwrap();
    drop(common::new_vault(dir.path()));
    let session = Session::new(dir.path().to_path_buf());
    session.unlock(common::PASSPHRASE, Instant::now()).unwrap();
    let started = Instant::now();
    while automatic(dir.path()).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no backup after unlocking"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // A refused restore leaves the vault open: nothing is locked before the backup checks out.
    let refused = session.restore(Path::new("/etc/passwd"), common::PASSPHRASE, Instant::now());
    assert!(matches!(refused, Err(AppError::BackupUnreadable)));
    assert_eq!(
        session.status(Instant::now()).state,
        dpa_desk::session::VaultState::Unlocked
    );
    let newest = &automatic(dir.path())[0];
    let restored = session
        .restore(Path::new(&newest.path), common::PASSPHRASE, Instant::now())
        .unwrap();
    assert!(Path::new(&restored.kept_aside).is_dir());
    session.unlock(common::PASSPHRASE, Instant::now()).unwrap();
}
