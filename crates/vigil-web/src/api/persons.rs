//! `/api/v1/persons`

use axum::Json;
use utoipa::openapi::path::Parameter;
use vigil_core::{Event, Person, RecordKind};
use vigil_store::{EventFilter, NameQuery, Store};

use super::resource::Resource;
use super::spec::{self, filter, PageParams, ShowErrors};
use super::AskAt;
use super::{visible, ListBody};
use crate::error::ApiError;
use crate::params::Params;
use crate::Viewer;

impl Resource for Person {
    type Body = Self;

    fn listed() -> String {
        "Persons, by name; `q` matches a name or alias in any case or script".into()
    }

    fn filters() -> Vec<Parameter> {
        vec![filter(
            "q",
            "Part of a name or alias (any case, any script)",
            spec::text(),
        )]
    }

    async fn page<S: Store>(store: &S, viewer: &Viewer, params: &Params) -> Result<ListBody<Person>, ApiError> {
        let query = NameQuery {
            text: params.search_text("q")?,
            visibility: viewer.visibility,
        };
        Ok(store.persons(&query, params.page()?).await?.into())
    }
}

/// One person.
/// The events a person takes part in, in date order.
#[utoipa::path(get, path = "/api/v1/persons/{id}/events", tag = "persons", operation_id = "list_person_events",
    params(
        ("id" = String, Path, description = "The person's id"),
        PageParams,
    ),
    responses((status = 200, body = ListBody<Event>), ShowErrors))]
pub async fn events<S: Store>(AskAt(app, viewer, params, id): AskAt<S>) -> Result<Json<ListBody<Event>>, ApiError> {
    let person = visible(&app.store, &viewer, RecordKind::Person, &id).await?;
    let filter = EventFilter {
        person: Some(person.id().clone()),
        ..EventFilter::all(viewer.visibility)
    };
    Ok(Json(app.store.events(&filter, params.page()?).await?.into()))
}
