//! Writes: each one checked whole, then written with its revision in one
//! transaction that holds the write lock, so a failure leaves nothing
//! behind and `seq` order is commit order (see the crate's docs).

use std::collections::HashMap;

use sqlx::{Postgres, Row, Transaction};
use vigil_core::casefile::references;
use vigil_core::{name, CaseFile, FieldError, Record, RecordId, RecordKind};
use vigil_store::seal::{self, Stored};
use vigil_store::{Change, Operation, Result, Revision, StoreError};

use crate::{backend, PostgresStore, WRITE_LOCK};

pub(crate) type Tx = Transaction<'static, Postgres>;

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

/// What a record with a given id is, if any: its kind and whether deleted.
async fn existing(tx: &mut Tx, id: &RecordId) -> Result<Option<(RecordKind, bool)>> {
    let row = sqlx::query("SELECT kind, deleted FROM records WHERE id = $1")
        .bind(id.as_str())
        .fetch_optional(&mut **tx)
        .await
        .map_err(backend)?;
    match row {
        None => Ok(None),
        Some(row) => {
            let kind: String = row.try_get("kind").map_err(backend)?;
            let deleted: bool = row.try_get("deleted").map_err(backend)?;
            let kind = kind.parse::<RecordKind>().map_err(backend)?;
            Ok(Some((kind, deleted)))
        }
    }
}

/// Checks a record against the rest of the case file: references resolve to
/// live records of the right kind; excerpts quote their sources verbatim.
/// `texts` caches source texts across the records of one import.
async fn check_against_store(
    store: &PostgresStore,
    tx: &mut Tx,
    record: &Record,
    texts: &mut HashMap<RecordId, String>,
) -> Result<()> {
    // Fetch what the check needs, then check without I/O.
    let mut kinds = HashMap::new();
    for reference in record.references() {
        if let Some((kind, false)) = existing(tx, reference.id).await? {
            kinds.insert(reference.id.clone(), kind);
        }
    }
    for excerpt in record.excerpts() {
        if texts.contains_key(&excerpt.source_id) {
            continue;
        }
        let row = sqlx::query("SELECT id, data, sealed FROM records WHERE id = $1 AND kind = 'source' AND NOT deleted")
            .bind(excerpt.source_id.as_str())
            .fetch_optional(&mut **tx)
            .await
            .map_err(backend)?;
        let Some(row) = row else { continue }; // reported as a missing reference
        let id: String = row.try_get("id").map_err(backend)?;
        if let Record::Source(s) = store.unseal(
            &id,
            row.try_get("data").map_err(backend)?,
            row.try_get("sealed").map_err(backend)?,
        )? {
            texts.insert(s.id.clone(), s.text);
        }
    }
    let misfits = references::check(
        record,
        &references::Maps {
            kinds: &kinds,
            texts: &*texts,
        },
    );
    if misfits.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(misfits.into_iter().map(FieldError::from).collect()))
    }
}

/// The key lists sort on, from what the public may see.
fn sort_key(public: Option<&Record>) -> String {
    match public {
        None => String::new(),
        Some(Record::Event(e)) => format!("{}|{}", vigil_core::date::format_day(e.date.earliest()), e.id),
        Some(other) => name::fold(other.title()),
    }
}

