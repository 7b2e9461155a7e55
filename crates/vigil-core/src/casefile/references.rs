//! The one check of a record against the rest of a case file: its
//! references resolve to records of the right kind, and each excerpt quotes
//! its source at the stated byte offsets.
//!
//! Pure: the caller hands over what it already knows (a case file in
//! memory, or the rows a store fetched in its transaction) through
//! [`Known`]. [`crate::CaseFile::validate`] and every store's write path use
//! it, so they cannot disagree about what is coherent.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use crate::id::RecordId;
use crate::model::{FieldError, Record};
use crate::vocab::RecordKind;

/// What the check may ask about other records.
pub trait Known {
    /// The kind of the (live) record `id`, if there is one.
    fn kind(&self, id: &RecordId) -> Option<RecordKind>;

    /// The text of source `id`, if it is known. An excerpt of an unknown
    /// source is not checked: its missing reference is reported instead.
    fn source_text(&self, id: &RecordId) -> Option<&str>;

    /// Whether the record `id` is confidential.
    fn is_confidential(&self, id: &RecordId) -> bool;
}

/// What is known as two maps: the kinds of live records and the texts of
/// sources (keyed by `RecordId` or `&RecordId`).
pub struct Maps<'a, K, T> {
    pub kinds: &'a HashMap<K, RecordKind>,
    pub texts: &'a HashMap<K, T>,
    /// The confidential records among them.
    pub confidential: &'a HashSet<K>,
}

impl<K: Borrow<RecordId> + Hash + Eq, T: AsRef<str>> Known for Maps<'_, K, T> {
    fn kind(&self, id: &RecordId) -> Option<RecordKind> {
        self.kinds.get(id).copied()
    }

    fn source_text(&self, id: &RecordId) -> Option<&str> {
        self.texts.get(id).map(AsRef::as_ref)
    }

    fn is_confidential(&self, id: &RecordId) -> bool {
        self.confidential.contains(id)
    }
}

/// One way a record does not fit the case file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misfit {
    /// `field` names a record that does not exist.
    Missing { field: String, id: RecordId },
    /// `field` names a record of another kind than it may.
    WrongKind {
        field: String,
        id: RecordId,
        actual: RecordKind,
        expected: RecordKind,
    },
    /// A public record names at `field` a confidential one it cannot be
    /// shown without ([`crate::REQUIRED_REFERENCES`]): it would show the
    /// hidden record's id to everyone.
    Exposes {
        field: String,
        id: RecordId,
        kind: RecordKind,
    },
    /// Excerpt `index` does not occur at its offsets in its source.
    Misquoted {
        index: usize,
        start: usize,
        end: usize,
        source: RecordId,
    },
}

impl Misfit {
    pub fn field(&self) -> String {
        match self {
            Misfit::Missing { field, .. } | Misfit::WrongKind { field, .. } | Misfit::Exposes { field, .. } => {
                field.clone()
            }
            Misfit::Misquoted { index, .. } => format!("excerpts[{index}]"),
        }
    }

    /// The message a store gives for it (a case file words a misquote a
    /// little differently, see [`crate::CaseFile::validate`]).
    pub fn message(&self) -> String {
        match self {
            Misfit::Missing { id, .. } => format!("no record '{id}'"),
            Misfit::WrongKind {
                id, actual, expected, ..
            } => format!("'{id}' is a {actual}, not a {expected}"),
            Misfit::Exposes { id, kind, .. } => {
                format!("'{id}' is confidential, and this {kind} cannot be shown without it: mark it confidential too")
            }
            Misfit::Misquoted { start, end, source, .. } => {
                format!("the quoted text does not occur at bytes {start}..{end} of source '{source}'")
            }
        }
    }
}

impl From<Misfit> for FieldError {
    fn from(m: Misfit) -> Self {
        FieldError::new(m.field(), m.message())
    }
}

