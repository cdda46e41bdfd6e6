//! The event log's rules: how each change is chained to the one before it, how the chain is
//! checked, and what a change changed.
//!
//! Every entry's hash covers its own fields and the hash of the entry before it, so editing,
//! removing or moving one entry breaks the chain at that entry. The recipe, for an auditor who
//! checks an exported log with other tools: SHA-256, as lowercase hex, over the previous hash
//! followed by each field (seq, at, actor, entity, entity_id, customer_id, incident_id,
//! action, before, after), each written as `<byte length>:<text>;`, or `-;` when empty (NULL).

use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// The fields of one entry that its hash covers, besides the previous hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryFields {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub customer_id: Option<i64>,
    pub incident_id: Option<i64>,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One stored entry of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub fields: EntryFields,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of an entry chained to `prev_hash` (empty for the first entry).
pub fn chain_hash(prev_hash: &str, fields: &EntryFields) -> String {
    let mut hasher = Sha256::new();
    let mut put = |text: Option<&str>| match text {
        Some(text) => {
            hasher.update(text.len().to_string().as_bytes());
            hasher.update(b":");
            hasher.update(text.as_bytes());
            hasher.update(b";");
        }
        None => hasher.update(b"-;"),
    };
    let number = |n: Option<i64>| n.map(|n| n.to_string());
    put(Some(prev_hash));
    put(Some(&fields.seq.to_string()));
    put(Some(&fields.at));
    put(Some(&fields.actor));
    put(Some(&fields.entity));
    put(number(fields.entity_id).as_deref());
    put(number(fields.customer_id).as_deref());
    put(number(fields.incident_id).as_deref());
    put(Some(&fields.action));
    put(fields.before.as_deref());
    put(fields.after.as_deref());
    let mut hex = String::with_capacity(64);
    for byte in hasher.finalize() {
        hex.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
    }
    hex
}

/// Where the chain is broken, named by the entry's number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ChainBreak {
    /// The entry's contents, or its number, no longer match its hash.
    Altered {
        #[ts(type = "number")]
        seq: i64,
    },
    /// Entries `from` to `to` are gone.
    Missing {
        #[ts(type = "number")]
        from: i64,
        #[ts(type = "number")]
        to: i64,
    },
    /// The entry does not follow the one stored before it: that one was rewritten with a new
    /// hash, or the entries were put in another order.
    Unlinked {
        #[ts(type = "number")]
        seq: i64,
    },
}

/// The outcome of checking the whole log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Verification {
    #[ts(type = "number")]
    pub entries: u64,
    /// The hash of the last entry: note it down, or give it to an auditor, to detect later
    /// that entries were cut off the end.
    pub head_hash: String,
    /// The first breaks found (at most `MAX_BREAKS`).
    pub breaks: Vec<ChainBreak>,
}

pub const MAX_BREAKS: usize = 100;

/// Checks entries one by one, in the order of their numbers.
#[derive(Debug, Default)]
pub struct ChainCheck {
    entries: u64,
    last_seq: i64,
    last_hash: String,
    last_altered: bool,
    breaks: Vec<ChainBreak>,
}

impl ChainCheck {
    /// Checks the next entry against the one before it.
    pub fn check(&mut self, entry: &Entry) {
        let seq = entry.fields.seq;
        let gap = seq != self.last_seq + 1;
        if gap {
            self.push(ChainBreak::Missing {
                from: self.last_seq + 1,
                to: seq - 1,
            });
        }
        let altered = chain_hash(&entry.prev_hash, &entry.fields) != entry.hash;
        if altered {
            self.push(ChainBreak::Altered { seq });
        } else if !gap && !self.last_altered && entry.prev_hash != self.last_hash {
            // After an altered entry its stored hash proves nothing: that entry is named already.
            self.push(ChainBreak::Unlinked { seq });
        }
        self.last_altered = altered;
        self.entries += 1;
        self.last_seq = seq;
        self.last_hash = entry.hash.clone();
    }

    pub fn finish(self) -> Verification {
        Verification {
            entries: self.entries,
            head_hash: self.last_hash,
            breaks: self.breaks,
        }
    }

    fn push(&mut self, chain_break: ChainBreak) {
        if self.breaks.len() < MAX_BREAKS {
            self.breaks.push(chain_break);
        }
    }
}

