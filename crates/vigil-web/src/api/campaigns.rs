//! `/api/v1/campaigns`: campaigns (editors create and edit them), signing
//! (public), counts (public, from memory), and the organisers' and
//! admins' tools: export, deliveries, audit, invalidation.
//!
//! The gate lets anyone sign (`POST …/signatures`, no session, no CSRF:
//! signing uses no one's authority), keeps export, deliveries, audit and
//! recount to editors, and invalidation to admins.

use std::net::{IpAddr, SocketAddr};

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use vigil_core::campaign::{self, Campaign, Country, Email, Language, Slug};
use vigil_store::campaigns::{
    AuditEntry, CampaignRow, Campaigns, Delivery, Filter, Invalidation, Mail, NewSignature, Op, Outcome,
};
use vigil_store::StoreError;

use crate::error::{ApiError, ErrorBody};
use crate::{AppState, Viewer};

/// What a signer sends (JSON, or the public page's form).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct SignInput {
    pub name: Option<String>,
    pub email: Option<String>,
    /// ISO 3166 alpha-2.
    pub country: Option<String>,
    /// ISO 639: the version the signer read.
    pub language: Option<String>,
    pub organisation: Option<String>,
    /// The unticked mailing-list box.
    #[serde(default)]
    pub opt_in: bool,
    /// Whether the signer's name may go to the targets.
    #[serde(default)]
    pub named: bool,
    /// Left empty by people (hidden on the page); bots fill it.
    pub website: Option<String>,
    /// From `GET …/challenge`.
    pub pow_challenge: Option<String>,
    /// A nonce such that SHA-256(challenge ":" nonce) starts with `bits` zero bits.
    pub pow_nonce: Option<String>,
}

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

fn slug_of(raw: &str) -> Result<Slug, ApiError> {
    Slug::parse(raw).map_err(|_| ApiError::not_found("campaign", raw))
}

/// A campaign as `viewer` may see it: drafts and incomplete versions are
/// for editors only.
pub(crate) async fn visible_campaign<S: Campaigns>(
    app: &AppState<S>,
    viewer: &Viewer,
    raw: &str,
) -> Result<CampaignRow, ApiError> {
    let slug = slug_of(raw)?;
    let mut row = app.campaigns.campaign(&app.store, slug.as_str()).await?;
    if !viewer.may_write() {
        if row.campaign.state == campaign::CampaignState::Draft {
            return Err(ApiError::not_found("campaign", raw));
        }
        row.campaign.versions.retain(|v| v.is_complete());
        row.campaign.targets.iter_mut().for_each(|t| t.email.clear());
    }
    Ok(row)
}

fn parse_campaign(body: &[u8]) -> Result<Campaign, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    let c: Campaign = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        ApiError::bad_param(if path == "." { "body" } else { &path }, e.into_inner().to_string())
    })?;
    c.check().map_err(|errors| {
        let first = &errors[0];
        let mut e = ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; "),
        );
        e.detail.field = Some(first.field.clone());
        e
    })
}

async fn check_links<S: Campaigns + vigil_store::Store>(store: &S, c: &Campaign) -> Result<(), ApiError> {
    use vigil_store::{StoreExt, Visibility};
    if let Some(case) = &c.case {
        store
            .case(case, Visibility::Confidential)
            .await
            .map_err(|_| ApiError::bad_param("case", format!("no case '{case}'")))?;
    }
    for p in &c.persons {
        store
            .person(p, Visibility::Confidential)
            .await
            .map_err(|_| ApiError::bad_param("persons", format!("no person '{p}'")))?;
    }
    Ok(())
}

/// Every campaign the caller may see.
#[utoipa::path(get, path = "/api/v1/campaigns", tag = "campaigns",
    responses((status = 200, body = Vec<Campaign>)))]
pub async fn list<S: Campaigns>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
) -> Result<Json<Vec<Campaign>>, ApiError> {
    let rows = app.store.campaigns().await?;
    Ok(Json(
        rows.into_iter()
            .filter(|r| viewer.may_write() || r.campaign.state != campaign::CampaignState::Draft)
            .map(|r| r.campaign)
            .collect(),
    ))
}

/// Creates a campaign (editors).
#[utoipa::path(post, path = "/api/v1/campaigns", tag = "campaigns", request_body = Campaign,
    responses((status = 201, body = Campaign), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    body: Bytes,
) -> Result<Response, ApiError> {
    let c = parse_campaign(&body)?;
    check_links(&app.store, &c).await?;
    app.store.create_campaign(&c, &viewer.author()).await?;
    Ok((StatusCode::CREATED, Json(c)).into_response())
}

