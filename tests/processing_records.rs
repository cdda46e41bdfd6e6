//! The record of processing activities as processor (GDPR art. 30(2)): complete for the demo
//! vault, as PDF (read back with pdftotext) and CSV; what a customer's record lacks, part by
//! part, until the vault holds it; the officer's categories of processing.

mod common;

use chrono::{Duration, Utc};
use dpa_desk::domain::customer::Language;
use dpa_desk::domain::demo::{demo_customers, demo_security_document};
use dpa_desk::domain::processing_record::RecordGap;
use dpa_desk::domain::security_document::SecurityDocumentInput;
use dpa_desk::domain::subprocessor::SubProcessorInput;
use dpa_desk::domain::time::local_date;
use dpa_desk::domain::transfer::{TransferInput, TransferMechanism};
use dpa_desk::domain::validation::FieldCode;
use dpa_desk::error::AppError;
use dpa_desk::export::processing_records::{records, save_csv, save_pdf};
use dpa_desk::store::{
    customers, processing_records, security_documents, settings, subprocessors, transfers,
};

#[test]
fn the_demo_vaults_record_is_complete_and_its_pdf_and_csv_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = common::new_vault(dir.path());
    let now = Utc::now();
    let demo = demo_customers();
    let security = demo_security_document(local_date(now));
    customers::fill_empty(vault.conn(), &demo, Some(&security), now).unwrap();

    assert_eq!(
        processing_records::incomplete(vault.conn(), now).unwrap(),
        []
    );
    let all = records(vault.conn(), None, now).unwrap();
    assert_eq!(all.len(), demo.len());
    assert!(all.iter().all(|r| r.missing.is_empty()));

    let out = dir.path().join("out");
    let folder = out.to_str().unwrap();
    let pdf = save_pdf(vault.conn(), None, Language::Nl, Some(folder), now).unwrap();
    let text = common::text_of(&std::fs::read(&pdf).unwrap());
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Register van verwerkingsactiviteiten als verwerker"),
        "{flat}"
    );
    assert!(flat.contains("artikel 30, lid 2"));
    for customer in &demo {
        assert!(
            flat.contains(&customer.name),
            "{} is in the record",
            customer.name
        );
    }
    for part in [
        "a. Naam en contactgegevens van de verwerkingsverantwoordelijke",
        "b. Categorieën van verwerkingen",
        "c. Doorgiften naar een derde land",
        "d. Algemene beschrijving van de beveiligingsmaatregelen",
    ] {
        assert_eq!(
            flat.matches(part).count(),
            demo.len(),
            "{part}, once per customer"
        );
    }
    assert!(!flat.contains("Onvolledig"), "no record lacks anything");
    assert!(pdf
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("Verwerkingsregister alle klanten "));

    let english = save_pdf(
        vault.conn(),
        Some(all[0].customer_id),
        Language::En,
        Some(folder),
        now,
    )
    .unwrap();
    let text = common::text_of(&std::fs::read(&english).unwrap());
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Record of processing activities as processor"));
    assert!(flat.contains("Article 30(2)"));
    assert!(flat.contains(&all[0].controller.name));
    assert!(
        !flat.contains(&all[1].controller.name),
        "one customer's record holds only it"
    );

    let csv =
        std::fs::read_to_string(save_csv(vault.conn(), None, Some(folder), now).unwrap()).unwrap();
    let mut reader =
        csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), demo.len());
    let missing = headers.iter().position(|h| h == "Ontbreekt").unwrap();
    assert!(rows.iter().all(|row| row[missing].is_empty()));
}

/// A new vault with one customer (a contact, a service, no security document); its folder,
/// the vault and the customer's id.
fn vault_with_a_customer() -> (tempfile::TempDir, dpa_desk::store::Vault, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = common::new_vault(dir.path());
    let customer = common::customer("Zorggroep Lindeboom", "12345678");
    let id = customers::create(vault.conn(), &customer, Utc::now())
        .unwrap()
        .id;
    (dir, vault, id)
}

