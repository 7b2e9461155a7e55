//! Ingest: documents in, proposals out. Shared by the pages, the JSON API
//! and the `vigil ingest` command (which is why it lives here, beside the
//! store's callers, and not in `vigil-extract`, which knows no store).
//! The decisions on proposals are in [`crate::review`].
//!
//! Ingest reads a document ([`vigil_extract::read`]), recognises a text the
//! case file already has (same content hash: linked, not stored again) or
//! nearly has (MinHash similarity: stored, and linked), stores the source
//! through [`Store::create`] (so it has a revision), and stores the
//! extractor's proposals as pending. Nothing else is written until a person
//! decides ([`crate::review`]).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use vigil_core::{name, Record, RecordId, RecordKind, Source};
use vigil_extract::extract::{Extraction, Input};
use vigil_extract::{Corpus, Format, Kinship, Known, Metadata, ProposalKind};
use vigil_store::{
    Change, Fingerprint, IngestedSource, NewProposal, ProposalFilter, Proposals, SourceLink, Store, StoreError,
    Visibility,
};

use crate::i18n::{Arg, Lang};
use crate::AppError;

/// What became of one document.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Outcome {
    /// The source the document is: new, or the one it duplicates.
    pub source_id: RecordId,
    /// `new` or `duplicate` (then nothing was stored again).
    pub status: &'static str,
    /// A stored source this one nearly repeats, and how nearly (0–1).
    pub near_duplicate_of: Option<NearDuplicate>,
    pub title: String,
    pub language: Option<String>,
    /// How many proposals of each kind were made now.
    pub proposals: HashMap<String, usize>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NearDuplicate {
    pub source_id: RecordId,
    pub similarity: f64,
}

