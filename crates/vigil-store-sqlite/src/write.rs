//! Writes: each one checked whole, then written with its revision in one
//! transaction, so a failure leaves nothing behind.

use std::collections::{HashMap, HashSet};

use sqlx::{Row, Sqlite, Transaction};
use vigil_core::casefile::references;
use vigil_core::{name, CaseFile, FieldError, Record, RecordId, RecordKind};
use vigil_store::{seal, Change, Operation, Result, Revision, StoreError};

use crate::{backend, SqliteStore};

type Tx<'c> = Transaction<'c, Sqlite>;

/// What a record with a given id is, if any: its kind and whether deleted.
async fn existing(tx: &mut Tx<'_>, id: &RecordId) -> Result<Option<(RecordKind, bool)>> {
    let row = sqlx::query("SELECT kind, deleted FROM records WHERE id = ?")
        .bind(id.as_str())
        .fetch_optional(&mut **tx)
        .await
        .map_err(backend)?;
    match row {
        None => Ok(None),
        Some(row) => {
            let kind: String = row.try_get("kind").map_err(backend)?;
            let deleted: i64 = row.try_get("deleted").map_err(backend)?;
            let kind = kind.parse::<RecordKind>().map_err(backend)?;
            Ok(Some((kind, deleted != 0)))
        }
    }
}