/// Writes a record's row as `stored` (its sealed form), and, unless it is
/// deleted, its names and links.
pub(crate) async fn write_row(tx: &mut Tx, record: &Record, stored: &Stored, deleted: bool, fresh: bool) -> Result<()> {
    let public = record.redacted();
    let (event_type, earliest, latest) = match record {
        Record::Event(e) => (
            Some(e.event_type.as_str()),
            Some(e.date.earliest()),
            Some(e.date.latest()),
        ),
        _ => (None, None, None),
    };
    let sql = if fresh {
        "INSERT INTO records (id, kind, data, sealed, sort_key, confidential, event_type, date_earliest, date_latest, deleted) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    } else {
        "UPDATE records SET kind = $2, data = $3, sealed = $4, sort_key = $5, confidential = $6, event_type = $7, \
         date_earliest = $8, date_latest = $9, deleted = $10 WHERE id = $1"
    };
    sqlx::query(sql)
        .bind(record.id().as_str())
        .bind(record.kind().as_str())
        .bind(stored.public.as_deref())
        .bind(stored.sealed.as_deref())
        .bind(sort_key(public.as_ref()))
        .bind(record.is_confidential())
        .bind(event_type)
        .bind(earliest)
        .bind(latest)
        .bind(deleted)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    clear_index(tx, record.id()).await?;
    if deleted {
        return Ok(());
    }
    // Only names the public may see are indexed in the clear.
    let names: Vec<String> = match &public {
        Some(Record::Person(p)) => p.names().map(name::fold).collect(),
        Some(Record::Organisation(o)) => o.names().map(name::fold).collect(),
        _ => Vec::new(),
    };
    if !names.is_empty() {
        sqlx::query("INSERT INTO record_names (record_id, folded) SELECT $1, unnest($2::text[])")
            .bind(record.id().as_str())
            .bind(&names)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    let public_refs: Vec<(String, RecordId)> = public
        .as_ref()
        .map(|p| p.references().into_iter().map(|r| (r.field, r.id.clone())).collect())
        .unwrap_or_default();
    let (mut to_ids, mut fields, mut publics) = (Vec::new(), Vec::new(), Vec::new());
    for reference in record.references() {
        let is_public = public_refs
            .iter()
            .any(|(f, id)| *f == reference.field && id == reference.id);
        // The field without its index: "participants", "excerpts", ...
        let field = reference.field.split(['[', '.']).next().unwrap_or_default();
        to_ids.push(reference.id.as_str().to_owned());
        fields.push(field.to_owned());
        publics.push(is_public);
    }
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

async fn clear_index(tx: &mut Tx, id: &RecordId) -> Result<()> {
    for sql in [
        "DELETE FROM record_names WHERE record_id = $1",
        "DELETE FROM links WHERE from_id = $1",
    ] {
        sqlx::query(sql)
            .bind(id.as_str())
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    Ok(())
}

async fn append_revision(
    store: &PostgresStore,
    tx: &mut Tx,
    record: &Record,
    operation: Operation,
    change: &Change,
) -> Result<Revision> {
    let at = vigil_store::now();
    let stored = seal::seal(&store.key, record)?;
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO revisions (record_id, kind, operation, author, at, reason, data, sealed) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq",
    )
    .bind(record.id().as_str())
    .bind(record.kind().as_str())
    .bind(operation.as_str())
    .bind(&change.author)
    .bind(at)
    .bind(change.reason.as_deref())
    .bind(stored.public)
    .bind(stored.sealed)
    .fetch_one(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(Revision {
        seq,
        record_id: record.id().clone(),
        kind: record.kind(),
        operation,
        author: change.author.clone(),
        at,
        reason: change.reason.clone(),
        record: record.clone(),
    })
}

async fn create_in(
    store: &PostgresStore,
    tx: &mut Tx,
    record: &Record,
    change: &Change,
    texts: &mut HashMap<RecordId, String>,
) -> Result<Revision> {
    record.validate().map_err(StoreError::Invalid)?;
    if existing(tx, record.id()).await?.is_some() {
        return Err(StoreError::Conflict(record.id().clone()));
    }
    check_against_store(store, tx, record, texts).await?;
    write_row(tx, record, &seal::seal(&store.key, record)?, false, true).await?;
    append_revision(store, tx, record, Operation::Create, change).await
}

pub(crate) async fn create(store: &PostgresStore, record: Record, change: &Change) -> Result<Revision> {
    let mut tx = store.begin_write().await?;
    let rev = create_in(store, &mut tx, &record, change, &mut HashMap::new()).await?;
    tx.commit().await.map_err(backend)?;
    Ok(rev)
}

/// Replaces a record's state: a live record's for an update, a live or
/// deleted one's for a restore.
async fn replace(store: &PostgresStore, record: &Record, operation: Operation, change: &Change) -> Result<Revision> {
    let mut tx = store.begin_write().await?;
    match existing(&mut tx, record.id()).await? {
        Some((kind, deleted)) if kind == record.kind() && (!deleted || operation == Operation::Restore) => {}
        Some((kind, false)) if kind != record.kind() => {
            return Err(StoreError::wrong_kind(record.id(), record.kind(), kind))
        }
        _ => return Err(StoreError::not_found(record.id())),
    }
    record.validate().map_err(StoreError::Invalid)?;
    check_against_store(store, &mut tx, record, &mut HashMap::new()).await?;
    write_row(&mut tx, record, &seal::seal(&store.key, record)?, false, false).await?;
    let rev = append_revision(store, &mut tx, record, operation, change).await?;
    if record.has_confidential_content() {
        reseal_history(store, &mut tx, record).await?;
    }
    tx.commit().await.map_err(backend)?;
    Ok(rev)
}

/// Once a record bears confidentiality marks, its earlier revisions are
/// stored under them too: what was entered in the clear before a field was
/// marked confidential does not stay readable in the database.
async fn reseal_history(store: &PostgresStore, tx: &mut Tx, now: &Record) -> Result<()> {
    let rows = sqlx::query("SELECT seq, data, sealed FROM revisions WHERE record_id = $1 ORDER BY seq")
        .bind(now.id().as_str())
        .fetch_all(&mut **tx)
        .await
        .map_err(backend)?;
    for row in rows {
        let seq: i64 = row.try_get("seq").map_err(backend)?;
        let past = store.unseal(
            now.id().as_str(),
            row.try_get("data").map_err(backend)?,
            row.try_get("sealed").map_err(backend)?,
        )?;
        let stored = seal::seal_under(&store.key, &past, now)?;
        sqlx::query("UPDATE revisions SET data = $1, sealed = $2 WHERE seq = $3")
            .bind(stored.public)
            .bind(stored.sealed)
            .bind(seq)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    Ok(())
}

pub(crate) async fn update(store: &PostgresStore, record: Record, change: &Change) -> Result<Revision> {
    replace(store, &record, Operation::Update, change).await
}

pub(crate) async fn restore(store: &PostgresStore, id: &RecordId, seq: i64, change: &Change) -> Result<Revision> {
    let row = sqlx::query("SELECT data, sealed FROM revisions WHERE record_id = $1 AND seq = $2")
        .bind(id.as_str())
        .bind(seq)
        .fetch_optional(&store.pool)
        .await
        .map_err(backend)?;
    let Some(row) = row else {
        return Err(StoreError::NotFound {
            kind: "revision",
            id: format!("{id}@{seq}"),
        });
    };
    let record = store.unseal(
        id.as_str(),
        row.try_get("data").map_err(backend)?,
        row.try_get("sealed").map_err(backend)?,
    )?;
    replace(store, &record, Operation::Restore, change).await
}

pub(crate) async fn delete(store: &PostgresStore, id: &RecordId, change: &Change) -> Result<Revision> {
    let mut tx = store.begin_write().await?;
    let row = sqlx::query("SELECT data, sealed FROM records WHERE id = $1 AND NOT deleted")
        .bind(id.as_str())
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
    let Some(row) = row else {
        return Err(StoreError::not_found(id));
    };
    let record = store.unseal(
        id.as_str(),
        row.try_get("data").map_err(backend)?,
        row.try_get("sealed").map_err(backend)?,
    )?;
    let by: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT from_id FROM links WHERE to_id = $1 AND from_id <> $1 ORDER BY from_id LIMIT 20",
    )
    .bind(id.as_str())
    .fetch_all(&mut *tx)
    .await
    .map_err(backend)?;
    if !by.is_empty() {
        let by = by.iter().filter_map(|s| RecordId::parse(s).ok()).collect();
        return Err(StoreError::Referenced { id: id.clone(), by });
    }
    sqlx::query("UPDATE records SET deleted = true WHERE id = $1")
        .bind(id.as_str())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    clear_index(&mut tx, id).await?;
    let rev = append_revision(store, &mut tx, &record, Operation::Delete, change).await?;
    tx.commit().await.map_err(backend)?;
    Ok(rev)
}

pub(crate) async fn import(store: &PostgresStore, case_file: &CaseFile, change: &Change) -> Result<usize> {
    let records = case_file.records();
    let mut tx = store.begin_write().await?;
    create_each(store, &mut tx, records.iter().map(|r| (r, change))).await?;
    tx.commit().await.map_err(backend)?;
    Ok(records.len())
}

pub(crate) async fn create_all(store: &PostgresStore, records: &[(Record, Change)]) -> Result<Vec<Revision>> {
    let mut tx = store.begin_write().await?;
    let revisions = create_each(store, &mut tx, records.iter().map(|(r, c)| (r, c))).await?;
    tx.commit().await.map_err(backend)?;
    Ok(revisions)
}

/// Creates each record in `tx`, naming the record in a field error.
async fn create_each<'a>(
    store: &PostgresStore,
    tx: &mut Tx,
    records: impl Iterator<Item = (&'a Record, &'a Change)>,
) -> Result<Vec<Revision>> {
    let mut texts = HashMap::new();
    let mut revisions = Vec::new();
    for (record, change) in records {
        let revision = create_in(store, tx, record, change, &mut texts)
            .await
            .map_err(|e| match e {
                StoreError::Invalid(errors) => StoreError::Invalid(
                    errors
                        .into_iter()
                        .map(|f| FieldError::new(format!("{}.{}", record.id(), f.field), f.message))
                        .collect(),
                ),
                other => other,
            })?;
        revisions.push(revision);
    }
    Ok(revisions)
}
