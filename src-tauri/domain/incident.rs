//! Incidents in the register: number, status flow, and the clock of each affected customer
//! (our internal target for the first notice, and the customer's 72 hours towards the AP).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::breach::{AffectedOverride, BreachFactsInput};
use super::customer::Language;
use super::settings::Settings;
use super::time::moment_of;
use super::validation::{Errors, FieldCode, FieldError};

/// GDPR art. 33(1): the controller reports to the AP within 72 hours of becoming aware.
pub const AP_HOURS: i64 = 72;
/// The wizard's steps, 1–6.
pub const WIZARD_STEPS: std::ops::RangeInclusive<u8> = 1..=6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IncidentStatus {
    ReportedInternally,
    Assessing,
    CustomersNotified,
    FollowUp,
    Closed,
    /// Not a personal data breach; kept in the register with the reasoning (art. 33(5)).
    NotABreach,
}

impl IncidentStatus {
    pub fn code(self) -> &'static str {
        match self {
            IncidentStatus::ReportedInternally => "reported_internally",
            IncidentStatus::Assessing => "assessing",
            IncidentStatus::CustomersNotified => "customers_notified",
            IncidentStatus::FollowUp => "follow_up",
            IncidentStatus::Closed => "closed",
            IncidentStatus::NotABreach => "not_a_breach",
        }
    }

    pub fn from_code(code: &str) -> Option<IncidentStatus> {
        [
            IncidentStatus::ReportedInternally,
            IncidentStatus::Assessing,
            IncidentStatus::CustomersNotified,
            IncidentStatus::FollowUp,
            IncidentStatus::Closed,
            IncidentStatus::NotABreach,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// Whether the clock still runs: the incident is neither closed nor judged no breach.
    pub fn is_open(self) -> bool {
        !matches!(self, IncidentStatus::Closed | IncidentStatus::NotABreach)
    }
}

/// The status flow: forward along *reported → assessing → notified → follow-up → closed*;
/// *not a breach* while nobody was notified; a closed incident or a *not a breach* verdict
/// may be reopened.
pub fn may_change_status(from: IncidentStatus, to: IncidentStatus) -> bool {
    use IncidentStatus::*;
    matches!(
        (from, to),
        (ReportedInternally, Assessing)
            | (ReportedInternally | Assessing, CustomersNotified)
            | (ReportedInternally | Assessing, NotABreach)
            | (CustomersNotified, FollowUp)
            | (CustomersNotified | FollowUp, Closed)
            | (Closed, FollowUp)
            | (NotABreach, Assessing)
    )
}

/// The statuses the officer may choose next. *Customers notified* is not among them: it
/// follows from recording that an initial notice was sent.
pub fn next_statuses(from: IncidentStatus) -> Vec<IncidentStatus> {
    use IncidentStatus::*;
    [Assessing, FollowUp, Closed, NotABreach]
        .into_iter()
        .filter(|to| may_change_status(from, *to))
        .collect()
}

/// A status change as the officer asks for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusChangeInput {
    pub status: IncidentStatus,
    /// Required for *not a breach*: why not (art. 33(5) documentation).
    pub reason: String,
}

/// Checks a status change; returns the reason, trimmed.
pub fn check_status_change(
    from: IncidentStatus,
    input: &StatusChangeInput,
) -> Result<String, Vec<FieldError>> {
    let mut errors = Errors::default();
    if !may_change_status(from, input.status) {
        errors.add("status", FieldCode::InvalidTransition);
    }
    let required = input.status == IncidentStatus::NotABreach;
    let reason = errors.text("reason", &input.reason, required, 5_000);
    errors.finish(reason)
}

/// One change in an incident's status, with who made it and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusChange {
    pub status: IncidentStatus,
    pub reason: String,
    pub changed_at: DateTime<Utc>,
    pub changed_by: String,
}

