//! Writes through the JSON API: `POST /api/v1/{kind}s`, `PUT` and `DELETE`
//! on `/api/v1/{kind}s/{id}`, and `POST /api/v1/records/{id}/restore`.
//!
//! The gate has already refused callers who may not write. The body is the
//! record's JSON (its `id` may be left out of a `POST`: one is made); the
//! reason for the change goes in `?reason=`. Writers without the right to
//! confidential content can neither mark a record confidential nor see, and
//! so erase, what is marked.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use vigil_app::records;
use vigil_core::{RecordId, RecordKind};
use vigil_store::{Revision, Store};

use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::{AppState, Viewer};

// The write policy itself (ids, reasons, the confidentiality guard) is
// the application's: `vigil_app::records`.

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WriteBody {
    pub id: RecordId,
    pub kind: RecordKind,
    /// The sequence number of the revision this write made.
    pub revision: i64,
    /// `create`, `update`, `delete` or `restore`.
    pub operation: String,
}

fn written(status: StatusCode, rev: &Revision) -> Response {
    let body = WriteBody {
        id: rev.record_id.clone(),
        kind: rev.kind,
        revision: rev.seq,
        operation: rev.operation.as_str().to_owned(),
    };
    let location = vigil_app::links::href(rev.kind, &rev.record_id);
    (status, [(header::LOCATION, format!("/api/v1{location}"))], Json(body)).into_response()
}

async fn create<S: Store>(
    app: AppState<S>,
    viewer: Viewer,
    kind: RecordKind,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    let reason = params.text("reason").map(str::to_owned);
    let rev = records::create(&app.store, &viewer, kind, &body, reason).await?;
    app.written();
    Ok(written(StatusCode::CREATED, &rev))
}

async fn update<S: Store>(
    app: AppState<S>,
    viewer: Viewer,
    kind: RecordKind,
    raw_id: String,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = super::path_id(kind, &raw_id)?;
    let reason = params.text("reason").map(str::to_owned);
    let rev = records::update(&app.store, &viewer, kind, &id, &body, reason).await?;
    app.written();
    Ok(written(StatusCode::OK, &rev))
}

async fn delete<S: Store>(
    app: AppState<S>,
    viewer: Viewer,
    kind: RecordKind,
    raw_id: String,
    params: Params,
) -> Result<Response, ApiError> {
    let id = super::path_id(kind, &raw_id)?;
    let reason = params.text("reason").map(str::to_owned);
    let rev = records::delete(&app.store, &viewer, kind, &id, reason).await?;
    app.written();
    Ok(written(StatusCode::OK, &rev))
}

/// Which revision to bring back.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
pub struct RestoreBody {
    pub seq: i64,
}

/// Makes a past state of a record current again (also of a deleted one).
#[utoipa::path(post, path = "/api/v1/records/{id}/restore", tag = "revisions", security(("bearer" = [])),
    params(("id" = String, Path, description = "The record's id"),
           ("reason" = Option<String>, Query, description = "Why")),
    request_body = RestoreBody,
    responses((status = 200, body = WriteBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn restore<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(raw_id): Path<String>,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = RecordId::parse(&raw_id).map_err(|_| ApiError::not_found("record", &raw_id))?;
    let wanted: RestoreBody = serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(&body))
        .map_err(|e| ApiError::bad_param(&e.path().to_string(), format!("{}", e.inner())))?;
    let rev = restore_revision(&app, &viewer, &id, wanted.seq, params.text("reason").map(str::to_owned)).await?;
    Ok(written(StatusCode::OK, &rev))
}

/// The application's restore, and the search index told.
async fn restore_revision<S: Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    id: &RecordId,
    seq: i64,
    reason: Option<String>,
) -> Result<Revision, ApiError> {
    let rev = records::restore(&app.store, viewer, id, seq, reason).await?;
    app.written();
    Ok(rev)
}

