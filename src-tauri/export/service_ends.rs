//! The confirmation that the customer's data was erased or transferred at the end of its
//! service (art. 10.4).

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::letters::{issue, Filing};
use crate::domain::service_end::{self, ServiceEndFacts};
use crate::error::{AppError, AppResult};
use crate::store::service_ends;

/// Makes and keeps the confirmation that the customer's data was erased (or transferred and
/// erased) at the end of its service; refused until it was done.
pub fn generate_service_end_confirmation(
    conn: &mut Connection,
    customer_id: i64,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let end = service_ends::get(conn, customer_id)?.ok_or(AppError::NotFound)?;
    if !end.missing_for_confirmation.is_empty() {
        return Err(end.missing_for_confirmation.into());
    }
    let filing = Filing {
        kind: service_end::CONFIRMATION,
        subject_id: customer_id,
        customer_id,
        subject: end.record.service_end.format("%Y-%m-%d").to_string(),
    };
    issue(conn, filing, officer, now, |head| ServiceEndFacts {
        head,
        end: end.record,
    })
}