impl Outcome {
    /// "3 persons, 5 organisations, 12 events, 1 alias", in `lang`.
    pub fn summary(&self, lang: Lang) -> String {
        ProposalKind::ALL
            .iter()
            .map(|k| {
                let n = self.proposals.get(k.as_str()).copied().unwrap_or(0);
                let key = match k {
                    ProposalKind::Person => "ingest-count-persons",
                    ProposalKind::Organisation => "ingest-count-organisations",
                    ProposalKind::Event => "ingest-count-events",
                    ProposalKind::Alias => "ingest-count-aliases",
                };
                lang.tr_with(key, &[("count", Arg::Number(n as u64))])
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{0}")]
    Read(#[from] vigil_extract::ReadError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl IngestError {
    /// Why, in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            IngestError::Read(r) => read_error_words(r, lang),
            IngestError::Store(s) => crate::error::store_words(s, lang),
        }
    }
}

/// Why a document cannot be read, in `lang`.
pub fn read_error_words(e: &vigil_extract::ReadError, lang: Lang) -> String {
    use vigil_extract::ReadError;
    match e {
        ReadError::Empty => lang.tr("read-error-empty"),
        ReadError::NoText => lang.tr("read-error-no-text"),
        ReadError::Binary => lang.tr("read-error-binary"),
        ReadError::Pdf(detail) => lang.tr_with("read-error-pdf", &[("message", Arg::Text(detail))]),
        ReadError::NoTextLayer => lang.tr("read-error-no-text-layer"),
    }
}

impl From<IngestError> for AppError {
    fn from(e: IngestError) -> Self {
        match e {
            IngestError::Read(r) => r.into(),
            IngestError::Store(s) => s.into(),
        }
    }
}

/// A lowercase slug of at most `max` characters: "erlan-baltabay".
pub fn slug(s: &str, max: usize) -> String {
    let folded = name::fold(s);
    let mut out = String::new();
    for w in folded.split(' ') {
        if out.len() + w.len() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(w);
    }
    out
}

/// A document read, fingerprinted and extracted: the part of ingest that
/// needs no store, so a caller with many documents can do it on several
/// threads ([`prepare`]) while [`Ingester::ingest_all`] writes.
pub struct Prepared {
    /// What was received: a file name, an address.
    pub document: String,
    fingerprint: vigil_extract::Fingerprint,
    /// The source under its first-choice id, and what was found in it
    /// (serialised here, on the preparing thread, not on the writing one).
    source: Source,
    /// The ids it may take, first choice first.
    candidates: Vec<RecordId>,
    proposals: Vec<NewProposal>,
    counts: HashMap<String, usize>,
}

/// Reads, fingerprints and extracts one document against `known`.
pub fn prepare(
    bytes: &[u8],
    format: Option<Format>,
    given: &Metadata,
    document: &str,
    known: &Known,
) -> Result<Prepared, IngestError> {
    let doc = vigil_extract::read(bytes, format, given)?;
    let fingerprint = vigil_extract::Fingerprint::of(&doc.text);
    let title = doc.title.unwrap_or_else(|| "Untitled document".into());
    let candidates = candidate_ids(&title);
    let id = candidates.first().cloned().unwrap_or_else(crate::records::new_id);
    let source = Source {
        publisher: doc.publisher,
        language: doc.language,
        published: doc.published,
        url: doc.url,
        ..Source::new(id, title, doc.text)
    };
    // The document's repeats, found while reading, are not looked for again.
    let extraction = extract_with(&source, known, Some(&doc.repeats));
    let (proposals, counts) = new_proposals(&source, extraction)?;
    Ok(Prepared {
        document: document.to_owned(),
        fingerprint,
        source,
        candidates,
        proposals,
        counts,
    })
}

/// Readable ids for a source: the title's slug and 8 random hex digits,
/// three tries. Never derived from the text: an id built from the text's
/// hash let whoever holds a document test whether the case file has it
/// (its id, or a re-upload's longer one, proved the short one taken),
/// even once the source was made confidential.
fn candidate_ids(title: &str) -> Vec<RecordId> {
    let base = slug(title, 60);
    let base = if base.is_empty() { "source".to_owned() } else { base };
    (0..3)
        .filter_map(|_| {
            let token = crate::credentials::random_token();
            RecordId::parse(&format!("{base}-{}", token.get(..8)?)).ok()
        })
        .collect()
}

/// A new source waiting to be written with the others of its batch.
struct Pending {
    /// Where its outcome goes in the batch's answer.
    at: usize,
    source: Source,
    change: Change,
    ingested: IngestedSource,
    near: Option<SourceLink>,
    outcome: Outcome,
}

/// What documents are matched against: the public persons, organisations
/// and events (by name) and the fingerprints of the public sources.
///
/// Read whole once ([`Context::load`]: at a server's start, or once for a
/// `vigil ingest` run), then kept current by following the store's change
/// log ([`Context::catch_up`]), so that a document costs what its own
/// matches cost, not a read of the whole case file.
pub struct Context {
    known: Arc<Known>,
    corpus: Corpus<RecordId>,
    /// The last revision this context has seen.
    seq: i64,
}

/// Revisions read at a time when catching up.
const CATCH_UP_BATCH: u32 = 500;

/// Records read at a time when loading.
const LOAD_BATCH: u32 = 2_000;

impl Context {
    /// Reads the case file's fingerprints (computing and storing those of
    /// sources that have none yet) and its public persons, organisations
    /// and events, a page at a time: the whole case file is never held at
    /// once (at a million events, reading it whole took 3.4 GB).
    pub async fn load<S: Store + Proposals>(store: &S) -> Result<Self, StoreError> {
        // Before the read: what is written meanwhile is caught up with after.
        let seq = store.latest_seq().await?;
        let mut have: HashMap<RecordId, Fingerprint> = store
            .fingerprints()
            .await?
            .into_iter()
            .map(|f| (f.source_id.clone(), f))
            .collect();
        let mut corpus = Corpus::new();
        let mut known = Known::empty();
        for kind in [
            RecordKind::Person,
            RecordKind::Organisation,
            RecordKind::Event,
            RecordKind::Source,
        ] {
            let mut after: Option<RecordId> = None;
            loop {
                let page = store
                    .records_page(kind, after.as_ref(), LOAD_BATCH, Visibility::Public)
                    .await?;
                let Some(last) = page.last().map(|r| r.id().clone()) else {
                    break;
                };
                for record in page {
                    let Record::Source(s) = record else {
                        known.upsert(record);
                        continue;
                    };
                    let f = match have.remove(&s.id) {
                        Some(f) => f,
                        None => {
                            let f = fingerprint_of(&s);
                            store.save_fingerprint(&f).await?;
                            f
                        }
                    };
                    corpus.add(
                        s.id.clone(),
                        vigil_extract::Fingerprint {
                            content_hash: f.content_hash,
                            signature: f.signature,
                        },
                    );
                }
                after = Some(last);
            }
        }
        Ok(Self {
            known: Arc::new(known),
            corpus,
            seq,
        })
    }

    /// Applies every change written since this context last looked, by
    /// this server or another on the same database: each changed record
    /// is read again as the public sees it (absent when deleted or
    /// confidential, and then forgotten).
    pub async fn catch_up<S: Store>(&mut self, store: &S) -> Result<(), StoreError> {
        loop {
            let changes = store.changes_since(self.seq, CATCH_UP_BATCH).await?;
            let Some(last) = changes.last().map(|r| r.seq) else {
                return Ok(());
            };
            // A record given a new id (made confidential) is forgotten
            // under the id it had: no change names that id any more.
            let mut ids: Vec<RecordId> = changes
                .into_iter()
                .flat_map(|r| std::iter::once(r.record_id).chain(r.formerly))
                .collect();
            ids.sort();
            ids.dedup();
            let mut seen: HashMap<RecordId, Record> = store
                .records(&ids, Visibility::Public)
                .await?
                .into_iter()
                .map(|r| (r.id().clone(), r))
                .collect();
            let known = Arc::make_mut(&mut self.known);
            for id in ids {
                self.corpus.remove(&id);
                match seen.remove(&id) {
                    Some(Record::Source(s)) => {
                        let f = fingerprint_of(&s);
                        self.corpus.add(
                            s.id.clone(),
                            vigil_extract::Fingerprint {
                                content_hash: f.content_hash,
                                signature: f.signature,
                            },
                        );
                        known.remove(&id);
                    }
                    Some(record) => known.upsert(record),
                    None => known.remove(&id),
                }
            }
            self.seq = last;
        }
    }

    /// The records names are matched against, for [`prepare`].
    pub fn known(&self) -> Arc<Known> {
        Arc::clone(&self.known)
    }
}

fn fingerprint_of(source: &Source) -> Fingerprint {
    let fp = vigil_extract::Fingerprint::of(&source.text);
    Fingerprint {
        source_id: source.id.clone(),
        content_hash: fp.content_hash,
        signature: fp.signature,
    }
}

/// A server's one [`Context`], shared by its uploads: read whole once
/// ([`SharedContext::warm`], at start), then caught up before each
/// document. Documents are ingested one at a time, as the store writes them.
#[derive(Clone, Default)]
pub struct SharedContext(Arc<tokio::sync::Mutex<Option<Context>>>);

impl SharedContext {
    /// Reads the context now, unless it is read already.
    pub async fn warm<S: Store + Proposals>(&self, store: &S) -> Result<(), StoreError> {
        let mut held = self.0.lock().await;
        if held.is_none() {
            *held = Some(Context::load(store).await?);
        }
        Ok(())
    }

    /// One document, named `document` in links and revisions, by `author`.
    #[allow(clippy::too_many_arguments)]
    pub async fn ingest<S: Store + Proposals>(
        &self,
        store: S,
        author: &str,
        bytes: &[u8],
        format: Option<Format>,
        given: &Metadata,
        document: &str,
        reason: Option<&str>,
    ) -> Result<Outcome, IngestError> {
        let mut held = self.0.lock().await;
        // Taken out while in use: should this fail half-way, the next
        // document reads the context anew.
        let mut context = match held.take() {
            Some(context) => context,
            None => Context::load(&store).await?,
        };
        context.catch_up(&store).await?;
        let mut ingester = Ingester::with_context(store, author, context);
        let outcome = ingester.ingest(bytes, format, given, document, reason).await;
        *held = Some(ingester.into_context());
        outcome
    }
}

/// Ingests documents into `store` against a [`Context`], which it keeps
/// current with what it writes (so a folder's duplicates are found among
/// themselves too).
pub struct Ingester<S> {
    store: S,
    context: Context,
    author: String,
}

impl<S: Store + Proposals> Ingester<S> {
    /// An ingester with a context of its own, read whole from the store:
    /// for one `vigil ingest` run. A server keeps one context instead
    /// ([`Ingester::with_context`]).
    pub async fn new(store: S, author: &str) -> Result<Self, StoreError> {
        let context = Context::load(&store).await?;
        Ok(Self::with_context(store, author, context))
    }

    /// An ingester using `context` (caught up by the caller); take it back
    /// with [`Ingester::into_context`].
    pub fn with_context(store: S, author: &str, context: Context) -> Self {
        Self {
            store,
            context,
            author: author.to_owned(),
        }
    }

    pub fn into_context(self) -> Context {
        self.context
    }

    /// The records names are matched against, for [`prepare`].
    pub fn known(&self) -> Arc<Known> {
        self.context.known()
    }

    /// One document, named `document` (a file name, an address) in links
    /// and revisions.
    pub async fn ingest(
        &mut self,
        bytes: &[u8],
        format: Option<Format>,
        given: &Metadata,
        document: &str,
        reason: Option<&str>,
    ) -> Result<Outcome, IngestError> {
        let prepared = prepare(bytes, format, given, document, &self.context.known)?;
        self.ingest_all(vec![prepared], reason)
            .await
            .pop()
            .unwrap_or_else(|| Err(IngestError::Store(StoreError::invalid("body", "nothing to ingest"))))
    }

    /// Prepared documents in order, the new sources of the batch written
    /// together (a transaction for the sources and their revisions, one
    /// for their fingerprints and proposals); one answer per document, in
    /// the same order. Should the batch be refused whole, each document is
    /// tried alone, so one bad document does not keep the others out.
    pub async fn ingest_all(
        &mut self,
        batch: Vec<Prepared>,
        reason: Option<&str>,
    ) -> Vec<Result<Outcome, IngestError>> {
        let mut answers: Vec<Option<Result<Outcome, IngestError>>> = Vec::new();
        let mut pending: Vec<Pending> = Vec::new();
        // Which of the ids the batch could take are in use: one question
        // for the batch, not one a document.
        let candidates: Vec<RecordId> = batch.iter().flat_map(|p| p.candidates.iter().cloned()).collect();
        let mut taken = match self.store.taken(&candidates).await {
            Ok(t) => t,
            Err(e) => {
                // Not `Clone`: each document is told the same, by message.
                let e = e.to_string();
                return batch
                    .iter()
                    .map(|_| {
                        Err(IngestError::Store(StoreError::backend(std::io::Error::other(
                            e.clone(),
                        ))))
                    })
                    .collect();
            }
        };
        for prepared in batch {
            let at = answers.len();
            answers.push(None);
            let kinship = self.context.corpus.kinship(&prepared.fingerprint);
            if let Kinship::Duplicate(existing) = kinship {
                if pending.iter().any(|p| p.source.id == existing) {
                    // It repeats a document of this batch: write that first.
                    self.flush(&mut pending, &mut answers).await;
                }
                let language = prepared.source.language.clone();
                answers[at] = Some(self.duplicate(existing, language, &prepared.document).await);
                continue;
            }
            match self.admit(prepared, kinship, reason, &pending, &taken, at).await {
                Ok(p) => {
                    // Taken now, also once written by a flush mid-batch.
                    taken.insert(p.source.id.clone());
                    pending.push(p);
                }
                Err(e) => answers[at] = Some(Err(e)),
            }
        }
        self.flush(&mut pending, &mut answers).await;
        answers
            .into_iter()
            .map(|a| a.unwrap_or_else(|| Err(IngestError::Store(StoreError::invalid("body", "not ingested")))))
            .collect()
    }

    /// A new source, with its id (free in the store and in the batch), its
    /// proposals and its link to a near duplicate, ready to be written.
    async fn admit(
        &mut self,
        prepared: Prepared,
        kinship: Kinship<RecordId>,
        reason: Option<&str>,
        pending: &[Pending],
        taken: &HashSet<RecordId>,
        at: usize,
    ) -> Result<Pending, IngestError> {
        let Prepared {
            document,
            fingerprint: fp,
            source,
            candidates,
            proposals,
            counts,
        } = prepared;
        let id = source_id(&candidates, pending, taken);
        let (source, proposals, counts) = if id == source.id {
            (source, proposals, counts)
        } else {
            // Its first-choice id is taken: the proposals cite the source by id.
            let source = Source { id, ..source };
            let (proposals, counts) = new_proposals(&source, extract_for(&source, &self.context.known))?;
            (source, proposals, counts)
        };
        let why = match reason {
            Some(r) => format!("ingested from {document}: {r}"),
            None => format!("ingested from {document}"),
        };
        let near = match kinship {
            Kinship::NearDuplicate(other, similarity) => Some((other, similarity)),
            _ => None,
        };
        self.context.corpus.add(source.id.clone(), fp.clone());
        Ok(Pending {
            at,
            outcome: Outcome {
                source_id: source.id.clone(),
                status: "new",
                near_duplicate_of: near.as_ref().map(|(other, similarity)| NearDuplicate {
                    source_id: other.clone(),
                    similarity: (similarity * 100.0).round() / 100.0,
                }),
                title: source.title.clone(),
                language: source.language.clone(),
                proposals: counts,
            },
            change: Change::new(self.author.clone(), Some(&why)),
            ingested: IngestedSource {
                fingerprint: Fingerprint {
                    source_id: source.id.clone(),
                    content_hash: fp.content_hash,
                    signature: fp.signature,
                },
                proposals,
            },
            near: near.map(|(other, similarity)| SourceLink {
                source_id: source.id.clone(),
                other_id: Some(other),
                relation: "near_duplicate".into(),
                similarity,
                document,
                by: self.author.clone(),
                at: vigil_store::now(),
            }),
            source,
        })
    }

    /// Writes the pending sources together and answers for each; if the
    /// batch is refused, writes them one at a time.
    async fn flush(&mut self, pending: &mut Vec<Pending>, answers: &mut [Option<Result<Outcome, IngestError>>]) {
        let batch = std::mem::take(pending);
        if batch.is_empty() {
            return;
        }
        // Moved apart (not cloned): the proposals are most of the batch.
        let mut records = Vec::with_capacity(batch.len());
        let mut ingested = Vec::with_capacity(batch.len());
        let mut rest = Vec::with_capacity(batch.len());
        for p in batch {
            records.push((Record::Source(p.source), p.change));
            ingested.push(p.ingested);
            rest.push((p.at, p.near, p.outcome));
        }
        let links: Vec<&SourceLink> = rest.iter().filter_map(|(_, near, _)| near.as_ref()).collect();
        if records.len() > 1 && self.write(&records, &ingested, &links).await.is_ok() {
            for (at, _, outcome) in rest {
                answers[at] = Some(Ok(outcome));
            }
            return;
        }
        for (i, (at, near, outcome)) in rest.into_iter().enumerate() {
            let links: Vec<&SourceLink> = near.iter().collect();
            let written = self.write(&records[i..=i], &ingested[i..=i], &links).await;
            if written.is_err() {
                // Not written: a later document is no duplicate of it. (Were
                // a part written after all, catching up brings it back.)
                self.context.corpus.remove(&outcome.source_id);
            }
            answers[at] = Some(written.map(|()| outcome));
        }
    }

    async fn write(
        &self,
        records: &[(Record, Change)],
        ingested: &[IngestedSource],
        links: &[&SourceLink],
    ) -> Result<(), IngestError> {
        self.store.create_all(records).await?;
        self.store.add_ingested(ingested).await?;
        for link in links {
            self.store.link_source(link).await?;
        }
        Ok(())
    }

    /// A document whose text the case file has: linked to that source, not
    /// stored again. A source stored without proposals (the demo's, or one
    /// whose ingest was cut short) gets them now.
    async fn duplicate(
        &self,
        existing: RecordId,
        language: Option<String>,
        document: &str,
    ) -> Result<Outcome, IngestError> {
        self.store
            .link_source(&SourceLink {
                source_id: existing.clone(),
                other_id: None,
                relation: "duplicate".into(),
                similarity: 1.0,
                document: document.to_owned(),
                by: self.author.clone(),
                at: vigil_store::now(),
            })
            .await?;
        let mut proposals = HashMap::new();
        let source = self.store.record(&existing, Visibility::Confidential).await?;
        let had = self
            .store
            .proposals(&ProposalFilter {
                source_id: Some(existing.clone()),
                ..Default::default()
            })
            .await?;
        if let (true, Record::Source(s)) = (had.is_empty(), &source) {
            let (new, counts) = new_proposals(s, extract_for(s, &self.context.known))?;
            self.store.add_proposals(&s.id, &new).await?;
            proposals = counts;
        }
        Ok(Outcome {
            source_id: existing,
            status: "duplicate",
            near_duplicate_of: None,
            title: source.title().to_owned(),
            language,
            proposals,
        })
    }
}

/// A readable id free in the store (`taken` says which are not) and in the
/// batch, from the document's `candidates` (see [`candidate_ids`]).
fn source_id(candidates: &[RecordId], pending: &[Pending], taken: &HashSet<RecordId>) -> RecordId {
    candidates
        .iter()
        .find(|id| !taken.contains(*id) && !pending.iter().any(|p| p.source.id == **id))
        .cloned()
        .unwrap_or_else(crate::records::new_id)
}

/// The extractor's proposals as stored (ids prefixed with the source's),
/// and how many of each kind.
fn new_proposals(
    source: &Source,
    extraction: Extraction,
) -> Result<(Vec<NewProposal>, HashMap<String, usize>), IngestError> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let new = extraction
        .proposals
        .into_iter()
        .map(|p| {
            let p = p.prefixed(source.id.as_str());
            *counts.entry(p.kind.as_str().to_owned()).or_default() += 1;
            NewProposal::new(&p.id, p.kind.as_str(), &p.label, &p)
        })
        .collect::<serde_json::Result<_>>()
        .map_err(|e| IngestError::Store(StoreError::backend(e)))?;
    Ok((new, counts))
}

/// Extraction over a stored source, read against its own date.
pub fn extract_for(source: &Source, known: &Known) -> Extraction {
    extract_with(source, known, None)
}

fn extract_with(source: &Source, known: &Known, repeats: Option<&[vigil_extract::Repeat]>) -> Extraction {
    vigil_extract::extract(
        &Input {
            source_id: &source.id,
            text: &source.text,
            language: source.language.as_deref(),
            article_date: source.published,
            repeats,
        },
        known,
    )
}
