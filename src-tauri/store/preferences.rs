//! Preferences that the locked screens need before the vault is open (the interface
//! language). Plaintext by design: they hold nothing about customers.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::files::write_atomically;
use crate::domain::customer::Language;
use crate::error::AppResult;

const FILE: &str = "preferences.json";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preferences {
    pub interface_language: Language,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            interface_language: Language::Nl,
        }
    }
}

/// The saved preferences; the defaults when there are none or they cannot be read.
pub fn read(dir: &Path) -> Preferences {
    std::fs::read_to_string(dir.join(FILE))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

pub fn write(dir: &Path, preferences: &Preferences) -> AppResult<()> {
    std::fs::create_dir_all(dir)?;
    let json =
        serde_json::to_vec_pretty(preferences).map_err(|_| crate::error::AppError::Storage)?;
    write_atomically(dir, FILE, &json)
}
