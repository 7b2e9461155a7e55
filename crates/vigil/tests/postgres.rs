//! The binary on PostgreSQL: a case file moved from SQLite, and two
//! `vigil serve` processes on one database. Needs VIGIL_TEST_POSTGRES_URL
//! (skipped, loudly, without it).

mod common;

use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::{Duration, Instant};

use vigil_core::{AccountRole, Record, RecordId, UserName};
use vigil_store::{Accounts, Change, Operation, SealKey, Store, Visibility};
use vigil_store_any::{PostgresStore, SqliteStore};
use vigil_store_postgres::testing::{fresh_database, server_url};

use common::vigil;

fn id(s: &str) -> RecordId {
    RecordId::parse(s).expect("id")
}

/// A data folder with an SQLite case file that has been lived in: the
/// demo, edits, a confidential witness, a deletion, a restore, accounts,
/// a token and a session.
async fn lived_in_sqlite(data: &Path) -> SealKey {
    std::fs::create_dir_all(data).expect("data folder");
    let key = SealKey::generate();
    std::fs::write(data.join("vigil.key"), key.to_hex()).expect("key file");
    // Kept as a key file should be (a wider one is warned about).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(data.join("vigil.key"), std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    let store = SqliteStore::open(&data.join("vigil.db"), key.clone())
        .await
        .expect("sqlite");
    let cf = vigil_demo::case_file().expect("demo");
    store
        .import(&cf, &Change::new("demo", Some("demo load")))
        .await
        .expect("import");
    let by_ana = Change::new("ana", None);
    let mut p = cf.persons[0].clone();
    p.occupation = Some("edited".into());
    store
        .update(Record::Person(p), &Change::new("ana", Some("an edit")))
        .await
        .expect("update");
    let (witness, victim) = vigil_store::suite::confidential_persons(&cf);
    store.create(Record::Person(witness), &by_ana).await.expect("witness");
    store.create(Record::Person(victim), &by_ana).await.expect("victim");
    let mut gone = cf.persons[0].clone();
    gone.id = id("short-lived");
    gone.name = "Short Lived".into();
    gone.aliases.clear();
    let created = store
        .create(Record::Person(gone.clone()), &by_ana)
        .await
        .expect("create");
    store
        .delete(&gone.id, &Change::new("ana", Some("a mistake")))
        .await
        .expect("delete");
    gone.id = id("deleted-for-good");
    store
        .create(Record::Person(gone.clone()), &by_ana)
        .await
        .expect("create");
    store.delete(&gone.id, &by_ana).await.expect("delete");
    store
        .restore(
            &id("short-lived"),
            created.seq,
            &Change::new("bo", Some("not a mistake")),
        )
        .await
        .expect("restore");
    let ana = UserName::parse("ana@union.example").expect("name");
    store
        .add_account(&ana, AccountRole::Editor, "$argon2id$fake-hash")
        .await
        .expect("account");
    let bo = UserName::parse("bo@union.example").expect("name");
    store
        .add_account(&bo, AccountRole::Admin, "$argon2id$other")
        .await
        .expect("account");
    store.set_disabled(&bo, true).await.expect("disable");
    store.add_token(&ana, "token-digest").await.expect("token");
    let later = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    store
        .create_session("session-digest", &ana, "csrf", later)
        .await
        .expect("session");
    store.close().await;
    key
}

/// A lived-in SQLite data folder (see [`lived_in_sqlite`]) and an empty
/// PostgreSQL database to copy it to.
struct ToMigrate {
    _dir: tempfile::TempDir,
    data: PathBuf,
    key: SealKey,
    url: String,
}

/// What to migrate; `None` (loudly) without a PostgreSQL server.
async fn to_migrate() -> Option<ToMigrate> {
    let url = fresh_database(&server_url()?).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let key = lived_in_sqlite(&data).await;
    Some(ToMigrate {
        _dir: dir,
        data,
        key,
        url,
    })
}

/// `vigil migrate-to-postgres` from `data` to `url`, with the key of `data`.
fn migrate(data: &Path, url: &str) -> std::process::Output {
    vigil()
        .args(["migrate-to-postgres", "--data"])
        .arg(data)
        .args(["--database-url", url])
        .env("VIGIL_LOG", "warn")
        .env_remove("VIGIL_KEY")
        .output()
        .expect("run")
}

