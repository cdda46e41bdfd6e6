//! Importing customers from the officer's own files into the vault: one transaction, all or
//! nothing, what is known brought up to date, the mapping remembered, cancel and a changed
//! file leave the vault as it was.

mod common;

use std::sync::atomic::AtomicBool;
use std::sync::Mutex;

use chrono::Utc;
use common::*;
use dpa_desk::domain::customer_import::{ColumnTarget, ImportField, Mapping};
use dpa_desk::domain::validation::FieldCode;
use dpa_desk::error::AppError;
use dpa_desk::store::customer_imports::{self, ImportFile, ImportOutcome};
use dpa_desk::store::{customers, events};

const LIST: &str = "Bedrijfsnaam;KvK-nummer;Taal;Contactpersoon;E-mail;Functie\n\
    Zorggroep Lindeboom;12345678;NL;Anna de Vries;anna@lindeboom.example;FG\n\
    Nordic Freight AB;23456789;EN;Eva Berg;eva@nordic.example;DPO\n\
    Bakkerij Korenschoof;34567890;Frans;Cor Smit;cor@korenschoof.example;\n";

fn read(dir: &std::path::Path, name: &str, text: &str) -> ImportFile {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    customer_imports::read_file(&path).unwrap()
}

/// Imports without reporting progress or being stopped.
fn import_all(
    vault: &mut dpa_desk::store::Vault,
    file: &ImportFile,
    mapping: &Mapping,
    skip_refused: bool,
) -> Result<ImportOutcome, AppError> {
    let never = AtomicBool::new(false);
    let source = file.source(mapping);
    customer_imports::import(
        vault.conn(),
        &source,
        skip_refused,
        "Officer",
        Utc::now(),
        |_, _| {},
        &never,
    )
}

fn codes(error: AppError) -> Vec<(String, FieldCode)> {
    match error {
        AppError::Validation { fields } => fields.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn an_import_with_refused_rows_stores_nothing_unless_they_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let file = read(dir.path(), "klanten.csv", LIST);
    let mapping = customer_imports::mapping_for(vault.conn(), &file.table.headers).unwrap();
    let plan = customer_imports::preview(vault.conn(), &file.source(&mapping), Utc::now()).unwrap();
    assert_eq!((plan.new.len(), plan.refused.len()), (2, 1));
    assert_eq!(plan.refused[0].row, 4);

    let before = events::verify(vault.conn()).unwrap().entries;
    let never = AtomicBool::new(false);
    let error = import_all(&mut vault, &file, &mapping, false).unwrap_err();
    assert_eq!(codes(error), [("rows".to_string(), FieldCode::RowsRefused)]);
    assert_eq!(customers::count(vault.conn()).unwrap(), 0);
    assert_eq!(events::verify(vault.conn()).unwrap().entries, before);

    let reports = Mutex::new(Vec::new());
    let outcome = customer_imports::import(
        vault.conn(),
        &file.source(&mapping),
        true,
        "Officer",
        Utc::now(),
        |done, total| reports.lock().unwrap().push((done, total)),
        &never,
    )
    .unwrap();
    assert_eq!(
        (outcome.created, outcome.skipped, outcome.cancelled),
        (2, 1, false)
    );
    assert_eq!(reports.into_inner().unwrap(), [(0, 2), (2, 2)]);
    let all = customers::all(vault.conn()).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].contacts[0].role, "DPO");
    // The customers and the import itself are in the event log, and the chain holds.
    let verification = events::verify(vault.conn()).unwrap();
    assert!(verification.breaks.is_empty());
    // Two customers, their two contacts, and the import.
    assert_eq!(verification.entries, before + 5);
    let logged: i64 = vault
        .conn()
        .query_row(
            "SELECT count(*) FROM events WHERE entity = 'customer_imports'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(logged, 1);
}

#[test]
fn a_second_import_brings_known_customers_up_to_date_and_keeps_the_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let id = customers::create(
        vault.conn(),
        &customer("Lindeboom (oud)", "12345678"),
        Utc::now(),
    )
    .unwrap()
    .id;
    let file = read(dir.path(), "klanten.csv", LIST);
    // The officer leaves out the function column and imports.
    let mut mapping = customer_imports::mapping_for(vault.conn(), &file.table.headers).unwrap();
    assert_eq!(
        mapping[5],
        Some(ColumnTarget {
            field: ImportField::ContactRole,
            contact: 0
        })
    );
    mapping[5] = None;
    let outcome = import_all(&mut vault, &file, &mapping, true).unwrap();
    assert_eq!((outcome.created, outcome.updated), (1, 1));
    let lindeboom = customers::get(vault.conn(), id).unwrap();
    assert_eq!(lindeboom.name, "Zorggroep Lindeboom");
    assert_eq!(
        lindeboom.contacts.len(),
        2,
        "the contact it had is kept, Anna is added"
    );
    assert_eq!(
        lindeboom.contacts[1].role, "",
        "the function column was left out"
    );

    // The next file with the same headers starts from what the officer chose.
    let again = read(dir.path(), "klanten-2.csv", LIST);
    let remembered = customer_imports::mapping_for(vault.conn(), &again.table.headers).unwrap();
    assert_eq!(remembered, mapping);
    let plan =
        customer_imports::preview(vault.conn(), &again.source(&remembered), Utc::now()).unwrap();
    assert_eq!(
        (plan.new.len(), plan.updates.len(), plan.unchanged),
        (0, 0, 2)
    );
}

#[test]
fn a_cancelled_import_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let mut list = String::from("Naam;KvK\n");
    for i in 0..1000 {
        list.push_str(&format!("Klant {i};{}\n", 10_000_000 + i));
    }
    let file = read(dir.path(), "groot.csv", &list);
    let mapping = customer_imports::mapping_for(vault.conn(), &file.table.headers).unwrap();
    let cancel = AtomicBool::new(false);
    let outcome = customer_imports::import(
        vault.conn(),
        &file.source(&mapping),
        false,
        "Officer",
        Utc::now(),
        // The officer presses Stop when the first report of progress arrives.
        |done, _| {
            if done > 0 {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed)
            }
        },
        &cancel,
    )
    .unwrap();
    assert!(outcome.cancelled);
    assert_eq!(customers::count(vault.conn()).unwrap(), 0);
    let imports: i64 = vault
        .conn()
        .query_row("SELECT count(*) FROM customer_imports", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(imports, 0);
}

#[test]
fn files_that_are_no_customer_list_get_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let problem = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        codes(customer_imports::read_file(&path).unwrap_err())
    };
    let path = |code| vec![("path".to_string(), code)];
    assert_eq!(
        problem("foto.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        path(FieldCode::NotSpreadsheet)
    );
    assert_eq!(
        problem("leeg.csv", b"\n\n  \n"),
        path(FieldCode::EmptyTable)
    );
    assert_eq!(
        problem("kapot.xlsx", b"PK\x03\x04 niet echt"),
        path(FieldCode::NotSpreadsheet)
    );
    let wide = format!("{}\n", vec!["x"; 1_000_000].join(";"));
    assert_eq!(
        problem("breed.csv", wide.as_bytes()),
        path(FieldCode::TooManyColumns)
    );
    // 200 MB: refused by its size before it is read.
    let big = std::fs::File::create(dir.path().join("groot.csv")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    assert_eq!(
        codes(customer_imports::read_file(&dir.path().join("groot.csv")).unwrap_err()),
        path(FieldCode::TooLong)
    );
}
