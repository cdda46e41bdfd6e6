//! The incident register: incidents with their draft facts, status history and affected
//! customers with their own facts.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::{ensure_exists, from_json, json, next_number};
use crate::domain::breach::{
    check_draft_size, discovered_at, AffectedOverride, Answer, BreachFactsInput,
};
use crate::domain::follow_up::{check_follow_up, FollowUp, FollowUpInput};
use crate::domain::incident::{
    check_status_change, Incident, IncidentStatus, StatusChange, StatusChangeInput, WIZARD_STEPS,
};
use crate::domain::time::{local_date, local_year};
use crate::domain::validation::FieldCode;
use crate::error::{AppError, AppResult};

const SELECT: &str = "SELECT id, number, title, status, not_a_breach_reason, discovered_at,
        wizard_step, created_at, updated_at
    FROM incidents";

/// Registers a new incident, numbered within the year, as *reported internally*.
pub fn create(
    conn: &mut Connection,
    facts: &BreachFactsInput,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<Incident> {
    let tx = conn.transaction()?;
    let year = local_year(now);
    let (sequence, number) = next_number(&tx, "incidents", year)?;
    tx.execute(
        "INSERT INTO incidents (year, sequence, number, title, status, not_a_breach_reason,
            facts_json, wizard_step, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'reported_internally', '', ?5, 1, ?6, ?6)",
        (
            year,
            sequence,
            number,
            facts.title.trim(),
            json(facts)?,
            now,
        ),
    )?;
    let id = tx.last_insert_rowid();
    set_status(
        &tx,
        id,
        IncidentStatus::ReportedInternally,
        "",
        officer,
        now,
    )?;
    tx.commit()?;
    get(conn, id)
}

pub fn get(conn: &Connection, id: i64) -> AppResult<Incident> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], incident)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Every incident, the most recently registered first.
pub fn list(conn: &Connection) -> AppResult<Vec<Incident>> {
    select(conn, Which::All)
}

/// Which incidents to read.
#[derive(Debug, Clone, Copy)]
pub enum Which {
    All,
    /// Neither closed nor judged no breach.
    Open,
    /// A page of all, the most recent first.
    Page {
        offset: u32,
        limit: u32,
    },
}

const OPEN: &str = "status NOT IN ('closed', 'not_a_breach')";