/// Every way `record` does not fit what `known` knows, in order:
/// references first, then excerpts.
pub fn check(record: &Record, known: &impl Known) -> Vec<Misfit> {
    let mut out = Vec::new();
    for reference in record.references() {
        match known.kind(reference.id) {
            None => out.push(Misfit::Missing {
                field: reference.field,
                id: reference.id.clone(),
            }),
            Some(actual) if !reference.kinds.contains(&actual) => out.push(Misfit::WrongKind {
                field: reference.field,
                id: reference.id.clone(),
                actual,
                expected: reference.kinds[0],
            }),
            Some(_) if reference.is_required() && !record.is_confidential() && known.is_confidential(reference.id) => {
                out.push(Misfit::Exposes {
                    field: reference.field,
                    id: reference.id.clone(),
                    kind: record.kind(),
                })
            }
            Some(_) => {}
        }
    }
    for (index, e) in record.excerpts().iter().enumerate() {
        if let Some(text) = known.source_text(&e.source_id) {
            if !e.matches(text) {
                out.push(Misfit::Misquoted {
                    index,
                    start: e.start,
                    end: e.end,
                    source: e.source_id.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Excerpt, Participant};
    use crate::vocab::{EventType, Role};

    fn id(s: &str) -> RecordId {
        RecordId::parse(s).expect("id")
    }

    fn arrest(participant: &str, excerpt: Excerpt) -> Record {
        Record::Event(Event {
            participants: vec![Participant {
                record_id: id(participant),
                role: Role::Victim,
            }],
            excerpts: vec![excerpt],
            ..Event::new(
                id("e-1"),
                EventType::Arrest,
                "2019-02-22".parse().expect("date"),
                "Arrest",
            )
        })
    }

    fn quote(start: usize, end: usize, text: &str) -> Excerpt {
        Excerpt {
            source_id: id("s-1"),
            start,
            end,
            text: text.into(),
            claim: None,
        }
    }

    #[test]
    fn each_misfit_is_named_by_its_field() {
        let kinds = HashMap::from([(id("s-1"), RecordKind::Source), (id("o-1"), RecordKind::Organisation)]);
        let texts = HashMap::from([(id("s-1"), "Erlan Baltabay was arrested.")]);
        let known = Maps {
            kinds: &kinds,
            texts: &texts,
            confidential: &HashSet::new(),
        };
        assert_eq!(check(&arrest("o-1", quote(0, 5, "Erlan")), &known), []);
        let misfits = check(&arrest("p-404", quote(1, 6, "Erlan")), &known);
        assert_eq!(
            misfits,
            [
                Misfit::Missing {
                    field: "participants[0].record_id".into(),
                    id: id("p-404")
                },
                Misfit::Misquoted {
                    index: 0,
                    start: 1,
                    end: 6,
                    source: id("s-1")
                },
            ]
        );
        assert_eq!(misfits[1].field(), "excerpts[0]");
        assert_eq!(
            misfits[1].message(),
            "the quoted text does not occur at bytes 1..6 of source 's-1'"
        );
        let wrong = check(&arrest("s-1", quote(0, 5, "Erlan")), &known);
        assert_eq!(wrong.len(), 1);
        assert_eq!(wrong[0].message(), "'s-1' is a source, not a person");
        // A quote of a source not known is not checked: its reference is
        // what is missing.
        let unknown = Maps {
            kinds: &kinds,
            texts: &HashMap::<RecordId, &str>::new(),
            confidential: &HashSet::new(),
        };
        assert_eq!(check(&arrest("o-1", quote(1, 6, "Erlan")), &unknown), []);
    }

    #[test]
    fn a_public_record_may_not_require_a_confidential_one() {
        let pledge = |confidential: bool| -> Record {
            serde_json::from_value(serde_json::json!({"kind": "pledge", "record": {
                "id": "pl-1", "title": "Registration", "country": "KZ", "by_id": "p-secret",
                "date": "2019", "confidential": confidential,
            }}))
            .expect("pledge")
        };
        let kinds = HashMap::from([(id("p-secret"), RecordKind::Person)]);
        let texts = HashMap::<RecordId, &str>::new();
        let hidden = HashSet::from([id("p-secret")]);
        let known = |confidential| Maps {
            kinds: &kinds,
            texts: &texts,
            confidential,
        };
        assert_eq!(
            check(&pledge(false), &known(&hidden)),
            [Misfit::Exposes {
                field: "by_id".into(),
                id: id("p-secret"),
                kind: RecordKind::Pledge,
            }]
        );
        assert_eq!(check(&pledge(true), &known(&hidden)), []);
        assert_eq!(check(&pledge(false), &known(&HashSet::new())), []);
    }
}
