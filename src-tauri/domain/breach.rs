//! The facts of a personal data breach that art. 6.2 of the agreement asks for and that the
//! customer needs for its own report to the AP: as typed in the wizard (a draft, kept even
//! when incomplete or wrong) and as checked for a notice.
//!
//! Facts that hold for the whole incident are typed once; the facts about data subjects and
//! data are typed once for all customers and may be overridden per customer.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::country::{country, COUNTRIES};
use super::severity::{Severity, SeverityInput};
use super::time::{parse_moment, Moment};
use super::validation::{Errors, FieldCode, FieldError};

const SHORT: usize = 200;
const LONG: usize = 5_000;
/// More people than live on earth is a typing error.
const MAX_COUNT: u64 = 10_000_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Answer {
    Yes,
    No,
    #[default]
    Unknown,
}

impl Answer {
    pub fn code(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Unknown => "unknown",
        }
    }

    pub fn from_code(code: &str) -> Answer {
        match code {
            "yes" => Answer::Yes,
            "no" => Answer::No,
            _ => Answer::Unknown,
        }
    }
}

/// When the breach happened, as far as known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Occurrence {
    /// At one moment (`occurred_from`).
    At,
    /// During a period (`occurred_from` to `occurred_to`; no end while it goes on).
    Period,
    #[default]
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IncidentKind {
    HackingMalware,
    Phishing,
    LostStolenDevice,
    LostStolenPaper,
    WronglySent,
    PublishedByMistake,
    Other,
}

/// What happened to the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Nature {
    Read,
    Copied,
    Changed,
    DeletedDestroyed,
    Stolen,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SubjectCategory {
    Employees,
    Clients,
    Patients,
    Students,
    Children,
    Users,
    JobApplicants,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DataKind {
    NameAddress,
    Phone,
    Email,
    LoginData,
    Financial,
    CitizenServiceNumber,
    IdentityDocuments,
    SexBirthAge,
    Health,
    Religion,
    Race,
    Politics,
    SexLife,
    TradeUnion,
    CriminalRecords,
    Other,
}

impl DataKind {
    /// The GDPR article that protects this kind of data on its own terms: 9 for the special
    /// categories, 10 for criminal-offence data (which is not a special category).
    pub fn gdpr_article(self) -> Option<u8> {
        match self {
            DataKind::Health
            | DataKind::Religion
            | DataKind::Race
            | DataKind::Politics
            | DataKind::SexLife
            | DataKind::TradeUnion => Some(9),
            DataKind::CriminalRecords => Some(10),
            _ => None,
        }
    }
}

/// Whether the data was unintelligible to whoever got it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Protection {
    NotProtected,
    Encrypted,
    Hashed,
    OtherwiseUnintelligible,
    #[default]
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Consequence {
    IdentityFraud,
    FinancialLoss,
    Discrimination,
    ReputationalDamage,
    LossOfConfidentiality,
    /// Recital 85 GDPR: loss of control over their personal data.
    LossOfControl,
    /// Recital 85 GDPR: limitation of their rights.
    LimitationOfRights,
    /// Recital 85 GDPR: unauthorised reversal of pseudonymisation.
    ReversalOfPseudonymisation,
    Other,
}

/// Groups of people whose data is involved.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SubjectsInput {
    pub categories: Vec<SubjectCategory>,
    pub other: String,
}

/// Kinds of personal data involved.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DataInput {
    pub kinds: Vec<DataKind>,
    pub other: String,
}

/// Approximate numbers, as typed (`1.200`); empty is unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct NumbersInput {
    pub subjects_min: String,
    pub subjects_max: String,
    pub records: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ProtectionInput {
    pub protection: Protection,
    pub how: String,
}

/// The facts about people and data, for all customers or for one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AffectedInput {
    pub subjects: SubjectsInput,
    pub data: DataInput,
    pub numbers: NumbersInput,
    pub protection: ProtectionInput,
}

/// What differs for one customer; a group that is `None` is as for all customers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AffectedOverride {
    pub subjects: Option<SubjectsInput>,
    pub data: Option<DataInput>,
    pub numbers: Option<NumbersInput>,
    pub protection: Option<ProtectionInput>,
}

