//! Disclosure requests (art. 3.2): an authority demands customer data on a legal ground. The
//! processor verifies the ground and the requester's identity before anything is disclosed,
//! and tells each customer concerned at once, before the disclosure where the law allows;
//! where the law forbids telling, the customer is *legally barred* and the reason is kept.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::document::{DocumentKind, DocumentSummary};
use super::letter::LetterHead;
use super::time::local_date;
use super::validation::{Errors, FieldCode, FieldError};

/// Tells the customer of a legal demand to disclose its data, and of the disclosure (art. 3.2).
pub const NOTICE: DocumentKind = DocumentKind::new(
    "disclosure_notice",
    "verstrekkingsverzoek",
    "disclosure-request",
);

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DisclosureOutcome {
    /// Received; being verified or waiting for the customer.
    #[default]
    Pending,
    Disclosed,
    /// Not disclosed: the ground or the identity did not hold, or the demand was withdrawn.
    Declined,
}

impl DisclosureOutcome {
    pub fn code(self) -> &'static str {
        match self {
            DisclosureOutcome::Pending => "pending",
            DisclosureOutcome::Disclosed => "disclosed",
            DisclosureOutcome::Declined => "declined",
        }
    }

    pub fn from_code(code: &str) -> Option<DisclosureOutcome> {
        [
            DisclosureOutcome::Pending,
            DisclosureOutcome::Disclosed,
            DisclosureOutcome::Declined,
        ]
        .into_iter()
        .find(|o| o.code() == code)
    }
}

/// A customer concerned, as typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ConcernedInput {
    pub customer_id: i64,
    /// `24-11-2026 14:30`, empty while the customer was not told.
    pub informed_at: String,
    pub legally_barred: bool,
    /// The law or order that forbids telling the customer.
    pub barred_reason: String,
}

/// A customer concerned, as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Concerned {
    pub customer_id: i64,
    pub informed_at: Option<DateTime<Utc>>,
    pub legally_barred: bool,
    pub barred_reason: String,
}

/// A request as typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DisclosureInput {
    /// The authority that demands the data: police, FIOD, a court, ...
    pub authority: String,
    /// Its case number or the letter's reference.
    pub reference: String,
    pub received_at: String,
    /// The date by which the authority wants an answer, if it set one.
    pub respond_by: String,
    /// The statutory provision or order the demand rests on.
    pub legal_basis: String,
    pub basis_verified: bool,
    /// Who made the demand, by name and office.
    pub requester: String,
    pub identity_verified: bool,
    /// How the ground and the identity were checked.
    pub verification: String,
    /// What data is demanded.
    pub data_requested: String,
    pub customers: Vec<ConcernedInput>,
    pub outcome: DisclosureOutcome,
    pub disclosed_at: String,
    /// What was handed over, and how.
    pub disclosed_what: String,
    pub declined_reason: String,
}

/// A request as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DisclosureRecord {
    pub authority: String,
    pub reference: String,
    pub received_at: DateTime<Utc>,
    pub respond_by: Option<NaiveDate>,
    pub legal_basis: String,
    pub basis_verified: bool,
    pub requester: String,
    pub identity_verified: bool,
    pub verification: String,
    pub data_requested: String,
    pub customers: Vec<Concerned>,
    pub outcome: DisclosureOutcome,
    pub disclosed_at: Option<DateTime<Utc>>,
    pub disclosed_what: String,
    pub declined_reason: String,
}

/// Reads an optional moment that has passed and did not come before `after`.
fn moment_after(
    e: &mut Errors,
    field: &str,
    value: &str,
    after: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    if value.trim().is_empty() {
        return None;
    }
    let moment = e.past_moment(field, value, now)?;
    if after.is_some_and(|a| moment < a) {
        e.add(field, FieldCode::EndBeforeStart);
        return None;
    }
    Some(moment)
}

