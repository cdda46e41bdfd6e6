//! The end of service (art. 10.4): erase or transfer, confirmed once done.

use super::*;

#[test]
fn the_end_of_service_is_confirmed_once_done_in_the_customers_language() {
    use dpa_desk::domain::service_end::{EndChoice, ServiceEndInput};
    use dpa_desk::store::service_ends;
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let nl = add_customer(&mut vault, "Zorggroep Lindeboom", "11112222", Language::Nl);
    let en = add_customer(&mut vault, "Nordic Freight AB", "", Language::En);
    let now = at("24-11-2026 12:00");
    let erase = ServiceEndInput {
        service_end: "31-10-2026".into(),
        choice: EndChoice::Erase,
        reason: "Contract opgezegd".into(),
        ..Default::default()
    };
    service_ends::save(vault.conn(), nl, &erase, now).unwrap();
    assert_eq!(
        customers::get(vault.conn(), nl)
            .unwrap()
            .service_end
            .unwrap()
            .to_string(),
        "2026-10-31"
    );
    // Not done yet: overdue on the dashboard, and no confirmation.
    let board = dashboard::get(vault.conn(), now).unwrap();
    assert_eq!(
        (board.deadlines[0].kind, board.deadlines[0].overdue),
        (DeadlineKind::ServiceEnd, true)
    );
    assert!(matches!(
        export::service_ends::generate_service_end_confirmation(vault.conn(), nl, OFFICER, now),
        Err(AppError::Validation { fields }) if fields[0].field == "done_on"
    ));
    service_ends::save(
        vault.conn(),
        nl,
        &ServiceEndInput {
            done_on: "02-11-2026".into(),
            ..erase
        },
        now,
    )
    .unwrap();
    export::service_ends::generate_service_end_confirmation(vault.conn(), nl, OFFICER, now)
        .unwrap();
    let end = service_ends::get(vault.conn(), nl).unwrap().unwrap();
    let pdf = dpa_desk::store::documents::pdf(vault.conn(), end.letters[0].id)
        .unwrap()
        .pdf;
    assert!(tool("qpdf", &["--check"], &pdf).0);
    let text = words_of(&pdf);
    for expected in [
        "Bevestiging einde dienstverlening",
        "geëindigd op 31-10-2026",
        "op 02-11-2026 hebben gewist",
        "ook bij onze subverwerkers",
        "Contract opgezegd",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert!(dashboard::get(vault.conn(), now)
        .unwrap()
        .deadlines
        .is_empty());

    // A transfer asked for after the end, in English; it shows in the export and the CSV.
    let transfer = ServiceEndInput {
        service_end: "15-11-2026".into(),
        choice: EndChoice::Transfer,
        transfer_what: "All shipment records as CSV".into(),
        requested_on: "18-11-2026".into(),
        done_on: "20-11-2026".into(),
        reason: String::new(),
    };
    service_ends::save(vault.conn(), en, &transfer, now).unwrap();
    let end = service_ends::get(vault.conn(), en).unwrap().unwrap();
    assert_eq!(end.in_time, Some(false));
    export::service_ends::generate_service_end_confirmation(vault.conn(), en, OFFICER, now)
        .unwrap();
    let end = service_ends::get(vault.conn(), en).unwrap().unwrap();
    let text = words_of(
        &dpa_desk::store::documents::pdf(vault.conn(), end.letters[0].id)
            .unwrap()
            .pdf,
    );
    for expected in [
        "Confirmation of the end of service",
        "transferred the personal data at your request",
        "All shipment records as CSV",
        "after the end of the service",
        "borne by you",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    let export = dpa_desk::export::customer::gather(vault.conn(), en, now).unwrap();
    assert_eq!(
        export.end_of_service.unwrap().done_on.unwrap().to_string(),
        "2026-11-20"
    );
    let csv = dpa_desk::export::registers::service_ends_csv(vault.conn()).unwrap();
    assert!(csv.contains("Nordic Freight AB,15-11-2026,\"overdragen, daarna wissen\",All shipment records as CSV,18-11-2026,Nee,20-11-2026"), "{csv}");
    assert!(
        csv.contains("Zorggroep Lindeboom,31-10-2026,wissen,,,,02-11-2026,Contract opgezegd"),
        "{csv}"
    );
}
