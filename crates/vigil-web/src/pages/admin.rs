//! `/admin/…`: administrators add accounts, change roles and passwords,
//! disable and enable accounts, issue and revoke API tokens, and read the
//! audit log. (The gate lets only admins reach anything under `/admin`;
//! the rules themselves are `vigil_app::accounts`, shared with the CLI.)

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;
use vigil_app::accounts::{self, Administrator};
use vigil_app::AppError;
use vigil_core::{AccountRole, UserName};
use vigil_store::{AccountAudit, Accounts, Store};

use super::layout;
use crate::error::PageError;
use crate::media_type;
use crate::{AppState, Viewer};
use vigil_app::i18n::Arg;

/// Lines of the audit log the accounts page shows.
const AUDIT_LINES: u32 = 100;

fn administrator(viewer: &Viewer) -> Result<Administrator, PageError> {
    Administrator::signed_in(viewer).map_err(PageError::from)
}

/// A moment in the reader's words, not as ISO.
fn when(viewer: &Viewer, t: time::OffsetDateTime) -> String {
    vigil_app::words::moment_in(viewer.lang, t)
}

/// An account's page. (A user name needs no escaping in a path: it holds
/// only lowercase letters, digits, `.`, `_`, `-` and `@`.)
fn account_link(name: &UserName) -> String {
    format!("/admin/accounts/{name}")
}

fn role_select(viewer: &Viewer, current: Option<AccountRole>) -> Markup {
    html! {
        select name="role" {
            @for r in AccountRole::ALL {
                option value=(r.as_str()) selected[current == Some(*r)] { (viewer.lang.term(r)) }
            }
        }
    }
}

use vigil_app::words::account_action_key as action_key;

