//! `/campaigns`: the public page of a campaign, its signing form (which
//! works without JavaScript), and the confirmation link's page.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;
use vigil_core::campaign::{self, Campaign};
use vigil_store::campaigns::Campaigns;

use super::layout;
use crate::error::{ApiError, PageError};
use crate::{AppState, Viewer};
use vigil_app::campaigns::outcomes;
use vigil_app::campaigns::signing::{self, Confirmation, Problem, SignInput};
use vigil_app::i18n::{Arg, Lang};

/// The campaigns that are not drafts.
pub async fn list<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
) -> Result<Response, PageError> {
    let campaigns = signing::visible_campaigns(&app.store, &viewer).await?;
    let heading = viewer.lang.tr("campaigns-heading");
    let body = html! {
        h1 { (heading) }
        ul.campaigns {
            @for c in &campaigns {
                li {
                    a href={ "/campaigns/" (c.slug) } { (c.title()) }
                    " (" (state_word(viewer.lang, c.state)) ")"
                }
            }
        }
    };
    Ok(layout::page(&viewer, &heading, body).into_response())
}

/// Links to the campaigns about a record, for the person and case pages.
pub async fn linked<S: Campaigns + vigil_store::Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    id: &vigil_core::RecordId,
) -> Markup {
    let Ok(campaigns) = signing::visible_campaigns(&app.store, viewer).await else {
        return html! {};
    };
    let linked: Vec<&Campaign> = campaigns
        .iter()
        .filter(|c| c.case.as_ref() == Some(id) || c.persons.contains(id))
        .collect();
    if linked.is_empty() {
        return html! {};
    }
    html! {
        section.campaigns {
            h2 { (viewer.lang.tr("campaigns-heading")) }
            ul {
                @for c in linked {
                    li { a href={ "/campaigns/" (c.slug) } { (c.title()) } " (" (state_word(viewer.lang, c.state)) ")" }
                }
            }
        }
    }
}

/// A campaign's state in words.
fn state_word(lang: Lang, state: campaign::CampaignState) -> String {
    lang.tr(match state {
        campaign::CampaignState::Draft => "campaign-state-draft",
        campaign::CampaignState::Open => "campaign-state-open",
        campaign::CampaignState::Closed => "campaign-state-closed",
        campaign::CampaignState::Delivered => "campaign-state-delivered",
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    lang: Option<String>,
    signed: Option<String>,
}

/// The version the reader gets: `?lang=`, then the interface's language
/// (cookie, browser), then their browser's other languages.
fn wanted(query: &PageQuery, viewer: &Viewer, headers: &HeaderMap) -> Vec<String> {
    let mut w: Vec<String> = query.lang.iter().cloned().collect();
    w.push(viewer.lang.code().to_owned());
    if let Some(h) = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) {
        w.extend(campaign::accept_language(h));
    }
    w
}

/// The public page of a campaign.
pub async fn show<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    render(&app, &viewer, &slug, &query, &headers, None, StatusCode::OK).await
}

/// A refused form as it comes back: what the signer typed, what was wrong
/// (in their language), and the challenge to send again when it still
/// holds (so a form sent too fast passes when sent again a moment later).
struct Refused<'a> {
    form: &'a SignForm,
    message: String,
    challenge: Option<&'a str>,
}

