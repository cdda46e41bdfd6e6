//! `vault_timing DIR`: creates a vault in DIR (if there is none) and prints how long
//! unlocking takes: the Argon2id derivation alone, and the whole open (KDF, key check,
//! migrations), as the median of 7 runs.

use std::path::Path;

#[path = "timing.rs"]
mod timing;

use dpa_desk::domain::settings::{Processor, Settings};
use dpa_desk::store::{kdf, sidecar, Vault};
use timing::median_ms;

const PASSPHRASE: &str = "bench bench bench bench";

fn main() {
    let dir = std::env::args().nth(1).expect("usage: vault_timing DIR");
    let dir = Path::new(&dir);
    if !Vault::exists(dir) {
        let settings = Settings {
            officer_name: "Bench".into(),
            processor: Processor {
                name: "Bench B.V.".into(),
                ..Processor::default()
            },
            auto_lock_minutes: 10,
            first_notice_target_hours: 24,
            export_folder: String::new(),
            backups_to_keep: 10,
            covering_text_nl: String::new(),
            covering_text_en: String::new(),
        };
        Vault::create(dir, PASSPHRASE, &settings).expect("create vault");
    }
    let params = sidecar::read(dir).unwrap().unwrap().kdf;
    let kdf_ms = median_ms(7, || drop(kdf::derive_key(PASSPHRASE, &params).unwrap()));
    let open_ms = median_ms(7, || drop(Vault::open(dir, PASSPHRASE).unwrap()));
    println!("kdf_ms {kdf_ms:.0}");
    println!("unlock_ms {open_ms:.0}");
}
