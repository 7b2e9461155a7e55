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
use vigil_app::campaigns::signing::{self, SignInput};
use vigil_app::campaigns::{organising, outcomes};
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
    /// Always `check_your_email`, whatever the language.
    pub status: &'static str,
    /// In the language `Accept-Language` asks for (else English).
    pub message: String,
}

impl Accepted {
    /// The answer, its message in `lang`.
    pub fn in_language(lang: vigil_app::i18n::Lang) -> Self {
        Accepted {
            status: "check_your_email",
            message: lang.tr("campaign-signed"),
        }
    }
}

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

/// The campaign at the path's `slug`, whatever its state (for editors'
/// reads and writes): not found when `raw` is no slug or names none.
async fn campaign_at<S: Campaigns>(app: &AppState<S>, raw: &str) -> Result<(campaign::Slug, CampaignRow), ApiError> {
    let slug = signing::slug_of(raw)?;
    let row = app.store.campaign(slug.as_str()).await?;
    Ok((slug, row))
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
    let (slug, _) = campaign_at(&app, &slug).await?;
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
    // The message follows `Accept-Language`, as the API's errors do.
    let lang = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(vigil_app::i18n::Lang::from_accept_language)
        .unwrap_or_default();
    Ok((StatusCode::ACCEPTED, Json(Accepted::in_language(lang))).into_response())
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
    let (slug, _) = campaign_at(&app, &slug).await?;
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
    let (slug, _) = campaign_at(&app, &slug).await?;
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
    let (_, row) = campaign_at(&app, &slug).await?;
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
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    Ok(Json(organising::audit(&app.store, &viewer, &slug).await?))
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
    let (slug, _) = campaign_at(&app, &slug).await?;
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

/// A target's response, as recorded.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ResponseBody {
    pub id: i64,
    pub target: String,
    pub text: String,
    /// YYYY-MM-DD
    pub date: String,
    pub link: Option<String>,
    pub at: String,
    pub author: String,
}

/// A target's response, as sent.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseInputBody {
    /// Who responded
    #[schema(min_length = 1, max_length = 300)]
    pub target: String,
    #[schema(min_length = 1, max_length = 20000)]
    pub text: String,
    /// The day of the response, not in the future
    #[schema(format = Date, pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", example = "2026-12-01")]
    pub date: String,
    /// Where it can be read: https:// or http://
    #[schema(pattern = "^https?://[^\\s]+$", max_length = 2000)]
    pub link: Option<String>,
}

/// The campaign's result, as sent.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultInputBody {
    #[schema(value_type = String, pattern = "^(won|partly_won|lost|ongoing)$")]
    pub result: String,
    #[schema(max_length = 5000)]
    pub note: Option<String>,
}

/// The campaign's result, as recorded.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ResultBody {
    /// won, partly_won, lost or ongoing
    pub result: String,
    pub note: String,
    pub at: String,
    pub author: String,
}

/// A milestone reached, and the updates it queued.
#[derive(Serialize, utoipa::ToSchema)]
pub struct MilestoneBody {
    /// goal, or response-N
    pub milestone: String,
    pub at: String,
    pub messages: u64,
    /// Recorded by the confirmation that reached the goal, its updates
    /// not written yet (for a moment, or until the next jobs run after a
    /// crash).
    pub pending: bool,
}

/// News of a campaign's person from the status engine since the campaign began.
#[derive(Serialize, utoipa::ToSchema)]
pub struct NewsBody {
    pub person: String,
    pub name: String,
    /// released, or new
    pub change: String,
    pub restraint: String,
}

/// What a campaign achieved, and what the organisers should know.
#[derive(Serialize, utoipa::ToSchema)]
pub struct OutcomeBody {
    pub result: Option<ResultBody>,
    pub responses: Vec<ResponseBody>,
    pub milestones: Vec<MilestoneBody>,
    /// When not empty: update the campaign or close it.
    pub news: Vec<NewsBody>,
}

/// The campaign's result, responses, milestones and the status engine's
/// news about its persons (editors).
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/outcome", tag = "campaigns", operation_id = "campaign_outcome",
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, body = OutcomeBody), ShowErrors, AuthErrors),
    security(("bearer" = [])))]
pub async fn outcome<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let (slug, row) = campaign_at(&app, &slug).await?;
    let news = outcomes::news(&app.store, &viewer, &row).await?;
    Ok(Json(serde_json::json!({
        "result": app.store.result(slug.as_str()).await?,
        "responses": app.store.responses(slug.as_str()).await?,
        "milestones": app.store.milestones(slug.as_str()).await?,
        "news": news,
    })))
}

/// Records a target's response (editors); signers who opted in are told.
#[utoipa::path(post, path = "/api/v1/campaigns/{slug}/responses", tag = "campaigns", operation_id = "create_response", request_body = ResponseInputBody,
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 201, body = ResponseBody), ShowErrors, AuthErrors, BodyErrors),
    security(("bearer" = [])))]
