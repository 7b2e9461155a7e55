//! `/events` and `/events/{id}`.

use axum::extract::State;
use maud::{html, Markup};
use vigil_app::i18n::{Arg, Lang};
use vigil_core::{Event, EventType, Excerpt, Fine, RecordId, RecordKind, Terms};
use vigil_store::{Campaigns, NameQuery, Page, Store};

use super::{fmt, layout, lookup, record_page, RecordPage};
use crate::error::PageError;
use crate::links;
use crate::params::Params;
use crate::{AppState, Viewer};

/// Events as a list: date, type, title.
pub fn event_list(lang: Lang, events: &[Event]) -> Markup {
    html! {
        @if events.is_empty() { p.empty { (lang.tr("events-none")) } }
        ol.events {
            @for e in events {
                li {
                    span.date { (fmt::time_in(lang, &e.date)) }
                    " "
                    span class={ "type " (e.event_type.as_str()) } { (lang.term(&e.event_type)) }
                    " "
                    a href=(links::href(RecordKind::Event, &e.id)) { (e.title) }
                    @if e.pattern { " " span.pattern { "(" (lang.tr("event-pattern-mark")) ")" } }
                }
            }
        }
    }
}

/// The sources passages are quoted from, as a reader cites them: title,
/// publisher, date; only the sources the reader may see.
#[derive(Default)]
pub struct Cites(std::collections::HashMap<RecordId, Cite>);

pub struct Cite {
    title: String,
    publisher: Option<String>,
    published: Option<vigil_core::PartialDate>,
}

impl Cites {
    /// From sources at hand (a country's case file).
    pub fn of<'a>(sources: impl IntoIterator<Item = &'a vigil_core::Source>) -> Self {
        Cites(
            sources
                .into_iter()
                .map(|s| {
                    (
                        s.id.clone(),
                        Cite {
                            title: s.title.clone(),
                            publisher: s.publisher.clone(),
                            published: s.published,
                        },
                    )
                })
                .collect(),
        )
    }

    /// The sources `excerpts` quote that `viewer` may see, read one each.
    pub async fn look_up<'a, S: Store>(
        store: &S,
        viewer: &Viewer,
        excerpts: impl IntoIterator<Item = &'a Excerpt>,
    ) -> Result<Self, PageError> {
        let mut ids: Vec<&RecordId> = excerpts.into_iter().map(|x| &x.source_id).collect();
        ids.sort();
        ids.dedup();
        let mut sources = Vec::new();
        for id in ids {
            if let Some(vigil_core::Record::Source(s)) = lookup(store, viewer, id).await? {
                sources.push(s);
            }
        }
        Ok(Cites::of(&sources))
    }
}

/// A source as cited: its title linked to the passage (`#at-…`), its
/// publisher and date; a source the reader may not see is named as such.
pub fn cite(lang: Lang, cites: &Cites, x: &Excerpt) -> Markup {
    html! {
        @match cites.0.get(&x.source_id) {
            Some(c) => {
                a.source href={ "/sources/" (x.source_id) "#at-" (x.start) } { (c.title) }
                @if let Some(p) = &c.publisher { ", " span.publisher { (p) } }
                @if let Some(d) = &c.published { ", " (fmt::time_in(lang, d)) }
            }
            None => { (lang.tr("source-not-shown")) }
        }
    }
}

/// Quoted passages, each cited by its source's title and linked to its
/// place in the source.
pub fn quotes(lang: Lang, heading: &str, excerpts: &[Excerpt], cites: &Cites) -> Markup {
    html! {
        @if !excerpts.is_empty() {
            h2 { (heading) }
            @for x in excerpts {
                blockquote.excerpt {
                    p { (vigil_app::words::quotation(&x.text)) }
                    footer { "— " (cite(lang, cites, x)) }
                }
            }
        }
    }
}

fn terms(lang: Lang, t: &Terms) -> Markup {
    let length = |d: &vigil_core::Duration| vigil_app::words::duration_in(lang, d);
    html! {
        ul.terms {
            @if let Some(d) = &t.imprisonment { li { (lang.tr_with("terms-imprisonment", &[("length", Arg::Text(&length(d)))])) } }
            @if let Some(d) = &t.restricted_freedom { li { (lang.tr_with("terms-restricted-freedom", &[("length", Arg::Text(&length(d)))])) } }
            @if let Some(f) = &t.fine {
                li { @match f {
                    Fine::Undisclosed => (lang.tr("terms-fine-undisclosed")),
                    Fine::Amount { amount, currency } => (lang.tr_with("terms-fine", &[("amount", Arg::Text(&format!("{amount} {currency}")))])),
                } }
            }
            @for b in &t.bans {
                li { @match &b.duration {
                    Some(d) => (lang.tr_with("terms-ban", &[("scope", Arg::Text(&b.scope)), ("length", Arg::Text(&length(d)))])),
                    None => (lang.tr_with("terms-ban-open", &[("scope", Arg::Text(&b.scope))])),
                } }
            }
        }
    }
}

