//! One store type over both backends, chosen at start from where the case
//! file lives: an SQLite file (the default) or a PostgreSQL database.
//!
//! This is not sqlx's `Any` driver (which cannot carry our types): each
//! backend keeps its own crate, SQL and migrations, and [`AnyStore`] only
//! delegates. The binary holds one (so every command works on either), and
//! the web layer's tests use it to run on both; `vigil-web` itself stays
//! generic over the `Store` and knows neither backend.

use std::collections::HashSet;
use std::path::PathBuf;

use vigil_core::campaign::Campaign;
use vigil_core::{Case, CaseFile, Event, Organisation, Person, Record, RecordId, UserName};
use vigil_store::campaigns::{
    AuditEntry, CampaignRow, Campaigns, Delivery, ExportedSignature, Filter, Invalidation, Mail, Op, Outcome,
    QueuedMail, Tally,
};
use vigil_store::{
    Account, Accounts, Change, Counts, Decision, EventFilter, Fingerprint, IngestedSource, Listing, NameQuery,
    NewProposal, Page, ProposalFilter, Proposals, Result, Revision, SealKey, Session, SourceLink, Store,
    StoredProposal, Visibility,
};
pub use vigil_store_postgres::PostgresStore;
pub use vigil_store_sqlite::SqliteStore;

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

/// `$body` with `$s` bound to the backend store, whichever it is.
macro_rules! on_backend {
    ($self:ident, $s:ident => $body:expr) => {
        match $self {
            AnyStore::Sqlite($s) => $body,
            AnyStore::Postgres($s) => $body,
        }
    };
}

impl Store for AnyStore {
    async fn create(&self, record: Record, change: &Change) -> Result<Revision> {
        on_backend!(self, s => s.create(record, change).await)
    }

    async fn update(&self, record: Record, change: &Change) -> Result<Revision> {
        on_backend!(self, s => s.update(record, change).await)
    }

    async fn delete(&self, id: &RecordId, change: &Change) -> Result<Revision> {
        on_backend!(self, s => s.delete(id, change).await)
    }

    async fn taken(&self, ids: &[RecordId]) -> Result<HashSet<RecordId>> {
        on_backend!(self, s => s.taken(ids).await)
    }

    async fn record(&self, id: &RecordId, visibility: Visibility) -> Result<Record> {
        on_backend!(self, s => s.record(id, visibility).await)
    }

    async fn restore(&self, id: &RecordId, seq: i64, change: &Change) -> Result<Revision> {
        on_backend!(self, s => s.restore(id, seq, change).await)
    }

    async fn persons(&self, query: &NameQuery, page: Page) -> Result<Listing<Person>> {
        on_backend!(self, s => s.persons(query, page).await)
    }

    async fn organisations(&self, query: &NameQuery, page: Page) -> Result<Listing<Organisation>> {
        on_backend!(self, s => s.organisations(query, page).await)
    }

    async fn events(&self, filter: &EventFilter, page: Page) -> Result<Listing<Event>> {
        on_backend!(self, s => s.events(filter, page).await)
    }

    async fn cases(&self, visibility: Visibility, page: Page) -> Result<Listing<Case>> {
        on_backend!(self, s => s.cases(visibility, page).await)
    }

    async fn sources(&self, visibility: Visibility, page: Page) -> Result<Listing<vigil_core::Source>> {
        on_backend!(self, s => s.sources(visibility, page).await)
    }

    async fn referring_to(&self, id: &RecordId, visibility: Visibility) -> Result<Vec<Record>> {
        on_backend!(self, s => s.referring_to(id, visibility).await)
    }

    async fn revisions(&self, id: &RecordId, visibility: Visibility) -> Result<Vec<Revision>> {
        on_backend!(self, s => s.revisions(id, visibility).await)
    }

    async fn changes_since(&self, seq: i64, limit: u32) -> Result<Vec<Revision>> {
        on_backend!(self, s => s.changes_since(seq, limit).await)
    }

    async fn create_all(&self, records: &[(Record, Change)]) -> Result<Vec<Revision>> {
        on_backend!(self, s => s.create_all(records).await)
    }

    async fn import(&self, case_file: &CaseFile, change: &Change) -> Result<usize> {
        on_backend!(self, s => s.import(case_file, change).await)
    }

    async fn case_file(&self, visibility: Visibility) -> Result<CaseFile> {
        on_backend!(self, s => s.case_file(visibility).await)
    }

    async fn counts(&self, visibility: Visibility) -> Result<Counts> {
        on_backend!(self, s => s.counts(visibility).await)
    }
}

impl Accounts for AnyStore {
    async fn add_account(&self, name: &UserName, role: vigil_core::AccountRole, password_hash: &str) -> Result<()> {
        on_backend!(self, s => s.add_account(name, role, password_hash).await)
    }

    async fn set_disabled(&self, name: &UserName, disabled: bool) -> Result<()> {
        on_backend!(self, s => s.set_disabled(name, disabled).await)
    }

    async fn account(&self, name: &UserName) -> Result<Option<(Account, String)>> {
        on_backend!(self, s => s.account(name).await)
    }

    async fn accounts(&self) -> Result<Vec<Account>> {
        on_backend!(self, s => s.accounts().await)
    }

    async fn add_token(&self, name: &UserName, token_hash: &str) -> Result<()> {
        on_backend!(self, s => s.add_token(name, token_hash).await)
    }

    async fn account_by_token(&self, token_hash: &str) -> Result<Option<Account>> {
        on_backend!(self, s => s.account_by_token(token_hash).await)
    }

    async fn create_session(
        &self,
        session_hash: &str,
        name: &UserName,
        csrf_token: &str,
        expires_at: time::OffsetDateTime,
    ) -> Result<()> {
        on_backend!(self, s => s.create_session(session_hash, name, csrf_token, expires_at).await)
    }

