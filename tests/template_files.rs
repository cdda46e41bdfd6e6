//! Agreement texts from Word files and PDF: an agreement written with a library as an
//! officer's Word file is (automatic numbering for articles, clauses and subclauses, bullets,
//! a tracked deletion and insertion, a page-number field, a running header and footer
//! "pagina N van M", soft hyphens, and a two-column section) imports with exactly the articles
//! and clauses of the same agreement as plain text, and so does that Word file printed to PDF
//! by LibreOffice (headless). The version keeps the file it came from. LibreOffice reads the
//! same numbers from the Word file.

#[path = "benches/agreement_files.rs"]
mod agreement_files;

mod common;

use agreement_files::{as_docx, as_pdf, as_text, libreoffice_convert};
use chrono::Utc;
use dpa_desk::domain::agreement::TemplateVersionInput;
use dpa_desk::domain::customer::Language;
use dpa_desk::domain::template::{parse_read_template, parse_template, Block, ImportWarning};
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
    assert_eq!(articles, [1, 2, 3, 4, 5]);
}

#[test]
fn a_pdf_agreement_imports_with_the_clauses_of_its_text_version() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("Verwerkersovereenkomst.pdf");
    std::fs::write(&pdf, as_pdf(dir.path())).unwrap();

    let source = templates::read_source(&pdf).unwrap();
    let from_pdf = parse_read_template(&source.text, &source.furniture).unwrap();
    assert_eq!(
        from_pdf.text,
        parse_template(&as_text()).unwrap().text,
        "read from the PDF:\n{}",
        source.text
    );
    // The running header and footer of both pages, the page numbers changing, and nothing else.
    assert_eq!(
        source.furniture,
        [
            "Wolkwerk B.V. – vertrouwelijk",
            "Verwerkersovereenkomst Wolkwerk – pagina 1 van 2",
            "Wolkwerk B.V. – vertrouwelijk",
            "Verwerkersovereenkomst Wolkwerk – pagina 2 van 2",
        ]
    );
    assert!(from_pdf
        .warnings
        .iter()
        .all(|w| matches!(w, ImportWarning::FurnitureRemoved { .. })));
    assert_eq!(from_pdf.warnings.len(), 4);
}

/// The PDF of the test above has what the reader must handle: without this, that test could
/// pass on a PDF that never splits a word or sets two columns.
#[test]
fn the_test_pdf_has_two_columns_and_words_split_at_line_ends() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("overeenkomst.pdf");
    std::fs::write(&pdf, as_pdf(dir.path())).unwrap();
    let pdftotext = |mode: &str| {
        let output = std::process::Command::new("pdftotext")
            .args([mode, "-enc", "UTF-8"])
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext (Debian's poppler-utils)");
        String::from_utf8(output.stdout).unwrap()
    };
    let side_by_side = pdftotext("-layout");
    assert!(
        side_by_side
            .lines()
            .any(|l| l.contains("Beveiliging") && l.contains("persoon, en stuurt")),
        "article 4 and the end of article 5 stand side by side:\n{side_by_side}"
    );
    let text = as_text();
    let line_ends: Vec<&str> = side_by_side
        .lines()
        .flat_map(|l| l.split("   "))
        .filter_map(|column| column.trim().rsplit(' ').next())
        .filter(|word| word.ends_with('-') && word.len() > 2)
        .collect();
    assert!(
        line_ends.iter().any(|w| !text.contains(*w)),
        "a word split by a soft hyphen: {line_ends:?}"
    );
    assert!(
        line_ends.iter().any(|w| text.contains(*w)),
        "a word with a hyphen of its own split at it: {line_ends:?}"
    );
}

#[test]
fn pdfs_that_cannot_be_read_are_refused_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let refused = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        match templates::read_source(&path) {
            Err(AppError::Validation { fields }) => fields[0].code,
            other => panic!("{name}: {:?}", other.map(|s| s.text)),
        }
    };
    assert_eq!(
        refused("foto.pdf", &[0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
        FieldCode::NotPdf
    );
    let pdf = as_pdf(dir.path());
    assert_eq!(
        refused("half.pdf", &pdf[..pdf.len() / 3]),
        FieldCode::NotPdf
    );

    // A password to open it, set by qpdf (Debian's qpdf).
    let plain = dir.path().join("plain.pdf");
    std::fs::write(&plain, &pdf).unwrap();
    let locked = dir.path().join("locked.pdf");
    let status = std::process::Command::new("qpdf")
        .args(["--encrypt", "geheim", "eigenaar", "256", "--"])
        .arg(&plain)
        .arg(&locked)
        .status()
        .expect("qpdf");
    assert!(status.success());
    assert_eq!(
        refused("locked.pdf", &std::fs::read(&locked).unwrap()),
        FieldCode::NotPdf
    );

    // A scan: a page with only a picture on it, and no text.
    let scan = libreoffice_convert(&scan_docx(&plain), "pdf", dir.path());
    assert_eq!(
        refused("scan.pdf", &std::fs::read(scan).unwrap()),
        FieldCode::PdfWithoutText
    );
}

/// A Word file with only a picture in it, as a scanned agreement is: the first page of
/// `pdf` drawn by poppler's `pdftoppm`.
fn scan_docx(pdf: &std::path::Path) -> Vec<u8> {
    let output = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .output()
        .expect("pdftoppm (Debian's poppler-utils)");
    assert!(output.stdout.starts_with(b"\x89PNG"), "{output:?}");
    let png = output.stdout;
    let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    let (width, height) = (size(16), size(20));
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx_rs::Docx::new()
        .add_paragraph(docx_rs::Paragraph::new().add_run(
            docx_rs::Run::new().add_image(docx_rs::Pic::new_with_dimensions(png, width, height)),
        ))
        .build()
        .pack(&mut bytes)
        .unwrap();
    bytes.into_inner()
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
    let converted = libreoffice_convert(&as_docx(), "txt:Text (encoded):UTF8", dir.path());
    let exported = std::fs::read_to_string(converted).unwrap();
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
    assert_eq!(ours.len(), 5);
    assert_eq!(
        numbers(&exported.replace("    ", "")),
        ours,
        "LibreOffice:\n{exported}"
    );
}
