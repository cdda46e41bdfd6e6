//! Agreement template versions with their terms and split text.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::documents::sha256_hex;
use super::{files, json};
use crate::domain::agreement::{
    check_template_version, check_terms, TemplateVersion, TemplateVersionInput, Terms,
};
use crate::domain::customer::Language;
use crate::domain::template::{parse_template, MAX_TEXT_BYTES};
use crate::domain::validation::FieldCode;
use crate::domain::word::{docx_text, WordProblem};
use crate::error::{AppError, AppResult};
use crate::pdf_reader;

const SELECT: &str = "SELECT v.id, v.label, v.version_date, v.language, v.audit_notice_days,
        v.objection_window_days, v.liability_cap_eur, v.first_notice_target_hours,
        v.other_terms, v.text_json, v.source_name, v.created_at,
        (SELECT count(*) FROM agreements a
         WHERE a.template_version_id = v.id AND a.status <> 'draft'),
        v.source_sha256
    FROM template_versions v";

/// Every version, newest first.
pub fn list(conn: &Connection) -> AppResult<Vec<TemplateVersion>> {
    let mut statement =
        conn.prepare(&format!("{SELECT} ORDER BY v.version_date DESC, v.id DESC"))?;
    let rows = statement.query_map([], version)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One version.
pub fn get(conn: &Connection, id: i64) -> AppResult<TemplateVersion> {
    conn.query_row(&format!("{SELECT} WHERE v.id = ?1"), [id], version)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Saves a new version, its text parsed from the source when one is given; refused with
/// its field errors when it does not pass [`check_template_version`]. Labels are unique.
pub fn create(
    conn: &Connection,
    input: &TemplateVersionInput,
    now: DateTime<Utc>,
) -> AppResult<TemplateVersion> {
    let text = input
        .source_text
        .as_deref()
        .map(parse_template)
        .transpose()?
        .map(|parsed| parsed.text);
    let record = &check_template_version(input, text)?;
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM template_versions WHERE label = ?1)",
        [&record.label],
        |row| row.get(0),
    )?;
    if taken {
        return Err(AppError::field("label", FieldCode::DuplicateLabel));
    }
    let text_json = record.text.as_ref().map(json).transpose()?;
    let t = &record.terms;
    conn.execute(
        "INSERT INTO template_versions (label, version_date, language, audit_notice_days,
            objection_window_days, liability_cap_eur, first_notice_target_hours, other_terms,
            text_json, source_name, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        (
            &record.label,
            record.version_date,
            record.language.code(),
            t.audit_notice_days,
            t.objection_window_days,
            t.liability_cap_eur,
            t.first_notice_target_hours,
            &t.other_terms,
            text_json,
            &record.source_name,
            now,
        ),
    )?;
    get(conn, conn.last_insert_rowid())
}

/// Changes the terms of a version that no customer has signed yet. A signed version is
/// immutable: a correction is a new version. Checked by [`check_terms`].
pub fn update_terms(conn: &mut Connection, id: i64, terms: &Terms) -> AppResult<TemplateVersion> {
    let terms = &check_terms(terms)?;
    let tx = conn.transaction()?;
    let version = get(&tx, id)?;
    if version.signed_count > 0 {
        return Err(AppError::VersionSigned);
    }
    tx.execute(
        "UPDATE template_versions SET audit_notice_days = ?2, objection_window_days = ?3,
            liability_cap_eur = ?4, first_notice_target_hours = ?5, other_terms = ?6
         WHERE id = ?1",
        (
            id,
            terms.audit_notice_days,
            terms.objection_window_days,
            terms.liability_cap_eur,
            terms.first_notice_target_hours,
            &terms.other_terms,
        ),
    )?;
    tx.commit()?;
    get(conn, id)
}

