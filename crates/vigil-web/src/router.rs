//! Every route, in one place.

use std::sync::Arc;

use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;
use vigil_store::{Accounts, Attachments, Campaigns, Proposals, Store};

use crate::api;
use crate::api::openapi::Documented;
use crate::error::{ApiError, PageError};
use crate::links;
use crate::media_type;
use crate::pages::{self, layout};
use crate::{AppState, BODY_LIMIT};

fn router<S: Store + Accounts + Proposals + Campaigns + Attachments + vigil_store::transfer::Transfer>(
    state: AppState<S>,
) -> Router {
    use api::*;
    use vigil_core::{
        Assessment, Case, Event, Mechanism, Organisation, Person, Pledge, RatingRule, Recommendation, Review, Source,
    };
    // Each API route with its OpenAPI operation: the path and methods come
    // from the handler's `#[utoipa::path]` (see `api::openapi::Documented`).
    let (api, api_operations) = Documented::<AppState<S>>::new("/api/v1")
        .operation(resource::list_op::<Person>(), resource::list::<S, Person>)
        .operation(resource::create_op::<Person>(), resource::create::<S, Person>)
        .operation(resource::show_op::<Person>(), resource::show::<S, Person>)
        .operation(resource::update_op::<Person>(), resource::update::<S, Person>)
        .operation(resource::delete_op::<Person>(), resource::delete::<S, Person>)
        .route(persons::__path_events, persons::events::<S>)
        .route(status::__path_person, status::person::<S>)
        .route(status::__path_list, status::list::<S>)
        .operation(resource::list_op::<Organisation>(), resource::list::<S, Organisation>)
        .operation(
            resource::create_op::<Organisation>(),
            resource::create::<S, Organisation>,
        )
        .operation(resource::show_op::<Organisation>(), resource::show::<S, Organisation>)
        .operation(
            resource::update_op::<Organisation>(),
            resource::update::<S, Organisation>,
        )
        .operation(
            resource::delete_op::<Organisation>(),
            resource::delete::<S, Organisation>,
        )
        .operation(resource::list_op::<Event>(), resource::list::<S, Event>)
        .operation(resource::create_op::<Event>(), resource::create::<S, Event>)
        .operation(resource::show_op::<Event>(), resource::show::<S, Event>)
        .operation(resource::update_op::<Event>(), resource::update::<S, Event>)
        .operation(resource::delete_op::<Event>(), resource::delete::<S, Event>)
        .operation(resource::list_op::<Case>(), resource::list::<S, Case>)
        .operation(resource::create_op::<Case>(), resource::create::<S, Case>)
        .operation(resource::show_op::<Case>(), resource::show::<S, Case>)
        .operation(resource::update_op::<Case>(), resource::update::<S, Case>)
        .operation(resource::delete_op::<Case>(), resource::delete::<S, Case>)
        .operation(resource::list_op::<Source>(), resource::list::<S, Source>)
        .route(sources::__path_create, sources::create::<S>)
        .operation(resource::show_op::<Source>(), resource::show::<S, Source>)
        .operation(resource::update_op::<Source>(), resource::update::<S, Source>)
        .operation(resource::delete_op::<Source>(), resource::delete::<S, Source>)
        .route(proposals::__path_list, proposals::list::<S>)
        .route(proposals::__path_show, proposals::show::<S>)
        .route(proposals::__path_draft, proposals::draft::<S>)
        .route(proposals::__path_accept, proposals::accept::<S>)
        .route(proposals::__path_merge, proposals::merge::<S>)
        .route(proposals::__path_reject, proposals::reject::<S>)
        .operation(resource::list_op::<Mechanism>(), resource::list::<S, Mechanism>)
        .operation(resource::create_op::<Mechanism>(), resource::create::<S, Mechanism>)
        .operation(resource::show_op::<Mechanism>(), resource::show::<S, Mechanism>)
        .operation(resource::update_op::<Mechanism>(), resource::update::<S, Mechanism>)
        .operation(resource::delete_op::<Mechanism>(), resource::delete::<S, Mechanism>)
        .operation(resource::list_op::<Review>(), resource::list::<S, Review>)
        .operation(resource::create_op::<Review>(), resource::create::<S, Review>)
        .operation(resource::show_op::<Review>(), resource::show::<S, Review>)
        .operation(resource::update_op::<Review>(), resource::update::<S, Review>)
        .operation(resource::delete_op::<Review>(), resource::delete::<S, Review>)
        .operation(
            resource::list_op::<Recommendation>(),
            resource::list::<S, Recommendation>,
        )
        .operation(
            resource::create_op::<Recommendation>(),
            resource::create::<S, Recommendation>,
        )
        .operation(
            resource::show_op::<Recommendation>(),
            resource::show::<S, Recommendation>,
        )
        .operation(
            resource::update_op::<Recommendation>(),
            resource::update::<S, Recommendation>,
        )
        .operation(
            resource::delete_op::<Recommendation>(),
            resource::delete::<S, Recommendation>,
        )
        .operation(resource::list_op::<Pledge>(), resource::list::<S, Pledge>)
        .operation(resource::create_op::<Pledge>(), resource::create::<S, Pledge>)
        .operation(resource::show_op::<Pledge>(), resource::show::<S, Pledge>)
        .operation(resource::update_op::<Pledge>(), resource::update::<S, Pledge>)
        .operation(resource::delete_op::<Pledge>(), resource::delete::<S, Pledge>)
        .operation(resource::list_op::<Assessment>(), resource::list::<S, Assessment>)
        .operation(resource::create_op::<Assessment>(), resource::create::<S, Assessment>)
        .operation(resource::show_op::<Assessment>(), resource::show::<S, Assessment>)
        .operation(resource::update_op::<Assessment>(), resource::update::<S, Assessment>)
        .operation(resource::delete_op::<Assessment>(), resource::delete::<S, Assessment>)
        .operation(resource::list_op::<RatingRule>(), resource::list::<S, RatingRule>)
        .operation(resource::create_op::<RatingRule>(), resource::create::<S, RatingRule>)
        .operation(resource::show_op::<RatingRule>(), resource::show::<S, RatingRule>)
        .operation(resource::update_op::<RatingRule>(), resource::update::<S, RatingRule>)
        .operation(resource::delete_op::<RatingRule>(), resource::delete::<S, RatingRule>)
        .route(countries::__path_country, countries::country::<S>)
        .route(countries::__path_briefing, countries::briefing::<S>)
        .route(countries::__path_rating, countries::rating::<S>)
        .route(revisions::__path_list, revisions::list::<S>)
        .route(records::__path_restore, records::restore::<S>)
        .route(records::__path_merge, records::merge::<S>)
        .route(records::__path_unmerge, records::unmerge::<S>)
        .route(claims::__path_reject, claims::reject::<S>)
        .route(claims::__path_reinstate, claims::reinstate::<S>)
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
        .route(campaigns::__path_outcome, campaigns::outcome::<S>)
        .route(campaigns::__path_create_response, campaigns::create_response::<S>)
        .route(campaigns::__path_set_result, campaigns::set_result::<S>)
        .route(campaigns::__path_partners, campaigns::partners::<S>)
        .route(campaigns::__path_create_partner, campaigns::create_partner::<S>)
        .route(campaigns::__path_revoke_partner, campaigns::revoke_partner::<S>)
        .route(campaigns::__path_partner_view, campaigns::partner_view::<S>)
        .route(forms::__path_list, forms::list::<S>)
        .route(forms::__path_upload, forms::upload::<S>)
        .split();
    let (service, service_operations) = Documented::<AppState<S>>::new("")
        .route(openapi::__path_health, openapi::health)
        .split();
    let document = openapi::document_of(vec![api_operations, service_operations]);
    let declared = Arc::new(Declared::of(&document));
    // Under `/api/v1`, what no route takes is the API's 404 (JSON), not a page's.
    let api = api
        .route("/api/v1/openapi.json", openapi::serve(document))
        .route("/api/v1", any(api_not_found))
        .route("/api/v1/", any(api_not_found))
        .route("/api/v1/{*rest}", any(api_not_found));

    let pages = Router::new()
        .route("/", get(pages::home::show::<S>))
        .route("/persons", get(pages::list::<vigil_core::Person, S>))
        .route("/persons/{id}", get(pages::show::<vigil_core::Person, S>))
        .route("/organisations", get(pages::list::<vigil_core::Organisation, S>))
        .route("/organisations/{id}", get(pages::show::<vigil_core::Organisation, S>))
        .route("/events", get(pages::events::list::<S>))
        .route("/events/{id}", get(pages::show::<vigil_core::Event, S>))
        .route("/events/{id}/claims", post(pages::events::decide_claim::<S>))
        .route("/cases", get(pages::list::<vigil_core::Case, S>))
        .route("/cases/{id}", get(pages::show::<vigil_core::Case, S>))
        .route("/sources", get(pages::list::<vigil_core::Source, S>))
        .route(
            "/sources/upload",
            get(pages::proposals::upload_form::<S>).post(pages::proposals::upload::<S>),
        )
        .route("/sources/{id}/proposals", get(pages::proposals::review::<S>))
        .route(
            "/sources/{id}/proposals/decide",
            post(pages::proposals::decide_many::<S>),
        )
        .route("/proposals", get(pages::proposals::queue::<S>))
        .route("/proposals/incomplete", get(pages::proposals::incomplete::<S>))
        .route("/proposals/{id}/accept", post(pages::proposals::accept::<S>))
        .route("/proposals/{id}/merge", post(pages::proposals::merge::<S>))
        .route("/proposals/{id}/reject", post(pages::proposals::reject::<S>))
        .route("/proposals/{id}/edit", get(pages::proposals::edit_form::<S>))
        .route("/sources/{id}", get(pages::show::<vigil_core::Source, S>))
        .route("/sources/{id}/attachments/{name}", get(pages::attachments::serve::<S>))
        .route("/countries", get(pages::countries::list::<S>))
        .route("/countries/{iso2}", get(pages::countries::show::<S>))
        .route("/countries/{iso2}/briefing", get(pages::countries::briefing::<S>))
        .merge(accountability_pages::<S>())
        .route("/records/{id}/history", get(pages::history::show::<S>))
        .route("/status", get(pages::status::show::<S>))
        .route("/status.csv", get(pages::status::csv::<S>))
        .route("/records/{id}/restore", post(pages::history::restore::<S>))
        .route("/records/{id}/merge", post(pages::history::merge::<S>))
        .route("/records/{id}/delete", post(pages::edit::delete::<S>))
        .route("/login", get(pages::login::form::<S>).post(pages::login::submit::<S>))
        .route("/logout", post(pages::login::logout::<S>))
        .route(
            "/admin/forms",
            get(pages::admin::forms::<S>).post(pages::admin::upload_form::<S>),
        )
        .route(
            "/admin/accounts",
            get(pages::admin::list::<S>).post(pages::admin::add::<S>),
        )
        .route("/admin/accounts/{name}", get(pages::admin::show::<S>))
        .route("/admin/accounts/{name}/disable", post(pages::admin::disable::<S>))
        .route("/admin/accounts/{name}/enable", post(pages::admin::enable::<S>))
        .route("/admin/accounts/{name}/role", post(pages::admin::set_role::<S>))
        .route("/admin/accounts/{name}/password", post(pages::admin::set_password::<S>))
        .route("/admin/accounts/{name}/tokens", post(pages::admin::issue_token::<S>))
        .route("/admin/tokens/{id}/revoke", post(pages::admin::revoke_token::<S>))
        .merge(edit_routes::<S>())
        .route("/search", get(pages::search::show::<S>))
        .route("/campaigns", get(pages::campaigns::list::<S>))
        .route("/campaigns/{slug}", get(pages::campaigns::show::<S>))
        .route("/campaigns/{slug}/sign", post(pages::campaigns::submit::<S>))
        .route(
            "/campaigns/new",
            get(pages::organise::new_form).post(pages::organise::create::<S>),
        )
        .route(
            "/campaigns/{slug}/edit",
            get(pages::organise::edit_form::<S>).post(pages::organise::update::<S>),
        )
        .route("/campaigns/{slug}/organise", get(pages::organise::desk::<S>))
        .route("/campaigns/{slug}/responses", post(pages::organise::add_response::<S>))
        .route("/campaigns/{slug}/result", post(pages::organise::set_result::<S>))
        .route("/campaigns/{slug}/deliveries", post(pages::organise::deliver::<S>))
        .route("/campaigns/{slug}/partners", post(pages::organise::create_partner::<S>))
        .route(
            "/campaigns/{slug}/partners/{id}/revoke",
            post(pages::organise::revoke_partner::<S>),
        )
        .route(
            "/campaigns/{slug}/invalidations/preview",
            post(pages::organise::preview::<S>),
        )
        .route(
            "/campaigns/{slug}/invalidations",
            post(pages::organise::invalidate::<S>),
        )
        .route(
            "/campaigns/{slug}/invalidations/{id}/revert",
            post(pages::organise::revert::<S>),
        )
        .route("/partner", get(pages::organise::partner::<S>))
        .route("/campaigns/{slug}/confirm/{token}", get(pages::campaigns::confirm::<S>))
        .route(
            "/campaigns/{slug}/unsubscribe/{token}",
            get(pages::campaigns::unsubscribe_page::<S>).post(pages::campaigns::unsubscribe::<S>),
        )
        .route("/report", get(pages::report::form::<S>))
        .route("/assets/campaign.js", get(pages::campaigns::script))
        .route("/assets/vigil.css", get(stylesheet))
        .route("/assets/suggest.js", get(pages::search::script))
        .route("/assets/local-time.js", get(pages::history::script))
        .merge(service)
        .merge(api)
        .fallback(page_not_found)
        .with_state(state.clone());
    // The gate and the body limit wrap these routes once, as a whole (see
    // [`service`]).
    let gated = tower::ServiceBuilder::new()
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .map_request(|request: axum::http::Request<_>| request.map(axum::body::Body::new))
        // Before the gate: a method a documented address does not take is a 405
        // with `Allow`, whoever asks, rather than a 401 or 403.
        .layer(axum::middleware::from_fn(move |request, next| {
            undeclared_method(Arc::clone(&declared), request, next)
        }))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::auth::authorise::<S>,
        ))
        .service(pages);
    Router::new()
        // Phones: their own gate and body limit (see `openrosa`).
        .merge(crate::openrosa::routes(state.clone()))
        // The public report page's form: files, so a body limit of its own.
        .merge(pages::report::routes(state))
        .fallback_service(gated)
}

