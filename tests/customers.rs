//! The customer register in the vault: create, search, sort, edit, archive, all-or-nothing.

mod common;

use chrono::Utc;
use common::*;
use dpa_desk::domain::customer::{ContactInput, CustomerQuery, CustomerSort};
use dpa_desk::domain::demo::demo_customers;
use dpa_desk::domain::validation::FieldCode;
use dpa_desk::error::AppError;
use dpa_desk::store::customers;

fn query(search: &str, sort: CustomerSort, include_archived: bool) -> CustomerQuery {
    CustomerQuery {
        search: search.into(),
        sort,
        include_archived,
        ..Default::default()
    }
}

fn names(rows: Vec<dpa_desk::domain::customer::CustomerSummary>) -> Vec<String> {
    rows.into_iter().map(|r| r.name).collect()
}

#[test]
fn search_finds_by_name_kvk_and_contact_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let demo = demo_customers();
    customers::create_many(vault.conn(), &demo, Utc::now()).unwrap();
    let conn = vault.conn();
    let by = |text: &str| {
        names(customers::list(conn, &query(text, CustomerSort::NameAsc, false)).unwrap())
    };
    assert_eq!(by("LINDEBOOM"), ["Zorggroep Lindeboom"]);
    assert_eq!(by("90001237"), ["Bakkerij Korenschoof"]);
    assert_eq!(by("esra yilmaz").len(), 5);
    assert_eq!(by("bram.jansen@korenschoof"), ["Bakkerij Korenschoof"]);
    // LIKE wildcards are matched literally.
    assert!(by("%").is_empty());
    assert!(by("_").is_empty());
    assert_eq!(by("").len(), 25);
}

#[test]
fn sorting_orders_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    for (name, kvk) in [("beta", "22222222"), ("Alfa", "33333333"), ("gamma", "")] {
        customers::create(vault.conn(), &customer(name, kvk), Utc::now()).unwrap();
    }
    let conn = vault.conn();
    let sorted = |sort| names(customers::list(conn, &query("", sort, false)).unwrap());
    assert_eq!(sorted(CustomerSort::NameAsc), ["Alfa", "beta", "gamma"]);
    assert_eq!(sorted(CustomerSort::NameDesc), ["gamma", "beta", "Alfa"]);
    assert_eq!(sorted(CustomerSort::KvkAsc), ["beta", "Alfa", "gamma"]);
    assert_eq!(sorted(CustomerSort::UpdatedDesc), ["gamma", "Alfa", "beta"]);
}

