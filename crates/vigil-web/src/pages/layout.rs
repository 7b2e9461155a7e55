//! The frame of every page.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

use vigil_app::i18n::{Arg, Lang};

use crate::error::PageError;
use crate::Viewer;

pub const STYLESHEET: &str = include_str!("../../assets/vigil.css");

/// The site's name, after every page's own title.
pub const SITE: &str = "Vigil";

pub fn page(viewer: &Viewer, title: &str, body: Markup) -> Markup {
    let tr = |key: &str| viewer.tr(key);
    html! {
        (DOCTYPE)
        html lang=(viewer.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                // "Persons — Vigil"; the front page is just "Vigil".
                title { (title) @if title != SITE { " — " (SITE) } }
                link rel="stylesheet" href="/assets/vigil.css";
                script src="/assets/suggest.js" defer {}
                script src="/assets/local-time.js" defer {}
            }
            body {
                header.site {
                    a.brand href="/" { "Vigil" }
                    nav {
                        a href="/persons" { (tr("nav-persons")) }
                        a href="/organisations" { (tr("nav-organisations")) }
                        a href="/events" { (tr("nav-events")) }
                        a href="/cases" { (tr("nav-cases")) }
                        a href="/sources" { (tr("nav-sources")) }
                        a href="/status" { (tr("nav-status")) }
                        a href="/countries" { (tr("nav-countries")) }
                        a href="/report" { (tr("report-title")) }
                        a href="/api/v1/openapi.json" { (tr("nav-api")) }
                    }
                    form.site-search method="get" action="/search" role="search" {
                        input type="search" name="q" list="name-suggestions" autocomplete="off"
                            aria-label=(tr("search-label")) placeholder=(tr("search-placeholder"));
                        datalist id="name-suggestions" {}
                        button { (tr("search-button")) }
                    }
                    div.account {
                        @if let Some(account) = &viewer.account {
                            span { (tr("signed-in-as")) " " strong { (account.name) } " (" (viewer.lang.term(&account.role)) ")" }
                            @if account.role.may_manage_accounts() { a href="/admin/accounts" { (tr("nav-accounts")) } }
                            form.inline method="post" action="/logout" {
                                (csrf_field(viewer))
                                button { (tr("sign-out")) }
                            }
                        } @else {
                            a href="/login" { (tr("sign-in")) }
                        }
                    }
                    // The page again in another language: a plain form, so
                    // it works without JavaScript.
                    form.languages method="get" aria-label=(tr("language-switch")) {
                        @for lang in Lang::ALL {
                            @if lang == viewer.lang {
                                span.current lang=(lang.code()) { (lang.own_name()) }
                            } @else {
                                button name="lang" value=(lang.code()) lang=(lang.code()) { (lang.own_name()) }
                            }
                        }
                    }
                }
                main { (body) }
                footer.site {
                    p { (tr("site-footer")) }
                }
            }
        }
    }
}

/// Previous/next links for a paged list.
pub fn pager(lang: Lang, base: &str, query: &str, offset: u32, limit: u32, total: u64) -> Markup {
    let sep = if query.is_empty() {
        String::new()
    } else {
        format!("{query}&")
    };
    let last = (offset as u64 + limit as u64).min(total);
    let range = lang.tr_with(
        "pager-range",
        &[
            ("first", Arg::Number(offset as u64 + 1)),
            ("last", Arg::Number(last)),
            ("total", Arg::Number(total)),
        ],
    );
    html! {
        @if total > limit as u64 {
            nav.pager {
                @if offset > 0 {
                    a rel="prev" href={ (base) "?" (sep) "offset=" (offset.saturating_sub(limit)) } { (lang.tr("pager-previous")) }
                }
                span { " " (range) " " }
                @if (offset as u64 + limit as u64) < total {
                    a rel="next" href={ (base) "?" (sep) "offset=" (offset + limit) } { (lang.tr("pager-next")) }
                }
            }
        }
    }
}

/// The hidden field that proves a form came from one of our pages.
pub fn csrf_field(viewer: &Viewer) -> Markup {
    html! {
        @if let Some(token) = &viewer.csrf {
            input type="hidden" name=(crate::auth::gate::CSRF_FIELD) value=(token);
        }
    }
}

