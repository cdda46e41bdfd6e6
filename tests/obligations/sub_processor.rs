//! Sub-processor changes (art. 8): objection windows from receipt, deemed consent, an objection that ends the service, the start after every window, sending all or none.

use super::*;

/// Signs the reference-like terms with another objection window.
fn sign_with_window(vault: &mut Vault, customer_id: i64, days: u32) {
    sign(
        vault,
        customer_id,
        Terms {
            objection_window_days: days,
            ..terms()
        },
    );
}

/// Announces a new sub-processor to every active customer.
fn announce_new(
    vault: &mut Vault,
    sub_processor_id: i64,
    intended_start: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    export::announcements::announce(
        vault.conn(),
        &AnnouncementInput {
            sub_processor_id,
            kind: ChangeKind::Add,
            replaces_id: None,
            intended_start: intended_start.into(),
        },
        OFFICER,
        now,
        &|_, _| {},
    )
}

/// Records the sending of every unsent notice of an announcement, by e-mail.
fn send_all(
    vault: &mut Vault,
    announcement: i64,
    sent_at: &str,
    now: DateTime<Utc>,
) -> Result<u32, AppError> {
    export::announcements::record_announcement_sending(
        vault.conn(),
        announcement,
        &SendingInput {
            sent_at: sent_at.into(),
            method: SendMethod::Email,
        },
        OFFICER,
        now,
    )
}

