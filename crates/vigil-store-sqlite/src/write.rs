//! Writes: each one checked whole, then written with its revision in one
//! transaction, so a failure leaves nothing behind.

use std::collections::HashMap;

use sqlx::{Row, Sqlite, Transaction};
use vigil_core::{FieldError, Record};
use vigil_store::{seal, Change, Operation, Result, Revision, StoreError};

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

/// Writes a record's row (`stored`: the record sealed) and what indexes it.
async fn write_row(tx: &mut Tx, record: &Record, stored: &seal::Stored, deleted: bool, fresh: bool) -> Result<()> {
    let public = record.redacted();
    write_record(tx, record, public.as_ref(), stored, deleted, fresh).await?;
    if !fresh {
        clear_index(tx, record.id()).await?;
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

/// Creates each record in `tx`, naming the record in a field error.
async fn create_each<'a>(
    store: &SqliteStore,
    tx: &mut Tx,
    records: impl Iterator<Item = (&'a Record, &'a Change)> + Clone,
) -> Result<Vec<Revision>> {
    // Which ids are taken, asked once for all (a record of the batch takes
    // its id for those after it).
    let ids: Vec<&str> = records.clone().map(|(r, _)| r.id().as_str()).collect();
    let mut taken = crate::read::taken_among(&mut **tx, &ids).await?;
    let mut texts = HashMap::new();
    let mut revisions: Vec<Option<Revision>> = Vec::new();
    let mut plain: Vec<Plain<'a>> = Vec::new();
    for (record, change) in records {
        let named = |e| match e {
            StoreError::Invalid(errors) => StoreError::Invalid(
                errors
                    .into_iter()
                    .map(|f: FieldError| FieldError::new(format!("{}.{}", record.id(), f.field), f.message))
                    .collect(),
            ),
            other => other,
        };
        let at = revisions.len();
        revisions.push(None);
        if is_plain(record) {
            // Checked now, written with the others like it.
            record.validate().map_err(StoreError::Invalid).map_err(named)?;
            if taken.contains(record.id()) {
                return Err(StoreError::Conflict(record.id().clone()));
            }
            // Nothing referred to: nothing hidden to keep out of the clear.
            let stored = seal::seal(&store.key, record, &std::collections::HashSet::new())?;
            plain.push(Plain {
                at,
                record,
                change,
                stored,
            });
        } else {
            // It may refer to a record of the batch: those go in first.
            write_plain(tx, &mut plain, &mut revisions).await?;
            let revision = create_in(store, tx, record, change, &mut texts, Some(&taken))
                .await
                .map_err(named)?;
            revisions[at] = Some(revision);
        }
        taken.insert(record.id().clone());
    }
    write_plain(tx, &mut plain, &mut revisions).await?;
    revisions
        .into_iter()
        .map(|r| r.ok_or_else(|| StoreError::backend(std::io::Error::other("a record was not written"))))
        .collect()
}

/// A new record with nothing to index beside its row — no names, no
/// references, no excerpts, no country (a source, typically) — checked and sealed,
/// waiting to be written with others like it.
struct Plain<'a> {
    /// Its place in the batch.
    at: usize,
    record: &'a Record,
    change: &'a Change,
    stored: seal::Stored,
}

fn is_plain(record: &Record) -> bool {
    !matches!(record, Record::Person(_) | Record::Organisation(_))
        && record.references().is_empty()
        && record.excerpts().is_empty()
        && record.country().is_none()
}

/// Records a statement (ten parameters a row; SQLite takes 32,766).
const PLAIN_CHUNK: usize = 200;

/// Writes the waiting plain records, rows and revisions, a few statements
/// for many records (a batch of ingested sources: one round trip to
/// SQLite each rather than two a source), and puts their revisions in
/// their places.
async fn write_plain(tx: &mut Tx, plain: &mut Vec<Plain<'_>>, revisions: &mut [Option<Revision>]) -> Result<()> {
    for chunk in std::mem::take(plain).chunks(PLAIN_CHUNK) {
        let mut rows = sqlx::QueryBuilder::new(
            "INSERT INTO records (id, kind, data, sealed, sort_key, confidential, event_type, date_earliest, \
             date_latest, deleted) ",
        );
        let derived: Vec<_> = chunk
            .iter()
            .map(|p| (sort_key(p.record.redacted().as_ref()), event_columns(p.record)))
            .collect();
        rows.push_values(
            chunk.iter().zip(&derived),
            |mut row, (p, (key, (event_type, earliest, latest)))| {
                row.push_bind(p.record.id().as_str())
                    .push_bind(p.record.kind().as_str())
                    .push_bind(p.stored.public.as_deref())
                    .push_bind(p.stored.sealed.as_deref())
                    .push_bind(key.as_str())
                    .push_bind(p.record.is_confidential() as i64)
                    .push_bind(*event_type)
                    .push_bind(earliest.as_deref())
                    .push_bind(latest.as_deref())
                    .push("0");
            },
        );
        rows.build().execute(&mut **tx).await.map_err(backend)?;
        let at = vigil_store::now();
        let at_text = crate::time_text(at)?;
        let mut revs = sqlx::QueryBuilder::new(
            "INSERT INTO revisions (record_id, kind, operation, author, at, reason, data, sealed) ",
        );
        revs.push_values(chunk, |mut row, p| {
            row.push_bind(p.record.id().as_str())
                .push_bind(p.record.kind().as_str())
                .push_bind(Operation::Create.as_str())
                .push_bind(p.change.author.as_str())
                .push_bind(at_text.as_str())
                .push_bind(p.change.reason.as_deref())
                .push_bind(p.stored.public.as_deref())
                .push_bind(p.stored.sealed.as_deref());
        });
        revs.push(" RETURNING seq, record_id");
        let numbered: HashMap<String, i64> = revs
            .build()
            .fetch_all(&mut **tx)
            .await
            .map_err(backend)?
            .iter()
            .map(|row| Ok((row.try_get("record_id")?, row.try_get("seq")?)))
            .collect::<std::result::Result<_, sqlx::Error>>()
            .map_err(backend)?;
        for p in chunk {
            let seq = *numbered
                .get(p.record.id().as_str())
                .ok_or_else(|| StoreError::backend(std::io::Error::other("a revision was not numbered")))?;
            revisions[p.at] = Some(Revision {
                seq,
                record_id: p.record.id().clone(),
                kind: p.record.kind(),
                operation: Operation::Create,
                author: p.change.author.clone(),
                at,
                reason: p.change.reason.clone(),
                record: p.record.clone(),
            });
        }
    }
    Ok(())
}
