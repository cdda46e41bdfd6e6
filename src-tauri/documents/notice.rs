//! The breach notice to one customer (art. 6.2), in the customer's language: complete on
//! its own, every fact the customer needs for its report to the AP, and what is not known
//! yet stated as unknown rather than left out.

use chrono::{DateTime, Utc};

use super::issued::Issued;
use super::layout::{Document, Item};
use super::pdf::{render, Metadata};
use super::printable::Unprintable;
use super::words::{with_kvk, Words};
use crate::domain::breach::{
    AffectedFacts, Answer, BreachFacts, Consequence, DataKind, IncidentKind, Informed, Occurrence,
    Protection, SubjectCategory,
};
use crate::domain::customer::Language;
use crate::domain::document::DocumentKind;
use crate::domain::notice::{self, notice_file_name, NoticeFacts};
use crate::domain::severity::{Severity, SeverityBand};
use crate::domain::time::display_local;

impl Issued for NoticeFacts {
    fn kind(&self) -> DocumentKind {
        notice::BREACH_NOTICE
    }

    fn language(&self) -> Language {
        self.language
    }

    fn generated_at(&self) -> DateTime<Utc> {
        self.generated_at
    }

    fn version(&self) -> u32 {
        self.sequence
    }

    fn customer_name(&self) -> &str {
        &self.customer_name
    }

    fn subject_line(&self) -> String {
        let w = Words(self.language);
        format!(
            "{} {} – {} – {}",
            w.t("Melding datalek", "Personal data breach notice"),
            self.incident_number,
            w.notice_kind(self.sequence, self.final_notice),
            self.customer_name
        )
    }

    fn file_name(&self, incident_number: &str, customer_stem: &str) -> String {
        notice_file_name(
            incident_number,
            customer_stem,
            self.sequence,
            self.final_notice,
            self.language,
        )
    }

    fn render(&self) -> Result<Vec<u8>, Unprintable> {
        let w = Words(self.language);
        let metadata = Metadata {
            title: self.subject_line(),
            author: self.processor.name.clone(),
            subject: w
                .t(
                    "Melding datalek (art. 6.2 verwerkersovereenkomst)",
                    "Personal data breach notice (art. 6.2 data processing agreement)",
                )
                .into(),
            language: w.t("nl-NL", "en-GB").into(),
            created: self.generated_at,
        };
        render(&notice_document(self), &metadata)
    }
}

