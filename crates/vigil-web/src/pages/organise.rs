//! The organisers' pages of a campaign, without JavaScript: create and
//! edit it (`/campaigns/new`, `/campaigns/{slug}/edit`: its language
//! versions side by side with their completeness, targets, dates, goal,
//! persons and case), and its desk (`/campaigns/{slug}/organise`):
//! signatures over time and by country as a chart drawn here, the status
//! engine's news about its persons, deliveries, responses and result,
//! milestones, partners' links, the audit, and for admins the
//! invalidation tool with its preview. The partner's own page is
//! `/partner?token=…`.
//!
//! Every form carries the session's CSRF token (the gate checks it); the
//! rules are `vigil_app::campaigns::organising` and `outcomes`: a form is
//! turned into the JSON the API takes and handed to them.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde_json::{json, Map, Value};
use vigil_app::campaigns::{organising, outcomes, signing};
use vigil_app::i18n::{Arg, Lang};
use vigil_core::campaign::Campaign;
use vigil_core::{RecordId, RecordKind};
use vigil_store::campaigns::{CampaignRow, Campaigns};
use vigil_store::Store;

use super::layout;
use crate::error::{ApiError, PageError};
use crate::{AppState, Viewer};

type Pairs = Vec<(String, String)>;

fn field<'a>(form: &'a Pairs, name: &str) -> &'a str {
    form.iter()
        .rev()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// A campaign as its form holds it: what was stored, or what was typed.
#[derive(Debug, Default, Clone)]
struct Draft {
    slug: String,
    state: String,
    starts: String,
    ends: String,
    goal: String,
    digest_every: String,
    case: String,
    persons: String,
    /// language, title, text, message
    versions: Vec<[String; 4]>,
    /// name, role, email, language
    targets: Vec<[String; 4]>,
}

impl Draft {
    fn of(c: &Campaign) -> Self {
        Self {
            slug: c.slug.to_string(),
            state: c.state.as_str().to_owned(),
            starts: c.starts.map(|d| d.to_string()).unwrap_or_default(),
            ends: c.ends.map(|d| d.to_string()).unwrap_or_default(),
            goal: c.goal.map(|g| g.to_string()).unwrap_or_default(),
            digest_every: c.digest_every.to_string(),
            case: c.case.as_ref().map(|c| c.to_string()).unwrap_or_default(),
            persons: c.persons.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"),
            versions: c
                .versions
                .iter()
                .map(|v| {
                    [
                        v.language.as_str().to_owned(),
                        v.title.clone(),
                        v.text.clone(),
                        v.message.clone(),
                    ]
                })
                .collect(),
            targets: c
                .targets
                .iter()
                .map(|t| {
                    [
                        t.name.clone(),
                        t.role.clone(),
                        t.email.clone(),
                        t.language.as_ref().map(|l| l.as_str().to_owned()).unwrap_or_default(),
                    ]
                })
                .collect(),
        }
    }

    /// What was typed; rows left wholly empty are dropped.
    fn read(form: &Pairs) -> Self {
        let rows = |prefix: &str, names: [&str; 4]| -> Vec<[String; 4]> {
            let mut out = Vec::new();
            for i in 0..50 {
                let row = names.map(|n| field(form, &format!("{prefix}{i}.{n}")).to_owned());
                if row.iter().all(|v| v.trim().is_empty()) {
                    if form.iter().any(|(k, _)| k.starts_with(&format!("{prefix}{i}."))) {
                        continue;
                    }
                    break;
                }
                out.push(row);
            }
            out
        };
        Self {
            slug: field(form, "slug").trim().to_owned(),
            state: field(form, "state").to_owned(),
            starts: field(form, "starts").trim().to_owned(),
            ends: field(form, "ends").trim().to_owned(),
            goal: field(form, "goal").trim().to_owned(),
            digest_every: field(form, "digest_every").trim().to_owned(),
            case: field(form, "case").trim().to_owned(),
            // One field a person (each with the names suggested as one
            // types); an older form's one box of lines is read the same.
            persons: form
                .iter()
                .filter(|(k, v)| k == "persons" && !v.trim().is_empty())
                .map(|(_, v)| v.trim())
                .collect::<Vec<_>>()
                .join("\n"),
            versions: rows("v", ["language", "title", "text", "message"]),
            targets: rows("t", ["name", "role", "email", "language"]),
        }
    }

