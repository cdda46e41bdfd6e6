//! Template versions and customers' agreements in the vault: signing supersedes, signed
//! versions are immutable, the overview shows the gaps.

mod common;

use chrono::{NaiveDate, Utc};
use common::*;
use dpa_desk::domain::agreement::{AgreementInput, AgreementStatus, TemplateVersionInput, Terms};
use dpa_desk::domain::customer::Language;
use dpa_desk::domain::validation::FieldCode;
use dpa_desk::error::AppError;
use dpa_desk::store::{agreements, customers, templates, Vault};

const SAMPLE: &str = include_str!("../assets/samples/modelovereenkomst.nl.txt");

fn terms() -> Terms {
    Terms {
        audit_notice_days: 30,
        objection_window_days: 14,
        liability_cap_eur: 1000,
        first_notice_target_hours: 24,
        other_terms: String::new(),
    }
}

fn version(vault: &mut Vault, label: &str, with_text: bool) -> i64 {
    let input = TemplateVersionInput {
        label: label.into(),
        version_date: "03-03-2025".into(),
        language: Language::Nl,
        terms: terms(),
        source_text: with_text.then(|| SAMPLE.to_string()),
        source_name: "modelovereenkomst.nl.txt".into(),
    };
    templates::create(vault.conn(), &input, Utc::now())
        .unwrap()
        .id
}

fn signing(version: i64, signed_on: &str) -> AgreementInput {
    AgreementInput {
        template_version_id: version,
        status: AgreementStatus::Signed,
        signed_on: signed_on.into(),
        signed_by_name: "Anna de Vries".into(),
        signed_by_role: "Directeur".into(),
        end_date: String::new(),
        notes: String::new(),
    }
}

fn sign(
    vault: &mut Vault,
    customer: i64,
    input: &AgreementInput,
) -> Result<dpa_desk::domain::agreement::Agreement, AppError> {
    agreements::create(vault.conn(), customer, input, Utc::now())
}

#[test]
fn a_version_keeps_its_text_and_terms_and_labels_are_unique() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let id = version(&mut vault, "2025.1", true);
    let stored = templates::get(vault.conn(), id).unwrap();
    assert_eq!(stored.terms, terms());
    assert_eq!(stored.text.unwrap().articles.len(), 8);
    let input = TemplateVersionInput {
        label: "2025.1".into(),
        version_date: "01-01-2026".into(),
        language: Language::Nl,
        terms: terms(),
        source_text: None,
        source_name: String::new(),
    };
    match templates::create(vault.conn(), &input, Utc::now()) {
        Err(AppError::Validation { fields }) => {
            assert_eq!(fields[0].code, FieldCode::DuplicateLabel)
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn signing_a_newer_agreement_supersedes_the_current_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let customer = customers::create(
        vault.conn(),
        &customer("Zorggroep Lindeboom", "12345678"),
        Utc::now(),
    )
    .unwrap()
    .id;
    let v1 = version(&mut vault, "2024.1", false);
    let v2 = version(&mut vault, "2025.1", true);
    let first = sign(&mut vault, customer, &signing(v1, "01-02-2024")).unwrap();
    let second = sign(&mut vault, customer, &signing(v2, "01-04-2025")).unwrap();
    let history = agreements::list_for_customer(vault.conn(), customer).unwrap();
    assert_eq!(history[0].id, second.id);
    assert_eq!(history[0].status, AgreementStatus::Signed);
    assert_eq!(history[1].id, first.id);
    assert_eq!(history[1].status, AgreementStatus::Superseded);
    assert_eq!(history[1].end_date, NaiveDate::from_ymd_opt(2025, 4, 1));
    // Signing an older one now is refused and changes nothing.
    let older = sign(&mut vault, customer, &signing(v1, "01-01-2025"));
    assert!(
        matches!(older, Err(AppError::Validation { ref fields }) if fields[0].code == FieldCode::BeforeCurrentAgreement)
    );
    assert_eq!(
        agreements::list_for_customer(vault.conn(), customer).unwrap(),
        history
    );
}

#[test]
fn a_signed_version_cannot_change_but_an_unsigned_one_can() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let customer = customers::create(vault.conn(), &customer("Klant", ""), Utc::now())
        .unwrap()
        .id;
    let signed = version(&mut vault, "2025.1", false);
    let unsigned = version(&mut vault, "2026.1", false);
    sign(&mut vault, customer, &signing(signed, "01-04-2025")).unwrap();
    let mut new_terms = terms();
    new_terms.audit_notice_days = 45;
    assert!(matches!(
        templates::update_terms(vault.conn(), signed, &new_terms),
        Err(AppError::VersionSigned)
    ));
    assert_eq!(templates::get(vault.conn(), signed).unwrap().terms, terms());
    let changed = templates::update_terms(vault.conn(), unsigned, &new_terms).unwrap();
    assert_eq!(changed.terms.audit_notice_days, 45);
}

