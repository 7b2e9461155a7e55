//! One store type over both backends, chosen at start from where the case
//! file lives: an SQLite file (the default) or a PostgreSQL database.
//!
//! This is not sqlx's `Any` driver (which cannot carry our types): each
//! backend keeps its own crate, SQL and migrations, and [`AnyStore`] only
//! delegates, each method written once as its signature (`delegate!`).
//! The binary holds one (so every command works on either), and the web
//! layer's tests use it to run on both; `vigil-web` itself stays generic
//! over the `Store` and knows neither backend.
//!
//! Kept rather than a generic `launch::<Backend>()`: every command of the
//! binary and the web tests' harness would become generic over the store,
//! and the whole web layer would be compiled twice into the binary, to
//! save what is now one line a method.

use std::collections::HashSet;
use std::path::PathBuf;

use vigil_core::campaign::Campaign;
use vigil_core::{Case, CaseFile, Event, Organisation, Person, Record, RecordId, UserName};
use vigil_store::campaigns::{
    Anonymised, AuditEntry, CampaignRow, Campaigns, Delivery, ExportedSignature, Filter, Invalidation, Mail, Milestone,
    Op, Outcome, PartnerLink, QueuedMail, Response, ResultEntry, Tally,
};
use vigil_store::transfer::{self, Load, Snapshot, Transfer};
use vigil_store::{
    Account, Accounts, Attachments, Change, Counts, Decision, EventFilter, Fingerprint, IngestedSource, Listing,
    NameQuery, NewProposal, Page, ProposalFilter, Proposals, Result, Revision, SealKey, Session, SourceLink, Store,
    StoredProposal, Visibility,
};
pub use vigil_store_postgres::PostgresStore;
pub use vigil_store_sqlite::{Meter, SqliteStore};

/// Where a case file lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// One SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL database, by URL.
    Postgres(String),
}

impl Location {
    /// Whether `url` names a PostgreSQL database (`postgres://…` or
    /// `postgresql://…`).
    pub fn is_postgres_url(url: &str) -> bool {
        let lower = url.trim_start().to_ascii_lowercase();
        lower.starts_with("postgres://") || lower.starts_with("postgresql://")
    }
}

/// The case file on whichever backend it lives.
#[derive(Clone, Debug)]
pub enum AnyStore {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl AnyStore {
    /// Opens (creating if needed) the case file at `location`, with `key`
    /// for its confidential content.
    pub async fn open(location: &Location, key: SealKey) -> Result<Self> {
        Ok(match location {
            Location::Sqlite(path) => AnyStore::Sqlite(SqliteStore::open(path, key).await?),
            Location::Postgres(url) => AnyStore::Postgres(PostgresStore::connect(url, key).await?),
        })
    }

    /// Which backend: "sqlite" or "postgres".
    pub fn backend(&self) -> &'static str {
        match self {
            AnyStore::Sqlite(_) => "sqlite",
            AnyStore::Postgres(_) => "postgres",
        }
    }

    pub async fn close(&self) {
        match self {
            AnyStore::Sqlite(s) => s.close().await,
            AnyStore::Postgres(s) => s.close().await,
        }
    }

    /// Re-seals the case file under `new` in one transaction (see
    /// `vigil_store_sql::rekey`); this store keeps the old key.
    pub async fn rekey(
        &self,
        new: &SealKey,
        progress: &mut (dyn FnMut(&str, u64) + Send),
    ) -> Result<vigil_store::seal::Rekeyed> {
        match self {
            AnyStore::Sqlite(s) => s.rekey(new, progress).await,
            AnyStore::Postgres(s) => s.rekey(new, progress).await,
        }
    }
}

impl From<SqliteStore> for AnyStore {
    fn from(s: SqliteStore) -> Self {
        AnyStore::Sqlite(s)
    }
}

impl From<PostgresStore> for AnyStore {
    fn from(s: PostgresStore) -> Self {
        AnyStore::Postgres(s)
    }
}

