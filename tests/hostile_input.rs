//! Property tests with hostile text: arbitrary Unicode, right-to-left overrides, combining
//! marks, emoji, control characters, NUL, lone surrogates' replacement, and 1 MB fields, put in
//! every text field of every validator's input, into template import, and into the PDF engine.
//! Every case ends in a clear result (field errors naming a field, or a valid record) or a valid
//! PDF (`qpdf --check`), never a panic. Customer lists of hostile text and damaged workbooks
//! give every row a place or a reason, or the file a reason; so do damaged Word files.

mod common;

#[path = "benches/agreement_files.rs"]
mod agreement_files;
#[path = "benches/breach_facts.rs"]
mod breach_facts;

use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{NaiveDate, TimeZone, Utc};
use dpa_desk::documents::layout::{Document, Item};
use dpa_desk::documents::pdf::{render, Metadata};
use dpa_desk::domain::validation::FieldError;
use dpa_desk::domain::{
    agreement, assistance, audit, breach, customer, disclosure, instruction, security_document,
    service_end, settings, subprocessor, template, time, transfer, validation,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Cases per validator; the PDF engine gets fewer, each checked by qpdf.
const CASES: u32 = 200;
const PDF_CASES: u32 = 150;
static RUN: AtomicUsize = AtomicUsize::new(0);

const PIECES: &[&str] = &[
    "\u{202e}",
    "\u{202d}",
    "\u{2067}",
    "\u{200f}",
    "\u{200b}",
    "\u{feff}",
    "\u{0301}",
    "\u{0308}",
    "\u{0336}",
    "\u{1f4a3}",
    "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
    "\u{1f1f3}\u{1f1f1}",
    "\0",
    "\u{7}",
    "\u{1b}[31m",
    "\r\n",
    "\t",
    "\u{85}",
    "\u{2028}",
    "\u{fffd}",
    "\u{10ffff}",
    "ש",
    "العربية",
    "漢字",
    "𝔘𝔫𝔦",
    "ﷺ",
    "Ǆ",
    "ß",
    "İ",
    "'",
    "\"",
    "\\",
    "%",
    "{",
    "}",
    "<",
    ">",
    "=SUM(A1)",
    "-1",
    "+31",
    "@",
    "31-02-2026",
    "29-02-2025",
    "24-11-2026 25:61",
    "1.200",
    "1,5",
    "99999999999999999999",
    "NaN",
    "-0",
    "Robert'); DROP TABLE customers;--",
    "%PDF-1.7",
    ")",
    "(",
    "/Type /Page",
    "endobj",
    "\u{d7ff}",
    "\u{e000}",
];

/// One hostile text: random pieces, arbitrary Unicode, or a long field of about `long` bytes.
fn hostile_text_up_to(long: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|p| p.concat()),
        4 => any::<String>(),
        2 => "\\PC{0,60}",
        1 => prop::sample::select(PIECES).prop_map(move |p| p.repeat(long / p.len().max(1))),
    ]
}

/// Hostile text for the validators, with fields of 1 MB.
fn hostile_text() -> impl Strategy<Value = String> {
    hostile_text_up_to(1 << 20)
}

/// Puts hostile texts in every text field of `base`, cycling through `texts`.
fn with_hostile_texts(base: &serde_json::Value, texts: &[String]) -> serde_json::Value {
    fn walk(value: &mut serde_json::Value, texts: &[String], next: &mut usize) {
        match value {
            serde_json::Value::String(text) => {
                *text = texts[*next % texts.len()].clone();
                *next += 1;
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| walk(v, texts, next)),
            serde_json::Value::Object(map) => map.values_mut().for_each(|v| walk(v, texts, next)),
            _ => {}
        }
    }
    let mut value = base.clone();
    walk(&mut value, texts, &mut 0);
    value
}

