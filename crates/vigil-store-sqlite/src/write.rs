//! Writes: each one checked whole, then written with its revision in one
//! transaction, so a failure leaves nothing behind.

use sqlx::{Sqlite, Transaction};
use vigil_core::Record;
use vigil_store::{seal, Result};

use crate::{backend, SqliteStore};

pub(crate) type Tx = Transaction<'static, Sqlite>;

impl SqliteStore {
    /// A write transaction, on the one writing connection.
    pub(crate) async fn begin_write(&self) -> Result<Tx> {
        self.writer.begin().await.map_err(backend)
    }

    /// After a record is sealed, the pages that held it in the clear are
    /// zeroed as they are freed (`secure_delete`), but their old images
    /// stay in the WAL until a checkpoint: copy them into the database and
    /// empty the WAL now. Best effort: a reader holding an old snapshot
    /// lets the checkpoint stop early, and the next one finishes it.
    pub(crate) async fn after_sealing(&self) {
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.writer)
            .await
        {
            tracing::warn!(error = %e, "checkpoint after sealing failed");
        }
    }
}

vigil_store_sql::impl_record_writes!(
    SqliteStore,
    Tx,
    reader = reader,
    time = crate::time_text,
    day = vigil_core::date::format_day,
    day_type = String,
);

/// Writes a record's row (`stored`: the record sealed) and, unless it is
/// deleted, what indexes it.
pub(crate) async fn write_row(
    tx: &mut Tx,
    record: &Record,
    stored: &seal::Stored,
    deleted: bool,
    fresh: bool,
) -> Result<()> {
    let public = record.redacted();
    write_record(tx, record, public.as_ref(), stored, deleted, fresh).await?;
    if !fresh {
        clear_index(tx, record.id()).await?;
    }
    if deleted {
        return Ok(());
    }
    // Only names the public may see are indexed in the clear.
    let index = vigil_store_sql::index::index(record, public.as_ref());
    for folded in &index.names {
        sqlx::query("INSERT INTO record_names (record_id, folded) VALUES ($1, $2)")
            .bind(record.id().as_str())
            .bind(folded)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    for link in &index.links {
        sqlx::query("INSERT INTO links (from_id, to_id, field, public) VALUES ($1, $2, $3, $4)")
            .bind(record.id().as_str())
            .bind(&link.to_id)
            .bind(&link.field)
            .bind(link.public)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    Ok(())
}
