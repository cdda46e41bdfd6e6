//! The register report of one incident (for the customer's GDPR art. 33(5) documentation and
//! for audits): its status and history, the facts for all customers, each affected customer
//! with its numbers and clock, and every notice with its SHA-256 and sent log.

use super::layout::{Document, Item};
use super::notice::{fact_sections, range};
use super::pdf::{render, Metadata};
use super::printable::Unprintable;
use super::words::{day, Words};
use crate::domain::breach::{affected_and_errors, facts_and_errors, AffectedFacts};
use crate::domain::customer::Language;
use crate::domain::follow_up::FollowUp;
use crate::domain::incident::IncidentDetail;
use crate::domain::settings::Processor;
use crate::domain::time::display_local;

/// The report as PDF, in Dutch, dated by the incident's last change.
pub fn render_breach_report(
    detail: &IncidentDetail,
    processor: &Processor,
) -> Result<Vec<u8>, Unprintable> {
    let incident = &detail.incident;
    let metadata = Metadata {
        title: format!("Registerverslag datalek {}", incident.number),
        author: processor.name.clone(),
        subject: "Registerverslag datalek (AVG artikel 33 lid 5)".into(),
        language: "nl-NL".into(),
        created: incident.updated_at,
    };
    render(&breach_report(detail, processor), &metadata)
}

/// What the report says.
pub fn breach_report(detail: &IncidentDetail, processor: &Processor) -> Document {
    let w = Words(Language::Nl);
    let incident = &detail.incident;
    let or_dash = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(display_local).unwrap_or_else(|| "—".into())
    };
    let (facts, _) = facts_and_errors(&detail.facts, incident.updated_at);
    let (shared, _) = affected_and_errors("shared", &detail.facts.shared);
    let mut items = vec![
        Item::Title(format!("Registerverslag datalek {}", incident.number)),
        Item::KeyValues(vec![
            ("Titel".into(), incident.title.clone()),
            ("Status".into(), status_name(incident.status).into()),
            (
                "Geregistreerd op".into(),
                display_local(incident.created_at),
            ),
            (
                "Laatst gewijzigd".into(),
                display_local(incident.updated_at),
            ),
            ("Ontdekt op".into(), or_dash(incident.discovered_at)),
        ]),
    ];
    if !incident.not_a_breach_reason.is_empty() {
        items.push(Item::Heading("Waarom geen datalek".into()));
        items.push(Item::Paragraph(incident.not_a_breach_reason.clone()));
    }
    items.push(Item::Heading("Feiten voor alle klanten".into()));
    items.extend(fact_sections(&facts, &shared, w));

    items.push(Item::Heading(format!(
        "Getroffen klanten ({})",
        detail.customers.len()
    )));
    if detail.customers.is_empty() {
        items.push(Item::Paragraph("Geen.".into()));
    }
    for customer in &detail.customers {
        let (own, _): (AffectedFacts, _) =
            affected_and_errors("customer", &customer.overrides.apply(&detail.facts.shared));
        items.push(Item::KeyValues(vec![
            ("Klant".into(), customer.name.clone()),
            (
                "Aantal betrokkenen".into(),
                range(own.subjects_min, own.subjects_max, w),
            ),
            (
                "Aantal persoonsgegevensregisters".into(),
                own.records
                    .map(|n| w.number(n))
                    .unwrap_or_else(|| w.unknown()),
            ),
            (
                "Streeftijd eerste melding".into(),
                or_dash(customer.clock.target),
            ),
            (
                "Eerste melding verzonden".into(),
                or_dash(customer.clock.notified_at),
            ),
            (
                "72 uur van de klant tot".into(),
                or_dash(customer.clock.ap_deadline),
            ),
            (
                "Klant meldde aan de AP".into(),
                ap_report(&customer.follow_up, w),
            ),
        ]));
        for notice in &customer.notices {
            let mut line = format!(
                "{}, gemaakt {} door {}, SHA-256 {}",
                w.notice_kind(notice.version, customer.final_notice == Some(notice.id)),
                display_local(notice.generated_at),
                notice.generated_by,
                notice.sha256
            );
            for d in &notice.deliveries {
                line.push_str(&format!(
                    "; verzonden {} per {} aan {}",
                    display_local(d.sent_at),
                    w.method(d.method),
                    d.recipients
                ));
            }
            items.push(Item::Bullet(line));
        }
    }
    items.push(Item::Heading("Statusgeschiedenis".into()));
    for change in &detail.history {
        let reason = if change.reason.is_empty() {
            String::new()
        } else {
            format!(": {}", change.reason)
        };
        items.push(Item::Bullet(format!(
            "{} – {} door {}{reason}",
            display_local(change.changed_at),
            status_name(change.status),
            change.changed_by
        )));
    }
    Document {
        letterhead: [
            processor.name.clone(),
            processor.address.clone(),
            processor.email.clone(),
        ]
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect(),
        identity: format!(
            "Registerverslag datalek {} · {}",
            incident.number, incident.title
        ),
        page_label: "pagina {page} van {pages}".into(),
        continued: "vervolg".into(),
        items,
    }
}

/// What the customer told us of its report to the AP: `Ja, kenmerk …, op …`.
fn ap_report(f: &FollowUp, w: Words) -> String {
    let mut text = w.answer(f.reported_to_ap);
    if !f.ap_reference.is_empty() {
        text.push_str(&format!(", kenmerk {}", f.ap_reference));
    }
    if let Some(on) = f.reported_on {
        text.push_str(&format!(", op {}", day(on)));
    }
    text
}

/// The Dutch name of a status, as the register shows it.
pub fn status_name(status: crate::domain::incident::IncidentStatus) -> &'static str {
    use crate::domain::incident::IncidentStatus::*;
    match status {
        ReportedInternally => "intern gemeld",
        Assessing => "in beoordeling",
        CustomersNotified => "klanten gemeld",
        FollowUp => "opvolging",
        Closed => "gesloten",
        NotABreach => "geen datalek",
    }
}