macro_rules! write_routes {
    ($kind:expr, $schema:ty, $tag:literal, $collection:literal, $item:literal, $create:ident, $update:ident, $delete:ident) => {
        #[doc = concat!("Creates a ", $tag, "; the id may be left out.")]
        #[utoipa::path(post, path = $collection, tag = $tag, security(("bearer" = [])),
            params(("reason" = Option<String>, Query, description = "Why")),
            request_body = $schema,
            responses((status = 201, body = WriteBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
                      (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody),
                      (status = 422, body = ErrorBody)))]
        pub async fn $create<S: Store>(State(app): State<AppState<S>>, viewer: Viewer, params: Params, body: Bytes) -> Result<Response, ApiError> {
            create(app, viewer, $kind, params, body).await
        }

        #[doc = concat!("Replaces a ", $tag, "'s state.")]
        #[utoipa::path(put, path = $item, tag = $tag, security(("bearer" = [])),
            params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
            request_body = $schema,
            responses((status = 200, body = WriteBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
                      (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 413, body = ErrorBody),
                      (status = 422, body = ErrorBody)))]
        pub async fn $update<S: Store>(
            State(app): State<AppState<S>>,
            viewer: Viewer,
            Path(id): Path<String>,
            params: Params,
            body: Bytes,
        ) -> Result<Response, ApiError> {
            update(app, viewer, $kind, id, params, body).await
        }

        #[doc = concat!("Deletes a ", $tag, " (it stays restorable); refused while other records refer to it.")]
        #[utoipa::path(delete, path = $item, tag = $tag, security(("bearer" = [])),
            params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
            responses((status = 200, body = WriteBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
                      (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
        pub async fn $delete<S: Store>(
            State(app): State<AppState<S>>,
            viewer: Viewer,
            Path(id): Path<String>,
            params: Params,
        ) -> Result<Response, ApiError> {
            delete(app, viewer, $kind, id, params).await
        }
    };
}

use vigil_core::{
    Assessment, Case, Event, Mechanism, Organisation, Person, Pledge, RatingRule, Recommendation, Review, Source,
};

write_routes!(
    RecordKind::Person,
    Person,
    "persons",
    "/api/v1/persons",
    "/api/v1/persons/{id}",
    create_person,
    update_person,
    delete_person
);
write_routes!(
    RecordKind::Organisation,
    Organisation,
    "organisations",
    "/api/v1/organisations",
    "/api/v1/organisations/{id}",
    create_organisation,
    update_organisation,
    delete_organisation
);
write_routes!(
    RecordKind::Event,
    Event,
    "events",
    "/api/v1/events",
    "/api/v1/events/{id}",
    create_event,
    update_event,
    delete_event
);
write_routes!(
    RecordKind::Case,
    Case,
    "cases",
    "/api/v1/cases",
    "/api/v1/cases/{id}",
    create_case,
    update_case,
    delete_case
);
write_routes!(
    RecordKind::Source,
    Source,
    "sources",
    "/api/v1/sources",
    "/api/v1/sources/{id}",
    create_source,
    update_source,
    delete_source
);
write_routes!(
    RecordKind::Mechanism,
    Mechanism,
    "mechanisms",
    "/api/v1/mechanisms",
    "/api/v1/mechanisms/{id}",
    create_mechanism,
    update_mechanism,
    delete_mechanism
);
write_routes!(
    RecordKind::Review,
    Review,
    "reviews",
    "/api/v1/reviews",
    "/api/v1/reviews/{id}",
    create_review,
    update_review,
    delete_review
);
write_routes!(
    RecordKind::Recommendation,
    Recommendation,
    "recommendations",
    "/api/v1/recommendations",
    "/api/v1/recommendations/{id}",
    create_recommendation,
    update_recommendation,
    delete_recommendation
);
write_routes!(
    RecordKind::Pledge,
    Pledge,
    "pledges",
    "/api/v1/pledges",
    "/api/v1/pledges/{id}",
    create_pledge,
    update_pledge,
    delete_pledge
);
write_routes!(
    RecordKind::Assessment,
    Assessment,
    "assessments",
    "/api/v1/assessments",
    "/api/v1/assessments/{id}",
    create_assessment,
    update_assessment,
    delete_assessment
);
write_routes!(
    RecordKind::RatingRule,
    RatingRule,
    "rating-rules",
    "/api/v1/rating-rules",
    "/api/v1/rating-rules/{id}",
    create_rating_rule,
    update_rating_rule,
    delete_rating_rule
);