/// Implements `$trait` for [`AnyStore`] by handing each call to the
/// backend store: one line a method, its signature.
macro_rules! delegate {
    (impl $trait:ident {
        $(fn $sync:ident($($sa:ident: $st:ty),*) -> $sr:ty;)*
        $(async fn $name:ident($($a:ident: $t:ty),*) -> $r:ty;)*
    }) => {
        impl $trait for AnyStore {
            $(fn $sync(&self, $($sa: $st),*) -> $sr {
                match self {
                    AnyStore::Sqlite(s) => s.$sync($($sa),*),
                    AnyStore::Postgres(s) => s.$sync($($sa),*),
                }
            })*
            $(async fn $name(&self, $($a: $t),*) -> $r {
                match self {
                    AnyStore::Sqlite(s) => s.$name($($a),*).await,
                    AnyStore::Postgres(s) => s.$name($($a),*).await,
                }
            })*
        }
    };
}

delegate! {
    impl Store {
        async fn create(record: Record, change: &Change) -> Result<Revision>;
        async fn update(record: Record, change: &Change) -> Result<Revision>;
        async fn delete(id: &RecordId, change: &Change) -> Result<Revision>;
        async fn delete_leaving(id: &RecordId, change: &Change, leaving: &[RecordId]) -> Result<Revision>;
        async fn taken(ids: &[RecordId]) -> Result<HashSet<RecordId>>;
        async fn record(id: &RecordId, visibility: Visibility) -> Result<Record>;
        async fn restore(id: &RecordId, seq: i64, change: &Change) -> Result<Revision>;
        async fn persons(query: &NameQuery, page: Page) -> Result<Listing<Person>>;
        async fn organisations(query: &NameQuery, page: Page) -> Result<Listing<Organisation>>;
        async fn events(filter: &EventFilter, page: Page) -> Result<Listing<Event>>;
        async fn cases(visibility: Visibility, page: Page) -> Result<Listing<Case>>;
        async fn sources(visibility: Visibility, page: Page) -> Result<Listing<vigil_core::Source>>;
        async fn referring_to(id: &RecordId, visibility: Visibility) -> Result<Vec<Record>>;
        async fn named_in_history(id: &RecordId) -> Result<Vec<RecordId>>;
        async fn revisions(id: &RecordId, visibility: Visibility) -> Result<Vec<Revision>>;
        async fn changes_since(seq: i64, limit: u32) -> Result<Vec<Revision>>;
        async fn latest_seq() -> Result<i64>;
        async fn create_all(records: &[(Record, Change)]) -> Result<Vec<Revision>>;
        async fn import(case_file: &CaseFile, change: &Change) -> Result<usize>;
        async fn case_file(visibility: Visibility) -> Result<CaseFile>;
        async fn records(ids: &[RecordId], visibility: Visibility) -> Result<Vec<Record>>;
        async fn referring(targets: &[RecordId], field: &str, visibility: Visibility) -> Result<Vec<Record>>;
        async fn in_country(country: &str, visibility: Visibility) -> Result<Vec<Record>>;
        async fn countries(visibility: Visibility) -> Result<std::collections::BTreeMap<String, u64>>;
        async fn rated_counts(country: &str, visibility: Visibility) -> Result<Vec<vigil_core::RatedCount>>;
        async fn rated_since(country: &str, visibility: Visibility, day: vigil_core::Date, latest: u32) -> Result<(u64, Vec<vigil_core::RatedEvent>)>;
        async fn restraint_months(country: &str, visibility: Visibility) -> Result<Vec<vigil_store::MonthChange>>;
        async fn rated_window(country: &str, visibility: Visibility, after: Option<vigil_core::Date>, up_to: vigil_core::Date, latest: u32) -> Result<vigil_store::RatedWindow>;
        async fn restrained(country: &str, visibility: Visibility, day: vigil_core::Date, kind: vigil_core::RestraintKind, limit: u32) -> Result<Listing<vigil_store::StatusLine>>;
        async fn rated_events(country: &str, visibility: Visibility, year: i32) -> Result<Vec<vigil_core::RatedEvent>>;
        async fn records_of_kind(kind: vigil_core::RecordKind, visibility: Visibility, page: Page) -> Result<Listing<Record>>;
        async fn counts(visibility: Visibility) -> Result<Counts>;
        async fn records_page(kind: vigil_core::RecordKind, after: Option<&RecordId>, limit: u32, visibility: Visibility) -> Result<Vec<Record>>;
        async fn counts_by_kind(visibility: Visibility) -> Result<Vec<(vigil_core::RecordKind, u64)>>;
        async fn write_all(creates: &[(Record, Change)], updates: &[(Record, Change)], dry_run: bool) -> Result<Vec<Revision>>;
        async fn latest_events(visibility: Visibility, limit: u32) -> Result<Vec<Event>>;
        async fn patterns(country: &str, visibility: Visibility, limit: u32) -> Result<Vec<Event>>;
        async fn statuses(query: &vigil_store::StatusQuery, page: Page) -> Result<Listing<vigil_store::StatusLine>>;
        async fn statuses_after(query: &vigil_store::StatusQuery, after: Option<&vigil_store::StatusCursor>, limit: u32) -> Result<Vec<vigil_store::StatusLine>>;
        async fn rebuild_derived() -> Result<u64>;
        async fn give_opaque_ids() -> Result<u64>;
    }
}