impl AffectedOverride {
    /// Whether an error on `field` (e.g. `customer.7.subjects_max`) is about a group this
    /// customer overrides; otherwise the error belongs to the facts for all customers.
    pub fn overrides_field(&self, field: &str) -> bool {
        match field.rsplit('.').next().unwrap_or_default() {
            "subjects_other" => self.subjects.is_some(),
            "data_other" => self.data.is_some(),
            "subjects_min" | "subjects_max" | "records" => self.numbers.is_some(),
            "protection_how" => self.protection.is_some(),
            _ => true,
        }
    }

    /// The customer's facts: its own where it has them, else those of all customers.
    pub fn apply(&self, shared: &AffectedInput) -> AffectedInput {
        AffectedInput {
            subjects: self
                .subjects
                .clone()
                .unwrap_or_else(|| shared.subjects.clone()),
            data: self.data.clone().unwrap_or_else(|| shared.data.clone()),
            numbers: self
                .numbers
                .clone()
                .unwrap_or_else(|| shared.numbers.clone()),
            protection: self
                .protection
                .clone()
                .unwrap_or_else(|| shared.protection.clone()),
        }
    }
}

/// The wizard's form for the whole incident, as typed. Saved as a draft on every change.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct BreachFactsInput {
    pub title: String,
    // 1. Discovery and timeline
    pub discovered_at: String,
    pub occurred: Occurrence,
    pub occurred_from: String,
    pub occurred_to: String,
    pub ongoing: Answer,
    pub how_found: String,
    pub reported_by: String,
    /// The sub-processor the breach started at (its name), when it did.
    pub sub_processor: String,
    /// When that sub-processor told us.
    pub sub_processor_told_at: String,
    /// When the breach was contained (ended), as far as known.
    pub contained_at: String,
    // 2. What happened
    pub summary: String,
    pub kind: Option<IncidentKind>,
    pub kind_other: String,
    pub nature: Vec<Nature>,
    pub confidentiality: Answer,
    pub integrity: Answer,
    pub availability: Answer,
    pub cause: String,
    pub systems: String,
    pub cross_border: String,
    /// The EEA countries where data subjects live (ISO codes), for the cross-border part.
    pub countries: Vec<String>,
    // 3. Affected customers: the facts for all of them
    pub shared: AffectedInput,
    // 4. Likely consequences (6.2.2)
    pub consequences: Vec<Consequence>,
    pub consequences_other: String,
    pub consequences_explanation: String,
    pub severity: SeverityInput,
    // 5. Measures (6.2.3)
    pub measures_taken: String,
    pub measures_proposed: String,
    pub mitigation: String,
    pub contact_name: String,
    pub contact_role: String,
    pub contact_email: String,
    pub contact_phone: String,
    // Others informed
    pub police_informed: Answer,
    /// The police's reference (e.g. of the report filed).
    pub police_reference: String,
    /// Other authorities informed, in the officer's words (which, when).
    pub authorities_informed: String,
    /// Whether we informed the data subjects on the customer's instruction.
    pub subjects_informed: Answer,
    pub subjects_informed_at: String,
    // 6. Notices
    /// For an update: what was learned since the last notice, in the officer's words.
    pub changes_explanation: String,
    /// Why the first notice comes after our own target for it.
    pub late_reason: String,
}

/// The checked facts of the incident; `None` and empty mean *unknown*, which a notice says.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Timeline {
    pub discovered_at: Option<Moment>,
    pub occurred: Occurrence,
    pub occurred_from: Option<Moment>,
    pub occurred_to: Option<Moment>,
    pub ongoing: Answer,
    pub how_found: String,
    pub reported_by: String,
    /// The sub-processor the breach started at; empty when it started with us.
    #[serde(default)]
    pub sub_processor: String,
    /// When that sub-processor told us.
    #[serde(default)]
    pub sub_processor_told_at: Option<Moment>,
    #[serde(default)]
    pub contained_at: Option<Moment>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WhatHappened {
    pub summary: String,
    pub kind: Option<IncidentKind>,
    pub kind_other: String,
    pub nature: Vec<Nature>,
    pub confidentiality: Answer,
    pub integrity: Answer,
    pub availability: Answer,
    pub cause: String,
    pub systems: String,
    pub cross_border: String,
    /// EEA country codes, in the order of [`COUNTRIES`].
    #[serde(default)]
    pub countries: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Consequences {
    pub likely: Vec<Consequence>,
    pub other: String,
    pub explanation: String,
    pub severity: Option<Severity>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Measures {
    pub taken: String,
    pub proposed: String,
    pub mitigation: String,
    pub contact_name: String,
    pub contact_role: String,
    pub contact_email: String,
    pub contact_phone: String,
}

/// Who else was told of the breach.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Informed {
    pub police: Answer,
    pub police_reference: String,
    pub authorities: String,
    /// Data subjects, informed by us on the customer's instruction.
    pub subjects: Answer,
    pub subjects_at: Option<Moment>,
}

/// The checked facts about people and data for one customer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AffectedFacts {
    pub subjects: SubjectsInput,
    pub data: DataInput,
    pub subjects_min: Option<u64>,
    pub subjects_max: Option<u64>,
    pub records: Option<u64>,
    pub protection: ProtectionInput,
}

