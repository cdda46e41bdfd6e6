//! The end of a customer's service (art. 10.4): at the end the data is erased, unless the
//! customer asked in time, at its own cost, for it to be transferred instead.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::document::DocumentKind;
use super::letter::LetterHead;
use super::validation::{Errors, FieldCode, FieldError};

/// Confirms that the customer's data was erased or transferred (art. 10.4).
pub const CONFIRMATION: DocumentKind = DocumentKind::new(
    "service_end_confirmation",
    "einde-dienst-bevestiging",
    "end-of-service-confirmation",
);

/// What happens to the customer's data at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EndChoice {
    #[default]
    Erase,
    /// Transferred to the customer or a party it names, then erased.
    Transfer,
}

impl EndChoice {
    pub fn code(self) -> &'static str {
        match self {
            EndChoice::Erase => "erase",
            EndChoice::Transfer => "transfer",
        }
    }

    pub fn from_code(code: &str) -> Option<EndChoice> {
        [EndChoice::Erase, EndChoice::Transfer]
            .into_iter()
            .find(|c| c.code() == code)
    }
}

/// The end of service as typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ServiceEndInput {
    /// The last day of the service: `31-12-2026`.
    pub service_end: String,
    pub choice: EndChoice,
    /// For a transfer: what, to whom, in which form.
    pub transfer_what: String,
    /// When the customer asked for the transfer.
    pub requested_on: String,
    /// When the data was erased (after a transfer: transferred and erased).
    pub done_on: String,
    /// Why the service ends.
    pub reason: String,
}

/// The end of service as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ServiceEndRecord {
    pub service_end: NaiveDate,
    pub choice: EndChoice,
    pub transfer_what: String,
    pub requested_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub reason: String,
}

/// Checks the form: the end date, what a transfer covers and when it was asked for, and a
/// completion that has happened and not before the request.
pub fn check_service_end(
    input: &ServiceEndInput,
    today: NaiveDate,
) -> Result<ServiceEndRecord, Vec<FieldError>> {
    let mut e = Errors::default();
    let service_end = e.date("service_end", &input.service_end);
    if service_end.is_none() && !e.has("service_end") {
        e.add("service_end", FieldCode::Required);
    }
    let transfer = input.choice == EndChoice::Transfer;
    let requested_on = e.date("requested_on", &input.requested_on);
    if transfer && requested_on.is_none() && !e.has("requested_on") {
        e.add("requested_on", FieldCode::Required);
    }
    if requested_on.is_some_and(|d| d > today) {
        e.add("requested_on", FieldCode::InFuture);
    }
    let done_on = e.date("done_on", &input.done_on);
    match (done_on, requested_on) {
        (Some(done), _) if done > today => e.add("done_on", FieldCode::InFuture),
        (Some(done), Some(requested)) if done < requested => {
            e.add("done_on", FieldCode::EndBeforeStart)
        }
        _ => {}
    }
    let record = ServiceEndRecord {
        service_end: service_end.unwrap_or_default(),
        choice: input.choice,
        transfer_what: e.text("transfer_what", &input.transfer_what, transfer, 2_000),
        requested_on: if transfer { requested_on } else { None },
        done_on,
        reason: e.text("reason", &input.reason, false, 2_000),
    };
    e.finish(record)
}

/// Whether a transfer was asked for in time: on or before the last day of the service.
pub fn requested_in_time(record: &ServiceEndRecord) -> Option<bool> {
    record.requested_on.map(|d| d <= record.service_end)
}

/// A customer's end of service as lists and its page show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ServiceEnd {
    pub customer_id: i64,
    pub customer_name: String,
    #[serde(flatten)]
    pub record: ServiceEndRecord,
    pub in_time: Option<bool>,
    /// What the confirmation still needs.
    pub missing_for_confirmation: Vec<FieldError>,
    pub letters: Vec<super::document::DocumentSummary>,
}

impl ServiceEnd {
    pub fn view(
        customer_id: i64,
        customer_name: String,
        record: ServiceEndRecord,
        letters: Vec<super::document::DocumentSummary>,
    ) -> ServiceEnd {
        let mut missing = Vec::new();
        if record.done_on.is_none() {
            missing.push(FieldError::new("done_on", FieldCode::Required));
        }
        ServiceEnd {
            customer_id,
            customer_name,
            in_time: requested_in_time(&record),
            missing_for_confirmation: missing,
            record,
            letters,
        }
    }
}

/// What the confirmation of the end of service says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ServiceEndFacts {
    pub head: LetterHead,
    pub end: ServiceEndRecord,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::{codes, parse_date};

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn a_transfer_says_what_and_when_it_was_asked_for() {
        let today = day("24-11-2026");
        let input = ServiceEndInput {
            service_end: "31-12-2026".into(),
            choice: EndChoice::Transfer,
            ..Default::default()
        };
        assert_eq!(
            codes(check_service_end(&input, today)),
            [
                ("requested_on".into(), FieldCode::Required),
                ("transfer_what".into(), FieldCode::Required),
            ]
        );
        let complete = ServiceEndInput {
            transfer_what: "Alle dossiers als CSV naar de nieuwe leverancier".into(),
            requested_on: "20-11-2026".into(),
            ..input.clone()
        };
        let record = check_service_end(&complete, today).unwrap();
        assert_eq!(requested_in_time(&record), Some(true));
        let late = ServiceEndRecord {
            requested_on: Some(day("02-01-2027")),
            ..record
        };
        assert_eq!(requested_in_time(&late), Some(false));
    }

    #[test]
    fn erasure_is_done_after_the_request_and_not_in_the_future() {
        let today = day("24-11-2026");
        let erase = ServiceEndInput {
            service_end: "31-10-2026".into(),
            done_on: "25-11-2026".into(),
            transfer_what: "ignored".into(),
            requested_on: "01-10-2026".into(),
            ..Default::default()
        };
        assert_eq!(
            codes(check_service_end(&erase, today)),
            [("done_on".into(), FieldCode::InFuture)]
        );
        let record = check_service_end(
            &ServiceEndInput {
                done_on: "02-11-2026".into(),
                ..erase
            },
            today,
        )
        .unwrap();
        assert_eq!(
            (record.requested_on, record.done_on),
            (None, Some(day("02-11-2026")))
        );
        let before = ServiceEndInput {
            service_end: "31-12-2026".into(),
            choice: EndChoice::Transfer,
            transfer_what: "x".into(),
            requested_on: "20-11-2026".into(),
            done_on: "19-11-2026".into(),
            ..Default::default()
        };
        assert_eq!(
            codes(check_service_end(&before, today)),
            [("done_on".into(), FieldCode::EndBeforeStart)]
        );
        assert_eq!(
            codes(check_service_end(&ServiceEndInput::default(), today)),
            [("service_end".into(), FieldCode::Required)]
        );
    }
}
