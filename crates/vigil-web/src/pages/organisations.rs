//! `/organisations` and `/organisations/{id}`.

use maud::{html, Markup};
use vigil_app::i18n::Lang;
use vigil_core::{Organisation, Record, RecordKind};
use vigil_store::{Campaigns, EventFilter, Listing, NameQuery, Page, Store, Visibility};

use super::{events::event_list, fmt, lookup, record_page, RecordList, RecordPage};
use crate::error::PageError;
use crate::links;
use crate::{AppState, Viewer};

impl RecordList for Organisation {
    const PATH: &'static str = "/organisations";
    const TITLE: &'static str = "nav-organisations";
    const NONE: &'static str = "list-organisations-none";
    const NAME_SEARCH: Option<(&'static str, Option<&'static str>)> = Some(("list-name-or-acronym", None));

    async fn listing<S: Store>(
        store: &S,
        visibility: Visibility,
        name: Option<String>,
        page: Page,
    ) -> vigil_store::Result<Listing<Organisation>> {
        store.organisations(&NameQuery { text: name, visibility }, page).await
    }

    fn line(&self, lang: Lang) -> Markup {
        html! {
            a href=(links::href(RecordKind::Organisation, &self.id)) { (self.name) }
            @if !self.aliases.is_empty() { span.aliases { " (" (self.aliases.join(", ")) ")" } }
            " — " (lang.term(&self.kind))
        }
    }
}

impl RecordPage for Organisation {
    async fn page<S: Store + Campaigns + vigil_store::Attachments>(
        self,
        app: &AppState<S>,
        viewer: &Viewer,
    ) -> Result<Markup, PageError> {
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
        let cites = super::events::Cites::look_up(&app.store, viewer, &org.excerpts).await?;
        let lang = viewer.lang;
        let tr = |key: &str| lang.tr(key);
        Ok(record_page(
            viewer,
            RecordKind::Organisation,
            &org.id,
            &org.name,
            html! {},
            html! {},
            html! {
                @if !org.aliases.is_empty() { p { (tr("organisation-also-known")) " " span.aliases { (org.aliases.join(" · ")) } } }
                dl.facts {
                    dt { (tr("fact-kind")) } dd { (lang.term(&org.kind)) }
                    dt { (tr("fact-status")) } dd { (lang.term(&org.status)) }
                    @if let Some(c) = &org.country { dt { (tr("fact-country")) } dd { (vigil_app::words::country_in(lang, c)) } }
                    @if let Some(p) = &parent { dt { (tr("fact-part-of")) } dd { (fmt::link(p)) } }
                    @if !children.is_empty() {
                        dt { (tr("organisation-bodies")) } dd { ul { @for c in &children { li { (fmt::link(c)) } } } }
                    }
                    @if !members.is_empty() {
                        dt { (tr("organisation-people")) } dd { ul { @for m in &members { li { (fmt::link(m)) } } } }
                    }
                }
                h2 { (tr("person-events")) }
                (event_list(lang, &events))
                (super::events::quotes(viewer.lang, &viewer.lang.tr("organisation-quotes"), &org.excerpts, &cites))
            },
        ))
    }
}
