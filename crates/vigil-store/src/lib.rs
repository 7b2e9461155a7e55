//! The storage contract.
//!
//! [`Store`] is what the web layer and the CLI hold; backends
//! (`vigil-store-sqlite`, `vigil-store-postgres`) implement it, and
//! the [`suite`] (feature `suite`) is the one behaviour test every backend
//! runs, so callers never depend on which one they have.
//!
//! Every write is a [`Change`] by an author with an optional reason, and
//! leaves an append-only [`Revision`] holding the full new state. A write
//! is checked whole (the record alone, its references, its excerpts
//! against their sources) before anything is written, and is atomic.

mod accounts;
pub mod attachments;
pub mod campaigns;
mod error;
mod hex;
mod proposals;
mod query;
pub mod random;
pub mod reissue;
pub mod seal;
pub mod transfer;

#[cfg(feature = "suite")]
pub mod suite;

use std::collections::{BTreeMap, HashSet};
use std::future::Future;

use vigil_core::{Case, CaseFile, Event, Organisation, Person, Record, RecordId, RecordKind, RecordType, Source};

pub use accounts::{
    digest_aad, token_id, Account, AccountAudit, AccountChange, Accounts, DigestSecret, Session, StoredDeviceDigest,
    TokenInfo, TOKEN_ID_LEN,
};
pub use attachments::{
    retired_form_key_id, Attachment, Attachments, FormKey, FormMedia, PendingReport, StoredForm, StoredFormMedia,
    FORM_KEY_ID,
};
pub use campaigns::Campaigns;
pub use error::StoreError;
pub use hex::hex;
pub use proposals::{
    is_sealed as proposal_is_sealed, open_fingerprint, open_proposal, reseal_proposal_body, seal_fingerprint,
    seal_proposal, Decision, Fingerprint, IngestedSource, NewProposal, ProposalFilter, ProposalState, Proposals,
    SourceLink, StoredProposal,
};
pub use query::{
    Counts, EventFilter, Listing, MonthChange, NameQuery, Page, PageError, RatedWindow, StatusCursor, StatusLine,
    StatusOrder, StatusQuery, StoredStretch, Visibility,
};
pub use seal::{is_opaque_id, opaque_id, SealKey};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The author of what Vigil itself writes when it opens a case file (an
/// upgrade's repairs), not on anyone's request.
pub const SYSTEM_AUTHOR: &str = "vigil";

/// The reason of the revision that withholds a record with a
/// confidential one it cannot be shown without (a pledge with the person
/// who made it). It names neither: the history is read by those who may
/// see neither.
pub const WITHHELD_WITH_REQUIRED: &str = "withheld with a confidential record it cannot be shown without";

/// Who makes a change, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub author: String,
    pub reason: Option<String>,
    /// The revision the writer last saw (`If-Match`): an update or delete
    /// is refused with [`StoreError::Stale`] when the record's current
    /// revision is another, checked in the write's own transaction. `None`:
    /// written whatever the current revision.
    pub expected: Option<i64>,
    /// The pending proposal this write settles: it is decided accepted,
    /// with the record written, in the write's own transaction, and the
    /// write is refused with [`StoreError::Decided`] (nothing written) when
    /// the proposal was decided meanwhile. So one proposal makes at most
    /// one record, however many editors accept it at once.
    pub settles: Option<String>,
    /// Whether the record written must carry its evidence: always, except
    /// for a record imported from a public dataset, whose evidence may
    /// have been withheld ([`vigil_core::EvidenceRule`]).
    pub evidence: vigil_core::EvidenceRule,
    /// Whether a public record this write makes confidential is given a
    /// new opaque id ([`opaque_id`]), and so is each record withheld with
    /// it: an id made from a name or a title (`erlan-baltabay`) would go
    /// on saying, in every address and in the clear at rest, who the
    /// hidden record is about. Every trace of the old id goes in the same
    /// transaction (references, history, proposals, fingerprints, campaign
    /// lists, reasons); [`Revision::formerly`] tells the writer. Editors'
    /// writes ask for it; the store's own suite, which follows records by
    /// id, does not.
    pub new_id_when_hidden: bool,
}

impl Change {
    pub fn new(author: impl Into<String>, reason: Option<&str>) -> Self {
        Self {
            author: author.into(),
            reason: reason.map(str::to_owned),
            expected: None,
            settles: None,
            evidence: vigil_core::EvidenceRule::Required,
            new_id_when_hidden: false,
        }
    }

