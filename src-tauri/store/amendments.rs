//! Amendments to the agreement (art. 10.2): who they were announced to, what each customer
//! answered, and moving customers to the new version once that is due.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};

use super::agreements;
use super::documents::{self, NewDocument};
use crate::domain::agreement::{AgreementRecord, AgreementStatus};
use crate::domain::amendment::{
    check_answer, state, Amendment, AmendmentCustomer, AmendmentKind, AmendmentRecord,
    AmendmentState, AnswerInput, CustomerAmendment, NOTICE,
};
use crate::domain::deadlines::{Deadline, DeadlineKind, Target};
use crate::domain::time::local_date;
use crate::domain::validation::FieldCode;
use crate::error::{AppError, AppResult};

/// A customer to announce a version to: its id and its signed agreement.
pub struct Recipient {
    pub customer_id: i64,
    pub agreement_id: i64,
    pub template_version_id: i64,
}

/// The customers a version is announced to: those whose service has not ended, with a
/// signed agreement on a version dated before it, and not yet in an amendment to it.
pub fn recipients(
    conn: &Connection,
    template_version_id: i64,
    now: DateTime<Utc>,
) -> AppResult<Vec<Recipient>> {
    let mut statement = conn.prepare_cached(
        "SELECT c.id, g.id, g.template_version_id
         FROM customers c
         JOIN agreements g ON g.customer_id = c.id AND g.status = 'signed'
         JOIN template_versions old ON old.id = g.template_version_id
         JOIN template_versions new ON new.id = ?1
         WHERE c.archived_at IS NULL AND (c.service_end IS NULL OR c.service_end >= ?2)
           AND old.version_date < new.version_date
           AND NOT EXISTS (SELECT 1 FROM amendment_customers ac
                           JOIN amendments m ON m.id = ac.amendment_id
                           WHERE ac.customer_id = c.id AND m.template_version_id = new.id)
         ORDER BY c.name COLLATE NOCASE, c.id",
    )?;
    let rows = statement.query_map((template_version_id, local_date(now)), |row| {
        Ok(Recipient {
            customer_id: row.get(0)?,
            agreement_id: row.get(1)?,
            template_version_id: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Keeps an amendment with its notices, one per customer with the agreement it was
/// announced against, all or none; moves whoever is due at once. Returns its id.
pub fn insert(
    conn: &mut Connection,
    record: &AmendmentRecord,
    notices: &[(NewDocument, i64)],
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO amendments (template_version_id, kind, effective_on, summary, reason,
            announced_at, announced_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        (
            record.template_version_id,
            record.kind.code(),
            record.effective_on,
            &record.summary,
            &record.reason,
            now,
            officer,
        ),
    )?;
    let id = tx.last_insert_rowid();
    for (notice, agreement_id) in notices {
        let notice = NewDocument {
            subject_id: id,
            ..notice.clone()
        };
        let document_id = documents::insert(&tx, &notice, officer)?;
        tx.prepare_cached(
            "INSERT INTO amendment_customers (amendment_id, customer_id, from_agreement_id,
                document_id)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute((id, notice.customer_id, agreement_id, document_id))?;
    }
    tx.commit()?;
    apply_due(conn, now)?;
    Ok(id)
}

/// Records a customer's answer to an amendment by consent, once; a consent whose effective
/// date has come moves the customer at once.
pub fn record_answer(
    conn: &mut Connection,
    amendment_id: i64,
    customer_id: i64,
    input: &AnswerInput,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let amendment = get(conn, amendment_id)?;
    let customer = amendment
        .customers
        .iter()
        .find(|c| c.customer_id == customer_id)
        .ok_or(AppError::NotFound)?;
    if customer.state != AmendmentState::AwaitingAnswer {
        return Err(AppError::field("answer", FieldCode::NoAnswerExpected));
    }
    let answer = check_answer(input, local_date(amendment.announced_at), local_date(now))?;
    conn.execute(
        "UPDATE amendment_customers SET consented = ?3, answered_on = ?4, answered_by = ?5
         WHERE amendment_id = ?1 AND customer_id = ?2",
        (
            amendment_id,
            customer_id,
            answer.consented,
            answer.answered_on,
            &answer.answered_by,
        ),
    )?;
    apply_due(conn, now)?;
    Ok(())
}

/// A customer's move that is due: the amendment, the customer, the new version, the day
/// it applies from and who consented (empty when the law requires it).
pub struct Due {
    pub amendment_id: i64,
    pub customer_id: i64,
    template_version_id: i64,
    applies_from: NaiveDate,
    answered_by: String,
}

/// The moves due on the local day of `now`: required by law, or consented, with the
/// effective date come, and the customer still on the agreement the amendment was announced
/// against (the row is open). A consent given after the effective date applies from the day
/// it was given. Read before every command.
pub fn due(conn: &Connection, now: DateTime<Utc>) -> AppResult<Vec<Due>> {
    // By kind, so each half reads the open index at its own key: every open row of an
    // amendment required by law, only the consented ones of one by consent. CROSS JOIN keeps
    // the few amendments outside, so the index is sought, not scanned whole (the vault has no
    // statistics to tell the planner).
    let mut statement = conn.prepare_cached(
        "SELECT ac.amendment_id, ac.customer_id, m.template_version_id, m.effective_on,
            ac.answered_by
         FROM amendments m CROSS JOIN amendment_customers ac ON ac.amendment_id = m.id
         WHERE m.kind = 'required_by_law' AND m.effective_on <= ?1
           AND ac.moved_agreement_id IS NULL AND ac.closed_on IS NULL
         UNION ALL
         SELECT ac.amendment_id, ac.customer_id, m.template_version_id,
            max(m.effective_on, ac.answered_on), ac.answered_by
         FROM amendments m CROSS JOIN amendment_customers ac ON ac.amendment_id = m.id
         WHERE m.kind = 'by_consent' AND m.effective_on <= ?1 AND ac.consented = 1
           AND ac.moved_agreement_id IS NULL AND ac.closed_on IS NULL
         ORDER BY 4 DESC, 1 DESC",
    )?;
    let rows = statement.query_map([local_date(now)], |row| {
        Ok(Due {
            amendment_id: row.get(0)?,
            customer_id: row.get(1)?,
            template_version_id: row.get(2)?,
            applies_from: row.get(3)?,
            answered_by: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Moves every customer whose move is [`due`]: the new agreement is signed as of the day it
/// applies from (by whoever consented; by no one when the law requires it) and supersedes
/// the old one. Of two amendments due for one customer at once, the newest moves it, the
/// other is closed. Returns how many moved.
pub fn apply_due(conn: &mut Connection, now: DateTime<Utc>) -> AppResult<u32> {
    let due = due(conn, now)?;
    if due.is_empty() {
        return Ok(0);
    }
    let tx = conn.transaction()?;
    let mut moved = 0;
    for change in &due {
        // A move of this customer made in this loop (a newer amendment due the same day)
        // closed this one: it stays where it is.
        let open: bool = tx.query_row(
            "SELECT closed_on IS NULL FROM amendment_customers
             WHERE amendment_id = ?1 AND customer_id = ?2",
            (change.amendment_id, change.customer_id),
            |row| row.get(0),
        )?;
        if !open {
            continue;
        }
        let record = AgreementRecord {
            template_version_id: change.template_version_id,
            status: AgreementStatus::Signed,
            signed_on: Some(change.applies_from),
            signed_by_name: change.answered_by.clone(),
            signed_by_role: String::new(),
            end_date: None,
            notes: String::new(),
        };
        let agreement_id = match agreements::insert(&tx, change.customer_id, &record, now) {
            Ok(id) => id,
            // Never expected (the agreement it replaces was signed before the announcement),
            // but a move that cannot be made must not stop every command: it is closed.
            Err(AppError::Validation { fields }) => {
                tracing::warn!(?fields, "an amended agreement could not be signed");
                tx.execute(
                    "UPDATE amendment_customers SET closed_on = ?3
                     WHERE amendment_id = ?1 AND customer_id = ?2",
                    (change.amendment_id, change.customer_id, local_date(now)),
                )?;
                continue;
            }
            Err(other) => return Err(other),
        };
        tx.execute(
            "UPDATE amendment_customers SET moved_agreement_id = ?3
             WHERE amendment_id = ?1 AND customer_id = ?2",
            (change.amendment_id, change.customer_id, agreement_id),
        )?;
        moved += 1;
    }
    tx.commit()?;
    tracing::info!(moved, "customers moved to an amended agreement");
    Ok(moved)
}

/// Closes the open amendments announced against an agreement that is superseded or ends
/// otherwise than by them, inside the caller's transaction: the customer will not move.
pub(super) fn close_open(tx: &Transaction, agreement_id: i64, on: NaiveDate) -> AppResult<()> {
    tx.execute(
        "UPDATE amendment_customers SET closed_on = ?2
         WHERE from_agreement_id = ?1 AND moved_agreement_id IS NULL AND closed_on IS NULL",
        (agreement_id, on),
    )?;
    Ok(())
}

const SELECT: &str = "SELECT m.id, m.template_version_id, v.label, m.kind, m.effective_on,
        m.summary, m.reason, m.announced_at, m.announced_by
    FROM amendments m JOIN template_versions v ON v.id = m.template_version_id";

/// Every amendment, the newest first, with where each customer stands.
pub fn list(conn: &Connection) -> AppResult<Vec<Amendment>> {
    let mut statement =
        conn.prepare(&format!("{SELECT} ORDER BY m.announced_at DESC, m.id DESC"))?;
    let mut amendments: Vec<Amendment> = statement
        .query_map([], amendment)?
        .collect::<Result<_, _>>()?;
    let mut customers = customers_of(conn, None)?;
    let ids: Vec<i64> = amendments.iter().map(|a| a.id).collect();
    let mut letters = documents::list_for_many(conn, &[NOTICE], &ids)?;
    for amendment in &mut amendments {
        amendment.customers = customers.remove(&amendment.id).unwrap_or_default();
        amendment.letters = letters.remove(&amendment.id).unwrap_or_default();
    }
    Ok(amendments)
}

pub fn get(conn: &Connection, id: i64) -> AppResult<Amendment> {
    let mut amendment = conn
        .query_row(&format!("{SELECT} WHERE m.id = ?1"), [id], amendment)
        .optional()?
        .ok_or(AppError::NotFound)?;
    amendment.customers = customers_of(conn, Some(id))?
        .remove(&id)
        .unwrap_or_default();
    amendment.letters = documents::list_for(conn, &[NOTICE], id)?;
    Ok(amendment)
}

fn amendment(row: &Row) -> rusqlite::Result<Amendment> {
    Ok(Amendment {
        id: row.get(0)?,
        template_version_id: row.get(1)?,
        version_label: row.get(2)?,
        kind: kind(row, 3)?,
        effective_on: row.get(4)?,
        summary: row.get(5)?,
        reason: row.get(6)?,
        announced_at: row.get(7)?,
        announced_by: row.get(8)?,
        customers: Vec::new(),
        letters: Vec::new(),
    })
}

const CUSTOMERS: &str = "SELECT ac.amendment_id, ac.customer_id, c.name, old.label, m.kind,
        ac.consented, ac.moved_agreement_id IS NOT NULL, ac.closed_on IS NOT NULL, ac.answered_on,
        ac.answered_by, ac.document_id,
        (SELECT min(d.sent_at) FROM document_deliveries d WHERE d.document_id = ac.document_id),
        new.label, m.effective_on, m.reason, m.announced_at
    FROM amendment_customers ac
    JOIN amendments m ON m.id = ac.amendment_id
    JOIN customers c ON c.id = ac.customer_id
    JOIN agreements g ON g.id = ac.from_agreement_id
    JOIN template_versions old ON old.id = g.template_version_id
    JOIN template_versions new ON new.id = m.template_version_id";

/// The customers of one amendment, or of all, per amendment by name.
fn customers_of(
    conn: &Connection,
    amendment_id: Option<i64>,
) -> AppResult<HashMap<i64, Vec<AmendmentCustomer>>> {
    let mut statement = conn.prepare_cached(&format!(
        "{CUSTOMERS} WHERE ?1 IS NULL OR ac.amendment_id = ?1
         ORDER BY c.name COLLATE NOCASE, c.id"
    ))?;
    let mut customers: HashMap<i64, Vec<AmendmentCustomer>> = HashMap::new();
    let rows = statement.query_map([amendment_id], |row| {
        Ok((row.get::<_, i64>(0)?, amendment_customer(row)?))
    })?;
    for row in rows {
        let (id, customer) = row?;
        customers.entry(id).or_default().push(customer);
    }
    Ok(customers)
}

fn customer_state(row: &Row) -> rusqlite::Result<AmendmentState> {
    Ok(state(kind(row, 4)?, row.get(5)?, row.get(6)?, row.get(7)?))
}

fn amendment_customer(row: &Row) -> rusqlite::Result<AmendmentCustomer> {
    Ok(AmendmentCustomer {
        customer_id: row.get(1)?,
        customer_name: row.get(2)?,
        from_label: row.get(3)?,
        state: customer_state(row)?,
        answered_on: row.get(8)?,
        answered_by: row.get(9)?,
        document_id: row.get(10)?,
        sent_at: row.get(11)?,
    })
}

/// The amendments announced to one customer, the newest first, for its export.
pub fn for_customer(conn: &Connection, customer_id: i64) -> AppResult<Vec<CustomerAmendment>> {
    let mut statement = conn.prepare_cached(&format!(
        "{CUSTOMERS} WHERE ac.customer_id = ?1 ORDER BY m.announced_at DESC, m.id DESC"
    ))?;
    let rows = statement.query_map([customer_id], |row| {
        Ok(CustomerAmendment {
            from_label: row.get(3)?,
            to_label: row.get(12)?,
            kind: kind(row, 4)?,
            effective_on: row.get(13)?,
            reason: row.get(14)?,
            announced_at: row.get(15)?,
            state: customer_state(row)?,
            answered_on: row.get(8)?,
            answered_by: row.get(9)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A row per amendment by consent with customers that have not answered and are still on
/// the old version: due on the effective date, when they would have moved.
pub fn deadlines(conn: &Connection) -> AppResult<Vec<Deadline>> {
    let mut statement = conn.prepare_cached(
        "SELECT m.id, v.label, m.effective_on, count(*)
         FROM amendments m
         JOIN template_versions v ON v.id = m.template_version_id
         CROSS JOIN amendment_customers ac ON ac.amendment_id = m.id
         WHERE m.kind = 'by_consent' AND ac.consented IS NULL
           AND ac.moved_agreement_id IS NULL AND ac.closed_on IS NULL
         GROUP BY m.id",
    )?;
    let rows = statement.query_map([], |row| {
        let mut deadline = Deadline::on(
            DeadlineKind::AmendmentConsent,
            row.get(2)?,
            row.get(1)?,
            Target::Amendment(row.get(0)?),
        );
        deadline.customers = row.get(3)?;
        Ok(deadline)
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The newest open amendment of each of `customer_ids` that the customer may still move by:
/// its version and where the customer stands.
pub fn pending_for(
    conn: &Connection,
    customer_ids: &[i64],
) -> AppResult<HashMap<i64, (String, AmendmentState)>> {
    let mut statement = conn.prepare_cached(
        "SELECT ac.customer_id, v.label, m.kind, ac.consented
         FROM amendment_customers ac
         JOIN amendments m ON m.id = ac.amendment_id
         JOIN template_versions v ON v.id = m.template_version_id
         WHERE ac.customer_id IN (SELECT value FROM json_each(?1))
           AND ac.moved_agreement_id IS NULL AND ac.closed_on IS NULL
           AND ac.consented IS NOT 0
         ORDER BY ac.amendment_id",
    )?;
    let ids = serde_json::to_string(customer_ids).unwrap_or_default();
    let rows = statement.query_map([ids], |row| {
        let state = state(kind(row, 2)?, row.get(3)?, false, false);
        Ok((row.get::<_, i64>(0)?, (row.get::<_, String>(1)?, state)))
    })?;
    // The newest comes last and stays.
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many customers have not answered an amendment by consent they may still move by.
pub fn awaiting_answer(conn: &Connection) -> AppResult<u32> {
    Ok(conn.query_row(
        "SELECT count(DISTINCT ac.customer_id)
         FROM amendments m CROSS JOIN amendment_customers ac ON ac.amendment_id = m.id
         WHERE m.kind = 'by_consent' AND ac.consented IS NULL
           AND ac.moved_agreement_id IS NULL AND ac.closed_on IS NULL",
        [],
        |row| row.get(0),
    )?)
}

fn kind(row: &Row, index: usize) -> rusqlite::Result<AmendmentKind> {
    let code: String = row.get(index)?;
    Ok(AmendmentKind::from_code(&code).unwrap_or(AmendmentKind::ByConsent))
}
