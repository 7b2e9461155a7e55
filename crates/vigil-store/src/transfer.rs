//! A whole case file as a backend stores it, for moving it from one
//! backend or server to another without losing a byte of history: the
//! full-scope export and import (`vigil export --scope full`, `vigil
//! import`) and `vigil migrate-to-postgres` all go through it.
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
//! in memory at once. A [`Reader`] walks a snapshot table by table, in the
//! order of [`ROW_TABLES`], as batches of [`Row`]s; a target takes them
//! through a [`Load`] (one transaction, into an empty case file) in the
//! same order. The export writes a reader's rows as lines and the import
//! hands the lines back to a load; a copy between backends hands the rows
//! straight over ([`copy`]). So there is one reader and one writer, and a
//! table added to [`Row`] is carried by all three at once.
//!
//! Every row type serialises to JSON as it is stored: bytes (sealed
//! content, hashes) as base64, case-file times as RFC 3339 in UTC,
//! campaign times as microseconds, a record's public form as the JSON it
//! is stored as.

use std::future::Future;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use vigil_core::{AccountRole, RecordId, RecordKind, UserName};

use crate::attachments::StoredAttachment;
use crate::proposals::{SourceLink, StoredProposal};
use crate::seal::Stored;
use crate::{Operation, Result, StoreError};

/// How stored values are written in JSON (see the module's docs).
pub mod json {
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

    /// Bytes as base64.
    pub mod bytes {
        use super::*;

        pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&B64.encode(v))
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
            let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
            B64.decode(text.as_bytes())
                .map_err(|e| serde::de::Error::custom(format!("not base64: {e}")))
        }
    }

    /// Bytes or nothing, as base64 or null.
    pub mod bytes_opt {
        use super::*;

        pub fn serialize<S: Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
            match v {
                Some(v) => s.serialize_str(&B64.encode(v)),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
            let text = Option::<std::borrow::Cow<'de, str>>::deserialize(d)?;
            text.map(|t| {
                B64.decode(t.as_bytes())
                    .map_err(|e| serde::de::Error::custom(format!("not base64: {e}")))
            })
            .transpose()
        }
    }

    /// A time as RFC 3339, in UTC.
    pub mod utc {
        use super::*;
        use time::format_description::well_known::Rfc3339;

        pub fn serialize<S: Serializer>(t: &time::OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
            let text = t
                .to_offset(time::UtcOffset::UTC)
                .format(&Rfc3339)
                .map_err(serde::ser::Error::custom)?;
            s.serialize_str(&text)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<time::OffsetDateTime, D::Error> {
            let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
            time::OffsetDateTime::parse(&text, &Rfc3339)
                .map_err(|e| serde::de::Error::custom(format!("not an RFC 3339 time: {e}")))
        }
    }
}

/// One revision, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "RevisionJson", try_from = "RevisionJson")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "RecordJson", try_from = "RecordJson")]
pub struct StoredRecord {
    pub id: RecordId,
    pub kind: RecordKind,
    pub deleted: bool,
    pub stored: Stored,
}

/// A record as written: `record` its public form as stored (the JSON the
/// API gives the public; null for a wholly confidential record), `sealed`
/// the whole record sealed (base64), when it has confidential content.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordJson {
    id: RecordId,
    kind: RecordKind,
    deleted: bool,
    record: Option<Box<RawValue>>,
    #[serde(with = "json::bytes_opt")]
    sealed: Option<Vec<u8>>,
}

fn raw(public: Option<String>) -> Option<Box<RawValue>> {
    // Stored public forms are JSON written by the store; a corrupt one is
    // written as a JSON string (and refused by an import).
    public.and_then(|p| {
        RawValue::from_string(p.clone())
            .ok()
            .or_else(|| RawValue::from_string(serde_json::Value::String(p).to_string()).ok())
    })
}

impl From<StoredRecord> for RecordJson {
    fn from(r: StoredRecord) -> Self {
        RecordJson {
            id: r.id,
            kind: r.kind,
            deleted: r.deleted,
            record: raw(r.stored.public),
            sealed: r.stored.sealed,
        }
    }
}

