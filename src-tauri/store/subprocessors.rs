//! The sub-processor register, change announcements and each customer's answer.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::{documents, ensure_exists, service_ends, transfers};
use crate::domain::country::country;
use crate::domain::deadlines::{Deadline, DeadlineKind, Target};
use crate::domain::subprocessor::{
    self, check_receipt, check_response, check_sub_processor, objection_deadline, receipt,
    start_after_window, sub_processor_status, Announcement, AnnouncementCustomer,
    AnnouncementRecord, ChangeKind, CustomerSubProcessor, Decision, Outcome, Response,
    ResponseInput, SubProcessor, SubProcessorDetail, SubProcessorInput, SubProcessorRecord,
    SubProcessorRow,
};
use crate::domain::time::local_date;
use crate::domain::validation::FieldCode;
use crate::error::{AppError, AppResult};

const SELECT: &str = "SELECT id, name, activities, country, start_date, end_date,
        contract_reference FROM sub_processors";

/// Adds a sub-processor to the register; returns its id.
pub fn create(conn: &Connection, input: &SubProcessorInput, now: DateTime<Utc>) -> AppResult<i64> {
    let r = check_sub_processor(input)?;
    conn.execute(
        "INSERT INTO sub_processors (name, activities, country, start_date, end_date,
            contract_reference, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        (
            &r.name,
            &r.activities,
            &r.country,
            r.start_date,
            r.end_date,
            &r.contract_reference,
            now,
        ),
    )?;
    Ok(conn.last_insert_rowid())
}

/// Changes a sub-processor's record.
pub fn update(
    conn: &Connection,
    id: i64,
    input: &SubProcessorInput,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let r = check_sub_processor(input)?;
    ensure_exists(conn, "sub_processors", id)?;
    conn.execute(
        "UPDATE sub_processors SET name = ?2, activities = ?3, country = ?4, start_date = ?5,
            end_date = ?6, contract_reference = ?7, updated_at = ?8 WHERE id = ?1",
        (
            id,
            &r.name,
            &r.activities,
            &r.country,
            r.start_date,
            r.end_date,
            &r.contract_reference,
            now,
        ),
    )?;
    Ok(())
}

fn sub_processor(row: &Row, today: NaiveDate) -> rusqlite::Result<SubProcessor> {
    let record = SubProcessorRecord {
        name: row.get(1)?,
        activities: row.get(2)?,
        country: row.get(3)?,
        start_date: row.get(4)?,
        end_date: row.get(5)?,
        contract_reference: row.get(6)?,
    };
    Ok(SubProcessor {
        id: row.get(0)?,
        eea: country(&record.country).is_some_and(|c| c.eea),
        status: sub_processor_status(&record, today),
        record,
    })
}

/// One sub-processor with its status on the day of `now`.
pub fn get(conn: &Connection, id: i64, now: DateTime<Utc>) -> AppResult<SubProcessor> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], |row| {
        sub_processor(row, local_date(now))
    })
    .optional()?
    .ok_or(AppError::NotFound)
}

