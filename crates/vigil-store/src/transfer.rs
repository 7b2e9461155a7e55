//! A whole case file as a backend stores it, for moving it from one
//! backend to another (`vigil migrate-to-postgres`) without losing a byte
//! of history.
//!
//! Everything here is what the backend holds, not what a reader sees:
//! revisions with their sequence numbers, authors, times and reasons;
//! records with their deleted flag; confidential content still sealed
//! ([`crate::seal::Stored`]), so a copy never needs to open it to move it;
//! accounts with their password hashes; token and session digests;
//! proposals, fingerprints and source links; campaigns with their sealed
//! signatures, audit, invalidations, mail queue and deliveries. [`TABLES`]
//! names every table and how a copy carries it, and a test holds it to
//! both backends' schemas, so that no table is left behind.
//!
//! A source hands these out through a [`Snapshot`]: one consistent state
//! of the case file, read in batches so that a large one never has to fit
//! in memory at once.

use std::future::Future;

use vigil_core::{AccountRole, RecordId, RecordKind, UserName};

use crate::proposals::{Fingerprint, SourceLink, StoredProposal};
use crate::seal::Stored;
use crate::{Operation, Result};

/// One revision, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRevision {
    pub seq: i64,
    pub record_id: RecordId,
    pub kind: RecordKind,
    pub operation: Operation,
    pub author: String,
    pub at: time::OffsetDateTime,
    pub reason: Option<String>,
    pub stored: Stored,
}

/// A record's current state, as stored (also of a deleted record, which
/// keeps the state it had when deleted, to be restored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRecord {
    pub id: RecordId,
    pub kind: RecordKind,
    pub deleted: bool,
    pub stored: Stored,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAccount {
    pub name: UserName,
    pub role: AccountRole,
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: time::OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredToken {
    pub token_hash: String,
    pub account: UserName,
    pub created_at: time::OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    pub session_hash: String,
    pub account: UserName,
    pub csrf_token: String,
    pub expires_at: time::OffsetDateTime,
}

/// A line of the account audit log, as stored (time in microseconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAccountAudit {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub account: String,
    pub action: String,
    pub detail: String,
}

/// How a copy carries a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carried {
    /// Row by row, as stored.
    Copied,
    /// Rebuilt by the target from the copied records (an index of them).
    Rebuilt,
    /// The target's own, written when it is opened (not copied).
    Own,
}

/// Every table any backend keeps for a case file, and how a copy from one
/// backend to another carries it (sqlx's `_sqlx_migrations` aside).
pub const TABLES: &[(&str, Carried)] = &[
    ("records", Carried::Copied),
    ("record_names", Carried::Rebuilt),
    ("links", Carried::Rebuilt),
    // Kept from the records (issue 17): counted by the target's triggers as
    // records are copied; status stretches recomputed after the copy
    // (`Store::rebuild_derived`).
    ("record_counts", Carried::Rebuilt),
    ("status_stretches", Carried::Rebuilt),
    ("revisions", Carried::Copied),
    ("accounts", Carried::Copied),
    ("api_tokens", Carried::Copied),
    ("sessions", Carried::Copied),
    ("account_audit", Carried::Copied),
    ("proposals", Carried::Copied),
    ("source_fingerprints", Carried::Copied),
    ("source_links", Carried::Copied),
    ("campaigns", Carried::Copied),
    ("campaign_audit", Carried::Copied),
    ("invalidations", Carried::Copied),
    ("signatures", Carried::Copied),
    ("mail_queue", Carried::Copied),
    ("deliveries", Carried::Copied),
    // Responses, results, milestones and partners' links (issue 23).
    ("campaign_outcomes", Carried::Copied),
    // Counts by organisation (issue 23): the target counts each campaign
    // afresh from the copied signatures the first time it is read.
    ("campaign_org_counts", Carried::Rebuilt),
    // Sealed under the case file's key, copied sealed (issue 22).
    ("attachments", Carried::Copied),
    // The key pair of encrypted forms, its private key copied sealed (issue 22).
    ("form_keys", Carried::Copied),
    // XForms an admin uploaded (issue 22).
    ("forms", Carried::Copied),
    // The check of the key, made by each database for itself (both backends keep one).
    ("seal_key_check", Carried::Own),
];

/// A campaign row. Campaign tables keep times as microseconds since the
/// epoch in every backend, so these rows carry them as such.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCampaign {
    pub slug: String,
    /// The campaign as JSON.
    pub data: String,
    pub state: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub closed_at: Option<i64>,
    pub anonymised_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAudit {
    pub id: i64,
    pub campaign: String,
    pub at: i64,
    pub author: String,
    pub action: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInvalidation {
    pub id: i64,
    pub campaign: String,
    /// The filter as JSON.
    pub filter: String,
    pub author: String,
    pub at: i64,
    pub removed: i64,
    pub reverted_at: Option<i64>,
    pub reverted_by: Option<String>,
}

/// A signature as stored: personal data sealed, address hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSignature {
    pub id: String,
    pub campaign: String,
    pub email_hash: Option<Vec<u8>>,
    pub personal: Option<Vec<u8>>,
    pub email_domain: Option<String>,
    pub ip_hex: Option<String>,
    pub country: String,
    pub language: String,
    pub opt_in_at: Option<i64>,
    pub opt_in_wording: Option<String>,
    pub named: bool,
    pub created_at: i64,
    pub token_hash: Option<Vec<u8>>,
    pub token_expires_at: i64,
    pub confirmed_at: Option<i64>,
    pub invalidated_by: Option<i64>,
}

