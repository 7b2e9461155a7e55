//! `/api/v1/reviews`: reads from the case file as the viewer may see it,
//! ordered by id (these records are few beside events and sources), and writes.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use vigil_core::{Record, RecordKind, Review};
use vigil_store::Store;

use super::write::{self, WriteBody};
use super::{accountability_page, visible, ListBody};
use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::{AppState, Viewer};

/// Every review the caller may see, by id.
#[utoipa::path(get, path = "/api/v1/reviews", tag = "reviews", operation_id = "list_reviews",
    params(
        ("limit" = Option<u32>, Query, description = "1–500, default 50"),
        ("offset" = Option<u32>, Query, description = "default 0"),
    ),
    responses((status = 200, body = ListBody<Review>), (status = 400, body = ErrorBody)))]
pub async fn list<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Json<ListBody<Review>>, ApiError> {
    let pick = |r| match r {
        Record::Review(r) => Some(r),
        _ => None,
    };
    let page = accountability_page(&app.store, &viewer, RecordKind::Review, params.page()?, pick).await?;
    Ok(Json(page))
}

/// One review.
#[utoipa::path(get, path = "/api/v1/reviews/{id}", tag = "reviews", operation_id = "show_review",
    params(("id" = String, Path, description = "The id")),
    responses((status = 200, body = Review), (status = 404, body = ErrorBody)))]
pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<Review>, ApiError> {
    match visible(&app.store, &viewer, RecordKind::Review, &id).await? {
        Record::Review(r) => Ok(Json(r)),
        _ => Err(ApiError::not_found(RecordKind::Review.as_str(), &id)),
    }
}

/// Creates a review; the id may be left out.
#[utoipa::path(post, path = "/api/v1/reviews", tag = "reviews", operation_id = "create_review", security(("bearer" = [])),
    params(("reason" = Option<String>, Query, description = "Why")),
    request_body = Review,
    responses((status = 201, body = WriteBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    write::create_record(app, viewer, RecordKind::Review, params, body).await
}

/// Replaces a review's state.
#[utoipa::path(put, path = "/api/v1/reviews/{id}", tag = "reviews", operation_id = "update_review", security(("bearer" = [])),
    params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
    request_body = Review,
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
    write::update_record(app, viewer, RecordKind::Review, id, params, body).await
}

/// Deletes a review (it stays restorable); refused while other records refer to it.
#[utoipa::path(delete, path = "/api/v1/reviews/{id}", tag = "reviews", operation_id = "delete_review", security(("bearer" = [])),
    params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
    responses((status = 200, body = WriteBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
) -> Result<Response, ApiError> {
    write::delete_record(app, viewer, RecordKind::Review, id, params).await
}
