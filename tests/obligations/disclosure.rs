//! Disclosure requests (art. 3.2): verification first, the customers told, a barred customer never.

use super::*;

#[test]
fn a_disclosure_waits_for_verification_and_the_customers_and_a_barred_customer_never_hears_of_it() {
    use dpa_desk::domain::disclosure::{
        ConcernedInput, DisclosureInput, DisclosureOutcome, InformedStatus,
    };
    use dpa_desk::store::disclosures;
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let lindeboom = add_customer(&mut vault, "Zorggroep Lindeboom", "11112222", Language::Nl);
    let nordic = add_customer(&mut vault, "Nordic Freight AB", "", Language::En);
    let zwijger = add_customer(&mut vault, "Stille Vennoot B.V.", "33334444", Language::Nl);
    let now = at("24-11-2026 12:00");
    let morning = at("24-11-2026 08:45");
    let concerned = |id: i64| ConcernedInput {
        customer_id: id,
        ..Default::default()
    };
    let typed = DisclosureInput {
        authority: "Politie Eenheid Oost-Nederland".into(),
        reference: "PL0600-2026-118".into(),
        received_at: "24-11-2026 08:15".into(),
        respond_by: "01-12-2026".into(),
        legal_basis: "Vordering verstrekking gegevens, art. 126nd Sv".into(),
        requester: "Officier van justitie mr. J. de Wit".into(),
        data_requested: "Inloggegevens van één gebruiker over oktober 2026".into(),
        customers: vec![
            concerned(lindeboom),
            concerned(nordic),
            ConcernedInput {
                legally_barred: true,
                barred_reason: "De vordering verbiedt mededeling aan de klant".into(),
                ..concerned(zwijger)
            },
        ],
        ..Default::default()
    };
    let id = disclosures::create(vault.conn(), &typed, now).unwrap();
    let request = disclosures::get(vault.conn(), id).unwrap();
    assert_eq!(request.number, "2026-001");

    // The dashboard: two customers to tell within a day, and the authority's date.
    let board = dashboard::get(vault.conn(), now).unwrap();
    let rows: Vec<_> = board
        .deadlines
        .iter()
        .map(|d| (d.kind, d.due, d.customers, d.target))
        .collect();
    assert_eq!(
        rows,
        [
            (
                DeadlineKind::DisclosureInform,
                at("25-11-2026 08:15"),
                2,
                Target::Disclosure(id)
            ),
            (
                DeadlineKind::DisclosureAnswer,
                parse_moment("01-12-2026").unwrap().latest(),
                0,
                Target::Disclosure(id)
            ),
        ]
    );

    // Nothing is disclosed before the ground, the identity and the customers are settled.
    let disclose = DisclosureInput {
        outcome: DisclosureOutcome::Disclosed,
        disclosed_at: "24-11-2026 11:00".into(),
        disclosed_what: "Logbestand oktober 2026, versleuteld op USB-stick".into(),
        ..typed.clone()
    };
    assert_eq!(
        refused(disclosures::update(vault.conn(), id, &disclose, now)),
        [
            (
                "customers.0.informed_at".into(),
                FieldCode::CustomerNotInformed
            ),
            (
                "customers.1.informed_at".into(),
                FieldCode::CustomerNotInformed
            ),
            ("basis_verified".into(), FieldCode::NotVerified),
            ("identity_verified".into(), FieldCode::NotVerified),
        ]
    );
    assert_eq!(
        disclosures::get(vault.conn(), id).unwrap().record.outcome,
        DisclosureOutcome::Pending,
        "a refused save changes nothing"
    );

    // The barred customer gets no notice; the others get one in their language, naming
    // nobody else.
    assert_eq!(
        refused(export::disclosures::generate_disclosure_notice(
            vault.conn(),
            id,
            zwijger,
            OFFICER,
            now
        )),
        [("legally_barred".into(), FieldCode::LegallyBarred)]
    );
    export::disclosures::generate_disclosure_notice(vault.conn(), id, lindeboom, OFFICER, morning)
        .unwrap();
    export::disclosures::generate_disclosure_notice(vault.conn(), id, nordic, OFFICER, morning)
        .unwrap();
    let request = disclosures::get(vault.conn(), id).unwrap();
    let letter_of = |customer: i64| {
        request
            .concerned
            .iter()
            .find(|c| c.concerned.customer_id == customer)
            .unwrap()
            .letters
            .clone()
    };
    let dutch = dpa_desk::store::documents::pdf(vault.conn(), letter_of(lindeboom)[0].id).unwrap();
    assert_eq!(
        dutch.file_name,
        "verstrekkingsverzoek-2026-001-Zorggroep-Lindeboom-1.pdf"
    );
    assert!(tool("qpdf", &["--check"], &dutch.pdf).0);
    let text = words_of(&dutch.pdf);
    for expected in [
        "Verzoek om verstrekking van gegevens 2026-001",
        "Politie Eenheid Oost-Nederland",
        "PL0600-2026-118",
        "24-11-2026 08:15",
        "art. 126nd Sv",
        "Officier van justitie mr. J. de Wit",
        "Inloggegevens van één gebruiker",
        "Grondslag gecontroleerd Nee",
        "die grondslag hebben wij nog niet gecontroleerd",
        "Wij hebben nog niets verstrekt",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    // Not verified yet: the basis is not stated as established.
    for other in [
        "Nordic Freight",
        "Stille Vennoot",
        "verbiedt mededeling",
        "steunt op een wettelijke verplichting",
    ] {
        assert!(!text.contains(other), "{other} leaked into:\n{text}");
    }
    let english = dpa_desk::store::documents::pdf(vault.conn(), letter_of(nordic)[0].id).unwrap();
    let text = words_of(&english.pdf);
    assert!(
        text.contains("Request to disclose data 2026-001")
            && text.contains("We have not disclosed anything yet"),
        "{text}"
    );

    // Sending the notice is telling the customer.
    dpa_desk::store::documents::record_delivery(
        vault.conn(),
        letter_of(lindeboom)[0].id,
        &dpa_desk::domain::document::DeliveryInput {
            sent_at: "24-11-2026 09:00".into(),
            method: SendMethod::Email,
            recipients: "anna@lindeboom.example".into(),
        },
        OFFICER,
        now,
    )
    .unwrap();
    let request = disclosures::get(vault.conn(), id).unwrap();
    let statuses: Vec<_> = request
        .concerned
        .iter()
        .map(|c| (c.customer_name.as_str(), c.status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("Nordic Freight AB", InformedStatus::ToInform),
            ("Stille Vennoot B.V.", InformedStatus::LegallyBarred),
            ("Zorggroep Lindeboom", InformedStatus::Informed),
        ]
    );
    assert_eq!(
        request.concerned[2].concerned.informed_at,
        Some(at("24-11-2026 09:00"))
    );

    // Verified, everyone told (Nordic by phone after the disclosure): disclosed.
    let mut verified = DisclosureInput {
        basis_verified: true,
        identity_verified: true,
        verification: "Teruggebeld via het algemene nummer van het parket".into(),
        ..disclose
    };
    verified.customers[0].informed_at = "24-11-2026 09:00".into();
    verified.customers[1].informed_at = "24-11-2026 11:30".into();
    // A customer that was sent a notice stays on the request.
    let without_lindeboom = DisclosureInput {
        customers: verified.customers[1..].to_vec(),
        ..verified.clone()
    };
    assert_eq!(
        refused(disclosures::update(
            vault.conn(),
            id,
            &without_lindeboom,
            now
        )),
        [("customers".into(), FieldCode::AlreadyNotified)]
    );
    disclosures::update(vault.conn(), id, &verified, now).unwrap();
    let request = disclosures::get(vault.conn(), id).unwrap();
    assert_eq!(
        request.concerned[0].status,
        InformedStatus::InformedAfterDisclosure
    );
    assert!(dashboard::get(vault.conn(), now)
        .unwrap()
        .deadlines
        .is_empty());

    // A second notice tells what was disclosed.
    export::disclosures::generate_disclosure_notice(vault.conn(), id, lindeboom, OFFICER, now)
        .unwrap();
    let second = disclosures::get(vault.conn(), id).unwrap().concerned[2].letters[1].clone();
    assert_eq!(second.version, 2);
    let text = words_of(
        &dpa_desk::store::documents::pdf(vault.conn(), second.id)
            .unwrap()
            .pdf,
    );
    assert!(
        text.contains("Verstrekt op 24-11-2026 11:00")
            && text.contains("Logbestand oktober 2026")
            && text.contains("Grondslag gecontroleerd Ja")
            && text.contains("gecontroleerd dat het verzoek steunt op een wettelijke verplichting"),
        "{text}"
    );

    // The export of a customer shows its own line only, and nothing to the barred customer.
    let export = dpa_desk::export::customer::gather(vault.conn(), lindeboom, now).unwrap();
    assert_eq!(export.disclosures.len(), 1);
    assert_eq!(export.disclosures[0].record.customers.len(), 1);
    assert_eq!(
        export.disclosures[0].concerned[0].customer_name,
        "Zorggroep Lindeboom"
    );
    let json = serde_json::to_string(&export).unwrap();
    assert!(
        !json.contains("Stille Vennoot") && !json.contains("Nordic"),
        "{json}"
    );
    let text = words_of(&dpa_desk::documents::agreement::render_agreement(&export).unwrap());
    assert!(
        text.contains("2026-001, ontvangen 24-11-2026 08:15: Politie Eenheid Oost-Nederland")
            && text.contains("verstrekt op 24-11-2026 11:00"),
        "{text}"
    );
    let barred = dpa_desk::export::customer::gather(vault.conn(), zwijger, now).unwrap();
    assert!(barred.disclosures.is_empty());
    let text = words_of(&dpa_desk::documents::agreement::render_agreement(&barred).unwrap());
    assert!(!text.contains("Politie"), "{text}");

    // The register: a row per customer concerned.
    let csv = dpa_desk::export::registers::disclosures_csv(vault.conn()).unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(
        csv.contains("Nordic Freight AB,geïnformeerd na verstrekking,24-11-2026 11:30"),
        "{csv}"
    );
    assert!(
        csv.contains("Stille Vennoot B.V.,wettelijk verbod,,De vordering verbiedt mededeling aan de klant,verstrekt"),
        "{csv}"
    );
}
