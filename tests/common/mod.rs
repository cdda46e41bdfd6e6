//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::Path;

use dpa_desk::domain::customer::{ContactInput, CustomerInput, Language};
use dpa_desk::domain::settings::{Processor, Settings};
use dpa_desk::store::Vault;

pub const PASSPHRASE: &str = "correct horse battery staple";

pub fn settings() -> Settings {
    Settings {
        officer_name: "Fatima El Amrani".into(),
        processor: Processor {
            name: "Wolkwerk B.V.".into(),
            address: "Kade 4, Zwolle".into(),
            kvk_number: "87654321".into(),
            privacy_contact: "J. Jansen (FG)".into(),
            email: "privacy@wolkwerk.example".into(),
        },
        auto_lock_minutes: 10,
        first_notice_target_hours: 24,
        export_folder: String::new(),
        backups_to_keep: 10,
        covering_text_nl: String::new(),
        covering_text_en: String::new(),
    }
}

pub fn new_vault(dir: &Path) -> Vault {
    Vault::create(dir, PASSPHRASE, &settings()).expect("create vault")
}

/// A valid customer with one contact.
pub fn customer(name: &str, kvk: &str) -> CustomerInput {
    CustomerInput {
        name: name.into(),
        kvk_number: kvk.into(),
        address: "Lindelaan 1, Utrecht".into(),
        notice_language: Language::Nl,
        service_start: "01-03-2024".into(),
        service_end: String::new(),
        services: "Salarisportaal".into(),
        contacts: vec![ContactInput {
            id: None,
            name: "Anna de Vries".into(),
            role: "Privacy officer".into(),
            email: "anna@klant.example".into(),
            phone: "+31 6 12345678".into(),
            designated_for_instructions: true,
            receives_notices: true,
        }],
    }
}

/// Every file in `dir` with its bytes.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Runs a PDF tool (pdftotext, qpdf, pdffonts, pdfinfo) on the bytes; whether it succeeded
/// and what it printed.
pub fn tool(name: &str, args: &[&str], pdf: &[u8]) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut all: Vec<&str> = args.to_vec();
    all.push(path.to_str().unwrap());
    if name == "pdftotext" {
        all.push("-");
    }
    let output = std::process::Command::new(name)
        .args(&all)
        .output()
        .unwrap_or_else(|e| panic!("{name}: {e} (make test installs it)"));
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr),
    )
}

/// The title in a PDF's properties, as pdfinfo reads it.
pub fn pdf_title(pdf: &[u8]) -> String {
    let (ok, info) = tool("pdfinfo", &[], pdf);
    assert!(ok, "{info}");
    info.lines()
        .find_map(|line| line.strip_prefix("Title:"))
        .map(|title| title.trim().to_string())
        .unwrap_or_default()
}

/// The text of a PDF in reading order, as pdftotext extracts it.
pub fn text_of(pdf: &[u8]) -> String {
    let (ok, text) = tool("pdftotext", &["-layout"], pdf);
    assert!(ok, "{text}");
    text
}

/// The terms of the reference-like version: 30 days' audit notice, 14 days to object.
pub fn terms() -> dpa_desk::domain::agreement::Terms {
    dpa_desk::domain::agreement::Terms {
        audit_notice_days: 30,
        objection_window_days: 14,
        liability_cap_eur: 1000,
        first_notice_target_hours: 24,
        other_terms: String::new(),
    }
}

/// A new template version with `terms`, signed by the customer on 01-02-2025.
pub fn sign(vault: &mut Vault, customer_id: i64, terms: dpa_desk::domain::agreement::Terms) {
    use dpa_desk::domain::agreement::{AgreementInput, AgreementStatus, TemplateVersionInput};
    use dpa_desk::store::{agreements, templates};
    let now = chrono::Utc::now();
    let label = format!("v{}-{}", terms.objection_window_days, customer_id);
    let version = templates::create(
        vault.conn(),
        &TemplateVersionInput {
            label,
            version_date: "01-01-2025".into(),
            language: Language::Nl,
            terms,
            source_text: None,
            source_name: String::new(),
        },
        now,
    )
    .unwrap();
    let agreement = AgreementInput {
        template_version_id: version.id,
        status: AgreementStatus::Signed,
        signed_on: "01-02-2025".into(),
        signed_by_name: "A. de Vries".into(),
        signed_by_role: "Directeur".into(),
        end_date: String::new(),
        notes: String::new(),
    };
    agreements::create(vault.conn(), customer_id, &agreement, now).unwrap();
}

/// The text of a PDF with every run of white space as one space, so phrases can be found
/// across line breaks.
pub fn words_of(pdf: &[u8]) -> String {
    text_of(pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The names of the vault's tables, in order.
pub fn table_names(conn: &rusqlite::Connection) -> Vec<String> {
    conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}