/// What the notice says, in reading order; also what the wizard previews.
pub fn notice_document(notice: &NoticeFacts) -> Document {
    let w = Words(notice.language);
    let f = &notice.facts;
    let kind = w.notice_kind(notice.sequence, notice.final_notice);
    let mut items = vec![
        Item::Title(format!("{} – {kind}", w.t("Melding datalek", "Personal data breach notice"))),
        Item::KeyValues(vec![
            (
                w.t("Aan", "To").into(),
                with_kvk(&notice.customer_name, &notice.customer_kvk_number, w),
            ),
            (
                w.t("Van", "From").into(),
                with_kvk(&notice.processor.name, &notice.processor.kvk_number, w),
            ),
        ]),
        Item::Paragraph(format!(
            "{} {}",
            w.t(
                "Als verwerker informeren wij u hierbij over een inbreuk in verband met \
                 persoonsgegevens die wij voor u verwerken (artikel 6 van de \
                 verwerkersovereenkomst).",
                "As your processor we inform you of a personal data breach concerning data we \
                 process on your behalf (article 6 of the data processing agreement).",
            ),
            if notice.final_notice {
                w.t(
                    "Wij geven de feiten zoals wij die kennen; wat niet bekend is, staat als \
                     onbekend vermeld.",
                    "We give the facts as we know them; what is not known is stated as unknown.",
                )
            } else {
                w.t(
                    "Wij geven de feiten zoals wij die nu kennen; wat nog niet bekend is, staat \
                     als onbekend vermeld en vullen wij aan in een vervolgmelding.",
                    "We give the facts as we know them now; what is not known yet is stated as \
                     unknown and will follow in an update.",
                )
            }
        )),
        Item::Note(w.t(
            "U bent verwerkingsverantwoordelijke en beoordeelt zelf of u de inbreuk meldt aan de \
             Autoriteit Persoonsgegevens (zonder onredelijke vertraging en zo mogelijk binnen \
             72 uur nadat u er kennis van hebt genomen, artikel 33 AVG) en aan de betrokkenen \
             (artikel 34 AVG). De onderdelen hieronder volgen de volgorde van het meldformulier \
             datalekken van de Autoriteit Persoonsgegevens.",
            "You are the controller and decide whether to report the breach to the supervisory \
             authority (without undue delay and, where feasible, within 72 hours of becoming \
             aware of it, GDPR article 33) and to the data subjects (GDPR article 34). The \
             sections below follow the order of the data breach notification form of the Dutch \
             supervisory authority (Autoriteit Persoonsgegevens).",
        ).into()),
    ];
    let mut about = vec![
        (
            w.t("Incidentnummer", "Incident number").into(),
            notice.incident_number.clone(),
        ),
        (w.t("Soort melding", "Kind of notice").into(), kind.clone()),
        (
            w.t("Datum van deze melding", "Date of this notice").into(),
            display_local(notice.generated_at),
        ),
    ];
    if let Some(previous) = notice.previous_generated_at {
        about.push((
            w.t("Vorige melding", "Previous notice").into(),
            display_local(previous),
        ));
    }
    if let Some(hours) = notice.late_after_hours {
        about.push((
            w.t(
                "Reden voor de latere melding",
                "Why this notice comes later",
            )
            .into(),
            format!(
                "{} {hours} {} {}",
                w.t(
                    "Deze eerste melding komt later dan onze eigen streeftermijn van",
                    "This initial notice comes later than our own target of",
                ),
                w.t("uur na ontdekking.", "hours after discovery."),
                or_unknown(&f.late_reason, w)
            ),
        ));
    }
    items.push(Item::KeyValues(about));
    if notice.final_notice {
        items.push(Item::Paragraph(
            w.t(
                "Dit is onze eindmelding over dit incident: hiermee sluiten wij de melding in \
                 fasen aan u af. Wat hieronder als onbekend staat, is ons niet bekend geworden.",
                "This is our final notice about this incident: it closes our reporting to you \
                 in phases. What is stated below as unknown has not become known to us.",
            )
            .into(),
        ));
    }

    if notice.sequence > 0 {
        items.push(Item::Heading(
            w.t(
                "Wat is er gewijzigd sinds de vorige melding",
                "What changed since the previous notice",
            )
            .into(),
        ));
        if notice.changes.is_empty() {
            items.push(Item::Paragraph(
                w.t("Geen wijzigingen in de feiten.", "No change in the facts.")
                    .into(),
            ));
        }
        for topic in &notice.changes {
            items.push(Item::Bullet(w.topic(*topic).into()));
        }
        items.push(Item::Paragraph(or_unknown(&f.changes_explanation, w)));
    }

    items.extend(fact_sections(f, &notice.affected, w));

    let p = &notice.processor;
    Document {
        letterhead: [p.name.clone(), p.address.clone(), p.email.clone()]
            .into_iter()
            .filter(|line| !line.is_empty())
            .collect(),
        identity: format!(
            "{} {} · {} · {kind}",
            w.t("Melding datalek", "Breach notice"),
            notice.incident_number,
            notice.customer_name
        ),
        page_label: w
            .t("pagina {page} van {pages}", "page {page} of {pages}")
            .into(),
        continued: w.t("vervolg", "continued").into(),
        items,
    }
}

