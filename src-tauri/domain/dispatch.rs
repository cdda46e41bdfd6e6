//! Sending a kept document by e-mail through the mail server: never twice, never lost.
//!
//! A message is marked *sending* in the vault before it leaves and *accepted* (with the
//! server's reply) or *refused* (with its reason) after. A message still *sending* when the
//! vault is next opened was cut off by a crash or a kill: whether the server took it is
//! *unknown*, and the officer is asked before the document is sent again.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DispatchState {
    /// Handed to the server; its answer has not come yet.
    Sending,
    /// The server accepted the message for delivery.
    Accepted,
    /// The server (or the connection) refused it; it may be sent again.
    Refused,
    /// Cut off while sending: the server may or may not have it.
    Unknown,
}

impl DispatchState {
    pub fn code(self) -> &'static str {
        match self {
            DispatchState::Sending => "sending",
            DispatchState::Accepted => "accepted",
            DispatchState::Refused => "refused",
            DispatchState::Unknown => "unknown",
        }
    }

    pub fn from_code(code: &str) -> Option<DispatchState> {
        [
            DispatchState::Sending,
            DispatchState::Accepted,
            DispatchState::Refused,
            DispatchState::Unknown,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// Whether the customer may already have the message, so that sending the document
    /// again needs the officer's say.
    pub fn may_have_arrived(self) -> bool {
        !matches!(self, DispatchState::Refused)
    }
}

/// One attempt to send a document, as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Dispatch {
    pub document_id: i64,
    pub customer_name: String,
    pub file_name: String,
    pub state: DispatchState,
    pub message_id: String,
    pub recipients: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The server's reply: what it said when accepting, or why it refused.
    pub server_reply: String,
}

/// Which documents may be sent now: those never sent, or whose attempts were all refused,
/// and those the officer confirmed to send again. The others are held, with the state that
/// holds them (the latest attempt that may have arrived).
pub fn hold_back(
    attempts: &[(i64, DispatchState)],
    wanted: &[i64],
    confirmed: &[i64],
) -> Vec<(i64, DispatchState)> {
    let mut held = Vec::new();
    for &id in wanted {
        if confirmed.contains(&id) || held.iter().any(|(h, _)| *h == id) {
            continue;
        }
        if let Some(&(_, state)) = attempts
            .iter()
            .rev()
            .find(|(doc, state)| *doc == id && state.may_have_arrived())
        {
            held.push((id, state));
        }
    }
    held
}

#[cfg(test)]
mod tests {
    use super::*;
    use DispatchState::*;

    #[test]
    fn a_document_never_sent_or_only_refused_goes() {
        assert!(hold_back(&[], &[1, 2], &[]).is_empty());
        assert!(hold_back(&[(1, Refused), (1, Refused)], &[1], &[]).is_empty());
    }

    #[test]
    fn one_that_may_have_arrived_waits_for_the_officer() {
        let attempts = [
            (1, Refused),
            (1, Accepted),
            (2, Unknown),
            (3, Sending),
            (4, Refused),
        ];
        assert_eq!(
            hold_back(&attempts, &[1, 2, 3, 4], &[]),
            vec![(1, Accepted), (2, Unknown), (3, Sending)]
        );
        assert_eq!(
            hold_back(&attempts, &[1, 2, 3, 4], &[2]),
            vec![(1, Accepted), (3, Sending)]
        );
    }

    #[test]
    fn states_keep_their_codes() {
        for state in [Sending, Accepted, Refused, Unknown] {
            assert_eq!(DispatchState::from_code(state.code()), Some(state));
        }
        assert_eq!(DispatchState::from_code("sent"), None);
    }
}
