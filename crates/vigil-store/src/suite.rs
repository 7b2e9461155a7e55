//! The behaviour every backend must show, written once.
//!
//! A backend's tests call [`behaviour_suite!`](crate::behaviour_suite) with
//! an async function that returns a fresh, empty store; each check below
//! becomes one `#[tokio::test]` of that backend. Fixtures come from the
//! demo case file.

use vigil_core::{AccountRole, CaseFile, EventType, Record, RecordId, RecordKind, UserName};

use crate::campaigns::{Campaigns, Filter, Mail, NewSignature, Op, Outcome};
use crate::{Accounts, Change, EventFilter, NameQuery, Operation, Page, Store, StoreError, StoreExt, Visibility};

fn demo() -> CaseFile {
    vigil_demo::case_file().expect("the demo case file is valid")
}

fn id(s: &str) -> RecordId {
    RecordId::parse(s).expect("a valid id")
}

fn editor() -> Change {
    Change::new("editor@example.org", Some("suite"))
}

async fn loaded<S: Store>(store: &S) -> CaseFile {
    let cf = demo();
    let n = store
        .import(&cf, &Change::new("demo", Some("demo load")))
        .await
        .expect("demo imports");
    assert_eq!(n, cf.len());
    cf
}

/// Runs each named check as a test against stores made by `$make`.
///
/// `behaviour_suite!(fresh_store)` takes an async fn returning a store;
/// `behaviour_suite!(optional fresh_store)` one returning `Option<store>`,
/// where `None` means "this backend is not available here": the check then
/// passes without running (the maker says why, loudly).
#[macro_export]
macro_rules! behaviour_suite {
    // Stores under test implement both `Store` and `Accounts`.
    ($make:path) => {
        $crate::behaviour_suite!(@checks plain $make);
    };
    (optional $make:path) => {
        $crate::behaviour_suite!(@checks optional $make);
    };
    (@checks $mode:ident $make:path) => {
        $crate::behaviour_suite!(@each $mode $make;
            import_round_trips_every_record,
            counts_and_lists_follow_visibility,
            person_name_query_folds_case_and_script,
            event_filters,
            paging_and_totals,
            create_update_delete_write_revisions,
            create_refuses_a_taken_id,
            create_all_writes_each_with_its_change_or_none,
            invalid_records_are_refused_whole,
            excerpts_must_quote_their_source,
            references_must_resolve_to_the_right_kind,
            delete_refuses_while_referred_to,
            failed_import_leaves_nothing,
            update_of_unknown_record_is_not_found,
            referring_to_lists_citing_records,
            change_log_is_ordered_and_resumable,
            a_write_returns_the_revision_that_reads_return,
            restore_brings_back_a_past_state_and_deleted_records,
            confidential_fields_are_withheld_from_the_public,
            accounts_tokens_and_sessions,
            the_whole_case_file_reads_back,
            public_records_do_not_reveal_confidential_ones,
            accountability_records_have_history_restore_and_confidentiality,
            campaigns_take_one_signature_per_person_and_confirm_once,
            campaign_invalidation_reverts_and_anonymisation_keeps_counts,
            the_mail_queue_leases_retries_and_gives_up
        );
    };
    (@each plain $make:path; $($check:ident),+ $(,)?) => {$(
        #[tokio::test]
        async fn $check() {
            let store = $make().await;
            $crate::suite::$check(&store).await;
        }
    )+};
    (@each optional $make:path; $($check:ident),+ $(,)?) => {$(
        #[tokio::test]
        async fn $check() {
            let Some(store) = $make().await else { return };
            $crate::suite::$check(&store).await;
        }
    )+};
}

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
    let cf = loaded(store).await;
    let all = store
        .events(&EventFilter::all(Visibility::Public), Page::all())
        .await
        .expect("events");
    assert_eq!(all.total as usize, cf.events.len());
    let dates: Vec<_> = all.items.iter().map(|e| e.date).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(
        dates.iter().map(|d| d.earliest()).collect::<Vec<_>>(),
        sorted.iter().map(|d| d.earliest()).collect::<Vec<_>>(),
        "chronological"
    );

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

