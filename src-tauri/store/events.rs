//! The event log: every change to every table, appended by triggers to `events` inside the
//! vault, each entry chained to the one before it by its hash (see `domain::event`).
//!
//! Triggers, not the store's functions, write the log, so no change can forget it: each
//! table gets one trigger per insert, update and delete, generated from its columns when the
//! vault opens. The hash is computed by `event_hash`, a function this module gives every
//! connection; a connection without it (a tool outside the app) cannot change a logged
//! table at all without first dropping the triggers, which opening the vault restores.

use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use crate::domain::event::{
    chain_hash, changed_fields, ChainCheck, Entry, EntryFields, FieldChange, Verification,
};
use crate::error::AppResult;

const TRIGGER_PREFIX: &str = "event_log_";

/// Gives the connection the `event_hash` function the log's triggers call.
pub fn register_functions(conn: &Connection) -> AppResult<()> {
    conn.create_scalar_function(
        "event_hash",
        11,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text = |i| ctx.get::<Option<String>>(i);
            let number = |i| ctx.get::<Option<i64>>(i);
            let fields = EntryFields {
                seq: ctx.get(1)?,
                at: ctx.get(2)?,
                actor: ctx.get(3)?,
                entity: ctx.get(4)?,
                entity_id: number(5)?,
                customer_id: number(6)?,
                incident_id: number(7)?,
                action: ctx.get(8)?,
                before: text(9)?,
                after: text(10)?,
            };
            Ok(chain_hash(&ctx.get::<String>(0)?, &fields))
        },
    )?;
    Ok(())
}

/// Makes the log's triggers match the tables as they are now; does nothing when they do.
pub fn install_triggers(conn: &mut Connection) -> AppResult<()> {
    let wanted = wanted_triggers(conn)?;
    let present: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?1
             ORDER BY name",
        )?
        .query_map([format!("{TRIGGER_PREFIX}%")], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut sorted = wanted.clone();
    sorted.sort();
    if present == sorted {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (name, _) in &present {
        tx.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    for (_, sql) in &wanted {
        tx.execute_batch(sql)?;
    }
    tx.commit()?;
    tracing::info!(triggers = wanted.len(), "event log triggers installed");
    Ok(())
}

/// The triggers every table should have: its three logging triggers, and the log's own
/// guard against changing or removing entries.
fn wanted_triggers(conn: &Connection) -> AppResult<Vec<(String, String)>> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name <> 'events' ORDER BY name",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let mut triggers = Vec::new();
    for guarded in ["UPDATE", "DELETE"] {
        let name = format!("{TRIGGER_PREFIX}events_no_{}", guarded.to_lowercase());
        triggers.push((
            name.clone(),
            format!(
                "CREATE TRIGGER {name} BEFORE {guarded} ON events BEGIN \
                 SELECT RAISE(ABORT, 'the event log is append-only'); END"
            ),
        ));
    }
    for table in tables {
        let columns = columns(conn, &table)?;
        for action in ["insert", "update", "delete"] {
            let name = format!("{TRIGGER_PREFIX}{table}_{action}");
            triggers.push((name.clone(), trigger_sql(&name, &table, &columns, action)));
        }
    }
    Ok(triggers)
}

struct Column {
    name: String,
    blob: bool,
}

fn columns(conn: &Connection, table: &str) -> AppResult<Vec<Column>> {
    Ok(conn
        .prepare(&format!("PRAGMA table_info(\"{table}\")"))?
        .query_map([], |row| {
            let kind: String = row.get(2)?;
            Ok(Column {
                name: row.get(1)?,
                blob: kind.eq_ignore_ascii_case("BLOB"),
            })
        })?
        .collect::<Result<_, _>>()?)
}

/// The row as a JSON object; a PDF or other bytes as its size, the bytes themselves being
/// immutable and covered by their own SHA-256 where they matter (notices, letters).
fn row_json(row: &str, columns: &[Column]) -> String {
    let pairs: Vec<String> = columns
        .iter()
        .map(|c| {
            let value = if c.blob {
                format!("CASE WHEN {row}.\"{0}\" IS NULL THEN NULL ELSE length({row}.\"{0}\") || ' bytes' END", c.name)
            } else {
                format!("{row}.\"{}\"", c.name)
            };
            format!("'{}', {value}", c.name)
        })
        .collect();
    format!("json_object({})", pairs.join(", "))
}

fn trigger_sql(name: &str, table: &str, columns: &[Column], action: &str) -> String {
    let row = if action == "delete" { "OLD" } else { "NEW" };
    let has = |column: &str| columns.iter().any(|c| c.name == column);
    let owner = |owner_table: &str, column: &str| {
        if table == owner_table {
            format!("{row}.rowid")
        } else if has(column) {
            format!("{row}.{column}")
        } else {
            "NULL".into()
        }
    };
    let (before, after) = match action {
        "insert" => ("NULL".to_string(), row_json("NEW", columns)),
        "update" => (row_json("OLD", columns), row_json("NEW", columns)),
        _ => (row_json("OLD", columns), "NULL".to_string()),
    };
    let when = if action == "update" {
        format!(" WHEN {before} IS NOT {after}")
    } else {
        String::new()
    };
    format!(
        "CREATE TRIGGER {name} AFTER {verb} ON \"{table}\"{when} BEGIN \
         INSERT INTO events (seq, at, actor, entity, entity_id, customer_id, incident_id, action, \
         before, after, prev_hash, hash) \
         SELECT seq, at, actor, entity, entity_id, customer_id, incident_id, action, before, after, \
         prev_hash, event_hash(prev_hash, seq, at, actor, entity, entity_id, customer_id, \
         incident_id, action, before, after) FROM (SELECT \
         (SELECT coalesce(max(seq), 0) + 1 FROM events) AS seq, \
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at, \
         coalesce((SELECT officer_name FROM settings WHERE id = 1), '') AS actor, \
         '{table}' AS entity, {row}.rowid AS entity_id, {customer} AS customer_id, \
         {incident} AS incident_id, '{action}' AS action, {before} AS before, {after} AS after, \
         coalesce((SELECT hash FROM events ORDER BY seq DESC LIMIT 1), '') AS prev_hash); END",
        verb = action.to_uppercase(),
        customer = owner("customers", "customer_id"),
        incident = owner("incidents", "incident_id"),
    )
}

/// One change as the history view shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    #[ts(type = "number")]
    pub seq: i64,
    pub at: String,
    pub actor: String,
    /// The table changed: `customers`, `contacts`, `notices`, ...
    pub entity: String,
    pub action: String,
    pub changes: Vec<FieldChange>,
}

