//! Writes to the case file that both backends make alike: the checks
//! before a write, revisions, updates, restores and deletes, and batches
//! of new records (imports, ingest) in bulk. How one record's row and
//! index are written stays with each backend.

/// Defines, in the calling module, the shared parts of `$store`'s writes:
/// `existing`, `check_against_store`, `sort_key`, `event_columns`,
/// `write_record`, `clear_index`, `append_revision`, `reseal_history`, the
/// derived status state (`touched_before`, `touched_by`,
/// `refresh_stretches`, `refresh_known`, `commit_created`,
/// `rebuild_derived`), `create_in` (one new record in a transaction),
/// `create_bulk` (a batch of new records), and `create`, `import`,
/// `create_all`, `update`, `restore`, `delete` whole. The backend
/// supplies, in that module: `$tx` (its write transaction type),
/// `$store::begin_write` (a transaction that may write the case file),
/// `write_row(tx, record, stored, deleted, fresh)` (a record's row, by
/// `write_record`, and its index), the pool `$reader` for reads outside
/// a write, `$time` turning a time into what `revisions.at` holds, and `$day` a day into what the
/// `date_*` columns hold (of type `$day_ty`).
#[macro_export]
macro_rules! impl_record_writes {
    (
        $store:ty, $tx:ty,
        reader = $reader:ident,
        time = $time:path,
        day = $day:path,
        day_type = $day_ty:ty $(,)?
    ) => {
        use $crate::be;

        /// What a record with a given id is, if any: its kind, whether
        /// deleted, whether confidential.
        async fn existing(
            tx: &mut $tx,
            id: &$crate::vigil_core::RecordId,
        ) -> $crate::vigil_store::Result<Option<($crate::vigil_core::RecordKind, bool, bool)>> {
            use $crate::sqlx::Row as _;
            let row = $crate::sqlx::query("SELECT kind, deleted, confidential FROM records WHERE id = $1")
                .bind(id.as_str())
                .fetch_optional(&mut **tx)
                .await
                .map_err(be)?;
            match row {
                None => Ok(None),
                Some(row) => {
                    let kind: String = row.try_get("kind").map_err(be)?;
                    let deleted: bool = row.try_get("deleted").map_err(be)?;
                    let confidential: bool = row.try_get("confidential").map_err(be)?;
                    Ok(Some((kind.parse().map_err(be)?, deleted, confidential)))
                }
            }
        }

        /// The confidential records among `ids` (deleted ones too: a
        /// record once confidential stays out of the clear).
        async fn hidden_among(
            tx: &mut $tx,
            ids: &[&str],
        ) -> $crate::vigil_store::Result<std::collections::HashSet<$crate::vigil_core::RecordId>> {
            let mut hidden = std::collections::HashSet::new();
            for chunk in ids.chunks($crate::IN_LIST) {
                let mut q = $crate::sqlx::QueryBuilder::new("SELECT id FROM records WHERE confidential AND id IN (");
                $crate::push_in_list(&mut q, chunk.iter().copied());
                let ids: Vec<String> = q.build_query_scalar().fetch_all(&mut **tx).await.map_err(be)?;
                hidden.extend(ids.iter().filter_map(|i| $crate::vigil_core::RecordId::parse(i).ok()));
            }
            Ok(hidden)
        }

        /// `record` split for storage (see `vigil_store::seal`), its
        /// references to confidential records kept out of the clear;
        /// `now` is its latest state (itself, unless it is a past revision).
        async fn stored_form(
            store: &$store,
            tx: &mut $tx,
            record: &$crate::vigil_core::Record,
            now: &$crate::vigil_core::Record,
        ) -> $crate::vigil_store::Result<$crate::vigil_store::seal::Stored> {
            let mut referred: Vec<&str> = record.references().iter().map(|r| r.id.as_str()).collect();
            referred.sort_unstable();
            referred.dedup();
            let hidden = hidden_among(tx, &referred).await?;
            $crate::vigil_store::seal::seal_under(&store.key, record, now, &hidden)
        }

        /// Stores again, current state and history, every record that
        /// refers to `id`, which has just become confidential: what they
        /// quote of it or say of it leaves the clear.
        async fn reseal_referrers(
            store: &$store,
            tx: &mut $tx,
            id: &$crate::vigil_core::RecordId,
        ) -> $crate::vigil_store::Result<()> {
            use $crate::sqlx::Row as _;
            let from: Vec<String> = $crate::sqlx::query_scalar("SELECT DISTINCT from_id FROM links WHERE to_id = $1")
                .bind(id.as_str())
                .fetch_all(&mut **tx)
                .await
                .map_err(be)?;
            for from in from.iter().filter(|f| f.as_str() != id.as_str()) {
                let Some(row) = $crate::sqlx::query("SELECT data, sealed FROM records WHERE id = $1")
                    .bind(from.as_str())
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(be)?
                else {
                    continue;
                };
                let record = store.unseal(
                    from,
                    row.try_get("data").map_err(be)?,
                    row.try_get("sealed").map_err(be)?,
                )?;
                let stored = stored_form(store, tx, &record, &record).await?;
                $crate::sqlx::query("UPDATE records SET data = $1, sealed = $2 WHERE id = $3")
                    .bind(stored.public.as_deref())
                    .bind(stored.sealed.as_deref())
                    .bind(from.as_str())
                    .execute(&mut **tx)
                    .await
                    .map_err(be)?;
                reseal_history(store, tx, &record).await?;
            }
            Ok(())
        }

        /// Checks a record against the rest of the case file (references
        /// resolve to live records of the right kind; excerpts quote their
        /// sources verbatim): fetches what the check needs, then checks
        /// without I/O. `texts` caches source texts across the records of
        /// one import.
        async fn check_against_store(
            store: &$store,
            tx: &mut $tx,
            record: &$crate::vigil_core::Record,
            texts: &mut std::collections::HashMap<$crate::vigil_core::RecordId, String>,
        ) -> $crate::vigil_store::Result<()> {
            use $crate::sqlx::Row as _;
            use $crate::vigil_core::casefile::references;
            let mut kinds = std::collections::HashMap::new();
            let mut confidential = std::collections::HashSet::new();
            for reference in record.references() {
                if let Some((kind, false, hidden)) = existing(tx, reference.id).await? {
                    kinds.insert(reference.id.clone(), kind);
                    if hidden {
                        confidential.insert(reference.id.clone());
                    }
                }
            }
            for excerpt in record.excerpts() {
                if texts.contains_key(&excerpt.source_id) {
                    continue;
                }
                let row = $crate::sqlx::query(
                    "SELECT id, data, sealed FROM records WHERE id = $1 AND kind = 'source' AND NOT deleted",
                )
                .bind(excerpt.source_id.as_str())
                .fetch_optional(&mut **tx)
                .await
                .map_err(be)?;
                let Some(row) = row else { continue }; // reported as a missing reference
                let id: String = row.try_get("id").map_err(be)?;
                if let $crate::vigil_core::Record::Source(s) = store.unseal(
                    &id,
                    row.try_get("data").map_err(be)?,
                    row.try_get("sealed").map_err(be)?,
                )? {
                    texts.insert(s.id.clone(), s.text);
                }
            }
            let mut misfits: Vec<$crate::vigil_core::FieldError> = references::check(
                record,
                &references::Maps {
                    kinds: &kinds,
                    texts: &*texts,
                    confidential: &confidential,
                },
            )
            .into_iter()
            .map($crate::vigil_core::FieldError::from)
            .collect();
            // An organisation may not become its own ancestor: its parent's
            // line, read in this transaction, must not lead back to it.
            if let $crate::vigil_core::Record::Organisation(o) = record {
                let mut next = o.parent_id.clone().filter(|p| p != &o.id);
                let mut steps = 0;
                while let Some(at) = next.take() {
                    steps += 1;
                    if at == o.id || steps > 10_000 {
                        misfits.push($crate::vigil_core::FieldError::new(
                            "parent_id",
                            "this parent would make the organisation its own ancestor",
                        ));
                        break;
                    }
                    let row = $crate::sqlx::query("SELECT data, sealed FROM records WHERE id = $1 AND kind = 'organisation'")
                        .bind(at.as_str())
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(be)?;
                    if let Some(row) = row {
                        if let $crate::vigil_core::Record::Organisation(parent) = store.unseal(
                            at.as_str(),
                            row.try_get("data").map_err(be)?,
                            row.try_get("sealed").map_err(be)?,
                        )? {
                            next = parent.parent_id;
                        }
                    }
                }
            }
            if misfits.is_empty() {
                Ok(())
            } else {
                Err($crate::vigil_store::StoreError::Invalid(misfits))
            }
        }

        /// The key lists sort on, from what the public may see.
        fn sort_key(public: Option<&$crate::vigil_core::Record>) -> String {
            use $crate::vigil_core::Record;
            match public {
                None => String::new(),
                Some(Record::Event(e)) => format!(
                    "{}|{}",
                    $crate::vigil_core::date::format_day(e.date.earliest()),
                    e.id
                ),
                Some(other) => $crate::vigil_core::name::fold(other.title()),
            }
        }

        /// An event's type and the first and last day its date may mean.
        fn event_columns(
            record: &$crate::vigil_core::Record,
        ) -> (Option<&'static str>, Option<$day_ty>, Option<$day_ty>) {
            match record {
                $crate::vigil_core::Record::Event(e) => (
                    Some(e.event_type.as_str()),
                    Some($day(e.date.earliest())),
                    Some($day(e.date.latest())),
                ),
                _ => (None, None, None),
            }
        }

        /// Whether a record is an event stating a pattern (the `pattern`
        /// column, migration 0022).
        fn is_pattern(record: &$crate::vigil_core::Record) -> bool {
            matches!(record, $crate::vigil_core::Record::Event(e) if e.pattern)
        }

        /// Writes a record's row in `records` (`stored`: the record
        /// sealed; `public`: what the public sees of it), a new one when
        /// `fresh`.
        async fn write_record(
            tx: &mut $tx,
            record: &$crate::vigil_core::Record,
            public: Option<&$crate::vigil_core::Record>,
            stored: &$crate::vigil_store::seal::Stored,
            deleted: bool,
            fresh: bool,
        ) -> $crate::vigil_store::Result<()> {
            let (event_type, earliest, latest) = event_columns(record);
            let sql = if fresh {
                "INSERT INTO records (id, kind, data, sealed, sort_key, confidential, event_type, date_earliest, \
                 date_latest, deleted, pattern) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
            } else {
                "UPDATE records SET kind = $2, data = $3, sealed = $4, sort_key = $5, confidential = $6, \
                 event_type = $7, date_earliest = $8, date_latest = $9, deleted = $10, pattern = $11 WHERE id = $1"
            };
            $crate::sqlx::query(sql)
                .bind(record.id().as_str())
                .bind(record.kind().as_str())
                .bind(stored.public.as_deref())
                .bind(stored.sealed.as_deref())
                .bind(sort_key(public))
                .bind(record.is_confidential())
                .bind(event_type)
                .bind(earliest)
                .bind(latest)
                .bind(deleted)
                .bind(is_pattern(record))
                .execute(&mut **tx)
                .await
                .map_err(be)?;
            Ok(())
        }

        /// Removes what indexes a record (its names and links).
        async fn clear_index(tx: &mut $tx, id: &$crate::vigil_core::RecordId) -> $crate::vigil_store::Result<()> {
            for sql in [
                "DELETE FROM record_names WHERE record_id = $1",
                "DELETE FROM links WHERE from_id = $1",
            ] {
                $crate::sqlx::query(sql)
                    .bind(id.as_str())
                    .execute(&mut **tx)
                    .await
                    .map_err(be)?;
            }
            Ok(())
        }

        /// Appends a revision holding `stored` (the record sealed).
        async fn append_revision(
            tx: &mut $tx,
            record: &$crate::vigil_core::Record,
            operation: $crate::vigil_store::Operation,
            change: &$crate::vigil_store::Change,
            stored: &$crate::vigil_store::seal::Stored,
        ) -> $crate::vigil_store::Result<$crate::vigil_store::Revision> {
            let at = $crate::vigil_store::now();
            let seq: i64 = $crate::sqlx::query_scalar(
                "INSERT INTO revisions (record_id, kind, operation, author, at, reason, data, sealed) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq",
            )
            .bind(record.id().as_str())
            .bind(record.kind().as_str())
            .bind(operation.as_str())
            .bind(&change.author)
            .bind($time(at)?)
            .bind(change.reason.as_deref())
            .bind(stored.public.as_deref())
            .bind(stored.sealed.as_deref())
            .fetch_one(&mut **tx)
            .await
            .map_err(be)?;
            Ok($crate::vigil_store::Revision {
                seq,
                record_id: record.id().clone(),
                kind: record.kind(),
                operation,
                author: change.author.clone(),
                at,
                reason: change.reason.clone(),
                record: record.clone(),
                formerly: None,
            })
        }

        /// Replaces a record's state: a live record's for an update, a
        /// live or deleted one's for a restore.
        async fn replace(
            store: &$store,
            record: &$crate::vigil_core::Record,
            operation: $crate::vigil_store::Operation,
            change: &$crate::vigil_store::Change,
        ) -> $crate::vigil_store::Result<$crate::vigil_store::Revision> {
            let mut tx = store.begin_write().await?;
            let rev = replace_in(
                store,
                &mut tx,
                record,
                operation,
                change,
                &mut std::collections::HashMap::new(),
            )
            .await?;
            tx.commit().await.map_err(be)?;
            if record.has_confidential_content() {
                // What was in the clear before may linger in the backend's
                // own files (SQLite's WAL): each backend clears it.
                store.after_sealing().await;
            }
            Ok(rev)
        }

        /// [`replace`] within a transaction. `texts` caches source texts
        /// across the records of one import.
        async fn replace_in(
            store: &$store,
            tx: &mut $tx,
            record: &$crate::vigil_core::Record,
            operation: $crate::vigil_store::Operation,
            change: &$crate::vigil_store::Change,
            texts: &mut std::collections::HashMap<$crate::vigil_core::RecordId, String>,
        ) -> $crate::vigil_store::Result<$crate::vigil_store::Revision> {
            use $crate::vigil_store::{Operation, StoreError};
            let was_confidential = match existing(tx, record.id()).await? {
                Some((kind, deleted, confidential))
                    if kind == record.kind() && (!deleted || operation == Operation::Restore) =>
                {
                    confidential
                }
                Some((kind, false, _)) if kind != record.kind() => {
                    return Err(StoreError::wrong_kind(record.id(), record.kind(), kind))
                }
                _ => return Err(StoreError::not_found(record.id())),
            };
            expected_revision(tx, record.id(), change).await?;
            settle(tx, record.id(), change).await?;
            record.validate_as(change.evidence).map_err(StoreError::Invalid)?;
            check_against_store(store, tx, record, texts).await?;
            // Sealed once for the row and its revision.
            let stored = stored_form(store, tx, record, record).await?;
            let mut touched = touched_before(tx, record.id()).await?;
            let mut facts_touched = facts_touched_before(tx, record.id()).await?;
            write_row(tx, record, &stored, false, false).await?;
            touched_by(record, &mut touched);
            refresh_stretches(store, tx, &touched).await?;
            facts_touched.insert(record.id().as_str().to_owned());
            refresh_facts(store, tx, &facts_touched, &std::collections::HashMap::new()).await?;
            let rev = append_revision(tx, record, operation, change, &stored).await?;
            if record.has_confidential_content() {
                reseal_history(store, tx, record).await?;
            }
            let mut rev = rev;
            if record.is_confidential() && (!was_confidential || operation == Operation::Restore) {
                reseal_referrers(store, tx, record.id()).await?;
                withhold_dependents(store, tx, record.id(), change, texts).await?;
                if change.new_id_when_hidden && !was_confidential {
                    let new = give_new_id(store, tx, record.id()).await?;
                    // Followers of the change log (each server's search
                    // index, ingest's names) learn the old id here, sealed.
                    let formerly = $crate::vigil_store::seal::seal_bytes(
                        &store.key,
                        new.as_str().as_bytes(),
                        record.id().as_str().as_bytes(),
                    )?;
                    $crate::sqlx::query("UPDATE revisions SET formerly = $1 WHERE seq = $2")
                        .bind(formerly)
                        .bind(rev.seq)
                        .execute(&mut **tx)
                        .await
                        .map_err(be)?;
                    rev.formerly = Some(rev.record_id.clone());
                    rev.record = rev
                        .record
                        .clone()
                        .with_id(new.clone())
                        .with_references_moved(record.id(), &new)
                        .map_err(StoreError::backend)?
                        .unwrap_or_else(|| rev.record.clone().with_id(new.clone()));
                    rev.record_id = new;
                }
            }
            Ok(rev)
        }

        /// Makes confidential, in the same transaction, every public record
        /// that cannot be shown without `id`, which has just become
        /// confidential (a pledge it made, an assessment by it, a review
        /// of it as a mechanism…: `vigil_core::REQUIRED_REFERENCES`), and
        /// in turn what cannot be shown without those. Each gets a revision
        /// by `author` whose reason names no record. Otherwise the public
        /// would go on reading the hidden record's id in theirs.
        ///
        /// A boxed future: it writes through `replace_in`, which calls it.
        fn withhold_dependents<'a>(
            store: &'a $store,
            tx: &'a mut $tx,
            id: &'a $crate::vigil_core::RecordId,
            by: &'a $crate::vigil_store::Change,
            texts: &'a mut std::collections::HashMap<$crate::vigil_core::RecordId, String>,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = $crate::vigil_store::Result<()>> + Send + 'a>> {
            Box::pin(async move {
            use $crate::sqlx::Row as _;
            let mut q = $crate::sqlx::QueryBuilder::new(
                "SELECT DISTINCT l.from_id FROM links l JOIN records r ON r.id = l.from_id \
                 WHERE NOT r.confidential AND NOT r.deleted AND l.to_id = ",
            );
            q.push_bind(id.as_str());
            q.push(" AND l.field IN (");
            $crate::push_in_list(&mut q, $crate::vigil_core::REQUIRED_REFERENCES.iter().copied());
            q.push(" ORDER BY l.from_id");
            let dependents: Vec<String> = q.build_query_scalar().fetch_all(&mut **tx).await.map_err(be)?;
            let change = $crate::vigil_store::Change {
                evidence: $crate::vigil_core::EvidenceRule::MayBeWithheld,
                new_id_when_hidden: by.new_id_when_hidden,
                ..$crate::vigil_store::Change::new(&by.author, Some($crate::vigil_store::WITHHELD_WITH_REQUIRED))
            };
            for from in dependents.iter().filter(|f| f.as_str() != id.as_str()) {
                let row = $crate::sqlx::query("SELECT data, sealed FROM records WHERE id = $1")
                    .bind(from.as_str())
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(be)?;
                let record = store
                    .unseal(from, row.try_get("data").map_err(be)?, row.try_get("sealed").map_err(be)?)?
                    .withheld();
                replace_in(store, tx, &record, $crate::vigil_store::Operation::Update, &change, texts).await?;
            }
            Ok(())
            })
        }

        /// `record` with its id, if `old`, and its references to `old`
        /// naming `new`.
        fn moved(
            record: &$crate::vigil_core::Record,
            old: &$crate::vigil_core::RecordId,
            new: &$crate::vigil_core::RecordId,
        ) -> $crate::vigil_store::Result<$crate::vigil_core::Record> {
            if old == new {
                return Ok(record.clone());
            }
            let r = if record.id() == old { record.clone().with_id(new.clone()) } else { record.clone() };
            Ok(r.with_references_moved(old, new).map_err($crate::vigil_store::StoreError::backend)?.unwrap_or(r))
        }

        /// The history of `id` with `old` made `new` ([`moved`]) in every
        /// revision, sealed again as `now` (its current state) requires;
        /// the revisions of `old` itself filed under `new`.
        async fn history_moved(
            store: &$store,
            tx: &mut $tx,
            id: &$crate::vigil_core::RecordId,
            old: &$crate::vigil_core::RecordId,
            new: &$crate::vigil_core::RecordId,
            now: &$crate::vigil_core::Record,
        ) -> $crate::vigil_store::Result<()> {
            use $crate::sqlx::Row as _;
            let rows = $crate::sqlx::query("SELECT seq, data, sealed FROM revisions WHERE record_id = $1 ORDER BY seq")
                .bind(id.as_str())
                .fetch_all(&mut **tx)
                .await
                .map_err(be)?;
            let filed_under = if id == old { new } else { id };
            for row in rows {
                let seq: i64 = row.try_get("seq").map_err(be)?;
                let past = store.unseal(id.as_str(), row.try_get("data").map_err(be)?, row.try_get("sealed").map_err(be)?)?;
                let stored = stored_form(store, tx, &moved(&past, old, new)?, now).await?;
                $crate::sqlx::query("UPDATE revisions SET record_id = $1, data = $2, sealed = $3 WHERE seq = $4")
                    .bind(filed_under.as_str())
                    .bind(stored.public)
                    .bind(stored.sealed)
                    .bind(seq)
                    .execute(&mut **tx)
                    .await
                    .map_err(be)?;
            }
            Ok(())
        }

        /// Gives `old`, a record just made confidential in `tx`, a new
        /// opaque id (`vigil_store::Change::new_id_when_hidden`), and takes
        /// the old one out of the case file in the same transaction: its
        /// row, names and links, its history, what refers to it (now and
        /// in their histories), proposals of it or from it, its
        /// fingerprint, source links and attachments, the campaigns naming
        /// it, the reasons naming it (a merge's), and the derived status
        /// and facts. Sealed things are sealed again under the new id.
        async fn give_new_id(
            store: &$store,
            tx: &mut $tx,
            old: &$crate::vigil_core::RecordId,
        ) -> $crate::vigil_store::Result<$crate::vigil_core::RecordId> {
            use $crate::sqlx::Row as _;
            use $crate::vigil_store::reissue;
            use $crate::vigil_store::StoreError;
            let new = $crate::vigil_store::opaque_id();
            let renamed = |r: &$crate::vigil_core::Record| moved(r, old, &new);
            // What depends on it, read while its links still name it.
            let mut touched = touched_before(tx, old).await?;
            let mut facts_touched = facts_touched_before(tx, old).await?;
            // Those that name it now (links), and those that named it once
            // or name it while deleted (no links: found in what they hold
            // in the clear, which is where the old id must not stay).
            let quoted = format!("%\"{old}\"%");
            let mut referrers: Vec<String> = $crate::sqlx::query_scalar(
                "SELECT from_id FROM links WHERE to_id = $1 AND from_id <> $1 \
                 UNION SELECT id FROM records WHERE deleted AND id <> $1 AND data LIKE $2 \
                 UNION SELECT record_id FROM revisions WHERE record_id <> $1 AND data LIKE $2",
            )
            .bind(old.as_str())
            .bind(&quoted)
            .fetch_all(&mut **tx)
            .await
            .map_err(be)?;
            referrers.sort();
            referrers.dedup();
            // The record itself: its row under the new id, names and links
            // written again from it.
            let row = $crate::sqlx::query("SELECT data, sealed, deleted FROM records WHERE id = $1")
                .bind(old.as_str())
                .fetch_one(&mut **tx)
                .await
                .map_err(be)?;
            let now = renamed(&store.unseal(old.as_str(), row.try_get("data").map_err(be)?, row.try_get("sealed").map_err(be)?)?)?;
            let deleted: bool = row.try_get("deleted").map_err(be)?;
            clear_index(tx, old).await?;
            $crate::sqlx::query("UPDATE records SET id = $1 WHERE id = $2")
                .bind(new.as_str())
                .bind(old.as_str())
                .execute(&mut **tx)
                .await
                .map_err(be)?;
            let stored = stored_form(store, tx, &now, &now).await?;
            write_row(tx, &now, &stored, deleted, false).await?;
            $crate::sqlx::query("UPDATE links SET to_id = $1 WHERE to_id = $2")
                .bind(new.as_str())
                .bind(old.as_str())
                .execute(&mut **tx)
                .await
                .map_err(be)?;
            // Its history, and every referrer's, naming the new id.
            history_moved(store, tx, old, old, &new, &now).await?;
            for from in &referrers {
                let Some(row) = $crate::sqlx::query("SELECT data, sealed FROM records WHERE id = $1")
                    .bind(from.as_str())
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(be)?
                else {
                    continue;
                };
                let before = store.unseal(from, row.try_get("data").map_err(be)?, row.try_get("sealed").map_err(be)?)?;
                let current = renamed(&before)?;
                if current != before {
                    let stored = stored_form(store, tx, &current, &current).await?;
                    $crate::sqlx::query("UPDATE records SET data = $1, sealed = $2 WHERE id = $3")
                        .bind(stored.public.as_deref())
                        .bind(stored.sealed.as_deref())
                        .bind(from.as_str())
                        .execute(&mut **tx)
                        .await
                        .map_err(be)?;
                }
                history_moved(store, tx, &$crate::vigil_core::RecordId::parse(from).map_err(be)?, old, &new, &current).await?;
            }
            // Proposals: from it (ids `{source}.pN`, sealed under their
            // ids), and matched to it.
            let rows = $crate::sqlx::query("SELECT id, body FROM proposals WHERE source_id = $1")
                .bind(old.as_str())
                .fetch_all(&mut **tx)
                .await
                .map_err(be)?;
            for row in rows {
                let id: String = row.try_get("id").map_err(be)?;
                let body: String = row.try_get("body").map_err(be)?;
                let new_id = match id.strip_prefix(old.as_str()) {
                    Some(rest) if rest.starts_with('.') => format!("{new}{rest}"),
                    _ => format!("{new}.{}", &$crate::vigil_store::opaque_id().as_str()[..8]),
                };
                let body = reissue::proposal_rebound(&store.key, &id, &new_id, &body, old, &new)?;
                $crate::sqlx::query("UPDATE proposals SET id = $1, source_id = $2, label = '', body = $3 WHERE id = $4")
                    .bind(&new_id)
                    .bind(new.as_str())
                    .bind(&body)
                    .bind(&id)
                    .execute(&mut **tx)
                    .await
                    .map_err(be)?;
            }
            // Proposals of other sources still waiting, which may match it
            // (their sealed bodies name it): read whole, as a rename is rare.
            let rows = $crate::sqlx::query("SELECT id, body FROM proposals WHERE state = 'pending' AND source_id <> $1")
                .bind(new.as_str())
                .fetch_all(&mut **tx)
                .await
                .map_err(be)?;
            for row in rows {
                let id: String = row.try_get("id").map_err(be)?;
                let body: String = row.try_get("body").map_err(be)?;
                if let Some(body) = reissue::proposal_renamed(&store.key, &id, &body, old, &new)? {
                    $crate::sqlx::query("UPDATE proposals SET label = '', body = $1 WHERE id = $2")
                        .bind(&body)
                        .bind(&id)
                        .execute(&mut **tx)
                        .await
                        .map_err(be)?;
                }
            }
            for sql in [
                "UPDATE proposals SET record_id = $1 WHERE record_id = $2",
                "UPDATE source_links SET source_id = $1 WHERE source_id = $2",
                "UPDATE source_links SET other_id = $1 WHERE other_id = $2",
            ] {
                $crate::sqlx::query(sql)
                    .bind(new.as_str())
                    .bind(old.as_str())
                    .execute(&mut **tx)
                    .await
                    .map_err(be)?;
            }
            // Its fingerprint and attachments, sealed under its id.
            if let Some(row) = $crate::sqlx::query("SELECT signature FROM source_fingerprints WHERE source_id = $1")
                .bind(old.as_str())
                .fetch_optional(&mut **tx)
                .await
                .map_err(be)?
            {
                let signature: String = row.try_get("signature").map_err(be)?;
                $crate::sqlx::query("UPDATE source_fingerprints SET source_id = $1, signature = $2 WHERE source_id = $3")
                    .bind(new.as_str())
                    .bind(reissue::fingerprint_rebound(&store.key, old, &new, &signature)?)
                    .bind(old.as_str())
                    .execute(&mut **tx)
                    .await
                    .map_err(be)?;
            }
            let rows = $crate::sqlx::query("SELECT id, name, sealed FROM attachments WHERE source_id = $1")
                .bind(old.as_str())
                .fetch_all(&mut **tx)
                .await
                .map_err(be)?;
            for row in rows {
                let id: String = row.try_get("id").map_err(be)?;
                let name: String = row.try_get("name").map_err(be)?;
                let sealed: Vec<u8> = row.try_get("sealed").map_err(be)?;
                let sealed = reissue::rebound(
                    &store.key,
                    &$crate::vigil_store::attachments::aad(old, &name),
                    &$crate::vigil_store::attachments::aad(&new, &name),
                    &sealed,
                )?;
                $crate::sqlx::query("UPDATE attachments SET id = $1, source_id = $2, sealed = $3 WHERE id = $4")
                    .bind(format!("{new}/{name}"))
                    .bind(new.as_str())
                    .bind(sealed)
                    .bind(&id)
                    .execute(&mut **tx)
                    .await
                    .map_err(be)?;
            }
            // Campaigns naming it.
            let pattern = format!("%{old}%");
            let rows = $crate::sqlx::query("SELECT slug, data FROM campaigns WHERE data LIKE $1")
                .bind(&pattern)
                .fetch_all(&mut **tx)
                .await
                .map_err(be)?;
            for row in rows {
                let slug: String = row.try_get("slug").map_err(be)?;
                let data: String = row.try_get("data").map_err(be)?;
                if let Some(data) = reissue::campaign_renamed(&data, old.as_str(), new.as_str()) {
                    $crate::sqlx::query("UPDATE campaigns SET data = $1 WHERE slug = $2")
                        .bind(data)
                        .bind(slug)
                        .execute(&mut **tx)
                        .await
                        .map_err(be)?;
                }
            }
            // Texts naming it, by row number: the campaigns' audit copies,
            // and reasons (a merge's: "merged x into erlan-baltabay").
            let texts: [(&str, &str, fn(&str, &str, &str) -> Option<String>); 2] = [
                (
                    "SELECT id AS n, detail AS text FROM campaign_audit WHERE detail LIKE $1",
                    "UPDATE campaign_audit SET detail = $1 WHERE id = $2",
                    reissue::campaign_renamed,
                ),
                (
                    "SELECT seq AS n, reason AS text FROM revisions WHERE reason LIKE $1",
                    "UPDATE revisions SET reason = $1 WHERE seq = $2",
                    reissue::text_renamed,
                ),
            ];
            for (select, update, renamed) in texts {
                let rows = $crate::sqlx::query(select).bind(&pattern).fetch_all(&mut **tx).await.map_err(be)?;
                for row in rows {
                    let n: i64 = row.try_get("n").map_err(be)?;
                    let text: String = row.try_get("text").map_err(be)?;
                    if let Some(text) = renamed(&text, old.as_str(), new.as_str()) {
                        $crate::sqlx::query(update).bind(text).bind(n).execute(&mut **tx).await.map_err(be)?;
                    }
                }
            }
            // The derived state: the old id's cleared, the new one's made.
            touched.insert(old.as_str().to_owned());
            touched.insert(new.as_str().to_owned());
            touched_by(&now, &mut touched);
            refresh_stretches(store, tx, &touched).await?;
            facts_touched.insert(old.as_str().to_owned());
            facts_touched.extend(facts_touched_before(tx, &new).await?);
            refresh_facts(store, tx, &facts_touched, &std::collections::HashMap::new()).await?;
            Ok(new)
        }

        /// Gives every confidential record whose id Vigil did not make
        /// (`vigil_store::is_opaque_id`) an opaque one ([`give_new_id`]),
        /// each in a transaction of its own: a case file from before
        /// records made confidential were given new ids, or records
        /// imported confidential under readable ids. Returns how many.
        pub(crate) async fn give_opaque_ids(store: &$store) -> $crate::vigil_store::Result<u64> {
            let ids: Vec<String> = $crate::sqlx::query_scalar("SELECT id FROM records WHERE confidential ORDER BY id")
                .fetch_all(&store.$reader)
                .await
                .map_err(be)?;
            let readable: Vec<$crate::vigil_core::RecordId> = ids
                .iter()
                .filter(|i| !$crate::vigil_store::is_opaque_id(i))
                .filter_map(|i| $crate::vigil_core::RecordId::parse(i).ok())
                .collect();
            for id in &readable {
                let mut tx = store.begin_write().await?;
                give_new_id(store, &mut tx, id).await?;
                tx.commit().await.map_err(be)?;
            }
            if !readable.is_empty() {
                store.after_sealing().await;
            }
            Ok(readable.len() as u64)
        }

        /// Withholds, once when a case file is opened, what an earlier
        /// version left public although it cannot be shown without a
        /// confidential record ([`withhold_dependents`]).
        pub(crate) async fn withhold_exposing(store: &$store) -> $crate::vigil_store::Result<u64> {
            let mut q = $crate::sqlx::QueryBuilder::new(
                "SELECT DISTINCT l.to_id FROM links l JOIN records f ON f.id = l.from_id \
                 JOIN records t ON t.id = l.to_id \
                 WHERE t.confidential AND NOT f.confidential AND NOT f.deleted AND l.field IN (",
            );
            $crate::push_in_list(&mut q, $crate::vigil_core::REQUIRED_REFERENCES.iter().copied());
            q.push(" ORDER BY l.to_id");
            let hidden: Vec<String> = q.build_query_scalar().fetch_all(&store.$reader).await.map_err(be)?;
            if hidden.is_empty() {
                return Ok(0);
            }
            let mut tx = store.begin_write().await?;
            let first: i64 = $crate::sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM revisions")
                .fetch_one(&mut *tx)
                .await
                .map_err(be)?;
            let mut texts = std::collections::HashMap::new();
            // Ids stay: no writer is there to be told of new ones.
            let by = $crate::vigil_store::Change::new($crate::vigil_store::SYSTEM_AUTHOR, None);
            for id in hidden.iter().filter_map(|i| $crate::vigil_core::RecordId::parse(i).ok()) {
                withhold_dependents(store, &mut tx, &id, &by, &mut texts).await?;
            }
            let last: i64 = $crate::sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM revisions")
                .fetch_one(&mut *tx)
                .await
                .map_err(be)?;
            tx.commit().await.map_err(be)?;
            store.after_sealing().await;
            tracing::warn!(
                withheld = last - first,
                "withheld records that could not be shown without a confidential one they name (left public by an earlier version)"
            );
            Ok((last - first) as u64)
        }

        /// Refuses the write as stale when the writer expected another
        /// revision than the record's current one: read in the write's own
        /// transaction, which holds the backend's write lock, so no other
        /// write comes between this check and the write.
        async fn expected_revision(
            tx: &mut $tx,
            id: &$crate::vigil_core::RecordId,
            change: &$crate::vigil_store::Change,
        ) -> $crate::vigil_store::Result<()> {
            let Some(expected) = change.expected else {
                return Ok(());
            };
            let current: Option<i64> =
                $crate::sqlx::query_scalar("SELECT MAX(seq) FROM revisions WHERE record_id = $1")
                    .bind(id.as_str())
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(be)?;
            match current {
                Some(current) if current != expected => Err($crate::vigil_store::StoreError::Stale {
                    id: id.clone(),
                    current,
                }),
                _ => Ok(()),
            }
        }

        /// Creates and updates in one transaction (see
        /// `vigil_store::Store::write_all`); the creates are made in bulk
        /// (`create_bulk`).
        pub(crate) async fn write_all(
            store: &$store,
            creates: &[($crate::vigil_core::Record, $crate::vigil_store::Change)],
            updates: &[($crate::vigil_core::Record, $crate::vigil_store::Change)],
            dry_run: bool,
        ) -> $crate::vigil_store::Result<Vec<$crate::vigil_store::Revision>> {
            use $crate::vigil_store::{Operation, StoreError};
            let batch: Vec<_> = creates.iter().map(|(r, c)| (r, c)).collect();
            let mut tx = store.begin_write().await?;
            let mut revisions = create_bulk(store, &mut tx, &batch, true).await?;
            let mut texts = std::collections::HashMap::new();
            for (record, change) in updates {
                let rev = replace_in(store, &mut tx, record, Operation::Update, change, &mut texts)
                    .await
                    .map_err(|e| match e {
                        StoreError::Invalid(errors) => StoreError::Invalid(
                            errors
                                .into_iter()
                                .map(|f| {
                                    $crate::vigil_core::FieldError::new(
                                        format!("{}.{}", record.id(), f.field),
                                        f.message,
                                    )
                                })
                                .collect(),
                        ),
                        other => other,
                    })?;
                revisions.push(rev);
            }
            if dry_run {
                tx.rollback().await.map_err(be)?;
                return Ok(revisions);
            }
            analyse_after_bulk(&mut tx, creates.len() + updates.len()).await?;
            tx.commit().await.map_err(be)?;
            if updates.iter().any(|(r, _)| r.has_confidential_content()) {
                store.after_sealing().await;
            }
            Ok(revisions)
        }

        /// Once a record bears confidentiality marks, its earlier
        /// revisions are stored under them too: what was entered in the
        /// clear before a field was marked confidential does not stay
        /// readable in the database.
        async fn reseal_history(
            store: &$store,
            tx: &mut $tx,
            now: &$crate::vigil_core::Record,
        ) -> $crate::vigil_store::Result<()> {
            history_moved(store, tx, now.id(), now.id(), now.id(), now).await
        }

        /// Creates one record in `tx`: checked (valid, its id free, its
        /// references and excerpts against the store), sealed once for its
        /// row and its first revision, both written. `taken`, when given,
        /// holds the ids known to be taken (a batch asks once for all);
        /// otherwise the store is asked.
        async fn create_in(
            store: &$store,
            tx: &mut $tx,
            record: &$crate::vigil_core::Record,
            change: &$crate::vigil_store::Change,
            texts: &mut std::collections::HashMap<$crate::vigil_core::RecordId, String>,
            taken: Option<&std::collections::HashSet<$crate::vigil_core::RecordId>>,
        ) -> $crate::vigil_store::Result<$crate::vigil_store::Revision> {
            use $crate::vigil_store::StoreError;
            record.validate_as(change.evidence).map_err(StoreError::Invalid)?;
            // First: an editor who lost the race to settle a proposal is
            // told it was decided, whatever else their record would meet.
            settle(tx, record.id(), change).await?;
            let is_taken = match taken {
                Some(taken) => taken.contains(record.id()),
                None => existing(tx, record.id()).await?.is_some(),
            };
            if is_taken {
                return Err(StoreError::Conflict(record.id().clone()));
            }
            check_against_store(store, tx, record, texts).await?;
            // Sealed once for the row and its revision (the text is most of a source).
            let stored = stored_form(store, tx, record, record).await?;
            write_row(tx, record, &stored, false, true).await?;
            append_revision(tx, record, $crate::vigil_store::Operation::Create, change, &stored).await
        }

        /// Decides the proposal `change` settles, accepted with `record`,
        /// in the write's transaction: refused (and so the write with it)
        /// when it is not pending any more.
        async fn settle(
            tx: &mut $tx,
            record: &$crate::vigil_core::RecordId,
            change: &$crate::vigil_store::Change,
        ) -> $crate::vigil_store::Result<()> {
            let Some(proposal) = &change.settles else {
                return Ok(());
            };
            let settled = $crate::sqlx::query(
                "UPDATE proposals SET state = 'accepted', decided_by = $1, decided_at = $2, record_id = $3 \
                 WHERE id = $4 AND state = 'pending'",
            )
            .bind(&change.author)
            .bind(<$store as $crate::Backend>::time($crate::vigil_store::now())?)
            .bind(record.as_str())
            .bind(proposal)
            .execute(&mut **tx)
            .await
            .map_err(be)?;
            if settled.rows_affected() == 1 {
                return Ok(());
            }
            let state: Option<String> = $crate::sqlx::query_scalar("SELECT state FROM proposals WHERE id = $1")
                .bind(proposal)
                .fetch_optional(&mut **tx)
                .await
                .map_err(be)?;
            Err(match state {
                None => $crate::vigil_store::StoreError::NotFound {
                    kind: "proposal",
                    id: proposal.clone(),
                },
                Some(state) => $crate::vigil_store::StoreError::Decided {
                    id: proposal.clone(),
                    state,
                },
            })
        }

        /// What a batch of new records is checked against: the records of
        /// the batch before the one checked (`now`), and the stored records
        /// the batch refers to (`stored`: kind, deleted, confidential) with
        /// the texts of the stored sources it quotes.
        struct Batch<'a> {
            at: std::collections::HashMap<&'a str, usize>,
            records: Vec<&'a $crate::vigil_core::Record>,
            stored: std::collections::HashMap<String, ($crate::vigil_core::RecordKind, bool, bool)>,
            texts: std::collections::HashMap<String, String>,
            now: usize,
        }

        impl $crate::vigil_core::casefile::references::Known for Batch<'_> {
            fn kind(&self, id: &$crate::vigil_core::RecordId) -> Option<$crate::vigil_core::RecordKind> {
                match self.at.get(id.as_str()) {
                    Some(&j) => (j < self.now).then(|| self.records[j].kind()),
                    None => match self.stored.get(id.as_str()) {
                        Some((kind, false, _)) => Some(*kind),
                        _ => None,
                    },
                }
            }

            fn source_text(&self, id: &$crate::vigil_core::RecordId) -> Option<&str> {
                match self.at.get(id.as_str()) {
                    Some(&j) if j < self.now => match self.records[j] {
                        $crate::vigil_core::Record::Source(s) => Some(s.text.as_str()),
                        _ => None,
                    },
                    Some(_) => None,
                    None => self.texts.get(id.as_str()).map(String::as_str),
                }
            }

            fn is_confidential(&self, id: &$crate::vigil_core::RecordId) -> bool {
                self.confidential(id)
            }
        }

        impl Batch<'_> {
            /// Whether the record `id` is confidential (a deleted one too).
            fn confidential(&self, id: &$crate::vigil_core::RecordId) -> bool {
                match self.at.get(id.as_str()) {
                    Some(&j) => self.records[j].is_confidential(),
                    None => self.stored.get(id.as_str()).is_some_and(|s| s.2),
                }
            }
        }

        /// Creates `batch` in `tx` as `create_in` would one by one, in bulk:
        /// every record checked first, in order (valid; its id free; its
        /// references to records before it in the batch or stored, and its
        /// excerpts quoting them), with what it needs from the store read in
        /// a few statements for all; then rows, index and revisions written
        /// by multi-row inserts, and the status stretches of the persons it
        /// touches computed from the records in memory. An error names the
        /// record (`{id}.{field}`). The revisions come back when `wanted`
        /// (an import of a whole case file does without them).
        async fn create_bulk(
            store: &$store,
            tx: &mut $tx,
            batch: &[(&$crate::vigil_core::Record, &$crate::vigil_store::Change)],
            wanted: bool,
        ) -> $crate::vigil_store::Result<Vec<$crate::vigil_store::Revision>> {
            use std::collections::{BTreeSet, HashMap, HashSet};
            use $crate::sqlx::Row as _;
            use $crate::vigil_core::{FieldError, Record, RecordId};
            use $crate::vigil_store::StoreError;
            let named = |record: &Record, e: StoreError| match e {
                StoreError::Invalid(errors) => StoreError::Invalid(
                    errors
                        .into_iter()
                        .map(|f| FieldError::new(format!("{}.{}", record.id(), f.field), f.message))
                        .collect(),
                ),
                other => other,
            };
            let mut known = Batch {
                at: HashMap::with_capacity(batch.len()),
                records: batch.iter().map(|(r, _)| *r).collect(),
                stored: HashMap::new(),
                texts: HashMap::new(),
                now: 0,
            };
            for (i, (r, _)) in batch.iter().enumerate() {
                known.at.entry(r.id().as_str()).or_insert(i);
            }
            // A batch write settles proposals as a single one does.
            for (r, change) in batch {
                settle(tx, r.id(), change).await?;
            }
            // What the store holds of the batch's ids and references (an
            // empty store, as for a first import, holds none of them).
            let empty = $crate::sqlx::query_scalar::<_, i32>("SELECT 1 FROM records LIMIT 1")
                .fetch_optional(&mut **tx)
                .await
                .map_err(be)?
                .is_none();
            if !empty {
                let mut ask: Vec<&str> = known.at.keys().copied().collect();
                for (r, _) in batch {
                    for reference in r.references() {
                        if !known.at.contains_key(reference.id.as_str()) {
                            ask.push(reference.id.as_str());
                        }
                    }
                }
                ask.sort_unstable();
                ask.dedup();
                for chunk in ask.chunks($crate::IN_LIST) {
                    let mut q =
                        $crate::sqlx::QueryBuilder::new("SELECT id, kind, deleted, confidential FROM records WHERE id IN (");
                    $crate::push_in_list(&mut q, chunk.iter().copied());
                    for row in q.build().fetch_all(&mut **tx).await.map_err(be)? {
                        let kind: String = row.try_get("kind").map_err(be)?;
                        known.stored.insert(
                            row.try_get("id").map_err(be)?,
                            (
                                kind.parse().map_err(be)?,
                                row.try_get("deleted").map_err(be)?,
                                row.try_get("confidential").map_err(be)?,
                            ),
                        );
                    }
                }
                let mut quoted: Vec<&str> = batch
                    .iter()
                    .flat_map(|(r, _)| r.excerpts().iter().map(|x| x.source_id.as_str()))
                    .filter(|s| !known.at.contains_key(s) && known.stored.contains_key(*s))
                    .collect();
                quoted.sort_unstable();
                quoted.dedup();
                for chunk in quoted.chunks($crate::IN_LIST) {
                    let mut q = $crate::sqlx::QueryBuilder::new(
                        "SELECT id, data, sealed FROM records WHERE kind = 'source' AND NOT deleted AND id IN (",
                    );
                    $crate::push_in_list(&mut q, chunk.iter().copied());
                    for row in q.build().fetch_all(&mut **tx).await.map_err(be)? {
                        let id: String = row.try_get("id").map_err(be)?;
                        if let Record::Source(s) =
                            store.unseal(&id, row.try_get("data").map_err(be)?, row.try_get("sealed").map_err(be)?)?
                        {
                            known.texts.insert(id, s.text);
                        }
                    }
                }
            }
            // Every record checked, in order, before anything is written.
            // (An organisation's parent line cannot lead back to a new
            // organisation: nothing stored or earlier in the batch names
            // its id, so the ancestry check of an update is not needed.)
            for (i, (record, change)) in batch.iter().enumerate() {
                record
                    .validate_as(change.evidence)
                    .map_err(|e| named(record, StoreError::Invalid(e)))?;
                if known.stored.contains_key(record.id().as_str()) || known.at.get(record.id().as_str()) != Some(&i) {
                    return Err(StoreError::Conflict(record.id().clone()));
                }
                known.now = i;
                let misfits: Vec<FieldError> = $crate::vigil_core::casefile::references::check(record, &known)
                    .into_iter()
                    .map(FieldError::from)
                    .collect();
                if !misfits.is_empty() {
                    return Err(named(record, StoreError::Invalid(misfits)));
                }
            }
            let mut revisions = Vec::with_capacity(if wanted { batch.len() } else { 0 });
            for chunk in batch.chunks(ROWS_CHUNK) {
                // Each sealed once for its row and its revision.
                let mut prepared = Vec::with_capacity(chunk.len());
                for (record, _) in chunk {
                    let hidden: HashSet<RecordId> = record
                        .references()
                        .iter()
                        .filter(|r| known.confidential(r.id))
                        .map(|r| r.id.clone())
                        .collect();
                    let public = record.redacted();
                    let stored = $crate::vigil_store::seal::seal(&store.key, record, &hidden)?;
                    let index = $crate::index::index(record, public.as_ref());
                    prepared.push((stored, sort_key(public.as_ref()), index));
                }
                let mut q = $crate::sqlx::QueryBuilder::new(
                    "INSERT INTO records (id, kind, data, sealed, sort_key, confidential, event_type, date_earliest, \
                     date_latest, deleted, pattern) ",
                );
                q.push_values(chunk.iter().zip(&prepared), |mut b, ((record, _), (stored, key, _))| {
                    let (event_type, earliest, latest) = event_columns(record);
                    b.push_bind(record.id().as_str())
                        .push_bind(record.kind().as_str())
                        .push_bind(stored.public.as_deref())
                        .push_bind(stored.sealed.as_deref())
                        .push_bind(key.as_str())
                        .push_bind(record.is_confidential())
                        .push_bind(event_type)
                        .push_bind(earliest)
                        .push_bind(latest)
                        .push_bind(false)
                        .push_bind(is_pattern(record));
                });
                q.build().execute(&mut **tx).await.map_err(be)?;
                let names: Vec<(&str, &str)> = chunk
                    .iter()
                    .zip(&prepared)
                    .flat_map(|((r, _), (_, _, index))| index.names.iter().map(|n| (r.id().as_str(), n.as_str())))
                    .collect();
                for rows in names.chunks(ROWS_CHUNK) {
                    let mut q = $crate::sqlx::QueryBuilder::new("INSERT INTO record_names (record_id, folded) ");
                    q.push_values(rows, |mut b, (id, folded)| {
                        b.push_bind(*id).push_bind(*folded);
                    });
                    q.build().execute(&mut **tx).await.map_err(be)?;
                }
                let links: Vec<(&str, &$crate::index::Link)> = chunk
                    .iter()
                    .zip(&prepared)
                    .flat_map(|((r, _), (_, _, index))| index.links.iter().map(|l| (r.id().as_str(), l)))
                    .collect();
                for rows in links.chunks(ROWS_CHUNK) {
                    let mut q = $crate::sqlx::QueryBuilder::new("INSERT INTO links (from_id, to_id, field, public) ");
                    q.push_values(rows, |mut b, (id, l)| {
                        b.push_bind(*id)
                            .push_bind(l.to_id.as_str())
                            .push_bind(l.field.as_str())
                            .push_bind(l.public);
                    });
                    q.build().execute(&mut **tx).await.map_err(be)?;
                }
                let at = $crate::vigil_store::now();
                let at_value = $time(at)?;
                let mut q = $crate::sqlx::QueryBuilder::new(
                    "INSERT INTO revisions (record_id, kind, operation, author, at, reason, data, sealed) ",
                );
                q.push_values(chunk.iter().zip(&prepared), |mut b, ((record, change), (stored, _, _))| {
                    b.push_bind(record.id().as_str())
                        .push_bind(record.kind().as_str())
                        .push_bind($crate::vigil_store::Operation::Create.as_str())
                        .push_bind(change.author.as_str())
                        .push_bind(at_value.clone())
                        .push_bind(change.reason.as_deref())
                        .push_bind(stored.public.as_deref())
                        .push_bind(stored.sealed.as_deref());
                });
                if !wanted {
                    q.build().execute(&mut **tx).await.map_err(be)?;
                    continue;
                }
                q.push(" RETURNING seq, record_id");
                let mut numbered: HashMap<String, i64> = HashMap::with_capacity(chunk.len());
                for row in q.build().fetch_all(&mut **tx).await.map_err(be)? {
                    numbered.insert(row.try_get("record_id").map_err(be)?, row.try_get("seq").map_err(be)?);
                }
                for (record, change) in chunk {
                    let seq = *numbered
                        .get(record.id().as_str())
                        .ok_or_else(|| StoreError::backend(std::io::Error::other("a revision was not numbered")))?;
                    revisions.push($crate::vigil_store::Revision {
                        seq,
                        record_id: record.id().clone(),
                        kind: record.kind(),
                        operation: $crate::vigil_store::Operation::Create,
                        author: change.author.clone(),
                        at,
                        reason: change.reason.clone(),
                        record: (*record).clone(),
                        formerly: None,
                    });
                }
            }
            // The status of the persons the batch touches, from the batch
            // in memory (and what is stored of persons it adds events to).
            let mut touched = BTreeSet::new();
            for (record, _) in batch {
                touched_by(record, &mut touched);
            }
            let in_memory: HashMap<&str, &Record> = batch.iter().map(|(r, _)| (r.id().as_str(), *r)).collect();
            refresh_known(store, tx, &touched, &in_memory).await?;
            // The facts of the events it adds: nothing stored before refers
            // to a new id, so no other event's facts change.
            let new_events: BTreeSet<String> = batch
                .iter()
                .filter(|(r, _)| matches!(r, Record::Event(_)))
                .map(|(r, _)| r.id().as_str().to_owned())
                .collect();
            refresh_facts(store, tx, &new_events, &in_memory).await?;
            Ok(revisions)
        }

        pub(crate) async fn create(
            store: &$store,
            record: $crate::vigil_core::Record,
            change: &$crate::vigil_store::Change,
        ) -> $crate::vigil_store::Result<$crate::vigil_store::Revision> {
            let mut tx = store.begin_write().await?;
            let rev = create_in(store, &mut tx, &record, change, &mut std::collections::HashMap::new(), None).await?;
            commit_created(store, tx, [&record]).await?;
            Ok(rev)
        }

        /// Refreshes the derived status of the persons `created` touch,
        /// then commits `tx`.
        async fn commit_created<'r>(
            store: &$store,
            mut tx: $tx,
            created: impl IntoIterator<Item = &'r $crate::vigil_core::Record>,
        ) -> $crate::vigil_store::Result<()> {
            let mut touched = std::collections::BTreeSet::new();
            let mut events = std::collections::BTreeSet::new();
            for record in created {
                touched_by(record, &mut touched);
                if matches!(record, $crate::vigil_core::Record::Event(_)) {
                    events.insert(record.id().as_str().to_owned());
                }
            }
            refresh_stretches(store, &mut tx, &touched).await?;
            refresh_facts(store, &mut tx, &events, &std::collections::HashMap::new()).await?;
            tx.commit().await.map_err(be)
        }

        pub(crate) async fn import(
            store: &$store,
            case_file: &$crate::vigil_core::CaseFile,
            change: &$crate::vigil_store::Change,
        ) -> $crate::vigil_store::Result<usize> {
            let records = case_file.records();
            let batch: Vec<_> = records.iter().map(|r| (r, change)).collect();
            let mut tx = store.begin_write().await?;
            create_bulk(store, &mut tx, &batch, false).await?;
            analyse_after_bulk(&mut tx, batch.len()).await?;
            tx.commit().await.map_err(be)?;
            Ok(records.len())
        }

        /// After a large batch, the planner's statistics are brought up to
        /// date in the same transaction. Without them SQLite guessed that
        /// `kind IN (…)` was more selective than an id, and a country's
        /// records were read by walking every event for each of its links:
        /// minutes at 100,000 persons instead of milliseconds.
        async fn analyse_after_bulk(tx: &mut $tx, written: usize) -> $crate::vigil_store::Result<()> {
            const LARGE_BATCH: usize = 10_000;
            if written >= LARGE_BATCH {
                analyse(tx).await?;
            }
            Ok(())
        }

        /// Brings the planner's statistics up to date (`ANALYZE`: the same
        /// statement on both backends, allowed inside a transaction).
        async fn analyse(tx: &mut $tx) -> $crate::vigil_store::Result<()> {
            $crate::sqlx::query("ANALYZE").execute(&mut **tx).await.map_err(be)?;
            for sql in <$store as $crate::Backend>::AFTER_ANALYSE {
                $crate::sqlx::query(sql).execute(&mut **tx).await.map_err(be)?;
            }
            Ok(())
        }

        pub(crate) async fn create_all(
            store: &$store,
            records: &[($crate::vigil_core::Record, $crate::vigil_store::Change)],
        ) -> $crate::vigil_store::Result<Vec<$crate::vigil_store::Revision>> {
            let batch: Vec<_> = records.iter().map(|(r, c)| (r, c)).collect();
            let mut tx = store.begin_write().await?;
            let revisions = create_bulk(store, &mut tx, &batch, true).await?;
            analyse_after_bulk(&mut tx, batch.len()).await?;
            tx.commit().await.map_err(be)?;
            Ok(revisions)
        }

        pub(crate) async fn update(
            store: &$store,
            record: $crate::vigil_core::Record,
            change: &$crate::vigil_store::Change,
        ) -> $crate::vigil_store::Result<$crate::vigil_store::Revision> {
            replace(store, &record, $crate::vigil_store::Operation::Update, change).await
        }

        pub(crate) async fn restore(
            store: &$store,
            id: &$crate::vigil_core::RecordId,
            seq: i64,
            change: &$crate::vigil_store::Change,
        ) -> $crate::vigil_store::Result<$crate::vigil_store::Revision> {
            use $crate::sqlx::Row as _;
            let row = $crate::sqlx::query("SELECT data, sealed FROM revisions WHERE record_id = $1 AND seq = $2")
                .bind(id.as_str())
                .bind(seq)
                .fetch_optional(&store.$reader)
                .await
                .map_err(be)?;
            let Some(row) = row else {
                return Err($crate::vigil_store::StoreError::NotFound {
                    kind: "revision",
                    id: format!("{id}@{seq}"),
                });
            };
            let record = store.unseal(
                id.as_str(),
                row.try_get("data").map_err(be)?,
                row.try_get("sealed").map_err(be)?,
            )?;
            replace(store, &record, $crate::vigil_store::Operation::Restore, change).await
        }

        /// Deletes `id` unless a live record other than those in
        /// `leaving` refers to it (see `Store::delete_leaving`).
        pub(crate) async fn delete(
            store: &$store,
            id: &$crate::vigil_core::RecordId,
            change: &$crate::vigil_store::Change,
            leaving: &[$crate::vigil_core::RecordId],
        ) -> $crate::vigil_store::Result<$crate::vigil_store::Revision> {
            use $crate::sqlx::Row as _;
            use $crate::vigil_store::StoreError;
            let mut tx = store.begin_write().await?;
            let row = $crate::sqlx::query("SELECT data, sealed FROM records WHERE id = $1 AND NOT deleted")
                .bind(id.as_str())
                .fetch_optional(&mut *tx)
                .await
                .map_err(be)?;
            let Some(row) = row else {
                return Err(StoreError::not_found(id));
            };
            expected_revision(&mut tx, id, change).await?;
            let record = store.unseal(
                id.as_str(),
                row.try_get("data").map_err(be)?,
                row.try_get("sealed").map_err(be)?,
            )?;
            let by: Vec<String> = $crate::sqlx::query_scalar(
                "SELECT DISTINCT from_id FROM links WHERE to_id = $1 AND from_id <> $1 ORDER BY from_id",
            )
            .bind(id.as_str())
            .fetch_all(&mut *tx)
            .await
            .map_err(be)?;
            let by: Vec<$crate::vigil_core::RecordId> = by
                .iter()
                .filter_map(|s| $crate::vigil_core::RecordId::parse(s).ok())
                .filter(|r| !leaving.contains(r))
                .take(20)
                .collect();
            if !by.is_empty() {
                return Err(StoreError::Referenced { id: id.clone(), by });
            }
            $crate::sqlx::query("UPDATE records SET deleted = $1 WHERE id = $2")
                .bind(true)
                .bind(id.as_str())
                .execute(&mut *tx)
                .await
                .map_err(be)?;
            let touched = touched_before(&mut tx, id).await?;
            let facts_touched = facts_touched_before(&mut tx, id).await?;
            clear_index(&mut tx, id).await?;
            refresh_stretches(store, &mut tx, &touched).await?;
            refresh_facts(store, &mut tx, &facts_touched, &std::collections::HashMap::new()).await?;
            let stored = stored_form(store, &mut tx, &record, &record).await?;
            let rev = append_revision(
                &mut tx,
                &record,
                $crate::vigil_store::Operation::Delete,
                change,
                &stored,
            )
            .await?;
            tx.commit().await.map_err(be)?;
            Ok(rev)
        }

        // ---- derived state: each person's status stretches ---------------

        /// The persons whose status a write of record `id` may change, as
        /// the case file stands before the write: the person itself, an
        /// event's participants, the participants of the events that
        /// name it in `relates_to` (the public stops seeing that reference
        /// when it becomes confidential), and, for a source, the
        /// participants of the events citing it (its publication date is
        /// their last confirmation: see `vigil_core::last_confirmation`).
        async fn touched_before(
            tx: &mut $tx,
            id: &$crate::vigil_core::RecordId,
        ) -> $crate::vigil_store::Result<std::collections::BTreeSet<String>> {
            let rows: Vec<String> = $crate::sqlx::query_scalar(
                "SELECT to_id FROM links WHERE from_id = $1 AND field = 'participants' \
                 UNION SELECT p.to_id FROM links r JOIN links p ON p.from_id = r.from_id \
                 WHERE r.to_id = $1 AND r.field = 'relates_to' AND p.field = 'participants' \
                 UNION SELECT p.to_id FROM links x JOIN links p ON p.from_id = x.from_id \
                 WHERE x.to_id = $1 AND x.field = 'excerpts' AND p.field = 'participants' \
                 UNION SELECT id FROM records WHERE id = $1 AND kind = 'person'",
            )
            .bind(id.as_str())
            .fetch_all(&mut **tx)
            .await
            .map_err(be)?;
            Ok(rows.into_iter().collect())
        }

        /// The persons whose status a record, as written, bears on: itself
        /// if a person, an event's participants.
        fn touched_by(record: &$crate::vigil_core::Record, out: &mut std::collections::BTreeSet<String>) {
            match record {
                $crate::vigil_core::Record::Person(p) => {
                    out.insert(p.id.as_str().to_owned());
                }
                $crate::vigil_core::Record::Event(e) => {
                    out.extend(e.every_participant().map(|p| p.record_id.as_str().to_owned()))
                }
                _ => {}
            }
        }

        /// Recomputes the status stretches of `persons` (ids of any kind:
        /// those not of a live person are cleared) as the case file stands
        /// in `tx`, for the public and for those with the right.
        async fn refresh_stretches(
            store: &$store,
            tx: &mut $tx,
            persons: &std::collections::BTreeSet<String>,
        ) -> $crate::vigil_store::Result<()> {
            refresh_known(store, tx, persons, &std::collections::HashMap::new()).await
        }

        /// How many persons' stretches are recomputed together: their
        /// rows, events and sources are read in a few statements for all.
        const REFRESH_CHUNK: usize = 500;

        /// Rows one multi-row insert writes (ten columns at most: well
        /// inside both backends' limits on parameters).
        const ROWS_CHUNK: usize = 1000;

        /// One row of `status_stretches`, ready to insert.
        struct StretchRow {
            public: bool,
            person: String,
            from: $day_ty,
            to: Option<$day_ty>,
            kinds: String,
            sort_key: String,
            first_start: Option<$day_ty>,
            last_end: Option<$day_ty>,
            data: Option<String>,
            sealed: Option<Vec<u8>>,
            /// The keys of the countries its person counts for (see
            /// `vigil_store_sql::months`).
            countries: String,
            certain_kinds: String,
        }

        /// [`refresh_stretches`], given records just written in `tx`
        /// (`known`, by id: a batch of new records), which are not read
        /// back. A person among them has no events but those among them:
        /// its id was free, so nothing stored before refers to it.
        async fn refresh_known(
            store: &$store,
            tx: &mut $tx,
            persons: &std::collections::BTreeSet<String>,
            known: &std::collections::HashMap<&str, &$crate::vigil_core::Record>,
        ) -> $crate::vigil_store::Result<()> {
            use std::collections::{HashMap, HashSet};
            use $crate::sqlx::Row as _;
            use $crate::vigil_core::{Event, PartialDate, Record, RecordId};
            let is_known_person = |id: &str| matches!(known.get(id), Some(Record::Person(_)));
            // The events of the known persons, and what the known sources
            // say of when they were published (as a whole, and as the
            // public sees them).
            let mut known_events: HashMap<&str, Vec<&Event>> = HashMap::new();
            let mut published: HashMap<RecordId, PartialDate> = HashMap::new();
            let mut published_seen: HashMap<RecordId, PartialDate> = HashMap::new();
            for r in known.values() {
                match r {
                    Record::Event(e) => {
                        for p in e.every_participant() {
                            if is_known_person(p.record_id.as_str()) {
                                let list = known_events.entry(p.record_id.as_str()).or_default();
                                // Once per event, when a person is named twice.
                                if list.last().is_none_or(|x| x.id != e.id) {
                                    list.push(e);
                                }
                            }
                        }
                    }
                    Record::Source(s) => {
                        if let Some(d) = s.published {
                            published.insert(s.id.clone(), d);
                        }
                        if let Some(Record::Source(seen)) = r.redacted() {
                            if let Some(d) = seen.published {
                                published_seen.insert(seen.id, d);
                            }
                        }
                    }
                    _ => {}
                }
            }
            let persons: Vec<&str> = persons.iter().map(String::as_str).collect();
            // What the stretches about to go added to the counts, and what
            // their successors add: summed over every chunk and written
            // once (a bulk load's stretches share most of their days).
            let mut months = $crate::months::Changes::default();
            for chunk in persons.chunks(REFRESH_CHUNK) {
                // The stored persons among them (a person just written has
                // no stretches yet): their stretches replaced, and
                // themselves read.
                let unknown: Vec<&str> = chunk.iter().copied().filter(|id| !is_known_person(id)).collect();
                let mut fetched_persons: HashMap<String, (Record, String)> = HashMap::new();
                if !unknown.is_empty() {
                    let mut q = $crate::sqlx::QueryBuilder::new(
                        "SELECT public, CAST(from_day AS TEXT) AS from_day, CAST(to_day AS TEXT) AS to_day, kinds, \
                         certain_kinds, countries FROM status_stretches WHERE person_id IN (",
                    );
                    $crate::push_in_list(&mut q, unknown.iter().copied());
                    month_changes_of(&q.build().fetch_all(&mut **tx).await.map_err(be)?, -1, &mut months)?;
                    let mut q = $crate::sqlx::QueryBuilder::new("DELETE FROM status_stretches WHERE person_id IN (");
                    $crate::push_in_list(&mut q, unknown.iter().copied());
                    q.build().execute(&mut **tx).await.map_err(be)?;
                    let mut q = $crate::sqlx::QueryBuilder::new(
                        "SELECT id, data, sealed, sort_key FROM records WHERE kind = 'person' AND NOT deleted AND id IN (",
                    );
                    $crate::push_in_list(&mut q, unknown.iter().copied());
                    for row in q.build().fetch_all(&mut **tx).await.map_err(be)? {
                        let id: String = row.try_get("id").map_err(be)?;
                        let whole = store.unseal(&id, row.try_get("data").map_err(be)?, row.try_get("sealed").map_err(be)?)?;
                        fetched_persons.insert(id, (whole, row.try_get("sort_key").map_err(be)?));
                    }
                }
                let mut linked: Vec<(String, String)> = Vec::new();
                if !fetched_persons.is_empty() {
                    let mut q = $crate::sqlx::QueryBuilder::new(
                        "SELECT to_id, from_id FROM links WHERE field = 'participants' AND to_id IN (",
                    );
                    $crate::push_in_list(&mut q, fetched_persons.keys().map(String::as_str));
                    for row in q.build().fetch_all(&mut **tx).await.map_err(be)? {
                        linked.push((row.try_get("to_id").map_err(be)?, row.try_get("from_id").map_err(be)?));
                    }
                    linked.sort_unstable();
                    linked.dedup();
                }
                let mut wanted: Vec<&str> = linked
                    .iter()
                    .map(|(_, e)| e.as_str())
                    .filter(|e| !known.contains_key(e))
                    .collect();
                wanted.sort_unstable();
                wanted.dedup();
                let mut fetched_events: HashMap<String, Event> = HashMap::new();
                for ids in wanted.chunks($crate::IN_LIST) {
                    let mut q = $crate::sqlx::QueryBuilder::new(
                        // By id: `kind || ''` keeps the planner off the
                        // kind's index, which would walk every event.
                        "SELECT id, data, sealed FROM records WHERE kind || '' = 'event' AND NOT deleted AND id IN (",
                    );
                    $crate::push_in_list(&mut q, ids.iter().copied());
                    for row in q.build().fetch_all(&mut **tx).await.map_err(be)? {
                        let id: String = row.try_get("id").map_err(be)?;
                        if let Record::Event(e) =
                            store.unseal(&id, row.try_get("data").map_err(be)?, row.try_get("sealed").map_err(be)?)?
                        {
                            fetched_events.insert(id, e);
                        }
                    }
                }
                let mut events_of: HashMap<&str, Vec<&Event>> = HashMap::new();
                for (person, event) in &linked {
                    let e = match known.get(event.as_str()) {
                        Some(Record::Event(e)) => Some(e),
                        Some(_) => None,
                        None => fetched_events.get(event.as_str()),
                    };
                    if let Some(e) = e {
                        events_of.entry(person.as_str()).or_default().push(e);
                    }
                }
                for id in chunk {
                    if let Some(events) = known_events.get(id) {
                        events_of.insert(id, events.clone());
                    }
                }
                // The publication dates of the stored sources they cite.
                let mut cited: Vec<&str> = events_of
                    .values()
                    .flatten()
                    .flat_map(|e| e.excerpts.iter().map(|x| x.source_id.as_str()))
                    .filter(|s| !known.contains_key(s))
                    .collect();
                cited.sort_unstable();
                cited.dedup();
                let mut stored_published = HashMap::new();
                let mut stored_published_seen = HashMap::new();
                for ids in cited.chunks($crate::IN_LIST) {
                    let mut q = $crate::sqlx::QueryBuilder::new(
                        "SELECT id, data, sealed FROM records WHERE kind = 'source' AND NOT deleted AND id IN (",
                    );
                    $crate::push_in_list(&mut q, ids.iter().copied());
                    for row in q.build().fetch_all(&mut **tx).await.map_err(be)? {
                        let id: String = row.try_get("id").map_err(be)?;
                        let source = store.unseal(&id, row.try_get("data").map_err(be)?, row.try_get("sealed").map_err(be)?)?;
                        if let Some(Record::Source(seen)) = source.redacted() {
                            if let Some(d) = seen.published {
                                stored_published_seen.insert(seen.id.clone(), d);
                            }
                        }
                        if let Record::Source(s) = source {
                            if let Some(d) = s.published {
                                stored_published.insert(s.id, d);
                            }
                        }
                    }
                }
                // What the public may not see referred to (deleted records
                // too: once confidential, a record stays out of the clear).
                let mut referred: Vec<&str> = events_of
                    .values()
                    .flatten()
                    .flat_map(|e| {
                        e.every_participant()
                            .map(|p| p.record_id.as_str())
                            .chain(e.relates_to.iter().map(RecordId::as_str))
                            // The sources of its claims: an account only a
                            // confidential source gives is not the public's.
                            .chain(
                                e.excerpts
                                    .iter()
                                    .filter(|x| x.claim.is_some())
                                    .map(|x| x.source_id.as_str()),
                            )
                    })
                    .collect();
                referred.sort_unstable();
                referred.dedup();
                let mut hidden: HashSet<RecordId> = HashSet::new();
                let mut ask: Vec<&str> = Vec::new();
                for id in referred {
                    match known.get(id) {
                        Some(r) if r.is_confidential() => {
                            hidden.insert(r.id().clone());
                        }
                        Some(_) => {}
                        None => ask.push(id),
                    }
                }
                hidden.extend(hidden_among(tx, &ask).await?);
                let mut rows: Vec<StretchRow> = Vec::new();
                for id in chunk {
                    let (whole, sort_key) = match known.get(id) {
                        Some(r @ Record::Person(_)) => (*r, sort_key(r.redacted().as_ref())),
                        _ => match fetched_persons.get(*id) {
                            Some((r, key)) => (r, key.clone()),
                            None => continue,
                        },
                    };
                    let Record::Person(who) = whole else { continue };
                    let events: &[&Event] = events_of.get(id).map(Vec::as_slice).unwrap_or_default();
                    // As those with the right see it.
                    let all = stretches_of(&who.id, events, &|s: &RecordId| {
                        published.get(s).or_else(|| stored_published.get(s)).copied()
                    });
                    let countries = countries_of(&who, events);
                    stretch_rows(store, &mut rows, id, false, (&sort_key, &who.name, &countries), &all)?;
                    // As the public sees it: the events redacted, without
                    // references to what the public may not see (as
                    // `Store::case_file` gives them to the public).
                    let Some(Record::Person(seen)) = whole.redacted() else { continue };
                    let mut redacted: Vec<Event> = Vec::new();
                    let mut as_is: Vec<&Event> = Vec::new();
                    for e in events {
                        let untouched = !e.confidential
                            && e.confidential_fields.is_empty()
                            && !e.every_participant().any(|p| hidden.contains(&p.record_id))
                            && !e.relates_to.iter().any(|r| hidden.contains(r))
                            && !e.excerpts.iter().any(|x| x.claim.is_some() && hidden.contains(&x.source_id));
                        if untouched {
                            as_is.push(e);
                        } else if let Some(r) = Record::Event((*e).clone()).redacted() {
                            if let Record::Event(e) = r.without_references_to(&hidden) {
                                redacted.push(e);
                            }
                        }
                    }
                    // The public reads every event untouched, with the same
                    // dates of publication (the common case): the same stretches,
                    // without running the engine again.
                    let same_dates = events.iter().flat_map(|e| &e.excerpts).all(|x| {
                        let s = &x.source_id;
                        published.get(s).or_else(|| stored_published.get(s))
                            == published_seen.get(s).or_else(|| stored_published_seen.get(s))
                    });
                    let seen_stretches = if as_is.len() == events.len() && same_dates {
                        all.clone()
                    } else {
                        as_is.extend(redacted.iter());
                        stretches_of(&who.id, &as_is, &|s: &RecordId| {
                            published_seen.get(s).or_else(|| stored_published_seen.get(s)).copied()
                        })
                    };
                    let countries = countries_of(&seen, &as_is);
                    stretch_rows(store, &mut rows, id, true, (&sort_key, &seen.name, &countries), &seen_stretches)?;
                }
                insert_stretches(tx, &rows).await?;
                for r in &rows {
                    let (Some(from), to) = (day_of(&r.from), r.to.as_ref().map(day_of)) else { continue };
                    $crate::months::add(
                        &$crate::months::Row {
                            public: r.public,
                            countries: &r.countries,
                            kinds: &r.kinds,
                            certain_kinds: &r.certain_kinds,
                            from,
                            to: to.flatten(),
                        },
                        1,
                        &mut months,
                    );
                }
            }
            write_month_changes(tx, months).await?;
            Ok(())
        }

        /// A person's stretches from their events, each with the person's
        /// role in it (once per mention, as a join on participants gives)
        /// and its last confirmation, from the publication dates of the
        /// sources it cites (`published`).
        fn stretches_of(
            person: &$crate::vigil_core::RecordId,
            events: &[&$crate::vigil_core::Event],
            published: &dyn Fn(&$crate::vigil_core::RecordId) -> Option<$crate::vigil_core::PartialDate>,
        ) -> Vec<$crate::vigil_core::Stretch> {
            use $crate::vigil_core::{last_confirmation, Confirmed};
            let links: Vec<Confirmed<(&$crate::vigil_core::Event, $crate::vigil_core::Role)>> = events
                .iter()
                .flat_map(|e| {
                    let on = last_confirmation(e, published);
                    e.standing_participants()
                        .filter(|p| &p.record_id == person)
                        .map(move |p| Confirmed { link: (*e, p.role), on })
                })
                .collect();
            $crate::vigil_core::stretches(person, links)
        }

        /// The rows of a person's stretches, for `public` or (sealed) for
        /// those with the right.
        fn stretch_rows(
            store: &$store,
            rows: &mut Vec<StretchRow>,
            person: &str,
            public: bool,
            (sort_key, name, countries): (&str, &str, &[String]),
            stretches: &[$crate::vigil_core::Stretch],
        ) -> $crate::vigil_store::Result<()> {
            // The public's rows name the countries; those with the right's,
            // their keyed hashes (the codes themselves sealed in the body).
            let keys: Vec<String> = if public {
                countries.to_vec()
            } else {
                countries.iter().map(|c| $crate::facts::country_tag(&store.key, c)).collect()
            };
            let keys = keys.join(" ");
            for s in stretches {
                let (kinds, certain_kinds) = $crate::months::kinds_text(s);
                let first_start = s.restraints.iter().map(|r| r.start.earliest()).min();
                let last_end = if s.restraints.iter().any(|r| r.expected_end.is_none()) {
                    None
                } else {
                    s.restraints
                        .iter()
                        .filter_map(|r| r.expected_end.map(|e| e.latest()))
                        .max()
                };
                let body = $crate::serde_json::to_string(&$crate::vigil_store::StoredStretch {
                    name: name.to_owned(),
                    restraints: s.restraints.clone(),
                    countries: countries.to_vec(),
                })
                .map_err(be)?;
                let (data, sealed) = if public {
                    (Some(body), None)
                } else {
                    (
                        None,
                        Some($crate::vigil_store::seal::seal_bytes(
                            &store.key,
                            $crate::stretch_aad(person).as_bytes(),
                            body.as_bytes(),
                        )?),
                    )
                };
                rows.push(StretchRow {
                    public,
                    person: person.to_owned(),
                    from: $day(s.from),
                    to: s.to.map($day),
                    kinds,
                    sort_key: sort_key.to_owned(),
                    first_start: first_start.map($day),
                    last_end: last_end.map($day),
                    data,
                    sealed,
                    countries: keys.clone(),
                    certain_kinds,
                });
            }
            Ok(())
        }

        /// The countries a person counts for on a country's page
        /// (`vigil_app::country::persons_of`): their nationality, and the
        /// countries of the events naming them as victim or target.
        fn countries_of(
            person: &$crate::vigil_core::Person,
            events: &[&$crate::vigil_core::Event],
        ) -> Vec<String> {
            use $crate::vigil_core::Role;
            let mut out: Vec<String> = person.country.iter().cloned().collect();
            for e in events {
                let named = e
                    .standing_participants()
                    .any(|p| p.record_id == person.id && matches!(p.role, Role::Victim | Role::Target));
                if let (true, Some(c)) = (named, &e.country) {
                    out.push(c.clone());
                }
            }
            out.sort_unstable();
            out.dedup();
            out
        }

        /// A value of a day column as a day (SQLite keeps ISO text).
        fn day_of(value: &$day_ty) -> Option<$crate::vigil_core::Date> {
            $crate::vigil_core::date::parse_day(&value.to_string()).ok()
        }

        /// What stretch `rows` (public, from_day and to_day as text, kinds,
        /// certain_kinds, countries) add to the month and day counts, times
        /// `sign`.
        fn month_changes_of<R: $crate::sqlx::Row>(
            rows: &[R],
            sign: i64,
            out: &mut $crate::months::Changes,
        ) -> $crate::vigil_store::Result<()>
        where
            for<'c> &'c str: $crate::sqlx::ColumnIndex<R>,
            for<'r> String: $crate::sqlx::Decode<'r, R::Database> + $crate::sqlx::Type<R::Database>,
            for<'r> Option<String>: $crate::sqlx::Decode<'r, R::Database>,
            for<'r> bool: $crate::sqlx::Decode<'r, R::Database> + $crate::sqlx::Type<R::Database>,
        {
            for row in rows {
                let day = |column: &str| -> $crate::vigil_store::Result<Option<$crate::vigil_core::Date>> {
                    let text: Option<String> = row.try_get(column).map_err(be)?;
                    text.map(|t| $crate::vigil_core::date::parse_day(&t).map_err(be)).transpose()
                };
                let (kinds, certain, countries): (String, String, String) = (
                    row.try_get("kinds").map_err(be)?,
                    row.try_get("certain_kinds").map_err(be)?,
                    row.try_get("countries").map_err(be)?,
                );
                let Some(from) = day("from_day")? else { continue };
                $crate::months::add(
                    &$crate::months::Row {
                        public: row.try_get("public").map_err(be)?,
                        countries: &countries,
                        kinds: &kinds,
                        certain_kinds: &certain,
                        from,
                        to: day("to_day")?,
                    },
                    sign,
                    out,
                );
            }
            Ok(())
        }

        /// Counts again the month changes of those with the right (after
        /// a key rotation has hashed their countries anew), a batch of
        /// persons at a time.
        pub(crate) async fn recount_sealed_months(tx: &mut $tx) -> $crate::vigil_store::Result<()> {
            for sql in [
                "DELETE FROM country_month_counts WHERE NOT public",
                "DELETE FROM country_day_counts WHERE NOT public",
                // Counted again below with the rest (see `months::add`).
                "DELETE FROM status_day_counts WHERE NOT public",
            ] {
                $crate::sqlx::query(sql).execute(&mut **tx).await.map_err(be)?;
            }
            let mut after = String::new();
            loop {
                let persons: Vec<String> = $crate::sqlx::query_scalar(
                    "SELECT DISTINCT person_id FROM status_stretches WHERE NOT public AND person_id > $1 \
                     ORDER BY person_id LIMIT 500",
                )
                .bind(after.as_str())
                .fetch_all(&mut **tx)
                .await
                .map_err(be)?;
                let Some(last) = persons.last() else { break };
                after = last.clone();
                let mut q = $crate::sqlx::QueryBuilder::new(
                    "SELECT public, CAST(from_day AS TEXT) AS from_day, CAST(to_day AS TEXT) AS to_day, kinds, \
                     certain_kinds, countries FROM status_stretches WHERE NOT public AND person_id IN (",
                );
                $crate::push_in_list(&mut q, persons.iter().map(String::as_str));
                let mut months = $crate::months::Changes::default();
                month_changes_of(&q.build().fetch_all(&mut **tx).await.map_err(be)?, 1, &mut months)?;
                write_month_changes(tx, months).await?;
            }
            Ok(())
        }

        /// Adds `changes` to the month and day counts, and to the status
        /// list's day counts (see
        /// `vigil_store_sql::months`).
        async fn write_month_changes(
            tx: &mut $tx,
            changes: $crate::months::Changes,
        ) -> $crate::vigil_store::Result<()> {
            let months: Vec<($crate::months::MonthKey, i64)> =
                changes.months().into_iter().filter(|(_, d)| *d != 0).collect();
            for chunk in months.chunks(ROWS_CHUNK) {
                let mut q = $crate::sqlx::QueryBuilder::new(
                    "INSERT INTO country_month_counts (public, country, kind, certain, month, delta) ",
                );
                q.push_values(chunk, |mut b, ((public, country, kind, certain, month), delta)| {
                    b.push_bind(*public)
                        .push_bind(country.as_str())
                        .push_bind(*kind)
                        .push_bind(*certain)
                        .push_bind($day(*month))
                        .push_bind(*delta);
                });
                q.push(
                    " ON CONFLICT (public, country, kind, certain, month) \
                     DO UPDATE SET delta = country_month_counts.delta + excluded.delta",
                );
                q.build().execute(&mut **tx).await.map_err(be)?;
            }
            let days: Vec<($crate::months::DayKey, i64)> = changes.days().into_iter().filter(|(_, d)| *d != 0).collect();
            for chunk in days.chunks(ROWS_CHUNK) {
                let mut q = $crate::sqlx::QueryBuilder::new(
                    "INSERT INTO country_day_counts (public, country, kind, year, day, delta) ",
                );
                q.push_values(chunk, |mut b, ((public, country, kind, year, day), delta)| {
                    b.push_bind(*public)
                        .push_bind(country.as_str())
                        .push_bind(*kind)
                        .push_bind(*year)
                        .push_bind($day(*day))
                        .push_bind(*delta);
                });
                q.push(
                    " ON CONFLICT (public, country, kind, year, day) \
                     DO UPDATE SET delta = country_day_counts.delta + excluded.delta",
                );
                q.build().execute(&mut **tx).await.map_err(be)?;
            }
            let days: Vec<($crate::months::StatusDayKey, i64)> =
                changes.status_days.into_iter().filter(|(_, d)| *d != 0).collect();
            for chunk in days.chunks(ROWS_CHUNK) {
                let mut q = $crate::sqlx::QueryBuilder::new("INSERT INTO status_day_counts (public, kind, day, delta) ");
                q.push_values(chunk, |mut b, ((public, kind, day), delta)| {
                    b.push_bind(*public).push_bind(*kind).push_bind($day(*day)).push_bind(*delta);
                });
                q.push(" ON CONFLICT (public, kind, day) DO UPDATE SET delta = status_day_counts.delta + excluded.delta");
                q.build().execute(&mut **tx).await.map_err(be)?;
            }
            Ok(())
        }

        async fn insert_stretches(tx: &mut $tx, rows: &[StretchRow]) -> $crate::vigil_store::Result<()> {
            for chunk in rows.chunks(ROWS_CHUNK) {
                let mut q = $crate::sqlx::QueryBuilder::new(
                    "INSERT INTO status_stretches (public, person_id, from_day, to_day, kinds, sort_key, \
                     first_start, last_end, data, sealed, countries, certain_kinds) ",
                );
                q.push_values(chunk, |mut b, r| {
                    b.push_bind(r.public)
                        .push_bind(r.person.as_str())
                        .push_bind(r.from.clone())
                        .push_bind(r.to.clone())
                        .push_bind(r.kinds.as_str())
                        .push_bind(r.sort_key.as_str())
                        .push_bind(r.first_start.clone())
                        .push_bind(r.last_end.clone())
                        .push_bind(r.data.as_deref())
                        .push_bind(r.sealed.as_deref())
                        .push_bind(r.countries.as_str())
                        .push_bind(r.certain_kinds.as_str());
                });
                q.build().execute(&mut **tx).await.map_err(be)?;
            }
            Ok(())
        }

        // ---- derived state: each event as a rating reads it --------------

        /// The events whose facts a write of record `id` may change (see
        /// `facts`), as the case file stands before the write: the event
        /// itself, those naming it as a participant or acting on it, and
        /// those naming a person affiliated with it (an organisation's
        /// kind decides whether its members are union members).
        async fn facts_touched_before(
            tx: &mut $tx,
            id: &$crate::vigil_core::RecordId,
        ) -> $crate::vigil_store::Result<std::collections::BTreeSet<String>> {
            let rows: Vec<String> = $crate::sqlx::query_scalar(
                "SELECT from_id FROM links WHERE to_id = $1 AND field IN ('participants', 'relates_to') \
                 UNION SELECT p.from_id FROM links a JOIN links p ON p.to_id = a.from_id \
                 WHERE a.to_id = $1 AND a.field = 'affiliations' AND p.field = 'participants' \
                 UNION SELECT id FROM records WHERE id = $1 AND kind = 'event'",
            )
            .bind(id.as_str())
            .fetch_all(&mut **tx)
            .await
            .map_err(be)?;
            Ok(rows.into_iter().collect())
        }

        /// The live records among `ids`, whole: from `known` (records
        /// just written in this transaction) or read.
        async fn live_records(
            store: &$store,
            tx: &mut $tx,
            ids: &[&str],
            known: &std::collections::HashMap<&str, &$crate::vigil_core::Record>,
            out: &mut std::collections::HashMap<String, $crate::vigil_core::Record>,
        ) -> $crate::vigil_store::Result<()> {
            use $crate::sqlx::Row as _;
            let mut ask: Vec<&str> = Vec::new();
            for id in ids {
                if out.contains_key(*id) {
                    continue;
                }
                match known.get(id) {
                    Some(r) => {
                        out.insert((*id).to_owned(), (*r).clone());
                    }
                    None => ask.push(id),
                }
            }
            ask.sort_unstable();
            ask.dedup();
            for chunk in ask.chunks($crate::IN_LIST) {
                let mut q = $crate::sqlx::QueryBuilder::new("SELECT id, data, sealed FROM records WHERE NOT deleted AND id IN (");
                $crate::push_in_list(&mut q, chunk.iter().copied());
                for row in q.build().fetch_all(&mut **tx).await.map_err(be)? {
                    let id: String = row.try_get("id").map_err(be)?;
                    let record = store.unseal(&id, row.try_get("data").map_err(be)?, row.try_get("sealed").map_err(be)?)?;
                    out.insert(id, record);
                }
            }
            Ok(())
        }

        /// Recomputes the facts of `events` (ids: those not of a live
        /// event are cleared) as the case file stands in `tx`, taking
        /// records just written from `known`.
        async fn refresh_facts(
            store: &$store,
            tx: &mut $tx,
            events: &std::collections::BTreeSet<String>,
            known: &std::collections::HashMap<&str, &$crate::vigil_core::Record>,
        ) -> $crate::vigil_store::Result<()> {
            use std::collections::HashMap;
            use $crate::facts;
            use $crate::vigil_core::{Record, RecordId};
            let events: Vec<&str> = events.iter().map(String::as_str).collect();
            // The confidential records just written: once, not for each
            // chunk (a bulk load's chunks would each walk all of them).
            let hidden_known: std::collections::HashSet<&str> =
                known.values().filter(|r| r.is_confidential()).map(|r| r.id().as_str()).collect();
            for chunk in events.chunks(REFRESH_CHUNK) {
                // An event just written has no facts yet: its id was free.
                let stored: Vec<&str> = chunk.iter().copied().filter(|id| !known.contains_key(id)).collect();
                if !stored.is_empty() {
                    let mut q = $crate::sqlx::QueryBuilder::new("DELETE FROM event_facts WHERE event_id IN (");
                    $crate::push_in_list(&mut q, stored.iter().copied());
                    q.build().execute(&mut **tx).await.map_err(be)?;
                }
                let mut found: HashMap<String, Record> = HashMap::new();
                live_records(store, tx, chunk, known, &mut found).await?;
                let live: Vec<$crate::vigil_core::Event> = chunk
                    .iter()
                    .filter_map(|id| match found.get(*id) {
                        Some(Record::Event(e)) => Some(e.clone()),
                        _ => None,
                    })
                    .collect();
                let mut referred: HashMap<String, Record> = HashMap::new();
                let ids: Vec<&str> = live.iter().flat_map(facts::referred_by).map(RecordId::as_str).collect();
                live_records(store, tx, &ids, known, &mut referred).await?;
                let orgs: Vec<String> = facts::affiliated(referred.values()).iter().map(|o| o.as_str().to_owned()).collect();
                let orgs: Vec<&str> = orgs.iter().map(String::as_str).collect();
                live_records(store, tx, &orgs, known, &mut referred).await?;
                // What the public may not see referred to (deleted records
                // too, as `Store::case_file` leaves them out).
                let mut all: Vec<&str> = ids
                    .iter()
                    .copied()
                    .chain(orgs.iter().copied())
                    .filter(|id| !known.contains_key(id))
                    .collect();
                all.sort_unstable();
                all.dedup();
                let mut hidden = hidden_among(tx, &all).await?;
                // The confidential records just written that these refer
                // to (only those: a bulk load's chunks would each copy all).
                for r in found.values().chain(referred.values()) {
                    for reference in r.references() {
                        if hidden_known.contains(reference.id.as_str()) {
                            hidden.insert(reference.id.clone());
                        }
                    }
                }
                let mut rows = Vec::new();
                for e in &live {
                    rows.extend(facts::event_rows(&store.key, e, &referred, &hidden)?);
                }
                insert_facts(tx, &rows).await?;
            }
            Ok(())
        }

        async fn insert_facts(tx: &mut $tx, rows: &[$crate::facts::FactsRow]) -> $crate::vigil_store::Result<()> {
            for part in rows.chunks(ROWS_CHUNK) {
                let mut q = $crate::sqlx::QueryBuilder::new(
                    "INSERT INTO event_facts (public, event_id, country, first_year, last_year, earliest, latest, \
                     event_type, union_victim, related_types, data, country_tag, sealed) ",
                );
                q.push_values(part, |mut b, r| {
                    b.push_bind(r.public)
                        .push_bind(r.event_id.as_str())
                        .push_bind(r.country.as_deref())
                        .push_bind(r.first_year)
                        .push_bind(r.last_year)
                        .push_bind(r.earliest.map($day))
                        .push_bind(r.latest.map($day))
                        .push_bind(r.event_type)
                        .push_bind(r.union_victim)
                        .push_bind(r.related_types.as_deref())
                        .push_bind(r.data.as_deref())
                        .push_bind(r.country_tag.as_deref())
                        .push_bind(r.sealed.as_deref());
                });
                q.build().execute(&mut **tx).await.map_err(be)?;
            }
            Ok(())
        }

        /// The facts of every live event, recomputed a chunk at a time.
        async fn refresh_all_facts(store: &$store, tx: &mut $tx) -> $crate::vigil_store::Result<u64> {
            // What the triggers leave of the sums: zeros.
            for sql in ["DELETE FROM event_facts", "DELETE FROM event_fact_counts"] {
                $crate::sqlx::query(sql).execute(&mut **tx).await.map_err(be)?;
            }
            let events: Vec<String> =
                $crate::sqlx::query_scalar("SELECT id FROM records WHERE kind = 'event' AND NOT deleted ORDER BY id")
                    .fetch_all(&mut **tx)
                    .await
                    .map_err(be)?;
            for chunk in events.chunks(REFRESH_CHUNK * 10) {
                let set = chunk.iter().cloned().collect();
                refresh_facts(store, tx, &set, &std::collections::HashMap::new()).await?;
            }
            Ok(events.len() as u64)
        }

        /// Fills in what the country views read (migration 0020) for a
        /// case file written before it was kept, once, when it is opened:
        /// each event's facts, and the month counts (each person's
        /// stretches recomputed with the countries they count for).
        pub(crate) async fn fill_missing_country_state(store: &$store) -> $crate::vigil_store::Result<()> {
            const FILLED: &str = "country-views";
            let done: Option<String> = $crate::sqlx::query_scalar("SELECT what FROM derived_filled WHERE what = $1")
                .bind(FILLED)
                .fetch_optional(&store.$reader)
                .await
                .map_err(be)?;
            if done.is_some() {
                return Ok(());
            }
            fill_missing_facts(store).await?;
            let mut tx = store.begin_write().await?;
            let any: Option<String> = $crate::sqlx::query_scalar("SELECT person_id FROM status_stretches LIMIT 1")
                .fetch_optional(&mut *tx)
                .await
                .map_err(be)?;
            if any.is_some() {
                let started = std::time::Instant::now();
                let persons: Vec<String> = $crate::sqlx::query_scalar("SELECT DISTINCT person_id FROM status_stretches")
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(be)?;
                refresh_stretches(store, &mut tx, &persons.iter().cloned().collect()).await?;
                tracing::info!(
                    persons = persons.len(),
                    seconds = started.elapsed().as_secs_f64(),
                    "counted each country's persons under restraint month by month (kept on every write from now on)"
                );
            }
            $crate::sqlx::query("INSERT INTO derived_filled (what) VALUES ($1) ON CONFLICT DO NOTHING")
                .bind(FILLED)
                .execute(&mut *tx)
                .await
                .map_err(be)?;
            tx.commit().await.map_err(be)
        }

        async fn fill_missing_facts(store: &$store) -> $crate::vigil_store::Result<()> {
            let mut tx = store.begin_write().await?;
            let any_kept: Option<String> = $crate::sqlx::query_scalar("SELECT event_id FROM event_facts LIMIT 1")
                .fetch_optional(&mut *tx)
                .await
                .map_err(be)?;
            let any_event: Option<String> =
                $crate::sqlx::query_scalar("SELECT id FROM records WHERE kind = 'event' AND NOT deleted LIMIT 1")
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(be)?;
            if any_kept.is_some() || any_event.is_none() {
                return Ok(());
            }
            let started = std::time::Instant::now();
            let n = refresh_all_facts(store, &mut tx).await?;
            tx.commit().await.map_err(be)?;
            tracing::info!(
                events = n,
                seconds = started.elapsed().as_secs_f64(),
                "computed each event's facts for the country ratings (kept on every write from now on)"
            );
            Ok(())
        }

        /// Recomputes all derived state from the live records: every
        /// person's stretches and the counts; and stores again every record
        /// that refers to a confidential one.
        pub(crate) async fn rebuild_derived(store: &$store) -> $crate::vigil_store::Result<u64> {
            let mut tx = store.begin_write().await?;
            for sql in [
                "DELETE FROM status_stretches",
                "DELETE FROM status_day_counts",
                "DELETE FROM country_month_counts",
                "DELETE FROM country_day_counts",
                "DELETE FROM record_counts",
                "INSERT INTO record_counts (kind, confidential, n) \
                 SELECT kind, confidential, COUNT(*) FROM records WHERE NOT deleted GROUP BY kind, confidential",
            ] {
                $crate::sqlx::query(sql).execute(&mut *tx).await.map_err(be)?;
            }
            let persons: Vec<String> =
                $crate::sqlx::query_scalar("SELECT id FROM records WHERE kind = 'person' AND NOT deleted")
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(be)?;
            // A chunk of persons at a time (see `refresh_known`).
            refresh_stretches(store, &mut tx, &persons.iter().cloned().collect()).await?;
            refresh_all_facts(store, &mut tx).await?;
            // What refers to a confidential record is stored again: a case
            // file written by an earlier version kept its quotes of
            // confidential sources in the clear.
            let confidential: Vec<String> = $crate::sqlx::query_scalar("SELECT id FROM records WHERE confidential")
                .fetch_all(&mut *tx)
                .await
                .map_err(be)?;
            for id in confidential.iter().filter_map(|i| $crate::vigil_core::RecordId::parse(i).ok()) {
                reseal_referrers(store, &mut tx, &id).await?;
            }
            // Statistics too are derived state.
            analyse(&mut tx).await?;
            tx.commit().await.map_err(be)?;
            if !confidential.is_empty() {
                store.after_sealing().await;
            }
            Ok(persons.len() as u64)
        }
    };
}
