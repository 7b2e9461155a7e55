//! The handlers: show a form, save it, delete a record.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;
use vigil_app::records::{self, new_id};
use vigil_app::AppError;
use vigil_core::{FieldError, Record, RecordId, RecordKind};
use vigil_store::{Proposals, Store, StoreError};

use super::decode::record_from;
use super::encode::fields_of;
use super::view::{choices, form_page};
use super::{kind_of_section, Fields};
use crate::error::{ApiError, PageError};
use crate::links;
use crate::pages::fetch;
use crate::{AppState, Viewer};

pub async fn new_form<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    uri: Uri,
    params: crate::params::Params,
) -> Result<Markup, PageError> {
    let kind = kind_of_section(&uri)?;
    let mut f = Fields::default();
    // `/events/new?person=ID` starts an event about that person.
    if let (RecordKind::Event, Some(person)) = (kind, params.id("person")?) {
        f.set("participants[0].record_id", person.to_string());
        f.set("participants[0].role", "victim");
    }
    let c = choices(&app.store, &viewer).await?;
    Ok(form_page(&viewer, kind, None, &f, &[], &c))
}

pub async fn edit_form<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let kind = kind_of_section(&uri)?;
    let record = fetch(&app.store, &viewer, kind, &id).await?;
    let c = choices(&app.store, &viewer).await?;
    Ok(form_page(
        &viewer,
        kind,
        Some(record.id()),
        &fields_of(&record),
        &[],
        &c,
    ))
}

async fn save<S: Store + Proposals>(
    app: &AppState<S>,
    viewer: &Viewer,
    kind: RecordKind,
    existing: Option<RecordId>,
    body: &[u8],
) -> Result<Response, PageError> {
    let f = Fields::parse(body);
    let creating = existing.is_none();
    let id = match &existing {
        Some(id) => Ok(id.clone()),
        None => match f.opt("id") {
            None => Ok(new_id()),
            Some(raw) => RecordId::parse(&raw).map_err(|e| vec![FieldError::new("id", e.to_string())]),
        },
    };
    let parsed = match id {
        Ok(id) => record_from(&app.store, viewer, kind, &f, id).await?,
        Err(errors) => Err(errors),
    };
    let outcome: Result<(), Vec<FieldError>> = match parsed {
        Err(errors) => Err(errors),
        Ok(record) => {
            match records::save(&app.store, viewer, record, f.opt("reason"), creating).await {
                Ok(rev) => {
                    app.written();
                    // Saved from a proposal's pre-filled form: it is accepted.
                    if let Some(proposal) = f.opt("proposal") {
                        vigil_app::review::accepted_by_form(&app.store, viewer, &proposal, &rev.record_id).await?;
                    }
                    return Ok(Redirect::to(&links::href(rev.kind, &rev.record_id)).into_response());
                }
                Err(AppError::Store(StoreError::Invalid(errors))) => Err(errors),
                Err(AppError::Store(StoreError::Conflict(id))) => {
                    Err(vec![FieldError::new("id", format!("the id '{id}' is already taken"))])
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    let errors = outcome.err().unwrap_or_default();
    let c = choices(&app.store, viewer).await?;
    let page = form_page(viewer, kind, existing.as_ref(), &f, &errors, &c);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn create<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    uri: Uri,
    body: Bytes,
) -> Result<Response, PageError> {
    let kind = kind_of_section(&uri)?;
    save(&app, &viewer, kind, None, &body).await
}

pub async fn update<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    uri: Uri,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let kind = kind_of_section(&uri)?;
    let record = fetch(&app.store, &viewer, kind, &id).await?;
    save(&app, &viewer, kind, Some(record.id().clone()), &body).await
}

pub async fn delete<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Fields::parse(&body);
    let id = RecordId::parse(&id).map_err(|_| ApiError::not_found("record", &id))?;
    // Only what the viewer can see can be deleted by them.
    let record = app.store.record(&id, viewer.visibility).await?;
    match records::delete(&app.store, &viewer, record.kind(), &id, f.opt("reason")).await {
        Ok(_) => {
            app.written();
            Ok(Redirect::to(&format!("/records/{id}/history")).into_response())
        }
        Err(AppError::Referenced { by, .. }) => {
            let message = if by.is_empty() {
                format!(
                    "“{}” cannot be deleted while other records refer to it.",
                    record.title()
                )
            } else {
                format!(
                    "“{}” cannot be deleted while these records refer to it: {}",
                    record.title(),
                    by.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                )
            };
            Err(ApiError::new(StatusCode::CONFLICT, "referenced", message).into())
        }
        Err(e) => Err(e.into()),
    }
}

/// The ordinary form of a record, pre-filled from a proposal (`existing`:
/// the record is already in the case file and the form edits it). Saving
/// it accepts the proposal.
pub(crate) async fn proposal_form<S: Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    record: &Record,
    existing: bool,
    undated: bool,
    proposal: &str,
    errors: &[FieldError],
) -> Result<Markup, PageError> {
    let mut f = fields_of(record);
    f.set("proposal", proposal);
    f.set("reason", format!("accepted proposal {proposal} with edits"));
    if undated {
        f.set("date", "");
    }
    let c = choices(&app.store, viewer).await?;
    let kind = record.kind();
    let title_id = existing.then(|| record.id().clone());
    Ok(form_page(viewer, kind, title_id.as_ref(), &f, errors, &c))
}
