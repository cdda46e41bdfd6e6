//! The registers of audits, sub-processors, transfers, ends of service, instructions, security
//! documents, disclosure requests and assistance as CSV for spreadsheets (Dutch headers, like the
//! breach register).

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use super::csv::to_csv;
use crate::documents::words::{self, Words};
use crate::domain::customer::Language;
use crate::domain::time::{display_local, file_stamp};
use crate::error::AppResult;
use crate::store::{
    assistance, audits, disclosures, events, instructions, security_documents, service_ends,
    subprocessors, transfers,
};

/// The registers are Dutch, with the words of the Dutch documents.
const W: Words = Words(Language::Nl);

fn day(date: Option<NaiveDate>) -> String {
    date.map(words::day).unwrap_or_default()
}

fn yes_no(value: bool) -> String {
    W.yes_no(value).into()
}

/// Saves a register as `<stem> <date time>.csv` into the folder the officer chose or the
/// export folder; returns its path.
pub fn save(
    conn: &Connection,
    folder: Option<&str>,
    stem: &str,
    csv: &str,
    now: DateTime<Utc>,
) -> AppResult<PathBuf> {
    let name = format!("{stem} {}.csv", file_stamp(now));
    super::save_file(conn, folder, &name, csv.as_bytes())
}

/// One row per audit and agreed measure (one row for an audit without measures).
pub fn audits_csv(conn: &Connection) -> AppResult<String> {
    let mut rows = Vec::new();
    for row in audits::list(conn, None)? {
        let a = audits::get(conn, row.id)?;
        let common = vec![
            a.number.clone(),
            a.customer_name.clone(),
            display_local(a.record.received_at),
            day(Some(a.record.requested_date)),
            day(a.record.planned_date),
            a.period.days.to_string(),
            day(Some(a.period.first_allowed_date)),
            yes_no(row.too_soon),
            a.record.auditor_firm.clone(),
            a.record.auditor_name.clone(),
            yes_no(a.record.auditor_registered),
            yes_no(a.record.auditor_confidential),
            a.record.information.clone(),
            a.record.locations.clone(),
            W.audit_status(a.record.status).into(),
            a.record.findings.clone(),
            decimal(a.record.costs_cents),
        ];
        if a.record.measures.is_empty() {
            rows.push([common.clone(), vec![String::new(); 4]].concat());
        }
        for m in &a.record.measures {
            let owner = W.measure_owner(m.owner);
            let measure = vec![
                m.description.clone(),
                owner.into(),
                day(m.due_date),
                yes_no(m.done),
            ];
            rows.push([common.clone(), measure].concat());
        }
    }
    Ok(to_csv(
        &[
            "nummer",
            "klant",
            "ontvangen op",
            "gevraagde datum",
            "afgesproken datum",
            "aankondigingstermijn (dagen)",
            "eerst mogelijke datum",
            "datum binnen termijn",
            "auditor organisatie",
            "auditor naam",
            "register-EDP-auditor",
            "geheimhouding",
            "gevraagde informatie",
            "locaties",
            "status",
            "bevindingen",
            "kosten (EUR)",
            "maatregel",
            "uitvoerder",
            "uiterlijk",
            "gereed",
        ],
        &rows,
    ))
}

/// One row per sub-processor and customer it was announced to (one row for a sub-processor
/// never announced), with each outcome at `now`.
pub fn sub_processors_csv(conn: &Connection, now: DateTime<Utc>) -> AppResult<String> {
    let time = |t: Option<DateTime<Utc>>| t.map(display_local).unwrap_or_default();
    let mut rows = Vec::new();
    for row in subprocessors::list(conn, now)? {
        let detail = subprocessors::detail(conn, row.sub_processor.id, now)?;
        let s = &detail.sub_processor;
        let status = W.sub_processor_status(s.status);
        let common = vec![
            s.record.name.clone(),
            s.record.activities.clone(),
            s.record.country.clone(),
            yes_no(s.eea),
            status.into(),
            day(s.record.start_date),
            day(s.record.end_date),
            s.record.contract_reference.clone(),
        ];
        if detail.announcements.is_empty() {
            rows.push([common.clone(), vec![String::new(); 7]].concat());
        }
        for a in &detail.announcements {
            for c in &a.customers {
                let announced = vec![
                    display_local(a.created_at),
                    day(Some(a.intended_start)),
                    c.customer_name.clone(),
                    if c.window_from_agreement {
                        c.window_days.to_string()
                    } else {
                        "geen ondertekende overeenkomst".into()
                    },
                    time(c.sent_at),
                    time(c.deadline),
                    W.outcome(c.outcome).into(),
                ];
                rows.push([common.clone(), announced].concat());
            }
        }
    }
    Ok(to_csv(
        &[
            "naam",
            "werkzaamheden",
            "land",
            "EER",
            "status",
            "startdatum",
            "einddatum",
            "contractreferentie",
            "aangekondigd op",
            "beoogde start",
            "klant",
            "bezwaartermijn (dagen)",
            "verzonden op",
            "bezwaar uiterlijk",
            "uitkomst",
        ],
        &rows,
    ))
}

