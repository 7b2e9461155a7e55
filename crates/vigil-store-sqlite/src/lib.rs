//! The embedded default store: one SQLite file (WAL) in the data folder.
//!
//! Writes go through a pool of one connection, so SQLite's single writer
//! never meets a busy lock between two of ours; reads use their own pool
//! and see the last committed state. Migrations in `migrations/` are
//! embedded and run at open.

mod write;

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use vigil_core::{
    name, Case, CaseFile, Event, Organisation, Person, Record, RecordId, RecordKind, Source,
};
use vigil_store::{
    Change, Counts, EventFilter, Listing, NameQuery, Operation, Page, Result, Revision, Store,
    StoreError, Visibility,
};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A case file in one SQLite file.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    reader: SqlitePool,
    writer: SqlitePool,
}

fn backend(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::backend(e)
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` and brings
    /// its schema up to date.
    pub async fn open(path: &Path) -> Result<Self> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(std::time::Duration::from_secs(10));
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await
            .map_err(backend)?;
        MIGRATOR.run(&writer).await.map_err(backend)?;
        let reader = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(backend)?;
        Ok(Self { reader, writer })
    }

    /// Closes both pools, checkpointing the WAL.
    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }
}

fn kind_of(s: &str) -> Result<RecordKind> {
    RecordKind::from_str(s).map_err(backend)
}

fn decode(data: &str) -> Result<Record> {
    serde_json::from_str(data).map_err(backend)
}

fn decode_as<T>(data: &str, pick: fn(Record) -> Option<T>) -> Result<T> {
    pick(decode(data)?)
        .ok_or_else(|| StoreError::invalid("kind", "stored record of an unexpected kind"))
}

fn revision_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<Revision> {
    let at: String = row.try_get("at").map_err(backend)?;
    let operation: String = row.try_get("operation").map_err(backend)?;
    let id: String = row.try_get("record_id").map_err(backend)?;
    let data: String = row.try_get("data").map_err(backend)?;
    Ok(Revision {
        seq: row.try_get("seq").map_err(backend)?,
        record_id: RecordId::parse(&id).map_err(backend)?,
        kind: kind_of(row.try_get("kind").map_err(backend)?)?,
        operation: Operation::parse(&operation)
            .ok_or_else(|| StoreError::invalid("operation", "unknown operation in history"))?,
        author: row.try_get("author").map_err(backend)?,
        at: time::OffsetDateTime::parse(&at, &time::format_description::well_known::Rfc3339)
            .map_err(backend)?,
        reason: row.try_get("reason").map_err(backend)?,
        record: decode(&data)?,
    })
}

/// `WHERE` clauses shared by a list and its count.
fn push_live(qb: &mut QueryBuilder<'_, Sqlite>, kind: RecordKind, visibility: Visibility) {
    qb.push(" FROM records r WHERE r.kind = ")
        .push_bind(kind.as_str())
        .push(" AND r.deleted = 0");
    if !visibility.includes_confidential() {
        qb.push(" AND r.confidential = 0");
    }
}

impl SqliteStore {
    async fn list<T>(
        &self,
        kind: RecordKind,
        visibility: Visibility,
        page: Page,
        extra: impl Fn(&mut QueryBuilder<'_, Sqlite>),
        order: &str,
        pick: fn(Record) -> Option<T>,
    ) -> Result<Listing<T>> {
        let mut count = QueryBuilder::new("SELECT COUNT(*)");
        push_live(&mut count, kind, visibility);
        extra(&mut count);
        let total: i64 = count
            .build_query_scalar()
            .fetch_one(&self.reader)
            .await
            .map_err(backend)?;

        let mut q = QueryBuilder::new("SELECT r.data");
        push_live(&mut q, kind, visibility);
        extra(&mut q);
        q.push(" ORDER BY ")
            .push(order)
            .push(" LIMIT ")
            .push_bind(page.limit() as i64)
            .push(" OFFSET ")
            .push_bind(page.offset() as i64);
        let rows: Vec<String> = q
            .build_query_scalar()
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?;
        let items = rows
            .iter()
            .map(|d| decode_as(d, pick))
            .collect::<Result<Vec<T>>>()?;
        Ok(Listing {
            items,
            total: total as u64,
        })
    }

    async fn by_name<T>(
        &self,
        kind: RecordKind,
        query: &NameQuery,
        page: Page,
        pick: fn(Record) -> Option<T>,
    ) -> Result<Listing<T>> {
        let folded = query.text.as_deref().map(name::fold);
        self.list(
            kind,
            query.visibility,
            page,
            |qb| {
                if let Some(f) = &folded {
                    // Folded text holds only [a-z0-9 ], so no LIKE wildcard
                    // can come from the query; an empty fold matches nothing.
                    qb.push(" AND EXISTS (SELECT 1 FROM record_names n WHERE n.record_id = r.id AND n.folded LIKE ")
                        .push_bind(if f.is_empty() { String::from("\u{1}") } else { format!("%{f}%") })
                        .push(")");
                }
            },
            "r.sort_key, r.id",
            pick,
        )
        .await
    }
}

impl Store for SqliteStore {
    async fn create(&self, record: Record, change: &Change) -> Result<Revision> {
        write::create(&self.writer, record, change).await
    }

    async fn update(&self, record: Record, change: &Change) -> Result<Revision> {
        write::update(&self.writer, record, change).await
    }

    async fn delete(&self, id: &RecordId, change: &Change) -> Result<Revision> {
        write::delete(&self.writer, id, change).await
    }

    async fn import(&self, case_file: &CaseFile, change: &Change) -> Result<usize> {
        write::import(&self.writer, case_file, change).await
    }

    async fn record(&self, id: &RecordId) -> Result<Record> {
        let data: Option<String> =
            sqlx::query_scalar("SELECT data FROM records WHERE id = ? AND deleted = 0")
                .bind(id.as_str())
                .fetch_optional(&self.reader)
                .await
                .map_err(backend)?;
        match data {
            Some(d) => decode(&d),
            None => Err(StoreError::not_found(id)),
        }
    }

    async fn persons(&self, query: &NameQuery, page: Page) -> Result<Listing<Person>> {
        self.by_name(RecordKind::Person, query, page, |r| match r {
            Record::Person(p) => Some(p),
            _ => None,
        })
        .await
    }

    async fn organisations(&self, query: &NameQuery, page: Page) -> Result<Listing<Organisation>> {
        self.by_name(RecordKind::Organisation, query, page, |r| match r {
            Record::Organisation(o) => Some(o),
            _ => None,
        })
        .await
    }

    async fn events(&self, filter: &EventFilter, page: Page) -> Result<Listing<Event>> {
        let from = filter.from.map(vigil_core::date::format_day);
        let to = filter.to.map(vigil_core::date::format_day);
        self.list(
            RecordKind::Event,
            filter.visibility,
            page,
            |qb| {
                if let Some(t) = filter.event_type {
                    qb.push(" AND r.event_type = ").push_bind(t.as_str());
                }
                for who in [&filter.person, &filter.organisation].into_iter().flatten() {
                    qb.push(" AND EXISTS (SELECT 1 FROM links l WHERE l.from_id = r.id AND l.field = 'participants' AND l.to_id = ")
                        .push_bind(who.as_str().to_owned())
                        .push(")");
                }
                if let Some(from) = &from {
                    qb.push(" AND r.date_latest >= ").push_bind(from.clone());
                }
                if let Some(to) = &to {
                    qb.push(" AND r.date_earliest <= ").push_bind(to.clone());
                }
            },
            "r.date_earliest, r.date_latest DESC, r.id",
            |r| match r {
                Record::Event(e) => Some(e),
                _ => None,
            },
        )
        .await
    }

    async fn cases(&self, visibility: Visibility, page: Page) -> Result<Listing<Case>> {
        self.list(
            RecordKind::Case,
            visibility,
            page,
            |_| {},
            "r.sort_key, r.id",
            |r| match r {
                Record::Case(c) => Some(c),
                _ => None,
            },
        )
        .await
    }

    async fn sources(&self, visibility: Visibility, page: Page) -> Result<Listing<Source>> {
        self.list(
            RecordKind::Source,
            visibility,
            page,
            |_| {},
            "r.sort_key, r.id",
            |r| match r {
                Record::Source(s) => Some(s),
                _ => None,
            },
        )
        .await
    }

    async fn referring_to(&self, id: &RecordId, visibility: Visibility) -> Result<Vec<Record>> {
        let mut q = QueryBuilder::new(
            "SELECT r.data FROM records r WHERE r.deleted = 0 AND r.id IN (SELECT from_id FROM links WHERE to_id = ",
        );
        q.push_bind(id.as_str()).push(")");
        if !visibility.includes_confidential() {
            q.push(" AND r.confidential = 0");
        }
        q.push(" ORDER BY r.kind, r.date_earliest, r.sort_key, r.id");
        let rows: Vec<String> = q
            .build_query_scalar()
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?;
        rows.iter().map(|d| decode(d)).collect()
    }

    async fn revisions(&self, id: &RecordId) -> Result<Vec<Revision>> {
        let rows = sqlx::query(
            "SELECT seq, record_id, kind, operation, author, at, reason, data FROM revisions WHERE record_id = ? ORDER BY seq",
        )
        .bind(id.as_str())
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?;
        rows.iter().map(revision_from_row).collect()
    }

    async fn changes_since(&self, seq: i64, limit: u32) -> Result<Vec<Revision>> {
        let rows = sqlx::query(
            "SELECT seq, record_id, kind, operation, author, at, reason, data FROM revisions WHERE seq > ? ORDER BY seq LIMIT ?",
        )
        .bind(seq)
        .bind(limit as i64)
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?;
        rows.iter().map(revision_from_row).collect()
    }

    async fn counts(&self, visibility: Visibility) -> Result<Counts> {
        let mut q = QueryBuilder::new("SELECT kind, COUNT(*) FROM records WHERE deleted = 0");
        if !visibility.includes_confidential() {
            q.push(" AND confidential = 0");
        }
        q.push(" GROUP BY kind");
        let rows: Vec<(String, i64)> = q
            .build_query_as()
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?;
        let by_kind: HashMap<String, u64> = rows.into_iter().map(|(k, n)| (k, n as u64)).collect();
        let n = |k: RecordKind| by_kind.get(k.as_str()).copied().unwrap_or(0);
        Ok(Counts {
            persons: n(RecordKind::Person),
            organisations: n(RecordKind::Organisation),
            events: n(RecordKind::Event),
            cases: n(RecordKind::Case),
            sources: n(RecordKind::Source),
        })
    }
}