/// What Vigil serves: [`router`] inside the layers every answer passes
/// through (the log's span, errors answered as the rest, the standard
/// headers). They wrap the router once, as a whole: `Router::layer` would
/// wrap each route in them, and every request would clone the layers
/// around its route; a count read at viral scale paid for that.
pub fn service<S: Store + Accounts + Proposals + Campaigns + Attachments + vigil_store::transfer::Transfer>(
    state: AppState<S>,
) -> impl tower::Service<
    axum::extract::Request,
    Response = Response,
    Error = std::convert::Infallible,
    Future: Send + 'static,
> + Clone
       + Send
       + Sync
       + 'static {
    tower::ServiceBuilder::new()
        .map_response(IntoResponse::into_response)
        // Logged: the method and the path only. Query strings can carry
        // names searched for, and are never logged. At debug level, as
        // tower-http's own default: at info, every request paid for
        // formatting its span (a sixth of a count read's own time).
        .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
            tracing::debug_span!("request", method = %request.method(), path = %request.uri().path())
        }))
        .map_response(standard_headers)
        .layer(axum::middleware::from_fn(errors_as_the_rest))
        .service(router(state))
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

/// The headers of every answer, set in one layer (each layer costs every
/// request a little): the content security policy, `nosniff`, the
/// referrer policy; and, since what a page or an API answer holds depends
/// on who asks (a confidential record is there for some and not for
/// others), no cache may keep or share it: `private, no-store`, varying by
/// cookie and token. Answers that set their own caching (the stylesheet, a
/// campaign's public count) keep it.
fn standard_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // same-origin, not no-referrer: with no-referrer browsers send
    // `Origin: null` on our own form posts, which the gate refuses.
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
        headers.append(
            header::VARY,
            // Accept-Language: a page's words are in the reader's language.
            HeaderValue::from_static("Cookie, Authorization, Accept-Language"),
        );
    }
    response
}

