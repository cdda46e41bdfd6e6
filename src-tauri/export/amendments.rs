//! Announcing an amendment (art. 10.2) to the customers on older versions: one notice each,
//! with the clauses that differ between its version and the new one, kept all or none.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::customer::customer_stem;
use super::documents::{issued, record_unsent, save_document};
use super::letters::head;
use super::on_every_core;
use crate::domain::agreement::TemplateVersion;
use crate::domain::amendment::{
    self, changed_clauses, check_amendment, AmendmentInput, AmendmentNoticeFacts,
};
use crate::domain::document::SendingInput;
use crate::domain::time::local_date;
use crate::domain::validation::FieldCode;
use crate::error::{AppError, AppResult};
use crate::store::{amendments, documents, templates};

/// Announces a newer template version to every customer on an older one that has not had it
/// announced yet: one notice each in its language, rendered on every core and kept all or
/// none. Returns the amendment's id.
pub fn announce(
    conn: &mut Connection,
    input: &AmendmentInput,
    officer: &str,
    now: DateTime<Utc>,
    progress: &(impl Fn(u32, u32) + Sync),
) -> AppResult<i64> {
    let record = check_amendment(input, local_date(now))?;
    let version = templates::get(conn, record.template_version_id)?;
    let recipients = amendments::recipients(conn, version.id, now)?;
    if recipients.is_empty() {
        return Err(AppError::field(
            "template_version_id",
            FieldCode::NoCustomers,
        ));
    }
    // Each older version is read and compared once, however many customers are on it.
    let mut older: HashMap<i64, TemplateVersion> = HashMap::new();
    let mut prepared = Vec::with_capacity(recipients.len());
    for recipient in &recipients {
        if !older.contains_key(&recipient.template_version_id) {
            let from = templates::get(conn, recipient.template_version_id)?;
            older.insert(from.id, from);
        }
        prepared.push((recipient, head(conn, recipient.customer_id, 1, now)?));
    }
    let clauses: HashMap<i64, _> = older
        .values()
        .map(|from| {
            let compared = match (&from.text, &version.text) {
                (Some(before), Some(after)) => Some(changed_clauses(before, after)),
                _ => None,
            };
            (from.id, compared)
        })
        .collect();
    let subject = customer_stem(&version.label, version.id);
    let notices = on_every_core(
        &prepared,
        |(recipient, head)| {
            let from = &older[&recipient.template_version_id];
            let facts = AmendmentNoticeFacts {
                head: head.clone(),
                kind: record.kind,
                from_label: from.label.clone(),
                to_label: version.label.clone(),
                to_date: version.version_date,
                effective_on: record.effective_on,
                summary: record.summary.clone(),
                reason: record.reason.clone(),
                from_terms: from.terms.clone(),
                to_terms: version.terms.clone(),
                clauses: clauses[&from.id].clone(),
            };
            // The subject id is set to the amendment's id when it is kept.
            Ok((
                issued(&facts, 0, recipient.customer_id, &subject)?,
                recipient.agreement_id,
            ))
        },
        progress,
    )
    .into_iter()
    .collect::<AppResult<Vec<_>>>()?;
    amendments::insert(conn, &record, &notices, officer, now)
}

/// Records that every unsent notice of the amendment was sent, each to its customer's
/// contacts that receive notices; all or none. Returns how many.
pub fn record_sending(
    conn: &mut Connection,
    amendment_id: i64,
    input: &SendingInput,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<u32> {
    let notices = amendments::get(conn, amendment_id)?.letters;
    record_unsent(conn, &notices, input, officer, now)
}

/// Saves every notice of an amendment into `folder`; returns how many.
pub fn save_notices(conn: &Connection, amendment_id: i64, folder: &Path) -> AppResult<u32> {
    let notices = documents::list_for(conn, &[amendment::NOTICE], amendment_id)?;
    for notice in &notices {
        save_document(conn, notice.id, folder)?;
    }
    Ok(notices.len() as u32)
}