fn version(row: &Row) -> rusqlite::Result<TemplateVersion> {
    let language: String = row.get(3)?;
    let text_json: Option<String> = row.get(9)?;
    Ok(TemplateVersion {
        id: row.get(0)?,
        label: row.get(1)?,
        version_date: row.get(2)?,
        language: Language::from_code(&language).unwrap_or(Language::Nl),
        terms: Terms {
            audit_notice_days: row.get(4)?,
            objection_window_days: row.get(5)?,
            liability_cap_eur: row.get(6)?,
            first_notice_target_hours: row.get(7)?,
            other_terms: row.get(8)?,
        },
        text: text_json.and_then(|json| serde_json::from_str(&json).ok()),
        source_name: row.get(10)?,
        source_sha256: row.get(13)?,
        signed_count: row.get(12)?,
        created_at: row.get(11)?,
    })
}

/// The terms of the version the customer signed, if it has a signed agreement.
pub fn signed_terms(conn: &Connection, customer_id: i64) -> AppResult<Option<Terms>> {
    let version = conn
        .query_row(
            &format!(
                "{SELECT} JOIN agreements s ON s.template_version_id = v.id
                 WHERE s.customer_id = ?1 AND s.status = 'signed'"
            ),
            [customer_id],
            version,
        )
        .optional()?;
    Ok(version.map(|v| v.terms))
}

/// An agreement file the officer chose, as read: its name, bytes, SHA-256 and text.
pub struct SourceFile {
    pub name: String,
    pub bytes: Vec<u8>,
    pub sha256: String,
    pub text: String,
    /// The page headers, footers and numbers taken out of a PDF's text.
    pub furniture: Vec<String>,
}

/// Reads an agreement file: a Word file (`.docx`) as its paragraphs with their automatic
/// numbers, a PDF as its words in reading order without page furniture, any other file as
/// UTF-8 text. Errors name `path`.
pub fn read_source(path: &Path) -> AppResult<SourceFile> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_lowercase();
    let (is_word, is_pdf) = (lower.ends_with(".docx"), lower.ends_with(".pdf"));
    let max = if is_word || is_pdf {
        MAX_DOCUMENT_BYTES
    } else {
        MAX_TEXT_BYTES as u64
    };
    let bytes = files::read_bytes(path, max, "path")?;
    let (text, furniture) = if is_word {
        let text = docx_text(&bytes).map_err(|problem| {
            let code = match problem {
                WordProblem::NotWord => FieldCode::NotWordDocument,
                WordProblem::TooLarge => FieldCode::TooLong,
            };
            AppError::field("path", code)
        })?;
        (text, Vec::new())
    } else if is_pdf {
        let read = pdf_reader::text_of_pdf(&bytes, "path")?;
        (read.text, read.furniture)
    } else {
        (files::text_of(bytes.clone(), "path")?, Vec::new())
    };
    Ok(SourceFile {
        sha256: sha256_hex(&bytes),
        name,
        bytes,
        text,
        furniture,
    })
}

/// The most a Word or PDF file may weigh: pictures make them far larger than their text.
const MAX_DOCUMENT_BYTES: u64 = 100 * 1024 * 1024;

/// Saves a new version from the file at `path`, as [`create`] does, and keeps the file with
/// it. The file must still be the one previewed (`sha256`); its text is read from it again.
pub fn create_from_file(
    conn: &mut Connection,
    input: &TemplateVersionInput,
    path: &Path,
    sha256: &str,
    now: DateTime<Utc>,
) -> AppResult<TemplateVersion> {
    let source = read_source(path)?;
    if source.sha256 != sha256 {
        return Err(AppError::field("path", FieldCode::FileChanged));
    }
    let input = TemplateVersionInput {
        source_text: Some(source.text),
        source_name: source.name,
        ..input.clone()
    };
    let tx = conn.transaction()?;
    let id = create(&tx, &input, now)?.id;
    tx.execute(
        "UPDATE template_versions SET source_file = ?2, source_sha256 = ?3 WHERE id = ?1",
        (id, &source.bytes, &source.sha256),
    )?;
    tx.commit()?;
    get(conn, id)
}

/// The file a version was imported from, as kept: its name and bytes.
pub fn source_file(conn: &Connection, id: i64) -> AppResult<(String, Vec<u8>)> {
    conn.query_row(
        "SELECT source_name, source_file FROM template_versions
         WHERE id = ?1 AND source_file IS NOT NULL",
        [id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .optional()?
    .ok_or(AppError::NotFound)
}
