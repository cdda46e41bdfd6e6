//! Argon2id key derivation: passphrase + salt → the raw 256-bit SQLCipher key.

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{AppError, AppResult};

pub const MEMORY_KIB: u32 = 64 * 1024;
pub const ITERATIONS: u32 = 3;
pub const PARALLELISM: u32 = 1;
const SALT_BYTES: usize = 16;

/// The key-derivation parameters, as stored in the sidecar. Nothing here is secret.
///
/// The salt is 16 random bytes written as 32 hex digits, and that text itself is what goes
/// into Argon2id: so standard tools that take the salt as a text argument (the `argon2`
/// command) can derive the key for recovery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub algorithm: String,
    pub version: u32,
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
    pub salt: String,
}

impl KdfParams {
    /// Fresh parameters with a random salt.
    pub fn generate() -> AppResult<KdfParams> {
        let mut salt = [0u8; SALT_BYTES];
        getrandom::fill(&mut salt).map_err(|_| AppError::Storage)?;
        Ok(KdfParams {
            algorithm: "argon2id".into(),
            version: 0x13,
            memory_kib: MEMORY_KIB,
            iterations: ITERATIONS,
            parallelism: PARALLELISM,
            salt: to_hex(&salt),
        })
    }
}

/// Derives the vault key. Parameters read from disk are bounded, so an altered sidecar cannot
/// make the app allocate without limit.
pub fn derive_key(passphrase: &str, params: &KdfParams) -> AppResult<Zeroizing<[u8; 32]>> {
    let sane = params.algorithm == "argon2id"
        && params.version == 0x13
        && (8 * 1024..=1024 * 1024).contains(&params.memory_kib)
        && (1..=64).contains(&params.iterations)
        && (1..=16).contains(&params.parallelism)
        && params.salt.len() == 2 * SALT_BYTES
        && params.salt.chars().all(|c| c.is_ascii_hexdigit());
    if !sane {
        return Err(AppError::VaultUnreadable);
    }
    let argon = Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(
            params.memory_kib,
            params.iterations,
            params.parallelism,
            Some(32),
        )
        .map_err(|_| AppError::VaultUnreadable)?,
    );
    let mut key = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase.as_bytes(), params.salt.as_bytes(), key.as_mut())
        .map_err(|_| AppError::VaultUnreadable)?;
    Ok(key)
}

/// The key as SQLCipher's raw-key literal: `x'<64 hex digits>'`.
pub fn raw_key_literal(key: &[u8; 32]) -> Zeroizing<String> {
    Zeroizing::new(format!("x'{}'", to_hex(key)))
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_passphrase_and_salt_give_the_same_key() {
        let params = KdfParams::generate().unwrap();
        let a = derive_key("correct horse battery", &params).unwrap();
        let b = derive_key("correct horse battery", &params).unwrap();
        let c = derive_key("correct horse batterY", &params).unwrap();
        assert_eq!(*a, *b);
        assert_ne!(*a, *c);
    }

    #[test]
    fn fresh_params_have_fresh_salts_and_the_required_strength() {
        let a = KdfParams::generate().unwrap();
        let b = KdfParams::generate().unwrap();
        assert_ne!(a.salt, b.salt);
        assert!(a.memory_kib >= 64 * 1024 && a.iterations >= 3);
    }

    #[test]
    fn hostile_parameters_are_refused() {
        let good = KdfParams::generate().unwrap();
        let cases = [
            KdfParams {
                memory_kib: u32::MAX,
                ..good.clone()
            },
            KdfParams {
                iterations: 0,
                ..good.clone()
            },
            KdfParams {
                algorithm: "md5".into(),
                ..good.clone()
            },
            KdfParams {
                salt: "zz".into(),
                ..good.clone()
            },
            KdfParams {
                salt: "é".repeat(16),
                ..good.clone()
            },
            KdfParams {
                salt: "00".into(),
                ..good.clone()
            },
        ];
        for params in cases {
            assert!(
                matches!(derive_key("x", &params), Err(AppError::VaultUnreadable)),
                "{params:?}"
            );
        }
    }

    const ARGON2_CLI_VECTOR: &str =
        "60fc78f50921489f5f5a53dc67536df8cd519f35a785898847af0a5008f2c27a";

    /// The same derivation as `argon2 <salt> -id -t 3 -k 65536 -p 1 -l 32 -r` (Debian's
    /// `argon2` command, see the README's recovery section), pinned with a known vector.
    #[test]
    fn the_key_matches_the_argon2_command() {
        let params = KdfParams {
            salt: "00112233445566778899aabbccddeeff".into(),
            ..KdfParams::generate().unwrap()
        };
        let key = derive_key("correct horse battery staple", &params).unwrap();
        assert_eq!(to_hex(key.as_ref()), ARGON2_CLI_VECTOR);
    }

    #[test]
    fn raw_key_literal_is_sqlciphers_form() {
        let literal = raw_key_literal(&[0xab; 32]);
        assert_eq!(literal.len(), 3 + 64);
        assert!(literal.starts_with("x'abab") && literal.ends_with("ab'"));
    }
}
