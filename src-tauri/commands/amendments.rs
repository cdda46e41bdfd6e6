//! Commands of agreement amendments (art. 10.2): announcing a newer version, recording the
//! customers' answers, saving the notices.

use std::time::Instant;

use tauri::ipc::Channel;
use tauri::State;

use super::documents::SavedFiles;
use super::{reporter, Progress};
use crate::clock;
use crate::domain::amendment::{Amendment, AmendmentInput, AnswerInput};
use crate::domain::document::SendingInput;
use crate::error::AppResult;
use crate::export;
use crate::export::destination;
use crate::session::Session;
use crate::store::{amendments, settings};

#[tauri::command(async)]
pub fn list_amendments(session: State<'_, Session>) -> AppResult<Vec<Amendment>> {
    session.with_vault(Instant::now(), |vault| amendments::list(vault.conn()))
}

/// Makes one notice per customer on an older version and keeps them with the amendment.
#[tauri::command(async)]
pub fn announce_amendment(
    session: State<'_, Session>,
    input: AmendmentInput,
    on_progress: Channel<Progress>,
) -> AppResult<Amendment> {
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        let id = export::amendments::announce(
            vault.conn(),
            &input,
            &officer,
            clock::now(),
            &reporter(&on_progress),
        )?;
        amendments::get(vault.conn(), id)
    })
}

#[tauri::command(async)]
pub fn record_amendment_answer(
    session: State<'_, Session>,
    amendment_id: i64,
    customer_id: i64,
    input: AnswerInput,
) -> AppResult<Amendment> {
    session.with_vault(Instant::now(), |vault| {
        amendments::record_answer(
            vault.conn(),
            amendment_id,
            customer_id,
            &input,
            clock::now(),
        )?;
        amendments::get(vault.conn(), amendment_id)
    })
}

/// Records that every unsent notice of the amendment was sent.
#[tauri::command(async)]
pub fn record_amendment_sending(
    session: State<'_, Session>,
    amendment_id: i64,
    input: SendingInput,
) -> AppResult<u32> {
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        export::amendments::record_sending(
            vault.conn(),
            amendment_id,
            &input,
            &officer,
            clock::now(),
        )
    })
}

#[tauri::command(async)]
pub fn save_amendment_notices(
    session: State<'_, Session>,
    amendment_id: i64,
    folder: Option<String>,
) -> AppResult<SavedFiles> {
    session.with_vault(Instant::now(), |vault| {
        let folder = destination(vault.conn(), folder.as_deref())?;
        let count = export::amendments::save_notices(vault.conn(), amendment_id, &folder)?;
        Ok(SavedFiles::new(count, &folder))
    })
}
