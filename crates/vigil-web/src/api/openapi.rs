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
        super::accountability::list_mechanisms, super::accountability::show_mechanism,
        super::accountability::list_reviews, super::accountability::show_review,
        super::accountability::list_recommendations, super::accountability::show_recommendation,
        super::accountability::list_pledges, super::accountability::show_pledge,
        super::accountability::list_assessments, super::accountability::show_assessment,
        super::accountability::list_rating_rules, super::accountability::show_rating_rule,
        super::accountability::rating, super::accountability::country, super::accountability::briefing,
        super::write::create_mechanism, super::write::update_mechanism, super::write::delete_mechanism,
        super::write::create_review, super::write::update_review, super::write::delete_review,
        super::write::create_recommendation, super::write::update_recommendation, super::write::delete_recommendation,
        super::write::create_pledge, super::write::update_pledge, super::write::delete_pledge,
        super::write::create_assessment, super::write::update_assessment, super::write::delete_assessment,
        super::write::create_rating_rule, super::write::update_rating_rule, super::write::delete_rating_rule,
        super::search::search, super::search::suggest,
        super::proposals::list, super::proposals::show, super::proposals::accept,
        super::proposals::merge, super::proposals::reject,
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
        (name = "sources"), (name = "proposals"), (name = "revisions"), (name = "status"), (name = "search"), (name = "service"),
        (name = "mechanisms"), (name = "reviews"), (name = "recommendations"), (name = "pledges"),
        (name = "assessments"), (name = "rating-rules"), (name = "accountability"), (name = "campaigns"),
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
