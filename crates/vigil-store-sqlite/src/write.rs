//! Writes: each one checked whole, then written with its revision in one
//! transaction, so a failure leaves nothing behind.

use std::collections::HashMap;

use sqlx::{Row, Sqlite, SqlitePool, Transaction};
use vigil_core::{name, CaseFile, FieldError, Record, RecordId, RecordKind};
use vigil_store::{Change, Operation, Result, Revision, StoreError};

use crate::{backend, decode, kind_of};

type Tx<'c> = Transaction<'c, Sqlite>;

/// What a live record with a given id is, if any.
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
            Ok(Some((kind_of(&kind)?, deleted != 0)))
        }
    }
}

/// Checks a record against the rest of the case file: references resolve to
/// live records of the right kind; excerpts quote their sources verbatim.
/// `texts` caches source texts across the records of one import.
async fn check_against_store(
    tx: &mut Tx<'_>,
    record: &Record,
    texts: &mut HashMap<RecordId, String>,
) -> Result<()> {
    let mut errors = Vec::new();
    for reference in record.references() {
        match existing(tx, reference.id).await? {
            Some((kind, false)) if reference.kinds.contains(&kind) => {}
            Some((kind, false)) => errors.push(FieldError::new(
                reference.field,
                format!(
                    "'{}' is a {kind}, not a {}",
                    reference.id, reference.kinds[0]
                ),
            )),
            _ => errors.push(FieldError::new(
                reference.field,
                format!("no record '{}'", reference.id),
            )),
        }
    }
    for (i, excerpt) in record.excerpts().iter().enumerate() {
        if !texts.contains_key(&excerpt.source_id) {
            let data: Option<String> = sqlx::query_scalar(
                "SELECT data FROM records WHERE id = ? AND kind = 'source' AND deleted = 0",
            )
            .bind(excerpt.source_id.as_str())
            .fetch_optional(&mut **tx)
            .await
            .map_err(backend)?;
            match data.map(|d| decode(&d)).transpose()? {
                Some(Record::Source(s)) => {
                    texts.insert(s.id.clone(), s.text);
                }
                _ => continue, // already reported as a missing reference
            }
        }
        if let Some(text) = texts.get(&excerpt.source_id) {
            if !excerpt.matches(text) {
                errors.push(FieldError::new(
                    format!("excerpts[{i}]"),
                    format!(
                        "the quoted text does not occur at bytes {}..{} of source '{}'",
                        excerpt.start, excerpt.end, excerpt.source_id
                    ),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(errors))
    }
}

/// The columns lists sort and filter on.
fn sort_key(record: &Record) -> String {
    match record {
        Record::Event(e) => format!(
            "{}|{}",
            vigil_core::date::format_day(e.date.earliest()),
            e.id
        ),
        Record::Source(s) => name::fold(&s.title),
        other => name::fold(other.title()),
    }
}

async fn write_row(tx: &mut Tx<'_>, record: &Record, fresh: bool) -> Result<()> {
    let data = serde_json::to_string(record).map_err(backend)?;
    let (event_type, earliest, latest) = match record {
        Record::Event(e) => (
            Some(e.event_type.as_str()),
            Some(vigil_core::date::format_day(e.date.earliest())),
            Some(vigil_core::date::format_day(e.date.latest())),
        ),
        _ => (None, None, None),
    };
    let sql = if fresh {
        "INSERT INTO records (id, kind, data, sort_key, confidential, event_type, date_earliest, date_latest, deleted) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0)"
    } else {
        "UPDATE records SET kind = ?2, data = ?3, sort_key = ?4, confidential = ?5, event_type = ?6, \
         date_earliest = ?7, date_latest = ?8, deleted = 0 WHERE id = ?1"
    };
    sqlx::query(sql)
        .bind(record.id().as_str())
        .bind(record.kind().as_str())
        .bind(data)
        .bind(sort_key(record))
        .bind(record.is_confidential() as i64)
        .bind(event_type)
        .bind(earliest)
        .bind(latest)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    clear_index(tx, record.id()).await?;
    let names: Vec<&str> = match record {
        Record::Person(p) => p.names().collect(),
        Record::Organisation(o) => o.names().collect(),
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
    for reference in record.references() {
        // The field without its index: "participants", "excerpts", ...
        let field = reference.field.split(['[', '.']).next().unwrap_or_default();
        sqlx::query("INSERT INTO links (from_id, to_id, field) VALUES (?, ?, ?)")
            .bind(record.id().as_str())
            .bind(reference.id.as_str())
            .bind(field)
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

async fn append_revision(
    tx: &mut Tx<'_>,
    record: &Record,
    operation: Operation,
    change: &Change,
) -> Result<Revision> {
    let at = time::OffsetDateTime::now_utc();
    let at_text = at
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(backend)?;
    let data = serde_json::to_string(record).map_err(backend)?;
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO revisions (record_id, kind, operation, author, at, reason, data) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq",
    )
    .bind(record.id().as_str())
    .bind(record.kind().as_str())
    .bind(operation.as_str())
    .bind(&change.author)
    .bind(&at_text)
    .bind(change.reason.as_deref())
    .bind(data)
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
    tx: &mut Tx<'_>,
    record: &Record,
    change: &Change,
    texts: &mut HashMap<RecordId, String>,
) -> Result<Revision> {
    record.validate().map_err(StoreError::Invalid)?;
    if existing(tx, record.id()).await?.is_some() {
        return Err(StoreError::Conflict(record.id().clone()));
    }
    check_against_store(tx, record, texts).await?;
    write_row(tx, record, true).await?;
    append_revision(tx, record, Operation::Create, change).await
}

pub(crate) async fn create(pool: &SqlitePool, record: Record, change: &Change) -> Result<Revision> {
    let mut tx = pool.begin().await.map_err(backend)?;
    let rev = create_in(&mut tx, &record, change, &mut HashMap::new()).await?;
    tx.commit().await.map_err(backend)?;
    Ok(rev)
}

pub(crate) async fn update(pool: &SqlitePool, record: Record, change: &Change) -> Result<Revision> {
    let mut tx = pool.begin().await.map_err(backend)?;
    match existing(&mut tx, record.id()).await? {
        Some((kind, false)) if kind == record.kind() => {}
        Some((kind, false)) => {
            return Err(StoreError::wrong_kind(record.id(), record.kind(), kind))
        }
        _ => return Err(StoreError::not_found(record.id())),
    }
    record.validate().map_err(StoreError::Invalid)?;
    check_against_store(&mut tx, &record, &mut HashMap::new()).await?;
    write_row(&mut tx, &record, false).await?;
    let rev = append_revision(&mut tx, &record, Operation::Update, change).await?;
    tx.commit().await.map_err(backend)?;
    Ok(rev)
}

pub(crate) async fn delete(pool: &SqlitePool, id: &RecordId, change: &Change) -> Result<Revision> {
    let mut tx = pool.begin().await.map_err(backend)?;
    let data: Option<String> =
        sqlx::query_scalar("SELECT data FROM records WHERE id = ? AND deleted = 0")
            .bind(id.as_str())
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?;
    let record = decode(&data.ok_or_else(|| StoreError::not_found(id))?)?;
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
    let rev = append_revision(&mut tx, &record, Operation::Delete, change).await?;
    tx.commit().await.map_err(backend)?;
    Ok(rev)
}

pub(crate) async fn import(
    pool: &SqlitePool,
    case_file: &CaseFile,
    change: &Change,
) -> Result<usize> {
    let mut tx = pool.begin().await.map_err(backend)?;
    let mut texts = HashMap::new();
    let records = case_file.records();
    for record in &records {
        create_in(&mut tx, record, change, &mut texts)
            .await
            .map_err(|e| match e {
                // Name the record whose field is wrong.
                StoreError::Invalid(errors) => StoreError::Invalid(
                    errors
                        .into_iter()
                        .map(|f| FieldError::new(format!("{}.{}", record.id(), f.field), f.message))
                        .collect(),
                ),
                other => other,
            })?;
    }
    tx.commit().await.map_err(backend)?;
    Ok(records.len())
}
