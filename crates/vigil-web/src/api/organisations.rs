//! `/api/v1/organisations`

use axum::extract::State;
use axum::Json;
use vigil_core::Organisation;
use vigil_store::{NameQuery, Store};

use super::spec::{ListErrors, PageParams};
use super::ListBody;
use crate::error::ApiError;
use crate::params::Params;
use crate::{AppState, Viewer};

/// Organisations, by name; `q` matches a name, acronym or alias.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "organisations", operation_id = "list_organisations",
    params(
        ("q" = Option<String>, Query, description = "Part of a name, acronym or alias"),
        PageParams,
    ),
    responses((status = 200, body = ListBody<Organisation>), ListErrors))]
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
