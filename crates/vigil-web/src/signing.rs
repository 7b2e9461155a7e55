//! Signing a campaign, whether through the JSON API or the public page's
//! form: the checks (state, rate, honeypot, fields, proof of work), the
//! confirmation mail, and the campaign as a viewer may see it.

use std::net::IpAddr;

use axum::http::{header, HeaderMap, StatusCode};
use serde::Deserialize;
use vigil_core::campaign::{self, Country, Email, Language, Slug};
use vigil_store::campaigns::{CampaignRow, Campaigns, Mail, NewSignature, Op, Outcome};
use vigil_store::StoreError;

use crate::error::ApiError;
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

/// A campaign's slug from the address; a malformed one names nothing.
pub(crate) fn slug_of(raw: &str) -> Result<Slug, ApiError> {
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

pub(crate) fn bad(field: &str, message: impl Into<String>) -> ApiError {
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
    let country = Country::parse(input.country.as_deref().unwrap_or_default()).map_err(field_error)?;
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

/// SHA-256 of `data` (confirmation tokens are stored as their hash).
pub(crate) fn sha256(data: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(data).into()
}