pub async fn list<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Markup, PageError> {
    let filter = crate::reads::event_filter(&params, &viewer)?;
    if crate::reads::empty_window(&filter) {
        return Err(crate::error::ApiError::bad_param("to", "to must not be before from").into());
    }
    let page = params.page()?;
    let listing = app.store.events(&filter, page).await?;
    let persons = app
        .store
        .persons(&NameQuery::all(viewer.visibility), Page::all())
        .await?
        .items;
    let orgs = app
        .store
        .organisations(&NameQuery::all(viewer.visibility), Page::all())
        .await?
        .items;
    let type_s = filter.event_type.map(|t| t.as_str().to_owned());
    let person_s = filter.person.as_ref().map(|p| p.to_string());
    let org_s = filter.organisation.as_ref().map(|p| p.to_string());
    let from_s = filter.from.map(vigil_core::date::format_day);
    let to_s = filter.to.map(vigil_core::date::format_day);
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for (k, v) in [
        ("type", &type_s),
        ("person", &person_s),
        ("organisation", &org_s),
        ("from", &from_s),
        ("to", &to_s),
    ] {
        if let Some(v) = v {
            pairs.push((k, v));
        }
    }
    let query_string = links::query(&pairs);
    let lang = viewer.lang;
    let tr = |key: &str| lang.tr(key);
    let title = tr("nav-events");
    Ok(layout::page(
        &viewer,
        &title,
        html! {
            h1 { (title) }
            (super::edit::new_link(&viewer, RecordKind::Event))
            form.filter method="get" action="/events" {
                label { (tr("events-filter-type")) " "
                    select name="type" {
                        option value="" { (tr("events-filter-any")) }
                        @for t in EventType::ALL {
                            option value=(t.as_str()) selected[filter.event_type == Some(*t)] { (lang.term(t)) }
                        }
                    }
                }
                label { (tr("events-filter-person")) " "
                    select name="person" {
                        option value="" { (tr("events-filter-anyone")) }
                        @for p in &persons {
                            option.own value=(p.id) selected[filter.person.as_ref() == Some(&p.id)] { (p.name) }
                        }
                    }
                }
                label { (tr("events-filter-organisation")) " "
                    select name="organisation" {
                        option value="" { (tr("events-filter-any")) }
                        @for o in &orgs {
                            option.own value=(o.id) selected[filter.organisation.as_ref() == Some(&o.id)] { (o.name) }
                        }
                    }
                }
                label { (tr("events-filter-from")) " " input type="date" name="from" value=[from_s.as_deref()]; }
                label { (tr("events-filter-to")) " " input type="date" name="to" value=[to_s.as_deref()]; }
                button { (tr("events-filter-button")) }
            }
            p.total { (lang.tr_with("events-count", &[("count", Arg::Number(listing.total))])) }
            (event_list(lang, &listing.items))
            (layout::pager(viewer.lang, "/events", &query_string, page.offset(), page.limit(), listing.total))
        },
    ))
}

