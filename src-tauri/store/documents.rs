//! Every document we issue (breach notices, audit and sub-processor notices, every letter):
//! kept with its exact bytes, SHA-256 and the facts it was made from, never changed (the
//! schema refuses it), and the log of how it was sent.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;

use super::from_json;
use super::incidents::{get as get_incident, set_status};
use crate::domain::customer::Language;
use crate::domain::document::{
    check_delivery, Delivery, DeliveryInput, DocumentKind, DocumentSummary, SendMethod,
};
use crate::domain::incident::IncidentStatus;
use crate::domain::notice;
use crate::domain::subprocessor;
use crate::domain::validation::{FieldCode, FieldError};
use crate::error::{AppError, AppResult};

/// A rendered document, ready to be kept.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub kind: DocumentKind,
    pub subject_id: i64,
    pub customer_id: i64,
    pub version: u32,
    pub language: Language,
    pub generated_at: DateTime<Utc>,
    pub facts_json: String,
    pub pdf: Vec<u8>,
    pub file_name: String,
    /// The e-mail subject line it is sent with.
    pub subject_line: String,
}

/// A kept document as generated: its bytes and what it was issued as.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    /// The kind's code.
    pub kind: String,
    pub subject_id: i64,
    pub customer_id: i64,
    pub language: Language,
    pub file_name: String,
    /// The e-mail subject line; empty for a document kept before subject lines were.
    pub subject_line: String,
    pub pdf: Vec<u8>,
    pub sha256: String,
}

/// The next version of a document of this kind about this subject to this customer.
pub fn next_version(
    conn: &Connection,
    kind: DocumentKind,
    subject_id: i64,
    customer_id: i64,
) -> AppResult<u32> {
    let latest: Option<u32> = conn.query_row(
        "SELECT max(version) FROM documents
         WHERE kind = ?1 AND subject_id = ?2 AND customer_id = ?3",
        (kind.code(), subject_id, customer_id),
        |row| row.get(0),
    )?;
    Ok(latest.map_or(kind.first_version(), |v| v + 1))
}

/// Keeps a document (inside the caller's transaction); returns its id.
pub fn insert(conn: &Connection, document: &NewDocument, officer: &str) -> AppResult<i64> {
    let incident_id = (document.kind == notice::BREACH_NOTICE).then_some(document.subject_id);
    conn.prepare_cached(
        "INSERT INTO documents (kind, subject_id, customer_id, version, language, generated_at,
            generated_by, facts_json, pdf, sha256, file_name, incident_id, subject_line)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute((
        document.kind.code(),
        document.subject_id,
        document.customer_id,
        document.version,
        document.language.code(),
        document.generated_at,
        officer,
        &document.facts_json,
        &document.pdf,
        sha256_hex(&document.pdf),
        &document.file_name,
        incident_id,
        &document.subject_line,
    ))?;
    Ok(conn.last_insert_rowid())
}

/// The facts of the customer's latest document of this kind about the subject, if any.
pub fn latest_facts<T: DeserializeOwned>(
    conn: &Connection,
    kind: DocumentKind,
    subject_id: i64,
    customer_id: i64,
) -> AppResult<Option<T>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT facts_json FROM documents
             WHERE kind = ?1 AND subject_id = ?2 AND customer_id = ?3
             ORDER BY version DESC LIMIT 1",
            (kind.code(), subject_id, customer_id),
            |row| row.get(0),
        )
        .optional()?;
    text.map(|t| from_json(&t)).transpose()
}

