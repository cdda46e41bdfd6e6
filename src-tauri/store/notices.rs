//! Breach notices: a batch for one incident kept all or none (see `documents` for how every
//! document is kept and sent).

use rusqlite::Connection;

use super::documents::{self, NewDocument};
use super::incidents::{get as get_incident, set_status};
use crate::domain::document::DocumentSummary;
use crate::domain::incident::IncidentStatus;
use crate::domain::notice::{self, NoticeFacts};
use crate::error::AppResult;

/// Keeps a batch of notices for one incident, all or none. Update notices move a notified
/// incident to *follow-up*.
pub fn insert_all(
    conn: &mut Connection,
    incident_id: i64,
    notices: &[NewDocument],
    officer: &str,
) -> AppResult<Vec<i64>> {
    let tx = conn.transaction()?;
    let incident = get_incident(&tx, incident_id)?;
    let mut ids = Vec::with_capacity(notices.len());
    for notice in notices {
        ids.push(documents::insert(&tx, notice, officer)?);
    }
    let update = notices.iter().any(|n| n.version > 0);
    if update && incident.status == IncidentStatus::CustomersNotified {
        let now = notices[0].generated_at;
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
    documents::latest_facts(conn, notice::BREACH_NOTICE, incident_id, customer_id)
}

/// The latest notice of the incident to each of its customers.
pub fn latest_of_incident(conn: &Connection, incident_id: i64) -> AppResult<Vec<i64>> {
    let all = list_for_incident(conn, incident_id)?;
    Ok(all
        .iter()
        .enumerate()
        .filter(|(i, notice)| {
            all.get(i + 1)
                .is_none_or(|next| next.customer_id != notice.customer_id)
        })
        .map(|(_, notice)| notice.id)
        .collect())
}

/// Every notice of an incident with its sent log, per customer in order.
pub fn list_for_incident(conn: &Connection, incident_id: i64) -> AppResult<Vec<DocumentSummary>> {
    documents::list_for(conn, &[notice::BREACH_NOTICE], incident_id)
}
