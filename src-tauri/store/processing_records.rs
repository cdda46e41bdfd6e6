//! The categories of processing the officer wrote for each customer (GDPR art. 30(2)(b));
//! the rest of a record of processing is read from what the vault holds already.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::{ensure_exists, settings, transfers};
use crate::domain::processing_record::check_categories;
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
    let processor = settings::get(conn)?.processor;
    let processor_missing = [
        &processor.name,
        &processor.address,
        &processor.privacy_contact,
    ]
    .iter()
    .any(|field| field.trim().is_empty());
    let gaps = transfers::customers_with_gaps(conn, now)?;
    let mut statement = conn.prepare_cached(
        "SELECT c.id, c.name,
            ?1
            OR NOT EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = c.id
                AND (trim(k.email) <> '' OR trim(k.phone) <> ''))
            OR (NOT EXISTS (SELECT 1 FROM processing_categories p WHERE p.customer_id = c.id)
                AND NOT EXISTS (SELECT 1 FROM customer_services s WHERE s.customer_id = c.id))
            OR NOT EXISTS (SELECT 1 FROM security_documents d WHERE d.customer_id = c.id)
         FROM customers c WHERE c.archived_at IS NULL ORDER BY c.name COLLATE NOCASE, c.id",
    )?;
    let rows = statement.query_map([processor_missing], |row| {
        Ok((
            IncompleteRecord {
                customer_id: row.get(0)?,
                customer_name: row.get(1)?,
            },
            row.get::<_, bool>(2)?,
        ))
    })?;
    let mut incomplete = Vec::new();
    for row in rows {
        let (record, lacking) = row?;
        if lacking || gaps.contains(&record.customer_id) {
            incomplete.push(record);
        }
    }
    Ok(incomplete)
}
