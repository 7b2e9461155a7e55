//! The whole case file as stored, read from one snapshot, and written
//! whole into an empty database: every revision with its number, author,
//! time and reason, every record (also deleted ones), accounts, tokens and
//! live sessions, proposals, fingerprints and source links, campaigns with
//! everything they hold, in one transaction (see
//! `vigil_store::transfer`; the SQL is shared with SQLite:
//! `vigil_store_sql::impl_transfer!`). Sealed content is carried as it
//! is: it stays sealed under the same key.

use sqlx::{Postgres, Transaction};
use vigil_store::transfer::{Copied, Snapshot, Transfer};
use vigil_store::{Result, StoreError};

use crate::write::{write_row, Tx};
use crate::{backend, PostgresStore};

/// One read-only transaction at repeatable read: every read sees the
/// state of its first, whatever is written meanwhile.
pub struct PostgresSnapshot {
    tx: Transaction<'static, Postgres>,
}

/// A whole case file being written into this database, in one
/// transaction that holds the write lock.
pub struct PostgresLoad {
    tx: Tx,
    key: vigil_store::SealKey,
    copied: Copied,
}

impl PostgresStore {
    /// A consistent view of the whole case file as stored.
    pub async fn snapshot(&self) -> Result<PostgresSnapshot> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        Ok(PostgresSnapshot { tx })
    }

    /// Copies everything `source` holds into this database, which must hold
    /// no case file and no account yet. All of it is written, or nothing
    /// (`vigil_store::transfer::copy`).
    pub async fn copy_from(&self, source: impl Snapshot) -> Result<Copied> {
        let load = self.begin_load().await?;
        vigil_store::transfer::copy(source, load).await
    }
}

impl Transfer for PostgresStore {
    type Snapshot = PostgresSnapshot;
    type Load = PostgresLoad;

    async fn transfer_snapshot(&self) -> Result<PostgresSnapshot> {
        self.snapshot().await
    }

    async fn begin_load(&self) -> Result<PostgresLoad> {
        let mut tx = self.begin_write().await?;
        if !transfer_sql::is_empty(&mut tx).await? {
            return Err(StoreError::invalid(
                "database_url",
                "the target database already holds a case file, accounts or campaigns: copy into an empty one",
            ));
        }
        Ok(PostgresLoad {
            tx,
            key: self.key.clone(),
            copied: Copied::default(),
        })
    }
}

/// New revisions and rows numbered by identity columns continue after the
/// loaded ones.
async fn finish(tx: &mut Tx) -> Result<()> {
    for (table, column) in [
        ("revisions", "seq"),
        ("account_audit", "id"),
        ("campaign_audit", "id"),
        ("invalidations", "id"),
        ("deliveries", "id"),
        ("campaign_outcomes", "id"),
    ] {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', '{column}'), COALESCE(MAX({column}), 1), \
             MAX({column}) IS NOT NULL) FROM {table}"
        ))
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    Ok(())
}

vigil_store_sql::impl_transfer!(
    PostgresStore,
    snapshot = PostgresSnapshot,
    load = PostgresLoad,
    proposals = crate::proposals::proposals_sql,
    write_row = write_row,
    link_order = "seq",
    collate = " COLLATE \"C\"",
    overriding = "OVERRIDING SYSTEM VALUE ",
    finish = finish,
);
