//! The rules of the domain: types, validation and policies. No I/O, no tauri, no database;
//! the clock is passed in.

pub mod agreement;
pub mod assistance;
pub mod audit;
pub mod breach;
pub mod country;
pub mod customer;
pub mod deadlines;
pub mod demo;
pub mod disclosure;
pub mod event;
pub mod export;
pub mod incident;
pub mod instruction;
pub mod letter;
pub mod notice;
pub mod passphrase;
pub mod security_document;
pub mod service_end;
pub mod settings;
pub mod severity;
pub mod subprocessor;
pub mod template;
pub mod time;
pub mod transfer;
pub mod unlock;
pub mod validation;
