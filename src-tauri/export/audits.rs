//! The letters about an audit (art. 5): its acknowledgement and the summary of its findings.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::letters::{issue, Filing};
use crate::domain::audit::{Audit, AuditLetter, AuditLetterFacts};
use crate::error::AppResult;
use crate::store::audits;

/// Makes and keeps the acknowledgement or the findings summary of an audit, after checking
/// it has what that notice needs.
pub fn generate_audit_letter(
    conn: &mut Connection,
    audit_id: i64,
    letter: AuditLetter,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let audit: Audit = audits::get(conn, audit_id)?;
    let missing = match letter {
        AuditLetter::Acknowledgement => &audit.missing_for_acknowledgement,
        AuditLetter::Findings => &audit.missing_for_findings,
    };
    if !missing.is_empty() {
        return Err(missing.clone().into());
    }
    let filing = Filing {
        kind: letter.kind(),
        subject_id: audit_id,
        customer_id: audit.record.customer_id,
        subject: audit.number.clone(),
    };
    issue(conn, filing, officer, now, |head| AuditLetterFacts {
        head,
        kind: letter,
        audit_number: audit.number,
        audit: audit.record,
        period: audit.period,
    })
}
