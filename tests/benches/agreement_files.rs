//! An agreement written as an officer keeps it: as plain text, and as a Word file with no
//! number in its text (articles, clauses and subclauses from Word's automatic numbering,
//! bullets), a tracked deletion and insertion, a field whose code must not show, and a
//! running footer "pagina N van M". Used by the template import tests and written by the
//! `onboarding_files` example for the webview test.
#![allow(dead_code)]

use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, Delete, Docx, FieldCharType, Footer, IndentLevel, Insert, InstrNUMPAGES,
    InstrPAGE, InstrText, Level, LevelJc, LevelText, NumberFormat, Numbering, NumberingId,
    Paragraph, Run, Start,
};

/// The agreement: articles with a title and clauses, a clause with subclauses and bullets.
struct Clause {
    text: &'static str,
    sub: &'static [&'static str],
    bullets: &'static [&'static str],
}

const AGREEMENT: &[(&str, &[Clause])] = &[
    (
        "Begrippen",
        &[
            Clause {
                text: "In deze overeenkomst betekenen de woorden met een hoofdletter wat de AVG eraan geeft.",
                sub: &[],
                bullets: &[],
            },
            Clause {
                text: "Een beveiligingsincident is elk voorval dat de vertrouwelijkheid, integriteit of beschikbaarheid raakt.",
                sub: &[],
                bullets: &[],
            },
        ],
    ),
    (
        "Melden van beveiligingsincidenten",
        &[
            Clause {
                text: "De verwerker informeert de klant zonder onredelijke vertraging en geeft daarbij ten minste:",
                sub: &[
                    "de aard van het incident en de betrokken categorieën;",
                    "de waarschijnlijke gevolgen;",
                    "de genomen en voorgestelde maatregelen.",
                ],
                bullets: &[],
            },
            Clause {
                text: "De verwerker houdt een register bij met per incident:",
                sub: &[],
                bullets: &["de feiten;", "de gevolgen;", "de getroffen maatregelen."],
            },
        ],
    ),
    (
        "Geheimhouding",
        &[Clause {
            text: "Medewerkers van de verwerker zijn tot geheimhouding verplicht.",
            sub: &[],
            bullets: &[],
        }],
    ),
];

pub fn as_text() -> String {
    let mut text = String::from("Verwerkersovereenkomst Wolkwerk\n\n");
    for (a, (title, clauses)) in AGREEMENT.iter().enumerate() {
        text.push_str(&format!("Artikel {} {title}\n\n", a + 1));
        for (c, clause) in clauses.iter().enumerate() {
            text.push_str(&format!("{}.{} {}\n\n", a + 1, c + 1, clause.text));
            for (s, sub) in clause.sub.iter().enumerate() {
                text.push_str(&format!("{}.{}.{} {sub}\n\n", a + 1, c + 1, s + 1));
            }
            for bullet in clause.bullets {
                text.push_str(&format!("• {bullet}\n\n"));
            }
        }
    }
    text
}

fn level(level: usize, format: &str, text: &str) -> Level {
    Level::new(
        level,
        Start::new(1),
        NumberFormat::new(format),
        LevelText::new(text),
        LevelJc::new("left"),
    )
}

fn text_run(text: &str) -> Run {
    Run::new().add_text(text)
}

/// The agreement as Word writes it: no number in any text, all from the numbering.
pub fn as_docx() -> Vec<u8> {
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .add_run(text_run("Verwerkersovereenkomst Wolkwerk – pagina "))
            .add_run(
                Run::new()
                    .add_field_char(FieldCharType::Begin, false)
                    .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
                    .add_field_char(FieldCharType::Separate, false),
            )
            .add_run(text_run("1"))
            .add_run(Run::new().add_field_char(FieldCharType::End, false))
            .add_run(text_run(" van "))
            .add_run(
                Run::new()
                    .add_field_char(FieldCharType::Begin, false)
                    .add_instr_text(InstrText::NUMPAGES(InstrNUMPAGES::new()))
                    .add_field_char(FieldCharType::Separate, false),
            )
            .add_run(text_run("3"))
            .add_run(Run::new().add_field_char(FieldCharType::End, false)),
    );
    // docx-rs writes a numbering of its own with ids 1 and 2; ours take ids of their own, as
    // in a file Word wrote (a repeated id is read differently by different programs).
    let mut docx = Docx::new()
        .footer(footer)
        .add_abstract_numbering(
            AbstractNumbering::new(10)
                .add_level(level(0, "decimal", "Artikel %1"))
                .add_level(level(1, "decimal", "%1.%2"))
                .add_level(level(2, "decimal", "%1.%2.%3")),
        )
        .add_abstract_numbering(
            AbstractNumbering::new(11).add_level(level(0, "bullet", "\u{f0b7}")),
        )
        .add_numbering(Numbering::new(10, 10))
        .add_numbering(Numbering::new(11, 11))
        .add_paragraph(Paragraph::new().add_run(text_run("Verwerkersovereenkomst Wolkwerk")));
    let numbered =
        |depth: usize| Paragraph::new().numbering(NumberingId::new(10), IndentLevel::new(depth));
    for (a, (title, clauses)) in AGREEMENT.iter().enumerate() {
        docx = docx.add_paragraph(numbered(0).add_run(text_run(title)));
        for (c, clause) in clauses.iter().enumerate() {
            let mut paragraph = numbered(1);
            if a == 0 && c == 1 {
                // Tracked changes: a deleted phrase and an inserted one.
                let (start, rest) = clause.text.split_at(clause.text.find(" elk").unwrap());
                paragraph = paragraph
                    .add_run(text_run(start))
                    .add_delete(
                        Delete::new()
                            .add_run(Run::new().add_delete_text(" uitsluitend een datalek en")),
                    )
                    .add_insert(Insert::new(text_run(rest)));
            } else if a == 2 {
                // A field whose code must not show, with its result in the sentence.
                let (start, rest) = clause.text.split_at(clause.text.find("verplicht").unwrap());
                paragraph = paragraph
                    .add_run(text_run(start))
                    .add_run(
                        Run::new()
                            .add_field_char(FieldCharType::Begin, false)
                            .add_instr_text(InstrText::Unsupported(
                                "DOCPROPERTY Verplichting".into(),
                            ))
                            .add_field_char(FieldCharType::Separate, false),
                    )
                    .add_run(text_run(rest))
                    .add_run(Run::new().add_field_char(FieldCharType::End, false));
            } else {
                paragraph = paragraph.add_run(text_run(clause.text));
            }
            docx = docx.add_paragraph(paragraph);
            for sub in clause.sub {
                docx = docx.add_paragraph(numbered(2).add_run(text_run(sub)));
            }
            for bullet in clause.bullets {
                docx = docx.add_paragraph(
                    Paragraph::new()
                        .numbering(NumberingId::new(11), IndentLevel::new(0))
                        .add_run(text_run(bullet)),
                );
            }
        }
    }
    let mut bytes = Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).unwrap();
    bytes.into_inner()
}
