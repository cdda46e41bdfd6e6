//! A customer list saved by Excel (`.xlsx`) or LibreOffice (`.ods`), read from its bytes by
//! calamine into the same [`Table`] a CSV file gives: the first sheet that has any text,
//! each cell as the text the officer sees (a date as `2024-03-01`, a whole number without
//! decimals, a formula as the value it last showed, a cell error as `#REF!`).
//!
//! Before calamine sees a file, the sizes its zip archive declares are added up, so a small
//! file that unpacks to gigabytes is refused instead of filling the memory. An `.xlsx` sheet
//! is read cell by cell, so a sheet that claims a huge size costs only the cells it holds; an
//! `.ods` sheet is read whole by calamine, so its repeated rows and cells are counted first.

use std::io::{Cursor, Read, Seek};

use calamine::{DataType, Ods, Reader, Xlsx};

use super::table::{Row, Table, TableProblem, MAX_BYTES, MAX_COLUMNS};

/// The most the files inside a workbook may add up to, unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookFormat {
    Xlsx,
    Ods,
}

impl WorkbookFormat {
    /// The format a file name's extension says, if it is a workbook.
    pub fn of_file_name(name: &str) -> Option<WorkbookFormat> {
        let lower = name.to_lowercase();
        if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
            Some(WorkbookFormat::Xlsx)
        } else if lower.ends_with(".ods") {
            Some(WorkbookFormat::Ods)
        } else {
            None
        }
    }
}

/// Reads a workbook's bytes as a table.
pub fn read_workbook(bytes: &[u8], format: WorkbookFormat) -> Result<Table, TableProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(TableProblem::TooLarge);
    }
    check_unpacked_size(bytes)?;
    let cursor = Cursor::new(bytes);
    let sheets = match format {
        WorkbookFormat::Xlsx => xlsx_sheets(cursor)?,
        WorkbookFormat::Ods => ods_sheets(cursor)?,
    };
    sheets
        .into_iter()
        .find_map(|cells| table_of(cells).transpose())
        .unwrap_or(Err(TableProblem::Empty))
}

/// A cell: its row and column (from 0) and its text.
type Cell = (u32, u32, String);

pub(crate) fn check_unpacked_size(bytes: &[u8]) -> Result<(), TableProblem> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| TableProblem::NotWorkbook)?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|_| TableProblem::NotWorkbook)?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(TableProblem::TooLarge);
    }
    Ok(())
}

/// Every sheet's non-empty cells, in order; merged cells are refused.
fn xlsx_sheets<RS: Read + Seek>(reader: RS) -> Result<Vec<Vec<Cell>>, TableProblem> {
    let mut workbook = Xlsx::new(reader).map_err(|_| TableProblem::NotWorkbook)?;
    let names = workbook.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let merged = workbook
            .merge_cells_by_sheet_name(&name)
            .map_err(|_| TableProblem::NotWorkbook)?;
        let mut cells = Vec::new();
        let mut reader = workbook
            .worksheet_cells_reader(&name)
            .map_err(|_| TableProblem::NotWorkbook)?;
        while let Some(cell) = reader.next_cell().map_err(|_| TableProblem::NotWorkbook)? {
            let (row, column) = cell.get_position();
            let text = text(cell.get_value());
            if !text.is_empty() {
                cells.push((row, column, text));
            }
        }
        if !cells.is_empty() && merged.iter().any(|m| m.start != m.end) {
            return Err(TableProblem::MergedCells);
        }
        sheets.push(cells);
    }
    Ok(sheets)
}

/// The most cells a LibreOffice sheet may spread out to: a row or cell marked as repeated
/// is repeated in memory when it holds a value.
const MAX_ODS_CELLS: u64 = 20_000_000;

fn ods_sheets<RS: Read + Seek>(mut reader: RS) -> Result<Vec<Vec<Cell>>, TableProblem> {
    check_repeats(&mut reader)?;
    let mut workbook = Ods::new(reader).map_err(|_| TableProblem::NotWorkbook)?;
    let mut sheets = Vec::new();
    for (_, range) in workbook.worksheets() {
        // Cells are counted from the range's start, which is the first cell used.
        let (top, left) = range.start().unwrap_or((0, 0));
        let cells = range
            .used_cells()
            .map(|(row, column, value)| (row as u32 + top, column as u32 + left, text(value)))
            .filter(|(_, _, text)| !text.is_empty())
            .collect();
        sheets.push(cells);
    }
    Ok(sheets)
}