/// The incidents asked for, the most recently registered first.
pub fn select(conn: &Connection, which: Which) -> AppResult<Vec<Incident>> {
    let (filter, offset, limit) = match which {
        Which::All => ("1", 0, -1),
        Which::Open => (OPEN, 0, -1),
        Which::Page { offset, limit } => ("1", offset, i64::from(limit)),
    };
    let mut statement = conn.prepare_cached(&format!(
        "{SELECT} WHERE {filter} ORDER BY year DESC, sequence DESC LIMIT ?2 OFFSET ?1"
    ))?;
    let rows = statement.query_map((offset, limit), incident)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many incidents there are.
pub fn count(conn: &Connection) -> AppResult<u32> {
    Ok(conn.query_row("SELECT count(*) FROM incidents", [], |row| row.get(0))?)
}

/// The wizard's form as last saved.
pub fn facts(conn: &Connection, id: i64) -> AppResult<BreachFactsInput> {
    let text: String = conn
        .query_row(
            "SELECT facts_json FROM incidents WHERE id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    from_json(&text)
}

/// Saves the wizard's form as typed (refused only when too large, [`check_draft_size`]), with
/// the discovery moment when it reads as one and the step the officer is on. A closed
/// incident is reopened first.
pub fn save_draft(
    conn: &Connection,
    id: i64,
    facts: &BreachFactsInput,
    wizard_step: u8,
    now: DateTime<Utc>,
) -> AppResult<Incident> {
    check_draft_size(facts)?;
    ensure_open(conn, id)?;
    let discovered_at = discovered_at(facts, now);
    let wizard_step = wizard_step.clamp(*WIZARD_STEPS.start(), *WIZARD_STEPS.end());
    conn.execute(
        "UPDATE incidents SET title = ?2, facts_json = ?3, discovered_at = ?4, wizard_step = ?5,
            updated_at = ?6
         WHERE id = ?1",
        (
            id,
            facts.title.trim(),
            json(facts)?,
            discovered_at,
            wizard_step,
            now,
        ),
    )?;
    get(conn, id)
}

/// `IncidentClosed` when the incident is closed or not a breach: its facts and customers
/// stay as they were until it is reopened.
pub fn ensure_open(conn: &Connection, id: i64) -> AppResult<()> {
    if get(conn, id)?.status.is_open() {
        Ok(())
    } else {
        Err(AppError::IncidentClosed)
    }
}

/// Moves the incident along its status flow, recording who did it and when.
pub fn change_status(
    conn: &mut Connection,
    id: i64,
    input: &StatusChangeInput,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<Incident> {
    let tx = conn.transaction()?;
    let current = get(&tx, id)?;
    let reason = check_status_change(current.status, input)?;
    if input.status == IncidentStatus::NotABreach && notice_count(&tx, id)? > 0 {
        return Err(AppError::field("status", FieldCode::AlreadyNotified));
    }
    set_status(&tx, id, input.status, &reason, officer, now)?;
    tx.commit()?;
    get(conn, id)
}

/// Sets a status and records the change, inside a larger transaction (e.g. when the first
/// notice is sent).
pub fn set_status(
    tx: &Connection,
    id: i64,
    status: IncidentStatus,
    reason: &str,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let not_a_breach_reason = if status == IncidentStatus::NotABreach {
        reason
    } else {
        ""
    };
    tx.execute(
        "UPDATE incidents SET status = ?2, not_a_breach_reason = ?3, updated_at = ?4
         WHERE id = ?1",
        (id, status.code(), not_a_breach_reason, now),
    )?;
    tx.execute(
        "INSERT INTO incident_status_changes (incident_id, status, reason, changed_at,
            changed_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        (id, status.code(), reason, now, officer),
    )?;
    Ok(())
}

/// Every status the incident had, oldest first.
pub fn history(conn: &Connection, id: i64) -> AppResult<Vec<StatusChange>> {
    let mut statement = conn.prepare(
        "SELECT status, reason, changed_at, changed_by FROM incident_status_changes
         WHERE incident_id = ?1 ORDER BY id",
    )?;
    let rows = statement.query_map([id], |row| {
        let status: String = row.get(0)?;
        Ok(StatusChange {
            status: IncidentStatus::from_code(&status)
                .unwrap_or(IncidentStatus::ReportedInternally),
            reason: row.get(1)?,
            changed_at: row.get(2)?,
            changed_by: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The incident's customers with what differs for each, by name.
pub fn customers(conn: &Connection, id: i64) -> AppResult<Vec<(i64, AffectedOverride)>> {
    let mut statement = conn.prepare(
        "SELECT ic.customer_id, ic.overrides_json FROM incident_customers ic
         JOIN customers c ON c.id = ic.customer_id
         WHERE ic.incident_id = ?1 ORDER BY c.name COLLATE NOCASE, c.id",
    )?;
    let rows = statement.query_map([id], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
    })?;
    rows.map(|row| {
        let (customer_id, text) = row?;
        Ok((customer_id, from_json(&text)?))
    })
    .collect()
}

/// Adds customers to the incident, all or none; those already on it stay as they are.
pub fn add_customers(
    conn: &mut Connection,
    id: i64,
    customer_ids: &[i64],
    now: DateTime<Utc>,
) -> AppResult<()> {
    let tx = conn.transaction()?;
    ensure_open(&tx, id)?;
    {
        let mut insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO incident_customers (incident_id, customer_id, overrides_json,
                added_at)
             SELECT ?1, id, '{}', ?3 FROM customers WHERE id = ?2",
        )?;
        for customer_id in customer_ids {
            if insert.execute((id, customer_id, now))? == 0 {
                ensure_exists(&tx, "customers", *customer_id)?;
            }
        }
    }
    tx.execute(
        "UPDATE incidents SET updated_at = ?2 WHERE id = ?1",
        (id, now),
    )?;
    tx.commit()?;
    Ok(())
}

/// Takes a customer off the incident, unless it was sent a notice about it.
pub fn remove_customer(conn: &mut Connection, id: i64, customer_id: i64) -> AppResult<()> {
    let tx = conn.transaction()?;
    ensure_open(&tx, id)?;
    let notices: u32 = tx.query_row(
        "SELECT count(*) FROM documents
         WHERE kind = 'breach_notice' AND subject_id = ?1 AND customer_id = ?2",
        (id, customer_id),
        |row| row.get(0),
    )?;
    if notices > 0 {
        return Err(AppError::field("customers", FieldCode::AlreadyNotified));
    }
    let removed = tx.execute(
        "DELETE FROM incident_customers WHERE incident_id = ?1 AND customer_id = ?2",
        (id, customer_id),
    )?;
    if removed == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit()?;
    Ok(())
}

/// Saves what differs for one customer of the incident (refused only when too large).
pub fn save_overrides(
    conn: &Connection,
    id: i64,
    customer_id: i64,
    overrides: &AffectedOverride,
) -> AppResult<()> {
    check_draft_size(overrides)?;
    ensure_open(conn, id)?;
    let changed = conn.execute(
        "UPDATE incident_customers SET overrides_json = ?3
         WHERE incident_id = ?1 AND customer_id = ?2",
        (id, customer_id, json(overrides)?),
    )?;
    if changed == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// What each customer of the incident did next, by customer id.
pub fn follow_ups(conn: &Connection, id: i64) -> AppResult<HashMap<i64, FollowUp>> {
    let mut statement = conn.prepare_cached(
        "SELECT customer_id, ap_reported, ap_reference, ap_reported_on, follow_up_recorded_at
         FROM incident_customers WHERE incident_id = ?1",
    )?;
    let rows = statement.query_map([id], |row| {
        let reported: String = row.get(1)?;
        Ok((
            row.get::<_, i64>(0)?,
            FollowUp {
                reported_to_ap: Answer::from_code(&reported),
                ap_reference: row.get(2)?,
                reported_on: row.get(3)?,
                recorded_at: row.get(4)?,
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records what the customer did next, checked first; also on a closed incident, as the
/// customer may tell us long after.
pub fn save_follow_up(
    conn: &Connection,
    id: i64,
    customer_id: i64,
    input: &FollowUpInput,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let follow_up = check_follow_up(input, now, local_date(now))?;
    let changed = conn.execute(
        "UPDATE incident_customers SET ap_reported = ?3, ap_reference = ?4, ap_reported_on = ?5,
            follow_up_recorded_at = ?6
         WHERE incident_id = ?1 AND customer_id = ?2",
        (
            id,
            customer_id,
            follow_up.reported_to_ap.code(),
            &follow_up.ap_reference,
            follow_up.reported_on,
            follow_up.recorded_at,
        ),
    )?;
    if changed == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Per affected customer of every incident: the first-notice target of its signed
/// agreement's terms (if any) and when its initial notice was first sent.
pub fn clock_inputs(conn: &Connection, incident_ids: &[i64]) -> AppResult<Vec<ClockInput>> {
    let mut statement = conn.prepare_cached(
        "SELECT ic.incident_id, ic.customer_id,
            (SELECT v.first_notice_target_hours FROM agreements a
             JOIN template_versions v ON v.id = a.template_version_id
             WHERE a.customer_id = ic.customer_id AND a.status = 'signed'),
            (SELECT min(s.sent_at) FROM documents n
             JOIN document_deliveries s ON s.document_id = n.id
             WHERE n.kind = 'breach_notice' AND n.subject_id = ic.incident_id
               AND n.customer_id = ic.customer_id AND n.version = 0)
         FROM incident_customers ic
         WHERE ic.incident_id IN (SELECT value FROM json_each(?1))",
    )?;
    let ids = serde_json::to_string(incident_ids).unwrap_or_default();
    let rows = statement.query_map([ids], |row| {
        Ok(ClockInput {
            incident_id: row.get(0)?,
            customer_id: row.get(1)?,
            agreement_target_hours: row.get(2)?,
            notified_at: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What a customer's clock is computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockInput {
    pub incident_id: i64,
    pub customer_id: i64,
    pub agreement_target_hours: Option<u32>,
    pub notified_at: Option<DateTime<Utc>>,
}

fn notice_count(conn: &Connection, id: i64) -> AppResult<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM documents WHERE kind = 'breach_notice' AND subject_id = ?1",
        [id],
        |row| row.get(0),
    )?)
}

fn incident(row: &Row) -> rusqlite::Result<Incident> {
    let status: String = row.get(3)?;
    Ok(Incident {
        id: row.get(0)?,
        number: row.get(1)?,
        title: row.get(2)?,
        status: IncidentStatus::from_code(&status).unwrap_or(IncidentStatus::ReportedInternally),
        not_a_breach_reason: row.get(4)?,
        discovered_at: row.get(5)?,
        wizard_step: row.get(6)?,
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
    })
}
