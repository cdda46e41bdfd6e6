//! Backups: complete, encrypted copies of the vault in one file, and restoring one.
//!
//! A backup file is the SQLCipher database, under the same key as the vault it came from,
//! followed by a trailer: JSON with the moment, the schema version and the key-derivation
//! parameters (nothing secret), its length as 8 bytes little-endian, and `DPA-DESK-BACKUP 1\n`.
//! So it opens with the passphrase that was valid when it was made, also after the passphrase
//! has changed since. The trailer comes last so the copy is written once, in place: a vault of
//! gigabytes needs no second temporary copy.
//!
//! Every unlock writes one into the vault folder's `backups/`, keeping the newest few; the
//! officer can also write one to a place of choice. Restoring never overwrites: the current
//! vault is first copied into `kept-aside/`, and the switch is the sidecar's atomic replace,
//! as with a passphrase change.

use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroizing;

use super::files::sync_dir;
use super::kdf::{self, KdfParams};
use super::sidecar::{self, Sidecar};
use super::vault::{connect, export_copy, remove_with_journals};
use super::{migrations, Vault};
use crate::domain::time::file_stamp;
use crate::error::{AppError, AppResult};

const MAGIC: &[u8] = b"DPA-DESK-BACKUP 1\n";
const HEADER_MAX_BYTES: u64 = 4096;
/// Where automatic backups go, inside the vault folder.
pub const FOLDER: &str = "backups";
/// Where restoring puts the vault it replaces, inside the vault folder.
pub const KEPT_ASIDE: &str = "kept-aside";
pub const EXTENSION: &str = "dpabackup";
const AUTOMATIC_PREFIX: &str = "auto-";

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    created_at: DateTime<Utc>,
    schema_version: u32,
    kdf: KdfParams,
}

/// What is needed to write a backup away from the vault's own connection.
pub struct Source {
    path: PathBuf,
    key: Zeroizing<[u8; 32]>,
    kdf: KdfParams,
    folder: PathBuf,
}

/// A backup file as the list shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupFile {
    pub path: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub bytes: u64,
    pub automatic: bool,
}

/// Writes a backup of the open vault into `folder`; returns its path.
pub fn write(vault: &Vault, folder: &Path, now: DateTime<Utc>) -> AppResult<PathBuf> {
    let name = format!("DPA Desk back-up {}.{EXTENSION}", file_stamp(now));
    write_file(
        vault.conn_ref(),
        vault.key(),
        &vault.sidecar().kdf,
        folder,
        &name,
        now,
    )
}

/// What a backup in the background needs: a copy of the key, held only while it runs.
pub fn source(vault: &Vault) -> Source {
    Source {
        path: vault.path(),
        key: vault.key().clone(),
        kdf: vault.sidecar().kdf.clone(),
        folder: vault.dir().join(FOLDER),
    }
}

/// Writes an automatic backup over its own connection, then removes all but the newest
/// `keep` automatic backups. Only one runs at a time.
pub fn write_automatic(source: Source, keep: u32, now: DateTime<Utc>) -> AppResult<PathBuf> {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let conn = connect(&source.path, &source.key, false)?;
    let name = format!(
        "{AUTOMATIC_PREFIX}{}.{EXTENSION}",
        now.format("%Y%m%d-%H%M%S%.3f")
    );
    let path = write_file(&conn, &source.key, &source.kdf, &source.folder, &name, now)?;
    rotate(&source.folder, keep)?;
    Ok(path)
}

fn write_file(
    conn: &rusqlite::Connection,
    key: &[u8; 32],
    kdf: &KdfParams,
    folder: &Path,
    name: &str,
    now: DateTime<Utc>,
) -> AppResult<PathBuf> {
    fs::create_dir_all(folder)?;
    let partial = folder.join(format!(".{name}.tmp"));
    let path = folder.join(name);
    remove_with_journals(&partial)?;
    let written = (|| {
        export_copy(conn, &partial, key)?;
        let header = super::json(&Header {
            created_at: now,
            schema_version: conn.query_row("PRAGMA user_version", [], |row| row.get(0))?,
            kdf: kdf.clone(),
        })?;
        let mut out = fs::OpenOptions::new().append(true).open(&partial)?;
        out.write_all(header.as_bytes())?;
        out.write_all(&(header.len() as u64).to_le_bytes())?;
        out.write_all(MAGIC)?;
        out.sync_all()?;
        fs::rename(&partial, &path)?;
        sync_dir(folder)
    })();
    if written.is_err() {
        let _ = remove_with_journals(&partial);
    }
    written?;
    tracing::info!("backup written");
    Ok(path)
}