pub async fn accounts_tokens_and_sessions<S: Store + Accounts>(store: &S) {
    let ana = UserName::parse("ana@union.example").expect("name");
    store
        .add_account(&ana, AccountRole::Editor, "$argon2id$fake")
        .await
        .expect("add");
    assert!(
        store.add_account(&ana, AccountRole::Reader, "x").await.is_err(),
        "names are unique"
    );
    let (account, hash) = store.account(&ana).await.expect("read").expect("exists");
    assert_eq!(
        (account.role, account.disabled, hash.as_str()),
        (AccountRole::Editor, false, "$argon2id$fake")
    );

    store.add_token(&ana, "tokenhash").await.expect("token");
    assert_eq!(
        store
            .account_by_token("tokenhash")
            .await
            .expect("by token")
            .map(|a| a.name),
        Some(ana.clone())
    );
    assert_eq!(store.account_by_token("other").await.expect("by token"), None);

    let later = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    store.create_session("s1", &ana, "csrf1", later).await.expect("session");
    let s = store.session("s1").await.expect("session").expect("live");
    assert_eq!(s.csrf_token, "csrf1");
    let past = time::OffsetDateTime::now_utc() - time::Duration::hours(1);
    store
        .create_session("s-old", &ana, "csrf2", past)
        .await
        .expect("session");
    assert_eq!(store.session("s-old").await.expect("session"), None, "expired");

    store.set_disabled(&ana, true).await.expect("disable");
    assert_eq!(
        store.session("s1").await.expect("session"),
        None,
        "a disabled account's sessions end"
    );
    assert_eq!(store.account_by_token("tokenhash").await.expect("by token"), None);
    store.set_disabled(&ana, false).await.expect("enable");
    assert!(store.account_by_token("tokenhash").await.expect("by token").is_some());
    let nobody = UserName::parse("nobody").expect("name");
    assert!(matches!(
        store.set_disabled(&nobody, true).await,
        Err(StoreError::NotFound { .. })
    ));

    store.create_session("s2", &ana, "c", later).await.expect("session");
    store.delete_session("s2").await.expect("logout");
    assert_eq!(store.session("s2").await.expect("session"), None);
    assert_eq!(store.accounts().await.expect("list").len(), 1);
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
}

/// Runs the proposals checks against stores made by `$make` (a backend
/// that implements [`crate::Proposals`] calls this beside
/// [`behaviour_suite!`](crate::behaviour_suite)).
#[macro_export]
macro_rules! proposals_suite {
    ($make:path) => {
        $crate::proposals_suite!(@checks plain $make);
    };
    (optional $make:path) => {
        $crate::proposals_suite!(@checks optional $make);
    };
    (@checks $mode:ident $make:path) => {
        $crate::behaviour_suite!(@each $mode $make;
            proposals_are_stored_listed_and_decided_once,
            fingerprints_and_source_links,
            ingested_sources_are_stored_together_or_not_at_all
        );
    };
}

pub async fn proposals_are_stored_listed_and_decided_once<S: Store + crate::Proposals>(store: &S) {
    use crate::{Decision, NewProposal, ProposalFilter, ProposalState};
    let src = id("hrw-2019-kazakhstan-upr");
    let other = id("svensson-2019-nazarbaev-resigns");
    let new = |pid: &str, kind: &str| {
        let body = serde_json::json!({"id": pid, "kind": kind, "excerpts": [{"text": "Балтабай ’quoted’ \"\\"}]});
        NewProposal::new(pid, kind, format!("label {pid}"), &body).expect("serialised")
    };
    store
        .add_proposals(&src, &[new("a.p1", "person"), new("a.p2", "event")])
        .await
        .expect("stored");
    store
        .add_proposals(&other, &[new("b.p1", "organisation")])
        .await
        .expect("stored");
    // A taken id: nothing of the batch is stored.
    let err = store
        .add_proposals(&other, &[new("b.p2", "alias"), new("a.p1", "person")])
        .await
        .expect_err("id taken");
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    let all = store.proposals(&ProposalFilter::default()).await.expect("list");
    let ids: Vec<&str> = all.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["a.p1", "a.p2", "b.p1"], "in the order stored, all or nothing");
    assert_eq!(
        all[0].body["excerpts"][0]["text"], "Балтабай ’quoted’ \"\\",
        "JSON round-trips"
    );
    assert_eq!(all[0].state, ProposalState::Pending);
    let of_src = store
        .proposals(&ProposalFilter {
            source_id: Some(src.clone()),
            ..Default::default()
        })
        .await
        .expect("list");
    assert_eq!(of_src.len(), 2);
    let decided = store
        .decide(
            "a.p1",
            &Decision {
                state: ProposalState::Accepted,
                by: "editor@example.org".into(),
                record_id: Some(id("erlan-baltabay")),
            },
        )
        .await
        .expect("decided");
    assert_eq!(decided.state, ProposalState::Accepted);
    assert_eq!(decided.decided_by.as_deref(), Some("editor@example.org"));
    assert!(decided.decided_at.is_some());
    let again = store
        .decide(
            "a.p1",
            &Decision {
                state: ProposalState::Rejected,
                by: "other@example.org".into(),
                record_id: None,
            },
        )
        .await
        .expect_err("decided once");
    assert!(matches!(again, StoreError::Invalid(_)));
    assert!(matches!(
        store
            .decide(
                "nope",
                &Decision {
                    state: ProposalState::Rejected,
                    by: "x".into(),
                    record_id: None
                }
            )
            .await,
        Err(StoreError::NotFound { .. })
    ));
    let pending = store
        .proposals(&ProposalFilter {
            state: Some(ProposalState::Pending),
            ..Default::default()
        })
        .await
        .expect("list");
    assert_eq!(pending.len(), 2);
    let one = store
        .proposals(&ProposalFilter {
            id: Some("a.p1".into()),
            ..Default::default()
        })
        .await
        .expect("one");
    assert_eq!(one[0].record_id, Some(id("erlan-baltabay")));
    assert_eq!(one[0].decided_by.as_deref(), Some("editor@example.org"));
}

