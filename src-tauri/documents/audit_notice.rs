//! Audit notices (art. 5) in the customer's language: the acknowledgement of a request with
//! the date, auditor, scope and the conditions that apply; and the summary of findings and
//! agreed measures afterwards.

use super::layout::Item;
use super::letter::Letter;
use super::words::day;
use super::words::Words;
use crate::domain::audit::AuditRecord;
use crate::domain::audit::{AuditLetter, AuditLetterFacts};
use crate::domain::customer::Language;
use crate::domain::document::DocumentKind;
use crate::domain::letter::LetterHead;
use crate::domain::time::display_local;

fn auditor(a: &AuditRecord, w: Words) -> Vec<(String, String)> {
    vec![
        (
            w.t("Auditor (organisatie)", "Auditor (firm)").into(),
            a.auditor_firm.clone(),
        ),
        (
            w.t("Auditor (naam)", "Auditor (name)").into(),
            a.auditor_name.clone(),
        ),
        (
            w.t("Register-EDP-auditor (RE)", "Registered EDP auditor")
                .into(),
            w.yes_no(a.auditor_registered).to_string(),
        ),
        (
            w.t("Gebonden aan geheimhouding", "Bound to confidentiality")
                .into(),
            w.yes_no(a.auditor_confidential).to_string(),
        ),
    ]
}

fn acknowledgement(facts: &AuditLetterFacts, w: Words) -> Vec<Item> {
    let a = &facts.audit;
    let period = &facts.period;
    let date = a.planned_date.map(day).unwrap_or_else(|| w.unknown());
    let mut rows = vec![
        (
            w.t("Auditnummer", "Audit number").into(),
            facts.audit_number.clone(),
        ),
        (
            w.t("Verzoek ontvangen", "Request received").into(),
            display_local(a.received_at),
        ),
        (
            w.t("Gevraagde datum", "Date requested").into(),
            day(a.requested_date),
        ),
        (
            w.t("Bevestigde auditdatum", "Confirmed audit date").into(),
            date.clone(),
        ),
    ];
    rows.extend(auditor(a, w));
    rows.push((
        w.t("Gevraagde informatie", "Information requested").into(),
        a.information.clone(),
    ));
    rows.push((w.t("Locaties", "Locations").into(), a.locations.clone()));
    if !a.reason.is_empty() {
        rows.push((w.t("Aanleiding", "Reason given").into(), a.reason.clone()));
    }
    let mut items = vec![
        Item::Paragraph(match facts.head.language {
            Language::Nl => format!(
                "Wij hebben uw verzoek om een audit (artikel 5 van de verwerkersovereenkomst) \
                 ontvangen en bevestigen de audit op {date} onder de hieronder genoemde \
                 voorwaarden."
            ),
            Language::En => format!(
                "We have received your request for an audit (article 5 of the data processing \
                 agreement) and confirm the audit on {date} under the conditions below."
            ),
        }),
        Item::KeyValues(rows),
    ];
    if period.requested_too_soon {
        items.push(Item::Note(too_soon(facts, w)));
    }
    items.push(Item::Heading(w.t("Voorwaarden", "Conditions").into()));
    for condition in conditions(facts) {
        items.push(Item::Bullet(condition));
    }
    items
}

/// The requested date fell inside the notice period (art. 5.3): the earliest date is named,
/// and confirmed only when it is the date that was agreed.
fn too_soon(facts: &AuditLetterFacts, w: Words) -> String {
    let first = day(facts.period.first_allowed_date);
    let nl = facts.head.language == Language::Nl;
    let head = if nl {
        format!(
            "De gevraagde datum lag binnen de aankondigingstermijn (artikel 5.3); de \
             eerstmogelijke datum is {first}."
        )
    } else {
        format!(
            "The date requested fell within the notice period (article 5.3); the earliest \
             possible date is {first}."
        )
    };
    let tail = match facts.audit.planned_date {
        Some(planned) if planned == facts.period.first_allowed_date => w.t(
            "Die datum bevestigen wij hierbij.",
            "That is the date we confirm.",
        ),
        Some(_) => w.t(
            "In overleg is de hierboven bevestigde datum afgesproken.",
            "The date confirmed above was agreed with you.",
        ),
        None => w.t(
            "Een datum spreken wij met u af.",
            "We will agree a date with you.",
        ),
    };
    format!("{head} {tail}")
}