/// The facts a kept document was made from.
pub fn facts<T: DeserializeOwned>(conn: &Connection, document_id: i64) -> AppResult<T> {
    let text: String = conn
        .query_row(
            "SELECT facts_json FROM documents WHERE id = ?1",
            [document_id],
            |row| row.get(0),
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    from_json(&text)
}

const SUMMARY: &str = "SELECT d.id, d.kind, d.customer_id, c.name, d.version, d.language,
        d.generated_at, d.generated_by, d.sha256, d.file_name, length(d.pdf),
        coalesce((SELECT group_concat(k.name || ' <' || k.email || '>', ', ')
                  FROM (SELECT name, email FROM contacts
                        WHERE customer_id = d.customer_id AND receives_notices
                        ORDER BY position) k), ''),
        d.subject_id
    FROM documents d JOIN customers c ON c.id = d.customer_id";

/// The documents of the given kinds about one subject, per customer then version, with
/// their sent logs.
pub fn list_for(
    conn: &Connection,
    kinds: &[DocumentKind],
    subject_id: i64,
) -> AppResult<Vec<DocumentSummary>> {
    Ok(list_for_many(conn, kinds, &[subject_id])?
        .remove(&subject_id)
        .unwrap_or_default())
}

/// The documents of the given kinds about each of the subjects, read in two queries whatever
/// their number: per subject, per customer then version, with their sent logs.
pub fn list_for_many(
    conn: &Connection,
    kinds: &[DocumentKind],
    subject_ids: &[i64],
) -> AppResult<HashMap<i64, Vec<DocumentSummary>>> {
    let codes: Vec<&str> = kinds.iter().map(|k| k.code()).collect();
    let codes = serde_json::to_string(&codes).unwrap_or_default();
    let ids = serde_json::to_string(subject_ids).unwrap_or_default();
    let mut statement = conn.prepare_cached(&format!(
        "{SUMMARY} WHERE d.subject_id IN (SELECT value FROM json_each(?1))
           AND d.kind IN (SELECT value FROM json_each(?2))
         ORDER BY c.name COLLATE NOCASE, d.customer_id, d.kind, d.version"
    ))?;
    let mut by_id: HashMap<i64, DocumentSummary> = HashMap::new();
    let mut order: Vec<i64> = Vec::new();
    for found in statement.query_map((&ids, &codes), summary)? {
        let document = found?;
        order.push(document.id);
        by_id.insert(document.id, document);
    }
    if !by_id.is_empty() {
        let mut statement = conn.prepare_cached(
            "SELECT s.document_id, s.sent_at, s.method, s.recipients, s.recorded_at,
                    s.recorded_by
             FROM document_deliveries s JOIN documents d ON d.id = s.document_id
             WHERE d.subject_id IN (SELECT value FROM json_each(?1))
               AND d.kind IN (SELECT value FROM json_each(?2))
             ORDER BY s.sent_at, s.id",
        )?;
        for delivery in statement.query_map((&ids, &codes), owned_delivery)? {
            let (document_id, delivery) = delivery?;
            if let Some(document) = by_id.get_mut(&document_id) {
                document.deliveries.push(delivery);
            }
        }
    }
    let mut grouped: HashMap<i64, Vec<DocumentSummary>> = HashMap::new();
    for id in order {
        if let Some(document) = by_id.remove(&id) {
            grouped
                .entry(document.subject_id)
                .or_default()
                .push(document);
        }
    }
    Ok(grouped)
}

fn summary(row: &Row) -> rusqlite::Result<DocumentSummary> {
    let language: String = row.get(5)?;
    Ok(DocumentSummary {
        id: row.get(0)?,
        kind: row.get(1)?,
        subject_id: row.get(12)?,
        customer_id: row.get(2)?,
        customer_name: row.get(3)?,
        version: row.get(4)?,
        language: Language::from_code(&language).unwrap_or(Language::Nl),
        generated_at: row.get(6)?,
        generated_by: row.get(7)?,
        sha256: row.get(8)?,
        file_name: row.get(9)?,
        size_bytes: row.get(10)?,
        deliveries: Vec::new(),
        default_recipients: row.get(11)?,
    })
}

/// A sent log row selected as (document id, sent_at, method, recipients, recorded_at,
/// recorded_by).
fn owned_delivery(row: &Row) -> rusqlite::Result<(i64, Delivery)> {
    let method: String = row.get(2)?;
    Ok((
        row.get(0)?,
        Delivery {
            sent_at: row.get(1)?,
            method: SendMethod::from_code(&method).unwrap_or(SendMethod::Email),
            recipients: row.get(3)?,
            recorded_at: row.get(4)?,
            recorded_by: row.get(5)?,
        },
    ))
}

/// A document's bytes, refused if they no longer match the SHA-256 taken when it was made.
pub fn pdf(conn: &Connection, document_id: i64) -> AppResult<StoredDocument> {
    let document = conn
        .query_row(
            "SELECT kind, subject_id, customer_id, language, file_name, subject_line, pdf, sha256
             FROM documents WHERE id = ?1",
            [document_id],
            |row| {
                let language: String = row.get(3)?;
                Ok(StoredDocument {
                    kind: row.get(0)?,
                    subject_id: row.get(1)?,
                    customer_id: row.get(2)?,
                    language: Language::from_code(&language).unwrap_or(Language::Nl),
                    file_name: row.get(4)?,
                    subject_line: row.get(5)?,
                    pdf: row.get(6)?,
                    sha256: row.get(7)?,
                })
            },
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    if sha256_hex(&document.pdf) != document.sha256 {
        tracing::error!(document_id, "kept document does not match its SHA-256");
        return Err(AppError::NoticeAltered);
    }
    Ok(document)
}

/// Records that a document was sent, all or nothing; see [`record_delivery_in`].
pub fn record_delivery(
    conn: &mut Connection,
    document_id: i64,
    input: &DeliveryInput,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let tx = conn.transaction()?;
    record_delivery_in(&tx, document_id, input, officer, now)?;
    tx.commit()?;
    Ok(())
}

/// Records that a document was sent (inside the caller's transaction), as typed into the
/// sent log: checked against when it was made, then as [`record_sent`].
pub fn record_delivery_in(
    conn: &Connection,
    document_id: i64,
    input: &DeliveryInput,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let generated_at: DateTime<Utc> = conn
        .query_row(
            "SELECT generated_at FROM documents WHERE id = ?1",
            [document_id],
            |row| row.get(0),
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    let (sent_at, recipients) = check_delivery(input, generated_at, now)?;
    record_sent(
        conn,
        document_id,
        Sending {
            at: sent_at,
            method: input.method,
            recipients: &recipients,
        },
        officer,
        now,
    )
}

/// A sending to record: when, how and to whom.
#[derive(Debug, Clone, Copy)]
pub struct Sending<'a> {
    pub at: DateTime<Utc>,
    pub method: SendMethod,
    pub recipients: &'a str,
}

/// Whether a document may be sent at `at`: a sub-processor notice must leave its objection
/// window closing before the intended start (art. 8.2).
pub fn check_sendable(conn: &Connection, document_id: i64, at: DateTime<Utc>) -> AppResult<()> {
    let kind: String = conn
        .query_row(
            "SELECT kind FROM documents WHERE id = ?1",
            [document_id],
            |row| row.get(0),
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    if kind == subprocessor::CHANGE_NOTICE.code() {
        let blocking = super::subprocessors::windows_past_start(conn, &[document_id], at)?;
        if !blocking.is_empty() {
            return Err(blocking
                .iter()
                .map(|id| {
                    FieldError::new(
                        &format!("customer.{id}.sent_at"),
                        FieldCode::WithinNoticePeriod,
                    )
                })
                .collect::<Vec<_>>()
                .into());
        }
    }
    Ok(())
}

/// Records a sending of a document (inside the caller's transaction), once it may be sent
/// (see [`check_sendable`]); the first sending of a customer's initial breach notice marks an
/// incident still being assessed as *customers notified*.
pub fn record_sent(
    conn: &Connection,
    document_id: i64,
    sending: Sending,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    check_sendable(conn, document_id, sending.at)?;
    let (kind, subject_id, version): (String, i64, u32) = conn.query_row(
        "SELECT kind, subject_id, version FROM documents WHERE id = ?1",
        [document_id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    conn.prepare_cached(
        "INSERT INTO document_deliveries (document_id, sent_at, method, recipients,
            recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute((
        document_id,
        sending.at,
        sending.method.code(),
        sending.recipients,
        now,
        officer,
    ))?;
    if kind == notice::BREACH_NOTICE.code() && version == 0 {
        let status = get_incident(conn, subject_id)?.status;
        if matches!(
            status,
            IncidentStatus::ReportedInternally | IncidentStatus::Assessing
        ) {
            set_status(
                conn,
                subject_id,
                IncidentStatus::CustomersNotified,
                "",
                officer,
                now,
            )?;
        }
    }
    Ok(())
}

/// The SHA-256 of bytes as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
