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
        super::status::list, super::status::person,
        super::write::create_person, super::write::update_person, super::write::delete_person,
        super::write::create_organisation, super::write::update_organisation, super::write::delete_organisation,
        super::write::create_event, super::write::update_event, super::write::delete_event,
        super::write::create_case, super::write::update_case, super::write::delete_case,
        super::write::create_source, super::write::update_source, super::write::delete_source,
        super::write::restore,
        super::search::search, super::search::suggest,
        super::campaigns::list, super::campaigns::create, super::campaigns::show, super::campaigns::update,
        super::campaigns::count, super::campaigns::recount, super::campaigns::challenge,
        super::campaigns::create_signature, super::campaigns::export,
        super::campaigns::deliveries, super::campaigns::deliver, super::campaigns::audit,
        super::campaigns::preview, super::campaigns::invalidate, super::campaigns::invalidations, super::campaigns::revert,
        health,
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "persons"), (name = "organisations"), (name = "events"), (name = "cases"),
        (name = "sources"), (name = "revisions"), (name = "status"), (name = "search"), (name = "campaigns"), (name = "service"),
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

/// Writes take `Authorization: Bearer TOKEN` (from `vigil token issue`).
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
