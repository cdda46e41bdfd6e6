//! Every attempt to send a kept document through the mail server (see `domain::dispatch`):
//! marked before the message leaves, settled after; the sent log entry of an accepted one is
//! written in the same transaction.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row};

use super::documents::{record_sent, Sending};
use super::json;
use crate::domain::dispatch::{Dispatch, DispatchState};
use crate::domain::document::SendMethod;
use crate::error::AppResult;

/// A message about to leave.
#[derive(Debug, Clone)]
pub struct Outgoing<'a> {
    pub document_id: i64,
    pub message_id: &'a str,
    /// The addresses, comma separated, as they go into the envelope.
    pub recipients: &'a str,
}

/// Marks a message as sending (committed before it leaves); returns the attempt's id.
pub fn begin(
    conn: &Connection,
    outgoing: &Outgoing,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    conn.execute(
        "INSERT INTO dispatches (document_id, customer_id, message_id, recipients, state,
            started_at, started_by)
         SELECT id, customer_id, ?2, ?3, 'sending', ?4, ?5 FROM documents WHERE id = ?1",
        (
            outgoing.document_id,
            outgoing.message_id,
            outgoing.recipients,
            now,
            officer,
        ),
    )?;
    Ok(conn.last_insert_rowid())
}

/// The server accepted the message: the attempt is settled and the sent log records it,
/// at the moment of acceptance, to the envelope's recipients, all or nothing.
pub fn accept(
    conn: &mut Connection,
    dispatch_id: i64,
    reply: &str,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let tx = conn.transaction()?;
    let (document_id, recipients, message_id): (i64, String, String) = tx.query_row(
        "SELECT document_id, recipients, message_id FROM dispatches WHERE id = ?1",
        [dispatch_id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    settle(&tx, dispatch_id, DispatchState::Accepted, reply, now)?;
    record_sent(
        &tx,
        document_id,
        Sending {
            at: now,
            method: SendMethod::Email,
            recipients: &format!("{recipients} (Message-ID <{message_id}>)"),
        },
        officer,
        now,
    )?;
    tx.commit()?;
    Ok(())
}

/// The server or the connection refused the message, for `reason`.
pub fn refuse(
    conn: &Connection,
    dispatch_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    settle(conn, dispatch_id, DispatchState::Refused, reason, now)
}

fn settle(
    conn: &Connection,
    dispatch_id: i64,
    state: DispatchState,
    reply: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    conn.execute(
        "UPDATE dispatches SET state = ?2, server_reply = ?3, finished_at = ?4
         WHERE id = ?1 AND state = 'sending'",
        (dispatch_id, state.code(), reply, now),
    )?;
    Ok(())
}

/// Attempts still marked as sending when the vault opens were cut off (a crash, a kill, a
/// lost connection to the vault): whether the server has them is unknown.
pub fn settle_interrupted(conn: &Connection) -> AppResult<usize> {
    Ok(conn.execute(
        "UPDATE dispatches SET state = 'unknown' WHERE state = 'sending'",
        [],
    )?)
}

/// Every attempt for these documents, oldest first, as (document, state).
pub fn attempts(conn: &Connection, document_ids: &[i64]) -> AppResult<Vec<(i64, DispatchState)>> {
    let ids = json(&document_ids)?;
    let mut statement = conn.prepare(
        "SELECT document_id, state FROM dispatches
         WHERE document_id IN (SELECT value FROM json_each(?1)) ORDER BY id",
    )?;
    let rows = statement.query_map([ids], |row| {
        let state: String = row.get(1)?;
        Ok((
            row.get(0)?,
            DispatchState::from_code(&state).unwrap_or(DispatchState::Unknown),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The latest attempt for each of these documents that has one, in the order asked.
pub fn latest(conn: &Connection, document_ids: &[i64]) -> AppResult<Vec<Dispatch>> {
    let ids = json(&document_ids)?;
    let mut statement = conn.prepare(
        "SELECT s.document_id, c.name, d.file_name, s.state, s.message_id, s.recipients,
                s.started_at, s.finished_at, s.server_reply
         FROM dispatches s
         JOIN documents d ON d.id = s.document_id
         JOIN customers c ON c.id = s.customer_id
         JOIN json_each(?1) j ON j.value = s.document_id
         WHERE s.id = (SELECT max(id) FROM dispatches WHERE document_id = s.document_id)
         ORDER BY j.key",
    )?;
    let rows = statement.query_map([ids], dispatch)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn dispatch(row: &Row) -> rusqlite::Result<Dispatch> {
    let state: String = row.get(3)?;
    Ok(Dispatch {
        document_id: row.get(0)?,
        customer_name: row.get(1)?,
        file_name: row.get(2)?,
        state: DispatchState::from_code(&state).unwrap_or(DispatchState::Unknown),
        message_id: row.get(4)?,
        recipients: row.get(5)?,
        started_at: row.get(6)?,
        finished_at: row.get(7)?,
        server_reply: row.get(8)?,
    })
}
