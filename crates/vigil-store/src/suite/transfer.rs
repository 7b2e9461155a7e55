//! A whole case file read through a snapshot and loaded into an empty one
//! (`crate::transfer`): what the full-scope export and import and
//! `vigil migrate-to-postgres` stand on. These checks take a maker of
//! stores under a given key, as a load needs two stores with one key.

use std::future::Future;

use vigil_core::campaign::{Country, Email, Language, Slug};
use vigil_core::{AccountRole, Record, RecordId, UserName};

use super::{demo, id};
use crate::attachments::Attachments;
use crate::campaigns::{Mail, NewSignature, Op, Outcome};
use crate::transfer::{copy, Load, Reader, Row, Snapshot, Transfer};
use crate::{
    Accounts, Campaigns, Change, Fingerprint, NewProposal, ProposalFilter, Proposals, SealKey, SourceLink, Store,
    StoreError, Visibility,
};

/// What a store under test offers.
pub trait Whole: Store + Accounts + Proposals + Campaigns + Attachments + Transfer {}
impl<S: Store + Accounts + Proposals + Campaigns + Attachments + Transfer> Whole for S {}

/// A signature of the demo campaign by `email`, with its confirmation mail
/// (for filling a case file in tests).
pub fn signature(email: &str) -> NewSignature {
    NewSignature {
        id: crate::campaigns::random_hex(),
        campaign: Slug::parse("free-erlan").expect("slug"),
        name: format!("Signer {email}"),
        email: Email::parse(email).expect("email"),
        organisation: Some("A union".into()),
        country: Country::parse("KZ").expect("country"),
        language: Language::parse("en").expect("language"),
        opt_in: None,
        named: true,
        ip: Some("203.0.113.7".parse().expect("ip")),
        token_hash: [7; 32],
        token_expires_at: crate::now() + time::Duration::days(7),
        mail: Mail {
            to: email.into(),
            subject: "Confirm".into(),
            body: "a confirmation link".into(),
            unsubscribe: None,
        },
        sealed: None,
    }
}

/// Fills `store` with something in every carried table: the demo, a
/// confidential witness, a confidential field edited (sealed revisions), a
/// deleted record, an account with a token, a session and audit, a decided
/// proposal, a fingerprint and a source link, an attachment, a form key
/// and an uploaded form, a campaign
/// with signers, an invalidation, a delivery, a result and queued mail.
pub async fn fill_every_table<S: Whole>(store: &S) {
    let cf = super::loaded(store).await;
    let by_ana = Change::new("ana", Some("a reason"));
    super::write_confidential_persons(store, &cf, &by_ana).await;
    let mut gone = cf.persons[3].clone();
    gone.id = id("gone-0001");
    gone.name = "Deleted Person".into();
    store.create(Record::Person(gone), &by_ana).await.expect("gone");
    store.delete(&id("gone-0001"), &by_ana).await.expect("deleted");

    let ana = UserName::parse("ana@union.example").expect("name");
    store
        .add_account(&ana, AccountRole::Admin, "$argon2id$fake")
        .await
        .expect("account");
    store.add_token(&ana, "tokenhash").await.expect("token");
    let phone = crate::AccountChange::Add {
        name: UserName::parse("phone-1").expect("name"),
        role: AccountRole::Device,
        password_hash: "$argon2id$phone".into(),
        digest: Some(crate::DigestSecret {
            md5: [5; 16],
            sha256: [6; 32],
        }),
    };
    store.change_account(&phone, "root").await.expect("device");
    store
        .create_session("s1", &ana, "csrf1", crate::now() + time::Duration::hours(1))
        .await
        .expect("session");

    let source = cf.sources.iter().map(|s| s.id.clone()).min().expect("a source");
    super::attach_photo(store, source.clone()).await;
    store
        .keep_form_key(&crate::attachments::FormKey {
            id: crate::attachments::FORM_KEY_ID.into(),
            public_key: "MIIBIjANBgkq-a-public-key".into(),
            private_key: b"a private key, sealed at rest".to_vec(),
            created_at: 2,
        })
        .await
        .expect("form key");
    store
        .put_form(
            &crate::attachments::StoredForm {
                id: "union_trial_monitoring".into(),
                version: "2026120301".into(),
                title: "Trial monitoring".into(),
                xml: "<h:html/>".into(),
                md5: "0".repeat(32),
                uploaded_by: "ana".into(),
                uploaded_at: 3,
            },
            &[(
                crate::attachments::FormMedia {
                    form_id: "union_trial_monitoring".into(),
                    name: "court.png".into(),
                    content_type: "image/png".into(),
                    size: 4,
                    md5: "0".repeat(32),
                },
                vec![0x89, b'P', b'N', b'G'],
            )],
        )
        .await
        .expect("form");
    let proposal = NewProposal::new(
        format!("{source}.p900"),
        "person",
        "Zhanna",
        &serde_json::json!({"name": "Zhanna", "n": 1.5}),
    )
    .expect("proposal");
    let second =
        NewProposal::new(format!("{source}.p901"), "event", "An event", &serde_json::json!({})).expect("proposal");
    store
        .add_proposals(&source, &[proposal, second])
        .await
        .expect("proposals");
    store
        .decide(&format!("{source}.p901"), &crate::Decision::rejected("ana"))
        .await
        .expect("decided");
    store
        .save_fingerprint(&Fingerprint {
            source_id: source.clone(),
            content_hash: "c0ffee".into(),
            signature: vec![1, 2, u64::MAX],
        })
        .await
        .expect("fingerprint");
    store
        .link_source(&SourceLink {
            source_id: source,
            other_id: None,
            relation: "duplicate".into(),
            similarity: 0.9731,
            document: "report.html".into(),
            by: "vigil ingest".into(),
            at: crate::now(),
        })
        .await
        .expect("link");

    super::open_campaign(store).await;
    let out = store
        .apply(vec![
            Op::Sign(Box::new(signature("a@example.org"))),
            Op::Sign(Box::new(signature("b@example.net"))),
        ])
        .await
        .expect("signed");
    assert_eq!(out, [Outcome::Signed, Outcome::Signed]);
    super::invalidate_domain(store, "example.net")
        .await
        .expect("invalidated");
    let digest = Mail {
        to: "target@example.org".into(),
        subject: "A digest".into(),
        body: "the names".into(),
        unsubscribe: None,
    };
    store
        .record_delivery("free-erlan", "target@example.org", 1, &digest)
        .await
        .expect("delivery");
    store
        .set_result("free-erlan", "released", "he is free", "ana")
        .await
        .expect("result");
}

