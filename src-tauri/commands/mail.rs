//! Commands of the mail server: its settings, a connection test, and sending documents with
//! progress, cancel and per customer the outcome.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use tauri::ipc::Channel;
use tauri::State;

use super::{reporter, Progress};
use crate::dispatch::{self, SendReport};
use crate::domain::dispatch::Dispatch;
use crate::domain::mail_server::{MailServerInput, MailServerView};
use crate::error::AppResult;
use crate::session::Session;
use crate::store::{dispatches, mail_server};

/// Set while a sending runs; `cancel_sending` raises it (the message on its way finishes).
#[derive(Default)]
pub struct SendCancel(pub AtomicBool);

#[tauri::command(async)]
pub fn get_mail_server(session: State<'_, Session>) -> AppResult<MailServerView> {
    session.with_vault(Instant::now(), |vault| mail_server::view(vault.conn()))
}

/// Saves the mail server; the password is replaced only when one is given.
#[tauri::command(async)]
pub fn save_mail_server(
    session: State<'_, Session>,
    input: MailServerInput,
) -> AppResult<MailServerView> {
    session.with_vault(Instant::now(), |vault| {
        mail_server::save(vault.conn(), &input)?;
        mail_server::view(vault.conn())
    })
}

/// Connects, secures and logs in as a sending would.
#[tauri::command(async)]
pub fn test_mail_server(session: State<'_, Session>) -> AppResult<()> {
    dispatch::test_mail_server(&session)
}

/// Sends the documents through the mail server; `confirmed` are those the officer chose to
/// send again although they may already have arrived.
#[tauri::command(async)]
pub fn send_documents(
    session: State<'_, Session>,
    cancel: State<'_, SendCancel>,
    document_ids: Vec<i64>,
    confirmed: Vec<i64>,
    on_progress: Channel<Progress>,
) -> AppResult<SendReport> {
    cancel.0.store(false, Ordering::Relaxed);
    dispatch::send_documents(
        &session,
        &document_ids,
        &confirmed,
        reporter(&on_progress),
        &cancel.0,
    )
}

#[tauri::command(async)]
pub fn cancel_sending(cancel: State<'_, SendCancel>) -> AppResult<()> {
    cancel.0.store(true, Ordering::Relaxed);
    Ok(())
}

/// The latest sending of each of these documents that has one.
#[tauri::command(async)]
pub fn document_dispatches(
    session: State<'_, Session>,
    document_ids: Vec<i64>,
) -> AppResult<Vec<Dispatch>> {
    session.with_vault(Instant::now(), |vault| {
        dispatches::latest(vault.conn(), &document_ids)
    })
}
