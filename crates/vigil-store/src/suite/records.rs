//! The case file: writes, reads, history, confidentiality.

use vigil_core::{CaseFile, EventType, Record, RecordId, RecordKind};

use super::{demo, editor, id, loaded};
use crate::{Accounts, Change, EventFilter, NameQuery, Operation, Page, Store, StoreError, StoreExt, Visibility};

pub async fn import_round_trips_every_record<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    for r in cf.records() {
        let got = store
            .record(r.id(), Visibility::Confidential)
            .await
            .expect("stored record reads back");
        assert_eq!(got, r, "{} round-trips", r.id());
        let revs = store
            .revisions(r.id(), Visibility::Confidential)
            .await
            .expect("revisions");
        assert_eq!(revs.len(), 1);
        assert_eq!(revs[0].operation, Operation::Create);
        assert_eq!(revs[0].author, "demo");
        assert_eq!(revs[0].reason.as_deref(), Some("demo load"));
        assert_eq!(revs[0].record, r);
    }
}

pub async fn counts_and_lists_follow_visibility<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let counts = store.counts(Visibility::Public).await.expect("counts");
    assert_eq!(counts.persons as usize, cf.persons.len());
    assert_eq!(counts.events as usize, cf.events.len());
    assert_eq!(counts.sources as usize, cf.sources.len());

    let mut secret = cf.persons[0].clone();
    secret.id = id("witness-a");
    secret.name = "Witness A".into();
    secret.aliases.clear();
    secret.confidential = true;
    store.create(Record::Person(secret), &editor()).await.expect("create");

    let public = store.counts(Visibility::Public).await.expect("counts");
    let all = store.counts(Visibility::Confidential).await.expect("counts");
    assert_eq!(
        public.persons, counts.persons,
        "a confidential person is not counted publicly"
    );
    assert_eq!(all.persons, counts.persons + 1);
    let q = NameQuery {
        text: Some("witness".into()),
        visibility: Visibility::Public,
    };
    let found = store.persons(&q, Page::default()).await.expect("persons");
    assert_eq!((found.total, found.items.len()), (0, 0));
    let q = NameQuery {
        visibility: Visibility::Confidential,
        ..q
    };
    assert_eq!(store.persons(&q, Page::default()).await.expect("persons").total, 1);
}

pub async fn person_name_query_folds_case_and_script<S: Store + Accounts>(store: &S) {
    loaded(store).await;
    for q in ["baltabay", "BALTABAI", "Балтабай", "erlan balta"] {
        let query = NameQuery {
            text: Some(q.into()),
            visibility: Visibility::Public,
        };
        let got = store.persons(&query, Page::default()).await.expect("persons");
        let ids: Vec<&str> = got.items.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["erlan-baltabay"], "query {q}");
    }
    let query = NameQuery {
        text: Some("knprk".into()),
        visibility: Visibility::Public,
    };
    let orgs = store
        .organisations(&query, Page::default())
        .await
        .expect("organisations");
    assert_eq!(orgs.items[0].id.as_str(), "knprk");
}

pub async fn event_filters<S: Store + Accounts>(store: &S) {
    let mut cf = loaded(store).await;
    // Three dates that start on one day: the day itself, its month, and a
    // range from it. A timeline puts the narrowest first.
    for (event, date) in [
        ("order-range", "2019-03-01/2020-06-30"),
        ("order-month", "2019-03"),
        ("order-day", "2019-03-01"),
    ] {
        let e = vigil_core::Event {
            excerpts: cf.events[0].excerpts.clone(),
            ..vigil_core::Event::new(
                id(event),
                EventType::Rally,
                date.parse().expect("a date"),
                format!("A rally ({date})"),
            )
        };
        store
            .create(Record::Event(e.clone()), &editor())
            .await
            .expect("created");
        cf.events.push(e);
    }
    let all = store
        .events(&EventFilter::all(Visibility::Public), Page::all())
        .await
        .expect("events");
    assert_eq!(all.total as usize, cf.events.len());
    let listed: Vec<(String, RecordId)> = all.items.iter().map(|e| (e.date.to_string(), e.id.clone())).collect();
    let mut timeline = cf.events.clone();
    timeline.sort_by(|a, b| vigil_core::timeline_order((&a.date, &a.id), (&b.date, &b.id)));
    let want: Vec<(String, RecordId)> = timeline.iter().map(|e| (e.date.to_string(), e.id.clone())).collect();
    assert_eq!(listed, want, "the list is in timeline order");
    // The latest events are the same order backwards, patterns left out.
    let latest = store.latest_events(Visibility::Public, 5).await.expect("latest");
    let backwards: Vec<&RecordId> = timeline
        .iter()
        .rev()
        .filter(|e| !e.pattern)
        .take(5)
        .map(|e| &e.id)
        .collect();
    assert_eq!(latest.iter().map(|e| &e.id).collect::<Vec<_>>(), backwards);

    let mut f = EventFilter::all(Visibility::Public);
    f.event_type = Some(EventType::Sentence);
    f.person = Some(id("erlan-baltabay"));
    let got = store.events(&f, Page::all()).await.expect("events");
    let want = cf
        .events
        .iter()
        .filter(|e| e.event_type == EventType::Sentence && e.involves(&id("erlan-baltabay")))
        .count();
    assert!(want >= 2);
    assert_eq!(got.total as usize, want);
    assert!(got.items.iter().all(|e| e.event_type == EventType::Sentence));

    let mut f = EventFilter::all(Visibility::Public);
    f.from = Some(time::macros::date!(2019 - 10 - 01));
    f.to = Some(time::macros::date!(2019 - 10 - 31));
    let got = store.events(&f, Page::all()).await.expect("events");
    assert!(got.items.iter().any(|e| e.date.to_string() == "2019-10-16"));
    for e in &got.items {
        assert!(e.date.latest() >= time::macros::date!(2019 - 10 - 01));
        assert!(e.date.earliest() <= time::macros::date!(2019 - 10 - 31));
    }

    let mut f = EventFilter::all(Visibility::Public);
    f.organisation = Some(id("knprk"));
    let got = store.events(&f, Page::all()).await.expect("events");
    assert!(got.total > 0);
    assert!(got.items.iter().all(|e| e.involves(&id("knprk"))));
}

