//! A spreadsheet the officer already has, as rows of text: the first step of bringing
//! customers in from a CRM export. CSV with `,`, `;` or tab between fields, in UTF-8 (with
//! or without a byte-order mark) or, when it is not UTF-8, Windows-1252 as Excel writes it in
//! the Netherlands. The bytes are read elsewhere; this only reads what they say.

use super::validation::FieldCode;

/// The most a table may weigh: far more than any customer list.
pub const MAX_BYTES: usize = 100 * 1024 * 1024;
/// The most columns a table may have.
pub const MAX_COLUMNS: usize = 200;

/// A table: its header row and the rows under it, each field trimmed. Rows with no text at
/// all are left out; a row keeps its number in the file (1 is the header row).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The line of the file the row starts on: its number in a spreadsheet program as long
    /// as no cell above it spans lines.
    pub number: usize,
    pub fields: Vec<String>,
}

impl Row {
    /// The field in `column`; empty when the row is shorter.
    pub fn field(&self, column: usize) -> &str {
        self.fields.get(column).map_or("", String::as_str)
    }
}

/// Why a file cannot be read as a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableProblem {
    /// Larger than [`MAX_BYTES`].
    TooLarge,
    /// Not text: a binary file (e.g. a renamed spreadsheet or image).
    NotText,
    /// No header row: nothing but empty lines.
    Empty,
    /// More than [`MAX_COLUMNS`] columns.
    TooManyColumns,
    /// A workbook that cannot be read: damaged, protected by a password, or not one at all.
    NotWorkbook,
    /// A workbook sheet with merged cells: which row a merged value belongs to is a guess.
    MergedCells,
}

impl TableProblem {
    /// The reason as the officer reads it next to the file's name.
    pub fn code(&self) -> FieldCode {
        match self {
            TableProblem::TooLarge => FieldCode::TooLong,
            TableProblem::NotText => FieldCode::NotSpreadsheet,
            TableProblem::Empty => FieldCode::EmptyTable,
            TableProblem::TooManyColumns => FieldCode::TooManyColumns,
            TableProblem::NotWorkbook => FieldCode::NotSpreadsheet,
            TableProblem::MergedCells => FieldCode::MergedCells,
        }
    }
}

/// Reads CSV bytes as a table.
pub fn read_csv(bytes: &[u8]) -> Result<Table, TableProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(TableProblem::TooLarge);
    }
    let text = decode(bytes)?;
    let delimiter = delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    // The line each record starts on, counted from the record's byte offset.
    let (mut line, mut counted) = (1, 0);
    for record in reader.records() {
        // The reader reads text from memory, so only a field that is not UTF-8 could fail,
        // and the text was decoded above; an unquoted or unended quote reads to the end.
        let record = record.map_err(|_| TableProblem::NotText)?;
        if record.len() > MAX_COLUMNS {
            return Err(TableProblem::TooManyColumns);
        }
        let fields: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
        if fields.iter().all(String::is_empty) {
            continue;
        }
        let mut start = record.position().map_or(counted, |p| p.byte() as usize);
        // The offset may point at the end of the line before.
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += text.as_bytes()[counted..start.max(counted)]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted = start.max(counted);
        let number = line;
        match headers {
            None => headers = Some(fields),
            Some(_) => rows.push(Row { number, fields }),
        }
    }
    Ok(Table {
        headers: headers.ok_or(TableProblem::Empty)?,
        rows,
    })
}

/// The text of the bytes: UTF-8 without its byte-order mark, else Windows-1252. A NUL byte
/// near the start means a binary file.
fn decode(bytes: &[u8]) -> Result<String, TableProblem> {
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err(TableProblem::NotText);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    })
}

/// The field separator: whichever of `,`, `;` and tab occurs most in the first line outside
/// quotes (`,` when none does).
fn delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in first.bytes() {
        match c {
            b'"' => quoted = !quoted,
            _ if quoted => {}
            _ => {
                if let Some(count) = counts.iter_mut().find(|(d, _)| *d == c) {
                    count.1 += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| *d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(table: &Table) -> Vec<Vec<&str>> {
        table
            .rows
            .iter()
            .map(|r| r.fields.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn excel_in_the_netherlands_semicolons_and_windows_1252() {
        // "Café De Öster" and "€" in Windows-1252, as Dutch Excel saves "CSV (puntkomma)".
        let bytes = b"Naam;KvK-nummer;Adres\r\nCaf\xe9 De \xd6ster;12345678;\"Markt 1; Gouda\"\r\n;;\r\nPrijs \x80 B.V.;87654321;\r\n";
        let table = read_csv(bytes).unwrap();
        assert_eq!(table.headers, ["Naam", "KvK-nummer", "Adres"]);
        assert_eq!(
            fields(&table),
            [
                vec!["Café De Öster", "12345678", "Markt 1; Gouda"],
                vec!["Prijs € B.V.", "87654321", ""]
            ]
        );
        // Row numbers as the spreadsheet shows them: the empty row 3 is skipped.
        assert_eq!(
            table.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
            [2, 4]
        );
        let table = read_csv(b"naam;adres\n\nA;\"regel 1\nregel 2\"\nB;x\n").unwrap();
        assert_eq!(
            table.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
            [3, 5],
            "the line each row starts on"
        );
    }

    #[test]
    fn utf8_with_a_byte_order_mark_commas_and_tabs() {
        let table = read_csv("\u{feff}name,kvk\nZorgé,1\n".as_bytes()).unwrap();
        assert_eq!(table.headers, ["name", "kvk"]);
        assert_eq!(fields(&table), [vec!["Zorgé", "1"]]);
        let table = read_csv(b"name\tkvk\n\"A, B\"\t2\n").unwrap();
        assert_eq!(fields(&table), [vec!["A, B", "2"]]);
        assert_eq!(table.rows[0].field(5), "", "a short row reads as empty");
    }

    #[test]
    fn hostile_files_get_a_reason_not_a_panic() {
        assert_eq!(read_csv(b""), Err(TableProblem::Empty));
        assert_eq!(read_csv(b"\r\n ; ;\r\n"), Err(TableProblem::Empty));
        assert_eq!(
            read_csv(b"PK\x03\x04\x14\x00\x00\x00 a renamed .xlsx"),
            Err(TableProblem::NotText)
        );
        let wide = vec![b','; MAX_COLUMNS + 1];
        assert_eq!(read_csv(&wide), Err(TableProblem::TooManyColumns));
        let huge = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(read_csv(&huge), Err(TableProblem::TooLarge));
        // A formula stays text; nothing is calculated.
        let table = read_csv(b"naam\n=HYPERLINK(\"http://evil\")\n").unwrap();
        assert_eq!(fields(&table), [vec!["=HYPERLINK(\"http://evil\")"]]);
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..2000 {
            let len = (seed % 300) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    let alphabet = b",;\t\"\r\nab\xe9\x80 \0";
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            let _ = read_csv(&bytes);
        }
    }
}
