//! Audits (art. 5): the customer's request, the notice period its agreement gives us, the
//! way through to agreed measures, and what the acknowledgement and the findings summary
//! need before they can be made.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::document::{DocumentKind, DocumentSummary};
use super::letter::LetterHead;
use super::time::local_date;
use super::validation::{Errors, FieldCode, FieldError};

/// Confirms an audit's date, auditor, scope and conditions (art. 5).
pub const ACKNOWLEDGEMENT: DocumentKind = DocumentKind::new(
    "audit_acknowledgement",
    "audit-bevestiging",
    "audit-acknowledgement",
);

/// Sums up an audit's findings and the agreed measures.
pub const FINDINGS: DocumentKind =
    DocumentKind::new("audit_findings", "audit-bevindingen", "audit-findings");

/// Which of the two letters about an audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum AuditLetter {
    #[serde(rename = "audit_acknowledgement")]
    Acknowledgement,
    #[serde(rename = "audit_findings")]
    Findings,
}

impl AuditLetter {
    pub fn kind(self) -> DocumentKind {
        match self {
            AuditLetter::Acknowledgement => ACKNOWLEDGEMENT,
            AuditLetter::Findings => FINDINGS,
        }
    }
}

/// Where an audit stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AuditStatus {
    #[default]
    Received,
    Planned,
    InProgress,
    FindingsDiscussed,
    MeasuresAgreed,
    Closed,
}

pub const AUDIT_STATUSES: [AuditStatus; 6] = [
    AuditStatus::Received,
    AuditStatus::Planned,
    AuditStatus::InProgress,
    AuditStatus::FindingsDiscussed,
    AuditStatus::MeasuresAgreed,
    AuditStatus::Closed,
];

impl AuditStatus {
    pub fn code(self) -> &'static str {
        match self {
            AuditStatus::Received => "received",
            AuditStatus::Planned => "planned",
            AuditStatus::InProgress => "in_progress",
            AuditStatus::FindingsDiscussed => "findings_discussed",
            AuditStatus::MeasuresAgreed => "measures_agreed",
            AuditStatus::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<AuditStatus> {
        AUDIT_STATUSES.into_iter().find(|s| s.code() == code)
    }
}

/// An audit moves one step forward at a time, or is closed at any point (a customer may
/// withdraw its request).
pub fn may_change_audit_status(from: AuditStatus, to: AuditStatus) -> bool {
    let step = |s: AuditStatus| AUDIT_STATUSES.iter().position(|x| *x == s).unwrap_or(0);
    from == to || step(to) == step(from) + 1 || to == AuditStatus::Closed
}

/// The statuses the officer may choose from `from`, itself included.
pub fn audit_statuses_from(from: AuditStatus) -> Vec<AuditStatus> {
    AUDIT_STATUSES
        .into_iter()
        .filter(|to| may_change_audit_status(from, *to))
        .collect()
}

/// Who carries out an agreed measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MeasureOwner {
    #[default]
    Processor,
    Customer,
    Both,
}

impl MeasureOwner {
    pub fn code(self) -> &'static str {
        match self {
            MeasureOwner::Processor => "processor",
            MeasureOwner::Customer => "customer",
            MeasureOwner::Both => "both",
        }
    }

    pub fn from_code(code: &str) -> Option<MeasureOwner> {
        [
            MeasureOwner::Processor,
            MeasureOwner::Customer,
            MeasureOwner::Both,
        ]
        .into_iter()
        .find(|o| o.code() == code)
    }
}

/// An agreed measure as typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct MeasureInput {
    pub description: String,
    pub owner: MeasureOwner,
    /// `24-11-2026`, or empty.
    pub due_date: String,
    pub done: bool,
}

/// An agreed measure as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Measure {
    pub description: String,
    pub owner: MeasureOwner,
    pub due_date: Option<NaiveDate>,
    pub done: bool,
}

/// The audit form as typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AuditInput {
    pub customer_id: i64,
    /// When the request reached us: `24-11-2026` or `24-11-2026 14:30`.
    pub received_at: String,
    /// The date the customer asked for.
    pub requested_date: String,
    /// The date agreed with the customer.
    pub planned_date: String,
    pub auditor_firm: String,
    pub auditor_name: String,
    /// A registered EDP auditor (RE).
    pub auditor_registered: bool,
    pub auditor_confidential: bool,
    /// The information the customer wants to see.
    pub information: String,
    pub locations: String,
    /// The reason the customer gives (art. 5.2).
    pub reason: String,
    pub status: AuditStatus,
    pub findings: String,
    pub measures: Vec<MeasureInput>,
    /// Costs to charge the customer, in euros: `1.250,00`.
    pub costs: String,
}

