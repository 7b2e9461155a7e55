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
    /// stay in the WAL and in the database file until a checkpoint has
    /// copied the new pages in and emptied the WAL. A reader holding a
    /// snapshot older than the sealing (a long export, a backup, another
    /// process's query) stops a checkpoint short, so it is asked again
    /// until SQLite reports it complete (`busy` = 0 from
    /// `wal_checkpoint(TRUNCATE)`): the sealing write is answered only
    /// once no file holds the old plaintext. Each attempt waits for readers
    /// up to the busy timeout; after [`SEALING_CHECKPOINT_LIMIT`] it gives
    /// up with an error in the log (the next sealing or start finishes it).
    pub(crate) async fn after_sealing(&self) {
        let started = std::time::Instant::now();
        let mut warned = false;
        loop {
            let outcome = sqlx::query_as::<_, (i64, i64, i64)>("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&self.writer)
                .await;
            let why = match outcome {
                Ok((0, _, _)) => return,
                Ok((_, log, done)) => format!("readers hold the WAL ({done} of {log} frames copied)"),
                Err(e) => e.to_string(),
            };
            if started.elapsed() >= SEALING_CHECKPOINT_LIMIT {
                tracing::error!(
                    reason = %why,
                    "the checkpoint after sealing did not complete: old plaintext pages stay until the next one"
                );
                return;
            }
            if !warned {
                tracing::warn!(reason = %why, "the checkpoint after sealing waits for readers");
                warned = true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
    }
}

/// How long a sealing write waits for readers to let its checkpoint
/// complete before it answers anyway (logging an error).
pub(crate) const SEALING_CHECKPOINT_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

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
