//! Addresses shared by the pages, the JSON API and the gate: where each
//! kind of record lives (`/persons/…`, and `/api/v1/persons/…` for the
//! API), and query strings.

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

/// A record's page (prefix `/api/v1` for its JSON).
pub fn href(kind: RecordKind, id: &RecordId) -> String {
    format!("/{}/{id}", section(kind))
}

/// A query string from pairs, each value percent-encoded.
pub(crate) fn query(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}
