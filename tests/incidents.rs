//! The incident register and breach notices on a real encrypted vault: from registration
//! through notices for three customers to an update, with the text of every PDF checked.

mod common;

use chrono::{DateTime, Utc};
use common::*;
use dpa_desk::documents::issued::Issued;
use dpa_desk::domain::agreement::Terms;
use dpa_desk::domain::breach::{
    AffectedInput, AffectedOverride, Answer, BreachFactsInput, Consequence, DataInput, DataKind,
    IncidentKind, Nature, NumbersInput, Occurrence, Protection, ProtectionInput, SubjectCategory,
    SubjectsInput,
};
use dpa_desk::domain::customer::Language;
use dpa_desk::domain::document::{DeliveryInput, SendMethod};
use dpa_desk::domain::follow_up::FollowUpInput;
use dpa_desk::domain::incident::{ClockState, IncidentStatus, StatusChangeInput};
use dpa_desk::domain::notice::NoticeFacts;
use dpa_desk::domain::severity::SeverityInput;
use dpa_desk::domain::time::parse_moment;
use dpa_desk::domain::validation::FieldCode;
use dpa_desk::error::AppError;
use dpa_desk::export::breach_register;
use dpa_desk::export::drafts::save_drafts;
use dpa_desk::export::notices::{generate, preview, save_latest};
use dpa_desk::store::{customers, documents, incident_views, incidents, notices, Vault};
use mail_parser::MimeHeaders;

const OFFICER: &str = "Fatima El Amrani";

fn at(text: &str) -> DateTime<Utc> {
    parse_moment(text).unwrap().earliest()
}

/// Three customers, each with its own name, KvK number and numbers that appear nowhere
/// else, so a notice that mentions another customer's can be caught.
struct Fixture {
    _dir: tempfile::TempDir,
    vault: Vault,
    incident: i64,
    /// (id, name, kvk, subjects min, subjects max, records)
    customers: Vec<(
        i64,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    )>,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let now = at("20-11-2026 08:00");
    let specs = [
        (
            "Zorggroep Lindeboom",
            "11112222",
            Language::Nl,
            "1.200",
            "1.450",
            "33.001",
        ),
        (
            "Basisschool De Vlinder",
            "33334444",
            Language::Nl,
            "310",
            "322",
            "4.777",
        ),
        ("Nordic Freight AB", "", Language::En, "58", "61", "919"),
    ];
    let mut ids = Vec::new();
    for (name, kvk, language, min, max, records) in specs {
        let mut input = customer(name, kvk);
        input.notice_language = language;
        input.contacts[0].email = format!("privacy@{}.example", kvk.get(..4).unwrap_or("nordic"));
        let id = customers::create(vault.conn(), &input, now).unwrap().id;
        ids.push((id, name, kvk, min, max, records));
    }
    let facts = BreachFactsInput {
        title: "Salarisstroken naar verkeerde ontvanger".into(),
        ..Default::default()
    };
    let incident = incidents::create(vault.conn(), &facts, OFFICER, now)
        .unwrap()
        .id;
    Fixture {
        _dir: dir,
        vault,
        incident,
        customers: ids,
    }
}

fn facts() -> BreachFactsInput {
    BreachFactsInput {
        title: "Salarisstroken naar verkeerde ontvanger".into(),
        discovered_at: "23-11-2026 09:15".into(),
        occurred: Occurrence::Period,
        occurred_from: "21-11-2026 22:00".into(),
        occurred_to: "22-11-2026 06:30".into(),
        ongoing: Answer::No,
        how_found: "Melding van een ontvanger via de servicedesk".into(),
        reported_by: "Servicedesk, K. Bakker".into(),
        summary: "Door een fout in de verzendtaak zijn loonstroken naar een verkeerd \
                  e-mailadres gestuurd. De verzendtaak is stilgezet en de ontvanger heeft \
                  bevestigd de berichten te hebben verwijderd."
            .into(),
        kind: Some(IncidentKind::WronglySent),
        nature: vec![Nature::Read, Nature::Copied],
        confidentiality: Answer::Yes,
        integrity: Answer::No,
        availability: Answer::No,
        cause: "Verkeerde koppeltabel na migratie".into(),
        systems: "Verzendmodule loonstroken".into(),
        cross_border: "Geen".into(),
        shared: AffectedInput {
            subjects: SubjectsInput {
                categories: vec![SubjectCategory::Employees],
                other: String::new(),
            },
            data: DataInput {
                kinds: vec![
                    DataKind::NameAddress,
                    DataKind::Financial,
                    DataKind::CitizenServiceNumber,
                ],
                other: String::new(),
            },
            numbers: NumbersInput::default(),
            protection: ProtectionInput {
                protection: Protection::NotProtected,
                how: String::new(),
            },
        },
        consequences: vec![Consequence::IdentityFraud, Consequence::FinancialLoss],
        consequences_explanation: "Misbruik van BSN is mogelijk".into(),
        severity: SeverityInput {
            dpc: Some(3),
            ei_quarters: Some(4),
            confidentiality_quarters: 1,
            ..Default::default()
        },
        measures_taken: "Verzendtaak stilgezet".into(),
        measures_proposed: "Controle op koppeltabellen".into(),
        mitigation: "Ontvanger heeft berichten verwijderd".into(),
        contact_name: "J. Jansen".into(),
        contact_role: "Functionaris gegevensbescherming".into(),
        contact_email: "privacy@wolkwerk.example".into(),
        contact_phone: String::new(),
        changes_explanation: String::new(),
        ..Default::default()
    }
}

