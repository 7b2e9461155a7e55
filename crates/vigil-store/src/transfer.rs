//! A whole case file as a backend stores it, for moving it from one
//! backend to another (`vigil migrate-to-postgres`) without losing a byte
//! of history.
//!
//! Everything here is what the backend holds, not what a reader sees:
//! revisions with their sequence numbers, authors, times and reasons;
//! records with their deleted flag; confidential content still sealed
//! ([`crate::seal::Stored`]), so a copy never needs to open it to move it;
//! accounts with their password hashes; token and session digests.
//!
//! A source hands these out through a [`Snapshot`]: one consistent state
//! of the case file, read in batches so that a large one never has to fit
//! in memory at once.

use std::future::Future;

use vigil_core::{AccountRole, RecordId, RecordKind, UserName};

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
}

/// How much a copy moved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Copied {
    pub records: u64,
    pub revisions: u64,
    pub accounts: u64,
    pub tokens: u64,
    pub sessions: u64,
}