/// The facts in ten numbered sections in the order of the AP's notification form, those of
/// art. 6.2 marked with their clause, every unknown stated as unknown: what a notice says
/// and what the register report repeats.
pub fn fact_sections(f: &BreachFacts, affected: &AffectedFacts, w: Words) -> Vec<Item> {
    let mut items = Vec::new();
    fn section(items: &mut Vec<Item>, title: String, rows: Vec<(String, String)>) {
        let number = items
            .iter()
            .filter(|i| matches!(i, Item::Heading(_)))
            .count()
            + 1;
        items.push(Item::Heading(format!("{number}. {title}")));
        items.push(Item::KeyValues(rows));
    }
    let m = &f.measures;
    let mut contact = vec![(w.t("Naam", "Name").into(), or_unknown(&m.contact_name, w))];
    if !m.contact_role.is_empty() {
        contact.push((w.t("Functie", "Role").into(), m.contact_role.clone()));
    }
    if !m.contact_email.is_empty() {
        contact.push((w.t("E-mail", "E-mail").into(), m.contact_email.clone()));
    }
    if !m.contact_phone.is_empty() {
        contact.push((w.t("Telefoon", "Phone").into(), m.contact_phone.clone()));
    }
    section(
        &mut items,
        w.t(
            "Contactpersoon bij de verwerker voor vragen",
            "Contact person at the processor for questions",
        )
        .into(),
        contact,
    );
    section(
        &mut items,
        w.t("Tijdlijn", "Timeline").into(),
        timeline_rows(f, w),
    );

    let h = &f.what;
    section(
        &mut items,
        format!("{} (6.2.1)", w.t("Het datalek", "The breach")),
        vec![
            (
                w.t("Samenvatting", "Summary").into(),
                or_unknown(&h.summary, w),
            ),
            (
                w.t("Soort incident", "Kind of incident").into(),
                match h.kind {
                    Some(IncidentKind::Other) if !h.kind_other.is_empty() => {
                        format!("{}: {}", w.kind(IncidentKind::Other), h.kind_other)
                    }
                    Some(kind) => w.kind(kind).into(),
                    None => w.unknown(),
                },
            ),
            (
                w.t(
                    "Aard: wat is er met de gegevens gebeurd",
                    "Nature: what happened to the data",
                )
                .into(),
                list(h.nature.iter().map(|n| w.nature(*n).to_string()), w),
            ),
            (w.t("Oorzaak", "Cause").into(), or_unknown(&h.cause, w)),
            (
                w.t("Betrokken systemen", "Systems involved").into(),
                or_unknown(&h.systems, w),
            ),
        ],
    );
    section(
        &mut items,
        format!("{} (6.2.1)", w.t("Persoonsgegevens", "Personal data")),
        data_rows(affected, w),
    );
    section(
        &mut items,
        format!(
            "{} (6.2.1)",
            w.t("De groep betrokkenen", "The group of data subjects")
        ),
        subject_rows(affected, w),
    );
    section(
        &mut items,
        w.t(
            "Beveiliging van de gegevens vóór het datalek",
            "Protection of the data before the breach",
        )
        .into(),
        vec![(
            w.t(
                "Versleuteld, gehasht of anderszins onleesbaar",
                "Encrypted, hashed or otherwise unintelligible",
            )
            .into(),
            match affected.protection.protection {
                Protection::Unknown => w.unknown(),
                p if affected.protection.how.is_empty() => w.protection(p).into(),
                p => format!("{}: {}", w.protection(p), affected.protection.how),
            },
        )],
    );

    let c = &f.consequences;
    let mut likely: Vec<String> = c
        .likely
        .iter()
        .filter(|x| **x != Consequence::Other)
        .map(|x| w.consequence(*x).to_string())
        .collect();
    if c.likely.contains(&Consequence::Other) {
        likely.push(with_detail(w.consequence(Consequence::Other), &c.other));
    }
    let mut consequences = vec![
        (
            w.t(
                "Gevolgen voor vertrouwelijkheid",
                "Effect on confidentiality",
            )
            .into(),
            w.affected(h.confidentiality),
        ),
        (
            w.t("Gevolgen voor integriteit", "Effect on integrity")
                .into(),
            w.affected(h.integrity),
        ),
        (
            w.t("Gevolgen voor beschikbaarheid", "Effect on availability")
                .into(),
            w.affected(h.availability),
        ),
        (
            w.t(
                "Waarschijnlijke gevolgen voor de betrokkenen",
                "Likely consequences for the data subjects",
            )
            .into(),
            list(likely.into_iter(), w),
        ),
        (
            w.t("Toelichting", "Explanation").into(),
            or_unknown(&c.explanation, w),
        ),
    ];
    if let Some(severity) = &c.severity {
        consequences.push((
            w.t("Ernstinschatting (ENISA)", "Severity estimate (ENISA)")
                .into(),
            severity_text(severity, w),
        ));
    }
    section(
        &mut items,
        format!("{} (6.2.2)", w.t("Gevolgen", "Consequences")),
        consequences,
    );
    if c.severity.is_some() {
        items.push(Item::Note(w.t(
            "Deze inschatting volgens de ENISA-methode (2013) is bedoeld als hulpmiddel bij uw \
             eigen risicobeoordeling. Het is geen oordeel van de verwerker over het risico.",
            "This estimate by the ENISA method (2013) is input for your own risk assessment. It \
             is not the processor's verdict on the risk.",
        ).into()));
    }
    section(
        &mut items,
        w.t("Wie er verder geïnformeerd is", "Who else was informed")
            .into(),
        informed_rows(&f.informed, w),
    );
    section(
        &mut items,
        format!("{} (6.2.3)", w.t("Maatregelen", "Measures")),
        vec![
            (
                w.t("Genomen maatregelen", "Measures taken").into(),
                or_unknown(&m.taken, w),
            ),
            (
                w.t("Voorgestelde maatregelen", "Measures proposed").into(),
                or_unknown(&m.proposed, w),
            ),
            (
                w.t(
                    "Om nadelige gevolgen te beperken",
                    "To mitigate adverse effects",
                )
                .into(),
                or_unknown(&m.mitigation, w),
            ),
        ],
    );
    section(
        &mut items,
        w.t("Internationale aspecten", "Cross-border aspects")
            .into(),
        vec![
            (
                w.t(
                    "Landen in de EER waar betrokkenen wonen",
                    "EEA countries where data subjects live",
                )
                .into(),
                list(h.countries.iter().map(|code| w.country(code)), w),
            ),
            (
                w.t("Toelichting", "Explanation").into(),
                or_unknown(&h.cross_border, w),
            ),
        ],
    );
    items
}