/// One campaign (drafts and incomplete versions only for editors).
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}", tag = "campaigns",
    params(("slug" = String, Path)),
    responses((status = 200, body = Campaign), (status = 404, body = ErrorBody)))]
pub async fn show<S: Campaigns>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Json<Campaign>, ApiError> {
    Ok(Json(visible_campaign(&app, &viewer, &slug).await?.campaign))
}

/// Replaces a campaign (editors); its slug cannot change.
#[utoipa::path(put, path = "/api/v1/campaigns/{slug}", tag = "campaigns", request_body = Campaign,
    params(("slug" = String, Path)),
    responses((status = 200, body = Campaign), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn update<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Json<Campaign>, ApiError> {
    let slug = slug_of(&slug)?;
    let c = parse_campaign(&body)?;
    if c.slug != slug {
        return Err(ApiError::bad_param(
            "slug",
            "the slug in the body differs from the address",
        ));
    }
    check_links(&app.store, &c).await?;
    app.store.update_campaign(&c, &viewer.author()).await?;
    app.campaigns.forget_campaign(slug.as_str());
    Ok(Json(c))
}

/// The confirmed count, by country and by language, from memory. Cached by
/// clients and proxies for a few seconds: reloads never reach the database.
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/count", tag = "campaigns",
    params(("slug" = String, Path)),
    responses((status = 200, body = CountBody, headers(("Cache-Control" = String))), (status = 404, body = ErrorBody)))]
pub async fn count<S: Campaigns>(
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
#[utoipa::path(post, path = "/api/v1/campaigns/{slug}/recount", tag = "campaigns",
    params(("slug" = String, Path)),
    responses((status = 200, body = CountBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn recount<S: Campaigns>(
    State(app): State<AppState<S>>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let slug = slug_of(&slug)?;
    app.store.campaign(slug.as_str()).await?;
    let c = app.campaigns.recount(&app.store, slug.as_str()).await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], c.body).into_response())
}

/// A proof-of-work challenge for one signature.
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/challenge", tag = "campaigns",
    params(("slug" = String, Path)),
    responses((status = 200, body = Challenge), (status = 404, body = ErrorBody)))]
pub async fn challenge<S: Campaigns>(
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

/// Why a signature was refused.
#[derive(Debug)]
pub(crate) struct Refusal(pub ApiError);

impl From<ApiError> for Refusal {
    fn from(e: ApiError) -> Self {
        Refusal(e)
    }
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        Refusal(e.into())
    }
}

fn bad(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::bad_param(field, message)
}

fn field_error(e: vigil_core::FieldError) -> ApiError {
    ApiError::bad_param(&e.field, e.message)
}