pub async fn fingerprints_and_source_links<S: Store + crate::Proposals>(store: &S) {
    use crate::{Fingerprint, SourceLink};
    let f = Fingerprint {
        source_id: id("hrw-2019-kazakhstan-upr"),
        content_hash: "ab".repeat(32),
        signature: vec![u64::MAX, 0, 12_345_678_901_234],
    };
    store.save_fingerprint(&f).await.expect("saved");
    let g = Fingerprint {
        content_hash: "cd".repeat(32),
        ..f.clone()
    };
    store.save_fingerprint(&g).await.expect("replaced");
    assert_eq!(store.fingerprints().await.expect("read"), vec![g]);
    let link = SourceLink {
        source_id: id("b"),
        other_id: Some(id("a")),
        relation: "near_duplicate".into(),
        similarity: 0.91,
        document: "file.html".into(),
        by: "vigil ingest".into(),
        at: time::OffsetDateTime::from_unix_timestamp(1_573_000_000).expect("time"),
    };
    store.link_source(&link).await.expect("linked");
    assert_eq!(store.source_links(&id("a")).await.expect("links"), vec![link.clone()]);
    assert_eq!(store.source_links(&id("b")).await.expect("links"), vec![link]);
    assert!(store.source_links(&id("c")).await.expect("links").is_empty());
}