fn timeline_rows(f: &BreachFacts, w: Words) -> Vec<(String, String)> {
    let t = &f.timeline;
    let moment = |m: Option<crate::domain::time::Moment>| {
        m.map(|m| m.display()).unwrap_or_else(|| w.unknown())
    };
    let mut rows = vec![
        (
            w.t("Ontdekt op", "Discovered at").into(),
            moment(t.discovered_at),
        ),
        (
            w.t("Plaatsgevonden", "Occurred").into(),
            occurred(
                t.occurred,
                t.occurred_from.map(|m| m.display()),
                t.occurred_to.map(|m| m.display()),
                w,
            ),
        ),
        (
            w.t(
                "Duurt de inbreuk nog voort?",
                "Is the breach still ongoing?",
            )
            .into(),
            w.answer(t.ongoing),
        ),
        (
            w.t("Ingedamd op", "Contained at").into(),
            moment(t.contained_at),
        ),
        (
            w.t("Hoe ontdekt", "How it was found").into(),
            or_unknown(&t.how_found, w),
        ),
        (
            w.t("Intern gemeld door", "Reported internally by").into(),
            or_unknown(&t.reported_by, w),
        ),
    ];
    if !t.sub_processor.is_empty() {
        rows.push((
            w.t("Ontstaan bij subverwerker", "Started at sub-processor")
                .into(),
            t.sub_processor.clone(),
        ));
        rows.push((
            w.t(
                "Door de subverwerker aan ons gemeld op",
                "Reported to us by the sub-processor at",
            )
            .into(),
            moment(t.sub_processor_told_at),
        ));
    }
    rows
}

fn informed_rows(i: &Informed, w: Words) -> Vec<(String, String)> {
    let with = |answer: Answer, detail: String| match answer {
        Answer::Yes if !detail.is_empty() => format!("{}, {detail}", w.answer(answer)),
        _ => w.answer(answer),
    };
    vec![
        (
            w.t("Politie", "Police").into(),
            with(
                i.police,
                if i.police_reference.is_empty() {
                    String::new()
                } else {
                    format!("{} {}", w.t("kenmerk", "reference"), i.police_reference)
                },
            ),
        ),
        (
            w.t("Andere autoriteiten", "Other authorities").into(),
            or_unknown(&i.authorities, w),
        ),
        (
            w.t(
                "Betrokkenen, door ons op uw instructie",
                "Data subjects, by us on your instruction",
            )
            .into(),
            with(
                i.subjects,
                i.subjects_at
                    .map(|m| format!("{} {}", w.t("op", "at"), m.display()))
                    .unwrap_or_default(),
            ),
        ),
    ]
}

fn subject_rows(a: &AffectedFacts, w: Words) -> Vec<(String, String)> {
    let mut categories: Vec<String> = a
        .subjects
        .categories
        .iter()
        .filter(|c| **c != SubjectCategory::Other)
        .map(|c| w.subject(*c).to_string())
        .collect();
    if a.subjects.categories.contains(&SubjectCategory::Other) {
        categories.push(with_detail(
            w.subject(SubjectCategory::Other),
            &a.subjects.other,
        ));
    }
    vec![
        (
            w.t("Categorieën betrokkenen", "Categories of data subjects")
                .into(),
            list(categories.into_iter(), w),
        ),
        (
            w.t(
                "Aantal betrokkenen (bij benadering)",
                "Number of data subjects (approximate)",
            )
            .into(),
            range(a.subjects_min, a.subjects_max, w),
        ),
    ]
}

