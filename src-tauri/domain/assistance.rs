//! The assistance log (art. 7): help given to a customer with data subjects' requests and
//! with investigations of the Autoriteit Persoonsgegevens, at the customer's reasonable cost,
//! and the complaints and claims of data subjects that the customer passed on (7.3).

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::time::local_date;
use super::validation::{Errors, FieldCode, FieldError};

/// What the customer needed help with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AssistanceKind {
    #[default]
    Access,
    Rectification,
    Erasure,
    Portability,
    Restriction,
    Objection,
    /// A request or investigation of the Autoriteit Persoonsgegevens.
    ApInvestigation,
    /// A data subject's complaint or claim about the service, passed on by the customer.
    Complaint,
}

impl AssistanceKind {
    pub const ALL: [AssistanceKind; 8] = [
        AssistanceKind::Access,
        AssistanceKind::Rectification,
        AssistanceKind::Erasure,
        AssistanceKind::Portability,
        AssistanceKind::Restriction,
        AssistanceKind::Objection,
        AssistanceKind::ApInvestigation,
        AssistanceKind::Complaint,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AssistanceKind::Access => "access",
            AssistanceKind::Rectification => "rectification",
            AssistanceKind::Erasure => "erasure",
            AssistanceKind::Portability => "portability",
            AssistanceKind::Restriction => "restriction",
            AssistanceKind::Objection => "objection",
            AssistanceKind::ApInvestigation => "ap_investigation",
            AssistanceKind::Complaint => "complaint",
        }
    }

    pub fn from_code(code: &str) -> Option<AssistanceKind> {
        AssistanceKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// A data subject exercising a right: the customer must answer within a month of the
    /// request (GDPR art. 12(3)), so that is when our help is due at the latest.
    pub fn is_data_subject_request(self) -> bool {
        !matches!(
            self,
            AssistanceKind::ApInvestigation | AssistanceKind::Complaint
        )
    }
}

/// An entry as typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AssistanceInput {
    pub kind: AssistanceKind,
    /// When the customer asked us: `24-11-2026 14:30`.
    pub received_at: String,
    /// The customer's or the AP's reference; no names of data subjects are needed.
    pub reference: String,
    pub summary: String,
    /// When the data subject made the request to the customer, if known: `20-11-2026`. The
    /// customer's month (GDPR art. 12(3)) runs from then.
    pub subject_asked_on: String,
    /// When our help is due; empty for a data subject's request takes the customer's month.
    pub due_on: String,
    pub handled_on: String,
    /// Time spent, in hours: `1,5`.
    pub hours: String,
    /// Costs to charge the customer, in euros: `180,00`.
    pub costs: String,
    /// When the costs were invoiced.
    pub invoiced_on: String,
    /// For a complaint: we took over its handling, as the agreement allows us to ask.
    pub taken_over: bool,
}

/// An entry as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssistanceRecord {
    pub kind: AssistanceKind,
    pub received_at: DateTime<Utc>,
    pub reference: String,
    pub summary: String,
    pub subject_asked_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    /// Where the due date comes from.
    pub due_basis: Option<DueBasis>,
    pub handled_on: Option<NaiveDate>,
    /// Hundredths of an hour.
    pub hours_hundredths: Option<u64>,
    pub costs_cents: Option<u64>,
    pub invoiced_on: Option<NaiveDate>,
    pub taken_over: bool,
}

/// Where a due date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DueBasis {
    /// Typed by the officer.
    Typed,
    /// A month after the data subject asked the customer (GDPR art. 12(3)).
    SubjectAsked,
    /// A month after the customer passed the request on: when the data subject asked is not
    /// recorded, so the customer's own month may end sooner.
    CustomerPassedOn,
}

impl DueBasis {
    pub fn code(self) -> &'static str {
        match self {
            DueBasis::Typed => "typed",
            DueBasis::SubjectAsked => "subject_asked",
            DueBasis::CustomerPassedOn => "customer_passed_on",
        }
    }

    pub fn from_code(code: &str) -> Option<DueBasis> {
        [
            DueBasis::Typed,
            DueBasis::SubjectAsked,
            DueBasis::CustomerPassedOn,
        ]
        .into_iter()
        .find(|b| b.code() == code)
    }
}