/// Removes all but the newest `keep` automatic backups in `folder`.
fn rotate(folder: &Path, keep: u32) -> AppResult<()> {
    let mut automatic: Vec<PathBuf> = list(folder)?
        .into_iter()
        .filter(|b| b.automatic)
        .map(|b| PathBuf::from(b.path))
        .collect();
    automatic.sort();
    let surplus = automatic.len().saturating_sub(keep as usize);
    for path in &automatic[..surplus] {
        fs::remove_file(path)?;
    }
    Ok(())
}

/// The backups in `folder`, newest first; files that are not backups are left out.
pub fn list(folder: &Path) -> AppResult<Vec<BackupFile>> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut backups = Vec::new();
    for entry in entries {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') || !name.ends_with(&format!(".{EXTENSION}")) {
            continue;
        }
        if let Ok((header, _)) = read_header(&path) {
            backups.push(BackupFile {
                path: path.to_string_lossy().into_owned(),
                automatic: name.starts_with(AUTOMATIC_PREFIX),
                name,
                created_at: header.created_at,
                bytes: fs::metadata(&path)?.len(),
            });
        }
    }
    backups.sort_by_key(|b| std::cmp::Reverse(b.created_at));
    Ok(backups)
}

/// The header, and a reader of the database bytes before the trailer.
fn read_header(path: &Path) -> AppResult<(Header, std::io::Take<fs::File>)> {
    let unreadable = |_| AppError::BackupUnreadable;
    let mut file = fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    let fixed = (8 + MAGIC.len()) as u64;
    if size < fixed {
        return Err(AppError::BackupUnreadable);
    }
    let mut tail = vec![0u8; fixed as usize];
    file.seek(SeekFrom::Start(size - fixed))
        .map_err(unreadable)?;
    file.read_exact(&mut tail).map_err(unreadable)?;
    let (length, magic) = tail.split_at(8);
    let length = u64::from_le_bytes(length.try_into().expect("8 bytes"));
    if magic != MAGIC || length > HEADER_MAX_BYTES || length + fixed > size {
        return Err(AppError::BackupUnreadable);
    }
    let database = size - fixed - length;
    let mut json = vec![0u8; length as usize];
    file.seek(SeekFrom::Start(database)).map_err(unreadable)?;
    file.read_exact(&mut json).map_err(unreadable)?;
    let header: Header = serde_json::from_slice(&json).map_err(|_| AppError::BackupUnreadable)?;
    file.seek(SeekFrom::Start(0)).map_err(unreadable)?;
    Ok((header, file.take(database)))
}

/// What restoring did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Restored {
    pub created_at: DateTime<Utc>,
    /// The folder holding the vault that was replaced; empty if there was none.
    pub kept_aside: String,
}

/// Makes the backup at `backup` the vault of `dir`, after checking that `passphrase` opens it
/// and that it is intact. The vault it replaces is copied into `kept-aside/` first. A crash at
/// any moment leaves either the old vault or the restored one, never neither.
pub fn restore(
    dir: &Path,
    backup: &Path,
    passphrase: &str,
    now: DateTime<Utc>,
) -> AppResult<Restored> {
    prepare(dir, backup, passphrase)?.commit(dir, now)
}

/// A backup copied next to the vault and checked, ready to become the vault.
pub struct Prepared {
    next: Sidecar,
    created_at: DateTime<Utc>,
}

