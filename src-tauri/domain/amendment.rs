//! Amendments to the agreement (art. 10.2): a newer template version announced to the
//! customers on older versions, one notice each with the changed clauses side by side. By
//! consent, a customer moves once its consent is recorded; required by privacy law, every
//! customer moves on the effective date without signing. Either way the move takes effect
//! on the effective date, and from then on its deadlines use the new version's terms.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::agreement::Terms;
use super::document::{DocumentKind, DocumentSummary};
use super::letter::LetterHead;
use super::template::{Block, TemplateText};
use super::validation::{Errors, FieldCode, FieldError};

/// The notice of an amendment to one customer.
pub const NOTICE: DocumentKind = DocumentKind::new(
    "amendment_notice",
    "wijziging-verwerkersovereenkomst",
    "amendment-data-processing-agreement",
);

/// Why the agreement changes, and so how customers move (art. 10.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AmendmentKind {
    /// Both parties agree: a customer moves once its consent is recorded.
    ByConsent,
    /// The processor deems it necessary to bring the agreement in line with privacy law:
    /// every customer moves on the effective date.
    RequiredByLaw,
}

impl AmendmentKind {
    pub fn code(self) -> &'static str {
        match self {
            AmendmentKind::ByConsent => "by_consent",
            AmendmentKind::RequiredByLaw => "required_by_law",
        }
    }

    pub fn from_code(code: &str) -> Option<AmendmentKind> {
        [Self::ByConsent, Self::RequiredByLaw]
            .into_iter()
            .find(|kind| kind.code() == code)
    }
}

/// An amendment as typed in the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AmendmentInput {
    /// The new template version.
    pub template_version_id: i64,
    pub kind: AmendmentKind,
    /// `01-02-2027`
    pub effective_on: String,
    /// What changes, in the officer's words, for every customer.
    pub summary: String,
    /// Required by law only: which law requires it, and why.
    pub reason: String,
}

/// An amendment that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct AmendmentRecord {
    pub template_version_id: i64,
    pub kind: AmendmentKind,
    pub effective_on: NaiveDate,
    pub summary: String,
    /// Empty for an amendment by consent.
    pub reason: String,
}

/// Checks an amendment: an effective date not before `today`, what changes, and for one
/// required by law its reason. A reason typed for one by consent is not kept.
pub fn check_amendment(
    input: &AmendmentInput,
    today: NaiveDate,
) -> Result<AmendmentRecord, Vec<FieldError>> {
    let mut errors = Errors::default();
    let effective_on = errors.date("effective_on", &input.effective_on);
    if effective_on.is_none() && !errors.has("effective_on") {
        errors.add("effective_on", FieldCode::Required);
    }
    if effective_on.is_some_and(|date| date < today) {
        errors.add("effective_on", FieldCode::InPast);
    }
    let summary = errors.text("summary", &input.summary, true, 5_000);
    let by_law = input.kind == AmendmentKind::RequiredByLaw;
    let reason = if by_law {
        errors.text("reason", &input.reason, true, 2_000)
    } else {
        String::new()
    };
    errors.finish(AmendmentRecord {
        template_version_id: input.template_version_id,
        kind: input.kind,
        effective_on: effective_on.unwrap_or_default(),
        summary,
        reason,
    })
}

/// A customer's answer to an amendment by consent, as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AnswerInput {
    pub consented: bool,
    /// `15-01-2027`
    pub answered_on: String,
    /// Who answered for the customer: the signatory of the new version when it consents.
    pub answered_by: String,
}

/// An answer that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRecord {
    pub consented: bool,
    pub answered_on: NaiveDate,
    pub answered_by: String,
}

/// Checks an answer: a day that has come, not before the amendment was announced, and who
/// gave it (required for consent: it signs the new version).
pub fn check_answer(
    input: &AnswerInput,
    announced_on: NaiveDate,
    today: NaiveDate,
) -> Result<AnswerRecord, Vec<FieldError>> {
    let mut errors = Errors::default();
    let answered_on = errors.date("answered_on", &input.answered_on);
    if answered_on.is_none() && !errors.has("answered_on") {
        errors.add("answered_on", FieldCode::Required);
    }
    if answered_on.is_some_and(|date| date > today) {
        errors.add("answered_on", FieldCode::InFuture);
    } else if answered_on.is_some_and(|date| date < announced_on) {
        errors.add("answered_on", FieldCode::BeforeAnnouncement);
    }
    let answered_by = errors.text("answered_by", &input.answered_by, input.consented, 200);
    errors.finish(AnswerRecord {
        consented: input.consented,
        answered_on: answered_on.unwrap_or_default(),
        answered_by,
    })
}

/// Where a customer stands with an amendment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AmendmentState {
    /// By consent, no answer yet.
    AwaitingAnswer,
    /// It consented; it moves on the effective date.
    Consented,
    /// It did not consent: it stays on its version.
    Refused,
    /// Required by law, before the effective date.
    Announced,
    /// It is on the new version.
    Moved,
    /// Its agreement ended or changed otherwise before it could move.
    NotMoved,
}

