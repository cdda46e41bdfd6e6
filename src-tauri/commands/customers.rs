//! Commands of the customer register.

use crate::clock;
use std::time::Instant;

use tauri::State;

use crate::domain::customer::{
    Customer, CustomerInput, CustomerPage, CustomerQuery, CustomerSummary,
};
use crate::domain::demo::{demo_customers, demo_security_document};
use crate::domain::time::local_date;
use crate::error::AppResult;
use crate::session::Session;
use crate::store::customers;

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
    session.with_vault(Instant::now(), |vault| {
        customers::create(vault.conn(), &input, clock::now())
    })
}

#[tauri::command(async)]
pub fn update_customer(
    session: State<'_, Session>,
    id: i64,
    input: CustomerInput,
) -> AppResult<Customer> {
    session.with_vault(Instant::now(), |vault| {
        customers::update(vault.conn(), id, &input, clock::now())
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
    let demo = demo_customers();
    session.with_vault(Instant::now(), |vault| {
        let now = clock::now();
        let security = demo_security_document(local_date(now));
        customers::fill_empty(vault.conn(), &demo, Some(&security), now)
    })?;
    Ok(demo.len() as u32)
}
