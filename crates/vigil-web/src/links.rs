//! Addresses shared by the pages, the JSON API and the gate: where each
//! kind of record lives (`/persons/…`, and `/api/v1/persons/…` for the
//! API; the application's [`vigil_app::links`]), and query strings.

pub use vigil_app::links::{href, kind_of_section, section};

/// A query string from pairs, each value percent-encoded.
pub(crate) fn query(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}
