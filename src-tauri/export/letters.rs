//! Audit and sub-processor notices: made from what is kept, rendered, kept in the vault all
//! or none, sent (recorded) and saved as files.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::customer::customer_stem;
use super::on_every_core;
use crate::documents::audit_notice::render_audit_letter;
use crate::documents::change_notice::render_change_notice;
use crate::documents::disclosure_notice::render_disclosure_notice;
use crate::documents::instruction_notice::render_doubt_notice;
use crate::documents::security_notice::render_security_document_notice;
use crate::documents::service_end_notice::render_service_end_confirmation;
use crate::domain::audit::Audit;
use crate::domain::country::country;
use crate::domain::disclosure::{DisclosureRecord, InformedStatus};
use crate::domain::instruction::InstructionStatus;
use crate::domain::letter::{
    letter_file_name, AuditLetterFacts, ChangeNoticeFacts, DisclosureNoticeFacts,
    InstructionDoubtFacts, LetterHead, LetterKind, SecurityDocumentFacts, SendingInput,
    ServiceEndFacts,
};
use crate::domain::notice::DeliveryInput;
use crate::domain::subprocessor::{
    check_announcement, AnnouncementInput, DEFAULT_OBJECTION_WINDOW_DAYS,
};
use crate::domain::validation::{FieldCode, FieldError};
use crate::error::{AppError, AppResult};
use crate::store::files::write_atomically;
use crate::store::json;
use crate::store::letters::{self, NewLetter};
use crate::store::{
    audits, customers, disclosures, ensure_exists, instructions, security_documents, service_ends,
    settings, subprocessors, templates,
};

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

/// What a notice to one customer about one subject is filed under.
struct Filing<'a> {
    kind: LetterKind,
    subject_id: i64,
    customer_id: i64,
    /// What the file name says it is about: an audit number, a date, a version.
    subject: &'a str,
}

/// Keeps one notice with the facts it was made from.
fn keep_one(
    conn: &mut Connection,
    filing: Filing,
    head: &LetterHead,
    pdf: Vec<u8>,
    facts_json: String,
    officer: &str,
) -> AppResult<i64> {
    let letter = NewLetter {
        kind: filing.kind,
        subject_id: filing.subject_id,
        customer_id: filing.customer_id,
        language: head.language,
        generated_at: head.generated_at,
        file_name: letter_file_name(
            filing.kind,
            filing.subject,
            &customer_stem(&head.customer_name, filing.customer_id),
            head.version,
            head.language,
        ),
        pdf,
        facts_json,
    };
    let tx = conn.transaction()?;
    let id = letters::insert(&tx, &letter, head.version, officer)?;
    tx.commit()?;
    Ok(id)
}

/// Makes and keeps the acknowledgement or the findings summary of an audit, after checking
/// it has what that notice needs. A second one is a new version; the first stays as it was.
pub fn generate_audit_letter(
    conn: &mut Connection,
    audit_id: i64,
    kind: LetterKind,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let audit: Audit = audits::get(conn, audit_id)?;
    let missing = match kind {
        LetterKind::AuditAcknowledgement => &audit.missing_for_acknowledgement,
        LetterKind::AuditFindings => &audit.missing_for_findings,
        // Other notices are not about an audit.
        _ => return Err(AppError::NotFound),
    };
    if !missing.is_empty() {
        return Err(missing.clone().into());
    }
    let customer_id = audit.record.customer_id;
    let version = letters::next_version(conn, kind, audit_id, customer_id)?;
    let facts = AuditLetterFacts {
        head: head(conn, customer_id, version, now)?,
        kind,
        audit_number: audit.number.clone(),
        audit: audit.record,
        period: audit.period,
    };
    let filing = Filing {
        kind,
        subject_id: audit_id,
        customer_id,
        subject: &audit.number,
    };
    keep_one(
        conn,
        filing,
        &facts.head,
        render_audit_letter(&facts)?,
        json(&facts)?,
        officer,
    )
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
    let kind = LetterKind::ServiceEndConfirmation;
    let version = letters::next_version(conn, kind, customer_id, customer_id)?;
    let facts = ServiceEndFacts {
        head: head(conn, customer_id, version, now)?,
        end: end.record,
    };
    let filing = Filing {
        kind,
        subject_id: customer_id,
        customer_id,
        subject: &facts.end.service_end.format("%Y-%m-%d").to_string(),
    };
    keep_one(
        conn,
        filing,
        &facts.head,
        render_service_end_confirmation(&facts)?,
        json(&facts)?,
        officer,
    )
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
    let kind = LetterKind::InstructionDoubt;
    let customer_id = instruction.customer_id;
    let version = letters::next_version(conn, kind, instruction_id, customer_id)?;
    let facts = InstructionDoubtFacts {
        head: head(conn, customer_id, version, now)?,
        from: instruction.from.clone(),
        from_designated: instruction.from_designated,
        instruction: instruction.record,
    };
    let filing = Filing {
        kind,
        subject_id: instruction_id,
        customer_id,
        subject: &facts.instruction.received_at.format("%Y-%m-%d").to_string(),
    };
    keep_one(
        conn,
        filing,
        &facts.head,
        render_doubt_notice(&facts)?,
        json(&facts)?,
        officer,
    )
}

