//! Campaigns and their signatures: a contract of their own, beside the
//! case file's [`crate::Store`] (a campaign is not a case-file record).
//!
//! Signers' personal data (name, address, organisation) is sealed at rest
//! under the case file's key; the one-signature-per-person rule holds on a
//! unique index over a keyed hash of the normalised address (the address
//! itself being sealed). Signing and confirming go through
//! [`Campaigns::apply`], which takes a whole batch of operations and
//! commits it in one transaction: the web layer's group commit hands it
//! every request that arrived while the previous batch was committing.
//!
//! Both backends implement this contract with the same SQL, written once
//! in `vigil-store-sql` (`impl_campaigns!`).

use std::collections::BTreeMap;
use std::future::Future;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use vigil_core::campaign::{Campaign, Country, Email, Language, Slug};

use crate::Result;

/// A message to send, as the queue keeps it (sealed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// Where a signer stops the updates in one click: sent as the
    /// `List-Unsubscribe` header, with `List-Unsubscribe-Post:
    /// List-Unsubscribe=One-Click` (RFC 8058). Only on updates to signers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsubscribe: Option<String>,
}

/// A signature as a signer submits it, checked.
#[derive(Debug, Clone)]
pub struct NewSignature {
    /// 32 hex digits, made by the caller.
    pub id: String,
    pub campaign: Slug,
    pub name: String,
    pub email: Email,
    pub organisation: Option<String>,
    pub country: Country,
    pub language: Language,
    /// The mailing-list consent, with its wording, when the box was ticked.
    pub opt_in: Option<String>,
    /// Whether the signer's name may go to the targets.
    pub named: bool,
    pub ip: Option<IpAddr>,
    /// SHA-256 of the confirmation token's secret part.
    pub token_hash: [u8; 32],
    pub token_expires_at: time::OffsetDateTime,
    /// The confirmation message, queued in the same transaction.
    pub mail: Mail,
    /// What is sealed and hashed of it, when done before the batch (by
    /// [`Campaigns::seal_signature`], in the request, in parallel) rather
    /// than in the writer.
    pub sealed: Option<SealedSignature>,
}

/// The sealed and hashed parts of a signature.
#[derive(Debug, Clone)]
pub struct SealedSignature {
    pub email_hash: Vec<u8>,
    pub personal: Vec<u8>,
    pub mail: Vec<u8>,
}

/// One operation of a signing batch.
#[derive(Debug, Clone)]
pub enum Op {
    Sign(Box<NewSignature>),
    Confirm {
        campaign: Slug,
        id: String,
        /// SHA-256 of the secret the link carried.
        token_hash: [u8; 32],
    },
}

/// What became of one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Signed,
    /// The person had signed already: nothing was written.
    AlreadySigned,
    Confirmed {
        country: String,
        language: String,
        /// This confirmation took its campaign to its goal: the `goal`
        /// milestone was recorded in the same transaction (pending: its
        /// updates are to be written, [`Campaigns::fill_milestone`]).
        goal_reached: bool,
    },
    /// No such signature, or not this token.
    TokenUnknown,
    /// Used already, expired, or the signature was invalidated.
    TokenSpent,
}

/// A campaign as stored: the campaign and what the store keeps about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CampaignRow {
    pub campaign: Campaign,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: time::OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: time::OffsetDateTime,
    /// When it was closed (or delivered): anonymisation counts from here.
    #[serde(with = "time::serde::rfc3339::option")]
    pub closed_at: Option<time::OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub anonymised_at: Option<time::OffsetDateTime>,
}

/// Confirmed, valid signatures counted from the table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub confirmed: u64,
    pub by_country: BTreeMap<String, u64>,
    pub by_language: BTreeMap<String, u64>,
    /// Confirmed signatures removed by an invalidation (public).
    pub invalidated: u64,
}

/// Which signatures an invalidation removes: all the given conditions hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    /// An address range in CIDR form (`203.0.113.0/24`, `2001:db8::/48`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_range: Option<String>,
    /// An email domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Signed at or after (RFC 3339).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub from: Option<time::OffsetDateTime>,
    /// Signed before (RFC 3339).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub until: Option<time::OffsetDateTime>,
}

