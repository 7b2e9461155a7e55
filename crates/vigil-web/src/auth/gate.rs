//! The one check every request goes through.
//!
//! It finds who is asking (an API token in `Authorization: Bearer`, or a
//! session cookie), decides whether they may do what the request asks by
//! its method and path, checks the CSRF token of every state-changing
//! request made with a session cookie, and hands the handlers a [`Viewer`].
//!
//! The policy, in full:
//! - reading (GET/HEAD) is open to all, and shows each caller what their
//!   role may see; forms (`…/new`, `…/edit`) need an account that may write;
//!   `/admin` needs an admin;
//! - every other method needs an account that may write (401 without one,
//!   403 with one that may not), except `POST /login` and `POST /logout`;
//! - `/admin` needs an admin for every method;
//! - proposals (`/proposals…`, `/sources/{id}/proposals`,
//!   `/api/v1/proposals…`) and the upload form are for those who may
//!   write, to read too: they are claims no person has checked yet.
//!
//! Device accounts (phones sending reports) use only `/openrosa/…`, whose
//! own gate is [`crate::openrosa::authenticate`]: here, a device's token or
//! session and any `Authorization: Basic` (how devices sign in) are
//! refused, whatever the route.
//!
//! Campaigns (see [`campaign_rule`]): anyone may sign (`POST
//! /api/v1/campaigns/{slug}/signatures` and the page's `POST
//! /campaigns/{slug}/sign`), and these are treated as anonymous whatever
//! credentials come with them (signing uses no one's authority, so it
//! needs no CSRF token), as is a signer's `POST
//! /campaigns/{slug}/unsubscribe/{token}` (the token is the right); reading a campaign's export, deliveries and
//! audit needs an account that may write; invalidations need an admin.
//! The organisers' desk (`/campaigns/{slug}/organise`) and the outcome,
//! responses, result and partners' links of the API need an account that
//! may write; the partner's view (`/partner?token=…`,
//! `/api/v1/partner?token=…`) needs only its token.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use vigil_store::{Accounts, Store};

use super::credentials;
use crate::error::{ApiError, PageError};
use crate::links;
use crate::media_type;
use crate::pages::layout::Refused;
use crate::{AppState, Viewer};

pub const SESSION_COOKIE: &str = "vigil_session";
pub const CSRF_FIELD: &str = "csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The largest form the gate reads to find its CSRF token; the same as the
/// request body limit.
const FORM_LIMIT: usize = crate::BODY_LIMIT;

pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

/// Whether the request carries HTTP Basic credentials.
fn basic(headers: &HeaderMap) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.len() >= 6 && v[..6].eq_ignore_ascii_case("basic "))
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

fn deny(path: &str, status: StatusCode, code: &'static str, message: &str) -> Response {
    let err = ApiError::new(status, code, message);
    if is_api(path) {
        let mut res = err.into_response();
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut()
                .insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        res
    } else {
        PageError(err).into_response()
    }
}

enum Need {
    Nothing,
    Writer,
    Admin,
}

/// What a campaign path needs, when it is one with a rule of its own.
fn campaign_rule(method: &Method, path: &str) -> Option<Need> {
    if let Some(rest) = path.strip_prefix("/api/v1/campaigns/") {
        let mut parts = rest.split('/');
        let _slug = parts.next()?;
        let sub = parts.next()?;
        return match sub {
            "signatures" if *method == Method::POST && parts.next().is_none() => Some(Need::Nothing),
            "invalidations" => Some(Need::Admin),
            "signatures.csv" | "deliveries" | "audit" | "outcome" | "responses" | "result" | "partners" => {
                Some(Need::Writer)
            }
            _ => None,
        };
    }
    if let Some(rest) = path.strip_prefix("/campaigns/") {
        let mut parts = rest.split('/');
        let _slug = parts.next()?;
        return match parts.next() {
            Some("sign") if *method == Method::POST && parts.next().is_none() => Some(Need::Nothing),
            // A signer stops the updates by the link's token alone (no
            // account, no CSRF token: a mail client posts it, RFC 8058).
            Some("unsubscribe") if *method == Method::POST && parts.next().is_some() && parts.next().is_none() => {
                Some(Need::Nothing)
            }
            // The organisers' desk, to read too; invalidation for admins.
            Some("organise") => Some(Need::Writer),
            Some("invalidations") => Some(Need::Admin),
            _ => None,
        };
    }
    None
}

/// Public signing: no credentials are looked at.
fn is_public_signing(method: &Method, path: &str) -> bool {
    matches!(campaign_rule(method, path), Some(Need::Nothing))
}