/// Errors that axum or a layer answers itself (405 with an empty body, 413
/// and 415 in plain text, a path that does not decode) are answered as the
/// rest: JSON under `/api/`, an HTML page elsewhere; their headers (`Allow`)
/// are kept.
async fn errors_as_the_rest(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    // The API's messages follow `Accept-Language` only (no cookie, no
    // `?lang=`): its codes stay English.
    let api_lang = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(vigil_app::i18n::Lang::from_accept_language)
        .unwrap_or_default();
    // Refused here, well below the HTTP server's own limits (whose answers
    // have no body), so that they are answered as every other error.
    if let Some(error) = too_large(&request) {
        return if api {
            error.in_language(api_lang).into_response()
        } else {
            PageError(error).into_response()
        };
    }
    let (lang, _) = crate::language::negotiate(request.uri().query(), request.headers());
    let mut response = next.run(request).await;
    if api && api_lang != vigil_app::i18n::Lang::En {
        if let Some(error) = response.extensions_mut().remove::<ApiError>() {
            let mut answer = error.in_language(api_lang).into_response();
            std::mem::swap(answer.headers_mut(), response.headers_mut());
            answer.headers_mut().remove(header::CONTENT_LENGTH);
            return answer;
        }
    }
    // An error page, drawn again in the reader's language.
    if lang != vigil_app::i18n::Lang::En {
        if let Some(layout::ShownError(error)) = response.extensions_mut().remove::<layout::ShownError>() {
            let mut answer = (response.status(), layout::error_page(lang, &error)).into_response();
            std::mem::swap(answer.headers_mut(), response.headers_mut());
            answer.headers_mut().remove(header::CONTENT_LENGTH);
            return answer;
        }
    }
    let status = response.status();
    // A page's script may be answered in JSON (the signing form): kept.
    // OpenRosa answers its errors in its own XML, which phones show.
    let ours = is_json(&response) || (!api && is_html(&response)) || is_xml(&response);
    if !(status.is_client_error() || status.is_server_error()) || ours {
        return response;
    }
    let (code, message) = match status {
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "this address does not take this method".to_owned(),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "payload_too_large",
            format!("the body is larger than {BODY_LIMIT} bytes"),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            "the body is not of a type this address reads".to_owned(),
        ),
        StatusCode::NOT_FOUND => ("not_found", "there is nothing at this address".to_owned()),
        s if s.is_server_error() => ("internal", "internal error".to_owned()),
        _ => ("bad_request", "the request cannot be read".to_owned()),
    };
    let error = ApiError::new(status, code, message);
    let mut answer = if api {
        error.in_language(api_lang).into_response()
    } else {
        (status, layout::error_page(lang, &PageError(error))).into_response()
    };
    for (name, value) in response.headers() {
        if name == header::ALLOW || name == header::WWW_AUTHENTICATE {
            answer.headers_mut().insert(name.clone(), value.clone());
        }
    }
    answer
}