fn data_rows(a: &AffectedFacts, w: Words) -> Vec<(String, String)> {
    let mut kinds: Vec<String> = a
        .data
        .kinds
        .iter()
        .filter(|k| **k != DataKind::Other)
        .map(|k| match k.gdpr_article() {
            Some(9) => format!(
                "{} ({})",
                w.data(*k),
                w.t(
                    "bijzondere categorie, artikel 9 AVG",
                    "special category, GDPR article 9"
                )
            ),
            Some(article) => format!(
                "{} ({} {article}{})",
                w.data(*k),
                w.t("artikel", "GDPR article"),
                w.t(" AVG", "")
            ),
            None => w.data(*k).to_string(),
        })
        .collect();
    if a.data.kinds.contains(&DataKind::Other) {
        kinds.push(with_detail(w.data(DataKind::Other), &a.data.other));
    }
    vec![
        (
            w.t("Soorten persoonsgegevens", "Kinds of personal data")
                .into(),
            list(kinds.into_iter(), w),
        ),
        (
            w.t(
                "Aantal persoonsgegevensregisters (bij benadering)",
                "Number of personal data records (approximate)",
            )
            .into(),
            a.records
                .map(|n| w.number(n))
                .unwrap_or_else(|| w.unknown()),
        ),
    ]
}

fn occurred(occurrence: Occurrence, from: Option<String>, to: Option<String>, w: Words) -> String {
    match (occurrence, from, to) {
        (Occurrence::At, Some(at), _) => format!("{} {at}", w.t("op", "at")),
        (Occurrence::Period, Some(from), Some(to)) => {
            format!("{} {from} {} {to}", w.t("van", "from"), w.t("tot", "to"))
        }
        (Occurrence::Period, Some(from), None) => format!(
            "{} {from}; {}",
            w.t("vanaf", "from"),
            w.t("einde onbekend", "end unknown")
        ),
        (Occurrence::Period, None, Some(to)) => format!(
            "{}; {} {to}",
            w.t("begin onbekend", "start unknown"),
            w.t("tot", "until")
        ),
        _ => w.unknown(),
    }
}

pub fn range(min: Option<u64>, max: Option<u64>, w: Words) -> String {
    match (min, max) {
        (Some(min), Some(max)) if min == max => {
            format!("{} {}", w.t("ongeveer", "about"), w.number(min))
        }
        (Some(min), Some(max)) => format!(
            "{} {} {} {}",
            w.t("minimaal", "at least"),
            w.number(min),
            w.t("en maximaal", "and at most"),
            w.number(max)
        ),
        (Some(min), None) => format!(
            "{} {}; {}",
            w.t("minimaal", "at least"),
            w.number(min),
            w.t("maximum onbekend", "maximum unknown")
        ),
        (None, Some(max)) => format!(
            "{} {}; {}",
            w.t("maximaal", "at most"),
            w.number(max),
            w.t("minimum onbekend", "minimum unknown")
        ),
        (None, None) => w.unknown(),
    }
}

fn severity_text(severity: &Severity, w: Words) -> String {
    let band = match severity.band {
        SeverityBand::Low => w.t("laag", "low"),
        SeverityBand::Medium => w.t("gemiddeld", "medium"),
        SeverityBand::High => w.t("hoog", "high"),
        SeverityBand::VeryHigh => w.t("zeer hoog", "very high"),
    };
    let decimal = w.t(",", ".").chars().next().unwrap_or(',');
    format!("SE = {} ({band})", severity.score_text(decimal))
}

fn with_detail(label: &str, detail: &str) -> String {
    if detail.is_empty() {
        label.to_string()
    } else {
        format!("{label}: {detail}")
    }
}

fn or_unknown(text: &str, w: Words) -> String {
    if text.is_empty() {
        w.unknown()
    } else {
        text.to_string()
    }
}

fn list(items: impl Iterator<Item = String>, w: Words) -> String {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        w.unknown()
    } else {
        items.join("; ")
    }
}