fn need(method: &Method, path: &str) -> Need {
    if path == "/admin" || path.starts_with("/admin/") {
        return Need::Admin;
    }
    if let Some(rule) = campaign_rule(method, path) {
        return rule;
    }
    let safe = matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    // No route takes any other method (TRACE, CONNECT, …): the router
    // answers 405 with the methods it does take, whoever asks.
    let routed = safe || matches!(*method, Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
    if !routed {
        return Need::Nothing;
    }
    if safe {
        let review = path == "/proposals"
            || path.starts_with("/proposals/")
            || (path.starts_with("/sources/") && path.ends_with("/proposals"))
            || path.starts_with("/api/v1/proposals")
            || path == "/sources/upload";
        if path.ends_with("/new") || path.ends_with("/edit") || review {
            Need::Writer
        } else {
            Need::Nothing
        }
    } else if path == "/login" || path == "/logout" {
        Need::Nothing
    } else {
        Need::Writer
    }
}

/// Does the request come from a page of this site? A browser sends
/// `Origin` on every cross-site POST; when it is there, its host must be
/// ours.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/') == host)
        .unwrap_or(false)
}

pub async fn authorise<S: Store + Accounts>(State(app): State<AppState<S>>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let headers = request.headers();

    if basic(headers) {
        return deny(
            &path,
            StatusCode::FORBIDDEN,
            "forbidden",
            "Basic credentials are for device accounts, which only send reports to /openrosa",
        );
    }

    // Who is asking.
    let mut via_cookie = false;
    let viewer = if is_public_signing(request.method(), &path) {
        Viewer::PUBLIC
    } else if let Some(token) = bearer(headers) {
        match app.store.account_by_token(&credentials::digest(token)).await {
            Ok(Some(account)) => Viewer::signed_in(account, None),
            Ok(None) => {
                return deny(
                    &path,
                    StatusCode::UNAUTHORIZED,
                    "unauthorised",
                    "this API token is not valid",
                )
            }
            Err(e) => return ApiError::from(e).into_response(),
        }
    } else if let Some(session) = cookie(headers, SESSION_COOKIE) {
        match app.store.session(&credentials::digest(session)).await {
            Ok(Some(s)) => {
                via_cookie = true;
                Viewer::signed_in(s.account, Some(s.csrf_token))
            }
            Ok(None) => Viewer::PUBLIC,
            Err(e) => return ApiError::from(e).into_response(),
        }
    } else {
        Viewer::PUBLIC
    };

    // A device sends reports to /openrosa and does nothing else.
    if viewer.role().is_some_and(|role| !role.may_browse()) {
        return deny(
            &path,
            StatusCode::FORBIDDEN,
            "forbidden",
            "a device account only sends reports to /openrosa",
        );
    }

    // May they?
    let method = request.method().clone();
    let allowed = match need(&method, &path) {
        Need::Nothing => Ok(()),
        Need::Writer => viewer.require(|role| role.may_write(), "your account may not change records"),
        Need::Admin => viewer.require(|role| role.may_manage_accounts(), "only administrators manage accounts"),
    };
    if let Err((status, message)) = allowed {
        // A person refused a page is told so in their language, under
        // their own header.
        if status == StatusCode::FORBIDDEN && !is_api(&path) {
            let mut viewer = viewer;
            viewer.0.lang = crate::language::negotiate(request.uri().query(), request.headers()).0;
            let refused = match need(&method, &path) {
                Need::Admin => Refused::Administration,
                _ => Refused::Writing,
            };
            return crate::pages::layout::refusal(&viewer, refused);
        }
        if status == StatusCode::UNAUTHORIZED && !is_api(&path) && method == Method::GET {
            let next = links::query(&[("next", &path)]);
            return axum::response::Redirect::to(&format!("/login?{next}")).into_response();
        }
        let code = if status == StatusCode::UNAUTHORIZED {
            "unauthorised"
        } else {
            "forbidden"
        };
        return deny(&path, status, code, message);
    }

    // A state change made with a session cookie must prove it comes from
    // one of our own pages: the same origin, and the session's CSRF token.
    let unsafe_method = !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
    let mut request = request;
    if unsafe_method && via_cookie {
        if !same_origin(request.headers()) {
            return deny(
                &path,
                StatusCode::FORBIDDEN,
                "forbidden",
                "this request comes from another site",
            );
        }
        let expected = viewer.csrf.clone().unwrap_or_default();
        let header_token = request
            .headers()
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let boundary = media_type::multipart_boundary(request.headers());
        let token = match header_token {
            Some(t) => Some(t),
            // The token is a field of the body: read it, and put it back.
            None if boundary.is_some() || is_form(request.headers()) => {
                let Some((restored, bytes)) = read_body(request).await else {
                    let what = if boundary.is_some() { "upload" } else { "form" };
                    return deny(
                        &path,
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "payload_too_large",
                        &format!("the {what} is too large"),
                    );
                };
                request = restored;
                match boundary {
                    Some(boundary) => crate::multipart::parse(&bytes, &boundary).and_then(|ps| {
                        ps.into_iter()
                            .find(|p| p.name == CSRF_FIELD && p.filename.is_none())
                            .and_then(|p| String::from_utf8(p.data).ok())
                    }),
                    None => form_urlencoded::parse(&bytes)
                        .find(|(k, _)| k == CSRF_FIELD)
                        .map(|(_, v)| v.into_owned()),
                }
            }
            None => None,
        };
        if !token.is_some_and(|t| credentials::same_secret(&t, &expected)) {
            return deny(
                &path,
                StatusCode::FORBIDDEN,
                "csrf",
                "this form has expired or did not come from Vigil: reload the page and try again",
            );
        }
    }

    let peer = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(peer) = peer {
        let client = crate::Client::resolve(peer, request.headers(), &app.trusted_proxies);
        request.extensions_mut().insert(client);
    }
    let (lang, chosen) = crate::language::negotiate(request.uri().query(), request.headers());
    let mut viewer = viewer;
    viewer.0.lang = lang;
    request.extensions_mut().insert(viewer);
    let mut response = next.run(request).await;
    if chosen {
        response
            .headers_mut()
            .append(header::SET_COOKIE, crate::language::remember(lang));
    }
    response
}

