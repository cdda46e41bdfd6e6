//! The processor's obligations on a real encrypted vault: audits and sub-processor changes
//! (notice periods and objection windows from each customer's own agreement version, deemed
//! consent, an objection that ends the service), transfers outside the EEA, the end of
//! service and instructions; the notices' text in both languages, the dashboard, the export
//! annex and the CSV registers.

mod common;

use chrono::{DateTime, Utc};
use common::*;
use dpa_desk::domain::agreement::Terms;
use dpa_desk::domain::audit::{AuditInput, AuditStatus, MeasureInput, MeasureOwner};
use dpa_desk::domain::customer::{validate_customer, Language};
use dpa_desk::domain::deadlines::{DeadlineKind, Target};
use dpa_desk::domain::document::{DocumentKind, SendMethod, SendingInput};
use dpa_desk::domain::subprocessor::{
    AnnouncementInput, ChangeKind, Decision, Outcome, ResponseInput, SubProcessorInput,
};
use dpa_desk::domain::time::parse_moment;
use dpa_desk::domain::validation::FieldCode;
use dpa_desk::error::AppError;
use dpa_desk::export::letters;
use dpa_desk::store::{audits, customers, dashboard, subprocessors, Vault};

const OFFICER: &str = "Fatima El Amrani";

fn at(text: &str) -> DateTime<Utc> {
    parse_moment(text).unwrap().earliest()
}

/// The last second of a local day: where an objection window ends (art. 8.2).
fn end_of(day: &str) -> DateTime<Utc> {
    at(&format!("{day} 23:59")) + chrono::Duration::seconds(59)
}

fn add_customer(vault: &mut Vault, name: &str, kvk: &str, language: Language) -> i64 {
    let mut input = customer_input(name, kvk);
    input.notice_language = language;
    customers::create(
        vault.conn(),
        &validate_customer(&input).unwrap(),
        at("01-10-2026 09:00"),
    )
    .unwrap()
    .id
}

fn audit_input(customer_id: i64) -> AuditInput {
    AuditInput {
        customer_id,
        received_at: "02-11-2026 10:00".into(),
        requested_date: "20-11-2026".into(),
        auditor_firm: "Toetsing & Co".into(),
        auditor_name: "R. Kramer RE".into(),
        auditor_registered: true,
        auditor_confidential: true,
        information: "Toegangslogboeken en het wachtwoordbeleid".into(),
        locations: "Datacentrum Zwolle".into(),
        reason: "Jaarlijkse controle".into(),
        ..Default::default()
    }
}

