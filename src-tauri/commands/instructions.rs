//! Commands of the customer's instructions (art. 2.4): the log, a doubt, and its notice.

use crate::clock;
use std::time::Instant;

use tauri::State;

use crate::domain::instruction::{Instruction, InstructionInput};
use crate::error::AppResult;
use crate::export;
use crate::session::Session;
use crate::store::{instructions, settings};

#[tauri::command(async)]
pub fn list_instructions(
    session: State<'_, Session>,
    customer_id: Option<i64>,
) -> AppResult<Vec<Instruction>> {
    session.with_vault(Instant::now(), |vault| {
        instructions::list(vault.conn(), customer_id)
    })
}

#[tauri::command(async)]
pub fn create_instruction(
    session: State<'_, Session>,
    customer_id: i64,
    input: InstructionInput,
) -> AppResult<Instruction> {
    session.with_vault(Instant::now(), |vault| {
        let id = instructions::create(vault.conn(), customer_id, &input, clock::now())?;
        instructions::get(vault.conn(), id)
    })
}

#[tauri::command(async)]
pub fn update_instruction(
    session: State<'_, Session>,
    id: i64,
    input: InstructionInput,
) -> AppResult<Instruction> {
    session.with_vault(Instant::now(), |vault| {
        instructions::update(vault.conn(), id, &input, clock::now())?;
        instructions::get(vault.conn(), id)
    })
}

/// Makes the notice that the instruction is in doubt and suspended, and keeps it.
#[tauri::command(async)]
pub fn generate_doubt_notice(session: State<'_, Session>, id: i64) -> AppResult<Instruction> {
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        export::instructions::generate_doubt_notice(vault.conn(), id, &officer, clock::now())?;
        instructions::get(vault.conn(), id)
    })
}
