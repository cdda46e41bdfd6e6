//! The deadlines dashboard: everything due, soonest first, overdue marked, with counts per
//! kind and the number of incidents per month over the last year.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::time::{end_of_local_day, local_date, Moment};

/// What is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeadlineKind {
    /// The first breach notice to the customers of an open incident.
    FirstNotice,
    /// Customers may still object to a sub-processor change.
    ObjectionWindow,
    /// A customer objected; the officer decides before the intended start.
    ObjectionDecision,
    /// An audit that has not taken place yet.
    AuditDate,
    /// An agreed measure after an audit.
    MeasureDue,
    /// A customer's data to erase or transfer at the end of its service.
    ServiceEnd,
    /// An instruction in doubt, suspended: the customer is told at once (within a day) and
    /// it stays on the list until cleared.
    InstructionDoubt,
    /// Customers concerned by a disclosure request who were not told yet (nor legally
    /// barred): the agreement asks for at once, so within a day of receipt.
    DisclosureInform,
    /// The date by which the authority wants an answer to a pending disclosure request.
    DisclosureAnswer,
    /// An assistance request still open at its due date: for a data subject's request the
    /// customer's own month (GDPR art. 12(3)), else the date the officer set.
    AssistanceDue,
    /// The date the officer set to review a sub-processor's agreement with us (art. 8.3).
    SubProcessingReview,
    /// The review of a customer's current security measures document (art. 4.2), shown
    /// from [`REVIEW_NOTICE_DAYS`](super::security_document::REVIEW_NOTICE_DAYS) days before.
    SecurityReview,
    /// Customers that have not answered an amendment by consent (art. 10.2): due on its
    /// effective date, when those who consented move.
    AmendmentConsent,
}

/// What a row opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[ts(export)]
pub enum Target {
    Incident(i64),
    SubProcessor(i64),
    Audit(i64),
    Customer(i64),
    Disclosure(i64),
    Amendment(i64),
}

/// One row of the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: DateTime<Utc>,
    /// True when only the date matters (audits, measures): the UI shows no time.
    pub date_only: bool,
    pub overdue: bool,
    /// What it is about: an incident number and title, a sub-processor, a customer.
    pub title: String,
    /// How many customers are waiting, where that applies.
    pub customers: u32,
    /// An audit date sooner than the notice period allows.
    pub too_soon: bool,
    /// An objection window that closes within [`CLOSING_DAYS`] days.
    pub closing_soon: bool,
    pub target: Target,
}

impl Deadline {
    /// A deadline at an instant.
    pub fn at(kind: DeadlineKind, due: DateTime<Utc>, title: String, target: Target) -> Deadline {
        Deadline {
            kind,
            due,
            date_only: false,
            overdue: false,
            title,
            customers: 0,
            too_soon: false,
            closing_soon: false,
            target,
        }
    }

