//! Audits (art. 5): the notice period from the customer's own terms, the acknowledgement and the findings in its language, the register; and that a kept notice never changes.

use super::*;
use dpa_desk::domain::audit::{self, AuditLetter};

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
    let refused = export::audits::generate_audit_letter(
        vault.conn(),
        id,
        AuditLetter::Acknowledgement,
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
    let refused = export::audits::generate_audit_letter(
        vault.conn(),
        id,
        AuditLetter::Acknowledgement,
        OFFICER,
        now,
    );
    assert!(
        matches!(refused, Err(AppError::Validation { fields }) if fields[0].code == FieldCode::WithinNoticePeriod)
    );
    input.planned_date = "02-12-2026".into();
    audits::update(vault.conn(), id, &input, now).unwrap();
    export::audits::generate_audit_letter(
        vault.conn(),
        id,
        AuditLetter::Acknowledgement,
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
    // The subject line the e-mail will carry is the PDF's title: what, about what, for whom.
    let subject = format!(
        "Bevestiging van uw auditverzoek – Audit {} – Zorggroep Lindeboom",
        audit.number
    );
    let facts: AuditLetterFacts =
        dpa_desk::store::documents::facts(vault.conn(), letter.id).unwrap();
    assert_eq!(facts.subject_line(), subject);
    assert_eq!(pdf_title(&pdf), subject);
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
    let second = export::audits::generate_audit_letter(
        vault.conn(),
        id,
        AuditLetter::Acknowledgement,
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
    export::audits::generate_audit_letter(
        vault.conn(),
        id,
        AuditLetter::Acknowledgement,
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
    export::audits::generate_audit_letter(
        vault.conn(),
        id,
        AuditLetter::Findings,
        OFFICER,
        at("15-12-2026 12:00"),
    )
    .unwrap();
    let audit = audits::get(vault.conn(), id).unwrap();
    let findings = audit
        .letters
        .iter()
        .find(|l| l.kind == audit::FINDINGS.code())
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
        csv.contains("Enforce MFA for admins,verwerker,15-01-2027,Nee"),
        "{csv}"
    );
    assert!(csv.contains("Zorggroep Lindeboom,02-11-2026 10:00,20-11-2026,02-12-2026,30,02-12-2026,Nee,Toetsing & Co"), "{csv}");

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
    let letter = export::audits::generate_audit_letter(
        vault.conn(),
        id,
        AuditLetter::Acknowledgement,
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
    export::audits::generate_audit_letter(
        vault.conn(),
        id,
        AuditLetter::Acknowledgement,
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
