//! The rules of the domain: types, validation and policies. No I/O, no tauri, no database;
//! the clock is passed in.

pub mod agreement;
pub mod customer;
pub mod demo;
pub mod export;
pub mod passphrase;
pub mod settings;
pub mod template;
pub mod unlock;
pub mod validation;