    /// A deadline on a day: due until the end of that day in Amsterdam.
    pub fn on(kind: DeadlineKind, date: NaiveDate, title: String, target: Target) -> Deadline {
        Deadline {
            date_only: true,
            ..Deadline::at(kind, Moment { date, time: None }.latest(), title, target)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KindCount {
    pub kind: DeadlineKind,
    pub count: u32,
    pub overdue: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MonthCount {
    /// `2026-11`
    pub month: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Dashboard {
    /// The moment the dashboard was computed for.
    pub now: DateTime<Utc>,
    pub deadlines: Vec<Deadline>,
    pub counts: Vec<KindCount>,
    /// The last twelve months, oldest first, the current month last.
    pub incidents_per_month: Vec<MonthCount>,
    /// Customers whose record of processing (GDPR art. 30(2)) lacks something.
    pub incomplete_records: u32,
    /// Objection windows (art. 8.2) that close within [`CLOSING_DAYS`] days and are open now.
    pub objections_closing: u32,
}

/// How many days ahead an objection window counts as closing: today and the next three.
pub const CLOSING_DAYS: u64 = 3;

/// Orders the rows soonest first, marks what is overdue at `now`, counts them per kind and
/// the incidents (by when they were discovered, else registered) per month; with the number
/// of customers whose record of processing is incomplete.
pub fn dashboard(
    mut deadlines: Vec<Deadline>,
    incident_moments: &[DateTime<Utc>],
    incomplete_records: u32,
    now: DateTime<Utc>,
) -> Dashboard {
    let closing_by = end_of_local_day(
        local_date(now)
            .checked_add_days(Days::new(CLOSING_DAYS))
            .unwrap_or(NaiveDate::MAX),
    );
    for deadline in &mut deadlines {
        deadline.overdue = deadline.due < now;
        deadline.closing_soon = deadline.kind == DeadlineKind::ObjectionWindow
            && !deadline.overdue
            && deadline.due <= closing_by;
    }
    let objections_closing = deadlines.iter().filter(|d| d.closing_soon).count() as u32;
    deadlines.sort_by(|a, b| (a.due, a.kind, &a.title).cmp(&(b.due, b.kind, &b.title)));
    let mut counts: Vec<KindCount> = Vec::new();
    for deadline in &deadlines {
        match counts.iter_mut().find(|c| c.kind == deadline.kind) {
            Some(count) => {
                count.count += 1;
                count.overdue += u32::from(deadline.overdue);
            }
            None => counts.push(KindCount {
                kind: deadline.kind,
                count: 1,
                overdue: u32::from(deadline.overdue),
            }),
        }
    }
    counts.sort_by_key(|c| c.kind);
    Dashboard {
        now,
        deadlines,
        counts,
        incidents_per_month: per_month(incident_moments, now),
        incomplete_records,
        objections_closing,
    }
}

fn per_month(moments: &[DateTime<Utc>], now: DateTime<Utc>) -> Vec<MonthCount> {
    let today = local_date(now);
    let index = |date: NaiveDate| date.year() * 12 + date.month0() as i32;
    let current = index(today);
    let mut counts = [0u32; 12];
    for moment in moments {
        let age = current - index(local_date(*moment));
        if (0..12).contains(&age) {
            counts[11 - age as usize] += 1;
        }
    }
    counts
        .iter()
        .enumerate()
        .map(|(i, count)| {
            let month = current - 11 + i as i32;
            MonthCount {
                month: format!("{}-{:02}", month.div_euclid(12), month.rem_euclid(12) + 1),
                count: *count,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse_moment;
    use crate::domain::validation::parse_date;

    fn at(text: &str) -> DateTime<Utc> {
        parse_moment(text).unwrap().earliest()
    }

    #[test]
    fn objection_windows_closing_within_three_days_are_reminded() {
        // Tuesday noon: windows closing today to Friday's end count, Saturday's not yet.
        let now = at("24-11-2026 12:00");
        let window = |day: &str, id| {
            Deadline::on(
                DeadlineKind::ObjectionWindow,
                parse_date(day).unwrap(),
                format!("Wijziging {id}"),
                Target::SubProcessor(id),
            )
        };
        let rows = vec![
            window("23-11-2026", 1),
            window("24-11-2026", 2),
            window("27-11-2026", 3),
            window("28-11-2026", 4),
            Deadline::on(
                DeadlineKind::AuditDate,
                parse_date("25-11-2026").unwrap(),
                "Audit".into(),
                Target::Audit(1),
            ),
        ];
        let board = dashboard(rows, &[], 0, now);
        let closing: Vec<&str> = board
            .deadlines
            .iter()
            .filter(|d| d.closing_soon)
            .map(|d| d.title.as_str())
            .collect();
        assert_eq!(closing, ["Wijziging 2", "Wijziging 3"]);
        assert_eq!(board.objections_closing, 2);
    }

    #[test]
    fn soonest_first_overdue_marked_and_counted() {
        let now = at("24-11-2026 12:00");
        let rows = vec![
            Deadline::on(
                DeadlineKind::AuditDate,
                parse_date("02-12-2026").unwrap(),
                "Audit".into(),
                Target::Audit(1),
            ),
            Deadline::at(
                DeadlineKind::FirstNotice,
                at("24-11-2026 11:00"),
                "2026-001".into(),
                Target::Incident(1),
            ),
            Deadline::on(
                DeadlineKind::MeasureDue,
                parse_date("24-11-2026").unwrap(),
                "Maatregel".into(),
                Target::Audit(1),
            ),
            Deadline::at(
                DeadlineKind::ObjectionWindow,
                at("25-11-2026 09:00"),
                "Wolk".into(),
                Target::SubProcessor(4),
            ),
        ];
        let board = dashboard(rows, &[], 0, now);
        let order: Vec<_> = board
            .deadlines
            .iter()
            .map(|d| (d.kind, d.overdue))
            .collect();
        assert_eq!(
            order,
            [
                (DeadlineKind::FirstNotice, true),
                // Due on the 24th: not overdue until the day is over.
                (DeadlineKind::MeasureDue, false),
                (DeadlineKind::ObjectionWindow, false),
                (DeadlineKind::AuditDate, false),
            ]
        );
        assert_eq!(
            board.counts[0],
            KindCount {
                kind: DeadlineKind::FirstNotice,
                count: 1,
                overdue: 1
            }
        );
        assert_eq!(board.counts.len(), 4);
        assert_eq!(
            board.deadlines[1].due,
            at("24-11-2026 23:59") + chrono::Duration::seconds(59)
        );
    }

    #[test]
    fn incidents_per_month_cover_the_last_twelve_local_months() {
        let now = at("24-11-2026 12:00");
        let moments = [
            at("01-11-2026 00:30"), // 31 October 23:30 UTC: November in Amsterdam
            at("30-11-2025 10:00"), // thirteen months ago: left out
            at("01-12-2025 10:00"), // the oldest month shown
            at("15-06-2026 10:00"),
            at("20-06-2026 10:00"),
        ];
        let months = per_month(&moments, now);
        assert_eq!(months.len(), 12);
        assert_eq!(
            months[0],
            MonthCount {
                month: "2025-12".into(),
                count: 1
            }
        );
        assert_eq!(
            months[6],
            MonthCount {
                month: "2026-06".into(),
                count: 2
            }
        );
        assert_eq!(
            months[11],
            MonthCount {
                month: "2026-11".into(),
                count: 1
            }
        );
        assert_eq!(months.iter().map(|m| m.count).sum::<u32>(), 4);
    }
}