/// Copies the backup's database next to the vault as the next generation, and checks that
/// `passphrase` opens it and that it is intact; the vault itself is not touched, and may stay
/// open meanwhile.
pub fn prepare(dir: &Path, backup: &Path, passphrase: &str) -> AppResult<Prepared> {
    let (header, mut reader) = read_header(backup)?;
    if header.schema_version > migrations::latest() {
        return Err(AppError::VaultFromNewerVersion);
    }
    // The vault being replaced may be the damaged one: its sidecar need not be readable.
    let generation = vault_files(dir)?
        .iter()
        .filter_map(|name| sidecar::generation_of(name))
        .chain(
            sidecar::read(dir)
                .ok()
                .flatten()
                .and_then(|s| s.generation()),
        )
        .max()
        .unwrap_or(0)
        + 1;
    let next = Sidecar::new(generation, header.kdf);
    let target = dir.join(&next.vault_file);
    remove_with_journals(&target)?;
    let checked = (|| {
        let mut out = fs::File::create(&target)?;
        std::io::copy(&mut reader, &mut out)?;
        out.sync_all()?;
        drop(out);
        let key = kdf::derive_key(passphrase, &next.kdf)?;
        let conn = connect(&target, &key, false)?;
        let version: u32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if version != header.schema_version {
            return Err(AppError::BackupUnreadable);
        }
        check_intact(&conn)
    })();
    if let Err(error) = checked {
        let _ = remove_with_journals(&target);
        return Err(match error {
            AppError::WrongPassphrase { .. } => error,
            _ => AppError::BackupUnreadable,
        });
    }
    Ok(Prepared {
        next,
        created_at: header.created_at,
    })
}

impl Prepared {
    /// Keeps the current vault's files aside and switches the sidecar to the backup's copy.
    /// The vault must be closed.
    pub fn commit(self, dir: &Path, now: DateTime<Utc>) -> AppResult<Restored> {
        let current: Vec<String> = vault_files(dir)?
            .into_iter()
            .filter(|name| !name.starts_with(&self.next.vault_file))
            .collect();
        let kept_aside = if current.is_empty() {
            String::new()
        } else {
            keep_aside(dir, &current, now)?
        };
        sync_dir(dir)?;
        sidecar::write(dir, &self.next)?;
        tracing::info!(generation = self.next.generation(), "backup restored");
        Ok(Restored {
            created_at: self.created_at,
            kept_aside,
        })
    }
}

/// Both SQLite's and SQLCipher's own checks pass; `VaultUnreadable` if not.
pub fn check_intact(conn: &rusqlite::Connection) -> AppResult<()> {
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|_| AppError::VaultUnreadable)?;
    let cipher_errors = conn
        .prepare("PRAGMA cipher_integrity_check")?
        .query_map([], |_| Ok(()))?
        .count();
    if integrity != "ok" || cipher_errors > 0 {
        tracing::warn!(cipher_errors, "integrity check failed");
        return Err(AppError::VaultUnreadable);
    }
    Ok(())
}

/// The names of the vault's files in `dir`: its sidecar, and every generation of the vault
/// file with SQLite's journals.
fn vault_files(dir: &Path) -> AppResult<Vec<String>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let base = name.trim_end_matches("-wal").trim_end_matches("-shm");
        let ours = name == sidecar::SIDECAR_FILE || sidecar::generation_of(base).is_some();
        if ours && entry.file_type()?.is_file() {
            names.push(name);
        }
    }
    Ok(names)
}

/// Copies the vault's files into a new dated folder under `kept-aside/`.
fn keep_aside(dir: &Path, names: &[String], now: DateTime<Utc>) -> AppResult<String> {
    let folder = dir.join(KEPT_ASIDE).join(
        now.with_timezone(&chrono_tz::Europe::Amsterdam)
            .format("%Y-%m-%d %H.%M.%S%.3f")
            .to_string(),
    );
    fs::create_dir_all(&folder)?;
    for name in names {
        let to = folder.join(name);
        fs::copy(dir.join(name), &to)?;
        fs::File::open(&to)?.sync_all()?;
    }
    sync_dir(&folder)?;
    Ok(folder.to_string_lossy().into_owned())
}
