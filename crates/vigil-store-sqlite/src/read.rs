//! Reads, always as a given visibility may see them.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};
use vigil_core::{name, Case, CaseFile, Event, Organisation, Person, Record, RecordId, RecordKind, Source};
use vigil_store::{
    Change, Counts, EventFilter, Listing, NameQuery, Operation, Page, Result, Revision, Store, StoreError, Visibility,
};

use crate::{backend, write, SqliteStore};

/// The ids of confidential records: what the public may not even see
/// referred to.
pub(crate) type Hidden = std::collections::HashSet<RecordId>;

/// Which of `ids` a record (live or deleted) has: one statement, the ids
/// handed over as one JSON array.
pub(crate) async fn taken_among<'e>(
    executor: impl sqlx::SqliteExecutor<'e>,
    ids: &[&str],
) -> Result<HashSet<RecordId>> {
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    let rows: Vec<String> = sqlx::query_scalar("SELECT id FROM records WHERE id IN (SELECT value FROM json_each(?))")
        .bind(serde_json::to_string(ids).map_err(backend)?)
        .fetch_all(executor)
        .await
        .map_err(backend)?;
    rows.iter().map(|s| RecordId::parse(s).map_err(backend)).collect()
}

/// The record as `visibility` may see it; `None` when it may not.
pub(crate) fn as_seen(record: Record, visibility: Visibility, hidden: &Hidden) -> Option<Record> {
    if visibility.includes_confidential() {
        Some(record)
    } else {
        record.redacted().map(|r| r.without_references_to(hidden))
    }
}

impl SqliteStore {
    /// What `visibility` may not see referred to (nothing, for those who
    /// may see everything).
    pub(crate) async fn hidden(&self, visibility: Visibility) -> Result<Hidden> {
        if visibility.includes_confidential() {
            return Ok(Hidden::new());
        }
        let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM records WHERE confidential = 1 AND deleted = 0")
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?;
        Ok(ids.iter().filter_map(|i| RecordId::parse(i).ok()).collect())
    }

    fn record_from_row(&self, row: &SqliteRow) -> Result<Record> {
        let id: String = row.try_get("id").map_err(backend)?;
        self.unseal(
            &id,
            row.try_get("data").map_err(backend)?,
            row.try_get("sealed").map_err(backend)?,
        )
    }

    fn revision_from_row(&self, row: &SqliteRow) -> Result<Revision> {
        let at: String = row.try_get("at").map_err(backend)?;
        let operation: String = row.try_get("operation").map_err(backend)?;
        let id: String = row.try_get("record_id").map_err(backend)?;
        let kind: String = row.try_get("kind").map_err(backend)?;
        Ok(Revision {
            seq: row.try_get("seq").map_err(backend)?,
            record_id: RecordId::parse(&id).map_err(backend)?,
            kind: RecordKind::from_str(&kind).map_err(backend)?,
            operation: Operation::parse(&operation)
                .ok_or_else(|| StoreError::Backend(format!("unknown operation '{operation}' in history").into()))?,
            author: row.try_get("author").map_err(backend)?,
            at: time::OffsetDateTime::parse(&at, &time::format_description::well_known::Rfc3339).map_err(backend)?,
            reason: row.try_get("reason").map_err(backend)?,
            record: self.unseal(
                &id,
                row.try_get("data").map_err(backend)?,
                row.try_get("sealed").map_err(backend)?,
            )?,
        })
    }