    /// The JSON the API takes; a number that is not one is sent as typed,
    /// and the campaign's rules say what is wrong with it.
    fn json(&self) -> Value {
        let mut m = Map::new();
        m.insert("slug".into(), json!(self.slug));
        m.insert("state".into(), json!(self.state));
        let number = |s: &str| s.parse::<u64>().map_or_else(|_| json!(s), |n| json!(n));
        for (k, v) in [("starts", &self.starts), ("ends", &self.ends)] {
            if !v.is_empty() {
                m.insert(k.into(), json!(v));
            }
        }
        if !self.goal.is_empty() {
            m.insert("goal".into(), number(&self.goal));
        }
        if !self.digest_every.is_empty() {
            m.insert("digest_every".into(), number(&self.digest_every));
        }
        if !self.case.is_empty() {
            m.insert("case".into(), json!(self.case));
        }
        let persons: Vec<&str> = self
            .persons
            .split([',', '\n', '\r'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        m.insert("persons".into(), json!(persons));
        m.insert(
            "versions".into(),
            self.versions
                .iter()
                .map(|[language, title, text, message]| {
                    json!({"language": language.trim(), "title": title, "text": text, "message": message})
                })
                .collect(),
        );
        m.insert(
            "targets".into(),
            self.targets
                .iter()
                .map(|[name, role, email, language]| {
                    let mut t = json!({"name": name.trim(), "role": role.trim(), "email": email.trim()});
                    if !language.trim().is_empty() {
                        t["language"] = json!(language.trim());
                    }
                    t
                })
                .collect(),
        );
        Value::Object(m)
    }
}

/// What the campaign's log says was done, as a catalogue key.
fn audit_action_key(action: &str) -> Option<&'static str> {
    Some(match action {
        "create" => "campaign-audit-create",
        "update" => "campaign-audit-update",
        "invalidate" => "campaign-audit-invalidate",
        "revert_invalidation" => "campaign-audit-revert-invalidation",
        "milestone" => "campaign-audit-milestone",
        "response" => "campaign-audit-response",
        "result" => "campaign-audit-result",
        "anonymise" => "campaign-audit-anonymise",
        "partner link" => "campaign-audit-partner-link",
        "revoke partner link" => "campaign-audit-revoke-partner-link",
        _ => return None,
    })
}

/// A language chosen by its name in the reader's language (the code is
/// sent); another code already there stays a choice.
fn language_choice(lang: Lang, name: &str, current: &str) -> Markup {
    let current = current.trim();
    let known = Lang::ALL.iter().any(|l| l.code() == current);
    html! {
        select name=(name) {
            option value="" { "—" }
            @for l in Lang::ALL {
                option value=(l.code()) selected[l.code() == current] { (crate::pages::sources::language_name(lang, l.code())) }
            }
            @if !current.is_empty() && !known {
                option value=(current) selected { (current) }
            }
        }
    }
}

fn state_word(lang: Lang, state: &str) -> String {
    lang.tr(match state {
        "open" => "campaign-state-open",
        "closed" => "campaign-state-closed",
        "delivered" => "campaign-state-delivered",
        _ => "campaign-state-draft",
    })
}

/// A refusal's words for the form: what is wrong, and where.
fn problem(error: &ApiError) -> String {
    match &error.detail.field {
        Some(f) => format!("{f}: {}", error.detail.message),
        None => error.detail.message.clone(),
    }
}

/// The campaign form, for a new campaign (`slug` `None`) or an existing one.
fn form_page(viewer: &Viewer, slug: Option<&str>, draft: &Draft, error: Option<&str>, status: StatusCode) -> Response {
    let lang = viewer.lang;
    let title = match slug {
        Some(_) => lang.tr("organise-edit-title"),
        None => lang.tr("organise-new-title"),
    };
    let action = match slug {
        Some(s) => format!("/campaigns/{s}/edit"),
        None => "/campaigns/new".to_owned(),
    };
    // One empty column for a new language, one empty row for a new target.
    let mut versions = draft.versions.clone();
    versions.push(Default::default());
    let mut targets = draft.targets.clone();
    targets.push(Default::default());
    let body = html! {
        h1 { (title) }
        @if let Some(s) = slug {
            p.links {
                a href={ "/campaigns/" (s) "/organise" } { (lang.tr("organise-desk")) }
                " · "
                a href={ "/campaigns/" (s) } { (lang.tr("organise-public-page")) }
            }
        }
        @if let Some(e) = error {
            p.error role="alert" { (lang.tr("organise-not-saved")) " " (e) }
        }
        form.campaign-form method="post" action=(action) {
            (layout::csrf_field(viewer))
            fieldset {
                legend { (lang.tr("organise-settings")) }
                @if slug.is_none() {
                    label { (lang.tr("organise-slug")) " "
                        input name="slug" value=(draft.slug) required pattern="[a-z0-9]+(-[a-z0-9]+)*" minlength="3" maxlength="64"; }
                } @else {
                    input type="hidden" name="slug" value=(draft.slug);
                }
                label { (lang.tr("organise-state")) " "
                    select name="state" {
                        @for s in ["draft", "open", "closed", "delivered"] {
                            option value=(s) selected[draft.state == s] { (state_word(lang, s)) }
                        }
                    }
                }
                label { (lang.tr("organise-starts")) " " input type="date" name="starts" value=(draft.starts); }
                label { (lang.tr("organise-ends")) " " input type="date" name="ends" value=(draft.ends); }
                label { (lang.tr("organise-goal")) " " input type="number" min="1" name="goal" value=(draft.goal); }
                label { (lang.tr("organise-digest-every")) " " input type="number" min="0" name="digest_every" value=(draft.digest_every); }
                // Records by name, suggested as one types (as the record
                // forms name them); their ids only in what is sent.
                label { (lang.tr("organise-case")) " "
                    input type="search" name="case" value=(draft.case) list="name-suggestions" autocomplete="off"; }
                fieldset.persons {
                    legend { (lang.tr("organise-persons")) }
                    @for person in draft.persons.lines().filter(|l| !l.trim().is_empty()).chain([""]) {
                        input type="search" name="persons" value=(person) list="name-suggestions" autocomplete="off"
                            aria-label=(lang.tr("organise-persons"));
                    }
                }
            }
            fieldset {
                legend { (lang.tr("organise-versions")) }
                p.hint { (lang.tr("organise-versions-hint")) }
                div.versions {
                    @for (i, [language, vtitle, text, message]) in versions.iter().enumerate() {
                        @let complete = !vtitle.trim().is_empty() && !text.trim().is_empty() && !message.trim().is_empty();
                        div.version {
                            p.completeness {
                                @if language.is_empty() && vtitle.is_empty() {
                                    (lang.tr("organise-version-new"))
                                } @else if complete {
                                    span.complete { (lang.tr("organise-version-complete")) }
                                } @else {
                                    span.incomplete { (lang.tr("organise-version-incomplete")) }
                                }
                            }
                            label { (lang.tr("organise-version-language")) " "
                                (language_choice(lang, &format!("v{i}.language"), language)) }
                            label { (lang.tr("organise-version-title")) " "
                                input name={ "v" (i) ".title" } value=(vtitle); }
                            label { (lang.tr("organise-version-text")) " "
                                textarea name={ "v" (i) ".text" } rows="8" { (text) } }
                            label { (lang.tr("organise-version-message")) " "
                                textarea name={ "v" (i) ".message" } rows="5" { (message) } }
                        }
                    }
                }
            }
            fieldset {
                legend { (lang.tr("organise-targets")) }
                @for (i, [name, role, email, tlang]) in targets.iter().enumerate() {
                    div.target {
                        label { (lang.tr("organise-target-name")) " " input name={ "t" (i) ".name" } value=(name); }
                        label { (lang.tr("organise-target-role")) " " input name={ "t" (i) ".role" } value=(role); }
                        label { (lang.tr("organise-target-email")) " " input type="email" name={ "t" (i) ".email" } value=(email); }
                        label { (lang.tr("organise-version-language")) " " (language_choice(lang, &format!("t{i}.language"), tlang)) }
                    }
                }
            }
            button type="submit" { (lang.tr("organise-save")) }
        }
    };
    (status, layout::page(viewer, &title, body)).into_response()
}

/// `GET /campaigns/new`
pub async fn new_form(viewer: Viewer) -> Response {
    let draft = Draft {
        state: "draft".into(),
        digest_every: "0".into(),
        ..Draft::default()
    };
    form_page(&viewer, None, &draft, None, StatusCode::OK)
}

/// `POST /campaigns/new`
pub async fn create<S: Campaigns + Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Form(form): Form<Pairs>,
) -> Result<Response, PageError> {
    let draft = Draft::read(&form);
    let resolved = match by_id(&app, &viewer, &draft).await? {
        Ok(d) => d,
        Err(problems) => {
            return Ok(form_page(
                &viewer,
                None,
                &draft,
                Some(&problems),
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    };
    let body = resolved.json().to_string();
    match organising::create(&app.store, &viewer, body.as_bytes()).await {
        Ok(c) => Ok(Redirect::to(&format!("/campaigns/{}/organise", c.slug)).into_response()),
        Err(e) => refused_form(&viewer, None, &draft, e),
    }
}

fn refused_form(
    viewer: &Viewer,
    slug: Option<&str>,
    draft: &Draft,
    e: vigil_app::AppError,
) -> Result<Response, PageError> {
    let error = ApiError::from(e);
    if error.status.is_server_error() || error.status == StatusCode::FORBIDDEN || error.status == StatusCode::NOT_FOUND
    {
        return Err(PageError(error));
    }
    Ok(form_page(viewer, slug, draft, Some(&problem(&error)), error.status))
}

/// `GET /campaigns/{slug}/edit`
pub async fn edit_form<S: Campaigns + Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let row = organiser_view(&app, &viewer, &slug).await?;
    let s = row.campaign.slug.to_string();
    let draft = by_name(&app, &viewer, Draft::of(&row.campaign)).await?;
    Ok(form_page(&viewer, Some(&s), &draft, None, StatusCode::OK))
}

/// `POST /campaigns/{slug}/edit`
pub async fn update<S: Campaigns + Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(form): Form<Pairs>,
) -> Result<Response, PageError> {
    let row = organiser_campaign(&app, &viewer, &slug).await?;
    let s = row.campaign.slug.to_string();
    let mut draft = Draft::read(&form);
    draft.slug = s.clone();
    let resolved = match by_id(&app, &viewer, &draft).await? {
        Ok(d) => d,
        Err(problems) => {
            return Ok(form_page(
                &viewer,
                Some(&s),
                &draft,
                Some(&problems),
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    };
    let body = resolved.json().to_string();
    match organising::update(&app.campaigns, &app.store, &viewer, &s, body.as_bytes()).await {
        Ok(_) => Ok(Redirect::to(&format!("/campaigns/{s}/organise")).into_response()),
        Err(e) => refused_form(&viewer, Some(&s), &draft, e),
    }
}

/// The draft with its case and persons by name, as the form shows them
/// (a record the reader may not see stays as its id: a name is never
/// guessed).
async fn by_name<S: Store>(app: &AppState<S>, viewer: &Viewer, mut draft: Draft) -> Result<Draft, PageError> {
    let title = |id: &str| {
        let id = id.trim().to_owned();
        async move {
            match RecordId::parse(&id) {
                Ok(rid) => match app.store.record(&rid, viewer.visibility).await {
                    Ok(r) => r.title().to_owned(),
                    Err(_) => id,
                },
                Err(_) => id,
            }
        }
    };
    if !draft.case.is_empty() {
        draft.case = title(&draft.case).await;
    }
    let mut names = Vec::new();
    for id in draft.persons.lines().filter(|l| !l.trim().is_empty()) {
        names.push(title(id).await);
    }
    draft.persons = names.join("\n");
    Ok(draft)
}

/// The draft with the case and persons typed by name (in any spelling, or
/// by id) replaced by their ids, as the API takes them; or what names no
/// record, or several, in the reader's words.
async fn by_id<S: Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    draft: &Draft,
) -> Result<Result<Draft, String>, PageError> {
    use crate::pages::edit::references::named;
    let mut problems = Vec::new();
    let mut resolved = Draft {
        case: String::new(),
        persons: String::new(),
        ..draft.clone()
    };
    if !draft.case.trim().is_empty() {
        match named(app, viewer, &draft.case, &[RecordKind::Case]).await? {
            Ok(id) => resolved.case = id.to_string(),
            Err(p) => problems.push(p),
        }
    }
    let mut ids = Vec::new();
    for typed in draft.persons.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match named(app, viewer, typed, &[RecordKind::Person]).await? {
            Ok(id) => ids.push(id.to_string()),
            Err(p) => problems.push(p),
        }
    }
    resolved.persons = ids.join("\n");
    Ok(if problems.is_empty() {
        Ok(resolved)
    } else {
        Err(problems.join(" "))
    })
}

/// The campaign, for an editor (drafts included).
async fn organiser_campaign<S: Campaigns + Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    raw: &str,
) -> Result<CampaignRow, PageError> {
    vigil_app::records::require_writer(viewer).map_err(ApiError::from)?;
    let slug = signing::slug_of(raw).map_err(ApiError::from)?;
    Ok(app.store.campaign(slug.as_str()).await.map_err(ApiError::from)?)
}

/// The campaign as the organiser `viewer` may see it (drafts included; its
/// persons and case through the one rule of
/// [`vigil_app::campaigns::signing::hide_links`]).
async fn organiser_view<S: Campaigns + Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    raw: &str,
) -> Result<CampaignRow, PageError> {
    let mut row = organiser_campaign(app, viewer, raw).await?;
    signing::hide_links(&app.store, viewer, &mut row.campaign)
        .await
        .map_err(ApiError::from)?;
    Ok(row)
}

