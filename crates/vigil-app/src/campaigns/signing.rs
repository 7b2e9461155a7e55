//! The signing rules: what a signature must be before it is committed.
//!
//! Both the API (`POST /api/v1/campaigns/{slug}/signatures`) and the
//! campaign page's form come to [`sign`]. In order: the campaign exists and
//! is not a draft; it takes signatures today; the signer's network is
//! within its rate; the honeypot is empty (a bot is answered as if it had
//! signed, and nothing is written); name, address, country, language and
//! organisation read; the address is not from a throwaway service; the
//! proof of work holds (a browser form without JavaScript may come without
//! one). Then the signature is sealed, its confirmation queued with it, and
//! it is committed through the group commit before [`sign`] returns.

use std::net::IpAddr;
use std::sync::Arc;

use serde::Deserialize;
use vigil_core::campaign::{self, Campaign, Country, Email, Language, Slug};
use vigil_store::campaigns::{CampaignRow, Campaigns, Mail, NewSignature, Op, Outcome};
use vigil_store::{Store, StoreExt};

use super::{ProofError, Service};
use crate::i18n::{Arg, Lang};
use crate::{AppError, Result, Viewer};

/// What a signer sends (JSON, or the public page's form).
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
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

/// What stopped a signature, in the signer's terms: the page tells it in
/// the signer's language and keeps what they typed; the API answers the
/// [`Refusal`]'s error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Name,
    Email,
    /// An address from a throwaway mail service.
    Disposable,
    Country,
    Organisation,
    /// A form sent without a proof of work before it was a few seconds
    /// old (a browser without JavaScript): sent again, it passes.
    TooFast,
    /// A form too old, damaged or sent already: sent again with a new
    /// challenge, it passes.
    StaleForm,
    Closed,
    RateLimited,
    /// No such campaign (or a draft).
    Unknown,
    /// A failure of Vigil's own.
    Failed,
}

impl Problem {
    /// The problem in plain words, in `lang`.
    pub fn explain(self, lang: Lang) -> String {
        lang.tr(match self {
            Problem::Name => "campaign-sign-problem-name",
            Problem::Email => "campaign-sign-problem-email",
            Problem::Disposable => "campaign-sign-problem-disposable",
            Problem::Country => "campaign-sign-problem-country",
            Problem::Organisation => "campaign-sign-problem-organisation",
            Problem::TooFast => "campaign-sign-problem-too-fast",
            Problem::StaleForm => "campaign-sign-problem-stale-form",
            Problem::Closed => "campaign-sign-problem-closed",
            Problem::RateLimited => "campaign-sign-problem-rate-limited",
            Problem::Unknown | Problem::Failed => "campaign-sign-problem-failed",
        })
    }

    /// Whether the form's challenge may be sent again as it was (it was
    /// not used up, and is not the fault).
    pub fn keeps_challenge(self) -> bool {
        !matches!(self, Problem::StaleForm)
    }
}

/// A refused signature: what the signer is told, and the application's
/// error (field and English message) for the API.
#[derive(Debug)]
pub struct Refusal {
    pub problem: Problem,
    pub error: AppError,
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        r.error
    }
}

impl Refusal {
    fn new(problem: Problem, error: AppError) -> Self {
        Self { problem, error }
    }

    /// A field's error, its problem told by its field.
    fn field(e: vigil_core::FieldError) -> Self {
        let problem = match e.field.as_str() {
            "name" => Problem::Name,
            "email" => Problem::Email,
            "country" => Problem::Country,
            "organisation" => Problem::Organisation,
            _ => Problem::StaleForm,
        };
        Self::new(problem, field_error(e))
    }
}

/// A campaign's slug from an address; a malformed one names nothing.
pub fn slug_of(raw: &str) -> Result<Slug> {
    Slug::parse(raw).map_err(|_| AppError::not_found("campaign", raw))
}

/// A campaign as `viewer` may see it, or `None`: drafts and incomplete
/// versions are for editors only, and so are the targets' addresses; the
/// persons and case it is about are named only where the viewer may see
/// them (a confidential person's id is not shown).
async fn as_seen<S: Store>(store: &S, viewer: &Viewer, mut c: Campaign) -> Result<Option<Campaign>> {
    if !viewer.may_write() {
        if c.state == campaign::CampaignState::Draft {
            return Ok(None);
        }
        c.versions.retain(|v| v.is_complete());
        c.targets.iter_mut().for_each(|t| t.email.clear());
    }
    hide_links(store, viewer, &mut c).await?;
    Ok(Some(c))
}

