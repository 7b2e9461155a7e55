//! `/api/v1/events`

use utoipa::openapi::path::Parameter;
use utoipa::PartialSchema;
use vigil_core::{Event, EventType};
use vigil_store::Store;

use super::resource::Resource;
use super::spec::{self, filter};
use super::ListBody;
use crate::error::ApiError;
use crate::params::Params;
use crate::Viewer;

impl Resource for Event {
    type Body = Self;

    fn listed() -> String {
        "Events in date order (earliest reading first); `from`/`to` keep the events that may have happened within the window".into()
    }

    fn filters() -> Vec<Parameter> {
        vec![
            filter("type", "An event type of the vocabulary", EventType::schema()),
            filter("person", "A person's id: events they take part in", spec::record_id()),
            filter(
                "organisation",
                "An organisation's id: events it takes part in",
                spec::record_id(),
            ),
            filter("from", "YYYY-MM-DD: events possibly on or after this day", spec::day()),
            filter("to", "YYYY-MM-DD: events possibly on or before this day", spec::day()),
        ]
    }

    async fn page<S: Store>(store: &S, viewer: &Viewer, params: &Params) -> Result<ListBody<Self>, ApiError> {
        let filter = crate::reads::event_filter(params, viewer)?;
        let page = params.page()?;
        // A window that ends before it starts holds no event.
        if crate::reads::empty_window(&filter) {
            return Ok(ListBody {
                items: Vec::new(),
                total: 0,
            });
        }
        Ok(store.events(&filter, page).await?.into())
    }
}