delegate! {
    impl Accounts {
        async fn change_account(change: &vigil_store::AccountChange, actor: &str) -> Result<UserName>;
        async fn tokens(name: &UserName) -> Result<Vec<vigil_store::TokenInfo>>;
        async fn account_audit(limit: u32) -> Result<Vec<vigil_store::AccountAudit>>;
        async fn account(name: &UserName) -> Result<Option<(Account, String)>>;
        async fn device_digest(name: &UserName) -> Result<Option<vigil_store::DigestSecret>>;
        async fn accounts() -> Result<Vec<Account>>;
        async fn account_by_token(token_hash: &str) -> Result<Option<Account>>;
        async fn create_session(session_hash: &str, name: &UserName, csrf_token: &str, expires_at: time::OffsetDateTime) -> Result<()>;
        async fn session(session_hash: &str) -> Result<Option<Session>>;
        async fn delete_session(session_hash: &str) -> Result<()>;
    }
}

delegate! {
    impl Proposals {
        async fn add_proposals(source_id: &RecordId, proposals: &[NewProposal]) -> Result<()>;
        async fn add_ingested(sources: &[IngestedSource]) -> Result<()>;
        async fn proposals(filter: &ProposalFilter) -> Result<Vec<StoredProposal>>;
        async fn decide(id: &str, decision: &Decision) -> Result<StoredProposal>;
        async fn fingerprints() -> Result<Vec<Fingerprint>>;
        async fn save_fingerprint(fingerprint: &Fingerprint) -> Result<()>;
        async fn link_source(link: &SourceLink) -> Result<()>;
        async fn source_links(source_id: &RecordId) -> Result<Vec<SourceLink>>;
    }
}

delegate! {
    impl Attachments {
        async fn add_attachment(attachment: &vigil_store::Attachment, bytes: &[u8]) -> Result<bool>;
        async fn attachments(source_id: &RecordId) -> Result<Vec<vigil_store::Attachment>>;
        async fn attachment(source_id: &RecordId, name: &str) -> Result<Option<(vigil_store::Attachment, Vec<u8>)>>;
        async fn form_key(id: &str) -> Result<Option<vigil_store::FormKey>>;
        async fn keep_form_key(key: &vigil_store::FormKey) -> Result<vigil_store::FormKey>;
        async fn form_keys() -> Result<Vec<vigil_store::FormKey>>;
        async fn rotate_form_key(new: &vigil_store::FormKey) -> Result<Option<String>>;
        async fn drop_unadmitted_attachments(source_id: &RecordId) -> Result<u64>;
        async fn pending_reports() -> Result<Vec<vigil_store::PendingReport>>;
        async fn drop_pending_reports(last_before: i64) -> Result<u64>;
        async fn put_form(form: &vigil_store::StoredForm, media: &[(vigil_store::FormMedia, Vec<u8>)]) -> Result<()>;
        async fn form_media(form_id: &str) -> Result<Vec<vigil_store::FormMedia>>;
        async fn form_media_file(form_id: &str, name: &str) -> Result<Option<(vigil_store::FormMedia, Vec<u8>)>>;
        async fn forms() -> Result<Vec<vigil_store::StoredForm>>;
        async fn stored_form(id: &str) -> Result<Option<vigil_store::StoredForm>>;
    }
}

