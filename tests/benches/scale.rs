//! A vault at the size of a large processor, with realistic fictional data: 10,000 customers
//! with one to three contacts, services and a signed agreement; 2,000 incidents over two
//! years with 100,000 incident–customer links and 50,000 breach notices; sub-processors,
//! audits, instructions, disclosure requests and assistance.
//!
//! Customers, templates, sub-processors and one real incident with its notices go through
//! the store as the app writes them. The bulk (agreements, incidents, links, notices and the
//! registers) is written with plain SQL in one transaction for speed; each notice reuses the
//! facts and PDF bytes of a real one, so readers parse what the app would have written.

#[path = "breach_facts.rs"]
mod breach_facts;

use chrono::{DateTime, Datelike, Duration, Utc};
use dpa_desk::domain::agreement::{TemplateVersionInput, Terms};
use dpa_desk::domain::breach::{AffectedOverride, BreachFactsInput};
use dpa_desk::domain::customer::{ContactInput, CustomerInput, Language};
use dpa_desk::domain::settings::{Processor, Settings};
use dpa_desk::domain::subprocessor::SubProcessorInput;
use dpa_desk::export::notices::generate;
use dpa_desk::store::{customers, incidents, subprocessors, templates, Vault};
use std::path::Path;

/// How much to generate.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub customers: usize,
    pub incidents: usize,
    pub links: usize,
    pub notices: usize,
}

pub const FULL: Scale = Scale {
    customers: 10_000,
    incidents: 2_000,
    links: 100_000,
    notices: 50_000,
};

pub const PASSPHRASE: &str = "schaal schaal schaal schaal";

/// A small deterministic generator, so every run builds the same vault.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PLACES: [&str; 12] = [
    "Amsterdam",
    "Rotterdam",
    "Utrecht",
    "Zwolle",
    "Groningen",
    "Eindhoven",
    "Arnhem",
    "Leiden",
    "Breda",
    "Maastricht",
    "Delft",
    "Haarlem",
];
const KINDS: [&str; 10] = [
    "Zorggroep",
    "Basisschool",
    "Bakkerij",
    "Huisartsenpraktijk",
    "Stichting",
    "Advocatenkantoor",
    "Gemeente",
    "Sportvereniging",
    "Tandartspraktijk",
    "Administratiekantoor",
];
const NAMES: [&str; 12] = [
    "Lindeboom",
    "De Vlinder",
    "Korenschoof",
    "Het Anker",
    "De Linde",
    "Zonnehoek",
    "Waterkant",
    "De Eik",
    "Horizon",
    "Kompas",
    "De Brug",
    "Noorderlicht",
];
const SERVICES: [&str; 4] = [
    "Salarisportaal",
    "Cliëntdossier",
    "Leerlingvolgsysteem",
    "Webshop",
];

fn customer(i: usize, dice: &mut Dice) -> CustomerInput {
    let place = PLACES[i % PLACES.len()];
    let name = format!(
        "{} {} {place} {i:05}",
        KINDS[dice.below(KINDS.len())],
        NAMES[dice.below(NAMES.len())]
    );
    let contacts = (0..1 + dice.below(3))
        .map(|c| ContactInput {
            id: None,
            name: format!("Contact {c} van klant {i}"),
            role: ["Privacy officer", "Directeur", "ICT"][c].into(),
            email: format!("contact{c}.{i}@klant{i}.example"),
            phone: String::new(),
            designated_for_instructions: c == 0,
            receives_notices: c == 0,
        })
        .collect();
    CustomerInput {
        name,
        kvk_number: format!("{}", 20_000_000 + i),
        address: format!("Marktstraat {}, {place}", 1 + i % 200),
        notice_language: if i.is_multiple_of(6) {
            Language::En
        } else {
            Language::Nl
        },
        service_start: "01-01-2024".into(),
        service_end: String::new(),
        services: SERVICES[i % SERVICES.len()].into(),
        contacts,
    }
}

