//! What only the SQLite backend has: a file that outlives the process.

use vigil_core::RecordId;
use vigil_store::{Change, Store, Visibility};
use vigil_store_sqlite::SqliteStore;

#[tokio::test]
async fn reopening_an_existing_file_keeps_data_and_runs_no_migration_twice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vigil.db");
    let cf = vigil_demo::case_file().expect("demo");
    {
        let store = SqliteStore::open(&path).await.expect("first open");
        store
            .import(&cf, &Change::new("demo", None))
            .await
            .expect("import");
        store.close().await;
    }
    let store = SqliteStore::open(&path)
        .await
        .expect("second open migrates an existing file");
    let counts = store.counts(Visibility::Public).await.expect("counts");
    assert_eq!(counts.events as usize, cf.events.len());
    let id = RecordId::parse("erlan-baltabay").expect("id");
    assert_eq!(store.revisions(&id).await.expect("history").len(), 1);
    store.close().await;

    // The migrations table says each migration ran once, and the journal is WAL.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("raw");
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .expect("q");
    assert_eq!(applied, 1);
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
    let err = SqliteStore::open(&path).await.expect_err("must refuse");
    assert!(
        format!("{err:?}").to_lowercase().contains("not a database"),
        "{err:?}"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"this is not a database, it is a note",
        "left untouched"
    );
}
