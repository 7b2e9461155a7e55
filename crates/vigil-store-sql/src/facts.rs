//! Each event as a country's rating reads it ([`vigil_core::RatedEvent`]),
//! kept in `event_facts` (migration 0020) so that a rating, and the
//! country page's counts, read those rows instead of the country's part of
//! the case file (issue 17).
//!
//! What is worked out here is plain Rust: from an event and the records it
//! refers to, its facts as the public sees them and as those with the
//! right do, and the rows that keep them. The backends' shared writes
//! (`write.rs`) gather the records and insert the rows in the write's
//! transaction; the shared reads (`read.rs`) sum and list them.

use std::collections::{HashMap, HashSet};

use vigil_core::{Event, EventType, OrganisationKind, RatedEvent, Record, RecordId};
use vigil_store::seal::{self, SealKey};
use vigil_store::StoreError;

/// An event's facts, once as each visibility sees them.
#[derive(Debug, PartialEq)]
pub struct Facts {
    /// As the public sees it: `None` when the public does not see it.
    pub public: Option<RatedEvent>,
    /// As those with the right see it.
    pub whole: RatedEvent,
}

/// `event`'s facts, given the live records it refers to and those the
/// persons among them are affiliated with (`referred`, whole, by id), and
/// the confidential records among all of these (`hidden`, deleted ones
/// too). The public's facts are computed from the records as
/// `Store::case_file` gives them to the public: redacted, without
/// references to what the public may not see.
pub fn facts_of(event: &Event, referred: &HashMap<String, Record>, hidden: &HashSet<RecordId>) -> Facts {
    let whole = rated(event, &|id| referred.get(id.as_str()).cloned());
    let public = Record::Event(event.clone())
        .redacted()
        .map(|r| r.without_references_to(hidden))
        .and_then(|r| match r {
            Record::Event(e) => Some(e),
            _ => None,
        })
        .map(|seen| {
            rated(&seen, &|id| {
                if hidden.contains(id) {
                    return None;
                }
                referred
                    .get(id.as_str())
                    .and_then(Record::redacted)
                    .map(|r| r.without_references_to(hidden))
            })
        });
    Facts { public, whole }
}

/// `event` as a rating reads it, each record it refers to as `look_up`
/// gives it (`None`: not seen).
fn rated(event: &Event, look_up: &dyn Fn(&RecordId) -> Option<Record>) -> RatedEvent {
    let is_union = |id: &RecordId| {
        matches!(look_up(id), Some(Record::Organisation(o))
            if matches!(o.kind, OrganisationKind::Union | OrganisationKind::Confederation))
    };
    // The union members among its participants (`union_members` over the
    // whole case file asks the same of each).
    let members: HashSet<RecordId> = event
        .participants
        .iter()
        .map(|p| &p.record_id)
        .filter(|id| match look_up(id) {
            Some(Record::Organisation(_)) => is_union(id),
            Some(Record::Person(p)) => p.affiliations.iter().any(|a| is_union(&a.organisation_id)),
            _ => false,
        })
        .cloned()
        .collect();
    RatedEvent::of(event, &members, |id| match look_up(id) {
        Some(Record::Event(e)) => Some(e.event_type),
        _ => None,
    })
}

/// The ids `event` refers to that its facts depend on: its participants
/// and the events it acts on.
pub fn referred_by(event: &Event) -> impl Iterator<Item = &RecordId> {
    event
        .participants
        .iter()
        .map(|p| &p.record_id)
        .chain(event.relates_to.iter())
}

/// The organisations a person among `referred` is affiliated with.
pub fn affiliated<'a>(referred: impl IntoIterator<Item = &'a Record>) -> Vec<&'a RecordId> {
    referred
        .into_iter()
        .flat_map(|r| match r {
            Record::Person(p) => p.affiliations.iter().map(|a| &a.organisation_id).collect(),
            _ => Vec::new(),
        })
        .collect()
}

/// One row of `event_facts`, ready to insert.
#[derive(Debug)]
pub struct FactsRow {
    pub public: bool,
    pub event_id: String,
    pub country: Option<String>,
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
    pub earliest: Option<vigil_core::Date>,
    pub latest: Option<vigil_core::Date>,
    pub event_type: Option<&'static str>,
    pub union_victim: Option<bool>,
    pub related_types: Option<String>,
    pub data: Option<String>,
    pub country_tag: Option<String>,
    pub sealed: Option<Vec<u8>>,
}

/// The rows that keep `event`'s facts ([`facts_of`], [`rows`]): none for
/// a pattern ([`Event::pattern`]), which is counted in no year, no "since"
/// and no sum, so a write that marks an event as a pattern takes its rows
/// away and one that clears the mark puts them back.
pub fn event_rows(
    key: &SealKey,
    event: &Event,
    referred: &HashMap<String, Record>,
    hidden: &HashSet<RecordId>,
) -> Result<Vec<FactsRow>, StoreError> {
    if event.pattern {
        return Ok(Vec::new());
    }
    rows(key, &facts_of(event, referred, hidden))
}

