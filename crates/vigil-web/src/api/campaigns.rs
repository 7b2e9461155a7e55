//! `/api/v1/campaigns`: campaigns (editors create and edit them), signing
//! (public), counts (public, from memory), and the organisers' and
//! admins' tools: export, deliveries, audit, invalidation.
//!
//! The gate lets anyone sign (`POST …/signatures`, no session, no CSRF:
//! signing uses no one's authority), keeps export, deliveries, audit and
//! recount to editors, and invalidation to admins.

use super::write::JsonBytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use vigil_app::campaigns::organising;
use vigil_app::campaigns::signing::{self, SignInput};
use vigil_core::campaign::{self, Campaign};
use vigil_store::campaigns::{AuditEntry, CampaignRow, Campaigns, Delivery, Invalidation};

use super::spec::{AuthErrors, BodyErrors, ShowErrors};
use super::ListBody;
use crate::error::{ApiError, ErrorBody};
use crate::origin::base_url;
use crate::{AppState, Viewer};

/// The answer to every accepted signature, new or repeated: it never
/// tells whether an address had signed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Accepted {
    pub status: &'static str,
    pub message: &'static str,
}

pub const ACCEPTED: Accepted = Accepted {
    status: "check_your_email",
    message: "Thank you. Check your inbox: your signature counts once you confirm it with the link we sent.",
};

/// A proof-of-work challenge for one signature.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Challenge {
    pub challenge: String,
    pub bits: u32,
}

/// The public counts.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CountBody {
    pub confirmed: u64,
    pub by_country: std::collections::BTreeMap<String, u64>,
    pub by_language: std::collections::BTreeMap<String, u64>,
    /// Confirmed signatures removed by invalidations.
    pub invalidated: u64,
}

/// A campaign as `viewer` may see it (drafts and incomplete versions are
/// for editors only).
pub(crate) async fn visible_campaign<S: Campaigns + vigil_store::Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    raw: &str,
) -> Result<CampaignRow, ApiError> {
    Ok(signing::visible_campaign(&app.campaigns, &app.store, viewer, raw).await?)
}

/// Every campaign the caller may see, as every list answers:
/// `{"items": [...], "total": N}`.
#[utoipa::path(get, path = "/api/v1/campaigns", tag = "campaigns", operation_id = "list_campaigns",
    responses((status = 200, body = ListBody<Campaign>)))]
pub async fn list<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
) -> Result<Json<ListBody<Campaign>>, ApiError> {
    let items = signing::visible_campaigns(&app.store, &viewer).await?;
    let total = items.len() as u64;
    Ok(Json(ListBody { items, total }))
}

/// Creates a campaign (editors).
#[utoipa::path(post, path = "/api/v1/campaigns", tag = "campaigns", operation_id = "create_campaign", request_body = Campaign,
    responses((status = 201, body = Campaign), ShowErrors, AuthErrors, BodyErrors),
    security(("bearer" = [])))]
pub async fn create<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    JsonBytes(body): JsonBytes,
) -> Result<Response, ApiError> {
    let c = organising::create(&app.store, &viewer, &body).await?;
    Ok((StatusCode::CREATED, Json(c)).into_response())
}

/// One campaign (drafts and incomplete versions only for editors).
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}", tag = "campaigns", operation_id = "show_campaign",
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, body = Campaign), ShowErrors))]
pub async fn show<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Json<Campaign>, ApiError> {
    Ok(Json(visible_campaign(&app, &viewer, &slug).await?.campaign))
}

/// Replaces a campaign (editors); its slug cannot change.
#[utoipa::path(put, path = "/api/v1/campaigns/{slug}", tag = "campaigns", operation_id = "update_campaign", request_body = Campaign,
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, body = Campaign), ShowErrors, AuthErrors, BodyErrors),
    security(("bearer" = [])))]
pub async fn update<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    JsonBytes(body): JsonBytes,
) -> Result<Json<Campaign>, ApiError> {
    Ok(Json(
        organising::update(&app.campaigns, &app.store, &viewer, &slug, &body).await?,
    ))
}

/// The confirmed count, by country and by language, from memory. Cached by
/// clients and proxies for a few seconds: reloads never reach the database.
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/count", tag = "campaigns", operation_id = "count_campaign",
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, body = CountBody, headers(("Cache-Control" = String))), ShowErrors))]
pub async fn count<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    // Known campaigns answer from memory; an unknown one is looked up once.
    let cached = match app.campaigns.cached_count(&app.store, &slug) {
        Some(c) => c,
        None => {
            visible_campaign(&app, &viewer, &slug).await?;
            app.campaigns.count(&app.store, &slug).await?
        }
    };
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=5, stale-while-revalidate=30"),
        ],
        cached.body,
    )
        .into_response())
}