/// An audit request as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditRecord {
    pub customer_id: i64,
    pub received_at: DateTime<Utc>,
    pub requested_date: NaiveDate,
    pub planned_date: Option<NaiveDate>,
    pub auditor_firm: String,
    pub auditor_name: String,
    pub auditor_registered: bool,
    pub auditor_confidential: bool,
    pub information: String,
    pub locations: String,
    pub reason: String,
    pub status: AuditStatus,
    pub findings: String,
    pub measures: Vec<Measure>,
    #[ts(type = "number | null")]
    pub costs_cents: Option<u64>,
}

const MAX_MEASURES: usize = 50;

/// Checks the form against the audit's current status (`None` for a new request): dates in
/// order and not invented, what each status needs, and the step taken.
pub fn check_audit(
    input: &AuditInput,
    current: Option<AuditStatus>,
    now: DateTime<Utc>,
) -> Result<AuditRecord, Vec<FieldError>> {
    let mut e = Errors::default();
    let received_at = e.past_moment("received_at", &input.received_at, now);
    let requested_date = e.date("requested_date", &input.requested_date);
    if requested_date.is_none() && !e.has("requested_date") {
        e.add("requested_date", FieldCode::Required);
    }
    let planned_date = e.date("planned_date", &input.planned_date);
    let received_on = received_at.map(local_date);
    for (field, date) in [
        ("requested_date", requested_date),
        ("planned_date", planned_date),
    ] {
        if let (Some(date), Some(received)) = (date, received_on) {
            if date < received {
                e.add(field, FieldCode::EndBeforeStart);
            }
        }
    }
    let from = current.unwrap_or(AuditStatus::Received);
    if !may_change_audit_status(from, input.status) {
        e.add("status", FieldCode::InvalidTransition);
    }
    let planned = input.status >= AuditStatus::Planned && input.status != AuditStatus::Closed;
    let discussed =
        input.status >= AuditStatus::FindingsDiscussed && input.status != AuditStatus::Closed;
    if planned && planned_date.is_none() && !e.has("planned_date") {
        e.add("planned_date", FieldCode::Required);
    }
    let record = AuditRecord {
        customer_id: input.customer_id,
        received_at: received_at.unwrap_or(now),
        requested_date: requested_date.unwrap_or_default(),
        planned_date,
        auditor_firm: e.text("auditor_firm", &input.auditor_firm, planned, 200),
        auditor_name: e.text("auditor_name", &input.auditor_name, false, 200),
        auditor_registered: input.auditor_registered,
        auditor_confidential: input.auditor_confidential,
        information: e.text("information", &input.information, planned, 5_000),
        locations: e.text("locations", &input.locations, planned, 2_000),
        reason: e.text("reason", &input.reason, false, 5_000),
        status: input.status,
        findings: e.text("findings", &input.findings, discussed, 20_000),
        measures: check_measures(&mut e, &input.measures),
        costs_cents: e.hundredths("costs", &input.costs),
    };
    if input.status == AuditStatus::MeasuresAgreed && record.measures.is_empty() {
        e.add("measures", FieldCode::Required);
    }
    e.finish(record)
}

fn check_measures(e: &mut Errors, inputs: &[MeasureInput]) -> Vec<Measure> {
    if inputs.len() > MAX_MEASURES {
        e.add("measures", FieldCode::TooLong);
        return Vec::new();
    }
    inputs
        .iter()
        .enumerate()
        .map(|(i, m)| Measure {
            description: e.text(
                &format!("measures.{i}.description"),
                &m.description,
                true,
                2_000,
            ),
            owner: m.owner,
            due_date: e.date(&format!("measures.{i}.due_date"), &m.due_date),
            done: m.done,
        })
        .collect()
}

/// The notice period an audit must respect: from the terms of the customer's signed
/// version, or the default when it has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NoticePeriod {
    pub days: u32,
    /// False when the customer has no signed agreement and the default applies.
    pub from_agreement: bool,
    /// The first date the audit may take place.
    pub first_allowed_date: NaiveDate,
    pub requested_too_soon: bool,
    pub planned_too_soon: bool,
}

/// The notice period of art. 5 when the customer has no signed agreement.
pub const DEFAULT_AUDIT_NOTICE_DAYS: u32 = 30;

/// The first date an audit announced at `received_at` may take place: `days` calendar days
/// after the day the request reached us, in Amsterdam.
pub fn first_allowed_audit_date(received_at: DateTime<Utc>, days: u32) -> NaiveDate {
    let received = local_date(received_at);
    received
        .checked_add_days(Days::new(days.into()))
        .unwrap_or(received)
}