/// The conditions of art. 5 as the agreement gives them, no narrower and no wider.
fn conditions(facts: &AuditLetterFacts) -> Vec<String> {
    let period = &facts.period;
    let days = period.days;
    match facts.head.language {
        Language::Nl => vec![
            if period.from_agreement {
                format!(
                    "Aankondiging (artikel 5.3): u stelt ons minstens {days} dagen vóór de \
                     gewenste datum op de hoogte."
                )
            } else {
                format!(
                    "Aankondiging: er is geen ondertekende verwerkersovereenkomst bij ons \
                     bekend; wij vragen een aankondiging van minstens {days} dagen."
                )
            },
            "Auditor (artikel 5.2): een onafhankelijke Register EDP-auditor die aan \
             geheimhouding gebonden is."
                .into(),
            "Tijdens de audit (artikel 5.5): u verstoort onze bedrijfsvoering zo min mogelijk, \
             volgt onze geldende richtlijnen voor informatiebeveiliging en eerbiedigt onze \
             geheimhoudingsverplichtingen tegenover derden."
                .into(),
            "Na de audit (artikel 5.6): wij bespreken samen de bevindingen en beoordelen de \
             voorgestelde maatregelen; die voert een van ons of voeren wij samen uit."
                .into(),
            "Kosten (artikel 5.7): u draagt de kosten van de audit.".into(),
            "Vertrouwelijkheid (artikel 5.8): u behandelt de informatie die u van ons krijgt, \
             zoals het auditrapport, vertrouwelijk. U mag haar alleen gebruiken als bewijs \
             voor uw eigen auditors en/of de Autoriteit Persoonsgegevens."
                .into(),
        ],
        Language::En => vec![
            if period.from_agreement {
                format!(
                    "Notice (article 5.3): you inform us at least {days} days before the \
                     desired date."
                )
            } else {
                format!(
                    "Notice: we have no signed data processing agreement on record; we ask for \
                     at least {days} days' notice."
                )
            },
            "Auditor (article 5.2): an independent registered EDP auditor bound to \
             confidentiality."
                .into(),
            "During the audit (article 5.5): you disturb our operations as little as \
             possible, follow our information security guidelines in force and respect our \
             confidentiality obligations towards third parties."
                .into(),
            "After the audit (article 5.6): we discuss the findings together and assess the \
             proposed measures, which either of us or both of us carry out."
                .into(),
            "Costs (article 5.7): you bear the costs of the audit.".into(),
            "Confidentiality (article 5.8): you treat the information you receive from us, \
             such as the audit report, as confidential. You may use it only as evidence for \
             your own auditors and/or the Dutch Data Protection Authority (AP)."
                .into(),
        ],
    }
}

fn findings(facts: &AuditLetterFacts, w: Words) -> Vec<Item> {
    let a = &facts.audit;
    let mut rows = vec![
        (
            w.t("Auditnummer", "Audit number").into(),
            facts.audit_number.clone(),
        ),
        (
            w.t("Auditdatum", "Audit date").into(),
            a.planned_date.map(day).unwrap_or_else(|| w.unknown()),
        ),
    ];
    rows.extend(auditor(a, w));
    let mut items = vec![
        Item::Paragraph(
            w.t(
                "Hieronder vatten wij de bevindingen van de audit samen, zoals met u besproken, \
                 en de maatregelen die wij hebben afgesproken.",
                "Below we summarise the findings of the audit, as discussed with you, and the \
                 measures we agreed.",
            )
            .into(),
        ),
        Item::KeyValues(rows),
        Item::Heading(w.t("Bevindingen", "Findings").into()),
        Item::Paragraph(a.findings.clone()),
        Item::Heading(w.t("Afgesproken maatregelen", "Agreed measures").into()),
    ];
    if a.measures.is_empty() {
        items.push(Item::Paragraph(
            w.t(
                "Er zijn geen maatregelen afgesproken.",
                "No measures were agreed.",
            )
            .into(),
        ));
    }
    for m in &a.measures {
        let owner = w.measure_owner(m.owner);
        let due = m
            .due_date
            .map(|d| format!(", {} {}", w.t("uiterlijk", "due"), day(d)))
            .unwrap_or_default();
        let done = if m.done {
            w.t(" – gereed", " – done")
        } else {
            ""
        };
        items.push(Item::Bullet(format!(
            "{} ({}: {owner}{due}){done}",
            m.description,
            w.t("door", "by")
        )));
    }
    if let Some(cents) = a.costs_cents {
        items.push(Item::Heading(w.t("Kosten", "Costs").into()));
        items.push(Item::Paragraph(format!(
            "{} {}",
            w.t(
                "Volgens de verwerkersovereenkomst komen de kosten voor uw rekening:",
                "Under the data processing agreement the costs are borne by you:"
            ),
            w.euros(cents)
        )));
    }
    items
}

impl Letter for AuditLetterFacts {
    fn head(&self) -> &LetterHead {
        &self.head
    }

    fn kind(&self) -> DocumentKind {
        self.kind.kind()
    }

    fn title(&self) -> String {
        let w = Words(self.head.language);
        match self.kind {
            AuditLetter::Findings => w.t(
                "Audit: bevindingen en maatregelen",
                "Audit: findings and measures",
            ),
            AuditLetter::Acknowledgement => w.t(
                "Bevestiging van uw auditverzoek",
                "Acknowledgement of your audit request",
            ),
        }
        .into()
    }

    fn identity(&self) -> String {
        format!(
            "{} {}",
            Words(self.head.language).t("Audit", "Audit"),
            self.audit_number
        )
    }

    fn body(&self) -> Vec<Item> {
        let w = Words(self.head.language);
        match self.kind {
            AuditLetter::Findings => findings(self, w),
            AuditLetter::Acknowledgement => acknowledgement(self, w),
        }
    }
}