/// One field that a change changed, its values as text (empty for none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// The fields whose values differ between `before` and `after` (JSON objects, either absent
/// for an insert or a delete). Fields empty on both sides are left out.
pub fn changed_fields(before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
    let object = |text: Option<&str>| -> serde_json::Map<String, serde_json::Value> {
        text.and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default()
    };
    let (before, after) = (object(before), object(after));
    let mut fields: Vec<&String> = after.keys().chain(before.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter_map(|field| {
            let old = text_of(before.get(field));
            let new = text_of(after.get(field));
            (old != new).then(|| FieldChange {
                field: field.clone(),
                before: old,
                after: new,
            })
        })
        .collect()
}

fn text_of(value: Option<&serde_json::Value>) -> String {
    match value {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: i64, prev_hash: &str, after: &str) -> Entry {
        let fields = EntryFields {
            seq,
            at: "2026-11-24T10:00:00.000Z".into(),
            actor: "Fatima".into(),
            entity: "customers".into(),
            entity_id: Some(seq),
            customer_id: Some(seq),
            incident_id: None,
            action: "insert".into(),
            before: None,
            after: Some(after.into()),
        };
        Entry {
            hash: chain_hash(prev_hash, &fields),
            fields,
            prev_hash: prev_hash.into(),
        }
    }

    fn chain(n: i64) -> Vec<Entry> {
        let mut entries: Vec<Entry> = Vec::new();
        for seq in 1..=n {
            let prev = entries.last().map_or(String::new(), |e| e.hash.clone());
            entries.push(entry(seq, &prev, &format!("{{\"name\":\"klant {seq}\"}}")));
        }
        entries
    }

    fn verify(entries: &[Entry]) -> Verification {
        let mut check = ChainCheck::default();
        entries.iter().for_each(|e| check.check(e));
        check.finish()
    }

    #[test]
    fn an_intact_chain_has_no_breaks_and_reports_its_head() {
        let entries = chain(5);
        let verification = verify(&entries);
        assert_eq!(verification.entries, 5);
        assert!(verification.breaks.is_empty());
        assert_eq!(verification.head_hash, entries[4].hash);
        assert_eq!(verification.head_hash.len(), 64);
    }

    #[test]
    fn each_kind_of_tampering_names_the_entry() {
        let mut edited = chain(5);
        edited[2].fields.after = Some("{\"name\":\"iemand anders\"}".into());
        assert_eq!(verify(&edited).breaks, [ChainBreak::Altered { seq: 3 }]);

        let mut removed = chain(5);
        removed.remove(1);
        assert_eq!(
            verify(&removed).breaks,
            [ChainBreak::Missing { from: 2, to: 2 }]
        );

        // Swapping two entries' contents, numbers kept: the hashes cover the number.
        let mut swapped = chain(5);
        let (a, b) = (swapped[1].clone(), swapped[2].clone());
        swapped[1] = Entry {
            fields: EntryFields { seq: 2, ..b.fields },
            ..b
        };
        swapped[2] = Entry {
            fields: EntryFields { seq: 3, ..a.fields },
            ..a
        };
        assert_eq!(
            verify(&swapped).breaks,
            [
                ChainBreak::Altered { seq: 2 },
                ChainBreak::Altered { seq: 3 }
            ]
        );

        // Rewritten with a correct hash of its own: the next entry no longer follows it.
        let mut rehashed = chain(5);
        rehashed[2].fields.actor = "Mallory".into();
        rehashed[2].hash = chain_hash(&rehashed[2].prev_hash, &rehashed[2].fields);
        assert_eq!(verify(&rehashed).breaks, [ChainBreak::Unlinked { seq: 4 }]);
    }

    #[test]
    fn the_hash_separates_fields_so_text_cannot_move_between_them() {
        let mut a = entry(1, "", "{}");
        let mut b = a.clone();
        a.fields.actor = "ab".into();
        a.fields.entity = "c".into();
        b.fields.actor = "a".into();
        b.fields.entity = "bc".into();
        assert_ne!(
            chain_hash("", &a.fields),
            chain_hash("", &b.fields),
            "field boundaries are part of the hash"
        );
        a.fields.before = Some(String::new());
        b.fields = a.fields.clone();
        b.fields.before = None;
        assert_ne!(chain_hash("", &a.fields), chain_hash("", &b.fields));
    }

    #[test]
    fn changed_fields_lists_only_what_differs() {
        let changes = changed_fields(
            Some(r#"{"name":"Lindeboom","address":"Laan 1","archived_at":null,"n":1}"#),
            Some(r#"{"name":"Lindeboom","address":"Laan 2","archived_at":null,"n":2}"#),
        );
        assert_eq!(
            changes,
            [
                FieldChange {
                    field: "address".into(),
                    before: "Laan 1".into(),
                    after: "Laan 2".into()
                },
                FieldChange {
                    field: "n".into(),
                    before: "1".into(),
                    after: "2".into()
                }
            ]
        );
        let inserted = changed_fields(None, Some(r#"{"name":"X","end":null}"#));
        assert_eq!(inserted.len(), 1, "empty fields of a new row are left out");
        assert_eq!(changed_fields(Some(r#"{"name":"X"}"#), None)[0].before, "X");
    }
}