/// The checked facts of the whole incident.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BreachFacts {
    pub title: String,
    pub timeline: Timeline,
    pub what: WhatHappened,
    pub consequences: Consequences,
    pub measures: Measures,
    #[serde(default)]
    pub informed: Informed,
    pub changes_explanation: String,
    #[serde(default)]
    pub late_reason: String,
}

/// Checks what is typed, at any stage: formats, ranges and order. Missing facts are not an
/// error here (a draft may be incomplete); [`missing_for_notice`] says what a notice needs.
pub fn check_facts(
    input: &BreachFactsInput,
    now: DateTime<Utc>,
) -> Result<BreachFacts, Vec<FieldError>> {
    let mut errors = Errors::default();
    let facts = read_facts(&mut errors, input, now);
    errors.finish(facts)
}

/// The facts as far as they read, with what is typed wrongly: what the wizard shows next to
/// its fields and what a preview is made from (a wrong field reads as unknown).
pub fn facts_and_errors(
    input: &BreachFactsInput,
    now: DateTime<Utc>,
) -> (BreachFacts, Vec<FieldError>) {
    let mut errors = Errors::default();
    let facts = read_facts(&mut errors, input, now);
    (facts, errors.finish(()).err().unwrap_or_default())
}

/// Checks the facts of one customer (or of all, with `prefix` `shared`).
pub fn check_affected(
    prefix: &str,
    input: &AffectedInput,
) -> Result<AffectedFacts, Vec<FieldError>> {
    let mut errors = Errors::default();
    let facts = read_affected(&mut errors, prefix, input);
    errors.finish(facts)
}

/// The most a draft may hold, typed or pasted: far beyond any real incident.
const MAX_DRAFT_BYTES: usize = 1 << 20;

/// Refuses a draft (the form, or a customer's own facts) too large to be a real one.
pub fn check_draft_size<T: Serialize>(draft: &T) -> Result<(), Vec<FieldError>> {
    match serde_json::to_vec(draft) {
        Ok(bytes) if bytes.len() <= MAX_DRAFT_BYTES => Ok(()),
        _ => Err(vec![FieldError::new("facts", FieldCode::TooLong)]),
    }
}

/// The discovery moment, when what is typed reads as one (for the register and the clock).
pub fn discovered_at(input: &BreachFactsInput, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    moment(
        &mut Errors::default(),
        "discovered_at",
        &input.discovered_at,
        now,
    )
    .filter(|m| m.time.is_some())
    .map(|m| m.earliest())
}

/// One customer's facts as far as they read, with what is typed wrongly.
pub fn affected_and_errors(
    prefix: &str,
    input: &AffectedInput,
) -> (AffectedFacts, Vec<FieldError>) {
    let mut errors = Errors::default();
    let facts = read_affected(&mut errors, prefix, input);
    (facts, errors.finish(()).err().unwrap_or_default())
}