    /// This change, writing a record of a public dataset: its evidence may
    /// have been withheld (see [`Change::evidence`]).
    pub fn from_public_data(mut self) -> Self {
        self.evidence = vigil_core::EvidenceRule::MayBeWithheld;
        self
    }

    /// This change, settling the pending proposal `id` (see
    /// [`Change::settles`]).
    pub fn settling(mut self, id: &str) -> Self {
        self.settles = Some(id.to_owned());
        self
    }
}

/// The time a store stamps a revision (or an account) with: now, to the
/// microsecond, the precision every backend keeps (PostgreSQL's
/// `timestamptz`), so a revision reads back exactly as its write returned
/// it and a copy between backends is exact.
pub fn now() -> time::OffsetDateTime {
    let now = time::OffsetDateTime::now_utc();
    now.replace_nanosecond(now.nanosecond() / 1_000 * 1_000).unwrap_or(now)
}

/// What a revision did to its record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    Create,
    Update,
    Delete,
    /// A past state made current again (also of a deleted record).
    Restore,
}

impl Operation {
    pub fn as_str(&self) -> &'static str {
        match self {
            Operation::Create => "create",
            Operation::Update => "update",
            Operation::Delete => "delete",
            Operation::Restore => "restore",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "create" => Some(Operation::Create),
            "update" => Some(Operation::Update),
            "delete" => Some(Operation::Delete),
            "restore" => Some(Operation::Restore),
            _ => None,
        }
    }
}

/// One entry of a record's history: who changed it, when, why, and the
/// whole state it had afterwards (for a delete, the state it had when
/// deleted, so it can be restored).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Revision {
    /// Increases with every write across the whole store.
    pub seq: i64,
    pub record_id: RecordId,
    pub kind: RecordKind,
    pub operation: Operation,
    pub author: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
    pub reason: Option<String>,
    pub record: Record,
    /// The id the record had before this write gave it a new one
    /// ([`Change::new_id_when_hidden`]): kept sealed with the revision, so
    /// that whatever follows the change log (each server's search index,
    /// ingest's names) forgets the old id; never served.
    #[serde(skip)]
    pub formerly: Option<RecordId>,
}