/// The wizard's form for a new incident: the title, the discovery moment set to now (the
/// officer corrects it when it was earlier) and our privacy contact for questions.
pub fn new_incident_facts(
    title: &str,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<BreachFactsInput, Vec<FieldError>> {
    let mut errors = Errors::default();
    let title = errors.text("title", title, true, 200);
    errors.finish(BreachFactsInput {
        title,
        discovered_at: moment_of(now).display(),
        contact_name: settings.processor.privacy_contact.clone(),
        contact_email: settings.processor.email.clone(),
        ..Default::default()
    })
}

/// The register number: the year it was registered and its place in that year, `2026-007`.
pub fn incident_number(year: i32, sequence: u32) -> String {
    format!("{year}-{sequence:03}")
}

/// An incident as the register holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Incident {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub status: IncidentStatus,
    pub not_a_breach_reason: String,
    pub discovered_at: Option<DateTime<Utc>>,
    /// The wizard step the officer was last on, so the wizard resumes there.
    pub wizard_step: u8,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One row of the incident register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IncidentRow {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub status: IncidentStatus,
    /// Neither closed nor judged no breach: its clock runs and its facts may change.
    pub open: bool,
    pub discovered_at: Option<DateTime<Utc>>,
    pub affected_count: u32,
    pub notified_count: u32,
    /// The earliest first-notice target of a customer not yet notified, while open.
    pub next_deadline: Option<DateTime<Utc>>,
    pub overdue: bool,
    /// The earliest end of a customer's 72 hours towards the AP still to come.
    pub next_ap_deadline: Option<DateTime<Utc>>,
}

/// One page of the incident register and how many incidents there are in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IncidentPage {
    pub rows: Vec<IncidentRow>,
    pub total: u32,
    pub offset: u32,
}

/// Where a customer's first notice stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ClockState {
    /// The discovery moment is not known yet.
    NoDiscovery,
    Running,
    Overdue,
    NotifiedInTime,
    NotifiedLate,
}

/// The clock of one affected customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerClock {
    pub target_hours: u32,
    /// Discovery + the target of the customer's agreement terms (else of the settings).
    pub target: Option<DateTime<Utc>>,
    /// When the first notice was sent.
    pub notified_at: Option<DateTime<Utc>>,
    pub state: ClockState,
    /// The customer's own 72 hours towards the AP, from our notice.
    pub ap_deadline: Option<DateTime<Utc>>,
}

/// The clock of a customer: `target_hours` are elapsed hours, so a summer-time change in
/// between moves the wall-clock deadline by an hour, as it should.
pub fn customer_clock(
    discovered_at: Option<DateTime<Utc>>,
    target_hours: u32,
    notified_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> CustomerClock {
    let target = discovered_at.map(|d| d + Duration::hours(i64::from(target_hours)));
    let state = match (target, notified_at) {
        (None, _) => ClockState::NoDiscovery,
        (Some(target), Some(sent)) if sent > target => ClockState::NotifiedLate,
        (Some(_), Some(_)) => ClockState::NotifiedInTime,
        (Some(target), None) if now > target => ClockState::Overdue,
        (Some(_), None) => ClockState::Running,
    };
    CustomerClock {
        target_hours,
        target,
        notified_at,
        state,
        ap_deadline: notified_at.map(|sent| sent + Duration::hours(AP_HOURS)),
    }
}

/// Whether a first notice made at `at` comes after our target for it, `target_hours` after
/// the discovery (as [`customer_clock`] counts).
pub fn first_notice_late(discovered: DateTime<Utc>, target_hours: u32, at: DateTime<Utc>) -> bool {
    at > discovered + Duration::hours(i64::from(target_hours))
}

/// The register's summary of the clocks of an incident's customers. Before any customer is
/// chosen the clock runs on `default_hours` (the setting).
pub fn register_row(
    incident: &Incident,
    clocks: &[CustomerClock],
    default_hours: u32,
    now: DateTime<Utc>,
) -> IncidentRow {
    let open = incident.status.is_open();
    let waiting = clocks.iter().filter(|c| c.notified_at.is_none());
    let next_deadline = if !open {
        None
    } else if clocks.is_empty() {
        customer_clock(incident.discovered_at, default_hours, None, now).target
    } else {
        waiting.filter_map(|c| c.target).min()
    };
    IncidentRow {
        id: incident.id,
        number: incident.number.clone(),
        title: incident.title.clone(),
        status: incident.status,
        open,
        discovered_at: incident.discovered_at,
        affected_count: clocks.len() as u32,
        notified_count: clocks.iter().filter(|c| c.notified_at.is_some()).count() as u32,
        next_deadline,
        overdue: open
            && (clocks.iter().any(|c| c.state == ClockState::Overdue)
                || (clocks.is_empty() && next_deadline.is_some_and(|d| now > d))),
        next_ap_deadline: if open {
            clocks
                .iter()
                .filter_map(|c| c.ap_deadline)
                .filter(|d| *d > now)
                .min()
        } else {
            None
        },
    }
}

/// The wizard as the officer left it, with everything needed to resume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IncidentDetail {
    pub incident: Incident,
    /// The clock as the register shows it.
    pub summary: IncidentRow,
    pub facts: BreachFactsInput,
    pub customers: Vec<AffectedCustomer>,
    pub history: Vec<StatusChange>,
    pub next_statuses: Vec<IncidentStatus>,
    /// The ENISA estimate of the facts as typed, if complete.
    pub severity: Option<super::severity::Severity>,
    /// What is typed wrongly now, to show next to the fields.
    pub errors: Vec<FieldError>,
}

