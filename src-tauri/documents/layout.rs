//! Text layout for A4 documents: word wrapping with the embedded font's real glyph widths,
//! headings that never stand alone at the foot of a page, lists, key–value tables, a
//! letterhead and a footer with the document's identity and "page X of Y".
//!
//! Layout is pure: it turns a [`Document`] into positioned lines. Writing the PDF is
//! `pdf.rs`'s job.

use std::collections::VecDeque;

use super::fonts::{Face, Fonts};

pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
const MARGIN_X: f32 = 62.0;
const TOP: f32 = PAGE_HEIGHT - 118.0;
const BOTTOM: f32 = 72.0;
const BODY: f32 = 10.0;
const SMALL: f32 = 8.0;
const LEADING: f32 = 1.38;
const INDENT: f32 = 34.0;
const COLUMN_GAP: f32 = 18.0;

/// What a document says, in reading order. The wizard's preview shows the same items.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[ts(export)]
pub enum Item {
    Title(String),
    Heading(String),
    Paragraph(String),
    /// A numbered clause with a hanging indent: `6.2.1  text…`.
    Numbered {
        number: String,
        text: String,
    },
    Bullet(String),
    /// A two-column table: label, value.
    KeyValues(Vec<(String, String)>),
    /// Two texts beside each other in equal columns under their headings: a text as it
    /// was and as it will be.
    SideBySide {
        heads: (String, String),
        rows: Vec<(String, String)>,
    },
    /// Small grey text, e.g. an explanation.
    Note(String),
}

/// A document to lay out.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Lines of the letterhead, first page top right: the processor's details.
    pub letterhead: Vec<String>,
    /// Left in every footer: what this document is (title, customer, version).
    pub identity: String,
    /// The footer's page label with `{page}` and `{pages}`, e.g. `pagina {page} van {pages}`.
    pub page_label: String,
    /// Added to a row's label where its value continues on a new page: `vervolg`.
    pub continued: String,
    pub items: Vec<Item>,
}

/// One line of text placed on a page; `x`, `y` in points from the bottom left.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub x: f32,
    pub y: f32,
    pub text: String,
    pub face: Face,
    pub size: f32,
    pub grey: bool,
}

/// Lays the document out on as many pages as it needs.
pub fn lay_out(fonts: &Fonts, document: &Document) -> Vec<Vec<Line>> {
    let mut pages = Pages::new(fonts);
    for (i, line) in document.letterhead.iter().enumerate() {
        let size = if i == 0 { 11.0 } else { SMALL };
        let face = if i == 0 { Face::Bold } else { Face::Regular };
        let width = fonts.width(line, face, size);
        pages.current.push(Line {
            x: PAGE_WIDTH - MARGIN_X - width,
            y: PAGE_HEIGHT - 56.0 - i as f32 * 11.0,
            text: line.clone(),
            face,
            size,
            grey: i > 0,
        });
    }
    let text_width = PAGE_WIDTH - 2.0 * MARGIN_X;
    for (index, item) in document.items.iter().enumerate() {
        match item {
            Item::Title(text) => {
                pages.keep_room(3.0 * 16.0 * LEADING);
                pages.block(text, MARGIN_X, text_width, Face::Bold, 16.0, false);
                pages.gap(8.0);
            }
            Item::Heading(text) => {
                // A heading keeps its own lines and two of what follows on one page.
                let own = fonts.wrap(text, Face::Bold, 12.0, text_width).len() as f32;
                let next =
                    following_lines(fonts, document.items.get(index + 1), text_width).min(2.0);
                pages.gap(8.0);
                pages.keep_room(own * 12.0 * LEADING + 4.0 + next * BODY * LEADING);
                pages.block(text, MARGIN_X, text_width, Face::Bold, 12.0, false);
                pages.gap(4.0);
            }
            Item::Paragraph(text) => {
                pages.block(text, MARGIN_X, text_width, Face::Regular, BODY, false);
                pages.gap(5.0);
            }
            Item::Note(text) => {
                pages.block(text, MARGIN_X, text_width, Face::Regular, SMALL, true);
                pages.gap(5.0);
            }
            Item::Numbered { number, text } => {
                let lines = fonts
                    .wrap(text, Face::Regular, BODY, text_width - INDENT)
                    .len()
                    .min(3);
                pages.keep_room(lines as f32 * BODY * LEADING);
                pages.label(number, MARGIN_X, Face::Bold);
                pages.block(
                    text,
                    MARGIN_X + INDENT,
                    text_width - INDENT,
                    Face::Regular,
                    BODY,
                    false,
                );
                pages.gap(5.0);
            }
            Item::Bullet(text) => {
                let lines = fonts
                    .wrap(text, Face::Regular, BODY, text_width - INDENT - 12.0)
                    .len()
                    .min(3);
                pages.keep_room(lines as f32 * BODY * LEADING);
                pages.label("•", MARGIN_X + INDENT, Face::Regular);
                pages.block(
                    text,
                    MARGIN_X + INDENT + 12.0,
                    text_width - INDENT - 12.0,
                    Face::Regular,
                    BODY,
                    false,
                );
                pages.gap(3.0);
            }
            Item::KeyValues(rows) => {
                for (key, value) in rows {
                    pages.key_value(key, value, &document.continued);
                    pages.gap(3.0);
                }
                pages.gap(5.0);
            }
            Item::SideBySide { heads, rows } => {
                pages.keep_room(3.0 * BODY * LEADING);
                pages.columns(&heads.0, &heads.1, Face::Bold);
                pages.gap(3.0);
                for (left, right) in rows {
                    pages.columns(left, right, Face::Regular);
                    pages.gap(6.0);
                }
                pages.gap(2.0);
            }
        }
    }
    let mut laid_out = pages.finish();
    add_footers(fonts, document, &mut laid_out);
    laid_out
}