/// An error for people: what went wrong in words, what they can do about
/// it, and the way back. Only a failure of Vigil's own is "something went
/// wrong"; every foreseeable refusal has a title of its own. Drawn in
/// English here; the router draws it again in the request's language
/// ([`error_page`]), from the error the response carries.
impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let body = error_page(Lang::En, &self);
        let status = self.0.status;
        let mut response = (status, body).into_response();
        response.extensions_mut().insert(ShownError(std::sync::Arc::new(self)));
        response
    }
}

/// The error a page answered with, for drawing it in the reader's language.
#[derive(Clone)]
pub struct ShownError(pub std::sync::Arc<PageError>);

/// The error page in `lang`. The application's own account of the error
/// is in English: shown as it is on an English page, under "Details" on
/// the others.
pub fn error_page(lang: Lang, error: &PageError) -> Markup {
    // (title, a sentence saying what it means, advice)
    let (title, explain, advice) = match error.0.status {
        StatusCode::NOT_FOUND => ("error-not-found", Some("error-not-found-text"), None),
        StatusCode::BAD_REQUEST => ("error-bad-request", Some("error-bad-request-text"), None),
        StatusCode::UNAUTHORIZED => (
            "error-sign-in-needed",
            Some("error-sign-in-needed-text"),
            Some("error-advice-sign-in"),
        ),
        StatusCode::FORBIDDEN => (
            "error-not-allowed",
            Some("error-not-allowed-text"),
            Some("error-advice-role"),
        ),
        StatusCode::CONFLICT => ("error-conflict", Some("error-conflict-text"), None),
        StatusCode::PAYLOAD_TOO_LARGE | StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => {
            ("error-too-large", Some("error-too-large-text"), None)
        }
        StatusCode::UNPROCESSABLE_ENTITY => ("error-cannot-be-saved", Some("error-cannot-be-saved-text"), None),
        StatusCode::TOO_MANY_REQUESTS => ("error-too-many", Some("error-too-many-text"), Some("error-advice-wait")),
        StatusCode::METHOD_NOT_ALLOWED => ("error-method", None, None),
        StatusCode::PRECONDITION_FAILED => ("error-changed", Some("error-conflict-text"), None),
        StatusCode::URI_TOO_LONG => ("error-address-too-long", None, None),
        StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::NOT_ACCEPTABLE => ("error-unsupported", None, None),
        _ => ("error-something-wrong", Some("error-something-wrong-text"), None),
    };
    let title = lang.tr(title);
    let viewer = Viewer(vigil_app::Viewer {
        lang,
        ..vigil_app::Viewer::PUBLIC
    });
    let message = &error.0.detail.message;
    page(
        &viewer,
        &title,
        html! {
            h1 { (title) }
            @if lang == Lang::En {
                p.error { (message) }
            } @else {
                @if let Some(explain) = explain { p.error { (lang.tr(explain)) } }
                // The precise account in the reader's words when the
                // catalogues can say it; never the English one.
                @if error.0.said.is_some() || error.0.detail.field.is_some() {
                    p.error { (error.0.words(lang)) }
                } @else if let Some(words) = vigil_app::readback::said_deep(lang, message) {
                    p.error { (words) }
                }
            }
            @if let Some(advice) = advice { p { (lang.tr(advice)) } }
            p { a href="/" { (lang.tr("error-back")) } }
        },
    )
}

/// What a signed-in person was refused, for [`refusal`].
pub enum Refused {
    /// An administrator's page or action.
    Administration,
    /// Adding, changing or reviewing records.
    Writing,
}

/// The 403 page for a signed-in person: in their language, under their
/// own header, saying what their role may not do and who can grant it.
pub fn refusal(viewer: &Viewer, refused: Refused) -> Response {
    let Some(account) = &viewer.account else {
        return PageError(crate::error::ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorised",
            "sign in first",
        ))
        .into_response();
    };
    let role = viewer.lang.term(&account.role);
    let key = match refused {
        Refused::Administration => "error-forbidden-admin",
        Refused::Writing => "error-forbidden-write",
    };
    let message = viewer.lang.tr_with(key, &[("role", Arg::Text(&role))]);
    let grant = viewer
        .lang
        .tr_with("error-forbidden-grant", &[("name", Arg::Text(account.name.as_str()))]);
    let title = viewer.tr("error-not-allowed");
    let body = page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            p.error { (message) }
            p { (grant) }
            p { a href="/" { (viewer.tr("error-back")) } }
        },
    );
    (StatusCode::FORBIDDEN, body).into_response()
}
