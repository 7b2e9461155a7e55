//! What only the SQLite backend has: a file that outlives the process, its
//! bytes at rest, its backups.

use vigil_core::{Record, RecordId};
use vigil_store::{Change, SealKey, Store, StoreExt, Visibility};
use vigil_store_sqlite::SqliteStore;

fn demo() -> vigil_core::CaseFile {
    vigil_demo::case_file().expect("demo")
}

/// A case file at `path` sealed with `key`, the demo imported into it.
async fn demo_store(path: &std::path::Path, key: SealKey) -> SqliteStore {
    let store = SqliteStore::open(path, key).await.expect("open");
    store.import(&demo(), &Change::new("demo", None)).await.expect("import");
    store
}

/// A new case file with the demo in it and a key of its own, in a
/// temporary folder (gone when the folder is dropped); its path.
async fn new_demo_store() -> (tempfile::TempDir, std::path::PathBuf, SqliteStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vigil.db");
    let store = demo_store(&path, SealKey::generate()).await;
    (dir, path, store)
}

#[tokio::test]
async fn reopening_an_existing_file_keeps_data_and_runs_no_migration_twice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vigil.db");
    let key = SealKey::generate();
    let cf = demo();
    {
        let store = SqliteStore::open(&path, key.clone()).await.expect("first open");
        store.import(&cf, &Change::new("demo", None)).await.expect("import");
        store.close().await;
    }
    let store = SqliteStore::open(&path, key)
        .await
        .expect("second open migrates an existing file");
    let counts = store.counts(Visibility::Public).await.expect("counts");
    assert_eq!(counts.events as usize, cf.events.len());
    let id = RecordId::parse("erlan-baltabay").expect("id");
    assert_eq!(
        store.revisions(&id, Visibility::Public).await.expect("history").len(),
        1
    );
    store.close().await;

    // The migrations table says each migration ran once, and the journal is WAL.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("raw");
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .expect("q");
    let shipped = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .expect("migrations folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "sql"))
        })
        .count();
    assert!(shipped >= 3, "0001 case file, 0002 accounts, 0003 proposals, …");
    assert_eq!(applied as usize, shipped, "every migration shipped ran once");
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&pool)
        .await
        .expect("q");
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vigil.db");
    std::fs::write(&path, b"this is not a database, it is a note").expect("write");
    let err = SqliteStore::open(&path, SealKey::generate())
        .await
        .expect_err("must refuse");
    assert!(format!("{err:?}").to_lowercase().contains("not a database"), "{err:?}");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"this is not a database, it is a note",
        "left untouched"
    );
    assert!(SqliteStore::verify(&path).await.is_err());
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every file SQLite keeps for this database: the file, its WAL, its index.
fn files_at_rest(path: &std::path::Path) -> Vec<Vec<u8>> {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|suffix| std::fs::read(format!("{}{suffix}", path.display())).ok())
        .collect()
}

#[tokio::test]
async fn confidential_content_is_encrypted_at_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vigil.db");
    let key = SealKey::generate();
    let store = demo_store(&path, key.clone()).await;
    let (mut witness, mut victim) = vigil_store::suite::marked_persons();
    victim.confidential_fields = vec!["address".into()];
    let change = Change::new("editor", Some("statement taken"));
    for person in [&witness, &victim] {
        store
            .create(Record::Person(person.clone()), &change)
            .await
            .expect("create");
    }
    witness.occupation = Some("MARKER-OCCUPATION-0x54".into());
    store
        .update(Record::Person(witness.clone()), &change)
        .await
        .expect("update");

    // Still readable with the key.
    let read = store.person(&witness.id, Visibility::Confidential).await.expect("read");
    assert_eq!(read.name, "MARKER-WITNESS-NAME-0x51");

    // Before a checkpoint the content is in the WAL; after, in the file.
    let markers: [&[u8]; 4] = [
        b"MARKER-WITNESS-NAME",
        b"MARKER-ALIAS",
        b"MARKER-ADDRESS",
        b"MARKER-OCCUPATION",
    ];
    for bytes in files_at_rest(&path) {
        for m in markers {
            assert!(!contains(&bytes, m), "{} found at rest", String::from_utf8_lossy(m));
        }
    }
    store.close().await;
    let files = files_at_rest(&path);
    // Wherever SQLite left the pages (a checkpoint at close is not
    // promised when the machine is busy), the files hold the demo.
    assert!(
        files.iter().map(Vec::len).sum::<usize>() > 10_000,
        "the database holds the demo"
    );
    for bytes in files {
        for m in markers {
            assert!(!contains(&bytes, m), "{} found at rest", String::from_utf8_lossy(m));
        }
        assert!(
            contains(&bytes, b"Erlan Baltabay") || bytes.len() < 100_000,
            "public content is there in the clear"
        );
    }

    // Another key is refused at open (see a_wrong_key_is_refused_at_open).
}

