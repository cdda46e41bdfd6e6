//! Commands of the customer register.

use crate::clock;
use std::time::Instant;

use tauri::State;

use crate::domain::customer::{
    validate_customer, Customer, CustomerInput, CustomerPage, CustomerQuery, CustomerSummary,
};
use crate::domain::demo::demo_customers;
use crate::domain::instruction::{Instruction, InstructionInput};
use crate::domain::security_document::{SecurityDocument, SecurityDocumentInput};
use crate::domain::service_end::{ServiceEnd, ServiceEndInput};
use crate::error::AppResult;
use crate::export::letters;
use crate::session::Session;
use crate::store::{customers, instructions, security_documents, service_ends, settings};

#[tauri::command(async)]
pub fn list_customers(
    session: State<'_, Session>,
    query: CustomerQuery,
) -> AppResult<Vec<CustomerSummary>> {
    session.with_vault(Instant::now(), |vault| {
        customers::list(vault.conn(), &query)
    })
}

/// One page of the customer list, with how many customers match in all.
#[tauri::command(async)]
pub fn customer_page(session: State<'_, Session>, query: CustomerQuery) -> AppResult<CustomerPage> {
    session.with_vault(Instant::now(), |vault| {
        customers::page(vault.conn(), &query)
    })
}

#[tauri::command(async)]
pub fn get_customer(session: State<'_, Session>, id: i64) -> AppResult<Customer> {
    session.with_vault(Instant::now(), |vault| customers::get(vault.conn(), id))
}

#[tauri::command(async)]
pub fn create_customer(session: State<'_, Session>, input: CustomerInput) -> AppResult<Customer> {
    let valid = validate_customer(&input)?;
    session.with_vault(Instant::now(), |vault| {
        customers::create(vault.conn(), &valid, clock::now())
    })
}

#[tauri::command(async)]
pub fn update_customer(
    session: State<'_, Session>,
    id: i64,
    input: CustomerInput,
) -> AppResult<Customer> {
    let valid = validate_customer(&input)?;
    session.with_vault(Instant::now(), |vault| {
        customers::update(vault.conn(), id, &valid, clock::now())
    })
}

#[tauri::command(async)]
pub fn set_customer_archived(
    session: State<'_, Session>,
    id: i64,
    archived: bool,
) -> AppResult<Customer> {
    session.with_vault(Instant::now(), |vault| {
        customers::set_archived(vault.conn(), id, archived, clock::now())
    })
}

/// Fills an empty vault with fictional customers; refused once the vault has customers.
#[tauri::command(async)]
pub fn load_demo_data(session: State<'_, Session>) -> AppResult<u32> {
    let demo = demo_customers()
        .iter()
        .map(validate_customer)
        .collect::<Result<Vec<_>, _>>()?;
    session.with_vault(Instant::now(), |vault| {
        customers::fill_empty(vault.conn(), &demo, clock::now())
    })?;
    Ok(demo.len() as u32)
}

#[tauri::command(async)]
pub fn list_service_ends(session: State<'_, Session>) -> AppResult<Vec<ServiceEnd>> {
    session.with_vault(Instant::now(), |vault| service_ends::list(vault.conn()))
}

#[tauri::command(async)]
pub fn get_service_end(
    session: State<'_, Session>,
    customer_id: i64,
) -> AppResult<Option<ServiceEnd>> {
    session.with_vault(Instant::now(), |vault| {
        service_ends::get(vault.conn(), customer_id)
    })
}

/// Records how the customer's service ends; returns it as its page shows it.
#[tauri::command(async)]
pub fn save_service_end(
    session: State<'_, Session>,
    customer_id: i64,
    input: ServiceEndInput,
) -> AppResult<Option<ServiceEnd>> {
    session.with_vault(Instant::now(), |vault| {
        service_ends::save(vault.conn(), customer_id, &input, clock::now())?;
        service_ends::get(vault.conn(), customer_id)
    })
}

/// Makes the confirmation that the data was erased or transferred, and keeps it.
#[tauri::command(async)]
pub fn generate_service_end_confirmation(
    session: State<'_, Session>,
    customer_id: i64,
) -> AppResult<Option<ServiceEnd>> {
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        letters::generate_service_end_confirmation(
            vault.conn(),
            customer_id,
            &officer,
            clock::now(),
        )?;
        service_ends::get(vault.conn(), customer_id)
    })
}

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
        letters::generate_doubt_notice(vault.conn(), id, &officer, clock::now())?;
        instructions::get(vault.conn(), id)
    })
}

#[tauri::command(async)]
pub fn list_security_documents(
    session: State<'_, Session>,
    customer_id: Option<i64>,
) -> AppResult<Vec<SecurityDocument>> {
    session.with_vault(Instant::now(), |vault| {
        security_documents::list(vault.conn(), customer_id)
    })
}

/// Records a new version of the customer's security document, which replaces the current one.
#[tauri::command(async)]
pub fn create_security_document(
    session: State<'_, Session>,
    customer_id: i64,
    input: SecurityDocumentInput,
) -> AppResult<SecurityDocument> {
    session.with_vault(Instant::now(), |vault| {
        let id = security_documents::create(vault.conn(), customer_id, &input, clock::now())?;
        security_documents::get(vault.conn(), id)
    })
}

/// Makes the notice announcing a version to its customer, and keeps it.
#[tauri::command(async)]
pub fn generate_security_document_notice(
    session: State<'_, Session>,
    id: i64,
) -> AppResult<SecurityDocument> {
    session.with_vault(Instant::now(), |vault| {
        let officer = settings::get(vault.conn())?.officer_name;
        letters::generate_security_document_notice(vault.conn(), id, &officer, clock::now())?;
        security_documents::get(vault.conn(), id)
    })
}
