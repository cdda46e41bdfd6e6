//! Audit notices (art. 5) in the customer's language: the acknowledgement of a request with
//! the date, auditor, scope and the conditions that apply; and the summary of findings and
//! agreed measures afterwards.

use super::layout::Item;
use super::letter::{day, render_letter, yes_no};
use super::notice::Words;
use crate::domain::audit::{AuditRecord, MeasureOwner};
use crate::domain::letter::{AuditLetterFacts, LetterKind};
use crate::domain::time::display_local;

/// The notice as PDF bytes; the same facts always give the same bytes.
pub fn render_audit_letter(facts: &AuditLetterFacts) -> Vec<u8> {
    let w = Words(facts.head.language);
    let (title, body) = match facts.kind {
        LetterKind::AuditFindings => (
            w.t(
                "Audit: bevindingen en maatregelen",
                "Audit: findings and measures",
            ),
            findings(facts, w),
        ),
        _ => (
            w.t(
                "Bevestiging van uw auditverzoek",
                "Acknowledgement of your audit request",
            ),
            acknowledgement(facts, w),
        ),
    };
    let identity = format!("{} {}", w.t("Audit", "Audit"), facts.audit_number);
    render_letter(&facts.head, title.into(), &identity, body)
}

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
            yes_no(a.auditor_registered, w),
        ),
        (
            w.t("Gebonden aan geheimhouding", "Bound to confidentiality")
                .into(),
            yes_no(a.auditor_confidential, w),
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
            crate::domain::customer::Language::Nl => format!(
                "Wij hebben uw verzoek om een audit (artikel 5 van de verwerkersovereenkomst) \
                 ontvangen en bevestigen de audit op {date} onder de hieronder genoemde \
                 voorwaarden."
            ),
            crate::domain::customer::Language::En => format!(
                "We have received your request for an audit (article 5 of the data processing \
                 agreement) and confirm the audit on {date} under the conditions below."
            ),
        }),
        Item::KeyValues(rows),
    ];
    if period.requested_too_soon {
        items.push(Item::Note(format!(
            "{} {} {}.",
            w.t(
                "De gevraagde datum lag binnen de aankondigingstermijn; de eerst mogelijke datum is",
                "The date requested fell within the notice period; the first date possible is"
            ),
            day(period.first_allowed_date),
            w.t("en die bevestigen wij hierbij", "and that is the date we confirm")
        )));
    }
    items.push(Item::Heading(w.t("Voorwaarden", "Conditions").into()));
    let notice =
        match facts.head.language {
            crate::domain::customer::Language::Nl => format!(
            "Aankondigingstermijn: een audit wordt ten minste {} dagen van tevoren aangekondigd{}.",
            period.days,
            if period.from_agreement { " (verwerkersovereenkomst)" } else { "" }
        ),
            crate::domain::customer::Language::En => format!(
                "Notice period: an audit is announced at least {} days in advance{}.",
                period.days,
                if period.from_agreement {
                    " (data processing agreement)"
                } else {
                    ""
                }
            ),
        };
    for condition in [
        notice,
        w.t(
            "Geheimhouding: de auditor is onafhankelijk en houdt alles wat hij ziet en hoort geheim; \
             de bevindingen zijn vertrouwelijk tussen u en ons.",
            "Confidentiality: the auditor is independent and keeps everything seen and heard \
             confidential; the findings are confidential between you and us.",
        )
        .into(),
        w.t(
            "Kosten: de kosten van de audit, ook onze eigen inzet, komen voor uw rekening.",
            "Costs: the costs of the audit, including our own time, are borne by you.",
        )
        .into(),
        w.t(
            "Beveiliging tijdens de audit: de auditor volgt onze beveiligingsregels, wordt \
             begeleid, krijgt alleen toegang tot wat de audit nodig heeft en ziet geen gegevens \
             van andere klanten.",
            "Security during the audit: the auditor follows our security rules, is accompanied, \
             has access only to what the audit needs and sees no data of other customers.",
        )
        .into(),
        w.t(
            "Verloop: na de audit bespreken wij de bevindingen met u en spreken wij zo nodig \
             maatregelen af.",
            "Follow-up: after the audit we discuss the findings with you and agree on measures \
             where needed.",
        )
        .into(),
    ] {
        items.push(Item::Bullet(condition));
    }
    items
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
        let owner = match m.owner {
            MeasureOwner::Processor => w.t("verwerker", "processor"),
            MeasureOwner::Customer => w.t("klant", "customer"),
            MeasureOwner::Both => w.t("verwerker en klant", "processor and customer"),
        };
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