    /// A page of live records of one kind, filtered by `extra`, as
    /// `visibility` sees them.
    async fn list<T>(
        &self,
        kind: RecordKind,
        visibility: Visibility,
        page: Page,
        extra: impl Fn(&mut QueryBuilder<'_, Sqlite>),
        order: &str,
        pick: fn(Record) -> Option<T>,
    ) -> Result<Listing<T>> {
        let live = |qb: &mut QueryBuilder<'_, Sqlite>| {
            qb.push(" FROM records r WHERE r.kind = ")
                .push_bind(kind.as_str())
                .push(" AND r.deleted = 0");
            if !visibility.includes_confidential() {
                qb.push(" AND r.confidential = 0");
            }
            extra(qb);
        };
        let mut count = QueryBuilder::new("SELECT COUNT(*)");
        live(&mut count);
        let total: i64 = count
            .build_query_scalar()
            .fetch_one(&self.reader)
            .await
            .map_err(backend)?;

        let mut q = QueryBuilder::new("SELECT r.id, r.data, r.sealed");
        live(&mut q);
        q.push(" ORDER BY ")
            .push(order)
            .push(" LIMIT ")
            .push_bind(page.limit() as i64)
            .push(" OFFSET ")
            .push_bind(page.offset() as i64);
        let rows = q.build().fetch_all(&self.reader).await.map_err(backend)?;
        let hidden = self.hidden(visibility).await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in &rows {
            if let Some(item) = as_seen(self.record_from_row(row)?, visibility, &hidden).and_then(pick) {
                items.push(item);
            }
        }
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
        names: fn(&Record) -> Vec<&str>,
        pick: fn(Record) -> Option<T>,
    ) -> Result<Listing<T>> {
        let Some(text) = &query.text else {
            return self
                .list(kind, query.visibility, page, |_| {}, "r.sort_key, r.id", pick)
                .await;
        };
        let folded = name::fold(text);
        if query.visibility.includes_confidential() {
            return self.by_sealed_name(kind, &folded, page, names, pick).await;
        }
        self.list(
            kind,
            query.visibility,
            page,
            |qb| {
                // Folded text holds only [a-z0-9 ], so no LIKE wildcard can
                // come from the query; an empty fold matches nothing.
                qb.push(" AND EXISTS (SELECT 1 FROM record_names n WHERE n.record_id = r.id AND n.folded LIKE ")
                    .push_bind(if folded.is_empty() {
                        "\u{1}".to_owned()
                    } else {
                        format!("%{folded}%")
                    })
                    .push(")");
            },
            "r.sort_key, r.id",
            pick,
        )
        .await
    }

    /// Name queries for those who may read confidential names: these are
    /// sealed, so they are matched here, after unsealing, not in SQL.
    async fn by_sealed_name<T>(
        &self,
        kind: RecordKind,
        folded: &str,
        page: Page,
        names: fn(&Record) -> Vec<&str>,
        pick: fn(Record) -> Option<T>,
    ) -> Result<Listing<T>> {
        let rows =
            sqlx::query("SELECT id, data, sealed FROM records WHERE kind = ? AND deleted = 0 ORDER BY sort_key, id")
                .bind(kind.as_str())
                .fetch_all(&self.reader)
                .await
                .map_err(backend)?;
        let mut matching = Vec::new();
        for row in &rows {
            let record = self.record_from_row(row)?;
            if !folded.is_empty() && names(&record).iter().any(|n| name::fold(n).contains(folded)) {
                matching.push(record);
            }
        }
        let total = matching.len() as u64;
        let items = matching
            .into_iter()
            .skip(page.offset() as usize)
            .take(page.limit() as usize)
            .filter_map(pick)
            .collect();
        Ok(Listing { items, total })
    }
}

fn person_names(r: &Record) -> Vec<&str> {
    match r {
        Record::Person(p) => p.names().collect(),
        _ => Vec::new(),
    }
}

fn organisation_names(r: &Record) -> Vec<&str> {
    match r {
        Record::Organisation(o) => o.names().collect(),
        _ => Vec::new(),
    }
}

const REVISION_COLUMNS: &str = "seq, record_id, kind, operation, author, at, reason, data, sealed";

impl Store for SqliteStore {
    async fn create(&self, record: Record, change: &Change) -> Result<Revision> {
        write::create(self, record, change).await
    }

    async fn update(&self, record: Record, change: &Change) -> Result<Revision> {
        write::update(self, record, change).await
    }

    async fn delete(&self, id: &RecordId, change: &Change) -> Result<Revision> {
        write::delete(self, id, change).await
    }

    async fn restore(&self, id: &RecordId, seq: i64, change: &Change) -> Result<Revision> {
        write::restore(self, id, seq, change).await
    }

    async fn create_all(&self, records: &[(Record, Change)]) -> Result<Vec<Revision>> {
        write::create_all(self, records).await
    }

    async fn import(&self, case_file: &CaseFile, change: &Change) -> Result<usize> {
        write::import(self, case_file, change).await
    }

    async fn taken(&self, ids: &[RecordId]) -> Result<HashSet<RecordId>> {
        let ids: Vec<&str> = ids.iter().map(RecordId::as_str).collect();
        taken_among(&self.reader, &ids).await
    }

    async fn record(&self, id: &RecordId, visibility: Visibility) -> Result<Record> {
        let row = sqlx::query("SELECT id, data, sealed FROM records WHERE id = ? AND deleted = 0")
            .bind(id.as_str())
            .fetch_optional(&self.reader)
            .await
            .map_err(backend)?;
        let record = match row {
            Some(row) => self.record_from_row(&row)?,
            None => return Err(StoreError::not_found(id)),
        };
        as_seen(record, visibility, &self.hidden(visibility).await?).ok_or_else(|| StoreError::not_found(id))
    }