/// Counts afresh from the database (editors).
#[utoipa::path(post, path = "/api/v1/campaigns/{slug}/recount", tag = "campaigns", operation_id = "recount_campaign",
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, body = CountBody), ShowErrors, AuthErrors, BodyErrors),
    security(("bearer" = [])))]
pub async fn recount<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let slug = signing::slug_of(&slug)?;
    app.store.campaign(slug.as_str()).await?;
    let c = app.campaigns.recount(&app.store, slug.as_str()).await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], c.body).into_response())
}

/// A proof-of-work challenge for one signature.
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/challenge", tag = "campaigns", operation_id = "campaign_challenge",
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, body = Challenge), ShowErrors))]
pub async fn challenge<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let row = visible_campaign(&app, &viewer, &slug).await?;
    let secret = app.store.derived_secret("campaign proof of work");
    let body = Challenge {
        challenge: app.campaigns.challenge(&secret, row.campaign.slug.as_str()),
        bits: app.campaigns.config.pow_bits,
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

/// Signs a campaign (public). The answer is the same for a new and a
/// repeated address; the signature counts once confirmed by the emailed
/// link. 202 means committed.
#[utoipa::path(post, path = "/api/v1/campaigns/{slug}/signatures", tag = "campaigns", operation_id = "create_signature", request_body = SignInput,
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 202, body = Accepted), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "the campaign is closed"), (status = 429, body = ErrorBody)))]
pub async fn create_signature<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    client: crate::Client,
    Path(slug): Path<String>,
    headers: HeaderMap,
    JsonBytes(body): JsonBytes,
) -> Result<Response, ApiError> {
    let input: SignInput = vigil_app::read_json(&body)?;
    let base = base_url(&app.campaigns.config.public_url, &headers);
    signing::sign(&app.campaigns, &app.store, &slug, client.ip, &base, input, false)
        .await
        .map_err(vigil_app::AppError::from)?;
    Ok((StatusCode::ACCEPTED, Json(ACCEPTED)).into_response())
}

/// Every signature that still has its personal data, as CSV (editors).
/// Cells are quoted, and a cell a spreadsheet would run as a formula is
/// prefixed with an apostrophe.
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/signatures.csv", tag = "campaigns", operation_id = "export_signatures",
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, content_type = "text/csv", body = String), ShowErrors, AuthErrors),
    security(("bearer" = [])))]
pub async fn export<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let slug = signing::slug_of(&slug)?;
    app.store.campaign(slug.as_str()).await?;
    let rows = app.store.export(slug.as_str()).await?;
    let fmt = |t: time::OffsetDateTime| {
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    };
    let mut out = String::from(
        "name,email,organisation,country,language,signed_at,confirmed_at,opt_in,opt_in_at,named,invalidated\r\n",
    );
    for r in rows {
        let cells = [
            r.name,
            r.email,
            r.organisation.unwrap_or_default(),
            r.country,
            r.language,
            fmt(r.signed_at),
            r.confirmed_at.map(fmt).unwrap_or_default(),
            r.opt_in.unwrap_or_default(),
            r.opt_in_at.map(fmt).unwrap_or_default(),
            r.named.to_string(),
            r.invalidated.to_string(),
        ];
        out.push_str(
            &cells
                .iter()
                .map(|c| campaign::csv_cell(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{slug}-signatures.csv\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        out,
    )
        .into_response())
}

/// Digests sent to the targets, newest first, with their status (editors).
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/deliveries", tag = "campaigns", operation_id = "list_deliveries",
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, body = Vec<DeliveryBody>), ShowErrors, AuthErrors),
    security(("bearer" = [])))]
pub async fn deliveries<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    Path(slug): Path<String>,
) -> Result<Json<Vec<Delivery>>, ApiError> {
    let slug = signing::slug_of(&slug)?;
    app.store.campaign(slug.as_str()).await?;
    Ok(Json(app.store.deliveries(slug.as_str()).await?))
}

/// A delivery (see `Delivery` in the store).
#[derive(Serialize, utoipa::ToSchema)]
pub struct DeliveryBody {
    pub at: String,
    pub target: String,
    pub signatures: u64,
    /// queued, sent or failed
    pub status: String,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub sent_at: Option<String>,
}

/// How many digests were queued.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Queued {
    pub queued: usize,
}

/// How many signatures an invalidation would remove.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WouldRemove {
    pub would_remove: u64,
}