/// The base of links in messages.
pub(crate) fn base_url(app_public: &Option<String>, headers: &HeaderMap) -> String {
    if let Some(u) = app_public {
        return u.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)))
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// Checks and submits one signature; both the API and the page's form
/// come here. `form`: a browser form, which may come without a proof of
/// work (no JavaScript). Returns once the signature is committed.
pub(crate) async fn sign<S: Campaigns>(
    app: &AppState<S>,
    raw_slug: &str,
    ip: IpAddr,
    headers: &HeaderMap,
    input: SignInput,
    form: bool,
) -> Result<(), Refusal> {
    let slug = slug_of(raw_slug)?;
    let row = app.campaigns.campaign(&app.store, slug.as_str()).await?;
    let c = &row.campaign;
    if c.state == campaign::CampaignState::Draft {
        return Err(ApiError::not_found("campaign", raw_slug).into());
    }
    if !c.accepts_signatures(time::OffsetDateTime::now_utc().date()) {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "closed",
            "this campaign does not take signatures now",
        )
        .into());
    }
    if !app.campaigns.allow(ip) {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "too many signatures from your network: try again in a minute",
        )
        .into());
    }
    // The honeypot: a person never sees this field. A bot is answered as
    // if it had signed, and nothing is written.
    if input.website.as_deref().is_some_and(|w| !w.trim().is_empty()) {
        tracing::info!(slug = %slug, "honeypot filled: signature dropped");
        return Ok(());
    }
    let name = campaign::short_text("name", input.name.as_deref().unwrap_or_default(), 200).map_err(field_error)?;
    let email = Email::parse(input.email.as_deref().unwrap_or_default()).map_err(field_error)?;
    let country = Country::parse(input.country.as_deref().unwrap_or_default()).map_err(|e| field_error(e.into()))?;
    let language = match input.language.as_deref() {
        None | Some("") => c.versions[0].language.clone(),
        Some(l) => {
            let l = Language::parse(l).map_err(field_error)?;
            c.version_for([l.as_str()]).language.clone()
        }
    };
    let organisation = match input.organisation.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(o) => Some(campaign::short_text("organisation", o, 200).map_err(field_error)?),
    };
    if email.is_disposable(&app.campaigns.config.disposable_domains) {
        return Err(bad("email", "addresses from throwaway mail services are not accepted").into());
    }
    if app.campaigns.config.pow_bits > 0 {
        let secret = app.store.derived_secret("campaign proof of work");
        let challenge = input.pow_challenge.as_deref().unwrap_or_default();
        let nonce = input.pow_nonce.as_deref().filter(|n| !n.is_empty());
        if nonce.is_none() && !form {
            return Err(bad("pow_nonce", "a proof of work is required (GET …/challenge)").into());
        }
        app.campaigns
            .check_proof(&secret, slug.as_str(), challenge, nonce)
            .map_err(|m| bad("pow_nonce", m))?;
    }
    let id = vigil_store::campaigns::random_hex();
    let secret = crate::auth::credentials::random_token();
    let token_hash: [u8; 32] = sha256(secret.as_bytes());
    let version = c.version_for([language.as_str()]);
    let link = format!(
        "{}/campaigns/{}/confirm/{id}.{secret}",
        base_url(&app.campaigns.config.public_url, headers),
        slug
    );
    let mail = Mail {
        to: email.as_str().to_owned(),
        subject: format!("Confirm your signature: {}", version.title),
        body: format!(
            "Hello {name},\n\nThank you for signing \"{}\".\n\nYour signature counts once you confirm it by opening this link:\n\n{link}\n\n\
             The link works for {} days. If you did not sign, ignore this message: nothing more will be sent.\n",
            version.title,
            app.campaigns.config.token_lifetime.whole_days()
        ),
    };
    let mut signature = NewSignature {
        id,
        campaign: slug,
        name,
        email,
        organisation,
        country,
        language,
        opt_in: input.opt_in.then(|| campaign::OPT_IN_WORDING.to_owned()),
        named: input.named,
        ip: Some(ip),
        token_hash,
        token_expires_at: vigil_store::now() + app.campaigns.config.token_lifetime,
        mail,
        sealed: None,
    };
    // Sealing here, in parallel across requests, keeps the writer's work to the database.
    app.store.seal_signature(&mut signature)?;
    match app.campaigns.submit(&app.store, Op::Sign(Box::new(signature))).await {
        // A repeat gets the same answer as a first signature.
        Ok(Outcome::Signed | Outcome::AlreadySigned) => Ok(()),
        Ok(other) => {
            tracing::error!(?other, "unexpected outcome of a signature");
            Err(ApiError::internal().into())
        }
        Err(e) => {
            crate::error::log_failure(&*e);
            Err(ApiError::internal().into())
        }
    }
}

pub(crate) fn sha256(data: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(data).into()
}

/// Signs a campaign (public). The answer is the same for a new and a
/// repeated address; the signature counts once confirmed by the emailed
/// link. 202 means committed.
#[utoipa::path(post, path = "/api/v1/campaigns/{slug}/signatures", tag = "campaigns", request_body = SignInput,
    params(("slug" = String, Path)),
    responses((status = 202, body = Accepted), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "the campaign is closed"), (status = 429, body = ErrorBody)))]
pub async fn create_signature<S: Campaigns>(
    State(app): State<AppState<S>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(&body);
    let input: SignInput = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        bad(if path == "." { "body" } else { &path }, e.into_inner().to_string())
    })?;
    sign(&app, &slug, peer.ip(), &headers, input, false)
        .await
        .map_err(|r| r.0)?;
    Ok((StatusCode::ACCEPTED, Json(ACCEPTED)).into_response())
}

