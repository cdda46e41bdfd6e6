//! The vault and everything stored in it: one encrypted SQLite (SQLCipher 4) database, a
//! plaintext sidecar with the key-derivation parameters, and plaintext preferences that the
//! locked screens need.

pub mod agreements;
pub mod amendments;
pub mod assistance;
pub mod audits;
pub mod backup;
pub mod customer_imports;
pub mod customers;
pub mod dashboard;
pub mod disclosures;
pub mod dispatches;
pub mod documents;
pub mod events;
pub mod files;
pub mod incident_views;
pub mod incidents;
pub mod instructions;
pub mod kdf;
pub mod mail_server;
pub mod migrations;
pub mod notices;
pub mod preferences;
pub mod processing_records;
pub mod security_documents;
pub mod service_ends;
pub mod settings;
pub mod sidecar;
pub mod sub_processing;
pub mod subprocessors;
pub mod templates;
pub mod transfers;
pub mod vault;

pub use vault::Vault;

/// `NotFound` unless the row with `id` exists in `table`.
/// The next serial within `year` of a register numbered per year (incidents, audits,
/// disclosure requests), and its number: `2026-007`.
pub(crate) fn next_number(
    conn: &rusqlite::Connection,
    table: &'static str,
    year: i32,
) -> crate::error::AppResult<(u32, String)> {
    let sequence: u32 = conn.query_row(
        &format!("SELECT coalesce(max(sequence), 0) + 1 FROM {table} WHERE year = ?1"),
        [year],
        |row| row.get(0),
    )?;
    Ok((
        sequence,
        crate::domain::incident::incident_number(year, sequence),
    ))
}

pub(crate) fn ensure_exists(
    conn: &rusqlite::Connection,
    table: &'static str,
    id: i64,
) -> crate::error::AppResult<()> {
    let exists: bool = conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
        [id],
        |row| row.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(crate::error::AppError::NotFound)
    }
}

/// A value as JSON text for a column.
pub(crate) fn json<T: serde::Serialize>(value: &T) -> crate::error::AppResult<String> {
    serde_json::to_string(value).map_err(|error| {
        tracing::error!(error = %error, "could not write JSON");
        crate::error::AppError::Storage
    })
}

/// A value from a JSON column; unreadable JSON is a storage error, logged without content.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> crate::error::AppResult<T> {
    serde_json::from_str(text).map_err(|error| {
        tracing::error!(
            line = error.line(),
            column = error.column(),
            "stored JSON unreadable"
        );
        crate::error::AppError::Storage
    })
}