/// The SQLite case file in `data`, and its copy on PostgreSQL at `url`.
async fn source_and_copy(data: &Path, url: &str, key: SealKey) -> (SqliteStore, PostgresStore) {
    let source = SqliteStore::open(&data.join("vigil.db"), key.clone())
        .await
        .expect("sqlite");
    let target = PostgresStore::connect(url, key).await.expect("postgres");
    (source, target)
}

#[tokio::test]
async fn migrate_to_postgres_copies_every_record_revision_and_account() {
    let Some(ToMigrate { _dir, data, key, url }) = to_migrate().await else {
        return;
    };

    let out = migrate(&data, &url);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("read back identical"), "{stdout}");

    let (source, target) = source_and_copy(&data, &url, key).await;

    // Every revision: same numbers, operations, authors, times, reasons
    // and states, confidential ones included.
    let theirs = source.changes_since(0, 100_000).await.expect("log");
    let ours = target.changes_since(0, 100_000).await.expect("log");
    for op in [
        Operation::Create,
        Operation::Update,
        Operation::Delete,
        Operation::Restore,
    ] {
        assert!(theirs.iter().any(|r| r.operation == op), "{op:?} in the history");
    }
    assert_eq!(theirs, ours);
    // Every live record, as each visibility sees it.
    for visibility in [Visibility::Confidential, Visibility::Public] {
        assert_eq!(
            source.case_file(visibility).await.expect("case file"),
            target.case_file(visibility).await.expect("case file")
        );
        assert_eq!(
            source.counts(visibility).await.expect("counts"),
            target.counts(visibility).await.expect("counts")
        );
    }
    // Deleted and restored records, and their histories.
    for r in ["short-lived", "deleted-for-good", "w-0001", "v-0001", "erlan-baltabay"] {
        for visibility in [Visibility::Confidential, Visibility::Public] {
            assert_eq!(
                source.record(&id(r), visibility).await.ok(),
                target.record(&id(r), visibility).await.ok(),
                "{r}"
            );
            assert_eq!(
                source.revisions(&id(r), visibility).await.ok(),
                target.revisions(&id(r), visibility).await.ok(),
                "{r}"
            );
        }
    }
    // Name queries run on the copied index, also for withheld names.
    let q = vigil_store::NameQuery {
        text: Some("Жанна".into()),
        visibility: Visibility::Confidential,
    };
    assert_eq!(
        target.persons(&q, vigil_store::Page::default()).await.expect("q").total,
        1
    );
    // Accounts, tokens and sessions.
    assert_eq!(source.accounts().await.expect("a"), target.accounts().await.expect("a"));
    let ana = UserName::parse("ana@union.example").expect("name");
    assert_eq!(
        source.account(&ana).await.expect("a"),
        target.account(&ana).await.expect("a")
    );
    assert_eq!(
        target
            .account_by_token("token-digest")
            .await
            .expect("t")
            .map(|a| a.name),
        Some(ana.clone())
    );
    assert!(target.session("session-digest").await.expect("s").is_some());
    // New revisions continue after the copied ones.
    let last = ours.last().expect("some").seq;
    let rev = target
        .delete(&id("short-lived"), &Change::new("ana", None))
        .await
        .expect("delete");
    assert_eq!(rev.seq, last + 1);

    // A second copy into a database that is no longer empty is refused.
    let out = migrate(&data, &url);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("empty"), "{err}");
}

