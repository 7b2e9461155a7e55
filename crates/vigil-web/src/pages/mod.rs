//! Server-rendered pages. Every page works without JavaScript; maud
//! escapes every interpolated value.

pub mod accountability;
pub mod admin;
pub mod attachments;
pub mod campaigns;
pub mod cases;
pub mod countries;
pub mod edit;
pub mod events;
pub mod fmt;
pub mod history;
pub mod home;
pub mod layout;
pub mod login;
pub mod organisations;
pub mod organise;
pub mod persons;
pub mod proposals;
pub mod report;
pub mod search;
pub mod sources;
pub mod status;
pub mod timeline;

use std::future::Future;

use axum::extract::{Path, State};
use maud::{html, Markup};
use vigil_app::i18n::Lang;
use vigil_core::{Record, RecordId, RecordKind, RecordType};
use vigil_store::{Campaigns, Listing, Page, Store, Visibility};

use crate::error::{ApiError, PageError};
use crate::links;
use crate::params::Params;
use crate::{AppState, Viewer};

/// A kind of record listed a page at a time at its own address (persons,
/// organisations, cases, sources). One handler, [`list`], reads the page
/// asked for (and the name searched, for kinds found by name) and draws
/// the page; the kind fetches its records and draws each line.
pub trait RecordList: RecordType + Send + Sync + 'static {
    /// The list's address (`/persons`).
    const PATH: &'static str;
    /// The catalogue key of the page's title and heading.
    const TITLE: &'static str;
    /// The key of what the page says when nothing is listed.
    const NONE: &'static str;
    /// For kinds found by name: the keys of the name field's label and of
    /// its placeholder.
    const NAME_SEARCH: Option<(&'static str, Option<&'static str>)> = None;

    /// A page of the records `visibility` sees, those called `name` when
    /// one is given.
    fn listing<S: Store>(
        store: &S,
        visibility: Visibility,
        name: Option<String>,
        page: Page,
    ) -> impl Future<Output = vigil_store::Result<Listing<Self>>> + Send;

    /// This record's line in the list.
    fn line(&self, lang: Lang) -> Markup;

    /// What the kind offers `viewer` above its list.
    fn actions(_viewer: &Viewer) -> Markup {
        html! {}
    }
}

/// `/persons`, `/organisations`, `/cases`, `/sources`: a page of the
/// records of `T`'s kind.
pub async fn list<T: RecordList, S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Markup, PageError> {
    let name = match T::NAME_SEARCH {
        Some(_) => params.search_text("q")?,
        None => None,
    };
    let page = params.page()?;
    let listing = T::listing(&app.store, viewer.visibility, name.clone(), page).await?;
    let query_string = name.as_deref().map(|q| links::query(&[("q", q)])).unwrap_or_default();
    let lang = viewer.lang;
    let title = lang.tr(T::TITLE);
    Ok(layout::page(
        &viewer,
        &title,
        html! {
            h1 { (title) }
            (edit::new_link(&viewer, T::KIND))
            (T::actions(&viewer))
            @if let Some((label, placeholder)) = T::NAME_SEARCH {
                form.filter method="get" action=(T::PATH) {
                    label { (lang.tr(label)) " " input type="search" name="q" value=[name.as_deref()] placeholder=[placeholder.map(|p| lang.tr(p))]; }
                    button { (lang.tr("list-find")) }
                }
            }
            @if listing.items.is_empty() { p.empty { (lang.tr(T::NONE)) } }
            ul.records {
                @for record in &listing.items { li { (record.line(lang)) } }
            }
            (layout::pager(viewer.lang, T::PATH, &query_string, page.offset(), page.limit(), listing.total))
        },
    ))
}

/// A kind of record with a page of its own at `/{kind}s/{id}` (persons,
/// organisations, events, cases, sources). One handler, [`show`], fetches
/// the record as the viewer may see it or answers the 404 page; the kind
/// draws the rest.
pub trait RecordPage: RecordType + Send + 'static {
    /// This record's page, for `viewer`.
    fn page<S: Store + Campaigns + vigil_store::Attachments>(
        self,
        app: &AppState<S>,
        viewer: &Viewer,
    ) -> impl Future<Output = Result<Markup, PageError>> + Send;
}

/// A record's page: the kind of record it is (`kind_also` after it), its
/// title, the link to edit it (`actions` after it), `body`, and the link
/// to its history.
fn record_page(
    viewer: &Viewer,
    kind: RecordKind,
    id: &RecordId,
    title: &str,
    kind_also: Markup,
    actions: Markup,
    body: Markup,
) -> Markup {
    let lang = viewer.lang;
    layout::page(
        viewer,
        title,
        html! {
            p.kind { (lang.term(&kind)) (kind_also) }
            h1.own { (title) }
            p.actions { (edit::edit_link(viewer, kind, id)) (actions) }
            (body)
            p.history { a href={ "/records/" (id) "/history" } { (lang.tr("history-link")) } }
        },
    )
}

/// `/persons/{id}`, `/organisations/{id}`, `/events/{id}`, `/cases/{id}`,
/// `/sources/{id}`: the page of the record `id` of `T`'s kind.
pub async fn show<T: RecordPage, S: Store + Campaigns + vigil_store::Attachments>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let record: T = fetch_as(&app.store, &viewer, &id).await?;
    record.page(&app, &viewer).await
}

/// A record as this viewer may see it, by id, whatever its kind; `None`
/// when it is missing or hidden (a dangling name on a page, not an error).
pub(crate) async fn lookup<S: Store>(store: &S, viewer: &Viewer, id: &RecordId) -> Result<Option<Record>, PageError> {
    match store.record(id, viewer.visibility).await {
        Ok(r) => Ok(Some(r)),
        Err(vigil_store::StoreError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// A record of `kind` for a page, or the 404 page.
pub(crate) async fn fetch<S: Store>(
    store: &S,
    viewer: &Viewer,
    kind: RecordKind,
    raw: &str,
) -> Result<Record, PageError> {
    Ok(crate::reads::visible(store, viewer, kind, raw).await?)
}

/// A record of `T`'s kind for a page, or the 404 page.
pub(crate) async fn fetch_as<T: RecordType, S: Store>(store: &S, viewer: &Viewer, raw: &str) -> Result<T, PageError> {
    let record = fetch(store, viewer, T::KIND, raw).await?;
    T::from_record(record).ok_or_else(|| ApiError::not_found(T::KIND.as_str(), raw).into())
}
