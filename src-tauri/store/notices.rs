//! Breach notices: kept with their exact bytes, SHA-256 and the facts they were made from,
//! never changed (the schema refuses it), and the log of how each was sent.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::incidents::{get as get_incident, set_status};
use super::{from_json, json};
use crate::domain::customer::Language;
use crate::domain::incident::IncidentStatus;
use crate::domain::notice::{
    check_delivery, Delivery, DeliveryInput, NoticeFacts, NoticeSummary, SendMethod,
};
use crate::error::{AppError, AppResult};

/// A rendered notice, ready to be kept.
#[derive(Debug, Clone)]
pub struct NewNotice {
    pub customer_id: i64,
    pub facts: NoticeFacts,
    pub pdf: Vec<u8>,
    pub sha256: String,
    pub file_name: String,
}

/// The bytes of a stored notice as they were generated.
#[derive(Debug, Clone)]
pub struct StoredNotice {
    pub incident_id: i64,
    pub file_name: String,
    pub pdf: Vec<u8>,
    pub sha256: String,
}

/// Keeps a batch of notices for one incident, all or none. Update notices move a notified
/// incident to *follow-up*.
pub fn insert_all(
    conn: &mut Connection,
    incident_id: i64,
    notices: &[NewNotice],
    officer: &str,
) -> AppResult<Vec<i64>> {
    let tx = conn.transaction()?;
    let incident = get_incident(&tx, incident_id)?;
    let mut ids = Vec::with_capacity(notices.len());
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO notices (incident_id, customer_id, sequence, language, generated_at,
                generated_by, facts_json, pdf, sha256, file_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for notice in notices {
            insert.execute((
                incident_id,
                notice.customer_id,
                notice.facts.sequence,
                notice.facts.language.code(),
                notice.facts.generated_at,
                officer,
                json(&notice.facts)?,
                &notice.pdf,
                &notice.sha256,
                &notice.file_name,
            ))?;
            ids.push(tx.last_insert_rowid());
        }
    }
    let update = notices.iter().any(|n| n.facts.sequence > 0);
    if update && incident.status == IncidentStatus::CustomersNotified {
        let now = notices[0].facts.generated_at;
        set_status(&tx, incident_id, IncidentStatus::FollowUp, "", officer, now)?;
    }
    tx.commit()?;
    Ok(ids)
}

/// The facts of the customer's latest notice about the incident, if it has one.
pub fn latest_facts(
    conn: &Connection,
    incident_id: i64,
    customer_id: i64,
) -> AppResult<Option<NoticeFacts>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT facts_json FROM notices WHERE incident_id = ?1 AND customer_id = ?2
             ORDER BY sequence DESC LIMIT 1",
            (incident_id, customer_id),
            |row| row.get(0),
        )
        .optional()?;
    text.map(|t| from_json(&t)).transpose()
}

/// The facts a stored notice was made from.
pub fn facts(conn: &Connection, notice_id: i64) -> AppResult<NoticeFacts> {
    let text: String = conn
        .query_row(
            "SELECT facts_json FROM notices WHERE id = ?1",
            [notice_id],
            |row| row.get(0),
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    from_json(&text)
}

/// Every notice of an incident with its sent log, per customer in order.
pub fn list_for_incident(conn: &Connection, incident_id: i64) -> AppResult<Vec<NoticeSummary>> {
    let mut statement = conn.prepare(
        "SELECT id, customer_id, sequence, language, generated_at, generated_by, sha256,
                file_name, length(pdf)
         FROM notices WHERE incident_id = ?1 ORDER BY customer_id, sequence",
    )?;
    let mut notices: Vec<NoticeSummary> = statement
        .query_map([incident_id], |row| {
            let language: String = row.get(3)?;
            Ok(NoticeSummary {
                id: row.get(0)?,
                customer_id: row.get(1)?,
                sequence: row.get(2)?,
                language: Language::from_code(&language).unwrap_or(Language::Nl),
                generated_at: row.get(4)?,
                generated_by: row.get(5)?,
                sha256: row.get(6)?,
                file_name: row.get(7)?,
                size_bytes: row.get(8)?,
                deliveries: Vec::new(),
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut statement = conn.prepare(
        "SELECT d.notice_id, d.sent_at, d.method, d.recipients, d.recorded_at, d.recorded_by
         FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
         WHERE n.incident_id = ?1 ORDER BY d.sent_at, d.id",
    )?;
    let deliveries = statement.query_map([incident_id], owned_delivery)?;
    for delivery in deliveries {
        let (notice_id, delivery) = delivery?;
        if let Some(notice) = notices.iter_mut().find(|n| n.id == notice_id) {
            notice.deliveries.push(delivery);
        }
    }
    Ok(notices)
}

/// A sent log row selected as (owner id, sent_at, method, recipients, recorded_at,
/// recorded_by): the id of the notice it belongs to, and the delivery.
pub(crate) fn owned_delivery(row: &rusqlite::Row) -> rusqlite::Result<(i64, Delivery)> {
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

/// A notice's bytes, refused if they no longer match the SHA-256 taken when it was made.
pub fn pdf(conn: &Connection, notice_id: i64) -> AppResult<StoredNotice> {
    let notice = conn
        .query_row(
            "SELECT incident_id, file_name, pdf, sha256 FROM notices WHERE id = ?1",
            [notice_id],
            |row| {
                Ok(StoredNotice {
                    incident_id: row.get(0)?,
                    file_name: row.get(1)?,
                    pdf: row.get(2)?,
                    sha256: row.get(3)?,
                })
            },
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    if sha256_hex(&notice.pdf) != notice.sha256 {
        tracing::error!(notice_id, "stored notice does not match its SHA-256");
        return Err(AppError::NoticeAltered);
    }
    Ok(notice)
}

/// Records that a notice was sent, after checking the entry against when the notice was
/// made. The first sending of a customer's initial notice marks
/// an incident that was still being assessed as *customers notified*.
pub fn record_delivery(
    conn: &mut Connection,
    notice_id: i64,
    input: &DeliveryInput,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let tx = conn.transaction()?;
    let (incident_id, sequence, generated_at): (i64, u32, DateTime<Utc>) = tx
        .query_row(
            "SELECT incident_id, sequence, generated_at FROM notices WHERE id = ?1",
            [notice_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    let (sent_at, recipients) = check_delivery(input, generated_at, now)?;
    tx.execute(
        "INSERT INTO notice_deliveries (notice_id, sent_at, method, recipients, recorded_at,
            recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (
            notice_id,
            sent_at,
            input.method.code(),
            recipients,
            now,
            officer,
        ),
    )?;
    let status = get_incident(&tx, incident_id)?.status;
    if sequence == 0
        && matches!(
            status,
            IncidentStatus::ReportedInternally | IncidentStatus::Assessing
        )
    {
        set_status(
            &tx,
            incident_id,
            IncidentStatus::CustomersNotified,
            "",
            officer,
            now,
        )?;
    }
    tx.commit()?;
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
