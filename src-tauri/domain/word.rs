//! An agreement text from a Word file (`.docx`): its paragraphs as lines of text for the
//! same parser a `.txt` goes through (`domain::template`).
//!
//! Clause numbers such as "6.2.1" are usually not in the text: Word draws them from its
//! automatic numbering (`word/numbering.xml`), set on the paragraph or on its style. They
//! are counted here as Word counts them and put in front of the paragraph's text, with a
//! bullet for a bulleted paragraph. Deleted tracked changes and moved-away text are left
//! out, inserted text kept; field codes are left out and their shown result kept. Page
//! headers and footers live in their own parts of the file, so they never reach the text.
//!
//! No maintained crate reconstructs Word's numbering, so this reads the XML itself with
//! quick-xml (the reader calamine uses too); the zip archive is checked for what it unpacks
//! to first, as a workbook is.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::workbook::check_unpacked_size;
use super::xml_text::resolve_reference;

/// Why a file cannot be read as a Word document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordProblem {
    /// Not a Word document, damaged, or protected by a password.
    NotWord,
    /// Unpacks to more than a Word document can hold.
    TooLarge,
}

/// The text of a `.docx`: one paragraph per line, an empty line between paragraphs.
pub fn docx_text(bytes: &[u8]) -> Result<String, WordProblem> {
    check_unpacked_size(bytes).map_err(|problem| match problem {
        super::table::TableProblem::TooLarge => WordProblem::TooLarge,
        _ => WordProblem::NotWord,
    })?;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| WordProblem::NotWord)?;
    let mut part = |name: &str| -> Result<Option<String>, WordProblem> {
        let Ok(mut file) = archive.by_name(name) else {
            return Ok(None);
        };
        let mut text = String::new();
        file.read_to_string(&mut text)
            .map_err(|_| WordProblem::NotWord)?;
        Ok(Some(text))
    };
    let document = part("word/document.xml")?.ok_or(WordProblem::NotWord)?;
    let numbering = part("word/numbering.xml")?
        .map(|xml| Numbering::read(&xml))
        .transpose()?
        .unwrap_or_default();
    let styles = part("word/styles.xml")?
        .map(|xml| style_numbering(&xml))
        .transpose()?
        .unwrap_or_default();
    paragraphs(&document, &numbering, &styles)
}

/// A numbering level: where it starts, how its number is written, and the text around it
/// (`%1.%2.`).
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// The numbering definitions: each list (`numId`) with its levels, and where a list starts
/// again.
#[derive(Debug, Clone, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<u8, Level>>,
    lists: HashMap<String, (String, HashMap<u8, u32>)>,
}

fn attr(element: &BytesStart, name: &[u8]) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

fn xml_error<E>(_: E) -> WordProblem {
    WordProblem::NotWord
}

