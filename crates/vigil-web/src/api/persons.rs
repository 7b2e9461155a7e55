//! `/api/v1/persons`

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use vigil_core::{Event, Person, Record, RecordKind};
use vigil_store::{EventFilter, NameQuery, Store};

use super::write::{self, WriteBody};
use super::{visible, ListBody};
use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::{AppState, Viewer};

/// Persons, by name; `q` matches a name or alias in any case or script.
#[utoipa::path(get, path = "/api/v1/persons", tag = "persons", operation_id = "list_persons",
    params(
        ("q" = Option<String>, Query, description = "Part of a name or alias (any case, any script)"),
        ("limit" = Option<u32>, Query, description = "1–500, default 50"),
        ("offset" = Option<u32>, Query, description = "default 0"),
    ),
    responses((status = 200, body = ListBody<Person>), (status = 400, body = ErrorBody)))]
pub async fn list<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Json<ListBody<Person>>, ApiError> {
    let query = NameQuery {
        text: params.search_text("q")?,
        visibility: viewer.visibility,
    };
    Ok(Json(app.store.persons(&query, params.page()?).await?.into()))
}

/// One person.
#[utoipa::path(get, path = "/api/v1/persons/{id}", tag = "persons", operation_id = "show_person",
    params(("id" = String, Path, description = "The person's id")),
    responses((status = 200, body = Person), (status = 404, body = ErrorBody)))]
pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<Person>, ApiError> {
    match visible(&app.store, &viewer, RecordKind::Person, &id).await? {
        Record::Person(p) => Ok(Json(p)),
        _ => Err(ApiError::not_found("person", &id)),
    }
}

/// The events a person takes part in, in date order.
#[utoipa::path(get, path = "/api/v1/persons/{id}/events", tag = "persons", operation_id = "list_person_events",
    params(
        ("id" = String, Path, description = "The person's id"),
        ("limit" = Option<u32>, Query, description = "1–500, default 50"),
        ("offset" = Option<u32>, Query, description = "default 0"),
    ),
    responses((status = 200, body = ListBody<Event>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn events<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
) -> Result<Json<ListBody<Event>>, ApiError> {
    let person = visible(&app.store, &viewer, RecordKind::Person, &id).await?;
    let filter = EventFilter {
        person: Some(person.id().clone()),
        ..EventFilter::all(viewer.visibility)
    };
    Ok(Json(app.store.events(&filter, params.page()?).await?.into()))
}

/// Creates a person; the id may be left out.
#[utoipa::path(post, path = "/api/v1/persons", tag = "persons", operation_id = "create_person", security(("bearer" = [])),
    params(("reason" = Option<String>, Query, description = "Why")),
    request_body = Person,
    responses((status = 201, body = WriteBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    write::create_record(app, viewer, RecordKind::Person, params, body).await
}

/// Replaces a person's state.
#[utoipa::path(put, path = "/api/v1/persons/{id}", tag = "persons", operation_id = "update_person", security(("bearer" = [])),
    params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
    request_body = Person,
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
    write::update_record(app, viewer, RecordKind::Person, id, params, body).await
}

/// Deletes a person (it stays restorable); refused while other records refer to it.
#[utoipa::path(delete, path = "/api/v1/persons/{id}", tag = "persons", operation_id = "delete_person", security(("bearer" = [])),
    params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
    responses((status = 200, body = WriteBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
) -> Result<Response, ApiError> {
    write::delete_record(app, viewer, RecordKind::Person, id, params).await
}