impl TryFrom<RecordJson> for StoredRecord {
    type Error = String;

    fn try_from(r: RecordJson) -> std::result::Result<Self, String> {
        if r.record.is_none() && r.sealed.is_none() {
            return Err(format!("the record '{}' has neither a public nor a sealed form", r.id));
        }
        Ok(StoredRecord {
            id: r.id,
            kind: r.kind,
            deleted: r.deleted,
            stored: Stored {
                public: r.record.map(|v| v.get().to_owned()),
                sealed: r.sealed,
            },
        })
    }
}

/// A revision as written (see [`RecordJson`] for `record` and `sealed`).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RevisionJson {
    seq: i64,
    record_id: RecordId,
    kind: RecordKind,
    operation: Operation,
    author: String,
    #[serde(with = "json::utc")]
    at: time::OffsetDateTime,
    reason: Option<String>,
    record: Option<Box<RawValue>>,
    #[serde(with = "json::bytes_opt")]
    sealed: Option<Vec<u8>>,
}

impl From<StoredRevision> for RevisionJson {
    fn from(r: StoredRevision) -> Self {
        RevisionJson {
            seq: r.seq,
            record_id: r.record_id,
            kind: r.kind,
            operation: r.operation,
            author: r.author,
            at: r.at,
            reason: r.reason,
            record: raw(r.stored.public),
            sealed: r.stored.sealed,
        }
    }
}

impl TryFrom<RevisionJson> for StoredRevision {
    type Error = String;