fn audit_table(viewer: &Viewer, lines: &[AccountAudit]) -> Markup {
    let tr = |key: &str| viewer.tr(key);
    html! {
        @if lines.is_empty() {
            p { (tr("admin-audit-none")) }
        } @else {
            table.audit {
                thead { tr { th { (tr("admin-when")) } th { (tr("admin-who")) } th { (tr("admin-what")) } th { (tr("admin-account-column")) } th { (tr("admin-detail")) } } }
                tbody {
                    @for a in lines {
                        tr {
                            td { (when(viewer, a.at)) }
                            td { (vigil_app::words::actor_in(viewer.lang, &a.actor)) }
                            td { @match action_key(&a.action) { Some(k) => (tr(k)), None => code { (a.action) } } }
                            td { (a.account) }
                            // A role in words; a token's id as machine text.
                            td {
                                @match AccountRole::ALL.iter().find(|r| r.as_str() == a.detail) {
                                    Some(r) => (viewer.lang.term(r)),
                                    None => @if !a.detail.is_empty() { code { (a.detail) } },
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

async fn accounts_page<S: Store + Accounts>(
    app: &AppState<S>,
    viewer: &Viewer,
    message: Option<&str>,
) -> Result<Markup, PageError> {
    let list = accounts::list(&app.store).await?;
    let audit = accounts::audit(&app.store, AUDIT_LINES).await?;
    let tr = |key: &str| viewer.tr(key);
    let min = Arg::Number(vigil_app::credentials::MIN_PASSWORD as u64);
    Ok(layout::page(
        viewer,
        &tr("admin-accounts"),
        html! {
            h1 { (tr("admin-accounts")) }
            @if let Some(m) = message { p.error role="alert" { (m) } }
            table.accounts {
                thead { tr { th { (tr("admin-name")) } th { (tr("admin-role")) } th { (tr("admin-state")) } th {} } }
                tbody {
                    @for a in &list {
                        tr {
                            td { a href=(account_link(&a.name)) { (a.name) } }
                            td { (viewer.lang.term(&a.role)) }
                            td { @if a.disabled { (tr("admin-disabled")) } @else { (tr("admin-active")) } }
                            td {
                                form.inline method="post" action={ (account_link(&a.name)) "/" @if a.disabled { "enable" } @else { "disable" } } {
                                    (layout::csrf_field(viewer))
                                    button { @if a.disabled { (tr("admin-enable")) } @else { (tr("admin-disable")) } }
                                }
                            }
                        }
                    }
                }
            }
            h2 { (tr("admin-add-account")) }
            form.stacked method="post" action="/admin/accounts" {
                (layout::csrf_field(viewer))
                label { (tr("admin-name")) " " input type="text" name="name" required; }
                label { (tr("admin-role")) " " (role_select(viewer, None)) }
                label { (viewer.lang.tr_with("admin-password-min", &[("count", min)])) " "
                    input type="password" name="password" autocomplete="new-password" required; }
                button { (tr("admin-add")) }
            }
            h2 { (tr("admin-audit")) }
            p { (tr("admin-audit-intro")) }
            (audit_table(viewer, &audit))
        },
    ))
}

/// What was wrong, in the viewer's words when the refusal is one the
/// pages know (the rules' own sentences are English otherwise).
fn sentence(viewer: &Viewer, error: &AppError) -> String {
    let known = match error {
        AppError::Invalid(errors) if errors.iter().any(|e| e.field == "name") => Some("admin-error-name-taken"),
        AppError::Malformed { field, .. } if field == "name" => Some("admin-error-name"),
        AppError::Malformed { field, .. } if field == "role" => {
            let roles: Vec<String> = AccountRole::ALL.iter().map(|r| viewer.lang.term(r)).collect();
            return viewer
                .lang
                .tr_with("admin-error-role", &[("text", Arg::Text(&roles.join(", ")))]);
        }
        AppError::Malformed { field, .. } if field == "password" => {
            let min = Arg::Number(vigil_app::credentials::MIN_PASSWORD as u64);
            return viewer.lang.tr_with("admin-error-password", &[("count", min)]);
        }
        AppError::Conflict { message, .. } if message.contains("disable") => Some("admin-error-self-disable"),
        AppError::Conflict { message, .. } if message.contains("administrator role") => Some("admin-error-self-role"),
        _ => None,
    };
    if let Some(key) = known {
        return viewer.tr(key);
    }
    let mut text = match error {
        AppError::Invalid(errors) => errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("; "),
        e => e.to_string(),
    };
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}

pub async fn list<S: Store + Accounts>(State(app): State<AppState<S>>, viewer: Viewer) -> Result<Markup, PageError> {
    administrator(&viewer)?;
    accounts_page(&app, &viewer, None).await
}

#[derive(Deserialize)]
pub struct NewAccount {
    name: String,
    role: String,
    password: String,
}

pub async fn add<S: Store + Accounts>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Form(new): Form<NewAccount>,
) -> Result<Response, PageError> {
    let by = administrator(&viewer)?;
    let done = async {
        let name = accounts::user_name(&new.name)?;
        let role = accounts::role(&new.role)?;
        accounts::add(&app.store, &by, &name, role, new.password).await
    }
    .await;
    match done {
        Ok(()) => Ok(Redirect::to("/admin/accounts").into_response()),
        Err(e @ (AppError::Malformed { .. } | AppError::Invalid(_) | AppError::Conflict { .. })) => {
            let page = accounts_page(&app, &viewer, Some(&sentence(&viewer, &e))).await?;
            Ok(with_status(page.into_response(), &e))
        }
        Err(e) => Err(e.into()),
    }
}

/// The status a refusal is answered with: 422 for input, 409 for a
/// conflict; `page` already holds the message.
fn with_status(mut response: Response, error: &AppError) -> Response {
    *response.status_mut() = match error {
        AppError::Conflict { .. } => StatusCode::CONFLICT,
        AppError::NotFound { .. } => StatusCode::NOT_FOUND,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    response
}

/// One account: its role, its password, its tokens.
async fn account_page<S: Store + Accounts>(
    app: &AppState<S>,
    viewer: &Viewer,
    name: &UserName,
    message: Option<&str>,
    new_token: Option<&str>,
) -> Result<Markup, PageError> {
    let Some((account, _)) = app.store.account(name).await? else {
        return Err(AppError::not_found("account", name.as_str()).into());
    };
    let tokens = accounts::tokens(&app.store, name).await?;
    let base = account_link(name);
    let tr = |key: &str| viewer.tr(key);
    let title = viewer
        .lang
        .tr_with("admin-account", &[("name", Arg::Text(name.as_str()))]);
    let min = Arg::Number(vigil_app::credentials::MIN_PASSWORD as u64);
    Ok(layout::page(
        viewer,
        &title,
        html! {
            p { a href="/admin/accounts" { (tr("admin-all-accounts")) } }
            h1 { (title) }
            @if let Some(m) = message { p.error role="alert" { (m) } }
            p { (viewer.lang.term(&account.role)) ", " @if account.disabled { (tr("admin-disabled")) } @else { (tr("admin-active")) } "." }
            h2 { (tr("admin-role")) }
            form.inline method="post" action={ (base) "/role" } {
                (layout::csrf_field(viewer))
                label { (tr("admin-role")) " " (role_select(viewer, Some(account.role))) }
                " "
                button { (tr("admin-change-role")) }
            }
            h2 { (tr("admin-password")) }
            p { (tr("admin-password-note")) }
            form.stacked method="post" action={ (base) "/password" } {
                (layout::csrf_field(viewer))
                label { (viewer.lang.tr_with("admin-new-password-min", &[("count", min)])) " "
                    input type="password" name="password" autocomplete="new-password" required; }
                button { (tr("admin-set-password")) }
            }
            h2 { (tr("admin-tokens")) }
            @if let Some(token) = new_token {
                div.notice role="status" {
                    p { (tr("admin-new-token")) }
                    p { code.token { (token) } }
                }
            }
            @if tokens.is_empty() {
                p { (tr("admin-no-token")) }
            } @else {
                table.tokens {
                    thead { tr { th { (tr("admin-token-id")) } th { (tr("admin-issued")) } th {} } }
                    tbody {
                        @for t in &tokens {
                            tr {
                                td { code { (t.id) } }
                                td { (when(viewer, t.created_at)) }
                                td {
                                    form.inline method="post" action={ "/admin/tokens/" (t.id) "/revoke" } {
                                        (layout::csrf_field(viewer))
                                        button { (tr("admin-revoke")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            form.inline method="post" action={ (base) "/tokens" } {
                (layout::csrf_field(viewer))
                button { (tr("admin-issue-token")) }
            }
        },
    ))
}

fn account_name(name: &str) -> Result<UserName, PageError> {
    UserName::parse(name).map_err(|_| PageError::from(AppError::not_found("account", name)))
}

pub async fn show<S: Store + Accounts>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(name): Path<String>,
) -> Result<Markup, PageError> {
    administrator(&viewer)?;
    account_page(&app, &viewer, &account_name(&name)?, None, None).await
}

/// Answers a change made on an account's page: back to where it was made,
/// or that page again with what was wrong.
async fn after<S: Store + Accounts>(
    app: &AppState<S>,
    viewer: &Viewer,
    name: &UserName,
    done: Result<(), AppError>,
    back: &str,
) -> Result<Response, PageError> {
    match done {
        Ok(()) => Ok(Redirect::to(back).into_response()),
        Err(e @ (AppError::Malformed { .. } | AppError::Invalid(_) | AppError::Conflict { .. })) => {
            let page = account_page(app, viewer, name, Some(&sentence(viewer, &e)), None).await?;
            Ok(with_status(page.into_response(), &e))
        }
        Err(e) => Err(e.into()),
    }
}

async fn set_disabled<S: Store + Accounts>(
    app: &AppState<S>,
    viewer: &Viewer,
    name: &str,
    disabled: bool,
) -> Result<Response, PageError> {
    let by = administrator(viewer)?;
    let name = account_name(name)?;
    match accounts::set_disabled(&app.store, &by, &name, disabled).await {
        Ok(()) => Ok(Redirect::to("/admin/accounts").into_response()),
        Err(e @ AppError::Conflict { .. }) => {
            let page = accounts_page(app, viewer, Some(&sentence(viewer, &e))).await?;
            Ok(with_status(page.into_response(), &e))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn disable<S: Store + Accounts>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(name): Path<String>,
) -> Result<Response, PageError> {
    set_disabled(&app, &viewer, &name, true).await
}

pub async fn enable<S: Store + Accounts>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(name): Path<String>,
) -> Result<Response, PageError> {
    set_disabled(&app, &viewer, &name, false).await
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
}

pub async fn set_role<S: Store + Accounts>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(name): Path<String>,
    Form(form): Form<RoleForm>,
) -> Result<Response, PageError> {
    let by = administrator(&viewer)?;
    let name = account_name(&name)?;
    let done = match accounts::role(&form.role) {
        Ok(role) => accounts::set_role(&app.store, &by, &name, role).await,
        Err(e) => Err(e),
    };
    after(&app, &viewer, &name, done, &account_link(&name)).await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    password: String,
}

pub async fn set_password<S: Store + Accounts>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(name): Path<String>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    let by = administrator(&viewer)?;
    let name = account_name(&name)?;
    let done = accounts::set_password(&app.store, &by, &name, form.password).await;
    after(&app, &viewer, &name, done, &account_link(&name)).await
}

/// Issues a token and shows it on the account's page, once. The answer is
/// a page, not a redirect, so the token never sits in a URL or a history.
pub async fn issue_token<S: Store + Accounts>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(name): Path<String>,
) -> Result<Response, PageError> {
    let by = administrator(&viewer)?;
    let name = account_name(&name)?;
    match accounts::issue_token(&app.store, &by, &name).await {
        Ok(token) => Ok(account_page(&app, &viewer, &name, None, Some(&token))
            .await?
            .into_response()),
        Err(e) => after(&app, &viewer, &name, Err(e), "").await,
    }
}

pub async fn revoke_token<S: Store + Accounts>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let by = administrator(&viewer)?;
    let owner = accounts::revoke_token(&app.store, &by, &id).await?;
    Ok(Redirect::to(&account_link(&owner)).into_response())
}

/// `/admin/forms`: the XForms an admin uploaded, and a form to upload one.
/// Each uploaded form with the names of its media files.
type FormsWithMedia = Vec<(vigil_store::StoredForm, Vec<String>)>;

async fn forms_with_media<S: vigil_store::Attachments>(store: &S) -> Result<FormsWithMedia, PageError> {
    let forms = store.forms().await.map_err(AppError::from)?;
    let mut out = Vec::with_capacity(forms.len());
    for form in forms {
        let media = store.form_media(&form.id).await.map_err(AppError::from)?;
        out.push((form, media.into_iter().map(|m| m.name).collect()));
    }
    Ok(out)
}

fn forms_page(viewer: &Viewer, forms: &[(vigil_store::StoredForm, Vec<String>)], refused: Option<&str>) -> Markup {
    let tr = |key: &str| viewer.tr(key);
    layout::page(
        viewer,
        &tr("admin-forms"),
        html! {
            h1 { (tr("admin-forms")) }
            p { (tr("admin-forms-intro")) }
            @if let Some(why) = refused {
                div.error role="alert" { p { (tr("admin-form-refused")) } p { (why) } }
            }
            @if forms.is_empty() {
                p { (tr("admin-forms-none")) }
            } @else {
                table.forms {
                    thead { tr { th { (tr("admin-form-id")) } th { (tr("admin-form-version")) } th { (tr("admin-form-title")) } th { "MD5" } th { (tr("admin-form-media-files")) } } }
                    tbody {
                        @for (f, media) in forms {
                            tr {
                                td { code { (f.id) } } td { (f.version) } td { (f.title) } td { code { (f.md5) } }
                                td { @for (i, name) in media.iter().enumerate() { @if i > 0 { ", " } code { (name) } } }
                            }
                        }
                    }
                }
            }
            form.stacked method="post" action="/admin/forms" enctype="multipart/form-data" {
                (layout::csrf_field(viewer))
                label { (tr("admin-form-file")) " " input type="file" name="form" accept=".xml,application/xml,text/xml" required; }
                label { (tr("admin-form-media")) " " input type="file" name="media" multiple; }
                button { (tr("admin-form-upload")) }
            }
        },
    )
}

pub async fn forms<S: Store + Accounts + vigil_store::Attachments>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
) -> Result<Markup, PageError> {
    administrator(&viewer)?;
    let forms = forms_with_media(&app.store).await?;
    Ok(forms_page(&viewer, &forms, None))
}

/// `POST /admin/forms`: a multipart body with the XForm as `form`.
pub async fn upload_form<S: Store + Accounts + vigil_store::Attachments>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    administrator(&viewer)?;
    let upload = crate::multipart::form_and_media(media_type::content_type(&headers), &body).ok();
    let refused = |why: String| {
        let (app, viewer) = (&app, &viewer);
        async move {
            let forms = forms_with_media(&app.store).await?;
            Ok::<_, PageError>(
                (StatusCode::UNPROCESSABLE_ENTITY, forms_page(viewer, &forms, Some(&why))).into_response(),
            )
        }
    };
    let Some((xml, media)) = upload else {
        return refused(viewer.tr("admin-form-file")).await;
    };
    match vigil_app::field::forms::upload_with_media(&app.store, &viewer, &xml, media).await {
        Ok(_) => Ok(Redirect::to("/admin/forms").into_response()),
        Err(e @ (AppError::Malformed { .. } | AppError::Conflict { .. })) => refused(e.to_string()).await,
        Err(e) => Err(e.into()),
    }
}
