//! Transfers outside the EEA (art. 2.5): per customer, the transfers it approved, on which
//! basis of GDPR chapter V; a sub-processor outside the EEA without one is a gap.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::country::country;
use super::validation::{Errors, FieldCode, FieldError};

/// The basis of a transfer under GDPR chapter V.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TransferMechanism {
    /// An adequacy decision of the European Commission (art. 45).
    #[default]
    Adequacy,
    /// Standard contractual clauses (art. 46(2)(c)).
    StandardContractualClauses,
    /// Binding corporate rules (art. 47).
    BindingCorporateRules,
    Other,
}

impl TransferMechanism {
    pub fn code(self) -> &'static str {
        match self {
            TransferMechanism::Adequacy => "adequacy",
            TransferMechanism::StandardContractualClauses => "standard_contractual_clauses",
            TransferMechanism::BindingCorporateRules => "binding_corporate_rules",
            TransferMechanism::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<TransferMechanism> {
        [
            TransferMechanism::Adequacy,
            TransferMechanism::StandardContractualClauses,
            TransferMechanism::BindingCorporateRules,
            TransferMechanism::Other,
        ]
        .into_iter()
        .find(|m| m.code() == code)
    }
}

/// An approval as typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct TransferInput {
    pub customer_id: i64,
    /// The sub-processor the transfer goes to, when it is one.
    pub sub_processor_id: Option<i64>,
    pub recipient: String,
    /// ISO code of the country outside the EEA.
    pub country: String,
    pub mechanism: TransferMechanism,
    /// Which clauses, which decision, or what else.
    pub mechanism_detail: String,
    /// `24-11-2026`
    pub approved_on: String,
    /// Where the approval is: a letter, an e-mail, a contract annex.
    pub reference: String,
}

/// An approval as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TransferRecord {
    pub customer_id: i64,
    pub sub_processor_id: Option<i64>,
    pub recipient: String,
    pub country: String,
    pub mechanism: TransferMechanism,
    pub mechanism_detail: String,
    pub approved_on: NaiveDate,
    pub reference: String,
}

/// Checks an approval: a country outside the EEA, a recipient, the basis (explained when
/// it is *other*), and a date that has passed.
pub fn check_transfer(
    input: &TransferInput,
    today: NaiveDate,
) -> Result<TransferRecord, Vec<FieldError>> {
    let mut e = Errors::default();
    let code = e
        .text("country", &input.country, true, 2)
        .to_ascii_uppercase();
    match country(&code) {
        None if !code.is_empty() => e.add("country", FieldCode::UnknownCountry),
        Some(c) if c.eea => e.add("country", FieldCode::InsideEea),
        _ => {}
    }
    let approved_on = e.date("approved_on", &input.approved_on);
    match approved_on {
        None if !e.has("approved_on") => e.add("approved_on", FieldCode::Required),
        Some(date) if date > today => e.add("approved_on", FieldCode::InFuture),
        _ => {}
    }
    let other = input.mechanism == TransferMechanism::Other;
    let record = TransferRecord {
        customer_id: input.customer_id,
        sub_processor_id: input.sub_processor_id,
        recipient: e.text("recipient", &input.recipient, true, 200),
        country: code,
        mechanism: input.mechanism,
        mechanism_detail: e.text("mechanism_detail", &input.mechanism_detail, other, 2_000),
        approved_on: approved_on.unwrap_or_default(),
        reference: e.text("reference", &input.reference, false, 200),
    };
    e.finish(record)
}

/// Checks the end of an approval: not before it was given, not in the future.
pub fn check_withdrawal(
    approved_on: NaiveDate,
    typed: &str,
    today: NaiveDate,
) -> Result<NaiveDate, Vec<FieldError>> {
    let mut e = Errors::default();
    let date = e.date("withdrawn_on", typed);
    match date {
        None if !e.has("withdrawn_on") => e.add("withdrawn_on", FieldCode::Required),
        Some(d) if d > today => e.add("withdrawn_on", FieldCode::InFuture),
        Some(d) if d < approved_on => e.add("withdrawn_on", FieldCode::EndBeforeStart),
        _ => {}
    }
    e.finish(date.unwrap_or(today))
}

/// An approval as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Transfer {
    pub id: i64,
    pub customer_name: String,
    #[serde(flatten)]
    pub record: TransferRecord,
    pub withdrawn_on: Option<NaiveDate>,
}

/// A sub-processor outside the EEA working for a customer without its approval on record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TransferGap {
    pub customer_id: i64,
    pub customer_name: String,
    pub sub_processor_id: i64,
    pub sub_processor_name: String,
    pub country: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::{codes, parse_date};

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    fn input() -> TransferInput {
        TransferInput {
            customer_id: 1,
            sub_processor_id: Some(2),
            recipient: " Rekenwolk Inc. ".into(),
            country: "us".into(),
            mechanism: TransferMechanism::StandardContractualClauses,
            mechanism_detail: "Module 3".into(),
            approved_on: "20-11-2026".into(),
            reference: "Brief 2026-11".into(),
        }
    }

    #[test]
    fn an_approval_is_for_a_country_outside_the_eea_on_a_basis() {
        let today = day("24-11-2026");
        let record = check_transfer(&input(), today).unwrap();
        assert_eq!(
            (record.country.as_str(), record.recipient.as_str()),
            ("US", "Rekenwolk Inc.")
        );
        assert_eq!(record.approved_on, day("20-11-2026"));
        let inside = TransferInput {
            country: "DE".into(),
            approved_on: "25-11-2026".into(),
            mechanism: TransferMechanism::Other,
            mechanism_detail: String::new(),
            recipient: String::new(),
            ..input()
        };
        assert_eq!(
            codes(check_transfer(&inside, today)),
            [
                ("country".into(), FieldCode::InsideEea),
                ("approved_on".into(), FieldCode::InFuture),
                ("recipient".into(), FieldCode::Required),
                ("mechanism_detail".into(), FieldCode::Required),
            ]
        );
        let unknown = TransferInput {
            country: "XX".into(),
            approved_on: String::new(),
            ..input()
        };
        assert_eq!(
            codes(check_transfer(&unknown, today)),
            [
                ("country".into(), FieldCode::UnknownCountry),
                ("approved_on".into(), FieldCode::Required),
            ]
        );
    }

    #[test]
    fn a_withdrawal_falls_between_the_approval_and_today() {
        let (approved, today) = (day("20-11-2026"), day("24-11-2026"));
        assert_eq!(
            check_withdrawal(approved, "22-11-2026", today),
            Ok(day("22-11-2026"))
        );
        assert_eq!(
            codes(check_withdrawal(approved, "19-11-2026", today)),
            [("withdrawn_on".into(), FieldCode::EndBeforeStart)]
        );
        assert_eq!(
            codes(check_withdrawal(approved, "25-11-2026", today)),
            [("withdrawn_on".into(), FieldCode::InFuture)]
        );
        assert_eq!(
            codes(check_withdrawal(approved, "", today)),
            [("withdrawn_on".into(), FieldCode::Required)]
        );
    }
}
