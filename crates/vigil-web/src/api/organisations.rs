//! `/api/v1/organisations`

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use vigil_core::{Organisation, Record, RecordKind};
use vigil_store::{NameQuery, Store};

use super::write::{self, WriteBody};
use super::{visible, ListBody};
use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::{AppState, Viewer};

/// Organisations, by name; `q` matches a name, acronym or alias.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "organisations", operation_id = "list_organisations",
    params(
        ("q" = Option<String>, Query, description = "Part of a name, acronym or alias"),
        ("limit" = Option<u32>, Query, description = "1–500, default 50"),
        ("offset" = Option<u32>, Query, description = "default 0"),
    ),
    responses((status = 200, body = ListBody<Organisation>), (status = 400, body = ErrorBody)))]
pub async fn list<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Json<ListBody<Organisation>>, ApiError> {
    let query = NameQuery {
        text: params.search_text("q")?,
        visibility: viewer.visibility,
    };
    Ok(Json(app.store.organisations(&query, params.page()?).await?.into()))
}

/// One organisation.
#[utoipa::path(get, path = "/api/v1/organisations/{id}", tag = "organisations", operation_id = "show_organisation",
    params(("id" = String, Path, description = "The organisation's id")),
    responses((status = 200, body = Organisation), (status = 404, body = ErrorBody)))]
pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<Organisation>, ApiError> {
    match visible(&app.store, &viewer, RecordKind::Organisation, &id).await? {
        Record::Organisation(o) => Ok(Json(o)),
        _ => Err(ApiError::not_found("organisation", &id)),
    }
}

/// Creates an organisation; the id may be left out.
#[utoipa::path(post, path = "/api/v1/organisations", tag = "organisations", operation_id = "create_organisation", security(("bearer" = [])),
    params(("reason" = Option<String>, Query, description = "Why")),
    request_body = Organisation,
    responses((status = 201, body = WriteBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    write::create_record(app, viewer, RecordKind::Organisation, params, body).await
}

/// Replaces an organisation's state.
#[utoipa::path(put, path = "/api/v1/organisations/{id}", tag = "organisations", operation_id = "update_organisation", security(("bearer" = [])),
    params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
    request_body = Organisation,
    responses((status = 200, body = WriteBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 413, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn update<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    write::update_record(app, viewer, RecordKind::Organisation, id, params, body).await
}

/// Deletes an organisation (it stays restorable); refused while other records refer to it.
#[utoipa::path(delete, path = "/api/v1/organisations/{id}", tag = "organisations", operation_id = "delete_organisation", security(("bearer" = [])),
    params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
    responses((status = 200, body = WriteBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
) -> Result<Response, ApiError> {
    write::delete_record(app, viewer, RecordKind::Organisation, id, params).await
}
