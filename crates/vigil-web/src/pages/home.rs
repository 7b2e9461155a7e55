//! `/`: what Vigil holds and what happened last.

use axum::extract::State;
use maud::{html, Markup};
use vigil_app::i18n::Arg;
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
    let lang = viewer.lang;
    let tr = |key: &str| lang.tr(key);
    let count = |n: u64, key: &str| lang.tr_with(key, &[("count", Arg::Number(n))]);
    Ok(layout::page(
        &viewer,
        "Vigil",
        html! {
            h1 { "Vigil" }
            p.lead { (tr("home-lead")) }
            ul.counts {
                li { a href="/persons" { strong { (counts.persons) } " " (count(counts.persons, "home-count-persons")) } }
                li { a href="/organisations" { strong { (counts.organisations) } " " (count(counts.organisations, "home-count-organisations")) } }
                li { a href="/events" { strong { (counts.events) } " " (count(counts.events, "home-count-events")) } }
                li { a href="/cases" { strong { (counts.cases) } " " (count(counts.cases, "home-count-cases")) } }
                li { a href="/sources" { strong { (counts.sources) } " " (count(counts.sources, "home-count-sources")) } }
            }
            h2 { (tr("home-today")) }
            p.hint {
                (lang.tr_with("home-derived", &[("day", Arg::Text(&vigil_app::words::day_in(lang, today)))])) " "
                a href="/status" { (tr("home-other-day")) }
            }
            (super::status::sections(lang, &today_list.items, &[
                (vigil_core::RestraintKind::Imprisonment, "status-imprisoned"),
                (vigil_core::RestraintKind::Custody, "status-in-custody"),
                (vigil_core::RestraintKind::ActivityBan, "status-banned"),
            ]))
            @if today_list.total > today_list.items.len() as u64 {
                p { a href="/status" { (count(today_list.total, "home-all-not-free")) } }
            }
            h2 { (tr("home-latest-events")) }
            (event_list(lang, &latest))
            p { a href="/events" { (tr("home-all-events")) } }
        },
    ))
}