/// Adds to the case file in `data` what is not records: proposals,
/// fingerprints and a source link; a campaign with signatures (one
/// confirmed, one invalidated), its audit, a queued message and a delivery.
async fn with_campaign_and_proposals(data: &Path, key: SealKey) {
    use vigil_core::campaign::Slug;
    use vigil_store::campaigns::{Mail, NewSignature, Op, Outcome};
    use vigil_store::{Campaigns, Fingerprint, NewProposal, Proposals, SourceLink};

    let store = SqliteStore::open(&data.join("vigil.db"), key).await.expect("sqlite");
    let source = id("hrw-2019-kazakhstan-upr");
    let body = serde_json::json!({"kind": "person", "name": "Балтабай"});
    store
        .add_proposals(
            &source,
            &[
                NewProposal::new("hrw.p1", "person", "Erlan Baltabay", &body).expect("proposal"),
                NewProposal::new("hrw.p2", "event", "a sentence", &body).expect("proposal"),
            ],
        )
        .await
        .expect("proposals");
    store
        .decide("hrw.p2", &vigil_store::Decision::rejected("ana"))
        .await
        .expect("decided");
    store
        .save_fingerprint(&Fingerprint {
            source_id: source.clone(),
            content_hash: "abc123".into(),
            signature: vec![1, u64::MAX, 42],
        })
        .await
        .expect("fingerprint");
    store
        .link_source(&SourceLink {
            source_id: source.clone(),
            other_id: None,
            relation: "duplicate".into(),
            similarity: 1.0,
            document: "upr.html".into(),
            by: "ana".into(),
            at: vigil_store::now(),
        })
        .await
        .expect("link");

    vigil_store::suite::open_campaign(&store).await;
    // The suite's signature, opted in, from `ip`, with its own token.
    let sign = |email: &str, ip: &str, token: u8| {
        let base = vigil_store::suite::signature(email);
        NewSignature {
            opt_in: Some("keep me informed".into()),
            ip: Some(ip.parse().expect("ip")),
            token_hash: [token; 32],
            mail: Mail {
                body: "link".into(),
                ..base.mail
            },
            ..base
        }
    };
    let (a, b) = (
        sign("a@example.org", "203.0.113.7", 1),
        sign("b@example.net", "198.51.100.9", 2),
    );
    let a_id = a.id.clone();
    let out = store
        .apply(vec![Op::Sign(Box::new(a)), Op::Sign(Box::new(b))])
        .await
        .expect("signed");
    assert_eq!(out, [Outcome::Signed, Outcome::Signed]);
    let out = store
        .apply(vec![Op::Confirm {
            campaign: Slug::parse("free-erlan").expect("slug"),
            id: a_id,
            token_hash: [1; 32],
        }])
        .await
        .expect("confirmed");
    assert!(matches!(out[0], Outcome::Confirmed { .. }), "{out:?}");
    vigil_store::suite::invalidate_domain(&store, "example.net")
        .await
        .expect("invalidated");
    store
        .record_delivery(
            "free-erlan",
            "ilo@example.org",
            1,
            &Mail {
                to: "ilo@example.org".into(),
                subject: "Signatures".into(),
                body: "1 signature".into(),
                unsubscribe: None,
            },
        )
        .await
        .expect("delivery");
    // Outcomes: a response, a result, a partner's link.
    let response = vigil_store::campaigns::Response {
        id: 0,
        target: "ILO".into(),
        text: "Noted.".into(),
        date: "2019-11-01".into(),
        link: None,
        at: vigil_store::now(),
        author: String::new(),
    };
    store
        .add_response("free-erlan", &response, "ana")
        .await
        .expect("response");
    store
        .set_result("free-erlan", "partly_won", "Released, fined.", "ana")
        .await
        .expect("result");
    store
        .create_partner_link("free-erlan", "Union", &[3u8; 32], "ana")
        .await
        .expect("partner link");
    store.close().await;
}