/// Checks a request. A disclosure needs the ground and the identity verified, what was
/// disclosed, and every customer concerned either informed or legally barred with its reason.
pub fn check_disclosure(
    input: &DisclosureInput,
    now: DateTime<Utc>,
) -> Result<DisclosureRecord, Vec<FieldError>> {
    let mut e = Errors::default();
    let authority = e.text("authority", &input.authority, true, 200);
    let reference = e.text("reference", &input.reference, false, 200);
    let received_at = e.past_moment("received_at", &input.received_at, now);
    let respond_by = e.date("respond_by", &input.respond_by);
    if let (Some(by), Some(received)) = (respond_by, received_at) {
        if by < local_date(received) {
            e.add("respond_by", FieldCode::EndBeforeStart);
        }
    }
    let legal_basis = e.text("legal_basis", &input.legal_basis, true, 2_000);
    let requester = e.text("requester", &input.requester, true, 500);
    let verification = e.text("verification", &input.verification, false, 2_000);
    let data_requested = e.text("data_requested", &input.data_requested, true, 5_000);
    let disclosing = input.outcome == DisclosureOutcome::Disclosed;

    if input.customers.is_empty() {
        e.add("customers", FieldCode::NoCustomers);
    }
    let mut customers: Vec<Concerned> = Vec::new();
    for (i, c) in input.customers.iter().enumerate() {
        if customers.iter().any(|k| k.customer_id == c.customer_id) {
            e.add(&format!("customers.{i}"), FieldCode::DuplicateLabel);
        }
        let informed_field = format!("customers.{i}.informed_at");
        let informed_at = moment_after(&mut e, &informed_field, &c.informed_at, received_at, now);
        let barred_reason = e.text(
            &format!("customers.{i}.barred_reason"),
            &c.barred_reason,
            c.legally_barred,
            2_000,
        );
        if disclosing && !c.legally_barred && c.informed_at.trim().is_empty() {
            e.add(&informed_field, FieldCode::CustomerNotInformed);
        }
        customers.push(Concerned {
            customer_id: c.customer_id,
            informed_at,
            legally_barred: c.legally_barred,
            barred_reason: if c.legally_barred {
                barred_reason
            } else {
                String::new()
            },
        });
    }

    let disclosed_at = if disclosing {
        if !input.basis_verified {
            e.add("basis_verified", FieldCode::NotVerified);
        }
        if !input.identity_verified {
            e.add("identity_verified", FieldCode::NotVerified);
        }
        if input.disclosed_at.trim().is_empty() {
            e.add("disclosed_at", FieldCode::Required);
        }
        moment_after(
            &mut e,
            "disclosed_at",
            &input.disclosed_at,
            received_at,
            now,
        )
    } else {
        None
    };
    let disclosed_what = e.text("disclosed_what", &input.disclosed_what, disclosing, 5_000);
    let declining = input.outcome == DisclosureOutcome::Declined;
    let declined_reason = e.text("declined_reason", &input.declined_reason, declining, 5_000);

    e.finish(DisclosureRecord {
        authority,
        reference,
        received_at: received_at.unwrap_or(now),
        respond_by,
        legal_basis,
        basis_verified: input.basis_verified,
        requester,
        identity_verified: input.identity_verified,
        verification,
        data_requested,
        customers,
        outcome: input.outcome,
        disclosed_at,
        disclosed_what: if disclosing {
            disclosed_what
        } else {
            String::new()
        },
        declined_reason: if declining {
            declined_reason
        } else {
            String::new()
        },
    })
}

/// Where a customer concerned stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InformedStatus {
    /// Still to be told: the agreement asks for at once.
    ToInform,
    /// Told before the disclosure, or while nothing was disclosed yet.
    Informed,
    /// Told only after the disclosure.
    InformedAfterDisclosure,
    /// The law forbids telling the customer.
    LegallyBarred,
}

/// Whether and when the customer was told, measured against the disclosure.
pub fn informed_status(
    concerned: &Concerned,
    disclosed_at: Option<DateTime<Utc>>,
) -> InformedStatus {
    match (
        concerned.legally_barred,
        concerned.informed_at,
        disclosed_at,
    ) {
        (_, Some(informed), Some(disclosed)) if informed > disclosed => {
            InformedStatus::InformedAfterDisclosure
        }
        (_, Some(_), _) => InformedStatus::Informed,
        (true, None, _) => InformedStatus::LegallyBarred,
        (false, None, _) => InformedStatus::ToInform,
    }
}

