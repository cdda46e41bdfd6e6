//! Sub-processors (art. 8): the register, the announcement of a change to every customer,
//! and per customer the objection window and its outcome, computed from dates.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::country::country;
use super::document::DocumentKind;
use super::letter::LetterHead;
use super::time::{end_of_local_day, local_date, parse_moment};
use super::validation::{Errors, FieldCode, FieldError};

/// Announces a new or replacing sub-processor (art. 8).
pub const CHANGE_NOTICE: DocumentKind = DocumentKind::new(
    "sub_processor_change",
    "subverwerker-wijziging",
    "sub-processor-change",
);

/// A sub-processor as typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SubProcessorInput {
    pub name: String,
    /// What they do for us.
    pub activities: String,
    /// ISO country code of where the data is kept, e.g. `DE`.
    pub country: String,
    pub start_date: String,
    pub end_date: String,
    pub contract_reference: String,
}

/// A sub-processor as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SubProcessorRecord {
    pub name: String,
    pub activities: String,
    pub country: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub contract_reference: String,
}

/// Checks the register form.
pub fn check_sub_processor(
    input: &SubProcessorInput,
) -> Result<SubProcessorRecord, Vec<FieldError>> {
    let mut e = Errors::default();
    let code = e
        .text("country", &input.country, true, 2)
        .to_ascii_uppercase();
    if !code.is_empty() && country(&code).is_none() {
        e.add("country", FieldCode::UnknownCountry);
    }
    let start_date = e.date("start_date", &input.start_date);
    let end_date = e.date("end_date", &input.end_date);
    if let (Some(start), Some(end)) = (start_date, end_date) {
        if end < start {
            e.add("end_date", FieldCode::EndBeforeStart);
        }
    }
    let record = SubProcessorRecord {
        name: e.text("name", &input.name, true, 200),
        activities: e.text("activities", &input.activities, true, 2_000),
        country: code,
        start_date,
        end_date,
        contract_reference: e.text("contract_reference", &input.contract_reference, false, 200),
    };
    e.finish(record)
}

/// Whether a sub-processor works for us on a given day, from its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SubProcessorStatus {
    /// Not started yet (or no start date: announced, not yet engaged).
    Planned,
    Active,
    Ended,
}

/// The status on `today`.
pub fn sub_processor_status(record: &SubProcessorRecord, today: NaiveDate) -> SubProcessorStatus {
    match (record.start_date, record.end_date) {
        (_, Some(end)) if end < today => SubProcessorStatus::Ended,
        (Some(start), _) if start <= today => SubProcessorStatus::Active,
        _ => SubProcessorStatus::Planned,
    }
}

/// A sub-processor as the register shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SubProcessor {
    pub id: i64,
    #[serde(flatten)]
    pub record: SubProcessorRecord,
    pub eea: bool,
    pub status: SubProcessorStatus,
}

/// What an announcement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ChangeKind {
    #[default]
    Add,
    Replace,
}

impl ChangeKind {
    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::Add => "add",
            ChangeKind::Replace => "replace",
        }
    }

    pub fn from_code(code: &str) -> Option<ChangeKind> {
        [ChangeKind::Add, ChangeKind::Replace]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// A change announcement as typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AnnouncementInput {
    pub sub_processor_id: i64,
    pub kind: ChangeKind,
    /// For a replacement: the sub-processor that leaves.
    pub replaces_id: Option<i64>,
    pub intended_start: String,
}

/// A change announcement as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AnnouncementRecord {
    pub sub_processor_id: i64,
    pub kind: ChangeKind,
    pub replaces_id: Option<i64>,
    pub intended_start: NaiveDate,
}

