//! Commands of the security measures document (art. 4.3): its versions per customer and
//! their notice.

use crate::clock;
use std::time::Instant;

use tauri::State;

use crate::domain::security_document::{SecurityDocument, SecurityDocumentInput};
use crate::error::AppResult;
use crate::export;
use crate::session::Session;
use crate::store::{security_documents, settings};

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
        export::security_documents::generate_security_document_notice(
            vault.conn(),
            id,
            &officer,
            clock::now(),
        )?;
        security_documents::get(vault.conn(), id)
    })
}
