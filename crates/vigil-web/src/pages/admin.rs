//! `/admin/accounts`: administrators add, disable and enable accounts.
//! (The gate lets only admins reach anything under `/admin`.)

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;
use vigil_core::{AccountRole, UserName};
use vigil_store::{Accounts, Store, StoreError};

use super::layout;
use crate::error::{ApiError, PageError};
use crate::{AppState, Viewer};
use vigil_app::credentials;

async fn page<S: Store + Accounts>(
    app: &AppState<S>,
    viewer: &Viewer,
    message: Option<&str>,
) -> Result<Markup, PageError> {
    let accounts = app.store.accounts().await?;
    Ok(layout::page(
        viewer,
        "Accounts",
        html! {
            h1 { "Accounts" }
            @if let Some(m) = message { p.error role="alert" { (m) } }
            table.accounts {
                thead { tr { th { "Name" } th { "Role" } th { "State" } th {} } }
                tbody {
                    @for a in &accounts {
                        tr {
                            td { (a.name) }
                            td { (a.role.label()) }
                            td { @if a.disabled { "disabled" } @else { "active" } }
                            td {
                                form.inline method="post" action={ "/admin/accounts/" (a.name) "/" @if a.disabled { "enable" } @else { "disable" } } {
                                    (layout::csrf_field(viewer))
                                    button { @if a.disabled { "Enable" } @else { "Disable" } }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "Add an account" }
            form.stacked method="post" action="/admin/accounts" {
                (layout::csrf_field(viewer))
                label { "Name " input type="text" name="name" required; }
                label { "Role "
                    select name="role" { @for r in AccountRole::ALL { option value=(r.as_str()) { (r.label()) } } }
                }
                label { "Password (at least 12 characters) " input type="password" name="password" autocomplete="new-password" required; }
                button { "Add" }
            }
        },
    ))
}

pub async fn list<S: Store + Accounts>(State(app): State<AppState<S>>, viewer: Viewer) -> Result<Markup, PageError> {
    page(&app, &viewer, None).await
}

async fn refuse<S: Store + Accounts>(app: &AppState<S>, viewer: &Viewer, message: &str) -> Result<Response, PageError> {
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        page(app, viewer, Some(message)).await?,
    )
        .into_response())
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
    let Ok(name) = UserName::parse(new.name.trim()) else {
        return refuse(
            &app,
            &viewer,
            "A name is 2–64 characters: lowercase letters, digits, '.', '_', '-', '@'.",
        )
        .await;
    };
    let Ok(role) = new.role.parse::<AccountRole>() else {
        return refuse(&app, &viewer, "Choose a role.").await;
    };
    if let Err(mut why) = credentials::check_password(&new.password) {
        why[..1].make_ascii_uppercase();
        return refuse(&app, &viewer, &format!("{why}.")).await;
    }
    let password = new.password;
    let hash = tokio::task::spawn_blocking(move || credentials::hash_password(&password))
        .await
        .map_err(|_| ApiError::internal())?
        .map_err(|_| ApiError::internal())?;
    match app.store.add_account(&name, role, &hash).await {
        Ok(()) => {
            tracing::info!(account = %name, by = %viewer.author(), "account added");
            Ok(Redirect::to("/admin/accounts").into_response())
        }
        Err(StoreError::Invalid(_)) => refuse(&app, &viewer, "That name is taken.").await,
        Err(e) => Err(e.into()),
    }
}

async fn set<S: Store + Accounts>(
    app: &AppState<S>,
    viewer: &Viewer,
    name: &str,
    disabled: bool,
) -> Result<Response, PageError> {
    let name = UserName::parse(name).map_err(|_| ApiError::not_found("account", name))?;
    if viewer.account.as_ref().is_some_and(|a| a.name == name) && disabled {
        return Err(ApiError::new(StatusCode::CONFLICT, "conflict", "you cannot disable your own account").into());
    }
    app.store.set_disabled(&name, disabled).await?;
    tracing::info!(account = %name, disabled, by = %viewer.author(), "account changed");
    Ok(Redirect::to("/admin/accounts").into_response())
}

pub async fn disable<S: Store + Accounts>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(name): Path<String>,
) -> Result<Response, PageError> {
    set(&app, &viewer, &name, true).await
}

pub async fn enable<S: Store + Accounts>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(name): Path<String>,
) -> Result<Response, PageError> {
    set(&app, &viewer, &name, false).await
}
