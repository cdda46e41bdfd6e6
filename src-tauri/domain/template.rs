//! Splitting an agreement text into articles and clauses.
//!
//! Agreement texts arrive as plain text exported from a word processor: odd spacing, non-
//! breaking spaces, wrapped lines, bullets, page headers and footers, and now and then a
//! clause number that is missing. The parser keeps every word except page furniture (lines
//! like `… pagina 7 van 11`), and reports what it removed or found odd as warnings for
//! the officer to check before saving.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most text an agreement may have (about 300 pages).
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;
const MAX_WARNINGS: usize = 200;

/// An agreement text split into its parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TemplateText {
    /// Everything before the first article: title, version line, general provisions.
    pub preamble: Vec<Block>,
    pub articles: Vec<Article>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Article {
    pub number: u32,
    pub title: String,
    /// The heading as written, e.g. `Artikel 6 – Datalekken`.
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// A piece of an article, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Block {
    /// A numbered clause, e.g. `6.2.1` (a trailing dot in the source is dropped).
    Clause { number: String, text: String },
    /// A bullet item; it belongs to the clause before it.
    Bullet { text: String },
    /// Unnumbered text: an article's introduction, or a further paragraph of a clause.
    Paragraph { text: String },
}

/// Something the officer should check in the preview before saving.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ImportWarning {
    /// A clause number is skipped, e.g. 5.3 is followed by 5.5.
    MissingClause { number: String },
    /// A clause number comes again or goes back.
    ClauseOutOfOrder { number: String },
    /// A clause numbered for another article than the one it stands in.
    ClauseInOtherArticle { number: String, article: u32 },
    /// An article number is skipped.
    MissingArticle { number: u32 },
    /// An article number comes again or goes back.
    ArticleOutOfOrder { number: u32 },
    /// A line taken out as page furniture (header, footer, page number).
    FurnitureRemoved { line: String },
    /// Too many warnings to list; the rest are left out.
    MoreWarnings,
}

/// Why a text cannot be used as an agreement template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateError {
    Empty,
    TooLarge,
    NoArticles,
}

/// The parsed text and the warnings about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParsedTemplate {
    pub text: TemplateText,
    pub warnings: Vec<ImportWarning>,
}

/// Splits an agreement text into articles and clauses.
pub fn parse_template(source: &str) -> Result<ParsedTemplate, TemplateError> {
    if source.len() > MAX_TEXT_BYTES {
        return Err(TemplateError::TooLarge);
    }
    let lines: Vec<String> = source.lines().map(normalize_line).collect();
    if lines.iter().all(String::is_empty) {
        return Err(TemplateError::Empty);
    }
    let furniture = find_furniture(&lines);
    let mut warnings = Warnings::default();
    for (index, line) in lines.iter().enumerate() {
        if furniture[index] {
            warnings.push(ImportWarning::FurnitureRemoved { line: line.clone() });
        }
    }

    let mut builder = Builder::default();
    for (index, line) in lines.iter().enumerate() {
        if furniture[index] {
            continue;
        }
        let reference = previous_line_ends_in_reference(&lines, index, &furniture);
        match classify(line, builder.article_number(), reference) {
            Line::Blank => builder.end_block(),
            Line::Heading { number, title } => builder.start_article(number, title, line.clone()),
            Line::Clause { number, text } => builder.start_block(Block::Clause { number, text }),
            Line::Bullet(text) => builder.start_block(Block::Bullet { text }),
            Line::Text(text) => builder.add_text(text),
        }
    }
    let text = builder.finish();
    if text.articles.is_empty() {
        return Err(TemplateError::NoArticles);
    }
    check_numbering(&text, &mut warnings);
    Ok(ParsedTemplate {
        text,
        warnings: warnings.0,
    })
}

/// Splits a text whose page furniture was taken out before (`removed`, from a PDF's pages),
/// and reports those lines first, as the parser reports what it takes out itself.
pub fn parse_read_template(
    source: &str,
    removed: &[String],
) -> Result<ParsedTemplate, TemplateError> {
    let parsed = parse_template(source)?;
    let mut warnings = Warnings::default();
    for line in removed {
        warnings.push(ImportWarning::FurnitureRemoved { line: line.clone() });
    }
    for warning in parsed.warnings {
        if warning != ImportWarning::MoreWarnings {
            warnings.push(warning);
        }
    }
    Ok(ParsedTemplate {
        text: parsed.text,
        warnings: warnings.0,
    })
}