#[tokio::test]
async fn migrate_to_postgres_copies_campaigns_proposals_fingerprints_and_mail() {
    use vigil_store::{Campaigns, ProposalFilter, Proposals};

    let Some(ToMigrate { _dir, data, key, url }) = to_migrate().await else {
        return;
    };
    with_campaign_and_proposals(&data, key.clone()).await;

    let out = migrate(&data, &url);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("2 proposals"), "{stdout}");
    assert!(stdout.contains("2 signatures"), "{stdout}");

    let (source, target) = source_and_copy(&data, &url, key).await;
    let all = ProposalFilter::default();
    let proposals = target.proposals(&all).await.expect("proposals");
    assert_eq!(proposals.len(), 2);
    assert_eq!(proposals, source.proposals(&all).await.expect("proposals"));
    let fingerprints = target.fingerprints().await.expect("fingerprints");
    assert_eq!(fingerprints.len(), 1);
    assert_eq!(fingerprints[0].signature, [1, u64::MAX, 42]);
    let upr = id("hrw-2019-kazakhstan-upr");
    assert_eq!(
        target.source_links(&upr).await.expect("links"),
        source.source_links(&upr).await.expect("links")
    );
    assert_eq!(target.source_links(&upr).await.expect("links").len(), 1);

    assert_eq!(
        target.campaigns().await.expect("c"),
        source.campaigns().await.expect("c")
    );
    let tally = target.tally("free-erlan").await.expect("tally");
    assert_eq!(tally.confirmed, 1);
    assert_eq!(tally, source.tally("free-erlan").await.expect("tally"));
    // Counts by organisation are not copied: the copy counts them from the
    // signatures the first time they are read, then keeps them.
    let by_org = target.signatures_by_organisation("free-erlan").await.expect("by org");
    assert_eq!(by_org.get("A union"), Some(&1), "{by_org:?}");
    assert_eq!(
        by_org,
        source.signatures_by_organisation("free-erlan").await.expect("by org")
    );
    assert_eq!(
        target.signatures_by_organisation("free-erlan").await.expect("by org"),
        by_org
    );
    // Signers' personal data arrives sealed under the same key: it opens.
    let exported = target.export("free-erlan").await.expect("export");
    assert_eq!(exported.len(), 2);
    assert!(exported.iter().any(|s| s.email == "b@example.net" && s.invalidated));
    assert_eq!(exported, source.export("free-erlan").await.expect("export"));
    assert_eq!(
        target.invalidations("free-erlan").await.expect("i"),
        source.invalidations("free-erlan").await.expect("i")
    );
    assert_eq!(
        target.campaign_audit("free-erlan").await.expect("a"),
        source.campaign_audit("free-erlan").await.expect("a")
    );
    let responses = target.responses("free-erlan").await.expect("r");
    assert_eq!(responses.len(), 1);
    assert_eq!(responses, source.responses("free-erlan").await.expect("r"));
    assert_eq!(
        target.result("free-erlan").await.expect("r").expect("a result").result,
        "partly_won"
    );
    assert_eq!(
        target.partner_campaign(&[3u8; 32]).await.expect("p").as_deref(),
        Some("free-erlan")
    );
    // Their numbering goes on after the copied rows.
    let next = target
        .create_partner_link("free-erlan", "Another union", &[4u8; 32], "ana")
        .await
        .expect("a new link after the copy");
    assert!(next.id > target.partner_links("free-erlan").await.expect("p")[0].id);
    let deliveries = target.deliveries("free-erlan").await.expect("d");
    assert_eq!(deliveries.len(), 1);
    assert_eq!(deliveries, source.deliveries("free-erlan").await.expect("d"));
    // Two confirmations and the digest wait in the queue, and open.
    assert_eq!(target.mail_pending().await.expect("pending"), 3);
    let claimed = target
        .claim_mail(vigil_store::now(), time::Duration::minutes(5), 10)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 3);
    assert!(claimed.iter().any(|m| m.mail.to == "ilo@example.org"));
    // Numbering goes on after the copied rows.
    target
        .create_campaign(
            &serde_json::from_value(serde_json::json!({
                "slug": "second",
                "persons": ["erlan-baltabay"],
                "versions": [{"language": "en", "title": "t", "text": "t", "message": "m"}],
                "state": "open"
            }))
            .expect("campaign"),
            "ana",
        )
        .await
        .expect("a new campaign after the copy");
    vigil_store::suite::invalidate_domain(&target, "example.org")
        .await
        .expect("a new invalidation after the copy");
}

/// The tables both schemas hold, against the tables the copy says it
/// carries: a table added to either schema and not to the copy fails here.
#[tokio::test]
async fn the_copy_covers_every_table_of_both_schemas() {
    use std::collections::BTreeSet;
    use vigil_store::transfer::{Carried, TABLES};

    let Some(server) = server_url() else { return };
    let url = fresh_database(&server).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let key = SealKey::generate();
    let sqlite = SqliteStore::open(&dir.path().join("vigil.db"), key.clone())
        .await
        .expect("sqlite");
    sqlite.close().await;
    let postgres = PostgresStore::connect(&url, key).await.expect("postgres");
    postgres.close().await;

    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.path().join("vigil.db").display()))
        .await
        .expect("raw sqlite");
    let in_sqlite: BTreeSet<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> '_sqlx_migrations' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(&pool)
    .await
    .expect("sqlite tables")
    .into_iter()
    .collect();
    let pool = sqlx::PgPool::connect(&url).await.expect("raw postgres");
    let in_postgres: BTreeSet<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(&pool)
    .await
    .expect("postgres tables")
    .into_iter()
    .collect();

    let covered: BTreeSet<String> = TABLES.iter().map(|(t, _)| t.to_string()).collect();
    let both: BTreeSet<String> = in_sqlite.union(&in_postgres).cloned().collect();
    assert_eq!(both, covered, "tables in the schemas vs tables the copy covers");
    // What is copied or rebuilt exists on both sides.
    for (table, how) in TABLES {
        if *how != Carried::Own {
            assert!(in_sqlite.contains(*table), "{table} in SQLite");
            assert!(in_postgres.contains(*table), "{table} in PostgreSQL");
        }
    }
}