pub async fn paging_and_totals<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let first = store
        .events(&EventFilter::all(Visibility::Public), Page::new(5, 0).expect("page"))
        .await
        .expect("events");
    let second = store
        .events(&EventFilter::all(Visibility::Public), Page::new(5, 5).expect("page"))
        .await
        .expect("events");
    assert_eq!(first.items.len(), 5);
    assert_eq!(first.total as usize, cf.events.len());
    assert_eq!(second.total, first.total);
    assert!(first.items.iter().all(|e| !second.items.contains(e)));
    let past = store
        .persons(&NameQuery::all(Visibility::Public), Page::new(10, 1000).expect("page"))
        .await
        .expect("persons");
    assert!(past.items.is_empty());
    assert_eq!(past.total as usize, cf.persons.len());
}

pub async fn create_update_delete_write_revisions<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let mut p = cf
        .persons
        .iter()
        .find(|p| p.id.as_str() == "max-bokaev")
        .expect("Bokaev")
        .clone();
    p.occupation = Some("human rights defender".into());
    let rev = store
        .update(Record::Person(p.clone()), &Change::new("ana", Some("more precise")))
        .await
        .expect("update");
    assert_eq!(rev.operation, Operation::Update);
    assert_eq!(
        store
            .person(&p.id, Visibility::Public)
            .await
            .expect("read")
            .occupation
            .as_deref(),
        Some("human rights defender")
    );

    let mut new = p.clone();
    new.id = id("new-person");
    new.name = "New Person".into();
    new.aliases.clear();
    store
        .create(Record::Person(new.clone()), &editor())
        .await
        .expect("create");
    let del = store.delete(&new.id, &Change::new("ana", None)).await.expect("delete");
    assert_eq!(del.operation, Operation::Delete);
    assert_eq!(del.record, Record::Person(new.clone()), "a delete keeps the last state");
    assert!(matches!(
        store.record(&new.id, Visibility::Confidential).await,
        Err(StoreError::NotFound { .. })
    ));

    let revs = store
        .revisions(&new.id, Visibility::Confidential)
        .await
        .expect("revisions of a deleted record");
    let ops: Vec<Operation> = revs.iter().map(|r| r.operation).collect();
    assert_eq!(ops, [Operation::Create, Operation::Delete]);
    assert!(revs[0].seq < revs[1].seq);
    assert_eq!(revs[1].author, "ana");
    assert_eq!(revs[1].reason, None);

    let revs = store
        .revisions(&p.id, Visibility::Confidential)
        .await
        .expect("revisions");
    assert_eq!(revs.len(), 2);
    assert_eq!(revs[1].reason.as_deref(), Some("more precise"));
    assert_eq!(revs[1].record, Record::Person(p));
}

/// `named_in_history` (for `recorded_on`): the records that name one now,
/// or named it in a revision kept in the clear, deleted or not; not the
/// record itself, and not a record whose id only contains it.
pub async fn named_in_history_finds_who_named_a_record_once<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let kharkova = id("larisa-kharkova");
    let now = store.named_in_history(&kharkova).await.expect("named");
    assert!(now.contains(&id("kharkova-union-leadership-ban")), "{now:?}");
    assert!(!now.contains(&kharkova));
    // The ban names her no longer: still found, through its history.
    let mut ban = cf
        .events
        .iter()
        .find(|e| e.id.as_str() == "kharkova-union-leadership-ban")
        .expect("the ban")
        .clone();
    ban.participants.retain(|p| p.record_id != kharkova);
    store.update(Record::Event(ban), &editor()).await.expect("update");
    let then = store.named_in_history(&kharkova).await.expect("named");
    assert!(then.contains(&id("kharkova-union-leadership-ban")), "{then:?}");
    // An id that only contains hers is not hers.
    let larisa = store.named_in_history(&id("larisa")).await.expect("named");
    assert!(!larisa.contains(&id("kharkova-union-leadership-ban")), "{larisa:?}");
}

