//! The text of an agreement PDF, from the words and boxes poppler finds in it.
//!
//! `pdftotext -bbox-layout` (poppler) gives every page as flows (a column, a header) of
//! blocks of lines of words, each with its box, in reading order: two columns come as two
//! flows. This module turns that into the plain text the template parser reads:
//! - a number set apart by a tab (`6.2 ⇥ De verwerker …`) comes back onto the line of its text;
//! - running headers and footers are taken out: lines at the top or bottom of the pages
//!   that repeat on most of them (page numbers may change), and page markers such as
//!   `pagina 7 van 11`;
//! - a word split over two lines with a hyphen is joined again, unless the hyphen is its
//!   own (`ICT-systemen`, `e-mailadres`, `zee-egel`; see [`keeps_hyphen`]);
//! - ligatures and other compatibility characters become plain letters (NFKC), and a bullet
//!   from a symbol font becomes `•`;
//! - a larger gap between lines starts a new paragraph (a blank line).
//!
//! No I/O: the layout arrives as text.

use std::collections::{HashMap, HashSet};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use unicode_normalization::UnicodeNormalization;

use super::template::{has_page_marker, is_clause_or_heading};
use super::xml_text::resolve_reference;

/// An agreement's text read from a PDF, with the page furniture taken out of it.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfText {
    pub text: String,
    /// Each header, footer or page number taken out, in reading order.
    pub furniture: Vec<String>,
}

/// Why a layout could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfProblem {
    /// Not the layout `pdftotext -bbox-layout` writes.
    NotLayout,
    /// No text at all: a scan, or only pictures.
    NoText,
}

#[derive(Debug, Clone)]
struct Word {
    x_min: f64,
    y_min: f64,
    x_max: f64,
    y_max: f64,
    text: String,
}

/// A line of a page, in reading order, with its box.
#[derive(Debug, Clone)]
struct Line {
    words: Vec<Word>,
    /// The flow (column, header, footer) it stands in.
    flow: usize,
}

impl Line {
    fn y_min(&self) -> f64 {
        self.words
            .iter()
            .map(|w| w.y_min)
            .fold(f64::INFINITY, f64::min)
    }
    fn y_max(&self) -> f64 {
        self.words
            .iter()
            .map(|w| w.y_max)
            .fold(f64::NEG_INFINITY, f64::max)
    }
    fn x_min(&self) -> f64 {
        self.words
            .iter()
            .map(|w| w.x_min)
            .fold(f64::INFINITY, f64::min)
    }
    fn x_max(&self) -> f64 {
        self.words
            .iter()
            .map(|w| w.x_max)
            .fold(f64::NEG_INFINITY, f64::max)
    }
    fn text(&self) -> String {
        let words: Vec<&str> = self.words.iter().map(|w| w.text.as_str()).collect();
        words.join(" ")
    }
}

struct Page {
    width: f64,
    lines: Vec<Line>,
}

/// The most lines at the top and at the bottom of a page that may be a header or footer.
const FURNITURE_DEPTH: usize = 2;
/// The most lines a page may have for its tabbed pieces to be joined (every piece is held
/// against every other); a page of an agreement has a few hundred at most.
const MAX_LINES_TO_MERGE: usize = 1_000;

/// Reads the layout `pdftotext -bbox-layout` wrote into the text of the agreement.
pub fn text_of_layout(layout: &str) -> Result<PdfText, PdfProblem> {
    let pages: Vec<Page> = read_layout(layout)?
        .into_iter()
        .map(|page| Page {
            lines: merge_tabbed_lines(page.lines, page.width),
            ..page
        })
        .collect();
    if pages.iter().all(|p| p.lines.is_empty()) {
        return Err(PdfProblem::NoText);
    }
    let furniture = find_furniture(&pages);
    let mut removed = Vec::new();
    let mut lines: Vec<(bool, String)> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let mut previous: Option<&Line> = None;
        for (l, line) in page.lines.iter().enumerate() {
            if furniture.contains(&(p, l)) {
                removed.push(line.text());
                continue;
            }
            let gap = previous.is_some_and(|before| paragraph_gap(before, line));
            lines.push((gap, with_bullet(&line.text())));
            previous = Some(line);
        }
    }
    join_hyphenated(&mut lines);
    let mut text = String::new();
    for (gap, line) in lines {
        if line.is_empty() {
            continue; // its only word moved up onto the line before
        }
        if gap {
            text.push('\n');
        }
        text.push_str(&line);
        text.push('\n');
    }
    Ok(PdfText {
        text,
        furniture: removed,
    })
}

