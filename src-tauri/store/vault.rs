//! Creating, unlocking and re-keying the encrypted vault.
//!
//! The vault is `vault-<generation>.db` (SQLCipher 4, raw 256-bit key from Argon2id) and the
//! sidecar names the current generation. Changing the passphrase writes a complete copy under
//! the next generation with the new key, flushes it, and then replaces the sidecar: a crash
//! at any instant leaves a sidecar that names a complete vault, opening with the old
//! passphrase before the replace and with the new one after it.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};
use zeroize::Zeroizing;

use super::files::sync_dir;
use super::kdf::{self, KdfParams};
use super::sidecar::{self, Sidecar};
use super::{migrations, settings};
use crate::domain::settings::Settings;
use crate::error::{AppError, AppResult};

/// An unlocked vault: the open connection. Dropping it closes the connection, and SQLCipher
/// wipes the key it holds.
pub struct Vault {
    dir: PathBuf,
    sidecar: Sidecar,
    conn: Connection,
    /// Kept for backups, which write a copy under the same key; wiped when dropped.
    key: Zeroizing<[u8; 32]>,
}

/// The steps of a passphrase change, for the crash tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RekeyStep {
    CopyWritten,
    CopyFlushed,
    SidecarReplaced,
    OldRemoved,
}

impl Vault {
    /// Whether `dir` holds a vault (its sidecar).
    pub fn exists(dir: &Path) -> bool {
        sidecar::path(dir).exists()
    }

    /// Creates a new vault in `dir` with its first settings. Refuses if a vault, or a stray
    /// vault file, is there already: nothing is ever overwritten.
    pub fn create(dir: &Path, passphrase: &str, settings: &Settings) -> AppResult<Vault> {
        fs::create_dir_all(dir)?;
        if Vault::exists(dir) {
            return Err(AppError::VaultExists);
        }
        if !stray_vault_files(dir, None)?.is_empty() {
            return Err(AppError::VaultUnreadable);
        }
        let sidecar = Sidecar::new(1, KdfParams::generate()?);
        let key = kdf::derive_key(passphrase, &sidecar.kdf)?;
        let path = dir.join(&sidecar.vault_file);
        let mut conn = connect(&path, &key, true)?;
        migrations::migrate(&mut conn)?;
        settings::save(&conn, settings)?;
        drop(conn);
        fs::File::open(&path)?.sync_all()?;
        sidecar::write(dir, &sidecar)?;
        tracing::info!("vault created");
        Vault::open(dir, passphrase)
    }

    /// Opens the vault with the passphrase. A wrong passphrase changes nothing on disk.
    pub fn open(dir: &Path, passphrase: &str) -> AppResult<Vault> {
        let sidecar = sidecar::read(dir)?.ok_or(AppError::NoVault)?;
        let key = kdf::derive_key(passphrase, &sidecar.kdf)?;
        let mut conn = connect(&dir.join(&sidecar.vault_file), &key, false)?;
        migrations::migrate(&mut conn)?;
        let interrupted = super::dispatches::settle_interrupted(&conn)?;
        if interrupted > 0 {
            tracing::warn!(interrupted, "e-mails cut off while sending are now unknown");
        }
        let vault = Vault {
            dir: dir.to_path_buf(),
            sidecar,
            conn,
            key,
        };
        vault.remove_stale_generations();
        Ok(vault)
    }

    pub fn conn(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub(super) fn conn_ref(&self) -> &Connection {
        &self.conn
    }

    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }

    pub(super) fn sidecar(&self) -> &Sidecar {
        &self.sidecar
    }

    pub(super) fn key(&self) -> &Zeroizing<[u8; 32]> {
        &self.key
    }

    /// The current vault file.
    pub fn path(&self) -> PathBuf {
        self.dir.join(&self.sidecar.vault_file)
    }

