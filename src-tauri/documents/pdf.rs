//! Writing laid-out pages as PDF: fonts embedded and subset, metadata set, and the same
//! input always giving the same bytes, so a document's SHA-256 proves what was produced.
//!
//! printpdf builds the document: catalog, metadata, and each face's font dictionaries
//! (widths, ToUnicode) from one page that shows every character the document uses. The
//! pages themselves are written here, straight into their content streams: printpdf's
//! general operation encoder was more than half of the time of exporting 1,000 agreements
//! (`cargo bench --bench agreements`, BENCHMARKS.md).
//!
//! Each document's faces are subset to its own characters: the smallest file, which matters
//! for what the vault keeps for years. An export of many documents at once may instead use
//! faces subset once per process to the characters of West European languages ([`Shared`],
//! embedded as they are and deflated once) when the document needs no others: a larger
//! file (a 12-page agreement 89 KB instead of 63 KB), written in two thirds of the time.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Timelike, Utc};
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use printpdf::{
    Date, FontId, Offset, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfSaveOptions, Pt, TextItem, Time,
};

use super::fonts::{Face, Fonts};
use super::layout::{lay_out, Document, Line, PAGE_HEIGHT, PAGE_WIDTH};
use super::printable::{check, Unprintable};

/// PDF metadata. `created` comes from the data (e.g. when the record was made), never from
/// the clock, so rendering twice gives the same bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// BCP 47 language tag, e.g. `nl-NL`.
    pub language: String,
    pub created: DateTime<Utc>,
}

/// How a document's faces are subset (see the module's notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subsetting {
    /// To the document's own characters: the smallest file.
    Own,
    /// To the West European characters once per process, when the document needs no others.
    Shared,
}

/// Lays out and writes the document, its faces subset to its own characters; refuses one
/// the fonts cannot print.
pub fn render(document: &Document, metadata: &Metadata) -> Result<Vec<u8>, Unprintable> {
    render_with(document, metadata, Subsetting::Own)
}

/// As [`render`], with the faces subset as `subsetting` says.
pub fn render_with(
    document: &Document,
    metadata: &Metadata,
    subsetting: Subsetting,
) -> Result<Vec<u8>, Unprintable> {
    let fonts = Fonts::embedded();
    check(fonts, document)?;
    let pages = lay_out(fonts, document);
    Ok(write(fonts, &pages, metadata, subsetting))
}

const FACES: [Face; 2] = [Face::Regular, Face::Bold];

fn font_id(face: Face) -> FontId {
    // Fixed ids: printpdf's own come from a process-wide counter. The id is also the
    // subset tag.
    FontId(match face {
        Face::Regular => "DPAREG".into(),
        Face::Bold => "DPABLD".into(),
    })
}

/// The characters of the shared subset: printable ASCII, Latin-1 and the punctuation of
/// Dutch and English typesetting.
fn in_shared_subset(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ff}') || "‘’‚“”„–—…•€™‰".contains(c)
}

/// A face subset to some characters: the parsed subset, its font program, and (for the
/// shared subset) that program deflated once.
struct Subset {
    font: ParsedFont,
    program: Vec<u8>,
    deflated: Option<Vec<u8>>,
}

impl Subset {
    fn of(font: &ParsedFont, characters: impl Iterator<Item = char>) -> Option<Subset> {
        let glyphs: BTreeMap<u16, String> = characters
            .filter_map(|c| Some((font.lookup_glyph_index(c as u32)?, c.to_string())))
            .collect();
        let program = printpdf::font::subset_font(font, &glyphs).ok()?.bytes;
        let font = ParsedFont::from_bytes(&program, 0, &mut Vec::new())?;
        Some(Subset {
            font,
            program,
            deflated: None,
        })
    }

    /// The whole face, when subsetting fails: embedded as it is, under its own name.
    fn whole(font: &ParsedFont) -> Subset {
        Subset {
            font: font.clone(),
            program: Vec::new(),
            deflated: None,
        }
    }

    fn glyph(&self, c: char) -> u16 {
        self.font.lookup_glyph_index(c as u32).unwrap_or(0)
    }
}

/// Both faces subset to the shared characters, made once per process.
struct Shared([Subset; 2]);

