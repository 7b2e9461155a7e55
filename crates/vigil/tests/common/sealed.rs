//! A case file with something in every place the key seals or keys, and
//! a reading of all of it back: what a key rotation must carry over.

use vigil_core::RecordId;
use vigil_store::attachments::{Attachments, FormKey, FORM_KEY_ID};
use vigil_store::campaigns::{Mail, Op, Outcome};
use vigil_store::{
    Campaigns, Change, Fingerprint, NewProposal, Page, ProposalFilter, Proposals, StatusOrder, StatusQuery, Store,
    Visibility,
};

fn id(s: &str) -> RecordId {
    RecordId::parse(s).expect("id")
}

/// The demo's source the attachment is added to (the first by id: the
/// demo's order is not fixed).
fn first_source() -> RecordId {
    let cf = vigil_demo::case_file().expect("demo");
    cf.sources.iter().map(|s| s.id.clone()).min().expect("a source")
}

/// Fills `store`: the demo (whose status stretches are sealed for the
/// whole case file's view), a wholly confidential witness, a person with
/// a confidential field and an edit of it (sealed revisions), an
/// attachment, a campaign with two signers (sealed personal data, their
/// emails' keyed index, their queued confirmations), a queued message and
/// a sent one (its body gone), a proposal, a source's fingerprint and the
/// key pair of encrypted forms.
pub async fn fill<S: Store + Campaigns + Attachments + Proposals + vigil_store::Accounts>(store: &S) {
    let cf = vigil_store::suite::loaded(store).await;
    let by_ana = Change::new("ana", None);
    vigil_store::suite::write_confidential_persons(store, &cf, &by_ana).await;
    // A confidential event in KZ naming the witness: the facts the
    // country rating reads of it are sealed.
    let (witness, _) = vigil_store::suite::confidential_persons(&cf);
    let mut arrest = cf
        .events
        .iter()
        .find(|e| e.country.as_deref() == Some("KZ") && !e.excerpts.is_empty())
        .expect("a demo event in KZ")
        .clone();
    arrest.id = vigil_core::RecordId::parse("9f1c2d3e4b5a69788796a5b4c3d2e1f0").expect("an id");
    arrest.event_type = vigil_core::EventType::Arrest;
    arrest.confidential = true;
    arrest.relates_to.clear();
    arrest.participants = vec![vigil_core::Participant {
        record_id: witness.id,
        role: vigil_core::Role::Victim,
    }];
    store
        .create(vigil_core::Record::Event(arrest), &by_ana)
        .await
        .expect("a confidential event");
    // A person an editor made confidential, given a new id: the revision
    // keeps the old one sealed, for followers of the change log.
    let mut given = cf
        .persons
        .iter()
        .skip(3)
        .find(|p| !p.confidential)
        .expect("a public person")
        .clone();
    given.confidential = true;
    let rev = store
        .update(
            vigil_core::Record::Person(given),
            &Change {
                new_id_when_hidden: true,
                ..by_ana.clone()
            },
        )
        .await
        .expect("given a new id");
    assert!(rev.formerly.is_some());
    let source = first_source();
    vigil_store::suite::attach_photo(store, source).await;
    // A device account's digest secret (HTTP Digest): sealed.
    let phone = vigil_store::AccountChange::Add {
        name: vigil_core::UserName::parse("phone-sealed").expect("name"),
        role: vigil_core::AccountRole::Device,
        password_hash: "$argon2id$phone".into(),
        digest: Some(vigil_store::DigestSecret {
            md5: [7; 16],
            sha256: [8; 32],
        }),
    };
    vigil_store::Accounts::change_account(store, &phone, "test")
        .await
        .expect("device");
    // The key pair of encrypted forms: its private key sealed.
    store
        .keep_form_key(&FormKey {
            id: FORM_KEY_ID.into(),
            public_key: "TUlJQklqQU4=".into(),
            private_key: b"the form key's private half, PKCS#8 DER".to_vec(),
            created_at: 1,
        })
        .await
        .expect("form key");
    // Rotated once: the first key retired (sealed under its own id), a
    // second one current.
    store
        .rotate_form_key(&FormKey {
            id: FORM_KEY_ID.into(),
            public_key: "U0VDT05E".into(),
            private_key: b"the second form key's private half".to_vec(),
            created_at: 2,
        })
        .await
        .expect("form key rotated");
    vigil_store::suite::open_campaign(store).await;
    let out = store
        .apply(vec![
            Op::Sign(Box::new(vigil_store::suite::signature("a@example.org"))),
            Op::Sign(Box::new(vigil_store::suite::signature("b@example.net"))),
        ])
        .await
        .expect("signed");
    assert_eq!(out, [Outcome::Signed, Outcome::Signed]);
    store
        .enqueue_mail(&Mail {
            to: "target@example.org".into(),
            subject: "A digest".into(),
            body: "the names".into(),
            unsubscribe: None,
        })
        .await
        .expect("mail");
    // A message already sent: its body is gone, nothing to re-seal.
    let sent = store
        .enqueue_mail(&Mail {
            to: "sent@example.org".into(),
            subject: "Sent".into(),
            body: "gone".into(),
            unsubscribe: None,
        })
        .await
        .expect("mail");
    store.mail_sent(&[sent]).await.expect("sent");
    // A proposal of a report and a source's fingerprint, both sealed.
    let report = first_source();
    let proposal = NewProposal::new(
        format!("{report}.p900"),
        "person",
        "Zhanna Witnessova",
        &serde_json::json!({"name": "Zhanna Witnessova"}),
    )
    .expect("proposal");
    store.add_proposals(&report, &[proposal]).await.expect("proposal");
    store
        .save_fingerprint(&Fingerprint {
            source_id: report,
            content_hash: "c0ffee".into(),
            signature: vec![1, 2, 3],
        })
        .await
        .expect("fingerprint");
}