/// Every word of the text in reading order, numbering included: what the text says,
/// independent of how it was laid out. Used to prove nothing was lost.
pub fn words_of(text: &TemplateText) -> Vec<String> {
    let mut words = Vec::new();
    let mut add = |s: &str| words.extend(significant_words(s));
    let blocks = |blocks: &[Block], add: &mut dyn FnMut(&str)| {
        for block in blocks {
            match block {
                Block::Clause { number, text } => {
                    add(number);
                    add(text);
                }
                Block::Bullet { text } | Block::Paragraph { text } => add(text),
            }
        }
    };
    blocks(&text.preamble, &mut add);
    for article in &text.articles {
        add(&article.heading);
        blocks(&article.blocks, &mut add);
    }
    words
}

/// The words of a piece of text, ignoring punctuation-only tokens (dashes, bullets) and the
/// trailing dot of a clause number.
pub fn significant_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .map(|word| {
            if word.chars().all(|c| c.is_ascii_digit() || c == '.') {
                word.trim_end_matches('.').to_string()
            } else {
                word.to_string()
            }
        })
        .collect()
}

/// Non-breaking and other odd spaces become plain spaces; control characters and invisible
/// ones (byte order mark, zero-width space, soft hyphen) go; runs of spaces become one.
fn normalize_line(line: &str) -> String {
    let cleaned: String = line
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && !matches!(c, '\u{feff}' | '\u{200b}' | '\u{ad}'))
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

enum Line {
    Blank,
    Heading { number: u32, title: String },
    Clause { number: String, text: String },
    Bullet(String),
    Text(String),
}

/// Whether the line before `index` (page furniture left out) ends in a word that a number
/// follows in a reference: `bedoeld in artikel` + `6.2 van deze overeenkomst` is one sentence
/// wrapped, not clause 6.2.
fn previous_line_ends_in_reference(lines: &[String], index: usize, furniture: &[bool]) -> bool {
    let Some(previous) = (0..index).rev().find(|i| !furniture[*i]).map(|i| &lines[i]) else {
        return false;
    };
    let last = previous
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    matches!(
        last.as_str(),
        "artikel" | "artikelen" | "article" | "articles" | "art." | "lid" | "clausule" | "clause"
    )
}

fn classify(line: &str, article: Option<u32>, after_reference: bool) -> Line {
    if line.is_empty() {
        return Line::Blank;
    }
    if let Some((number, title)) = heading(line) {
        return Line::Heading { number, title };
    }
    if article.is_some() && !after_reference {
        if let Some((number, text)) = clause(line) {
            return Line::Clause { number, text };
        }
    }
    for marker in ["•", "·", "▪", "◦", "‣", "- ", "– ", "* "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Line::Bullet(rest.trim().to_string());
        }
    }
    Line::Text(line.to_string())
}

/// `Artikel 6 – Datalekken` (also `ARTIKEL`, `Article`, any dash or colon, or none). A line
/// that starts with `artikel 32 AVG` in lower case is a sentence wrapped in front of a
/// reference, not a heading.
fn heading(line: &str) -> Option<(u32, String)> {
    let mut words = line.splitn(3, ' ');
    let keyword = words.next()?;
    if !matches!(keyword, "Artikel" | "ARTIKEL" | "Article" | "ARTICLE") {
        return None;
    }
    let number_word = words.next()?;
    let digits = number_word.trim_end_matches(['.', ':']);
    if digits.is_empty() || digits.len() > 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let title = words
        .next()
        .unwrap_or_default()
        .trim_start_matches(['–', '—', '-', ':', '.', ' '])
        .to_string();
    Some((digits.parse().ok()?, title))
}

/// `6.2.1 text` or `6.2.2. text`: two to four numeric parts, the article's up to 999 and
/// the others up to 99 (so `2.500 euro` stays text).
fn clause(line: &str) -> Option<(String, String)> {
    let (first, rest) = line.split_once(' ').unwrap_or((line, ""));
    let number = first.strip_suffix('.').unwrap_or(first);
    let parts: Vec<&str> = number.split('.').collect();
    let numeric = |p: &str, max_len: usize| {
        !p.is_empty() && p.len() <= max_len && p.chars().all(|c| c.is_ascii_digit())
    };
    let well_formed = (2..=4).contains(&parts.len())
        && numeric(parts[0], 3)
        && parts[1..].iter().all(|p| numeric(p, 2));
    if !well_formed {
        return None;
    }
    Some((number.to_string(), rest.to_string()))
}

