//! Every route, in one place.

use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use vigil_store::{Accounts, Campaigns, Proposals, Store};

use crate::api;
use crate::api::openapi::Documented;
use crate::error::{ApiError, PageError};
use crate::links;
use crate::pages::{self, layout};
use crate::{AppState, BODY_LIMIT};

pub fn router<S: Store + Accounts + Proposals + Campaigns>(state: AppState<S>) -> Router {
    use api::*;
    // Each API route with its OpenAPI operation: the path and methods come
    // from the handler's `#[utoipa::path]` (see `api::openapi::Documented`).
    let (api, api_operations) = Documented::<AppState<S>>::new("/api/v1")
        .route(persons::__path_list, persons::list::<S>)
        .route(persons::__path_create, persons::create::<S>)
        .route(persons::__path_show, persons::show::<S>)
        .route(persons::__path_update, persons::update::<S>)
        .route(persons::__path_delete, persons::delete::<S>)
        .route(persons::__path_events, persons::events::<S>)
        .route(status::__path_person, status::person::<S>)
        .route(status::__path_list, status::list::<S>)
        .route(organisations::__path_list, organisations::list::<S>)
        .route(organisations::__path_create, organisations::create::<S>)
        .route(organisations::__path_show, organisations::show::<S>)
        .route(organisations::__path_update, organisations::update::<S>)
        .route(organisations::__path_delete, organisations::delete::<S>)
        .route(events::__path_list, events::list::<S>)
        .route(events::__path_create, events::create::<S>)
        .route(events::__path_show, events::show::<S>)
        .route(events::__path_update, events::update::<S>)
        .route(events::__path_delete, events::delete::<S>)
        .route(cases::__path_list, cases::list::<S>)
        .route(cases::__path_create, cases::create::<S>)
        .route(cases::__path_show, cases::show::<S>)
        .route(cases::__path_update, cases::update::<S>)
        .route(cases::__path_delete, cases::delete::<S>)
        .route(sources::__path_list, sources::list::<S>)
        .route(sources::__path_create, sources::create::<S>)
        .route(sources::__path_show, sources::show::<S>)
        .route(sources::__path_update, sources::update::<S>)
        .route(sources::__path_delete, sources::delete::<S>)
        .route(proposals::__path_list, proposals::list::<S>)
        .route(proposals::__path_show, proposals::show::<S>)
        .route(proposals::__path_accept, proposals::accept::<S>)
        .route(proposals::__path_merge, proposals::merge::<S>)
        .route(proposals::__path_reject, proposals::reject::<S>)
        .route(mechanisms::__path_list, mechanisms::list::<S>)
        .route(mechanisms::__path_create, mechanisms::create::<S>)
        .route(mechanisms::__path_show, mechanisms::show::<S>)
        .route(mechanisms::__path_update, mechanisms::update::<S>)
        .route(mechanisms::__path_delete, mechanisms::delete::<S>)
        .route(reviews::__path_list, reviews::list::<S>)
        .route(reviews::__path_create, reviews::create::<S>)
        .route(reviews::__path_show, reviews::show::<S>)
        .route(reviews::__path_update, reviews::update::<S>)
        .route(reviews::__path_delete, reviews::delete::<S>)
        .route(recommendations::__path_list, recommendations::list::<S>)
        .route(recommendations::__path_create, recommendations::create::<S>)
        .route(recommendations::__path_show, recommendations::show::<S>)
        .route(recommendations::__path_update, recommendations::update::<S>)
        .route(recommendations::__path_delete, recommendations::delete::<S>)
        .route(pledges::__path_list, pledges::list::<S>)
        .route(pledges::__path_create, pledges::create::<S>)
        .route(pledges::__path_show, pledges::show::<S>)
        .route(pledges::__path_update, pledges::update::<S>)
        .route(pledges::__path_delete, pledges::delete::<S>)
        .route(assessments::__path_list, assessments::list::<S>)
        .route(assessments::__path_create, assessments::create::<S>)
        .route(assessments::__path_show, assessments::show::<S>)
        .route(assessments::__path_update, assessments::update::<S>)
        .route(assessments::__path_delete, assessments::delete::<S>)
        .route(rating_rules::__path_list, rating_rules::list::<S>)
        .route(rating_rules::__path_create, rating_rules::create::<S>)
        .route(rating_rules::__path_show, rating_rules::show::<S>)
        .route(rating_rules::__path_update, rating_rules::update::<S>)
        .route(rating_rules::__path_delete, rating_rules::delete::<S>)
        .route(countries::__path_country, countries::country::<S>)
        .route(countries::__path_briefing, countries::briefing::<S>)
        .route(countries::__path_rating, countries::rating::<S>)
        .route(revisions::__path_list, revisions::list::<S>)
        .route(records::__path_restore, records::restore::<S>)
        .route(export::__path_export, export::export::<S>)
        .route(search::__path_search, search::search::<S>)
        .route(search::__path_suggest, search::suggest::<S>)
        .route(campaigns::__path_list, campaigns::list::<S>)
        .route(campaigns::__path_create, campaigns::create::<S>)
        .route(campaigns::__path_show, campaigns::show::<S>)
        .route(campaigns::__path_update, campaigns::update::<S>)
        .route(campaigns::__path_count, campaigns::count::<S>)
        .route(campaigns::__path_recount, campaigns::recount::<S>)
        .route(campaigns::__path_challenge, campaigns::challenge::<S>)
        .route(campaigns::__path_create_signature, campaigns::create_signature::<S>)
        .route(campaigns::__path_export, campaigns::export::<S>)
        .route(campaigns::__path_deliveries, campaigns::deliveries::<S>)
        .route(campaigns::__path_deliver, campaigns::deliver::<S>)
        .route(campaigns::__path_audit, campaigns::audit::<S>)
        .route(campaigns::__path_invalidations, campaigns::invalidations::<S>)
        .route(campaigns::__path_invalidate, campaigns::invalidate::<S>)
        .route(campaigns::__path_preview, campaigns::preview::<S>)
        .route(campaigns::__path_revert, campaigns::revert::<S>)
        .split();
    let (service, service_operations) = Documented::<AppState<S>>::new("")
        .route(openapi::__path_health, openapi::health)
        .split();
    let document = openapi::document_of(vec![api_operations, service_operations]);
    let api = api
        .route("/openapi.json", openapi::serve(document))
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
        .merge(service)
        .nest("/api/v1", api)
        .fallback(page_not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::auth::authorise::<S>))
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(axum::middleware::from_fn(too_large_as_json))
        .layer(axum::middleware::from_fn(private_by_default))
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
        let section = links::section(kind);
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
        let section = links::section(*kind);
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

/// What a page or an API answer holds depends on who asks (a confidential
/// record is there for some and not for others), so no cache may keep or
/// share it: `private, no-store`, varying by cookie and token. Answers that
/// set their own caching (the stylesheet, a campaign's public count) keep it.
async fn private_by_default(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
        headers.append(header::VARY, HeaderValue::from_static("Cookie, Authorization"));
    }
    response
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