/// The storage contract. Implementations are cheap to clone (a pool
/// handle) and safe to share between requests.
///
/// Every read takes the reader's [`Visibility`]: with
/// [`Visibility::Public`] a confidential record is not found, not listed
/// and not counted, and confidential fields come back withheld
/// ([`vigil_core::Record::redacted`]). Confidential content is sealed at
/// rest ([`seal`]).
pub trait Store: Clone + Send + Sync + 'static {
    /// Adds a new record; [`StoreError::Conflict`] if the id is taken
    /// (also by a deleted record, which stays restorable).
    fn create(&self, record: Record, change: &Change) -> impl Future<Output = Result<Revision>> + Send;

    /// Replaces a live record's state; its kind cannot change.
    fn update(&self, record: Record, change: &Change) -> impl Future<Output = Result<Revision>> + Send;

    /// Marks a record deleted. Refused with [`StoreError::Referenced`]
    /// while live records still refer to it.
    fn delete(&self, id: &RecordId, change: &Change) -> impl Future<Output = Result<Revision>> + Send;

    /// [`Store::delete`], except that the referrers in `leaving` do not
    /// hold the record back: they go on naming it, deleted (and it stays
    /// restorable). For a writer who may not see them: whether a record
    /// can be deleted must not depend on records the writer cannot see,
    /// or the refusal would tell them the hidden records exist. Any other
    /// referrer still refuses the delete, checked in the write's own
    /// transaction.
    fn delete_leaving(
        &self,
        id: &RecordId,
        change: &Change,
        leaving: &[RecordId],
    ) -> impl Future<Output = Result<Revision>> + Send;

    /// Which of `ids` are in use, by a live or a deleted record (either
    /// refuses [`Self::create`]): one question for many ids.
    fn taken(&self, ids: &[RecordId]) -> impl Future<Output = Result<HashSet<RecordId>>> + Send;

    /// A live record by id, as `visibility` may see it.
    fn record(&self, id: &RecordId, visibility: Visibility) -> impl Future<Output = Result<Record>> + Send;

    /// Makes the state a record had after revision `seq` current again, as
    /// a new revision; also brings a deleted record back.
    fn restore(&self, id: &RecordId, seq: i64, change: &Change) -> impl Future<Output = Result<Revision>> + Send;

    fn persons(&self, query: &NameQuery, page: Page) -> impl Future<Output = Result<Listing<Person>>> + Send;

    fn organisations(
        &self,
        query: &NameQuery,
        page: Page,
    ) -> impl Future<Output = Result<Listing<Organisation>>> + Send;

    /// Events in chronological order (earliest reading first).
    fn events(&self, filter: &EventFilter, page: Page) -> impl Future<Output = Result<Listing<Event>>> + Send;

    fn cases(&self, visibility: Visibility, page: Page) -> impl Future<Output = Result<Listing<Case>>> + Send;

    fn sources(&self, visibility: Visibility, page: Page) -> impl Future<Output = Result<Listing<Source>>> + Send;

    /// Live records that refer to `id` (events citing a source, members of
    /// an organisation, cases holding an event), by kind then id.
    fn referring_to(&self, id: &RecordId, visibility: Visibility) -> impl Future<Output = Result<Vec<Record>>> + Send;

    /// The live records among `ids`, as `visibility` sees them, by id:
    /// those it may not see and ids of no live record are left out. One
    /// question for many records (a country's view gathers its records so).
    fn records(&self, ids: &[RecordId], visibility: Visibility) -> impl Future<Output = Result<Vec<Record>>> + Send;

    /// Live records that refer to any of `targets` through `field` (a
    /// reference's field without its index: `participants`, `review_id`,
    /// `subject_id`…), as `visibility` sees them, by id; a reference the
    /// viewer cannot see (a withheld field) is not one.
    fn referring(
        &self,
        targets: &[RecordId],
        field: &str,
        visibility: Visibility,
    ) -> impl Future<Output = Result<Vec<Record>>> + Send;

    /// The live persons, events, reviews and pledges of `country` (an ISO
    /// 3166-1 alpha-2 code, in capitals) as `visibility` sees them, by id:
    /// a record whose country is withheld counts only for those with the
    /// right. Its cost is the country's records, not the case file's.
    fn in_country(&self, country: &str, visibility: Visibility) -> impl Future<Output = Result<Vec<Record>>> + Send;

    /// The countries of live events, reviews and pledges, as `visibility`
    /// sees them, with how many events each (patterns not counted: a
    /// country known only by patterns is not listed).
    fn countries(&self, visibility: Visibility) -> impl Future<Output = Result<BTreeMap<String, u64>>> + Send;

    /// The live events of `country` as a rating reads them, summed by the
    /// facts a rating reads ([`vigil_core::RatedCount`]), as `visibility`
    /// sees them: from the state the store keeps on every write, so it
    /// costs the country's number of distinct facts, not its events.
    fn rated_counts(
        &self,
        country: &str,
        visibility: Visibility,
    ) -> impl Future<Output = Result<Vec<vigil_core::RatedCount>>> + Send;

    /// The changes, month by month and oldest first, to how many of
    /// `country`'s persons (its nationals, and the victims and targets of
    /// its events) are imprisoned and under an activity ban on the first of
    /// each month, as `visibility` sees them: the sum of those up to a
    /// month is its count. Kept by the store as it recomputes each
    /// person's status, so it costs the months, not the persons.
    fn restraint_months(
        &self,
        country: &str,
        visibility: Visibility,
    ) -> impl Future<Output = Result<Vec<MonthChange>>> + Send;

    /// How many live events of `country` begin after `day` (a pledge's),
    /// and the last `latest` of them in timeline order, as a rating reads
    /// them and `visibility` sees them: from the same kept state, so it
    /// costs the events counted (an index range), not their records.
    fn rated_since(
        &self,
        country: &str,
        visibility: Visibility,
        day: vigil_core::Date,
        latest: u32,
    ) -> impl Future<Output = Result<(u64, Vec<vigil_core::RatedEvent>)>> + Send;

    /// The live events of `country` beginning by `up_to`, as a rating reads
    /// them and `visibility` sees them, in a briefing's window: with
    /// `after` (the previous review's last day), those beginning after it
    /// counted by type and the latest `latest` listed, and those beginning
    /// by it but ending after it (their dates allow either) counted and the
    /// latest listed; without, all of them as beginning after. From the
    /// kept facts: the whole years between from their kept sums, the days
    /// of the years at the ends and those possibly after from the index on
    /// the first days (which holds the types, migration 0023), so it costs
    /// two years of index entries, the widest date's span before `after`,
    /// and those listed, not the country's records.
    fn rated_window(
        &self,
        country: &str,
        visibility: Visibility,
        after: Option<vigil_core::Date>,
        up_to: vigil_core::Date,
        latest: u32,
    ) -> impl Future<Output = Result<RatedWindow>> + Send;

    /// The persons of `country` (its nationals, and the victims and targets
    /// of its events) under a restraint of `kind` on `day`, as `visibility`
    /// sees them: the first `limit` lines by name, and how many there are.
    /// From the status stretches, and for imprisonment and activity bans
    /// the count from the changes kept per country and day (migration
    /// 0023), so it costs the page and the country's days of change, not
    /// its persons (other kinds are counted over the day's stretches).
    fn restrained(
        &self,
        country: &str,
        visibility: Visibility,
        day: vigil_core::Date,
        kind: vigil_core::RestraintKind,
        limit: u32,
    ) -> impl Future<Output = Result<Listing<StatusLine>>> + Send;

    /// The live events of `country` whose date window holds `year`, as a
    /// rating reads them ([`vigil_core::RatedEvent`]) and `visibility`
    /// sees them, in timeline order: from the same kept state.
    fn rated_events(
        &self,
        country: &str,
        visibility: Visibility,
        year: i32,
    ) -> impl Future<Output = Result<Vec<vigil_core::RatedEvent>>> + Send;

    /// One page of the live records of `kind` as `visibility` sees them,
    /// by id.
    fn records_of_kind(
        &self,
        kind: RecordKind,
        visibility: Visibility,
        page: Page,
    ) -> impl Future<Output = Result<Listing<Record>>> + Send;

    /// The ids of the records that name `id` now, or named it in any
    /// revision kept in the clear, live or deleted: those that may have
    /// named it on a past day (`recorded_on`), for their histories to be
    /// read with [`Store::revisions`], which says what the viewer may see.
    /// A sealed revision is not searched, its references being in no clear
    /// text: a confidential record that named `id` once, and names it no
    /// longer, is not found. Scans the revisions: for audits, not pages.
    fn named_in_history(&self, id: &RecordId) -> impl Future<Output = Result<Vec<RecordId>>> + Send;

    /// A record's whole history, oldest first; also for deleted records.
    /// With [`Visibility::Public`], a record that was ever wholly
    /// confidential has no visible history ([`StoreError::NotFound`]) and
    /// confidential fields are withheld in every state.
    fn revisions(&self, id: &RecordId, visibility: Visibility) -> impl Future<Output = Result<Vec<Revision>>> + Send;

    /// Every revision after `seq`, in order, at most `limit` of them, whole
    /// (confidential content included: the follower decides what to keep):
    /// the ordered change log that derived state (the search index, another
    /// server's caches) follows to catch up. `seq` 0 reads from the start.
    fn changes_since(&self, seq: i64, limit: u32) -> impl Future<Output = Result<Vec<Revision>>> + Send;

    /// The `seq` of the latest revision (0 for an empty case file): where
    /// a follower that has just read the case file whole starts to follow
    /// [`Store::changes_since`] (read it before, so nothing falls between).
    fn latest_seq(&self) -> impl Future<Output = Result<i64>> + Send;

    /// Creates many records in one transaction, each with its own change
    /// (author and reason) and revision: all of them or none. An error
    /// names the record (`{id}.{field}`). For bulk writers such as ingest,
    /// where a transaction per record would cost more than the records.
    fn create_all(&self, records: &[(Record, Change)]) -> impl Future<Output = Result<Vec<Revision>>> + Send;

    /// Writes a whole case file in one transaction: all of it or none.
    fn import(&self, case_file: &CaseFile, change: &Change) -> impl Future<Output = Result<usize>> + Send;

    /// Every live record as `visibility` may see it, in one case file
    /// (export, the status list, rebuilding derived state).
    fn case_file(&self, visibility: Visibility) -> impl Future<Output = Result<CaseFile>> + Send;

    /// How many live records of each kind (kept by the store on every
    /// write, not counted per request).
    fn counts(&self, visibility: Visibility) -> impl Future<Output = Result<Counts>> + Send;

    /// Live records of `kind` after `after` (from the first when `None`)
    /// in the order of their ids, at most `limit`, as `visibility` may see
    /// them (as [`Self::record`] would answer for each): a whole case file
    /// read page by page, in constant memory (export).
    fn records_page(
        &self,
        kind: RecordKind,
        after: Option<&RecordId>,
        limit: u32,
        visibility: Visibility,
    ) -> impl Future<Output = Result<Vec<Record>>> + Send;

    /// How many live records `visibility` may see, for every kind (also
    /// those with none), in the order of [`RecordKind::ALL`].
    fn counts_by_kind(&self, visibility: Visibility) -> impl Future<Output = Result<Vec<(RecordKind, u64)>>> + Send;

    /// Creates `creates` and updates `updates` (live records of the same
    /// kind, each with its own change and revision) in one transaction: all
    /// of them or none, each checked as [`Self::create`] and
    /// [`Self::update`] check. Creates go first, so an update may refer to
    /// a created record. With `dry_run`, everything is checked and written,
    /// then rolled back: the answer says what would change. An error names
    /// the record (`{id}.{field}`). For imports.
    fn write_all(
        &self,
        creates: &[(Record, Change)],
        updates: &[(Record, Change)],
        dry_run: bool,
    ) -> impl Future<Output = Result<Vec<Revision>>> + Send;

    /// The latest events (by their latest reading), newest first; not
    /// patterns ([`vigil_core::Event::pattern`]): a general practice is
    /// not a recent event.
    fn latest_events(&self, visibility: Visibility, limit: u32) -> impl Future<Output = Result<Vec<Event>>> + Send;

    /// The live events of `country` that state a pattern (an ongoing or
    /// general practice, [`vigil_core::Event::pattern`]) as `visibility`
    /// sees them, the latest first, at most `limit`: what a country page
    /// lists apart as "patterns reported". Read through an index of the
    /// patterns alone, so it costs the case file's patterns, not its
    /// events.
    fn patterns(
        &self,
        country: &str,
        visibility: Visibility,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Event>>> + Send;

    /// Who was not at liberty on a day: one page of the status list, from
    /// the status state the store keeps per person and per visibility
    /// ([`vigil_core::stretches`], recomputed for the persons a write
    /// touches, in the write's transaction), so its cost is the page's,
    /// not the case file's. The same answers as the status engine over the
    /// whole case file as `visibility` sees it.
    fn statuses(&self, query: &StatusQuery, page: Page) -> impl Future<Output = Result<Listing<StatusLine>>> + Send;

    /// The lines of the status list after `after` (from the first without
    /// it), by name whatever `query.order` says, `limit` at most, and not
    /// counted: for reading the whole list a page at a time (the CSV), at
    /// the cost of each page however far into the list it is, where an
    /// offset would read every line before it again.
    fn statuses_after(
        &self,
        query: &StatusQuery,
        after: Option<&StatusCursor>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<StatusLine>>> + Send;

    /// Recomputes the state kept from the case file (each person's status
    /// stretches, the counts, each event as a rating reads it) from the live records: after a restore from
    /// an old backup, or to check it. Returns the persons recomputed.
    fn rebuild_derived(&self) -> impl Future<Output = Result<u64>> + Send;

    /// Gives every confidential record whose id is not one Vigil made
    /// ([`is_opaque_id`]) an opaque id, moving every trace of the old one
    /// as a write with [`Change::new_id_when_hidden`] does: for a case file
    /// from an earlier version. Returns how many were given new ids.
    fn give_opaque_ids(&self) -> impl Future<Output = Result<u64>> + Send;
}

/// Typed reads, for any store.
pub trait StoreExt: Store {
    /// The record `id`, which must be a `T`: one of another kind is
    /// [`StoreError::WrongKind`].
    fn typed<T: RecordType + Send>(
        &self,
        id: &RecordId,
        visibility: Visibility,
    ) -> impl Future<Output = Result<T>> + Send {
        async move {
            let record = self.record(id, visibility).await?;
            let kind = record.kind();
            T::from_record(record).ok_or_else(|| StoreError::wrong_kind(id, T::KIND, kind))
        }
    }

    fn person(&self, id: &RecordId, visibility: Visibility) -> impl Future<Output = Result<Person>> + Send {
        self.typed(id, visibility)
    }

    fn organisation(&self, id: &RecordId, visibility: Visibility) -> impl Future<Output = Result<Organisation>> + Send {
        self.typed(id, visibility)
    }

    fn event(&self, id: &RecordId, visibility: Visibility) -> impl Future<Output = Result<Event>> + Send {
        self.typed(id, visibility)
    }

    fn case(&self, id: &RecordId, visibility: Visibility) -> impl Future<Output = Result<Case>> + Send {
        self.typed(id, visibility)
    }

    fn source(&self, id: &RecordId, visibility: Visibility) -> impl Future<Output = Result<Source>> + Send {
        self.typed(id, visibility)
    }
}

impl<S: Store> StoreExt for S {}
