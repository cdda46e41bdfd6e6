//! An agreement written as an officer keeps it: as plain text, and as a Word file with no
//! number in its text (articles, clauses and subclauses from Word's automatic numbering,
//! bullets), a tracked deletion and insertion, a field whose code must not show, and a
//! running footer "pagina N van M". Used by the template import tests and written by the
//! `onboarding_files` example for the webview test.
#![allow(dead_code)]

use std::io::Cursor;
use std::path::{Path, PathBuf};

use docx_rs::{
    AbstractNumbering, Delete, Docx, FieldCharType, Footer, FooterReference, Header,
    HeaderReference, IndentLevel, Insert, InstrNUMPAGES, InstrPAGE, InstrText, Level, LevelJc,
    LevelText, NumberFormat, Numbering, NumberingId, Paragraph, Run, SectionProperty, Start,
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
    // From here the agreement is set in two columns. A `|` is a soft hyphen: where it falls
    // at a line end the word is split with a hyphen; the words with a hyphen of their own
    // (back-upmedia, ICT-systemen, EU-lidstaat, e-mailadres, AVG-verplichtingen) keep it.
    (
        "Beveiliging",
        &[
            plain("De verwerker neemt passende technische en organisatorische beveiligings|maatregelen als bedoeld in artikel 32 AVG, en legt die vast in een beveiligings|document dat hij ten minste eenmaal per jaar herziet."),
            plain("Toegang tot persoons|gegevens is beperkt tot medewerkers die de gegevens voor hun werk|zaamheden nodig hebben; elke toegang wordt vastgelegd en de log|bestanden worden twaalf maanden bewaard."),
            plain("De verwerker versleutelt persoons|gegevens tijdens transport en in opslag, ook op back-upmedia en op draagbare apparatuur van medewerkers."),
            plain("Wachtwoorden en sleutels worden bewaard in een afgeschermde sleutel|kluis; beheerders melden zich aan met twee|staps|verificatie en een persoonlijk account."),
            plain("De verwerker laat de beveiliging jaarlijks testen door een onafhankelijke partij en deelt de samenvatting van het test|rapport op verzoek met de klant, zonder de technische details die de beveiliging zouden verzwakken."),
            plain("Wijzigingen in de ICT-systemen worden vooraf beoordeeld op hun gevolgen voor de vertrouwelijk|heid, integriteit en beschikbaar|heid van de gegevens."),
        ],
    ),
    (
        "Subverwerkers",
        &[
            plain("De verwerker schakelt een subverwerker alleen in na schriftelijke kennis|geving aan de klant, die binnen de bezwaar|termijn van de overeenkomst bezwaar kan maken."),
            plain("De verwerker legt elke subverwerker ten minste dezelfde verplichtingen op als die uit deze overeenkomst, waaronder geheim|houding, beveiliging en het tijdig melden van incidenten."),
            plain("Een subverwerker buiten een EU-lidstaat wordt alleen ingeschakeld met passende waarborgen, zoals de standaard|contract|bepalingen van de Europese Commissie."),
            plain("De verwerker houdt een actuele lijst van subverwerkers bij met hun naam, vestigings|plaats, dienst en het e-mailadres van hun contact|persoon, en stuurt die lijst op verzoek aan de klant."),
            plain("De verwerker blijft jegens de klant volledig aansprakelijk voor de nakoming van de AVG-verplichtingen door zijn subverwerkers, ook wanneer een subverwerker zijn verplichtingen niet nakomt."),
        ],
    ),
];

/// The article from which the agreement is set in two columns.
const FIRST_TWO_COLUMN_ARTICLE: usize = 4;

const fn plain(text: &'static str) -> Clause {
    Clause {
        text,
        sub: &[],
        bullets: &[],
    }
}

/// A text as the officer reads it: the soft hyphens are invisible.
fn read(text: &str) -> String {
    text.replace('|', "")
}

