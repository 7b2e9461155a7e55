//! `/api/v1/cases`

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use vigil_core::{Case, Record, RecordKind};
use vigil_store::Store;

use super::write::{self, WriteBody};
use super::{visible, ListBody};
use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::{AppState, Viewer};

/// Cases: named groups of events.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases", operation_id = "list_cases",
    params(
        ("limit" = Option<u32>, Query, description = "1–500, default 50"),
        ("offset" = Option<u32>, Query, description = "default 0"),
    ),
    responses((status = 200, body = ListBody<Case>), (status = 400, body = ErrorBody)))]
pub async fn list<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Json<ListBody<Case>>, ApiError> {
    Ok(Json(app.store.cases(viewer.visibility, params.page()?).await?.into()))
}

/// One case.
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = "cases", operation_id = "show_case",
    params(("id" = String, Path, description = "The case's id")),
    responses((status = 200, body = Case), (status = 404, body = ErrorBody)))]
pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<Case>, ApiError> {
    match visible(&app.store, &viewer, RecordKind::Case, &id).await? {
        Record::Case(c) => Ok(Json(c)),
        _ => Err(ApiError::not_found("case", &id)),
    }
}

/// Creates a case; the id may be left out.
#[utoipa::path(post, path = "/api/v1/cases", tag = "cases", operation_id = "create_case", security(("bearer" = [])),
    params(("reason" = Option<String>, Query, description = "Why")),
    request_body = Case,
    responses((status = 201, body = WriteBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    write::create_record(app, viewer, RecordKind::Case, params, body).await
}

/// Replaces a case's state.
#[utoipa::path(put, path = "/api/v1/cases/{id}", tag = "cases", operation_id = "update_case", security(("bearer" = [])),
    params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
    request_body = Case,
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
    write::update_record(app, viewer, RecordKind::Case, id, params, body).await
}

/// Deletes a case (it stays restorable); refused while other records refer to it.
#[utoipa::path(delete, path = "/api/v1/cases/{id}", tag = "cases", operation_id = "delete_case", security(("bearer" = [])),
    params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
    responses((status = 200, body = WriteBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
) -> Result<Response, ApiError> {
    write::delete_record(app, viewer, RecordKind::Case, id, params).await
}
