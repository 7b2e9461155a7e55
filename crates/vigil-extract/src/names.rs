//! Matching a name found in a text to the persons and organisations already
//! in the case file, whatever the spelling or script.
//!
//! Each word is reduced to its variant key ([`vigil_core::name::key`], the
//! one the search index uses too): the usual transliteration variants
//! collapse (Baltabay/Baltabai/Балтабай/Baltabayev, Tokaev/Tokayev/Тоқаев,
//! Nazarbaev/Nazarbayev, Kushakbaev/Kushakpaev, Max/Maks), so two
//! spellings of one name have the same keys. A match is
//! scored: 1.0 when the folded name is one of the record's names, 0.92 when
//! only the keys agree, 0.8 for a surname alone that only one record has,
//! less for a near spelling; context (an organisation named beside a person
//! that the person's record is affiliated with) adds a little.

use std::collections::{BTreeMap, BTreeSet};

use foldhash::{HashMap, HashMapExt};

use vigil_core::{
    name, Date, Event, EventType, Organisation, PartialDate, Person, Record, RecordId, RecordKind, Terms,
};

/// The variant keys of a name's words.
pub fn keys(name: &str) -> Vec<String> {
    words(name)
        .into_iter()
        .map(name::key)
        .filter(|k| !k.is_empty())
        .collect()
}

/// The words of a name as the tokeniser cuts them: an inner hyphen joins
/// (`Kassym-Jomart` is one word), anything else not a letter or digit cuts.
pub fn words(name: &str) -> Vec<&str> {
    crate::text::tokens(name, 0, name.len())
        .into_iter()
        .filter(|t| t.is_word())
        .map(|t| t.text)
        .collect()
}

/// Levenshtein similarity of two keys, 0..=1.
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<u8> = a.bytes().collect();
    let b: Vec<u8> = b.bytes().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[b.len()] as f64 / a.len().max(b.len()) as f64
}

/// The score from which a found name is said to be an existing record.
pub const MATCH_THRESHOLD: f64 = 0.75;

/// One name (or alias) of a record.
#[derive(Clone, Debug)]
pub struct NameEntry {
    pub record_id: RecordId,
    pub kind: RecordKind,
    pub name: String,
    pub folded: String,
    pub keys: Vec<String>,
    /// Which words of the name begin with a capital: a name written with
    /// capitals matches only where the text capitalises those words too
    /// ("Decent Work" is a union, "decent work" is not).
    pub capitals: Vec<bool>,
}

/// The persons, organisations and events already in the case file, indexed
/// for finding their names in a text and matching found names to them.
///
/// Kept current record by record ([`Known::upsert`], [`Known::remove`]), so
/// a server builds it once and follows the case file's changes instead of
/// reading the whole case file for every document.
#[derive(Clone, Debug, Default)]
pub struct Known {
    persons: BTreeMap<RecordId, Person>,
    organisations: BTreeMap<RecordId, Organisation>,
    /// Events, by slot: what matching reads of each ([`KnownEvent`]). A
    /// removed event's slot is emptied and its entries in the indexes
    /// below removed; the next event takes it. A server holds every public event, so each is kept
    /// small: a million events took most of a gigabyte as whole records.
    events: Vec<Option<KnownEvent>>,
    /// Emptied slots, taken again before the list grows: a server
    /// following edits for months does not keep a slot per edit.
    free_slots: Vec<u32>,
    event_slots: HashMap<RecordId, u32>,
    /// Events in the case file's order, earliest first: the order an event
    /// without named people is matched in.
    event_order: BTreeSet<(Date, u32)>,
    /// Names and aliases; a removed record's entries are emptied, not moved,
    /// so the indexes below stay valid.
    entries: Vec<Option<NameEntry>>,
    entries_of: HashMap<RecordId, Vec<usize>>,
    /// Entries by the key of their first word.
    by_first_key: HashMap<String, Vec<usize>>,
    /// Entries by the key of their last word.
    by_last_key: HashMap<String, Vec<usize>>,
    /// Events (slots) by the records taking part in them.
    events_by_participant: HashMap<RecordId, Vec<u32>>,
    /// First words (lowercase) of names written without a capital
    /// ("police"), with how many names begin so.
    lowercase_starts: HashMap<String, usize>,
}

