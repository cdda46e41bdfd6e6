//! The deadlines dashboard, gathered from every register with deadlines.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use super::{
    amendments, assistance, disclosures, incident_views, instructions, processing_records,
    security_documents, service_ends, sub_processing, subprocessors,
};
use crate::domain::audit::{first_allowed_audit_date, DEFAULT_AUDIT_NOTICE_DAYS};
use crate::domain::deadlines::{dashboard, Dashboard, Deadline, DeadlineKind, Target};
use crate::error::AppResult;

/// Everything due at `now`, soonest first.
pub fn get(conn: &Connection, now: DateTime<Utc>) -> AppResult<Dashboard> {
    let mut rows = Vec::new();
    for incident in incident_views::open(conn, now)? {
        if let Some(due) = incident.next_deadline {
            let title = format!("{} {}", incident.number, incident.title);
            let mut row = Deadline::at(
                DeadlineKind::FirstNotice,
                due,
                title,
                Target::Incident(incident.id),
            );
            row.customers = incident.affected_count - incident.notified_count;
            rows.push(row);
        }
    }
    rows.extend(subprocessors::deadlines(conn, now)?);
    rows.extend(audit_deadlines(conn)?);
    rows.extend(service_ends::deadlines(conn)?);
    rows.extend(instructions::deadlines(conn)?);
    rows.extend(disclosures::deadlines(conn)?);
    rows.extend(assistance::deadlines(conn)?);
    rows.extend(sub_processing::deadlines(conn, now)?);
    rows.extend(security_documents::deadlines(conn, now)?);
    rows.extend(amendments::deadlines(conn)?);
    let mut statement = conn.prepare_cached(
        "SELECT coalesce(discovered_at, created_at) FROM incidents
         WHERE coalesce(discovered_at, created_at) >= ?1",
    )?;
    let year_ago = now - chrono::Duration::days(370);
    let moments: Vec<DateTime<Utc>> = statement
        .query_map([year_ago], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let incomplete_records = processing_records::incomplete_count(conn, now)?;
    Ok(dashboard(rows, &moments, incomplete_records, now))
}

/// Audits not yet held (on their agreed, else requested, date) and open measures.
fn audit_deadlines(conn: &Connection) -> AppResult<Vec<Deadline>> {
    let mut statement = conn.prepare_cached(
        "SELECT a.id, a.number || ' ' || c.name, a.received_at,
            coalesce(a.planned_date, a.requested_date),
            (SELECT v.audit_notice_days FROM agreements g
             JOIN template_versions v ON v.id = g.template_version_id
             WHERE g.customer_id = a.customer_id AND g.status = 'signed')
         FROM audits a JOIN customers c ON c.id = a.customer_id
         WHERE a.status IN ('received', 'planned')",
    )?;
    let mut rows: Vec<Deadline> = statement
        .query_map([], |row| {
            let received_at: DateTime<Utc> = row.get(2)?;
            let date: NaiveDate = row.get(3)?;
            let days: Option<u32> = row.get(4)?;
            let mut deadline = Deadline::on(
                DeadlineKind::AuditDate,
                date,
                row.get(1)?,
                Target::Audit(row.get(0)?),
            );
            deadline.too_soon = date
                < first_allowed_audit_date(received_at, days.unwrap_or(DEFAULT_AUDIT_NOTICE_DAYS));
            Ok(deadline)
        })?
        .collect::<Result<_, _>>()?;
    let mut statement = conn.prepare_cached(
        "SELECT a.id, a.number || ' ' || c.name || ': ' || m.description, m.due_date
         FROM audit_measures m JOIN audits a ON a.id = m.audit_id
         JOIN customers c ON c.id = a.customer_id
         WHERE NOT m.done AND m.due_date IS NOT NULL AND a.status <> 'closed'",
    )?;
    let measures = statement.query_map([], |row| {
        Ok(Deadline::on(
            DeadlineKind::MeasureDue,
            row.get(2)?,
            row.get(1)?,
            Target::Audit(row.get(0)?),
        ))
    })?;
    for measure in measures {
        rows.push(measure?);
    }
    Ok(rows)
}
