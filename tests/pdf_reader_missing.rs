//! Without poppler's `pdftotext` (a system where `poppler-utils` was removed), a PDF gets a
//! reason that names the missing program, and nothing else breaks. A test binary of its own:
//! it changes `PATH` for its whole process.

use dpa_desk::domain::validation::FieldCode;
use dpa_desk::error::AppError;
use dpa_desk::pdf_reader::text_of_pdf;

#[test]
fn without_pdftotext_a_pdf_is_refused_with_the_program_named() {
    let empty = tempfile::tempdir().unwrap();
    // Safety: the only test in this process, and no other thread reads the environment.
    unsafe { std::env::set_var("PATH", empty.path()) };
    match text_of_pdf(b"%PDF-1.7\n", "path") {
        Err(AppError::Validation { fields }) => {
            assert_eq!(fields[0].field, "path");
            assert_eq!(fields[0].code, FieldCode::PdfReaderMissing);
        }
        other => panic!("{other:?}"),
    }
}