/// Every signature that still has its personal data, as CSV (editors).
/// Cells are quoted, and a cell a spreadsheet would run as a formula is
/// prefixed with an apostrophe.
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/signatures.csv", tag = "campaigns",
    params(("slug" = String, Path)),
    responses((status = 200, content_type = "text/csv", body = String), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn export<S: Campaigns>(
    State(app): State<AppState<S>>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let slug = slug_of(&slug)?;
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
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/deliveries", tag = "campaigns",
    params(("slug" = String, Path)),
    responses((status = 200, body = Vec<DeliveryBody>), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn deliveries<S: Campaigns>(
    State(app): State<AppState<S>>,
    Path(slug): Path<String>,
) -> Result<Json<Vec<Delivery>>, ApiError> {
    let slug = slug_of(&slug)?;
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

/// Sends each target a digest now (editors).
#[utoipa::path(post, path = "/api/v1/campaigns/{slug}/deliveries", tag = "campaigns",
    params(("slug" = String, Path)),
    responses((status = 202, description = "queued"), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn deliver<S: Campaigns>(
    State(app): State<AppState<S>>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let slug = slug_of(&slug)?;
    let row = app.store.campaign(slug.as_str()).await?;
    let n = crate::campaigns::send_digests(&app.campaigns, &app.store, &row.campaign, true).await?;
    Ok((StatusCode::ACCEPTED, Json(serde_json::json!({ "queued": n }))).into_response())
}

/// Who changed the campaign, when, and how (editors).
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/audit", tag = "campaigns",
    params(("slug" = String, Path)),
    responses((status = 200, body = Vec<AuditBody>), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn audit<S: Campaigns>(
    State(app): State<AppState<S>>,
    Path(slug): Path<String>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    let slug = slug_of(&slug)?;
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
pub struct FilterBody {
    /// CIDR: `203.0.113.0/24`
    pub ip_range: Option<String>,
    pub domain: Option<String>,
    /// RFC 3339
    pub from: Option<String>,
    /// RFC 3339
    pub until: Option<String>,
}

fn parse_filter(body: &[u8]) -> Result<Filter, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    let f: Filter = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        bad(if path == "." { "body" } else { &path }, e.into_inner().to_string())
    })?;
    f.ip_bounds()?;
    if f.is_empty() {
        return Err(bad("filter", "name an address range, a domain or a time window"));
    }
    Ok(f)
}

/// How many signatures an invalidation would remove (admins).
#[utoipa::path(post, path = "/api/v1/campaigns/{slug}/invalidations/preview", tag = "campaigns", request_body = FilterBody,
    params(("slug" = String, Path)),
    responses((status = 200, description = "`{\"would_remove\": N}`"), (status = 400, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn preview<S: Campaigns>(
    State(app): State<AppState<S>>,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let slug = slug_of(&slug)?;
    app.store.campaign(slug.as_str()).await?;
    let f = parse_filter(&body)?;
    let n = app.store.preview_invalidation(slug.as_str(), &f).await?;
    Ok(Json(serde_json::json!({ "would_remove": n })).into_response())
}

/// Invalidates signatures (admins): recorded with who and when, reversible.
#[utoipa::path(post, path = "/api/v1/campaigns/{slug}/invalidations", tag = "campaigns", request_body = FilterBody,
    params(("slug" = String, Path)),
    responses((status = 201, body = InvalidationBody), (status = 400, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn invalidate<S: Campaigns>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let slug = slug_of(&slug)?;
    let f = parse_filter(&body)?;
    let inv = app.store.invalidate(slug.as_str(), &f, &viewer.author()).await?;
    app.campaigns.recount(&app.store, slug.as_str()).await?;
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
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/invalidations", tag = "campaigns",
    params(("slug" = String, Path)),
    responses((status = 200, body = Vec<InvalidationBody>)),
    security(("bearer" = [])))]
pub async fn invalidations<S: Campaigns>(
    State(app): State<AppState<S>>,
    Path(slug): Path<String>,
) -> Result<Json<Vec<Invalidation>>, ApiError> {
    let slug = slug_of(&slug)?;
    app.store.campaign(slug.as_str()).await?;
    Ok(Json(app.store.invalidations(slug.as_str()).await?))
}

/// Puts back what an invalidation removed (admins).
#[utoipa::path(post, path = "/api/v1/campaigns/{slug}/invalidations/{id}/revert", tag = "campaigns",
    params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = InvalidationBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn revert<S: Campaigns>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Json<Invalidation>, ApiError> {
    let slug = slug_of(&slug)?;
    let known = app.store.invalidations(slug.as_str()).await?;
    if !known.iter().any(|i| i.id == id) {
        return Err(ApiError::not_found("invalidation", &id.to_string()));
    }
    let inv = app.store.revert_invalidation(id, &viewer.author()).await?;
    app.campaigns.recount(&app.store, slug.as_str()).await?;
    Ok(Json(inv))
}