/// Puts the facts in the draft and gives each customer its own numbers.
fn fill(f: &mut Fixture) {
    let now = at("23-11-2026 10:00");
    incidents::save_draft(f.vault.conn(), f.incident, &facts(), 5, now).unwrap();
    let ids: Vec<i64> = f.customers.iter().map(|c| c.0).collect();
    incidents::add_customers(f.vault.conn(), f.incident, &ids, now).unwrap();
    for (id, _, _, min, max, records) in f.customers.clone() {
        let own = AffectedOverride {
            numbers: Some(NumbersInput {
                subjects_min: min.into(),
                subjects_max: max.into(),
                records: records.into(),
            }),
            ..Default::default()
        };
        incidents::save_overrides(f.vault.conn(), f.incident, id, &own).unwrap();
    }
}

/// The PDF's text with all whitespace runs as one space, so wrapped sentences read whole.
fn flat_text(pdf: &[u8]) -> String {
    let (ok, text) = tool("pdftotext", &["-raw"], pdf);
    assert!(ok, "{text}");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn incidents_are_numbered_per_year_with_a_status_history() {
    let mut f = fixture();
    let second = incidents::create(
        f.vault.conn(),
        &BreachFactsInput::default(),
        OFFICER,
        at("21-11-2026 10:00"),
    )
    .unwrap();
    assert_eq!(second.number, "2026-002");
    let next_year = incidents::create(
        f.vault.conn(),
        &BreachFactsInput::default(),
        OFFICER,
        at("01-01-2027 00:30"),
    )
    .unwrap();
    assert_eq!(next_year.number, "2027-001");

    let change = |status, reason: &str| StatusChangeInput {
        status,
        reason: reason.into(),
    };
    let err = incidents::change_status(
        f.vault.conn(),
        second.id,
        &change(IncidentStatus::NotABreach, ""),
        OFFICER,
        Utc::now(),
    )
    .unwrap_err();
    assert!(
        matches!(err, AppError::Validation { ref fields } if fields[0].field == "reason"),
        "{err:?}"
    );
    let judged = incidents::change_status(
        f.vault.conn(),
        second.id,
        &change(IncidentStatus::NotABreach, "Alleen testgegevens"),
        OFFICER,
        at("21-11-2026 11:00"),
    )
    .unwrap();
    assert_eq!(
        (judged.status, judged.not_a_breach_reason.as_str()),
        (IncidentStatus::NotABreach, "Alleen testgegevens")
    );
    // Its facts and customers stay as they were until it is reopened.
    let err = incidents::save_draft(
        f.vault.conn(),
        second.id,
        &BreachFactsInput::default(),
        1,
        Utc::now(),
    )
    .unwrap_err();
    assert!(matches!(err, AppError::IncidentClosed), "{err:?}");
    let err = incidents::add_customers(f.vault.conn(), second.id, &[f.customers[0].0], Utc::now())
        .unwrap_err();
    assert!(matches!(err, AppError::IncidentClosed), "{err:?}");
    let history = incidents::history(f.vault.conn(), second.id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].changed_by, OFFICER);
    assert_eq!(history[1].changed_at, at("21-11-2026 11:00"));
    // Not-a-breach incidents stay in the register.
    let register = incident_views::page(f.vault.conn(), 0, 100, Utc::now()).unwrap();
    assert_eq!((register.total, register.rows.len()), (3, 3));
    let register = register.rows;
    assert!(register
        .iter()
        .any(|r| r.status == IncidentStatus::NotABreach));
}

#[test]
fn the_clock_uses_the_customers_agreement_terms_else_the_setting() {
    let mut f = fixture();
    fill(&mut f);
    // The first customer signed a version with a 12-hour target.
    sign(
        &mut f.vault,
        f.customers[0].0,
        Terms {
            first_notice_target_hours: 12,
            ..terms()
        },
    );

    let detail =
        incident_views::detail(f.vault.conn(), f.incident, at("23-11-2026 22:00")).unwrap();
    let clock = |id: i64| {
        detail
            .customers
            .iter()
            .find(|c| c.customer_id == id)
            .unwrap()
            .clock
    };
    assert_eq!(clock(f.customers[0].0).target, Some(at("23-11-2026 21:15")));
    assert_eq!(clock(f.customers[0].0).state, ClockState::Overdue);
    assert_eq!(clock(f.customers[1].0).target, Some(at("24-11-2026 09:15")));
    assert_eq!(clock(f.customers[1].0).state, ClockState::Running);
    let row = &incident_views::page(f.vault.conn(), 0, 100, at("23-11-2026 22:00"))
        .unwrap()
        .rows[0];
    assert!(row.overdue);
    assert_eq!(row.next_deadline, Some(at("23-11-2026 21:15")));
}

