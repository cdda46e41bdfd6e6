//! What every letter to a customer is issued through: its head as things are now, the next
//! version, rendered and kept with its facts. Each letter's own steps live with its
//! obligation (`audits`, `disclosures`, ...).

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::documents::issued;
use crate::documents::issued::Issued;
use crate::domain::document::DocumentKind;
use crate::domain::letter::LetterHead;
use crate::error::AppResult;
use crate::store::documents::{self};
use crate::store::{customers, settings};

/// The addressee and sender of a letter to the customer, as they are now.
pub(super) fn head(
    conn: &Connection,
    customer_id: i64,
    version: u32,
    now: DateTime<Utc>,
) -> AppResult<LetterHead> {
    let customer = customers::get(conn, customer_id)?;
    Ok(LetterHead {
        language: customer.notice_language,
        generated_at: now,
        processor: settings::get(conn)?.processor,
        customer_name: customer.name,
        customer_kvk_number: customer.kvk_number,
        version,
    })
}

/// What a letter to one customer about one subject is filed under.
pub(super) struct Filing {
    pub(super) kind: DocumentKind,
    pub(super) subject_id: i64,
    pub(super) customer_id: i64,
    /// What the file name says it is about: an audit number, a date, a version.
    pub(super) subject: String,
}

/// Issues the next version of a letter once its subject was checked: the version, the head
/// as it is now, the facts `make` adds to it, rendered and kept with those facts. A second
/// one is a new version; the first stays as it was.
pub(super) fn issue<F: Issued>(
    conn: &Connection,
    filing: Filing,
    officer: &str,
    now: DateTime<Utc>,
    make: impl FnOnce(LetterHead) -> F,
) -> AppResult<i64> {
    let version =
        documents::next_version(conn, filing.kind, filing.subject_id, filing.customer_id)?;
    let facts = make(head(conn, filing.customer_id, version, now)?);
    debug_assert_eq!(
        facts.kind(),
        filing.kind,
        "versioned as one kind, kept as another"
    );
    let document = issued(
        &facts,
        filing.subject_id,
        filing.customer_id,
        &filing.subject,
    )?;
    documents::insert(conn, &document, officer)
}