#[test]
fn a_change_announcement_runs_from_notices_to_deemed_consent_and_an_ended_service() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let a = add_customer(&mut vault, "Zorggroep Lindeboom", "11112222", Language::Nl);
    let b = add_customer(
        &mut vault,
        "Basisschool De Vlinder",
        "33334444",
        Language::Nl,
    );
    let c = add_customer(&mut vault, "Nordic Freight AB", "", Language::En);
    sign_with_window(&mut vault, a, 14);
    sign_with_window(&mut vault, b, 21);
    let created = at("20-10-2026 09:00");
    let sub = subprocessors::create(
        vault.conn(),
        &SubProcessorInput {
            name: "Rekenwolk Inc.".into(),
            activities: "Back-ups van de database".into(),
            country: "US".into(),
            start_date: "01-12-2026".into(),
            ..Default::default()
        },
        created,
    )
    .unwrap();
    let announcement = announce_new(&mut vault, sub, "01-12-2026", created).unwrap();
    let detail = subprocessors::detail(vault.conn(), sub, created).unwrap();
    assert!(!detail.sub_processor.eea);
    assert_eq!(detail.letters.len(), 3);
    let customers_of = |d: &dpa_desk::domain::subprocessor::SubProcessorDetail| {
        d.announcements[0]
            .customers
            .iter()
            .map(|c| {
                (
                    c.customer_id,
                    c.outcome,
                    c.window_days,
                    c.transfer_unapproved,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        customers_of(&detail),
        [
            (b, Outcome::NotSent, 21, true),
            (c, Outcome::NotSent, 14, true),
            (a, Outcome::NotSent, 14, true)
        ]
    );
    for letter in &detail.letters {
        let text = words_of(
            &dpa_desk::store::documents::pdf(vault.conn(), letter.id)
                .unwrap()
                .pdf,
        );
        let (expected, other) = match letter.language {
            Language::Nl => (
                vec![
                    "Aankondiging nieuwe subverwerker",
                    "Rekenwolk Inc.",
                    "Back-ups van de database",
                    "Verenigde Staten (buiten de EER)",
                    "01-12-2026",
                    "buiten de Europese Economische Ruimte",
                    "dagen na ontvangst van deze kennisgeving (artikel 8.2)",
                    "Ontvangt u haar op 20-10-2026",
                    "geacht te zijn verleend (artikel 8.2.1)",
                    "op de beoogde startdatum (01-12-2026) (artikel 8.2.2)",
                ],
                "Nordic",
            ),
            Language::En => (
                vec![
                    "Notice of a new sub-processor",
                    "United States (outside the EEA)",
                    "no data processing agreement signed by you",
                    "No period therefore applies",
                    "prior written authorisation (article 28(2) GDPR)",
                    "Your consent",
                    "We inform you in advance of a new sub-processor",
                ],
                "Lindeboom",
            ),
        };
        for e in expected {
            assert!(text.contains(e), "{e} missing from:\n{text}");
        }
        // No condition the agreement does not have, no window run from the sending.
        for wrong in [
            "schriftelijk en gemotiveerd",
            "in writing",
            "na verzending",
            "being sent",
        ] {
            assert!(!text.contains(wrong), "{wrong} in:\n{text}");
        }
        assert!(text.contains(&letter.customer_name) && !text.contains(other));
    }
    let window_text = words_of(
        &dpa_desk::store::documents::pdf(
            vault.conn(),
            detail
                .letters
                .iter()
                .find(|l| l.customer_id == b)
                .unwrap()
                .id,
        )
        .unwrap()
        .pdf,
    );
    assert!(
        window_text.contains("binnen 21 dagen na ontvangst")
            && window_text.contains("tot en met 10-11-2026"),
        "{window_text}"
    );

    // Sent at once; the windows follow each customer's own terms.
    let sent = send_all(
        &mut vault,
        announcement,
        "20-10-2026 10:00",
        at("20-10-2026 11:00"),
    )
    .unwrap();
    assert_eq!(sent, 3);
    let detail = subprocessors::detail(vault.conn(), sub, at("21-10-2026 09:00")).unwrap();
    let deadline = |id: i64, d: &dpa_desk::domain::subprocessor::SubProcessorDetail| {
        d.announcements[0]
            .customers
            .iter()
            .find(|x| x.customer_id == id)
            .unwrap()
            .deadline
    };
    // To the end of the local day; none without a signed agreement.
    assert_eq!(deadline(a, &detail), Some(end_of("03-11-2026")));
    assert_eq!(deadline(b, &detail), Some(end_of("10-11-2026")));
    assert_eq!(deadline(c, &detail), None);

    // Customer a objects inside its window; an answer after the window is refused.
    subprocessors::record_response(
        vault.conn(),
        announcement,
        a,
        &ResponseInput {
            objected: true,
            received_at: "30-10-2026 15:00".into(),
            reason: "Geen doorgifte naar de VS".into(),
        },
        at("31-10-2026 09:00"),
    )
    .unwrap();
    let late = subprocessors::record_response(
        vault.conn(),
        announcement,
        b,
        &ResponseInput {
            objected: true,
            received_at: "11-11-2026 00:00".into(),
            reason: "Te laat".into(),
        },
        at("12-11-2026 09:00"),
    );
    assert!(
        matches!(late, Err(AppError::Validation { fields }) if fields[0].code == FieldCode::AfterDeadline)
    );
    // Customer c has no signed agreement: its silence is no consent; its answer is.
    assert_eq!(
        customers_of(&subprocessors::detail(vault.conn(), sub, at("25-10-2026 09:00")).unwrap())[1]
            .1,
        Outcome::ConsentRequired
    );
    subprocessors::record_response(
        vault.conn(),
        announcement,
        c,
        &ResponseInput {
            objected: false,
            received_at: "25-10-2026 12:00".into(),
            reason: String::new(),
        },
        at("26-10-2026 09:00"),
    )
    .unwrap();

    // The dashboard meanwhile: the window closing first, and the objection to decide.
    let board = dashboard::get(vault.conn(), at("31-10-2026 09:00")).unwrap();
    let rows: Vec<_> = board
        .deadlines
        .iter()
        .map(|d| (d.kind, d.customers, d.due))
        .collect();
    assert_eq!(
        rows,
        [
            (DeadlineKind::ObjectionWindow, 1, end_of("10-11-2026")),
            (
                DeadlineKind::ObjectionDecision,
                1,
                at("01-12-2026") - chrono::Duration::seconds(1)
            )
        ]
    );

    // b's consent is deemed only after the last second of its last day.
    let mut outcomes = |now: DateTime<Utc>| {
        customers_of(&subprocessors::detail(vault.conn(), sub, now).unwrap())
            .iter()
            .map(|x| (x.0, x.1))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        outcomes(end_of("10-11-2026")),
        [
            (b, Outcome::Pending),
            (c, Outcome::Consented),
            (a, Outcome::Objected)
        ]
    );
    assert_eq!(
        outcomes(end_of("10-11-2026") + chrono::Duration::seconds(1))[0],
        (b, Outcome::DeemedConsent)
    );

    // The service to a ends at the intended start.
    subprocessors::decide(
        vault.conn(),
        announcement,
        a,
        Decision::ServiceEnds,
        OFFICER,
        at("04-11-2026 09:00"),
    )
    .unwrap();
    assert_eq!(
        customers::get(vault.conn(), a)
            .unwrap()
            .service_end
            .unwrap()
            .to_string(),
        "2026-12-01"
    );
    // ... and its end of service is open: erasure due on the last day, on the dashboard.
    let end = dpa_desk::store::service_ends::get(vault.conn(), a)
        .unwrap()
        .unwrap();
    assert_eq!(
        end.record.reason,
        "Bezwaar tegen subverwerker Rekenwolk Inc. (art. 8.2.2)"
    );
    assert_eq!(end.record.service_end.to_string(), "2026-12-01");
    let board = dashboard::get(vault.conn(), at("04-11-2026 09:00")).unwrap();
    assert!(board
        .deadlines
        .iter()
        .any(|d| d.kind == DeadlineKind::ServiceEnd && d.target == Target::Customer(a)));
    let again = subprocessors::decide(
        vault.conn(),
        announcement,
        a,
        Decision::Resolved,
        OFFICER,
        at("04-11-2026 09:00"),
    );
    assert!(matches!(again, Err(AppError::Validation { .. })));
    let rows = subprocessors::list(vault.conn(), at("11-11-2026 09:00")).unwrap();
    assert_eq!(
        (rows[0].approving, rows[0].objected, rows[0].pending),
        (2, 1, 0)
    );

    // Per customer: approved sub-processors, the non-EEA flag.
    let of_c = subprocessors::for_customer(vault.conn(), c, at("11-11-2026 09:00")).unwrap();
    assert_eq!(of_c.len(), 1);
    assert!(of_c[0].approved() && of_c[0].transfer_unapproved);
    let of_a = subprocessors::for_customer(vault.conn(), a, at("11-11-2026 09:00")).unwrap();
    assert!(!of_a[0].approved());
    // The register as CSV: one row per customer with its outcome.
    let csv = dpa_desk::export::registers::sub_processors_csv(vault.conn(), at("11-11-2026 09:00"))
        .unwrap();
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(
        lines.iter().any(|l| l
            .contains("Zorggroep Lindeboom,14,20-10-2026 10:00,03-11-2026 23:59,dienst eindigt")),
        "{csv}"
    );
    assert!(
        lines.iter().any(|l| l.contains(
            "Nordic Freight AB,geen ondertekende overeenkomst,20-10-2026 10:00,,akkoord"
        )),
        "{csv}"
    );

    // The customer export's annex names the approved sub-processor with its flag.
    let export =
        dpa_desk::export::customer::gather(vault.conn(), c, at("11-11-2026 09:00")).unwrap();
    assert_eq!(export.sub_processors.len(), 1);
    let text = words_of(&dpa_desk::documents::agreement::render_agreement(&export).unwrap());
    assert!(text.contains("Approved sub-processors"), "{text}");
    assert!(
        text.contains(
            "Rekenwolk Inc.: Back-ups van de database (US; announced and accepted) – outside"
        ),
        "{text}"
    );
    let of_a = dpa_desk::export::customer::gather(vault.conn(), a, at("11-11-2026 09:00")).unwrap();
    assert!(of_a.sub_processors.is_empty());
    assert_eq!(
        dashboard::get(vault.conn(), at("11-11-2026 09:00"))
            .unwrap()
            .deadlines
            .iter()
            .map(|d| d.kind)
            .collect::<Vec<_>>(),
        [DeadlineKind::ServiceEnd]
    );
}

#[test]
fn the_start_must_follow_every_window_and_a_later_receipt_moves_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let short = add_customer(&mut vault, "Apotheek Zonnedauw", "55556666", Language::Nl);
    let long = add_customer(
        &mut vault,
        "Basisschool De Vlinder",
        "33334444",
        Language::Nl,
    );
    sign_with_window(&mut vault, short, 14);
    sign_with_window(&mut vault, long, 21);
    let created = at("20-10-2026 09:00");
    let sub = subprocessors::create(
        vault.conn(),
        &SubProcessorInput {
            name: "Mailhuis B.V.".into(),
            activities: "Verzending van e-mail".into(),
            country: "NL".into(),
            ..Default::default()
        },
        created,
    )
    .unwrap();
    // Received today, the longest window (21 days) ends on 10 November: the start must lie
    // after it.
    let refused = announce_new(&mut vault, sub, "10-11-2026", created);
    assert!(
        matches!(&refused, Err(AppError::Validation { fields }) if fields[0].field == "intended_start"
            && fields[0].code == FieldCode::WithinNoticePeriod),
        "{refused:?}"
    );
    let announcement = announce_new(&mut vault, sub, "11-11-2026", created).unwrap();
    // Sent five days later, the long window would end on 15 November, after the start: the
    // sending is refused, naming that customer only, and nothing is recorded.
    let sending_now = at("26-10-2026 09:00");
    let blocked = send_all(&mut vault, announcement, "25-10-2026 10:00", sending_now);
    let Err(AppError::Validation { fields }) = blocked else {
        panic!("{blocked:?}")
    };
    assert_eq!(
        fields
            .iter()
            .map(|f| (f.field.as_str(), f.code))
            .collect::<Vec<_>>(),
        [(
            format!("customer.{long}.sent_at").as_str(),
            FieldCode::WithinNoticePeriod
        )]
    );
    let detail = subprocessors::detail(vault.conn(), sub, at("26-10-2026 09:00")).unwrap();
    assert!(detail.announcements[0]
        .customers
        .iter()
        .all(|c| c.sent_at.is_none()));
    // Sent on the day it was made, both windows end before the start.
    assert_eq!(
        send_all(&mut vault, announcement, "20-10-2026 10:00", sending_now).unwrap(),
        2
    );

    // The short customer received it two days later: its window runs from then.
    let mut receipt = |typed: &str, now: &str| {
        subprocessors::record_receipt(vault.conn(), announcement, short, typed, at(now))
    };
    assert!(matches!(
        receipt("19-10-2026 10:00", "26-10-2026 09:00"),
        Err(AppError::Validation { .. })
    ));
    receipt("22-10-2026 08:30", "26-10-2026 09:00").unwrap();
    let mut of_short = |now: &str| {
        subprocessors::detail(vault.conn(), sub, at(now))
            .unwrap()
            .announcements[0]
            .customers
            .iter()
            .find(|c| c.customer_id == short)
            .unwrap()
            .clone()
    };
    let moved = of_short("26-10-2026 09:00");
    assert_eq!(
        (moved.received_at, moved.deadline, moved.window_past_start),
        (
            Some(at("22-10-2026 08:30")),
            Some(end_of("05-11-2026")),
            false
        )
    );
    assert_eq!(of_short("05-11-2026 23:00").outcome, Outcome::Pending);
    assert_eq!(of_short("06-11-2026 00:00").outcome, Outcome::DeemedConsent);
    // A receipt recorded after the customer answered is refused.
    subprocessors::record_response(
        vault.conn(),
        announcement,
        long,
        &ResponseInput {
            objected: false,
            received_at: "27-10-2026 10:00".into(),
            reason: String::new(),
        },
        at("27-10-2026 11:00"),
    )
    .unwrap();
    assert!(matches!(
        subprocessors::record_receipt(
            vault.conn(),
            announcement,
            long,
            "23-10-2026 10:00",
            at("27-10-2026 11:00")
        ),
        Err(AppError::Validation { .. })
    ));
}

#[test]
fn sending_is_recorded_for_all_or_none_and_names_a_customer_nobody_receives_notices_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let with = add_customer(&mut vault, "Zorggroep Lindeboom", "11112222", Language::Nl);
    let mut input = customer("Stichting Zonder Contact", "55556666");
    input.contacts.clear();
    let without = customers::create(vault.conn(), &input, at("01-10-2026 09:00"))
        .unwrap()
        .id;
    let now = at("24-11-2026 12:00");
    let sub = subprocessors::create(
        vault.conn(),
        &SubProcessorInput {
            name: "Postkamer B.V.".into(),
            activities: "Printen en verzenden".into(),
            country: "NL".into(),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    let input = AnnouncementInput {
        sub_processor_id: sub,
        kind: ChangeKind::Add,
        replaces_id: None,
        intended_start: "01-01-2027".into(),
    };
    let announcement =
        export::announcements::announce(vault.conn(), &input, OFFICER, now, &|_, _| {}).unwrap();
    let sending = SendingInput {
        sent_at: "24-11-2026 12:00".into(),
        method: SendMethod::Post,
    };
    let refused = export::announcements::record_announcement_sending(
        vault.conn(),
        announcement,
        &sending,
        OFFICER,
        now,
    );
    assert!(
        matches!(&refused, Err(AppError::Validation { fields }) if fields.len() == 1 && fields[0].field == format!("customer.{without}.recipients")),
        "{refused:?}"
    );
    let detail = subprocessors::detail(vault.conn(), sub, now).unwrap();
    assert!(detail.letters.iter().all(|l| l.deliveries.is_empty()));
    assert!(detail.sub_processor.eea);
    assert!(detail.announcements[0]
        .customers
        .iter()
        .all(|c| !c.transfer_unapproved && c.outcome == Outcome::NotSent));
    // An announcement too close to the start, for the longest window, is refused.
    let soon = AnnouncementInput {
        intended_start: "07-12-2026".into(),
        ..input
    };
    assert!(
        export::announcements::announce(vault.conn(), &soon, OFFICER, now, &|_, _| {}).is_err()
    );
    let _ = with;
}