/// Where a customer stands, from what is recorded. `moved` is whether it is on the new
/// version through this amendment; `closed` whether its agreement was superseded or ended
/// otherwise before it could move.
pub fn state(
    kind: AmendmentKind,
    answer: Option<bool>,
    moved: bool,
    closed: bool,
) -> AmendmentState {
    match (kind, answer) {
        _ if moved => AmendmentState::Moved,
        (AmendmentKind::ByConsent, Some(false)) => AmendmentState::Refused,
        _ if closed => AmendmentState::NotMoved,
        (AmendmentKind::ByConsent, None) => AmendmentState::AwaitingAnswer,
        (AmendmentKind::ByConsent, Some(true)) => AmendmentState::Consented,
        (AmendmentKind::RequiredByLaw, _) => AmendmentState::Announced,
    }
}

/// One customer of an amendment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AmendmentCustomer {
    pub customer_id: i64,
    pub customer_name: String,
    /// The version it was on when the amendment was announced.
    pub from_label: String,
    pub state: AmendmentState,
    pub answered_on: Option<NaiveDate>,
    pub answered_by: String,
    pub document_id: i64,
    /// When its notice was first sent; `None` while unsent.
    pub sent_at: Option<DateTime<Utc>>,
}

/// An announced amendment with where each customer stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Amendment {
    pub id: i64,
    pub template_version_id: i64,
    pub version_label: String,
    pub kind: AmendmentKind,
    pub effective_on: NaiveDate,
    pub summary: String,
    pub reason: String,
    pub announced_at: DateTime<Utc>,
    pub announced_by: String,
    pub customers: Vec<AmendmentCustomer>,
    /// The kept notices, one per customer, with how they were sent.
    pub letters: Vec<DocumentSummary>,
}

/// An amendment as a customer's export shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerAmendment {
    pub from_label: String,
    pub to_label: String,
    pub kind: AmendmentKind,
    pub effective_on: NaiveDate,
    pub reason: String,
    pub announced_at: DateTime<Utc>,
    pub state: AmendmentState,
    pub answered_on: Option<NaiveDate>,
    pub answered_by: String,
}

/// A clause that differs between two versions: its text before and after, `None` where the
/// version does not have it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClauseChange {
    /// The clause number (`6.2.1`), the article (`6`) for its heading and introduction, or
    /// empty for the text before the first article.
    pub number: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The clauses that differ between two versions, in the order of the clause numbers. Bullets
/// and further paragraphs belong to the clause before them; an article's heading and
/// introduction are compared as the article's own part. Spacing does not count.
pub fn changed_clauses(before: &TemplateText, after: &TemplateText) -> Vec<ClauseChange> {
    let (old, new) = (parts(before), parts(after));
    let mut keys: Vec<&SortKey> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|key| {
            let (was, is) = (old.get(key), new.get(key));
            let same = was.map(|t| words(t)) == is.map(|t| words(t));
            (!same).then(|| ClauseChange {
                number: key.1.clone(),
                before: was.cloned(),
                after: is.cloned(),
            })
        })
        .collect()
}

/// A clause number ordered as numbers (`6.10` after `6.9`), kept with its text.
type SortKey = (Vec<u32>, String);

fn parts(text: &TemplateText) -> BTreeMap<SortKey, String> {
    let mut parts = BTreeMap::new();
    add_blocks(&mut parts, "", &text.preamble);
    for article in &text.articles {
        let number = article.number.to_string();
        add_part(&mut parts, &number, &article.heading);
        add_blocks(&mut parts, &number, &article.blocks);
    }
    parts
}

/// Adds each block to the clause it belongs to: its own number, else the clause before it,
/// else `start` (the article, or the preamble).
fn add_blocks(parts: &mut BTreeMap<SortKey, String>, start: &str, blocks: &[Block]) {
    let mut current = start.to_string();
    for block in blocks {
        match block {
            Block::Clause { number, text } => {
                current = number.clone();
                add_part(parts, &current, text);
            }
            Block::Bullet { text } => add_part(parts, &current, &format!("• {text}")),
            Block::Paragraph { text } => add_part(parts, &current, text),
        }
    }
}