/// What the desk shows above everything after an action.
#[derive(Default)]
struct Notice {
    error: Option<String>,
    /// The filter previewed, as typed, and how many it would remove.
    preview: Option<(InvalidationForm, u64)>,
    /// A partner link just made: shown once.
    new_link: Option<String>,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct InvalidationForm {
    #[serde(default)]
    ip_range: String,
    #[serde(default)]
    domain: String,
    /// `datetime-local`, read as UTC
    #[serde(default)]
    from: String,
    #[serde(default)]
    until: String,
}

impl InvalidationForm {
    /// The filter as the API takes it: empty fields left out, a
    /// `datetime-local` value read as UTC.
    fn json(&self) -> Value {
        let moment = |v: &str| {
            let v = v.trim();
            if v.len() == 16 && v.as_bytes().get(10) == Some(&b'T') {
                format!("{v}:00Z")
            } else if v.len() == 19 && v.as_bytes().get(10) == Some(&b'T') {
                format!("{v}Z")
            } else {
                v.to_owned()
            }
        };
        let mut m = Map::new();
        for (k, v) in [
            ("ip_range", self.ip_range.trim().to_owned()),
            ("domain", self.domain.trim().to_owned()),
            ("from", moment(&self.from)),
            ("until", moment(&self.until)),
        ] {
            if !v.is_empty() {
                m.insert(k.into(), json!(v));
            }
        }
        Value::Object(m)
    }
}

/// `GET /campaigns/{slug}/organise`
pub async fn desk<S: Campaigns + Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    render_desk(&app, &viewer, &slug, Notice::default(), StatusCode::OK).await
}