    fn try_from(r: RevisionJson) -> std::result::Result<Self, String> {
        if r.seq <= 0 {
            return Err(format!("revision number {} is not positive", r.seq));
        }
        Ok(StoredRevision {
            seq: r.seq,
            record_id: r.record_id,
            kind: r.kind,
            operation: r.operation,
            author: r.author,
            at: r.at,
            reason: r.reason,
            stored: Stored {
                public: r.record.map(|v| v.get().to_owned()),
                sealed: r.sealed,
            },
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredAccount {
    pub name: UserName,
    pub role: AccountRole,
    pub password_hash: String,
    pub disabled: bool,
    #[serde(with = "json::utc")]
    pub created_at: time::OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredToken {
    pub token_hash: String,
    pub account: UserName,
    #[serde(with = "json::utc")]
    pub created_at: time::OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredSession {
    pub session_hash: String,
    pub account: UserName,
    pub csrf_token: String,
    #[serde(with = "json::utc")]
    pub expires_at: time::OffsetDateTime,
}

/// A line of the account audit log, as stored (time in microseconds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    // Kept by triggers as the stretches are recomputed (issue 17).
    ("status_day_counts", Carried::Rebuilt),
    // Each event as a rating reads it (issue 17): recomputed after the copy.
    ("event_facts", Carried::Rebuilt),
    // Their public sums, kept by triggers (issue 17).
    ("event_fact_counts", Carried::Rebuilt),
    // The country chart's month changes (issue 17): counted as the status
    // stretches are recomputed after the copy.
    ("country_month_counts", Carried::Rebuilt),
    // The briefing's day changes (issue 17): the same.
    ("country_day_counts", Carried::Rebuilt),
    // Which of it a case file has had filled in (issue 17): the target's own.
    ("derived_filled", Carried::Own),
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
    // Their media files (issue 22), in the clear as the forms are.
    ("form_media", Carried::Copied),
    // Device accounts' digest secrets, copied sealed (issue 22).
    ("device_digests", Carried::Copied),
    // The check of the key, made by each database for itself (both backends keep one).
    ("seal_key_check", Carried::Own),
];

/// A campaign row. Campaign tables keep times as microseconds since the
/// epoch in every backend, so these rows carry them as such.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredAudit {
    pub id: i64,
    pub campaign: String,
    pub at: i64,
    pub author: String,
    pub action: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredSignature {
    pub id: String,
    pub campaign: String,
    #[serde(with = "json::bytes_opt")]
    pub email_hash: Option<Vec<u8>>,
    #[serde(with = "json::bytes_opt")]
    pub personal: Option<Vec<u8>>,
    pub email_domain: Option<String>,
    pub ip_hex: Option<String>,
    pub country: String,
    pub language: String,
    pub opt_in_at: Option<i64>,
    pub opt_in_wording: Option<String>,
    pub named: bool,
    pub created_at: i64,
    #[serde(with = "json::bytes_opt")]
    pub token_hash: Option<Vec<u8>>,
    pub token_expires_at: i64,
    pub confirmed_at: Option<i64>,
    pub invalidated_by: Option<i64>,
}

/// A queued message, sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredMail {
    pub id: String,
    pub created_at: i64,
    pub next_attempt_at: i64,
    pub attempts: i64,
    pub sent_at: Option<i64>,
    pub failed_at: Option<i64>,
    pub last_error: Option<String>,
    #[serde(with = "json::bytes")]
    pub sealed: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

    /// Fingerprints after `after_id` in the order of their sources' ids,
    /// at most `limit`, as stored (sealed).
    fn fingerprints(
        &mut self,
        after_id: Option<&str>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<StoredFingerprint>>> + Send;

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

    /// Device accounts' digest secrets, sealed.
    fn device_digests(&mut self) -> impl Future<Output = Result<Vec<crate::accounts::StoredDeviceDigest>>> + Send;

    /// The media files of the uploaded forms, with their bytes.
    fn form_media(&mut self) -> impl Future<Output = Result<Vec<crate::attachments::StoredFormMedia>>> + Send;

    /// The check of the key the case file is sealed under
    /// ([`crate::seal::key_check`]), if it holds one.
    fn key_check(&mut self) -> impl Future<Output = Result<Option<Vec<u8>>>> + Send;

    /// How many rows of each table of [`ROW_TABLES`] a [`Reader`] will
    /// hand out, by table.
    fn counts(&mut self) -> impl Future<Output = Result<std::collections::BTreeMap<String, u64>>> + Send;
}

/// A source's fingerprint as stored: its content hash keyed and its
/// signature sealed under the case file's key (see
/// [`crate::proposals::seal_fingerprint`]; an earlier version's are in the
/// clear, and are carried as they are).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredFingerprint {
    pub source_id: RecordId,
    pub content_hash: String,
    /// JSON text, as stored.
    pub signature: String,
}

/// A row of any carried table.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Record(StoredRecord),
    Revision(StoredRevision),
    Account(StoredAccount),
    Token(StoredToken),
    AccountAudit(StoredAccountAudit),
    Session(StoredSession),
    Proposal(StoredProposal),
    Fingerprint(StoredFingerprint),
    SourceLink(SourceLink),
    Campaign(StoredCampaign),
    CampaignAudit(StoredAudit),
    Invalidation(StoredInvalidation),
    Signature(StoredSignature),
    Mail(StoredMail),
    Delivery(StoredDelivery),
    Outcome(StoredOutcome),
    Attachment(StoredAttachment),
    FormKey(crate::attachments::StoredFormKey),
    Form(crate::attachments::StoredForm),
    FormMedia(crate::attachments::StoredFormMedia),
    DeviceDigest(crate::accounts::StoredDeviceDigest),
}

/// The tables a [`Reader`] hands out, in its order (which a [`Load`]
/// expects: rows come after those they refer to). Exactly the tables
/// [`TABLES`] marks [`Carried::Copied`] (a test holds them together).
pub const ROW_TABLES: &[&str] = &[
    "records",
    "revisions",
    "accounts",
    "api_tokens",
    "account_audit",
    "sessions",
    "proposals",
    "source_fingerprints",
    "source_links",
    "campaigns",
    "campaign_audit",
    "invalidations",
    "signatures",
    "mail_queue",
    "deliveries",
    "campaign_outcomes",
    "attachments",
    "form_keys",
    "forms",
    "form_media",
    "device_digests",
];

/// Serialises a row's value, whatever its type.
macro_rules! each_row {
    ($row:expr, $v:ident => $body:expr) => {
        match $row {
            Row::Record($v) => $body,
            Row::Revision($v) => $body,
            Row::Account($v) => $body,
            Row::Token($v) => $body,
            Row::AccountAudit($v) => $body,
            Row::Session($v) => $body,
            Row::Proposal($v) => $body,
            Row::Fingerprint($v) => $body,
            Row::SourceLink($v) => $body,
            Row::Campaign($v) => $body,
            Row::CampaignAudit($v) => $body,
            Row::Invalidation($v) => $body,
            Row::Signature($v) => $body,
            Row::Mail($v) => $body,
            Row::Delivery($v) => $body,
            Row::Outcome($v) => $body,
            Row::Attachment($v) => $body,
            Row::FormKey($v) => $body,
            Row::Form($v) => $body,
            Row::FormMedia($v) => $body,
            Row::DeviceDigest($v) => $body,
        }
    };
}

impl Row {
    /// The table the row belongs to (one of [`ROW_TABLES`]).
    pub fn table(&self) -> &'static str {
        match self {
            Row::Record(_) => "records",
            Row::Revision(_) => "revisions",
            Row::Account(_) => "accounts",
            Row::Token(_) => "api_tokens",
            Row::AccountAudit(_) => "account_audit",
            Row::Session(_) => "sessions",
            Row::Proposal(_) => "proposals",
            Row::Fingerprint(_) => "source_fingerprints",
            Row::SourceLink(_) => "source_links",
            Row::Campaign(_) => "campaigns",
            Row::CampaignAudit(_) => "campaign_audit",
            Row::Invalidation(_) => "invalidations",
            Row::Signature(_) => "signatures",
            Row::Mail(_) => "mail_queue",
            Row::Delivery(_) => "deliveries",
            Row::Outcome(_) => "campaign_outcomes",
            Row::Attachment(_) => "attachments",
            Row::FormKey(_) => "form_keys",
            Row::Form(_) => "forms",
            Row::FormMedia(_) => "form_media",
            Row::DeviceDigest(_) => "device_digests",
        }
    }

    /// The row's value as JSON (without its table).
    pub fn to_json(&self, out: &mut Vec<u8>) -> Result<()> {
        each_row!(self, v => serde_json::to_writer(&mut *out, v)).map_err(StoreError::backend)
    }

    /// A row of `table` from its JSON; the message says what is wrong.
    pub fn from_json(table: &str, json: &str) -> std::result::Result<Row, String> {
        fn de<'a, T: Deserialize<'a>>(json: &'a str) -> std::result::Result<T, String> {
            serde_json::from_str(json).map_err(|e| e.to_string())
        }
        Ok(match table {
            "records" => Row::Record(de(json)?),
            "revisions" => Row::Revision(de(json)?),
            "accounts" => Row::Account(de(json)?),
            "api_tokens" => Row::Token(de(json)?),
            "account_audit" => Row::AccountAudit(de(json)?),
            "sessions" => Row::Session(de(json)?),
            "proposals" => Row::Proposal(de(json)?),
            "source_fingerprints" => Row::Fingerprint(de(json)?),
            "source_links" => Row::SourceLink(de(json)?),
            "campaigns" => Row::Campaign(de(json)?),
            "campaign_audit" => Row::CampaignAudit(de(json)?),
            "invalidations" => Row::Invalidation(de(json)?),
            "signatures" => Row::Signature(de(json)?),
            "mail_queue" => Row::Mail(de(json)?),
            "deliveries" => Row::Delivery(de(json)?),
            "campaign_outcomes" => Row::Outcome(de(json)?),
            "attachments" => Row::Attachment(de(json)?),
            "form_keys" => Row::FormKey(de(json)?),
            "forms" => Row::Form(de(json)?),
            "form_media" => Row::FormMedia(de(json)?),
            "device_digests" => Row::DeviceDigest(de(json)?),
            other => return Err(format!("unknown table '{other}'")),
        })
    }
}

/// Rows read at a time from a snapshot (attachments: [`ATTACHMENTS_BATCH`]).
pub const BATCH: u32 = 500;

/// Attachments read at a time (they can be large).
pub const ATTACHMENTS_BATCH: u32 = 8;

/// Walks a [`Snapshot`] table by table in the order of [`ROW_TABLES`], a
/// batch at a time.
pub struct Reader<S> {
    snapshot: S,
    table: usize,
    /// Where the current table's next batch starts: the last id read, the
    /// last revision number, or how many proposals were read.
    after_id: Option<String>,
    after_seq: i64,
    after_n: u64,
}

impl<S: Snapshot> Reader<S> {
    pub fn new(snapshot: S) -> Self {
        Reader {
            snapshot,
            table: 0,
            after_id: None,
            after_seq: 0,
            after_n: 0,
        }
    }

    pub fn snapshot(&mut self) -> &mut S {
        &mut self.snapshot
    }

    /// The next rows, all of one table; `None` at the end.
    pub async fn next_batch(&mut self) -> Result<Option<Vec<Row>>> {
        while let Some(table) = ROW_TABLES.get(self.table) {
            let rows = self.read(table).await?;
            match rows {
                Some(rows) if !rows.is_empty() => return Ok(Some(rows)),
                _ => {
                    self.table += 1;
                    self.after_id = None;
                    self.after_seq = 0;
                    self.after_n = 0;
                }
            }
        }
        Ok(None)
    }

    /// A batch of `table` (empty or `None` when it is done: `None` for a
    /// table read whole at once, after which it is done).
    async fn read(&mut self, table: &str) -> Result<Option<Vec<Row>>> {
        let snap = &mut self.snapshot;
        let after = self.after_id.clone();
        let after = after.as_deref();
        let whole = self.after_n > 0;
        macro_rules! paged_by_id {
            ($call:expr, $variant:ident, $id:expr) => {{
                let batch = $call;
                if let Some(last) = batch.last() {
                    self.after_id = Some($id(last));
                }
                Some(batch.into_iter().map(Row::$variant).collect())
            }};
        }
        macro_rules! whole {
            ($call:expr, $variant:ident) => {{
                if whole {
                    return Ok(None);
                }
                self.after_n = 1;
                Some($call.into_iter().map(Row::$variant).collect())
            }};
        }
        Ok(match table {
            "records" => {
                let after = after.map(RecordId::parse).transpose().map_err(StoreError::backend)?;
                paged_by_id!(
                    snap.records(after.as_ref(), BATCH).await?,
                    Record,
                    |r: &StoredRecord| r.id.as_str().to_owned()
                )
            }
            "revisions" => {
                let batch = snap.revisions(self.after_seq, BATCH).await?;
                if let Some(last) = batch.last() {
                    self.after_seq = last.seq;
                }
                Some(batch.into_iter().map(Row::Revision).collect())
            }
            "accounts" => whole!(snap.accounts().await?, Account),
            "api_tokens" => whole!(snap.tokens().await?, Token),
            "account_audit" => whole!(snap.account_audit().await?, AccountAudit),
            "sessions" => whole!(snap.sessions().await?, Session),
            "proposals" => {
                let batch = snap.proposals(self.after_n, BATCH).await?;
                self.after_n += batch.len() as u64;
                Some(batch.into_iter().map(Row::Proposal).collect())
            }
            "source_fingerprints" => {
                paged_by_id!(
                    snap.fingerprints(after, BATCH).await?,
                    Fingerprint,
                    |f: &StoredFingerprint| f.source_id.as_str().to_owned()
                )
            }
            "source_links" => whole!(snap.source_links().await?, SourceLink),
            "campaigns" => whole!(snap.campaigns().await?, Campaign),
            "campaign_audit" => whole!(snap.campaign_audit().await?, CampaignAudit),
            "invalidations" => whole!(snap.invalidations().await?, Invalidation),
            "signatures" => {
                paged_by_id!(
                    snap.signatures(after, BATCH).await?,
                    Signature,
                    |s: &StoredSignature| s.id.clone()
                )
            }
            "mail_queue" => paged_by_id!(snap.mail_queue(after, BATCH).await?, Mail, |m: &StoredMail| m
                .id
                .clone()),
            "deliveries" => whole!(snap.deliveries().await?, Delivery),
            "campaign_outcomes" => whole!(snap.campaign_outcomes().await?, Outcome),
            "attachments" => paged_by_id!(
                snap.attachments(after, ATTACHMENTS_BATCH).await?,
                Attachment,
                |a: &StoredAttachment| a.id.clone()
            ),
            "form_keys" => whole!(snap.form_keys().await?, FormKey),
            "forms" => whole!(snap.forms().await?, Form),
            "form_media" => whole!(snap.form_media().await?, FormMedia),
            "device_digests" => whole!(snap.device_digests().await?, DeviceDigest),
            other => return Err(StoreError::Backend(format!("no reader for the table '{other}'").into())),
        })
    }
}

/// A whole case file being written into an empty one, in one transaction:
/// rows in the order of a [`Reader`], batch by batch. Dropped without
/// [`Load::finish`], it writes nothing.
pub trait Load: Send {
    /// Whether `check` (a source's [`Snapshot::key_check`]) was made with
    /// this case file's key: sealed content copied from it opens here.
    fn key_matches(&self, check: &[u8]) -> bool;

    /// Writes `rows` (each record is opened with this case file's key on
    /// the way, to index it: a record sealed under another key is refused).
    fn load(&mut self, rows: Vec<Row>) -> impl Future<Output = Result<()>> + Send;

    /// Commits everything loaded; how much.
    fn finish(self) -> impl Future<Output = Result<Copied>> + Send;

    /// How much was loaded so far.
    fn copied(&self) -> Copied;
}

/// A store a whole case file can be read from and written into.
pub trait Transfer: Clone + Send + Sync + 'static {
    type Snapshot: Snapshot + 'static;
    type Load: Load + 'static;

    /// One consistent state of the whole case file, as stored.
    fn transfer_snapshot(&self) -> impl Future<Output = Result<Self::Snapshot>> + Send;

    /// Starts writing a whole case file into this one, which must hold no
    /// record, revision, account, proposal or campaign (refused with
    /// [`StoreError::Invalid`] otherwise).
    fn begin_load(&self) -> impl Future<Output = Result<Self::Load>> + Send;
}

/// Copies everything `source` holds through `target`, and commits.
pub async fn copy<S: Snapshot, L: Load>(source: S, mut target: L) -> Result<Copied> {
    let mut reader = Reader::new(source);
    if let Some(check) = reader.snapshot().key_check().await? {
        if !target.key_matches(&check) {
            return Err(wrong_key());
        }
    }
    while let Some(rows) = reader.next_batch().await? {
        target.load(rows).await?;
    }
    target.finish().await
}

/// The error of content sealed under another key.
pub fn wrong_key() -> StoreError {
    StoreError::invalid(
        "key",
        "the sealed content was sealed under another key than this case file's: use the same key \
         (the source's vigil.key or VIGIL_KEY)",
    )
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
    pub form_media: u64,
    pub device_digests: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_carries_every_copied_table() {
        let copied: std::collections::BTreeSet<&str> = TABLES
            .iter()
            .filter(|(_, how)| *how == Carried::Copied)
            .map(|(t, _)| *t)
            .collect();
        let read: std::collections::BTreeSet<&str> = ROW_TABLES.iter().copied().collect();
        assert_eq!(copied, read);
        assert_eq!(read.len(), ROW_TABLES.len(), "no table twice");
    }

    #[test]
    fn rows_come_back_from_their_json() {
        let record = Row::Record(StoredRecord {
            id: RecordId::parse("ana").expect("id"),
            kind: RecordKind::Person,
            deleted: true,
            stored: Stored {
                public: Some(r#"{"id":"ana", "name" :"Ana"}"#.into()),
                sealed: Some(vec![0, 1, 2, 255]),
            },
        });
        let mut out = Vec::new();
        record.to_json(&mut out).expect("json");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            text,
            r#"{"id":"ana","kind":"person","deleted":true,"record":{"id":"ana", "name" :"Ana"},"sealed":"AAEC/w=="}"#
        );
        assert_eq!(Row::from_json("records", &text).expect("back"), record);
        let err = Row::from_json(
            "records",
            r#"{"id":"ana","kind":"person","deleted":false,"record":null,"sealed":"!"}"#,
        )
        .expect_err("bad base64");
        assert!(err.contains("base64") && err.contains("column"), "{err}");
        assert!(Row::from_json("nothing", "{}")
            .expect_err("table")
            .contains("unknown table"));
    }
}