pub async fn create_refuses_a_taken_id<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let p = cf.persons[0].clone();
    let err = store.create(Record::Person(p.clone()), &editor()).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    let mut as_org = cf.organisations[0].clone();
    as_org.id = p.id.clone();
    let err = store.create(Record::Organisation(as_org), &editor()).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(_)),
        "ids are unique across kinds: {err:?}"
    );
    assert_eq!(
        store
            .revisions(&p.id, Visibility::Confidential)
            .await
            .expect("revisions")
            .len(),
        1
    );
    // `taken` answers for many ids at once, deleted records' ids included.
    let mut gone = cf.sources[0].clone();
    gone.id = id("deleted-source");
    store.create(Record::Source(gone), &editor()).await.expect("created");
    store.delete(&id("deleted-source"), &editor()).await.expect("deleted");
    let asked = [
        p.id.clone(),
        id("deleted-source"),
        id("never-used"),
        cf.events[0].id.clone(),
    ];
    let taken = store.taken(&asked).await.expect("taken");
    let expected: std::collections::HashSet<RecordId> =
        [p.id.clone(), id("deleted-source"), cf.events[0].id.clone()].into();
    assert_eq!(taken, expected);
    assert!(store.taken(&[]).await.expect("nothing asked").is_empty());
}

pub async fn create_all_writes_each_with_its_change_or_none<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let source = |n: &str| {
        let mut s = cf.sources[0].clone();
        s.id = id(&format!("bulk-{n}"));
        s.title = format!("Bulk {n}");
        Record::Source(s)
    };
    let batch = vec![
        (source("a"), Change::new("ingest", Some("from a.txt"))),
        (source("b"), Change::new("ingest", Some("from b.txt"))),
    ];
    let revisions = store.create_all(&batch).await.expect("created");
    assert_eq!(revisions.len(), 2);
    assert!(revisions[0].seq < revisions[1].seq);
    let history = store
        .revisions(&id("bulk-b"), Visibility::Confidential)
        .await
        .expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].reason.as_deref(), Some("from b.txt"));
    assert_eq!(history[0].author, "ingest");

    // One bad record (a taken id, an invalid one): nothing of the batch.
    let mut bad = cf.sources[0].clone();
    bad.id = id("bulk-d");
    bad.title = String::new();
    let err = store
        .create_all(&[(source("c"), editor()), (Record::Source(bad), editor())])
        .await
        .expect_err("invalid");
    match err {
        StoreError::Invalid(fields) => assert!(fields.iter().any(|f| f.field.starts_with("bulk-d.")), "{fields:?}"),
        other => panic!("{other:?}"),
    }
    let err = store
        .create_all(&[(source("e"), editor()), (source("a"), editor())])
        .await
        .expect_err("taken");
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    for gone in ["bulk-c", "bulk-d", "bulk-e"] {
        assert!(matches!(
            store.record(&id(gone), Visibility::Confidential).await,
            Err(StoreError::NotFound { .. })
        ));
    }
}

pub async fn invalid_records_are_refused_whole<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let mut e = cf.events[0].clone();
    let before = Record::Event(e.clone());
    e.excerpts.clear();
    e.title = "changed".into();
    let err = store.update(Record::Event(e), &editor()).await.unwrap_err();
    match err {
        StoreError::Invalid(fields) => assert!(fields.iter().any(|f| f.field == "excerpts")),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        store.record(before.id(), Visibility::Confidential).await.expect("read"),
        before,
        "unchanged"
    );
    assert_eq!(
        store
            .revisions(before.id(), Visibility::Confidential)
            .await
            .expect("revisions")
            .len(),
        1
    );
}

pub async fn excerpts_must_quote_their_source<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let mut e = cf.events[0].clone();
    e.id = id("misquoting-event");
    e.excerpts[0].start += 1;
    e.excerpts[0].end += 1;
    let err = store.create(Record::Event(e.clone()), &editor()).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(f) if f[0].field == "excerpts[0]"),
        "{err:?}"
    );
    assert!(matches!(
        store.record(&e.id, Visibility::Confidential).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(store
        .revisions(&e.id, Visibility::Confidential)
        .await
        .expect("revisions")
        .is_empty());
}

pub async fn references_must_resolve_to_the_right_kind<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let mut e = cf.events[0].clone();
    e.id = id("event-with-bad-participant");
    e.participants = vec![vigil_core::Participant {
        record_id: id("nobody-at-all"),
        role: vigil_core::Role::Victim,
    }];
    let err = store.create(Record::Event(e.clone()), &editor()).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(f) if f[0].field == "participants[0].record_id"),
        "{err:?}"
    );

    e.participants[0].record_id = cf.events[1].id.clone();
    let err = store.create(Record::Event(e), &editor()).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(f) if f[0].message.contains("event")),
        "{err:?}"
    );

    // No organisation becomes its own grandparent.
    let (mut a, mut b, mut c) = (
        cf.organisations[0].clone(),
        cf.organisations[1].clone(),
        cf.organisations[2].clone(),
    );
    b.parent_id = Some(a.id.clone());
    c.parent_id = Some(b.id.clone());
    for o in [&b, &c] {
        store
            .update(Record::Organisation(o.clone()), &editor())
            .await
            .expect("a parent");
    }
    a.parent_id = Some(c.id.clone());
    let err = store
        .update(Record::Organisation(a.clone()), &editor())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(f) if f.iter().any(|f| f.field == "parent_id")),
        "{err:?}"
    );
    assert_eq!(
        store
            .organisation(&a.id, Visibility::Confidential)
            .await
            .expect("read")
            .parent_id,
        cf.organisations[0].parent_id,
        "nothing written"
    );
}

pub async fn delete_refuses_while_referred_to<S: Store + Accounts>(store: &S) {
    loaded(store).await;
    let src = id("hrw-2019-kazakhstan-upr");
    let err = store.delete(&src, &editor()).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Referenced { by, .. } if !by.is_empty()),
        "{err:?}"
    );
    assert!(store.record(&src, Visibility::Confidential).await.is_ok());
    let err = store.delete(&id("no-such-record"), &editor()).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }));
}

