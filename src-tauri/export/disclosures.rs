//! The notice to a customer of a legal demand to disclose its data (art. 3.2).

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::letters::{issue, Filing};
use crate::domain::disclosure::{self, DisclosureNoticeFacts, DisclosureRecord, InformedStatus};
use crate::domain::validation::FieldCode;
use crate::error::{AppError, AppResult};
use crate::store::disclosures;

/// Makes and keeps the notice of a disclosure request to one customer it concerns: the
/// request, what we verified and what was disclosed, without the other customers. Refused
/// for a customer the law forbids us to tell.
pub fn generate_disclosure_notice(
    conn: &mut Connection,
    request_id: i64,
    customer_id: i64,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let disclosure = disclosures::get(conn, request_id)?;
    let concerned = disclosure
        .concerned
        .iter()
        .find(|c| c.concerned.customer_id == customer_id)
        .ok_or(AppError::NotFound)?;
    if concerned.status == InformedStatus::LegallyBarred {
        return Err(AppError::field("legally_barred", FieldCode::LegallyBarred));
    }
    let filing = Filing {
        kind: disclosure::NOTICE,
        subject_id: request_id,
        customer_id,
        subject: disclosure.number.clone(),
    };
    issue(conn, filing, officer, now, |head| DisclosureNoticeFacts {
        head,
        number: disclosure.number,
        request: DisclosureRecord {
            customers: Vec::new(),
            ..disclosure.record
        },
    })
}