impl RecordPage for Event {
    async fn page<S: Store + Campaigns + vigil_store::Attachments>(
        self,
        app: &AppState<S>,
        viewer: &Viewer,
    ) -> Result<Markup, PageError> {
        let event = self;
        let mut participants = Vec::new();
        for p in &event.participants {
            participants.push((p, lookup(&app.store, viewer, &p.record_id).await?));
        }
        // Those other accounts name, for the accounts side by side.
        let mut named: std::collections::HashMap<&RecordId, Option<vigil_core::Record>> =
            std::collections::HashMap::new();
        for p in event.claims.iter().flat_map(|c| c.participants.iter().flatten()) {
            if !named.contains_key(&p.record_id) {
                named.insert(&p.record_id, lookup(&app.store, viewer, &p.record_id).await?);
            }
        }
        for (p, rec) in &participants {
            named.entry(&p.record_id).or_insert_with(|| rec.clone());
        }
        let mut related = Vec::new();
        for r in &event.relates_to {
            if let Some(rec) = lookup(&app.store, viewer, r).await? {
                related.push(rec);
            }
        }
        let referring = app.store.referring_to(&event.id, viewer.visibility).await?;
        let cites = Cites::look_up(&app.store, viewer, &event.excerpts).await?;
        let lang = viewer.lang;
        let tr = |key: &str| lang.tr(key);
        Ok(record_page(
            viewer,
            RecordKind::Event,
            &event.id,
            &event.title,
            html! { " · " (lang.term(&event.event_type)) },
            html! {},
            html! {
                @if event.pattern { p.pattern { strong { (tr("event-is-pattern")) } " " (tr("event-is-pattern-hint")) } }
                dl.facts {
                    dt { (tr(if event.pattern { "fact-reported" } else { "fact-date" })) } dd { (fmt::time_in(lang, &event.date)) }
                    @if let Some(p) = &event.place { dt { (tr("fact-place")) } dd { (p) } }
                    @if let Some(c) = &event.country { dt { (tr("fact-country")) } dd { (vigil_app::words::country_in(lang, c)) } }
                    @if let Some(n) = event.victim_count { dt { (tr("fact-people-affected")) } dd { (n) } }
                    @if !participants.is_empty() {
                        dt { (tr("fact-participants")) }
                        dd { ul.participants {
                            @for (p, rec) in &participants {
                                li {
                                    @if let Some(r) = rec { (fmt::link(r)) } @else { (tr("record-not-shown")) }
                                    " — " span.role { (lang.term(&p.role)) }
                                }
                            }
                        } }
                    }
                    @if let Some(t) = &event.terms { dt { (tr("fact-terms")) } dd { (terms(lang, t)) } }
                    @if !related.is_empty() {
                        dt { (tr("fact-acts-on")) } dd { ul { @for r in &related { li { (fmt::link(r)) } } } }
                    }
                    @if !referring.is_empty() {
                        dt { (tr("fact-referred-to-by")) } dd { ul { @for r in &referring { li { (fmt::link(r)) } } } }
                    }
                }
                @if let Some(d) = &event.description { p.description { (d) } }
                (accounts(viewer, &event, &cites, &named))
                (quotes(lang, &tr("quotes-evidence"), &event.excerpts, &cites))
            },
        ))
    }
}

