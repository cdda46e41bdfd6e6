//! Customer imports: the plan is worked out and carried out in one transaction against the
//! vault as it is then, so the import is all or nothing and cannot overwrite a change made
//! after the preview. Each import is recorded with its file and mapping; the customers it
//! writes reach the event log through its triggers like every change.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::documents::sha256_hex;
use super::{agreements, customers, files, from_json, json};
use crate::domain::customer_import::{
    guess_mapping, plan, ColumnTarget, ImportPlan, KnownAgreements, Mapping,
};
use crate::domain::table::{read_csv, Table, MAX_BYTES};
use crate::domain::time::local_date;
use crate::domain::validation::FieldCode;
use crate::domain::workbook::{read_workbook, WorkbookFormat};
use crate::error::{AppError, AppResult};

/// The file an import reads.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportSource<'a> {
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub table: &'a Table,
    pub mapping: &'a Mapping,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportOutcome {
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub skipped: u32,
    /// Stopped by the officer: nothing was stored.
    pub cancelled: bool,
}

/// A customer list read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportFile {
    pub file_name: String,
    pub sha256: String,
    pub table: Table,
}

/// A customer list as read: its columns with what each fills, and its first rows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CustomerFile {
    pub file_name: String,
    pub sha256: String,
    pub headers: Vec<String>,
    pub mapping: Mapping,
    pub rows: u32,
    pub first_rows: Vec<Vec<String>>,
}

/// Reads the customer list at `path` and describes it for the mapping screen: each column
/// with what it fills (remembered from the last import, else guessed) and the first five rows.
pub fn describe(conn: &Connection, path: &Path) -> AppResult<CustomerFile> {
    let file = read_file(path)?;
    let mapping = mapping_for(conn, &file.table.headers)?;
    Ok(CustomerFile {
        rows: file.table.rows.len() as u32,
        first_rows: file
            .table
            .rows
            .iter()
            .take(5)
            .map(|r| r.fields.clone())
            .collect(),
        headers: file.table.headers,
        file_name: file.file_name,
        sha256: file.sha256,
        mapping,
    })
}

impl ImportFile {
    pub fn source<'a>(&'a self, mapping: &'a Mapping) -> ImportSource<'a> {
        ImportSource {
            file_name: &self.file_name,
            sha256: &self.sha256,
            table: &self.table,
            mapping,
        }
    }
}

/// Reads a customer list: `.xlsx`, `.xlsm` or `.ods` as a workbook, any other file as CSV.
/// A problem with the file is an error on `path`, in the officer's language.
pub fn read_file(path: &Path) -> AppResult<ImportFile> {
    let bytes = files::read_bytes(path, MAX_BYTES as u64, "path")?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let table = match WorkbookFormat::of_file_name(&file_name) {
        Some(format) => read_workbook(&bytes, format),
        None => read_csv(&bytes),
    }
    .map_err(|problem| AppError::field("path", problem.code()))?;
    Ok(ImportFile {
        sha256: sha256_hex(&bytes),
        file_name,
        table,
    })
}

/// The file at `path` read again, refused when it is no longer the one previewed.
pub fn read_previewed(path: &Path, sha256: &str) -> AppResult<ImportFile> {
    let file = read_file(path)?;
    if file.sha256 != sha256 {
        return Err(AppError::field("path", FieldCode::FileChanged));
    }
    Ok(file)
}