delegate! {
    impl Campaigns {
        fn seal_signature(signature: &mut vigil_store::campaigns::NewSignature) -> Result<()>;
        fn derived_secret(purpose: &str) -> [u8; 32];
        async fn create_campaign(campaign: &Campaign, author: &str) -> Result<()>;
        async fn update_campaign(campaign: &Campaign, author: &str) -> Result<()>;
        async fn campaign(slug: &str) -> Result<CampaignRow>;
        async fn campaigns() -> Result<Vec<CampaignRow>>;
        async fn campaign_audit(slug: &str) -> Result<Vec<AuditEntry>>;
        async fn apply(ops: Vec<Op>) -> Result<Vec<Outcome>>;
        async fn tally(slug: &str) -> Result<Tally>;
        async fn preview_invalidation(slug: &str, filter: &Filter) -> Result<u64>;
        async fn invalidate(slug: &str, filter: &Filter, author: &str) -> Result<Invalidation>;
        async fn revert_invalidation(id: i64, author: &str) -> Result<Invalidation>;
        async fn invalidations(slug: &str) -> Result<Vec<Invalidation>>;
        async fn export(slug: &str) -> Result<Vec<ExportedSignature>>;
        async fn named_signers(slug: &str, since: time::OffsetDateTime) -> Result<Vec<String>>;
        async fn enqueue_mail(mail: &Mail) -> Result<String>;
        async fn claim_mail(now: time::OffsetDateTime, lease: time::Duration, limit: u32) -> Result<Vec<QueuedMail>>;
        async fn mail(id: &str) -> Result<Option<Mail>>;
        async fn mail_sent(ids: &[String]) -> Result<()>;
        async fn mail_failed(id: &str, error: &str, retry_at: Option<time::OffsetDateTime>) -> Result<()>;
        async fn mail_pending() -> Result<u64>;
        async fn record_delivery(slug: &str, target: &str, signatures: u64, mail: &Mail) -> Result<()>;
        async fn deliveries(slug: &str) -> Result<Vec<Delivery>>;
        async fn anonymise_closed(closed_before: time::OffsetDateTime) -> Result<Vec<Anonymised>>;
        async fn signatures_by_day(slug: &str) -> Result<Vec<(time::Date, u64)>>;
        async fn signatures_by_organisation(slug: &str) -> Result<std::collections::BTreeMap<String, u64>>;
        async fn add_response(slug: &str, response: &Response, author: &str) -> Result<Response>;
        async fn responses(slug: &str) -> Result<Vec<Response>>;
        async fn set_result(slug: &str, result: &str, note: &str, author: &str) -> Result<ResultEntry>;
        async fn result(slug: &str) -> Result<Option<ResultEntry>>;
        async fn record_milestone(slug: &str, milestone: &str, mails: &[Mail]) -> Result<Option<Milestone>>;
        async fn fill_milestone(slug: &str, milestone: &str, mails: &[Mail]) -> Result<Option<Milestone>>;
        async fn recipients(slug: &str) -> Result<Vec<vigil_store::campaigns::Recipient>>;
        async fn withdraw_opt_in(slug: &str, id: &str) -> Result<()>;
        async fn milestones(slug: &str) -> Result<Vec<Milestone>>;
        async fn create_partner_link(slug: &str, partner: &str, token_hash: &[u8; 32], author: &str) -> Result<PartnerLink>;
        async fn partner_links(slug: &str) -> Result<Vec<PartnerLink>>;
        async fn revoke_partner_link(slug: &str, id: i64, author: &str) -> Result<PartnerLink>;
        async fn partner_campaign(token_hash: &[u8; 32]) -> Result<Option<String>>;
    }
}

/// A snapshot of either backend (see `vigil_store::transfer`).
pub enum AnySnapshot {
    Sqlite(vigil_store_sqlite::SqliteSnapshot),
    Postgres(vigil_store_postgres::PostgresSnapshot),
}

/// A load into either backend (see `vigil_store::transfer`).
pub enum AnyLoad {
    Sqlite(vigil_store_sqlite::SqliteLoad),
    Postgres(vigil_store_postgres::PostgresLoad),
}

/// Hands each call to the backend's snapshot.
macro_rules! delegate_snapshot {
    ($(async fn $name:ident($($a:ident: $t:ty),*) -> $r:ty;)*) => {
        impl Snapshot for AnySnapshot {
            $(async fn $name(&mut self, $($a: $t),*) -> $r {
                match self {
                    AnySnapshot::Sqlite(s) => s.$name($($a),*).await,
                    AnySnapshot::Postgres(s) => s.$name($($a),*).await,
                }
            })*
        }
    };
}