fn read_facts(errors: &mut Errors, input: &BreachFactsInput, now: DateTime<Utc>) -> BreachFacts {
    let discovered_at = moment(errors, "discovered_at", &input.discovered_at, now);
    if let Some(discovered) = discovered_at {
        if discovered.time.is_none() {
            errors.add("discovered_at", FieldCode::InvalidTime);
        }
    }
    let (occurred_from, occurred_to) = match input.occurred {
        Occurrence::Unknown => (None, None),
        Occurrence::At => (
            moment(errors, "occurred_from", &input.occurred_from, now),
            None,
        ),
        Occurrence::Period => (
            moment(errors, "occurred_from", &input.occurred_from, now),
            moment(errors, "occurred_to", &input.occurred_to, now),
        ),
    };
    if let (Some(from), Some(to)) = (occurred_from, occurred_to) {
        if from.earliest() > to.latest() {
            errors.add("occurred_to", FieldCode::EndBeforeStart);
        }
    }
    if let (Some(from), Some(discovered)) = (occurred_from, discovered_at) {
        if from.earliest() > discovered.latest() {
            errors.add("occurred_from", FieldCode::AfterDiscovery);
        }
    }
    let sub_processor = errors.text("sub_processor", &input.sub_processor, false, SHORT);
    let sub_processor_told_at = moment(
        errors,
        "sub_processor_told_at",
        &input.sub_processor_told_at,
        now,
    );
    if sub_processor_told_at.is_some() && sub_processor.is_empty() {
        errors.add("sub_processor", FieldCode::Required);
    }
    let contained_at = moment(errors, "contained_at", &input.contained_at, now);
    if let (Some(from), Some(contained)) = (occurred_from, contained_at) {
        if from.earliest() > contained.latest() {
            errors.add("contained_at", FieldCode::EndBeforeStart);
        }
    }
    if contained_at.is_some() && input.ongoing == Answer::Yes {
        errors.add("contained_at", FieldCode::ContainedWhileOngoing);
    }
    let timeline = Timeline {
        discovered_at,
        occurred: input.occurred,
        occurred_from,
        occurred_to,
        ongoing: input.ongoing,
        how_found: errors.text("how_found", &input.how_found, false, LONG),
        reported_by: errors.text("reported_by", &input.reported_by, false, SHORT),
        sub_processor,
        sub_processor_told_at,
        contained_at,
    };
    let what = WhatHappened {
        summary: errors.text("summary", &input.summary, false, LONG),
        kind: input.kind,
        kind_other: if input.kind == Some(IncidentKind::Other) {
            errors.text("kind_other", &input.kind_other, false, SHORT)
        } else {
            String::new()
        },
        nature: unique(&input.nature),
        confidentiality: input.confidentiality,
        integrity: input.integrity,
        availability: input.availability,
        cause: errors.text("cause", &input.cause, false, LONG),
        systems: errors.text("systems", &input.systems, false, LONG),
        cross_border: errors.text("cross_border", &input.cross_border, false, LONG),
        countries: eea_countries(errors, &input.countries),
    };
    let severity = input.severity.check(errors);
    let likely = unique(&input.consequences);
    let consequences = Consequences {
        other: if likely.contains(&Consequence::Other) {
            errors.text(
                "consequences_other",
                &input.consequences_other,
                false,
                SHORT,
            )
        } else {
            String::new()
        },
        likely,
        explanation: errors.text(
            "consequences_explanation",
            &input.consequences_explanation,
            false,
            LONG,
        ),
        severity,
    };
    let measures = Measures {
        taken: errors.text("measures_taken", &input.measures_taken, false, LONG),
        proposed: errors.text("measures_proposed", &input.measures_proposed, false, LONG),
        mitigation: errors.text("mitigation", &input.mitigation, false, LONG),
        contact_name: errors.text("contact_name", &input.contact_name, false, SHORT),
        contact_role: errors.text("contact_role", &input.contact_role, false, SHORT),
        contact_email: errors.email("contact_email", &input.contact_email, false),
        contact_phone: errors.text("contact_phone", &input.contact_phone, false, 40),
    };
    let informed = read_informed(errors, input, now);
    read_affected(errors, "shared", &input.shared);
    BreachFacts {
        title: errors.text("title", &input.title, false, SHORT),
        timeline,
        what,
        consequences,
        measures,
        informed,
        changes_explanation: errors.text(
            "changes_explanation",
            &input.changes_explanation,
            false,
            LONG,
        ),
        late_reason: errors.text("late_reason", &input.late_reason, false, LONG),
    }
}

fn read_informed(errors: &mut Errors, input: &BreachFactsInput, now: DateTime<Utc>) -> Informed {
    let police_reference = errors.text("police_reference", &input.police_reference, false, SHORT);
    if !police_reference.is_empty() && input.police_informed != Answer::Yes {
        errors.add("police_reference", FieldCode::OnlyWhenInformed);
    }
    let subjects_at = moment(
        errors,
        "subjects_informed_at",
        &input.subjects_informed_at,
        now,
    );
    if subjects_at.is_some() && input.subjects_informed != Answer::Yes {
        errors.add("subjects_informed_at", FieldCode::OnlyWhenInformed);
    }
    Informed {
        police: input.police_informed,
        police_reference,
        authorities: errors.text(
            "authorities_informed",
            &input.authorities_informed,
            false,
            LONG,
        ),
        subjects: input.subjects_informed,
        subjects_at,
    }
}

