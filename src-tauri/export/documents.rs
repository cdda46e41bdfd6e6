//! Every document we issue, whatever its kind: made ready to keep from its facts, and saved
//! as a file with exactly the bytes that were generated.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::customer::customer_stem;
use crate::documents::issued::Issued;
use crate::domain::document::{DeliveryInput, DocumentSummary, SendingInput};
use crate::domain::validation::{FieldCode, FieldError};
use crate::error::{AppError, AppResult};
use crate::store::documents::{self, NewDocument};
use crate::store::files::write_atomically;
use crate::store::json;

/// A document to keep, from the facts it is made of: rendered, with its file name and the
/// facts as JSON. `subject` is what the file name says it is about (an incident or audit
/// number, a date, a sub-processor).
pub fn issued(
    facts: &impl Issued,
    subject_id: i64,
    customer_id: i64,
    subject: &str,
) -> AppResult<NewDocument> {
    Ok(NewDocument {
        kind: facts.kind(),
        subject_id,
        customer_id,
        version: facts.version(),
        language: facts.language(),
        generated_at: facts.generated_at(),
        file_name: facts.file_name(subject, &customer_stem(facts.customer_name(), customer_id)),
        subject_line: facts.subject_line(),
        pdf: facts.render()?,
        facts_json: json(facts)?,
    })
}

/// Saves one kept document into `folder` exactly as it was generated (refused if its bytes
/// no longer match their SHA-256); returns its path.
pub fn save_document(conn: &Connection, document_id: i64, folder: &Path) -> AppResult<PathBuf> {
    let document = documents::pdf(conn, document_id)?;
    fs::create_dir_all(folder)?;
    write_atomically(folder, &document.file_name, &document.pdf)?;
    Ok(folder.join(&document.file_name))
}

/// Records one sending for every one of `notices` not yet sent, each to its customer's
/// contacts that receive notices; all or none. Returns how many.
pub fn record_unsent(
    conn: &mut Connection,
    notices: &[DocumentSummary],
    input: &SendingInput,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<u32> {
    let unsent: Vec<&DocumentSummary> =
        notices.iter().filter(|l| l.deliveries.is_empty()).collect();
    let without: Vec<FieldError> = unsent
        .iter()
        .filter(|l| l.default_recipients.is_empty())
        .map(|l| {
            FieldError::new(
                &format!("customer.{}.recipients", l.customer_id),
                FieldCode::Required,
            )
        })
        .collect();
    if !without.is_empty() {
        return Err(without.into());
    }
    let tx = conn.transaction()?;
    // Every customer whose notice cannot be recorded as sent (for a sub-processor change:
    // whose window would not close before the intended start) is named, not only the first;
    // nothing is recorded then.
    let mut blocking = Vec::new();
    for letter in &unsent {
        let delivery = DeliveryInput {
            sent_at: input.sent_at.clone(),
            method: input.method,
            recipients: letter.default_recipients.clone(),
        };
        match documents::record_delivery_in(&tx, letter.id, &delivery, officer, now) {
            Err(AppError::Validation { fields })
                if fields.iter().all(|f| f.field.starts_with("customer.")) =>
            {
                blocking.extend(fields)
            }
            other => other?,
        }
    }
    if !blocking.is_empty() {
        return Err(blocking.into());
    }
    tx.commit()?;
    Ok(unsent.len() as u32)
}
