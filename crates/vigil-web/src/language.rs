//! The language of a request: `?lang=` (remembered in a cookie), then the
//! cookie, then `Accept-Language`, then English.

use axum::http::{header, HeaderMap, HeaderValue};
use vigil_app::i18n::Lang;

/// The cookie that remembers a language chosen with `?lang=`.
pub const COOKIE: &str = "lang";

/// The language to answer in, and whether `?lang=` chose it (then the
/// answer sets the cookie).
pub fn negotiate(query: Option<&str>, headers: &HeaderMap) -> (Lang, bool) {
    let asked = query.and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "lang")
            .and_then(|(_, v)| Lang::parse(&v))
    });
    if let Some(lang) = asked {
        return (lang, true);
    }
    let remembered = crate::auth::gate::cookie(headers, COOKIE).and_then(Lang::parse);
    let accepted = || {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Lang::from_accept_language)
    };
    (remembered.or_else(accepted).unwrap_or_default(), false)
}

/// The `Set-Cookie` that remembers `lang` for a year.
pub fn remember(lang: Lang) -> HeaderValue {
    let cookie = format!("lang={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
    // A language's code is a folder's name checked by the build: letters,
    // digits and '-', always a valid header value.
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static("lang=en; Path=/; SameSite=Lax"))
}
