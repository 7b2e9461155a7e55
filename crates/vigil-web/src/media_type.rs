//! The media type a request or a response says its body is, read from its
//! `Content-Type` header in one way everywhere.

use axum::http::{header, HeaderMap};

/// The `Content-Type` header as it stands; `""` when there is none or it
/// is not text.
pub(crate) fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// The type and subtype without parameters, lowercased (`text/xml` for
/// `Text/XML; charset=utf-8`); `""` when there is none.
pub(crate) fn essence(headers: &HeaderMap) -> String {
    content_type(headers)
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether the header starts with `prefix` (`text/html`), as written.
pub(crate) fn starts_with(headers: &HeaderMap, prefix: &str) -> bool {
    content_type(headers).starts_with(prefix)
}

/// The boundary of a `multipart/form-data` body.
pub(crate) fn multipart_boundary(headers: &HeaderMap) -> Option<String> {
    crate::multipart::boundary(content_type(headers))
}
