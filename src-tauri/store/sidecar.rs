//! The plaintext sidecar next to the vault: which vault file is current and how its key is
//! derived. It holds no secrets. Replacing it (atomically) is the single commit point of
//! creating a vault and of changing the passphrase.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::files::write_atomically;
use super::kdf::KdfParams;
use crate::error::{AppError, AppResult};

pub const SIDECAR_FILE: &str = "dpa-desk-vault.json";
const FORMAT: &str = "dpa-desk-vault/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sidecar {
    pub format: String,
    /// The current vault file in the same folder, `vault-<generation>.db`.
    pub vault_file: String,
    pub cipher: String,
    pub kdf: KdfParams,
}

impl Sidecar {
    /// A sidecar for vault generation `generation` keyed with `kdf`.
    pub fn new(generation: u64, kdf: KdfParams) -> Sidecar {
        Sidecar {
            format: FORMAT.into(),
            vault_file: vault_file_name(generation),
            cipher: "sqlcipher4-raw-key".into(),
            kdf,
        }
    }

    /// The generation number of the current vault file.
    pub fn generation(&self) -> Option<u64> {
        generation_of(&self.vault_file)
    }
}

pub fn vault_file_name(generation: u64) -> String {
    format!("vault-{generation}.db")
}

/// The generation of a file named `vault-<n>.db`, else `None`.
pub fn generation_of(file_name: &str) -> Option<u64> {
    let digits = file_name.strip_prefix("vault-")?.strip_suffix(".db")?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

pub fn path(dir: &Path) -> PathBuf {
    dir.join(SIDECAR_FILE)
}

/// Reads the sidecar; `None` when there is none. A sidecar that is not ours, or names a file
/// outside the folder, is refused.
pub fn read(dir: &Path) -> AppResult<Option<Sidecar>> {
    let text = match fs::read_to_string(path(dir)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let sidecar: Sidecar = serde_json::from_str(&text).map_err(|_| AppError::VaultUnreadable)?;
    if sidecar.format != FORMAT || sidecar.generation().is_none() {
        return Err(AppError::VaultUnreadable);
    }
    Ok(Some(sidecar))
}

/// Replaces the sidecar atomically: write a temporary file, flush it to disk, rename it over
/// the old one, flush the folder.
pub fn write(dir: &Path, sidecar: &Sidecar) -> AppResult<()> {
    let json = serde_json::to_string_pretty(sidecar).map_err(|_| AppError::Storage)?;
    write_atomically(dir, SIDECAR_FILE, json.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_read_only_from_our_file_names() {
        assert_eq!(generation_of("vault-1.db"), Some(1));
        assert_eq!(generation_of("vault-42.db"), Some(42));
        for bad in [
            "vault-.db",
            "vault-1.db-wal",
            "../vault-1.db",
            "vault-1a.db",
            "vault--1.db",
            "x.db",
        ] {
            assert_eq!(generation_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_sidecar_naming_another_path_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut sidecar = Sidecar::new(1, KdfParams::generate().unwrap());
        write(dir.path(), &sidecar).unwrap();
        assert_eq!(read(dir.path()).unwrap(), Some(sidecar.clone()));
        sidecar.vault_file = "../../etc/passwd".into();
        write(dir.path(), &sidecar).unwrap();
        assert!(matches!(read(dir.path()), Err(AppError::VaultUnreadable)));
        fs::write(path(dir.path()), "not json").unwrap();
        assert!(matches!(read(dir.path()), Err(AppError::VaultUnreadable)));
    }
}
