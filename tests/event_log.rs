//! The event log in a real encrypted vault: every change is there with its before and after,
//! and editing, deleting or reordering one entry directly in the database is named by the
//! verification.

mod common;

use chrono::Utc;
use common::*;
use dpa_desk::domain::event::ChainBreak;
use dpa_desk::store::{customers, events, settings, Vault};

fn vault_with_history(dir: &std::path::Path) -> (Vault, i64) {
    let mut vault = new_vault(dir);
    let created = customers::create(
        vault.conn(),
        &customer("Zorggroep Lindeboom", "12345678"),
        Utc::now(),
    )
    .unwrap();
    let mut moved = customer("Zorggroep Lindeboom", "12345678");
    moved.address = "Beukenlaan 9, Utrecht".into();
    customers::update(vault.conn(), created.id, &moved, Utc::now()).unwrap();
    customers::create(
        vault.conn(),
        &customer("Bakkerij Brood", "23456789"),
        Utc::now(),
    )
    .unwrap();
    (vault, created.id)
}

#[test]
fn every_change_is_logged_with_who_what_and_before_after() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, id) = vault_with_history(dir.path());

    let history = events::history(vault.conn(), "customers", id, 100).unwrap();
    let entities: Vec<(&str, &str)> = history
        .iter()
        .map(|e| (e.entity.as_str(), e.action.as_str()))
        .collect();
    assert!(entities.contains(&("customers", "insert")), "{entities:?}");
    assert!(entities.contains(&("contacts", "insert")), "{entities:?}");
    let update = history
        .iter()
        .find(|e| e.entity == "customers" && e.action == "update")
        .expect("the address change");
    assert_eq!(update.actor, "Fatima El Amrani");
    let address = update
        .changes
        .iter()
        .find(|c| c.field == "address")
        .expect("address changed");
    assert_eq!(address.before, "Lindelaan 1, Utrecht");
    assert_eq!(address.after, "Beukenlaan 9, Utrecht");
    assert!(
        history.iter().all(|e| e
            .changes
            .iter()
            .all(|c| !c.after.contains("Bakkerij") && !c.before.contains("Bakkerij"))),
        "another customer's changes are not in this history"
    );
    assert!(
        history.windows(2).all(|w| w[0].seq > w[1].seq),
        "newest first"
    );

    // Settings are logged too, and a write that changes nothing adds nothing.
    let before = events::verify(vault.conn()).unwrap().entries;
    let same = settings::get(vault.conn()).unwrap();
    settings::save(vault.conn(), &same).unwrap();
    assert_eq!(events::verify(vault.conn()).unwrap().entries, before);

    let verification = events::verify(vault.conn()).unwrap();
    assert!(verification.breaks.is_empty(), "{:?}", verification.breaks);
    assert!(verification.entries >= 6);

    // The log survives closing and opening, and the chain goes on from where it was.
    drop(vault);
    let mut vault = Vault::open(dir.path(), PASSPHRASE).unwrap();
    customers::create(vault.conn(), &customer("Café Hoek", "34567890"), Utc::now()).unwrap();
    let after = events::verify(vault.conn()).unwrap();
    assert!(after.breaks.is_empty(), "{:?}", after.breaks);
    assert!(after.entries > verification.entries);
}

#[test]
fn the_log_cannot_be_changed_through_the_app_connection() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = vault_with_history(dir.path());
    let edit = vault
        .conn()
        .execute("UPDATE events SET actor = 'Mallory' WHERE seq = 2", []);
    assert!(edit.is_err(), "entries are append-only");
    let delete = vault.conn().execute("DELETE FROM events WHERE seq = 2", []);
    assert!(delete.is_err(), "entries are kept");
}

/// Drops the guard, as someone with the key and a database tool would, and runs `sql`.
fn tamper(dir: &std::path::Path, sql: &str) -> Vec<ChainBreak> {
    let mut vault = Vault::open(dir, PASSPHRASE).unwrap();
    vault
        .conn()
        .execute_batch(&format!(
            "DROP TRIGGER event_log_events_no_update; DROP TRIGGER event_log_events_no_delete; {sql}"
        ))
        .unwrap();
    events::verify(vault.conn()).unwrap().breaks
}

#[test]
fn editing_deleting_or_reordering_one_entry_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _) = vault_with_history(dir.path());
    drop(vault);
    let original = snapshot(dir.path());

    let restore = || {
        for (name, _) in snapshot(dir.path()) {
            std::fs::remove_file(dir.path().join(name)).unwrap();
        }
        for (name, bytes) in &original {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
    };

    assert_eq!(
        tamper(
            dir.path(),
            "UPDATE events SET after = replace(after, 'Beukenlaan', 'Eikenlaan') WHERE seq = 5"
        ),
        [ChainBreak::Altered { seq: 5 }]
    );
    restore();
    assert_eq!(
        tamper(dir.path(), "DELETE FROM events WHERE seq = 3"),
        [ChainBreak::Missing { from: 3, to: 3 }]
    );
    restore();
    assert_eq!(
        tamper(
            dir.path(),
            "UPDATE events SET seq = -seq WHERE seq IN (3, 4);
             UPDATE events SET seq = 4 WHERE seq = -3;
             UPDATE events SET seq = 3 WHERE seq = -4;"
        ),
        [
            ChainBreak::Altered { seq: 3 },
            ChainBreak::Altered { seq: 4 }
        ]
    );
    restore();
    // Opening the vault again puts the guard back.
    let mut vault = Vault::open(dir.path(), PASSPHRASE).unwrap();
    assert!(events::verify(vault.conn()).unwrap().breaks.is_empty());
    let mut vault2 = {
        vault
            .conn()
            .execute_batch("DROP TRIGGER event_log_events_no_update")
            .unwrap();
        drop(vault);
        Vault::open(dir.path(), PASSPHRASE).unwrap()
    };
    assert!(vault2
        .conn()
        .execute("UPDATE events SET actor = 'x' WHERE seq = 1", [])
        .is_err());
}
