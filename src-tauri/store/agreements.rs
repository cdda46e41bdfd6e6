//! Each customer's agreements, and the overview of who is on which version.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};

use super::{amendments, ensure_exists};
use crate::domain::agreement::{
    check_agreement, may_change_status, Agreement, AgreementInput, AgreementOverview,
    AgreementOverviewRow, AgreementRecord, AgreementStatus,
};
use crate::domain::amendment::AmendmentKind;
use crate::domain::time::local_date;
use crate::domain::validation::FieldCode;
use crate::error::{AppError, AppResult};

const SELECT: &str = "SELECT a.id, a.customer_id, a.template_version_id, v.label, a.status,
        a.signed_on, a.signed_by_name, a.signed_by_role, a.end_date, a.notes, a.created_at,
        a.updated_at, m.kind
    FROM agreements a JOIN template_versions v ON v.id = a.template_version_id
    LEFT JOIN amendment_customers mc ON mc.moved_agreement_id = a.id
    LEFT JOIN amendments m ON m.id = mc.amendment_id";

/// A customer's agreements, the current one first, then by signing date, newest first.
pub fn list_for_customer(conn: &Connection, customer_id: i64) -> AppResult<Vec<Agreement>> {
    let mut statement = conn.prepare(&format!(
        "{SELECT} WHERE a.customer_id = ?1
         ORDER BY a.status = 'signed' DESC, a.signed_on IS NULL DESC, a.signed_on DESC, a.id DESC"
    ))?;
    let rows = statement.query_map([customer_id], agreement)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> AppResult<Agreement> {
    conn.query_row(&format!("{SELECT} WHERE a.id = ?1"), [id], agreement)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Adds an agreement for a customer, refused with its field errors when it does not pass
/// [`check_agreement`] (dates judged against today, from `now`). Signing it supersedes the
/// customer's current signed agreement, all in one transaction.
pub fn create(
    conn: &mut Connection,
    customer_id: i64,
    input: &AgreementInput,
    now: DateTime<Utc>,
) -> AppResult<Agreement> {
    let record = &check_agreement(input, local_date(now))?;
    if record.status == AgreementStatus::Superseded {
        return Err(AppError::field("status", FieldCode::InvalidTransition));
    }
    let tx = conn.transaction()?;
    ensure_exists(&tx, "customers", customer_id)?;
    let id = insert(&tx, customer_id, record, now)?;
    tx.commit()?;
    get(conn, id)
}

/// Records a checked agreement inside the caller's transaction; signing one supersedes the
/// customer's current agreement (refused when that was signed later).
pub(super) fn insert(
    tx: &Transaction,
    customer_id: i64,
    record: &AgreementRecord,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    ensure_exists(tx, "template_versions", record.template_version_id)?;
    if record.status == AgreementStatus::Signed {
        supersede_current(tx, customer_id, record)?;
    }
    tx.execute(
        "INSERT INTO agreements (customer_id, template_version_id, status, signed_on,
            signed_by_name, signed_by_role, end_date, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        (
            customer_id,
            record.template_version_id,
            record.status.code(),
            record.signed_on,
            &record.signed_by_name,
            &record.signed_by_role,
            record.end_date,
            &record.notes,
            now,
        ),
    )?;
    Ok(tx.last_insert_rowid())
}

/// Changes an agreement along the status flow. A draft may change in everything; a signed
/// agreement only ends (end date and notes); superseded and ended ones take notes only.
/// Checked as in [`create`].
pub fn update(
    conn: &mut Connection,
    id: i64,
    input: &AgreementInput,
    now: DateTime<Utc>,
) -> AppResult<Agreement> {
    let record = &check_agreement(input, local_date(now))?;
    let tx = conn.transaction()?;
    let current = get(&tx, id)?;
    if !may_change_status(current.status, record.status) {
        return Err(AppError::field("status", FieldCode::InvalidTransition));
    }
    let signing_data_kept = record.template_version_id == current.template_version_id
        && record.signed_on == current.signed_on
        && record.signed_by_name == current.signed_by_name
        && record.signed_by_role == current.signed_by_role;
    if current.status != AgreementStatus::Draft && !signing_data_kept {
        return Err(AppError::AgreementSigned);
    }
    let end_date = match current.status {
        AgreementStatus::Superseded | AgreementStatus::Ended => current.end_date,
        _ => record.end_date,
    };
    ensure_exists(&tx, "template_versions", record.template_version_id)?;
    if current.status == AgreementStatus::Draft && record.status == AgreementStatus::Signed {
        supersede_current(&tx, current.customer_id, record)?;
    }
    tx.execute(
        "UPDATE agreements SET template_version_id = ?2, status = ?3, signed_on = ?4,
            signed_by_name = ?5, signed_by_role = ?6, end_date = ?7, notes = ?8, updated_at = ?9
         WHERE id = ?1",
        (
            id,
            record.template_version_id,
            record.status.code(),
            record.signed_on,
            &record.signed_by_name,
            &record.signed_by_role,
            end_date,
            &record.notes,
            now,
        ),
    )?;
    if record.status == AgreementStatus::Ended && current.status != AgreementStatus::Ended {
        amendments::close_open(&tx, id, end_date.unwrap_or_else(|| local_date(now)))?;
    }
    tx.commit()?;
    get(conn, id)
}

/// A page of the customers that are not archived with the version of their signed
/// agreement, the customers without one (the compliance gaps) first, and the counts.
pub fn overview(conn: &Connection, offset: u32, limit: u32) -> AppResult<AgreementOverview> {
    let mut statement = conn.prepare_cached(
        "SELECT c.id, c.name, v.label, a.signed_on
         FROM customers c
         LEFT JOIN agreements a ON a.customer_id = c.id AND a.status = 'signed'
         LEFT JOIN template_versions v ON v.id = a.template_version_id
         WHERE c.archived_at IS NULL
         ORDER BY a.id IS NOT NULL, c.name COLLATE NOCASE, c.id
         LIMIT ?2 OFFSET ?1",
    )?;
    let rows = statement.query_map((offset, limit), |row| {
        Ok(AgreementOverviewRow {
            customer_id: row.get(0)?,
            customer_name: row.get(1)?,
            version_label: row.get(2)?,
            signed_on: row.get(3)?,
            pending: None,
        })
    })?;
    let mut rows: Vec<AgreementOverviewRow> = rows.collect::<Result<_, _>>()?;
    let ids: Vec<i64> = rows.iter().map(|r| r.customer_id).collect();
    let mut pending = amendments::pending_for(conn, &ids)?;
    for row in &mut rows {
        row.pending = pending.remove(&row.customer_id);
    }
    let (total, without_agreement) = conn.query_row(
        "SELECT count(*), count(*) - count(a.id) FROM customers c
         LEFT JOIN agreements a ON a.customer_id = c.id AND a.status = 'signed'
         WHERE c.archived_at IS NULL",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(AgreementOverview {
        rows,
        total,
        without_agreement,
        awaiting_answer: amendments::awaiting_answer(conn)?,
        offset,
    })
}

/// Marks the customer's signed agreement superseded from the new signing date on. A new
/// agreement cannot be signed before the current one was.
fn supersede_current(
    tx: &Transaction,
    customer_id: i64,
    record: &AgreementRecord,
) -> AppResult<()> {
    let current: Option<(i64, Option<chrono::NaiveDate>)> = tx
        .query_row(
            "SELECT id, signed_on FROM agreements WHERE customer_id = ?1 AND status = 'signed'",
            [customer_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    if let Some((id, signed_on)) = current {
        if signed_on > record.signed_on {
            return Err(AppError::field(
                "signed_on",
                FieldCode::BeforeCurrentAgreement,
            ));
        }
        tx.execute(
            "UPDATE agreements SET status = 'superseded', end_date = ?2 WHERE id = ?1",
            (id, record.signed_on),
        )?;
        if let Some(on) = record.signed_on {
            amendments::close_open(tx, id, on)?;
        }
    }
    Ok(())
}

fn agreement(row: &Row) -> rusqlite::Result<Agreement> {
    let status: String = row.get(4)?;
    Ok(Agreement {
        id: row.get(0)?,
        customer_id: row.get(1)?,
        template_version_id: row.get(2)?,
        version_label: row.get(3)?,
        status: AgreementStatus::from_code(&status).unwrap_or(AgreementStatus::Draft),
        signed_on: row.get(5)?,
        signed_by_name: row.get(6)?,
        signed_by_role: row.get(7)?,
        end_date: row.get(8)?,
        notes: row.get(9)?,
        created_at: row.get(10)?,
        updated_at: row.get(11)?,
        amendment: row
            .get::<_, Option<String>>(12)?
            .and_then(|code| AmendmentKind::from_code(&code)),
    })
}
