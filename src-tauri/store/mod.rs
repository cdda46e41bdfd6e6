//! The vault and everything stored in it: one encrypted SQLite (SQLCipher 4) database, a
//! plaintext sidecar with the key-derivation parameters, and plaintext preferences that the
//! locked screens need.

pub mod agreements;
pub mod customers;
pub mod files;
pub mod incident_views;
pub mod incidents;
pub mod kdf;
pub mod migrations;
pub mod notices;
pub mod preferences;
pub mod settings;
pub mod sidecar;
pub mod templates;
pub mod vault;

pub use vault::Vault;

/// `NotFound` unless the row with `id` exists in `table`.
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
