//! Where a record lives: the path segment of a kind's pages and API, and
//! a record's address. Views cite records by these (a briefing's
//! statements link to their events); pages and the API route by them.

use vigil_core::{RecordId, RecordKind};

/// The path segment of a kind's pages and API (`/persons/…`).
pub const fn section(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Person => "persons",
        RecordKind::Organisation => "organisations",
        RecordKind::Event => "events",
        RecordKind::Case => "cases",
        RecordKind::Source => "sources",
        RecordKind::Mechanism => "mechanisms",
        RecordKind::Review => "reviews",
        RecordKind::Recommendation => "recommendations",
        RecordKind::Pledge => "pledges",
        RecordKind::Assessment => "assessments",
        RecordKind::RatingRule => "rating-rules",
    }
}

/// The kind whose pages live under `section`.
pub fn kind_of_section(section: &str) -> Option<RecordKind> {
    RecordKind::ALL.iter().copied().find(|k| self::section(*k) == section)
}

/// A record's page: `/persons/erlan-baltabay`.
pub fn href(kind: RecordKind, id: &RecordId) -> String {
    format!("/{}/{id}", section(kind))
}
