//! A vault filled for the benchmarks: the processor's settings and 1,000 customers (one in
//! five English), each with one contact that receives notices.
#![allow(dead_code)]

use std::path::Path;

use chrono::Utc;
use dpa_desk::domain::agreement::{TemplateVersionInput, Terms};
use dpa_desk::domain::customer::{ContactInput, CustomerInput, Language};
use dpa_desk::domain::settings::{Processor, Settings};
use dpa_desk::store::{customers, Vault};

pub const CUSTOMERS: usize = 1000;

/// The processor's settings of every bench vault.
pub fn settings() -> Settings {
    Settings {
        officer_name: "Bench".into(),
        processor: Processor {
            name: "Wolkwerk B.V.".into(),
            address: "Kade 4, Zwolle".into(),
            ..Processor::default()
        },
        auto_lock_minutes: 10,
        first_notice_target_hours: 24,
        export_folder: String::new(),
        backups_to_keep: 10,
        covering_text_nl: String::new(),
        covering_text_en: String::new(),
    }
}

/// Template version `label` of 1 January 2026 with the usual terms and, if given, its text.
pub fn version_input(label: &str, source_text: Option<String>) -> TemplateVersionInput {
    TemplateVersionInput {
        label: label.into(),
        version_date: "01-01-2026".into(),
        language: Language::Nl,
        terms: Terms {
            audit_notice_days: 30,
            objection_window_days: 14,
            liability_cap_eur: 1000,
            first_notice_target_hours: 24,
            other_terms: String::new(),
        },
        source_name: if source_text.is_some() {
            "bench.txt".into()
        } else {
            String::new()
        },
        source_text,
    }
}

/// A new vault in `dir` holding `CUSTOMERS` customers with ids 1 to 1,000.
pub fn vault_with_customers(dir: &Path) -> Vault {
    let mut vault = Vault::create(dir, "bench bench bench bench", &settings()).unwrap();
    let inputs: Vec<_> = (0..CUSTOMERS)
        .map(|i| CustomerInput {
            name: format!("Klant {i:04} B.V."),
            kvk_number: format!("{}", 10_000_000 + i),
            address: format!("Straat {i}, Utrecht"),
            notice_language: if i % 5 == 0 {
                Language::En
            } else {
                Language::Nl
            },
            service_start: String::new(),
            service_end: String::new(),
            services: "Salarisportaal".into(),
            contacts: vec![ContactInput {
                id: None,
                name: format!("Contact {i}"),
                role: "Privacy officer".into(),
                email: format!("privacy{i}@klant.example"),
                phone: String::new(),
                designated_for_instructions: true,
                receives_notices: true,
            }],
        })
        .collect();
    customers::create_many(vault.conn(), &inputs, Utc::now()).unwrap();
    vault
}