impl Shared {
    fn get(fonts: &Fonts) -> Option<&'static Shared> {
        static SHARED: OnceLock<Option<Shared>> = OnceLock::new();
        SHARED
            .get_or_init(|| {
                let shared = |font: &ParsedFont| {
                    let mut subset =
                        Subset::of(font, (' '..='\u{2122}').filter(|c| in_shared_subset(*c)))?;
                    subset.deflated = deflate(&subset.program);
                    Some(subset)
                };
                Some(Shared([shared(&fonts.regular)?, shared(&fonts.bold)?]))
            })
            .as_ref()
    }
}

/// The characters each face shows in the document.
fn repertoire(pages: &[Vec<Line>]) -> [BTreeSet<char>; 2] {
    let mut used = [BTreeSet::new(), BTreeSet::new()];
    for line in pages.iter().flatten() {
        used[line.face as usize].extend(line.text.chars());
    }
    used
}

/// The faces the document is written in: the shared subsets when asked for and they hold
/// every character, else each face subset to the characters it shows here.
enum Faces {
    Shared(&'static Shared),
    Own(Box<[Subset; 2]>),
}

impl Faces {
    fn for_document(fonts: &Fonts, used: &[BTreeSet<char>; 2], subsetting: Subsetting) -> Faces {
        if subsetting == Subsetting::Shared {
            if let Some(shared) =
                Shared::get(fonts).filter(|_| used.iter().flatten().all(|c| in_shared_subset(*c)))
            {
                return Faces::Shared(shared);
            }
        }
        let own = |font: &ParsedFont, used: &BTreeSet<char>| {
            Subset::of(font, used.iter().copied()).unwrap_or_else(|| Subset::whole(font))
        };
        Faces::Own(Box::new([
            own(&fonts.regular, &used[0]),
            own(&fonts.bold, &used[1]),
        ]))
    }

    fn face(&self, face: Face) -> &Subset {
        match self {
            Faces::Shared(shared) => &shared.0[face as usize],
            Faces::Own(own) => &own[face as usize],
        }
    }
}

fn write(
    fonts: &Fonts,
    pages: &[Vec<Line>],
    metadata: &Metadata,
    subsetting: Subsetting,
) -> Vec<u8> {
    let used = repertoire(pages);
    let faces = Faces::for_document(fonts, &used, subsetting);
    let mut doc = PdfDocument::new(&metadata.title);
    let info = &mut doc.metadata.info;
    info.author = metadata.author.clone();
    info.subject = metadata.subject.clone();
    info.creator = "DPA Desk".into();
    info.producer = "DPA Desk".into();
    info.creation_date = pdf_date(metadata.created);
    info.modification_date = pdf_date(metadata.created);
    info.metadata_date = pdf_date(metadata.created);
    for face in FACES {
        doc.resources
            .fonts
            .map
            .insert(font_id(face), PdfFont::new(faces.face(face).font.clone()));
    }
    doc.pages = vec![repertoire_page(&used)];
    // The faces are subsets already: printpdf embeds them as they are.
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    let glyphs = Glyphs::of(&faces, &used);
    let contents: Vec<Vec<u8>> = pages.iter().map(|lines| content(lines, &glyphs)).collect();
    replace_pages(&mut lo, contents);
    let id = content_id(pages, metadata);
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone().into_bytes(), StringFormat::Hexadecimal),
            Object::String(id.into_bytes(), StringFormat::Hexadecimal),
        ]),
    );
    if let Ok(root) = lo.trailer.get(b"Root").and_then(Object::as_reference) {
        if let Ok(catalog) = lo.get_object_mut(root).and_then(Object::as_dict_mut) {
            catalog.set("Lang", Object::string_literal(metadata.language.as_str()));
        }
    }
    name_subsets(&mut lo, &faces);
    compress(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).expect("writing a PDF into memory");
    bytes
}

/// A page that shows each face's characters once, so printpdf writes their widths and
/// ToUnicode; it is replaced by the real pages.
fn repertoire_page(used: &[BTreeSet<char>; 2]) -> PdfPage {
    let mut ops = vec![Op::StartTextSection];
    for face in FACES {
        let text: String = used[face as usize].iter().collect();
        if !text.is_empty() {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(face)),
                size: Pt(10.0),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text)],
            });
        }
    }
    ops.push(Op::EndTextSection);
    PdfPage::new(Pt(PAGE_WIDTH).into(), Pt(PAGE_HEIGHT).into(), ops)
}

/// Each face's glyph id of every character the document shows: a plain table below
/// U+3000, a map above.
struct Glyphs([(Vec<u16>, BTreeMap<char, u16>); 2]);

impl Glyphs {
    const LOW: usize = 0x3000;