/// Sends each target a digest now (editors).
#[utoipa::path(post, path = "/api/v1/campaigns/{slug}/deliveries", tag = "campaigns", operation_id = "deliver_campaign",
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 202, body = Queued, description = "The digests are queued"), ShowErrors, AuthErrors, BodyErrors),
    security(("bearer" = [])))]
pub async fn deliver<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let slug = signing::slug_of(&slug)?;
    let row = app.store.campaign(slug.as_str()).await?;
    let n = vigil_app::campaigns::send_digests(&app.campaigns, &app.store, &row.campaign, true).await?;
    Ok((StatusCode::ACCEPTED, Json(Queued { queued: n })).into_response())
}

/// Who changed the campaign, when, and how (editors).
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/audit", tag = "campaigns", operation_id = "campaign_audit",
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, body = Vec<AuditBody>), ShowErrors, AuthErrors),
    security(("bearer" = [])))]
pub async fn audit<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    Path(slug): Path<String>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    let slug = signing::slug_of(&slug)?;
    app.store.campaign(slug.as_str()).await?;
    Ok(Json(app.store.campaign_audit(slug.as_str()).await?))
}

/// An audit entry.
#[derive(Serialize, utoipa::ToSchema)]
pub struct AuditBody {
    pub at: String,
    pub author: String,
    pub action: String,
    pub detail: String,
}

/// Which signatures an invalidation removes.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FilterBody {
    /// CIDR: `203.0.113.0/24`
    pub ip_range: Option<String>,
    pub domain: Option<String>,
    /// RFC 3339
    pub from: Option<String>,
    /// RFC 3339
    pub until: Option<String>,
}

/// How many signatures an invalidation would remove (admins).
#[utoipa::path(post, path = "/api/v1/campaigns/{slug}/invalidations/preview", tag = "campaigns", operation_id = "preview_invalidation", request_body = FilterBody,
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, body = WouldRemove), ShowErrors, AuthErrors, BodyErrors),
    security(("bearer" = [])))]
pub async fn preview<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    JsonBytes(body): JsonBytes,
) -> Result<Response, ApiError> {
    let n = organising::preview(&app.store, &viewer, &slug, &body).await?;
    Ok(Json(WouldRemove { would_remove: n }).into_response())
}

/// Invalidates signatures (admins): recorded with who and when, reversible.
#[utoipa::path(post, path = "/api/v1/campaigns/{slug}/invalidations", tag = "campaigns", operation_id = "create_invalidation", request_body = FilterBody,
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 201, body = InvalidationBody), ShowErrors, AuthErrors, BodyErrors),
    security(("bearer" = [])))]
pub async fn invalidate<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    JsonBytes(body): JsonBytes,
) -> Result<Response, ApiError> {
    let inv = organising::invalidate(&app.campaigns, &app.store, &viewer, &slug, &body).await?;
    Ok((StatusCode::CREATED, Json(inv)).into_response())
}

/// An invalidation and its audit.
#[derive(Serialize, utoipa::ToSchema)]
pub struct InvalidationBody {
    pub id: i64,
    pub campaign: String,
    pub author: String,
    pub at: String,
    pub removed: u64,
    pub reverted_at: Option<String>,
    pub reverted_by: Option<String>,
}

/// The invalidations of a campaign (admins).
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/invalidations", tag = "campaigns", operation_id = "list_invalidations",
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, body = Vec<InvalidationBody>), ShowErrors, AuthErrors),
    security(("bearer" = [])))]
pub async fn invalidations<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    Path(slug): Path<String>,
) -> Result<Json<Vec<Invalidation>>, ApiError> {
    let slug = signing::slug_of(&slug)?;
    app.store.campaign(slug.as_str()).await?;
    Ok(Json(app.store.invalidations(slug.as_str()).await?))
}

/// Puts back what an invalidation removed (admins).
#[utoipa::path(post, path = "/api/v1/campaigns/{slug}/invalidations/{id}/revert", tag = "campaigns", operation_id = "revert_invalidation",
    params(("slug" = String, Path, description = "The campaign's slug"), ("id" = i64, Path, minimum = 1, maximum = 9_223_372_036_854_775_807_i64, description = "The invalidation's number")),
    responses((status = 200, body = InvalidationBody), ShowErrors, AuthErrors, BodyErrors),
    security(("bearer" = [])))]
pub async fn revert<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Json<Invalidation>, ApiError> {
    Ok(Json(
        organising::revert(&app.campaigns, &app.store, &viewer, &slug, id).await?,
    ))
}