/// The one rule for what a campaign names: its persons and case only
/// where `viewer` may see them (a confidential person's id is not shown).
/// Every view of a campaign goes through it: the API, the public page, the
/// organiser's desk and edit form, the campaign's audit.
pub async fn hide_links<S: Store>(store: &S, viewer: &Viewer, c: &mut Campaign) -> Result<()> {
    if viewer.may_read_confidential() {
        return Ok(());
    }
    let mut persons = Vec::new();
    for p in std::mem::take(&mut c.persons) {
        if store.record(&p, viewer.visibility).await.is_ok() {
            persons.push(p);
        }
    }
    c.persons = persons;
    if let Some(case) = c.case.take() {
        if store.record(&case, viewer.visibility).await.is_ok() {
            c.case = Some(case);
        }
    }
    Ok(())
}

/// The campaign at `raw` as `viewer` may see it ([`as_seen`]); a draft is
/// not found by those who may not see it.
pub async fn visible_campaign<S: Campaigns + Store>(
    service: &Service,
    store: &S,
    viewer: &Viewer,
    raw: &str,
) -> Result<CampaignRow> {
    let slug = slug_of(raw)?;
    let mut row = service.campaign(store, slug.as_str()).await?;
    match as_seen(store, viewer, row.campaign).await? {
        Some(c) => row.campaign = c,
        None => return Err(AppError::not_found("campaign", raw)),
    }
    Ok(row)
}

/// Every campaign `viewer` may see, as they may see it.
pub async fn visible_campaigns<S: Campaigns + Store>(store: &S, viewer: &Viewer) -> Result<Vec<Campaign>> {
    let mut out = Vec::new();
    for row in store.campaigns().await? {
        if let Some(c) = as_seen(store, viewer, row.campaign).await? {
            out.push(c);
        }
    }
    Ok(out)
}

/// Reads a campaign from JSON and checks it whole.
pub fn parse_campaign(body: &[u8]) -> Result<Campaign> {
    let c: Campaign = crate::read_json(body)?;
    c.check().map_err(AppError::Invalid)
}

/// The persons and case a campaign is about must exist, as `viewer` may
/// see them: a record hidden from the viewer answers as a missing one.
pub async fn check_links<S: Store>(store: &S, viewer: &Viewer, c: &Campaign) -> Result<()> {
    if let Some(case) = &c.case {
        store
            .case(case, viewer.visibility)
            .await
            .map_err(|_| AppError::malformed("case", format!("no case '{case}'")))?;
    }
    for p in &c.persons {
        store
            .person(p, viewer.visibility)
            .await
            .map_err(|_| AppError::malformed("persons", format!("no person '{p}'")))?;
    }
    Ok(())
}

fn field_error(e: vigil_core::FieldError) -> AppError {
    AppError::malformed(&e.field, e.message)
}

/// SHA-256 of a confirmation secret, as the store keeps it.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(data).into()
}

