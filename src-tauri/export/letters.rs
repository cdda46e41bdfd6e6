//! Audit and sub-processor notices: made from what is kept, rendered, kept in the vault all
//! or none, sent (recorded) and saved as files.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::customer::customer_stem;
use super::documents::{issued, save_document};
use super::on_every_core;
use crate::documents::issued::Issued;
use crate::domain::audit::{Audit, AuditLetterFacts};
use crate::domain::country::country;
use crate::domain::disclosure::{DisclosureNoticeFacts, DisclosureRecord, InformedStatus};
use crate::domain::document::{DeliveryInput, DocumentKind, SendingInput};
use crate::domain::instruction::{InstructionDoubtFacts, InstructionStatus};
use crate::domain::letter::LetterHead;
use crate::domain::security_document::SecurityDocumentFacts;
use crate::domain::service_end::ServiceEndFacts;
use crate::domain::subprocessor::{
    check_announcement, AnnouncementInput, ChangeNoticeFacts, DEFAULT_OBJECTION_WINDOW_DAYS,
};
use crate::domain::validation::{FieldCode, FieldError};
use crate::error::{AppError, AppResult};
use crate::store::documents::{self, NewDocument};
use crate::store::{
    audits, customers, disclosures, ensure_exists, instructions, security_documents, service_ends,
    settings, subprocessors, templates,
};

/// The addressee and sender of a letter to the customer, as they are now.
fn head(
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
struct Filing {
    kind: DocumentKind,
    subject_id: i64,
    customer_id: i64,
    /// What the file name says it is about: an audit number, a date, a version.
    subject: String,
}

/// Issues the next version of a letter once its subject was checked: the version, the head
/// as it is now, the facts `make` adds to it, rendered and kept with those facts. A second
/// one is a new version; the first stays as it was.
fn issue<F: Issued>(
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

/// Makes and keeps the acknowledgement or the findings summary of an audit, after checking
/// it has what that notice needs.
pub fn generate_audit_letter(
    conn: &mut Connection,
    audit_id: i64,
    kind: DocumentKind,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let audit: Audit = audits::get(conn, audit_id)?;
    let missing = match kind {
        DocumentKind::AuditAcknowledgement => &audit.missing_for_acknowledgement,
        DocumentKind::AuditFindings => &audit.missing_for_findings,
        // Other notices are not about an audit.
        _ => return Err(AppError::NotFound),
    };
    if !missing.is_empty() {
        return Err(missing.clone().into());
    }
    let filing = Filing {
        kind,
        subject_id: audit_id,
        customer_id: audit.record.customer_id,
        subject: audit.number.clone(),
    };
    issue(conn, filing, officer, now, |head| AuditLetterFacts {
        head,
        kind,
        audit_number: audit.number,
        audit: audit.record,
        period: audit.period,
    })
}

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
        kind: DocumentKind::ServiceEndConfirmation,
        subject_id: customer_id,
        customer_id,
        subject: end.record.service_end.format("%Y-%m-%d").to_string(),
    };
    issue(conn, filing, officer, now, |head| ServiceEndFacts {
        head,
        end: end.record,
    })
}

/// Makes and keeps the notice that an instruction is in doubt and suspended; refused for an
/// instruction that is not (or no longer) in doubt.
pub fn generate_doubt_notice(
    conn: &mut Connection,
    instruction_id: i64,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let instruction = instructions::get(conn, instruction_id)?;
    if instruction.status != InstructionStatus::Suspended {
        return Err(AppError::field("doubt", FieldCode::InvalidTransition));
    }
    let filing = Filing {
        kind: DocumentKind::InstructionDoubt,
        subject_id: instruction_id,
        customer_id: instruction.customer_id,
        subject: instruction
            .record
            .received_at
            .format("%Y-%m-%d")
            .to_string(),
    };
    issue(conn, filing, officer, now, |head| InstructionDoubtFacts {
        head,
        from: instruction.from,
        from_designated: instruction.from_designated,
        instruction: instruction.record,
    })
}

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
        kind: DocumentKind::SecurityDocument,
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
        kind: DocumentKind::DisclosureNotice,
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
    let unsent: Vec<_> =
        documents::list_for(conn, &[DocumentKind::SubProcessorChange], announcement_id)?
            .into_iter()
            .filter(|l| l.deliveries.is_empty())
            .collect();
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
    // Every customer whose window would not close before the intended start is named, not
    // only the first; nothing is recorded then.
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

/// Saves every notice of an announcement into `folder`; returns how many.
pub fn save_announcement(conn: &Connection, announcement_id: i64, folder: &Path) -> AppResult<u32> {
    let all = documents::list_for(conn, &[DocumentKind::SubProcessorChange], announcement_id)?;
    for letter in &all {
        save_document(conn, letter.id, folder)?;
    }
    Ok(all.len() as u32)
}