impl Filter {
    /// The range as two bounds over [`ip_key`] values; an error names the
    /// field when the range is not CIDR.
    pub fn ip_bounds(&self) -> Result<Option<(String, String)>> {
        let Some(range) = &self.ip_range else { return Ok(None) };
        let bad = || crate::StoreError::invalid("ip_range", "an address range is CIDR: 203.0.113.0/24");
        let (addr, len) = range.trim().split_once('/').ok_or_else(bad)?;
        let addr: IpAddr = addr.parse().map_err(|_| bad())?;
        let len: u32 = len.parse().map_err(|_| bad())?;
        let (bits, value): (u32, u128) = match addr {
            IpAddr::V4(a) => (32, u32::from(a) as u128),
            IpAddr::V6(a) => (128, u128::from(a)),
        };
        if len > bits {
            return Err(bad());
        }
        let host = bits - len;
        let mask: u128 = if host == 0 { 0 } else { (1u128 << host) - 1 };
        let low = value & !mask;
        let high = low | mask;
        let fmt = |v: u128| match addr {
            IpAddr::V4(_) => format!("4:{v:08x}"),
            IpAddr::V6(_) => format!("6:{v:032x}"),
        };
        Ok(Some((fmt(low), fmt(high))))
    }

    pub fn is_empty(&self) -> bool {
        self.ip_range.is_none() && self.domain.is_none() && self.from.is_none() && self.until.is_none()
    }
}

/// An address as the store keeps it: fixed-width hex, so that a CIDR range
/// is a range of strings.
pub fn ip_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(a) => format!("4:{:08x}", u32::from(a)),
        IpAddr::V6(a) => match a.to_ipv4_mapped() {
            Some(v4) => format!("4:{:08x}", u32::from(v4)),
            None => format!("6:{:032x}", u128::from(a)),
        },
    }
}

/// An invalidation, its audit and whether it was reversed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invalidation {
    pub id: i64,
    pub campaign: String,
    pub filter: Filter,
    pub author: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
    /// How many signatures it removed.
    pub removed: u64,
    #[serde(with = "time::serde::rfc3339::option")]
    pub reverted_at: Option<time::OffsetDateTime>,
    pub reverted_by: Option<String>,
}

/// An entry of a campaign's audit: who did what, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
    pub author: String,
    pub action: String,
    pub detail: String,
}

/// A signature as organisers export it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportedSignature {
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    pub country: String,
    pub language: String,
    #[serde(with = "time::serde::rfc3339")]
    pub signed_at: time::OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub confirmed_at: Option<time::OffsetDateTime>,
    /// The consent wording agreed to, when the box was ticked.
    pub opt_in: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub opt_in_at: Option<time::OffsetDateTime>,
    pub named: bool,
    pub invalidated: bool,
}

/// A queued message, claimed for sending.
#[derive(Debug, Clone)]
pub struct QueuedMail {
    pub id: String,
    pub mail: Mail,
    pub attempts: u32,
}

/// What anonymising a closed campaign removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anonymised {
    pub campaign: String,
    /// Its signatures, each stripped of its personal data.
    pub signatures: u64,
    /// The queued messages that named its signers (confirmations, deleted;
    /// digests, their bodies cleared): whoever keeps copies of them (the
    /// outbox folder) removes those too.
    pub mail: Vec<String>,
}

/// A digest sent (or being sent) to a target, and how it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delivery {
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
    pub target: String,
    /// The confirmed count it reported.
    pub signatures: u64,
    /// `queued`, `sent` or `failed`.
    pub status: String,
    pub attempts: u32,
    pub last_error: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub sent_at: Option<time::OffsetDateTime>,
}

/// A target's response to a campaign, as an organiser recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub id: i64,
    /// Who responded (a target's name, or another authority).
    pub target: String,
    pub text: String,
    /// The day of the response, `YYYY-MM-DD`.
    pub date: String,
    /// Where the response can be read (a document or a source).
    pub link: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
    pub author: String,
}

/// What a campaign achieved, as last recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultEntry {
    /// `won`, `partly_won`, `lost` or `ongoing`.
    pub result: String,
    pub note: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
    pub author: String,
}

/// A milestone reached, and how many updates it queued to signers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    /// `goal`, or `response-<id>`.
    pub milestone: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
    pub messages: u64,
    /// Recorded by the confirmation that reached the goal, its updates not
    /// yet written.
    #[serde(default)]
    pub pending: bool,
}

/// A signer who asked for updates (confirmed, valid, opted in, not
/// anonymised).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// The signature's id.
    pub id: String,
    pub name: String,
    pub email: String,
    pub language: String,
}

/// A link given to a partner (the union that asked for the campaign):
/// only the hash of its token is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerLink {
    pub id: i64,
    pub partner: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: time::OffsetDateTime,
    pub author: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<time::OffsetDateTime>,
}

