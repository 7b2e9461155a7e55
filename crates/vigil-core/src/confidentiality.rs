//! What of a record those without the right may read.
//!
//! A whole record can be confidential (`"confidential": true`: a witness),
//! or only some of its fields (`"confidential_fields": ["address"]`: a
//! victim's address). [`Record::redacted`] is the one function that turns a
//! record into what a viewer without the right sees; everything shown to
//! such a viewer passes through it.

use serde_json::Value;

use crate::model::{FieldError, Record};
use crate::vocab::RecordKind;

/// What a withheld name or title reads as.
pub const WITHHELD: &str = "[withheld]";

/// The fields of each kind that may be marked confidential.
pub fn allowed_fields(kind: RecordKind) -> &'static [&'static str] {
    match kind {
        RecordKind::Person => &[
            "name",
            "aliases",
            "sex",
            "occupation",
            "country",
            "address",
            "affiliations",
            "excerpts",
        ],
        RecordKind::Organisation => &["aliases", "country", "excerpts"],
        RecordKind::Event => &[
            "title",
            "place",
            "description",
            "participants",
            "victim_count",
            "excerpts",
        ],
        RecordKind::Case => &["description", "person_ids", "event_ids"],
        RecordKind::Source => &["publisher", "url"],
        RecordKind::Mechanism => &["excerpts"],
        RecordKind::Review => &["session", "case_number", "excerpts"],
        RecordKind::Recommendation => &["concerns", "excerpts"],
        RecordKind::Pledge => &["excerpts"],
        RecordKind::Assessment => &["note", "evidence", "excerpts"],
        RecordKind::RatingRule => &["description"],
    }
}

pub(crate) fn check_fields(record: &Record, errors: &mut Vec<FieldError>) {
    let allowed = allowed_fields(record.kind());
    for (i, f) in record.confidential_fields().iter().enumerate() {
        if !allowed.contains(&f.as_str()) {
            errors.push(FieldError::new(
                format!("confidential_fields[{i}]"),
                format!(
                    "a {} cannot mark '{f}' confidential (allowed: {})",
                    record.kind(),
                    allowed.join(", ")
                ),
            ));
        }
    }
}

fn record_body(record: &Record) -> Option<(Value, &'static str)> {
    let Ok(Value::Object(mut outer)) = serde_json::to_value(record) else {
        return None;
    };
    let body = outer.remove("record")?;
    Some((body, record.kind().as_str()))
}

fn from_body(kind: &str, body: Value) -> Option<Record> {
    serde_json::from_value(serde_json::json!({ "kind": kind, "record": body })).ok()
}

impl Record {
    /// The record as someone without the right to confidential content sees
    /// it: `None` for a confidential record; otherwise the record with each
    /// confidential field emptied (a name or title reads "[withheld]").
    /// The list of which fields were withheld stays, so pages can say so.
    pub fn redacted(&self) -> Option<Record> {
        if self.is_confidential() {
            return None;
        }
        if self.confidential_fields().is_empty() {
            return Some(self.clone());
        }
        let (mut body, kind) = record_body(self)?;
        if let Value::Object(map) = &mut body {
            for field in self.confidential_fields() {
                match field.as_str() {
                    "name" | "title" => {
                        map.insert(field.clone(), Value::String(WITHHELD.into()));
                    }
                    other => {
                        map.remove(other);
                    }
                }
            }
        }
        let mut out = from_body(kind, body)?;
        if let Record::Event(e) = &mut out {
            e.settle_claims();
            // A claim's place is withheld with the event's own.
            if e.confidential_fields.iter().any(|f| f == "place") {
                e.claims.iter_mut().for_each(|c| c.place = None);
            }
        }
        Some(out)
    }

