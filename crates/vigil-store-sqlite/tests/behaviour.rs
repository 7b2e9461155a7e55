//! The store behaviour suite on a real SQLite file.

use vigil_store_sqlite::SqliteStore;

async fn fresh_store() -> SqliteStore {
    // The folder is leaked on purpose: it must outlive the store in the test.
    let dir = tempfile::tempdir().expect("temp dir").keep();
    SqliteStore::open(&dir.join("vigil.db"), vigil_store::SealKey::generate())
        .await
        .expect("open store")
}

vigil_store::behaviour_suite!(fresh_store);
vigil_store::proposals_suite!(fresh_store);
vigil_store::field_suite!(fresh_store);

async fn store_with_key(key: vigil_store::SealKey) -> Option<SqliteStore> {
    let dir = tempfile::tempdir().expect("temp dir").keep();
    Some(SqliteStore::open(&dir.join("vigil.db"), key).await.expect("open store"))
}

vigil_store::transfer_suite!(store_with_key);
