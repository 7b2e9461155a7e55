//! The shapes of queries and their answers.

use serde::Serialize;
use vigil_core::{Date, EventType, RecordId};

/// Whether confidential records may be seen by whoever asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    Public,
    Confidential,
}

impl Visibility {
    pub fn includes_confidential(self) -> bool {
        self == Visibility::Confidential
    }
}

/// A window of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    limit: u32,
    offset: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error("limit must be between 1 and {max}")]
    Limit { max: u32 },
    #[error("offset must be at most {max}")]
    Offset { max: u32 },
}

impl Page {
    pub const DEFAULT_LIMIT: u32 = 50;
    pub const MAX_LIMIT: u32 = 500;
    pub const MAX_OFFSET: u32 = 10_000_000;

    pub fn new(limit: u32, offset: u32) -> Result<Self, PageError> {
        if !(1..=Self::MAX_LIMIT).contains(&limit) {
            return Err(PageError::Limit { max: Self::MAX_LIMIT });
        }
        if offset > Self::MAX_OFFSET {
            return Err(PageError::Offset { max: Self::MAX_OFFSET });
        }
        Ok(Self { limit, offset })
    }

    /// Everything a page can hold, from the start.
    pub fn all() -> Self {
        Self {
            limit: Self::MAX_LIMIT,
            offset: 0,
        }
    }

    pub fn limit(&self) -> u32 {
        self.limit
    }

    pub fn offset(&self) -> u32 {
        self.offset
    }
}

impl Default for Page {
    fn default() -> Self {
        Self {
            limit: Self::DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

/// A page of a list, and how many there are in all.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Listing<T> {
    pub items: Vec<T>,
    pub total: u64,
}

impl<T> Listing<T> {
    /// The `page` of `all`, with the total of `all`: for lists filtered
    /// in memory rather than in the database.
    pub fn paged(all: Vec<T>, page: Page) -> Self {
        let total = all.len() as u64;
        let items = all
            .into_iter()
            .skip(page.offset() as usize)
            .take(page.limit() as usize)
            .collect();
        Listing { items, total }
    }
}

/// Persons or organisations whose name or alias contains `text` (folded:
/// any case, any script).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameQuery {
    pub text: Option<String>,
    pub visibility: Visibility,
}

impl NameQuery {
    pub fn all(visibility: Visibility) -> Self {
        Self { text: None, visibility }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventFilter {
    pub event_type: Option<EventType>,
    /// Events this person takes part in.
    pub person: Option<RecordId>,
    /// Events this organisation takes part in.
    pub organisation: Option<RecordId>,
    /// Events that may have happened on or after this day.
    pub from: Option<Date>,
    /// Events that may have happened on or before this day.
    pub to: Option<Date>,
    pub visibility: Visibility,
}

impl EventFilter {
    pub fn all(visibility: Visibility) -> Self {
        Self {
            event_type: None,
            person: None,
            organisation: None,
            from: None,
            to: None,
            visibility,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub persons: u64,
    pub organisations: u64,
    pub events: u64,
    pub cases: u64,
    pub sources: u64,
}

/// The order of the status list ([`crate::Store::statuses`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusOrder {
    /// By name (the name the public may see; a wholly confidential
    /// person's is sealed, and sorts first), then id.
    #[default]
    Name,
    /// By the earliest start of a restraint in force, then name.
    Start,
    /// By the latest expected end of a restraint in force (those with no
    /// known end last), then name.
    ExpectedEnd,
}

impl StatusOrder {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "name" => Some(StatusOrder::Name),
            "start" => Some(StatusOrder::Start),
            "end" | "expected_end" => Some(StatusOrder::ExpectedEnd),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StatusOrder::Name => "name",
            StatusOrder::Start => "start",
            StatusOrder::ExpectedEnd => "end",
        }
    }
}

/// What the status list asks: who was not at liberty on `as_of`, with a
/// restraint of `kind` if given, as `visibility` may see it, in `order`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusQuery {
    pub as_of: Date,
    pub kind: Option<vigil_core::RestraintKind>,
    pub order: StatusOrder,
    pub visibility: Visibility,
}

/// One line of the status list: a person's name (as the viewer may see
/// it) and status on the day asked (without steps).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusLine {
    pub name: String,
    pub status: vigil_core::PersonStatus,
    /// Where the line stands in the name order, to read on after it
    /// ([`crate::Store::statuses_after`]).
    pub cursor: StatusCursor,
}

/// A place in the status list's name order: the folded name the list is
/// sorted by, then the person's id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusCursor {
    pub sort_key: String,
    pub person_id: String,
}

/// What the store keeps of one stretch of a person's status, serialised
/// (in the clear for the public's, sealed for the whole case file's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct StoredStretch {
    pub name: String,
    pub restraints: Vec<vigil_core::Restraint>,
    /// The countries its person counts for on a country's page (issue
    /// 17): kept here so that a key rotation can hash them again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
}

/// A change to the number of a country's persons under a restraint of
/// `kind` on the first of `month` and each month after (see
/// `Store::restraint_months`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthChange {
    pub month: vigil_core::Date,
    pub kind: vigil_core::RestraintKind,
    /// Counts only those certainly under it; else all, certainly or
    /// possibly.
    pub certain: bool,
    pub delta: i64,
}

/// A country's events over a stretch of days, as a rating reads them
/// (`Store::rated_window`): those beginning after a day, counted by type
/// and the latest listed, and those whose imprecise dates allow either
/// side of it, counted and the latest listed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RatedWindow {
    /// How many begin after the day (all of them without a day), by type.
    pub after: std::collections::BTreeMap<EventType, u64>,
    /// The latest of those, in timeline order.
    pub latest_after: Vec<vigil_core::RatedEvent>,
    /// How many begin by the day and may end after it.
    pub possibly: u64,
    /// The latest of those, in timeline order.
    pub latest_possibly: Vec<vigil_core::RatedEvent>,
}
