//! Reads of the case file, always as a given visibility may see them:
//! the SQL of [`vigil_store::Store`]'s reads, and its writes handed to the
//! backend.

/// Implements [`vigil_store::Store`] for `$store` (a `$db` store with a
/// `key` and an `unseal` method): reads on the pool in field `$reader`;
/// writes by the functions of the backend's module `$writes` (in scope where the macro is called)
/// (`create`, `update`, `delete`, `restore`, `create_all`, `import`).
/// What the schemas keep differently, the backend converts: `$time_at`
/// reads a time column (`fn(&Row, &str) -> Result<OffsetDateTime>`),
/// `$day` makes a day a value of the `date_*` columns, `$taken` finds
/// which ids a record has (`async fn(&Pool, &[&str]) -> Result<HashSet<RecordId>>`),
/// `$widest` is the statement that answers, from an index, how many days
/// the widest event date spans (as a floating-point number, NULL when
/// there is no event).
#[macro_export]
macro_rules! impl_store_reads {
    (
        $store:ty, $db:ty,
        reader = $reader:ident,
        writes = $writes:ident,
        time_at = $time_at:path,
        day = $day:path,
        taken = $taken:path,
        widest = $widest:expr $(,)?
    ) => {
        mod reads_impl {
            use std::collections::{HashMap, HashSet};
            use std::str::FromStr as _;

            use $crate::sqlx::{self, QueryBuilder, Row as _};
            use $crate::vigil_core::{
                name, Case, CaseFile, Event, Organisation, Person, Record, RecordId, RecordKind, RecordType, Source,
            };
            use $crate::vigil_store::{
                Change, Counts, EventFilter, Listing, NameQuery, Operation, Page, Result, Revision, Store, StoreError,
                Visibility,
            };

            use super::*;

            use $crate::be;

            /// The ids of confidential records: what the public may not
            /// even see referred to.
            type Hidden = HashSet<RecordId>;

            /// How a list finds its records: by the kind's indexes (in
            /// list order), or by the few ids its filter names.
            #[derive(Clone, Copy)]
            enum Via {
                Kind,
                Ids,
            }

            /// The status list's condition: the stretches, of the
            /// visibility asked, that hold on the day asked (with a
            /// restraint of the kind asked).
            fn status_lines_matching(qb: &mut QueryBuilder<'_, $db>, query: &$crate::vigil_store::StatusQuery) {
                let day = $day(query.as_of);
                qb.push(" FROM status_stretches s WHERE s.public = ")
                    .push_bind(!query.visibility.includes_confidential())
                    .push(" AND s.from_day <= ")
                    .push_bind(day.clone())
                    .push(" AND (s.to_day IS NULL OR s.to_day > ")
                    .push_bind(day)
                    .push(")");
                if let Some(k) = query.kind {
                    qb.push(" AND s.kinds LIKE ").push_bind(format!("% {} %", k.as_str()));
                }
            }

        impl $store {
            /// The lines of the status list in `rows` (person_id, sort_key,
            /// data, sealed), as their visibility keeps them.
            fn status_lines(
                &self,
                rows: &[<$db as sqlx::Database>::Row],
                query: &$crate::vigil_store::StatusQuery,
            ) -> Result<Vec<$crate::vigil_store::StatusLine>> {
                use $crate::vigil_store::{StatusCursor, StatusLine, StoredStretch};
                let public = !query.visibility.includes_confidential();
                let mut items = Vec::with_capacity(rows.len());
                for row in rows {
                    let person: String = row.try_get("person_id").map_err(be)?;
                    let stored: StoredStretch = if public {
                        let data: Option<String> = row.try_get("data").map_err(be)?;
                        $crate::serde_json::from_str(data.as_deref().unwrap_or("")).map_err(be)?
                    } else {
                        let sealed: Option<Vec<u8>> = row.try_get("sealed").map_err(be)?;
                        let plain = $crate::vigil_store::seal::open_bytes(
                            &self.key,
                            $crate::stretch_aad(&person).as_bytes(),
                            sealed.as_deref().unwrap_or_default(),
                        )?;
                        $crate::serde_json::from_slice(&plain).map_err(be)?
                    };
                    items.push(StatusLine {
                        name: stored.name,
                        status: $crate::vigil_core::PersonStatus {
                            person_id: RecordId::parse(&person).map_err(be)?,
                            as_of: query.as_of,
                            at_liberty: false,
                            restraints: stored.restraints,
                            steps: Vec::new(),
                        },
                        cursor: StatusCursor {
                            sort_key: row.try_get("sort_key").map_err(be)?,
                            person_id: person,
                        },
                    });
                }
                Ok(items)
            }

            /// The confidential records among those `records` refer to:
            /// what the public may not even see referred to. Read by id, so
            /// it costs the references, not the case file. A confidential
            /// record stays hidden once deleted: the histories of the
            /// records that named it must not show its id.
            pub(crate) async fn hidden_among(&self, records: &[Record]) -> Result<Hidden> {
                let mut ids: Vec<&str> = records
                    .iter()
                    .flat_map(|r| r.references().into_iter().map(|x| x.id.as_str()))
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                let mut hidden = Hidden::new();
                for chunk in ids.chunks($crate::IN_LIST) {
                    let mut q = QueryBuilder::<$db>::new("SELECT id FROM records WHERE confidential AND id IN (");
                    $crate::push_in_list(&mut q, chunk.iter().copied());
                    let found: Vec<String> = q.build_query_scalar().fetch_all(&self.$reader).await.map_err(be)?;
                    hidden.extend(found.iter().filter_map(|i| RecordId::parse(i).ok()));
                }
                Ok(hidden)
            }

            /// `records` as `visibility` may see them, in order: for the
            /// public, each one's redacted form (those wholly confidential
            /// left out) without its references to confidential records.
            async fn seen(&self, records: Vec<Record>, visibility: Visibility) -> Result<Vec<Record>> {
                if visibility.includes_confidential() {
                    return Ok(records);
                }
                let redacted: Vec<Record> = records.iter().filter_map(Record::redacted).collect();
                let hidden = self.hidden_among(&redacted).await?;
                Ok(redacted
                    .into_iter()
                    .map(|r| r.without_references_to(&hidden))
                    .collect())
            }

            /// A count per kind (by kind's name): `select` gives a kind
            /// and its count per row, and `public` is the condition added
            /// when `visibility` leaves confidential records out.
            async fn by_kind(
                &self,
                select: &str,
                public: &str,
                visibility: Visibility,
            ) -> Result<HashMap<String, u64>> {
                let mut q = QueryBuilder::new(select);
                if !visibility.includes_confidential() {
                    q.push(public);
                }
                q.push(" GROUP BY kind");
                let rows: Vec<(String, i64)> = q.build_query_as().fetch_all(&self.$reader).await.map_err(be)?;
                Ok(rows.into_iter().map(|(k, n)| (k, n as u64)).collect())
            }

            /// The records of `rows` as `visibility` may see them.
            async fn seen_rows(
                &self,
                rows: &[<$db as sqlx::Database>::Row],
                visibility: Visibility,
            ) -> Result<Vec<Record>> {
                let records = rows
                    .iter()
                    .map(|row| self.record_from_row(row))
                    .collect::<Result<Vec<_>>>()?;
                self.seen(records, visibility).await
            }

            fn record_from_row(&self, row: &<$db as sqlx::Database>::Row) -> Result<Record> {
                let id: String = row.try_get("id").map_err(be)?;
                self.unseal(
                    &id,
                    row.try_get("data").map_err(be)?,
                    row.try_get("sealed").map_err(be)?,
                )
            }

            fn revision_from_row(&self, row: &<$db as sqlx::Database>::Row) -> Result<Revision> {
                let operation: String = row.try_get("operation").map_err(be)?;
                let id: String = row.try_get("record_id").map_err(be)?;
                let kind: String = row.try_get("kind").map_err(be)?;
                Ok(Revision {
                    seq: row.try_get("seq").map_err(be)?,
                    record_id: RecordId::parse(&id).map_err(be)?,
                    kind: RecordKind::from_str(&kind).map_err(be)?,
                    operation: Operation::parse(&operation)
                        .ok_or_else(|| StoreError::Backend(format!("unknown operation '{operation}' in history").into()))?,
                    author: row.try_get("author").map_err(be)?,
                    at: $time_at(row, "at")?,
                    reason: row.try_get("reason").map_err(be)?,
                    record: self.unseal(
                        &id,
                        row.try_get("data").map_err(be)?,
                        row.try_get("sealed").map_err(be)?,
                    )?,
                    formerly: self.formerly(&id, row.try_get("formerly").map_err(be)?)?,
                })
            }

            /// The id a record had before the write of a revision gave it
            /// `id` (`formerly`, sealed), if it did.
            fn formerly(&self, id: &str, sealed: Option<Vec<u8>>) -> Result<Option<RecordId>> {
                let Some(sealed) = sealed else { return Ok(None) };
                let old = $crate::vigil_store::seal::open_bytes(&self.key, id.as_bytes(), &sealed)?;
                let old = String::from_utf8(old).map_err(be)?;
                RecordId::parse(&old).map(Some).map_err(be)
            }

            /// A page of live records of one kind, filtered by `extra`, as
            /// `visibility` sees them.
            async fn list<T: RecordType>(
                &self,
                visibility: Visibility,
                page: Page,
                extra: impl Fn(&mut QueryBuilder<'_, $db>),
                order: &str,
            ) -> Result<Listing<T>> {
                self.list_via(Via::Kind, visibility, page, extra, order).await
            }

            /// [`Self::list`], read `via` the kind's indexes or the ids
            /// `extra` names.
            async fn list_via<T: RecordType>(
                &self,
                via: Via,
                visibility: Visibility,
                page: Page,
                extra: impl Fn(&mut QueryBuilder<'_, $db>),
                order: &str,
            ) -> Result<Listing<T>> {
                let listing = self.list_in(T::KIND, via, visibility, page, extra, order).await?;
                Ok(Listing {
                    items: listing.items.into_iter().filter_map(T::from_record).collect(),
                    total: listing.total,
                })
            }

            /// [`Self::list`], of a kind named by value.
            async fn list_records(
                &self,
                kind: RecordKind,
                visibility: Visibility,
                page: Page,
                extra: impl Fn(&mut QueryBuilder<'_, $db>),
                order: &str,
            ) -> Result<Listing<Record>> {
                self.list_in(kind, Via::Kind, visibility, page, extra, order).await
            }

            async fn list_in(
                &self,
                kind: RecordKind,
                via: Via,
                visibility: Visibility,
                page: Page,
                extra: impl Fn(&mut QueryBuilder<'_, $db>),
                order: &str,
            ) -> Result<Listing<Record>> {
                let live = |qb: &mut QueryBuilder<'_, $db>| {
                    qb.push(match via {
                        Via::Kind => " FROM records r WHERE r.kind = ",
                        // Not a column the planner may read an index of:
                        // the kind's index (in list order) would be read
                        // whole, each row tested against the ids.
                        Via::Ids => " FROM records r WHERE r.kind || '' = ",
                    })
                    .push_bind(kind.as_str())
                        .push(" AND NOT r.deleted");
                    if !visibility.includes_confidential() {
                        qb.push(" AND NOT r.confidential");
                    }
                    extra(qb);
                };
                let mut q = QueryBuilder::new("SELECT r.id, r.data, r.sealed");
                live(&mut q);
                q.push(" ORDER BY ")
                    .push(order)
                    .push(" LIMIT ")
                    .push_bind(page.limit() as i64)
                    .push(" OFFSET ")
                    .push_bind(page.offset() as i64);
                let rows = q.build().fetch_all(&self.$reader).await.map_err(be)?;
                // A page the list ends on says how long the list is: counted
                // apart only when it does not (a person's events, nearly
                // always one page, were read twice: a person's page and
                // status spent a third of their steps counting them).
                let total: i64 = if (rows.len() as u32) < page.limit() && (page.offset() == 0 || !rows.is_empty()) {
                    i64::from(page.offset()) + rows.len() as i64
                } else {
                    let mut count = QueryBuilder::new("SELECT COUNT(*)");
                    live(&mut count);
                    count.build_query_scalar().fetch_one(&self.$reader).await.map_err(be)?
                };
                let items = self.seen_rows(&rows, visibility).await?;
                Ok(Listing {
                    items,
                    total: total as u64,
                })
            }

            /// Live records of the kinds that have a country and hold
            /// confidential content: a country withheld from the public is
            /// in no link, so those with the right look for it among these.
            /// The facts of `country`'s events as those with the right see
            /// them where the public sees them otherwise (or not at all):
            /// all of them, or those whose window holds `year`.
            async fn sealed_facts(&self, country: &str, year: Option<i32>) -> Result<Vec<$crate::vigil_core::RatedEvent>> {
                let tag = $crate::facts::country_tag(&self.key, country);
                let mut rows: Vec<(String, Vec<u8>)> = Vec::new();
                // As `rated_events` reads the public's rows.
                let queries: &[&str] = match year {
                    None => &["SELECT event_id, sealed FROM event_facts WHERE country_tag = $1"],
                    Some(_) => &[
                        "SELECT event_id, sealed FROM event_facts WHERE country_tag = $1 AND first_year = $2",
                        "SELECT event_id, sealed FROM event_facts WHERE country_tag = $1 \
                         AND first_year <> last_year AND last_year >= $2 AND first_year < $2",
                    ],
                };
                for sql in queries {
                    let mut q = sqlx::query_as(sql).bind(tag.as_str());
                    if let Some(y) = year {
                        q = q.bind(y);
                    }
                    rows.extend(q.fetch_all(&self.$reader).await.map_err(be)?);
                }
                let mut out = Vec::with_capacity(rows.len());
                for (id, sealed) in rows {
                    let facts = $crate::facts::open(&self.key, &id, &sealed)?;
                    // A keyed hash may meet another code's: the sealed code decides.
                    if facts.country.as_deref() == Some(country) {
                        out.push(facts);
                    }
                }
                Ok(out)
            }

            async fn sealed_with_country(&self) -> Result<Vec<RecordId>> {
                let ids: Vec<String> = sqlx::query_scalar(
                    "SELECT id FROM records WHERE NOT deleted AND sealed IS NOT NULL \
                     AND kind IN ('person', 'event', 'review', 'pledge')",
                )
                .fetch_all(&self.$reader)
                .await
                .map_err(be)?;
                Ok(ids.iter().filter_map(|i| RecordId::parse(i).ok()).collect())
            }

            async fn by_name<T: RecordType>(
                &self,
                query: &NameQuery,
                page: Page,
                names: fn(&T) -> Vec<&str>,
            ) -> Result<Listing<T>> {
                let Some(text) = &query.text else {
                    return self.list(query.visibility, page, |_| {}, "r.sort_key, r.id").await;
                };
                let folded = name::fold(text);
                if query.visibility.includes_confidential() {
                    return self.by_sealed_name(&folded, page, names).await;
                }
                self.list(
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
                )
                .await
            }

            /// Name queries for those who may read confidential names: these are
            /// sealed, so they are matched here, after unsealing, not in SQL.
            async fn by_sealed_name<T: RecordType>(
                &self,
                folded: &str,
                page: Page,
                names: fn(&T) -> Vec<&str>,
            ) -> Result<Listing<T>> {
                let rows =
                    sqlx::query("SELECT id, data, sealed FROM records WHERE kind = $1 AND NOT deleted ORDER BY sort_key, id")
                        .bind(T::KIND.as_str())
                        .fetch_all(&self.$reader)
                        .await
                        .map_err(be)?;
                let mut matching = Vec::new();
                for row in &rows {
                    let Some(record) = T::from_record(self.record_from_row(row)?) else {
                        continue;
                    };
                    if !folded.is_empty() && names(&record).iter().any(|n| name::fold(n).contains(folded)) {
                        matching.push(record);
                    }
                }
                Ok(Listing::paged(matching, page))
            }
        }

        fn person_names(p: &Person) -> Vec<&str> {
            p.names().collect()
        }

        fn organisation_names(o: &Organisation) -> Vec<&str> {
            o.names().collect()
        }

        const REVISION_COLUMNS: &str = "seq, record_id, kind, operation, author, at, reason, data, sealed, formerly";

        impl Store for $store {
            async fn create(&self, record: Record, change: &Change) -> Result<Revision> {
                $writes::create(self, record, change).await
            }

            async fn update(&self, record: Record, change: &Change) -> Result<Revision> {
                $writes::update(self, record, change).await
            }

            async fn delete(&self, id: &RecordId, change: &Change) -> Result<Revision> {
                $writes::delete(self, id, change, &[]).await
            }

            async fn delete_leaving(&self, id: &RecordId, change: &Change, leaving: &[RecordId]) -> Result<Revision> {
                $writes::delete(self, id, change, leaving).await
            }

            async fn restore(&self, id: &RecordId, seq: i64, change: &Change) -> Result<Revision> {
                $writes::restore(self, id, seq, change).await
            }

            async fn create_all(&self, records: &[(Record, Change)]) -> Result<Vec<Revision>> {
                $writes::create_all(self, records).await
            }

            async fn import(&self, case_file: &CaseFile, change: &Change) -> Result<usize> {
                $writes::import(self, case_file, change).await
            }

            async fn write_all(
                &self,
                creates: &[(Record, Change)],
                updates: &[(Record, Change)],
                dry_run: bool,
            ) -> Result<Vec<Revision>> {
                $writes::write_all(self, creates, updates, dry_run).await
            }

            async fn records_page(
                &self,
                kind: RecordKind,
                after: Option<&RecordId>,
                limit: u32,
                visibility: Visibility,
            ) -> Result<Vec<Record>> {
                let mut q = QueryBuilder::new("SELECT id, data, sealed FROM records WHERE kind = ");
                q.push_bind(kind.as_str()).push(" AND NOT deleted");
                if !visibility.includes_confidential() {
                    q.push(" AND NOT confidential");
                }
                if let Some(after) = after {
                    q.push(" AND id > ").push_bind(after.as_str().to_owned());
                }
                q.push(" ORDER BY id LIMIT ").push_bind(i64::from(limit));
                let rows = q.build().fetch_all(&self.$reader).await.map_err(be)?;
                if rows.is_empty() {
                    return Ok(Vec::new());
                }
                self.seen_rows(&rows, visibility).await
            }

            async fn counts_by_kind(&self, visibility: Visibility) -> Result<Vec<(RecordKind, u64)>> {
                let by_kind = self
                    .by_kind(
                        "SELECT kind, COUNT(*) FROM records WHERE NOT deleted",
                        " AND NOT confidential",
                        visibility,
                    )
                    .await?;
                Ok(RecordKind::ALL
                    .iter()
                    .map(|k| (*k, by_kind.get(k.as_str()).copied().unwrap_or(0)))
                    .collect())
            }

            async fn taken(&self, ids: &[RecordId]) -> Result<HashSet<RecordId>> {
                let ids: Vec<&str> = ids.iter().map(RecordId::as_str).collect();
                $taken(&self.$reader, &ids).await
            }

            async fn record(&self, id: &RecordId, visibility: Visibility) -> Result<Record> {
                let row = sqlx::query("SELECT id, data, sealed FROM records WHERE id = $1 AND NOT deleted")
                    .bind(id.as_str())
                    .fetch_optional(&self.$reader)
                    .await
                    .map_err(be)?;
                let record = match row {
                    Some(row) => self.record_from_row(&row)?,
                    None => return Err(StoreError::not_found(id)),
                };
                self.seen(vec![record], visibility)
                    .await?
                    .pop()
                    .ok_or_else(|| StoreError::not_found(id))
            }

            async fn persons(&self, query: &NameQuery, page: Page) -> Result<Listing<Person>> {
                self.by_name(query, page, person_names).await
            }

            async fn organisations(&self, query: &NameQuery, page: Page) -> Result<Listing<Organisation>> {
                self.by_name(query, page, organisation_names).await
            }

            async fn events(&self, filter: &EventFilter, page: Page) -> Result<Listing<Event>> {
                // An event is on or after `from` when its latest reading is;
                // its earliest is then at most the widest date's span
                // before `from`: a bound on the indexes' first date column,
                // so the list and its count read the events of the period
                // (and one widest span before it), not every earlier one.
                let earliest_from = match filter.from {
                    Some(from) => {
                        let widest: Option<f64> =
                            sqlx::query_scalar($widest).fetch_one(&self.$reader).await.map_err(be)?;
                        widest.map(|days| {
                            $day(from.saturating_sub($crate::time::Duration::days(days.max(0.0).ceil() as i64)))
                        })
                    }
                    None => None,
                };
                let from = filter.from.map($day);
                let to = filter.to.map($day);
                // A participant's events are read by their ids (from the
                // participant's links), not by a walk of every event in
                // list order: they cost that participant's events.
                let via = if filter.person.is_some() || filter.organisation.is_some() {
                    Via::Ids
                } else {
                    Via::Kind
                };
                self.list_via(
                    via,
                    filter.visibility,
                    page,
                    |qb| {
                        if let Some(t) = filter.event_type {
                            qb.push(match via {
                                Via::Kind => " AND r.event_type = ",
                                Via::Ids => " AND r.event_type || '' = ",
                            })
                            .push_bind(t.as_str());
                        }
                        for who in [&filter.person, &filter.organisation].into_iter().flatten() {
                            // Participants withheld from the public do not count
                            // for the public's filter either.
                            // Driven by the participant's links (an index on
                            // `to_id`), not by a scan of every event.
                            qb.push(" AND r.id IN (SELECT l.from_id FROM links l WHERE l.field = 'participants' AND l.to_id = ")
                                .push_bind(who.as_str().to_owned());
                            if !filter.visibility.includes_confidential() {
                                qb.push(" AND l.public AND NOT EXISTS (SELECT 1 FROM records c WHERE c.id = l.to_id AND c.confidential)");
                            }
                            qb.push(")");
                        }
                        if let Some(from) = &from {
                            qb.push(" AND r.date_latest >= ").push_bind(from.clone());
                        }
                        if let Some(bound) = &earliest_from {
                            qb.push(" AND r.date_earliest >= ").push_bind(bound.clone());
                        }
                        if let Some(to) = &to {
                            qb.push(" AND r.date_earliest <= ").push_bind(to.clone());
                        }
                    },
                    "r.date_earliest, r.date_latest, r.id",
                )
                .await
            }

            async fn cases(&self, visibility: Visibility, page: Page) -> Result<Listing<Case>> {
                self.list(visibility, page, |_| {}, "r.sort_key, r.id").await
            }

            async fn sources(&self, visibility: Visibility, page: Page) -> Result<Listing<Source>> {
                self.list(visibility, page, |_| {}, "r.sort_key, r.id").await
            }

            async fn referring_to(&self, id: &RecordId, visibility: Visibility) -> Result<Vec<Record>> {
                let mut q = QueryBuilder::new(
                    "SELECT r.id, r.data, r.sealed FROM records r WHERE NOT r.deleted AND r.id IN (SELECT from_id FROM links WHERE to_id = ",
                );
                q.push_bind(id.as_str()).push(")");
                if !visibility.includes_confidential() {
                    q.push(" AND NOT r.confidential");
                }
                q.push(" ORDER BY r.kind, r.date_earliest NULLS FIRST, r.sort_key, r.id");
                let rows = q.build().fetch_all(&self.$reader).await.map_err(be)?;
                let mut out = self.seen_rows(&rows, visibility).await?;
                // A reference the viewer cannot see (a withheld field) is not one.
                out.retain(|seen| seen.references().iter().any(|r| r.id == id));
                Ok(out)
            }

            async fn named_in_history(&self, id: &RecordId) -> Result<Vec<RecordId>> {
                // Ids are [a-z0-9-], so no LIKE wildcard comes from one; the
                // quotes make it a whole id, not a part of another.
                let quoted = format!("%\"{id}\"%");
                let found: Vec<String> = sqlx::query_scalar(
                    "SELECT from_id FROM links WHERE to_id = $1 AND from_id <> $1 \
                     UNION SELECT record_id FROM revisions WHERE record_id <> $1 AND data LIKE $2",
                )
                .bind(id.as_str())
                .bind(&quoted)
                .fetch_all(&self.$reader)
                .await
                .map_err(be)?;
                let mut out: Vec<RecordId> = found.iter().filter_map(|i| RecordId::parse(i).ok()).collect();
                out.sort_unstable();
                out.dedup();
                Ok(out)
            }

            async fn records(&self, ids: &[RecordId], visibility: Visibility) -> Result<Vec<Record>> {
                let mut out = Vec::with_capacity(ids.len());
                for chunk in ids.chunks($crate::IN_LIST) {
                    let mut q = QueryBuilder::new("SELECT id, data, sealed FROM records WHERE NOT deleted");
                    if !visibility.includes_confidential() {
                        q.push(" AND NOT confidential");
                    }
                    q.push(" AND id IN (");
                    $crate::push_in_list(&mut q, chunk.iter().map(|id| id.as_str()));
                    let rows = q.build().fetch_all(&self.$reader).await.map_err(be)?;
                    out.extend(self.seen_rows(&rows, visibility).await?);
                }
                out.sort_by(|a, b| a.id().cmp(b.id()));
                Ok(out)
            }

            async fn referring(&self, targets: &[RecordId], field: &str, visibility: Visibility) -> Result<Vec<Record>> {
                let mut ids: Vec<RecordId> = Vec::new();
                for chunk in targets.chunks($crate::IN_LIST) {
                    let mut q = QueryBuilder::new("SELECT DISTINCT from_id FROM links WHERE field = ");
                    q.push_bind(field).push(" AND to_id IN (");
                    $crate::push_in_list(&mut q, chunk.iter().map(|id| id.as_str()));
                    let found: Vec<String> = q.build_query_scalar().fetch_all(&self.$reader).await.map_err(be)?;
                    ids.extend(found.iter().filter_map(|i| RecordId::parse(i).ok()));
                }
                ids.sort_unstable();
                ids.dedup();
                let targets: HashSet<&RecordId> = targets.iter().collect();
                let mut out = self.records(&ids, visibility).await?;
                // A reference the viewer cannot see (a withheld field) is not one.
                out.retain(|r| {
                    r.references()
                        .iter()
                        .any(|x| x.field.split(['[', '.']).next() == Some(field) && targets.contains(x.id))
                });
                Ok(out)
            }

            async fn in_country(&self, country: &str, visibility: Visibility) -> Result<Vec<Record>> {
                let linked: Vec<String> =
                    sqlx::query_scalar(
                        // From the country's links to each record by its id,
                        // whatever the planner's statistics say (a join let
                        // SQLite walk every event for each link instead).
                        "SELECT l.from_id FROM links l WHERE l.field = 'country' AND l.to_id = $1 \
                         AND EXISTS (SELECT 1 FROM records r WHERE r.id = l.from_id AND NOT r.deleted \
                         AND r.kind IN ('person', 'event', 'review', 'pledge'))",
                    )
                        .bind(country)
                        .fetch_all(&self.$reader)
                        .await
                        .map_err(be)?;
                let mut ids: Vec<RecordId> = linked.iter().filter_map(|i| RecordId::parse(i).ok()).collect();
                if visibility.includes_confidential() {
                    ids.extend(self.sealed_with_country().await?);
                }
                ids.sort_unstable();
                ids.dedup();
                let mut out = self.records(&ids, visibility).await?;
                out.retain(|r| r.country() == Some(country));
                Ok(out)
            }

            async fn countries(&self, visibility: Visibility) -> Result<std::collections::BTreeMap<String, u64>> {
                let privileged = visibility.includes_confidential();
                // Events: the public's, from the sums kept by triggers
                // (migration 0021), not a walk of every country link.
                let rows: Vec<(String, i64)> =
                    sqlx::query_as("SELECT country, CAST(SUM(n) AS BIGINT) FROM event_fact_counts WHERE n > 0 GROUP BY country")
                        .fetch_all(&self.$reader)
                        .await
                        .map_err(be)?;
                let mut out: std::collections::BTreeMap<String, u64> =
                    rows.into_iter().map(|(c, n)| (c, n.max(0) as u64)).collect();
                if privileged {
                    // The events those with the right see otherwise: their
                    // public rows taken away, what they see added.
                    let sealed: Vec<(String, Vec<u8>)> =
                        sqlx::query_as("SELECT event_id, sealed FROM event_facts WHERE sealed IS NOT NULL")
                            .fetch_all(&self.$reader)
                            .await
                            .map_err(be)?;
                    for (id, blob) in &sealed {
                        if let Some(c) = $crate::facts::open(&self.key, id, blob)?.country {
                            *out.entry(c).or_default() += 1;
                        }
                    }
                    let ids: Vec<&str> = sealed.iter().map(|(id, _)| id.as_str()).collect();
                    for chunk in ids.chunks($crate::IN_LIST) {
                        let mut q = QueryBuilder::<$db>::new("SELECT country FROM event_facts WHERE public = ");
                        q.push_bind(true).push(" AND country IS NOT NULL AND event_id IN (");
                        $crate::push_in_list(&mut q, chunk.iter().copied());
                        for c in q.build_query_scalar::<String>().fetch_all(&self.$reader).await.map_err(be)? {
                            if let Some(n) = out.get_mut(&c) {
                                *n = n.saturating_sub(1);
                            }
                        }
                    }
                }
                // Reviews and pledges (few): their countries, with or
                // without events.
                for kind in [RecordKind::Review, RecordKind::Pledge] {
                    for r in self.records_of_kind(kind, visibility, Page::all()).await?.items {
                        if let Some(c) = r.country() {
                            out.entry(c.to_owned()).or_default();
                        }
                    }
                }
                Ok(out)
            }

            async fn rated_counts(
                &self,
                country: &str,
                visibility: Visibility,
            ) -> Result<Vec<$crate::vigil_core::RatedCount>> {
                use $crate::vigil_core::accountability::{RatedCount, RatedKey as Key};
                fn key_of<R: sqlx::Row>(row: &R) -> Result<Key>
                where
                    for<'c> &'c str: sqlx::ColumnIndex<R>,
                    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
                    for<'r> i32: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
                    for<'r> bool: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
                {
                    let event_type: String = row.try_get("event_type").map_err(be)?;
                    let related: String = row.try_get("related_types").map_err(be)?;
                    Ok((
                        row.try_get("first_year").map_err(be)?,
                        row.try_get("last_year").map_err(be)?,
                        event_type.parse().map_err(be)?,
                        row.try_get("union_victim").map_err(be)?,
                        $crate::facts::types_from_text(&related)?,
                    ))
                }
                // The public's sums, kept by triggers (migration 0021).
                let mut q = QueryBuilder::<$db>::new(
                    "SELECT first_year, last_year, event_type, union_victim, related_types, n \
                     FROM event_fact_counts WHERE n > 0 AND country = ",
                );
                q.push_bind(country);
                let mut sums: std::collections::BTreeMap<Key, i64> = std::collections::BTreeMap::new();
                for row in q.build().fetch_all(&self.$reader).await.map_err(be)? {
                    let n: i64 = row.try_get("n").map_err(be)?;
                    *sums.entry(key_of(&row)?).or_default() += n;
                }
                if visibility.includes_confidential() {
                    // Those with the right see some events otherwise (their
                    // sealed rows, few): each such event's public row, if
                    // any, taken away, and what they see of it added.
                    let sealed = self.sealed_facts(country, None).await?;
                    let ids: Vec<&str> = sealed.iter().map(|e| e.id.as_str()).collect();
                    for chunk in ids.chunks($crate::IN_LIST) {
                        let mut q = QueryBuilder::<$db>::new(
                            "SELECT first_year, last_year, event_type, union_victim, related_types FROM event_facts \
                             WHERE public = ",
                        );
                        // By their ids: `country` is written so that no
                        // index serves it, or the planner walks the
                        // country's rows testing each against the list (a
                        // country page's sums cost those with the right the
                        // country's every event).
                        q.push_bind(true).push(" AND country || '' = ").push_bind(country).push(" AND event_id IN (");
                        $crate::push_in_list(&mut q, chunk.iter().copied());
                        for row in q.build().fetch_all(&self.$reader).await.map_err(be)? {
                            *sums.entry(key_of(&row)?).or_default() -= 1;
                        }
                    }
                    for c in $crate::vigil_core::accountability::rated_counts(&sealed) {
                        *sums.entry(c.key()).or_default() += c.events as i64;
                    }
                }
                Ok(sums
                    .into_iter()
                    .filter_map(|(k, n)| u64::try_from(n).ok().filter(|n| *n > 0).map(|n| RatedCount::new(k, n)))
                    .collect())
            }

            async fn restraint_months(
                &self,
                country: &str,
                visibility: Visibility,
            ) -> Result<Vec<$crate::vigil_store::MonthChange>> {
                let public = !visibility.includes_confidential();
                let key = if public {
                    country.to_owned()
                } else {
                    $crate::facts::country_tag(&self.key, country)
                };
                let rows: Vec<(String, bool, String, i64)> = sqlx::query_as(
                    "SELECT kind, certain, CAST(month AS TEXT), delta FROM country_month_counts \
                     WHERE public = $1 AND country = $2 AND delta <> 0 ORDER BY month, kind, certain",
                )
                .bind(public)
                .bind(key)
                .fetch_all(&self.$reader)
                .await
                .map_err(be)?;
                rows.into_iter()
                    .map(|(kind, certain, month, delta)| {
                        Ok($crate::vigil_store::MonthChange {
                            month: $crate::vigil_core::date::parse_day(&month).map_err(be)?,
                            kind: kind.parse().map_err(be)?,
                            certain,
                            delta,
                        })
                    })
                    .collect()
            }

            async fn rated_since(
                &self,
                country: &str,
                visibility: Visibility,
                day: $crate::vigil_core::Date,
                latest: u32,
            ) -> Result<(u64, Vec<$crate::vigil_core::RatedEvent>)> {
                use $crate::vigil_core::RatedEvent;
                let privileged = visibility.includes_confidential();
                // The public's rows, less those seen otherwise by those with
                // the right (counted from the sealed rows below).
                let from = |select: &str, without_sealed: bool| {
                    let mut q = QueryBuilder::<$db>::new(select);
                    q.push(" FROM event_facts f WHERE public = ")
                        .push_bind(true)
                        .push(" AND country = ")
                        .push_bind(country.to_owned())
                        .push(" AND earliest > ")
                        .push_bind($day(day));
                    if without_sealed {
                        q.push(" AND NOT EXISTS (SELECT 1 FROM event_facts o WHERE o.public = ")
                            .push_bind(false)
                            .push(" AND o.event_id = f.event_id)");
                    }
                    q
                };
                // Counted from the index alone; those with the right's
                // corrections below.
                let total: i64 = from("SELECT COUNT(*)", false)
                    .build_query_scalar()
                    .fetch_one(&self.$reader)
                    .await
                    .map_err(be)?;
                let mut q = from("SELECT data", privileged);
                q.push(" ORDER BY earliest DESC, latest DESC LIMIT ").push_bind(i64::from(latest));
                let mut found: Vec<RatedEvent> = Vec::new();
                for data in q.build_query_scalar::<String>().fetch_all(&self.$reader).await.map_err(be)? {
                    found.push($crate::serde_json::from_str(&data).map_err(be)?);
                }
                // Those beginning on the same day as the last of these: the
                // timeline's order among them is not the index's.
                if let Some(first) = found.iter().map(|e| e.date.earliest()).min().filter(|_| found.len() as u32 >= latest) {
                    let mut q = from("SELECT data", privileged);
                    q.push(" AND earliest = ").push_bind($day(first));
                    for data in q.build_query_scalar::<String>().fetch_all(&self.$reader).await.map_err(be)? {
                        found.push($crate::serde_json::from_str(&data).map_err(be)?);
                    }
                }
                let mut total = total.max(0) as u64;
                if privileged {
                    let tag = $crate::facts::country_tag(&self.key, country);
                    let rows: Vec<(String, Vec<u8>)> =
                        sqlx::query_as("SELECT event_id, sealed FROM event_facts WHERE country_tag = $1 AND earliest > $2")
                            .bind(tag)
                            .bind($day(day))
                            .fetch_all(&self.$reader)
                            .await
                            .map_err(be)?;
                    for (id, sealed) in rows {
                        let facts = $crate::facts::open(&self.key, &id, &sealed)?;
                        if facts.country.as_deref() == Some(country) {
                            total += 1;
                            found.push(facts);
                        }
                    }
                    // The public's rows of those events, counted above, are
                    // not what those with the right see: taken away.
                    let sealed_events: Vec<String> = sqlx::query_scalar(
                        "SELECT event_id FROM event_facts WHERE country_tag = $1",
                    )
                    .bind($crate::facts::country_tag(&self.key, country))
                    .fetch_all(&self.$reader)
                    .await
                    .map_err(be)?;
                    for chunk in sealed_events.chunks($crate::IN_LIST) {
                        let mut q = from("SELECT COUNT(*)", false);
                        q.push(" AND event_id IN (");
                        $crate::push_in_list(&mut q, chunk.iter().map(String::as_str));
                        let twins: i64 = q.build_query_scalar().fetch_one(&self.$reader).await.map_err(be)?;
                        total = total.saturating_sub(twins.max(0) as u64);
                    }
                }
                found.sort_by(|a, b| $crate::vigil_core::timeline_order((&a.date, &a.id), (&b.date, &b.id)));
                found.dedup_by(|a, b| a.id == b.id);
                let keep = found.len().saturating_sub(latest as usize);
                Ok((total, found.split_off(keep)))
            }

            async fn rated_window(
                &self,
                country: &str,
                visibility: Visibility,
                after: Option<$crate::vigil_core::Date>,
                up_to: $crate::vigil_core::Date,
                latest: u32,
            ) -> Result<$crate::vigil_store::RatedWindow> {
                use $crate::vigil_core::{timeline_order, RatedEvent};
                let privileged = visibility.includes_confidential();
                // The public's rows of the country; for those with the
                // right, less those they see otherwise (their sealed rows,
                // below).
                let of_country = |select: &str| {
                    let mut q = QueryBuilder::<$db>::new(select);
                    q.push(" FROM event_facts f WHERE public = ")
                        .push_bind(true)
                        .push(" AND country = ")
                        .push_bind(country.to_owned());
                    if privileged {
                        q.push(" AND NOT EXISTS (SELECT 1 FROM event_facts o WHERE o.public = ")
                            .push_bind(false)
                            .push(" AND o.event_id = f.event_id)");
                    }
                    q
                };
                let read_data = |rows: Vec<String>| -> Result<Vec<RatedEvent>> {
                    rows.iter()
                        .map(|d| $crate::serde_json::from_str(d).map_err(be))
                        .collect()
                };
                let mut window = $crate::vigil_store::RatedWindow::default();
                let mut after_it: Vec<RatedEvent> = Vec::new();
                let mut by_it: Vec<RatedEvent> = Vec::new();
                // Those beginning after the day and by `up_to`, by type:
                // the years wholly between from the sums the store keeps
                // (`rated_counts`), the days of the two years at the ends
                // from the index on the beginnings (0023: it holds the
                // types), so it costs at most two years of events, not the
                // years since the day.
                let jan_1 = |y: i32| $crate::vigil_core::Date::from_calendar_date(y, $crate::time::Month::January, 1);
                let dec_31 = |y: i32| $crate::vigil_core::Date::from_calendar_date(y, $crate::time::Month::December, 31);
                let (first_year, last_year) = (after.map(|a| a.year()), up_to.year());
                // Day ranges (after, through): `after` excluded, `through` included.
                let mut ends: Vec<($crate::vigil_core::Date, $crate::vigil_core::Date)> = Vec::new();
                match after {
                    Some(a) if a >= up_to => {}
                    Some(a) if a.year() == last_year => ends.push((a, up_to)),
                    Some(a) => {
                        ends.push((a, dec_31(a.year()).map_err(be)?));
                        ends.push((jan_1(last_year).map_err(be)?.previous_day().unwrap_or(a), up_to));
                    }
                    None => ends.push((jan_1(last_year).map_err(be)?.previous_day().unwrap_or(up_to), up_to)),
                }
                // (The public's sums: those with the right's are corrected
                // below by the sealed rows of the window, not by all the
                // country's as `rated_counts` would.)
                let whole_year = |d: $crate::vigil_core::Date| {
                    first_year.is_none_or(|y| d.year() > y) && d.year() < last_year
                };
                if after.is_none_or(|a| a < up_to) {
                    for c in Store::rated_counts(self, country, Visibility::Public).await? {
                        if first_year.is_none_or(|y| c.first_year > y) && c.first_year < last_year && c.events > 0 {
                            *window.after.entry(c.event_type).or_default() += c.events;
                        }
                    }
                }
                for (a, through) in &ends {
                    let mut q = of_country("SELECT event_type, CAST(COUNT(*) AS BIGINT)");
                    q.push(" AND earliest > ")
                        .push_bind($day(*a))
                        .push(" AND earliest <= ")
                        .push_bind($day(*through))
                        .push(" GROUP BY event_type");
                    let rows: Vec<(String, i64)> = q.build_query_as().fetch_all(&self.$reader).await.map_err(be)?;
                    for (t, n) in rows {
                        *window.after.entry(t.parse().map_err(be)?).or_default() += n.max(0) as u64;
                    }
                }
                if let Some(a) = after {
                    // Those possibly after it begin by it and end after it:
                    // no earlier than the widest date's span before it, so
                    // the index on the beginnings reads that span's events.
                    let widest: Option<f64> = sqlx::query_scalar($widest).fetch_one(&self.$reader).await.map_err(be)?;
                    let from = a.saturating_sub($crate::time::Duration::days(widest.unwrap_or(0.0).max(0.0).ceil() as i64));
                    let mut q = of_country("SELECT f.event_id, CAST(earliest AS TEXT), CAST(latest AS TEXT)");
                    q.push(" AND earliest >= ")
                        .push_bind($day(from))
                        .push(" AND earliest <= ")
                        .push_bind($day(a.min(up_to)))
                        .push(" AND latest > ")
                        .push_bind($day(a));
                    let mut days: Vec<(String, String, String)> =
                        q.build_query_as().fetch_all(&self.$reader).await.map_err(be)?;
                    window.possibly = days.len() as u64;
                    days.sort_by(|x, y| (&y.1, &y.2).cmp(&(&x.1, &x.2)));
                    // The latest, and those on the same days as the last
                    // of them (the timeline's order among them is not
                    // the days').
                    if days.len() > latest as usize {
                        let keep = match (latest as usize).checked_sub(1).and_then(|i| days.get(i)) {
                            Some(last) => {
                                let first_day = last.1.clone();
                                days.iter().take_while(|d| d.1 >= first_day).count()
                            }
                            None => 0,
                        };
                        days.truncate(keep);
                    }
                    for chunk in days.chunks($crate::IN_LIST) {
                        let mut q = QueryBuilder::<$db>::new("SELECT data FROM event_facts WHERE public = ");
                        q.push_bind(true).push(" AND event_id IN (");
                        $crate::push_in_list(&mut q, chunk.iter().map(|d| d.0.as_str()));
                        by_it.extend(read_data(q.build_query_scalar().fetch_all(&self.$reader).await.map_err(be)?)?);
                    }
                }
                // The latest of those after it, through the index on the
                // beginnings, newest first; and those beginning on the
                // same day as the last of them.
                let after_part = |select: &str| {
                    let mut q = of_country(select);
                    if let Some(a) = after {
                        q.push(" AND earliest > ").push_bind($day(a));
                    }
                    q.push(" AND earliest <= ").push_bind($day(up_to));
                    q
                };
                let mut q = after_part("SELECT data");
                q.push(" ORDER BY earliest DESC, latest DESC LIMIT ").push_bind(i64::from(latest));
                after_it.extend(read_data(q.build_query_scalar().fetch_all(&self.$reader).await.map_err(be)?)?);
                if let Some(first) =
                    after_it.iter().map(|e| e.date.earliest()).min().filter(|_| after_it.len() as u32 >= latest)
                {
                    let mut q = after_part("SELECT data");
                    q.push(" AND earliest = ").push_bind($day(first));
                    after_it.extend(read_data(q.build_query_scalar().fetch_all(&self.$reader).await.map_err(be)?)?);
                }
                if privileged {
                    // The sealed rows of the window: those ending after
                    // the day, through their index on the ends (0023).
                    let mut q = QueryBuilder::<$db>::new("SELECT event_id, sealed FROM event_facts WHERE country_tag = ");
                    q.push_bind($crate::facts::country_tag(&self.key, country));
                    if let Some(a) = after {
                        q.push(" AND latest > ").push_bind($day(a));
                    }
                    q.push(" AND (CASE WHEN earliest <= ")
                        .push_bind($day(up_to))
                        .push(" THEN 1 ELSE 0 END) = 1");
                    let rows: Vec<(String, Vec<u8>)> = q.build_query_as().fetch_all(&self.$reader).await.map_err(be)?;
                    let sealed_ids: Vec<String> = rows.iter().map(|(id, _)| id.clone()).collect();
                    for (id, sealed) in rows {
                        let facts = $crate::facts::open(&self.key, &id, &sealed)?;
                        if facts.country.as_deref() != Some(country) || facts.date.earliest() > up_to {
                            continue;
                        }
                        match after {
                            Some(a) if facts.date.latest() <= a => {}
                            Some(a) if facts.date.earliest() <= a => {
                                window.possibly += 1;
                                by_it.push(facts);
                            }
                            _ => {
                                *window.after.entry(facts.event_type).or_default() += 1;
                                after_it.push(facts);
                            }
                        }
                    }
                    // Their public rows in the whole years, summed above,
                    // are not what those with the right see: taken away (by
                    // id; a public row has the country its sealed row has).
                    for chunk in sealed_ids.chunks($crate::IN_LIST) {
                        let mut q = QueryBuilder::<$db>::new(
                            "SELECT event_type, CAST(earliest AS TEXT) FROM event_facts WHERE public = ",
                        );
                        q.push_bind(true)
                            .push(" AND country || '' = ")
                            .push_bind(country.to_owned())
                            .push(" AND event_id IN (");
                        $crate::push_in_list(&mut q, chunk.iter().map(String::as_str));
                        let rows: Vec<(String, String)> = q.build_query_as().fetch_all(&self.$reader).await.map_err(be)?;
                        for (t, earliest) in rows {
                            let earliest = $crate::vigil_core::date::parse_day(&earliest).map_err(be)?;
                            if whole_year(earliest) {
                                let t = t.parse().map_err(be)?;
                                if let Some(n) = window.after.get_mut(&t) {
                                    *n = n.saturating_sub(1);
                                }
                            }
                        }
                    }
                    window.after.retain(|_, n| *n > 0);
                }
                let last = |mut found: Vec<RatedEvent>| {
                    found.sort_by(|a, b| timeline_order((&a.date, &a.id), (&b.date, &b.id)));
                    found.dedup_by(|a, b| a.id == b.id);
                    let keep = found.len().saturating_sub(latest as usize);
                    found.split_off(keep)
                };
                window.latest_after = last(after_it);
                window.latest_possibly = last(by_it);
                Ok(window)
            }

            async fn restrained(
                &self,
                country: &str,
                visibility: Visibility,
                day: $crate::vigil_core::Date,
                kind: $crate::vigil_core::RestraintKind,
                limit: u32,
            ) -> Result<Listing<$crate::vigil_store::StatusLine>> {
                let public = !visibility.includes_confidential();
                // The stretches name the countries their person counts for:
                // the public's by code, those with the right's by its keyed
                // hash.
                let key = if public {
                    country.to_owned()
                } else {
                    $crate::facts::country_tag(&self.key, country)
                };
                let query = $crate::vigil_store::StatusQuery {
                    as_of: day,
                    kind: Some(kind),
                    order: $crate::vigil_store::StatusOrder::Name,
                    visibility,
                };
                let of_country = |q: &mut QueryBuilder<'_, $db>| {
                    q.push(" AND (' ' || s.countries || ' ') LIKE ").push_bind(format!("% {key} %"));
                };
                let total: i64 = if $crate::months::CHART_KINDS.contains(&kind) {
                    // The sum of the changes up to the day (0023): those of
                    // the years before it, summed by year, and those of its
                    // own year up to it.
                    let year = $crate::months::year_start(day);
                    let mut total = 0;
                    for (by_year, from, to, to_op) in [(true, None, year, " AND day < "), (false, Some(year), day, " AND day <= ")] {
                        let mut q = QueryBuilder::<$db>::new(
                            "SELECT CAST(COALESCE(SUM(delta), 0) AS BIGINT) FROM country_day_counts WHERE public = ",
                        );
                        q.push_bind(public)
                            .push(" AND country = ")
                            .push_bind(key.clone())
                            .push(" AND kind = ")
                            .push_bind(kind.as_str())
                            .push(" AND year = ")
                            .push_bind(by_year);
                        if let Some(from) = from {
                            q.push(" AND day >= ").push_bind($day(from));
                        }
                        q.push(to_op).push_bind($day(to));
                        let sum: i64 = q.build_query_scalar().fetch_one(&self.$reader).await.map_err(be)?;
                        total += sum;
                    }
                    total
                } else {
                    let mut q = QueryBuilder::new("SELECT COUNT(*)");
                    status_lines_matching(&mut q, &query);
                    of_country(&mut q);
                    q.build_query_scalar().fetch_one(&self.$reader).await.map_err(be)?
                };
                // No more than there are: the walk by name stops at the last
                // of them, not at the end of the stretches.
                let limit = i64::from(limit.min(Page::MAX_LIMIT)).min(total.max(0));
                let rows = if limit == 0 {
                    Vec::new()
                } else {
                    // Walked by name (the name index covers the days and
                    // kinds), stopping at the last one: the condition on
                    // the first day is written so that the index on the
                    // days, which would read every stretch begun before
                    // the day and sort them, does not serve it.
                    let mut q = QueryBuilder::<$db>::new(
                        "SELECT s.person_id, s.sort_key, s.data, s.sealed FROM status_stretches s WHERE s.public = ",
                    );
                    q.push_bind(public)
                        .push(" AND (CASE WHEN s.from_day <= ")
                        .push_bind($day(day))
                        .push(" THEN 1 ELSE 0 END) = 1 AND (s.to_day IS NULL OR s.to_day > ")
                        .push_bind($day(day))
                        .push(") AND s.kinds LIKE ")
                        .push_bind(format!("% {} %", kind.as_str()));
                    of_country(&mut q);
                    q.push(" ORDER BY s.sort_key, s.person_id LIMIT ").push_bind(limit);
                    q.build().fetch_all(&self.$reader).await.map_err(be)?
                };
                Ok(Listing {
                    items: self.status_lines(&rows, &query)?,
                    total: total.max(0) as u64,
                })
            }

            async fn rated_events(
                &self,
                country: &str,
                visibility: Visibility,
                year: i32,
            ) -> Result<Vec<$crate::vigil_core::RatedEvent>> {
                let privileged = visibility.includes_confidential();
                let mut out: Vec<$crate::vigil_core::RatedEvent> = Vec::new();
                // Those that begin in the year, then those begun before it
                // that span into it (few: the partial index holds only
                // events spanning years), each through its own index, so
                // the years before and after cost nothing.
                for spanning in [false, true] {
                    let mut q = QueryBuilder::<$db>::new("SELECT data FROM event_facts f WHERE public = ");
                    q.push_bind(true).push(" AND country = ").push_bind(country);
                    if spanning {
                        q.push(" AND first_year <> last_year AND last_year >= ")
                            .push_bind(year)
                            .push(" AND first_year < ")
                            .push_bind(year);
                    } else {
                        q.push(" AND first_year = ").push_bind(year);
                    }
                    if privileged {
                        q.push(" AND NOT EXISTS (SELECT 1 FROM event_facts o WHERE o.public = ")
                            .push_bind(false)
                            .push(" AND o.event_id = f.event_id)");
                    }
                    for data in q.build_query_scalar::<String>().fetch_all(&self.$reader).await.map_err(be)? {
                        out.push($crate::serde_json::from_str(&data).map_err(be)?);
                    }
                }
                if privileged {
                    out.extend(self.sealed_facts(country, Some(year)).await?);
                }
                out.sort_by(|a, b| $crate::vigil_core::timeline_order((&a.date, &a.id), (&b.date, &b.id)));
                Ok(out)
            }

            async fn records_of_kind(&self, kind: RecordKind, visibility: Visibility, page: Page) -> Result<Listing<Record>> {
                self.list_records(kind, visibility, page, |_| {}, "r.id").await
            }

            async fn revisions(&self, id: &RecordId, visibility: Visibility) -> Result<Vec<Revision>> {
                let rows = sqlx::query(&format!(
                    "SELECT {REVISION_COLUMNS} FROM revisions WHERE record_id = $1 ORDER BY seq"
                ))
                .bind(id.as_str())
                .fetch_all(&self.$reader)
                .await
                .map_err(be)?;
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
                            .ok_or_else(|| StoreError::not_found(id))?;
                    }
                    let states: Vec<Record> = out.iter().map(|r| r.record.clone()).collect();
                    let hidden = self.hidden_among(&states).await?;
                    for rev in &mut out {
                        rev.record = rev.record.without_references_to(&hidden);
                    }
                }
                Ok(out)
            }

            async fn changes_since(&self, seq: i64, limit: u32) -> Result<Vec<Revision>> {
                let rows = sqlx::query(&format!(
                    "SELECT {REVISION_COLUMNS} FROM revisions WHERE seq > $1 ORDER BY seq LIMIT $2"
                ))
                .bind(seq)
                .bind(limit as i64)
                .fetch_all(&self.$reader)
                .await
                .map_err(be)?;
                rows.iter().map(|row| self.revision_from_row(row)).collect()
            }

            async fn latest_seq(&self) -> Result<i64> {
                sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM revisions")
                    .fetch_one(&self.$reader)
                    .await
                    .map_err(be)
            }

            async fn case_file(&self, visibility: Visibility) -> Result<CaseFile> {
                let mut q = QueryBuilder::new("SELECT id, data, sealed FROM records WHERE NOT deleted");
                if !visibility.includes_confidential() {
                    q.push(" AND NOT confidential");
                }
                q.push(" ORDER BY kind, date_earliest NULLS FIRST, sort_key, id");
                let rows = q.build().fetch_all(&self.$reader).await.map_err(be)?;
                let mut out = CaseFile::default();
                for record in self.seen_rows(&rows, visibility).await? {
                    out.push(record);
                }
                Ok(out)
            }

            async fn latest_events(&self, visibility: Visibility, limit: u32) -> Result<Vec<Event>> {
                let mut q = QueryBuilder::<$db>::new(
                    "SELECT id, data, sealed FROM records WHERE kind = 'event' AND NOT deleted AND NOT pattern",
                );
                if !visibility.includes_confidential() {
                    q.push(" AND NOT confidential");
                }
                // The events list's order, backwards (one index, read from its end).
                q.push(" ORDER BY date_earliest DESC, date_latest DESC, id DESC LIMIT ")
                    .push_bind(i64::from(limit.min(Page::MAX_LIMIT)));
                let rows = q.build().fetch_all(&self.$reader).await.map_err(be)?;
                Ok(self
                    .seen_rows(&rows, visibility)
                    .await?
                    .into_iter()
                    .filter_map(|r| match r {
                        Record::Event(e) => Some(e),
                        _ => None,
                    })
                    .collect())
            }

            async fn patterns(&self, country: &str, visibility: Visibility, limit: u32) -> Result<Vec<Event>> {
                // Every live pattern, latest first, through their partial
                // index (migration 0022); the country read from each as
                // the viewer sees it (a confidential one's is sealed).
                // `kind || ''`: not a term an index of events by kind and
                // date can serve, so the planner takes the small index of
                // patterns rather than walking every event by date.
                let mut q = QueryBuilder::<$db>::new(
                    "SELECT id, data, sealed FROM records WHERE pattern AND kind || '' = 'event' AND NOT deleted",
                );
                if !visibility.includes_confidential() {
                    q.push(" AND NOT confidential");
                }
                q.push(" ORDER BY date_earliest DESC, id DESC");
                let rows = q.build().fetch_all(&self.$reader).await.map_err(be)?;
                Ok(self
                    .seen_rows(&rows, visibility)
                    .await?
                    .into_iter()
                    .filter_map(|r| match r {
                        Record::Event(e) if e.pattern && e.country.as_deref() == Some(country) => Some(e),
                        _ => None,
                    })
                    .take(limit as usize)
                    .collect())
            }

            async fn statuses(
                &self,
                query: &$crate::vigil_store::StatusQuery,
                page: Page,
            ) -> Result<Listing<$crate::vigil_store::StatusLine>> {
                // From the changes kept per day (migration 0018): the sum of
                // those up to the day is how many stretches hold on it.
                let total: i64 = QueryBuilder::<$db>::new(
                    "SELECT CAST(COALESCE(SUM(delta), 0) AS BIGINT) FROM status_day_counts WHERE public = ",
                )
                .push_bind(!query.visibility.includes_confidential())
                .push(" AND kind = ")
                .push_bind(query.kind.map(|k| k.as_str()).unwrap_or(""))
                .push(" AND day <= ")
                .push_bind($day(query.as_of))
                .build_query_scalar()
                .fetch_one(&self.$reader)
                .await
                .map_err(be)?;
                let mut q = QueryBuilder::new("SELECT s.person_id, s.sort_key, s.data, s.sealed");
                status_lines_matching(&mut q, query);
                q.push(match query.order {
                    $crate::vigil_store::StatusOrder::Name => " ORDER BY s.sort_key, s.person_id",
                    $crate::vigil_store::StatusOrder::Start => " ORDER BY s.first_start, s.sort_key, s.person_id",
                    $crate::vigil_store::StatusOrder::ExpectedEnd => {
                        " ORDER BY s.last_end IS NULL, s.last_end, s.sort_key, s.person_id"
                    }
                })
                .push(" LIMIT ")
                .push_bind(page.limit() as i64)
                .push(" OFFSET ")
                .push_bind(page.offset() as i64);
                let rows = q.build().fetch_all(&self.$reader).await.map_err(be)?;
                Ok(Listing {
                    items: self.status_lines(&rows, query)?,
                    total: total as u64,
                })
            }

            async fn statuses_after(
                &self,
                query: &$crate::vigil_store::StatusQuery,
                after: Option<&$crate::vigil_store::StatusCursor>,
                limit: u32,
            ) -> Result<Vec<$crate::vigil_store::StatusLine>> {
                let mut q = QueryBuilder::new("SELECT s.person_id, s.sort_key, s.data, s.sealed");
                status_lines_matching(&mut q, query);
                if let Some(after) = after {
                    // A row value, not `a > x OR (a = x AND b > y)`: with
                    // bound parameters SQLite read the OR from the start of
                    // the name index on every part, so the whole list took
                    // time in the square of its length (10 s for 90,000
                    // lines); a row value starts the index at the cursor,
                    // on both backends.
                    q.push(" AND (s.sort_key, s.person_id) > (")
                        .push_bind(after.sort_key.clone())
                        .push(", ")
                        .push_bind(after.person_id.clone())
                        .push(")");
                }
                q.push(" ORDER BY s.sort_key, s.person_id LIMIT ")
                    .push_bind(i64::from(limit.min(Page::MAX_LIMIT)));
                let rows = q.build().fetch_all(&self.$reader).await.map_err(be)?;
                self.status_lines(&rows, query)
            }

            async fn rebuild_derived(&self) -> Result<u64> {
                $writes::rebuild_derived(self).await
            }

            async fn give_opaque_ids(&self) -> Result<u64> {
                $writes::give_opaque_ids(self).await
            }

            async fn counts(&self, visibility: Visibility) -> Result<Counts> {
                // Kept by the database on every write (migration 0006).
                let by_kind = self
                    .by_kind(
                        "SELECT kind, CAST(SUM(n) AS BIGINT) FROM record_counts",
                        " WHERE NOT confidential",
                        visibility,
                    )
                    .await?;
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
        }
    };
}
