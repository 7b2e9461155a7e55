//! `/api/v1/events`

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use vigil_core::{Event, EventType, Record, RecordKind};
use vigil_store::Store;

use super::write::{self, WriteBody};
use super::{visible, ListBody};
use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::{AppState, Viewer};

/// Events in date order (earliest reading first). `from`/`to` keep the
/// events that may have happened within the window.
#[utoipa::path(get, path = "/api/v1/events", tag = "events", operation_id = "list_events",
    params(
        ("type" = Option<EventType>, Query, description = "An event type of the vocabulary"),
        ("person" = Option<String>, Query, description = "A person's id: events they take part in"),
        ("organisation" = Option<String>, Query, description = "An organisation's id: events it takes part in"),
        ("from" = Option<String>, Query, description = "YYYY-MM-DD: events possibly on or after this day"),
        ("to" = Option<String>, Query, description = "YYYY-MM-DD: events possibly on or before this day"),
        ("limit" = Option<u32>, Query, description = "1–500, default 50"),
        ("offset" = Option<u32>, Query, description = "default 0"),
    ),
    responses((status = 200, body = ListBody<Event>), (status = 400, body = ErrorBody)))]
pub async fn list<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Json<ListBody<Event>>, ApiError> {
    let filter = crate::reads::event_filter(&params, &viewer)?;
    Ok(Json(app.store.events(&filter, params.page()?).await?.into()))
}

/// One event, with its participants, terms and excerpts.
#[utoipa::path(get, path = "/api/v1/events/{id}", tag = "events", operation_id = "show_event",
    params(("id" = String, Path, description = "The event's id")),
    responses((status = 200, body = Event), (status = 404, body = ErrorBody)))]
pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<Event>, ApiError> {
    match visible(&app.store, &viewer, RecordKind::Event, &id).await? {
        Record::Event(e) => Ok(Json(e)),
        _ => Err(ApiError::not_found("event", &id)),
    }
}

/// Creates an event; the id may be left out.
#[utoipa::path(post, path = "/api/v1/events", tag = "events", operation_id = "create_event", security(("bearer" = [])),
    params(("reason" = Option<String>, Query, description = "Why")),
    request_body = Event,
    responses((status = 201, body = WriteBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    write::create_record(app, viewer, RecordKind::Event, params, body).await
}

/// Replaces an event's state.
#[utoipa::path(put, path = "/api/v1/events/{id}", tag = "events", operation_id = "update_event", security(("bearer" = [])),
    params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
    request_body = Event,
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
    write::update_record(app, viewer, RecordKind::Event, id, params, body).await
}

/// Deletes an event (it stays restorable); refused while other records refer to it.
#[utoipa::path(delete, path = "/api/v1/events/{id}", tag = "events", operation_id = "delete_event", security(("bearer" = [])),
    params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
    responses((status = 200, body = WriteBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
) -> Result<Response, ApiError> {
    write::delete_record(app, viewer, RecordKind::Event, id, params).await
}