/// The body of `request` (at most `FORM_LIMIT` bytes), and the request
/// with the same body put back for the handler; `None` when it is larger.
async fn read_body(request: Request) -> Option<(Request, axum::body::Bytes)> {
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, FORM_LIMIT).await.ok()?;
    Some((Request::from_parts(parts, Body::from(bytes.clone())), bytes))
}

fn is_form(headers: &HeaderMap) -> bool {
    media_type::starts_with(headers, "application/x-www-form-urlencoded")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needs(method: Method, path: &str) -> &'static str {
        match need(&method, path) {
            Need::Nothing => "nothing",
            Need::Writer => "writer",
            Need::Admin => "admin",
        }
    }

    #[test]
    fn campaign_paths_have_their_own_rules() {
        for (method, path, need) in [
            (Method::POST, "/api/v1/campaigns/free-erlan/signatures", "nothing"),
            (Method::POST, "/campaigns/free-erlan/sign", "nothing"),
            (Method::POST, "/campaigns/free-erlan/unsubscribe/abc.def", "nothing"),
            (Method::POST, "/campaigns/free-erlan/unsubscribe", "writer"),
            (Method::POST, "/campaigns/free-erlan/unsubscribe/abc.def/more", "writer"),
            (Method::GET, "/campaigns/free-erlan/confirm/abc.def", "nothing"),
            (Method::GET, "/api/v1/campaigns/free-erlan/count", "nothing"),
            (Method::POST, "/api/v1/campaigns", "writer"),
            (Method::TRACE, "/api/v1/persons", "nothing"),
            (Method::PUT, "/api/v1/campaigns/free-erlan", "writer"),
            (Method::GET, "/api/v1/campaigns/free-erlan/signatures.csv", "writer"),
            (Method::GET, "/api/v1/campaigns/free-erlan/deliveries", "writer"),
            (Method::GET, "/api/v1/campaigns/free-erlan/audit", "writer"),
            (Method::POST, "/api/v1/campaigns/free-erlan/recount", "writer"),
            (Method::GET, "/api/v1/campaigns/free-erlan/invalidations", "admin"),
            (
                Method::POST,
                "/api/v1/campaigns/free-erlan/invalidations/3/revert",
                "admin",
            ),
            // Only the exact signing paths are open.
            (Method::POST, "/api/v1/campaigns/free-erlan/signatures/x", "writer"),
            (Method::PUT, "/api/v1/campaigns/free-erlan/signatures", "writer"),
            (Method::POST, "/campaigns/free-erlan/sign/more", "writer"),
        ] {
            assert_eq!(needs(method.clone(), path), need, "{method} {path}");
        }
        assert!(!is_public_signing(
            &Method::GET,
            "/api/v1/campaigns/free-erlan/signatures"
        ));
    }
}
