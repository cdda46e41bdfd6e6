//! Transfers outside the EEA (art. 2.5): an approval closes the gap for that customer only.

use super::*;

#[test]
fn an_approved_transfer_closes_the_gap_for_that_customer_only_until_it_is_withdrawn() {
    use dpa_desk::domain::transfer::{TransferInput, TransferMechanism};
    use dpa_desk::store::transfers;
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let a = add_customer(&mut vault, "Zorggroep Lindeboom", "11112222", Language::Nl);
    let b = add_customer(&mut vault, "Nordic Freight AB", "", Language::En);
    let now = at("24-11-2026 12:00");
    let new_sub = |vault: &mut Vault, name: &str, country: &str| {
        subprocessors::create(
            vault.conn(),
            &SubProcessorInput {
                name: name.into(),
                activities: "Opslag".into(),
                country: country.into(),
                ..Default::default()
            },
            now,
        )
        .unwrap()
    };
    let us = new_sub(&mut vault, "Rekenwolk Inc.", "US");
    new_sub(&mut vault, "Postkamer B.V.", "NL");
    let announcement = export::announcements::announce(
        vault.conn(),
        &AnnouncementInput {
            sub_processor_id: us,
            kind: ChangeKind::Add,
            replaces_id: None,
            intended_start: "01-01-2027".into(),
        },
        OFFICER,
        now,
        &|_, _| {},
    )
    .unwrap();
    let gap_pairs = |vault: &mut Vault| -> Vec<(i64, i64)> {
        transfers::gaps(vault.conn(), None, now, None)
            .unwrap()
            .iter()
            .map(|g| (g.customer_id, g.sub_processor_id))
            .collect()
    };
    assert_eq!(gap_pairs(&mut vault), [(b, us), (a, us)]);

    let approval = TransferInput {
        customer_id: a,
        sub_processor_id: Some(us),
        recipient: "Rekenwolk Inc.".into(),
        country: "US".into(),
        mechanism: TransferMechanism::StandardContractualClauses,
        mechanism_detail: "SCC module 3".into(),
        approved_on: "20-11-2026".into(),
        reference: "Brief van 20-11-2026".into(),
    };
    let inside = TransferInput {
        country: "DE".into(),
        ..approval.clone()
    };
    assert!(
        matches!(transfers::create(vault.conn(), &inside, now), Err(AppError::Validation { fields }) if fields[0].code == FieldCode::InsideEea)
    );
    let id = transfers::create(vault.conn(), &approval, now).unwrap();
    assert_eq!(gap_pairs(&mut vault), [(b, us)]);
    let flags: Vec<(i64, bool)> = subprocessors::detail(vault.conn(), us, now)
        .unwrap()
        .announcements[0]
        .customers
        .iter()
        .map(|c| (c.customer_id, c.transfer_unapproved))
        .collect();
    assert_eq!(flags, [(b, true), (a, false)]);
    assert!(!subprocessors::for_customer(vault.conn(), a, now)
        .unwrap()
        .iter()
        .any(|s| s.transfer_unapproved));
    let _ = announcement;

    // The export's annex names it; the register CSV has the approval and the gap.
    let export = dpa_desk::export::customer::gather(vault.conn(), a, now).unwrap();
    assert_eq!(export.transfers.len(), 1);
    let text = words_of(&dpa_desk::documents::agreement::render_agreement(&export).unwrap());
    assert!(
        text.contains("Goedgekeurde doorgiften buiten de EER"),
        "{text}"
    );
    assert!(
        text.contains(
            "Rekenwolk Inc. (US): modelcontractbepalingen (SCC), SCC module 3; goedgekeurd"
        ),
        "{text}"
    );
    let csv = dpa_desk::export::registers::transfers_csv(vault.conn(), now).unwrap();
    assert!(csv.contains("Zorggroep Lindeboom,Rekenwolk Inc.,US,goedgekeurd,modelcontractbepalingen (SCC),SCC module 3,20-11-2026"), "{csv}");
    assert!(
        csv.contains("Nordic Freight AB,Rekenwolk Inc.,US,geen goedkeuring"),
        "{csv}"
    );

    // Withdrawn: the gap is back, the approval is kept with its date.
    assert!(transfers::withdraw(vault.conn(), id, "19-11-2026", now).is_err());
    transfers::withdraw(vault.conn(), id, "23-11-2026", now).unwrap();
    assert!(transfers::withdraw(vault.conn(), id, "24-11-2026", now).is_err());
    assert_eq!(gap_pairs(&mut vault), [(b, us), (a, us)]);
    assert_eq!(
        transfers::list(vault.conn(), Some(a)).unwrap()[0]
            .withdrawn_on
            .unwrap()
            .to_string(),
        "2026-11-23"
    );
    assert!(dpa_desk::export::customer::gather(vault.conn(), a, now)
        .unwrap()
        .transfers
        .is_empty());
}