#[tokio::test]
async fn a_backup_taken_while_writing_restores_every_record_and_revision() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vigil.db");
    let key = SealKey::generate();
    let store = SqliteStore::open(&path, key.clone()).await.expect("open");
    let cf = demo();
    store.import(&cf, &Change::new("demo", None)).await.expect("import");

    // Writers keep going while the backup is taken.
    let writer = store.clone();
    let mut person = cf.persons[0].clone();
    let writing = tokio::spawn(async move {
        for i in 0..20 {
            person.occupation = Some(format!("edit {i}"));
            writer
                .update(Record::Person(person.clone()), &Change::new("w", None))
                .await
                .expect("write during backup");
        }
    });
    let backup = dir.path().join("backup.db");
    store.backup(&backup).await.expect("backup");
    writing.await.expect("writer");
    assert!(
        store.backup(&backup).await.is_err(),
        "an existing file is not overwritten"
    );
    SqliteStore::verify(&backup)
        .await
        .expect("the backup is a whole case file");

    let restored = SqliteStore::open(&backup, key).await.expect("open backup");
    let restored_log = restored.changes_since(0, 100_000).await.expect("log");
    let original_log = store.changes_since(0, 100_000).await.expect("log");
    assert!(restored_log.len() >= cf.len());
    assert_eq!(
        restored_log[..],
        original_log[..restored_log.len()],
        "a consistent prefix of the history"
    );
    for r in cf.records() {
        let want = restored_log
            .iter()
            .rev()
            .find(|x| x.record_id == *r.id())
            .expect("in log")
            .record
            .clone();
        assert_eq!(
            restored.record(r.id(), Visibility::Confidential).await.expect("record"),
            want
        );
    }
}

#[tokio::test]
async fn a_wrong_key_is_refused_at_open() {
    let (_dir, path, store) = new_demo_store().await;
    let mut secret = demo().persons[0].clone();
    secret.id = RecordId::parse("k-1").expect("id");
    secret.aliases.clear();
    secret.name = "Sealed".into();
    secret.confidential = true;
    store
        .create(Record::Person(secret), &Change::new("e", None))
        .await
        .expect("create");
    store.close().await;
    let err = SqliteStore::open(&path, SealKey::generate())
        .await
        .expect_err("another key");
    assert!(format!("{err}").contains("key"), "{err}");
}

/// A record first written in the clear and then made confidential leaves
/// no copy of its old text in the database file or its WAL: freed space is
/// zeroed and the WAL is emptied after sealing.
#[tokio::test]
async fn a_record_made_confidential_leaves_no_clear_copy_at_rest() {
    let (_dir, path, store) = new_demo_store().await;
    let mut witness = demo().persons[0].clone();
    witness.id = RecordId::parse("w-later").expect("id");
    witness.name = "MARKER-LATER-SEALED-0x61".into();
    let change = Change::new("editor", Some("statement taken"));
    store
        .create(Record::Person(witness.clone()), &change)
        .await
        .expect("create");
    witness.confidential = true;
    store
        .update(Record::Person(witness.clone()), &change)
        .await
        .expect("update");
    for bytes in files_at_rest(&path) {
        assert!(
            !contains(&bytes, b"MARKER-LATER-SEALED"),
            "the old text is still at rest"
        );
    }
    let read = store.person(&witness.id, Visibility::Confidential).await.expect("read");
    assert_eq!(read.name, "MARKER-LATER-SEALED-0x61");
    store.close().await;
}