/// How many lines the item after a heading starts with, to keep them together.
fn following_lines(fonts: &Fonts, next: Option<&Item>, width: f32) -> f32 {
    match next {
        Some(Item::Paragraph(text)) => fonts.wrap(text, Face::Regular, BODY, width).len() as f32,
        Some(Item::Numbered { text, .. }) => {
            fonts.wrap(text, Face::Regular, BODY, width - INDENT).len() as f32
        }
        Some(Item::Bullet(text)) => fonts
            .wrap(text, Face::Regular, BODY, width - INDENT - 12.0)
            .len() as f32,
        Some(Item::Note(text)) => fonts.wrap(text, Face::Regular, SMALL, width).len() as f32,
        Some(Item::KeyValues(rows)) => rows.len() as f32,
        Some(Item::SideBySide { .. }) => 2.0,
        Some(_) => 1.0,
        None => 0.0,
    }
}

fn add_footers(fonts: &Fonts, document: &Document, pages: &mut [Vec<Line>]) {
    let count = pages.len();
    for (index, page) in pages.iter_mut().enumerate() {
        let label = document
            .page_label
            .replace("{page}", &(index + 1).to_string())
            .replace("{pages}", &count.to_string());
        let label_width = fonts.width(&label, Face::Regular, SMALL);
        let identity_width = PAGE_WIDTH - 2.0 * MARGIN_X - label_width - 16.0;
        let identity = fonts
            .wrap(&document.identity, Face::Regular, SMALL, identity_width)
            .into_iter()
            .next()
            .unwrap_or_default();
        page.push(Line {
            x: MARGIN_X,
            y: 40.0,
            text: identity,
            face: Face::Regular,
            size: SMALL,
            grey: true,
        });
        page.push(Line {
            x: PAGE_WIDTH - MARGIN_X - label_width,
            y: 40.0,
            text: label,
            face: Face::Regular,
            size: SMALL,
            grey: true,
        });
    }
}

struct Pages<'a> {
    fonts: &'a Fonts,
    done: Vec<Vec<Line>>,
    current: Vec<Line>,
    y: f32,
}

impl<'a> Pages<'a> {
    fn new(fonts: &'a Fonts) -> Self {
        Pages {
            fonts,
            done: Vec::new(),
            current: Vec::new(),
            y: TOP,
        }
    }

    fn new_page(&mut self) {
        self.done.push(std::mem::take(&mut self.current));
        self.y = PAGE_HEIGHT - 72.0;
    }

    /// Starts a new page unless `height` still fits on this one.
    fn keep_room(&mut self, height: f32) {
        if self.y - height < BOTTOM && !self.current_is_empty_body() {
            self.new_page();
        }
    }

    fn current_is_empty_body(&self) -> bool {
        self.y >= PAGE_HEIGHT - 72.0
    }

    fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    /// A label (clause number, bullet) on the baseline of the next line, without moving on.
    fn label(&mut self, text: &str, x: f32, face: Face) {
        self.current.push(Line {
            x,
            y: self.y - BODY,
            text: text.to_string(),
            face,
            size: BODY,
            grey: false,
        });
    }