pub async fn failed_import_leaves_nothing<S: Store + Accounts>(store: &S) {
    let mut cf = demo();
    let mut bad = cf.events[0].clone();
    bad.id = id("the-last-record");
    bad.excerpts[0].text.push('!');
    bad.excerpts[0].end += 1;
    cf.events.push(bad);
    let err = store.import(&cf, &editor()).await.unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    let counts = store.counts(Visibility::Confidential).await.expect("counts");
    assert_eq!(counts, crate::Counts::default(), "nothing was written");
    assert!(store
        .revisions(&cf.persons[0].id, Visibility::Confidential)
        .await
        .expect("revisions")
        .is_empty());
}

pub async fn update_of_unknown_record_is_not_found<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let mut p = cf.persons[0].clone();
    p.id = id("not-there");
    let err = store.update(Record::Person(p), &editor()).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    let mut as_org = cf.organisations[0].clone();
    as_org.id = cf.persons[0].id.clone();
    let err = store.update(Record::Organisation(as_org), &editor()).await.unwrap_err();
    assert!(matches!(err, StoreError::WrongKind { .. }), "{err:?}");
}

/// A write that expects a revision is refused as stale once the record has
/// moved on, and nothing of it is written; one at the current revision goes
/// through.
pub async fn a_write_expecting_a_past_revision_is_stale<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let person = cf.persons[0].clone();
    let first = store.update(Record::Person(person.clone()), &editor()).await.unwrap();
    let mut renamed = person.clone();
    renamed.name = "Renamed once".into();
    let at = |seq| Change {
        expected: Some(seq),
        ..editor()
    };
    let second = store.update(Record::Person(renamed), &at(first.seq)).await.unwrap();
    let mut again = person.clone();
    again.name = "Renamed from a stale read".into();
    let err = store.update(Record::Person(again), &at(first.seq)).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Stale { current, .. } if current == second.seq),
        "{err:?}"
    );
    let err = store.delete(&person.id, &at(first.seq)).await.unwrap_err();
    assert!(matches!(err, StoreError::Stale { .. }), "{err:?}");
    let Record::Person(now) = store.record(&person.id, Visibility::Confidential).await.unwrap() else {
        panic!("a person");
    };
    assert_eq!(now.name, "Renamed once");
    store.update(Record::Person(person), &at(second.seq)).await.unwrap();
}

pub async fn referring_to_lists_citing_records<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let src = id("svensson-2019-nazarbaev-resigns");
    let citing = store.referring_to(&src, Visibility::Public).await.expect("referring");
    let want = cf
        .records()
        .into_iter()
        .filter(|r| r.excerpts().iter().any(|e| e.source_id == src))
        .count();
    assert_eq!(citing.len(), want);
    assert!(citing.iter().any(|r| r.kind() == RecordKind::Event));
}

pub async fn change_log_is_ordered_and_resumable<S: Store + Accounts>(store: &S) {
    assert!(store.changes_since(0, 10).await.expect("log").is_empty());
    assert_eq!(store.latest_seq().await.expect("latest"), 0);
    let cf = loaded(store).await;
    let first = store.changes_since(0, 10).await.expect("log");
    assert_eq!(first.len(), 10);
    let rest = store.changes_since(first[9].seq, 10_000).await.expect("log");
    assert_eq!(first.len() + rest.len(), cf.len());
    let all: Vec<i64> = first.iter().chain(rest.iter()).map(|r| r.seq).collect();
    assert!(all.windows(2).all(|w| w[0] < w[1]), "strictly increasing");
    let last = *all.last().expect("some");
    let p = cf.persons[0].clone();
    store
        .update(Record::Person(p.clone()), &editor())
        .await
        .expect("update");
    store.delete(&id("strikes-2011-2012"), &editor()).await.ok();
    let after = store.changes_since(last, 100).await.expect("log");
    assert_eq!(after[0].record_id, p.id);
    assert_eq!(after[0].operation, Operation::Update);
    let latest = store.latest_seq().await.expect("latest");
    assert_eq!(
        Some(latest),
        after.last().map(|r| r.seq),
        "the latest seq is the last revision's"
    );
    assert!(store.changes_since(latest, 10).await.expect("log").is_empty());
}

/// What a write answers is what the history holds, to the last digit of
/// its time (every backend keeps times to the microsecond), confidential
/// content included.
pub async fn a_write_returns_the_revision_that_reads_return<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let mut witness = cf.persons[0].clone();
    witness.id = id("w-rev-0001");
    witness.name = "Witness Revisionova".into();
    witness.aliases.clear();
    witness.address = Some("1 Quiet Lane".into());
    witness.confidential_fields = vec!["address".into()];
    let created = store
        .create(Record::Person(witness.clone()), &editor())
        .await
        .expect("create");
    assert_eq!(created.at.nanosecond() % 1_000, 0, "times are kept to the microsecond");
    witness.occupation = Some("teacher".into());
    let updated = store
        .update(Record::Person(witness.clone()), &Change::new("ana", None))
        .await
        .expect("update");
    let history = store
        .revisions(&witness.id, Visibility::Confidential)
        .await
        .expect("history");
    assert_eq!(history, [created.clone(), updated.clone()]);
    let log = store.changes_since(created.seq - 1, 10).await.expect("log");
    assert_eq!(log, [created, updated]);
}