    /// The record as the public sees it when `current` is its latest state:
    /// an old revision is withheld by its own marks and by every mark the
    /// record bears now (a field marked confidential later was confidential
    /// all along), and not at all when the record is confidential now.
    pub fn redacted_as_of_now(&self, current: &Record) -> Option<Record> {
        if current.is_confidential() {
            return None;
        }
        let mut marked = self.clone();
        let extra: Vec<String> = current
            .confidential_fields()
            .iter()
            .filter(|f| !self.confidential_fields().contains(f) && allowed_fields(self.kind()).contains(&f.as_str()))
            .cloned()
            .collect();
        if !extra.is_empty() {
            let (mut body, kind) = record_body(self)?;
            if let Value::Object(map) = &mut body {
                let mut fields: Vec<Value> = self.confidential_fields().iter().cloned().map(Value::String).collect();
                fields.extend(extra.into_iter().map(Value::String));
                map.insert("confidential_fields".into(), Value::Array(fields));
            }
            marked = from_body(kind, body)?;
        }
        marked.redacted()
    }

    /// For a writer without the right: their version of the record, with
    /// every reference they could not see (to confidential records, or in
    /// withheld fields) taken back from `full`, the whole current state, of
    /// which they were shown `seen`. Saving what they were shown never
    /// erases what they were not.
    pub fn with_references_kept(&self, full: &Record, seen: &Record) -> Record {
        let mut out = self.clone();
        fn keep<T: Clone + PartialEq>(mine: &mut Vec<T>, full: &[T], seen: &[T]) {
            for x in full {
                if !seen.contains(x) && !mine.contains(x) {
                    mine.push(x.clone());
                }
            }
        }
        match (&mut out, full, seen) {
            (Record::Person(m), Record::Person(f), Record::Person(s)) => {
                keep(&mut m.affiliations, &f.affiliations, &s.affiliations);
                keep(&mut m.excerpts, &f.excerpts, &s.excerpts);
            }
            (Record::Organisation(m), Record::Organisation(f), Record::Organisation(s)) => {
                if s.parent_id.is_none() && m.parent_id.is_none() {
                    m.parent_id = f.parent_id.clone();
                }
                keep(&mut m.excerpts, &f.excerpts, &s.excerpts);
            }
            (Record::Event(m), Record::Event(f), Record::Event(s)) => {
                keep(&mut m.participants, &f.participants, &s.participants);
                keep(&mut m.relates_to, &f.relates_to, &s.relates_to);
                keep(&mut m.excerpts, &f.excerpts, &s.excerpts);
                // An account only a confidential source gives was not shown.
                for c in &f.claims {
                    let shown = s.claims.iter().any(|x| x.key == c.key);
                    if !shown && !m.claims.iter().any(|x| x.key == c.key) {
                        m.claims.push(c.clone());
                    }
                }
            }
            (Record::Case(m), Record::Case(f), Record::Case(s)) => {
                keep(&mut m.event_ids, &f.event_ids, &s.event_ids);
                keep(&mut m.person_ids, &f.person_ids, &s.person_ids);
            }
            (Record::Recommendation(m), Record::Recommendation(f), Record::Recommendation(s)) => {
                keep(&mut m.concerns, &f.concerns, &s.concerns);
                keep(&mut m.excerpts, &f.excerpts, &s.excerpts);
            }
            (Record::Assessment(m), Record::Assessment(f), Record::Assessment(s)) => {
                keep(&mut m.evidence, &f.evidence, &s.evidence);
                keep(&mut m.excerpts, &f.excerpts, &s.excerpts);
            }
            (Record::Pledge(m), Record::Pledge(f), Record::Pledge(s)) => {
                keep(&mut m.excerpts, &f.excerpts, &s.excerpts);
            }
            (Record::Review(m), Record::Review(f), Record::Review(s)) => {
                keep(&mut m.excerpts, &f.excerpts, &s.excerpts);
            }
            _ => {}
        }
        out
    }

