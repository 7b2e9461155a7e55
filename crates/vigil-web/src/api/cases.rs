//! `/api/v1/cases`

use axum::extract::{Path, State};
use axum::Json;
use vigil_core::{Case, Record, RecordKind};
use vigil_store::Store;

use super::{visible, ListBody};
use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::{AppState, Viewer};

/// Cases: named groups of events.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases",
    params(
        ("limit" = Option<u32>, Query, description = "1–500, default 50"),
        ("offset" = Option<u32>, Query, description = "default 0"),
    ),
    responses((status = 200, body = ListBody<Case>), (status = 400, body = ErrorBody)))]
pub async fn list<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Json<ListBody<Case>>, ApiError> {
    Ok(Json(app.store.cases(viewer.visibility, params.page()?).await?.into()))
}

/// One case.
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    responses((status = 200, body = Case), (status = 404, body = ErrorBody)))]
pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<Case>, ApiError> {
    match visible(&app.store, &viewer, RecordKind::Case, &id).await? {
        Record::Case(c) => Ok(Json(c)),
        _ => Err(ApiError::not_found("case", &id)),
    }
}