/// What matching reads of a known event: whether a found event is one
/// already recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct KnownEvent {
    pub id: RecordId,
    pub event_type: EventType,
    pub date: PartialDate,
    pub place: Option<String>,
    pub victim_count: Option<u32>,
    pub terms: Option<Box<Terms>>,
    /// Who takes part (for forgetting the event again).
    participants: Box<[RecordId]>,
}

/// A match of a found name to a record.
#[derive(Clone, Debug, PartialEq)]
pub struct NameMatch {
    pub record_id: RecordId,
    pub kind: RecordKind,
    pub score: f64,
    /// The record's own name.
    pub name: String,
}

impl Known {
    pub fn new(persons: Vec<Person>, organisations: Vec<Organisation>, events: Vec<Event>) -> Self {
        let mut k = Known::default();
        for p in persons {
            k.upsert(Record::Person(p));
        }
        for o in organisations {
            k.upsert(Record::Organisation(o));
        }
        for e in events {
            k.upsert(Record::Event(e));
        }
        k
    }

    pub fn empty() -> Self {
        Self::default()
    }

    /// Adds a record, or replaces what was known of it. Only persons,
    /// organisations and events are known; any other record is ignored.
    /// Their quotes are not kept, and of an event only what matching
    /// reads ([`KnownEvent`]): a server holds every public event.
    pub fn upsert(&mut self, record: Record) {
        self.remove(record.id());
        match record {
            Record::Person(mut p) => {
                p.excerpts = Vec::new();
                let names: Vec<String> = p.names().map(str::to_owned).collect();
                self.add_names(&p.id, RecordKind::Person, names);
                self.persons.insert(p.id.clone(), p);
            }
            Record::Organisation(mut o) => {
                o.excerpts = Vec::new();
                let names: Vec<String> = o.names().map(str::to_owned).collect();
                self.add_names(&o.id, RecordKind::Organisation, names);
                self.organisations.insert(o.id.clone(), o);
            }
            Record::Event(e) => {
                let slot = match self.free_slots.pop() {
                    Some(slot) => slot,
                    None => {
                        let Ok(slot) = u32::try_from(self.events.len()) else {
                            return;
                        };
                        self.events.push(None);
                        slot
                    }
                };
                let mut participants: Vec<RecordId> = e.participants.into_iter().map(|p| p.record_id).collect();
                participants.sort_unstable();
                participants.dedup();
                for p in &participants {
                    self.events_by_participant.entry(p.clone()).or_default().push(slot);
                }
                self.event_order.insert((e.date.earliest(), slot));
                self.event_slots.insert(e.id.clone(), slot);
                self.events[slot as usize] = Some(KnownEvent {
                    id: e.id,
                    event_type: e.event_type,
                    date: e.date,
                    place: e.place,
                    victim_count: e.victim_count,
                    terms: e.terms.map(Box::new),
                    participants: participants.into_boxed_slice(),
                });
            }
            _ => {}
        }
    }