impl Numbering {
    fn read(xml: &str) -> Result<Numbering, WordProblem> {
        let mut numbering = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let (mut abstract_id, mut num_id, mut level): (Option<String>, Option<String>, u8) =
            (None, None, 0);
        let mut override_level: Option<u8> = None;
        loop {
            let event = reader.read_event().map_err(xml_error)?;
            let (element, ends) = match &event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match e.name().as_ref() {
                        b"w:abstractNum" => abstract_id = None,
                        b"w:num" => num_id = None,
                        b"w:lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let value = || attr(element, b"w:val");
            match element.name().as_ref() {
                // A repeated id is read as LibreOffice reads it: the first definition counts.
                b"w:abstractNum" if !ends => {
                    abstract_id = attr(element, b"w:abstractNumId")
                        .filter(|id| !numbering.abstracts.contains_key(id));
                    if let Some(id) = &abstract_id {
                        numbering.abstracts.insert(id.clone(), HashMap::new());
                    }
                }
                b"w:lvl" => {
                    level = attr(element, b"w:ilvl")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    if let Some(id) = &abstract_id {
                        numbering.abstracts.entry(id.clone()).or_default().insert(
                            level,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        );
                    }
                }
                b"w:start" | b"w:numFmt" | b"w:lvlText" => {
                    let Some(id) = &abstract_id else { continue };
                    let Some(lvl) = numbering
                        .abstracts
                        .get_mut(id)
                        .and_then(|l| l.get_mut(&level))
                    else {
                        continue;
                    };
                    let value = value().unwrap_or_default();
                    match element.name().as_ref() {
                        b"w:start" => lvl.start = value.parse().unwrap_or(1),
                        b"w:numFmt" => lvl.format = value,
                        _ => lvl.text = value,
                    }
                }
                b"w:num" if !ends => {
                    num_id =
                        attr(element, b"w:numId").filter(|id| !numbering.lists.contains_key(id))
                }
                b"w:abstractNumId" => {
                    if let (Some(id), Some(value)) = (&num_id, value()) {
                        numbering.lists.entry(id.clone()).or_default().0 = value;
                    }
                }
                b"w:lvlOverride" if !ends => {
                    override_level = attr(element, b"w:ilvl").and_then(|v| v.parse().ok());
                }
                b"w:startOverride" => {
                    if let (Some(id), Some(level), Some(start)) = (
                        &num_id,
                        override_level,
                        value().and_then(|v| v.parse().ok()),
                    ) {
                        numbering
                            .lists
                            .entry(id.clone())
                            .or_default()
                            .1
                            .insert(level, start);
                    }
                }
                _ => {}
            }
        }
        Ok(numbering)
    }

    fn level(&self, num_id: &str, level: u8) -> Option<&Level> {
        let (abstract_id, _) = self.lists.get(num_id)?;
        self.abstracts.get(abstract_id)?.get(&level)
    }
}

/// The list and level each paragraph style numbers its paragraphs with (Word's "Kop 1" with
/// "Artikel %1", say), following `basedOn`.
fn style_numbering(xml: &str) -> Result<HashMap<String, (String, u8)>, WordProblem> {
    let mut direct: HashMap<String, (Option<String>, Option<u8>)> = HashMap::new();
    let mut based_on: HashMap<String, String> = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut style: Option<String> = None;
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name();
                match name.as_ref() {
                    b"w:style" => style = attr(&e, b"w:styleId"),
                    b"w:basedOn" => {
                        if let (Some(s), Some(v)) = (&style, attr(&e, b"w:val")) {
                            based_on.insert(s.clone(), v);
                        }
                    }
                    b"w:numId" => {
                        if let Some(s) = &style {
                            direct.entry(s.clone()).or_default().0 = attr(&e, b"w:val");
                        }
                    }
                    b"w:ilvl" => {
                        if let Some(s) = &style {
                            direct.entry(s.clone()).or_default().1 =
                                attr(&e, b"w:val").and_then(|v| v.parse().ok());
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) if e.name().as_ref() == b"w:style" => style = None,
            Event::Eof => break,
            _ => {}
        }
    }
    let mut resolved = HashMap::new();
    for id in direct.keys().chain(based_on.keys()) {
        let (mut num, mut level) = (None, None);
        let mut at = Some(id.clone());
        for _ in 0..10 {
            let Some(current) = at else { break };
            if let Some((n, l)) = direct.get(&current) {
                num = num.or(n.clone());
                level = level.or(*l);
            }
            at = based_on.get(&current).cloned();
        }
        if let Some(num) = num {
            resolved.insert(id.clone(), (num, level.unwrap_or(0)));
        }
    }
    Ok(resolved)
}

/// Counts as Word does: per list, each level's number; a number at a level restarts the
/// levels below it.
#[derive(Default)]
struct Counters(HashMap<String, [Option<u32>; 9]>);

impl Counters {
    fn label(&mut self, numbering: &Numbering, num_id: &str, level: u8) -> String {
        let Some(definition) = numbering.level(num_id, level) else {
            return String::new();
        };
        let level = (level as usize).min(8);
        let starts = numbering.lists.get(num_id).map(|l| &l.1);
        let counters = self.0.entry(num_id.to_string()).or_default();
        counters[level] = Some(match counters[level] {
            Some(n) => n + 1,
            None => starts
                .and_then(|s| s.get(&(level as u8)))
                .copied()
                .unwrap_or(definition.start),
        });
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        if definition.format == "bullet" {
            return "•".to_string();
        }
        if definition.format == "none" {
            return String::new();
        }
        let mut label = definition.text.clone();
        for (at, counter) in counters.iter().enumerate().take(level + 1).rev() {
            let format = numbering
                .level(num_id, at as u8)
                .map_or("decimal", |l| l.format.as_str());
            let number =
                counter.unwrap_or_else(|| numbering.level(num_id, at as u8).map_or(1, |l| l.start));
            label = label.replace(&format!("%{}", at + 1), &written(number, format));
        }
        label
    }
}

/// A number as a numbering format writes it.
fn written(number: u32, format: &str) -> String {
    let letter = |n: u32, base: u8| {
        let n = n.max(1) - 1;
        let letter = (base + (n % 26) as u8) as char;
        letter.to_string().repeat(n as usize / 26 + 1)
    };
    match format {
        "lowerLetter" => letter(number, b'a'),
        "upperLetter" => letter(number, b'A'),
        "lowerRoman" => roman(number).to_lowercase(),
        "upperRoman" => roman(number),
        _ => number.to_string(),
    }
}

fn roman(mut number: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while number >= value {
            out.push_str(numeral);
            number -= value;
        }
    }
    out
}