/// Runs `validate` on `base` with hostile text in its text fields. Fields that hold a choice
/// (an enum) are kept when a hostile text does not deserialize: only text is hostile here.
fn fuzz<T, R>(name: &str, base: T, validate: impl Fn(&T) -> Result<R, Vec<FieldError>>)
where
    T: Serialize + DeserializeOwned,
{
    let base = serde_json::to_value(&base).unwrap();
    let choices = choice_paths(&base, |value| {
        serde_json::from_value::<T>(value.clone()).is_ok()
    });
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let (refused, accepted) = (Cell::new(0), Cell::new(0));
    runner
        .run(&prop::collection::vec(hostile_text(), 1..12), |texts| {
            let mut value = with_hostile_texts(&base, &texts);
            for path in &choices {
                *value.pointer_mut(path).unwrap() = base.pointer(path).unwrap().clone();
            }
            let input: T = serde_json::from_value(value).expect("the shape is kept");
            match validate(&input) {
                Ok(_) => accepted.set(accepted.get() + 1),
                Err(errors) => {
                    prop_assert!(!errors.is_empty(), "{name}: an error names no field");
                    for error in &errors {
                        prop_assert!(!error.field.is_empty(), "{name}: {error:?}");
                    }
                    refused.set(refused.get() + 1);
                }
            }
            RUN.fetch_add(1, Ordering::Relaxed);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    println!(
        "{name}: {CASES} cases, {} refused with field errors, {} accepted",
        refused.get(),
        accepted.get()
    );
}

/// JSON pointers of the text fields that are really choices (enums): those whose value,
/// changed, no longer deserializes.
fn choice_paths(
    base: &serde_json::Value,
    fits: impl Fn(&serde_json::Value) -> bool,
) -> Vec<String> {
    fn walk(value: &serde_json::Value, path: String, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(_) => out.push(path),
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, format!("{path}/{i}"), out);
                }
            }
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    walk(
                        v,
                        format!("{path}/{}", k.replace('~', "~0").replace('/', "~1")),
                        out,
                    );
                }
            }
            _ => {}
        }
    }
    let mut strings = Vec::new();
    walk(base, String::new(), &mut strings);
    strings
        .into_iter()
        .filter(|path| {
            let mut probe = base.clone();
            *probe.pointer_mut(path).unwrap() = serde_json::Value::String("\u{1f4a3}".into());
            !fits(&probe)
        })
        .collect()
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

#[test]
fn every_validator_gives_field_errors_or_a_record_for_hostile_text() {
    fuzz(
        "customer",
        common::customer("Naam", "12345678"),
        customer::check_customer,
    );
    fuzz("settings", common::settings(), settings::check_settings);
    fuzz(
        "new vault",
        settings::NewVault {
            officer_name: "a".into(),
            passphrase: "b".into(),
            passphrase_confirm: "c".into(),
            processor: common::settings().processor,
        },
        settings::check_new_vault,
    );
    fuzz("breach facts", breach_facts::facts(), |i| {
        breach::check_facts(i, now())
    });
    fuzz(
        "breach facts, empty",
        breach::BreachFactsInput::default(),
        |i| breach::check_facts(i, now()),
    );
    fuzz("terms", common::terms(), agreement::check_terms);
    fuzz("audit", audit::AuditInput::default(), |i| {
        audit::check_audit(i, None, now())
    });
    fuzz("assistance", assistance::AssistanceInput::default(), |i| {
        assistance::check_assistance(i, now())
    });
    fuzz("disclosure", disclosure::DisclosureInput::default(), |i| {
        disclosure::check_disclosure(i, now())
    });
    fuzz(
        "instruction",
        instruction::InstructionInput::default(),
        |i| instruction::check_instruction(i, now()),
    );
    fuzz(
        "sub-processor",
        subprocessor::SubProcessorInput::default(),
        subprocessor::check_sub_processor,
    );
    fuzz(
        "announcement",
        subprocessor::AnnouncementInput::default(),
        |i| subprocessor::check_announcement(i, 30, now()),
    );
    fuzz("response", subprocessor::ResponseInput::default(), |i| {
        subprocessor::check_response(i, Some(now()), Some(now()), now())
    });
    fuzz("transfer", transfer::TransferInput::default(), |i| {
        transfer::check_transfer(i, today())
    });
    fuzz(
        "security document",
        security_document::SecurityDocumentInput::default(),
        |i| security_document::check_security_document(i, None, today()),
    );
    fuzz(
        "end of service",
        service_end::ServiceEndInput::default(),
        |i| service_end::check_service_end(i, today()),
    );
    // Moments and dates as typed.
    fuzz("moment", String::new(), |text: &String| {
        time::parse_moment(text).map_err(|code| vec![FieldError::new("moment", code)])
    });
    fuzz("date", String::new(), |text: &String| {
        validation::parse_date(text)
            .ok_or_else(|| vec![FieldError::new("date", validation::FieldCode::InvalidDate)])
    });
    println!("{} validator cases in all", RUN.load(Ordering::Relaxed));
}