/// Checks an announcement: a start date after the close of the longest objection window of
/// a notice received today (art. 8.2), and a replaced sub-processor only for a replacement.
pub fn check_announcement(
    input: &AnnouncementInput,
    window_days: u32,
    now: DateTime<Utc>,
) -> Result<AnnouncementRecord, Vec<FieldError>> {
    let mut e = Errors::default();
    let intended_start = e.date("intended_start", &input.intended_start);
    if intended_start.is_none() && !e.has("intended_start") {
        e.add("intended_start", FieldCode::Required);
    }
    if let Some(start) = intended_start {
        if !start_after_window(now, window_days, start) {
            e.add("intended_start", FieldCode::WithinNoticePeriod);
        }
    }
    match (input.kind, input.replaces_id) {
        (ChangeKind::Replace, None) => e.add("replaces_id", FieldCode::Required),
        (ChangeKind::Replace, Some(id)) if id == input.sub_processor_id => {
            e.add("replaces_id", FieldCode::InvalidTransition)
        }
        _ => {}
    }
    let record = AnnouncementRecord {
        sub_processor_id: input.sub_processor_id,
        kind: input.kind,
        replaces_id: match input.kind {
            ChangeKind::Add => None,
            ChangeKind::Replace => input.replaces_id,
        },
        intended_start: intended_start.unwrap_or_default(),
    };
    e.finish(record)
}

/// The window a notice to a customer without a signed agreement names as the time we give
/// it to answer. No contract makes its silence consent: only its answer counts.
pub const DEFAULT_OBJECTION_WINDOW_DAYS: u32 = 14;

/// The moment the customer's window to object closes (art. 8.2: within the window "after
/// receipt of the notice"): the end of the Amsterdam day `window_days` days after the day of
/// receipt. Consent is deemed only after this moment (art. 8.2.1).
pub fn objection_deadline(received_at: DateTime<Utc>, window_days: u32) -> DateTime<Utc> {
    let last_day = local_date(received_at) + Days::new(window_days.into());
    end_of_local_day(last_day)
}

/// When the customer received the notice: the recorded sending, unless the officer recorded
/// a later receipt.
pub fn receipt(sent_at: DateTime<Utc>, received_at: Option<DateTime<Utc>>) -> DateTime<Utc> {
    received_at.map_or(sent_at, |r| r.max(sent_at))
}

/// Whether `start` lies after the close of a window opened by a receipt at `received_at`.
pub fn start_after_window(received_at: DateTime<Utc>, window_days: u32, start: NaiveDate) -> bool {
    local_date(objection_deadline(received_at, window_days)) < start
}

/// What the customer answered, as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Response {
    /// The customer agreed in writing before the deadline.
    Consented { at: DateTime<Utc> },
    Objected {
        at: DateTime<Utc>,
        reason: String,
        decision: Option<Decision>,
    },
}

/// The officer's decision on an objection (art. 8.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Decision {
    /// Talked through; the customer accepts the change after all.
    Resolved,
    /// The service ends at the intended start date (art. 8.2.2).
    ServiceEnds,
}

impl Decision {
    pub fn code(self) -> &'static str {
        match self {
            Decision::Resolved => "resolved",
            Decision::ServiceEnds => "service_ends",
        }
    }

    pub fn from_code(code: &str) -> Option<Decision> {
        [Decision::Resolved, Decision::ServiceEnds]
            .into_iter()
            .find(|d| d.code() == code)
    }
}

/// Where one customer stands on one announcement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Outcome {
    /// The notice has not been recorded as sent: the window has not started.
    NotSent,
    Pending,
    /// Sent to a customer without a signed agreement: no contract makes its silence consent,
    /// so only its answer counts.
    ConsentRequired,
    Consented,
    /// Silence until the deadline.
    DeemedConsent,
    /// Objected; the officer has not decided yet.
    Objected,
    Resolved,
    ServiceEnds,
}

impl Outcome {
    /// Whether the customer has, by now, accepted the sub-processor.
    pub fn approves(self) -> bool {
        matches!(
            self,
            Outcome::Consented | Outcome::DeemedConsent | Outcome::Resolved
        )
    }
}

/// Where the customer's window stands: not opened, open until a deadline, or without a
/// deadline because no signed agreement makes silence consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    NotSent,
    Until(DateTime<Utc>),
    NoAgreement,
}

/// The outcome for one customer at `now`. Without an answer, consent is deemed only after
/// the deadline (art. 8.2.1), and never without a signed agreement.
pub fn outcome(window: Window, response: Option<&Response>, now: DateTime<Utc>) -> Outcome {
    match (response, window) {
        (Some(Response::Consented { .. }), _) => Outcome::Consented,
        (Some(Response::Objected { decision, .. }), _) => match decision {
            None => Outcome::Objected,
            Some(Decision::Resolved) => Outcome::Resolved,
            Some(Decision::ServiceEnds) => Outcome::ServiceEnds,
        },
        (None, Window::NotSent) => Outcome::NotSent,
        (None, Window::NoAgreement) => Outcome::ConsentRequired,
        (None, Window::Until(deadline)) if now > deadline => Outcome::DeemedConsent,
        (None, Window::Until(_)) => Outcome::Pending,
    }
}

