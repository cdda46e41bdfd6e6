//! Transfers outside the EEA that customers approved, and the gaps: sub-processors outside
//! the EEA working for a customer without its approval.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::ensure_exists;
use crate::domain::time::local_date;
use crate::domain::transfer::{
    check_transfer, check_withdrawal, Transfer, TransferGap, TransferInput, TransferMechanism,
    TransferRecord,
};
use crate::error::{AppError, AppResult};

/// Records an approval; returns its id.
pub fn create(conn: &Connection, input: &TransferInput, now: DateTime<Utc>) -> AppResult<i64> {
    let r = check_transfer(input, local_date(now))?;
    ensure_exists(conn, "customers", r.customer_id)?;
    if let Some(sub) = r.sub_processor_id {
        ensure_exists(conn, "sub_processors", sub)?;
    }
    conn.execute(
        "INSERT INTO transfers (customer_id, sub_processor_id, recipient, country, mechanism,
            mechanism_detail, approved_on, reference, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        rusqlite::params![
            r.customer_id,
            r.sub_processor_id,
            r.recipient,
            r.country,
            r.mechanism.code(),
            r.mechanism_detail,
            r.approved_on,
            r.reference,
            now,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Records that the customer withdrew an approval (kept, with the date).
pub fn withdraw(conn: &Connection, id: i64, typed: &str, now: DateTime<Utc>) -> AppResult<()> {
    let (approved_on, withdrawn): (chrono::NaiveDate, Option<chrono::NaiveDate>) = conn
        .query_row(
            "SELECT approved_on, withdrawn_on FROM transfers WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    if withdrawn.is_some() {
        return Err(AppError::field(
            "withdrawn_on",
            crate::domain::validation::FieldCode::InvalidTransition,
        ));
    }
    let date = check_withdrawal(approved_on, typed, local_date(now))?;
    conn.execute(
        "UPDATE transfers SET withdrawn_on = ?2, updated_at = ?3 WHERE id = ?1",
        (id, date, now),
    )?;
    Ok(())
}

/// Every approval, of one customer or of all, by customer then date.
pub fn list(conn: &Connection, customer_id: Option<i64>) -> AppResult<Vec<Transfer>> {
    let mut statement = conn.prepare_cached(
        "SELECT t.id, c.name, t.customer_id, t.sub_processor_id, t.recipient, t.country,
            t.mechanism, t.mechanism_detail, t.approved_on, t.reference, t.withdrawn_on
         FROM transfers t JOIN customers c ON c.id = t.customer_id
         WHERE ?1 IS NULL OR t.customer_id = ?1
         ORDER BY c.name COLLATE NOCASE, t.customer_id, t.approved_on, t.id",
    )?;
    let rows = statement.query_map([customer_id], |row| {
        let mechanism: String = row.get(6)?;
        Ok(Transfer {
            id: row.get(0)?,
            customer_name: row.get(1)?,
            record: TransferRecord {
                customer_id: row.get(2)?,
                sub_processor_id: row.get(3)?,
                recipient: row.get(4)?,
                country: row.get(5)?,
                mechanism: TransferMechanism::from_code(&mechanism).unwrap_or_default(),
                mechanism_detail: row.get(7)?,
                approved_on: row.get(8)?,
                reference: row.get(9)?,
            },
            withdrawn_on: row.get(10)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether the customer has an approval in force for the sub-processor.
pub fn approved(conn: &Connection, customer_id: i64, sub_processor_id: i64) -> AppResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM transfers WHERE customer_id = ?1
            AND sub_processor_id = ?2 AND withdrawn_on IS NULL)",
        (customer_id, sub_processor_id),
        |row| row.get(0),
    )?)
}

/// Where a transfer gap is, for a customer `c` and a sub-processor `s`: an active customer
/// (not archived, service not ended) and a sub-processor outside the EEA that has not ended,
/// with no approval in force for it. Parameters: ?1 one customer, or NULL for all; ?2 today;
/// ?3 the EEA's country codes (JSON, see [`eea_codes`]).
pub(super) const GAP: &str = "(?1 IS NULL OR c.id = ?1)
       AND c.archived_at IS NULL AND (c.service_end IS NULL OR c.service_end >= ?2)
       AND (s.end_date IS NULL OR s.end_date >= ?2)
       AND s.country NOT IN (SELECT value FROM json_each(?3))
       AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.customer_id = c.id
            AND t.sub_processor_id = s.id AND t.withdrawn_on IS NULL)";

/// The country codes of the EEA as JSON, for [`GAP`].
pub(super) fn eea_codes() -> String {
    let eea: Vec<&str> = crate::domain::country::COUNTRIES
        .iter()
        .filter(|c| c.eea)
        .map(|c| c.code)
        .collect();
    serde_json::to_string(&eea).unwrap_or_default()
}

/// Every active customer (not archived, service not ended) with a sub-processor outside
/// the EEA that has not ended, and no approval in force for it; of one customer or of all;
/// the first `limit` of them when one is given.
pub fn gaps(
    conn: &Connection,
    customer_id: Option<i64>,
    now: DateTime<Utc>,
    limit: Option<u32>,
) -> AppResult<Vec<TransferGap>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT c.id, c.name, s.id, s.name, s.country
         FROM customers c CROSS JOIN sub_processors s WHERE {GAP}
         ORDER BY c.name COLLATE NOCASE, c.id, s.name COLLATE NOCASE, s.id
         LIMIT ?4"
    ))?;
    let rows = statement.query_map(
        (
            customer_id,
            local_date(now),
            eea_codes(),
            limit.map_or(-1, i64::from),
        ),
        |row| {
            Ok(TransferGap {
                customer_id: row.get(0)?,
                customer_name: row.get(1)?,
                sub_processor_id: row.get(2)?,
                sub_processor_name: row.get(3)?,
                country: row.get(4)?,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}
