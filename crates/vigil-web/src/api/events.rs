//! `/api/v1/events`

use axum::extract::{Path, State};
use axum::Json;
use vigil_core::{Event, EventType, Record, RecordKind};
use vigil_store::{EventFilter, Store};

use super::{visible, ListBody};
use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::{AppState, Viewer};

/// Reads the event filter shared by the API and the events page.
pub(crate) fn filter_from(params: &Params, viewer: &Viewer) -> Result<EventFilter, ApiError> {
    let filter = EventFilter {
        event_type: params.parsed::<EventType>("type")?,
        person: params.id("person")?,
        organisation: params.id("organisation")?,
        from: params.day("from")?,
        to: params.day("to")?,
        visibility: viewer.visibility,
    };
    if let (Some(from), Some(to)) = (filter.from, filter.to) {
        if from > to {
            return Err(ApiError::bad_param("to", "to must not be before from"));
        }
    }
    Ok(filter)
}

/// Events in date order (earliest reading first). `from`/`to` keep the
/// events that may have happened within the window.
#[utoipa::path(get, path = "/api/v1/events", tag = "events",
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
    let filter = filter_from(&params, &viewer)?;
    Ok(Json(app.store.events(&filter, params.page()?).await?.into()))
}

/// One event, with its participants, terms and excerpts.
#[utoipa::path(get, path = "/api/v1/events/{id}", tag = "events",
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
