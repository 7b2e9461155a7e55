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

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use vigil_core::RecordId;

use crate::hex::{hex, unhex};
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

impl Decision {
    /// A rejection by `by` (which writes no record).
    pub fn rejected(by: impl Into<String>) -> Self {
        Decision {
            state: ProposalState::Rejected,
            by: by.into(),
            record_id: None,
        }
    }
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

/// How a sealed proposal's body begins: a JSON string holding the sealed
/// label and body in hexadecimal.
pub(crate) const SEALED_PREFIX: &str = "sealed:v1:";

/// A proposal as it is stored: its label and body sealed under the case
/// file's key (bound to its id). Proposals name the people in a report and
/// quote it, and the report may be confidential (a witness's statement
/// from the field), now or later: every proposal is sealed alike, so
/// nothing depends on when its source was marked.
pub fn seal_proposal(key: &crate::SealKey, p: &NewProposal) -> crate::Result<NewProposal> {
    let plain = serde_json::to_vec(&serde_json::json!({ "label": p.label, "body": p.body }))
        .map_err(crate::StoreError::backend)?;
    let blob = crate::seal::seal_bytes(key, p.id.as_bytes(), &plain)?;
    let text = format!("{SEALED_PREFIX}{}", hex(&blob));
    Ok(NewProposal {
        id: p.id.clone(),
        kind: p.kind.clone(),
        label: String::new(),
        body: serde_json::value::to_raw_value(&text).map_err(crate::StoreError::backend)?,
    })
}

/// A sealed proposal's stored body (see [`seal_proposal`]) sealed again
/// under `new`, for a key rotation; `None` for one in the clear.
pub fn reseal_proposal_body(
    old: &crate::SealKey,
    new: &crate::SealKey,
    id: &str,
    body: &str,
) -> crate::Result<Option<String>> {
    let value: Value = serde_json::from_str(body).map_err(crate::StoreError::backend)?;
    let Some(text) = value.as_str().and_then(|s| s.strip_prefix(SEALED_PREFIX)) else {
        return Ok(None);
    };
    let blob = unhex(text).ok_or_else(|| crate::StoreError::Backend("a sealed proposal is damaged".into()))?;
    let plain = crate::seal::open_bytes(old, id.as_bytes(), &blob)?;
    let blob = crate::seal::seal_bytes(new, id.as_bytes(), &plain)?;
    serde_json::to_string(&format!("{SEALED_PREFIX}{}", hex(&blob)))
        .map(Some)
        .map_err(crate::StoreError::backend)
}

/// Whether a stored proposal is still in the clear (written before
/// proposals were sealed).
pub fn is_sealed(p: &StoredProposal) -> bool {
    p.body.as_str().is_some_and(|s| s.starts_with(SEALED_PREFIX))
}

/// A stored proposal opened: its label and body back. One stored in the
/// clear comes back as it is.
pub fn open_proposal(key: &crate::SealKey, mut p: StoredProposal) -> crate::Result<StoredProposal> {
    let Some(text) = p.body.as_str().and_then(|s| s.strip_prefix(SEALED_PREFIX)) else {
        return Ok(p);
    };
    let blob = unhex(text).ok_or_else(|| crate::StoreError::Backend("a sealed proposal is damaged".into()))?;
    let plain = crate::seal::open_bytes(key, p.id.as_bytes(), &blob)?;
    #[derive(Deserialize)]
    struct Opened {
        label: String,
        body: Value,
    }
    let opened: Opened = serde_json::from_slice(&plain).map_err(crate::StoreError::backend)?;
    p.label = opened.label;
    p.body = opened.body;
    Ok(p)
}

/// A fingerprint as it is stored: the columns `content_hash` (a keyed
/// hash of the text's hash, so equal texts still meet, but nobody without
/// the key can test whether a document they hold is in the case file) and
/// `signature` (the text's hash and its MinHash signature, sealed, bound to
/// the source's id).
pub fn seal_fingerprint(key: &crate::SealKey, f: &Fingerprint) -> crate::Result<(String, String)> {
    let keyed = crate::seal::keyed_hash(&key.derive("source fingerprint"), f.content_hash.as_bytes());
    let plain = serde_json::to_vec(&serde_json::json!({ "content_hash": f.content_hash, "signature": f.signature }))
        .map_err(crate::StoreError::backend)?;
    let blob = crate::seal::seal_bytes(key, f.source_id.as_str().as_bytes(), &plain)?;
    let signature =
        serde_json::to_string(&format!("{SEALED_PREFIX}{}", hex(&blob))).map_err(crate::StoreError::backend)?;
    Ok((format!("k1:{}", hex(&keyed)), signature))
}

/// A fingerprint back from its stored columns (see [`seal_fingerprint`]);
/// one stored in the clear by an earlier version is read as it is.
pub fn open_fingerprint(
    key: &crate::SealKey,
    source_id: RecordId,
    content_hash: String,
    signature: &str,
) -> crate::Result<Fingerprint> {
    let value: Value = serde_json::from_str(signature).map_err(crate::StoreError::backend)?;
    let Some(text) = value.as_str().and_then(|s| s.strip_prefix(SEALED_PREFIX)) else {
        return Ok(Fingerprint {
            source_id,
            content_hash,
            signature: serde_json::from_value(value).map_err(crate::StoreError::backend)?,
        });
    };
    let blob = unhex(text).ok_or_else(|| crate::StoreError::Backend("a sealed fingerprint is damaged".into()))?;
    let plain = crate::seal::open_bytes(key, source_id.as_str().as_bytes(), &blob)?;
    #[derive(Deserialize)]
    struct Opened {
        content_hash: String,
        signature: Vec<u64>,
    }
    let opened: Opened = serde_json::from_slice(&plain).map_err(crate::StoreError::backend)?;
    Ok(Fingerprint {
        source_id,
        content_hash: opened.content_hash,
        signature: opened.signature,
    })
}

#[cfg(test)]
mod sealing {
    use super::*;

