//! `/cases` and `/cases/{id}`.

use axum::extract::State;
use maud::{html, Markup};
use vigil_core::{Case, Event, Record, RecordKind};
use vigil_store::{Campaigns, Store};

use super::{events::event_list, fmt, layout, lookup, timeline, RecordPage};
use crate::error::PageError;
use crate::links;
use crate::params::Params;
use crate::{AppState, Viewer};

pub async fn list<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Markup, PageError> {
    let page = params.page()?;
    let listing = app.store.cases(viewer.visibility, page).await?;
    Ok(layout::page(
        &viewer,
        "Cases",
        html! {
            h1 { "Cases" }
            (super::edit::new_link(&viewer, RecordKind::Case))
            @if listing.items.is_empty() { p.empty { "No cases." } }
            ul.records {
                @for c in &listing.items {
                    li {
                        a href=(links::href(RecordKind::Case, &c.id)) { (c.title) }
                        " — " (c.event_ids.len()) " events"
                    }
                }
            }
            (layout::pager("/cases", "", page.offset(), page.limit(), listing.total))
        },
    ))
}

impl RecordPage for Case {
    async fn page<S: Store + Campaigns>(self, app: &AppState<S>, viewer: &Viewer) -> Result<Markup, PageError> {
        let case = self;
        let mut events: Vec<Event> = Vec::new();
        for e in &case.event_ids {
            if let Some(Record::Event(ev)) = lookup(&app.store, viewer, e).await? {
                events.push(ev);
            }
        }
        events.sort_by_key(|e| e.date);
        let mut persons = Vec::new();
        for p in &case.person_ids {
            if let Some(rec) = lookup(&app.store, viewer, p).await? {
                persons.push(rec);
            }
        }
        let campaigns = super::campaigns::linked(app, viewer, &case.id).await;
        Ok(layout::page(
            viewer,
            &case.title,
            html! {
                p.kind { "Case" }
                h1 { (case.title) }
                p.actions { (super::edit::edit_link(viewer, RecordKind::Case, &case.id)) }
                @if let Some(d) = &case.description { p.description { (d) } }
                (campaigns)
                @if !persons.is_empty() {
                    h2 { "Persons" }
                    ul.records { @for p in &persons { li { (fmt::link(p)) } } }
                }
                h2 { "Timeline" }
                (timeline::svg(&events, &[]))
                h2 { "Events" }
                (event_list(&events))
                p.history { a href={ "/records/" (case.id) "/history" } { "History of this record" } }
            },
        ))
    }
}