/// Every row a reader hands out of `store`, table by table.
pub async fn every_row<S: Transfer>(store: &S) -> Vec<Row> {
    let mut reader = Reader::new(store.transfer_snapshot().await.expect("snapshot"));
    let mut rows = Vec::new();
    while let Some(batch) = reader.next_batch().await.expect("batch") {
        rows.extend(batch);
    }
    rows
}

/// Rows with times cut to the microsecond (PostgreSQL's precision).
fn to_micros(rows: Vec<Row>) -> Vec<Row> {
    let micros = |t: time::OffsetDateTime| t.replace_nanosecond(t.nanosecond() / 1_000 * 1_000).unwrap_or(t);
    rows.into_iter()
        .map(|row| match row {
            Row::Revision(mut r) => {
                r.at = micros(r.at);
                Row::Revision(r)
            }
            Row::Account(mut a) => {
                a.created_at = micros(a.created_at);
                Row::Account(a)
            }
            Row::Token(mut t) => {
                t.created_at = micros(t.created_at);
                Row::Token(t)
            }
            Row::Session(mut s) => {
                s.expires_at = micros(s.expires_at);
                Row::Session(s)
            }
            Row::Proposal(mut p) => {
                p.decided_at = p.decided_at.map(micros);
                Row::Proposal(p)
            }
            Row::SourceLink(mut l) => {
                l.at = micros(l.at);
                Row::SourceLink(l)
            }
            other => other,
        })
        .collect()
}

