//! The agreement PDF and the customer export, checked the way a reader would: text
//! extracted with pdftotext, the file checked with qpdf, fonts with pdffonts.

mod common;

use std::process::Command;
use std::sync::atomic::AtomicBool;

use chrono::{TimeZone, Utc};
use common::*;
use dpa_desk::documents::agreement::render_agreement;
use dpa_desk::documents::fonts::Fonts;
use dpa_desk::documents::layout::{Document, Item};
use dpa_desk::documents::pdf::{render, Metadata};
use dpa_desk::domain::agreement::{Agreement, AgreementStatus, TemplateVersion, Terms};
use dpa_desk::domain::assistance::{
    assistance_status, check_assistance, Assistance, AssistanceInput, AssistanceKind,
};
use dpa_desk::domain::customer::{Contact, Customer, Language};
use dpa_desk::domain::disclosure::{
    check_disclosure, ConcernedCustomer, ConcernedInput, Disclosure, DisclosureInput,
    InformedStatus,
};
use dpa_desk::domain::export::CustomerExport;
use dpa_desk::domain::template::{parse_template, Block};
use dpa_desk::export::customer::{file_stem, write, write_all};

const SAMPLE: &str = include_str!("../assets/samples/modelovereenkomst.nl.txt");

fn export(language: Language, with_text: bool) -> CustomerExport {
    let at = Utc.with_ymd_and_hms(2025, 4, 1, 9, 30, 0).unwrap();
    let customer = Customer {
        id: 12,
        name: "Zorggroep Lindeboom".into(),
        kvk_number: "12345678".into(),
        address: "Lindelaan 1, 3511 AB Utrecht".into(),
        notice_language: language,
        service_start: None,
        service_end: None,
        services: vec!["Salarisportaal".into()],
        contacts: vec![Contact {
            id: 1,
            name: "Anna de Vries".into(),
            role: "Privacy officer".into(),
            email: "anna@lindeboom.example".into(),
            phone: String::new(),
            designated_for_instructions: true,
            receives_notices: true,
        }],
        archived_at: None,
        created_at: at,
        updated_at: at,
    };
    let version = TemplateVersion {
        id: 3,
        label: "2025.1".into(),
        version_date: chrono::NaiveDate::from_ymd_opt(2025, 3, 3).unwrap(),
        language: Language::Nl,
        terms: Terms {
            audit_notice_days: 30,
            objection_window_days: 14,
            liability_cap_eur: 1000,
            first_notice_target_hours: 24,
            other_terms: "Facturering per kwartaal.".into(),
        },
        text: with_text.then(|| parse_template(SAMPLE).unwrap().text),
        source_name: "modelovereenkomst.nl.txt".into(),
        source_sha256: String::new(),
        signed_count: 1,
        created_at: at,
    };
    let agreement = Agreement {
        id: 7,
        customer_id: 12,
        template_version_id: 3,
        version_label: "2025.1".into(),
        status: AgreementStatus::Signed,
        signed_on: chrono::NaiveDate::from_ymd_opt(2025, 4, 1),
        signed_by_name: "Joost Ëikelboom".into(),
        signed_by_role: "Bestuurder".into(),
        end_date: None,
        notes: String::new(),
        created_at: at,
        updated_at: at,
        amendment: None,
    };
    let mut export = CustomerExport::new(settings().processor, customer, vec![agreement], |_| {
        Some(version.clone())
    });
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let record = check_disclosure(
        &DisclosureInput {
            authority: "Belastingdienst/FIOD".into(),
            received_at: "16-11-2026 10:00".into(),
            legal_basis: "Vordering op grond van de AWR".into(),
            requester: "Rechercheur K. Veld".into(),
            data_requested: "Facturen van 2025".into(),
            customers: vec![ConcernedInput {
                customer_id: 12,
                informed_at: "16-11-2026 14:00".into(),
                ..Default::default()
            }],
            ..Default::default()
        },
        now,
    )
    .unwrap();
    export.disclosures = vec![Disclosure {
        id: 1,
        number: "2026-001".into(),
        concerned: vec![ConcernedCustomer {
            concerned: record.customers[0].clone(),
            customer_name: "Zorggroep Lindeboom".into(),
            status: InformedStatus::Informed,
            letters: Vec::new(),
        }],
        record,
    }];
    let record = check_assistance(
        &AssistanceInput {
            kind: AssistanceKind::Erasure,
            received_at: "03-11-2026 09:00".into(),
            summary: "Verwijderverzoek van een cliënt".into(),
            handled_on: "05-11-2026".into(),
            hours: "1,5".into(),
            costs: "142,50".into(),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    export.assistance = vec![Assistance {
        id: 1,
        customer_id: 12,
        customer_name: "Zorggroep Lindeboom".into(),
        status: assistance_status(&record),
        record,
    }];
    export
}

/// The PDF with its object streams unpacked, as text (qpdf's QDF form).
fn uncompressed(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in.pdf"), dir.path().join("out.pdf"));
    std::fs::write(&input, pdf).unwrap();
    let status = Command::new("qpdf")
        .arg("--qdf")
        .arg("--object-streams=disable")
        .arg(&input)
        .arg(&output)
        .status()
        .unwrap();
    assert!(status.success());
    String::from_utf8_lossy(&std::fs::read(output).unwrap()).into_owned()
}

#[test]
fn the_agreement_pdf_holds_every_clause_and_the_parties_in_order() {
    let pdf = render_agreement(&export(Language::Nl, true)).unwrap();
    let text = text_of(&pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut position = 0;
    let mut expect = |needle: &str| {
        let found = flat[position..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing or out of order"));
        position += found + needle.len();
    };
    expect("Wolkwerk B.V.");
    expect("Verwerkersovereenkomst");
    expect("Klant Zorggroep Lindeboom (KvK 12345678)");
    expect("2025.1 (03-03-2025)");
    expect("Joost Ëikelboom, Bestuurder");
    expect("minstens 30 dagen");
    expect("binnen 14 dagen na ontvangst van de kennisgeving");
    // 9.1: the EUR amount is a fallback, for the processor only.
    expect("beperkt zoals in de algemene voorwaarden. Alleen als die");
    expect("beperking nietig, vernietigbaar of niet afdwingbaar is");
    expect("aansprakelijkheid van de verwerker ten hoogste EUR 1.000");
    // Our internal target for a first breach notice is no term of the agreement.
    assert!(!flat.contains("intern doel"), "{flat}");
    let parsed = parse_template(SAMPLE).unwrap().text;
    for article in &parsed.articles {
        expect(&article.heading);
        for block in &article.blocks {
            if let Block::Clause { number, text } = block {
                expect(number);
                // The clause's first and last words, wherever the line breaks fell.
                let words: Vec<&str> = text.split_whitespace().collect();
                expect(words[0]);
                expect(words[words.len() - 1]);
            }
        }
    }
    expect("Bijlage: stand van zaken");
    expect("Anna de Vries");
    expect("Verzoeken om verstrekking van gegevens");
    expect("2026-001, ontvangen 16-11-2026 10:00: Belastingdienst/FIOD");
    expect("in behandeling; u geïnformeerd op 16-11-2026 14:00");
    expect("Bijstand");
    expect("verwijdering: Verwijderverzoek van een cliënt; afgehandeld op 05-11-2026; 1,50 uur; € 142,50");
    expect("Totaal: 1,50 uur, € 142,50");
    assert!(flat.contains("pagina 1 van"));
}

#[test]
fn the_pdf_is_valid_has_embedded_subset_fonts_and_metadata() {
    let pdf = render_agreement(&export(Language::Nl, true)).unwrap();
    let (ok, out) = tool("qpdf", &["--check"], &pdf);
    assert!(ok, "{out}");
    let (ok, fonts) = tool("pdffonts", &[], &pdf);
    assert!(ok);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    for row in rows {
        assert!(row.contains("DejaVuSans"), "{row}");
        assert!(row.contains(" yes yes "), "embedded and subset: {row}");
    }
    let (_, info) = tool("pdfinfo", &[], &pdf);
    assert!(
        info.contains("Title:") && info.contains("Zorggroep Lindeboom"),
        "{info}"
    );
    assert!(
        info.contains("Author:") && info.contains("Wolkwerk B.V."),
        "{info}"
    );
    assert!(
        info.contains("CreationDate:") && info.contains("2025"),
        "{info}"
    );
    assert!(uncompressed(&pdf).contains("/Lang (nl-NL)"), "language tag");
    assert!(pdf.len() < 200_000, "fonts are subset: {} bytes", pdf.len());
}

#[test]
fn an_agreement_beyond_west_european_characters_gets_faces_of_its_own() {
    let mut export = export(Language::Nl, true);
    export.customer.name = "Łódź Θεσσαλονίκη Sp. z o.o.".into();
    let pdf = render_agreement(&export).unwrap();
    let words = text_of(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(words.contains("Łódź Θεσσαλονίκη Sp. z o.o."), "{words}");
    assert!(
        words.contains("Verwerkersovereenkomst"),
        "the agreement itself too"
    );
    let (ok, fonts) = tool("pdffonts", &[], &pdf);
    assert!(
        ok && fonts.lines().skip(2).all(|row| row.contains(" yes yes ")),
        "{fonts}"
    );
    // Smaller than with the shared faces: subset to what it shows.
    assert!(
        pdf.len()
            < render_agreement(&self::export(Language::Nl, true))
                .unwrap()
                .len()
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let a = render_agreement(&export(Language::Nl, true)).unwrap();
    // Something else rendered in between must not change the next document.
    render_agreement(&export(Language::En, false)).unwrap();
    let b = render_agreement(&export(Language::Nl, true)).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, render_agreement(&export(Language::En, true)).unwrap());
}

#[test]
fn without_a_loaded_text_the_record_and_terms_still_render_in_english() {
    let pdf = render_agreement(&export(Language::En, false)).unwrap();
    let (_, raw) = tool("pdftotext", &["-raw"], &pdf);
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Data processing agreement"));
    assert!(text.contains("The text of this version is not loaded"));
    assert!(text.contains("Objecting to a sub-processor (article 8.2)"));
    assert!(text.contains("the processor's liability at most EUR 1,000 per year"));
    assert!(!text.contains("internal target"), "{text}");
    assert!(text.contains("page 1 of"));
}

fn test_metadata() -> Metadata {
    Metadata {
        title: "Test".into(),
        author: "Wolkwerk".into(),
        subject: "Test".into(),
        language: "nl-NL".into(),
        created: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
    }
}

#[test]
fn dutch_characters_survive_the_round_trip() {
    let metadata = test_metadata();
    let line = "Coördinatie, reïntegratie, café – € 1.000 ’s avonds";
    let document = Document {
        letterhead: vec![],
        identity: "test".into(),
        page_label: "{page}/{pages}".into(),
        continued: "vervolg".into(),
        items: vec![Item::Paragraph(line.into())],
    };
    assert!(text_of(&render(&document, &metadata).unwrap()).contains(line));
}

/// A small deterministic generator of hostile text: right-to-left, combining marks, emoji,
/// control characters, unassigned and private-use code points, very long words.
fn hostile(seed: u64) -> String {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let pools: [&[u32]; 8] = [
        &[0x20, 0x41, 0x7a, 0x30, 0x2e],
        &[0x5d0, 0x5ea, 0x627, 0x64a, 0x200f, 0x202e],
        &[0x301, 0x308, 0x327, 0x20dd],
        &[0x1f600, 0x1f4a9, 0x1f1f3, 0x200d, 0xfe0f],
        &[0x0, 0x7, 0x1b, 0x7f, 0x85, 0x2028],
        &[0xe000, 0xfffe, 0x10ffff, 0x378],
        &[0x4e2d, 0x65e5, 0xac00],
        &[0xa0, 0x202f, 0x2011, 0xad],
    ];
    let len = (next() % 400) as usize;
    (0..len)
        .filter_map(|_| {
            let pool = pools[(next() % 8) as usize];
            char::from_u32(pool[(next() % pool.len() as u64) as usize])
        })
        .collect()
}

#[test]
fn a_thousand_hostile_inputs_never_panic_and_give_valid_pdfs() {
    let mut checked = 0;
    for seed in 0..1000u64 {
        let mut input = export(Language::Nl, seed % 2 == 0);
        input.customer.name = hostile(seed);
        input.customer.address = hostile(seed + 10_000).repeat(3);
        input.processor.name = hostile(seed + 20_000);
        if let Some(current) = input.current.as_mut() {
            current.version.terms.other_terms = hostile(seed + 30_000).repeat(20);
        }
        // Characters the fonts lack refuse the document, naming them; without them it prints.
        let pdf = match render_agreement(&input) {
            Ok(pdf) => pdf,
            Err(refused) => {
                assert!(!refused.characters.is_empty(), "seed {seed}");
                let printable = |text: &str| -> String {
                    text.chars()
                        .filter(|c| Fonts::embedded().covers(&c.to_string()))
                        .collect()
                };
                input.customer.name = printable(&input.customer.name);
                input.customer.address = printable(&input.customer.address);
                input.processor.name = printable(&input.processor.name);
                if let Some(current) = input.current.as_mut() {
                    let other = &mut current.version.terms.other_terms;
                    *other = printable(other);
                }
                render_agreement(&input).unwrap()
            }
        };
        assert!(pdf.starts_with(b"%PDF-"));
        if seed % 100 == 0 {
            let (ok, out) = tool("qpdf", &["--check"], &pdf);
            assert!(ok, "seed {seed}: {out}");
            checked += 1;
        }
    }
    assert_eq!(checked, 10);
}

#[test]
fn the_export_writes_pdf_and_json_with_the_same_content() {
    let dir = tempfile::tempdir().unwrap();
    let data = export(Language::Nl, true);
    let pdf = write(dir.path(), &data).unwrap();
    assert_eq!(pdf.file_name().unwrap(), "Zorggroep-Lindeboom-12.pdf");
    let json: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("Zorggroep-Lindeboom-12.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["format"], "dpa-desk/customer-export/1");
    assert_eq!(json["customer"]["name"], "Zorggroep Lindeboom");
    assert_eq!(
        json["current"]["version"]["terms"]["objection_window_days"],
        14
    );
    assert_eq!(json["current"]["agreement"]["signed_on"], "2025-04-01");
    assert_eq!(
        json["current"]["version"]["text"]["articles"]
            .as_array()
            .unwrap()
            .len(),
        8
    );
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        render_agreement(&data).unwrap()
    );
}

#[test]
fn export_all_writes_a_folder_per_customer_a_csv_and_stops_when_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let exports: Vec<CustomerExport> = (0..5)
        .map(|i| {
            let mut e = export(Language::Nl, false);
            e.customer.id = i;
            e.customer.name = format!("Klant {i}, \"de beste\"");
            e
        })
        .collect();
    let reports = std::sync::Mutex::new(Vec::new());
    let summary = write_all(
        dir.path(),
        "export",
        &exports,
        |done, total| reports.lock().unwrap().push((done, total)),
        &AtomicBool::new(false),
    )
    .unwrap();
    let mut reports = reports.into_inner().unwrap();
    reports.sort();
    assert_eq!(
        (summary.exported, summary.total, summary.cancelled),
        (5, 5, false)
    );
    assert_eq!(
        reports,
        (1..=5).map(|n| (n, 5)).collect::<Vec<_>>(),
        "every customer once"
    );
    for e in &exports {
        let stem = file_stem(e);
        assert!(dir
            .path()
            .join("export")
            .join(&stem)
            .join(format!("{stem}.pdf"))
            .exists());
    }
    let csv = std::fs::read_to_string(dir.path().join("export/klanten.csv")).unwrap();
    assert_eq!(csv.lines().count(), 6);
    assert!(csv.contains("\"Klant 3, \"\"de beste\"\"\",12345678,nl,2025.1,ondertekend,01-04-2025"));

    let cancelled = write_all(
        dir.path(),
        "cancelled",
        &exports,
        |_, _| {},
        &AtomicBool::new(true),
    )
    .unwrap();
    assert_eq!((cancelled.exported, cancelled.cancelled), (0, true));
}

/// Checks that `value` has exactly the keys the schema requires at every level, following
/// `$ref`, `anyOf` and `items`, so the documented schema cannot drift from the export.
fn conforms(
    schema: &serde_json::Value,
    root: &serde_json::Value,
    value: &serde_json::Value,
    path: &str,
) {
    if let Some(reference) = schema.get("$ref").and_then(|r| r.as_str()) {
        let name = reference.trim_start_matches("#/$defs/");
        return conforms(&root["$defs"][name], root, value, path);
    }
    if let Some(options) = schema.get("anyOf").and_then(|o| o.as_array()) {
        if value.is_null() {
            assert!(
                options.iter().any(|o| o["type"] == "null"),
                "{path} may not be null"
            );
            return;
        }
        let option = options.iter().find(|o| o["type"] != "null").unwrap();
        return conforms(option, root, value, path);
    }
    if let Some(required) = schema.get("required").and_then(|r| r.as_array()) {
        let object = value
            .as_object()
            .unwrap_or_else(|| panic!("{path} is not an object"));
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        let mut expected: Vec<&str> = required.iter().map(|k| k.as_str().unwrap()).collect();
        keys.sort();
        expected.sort();
        // Optional keys (e.g. a clause's number) are in `properties` only.
        let properties = schema["properties"].as_object().unwrap();
        keys.retain(|k| expected.contains(k) || !properties.contains_key(*k));
        assert_eq!(keys, expected, "keys of {path}");
        for (key, sub) in properties {
            if let Some(v) = object.get(key) {
                conforms(sub, root, v, &format!("{path}.{key}"));
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            conforms(items, root, item, &format!("{path}[{i}]"));
        }
    }
}

#[test]
fn the_json_export_matches_its_documented_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../assets/customer-export.schema.json")).unwrap();
    for data in [export(Language::Nl, true), export(Language::En, false)] {
        let json = serde_json::to_value(&data).unwrap();
        conforms(&schema, &schema, &json, "export");
    }
    let mut none = export(Language::Nl, false);
    none.current = None;
    none.history.clear();
    conforms(
        &schema,
        &schema,
        &serde_json::to_value(&none).unwrap(),
        "export",
    );
}

#[test]
fn names_in_the_eus_scripts_print_and_extract_and_others_are_refused() {
    let metadata = test_metadata();
    let document = |name: &str| Document {
        letterhead: vec![],
        identity: "test".into(),
        page_label: "{page}/{pages}".into(),
        continued: "vervolg".into(),
        items: vec![Item::KeyValues(vec![("Aan".into(), name.into())])],
    };
    let name = "Zorgé Ærø İstanbul Łódź Θεσσαλονίκη Київ Sveučilište Šiauliai Māris";
    let pdf = render(&document(name), &metadata).unwrap();
    let words = text_of(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(words.contains(name), "{words}");
    // Beyond the shared West European subset the faces are subset for this document alone.
    let (ok, fonts) = tool("pdffonts", &[], &pdf);
    assert!(
        ok && fonts.lines().skip(2).all(|row| row.contains(" yes yes ")),
        "{fonts}"
    );
    let (ok, out) = tool("qpdf", &["--check"], &pdf);
    assert!(ok, "{out}");
    let refused = render(&document("Zorgé שלום Ærø İstanbul Łódź"), &metadata).unwrap_err();
    assert_eq!(
        (refused.place.as_str(), refused.characters.len()),
        ("Aan", 4)
    );
}
