//! The reads a country's views are made of (`records`, `referring`,
//! `in_country`, `countries`, `records_of_kind`), held to the whole case
//! file as each visibility sees it: the same records, so views built from
//! them are the views of the whole.

use std::collections::{BTreeMap, BTreeSet};

use vigil_core::{CaseFile, EventType, Participant, Record, RecordId, RecordKind, Role};

use super::{editor, id, loaded};
use crate::{Page, Store, Visibility};

/// Beside the demo's Kazakhstan: a Kazakh event abroad, a person whose
/// country (Belarus) is withheld from the public, a confidential person of
/// Kazakhstan, and a Belarusian event created then deleted. Returns the
/// demo.
pub async fn with_other_countries<S: Store>(store: &S) -> CaseFile {
    let demo = loaded(store).await;
    // A sentence abroad of a Kazakh national it is the only restraint of:
    // the country's counts must read it, though it is not the country's.
    let mut abroad = demo
        .events
        .iter()
        .find(|e| e.event_type == EventType::Sentence)
        .expect("the demo has a sentence")
        .clone();
    let victim = demo
        .persons
        .iter()
        .find(|p| p.country.as_deref() == Some("KZ") && !abroad.participants.iter().any(|x| x.record_id == p.id))
        .expect("another Kazakh national");
    abroad.id = id("abroad-arrest");
    abroad.country = Some("RU".into());
    abroad.participants = vec![Participant {
        record_id: victim.id.clone(),
        role: Role::Victim,
    }];
    let mut withheld = demo.persons[1].clone();
    withheld.id = id("belarus-witness");
    withheld.country = Some("BY".into());
    withheld.confidential_fields.push("country".into());
    let mut secret = demo.persons[2].clone();
    secret.id = id("secret-kz");
    secret.country = Some("KZ".into());
    secret.confidential = true;
    let mut gone = demo.events[1].clone();
    gone.id = id("gone-event");
    gone.country = Some("BY".into());
    for r in [
        Record::Event(abroad),
        Record::Person(withheld),
        Record::Person(secret),
        Record::Event(gone),
    ] {
        store.create(r, &editor()).await.expect("create");
    }
    store.delete(&id("gone-event"), &editor()).await.expect("delete");
    demo
}

fn has_country(r: &Record) -> bool {
    matches!(
        r.kind(),
        RecordKind::Person | RecordKind::Event | RecordKind::Review | RecordKind::Pledge
    )
}

fn by_id(mut records: Vec<Record>) -> Vec<Record> {
    records.sort_by(|a, b| a.id().cmp(b.id()));
    records
}

pub async fn country_reads_agree_with_the_whole_case_file<S: Store>(store: &S) {
    with_other_countries(store).await;
    for visibility in [Visibility::Public, Visibility::Confidential] {
        let whole = store.case_file(visibility).await.expect("case file").records();
        let codes: BTreeSet<&str> = whole.iter().filter_map(Record::country).chain(["BY", "ZZ"]).collect();
        for code in codes {
            let want = by_id(
                whole
                    .iter()
                    .filter(|r| has_country(r) && r.country() == Some(code))
                    .cloned()
                    .collect(),
            );
            let got = store.in_country(code, visibility).await.expect("in_country");
            assert_eq!(got, want, "{code}, {visibility:?}");
        }
        // The withheld country counts only for those with the right.
        let belarus = store.in_country("BY", visibility).await.expect("in_country");
        assert_eq!(belarus.len(), usize::from(visibility == Visibility::Confidential));

        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        for r in whole
            .iter()
            .filter(|r| has_country(r) && r.kind() != RecordKind::Person)
        {
            if let Some(c) = r.country() {
                // Patterns (issue 19) are counted nowhere.
                match r {
                    Record::Event(e) if e.pattern => {}
                    _ => *counts.entry(c.to_owned()).or_default() += u64::from(r.kind() == RecordKind::Event),
                }
            }
        }
        assert_eq!(
            store.countries(visibility).await.expect("countries"),
            counts,
            "{visibility:?}"
        );

        let persons: Vec<RecordId> = whole
            .iter()
            .filter(|r| r.kind() == RecordKind::Person)
            .map(|r| r.id().clone())
            .collect();
        let want = by_id(
            whole
                .iter()
                .filter(|r| {
                    r.references()
                        .iter()
                        .any(|x| x.field.starts_with("participants[") && persons.contains(x.id))
                })
                .cloned()
                .collect(),
        );
        let got = store
            .referring(&persons, "participants", visibility)
            .await
            .expect("referring");
        assert!(!got.is_empty());
        assert_eq!(got, want, "{visibility:?}");

        let mut asked: Vec<RecordId> = whole.iter().map(|r| r.id().clone()).collect();
        asked.extend([id("gone-event"), id("no-such-record"), id("secret-kz")]);
        assert_eq!(
            store.records(&asked, visibility).await.expect("records"),
            by_id(whole.clone()),
            "{visibility:?}"
        );
        for kind in RecordKind::ALL {
            let want = by_id(whole.iter().filter(|r| r.kind() == *kind).cloned().collect());
            let got = store
                .records_of_kind(*kind, visibility, Page::all())
                .await
                .expect("records_of_kind");
            assert_eq!(got.total, want.len() as u64, "{kind:?}, {visibility:?}");
            assert_eq!(got.items, want, "{kind:?}, {visibility:?}");
        }
    }
}