/// The column for each header as the last import that had it set it, and as guessed from
/// the header for the rest.
pub fn mapping_for(conn: &Connection, headers: &[String]) -> AppResult<Mapping> {
    let mut mapping = guess_mapping(headers);
    let last: Option<String> = conn
        .query_row(
            "SELECT mapping FROM customer_imports ORDER BY id DESC LIMIT 1",
            [],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(last) = last {
        let remembered: Vec<(String, Option<ColumnTarget>)> = from_json(&last)?;
        let by_header: HashMap<&str, Option<ColumnTarget>> = remembered
            .iter()
            .map(|(header, target)| (header.as_str(), *target))
            .collect();
        for (column, header) in headers.iter().enumerate() {
            if let Some(target) = by_header.get(header.as_str()) {
                mapping[column] = *target;
            }
        }
    }
    Ok(mapping)
}

/// What importing `source` would do now.
pub fn preview(
    conn: &Connection,
    source: &ImportSource,
    now: DateTime<Utc>,
) -> AppResult<ImportPlan> {
    plan_now(conn, source, now)
}

/// The plan against the vault as it is: its customers, template versions and agreements.
fn plan_now(conn: &Connection, source: &ImportSource, now: DateTime<Utc>) -> AppResult<ImportPlan> {
    let versions = conn
        .prepare("SELECT id, label FROM template_versions")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut signed: HashMap<i64, Vec<(i64, Option<NaiveDate>)>> = HashMap::new();
    let mut statement = conn.prepare(
        "SELECT customer_id, template_version_id, signed_on FROM agreements
         WHERE status IN ('signed', 'superseded', 'ended')",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        signed
            .entry(row.get(0)?)
            .or_default()
            .push((row.get(1)?, row.get(2)?));
    }
    let known = KnownAgreements {
        versions,
        signed,
        today: local_date(now),
    };
    Ok(plan(
        source.table,
        source.mapping,
        &customers::all(conn)?,
        &known,
    ))
}

/// Imports `source`: new customers are added and known ones brought up to date, all in one
/// transaction. Refused rows are left out when `skip_refused`, else nothing is imported.
/// `progress(done, total)` is told after every 250 customers; when `cancel` is raised the
/// transaction is rolled back and nothing is stored.
pub fn import(
    conn: &mut Connection,
    source: &ImportSource,
    skip_refused: bool,
    officer: &str,
    now: DateTime<Utc>,
    progress: impl Fn(u32, u32),
    cancel: &AtomicBool,
) -> AppResult<ImportOutcome> {
    let tx = conn.transaction()?;
    let plan = plan_now(&tx, source, now)?;
    if !plan.refused.is_empty() && !skip_refused {
        return Err(AppError::field("rows", FieldCode::RowsRefused));
    }
    let total = (plan.new.len() + plan.updates.len()) as u32;
    let mut done: u32 = 0;
    let mut step = || {
        done += 1;
        if done.is_multiple_of(250) || done == total {
            progress(done, total);
        }
        !cancel.load(Ordering::Relaxed)
    };
    let cancelled = ImportOutcome {
        created: 0,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        cancelled: true,
    };
    progress(0, total);
    for new in &plan.new {
        let id = customers::insert(&tx, &new.record, now)?;
        if let Some(agreement) = &new.agreement {
            agreements::insert(&tx, id, agreement, now)?;
        }
        if !step() {
            return Ok(cancelled);
        }
    }
    for update in &plan.updates {
        customers::rewrite(&tx, update.id, &update.record, now)?;
        if let Some(agreement) = &update.agreement {
            agreements::insert(&tx, update.id, agreement, now)?;
        }
        if !step() {
            return Ok(cancelled);
        }
    }
    let remembered: Vec<(&String, Option<ColumnTarget>)> = source
        .table
        .headers
        .iter()
        .zip(
            source
                .mapping
                .iter()
                .copied()
                .chain(std::iter::repeat(None)),
        )
        .collect();
    let outcome = ImportOutcome {
        created: plan.new.len() as u32,
        updated: plan.updates.len() as u32,
        unchanged: plan.unchanged as u32,
        skipped: plan.refused.len() as u32,
        cancelled: false,
    };
    tx.execute(
        "INSERT INTO customer_imports (imported_at, imported_by, file_name, file_sha256, mapping,
            created, updated, unchanged, skipped)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        (
            now,
            officer,
            source.file_name,
            source.sha256,
            json(&remembered)?,
            outcome.created,
            outcome.updated,
            outcome.unchanged,
            outcome.skipped,
        ),
    )?;
    tx.commit()?;
    Ok(outcome)
}