    /// Wrapped text; a block of up to three lines is never split over two pages.
    fn block(&mut self, text: &str, x: f32, width: f32, face: Face, size: f32, grey: bool) {
        let lines = self.fonts.wrap(text, face, size, width);
        if lines.len() <= 3 {
            self.keep_room(lines.len() as f32 * size * LEADING);
        }
        self.lines(&lines, x, face, size, grey);
    }

    /// A label and its value side by side. The first three lines stay together; a longer
    /// value flows on over pages, its label repeated with `(continued)` on each new page,
    /// rather than moving whole and leaving a page half empty.
    fn key_value(&mut self, key: &str, value: &str, continued: &str) {
        let text_width = PAGE_WIDTH - 2.0 * MARGIN_X;
        let key_width = text_width * 0.36;
        let fonts = self.fonts;
        let wrap_key = |text: &str| -> VecDeque<String> {
            fonts.wrap(text, Face::Bold, BODY, key_width - 8.0).into()
        };
        let values = fonts.wrap(value, Face::Regular, BODY, text_width - key_width);
        let again = || wrap_key(&format!("{key} ({continued})"));
        self.two_columns(
            wrap_key(key),
            values,
            (MARGIN_X, Face::Bold),
            (MARGIN_X + key_width, Face::Regular),
            Some(&again),
        );
    }

    /// Two texts in equal columns, line beside line, going on over pages in their columns.
    fn columns(&mut self, left: &str, right: &str, face: Face) {
        let width = (PAGE_WIDTH - 2.0 * MARGIN_X - COLUMN_GAP) / 2.0;
        // Each line of a text (a clause, then its bullets) starts a new line.
        let wrap = |text: &str| -> Vec<String> {
            text.split('\n')
                .flat_map(|part| self.fonts.wrap(part, face, BODY, width))
                .collect()
        };
        let (left, right) = (wrap(left).into(), wrap(right));
        self.two_columns(
            left,
            right,
            (MARGIN_X, face),
            (MARGIN_X + width + COLUMN_GAP, face),
            None,
        );
    }

    /// Two columns of wrapped lines, line beside line, from the current line over as many
    /// pages as they need; the first three lines stay together. Per page the left column's
    /// lines are written before the right's, so a text layer reads each whole. On a new page
    /// where only the right column goes on, `again` gives the left lines to repeat (a label
    /// with "continued"); they come only once the left's own lines are written, so a label
    /// longer than a page goes on where it was and every page makes progress.
    fn two_columns(
        &mut self,
        mut left: VecDeque<String>,
        right: Vec<String>,
        (left_x, left_face): (f32, Face),
        (right_x, right_face): (f32, Face),
        again: Option<&dyn Fn() -> VecDeque<String>>,
    ) {
        let height = BODY * LEADING;
        self.keep_room(left.len().max(right.len()).clamp(1, 3) as f32 * height);
        let mut right = right.into_iter();
        let (mut left_lines, mut right_lines) = (Vec::new(), Vec::new());
        loop {
            let value = right.next();
            if value.is_none() && left.is_empty() {
                break;
            }
            if self.y - height < BOTTOM {
                self.current.append(&mut left_lines);
                self.current.append(&mut right_lines);
                self.new_page();
                if let (Some(again), true, true) = (again, left.is_empty(), value.is_some()) {
                    left = again();
                }
            }
            let line = |text, x, face| Line {
                x,
                y: self.y - BODY,
                text,
                face,
                size: BODY,
                grey: false,
            };
            if let Some(text) = left.pop_front() {
                left_lines.push(line(text, left_x, left_face));
            }
            if let Some(text) = value {
                right_lines.push(line(text, right_x, right_face));
            }
            self.y -= height;
        }
        self.current.append(&mut left_lines);
        self.current.append(&mut right_lines);
    }

    fn lines(&mut self, lines: &[String], x: f32, face: Face, size: f32, grey: bool) {
        for text in lines {
            let height = size * LEADING;
            if self.y - height < BOTTOM {
                self.new_page();
            }
            self.current.push(Line {
                x,
                y: self.y - size,
                text: text.clone(),
                face,
                size,
                grey,
            });
            self.y -= height;
        }
    }

    fn finish(mut self) -> Vec<Vec<Line>> {
        if !self.current.is_empty() || self.done.is_empty() {
            self.done.push(self.current);
        }
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::embedded()
    }

