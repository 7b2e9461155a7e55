//! Reading the case file as a viewer may see it: what the JSON API and the
//! pages share.

use vigil_core::{EventType, Record, RecordId, RecordKind};
use vigil_store::{EventFilter, Store};

use crate::error::ApiError;
use crate::params::Params;
use crate::Viewer;

/// Reads a path id; a malformed id is simply one that names nothing.
pub(crate) fn path_id(kind: RecordKind, raw: &str) -> Result<RecordId, ApiError> {
    RecordId::parse(raw).map_err(|_| ApiError::not_found(kind.as_str(), &raw.chars().take(80).collect::<String>()))
}

/// A record of the given kind as this viewer may see it, or 404: a
/// confidential record is "not found" to those without the right, so its
/// existence is not revealed either.
pub(crate) async fn visible<S: Store>(
    store: &S,
    viewer: &Viewer,
    kind: RecordKind,
    raw_id: &str,
) -> Result<Record, ApiError> {
    let id = path_id(kind, raw_id)?;
    match store.record(&id, viewer.visibility).await {
        Ok(r) if r.kind() == kind => Ok(r),
        Ok(_) | Err(vigil_store::StoreError::NotFound { .. }) => Err(ApiError::not_found(kind.as_str(), id.as_str())),
        Err(e) => Err(e.into()),
    }
}

/// The event filter from `type`, `person`, `organisation`, `from`, `to`…
/// (the API's and the events page's).
pub(crate) fn event_filter(params: &Params, viewer: &Viewer) -> Result<EventFilter, ApiError> {
    let filter = EventFilter {
        event_type: params.parsed::<EventType>("type")?,
        person: params.id("person")?,
        organisation: params.id("organisation")?,
        from: params.day("from")?,
        to: params.day("to")?,
        visibility: viewer.visibility,
    };
    Ok(filter)
}

/// Whether the filter's window ends before it starts (and so holds no event).
pub(crate) fn empty_window(filter: &EventFilter) -> bool {
    matches!((filter.from, filter.to), (Some(from), Some(to)) if from > to)
}