/// The facts of a ransomware incident, as the benches use them.
pub fn breach_facts(title: &str) -> BreachFactsInput {
    BreachFactsInput {
        title: title.into(),
        ..breach_facts::facts()
    }
}

/// Creates a vault in `dir` and fills it; returns it open.
pub fn generate_vault(dir: &Path, scale: Scale) -> Vault {
    let settings = Settings {
        officer_name: "Fatima El Amrani".into(),
        processor: Processor {
            name: "Wolkwerk B.V.".into(),
            address: "Kade 4, Zwolle".into(),
            kvk_number: "87654321".into(),
            email: "privacy@wolkwerk.example".into(),
            ..Processor::default()
        },
        auto_lock_minutes: 10,
        first_notice_target_hours: 24,
        export_folder: String::new(),
        backups_to_keep: 10,
        covering_text_nl: String::new(),
        covering_text_en: String::new(),
    };
    let mut vault = Vault::create(dir, PASSPHRASE, &settings).unwrap();
    let now = Utc::now();
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15);

    let inputs: Vec<_> = (0..scale.customers)
        .map(|i| customer(i, &mut dice))
        .collect();
    customers::create_many(vault.conn(), &inputs, now).unwrap();

    let versions: Vec<i64> = ["2024.1", "2025.1"]
        .iter()
        .map(|label| {
            let input = TemplateVersionInput {
                label: (*label).into(),
                version_date: "01-01-2024".into(),
                language: Language::Nl,
                terms: Terms {
                    audit_notice_days: 30,
                    objection_window_days: 14,
                    liability_cap_eur: 1000,
                    first_notice_target_hours: 24,
                    other_terms: String::new(),
                },
                source_text: None,
                source_name: String::new(),
            };
            templates::create(vault.conn(), &input, now).unwrap().id
        })
        .collect();

    for (i, (name, country)) in [
        ("Rekenwolk GmbH", "DE"),
        ("Backup Nordic AB", "SE"),
        ("Mailstroom B.V.", "NL"),
        ("Cloudhaven Inc.", "US"),
        ("Printwerk B.V.", "NL"),
        ("Supportdesk Ltd", "GB"),
    ]
    .iter()
    .enumerate()
    {
        subprocessors::create(
            vault.conn(),
            &SubProcessorInput {
                name: (*name).into(),
                activities: format!("Dienst {i}"),
                country: (*country).into(),
                start_date: "01-01-2024".into(),
                ..Default::default()
            },
            now,
        )
        .unwrap();
    }

    // One real incident with real notices: the facts and bytes the bulk notices reuse.
    let real = incidents::create(
        vault.conn(),
        &breach_facts("Phishing op het supportaccount"),
        "Bench",
        now - Duration::days(400),
    )
    .unwrap()
    .id;
    incidents::save_draft(
        vault.conn(),
        real,
        &breach_facts("Phishing op het supportaccount"),
        6,
        now,
    )
    .unwrap();
    incidents::add_customers(vault.conn(), real, &[1, 2], now).unwrap();
    generate(vault.conn(), real, &[1, 2], false, now, |_, _| {}).unwrap();
    let (facts_json, pdf, sha256): (String, Vec<u8>, String) = vault
        .conn()
        .query_row(
            "SELECT facts_json, pdf, sha256 FROM documents WHERE incident_id = ?1 LIMIT 1",
            [real],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();

    bulk(
        &mut vault,
        scale,
        &versions,
        (&facts_json, &pdf, &sha256),
        now,
        &mut dice,
    );
    vault
}

fn at(now: DateTime<Utc>, days_ago: i64) -> DateTime<Utc> {
    now - Duration::days(days_ago)
}

