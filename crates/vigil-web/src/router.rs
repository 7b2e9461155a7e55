//! Every route, in one place.

use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use vigil_store::Store;

use crate::api::{self, openapi};
use crate::error::{ApiError, PageError};
use crate::pages::{self, layout};
use crate::AppState;

/// Requests carry no large bodies yet; this bounds what a client can make
/// the server buffer.
const BODY_LIMIT: usize = 1024 * 1024;

pub fn router<S: Store>(state: AppState<S>) -> Router {
    let api = Router::new()
        .route("/persons", get(api::persons::list::<S>))
        .route("/persons/{id}", get(api::persons::show::<S>))
        .route("/persons/{id}/events", get(api::persons::events::<S>))
        .route("/organisations", get(api::organisations::list::<S>))
        .route("/organisations/{id}", get(api::organisations::show::<S>))
        .route("/events", get(api::events::list::<S>))
        .route("/events/{id}", get(api::events::show::<S>))
        .route("/cases", get(api::cases::list::<S>))
        .route("/cases/{id}", get(api::cases::show::<S>))
        .route("/sources", get(api::sources::list::<S>))
        .route("/sources/{id}", get(api::sources::show::<S>))
        .route("/revisions", get(api::revisions::list::<S>))
        .route("/search", get(api::search::search::<S>))
        .route("/search/suggest", get(api::search::suggest::<S>))
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
        .route("/sources/{id}", get(pages::sources::show::<S>))
        .route("/records/{id}/history", get(pages::history::show::<S>))
        .route("/search", get(pages::search::show::<S>))
        .route("/assets/vigil.css", get(stylesheet))
        .route("/assets/suggest.js", get(pages::search::script))
        .route("/healthz", get(openapi::health))
        .nest("/api/v1", api)
        .fallback(page_not_found)
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(TraceLayer::new_for_http())
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
        format!(
            "no API route {}",
            uri.path().chars().take(200).collect::<String>()
        ),
    )
}

async fn page_not_found() -> PageError {
    PageError(ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "There is no page at this address.",
    ))
}
