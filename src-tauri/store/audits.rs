//! Audit requests with their agreed measures.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::{documents, ensure_exists, next_number, templates};
use crate::domain::audit::{
    self, check_audit, first_allowed_audit_date, Audit, AuditInput, AuditRecord, AuditRow,
    AuditStatus, Measure, MeasureOwner, DEFAULT_AUDIT_NOTICE_DAYS,
};
use crate::domain::time::local_year;
use crate::error::{AppError, AppResult};

/// Registers an audit request, numbered within the year; returns its id.
pub fn create(conn: &mut Connection, input: &AuditInput, now: DateTime<Utc>) -> AppResult<i64> {
    let record = check_audit(input, None, now)?;
    let tx = conn.transaction()?;
    ensure_exists(&tx, "customers", record.customer_id)?;
    let year = local_year(now);
    let (sequence, number) = next_number(&tx, "audits", year)?;
    tx.execute(
        "INSERT INTO audits (year, sequence, number, customer_id, received_at, requested_date,
            auditor_firm, auditor_name, auditor_registered, auditor_confidential, information,
            locations, reason, status, findings, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', '', 0, 0, '', '', '', 'received', '', ?7, ?7)",
        (
            year,
            sequence,
            number,
            record.customer_id,
            record.received_at,
            record.requested_date,
            now,
        ),
    )?;
    let id = tx.last_insert_rowid();
    write(&tx, id, &record, now)?;
    tx.commit()?;
    Ok(id)
}

/// Saves the audit form; the status may only take an allowed step.
pub fn update(
    conn: &mut Connection,
    id: i64,
    input: &AuditInput,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let tx = conn.transaction()?;
    let (current, customer_id) = status_and_customer(&tx, id)?;
    let record = check_audit(input, Some(current), now)?;
    if record.customer_id != customer_id {
        // The customer of an audit does not change: a request to another customer is another audit.
        return Err(AppError::field(
            "customer_id",
            crate::domain::validation::FieldCode::InvalidTransition,
        ));
    }
    write(&tx, id, &record, now)?;
    tx.commit()?;
    Ok(())
}

fn write(conn: &Connection, id: i64, record: &AuditRecord, now: DateTime<Utc>) -> AppResult<()> {
    conn.execute(
        "UPDATE audits SET received_at = ?2, requested_date = ?3, planned_date = ?4,
            auditor_firm = ?5, auditor_name = ?6, auditor_registered = ?7,
            auditor_confidential = ?8, information = ?9, locations = ?10, reason = ?11,
            status = ?12, findings = ?13, costs_cents = ?14, updated_at = ?15
         WHERE id = ?1",
        rusqlite::params![
            id,
            record.received_at,
            record.requested_date,
            record.planned_date,
            record.auditor_firm,
            record.auditor_name,
            record.auditor_registered,
            record.auditor_confidential,
            record.information,
            record.locations,
            record.reason,
            record.status.code(),
            record.findings,
            record.costs_cents.map(|c| c as i64),
            now,
        ],
    )?;
    conn.execute("DELETE FROM audit_measures WHERE audit_id = ?1", [id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO audit_measures (audit_id, position, description, owner, due_date, done)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, m) in record.measures.iter().enumerate() {
        insert.execute((
            id,
            position as i64,
            &m.description,
            m.owner.code(),
            m.due_date,
            m.done,
        ))?;
    }
    Ok(())
}

fn status_and_customer(conn: &Connection, id: i64) -> AppResult<(AuditStatus, i64)> {
    let (status, customer): (String, i64) = conn
        .query_row(
            "SELECT status, customer_id FROM audits WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    Ok((
        AuditStatus::from_code(&status).unwrap_or_default(),
        customer,
    ))
}

/// An audit row as kept: number, customer name, the record, created and updated at.
struct Stored(String, String, AuditRecord, (DateTime<Utc>, DateTime<Utc>));