fn bulk(
    vault: &mut Vault,
    scale: Scale,
    versions: &[i64],
    (facts_json, pdf, sha256): (&str, &[u8], &str),
    now: DateTime<Utc>,
    dice: &mut Dice,
) {
    let customers = scale.customers as i64;
    let overrides = serde_json::to_string(&AffectedOverride::default()).unwrap();
    let tx = vault.conn().transaction().unwrap();
    {
        let mut agreement = tx
            .prepare(
                "INSERT INTO agreements (customer_id, template_version_id, status, signed_on,
                    signed_by_name, signed_by_role, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, '2024-02-01', 'Directie', 'Bestuurder', '', ?4, ?4)",
            )
            .unwrap();
        for c in 1..=customers {
            let status = if c % 20 == 0 { "draft" } else { "signed" };
            agreement
                .execute((c, versions[(c as usize) % versions.len()], status, now))
                .unwrap();
        }

        // Every customer's security measures document, so its record of processing is
        // checked to the end (the transfer approvals it lacks).
        let mut security = tx
            .prepare(
                "INSERT INTO security_documents (customer_id, version, document_date, summary,
                    file_reference, created_at)
                 VALUES (?1, '1.0', '2024-01-15', 'Eerste versie', '', ?2)",
            )
            .unwrap();
        for c in 1..=customers {
            security.execute((c, now)).unwrap();
        }

        let mut incident = tx
            .prepare(
                "INSERT INTO incidents (year, sequence, number, title, status, not_a_breach_reason,
                    discovered_at, facts_json, wizard_step, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, '', ?6, ?7, 6, ?6, ?6)",
            )
            .unwrap();
        let mut link = tx
            .prepare(
                "INSERT OR IGNORE INTO incident_customers (incident_id, customer_id, overrides_json,
                    added_at) VALUES (?1, ?2, ?3, ?4)",
            )
            .unwrap();
        let mut notice = tx
            .prepare(
                "INSERT INTO documents (kind, subject_id, incident_id, customer_id, version,
                    language, generated_at, generated_by, facts_json, pdf, sha256, file_name)
                 VALUES ('breach_notice', ?1, ?1, ?2, 0, 'nl', ?3, 'Bench', ?4, ?5, ?6, ?7)",
            )
            .unwrap();
        let statuses = [
            "closed",
            "closed",
            "closed",
            "not_a_breach",
            "customers_notified",
            "assessing",
            "reported_internally",
            "follow_up",
        ];
        let per_incident = scale.links / scale.incidents;
        let notices_per_incident = scale.notices / scale.incidents;
        let mut sequence_in_year: std::collections::HashMap<i32, u32> = tx
            .prepare("SELECT year, max(sequence) FROM incidents GROUP BY year")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for i in 0..scale.incidents {
            // Spread over the last two years, the newest last; a few large ones.
            let discovered = at(now, 730 - (i as i64 * 730 / scale.incidents as i64));
            let year = discovered.year();
            let sequence = sequence_in_year.entry(year).or_insert(0);
            *sequence += 1;
            let title = format!(
                "Incident {i}: {}",
                [
                    "phishing",
                    "verkeerd verstuurd",
                    "laptop gestolen",
                    "ransomware"
                ][i % 4]
            );
            let status = if i + 20 >= scale.incidents {
                statuses[4 + i % 4]
            } else if i % 8 == 3 {
                // One in eight older incidents was judged no breach; the rest are closed.
                statuses[3]
            } else {
                statuses[i % 3]
            };
            let facts = serde_json::to_string(&breach_facts(&title)).unwrap();
            incident
                .execute((
                    year,
                    *sequence,
                    format!("{year}-{:03}", sequence),
                    &title,
                    status,
                    discovered,
                    facts,
                ))
                .unwrap();
            let id = tx.last_insert_rowid();
            let start = dice.below(scale.customers) as i64;
            for k in 0..per_incident as i64 {
                let customer = 1 + (start + k * 7) % customers;
                link.execute((id, customer, &overrides, discovered))
                    .unwrap();
                if (k as usize) < notices_per_incident
                    && status != "reported_internally"
                    && status != "not_a_breach"
                    && status != "assessing"
                {
                    notice
                        .execute((
                            id,
                            customer,
                            discovered + Duration::hours(5),
                            facts_json,
                            pdf,
                            sha256,
                            format!("datalek-{year}-{sequence:03}-klant-{customer}.pdf"),
                        ))
                        .unwrap();
                }
            }
        }

        let mut audit = tx
            .prepare(
                "INSERT INTO audits (year, sequence, number, customer_id, received_at, requested_date,
                    planned_date, auditor_firm, auditor_name, auditor_registered, auditor_confidential,
                    information, locations, reason, status, findings, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, 'Toetsing & Co', 'R. Kramer RE', 1, 1,
                    'Toegangslogboeken', 'Datacentrum Zwolle', 'Jaarlijkse controle', ?7, '', ?5, ?5)",
            )
            .unwrap();
        for a in 0..1_000_i64 {
            let received = at(now, 700 - a * 7 / 10);
            let status = if a > 980 { "planned" } else { "closed" };
            let year = received.year();
            audit
                .execute((
                    year,
                    10_000 + a,
                    format!("A{year}-{a:04}"),
                    1 + a * 9 % customers,
                    received,
                    (received + Duration::days(45)).date_naive(),
                    status,
                ))
                .unwrap();
        }

        let mut instruction = tx
            .prepare(
                "INSERT INTO instructions (customer_id, received_at, contact_id, from_name, channel,
                    summary, attachment_reference, doubt, doubt_reason, resolved_on, resolution,
                    created_at, updated_at)
                 VALUES (?1, ?2, NULL, 'Afzender', 'email', 'Bewaartermijn aanpassen', '', 0, '',
                    NULL, '', ?2, ?2)",
            )
            .unwrap();
        let mut assistance = tx
            .prepare(
                "INSERT INTO assistance (customer_id, kind, received_at, reference, summary, due_on,
                    handled_on, hours_hundredths, costs_cents, invoiced_on, taken_over, created_at,
                    updated_at)
                 VALUES (?1, 'access', ?2, '', 'Inzageverzoek', ?3, ?4, 150, 14250, NULL, 0, ?2, ?2)",
            )
            .unwrap();
        for n in 0..3_000_i64 {
            let received = at(now, 700 - n * 7 / 30);
            instruction
                .execute((1 + n * 3 % customers, received))
                .unwrap();
            let handled = (n < 2_980).then(|| (received + Duration::days(5)).date_naive());
            assistance
                .execute((
                    1 + n * 11 % customers,
                    received,
                    (received + Duration::days(30)).date_naive(),
                    handled,
                ))
                .unwrap();
        }

        let mut disclosure = tx
            .prepare(
                "INSERT INTO disclosure_requests (year, sequence, number, authority, reference,
                    received_at, legal_basis, basis_verified, requester, identity_verified,
                    verification, data_requested, outcome, disclosed_at, disclosed_what,
                    declined_reason, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'Politie', '', ?4, 'Art. 126nd Sv', 1, 'Officier van justitie',
                    1, '', 'Inloggegevens', 'disclosed', ?4, 'Logbestand', '', ?4, ?4)",
            )
            .unwrap();
        let mut concerned = tx
            .prepare(
                "INSERT INTO disclosure_customers (request_id, customer_id, informed_at,
                    legally_barred, barred_reason) VALUES (?1, ?2, ?3, 0, '')",
            )
            .unwrap();
        for d in 0..200_i64 {
            let received = at(now, 700 - d * 3);
            let year = received.year();
            disclosure
                .execute((year, 10_000 + d, format!("V{year}-{d:03}"), received))
                .unwrap();
            let id = tx.last_insert_rowid();
            concerned
                .execute((id, 1 + d * 37 % customers, received))
                .unwrap();
        }
    }
    tx.commit().unwrap();
}