/// The countries as codes of the EEA, each once, in the order of [`COUNTRIES`]; another code
/// is refused.
fn eea_countries(errors: &mut Errors, codes: &[String]) -> Vec<String> {
    if codes
        .iter()
        .any(|code| !country(code).is_some_and(|c| c.eea))
    {
        errors.add("countries", FieldCode::UnknownCountry);
    }
    COUNTRIES
        .iter()
        .filter(|c| {
            c.eea
                && codes
                    .iter()
                    .any(|code| code.trim().eq_ignore_ascii_case(c.code))
        })
        .map(|c| c.code.to_string())
        .collect()
}

fn read_affected(errors: &mut Errors, prefix: &str, input: &AffectedInput) -> AffectedFacts {
    let field = |name: &str| format!("{prefix}.{name}");
    let subjects = SubjectsInput {
        other: if input.subjects.categories.contains(&SubjectCategory::Other) {
            errors.text(
                &field("subjects_other"),
                &input.subjects.other,
                false,
                SHORT,
            )
        } else {
            String::new()
        },
        categories: unique(&input.subjects.categories),
    };
    let data = DataInput {
        other: if input.data.kinds.contains(&DataKind::Other) {
            errors.text(&field("data_other"), &input.data.other, false, SHORT)
        } else {
            String::new()
        },
        kinds: unique(&input.data.kinds),
    };
    let numbers = &input.numbers;
    let subjects_min = count(errors, &field("subjects_min"), &numbers.subjects_min);
    let subjects_max = count(errors, &field("subjects_max"), &numbers.subjects_max);
    if let (Some(min), Some(max)) = (subjects_min, subjects_max) {
        if min > max {
            errors.add(&field("subjects_max"), FieldCode::MinAboveMax);
        }
    }
    AffectedFacts {
        subjects,
        data,
        subjects_min,
        subjects_max,
        records: count(errors, &field("records"), &numbers.records),
        protection: ProtectionInput {
            protection: input.protection.protection,
            how: errors.text(&field("protection_how"), &input.protection.how, false, LONG),
        },
    }
}

/// What an initial notice cannot go without, and an update in addition. Everything else a
/// notice states as unknown.
pub fn missing_for_notice(facts: &BreachFacts, update: bool) -> Vec<FieldError> {
    let mut missing = Vec::new();
    let mut need = |field: &str, present: bool| {
        if !present {
            missing.push(FieldError::new(field, FieldCode::Required));
        }
    };
    need("discovered_at", facts.timeline.discovered_at.is_some());
    need("summary", !facts.what.summary.is_empty());
    need("kind", facts.what.kind.is_some());
    need("contact_name", !facts.measures.contact_name.is_empty());
    need(
        "contact_email",
        !facts.measures.contact_email.is_empty() || !facts.measures.contact_phone.is_empty(),
    );
    if update {
        need("changes_explanation", !facts.changes_explanation.is_empty());
    }
    missing
}

fn moment(errors: &mut Errors, field: &str, text: &str, now: DateTime<Utc>) -> Option<Moment> {
    if text.trim().is_empty() {
        return None;
    }
    match parse_moment(text) {
        Ok(moment) if moment.earliest() > now => {
            errors.add(field, FieldCode::InFuture);
            None
        }
        Ok(moment) => Some(moment),
        Err(code) => {
            errors.add(field, code);
            None
        }
    }
}

/// An approximate number as typed: digits with `.`, `,` or spaces between thousands.
fn count(errors: &mut Errors, field: &str, text: &str) -> Option<u64> {
    let digits: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if digits.is_empty() {
        return None;
    }
    match digits.parse::<u64>() {
        Ok(value) if digits.chars().all(|c| c.is_ascii_digit()) && value <= MAX_COUNT => {
            Some(value)
        }
        _ => {
            errors.add(field, FieldCode::InvalidNumber);
            None
        }
    }
}