/// The storage of campaigns, signatures, the mail queue and deliveries.
pub trait Campaigns: Clone + Send + Sync + 'static {
    /// A secret derived from the case file's key for `purpose` (the same
    /// on every server sharing the case file).
    fn derived_secret(&self, purpose: &str) -> [u8; 32];

    /// Seals a signature's personal data and its message and hashes its
    /// address, ahead of [`Campaigns::apply`] (CPU work, no I/O).
    fn seal_signature(&self, signature: &mut NewSignature) -> Result<()>;

    /// Invalid (field `slug`) when the slug is taken.
    fn create_campaign(&self, campaign: &Campaign, author: &str) -> impl Future<Output = Result<()>> + Send;

    /// NotFound for an unknown slug; records when the campaign closes.
    fn update_campaign(&self, campaign: &Campaign, author: &str) -> impl Future<Output = Result<()>> + Send;

    fn campaign(&self, slug: &str) -> impl Future<Output = Result<CampaignRow>> + Send;

    /// Every campaign, newest first.
    fn campaigns(&self) -> impl Future<Output = Result<Vec<CampaignRow>>> + Send;

    fn campaign_audit(&self, slug: &str) -> impl Future<Output = Result<Vec<AuditEntry>>> + Send;

    /// Applies a batch of signing operations in one transaction, in order,
    /// and tells what became of each. Signatures of unknown campaigns must
    /// not reach here (the caller checks the campaign first).
    fn apply(&self, ops: Vec<Op>) -> impl Future<Output = Result<Vec<Outcome>>> + Send;

    /// Counts the confirmed signatures afresh (the recount).
    fn tally(&self, slug: &str) -> impl Future<Output = Result<Tally>> + Send;

    /// How many confirmed or pending signatures `filter` would remove.
    fn preview_invalidation(&self, slug: &str, filter: &Filter) -> impl Future<Output = Result<u64>> + Send;

    fn invalidate(
        &self,
        slug: &str,
        filter: &Filter,
        author: &str,
    ) -> impl Future<Output = Result<Invalidation>> + Send;

    /// Puts back what invalidation `id` removed.
    fn revert_invalidation(&self, id: i64, author: &str) -> impl Future<Output = Result<Invalidation>> + Send;

    fn invalidations(&self, slug: &str) -> impl Future<Output = Result<Vec<Invalidation>>> + Send;

    /// Every signature that still has its personal data, oldest first.
    fn export(&self, slug: &str) -> impl Future<Output = Result<Vec<ExportedSignature>>> + Send;

    /// Names of confirmed, valid signers who chose to be named, signed at
    /// or after `since`.
    fn named_signers(
        &self,
        slug: &str,
        since: time::OffsetDateTime,
    ) -> impl Future<Output = Result<Vec<String>>> + Send;

    /// Queues a message outside a signing batch.
    fn enqueue_mail(&self, mail: &Mail) -> impl Future<Output = Result<String>> + Send;

    /// Claims up to `limit` messages due at `now` for `lease` (another
    /// claim skips them meanwhile).
    fn claim_mail(
        &self,
        now: time::OffsetDateTime,
        lease: time::Duration,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<QueuedMail>>> + Send;

    /// A queued message, if it still has its body (a message's body is
    /// cleared once it is sent or given up, and when its campaign's signers
    /// are anonymised).
    fn mail(&self, id: &str) -> impl Future<Output = Result<Option<Mail>>> + Send;

    /// Marks messages sent, in one transaction, and clears their bodies:
    /// the queue keeps no copy of what the mail server took.
    fn mail_sent(&self, ids: &[String]) -> impl Future<Output = Result<()>> + Send;

    /// A failed attempt: retried at `retry_at`, or given up when `None`
    /// (and then its body is cleared).
    fn mail_failed(
        &self,
        id: &str,
        error: &str,
        retry_at: Option<time::OffsetDateTime>,
    ) -> impl Future<Output = Result<()>> + Send;

    /// Messages not yet sent nor given up.
    fn mail_pending(&self) -> impl Future<Output = Result<u64>> + Send;

    /// Queues a digest to a target and records its delivery, at once.
    fn record_delivery(
        &self,
        slug: &str,
        target: &str,
        signatures: u64,
        mail: &Mail,
    ) -> impl Future<Output = Result<()>> + Send;

    /// Deliveries, newest first, with their status.
    fn deliveries(&self, slug: &str) -> impl Future<Output = Result<Vec<Delivery>>> + Send;

    /// Removes the personal data of every signature of campaigns closed
    /// before `closed_before`, keeping the counts: the sealed personal
    /// data, the address's key, domain and network, and every queued copy
    /// of mail that named a signer (confirmations deleted, sent or not;
    /// digests' bodies cleared, an unsent one given up). Returns what was
    /// anonymised.
    fn anonymise_closed(
        &self,
        closed_before: time::OffsetDateTime,
    ) -> impl Future<Output = Result<Vec<Anonymised>>> + Send;

    /// Confirmed, valid signatures by the day (UTC) they were confirmed,
    /// oldest first.
    fn signatures_by_day(&self, slug: &str) -> impl Future<Output = Result<Vec<(time::Date, u64)>>> + Send;

    /// Confirmed, valid signatures by the organisation their signers gave
    /// (opened from the sealed personal data; `""` for none), anonymised
    /// ones aside.
    fn signatures_by_organisation(&self, slug: &str) -> impl Future<Output = Result<BTreeMap<String, u64>>> + Send;

    /// Records a target's response, with its audit entry.
    fn add_response(
        &self,
        slug: &str,
        response: &Response,
        author: &str,
    ) -> impl Future<Output = Result<Response>> + Send;

    /// Responses, oldest first.
    fn responses(&self, slug: &str) -> impl Future<Output = Result<Vec<Response>>> + Send;

    /// Records the campaign's result, with its audit entry.
    fn set_result(
        &self,
        slug: &str,
        result: &str,
        note: &str,
        author: &str,
    ) -> impl Future<Output = Result<ResultEntry>> + Send;

    /// The result last recorded.
    fn result(&self, slug: &str) -> impl Future<Output = Result<Option<ResultEntry>>> + Send;

    /// Records a milestone and queues `mails` (updates to signers) in one
    /// transaction; `None`, and nothing queued, when it was reached before.
    fn record_milestone(
        &self,
        slug: &str,
        milestone: &str,
        mails: &[Mail],
    ) -> impl Future<Output = Result<Option<Milestone>>> + Send;

    /// Writes the updates of a milestone recorded pending (the goal, by the
    /// confirmation that reached it), once: `None`, and nothing queued,
    /// when it is not pending (filled before, or never recorded).
    fn fill_milestone(
        &self,
        slug: &str,
        milestone: &str,
        mails: &[Mail],
    ) -> impl Future<Output = Result<Option<Milestone>>> + Send;

    /// The signers an update goes to: confirmed, valid, opted in, with
    /// their personal data.
    fn recipients(&self, slug: &str) -> impl Future<Output = Result<Vec<Recipient>>> + Send;

    /// Withdraws signature `id`'s consent to updates (its wording and
    /// time cleared); nothing happens, and no error, when there is no
    /// such signature or it had none.
    fn withdraw_opt_in(&self, slug: &str, id: &str) -> impl Future<Output = Result<()>> + Send;

    fn milestones(&self, slug: &str) -> impl Future<Output = Result<Vec<Milestone>>> + Send;

    /// Gives `partner` a link whose token hashes to `token_hash`.
    fn create_partner_link(
        &self,
        slug: &str,
        partner: &str,
        token_hash: &[u8; 32],
        author: &str,
    ) -> impl Future<Output = Result<PartnerLink>> + Send;

    fn partner_links(&self, slug: &str) -> impl Future<Output = Result<Vec<PartnerLink>>> + Send;

    /// NotFound when the campaign has no such link.
    fn revoke_partner_link(
        &self,
        slug: &str,
        id: i64,
        author: &str,
    ) -> impl Future<Output = Result<PartnerLink>> + Send;

    /// The campaign a partner's token opens, when it is not revoked.
    fn partner_campaign(&self, token_hash: &[u8; 32]) -> impl Future<Output = Result<Option<String>>> + Send;
}

/// Microseconds since the epoch: how campaign tables keep times.
pub fn micros(t: time::OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000) as i64
}

pub fn from_micros(us: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp_nanos(us as i128 * 1_000).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// Equal bytes, compared in time that does not depend on where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 32 random hex digits.
pub use crate::random::hex as random_hex;

/// 32 hex digits: the milliseconds since the epoch (12), then 20 random
/// ones. The ids of signatures and queued messages, which are keys of
/// their tables: new ones go at the end of the keys' index, rather than
/// each on a page of its own at random (a commit of a hundred signatures
/// wrote a hundred pages more for each such index). They tell when a row
/// was made, which the row says anyway; they are no secret (a link's
/// secret is its token).
pub fn time_ordered_hex() -> String {
    let mut b = [0u8; 16];
    let millis = (crate::now().unix_timestamp_nanos() / 1_000_000).clamp(0, (1 << 48) - 1) as u64;
    b[..6].copy_from_slice(&millis.to_be_bytes()[2..]);
    crate::random::fill(&mut b[6..]);
    crate::hex(&b)
}