delegate_snapshot! {
    async fn revisions(after_seq: i64, limit: u32) -> Result<Vec<transfer::StoredRevision>>;
    async fn records(after_id: Option<&RecordId>, limit: u32) -> Result<Vec<transfer::StoredRecord>>;
    async fn accounts() -> Result<Vec<transfer::StoredAccount>>;
    async fn tokens() -> Result<Vec<transfer::StoredToken>>;
    async fn sessions() -> Result<Vec<transfer::StoredSession>>;
    async fn account_audit() -> Result<Vec<transfer::StoredAccountAudit>>;
    async fn proposals(after: u64, limit: u32) -> Result<Vec<StoredProposal>>;
    async fn fingerprints(after_id: Option<&str>, limit: u32) -> Result<Vec<transfer::StoredFingerprint>>;
    async fn source_links() -> Result<Vec<SourceLink>>;
    async fn campaigns() -> Result<Vec<transfer::StoredCampaign>>;
    async fn campaign_audit() -> Result<Vec<transfer::StoredAudit>>;
    async fn invalidations() -> Result<Vec<transfer::StoredInvalidation>>;
    async fn signatures(after_id: Option<&str>, limit: u32) -> Result<Vec<transfer::StoredSignature>>;
    async fn mail_queue(after_id: Option<&str>, limit: u32) -> Result<Vec<transfer::StoredMail>>;
    async fn deliveries() -> Result<Vec<transfer::StoredDelivery>>;
    async fn campaign_outcomes() -> Result<Vec<transfer::StoredOutcome>>;
    async fn attachments(after_id: Option<&str>, limit: u32) -> Result<Vec<vigil_store::attachments::StoredAttachment>>;
    async fn form_keys() -> Result<Vec<vigil_store::attachments::StoredFormKey>>;
    async fn forms() -> Result<Vec<vigil_store::attachments::StoredForm>>;
    async fn form_media() -> Result<Vec<vigil_store::attachments::StoredFormMedia>>;
    async fn device_digests() -> Result<Vec<vigil_store::StoredDeviceDigest>>;
    async fn key_check() -> Result<Option<Vec<u8>>>;
    async fn counts() -> Result<std::collections::BTreeMap<String, u64>>;
}

impl Load for AnyLoad {
    fn key_matches(&self, check: &[u8]) -> bool {
        match self {
            AnyLoad::Sqlite(l) => l.key_matches(check),
            AnyLoad::Postgres(l) => l.key_matches(check),
        }
    }

    async fn load(&mut self, rows: Vec<transfer::Row>) -> Result<()> {
        match self {
            AnyLoad::Sqlite(l) => l.load(rows).await,
            AnyLoad::Postgres(l) => l.load(rows).await,
        }
    }

    async fn finish(self) -> Result<transfer::Copied> {
        match self {
            AnyLoad::Sqlite(l) => l.finish().await,
            AnyLoad::Postgres(l) => l.finish().await,
        }
    }

    fn copied(&self) -> transfer::Copied {
        match self {
            AnyLoad::Sqlite(l) => l.copied(),
            AnyLoad::Postgres(l) => l.copied(),
        }
    }
}

impl Transfer for AnyStore {
    type Snapshot = AnySnapshot;
    type Load = AnyLoad;

    async fn transfer_snapshot(&self) -> Result<AnySnapshot> {
        Ok(match self {
            AnyStore::Sqlite(s) => AnySnapshot::Sqlite(s.transfer_snapshot().await?),
            AnyStore::Postgres(s) => AnySnapshot::Postgres(s.transfer_snapshot().await?),
        })
    }

    async fn begin_load(&self) -> Result<AnyLoad> {
        Ok(match self {
            AnyStore::Sqlite(s) => AnyLoad::Sqlite(s.begin_load().await?),
            AnyStore::Postgres(s) => AnyLoad::Postgres(s.begin_load().await?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Location;

    #[test]
    fn postgres_urls_are_recognised() {
        assert!(Location::is_postgres_url("postgres://u@h/db"));
        assert!(Location::is_postgres_url("PostgreSQL://u@h/db"));
        assert!(!Location::is_postgres_url("sqlite://x.db"));
        assert!(!Location::is_postgres_url("./vigil-data"));
    }
}