    /// For a writer without the right to confidential content: `self` as
    /// they submitted it, with every field they could not see taken back
    /// from `current`, and the confidentiality marks kept as they were. A
    /// writer cannot erase or reveal what they were never shown.
    pub fn keeping_hidden_from(&self, current: &Record) -> Option<Record> {
        if current.kind() != self.kind() {
            return None;
        }
        let (mut body, kind) = record_body(self)?;
        let (current_body, _) = record_body(current)?;
        if let (Value::Object(map), Value::Object(cur)) = (&mut body, &current_body) {
            for field in current.confidential_fields() {
                match cur.get(field) {
                    Some(v) => map.insert(field.clone(), v.clone()),
                    None => map.remove(field),
                };
            }
            for key in ["confidential", "confidential_fields"] {
                match cur.get(key) {
                    Some(v) => map.insert(key.into(), v.clone()),
                    None => map.remove(key),
                };
            }
        }
        from_body(kind, body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;
    use crate::RecordId;

    fn witness() -> Person {
        Person {
            aliases: vec!["A. S.".into()],
            occupation: Some("miner".into()),
            country: Some("KZ".into()),
            address: Some("12 Hidden Street".into()),
            confidential_fields: vec!["name".into(), "aliases".into(), "address".into()],
            ..Person::named(RecordId::parse("w1").unwrap(), "Aigul Secret")
        }
    }

    #[test]
    fn redaction_withholds_marked_fields_only() {
        let r = Record::Person(witness()).redacted().unwrap();
        let Record::Person(p) = r else { panic!() };
        assert_eq!(p.name, WITHHELD);
        assert!(p.aliases.is_empty());
        assert_eq!(p.address, None);
        assert_eq!(p.occupation.as_deref(), Some("miner"));
        let json = serde_json::to_string(&p).unwrap();
        assert!(!json.contains("Secret") && !json.contains("Hidden"));
    }

    #[test]
    fn a_confidential_record_is_withheld_whole() {
        let mut w = witness();
        w.confidential = true;
        assert!(Record::Person(w).redacted().is_none());
    }

    #[test]
    fn writers_without_the_right_keep_what_they_could_not_see() {
        let current = Record::Person(witness());
        let Some(Record::Person(mut seen)) = current.redacted() else {
            panic!()
        };
        seen.occupation = Some("union organiser".into());
        seen.confidential_fields.clear(); // an attempt to reveal
        let Some(Record::Person(saved)) = Record::Person(seen).keeping_hidden_from(&current) else {
            panic!()
        };
        assert_eq!(saved.name, "Aigul Secret");
        assert_eq!(saved.address.as_deref(), Some("12 Hidden Street"));
        assert_eq!(saved.occupation.as_deref(), Some("union organiser"));
        assert_eq!(saved.confidential_fields.len(), 3);
    }

    #[test]
    fn only_allowed_fields_may_be_marked() {
        let mut w = witness();
        w.confidential_fields.push("id".into());
        let errors = Record::Person(w).validate().unwrap_err();
        assert!(errors.iter().any(|e| e.field == "confidential_fields[3]"));
    }
}

impl Record {
    /// The record without its references to `hidden` records (ones the
    /// viewer may not see): a public event does not reveal that a
    /// confidential witness took part, not even by an id.
    pub fn without_references_to(&self, hidden: &std::collections::HashSet<crate::RecordId>) -> Record {
        let mut r = self.clone();
        if hidden.is_empty() {
            return r;
        }
        let keep = |id: &crate::RecordId| !hidden.contains(id);
        match &mut r {
            Record::Person(p) => {
                p.affiliations.retain(|a| keep(&a.organisation_id));
                p.excerpts.retain(|x| keep(&x.source_id));
            }
            Record::Organisation(o) => {
                if o.parent_id.as_ref().is_some_and(|p| !keep(p)) {
                    o.parent_id = None;
                }
                o.excerpts.retain(|x| keep(&x.source_id));
            }
            Record::Event(e) => {
                e.participants.retain(|p| keep(&p.record_id));
                // An account naming a hidden record is withheld whole, with
                // the passages stating it: cut down, it would say another
                // thing (or nothing).
                let hiding: Vec<String> = e
                    .claims
                    .iter()
                    .filter(|c| c.participants.iter().flatten().any(|p| !keep(&p.record_id)))
                    .map(|c| c.key.clone())
                    .collect();
                if !hiding.is_empty() {
                    e.claims.retain(|c| !hiding.contains(&c.key));
                    e.excerpts
                        .retain(|x| x.claim.as_ref().is_none_or(|k| !hiding.contains(k)));
                }
                e.relates_to.retain(keep);
                e.excerpts.retain(|x| keep(&x.source_id));
                e.settle_claims();
            }
            Record::Case(c) => {
                c.event_ids.retain(keep);
                c.person_ids.retain(keep);
            }
            Record::Source(_) => {}
            Record::RatingRule(rule) => {
                if rule.organisation_id.as_ref().is_some_and(|o| !keep(o)) {
                    rule.organisation_id = None;
                }
            }
            Record::Mechanism(m) => {
                if m.organisation_id.as_ref().is_some_and(|o| !keep(o)) {
                    m.organisation_id = None;
                }
                m.excerpts.retain(|x| keep(&x.source_id));
            }
            Record::Review(rv) => {
                if rv.event_id.as_ref().is_some_and(|e| !keep(e)) {
                    rv.event_id = None;
                }
                rv.excerpts.retain(|x| keep(&x.source_id));
            }
            Record::Recommendation(rc) => {
                rc.concerns.retain(keep);
                rc.excerpts.retain(|x| keep(&x.source_id));
            }
            Record::Pledge(p) => {
                if p.event_id.as_ref().is_some_and(|e| !keep(e)) {
                    p.event_id = None;
                }
                p.excerpts.retain(|x| keep(&x.source_id));
            }
            Record::Assessment(a) => {
                a.evidence.retain(|e| keep(&e.event_id));
                a.excerpts.retain(|x| keep(&x.source_id));
            }
        }
        r
    }
}

#[cfg(test)]
mod hidden_reference_tests {
    use std::collections::HashSet;

    use crate::{Event, EventType, Participant, Record, RecordId, Role};

    #[test]
    fn references_to_hidden_records_are_dropped() {
        let id = |s: &str| RecordId::parse(s).unwrap();
        let e = Event {
            participants: vec![
                Participant {
                    record_id: id("public-victim"),
                    role: Role::Victim,
                },
                Participant {
                    record_id: id("secret-witness"),
                    role: Role::Actor,
                },
            ],
            ..Event::new(id("e"), EventType::Interrogation, "2019".parse().unwrap(), "t")
        };
        let hidden: HashSet<RecordId> = [id("secret-witness")].into();
        let Record::Event(seen) = Record::Event(e).without_references_to(&hidden) else {
            panic!()
        };
        assert_eq!(seen.participants.len(), 1);
        assert_eq!(seen.participants[0].record_id.as_str(), "public-victim");
    }

    /// What cannot be dropped is exactly what a record requires: every
    /// other reference to a hidden record goes, so a record that keeps one
    /// must be withheld with it (`crate::REQUIRED_REFERENCES`).
    #[test]
    fn only_required_references_survive_hiding_everything() {
        let records: Vec<Record> = [
            serde_json::json!({"kind": "pledge", "record": {"id": "pl", "title": "t", "country": "KZ",
                "by_id": "p", "date": "2019", "event_id": "e",
                "excerpts": [{"source_id": "s", "start": 0, "end": 1, "text": "a"}]}}),
            serde_json::json!({"kind": "review", "record": {"id": "rv", "title": "t", "mechanism_id": "m",
                "country": "KZ", "date": "2019", "event_id": "e"}}),
            serde_json::json!({"kind": "recommendation", "record": {"id": "rc", "title": "t", "text": "x",
                "review_id": "rv", "concerns": ["p", "e"]}}),
            serde_json::json!({"kind": "assessment", "record": {"id": "a", "title": "t", "subject_id": "pl",
                "date": "2019", "status": "not_implemented", "by_id": "o",
                "evidence": [{"event_id": "e", "bearing": "contradicts"}]}}),
            serde_json::json!({"kind": "rating_rule", "record": {"id": "rr", "name": "t", "organisation_id": "o",
                "indicators": [], "thresholds": []}}),
        ]
        .into_iter()
        .filter_map(|v| serde_json::from_value(v.clone()).map_err(|e| panic!("{v}: {e}")).ok())
        .collect();
        for record in &records {
            let every: HashSet<RecordId> = record.references().iter().map(|r| r.id.clone()).collect();
            let kept = record.without_references_to(&every);
            let left: Vec<String> = kept.references().into_iter().map(|r| r.field).collect();
            let required: Vec<String> = record
                .references()
                .into_iter()
                .filter(|r| r.is_required())
                .map(|r| r.field)
                .collect();
            assert_eq!(left, required, "{}", record.id());
        }
    }
}