async fn render<S: Campaigns + vigil_store::Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    slug: &str,
    query: &PageQuery,
    headers: &HeaderMap,
    refused: Option<&Refused<'_>>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let row = signing::visible_campaign(&app.campaigns, &app.store, viewer, slug).await?;
    let c = &row.campaign;
    let wanted = wanted(query, viewer, headers);
    let v = c.version_for(wanted.iter().map(String::as_str));
    let lang = v.language.as_str();
    // The form is in the version's language when Vigil speaks it (so the
    // consent recorded is in the words shown), else in English.
    let speaks = Lang::parse(lang).unwrap_or_default();
    let tr = |key: &str| speaks.tr(key);
    let count = app
        .campaigns
        .count(&app.store, c.slug.as_str())
        .await
        .map_err(ApiError::from)?;
    let secret = app.store.derived_secret("campaign proof of work");
    let challenge = match refused.and_then(|r| r.challenge) {
        Some(kept) => kept.to_owned(),
        None => app.campaigns.challenge(&secret, c.slug.as_str()),
    };
    let typed = |field: fn(&SignForm) -> &Option<String>| {
        refused
            .and_then(|r| field(r.form).as_deref())
            .unwrap_or_default()
            .to_owned()
    };
    let ticked = |field: fn(&SignForm) -> &Option<String>| !typed(field).is_empty();
    let open = c.accepts_signatures(time::OffsetDateTime::now_utc().date());
    // The persons it is about, by name (those the reader may see).
    let mut persons = Vec::new();
    for id in &c.persons {
        if let Some(p) = super::lookup(&app.store, viewer, id).await? {
            persons.push(p);
        }
    }
    let bits = app.campaigns.config.pow_bits;
    let body = html! {
        article.campaign lang=(lang) {
            h1 { (v.title) }
            @let others: Vec<_> = c.published().filter(|o| o.language != v.language).collect();
            @if !others.is_empty() {
                nav.languages aria-label=(tr("campaign-other-languages")) {
                    (tr("campaign-other-languages")) ": "
                    @for o in others {
                        a href={ "/campaigns/" (c.slug) "?lang=" (o.language.as_str()) } lang=(o.language.as_str()) { (o.title) } " "
                    }
                }
            }
            p.count { strong #count { (count.tally.confirmed) } " " (speaks.tr_with("campaign-confirmed", &[("count", Arg::Number(count.tally.confirmed))]))
                @if let Some(goal) = c.goal { " · " (speaks.tr_with("campaign-goal", &[("goal", Arg::Number(goal))])) } }
            @if count.tally.invalidated > 0 {
                p.invalidated { (speaks.tr_with("campaign-invalidated", &[("count", Arg::Number(count.tally.invalidated))])) }
            }
            @for para in v.text.split("\n\n") { p { (para) } }
            @if query.signed.is_some() {
                p.notice role="status" { (tr("campaign-signed")) }
            }
            @if let Some(r) = refused {
                p.error role="alert" { (r.message) }
            }
            @if open {
                form.sign method="post" action={ "/campaigns/" (c.slug) "/sign" } data-bits=(bits) {
                    input type="hidden" name="language" value=(lang);
                    input type="hidden" name="pow_challenge" value=(challenge);
                    input type="hidden" name="pow_nonce" value="";
                    label { (tr("campaign-field-name")) " " input type="text" name="name" value=(typed(|f| &f.name)) required maxlength="200" autocomplete="name"; }
                    label { (tr("campaign-field-email")) " " input type="email" name="email" value=(typed(|f| &f.email)) required maxlength="254" autocomplete="email"; }
                    // The country by its name in the form's language; the code is sent.
                    @let country = typed(|f| &f.country).trim().to_ascii_uppercase();
                    label { (tr("campaign-field-country")) " "
                        select name="country" required autocomplete="country" {
                            option value="" { "—" }
                            @for (code, name) in vigil_app::words::countries_in(speaks) {
                                option value=(code) selected[code == country] { (name) }
                            }
                        }
                    }
                    label { (tr("campaign-field-organisation")) " " input type="text" name="organisation" value=(typed(|f| &f.organisation)) maxlength="200" autocomplete="organization"; }
                    label.check { input type="checkbox" name="opt_in" value="true" checked[ticked(|f| &f.opt_in)]; " " (signing::opt_in_wording(speaks)) }
                    label.check { input type="checkbox" name="named" value="true" checked[ticked(|f| &f.named)]; " " (signing::named_wording(speaks)) }
                    // The honeypot: hidden from people, filled by bots.
                    div.hp aria-hidden="true" {
                        label { (tr("campaign-field-website")) input type="text" name="website" tabindex="-1" autocomplete="off"; }
                    }
                    button type="submit" { (tr("campaign-sign")) }
                    p.small { (tr("campaign-privacy")) }
                }
                script src="/assets/campaign.js" defer {}
            } @else {
                p.closed { (tr("campaign-sign-problem-closed")) }
            }
            section.message {
                h2 { (tr("campaign-message")) }
                @for para in v.message.split("\n\n") { p { (para) } }
                @if !c.targets.is_empty() {
                    ul { @for t in &c.targets { li { (t.name) @if !t.role.is_empty() { ", " (t.role) } } } }
                }
            }
            @if c.case.is_some() || !persons.is_empty() {
                ul.records {
                    @if let Some(case) = &c.case { li { a href={ "/cases/" (case) } { (tr("campaign-case-file")) } } }
                    @for p in &persons { li { (super::fmt::link(p)) } }
                }
            }
        }
    };
    let mut res = (status, layout::page(viewer, &v.title, body)).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(res)
}

/// The signing form as a browser sends it.
#[derive(Debug, Deserialize)]
pub struct SignForm {
    name: Option<String>,
    email: Option<String>,
    country: Option<String>,
    language: Option<String>,
    organisation: Option<String>,
    opt_in: Option<String>,
    named: Option<String>,
    website: Option<String>,
    pow_challenge: Option<String>,
    pow_nonce: Option<String>,
}