pub async fn ingested_sources_are_stored_together_or_not_at_all<S: Store + crate::Proposals>(store: &S) {
    use crate::{Fingerprint, IngestedSource, NewProposal, ProposalFilter};
    let of = |source: &str, hash: &str, ids: &[&str]| IngestedSource {
        fingerprint: Fingerprint {
            source_id: id(source),
            content_hash: hash.repeat(32),
            signature: vec![1, u64::MAX],
        },
        proposals: ids
            .iter()
            .map(|p| {
                NewProposal::new(*p, "person", format!("label {p}"), &serde_json::json!({ "id": p }))
                    .expect("serialised")
            })
            .collect(),
    };
    store
        .add_ingested(&[of("s1", "aa", &["s1.p1", "s1.p2"]), of("s2", "bb", &["s2.p1"])])
        .await
        .expect("stored");
    let listed: Vec<(String, String)> = store
        .proposals(&ProposalFilter::default())
        .await
        .expect("list")
        .into_iter()
        .map(|p| (p.source_id.to_string(), p.id))
        .collect();
    assert_eq!(
        listed,
        [("s1", "s1.p1"), ("s1", "s1.p2"), ("s2", "s2.p1")].map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(store.fingerprints().await.expect("fingerprints").len(), 2);
    // A taken proposal id: neither the proposals nor the fingerprints.
    let err = store
        .add_ingested(&[of("s3", "cc", &["s3.p1"]), of("s4", "dd", &["s1.p2"])])
        .await
        .expect_err("taken");
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert_eq!(store.fingerprints().await.expect("fingerprints").len(), 2);
    assert_eq!(
        store.proposals(&ProposalFilter::default()).await.expect("list").len(),
        3
    );
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

fn test_campaign(slug: &str) -> vigil_core::campaign::Campaign {
    serde_json::from_value(serde_json::json!({
        "slug": slug,
        "persons": ["erlan-baltabay"],
        "versions": [{"language": "en", "title": "Free him", "text": "t", "message": "m"}],
        "state": "open"
    }))
    .expect("a campaign")
}

fn signature(slug: &str, email: &str, secret: &[u8]) -> Op {
    use sha2::Digest;
    Op::Sign(Box::new(NewSignature {
        id: crate::campaigns::random_hex(),
        campaign: vigil_core::campaign::Slug::parse(slug).unwrap(),
        name: format!("Name of {email}"),
        email: vigil_core::campaign::Email::parse(email).unwrap(),
        organisation: None,
        country: vigil_core::campaign::Country::parse("KZ").unwrap(),
        language: vigil_core::campaign::Language::parse("en").unwrap(),
        opt_in: None,
        named: true,
        ip: Some("203.0.113.7".parse().unwrap()),
        token_hash: sha2::Sha256::digest(secret).into(),
        token_expires_at: crate::now() + time::Duration::days(7),
        mail: Mail {
            to: email.to_owned(),
            subject: "Confirm".into(),
            body: "link".into(),
        },
        sealed: None,
    }))
}

fn sign_id(op: &Op) -> String {
    match op {
        Op::Sign(s) => s.id.clone(),
        Op::Confirm { .. } => unreachable!(),
    }
}

fn confirm(slug: &str, id: &str, secret: &[u8]) -> Op {
    use sha2::Digest;
    Op::Confirm {
        campaign: vigil_core::campaign::Slug::parse(slug).unwrap(),
        id: id.to_owned(),
        token_hash: sha2::Sha256::digest(secret).into(),
    }
}

pub async fn campaigns_take_one_signature_per_person_and_confirm_once<S: Store + Accounts + Campaigns>(store: &S) {
    let c = test_campaign("suite-camp");
    store.create_campaign(&c, "ed").await.expect("created");
    assert!(
        matches!(store.create_campaign(&c, "ed").await, Err(StoreError::Invalid(_))),
        "slug taken"
    );
    let a = signature("suite-camp", "A.B+x@gmail.com", b"s1");
    let b = signature("suite-camp", "c@example.org", b"s2");
    let a_again = signature("suite-camp", "ab@googlemail.com", b"s3");
    let (ida, idb) = (sign_id(&a), sign_id(&b));
    let out = store.apply(vec![a, b, a_again]).await.expect("batch");
    assert_eq!(out, [Outcome::Signed, Outcome::Signed, Outcome::AlreadySigned]);
    assert_eq!(
        store.mail_pending().await.unwrap(),
        2,
        "one confirmation each, queued with the signature"
    );
    let out = store
        .apply(vec![
            confirm("suite-camp", &ida, b"wrong"),
            confirm("suite-camp", &ida, b"s1"),
            confirm("suite-camp", &ida, b"s1"),
            confirm("suite-camp", "0123456789abcdef0123456789abcdef", b"s2"),
            confirm("other-camp", &idb, b"s2"),
        ])
        .await
        .expect("confirmations");
    assert_eq!(out[0], Outcome::TokenUnknown);
    assert_eq!(
        out[1],
        Outcome::Confirmed {
            country: "KZ".into(),
            language: "en".into()
        }
    );
    assert_eq!(out[2], Outcome::TokenSpent);
    assert_eq!(out[3], Outcome::TokenUnknown);
    assert_eq!(out[4], Outcome::TokenUnknown);
    let t = store.tally("suite-camp").await.unwrap();
    assert_eq!(t.confirmed, 1);
    assert_eq!(t.by_country["KZ"], 1);
    let rows = store.export("suite-camp").await.unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows
        .iter()
        .any(|r| r.email == "A.B+x@gmail.com" && r.confirmed_at.is_some()));
    assert_eq!(
        store
            .named_signers("suite-camp", time::OffsetDateTime::UNIX_EPOCH)
            .await
            .unwrap()
            .len(),
        1
    );
    let mut edited = c.clone();
    edited.goal = Some(5);
    store.update_campaign(&edited, "ed2").await.unwrap();
    assert_eq!(store.campaign("suite-camp").await.unwrap().campaign.goal, Some(5));
    let audit = store.campaign_audit("suite-camp").await.unwrap();
    assert_eq!(
        audit.iter().map(|a| a.author.as_str()).collect::<Vec<_>>(),
        ["ed", "ed2"]
    );
    assert!(matches!(store.campaign("nope").await, Err(StoreError::NotFound { .. })));
}

pub async fn campaign_invalidation_reverts_and_anonymisation_keeps_counts<S: Store + Accounts + Campaigns>(store: &S) {
    let mut c = test_campaign("suite-inval");
    store.create_campaign(&c, "ed").await.unwrap();
    let ops = vec![
        signature("suite-inval", "one@spam.example", b"1"),
        signature("suite-inval", "two@spam.example", b"2"),
        signature("suite-inval", "three@ok.example", b"3"),
    ];
    let confirms: Vec<Op> = ops
        .iter()
        .zip([b"1", b"2", b"3"])
        .map(|(op, s)| confirm("suite-inval", &sign_id(op), s))
        .collect();
    store.apply(ops).await.unwrap();
    store.apply(confirms).await.unwrap();
    let by_domain = Filter {
        domain: Some("spam.example".into()),
        ..Filter::default()
    };
    assert_eq!(store.preview_invalidation("suite-inval", &by_domain).await.unwrap(), 2);
    let by_range = Filter {
        ip_range: Some("203.0.113.0/24".into()),
        ..Filter::default()
    };
    assert_eq!(store.preview_invalidation("suite-inval", &by_range).await.unwrap(), 3);
    let inv = store.invalidate("suite-inval", &by_domain, "admin").await.unwrap();
    assert_eq!(inv.removed, 2);
    let t = store.tally("suite-inval").await.unwrap();
    assert_eq!((t.confirmed, t.invalidated), (1, 2));
    store.revert_invalidation(inv.id, "admin").await.unwrap();
    assert_eq!(store.tally("suite-inval").await.unwrap().confirmed, 3);
    assert!(store.revert_invalidation(inv.id, "admin").await.is_err());
    assert_eq!(
        store.invalidations("suite-inval").await.unwrap()[0]
            .reverted_by
            .as_deref(),
        Some("admin")
    );

    // Closed, then anonymised: the personal data goes, the counts stay.
    c.state = vigil_core::campaign::CampaignState::Closed;
    store.update_campaign(&c, "ed").await.unwrap();
    assert!(store.campaign("suite-inval").await.unwrap().closed_at.is_some());
    let none = store
        .anonymise_closed(crate::now() - time::Duration::days(1))
        .await
        .unwrap();
    assert!(none.is_empty(), "not yet");
    let done = store
        .anonymise_closed(crate::now() + time::Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(done, [("suite-inval".to_owned(), 3)]);
    assert!(store.export("suite-inval").await.unwrap().is_empty());
    assert_eq!(store.tally("suite-inval").await.unwrap().confirmed, 3);
    assert!(store.campaign("suite-inval").await.unwrap().anonymised_at.is_some());
}

pub async fn the_mail_queue_leases_retries_and_gives_up<S: Store + Accounts + Campaigns>(store: &S) {
    let mail = Mail {
        to: "x@example.org".into(),
        subject: "s".into(),
        body: "b".into(),
    };
    let id = store.enqueue_mail(&mail).await.unwrap();
    let lease = time::Duration::minutes(2);
    let got = store.claim_mail(crate::now(), lease, 10).await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].mail, mail);
    assert!(
        store.claim_mail(crate::now(), lease, 10).await.unwrap().is_empty(),
        "leased"
    );
    store.mail_failed(&id, "server down", Some(crate::now())).await.unwrap();
    let again = store.claim_mail(crate::now(), lease, 10).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].attempts, 1);
    store.mail_failed(&id, "still down", None).await.unwrap();
    assert_eq!(store.mail_pending().await.unwrap(), 0, "given up");
    let id2 = store.enqueue_mail(&mail).await.unwrap();
    store.claim_mail(crate::now(), lease, 10).await.unwrap();
    store.mail_sent(&[id2]).await.unwrap();
    assert_eq!(store.mail_pending().await.unwrap(), 0);
}
