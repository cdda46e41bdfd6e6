//! Amendments (art. 10.2): a newer version announced to the customers on older ones with
//! the changed clauses side by side; by consent a customer moves once it consented, required
//! by law every customer moves on the effective date; deadlines follow the new terms from
//! then on, and the export keeps the history.

use super::*;
use dpa_desk::domain::agreement::{AgreementStatus, TemplateVersionInput};
use dpa_desk::domain::amendment::{
    Amendment, AmendmentInput, AmendmentKind, AmendmentState, AnswerInput,
};
use dpa_desk::domain::deadlines::Deadline;
use dpa_desk::store::{agreements, amendments, documents, templates};

const OLD_TEXT: &str = include_str!("../../assets/samples/modelovereenkomst.nl.txt");
const NEW_TEXT: &str = include_str!("../../assets/samples/modelovereenkomst-2026.nl.txt");

/// A version with our sample text and an objection window of `days`.
fn version(vault: &mut Vault, label: &str, date: &str, text: &str, days: u32) -> i64 {
    let input = TemplateVersionInput {
        label: label.into(),
        version_date: date.into(),
        language: Language::Nl,
        terms: Terms {
            objection_window_days: days,
            ..terms()
        },
        source_text: Some(text.into()),
        source_name: format!("{label}.txt"),
    };
    templates::create(vault.conn(), &input, at("01-10-2026 09:00"))
        .unwrap()
        .id
}

fn sign_version(vault: &mut Vault, customer_id: i64, version_id: i64) {
    let input = dpa_desk::domain::agreement::AgreementInput {
        template_version_id: version_id,
        status: AgreementStatus::Signed,
        signed_on: "01-04-2025".into(),
        signed_by_name: "Anna de Vries".into(),
        signed_by_role: "Directeur".into(),
        end_date: String::new(),
        notes: String::new(),
    };
    agreements::create(vault.conn(), customer_id, &input, at("01-10-2026 09:00")).unwrap();
}

/// Three customers: two on 2025.1 (Dutch, English), one without an agreement; and the
/// newer 2026.1 with 30 days to object instead of 14.
fn setting() -> (tempfile::TempDir, Vault, [i64; 3], i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let nl = add_customer(&mut vault, "Zorggroep Lindeboom", "11112222", Language::Nl);
    let en = add_customer(&mut vault, "Nordic Freight AB", "", Language::En);
    let none = add_customer(
        &mut vault,
        "Basisschool De Vlinder",
        "33334444",
        Language::Nl,
    );
    let old = version(&mut vault, "2025.1", "03-03-2025", OLD_TEXT, 14);
    let new = version(&mut vault, "2026.1", "04-12-2026", NEW_TEXT, 30);
    sign_version(&mut vault, nl, old);
    sign_version(&mut vault, en, old);
    (dir, vault, [nl, en, none], new)
}

fn amend(kind: AmendmentKind, version: i64, effective_on: &str, reason: &str) -> AmendmentInput {
    AmendmentInput {
        template_version_id: version,
        kind,
        effective_on: effective_on.into(),
        summary: "Een langere bezwaartermijn en een bevestiging van de verwijdering.".into(),
        reason: reason.into(),
    }
}

fn announce(
    vault: &mut Vault,
    input: &AmendmentInput,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    export::amendments::announce(vault.conn(), input, OFFICER, now, &|_, _| {})
}