/// A case file stored before the country links existed gets them when it
/// is opened: its country's records are found without rewriting them.
#[tokio::test]
async fn a_case_file_from_before_the_country_links_gets_them_on_opening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vigil.db");
    let key = SealKey::generate();
    let want = {
        let store = SqliteStore::open(&path, key.clone()).await.expect("first open");
        store.import(&demo(), &Change::new("demo", None)).await.expect("import");
        let want = store.in_country("KZ", Visibility::Public).await.expect("in_country");
        store.close().await;
        want
    };
    assert!(want.len() > 20, "the demo's Kazakhstan");
    // As the file was before: no country link, migration 8 not applied.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("raw");
    for sql in [
        "DELETE FROM links WHERE field = 'country'",
        "DELETE FROM _sqlx_migrations WHERE version = 8",
    ] {
        sqlx::query(sql).execute(&pool).await.expect(sql);
    }
    assert!(
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM _sqlx_migrations WHERE version = 8")
            .fetch_one(&pool)
            .await
            .is_ok_and(|n| n == 0)
    );
    pool.close().await;
    let before = SqliteStore::open(&path, key.clone()).await.expect("reopen");
    assert_eq!(
        before.in_country("KZ", Visibility::Public).await.expect("in_country"),
        want
    );
    before.close().await;
}

/// What a public record says of a confidential one is sealed with it: a
/// quote of a source made confidential later, and a person's role in a
/// confidential organisation, leave no clear copy in the file or its WAL,
/// in the record's row or in its history. Those with the right still read
/// both; the public reads neither.
#[tokio::test]
async fn what_public_records_say_of_confidential_ones_is_sealed_at_rest() {
    let (_dir, path, store) = new_demo_store().await;
    let cf = demo();
    let change = Change::new("editor", Some("statement taken"));

    let mut source = cf.sources[0].clone();
    source.id = RecordId::parse("statement-0x71").expect("id");
    source.text = "The witness said: MARKER-QUOTED-0x71 was beaten in custody.".into();
    store
        .create(Record::Source(source.clone()), &change)
        .await
        .expect("source");
    let mut event = cf.events[0].clone();
    event.id = RecordId::parse("beating-0x71").expect("id");
    let start = source.text.find("MARKER").expect("marker");
    let quote = vigil_core::Excerpt::quote(&source, start, start + "MARKER-QUOTED-0x71".len()).expect("quote");
    event.excerpts = vec![quote];
    store
        .create(Record::Event(event.clone()), &change)
        .await
        .expect("event");
    // Edited once more, so the quote is in two revisions.
    event.description = Some("Beaten in custody.".into());
    store
        .update(Record::Event(event.clone()), &change)
        .await
        .expect("event again");

    let mut cell = cf.organisations[0].clone();
    cell.id = RecordId::parse("cell-0x72").expect("id");
    cell.confidential = true;
    store
        .create(Record::Organisation(cell.clone()), &change)
        .await
        .expect("cell");
    let mut member = cf.persons[0].clone();
    member.id = RecordId::parse("member-0x72").expect("id");
    member.affiliations = vec![vigil_core::Affiliation {
        organisation_id: cell.id.clone(),
        role: Some("MARKER-ROLE-0x72".into()),
        period: None,
    }];
    store
        .create(Record::Person(member.clone()), &change)
        .await
        .expect("member");

    // The source becomes confidential after it was quoted.
    source.confidential = true;
    store
        .update(Record::Source(source.clone()), &change)
        .await
        .expect("seal source");

    for bytes in files_at_rest(&path) {
        assert!(
            !contains(&bytes, b"MARKER-QUOTED"),
            "a quote of a confidential source is in the clear"
        );
        assert!(
            !contains(&bytes, b"MARKER-ROLE"),
            "a role in a confidential organisation is in the clear"
        );
    }
    let Record::Event(full) = store.record(&event.id, Visibility::Confidential).await.expect("read") else {
        panic!("an event")
    };
    assert_eq!(full.excerpts.len(), 1, "those with the right keep the quote");
    let history = store
        .revisions(&event.id, Visibility::Confidential)
        .await
        .expect("history");
    assert!(history.iter().all(|r| r.record.excerpts().len() == 1));
    let Record::Event(seen) = store.record(&event.id, Visibility::Public).await.expect("public read") else {
        panic!("an event")
    };
    assert!(seen.excerpts.is_empty(), "the public does not see the quote");
    let person = store
        .person(&member.id, Visibility::Confidential)
        .await
        .expect("member");
    assert_eq!(person.affiliations.len(), 1);
    let person = store
        .person(&member.id, Visibility::Public)
        .await
        .expect("member, public");
    assert!(person.affiliations.is_empty());
    store.close().await;
}

