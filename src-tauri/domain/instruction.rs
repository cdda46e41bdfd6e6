//! Instructions (art. 2.4): the processor acts only on documented instructions, by e-mail,
//! from the customer's designated contacts. An instruction that may break privacy law is put
//! in doubt: the customer is told at once and processing under it is suspended until it is
//! clear.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::document::{DocumentKind, DocumentSummary};
use super::letter::LetterHead;
use super::time::local_date;
use super::validation::{Errors, FieldCode, FieldError};

/// Tells the customer an instruction may break privacy law and is suspended (art. 2.4).
pub const DOUBT_NOTICE: DocumentKind = DocumentKind::new(
    "instruction_doubt",
    "instructie-twijfel",
    "instruction-doubt",
);

/// How an instruction reached us; the agreement asks for e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InstructionChannel {
    #[default]
    Email,
    Phone,
    Post,
    Other,
}

impl InstructionChannel {
    pub fn code(self) -> &'static str {
        match self {
            InstructionChannel::Email => "email",
            InstructionChannel::Phone => "phone",
            InstructionChannel::Post => "post",
            InstructionChannel::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<InstructionChannel> {
        [
            InstructionChannel::Email,
            InstructionChannel::Phone,
            InstructionChannel::Post,
            InstructionChannel::Other,
        ]
        .into_iter()
        .find(|c| c.code() == code)
    }
}

/// An instruction as typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct InstructionInput {
    /// `24-11-2026 14:30`
    pub received_at: String,
    /// The contact it came from, when it is one of the customer's.
    pub contact_id: Option<i64>,
    /// Who it came from otherwise.
    pub from_name: String,
    pub channel: InstructionChannel,
    pub summary: String,
    /// Where the instruction itself is kept: the e-mail's subject, a file name.
    pub attachment_reference: String,
    pub doubt: bool,
    /// Why it may break privacy law.
    pub doubt_reason: String,
    /// When the doubt was cleared.
    pub resolved_on: String,
    pub resolution: String,
}

/// An instruction as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InstructionRecord {
    pub received_at: DateTime<Utc>,
    pub contact_id: Option<i64>,
    pub from_name: String,
    pub channel: InstructionChannel,
    pub summary: String,
    pub attachment_reference: String,
    pub doubt: bool,
    pub doubt_reason: String,
    pub resolved_on: Option<NaiveDate>,
    pub resolution: String,
}

/// Checks an instruction: when, from whom, what; a doubt with its reason; a resolution
/// after receipt and not in the future.
pub fn check_instruction(
    input: &InstructionInput,
    now: DateTime<Utc>,
) -> Result<InstructionRecord, Vec<FieldError>> {
    let mut e = Errors::default();
    let received_at = e.past_moment("received_at", &input.received_at, now);
    let from_name = e.text(
        "from_name",
        &input.from_name,
        input.contact_id.is_none(),
        200,
    );
    let resolved_on = e.date("resolved_on", &input.resolved_on);
    if let Some(resolved) = resolved_on {
        if !input.doubt {
            e.add("resolved_on", FieldCode::InvalidTransition);
        } else if resolved > local_date(now) {
            e.add("resolved_on", FieldCode::InFuture);
        } else if received_at.is_some_and(|r| resolved < local_date(r)) {
            e.add("resolved_on", FieldCode::EndBeforeStart);
        }
    }
    let record = InstructionRecord {
        received_at: received_at.unwrap_or(now),
        contact_id: input.contact_id,
        from_name,
        channel: input.channel,
        summary: e.text("summary", &input.summary, true, 5_000),
        attachment_reference: e.text(
            "attachment_reference",
            &input.attachment_reference,
            false,
            500,
        ),
        doubt: input.doubt,
        doubt_reason: e.text("doubt_reason", &input.doubt_reason, input.doubt, 5_000),
        resolution: e.text(
            "resolution",
            &input.resolution,
            resolved_on.is_some(),
            5_000,
        ),
        resolved_on: if input.doubt { resolved_on } else { None },
    };
    e.finish(record)
}

/// Where an instruction stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InstructionStatus {
    Followed,
    /// In doubt: processing under it is suspended until the doubt is cleared.
    Suspended,
    Resolved,
}

/// The status that follows from the record.
pub fn instruction_status(record: &InstructionRecord) -> InstructionStatus {
    match (record.doubt, record.resolved_on) {
        (false, _) => InstructionStatus::Followed,
        (true, None) => InstructionStatus::Suspended,
        (true, Some(_)) => InstructionStatus::Resolved,
    }
}

/// An instruction as lists and pages show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Instruction {
    pub id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    #[serde(flatten)]
    pub record: InstructionRecord,
    /// Who it came from: the contact's name, or the name typed.
    pub from: String,
    /// False when it did not come from a contact designated to give instructions.
    pub from_designated: bool,
    pub status: InstructionStatus,
    pub letters: Vec<DocumentSummary>,
}

/// What the notice of a doubted instruction says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InstructionDoubtFacts {
    pub head: LetterHead,
    pub instruction: InstructionRecord,
    pub from: String,
    pub from_designated: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse_moment;
    use crate::domain::validation::codes;

    fn at(text: &str) -> DateTime<Utc> {
        parse_moment(text).unwrap().earliest()
    }

    fn input() -> InstructionInput {
        InstructionInput {
            received_at: "20-11-2026 09:30".into(),
            contact_id: Some(3),
            summary: "Alle dossiers ouder dan zeven jaar verwijderen".into(),
            ..Default::default()
        }
    }

    #[test]
    fn an_instruction_says_when_from_whom_and_what() {
        let now = at("24-11-2026 12:00");
        let record = check_instruction(&input(), now).unwrap();
        assert_eq!(instruction_status(&record), InstructionStatus::Followed);
        let empty = InstructionInput {
            contact_id: None,
            ..Default::default()
        };
        assert_eq!(
            codes(check_instruction(&empty, now)),
            [
                ("received_at".into(), FieldCode::Required),
                ("from_name".into(), FieldCode::Required),
                ("summary".into(), FieldCode::Required),
            ]
        );
    }

    #[test]
    fn a_doubt_has_a_reason_and_is_resolved_after_receipt() {
        let now = at("24-11-2026 12:00");
        let doubt = InstructionInput {
            doubt: true,
            ..input()
        };
        assert_eq!(
            codes(check_instruction(&doubt, now)),
            [("doubt_reason".into(), FieldCode::Required)]
        );
        let reasoned = InstructionInput {
            doubt_reason: "Wettelijke bewaarplicht van tien jaar".into(),
            ..doubt
        };
        assert_eq!(
            instruction_status(&check_instruction(&reasoned, now).unwrap()),
            InstructionStatus::Suspended
        );
        let early = InstructionInput {
            resolved_on: "19-11-2026".into(),
            ..reasoned.clone()
        };
        assert_eq!(
            codes(check_instruction(&early, now)),
            [
                ("resolved_on".into(), FieldCode::EndBeforeStart),
                ("resolution".into(), FieldCode::Required),
            ]
        );
        let resolved = InstructionInput {
            resolved_on: "22-11-2026".into(),
            resolution: "De klant trekt de instructie in".into(),
            ..reasoned
        };
        assert_eq!(
            instruction_status(&check_instruction(&resolved, now).unwrap()),
            InstructionStatus::Resolved
        );
        let without_doubt = InstructionInput {
            resolved_on: "22-11-2026".into(),
            resolution: "x".into(),
            ..input()
        };
        assert_eq!(
            codes(check_instruction(&without_doubt, now)),
            [("resolved_on".into(), FieldCode::InvalidTransition)]
        );
    }
}