fn unique<T: Copy + PartialEq>(values: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(values.len());
    for value in values {
        if !out.contains(value) {
            out.push(*value);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::codes;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-24T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn input() -> BreachFactsInput {
        BreachFactsInput {
            title: "Verkeerd verstuurde facturen".into(),
            discovered_at: "23-11-2026 09:15".into(),
            occurred: Occurrence::Period,
            occurred_from: "20-11-2026".into(),
            occurred_to: "22-11-2026 18:00".into(),
            summary: "Facturen zijn naar de verkeerde klant gemaild.".into(),
            kind: Some(IncidentKind::WronglySent),
            nature: vec![Nature::Read, Nature::Read],
            contact_name: "P. Jansen".into(),
            contact_email: "privacy@verwerker.example".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_timeline_is_read() {
        let facts = check_facts(&input(), now()).unwrap();
        assert_eq!(
            facts.timeline.discovered_at.unwrap().display(),
            "23-11-2026 09:15"
        );
        assert_eq!(
            facts.timeline.occurred_to.unwrap().display(),
            "22-11-2026 18:00"
        );
        assert_eq!(facts.what.nature, vec![Nature::Read]);
        assert!(missing_for_notice(&facts, false).is_empty());
    }

    #[test]
    fn dates_must_be_in_order_and_not_in_the_future() {
        let mut i = input();
        i.discovered_at = "25-11-2026 09:00".into();
        assert_eq!(
            codes(check_facts(&i, now())),
            [("discovered_at".into(), FieldCode::InFuture)]
        );

        let mut i = input();
        i.occurred_from = "23-11-2026".into();
        i.occurred_to = "21-11-2026".into();
        assert_eq!(
            codes(check_facts(&i, now())),
            [("occurred_to".into(), FieldCode::EndBeforeStart)]
        );

        let mut i = input();
        i.occurred = Occurrence::At;
        i.occurred_from = "23-11-2026 10:00".into();
        assert_eq!(
            codes(check_facts(&i, now())),
            [("occurred_from".into(), FieldCode::AfterDiscovery)]
        );
        // The same day without a time may well be before the discovery.
        i.occurred_from = "23-11-2026".into();
        assert!(check_facts(&i, now()).is_ok());

        let mut i = input();
        i.discovered_at = "23-11-2026".into();
        assert_eq!(
            codes(check_facts(&i, now())),
            [("discovered_at".into(), FieldCode::InvalidTime)]
        );
        i.discovered_at = "29-03-2026 02:15".into();
        assert_eq!(
            codes(check_facts(&i, now())),
            [("discovered_at".into(), FieldCode::NonexistentTime)]
        );
    }

    #[test]
    fn numbers_are_approximate_counts_with_min_not_above_max() {
        let mut i = input();
        i.shared.numbers = NumbersInput {
            subjects_min: "1.200".into(),
            subjects_max: "1 500".into(),
            records: "30,000".into(),
        };
        check_facts(&i, now()).unwrap();
        let facts = check_affected("shared", &i.shared).unwrap();
        assert_eq!(
            (facts.subjects_min, facts.subjects_max, facts.records),
            (Some(1200), Some(1500), Some(30000))
        );

        i.shared.numbers.subjects_min = "2000".into();
        assert_eq!(
            codes(check_facts(&i, now())),
            [("shared.subjects_max".into(), FieldCode::MinAboveMax)]
        );
        for bad in ["-5", "ongeveer 10", "1e6", "99999999999"] {
            i.shared.numbers.subjects_min = bad.into();
            assert_eq!(
                codes(check_affected("customer.7", &i.shared)),
                [("customer.7.subjects_min".into(), FieldCode::InvalidNumber)],
                "{bad}"
            );
        }
    }

    #[test]
    fn an_override_replaces_whole_groups_only() {
        let shared = AffectedInput {
            subjects: SubjectsInput {
                categories: vec![SubjectCategory::Employees],
                other: String::new(),
            },
            numbers: NumbersInput {
                subjects_min: "10".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let own = AffectedOverride {
            numbers: Some(NumbersInput {
                subjects_min: "400".into(),
                subjects_max: "450".into(),
                records: String::new(),
            }),
            ..Default::default()
        };
        let effective = own.apply(&shared);
        assert_eq!(effective.subjects, shared.subjects);
        assert_eq!(effective.numbers.subjects_min, "400");
        assert_eq!(AffectedOverride::default().apply(&shared), shared);
    }

    #[test]
    fn an_initial_notice_needs_less_than_an_update() {
        let empty = check_facts(&BreachFactsInput::default(), now()).unwrap();
        let fields: Vec<String> = missing_for_notice(&empty, false)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "discovered_at",
                "summary",
                "kind",
                "contact_name",
                "contact_email"
            ]
        );

        let facts = check_facts(&input(), now()).unwrap();
        assert!(missing_for_notice(&facts, false).is_empty());
        assert_eq!(
            missing_for_notice(&facts, true),
            [FieldError::new("changes_explanation", FieldCode::Required)]
        );
        let mut i = input();
        i.changes_explanation = "Het aantal betrokkenen is bekend.".into();
        i.contact_email.clear();
        i.contact_phone = "+31 20 123 4567".into();
        assert!(missing_for_notice(&check_facts(&i, now()).unwrap(), true).is_empty());
    }

    #[test]
    fn a_draft_of_more_than_a_megabyte_is_refused() {
        let mut i = input();
        assert!(check_draft_size(&i).is_ok());
        i.cause = "x".repeat(MAX_DRAFT_BYTES);
        assert_eq!(
            check_draft_size(&i),
            Err(vec![FieldError::new("facts", FieldCode::TooLong)])
        );
    }

    #[test]
    fn texts_are_limited_and_clean() {
        let mut i = input();
        i.summary = "x".repeat(LONG + 1);
        i.cause = "a\u{7}b".into();
        i.contact_email = "geen-adres".into();
        assert_eq!(
            codes(check_facts(&i, now())),
            [
                ("summary".into(), FieldCode::TooLong),
                ("cause".into(), FieldCode::ControlCharacters),
                ("contact_email".into(), FieldCode::InvalidEmail),
            ]
        );
    }

    #[test]
    fn containment_comes_after_the_start_and_not_while_it_goes_on() {
        let mut i = input();
        i.ongoing = Answer::No;
        i.contained_at = "23-11-2026 11:00".into();
        let facts = check_facts(&i, now()).unwrap();
        assert_eq!(
            facts.timeline.contained_at.unwrap().display(),
            "23-11-2026 11:00"
        );
        i.contained_at = "19-11-2026 12:00".into();
        assert_eq!(
            codes(check_facts(&i, now())),
            [("contained_at".into(), FieldCode::EndBeforeStart)]
        );
        i.contained_at = "23-11-2026 11:00".into();
        i.ongoing = Answer::Yes;
        assert_eq!(
            codes(check_facts(&i, now())),
            [("contained_at".into(), FieldCode::ContainedWhileOngoing)]
        );
    }

    #[test]
    fn countries_are_eea_codes_each_once_in_list_order() {
        let mut i = input();
        i.countries = vec!["de".into(), "NL".into(), "DE".into(), "be".into()];
        let facts = check_facts(&i, now()).unwrap();
        assert_eq!(facts.what.countries, ["NL", "BE", "DE"]);
        for outside in ["US", "XX", "<script>"] {
            i.countries = vec!["NL".into(), outside.into()];
            assert_eq!(
                codes(check_facts(&i, now())),
                [("countries".into(), FieldCode::UnknownCountry)],
                "{outside}"
            );
        }
    }

    #[test]
    fn details_of_informing_someone_need_them_informed() {
        let mut i = input();
        i.police_informed = Answer::Yes;
        i.police_reference = "PL0900-2026112301".into();
        i.subjects_informed = Answer::Yes;
        i.subjects_informed_at = "23-11-2026 16:00".into();
        i.authorities_informed = "NCSC, 23-11-2026".into();
        let informed = check_facts(&i, now()).unwrap().informed;
        assert_eq!(informed.police_reference, "PL0900-2026112301");
        assert_eq!(informed.subjects_at.unwrap().display(), "23-11-2026 16:00");
        i.police_informed = Answer::Unknown;
        i.subjects_informed = Answer::No;
        assert_eq!(
            codes(check_facts(&i, now())),
            [
                ("police_reference".into(), FieldCode::OnlyWhenInformed),
                ("subjects_informed_at".into(), FieldCode::OnlyWhenInformed),
            ]
        );
    }

    #[test]
    fn criminal_offence_data_is_its_own_category_not_a_special_one() {
        assert_eq!(DataKind::Health.gdpr_article(), Some(9));
        assert_eq!(DataKind::TradeUnion.gdpr_article(), Some(9));
        assert_eq!(DataKind::CriminalRecords.gdpr_article(), Some(10));
        assert_eq!(DataKind::Financial.gdpr_article(), None);
    }
}
