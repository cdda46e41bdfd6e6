//! A vault made by the version before the kept-document design (schema 12: breach notices
//! and the other notices in two tables, each with its sent log) opens in this version with
//! every document, byte and sending where it was, and the event log's chain whole.
//!
//! `tests/fixtures/vault-v12/` was written by that version (three customers, an initial
//! notice and an update with three sendings, an audit acknowledgement, a sub-processor
//! announcement sent to all, a disclosure notice); `vault-v12.json` is what it held then.

mod common;

use std::path::Path;

use chrono::{DateTime, Utc};
use common::PASSPHRASE;
use dpa_desk::domain::document::{DeliveryInput, SendMethod};
use dpa_desk::domain::incident::IncidentStatus;
use dpa_desk::domain::notice::{self, NoticeFacts};
use dpa_desk::export::documents::save_document;
use dpa_desk::store::{documents, events, incidents, migrations, Vault};
use serde_json::Value;

fn copy_fixture(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v12");
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn manifest() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v12.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn int(v: &Value) -> i64 {
    v.as_i64().unwrap()
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap()
}

/// (sent_at, method, recipients, recorded_at, recorded_by) of a document, in order.
fn sendings(vault: &mut Vault, document_id: i64) -> Vec<[String; 5]> {
    let mut statement = vault
        .conn()
        .prepare(
            "SELECT sent_at, method, recipients, recorded_at, recorded_by
             FROM document_deliveries WHERE document_id = ?1 ORDER BY id",
        )
        .unwrap();
    statement
        .query_map([document_id], |r| {
            Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?])
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn sendings_in(manifest: &Value, table: &str, owner: &str, id: i64) -> Vec<[String; 5]> {
    manifest[table]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| int(&d[owner]) == id)
        .map(|d| {
            [
                "sent_at",
                "method",
                "recipients",
                "recorded_at",
                "recorded_by",
            ]
            .map(|k| text(&d[k]).to_string())
        })
        .collect()
}

#[test]
fn a_vault_of_the_previous_version_keeps_every_document_byte_and_sending() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path());
    let before = manifest();
    assert_eq!(
        int(&before["user_version"]),
        12,
        "the fixture is a schema 12 vault"
    );
    let mut vault = Vault::open(dir.path(), PASSPHRASE).expect("opens and migrates");
    let version: u32 = vault
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, migrations::latest());

    // The other notices keep their ids, kinds and every byte.
    let letters = before["letters"].as_array().unwrap();
    assert!(
        letters.len() >= 5,
        "audit, three announcement notices, disclosure"
    );
    for letter in letters {
        let id = int(&letter["id"]);
        let kept = documents::pdf(vault.conn(), id).expect("same id, bytes match their hash");
        assert_eq!(kept.kind, text(&letter["kind"]));
        assert_eq!(kept.subject_id, int(&letter["subject_id"]));
        assert_eq!(kept.sha256, text(&letter["sha256"]));
        assert_eq!(kept.file_name, text(&letter["file_name"]));
        assert_eq!(
            sendings(&mut vault, id),
            sendings_in(&before, "letter_deliveries", "letter_id", id)
        );
    }
    // The announcement still points at its notices.
    for row in before["announcement_customers"].as_array().unwrap() {
        let document_id: i64 = vault
            .conn()
            .query_row(
                "SELECT document_id FROM announcement_customers
                 WHERE announcement_id = ?1 AND customer_id = ?2",
                (int(&row["announcement_id"]), int(&row["customer_id"])),
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(document_id, int(&row["letter_id"]));
    }

    // Breach notices moved after them: found by incident, customer and sequence, each with
    // its facts, bytes, file name and sending.
    let notices = before["notices"].as_array().unwrap();
    assert!(notices.len() >= 4, "three initial notices and an update");
    for notice in notices {
        let (incident, customer, sequence) = (
            int(&notice["incident_id"]),
            int(&notice["customer_id"]),
            int(&notice["sequence"]) as u32,
        );
        let id: i64 = vault
            .conn()
            .query_row(
                "SELECT id FROM documents WHERE kind = 'breach_notice' AND subject_id = ?1
                 AND customer_id = ?2 AND version = ?3 AND incident_id = ?1",
                (incident, customer, sequence),
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            letters.iter().all(|l| int(&l["id"]) != id),
            "no id taken twice"
        );
        let kept = documents::pdf(vault.conn(), id).unwrap();
        assert_eq!(kept.kind, notice::BREACH_NOTICE.code());
        assert_eq!(kept.sha256, text(&notice["sha256"]));
        assert_eq!(kept.file_name, text(&notice["file_name"]));
        let facts: NoticeFacts = documents::facts(vault.conn(), id).unwrap();
        let typed: NoticeFacts = serde_json::from_str(text(&notice["facts_json"])).unwrap();
        assert_eq!(facts, typed);
        assert_eq!(
            sendings(&mut vault, id),
            sendings_in(
                &before,
                "notice_deliveries",
                "notice_id",
                int(&notice["id"])
            )
        );
        // Saved as a file: the very bytes.
        let out = tempfile::tempdir().unwrap();
        let path = save_document(vault.conn(), id, out.path()).unwrap();
        assert_eq!(std::fs::read(path).unwrap(), kept.pdf);
    }
    let count: i64 = vault
        .conn()
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count as usize, letters.len() + notices.len());

    // The event log: every entry still there, unchanged, and the chain verifies.
    let logged = before["events"].as_array().unwrap();
    for entry in logged {
        let hash: String = vault
            .conn()
            .query_row(
                "SELECT hash FROM events WHERE seq = ?1",
                [int(&entry["seq"])],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hash, text(&entry["hash"]));
    }
    let verification = events::verify(vault.conn()).unwrap();
    assert!(verification.breaks.is_empty(), "{verification:?}");
    assert_eq!(verification.entries as usize, logged.len());

    // And the moved documents work as any other: an update's sending is logged under the
    // incident, the old tables are gone, a document still cannot be changed.
    let update = notices.iter().find(|n| int(&n["sequence"]) == 1).unwrap();
    let incident = int(&update["incident_id"]);
    let id: i64 = vault
        .conn()
        .query_row(
            "SELECT id FROM documents WHERE kind = 'breach_notice' AND subject_id = ?1
             AND version = 1",
            [incident],
            |r| r.get(0),
        )
        .unwrap();
    let now: DateTime<Utc> = Utc::now();
    documents::record_delivery(
        vault.conn(),
        id,
        &DeliveryInput {
            sent_at: now
                .with_timezone(&chrono_tz::Europe::Amsterdam)
                .format("%d-%m-%Y %H:%M")
                .to_string(),
            method: SendMethod::Post,
            recipients: "Postbus 1, Utrecht".into(),
        },
        "Fatima El Amrani",
        now,
    )
    .unwrap();
    let logged_under_incident: i64 = vault
        .conn()
        .query_row(
            "SELECT count(*) FROM events WHERE entity = 'documents' AND incident_id = ?1",
            [incident],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged_under_incident, 0, "the move itself is not logged");
    let verification = events::verify(vault.conn()).unwrap();
    assert!(verification.breaks.is_empty(), "{verification:?}");
    assert!(
        verification.entries as usize > logged.len(),
        "the sending is logged"
    );
    assert_ne!(
        incidents::get(vault.conn(), incident).unwrap().status,
        IncidentStatus::Assessing
    );
    for table in [
        "notices",
        "notice_deliveries",
        "letters",
        "letter_deliveries",
    ] {
        let exists: bool = vault
            .conn()
            .query_row(
                "SELECT count(*) > 0 FROM sqlite_master WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert!(!exists, "{table} is gone");
    }
    let mut refused = |sql: &str| vault.conn().execute(sql, [id]).unwrap_err().to_string();
    assert!(
        refused("UPDATE documents SET file_name = 'x.pdf' WHERE id = ?1").contains("immutable")
    );
    assert!(refused("DELETE FROM document_deliveries WHERE document_id = ?1").contains("kept"));
}