#[test]
fn an_audit_too_soon_is_acknowledged_on_the_first_allowed_date_in_the_customers_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let nl = add_customer(&mut vault, "Zorggroep Lindeboom", "11112222", Language::Nl);
    let en = add_customer(&mut vault, "Nordic Freight AB", "", Language::En);
    sign(
        &mut vault,
        nl,
        Terms {
            audit_notice_days: 30,
            objection_window_days: 14,
            ..terms()
        },
    );
    let now = at("24-11-2026 12:00");

    let id = audits::create(vault.conn(), &audit_input(nl), now).unwrap();
    let audit = audits::get(vault.conn(), id).unwrap();
    assert!(audit.period.requested_too_soon);
    assert_eq!(audit.period.first_allowed_date.to_string(), "2026-12-02");
    assert!(audit.period.from_agreement);
    // Not yet: no agreed date.
    let refused = letters::generate_audit_letter(
        vault.conn(),
        id,
        DocumentKind::AuditAcknowledgement,
        OFFICER,
        now,
    );
    assert!(
        matches!(refused, Err(AppError::Validation { fields }) if fields[0].field == "planned_date")
    );
    // The requested date is refused as the agreed date too; the proposed one is accepted.
    let mut input = AuditInput {
        planned_date: "20-11-2026".into(),
        status: AuditStatus::Planned,
        ..audit_input(nl)
    };
    audits::update(vault.conn(), id, &input, now).unwrap();
    let refused = letters::generate_audit_letter(
        vault.conn(),
        id,
        DocumentKind::AuditAcknowledgement,
        OFFICER,
        now,
    );
    assert!(
        matches!(refused, Err(AppError::Validation { fields }) if fields[0].code == FieldCode::WithinNoticePeriod)
    );
    input.planned_date = "02-12-2026".into();
    audits::update(vault.conn(), id, &input, now).unwrap();
    letters::generate_audit_letter(
        vault.conn(),
        id,
        DocumentKind::AuditAcknowledgement,
        OFFICER,
        now,
    )
    .unwrap();

    let audit = audits::get(vault.conn(), id).unwrap();
    assert_eq!(audit.letters.len(), 1);
    let letter = &audit.letters[0];
    assert_eq!(
        letter.file_name,
        format!(
            "audit-bevestiging-{}-Zorggroep-Lindeboom-{nl}.pdf",
            audit.number
        )
    );
    assert_eq!(
        letter.default_recipients,
        "Anna de Vries <anna@klant.example>"
    );
    let pdf = dpa_desk::store::documents::pdf(vault.conn(), letter.id)
        .unwrap()
        .pdf;
    assert!(tool("qpdf", &["--check"], &pdf).0);
    let text = words_of(&pdf);
    for expected in [
        "Bevestiging van uw auditverzoek",
        "Zorggroep Lindeboom (KvK 11112222)",
        "Bevestigde auditdatum",
        "02-12-2026",
        "20-11-2026",
        "Toetsing & Co",
        "R. Kramer RE",
        "Register-EDP-auditor (RE)",
        "Toegangslogboeken en het wachtwoordbeleid",
        "Datacentrum Zwolle",
        "minstens 30 dagen vóór de gewenste datum",
        "Register EDP-auditor die aan geheimhouding gebonden is",
        "u draagt de kosten van de audit",
        "richtlijnen voor informatiebeveiliging",
        "eerstmogelijke datum is 02-12-2026. Die datum bevestigen wij hierbij.",
        "uw eigen auditors en/of de Autoriteit Persoonsgegevens",
        "privacy@wolkwerk.example",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    // Nothing narrower than 5.8 or wider than 5.7, nothing the agreement does not say.
    for wrong in [
        "tussen u en ons",
        "eigen inzet",
        "begeleid",
        "andere klanten",
    ] {
        assert!(!text.contains(wrong), "{wrong} in:\n{text}");
    }
    // Another date agreed: the earliest date is named, not confirmed.
    input.planned_date = "09-12-2026".into();
    audits::update(vault.conn(), id, &input, now).unwrap();
    let second = letters::generate_audit_letter(
        vault.conn(),
        id,
        DocumentKind::AuditAcknowledgement,
        OFFICER,
        now,
    )
    .unwrap();
    let text = words_of(
        &dpa_desk::store::documents::pdf(vault.conn(), second)
            .unwrap()
            .pdf,
    );
    assert!(
        text.contains("eerstmogelijke datum is 02-12-2026. In overleg is de hierboven bevestigde datum afgesproken.")
            && text.contains("09-12-2026")
            && !text.contains("Die datum bevestigen wij"),
        "{text}"
    );
    input.planned_date = "02-12-2026".into();
    audits::update(vault.conn(), id, &input, now).unwrap();

    // English, without a signed agreement: the default period, said so.
    let id = audits::create(
        vault.conn(),
        &AuditInput {
            planned_date: "10-12-2026".into(),
            status: AuditStatus::Received,
            ..audit_input(en)
        },
        now,
    )
    .unwrap();
    letters::generate_audit_letter(
        vault.conn(),
        id,
        DocumentKind::AuditAcknowledgement,
        OFFICER,
        now,
    )
    .unwrap();
    let audit = audits::get(vault.conn(), id).unwrap();
    assert!(!audit.period.from_agreement);
    let text = words_of(
        &dpa_desk::store::documents::pdf(vault.conn(), audit.letters[0].id)
            .unwrap()
            .pdf,
    );
    for expected in [
        "Acknowledgement of your audit request",
        "Confirmed audit date",
        "10-12-2026",
        "we ask for at least 30 days' notice",
        "Registered EDP auditor",
        "Bound to confidentiality",
        "you bear the costs of the audit",
        "During the audit (article 5.5)",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert!(!text.contains("Zorggroep"));

    // Findings and measures after the audit.
    let mut input = AuditInput {
        planned_date: "10-12-2026".into(),
        ..audit_input(en)
    };
    for status in [
        AuditStatus::Planned,
        AuditStatus::InProgress,
        AuditStatus::FindingsDiscussed,
    ] {
        input.status = status;
        input.findings = "Two admin accounts without MFA.".into();
        audits::update(vault.conn(), id, &input, at("15-12-2026 12:00")).unwrap();
    }
    input.status = AuditStatus::MeasuresAgreed;
    input.measures = vec![MeasureInput {
        description: "Enforce MFA for admins".into(),
        owner: MeasureOwner::Processor,
        due_date: "15-01-2027".into(),
        done: false,
    }];
    input.costs = "1.250,00".into();
    audits::update(vault.conn(), id, &input, at("15-12-2026 12:00")).unwrap();
    letters::generate_audit_letter(
        vault.conn(),
        id,
        DocumentKind::AuditFindings,
        OFFICER,
        at("15-12-2026 12:00"),
    )
    .unwrap();
    let audit = audits::get(vault.conn(), id).unwrap();
    let findings = audit
        .letters
        .iter()
        .find(|l| l.kind == DocumentKind::AuditFindings)
        .unwrap();
    let text = words_of(
        &dpa_desk::store::documents::pdf(vault.conn(), findings.id)
            .unwrap()
            .pdf,
    );
    for expected in [
        "Audit: findings and measures",
        "Two admin accounts without MFA.",
        "Enforce MFA for admins (by: processor, due 15-01-2027)",
        "€ 1,250.00",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }

    // The register as CSV: the first audit, and the second with its measure.
    let csv = dpa_desk::export::registers::audits_csv(vault.conn()).unwrap();
    assert!(
        csv.contains("Enforce MFA for admins,verwerker,15-01-2027,nee"),
        "{csv}"
    );
    assert!(csv.contains("Zorggroep Lindeboom,02-11-2026 10:00,20-11-2026,02-12-2026,30,02-12-2026,nee,Toetsing & Co"), "{csv}");

    // The dashboard shows the open measure and the first audit's date.
    let board = dashboard::get(vault.conn(), at("15-12-2026 12:00")).unwrap();
    let kinds: Vec<_> = board
        .deadlines
        .iter()
        .map(|d| (d.kind, d.target, d.overdue))
        .collect();
    assert!(
        kinds.contains(&(DeadlineKind::MeasureDue, Target::Audit(id), false)),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(DeadlineKind::AuditDate, Target::Audit(id - 1), true)),
        "{kinds:?}"
    );
}

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
    letters::announce(
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
    letters::record_announcement_sending(
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
fn kept_notices_cannot_be_changed_or_removed() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let a = add_customer(&mut vault, "Zorggroep Lindeboom", "11112222", Language::Nl);
    let now = at("24-11-2026 12:00");
    let id = audits::create(
        vault.conn(),
        &AuditInput {
            planned_date: "30-12-2026".into(),
            ..audit_input(a)
        },
        now,
    )
    .unwrap();
    let letter = letters::generate_audit_letter(
        vault.conn(),
        id,
        DocumentKind::AuditAcknowledgement,
        OFFICER,
        now,
    )
    .unwrap();
    let mut refused = |sql: &str| vault.conn().execute(sql, [letter]).unwrap_err().to_string();
    assert!(refused("UPDATE documents SET file_name = 'x' WHERE id = ?1").contains("immutable"));
    assert!(refused("DELETE FROM documents WHERE id = ?1").contains("kept"));
    // Bytes altered behind the app's back (triggers dropped) are refused when saved.
    vault
        .conn()
        .execute_batch("DROP TRIGGER documents_immutable")
        .unwrap();
    vault
        .conn()
        .execute(
            "UPDATE documents SET pdf = CAST(x'00' || pdf AS BLOB) WHERE id = ?1",
            [letter],
        )
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    assert!(matches!(
        dpa_desk::export::documents::save_document(vault.conn(), letter, out.path()),
        Err(AppError::NoticeAltered)
    ));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
    // A second acknowledgement is version 2; the first stays.
    letters::generate_audit_letter(
        vault.conn(),
        id,
        DocumentKind::AuditAcknowledgement,
        OFFICER,
        now,
    )
    .unwrap();
    let versions: Vec<u32> = audits::get(vault.conn(), id)
        .unwrap()
        .letters
        .iter()
        .map(|l| l.version)
        .collect();
    assert_eq!(versions, [1, 2]);
}

#[test]
fn sending_is_recorded_for_all_or_none_and_names_a_customer_nobody_receives_notices_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let with = add_customer(&mut vault, "Zorggroep Lindeboom", "11112222", Language::Nl);
    let mut input = customer_input("Stichting Zonder Contact", "55556666");
    input.contacts.clear();
    let without = customers::create(
        vault.conn(),
        &validate_customer(&input).unwrap(),
        at("01-10-2026 09:00"),
    )
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
    let announcement = letters::announce(vault.conn(), &input, OFFICER, now, &|_, _| {}).unwrap();
    let sending = SendingInput {
        sent_at: "24-11-2026 12:00".into(),
        method: SendMethod::Post,
    };
    let refused =
        letters::record_announcement_sending(vault.conn(), announcement, &sending, OFFICER, now);
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
    assert!(letters::announce(vault.conn(), &soon, OFFICER, now, &|_, _| {}).is_err());
    let _ = with;
}

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
    let announcement = letters::announce(
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
    assert!(csv.contains("Zorggroep Lindeboom,Rekenwolk Inc.,US,goedgekeurd,modelcontractbepalingen,SCC module 3,20-11-2026"), "{csv}");
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
        letters::generate_service_end_confirmation(vault.conn(), nl, OFFICER, now),
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
    letters::generate_service_end_confirmation(vault.conn(), nl, OFFICER, now).unwrap();
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
    letters::generate_service_end_confirmation(vault.conn(), en, OFFICER, now).unwrap();
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
    assert!(csv.contains("Nordic Freight AB,15-11-2026,overdragen,All shipment records as CSV,18-11-2026,nee,20-11-2026"), "{csv}");
    assert!(
        csv.contains("Zorggroep Lindeboom,31-10-2026,wissen,,,,02-11-2026,Contract opgezegd"),
        "{csv}"
    );
}

