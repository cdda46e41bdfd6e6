//! The notice that an instruction may break privacy law and is suspended (art. 2.4).

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::letters::{issue, Filing};
use crate::domain::instruction::{self, InstructionDoubtFacts, InstructionStatus};
use crate::domain::validation::FieldCode;
use crate::error::{AppError, AppResult};
use crate::store::instructions;

/// Makes and keeps the notice that an instruction is in doubt and suspended; refused for an
/// instruction that is not (or no longer) in doubt.
pub fn generate_doubt_notice(
    conn: &mut Connection,
    instruction_id: i64,
    officer: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let instruction = instructions::get(conn, instruction_id)?;
    if instruction.status != InstructionStatus::Suspended {
        return Err(AppError::field("doubt", FieldCode::InvalidTransition));
    }
    let filing = Filing {
        kind: instruction::DOUBT_NOTICE,
        subject_id: instruction_id,
        customer_id: instruction.customer_id,
        subject: instruction
            .record
            .received_at
            .format("%Y-%m-%d")
            .to_string(),
    };
    issue(conn, filing, officer, now, |head| InstructionDoubtFacts {
        head,
        from: instruction.from,
        from_designated: instruction.from_designated,
        instruction: instruction.record,
    })
}
