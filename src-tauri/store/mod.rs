//! The vault and everything stored in it: one encrypted SQLite (SQLCipher 4) database, a
//! plaintext sidecar with the key-derivation parameters, and plaintext preferences that the
//! locked screens need.

pub mod agreements;
pub mod customers;
pub mod files;
pub mod kdf;
pub mod migrations;
pub mod preferences;
pub mod settings;
pub mod sidecar;
pub mod templates;
pub mod vault;

pub use vault::Vault;
