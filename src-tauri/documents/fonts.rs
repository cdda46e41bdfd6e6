//! The embedded fonts (DejaVu Sans, licence in `assets/fonts/`) and text measurement with
//! their real glyph widths.

use std::sync::OnceLock;

use printpdf::{ParsedFont, PdfFontParseWarning};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
}

pub struct Fonts {
    pub regular: ParsedFont,
    pub bold: ParsedFont,
    widths: [Advances; 2],
}

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

impl Fonts {
    /// The fonts, parsed once per process.
    pub fn embedded() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let mut warnings: Vec<PdfFontParseWarning> = Vec::new();
            let regular =
                ParsedFont::from_bytes(REGULAR, 0, &mut warnings).expect("embedded regular font");
            let bold = ParsedFont::from_bytes(BOLD, 0, &mut warnings).expect("embedded bold font");
            let widths = [Advances::of(&regular), Advances::of(&bold)];
            Fonts {
                regular,
                bold,
                widths,
            }
        })
    }

    /// The width of `text` in points at `size`. A character the font lacks is measured as
    /// the font's missing-glyph box, which is also what the PDF shows.
    pub fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        let table = &self.widths[face as usize];
        text.chars()
            .map(|c| table.get(c).unwrap_or(table.missing))
            .sum::<f32>()
            * size
    }

    /// Whether every character of `text` has a glyph in the regular face.
    pub fn covers(&self, text: &str) -> bool {
        text.chars()
            .all(|c| c.is_whitespace() || self.widths[0].get(c).is_some())
    }

    /// Wraps `text` into lines no wider than `width`: at spaces, and inside a word only when
    /// the word alone is wider than a line.
    pub fn wrap(&self, text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
        let space = self.width(" ", face, size);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in text.split_whitespace() {
            let word_width = self.width(word, face, size);
            if !line.is_empty() && line_width + space + word_width <= width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= width {
                line = word.to_string();
                line_width = word_width;
            } else {
                for piece in self.break_word(word, face, size, width) {
                    line_width = self.width(&piece, face, size);
                    if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                    }
                    line = piece;
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    fn break_word(&self, word: &str, face: Face, size: f32, width: f32) -> Vec<String> {
        let mut pieces = vec![String::new()];
        for c in word.chars() {
            let last = pieces.last_mut().expect("one piece");
            let mut candidate = last.clone();
            candidate.push(c);
            if !last.is_empty() && self.width(&candidate, face, size) > width {
                pieces.push(c.to_string());
            } else {
                *last = candidate;
            }
        }
        pieces
    }
}

/// Where the plain table of advance widths ends: every European script lies below.
const LOW: u32 = 0x3000;

/// Advance widths (per point of font size) of every character the font maps, by code
/// point: a plain table below [`LOW`] and a short list of the few above. Measuring is most
/// of laying out, so a look-up is an index, not a hash.
struct Advances {
    low: Vec<f32>,
    high: Vec<(char, f32)>,
    /// The width of a character the font lacks: its missing-glyph box.
    missing: f32,
}

impl Advances {
    fn of(font: &ParsedFont) -> Advances {
        let units = f32::from(font.font_metrics.units_per_em.max(1));
        let advance = |codepoint: u32| {
            let glyph = font.lookup_glyph_index(codepoint).filter(|g| *g != 0)?;
            Some(f32::from(font.get_horizontal_advance(glyph)) / units)
        };
        let low = (0..LOW)
            .map(|codepoint| match codepoint {
                0x20.. => advance(codepoint).unwrap_or(f32::NAN),
                _ => f32::NAN,
            })
            .collect();
        let high = [0xfb00..0xfb07u32, 0xfffd..0xfffe]
            .into_iter()
            .flatten()
            .filter_map(|codepoint| Some((char::from_u32(codepoint)?, advance(codepoint)?)))
            .collect();
        let mut advances = Advances {
            low,
            high,
            missing: 0.6,
        };
        advances.missing = advances.get('\u{fffd}').unwrap_or(0.6);
        advances
    }

    fn get(&self, c: char) -> Option<f32> {
        match self.low.get(c as usize) {
            Some(width) if width.is_nan() => None,
            Some(width) => Some(*width),
            None => self
                .high
                .iter()
                .find(|(high, _)| *high == c)
                .map(|(_, width)| *width),
        }
    }
}