    fn of(faces: &Faces, used: &[BTreeSet<char>; 2]) -> Glyphs {
        Glyphs(FACES.map(|face| {
            let subset = faces.face(face);
            let mut low = vec![0; Self::LOW];
            let mut high = BTreeMap::new();
            for &c in &used[face as usize] {
                match low.get_mut(c as usize) {
                    Some(slot) => *slot = subset.glyph(c),
                    None => {
                        high.insert(c, subset.glyph(c));
                    }
                }
            }
            (low, high)
        }))
    }

    fn get(&self, face: Face, c: char) -> u16 {
        let (low, high) = &self.0[face as usize];
        match low.get(c as usize) {
            Some(glyph) => *glyph,
            None => high.get(&c).copied().unwrap_or(0),
        }
    }
}

/// One page's content stream: one text section; colour and font set only when they
/// change; each line placed absolutely (`Tm`) and shown by its glyph ids (`Identity-H`).
fn content(lines: &[Line], glyphs: &Glyphs) -> Vec<u8> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(160 * lines.len() + 8);
    out.extend_from_slice(b"BT\n");
    let mut font: Option<(Face, f32)> = None;
    let mut grey: Option<bool> = None;
    for line in lines {
        if grey != Some(line.grey) {
            let colour: &[u8] = if line.grey {
                b"0.35 0.35 0.35 rg\n"
            } else {
                b"0.08 0.08 0.08 rg\n"
            };
            out.extend_from_slice(colour);
            grey = Some(line.grey);
        }
        if font != Some((line.face, line.size)) {
            out.push(b'/');
            out.extend_from_slice(font_id(line.face).0.as_bytes());
            out.push(b' ');
            push_number(&mut out, line.size);
            out.extend_from_slice(b" Tf\n");
            font = Some((line.face, line.size));
        }
        out.extend_from_slice(b"1 0 0 1 ");
        push_number(&mut out, line.x);
        out.push(b' ');
        push_number(&mut out, line.y);
        out.extend_from_slice(b" Tm\n<");
        for c in line.text.chars() {
            let glyph = glyphs.get(line.face, c);
            out.extend([12, 8, 4, 0].map(|shift| HEX[usize::from((glyph >> shift) & 0xf)]));
        }
        out.extend_from_slice(b"> Tj\n");
    }
    out.extend_from_slice(b"ET");
    out
}

/// Writes a length in points, to a hundredth.
fn push_number(out: &mut Vec<u8>, value: f32) {
    let hundredths = (f64::from(value) * 100.0).round() as i64;
    if hundredths < 0 {
        out.push(b'-');
    }
    let hundredths = hundredths.unsigned_abs();
    out.extend_from_slice((hundredths / 100).to_string().as_bytes());
    match hundredths % 100 {
        0 => {}
        n if n % 10 == 0 => out.extend_from_slice(&[b'.', b'0' + (n / 10) as u8]),
        n => out.extend_from_slice(&[b'.', b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]),
    }
}

/// Puts the pages in place of the repertoire page: each with its own content stream and
/// the repertoire page's box and resources (the fonts).
fn replace_pages(doc: &mut lopdf::Document, contents: Vec<Vec<u8>>) {
    let pages_id: ObjectId = doc
        .catalog()
        .and_then(|catalog| catalog.get(b"Pages"))
        .and_then(Object::as_reference)
        .expect("printpdf writes a page tree");
    let first: ObjectId = doc
        .get_dictionary(pages_id)
        .and_then(|pages| pages.get(b"Kids"))
        .and_then(Object::as_array)
        .ok()
        .and_then(|kids| kids.first())
        .and_then(|kid| kid.as_reference().ok())
        .expect("printpdf writes the repertoire page");
    let template: Dictionary = doc
        .get_dictionary(first)
        .expect("the repertoire page")
        .clone();
    if let Ok(old) = template.get(b"Contents").and_then(Object::as_reference) {
        doc.objects.remove(&old);
    }
    let mut kids = Vec::with_capacity(contents.len());
    for (n, bytes) in contents.into_iter().enumerate() {
        let stream = doc.add_object(Stream::new(Dictionary::new(), bytes));
        let mut page = template.clone();
        page.set("Contents", Object::Reference(stream));
        let id = if n == 0 { first } else { doc.new_object_id() };
        doc.objects.insert(id, Object::Dictionary(page));
        kids.push(Object::Reference(id));
    }
    if kids.is_empty() {
        doc.objects.remove(&first);
    }
    if let Ok(pages) = doc.get_object_mut(pages_id).and_then(Object::as_dict_mut) {
        pages.set("Count", Object::Integer(kids.len() as i64));
        pages.set("Kids", Object::Array(kids));
    }
}

