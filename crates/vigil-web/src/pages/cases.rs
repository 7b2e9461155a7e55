//! `/cases` and `/cases/{id}`.

use std::future::Future;

use maud::{html, Markup};
use vigil_app::i18n::{Arg, Lang};
use vigil_core::{Case, Event, Record, RecordKind};
use vigil_store::{Campaigns, Listing, Page, Store, Visibility};

use super::{events::event_list, fmt, lookup, record_page, timeline, RecordList, RecordPage};
use crate::error::PageError;
use crate::links;
use crate::{AppState, Viewer};

impl RecordList for Case {
    const PATH: &'static str = "/cases";
    const TITLE: &'static str = "nav-cases";
    const NONE: &'static str = "list-cases-none";

    fn listing<S: Store>(
        store: &S,
        visibility: Visibility,
        _name: Option<String>,
        page: Page,
    ) -> impl Future<Output = vigil_store::Result<Listing<Case>>> + Send {
        store.cases(visibility, page)
    }

    fn line(&self, lang: Lang) -> Markup {
        html! {
            a href=(links::href(RecordKind::Case, &self.id)) { (self.title) }
            " — " (lang.tr_with("events-count", &[("count", Arg::Number(self.event_ids.len() as u64))]))
        }
    }
}

impl RecordPage for Case {
    async fn page<S: Store + Campaigns + vigil_store::Attachments>(
        self,
        app: &AppState<S>,
        viewer: &Viewer,
    ) -> Result<Markup, PageError> {
        let case = self;
        let mut events: Vec<Event> = Vec::new();
        for e in &case.event_ids {
            if let Some(Record::Event(ev)) = lookup(&app.store, viewer, e).await? {
                events.push(ev);
            }
        }
        events.sort_by(|a, b| vigil_core::timeline_order((&a.date, &a.id), (&b.date, &b.id)));
        let mut persons = Vec::new();
        for p in &case.person_ids {
            if let Some(rec) = lookup(&app.store, viewer, p).await? {
                persons.push(rec);
            }
        }
        let campaigns = super::campaigns::linked(app, viewer, &case.id).await;
        let lang = viewer.lang;
        let tr = |key: &str| lang.tr(key);
        Ok(record_page(
            viewer,
            RecordKind::Case,
            &case.id,
            &case.title,
            html! {},
            html! {},
            html! {
                @if let Some(d) = &case.description { p.description { (d) } }
                (campaigns)
                @if !persons.is_empty() {
                    h2 { (tr("case-persons")) }
                    ul.records { @for p in &persons { li { (fmt::link(p)) } } }
                }
                h2 { (tr("person-timeline")) }
                (timeline::svg(lang, &events, &[]))
                h2 { (tr("person-events")) }
                (event_list(lang, &events))
            },
        ))
    }
}
