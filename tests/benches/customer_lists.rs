#![allow(dead_code)]
//! The customer lists the import is tested and measured with:
//! `klanten-500.csv` (semicolons, UTF-8 with a byte-order mark, as Dutch Excel saves "CSV
//! UTF-8") and `klanten-10000.xlsx` (written by rust_xlsxwriter), each with two contacts
//! per customer, every third customer's signed agreement (version, date, signatory), and a
//! few rows a careful officer must fix.
//!
//! Every customer's KvK number and e-mail addresses follow from its row, so a test knows
//! what to look for; the refused rows are listed in `REFUSED`.

use std::path::Path;

use rust_xlsxwriter::Workbook;

pub const HEADERS: [&str; 14] = [
    "Bedrijfsnaam",
    "KvK-nummer",
    "Adres",
    "Taal",
    "Diensten",
    "Contactpersoon",
    "E-mail",
    "Functie",
    "Contactpersoon 2",
    "E-mail 2",
    "Instructies",
    "Versie",
    "Getekend op",
    "Getekend door",
];

/// The template version every third customer signed.
pub const SIGNED_VERSION: &str = "2026.1";

/// The customer on row `n` (from 0); some rows are wrong on purpose (see `refused`).
pub fn row(n: usize) -> Vec<String> {
    let kvk = format!("{}", 50_000_000 + n);
    let domain = format!("klant{n}.example");
    let mut row = vec![
        format!("Klant {n:05} B.V."),
        kvk,
        format!("Stationsstraat {}, Utrecht", n % 300 + 1),
        if n.is_multiple_of(7) { "EN" } else { "NL" }.to_string(),
        "Salarisportaal, HR-app".to_string(),
        format!("Contact A{n}"),
        format!("a@{domain}"),
        "FG".to_string(),
        format!("Contact B{n}"),
        format!("b@{domain}"),
        if n.is_multiple_of(2) { "ja" } else { "nee" }.to_string(),
    ];
    // Every third customer signed version 2026.1 of the agreement.
    if n.is_multiple_of(3) {
        row.extend([
            SIGNED_VERSION.to_string(),
            "15-01-2026".into(),
            format!("Directeur {n}"),
        ]);
    } else {
        row.extend([String::new(), String::new(), String::new()]);
    }
    match refused(n) {
        Some("e-mail") => row[6] = format!("a-at-{domain}"),
        Some("taal") => row[3] = "Frans".into(),
        Some("kvk") => row[1] = format!("{}", 50_000_000 + n - 1),
        _ => {}
    }
    row
}

/// Why row `n` is refused, if it is: a bad e-mail address, an unknown language, or the KvK
/// number of the row before it.
pub fn refused(n: usize) -> Option<&'static str> {
    match n {
        17 => Some("e-mail"),
        123 => Some("taal"),
        250 => Some("kvk"),
        n if n % 1000 == 999 => Some("e-mail"),
        _ => None,
    }
}

pub fn write_csv(path: &Path, rows: usize) {
    let mut text = String::from("\u{feff}");
    text.push_str(&HEADERS.join(";"));
    text.push_str("\r\n");
    for n in 0..rows {
        let fields: Vec<String> = row(n)
            .into_iter()
            .map(|f| {
                if f.contains([';', '"']) {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    f
                }
            })
            .collect();
        text.push_str(&fields.join(";"));
        text.push_str("\r\n");
    }
    std::fs::write(path, text).unwrap();
}

pub fn write_xlsx(path: &Path, rows: usize) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Klanten").unwrap();
    for (column, header) in HEADERS.iter().enumerate() {
        sheet.write(0, column as u16, *header).unwrap();
    }
    for n in 0..rows {
        for (column, value) in row(n).into_iter().enumerate() {
            let at = (n as u32 + 1, column as u16);
            // The KvK number as Excel keeps it: a number.
            match value.parse::<u32>() {
                Ok(number) if column == 1 => sheet.write(at.0, at.1, number).unwrap(),
                _ => sheet.write(at.0, at.1, value).unwrap(),
            };
        }
    }
    workbook.save(path).unwrap();
}