#[tokio::test]
async fn a_copy_with_another_key_is_refused_and_writes_nothing() {
    let Some(ToMigrate { _dir, data, url, .. }) = to_migrate().await else {
        return;
    };
    // The database already belongs to a case file under another key.
    PostgresStore::connect(&url, SealKey::generate()).await.expect("other");
    let out = migrate(&data, &url);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("key"), "{err}");
    let pool = sqlx::PgPool::connect(&url).await.expect("raw");
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM revisions")
        .fetch_one(&pool)
        .await
        .expect("q");
    assert_eq!(n, 0);
}

/// `vigil serve` on `url`, with `data` for its key; its address.
fn serve(url: &str, data: &Path, key: Option<&SealKey>) -> (Child, String) {
    let (child, line) = common::serve(data, |cmd| {
        cmd.env("VIGIL_DATABASE_URL", url);
        match key {
            Some(k) => cmd.env("VIGIL_KEY", k.to_hex()),
            None => cmd.env_remove("VIGIL_KEY"),
        };
    });
    (child, common::url_in(&line))
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_serve_processes_share_one_database_and_a_killed_one_loses_nothing_acknowledged() {
    let Some(server) = server_url() else { return };
    let url = fresh_database(&server).await;
    let key = SealKey::generate();
    let dir = tempfile::tempdir().expect("temp dir");
    // Both start at once on an empty database: one migrates and loads the
    // demo, the other waits for the migration and finds the demo there.
    let (u1, d1, k1) = (url.clone(), dir.path().join("a"), key.clone());
    let (u2, d2, k2) = (url.clone(), dir.path().join("b"), key.clone());
    let a = std::thread::spawn(move || serve(&u1, &d1, Some(&k1)));
    let b = std::thread::spawn(move || serve(&u2, &d2, Some(&k2)));
    let (a, addr_a) = a.join().expect("a starts");
    let (b, addr_b) = b.join().expect("b starts");
    let (a, _b) = (Killed(a), Killed(b));

    let store = PostgresStore::connect(&url, key).await.expect("store");
    let cf = vigil_demo::case_file().expect("demo");
    assert_eq!(
        store.changes_since(0, 100_000).await.expect("log").len(),
        cf.len(),
        "the demo was loaded once"
    );
    let ana = UserName::parse("ana@union.example").expect("name");
    store
        .add_account(&ana, AccountRole::Editor, "$argon2id$unused")
        .await
        .expect("account");
    let token = "a-token-for-the-test";
    store
        .add_token(&ana, &vigil_app::credentials::digest(token))
        .await
        .expect("token");

    let client = reqwest::Client::new();
    // Writers through A, one record after another, until A is killed.
    let acks = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (client, addr, acks) = (client.clone(), addr_a.clone(), acks.clone());
            tokio::spawn(async move {
                let mut acknowledged = Vec::new();
                for i in 0..500 {
                    let id = format!("person-{w}-{i:03}");
                    let res = client
                        .post(format!("{addr}/api/v1/persons?reason=load"))
                        .bearer_auth(token)
                        .json(&serde_json::json!({"id": id, "name": format!("Person {w} {i}")}))
                        .send()
                        .await;
                    match res {
                        Ok(r) if r.status() == 201 => {
                            acknowledged.push(id);
                            acks.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        }
                        _ => break,
                    }
                }
                acknowledged
            })
        })
        .collect();
    let start = Instant::now();
    while acks.load(std::sync::atomic::Ordering::SeqCst) < 40 {
        assert!(start.elapsed() < Duration::from_secs(60), "writes are acknowledged");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    drop(a); // SIGKILL, with writes in flight
    let mut acknowledged = Vec::new();
    for w in writers {
        acknowledged.extend(w.await.expect("writer"));
    }
    assert!(acknowledged.len() < 2000, "A died before the writers were done");
    for id in &acknowledged {
        let res = client
            .get(format!("{addr_b}/api/v1/persons/{id}"))
            .send()
            .await
            .expect("get");
        assert_eq!(res.status(), 200, "{id} was acknowledged by A and is served by B");
    }
    // Nothing half-written: each record that exists has its one revision.
    let log = store.changes_since(0, 100_000).await.expect("log");
    let created: Vec<_> = log
        .iter()
        .filter(|r| r.record_id.as_str().starts_with("person-"))
        .collect();
    let counts = store.counts(Visibility::Confidential).await.expect("counts");
    assert_eq!(counts.persons as usize, cf.persons.len() + created.len());
    eprintln!(
        "{} writes acknowledged before the kill, {} committed",
        acknowledged.len(),
        created.len()
    );
}

