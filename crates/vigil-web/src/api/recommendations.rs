//! `/api/v1/recommendations`: reads from the case file as the viewer may see it,
//! ordered by id (these records are few beside events and sources), and writes.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use vigil_core::{Recommendation, Record, RecordKind};
use vigil_store::Store;

use super::write::{self, WriteBody};
use super::{accountability_page, visible, ListBody};
use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::{AppState, Viewer};

/// Every recommendation the caller may see, by id.
#[utoipa::path(get, path = "/api/v1/recommendations", tag = "recommendations", operation_id = "list_recommendations",
    params(
        ("limit" = Option<u32>, Query, description = "1–500, default 50"),
        ("offset" = Option<u32>, Query, description = "default 0"),
    ),
    responses((status = 200, body = ListBody<Recommendation>), (status = 400, body = ErrorBody)))]
pub async fn list<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Json<ListBody<Recommendation>>, ApiError> {
    let pick = |r| match r {
        Record::Recommendation(r) => Some(r),
        _ => None,
    };
    let page = accountability_page(&app.store, &viewer, RecordKind::Recommendation, params.page()?, pick).await?;
    Ok(Json(page))
}

/// One recommendation.
#[utoipa::path(get, path = "/api/v1/recommendations/{id}", tag = "recommendations", operation_id = "show_recommendation",
    params(("id" = String, Path, description = "The id")),
    responses((status = 200, body = Recommendation), (status = 404, body = ErrorBody)))]
pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<Recommendation>, ApiError> {
    match visible(&app.store, &viewer, RecordKind::Recommendation, &id).await? {
        Record::Recommendation(r) => Ok(Json(r)),
        _ => Err(ApiError::not_found(RecordKind::Recommendation.as_str(), &id)),
    }
}

/// Creates a recommendation; the id may be left out.
#[utoipa::path(post, path = "/api/v1/recommendations", tag = "recommendations", operation_id = "create_recommendation", security(("bearer" = [])),
    params(("reason" = Option<String>, Query, description = "Why")),
    request_body = Recommendation,
    responses((status = 201, body = WriteBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    write::create_record(app, viewer, RecordKind::Recommendation, params, body).await
}

/// Replaces a recommendation's state.
#[utoipa::path(put, path = "/api/v1/recommendations/{id}", tag = "recommendations", operation_id = "update_recommendation", security(("bearer" = [])),
    params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
    request_body = Recommendation,
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
    write::update_record(app, viewer, RecordKind::Recommendation, id, params, body).await
}

/// Deletes a recommendation (it stays restorable); refused while other records refer to it.
#[utoipa::path(delete, path = "/api/v1/recommendations/{id}", tag = "recommendations", operation_id = "delete_recommendation", security(("bearer" = [])),
    params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
    responses((status = 200, body = WriteBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
) -> Result<Response, ApiError> {
    write::delete_record(app, viewer, RecordKind::Recommendation, id, params).await
}