/// Checks and submits one signature (the rules in the module's doc).
/// `base_url` starts the confirmation link; `form`: a browser form, which
/// may come without a proof of work (no JavaScript). Returns once the
/// signature is committed; a repeated address is answered alike. A
/// refusal says what stopped it twice: as a [`Problem`] for the signer's
/// page, and as the application's error for the API.
pub async fn sign<S: Campaigns>(
    service: &Arc<Service>,
    store: &S,
    raw_slug: &str,
    ip: IpAddr,
    base_url: &str,
    input: SignInput,
    form: bool,
) -> std::result::Result<(), Refusal> {
    let slug = slug_of(raw_slug).map_err(|e| Refusal::new(Problem::Unknown, e))?;
    service.remember_base(base_url);
    let row = service
        .campaign(store, slug.as_str())
        .await
        .map_err(|e| Refusal::new(Problem::Unknown, e.into()))?;
    let c = &row.campaign;
    if c.state == campaign::CampaignState::Draft {
        return Err(Refusal::new(
            Problem::Unknown,
            AppError::not_found("campaign", raw_slug),
        ));
    }
    if !c.accepts_signatures(time::OffsetDateTime::now_utc().date()) {
        return Err(Refusal::new(
            Problem::Closed,
            AppError::Closed("this campaign does not take signatures now".into()),
        ));
    }
    if !service.allow(ip) {
        return Err(Refusal::new(
            Problem::RateLimited,
            AppError::RateLimited("too many signatures from your network: try again in a minute".into()),
        ));
    }
    // The honeypot: a person never sees this field. A bot is answered as
    // if it had signed, and nothing is written.
    if input.website.as_deref().is_some_and(|w| !w.trim().is_empty()) {
        tracing::info!(slug = %slug, "honeypot filled: signature dropped");
        return Ok(());
    }
    let name = campaign::short_text("name", input.name.as_deref().unwrap_or_default(), 200).map_err(Refusal::field)?;
    let email = Email::parse(input.email.as_deref().unwrap_or_default()).map_err(Refusal::field)?;
    let country = Country::parse(input.country.as_deref().unwrap_or_default()).map_err(|e| Refusal::field(e.into()))?;
    let language = match input.language.as_deref() {
        None | Some("") => c.versions[0].language.clone(),
        Some(l) => {
            let l = Language::parse(l).map_err(Refusal::field)?;
            c.version_for([l.as_str()]).language.clone()
        }
    };
    let organisation = match input.organisation.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(o) => Some(campaign::short_text("organisation", o, 200).map_err(Refusal::field)?),
    };
    if email.is_disposable(&service.config.disposable_domains) {
        return Err(Refusal::new(
            Problem::Disposable,
            AppError::malformed("email", "addresses from throwaway mail services are not accepted"),
        ));
    }
    if service.config.pow_bits > 0 {
        let secret = store.derived_secret("campaign proof of work");
        let challenge = input.pow_challenge.as_deref().unwrap_or_default();
        let nonce = input.pow_nonce.as_deref().filter(|n| !n.is_empty());
        if nonce.is_none() && !form {
            return Err(Refusal::new(
                Problem::StaleForm,
                AppError::malformed("pow_nonce", "a proof of work is required (GET …/challenge)"),
            ));
        }
        service
            .check_proof(&secret, slug.as_str(), challenge, nonce)
            .map_err(|e| {
                let problem = if e == ProofError::TooFast {
                    Problem::TooFast
                } else {
                    Problem::StaleForm
                };
                Refusal::new(problem, AppError::malformed("pow_nonce", e.message()))
            })?;
    }
    let failed = || Refusal::new(Problem::Failed, AppError::Internal);
    let id = vigil_store::campaigns::time_ordered_hex();
    let secret = crate::credentials::random_token();
    let token_hash: [u8; 32] = sha256(secret.as_bytes());
    let version = c.version_for([language.as_str()]);
    // The signer's language: that of the version they signed, when Vigil
    // speaks it. The link opens the confirmation page in it too.
    let speaks = Lang::parse(language.as_str()).unwrap_or_default();
    let link = format!(
        "{base_url}/campaigns/{slug}/confirm/{id}.{secret}?lang={}",
        speaks.code()
    );
    let mail = service
        .confirmation_words(speaks, &version.title)
        .mail(speaks, email.as_str(), name.as_str(), &link);
    let mut signature = NewSignature {
        id,
        campaign: slug,
        name,
        email,
        organisation,
        country,
        language,
        // Recorded in the words the signer was shown.
        opt_in: input.opt_in.then(|| opt_in_wording(speaks)),
        named: input.named,
        ip: Some(ip),
        token_hash,
        token_expires_at: vigil_store::now() + service.config.token_lifetime,
        mail,
        sealed: None,
    };
    // Sealing here, in parallel across requests, keeps the writer's work to the database.
    store.seal_signature(&mut signature).map_err(|e| {
        crate::log_failure(&e);
        failed()
    })?;
    match service.submit(store, Op::Sign(Box::new(signature))).await {
        // A repeat gets the same answer as a first signature.
        Ok(Outcome::Signed | Outcome::AlreadySigned) => Ok(()),
        Ok(other) => {
            tracing::error!(?other, "unexpected outcome of a signature");
            Err(failed())
        }
        Err(e) => {
            crate::log_failure(&*e);
            Err(failed())
        }
    }
}

/// The wording of the mailing-list box in `lang`, as the signer sees it
/// and as it is recorded with their consent.
pub fn opt_in_wording(lang: Lang) -> String {
    lang.tr("campaign-opt-in")
}

/// The wording of the box that lets a signer's name go to the targets.
pub fn named_wording(lang: Lang) -> String {
    lang.tr("campaign-named")
}

