//! The index itself: where it lives, how it follows the store's change log,
//! and how it answers.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{BooleanQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};
use vigil_core::{EventType, Record, RecordId, RecordKind};
use vigil_store::{Operation, Revision, Store, StoreError, Visibility};

use crate::analysis::{self, Analyser};
use crate::document::{self, Fields, Related, DIMENSIONS};
use crate::query::{SearchQuery, Terms};
use crate::SearchError;

/// Bumped whenever the schema or an analyser changes: an index of another
/// format is rebuilt from the store at start.
const FORMAT: u32 = 4;
/// The lock file that keeps two processes from one index folder. It
/// survives a rebuild of the folder's other contents.
const LOCK_FILE: &str = "vigil.lock";
/// Revisions read from the change log at a time.
const BATCH: u32 = 500;
/// A long catch-up commits (and records its progress) this often.
const COMMIT_EVERY: usize = 20_000;
/// A search request applies at most this many pending revisions itself;
/// the background follower does the rest.
const REQUEST_MAX: usize = 1_000;
/// How long a search request waits for a catch-up already under way.
const REQUEST_WAIT: Duration = Duration::from_millis(250);
/// How often the follower looks at the change log when nobody signals.
pub const POLL: Duration = Duration::from_millis(500);

/// What the index records with each commit: the last revision it holds.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    format: u32,
    seq: i64,
}

/// How [`SearchIndex::open_in_dir`] found the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// There was no index: a new, empty one follows the store from its
    /// first revision.
    Created,
    /// An index in the current format, up to the revision it records.
    Existing { seq: i64 },
    /// The index could not be used (`reason`): its folder was emptied and
    /// the index starts again from the store's first revision.
    Rebuilt { reason: String },
}

/// Knobs for the writer; the defaults suit a server.
#[derive(Debug, Clone, Copy)]
pub struct WriterOptions {
    pub threads: usize,
    /// Bytes of memory for the writer, shared by its threads.
    pub memory_budget: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        Self {
            threads: 1,
            memory_budget: 50_000_000,
        }
    }
}

/// What a catch-up did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatchUp {
    /// Revisions applied.
    pub applied: usize,
    /// The last revision the index now holds.
    pub seq: i64,
    /// Whether revisions are left (a bounded catch-up stopped early).
    pub more: bool,
}

/// Progress of a rebuild, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The last revision applied.
    pub seq: i64,
    /// The store's last revision when the rebuild began.
    pub head: i64,
    pub revisions: usize,
}

/// One hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub kind: RecordKind,
    pub id: RecordId,
    pub title: String,
    /// HTML: the text escaped, the matched words in `<mark>…</mark>`.
    pub snippet: String,
    /// HTML, as the snippet: a person's or an organisation's other
    /// spellings (`·`-separated), empty when there are none. The label
    /// ("Also written:") is the page's, in the reader's language.
    pub also: String,
    pub score: f32,
    /// An event's or a source's date, as written (`2019-10-16`, `2019-08`).
    pub date: Option<String>,
}

/// One value of a facet and how many hits have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetValue {
    /// As a filter takes it: `person`, `sentence`, `2019`, `KZ`, `knprk`.
    pub value: String,
    /// For people: `Person`, `Sentence`, an organisation's name.
    pub label: String,
    pub count: u64,
}

/// Facet counts over all hits of a search (not only the page shown).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    pub kind: Vec<FacetValue>,
    #[serde(rename = "type")]
    pub event_type: Vec<FacetValue>,
    pub year: Vec<FacetValue>,
    pub country: Vec<FacetValue>,
    pub organisation: Vec<FacetValue>,
    pub language: Vec<FacetValue>,
}

/// A page of hits, how many there are, and the facets of them all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    pub items: Vec<Hit>,
    pub total: u64,
    pub facets: Facets,
}

/// A name offered as one types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub kind: RecordKind,
    pub id: RecordId,
    /// The record's name.
    pub name: String,
    /// The alias that matched what was typed, when it is not the name.
    pub matched: Option<String>,
}

/// The full-text index: cheap to clone, safe to share.
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