#[test]
fn an_instruction_in_doubt_is_suspended_told_to_the_customer_and_cleared() {
    use dpa_desk::domain::instruction::{InstructionChannel, InstructionInput, InstructionStatus};
    use dpa_desk::store::instructions;
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    // The fixture's one contact is designated; a second one is not.
    let mut input = customer_input("Zorggroep Lindeboom", "11112222");
    let mut other = input.contacts[0].clone();
    other.name = "Piet Stagiair".into();
    other.email = "piet@lindeboom.example".into();
    other.designated_for_instructions = false;
    other.receives_notices = false;
    input.contacts.push(other);
    let customer = customers::create(
        vault.conn(),
        &validate_customer(&input).unwrap(),
        at("01-10-2026 09:00"),
    )
    .unwrap();
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

    letters::generate_doubt_notice(vault.conn(), id, OFFICER, now).unwrap();
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
    assert!(letters::generate_doubt_notice(vault.conn(), id, OFFICER, now).is_err());

    // In the export's annex and the register.
    let export = dpa_desk::export::customer::gather(vault.conn(), customer.id, now).unwrap();
    let text = words_of(&dpa_desk::documents::agreement::render_agreement(&export).unwrap());
    assert!(
        text.contains("Instructies") && text.contains("twijfel opgelost"),
        "{text}"
    );
    let csv = dpa_desk::export::registers::instructions_csv(vault.conn()).unwrap();
    assert!(
        csv.contains("Zorggroep Lindeboom,23-11-2026 09:30,Anna de Vries,ja,email,Alle dossiers"),
        "{csv}"
    );
}

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
        ..Default::default()
    };
    let v1 = security_documents::create(vault.conn(), customer, &first, now).unwrap();
    assert!(security_documents::create(vault.conn(), customer, &first, now).is_err());
    let second = SecurityDocumentInput {
        version: "2.0".into(),
        document_date: "20-11-2026".into(),
        summary: "Multi-factor authentication for all administrators".into(),
        file_reference: "BSK-Nordic-2.0.pdf".into(),
    };
    let v2 = security_documents::create(vault.conn(), customer, &second, now).unwrap();
    let all = security_documents::list(vault.conn(), Some(customer)).unwrap();
    assert_eq!(
        all.iter().map(|d| (d.id, d.current)).collect::<Vec<_>>(),
        [(v2, true), (v1, false)]
    );

    letters::generate_security_document_notice(vault.conn(), v2, OFFICER, now).unwrap();
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
    assert!(csv.contains("Nordic Freight AB,2.0,20-11-2026,ja,Multi-factor authentication for all administrators,BSK-Nordic-2.0.pdf,24-11-2026 12:30"), "{csv}");
    let export = dpa_desk::export::customer::gather(vault.conn(), customer, now).unwrap();
    assert_eq!(export.security_document.unwrap().version, "2.0");
}

