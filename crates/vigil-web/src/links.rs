//! Addresses shared by the pages, the JSON API and the gate: where each
//! kind of record lives (`/persons/…`, and `/api/v1/persons/…` for the
//! API; the application's [`vigil_app::links`]), and query strings.

pub use vigil_app::links::{href, kind_of_section, section};
use vigil_core::RecordId;

use crate::error::ApiError;

/// The record an address names (`/records/{id}`, `/persons/{id}`): an id
/// that cannot be one names no record, a 404 like an unknown one.
pub(crate) fn record_id(raw: &str) -> Result<RecordId, ApiError> {
    RecordId::parse(raw).map_err(|_| ApiError::not_found("record", raw))
}

/// A query string from pairs, each value percent-encoded.
pub(crate) fn query(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}
