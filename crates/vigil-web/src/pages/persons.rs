//! `/persons` and `/persons/{id}`.

use maud::{html, Markup};
use std::collections::BTreeMap;
use vigil_core::{Person, Record, RecordId, RecordKind};
use vigil_store::{Campaigns, EventFilter, Listing, NameQuery, Page, Store, Visibility};

use super::{events::event_list, fmt, layout, lookup, timeline, RecordList, RecordPage};
use crate::error::PageError;
use crate::links;
use crate::{AppState, Viewer};

impl RecordList for Person {
    const PATH: &'static str = "/persons";
    const TITLE: &'static str = "Persons";
    const NONE: &'static str = "No person matches.";
    const NAME_SEARCH: Option<(&'static str, Option<&'static str>)> = Some(("Name", Some("any spelling or script")));

    async fn listing<S: Store>(
        store: &S,
        visibility: Visibility,
        name: Option<String>,
        page: Page,
    ) -> vigil_store::Result<Listing<Person>> {
        store.persons(&NameQuery { text: name, visibility }, page).await
    }

    fn line(&self) -> Markup {
        html! {
            a href=(links::href(RecordKind::Person, &self.id)) { (self.name) }
            @if !self.aliases.is_empty() { span.aliases { " (" (self.aliases.join(", ")) ")" } }
            @if let Some(o) = &self.occupation { " — " (o) }
        }
    }
}

impl RecordPage for Person {
    async fn page<S: Store + Campaigns + vigil_store::Attachments>(
        self,
        app: &AppState<S>,
        viewer: &Viewer,
    ) -> Result<Markup, PageError> {
        let person = self;
        let filter = EventFilter {
            person: Some(person.id.clone()),
            ..EventFilter::all(viewer.visibility)
        };
        let events = vigil_app::status::all_events(&app.store, &filter).await?;
        let today = vigil_app::status::today();
        let confirmed = vigil_app::status::confirmations(&app.store, viewer.visibility, &events).await?;
        let status_today = vigil_core::person_status(
            &person.id,
            vigil_app::status::links(&person.id, &events, &confirmed),
            today,
        );
        let bands: Vec<timeline::Band> = vigil_app::status::spans(&person.id, &events, &confirmed, today)
            .into_iter()
            .map(|s| timeline::Band {
                label: format!(
                    "{}{}",
                    s.kind.label(),
                    s.scope.as_ref().map(|sc| format!(": {sc}")).unwrap_or_default()
                ),
                start: s.start,
                end: s.end,
                end_uncertain: s.uncertain,
                class: s.kind.as_str(),
            })
            .collect();
        let mut affiliations = Vec::new();
        for a in &person.affiliations {
            affiliations.push((a, lookup(&app.store, viewer, &a.organisation_id).await?));
        }
        let cases: Vec<Record> = app
            .store
            .referring_to(&person.id, viewer.visibility)
            .await?
            .into_iter()
            .filter(|r| r.kind() == RecordKind::Case)
            .collect();
        // Sources cited about this person, here or in their events.
        let mut cited: BTreeMap<RecordId, usize> = BTreeMap::new();
        for e in person
            .excerpts
            .iter()
            .chain(events.iter().flat_map(|e| e.excerpts.iter()))
        {
            *cited.entry(e.source_id.clone()).or_default() += 1;
        }
        // Read together, by id: one query for a few hundred sources.
        let ids: Vec<RecordId> = cited.keys().cloned().collect();
        let mut found: BTreeMap<RecordId, Record> = app
            .store
            .records(&ids, viewer.visibility)
            .await?
            .into_iter()
            .map(|r| (r.id().clone(), r))
            .collect();
        let sources: Vec<(Record, usize)> = cited
            .into_iter()
            .filter_map(|(sid, n)| found.remove(&sid).map(|s| (s, n)))
            .collect();
        let campaigns = super::campaigns::linked(app, viewer, &person.id).await;
        Ok(layout::page(
            viewer,
            &person.name,
            html! {
                p.kind { "Person" }
                h1 { (person.name) }
                p.actions { (super::edit::edit_link(viewer, RecordKind::Person, &person.id)) " " (super::edit::new_event_link(viewer, &person.id)) }
                @if !person.aliases.is_empty() {
                    p { "Also written: " span.aliases { (person.aliases.join(" · ")) } }
                }
                (campaigns)
                dl.facts {
                    @if let Some(o) = &person.occupation { dt { "Occupation" } dd { (o) } }
                    @if let Some(s) = &person.sex { dt { "Sex" } dd { (s.label()) } }
                    @if let Some(c) = &person.country { dt { "Country" } dd { (c) } }
                    @if !affiliations.is_empty() {
                        dt { "Affiliations" }
                        dd { ul {
                            @for (a, org) in &affiliations {
                                li {
                                    @if let Some(o) = org { (fmt::link(o)) } @else { (a.organisation_id) }
                                    @if let Some(r) = &a.role { ", " (r) }
                                    @if let Some(p) = &a.period { " (" (fmt::time(p)) ")" }
                                }
                            }
                        } }
                    }
                }
                h2 { "Status today" }
                @if status_today.at_liberty {
                    p.status { "At liberty: no restraint recorded in force on " (fmt::day(today)) "." }
                } @else {
                    ul.status {
                        @for r in &status_today.restraints { li { (super::status::restraint_line(viewer.lang, r)) } }
                    }
                }
                details.steps {
                    summary { "How this was worked out" }
                    ol { @for s in &status_today.steps { li { (fmt::time(&s.date)) " — " a href=(links::href(RecordKind::Event, &s.event_id)) { (s.event_type.label()) } ": " (s.effect) } } }
                }
                h2 { "Timeline" }
                (timeline::svg(&events, &bands))
                h2 { "Events" }
                (event_list(viewer.lang, &events))
                @if !cases.is_empty() {
                    h2 { "Cases" }
                    ul.records { @for c in &cases { li { (fmt::link(c)) } } }
                }
                (super::events::quotes("What the sources say about them", &person.excerpts))
                h2 { "Sources cited" }
                ul.records {
                    @for (s, n) in &sources { li { (fmt::link(s)) " — " (n) " passages" } }
                }
                p.history { a href={ "/records/" (person.id) "/history" } { "History of this record" } }
            },
        ))
    }
}