/// The most recent changes (at most `limit`) of a customer or an incident with everything that
/// belongs to it, or of one row of another table; the newest first.
pub fn history(
    conn: &Connection,
    entity: &str,
    id: i64,
    limit: u32,
) -> AppResult<Vec<HistoryEntry>> {
    let filter = match entity {
        "customers" => "customer_id = ?2",
        "incidents" => "incident_id = ?2",
        _ => "entity = ?1 AND entity_id = ?2",
    };
    let mut statement = conn.prepare(&format!(
        "SELECT seq, at, actor, entity, action, before, after FROM events WHERE {filter}
         ORDER BY seq DESC LIMIT ?3"
    ))?;
    let rows = statement.query_map(params![entity, id, limit], |row| {
        let before: Option<String> = row.get(5)?;
        let after: Option<String> = row.get(6)?;
        Ok(HistoryEntry {
            seq: row.get(0)?,
            at: row.get(1)?,
            actor: row.get(2)?,
            entity: row.get(3)?,
            action: row.get(4)?,
            changes: changed_fields(before.as_deref(), after.as_deref()),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every entry in the order of its number, handed to `each` one at a time.
pub fn for_each_entry(conn: &Connection, mut each: impl FnMut(Entry)) -> AppResult<()> {
    let mut statement = conn.prepare(
        "SELECT seq, at, actor, entity, entity_id, customer_id, incident_id, action, before,
         after, prev_hash, hash FROM events ORDER BY seq",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        each(Entry {
            fields: EntryFields {
                seq: row.get(0)?,
                at: row.get(1)?,
                actor: row.get(2)?,
                entity: row.get(3)?,
                entity_id: row.get(4)?,
                customer_id: row.get(5)?,
                incident_id: row.get(6)?,
                action: row.get(7)?,
                before: row.get(8)?,
                after: row.get(9)?,
            },
            prev_hash: row.get(10)?,
            hash: row.get(11)?,
        });
    }
    Ok(())
}

/// Checks the whole chain and names where it is broken.
pub fn verify(conn: &Connection) -> AppResult<Verification> {
    let mut check = ChainCheck::default();
    for_each_entry(conn, |entry| check.check(&entry))?;
    let verification = check.finish();
    tracing::info!(
        entries = verification.entries,
        breaks = verification.breaks.len(),
        "event log verified"
    );
    Ok(verification)
}