/// A whole case file loaded into an empty one under the same key holds
/// every row as it was, reads back the same, and numbers new revisions
/// after the loaded ones.
pub async fn a_whole_case_file_loads_into_an_empty_one<S, F>(make: impl Fn(SealKey) -> F)
where
    S: Whole,
    F: Future<Output = Option<S>>,
{
    let key = SealKey::generate();
    let (Some(a), Some(b)) = (make(key.clone()).await, make(key).await) else {
        return;
    };
    fill_every_table(&a).await;
    let rows = every_row(&a).await;
    for table in crate::transfer::ROW_TABLES {
        assert!(
            rows.iter().any(|r| r.table() == *table),
            "the filled case file has a row of {table}"
        );
    }
    let mut snapshot = a.transfer_snapshot().await.expect("snapshot");
    let counts = snapshot.counts().await.expect("counts");
    for table in crate::transfer::ROW_TABLES {
        let n = rows.iter().filter(|r| r.table() == *table).count() as u64;
        assert_eq!(counts.get(*table), Some(&n), "count of {table}");
    }
    let copied = copy(snapshot, b.begin_load().await.expect("load"))
        .await
        .expect("copied");
    assert_eq!(copied.records, counts["records"]);
    assert_eq!(copied.revisions, counts["revisions"]);
    b.rebuild_derived().await.expect("derived");
    assert_eq!(to_micros(every_row(&b).await), to_micros(rows), "every row as it was");
    assert_eq!(
        a.case_file(Visibility::Confidential).await.expect("a"),
        b.case_file(Visibility::Confidential).await.expect("b")
    );
    assert_eq!(
        a.counts(Visibility::Public).await.expect("a"),
        b.counts(Visibility::Public).await.expect("b")
    );
    assert_eq!(a.accounts().await.expect("a"), b.accounts().await.expect("b"));
    let all = ProposalFilter::default();
    assert_eq!(a.proposals(&all).await.expect("a"), b.proposals(&all).await.expect("b"));
    assert_eq!(a.fingerprints().await.expect("a"), b.fingerprints().await.expect("b"));
    assert_eq!(
        a.tally("free-erlan").await.expect("a"),
        b.tally("free-erlan").await.expect("b")
    );
    assert_eq!(
        a.export("free-erlan").await.expect("a"),
        b.export("free-erlan").await.expect("b")
    );
    assert!(b.session("s1").await.expect("session").is_some());
    // The deleted record stays deleted.
    assert!(matches!(
        b.record(&id("gone-0001"), Visibility::Confidential).await,
        Err(StoreError::NotFound { .. })
    ));
    let last = a.latest_seq().await.expect("seq");
    assert_eq!(b.latest_seq().await.expect("seq"), last);
    let mut next = demo().persons[0].clone();
    next.id = RecordId::parse("after-the-load").expect("id");
    let rev = b
        .create(Record::Person(next), &Change::new("ana", None))
        .await
        .expect("a write after the load");
    assert!(rev.seq > last, "{} after {last}", rev.seq);
    let out = b
        .apply(vec![Op::Sign(Box::new(signature("c@example.org")))])
        .await
        .expect("signed");
    assert_eq!(out, [Outcome::Signed]);
}

/// A load refuses a case file that holds anything, and content sealed
/// under another key; either way, and when a load is dropped before it
/// finishes, nothing is written.
pub async fn a_load_writes_all_or_nothing<S, F>(make: impl Fn(SealKey) -> F)
where
    S: Whole,
    F: Future<Output = Option<S>>,
{
    let key = SealKey::generate();
    let (Some(a), Some(held), Some(other), Some(dropped)) = (
        make(key.clone()).await,
        make(key.clone()).await,
        make(SealKey::generate()).await,
        make(key).await,
    ) else {
        return;
    };
    fill_every_table(&a).await;

    // Not empty: refused before anything is read.
    let ana = UserName::parse("someone").expect("name");
    held.add_account(&ana, AccountRole::Reader, "x").await.expect("account");
    let err = match held.begin_load().await {
        Err(e) => e,
        Ok(_) => panic!("a load into a case file that holds an account"),
    };
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");

    // Another key: refused, nothing written.
    let snapshot = a.transfer_snapshot().await.expect("snapshot");
    let err = copy(snapshot, other.begin_load().await.expect("load"))
        .await
        .expect_err("another key");
    assert!(err.to_string().contains("key"), "{err}");
    assert_eq!(other.latest_seq().await.expect("seq"), 0);
    // Even without the key check, the first sealed record is refused.
    let mut load = other.begin_load().await.expect("load");
    let sealed: Vec<Row> = every_row(&a)
        .await
        .into_iter()
        .filter(|r| matches!(r, Row::Record(r) if r.stored.sealed.is_some()))
        .collect();
    assert!(!sealed.is_empty());
    let err = load.load(sealed).await.expect_err("sealed under another key");
    assert!(err.to_string().contains("key"), "{err}");
    drop(load);
    assert!(other.begin_load().await.is_ok(), "still empty");

    // Dropped before it finishes: nothing.
    let mut load = dropped.begin_load().await.expect("load");
    let mut reader = Reader::new(a.transfer_snapshot().await.expect("snapshot"));
    while let Some(batch) = reader.next_batch().await.expect("batch") {
        load.load(batch).await.expect("loaded");
    }
    assert!(load.copied().records > 0);
    drop(load);
    assert_eq!(dropped.latest_seq().await.expect("seq"), 0);
    assert!(dropped.accounts().await.expect("accounts").is_empty());
    assert!(dropped.begin_load().await.is_ok(), "still empty");
}

/// Runs the transfer checks with `$make`, an async fn from a key to
/// `Option<store>` (`None`: the backend is not available here).
#[macro_export]
macro_rules! transfer_suite {
    ($make:path) => {
        $crate::transfer_suite!(@each $make;
            a_whole_case_file_loads_into_an_empty_one,
            a_load_writes_all_or_nothing
        );
    };
    (@each $make:path; $($check:ident),+ $(,)?) => {$(
        #[tokio::test]
        async fn $check() {
            $crate::suite::$check($make).await;
        }
    )+};
}