struct Inner {
    fields: Fields,
    reader: IndexReader,
    writer: Mutex<IndexWriter<TantivyDocument>>,
    applied: AtomicI64,
    /// A purge that could not run yet.
    purge_pending: AtomicBool,
    /// Whether the store's history was checked against the index's.
    verified: AtomicBool,
    catching_up: tokio::sync::Mutex<()>,
    /// When the last catch-up that left nothing to apply began: a request
    /// that arrived before it needs no catch-up of its own.
    fresh_since: Mutex<Option<std::time::Instant>>,
    written: tokio::sync::Notify,
    dir: Option<PathBuf>,
    _lock: Option<File>,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SearchError + '_ {
    move |source| SearchError::Io {
        path: path.to_owned(),
        source,
    }
}

fn register(index: &Index) {
    let t = index.tokenizers();
    t.register(analysis::TEXT, TextAnalyzer::from(Analyser::text()));
    t.register(analysis::NAMES, TextAnalyzer::from(Analyser::names()));
    t.register(analysis::CAPITALISED, TextAnalyzer::from(Analyser::capitalised()));
}

impl SearchIndex {
    /// Opens the index in `dir` (`<data>/search`), creating it if missing
    /// and rebuilding it — emptying the folder, then following the store
    /// from its first revision — if it is corrupt or of another format.
    /// Fails only if the folder cannot be used at all or another process
    /// holds it.
    pub fn open_in_dir(dir: &Path) -> Result<(SearchIndex, Opened), SearchError> {
        Self::open_in_dir_with(dir, WriterOptions::default())
    }

