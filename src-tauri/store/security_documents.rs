//! The versions of each customer's security measures document.

use chrono::{DateTime, Days, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::{documents, ensure_exists};
use crate::domain::deadlines::{Deadline, DeadlineKind, Target};
use crate::domain::security_document::{
    self, check_security_document, SecurityDocument, SecurityDocumentInput, SecurityDocumentRecord,
    REVIEW_NOTICE_DAYS,
};
use crate::domain::time::local_date;
use crate::error::{AppError, AppResult};

const SELECT: &str = "SELECT d.id, d.customer_id, c.name, d.version, d.document_date, d.summary,
        d.file_reference, d.created_at, d.review_on,
        d.id = (SELECT id FROM security_documents x WHERE x.customer_id = d.customer_id
                ORDER BY x.document_date DESC, x.id DESC LIMIT 1)
    FROM security_documents d JOIN customers c ON c.id = d.customer_id";

fn document(row: &Row) -> rusqlite::Result<SecurityDocument> {
    Ok(SecurityDocument {
        id: row.get(0)?,
        customer_id: row.get(1)?,
        customer_name: row.get(2)?,
        record: SecurityDocumentRecord {
            version: row.get(3)?,
            document_date: row.get(4)?,
            summary: row.get(5)?,
            file_reference: row.get(6)?,
            review_on: row.get(8)?,
        },
        recorded_at: row.get(7)?,
        current: row.get(9)?,
        letters: Vec::new(),
    })
}

/// The customer's current version, if it has one.
pub fn current(conn: &Connection, customer_id: i64) -> AppResult<Option<SecurityDocument>> {
    Ok(list(conn, Some(customer_id))?
        .into_iter()
        .find(|d| d.current))
}

/// Records a new version, which replaces the current one; returns its id.
pub fn create(
    conn: &Connection,
    customer_id: i64,
    input: &SecurityDocumentInput,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    ensure_exists(conn, "customers", customer_id)?;
    let previous = current(conn, customer_id)?.map(|d| d.record);
    let r = check_security_document(input, previous.as_ref(), local_date(now))?;
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM security_documents WHERE customer_id = ?1 AND version = ?2)",
        (customer_id, &r.version),
        |row| row.get(0),
    )?;
    if taken {
        return Err(AppError::field(
            "version",
            crate::domain::validation::FieldCode::DuplicateLabel,
        ));
    }
    conn.execute(
        "INSERT INTO security_documents (customer_id, version, document_date, summary,
            file_reference, created_at, review_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        (
            customer_id,
            &r.version,
            r.document_date,
            &r.summary,
            &r.file_reference,
            now,
            r.review_on,
        ),
    )?;
    Ok(conn.last_insert_rowid())
}

/// The reviews of current versions due within [`REVIEW_NOTICE_DAYS`] days (or past).
pub fn deadlines(conn: &Connection, now: DateTime<Utc>) -> AppResult<Vec<Deadline>> {
    let horizon = local_date(now) + Days::new(REVIEW_NOTICE_DAYS);
    let mut statement = conn.prepare_cached(&format!(
        "{SELECT} WHERE d.review_on IS NOT NULL AND d.review_on <= ?1"
    ))?;
    let rows = statement.query_map([horizon], document)?;
    let mut due = Vec::new();
    for row in rows {
        let d = row?;
        if let (true, Some(review_on)) = (d.current, d.record.review_on) {
            due.push(Deadline::on(
                DeadlineKind::SecurityReview,
                review_on,
                format!("{} {}", d.customer_name, d.record.version),
                Target::Customer(d.customer_id),
            ));
        }
    }
    Ok(due)
}

/// One version with its notices.
pub fn get(conn: &Connection, id: i64) -> AppResult<SecurityDocument> {
    let mut found = conn
        .query_row(&format!("{SELECT} WHERE d.id = ?1"), [id], document)
        .optional()?
        .ok_or(AppError::NotFound)?;
    found.letters = documents::list_for(conn, &[security_document::NOTICE], id)?;
    Ok(found)
}

/// The versions, the latest first, of one customer or of all.
pub fn list(conn: &Connection, customer_id: Option<i64>) -> AppResult<Vec<SecurityDocument>> {
    let mut statement = conn.prepare_cached(&format!(
        "{SELECT} WHERE ?1 IS NULL OR d.customer_id = ?1
         ORDER BY c.name COLLATE NOCASE, d.customer_id, d.document_date DESC, d.id DESC"
    ))?;
    let rows: Vec<SecurityDocument> = statement
        .query_map([customer_id], document)?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|mut d| {
            d.letters = documents::list_for(conn, &[security_document::NOTICE], d.id)?;
            Ok(d)
        })
        .collect()
}

/// The version before this one, for "replaces".
pub fn previous_version(conn: &Connection, id: i64) -> AppResult<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT p.version FROM security_documents d JOIN security_documents p
                ON p.customer_id = d.customer_id
                AND (p.document_date < d.document_date
                     OR (p.document_date = d.document_date AND p.id < d.id))
             WHERE d.id = ?1 ORDER BY p.document_date DESC, p.id DESC LIMIT 1",
            [id],
            |row| row.get(0),
        )
        .optional()?)
}
