//! Writing laid-out pages as PDF: fonts embedded and subset, metadata set, and the same
//! input always giving the same bytes, so a document's SHA-256 proves what was produced.

use chrono::{DateTime, Datelike, Timelike, Utc};
use lopdf::{Object, StringFormat};
use printpdf::{
    Color, Date, FontId, Offset, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions,
    Pt, Rgb, TextItem, TextMatrix, Time,
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

/// Lays out and writes the document; refuses one the fonts cannot print.
pub fn render(document: &Document, metadata: &Metadata) -> Result<Vec<u8>, Unprintable> {
    let fonts = Fonts::embedded();
    check(fonts, document)?;
    let pages = lay_out(fonts, document);
    Ok(write(fonts, &pages, metadata))
}

fn font_id(face: Face) -> FontId {
    // Fixed ids: printpdf's own come from a process-wide counter. The first six letters
    // become the subset tag.
    FontId(match face {
        Face::Regular => "DPAREG".into(),
        Face::Bold => "DPABLD".into(),
    })
}

fn write(fonts: &Fonts, pages: &[Vec<Line>], metadata: &Metadata) -> Vec<u8> {
    let mut doc = PdfDocument::new(&metadata.title);
    let info = &mut doc.metadata.info;
    info.author = metadata.author.clone();
    info.subject = metadata.subject.clone();
    info.creator = "DPA Desk".into();
    info.producer = "DPA Desk".into();
    info.creation_date = pdf_date(metadata.created);
    info.modification_date = pdf_date(metadata.created);
    info.metadata_date = pdf_date(metadata.created);
    doc.resources
        .fonts
        .map
        .insert(font_id(Face::Regular), PdfFont::new(fonts.regular.clone()));
    doc.resources
        .fonts
        .map
        .insert(font_id(Face::Bold), PdfFont::new(fonts.bold.clone()));
    doc.pages = pages.iter().map(|lines| page(lines)).collect();

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
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
    compress(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).expect("writing a PDF into memory");
    bytes
}

/// Deflates every stream that has no filter yet, at the fastest level: a 12-page agreement
/// grows from 46 to 63 KB and renders in 6 ms instead of 8 (tests/benches/agreements.rs).
fn compress(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.has(b"Filter") {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        if encoder.write_all(&stream.content).is_ok() {
            if let Ok(compressed) = encoder.finish() {
                if compressed.len() < stream.content.len() {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(compressed);
                }
            }
        }
    }
}

/// One text section per page; font and colour are set only when they change, and each
/// line is placed absolutely (`Tm`).
fn page(lines: &[Line]) -> PdfPage {
    let mut ops = Vec::with_capacity(lines.len() * 2 + 2);
    ops.push(Op::StartTextSection);
    let mut font: Option<(Face, f32)> = None;
    let mut grey: Option<bool> = None;
    for line in lines {
        if grey != Some(line.grey) {
            let level = if line.grey { 0.35 } else { 0.08 };
            ops.push(Op::SetFillColor {
                col: Color::Rgb(Rgb {
                    r: level,
                    g: level,
                    b: level,
                    icc_profile: None,
                }),
            });
            grey = Some(line.grey);
        }
        if font != Some((line.face, line.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(line.face)),
                size: Pt(line.size),
            });
            font = Some((line.face, line.size));
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(line.x), Pt(line.y)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(line.text.clone())],
        });
    }
    ops.push(Op::EndTextSection);
    PdfPage::new(Pt(PAGE_WIDTH).into(), Pt(PAGE_HEIGHT).into(), ops)
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
