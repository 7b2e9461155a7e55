//! `/api/v1/organisations`

use axum::extract::{Path, State};
use axum::Json;
use vigil_core::{Organisation, Record, RecordKind};
use vigil_store::{NameQuery, Store};

use super::{visible, ListBody};
use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::{AppState, Viewer};

/// Organisations, by name; `q` matches a name, acronym or alias.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "organisations",
    params(
        ("q" = Option<String>, Query, description = "Part of a name, acronym or alias"),
        ("limit" = Option<u32>, Query, description = "1–500, default 50"),
        ("offset" = Option<u32>, Query, description = "default 0"),
    ),
    responses((status = 200, body = ListBody<Organisation>), (status = 400, body = ErrorBody)))]
pub async fn list<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Json<ListBody<Organisation>>, ApiError> {
    let query = NameQuery {
        text: params.search_text("q")?,
        visibility: viewer.visibility,
    };
    Ok(Json(app.store.organisations(&query, params.page()?).await?.into()))
}

/// One organisation.
#[utoipa::path(get, path = "/api/v1/organisations/{id}", tag = "organisations",
    params(("id" = String, Path, description = "The organisation's id")),
    responses((status = 200, body = Organisation), (status = 404, body = ErrorBody)))]
pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<Organisation>, ApiError> {
    match visible(&app.store, &viewer, RecordKind::Organisation, &id).await? {
        Record::Organisation(o) => Ok(Json(o)),
        _ => Err(ApiError::not_found("organisation", &id)),
    }
}