/// An answer as typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ResponseInput {
    pub objected: bool,
    /// `24-11-2026 14:30`
    pub received_at: String,
    /// Required for an objection.
    pub reason: String,
}

/// Checks a typed moment that must lie between the notice's sending and now: the minute the
/// notice was sent in counts, and a date alone means some time that day.
fn moment_since_sending(
    e: &mut Errors,
    field: &str,
    typed: &str,
    sent_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    match parse_moment(typed) {
        _ if typed.trim().is_empty() => {
            e.add(field, FieldCode::Required);
            now
        }
        Ok(m) => {
            let at = m.earliest();
            if at > now {
                e.add(field, FieldCode::InFuture);
            } else if m.latest() + chrono::Duration::seconds(59) < sent_at {
                e.add(field, FieldCode::EndBeforeStart);
            }
            at.max(sent_at)
        }
        Err(code) => {
            e.add(field, code);
            now
        }
    }
}

/// Checks an answer: received after the notice was sent, not in the future, and within the
/// window (an answer after the deadline comes too late: consent was already deemed). Without
/// a signed agreement there is no deadline.
pub fn check_response(
    input: &ResponseInput,
    sent_at: Option<DateTime<Utc>>,
    deadline: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Response, Vec<FieldError>> {
    let Some(sent_at) = sent_at else {
        return Err(vec![FieldError::new(
            "received_at",
            FieldCode::InvalidTransition,
        )]);
    };
    let mut e = Errors::default();
    let at = moment_since_sending(&mut e, "received_at", &input.received_at, sent_at, now);
    if !e.has("received_at") && deadline.is_some_and(|d| at > d) {
        e.add("received_at", FieldCode::AfterDeadline);
    }
    let reason = e.text("reason", &input.reason, input.objected, 5_000);
    e.finish(if input.objected {
        Response::Objected {
            at,
            reason,
            decision: None,
        }
    } else {
        Response::Consented { at }
    })
}

/// Checks a receipt of the notice recorded by the officer: after its sending, not in the
/// future, and only while the customer has not answered.
pub fn check_receipt(
    typed: &str,
    sent_at: Option<DateTime<Utc>>,
    answered: bool,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, Vec<FieldError>> {
    let Some(sent_at) = sent_at.filter(|_| !answered) else {
        return Err(vec![FieldError::new(
            "notice_received_at",
            FieldCode::InvalidTransition,
        )]);
    };
    let mut e = Errors::default();
    let at = moment_since_sending(&mut e, "notice_received_at", typed, sent_at, now);
    e.finish(at)
}

/// One customer's place in an announcement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AnnouncementCustomer {
    pub customer_id: i64,
    pub customer_name: String,
    pub document_id: i64,
    /// When the notice was first recorded as sent.
    pub sent_at: Option<DateTime<Utc>>,
    /// A later receipt the officer recorded; the window runs from the receipt.
    pub received_at: Option<DateTime<Utc>>,
    /// None before sending, and without a signed agreement.
    pub deadline: Option<DateTime<Utc>>,
    pub window_days: u32,
    pub window_from_agreement: bool,
    pub response: Option<Response>,
    pub outcome: Outcome,
    /// The window closes on or after the intended start date (a receipt recorded later than
    /// the sending can push it there).
    pub window_past_start: bool,
    /// The sub-processor keeps data outside the EEA and the customer's approval of the
    /// transfer is not on record.
    pub transfer_unapproved: bool,
}

impl AnnouncementCustomer {
    /// Derives the deadline and outcome at `now` from what is kept.
    #[allow(clippy::too_many_arguments)]
    pub fn at(
        (customer_id, customer_name, document_id): (i64, String, i64),
        (sent_at, received_at): (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
        (window_days, window_from_agreement): (u32, bool),
        intended_start: NaiveDate,
        response: Option<Response>,
        transfer_unapproved: bool,
        now: DateTime<Utc>,
    ) -> AnnouncementCustomer {
        let window = match sent_at {
            None => Window::NotSent,
            Some(_) if !window_from_agreement => Window::NoAgreement,
            Some(sent) => {
                Window::Until(objection_deadline(receipt(sent, received_at), window_days))
            }
        };
        let deadline = match window {
            Window::Until(deadline) => Some(deadline),
            _ => None,
        };
        AnnouncementCustomer {
            outcome: outcome(window, response.as_ref(), now),
            window_past_start: deadline.is_some_and(|d| local_date(d) >= intended_start),
            customer_id,
            customer_name,
            document_id,
            sent_at,
            received_at,
            deadline,
            window_days,
            window_from_agreement,
            response,
            transfer_unapproved,
        }
    }
}

/// A change announcement with every customer's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Announcement {
    pub id: i64,
    pub kind: ChangeKind,
    pub replaces_name: Option<String>,
    pub intended_start: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub customers: Vec<AnnouncementCustomer>,
}

/// A sub-processor's page: the record and its announcements, the latest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SubProcessorDetail {
    pub sub_processor: SubProcessor,
    pub announcements: Vec<Announcement>,
    pub letters: Vec<super::document::DocumentSummary>,
}

