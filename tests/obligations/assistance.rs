//! Assistance (art. 7): due within the customer's month, adding up to what to invoice.

use super::*;

#[test]
fn assistance_is_due_within_the_customers_month_and_adds_up_to_what_to_invoice() {
    use dpa_desk::domain::assistance::{AssistanceInput, AssistanceKind, AssistanceStatus};
    use dpa_desk::store::assistance;
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let customer = add_customer(&mut vault, "Zorggroep Lindeboom", "11112222", Language::Nl);
    let now = at("24-11-2026 12:00");
    let access = AssistanceInput {
        kind: AssistanceKind::Access,
        received_at: "02-11-2026 09:00".into(),
        reference: "AVG-2026-044".into(),
        summary: "Inzageverzoek van een cliënt: alle gegevens in het dossier".into(),
        ..Default::default()
    };
    let id = assistance::create(vault.conn(), customer, &access, now).unwrap();
    let complaint = AssistanceInput {
        kind: AssistanceKind::Complaint,
        received_at: "20-11-2026 16:00".into(),
        summary: "Klacht over een te laat verwijderd account".into(),
        taken_over: true,
        ..Default::default()
    };
    let other = assistance::create(vault.conn(), customer, &complaint, now).unwrap();
    assert!(
        assistance::get(vault.conn(), other)
            .unwrap()
            .record
            .taken_over
    );

    // Only the data subject's request has a due date: the customer's month.
    let board = dashboard::get(vault.conn(), now).unwrap();
    let rows: Vec<_> = board
        .deadlines
        .iter()
        .map(|d| (d.kind, d.due, d.overdue, d.target))
        .collect();
    assert_eq!(
        rows,
        [(
            DeadlineKind::AssistanceDue,
            parse_moment("02-12-2026").unwrap().latest(),
            false,
            Target::Customer(customer)
        )]
    );

    // Bad input is refused whole: nothing changes.
    let wrong = AssistanceInput {
        handled_on: "25-11-2026".into(),
        hours: "twee".into(),
        ..access.clone()
    };
    assert_eq!(
        refused(assistance::update(vault.conn(), id, &wrong, now)),
        [
            ("handled_on".into(), FieldCode::InFuture),
            ("hours".into(), FieldCode::InvalidNumber),
        ]
    );
    assert_eq!(
        assistance::get(vault.conn(), id).unwrap().status,
        AssistanceStatus::Open
    );
    let handled = AssistanceInput {
        handled_on: "10-11-2026".into(),
        hours: "2,25".into(),
        costs: "213,75".into(),
        ..access
    };
    assistance::update(vault.conn(), id, &handled, now).unwrap();
    assert_eq!(
        assistance::get(vault.conn(), id).unwrap().status,
        AssistanceStatus::ToInvoice
    );
    assert!(dashboard::get(vault.conn(), now)
        .unwrap()
        .deadlines
        .is_empty());

    let export = dpa_desk::export::customer::gather(vault.conn(), customer, now).unwrap();
    let text = words_of(&dpa_desk::documents::agreement::render_agreement(&export).unwrap());
    for expected in [
        "Bijstand",
        "02-11-2026 09:00, inzage: Inzageverzoek van een cliënt",
        "afgehandeld op 10-11-2026; 2,25 uur; € 213,75",
        "20-11-2026 16:00, klacht of vordering: Klacht over een te laat verwijderd account",
        "Totaal: 2,25 uur, € 213,75",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    let csv = dpa_desk::export::registers::assistance_csv(vault.conn()).unwrap();
    assert!(
        csv.contains("Zorggroep Lindeboom,inzage,02-11-2026 09:00,AVG-2026-044,Inzageverzoek van een cliënt: alle gegevens in het dossier,02-12-2026,10-11-2026,\"2,25\",\"213,75\",,Nee,te factureren"),
        "{csv}"
    );
    assert!(
        csv.contains(
            "klacht of vordering,20-11-2026 16:00,,Klacht over een te laat verwijderd account,,,,,,Ja,open"
        ),
        "{csv}"
    );
}