/// Whether the requested and planned dates give the notice the agreement asks for.
pub fn notice_period(audit: &AuditRecord, agreement_days: Option<u32>) -> NoticePeriod {
    let days = agreement_days.unwrap_or(DEFAULT_AUDIT_NOTICE_DAYS);
    let first = first_allowed_audit_date(audit.received_at, days);
    NoticePeriod {
        days,
        from_agreement: agreement_days.is_some(),
        first_allowed_date: first,
        requested_too_soon: audit.requested_date < first,
        planned_too_soon: audit.planned_date.is_some_and(|d| d < first),
    }
}

/// What the acknowledgement still needs: an agreed date that respects the notice period,
/// the auditor, what they want to see and where.
pub fn missing_for_acknowledgement(audit: &AuditRecord, period: &NoticePeriod) -> Vec<FieldError> {
    let mut missing = Vec::new();
    match audit.planned_date {
        None => missing.push(FieldError::new("planned_date", FieldCode::Required)),
        Some(_) if period.planned_too_soon => missing.push(FieldError::new(
            "planned_date",
            FieldCode::WithinNoticePeriod,
        )),
        Some(_) => {}
    }
    for (field, value) in [
        ("auditor_firm", &audit.auditor_firm),
        ("auditor_name", &audit.auditor_name),
        ("information", &audit.information),
        ("locations", &audit.locations),
    ] {
        if value.is_empty() {
            missing.push(FieldError::new(field, FieldCode::Required));
        }
    }
    missing
}

/// What the findings summary still needs: the findings, after they were discussed.
pub fn missing_for_findings(audit: &AuditRecord) -> Vec<FieldError> {
    let mut missing = Vec::new();
    if audit.status < AuditStatus::FindingsDiscussed {
        missing.push(FieldError::new("status", FieldCode::FindingsNotDiscussed));
    }
    if audit.findings.is_empty() {
        missing.push(FieldError::new("findings", FieldCode::Required));
    }
    missing
}

/// An audit as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Audit {
    pub id: i64,
    pub number: String,
    pub customer_name: String,
    #[serde(flatten)]
    pub record: AuditRecord,
    pub period: NoticePeriod,
    /// The statuses the officer may choose now, the current one included.
    pub statuses: Vec<AuditStatus>,
    pub missing_for_acknowledgement: Vec<FieldError>,
    pub missing_for_findings: Vec<FieldError>,
    pub letters: Vec<DocumentSummary>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Audit {
    /// The page of an audit, with what its notices still need.
    pub fn view(
        id: i64,
        number: String,
        customer_name: String,
        record: AuditRecord,
        agreement_days: Option<u32>,
        letters: Vec<DocumentSummary>,
        (created_at, updated_at): (DateTime<Utc>, DateTime<Utc>),
    ) -> Audit {
        let period = notice_period(&record, agreement_days);
        Audit {
            id,
            number,
            customer_name,
            statuses: audit_statuses_from(record.status),
            missing_for_acknowledgement: missing_for_acknowledgement(&record, &period),
            missing_for_findings: missing_for_findings(&record),
            period,
            record,
            letters,
            created_at,
            updated_at,
        }
    }
}

/// An audit as the list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditRow {
    pub id: i64,
    pub number: String,
    pub customer_id: i64,
    pub customer_name: String,
    pub received_at: DateTime<Utc>,
    pub requested_date: NaiveDate,
    pub planned_date: Option<NaiveDate>,
    pub status: AuditStatus,
    /// The requested or agreed date is sooner than the notice period allows.
    pub too_soon: bool,
    pub open_measures: u32,
}

