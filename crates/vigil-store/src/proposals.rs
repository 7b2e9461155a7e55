//! Proposals waiting for a person's decision, and what ingest knows of
//! each source.
//!
//! Nothing here is part of the case file: a proposal is kept as the JSON
//! its extractor made (the store does not read it), with its state. A
//! proposal is decided once — accepted, merged or rejected — by a named
//! person; the records it leads to are written through [`crate::Store`]
//! like any other change. Fingerprints (a content hash and a MinHash
//! signature) let ingest recognise a text it has seen; links record that a
//! document was received again, or nearly again.

use std::future::Future;

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;
use vigil_core::RecordId;

use crate::Result;

/// Where a proposal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalState {
    Pending,
    Accepted,
    Rejected,
}

impl ProposalState {
    pub fn as_str(&self) -> &'static str {
        match self {
            ProposalState::Pending => "pending",
            ProposalState::Accepted => "accepted",
            ProposalState::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(ProposalState::Pending),
            "accepted" => Some(ProposalState::Accepted),
            "rejected" => Some(ProposalState::Rejected),
            _ => None,
        }
    }
}

/// A proposal as stored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredProposal {
    /// Unique across sources (`{source_id}.p3`).
    pub id: String,
    pub source_id: RecordId,
    /// `person`, `organisation`, `event` or `alias`.
    pub kind: String,
    pub label: String,
    /// The extractor's JSON, as it made it.
    pub body: Value,
    pub state: ProposalState,
    /// Who decided, when, and the record the decision wrote to.
    pub decided_by: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub decided_at: Option<time::OffsetDateTime>,
    pub record_id: Option<RecordId>,
}

/// A proposal to store.
#[derive(Clone, Debug)]
pub struct NewProposal {
    pub id: String,
    pub kind: String,
    pub label: String,
    /// The proposal as JSON text, serialised once where it is made (often
    /// on another thread than the one writing) and stored as it is.
    pub body: Box<RawValue>,
}

impl NewProposal {
    /// A proposal whose body is `body` serialised.
    pub fn new(
        id: impl Into<String>,
        kind: impl Into<String>,
        label: impl Into<String>,
        body: &impl Serialize,
    ) -> serde_json::Result<Self> {
        Ok(Self {
            id: id.into(),
            kind: kind.into(),
            label: label.into(),
            body: serde_json::value::to_raw_value(body)?,
        })
    }
}

/// A decision on a pending proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub state: ProposalState,
    pub by: String,
    /// The record accepting (or merging) wrote to.
    pub record_id: Option<RecordId>,
}

/// Which proposals to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProposalFilter {
    pub source_id: Option<RecordId>,
    pub state: Option<ProposalState>,
    pub id: Option<String>,
}

/// What ingest knows of a stored source's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fingerprint {
    pub source_id: RecordId,
    pub content_hash: String,
    /// MinHash of word shingles (see `vigil_extract::dedup`).
    pub signature: Vec<u64>,
}

/// How a received document relates to a stored source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceLink {
    /// The source the document is (or is nearly).
    pub source_id: RecordId,
    /// For a near duplicate stored as its own source: that source.
    pub other_id: Option<RecordId>,
    /// `duplicate` or `near_duplicate`.
    pub relation: String,
    pub similarity: f64,
    /// What was received: a file name, an address.
    pub document: String,
    pub by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
}

/// What ingest keeps of one new source beside the source itself.
#[derive(Clone, Debug)]
pub struct IngestedSource {
    pub fingerprint: Fingerprint,
    pub proposals: Vec<NewProposal>,
}

/// Proposals and ingest's notes on sources. Implemented by every backend
/// beside [`crate::Store`].
pub trait Proposals: Clone + Send + Sync + 'static {
    /// Stores the proposals of a source, all or none;
    /// [`crate::StoreError::Invalid`] if an id is taken.
    fn add_proposals(&self, source_id: &RecordId, proposals: &[NewProposal])
        -> impl Future<Output = Result<()>> + Send;

    /// Stores the fingerprints and proposals of many sources in one
    /// transaction, all or none (as [`Self::add_proposals`] and
    /// [`Self::save_fingerprint`] for each).
    fn add_ingested(&self, sources: &[IngestedSource]) -> impl Future<Output = Result<()>> + Send;

    /// Proposals matching the filter, in the order they were stored.
    fn proposals(&self, filter: &ProposalFilter) -> impl Future<Output = Result<Vec<StoredProposal>>> + Send;

    /// Decides a pending proposal. [`crate::StoreError::NotFound`] for an
    /// unknown id, [`crate::StoreError::Invalid`] (field `state`) if it is
    /// decided already: a decision is never overwritten.
    fn decide(&self, id: &str, decision: &Decision) -> impl Future<Output = Result<StoredProposal>> + Send;

    /// Every fingerprint kept (one per source).
    fn fingerprints(&self) -> impl Future<Output = Result<Vec<Fingerprint>>> + Send;

    /// Keeps (or replaces) a source's fingerprint.
    fn save_fingerprint(&self, fingerprint: &Fingerprint) -> impl Future<Output = Result<()>> + Send;

    /// Records that a document was a duplicate or near duplicate of a source.
    fn link_source(&self, link: &SourceLink) -> impl Future<Output = Result<()>> + Send;

    /// The links that name a source, either way round.
    fn source_links(&self, source_id: &RecordId) -> impl Future<Output = Result<Vec<SourceLink>>> + Send;
}