    #[test]
    fn a_sealed_proposal_opens_whole_and_holds_nothing_in_the_clear() {
        let key = crate::SealKey::generate();
        let new = NewProposal::new(
            "src.p1",
            "person",
            "MARKER-NAME",
            &serde_json::json!({"name": "MARKER-NAME", "quote": "MARKER-QUOTE"}),
        )
        .expect("proposal");
        let sealed = seal_proposal(&key, &new).expect("seal");
        assert!(!sealed.body.get().contains("MARKER") && sealed.label.is_empty());
        let stored = StoredProposal {
            id: sealed.id.clone(),
            source_id: vigil_core::RecordId::parse("src").expect("id"),
            kind: sealed.kind.clone(),
            label: sealed.label.clone(),
            body: serde_json::from_str(sealed.body.get()).expect("json"),
            state: ProposalState::Pending,
            decided_by: None,
            decided_at: None,
            record_id: None,
        };
        assert!(is_sealed(&stored));
        let opened = open_proposal(&key, stored.clone()).expect("open");
        assert_eq!(opened.label, "MARKER-NAME");
        assert_eq!(opened.body["quote"], "MARKER-QUOTE");
        // Bound to its id and its key.
        let mut moved = stored.clone();
        moved.id = "src.p2".into();
        assert!(open_proposal(&key, moved).is_err());
        assert!(open_proposal(&crate::SealKey::generate(), stored).is_err());
    }

    #[test]
    fn a_sealed_fingerprint_opens_whole_and_equal_texts_still_meet() {
        let key = crate::SealKey::generate();
        let f = Fingerprint {
            source_id: vigil_core::RecordId::parse("statement").expect("id"),
            content_hash: "0f1e2d3c".into(),
            signature: vec![7, 11, 13],
        };
        let (hash, signature) = seal_fingerprint(&key, &f).expect("seal");
        assert!(!hash.contains("0f1e2d3c") && !signature.contains("0f1e2d3c"));
        assert_eq!(hash, seal_fingerprint(&key, &f).expect("again").0, "equal texts meet");
        assert_ne!(
            hash,
            seal_fingerprint(&crate::SealKey::generate(), &f).expect("other key").0
        );
        let opened = open_fingerprint(&key, f.source_id.clone(), hash, &signature).expect("open");
        assert_eq!(opened, f);
        // One from before sealing reads as it is.
        let old = open_fingerprint(&key, f.source_id.clone(), "0f1e2d3c".into(), "[7,11,13]").expect("old");
        assert_eq!(old, f);
    }
}