/// Everything sealed in `store`, read back (unsealed) as text: every
/// revision and record as the whole case file sees them, the status list
/// of the whole case file, the attachment, the signers and the queued
/// mail. Fails if anything does not unseal.
pub async fn read_all<S: Store + Campaigns + Attachments + Proposals + vigil_store::Accounts>(
    store: &S,
) -> Vec<String> {
    let mut out = Vec::new();
    let revisions = store.changes_since(0, 1_000_000).await.expect("revisions");
    assert!(revisions.len() > 80, "{}", revisions.len());
    for rev in &revisions {
        out.push(format!("{rev:?}"));
        match store.record(&rev.record_id, Visibility::Confidential).await {
            Ok(r) => out.push(format!("{r:?}")),
            Err(e) => out.push(format!("{} {e}", rev.record_id)),
        }
    }
    let statuses = store
        .statuses(
            &StatusQuery {
                as_of: time::OffsetDateTime::now_utc().date(),
                kind: None,
                order: StatusOrder::default(),
                visibility: Visibility::Confidential,
            },
            Page::new(500, 0).expect("page"),
        )
        .await
        .expect("statuses");
    assert!(!statuses.items.is_empty());
    out.extend(statuses.items.iter().map(|s| format!("{s:?}")));
    // The country views' state as those with the right read it: found by
    // the keyed hashes of the countries (issue 17), which a rotation
    // hashes anew.
    let months = store
        .restraint_months("KZ", Visibility::Confidential)
        .await
        .expect("months");
    assert!(!months.is_empty());
    out.extend(months.iter().map(|m| format!("{m:?}")));
    let counts = store
        .rated_counts("KZ", Visibility::Confidential)
        .await
        .expect("rated counts");
    let public = store
        .rated_counts("KZ", Visibility::Public)
        .await
        .expect("rated counts");
    assert_ne!(counts, public, "the confidential event counts for those with the right");
    out.extend(counts.iter().map(|c| format!("{c:?}")));
    // The briefing's: those restrained on a day, counted from the day
    // changes keyed by the same hashes, and a window of events.
    let mut restrained = 0;
    for day in [time::macros::date!(2016 - 03 - 01), time::macros::date!(2019 - 11 - 07)] {
        for kind in [
            vigil_core::RestraintKind::Imprisonment,
            vigil_core::RestraintKind::ActivityBan,
        ] {
            let listing = store
                .restrained("KZ", Visibility::Confidential, day, kind, 50)
                .await
                .expect("restrained");
            restrained += listing.total;
            out.push(format!("{} {:?}", listing.total, listing.items));
        }
    }
    assert!(restrained > 0, "someone restrained on the days asked");
    let window = store
        .rated_window(
            "KZ",
            Visibility::Confidential,
            Some(time::macros::date!(2017 - 06 - 01)),
            time::macros::date!(2020 - 01 - 01),
            20,
        )
        .await
        .expect("a window");
    out.push(format!("{window:?}"));
    for year in 2015..=2020 {
        let events = store
            .rated_events("KZ", Visibility::Confidential, year)
            .await
            .expect("rated events");
        out.extend(events.iter().map(|e| format!("{e:?}")));
    }
    let (_, bytes) = store
        .attachment(&first_source(), "photo.png")
        .await
        .expect("attachment")
        .expect("there");
    out.push(String::from_utf8_lossy(&bytes).into_owned());
    // A device account's digest secret (HTTP Digest).
    let phone = vigil_core::UserName::parse("phone-sealed").expect("name");
    let digest = store.device_digest(&phone).await.expect("digest").expect("kept");
    assert_eq!(digest.md5, [7; 16]);
    out.push(format!("{:?}", digest.to_bytes()));
    let form_keys = store.form_keys().await.expect("form keys");
    let privates: Vec<&[u8]> = form_keys.iter().map(|k| k.private_key.as_slice()).collect();
    assert_eq!(
        privates,
        [
            b"the second form key's private half".as_slice(),
            b"the form key's private half, PKCS#8 DER".as_slice()
        ]
    );
    out.push(format!("{form_keys:?}"));
    let mut signers = store.export("free-erlan").await.expect("signers");
    signers.sort_by(|a, b| a.email.cmp(&b.email));
    assert_eq!(signers.len(), 2);
    out.extend(
        signers
            .iter()
            .map(|s| format!("{} {} {:?}", s.name, s.email, s.organisation)),
    );
    let far = vigil_store::now() + time::Duration::days(1);
    // No lease: the next reading claims them again.
    let mut mail = store.claim_mail(far, time::Duration::ZERO, 100).await.expect("mail");
    mail.sort_by(|a, b| a.mail.to.cmp(&b.mail.to));
    assert_eq!(mail.len(), 3, "two confirmations and a digest");
    out.extend(mail.iter().map(|m| format!("{:?}", m.mail)));
    let proposals = store.proposals(&ProposalFilter::default()).await.expect("proposals");
    assert!(proposals.iter().any(|p| p.label == "Zhanna Witnessova"));
    out.extend(proposals.iter().map(|p| format!("{} {} {}", p.id, p.label, p.body)));
    let fingerprints = store.fingerprints().await.expect("fingerprints");
    assert!(fingerprints.iter().any(|f| f.content_hash == "c0ffee"));
    out.extend(fingerprints.iter().map(|f| format!("{f:?}")));
    out
}

/// Whether a second signature with a signer's email is refused: the keyed
/// index of emails is the store's key's.
pub async fn signing_again_is_refused<S: Campaigns>(store: &S) {
    let out = store
        .apply(vec![Op::Sign(Box::new(vigil_store::suite::signature("a@example.org")))])
        .await
        .expect("signed");
    assert_eq!(out, [Outcome::AlreadySigned]);
}