/// Every approved transfer outside the EEA, and every gap (a sub-processor outside the EEA
/// working for a customer without its approval) at `now`.
pub fn transfers_csv(conn: &Connection, now: DateTime<Utc>) -> AppResult<String> {
    let mut rows: Vec<Vec<String>> = transfers::list(conn, None)?
        .into_iter()
        .map(|t| {
            let status = if t.withdrawn_on.is_some() {
                "ingetrokken"
            } else {
                "goedgekeurd"
            };
            vec![
                t.customer_name,
                t.record.recipient,
                t.record.country,
                status.into(),
                W.mechanism(t.record.mechanism).into(),
                t.record.mechanism_detail,
                day(Some(t.record.approved_on)),
                t.record.reference,
                day(t.withdrawn_on),
            ]
        })
        .collect();
    for gap in transfers::gaps(conn, None, now, None)? {
        rows.push(vec![
            gap.customer_name,
            gap.sub_processor_name,
            gap.country,
            "geen goedkeuring".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    Ok(to_csv(
        &[
            "klant",
            "ontvanger",
            "land",
            "status",
            "grondslag",
            "toelichting",
            "goedgekeurd op",
            "referentie",
            "ingetrokken op",
        ],
        &rows,
    ))
}

/// Every end of service: the date, erase or transfer, the request and when it was done.
pub fn service_ends_csv(conn: &Connection) -> AppResult<String> {
    let rows: Vec<Vec<String>> = service_ends::list(conn)?
        .into_iter()
        .map(|e| {
            let r = e.record;
            vec![
                e.customer_name,
                day(Some(r.service_end)),
                W.end_choice(r.choice).into(),
                r.transfer_what,
                day(r.requested_on),
                e.in_time.map(yes_no).unwrap_or_default(),
                day(r.done_on),
                r.reason,
            ]
        })
        .collect();
    Ok(to_csv(
        &[
            "klant",
            "einde dienstverlening",
            "keuze",
            "over te dragen",
            "verzoek ontvangen op",
            "tijdig",
            "uitgevoerd op",
            "aanleiding",
        ],
        &rows,
    ))
}

/// The instruction log: every instruction with who gave it, whether that contact was
/// designated, and any doubt.
pub fn instructions_csv(conn: &Connection) -> AppResult<String> {
    let rows: Vec<Vec<String>> = instructions::list(conn, None)?
        .into_iter()
        .map(|i| {
            let status = W.instruction_status(i.status);
            vec![
                i.customer_name,
                display_local(i.record.received_at),
                i.from,
                yes_no(i.from_designated),
                i.record.channel.code().into(),
                i.record.summary,
                i.record.attachment_reference,
                status.into(),
                i.record.doubt_reason,
                day(i.record.resolved_on),
                i.record.resolution,
            ]
        })
        .collect();
    Ok(to_csv(
        &[
            "klant",
            "ontvangen op",
            "van",
            "aangewezen contactpersoon",
            "kanaal",
            "instructie",
            "kenmerk",
            "status",
            "reden van twijfel",
            "opgelost op",
            "oplossing",
        ],
        &rows,
    ))
}

/// Every version of every customer's security document, with whether it is current and
/// when its notice was sent.
pub fn security_documents_csv(conn: &Connection) -> AppResult<String> {
    let rows: Vec<Vec<String>> = security_documents::list(conn, None)?
        .into_iter()
        .map(|d| {
            let sent = d
                .letters
                .iter()
                .flat_map(|l| l.deliveries.iter())
                .map(|x| x.sent_at)
                .min();
            vec![
                d.customer_name,
                d.record.version,
                day(Some(d.record.document_date)),
                yes_no(d.current),
                d.record.summary,
                d.record.file_reference,
                sent.map(display_local).unwrap_or_default(),
                day(d.record.review_on),
            ]
        })
        .collect();
    Ok(to_csv(
        &[
            "klant",
            "versie",
            "datum",
            "huidig",
            "wijzigingen",
            "document",
            "verzonden op",
            "herzien op",
        ],
        &rows,
    ))
}

/// The disclosure register: one row per request and customer concerned, with what was
/// verified, whether the customer was told and what was disclosed.
pub fn disclosures_csv(conn: &Connection) -> AppResult<String> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for d in disclosures::list(conn, None)? {
        let r = &d.record;
        let outcome = W.disclosure_outcome(r.outcome);
        for c in &d.concerned {
            rows.push(vec![
                d.number.clone(),
                r.authority.clone(),
                r.reference.clone(),
                display_local(r.received_at),
                day(r.respond_by),
                r.legal_basis.clone(),
                yes_no(r.basis_verified),
                r.requester.clone(),
                yes_no(r.identity_verified),
                r.data_requested.clone(),
                c.customer_name.clone(),
                W.informed(c.status).into(),
                c.concerned
                    .informed_at
                    .map(display_local)
                    .unwrap_or_default(),
                c.concerned.barred_reason.clone(),
                outcome.into(),
                r.disclosed_at.map(display_local).unwrap_or_default(),
                r.disclosed_what.clone(),
                r.declined_reason.clone(),
            ]);
        }
    }
    Ok(to_csv(
        &[
            "nummer",
            "instantie",
            "kenmerk",
            "ontvangen op",
            "antwoord gevraagd voor",
            "grondslag",
            "grondslag gecontroleerd",
            "verzoeker",
            "identiteit gecontroleerd",
            "gevraagde gegevens",
            "klant",
            "klant geïnformeerd",
            "geïnformeerd op",
            "reden wettelijk verbod",
            "uitkomst",
            "verstrekt op",
            "verstrekt",
            "reden weigering",
        ],
        &rows,
    ))
}

/// Hundredths as a Dutch decimal: `1,50`.
fn decimal(value: Option<u64>) -> String {
    value
        .map(|v| format!("{},{:02}", v / 100, v % 100))
        .unwrap_or_default()
}

/// The assistance log: every entry with its hours, costs and whether it was invoiced.
pub fn assistance_csv(conn: &Connection) -> AppResult<String> {
    let rows: Vec<Vec<String>> = assistance::list(conn, None)?
        .into_iter()
        .map(|a| {
            let status = W.assistance_status(a.status);
            vec![
                a.customer_name,
                W.assistance_kind(a.record.kind).into(),
                display_local(a.record.received_at),
                a.record.reference,
                a.record.summary,
                day(a.record.due_on),
                day(a.record.handled_on),
                decimal(a.record.hours_hundredths),
                decimal(a.record.costs_cents),
                day(a.record.invoiced_on),
                yes_no(a.record.taken_over),
                status.into(),
            ]
        })
        .collect();
    Ok(to_csv(
        &[
            "klant",
            "soort",
            "ontvangen op",
            "kenmerk",
            "omschrijving",
            "uiterlijk",
            "afgehandeld op",
            "uren",
            "kosten (euro)",
            "gefactureerd op",
            "behandeling overgenomen",
            "status",
        ],
        &rows,
    ))
}

/// The event log for an auditor: every entry as stored, with both hashes, so the chain can be
/// checked again outside the app with the recipe in `domain::event`.
pub fn event_log_csv(conn: &Connection) -> AppResult<String> {
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let mut rows = Vec::new();
    events::for_each_entry(conn, |entry| {
        let f = entry.fields;
        rows.push(vec![
            f.seq.to_string(),
            f.at,
            f.actor,
            f.entity,
            number(f.entity_id),
            number(f.customer_id),
            number(f.incident_id),
            f.action,
            f.before.unwrap_or_default(),
            f.after.unwrap_or_default(),
            entry.prev_hash,
            entry.hash,
        ]);
    })?;
    Ok(to_csv(
        &[
            "volgnummer",
            "tijdstip (UTC)",
            "door",
            "tabel",
            "rij",
            "klant",
            "incident",
            "actie",
            "voor",
            "na",
            "vorige hash",
            "hash",
        ],
        &rows,
    ))
}