/// The longest address taken, in bytes (browsers and proxies keep to 8 KiB).
pub const URI_LIMIT: usize = 8 * 1024;

/// The most header bytes (names and values) a request may carry.
pub const HEADERS_LIMIT: usize = 32 * 1024;

/// 414 for an address longer than [`URI_LIMIT`], 431 for headers over
/// [`HEADERS_LIMIT`].
fn too_large(request: &axum::extract::Request) -> Option<ApiError> {
    let uri = request.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if uri > URI_LIMIT {
        return Some(ApiError::new(
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
            format!("the address is longer than {URI_LIMIT} bytes"),
        ));
    }
    let headers: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if headers > HEADERS_LIMIT {
        return Some(ApiError::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "headers_too_large",
            format!("the request's headers are larger than {HEADERS_LIMIT} bytes"),
        ));
    }
    None
}

fn is_html(response: &Response) -> bool {
    media_type::starts_with(response.headers(), "text/html")
}

fn is_xml(response: &Response) -> bool {
    media_type::starts_with(response.headers(), "text/xml")
}

fn is_json(response: &Response) -> bool {
    media_type::starts_with(response.headers(), "application/json")
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

/// The methods each documented API address takes, from the OpenAPI
/// document (which the router serves from the same list), looked up as
/// the router looks up its routes (the same path matcher, asked of every
/// request: a lookup costs the path's length, not the number of routes).
struct Declared(matchit::Router<Vec<Method>>);

impl Declared {
    fn of(document: &utoipa::openapi::OpenApi) -> Self {
        let mut addresses = matchit::Router::new();
        for (path, item) in &document.paths.paths {
            let mut methods = Vec::new();
            for (method, operation) in [
                (Method::GET, &item.get),
                (Method::POST, &item.post),
                (Method::PUT, &item.put),
                (Method::DELETE, &item.delete),
                (Method::PATCH, &item.patch),
                (Method::OPTIONS, &item.options),
                (Method::TRACE, &item.trace),
            ] {
                if operation.is_some() {
                    methods.push(method);
                }
            }
            // A GET route answers HEAD too.
            if item.get.is_some() {
                methods.push(Method::HEAD);
            }
            // The router took the same templates, so they cannot conflict.
            if let Err(e) = addresses.insert(path.as_str(), methods) {
                tracing::error!(path, error = %e, "a documented address is not checked for its methods");
            }
        }
        Declared(addresses)
    }

    /// The methods `path` takes, when it is a documented address.
    fn methods(&self, path: &str) -> Option<&[Method]> {
        self.0.at(path).ok().map(|m| m.value.as_slice())
    }
}

/// 405 with `Allow` for a method a documented address (the API's, and
/// `/healthz`) does not take.
async fn undeclared_method(
    declared: Arc<Declared>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = request.uri().path();
    if let Some(methods) = declared.methods(path) {
        if !methods.contains(request.method()) {
            let allow = methods.iter().map(Method::as_str).collect::<Vec<_>>().join(",");
            let error = ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this address does not take this method",
            );
            let mut answer = if path.starts_with("/api/") {
                error.into_response()
            } else {
                PageError(error).into_response()
            };
            if let Ok(value) = HeaderValue::from_str(&allow) {
                answer.headers_mut().insert(header::ALLOW, value);
            }
            return answer;
        }
    }
    next.run(request).await
}
