//! Exports: per customer (agreement PDF and JSON), all customers into a folder, and CSV
//! registers. Exported files are plaintext by nature: exporting is always the officer's
//! explicit act, to a place the officer chose.

pub mod breach_register;
pub mod csv;
pub mod customer;
pub mod notices;