#[test]
fn each_notice_holds_its_customers_facts_and_no_other_customers_data() {
    let mut f = fixture();
    fill(&mut f);
    let ids: Vec<i64> = f.customers.iter().map(|c| c.0).collect();
    let now = at("23-11-2026 11:00");
    let progress = std::sync::Mutex::new(Vec::new());
    let made = generate(
        f.vault.conn(),
        f.incident,
        &ids,
        false,
        now,
        |done, total| progress.lock().unwrap().push((done, total)),
    )
    .unwrap();
    assert_eq!(made.len(), 3);
    assert_eq!(progress.lock().unwrap().len(), 3);

    for (index, (id, name, kvk, min, max, records)) in f.customers.clone().into_iter().enumerate() {
        let stored = documents::pdf(f.vault.conn(), made[index]).unwrap();
        assert_eq!(stored.sha256, documents::sha256_hex(&stored.pdf));
        let (ok, report) = tool("qpdf", &["--check"], &stored.pdf);
        assert!(ok, "{report}");
        let text = flat_text(&stored.pdf);
        let english = kvk.is_empty();
        // The subject line the e-mail will carry is the PDF's title: incident, phase, customer.
        let number = &incidents::get(f.vault.conn(), f.incident).unwrap().number;
        let subject = if english {
            format!("Personal data breach notice {number} – initial notice – {name}")
        } else {
            format!("Melding datalek {number} – eerste melding – {name}")
        };
        let facts: NoticeFacts = documents::facts(f.vault.conn(), made[index]).unwrap();
        assert_eq!(facts.subject_line(), subject);
        assert_eq!(pdf_title(&stored.pdf), subject);
        // 6.2.1: nature, categories, kinds, numbers; 6.2.2 consequences; 6.2.3 measures.
        let expected: Vec<String> = if english {
            vec![
                "Personal data breach notice – initial notice".into(),
                format!("To {name} From"),
                "Discovered at 23-11-2026 09:15".into(),
                "from 21-11-2026 22:00 to 22-11-2026 06:30".into(),
                "Sent to the wrong recipient".into(),
                "read; copied".into(),
                "Employees".into(),
                "Name and address; Financial data; Citizen service number (BSN)".into(),
                format!("at least {min} and at most {max}"),
                records.to_string(),
                "No, readable".into(),
                "Identity fraud; Financial loss".into(),
                "SE = 3.25 (high)".into(),
                "Verzendtaak stilgezet".into(),
                "Controle op koppeltabellen".into(),
                "Ontvanger heeft berichten verwijderd".into(),
                "J. Jansen".into(),
            ]
        } else {
            vec![
                "Melding datalek – eerste melding".into(),
                format!("Aan {name} (KvK {kvk}) Van"),
                format!("KvK {kvk}"),
                "Ontdekt op 23-11-2026 09:15".into(),
                "van 21-11-2026 22:00 tot 22-11-2026 06:30".into(),
                "Verkeerd verstuurd".into(),
                "ingezien; gekopieerd".into(),
                "Werknemers".into(),
                "Naam- en adresgegevens; Financiële gegevens; Burgerservicenummer (BSN)".into(),
                format!("minimaal {min} en maximaal {max}"),
                records.to_string(),
                "Nee, leesbaar".into(),
                "Identiteitsfraude; Financiële schade".into(),
                "SE = 3,25 (hoog)".into(),
                "Door een fout in de verzendtaak zijn loonstroken naar een verkeerd e-mailadres gestuurd.".into(),
                "Verkeerde koppeltabel na migratie".into(),
                "Verzendtaak stilgezet".into(),
                "Controle op koppeltabellen".into(),
                "Ontvanger heeft berichten verwijderd".into(),
                "privacy@wolkwerk.example".into(),
            ]
        };
        for fact in &expected {
            assert!(
                text.contains(fact.as_str()),
                "{name}: missing {fact:?} in\n{text}"
            );
        }
        for (other_id, other_name, other_kvk, other_min, other_max, other_records) in
            f.customers.clone()
        {
            if other_id == id {
                continue;
            }
            for leak in [other_name, other_min, other_max, other_records]
                .into_iter()
                .chain((!other_kvk.is_empty()).then_some(other_kvk))
            {
                assert!(
                    !text.contains(leak),
                    "{name}'s notice mentions {leak:?} of {other_name}"
                );
            }
        }
    }
    // Notices cannot be changed or deleted, even directly in the database.
    let conn = f.vault.conn();
    let refused = |sql: &str| conn.execute(sql, [made[0]]).unwrap_err().to_string();
    assert!(refused("UPDATE documents SET sha256 = 'x' WHERE id = ?1").contains("immutable"));
    assert!(refused("DELETE FROM documents WHERE id = ?1").contains("kept"));
    // A notified customer stays on the incident.
    let err = incidents::remove_customer(f.vault.conn(), f.incident, ids[0]).unwrap_err();
    assert!(
        matches!(err, AppError::Validation { ref fields } if fields[0].code == FieldCode::AlreadyNotified)
    );
}

/// The facts of a breach that started at a sub-processor, with every fact the AP's form asks
/// beyond art. 6.2: containment, who else was informed, countries, recital 85 consequences.
fn at_sub_processor() -> BreachFactsInput {
    BreachFactsInput {
        sub_processor: "Rekenwolk Inc.".into(),
        sub_processor_told_at: "23-11-2026 08:40".into(),
        contained_at: "22-11-2026 07:10".into(),
        countries: vec!["BE".into(), "NL".into()],
        consequences: vec![
            Consequence::LossOfControl,
            Consequence::LimitationOfRights,
            Consequence::ReversalOfPseudonymisation,
        ],
        police_informed: Answer::Yes,
        police_reference: "PL0900-2026-4411".into(),
        authorities_informed: "Nationaal Cyber Security Centrum".into(),
        subjects_informed: Answer::Yes,
        subjects_informed_at: "23-11-2026 09:50".into(),
        ..facts()
    }
}

