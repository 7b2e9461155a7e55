//! The OpenAPI document, generated from the handlers' annotations. The
//! router's test checks that every `/api/v1` route appears here, so the two
//! cannot drift.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Vigil", description = "Case file, status and accountability records for the defence of persecuted trade-union and human-rights activists."),
    paths(
        super::persons::list, super::persons::show, super::persons::events,
        super::organisations::list, super::organisations::show,
        super::events::list, super::events::show,
        super::cases::list, super::cases::show,
        super::sources::list, super::sources::show,
        super::revisions::list,
        super::search::search, super::search::suggest,
        health,
    ),
    tags(
        (name = "persons"), (name = "organisations"), (name = "events"), (name = "cases"),
        (name = "sources"), (name = "revisions"), (name = "search"), (name = "service"),
    )
)]
pub struct ApiDoc;

/// The OpenAPI 3.1 document of this API.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// Liveness: answers while the process serves.
#[utoipa::path(get, path = "/healthz", tag = "service", responses((status = 200, description = "ok")))]
pub async fn health() -> &'static str {
    "ok"
}
