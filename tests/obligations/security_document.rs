//! Security documents (art. 4.3): a new version replaces the last and is announced.

use super::*;

#[test]
fn a_new_security_document_version_replaces_the_last_and_is_announced() {
    use dpa_desk::domain::security_document::SecurityDocumentInput;
    use dpa_desk::store::security_documents;
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let customer = add_customer(&mut vault, "Nordic Freight AB", "", Language::En);
    let now = at("24-11-2026 12:00");
    let first = SecurityDocumentInput {
        version: "1.0".into(),
        document_date: "01-03-2025".into(),
        file_reference: "BSK-Nordic-1.0.pdf".into(),
        review_on: "01-12-2026".into(),
        ..Default::default()
    };
    let v1 = security_documents::create(vault.conn(), customer, &first, now).unwrap();
    assert!(security_documents::create(vault.conn(), customer, &first, now).is_err());
    let second = SecurityDocumentInput {
        version: "2.0".into(),
        document_date: "20-11-2026".into(),
        summary: "Multi-factor authentication for all administrators".into(),
        file_reference: "BSK-Nordic-2.0.pdf".into(),
        review_on: "10-12-2026".into(),
    };
    let v2 = security_documents::create(vault.conn(), customer, &second, now).unwrap();

    // Only the current version's review is reminded, from 30 days before it.
    let mut reviews = |at_moment| {
        dpa_desk::store::dashboard::get(vault.conn(), at(at_moment))
            .unwrap()
            .deadlines
            .into_iter()
            .filter(|d| d.kind == dpa_desk::domain::deadlines::DeadlineKind::SecurityReview)
            .map(|d| (d.title, dpa_desk::domain::time::local_date(d.due)))
            .collect::<Vec<_>>()
    };
    assert_eq!(reviews("09-11-2026 12:00"), []);
    assert_eq!(
        reviews("10-11-2026 12:00"),
        [(
            "Nordic Freight AB 2.0".to_string(),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()
        )]
    );
    let all = security_documents::list(vault.conn(), Some(customer)).unwrap();
    assert_eq!(
        all.iter().map(|d| (d.id, d.current)).collect::<Vec<_>>(),
        [(v2, true), (v1, false)]
    );

    export::security_documents::generate_security_document_notice(vault.conn(), v2, OFFICER, now)
        .unwrap();
    let doc = security_documents::get(vault.conn(), v2).unwrap();
    let text = words_of(
        &dpa_desk::store::documents::pdf(vault.conn(), doc.letters[0].id)
            .unwrap()
            .pdf,
    );
    for expected in [
        "New version of the security measures",
        "Version 2.0 of 20-11-2026 replaces the previous version",
        "Replaces version 1.0",
        "BSK-Nordic-2.0.pdf",
        "Multi-factor authentication for all administrators",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    let sending = dpa_desk::domain::document::DeliveryInput {
        sent_at: "24-11-2026 12:30".into(),
        method: SendMethod::Email,
        recipients: "anna@klant.example".into(),
    };
    dpa_desk::store::documents::record_delivery(
        vault.conn(),
        doc.letters[0].id,
        &sending,
        OFFICER,
        at("24-11-2026 13:00"),
    )
    .unwrap();
    let csv = dpa_desk::export::registers::security_documents_csv(vault.conn()).unwrap();
    assert!(csv.contains("Nordic Freight AB,2.0,20-11-2026,Ja,Multi-factor authentication for all administrators,BSK-Nordic-2.0.pdf,24-11-2026 12:30,10-12-2026"), "{csv}");
    let export = dpa_desk::export::customer::gather(vault.conn(), customer, now).unwrap();
    assert_eq!(export.security_document.unwrap().version, "2.0");
}
