//! `/events` and `/events/{id}`.

use axum::extract::State;
use maud::{html, Markup};
use vigil_app::i18n::Lang;
use vigil_core::{Event, EventType, Excerpt, Fine, RecordKind, Terms};
use vigil_store::{Campaigns, NameQuery, Page, Store};

use super::{fmt, layout, lookup, RecordPage};
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
                }
            }
        }
    }
}

/// Quoted passages, each linked to its place in the source.
pub fn quotes(heading: &str, excerpts: &[Excerpt]) -> Markup {
    html! {
        @if !excerpts.is_empty() {
            h2 { (heading) }
            @for x in excerpts {
                blockquote.excerpt {
                    p { (vigil_app::words::quotation(&x.text)) }
                    footer {
                        a href={ "/sources/" (x.source_id) "#at-" (x.start) } { "in " (x.source_id) ", bytes " (x.start) "–" (x.end) }
                    }
                }
            }
        }
    }
}

fn terms(t: &Terms) -> Markup {
    html! {
        ul.terms {
            @if let Some(d) = &t.imprisonment { li { "Imprisonment: " code { (d) } } }
            @if let Some(d) = &t.restricted_freedom { li { "Restricted freedom: " code { (d) } } }
            @if let Some(f) = &t.fine {
                li { "Fine: " @match f {
                    Fine::Undisclosed => "amount not stated",
                    Fine::Amount { amount, currency } => { (amount) " " (currency) }
                } }
            }
            @for b in &t.bans {
                li { "Ban from " (b.scope) ": " @if let Some(d) = &b.duration { code { (d) } } @else { "end not stated" } }
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
    Ok(layout::page(
        &viewer,
        "Events",
        html! {
            h1 { "Events" }
            (super::edit::new_link(&viewer, RecordKind::Event))
            form.filter method="get" action="/events" {
                label { "Type "
                    select name="type" {
                        option value="" { "any" }
                        @for t in EventType::ALL {
                            option value=(t.as_str()) selected[filter.event_type == Some(*t)] { (t.label()) }
                        }
                    }
                }
                label { "Person "
                    select name="person" {
                        option value="" { "anyone" }
                        @for p in &persons {
                            option value=(p.id) selected[filter.person.as_ref() == Some(&p.id)] { (p.name) }
                        }
                    }
                }
                label { "Organisation "
                    select name="organisation" {
                        option value="" { "any" }
                        @for o in &orgs {
                            option value=(o.id) selected[filter.organisation.as_ref() == Some(&o.id)] { (o.name) }
                        }
                    }
                }
                label { "From " input type="date" name="from" value=[from_s.as_deref()]; }
                label { "To " input type="date" name="to" value=[to_s.as_deref()]; }
                button { "Filter" }
            }
            p.total { (listing.total) " events" }
            (event_list(viewer.lang, &listing.items))
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
        let mut related = Vec::new();
        for r in &event.relates_to {
            if let Some(rec) = lookup(&app.store, viewer, r).await? {
                related.push(rec);
            }
        }
        let referring = app.store.referring_to(&event.id, viewer.visibility).await?;
        Ok(layout::page(
            viewer,
            &event.title,
            html! {
                p.kind { "Event · " (event.event_type.label()) }
                h1 { (event.title) }
                p.actions { (super::edit::edit_link(viewer, RecordKind::Event, &event.id)) }
                dl.facts {
                    dt { "Date" } dd { (fmt::time(&event.date)) }
                    @if let Some(p) = &event.place { dt { "Place" } dd { (p) } }
                    @if let Some(c) = &event.country { dt { "Country" } dd { (c) } }
                    @if let Some(n) = event.victim_count { dt { "People affected" } dd { (n) } }
                    @if !participants.is_empty() {
                        dt { "Participants" }
                        dd { ul.participants {
                            @for (p, rec) in &participants {
                                li {
                                    @if let Some(r) = rec { (fmt::link(r)) } @else { (p.record_id) }
                                    " — " span.role { (p.role.label()) }
                                }
                            }
                        } }
                    }
                    @if let Some(t) = &event.terms { dt { "Terms" } dd { (terms(t)) } }
                    @if !related.is_empty() {
                        dt { "Acts on" } dd { ul { @for r in &related { li { (fmt::link(r)) } } } }
                    }
                    @if !referring.is_empty() {
                        dt { "Referred to by" } dd { ul { @for r in &referring { li { (fmt::link(r)) } } } }
                    }
                }
                @if let Some(d) = &event.description { p.description { (d) } }
                (quotes("Evidence", &event.excerpts))
                p.history { a href={ "/records/" (event.id) "/history" } { "History of this record" } }
            },
        ))
    }
}
