//! The instruction log: instructions per customer, checked against its designated contacts,
//! with doubts and their resolution.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::{documents, ensure_exists};
use crate::domain::deadlines::{Deadline, DeadlineKind, Target};
use crate::domain::instruction::{
    self, check_instruction, instruction_status, Instruction, InstructionChannel, InstructionInput,
    InstructionRecord,
};
use crate::domain::validation::FieldCode;
use crate::error::{AppError, AppResult};

/// A contact named on an instruction must be one of the customer's own.
fn check_contact(conn: &Connection, customer_id: i64, contact_id: Option<i64>) -> AppResult<()> {
    if let Some(contact) = contact_id {
        let ours: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ?1 AND customer_id = ?2)",
            (contact, customer_id),
            |row| row.get(0),
        )?;
        if !ours {
            return Err(AppError::field("contact_id", FieldCode::InvalidTransition));
        }
    }
    Ok(())
}

/// Logs an instruction; returns its id.
pub fn create(
    conn: &Connection,
    customer_id: i64,
    input: &InstructionInput,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let r = check_instruction(input, now)?;
    ensure_exists(conn, "customers", customer_id)?;
    check_contact(conn, customer_id, r.contact_id)?;
    conn.execute(
        "INSERT INTO instructions (customer_id, received_at, contact_id, from_name, channel,
            summary, attachment_reference, doubt, doubt_reason, resolved_on, resolution,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        rusqlite::params![
            customer_id,
            r.received_at,
            r.contact_id,
            r.from_name,
            r.channel.code(),
            r.summary,
            r.attachment_reference,
            r.doubt,
            r.doubt_reason,
            r.resolved_on,
            r.resolution,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Changes an instruction: a doubt raised or cleared, a correction.
pub fn update(
    conn: &Connection,
    id: i64,
    input: &InstructionInput,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let r = check_instruction(input, now)?;
    let customer_id: i64 = conn
        .query_row(
            "SELECT customer_id FROM instructions WHERE id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    check_contact(conn, customer_id, r.contact_id)?;
    conn.execute(
        "UPDATE instructions SET received_at = ?2, contact_id = ?3, from_name = ?4, channel = ?5,
            summary = ?6, attachment_reference = ?7, doubt = ?8, doubt_reason = ?9,
            resolved_on = ?10, resolution = ?11, updated_at = ?12
         WHERE id = ?1",
        rusqlite::params![
            id,
            r.received_at,
            r.contact_id,
            r.from_name,
            r.channel.code(),
            r.summary,
            r.attachment_reference,
            r.doubt,
            r.doubt_reason,
            r.resolved_on,
            r.resolution,
            now
        ],
    )?;
    Ok(())
}

const SELECT: &str = "SELECT i.id, i.customer_id, c.name, i.received_at, i.contact_id, i.from_name,
        i.channel, i.summary, i.attachment_reference, i.doubt, i.doubt_reason, i.resolved_on,
        i.resolution, k.name, coalesce(k.designated_for_instructions, 0)
    FROM instructions i JOIN customers c ON c.id = i.customer_id
    LEFT JOIN contacts k ON k.id = i.contact_id";

fn instruction(row: &Row) -> rusqlite::Result<Instruction> {
    let channel: String = row.get(6)?;
    let record = InstructionRecord {
        received_at: row.get(3)?,
        contact_id: row.get(4)?,
        from_name: row.get(5)?,
        channel: InstructionChannel::from_code(&channel).unwrap_or_default(),
        summary: row.get(7)?,
        attachment_reference: row.get(8)?,
        doubt: row.get(9)?,
        doubt_reason: row.get(10)?,
        resolved_on: row.get(11)?,
        resolution: row.get(12)?,
    };
    let contact: Option<String> = row.get(13)?;
    Ok(Instruction {
        id: row.get(0)?,
        customer_id: row.get(1)?,
        customer_name: row.get(2)?,
        from: contact.unwrap_or_else(|| record.from_name.clone()),
        from_designated: row.get(14)?,
        status: instruction_status(&record),
        record,
        letters: Vec::new(),
    })
}

fn with_letters(conn: &Connection, mut instruction: Instruction) -> AppResult<Instruction> {
    instruction.letters = documents::list_for(conn, &[instruction::DOUBT_NOTICE], instruction.id)?;
    Ok(instruction)
}

/// One instruction with its notices.
pub fn get(conn: &Connection, id: i64) -> AppResult<Instruction> {
    let found = conn
        .query_row(&format!("{SELECT} WHERE i.id = ?1"), [id], instruction)
        .optional()?
        .ok_or(AppError::NotFound)?;
    with_letters(conn, found)
}

/// The log, the latest first, of one customer or of all.
pub fn list(conn: &Connection, customer_id: Option<i64>) -> AppResult<Vec<Instruction>> {
    let mut statement = conn.prepare_cached(&format!(
        "{SELECT} WHERE ?1 IS NULL OR i.customer_id = ?1 ORDER BY i.received_at DESC, i.id DESC"
    ))?;
    let mut rows: Vec<Instruction> = statement
        .query_map([customer_id], instruction)?
        .collect::<Result<_, _>>()?;
    let ids: Vec<i64> = rows.iter().map(|i| i.id).collect();
    let mut letters = documents::list_for_many(conn, &[instruction::DOUBT_NOTICE], &ids)?;
    for row in &mut rows {
        row.letters = letters.remove(&row.id).unwrap_or_default();
    }
    Ok(rows)
}

/// The dashboard rows: every instruction in doubt, due a day after it came in (the customer
/// is to be told at once) and listed until the doubt is cleared.
pub fn deadlines(conn: &Connection) -> AppResult<Vec<Deadline>> {
    let mut statement = conn.prepare_cached(
        "SELECT i.customer_id, c.name, i.received_at FROM instructions i
         JOIN customers c ON c.id = i.customer_id
         WHERE i.doubt AND i.resolved_on IS NULL",
    )?;
    let rows = statement.query_map([], |row| {
        let received: DateTime<Utc> = row.get(2)?;
        Ok(Deadline::at(
            DeadlineKind::InstructionDoubt,
            received + Duration::hours(24),
            row.get(1)?,
            Target::Customer(row.get(0)?),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
