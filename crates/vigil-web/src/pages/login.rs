//! `/login` and `/logout`.
//!
//! The login form is protected against cross-site posting by a random
//! token in both a short-lived cookie and a hidden field (there is no
//! session yet whose token could be used). Failed attempts are throttled
//! per account and per address, and a wrong name takes as long to refuse
//! as a wrong password.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use serde::Deserialize;
use vigil_store::{Accounts, Store};

use super::layout;
use crate::auth::gate::{cookie, SESSION_COOKIE};
use crate::error::{ApiError, PageError};
use crate::params::Params;
use crate::{AppState, Viewer};
use vigil_app::credentials;

const LOGIN_COOKIE: &str = "vigil_login";
const SESSION_HOURS: i64 = 12;

/// `Secure` when the server's public address is https (`--public-url`), or
/// the request reached a trusted proxy over TLS.
fn secure(public_url: Option<&str>, client: &crate::Client) -> &'static str {
    let tls = public_url.is_some_and(|u| u.to_ascii_lowercase().starts_with("https://")) || client.tls;
    if tls {
        "; Secure"
    } else {
        ""
    }
}

/// Only a path of this site is a place to go back to after signing in.
fn safe_next(next: Option<&str>) -> String {
    match next {
        // A path of ours, and nothing a browser could read as another
        // host: no "//", no backslash, no whitespace or control characters
        // (browsers drop a tab, turning "/\t/evil" into "//evil").
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.chars().any(|c| c == '\\' || c.is_whitespace() || c.is_control()) =>
        {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

fn login_page(viewer: &Viewer, token: &str, next: &str, message: Option<&str>) -> maud::Markup {
    let tr = |key: &str| viewer.lang.tr(key);
    let title = tr("sign-in");
    layout::page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            @if let Some(m) = message { p.error role="alert" { (m) } }
            form.stacked method="post" action="/login" {
                (layout::csrf_field(viewer))
                input type="hidden" name="login_token" value=(token);
                input type="hidden" name="next" value=(next);
                label { (tr("login-name")) " " input type="text" name="name" autocomplete="username" required autofocus; }
                label { (tr("login-password")) " " input type="password" name="password" autocomplete="current-password" required; }
                button { (title) }
            }
        },
    )
}

fn with_login_cookie(
    public_url: Option<&str>,
    client: &crate::Client,
    token: &str,
    body: maud::Markup,
    status: StatusCode,
) -> Response {
    let cookie = format!(
        "{LOGIN_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/login; Max-Age=3600{}",
        secure(public_url, client)
    );
    let mut res = (status, body).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

pub async fn form<S: Store + Accounts>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    client: crate::Client,
    params: Params,
) -> Response {
    let token = credentials::random_token();
    let next = safe_next(params.text("next"));
    with_login_cookie(
        app.campaigns.config.public_url.as_deref(),
        &client,
        &token,
        login_page(&viewer, &token, &next, None),
        StatusCode::OK,
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    name: String,
    password: String,
    login_token: String,
    next: Option<String>,
}

pub async fn submit<S: Store + Accounts>(
    State(app): State<AppState<S>>,
    client: crate::Client,
    headers: HeaderMap,
    Form(login): Form<LoginForm>,
) -> Result<Response, PageError> {
    // Not signed in yet: the language is the cookie's or the browser's.
    let (lang, _) = crate::language::negotiate(None, &headers);
    let viewer = Viewer(vigil_app::Viewer {
        lang,
        ..vigil_app::Viewer::PUBLIC
    });
    let expected = cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    if expected.is_empty() || !credentials::same_secret(&login.login_token, expected) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "csrf",
            "this sign-in form has expired: reload it and try again",
        )
        .into());
    }
    let next = safe_next(login.next.as_deref());
    let address = client.ip.to_string();
    let name_key = login.name.trim().to_lowercase();
    let retry = |message: &str, status: StatusCode| {
        let token = credentials::random_token();
        Ok(with_login_cookie(
            app.campaigns.config.public_url.as_deref(),
            &client,
            &token,
            login_page(&viewer, &token, &next, Some(message)),
            status,
        ))
    };
    if let Err(wait) = app.throttle.allows(&name_key, &address) {
        tracing::warn!(account = %name_key, address = %address, wait_s = wait.as_secs(), "sign-in refused: too many failures");
        let message = lang.tr_with(
            "login-too-many",
            &[("count", vigil_app::i18n::Arg::Number(wait.as_secs().max(1)))],
        );
        return retry(&message, StatusCode::TOO_MANY_REQUESTS);
    }
    let Some(account) = crate::auth::password::check(&app, &name_key, &address, login.password).await? else {
        tracing::warn!(account = %name_key, address = %address, "a sign-in failed");
        return retry(&lang.tr("login-wrong"), StatusCode::UNAUTHORIZED);
    };
    if !account.role.may_browse() {
        return retry(&lang.tr("login-device"), StatusCode::FORBIDDEN);
    }
    let session = credentials::random_token();
    let csrf = credentials::random_token();
    let expires = time::OffsetDateTime::now_utc() + time::Duration::hours(SESSION_HOURS);
    app.store
        .create_session(&credentials::digest(&session), &account.name, &csrf, expires)
        .await?;
    let mut res = Redirect::to(&next).into_response();
    let cookie = format!(
        "{SESSION_COOKIE}={session}; HttpOnly; SameSite=Lax; Path=/; Max-Age={}{}",
        SESSION_HOURS * 3600,
        secure(app.campaigns.config.public_url.as_deref(), &client)
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("{LOGIN_COOKIE}=; Path=/login; Max-Age=0")) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

pub async fn logout<S: Store + Accounts>(
    State(app): State<AppState<S>>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    if let Some(session) = cookie(&headers, SESSION_COOKIE) {
        app.store.delete_session(&credentials::digest(session)).await?;
    }
    let mut res = Redirect::to("/").into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("{SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0")) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_our_own_paths_are_places_to_return_to() {
        assert_eq!(safe_next(Some("/persons/x")), "/persons/x");
        for bad in [
            "//evil.example",
            "/\t/evil.example",
            "/\\evil",
            "https://evil.example",
            "/ /x",
            "/\n/x",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