    async fn persons(&self, query: &NameQuery, page: Page) -> Result<Listing<Person>> {
        self.by_name(RecordKind::Person, query, page, person_names, |r| match r {
            Record::Person(p) => Some(p),
            _ => None,
        })
        .await
    }

    async fn organisations(&self, query: &NameQuery, page: Page) -> Result<Listing<Organisation>> {
        self.by_name(RecordKind::Organisation, query, page, organisation_names, |r| match r {
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
                    // Participants withheld from the public do not count
                    // for the public's filter either.
                    qb.push(" AND EXISTS (SELECT 1 FROM links l WHERE l.from_id = r.id AND l.field = 'participants' AND l.to_id = ")
                        .push_bind(who.as_str().to_owned());
                    if !filter.visibility.includes_confidential() {
                        qb.push(" AND l.public = 1 AND NOT EXISTS (SELECT 1 FROM records c WHERE c.id = l.to_id AND c.confidential = 1)");
                    }
                    qb.push(")");
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
            "SELECT r.id, r.data, r.sealed FROM records r WHERE r.deleted = 0 AND r.id IN (SELECT from_id FROM links WHERE to_id = ",
        );
        q.push_bind(id.as_str()).push(")");
        if !visibility.includes_confidential() {
            q.push(" AND r.confidential = 0");
        }
        q.push(" ORDER BY r.kind, r.date_earliest, r.sort_key, r.id");
        let rows = q.build().fetch_all(&self.reader).await.map_err(backend)?;
        let hidden = self.hidden(visibility).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let Some(seen) = as_seen(self.record_from_row(row)?, visibility, &hidden) else {
                continue;
            };
            // A reference the viewer cannot see (a withheld field) is not one.
            if seen.references().iter().any(|r| r.id == id) {
                out.push(seen);
            }
        }
        Ok(out)
    }

    async fn revisions(&self, id: &RecordId, visibility: Visibility) -> Result<Vec<Revision>> {
        let rows = sqlx::query(&format!(
            "SELECT {REVISION_COLUMNS} FROM revisions WHERE record_id = ? ORDER BY seq"
        ))
        .bind(id.as_str())
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?;
        let hidden = self.hidden(visibility).await?;
        let mut out = rows
            .iter()
            .map(|row| self.revision_from_row(row))
            .collect::<Result<Vec<_>>>()?;
        if !visibility.includes_confidential() {
            // Every state as the public sees the record now: a field marked
            // confidential since is withheld from the earlier ones too.
            let Some(now) = out.last().map(|r| r.record.clone()) else {
                return Ok(out);
            };
            for rev in &mut out {
                rev.record = rev
                    .record
                    .redacted_as_of_now(&now)
                    .map(|r| r.without_references_to(&hidden))
                    .ok_or_else(|| StoreError::not_found(id))?;
            }
        }
        Ok(out)
    }

    async fn changes_since(&self, seq: i64, limit: u32) -> Result<Vec<Revision>> {
        let rows = sqlx::query(&format!(
            "SELECT {REVISION_COLUMNS} FROM revisions WHERE seq > ? ORDER BY seq LIMIT ?"
        ))
        .bind(seq)
        .bind(limit as i64)
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?;
        rows.iter().map(|row| self.revision_from_row(row)).collect()
    }

    async fn case_file(&self, visibility: Visibility) -> Result<CaseFile> {
        let mut q = QueryBuilder::new("SELECT id, data, sealed FROM records WHERE deleted = 0");
        if !visibility.includes_confidential() {
            q.push(" AND confidential = 0");
        }
        q.push(" ORDER BY kind, date_earliest, sort_key, id");
        let rows = q.build().fetch_all(&self.reader).await.map_err(backend)?;
        let hidden = self.hidden(visibility).await?;
        let mut out = CaseFile::default();
        for row in &rows {
            if let Some(record) = as_seen(self.record_from_row(row)?, visibility, &hidden) {
                out.push(record);
            }
        }
        Ok(out)
    }

    async fn counts(&self, visibility: Visibility) -> Result<Counts> {
        let mut q = QueryBuilder::new("SELECT kind, COUNT(*) FROM records WHERE deleted = 0");
        if !visibility.includes_confidential() {
            q.push(" AND confidential = 0");
        }
        q.push(" GROUP BY kind");
        let rows: Vec<(String, i64)> = q.build_query_as().fetch_all(&self.reader).await.map_err(backend)?;
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