/// A text as Word keeps it: `|` is a soft hyphen.
fn written(text: &str) -> String {
    text.replace('|', "\u{ad}")
}

pub fn as_text() -> String {
    let mut text = String::from("Verwerkersovereenkomst Wolkwerk\n\n");
    for (a, (title, clauses)) in AGREEMENT.iter().enumerate() {
        text.push_str(&format!("Artikel {} {title}\n\n", a + 1));
        for (c, clause) in clauses.iter().enumerate() {
            text.push_str(&format!("{}.{} {}\n\n", a + 1, c + 1, read(clause.text)));
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
    Run::new().add_text(written(text))
}

/// The agreement as Word writes it: no number in any text, all from the numbering, with
/// a tracked deletion and insertion.
pub fn as_docx() -> Vec<u8> {
    docx(Markup::TrackedChanges)
}

/// The agreement as its final Word file: the changes accepted, as it would be printed to PDF.
pub fn as_final_docx() -> Vec<u8> {
    docx(Markup::Final)
}

#[derive(PartialEq)]
enum Markup {
    TrackedChanges,
    Final,
}

fn footer() -> Footer {
    Footer::new().add_paragraph(
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
    )
}

fn docx(markup: Markup) -> Vec<u8> {
    let header = Header::new()
        .add_paragraph(Paragraph::new().add_run(text_run("Wolkwerk B.V. – vertrouwelijk")));
    // The last section (the body's) has two columns; the one before it ends in a paragraph
    // that carries its own section properties, with the same header and footer.
    let two_columns = SectionProperty {
        columns: 2,
        ..SectionProperty::new()
    };
    let one_column = SectionProperty {
        header_reference: Some(HeaderReference::new("default", "rIdHeader1")),
        footer_reference: Some(FooterReference::new("default", "rIdFooter1")),
        ..SectionProperty::new()
    };
    // docx-rs writes a numbering of its own with ids 1 and 2; ours take ids of their own, as
    // in a file Word wrote (a repeated id is read differently by different programs).
    let mut docx = Docx::new();
    docx.document = docx.document.default_section_property(two_columns);
    docx = docx
        .header(header)
        .footer(footer())
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
        if a + 1 == FIRST_TWO_COLUMN_ARTICLE {
            docx = docx.add_paragraph(Paragraph::new().section_property(one_column.clone()));
        }
        docx = docx.add_paragraph(numbered(0).add_run(text_run(title)));
        for (c, clause) in clauses.iter().enumerate() {
            let mut paragraph = numbered(1);
            if a == 0 && c == 1 && markup == Markup::TrackedChanges {
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

/// The final Word file printed to PDF by LibreOffice (headless), as an officer's PDF is made.
pub fn as_pdf(work_dir: &Path) -> Vec<u8> {
    let pdf = libreoffice_convert(&as_final_docx(), "pdf", work_dir);
    std::fs::read(pdf).unwrap()
}

/// Converts a Word file with LibreOffice (Debian's `libreoffice-writer-nogui`, installed by
/// `make test`) to `format` (as `--convert-to` takes it), in `work_dir`; returns the new file.
pub fn libreoffice_convert(docx: &[u8], format: &str, work_dir: &Path) -> PathBuf {
    let word = work_dir.join("overeenkomst.docx");
    std::fs::write(&word, docx).unwrap();
    let out = work_dir.join("converted");
    let profile = format!(
        "-env:UserInstallation=file://{}/libreoffice-profile",
        work_dir.display()
    );
    let output = std::process::Command::new("libreoffice")
        .args([&profile, "--headless", "--convert-to", format, "--outdir"])
        .arg(&out)
        .arg(&word)
        .output()
        .expect("LibreOffice (Debian's libreoffice-writer-nogui, installed by `make test`)");
    assert!(output.status.success(), "{output:?}");
    let extension = format.split(':').next().unwrap();
    let converted = out.join(format!("overeenkomst.{extension}"));
    assert!(converted.exists(), "LibreOffice wrote no file: {output:?}");
    converted
}
