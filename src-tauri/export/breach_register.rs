//! The breach register export: every incident with its facts and notices as one CSV for
//! spreadsheets, and one PDF report per incident, in a new dated folder.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::csv::to_csv;
use crate::documents::breach_report::{render_breach_report, status_name};
use crate::documents::words::{day, Words};
use crate::domain::breach::{affected_and_errors, facts_and_errors, Answer};
use crate::domain::customer::Language;
use crate::domain::incident::IncidentDetail;
use crate::domain::time::display_local;
use crate::error::AppResult;
use crate::store::files::write_atomically;
use crate::store::{incident_views, incidents, settings};

/// Writes `meldregister.csv` and `<number>.pdf` per incident into `target/<folder_name>`;
/// returns the folder and how many incidents it holds.
pub fn write(
    conn: &Connection,
    target: &Path,
    folder_name: &str,
    now: DateTime<Utc>,
) -> AppResult<(PathBuf, u32)> {
    let folder = target.join(folder_name);
    fs::create_dir_all(&folder)?;
    let processor = settings::get(conn)?.processor;
    let details: Vec<IncidentDetail> = incidents::list(conn)?
        .into_iter()
        .map(|incident| incident_views::detail(conn, incident.id, now))
        .collect::<AppResult<_>>()?;
    for detail in &details {
        let name = format!("datalek-{}.pdf", detail.incident.number);
        write_atomically(&folder, &name, &render_breach_report(detail, &processor)?)?;
    }
    write_atomically(
        &folder,
        "meldregister.csv",
        register_csv(&details).as_bytes(),
    )?;
    Ok((folder, details.len() as u32))
}

/// `ja`, `nee` or empty while unknown.
fn yes_no_unknown(answer: Answer) -> String {
    match answer {
        Answer::Yes => "ja".into(),
        Answer::No => "nee".into(),
        Answer::Unknown => String::new(),
    }
}

/// One row per incident and affected customer (one row for an incident without customers).
pub fn register_csv(details: &[IncidentDetail]) -> String {
    let w = Words(Language::Nl);
    let time = |t: Option<DateTime<Utc>>| t.map(display_local).unwrap_or_default();
    let mut rows = Vec::new();
    for detail in details {
        let i = &detail.incident;
        let (facts, _) = facts_and_errors(&detail.facts, i.updated_at);
        let common = vec![
            i.number.clone(),
            i.title.clone(),
            status_name(i.status).to_string(),
            i.not_a_breach_reason.clone(),
            time(i.discovered_at),
            facts
                .what
                .kind
                .map(|k| w.kind(k).to_string())
                .unwrap_or_default(),
            facts
                .what
                .nature
                .iter()
                .map(|n| w.nature(*n))
                .collect::<Vec<_>>()
                .join("; "),
            facts.what.summary.clone(),
        ];
        if detail.customers.is_empty() {
            let mut row = common.clone();
            row.extend(std::iter::repeat_n(String::new(), 13));
            rows.push(row);
        }
        for c in &detail.customers {
            let (own, _) =
                affected_and_errors("customer", &c.overrides.apply(&detail.facts.shared));
            let latest = c.notices.last();
            let mut row = common.clone();
            row.extend([
                c.name.clone(),
                own.subjects_min.map(|n| n.to_string()).unwrap_or_default(),
                own.subjects_max.map(|n| n.to_string()).unwrap_or_default(),
                own.records.map(|n| n.to_string()).unwrap_or_default(),
                own.data
                    .kinds
                    .iter()
                    .map(|k| w.data(*k))
                    .collect::<Vec<_>>()
                    .join("; "),
                time(c.clock.target),
                time(c.clock.notified_at),
                c.notices.len().to_string(),
                latest.map(|n| n.sha256.clone()).unwrap_or_default(),
                time(
                    c.final_notice
                        .and_then(|id| c.notices.iter().find(|n| n.id == id))
                        .map(|n| n.generated_at),
                ),
                yes_no_unknown(c.follow_up.reported_to_ap),
                c.follow_up.ap_reference.clone(),
                c.follow_up.reported_on.map(day).unwrap_or_default(),
            ]);
            rows.push(row);
        }
    }
    to_csv(
        &[
            "nummer",
            "titel",
            "status",
            "reden_geen_datalek",
            "ontdekt_op",
            "soort",
            "aard",
            "samenvatting",
            "klant",
            "betrokkenen_min",
            "betrokkenen_max",
            "records",
            "soorten_gegevens",
            "streeftijd_eerste_melding",
            "eerste_melding_verzonden",
            "aantal_meldingen",
            "sha256_laatste_melding",
            "eindmelding",
            "klant_meldde_aan_ap",
            "ap_kenmerk",
            "klant_meldde_aan_ap_op",
        ],
        &rows,
    )
}