/// Marks page furniture: lines with a page marker (`pagina 7 van 11`, `page 7 of 11`),
/// lone page numbers between blank lines, and short lines that stand alone three or more
/// times (running headers).
fn find_furniture(lines: &[String]) -> Vec<bool> {
    let blank = |i: Option<usize>| i.is_none_or(|i| lines.get(i).is_none_or(String::is_empty));
    let isolated = |i: usize| blank(i.checked_sub(1)) && blank(Some(i + 1));
    let mut isolated_counts: HashMap<&str, usize> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        if !line.is_empty() && isolated(i) && line.chars().count() <= 80 {
            *isolated_counts.entry(line).or_default() += 1;
        }
    }
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            if line.is_empty() {
                return false;
            }
            let lone_number =
                isolated(i) && line.len() <= 3 && line.chars().all(|c| c.is_ascii_digit());
            let repeated = isolated(i)
                && isolated_counts.get(line.as_str()).copied().unwrap_or(0) >= 3
                && !is_clause_or_heading(line);
            has_page_marker(line) || lone_number || repeated
        })
        .collect()
}

/// Whether a line is an article heading or starts a numbered clause.
pub(crate) fn is_clause_or_heading(line: &str) -> bool {
    heading(line).is_some() || clause(line).is_some()
}

/// `pagina 7 van 11`, `page 7 of 11`, `blz. 7 / 11` anywhere in the line.
pub(crate) fn has_page_marker(line: &str) -> bool {
    let words: Vec<String> = line.split_whitespace().map(str::to_lowercase).collect();
    let number =
        |w: &String| !w.is_empty() && w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit());
    words.windows(4).any(|w| {
        matches!(w[0].as_str(), "pagina" | "page" | "blz." | "p.")
            && number(&w[1])
            && matches!(w[2].as_str(), "van" | "of" | "/")
            && number(&w[3])
    })
}

#[derive(Default)]
struct Builder {
    preamble: Vec<Block>,
    articles: Vec<Article>,
    open: Option<Block>,
}

impl Builder {
    fn article_number(&self) -> Option<u32> {
        self.articles.last().map(|a| a.number)
    }

    fn blocks(&mut self) -> &mut Vec<Block> {
        match self.articles.last_mut() {
            Some(article) => &mut article.blocks,
            None => &mut self.preamble,
        }
    }

    fn end_block(&mut self) {
        if let Some(block) = self.open.take() {
            self.blocks().push(block);
        }
    }

    fn start_block(&mut self, block: Block) {
        self.end_block();
        self.open = Some(block);
    }

    fn start_article(&mut self, number: u32, title: String, heading: String) {
        self.end_block();
        self.articles.push(Article {
            number,
            title,
            heading,
            blocks: Vec::new(),
        });
    }

    /// A wrapped line continues the open block; after a blank line it starts a paragraph.
    fn add_text(&mut self, line: String) {
        match &mut self.open {
            Some(
                Block::Clause { text, .. } | Block::Bullet { text } | Block::Paragraph { text },
            ) => {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&line);
            }
            None => self.open = Some(Block::Paragraph { text: line }),
        }
    }

    fn finish(mut self) -> TemplateText {
        self.end_block();
        TemplateText {
            preamble: self.preamble,
            articles: self.articles,
        }
    }
}

#[derive(Default)]
struct Warnings(Vec<ImportWarning>);

impl Warnings {
    fn push(&mut self, warning: ImportWarning) {
        if self.0.len() < MAX_WARNINGS {
            self.0.push(warning);
        } else if self.0.len() == MAX_WARNINGS {
            self.0.push(ImportWarning::MoreWarnings);
        }
    }
}

