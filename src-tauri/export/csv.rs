//! CSV for spreadsheets: RFC 4180 quoting, `;`-free, UTF-8 with a byte-order mark so that
//! spreadsheet programs read accented names right.

/// Writes rows as CSV with a header row.
pub fn to_csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    let line = |fields: &mut dyn Iterator<Item = &str>, out: &mut String| {
        let quoted: Vec<String> = fields.map(quote).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    };
    line(&mut header.iter().copied(), &mut out);
    for row in rows {
        line(&mut row.iter().map(String::as_str), &mut out);
    }
    out
}

/// Quotes a field when it needs it. A field starting with `=`, `+`, `-` or `@` gets a
/// leading apostrophe so a spreadsheet does not run it as a formula.
fn quote(field: &str) -> String {
    let field = if field.starts_with(['=', '+', '-', '@']) {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_when_needed_and_formulas_defused() {
        let csv = to_csv(
            &["naam", "opmerking"],
            &[
                vec!["Van Rijn, Advocaten".into(), "zegt \"ja\"".into()],
                vec!["=HYPERLINK(1)".into(), "a\nb".into()],
            ],
        );
        assert_eq!(
            csv,
            "\u{feff}naam,opmerking\r\n\"Van Rijn, Advocaten\",\"zegt \"\"ja\"\"\"\r\n'=HYPERLINK(1),\"a\nb\"\r\n"
        );
    }
}