fn stored(conn: &Connection, id: i64) -> AppResult<Stored> {
    let mut found = conn
        .query_row(
            "SELECT a.number, c.name, a.customer_id, a.received_at, a.requested_date,
                a.planned_date, a.auditor_firm, a.auditor_name, a.auditor_registered,
                a.auditor_confidential, a.information, a.locations, a.reason, a.status,
                a.findings, a.costs_cents, a.created_at, a.updated_at
             FROM audits a JOIN customers c ON c.id = a.customer_id WHERE a.id = ?1",
            [id],
            |row| {
                let status: String = row.get(13)?;
                let costs: Option<i64> = row.get(15)?;
                Ok(Stored(
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    AuditRecord {
                        customer_id: row.get(2)?,
                        received_at: row.get(3)?,
                        requested_date: row.get(4)?,
                        planned_date: row.get(5)?,
                        auditor_firm: row.get(6)?,
                        auditor_name: row.get(7)?,
                        auditor_registered: row.get(8)?,
                        auditor_confidential: row.get(9)?,
                        information: row.get(10)?,
                        locations: row.get(11)?,
                        reason: row.get(12)?,
                        status: AuditStatus::from_code(&status).unwrap_or_default(),
                        findings: row.get(14)?,
                        measures: Vec::new(),
                        costs_cents: costs.map(|c| c as u64),
                    },
                    (row.get(16)?, row.get(17)?),
                ))
            },
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    let mut statement = conn.prepare_cached(
        "SELECT description, owner, due_date, done FROM audit_measures
         WHERE audit_id = ?1 ORDER BY position",
    )?;
    found.2.measures = statement
        .query_map([id], measure)?
        .collect::<Result<_, _>>()?;
    Ok(found)
}

fn measure(row: &Row) -> rusqlite::Result<Measure> {
    let owner: String = row.get(1)?;
    Ok(Measure {
        description: row.get(0)?,
        owner: MeasureOwner::from_code(&owner).unwrap_or_default(),
        due_date: row.get(2)?,
        done: row.get(3)?,
    })
}

/// The audit's page: the record, its notice period from the customer's own terms, and its
/// notices.
pub fn get(conn: &Connection, id: i64) -> AppResult<Audit> {
    let Stored(number, customer_name, record, times) = stored(conn, id)?;
    let days = templates::signed_terms(conn, record.customer_id)?.map(|t| t.audit_notice_days);
    let letters = documents::list_for(conn, &[audit::ACKNOWLEDGEMENT, audit::FINDINGS], id)?;
    Ok(Audit::view(
        id,
        number,
        customer_name,
        record,
        days,
        letters,
        times,
    ))
}

/// Every audit, the latest received first, optionally of one customer.
pub fn list(conn: &Connection, customer_id: Option<i64>) -> AppResult<Vec<AuditRow>> {
    let mut statement = conn.prepare_cached(
        "SELECT a.id, a.number, a.customer_id, c.name, a.received_at, a.requested_date,
            a.planned_date, a.status,
            (SELECT count(*) FROM audit_measures m WHERE m.audit_id = a.id AND NOT m.done),
            (SELECT v.audit_notice_days FROM agreements g
             JOIN template_versions v ON v.id = g.template_version_id
             WHERE g.customer_id = a.customer_id AND g.status = 'signed')
         FROM audits a JOIN customers c ON c.id = a.customer_id
         WHERE ?1 IS NULL OR a.customer_id = ?1
         ORDER BY a.received_at DESC, a.id DESC",
    )?;
    let rows = statement.query_map([customer_id], |row| {
        let status: String = row.get(7)?;
        let received_at: DateTime<Utc> = row.get(4)?;
        let requested_date: NaiveDate = row.get(5)?;
        let planned_date: Option<NaiveDate> = row.get(6)?;
        let days: Option<u32> = row.get(9)?;
        let first =
            first_allowed_audit_date(received_at, days.unwrap_or(DEFAULT_AUDIT_NOTICE_DAYS));
        Ok(AuditRow {
            id: row.get(0)?,
            number: row.get(1)?,
            customer_id: row.get(2)?,
            customer_name: row.get(3)?,
            received_at,
            requested_date,
            planned_date,
            status: AuditStatus::from_code(&status).unwrap_or_default(),
            too_soon: planned_date.unwrap_or(requested_date) < first,
            open_measures: row.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