/// A month after `day` (GDPR art. 12(3)); the end of a shorter month when that day does not
/// exist.
pub fn month_after(day: NaiveDate) -> NaiveDate {
    day.checked_add_months(Months::new(1)).unwrap_or(day)
}

/// More than a working year on one request is a typing error.
const MAX_HOURS_HUNDREDTHS: u64 = 2_000 * 100;

/// Checks an entry: what and when, dates in order and not in the future, hours and costs
/// read the Dutch way, invoiced only when handled and with costs.
pub fn check_assistance(
    input: &AssistanceInput,
    now: DateTime<Utc>,
) -> Result<AssistanceRecord, Vec<FieldError>> {
    let mut e = Errors::default();
    let received_at = e.past_moment("received_at", &input.received_at, now);
    let received_day = received_at.map(local_date);
    let today = local_date(now);
    let day_after_receipt = |e: &mut Errors, field: &str, value: &str, past: bool| {
        let date = e.date(field, value)?;
        if received_day.is_some_and(|r| date < r) {
            e.add(field, FieldCode::EndBeforeStart);
        } else if past && date > today {
            e.add(field, FieldCode::InFuture);
        }
        Some(date)
    };
    let typed_due = day_after_receipt(&mut e, "due_on", &input.due_on, false);
    // The data subject asked the customer before the customer asked us.
    let subject_asked_on = e
        .date("subject_asked_on", &input.subject_asked_on)
        .filter(|_| input.kind.is_data_subject_request());
    if let (Some(asked), Some(received)) = (subject_asked_on, received_day) {
        if asked > received {
            e.add("subject_asked_on", FieldCode::AfterReceipt);
        }
    }
    let handled_on = day_after_receipt(&mut e, "handled_on", &input.handled_on, true);
    let invoiced_on = day_after_receipt(&mut e, "invoiced_on", &input.invoiced_on, true);
    let hours_hundredths = e.hundredths("hours", &input.hours);
    if hours_hundredths.is_some_and(|h| h > MAX_HOURS_HUNDREDTHS) {
        e.add("hours", FieldCode::OutOfRange);
    }
    let costs_cents = e.hundredths("costs", &input.costs);
    if invoiced_on.is_some() {
        if handled_on.is_none() {
            e.add("invoiced_on", FieldCode::InvalidTransition);
        } else if costs_cents.is_none() {
            e.add("costs", FieldCode::Required);
        }
    }
    if let (Some(handled), Some(invoiced)) = (handled_on, invoiced_on) {
        if invoiced < handled {
            e.add("invoiced_on", FieldCode::EndBeforeStart);
        }
    }
    let (due_on, due_basis) = match (typed_due, subject_asked_on, received_day) {
        (Some(due), _, _) => (Some(due), Some(DueBasis::Typed)),
        _ if !input.kind.is_data_subject_request() => (None, None),
        (None, Some(asked), _) => (Some(month_after(asked)), Some(DueBasis::SubjectAsked)),
        (None, None, Some(received)) => (
            Some(month_after(received)),
            Some(DueBasis::CustomerPassedOn),
        ),
        (None, None, None) => (None, None),
    };
    let record = AssistanceRecord {
        kind: input.kind,
        received_at: received_at.unwrap_or(now),
        reference: e.text("reference", &input.reference, false, 200),
        summary: e.text("summary", &input.summary, true, 5_000),
        subject_asked_on,
        due_on,
        due_basis,
        handled_on,
        hours_hundredths,
        costs_cents,
        invoiced_on,
        taken_over: input.kind == AssistanceKind::Complaint && input.taken_over,
    };
    e.finish(record)
}

/// Where an entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AssistanceStatus {
    Open,
    /// Handled, with costs still to invoice.
    ToInvoice,
    Done,
}

pub fn assistance_status(record: &AssistanceRecord) -> AssistanceStatus {
    match (record.handled_on, record.costs_cents, record.invoiced_on) {
        (None, _, _) => AssistanceStatus::Open,
        (Some(_), Some(c), None) if c > 0 => AssistanceStatus::ToInvoice,
        _ => AssistanceStatus::Done,
    }
}

/// An entry as lists and pages show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Assistance {
    pub id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    #[serde(flatten)]
    pub record: AssistanceRecord,
    pub status: AssistanceStatus,
}