/// The paragraphs of `word/document.xml`, numbered.
fn paragraphs(
    xml: &str,
    numbering: &Numbering,
    styles: &HashMap<String, (String, u8)>,
) -> Result<String, WordProblem> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<String> = Vec::new();
    let mut counters = Counters::default();
    // The paragraph being read: its text, style and numbering.
    let mut text = String::new();
    let (mut style, mut num_id, mut level): (Option<String>, Option<String>, Option<u8>) =
        (None, None, None);
    // Inside deleted or moved-away text, a field's code, or a drawing's fallback copy.
    let (mut deleted, mut fallback) = (0u32, 0u32);
    let mut fields: Vec<bool> = Vec::new(); // per open field: showing its code?
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(xml_error)?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    b"w:p" if !empty => {
                        text.clear();
                        (style, num_id, level) = (None, None, None);
                    }
                    b"w:pStyle" => style = attr(e, b"w:val"),
                    b"w:numId" => num_id = attr(e, b"w:val"),
                    b"w:ilvl" => level = attr(e, b"w:val").and_then(|v| v.parse().ok()),
                    b"w:del" | b"w:moveFrom" if !empty => deleted += 1,
                    b"mc:Fallback" if !empty => fallback += 1,
                    b"w:fldChar" => match attr(e, b"w:fldCharType").as_deref() {
                        Some("begin") => fields.push(true),
                        Some("separate") => {
                            if let Some(code) = fields.last_mut() {
                                *code = false;
                            }
                        }
                        Some("end") => {
                            fields.pop();
                        }
                        _ => {}
                    },
                    b"w:t" if !empty => in_text = true,
                    b"w:tab" | b"w:ptab" if deleted == 0 && fallback == 0 => text.push(' '),
                    b"w:br" | b"w:cr" if deleted == 0 && fallback == 0 => text.push('\n'),
                    b"w:noBreakHyphen" => text.push('-'),
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                let skipped = deleted > 0 || fallback > 0 || fields.iter().any(|code| *code);
                if !skipped {
                    text.push_str(&t.decode().map_err(xml_error)?);
                }
            }
            Event::GeneralRef(r) if in_text => {
                let skipped = deleted > 0 || fallback > 0 || fields.iter().any(|code| *code);
                if !skipped {
                    let resolved = resolve_reference(r).ok_or(WordProblem::NotWord)?;
                    text.push_str(&resolved);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:del" | b"w:moveFrom" => deleted = deleted.saturating_sub(1),
                b"mc:Fallback" => fallback = fallback.saturating_sub(1),
                b"w:p" => {
                    let numbered = match (&num_id, &style) {
                        (Some(id), _) => Some((id.clone(), level.unwrap_or(0))),
                        (None, Some(style)) => styles
                            .get(style)
                            .map(|(id, l)| (id.clone(), level.unwrap_or(*l))),
                        _ => None,
                    };
                    let label = match numbered {
                        Some((id, level)) if id != "0" => counters.label(numbering, &id, level),
                        _ => String::new(),
                    };
                    let body = text.trim();
                    out.push(match (label.is_empty(), body.is_empty()) {
                        (true, _) => body.to_string(),
                        (false, true) => String::new(),
                        (false, false) => format!("{} {body}", label.trim()),
                    });
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
        <w:abstractNum w:abstractNumId="7">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Artikel %1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
          <w:lvl w:ilvl="3"><w:start w:val="4"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%4."/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
        <!-- A repeated id: the first definition counts, as LibreOffice reads it. -->
        <w:abstractNum w:abstractNumId="7">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Tweede %1"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="3"><w:abstractNumId w:val="8"/></w:num>
        <w:num w:numId="4"><w:abstractNumId w:val="7"/>
          <w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/></w:lvlOverride></w:num>
      </w:numbering>"#;

    const STYLES: &str = r#"<w:styles xmlns:w="w">
        <w:style w:styleId="Artikel"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
        <w:style w:styleId="Lid"><w:basedOn w:val="Artikel"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
      </w:styles>"#;

    fn paragraph(style: &str, numbering: &str, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr>{style}{numbering}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
        )
    }

    fn text_of(body: &[String]) -> String {
        let document = format!(
            r#"<w:document xmlns:w="w"><w:body>{}</w:body></w:document>"#,
            body.concat()
        );
        let numbering = Numbering::read(NUMBERING).unwrap();
        let styles = style_numbering(STYLES).unwrap();
        paragraphs(&document, &numbering, &styles).unwrap()
    }

    #[test]
    fn numbers_come_from_styles_levels_and_formats_as_word_counts_them() {
        let style = |s: &str| format!(r#"<w:pStyle w:val="{s}"/>"#);
        let level =
            |n: u8| format!(r#"<w:numPr><w:ilvl w:val="{n}"/><w:numId w:val="3"/></w:numPr>"#);
        let text = text_of(&[
            paragraph(&style("Artikel"), "", "Begrippen"),
            paragraph(&style("Lid"), "", "Eerste lid"),
            paragraph("", &level(2), "een &amp; twee"),
            paragraph("", &level(2), "drie"),
            paragraph("", &level(3), "vier"),
            paragraph(&style("Lid"), "", "Tweede lid"),
            paragraph("", &level(2), "opnieuw"),
            paragraph(&style("Artikel"), "", "Slot"),
            paragraph(&style("Lid"), "", "Laatste lid"),
        ]);
        let lines: Vec<&str> = text.split("\n\n").collect();
        assert_eq!(
            lines,
            [
                "Artikel 1. Begrippen",
                "1.1 Eerste lid",
                "(a) een & twee",
                "(b) drie",
                "IV. vier",
                "1.2 Tweede lid",
                "(a) opnieuw",
                "Artikel 2. Slot",
                "2.1 Laatste lid",
            ],
            "a deeper level restarts when a higher one counts on"
        );
    }

    #[test]
    fn a_list_that_starts_again_at_a_number_and_deleted_text_and_field_codes() {
        let text = text_of(&[
            paragraph("", r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr>"#, "Negen"),
            r#"<w:p><w:r><w:t>Blijft</w:t></w:r><w:del><w:r><w:delText>weg</w:delText></w:r></w:del><w:ins><w:r><w:t> erbij</w:t></w:r></w:ins><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t> 3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#.to_string(),
        ]);
        assert_eq!(text, "Artikel 9. Negen\n\nBlijft erbij 3");
    }

    #[test]
    fn the_numbers_of_formats() {
        assert_eq!(written(28, "lowerLetter"), "bb");
        assert_eq!(written(1994, "upperRoman"), "MCMXCIV");
        assert_eq!(written(4, "lowerRoman"), "iv");
        assert_eq!(written(12, "decimal"), "12");
    }
}