/// Makes and keeps the notice of a new security document version to its customer.
pub fn generate_security_document_notice(
    conn: &mut Connection,
    document_id: i64,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let document = security_documents::get(conn, document_id)?;
    let kind = LetterKind::SecurityDocument;
    let customer_id = document.customer_id;
    let version = letters::next_version(conn, kind, document_id, customer_id)?;
    let facts = SecurityDocumentFacts {
        head: head(conn, customer_id, version, now)?,
        replaces: security_documents::previous_version(conn, document_id)?,
        document: document.record,
    };
    let filing = Filing {
        kind,
        subject_id: document_id,
        customer_id,
        subject: &customer_stem(&facts.document.version, document_id),
    };
    keep_one(
        conn,
        filing,
        &facts.head,
        render_security_document_notice(&facts)?,
        json(&facts)?,
        officer,
    )
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
    let kind = LetterKind::DisclosureNotice;
    let version = letters::next_version(conn, kind, request_id, customer_id)?;
    let facts = DisclosureNoticeFacts {
        head: head(conn, customer_id, version, now)?,
        number: disclosure.number.clone(),
        request: DisclosureRecord {
            customers: Vec::new(),
            ..disclosure.record
        },
    };
    let filing = Filing {
        kind,
        subject_id: request_id,
        customer_id,
        subject: &disclosure.number,
    };
    keep_one(
        conn,
        filing,
        &facts.head,
        render_disclosure_notice(&facts)?,
        json(&facts)?,
        officer,
    )
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
        |(customer_id, window_days, from_agreement, head)| -> AppResult<(NewLetter, u32, bool)> {
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
            let letter = NewLetter {
                kind: LetterKind::SubProcessorChange,
                subject_id: 0,
                customer_id: *customer_id,
                language: head.language,
                generated_at: now,
                file_name: letter_file_name(
                    LetterKind::SubProcessorChange,
                    &stem,
                    &customer_stem(&head.customer_name, *customer_id),
                    1,
                    head.language,
                ),
                pdf: render_change_notice(&facts)?,
                facts_json: json(&facts)?,
            };
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
        letters::list_for(conn, &[LetterKind::SubProcessorChange], announcement_id)?
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
        match letters::record_delivery(&tx, letter.id, &delivery, officer, now) {
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

/// Saves one kept notice into `folder` exactly as it was generated; returns its path.
pub fn save(conn: &Connection, letter_id: i64, folder: &Path) -> AppResult<PathBuf> {
    let letter = letters::pdf(conn, letter_id)?;
    fs::create_dir_all(folder)?;
    write_atomically(folder, &letter.file_name, &letter.pdf)?;
    Ok(folder.join(&letter.file_name))
}

/// Saves every notice of an announcement into `folder`; returns how many.
pub fn save_announcement(conn: &Connection, announcement_id: i64, folder: &Path) -> AppResult<u32> {
    let all = letters::list_for(conn, &[LetterKind::SubProcessorChange], announcement_id)?;
    for letter in &all {
        save(conn, letter.id, folder)?;
    }
    Ok(all.len() as u32)
}
