//! The categories of processing the officer wrote for each customer (GDPR art. 30(2)(b));
//! the rest of a record of processing is read from what the vault holds already.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::transfers::{self, GAP};
use super::{ensure_exists, settings};
use crate::domain::processing_record::{check_categories, lacks_processor_details};
use crate::domain::time::local_date;
use crate::error::AppResult;

/// The categories of processing written for a customer, in the order written; empty when
/// the officer wrote none (its services count then).
pub fn categories(conn: &Connection, customer_id: i64) -> AppResult<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT name FROM processing_categories WHERE customer_id = ?1 ORDER BY rowid",
        )?
        .query_map([customer_id], |row| row.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Every customer's categories of processing, by customer id.
pub fn all_categories(conn: &Connection) -> AppResult<HashMap<i64, Vec<String>>> {
    let mut by_customer: HashMap<i64, Vec<String>> = HashMap::new();
    let mut statement =
        conn.prepare("SELECT customer_id, name FROM processing_categories ORDER BY rowid")?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    for row in rows {
        let (customer_id, name) = row?;
        by_customer.entry(customer_id).or_default().push(name);
    }
    Ok(by_customer)
}

/// Replaces a customer's categories of processing with those typed (one per line; empty
/// means "its services"), in one transaction; returns them as kept.
pub fn set_categories(
    conn: &mut Connection,
    customer_id: i64,
    typed: &str,
) -> AppResult<Vec<String>> {
    let categories = check_categories(typed)?;
    let tx = conn.transaction()?;
    ensure_exists(&tx, "customers", customer_id)?;
    tx.execute(
        "DELETE FROM processing_categories WHERE customer_id = ?1",
        [customer_id],
    )?;
    for name in &categories {
        tx.execute(
            "INSERT INTO processing_categories (customer_id, name) VALUES (?1, ?2)",
            (customer_id, name),
        )?;
    }
    tx.commit()?;
    Ok(categories)
}

/// A customer whose record of processing lacks something.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct IncompleteRecord {
    #[ts(type = "number")]
    pub customer_id: i64,
    pub customer_name: String,
}

/// The customers (not archived) whose record of processing lacks something, by name, as
/// `domain::processing_record::record_of` finds it: no contact with an e-mail address or
/// phone number, no category of processing and no service, no security measures document,
/// or a sub-processor outside the EEA without an approved transfer; every customer when the
/// processor's own name, address or privacy contact is missing.
pub fn incomplete(conn: &Connection, now: DateTime<Utc>) -> AppResult<Vec<IncompleteRecord>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT c.id, c.name FROM customers c WHERE {}
         ORDER BY c.name COLLATE NOCASE, c.id",
        incomplete_condition()
    ))?;
    let rows = statement.query_map(incomplete_parameters(conn, now)?, |row| {
        Ok(IncompleteRecord {
            customer_id: row.get(0)?,
            customer_name: row.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many customers [`incomplete`] lists, for the start screen.
pub fn incomplete_count(conn: &Connection, now: DateTime<Utc>) -> AppResult<u32> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM customers c WHERE {}",
            incomplete_condition()
        ))?
        .query_row(incomplete_parameters(conn, now)?, |row| row.get(0))?)
}

/// A customer `c` whose record lacks something; each condition stops at its first row, the
/// transfer gap as `transfers::gaps` finds it. Parameters as [`GAP`]'s, and ?4: the
/// processor's own details are missing.
fn incomplete_condition() -> String {
    format!(
        "c.archived_at IS NULL AND (
        ?4
        OR NOT EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = c.id
            AND (trim(k.email) <> '' OR trim(k.phone) <> ''))
        OR (NOT EXISTS (SELECT 1 FROM processing_categories p WHERE p.customer_id = c.id)
            AND NOT EXISTS (SELECT 1 FROM customer_services v WHERE v.customer_id = c.id))
        OR NOT EXISTS (SELECT 1 FROM security_documents d WHERE d.customer_id = c.id)
        OR EXISTS (SELECT 1 FROM sub_processors s WHERE {GAP}))"
    )
}

fn incomplete_parameters(
    conn: &Connection,
    now: DateTime<Utc>,
) -> AppResult<(Option<i64>, NaiveDate, String, bool)> {
    let processor_missing = lacks_processor_details(&settings::get(conn)?.processor);
    Ok((
        None,
        local_date(now),
        transfers::eea_codes(),
        processor_missing,
    ))
}