#[test]
fn drafts_are_signed_later_and_signed_agreements_only_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let customer = customers::create(vault.conn(), &customer("Klant", ""), Utc::now())
        .unwrap()
        .id;
    let v = version(&mut vault, "2025.1", false);
    let mut draft = signing(v, "");
    draft.status = AgreementStatus::Draft;
    draft.signed_by_name = String::new();
    let created = sign(&mut vault, customer, &draft).unwrap();
    assert_eq!(created.status, AgreementStatus::Draft);

    let signed_input = signing(v, "01-05-2025");
    let signed = agreements::update(vault.conn(), created.id, &signed_input, Utc::now()).unwrap();
    assert_eq!(signed.status, AgreementStatus::Signed);

    let mut altered = signed_input.clone();
    altered.signed_by_name = "Iemand Anders".into();
    assert!(matches!(
        agreements::update(vault.conn(), created.id, &altered, Utc::now()),
        Err(AppError::AgreementSigned)
    ));

    let mut back_to_draft = signed_input.clone();
    back_to_draft.status = AgreementStatus::Draft;
    assert!(matches!(
        agreements::update(vault.conn(), created.id, &back_to_draft, Utc::now()),
        Err(AppError::Validation { .. })
    ));

    let mut ended = signed_input;
    ended.status = AgreementStatus::Ended;
    ended.end_date = "31-12-2025".into();
    let done = agreements::update(vault.conn(), created.id, &ended, Utc::now()).unwrap();
    assert_eq!(done.status, AgreementStatus::Ended);
    assert_eq!(done.end_date, NaiveDate::from_ymd_opt(2025, 12, 31));
}

#[test]
fn the_overview_puts_customers_without_a_signed_agreement_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let a = customers::create(vault.conn(), &customer("Alfa", "11111111"), Utc::now())
        .unwrap()
        .id;
    customers::create(vault.conn(), &customer("Beta", "22222222"), Utc::now()).unwrap();
    let v = version(&mut vault, "2025.1", false);
    sign(&mut vault, a, &signing(v, "01-04-2025")).unwrap();
    let overview = agreements::overview(vault.conn(), 0, 100).unwrap();
    assert_eq!((overview.total, overview.without_agreement), (2, 1));
    let rows = overview.rows;
    assert_eq!(rows[0].customer_name, "Beta");
    assert_eq!(rows[0].version_label, None);
    assert_eq!(rows[1].customer_name, "Alfa");
    assert_eq!(rows[1].version_label.as_deref(), Some("2025.1"));
    let second = agreements::overview(vault.conn(), 1, 1).unwrap();
    assert_eq!(
        (second.rows.len(), second.rows[0].customer_name.as_str()),
        (1, "Alfa")
    );
}

#[test]
fn unknown_customers_and_versions_are_not_found_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let customer = customers::create(vault.conn(), &customer("Klant", ""), Utc::now())
        .unwrap()
        .id;
    assert!(matches!(
        sign(&mut vault, 999, &signing(1, "01-04-2025")),
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        sign(&mut vault, customer, &signing(999, "01-04-2025")),
        Err(AppError::NotFound)
    ));
    assert!(agreements::list_for_customer(vault.conn(), customer)
        .unwrap()
        .is_empty());
}