#[test]
fn a_breach_at_a_sub_processor_holds_every_fact_of_the_ap_form_in_dutch_and_english() {
    let mut f = fixture();
    fill(&mut f);
    let now = at("23-11-2026 10:00");
    incidents::save_draft(f.vault.conn(), f.incident, &at_sub_processor(), 1, now).unwrap();
    let dutch = f.customers[0].0;
    let english = f.customers[2].0;
    let made = generate(
        f.vault.conn(),
        f.incident,
        &[dutch, english],
        false,
        now,
        |_, _| {},
    )
    .unwrap();
    let nl = flat_text(&documents::pdf(f.vault.conn(), made[0]).unwrap().pdf);
    let en = flat_text(&documents::pdf(f.vault.conn(), made[1]).unwrap().pdf);
    let expected = [
        (
            &nl,
            [
                "Ontstaan bij subverwerker Rekenwolk Inc.",
                "Door de subverwerker aan ons gemeld op 23-11-2026 08:40",
                "Ingedamd op 22-11-2026 07:10",
                "Verlies van controle over hun persoonsgegevens; Beperking van hun rechten; \
                 Ongeoorloofde ongedaanmaking van pseudonimisering",
                "Politie Ja, kenmerk PL0900-2026-4411",
                "Andere autoriteiten Nationaal Cyber Security Centrum",
                "Betrokkenen, door ons op uw instructie Ja, op 23-11-2026 09:50",
                "Landen in de EER waar betrokkenen wonen Nederland; België",
                "volgorde van het meldformulier datalekken van de Autoriteit Persoonsgegevens",
            ],
        ),
        (
            &en,
            [
                "Started at sub-processor Rekenwolk Inc.",
                "Reported to us by the sub-processor at 23-11-2026 08:40",
                "Contained at 22-11-2026 07:10",
                "Loss of control over their personal data; Limitation of their rights; \
                 Unauthorised reversal of pseudonymisation",
                "Police Yes, reference PL0900-2026-4411",
                "Other authorities Nationaal Cyber Security Centrum",
                "Data subjects, by us on your instruction Yes, at 23-11-2026 09:50",
                "EEA countries where data subjects live Netherlands; Belgium",
                "order of the data breach notification form",
            ],
        ),
    ];
    for (text, phrases) in expected {
        for phrase in phrases {
            assert!(text.contains(phrase), "{phrase:?} not in {text}");
        }
    }
    // The sections come in the order of the AP's form.
    let order = [
        "1. Contactpersoon bij de verwerker",
        "2. Tijdlijn",
        "3. Het datalek (6.2.1)",
        "4. Persoonsgegevens (6.2.1)",
        "5. De groep betrokkenen (6.2.1)",
        "6. Beveiliging van de gegevens",
        "7. Gevolgen (6.2.2)",
        "8. Wie er verder geïnformeerd is",
        "9. Maatregelen (6.2.3)",
        "10. Internationale aspecten",
    ];
    let places: Vec<usize> = order
        .iter()
        .map(|h| nl.find(h).unwrap_or_else(|| panic!("{h} not in {nl}")))
        .collect();
    assert!(places.windows(2).all(|p| p[0] < p[1]), "{places:?}");

    // A moment without the sub-processor, or one still to come, is refused in the draft.
    let mut wrong = at_sub_processor();
    wrong.sub_processor.clear();
    let (_, errors) = dpa_desk::domain::breach::facts_and_errors(&wrong, now);
    assert_eq!(errors[0].field, "sub_processor");
    assert_eq!(errors[0].code, FieldCode::Required);
    wrong = at_sub_processor();
    wrong.sub_processor_told_at = "24-11-2026 08:00".into();
    let (_, errors) = dpa_desk::domain::breach::facts_and_errors(&wrong, now);
    assert_eq!(errors[0].field, "sub_processor_told_at");
    assert_eq!(errors[0].code, FieldCode::InFuture);
}

#[test]
fn a_first_notice_after_our_target_needs_and_gives_the_reason() {
    let mut f = fixture();
    fill(&mut f);
    // Discovered 23-11 09:15; the setting's target is 24 hours.
    let late = at("24-11-2026 10:00");
    let ids = [f.customers[0].0, f.customers[2].0];
    let err = generate(f.vault.conn(), f.incident, &ids, false, late, |_, _| {}).unwrap_err();
    assert!(
        matches!(err, AppError::Validation { ref fields }
            if fields == &[dpa_desk::domain::validation::FieldError::new("late_reason", FieldCode::Required)]),
        "{err:?}"
    );
    let mut explained = facts();
    explained.late_reason = "De omvang werd pas na forensisch onderzoek duidelijk.".into();
    incidents::save_draft(f.vault.conn(), f.incident, &explained, 6, late).unwrap();
    let made = generate(f.vault.conn(), f.incident, &ids, false, late, |_, _| {}).unwrap();
    let nl = flat_text(&documents::pdf(f.vault.conn(), made[0]).unwrap().pdf);
    assert!(
        nl.contains(
            "Reden voor de latere melding Deze eerste melding komt later dan onze eigen \
             streeftermijn van 24 uur na ontdekking. De omvang werd pas na forensisch \
             onderzoek duidelijk."
        ),
        "{nl}"
    );
    let en = flat_text(&documents::pdf(f.vault.conn(), made[1]).unwrap().pdf);
    assert!(
        en.contains(
            "This initial notice comes later than our own target of 24 hours after discovery."
        ),
        "{en}"
    );
    // An update says nothing of it, nor does a first notice in time (the other tests).
    let mut update = explained.clone();
    update.changes_explanation = "Maatregel toegevoegd".into();
    update.measures_taken = "Koppeltabel hersteld".into();
    incidents::save_draft(f.vault.conn(), f.incident, &update, 6, late).unwrap();
    let next = generate(
        f.vault.conn(),
        f.incident,
        &ids[..1],
        false,
        late,
        |_, _| {},
    )
    .unwrap();
    let text = flat_text(&documents::pdf(f.vault.conn(), next[0]).unwrap().pdf);
    assert!(!text.contains("Reden voor de latere melding"), "{text}");
}