    /// Changes the passphrase after checking the current one; see the module comment for why
    /// this is crash-safe. `on_step` is told each step as it completes.
    pub fn change_passphrase(
        &mut self,
        current: &str,
        new: &str,
        mut on_step: impl FnMut(RekeyStep),
    ) -> AppResult<()> {
        let current_key = kdf::derive_key(current, &self.sidecar.kdf)?;
        drop(connect(&self.path(), &current_key, false)?);

        let generation = self.sidecar.generation().ok_or(AppError::VaultUnreadable)? + 1;
        let next = Sidecar::new(generation, KdfParams::generate()?);
        let next_key = kdf::derive_key(new, &next.kdf)?;
        let next_path = self.dir.join(&next.vault_file);
        remove_with_journals(&next_path)?;

        export_copy(&self.conn, &next_path, &next_key)?;
        on_step(RekeyStep::CopyWritten);

        fs::File::open(&next_path)?.sync_all()?;
        sync_dir(&self.dir)?;
        on_step(RekeyStep::CopyFlushed);

        sidecar::write(&self.dir, &next)?;
        on_step(RekeyStep::SidecarReplaced);
        tracing::info!(generation, "passphrase changed");

        let conn = connect(&next_path, &next_key, false)?;
        let old_path = self.path();
        self.conn = conn;
        self.sidecar = next;
        self.key = next_key;
        remove_with_journals(&old_path)?;
        on_step(RekeyStep::OldRemoved);
        Ok(())
    }

    /// Removes vault files of other generations: copies of a passphrase change that crashed
    /// before its commit, or the old generation of one that crashed after it.
    fn remove_stale_generations(&self) {
        let current = self.sidecar.generation();
        match stray_vault_files(&self.dir, current) {
            Ok(paths) => {
                for path in paths {
                    if remove_with_journals(&path).is_ok() {
                        tracing::info!("removed a stale vault generation");
                    }
                }
            }
            Err(_) => tracing::warn!("could not list the vault folder"),
        }
    }
}

/// Vault files in `dir` other than generation `keep`.
fn stray_vault_files(dir: &Path, keep: Option<u64>) -> AppResult<Vec<PathBuf>> {
    let mut stray = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name();
        let generation = sidecar::generation_of(&name.to_string_lossy());
        if generation.is_some() && generation != keep {
            stray.push(dir.join(name));
        }
    }
    Ok(stray)
}

/// Writes a complete copy of the database `conn` reads, schema version included, to the new
/// file `path` under `key`, in one read transaction so the copy is of one moment.
pub(super) fn export_copy(conn: &Connection, path: &Path, key: &[u8; 32]) -> AppResult<()> {
    let literal = kdf::raw_key_literal(key);
    conn.execute(
        "ATTACH DATABASE ?1 AS copy KEY ?2",
        (path.to_string_lossy(), literal.as_str()),
    )?;
    let exported = conn
        .execute_batch("BEGIN")
        .and_then(|_| {
            let version: u32 = conn.query_row("PRAGMA main.user_version", [], |row| row.get(0))?;
            conn.query_row("SELECT sqlcipher_export('copy')", [], |_| Ok(()))?;
            conn.execute_batch(&format!("PRAGMA copy.user_version = {version}"))
        })
        .and_then(|_| conn.execute_batch("COMMIT"));
    if exported.is_err() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    conn.execute_batch("DETACH DATABASE copy")?;
    Ok(exported?)
}

pub(super) fn remove_with_journals(path: &Path) -> AppResult<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        match fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Opens an SQLCipher connection with the raw key and checks the key by reading the schema.
pub(super) fn connect(path: &Path, key: &[u8; 32], create: bool) -> AppResult<Connection> {
    if !create && !path.exists() {
        return Err(AppError::VaultUnreadable);
    }
    // CREATE also lets `ATTACH` make the re-keyed copy of a passphrase change.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    super::events::register_functions(&conn)?;
    conn.execute_batch(&format!(
        "PRAGMA key = \"{}\";",
        kdf::raw_key_literal(key).as_str()
    ))?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())) {
        Ok(()) => {}
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::NotADatabase => {
            return Err(AppError::WrongPassphrase {
                retry_after_secs: 0,
            });
        }
        Err(e) => return Err(e.into()),
    }
    // An emptied file opens with any key as a new database: never build a fresh, empty vault
    // over the officer's (nor write a header into it), say it is unreadable.
    if !create {
        let version: u32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if version == 0 {
            return Err(AppError::VaultUnreadable);
        }
    }
    // SQLCipher does not encrypt temporary files: keep them in memory. A page cache of up to
    // 32 MiB keeps the pages lists and searches read decrypted between queries (the default
    // 2 MiB made every search of 10,000 customers decrypt the table again).
    conn.execute_batch(
        "PRAGMA temp_store = MEMORY;
         PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;
         PRAGMA cache_size = -32768;",
    )?;
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    Ok(conn)
}
