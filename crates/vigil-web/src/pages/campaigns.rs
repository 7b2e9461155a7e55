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
use vigil_app::campaigns::signing::{self, Confirmation, Problem, SignInput};
use vigil_app::i18n::Lang;

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

/// The language the reader gets: `?lang=`, else their browser's.
fn wanted(query: &PageQuery, headers: &HeaderMap) -> Vec<String> {
    let mut w: Vec<String> = query.lang.iter().cloned().collect();
    if let Some(h) = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) {
        w.extend(campaign::accept_language(h));
    }
    w
}

/// Page words in the languages Vigil speaks; others get English.
fn words(lang: &str) -> [&'static str; 12] {
    match lang {
        "ru" => [
            "Подписать",
            "Имя",
            "Электронная почта",
            "Страна (код из 2 букв, напр. KZ)",
            "Профсоюз или организация (необязательно)",
            "Спасибо! Проверьте почту: подпись засчитывается после подтверждения по ссылке из письма.",
            "подписей подтверждено",
            "Обращение к адресатам",
            "Эта кампания сейчас не принимает подписи.",
            "Цель",
            "Другие языки",
            "Ваши данные зашифрованы и удаляются через 6 месяцев после закрытия кампании.",
        ],
        "fr" => [
            "Signer",
            "Nom",
            "Adresse électronique",
            "Pays (code à 2 lettres, ex. FR)",
            "Syndicat ou organisation (facultatif)",
            "Merci ! Vérifiez votre boîte : votre signature compte une fois confirmée par le lien envoyé.",
            "signatures confirmées",
            "Message aux destinataires",
            "Cette campagne ne prend pas de signatures en ce moment.",
            "Objectif",
            "Autres langues",
            "Vos données sont chiffrées et effacées 6 mois après la clôture de la campagne.",
        ],
        _ => [
            "Sign",
            "Name",
            "Email",
            "Country (2-letter code, e.g. GB)",
            "Union or organisation (optional)",
            "Thank you! Check your inbox: your signature counts once you confirm it with the link we sent.",
            "confirmed signatures",
            "The message to the targets",
            "This campaign does not take signatures now.",
            "Goal",
            "Other languages",
            "Your data is encrypted, and erased 6 months after the campaign closes.",
        ],
    }
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
    let wanted = wanted(query, headers);
    let v = c.version_for(wanted.iter().map(String::as_str));
    let lang = v.language.as_str();
    let w = words(lang);
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
    let bits = app.campaigns.config.pow_bits;
    let body = html! {
        article.campaign lang=(lang) {
            h1 { (v.title) }
            @let others: Vec<_> = c.published().filter(|o| o.language != v.language).collect();
            @if !others.is_empty() {
                nav.languages aria-label=(w[10]) {
                    (w[10]) ": "
                    @for o in others {
                        a href={ "/campaigns/" (c.slug) "?lang=" (o.language.as_str()) } lang=(o.language.as_str()) { (o.title) } " "
                    }
                }
            }
            p.count { strong #count { (count.tally.confirmed) } " " (w[6])
                @if let Some(goal) = c.goal { " · " (w[9]) ": " (goal) } }
            @if count.tally.invalidated > 0 {
                p.invalidated { "(" (count.tally.invalidated) " invalidated)" }
            }
            @for para in v.text.split("\n\n") { p { (para) } }
            @if query.signed.is_some() {
                p.notice role="status" { (w[5]) }
            }
            @if let Some(r) = refused {
                p.error role="alert" { (r.message) }
            }
            @if open {
                form.sign method="post" action={ "/campaigns/" (c.slug) "/sign" } data-bits=(bits) {
                    input type="hidden" name="language" value=(lang);
                    input type="hidden" name="pow_challenge" value=(challenge);
                    input type="hidden" name="pow_nonce" value="";
                    label { (w[1]) input type="text" name="name" value=(typed(|f| &f.name)) required maxlength="200" autocomplete="name"; }
                    label { (w[2]) input type="email" name="email" value=(typed(|f| &f.email)) required maxlength="254" autocomplete="email"; }
                    label { (w[3]) input type="text" name="country" value=(typed(|f| &f.country)) required maxlength="2" minlength="2" autocomplete="country"; }
                    label { (w[4]) input type="text" name="organisation" value=(typed(|f| &f.organisation)) maxlength="200" autocomplete="organization"; }
                    label.check { input type="checkbox" name="opt_in" value="true" checked[ticked(|f| &f.opt_in)]; " " (campaign::OPT_IN_WORDING) }
                    label.check { input type="checkbox" name="named" value="true" checked[ticked(|f| &f.named)]; " " (campaign::NAMED_WORDING) }
                    // The honeypot: hidden from people, filled by bots.
                    div.hp aria-hidden="true" {
                        label { "Website" input type="text" name="website" tabindex="-1" autocomplete="off"; }
                    }
                    button type="submit" { (w[0]) }
                    p.small { (w[11]) }
                }
                script src="/assets/campaign.js" defer {}
            } @else {
                p.closed { (w[8]) }
            }
            section.message {
                h2 { (w[7]) }
                @for para in v.message.split("\n\n") { p { (para) } }
                @if !c.targets.is_empty() {
                    ul { @for t in &c.targets { li { (t.name) @if !t.role.is_empty() { ", " (t.role) } } } }
                }
            }
            @if let Some(case) = &c.case {
                p { a href={ "/cases/" (case) } { "The case file" } }
            }
            @for p in &c.persons {
                p { a href={ "/persons/" (p) } { "Person: " (p) } }
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
    Ok(match signing::confirm(&app.campaigns, &app.store, c, &token).await? {
        Confirmation::Confirmed => message(
            StatusCode::OK,
            "Thank you: your signature counts",
            "Your signature is confirmed. Share the campaign: every signature adds weight.",
        ),
        Confirmation::Spent => message(
            StatusCode::GONE,
            "Link used or expired",
            "This link was used already or has expired. If you confirmed before, your signature counts.",
        ),
        Confirmation::Closed => message(
            StatusCode::GONE,
            "Campaign closed",
            "This campaign does not take signatures any more.",
        ),
        Confirmation::Unknown => message(
            StatusCode::NOT_FOUND,
            "Unknown link",
            "This confirmation link is not valid.",
        ),
    })
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