/// A customer concerned as the request's page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConcernedCustomer {
    #[serde(flatten)]
    pub concerned: Concerned,
    pub customer_name: String,
    pub status: InformedStatus,
    pub letters: Vec<DocumentSummary>,
}

/// A request as lists and pages show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Disclosure {
    pub id: i64,
    /// `2026-001`, numbered within the year of receipt.
    pub number: String,
    #[serde(flatten)]
    pub record: DisclosureRecord,
    pub concerned: Vec<ConcernedCustomer>,
}

impl Disclosure {
    /// The request as one customer may see it: its own line only, and nothing at all when
    /// the law forbids telling it (or it is not concerned).
    pub fn as_seen_by(self, customer_id: i64) -> Option<Disclosure> {
        let own = self
            .concerned
            .into_iter()
            .find(|c| c.concerned.customer_id == customer_id)?;
        if own.status == InformedStatus::LegallyBarred {
            return None;
        }
        Some(Disclosure {
            record: DisclosureRecord {
                customers: vec![own.concerned.clone()],
                ..self.record
            },
            concerned: vec![ConcernedCustomer {
                letters: Vec::new(),
                ..own
            }],
            ..self
        })
    }
}

/// What the notice of a disclosure request says to one customer: the request without the
/// other customers it concerns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DisclosureNoticeFacts {
    pub head: LetterHead,
    pub number: String,
    pub request: DisclosureRecord,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse_moment;
    use crate::domain::validation::codes;

    fn at(text: &str) -> DateTime<Utc> {
        parse_moment(text).unwrap().earliest()
    }

    fn customer(id: i64) -> ConcernedInput {
        ConcernedInput {
            customer_id: id,
            ..Default::default()
        }
    }

    fn input() -> DisclosureInput {
        DisclosureInput {
            authority: "Politie Eenheid Oost-Nederland".into(),
            received_at: "16-11-2026 10:00".into(),
            legal_basis: "Vordering verstrekking gegevens, art. 126nd Sv".into(),
            requester: "Officier van justitie mr. J. de Wit".into(),
            data_requested: "Inloggegevens van één gebruiker over oktober 2026".into(),
            customers: vec![customer(1), customer(2)],
            ..Default::default()
        }
    }

    #[test]
    fn a_request_says_who_asks_on_what_ground_for_what_and_for_whom() {
        let now = at("24-11-2026 12:00");
        let record = check_disclosure(&input(), now).unwrap();
        assert_eq!(record.outcome, DisclosureOutcome::Pending);
        assert_eq!(record.customers.len(), 2);
        assert_eq!(
            codes(check_disclosure(&DisclosureInput::default(), now)),
            [
                ("authority".into(), FieldCode::Required),
                ("received_at".into(), FieldCode::Required),
                ("legal_basis".into(), FieldCode::Required),
                ("requester".into(), FieldCode::Required),
                ("data_requested".into(), FieldCode::Required),
                ("customers".into(), FieldCode::NoCustomers),
            ]
        );
        let twice = DisclosureInput {
            customers: vec![customer(1), customer(1)],
            respond_by: "15-11-2026".into(),
            ..input()
        };
        assert_eq!(
            codes(check_disclosure(&twice, now)),
            [
                ("respond_by".into(), FieldCode::EndBeforeStart),
                ("customers.1".into(), FieldCode::DuplicateLabel),
            ]
        );
    }

    #[test]
    fn nothing_is_disclosed_before_ground_identity_and_customers_are_settled() {
        let now = at("24-11-2026 12:00");
        let unverified = DisclosureInput {
            outcome: DisclosureOutcome::Disclosed,
            ..input()
        };
        assert_eq!(
            codes(check_disclosure(&unverified, now)),
            [
                (
                    "customers.0.informed_at".into(),
                    FieldCode::CustomerNotInformed
                ),
                (
                    "customers.1.informed_at".into(),
                    FieldCode::CustomerNotInformed
                ),
                ("basis_verified".into(), FieldCode::NotVerified),
                ("identity_verified".into(), FieldCode::NotVerified),
                ("disclosed_at".into(), FieldCode::Required),
                ("disclosed_what".into(), FieldCode::Required),
            ]
        );
        let barred_without_reason = DisclosureInput {
            basis_verified: true,
            identity_verified: true,
            disclosed_at: "20-11-2026 15:00".into(),
            disclosed_what: "Logbestand oktober 2026, versleuteld per koerier".into(),
            customers: vec![
                ConcernedInput {
                    informed_at: "17-11-2026 09:00".into(),
                    ..customer(1)
                },
                ConcernedInput {
                    legally_barred: true,
                    ..customer(2)
                },
            ],
            ..unverified
        };
        assert_eq!(
            codes(check_disclosure(&barred_without_reason, now)),
            [("customers.1.barred_reason".into(), FieldCode::Required)]
        );
        let mut done = barred_without_reason;
        done.customers[1].barred_reason = "Verstrekkingsverbod in de vordering".into();
        let record = check_disclosure(&done, now).unwrap();
        assert_eq!(record.disclosed_at, Some(at("20-11-2026 15:00")));
        assert_eq!(
            informed_status(&record.customers[0], record.disclosed_at),
            InformedStatus::Informed
        );
        assert_eq!(
            informed_status(&record.customers[1], record.disclosed_at),
            InformedStatus::LegallyBarred
        );
    }

    #[test]
    fn moments_follow_the_receipt_and_have_passed() {
        let now = at("24-11-2026 12:00");
        let mut wrong = DisclosureInput {
            outcome: DisclosureOutcome::Disclosed,
            basis_verified: true,
            identity_verified: true,
            disclosed_at: "15-11-2026 09:00".into(),
            disclosed_what: "Logbestand".into(),
            customers: vec![ConcernedInput {
                informed_at: "25-11-2026 09:00".into(),
                ..customer(1)
            }],
            ..input()
        };
        assert_eq!(
            codes(check_disclosure(&wrong, now)),
            [
                ("customers.0.informed_at".into(), FieldCode::InFuture),
                ("disclosed_at".into(), FieldCode::EndBeforeStart),
            ]
        );
        wrong.customers[0].informed_at = "21-11-2026 09:00".into();
        wrong.disclosed_at = "20-11-2026 15:00".into();
        let record = check_disclosure(&wrong, now).unwrap();
        assert_eq!(
            informed_status(&record.customers[0], record.disclosed_at),
            InformedStatus::InformedAfterDisclosure
        );
    }

    #[test]
    fn a_customer_sees_its_own_line_and_nothing_it_is_barred_from() {
        let now = at("24-11-2026 12:00");
        let mut input = input();
        input.customers[1].legally_barred = true;
        input.customers[1].barred_reason = "Verstrekkingsverbod".into();
        let record = check_disclosure(&input, now).unwrap();
        let concerned = record
            .customers
            .iter()
            .map(|c| ConcernedCustomer {
                concerned: c.clone(),
                customer_name: format!("Klant {}", c.customer_id),
                status: informed_status(c, None),
                letters: Vec::new(),
            })
            .collect();
        let request = Disclosure {
            id: 1,
            number: "2026-001".into(),
            record,
            concerned,
        };
        let seen = request.clone().as_seen_by(1).unwrap();
        assert_eq!(seen.record.customers.len(), 1);
        assert_eq!(seen.concerned[0].customer_name, "Klant 1");
        assert_eq!(request.clone().as_seen_by(2), None, "barred");
        assert_eq!(request.as_seen_by(3), None, "not concerned");
    }

    #[test]
    fn a_declined_request_says_why_and_keeps_no_disclosure() {
        let now = at("24-11-2026 12:00");
        let declined = DisclosureInput {
            outcome: DisclosureOutcome::Declined,
            disclosed_at: "20-11-2026 15:00".into(),
            disclosed_what: "x".into(),
            ..input()
        };
        assert_eq!(
            codes(check_disclosure(&declined, now)),
            [("declined_reason".into(), FieldCode::Required)]
        );
        let record = check_disclosure(
            &DisclosureInput {
                declined_reason: "Geen wettelijke grondslag voor de vordering".into(),
                ..declined
            },
            now,
        )
        .unwrap();
        assert_eq!(record.disclosed_at, None);
        assert_eq!(record.disclosed_what, "");
        assert_eq!(
            informed_status(&record.customers[0], None),
            InformedStatus::ToInform
        );
    }
}