/// When sources disagree about an event: each account side by side (the
/// event's own first), with the sources that give it; an editor may reject
/// an account, with a reason, or take the rejection back.
fn accounts(
    viewer: &Viewer,
    event: &Event,
    cites: &Cites,
    named: &std::collections::HashMap<&RecordId, Option<vigil_core::Record>>,
) -> Markup {
    let lang = viewer.lang;
    let tr = |key: &str| lang.tr(key);
    if event.claims.is_empty() {
        return html! {};
    }
    let by = |claim: Option<&str>| -> Vec<&Excerpt> {
        event.excerpts.iter().filter(|x| x.claim.as_deref() == claim).collect()
    };
    // The own account lists who took part only when another names others.
    let disputed_who = event.claims.iter().any(|c| c.participants.is_some());
    let account = |date: Option<&vigil_core::PartialDate>,
                   terms_: Option<&Terms>,
                   place: Option<&String>,
                   who: Option<&Vec<vigil_core::Participant>>,
                   sources: Vec<&Excerpt>| {
        html! {
            dl.facts {
                @if let Some(d) = date { dt { (tr("fact-date")) } dd { (fmt::time_in(lang, d)) } }
                @if let Some(t) = terms_ { dt { (tr("fact-terms")) } dd { (terms(lang, t)) } }
                @if let Some(p) = place { dt { (tr("fact-place")) } dd { (p) } }
                @if let Some(who) = who {
                    dt { (tr("fact-participants")) }
                    dd { ul.participants {
                        @for p in who {
                            li {
                                @match named.get(&p.record_id) {
                                    Some(Some(r)) => { (fmt::link(r)) }
                                    _ => { (tr("record-not-shown")) }
                                }
                                " — " span.role { (lang.term(&p.role)) }
                            }
                        }
                    } }
                }
                dt { (tr("claims-said-by")) }
                dd { ul { @for x in sources { li { (cite(lang, cites, x)) } } } }
            }
        }
    };
    html! {
        section.accounts id="accounts" {
            h2 { (tr("claims-heading")) }
            p.hint { (tr("claims-explained")) }
            ol.accounts {
                li.account {
                    h3 { (tr("claims-own-account")) }
                    (account(
                        Some(&event.date),
                        event.terms.as_ref(),
                        event.place.as_ref(),
                        disputed_who.then_some(&event.participants),
                        by(None),
                    ))
                }
                @for c in &event.claims {
                    li.account.rejected[c.rejected.is_some()] id={ "claim-" (c.key) } {
                        h3 { (tr("claims-other-account")) " " code { (c.key) } }
                        (account(
                            c.date.as_ref(),
                            c.terms.as_ref(),
                            c.place.as_ref(),
                            c.participants.as_ref(),
                            by(Some(&c.key)),
                        ))
                        @if let Some(reason) = &c.rejected {
                            p.rejected { strong { (tr("claims-rejected")) } " " (reason) }
                        }
                        @if viewer.may_write() {
                            form.inline method="post" action={ "/events/" (event.id) "/claims" } {
                                (layout::csrf_field(viewer))
                                input type="hidden" name="key" value=(c.key);
                                @if c.rejected.is_some() {
                                    input type="hidden" name="decision" value="reinstate";
                                    button { (tr("claims-reinstate")) }
                                } @else {
                                    input type="hidden" name="decision" value="reject";
                                    input type="text" name="reason" required aria-label=(tr("claims-reason")) placeholder=(tr("claims-reason"));
                                    button { (tr("claims-reject")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `POST /events/{id}/claims`: the event page's form deciding an account.
pub async fn decide_claim<S: Store>(
    axum::extract::State(app): axum::extract::State<AppState<S>>,
    viewer: Viewer,
    axum::extract::Path(id): axum::extract::Path<String>,
    body: axum::body::Bytes,
) -> Result<axum::response::Response, PageError> {
    use axum::response::IntoResponse;
    let rid = RecordId::parse(&id).map_err(|_| crate::error::ApiError::not_found("event", &id))?;
    let (mut key, mut decision, mut reason) = (None, None, None);
    for (k, v) in form_urlencoded::parse(&body) {
        match k.as_ref() {
            "key" => key = Some(v.into_owned()),
            "decision" => decision = Some(v.into_owned()),
            "reason" => reason = Some(v.into_owned()),
            _ => {}
        }
    }
    let key = key.ok_or_else(|| crate::error::ApiError::bad_param("key", "which account"))?;
    let reason = match decision.as_deref() {
        Some("reject") => Some(reason.unwrap_or_default()),
        Some("reinstate") => None,
        _ => return Err(crate::error::ApiError::bad_param("decision", "reject or reinstate").into()),
    };
    let rev = vigil_app::claims::decide(&app.store, &viewer, &rid, &key, reason, None).await?;
    app.written_revision(&rev).await;
    let to = format!("/events/{}#claim-{key}", rev.record_id);
    Ok(axum::response::Redirect::to(&to).into_response())
}

/// For a person's status: each event behind it whose sources disagree, with
/// every account in brief and the sources that give it.
pub fn disputes<'a>(
    lang: Lang,
    events: &[Event],
    disputed: impl IntoIterator<Item = &'a RecordId>,
    cites: &Cites,
) -> Markup {
    let mut ids: Vec<&RecordId> = disputed.into_iter().collect();
    ids.sort();
    ids.dedup();
    let shown: Vec<&Event> = ids
        .into_iter()
        .filter_map(|id| events.iter().find(|e| &e.id == id))
        .collect();
    let said_by = |e: &Event, claim: Option<&str>| -> Markup {
        html! {
            @for (i, x) in e.excerpts.iter().filter(|x| x.claim.as_deref() == claim).enumerate() {
                @if i > 0 { "; " }
                (cite(lang, cites, x))
            }
        }
    };
    let brief = |date: Option<&vigil_core::PartialDate>, t: Option<&Terms>| -> String {
        let mut parts = Vec::new();
        if let Some(d) = date {
            parts.push(vigil_app::words::date_in(lang, d));
        }
        if let Some(d) = t.and_then(|t| t.imprisonment.or(t.restricted_freedom)) {
            parts.push(vigil_app::words::duration_in(lang, &d));
        }
        parts.join(", ")
    };
    html! {
        @if !shown.is_empty() {
            div.disputes {
                p { strong { (lang.tr("claims-sources-disagree")) } }
                ul {
                    @for e in &shown {
                        li {
                            a href={ (links::href(RecordKind::Event, &e.id)) "#accounts" } { (e.title) } ": "
                            (brief(Some(&e.date), e.terms.as_ref())) " (" (said_by(e, None)) ")"
                            @for c in e.standing_claims() {
                                " " (lang.tr("claims-or")) " "
                                (brief(c.date.as_ref(), c.terms.as_ref())) " (" (said_by(e, Some(&c.key))) ")"
                            }
                        }
                    }
                }
            }
        }
    }
}