/// What every signer of one version of a campaign is told alike in the
/// message that asks them to confirm: its subject, thanks, request and
/// expiry, in one language. Written once and kept by the [`Service`]
/// (rendering them was a tenth of a signature's work on the server's
/// workers); only the greeting, with the signer's name, and the link are
/// written for each signer.
#[derive(Debug)]
pub struct ConfirmationWords {
    subject: String,
    thanks: String,
    confirm: String,
    expiry: String,
}

impl ConfirmationWords {
    pub fn new(lang: Lang, title: &str, days: i64) -> Self {
        let days = Arg::Number(u64::try_from(days).unwrap_or_default());
        Self {
            subject: lang.tr_with("campaign-mail-subject", &[("title", Arg::Text(title))]),
            thanks: lang.tr_with("campaign-mail-thanks", &[("title", Arg::Text(title))]),
            confirm: lang.tr("campaign-mail-confirm"),
            expiry: lang.tr_with("campaign-mail-expiry", &[("count", days)]),
        }
    }

    /// The message to `to`, greeted by `name`, with its `link`.
    pub fn mail(&self, lang: Lang, to: &str, name: &str, link: &str) -> Mail {
        let hello = lang.tr_with("campaign-mail-hello", &[("name", Arg::Text(name))]);
        Mail {
            to: to.to_owned(),
            subject: self.subject.clone(),
            body: [hello.as_str(), &self.thanks, &self.confirm, link, &self.expiry].join("\n\n") + "\n",
            unsubscribe: None,
        }
    }
}

/// What became of a confirmation link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    /// The signature counts from now.
    Confirmed,
    /// The link was used already, or has expired.
    Spent,
    /// The link names no signature of this campaign.
    Unknown,
    /// The campaign takes no signatures now.
    Closed,
}

/// Confirms the signature a link `token` (`{id}.{secret}`) names, once.
pub async fn confirm<S: Campaigns>(
    service: &Arc<Service>,
    store: &S,
    c: &Campaign,
    token: &str,
) -> Result<Confirmation> {
    let Some((id, secret)) = token.split_once('.') else {
        return Ok(Confirmation::Unknown);
    };
    if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) || secret.is_empty() || secret.len() > 128 {
        return Ok(Confirmation::Unknown);
    }
    if !c.accepts_signatures(time::OffsetDateTime::now_utc().date()) {
        return Ok(Confirmation::Closed);
    }
    let op = Op::Confirm {
        campaign: c.slug.clone(),
        id: id.to_owned(),
        token_hash: sha256(secret.as_bytes()),
    };
    match service.submit(store, op).await {
        Ok(Outcome::Confirmed { .. }) => Ok(Confirmation::Confirmed),
        Ok(Outcome::TokenSpent) => Ok(Confirmation::Spent),
        Ok(_) => Ok(Confirmation::Unknown),
        Err(e) => {
            crate::log_failure(&*e);
            Err(AppError::Internal)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words kept for a version serve every signer: each message has
    /// its own address, greeting and link, in the signer's language, and
    /// the campaign's title and the link's lifetime.
    #[test]
    fn kept_confirmation_words_serve_each_signer() {
        let words = ConfirmationWords::new(Lang::Ru, "Свободу Ерлану", 7);
        let a = words.mail(Lang::Ru, "a@example.org", "Айгуль", "https://v.example/c/1.s");
        let b = words.mail(Lang::Ru, "b@example.org", "Boris", "https://v.example/c/2.t");
        assert_eq!((a.to.as_str(), b.to.as_str()), ("a@example.org", "b@example.org"));
        assert_eq!(a.subject, b.subject);
        assert!(a.subject.contains("Свободу Ерлану") && a.subject.starts_with("Подтвердите"));
        assert!(a
            .body
            .starts_with(&Lang::Ru.tr_with("campaign-mail-hello", &[("name", Arg::Text("Айгуль"))])));
        assert!(b.body.contains("Boris") && !b.body.contains("Айгуль"));
        assert!(a.body.contains("\n\nhttps://v.example/c/1.s\n\n") && !a.body.contains("c/2.t"));
        assert!(a
            .body
            .ends_with(&(Lang::Ru.tr_with("campaign-mail-expiry", &[("count", Arg::Number(7))]) + "\n")));
        assert_eq!(a.unsubscribe, None);
    }
}
