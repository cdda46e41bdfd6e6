//! Writes the files an officer brings when she starts with DPA Desk, for the webview test,
//! into the folder given: `klanten-500.csv`, `klanten-10000.xlsx` (see `customer_lists.rs`),
//! and the agreement as `overeenkomst.txt`, `overeenkomst.docx` and `overeenkomst.pdf` (printed
//! by LibreOffice; see `agreement_files.rs`).

use std::path::PathBuf;

#[path = "agreement_files.rs"]
mod agreement_files;
#[path = "customer_lists.rs"]
mod customer_lists;

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: onboarding_files DIR"),
    );
    std::fs::create_dir_all(&dir).unwrap();
    customer_lists::write_csv(&dir.join("klanten-500.csv"), 500);
    customer_lists::write_xlsx(&dir.join("klanten-10000.xlsx"), 10_000);
    std::fs::write(dir.join("overeenkomst.txt"), agreement_files::as_text()).unwrap();
    std::fs::write(dir.join("overeenkomst.docx"), agreement_files::as_docx()).unwrap();
    let work = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.join("overeenkomst.pdf"),
        agreement_files::as_pdf(work.path()),
    )
    .unwrap();
    println!("onboarding files written to {}", dir.display());
}