/// A register row with how the customers stand on its latest announcement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SubProcessorRow {
    pub sub_processor: SubProcessor,
    pub announced: bool,
    pub approving: u32,
    pub objected: u32,
    pub pending: u32,
}

/// A sub-processor as one customer stands on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerSubProcessor {
    pub sub_processor: SubProcessor,
    /// From the latest announcement that went to the customer; none when the sub-processor
    /// was never announced to it (engaged before its agreement).
    pub outcome: Option<Outcome>,
    pub deadline: Option<DateTime<Utc>>,
    pub transfer_unapproved: bool,
}

impl CustomerSubProcessor {
    /// Approved: announced and accepted, or in place before the customer's agreement.
    pub fn approved(&self) -> bool {
        self.outcome.is_none_or(Outcome::approves)
    }
}

/// What a sub-processor change notice says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChangeNoticeFacts {
    pub head: LetterHead,
    pub kind: ChangeKind,
    pub sub_processor: SubProcessorRecord,
    pub eea: bool,
    pub replaces: Option<SubProcessorRecord>,
    pub intended_start: NaiveDate,
    pub window_days: u32,
    /// False when the customer has no signed agreement and the default window applies.
    pub window_from_agreement: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse_moment;
    use crate::domain::validation::{codes, parse_date};

    fn at(text: &str) -> DateTime<Utc> {
        parse_moment(text).unwrap().earliest()
    }

    /// The last second of a local day, typed the Dutch way.
    fn end_of(day: &str) -> DateTime<Utc> {
        at(&format!("{day} 23:59")) + chrono::Duration::seconds(59)
    }

    #[test]
    fn the_window_closes_at_the_end_of_the_local_day_after_receipt() {
        // Received in summer time, closes at the end of the 14th day, in winter time.
        assert_eq!(
            objection_deadline(at("20-10-2026 10:00"), 14),
            end_of("03-11-2026")
        );
        // The time of receipt does not matter, only its Amsterdam day: 00:30 local on the
        // 21st is still 20 October in UTC.
        assert_eq!(
            objection_deadline(at("21-10-2026 00:30"), 14),
            end_of("04-11-2026")
        );
        assert_eq!(
            objection_deadline(at("20-10-2026 23:59"), 14),
            end_of("03-11-2026")
        );
        // Into summer time, month and year ends, leap day, another window.
        assert_eq!(
            objection_deadline(at("20-03-2026 10:00"), 14),
            end_of("03-04-2026")
        );
        assert_eq!(
            objection_deadline(at("25-12-2026 16:45"), 14),
            end_of("08-01-2027")
        );
        assert_eq!(
            objection_deadline(at("15-02-2028 09:00"), 14),
            end_of("29-02-2028")
        );
        assert_eq!(
            objection_deadline(at("01-11-2026 09:00"), 30),
            end_of("01-12-2026")
        );
        // The day the clocks go back still ends at local midnight.
        assert_eq!(
            objection_deadline(at("11-10-2026 12:00"), 14),
            end_of("25-10-2026")
        );
    }

    #[test]
    fn the_window_runs_from_a_later_receipt_never_an_earlier_one() {
        let sent = at("20-10-2026 10:00");
        assert_eq!(receipt(sent, None), sent);
        assert_eq!(
            receipt(sent, Some(at("22-10-2026 09:00"))),
            at("22-10-2026 09:00")
        );
        assert_eq!(receipt(sent, Some(at("19-10-2026 09:00"))), sent);
        let now = at("24-10-2026 12:00");
        assert_eq!(
            check_receipt("22-10-2026 09:00", Some(sent), false, now),
            Ok(at("22-10-2026 09:00"))
        );
        assert_eq!(
            codes(check_receipt("19-10-2026 09:00", Some(sent), false, now)),
            [("notice_received_at".into(), FieldCode::EndBeforeStart)]
        );
        assert_eq!(
            codes(check_receipt("25-10-2026", Some(sent), false, now)),
            [("notice_received_at".into(), FieldCode::InFuture)]
        );
        for (sent_at, answered) in [(None, false), (Some(sent), true)] {
            assert_eq!(
                codes(check_receipt("22-10-2026", sent_at, answered, now)),
                [("notice_received_at".into(), FieldCode::InvalidTransition)]
            );
        }
    }

    fn customer_at(
        sent: Option<DateTime<Utc>>,
        received: Option<DateTime<Utc>>,
        from_agreement: bool,
        now: DateTime<Utc>,
    ) -> AnnouncementCustomer {
        AnnouncementCustomer::at(
            (1, "Klant".into(), 1),
            (sent, received),
            (14, from_agreement),
            parse_date("05-11-2026").unwrap(),
            None,
            false,
            now,
        )
    }

    #[test]
    fn consent_is_deemed_only_after_the_deadline_and_never_without_an_agreement() {
        let sent = Some(at("20-10-2026 10:00"));
        let deadline = end_of("03-11-2026");
        let second = chrono::Duration::seconds(1);
        let pending = customer_at(sent, None, true, deadline);
        assert_eq!(
            (pending.outcome, pending.deadline),
            (Outcome::Pending, Some(deadline))
        );
        assert!(!pending.window_past_start);
        assert_eq!(
            customer_at(sent, None, true, deadline + second).outcome,
            Outcome::DeemedConsent
        );
        // A later receipt moves the deadline, up to the intended start.
        let late = customer_at(sent, Some(at("23-10-2026 08:00")), true, deadline + second);
        assert_eq!(
            (late.outcome, late.deadline, late.window_past_start),
            (Outcome::Pending, Some(end_of("06-11-2026")), true)
        );
        // Without a signed agreement: no deadline, and silence is never consent.
        let no_agreement = customer_at(sent, None, false, at("01-06-2027 12:00"));
        assert_eq!(
            (no_agreement.outcome, no_agreement.deadline),
            (Outcome::ConsentRequired, None)
        );
        assert!(!Outcome::ConsentRequired.approves());
        assert_eq!(
            customer_at(None, None, true, deadline).outcome,
            Outcome::NotSent
        );
        let objected = Response::Objected {
            at: deadline,
            reason: "x".into(),
            decision: None,
        };
        assert_eq!(
            outcome(Window::Until(deadline), Some(&objected), deadline + second),
            Outcome::Objected
        );
        let ends = Response::Objected {
            at: deadline,
            reason: "x".into(),
            decision: Some(Decision::ServiceEnds),
        };
        assert_eq!(
            outcome(Window::NoAgreement, Some(&ends), deadline),
            Outcome::ServiceEnds
        );
        assert!(!Outcome::ServiceEnds.approves());
        assert!(Outcome::DeemedConsent.approves());
        assert!(!Outcome::Pending.approves());
    }

    #[test]
    fn an_answer_must_fall_inside_the_window() {
        let sent = at("20-10-2026 10:00");
        let deadline = objection_deadline(sent, 14);
        let now = at("24-11-2026 12:00");
        let answer = |received_at: &str, objected: bool, reason: &str| ResponseInput {
            objected,
            received_at: received_at.into(),
            reason: reason.into(),
        };
        // The last minute of the last day is still inside.
        assert_eq!(
            check_response(
                &answer("03-11-2026 23:59", true, "Geen EER"),
                Some(sent),
                Some(deadline),
                now
            ),
            Ok(Response::Objected {
                at: at("03-11-2026 23:59"),
                reason: "Geen EER".into(),
                decision: None
            })
        );
        assert_eq!(
            codes(check_response(
                &answer("04-11-2026 00:00", true, ""),
                Some(sent),
                Some(deadline),
                now
            )),
            [
                ("received_at".into(), FieldCode::AfterDeadline),
                ("reason".into(), FieldCode::Required)
            ]
        );
        assert_eq!(
            codes(check_response(
                &answer("19-10-2026", false, ""),
                Some(sent),
                Some(deadline),
                now
            )),
            [("received_at".into(), FieldCode::EndBeforeStart)]
        );
        // Answered in the minute it was sent (sent at 10:00:40, typed 10:00): accepted.
        let sent_late = sent + chrono::Duration::seconds(40);
        assert!(check_response(
            &answer("20-10-2026 10:00", false, ""),
            Some(sent_late),
            Some(objection_deadline(sent_late, 14)),
            now
        )
        .is_ok_and(|r| r == Response::Consented { at: sent_late }));
        // Sent that day, answered "on the 20th" without a time: accepted.
        assert!(check_response(
            &answer("20-10-2026", false, ""),
            Some(sent),
            Some(deadline),
            now
        )
        .is_ok());
        assert_eq!(
            codes(check_response(
                &answer("20-10-2026", false, ""),
                None,
                None,
                now
            )),
            [("received_at".into(), FieldCode::InvalidTransition)]
        );
        // Without a signed agreement there is no deadline: a late answer still counts.
        assert!(check_response(
            &answer("20-11-2026 09:00", false, ""),
            Some(sent),
            None,
            now
        )
        .is_ok());
    }

    #[test]
    fn the_register_checks_country_dates_and_derives_status() {
        let input = SubProcessorInput {
            name: " Rekenwolk GmbH ".into(),
            activities: "Hosting".into(),
            country: "de".into(),
            start_date: "01-12-2026".into(),
            end_date: "".into(),
            contract_reference: "".into(),
        };
        let record = check_sub_processor(&input).unwrap();
        assert_eq!(
            (record.name.as_str(), record.country.as_str()),
            ("Rekenwolk GmbH", "DE")
        );
        let day = |s: &str| parse_date(s).unwrap();
        assert_eq!(
            sub_processor_status(&record, day("30-11-2026")),
            SubProcessorStatus::Planned
        );
        assert_eq!(
            sub_processor_status(&record, day("01-12-2026")),
            SubProcessorStatus::Active
        );
        let ended = SubProcessorRecord {
            end_date: Some(day("31-12-2026")),
            ..record
        };
        assert_eq!(
            sub_processor_status(&ended, day("01-01-2027")),
            SubProcessorStatus::Ended
        );
        let wrong = SubProcessorInput {
            country: "XX".into(),
            end_date: "30-11-2026".into(),
            name: "".into(),
            ..input
        };
        assert_eq!(
            codes(check_sub_processor(&wrong)),
            [
                ("country".into(), FieldCode::UnknownCountry),
                ("end_date".into(), FieldCode::EndBeforeStart),
                ("name".into(), FieldCode::Required),
            ]
        );
    }

    #[test]
    fn an_announcement_leaves_the_window_before_the_start() {
        let now = at("24-11-2026 12:00");
        let input = |start: &str, kind: ChangeKind, replaces: Option<i64>| AnnouncementInput {
            sub_processor_id: 1,
            kind,
            replaces_id: replaces,
            intended_start: start.into(),
        };
        // Received today, the window closes at the end of 8 December: the start lies after.
        assert!(
            check_announcement(&input("09-12-2026", ChangeKind::Add, Some(2)), 14, now)
                .is_ok_and(|a| a.replaces_id.is_none())
        );
        assert_eq!(
            codes(check_announcement(
                &input("08-12-2026", ChangeKind::Replace, None),
                14,
                now
            )),
            [
                ("intended_start".into(), FieldCode::WithinNoticePeriod),
                ("replaces_id".into(), FieldCode::Required)
            ]
        );
        assert_eq!(
            codes(check_announcement(
                &input("", ChangeKind::Replace, Some(1)),
                14,
                now
            )),
            [
                ("intended_start".into(), FieldCode::Required),
                ("replaces_id".into(), FieldCode::InvalidTransition)
            ]
        );
    }
}
