//! Instructions (art. 2.4): one in doubt is suspended, told to the customer and cleared.

use super::*;

#[test]
fn an_instruction_in_doubt_is_suspended_told_to_the_customer_and_cleared() {
    use dpa_desk::domain::instruction::{InstructionChannel, InstructionInput, InstructionStatus};
    use dpa_desk::store::instructions;
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    // The fixture's one contact is designated; a second one is not.
    let mut input = customer("Zorggroep Lindeboom", "11112222");
    let mut other = input.contacts[0].clone();
    other.name = "Piet Stagiair".into();
    other.email = "piet@lindeboom.example".into();
    other.designated_for_instructions = false;
    other.receives_notices = false;
    input.contacts.push(other);
    let customer = customers::create(vault.conn(), &input, at("01-10-2026 09:00")).unwrap();
    let (designated, not_designated) = (customer.contacts[0].id, customer.contacts[1].id);
    let other_customer = add_customer(&mut vault, "Nordic Freight AB", "", Language::En);
    let now = at("24-11-2026 12:00");

    let typed = InstructionInput {
        received_at: "23-11-2026 09:30".into(),
        contact_id: Some(not_designated),
        channel: InstructionChannel::Phone,
        summary: "Alle dossiers ouder dan zeven jaar direct verwijderen".into(),
        attachment_reference: "Telefoonnotitie 23-11".into(),
        doubt: true,
        doubt_reason: "Voor een deel geldt een wettelijke bewaarplicht van vijftien jaar".into(),
        ..Default::default()
    };
    // A contact of another customer is refused.
    let stranger = customers::get(vault.conn(), other_customer)
        .unwrap()
        .contacts[0]
        .id;
    assert!(instructions::create(
        vault.conn(),
        customer.id,
        &InstructionInput {
            contact_id: Some(stranger),
            ..typed.clone()
        },
        now
    )
    .is_err());
    let id = instructions::create(vault.conn(), customer.id, &typed, now).unwrap();
    let logged = instructions::get(vault.conn(), id).unwrap();
    assert_eq!(
        (logged.status, logged.from.as_str(), logged.from_designated),
        (InstructionStatus::Suspended, "Piet Stagiair", false)
    );
    let board = dashboard::get(vault.conn(), now).unwrap();
    assert_eq!(
        board
            .deadlines
            .iter()
            .map(|d| (d.kind, d.due, d.overdue))
            .collect::<Vec<_>>(),
        [(DeadlineKind::InstructionDoubt, at("24-11-2026 09:30"), true)]
    );

    export::instructions::generate_doubt_notice(vault.conn(), id, OFFICER, now).unwrap();
    let logged = instructions::get(vault.conn(), id).unwrap();
    let pdf = dpa_desk::store::documents::pdf(vault.conn(), logged.letters[0].id)
        .unwrap()
        .pdf;
    assert!(tool("qpdf", &["--check"], &pdf).0);
    let text = words_of(&pdf);
    for expected in [
        "Twijfel over uw instructie",
        "23-11-2026 09:30",
        "Piet Stagiair",
        "Alle dossiers ouder dan zeven jaar direct verwijderen",
        "wettelijke bewaarplicht van vijftien jaar",
        "schorten wij de verwerking",
        "niet van een contactpersoon die u heeft aangewezen",
        "per e-mail gegeven",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }

    // Cleared: no longer on the dashboard, and no new doubt notice can be made.
    let cleared = InstructionInput {
        contact_id: Some(designated),
        channel: InstructionChannel::Email,
        resolved_on: "24-11-2026".into(),
        resolution: "De klant beperkt de instructie tot dossiers zonder bewaarplicht".into(),
        ..typed
    };
    instructions::update(vault.conn(), id, &cleared, now).unwrap();
    assert_eq!(
        instructions::get(vault.conn(), id).unwrap().status,
        InstructionStatus::Resolved
    );
    assert!(dashboard::get(vault.conn(), now)
        .unwrap()
        .deadlines
        .is_empty());
    assert!(export::instructions::generate_doubt_notice(vault.conn(), id, OFFICER, now).is_err());

    // In the export's annex and the register.
    let export = dpa_desk::export::customer::gather(vault.conn(), customer.id, now).unwrap();
    let text = words_of(&dpa_desk::documents::agreement::render_agreement(&export).unwrap());
    assert!(
        text.contains("Instructies") && text.contains("twijfel opgelost"),
        "{text}"
    );
    let csv = dpa_desk::export::registers::instructions_csv(vault.conn()).unwrap();
    assert!(
        csv.contains("Zorggroep Lindeboom,23-11-2026 09:30,Anna de Vries,Ja,email,Alle dossiers"),
        "{csv}"
    );
}