/// A queued message, sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMail {
    pub id: String,
    pub created_at: i64,
    pub next_attempt_at: i64,
    pub attempts: i64,
    pub sent_at: Option<i64>,
    pub failed_at: Option<i64>,
    pub last_error: Option<String>,
    pub sealed: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDelivery {
    pub id: i64,
    pub campaign: String,
    pub target: String,
    pub at: i64,
    pub signatures: i64,
    /// The queued message's id.
    pub mail: String,
}

/// A row of a campaign's outcomes (responses, results, milestones,
/// partners' links), as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredOutcome {
    pub id: i64,
    pub campaign: String,
    pub kind: String,
    pub unique_key: Option<String>,
    pub data: String,
    pub at: i64,
    pub author: String,
    pub revoked_at: Option<i64>,
    pub revoked_by: Option<String>,
}

/// One consistent state of a whole case file, read in batches. Every
/// method answers from the same state, whatever is written meanwhile.
pub trait Snapshot: Send {
    /// Revisions after `seq`, in order, at most `limit`.
    fn revisions(&mut self, after_seq: i64, limit: u32) -> impl Future<Output = Result<Vec<StoredRevision>>> + Send;

    /// Records after `after_id` (all from the start when `None`) in the
    /// order of their ids' bytes, at most `limit`.
    fn records(
        &mut self,
        after_id: Option<&RecordId>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<StoredRecord>>> + Send;

    fn accounts(&mut self) -> impl Future<Output = Result<Vec<StoredAccount>>> + Send;

    fn tokens(&mut self) -> impl Future<Output = Result<Vec<StoredToken>>> + Send;

    /// Sessions that have not expired.
    fn sessions(&mut self) -> impl Future<Output = Result<Vec<StoredSession>>> + Send;

    /// The account audit log, oldest first.
    fn account_audit(&mut self) -> impl Future<Output = Result<Vec<StoredAccountAudit>>> + Send;

    /// Proposals in the order they were made, at most `limit` of them
    /// after the `after`th.
    fn proposals(&mut self, after: u64, limit: u32) -> impl Future<Output = Result<Vec<StoredProposal>>> + Send;

    fn fingerprints(&mut self) -> impl Future<Output = Result<Vec<Fingerprint>>> + Send;

    /// Source links in the order they were made.
    fn source_links(&mut self) -> impl Future<Output = Result<Vec<SourceLink>>> + Send;

    fn campaigns(&mut self) -> impl Future<Output = Result<Vec<StoredCampaign>>> + Send;

    fn campaign_audit(&mut self) -> impl Future<Output = Result<Vec<StoredAudit>>> + Send;

    fn invalidations(&mut self) -> impl Future<Output = Result<Vec<StoredInvalidation>>> + Send;

    /// Signatures after `after_id` in the order of their ids, at most `limit`.
    fn signatures(
        &mut self,
        after_id: Option<&str>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<StoredSignature>>> + Send;

    /// Queued messages after `after_id` in the order of their ids, at most `limit`.
    fn mail_queue(
        &mut self,
        after_id: Option<&str>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<StoredMail>>> + Send;

    fn deliveries(&mut self) -> impl Future<Output = Result<Vec<StoredDelivery>>> + Send;

    fn campaign_outcomes(&mut self) -> impl Future<Output = Result<Vec<StoredOutcome>>> + Send;

    /// Attachments after `after_id` (see [`crate::attachments::StoredAttachment`]),
    /// at most `limit`, in the order of their ids: a few at a time, as they
    /// can be large.
    fn attachments(
        &mut self,
        after_id: Option<&str>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<crate::attachments::StoredAttachment>>> + Send;

    /// The key pairs of encrypted forms, private keys sealed.
    fn form_keys(&mut self) -> impl Future<Output = Result<Vec<crate::attachments::StoredFormKey>>> + Send;

    /// The XForms an admin uploaded.
    fn forms(&mut self) -> impl Future<Output = Result<Vec<crate::attachments::StoredForm>>> + Send;
}

/// How much a copy moved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Copied {
    pub records: u64,
    pub revisions: u64,
    pub accounts: u64,
    pub tokens: u64,
    pub sessions: u64,
    pub account_audit: u64,
    pub proposals: u64,
    pub fingerprints: u64,
    pub source_links: u64,
    pub campaigns: u64,
    pub campaign_audit: u64,
    pub invalidations: u64,
    pub signatures: u64,
    pub mail: u64,
    pub deliveries: u64,
    pub campaign_outcomes: u64,
    pub attachments: u64,
    pub form_keys: u64,
    pub forms: u64,
}
