//! Commands of the sub-processor register (art. 8): sub-processors, change announcements
//! with each customer's answer, and the countries they may be in.

use std::time::Instant;

use tauri::ipc::Channel;
use tauri::State;

use super::documents::SavedFiles;
use super::{reporter, Progress};
use crate::clock;
use crate::domain::country::{Country, COUNTRIES};
use crate::domain::document::SendingInput;
use crate::domain::subprocessor::{
    AnnouncementInput, CustomerSubProcessor, Decision, ResponseInput, SubProcessorDetail,
    SubProcessorInput, SubProcessorRow,
};
use crate::error::AppResult;
use crate::export;
use crate::export::destination;
use crate::session::Session;
use crate::store::{settings, subprocessors};

#[tauri::command]
pub fn list_countries() -> Vec<Country> {
    COUNTRIES.to_vec()
}

#[tauri::command(async)]
pub fn list_sub_processors(session: State<'_, Session>) -> AppResult<Vec<SubProcessorRow>> {
    session.with_vault(Instant::now(), |vault| {
        subprocessors::list(vault.conn(), clock::now())
    })
}

#[tauri::command(async)]
pub fn get_sub_processor(session: State<'_, Session>, id: i64) -> AppResult<SubProcessorDetail> {
    session.with_vault(Instant::now(), |vault| {
        subprocessors::detail(vault.conn(), id, clock::now())
    })
}

#[tauri::command(async)]
pub fn create_sub_processor(
    session: State<'_, Session>,
    input: SubProcessorInput,
) -> AppResult<SubProcessorDetail> {
    session.with_vault(Instant::now(), |vault| {
        let id = subprocessors::create(vault.conn(), &input, clock::now())?;
        subprocessors::detail(vault.conn(), id, clock::now())
    })
}

#[tauri::command(async)]
pub fn update_sub_processor(
    session: State<'_, Session>,
    id: i64,
    input: SubProcessorInput,
) -> AppResult<SubProcessorDetail> {
    session.with_vault(Instant::now(), |vault| {
        subprocessors::update(vault.conn(), id, &input, clock::now())?;
        subprocessors::detail(vault.conn(), id, clock::now())
    })
}

/// Makes one change notice per active customer and keeps them with the announcement.
#[tauri::command(async)]
pub fn announce_sub_processor_change(
    session: State<'_, Session>,
    input: AnnouncementInput,
    on_progress: Channel<Progress>,
) -> AppResult<SubProcessorDetail> {
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        export::announcements::announce(
            vault.conn(),
            &input,
            &officer,
            clock::now(),
            &reporter(&on_progress),
        )?;
        subprocessors::detail(vault.conn(), input.sub_processor_id, clock::now())
    })
}

/// Records that every unsent notice of the announcement was sent.
#[tauri::command(async)]
pub fn record_announcement_sending(
    session: State<'_, Session>,
    announcement_id: i64,
    input: SendingInput,
) -> AppResult<u32> {
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        export::announcements::record_announcement_sending(
            vault.conn(),
            announcement_id,
            &input,
            &officer,
            clock::now(),
        )
    })
}

#[tauri::command(async)]
pub fn record_customer_response(
    session: State<'_, Session>,
    announcement_id: i64,
    customer_id: i64,
    input: ResponseInput,
) -> AppResult<()> {
    session.with_vault(Instant::now(), |vault| {
        subprocessors::record_response(
            vault.conn(),
            announcement_id,
            customer_id,
            &input,
            clock::now(),
        )
    })
}

/// Records that the customer received the notice later than it was sent.
#[tauri::command(async)]
pub fn record_notice_receipt(
    session: State<'_, Session>,
    announcement_id: i64,
    customer_id: i64,
    received_at: String,
) -> AppResult<()> {
    session.with_vault(Instant::now(), |vault| {
        subprocessors::record_receipt(
            vault.conn(),
            announcement_id,
            customer_id,
            &received_at,
            clock::now(),
        )
    })
}

#[tauri::command(async)]
pub fn decide_objection(
    session: State<'_, Session>,
    announcement_id: i64,
    customer_id: i64,
    decision: Decision,
) -> AppResult<()> {
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        subprocessors::decide(
            vault.conn(),
            announcement_id,
            customer_id,
            decision,
            &officer,
            clock::now(),
        )
    })
}

#[tauri::command(async)]
pub fn save_announcement_notices(
    session: State<'_, Session>,
    announcement_id: i64,
    folder: Option<String>,
) -> AppResult<SavedFiles> {
    session.with_vault(Instant::now(), |vault| {
        let folder = destination(vault.conn(), folder.as_deref())?;
        let count =
            export::announcements::save_announcement(vault.conn(), announcement_id, &folder)?;
        Ok(SavedFiles::new(count, &folder))
    })
}

/// Writes an e-mail draft of the announcement's notice to every customer into one folder,
/// all or none.
#[tauri::command(async)]
pub fn save_announcement_drafts(
    session: State<'_, Session>,
    announcement_id: i64,
    folder: Option<String>,
    on_progress: Channel<Progress>,
) -> AppResult<SavedFiles> {
    session.with_vault(Instant::now(), |vault| {
        let folder = destination(vault.conn(), folder.as_deref())?;
        let notices = export::announcements::notices_of(vault.conn(), announcement_id)?;
        let written = export::drafts::save_drafts(
            vault.conn(),
            &notices,
            &folder,
            clock::now(),
            reporter(&on_progress),
        )?;
        Ok(SavedFiles::new(written.len() as u32, &folder))
    })
}

#[tauri::command(async)]
pub fn list_customer_sub_processors(
    session: State<'_, Session>,
    customer_id: i64,
) -> AppResult<Vec<CustomerSubProcessor>> {
    session.with_vault(Instant::now(), |vault| {
        subprocessors::for_customer(vault.conn(), customer_id, clock::now())
    })
}