fn add_part(parts: &mut BTreeMap<SortKey, String>, number: &str, text: &str) {
    let numbers = number.split('.').filter_map(|n| n.parse().ok()).collect();
    let entry = parts.entry((numbers, number.to_string())).or_default();
    if !entry.is_empty() {
        entry.push('\n');
    }
    entry.push_str(text);
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// What a customer's amendment notice says, frozen with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AmendmentNoticeFacts {
    pub head: LetterHead,
    pub kind: AmendmentKind,
    pub from_label: String,
    pub to_label: String,
    pub to_date: NaiveDate,
    pub effective_on: NaiveDate,
    pub summary: String,
    pub reason: String,
    pub from_terms: Terms,
    pub to_terms: Terms,
    /// The changed clauses; `None` when a version has no text to compare.
    pub clauses: Option<Vec<ClauseChange>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template::parse_template;
    use crate::domain::validation::codes;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
    }

    fn input(kind: AmendmentKind) -> AmendmentInput {
        AmendmentInput {
            template_version_id: 2,
            kind,
            effective_on: "01-02-2027".into(),
            summary: "Een langere bezwaartermijn.".into(),
            reason: String::new(),
        }
    }

    #[test]
    fn an_amendment_needs_a_coming_date_and_what_changes() {
        let mut amendment = input(AmendmentKind::ByConsent);
        amendment.effective_on = "03-12-2026".into();
        amendment.summary = " ".into();
        assert_eq!(
            codes(check_amendment(&amendment, today())),
            vec![
                ("effective_on".into(), FieldCode::InPast),
                ("summary".into(), FieldCode::Required)
            ]
        );
        amendment.effective_on = "04-12-2026".into();
        amendment.summary = "Wat er verandert.".into();
        assert!(check_amendment(&amendment, today()).is_ok());
    }

    #[test]
    fn one_required_by_law_needs_its_reason_and_one_by_consent_keeps_none() {
        let mut law = input(AmendmentKind::RequiredByLaw);
        assert_eq!(
            codes(check_amendment(&law, today())),
            vec![("reason".into(), FieldCode::Required)]
        );
        law.reason = "Nieuwe uitvoeringswet.".into();
        assert_eq!(
            check_amendment(&law, today()).unwrap().reason,
            "Nieuwe uitvoeringswet."
        );
        let mut consent = input(AmendmentKind::ByConsent);
        consent.reason = "Getypt en weer verlaten.".into();
        assert_eq!(check_amendment(&consent, today()).unwrap().reason, "");
    }

    #[test]
    fn consent_needs_a_day_between_announcement_and_today_and_who_gave_it() {
        let announced = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let answer = |on: &str, by: &str, consented| AnswerInput {
            consented,
            answered_on: on.into(),
            answered_by: by.into(),
        };
        assert_eq!(
            codes(check_answer(
                &answer("05-12-2026", "", true),
                announced,
                today()
            )),
            vec![
                ("answered_on".into(), FieldCode::InFuture),
                ("answered_by".into(), FieldCode::Required)
            ]
        );
        assert_eq!(
            codes(check_answer(
                &answer("30-11-2026", "A. de Vries", true),
                announced,
                today()
            )),
            vec![("answered_on".into(), FieldCode::BeforeAnnouncement)]
        );
        assert!(check_answer(
            &answer("01-12-2026", "A. de Vries", true),
            announced,
            today()
        )
        .is_ok());
        assert!(
            check_answer(&answer("04-12-2026", "", false), announced, today()).is_ok(),
            "a refusal may come by telephone, from whoever"
        );
    }

    #[test]
    fn states_follow_kind_answer_and_move() {
        use AmendmentKind::*;
        use AmendmentState::*;
        assert_eq!(state(ByConsent, None, false, false), AwaitingAnswer);
        assert_eq!(state(ByConsent, Some(true), false, false), Consented);
        assert_eq!(state(ByConsent, Some(true), true, true), Moved);
        assert_eq!(state(ByConsent, Some(false), false, false), Refused);
        assert_eq!(state(RequiredByLaw, None, false, false), Announced);
        assert_eq!(state(RequiredByLaw, None, true, true), Moved);
        assert_eq!(state(RequiredByLaw, None, false, true), NotMoved);
        assert_eq!(state(ByConsent, None, false, true), NotMoved);
    }

    const OLD: &str = "Voorbeeld\n\nArtikel 1 – Reikwijdte\n\n1.1 Geldt voor alles.\n\n\
        Artikel 2 – Termijnen\n\n2.1 Bezwaar binnen 14 dagen.\n- per e-mail\n\n\
        2.2 Vervalt straks.\n\n2.9 Blijft staan.\n";
    const NEW: &str = "Voorbeeld\n\nArtikel 1 – Reikwijdte\n\n1.1 Geldt   voor alles.\n\n\
        Artikel 2 – Termijnen\n\n2.1 Bezwaar binnen 30 dagen.\n- per e-mail\n\n\
        2.9 Blijft staan.\n\n2.10 Nieuw lid.\n";

    #[test]
    fn changed_clauses_are_side_by_side_in_number_order_and_spacing_does_not_count() {
        let old = parse_template(OLD).unwrap().text;
        let new = parse_template(NEW).unwrap().text;
        let changes = changed_clauses(&old, &new);
        let numbers: Vec<&str> = changes.iter().map(|c| c.number.as_str()).collect();
        assert_eq!(numbers, ["2.1", "2.2", "2.10"]);
        assert_eq!(
            changes[0].before.as_deref(),
            Some("Bezwaar binnen 14 dagen.\n• per e-mail")
        );
        assert_eq!(
            changes[0].after.as_deref(),
            Some("Bezwaar binnen 30 dagen.\n• per e-mail")
        );
        assert_eq!(changes[1].after, None, "2.2 is gone");
        assert_eq!(changes[2].before, None, "2.10 is new");
        assert!(changed_clauses(&old, &old).is_empty());
    }
}
