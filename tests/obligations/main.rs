//! The processor's obligations on a real encrypted vault, one file per obligation: audits,
//! sub-processor changes, transfers outside the EEA, the end of service, instructions,
//! security documents, disclosure requests and assistance; the notices' text in both
//! languages, the dashboard, the export annex and the CSV registers.

#[path = "../common/mod.rs"]
mod common;

mod amendment;
mod assistance;
mod audit;
mod disclosure;
mod instruction;
mod security_document;
mod service_end;
mod sub_processing;
mod sub_processor;
mod transfer;

use chrono::{DateTime, Utc};
use common::*;
use dpa_desk::documents::issued::Issued;
use dpa_desk::domain::agreement::Terms;
use dpa_desk::domain::audit::{
    AuditInput, AuditLetterFacts, AuditStatus, MeasureInput, MeasureOwner,
};
use dpa_desk::domain::customer::Language;
use dpa_desk::domain::deadlines::{DeadlineKind, Target};
use dpa_desk::domain::document::{SendMethod, SendingInput};
use dpa_desk::domain::subprocessor::{
    AnnouncementInput, ChangeKind, Decision, Outcome, ResponseInput, SubProcessorInput,
};
use dpa_desk::domain::time::parse_moment;
use dpa_desk::domain::validation::FieldCode;
use dpa_desk::error::AppError;
use dpa_desk::export;
use dpa_desk::store::{audits, customers, dashboard, subprocessors, Vault};

const OFFICER: &str = "Fatima El Amrani";

fn at(text: &str) -> DateTime<Utc> {
    parse_moment(text).unwrap().earliest()
}

/// The last second of a local day: where an objection window ends (art. 8.2).
fn end_of(day: &str) -> DateTime<Utc> {
    at(&format!("{day} 23:59")) + chrono::Duration::seconds(59)
}

fn add_customer(vault: &mut Vault, name: &str, kvk: &str, language: Language) -> i64 {
    let mut input = customer(name, kvk);
    input.notice_language = language;
    customers::create(vault.conn(), &input, at("01-10-2026 09:00"))
        .unwrap()
        .id
}

/// The codes of a refused input.
fn refused<T: std::fmt::Debug>(result: Result<T, AppError>) -> Vec<(String, FieldCode)> {
    match result {
        Err(AppError::Validation { fields }) => {
            fields.into_iter().map(|f| (f.field, f.code)).collect()
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}
