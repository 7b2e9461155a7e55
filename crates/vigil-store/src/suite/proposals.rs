//! Proposals, fingerprints and ingested sources.

use super::id;
use crate::{Store, StoreError};

/// The stored proposal `id`, read by its id.
async fn stored<S: crate::Proposals>(store: &S, id: &str) -> crate::StoredProposal {
    store
        .proposals(&crate::ProposalFilter {
            id: Some(id.into()),
            ..Default::default()
        })
        .await
        .expect("proposals")
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no proposal {id}"))
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
        .decide("a.p1", &Decision::rejected("other@example.org"))
        .await
        .expect_err("decided once");
    assert!(matches!(again, StoreError::Decided { .. }), "{again:?}");
    assert!(matches!(
        store.decide("nope", &Decision::rejected("x")).await,
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
    let one = stored(store, "a.p1").await;
    assert_eq!(one.record_id, Some(id("erlan-baltabay")));
    assert_eq!(one.decided_by.as_deref(), Some("editor@example.org"));
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

/// A write that settles a proposal decides it in the same transaction; a
/// second write settling it is refused and writes nothing, so one
/// proposal makes at most one record.
pub async fn a_write_settles_its_proposal_once<S: Store + crate::Proposals>(store: &S) {
    use crate::{Change, NewProposal, ProposalState};
    use vigil_core::{Person, Record};
    super::loaded(store).await;
    let src = id("hrw-2019-kazakhstan-upr");
    let body = serde_json::json!({"id": "s.p1", "kind": "person"});
    let new = NewProposal::new("s.p1", "person", "Ana Settled", &body).expect("serialised");
    store.add_proposals(&src, &[new]).await.expect("stored");
    let settling = Change::new("editor@example.org", Some("accepted")).settling("s.p1");
    let first = Record::Person(Person::named(id("ana-settled"), "Ana Settled"));
    store.create(first, &settling).await.expect("created, settling");
    let decided = stored(store, "s.p1").await;
    assert_eq!(decided.state, ProposalState::Accepted);
    assert_eq!(decided.record_id, Some(id("ana-settled")));
    assert_eq!(decided.decided_by.as_deref(), Some("editor@example.org"));

    // A second editor's record for the same proposal: refused, not written.
    let second = Record::Person(Person::named(id("ana-settled-2"), "Ana Settled"));
    let err = store.create(second, &settling).await.expect_err("settled once");
    assert!(matches!(err, StoreError::Decided { .. }), "{err:?}");
    assert!(store.taken(&[id("ana-settled-2")]).await.expect("taken").is_empty());
    // Nor may an update settle it again, nor settle a proposal that is not.
    let mut renamed = Person::named(id("ana-settled"), "Ana Settled-Again");
    renamed.aliases.push("Ana S.".into());
    let err = store
        .update(Record::Person(renamed.clone()), &settling)
        .await
        .expect_err("settled once");
    assert!(matches!(err, StoreError::Decided { .. }), "{err:?}");
    let nowhere = Change::new("editor@example.org", None).settling("no.such");
    let err = store
        .update(Record::Person(renamed), &nowhere)
        .await
        .expect_err("no proposal");
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    let person = store
        .record(&id("ana-settled"), crate::Visibility::Confidential)
        .await
        .expect("read");
    assert_eq!(person.title(), "Ana Settled", "the refused updates wrote nothing");
}

/// A source an editor makes confidential is given a new id
/// ([`crate::Change::new_id_when_hidden`]): its proposals (ids and sealed
/// bodies), fingerprint and links go with it, and the records quoting it
/// quote it under the new id.
pub async fn a_source_given_a_new_id_takes_its_proposals_fingerprint_and_links<S: Store + crate::Proposals>(store: &S) {
    use crate::{Fingerprint, NewProposal, ProposalFilter, SourceLink, Visibility};
    use vigil_core::Record;
    let cf = super::loaded(store).await;
    let source = cf
        .sources
        .iter()
        .find(|s| cf.events.iter().any(|e| e.excerpts.iter().any(|x| x.source_id == s.id)))
        .expect("a quoted source")
        .clone();
    let old = source.id.clone();
    let body = serde_json::json!({"kind": "person", "excerpts": [{"source_id": old.as_str(), "text": "Witness"}]});
    let pid = format!("{old}.p1");
    store
        .add_proposals(
            &old,
            &[NewProposal::new(&pid, "person", "Witness Name", &body).expect("body")],
        )
        .await
        .expect("proposed");
    store
        .save_fingerprint(&Fingerprint {
            source_id: old.clone(),
            content_hash: "ab".repeat(32),
            signature: vec![1, 2, 3],
        })
        .await
        .expect("fingerprint");
    store
        .link_source(&SourceLink {
            source_id: old.clone(),
            other_id: None,
            relation: "duplicate".into(),
            similarity: 1.0,
            document: "copy.html".into(),
            by: "vigil ingest".into(),
            at: time::OffsetDateTime::from_unix_timestamp(1_573_000_000).expect("time"),
        })
        .await
        .expect("linked");

    let mut hidden = source.clone();
    hidden.confidential = true;
    let change = crate::Change {
        new_id_when_hidden: true,
        ..crate::Change::new("ana", Some("the author asked"))
    };
    let rev = store
        .update(Record::Source(hidden), &change)
        .await
        .expect("made confidential");
    let new = rev.record_id.clone();
    assert_eq!(rev.formerly.as_ref(), Some(&old));
    assert_ne!(new, old);

    let of = |source: &vigil_core::RecordId| ProposalFilter {
        source_id: Some(source.clone()),
        ..Default::default()
    };
    let moved = store.proposals(&of(&new)).await.expect("proposals");
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].id, format!("{new}.p1"));
    assert_eq!(moved[0].label, "Witness Name");
    assert_eq!(moved[0].body["excerpts"][0]["source_id"], new.as_str());
    assert!(store.proposals(&of(&old)).await.expect("proposals").is_empty());
    let prints = store.fingerprints().await.expect("fingerprints");
    assert!(prints
        .iter()
        .any(|f| f.source_id == new && f.signature == vec![1, 2, 3]));
    assert!(prints.iter().all(|f| f.source_id != old));
    assert_eq!(store.source_links(&new).await.expect("links").len(), 1);
    assert!(store.source_links(&old).await.expect("links").is_empty());
    let quoting = store
        .referring_to(&new, Visibility::Confidential)
        .await
        .expect("referrers");
    assert!(!quoting.is_empty());
    for r in quoting {
        let sources: Vec<_> = r.excerpts().iter().map(|x| x.source_id.clone()).collect();
        assert!(
            sources.contains(&new) && !sources.contains(&old),
            "{}: {sources:?}",
            r.id()
        );
    }
}