/// The rows that keep `facts`: the public's, in the clear, when the public
/// sees the event with a country; a sealed one for those with the right
/// when they see it otherwise, with a country.
pub fn rows(key: &SealKey, facts: &Facts) -> Result<Vec<FactsRow>, StoreError> {
    let mut out = Vec::new();
    if let Some(p) = facts.public.as_ref().filter(|p| p.country.is_some()) {
        out.push(FactsRow {
            public: true,
            event_id: p.id.as_str().to_owned(),
            country: p.country.clone(),
            first_year: Some(p.date.earliest().year()),
            last_year: Some(p.date.latest().year()),
            earliest: Some(p.date.earliest()),
            latest: Some(p.date.latest()),
            event_type: Some(p.event_type.as_str()),
            union_victim: Some(p.union_victim),
            related_types: Some(types_text(&p.related_types)),
            data: Some(serde_json::to_string(p).map_err(StoreError::backend)?),
            country_tag: None,
            sealed: None,
        });
    }
    let whole = &facts.whole;
    if let Some(country) = whole
        .country
        .as_deref()
        .filter(|_| facts.public.as_ref() != Some(whole))
    {
        let body = serde_json::to_vec(whole).map_err(StoreError::backend)?;
        out.push(FactsRow {
            public: false,
            event_id: whole.id.as_str().to_owned(),
            country: None,
            // The dates in the clear, so that a year's rating reads only
            // that year's sealed rows: they say when, not where or what.
            first_year: Some(whole.date.earliest().year()),
            last_year: Some(whole.date.latest().year()),
            earliest: Some(whole.date.earliest()),
            latest: Some(whole.date.latest()),
            event_type: None,
            union_victim: None,
            related_types: None,
            data: None,
            country_tag: Some(country_tag(key, country)),
            sealed: Some(seal::seal_bytes(key, aad(whole.id.as_str()).as_bytes(), &body)?),
        });
    }
    Ok(out)
}

/// What finds a country's sealed rows: a keyed hash of its code, so the
/// code of a confidential event's country is not in the clear.
pub fn country_tag(key: &SealKey, country: &str) -> String {
    let secret = key.derive("event facts: country tag");
    seal::keyed_hash(&secret, country.as_bytes())
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What a sealed row is bound to: its event.
pub fn aad(event_id: &str) -> String {
    format!("event-facts:{event_id}")
}

/// A sealed row's facts.
pub fn open(key: &SealKey, event_id: &str, sealed: &[u8]) -> Result<RatedEvent, StoreError> {
    let plain = seal::open_bytes(key, aad(event_id).as_bytes(), sealed)?;
    serde_json::from_slice(&plain).map_err(StoreError::backend)
}

/// Event types as the `related_types` column keeps them: space-separated,
/// sorted.
pub fn types_text(types: &[EventType]) -> String {
    types.iter().map(EventType::as_str).collect::<Vec<_>>().join(" ")
}

/// [`types_text`] read back.
pub fn types_from_text(text: &str) -> Result<Vec<EventType>, StoreError> {
    text.split_whitespace()
        .map(|t| t.parse::<EventType>().map_err(StoreError::backend))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_core::{Participant, Role};

    fn id(s: &str) -> RecordId {
        RecordId::parse(s).expect("an id")
    }

    fn record(json: serde_json::Value) -> Record {
        serde_json::from_value(json).expect("a record")
    }

    #[test]
    fn a_confidential_union_counts_only_for_those_with_the_right() {
        let mut referred = HashMap::new();
        referred.insert(
            "union".to_owned(),
            record(serde_json::json!({"kind": "organisation", "record": {"id": "union", "name": "U", "kind": "union", "confidential": true}})),
        );
        referred.insert(
            "member".to_owned(),
            record(serde_json::json!({"kind": "person", "record": {"id": "member", "name": "M", "affiliations": [{"organisation_id": "union"}]}})),
        );
        let mut e = Event::new(
            id("arrest"),
            EventType::Arrest,
            "2019-03".parse().expect("a date"),
            "Arrest",
        );
        e.country = Some("KZ".into());
        e.participants = vec![Participant {
            record_id: id("member"),
            role: Role::Victim,
        }];
        let hidden: HashSet<RecordId> = [id("union")].into();
        let facts = facts_of(&e, &referred, &hidden);
        assert!(facts.whole.union_victim);
        assert_eq!(facts.public.as_ref().map(|p| p.union_victim), Some(false));
        let key = SealKey::generate();
        let kept = rows(&key, &facts).expect("rows");
        assert_eq!(kept.len(), 2, "the public's row and a sealed one");
        let sealed = kept.iter().find(|r| !r.public).expect("sealed row");
        assert_eq!(sealed.country, None);
        assert_eq!(sealed.country_tag.as_deref(), Some(country_tag(&key, "KZ").as_str()));
        let opened = open(&key, "arrest", sealed.sealed.as_deref().expect("sealed")).expect("opens");
        assert_eq!(opened, facts.whole);
        // The same event seen alike by all: one row.
        referred.insert(
            "union".to_owned(),
            record(
                serde_json::json!({"kind": "organisation", "record": {"id": "union", "name": "U", "kind": "union"}}),
            ),
        );
        let plain = facts_of(&e, &referred, &HashSet::new());
        assert_eq!(plain.public.as_ref(), Some(&plain.whole));
        assert_eq!(rows(&key, &plain).expect("rows").len(), 1);
    }
}
