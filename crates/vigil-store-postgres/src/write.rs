//! Writes: each one checked whole, then written with its revision in one
//! transaction that holds the write lock, so a failure leaves nothing
//! behind and `seq` order is commit order (see the crate's docs).

use sqlx::{Postgres, Transaction};
use vigil_core::Record;
use vigil_store::seal::Stored;
use vigil_store::Result;

use crate::{backend, PostgresStore, WRITE_LOCK};

pub(crate) type Tx = Transaction<'static, Postgres>;

vigil_store_sql::impl_record_writes!(
    PostgresStore,
    Tx,
    reader = pool,
    time = crate::time_value,
    day = std::convert::identity,
    day_type = time::Date,
);

impl PostgresStore {
    /// A transaction holding the write lock until it ends.
    pub(crate) async fn begin_write(&self) -> Result<Tx> {
        let mut tx = self.writer.begin().await.map_err(backend)?;
        sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
            .bind(WRITE_LOCK.0)
            .bind(WRITE_LOCK.1)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        Ok(tx)
    }
}

/// Writes a record's row as `stored` (its sealed form), and, unless it is
/// deleted, its names and links.
pub(crate) async fn write_row(tx: &mut Tx, record: &Record, stored: &Stored, deleted: bool, fresh: bool) -> Result<()> {
    let public = record.redacted();
    write_record(tx, record, public.as_ref(), stored, deleted, fresh).await?;
    clear_index(tx, record.id()).await?;
    if deleted {
        return Ok(());
    }
    let index = vigil_store_sql::index::index(record, public.as_ref());
    if !index.names.is_empty() {
        sqlx::query("INSERT INTO record_names (record_id, folded) SELECT $1, unnest($2::text[])")
            .bind(record.id().as_str())
            .bind(&index.names)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    let to_ids: Vec<&str> = index.links.iter().map(|l| l.to_id.as_str()).collect();
    let fields: Vec<&str> = index.links.iter().map(|l| l.field.as_str()).collect();
    let publics: Vec<bool> = index.links.iter().map(|l| l.public).collect();
    if !to_ids.is_empty() {
        sqlx::query(
            "INSERT INTO links (from_id, to_id, field, public) \
             SELECT $1, t.to_id, t.field, t.public FROM unnest($2::text[], $3::text[], $4::bool[]) AS t (to_id, field, public)",
        )
        .bind(record.id().as_str())
        .bind(&to_ids)
        .bind(&fields)
        .bind(&publics)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    Ok(())
}