/// Names each face as the subset it is (`DPAREG+…`, ISO 32000-1 9.6.4; printpdf names a
/// face it embeds as it is by the font's own name, or without one by its id), and puts the
/// shared faces' programs in deflated as they were once.
fn name_subsets(doc: &mut lopdf::Document, faces: &Faces) {
    for face in FACES {
        let id = font_id(face).0;
        let subset = faces.face(face);
        if subset.program.is_empty() {
            continue;
        }
        let name = subset.font.font_name.clone().unwrap_or_else(|| id.clone());
        let tagged = Object::Name(format!("{id}+{name}").into_bytes());
        for object in doc.objects.values_mut() {
            match object {
                Object::Stream(stream) if stream.content == subset.program => {
                    if let Some(deflated) = &subset.deflated {
                        stream.dict.set("Filter", "FlateDecode");
                        stream.set_content(deflated.clone());
                    }
                }
                Object::Dictionary(dict) => {
                    for key in [b"BaseFont".as_slice(), b"FontName"] {
                        if dict.get(key).and_then(Object::as_name).ok() == Some(name.as_bytes()) {
                            dict.set(key, tagged.clone());
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// Deflates every stream that has no filter yet, at the fastest level: a 12-page agreement
/// grows from 46 to 63 KB and renders in 6 ms instead of 8 (tests/benches/agreements.rs).
fn compress(doc: &mut lopdf::Document) {
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.has(b"Filter") {
            continue;
        }
        if let Some(compressed) = deflate(&stream.content) {
            if compressed.len() < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
}

fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

fn pdf_date(at: DateTime<Utc>) -> printpdf::DateTime {
    printpdf::DateTime {
        date: Date {
            year: at.year(),
            month: at.month() as u8,
            day: at.day() as u8,
        },
        time: Time {
            hour: at.hour() as u8,
            minute: at.minute() as u8,
            second: at.second() as u8,
            millisecond: 0,
        },
        offset: Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

/// A document id derived from the content (FNV-1a, twice with different seeds): the same
/// content gives the same id.
fn content_id(pages: &[Vec<Line>], metadata: &Metadata) -> String {
    let mut hashes = [0xcbf2_9ce4_8422_2325_u64, 0x6c62_272e_07bb_0142_u64];
    let mut feed = |bytes: &[u8]| {
        for hash in hashes.iter_mut() {
            for byte in bytes {
                *hash ^= u64::from(*byte);
                *hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    };
    feed(metadata.title.as_bytes());
    feed(metadata.created.to_rfc3339().as_bytes());
    for line in pages.iter().flatten() {
        feed(line.text.as_bytes());
        feed(&line.y.to_le_bytes());
    }
    format!("{:016x}{:016x}", hashes[0], hashes[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: f32) -> String {
        let mut out = Vec::new();
        push_number(&mut out, value);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn lengths_are_written_to_a_hundredth_without_trailing_zeros() {
        assert_eq!(number(62.0), "62");
        assert_eq!(number(443.0564), "443.06");
        assert_eq!(number(785.89), "785.89");
        assert_eq!(number(8.5), "8.5");
        assert_eq!(number(0.004), "0");
        assert_eq!(number(-1.25), "-1.25");
    }

    #[test]
    fn a_line_is_placed_and_shown_by_its_glyph_ids() {
        let fonts = Fonts::embedded();
        let lines = vec![Line {
            x: 62.0,
            y: 700.5,
            text: "Aé".into(),
            face: Face::Bold,
            size: 11.0,
            grey: false,
        }];
        let used = repertoire(std::slice::from_ref(&lines));
        let faces = Faces::for_document(fonts, &used, Subsetting::Shared);
        let glyphs = Glyphs::of(&faces, &used);
        let bold = faces.face(Face::Bold);
        let expected = format!(
            "BT\n0.08 0.08 0.08 rg\n/DPABLD 11 Tf\n1 0 0 1 62 700.5 Tm\n<{:04x}{:04x}> Tj\nET",
            bold.glyph('A'),
            bold.glyph('é')
        );
        assert!(bold.glyph('A') != 0 && bold.glyph('é') != 0);
        assert_eq!(
            String::from_utf8(content(&lines, &glyphs)).unwrap(),
            expected
        );
    }
}
