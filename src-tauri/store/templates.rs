//! Agreement template versions with their terms and split text.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::json;
use crate::domain::agreement::{
    check_template_version, check_terms, TemplateVersion, TemplateVersionInput, Terms,
};
use crate::domain::customer::Language;
use crate::domain::template::parse_template;
use crate::domain::validation::FieldCode;
use crate::error::{AppError, AppResult};

const SELECT: &str = "SELECT v.id, v.label, v.version_date, v.language, v.audit_notice_days,
        v.objection_window_days, v.liability_cap_eur, v.first_notice_target_hours,
        v.other_terms, v.text_json, v.source_name, v.created_at,
        (SELECT count(*) FROM agreements a
         WHERE a.template_version_id = v.id AND a.status <> 'draft')
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
