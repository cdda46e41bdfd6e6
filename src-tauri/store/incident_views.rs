//! What the register, the wizard and the start screen show of incidents: rows with their
//! next deadline, and one incident with its customers, clocks and notices.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::incidents::{self, ClockInput, Which};
use super::{customers, notices, settings};
use crate::domain::breach::{affected_and_errors, facts_and_errors};
use crate::domain::incident::{
    customer_clock, next_statuses, register_row, AffectedCustomer, Incident, IncidentDetail,
    IncidentPage, IncidentRow,
};
use crate::domain::notice::changed_topics;
use crate::error::AppResult;

/// The incidents still open, newest first: what the start screen and the dashboard watch.
pub fn open(conn: &Connection, now: DateTime<Utc>) -> AppResult<Vec<IncidentRow>> {
    rows(conn, incidents::select(conn, Which::Open)?, now)
}

/// One page of the register and how many incidents there are in all.
pub fn page(
    conn: &Connection,
    offset: u32,
    limit: u32,
    now: DateTime<Utc>,
) -> AppResult<IncidentPage> {
    Ok(IncidentPage {
        rows: rows(
            conn,
            incidents::select(conn, Which::Page { offset, limit })?,
            now,
        )?,
        total: incidents::count(conn)?,
        offset,
    })
}

/// The register rows of these incidents, their customers' clocks read in one query.
fn rows(conn: &Connection, list: Vec<Incident>, now: DateTime<Utc>) -> AppResult<Vec<IncidentRow>> {
    let default_hours = settings::get(conn)?.first_notice_target_hours;
    let ids: Vec<i64> = list.iter().map(|i| i.id).collect();
    let mut clocks: HashMap<i64, Vec<ClockInput>> = HashMap::new();
    for input in incidents::clock_inputs(conn, &ids)? {
        clocks.entry(input.incident_id).or_default().push(input);
    }
    Ok(list
        .into_iter()
        .map(|incident| {
            let customer_clocks: Vec<_> = clocks
                .get(&incident.id)
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .map(|c| {
                    let hours = c.agreement_target_hours.unwrap_or(default_hours);
                    customer_clock(incident.discovered_at, hours, c.notified_at, now)
                })
                .collect();
            register_row(&incident, &customer_clocks, default_hours, now)
        })
        .collect())
}

/// One incident as the wizard resumes it.
pub fn detail(conn: &Connection, id: i64, now: DateTime<Utc>) -> AppResult<IncidentDetail> {
    let incident = incidents::get(conn, id)?;
    let facts = incidents::facts(conn, id)?;
    let (checked, mut errors) = facts_and_errors(&facts, now);
    let default_hours = settings::get(conn)?.first_notice_target_hours;
    let clock_inputs: HashMap<i64, ClockInput> = incidents::clock_inputs(conn, &[id])?
        .into_iter()
        .map(|c| (c.customer_id, c))
        .collect();
    let all_notices = notices::list_for_incident(conn, id)?;
    let mut follow_ups = incidents::follow_ups(conn, id)?;
    let mut customers_out = Vec::new();
    for (customer_id, overrides) in incidents::customers(conn, id)? {
        let customer = customers::get(conn, customer_id)?;
        let clock_input = clock_inputs.get(&customer_id);
        let hours = clock_input
            .and_then(|c| c.agreement_target_hours)
            .unwrap_or(default_hours);
        let notified_at = clock_input.and_then(|c| c.notified_at);
        let (affected, affected_errors) = affected_and_errors(
            &format!("customer.{customer_id}"),
            &overrides.apply(&facts.shared),
        );
        errors.extend(
            affected_errors
                .into_iter()
                .filter(|e| overrides.overrides_field(&e.field)),
        );
        let own_notices: Vec<_> = all_notices
            .iter()
            .filter(|n| n.customer_id == customer_id)
            .cloned()
            .collect();
        let last = notices::latest_facts(conn, id, customer_id)?;
        let final_notice = last
            .as_ref()
            .filter(|l| l.final_notice)
            .and(own_notices.last().map(|n| n.id));
        let needs_notice = match last {
            None => true,
            Some(_) if final_notice.is_some() => false,
            Some(last) => {
                !changed_topics((&last.facts, &last.affected), (&checked, &affected)).is_empty()
            }
        };
        customers_out.push(AffectedCustomer {
            customer_id,
            name: customer.name.clone(),
            language: customer.notice_language,
            clock: customer_clock(incident.discovered_at, hours, notified_at, now),
            notice_recipients: customer
                .contacts
                .iter()
                .filter(|c| c.receives_notices)
                .map(|c| format!("{} <{}>", c.name, c.email))
                .collect::<Vec<_>>()
                .join(", "),
            notices: own_notices,
            overrides,
            needs_notice,
            final_notice,
            follow_up: follow_ups.remove(&customer_id).unwrap_or_default(),
        });
    }
    let clocks: Vec<_> = customers_out.iter().map(|c| c.clock).collect();
    Ok(IncidentDetail {
        summary: register_row(&incident, &clocks, default_hours, now),
        history: incidents::history(conn, id)?,
        next_statuses: next_statuses(incident.status),
        severity: checked.consequences.severity,
        incident,
        facts,
        customers: customers_out,
        errors,
    })
}