/// The codes of a refused input.
fn refused<T: std::fmt::Debug>(result: Result<T, AppError>) -> Vec<(String, FieldCode)> {
    match result {
        Err(AppError::Validation { fields }) => {
            fields.into_iter().map(|f| (f.field, f.code)).collect()
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

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
        refused(letters::generate_disclosure_notice(
            vault.conn(),
            id,
            zwijger,
            OFFICER,
            now
        )),
        [("legally_barred".into(), FieldCode::LegallyBarred)]
    );
    letters::generate_disclosure_notice(vault.conn(), id, lindeboom, OFFICER, morning).unwrap();
    letters::generate_disclosure_notice(vault.conn(), id, nordic, OFFICER, morning).unwrap();
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
    letters::generate_disclosure_notice(vault.conn(), id, lindeboom, OFFICER, now).unwrap();
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
        csv.contains("Zorggroep Lindeboom,access,02-11-2026 09:00,AVG-2026-044,Inzageverzoek van een cliënt: alle gegevens in het dossier,02-12-2026,10-11-2026,\"2,25\",\"213,75\",,nee,te factureren"),
        "{csv}"
    );
    assert!(
        csv.contains(
            "complaint,20-11-2026 16:00,,Klacht over een te laat verwijderd account,,,,,,ja,open"
        ),
        "{csv}"
    );
}