/// What an audit notice says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditLetterFacts {
    pub head: LetterHead,
    pub kind: AuditLetter,
    pub audit_number: String,
    pub audit: AuditRecord,
    pub period: NoticePeriod,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse_moment;
    use crate::domain::validation::codes;

    fn at(text: &str) -> DateTime<Utc> {
        parse_moment(text).unwrap().earliest()
    }

    fn date(text: &str) -> NaiveDate {
        crate::domain::validation::parse_date(text).unwrap()
    }

    fn request() -> AuditInput {
        AuditInput {
            customer_id: 1,
            received_at: "02-11-2026 10:00".into(),
            requested_date: "20-11-2026".into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_notice_period_counts_calendar_days_from_the_local_day_of_receipt() {
        // Across the end of summer time and a month end.
        assert_eq!(
            first_allowed_audit_date(at("20-10-2026 09:00"), 30),
            date("19-11-2026")
        );
        // 23:30 UTC on 24 October is already 25 October in Amsterdam.
        let late = DateTime::parse_from_rfc3339("2026-10-24T23:30:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(first_allowed_audit_date(late, 30), date("24-11-2026"));
        assert_eq!(
            first_allowed_audit_date(at("31-01-2026"), 30),
            date("02-03-2026")
        );
        assert_eq!(
            first_allowed_audit_date(at("31-01-2028"), 30),
            date("01-03-2028")
        );
        // Across the start of summer time.
        assert_eq!(
            first_allowed_audit_date(at("15-03-2026 23:59"), 14),
            date("29-03-2026")
        );
    }

    #[test]
    fn a_request_too_soon_is_flagged_and_the_first_allowed_date_proposed() {
        let now = at("24-11-2026 12:00");
        let audit = check_audit(&request(), None, now).unwrap();
        let period = notice_period(&audit, Some(30));
        assert!(period.requested_too_soon);
        assert_eq!(period.first_allowed_date, date("02-12-2026"));
        let on_time = AuditInput {
            requested_date: "02-12-2026".into(),
            ..request()
        };
        let audit = check_audit(&on_time, None, now).unwrap();
        assert!(!notice_period(&audit, Some(30)).requested_too_soon);
        // A version with a shorter term; and the default without a signed agreement.
        assert!(
            !notice_period(&check_audit(&request(), None, now).unwrap(), Some(14))
                .requested_too_soon
        );
        let default = notice_period(&audit, None);
        assert_eq!((default.days, default.from_agreement), (30, false));
    }

    #[test]
    fn each_status_needs_its_facts_and_moves_one_step() {
        let now = at("24-11-2026 12:00");
        let planned = AuditInput {
            status: AuditStatus::Planned,
            ..request()
        };
        assert_eq!(
            codes(check_audit(&planned, Some(AuditStatus::Received), now)),
            [
                ("planned_date".into(), FieldCode::Required),
                ("auditor_firm".into(), FieldCode::Required),
                ("information".into(), FieldCode::Required),
                ("locations".into(), FieldCode::Required),
            ]
        );
        let skipping = AuditInput {
            status: AuditStatus::MeasuresAgreed,
            planned_date: "02-12-2026".into(),
            auditor_firm: "Kantoor".into(),
            information: "x".into(),
            locations: "y".into(),
            findings: "z".into(),
            ..request()
        };
        assert_eq!(
            codes(check_audit(&skipping, Some(AuditStatus::Planned), now)),
            [
                ("status".into(), FieldCode::InvalidTransition),
                ("measures".into(), FieldCode::Required),
            ]
        );
        let closed = AuditInput {
            status: AuditStatus::Closed,
            ..request()
        };
        assert!(check_audit(&closed, Some(AuditStatus::Received), now).is_ok());
        assert_eq!(
            audit_statuses_from(AuditStatus::Planned),
            [
                AuditStatus::Planned,
                AuditStatus::InProgress,
                AuditStatus::Closed
            ]
        );
    }

    #[test]
    fn dates_are_in_order_and_not_in_the_future() {
        let now = at("24-11-2026 12:00");
        let wrong = AuditInput {
            received_at: "25-11-2026".into(),
            requested_date: "31-11-2026".into(),
            ..request()
        };
        assert_eq!(
            codes(check_audit(&wrong, None, now)),
            [
                ("received_at".into(), FieldCode::InFuture),
                ("requested_date".into(), FieldCode::InvalidDate),
            ]
        );
        let before = AuditInput {
            requested_date: "01-11-2026".into(),
            planned_date: "01-11-2026".into(),
            ..request()
        };
        assert_eq!(
            codes(check_audit(&before, None, now)),
            [
                ("requested_date".into(), FieldCode::EndBeforeStart),
                ("planned_date".into(), FieldCode::EndBeforeStart),
            ]
        );
        let empty = AuditInput::default();
        assert_eq!(
            codes(check_audit(&empty, None, now)),
            [
                ("received_at".into(), FieldCode::Required),
                ("requested_date".into(), FieldCode::Required),
            ]
        );
    }

    #[test]
    fn the_acknowledgement_needs_an_agreed_date_outside_the_notice_period() {
        let now = at("24-11-2026 12:00");
        let input = AuditInput {
            planned_date: "20-11-2026".into(),
            auditor_firm: "Kantoor".into(),
            auditor_name: "A. Auditor".into(),
            information: "Logs".into(),
            locations: "Amsterdam".into(),
            ..request()
        };
        let audit = check_audit(&input, None, now).unwrap();
        let period = notice_period(&audit, Some(30));
        assert_eq!(
            missing_for_acknowledgement(&audit, &period),
            [FieldError::new(
                "planned_date",
                FieldCode::WithinNoticePeriod
            )]
        );
        let proposed = AuditInput {
            planned_date: "02-12-2026".into(),
            ..input
        };
        let audit = check_audit(&proposed, None, now).unwrap();
        assert!(missing_for_acknowledgement(&audit, &notice_period(&audit, Some(30))).is_empty());
        assert_eq!(
            missing_for_findings(&audit),
            [
                FieldError::new("status", FieldCode::FindingsNotDiscussed),
                FieldError::new("findings", FieldCode::Required)
            ]
        );
    }
}