/// A review names its mechanism, a recommendation its review, an
/// assessment what it assesses and who assessed, a pledge who made it:
/// none can be shown without what it names. When that becomes
/// confidential, what cannot be shown without it is withheld with it in
/// the same write, down the chain, each with a revision that names no
/// record; and a public record that requires a confidential one is
/// refused.
pub async fn what_cannot_be_shown_without_a_confidential_record_is_withheld_with_it<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let mut ilo_cas = cf
        .mechanisms
        .iter()
        .find(|m| m.id.as_str() == "ilo-cas")
        .expect("ILO CAS")
        .clone();
    ilo_cas.confidential = true;
    let written = store
        .update(Record::Mechanism(ilo_cas.clone()), &Change::new("ana", Some("protect")))
        .await
        .expect("made confidential");
    let withheld = [
        "review-ilc-2017-kazakhstan",
        "review-ilc-2019-kazakhstan",
        "ilc-2017-end-systematic-violations",
        "ilc-2019-amend-trade-union-law",
        "assessment-ilo-2019-06-trade-union-law",
        "assessment-hrw-2019-trade-union-law",
    ];
    for w in withheld {
        assert!(
            matches!(
                store.record(&id(w), Visibility::Public).await,
                Err(StoreError::NotFound { .. })
            ),
            "{w} is withheld with the mechanism"
        );
        let kept = store.record(&id(w), Visibility::Confidential).await.expect("kept");
        assert!(kept.is_confidential(), "{w}");
        let history = store
            .revisions(&id(w), Visibility::Confidential)
            .await
            .expect("history");
        let last = history.last().expect("a revision");
        assert!(last.seq > written.seq, "{w}: withheld in the same write, after it");
        assert_eq!(last.reason.as_deref(), Some(crate::WITHHELD_WITH_REQUIRED));
        assert_eq!(last.author, "ana");
    }
    for public in [
        "review-upr-2019-kazakhstan",
        "assessment-hrw-2019-tokayev-pledge",
        "tokayev-pledge-deep-reforms-2019-09",
    ] {
        assert!(
            store.record(&id(public), Visibility::Public).await.is_ok(),
            "{public} needs nothing hidden"
        );
    }
    // A public pledge by a confidential person is refused, naming the field.
    let mut tokayev = cf
        .persons
        .iter()
        .find(|p| p.id.as_str() == "kassym-jomart-tokayev")
        .expect("Tokayev")
        .clone();
    tokayev.confidential = true;
    store
        .update(Record::Person(tokayev), &editor())
        .await
        .expect("made confidential");
    let pledge = "tokayev-pledge-deep-reforms-2019-09";
    assert!(
        store.record(&id(pledge), Visibility::Public).await.is_err(),
        "withheld with its author"
    );
    assert!(
        store
            .record(&id("assessment-hrw-2019-tokayev-pledge"), Visibility::Public)
            .await
            .is_err(),
        "withheld with the pledge it assesses"
    );
    let mut again = cf
        .pledges
        .iter()
        .find(|p| p.id.as_str() == pledge)
        .expect("pledge")
        .clone();
    again.id = id("pledge-by-a-hidden-person");
    let refused = store.create(Record::Pledge(again.clone()), &editor()).await;
    match refused {
        Err(StoreError::Invalid(errors)) => {
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].field, "by_id");
            assert!(
                errors[0].message.contains("mark it confidential too"),
                "{}",
                errors[0].message
            );
        }
        other => panic!("a public pledge by a confidential person must be refused: {other:?}"),
    }
    assert!(
        store.record(&again.id, Visibility::Confidential).await.is_err(),
        "nothing written"
    );
    again.confidential = true;
    store
        .create(Record::Pledge(again), &editor())
        .await
        .expect("confidential, it may");
}

pub async fn restore_brings_back_a_past_state_and_deleted_records<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let original = cf
        .persons
        .iter()
        .find(|p| p.id.as_str() == "max-bokaev")
        .expect("Bokaev")
        .clone();
    let mut changed = original.clone();
    changed.occupation = Some("mistaken".into());
    store.update(Record::Person(changed), &editor()).await.expect("update");
    let first = store
        .revisions(&original.id, Visibility::Public)
        .await
        .expect("history")[0]
        .seq;
    let rev = store
        .restore(&original.id, first, &Change::new("ana", Some("undo")))
        .await
        .expect("restore");
    assert_eq!(rev.operation, Operation::Restore);
    assert_eq!(
        store.person(&original.id, Visibility::Public).await.expect("read"),
        original
    );
    let history = store
        .revisions(&original.id, Visibility::Public)
        .await
        .expect("history");
    assert_eq!(history.len(), 3, "a restore is itself a revision");

    let mut gone = original.clone();
    gone.id = id("short-lived");
    gone.name = "Short Lived".into();
    gone.aliases.clear();
    store
        .create(Record::Person(gone.clone()), &editor())
        .await
        .expect("create");
    store.delete(&gone.id, &editor()).await.expect("delete");
    let created = store.revisions(&gone.id, Visibility::Public).await.expect("history")[0].seq;
    store
        .restore(&gone.id, created, &editor())
        .await
        .expect("a deleted record comes back");
    assert_eq!(store.person(&gone.id, Visibility::Public).await.expect("read"), gone);

    let err = store.restore(&gone.id, 999_999, &editor()).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
}

