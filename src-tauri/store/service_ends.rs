//! The end of a customer's service. Its date is the customer's own service end, so the
//! customer form and this register never disagree.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::{documents, ensure_exists};
use crate::domain::deadlines::{Deadline, DeadlineKind, Target};
use crate::domain::service_end::{
    self, check_service_end, EndChoice, ServiceEnd, ServiceEndInput, ServiceEndRecord,
};
use crate::domain::time::local_date;
use crate::error::AppResult;

/// Records or changes the customer's end of service and sets its service end date.
pub fn save(
    conn: &mut Connection,
    customer_id: i64,
    input: &ServiceEndInput,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let r = check_service_end(input, local_date(now))?;
    let tx = conn.transaction()?;
    ensure_exists(&tx, "customers", customer_id)?;
    tx.execute(
        "INSERT INTO service_ends (customer_id, choice, transfer_what, requested_on, done_on,
            reason, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
         ON CONFLICT (customer_id) DO UPDATE SET choice = ?2, transfer_what = ?3,
            requested_on = ?4, done_on = ?5, reason = ?6, updated_at = ?7",
        rusqlite::params![
            customer_id,
            r.choice.code(),
            r.transfer_what,
            r.requested_on,
            r.done_on,
            r.reason,
            now
        ],
    )?;
    tx.execute(
        "UPDATE customers SET service_end = ?2, updated_at = ?3 WHERE id = ?1",
        (customer_id, r.service_end, now),
    )?;
    tx.commit()?;
    Ok(())
}

/// Opens an end of service (erasure, until the customer asks otherwise) when the service
/// ends over an objection to a sub-processor (art. 8.2.2); an existing one is left as is.
pub fn open_for_objection(
    conn: &Connection,
    customer_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    conn.execute(
        "INSERT INTO service_ends (customer_id, choice, transfer_what, reason, created_at,
            updated_at)
         VALUES (?1, 'erase', '', ?2, ?3, ?3) ON CONFLICT (customer_id) DO NOTHING",
        (customer_id, reason, now),
    )?;
    Ok(())
}

const SELECT: &str = "SELECT e.customer_id, c.name, c.service_end, e.choice, e.transfer_what,
        e.requested_on, e.done_on, e.reason
    FROM service_ends e JOIN customers c ON c.id = e.customer_id";

fn row(row: &Row) -> rusqlite::Result<(i64, String, ServiceEndRecord)> {
    let choice: String = row.get(3)?;
    let end: Option<NaiveDate> = row.get(2)?;
    Ok((
        row.get(0)?,
        row.get(1)?,
        ServiceEndRecord {
            service_end: end.unwrap_or_default(),
            choice: EndChoice::from_code(&choice).unwrap_or_default(),
            transfer_what: row.get(4)?,
            requested_on: row.get(5)?,
            done_on: row.get(6)?,
            reason: row.get(7)?,
        },
    ))
}

/// The customer's end of service, if one is recorded.
pub fn get(conn: &Connection, customer_id: i64) -> AppResult<Option<ServiceEnd>> {
    let found = conn
        .query_row(
            &format!("{SELECT} WHERE e.customer_id = ?1"),
            [customer_id],
            row,
        )
        .optional()?;
    found
        .map(|(id, name, record)| {
            let letters = documents::list_for(conn, &[service_end::CONFIRMATION], id)?;
            Ok(ServiceEnd::view(id, name, record, letters))
        })
        .transpose()
}

/// Every end of service, the soonest first.
pub fn list(conn: &Connection) -> AppResult<Vec<ServiceEnd>> {
    let mut statement = conn.prepare_cached(&format!(
        "{SELECT} ORDER BY c.service_end, c.name COLLATE NOCASE"
    ))?;
    let rows: Vec<_> = statement.query_map([], row)?.collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(id, name, record)| {
            let letters = documents::list_for(conn, &[service_end::CONFIRMATION], id)?;
            Ok(ServiceEnd::view(id, name, record, letters))
        })
        .collect()
}

/// The dashboard rows: data still to be erased or transferred, due on the last day of the
/// service.
pub fn deadlines(conn: &Connection) -> AppResult<Vec<Deadline>> {
    let mut statement = conn.prepare_cached(
        "SELECT e.customer_id, c.name, c.service_end FROM service_ends e
         JOIN customers c ON c.id = e.customer_id
         WHERE e.done_on IS NULL AND c.service_end IS NOT NULL",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(Deadline::on(
            DeadlineKind::ServiceEnd,
            row.get(2)?,
            row.get(1)?,
            Target::Customer(row.get(0)?),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