#[test]
fn a_server_without_the_databases_key_is_refused_and_writes_no_key() {
    let Some(server) = server_url() else { return };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let url = rt.block_on(async {
        let url = fresh_database(&server).await;
        PostgresStore::connect(&url, SealKey::generate()).await.expect("first");
        url
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let out = vigil()
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .args(["--database-url", &url])
        .env("VIGIL_LOG", "warn")
        .env_remove("VIGIL_KEY")
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("vigil:")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].contains("key"), "{err}");
    assert!(!dir.path().join("vigil.key").exists(), "no wrong key left behind");
}

/// `vigil ARGS` on the data folder `data` and the database `url`, a
/// password on its input: whether it succeeded, and its stderr.
fn run_on(args: &[&str], data: &Path, url: &str) -> (bool, String) {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = vigil()
        .args(args)
        .arg("--data")
        .arg(data)
        .args(["--database-url", url])
        .env("VIGIL_LOG", "warn")
        .env_remove("VIGIL_KEY")
        .env_remove("VIGIL_KEY_FILE")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"a long enough password\n")
        .expect("write");
    let out = child.wait_with_output().expect("run");
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn key_in(path: &Path) -> SealKey {
    SealKey::from_hex(&std::fs::read_to_string(path).expect("key file")).expect("key")
}

#[tokio::test]
async fn rotating_the_key_reseals_a_postgres_case_file_and_survives_an_interruption() {
    let Some(server) = server_url() else {
        return;
    };
    let url = fresh_database(&server).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data folder");
    let old = SealKey::generate();
    let key_file = data.join("vigil.key");
    std::fs::write(&key_file, format!("{}\n", old.to_hex())).expect("key file");
    let store = PostgresStore::connect(&url, old.clone()).await.expect("postgres");
    common::sealed::fill(&store).await;
    let before = common::sealed::read_all(&store).await;
    store.close().await;

    let (ok, err) = run_on(&["key", "rotate"], &data, &url);
    assert!(ok, "{err}");
    let new = key_in(&key_file);
    assert_ne!(new.to_hex(), old.to_hex());
    let refused = PostgresStore::connect(&url, old.clone()).await.expect_err("refused");
    assert!(refused.to_string().contains("another key"), "{refused}");
    let store = PostgresStore::connect(&url, new.clone()).await.expect("new key");
    assert_eq!(common::sealed::read_all(&store).await, before);
    common::sealed::signing_again_is_refused(&store).await;
    store.close().await;

    // Committed, not renamed: the next start finishes the rotation.
    let next = data.join("vigil.key.next");
    std::fs::rename(&key_file, &next).expect("rename");
    std::fs::write(&key_file, format!("{}\n", old.to_hex())).expect("key file");
    let (ok, err) = run_on(&["user", "add", "ana", "--role", "editor"], &data, &url);
    assert!(ok, "{err}");
    assert!(err.contains("finished an interrupted key rotation"), "{err}");
    assert!(!next.exists());
    assert_eq!(key_in(&key_file).to_hex(), new.to_hex());

    // Not committed: the stale new key is dropped.
    std::fs::write(&next, format!("{}\n", SealKey::generate().to_hex())).expect("next");
    let (ok, err) = run_on(&["user", "add", "bo", "--role", "reader"], &data, &url);
    assert!(ok, "{err}");
    assert!(err.contains("interrupted before it committed"), "{err}");
    assert!(!next.exists());
    assert_eq!(key_in(&key_file).to_hex(), new.to_hex());
}
