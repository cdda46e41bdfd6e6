//! The encrypted vault: create, unlock, wrong passphrase, change passphrase, migrations.

mod common;

use chrono::Utc;
use common::*;
use dpa_desk::error::AppError;
use dpa_desk::store::{customers, migrations, settings, sidecar, Vault};

#[test]
fn a_new_vault_opens_with_its_passphrase_and_keeps_its_settings() {
    let dir = tempfile::tempdir().unwrap();
    drop(new_vault(dir.path()));
    let mut vault = Vault::open(dir.path(), PASSPHRASE).unwrap();
    assert_eq!(settings::get(vault.conn()).unwrap(), common::settings());
    let version: u32 = vault
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, migrations::latest());
}

#[test]
fn the_vault_file_is_encrypted_and_the_sidecar_holds_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    customers::create(
        vault.conn(),
        &customer("Geheime Klant B.V.", "11112222"),
        Utc::now(),
    )
    .unwrap();
    let path = vault.path();
    drop(vault);
    let bytes = std::fs::read(&path).unwrap();
    assert_ne!(&bytes[..16], b"SQLite format 3\0");
    for (name, content) in snapshot(dir.path()) {
        let text = String::from_utf8_lossy(&content);
        for secret in ["Geheime Klant", "Anna de Vries", "Wolkwerk", PASSPHRASE] {
            assert!(!text.contains(secret), "{secret} in clear in {name}");
        }
    }
    let sidecar = std::fs::read_to_string(sidecar::path(dir.path())).unwrap();
    assert!(sidecar.contains("argon2id") && sidecar.contains("\"memory_kib\": 65536"));
}

#[test]
fn a_wrong_passphrase_is_refused_and_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    drop(new_vault(dir.path()));
    let before = snapshot(dir.path());
    let result = Vault::open(dir.path(), "wrong horse battery staple");
    assert!(matches!(result, Err(AppError::WrongPassphrase { .. })));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn creating_over_an_existing_vault_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(new_vault(dir.path()));
    let before = snapshot(dir.path());
    let again = Vault::create(dir.path(), "another passphrase!", &common::settings());
    assert!(matches!(again, Err(AppError::VaultExists)));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_vault_file_without_its_sidecar_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("vault-1.db"), b"precious").unwrap();
    let result = Vault::create(dir.path(), PASSPHRASE, &common::settings());
    assert!(matches!(result, Err(AppError::VaultUnreadable)));
    assert_eq!(
        std::fs::read(dir.path().join("vault-1.db")).unwrap(),
        b"precious"
    );
}

#[test]
fn opening_without_a_vault_says_so() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Vault::open(dir.path(), PASSPHRASE),
        Err(AppError::NoVault)
    ));
}

#[test]
fn a_damaged_vault_file_is_reported_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_vault(dir.path()).path();
    std::fs::write(&path, b"not a database at all").unwrap();
    assert!(Vault::open(dir.path(), PASSPHRASE).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), b"not a database at all");
}

#[test]
fn changing_the_passphrase_keeps_the_data_and_retires_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    customers::create(
        vault.conn(),
        &customer("Bakkerij Korenschoof", "22223333"),
        Utc::now(),
    )
    .unwrap();
    let old_path = vault.path();
    let mut steps = Vec::new();
    vault
        .change_passphrase(PASSPHRASE, "a brand new passphrase", |step| {
            steps.push(step)
        })
        .unwrap();
    assert_eq!(steps.len(), 4);
    assert!(!old_path.exists(), "the old generation is removed");
    // Still usable without reopening.
    assert_eq!(customers::count(vault.conn()).unwrap(), 1);
    drop(vault);
    assert!(matches!(
        Vault::open(dir.path(), PASSPHRASE),
        Err(AppError::WrongPassphrase { .. })
    ));
    let mut reopened = Vault::open(dir.path(), "a brand new passphrase").unwrap();
    assert_eq!(customers::count(reopened.conn()).unwrap(), 1);
    assert_eq!(settings::get(reopened.conn()).unwrap(), common::settings());
}

#[test]
fn changing_the_passphrase_needs_the_current_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let result = vault.change_passphrase("not the passphrase", "a brand new passphrase", |_| {});
    assert!(matches!(result, Err(AppError::WrongPassphrase { .. })));
    drop(vault);
    assert!(Vault::open(dir.path(), PASSPHRASE).is_ok());
}

#[test]
fn migrations_run_on_an_empty_encrypted_vault_and_a_newer_vault_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let tables = common::table_names(vault.conn());
    assert_eq!(
        tables,
        [
            "agreements",
            "amendment_customers",
            "amendments",
            "announcement_customers",
            "assistance",
            "audit_measures",
            "audits",
            "contacts",
            "customer_imports",
            "customer_services",
            "customers",
            "disclosure_customers",
            "disclosure_requests",
            "dispatches",
            "document_deliveries",
            "documents",
            "events",
            "incident_customers",
            "incident_status_changes",
            "incidents",
            "instructions",
            "mail_server",
            "processing_categories",
            "security_documents",
            "service_ends",
            "settings",
            "sub_processing_agreements",
            "sub_processor_announcements",
            "sub_processors",
            "template_versions",
            "transfers"
        ]
    );
    vault
        .conn()
        .execute_batch(&format!(
            "PRAGMA user_version = {}",
            migrations::latest() + 1
        ))
        .unwrap();
    drop(vault);
    assert!(matches!(
        Vault::open(dir.path(), PASSPHRASE),
        Err(AppError::VaultFromNewerVersion)
    ));
}
