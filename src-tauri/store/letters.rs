//! Audit and sub-processor notices: kept with their exact bytes, SHA-256 and the facts they
//! were made from, never changed (the schema refuses it), and the log of how each was sent.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::notices::owned_delivery;
use super::notices::sha256_hex;
use crate::domain::customer::Language;
use crate::domain::letter::{LetterKind, LetterSummary};
use crate::domain::notice::{check_delivery, DeliveryInput};
use crate::domain::validation::{FieldCode, FieldError};
use crate::error::{AppError, AppResult};

/// A rendered notice, ready to be kept.
#[derive(Debug, Clone)]
pub struct NewLetter {
    pub kind: LetterKind,
    pub subject_id: i64,
    pub customer_id: i64,
    pub language: Language,
    pub generated_at: DateTime<Utc>,
    pub facts_json: String,
    pub pdf: Vec<u8>,
    pub file_name: String,
}

/// The bytes of a kept notice, as generated.
#[derive(Debug, Clone)]
pub struct StoredLetter {
    pub file_name: String,
    pub pdf: Vec<u8>,
}

/// The next version number for a notice of this kind about this subject to this customer.
pub fn next_version(
    conn: &Connection,
    kind: LetterKind,
    subject_id: i64,
    customer_id: i64,
) -> AppResult<u32> {
    Ok(conn.query_row(
        "SELECT coalesce(max(version), 0) + 1 FROM letters
         WHERE kind = ?1 AND subject_id = ?2 AND customer_id = ?3",
        (kind.code(), subject_id, customer_id),
        |row| row.get(0),
    )?)
}

/// Keeps a notice (inside the caller's transaction); returns its id.
pub fn insert(
    conn: &Connection,
    letter: &NewLetter,
    version: u32,
    officer: &str,
) -> AppResult<i64> {
    conn.prepare_cached(
        "INSERT INTO letters (kind, subject_id, customer_id, version, language, generated_at,
            generated_by, facts_json, pdf, sha256, file_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute((
        letter.kind.code(),
        letter.subject_id,
        letter.customer_id,
        version,
        letter.language.code(),
        letter.generated_at,
        officer,
        &letter.facts_json,
        &letter.pdf,
        sha256_hex(&letter.pdf),
        &letter.file_name,
    ))?;
    Ok(conn.last_insert_rowid())
}

const SUMMARY: &str = "SELECT l.id, l.kind, l.customer_id, c.name, l.version, l.language,
        l.generated_at, l.generated_by, l.sha256, l.file_name, length(l.pdf),
        coalesce((SELECT group_concat(k.name || ' <' || k.email || '>', ', ')
                  FROM (SELECT name, email FROM contacts
                        WHERE customer_id = l.customer_id AND receives_notices
                        ORDER BY position) k), ''),
        l.subject_id
    FROM letters l JOIN customers c ON c.id = l.customer_id";

/// The notices of the given kinds about one subject, per customer then version, with their
/// sent logs.
pub fn list_for(
    conn: &Connection,
    kinds: &[LetterKind],
    subject_id: i64,
) -> AppResult<Vec<LetterSummary>> {
    Ok(list_for_many(conn, kinds, &[subject_id])?
        .remove(&subject_id)
        .unwrap_or_default())
}

/// The notices of the given kinds about each of the subjects, read in two queries whatever
/// their number: per subject, per customer then version, with their sent logs.
pub fn list_for_many(
    conn: &Connection,
    kinds: &[LetterKind],
    subject_ids: &[i64],
) -> AppResult<HashMap<i64, Vec<LetterSummary>>> {
    let codes: Vec<&str> = kinds.iter().map(|k| k.code()).collect();
    let codes = serde_json::to_string(&codes).unwrap_or_default();
    let ids = serde_json::to_string(subject_ids).unwrap_or_default();
    let mut statement = conn.prepare_cached(&format!(
        "{SUMMARY} WHERE l.subject_id IN (SELECT value FROM json_each(?1))
           AND l.kind IN (SELECT value FROM json_each(?2))
         ORDER BY c.name COLLATE NOCASE, l.customer_id, l.kind, l.version"
    ))?;
    let mut by_id: HashMap<i64, (i64, LetterSummary)> = HashMap::new();
    let mut order: Vec<i64> = Vec::new();
    for found in statement.query_map((&ids, &codes), |row| Ok((row.get(12)?, summary(row)?)))? {
        let (subject_id, letter): (i64, LetterSummary) = found?;
        order.push(letter.id);
        by_id.insert(letter.id, (subject_id, letter));
    }
    if !by_id.is_empty() {
        let mut statement = conn.prepare_cached(
            "SELECT d.letter_id, d.sent_at, d.method, d.recipients, d.recorded_at, d.recorded_by
             FROM letter_deliveries d JOIN letters l ON l.id = d.letter_id
             WHERE l.subject_id IN (SELECT value FROM json_each(?1))
             ORDER BY d.sent_at, d.id",
        )?;
        for delivery in statement.query_map([&ids], owned_delivery)? {
            let (letter_id, delivery) = delivery?;
            if let Some((_, letter)) = by_id.get_mut(&letter_id) {
                letter.deliveries.push(delivery);
            }
        }
    }
    let mut grouped: HashMap<i64, Vec<LetterSummary>> = HashMap::new();
    for id in order {
        if let Some((subject_id, letter)) = by_id.remove(&id) {
            grouped.entry(subject_id).or_default().push(letter);
        }
    }
    Ok(grouped)
}

fn summary(row: &Row) -> rusqlite::Result<LetterSummary> {
    let kind: String = row.get(1)?;
    let language: String = row.get(5)?;
    Ok(LetterSummary {
        id: row.get(0)?,
        kind: LetterKind::from_code(&kind).unwrap_or(LetterKind::SubProcessorChange),
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

/// A notice's bytes, refused if they no longer match the SHA-256 taken when it was made.
pub fn pdf(conn: &Connection, letter_id: i64) -> AppResult<StoredLetter> {
    let (file_name, pdf, sha256): (String, Vec<u8>, String) = conn
        .query_row(
            "SELECT file_name, pdf, sha256 FROM letters WHERE id = ?1",
            [letter_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    if sha256_hex(&pdf) != sha256 {
        tracing::error!(letter_id, "stored notice does not match its SHA-256");
        return Err(AppError::NoticeAltered);
    }
    Ok(StoredLetter { file_name, pdf })
}

/// Records that a notice was sent, checked against when it was made.
pub fn record_delivery(
    conn: &Connection,
    letter_id: i64,
    input: &DeliveryInput,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let generated_at: DateTime<Utc> = conn
        .query_row(
            "SELECT generated_at FROM letters WHERE id = ?1",
            [letter_id],
            |row| row.get(0),
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    let (sent_at, recipients) = check_delivery(input, generated_at, now)?;
    // A sub-processor notice opens an objection window that must close before the intended
    // start date (art. 8.2).
    let blocking = super::subprocessors::windows_past_start(conn, &[letter_id], sent_at)?;
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
    conn.execute(
        "INSERT INTO letter_deliveries (letter_id, sent_at, method, recipients, recorded_at,
            recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (
            letter_id,
            sent_at,
            input.method.code(),
            recipients,
            now,
            officer,
        ),
    )?;
    Ok(())
}