#[test]
fn a_final_notice_closes_the_reporting_to_a_customer() {
    let mut f = fixture();
    fill(&mut f);
    let now = at("23-11-2026 10:00");
    let ids = [f.customers[0].0, f.customers[2].0];
    generate(f.vault.conn(), f.incident, &ids, false, now, |_, _| {}).unwrap();

    // Not while the breach may still go on.
    let mut going_on = facts();
    going_on.ongoing = Answer::Unknown;
    going_on.changes_explanation = "Onderzoek afgerond".into();
    incidents::save_draft(f.vault.conn(), f.incident, &going_on, 6, now).unwrap();
    let later = at("25-11-2026 15:00");
    let err = generate(f.vault.conn(), f.incident, &ids, true, later, |_, _| {}).unwrap_err();
    assert!(
        matches!(err, AppError::Validation { ref fields } if fields.iter().any(|e| e.field == "ongoing" && e.code == FieldCode::StillOngoing)),
        "{err:?}"
    );

    // With the facts unchanged, a final notice still closes the reporting.
    let mut ended = facts();
    ended.changes_explanation = "Het onderzoek is afgerond; er zijn geen nieuwe feiten.".into();
    incidents::save_draft(f.vault.conn(), f.incident, &ended, 6, later).unwrap();
    let closing = generate(f.vault.conn(), f.incident, &ids, true, later, |_, _| {}).unwrap();
    let nl = documents::pdf(f.vault.conn(), closing[0]).unwrap();
    assert!(
        nl.file_name.ends_with("-eindmelding.pdf"),
        "{}",
        nl.file_name
    );
    let text = flat_text(&nl.pdf);
    assert!(text.contains("Melding datalek – eindmelding"), "{text}");
    assert!(
        text.contains("hiermee sluiten wij de melding in fasen aan u af"),
        "{text}"
    );
    assert!(
        !text.contains("vullen wij aan in een vervolgmelding"),
        "{text}"
    );
    let en = documents::pdf(f.vault.conn(), closing[1]).unwrap();
    assert!(
        en.file_name.ends_with("-final-notice.pdf"),
        "{}",
        en.file_name
    );
    assert!(flat_text(&en.pdf).contains("it closes our reporting to you in phases"));

    let detail = incident_views::detail(f.vault.conn(), f.incident, later).unwrap();
    let closed = &detail
        .customers
        .iter()
        .find(|c| c.customer_id == ids[0])
        .unwrap();
    assert_eq!(closed.final_notice, Some(closing[0]));
    assert!(!closed.needs_notice);
    // The customer that got no final notice is still reported to in phases.
    let other = f.customers[1].0;
    assert_eq!(
        detail
            .customers
            .iter()
            .find(|c| c.customer_id == other)
            .unwrap()
            .final_notice,
        None
    );

    // After it, no more notices to that customer, even when the facts change.
    let mut changed = ended.clone();
    changed.measures_taken = "Extra controle ingevoerd".into();
    incidents::save_draft(f.vault.conn(), f.incident, &changed, 6, later).unwrap();
    let err = generate(
        f.vault.conn(),
        f.incident,
        &ids[..1],
        false,
        later,
        |_, _| {},
    )
    .unwrap_err();
    assert!(
        matches!(err, AppError::Validation { ref fields } if fields.iter().any(|e| e.code == FieldCode::ReportingClosed)),
        "{err:?}"
    );
    assert_eq!(
        notices::list_for_incident(f.vault.conn(), f.incident)
            .unwrap()
            .len(),
        4
    );
}