pub async fn confidential_fields_are_withheld_from_the_public<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let mut witness = cf.persons[0].clone();
    witness.id = id("w-0001");
    witness.name = "Zhanna Witnessova".into();
    witness.aliases = vec!["Жанна".into()];
    witness.address = Some("7 Quiet Lane".into());
    witness.confidential_fields = vec!["name".into(), "aliases".into(), "address".into()];
    store
        .create(Record::Person(witness.clone()), &editor())
        .await
        .expect("create");

    let public = store
        .person(&witness.id, Visibility::Public)
        .await
        .expect("the record itself is public");
    assert_eq!(public.name, vigil_core::confidentiality::WITHHELD);
    assert!(public.aliases.is_empty() && public.address.is_none());
    let full = store.person(&witness.id, Visibility::Confidential).await.expect("read");
    assert_eq!(full, witness);

    for (q, vis, want) in [
        ("witnessova", Visibility::Public, 0),
        ("жанна", Visibility::Public, 0),
        ("witnessova", Visibility::Confidential, 1),
        ("жанна", Visibility::Confidential, 1),
    ] {
        let query = NameQuery {
            text: Some(q.into()),
            visibility: vis,
        };
        assert_eq!(
            store.persons(&query, Page::default()).await.expect("persons").total,
            want,
            "{q} {vis:?}"
        );
    }
    let listed = store
        .persons(&NameQuery::all(Visibility::Public), Page::all())
        .await
        .expect("persons");
    let shown = listed
        .items
        .iter()
        .find(|p| p.id == witness.id)
        .expect("listed, withheld");
    assert!(shown.address.is_none());
    for rev in store.revisions(&witness.id, Visibility::Public).await.expect("history") {
        let Record::Person(p) = rev.record else {
            panic!("a person")
        };
        assert!(p.address.is_none() && p.name != witness.name, "history withholds too");
    }
}

pub async fn the_whole_case_file_reads_back<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let mut secret = cf.persons[0].clone();
    secret.id = id("hidden-one");
    secret.aliases.clear();
    secret.name = "Hidden One".into();
    secret.confidential = true;
    store.create(Record::Person(secret), &editor()).await.expect("create");
    let public = store.case_file(Visibility::Public).await.expect("case file");
    let sorted = |c: &CaseFile| {
        let mut ids: Vec<String> = c.records().iter().map(|r| r.id().to_string()).collect();
        ids.sort();
        ids
    };
    assert_eq!(
        sorted(&public),
        sorted(&cf),
        "the public sees the demo, not the confidential person"
    );
    for r in cf.records() {
        assert!(public.records().contains(&r), "{} reads back whole", r.id());
    }
    let all = store.case_file(Visibility::Confidential).await.expect("case file");
    assert_eq!(all.len(), cf.len() + 1);
}

pub async fn public_records_do_not_reveal_confidential_ones<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let mut witness = cf.persons[0].clone();
    witness.id = id("c0ffee01");
    witness.name = "A Witness".into();
    witness.aliases.clear();
    witness.affiliations.clear();
    witness.confidential = true;
    store
        .create(Record::Person(witness.clone()), &editor())
        .await
        .expect("create");
    let mut event = cf
        .events
        .iter()
        .find(|e| !e.participants.is_empty())
        .expect("an event")
        .clone();
    event.participants.push(vigil_core::Participant {
        record_id: witness.id.clone(),
        role: vigil_core::Role::Actor,
    });
    store
        .update(Record::Event(event.clone()), &editor())
        .await
        .expect("update");

    let public = store
        .event(&event.id, Visibility::Public)
        .await
        .expect("a public event");
    assert!(
        !public.involves(&witness.id),
        "the public does not see the witness took part"
    );
    let full = store.event(&event.id, Visibility::Confidential).await.expect("event");
    assert!(full.involves(&witness.id));
    let mut filter = EventFilter::all(Visibility::Public);
    filter.person = Some(witness.id.clone());
    assert_eq!(store.events(&filter, Page::default()).await.expect("events").total, 0);
    filter.visibility = Visibility::Confidential;
    assert_eq!(store.events(&filter, Page::default()).await.expect("events").total, 1);
    let seen = store.case_file(Visibility::Public).await.expect("case file");
    assert!(seen.events.iter().all(|e| !e.involves(&witness.id)));
    let referring = store
        .referring_to(&witness.id, Visibility::Public)
        .await
        .expect("referring");
    assert!(referring.is_empty());

    // The witness leaves the event and is deleted: the event's history,
    // which once named them, still does not show them to the public.
    event.participants.retain(|p| p.record_id != witness.id);
    store
        .update(Record::Event(event.clone()), &editor())
        .await
        .expect("update");
    store.delete(&witness.id, &editor()).await.expect("delete the witness");
    let history = store.revisions(&event.id, Visibility::Public).await.expect("history");
    assert!(history.len() >= 2);
    assert!(
        history
            .iter()
            .all(|r| !r.record.references().iter().any(|x| *x.id == witness.id)),
        "a deleted confidential participant shows in the public history"
    );
    let history = store
        .revisions(&event.id, Visibility::Confidential)
        .await
        .expect("history");
    assert!(history
        .iter()
        .any(|r| r.record.references().iter().any(|x| *x.id == witness.id)));
}

