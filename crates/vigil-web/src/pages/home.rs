//! `/`: what Vigil holds and what happened last.

use axum::extract::State;
use maud::{html, Markup};
use vigil_store::{Page, StatusOrder, Store};

use super::{events::event_list, layout};
use crate::error::PageError;
use crate::{AppState, Viewer};

pub async fn show<S: Store>(State(app): State<AppState<S>>, viewer: Viewer) -> Result<Markup, PageError> {
    let counts = app.store.counts(viewer.visibility).await?;
    const LATEST: u32 = 10;
    let latest = app.store.latest_events(viewer.visibility, LATEST).await?;
    let today = vigil_app::status::today();
    // The first few, and how many: the status list pages through them all.
    let first = Page::new(12, 0).map_err(|_| crate::error::ApiError::internal())?;
    let today_list =
        vigil_app::status::page(&app.store, viewer.visibility, today, None, StatusOrder::Name, first).await?;
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
            (super::status::sections(&today_list.items, &[
                (vigil_core::RestraintKind::Imprisonment, "Imprisoned"),
                (vigil_core::RestraintKind::Custody, "In custody"),
                (vigil_core::RestraintKind::ActivityBan, "Banned"),
            ]))
            @if today_list.total > today_list.items.len() as u64 {
                p { a href="/status" { "All " (today_list.total) " persons not at liberty today →" } }
            }
            h2 { "Latest events" }
            (event_list(&latest))
            p { a href="/events" { "All events →" } }
        },
    ))
}