/// A customer on the incident, with its own facts, clock and notices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AffectedCustomer {
    pub customer_id: i64,
    pub name: String,
    pub language: Language,
    pub overrides: AffectedOverride,
    pub clock: CustomerClock,
    /// The contacts that receive notices, as `name <e-mail>`, for the sent log.
    pub notice_recipients: String,
    pub notices: Vec<super::document::DocumentSummary>,
    /// Whether its facts differ from its last notice (or it has none yet): it is due an
    /// update. A changed explanation alone allows one but does not call for it.
    pub needs_notice: bool,
    /// Its final notice, after which it gets no more.
    pub final_notice: Option<i64>,
    /// What the customer did next (its report to the AP), as it told us.
    pub follow_up: super::follow_up::FollowUp,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::{display_local, parse_moment};

    fn at(text: &str) -> DateTime<Utc> {
        parse_moment(text).unwrap().earliest()
    }

    #[test]
    fn numbers_count_within_a_year() {
        assert_eq!(incident_number(2026, 7), "2026-007");
        assert_eq!(incident_number(2026, 1234), "2026-1234");
    }

    #[test]
    fn the_status_flow() {
        use IncidentStatus::*;
        assert!(may_change_status(ReportedInternally, Assessing));
        assert!(may_change_status(Assessing, NotABreach));
        assert!(may_change_status(Closed, FollowUp));
        assert!(!may_change_status(CustomersNotified, NotABreach));
        assert!(!may_change_status(Closed, ReportedInternally));
        assert!(!may_change_status(Assessing, Assessing));
        assert_eq!(next_statuses(Assessing), [NotABreach]);
        assert_eq!(next_statuses(CustomersNotified), [FollowUp, Closed]);
        for status in [
            ReportedInternally,
            Assessing,
            CustomersNotified,
            FollowUp,
            Closed,
            NotABreach,
        ] {
            assert_eq!(IncidentStatus::from_code(status.code()), Some(status));
        }
        let no_reason = StatusChangeInput {
            status: NotABreach,
            reason: "  ".into(),
        };
        assert_eq!(
            check_status_change(Assessing, &no_reason).unwrap_err(),
            [FieldError::new("reason", FieldCode::Required)]
        );
        let back = StatusChangeInput {
            status: ReportedInternally,
            reason: String::new(),
        };
        assert!(check_status_change(Closed, &back).is_err());
    }

    #[test]
    fn the_first_notice_target_across_summer_time() {
        // Discovered on Saturday 28 March 2026 at 12:00 (CET). 24 elapsed hours later the
        // clocks have gone forward: the target is Sunday 13:00 summer time.
        let discovered = at("28-03-2026 12:00");
        let clock = customer_clock(Some(discovered), 24, None, discovered);
        assert_eq!(display_local(clock.target.unwrap()), "29-03-2026 13:00");
        assert_eq!(clock.state, ClockState::Running);
        // And back in autumn: 24 hours after Saturday 24 October 12:00 is Sunday 11:00.
        let discovered = at("24-10-2026 12:00");
        let clock = customer_clock(Some(discovered), 24, None, discovered);
        assert_eq!(display_local(clock.target.unwrap()), "25-10-2026 11:00");
    }

    #[test]
    fn overdue_notified_and_the_ap_clock() {
        let discovered = at("23-10-2026 09:00");
        let target = at("24-10-2026 09:00");
        let running = customer_clock(Some(discovered), 24, None, target);
        assert_eq!(
            running.state,
            ClockState::Running,
            "exactly at the target is in time"
        );
        let overdue = customer_clock(Some(discovered), 24, None, target + Duration::seconds(1));
        assert_eq!(overdue.state, ClockState::Overdue);
        assert_eq!(overdue.ap_deadline, None);
        // Notified on Friday 23 October 16:00 summer time: 72 hours later the clocks went
        // back, so the customer's AP deadline is Monday 15:00 winter time.
        let sent = at("23-10-2026 16:00");
        let clock = customer_clock(Some(discovered), 24, Some(sent), target + Duration::days(9));
        assert_eq!(clock.state, ClockState::NotifiedInTime);
        assert_eq!(
            display_local(clock.ap_deadline.unwrap()),
            "26-10-2026 15:00"
        );
        let late = customer_clock(
            Some(discovered),
            24,
            Some(target + Duration::minutes(1)),
            target,
        );
        assert_eq!(late.state, ClockState::NotifiedLate);
        assert_eq!(
            customer_clock(None, 24, None, target).state,
            ClockState::NoDiscovery
        );
    }

    #[test]
    fn the_register_row_takes_the_earliest_open_deadline() {
        let incident = Incident {
            id: 1,
            number: "2026-001".into(),
            title: "t".into(),
            status: IncidentStatus::Assessing,
            not_a_breach_reason: String::new(),
            discovered_at: Some(at("23-11-2026 09:00")),
            wizard_step: 1,
            created_at: at("23-11-2026 09:30"),
            updated_at: at("23-11-2026 09:30"),
        };
        let now = at("23-11-2026 20:00");
        let clocks = [
            customer_clock(incident.discovered_at, 48, None, now),
            customer_clock(
                incident.discovered_at,
                24,
                Some(at("23-11-2026 15:00")),
                now,
            ),
            customer_clock(incident.discovered_at, 36, None, now),
        ];
        let row = register_row(&incident, &clocks, 24, now);
        assert_eq!(
            display_local(row.next_deadline.unwrap()),
            "24-11-2026 21:00"
        );
        assert_eq!(
            (row.affected_count, row.notified_count, row.overdue),
            (3, 1, false)
        );
        assert_eq!(
            display_local(row.next_ap_deadline.unwrap()),
            "26-11-2026 15:00"
        );
        let closed = Incident {
            status: IncidentStatus::Closed,
            ..incident.clone()
        };
        assert_eq!(register_row(&closed, &clocks, 24, now).next_deadline, None);
        // Before customers are chosen, the setting's target runs.
        let early = register_row(&incident, &[], 12, now);
        assert_eq!(
            display_local(early.next_deadline.unwrap()),
            "23-11-2026 21:00"
        );
        assert!(!early.overdue);
        assert!(register_row(&incident, &[], 10, now).overdue);
    }
}
