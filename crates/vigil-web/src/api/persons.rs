//! `/api/v1/persons`

use axum::extract::{Path, State};
use axum::Json;
use vigil_core::{Event, Person, RecordKind};
use vigil_store::{EventFilter, NameQuery, Store};

use super::spec::{ListErrors, PageParams, ShowErrors};
use super::{visible, ListBody};
use crate::error::ApiError;
use crate::params::Params;
use crate::{AppState, Viewer};

/// Persons, by name; `q` matches a name or alias in any case or script.
#[utoipa::path(get, path = "/api/v1/persons", tag = "persons", operation_id = "list_persons",
    params(
        ("q" = Option<String>, Query, description = "Part of a name or alias (any case, any script)"),
        PageParams,
    ),
    responses((status = 200, body = ListBody<Person>), ListErrors))]
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
/// The events a person takes part in, in date order.
#[utoipa::path(get, path = "/api/v1/persons/{id}/events", tag = "persons", operation_id = "list_person_events",
    params(
        ("id" = String, Path, description = "The person's id"),
        PageParams,
    ),
    responses((status = 200, body = ListBody<Event>), ShowErrors))]
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
