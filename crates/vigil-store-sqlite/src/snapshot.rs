//! The whole case file as stored, read from one snapshot, and written
//! whole into an empty case file (see `vigil_store::transfer`; the SQL is
//! shared with PostgreSQL: `vigil_store_sql::impl_transfer!`).

use sqlx::{Sqlite, Transaction};
use vigil_store::transfer::{Copied, Transfer};
use vigil_store::{Result, StoreError};

use crate::write::{write_row, Tx};
use crate::{backend, SqliteStore};

/// One read transaction: in WAL mode it sees the state of its first read,
/// whatever is written afterwards.
pub struct SqliteSnapshot {
    tx: Transaction<'static, Sqlite>,
}

/// A whole case file being written into this one, in one transaction on
/// the one writing connection.
pub struct SqliteLoad {
    tx: Tx,
    key: vigil_store::SealKey,
    copied: Copied,
}

impl SqliteStore {
    /// A consistent view of the whole case file as stored.
    pub async fn snapshot(&self) -> Result<SqliteSnapshot> {
        let mut tx = self.reader.begin().await.map_err(backend)?;
        // The snapshot starts at the first read: take it now.
        sqlx::query("SELECT COUNT(*) FROM revisions")
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
        Ok(SqliteSnapshot { tx })
    }
}

impl Transfer for SqliteStore {
    type Snapshot = SqliteSnapshot;
    type Load = SqliteLoad;

    async fn transfer_snapshot(&self) -> Result<SqliteSnapshot> {
        self.snapshot().await
    }

    async fn begin_load(&self) -> Result<SqliteLoad> {
        let mut tx = self.begin_write().await?;
        if !transfer_sql::is_empty(&mut tx).await? {
            return Err(StoreError::invalid(
                "data",
                "this case file already holds records, accounts, proposals or campaigns: a whole case file \
                 is loaded into an empty one",
            ));
        }
        Ok(SqliteLoad {
            tx,
            key: self.key.clone(),
            copied: Copied::default(),
        })
    }
}

/// Nothing to do before the commit: SQLite numbers new rows after the
/// largest id of each table.
async fn finish(_tx: &mut Tx) -> Result<()> {
    Ok(())
}

vigil_store_sql::impl_transfer!(
    SqliteStore,
    snapshot = SqliteSnapshot,
    load = SqliteLoad,
    proposals = crate::proposals::proposals_sql,
    write_row = write_row,
    link_order = "rowid",
    collate = "",
    overriding = "",
    finish = finish,
);
