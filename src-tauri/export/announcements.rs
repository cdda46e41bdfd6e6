//! Announcing a sub-processor change to every active customer (art. 8): the notices made,
//! kept all or none, recorded as sent and saved as files.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::customer::customer_stem;
use super::documents::{issued, record_unsent, save_document};
use super::letters::head;
use super::on_every_core;
use crate::domain::country::country;
use crate::domain::document::SendingInput;
use crate::domain::subprocessor::{
    self, check_announcement, AnnouncementInput, ChangeNoticeFacts, DEFAULT_OBJECTION_WINDOW_DAYS,
};
use crate::domain::validation::FieldCode;
use crate::error::{AppError, AppResult};
use crate::store::documents::{self, NewDocument};
use crate::store::{ensure_exists, subprocessors, templates};

/// Announces a sub-processor change to every active customer: one notice each, in its
/// language, with the objection window of its own agreement; rendered on every core and
/// kept all or none. Returns the announcement's id.
pub fn announce(
    conn: &mut Connection,
    input: &AnnouncementInput,
    officer: &str,
    now: DateTime<Utc>,
    progress: &(impl Fn(u32, u32) + Sync),
) -> AppResult<i64> {
    let sub = subprocessors::get(conn, input.sub_processor_id, now)?;
    let replaces = match input.replaces_id {
        Some(id) if input.kind == crate::domain::subprocessor::ChangeKind::Replace => {
            Some(subprocessors::get(conn, id, now)?.record)
        }
        _ => None,
    };
    let customer_ids = subprocessors::active_customers(conn, now)?;
    let mut prepared = Vec::with_capacity(customer_ids.len());
    for customer_id in customer_ids {
        let terms = templates::signed_terms(conn, customer_id)?;
        let window = terms
            .as_ref()
            .map_or(DEFAULT_OBJECTION_WINDOW_DAYS, |t| t.objection_window_days);
        prepared.push((
            customer_id,
            window,
            terms.is_some(),
            head(conn, customer_id, 1, now)?,
        ));
    }
    let longest = prepared
        .iter()
        .map(|p| p.1)
        .max()
        .unwrap_or(DEFAULT_OBJECTION_WINDOW_DAYS);
    let record = check_announcement(input, longest, now)?;
    if prepared.is_empty() {
        return Err(AppError::field("customers", FieldCode::NoCustomers));
    }
    let stem = customer_stem(&sub.record.name, sub.id);
    let rendered = on_every_core(
        &prepared,
        |(customer_id, window_days, from_agreement, head)| -> AppResult<(NewDocument, u32, bool)> {
            let facts = ChangeNoticeFacts {
                head: head.clone(),
                kind: record.kind,
                sub_processor: sub.record.clone(),
                eea: country(&sub.record.country).is_some_and(|c| c.eea),
                replaces: replaces.clone(),
                intended_start: record.intended_start,
                window_days: *window_days,
                window_from_agreement: *from_agreement,
            };
            // The subject id is set to the announcement's id when it is kept.
            let letter = issued(&facts, 0, *customer_id, &stem)?;
            Ok((letter, *window_days, *from_agreement))
        },
        progress,
    )
    .into_iter()
    .collect::<AppResult<Vec<_>>>()?;
    subprocessors::insert_announcement(conn, &record, &rendered, officer, now)
}

/// Records one sending for every notice of the announcement not yet sent, each to the
/// customer's contacts that receive notices; all or none. Returns how many.
pub fn record_announcement_sending(
    conn: &mut Connection,
    announcement_id: i64,
    input: &SendingInput,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<u32> {
    ensure_exists(conn, "sub_processor_announcements", announcement_id)?;
    let notices = documents::list_for(conn, &[subprocessor::CHANGE_NOTICE], announcement_id)?;
    record_unsent(conn, &notices, input, officer, now)
}

/// Saves every notice of an announcement into `folder`; returns how many.
pub fn save_announcement(conn: &Connection, announcement_id: i64, folder: &Path) -> AppResult<u32> {
    let all = notices_of(conn, announcement_id)?;
    for &id in &all {
        save_document(conn, id, folder)?;
    }
    Ok(all.len() as u32)
}

/// The notices of an announcement, one per customer.
pub fn notices_of(conn: &Connection, announcement_id: i64) -> AppResult<Vec<i64>> {
    Ok(
        documents::list_for(conn, &[subprocessor::CHANGE_NOTICE], announcement_id)?
            .iter()
            .map(|letter| letter.id)
            .collect(),
    )
}