fn all(conn: &Connection, now: DateTime<Utc>) -> AppResult<Vec<SubProcessor>> {
    let mut statement =
        conn.prepare_cached(&format!("{SELECT} ORDER BY name COLLATE NOCASE, id"))?;
    let rows = statement.query_map([], |row| sub_processor(row, local_date(now)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The register, with how the customers stand on each latest announcement.
pub fn list(conn: &Connection, now: DateTime<Utc>) -> AppResult<Vec<SubProcessorRow>> {
    let mut rows = Vec::new();
    for sub in all(conn, now)? {
        let latest = announcements(conn, sub.id, sub.eea, now)?
            .into_iter()
            .next();
        let count = |f: fn(Outcome) -> bool| {
            latest.as_ref().map_or(0, |a| {
                a.customers.iter().filter(|c| f(c.outcome)).count() as u32
            })
        };
        rows.push(SubProcessorRow {
            announced: latest.is_some(),
            approving: count(Outcome::approves),
            objected: count(|o| matches!(o, Outcome::Objected | Outcome::ServiceEnds)),
            pending: count(|o| {
                matches!(
                    o,
                    Outcome::Pending | Outcome::NotSent | Outcome::ConsentRequired
                )
            }),
            sub_processor: sub,
        });
    }
    Ok(rows)
}

/// A sub-processor's page.
pub fn detail(conn: &Connection, id: i64, now: DateTime<Utc>) -> AppResult<SubProcessorDetail> {
    let sub = get(conn, id, now)?;
    let mut letters = Vec::new();
    let announcements = announcements(conn, id, sub.eea, now)?;
    for announcement in &announcements {
        letters.extend(documents::list_for(
            conn,
            &[subprocessor::CHANGE_NOTICE],
            announcement.id,
        )?);
    }
    Ok(SubProcessorDetail {
        sub_processor: sub,
        announcements,
        letters,
    })
}

/// Keeps an announcement with, per customer, its window and its already-rendered notice;
/// all or nothing. Returns the announcement's id.
pub fn insert_announcement(
    conn: &mut Connection,
    record: &AnnouncementRecord,
    notices: &[(documents::NewDocument, u32, bool)],
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO sub_processor_announcements (sub_processor_id, kind, replaces_id,
            intended_start, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (
            record.sub_processor_id,
            record.kind.code(),
            record.replaces_id,
            record.intended_start,
            now,
            officer,
        ),
    )?;
    let id = tx.last_insert_rowid();
    for (notice, window_days, from_agreement) in notices {
        let notice = documents::NewDocument {
            subject_id: id,
            ..notice.clone()
        };
        let document_id = documents::insert(&tx, &notice, officer)?;
        tx.prepare_cached(
            "INSERT INTO announcement_customers (announcement_id, customer_id, window_days,
                window_from_agreement, document_id)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute((
            id,
            notice.customer_id,
            window_days,
            from_agreement,
            document_id,
        ))?;
    }
    tx.commit()?;
    Ok(id)
}

const CUSTOMERS: &str = "SELECT ac.announcement_id, ac.customer_id, c.name, ac.document_id,
        (SELECT min(d.sent_at) FROM document_deliveries d WHERE d.document_id = ac.document_id),
        ac.window_days, ac.window_from_agreement, ac.response, ac.response_at, ac.reason,
        ac.decision,
        EXISTS (SELECT 1 FROM transfers t
                WHERE t.customer_id = ac.customer_id AND t.sub_processor_id = a.sub_processor_id
                  AND t.withdrawn_on IS NULL),
        ac.notice_received_at, a.intended_start
    FROM announcement_customers ac JOIN customers c ON c.id = ac.customer_id
    JOIN sub_processor_announcements a ON a.id = ac.announcement_id";

fn announcement_customer(
    row: &Row,
    eea: bool,
    now: DateTime<Utc>,
) -> rusqlite::Result<AnnouncementCustomer> {
    let response: Option<String> = row.get(7)?;
    let at: Option<DateTime<Utc>> = row.get(8)?;
    let decision: Option<String> = row.get(10)?;
    let response = match (response.as_deref(), at) {
        (Some("consented"), Some(at)) => Some(Response::Consented { at }),
        (Some("objected"), Some(at)) => Some(Response::Objected {
            at,
            reason: row.get(9)?,
            decision: decision.as_deref().and_then(Decision::from_code),
        }),
        _ => None,
    };
    Ok(AnnouncementCustomer::at(
        (row.get(1)?, row.get(2)?, row.get(3)?),
        (row.get(4)?, row.get(12)?),
        (row.get(5)?, row.get(6)?),
        row.get(13)?,
        response,
        !eea && !row.get::<_, bool>(11)?,
        now,
    ))
}

fn announcements(
    conn: &Connection,
    sub_id: i64,
    eea: bool,
    now: DateTime<Utc>,
) -> AppResult<Vec<Announcement>> {
    let mut statement = conn.prepare_cached(
        "SELECT a.id, a.kind, r.name, a.intended_start, a.created_at, a.created_by
         FROM sub_processor_announcements a LEFT JOIN sub_processors r ON r.id = a.replaces_id
         WHERE a.sub_processor_id = ?1 ORDER BY a.created_at DESC, a.id DESC",
    )?;
    let mut list: Vec<Announcement> = statement
        .query_map([sub_id], |row| {
            let kind: String = row.get(1)?;
            Ok(Announcement {
                id: row.get(0)?,
                kind: ChangeKind::from_code(&kind).unwrap_or_default(),
                replaces_name: row.get(2)?,
                intended_start: row.get(3)?,
                created_at: row.get(4)?,
                created_by: row.get(5)?,
                customers: Vec::new(),
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut statement = conn.prepare_cached(&format!(
        "{CUSTOMERS} WHERE a.sub_processor_id = ?1 ORDER BY c.name COLLATE NOCASE, c.id"
    ))?;
    let customers = statement.query_map([sub_id], |row| {
        Ok((row.get::<_, i64>(0)?, announcement_customer(row, eea, now)?))
    })?;
    for customer in customers {
        let (announcement_id, customer) = customer?;
        if let Some(a) = list.iter_mut().find(|a| a.id == announcement_id) {
            a.customers.push(customer);
        }
    }
    Ok(list)
}

fn one_customer(
    conn: &Connection,
    announcement_id: i64,
    customer_id: i64,
    now: DateTime<Utc>,
) -> AppResult<(AnnouncementCustomer, NaiveDate)> {
    let customer = conn
        .query_row(
            &format!("{CUSTOMERS} WHERE ac.announcement_id = ?1 AND ac.customer_id = ?2"),
            (announcement_id, customer_id),
            |row| announcement_customer(row, true, now),
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    let start = conn.query_row(
        "SELECT intended_start FROM sub_processor_announcements WHERE id = ?1",
        [announcement_id],
        |row| row.get(0),
    )?;
    Ok((customer, start))
}

/// Records the customer's consent or objection, received inside its window.
pub fn record_response(
    conn: &Connection,
    announcement_id: i64,
    customer_id: i64,
    input: &ResponseInput,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let (customer, _) = one_customer(conn, announcement_id, customer_id, now)?;
    if customer.response.is_some() {
        return Err(AppError::field("received_at", FieldCode::InvalidTransition));
    }
    let response = check_response(input, customer.sent_at, customer.deadline, now)?;
    let (kind, at, reason) = match &response {
        Response::Consented { at } => ("consented", *at, String::new()),
        Response::Objected { at, reason, .. } => ("objected", *at, reason.clone()),
    };
    conn.execute(
        "UPDATE announcement_customers SET response = ?3, response_at = ?4, reason = ?5
         WHERE announcement_id = ?1 AND customer_id = ?2",
        (announcement_id, customer_id, kind, at, reason),
    )?;
    Ok(())
}

/// Records that the customer received the notice later than it was sent: its window runs
/// from then (art. 8.2).
pub fn record_receipt(
    conn: &Connection,
    announcement_id: i64,
    customer_id: i64,
    typed: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let (customer, _) = one_customer(conn, announcement_id, customer_id, now)?;
    let at = check_receipt(typed, customer.sent_at, customer.response.is_some(), now)?;
    conn.execute(
        "UPDATE announcement_customers SET notice_received_at = ?3
         WHERE announcement_id = ?1 AND customer_id = ?2",
        (announcement_id, customer_id, at),
    )?;
    Ok(())
}

/// The customers whose objection window, opened by sending the not yet sent notices
/// `document_ids` at `sent_at`, would not close before the intended start date of their
/// announcement (art. 8.2): a sending that must not be recorded.
pub fn windows_past_start(
    conn: &Connection,
    document_ids: &[i64],
    sent_at: DateTime<Utc>,
) -> AppResult<Vec<i64>> {
    let mut statement = conn.prepare_cached(
        "SELECT ac.customer_id, ac.window_days, a.intended_start
         FROM announcement_customers ac
         JOIN sub_processor_announcements a ON a.id = ac.announcement_id
         WHERE ac.document_id = ?1 AND ac.window_from_agreement
           AND NOT EXISTS (SELECT 1 FROM document_deliveries d WHERE d.document_id = ac.document_id)",
    )?;
    let mut blocking = Vec::new();
    for document_id in document_ids {
        let row = statement
            .query_row([document_id], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, u32>(1)?,
                    row.get::<_, NaiveDate>(2)?,
                ))
            })
            .optional()?;
        if let Some((customer_id, days, start)) = row {
            if !start_after_window(sent_at, days, start) {
                blocking.push(customer_id);
            }
        }
    }
    Ok(blocking)
}

/// The officer's decision on an objection. Ending the service sets the customer's service
/// end to the intended start date (art. 8.2.2), unless it already ends sooner.
pub fn decide(
    conn: &mut Connection,
    announcement_id: i64,
    customer_id: i64,
    decision: Decision,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let tx = conn.transaction()?;
    let (customer, intended_start) = one_customer(&tx, announcement_id, customer_id, now)?;
    if customer.outcome != Outcome::Objected {
        return Err(AppError::field("decision", FieldCode::InvalidTransition));
    }
    tx.execute(
        "UPDATE announcement_customers SET decision = ?3, decided_at = ?4, decided_by = ?5
         WHERE announcement_id = ?1 AND customer_id = ?2",
        (announcement_id, customer_id, decision.code(), now, officer),
    )?;
    if decision == Decision::ServiceEnds {
        let name: String = tx.query_row(
            "SELECT s.name FROM sub_processor_announcements a
             JOIN sub_processors s ON s.id = a.sub_processor_id WHERE a.id = ?1",
            [announcement_id],
            |row| row.get(0),
        )?;
        let reason = format!("Bezwaar tegen subverwerker {name} (art. 8.2.2)");
        service_ends::open_for_objection(&tx, customer_id, &reason, now)?;
        tx.execute(
            "UPDATE customers SET service_end = ?2, updated_at = ?3
             WHERE id = ?1 AND (service_end IS NULL OR service_end > ?2)",
            (customer_id, intended_start, now),
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Every sub-processor not ended, as the customer stands on it.
pub fn for_customer(
    conn: &Connection,
    customer_id: i64,
    now: DateTime<Utc>,
) -> AppResult<Vec<CustomerSubProcessor>> {
    let mut result = Vec::new();
    let mut latest = conn.prepare_cached(&format!(
        "{CUSTOMERS} WHERE a.sub_processor_id = ?1 AND ac.customer_id = ?2
         ORDER BY a.created_at DESC, a.id DESC LIMIT 1"
    ))?;
    for sub in all(conn, now)? {
        if sub.status == crate::domain::subprocessor::SubProcessorStatus::Ended {
            continue;
        }
        let customer = latest
            .query_row((sub.id, customer_id), |row| {
                announcement_customer(row, sub.eea, now)
            })
            .optional()?;
        result.push(CustomerSubProcessor {
            outcome: customer.as_ref().map(|c| c.outcome),
            deadline: customer.as_ref().and_then(|c| c.deadline),
            transfer_unapproved: !sub.eea && !transfers::approved(conn, customer_id, sub.id)?,
            sub_processor: sub,
        });
    }
    Ok(result)
}

/// The dashboard rows of the announcements: per sub-processor, the first objection window
/// still open, and objections awaiting the officer's decision before the intended start.
pub fn deadlines(conn: &Connection, now: DateTime<Utc>) -> AppResult<Vec<Deadline>> {
    let mut statement = conn.prepare_cached(
        "SELECT s.id, s.name, a.intended_start, ac.window_days, ac.response,
            (SELECT min(d.sent_at) FROM document_deliveries d WHERE d.document_id = ac.document_id),
            ac.notice_received_at
         FROM announcement_customers ac
         JOIN sub_processor_announcements a ON a.id = ac.announcement_id
         JOIN sub_processors s ON s.id = a.sub_processor_id
         WHERE (ac.response IS NULL AND ac.window_from_agreement)
            OR (ac.response = 'objected' AND ac.decision IS NULL)",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, NaiveDate>(2)?,
            row.get::<_, u32>(3)?,
            row.get::<_, Option<String>>(4)?,
            row.get::<_, Option<DateTime<Utc>>>(5)?,
            row.get::<_, Option<DateTime<Utc>>>(6)?,
        ))
    })?;
    let mut found: Vec<Deadline> = Vec::new();
    for row in rows {
        let (id, name, start, days, response, sent_at, received_at) = row?;
        let closes = sent_at.map(|sent| objection_deadline(receipt(sent, received_at), days));
        let target = Target::SubProcessor(id);
        let deadline = match (response, closes) {
            // Decided before the day the service would end.
            (Some(_), _) => Deadline::on(
                DeadlineKind::ObjectionDecision,
                start.pred_opt().unwrap_or(start),
                name,
                target,
            ),
            (None, Some(closes)) if closes >= now => {
                Deadline::at(DeadlineKind::ObjectionWindow, closes, name, target)
            }
            // Not sent yet, or consent deemed: nothing is due.
            _ => continue,
        };
        match found
            .iter_mut()
            .find(|d| d.target == deadline.target && d.kind == deadline.kind)
        {
            Some(same) => {
                same.due = same.due.min(deadline.due);
                same.customers += 1;
            }
            None => found.push(Deadline {
                customers: 1,
                ..deadline
            }),
        }
    }
    Ok(found)
}

/// The customers an announcement goes to: not archived, and the service not ended before
/// the day of `now`.
pub fn active_customers(conn: &Connection, now: DateTime<Utc>) -> AppResult<Vec<i64>> {
    let mut statement = conn.prepare_cached(
        "SELECT id FROM customers
         WHERE archived_at IS NULL AND (service_end IS NULL OR service_end >= ?1)
         ORDER BY name COLLATE NOCASE, id",
    )?;
    let ids = statement.query_map([local_date(now)], |row| row.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}
