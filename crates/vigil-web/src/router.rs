//! Every route, in one place.

use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use vigil_store::{Accounts, Campaigns, Proposals, Store};

use crate::api::{self, openapi};
use crate::error::{ApiError, PageError};
use crate::pages::{self, layout};
use crate::AppState;

/// The largest request body: a source's full text fits many times over;
/// anything larger is refused with 413 before it is read.
pub(crate) const BODY_LIMIT: usize = 2 * 1024 * 1024;

pub fn router<S: Store + Accounts + Proposals + Campaigns>(state: AppState<S>) -> Router {
    use api::write::*;
    let api = Router::new()
        .route("/persons", get(api::persons::list::<S>).post(create_person::<S>))
        .route(
            "/persons/{id}",
            get(api::persons::show::<S>)
                .put(update_person::<S>)
                .delete(delete_person::<S>),
        )
        .route("/persons/{id}/events", get(api::persons::events::<S>))
        .route("/persons/{id}/status", get(api::status::person::<S>))
        .route("/status", get(api::status::list::<S>))
        .route(
            "/organisations",
            get(api::organisations::list::<S>).post(create_organisation::<S>),
        )
        .route(
            "/organisations/{id}",
            get(api::organisations::show::<S>)
                .put(update_organisation::<S>)
                .delete(delete_organisation::<S>),
        )
        .route("/events", get(api::events::list::<S>).post(create_event::<S>))
        .route(
            "/events/{id}",
            get(api::events::show::<S>)
                .put(update_event::<S>)
                .delete(delete_event::<S>),
        )
        .route("/cases", get(api::cases::list::<S>).post(create_case::<S>))
        .route(
            "/cases/{id}",
            get(api::cases::show::<S>)
                .put(update_case::<S>)
                .delete(delete_case::<S>),
        )
        .route(
            "/sources",
            get(api::sources::list::<S>).post(api::proposals::create_source::<S>),
        )
        .route(
            "/sources/{id}",
            get(api::sources::show::<S>)
                .put(update_source::<S>)
                .delete(delete_source::<S>),
        )
        .route("/proposals", get(api::proposals::list::<S>))
        .route("/proposals/{id}", get(api::proposals::show::<S>))
        .route("/proposals/{id}/accept", post(api::proposals::accept::<S>))
        .route("/proposals/{id}/merge", post(api::proposals::merge::<S>))
        .route("/proposals/{id}/reject", post(api::proposals::reject::<S>))
        .route(
            "/mechanisms",
            get(api::accountability::list_mechanisms::<S>).post(create_mechanism::<S>),
        )
        .route(
            "/mechanisms/{id}",
            get(api::accountability::show_mechanism::<S>)
                .put(update_mechanism::<S>)
                .delete(delete_mechanism::<S>),
        )
        .route(
            "/reviews",
            get(api::accountability::list_reviews::<S>).post(create_review::<S>),
        )
        .route(
            "/reviews/{id}",
            get(api::accountability::show_review::<S>)
                .put(update_review::<S>)
                .delete(delete_review::<S>),
        )
        .route(
            "/recommendations",
            get(api::accountability::list_recommendations::<S>).post(create_recommendation::<S>),
        )
        .route(
            "/recommendations/{id}",
            get(api::accountability::show_recommendation::<S>)
                .put(update_recommendation::<S>)
                .delete(delete_recommendation::<S>),
        )
        .route(
            "/pledges",
            get(api::accountability::list_pledges::<S>).post(create_pledge::<S>),
        )
        .route(
            "/pledges/{id}",
            get(api::accountability::show_pledge::<S>)
                .put(update_pledge::<S>)
                .delete(delete_pledge::<S>),
        )
        .route(
            "/assessments",
            get(api::accountability::list_assessments::<S>).post(create_assessment::<S>),
        )
        .route(
            "/assessments/{id}",
            get(api::accountability::show_assessment::<S>)
                .put(update_assessment::<S>)
                .delete(delete_assessment::<S>),
        )
        .route(
            "/rating-rules",
            get(api::accountability::list_rating_rules::<S>).post(create_rating_rule::<S>),
        )
        .route(
            "/rating-rules/{id}",
            get(api::accountability::show_rating_rule::<S>)
                .put(update_rating_rule::<S>)
                .delete(delete_rating_rule::<S>),
        )
        .route("/countries/{iso2}", get(api::accountability::country::<S>))
        .route("/countries/{iso2}/briefing", get(api::accountability::briefing::<S>))
        .route("/countries/{iso2}/rating", get(api::accountability::rating::<S>))
        .route("/revisions", get(api::revisions::list::<S>))
        .route("/records/{id}/restore", post(restore::<S>))
        .route("/search", get(api::search::search::<S>))
        .route("/search/suggest", get(api::search::suggest::<S>))
        .route(
            "/campaigns",
            get(api::campaigns::list::<S>).post(api::campaigns::create::<S>),
        )
        .route(
            "/campaigns/{slug}",
            get(api::campaigns::show::<S>).put(api::campaigns::update::<S>),
        )
        .route("/campaigns/{slug}/count", get(api::campaigns::count::<S>))
        .route("/campaigns/{slug}/recount", post(api::campaigns::recount::<S>))
        .route("/campaigns/{slug}/challenge", get(api::campaigns::challenge::<S>))
        .route(
            "/campaigns/{slug}/signatures",
            post(api::campaigns::create_signature::<S>),
        )
        .route("/campaigns/{slug}/signatures.csv", get(api::campaigns::export::<S>))
        .route(
            "/campaigns/{slug}/deliveries",
            get(api::campaigns::deliveries::<S>).post(api::campaigns::deliver::<S>),
        )
        .route("/campaigns/{slug}/audit", get(api::campaigns::audit::<S>))
        .route(
            "/campaigns/{slug}/invalidations",
            get(api::campaigns::invalidations::<S>).post(api::campaigns::invalidate::<S>),
        )
        .route(
            "/campaigns/{slug}/invalidations/preview",
            post(api::campaigns::preview::<S>),
        )
        .route(
            "/campaigns/{slug}/invalidations/{id}/revert",
            post(api::campaigns::revert::<S>),
        )
        .route("/openapi.json", get(openapi::document))
        .fallback(api_not_found);

    Router::new()
        .route("/", get(pages::home::show::<S>))
        .route("/persons", get(pages::persons::list::<S>))
        .route("/persons/{id}", get(pages::persons::show::<S>))
        .route("/organisations", get(pages::organisations::list::<S>))
        .route("/organisations/{id}", get(pages::organisations::show::<S>))
        .route("/events", get(pages::events::list::<S>))
        .route("/events/{id}", get(pages::events::show::<S>))
        .route("/cases", get(pages::cases::list::<S>))
        .route("/cases/{id}", get(pages::cases::show::<S>))
        .route("/sources", get(pages::sources::list::<S>))
        .route(
            "/sources/upload",
            get(pages::proposals::upload_form::<S>).post(pages::proposals::upload::<S>),
        )
        .route("/sources/{id}/proposals", get(pages::proposals::review::<S>))
        .route("/proposals", get(pages::proposals::queue::<S>))
        .route("/proposals/{id}/accept", post(pages::proposals::accept::<S>))
        .route("/proposals/{id}/merge", post(pages::proposals::merge::<S>))
        .route("/proposals/{id}/reject", post(pages::proposals::reject::<S>))
        .route("/proposals/{id}/edit", get(pages::proposals::edit_form::<S>))
        .route("/sources/{id}", get(pages::sources::show::<S>))
        .route("/countries", get(pages::countries::list::<S>))
        .route("/countries/{iso2}", get(pages::countries::show::<S>))
        .route("/countries/{iso2}/briefing", get(pages::countries::briefing::<S>))
        .merge(accountability_pages::<S>())
        .route("/records/{id}/history", get(pages::history::show::<S>))
        .route("/status", get(pages::status::show::<S>))
        .route("/status.csv", get(pages::status::csv::<S>))
        .route("/records/{id}/restore", post(pages::history::restore::<S>))
        .route("/records/{id}/delete", post(pages::edit::delete::<S>))
        .route("/login", get(pages::login::form::<S>).post(pages::login::submit::<S>))
        .route("/logout", post(pages::login::logout::<S>))
        .route("/admin/accounts", get(pages::admin::list::<S>).post(pages::admin::add::<S>))
        .route("/admin/accounts/{name}/disable", post(pages::admin::disable::<S>))
        .route("/admin/accounts/{name}/enable", post(pages::admin::enable::<S>))
        .merge(edit_routes::<S>())
        .route("/search", get(pages::search::show::<S>))
        .route("/campaigns", get(pages::campaigns::list::<S>))
        .route("/campaigns/{slug}", get(pages::campaigns::show::<S>))
        .route("/campaigns/{slug}/sign", post(pages::campaigns::submit::<S>))
        .route("/campaigns/{slug}/confirm/{token}", get(pages::campaigns::confirm::<S>))
        .route("/assets/campaign.js", get(pages::campaigns::script))
        .route("/assets/vigil.css", get(stylesheet))
        .route("/assets/suggest.js", get(pages::search::script))
        .route("/healthz", get(openapi::health))
        .nest("/api/v1", api)
        .fallback(page_not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::auth::authorise::<S>))
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(axum::middleware::from_fn(too_large_as_json))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        // same-origin, not no-referrer: with no-referrer browsers send
        // `Origin: null` on our own form posts, which the gate refuses.
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        // Logged: the method and the path only. Query strings can carry
        // names searched for, and are never logged.
        .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
        }))
}

