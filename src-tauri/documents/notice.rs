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
    AffectedFacts, BreachFacts, Consequence, DataKind, IncidentKind, Occurrence, Protection,
    SubjectCategory,
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
            w.notice_kind(self.sequence),
            self.customer_name
        )
    }

    fn file_name(&self, incident_number: &str, customer_stem: &str) -> String {
        notice_file_name(incident_number, customer_stem, self.sequence, self.language)
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
    let kind = w.notice_kind(notice.sequence);
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
        Item::Paragraph(
            w.t(
                "Als verwerker informeren wij u hierbij over een inbreuk in verband met \
                 persoonsgegevens die wij voor u verwerken (artikel 6 van de \
                 verwerkersovereenkomst). Wij geven de feiten zoals wij die nu kennen; wat nog \
                 niet bekend is, staat als onbekend vermeld en vullen wij aan in een \
                 vervolgmelding.",
                "As your processor we inform you of a personal data breach concerning data we \
                 process on your behalf (article 6 of the data processing agreement). We give \
                 the facts as we know them now; what is not known yet is stated as unknown and \
                 will follow in an update.",
            )
            .into(),
        ),
        Item::Note(w.t(
            "U bent verwerkingsverantwoordelijke en beoordeelt zelf of u de inbreuk meldt aan de \
             Autoriteit Persoonsgegevens (zonder onredelijke vertraging en zo mogelijk binnen \
             72 uur nadat u er kennis van hebt genomen, artikel 33 AVG) en aan de betrokkenen \
             (artikel 34 AVG).",
            "You are the controller and decide whether to report the breach to the supervisory \
             authority (without undue delay and, where feasible, within 72 hours of becoming \
             aware of it, GDPR article 33) and to the data subjects (GDPR article 34).",
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
    items.push(Item::KeyValues(about));

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

/// The facts of art. 6.2 in six numbered sections, every unknown stated as unknown: what a
/// notice says and what the register report repeats.
pub fn fact_sections(f: &BreachFacts, affected: &AffectedFacts, w: Words) -> Vec<Item> {
    let mut items = Vec::new();
    let t = &f.timeline;
    items.push(Item::Heading(format!("1. {}", w.t("Tijdlijn", "Timeline"))));
    let mut timeline = vec![
        (
            w.t("Ontdekt op", "Discovered at").into(),
            t.discovered_at
                .map(|m| m.display())
                .unwrap_or_else(|| w.unknown()),
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
            w.t("Hoe ontdekt", "How it was found").into(),
            or_unknown(&t.how_found, w),
        ),
        (
            w.t("Intern gemeld door", "Reported internally by").into(),
            or_unknown(&t.reported_by, w),
        ),
    ];
    if !t.sub_processor.is_empty() {
        timeline.push((
            w.t("Ontstaan bij subverwerker", "Started at sub-processor")
                .into(),
            t.sub_processor.clone(),
        ));
        timeline.push((
            w.t(
                "Door de subverwerker aan ons gemeld op",
                "Reported to us by the sub-processor at",
            )
            .into(),
            t.sub_processor_told_at
                .map(|m| m.display())
                .unwrap_or_else(|| w.unknown()),
        ));
    }
    items.push(Item::KeyValues(timeline));

    let h = &f.what;
    items.push(Item::Heading(format!(
        "2. {} (6.2.1)",
        w.t("Aard van de inbreuk", "Nature of the breach")
    )));
    items.push(Item::KeyValues(vec![
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
                "Wat is er met de gegevens gebeurd",
                "What happened to the data",
            )
            .into(),
            list(h.nature.iter().map(|n| w.nature(*n).to_string()), w),
        ),
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
        (w.t("Oorzaak", "Cause").into(), or_unknown(&h.cause, w)),
        (
            w.t("Betrokken systemen", "Systems involved").into(),
            or_unknown(&h.systems, w),
        ),
        (
            w.t("Grensoverschrijdende aspecten", "Cross-border aspects")
                .into(),
            or_unknown(&h.cross_border, w),
        ),
    ]));

    items.push(Item::Heading(format!(
        "3. {} (6.2.1)",
        w.t(
            "Betrokkenen en persoonsgegevens",
            "Data subjects and personal data"
        )
    )));
    items.push(Item::KeyValues(affected_rows(affected, w)));

    let c = &f.consequences;
    items.push(Item::Heading(format!(
        "4. {} (6.2.2)",
        w.t("Waarschijnlijke gevolgen", "Likely consequences")
    )));
    let mut likely: Vec<String> = c
        .likely
        .iter()
        .filter(|x| **x != Consequence::Other)
        .map(|x| w.consequence(*x).to_string())
        .collect();
    if c.likely.contains(&Consequence::Other) {
        likely.push(with_detail(w.consequence(Consequence::Other), &c.other));
    }
    items.push(Item::KeyValues(vec![
        (
            w.t("Voor de betrokkenen", "For the data subjects").into(),
            list(likely.into_iter(), w),
        ),
        (
            w.t("Toelichting", "Explanation").into(),
            or_unknown(&c.explanation, w),
        ),
    ]));
    if let Some(severity) = &c.severity {
        items.push(Item::KeyValues(vec![(
            w.t("Ernstinschatting (ENISA)", "Severity estimate (ENISA)")
                .into(),
            severity_text(severity, w),
        )]));
        items.push(Item::Note(w.t(
            "Deze inschatting volgens de ENISA-methode (2013) is bedoeld als hulpmiddel bij uw \
             eigen risicobeoordeling. Het is geen oordeel van de verwerker over het risico.",
            "This estimate by the ENISA method (2013) is input for your own risk assessment. It \
             is not the processor's verdict on the risk.",
        ).into()));
    }

    let m = &f.measures;
    items.push(Item::Heading(format!(
        "5. {} (6.2.3)",
        w.t("Maatregelen", "Measures")
    )));
    items.push(Item::KeyValues(vec![
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
    ]));
    items.push(Item::Heading(format!(
        "6. {}",
        w.t("Contactpersoon voor vragen", "Contact person for questions")
    )));
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
    items.push(Item::KeyValues(contact));

    items
}

fn affected_rows(a: &AffectedFacts, w: Words) -> Vec<(String, String)> {
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
    let protection = match a.protection.protection {
        Protection::Unknown => w.unknown(),
        p if a.protection.how.is_empty() => w.protection(p).into(),
        p => format!("{}: {}", w.protection(p), a.protection.how),
    };
    vec![
        (
            w.t("Categorieën betrokkenen", "Categories of data subjects")
                .into(),
            list(categories.into_iter(), w),
        ),
        (
            w.t("Soorten persoonsgegevens", "Kinds of personal data")
                .into(),
            list(kinds.into_iter(), w),
        ),
        (
            w.t(
                "Aantal betrokkenen (bij benadering)",
                "Number of data subjects (approximate)",
            )
            .into(),
            range(a.subjects_min, a.subjects_max, w),
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
        (
            w.t(
                "Versleuteld, gehasht of anderszins onleesbaar",
                "Encrypted, hashed or otherwise unintelligible",
            )
            .into(),
            protection,
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
