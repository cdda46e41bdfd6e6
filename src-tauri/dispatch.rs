//! Sending kept documents through the processor's mail server, one message per document,
//! with progress and cancel. Never twice, never lost (`domain::dispatch`): each message is
//! marked *sending* in the vault before it leaves and settled after; a document that may
//! already have arrived is held until the officer confirms it. The vault is not held while
//! a message travels, so the app stays usable.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use serde::Serialize;
use ts_rs::TS;

use crate::clock;
use crate::domain::dispatch::{hold_back, Dispatch};
use crate::domain::mail_server::MailProblem;
use crate::error::{AppError, AppResult};
use crate::export::drafts::{compose, Mail, Purpose};
use crate::session::Session;
use crate::smtp::Outbox;
use crate::store::dispatches::{self, Outgoing};
use crate::store::{documents, mail_server, settings};

/// What a sending did: the latest attempt for every document asked for, and whether the
/// officer cancelled before all were tried.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SendReport {
    pub outcomes: Vec<Dispatch>,
    pub cancelled: bool,
}

/// The mail server, ready to use, and who sends.
fn outbox(session: &Session) -> AppResult<(Outbox, String)> {
    session.with_vault(Instant::now(), |vault| {
        let (server, password) = mail_server::get(vault.conn())?.ok_or(AppError::NoMailServer)?;
        let settings = settings::get(vault.conn())?;
        let hello = settings
            .processor
            .mail_domain()
            .unwrap_or("localhost")
            .to_string();
        Ok((
            Outbox::new(&server, password.as_deref(), &hello)?,
            settings.officer_name,
        ))
    })
}

/// Connects to the mail server as a sending would (TLS and login included).
pub fn test_mail_server(session: &Session) -> AppResult<()> {
    outbox(session)?.0.test()
}

/// Sends the documents, each to its customer's contacts that receive notices. Nothing is
/// sent while any cannot be (no address, a sub-processor notice too late) or may already
/// have arrived without being in `confirmed` ([`AppError::MaybeSent`]). A refusal of one
/// message is its outcome and the others go on; a broken connection to the vault stops.
pub fn send_documents(
    session: &Session,
    document_ids: &[i64],
    confirmed: &[i64],
    report: impl Fn(u32, u32),
    cancel: &AtomicBool,
) -> AppResult<SendReport> {
    let (outbox, officer) = outbox(session)?;
    let mails = session.with_vault(Instant::now(), |vault| {
        let conn = vault.conn();
        let now = clock::now();
        for &id in document_ids {
            documents::check_sendable(conn, id, now)?;
        }
        let held = hold_back(
            &dispatches::attempts(conn, document_ids)?,
            document_ids,
            confirmed,
        );
        if !held.is_empty() {
            let held: Vec<i64> = held.iter().map(|(id, _)| *id).collect();
            return Err(AppError::MaybeSent {
                documents: dispatches::latest(conn, &held)?,
            });
        }
        compose(conn, document_ids, Purpose::Send, now, |_, _| {})
    })?;
    let total = mails.len() as u32;
    report(0, total);
    let mut cancelled = false;
    for (done, mail) in mails.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            cancelled = true;
            break;
        }
        send_one(session, &outbox, mail, &officer)?;
        report(done as u32 + 1, total);
    }
    let outcomes = session.with_vault(Instant::now(), |vault| {
        dispatches::latest(vault.conn(), document_ids)
    })?;
    Ok(SendReport {
        outcomes,
        cancelled,
    })
}

/// One message: marked, sent, settled. A refusal of this message is its outcome; a failure
/// of the server or the connection (no connection, TLS, login, silence) is settled as this
/// message's refusal and stops the sending, as every next message would meet it too.
fn send_one(session: &Session, outbox: &Outbox, mail: &Mail, officer: &str) -> AppResult<()> {
    let recipients = mail.to.join(", ");
    let dispatch_id = session.with_vault(Instant::now(), |vault| {
        dispatches::begin(
            vault.conn(),
            &Outgoing {
                document_id: mail.document_id,
                message_id: &mail.message_id,
                recipients: &recipients,
            },
            officer,
            clock::now(),
        )
    })?;
    tracing::info!(dispatch_id, "sending");
    let result = outbox.send(&mail.from, &mail.to, &mail.bytes);
    session.with_vault(Instant::now(), |vault| match &result {
        Ok(reply) => dispatches::accept(vault.conn(), dispatch_id, reply, officer, clock::now()),
        Err(error) => {
            let reason = match error {
                AppError::MailServer { detail, .. } => detail.clone(),
                other => other.to_string(),
            };
            dispatches::refuse(vault.conn(), dispatch_id, &reason, clock::now())
        }
    })?;
    match result {
        Err(
            error @ AppError::MailServer {
                problem:
                    MailProblem::Unreachable
                    | MailProblem::Tls
                    | MailProblem::Login
                    | MailProblem::Timeout,
                ..
            },
        ) => Err(error),
        _ => Ok(()),
    }
}