/// Checks a record against the rest of the case file: references resolve to
/// live records of the right kind; excerpts quote their sources verbatim.
/// `texts` caches source texts across the records of one import.
async fn check_against_store(
    store: &SqliteStore,
    tx: &mut Tx<'_>,
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
        let row = sqlx::query("SELECT id, data, sealed FROM records WHERE id = ? AND kind = 'source' AND deleted = 0")
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

/// An event's type and the first and last day its date may mean.
fn event_columns(record: &Record) -> (Option<&'static str>, Option<String>, Option<String>) {
    match record {
        Record::Event(e) => (
            Some(e.event_type.as_str()),
            Some(vigil_core::date::format_day(e.date.earliest())),
            Some(vigil_core::date::format_day(e.date.latest())),
        ),
        _ => (None, None, None),
    }
}

/// Writes a record's row (`stored`: the record sealed) and what indexes it.
async fn write_row(tx: &mut Tx<'_>, record: &Record, fresh: bool, stored: &seal::Stored) -> Result<()> {
    let public = record.redacted();
    let (event_type, earliest, latest) = event_columns(record);
    let sql = if fresh {
        "INSERT INTO records (id, kind, data, sealed, sort_key, confidential, event_type, date_earliest, date_latest, deleted) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0)"
    } else {
        "UPDATE records SET kind = ?2, data = ?3, sealed = ?4, sort_key = ?5, confidential = ?6, event_type = ?7, \
         date_earliest = ?8, date_latest = ?9, deleted = 0 WHERE id = ?1"
    };
    sqlx::query(sql)
        .bind(record.id().as_str())
        .bind(record.kind().as_str())
        .bind(stored.public.as_deref())
        .bind(stored.sealed.as_deref())
        .bind(sort_key(public.as_ref()))
        .bind(record.is_confidential() as i64)
        .bind(event_type)
        .bind(earliest)
        .bind(latest)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    if !fresh {
        clear_index(tx, record.id()).await?;
    }
    // Only names the public may see are indexed in the clear.
    let names: Vec<&str> = match &public {
        Some(Record::Person(p)) => p.names().collect(),
        Some(Record::Organisation(o)) => o.names().collect(),
        _ => Vec::new(),
    };
    for n in names {
        sqlx::query("INSERT INTO record_names (record_id, folded) VALUES (?, ?)")
            .bind(record.id().as_str())
            .bind(name::fold(n))
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    let public_refs: Vec<(String, RecordId)> = public
        .as_ref()
        .map(|p| p.references().into_iter().map(|r| (r.field, r.id.clone())).collect())
        .unwrap_or_default();
    for reference in record.references() {
        let is_public = public_refs
            .iter()
            .any(|(f, id)| *f == reference.field && id == reference.id);
        // The field without its index: "participants", "excerpts", ...
        let field = reference.field.split(['[', '.']).next().unwrap_or_default();
        sqlx::query("INSERT INTO links (from_id, to_id, field, public) VALUES (?, ?, ?, ?)")
            .bind(record.id().as_str())
            .bind(reference.id.as_str())
            .bind(field)
            .bind(is_public as i64)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    Ok(())
}

async fn clear_index(tx: &mut Tx<'_>, id: &RecordId) -> Result<()> {
    for sql in [
        "DELETE FROM record_names WHERE record_id = ?",
        "DELETE FROM links WHERE from_id = ?",
    ] {
        sqlx::query(sql)
            .bind(id.as_str())
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    Ok(())
}

/// Appends a revision holding `stored` (the record sealed).
async fn append_revision(
    tx: &mut Tx<'_>,
    record: &Record,
    operation: Operation,
    change: &Change,
    stored: &seal::Stored,
) -> Result<Revision> {
    let at = vigil_store::now();
    let at_text = at
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(backend)?;
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO revisions (record_id, kind, operation, author, at, reason, data, sealed) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
    )
    .bind(record.id().as_str())
    .bind(record.kind().as_str())
    .bind(operation.as_str())
    .bind(&change.author)
    .bind(&at_text)
    .bind(change.reason.as_deref())
    .bind(stored.public.as_deref())
    .bind(stored.sealed.as_deref())
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
    store: &SqliteStore,
    tx: &mut Tx<'_>,
    record: &Record,
    change: &Change,
    texts: &mut HashMap<RecordId, String>,
    taken: Option<&HashSet<RecordId>>,
) -> Result<Revision> {
    record.validate().map_err(StoreError::Invalid)?;
    let is_taken = match taken {
        Some(taken) => taken.contains(record.id()),
        None => existing(tx, record.id()).await?.is_some(),
    };
    if is_taken {
        return Err(StoreError::Conflict(record.id().clone()));
    }
    check_against_store(store, tx, record, texts).await?;
    // Sealed once for the row and its revision (the text is most of a source).
    let stored = seal::seal(&store.key, record)?;
    write_row(tx, record, true, &stored).await?;
    append_revision(tx, record, Operation::Create, change, &stored).await
}

pub(crate) async fn create(store: &SqliteStore, record: Record, change: &Change) -> Result<Revision> {
    let mut tx = store.writer.begin().await.map_err(backend)?;
    let rev = create_in(store, &mut tx, &record, change, &mut HashMap::new(), None).await?;
    tx.commit().await.map_err(backend)?;
    Ok(rev)
}

/// Replaces a record's state: a live record's for an update, a live or
/// deleted one's for a restore.
async fn replace(store: &SqliteStore, record: &Record, operation: Operation, change: &Change) -> Result<Revision> {
    let mut tx = store.writer.begin().await.map_err(backend)?;
    match existing(&mut tx, record.id()).await? {
        Some((kind, deleted)) if kind == record.kind() && (!deleted || operation == Operation::Restore) => {}
        Some((kind, false)) if kind != record.kind() => {
            return Err(StoreError::wrong_kind(record.id(), record.kind(), kind))
        }
        _ => return Err(StoreError::not_found(record.id())),
    }
    record.validate().map_err(StoreError::Invalid)?;
    check_against_store(store, &mut tx, record, &mut HashMap::new()).await?;
    let stored = seal::seal(&store.key, record)?;
    write_row(&mut tx, record, false, &stored).await?;
    let rev = append_revision(&mut tx, record, operation, change, &stored).await?;
    if record.has_confidential_content() {
        reseal_history(store, &mut tx, record).await?;
    }
    tx.commit().await.map_err(backend)?;
    Ok(rev)
}

/// Once a record bears confidentiality marks, its earlier revisions are
/// stored under them too: what was entered in the clear before a field was
/// marked confidential does not stay readable in the file.
async fn reseal_history(store: &SqliteStore, tx: &mut Tx<'_>, now: &Record) -> Result<()> {
    let rows = sqlx::query("SELECT seq, data, sealed FROM revisions WHERE record_id = ? ORDER BY seq")
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
        sqlx::query("UPDATE revisions SET data = ?, sealed = ? WHERE seq = ?")
            .bind(stored.public)
            .bind(stored.sealed)
            .bind(seq)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    Ok(())
}

pub(crate) async fn update(store: &SqliteStore, record: Record, change: &Change) -> Result<Revision> {
    replace(store, &record, Operation::Update, change).await
}

pub(crate) async fn restore(store: &SqliteStore, id: &RecordId, seq: i64, change: &Change) -> Result<Revision> {
    let row = sqlx::query("SELECT record_id AS id, data, sealed FROM revisions WHERE record_id = ? AND seq = ?")
        .bind(id.as_str())
        .bind(seq)
        .fetch_optional(&store.reader)
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

pub(crate) async fn delete(store: &SqliteStore, id: &RecordId, change: &Change) -> Result<Revision> {
    let mut tx = store.writer.begin().await.map_err(backend)?;
    let row = sqlx::query("SELECT id, data, sealed FROM records WHERE id = ? AND deleted = 0")
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
        "SELECT DISTINCT from_id FROM links WHERE to_id = ? AND from_id <> ? ORDER BY from_id LIMIT 20",
    )
    .bind(id.as_str())
    .bind(id.as_str())
    .fetch_all(&mut *tx)
    .await
    .map_err(backend)?;
    if !by.is_empty() {
        let by = by.iter().filter_map(|s| RecordId::parse(s).ok()).collect();
        return Err(StoreError::Referenced { id: id.clone(), by });
    }
    sqlx::query("UPDATE records SET deleted = 1 WHERE id = ?")
        .bind(id.as_str())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    clear_index(&mut tx, id).await?;
    let stored = seal::seal(&store.key, &record)?;
    let rev = append_revision(&mut tx, &record, Operation::Delete, change, &stored).await?;
    tx.commit().await.map_err(backend)?;
    Ok(rev)
}

pub(crate) async fn import(store: &SqliteStore, case_file: &CaseFile, change: &Change) -> Result<usize> {
    let records = case_file.records();
    let mut tx = store.writer.begin().await.map_err(backend)?;
    create_each(store, &mut tx, records.iter().map(|r| (r, change))).await?;
    tx.commit().await.map_err(backend)?;
    Ok(records.len())
}

pub(crate) async fn create_all(store: &SqliteStore, records: &[(Record, Change)]) -> Result<Vec<Revision>> {
    let mut tx = store.writer.begin().await.map_err(backend)?;
    let revisions = create_each(store, &mut tx, records.iter().map(|(r, c)| (r, c))).await?;
    tx.commit().await.map_err(backend)?;
    Ok(revisions)
}

/// Creates each record in `tx`, naming the record in a field error.
async fn create_each<'a>(
    store: &SqliteStore,
    tx: &mut Tx<'_>,
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
            let stored = seal::seal(&store.key, record)?;
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
/// references, no excerpts (a source, typically) — checked and sealed,
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
}

/// Records a statement (ten parameters a row; SQLite takes 32,766).
const PLAIN_CHUNK: usize = 200;

/// Writes the waiting plain records, rows and revisions, a few statements
/// for many records (a batch of ingested sources: one round trip to
/// SQLite each rather than two a source), and puts their revisions in
/// their places.
async fn write_plain(tx: &mut Tx<'_>, plain: &mut Vec<Plain<'_>>, revisions: &mut [Option<Revision>]) -> Result<()> {
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
        let at_text = at
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(backend)?;
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
