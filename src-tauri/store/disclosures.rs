//! The disclosure register: legal demands for customer data, numbered within the year, with
//! the customers each concerns and whether they were told.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};

use super::{documents, ensure_exists, next_number};
use crate::domain::deadlines::{Deadline, DeadlineKind, Target};
use crate::domain::disclosure::{
    self, check_disclosure, informed_status, Concerned, ConcernedCustomer, Disclosure,
    DisclosureInput, DisclosureOutcome, DisclosureRecord,
};
use crate::domain::time::local_year;
use crate::domain::validation::FieldCode;
use crate::error::{AppError, AppResult};

/// Registers a request; returns its id.
pub fn create(
    conn: &mut Connection,
    input: &DisclosureInput,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let record = check_disclosure(input, now)?;
    let tx = conn.transaction()?;
    let year = local_year(record.received_at);
    let (sequence, number) = next_number(&tx, "disclosure_requests", year)?;
    tx.execute(
        "INSERT INTO disclosure_requests (year, sequence, number, authority, reference,
            received_at, legal_basis, basis_verified, requester, identity_verified, verification,
            data_requested, outcome, disclosed_what, declined_reason, created_at, updated_at)
         VALUES (?1, ?2, ?3, '', '', ?4, '', 0, '', 0, '', '', 'pending', '', '', ?5, ?5)",
        (year, sequence, number, record.received_at, now),
    )?;
    let id = tx.last_insert_rowid();
    write(&tx, id, &record, now)?;
    tx.commit()?;
    Ok(id)
}

/// Saves the request's form. A customer that was sent a notice about it stays on it.
pub fn update(
    conn: &mut Connection,
    id: i64,
    input: &DisclosureInput,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let record = check_disclosure(input, now)?;
    let tx = conn.transaction()?;
    ensure_exists(&tx, "disclosure_requests", id)?;
    let noticed: Vec<i64> = tx
        .prepare("SELECT DISTINCT customer_id FROM documents WHERE kind = ?1 AND subject_id = ?2")?
        .query_map((disclosure::NOTICE.code(), id), |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    if noticed
        .iter()
        .any(|c| !record.customers.iter().any(|k| k.customer_id == *c))
    {
        return Err(AppError::field("customers", FieldCode::AlreadyNotified));
    }
    write(&tx, id, &record, now)?;
    tx.commit()?;
    Ok(())
}

fn write(tx: &Transaction, id: i64, r: &DisclosureRecord, now: DateTime<Utc>) -> AppResult<()> {
    for c in &r.customers {
        ensure_exists(tx, "customers", c.customer_id)?;
    }
    tx.execute(
        "UPDATE disclosure_requests SET authority = ?2, reference = ?3, received_at = ?4,
            respond_by = ?5, legal_basis = ?6, basis_verified = ?7, requester = ?8,
            identity_verified = ?9, verification = ?10, data_requested = ?11, outcome = ?12,
            disclosed_at = ?13, disclosed_what = ?14, declined_reason = ?15, updated_at = ?16
         WHERE id = ?1",
        rusqlite::params![
            id,
            r.authority,
            r.reference,
            r.received_at,
            r.respond_by,
            r.legal_basis,
            r.basis_verified,
            r.requester,
            r.identity_verified,
            r.verification,
            r.data_requested,
            r.outcome.code(),
            r.disclosed_at,
            r.disclosed_what,
            r.declined_reason,
            now
        ],
    )?;
    tx.execute(
        "DELETE FROM disclosure_customers WHERE request_id = ?1",
        [id],
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO disclosure_customers (request_id, customer_id, informed_at, legally_barred,
            barred_reason) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for c in &r.customers {
        insert.execute((
            id,
            c.customer_id,
            c.informed_at,
            c.legally_barred,
            &c.barred_reason,
        ))?;
    }
    Ok(())
}

const SELECT: &str = "SELECT id, number, authority, reference, received_at, respond_by,
        legal_basis, basis_verified, requester, identity_verified, verification, data_requested,
        outcome, disclosed_at, disclosed_what, declined_reason
    FROM disclosure_requests";

fn request(row: &Row) -> rusqlite::Result<Disclosure> {
    let outcome: String = row.get(12)?;
    Ok(Disclosure {
        id: row.get(0)?,
        number: row.get(1)?,
        record: DisclosureRecord {
            authority: row.get(2)?,
            reference: row.get(3)?,
            received_at: row.get(4)?,
            respond_by: row.get(5)?,
            legal_basis: row.get(6)?,
            basis_verified: row.get(7)?,
            requester: row.get(8)?,
            identity_verified: row.get(9)?,
            verification: row.get(10)?,
            data_requested: row.get(11)?,
            customers: Vec::new(),
            outcome: DisclosureOutcome::from_code(&outcome).unwrap_or_default(),
            disclosed_at: row.get(13)?,
            disclosed_what: row.get(14)?,
            declined_reason: row.get(15)?,
        },
        concerned: Vec::new(),
    })
}

/// Adds the customers concerned, with their status and notices, to each request: three
/// queries whatever the number of requests.
fn with_customers(conn: &Connection, mut list: Vec<Disclosure>) -> AppResult<Vec<Disclosure>> {
    let ids: Vec<i64> = list.iter().map(|d| d.id).collect();
    let mut statement = conn.prepare_cached(
        "SELECT dc.request_id, dc.customer_id, dc.informed_at, dc.legally_barred,
            dc.barred_reason, c.name
         FROM disclosure_customers dc JOIN customers c ON c.id = dc.customer_id
         WHERE dc.request_id IN (SELECT value FROM json_each(?1))
         ORDER BY c.name COLLATE NOCASE, c.id",
    )?;
    let mut concerned: HashMap<i64, Vec<(Concerned, String)>> = HashMap::new();
    let rows = statement.query_map([serde_json::to_string(&ids).unwrap_or_default()], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            Concerned {
                customer_id: row.get(1)?,
                informed_at: row.get(2)?,
                legally_barred: row.get(3)?,
                barred_reason: row.get(4)?,
            },
            row.get::<_, String>(5)?,
        ))
    })?;
    for row in rows {
        let (request_id, c, name) = row?;
        concerned.entry(request_id).or_default().push((c, name));
    }
    let mut letters = documents::list_for_many(conn, &[disclosure::NOTICE], &ids)?;
    for d in &mut list {
        let rows = concerned.remove(&d.id).unwrap_or_default();
        let letters = letters.remove(&d.id).unwrap_or_default();
        d.record.customers = rows.iter().map(|(c, _)| c.clone()).collect();
        d.concerned = rows
            .into_iter()
            .map(|(concerned, customer_name)| ConcernedCustomer {
                status: informed_status(&concerned, d.record.disclosed_at),
                letters: letters
                    .iter()
                    .filter(|l| l.customer_id == concerned.customer_id)
                    .cloned()
                    .collect(),
                concerned,
                customer_name,
            })
            .collect();
    }
    Ok(list)
}