    fn document(items: Vec<Item>) -> Document {
        Document {
            letterhead: vec!["Wolkwerk B.V.".into(), "Kade 4, Zwolle".into()],
            identity: "Verwerkersovereenkomst · Zorggroep Lindeboom · 2025.1".into(),
            page_label: "pagina {page} van {pages}".into(),
            continued: "vervolg".into(),
            items,
        }
    }

    fn body_lines(pages: &[Vec<Line>]) -> Vec<&Line> {
        pages
            .iter()
            .flatten()
            .filter(|l| l.y > BOTTOM - 1.0 && l.y < TOP + 1.0)
            .collect()
    }

    #[test]
    fn every_line_fits_between_the_margins() {
        let text =
            "Een lange zin met gewone woorden die over meerdere regels moet lopen. ".repeat(40);
        let pages = lay_out(fonts(), &document(vec![Item::Paragraph(text.clone())]));
        for line in body_lines(&pages) {
            let right = line.x + fonts().width(&line.text, line.face, line.size);
            assert!(
                right <= PAGE_WIDTH - MARGIN_X + 0.01,
                "{right} > margin: {}",
                line.text
            );
            assert!(line.x >= MARGIN_X);
        }
        let words: Vec<&str> = body_lines(&pages)
            .iter()
            .flat_map(|l| l.text.split(' '))
            .collect();
        assert_eq!(
            words,
            text.split_whitespace().collect::<Vec<_>>(),
            "wrapping keeps every word in order"
        );
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_not_lost() {
        let word = "x".repeat(400);
        let lines = fonts().wrap(&word, Face::Regular, BODY, 200.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn long_documents_get_page_numbers_of_the_total() {
        let items = (1..=120)
            .map(|n| Item::Numbered {
                number: format!("{n}.1"),
                text: "Tekst van het lid. ".repeat(6),
            })
            .collect();
        let pages = lay_out(fonts(), &document(items));
        assert!(pages.len() >= 3);
        let last = pages.last().unwrap();
        assert!(last
            .iter()
            .any(|l| l.text == format!("pagina {} van {}", pages.len(), pages.len())));
        assert!(pages[0]
            .iter()
            .any(|l| l.text == format!("pagina 1 van {}", pages.len())));
        for page in &pages {
            assert!(
                page.iter().all(|l| l.y >= 30.0 && l.y <= PAGE_HEIGHT),
                "inside the page"
            );
        }
    }

    #[test]
    fn a_heading_is_never_the_last_thing_on_a_page() {
        // Fill pages with paragraphs of varying length and headings in between; whatever the
        // position, a heading must be followed on its page by the start of its text.
        for filler in 20..60 {
            let mut items = vec![Item::Paragraph("woord ".repeat(filler * 10))];
            for n in 0..6 {
                items.push(Item::Heading(format!("Artikel {n}")));
                items.push(Item::Paragraph("inhoud ".repeat(60)));
                items.push(Item::Heading(format!("Artikel {n}b")));
                items.push(Item::Bullet(
                    "een opsomming die over twee regels loopt ".repeat(3),
                ));
            }
            let pages = lay_out(fonts(), &document(items));
            for page in &pages {
                let body: Vec<&Line> = page.iter().filter(|l| l.y > BOTTOM - 1.0).collect();
                if let Some(last) = body.iter().min_by(|a, b| a.y.total_cmp(&b.y)) {
                    assert!(
                        !last.text.starts_with("Artikel"),
                        "orphaned heading with filler {filler}"
                    );
                }
            }
        }
    }

    #[test]
    fn dutch_characters_have_real_widths() {
        for text in ["ë ï é € ’ –", "Überprüfung", "ĳ"] {
            assert!(fonts().width(text, Face::Regular, BODY) > 0.0);
            assert!(fonts().covers(text), "{text}");
        }
        assert!(
            fonts().width("WWW", Face::Regular, BODY) > fonts().width("iii", Face::Regular, BODY)
        );
    }

    #[test]
    fn key_values_keep_their_rows_aligned() {
        let pages = lay_out(
            fonts(),
            &document(vec![Item::KeyValues(vec![
                ("Auditmelding".into(), "30 dagen".into()),
                ("Aansprakelijkheid".into(), "EUR 1.000 per jaar".into()),
            ])]),
        );
        let key = pages[0].iter().find(|l| l.text == "Auditmelding").unwrap();
        let value = pages[0].iter().find(|l| l.text == "30 dagen").unwrap();
        assert_eq!(key.y, value.y);
        assert!(value.x > key.x);
    }

    #[test]
    fn side_by_side_texts_stand_line_beside_line_and_go_on_over_pages() {
        let before = "Oude tekst van het lid. ".repeat(200);
        let after = "Nieuwe tekst.\n• met een opsomming";
        let pages = lay_out(
            fonts(),
            &document(vec![Item::SideBySide {
                heads: ("Versie 1".into(), "Versie 2".into()),
                rows: vec![(before.clone(), after.into())],
            }]),
        );
        let find = |text: &str| pages[0].iter().find(|l| l.text == text).unwrap();
        let (left, right) = (find("Versie 1"), find("Versie 2"));
        assert_eq!(left.y, right.y);
        assert!(right.x > PAGE_WIDTH / 2.0 - 1.0);
        assert_eq!(
            find("Nieuwe tekst.").y,
            find("• met een opsomming").y + BODY * LEADING
        );
        assert!(pages.len() >= 2, "a long clause flows on");
        let left_words: Vec<&str> = pages
            .iter()
            .flatten()
            .filter(|l| l.x == MARGIN_X && l.size == BODY && l.text != "Versie 1")
            .flat_map(|l| l.text.split_whitespace())
            .collect();
        assert_eq!(left_words, before.split_whitespace().collect::<Vec<_>>());
    }

    /// The lowest body line of each page but the last is in its lower half.
    fn assert_no_half_empty_page(pages: &[Vec<Line>]) {
        for (index, page) in pages.iter().enumerate().take(pages.len() - 1) {
            let lowest = page
                .iter()
                .filter(|l| l.y > BOTTOM - 1.0)
                .map(|l| l.y)
                .fold(f32::MAX, f32::min);
            assert!(
                lowest < PAGE_HEIGHT / 2.0,
                "page {} ends at {lowest}",
                index + 1
            );
        }
    }

    #[test]
    fn a_long_value_flows_on_with_its_label_repeated_instead_of_moving_whole() {
        // 4,600 characters, near the longest summary allowed, after half a page of facts.
        let summary = "Een medewerker verstuurde per ongeluk een bestand met gegevens. ".repeat(72);
        assert!(summary.len() > 4_600);
        let facts = (1..=12)
            .map(|i| (format!("Feit {i}"), format!("Waarde {i}")))
            .collect();
        let pages = lay_out(
            fonts(),
            &document(vec![
                Item::Title("Melding datalek".into()),
                Item::KeyValues(facts),
                Item::KeyValues(vec![
                    ("Samenvatting".into(), summary.clone()),
                    ("Daarna".into(), "Een korte waarde".into()),
                ]),
            ]),
        );
        assert!(pages.len() >= 2);
        assert_no_half_empty_page(&pages);
        // The row starts on page 1 and goes on under its label with "(vervolg)".
        assert!(pages[0].iter().any(|l| l.text == "Samenvatting"));
        assert!(pages[1].iter().any(|l| l.text == "Samenvatting (vervolg)"));
        // Every word of the value is there, in order, once.
        let key_x = MARGIN_X + (PAGE_WIDTH - 2.0 * MARGIN_X) * 0.36;
        let value: Vec<&str> = pages
            .iter()
            .flatten()
            .filter(|l| (l.x - key_x).abs() < 0.01 && l.text != "Een korte waarde")
            .filter(|l| !l.text.starts_with("Waarde"))
            .flat_map(|l| l.text.split_whitespace())
            .collect();
        assert_eq!(value, summary.split_whitespace().collect::<Vec<_>>());
        // Lines never overlap: on each page, every y is used once per column.
        for page in &pages {
            let mut ys: Vec<i64> = page
                .iter()
                .filter(|l| (l.x - key_x).abs() < 0.01)
                .map(|l| (l.y * 100.0) as i64)
                .collect();
            let all = ys.len();
            ys.dedup();
            assert_eq!(ys.len(), all);
        }
    }

    #[test]
    fn a_long_paragraph_flows_on_from_the_middle_of_a_page() {
        let pages = lay_out(
            fonts(),
            &document(vec![
                Item::Title("Melding".into()),
                Item::Paragraph("Kort. ".repeat(300)),
                Item::Heading("Samenvatting".into()),
                Item::Paragraph("Een lange samenvatting van wat er gebeurde. ".repeat(110)),
            ]),
        );
        assert_no_half_empty_page(&pages);
    }

    #[test]
    fn a_label_longer_than_a_page_ends() {
        let label = "Een heel lang label. ".repeat(400);
        let pages = lay_out(
            fonts(),
            &document(vec![Item::KeyValues(vec![(label, "Kort".repeat(2_000))])]),
        );
        assert!(pages.len() > 1);
    }
}
