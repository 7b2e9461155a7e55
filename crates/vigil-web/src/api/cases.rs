//! `/api/v1/cases`

use axum::extract::State;
use axum::Json;
use vigil_core::Case;
use vigil_store::Store;

use super::spec::{ListErrors, PageParams};
use super::ListBody;
use crate::error::ApiError;
use crate::params::Params;
use crate::{AppState, Viewer};

/// Cases: named groups of events.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases", operation_id = "list_cases",
    params(
        PageParams,
    ),
    responses((status = 200, body = ListBody<Case>), ListErrors))]
pub async fn list<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Json<ListBody<Case>>, ApiError> {
    Ok(Json(app.store.cases(viewer.visibility, params.page()?).await?.into()))
}