#[test]
fn a_duplicate_kvk_number_is_a_field_error_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    customers::create(vault.conn(), &customer("Eerste", "12345678"), Utc::now()).unwrap();
    let result = customers::create(vault.conn(), &customer("Tweede", "12345678"), Utc::now());
    match result {
        Err(AppError::Validation { fields }) => {
            assert_eq!(fields[0].field, "kvk_number");
            assert_eq!(fields[0].code, FieldCode::DuplicateKvk);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(customers::count(vault.conn()).unwrap(), 1);
    let contacts: u32 = vault
        .conn()
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(contacts, 1, "no contact of the refused customer was stored");
}

#[test]
fn the_vault_checks_what_it_is_given_and_stores_nothing_of_a_refused_customer() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let mut input = customer("Eerste", "1234");
    input.contacts[0].email = "geen adres".into();
    match customers::create(vault.conn(), &input, Utc::now()) {
        Err(AppError::Validation { fields }) => {
            let codes: Vec<_> = fields.iter().map(|f| (f.field.as_str(), f.code)).collect();
            assert!(
                codes.contains(&("kvk_number", FieldCode::InvalidKvk)),
                "{codes:?}"
            );
            assert!(
                codes.iter().any(|(field, _)| field.contains("email")),
                "{codes:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    // A whole import is refused for one bad row.
    let good = customer("Tweede", "12345678");
    assert!(matches!(
        customers::create_many(vault.conn(), &[good, input], Utc::now()),
        Err(AppError::Validation { .. })
    ));
    assert_eq!(customers::count(vault.conn()).unwrap(), 0);
}

#[test]
fn editing_keeps_contact_ids_adds_and_removes_contacts() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let created =
        customers::create(vault.conn(), &customer("Klant", "12345678"), Utc::now()).unwrap();
    assert_eq!(
        created.service_start,
        chrono::NaiveDate::from_ymd_opt(2024, 3, 1)
    );
    let kept_id = created.contacts[0].id;
    let mut input = customer("Klant Hernoemd", "12345678");
    input.contacts[0].id = Some(kept_id);
    input.contacts[0].role = "DPO".into();
    input.contacts.push(ContactInput {
        id: None,
        name: "Bram".into(),
        role: String::new(),
        email: "bram@klant.example".into(),
        phone: String::new(),
        designated_for_instructions: false,
        receives_notices: true,
    });
    let updated = customers::update(vault.conn(), created.id, &input, Utc::now()).unwrap();
    assert_eq!(updated.name, "Klant Hernoemd");
    assert_eq!(updated.contacts.len(), 2);
    assert_eq!(updated.contacts[0].id, kept_id);
    assert_eq!(updated.contacts[0].role, "DPO");

    input.contacts.remove(0);
    input.contacts[0].id = Some(updated.contacts[1].id);
    let fewer = customers::update(vault.conn(), created.id, &input, Utc::now()).unwrap();
    assert_eq!(fewer.contacts.len(), 1);
    assert_eq!(fewer.contacts[0].name, "Bram");
}

#[test]
fn a_contact_id_of_another_customer_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let a = customers::create(vault.conn(), &customer("A", "11111111"), Utc::now()).unwrap();
    let b = customers::create(vault.conn(), &customer("B", "22222222"), Utc::now()).unwrap();
    let mut input = customer("B hijacked", "22222222");
    input.contacts[0].id = Some(a.contacts[0].id);
    assert!(matches!(
        customers::update(vault.conn(), b.id, &input, Utc::now()),
        Err(AppError::NotFound)
    ));
    assert_eq!(
        customers::get(vault.conn(), b.id).unwrap(),
        b,
        "nothing of the update was kept"
    );
    assert_eq!(customers::get(vault.conn(), a.id).unwrap(), a);
}

#[test]
fn archiving_hides_but_keeps_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let created =
        customers::create(vault.conn(), &customer("Archief B.V.", ""), Utc::now()).unwrap();
    let archived = customers::set_archived(vault.conn(), created.id, true, Utc::now()).unwrap();
    assert!(archived.archived_at.is_some());
    let conn = vault.conn();
    assert!(
        customers::list(conn, &query("", CustomerSort::NameAsc, false))
            .unwrap()
            .is_empty()
    );
    let all = customers::list(conn, &query("", CustomerSort::NameAsc, true)).unwrap();
    assert!(all[0].archived);
    let back = customers::set_archived(conn, created.id, false, Utc::now()).unwrap();
    assert!(back.archived_at.is_none());
    assert!(matches!(
        customers::set_archived(conn, 999, true, Utc::now()),
        Err(AppError::NotFound)
    ));
}

#[test]
fn an_unknown_customer_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    assert!(matches!(
        customers::get(vault.conn(), 42),
        Err(AppError::NotFound)
    ));
    let input = customer("X", "");
    assert!(matches!(
        customers::update(vault.conn(), 42, &input, Utc::now()),
        Err(AppError::NotFound)
    ));
}

#[test]
fn demo_data_fills_only_an_empty_vault() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let demo = demo_customers();
    customers::fill_empty(vault.conn(), &demo, None, Utc::now()).unwrap();
    assert_eq!(customers::count(vault.conn()).unwrap(), 25);
    assert!(matches!(
        customers::fill_empty(vault.conn(), &demo, None, Utc::now()),
        Err(AppError::VaultNotEmpty)
    ));
    assert_eq!(
        customers::count(vault.conn()).unwrap(),
        25,
        "nothing was added the second time"
    );
}
