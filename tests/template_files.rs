//! Agreement texts from Word files: an agreement written with a library as an officer's Word
//! file is (automatic numbering for articles, clauses and subclauses, bullets, a tracked
//! deletion and insertion, a page-number field, a running footer "pagina N van M") imports
//! with exactly the articles and clauses of the same agreement as plain text, and the version
//! keeps the file it came from. LibreOffice (headless) reads the same numbers from the Word file.

#[path = "benches/agreement_files.rs"]
mod agreement_files;

mod common;

use agreement_files::{as_docx, as_text};
use chrono::Utc;
use dpa_desk::domain::agreement::TemplateVersionInput;
use dpa_desk::domain::customer::Language;
use dpa_desk::domain::template::{parse_template, Block};
use dpa_desk::domain::validation::FieldCode;
use dpa_desk::domain::word::{docx_text, WordProblem};
use dpa_desk::error::AppError;
use dpa_desk::store::templates;

#[test]
fn a_word_agreement_imports_with_the_clauses_of_its_text_version() {
    let from_text = parse_template(&as_text()).unwrap();
    let extracted = docx_text(&as_docx()).unwrap();
    let from_word = parse_template(&extracted).unwrap();
    assert_eq!(from_word.text, from_text.text, "extracted:\n{extracted}");
    assert!(from_word.warnings.is_empty(), "{:?}", from_word.warnings);
    assert!(
        !extracted.contains("uitsluitend"),
        "a tracked deletion is left out"
    );
    assert!(
        !extracted.contains("DOCPROPERTY"),
        "a field's code is left out"
    );
    assert!(
        !extracted.contains("pagina"),
        "the footer is not part of the text"
    );
    // Every article and clause number came from Word's numbering.
    let articles: Vec<u32> = from_word.text.articles.iter().map(|a| a.number).collect();
    assert_eq!(articles, [1, 2, 3]);
}

#[test]
fn files_that_are_not_word_documents_are_refused() {
    assert_eq!(docx_text(b"not a zip"), Err(WordProblem::NotWord));
    let mut xlsx = rust_xlsxwriter::Workbook::new();
    xlsx.add_worksheet().write(0, 0, "Artikel 1").unwrap();
    assert_eq!(
        docx_text(&xlsx.save_to_buffer().unwrap()),
        Err(WordProblem::NotWord),
        "a workbook has no word/document.xml"
    );
}

#[test]
fn a_version_keeps_the_file_it_was_imported_from() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = common::new_vault(dir.path());
    let path = dir.path().join("Verwerkersovereenkomst 2026.docx");
    let bytes = as_docx();
    std::fs::write(&path, &bytes).unwrap();
    let source = templates::read_source(&path).unwrap();
    let input = TemplateVersionInput {
        label: "2026.2".into(),
        version_date: "01-06-2026".into(),
        language: Language::Nl,
        terms: common::terms(),
        source_text: None,
        source_name: String::new(),
    };

    // The file changed after its preview: nothing is saved.
    std::fs::write(&path, [&bytes[..], b"\0"].concat()).unwrap();
    let error =
        templates::create_from_file(vault.conn(), &input, &path, &source.sha256, Utc::now())
            .unwrap_err();
    assert!(
        matches!(error, AppError::Validation { ref fields } if fields[0].code == FieldCode::FileChanged)
    );
    assert!(templates::list(vault.conn()).unwrap().is_empty());

    std::fs::write(&path, &bytes).unwrap();
    let version =
        templates::create_from_file(vault.conn(), &input, &path, &source.sha256, Utc::now())
            .unwrap();
    assert_eq!(version.source_name, "Verwerkersovereenkomst 2026.docx");
    assert_eq!(version.source_sha256, source.sha256);
    assert_eq!(
        version.text.unwrap(),
        parse_template(&as_text()).unwrap().text
    );
    let (name, kept) = templates::source_file(vault.conn(), version.id).unwrap();
    assert_eq!(
        (name.as_str(), kept),
        ("Verwerkersovereenkomst 2026.docx", bytes.clone())
    );
    // The event log records the file's size, not its bytes.
    let logged: String = vault
        .conn()
        .query_row(
            "SELECT after FROM events WHERE entity = 'template_versions' AND action = 'update'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(
        logged.contains(&format!("\"source_file\":\"{} bytes\"", bytes.len())),
        "{logged}"
    );
}

/// The numbers LibreOffice gives the same Word file, read by its own text export: an
/// independent reading of Word's numbering to hold ours against.
#[test]
fn libreoffice_reads_the_same_numbers_from_the_word_file() {
    let dir = tempfile::tempdir().unwrap();
    let word = dir.path().join("overeenkomst.docx");
    std::fs::write(&word, as_docx()).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let status = std::process::Command::new("libreoffice")
        .args([
            &profile,
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
        ])
        .arg(dir.path().join("out"))
        .arg(&word)
        .output()
        .expect("LibreOffice (Debian's libreoffice-writer-nogui, installed by `make test`)");
    assert!(status.status.success(), "{status:?}");
    let exported = std::fs::read_to_string(dir.path().join("out/overeenkomst.txt")).unwrap();
    // LibreOffice's export shows tracked changes, so only the numbers are compared.
    let numbers = |text: &str| -> Vec<(u32, Vec<String>)> {
        parse_template(text)
            .unwrap()
            .text
            .articles
            .iter()
            .map(|a| {
                let clauses = a
                    .blocks
                    .iter()
                    .filter_map(|b| match b {
                        Block::Clause { number, .. } => Some(number.clone()),
                        _ => None,
                    })
                    .collect();
                (a.number, clauses)
            })
            .collect()
    };
    let ours = numbers(&docx_text(&as_docx()).unwrap());
    assert_eq!(ours.len(), 3);
    assert_eq!(
        numbers(&exported.replace("    ", "")),
        ours,
        "LibreOffice:\n{exported}"
    );
}