#[test]
fn a_notice_states_what_is_unknown_rather_than_leaving_it_out() {
    let mut f = fixture();
    let minimal = BreachFactsInput {
        title: "Laptop kwijt".into(),
        discovered_at: "23-11-2026 09:15".into(),
        summary: "Een laptop is gestolen uit een auto.".into(),
        kind: Some(IncidentKind::LostStolenDevice),
        contact_name: "J. Jansen".into(),
        contact_phone: "+31 20 123 4567".into(),
        ..Default::default()
    };
    let now = at("23-11-2026 10:00");
    incidents::save_draft(f.vault.conn(), f.incident, &minimal, 6, now).unwrap();
    incidents::add_customers(f.vault.conn(), f.incident, &[f.customers[0].0], now).unwrap();
    let made = generate(
        f.vault.conn(),
        f.incident,
        &[f.customers[0].0],
        false,
        now,
        |_, _| {},
    )
    .unwrap();
    let text = flat_text(&documents::pdf(f.vault.conn(), made[0]).unwrap().pdf);
    for line in [
        "Plaatsgevonden Onbekend",
        "Duurt de inbreuk nog voort? Onbekend",
        "Categorieën betrokkenen Onbekend",
        "Soorten persoonsgegevens Onbekend",
        "Aantal betrokkenen (bij benadering) Onbekend",
        "Aantal persoonsgegevensregisters (bij benadering) Onbekend",
        "Genomen maatregelen Onbekend",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(
        !text.contains("ENISA"),
        "no estimate was given, so none is shown"
    );
}

#[test]
fn generation_is_all_or_nothing_and_says_what_is_missing() {
    let mut f = fixture();
    let now = at("23-11-2026 10:00");
    let ids: Vec<i64> = f.customers.iter().map(|c| c.0).collect();
    incidents::add_customers(f.vault.conn(), f.incident, &ids, now).unwrap();
    let mut typed = facts();
    typed.summary.clear();
    typed.shared.numbers.subjects_min = "veel".into();
    incidents::save_draft(f.vault.conn(), f.incident, &typed, 3, now).unwrap();
    let err = generate(f.vault.conn(), f.incident, &ids, false, now, |_, _| {}).unwrap_err();
    let AppError::Validation { fields } = err else {
        panic!("{err:?}")
    };
    let named: Vec<(&str, FieldCode)> = fields.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert!(
        named.contains(&("summary", FieldCode::Required)),
        "{named:?}"
    );
    assert!(
        named.contains(&("shared.subjects_min", FieldCode::InvalidNumber)),
        "{named:?}"
    );
    assert_eq!(
        named.iter().filter(|(f, _)| *f == "summary").count(),
        1,
        "reported once, not per customer"
    );
    let none: u32 = f
        .vault
        .conn()
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(none, 0);
    let err = generate(f.vault.conn(), f.incident, &[], false, now, |_, _| {}).unwrap_err();
    assert!(
        matches!(err, AppError::Validation { ref fields } if fields[0].code == FieldCode::NoCustomers)
    );
}

#[test]
fn sending_updates_and_the_changes_since_the_last_notice() {
    let mut f = fixture();
    fill(&mut f);
    let ids: Vec<i64> = f.customers.iter().map(|c| c.0).collect();
    let generated = at("23-11-2026 11:00");
    let first = generate(
        f.vault.conn(),
        f.incident,
        &ids,
        false,
        generated,
        |_, _| {},
    )
    .unwrap();

    // Sending the first initial notice marks the customers as notified, with the AP clock.
    documents::record_delivery(
        f.vault.conn(),
        first[0],
        &DeliveryInput {
            sent_at: "23-11-2026 11:30".into(),
            method: SendMethod::Email,
            recipients: "privacy@1111.example".into(),
        },
        OFFICER,
        at("23-11-2026 11:31"),
    )
    .unwrap();
    assert_eq!(
        incidents::get(f.vault.conn(), f.incident).unwrap().status,
        IncidentStatus::CustomersNotified
    );
    let detail =
        incident_views::detail(f.vault.conn(), f.incident, at("23-11-2026 12:00")).unwrap();
    let c0 = detail
        .customers
        .iter()
        .find(|c| c.customer_id == ids[0])
        .unwrap();
    assert_eq!(c0.clock.state, ClockState::NotifiedInTime);
    assert_eq!(c0.clock.ap_deadline, Some(at("26-11-2026 11:30")));
    assert_eq!(c0.notices[0].deliveries[0].recorded_by, OFFICER);
    assert!(c0
        .notice_recipients
        .contains("Anna de Vries <privacy@1111.example>"));
    assert!(
        detail.customers.iter().all(|c| !c.needs_notice),
        "nothing changed yet"
    );

    // Nothing changed: no update.
    let err = generate(
        f.vault.conn(),
        f.incident,
        &[ids[0]],
        false,
        at("24-11-2026 09:00"),
        |_, _| {},
    )
    .unwrap_err();
    assert!(
        matches!(err, AppError::Validation { ref fields } if fields.iter().any(|e| e.code == FieldCode::NothingChanged)),
        "{err:?}"
    );

    // The count for the school becomes known more precisely, and the measures grow.
    let mut later = facts();
    later.measures_taken = "Verzendtaak stilgezet; koppeltabel hersteld".into();
    later.changes_explanation = "Het onderzoek is afgerond.".into();
    incidents::save_draft(
        f.vault.conn(),
        f.incident,
        &later,
        6,
        at("24-11-2026 09:00"),
    )
    .unwrap();
    let school = AffectedOverride {
        numbers: Some(NumbersInput {
            subjects_min: "318".into(),
            subjects_max: "318".into(),
            records: "4.777".into(),
        }),
        ..Default::default()
    };
    incidents::save_overrides(f.vault.conn(), f.incident, ids[1], &school).unwrap();
    let detail =
        incident_views::detail(f.vault.conn(), f.incident, at("24-11-2026 09:00")).unwrap();
    assert!(detail.customers.iter().all(|c| c.needs_notice));

    let review = preview(
        f.vault.conn(),
        f.incident,
        ids[1],
        false,
        at("24-11-2026 09:05"),
    )
    .unwrap();
    assert_eq!(review.sequence, 1);
    assert!(review.missing.is_empty(), "{:?}", review.missing);

    let update = generate(
        f.vault.conn(),
        f.incident,
        &[ids[1]],
        false,
        at("24-11-2026 09:10"),
        |_, _| {},
    )
    .unwrap();
    assert_eq!(
        incidents::get(f.vault.conn(), f.incident).unwrap().status,
        IncidentStatus::FollowUp
    );
    let text = flat_text(&documents::pdf(f.vault.conn(), update[0]).unwrap().pdf);
    for fact in [
        "Melding datalek – vervolgmelding 1",
        "Vorige melding 23-11-2026 11:00",
        "Wat is er gewijzigd sinds de vorige melding",
        "Aantallen betrokkenen en persoonsgegevensregisters",
        "Maatregelen",
        "Het onderzoek is afgerond.",
        "ongeveer 318",
        "Verzendtaak stilgezet; koppeltabel hersteld",
    ] {
        assert!(text.contains(fact), "missing {fact:?} in\n{text}");
    }
    assert!(
        !text.contains("Contactpersoon •"),
        "the contact did not change"
    );

    // Saving writes the latest notice of each customer, exactly as kept.
    let out = tempfile::tempdir().unwrap();
    assert_eq!(
        save_latest(f.vault.conn(), f.incident, out.path()).unwrap(),
        3
    );
    let saved = std::fs::read(out.path().join(format!(
        "datalek-2026-001-Basisschool-De-Vlinder-{}-vervolgmelding-1.pdf",
        ids[1]
    )))
    .unwrap();
    assert_eq!(
        saved,
        documents::pdf(f.vault.conn(), update[0]).unwrap().pdf
    );
    assert!(out
        .path()
        .join(format!(
            "breach-2026-001-Nordic-Freight-AB-{}-initial-notice.pdf",
            ids[2]
        ))
        .exists());
}

#[test]
fn the_breach_register_exports_a_csv_row_per_customer_and_a_report_per_incident() {
    let mut f = fixture();
    fill(&mut f);
    let ids: Vec<i64> = f.customers.iter().map(|c| c.0).collect();
    let made = generate(
        f.vault.conn(),
        f.incident,
        &ids,
        false,
        at("23-11-2026 11:00"),
        |_, _| {},
    )
    .unwrap();
    documents::record_delivery(
        f.vault.conn(),
        made[0],
        &DeliveryInput {
            sent_at: "23-11-2026 11:30".into(),
            method: SendMethod::Post,
            recipients: "Anna de Vries".into(),
        },
        OFFICER,
        at("23-11-2026 11:31"),
    )
    .unwrap();
    let judged = incidents::create(
        f.vault.conn(),
        &BreachFactsInput {
            title: "Testmail".into(),
            ..Default::default()
        },
        OFFICER,
        at("23-11-2026 12:00"),
    )
    .unwrap();
    let reason = StatusChangeInput {
        status: IncidentStatus::NotABreach,
        reason: "Alleen fictieve testgegevens".into(),
    };
    incidents::change_status(
        f.vault.conn(),
        judged.id,
        &reason,
        OFFICER,
        at("23-11-2026 12:05"),
    )
    .unwrap();

    let recorded_at = at("24-11-2026 08:00");
    let reported = FollowUpInput {
        reported_to_ap: Answer::Yes,
        ap_reference: "M-2026-41977".into(),
        reported_on: "23-11-2026".into(),
    };
    let save = |vault: &mut Vault, incident, customer, input: &FollowUpInput| {
        incidents::save_follow_up(vault.conn(), incident, customer, input, recorded_at)
    };
    save(&mut f.vault, f.incident, f.customers[0].0, &reported).unwrap();
    let not_reported = FollowUpInput {
        reported_to_ap: Answer::No,
        ..Default::default()
    };
    save(&mut f.vault, f.incident, f.customers[1].0, &not_reported).unwrap();
    // A reference without a report is refused and changes nothing; so is a customer that is
    // not on the incident.
    let contradicting = FollowUpInput {
        ap_reference: "M-1".into(),
        ..not_reported.clone()
    };
    assert!(matches!(
        save(&mut f.vault, f.incident, f.customers[1].0, &contradicting),
        Err(AppError::Validation { ref fields }) if fields[0].code == FieldCode::OnlyWhenReported
    ));
    assert_eq!(
        incidents::follow_ups(f.vault.conn(), f.incident).unwrap()[&f.customers[1].0].ap_reference,
        ""
    );
    assert!(matches!(
        save(&mut f.vault, judged.id, f.customers[0].0, &reported),
        Err(AppError::NotFound)
    ));

    let out = tempfile::tempdir().unwrap();
    let (folder, count) = breach_register::write(
        f.vault.conn(),
        out.path(),
        "register",
        at("24-11-2026 09:00"),
    )
    .unwrap();
    assert_eq!(count, 2);
    let csv = std::fs::read_to_string(folder.join("meldregister.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 3 + 1, "{csv}");
    assert!(
        csv.contains("2026-002,Testmail,geen datalek,Alleen fictieve testgegevens"),
        "{csv}"
    );
    assert!(csv.contains("Zorggroep Lindeboom,1200,1450,33001"), "{csv}");
    assert!(csv.contains(",ja,M-2026-41977,23-11-2026"), "{csv}");
    assert!(
        csv.lines()
            .any(|l| l.contains("Basisschool De Vlinder") && l.ends_with(",nee,,")),
        "{csv}"
    );
    assert!(csv.contains(&documents::pdf(f.vault.conn(), made[0]).unwrap().sha256));

    let report = std::fs::read(folder.join("datalek-2026-001.pdf")).unwrap();
    let (ok, check) = tool("qpdf", &["--check"], &report);
    assert!(ok, "{check}");
    let text = flat_text(&report);
    for fact in [
        "Registerverslag datalek 2026-001",
        "Status klanten gemeld",
        "Getroffen klanten (3)",
        "Basisschool De Vlinder",
        "minimaal 310 en maximaal 322",
        "verzonden 23-11-2026 11:30 per post aan Anna de Vries",
        "Klant meldde aan de AP Ja, kenmerk M-2026-41977, op 23-11-2026",
        "Statusgeschiedenis",
        OFFICER,
    ] {
        assert!(text.contains(fact), "missing {fact:?} in\n{text}");
    }
    let not_a_breach = flat_text(&std::fs::read(folder.join("datalek-2026-002.pdf")).unwrap());
    assert!(
        not_a_breach.contains("Waarom geen datalek Alleen fictieve testgegevens"),
        "{not_a_breach}"
    );
}

#[test]
fn a_tampered_notice_is_refused_when_saved() {
    let mut f = fixture();
    fill(&mut f);
    let made = generate(
        f.vault.conn(),
        f.incident,
        &[f.customers[0].0],
        false,
        at("23-11-2026 11:00"),
        |_, _| {},
    )
    .unwrap();
    // Someone with the key drops the guard and changes the bytes.
    let conn = f.vault.conn();
    conn.execute_batch("DROP TRIGGER documents_immutable")
        .unwrap();
    conn.execute(
        "UPDATE documents SET pdf = CAST('%PDF-fake' AS BLOB) WHERE id = ?1",
        [made[0]],
    )
    .unwrap();
    assert!(matches!(
        documents::pdf(conn, made[0]),
        Err(AppError::NoticeAltered)
    ));
}

#[test]
fn customers_are_picked_by_service() {
    let mut f = fixture();
    let mut other = customer("Garage Vonk", "55556666");
    other.services = "HR-app".into();
    customers::create(f.vault.conn(), &other, Utc::now()).unwrap();
    let services = customers::services(f.vault.conn()).unwrap();
    assert_eq!(
        services
            .iter()
            .map(|s| (s.name.as_str(), s.customers))
            .collect::<Vec<_>>(),
        [("HR-app", 1), ("Salarisportaal", 3)]
    );
    let ids = customers::of_service(f.vault.conn(), "salarisportaal").unwrap();
    assert_eq!(ids.len(), 3);
    incidents::add_customers(f.vault.conn(), f.incident, &ids, Utc::now()).unwrap();
    incidents::add_customers(f.vault.conn(), f.incident, &ids, Utc::now()).unwrap();
    assert_eq!(
        incidents::customers(f.vault.conn(), f.incident)
            .unwrap()
            .len(),
        3
    );
    // An unknown customer id adds nothing at all.
    let err = incidents::add_customers(f.vault.conn(), f.incident, &[ids[0], 999_999], Utc::now())
        .unwrap_err();
    assert!(matches!(err, AppError::NotFound));
}

#[test]
fn the_notices_become_email_drafts_to_each_customers_notice_contacts() {
    let mut f = fixture();
    fill(&mut f);
    let ids: Vec<i64> = f.customers.iter().map(|c| c.0).collect();
    generate(
        f.vault.conn(),
        f.incident,
        &ids,
        false,
        at("23-11-2026 11:00"),
        |_, _| {},
    )
    .unwrap();
    let number = incidents::get(f.vault.conn(), f.incident).unwrap().number;
    let latest = notices::latest_of_incident(f.vault.conn(), f.incident).unwrap();
    assert_eq!(latest.len(), 3);

    let folder = tempfile::tempdir().unwrap();
    let mut heard = Vec::new();
    let written = save_drafts(
        f.vault.conn(),
        &latest,
        folder.path(),
        at("23-11-2026 11:30"),
        |done, total| heard.push((done, total)),
    )
    .unwrap();
    assert_eq!(written.len(), 3);
    assert_eq!(
        heard,
        vec![(0, 3), (1, 3), (2, 3), (3, 3)],
        "progress per draft"
    );
    for (path, document_id) in written.iter().zip(&latest) {
        let stored = documents::pdf(f.vault.conn(), *document_id).unwrap();
        let customer = customers::get(f.vault.conn(), stored.customer_id).unwrap();
        let english = customer.notice_language == Language::En;
        assert_eq!(
            path.file_name().unwrap().to_string_lossy(),
            stored.file_name.replace(".pdf", ".eml")
        );
        let bytes = std::fs::read(path).unwrap();
        let mail = mail_parser::MessageParser::default().parse(&bytes).unwrap();
        let from = mail.from().unwrap().first().unwrap();
        assert_eq!(from.address(), Some("privacy@wolkwerk.example"));
        assert_eq!(from.name(), Some("Wolkwerk B.V."));
        let to: Vec<&str> = mail
            .to()
            .unwrap()
            .iter()
            .filter_map(|a| a.address())
            .collect();
        assert_eq!(to, vec![customer.contacts[0].email.as_str()]);
        let subject = if english {
            format!(
                "Personal data breach notice {number} – initial notice – {}",
                customer.name
            )
        } else {
            format!(
                "Melding datalek {number} – eerste melding – {}",
                customer.name
            )
        };
        assert_eq!(mail.subject(), Some(subject.as_str()));
        assert_eq!(
            mail.header_raw("X-Unsent").map(str::trim),
            Some("1"),
            "Outlook opens it as a draft"
        );
        let body = mail.body_text(0).unwrap();
        assert!(body.contains(&subject), "{body}");
        assert_eq!(body.contains("In de bijlage"), !english, "{body}");
        assert_eq!(mail.attachment_count(), 1);
        let attachment = mail.attachment(0).unwrap();
        assert_eq!(
            attachment.attachment_name(),
            Some(stored.file_name.as_str())
        );
        assert_eq!(
            attachment.content_type().map(|c| (c.ctype(), c.subtype())),
            Some(("application", Some("pdf")))
        );
        assert_eq!(
            attachment.contents(),
            stored.pdf.as_slice(),
            "the kept bytes"
        );
        assert_eq!(documents::sha256_hex(attachment.contents()), stored.sha256);
    }

    // A customer nobody receives notices for: no draft at all, and the customer is named.
    let (vlinder, name, kvk, ..) = f.customers[1];
    let mut input = customer(name, kvk);
    input.contacts[0].id = Some(customers::get(f.vault.conn(), vlinder).unwrap().contacts[0].id);
    input.contacts[0].receives_notices = false;
    customers::update(f.vault.conn(), vlinder, &input, at("23-11-2026 12:00")).unwrap();
    let empty = tempfile::tempdir().unwrap();
    match save_drafts(
        f.vault.conn(),
        &latest,
        empty.path(),
        at("23-11-2026 12:05"),
        |_, _| {},
    ) {
        Err(AppError::NoRecipients { customers }) => assert_eq!(customers, vec![name.to_string()]),
        other => panic!("expected no recipients, got {other:?}"),
    }
    assert_eq!(
        std::fs::read_dir(empty.path()).unwrap().count(),
        0,
        "nothing written"
    );

    // Without the processor's own address there is nothing to send from.
    let mut settings = dpa_desk::store::settings::get(f.vault.conn()).unwrap();
    settings.processor.email.clear();
    dpa_desk::store::settings::save(f.vault.conn(), &settings).unwrap();
    assert!(matches!(
        save_drafts(
            f.vault.conn(),
            &latest[..1],
            empty.path(),
            at("23-11-2026 12:10"),
            |_, _| {},
        ),
        Err(AppError::NoSenderAddress)
    ));
    assert_eq!(
        std::fs::read_dir(empty.path()).unwrap().count(),
        0,
        "nothing written"
    );
}