    async fn session(&self, session_hash: &str) -> Result<Option<Session>> {
        on_backend!(self, s => s.session(session_hash).await)
    }

    async fn delete_session(&self, session_hash: &str) -> Result<()> {
        on_backend!(self, s => s.delete_session(session_hash).await)
    }
}

impl Proposals for AnyStore {
    async fn add_proposals(&self, source_id: &RecordId, proposals: &[NewProposal]) -> Result<()> {
        on_backend!(self, s => s.add_proposals(source_id, proposals).await)
    }

    async fn add_ingested(&self, sources: &[IngestedSource]) -> Result<()> {
        on_backend!(self, s => s.add_ingested(sources).await)
    }

    async fn proposals(&self, filter: &ProposalFilter) -> Result<Vec<StoredProposal>> {
        on_backend!(self, s => s.proposals(filter).await)
    }

    async fn decide(&self, id: &str, decision: &Decision) -> Result<StoredProposal> {
        on_backend!(self, s => s.decide(id, decision).await)
    }

    async fn fingerprints(&self) -> Result<Vec<Fingerprint>> {
        on_backend!(self, s => s.fingerprints().await)
    }

    async fn save_fingerprint(&self, fingerprint: &Fingerprint) -> Result<()> {
        on_backend!(self, s => s.save_fingerprint(fingerprint).await)
    }

    async fn link_source(&self, link: &SourceLink) -> Result<()> {
        on_backend!(self, s => s.link_source(link).await)
    }

    async fn source_links(&self, source_id: &RecordId) -> Result<Vec<SourceLink>> {
        on_backend!(self, s => s.source_links(source_id).await)
    }
}

impl Campaigns for AnyStore {
    fn seal_signature(&self, signature: &mut vigil_store::campaigns::NewSignature) -> Result<()> {
        on_backend!(self, s => s.seal_signature(signature))
    }

    fn derived_secret(&self, purpose: &str) -> [u8; 32] {
        on_backend!(self, s => s.derived_secret(purpose))
    }

    async fn create_campaign(&self, campaign: &Campaign, author: &str) -> Result<()> {
        on_backend!(self, s => s.create_campaign(campaign, author).await)
    }

    async fn update_campaign(&self, campaign: &Campaign, author: &str) -> Result<()> {
        on_backend!(self, s => s.update_campaign(campaign, author).await)
    }

    async fn campaign(&self, slug: &str) -> Result<CampaignRow> {
        on_backend!(self, s => s.campaign(slug).await)
    }

    async fn campaigns(&self) -> Result<Vec<CampaignRow>> {
        on_backend!(self, s => s.campaigns().await)
    }

    async fn campaign_audit(&self, slug: &str) -> Result<Vec<AuditEntry>> {
        on_backend!(self, s => s.campaign_audit(slug).await)
    }

    async fn apply(&self, ops: Vec<Op>) -> Result<Vec<Outcome>> {
        on_backend!(self, s => s.apply(ops).await)
    }

    async fn tally(&self, slug: &str) -> Result<Tally> {
        on_backend!(self, s => s.tally(slug).await)
    }

    async fn preview_invalidation(&self, slug: &str, filter: &Filter) -> Result<u64> {
        on_backend!(self, s => s.preview_invalidation(slug, filter).await)
    }

    async fn invalidate(&self, slug: &str, filter: &Filter, author: &str) -> Result<Invalidation> {
        on_backend!(self, s => s.invalidate(slug, filter, author).await)
    }

    async fn revert_invalidation(&self, id: i64, author: &str) -> Result<Invalidation> {
        on_backend!(self, s => s.revert_invalidation(id, author).await)
    }

    async fn invalidations(&self, slug: &str) -> Result<Vec<Invalidation>> {
        on_backend!(self, s => s.invalidations(slug).await)
    }

    async fn export(&self, slug: &str) -> Result<Vec<ExportedSignature>> {
        on_backend!(self, s => s.export(slug).await)
    }

    async fn named_signers(&self, slug: &str, since: time::OffsetDateTime) -> Result<Vec<String>> {
        on_backend!(self, s => s.named_signers(slug, since).await)
    }

    async fn enqueue_mail(&self, mail: &Mail) -> Result<String> {
        on_backend!(self, s => s.enqueue_mail(mail).await)
    }

    async fn claim_mail(
        &self,
        now: time::OffsetDateTime,
        lease: time::Duration,
        limit: u32,
    ) -> Result<Vec<QueuedMail>> {
        on_backend!(self, s => s.claim_mail(now, lease, limit).await)
    }

    async fn mail_sent(&self, ids: &[String]) -> Result<()> {
        on_backend!(self, s => s.mail_sent(ids).await)
    }

    async fn mail_failed(&self, id: &str, error: &str, retry_at: Option<time::OffsetDateTime>) -> Result<()> {
        on_backend!(self, s => s.mail_failed(id, error, retry_at).await)
    }

    async fn mail_pending(&self) -> Result<u64> {
        on_backend!(self, s => s.mail_pending().await)
    }

    async fn record_delivery(&self, slug: &str, target: &str, signatures: u64, mail: &Mail) -> Result<()> {
        on_backend!(self, s => s.record_delivery(slug, target, signatures, mail).await)
    }

    async fn deliveries(&self, slug: &str) -> Result<Vec<Delivery>> {
        on_backend!(self, s => s.deliveries(slug).await)
    }

    async fn anonymise_closed(&self, closed_before: time::OffsetDateTime) -> Result<Vec<(String, u64)>> {
        on_backend!(self, s => s.anonymise_closed(closed_before).await)
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