    pub fn open_in_dir_with(dir: &Path, options: WriterOptions) -> Result<(SearchIndex, Opened), SearchError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let lock_path = dir.join(LOCK_FILE);
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io(&lock_path))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(SearchError::Locked(dir.to_owned())),
            Err(std::fs::TryLockError::Error(e)) => return Err(io(&lock_path)(e)),
        }
        let opened = if dir.join("meta.json").exists() {
            match Self::open_existing(dir, options) {
                Ok((index, seq)) => {
                    return Ok((index.with_lock(dir, lock), Opened::Existing { seq }));
                }
                Err(reason) => {
                    tracing::warn!(dir = %dir.display(), %reason, "rebuilding the search index");
                    Opened::Rebuilt { reason }
                }
            }
        } else {
            Opened::Created
        };
        empty_folder(dir)?;
        let (schema, fields) = Fields::schema();
        let index = Index::create_in_dir(dir, schema)?;
        let created = Self::from_index(index, fields, 0, options)?;
        // Record the format at once, so a crash before the first catch-up
        // still leaves a valid index.
        created.commit(0)?;
        Ok((created.with_lock(dir, lock), opened))
    }

    /// An index in memory only: for tests, and for a server given no data
    /// folder.
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (schema, fields) = Fields::schema();
        Self::from_index(Index::create_in_ram(schema), fields, 0, WriterOptions::default())
    }

    fn open_existing(dir: &Path, options: WriterOptions) -> Result<(SearchIndex, i64), String> {
        let index = Index::open_in_dir(dir).map_err(|e| format!("unreadable: {e}"))?;
        let (schema, fields) = Fields::schema();
        if index.schema() != schema {
            return Err("its schema is not this version's".into());
        }
        let metas = index.load_metas().map_err(|e| format!("unreadable: {e}"))?;
        let payload: Payload = metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok())
            .ok_or("it records no revision")?;
        if payload.format != FORMAT {
            return Err(format!(
                "it is of format {}, this version writes {FORMAT}",
                payload.format
            ));
        }
        let opened = Self::from_index(index, fields, payload.seq, options).map_err(|e| format!("unusable: {e}"))?;
        // Touch every segment once, so a damaged one shows now.
        let searcher = opened.inner.reader.searcher();
        for segment in searcher.segment_readers() {
            segment
                .inverted_index(fields.names)
                .map_err(|e| format!("a damaged segment: {e}"))?;
        }
        Ok((opened, payload.seq))
    }

    fn from_index(index: Index, fields: Fields, seq: i64, options: WriterOptions) -> Result<SearchIndex, SearchError> {
        register(&index);
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let writer = index.writer_with_num_threads(options.threads.max(1), options.memory_budget)?;
        Ok(SearchIndex {
            inner: Arc::new(Inner {
                fields,
                reader,
                writer: Mutex::new(writer),
                applied: AtomicI64::new(seq),
                purge_pending: AtomicBool::new(false),
                verified: AtomicBool::new(false),
                catching_up: tokio::sync::Mutex::new(()),
                fresh_since: Mutex::new(None),
                written: tokio::sync::Notify::new(),
                dir: None,
                _lock: None,
            }),
        })
    }

    fn with_lock(self, dir: &Path, lock: File) -> SearchIndex {
        // Only called on a fresh handle, which nothing else shares yet.
        match Arc::try_unwrap(self.inner) {
            Ok(mut inner) => {
                inner.dir = Some(dir.to_owned());
                inner._lock = Some(lock);
                SearchIndex { inner: Arc::new(inner) }
            }
            Err(inner) => SearchIndex { inner },
        }
    }

    /// The folder the index lives in, if it is on disk.
    pub fn dir(&self) -> Option<&Path> {
        self.inner.dir.as_deref()
    }

    /// The last revision of the store the index holds (0: none).
    pub fn applied_seq(&self) -> i64 {
        self.inner.applied.load(Ordering::SeqCst)
    }

    /// How many documents the index holds.
    pub fn num_docs(&self) -> u64 {
        self.inner.reader.searcher().num_docs()
    }

    fn writer(&self) -> MutexGuard<'_, IndexWriter<TantivyDocument>> {
        self.inner.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Commits what was written, recording `seq` as the last revision held.
    fn commit(&self, seq: i64) -> Result<(), SearchError> {
        let payload = serde_json::to_string(&Payload { format: FORMAT, seq }).unwrap_or_default();
        {
            let mut writer = self.writer();
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&payload);
            prepared.commit()?;
        }
        self.inner.reader.reload()?;
        self.inner.applied.store(seq, Ordering::SeqCst);
        Ok(())
    }

    /// Rewrites every segment that holds removed documents, and deletes
    /// the old files: a record that became confidential must leave no
    /// trace on disk, and a removal alone only marks it deleted.
    fn purge(&self) -> Result<(), SearchError> {
        let segments: Vec<_> = self
            .inner
            .reader
            .searcher()
            .segment_readers()
            .iter()
            .filter(|s| s.num_deleted_docs() > 0)
            .map(|s| s.segment_id())
            .collect();
        if segments.is_empty() {
            return Ok(());
        }
        self.writer().merge(&segments).wait()?;
        self.inner.reader.reload()?;
        self.writer().garbage_collect_files().wait()?;
        Ok(())
    }

    async fn commit_off_thread(&self, seq: i64) -> Result<(), SearchError> {
        let this = self.clone();
        tokio::task::spawn_blocking(move || this.commit(seq)).await?
    }

    /// Tells the follower that the store was written, so it catches up now
    /// rather than at its next poll.
    pub fn notify_written(&self) {
        self.inner.written.notify_one();
    }

    /// Applies every revision of the store after [`Self::applied_seq`]:
    /// a created or updated record is (re)indexed — or removed, if it is
    /// now confidential — and a deleted one removed. A renamed person or
    /// organisation re-indexes the records that show its name.
    pub async fn catch_up<S: Store>(&self, store: &S) -> Result<CatchUp, SearchError> {
        let _one_at_a_time = self.inner.catching_up.lock().await;
        self.advance(store, usize::MAX, 0, &mut |_| {}).await
    }

    /// A bounded catch-up for a request about to search: it waits briefly
    /// for a catch-up under way, applies at most a thousand revisions, and
    /// otherwise leaves the work to the follower. Searching a slightly
    /// stale index is better than keeping a reader waiting.
    ///
    /// Requests that queue for the catch-up share it: one that finds, once
    /// its turn comes, that a catch-up begun after it arrived has left
    /// nothing to apply has seen every write made before it arrived, and
    /// does not ask the store again (16 concurrent searches each asked it,
    /// one after the other).
    pub async fn freshen<S: Store>(&self, store: &S) -> Result<CatchUp, SearchError> {
        let arrived = std::time::Instant::now();
        let Ok(_one_at_a_time) = tokio::time::timeout(REQUEST_WAIT, self.inner.catching_up.lock()).await else {
            return Ok(CatchUp {
                applied: 0,
                seq: self.applied_seq(),
                more: true,
            });
        };
        let fresh = |this: &Self| *this.inner.fresh_since.lock().unwrap_or_else(PoisonError::into_inner);
        if fresh(self).is_some_and(|since| since >= arrived) {
            return Ok(CatchUp {
                applied: 0,
                seq: self.applied_seq(),
                more: false,
            });
        }
        let began = std::time::Instant::now();
        let done = self.advance(store, REQUEST_MAX, 0, &mut |_| {}).await?;
        if !done.more {
            *self.inner.fresh_since.lock().unwrap_or_else(PoisonError::into_inner) = Some(began);
        }
        Ok(done)
    }

    /// Empties the index and applies the store's whole change log again,
    /// reporting progress after every batch.
    pub async fn rebuild<S: Store>(
        &self,
        store: &S,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<CatchUp, SearchError> {
        let _one_at_a_time = self.inner.catching_up.lock().await;
        let head = head_seq(store).await?;
        self.writer().delete_all_documents()?;
        self.commit_off_thread(0).await?;
        self.inner.verified.store(true, Ordering::SeqCst);
        self.advance(store, usize::MAX, head, progress).await
    }

    /// Keeps the index following the store: catches up when
    /// [`Self::notify_written`] is called and every [`POLL`] otherwise
    /// (so writes by another process are followed too). Runs until
    /// dropped; failures are logged and retried.
    pub async fn follow<S: Store>(self, store: S) {
        let mut failing = false;
        loop {
            match self.advance_locked(&store).await {
                Ok(c) if c.more => continue,
                Ok(c) => {
                    if failing {
                        tracing::info!(seq = c.seq, "the search index follows the store again");
                    }
                    failing = false;
                }
                Err(e) => {
                    if !failing {
                        tracing::error!(error = %vigil_core::error_chain(&e), "the search index cannot catch up; retrying");
                    }
                    failing = true;
                }
            }
            tokio::select! {
                _ = self.inner.written.notified() => {}
                _ = tokio::time::sleep(POLL) => {}
            }
        }
    }

    async fn advance_locked<S: Store>(&self, store: &S) -> Result<CatchUp, SearchError> {
        let _one_at_a_time = self.inner.catching_up.lock().await;
        self.advance(store, COMMIT_EVERY, 0, &mut |_| {}).await
    }

    /// Once per process: does the store's change log hold the revision the
    /// index says it applied last? If not (the case file was replaced, say
    /// by a restore), the index describes another history: it is emptied
    /// and follows this one from the start.
    async fn check_history<S: Store>(&self, store: &S) -> Result<(), SearchError> {
        let seq = self.applied_seq();
        if seq > 0 {
            let next = store.changes_since(seq - 1, 1).await?;
            if next.first().map(|r| r.seq) != Some(seq) {
                tracing::warn!(
                    seq,
                    "the case file does not hold the search index's last revision; rebuilding the index"
                );
                self.writer().delete_all_documents()?;
                self.commit_off_thread(0).await?;
                self.inner.purge_pending.store(true, Ordering::SeqCst);
            }
        }
        self.inner.verified.store(true, Ordering::SeqCst);
        Ok(())
    }

    /// The catch-up itself; the caller holds `catching_up`.
    async fn advance<S: Store>(
        &self,
        store: &S,
        max: usize,
        head: i64,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<CatchUp, SearchError> {
        if !self.inner.verified.load(Ordering::SeqCst) {
            self.check_history(store).await?;
        }
        let mut seq = self.applied_seq();
        let (mut applied, mut uncommitted, mut more) = (0, 0, false);
        let mut purge = false;
        loop {
            if applied >= max {
                more = true;
                break;
            }
            let revisions = store.changes_since(seq, BATCH).await?;
            let Some(last) = revisions.last().map(|r| r.seq) else {
                break;
            };
            let (ops, hides) = operations(store, &revisions, &self.inner.fields).await?;
            purge |= hides;
            {
                let writer = self.writer();
                for op in ops {
                    writer.delete_term(Term::from_field_text(self.inner.fields.id, op.id.as_str()));
                    if let Some(doc) = op.document {
                        writer.add_document(doc)?;
                    }
                }
            }
            seq = last;
            applied += revisions.len();
            uncommitted += revisions.len();
            progress(Progress {
                seq,
                head,
                revisions: applied,
            });
            if uncommitted >= COMMIT_EVERY {
                self.commit_off_thread(seq).await?;
                uncommitted = 0;
            }
        }
        if uncommitted > 0 {
            self.commit_off_thread(seq).await?;
        }
        if purge || self.inner.purge_pending.swap(false, Ordering::SeqCst) {
            let this = self.clone();
            if let Err(e) = tokio::task::spawn_blocking(move || this.purge()).await? {
                // A background merge may hold a segment: try again next time.
                tracing::warn!(error = %vigil_core::error_chain(&e), "cannot purge removed documents yet");
                self.inner.purge_pending.store(true, Ordering::SeqCst);
            }
        }
        Ok(CatchUp { applied, seq, more })
    }

    /// Writes records straight into the index, without a store: for bulk
    /// loads and the benchmark. `related` holds the records they name;
    /// references to those it marks confidential are left out (a quote of
    /// a confidential source is not indexed). Returns how many were
    /// indexed (confidential ones are not).
    pub fn put_all<'a>(
        &self,
        records: impl IntoIterator<Item = &'a Record>,
        related: &Related,
    ) -> Result<usize, SearchError> {
        let writer = self.writer();
        let mut n = 0;
        let hidden: std::collections::HashSet<RecordId> = related
            .iter()
            .filter(|(_, r)| r.is_confidential())
            .map(|(id, _)| id.clone())
            .collect();
        for record in records {
            writer.delete_term(Term::from_field_text(self.inner.fields.id, record.id().as_str()));
            let record = record.without_references_to(&hidden);
            if let Some(doc) = document::document(&self.inner.fields, &record, related) {
                writer.add_document(doc)?;
                n += 1;
            }
        }
        Ok(n)
    }

    /// Commits what [`Self::put_all`] wrote, recording `seq` as the last
    /// revision held.
    pub fn commit_as_of(&self, seq: i64) -> Result<(), SearchError> {
        self.commit(seq)
    }

    /// Blocks until background merges are done (for a benchmark's figures
    /// to include them), then frees the writer's threads.
    pub fn wait_merging_threads(self) -> Result<(), SearchError> {
        let inner = Arc::try_unwrap(self.inner)
            .map_err(|_| SearchError::Index(tantivy::TantivyError::SystemError("the index is still shared".into())))?;
        let writer = inner.writer.into_inner().unwrap_or_else(PoisonError::into_inner);
        writer.wait_merging_threads()?;
        Ok(())
    }

    /// Searches. Never fails on odd text: see [`Terms::parse`].
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        let f = &self.inner.fields;
        let terms = Terms::parse(&q.text);
        let query = terms.query(f, &q.filters());
        let searcher = self.inner.reader.searcher();
        // A page past the last document is empty: never let an offset size
        // the collector beyond the index.
        let docs = searcher.num_docs().max(1) as usize;
        let top = TopDocs::with_limit((q.page.limit() as usize).clamp(1, docs))
            .and_offset((q.page.offset() as usize).min(docs))
            .order_by_score();
        let mut facet_collector = FacetCollector::for_field("facets");
        for d in DIMENSIONS {
            facet_collector.add_facet(format!("/{d}").as_str());
        }
        let (top, total, counts) = searcher.search(&query, &(top, Count, facet_collector))?;
        let highlighter = terms.highlighter();
        let mut items = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field| stored_text(&doc, field);
            let (Ok(id), Ok(kind)) = (RecordId::parse(&text(f.id)), text(f.kind).parse::<RecordKind>()) else {
                continue;
            };
            items.push(Hit {
                kind,
                id,
                title: text(f.title),
                snippet: highlighter.snippet(&text(f.body)),
                also: Some(text(f.also))
                    .filter(|a| !a.is_empty())
                    .map(|a| highlighter.snippet(&a))
                    .unwrap_or_default(),
                score,
                date: Some(text(f.date)).filter(|d| !d.is_empty()),
            });
        }
        let values = |dimension: &str| -> Vec<(String, u64)> {
            counts
                .get(format!("/{dimension}").as_str())
                .filter_map(|(facet, n)| facet.to_path().last().map(|v| (v.to_string(), n)))
                .collect()
        };
        let labelled = |dimension: &str, label: &dyn Fn(&str) -> String| {
            let mut v: Vec<FacetValue> = values(dimension)
                .into_iter()
                .map(|(value, count)| FacetValue {
                    label: label(&value),
                    value,
                    count,
                })
                .collect();
            v.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
            v
        };
        let same = |v: &str| v.to_owned();
        let mut year = labelled("year", &same);
        year.sort_by(|a, b| b.value.cmp(&a.value));
        let mut organisation = labelled("organisation", &same);
        organisation.truncate(20);
        for o in &mut organisation {
            if let Some(name) = self.title_of(&searcher, &o.value)? {
                o.label = name;
            }
        }
        let facets = Facets {
            kind: labelled("kind", &|v| {
                v.parse::<RecordKind>()
                    .map(|k| k.label().to_owned())
                    .unwrap_or_else(|_| v.to_owned())
            }),
            event_type: labelled("type", &|v| {
                v.parse::<EventType>()
                    .map(|t| t.label().to_owned())
                    .unwrap_or_else(|_| v.to_owned())
            }),
            year,
            country: labelled("country", &same),
            organisation,
            language: labelled("language", &same),
        };
        Ok(SearchResults {
            items,
            total: total as u64,
            facets,
        })
    }

    fn title_of(&self, searcher: &tantivy::Searcher, id: &str) -> Result<Option<String>, SearchError> {
        let f = &self.inner.fields;
        let q = TermQuery::new(Term::from_field_text(f.id, id), IndexRecordOption::Basic);
        let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*address)?;
        Ok(doc.get_first(f.title).and_then(|v| v.as_str()).map(str::to_owned))
    }

    /// Persons and organisations whose name or alias starts like `typed`
    /// (the last word a prefix, any earlier ones whole), in any spelling
    /// or script. Fewer than two letters suggest nothing.
    pub fn suggest(&self, typed: &str, _visibility: Visibility, limit: usize) -> Result<Vec<Suggestion>, SearchError> {
        let f = &self.inner.fields;
        let typed: String = typed.chars().take(200).collect();
        let words: Vec<&str> = analysis::words(&typed).map(|(a, b)| &typed[a..b]).take(8).collect();
        let Some((last, whole)) = words.split_last() else {
            return Ok(Vec::new());
        };
        let prefixes: Vec<String> = vigil_core::name::prefix_keys(last)
            .into_iter()
            .filter(|k| k.len() >= 2)
            .collect();
        if prefixes.is_empty() {
            return Ok(Vec::new());
        }
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for w in whole {
            if let Some(k) = analysis::name_term(w) {
                let mut any: Vec<(Occur, Box<dyn Query>)> = vec![(
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.names, &k),
                        IndexRecordOption::WithFreqs,
                    )),
                )];
                if k.len() >= 5 {
                    any.push((
                        Occur::Should,
                        Box::new(FuzzyTermQuery::new(Term::from_field_text(f.names, &k), 1, true)),
                    ));
                }
                must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
            }
        }
        let mut last_any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for p in &prefixes {
            last_any.push((
                Occur::Should,
                Box::new(FuzzyTermQuery::new_prefix(Term::from_field_text(f.names, p), 0, true)),
            ));
            // A whole word typed out ranks above words it only starts.
            last_any.push((
                Occur::Should,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.names, p),
                    IndexRecordOption::WithFreqs,
                )),
            ));
        }
        must.push((Occur::Must, Box::new(BooleanQuery::new(last_any))));
        let query = BooleanQuery::new(must);
        let searcher = self.inner.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(limit.clamp(1, 50)).order_by_score())?;
        let typed_keys: Vec<String> = whole.iter().filter_map(|w| analysis::name_term(w)).collect();
        let mut out = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field| stored_text(&doc, field);
            let (Ok(id), Ok(kind)) = (RecordId::parse(&text(f.id)), text(f.kind).parse::<RecordKind>()) else {
                continue;
            };
            let name = text(f.title);
            // The first of its names that starts as typed, preferring one
            // in the script typed.
            let cyrillic = |s: &str| s.chars().any(|c| ('\u{0400}'..='\u{052F}').contains(&c));
            let typed_cyrillic = cyrillic(&typed);
            let fits = |n: &str| {
                let keys = vigil_core::name::keys(n);
                typed_keys.iter().all(|k| keys.contains(k))
                    && keys.iter().any(|k| prefixes.iter().any(|p| k.starts_with(p.as_str())))
            };
            let names: Vec<String> = doc
                .get_all(f.names)
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
            let matched = names
                .iter()
                .filter(|n| fits(n))
                .min_by_key(|n| (cyrillic(n) != typed_cyrillic, n.len() < name.len()))
                .filter(|n| **n != name)
                .cloned();
            out.push(Suggestion {
                kind,
                id,
                name,
                matched,
            });
        }
        Ok(out)
    }
}

