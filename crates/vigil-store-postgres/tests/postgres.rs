//! What only the PostgreSQL backend has: several servers on one database.
//! Each test makes a database of its own on the server named by
//! VIGIL_TEST_POSTGRES_URL (skipped, loudly, without it).

use std::collections::BTreeSet;
use std::time::Duration;

use vigil_core::{Record, RecordId};
use vigil_store::{Change, SealKey, Store, StoreError, StoreExt, Visibility};
use vigil_store_postgres::testing::{fresh_database, server_url};
use vigil_store_postgres::PostgresStore;

fn demo() -> vigil_core::CaseFile {
    vigil_demo::case_file().expect("demo")
}

/// How many migrations the crate ships (numbered 1, 2, … in `migrations/`).
/// The versions of the migration files, in order (the number each name
/// starts with; branches may leave gaps until they meet).
fn migration_versions() -> Vec<i64> {
    let mut versions: Vec<i64> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .expect("migrations folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "sql"))
        .filter_map(|e| e.file_name().to_str()?.split('_').next()?.parse().ok())
        .collect();
    versions.sort_unstable();
    versions
}

/// The migration files of a backend crate beside this one, by name.
fn migration_names(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("migrations folder")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".sql"))
        .collect();
    names.sort();
    names
}

/// A step of the schema has the same number and name in both backends, so
/// that a case file's version means the same in either.
#[test]
fn migrations_are_numbered_and_named_as_in_sqlite() {
    let ours = migration_names(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"));
    let sqlite = migration_names(concat!(env!("CARGO_MANIFEST_DIR"), "/../vigil-store-sqlite/migrations"));
    assert!(!ours.is_empty());
    assert_eq!(ours, sqlite);
}

async fn raw(url: &str) -> sqlx::PgPool {
    sqlx::PgPool::connect(url).await.expect("raw connection")
}

#[tokio::test]
async fn servers_starting_at_once_apply_each_migration_once() {
    let Some(server) = server_url() else { return };
    let url = fresh_database(&server).await;
    let key = SealKey::generate();
    // Eight servers start on an empty database at the same moment.
    let starting: Vec<_> = (0..8)
        .map(|_| {
            let (url, key) = (url.clone(), key.clone());
            tokio::spawn(async move { PostgresStore::connect(&url, key).await })
        })
        .collect();
    let mut stores = Vec::new();
    for s in starting {
        stores.push(s.await.expect("task").expect("every server starts"));
    }
    let pool = raw(&url).await;
    let applied: Vec<(i64, bool)> = sqlx::query_as("SELECT version, success FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&pool)
        .await
        .expect("migrations table");
    let expected: Vec<(i64, bool)> = migration_versions().into_iter().map(|v| (v, true)).collect();
    assert_eq!(applied, expected, "each migration once");
    // And they all work on the same case file.
    stores[0]
        .import(&demo(), &Change::new("demo", None))
        .await
        .expect("import");
    for s in &stores {
        assert_eq!(
            s.counts(Visibility::Public).await.expect("counts").events as usize,
            demo().events.len()
        );
    }
}

#[tokio::test]
async fn a_server_with_another_key_is_refused() {
    let Some(server) = server_url() else { return };
    let url = fresh_database(&server).await;
    let key = SealKey::generate();
    PostgresStore::connect(&url, key.clone()).await.expect("first server");
    PostgresStore::connect(&url, key).await.expect("same key");
    let err = PostgresStore::connect(&url, SealKey::generate())
        .await
        .expect_err("another key");
    assert!(matches!(&err, StoreError::Invalid(f) if f[0].field == "key"), "{err:?}");
}

/// Two servers write at once while a third follows the change log as the
/// search index does: the follower's cursor never skips a revision,
/// because seq order is commit order.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_change_log_is_gapless_for_a_follower_while_two_servers_write() {
    let Some(server) = server_url() else { return };
    let url = fresh_database(&server).await;
    let key = SealKey::generate();
    let a = PostgresStore::connect(&url, key.clone()).await.expect("a");
    let b = PostgresStore::connect(&url, key.clone()).await.expect("b");
    let follower = PostgresStore::connect(&url, key).await.expect("follower");
    let cf = demo();
    a.import(&cf, &Change::new("demo", None)).await.expect("import");
    let start = a.changes_since(0, 100_000).await.expect("log").len() as i64;

    const WRITES: usize = 60;
    let writer = |store: PostgresStore, who: &'static str, person: vigil_core::Person| {
        tokio::spawn(async move {
            let mut person = person;
            for i in 0..WRITES {
                person.occupation = Some(format!("{who} {i}"));
                store
                    .update(Record::Person(person.clone()), &Change::new(who, None))
                    .await
                    .expect("update");
            }
        })
    };
    let wa = writer(a.clone(), "a", cf.persons[0].clone());
    let wb = writer(b.clone(), "b", cf.persons[1].clone());

    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writing = done.clone();
    let follow = tokio::spawn(async move {
        let mut cursor = start;
        let mut seen = Vec::new();
        // Follow while the writers write, then read once more to the end.
        loop {
            let finished = writing.load(std::sync::atomic::Ordering::SeqCst);
            loop {
                let batch = follower.changes_since(cursor, 7).await.expect("log");
                let Some(last) = batch.last() else { break };
                cursor = last.seq;
                seen.extend(batch.iter().map(|r| r.seq));
            }
            if finished {
                return seen;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    });
    wa.await.expect("writer a");
    wb.await.expect("writer b");
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let seen = tokio::time::timeout(Duration::from_secs(30), follow)
        .await
        .expect("the follower finishes")
        .expect("follower");
    let all: Vec<i64> = a
        .changes_since(start, 100_000)
        .await
        .expect("log")
        .iter()
        .map(|r| r.seq)
        .collect();
    assert_eq!(all.len(), 2 * WRITES);
    assert_eq!(seen, all, "the follower saw every revision, in order");
}

/// A write that rolls back after drawing its number leaves a gap, and
/// followers read on across it.
#[tokio::test]
async fn a_rolled_back_write_leaves_a_gap_that_followers_read_across() {
    let Some(server) = server_url() else { return };
    let url = fresh_database(&server).await;
    let store = PostgresStore::connect(&url, SealKey::generate()).await.expect("store");
    let cf = demo();
    store.import(&cf, &Change::new("demo", None)).await.expect("import");
    let last = store
        .changes_since(0, 100_000)
        .await
        .expect("log")
        .last()
        .expect("some")
        .seq;

    // A write that fails after its revision was numbered.
    let pool = raw(&url).await;
    let mut tx = pool.begin().await.expect("tx");
    let drawn: i64 = sqlx::query_scalar(
        "INSERT INTO revisions (record_id, kind, operation, author, at) \
         VALUES ('x', 'person', 'create', 'x', now()) RETURNING seq",
    )
    .fetch_one(&mut *tx)
    .await
    .expect("insert");
    tx.rollback().await.expect("rollback");
    assert_eq!(drawn, last + 1);

    let mut p = cf.persons[0].clone();
    p.occupation = Some("after the failure".into());
    let rev = store
        .update(Record::Person(p), &Change::new("x", None))
        .await
        .expect("update");
    assert_eq!(rev.seq, last + 2, "a gap");
    assert_eq!(store.changes_since(last, 10).await.expect("log"), [rev]);
}

#[tokio::test]
async fn confidential_content_is_sealed_in_the_database() {
    let Some(server) = server_url() else { return };
    let url = fresh_database(&server).await;
    let store = PostgresStore::connect(&url, SealKey::generate()).await.expect("store");
    store.import(&demo(), &Change::new("demo", None)).await.expect("import");
    let (witness, mut victim) = vigil_store::suite::marked_persons();
    let change = Change::new("editor", Some("statement taken"));
    store
        .create(Record::Person(witness.clone()), &change)
        .await
        .expect("create");
    // The address is entered in the clear, then marked confidential: its
    // first revision is resealed.
    store
        .create(Record::Person(victim.clone()), &change)
        .await
        .expect("create");
    victim.confidential_fields = vec!["address".into()];
    store.update(Record::Person(victim), &change).await.expect("update");
    assert_eq!(
        store
            .person(&witness.id, Visibility::Confidential)
            .await
            .expect("read")
            .name,
        "MARKER-WITNESS-NAME-0x51"
    );

    // Every table, every row, as text: no marker anywhere.
    let pool = raw(&url).await;
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
            .fetch_all(&pool)
            .await
            .expect("tables");
    assert!(tables.contains(&"revisions".to_owned()));
    let mut rows = 0;
    for table in tables {
        let texts: Vec<String> = sqlx::query_scalar(&format!("SELECT t::text FROM \"{table}\" t"))
            .fetch_all(&pool)
            .await
            .expect("rows");
        for text in &texts {
            assert!(
                !text.contains("MARKER"),
                "a marker in the clear in {table}: {text:.200}"
            );
        }
        rows += texts.len();
    }
    assert!(rows > 100, "the database holds the demo");
    let public: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records WHERE data LIKE '%Erlan Baltabay%'")
        .fetch_one(&pool)
        .await
        .expect("q");
    assert!(public > 0, "public content is there in the clear");
}

#[tokio::test]
async fn two_servers_see_each_others_writes_at_once() {
    let Some(server) = server_url() else { return };
    let url = fresh_database(&server).await;
    let key = SealKey::generate();
    let a = PostgresStore::connect(&url, key.clone()).await.expect("a");
    let b = PostgresStore::connect(&url, key).await.expect("b");
    a.import(&demo(), &Change::new("demo", None)).await.expect("import");
    let mut p = demo().persons[0].clone();
    p.id = RecordId::parse("written-through-a").expect("id");
    p.name = "Written Through A".into();
    p.aliases.clear();
    p.confidential_fields = vec!["address".into()];
    p.address = Some("somewhere".into());
    a.create(Record::Person(p.clone()), &Change::new("a", None))
        .await
        .expect("create");
    assert_eq!(b.person(&p.id, Visibility::Confidential).await.expect("read"), p);
    // A conflicting write through the other server is refused as on one.
    let err = b
        .create(Record::Person(p.clone()), &Change::new("b", None))
        .await
        .expect_err("taken");
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    let ids: BTreeSet<String> = b
        .changes_since(0, 100_000)
        .await
        .expect("log")
        .iter()
        .map(|r| r.record_id.to_string())
        .collect();
    assert!(ids.contains("written-through-a"));
}