    /// Forgets a record (deleted, or no longer public). Unknown ids are
    /// ignored.
    pub fn remove(&mut self, id: &RecordId) {
        self.persons.remove(id);
        self.organisations.remove(id);
        if let Some(slot) = self.event_slots.remove(id) {
            if let Some(e) = self.events.get_mut(slot as usize).and_then(Option::take) {
                self.free_slots.push(slot);
                self.event_order.remove(&(e.date.earliest(), slot));
                for p in e.participants.iter() {
                    if let Some(slots) = self.events_by_participant.get_mut(p) {
                        slots.retain(|&s| s != slot);
                        if slots.is_empty() {
                            self.events_by_participant.remove(p);
                        }
                    }
                }
            }
        }
        for i in self.entries_of.remove(id).unwrap_or_default() {
            let Some(e) = self.entries[i].take() else { continue };
            for (map, key) in [
                (&mut self.by_first_key, &e.keys[0]),
                (&mut self.by_last_key, &e.keys[e.keys.len() - 1]),
            ] {
                if let Some(list) = map.get_mut(key) {
                    list.retain(|&j| j != i);
                    if list.is_empty() {
                        map.remove(key);
                    }
                }
            }
            if !e.capitals[0] {
                let start = words(&e.name)[0].to_lowercase();
                if let Some(n) = self.lowercase_starts.get_mut(&start) {
                    *n -= 1;
                    if *n == 0 {
                        self.lowercase_starts.remove(&start);
                    }
                }
            }
        }
    }

    fn add_names(&mut self, record_id: &RecordId, kind: RecordKind, names: Vec<String>) {
        for n in names {
            let words: Vec<&str> = words(&n);
            let keys: Vec<String> = words.iter().map(|w| name::key(w)).collect();
            if keys.is_empty() || keys.iter().any(String::is_empty) {
                continue;
            }
            let capitals: Vec<bool> = words
                .iter()
                .map(|w| w.chars().next().is_some_and(char::is_uppercase))
                .collect();
            if !capitals[0] {
                *self.lowercase_starts.entry(words[0].to_lowercase()).or_insert(0) += 1;
            }
            let i = self.entries.len();
            self.by_first_key.entry(keys[0].clone()).or_default().push(i);
            self.by_last_key
                .entry(keys[keys.len() - 1].clone())
                .or_default()
                .push(i);
            self.entries_of.entry(record_id.clone()).or_default().push(i);
            self.entries.push(Some(NameEntry {
                record_id: record_id.clone(),
                kind,
                folded: name::fold(&n),
                name: n,
                keys,
                capitals,
            }));
        }
    }

    /// Does a name written in lowercase begin with this (lowercase) word?
    pub fn starts_lowercase(&self, word: &str) -> bool {
        self.lowercase_starts.contains_key(word)
    }

    /// Every name and alias known.
    pub fn entries(&self) -> impl Iterator<Item = &NameEntry> {
        self.entries.iter().flatten()
    }

    /// Entries whose first word has this key.
    pub fn starting_with(&self, key: &str) -> &[usize] {
        self.by_first_key.get(key).map(Vec::as_slice).unwrap_or_default()
    }

    /// The entry at `i`, as [`Known::starting_with`] gives it.
    pub fn entry(&self, i: usize) -> Option<&NameEntry> {
        self.entries.get(i).and_then(Option::as_ref)
    }

    pub fn record_name(&self, id: &RecordId) -> Option<&str> {
        self.persons
            .get(id)
            .map(|p| p.name.as_str())
            .or_else(|| self.organisations.get(id).map(|o| o.name.as_str()))
    }

    pub fn person(&self, id: &RecordId) -> Option<&Person> {
        self.persons.get(id)
    }

    pub fn organisation(&self, id: &RecordId) -> Option<&Organisation> {
        self.organisations.get(id)
    }

    fn event_at(&self, slot: u32) -> Option<&KnownEvent> {
        self.events.get(slot as usize).and_then(Option::as_ref)
    }

    /// Events a record takes part in.
    pub fn events_of(&self, id: &RecordId) -> impl Iterator<Item = &KnownEvent> {
        self.events_by_participant
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(|&slot| self.event_at(slot))
    }

    /// Every event, earliest first.
    pub fn events(&self) -> impl Iterator<Item = &KnownEvent> {
        self.event_order.iter().filter_map(|&(_, slot)| self.event_at(slot))
    }

