//! What every document we issue says of itself, whatever its kind: what it is, in which
//! language, when and which version, the subject line of the e-mail that carries it, its
//! file name, and how it prints. Each kind implements it beside its renderer (letters
//! through `Letter`); `export::documents::issued` turns any of them into a document to keep.

use chrono::{DateTime, Utc};

use super::printable::Unprintable;
use crate::domain::customer::Language;
use crate::domain::document::DocumentKind;

pub trait Issued: serde::Serialize {
    fn kind(&self) -> DocumentKind;
    fn language(&self) -> Language;
    fn generated_at(&self) -> DateTime<Utc>;
    /// See `DocumentSummary::version`.
    fn version(&self) -> u32;
    /// The customer it is addressed to, as it was named when it was made.
    fn customer_name(&self) -> &str;
    /// What it is, about what, for whom, in the customer's language: the subject line of
    /// the e-mail that carries it and the title in the PDF's properties.
    fn subject_line(&self) -> String;
    /// Its file name, from what it is about (an incident or audit number, a date, a
    /// sub-processor) and the customer's file-name stem.
    fn file_name(&self, subject: &str, customer_stem: &str) -> String;
    /// The PDF; the same facts always give the same bytes.
    fn render(&self) -> Result<Vec<u8>, Unprintable>;
}