/// Warns about skipped, repeated or misplaced article and clause numbers.
fn check_numbering(text: &TemplateText, warnings: &mut Warnings) {
    let mut last_article = 0;
    for article in &text.articles {
        if article.number <= last_article {
            warnings.push(ImportWarning::ArticleOutOfOrder {
                number: article.number,
            });
        } else {
            for missing in (last_article + 1..article.number).take(10) {
                warnings.push(ImportWarning::MissingArticle { number: missing });
            }
            last_article = article.number;
        }
        let mut last_child: HashMap<String, u32> = HashMap::new();
        for block in &article.blocks {
            let Block::Clause { number, .. } = block else {
                continue;
            };
            let (parent, last) = number.rsplit_once('.').unwrap_or(("", number));
            let index: u32 = last.parse().unwrap_or(0);
            if parent.split('.').next() != Some(article.number.to_string().as_str()) {
                warnings.push(ImportWarning::ClauseInOtherArticle {
                    number: number.clone(),
                    article: article.number,
                });
                continue;
            }
            let previous = last_child.get(parent).copied().unwrap_or(0);
            if index <= previous {
                warnings.push(ImportWarning::ClauseOutOfOrder {
                    number: number.clone(),
                });
                continue;
            }
            for missing in (previous + 1..index).take(10) {
                warnings.push(ImportWarning::MissingClause {
                    number: format!("{parent}.{missing}"),
                });
            }
            last_child.insert(parent.to_string(), index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../assets/samples/modelovereenkomst.nl.txt");

    /// The words of the source without the lines the parser reported as furniture.
    fn source_words(source: &str, parsed: &ParsedTemplate) -> Vec<String> {
        let removed: Vec<&str> = parsed
            .warnings
            .iter()
            .filter_map(|w| match w {
                ImportWarning::FurnitureRemoved { line } => Some(line.as_str()),
                _ => None,
            })
            .collect();
        source
            .lines()
            .map(normalize_line)
            .filter(|line| !removed.contains(&line.as_str()))
            .flat_map(|line| significant_words(&line))
            .collect()
    }

    fn assert_nothing_lost(source: &str) -> ParsedTemplate {
        let parsed = parse_template(source).unwrap();
        assert_eq!(words_of(&parsed.text), source_words(source, &parsed));
        parsed
    }

    fn clause_numbers(article: &Article) -> Vec<&str> {
        article
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Clause { number, .. } => Some(number.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_sample_splits_into_articles_and_clauses_without_losing_a_word() {
        let parsed = assert_nothing_lost(SAMPLE);
        let text = &parsed.text;
        let titles: Vec<_> = text
            .articles
            .iter()
            .map(|a| (a.number, a.title.as_str()))
            .collect();
        assert_eq!(titles[0], (1, "Reikwijdte"));
        assert_eq!(
            titles[1],
            (2, "Taken en opdrachten"),
            "a non-breaking space is a space"
        );
        assert_eq!(titles.len(), 8);
        assert_eq!(
            clause_numbers(&text.articles[4]),
            ["5.1", "5.2", "5.2.1", "5.2.2", "5.2.3"]
        );
        assert_eq!(clause_numbers(&text.articles[3]), ["4.1", "4.2", "4.4"]);
        let bullets = text.articles[5]
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Bullet { .. }))
            .count();
        assert_eq!(bullets, 2);
        // A wrapped clause is one clause with its lines joined.
        assert_eq!(
            text.articles[0].blocks[1],
            Block::Clause {
                number: "1.2".into(),
                text: "Bij strijd tussen de leveringsvoorwaarden van Wolkwerk en deze modelovereenkomst gaat deze modelovereenkomst voor.".into()
            }
        );
        // The preamble keeps title, version and the introduction.
        assert!(matches!(&text.preamble[0], Block::Paragraph { text } if text == "Wolkwerk"));
        assert!(parsed.warnings.contains(&ImportWarning::MissingClause {
            number: "4.3".into()
        }));
        assert!(parsed.warnings.contains(&ImportWarning::FurnitureRemoved {
            line: "wolkwerk | modelovereenkomst pagina 2 van 3".into()
        }));
        assert_eq!(parsed.warnings.len(), 2, "{:?}", parsed.warnings);
    }

    #[test]
    fn crlf_tabs_and_odd_spaces_give_the_same_structure() {
        let nasty = SAMPLE
            .replace('\n', "\r\n")
            .replace("Artikel 3", "Artikel\t3")
            .replace("1.1 ", "1.1\u{a0}\u{a0}")
            .replace("Wolkwerk neemt", "Wolkwerk\u{202f}neemt\u{200b}");
        let parsed = assert_nothing_lost(&nasty);
        assert_eq!(parsed.text, parse_template(SAMPLE).unwrap().text);
    }

    #[test]
    fn a_text_without_articles_cannot_be_split() {
        assert_eq!(
            parse_template("Dit is geen overeenkomst.\n\nAlleen tekst."),
            Err(TemplateError::NoArticles)
        );
        assert_eq!(parse_template(" \r\n\t\n"), Err(TemplateError::Empty));
        assert_eq!(parse_template(""), Err(TemplateError::Empty));
        let huge = "x".repeat(MAX_TEXT_BYTES + 1);
        assert_eq!(parse_template(&huge), Err(TemplateError::TooLarge));
    }

    #[test]
    fn two_hundred_articles() {
        let source: String = (1..=200)
            .map(|n| format!("Artikel {n} – Onderwerp {n}\n\n{n}.1 Eerste lid van artikel {n}.\n{n}.2 Tweede lid.\n\n"))
            .collect();
        let parsed = assert_nothing_lost(&source);
        assert_eq!(parsed.text.articles.len(), 200);
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        assert_eq!(
            clause_numbers(&parsed.text.articles[199]),
            ["200.1", "200.2"]
        );
    }

    #[test]
    fn a_clause_of_five_thousand_words_stays_whole() {
        let long: Vec<String> = (0..5000).map(|i| format!("woord{i}")).collect();
        let wrapped: String = long.chunks(12).map(|c| c.join(" ") + "\n").collect();
        let source = format!("Artikel 1 – Lang\n\n1.1 {wrapped}\n1.2 Kort.\n");
        let parsed = assert_nothing_lost(&source);
        let Block::Clause { text, .. } = &parsed.text.articles[0].blocks[0] else {
            panic!()
        };
        assert_eq!(text.split(' ').count(), 5000);
    }

    #[test]
    fn numbers_in_running_text_are_not_clauses() {
        let source = "Artikel 2 – Bedragen\n\n2.1 De vergoeding bedraagt\n2.500 euro per jaar, of\n2.75 procent.\n";
        let parsed = assert_nothing_lost(source);
        // "2.500" has a part above 99 and is text; "2.75" looks like a clause and is taken as
        // one, which the officer sees in the preview.
        assert_eq!(clause_numbers(&parsed.text.articles[0]), ["2.1", "2.75"]);
    }

    #[test]
    fn a_reference_wrapped_onto_a_new_line_is_not_a_heading_or_clause() {
        let source = "Artikel 1 – Beveiliging\n\n1.1 De maatregelen als bedoeld in\nartikel 32 AVG staan in bijlage 2, zoals bedoeld in artikel\n1.3 van deze overeenkomst.\n1.2 Tweede lid.\n";
        let parsed = assert_nothing_lost(source);
        assert_eq!(parsed.text.articles.len(), 1);
        assert_eq!(clause_numbers(&parsed.text.articles[0]), ["1.1", "1.2"]);
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    }

    #[test]
    fn running_headers_and_lone_page_numbers_are_furniture() {
        let page = |n: u32| {
            format!(
                "Vertrouwelijk\n\nArtikel {n} – Deel {n}\n\n{n}.1 Tekst van deel {n}.\n\n{n}\n\n"
            )
        };
        let source: String = (1..=3).map(page).collect();
        let parsed = assert_nothing_lost(&source);
        let removed = parsed
            .warnings
            .iter()
            .filter(|w| matches!(w, ImportWarning::FurnitureRemoved { .. }))
            .count();
        assert_eq!(
            removed, 6,
            "three headers and three page numbers: {:?}",
            parsed.warnings
        );
        assert_eq!(parsed.text.articles.len(), 3);
    }

    #[test]
    fn misnumbered_clauses_and_articles_are_reported() {
        let source =
            "Artikel 1 – A\n\n1.1 a\n1.1 b\n2.1 c\n\nArtikel 3 – C\n\n3.1 d\n\nArtikel 3 – D\n";
        let parsed = assert_nothing_lost(source);
        assert_eq!(
            parsed.warnings,
            vec![
                ImportWarning::ClauseOutOfOrder {
                    number: "1.1".into()
                },
                ImportWarning::ClauseInOtherArticle {
                    number: "2.1".into(),
                    article: 1
                },
                ImportWarning::MissingArticle { number: 2 },
                ImportWarning::ArticleOutOfOrder { number: 3 },
            ]
        );
    }

    #[test]
    fn english_headings_are_read_too() {
        let parsed = assert_nothing_lost("Article 1: Scope\n\n1.1 This applies.\n");
        assert_eq!(parsed.text.articles[0].title, "Scope");
    }
}
