//! `/`: what Vigil holds and what happened last.

use axum::extract::State;
use maud::{html, Markup};
use vigil_store::{EventFilter, Page, Store};

use super::{events::event_list, layout};
use crate::error::PageError;
use crate::{AppState, Viewer};

pub async fn show<S: Store>(State(app): State<AppState<S>>, viewer: Viewer) -> Result<Markup, PageError> {
    let counts = app.store.counts(viewer.visibility).await?;
    let filter = EventFilter::all(viewer.visibility);
    const LATEST: u32 = 10;
    let offset = counts.events.saturating_sub(LATEST as u64) as u32;
    let page = Page::new(LATEST, offset).map_err(|_| crate::error::ApiError::internal())?;
    let mut latest = app.store.events(&filter, page).await?.items;
    latest.reverse();
    let today = vigil_app::status::today();
    let statuses = vigil_app::status::list(&app.store, viewer.visibility, today, None).await?;
    Ok(layout::page(
        &viewer,
        "Vigil",
        html! {
            h1 { "Vigil" }
            p.lead {
                "A case file on the persecution of trade-union and human-rights activists: "
                "who did what to whom, when, and which source says so."
            }
            ul.counts {
                li { a href="/persons" { strong { (counts.persons) } " persons" } }
                li { a href="/organisations" { strong { (counts.organisations) } " organisations" } }
                li { a href="/events" { strong { (counts.events) } " events" } }
                li { a href="/cases" { strong { (counts.cases) } " cases" } }
                li { a href="/sources" { strong { (counts.sources) } " sources" } }
            }
            h2 { "Behind bars or banned today" }
            p.hint { "As derived from the recorded events on " (super::fmt::day(today)) ". " a href="/status" { "Status on another day →" } }
            (super::status::sections(&statuses, &[
                (vigil_core::RestraintKind::Imprisonment, "Imprisoned"),
                (vigil_core::RestraintKind::Custody, "In custody"),
                (vigil_core::RestraintKind::ActivityBan, "Banned"),
            ]))
            h2 { "Latest events" }
            (event_list(&latest))
            p { a href="/events" { "All events →" } }
        },
    ))
}
