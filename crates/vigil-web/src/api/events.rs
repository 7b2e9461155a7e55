//! `/api/v1/events`

use axum::extract::State;
use axum::Json;
use vigil_core::{Event, EventType};
use vigil_store::Store;

use super::spec::{ListErrors, PageParams};
use super::ListBody;
use crate::error::ApiError;
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
        PageParams,
    ),
    responses((status = 200, body = ListBody<Event>), ListErrors))]
pub async fn list<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Json<ListBody<Event>>, ApiError> {
    let filter = crate::reads::event_filter(&params, &viewer)?;
    Ok(Json(app.store.events(&filter, params.page()?).await?.into()))
}
