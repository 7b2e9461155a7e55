//! Where this server is reached from outside: the start of the links that
//! leave it (in e-mails).

use axum::http::{header, HeaderMap};

/// The base of links in messages.
pub fn base_url(app_public: &Option<String>, headers: &HeaderMap) -> String {
    if let Some(u) = app_public {
        return u.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)))
        .unwrap_or("localhost");
    format!("http://{host}")
}
