//! Breach notices from the wizard's facts: prepared per customer (initial or update N, with
//! what changed), rendered on every core, kept in the vault all or none, and saved as files.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::documents::{issued, save_document};
use super::on_every_core;
use crate::documents::layout::Item;
use crate::documents::notice::notice_document;
use crate::domain::breach::{
    affected_and_errors, facts_and_errors, missing_for_notice, AffectedInput, AffectedOverride,
    BreachFacts,
};
use crate::domain::incident::first_notice_late;
use crate::domain::notice::{changed_topics, check_final, NoticeFacts};
use crate::domain::settings::Processor;
use crate::domain::validation::{FieldCode, FieldError};
use crate::error::{AppError, AppResult};
use crate::store::documents::NewDocument;
use crate::store::{customers, incidents, notices, settings};

/// A customer's next notice as the review step shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct NoticePreview {
    pub customer_id: i64,
    /// 0 for the initial notice, N for update N.
    pub sequence: u32,
    pub final_notice: bool,
    pub items: Vec<Item>,
    /// What must still be filled in (or corrected) before it can be generated.
    pub missing: Vec<FieldError>,
}

/// The next notice for one customer (its final one when `final_notice`), from the facts as
/// they are now, with what keeps it from being generated.
pub fn preview(
    conn: &Connection,
    incident_id: i64,
    customer_id: i64,
    final_notice: bool,
    now: DateTime<Utc>,
) -> AppResult<NoticePreview> {
    let incident = Incident::read(conn, incident_id, now)?;
    let (notice, missing) =
        next_notice(conn, incident_id, &incident, customer_id, final_notice, now)?;
    Ok(NoticePreview {
        customer_id,
        sequence: notice.sequence,
        final_notice,
        items: notice_document(&notice).items,
        missing,
    })
}

/// Makes the next notice for each of the customers (their final one when `final_notice`),
/// all or none: checks every one first, renders them on all cores (reporting progress), then
/// keeps them in one transaction.
pub fn generate(
    conn: &mut Connection,
    incident_id: i64,
    customer_ids: &[i64],
    final_notice: bool,
    now: DateTime<Utc>,
    progress: impl Fn(u32, u32) + Sync,
) -> AppResult<Vec<i64>> {
    incidents::ensure_open(conn, incident_id)?;
    if customer_ids.is_empty() {
        return Err(AppError::field("customers", FieldCode::NoCustomers));
    }
    let incident = Incident::read(conn, incident_id, now)?;
    let mut prepared = Vec::with_capacity(customer_ids.len());
    let mut problems: Vec<FieldError> = Vec::new();
    for &customer_id in customer_ids {
        let (notice, missing) =
            next_notice(conn, incident_id, &incident, customer_id, final_notice, now)?;
        for problem in missing {
            if !problems.contains(&problem) {
                problems.push(problem);
            }
        }
        prepared.push((customer_id, notice));
    }
    if !problems.is_empty() {
        return Err(AppError::Validation { fields: problems });
    }
    let rendered = render_all(incident_id, &prepared, &progress)?;
    let officer = settings::get(conn)?.officer_name;
    notices::insert_all(conn, incident_id, &rendered, &officer)
}

/// Renders notices on every core; the order of the result is the order of `prepared`. One
/// notice the fonts cannot print refuses them all.
fn render_all(
    incident_id: i64,
    prepared: &[(i64, NoticeFacts)],
    progress: &(impl Fn(u32, u32) + Sync),
) -> AppResult<Vec<NewDocument>> {
    on_every_core(
        prepared,
        |(customer_id, facts)| issued(facts, incident_id, *customer_id, &facts.incident_number),
        progress,
    )
    .into_iter()
    .collect()
}

/// Saves the latest notice of every customer of the incident into `folder`; returns how
/// many.
pub fn save_latest(conn: &Connection, incident_id: i64, folder: &Path) -> AppResult<u32> {
    let latest = notices::latest_of_incident(conn, incident_id)?;
    for &id in &latest {
        save_document(conn, id, folder)?;
    }
    Ok(latest.len() as u32)
}