/// One request with its customers and notices.
pub fn get(conn: &Connection, id: i64) -> AppResult<Disclosure> {
    let found = conn
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], request)
        .optional()?
        .ok_or(AppError::NotFound)?;
    Ok(with_customers(conn, vec![found])?.remove(0))
}

/// The register, the latest first: every request, or those concerning one customer.
pub fn list(conn: &Connection, customer_id: Option<i64>) -> AppResult<Vec<Disclosure>> {
    let mut statement = conn.prepare_cached(&format!(
        "{SELECT} WHERE ?1 IS NULL OR id IN
            (SELECT request_id FROM disclosure_customers WHERE customer_id = ?1)
         ORDER BY received_at DESC, id DESC"
    ))?;
    let rows: Vec<Disclosure> = statement
        .query_map([customer_id], request)?
        .collect::<Result<_, _>>()?;
    with_customers(conn, rows)
}

/// The dashboard rows: customers still to be told (a day after receipt: the agreement says
/// at once), and the authority's answer date of a pending request.
pub fn deadlines(conn: &Connection) -> AppResult<Vec<Deadline>> {
    let mut statement = conn.prepare_cached(
        "SELECT r.id, r.number, r.authority, r.received_at, r.respond_by, r.outcome,
            (SELECT count(*) FROM disclosure_customers dc
             WHERE dc.request_id = r.id AND dc.informed_at IS NULL AND NOT dc.legally_barred)
         FROM disclosure_requests r
         WHERE r.outcome = 'pending' OR EXISTS (SELECT 1 FROM disclosure_customers dc
             WHERE dc.request_id = r.id AND dc.informed_at IS NULL AND NOT dc.legally_barred)",
    )?;
    let mut rows = Vec::new();
    let found = statement.query_map([], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            format!("{} {}", row.get::<_, String>(1)?, row.get::<_, String>(2)?),
            row.get::<_, DateTime<Utc>>(3)?,
            row.get::<_, Option<NaiveDate>>(4)?,
            row.get::<_, String>(5)?,
            row.get::<_, u32>(6)?,
        ))
    })?;
    for found in found {
        let (id, title, received_at, respond_by, outcome, to_inform) = found?;
        if to_inform > 0 {
            rows.push(Deadline {
                customers: to_inform,
                ..Deadline::at(
                    DeadlineKind::DisclosureInform,
                    received_at + Duration::hours(24),
                    title.clone(),
                    Target::Disclosure(id),
                )
            });
        }
        if let (Some(date), "pending") = (respond_by, outcome.as_str()) {
            rows.push(Deadline::on(
                DeadlineKind::DisclosureAnswer,
                date,
                title,
                Target::Disclosure(id),
            ));
        }
    }
    Ok(rows)
}