/// Proposals name the people in a report and quote it, and a source's
/// fingerprint tells whoever holds a document whether the case file has
/// it: both are sealed at rest, and those kept in the clear by an earlier
/// version are sealed when the case file is opened.
#[tokio::test]
async fn proposals_are_sealed_at_rest_and_old_ones_on_opening() {
    use vigil_store::{NewProposal, ProposalFilter, Proposals};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vigil.db");
    let key = SealKey::generate();
    let store = demo_store(&path, key.clone()).await;
    let source = demo().sources[0].id.clone();
    let proposal = NewProposal::new(
        "report.p1",
        "person",
        "MARKER-PROPOSED-0x81",
        &serde_json::json!({"name": "MARKER-PROPOSED-0x81", "excerpt": "MARKER-QUOTE-0x82"}),
    )
    .expect("proposal");
    store.add_proposals(&source, &[proposal]).await.expect("add");
    let fingerprint = vigil_store::Fingerprint {
        source_id: source.clone(),
        content_hash: "MARKER-HASH-0x84".into(),
        signature: vec![1, 2, 3],
    };
    store.save_fingerprint(&fingerprint).await.expect("fingerprint");
    store.close().await;
    // One written in the clear, as an earlier version did.
    let raw = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("raw connection");
    sqlx::query(
        "INSERT INTO proposals (id, seq, source_id, kind, label, body, state) \
         VALUES ('report.p2', 99, $1, 'person', 'MARKER-OLD-0x83', '{\"name\":\"MARKER-OLD-0x83\"}', 'pending')",
    )
    .bind(source.as_str())
    .execute(&raw)
    .await
    .expect("insert in the clear");
    let other = demo().sources[1].id.clone();
    sqlx::query(
        "INSERT INTO source_fingerprints (source_id, content_hash, signature) VALUES ($1, 'MARKER-OLDHASH-0x85', '[4,5]')",
    )
    .bind(other.as_str())
    .execute(&raw)
    .await
    .expect("a fingerprint in the clear");
    raw.close().await;

    let store = SqliteStore::open(&path, key).await.expect("reopen");
    for bytes in files_at_rest(&path) {
        for marker in [&b"MARKER-PROPOSED"[..], b"MARKER-QUOTE", b"MARKER-OLD", b"MARKER-HASH"] {
            assert!(!contains(&bytes, marker), "a proposal is in the clear");
        }
    }
    let read = store.proposals(&ProposalFilter::default()).await.expect("proposals");
    let labels: Vec<&str> = read.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["MARKER-PROPOSED-0x81", "MARKER-OLD-0x83"]);
    assert_eq!(read[0].body["excerpt"], "MARKER-QUOTE-0x82");
    let fingerprints = store.fingerprints().await.expect("fingerprints");
    let mut hashes: Vec<&str> = fingerprints.iter().map(|f| f.content_hash.as_str()).collect();
    hashes.sort_unstable();
    assert_eq!(hashes, ["MARKER-HASH-0x84", "MARKER-OLDHASH-0x85"]);
    store.close().await;
}

/// A case file written before the country views' state was kept
/// (migration 0020) has it filled in the first time it is opened, the same
/// as a case file that kept it from the start; and once filled, opening it
/// again does nothing more.
#[tokio::test]
async fn a_case_file_from_before_the_country_state_has_it_filled_in_when_opened() {
    let key = SealKey::generate();
    let (_dir, path, store) = new_demo_store_with(key.clone()).await;
    let mut kept = Vec::new();
    for visibility in [Visibility::Public, Visibility::Confidential] {
        kept.push(format!(
            "{:?}",
            store.rated_counts("KZ", visibility).await.expect("counts")
        ));
        kept.push(format!(
            "{:?}",
            store.restraint_months("KZ", visibility).await.expect("months")
        ));
    }
    assert!(kept.iter().all(|k| k.len() > 10), "{kept:?}");
    store.close().await;
    // As a case file from before looks: none of it kept.
    {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
            .await
            .expect("the file");
        for sql in [
            "DELETE FROM event_facts",
            "DELETE FROM country_month_counts",
            "UPDATE status_stretches SET countries = '', certain_kinds = ''",
            "DELETE FROM derived_filled",
        ] {
            sqlx::query(sql).execute(&pool).await.expect(sql);
        }
        pool.close().await;
    }
    let store = SqliteStore::open(&path, key.clone()).await.expect("reopened");
    let mut filled = Vec::new();
    for visibility in [Visibility::Public, Visibility::Confidential] {
        filled.push(format!(
            "{:?}",
            store.rated_counts("KZ", visibility).await.expect("counts")
        ));
        filled.push(format!(
            "{:?}",
            store.restraint_months("KZ", visibility).await.expect("months")
        ));
    }
    assert_eq!(filled, kept);
    store.close().await;
    // Filled once: the state a write has changed since is not recomputed
    // (a kept marker, not a scan of every stretch, says so).
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("the file");
    let marked: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM derived_filled")
        .fetch_one(&pool)
        .await
        .expect("marker");
    assert_eq!(marked, 1);
    sqlx::query("DELETE FROM country_month_counts")
        .execute(&pool)
        .await
        .expect("cleared");
    pool.close().await;
    let store = SqliteStore::open(&path, key).await.expect("reopened again");
    assert!(store
        .restraint_months("KZ", Visibility::Public)
        .await
        .expect("months")
        .is_empty());
}

