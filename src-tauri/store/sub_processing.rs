//! Each sub-processor's agreement with us (art. 8.3), with the file it was added as, and its
//! review date among the deadlines.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::documents::sha256_hex;
use super::{ensure_exists, files};
use crate::domain::deadlines::{Deadline, DeadlineKind, Target};
use crate::domain::sub_processing::{check_sub_processing, SubProcessing, SubProcessingInput};
use crate::domain::time::local_date;
use crate::error::{AppError, AppResult};

/// The most an agreement's file may weigh: a scanned contract can be large.
const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// The sub-processor's agreement, if one is recorded; an unknown sub-processor is not found.
pub fn get(conn: &Connection, sub_processor_id: i64) -> AppResult<Option<SubProcessing>> {
    ensure_exists(conn, "sub_processors", sub_processor_id)?;
    Ok(conn
        .query_row(
            "SELECT signed_on, reference, confidentiality, breach_notification, notice_hours,
                security_measures, review_on, file_name, file_sha256
             FROM sub_processing_agreements WHERE sub_processor_id = ?1",
            [sub_processor_id],
            |row| {
                Ok(SubProcessing {
                    signed_on: row.get(0)?,
                    reference: row.get(1)?,
                    confidentiality: row.get(2)?,
                    breach_notification: row.get(3)?,
                    notice_hours: row.get(4)?,
                    security_measures: row.get(5)?,
                    review_on: row.get(6)?,
                    file_name: row.get(7)?,
                    file_sha256: row.get(8)?,
                })
            },
        )
        .optional()?)
}

/// Records the sub-processor's agreement, replacing the one before, with the file at `file`
/// when one is given (else the file kept before stays); all or nothing.
pub fn save(
    conn: &mut Connection,
    sub_processor_id: i64,
    input: &SubProcessingInput,
    file: Option<&Path>,
    now: DateTime<Utc>,
) -> AppResult<SubProcessing> {
    let record = check_sub_processing(input, local_date(now))?;
    ensure_exists(conn, "sub_processors", sub_processor_id)?;
    let file = match file {
        Some(path) => {
            let bytes = files::read_bytes(path, MAX_FILE_BYTES, "file")?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Some((name, sha256_hex(&bytes), bytes))
        }
        None => None,
    };
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO sub_processing_agreements (sub_processor_id, signed_on, reference,
            confidentiality, breach_notification, notice_hours, security_measures, review_on,
            file_name, file, file_sha256, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '', NULL, '', ?9)
         ON CONFLICT (sub_processor_id) DO UPDATE SET signed_on = ?2, reference = ?3,
            confidentiality = ?4, breach_notification = ?5, notice_hours = ?6,
            security_measures = ?7, review_on = ?8, updated_at = ?9",
        (
            sub_processor_id,
            record.signed_on,
            &record.reference,
            record.confidentiality,
            record.breach_notification,
            record.notice_hours,
            record.security_measures,
            record.review_on,
            now,
        ),
    )?;
    if let Some((name, sha256, bytes)) = &file {
        tx.execute(
            "UPDATE sub_processing_agreements SET file_name = ?2, file = ?3, file_sha256 = ?4
             WHERE sub_processor_id = ?1",
            (sub_processor_id, name, bytes, sha256),
        )?;
    }
    tx.commit()?;
    get(conn, sub_processor_id)?.ok_or(AppError::NotFound)
}

/// The file the sub-processor's agreement was added as: its name and bytes.
pub fn file(conn: &Connection, sub_processor_id: i64) -> AppResult<(String, Vec<u8>)> {
    conn.query_row(
        "SELECT file_name, file FROM sub_processing_agreements
         WHERE sub_processor_id = ?1 AND file IS NOT NULL",
        [sub_processor_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .optional()?
    .ok_or(AppError::NotFound)
}

/// The review dates of the agreements of sub-processors that have not ended.
pub fn deadlines(conn: &Connection, now: DateTime<Utc>) -> AppResult<Vec<Deadline>> {
    let mut statement = conn.prepare_cached(
        "SELECT s.id, s.name, a.review_on FROM sub_processing_agreements a
         JOIN sub_processors s ON s.id = a.sub_processor_id
         WHERE a.review_on IS NOT NULL AND (s.end_date IS NULL OR s.end_date >= ?1)",
    )?;
    let rows = statement.query_map([local_date(now)], |row| {
        let date: NaiveDate = row.get(2)?;
        Ok(Deadline::on(
            DeadlineKind::SubProcessingReview,
            date,
            row.get(1)?,
            Target::SubProcessor(row.get(0)?),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