async fn render_desk<S: Campaigns + Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    raw: &str,
    notice: Notice,
    status: StatusCode,
) -> Result<Response, PageError> {
    let row = organiser_view(app, viewer, raw).await?;
    let c = &row.campaign;
    let slug = c.slug.as_str();
    let lang = viewer.lang;
    let api = |e: vigil_store::StoreError| PageError(ApiError::from(vigil_app::AppError::from(e)));
    let tally = app.campaigns.recount(&app.store, slug).await.map_err(api)?.tally;
    let by_day = app.store.signatures_by_day(slug).await.map_err(api)?;
    let deliveries = app.store.deliveries(slug).await.map_err(api)?;
    let audit = app.store.campaign_audit(slug).await.map_err(api)?;
    let responses = app.store.responses(slug).await.map_err(api)?;
    let result = app.store.result(slug).await.map_err(api)?;
    let milestones = app.store.milestones(slug).await.map_err(api)?;
    let partners = app.store.partner_links(slug).await.map_err(api)?;
    let news = outcomes::news(&app.store, viewer, &row).await.map_err(ApiError::from)?;
    let admin = viewer.role().is_some_and(|r| r.may_manage_accounts());
    let invalidations = if admin {
        app.store.invalidations(slug).await.map_err(api)?
    } else {
        Vec::new()
    };
    // Moments in words ("4 декабря 2026 г., 13:15 UTC"), not as ISO.
    let fmt = |t: time::OffsetDateTime| vigil_app::words::moment_in(lang, t);
    let title = c.title().to_owned();
    let body = html! {
        h1 { (title) }
        p.links {
            (state_word(lang, c.state.as_str()))
            " · " a href={ "/campaigns/" (slug) "/edit" } { (lang.tr("organise-edit-title")) }
            " · " a href={ "/campaigns/" (slug) } { (lang.tr("organise-public-page")) }
            " · " a href={ "/api/v1/campaigns/" (slug) "/signatures.csv" } { (lang.tr("organise-export")) }
        }
        @if let Some(e) = &notice.error {
            p.error role="alert" { (e) }
        }
        @if let Some(url) = &notice.new_link {
            section.notice {
                p { (lang.tr("organise-partner-created")) }
                p { code.partner-link { (url) } }
            }
        }
        @if !news.is_empty() {
            section.news role="status" {
                h2 { (lang.tr("organise-news")) }
                ul {
                    @for n in &news {
                        li {
                            a href={ "/persons/" (n.person) } { (n.name) } ": "
                            @if n.change == "released" {
                                (lang.tr_with("organise-news-released", &[("restraint", Arg::Text(&lang.term(&n.restraint)))]))
                            } @else {
                                (lang.tr_with("organise-news-new", &[("restraint", Arg::Text(&lang.term(&n.restraint)))]))
                            }
                        }
                    }
                }
                p { (lang.tr("organise-news-prompt")) " "
                    a href={ "/campaigns/" (slug) "/edit" } { (lang.tr("organise-edit-title")) } " · "
                    a href="#result" { (lang.tr("organise-result")) } }
            }
        }
        section.versions-state {
            h2 { (lang.tr("organise-versions")) }
            ul {
                @for v in &c.versions {
                    li { (crate::pages::sources::language_name(lang, v.language.as_str())) ": "
                        @if v.is_complete() { span.complete { (lang.tr("organise-version-complete")) } }
                        @else { span.incomplete { (lang.tr("organise-version-incomplete")) } } }
                }
            }
        }
        section.signatures {
            h2 { (lang.tr("organise-signatures")) }
            p.count {
                (lang.tr_with("organise-count", &[("count", Arg::Number(tally.confirmed))]))
                @if let Some(goal) = c.goal { " · " (lang.tr_with("campaign-goal", &[("goal", Arg::Number(goal))])) }
                @if tally.invalidated > 0 { " " (lang.tr_with("campaign-invalidated", &[("count", Arg::Number(tally.invalidated))])) }
            }
            (over_time(lang, &by_day, c.goal))
            (by_country(lang, &tally.by_country))
        }
        section.deliveries {
            h2 { (lang.tr("organise-deliveries")) }
            @if deliveries.is_empty() { p.empty { (lang.tr("organise-none")) } } @else {
                table {
                    thead { tr { th { (lang.tr("organise-when")) } th { (lang.tr("organise-target-email")) } th { (lang.tr("organise-signatures")) } th { (lang.tr("organise-status")) } } }
                    tbody {
                        @for d in &deliveries {
                            tr { td { (fmt(d.at)) } td { (d.target) } td { (d.signatures) }
                                td.{ "delivery-" (d.status) } { (delivery_status(lang, &d.status)) @if let Some(e) = &d.last_error { " (" (e) ")" } } }
                        }
                    }
                }
            }
            @if !c.targets.is_empty() {
                form method="post" action={ "/campaigns/" (slug) "/deliveries" } {
                    (layout::csrf_field(viewer))
                    button type="submit" { (lang.tr("organise-deliver-now")) }
                }
            }
        }
        section #result {
            h2 { (lang.tr("organise-result")) }
            @if let Some(r) = &result {
                p.result { strong { (result_word(lang, &r.result)) } @if !r.note.is_empty() { " — " (r.note) } " (" (vigil_app::words::actor_in(lang, &r.author)) ", " (fmt(r.at)) ")" }
            }
            form method="post" action={ "/campaigns/" (slug) "/result" } {
                (layout::csrf_field(viewer))
                label { (lang.tr("organise-result")) " "
                    select name="result" {
                        @for r in outcomes::RESULTS {
                            option value=(r) selected[result.as_ref().is_some_and(|x| x.result == r)] { (result_word(lang, r)) }
                        }
                    }
                }
                label { (lang.tr("organise-note")) " " input name="note" maxlength="5000"; }
                button type="submit" { (lang.tr("organise-save")) }
            }
        }
        section.responses {
            h2 { (lang.tr("organise-responses")) }
            @if responses.is_empty() { p.empty { (lang.tr("organise-none")) } }
            @for r in &responses {
                article.response {
                    p { strong { (r.target) } ", " (r.date)
                        @if let Some(l) = &r.link { " · " a href=(l) rel="noopener noreferrer" { (lang.tr("organise-response-link")) } } }
                    p { (r.text) }
                }
            }
            form method="post" action={ "/campaigns/" (slug) "/responses" } {
                (layout::csrf_field(viewer))
                label { (lang.tr("organise-response-target")) " " input name="target" required maxlength="300"; }
                label { (lang.tr("organise-response-date")) " " input type="date" name="date" required; }
                label { (lang.tr("organise-response-link")) " " input type="url" name="link" maxlength="2000"; }
                label { (lang.tr("organise-response-text")) " " textarea name="text" rows="4" required {} }
                button type="submit" { (lang.tr("organise-response-add")) }
            }
        }
        section.milestones {
            h2 { (lang.tr("organise-milestones")) }
            @if milestones.is_empty() { p.empty { (lang.tr("organise-none")) } }
            ul {
                @for m in &milestones {
                    li { (fmt(m.at)) ": " (milestone_words(lang, &m.milestone)) " — " (lang.tr_with("organise-updates-queued", &[("count", Arg::Number(m.messages))])) }
                }
            }
        }
        section.partners {
            h2 { (lang.tr("organise-partners")) }
            p.hint { (lang.tr("organise-partners-hint")) }
            ul {
                @for p in &partners {
                    li {
                        (p.partner) " (" (fmt(p.created_at)) ")"
                        @if let Some(at) = p.revoked_at { " — " (lang.tr("organise-partner-revoked")) " " (fmt(at)) } @else {
                            form.inline method="post" action={ "/campaigns/" (slug) "/partners/" (p.id) "/revoke" } {
                                (layout::csrf_field(viewer))
                                button type="submit" { (lang.tr("organise-partner-revoke")) }
                            }
                        }
                    }
                }
            }
            form method="post" action={ "/campaigns/" (slug) "/partners" } {
                (layout::csrf_field(viewer))
                label { (lang.tr("organise-partner")) " " input name="partner" required maxlength="200"; }
                button type="submit" { (lang.tr("organise-partner-create")) }
            }
        }
        @if admin {
            section.invalidation {
                h2 { (lang.tr("organise-invalidation")) }
                p.hint { (lang.tr("organise-invalidation-hint")) }
                @let typed = notice.preview.as_ref().map(|(f, _)| f.clone()).unwrap_or_default();
                @if let Some((_, n)) = &notice.preview {
                    p.preview role="status" { (lang.tr_with("organise-would-remove", &[("count", Arg::Number(*n))])) }
                }
                form method="post" action={ "/campaigns/" (slug) "/invalidations/preview" } {
                    (layout::csrf_field(viewer))
                    label { (lang.tr("organise-ip-range")) " " input name="ip_range" value=(typed.ip_range) placeholder="203.0.113.0/24"; }
                    label { (lang.tr("organise-domain")) " " input name="domain" value=(typed.domain); }
                    label { (lang.tr("organise-from")) " " input type="datetime-local" name="from" value=(typed.from); }
                    label { (lang.tr("organise-until")) " " input type="datetime-local" name="until" value=(typed.until); }
                    button type="submit" { (lang.tr("organise-preview")) }
                    @if notice.preview.is_some() {
                        " "
                        button type="submit" formaction={ "/campaigns/" (slug) "/invalidations" } { (lang.tr("organise-invalidate")) }
                    }
                }
                @if !invalidations.is_empty() {
                    table {
                        thead { tr { th { "#" } th { (lang.tr("organise-when")) } th { (lang.tr("organise-who")) } th { (lang.tr("organise-filter")) } th { (lang.tr("organise-removed")) } th {} } }
                        tbody {
                            @for i in &invalidations {
                                tr {
                                    td { (i.id) } td { (fmt(i.at)) } td { (vigil_app::words::actor_in(lang, &i.author)) }
                                    td { code { (serde_json::to_string(&i.filter).unwrap_or_default()) } }
                                    td { (i.removed) }
                                    td {
                                        @if let Some(at) = i.reverted_at {
                                            (lang.tr("organise-reverted")) " " (fmt(at))
                                        } @else {
                                            form.inline method="post" action={ "/campaigns/" (slug) "/invalidations/" (i.id) "/revert" } {
                                                (layout::csrf_field(viewer))
                                                button type="submit" { (lang.tr("organise-revert")) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        section.audit {
            h2 { (lang.tr("organise-audit")) }
            table {
                thead { tr { th { (lang.tr("organise-when")) } th { (lang.tr("organise-who")) } th { (lang.tr("organise-what")) } } }
                tbody {
                    @for a in audit.iter().rev() {
                        tr { td { (fmt(a.at)) } td { (vigil_app::words::actor_in(lang, &a.author)) }
                            td { @match audit_action_key(&a.action) { Some(k) => (lang.tr(k)), None => code { (a.action) } } } }
                    }
                }
            }
        }
    };
    Ok((status, layout::page(viewer, &title, body)).into_response())
}

fn delivery_status(lang: Lang, status: &str) -> String {
    lang.tr(match status {
        "sent" => "organise-delivery-sent",
        "failed" => "organise-delivery-failed",
        _ => "organise-delivery-queued",
    })
}

fn result_word(lang: Lang, result: &str) -> String {
    lang.tr(match result {
        "won" => "organise-result-won",
        "partly_won" => "organise-result-partly-won",
        "lost" => "organise-result-lost",
        _ => "organise-result-ongoing",
    })
}

/// Signatures over time: the running total, day by day, as a step line,
/// with the goal as a dashed line.
fn over_time(lang: Lang, by_day: &[(time::Date, u64)], goal: Option<u64>) -> Markup {
    if by_day.is_empty() {
        return html! { p.empty { (lang.tr("organise-no-signatures")) } };
    }
    let (left, top, width, height) = (48.0, 12.0, 600.0, 160.0);
    let first = by_day[0].0;
    let last = by_day[by_day.len() - 1].0;
    let days = ((last - first).whole_days() + 1).max(1) as f64;
    let total: u64 = by_day.iter().map(|(_, n)| n).sum();
    let max = total.max(goal.unwrap_or(0)).max(1) as f64;
    let x = |d: time::Date| left + width * ((d - first).whole_days() as f64) / days;
    let y = |n: u64| top + height - height * n as f64 / max;
    let mut points = vec![format!("{:.1},{:.1}", left, y(0))];
    let mut running = 0;
    for (d, n) in by_day {
        points.push(format!("{:.1},{:.1}", x(*d), y(running)));
        running += n;
        points.push(format!("{:.1},{:.1}", x(*d), y(running)));
    }
    points.push(format!("{:.1},{:.1}", left + width, y(running)));
    html! {
        svg.chart.signatures-over-time xmlns="http://www.w3.org/2000/svg" role="img"
            viewBox={ "0 0 " (left + width + 10.0) " " (top + height + 24.0) }
            aria-label=(lang.tr("organise-over-time")) {
            title { (lang.tr("organise-over-time")) }
            line.axis x1=(left) y1=(top + height) x2=(left + width) y2=(top + height) stroke="#888" {}
            text.axis x=(left - 4.0) y=(top + 8.0) text-anchor="end" { (max as u64) }
            text.axis x=(left - 4.0) y=(top + height) text-anchor="end" { "0" }
            text.axis x=(left) y=(top + height + 16.0) { (first) }
            text.axis x=(left + width) y=(top + height + 16.0) text-anchor="end" { (last) }
            @if let Some(g) = goal {
                line.goal x1=(left) y1=(y(g)) x2=(left + width) y2=(y(g)) stroke="#b35" stroke-dasharray="4 3" {}
            }
            polyline.total points=(points.join(" ")) fill="none" stroke="#2a6" stroke-width="2" {}
        }
    }
}

/// Signatures by country: one bar each, most first.
fn by_country(lang: Lang, counts: &BTreeMap<String, u64>) -> Markup {
    if counts.is_empty() {
        return html! {};
    }
    let mut rows: Vec<(&String, &u64)> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let (left, row, width) = (140.0, 18.0, 460.0);
    let max = *rows[0].1 as f64;
    let height = row * rows.len() as f64 + 6.0;
    html! {
        svg.chart.signatures-by-country xmlns="http://www.w3.org/2000/svg" role="img"
            viewBox={ "0 0 " (left + width + 60.0) " " (height) }
            aria-label=(lang.tr("organise-by-country")) {
            title { (lang.tr("organise-by-country")) }
            @for (i, (country, n)) in rows.iter().enumerate() {
                @let y = 3.0 + row * i as f64;
                @let name = vigil_app::words::country_in(lang, country);
                g.bar {
                    title { (name) ": " (n) }
                    text.label x=(left - 6.0) y=(y + 12.0) text-anchor="end" { (name) }
                    rect x=(left) y=(y) width=(width * **n as f64 / max.max(1.0)) height=(row - 4.0) fill="#2a6" {}
                    text x=(left + width * **n as f64 / max.max(1.0) + 4.0) y=(y + 12.0) { (n) }
                }
            }
        }
    }
}

/// After a form on the desk: back to the desk, or the desk with the problem.
async fn after<S: Campaigns + Store, T>(
    app: &AppState<S>,
    viewer: &Viewer,
    slug: &str,
    done: Result<T, vigil_app::AppError>,
) -> Result<Response, PageError> {
    match done {
        Ok(_) => Ok(Redirect::to(&format!("/campaigns/{slug}/organise")).into_response()),
        Err(e) => {
            let error = ApiError::from(e);
            if error.status.is_server_error()
                || error.status == StatusCode::FORBIDDEN
                || error.status == StatusCode::NOT_FOUND
            {
                return Err(PageError(error));
            }
            let notice = Notice {
                error: Some(problem(&error)),
                ..Notice::default()
            };
            render_desk(app, viewer, slug, notice, error.status).await
        }
    }
}

#[derive(serde::Deserialize)]
pub struct ResponseForm {
    #[serde(default)]
    target: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    link: String,
}

/// `POST /campaigns/{slug}/responses`
pub async fn add_response<S: Campaigns + Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Form(f): Form<ResponseForm>,
) -> Result<Response, PageError> {
    app.campaigns
        .remember_base(&crate::origin::base_url(&app.campaigns.config.public_url, &headers));
    let body = json!({"target": f.target, "text": f.text, "date": f.date, "link": f.link}).to_string();
    let done = outcomes::record_response(&app.campaigns, &app.store, &viewer, &slug, body.as_bytes()).await;
    if done.is_ok() {
        app.campaigns.mail_waiting.notify_one();
    }
    after(&app, &viewer, &slug, done).await
}

#[derive(serde::Deserialize)]
pub struct ResultForm {
    #[serde(default)]
    result: String,
    #[serde(default)]
    note: String,
}

/// `POST /campaigns/{slug}/result`
pub async fn set_result<S: Campaigns + Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<ResultForm>,
) -> Result<Response, PageError> {
    let body = json!({"result": f.result, "note": f.note}).to_string();
    let done = outcomes::record_result(&app.store, &viewer, &slug, body.as_bytes()).await;
    after(&app, &viewer, &slug, done).await
}

/// `POST /campaigns/{slug}/deliveries`: digests to the targets now.
pub async fn deliver<S: Campaigns + Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let row = organiser_campaign(&app, &viewer, &slug).await?;
    let done = vigil_app::campaigns::send_digests(&app.campaigns, &app.store, &row.campaign, true)
        .await
        .map_err(vigil_app::AppError::from);
    after(&app, &viewer, &slug, done).await
}

#[derive(serde::Deserialize)]
pub struct PartnerForm {
    #[serde(default)]
    partner: String,
}

/// `POST /campaigns/{slug}/partners`: the desk, with the new link shown once.
pub async fn create_partner<S: Campaigns + Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Form(f): Form<PartnerForm>,
) -> Result<Response, PageError> {
    let body = json!({"partner": f.partner}).to_string();
    match outcomes::create_partner_link(&app.store, &viewer, &slug, body.as_bytes()).await {
        Ok((_, token)) => {
            let base = crate::origin::base_url(&app.campaigns.config.public_url, &headers);
            let notice = Notice {
                new_link: Some(format!("{base}/partner?token={token}")),
                ..Notice::default()
            };
            render_desk(&app, &viewer, &slug, notice, StatusCode::CREATED).await
        }
        Err(e) => after::<S, ()>(&app, &viewer, &slug, Err(e)).await,
    }
}

/// `POST /campaigns/{slug}/partners/{id}/revoke`
pub async fn revoke_partner<S: Campaigns + Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    let done = outcomes::revoke_partner_link(&app.store, &viewer, &slug, id).await;
    after(&app, &viewer, &slug, done).await
}

/// `POST /campaigns/{slug}/invalidations/preview` (admins)
pub async fn preview<S: Campaigns + Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<InvalidationForm>,
) -> Result<Response, PageError> {
    let body = f.json().to_string();
    match organising::preview(&app.store, &viewer, &slug, body.as_bytes()).await {
        Ok(n) => {
            let notice = Notice {
                preview: Some((f, n)),
                ..Notice::default()
            };
            render_desk(&app, &viewer, &slug, notice, StatusCode::OK).await
        }
        Err(e) => after::<S, ()>(&app, &viewer, &slug, Err(e)).await,
    }
}

/// `POST /campaigns/{slug}/invalidations` (admins)
pub async fn invalidate<S: Campaigns + Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<InvalidationForm>,
) -> Result<Response, PageError> {
    let body = f.json().to_string();
    let done = organising::invalidate(&app.campaigns, &app.store, &viewer, &slug, body.as_bytes()).await;
    after(&app, &viewer, &slug, done).await
}

/// `POST /campaigns/{slug}/invalidations/{id}/revert` (admins)
pub async fn revert<S: Campaigns + Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    let done = organising::revert(&app.campaigns, &app.store, &viewer, &slug, id).await;
    after(&app, &viewer, &slug, done).await
}

/// `GET /partner?token=…`: what the partner's link shows, and nothing else.
pub async fn partner<S: Campaigns + Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: crate::params::Params,
) -> Result<Response, PageError> {
    let lang = viewer.lang;
    let token = params.text("token").unwrap_or_default();
    let view = outcomes::partner_view(&app.campaigns, &app.store, token)
        .await
        .map_err(ApiError::from)?;
    let title = lang.tr_with("organise-partner-title", &[("title", Arg::Text(&view.title))]);
    let body = html! {
        h1 { (title) }
        p.count { (lang.tr_with("organise-count", &[("count", Arg::Number(view.confirmed))])) }
        (by_country(lang, &view.by_country))
        h2 { (lang.tr("organise-by-organisation")) }
        table.by-organisation {
            tbody {
                @for (org, n) in &view.by_organisation {
                    tr { td { @if org.is_empty() { em { (lang.tr("organise-no-organisation")) } } @else { (org) } } td { (n) } }
                }
            }
        }
        h2 { (lang.tr("organise-named")) }
        @if view.named.is_empty() { p.empty { (lang.tr("organise-none")) } }
        ul.named { @for n in &view.named { li { (n) } } }
    };
    let mut res = layout::page(&viewer, &title, body).into_response();
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}

/// A milestone (`goal`, or `response-<id>`) in the reader's words.
fn milestone_words(lang: Lang, milestone: &str) -> String {
    if milestone.starts_with("response-") {
        lang.tr("organise-milestone-response")
    } else {
        lang.tr("organise-milestone-goal")
    }
}