/// Refuses a sheet whose repeated rows and cells with a value would spread out to more than
/// [`MAX_ODS_CELLS`] cells (an empty row repeated to the end of the sheet, as LibreOffice
/// writes it, costs nothing).
fn check_repeats<RS: Read + Seek>(reader: &mut RS) -> Result<(), TableProblem> {
    use quick_xml::events::{BytesStart, Event};
    let mut xml = String::new();
    zip::ZipArchive::new(&mut *reader)
        .map_err(|_| TableProblem::NotWorkbook)?
        .by_name("content.xml")
        .map_err(|_| TableProblem::NotWorkbook)?
        .read_to_string(&mut xml)
        .map_err(|_| TableProblem::NotWorkbook)?;
    reader.rewind().map_err(|_| TableProblem::NotWorkbook)?;
    let repeats = |e: &BytesStart, name: &[u8]| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse().ok())
            .unwrap_or(1)
    };
    let mut xml = quick_xml::Reader::from_str(&xml);
    let (mut total, mut rows, mut width, mut valued) = (0u64, 1u64, 0u64, false);
    loop {
        match xml.read_event().map_err(|_| TableProblem::NotWorkbook)? {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"table:table-row" => {
                    (rows, width, valued) = (repeats(&e, b"table:number-rows-repeated"), 0, false);
                }
                b"table:table-cell" | b"table:covered-table-cell" => {
                    width = width.saturating_add(repeats(&e, b"table:number-columns-repeated"));
                    valued |= e
                        .attributes()
                        .flatten()
                        .any(|a| a.key.as_ref() == b"office:value-type");
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == b"table:table-row" && valued => {
                total = total.saturating_add(rows.saturating_mul(width));
                if total > MAX_ODS_CELLS {
                    return Err(TableProblem::TooLarge);
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The table a sheet's cells make (the first row with text is the header row); `None` for
/// a sheet without text.
fn table_of(mut cells: Vec<Cell>) -> Result<Option<Table>, TableProblem> {
    if cells
        .iter()
        .any(|(_, column, _)| *column as usize >= MAX_COLUMNS)
    {
        return Err(TableProblem::TooManyColumns);
    }
    cells.sort_by_key(|(row, column, _)| (*row, *column));
    let mut rows: Vec<Row> = Vec::new();
    for (row, column, text) in cells {
        let number = row as usize + 1;
        if rows.last().map(|r| r.number) != Some(number) {
            rows.push(Row {
                number,
                fields: Vec::new(),
            });
        }
        let fields = &mut rows.last_mut().expect("a row was just pushed").fields;
        fields.resize(fields.len().max(column as usize + 1), String::new());
        fields[column as usize] = text;
    }
    let mut rows = rows.into_iter();
    Ok(rows.next().map(|header| Table {
        headers: header.fields,
        rows: rows.collect(),
    }))
}

/// A cell as the officer sees it, trimmed.
fn text<T: DataType>(cell: &T) -> String {
    if let Some(text) = cell.get_string() {
        return text.trim().to_string();
    }
    if let Some(error) = cell.get_error() {
        return error.to_string();
    }
    if cell.is_datetime() || cell.is_datetime_iso() {
        if let Some(date) = cell.as_date() {
            return date.format("%Y-%m-%d").to_string();
        }
    }
    if let Some(number) = cell.get_int() {
        return number.to_string();
    }
    if let Some(number) = cell.get_float() {
        return if number.fract() == 0.0 && number.abs() < 1e15 {
            format!("{}", number as i64)
        } else {
            number.to_string()
        };
    }
    if let Some(yes) = cell.get_bool() {
        return if yes { "true" } else { "false" }.to_string();
    }
    cell.as_string().unwrap_or_default().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    use std::io::Write;

    fn xlsx(fill: impl FnOnce(&mut Workbook)) -> Vec<u8> {
        let mut workbook = Workbook::new();
        fill(&mut workbook);
        workbook.save_to_buffer().unwrap()
    }

    #[test]
    fn an_excel_list_reads_as_the_officer_sees_it() {
        let bytes = xlsx(|book| {
            book.add_worksheet().set_name("Leeg").unwrap();
            let sheet = book.add_worksheet();
            let date = Format::new().set_num_format("dd-mm-yyyy");
            sheet.write(1, 1, "Naam").unwrap();
            sheet.write(1, 2, "KvK").unwrap();
            sheet.write(1, 3, "Klant sinds").unwrap();
            sheet.write(1, 4, "Aantal").unwrap();
            sheet.write(2, 1, "  Café Zuid  ").unwrap();
            sheet.write(2, 2, 12345678).unwrap();
            let since = ExcelDateTime::from_ymd(2024, 3, 1).unwrap();
            sheet
                .write_datetime_with_format(2, 3, &since, &date)
                .unwrap();
            sheet
                .write_formula(2, 4, Formula::new("=1+1").set_result("2"))
                .unwrap();
            sheet.write(4, 1, "Bakkerij").unwrap();
            sheet.write(4, 4, 2.5).unwrap();
        });
        let table = read_workbook(&bytes, WorkbookFormat::Xlsx).unwrap();
        assert_eq!(table.headers, ["", "Naam", "KvK", "Klant sinds", "Aantal"]);
        let rows: Vec<(usize, Vec<&str>)> = table
            .rows
            .iter()
            .map(|r| (r.number, r.fields.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            rows,
            [
                (3, vec!["", "Café Zuid", "12345678", "2024-03-01", "2"]),
                (5, vec!["", "Bakkerij", "", "", "2.5"]),
            ],
            "the empty first sheet is passed over; row numbers are the sheet's"
        );
    }

    #[test]
    fn merged_cells_empty_workbooks_and_wide_sheets_are_refused() {
        let merged = xlsx(|book| {
            let sheet = book.add_worksheet();
            sheet.write(0, 0, "Naam").unwrap();
            sheet
                .merge_range(1, 0, 2, 0, "Lindeboom", &Format::new())
                .unwrap();
        });
        assert_eq!(
            read_workbook(&merged, WorkbookFormat::Xlsx),
            Err(TableProblem::MergedCells)
        );
        let empty = xlsx(|book| {
            book.add_worksheet();
            book.add_worksheet();
        });
        assert_eq!(
            read_workbook(&empty, WorkbookFormat::Xlsx),
            Err(TableProblem::Empty)
        );
        let wide = xlsx(|book| {
            let sheet = book.add_worksheet();
            sheet.write(0, 0, "Naam").unwrap();
            sheet.write(0, 16_000, "Ver weg").unwrap();
        });
        assert_eq!(
            read_workbook(&wide, WorkbookFormat::Xlsx),
            Err(TableProblem::TooManyColumns)
        );
    }

    #[test]
    fn files_that_are_not_workbooks_are_refused() {
        for bytes in [&b""[..], b"Naam;KvK\nA;1\n", b"PK\x03\x04 broken"] {
            assert_eq!(
                read_workbook(bytes, WorkbookFormat::Xlsx),
                Err(TableProblem::NotWorkbook)
            );
            assert_eq!(
                read_workbook(bytes, WorkbookFormat::Ods),
                Err(TableProblem::NotWorkbook)
            );
        }
        // A LibreOffice file is not read as an Excel one.
        let ods_as_xlsx = ods(&[&["Naam"], &["Lindeboom"]]);
        assert_eq!(
            read_workbook(&ods_as_xlsx, WorkbookFormat::Xlsx),
            Err(TableProblem::NotWorkbook)
        );
    }

    #[test]
    fn a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_read() {
        let mut bytes = xlsx(|book| {
            book.add_worksheet().write(0, 0, "Naam").unwrap();
        });
        // The central directory's first entry now says it unpacks to 4 GB.
        let entry = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        bytes[entry + 24..entry + 28].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(
            read_workbook(&bytes, WorkbookFormat::Xlsx),
            Err(TableProblem::TooLarge)
        );
    }

    /// A LibreOffice spreadsheet with one sheet, rows of text cells.
    fn ods(rows: &[&[&str]]) -> Vec<u8> {
        let mut content = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Klanten">"#,
        );
        for row in rows {
            if row == &["…"] {
                // LibreOffice writes the empty rest of a sheet as one row repeated.
                content.push_str(r#"<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#);
                continue;
            }
            if row == &["∞"] {
                // A value in 200 columns, repeated a million times: 200 million cells.
                content.push_str(r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="200" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#);
                continue;
            }
            content.push_str("<table:table-row>");
            for cell in *row {
                if cell.is_empty() {
                    content.push_str("<table:table-cell/>");
                } else {
                    content.push_str(&format!(
                        r#"<table:table-cell office:value-type="string"><text:p>{cell}</text:p></table:table-cell>"#
                    ));
                }
            }
            content.push_str("</table:table-row>");
        }
        content.push_str(
            "</table:table></office:spreadsheet></office:body></office:document-content>",
        );
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file("META-INF/manifest.xml", stored).unwrap();
        zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
        zip.start_file("content.xml", stored).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_libreoffice_sheet_that_repeats_a_value_into_millions_of_cells_is_refused() {
        let bytes = ods(&[&["Naam"], &["∞"]]);
        assert_eq!(
            read_workbook(&bytes, WorkbookFormat::Ods),
            Err(TableProblem::TooLarge)
        );
    }

    #[test]
    fn a_libreoffice_list_reads_like_an_excel_one() {
        let bytes = ods(&[
            &["Naam", "KvK", "E-mail"],
            &["Zorggroep Lindeboom", "12345678", "anna@lindeboom.example"],
            &["", "", ""],
            &["Bakkerij", "", ""],
            &["…"],
        ]);
        let table = read_workbook(&bytes, WorkbookFormat::Ods).unwrap();
        assert_eq!(table.headers, ["Naam", "KvK", "E-mail"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].fields[2], "anna@lindeboom.example");
        assert_eq!(
            (table.rows[1].number, table.rows[1].field(0)),
            (4, "Bakkerij")
        );
    }
}