    /// How many persons, organisations and events are known.
    pub fn len(&self) -> usize {
        self.persons.len() + self.organisations.len() + self.event_slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The best record of `kind` that `found` names, if any scores at least
    /// [`MATCH_THRESHOLD`]. `context` lists records named nearby (an
    /// organisation beside a person): a candidate affiliated with one of
    /// them scores a little higher, and wins a tie.
    pub fn best_match(&self, found: &str, kind: RecordKind, context: &[RecordId]) -> Option<NameMatch> {
        let folded = name::fold(found);
        let found_keys = keys(found);
        if found_keys.is_empty() {
            return None;
        }
        let mut scores: HashMap<&RecordId, (f64, &NameEntry)> = HashMap::new();
        let mut candidates: Vec<usize> = Vec::new();
        candidates.extend(self.starting_with(&found_keys[0]));
        if let Some(v) = self.by_last_key.get(&found_keys[found_keys.len() - 1]) {
            candidates.extend(v);
        }
        // A near spelling of the last word: look the fuzzy way through
        // names ending in a key of similar length.
        let fuzzy_needed = candidates.is_empty();
        if fuzzy_needed {
            let last = &found_keys[found_keys.len() - 1];
            if last.len() >= 5 {
                for (k, v) in &self.by_last_key {
                    if k.as_bytes()[0] == last.as_bytes()[0]
                        && k.len().abs_diff(last.len()) <= 2
                        && similarity(k, last) >= 0.8
                    {
                        candidates.extend(v);
                    }
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        for i in candidates {
            let Some(e) = self.entry(i) else { continue };
            if e.kind != kind {
                continue;
            }
            let s = score(&folded, &found_keys, e);
            if s <= 0.0 {
                continue;
            }
            let entry = scores.entry(&e.record_id).or_insert((0.0, e));
            if s > entry.0 {
                *entry = (s, e);
            }
        }
        // Context: a person affiliated with an organisation named nearby.
        let mut ranked: Vec<(f64, &RecordId)> = scores
            .iter()
            .map(|(id, (s, _))| {
                let bonus = match kind {
                    RecordKind::Person => self
                        .person(id)
                        .filter(|p| p.affiliations.iter().any(|a| context.contains(&a.organisation_id)))
                        .map_or(0.0, |_| 0.05),
                    _ => 0.0,
                };
                ((s + bonus).min(1.0), *id)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let (best, id) = *ranked.first()?;
        if best < MATCH_THRESHOLD {
            return None;
        }
        // A surname alone that two records share is no match.
        if found_keys.len() == 1 && ranked.get(1).is_some_and(|(s, _)| (best - s).abs() < 1e-9) {
            return None;
        }
        Some(NameMatch {
            record_id: id.clone(),
            kind,
            score: (best * 100.0).round() / 100.0,
            name: self.record_name(id).unwrap_or_default().to_owned(),
        })
    }
}

/// How well a found name (folded, keyed) matches one name of a record.
fn score(folded: &str, found: &[String], e: &NameEntry) -> f64 {
    if folded == e.folded {
        return 1.0;
    }
    let stripped = folded.strip_prefix("the ").unwrap_or(folded);
    if stripped == e.folded.strip_prefix("the ").unwrap_or(&e.folded) {
        return 1.0;
    }
    if found == e.keys.as_slice() {
        return 0.92;
    }
    match (found.len(), e.keys.len()) {
        // A surname alone, or a given name with a surname of a one-word alias.
        (1, n) if n >= 2 && e.kind == RecordKind::Person => {
            if found[0] == e.keys[n - 1] {
                0.8
            } else if found[0].len() >= 6 && similarity(&found[0], &e.keys[n - 1]) >= 0.85 {
                0.72
            } else {
                0.0
            }
        }
        (a, b) if a == b => {
            let sims: Vec<f64> = found.iter().zip(&e.keys).map(|(x, y)| similarity(x, y)).collect();
            let min = sims.iter().cloned().fold(1.0, f64::min);
            if min >= 0.8 {
                0.7 + 0.2 * min
            } else {
                0.0
            }
        }
        // Given names and surname against surname only: same last word.
        (a, 1) if a >= 2 && e.kind == RecordKind::Person && found[a - 1] == e.keys[0] => 0.78,
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Extraction keys with the search index's function: the keys of a
    /// name are `vigil_core::name::key` of its words, nothing of its own.
    #[test]
    fn keys_are_the_core_keys_of_the_words() {
        let cf = vigil_demo::case_file().unwrap();
        let names = cf.persons.iter().flat_map(|p| p.names().map(str::to_owned)).chain(
            ["Yerlan Baltabayev", "Кушакбаевым", "Grigoryev", "Tchaikovsky"]
                .into_iter()
                .map(str::to_owned),
        );
        for n in names {
            let expected: Vec<String> = words(&n).into_iter().map(name::key).collect();
            assert_eq!(keys(&n), expected, "{n}");
        }
    }

    fn demo() -> Known {
        let cf = vigil_demo::case_file().unwrap();
        Known::new(cf.persons, cf.organisations, cf.events)
    }

    /// Known kept current record by record answers as one built anew.
    #[test]
    fn records_added_changed_and_removed_are_matched_as_they_now_are() {
        let cf = vigil_demo::case_file().unwrap();
        let mut k = Known::empty();
        for p in cf.persons.iter().cloned() {
            k.upsert(Record::Person(p));
        }
        for e in cf.events.iter().cloned() {
            k.upsert(Record::Event(e));
        }
        let m = |k: &Known, s: &str| {
            k.best_match(s, RecordKind::Person, &[])
                .map(|m| m.record_id.to_string())
        };
        assert_eq!(m(&k, "Erlan Baltabay"), Some("erlan-baltabay".into()));
        let id = RecordId::parse("erlan-baltabay").unwrap();
        let had_events = k.events_of(&id).count();
        assert!(had_events > 0);
        // Renamed: the new name finds the record, the old one no longer does.
        let mut p = k.person(&id).unwrap().clone();
        p.name = "Zhanbolat Mamay".into();
        p.aliases.clear();
        k.upsert(Record::Person(p));
        assert_eq!(m(&k, "Zhanbolat Mamay"), Some("erlan-baltabay".into()));
        assert_eq!(m(&k, "Erlan Baltabay"), None);
        assert_eq!(k.starting_with(&name::key("Erlan")).len(), 0);
        // Removed: neither the person nor their events are known.
        k.remove(&id);
        assert_eq!(m(&k, "Zhanbolat Mamay"), None);
        assert!(k.person(&id).is_none());
        for e in cf
            .events
            .iter()
            .filter(|e| e.participants.iter().any(|p| p.record_id == id))
        {
            k.remove(&e.id);
        }
        assert_eq!(k.events_of(&id).count(), 0);
        // Every other person is matched as by a Known built anew.
        let fresh = Known::new(
            cf.persons.iter().filter(|p| p.id != id).cloned().collect(),
            vec![],
            vec![],
        );
        for p in cf.persons.iter().filter(|p| p.id != id) {
            for n in p.names() {
                assert_eq!(m(&k, n), m(&fresh, n), "{n}");
            }
        }
        // A name written in lowercase stops starting names once removed.
        let police = Organisation {
            id: RecordId::parse("riot-police").unwrap(),
            name: "riot police".into(),
            aliases: vec![],
            kind: vigil_core::OrganisationKind::StateBody,
            parent_id: None,
            country: None,
            status: vigil_core::OrganisationStatus::Unknown,
            excerpts: vec![],
            confidential: false,
            confidential_fields: vec![],
        };
        k.upsert(Record::Organisation(police.clone()));
        assert!(k.starts_lowercase("riot"));
        k.remove(&police.id);
        assert!(!k.starts_lowercase("riot"));
    }

    #[test]
    fn found_names_match_their_records() {
        let k = demo();
        let m = |s: &str, kind| k.best_match(s, kind, &[]).map(|m| (m.record_id.to_string(), m.score));
        assert_eq!(
            m("Erlan Baltabai", RecordKind::Person),
            Some(("erlan-baltabay".into(), 1.0))
        );
        assert_eq!(
            m("Ерлан Балтабай", RecordKind::Person),
            Some(("erlan-baltabay".into(), 1.0))
        );
        assert_eq!(
            m("Tokaev", RecordKind::Person),
            Some(("kassym-jomart-tokayev".into(), 1.0))
        );
        assert_eq!(
            m("Kassym-Jomart Tokaev", RecordKind::Person).map(|m| m.0),
            Some("kassym-jomart-tokayev".into())
        );
        // The Russian form of a Kazakh surname is the same person's name
        // (Baltabay, Baltabayev); another surname is not.
        assert_eq!(
            m("Yerlan Baltabayev", RecordKind::Person),
            Some(("erlan-baltabay".into(), 0.92))
        );
        assert_eq!(m("Yerlan Baltabekov", RecordKind::Person), None);
        assert_eq!(m("FEWU", RecordKind::Organisation), Some(("fewu".into(), 1.0)));
        assert_eq!(
            m(
                "Confederation of Independent Trade Unions of Kazakhstan",
                RecordKind::Organisation
            ),
            Some(("knprk".into(), 1.0))
        );
        assert_eq!(m("Aigul Utepova", RecordKind::Person), None);
        // Every spelling of every demo person finds that person, and so do
        // the usual others.
        let cf = vigil_demo::case_file().unwrap();
        for p in &cf.persons {
            for n in p.names() {
                assert_eq!(m(n, RecordKind::Person).map(|m| m.0), Some(p.id.to_string()), "{n}");
            }
        }
        for (n, id) in [
            ("Erlan Baltabaev", "erlan-baltabay"),
            ("Балтабаев", "erlan-baltabay"),
            ("Nurbek Kushakbayev", "nurbek-kushakbaev"),
            ("Yeleussinov", "amin-eleusinov"),
            ("Larisa Harkova", "larisa-kharkova"),
            ("Maks Bokayev", "max-bokaev"),
            ("Nursultan Nazarbaiev", "nursultan-nazarbayev"),
            ("Tokai", "kassym-jomart-tokayev"),
        ] {
            assert_eq!(m(n, RecordKind::Person).map(|m| m.0), Some(id.to_owned()), "{n}");
        }
        // A near spelling still finds the record, with a lower score.
        let near = k.best_match("Erlan Baltabaj", RecordKind::Person, &[]).unwrap();
        assert_eq!(near.record_id.as_str(), "erlan-baltabay");
        assert!(near.score < 1.0 && near.score >= MATCH_THRESHOLD);
    }

    /// An event edited again and again keeps one slot: a server that
    /// follows a case file's edits does not grow with them.
    #[test]
    fn an_event_edited_again_and_again_keeps_one_slot() {
        let cf = vigil_demo::case_file().unwrap();
        let mut k = Known::new(cf.persons.clone(), cf.organisations.clone(), cf.events.clone());
        let slots = k.events.len();
        let event = cf.events.iter().find(|e| !e.participants.is_empty()).unwrap().clone();
        let person = event.participants[0].record_id.clone();
        let before: Vec<RecordId> = k.events_of(&person).map(|e| e.id.clone()).collect();
        for _ in 0..1_000 {
            k.upsert(Record::Event(event.clone()));
        }
        assert_eq!(k.events.len(), slots);
        let mut after: Vec<RecordId> = k.events_of(&person).map(|e| e.id.clone()).collect();
        let mut expected = before;
        expected.sort();
        after.sort();
        assert_eq!(after, expected);
        assert_eq!(k.len(), cf.persons.len() + cf.organisations.len() + cf.events.len());
    }
}