/// `/{section}` and `/{section}/{id}` for the accountability records.
fn accountability_pages<S: Store + Accounts>() -> Router<AppState<S>> {
    use vigil_core::RecordKind::*;
    let mut r = Router::new();
    for kind in [Mechanism, Review, Recommendation, Pledge, Assessment, RatingRule] {
        let section = pages::fmt::section(kind);
        r = r
            .route(&format!("/{section}"), get(pages::accountability::list::<S>))
            .route(&format!("/{section}/{{id}}"), get(pages::accountability::show::<S>));
    }
    r
}

/// `/{section}/new` and `/{section}/{id}/edit` for every kind of record.
fn edit_routes<S: Store + Accounts + Proposals>() -> Router<AppState<S>> {
    let mut r = Router::new();
    for kind in vigil_core::RecordKind::ALL {
        let section = pages::fmt::section(*kind);
        r = r
            .route(
                &format!("/{section}/new"),
                get(pages::edit::new_form::<S>).post(pages::edit::create::<S>),
            )
            .route(
                &format!("/{section}/{{id}}/edit"),
                get(pages::edit::edit_form::<S>).post(pages::edit::update::<S>),
            );
    }
    r
}

/// The body limit answers 413 in plain text; the API answers in JSON.
async fn too_large_as_json(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if api && response.status() == StatusCode::PAYLOAD_TOO_LARGE && !is_json(&response) {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("the body is larger than {} bytes", BODY_LIMIT),
        )
        .into_response();
    }
    response
}

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        layout::STYLESHEET,
    )
        .into_response()
}

async fn api_not_found(uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        format!("no API route {}", uri.path().chars().take(200).collect::<String>()),
    )
}

async fn page_not_found() -> PageError {
    PageError(ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "There is no page at this address.",
    ))
}