#[test]
fn a_customer_list_of_hostile_text_gives_every_row_a_place_or_a_reason() {
    use dpa_desk::domain::customer_import::{guess_mapping, plan, KnownAgreements};
    use dpa_desk::domain::table::read_csv;
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let headers = "Naam;KvK;Taal;E-mail;Contactpersoon;Instructies;Klant sinds;Versie";
    let cell = prop_oneof![
        hostile_text(),
        Just("12345678".to_string()),
        Just("=1+1".to_string()),
        Just("#REF!".to_string()),
        Just("ja".to_string()),
    ];
    let rows = prop::collection::vec(prop::collection::vec(cell, 8), 0..30);
    runner
        .run(&rows, |rows| {
            let mut text = format!("{headers}\n");
            for row in &rows {
                let quoted: Vec<String> = row
                    .iter()
                    .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
                    .collect();
                text.push_str(&quoted.join(";"));
                text.push('\n');
            }
            let Ok(table) = read_csv(text.as_bytes()) else {
                return Ok(());
            };
            let mapping = guess_mapping(&table.headers);
            let plan = plan(&table, &mapping, &[], &KnownAgreements::default());
            // Every row read is new, or refused with a reason naming a field.
            prop_assert_eq!(plan.new.len() + plan.refused.len(), table.rows.len());
            for refused in &plan.refused {
                prop_assert!(!refused.fields.is_empty());
                prop_assert!(refused.fields.iter().all(|f| !f.field.is_empty()));
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn damaged_word_files_are_refused_or_read_never_a_panic() {
    use dpa_desk::domain::word::docx_text;
    let (read, refused) = damaged_copies(&agreement_files::as_docx(), CASES * 2, |bytes| {
        Ok(match docx_text(bytes) {
            // What is read still goes through the template parser without a panic.
            Ok(text) => {
                let _ = template::parse_template(&text);
                true
            }
            Err(_) => false,
        })
    });
    println!("damaged Word files: {read} read, {refused} refused");
}

/// Runs `read` on `cases` copies of `valid` with 1 to 19 bytes overwritten. `read` says
/// whether a copy was read (`true`) or refused (`false`); it must not panic. Returns how many
/// were read and how many refused.
fn damaged_copies(
    valid: &[u8],
    cases: u32,
    read: impl Fn(&[u8]) -> Result<bool, TestCaseError>,
) -> (u32, u32) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let damage = prop::collection::vec((0..valid.len(), any::<u8>()), 1..20);
    let (read_count, refused) = (Cell::new(0), Cell::new(0));
    runner
        .run(&damage, |damage| {
            let mut bytes = valid.to_vec();
            for (at, byte) in damage {
                bytes[at] = byte;
            }
            let counter = if read(&bytes)? { &read_count } else { &refused };
            counter.set(counter.get() + 1);
            Ok(())
        })
        .unwrap();
    (read_count.get(), refused.get())
}

#[test]
fn damaged_workbooks_are_refused_never_a_panic() {
    use dpa_desk::domain::workbook::{read_workbook, WorkbookFormat};
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for row in 0..50u32 {
        for column in 0..6u16 {
            sheet
                .write(row, column, format!("cel {row}/{column}"))
                .unwrap();
        }
    }
    let valid = book.save_to_buffer().unwrap();
    let mut runner = TestRunner::new(Config {
        cases: CASES * 2,
        failure_persistence: None,
        ..Config::default()
    });
    let damage = prop::collection::vec((0..valid.len(), any::<u8>()), 1..20);
    let (read, refused) = (Cell::new(0), Cell::new(0));
    runner
        .run(
            &(damage, prop::collection::vec(any::<u8>(), 0..2000)),
            |(damage, noise)| {
                let mut bytes = valid.clone();
                for (at, byte) in damage {
                    bytes[at] = byte;
                }
                for (bytes, format) in [
                    (&bytes, WorkbookFormat::Xlsx),
                    (&noise, WorkbookFormat::Xlsx),
                    (&noise, WorkbookFormat::Ods),
                ] {
                    match read_workbook(bytes, format) {
                        Ok(_) => read.set(read.get() + 1),
                        Err(_) => refused.set(refused.get() + 1),
                    }
                }
                Ok(())
            },
        )
        .unwrap();
    println!(
        "damaged workbooks: {} read, {} refused",
        read.get(),
        refused.get()
    );
}

#[test]
fn template_import_gives_a_template_or_a_clear_error_for_hostile_text() {
    let mut runner = TestRunner::new(Config {
        cases: CASES * 2,
        failure_persistence: None,
        ..Config::default()
    });
    let line = prop_oneof![
        hostile_text(),
        (1u32..30, hostile_text()).prop_map(|(n, t)| format!("Artikel {n} {t}")),
        (1u32..30, 1u32..9, hostile_text()).prop_map(|(a, b, t)| format!("{a}.{b} {t}")),
        hostile_text().prop_map(|t| format!("# {t}")),
    ];
    let (parsed, refused) = (Cell::new(0), Cell::new(0));
    runner
        .run(&prop::collection::vec(line, 0..40), |lines| {
            match template::parse_template(&lines.join("\n")) {
                Ok(_) => parsed.set(parsed.get() + 1),
                Err(_) => refused.set(refused.get() + 1),
            }
            Ok(())
        })
        .unwrap();
    println!(
        "template import: {} cases, {} parsed, {} refused",
        CASES * 2,
        parsed.get(),
        refused.get()
    );
}

#[test]
fn the_pdf_engine_writes_a_valid_pdf_for_hostile_text() {
    let mut runner = TestRunner::new(Config {
        cases: PDF_CASES,
        failure_persistence: None,
        ..Config::default()
    });
    // Long fields of 16 KB, three times the longest field the validators let through (5,000
    // characters); an agreement's imported text, up to 2 MB, is laid out in the agreement
    // benchmark. A 1 MB paragraph takes minutes to lay out in a debug build.
    let text = || hostile_text_up_to(16 * 1024);
    let item = prop_oneof![
        text().prop_map(Item::Title),
        text().prop_map(Item::Heading),
        text().prop_map(Item::Paragraph),
        (text(), text()).prop_map(|(number, text)| Item::Numbered { number, text }),
        text().prop_map(Item::Bullet),
        prop::collection::vec((text(), text()), 0..6).prop_map(Item::KeyValues),
        text().prop_map(Item::Note),
    ];
    let document = (
        prop::collection::vec(text(), 0..5),
        text(),
        prop::collection::vec(item, 0..12),
        (text(), text()),
    );

    let (printed, refused) = (Cell::new(0), Cell::new(0));
    runner
        .run(
            &document,
            |(letterhead, identity, items, (title, author))| {
                let document = Document {
                    letterhead,
                    identity,
                    page_label: "pagina {page} van {pages}".into(),
                    continued: "vervolg".into(),
                    items,
                };
                let metadata = Metadata {
                    title,
                    author,
                    subject: "fuzz".into(),
                    language: "nl-NL".into(),
                    created: now(),
                };
                // A character the fonts lack refuses the document, naming only such
                // characters; without them the same hostile text prints.
                let pdf = match render(&document, &metadata) {
                    Ok(pdf) => {
                        printed.set(printed.get() + 1);
                        pdf
                    }
                    Err(unprintable) => {
                        refused.set(refused.get() + 1);
                        prop_assert!(!unprintable.characters.is_empty());
                        for shown in &unprintable.characters {
                            let code = shown.rsplit("U+").next().unwrap();
                            let c = char::from_u32(u32::from_str_radix(code, 16).unwrap()).unwrap();
                            prop_assert!(!fonts().covers(&c.to_string()), "{shown} is printable");
                        }
                        render(&printable_only(&document), &metadata).unwrap()
                    }
                };
                let (ok, report) = common::tool("qpdf", &["--check"], &pdf);
                prop_assert!(ok, "qpdf --check: {report}");
                Ok(())
            },
        )
        .unwrap();
    assert!(
        refused.get() > 0,
        "hostile text without a character the fonts lack"
    );
    println!(
        "PDF engine: {PDF_CASES} hostile documents ({} printed, {} refused for characters the \
         fonts lack and printed without them), each a valid PDF by qpdf --check",
        printed.get(),
        refused.get()
    );
}

fn fonts() -> &'static dpa_desk::documents::fonts::Fonts {
    dpa_desk::documents::fonts::Fonts::embedded()
}

/// The document with every character the fonts lack left out.
fn printable_only(document: &Document) -> Document {
    let keep = |text: &String| -> String {
        text.chars()
            .filter(|c| fonts().covers(&c.to_string()))
            .collect()
    };
    let item = |item: &Item| match item {
        Item::Title(t) => Item::Title(keep(t)),
        Item::Heading(t) => Item::Heading(keep(t)),
        Item::Paragraph(t) => Item::Paragraph(keep(t)),
        Item::Numbered { number, text } => Item::Numbered {
            number: keep(number),
            text: keep(text),
        },
        Item::Bullet(t) => Item::Bullet(keep(t)),
        Item::KeyValues(rows) => {
            Item::KeyValues(rows.iter().map(|(k, v)| (keep(k), keep(v))).collect())
        }
        Item::Note(t) => Item::Note(keep(t)),
        Item::SideBySide { heads, rows } => Item::SideBySide {
            heads: (keep(&heads.0), keep(&heads.1)),
            rows: rows.iter().map(|(l, r)| (keep(l), keep(r))).collect(),
        },
    };
    Document {
        letterhead: document.letterhead.iter().map(keep).collect(),
        identity: keep(&document.identity),
        page_label: document.page_label.clone(),
        continued: document.continued.clone(),
        items: document.items.iter().map(item).collect(),
    }
}

#[test]
fn damaged_pdfs_and_layouts_are_refused_or_read_never_a_panic() {
    use dpa_desk::domain::pdf_text::text_of_layout;
    use dpa_desk::pdf_reader::text_of_pdf;
    let work = tempfile::tempdir().unwrap();
    let valid = agreement_files::as_pdf(work.path());
    let layout = {
        let path = work.path().join("valid.pdf");
        std::fs::write(&path, &valid).unwrap();
        let output = std::process::Command::new("pdftotext")
            .args(["-bbox-layout", "-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let layout: Vec<char> = layout.chars().collect();
    let mut runner = TestRunner::new(Config {
        cases: CASES * 4,
        failure_persistence: None,
        ..Config::default()
    });
    // The layout, its markup and numbers damaged: read or refused, never a panic.
    let odd = prop::sample::select(vec![
        '<', '>', '"', '&', '/', '-', '9', '.', 'e', ' ', '\u{f0b7}', 'ﬁ',
    ]);
    let damage = prop::collection::vec((0..layout.len(), odd), 1..30);
    runner
        .run(&damage, |damage| {
            let mut chars = layout.clone();
            for (at, c) in damage {
                chars[at] = c;
            }
            if let Ok(read) = text_of_layout(&chars.into_iter().collect::<String>()) {
                let _ = template::parse_read_template(&read.text, &read.furniture);
            }
            Ok(())
        })
        .unwrap();

    // The PDF itself damaged, read by pdftotext in its child process.
    let (read, refused) = damaged_copies(&valid, PDF_CASES, |bytes| {
        match text_of_pdf(bytes, "path") {
            Ok(text) => {
                let _ = template::parse_read_template(&text.text, &text.furniture);
                Ok(true)
            }
            Err(error) => {
                prop_assert!(
                    matches!(error, dpa_desk::error::AppError::Validation { .. }),
                    "{error:?}"
                );
                Ok(false)
            }
        }
    });
    println!("damaged PDFs: {read} read, {refused} refused");
}