/// What a customer's assistance added up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssistanceTotals {
    pub open: u32,
    pub hours_hundredths: u64,
    pub costs_cents: u64,
    /// Costs of handled entries not invoiced yet.
    pub to_invoice_cents: u64,
}

pub fn totals(entries: &[Assistance]) -> AssistanceTotals {
    entries
        .iter()
        .fold(AssistanceTotals::default(), |mut t, a| {
            let costs = a.record.costs_cents.unwrap_or(0);
            t.hours_hundredths += a.record.hours_hundredths.unwrap_or(0);
            t.costs_cents += costs;
            match a.status {
                AssistanceStatus::Open => t.open += 1,
                AssistanceStatus::ToInvoice => t.to_invoice_cents += costs,
                AssistanceStatus::Done => {}
            }
            t
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse_moment;
    use crate::domain::validation::codes;

    fn at(text: &str) -> DateTime<Utc> {
        parse_moment(text).unwrap().earliest()
    }

    fn input() -> AssistanceInput {
        AssistanceInput {
            kind: AssistanceKind::Access,
            received_at: "02-11-2026 09:00".into(),
            summary: "Inzageverzoek van een werknemer van de klant".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_data_subject_request_is_due_within_the_customers_month() {
        let now = at("24-11-2026 12:00");
        let record = check_assistance(&input(), now).unwrap();
        assert_eq!(record.due_on, NaiveDate::from_ymd_opt(2026, 12, 2));
        assert_eq!(assistance_status(&record), AssistanceStatus::Open);
        // The last day of a shorter month, and a late evening that is already the next day
        // in Amsterdam.
        assert_eq!(
            month_after(local_date(at("31-01-2028 10:00"))),
            NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()
        );
        assert_eq!(
            month_after(local_date("2026-10-31T23:30:00Z".parse().unwrap())),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
        // An AP investigation or a complaint has no due date unless the officer sets one.
        for kind in [AssistanceKind::ApInvestigation, AssistanceKind::Complaint] {
            let other = AssistanceInput { kind, ..input() };
            assert_eq!(check_assistance(&other, now).unwrap().due_on, None);
        }
        let set = AssistanceInput {
            due_on: "20-11-2026".into(),
            ..input()
        };
        assert_eq!(
            check_assistance(&set, now).unwrap().due_on,
            NaiveDate::from_ymd_opt(2026, 11, 20)
        );
    }

    #[test]
    fn hours_and_costs_are_read_the_dutch_way_and_checked() {
        let now = at("24-11-2026 12:00");
        let handled = AssistanceInput {
            handled_on: "10-11-2026".into(),
            hours: "1,5".into(),
            costs: "142,50".into(),
            ..input()
        };
        let record = check_assistance(&handled, now).unwrap();
        assert_eq!(record.hours_hundredths, Some(150));
        assert_eq!(record.costs_cents, Some(14_250));
        assert_eq!(assistance_status(&record), AssistanceStatus::ToInvoice);
        let wrong = AssistanceInput {
            hours: "anderhalf".into(),
            costs: "1,2,3".into(),
            ..handled.clone()
        };
        assert_eq!(
            codes(check_assistance(&wrong, now)),
            [
                ("hours".into(), FieldCode::InvalidNumber),
                ("costs".into(), FieldCode::InvalidNumber),
            ]
        );
        let too_many = AssistanceInput {
            hours: "2.500".into(),
            ..handled.clone()
        };
        assert_eq!(
            codes(check_assistance(&too_many, now)),
            [("hours".into(), FieldCode::OutOfRange)]
        );
        let invoiced = AssistanceInput {
            invoiced_on: "12-11-2026".into(),
            ..handled
        };
        assert_eq!(
            assistance_status(&check_assistance(&invoiced, now).unwrap()),
            AssistanceStatus::Done
        );
    }

    #[test]
    fn dates_follow_the_receipt_and_invoicing_follows_handling() {
        let now = at("24-11-2026 12:00");
        let early = AssistanceInput {
            handled_on: "01-11-2026".into(),
            due_on: "01-11-2026".into(),
            ..input()
        };
        assert_eq!(
            codes(check_assistance(&early, now)),
            [
                ("due_on".into(), FieldCode::EndBeforeStart),
                ("handled_on".into(), FieldCode::EndBeforeStart),
            ]
        );
        let future = AssistanceInput {
            handled_on: "25-11-2026".into(),
            ..input()
        };
        assert_eq!(
            codes(check_assistance(&future, now)),
            [("handled_on".into(), FieldCode::InFuture)]
        );
        let unhandled = AssistanceInput {
            invoiced_on: "20-11-2026".into(),
            ..input()
        };
        assert_eq!(
            codes(check_assistance(&unhandled, now)),
            [("invoiced_on".into(), FieldCode::InvalidTransition)]
        );
        let without_costs = AssistanceInput {
            handled_on: "21-11-2026".into(),
            invoiced_on: "20-11-2026".into(),
            ..input()
        };
        assert_eq!(
            codes(check_assistance(&without_costs, now)),
            [
                ("costs".into(), FieldCode::Required),
                ("invoiced_on".into(), FieldCode::EndBeforeStart),
            ]
        );
        assert_eq!(
            codes(check_assistance(&AssistanceInput::default(), now)),
            [
                ("received_at".into(), FieldCode::Required),
                ("summary".into(), FieldCode::Required),
            ]
        );
    }

    #[test]
    fn only_a_complaint_can_be_taken_over_and_totals_add_up() {
        let now = at("24-11-2026 12:00");
        let access = AssistanceInput {
            taken_over: true,
            ..input()
        };
        assert!(!check_assistance(&access, now).unwrap().taken_over);
        let complaint = AssistanceInput {
            kind: AssistanceKind::Complaint,
            ..access
        };
        assert!(check_assistance(&complaint, now).unwrap().taken_over);

        let entry = |hours: &str, costs: &str, handled: &str, invoiced: &str| {
            let record = check_assistance(
                &AssistanceInput {
                    hours: hours.into(),
                    costs: costs.into(),
                    handled_on: handled.into(),
                    invoiced_on: invoiced.into(),
                    ..input()
                },
                now,
            )
            .unwrap();
            Assistance {
                id: 1,
                customer_id: 1,
                customer_name: "Klant".into(),
                status: assistance_status(&record),
                record,
            }
        };
        let all = [
            entry("1,5", "150", "10-11-2026", "11-11-2026"),
            entry("2", "200", "10-11-2026", ""),
            entry("0,25", "", "", ""),
        ];
        assert_eq!(
            totals(&all),
            AssistanceTotals {
                open: 1,
                hours_hundredths: 375,
                costs_cents: 35_000,
                to_invoice_cents: 20_000,
            }
        );
    }

    #[test]
    fn the_customers_month_runs_from_the_data_subjects_request_when_recorded() {
        let now = at("24-11-2026 12:00");
        let asked = AssistanceInput {
            subject_asked_on: "20-10-2026".into(),
            ..input()
        };
        let record = check_assistance(&asked, now).unwrap();
        assert_eq!(
            (record.due_on, record.due_basis),
            (
                NaiveDate::from_ymd_opt(2026, 11, 20),
                Some(DueBasis::SubjectAsked)
            )
        );
        // Not recorded: from when the customer passed it on, and it says so.
        let record = check_assistance(&input(), now).unwrap();
        assert_eq!(record.due_basis, Some(DueBasis::CustomerPassedOn));
        // A typed date wins; the end of a shorter month.
        let typed = AssistanceInput {
            due_on: "25-11-2026".into(),
            ..asked.clone()
        };
        assert_eq!(
            check_assistance(&typed, now).unwrap().due_basis,
            Some(DueBasis::Typed)
        );
        assert_eq!(
            month_after(NaiveDate::from_ymd_opt(2027, 1, 31).unwrap()),
            NaiveDate::from_ymd_opt(2027, 2, 28).unwrap()
        );
        // The data subject cannot have asked after the customer asked us.
        let later = AssistanceInput {
            subject_asked_on: "03-11-2026".into(),
            ..input()
        };
        assert_eq!(
            codes(check_assistance(&later, now)),
            [("subject_asked_on".into(), FieldCode::AfterReceipt)]
        );
        // Not a data subject's request: no month, no basis.
        let ap = AssistanceInput {
            kind: AssistanceKind::ApInvestigation,
            subject_asked_on: "20-10-2026".into(),
            ..input()
        };
        let record = check_assistance(&ap, now).unwrap();
        assert_eq!(
            (record.due_on, record.due_basis, record.subject_asked_on),
            (None, None, None)
        );
    }
}