/// What every notice of the incident is made from, read once however many customers.
struct Incident {
    number: String,
    shared: AffectedInput,
    overrides: HashMap<i64, AffectedOverride>,
    processor: Processor,
    facts: BreachFacts,
    problems: Vec<FieldError>,
    /// Per customer, our target for its first notice in hours after discovery.
    target_hours: HashMap<i64, u32>,
}

impl Incident {
    fn read(conn: &Connection, incident_id: i64, now: DateTime<Utc>) -> AppResult<Incident> {
        let input = incidents::facts(conn, incident_id)?;
        let (facts, problems) = facts_and_errors(&input, now);
        let default_hours = settings::get(conn)?.first_notice_target_hours;
        let target_hours = incidents::clock_inputs(conn, &[incident_id])?
            .into_iter()
            .map(|c| {
                let hours = c.agreement_target_hours.unwrap_or(default_hours);
                (c.customer_id, hours)
            })
            .collect();
        Ok(Incident {
            number: incidents::get(conn, incident_id)?.number,
            shared: input.shared,
            overrides: incidents::customers(conn, incident_id)?
                .into_iter()
                .collect(),
            processor: settings::get(conn)?.processor,
            facts,
            problems,
            target_hours,
        })
    }
}

/// The customer's next notice (its final one when `final_notice`) from the facts as they are,
/// and what is missing or wrong.
fn next_notice(
    conn: &Connection,
    incident_id: i64,
    incident: &Incident,
    customer_id: i64,
    final_notice: bool,
    now: DateTime<Utc>,
) -> AppResult<(NoticeFacts, Vec<FieldError>)> {
    let overrides = incident
        .overrides
        .get(&customer_id)
        .ok_or(AppError::NotFound)?;
    let customer = customers::get(conn, customer_id)?;
    let facts = &incident.facts;
    let mut problems = incident.problems.clone();
    let prefix = format!("customer.{customer_id}");
    let (affected, affected_problems) =
        affected_and_errors(&prefix, &overrides.apply(&incident.shared));
    problems.extend(
        affected_problems
            .into_iter()
            .filter(|e| overrides.overrides_field(&e.field)),
    );
    let previous = notices::latest_facts(conn, incident_id, customer_id)?;
    let sequence = previous.as_ref().map_or(0, |p| p.sequence + 1);
    problems.extend(missing_for_notice(facts, sequence > 0));
    let changes = previous.as_ref().map_or_else(Vec::new, |p| {
        changed_topics((&p.facts, &p.affected), (facts, &affected))
    });
    if let Some(previous) = &previous {
        if previous.final_notice {
            problems.push(FieldError::new(&prefix, FieldCode::ReportingClosed));
        } else if !final_notice
            && changes.is_empty()
            && previous.facts.changes_explanation == facts.changes_explanation
        {
            problems.push(FieldError::new(&prefix, FieldCode::NothingChanged));
        }
    }
    if final_notice {
        problems.extend(check_final(facts).err());
    }
    let target_hours = incident.target_hours.get(&customer_id).copied();
    let late_after_hours = match (
        previous.as_ref(),
        facts.timeline.discovered_at,
        target_hours,
    ) {
        (None, Some(discovered), Some(hours))
            if first_notice_late(discovered.earliest(), hours, now) =>
        {
            if facts.late_reason.is_empty() {
                problems.push(FieldError::new("late_reason", FieldCode::Required));
            }
            Some(hours)
        }
        _ => None,
    };
    let notice = NoticeFacts {
        incident_number: incident.number.clone(),
        sequence,
        language: customer.notice_language,
        generated_at: now,
        processor: incident.processor.clone(),
        customer_name: customer.name,
        customer_kvk_number: customer.kvk_number,
        facts: facts.clone(),
        affected,
        changes,
        previous_generated_at: previous.map(|p| p.generated_at),
        final_notice,
        late_after_hours,
    };
    Ok((notice, problems))
}