fn read_layout(layout: &str) -> Result<Vec<Page>, PdfProblem> {
    let mut reader = Reader::from_str(layout);
    let mut pages: Vec<Page> = Vec::new();
    let mut word: Option<Word> = None;
    let mut line: Vec<Word> = Vec::new();
    let mut flow = 0;
    let mut seen_html = false;
    loop {
        match reader.read_event().map_err(|_| PdfProblem::NotLayout)? {
            Event::Start(e) => match e.name().as_ref() {
                b"html" => seen_html = true,
                b"page" => pages.push(Page {
                    width: number(&e, b"width").unwrap_or(0.0),
                    lines: Vec::new(),
                }),
                b"flow" => flow += 1,
                b"word" => {
                    word = Some(Word {
                        x_min: number(&e, b"xMin").ok_or(PdfProblem::NotLayout)?,
                        y_min: number(&e, b"yMin").ok_or(PdfProblem::NotLayout)?,
                        x_max: number(&e, b"xMax").ok_or(PdfProblem::NotLayout)?,
                        y_max: number(&e, b"yMax").ok_or(PdfProblem::NotLayout)?,
                        text: String::new(),
                    })
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(word) = &mut word {
                    word.text
                        .push_str(&t.decode().map_err(|_| PdfProblem::NotLayout)?);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(word) = &mut word {
                    let resolved = resolve_reference(&r).ok_or(PdfProblem::NotLayout)?;
                    word.text.push_str(&resolved);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"word" => {
                    if let Some(mut done) = word.take() {
                        done.text = done.text.nfkc().collect::<String>().trim().to_string();
                        if !done.text.is_empty() {
                            line.push(done);
                        }
                    }
                }
                b"line" => {
                    let words = std::mem::take(&mut line);
                    if let (Some(page), false) = (pages.last_mut(), words.is_empty()) {
                        page.lines.push(Line { words, flow });
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_html {
        return Err(PdfProblem::NotLayout);
    }
    Ok(pages)
}

fn number(e: &BytesStart, name: &[u8]) -> Option<f64> {
    let value = e.try_get_attribute(name).ok()??;
    std::str::from_utf8(&value.value)
        .ok()?
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
}

/// Brings the pieces of a line set apart by tabs back together: poppler splits `6.2 ⇥ text`
/// and `Artikel 6 ⇥ – ⇥ Title` at the tabs, into lines of their own and sometimes flows of
/// their own. A piece joins the piece to its left on the same baseline, unless both stand in
/// columns of text (flows at least a quarter of the page wide).
fn merge_tabbed_lines(lines: Vec<Line>, page_width: f64) -> Vec<Line> {
    if lines.len() > MAX_LINES_TO_MERGE {
        return lines;
    }
    let columns = Columns::of(&lines, page_width);
    let boxes: Vec<Bounds> = lines.iter().map(Bounds::of).collect();
    // The piece to the right of each line, if any.
    let mut right: Vec<Option<usize>> = vec![None; lines.len()];
    let mut has_left = vec![false; lines.len()];
    for (i, piece) in boxes.iter().enumerate() {
        let next = boxes
            .iter()
            .enumerate()
            .filter(|(j, other)| {
                *j != i
                    && piece.same_baseline(other)
                    && other.x_min >= piece.x_max
                    && other.x_min > piece.x_min // chains run rightwards: no cycle
                    && other.x_min - piece.x_max < page_width * 0.15
                    && !columns.apart(lines[i].flow, lines[*j].flow)
            })
            .min_by(|(_, a), (_, b)| a.x_min.total_cmp(&b.x_min));
        if let Some((j, _)) = next {
            if !has_left[j] {
                right[i] = Some(j);
                has_left[j] = true;
            }
        }
    }
    let mut merged = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if has_left[i] {
            continue; // part of the line to its left
        }
        let mut whole = line.clone();
        let mut at = right[i];
        while let Some(j) = at {
            whole.words.extend(lines[j].words.iter().cloned());
            at = right[j];
        }
        merged.push(whole);
    }
    merged
}

/// A line's box.
struct Bounds {
    x_min: f64,
    y_min: f64,
    x_max: f64,
    y_max: f64,
}

impl Bounds {
    fn of(line: &Line) -> Bounds {
        Bounds {
            x_min: line.x_min(),
            y_min: line.y_min(),
            x_max: line.x_max(),
            y_max: line.y_max(),
        }
    }

    fn same_baseline(&self, other: &Bounds) -> bool {
        let overlap = self.y_max.min(other.y_max) - self.y_min.max(other.y_min);
        let height = (self.y_max - self.y_min).min(other.y_max - other.y_min);
        overlap > height / 2.0
    }
}

/// The flows of a page wide enough to be columns of text.
struct Columns {
    wide: HashSet<usize>,
}

impl Columns {
    fn of(lines: &[Line], page_width: f64) -> Columns {
        let mut extent: HashMap<usize, (f64, f64)> = HashMap::new();
        for line in lines {
            let e = extent
                .entry(line.flow)
                .or_insert((f64::INFINITY, f64::NEG_INFINITY));
            *e = (e.0.min(line.x_min()), e.1.max(line.x_max()));
        }
        let wide = extent
            .into_iter()
            .filter(|(_, (from, to))| to - from >= page_width / 4.0)
            .map(|(flow, _)| flow)
            .collect();
        Columns { wide }
    }

    fn apart(&self, a: usize, b: usize) -> bool {
        a != b && self.wide.contains(&a) && self.wide.contains(&b)
    }
}

/// A gap between two lines, one under the other, larger than most of a line: a new paragraph.
fn paragraph_gap(before: &Line, line: &Line) -> bool {
    let height = before.y_max() - before.y_min();
    let under = line.x_min() < before.x_max() && before.x_min() < line.x_max();
    under && line.y_min() - before.y_max() > height * 0.6
}

/// Lines at the top or bottom of their page that are page furniture: a page marker or page
/// number, or a line that stands there on most pages (its digits may change).
fn find_furniture(pages: &[Page]) -> HashSet<(usize, usize)> {
    let edges = |page: &Page| -> Vec<usize> {
        let mut by_height: Vec<usize> = (0..page.lines.len()).collect();
        by_height.sort_by(|a, b| page.lines[*a].y_min().total_cmp(&page.lines[*b].y_min()));
        let top = by_height.iter().take(FURNITURE_DEPTH);
        let bottom = by_height.iter().rev().take(FURNITURE_DEPTH);
        let mut edges: Vec<usize> = top.chain(bottom).copied().collect();
        edges.sort_unstable();
        edges.dedup();
        edges
    };
    let key = |line: &Line| -> String {
        line.text()
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let mut pages_with: HashMap<String, HashSet<usize>> = HashMap::new();
    for (p, page) in pages.iter().enumerate() {
        for l in edges(page) {
            pages_with.entry(key(&page.lines[l])).or_default().insert(p);
        }
    }
    let most = pages.len().div_ceil(2).max(2);
    let mut furniture = HashSet::new();
    for (p, page) in pages.iter().enumerate() {
        for l in edges(page) {
            let line = &page.lines[l];
            let text = line.text();
            let repeated = pages_with[&key(line)].len() >= most && !is_clause_or_heading(&text);
            let page_number = text.len() <= 4 && text.chars().all(|c| c.is_ascii_digit());
            if repeated || page_number || has_page_marker(&text) {
                furniture.insert((p, l));
            }
        }
    }
    furniture
}

/// A bullet drawn from a symbol font (a private-use character such as U+F0B7) becomes `•`.
fn with_bullet(line: &str) -> String {
    let mut chars = line.chars();
    match (chars.next(), chars.next()) {
        (Some(c), Some(' ')) if ('\u{f000}'..='\u{f0ff}').contains(&c) => {
            format!("• {}", chars.as_str())
        }
        _ => line.to_string(),
    }
}

/// Joins words split at a line end with a hyphen: the rest of the word moves up onto the
/// line that ends in the hyphen, with the hyphen when it is the word's own.
fn join_hyphenated(lines: &mut [(bool, String)]) {
    let words = words_on_lines(lines);
    for i in 1..lines.len() {
        let (before, after) = lines.split_at_mut(i);
        let (_, previous) = &mut before[i - 1];
        let (gap, next) = &mut after[0];
        if *gap {
            continue;
        }
        let Some(head) = previous
            .strip_suffix(['-', '\u{ad}', '\u{2010}'])
            .map(|head| head.rsplit(' ').next().unwrap_or(head).to_string())
        else {
            continue;
        };
        let (tail, rest) = next.split_once(' ').unwrap_or((next.as_str(), ""));
        let joinable = head.chars().last().is_some_and(char::is_alphabetic)
            && tail.chars().next().is_some_and(char::is_lowercase);
        if !joinable {
            continue;
        }
        let keep = keeps_hyphen(&head, tail, &words);
        previous.pop();
        if keep {
            previous.push('-');
        }
        previous.push_str(tail);
        *next = rest.to_string();
    }
}

/// Every word that stands whole on a line (lowercase, without punctuation around it).
fn words_on_lines(lines: &[(bool, String)]) -> HashSet<String> {
    lines
        .iter()
        .flat_map(|(_, line)| {
            let words: Vec<&str> = line.split(' ').collect();
            let whole = words.len().saturating_sub(1);
            words.into_iter().take(whole).skip(1).map(bare_word)
        })
        .collect()
}

fn bare_word(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase()
}

/// Whether a hyphen at a line end between `head` and `tail` is the word's own. What the rest
/// of the document writes decides first: the word written whole elsewhere, or with the
/// hyphen. Else the Dutch spelling rules: a hyphen stays after an abbreviation, a digit or a
/// single letter (`AVG-`, `KvK-`, `3-`, `e-mailadres`), before a capital (`Noord-Holland`),
/// and where two vowels would otherwise be read as one sound (`zee-egel`, `auto-ongeluk`,
/// `contra-expertise`; not `zeearend`).
/// A hyphenation program never leaves one letter behind, so those are always real hyphens.
pub fn keeps_hyphen(head: &str, tail: &str, document_words: &HashSet<String>) -> bool {
    let head_word = bare_word(head);
    let tail_word = bare_word(tail);
    if document_words.contains(&format!("{head_word}-{tail_word}")) {
        return true;
    }
    if document_words.contains(&format!("{head_word}{tail_word}")) {
        return false;
    }
    let letters: Vec<char> = head_word.chars().collect();
    let original: Vec<char> = head
        .trim_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .collect();
    let abbreviation = original.iter().skip(1).any(|c| c.is_uppercase())
        || original.iter().any(char::is_ascii_digit)
        || letters.len() == 1;
    let capital_after = tail.chars().next().is_some_and(char::is_uppercase);
    let vowel_clash = match (letters.last(), tail_word.chars().next()) {
        (Some(a), Some(b)) => {
            let pair: String = [*a, b].iter().collect();
            matches!(
                pair.as_str(),
                "aa" | "ae"
                    | "ai"
                    | "au"
                    | "ee"
                    | "ei"
                    | "eu"
                    | "ie"
                    | "ii"
                    | "oe"
                    | "oi"
                    | "oo"
                    | "ou"
                    | "ui"
                    | "uu"
            )
        }
        _ => false,
    };
    abbreviation || capital_after || vowel_clash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x: f64, y: f64, text: &str) -> String {
        let width = 6.0 * text.chars().count() as f64;
        format!(
            r#"<word xMin="{x}" yMin="{y}" xMax="{}" yMax="{}">{text}</word>"#,
            x + width,
            y + 13.0
        )
    }

    type Flow = Vec<(f64, f64, &'static str)>;

    /// A layout as pdftotext writes it: pages of flows of lines of words, each line at (x, y).
    fn layout(pages: &[Vec<Flow>]) -> String {
        let mut xml = String::from(
            r#"<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body><doc>"#,
        );
        for flows in pages {
            xml.push_str(r#"<page width="595" height="842">"#);
            for lines in flows {
                xml.push_str("<flow><block>");
                for (x, y, text) in lines {
                    xml.push_str("<line>");
                    let mut at = *x;
                    for w in text.split(' ') {
                        xml.push_str(&word(at, *y, &w.replace('&', "&amp;")));
                        at += 6.0 * (w.chars().count() as f64 + 1.0);
                    }
                    xml.push_str("</line>");
                }
                xml.push_str("</block></flow>");
            }
            xml.push_str("</page>");
        }
        xml.push_str("</doc></body></html>");
        xml
    }

    #[test]
    fn a_number_set_apart_by_a_tab_comes_back_onto_its_line() {
        let xml = layout(&[vec![vec![
            (85.0, 100.0, "Artikel 6"),
            (150.0, 100.0, "Datalekken"),
            (85.0, 113.0, "6.1"),
            (120.0, 113.0, "De verwerker meldt"),
            (120.0, 126.0, "elk incident."),
        ]]]);
        assert_eq!(
            text_of_layout(&xml).unwrap().text,
            "Artikel 6 Datalekken\n6.1 De verwerker meldt\nelk incident.\n"
        );
    }

    #[test]
    fn pieces_set_apart_by_tabs_in_flows_of_their_own_come_together() {
        let xml = layout(&[vec![
            vec![(57.0, 300.0, "Artikel 6")],
            vec![(123.0, 300.0, "–")],
            vec![(
                85.0,
                100.0,
                "Een inleiding die de hele breedte van de pagina beslaat, tot aan de rand.",
            )],
            vec![(141.0, 300.0, "Datalekken")],
        ]]);
        assert_eq!(
            text_of_layout(&xml).unwrap().text,
            "Artikel 6 – Datalekken\nEen inleiding die de hele breedte van de pagina beslaat, tot aan de rand.\n"
        );
    }

    #[test]
    fn a_page_of_thousands_of_pieces_on_one_baseline_keeps_every_word() {
        // Below and above the number of lines whose pieces are joined.
        for count in [900, 3_000] {
            let pieces: Vec<(f64, f64, &'static str)> = (0..count)
                .map(|i| (f64::from(i % 90), 100.0, "x"))
                .collect();
            let read = text_of_layout(&layout(&[vec![pieces]])).unwrap();
            assert_eq!(read.text.split_whitespace().count(), count as usize);
        }
    }

    #[test]
    fn running_headers_and_footers_go_and_are_reported() {
        let page = |body: &'static str, footer: &'static str| {
            vec![
                vec![(85.0, 40.0, "Wolkwerk – vertrouwelijk")],
                vec![(85.0, 100.0, body)],
                vec![(85.0, 780.0, footer)],
            ]
        };
        let pages = [
            page("Eerste", "Overeenkomst 1 / 3"),
            page("Tweede", "Overeenkomst 2 / 3"),
            page("Derde", "Overeenkomst 3 / 3"),
        ];
        let read = text_of_layout(&layout(&pages)).unwrap();
        assert_eq!(read.text, "Eerste\nTweede\nDerde\n");
        assert_eq!(read.furniture.len(), 6);
        assert_eq!(read.furniture[1], "Overeenkomst 1 / 3");
    }

    #[test]
    fn a_line_on_the_edge_of_one_page_only_stays() {
        let xml = layout(&[
            vec![
                vec![(85.0, 40.0, "Bijlage A")],
                vec![(85.0, 100.0, "Tekst")],
            ],
            vec![vec![(85.0, 100.0, "Meer tekst")]],
        ]);
        assert_eq!(
            text_of_layout(&xml).unwrap().text,
            "Bijlage A\n\nTekst\nMeer tekst\n"
        );
    }

    #[test]
    fn two_columns_are_read_one_after_the_other_and_a_word_split_over_them_is_joined() {
        let xml = layout(&[vec![
            vec![(85.0, 100.0, "5.4 De lijst noemt de contact-")],
            vec![(310.0, 100.0, "persoon van elke subverwerker.")],
        ]]);
        assert_eq!(
            text_of_layout(&xml).unwrap().text,
            "5.4 De lijst noemt de contactpersoon\nvan elke subverwerker.\n"
        );
    }

    #[test]
    fn a_larger_gap_starts_a_paragraph() {
        let xml = layout(&[vec![vec![
            (85.0, 100.0, "Eerste alinea."),
            (85.0, 125.0, "Tweede alinea"),
            (85.0, 138.0, "loopt door."),
        ]]]);
        assert_eq!(
            text_of_layout(&xml).unwrap().text,
            "Eerste alinea.\n\nTweede alinea\nloopt door.\n"
        );
    }

    #[test]
    fn ligatures_and_symbol_bullets_become_plain_text() {
        let xml = layout(&[vec![vec![
            (85.0, 100.0, "De ﬁnanciële afdeling, ﬂexibel:"),
            (85.0, 113.0, "\u{f0b7}"),
            (100.0, 113.0, "de feiten & gevolgen;"),
        ]]]);
        assert_eq!(
            text_of_layout(&xml).unwrap().text,
            "De financiële afdeling, flexibel:\n• de feiten & gevolgen;\n"
        );
    }

    #[test]
    fn what_is_not_a_layout_or_has_no_text_is_refused() {
        assert_eq!(text_of_layout("%PDF-1.7"), Err(PdfProblem::NotLayout));
        assert_eq!(
            text_of_layout("<html><body><word>"),
            Err(PdfProblem::NotLayout)
        );
        let empty = layout(&[vec![], vec![]]);
        assert_eq!(text_of_layout(&empty), Err(PdfProblem::NoText));
    }

    fn hyphen_kept(head: &str, tail: &str) -> bool {
        keeps_hyphen(head, tail, &HashSet::new())
    }

    #[test]
    fn a_hyphenation_hyphen_goes() {
        for (head, tail) in [
            ("beveiligings", "maatregelen"),
            ("vertrouwelijk", "heid"),
            ("geheim", "houding,"),
            ("be", "ambte"),
            ("zee", "arend"),
            ("Verwerkers", "overeenkomst"),
        ] {
            assert!(!hyphen_kept(head, tail), "{head}-{tail}");
        }
    }

    #[test]
    fn a_hyphen_of_the_word_itself_stays() {
        for (head, tail) in [
            ("ICT", "systemen"),
            ("EU", "lidstaat"),
            ("AVG", "verplichtingen"),
            ("KvK", "nummer"),
            ("e", "mailadres"),
            ("3", "jarige"),
            ("Noord", "Holland"),
            ("zee", "egel"),
            ("auto", "ongeluk"),
            ("contra", "expertise"),
            ("(ICT", "systemen)"),
        ] {
            assert!(hyphen_kept(head, tail), "{head}-{tail}");
        }
    }

    #[test]
    fn the_rest_of_the_document_decides_first() {
        let words: HashSet<String> = ["back-upmedia".to_string(), "privacyverklaring".to_string()]
            .into_iter()
            .collect();
        assert!(keeps_hyphen("back", "upmedia", &words));
        assert!(!keeps_hyphen("privacy", "verklaring", &words));
        assert!(!keeps_hyphen("back", "upmedia", &HashSet::new()));
    }
}
