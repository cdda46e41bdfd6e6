//! The assistance log: help with data subjects' requests and AP investigations, and the
//! complaints customers passed on, per customer with hours and costs.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::ensure_exists;
use crate::domain::assistance::{
    assistance_status, check_assistance, Assistance, AssistanceInput, AssistanceKind,
    AssistanceRecord, DueBasis,
};
use crate::domain::deadlines::{Deadline, DeadlineKind, Target};
use crate::error::{AppError, AppResult};

/// Logs an entry; returns its id.
pub fn create(
    conn: &Connection,
    customer_id: i64,
    input: &AssistanceInput,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let record = check_assistance(input, now)?;
    ensure_exists(conn, "customers", customer_id)?;
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "INSERT INTO assistance (customer_id, kind, received_at, reference, summary, taken_over,
            created_at, updated_at)
         VALUES (?1, 'access', ?2, '', '', 0, ?3, ?3)",
        (customer_id, record.received_at, now),
    )?;
    let id = tx.last_insert_rowid();
    write(&tx, id, &record, now)?;
    tx.commit()?;
    Ok(id)
}

/// Changes an entry: handled, hours and costs, invoiced, a correction.
pub fn update(
    conn: &Connection,
    id: i64,
    input: &AssistanceInput,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let record = check_assistance(input, now)?;
    ensure_exists(conn, "assistance", id)?;
    write(conn, id, &record, now)
}

fn write(conn: &Connection, id: i64, r: &AssistanceRecord, now: DateTime<Utc>) -> AppResult<()> {
    conn.execute(
        "UPDATE assistance SET kind = ?2, received_at = ?3, reference = ?4, summary = ?5,
            due_on = ?6, handled_on = ?7, hours_hundredths = ?8, costs_cents = ?9,
            invoiced_on = ?10, taken_over = ?11, updated_at = ?12, subject_asked_on = ?13,
            due_basis = ?14
         WHERE id = ?1",
        rusqlite::params![
            id,
            r.kind.code(),
            r.received_at,
            r.reference,
            r.summary,
            r.due_on,
            r.handled_on,
            r.hours_hundredths.map(|h| h as i64),
            r.costs_cents.map(|c| c as i64),
            r.invoiced_on,
            r.taken_over,
            now,
            r.subject_asked_on,
            r.due_basis.map(DueBasis::code)
        ],
    )?;
    Ok(())
}

const SELECT: &str = "SELECT a.id, a.customer_id, c.name, a.kind, a.received_at, a.reference,
        a.summary, a.due_on, a.handled_on, a.hours_hundredths, a.costs_cents, a.invoiced_on,
        a.taken_over, a.subject_asked_on, a.due_basis
    FROM assistance a JOIN customers c ON c.id = a.customer_id";

fn entry(row: &Row) -> rusqlite::Result<Assistance> {
    let kind: String = row.get(3)?;
    let record = AssistanceRecord {
        kind: AssistanceKind::from_code(&kind).unwrap_or_default(),
        received_at: row.get(4)?,
        reference: row.get(5)?,
        summary: row.get(6)?,
        subject_asked_on: row.get(13)?,
        due_on: row.get(7)?,
        due_basis: row
            .get::<_, Option<String>>(14)?
            .as_deref()
            .and_then(DueBasis::from_code),
        handled_on: row.get(8)?,
        hours_hundredths: row.get::<_, Option<i64>>(9)?.map(|h| h as u64),
        costs_cents: row.get::<_, Option<i64>>(10)?.map(|c| c as u64),
        invoiced_on: row.get(11)?,
        taken_over: row.get(12)?,
    };
    Ok(Assistance {
        id: row.get(0)?,
        customer_id: row.get(1)?,
        customer_name: row.get(2)?,
        status: assistance_status(&record),
        record,
    })
}

pub fn get(conn: &Connection, id: i64) -> AppResult<Assistance> {
    conn.query_row(&format!("{SELECT} WHERE a.id = ?1"), [id], entry)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// The log, the latest first, of one customer or of all.
pub fn list(conn: &Connection, customer_id: Option<i64>) -> AppResult<Vec<Assistance>> {
    let mut statement = conn.prepare_cached(&format!(
        "{SELECT} WHERE ?1 IS NULL OR a.customer_id = ?1 ORDER BY a.received_at DESC, a.id DESC"
    ))?;
    let rows = statement.query_map([customer_id], entry)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The dashboard rows: every entry not handled yet that has a due date.
pub fn deadlines(conn: &Connection) -> AppResult<Vec<Deadline>> {
    let mut statement = conn.prepare_cached(
        "SELECT a.customer_id, c.name, a.due_on FROM assistance a
         JOIN customers c ON c.id = a.customer_id
         WHERE a.handled_on IS NULL AND a.due_on IS NOT NULL",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(Deadline::on(
            DeadlineKind::AssistanceDue,
            row.get(2)?,
            row.get(1)?,
            Target::Customer(row.get(0)?),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
