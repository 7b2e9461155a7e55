//! `/organisations` and `/organisations/{id}`.

use axum::extract::State;
use maud::{html, Markup};
use vigil_core::{Organisation, Record, RecordKind};
use vigil_store::{Campaigns, EventFilter, NameQuery, Page, Store};

use super::{events::event_list, fmt, layout, lookup, RecordPage};
use crate::error::PageError;
use crate::links;
use crate::params::Params;
use crate::{AppState, Viewer};

pub async fn list<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Markup, PageError> {
    let q = params.search_text("q")?;
    let page = params.page()?;
    let query = NameQuery {
        text: q.clone(),
        visibility: viewer.visibility,
    };
    let listing = app.store.organisations(&query, page).await?;
    let query_string = q.as_deref().map(|q| links::query(&[("q", q)])).unwrap_or_default();
    Ok(layout::page(
        &viewer,
        "Organisations",
        html! {
            h1 { "Organisations" }
            (super::edit::new_link(&viewer, RecordKind::Organisation))
            form.filter method="get" action="/organisations" {
                label { "Name or acronym " input type="search" name="q" value=[q.as_deref()]; }
                button { "Find" }
            }
            @if listing.items.is_empty() { p.empty { "No organisation matches." } }
            ul.records {
                @for o in &listing.items {
                    li {
                        a href=(links::href(RecordKind::Organisation, &o.id)) { (o.name) }
                        @if !o.aliases.is_empty() { span.aliases { " (" (o.aliases.join(", ")) ")" } }
                        " — " (o.kind.label())
                    }
                }
            }
            (layout::pager("/organisations", &query_string, page.offset(), page.limit(), listing.total))
        },
    ))
}

impl RecordPage for Organisation {
    async fn page<S: Store + Campaigns>(self, app: &AppState<S>, viewer: &Viewer) -> Result<Markup, PageError> {
        let org = self;
        let parent = match &org.parent_id {
            Some(p) => lookup(&app.store, viewer, p).await?,
            None => None,
        };
        let referring = app.store.referring_to(&org.id, viewer.visibility).await?;
        let members: Vec<&Record> = referring.iter().filter(|r| r.kind() == RecordKind::Person).collect();
        let children: Vec<&Record> = referring
            .iter()
            .filter(|r| matches!(r, Record::Organisation(o) if o.parent_id.as_ref() == Some(&org.id)))
            .collect();
        let filter = EventFilter {
            organisation: Some(org.id.clone()),
            ..EventFilter::all(viewer.visibility)
        };
        let events = app.store.events(&filter, Page::all()).await?.items;
        Ok(layout::page(
            viewer,
            &org.name,
            html! {
                p.kind { "Organisation" }
                h1 { (org.name) }
                p.actions { (super::edit::edit_link(viewer, RecordKind::Organisation, &org.id)) }
                @if !org.aliases.is_empty() { p { "Also known as: " span.aliases { (org.aliases.join(" · ")) } } }
                dl.facts {
                    dt { "Kind" } dd { (org.kind.label()) }
                    dt { "Status" } dd { (org.status.label()) }
                    @if let Some(c) = &org.country { dt { "Country" } dd { (c) } }
                    @if let Some(p) = &parent { dt { "Part of" } dd { (fmt::link(p)) } }
                    @if !children.is_empty() {
                        dt { "Bodies" } dd { ul { @for c in &children { li { (fmt::link(c)) } } } }
                    }
                    @if !members.is_empty() {
                        dt { "People" } dd { ul { @for m in &members { li { (fmt::link(m)) } } } }
                    }
                }
                h2 { "Events" }
                (event_list(&events))
                (super::events::quotes("What the sources say about it", &org.excerpts))
                p.history { a href={ "/records/" (org.id) "/history" } { "History of this record" } }
            },
        ))
    }
}