pub async fn create_response<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    headers: HeaderMap,
    JsonBytes(body): JsonBytes,
) -> Result<Response, ApiError> {
    app.campaigns
        .remember_base(&base_url(&app.campaigns.config.public_url, &headers));
    let r = outcomes::record_response(&app.campaigns, &app.store, &viewer, &slug, &body).await?;
    app.campaigns.mail_waiting.notify_one();
    Ok((StatusCode::CREATED, Json(r)).into_response())
}

/// Records the campaign's result (editors).
#[utoipa::path(put, path = "/api/v1/campaigns/{slug}/result", tag = "campaigns", operation_id = "set_campaign_result", request_body = ResultInputBody,
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, body = ResultBody), ShowErrors, AuthErrors, BodyErrors),
    security(("bearer" = [])))]
pub async fn set_result<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    JsonBytes(body): JsonBytes,
) -> Result<Json<vigil_store::campaigns::ResultEntry>, ApiError> {
    Ok(Json(outcomes::record_result(&app.store, &viewer, &slug, &body).await?))
}

/// A partner's link, as listed (its token is shown once, at creation).
#[derive(Serialize, utoipa::ToSchema)]
pub struct PartnerLinkBody {
    pub id: i64,
    pub partner: String,
    pub created_at: String,
    pub author: String,
    pub revoked_at: Option<String>,
}

/// Who a partner's link is for.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerInputBody {
    /// The union or organisation that asked for the campaign
    #[schema(min_length = 1, max_length = 200)]
    pub partner: String,
}

/// A new partner link: the address to give, shown only now.
#[derive(Serialize, utoipa::ToSchema)]
pub struct NewPartnerLinkBody {
    pub link: PartnerLinkBody,
    pub token: String,
    pub url: String,
}

/// The partners' links of a campaign (editors).
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/partners", tag = "campaigns", operation_id = "list_partner_links",
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, body = Vec<PartnerLinkBody>), ShowErrors, AuthErrors),
    security(("bearer" = [])))]
pub async fn partners<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    Path(slug): Path<String>,
) -> Result<Json<Vec<vigil_store::campaigns::PartnerLink>>, ApiError> {
    let (slug, _) = campaign_at(&app, &slug).await?;
    Ok(Json(app.store.partner_links(slug.as_str()).await?))
}

/// Gives a partner a link to the campaign's counts and named signers
/// (editors). The token is shown once; only its hash is kept.
#[utoipa::path(post, path = "/api/v1/campaigns/{slug}/partners", tag = "campaigns", operation_id = "create_partner_link", request_body = PartnerInputBody,
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 201, body = NewPartnerLinkBody), ShowErrors, AuthErrors, BodyErrors),
    security(("bearer" = [])))]
pub async fn create_partner<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    headers: HeaderMap,
    JsonBytes(body): JsonBytes,
) -> Result<Response, ApiError> {
    let (link, token) = outcomes::create_partner_link(&app.store, &viewer, &slug, &body).await?;
    let url = format!(
        "{}/partner?token={token}",
        base_url(&app.campaigns.config.public_url, &headers)
    );
    Ok((
        StatusCode::CREATED,
        [(header::CACHE_CONTROL, "no-store")],
        Json(serde_json::json!({ "link": link, "token": token, "url": url })),
    )
        .into_response())
}

/// Ends a partner's link (editors).
#[utoipa::path(post, path = "/api/v1/campaigns/{slug}/partners/{id}/revoke", tag = "campaigns", operation_id = "revoke_partner_link",
    params(("slug" = String, Path, description = "The campaign's slug"), ("id" = i64, Path, minimum = 1, maximum = 9_223_372_036_854_775_807_i64, description = "The link's number")),
    responses((status = 200, body = PartnerLinkBody), ShowErrors, AuthErrors, BodyErrors),
    security(("bearer" = [])))]
pub async fn revoke_partner<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Json<vigil_store::campaigns::PartnerLink>, ApiError> {
    Ok(Json(
        outcomes::revoke_partner_link(&app.store, &viewer, &slug, id).await?,
    ))
}

/// What a partner's link shows.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PartnerViewBody {
    pub slug: String,
    pub title: String,
    pub confirmed: u64,
    pub by_country: std::collections::BTreeMap<String, u64>,
    /// By the organisation signers gave ("" for none)
    pub by_organisation: std::collections::BTreeMap<String, u64>,
    /// Signers who chose to be named
    pub named: Vec<String>,
}

#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PartnerQuery {
    /// The token of a partner's link
    #[param(pattern = "^[0-9a-f]{64}$")]
    pub token: String,
}

/// A campaign as its partner sees it, by the token of their link: counts
/// by country and by organisation, and the signers who chose to be named.
/// An unknown or revoked token is 404.
#[utoipa::path(get, path = "/api/v1/partner", tag = "campaigns", operation_id = "partner_view",
    params(PartnerQuery),
    responses((status = 200, body = PartnerViewBody), ShowErrors))]
pub async fn partner_view<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    params: crate::params::Params,
) -> Result<Response, ApiError> {
    let token = params
        .text("token")
        .ok_or_else(|| ApiError::bad_param("token", "the token of a partner's link is required"))?;
    let view = outcomes::partner_view(&app.campaigns, &app.store, token).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(view)).into_response())
}