/// Reviews, recommendations, pledges, assessments and rating rules go
/// through the same path as every record: revisions, restore, references
/// that hold, confidentiality.
pub async fn accountability_records_have_history_restore_and_confidentiality<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let pledge = cf.pledges[0].clone();
    let mut changed = pledge.clone();
    changed.title = "Renamed".into();
    store.update(Record::Pledge(changed), &editor()).await.expect("update");
    let history = store.revisions(&pledge.id, Visibility::Public).await.expect("history");
    assert_eq!(history.len(), 2);
    store
        .restore(&pledge.id, history[0].seq, &editor())
        .await
        .expect("restore");
    assert_eq!(
        store.record(&pledge.id, Visibility::Public).await.expect("read"),
        Record::Pledge(pledge.clone())
    );

    // A recommendation with assessments cannot be deleted from under them.
    let assessed = cf
        .assessments
        .iter()
        .find(|a| a.subject_id.as_str() == "ilc-2019-amend-trade-union-law")
        .expect("an assessment")
        .clone();
    let err = store.delete(&assessed.subject_id, &editor()).await.unwrap_err();
    assert!(matches!(err, StoreError::Referenced { .. }), "{err:?}");

    // Evidence that is confidential is not shown to the public, and a
    // confidential assessment not at all.
    let mut secret_event = cf.events[0].clone();
    secret_event.id = id("secret-evidence");
    secret_event.confidential = true;
    store
        .create(Record::Event(secret_event.clone()), &editor())
        .await
        .expect("create");
    let mut with_secret = assessed.clone();
    with_secret.evidence.push(vigil_core::Evidence {
        event_id: secret_event.id.clone(),
        bearing: vigil_core::Bearing::Contradicts,
    });
    store
        .update(Record::Assessment(with_secret.clone()), &editor())
        .await
        .expect("update");
    let Record::Assessment(seen) = store.record(&assessed.id, Visibility::Public).await.expect("read") else {
        panic!("an assessment")
    };
    assert_eq!(seen.evidence, assessed.evidence, "the secret evidence is not shown");
    assert_eq!(
        store
            .record(&assessed.id, Visibility::Confidential)
            .await
            .expect("read"),
        Record::Assessment(with_secret)
    );
    let mut hidden = assessed.clone();
    hidden.id = id("hidden-assessment");
    hidden.confidential = true;
    store
        .create(Record::Assessment(hidden), &editor())
        .await
        .expect("create");
    let public = store.case_file(Visibility::Public).await.expect("case file");
    assert_eq!(public.assessments.len(), cf.assessments.len());
    assert!(public.events.iter().all(|e| e.id != secret_event.id));
    let all = store.case_file(Visibility::Confidential).await.expect("case file");
    assert_eq!(all.assessments.len(), cf.assessments.len() + 1);
}

/// Whether `id` is an id Vigil made (32 hex digits), not one read from a
/// name or a title.
fn is_opaque(id: &RecordId) -> bool {
    crate::is_opaque_id(id.as_str())
}

pub async fn a_record_an_editor_makes_confidential_is_given_an_opaque_id_and_its_readable_one_leaves_no_trace<
    S: Store + Accounts,