/// One change to the index: remove the record's document, then add its
/// new one (none when it was deleted or is confidential).
struct Op {
    id: RecordId,
    document: Option<TantivyDocument>,
}

/// `record` without its references to what the public may not see: a
/// public event quoting a confidential source keeps the quote out of the
/// index (and so out of snippets), as its own page does.
async fn public_form<S: Store>(store: &S, record: &Record) -> Result<Record, StoreError> {
    let mut hidden = std::collections::HashSet::new();
    for reference in record.references() {
        if hidden.contains(reference.id) {
            continue;
        }
        match store.record(reference.id, Visibility::Public).await {
            Ok(_) => {}
            Err(StoreError::NotFound { .. }) => {
                hidden.insert(reference.id.clone());
            }
            Err(e) => return Err(e),
        }
    }
    Ok(record.without_references_to(&hidden))
}

/// The records a document is made from, fetched from the store; missing
/// ones are simply absent.
async fn related<S: Store>(store: &S, record: &Record) -> Result<Related, StoreError> {
    let mut out = Related::new();
    for id in document::related_ids(record) {
        if out.contains_key(&id) {
            continue;
        }
        // As the public sees them: the index holds nothing else.
        match store.record(&id, Visibility::Public).await {
            Ok(r) => {
                out.insert(id, r);
            }
            Err(StoreError::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// The changes to the index for some revisions, and whether any of them
/// hides something that was public (so its old text must be purged).
async fn operations<S: Store>(
    store: &S,
    revisions: &[Revision],
    fields: &Fields,
) -> Result<(Vec<Op>, bool), StoreError> {
    let mut ops = Vec::with_capacity(revisions.len());
    let mut hides = false;
    for rev in revisions {
        hides |=
            matches!(rev.operation, Operation::Update | Operation::Restore) && rev.record.has_confidential_content();
        // A record made confidential and given a new id: its document
        // under the old id goes (no revision names that id any more).
        if let Some(old) = &rev.formerly {
            ops.push(Op {
                id: old.clone(),
                document: None,
            });
        }
        match rev.operation {
            Operation::Delete => ops.push(Op {
                id: rev.record_id.clone(),
                document: None,
            }),
            Operation::Create | Operation::Update | Operation::Restore => {
                let record = public_form(store, &rev.record).await?;
                let related = related(store, &record).await?;
                ops.push(Op {
                    id: rev.record_id.clone(),
                    document: document::document(fields, &record, &related),
                });
            }
        }
        // Others show this one's name, or quote this source (or, now that
        // it is confidential, must stop doing so): index them again, as
        // they are now.
        let names_others = matches!(rev.kind, RecordKind::Person | RecordKind::Organisation);
        let quoted = rev.kind == RecordKind::Source;
        if matches!(rev.operation, Operation::Update | Operation::Restore) && (names_others || quoted) {
            for other in store.referring_to(&rev.record_id, Visibility::Confidential).await? {
                if !quoted && !document::borrows_names(other.kind()) {
                    continue;
                }
                let other = public_form(store, &other).await?;
                let related = related(store, &other).await?;
                ops.push(Op {
                    id: other.id().clone(),
                    document: document::document(fields, &other, &related),
                });
            }
        }
    }
    Ok((ops, hides))
}

/// The store's last revision (0 for none), found with a few one-row reads
/// of the change log.
pub async fn head_seq<S: Store>(store: &S) -> Result<i64, StoreError> {
    let after = |seq: i64| async move { Ok::<bool, StoreError>(!store.changes_since(seq, 1).await?.is_empty()) };
    if !after(0).await? {
        return Ok(0);
    }
    // Some revision lies after `lo`; none after `hi`.
    let (mut lo, mut hi) = (0i64, 1i64);
    while after(hi).await? {
        lo = hi;
        hi = hi.saturating_mul(2);
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if after(mid).await? {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(hi)
}

/// Empties the index folder, keeping the lock file.
fn empty_folder(dir: &Path) -> Result<(), SearchError> {
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        if entry.file_name() == LOCK_FILE {
            continue;
        }
        let path = entry.path();
        let removed = if entry.file_type().map_err(io(&path))?.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(io(&path))?;
    }
    Ok(())
}

/// A stored text field of a document (empty when absent).
fn stored_text(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned()
}