/// The objection window each customer gets for a sub-processor announced at `now`.
fn windows(vault: &mut Vault, now: DateTime<Utc>) -> Vec<(i64, u32)> {
    let sub = subprocessors::create(
        vault.conn(),
        &SubProcessorInput {
            name: format!("Rekenwolk {now}"),
            activities: "Back-ups".into(),
            country: "NL".into(),
            start_date: "01-06-2027".into(),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    export::announcements::announce(
        vault.conn(),
        &AnnouncementInput {
            sub_processor_id: sub,
            kind: ChangeKind::Add,
            replaces_id: None,
            intended_start: "01-06-2027".into(),
        },
        OFFICER,
        now,
        &|_, _| {},
    )
    .unwrap();
    let detail = subprocessors::detail(vault.conn(), sub, now).unwrap();
    let mut windows: Vec<(i64, u32)> = detail.announcements[0]
        .customers
        .iter()
        .map(|c| (c.customer_id, c.window_days))
        .collect();
    windows.sort();
    windows
}

fn states(vault: &mut Vault, id: i64) -> Vec<(i64, AmendmentState)> {
    let mut states: Vec<_> = amendments::get(vault.conn(), id)
        .unwrap()
        .customers
        .iter()
        .map(|c| (c.customer_id, c.state))
        .collect();
    states.sort_by_key(|(id, _)| *id);
    states
}

fn current_version(vault: &mut Vault, customer_id: i64) -> String {
    let list = agreements::list_for_customer(vault.conn(), customer_id).unwrap();
    let current = list
        .iter()
        .find(|a| a.status == AgreementStatus::Signed)
        .unwrap();
    current.version_label.clone()
}

/// The words of the notice an amendment made for a customer.
fn notice_words(vault: &mut Vault, amendment: &Amendment, customer_id: i64) -> String {
    let letter = amendment
        .letters
        .iter()
        .find(|l| l.customer_id == customer_id)
        .unwrap();
    words_of(&documents::pdf(vault.conn(), letter.id).unwrap().pdf)
}

fn assert_says(text: &str, expected: &[&str]) {
    for phrase in expected {
        assert!(text.contains(phrase), "{phrase:?} missing in {text}");
    }
}

/// The start screen's row of customers to answer an amendment, if there is one.
fn consent_row(vault: &mut Vault, now: DateTime<Utc>) -> Option<Deadline> {
    dashboard::get(vault.conn(), now)
        .unwrap()
        .deadlines
        .into_iter()
        .find(|d| d.kind == DeadlineKind::AmendmentConsent)
}

#[test]
fn an_amendment_is_refused_without_its_facts_and_changes_nothing() {
    let (_dir, mut vault, _, new) = setting();
    let now = at("04-12-2026 10:00");
    let mut input = amend(AmendmentKind::RequiredByLaw, new, "03-12-2026", "");
    input.summary = String::new();
    assert_eq!(
        refused(announce(&mut vault, &input, now)),
        vec![
            ("effective_on".into(), FieldCode::InPast),
            ("summary".into(), FieldCode::Required),
            ("reason".into(), FieldCode::Required),
        ]
    );
    assert!(amendments::list(vault.conn()).unwrap().is_empty());
    // Announcing the old version itself reaches no one.
    let old = templates::list(vault.conn()).unwrap()[1].id;
    assert_eq!(
        refused(announce(
            &mut vault,
            &amend(AmendmentKind::ByConsent, old, "01-01-2027", ""),
            now
        )),
        vec![("template_version_id".into(), FieldCode::NoCustomers)]
    );
}

#[test]
fn by_consent_a_customer_moves_on_the_effective_date_once_it_consented_and_its_deadlines_follow() {
    let (_dir, mut vault, [nl, en, none], new) = setting();
    let now = at("04-12-2026 10:00");
    let id = announce(
        &mut vault,
        &amend(AmendmentKind::ByConsent, new, "01-01-2027", ""),
        now,
    )
    .unwrap();
    let amendment = amendments::get(vault.conn(), id).unwrap();
    assert_eq!(
        amendment.letters.len(),
        2,
        "no notice to a customer without agreement"
    );
    assert!(amendment.customers.iter().all(|c| c.customer_id != none));

    // The Dutch notice: what changes, the clauses side by side, from when, art. 10.2.
    let letter = amendment
        .letters
        .iter()
        .find(|l| l.customer_id == nl)
        .unwrap();
    assert_eq!(
        letter.file_name,
        format!("wijziging-verwerkersovereenkomst-2026-1-{new}-Zorggroep-Lindeboom-{nl}.pdf")
    );
    let text = notice_words(&mut vault, &amendment, nl);
    assert_says(
        &text,
        &[
            "Wijziging van de verwerkersovereenkomst",
            "versie 2026.1 van 04-12-2026, in plaats van versie 2025.1",
            "voorafgaande toestemming van beide partijen",
            "Geldt vanaf 01-01-2027",
            "Een langere bezwaartermijn en een bevestiging van de verwijdering.",
            "Gewijzigde termijnen en bedragen",
            "Gewijzigde bepalingen",
            "Versie 2025.1",
            "Versie 2026.1",
            // Side by side, the text layer reads a line of each column in turn.
            "7.2 De opdrachtgever kan binnen veertien 7.2 De opdrachtgever kan binnen dertig",
            "8.2 Wolkwerk bevestigt de verwijdering schriftelijk.",
            "(niet in deze versie)",
            "Zonder uw toestemming blijft versie 2025.1 voor u gelden.",
        ],
    );
    assert!(
        !text.contains("7.1 Wolkwerk kondigt"),
        "an unchanged clause is not listed: {text}"
    );
    let text = notice_words(&mut vault, &amendment, en);
    assert_says(
        &text,
        &[
            "Amendment to the data processing agreement",
            "prior consent of both parties",
            "Applies from 01-01-2027",
            "Changed clauses",
            "(not in this version)",
        ],
    );

    // Recorded as sent to both at once, each to its own contact.
    let sending = SendingInput {
        sent_at: "04-12-2026 11:00".into(),
        method: SendMethod::Email,
    };
    assert_eq!(
        export::amendments::record_sending(
            vault.conn(),
            id,
            &sending,
            OFFICER,
            at("04-12-2026 12:00")
        )
        .unwrap(),
        2
    );
    let amendment = amendments::get(vault.conn(), id).unwrap();
    assert!(amendment
        .customers
        .iter()
        .all(|c| c.sent_at == Some(at("04-12-2026 11:00"))));
    assert_eq!(
        export::amendments::record_sending(
            vault.conn(),
            id,
            &sending,
            OFFICER,
            at("04-12-2026 12:00")
        )
        .unwrap(),
        0,
        "nothing is sent twice"
    );

    // Both wait; the dashboard counts them until the effective date.
    let row = consent_row(&mut vault, now).unwrap();
    assert_eq!((row.customers, row.target), (2, Target::Amendment(id)));

    let answer = |consented, on: &str, by: &str| AnswerInput {
        consented,
        answered_on: on.into(),
        answered_by: by.into(),
    };
    let later = at("10-12-2026 09:00");
    assert_eq!(
        refused(amendments::record_answer(
            vault.conn(),
            id,
            nl,
            &answer(true, "11-12-2026", ""),
            later
        )),
        vec![
            ("answered_on".into(), FieldCode::InFuture),
            ("answered_by".into(), FieldCode::Required)
        ]
    );
    amendments::record_answer(
        vault.conn(),
        id,
        nl,
        &answer(true, "09-12-2026", "Anna de Vries"),
        later,
    )
    .unwrap();
    amendments::record_answer(
        vault.conn(),
        id,
        en,
        &answer(false, "10-12-2026", ""),
        later,
    )
    .unwrap();
    assert_eq!(
        refused(amendments::record_answer(
            vault.conn(),
            id,
            en,
            &answer(true, "10-12-2026", "Erik Lund"),
            later
        )),
        vec![("answer".into(), FieldCode::NoAnswerExpected)]
    );
    assert_eq!(
        states(&mut vault, id),
        [
            (nl, AmendmentState::Consented),
            (en, AmendmentState::Refused)
        ]
    );
    // Consent alone does not move it before the effective date.
    assert_eq!(amendments::apply_due(vault.conn(), later).unwrap(), 0);
    assert_eq!(current_version(&mut vault, nl), "2025.1");
    assert_eq!(windows(&mut vault, later), [(nl, 14), (en, 14), (none, 14)]);
    assert!(consent_row(&mut vault, later).is_none());

    // On the effective date the consenting customer is on 2026.1 and gets its 30 days.
    let effective = at("01-01-2027 00:05");
    assert_eq!(amendments::apply_due(vault.conn(), effective).unwrap(), 1);
    assert_eq!(
        amendments::apply_due(vault.conn(), effective).unwrap(),
        0,
        "once"
    );
    assert_eq!(current_version(&mut vault, nl), "2026.1");
    assert_eq!(current_version(&mut vault, en), "2025.1");
    assert_eq!(
        windows(&mut vault, effective),
        [(nl, 30), (en, 14), (none, 14)]
    );
    let history = agreements::list_for_customer(vault.conn(), nl).unwrap();
    assert_eq!(history[0].amendment, Some(AmendmentKind::ByConsent));
    assert_eq!(history[0].signed_by_name, "Anna de Vries");
    assert_eq!(
        history[0].signed_on,
        chrono::NaiveDate::from_ymd_opt(2027, 1, 1)
    );
    assert_eq!(history[1].status, AgreementStatus::Superseded);

    // The export keeps the history: both agreements and the amendment.
    let export = export::customer::gather(vault.conn(), nl, effective).unwrap();
    assert_eq!(export.history.len(), 2);
    assert_eq!(export.amendments.len(), 1);
    assert_eq!(export.amendments[0].state, AmendmentState::Moved);
    let overview = agreements::overview(vault.conn(), 0, 10).unwrap();
    assert_eq!(overview.awaiting_answer, 0);
}

#[test]
fn required_by_law_every_customer_moves_on_the_effective_date_without_signing() {
    let (_dir, mut vault, [nl, en, none], new) = setting();
    let now = at("04-12-2026 10:00");
    let reason = "De nieuwe uitvoeringswet vraagt een langere bezwaartermijn.";
    let id = announce(
        &mut vault,
        &amend(AmendmentKind::RequiredByLaw, new, "15-12-2026", reason),
        now,
    )
    .unwrap();
    let amendment = amendments::get(vault.conn(), id).unwrap();
    let text = notice_words(&mut vault, &amendment, nl);
    assert_says(
        &text,
        &[
            "noodzakelijk om de verwerkersovereenkomst in overeenstemming te brengen met het privacyrecht",
            "De nieuwe versie geldt voor u vanaf 15-12-2026",
            "noodzakelijk voor het privacyrecht (artikel 10.2)",
            reason,
        ],
    );
    assert!(!text.contains("toestemming"), "no consent is asked: {text}");
    // No answer is asked, none can be recorded, and nothing is awaited.
    assert_eq!(
        refused(amendments::record_answer(
            vault.conn(),
            id,
            nl,
            &AnswerInput {
                consented: true,
                answered_on: "05-12-2026".into(),
                answered_by: "Anna de Vries".into(),
            },
            at("05-12-2026 10:00")
        )),
        vec![("answer".into(), FieldCode::NoAnswerExpected)]
    );
    assert!(consent_row(&mut vault, now).is_none());
    let overview = agreements::overview(vault.conn(), 0, 10).unwrap();
    let pending: Vec<_> = overview
        .rows
        .iter()
        .filter_map(|r| r.pending.clone())
        .collect();
    assert_eq!(pending.len(), 2);
    assert!(pending
        .iter()
        .all(|p| p == &("2026.1".to_string(), AmendmentState::Announced)));

    // The day before, still the old terms; on the day, the new ones for both.
    let eve = at("14-12-2026 23:59");
    assert_eq!(amendments::apply_due(vault.conn(), eve).unwrap(), 0);
    assert_eq!(windows(&mut vault, eve), [(nl, 14), (en, 14), (none, 14)]);
    let day = at("15-12-2026 00:00");
    assert_eq!(amendments::apply_due(vault.conn(), day).unwrap(), 2);
    assert_eq!(windows(&mut vault, day), [(nl, 30), (en, 30), (none, 14)]);
    assert_eq!(
        states(&mut vault, id),
        [(nl, AmendmentState::Moved), (en, AmendmentState::Moved)]
    );
    let current = &agreements::list_for_customer(vault.conn(), en).unwrap()[0];
    assert_eq!(
        (current.amendment, current.signed_by_name.as_str()),
        (Some(AmendmentKind::RequiredByLaw), "")
    );
    // The English export's PDF tells the history.
    let export = export::customer::gather(vault.conn(), en, day).unwrap();
    assert_eq!(export.amendments[0].reason, reason);
    let pdf = dpa_desk::documents::agreement::render_agreement(&export).unwrap();
    assert_says(
        &words_of(&pdf),
        &[
            // Not signed: it applies by the processor's right under 10.2.
            "Status in force Applies from 15-12-2026 By amendment necessary for privacy law (article 10.2)",
            "in force, applies from 15-12-2026, by amendment necessary for privacy law (article 10.2)",
            "Amendments of the agreement (article 10.2)",
            "2025.1 → 2026.1, necessary for privacy law (article 10.2); announced on 04-12-2026; \
             applies from 15-12-2026; moved; reason: De nieuwe uitvoeringswet",
        ],
    );
    assert!(agreements::overview(vault.conn(), 0, 10)
        .unwrap()
        .rows
        .iter()
        .all(|r| r.pending.is_none()));
}

#[test]
fn a_consent_after_the_effective_date_moves_at_once_from_the_day_it_was_given() {
    let (_dir, mut vault, [nl, en, _], new) = setting();
    let id = announce(
        &mut vault,
        &amend(AmendmentKind::ByConsent, new, "10-12-2026", ""),
        at("04-12-2026 10:00"),
    )
    .unwrap();
    let late = at("15-12-2026 09:00");
    // Past the effective date, the one still to answer is overdue on the dashboard.
    let row = consent_row(&mut vault, late).unwrap();
    assert!(row.overdue);
    assert_eq!(row.customers, 2);
    amendments::record_answer(
        vault.conn(),
        id,
        nl,
        &AnswerInput {
            consented: true,
            answered_on: "14-12-2026".into(),
            answered_by: "Anna de Vries".into(),
        },
        late,
    )
    .unwrap();
    let current = &agreements::list_for_customer(vault.conn(), nl).unwrap()[0];
    assert_eq!(current.version_label, "2026.1");
    assert_eq!(
        current.signed_on,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 14)
    );
    assert_eq!(current_version(&mut vault, en), "2025.1");
    let row = consent_row(&mut vault, late).unwrap();
    assert_eq!(row.customers, 1);
}

#[test]
fn a_customer_whose_agreement_changed_otherwise_before_the_effective_date_does_not_move() {
    let (_dir, mut vault, [nl, en, _], new) = setting();
    let reason = "Nieuwe uitvoeringswet.";
    let id = announce(
        &mut vault,
        &amend(AmendmentKind::RequiredByLaw, new, "15-12-2026", reason),
        at("04-12-2026 10:00"),
    )
    .unwrap();
    // Before the effective date, one customer signs its old version anew.
    let old = agreements::list_for_customer(vault.conn(), en).unwrap()[0].template_version_id;
    let input = dpa_desk::domain::agreement::AgreementInput {
        template_version_id: old,
        status: AgreementStatus::Signed,
        signed_on: "05-12-2026".into(),
        signed_by_name: "Erik Lund".into(),
        signed_by_role: "CEO".into(),
        end_date: String::new(),
        notes: String::new(),
    };
    agreements::create(vault.conn(), en, &input, at("05-12-2026 10:00")).unwrap();
    assert_eq!(
        states(&mut vault, id),
        [
            (nl, AmendmentState::Announced),
            (en, AmendmentState::NotMoved)
        ]
    );
    assert_eq!(
        amendments::apply_due(vault.conn(), at("15-12-2026 08:00")).unwrap(),
        1
    );
    assert_eq!(current_version(&mut vault, nl), "2026.1");
    assert_eq!(current_version(&mut vault, en), "2025.1");
    assert_eq!(
        states(&mut vault, id),
        [(nl, AmendmentState::Moved), (en, AmendmentState::NotMoved)]
    );
}

#[test]
fn of_two_amendments_due_at_once_the_newest_moves_the_customer() {
    let (_dir, mut vault, [nl, en, none], new) = setting();
    let newest = version(&mut vault, "2027.1", "01-01-2027", NEW_TEXT, 45);
    let now = at("04-12-2026 10:00");
    let first = announce(
        &mut vault,
        &amend(AmendmentKind::RequiredByLaw, new, "15-12-2026", "Wet A."),
        now,
    )
    .unwrap();
    let second = announce(
        &mut vault,
        &amend(AmendmentKind::RequiredByLaw, newest, "16-12-2026", "Wet B."),
        now,
    )
    .unwrap();
    // The app was not opened between the two effective dates.
    let later = at("20-12-2026 09:00");
    assert_eq!(amendments::apply_due(vault.conn(), later).unwrap(), 2);
    assert_eq!(current_version(&mut vault, nl), "2027.1");
    assert_eq!(current_version(&mut vault, en), "2027.1");
    assert_eq!(
        states(&mut vault, first),
        [
            (nl, AmendmentState::NotMoved),
            (en, AmendmentState::NotMoved)
        ]
    );
    assert_eq!(
        states(&mut vault, second),
        [(nl, AmendmentState::Moved), (en, AmendmentState::Moved)]
    );
    assert_eq!(amendments::apply_due(vault.conn(), later).unwrap(), 0);
    assert_eq!(windows(&mut vault, later), [(nl, 45), (en, 45), (none, 14)]);
}