>(
    store: &S,
) {
    let cf = loaded(store).await;
    let old = id("erlan-baltabay");
    let quoted = |json: &str| json.contains(&format!("\"{old}\""));
    // A reason naming it, as a merge's does, and one naming a longer id.
    let event = cf
        .events
        .iter()
        .find(|e| e.participants.iter().any(|p| p.record_id == old))
        .expect("an event of his")
        .clone();
    let mut retitled = event.clone();
    retitled.title.push_str(" (retitled)");
    let named = store
        .update(
            Record::Event(retitled),
            &Change::new("ana", Some(&format!("merged x into {old}: the same man; not {old}-2"))),
        )
        .await
        .expect("updated");
    // An event that named him once, and one deleted while naming him:
    // neither names him now (no link), both hold the old id in the clear.
    let stand_in = cf
        .persons
        .iter()
        .find(|p| p.id != old)
        .expect("another person")
        .id
        .clone();
    let mut once = event.clone();
    once.id = id("named-him-once");
    store
        .create(Record::Event(once.clone()), &editor())
        .await
        .expect("created");
    for p in &mut once.participants {
        if p.record_id == old {
            p.record_id = stand_in.clone();
        }
    }
    store
        .update(Record::Event(once), &editor())
        .await
        .expect("him no longer");
    let mut gone = event.clone();
    gone.id = id("named-him-deleted");
    store
        .create(Record::Event(gone.clone()), &editor())
        .await
        .expect("created");
    store.delete(&gone.id, &editor()).await.expect("deleted");
    let referrers_before: Vec<RecordId> = {
        let mut ids: Vec<RecordId> = store
            .referring_to(&old, Visibility::Confidential)
            .await
            .expect("referrers")
            .iter()
            .map(|r| r.id().clone())
            .collect();
        ids.sort();
        ids
    };
    assert!(referrers_before.len() >= 5, "{referrers_before:?}");
    let history_before = store
        .revisions(&old, Visibility::Confidential)
        .await
        .expect("history")
        .len();

    let mut person = store.person(&old, Visibility::Confidential).await.expect("person");
    person.confidential = true;
    let change = Change {
        new_id_when_hidden: true,
        ..Change::new("ana", Some("protect him"))
    };
    let rev = store
        .update(Record::Person(person.clone()), &change)
        .await
        .expect("made confidential");
    let new = rev.record_id.clone();
    assert_eq!(rev.formerly.as_ref(), Some(&old), "the writer is told the old id");
    assert!(is_opaque(&new), "{new}");
    assert_eq!(rev.record.id(), &new);

    // Under the new id, whole, with its history; under the old, nothing.
    let now = store
        .person(&new, Visibility::Confidential)
        .await
        .expect("under the new id");
    assert_eq!(now.name, person.name);
    assert!(now.confidential);
    assert!(matches!(
        store.record(&old, Visibility::Confidential).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(store.taken(std::slice::from_ref(&old)).await.expect("taken").is_empty());
    let history = store.revisions(&new, Visibility::Confidential).await.expect("history");
    assert_eq!(history.len(), history_before + 1, "its whole history, and this write");
    assert!(history.iter().all(|r| r.record_id == new && r.record.id() == &new));
    assert!(store
        .revisions(&old, Visibility::Confidential)
        .await
        .map(|h| h.is_empty())
        .unwrap_or(true));

    // What named it names the new id, now and in every past revision.
    let mut referrers: Vec<RecordId> = store
        .referring_to(&new, Visibility::Confidential)
        .await
        .expect("referrers")
        .iter()
        .map(|r| r.id().clone())
        .collect();
    referrers.sort();
    assert_eq!(referrers, referrers_before);
    let log = store.changes_since(0, 100_000).await.expect("the change log");
    for r in &log {
        assert_ne!(r.record_id, old, "a revision filed under the old id");
        let json = serde_json::to_string(&r.record).expect("json");
        assert!(!quoted(&json), "revision {} of {} names the old id", r.seq, r.record_id);
        let reason = r.reason.clone().unwrap_or_default();
        assert!(
            !reason.replace(&format!("{old}-2"), "").contains(old.as_str()),
            "a reason names the old id: {reason}"
        );
    }
    // Followers of the change log are told the old id, by that write alone.
    let telling: Vec<i64> = log.iter().filter(|r| r.formerly.is_some()).map(|r| r.seq).collect();
    assert_eq!(telling, [rev.seq]);
    assert!(log.iter().any(|r| r.formerly.as_ref() == Some(&old)));
    let reason = log
        .iter()
        .find(|r| r.seq == named.seq)
        .and_then(|r| r.reason.clone())
        .expect("the reason");
    assert_eq!(reason, format!("merged x into {new}: the same man; not {old}-2"));
    // The public sees neither id in what it may read.
    for r in store.referring_to(&new, Visibility::Public).await.expect("public") {
        let json = serde_json::to_string(&r).expect("json");
        assert!(!quoted(&json) && !json.contains(new.as_str()), "{} names him", r.id());
    }

    // The old id is free: a new record may take it.
    let mut other = cf.persons[0].clone();
    other.id = old.clone();
    other.name = "Another Man".into();
    store
        .create(Record::Person(other), &editor())
        .await
        .expect("the old id is free");
    // A write without the ask keeps the id (the store's own callers).
    let mut kept = store
        .person(&id("max-bokaev"), Visibility::Confidential)
        .await
        .expect("person");
    kept.confidential = true;
    let rev = store.update(Record::Person(kept), &editor()).await.expect("updated");
    assert_eq!((rev.record_id.as_str(), rev.formerly), ("max-bokaev", None));
}

/// A case file from before records made confidential were given new ids:
/// `give_opaque_ids` gives each confidential record under a readable id an
/// opaque one (a deleted one too, which stays deleted), leaves those
/// already opaque and the public ones, and finds nothing more to do when
/// run again.
pub async fn confidential_records_of_an_earlier_version_are_given_opaque_ids<S: Store + Accounts>(store: &S) {
    let cf = loaded(store).await;
    let mut witness = cf.persons[2].clone();
    witness.id = id("witness-aigul");
    witness.name = "Aigul Witness".into();
    witness.confidential = true;
    witness.affiliations.clear();
    store
        .create(Record::Person(witness.clone()), &editor())
        .await
        .expect("witness");
    let mut gone = witness.clone();
    gone.id = id("witness-gone");
    store
        .create(Record::Person(gone.clone()), &editor())
        .await
        .expect("another");
    store.delete(&gone.id, &editor()).await.expect("deleted");
    let mut opaque = witness.clone();
    opaque.id = crate::opaque_id();
    store
        .create(Record::Person(opaque.clone()), &editor())
        .await
        .expect("opaque");
    let mut sealed_event = cf.events[0].clone();
    sealed_event.confidential = true;
    store
        .update(Record::Event(sealed_event.clone()), &editor())
        .await
        .expect("an event made confidential without a new id");

    assert_eq!(store.give_opaque_ids().await.expect("given"), 3);
    for old in [&witness.id, &gone.id, &sealed_event.id] {
        assert!(
            store.taken(std::slice::from_ref(old)).await.expect("taken").is_empty(),
            "{old} left"
        );
    }
    assert!(
        store.person(&opaque.id, Visibility::Confidential).await.is_ok(),
        "opaque kept"
    );
    let found = store
        .persons(
            &NameQuery {
                text: Some("Aigul Witness".into()),
                visibility: Visibility::Confidential,
            },
            Page::default(),
        )
        .await
        .expect("found");
    assert_eq!(found.items.len(), 2, "the live witness and the opaque one");
    assert!(found.items.iter().all(|p| is_opaque(&p.id)));
    assert!(store.person(&id("erlan-baltabay"), Visibility::Public).await.is_ok());
    assert_eq!(store.give_opaque_ids().await.expect("again"), 0);
}