async fn new_demo_store_with(key: SealKey) -> (tempfile::TempDir, std::path::PathBuf, SqliteStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vigil.db");
    let store = demo_store(&path, key).await;
    (dir, path, store)
}

/// A case file in which an earlier version left a pledge public although
/// the person who made it is confidential (and the pledge's assessment
/// with it): opening it withholds both, each with a revision that names no
/// record.
#[tokio::test]
async fn what_an_earlier_version_left_naming_a_confidential_record_is_withheld_when_opened() {
    let key = SealKey::generate();
    let (_dir, path, store) = new_demo_store_with(key.clone()).await;
    let pledge = RecordId::parse("tokayev-pledge-deep-reforms-2019-09").expect("id");
    let assessment = RecordId::parse("assessment-hrw-2019-tokayev-pledge").expect("id");
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("raw");
    let public_rows: Vec<(String, Option<String>, Option<Vec<u8>>)> =
        sqlx::query_as("SELECT id, data, sealed FROM records WHERE id IN ($1, $2)")
            .bind(pledge.as_str())
            .bind(assessment.as_str())
            .fetch_all(&pool)
            .await
            .expect("rows");
    assert_eq!(public_rows.len(), 2);
    let Ok(Record::Person(mut tokayev)) = store
        .record(
            &RecordId::parse("kassym-jomart-tokayev").expect("id"),
            Visibility::Public,
        )
        .await
    else {
        panic!("Tokayev")
    };
    tokayev.confidential = true;
    store
        .update(Record::Person(tokayev), &Change::new("ana", None))
        .await
        .expect("made confidential");
    store.close().await;
    // As an earlier version left it: the person confidential, what names
    // them still public, with no withholding in their history.
    for (id, data, sealed) in &public_rows {
        sqlx::query("UPDATE records SET data = $1, sealed = $2, confidential = 0 WHERE id = $3")
            .bind(data)
            .bind(sealed)
            .bind(id)
            .execute(&pool)
            .await
            .expect("put back");
    }
    sqlx::query("DELETE FROM revisions WHERE reason = $1")
        .bind(vigil_store::WITHHELD_WITH_REQUIRED)
        .execute(&pool)
        .await
        .expect("history as it was");
    pool.close().await;
    let before = SqliteStore::open(&path, key.clone()).await.expect("reopen");
    for id in [&pledge, &assessment] {
        assert!(
            matches!(
                before.record(id, Visibility::Public).await,
                Err(vigil_store::StoreError::NotFound { .. })
            ),
            "{id} is withheld on opening"
        );
        let history = before.revisions(id, Visibility::Confidential).await.expect("history");
        let last = history.last().expect("a revision");
        assert_eq!(last.reason.as_deref(), Some(vigil_store::WITHHELD_WITH_REQUIRED));
        assert_eq!(last.author, vigil_store::SYSTEM_AUTHOR);
        assert!(last.record.is_confidential());
    }
    before.close().await;
    // Opened again, nothing more is done.
    let again = SqliteStore::open(&path, key).await.expect("reopen");
    assert_eq!(
        again
            .revisions(&pledge, Visibility::Confidential)
            .await
            .expect("history")
            .len(),
        2
    );
    again.close().await;
}
