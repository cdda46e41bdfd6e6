//! The notice of a new version of the customer's security measures document (art. 4.3).

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::customer::customer_stem;
use super::letters::{issue, Filing};
use crate::domain::security_document::{self, SecurityDocumentFacts};
use crate::error::AppResult;
use crate::store::security_documents;

/// Makes and keeps the notice of a new security document version to its customer.
pub fn generate_security_document_notice(
    conn: &mut Connection,
    document_id: i64,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let document = security_documents::get(conn, document_id)?;
    let replaces = security_documents::previous_version(conn, document_id)?;
    let filing = Filing {
        kind: security_document::NOTICE,
        subject_id: document_id,
        customer_id: document.customer_id,
        subject: customer_stem(&document.record.version, document_id),
    };
    issue(conn, filing, officer, now, |head| SecurityDocumentFacts {
        head,
        replaces,
        document: document.record,
    })
}