#[test]
fn what_a_record_lacks_is_named_until_the_vault_holds_it() {
    let (dir, mut vault, id) = vault_with_a_customer();
    let now = Utc::now();
    let cloud = subprocessors::create(
        vault.conn(),
        &SubProcessorInput {
            name: "Cloud Inc.".into(),
            activities: "Back-ups".into(),
            country: "US".into(),
            start_date: "01-01-2024".into(),
            end_date: String::new(),
            contract_reference: String::new(),
        },
        now,
    )
    .unwrap();
    let lacking = |vault: &mut dpa_desk::store::Vault| {
        records(vault.conn(), Some(id), now).unwrap()[0]
            .missing
            .clone()
    };
    assert_eq!(
        lacking(&mut vault),
        [RecordGap::TransferSafeguards, RecordGap::SecurityMeasures]
    );
    let listed = processing_records::incomplete(vault.conn(), now).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].customer_name, "Zorggroep Lindeboom");

    // The processor's privacy contact is gone from the settings: every record lacks it.
    let mut without_contact = settings::get(vault.conn()).unwrap();
    without_contact.processor.privacy_contact.clear();
    settings::save(vault.conn(), &without_contact).unwrap();
    assert_eq!(lacking(&mut vault)[0], RecordGap::ProcessorDetails);
    settings::save(vault.conn(), &common::settings()).unwrap();

    transfers::create(
        vault.conn(),
        &TransferInput {
            customer_id: id,
            sub_processor_id: Some(cloud),
            recipient: "Cloud Inc.".into(),
            country: "US".into(),
            mechanism: TransferMechanism::StandardContractualClauses,
            mechanism_detail: "Module 3".into(),
            approved_on: (local_date(now) - Duration::days(1))
                .format("%d-%m-%Y")
                .to_string(),
            reference: "Brief 2026-14".into(),
        },
        now,
    )
    .unwrap();
    security_documents::create(
        vault.conn(),
        id,
        &SecurityDocumentInput {
            version: "2.0".into(),
            document_date: local_date(now).format("%d-%m-%Y").to_string(),
            summary: "Eerste versie".into(),
            file_reference: String::new(),
            review_on: String::new(),
        },
        now,
    )
    .unwrap();
    assert_eq!(lacking(&mut vault), []);
    assert_eq!(
        processing_records::incomplete(vault.conn(), now).unwrap(),
        []
    );
    let record = records(vault.conn(), Some(id), now).unwrap().remove(0);
    assert_eq!(record.transfers[0].record.recipient, "Cloud Inc.");
    assert_eq!(record.sub_processors[0].name, "Cloud Inc.");

    // The English PDF names the transfer with its safeguard and the sub-processor.
    let out = dir.path().join("out");
    let pdf = save_pdf(vault.conn(), Some(id), Language::En, out.to_str(), now).unwrap();
    let text = common::text_of(&std::fs::read(&pdf).unwrap());
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("United States (outside the EEA) – Cloud Inc.; standard contractual clauses (SCC): Module 3; approved on"),
        "{flat}"
    );
    assert!(
        flat.contains("Cloud Inc. (United States (outside the EEA)): Back-ups"),
        "{flat}"
    );
    assert!(!flat.contains("Incomplete"));
}

#[test]
fn the_officers_categories_replace_the_services_and_bad_input_changes_nothing() {
    let (_dir, mut vault, id) = vault_with_a_customer();
    let now = Utc::now();
    let categories = |vault: &mut dpa_desk::store::Vault| {
        let record = records(vault.conn(), Some(id), now).unwrap().remove(0);
        (record.categories, record.categories_from_services)
    };
    assert_eq!(
        categories(&mut vault),
        (vec!["Salarisportaal".to_string()], true)
    );

    processing_records::set_categories(
        vault.conn(),
        id,
        "Salarisadministratie\nVerlofregistratie\n\nsalarisadministratie\n",
    )
    .unwrap();
    let written = vec![
        "Salarisadministratie".to_string(),
        "Verlofregistratie".to_string(),
    ];
    assert_eq!(categories(&mut vault), (written.clone(), false));

    let error = processing_records::set_categories(vault.conn(), id, &"x".repeat(201)).unwrap_err();
    assert!(
        matches!(error, AppError::Validation { ref fields } if fields[0].code == FieldCode::TooLong)
    );
    assert_eq!(categories(&mut vault), (written, false), "nothing changed");
    assert!(matches!(
        processing_records::set_categories(vault.conn(), 999, "Hosting"),
        Err(AppError::NotFound)
    ));

    processing_records::set_categories(vault.conn(), id, "  \n").unwrap();
    assert_eq!(
        categories(&mut vault),
        (vec!["Salarisportaal".to_string()], true)
    );
    // The change is in the event log like any other.
    let logged: i64 = vault
        .conn()
        .query_row(
            "SELECT count(*) FROM events WHERE entity = 'processing_categories'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(logged, 4, "two added, then two removed");
}