/// Signs from the page; a success goes back to the page with a notice
/// (the same for a repeated address). A refusal comes back as the page
/// with everything typed kept and the problem in the signer's language.
pub async fn submit<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    client: crate::Client,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Form(form): Form<SignForm>,
) -> Result<Response, PageError> {
    let lang = form.language.clone().unwrap_or_default();
    let input = SignInput {
        name: form.name.clone(),
        email: form.email.clone(),
        country: form.country.clone(),
        language: form.language.clone(),
        organisation: form.organisation.clone(),
        opt_in: form.opt_in.as_deref().is_some_and(|v| !v.is_empty()),
        named: form.named.as_deref().is_some_and(|v| !v.is_empty()),
        website: form.website.clone(),
        pow_challenge: form.pow_challenge.clone(),
        pow_nonce: form.pow_nonce.clone(),
    };
    let base = crate::origin::base_url(&app.campaigns.config.public_url, &headers);
    match signing::sign(&app.campaigns, &app.store, &slug, client.ip, &base, input, true).await {
        Ok(()) => {
            let lang: String = lang.chars().filter(char::is_ascii_lowercase).take(3).collect();
            Ok(Redirect::to(&format!("/campaigns/{slug}?lang={lang}&signed=1")).into_response())
        }
        Err(r) if r.problem == Problem::Unknown => Err(r.error.into()),
        Err(r) => {
            // The signer's language: the version they read, else the interface's.
            let speaks = Lang::parse(&lang).unwrap_or(viewer.lang);
            let status = ApiError::from(r.error).status;
            let refused = Refused {
                form: &form,
                message: r.problem.explain(speaks),
                challenge: form
                    .pow_challenge
                    .as_deref()
                    .filter(|c| r.problem.keeps_challenge() && !c.is_empty()),
            };
            let query = PageQuery {
                lang: Some(lang),
                signed: None,
            };
            render(&app, &viewer, &slug, &query, &headers, Some(&refused), status).await
        }
    }
}

/// The emailed link: confirms a signature once.
pub async fn confirm<S: Campaigns + vigil_store::Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path((slug, token)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let row = signing::visible_campaign(&app.campaigns, &app.store, &viewer, &slug).await?;
    let c = &row.campaign;
    let message = |status: StatusCode, title: &str, text: &str| {
        let body = html! {
            h1 { (title) }
            p { (text) }
            p { a href={ "/campaigns/" (c.slug) } { (c.title()) } }
        };
        let mut res = (status, layout::page(&viewer, title, body)).into_response();
        res.headers_mut()
            .insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
        res
    };
    let (status, title, text) = match signing::confirm(&app.campaigns, &app.store, c, &token).await? {
        Confirmation::Confirmed => (StatusCode::OK, "campaign-confirmed-title", "campaign-confirmed-text"),
        Confirmation::Spent => (StatusCode::GONE, "campaign-spent-title", "campaign-spent-text"),
        Confirmation::Closed => (StatusCode::GONE, "campaign-closed-title", "campaign-closed-text"),
        Confirmation::Unknown => (StatusCode::NOT_FOUND, "campaign-unknown-title", "campaign-unknown-text"),
    };
    Ok(message(status, &viewer.lang.tr(title), &viewer.lang.tr(text)))
}

/// The link in every update to a signer: the page asks once (a link
/// scanner that fetches it stops nothing), its button, or the mail
/// client's one-click `POST` (RFC 8058), stops the updates. No account,
/// no session: the token is the right. Every true token gets the same
/// answer, whatever the store holds; a token this case file did not make
/// is refused whatever the store holds.
pub async fn unsubscribe_page<S: Campaigns>(
    viewer: Viewer,
    Path((slug, token)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let lang = viewer.lang;
    let title = lang.tr("campaign-unsubscribe-title");
    let action = format!("/campaigns/{slug}/unsubscribe/{token}?lang={}", lang.code());
    let body = html! {
        h1 { (title) }
        p { (lang.tr("campaign-unsubscribe-ask")) }
        form method="post" action=(action) {
            input type="hidden" name="List-Unsubscribe" value="One-Click";
            button type="submit" { (lang.tr("campaign-unsubscribe-button")) }
        }
    };
    let mut res = layout::page(&viewer, &title, body).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(res)
}

/// `POST /campaigns/{slug}/unsubscribe/{token}`: stops the updates.
pub async fn unsubscribe<S: Campaigns>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path((slug, token)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let lang = viewer.lang;
    let (status, title, text) = if outcomes::unsubscribe(&app.store, &slug, &token).await? {
        (
            StatusCode::OK,
            "campaign-unsubscribe-done-title",
            "campaign-unsubscribe-done",
        )
    } else {
        (
            StatusCode::NOT_FOUND,
            "campaign-unsubscribe-invalid-title",
            "campaign-unsubscribe-invalid",
        )
    };
    let title = lang.tr(title);
    let body = html! {
        h1 { (title) }
        p { (lang.tr(text)) }
    };
    let mut res = (status, layout::page(&viewer, &title, body)).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(res)
}

/// The signing form's script: finds the proof of work, then sends.
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../assets/campaign.js"),
    )
        .into_response()
}
