//! The pages of the accountability records: `/mechanisms/{id}`,
//! `/reviews/{id}`, `/recommendations/{id}` and `/pledges/{id}` (with the
//! timeline of their assessments), `/assessments/{id}` and
//! `/rating-rules/{id}`; and `/{section}` lists of each.

use axum::extract::{Path, State};
use axum::http::Uri;
use maud::{html, Markup};
use time::Month;
use vigil_core::{Assessment, CaseFile, Date, PartialDate, Record, RecordId, RecordKind};
use vigil_store::{Page, Store};

use super::events::quotes;
use super::{fmt, layout};
use crate::error::{ApiError, PageError};
use crate::links;
use crate::{AppState, Viewer};
use vigil_app::country as acc;
use vigil_app::i18n::{Arg, Lang};

fn kind_of(uri: &Uri) -> Result<RecordKind, PageError> {
    let section = uri.path().trim_start_matches('/').split('/').next().unwrap_or_default();
    links::kind_of_section(section).ok_or_else(|| ApiError::not_found("page", uri.path()).into())
}

fn link_to(lang: Lang, cf: &CaseFile, id: &RecordId) -> Markup {
    match cf.records().into_iter().find(|r| r.id() == id) {
        Some(r) => fmt::link(&r),
        None => html! { (lang.tr("record-not-shown")) },
    }
}

/// The title of the list of a kind's records.
fn plural(lang: Lang, kind: RecordKind) -> String {
    lang.tr(match kind {
        RecordKind::RatingRule => "acc-list-rating-rules",
        RecordKind::Mechanism => "acc-list-mechanisms",
        RecordKind::Review => "acc-list-reviews",
        RecordKind::Recommendation => "acc-list-recommendations",
        RecordKind::Pledge => "acc-list-pledges",
        _ => "acc-list-assessments",
    })
}

/// A country by its name, linked to its page.
fn country_link(lang: Lang, code: &str) -> Markup {
    html! { a href={ "/countries/" (code) } { (vigil_app::words::country_in(lang, code)) } }
}

/// `/mechanisms`, `/reviews`, … : every record of the kind.
pub async fn list<S: Store>(State(app): State<AppState<S>>, viewer: Viewer, uri: Uri) -> Result<Markup, PageError> {
    let kind = kind_of(&uri)?;
    let mut records = vigil_app::accountability::list(&app.store, viewer.visibility, kind, Page::all())
        .await?
        .items;
    records.sort_by(|a, b| a.title().cmp(b.title()));
    let title = plural(viewer.lang, kind);
    Ok(layout::page(
        &viewer,
        &title,
        html! {
            h1 { (title) }
            (super::edit::new_link(&viewer, kind))
            @if records.is_empty() { p.empty { (viewer.lang.tr("acc-none")) } }
            ul.records { @for r in &records { li { (fmt::link(r)) } } }
        },
    ))
}

fn first_of_month(d: Date) -> Date {
    d.replace_day(1).unwrap_or(d)
}

/// Assessments as an SVG timeline: a marker per assessment on its date
/// (a bar when the date is a span), coloured by status.
pub fn assessment_timeline(lang: Lang, subject_date: Option<&PartialDate>, assessments: &[&Assessment]) -> Markup {
    if assessments.is_empty() {
        return html! { p.empty { (lang.tr("acc-not-assessed")) } };
    }
    let start = subject_date
        .map(|d| d.earliest())
        .into_iter()
        .chain(assessments.iter().map(|a| a.date.earliest()))
        .min()
        .map(first_of_month)
        .unwrap_or(Date::MIN);
    let end = assessments
        .iter()
        .map(|a| a.date.latest())
        .max()
        .unwrap_or(start)
        .replace_month(Month::December)
        .ok()
        .and_then(|d| d.replace_day(31).ok())
        .unwrap_or(start);
    let span = (end - start).whole_days().max(1) as f64;
    let (left, width, row) = (10.0, 900.0, 26.0);
    let x = |d: Date| left + width * ((d - start).whole_days() as f64 / span).clamp(0.0, 1.0);
    let height = 30.0 + row * assessments.len() as f64;
    html! {
        svg.chart.assessments xmlns="http://www.w3.org/2000/svg" role="img" viewBox={ "0 0 " (left + width + 10.0) " " (height) }
            aria-label=(lang.tr("acc-over-time")) {
            text.year x=(left) y="12" { (fmt::date_in(lang, &PartialDate::day(start))) }
            text.year x=(left + width) y="12" text-anchor="end" { (fmt::date_in(lang, &PartialDate::day(end))) }
            @if let Some(d) = subject_date {
                line x1=(x(d.earliest())) x2=(x(d.earliest())) y1="16" y2=(height) stroke="#1a4f8b" stroke-dasharray="3 3" {}
            }
            @for (i, a) in assessments.iter().enumerate() {
                @let y = 24.0 + row * i as f64;
                @let colour = match a.status {
                    vigil_core::ImplementationStatus::Implemented => "#2e7d32",
                    vigil_core::ImplementationStatus::PartiallyImplemented => "#b36b00",
                    vigil_core::ImplementationStatus::NotImplemented => "#8a1c1c",
                    vigil_core::ImplementationStatus::Regressed => "#4a0000",
                };
                g class={ "assessment " (a.status.as_str()) } {
                    title { (fmt::date_in(lang, &a.date)) ": " (lang.term(&a.status)) }
                    rect x=(x(a.date.earliest()) - 4.0) y=(y) width=((x(a.date.latest()) - x(a.date.earliest())).max(0.0) + 8.0) height="12" rx="4" fill=(colour) {}
                    text x=(x(a.date.latest()) + 10.0) y=(y + 10.0) { (lang.term(&a.status)) " — " tspan.own { (a.title) } }
                }
            }
        }
    }
}

fn assessments_list(lang: Lang, cf: &CaseFile, list: &[&Assessment]) -> Markup {
    html! {
        ol.events {
            @for a in list {
                li {
                    span.date { (fmt::time_in(lang, &a.date)) } " "
                    span class={ "implementation " (a.status.as_str()) } { (lang.term(&a.status)) } " — "
                    a href=(links::href(RecordKind::Assessment, &a.id)) { (a.title) }
                    " (" (lang.tr("acc-assessed-by")) " " (link_to(lang, cf, &a.by_id)) ")"
                }
            }
        }
    }
}

pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let kind = kind_of(&uri)?;
    let record = super::fetch(&app.store, &viewer, kind, &id).await?;
    let cf = vigil_app::accountability::around(&app.store, viewer.visibility, &record).await?;
    let cites = super::events::Cites::look_up(&app.store, &viewer, record.excerpts()).await?;
    let lang = viewer.lang;
    let tr = |key: &str| lang.tr(key);
    let link_to = |cf: &CaseFile, id: &RecordId| link_to(lang, cf, id);
    let themes = |themes: &[vigil_core::Theme]| themes.iter().map(|t| lang.term(t)).collect::<Vec<_>>().join(", ");
    let body = match &record {
        Record::Mechanism(m) => {
            let reviews: Vec<_> = cf.reviews.iter().filter(|r| r.mechanism_id == m.id).collect();
            html! {
                dl.facts {
                    dt { (tr("fact-kind")) } dd { (lang.term(&m.kind)) }
                    @if let Some(o) = &m.organisation_id { dt { (tr("fact-part-of")) } dd { (link_to(&cf, o)) } }
                }
                h2 { (tr("acc-list-reviews")) }
                @if reviews.is_empty() { p.empty { (tr("acc-none")) } }
                ul.records { @for r in &reviews { li { (fmt::time_in(lang, &r.date)) " — " a href=(links::href(RecordKind::Review, &r.id)) { (r.title) } " (" (country_link(lang, r.country.as_str())) ")" } } }
                (quotes(lang, &lang.tr("quotes-evidence"), &m.excerpts, &cites))
            }
        }
        Record::Review(r) => {
            let recs: Vec<_> = cf.recommendations.iter().filter(|x| x.review_id == r.id).collect();
            html! {
                dl.facts {
                    dt { (lang.term(&RecordKind::Mechanism)) } dd { (link_to(&cf, &r.mechanism_id)) }
                    dt { (tr("acc-state-reviewed")) } dd { (country_link(lang, r.country.as_str())) }
                    dt { (tr("fact-date")) } dd { (fmt::time_in(lang, &r.date)) }
                    @if let Some(s) = &r.session { dt { (tr("acc-session")) } dd.own { (s) } }
                    @if let Some(c) = &r.convention { dt { (tr("acc-convention")) } dd.own { (c) } }
                    @if let Some(n) = &r.case_number { dt { (tr("acc-case-number")) } dd.own { (n) } }
                    @if let Some(s) = &r.case_status { dt { (tr("acc-case-status")) } dd { (lang.term(s)) } }
                    @if let Some(e) = &r.event_id { dt { (lang.term(&RecordKind::Event)) } dd { (link_to(&cf, e)) } }
                }
                p.actions { a.action href={ "/countries/" (r.country) "/briefing?review=" (r.id) "&as_of=" (vigil_core::date::format_day(r.date.latest())) } { (tr("acc-briefing")) } }
                h2 { (tr("acc-recommendations-heading")) }
                @if recs.is_empty() { p.empty { (tr("acc-none")) } }
                ul.records { @for x in &recs { li { a href=(links::href(RecordKind::Recommendation, &x.id)) { (x.title) } " — " (tr("acc-response")) " " (lang.term(&x.response)) } } }
                (quotes(lang, &lang.tr("quotes-evidence"), &r.excerpts, &cites))
            }
        }
        Record::Recommendation(r) => {
            let assessed = acc::assessments_of(&cf, &r.id);
            let review_date = cf.reviews.iter().find(|v| v.id == r.review_id).map(|v| v.date);
            html! {
                blockquote.recommendation { p { (r.text) } }
                dl.facts {
                    dt { (lang.term(&RecordKind::Review)) } dd { (link_to(&cf, &r.review_id)) }
                    @if let Some(s) = &r.recommending_state { dt { (tr("acc-recommending-state")) } dd.own { (s) } }
                    dt { (tr("acc-themes")) } dd { (themes(&r.themes)) }
                    dt { (tr("acc-state-response")) } dd { (lang.term(&r.response)) }
                    @if !r.concerns.is_empty() { dt { (tr("acc-concerns")) } dd { ul { @for c in &r.concerns { li { (link_to(&cf, c)) } } } } }
                }
                h2 { (tr("acc-over-time")) }
                (assessment_timeline(lang, review_date.as_ref(), &assessed))
                (assessments_list(lang, &cf, &assessed))
                (quotes(lang, &lang.tr("quotes-evidence"), &r.excerpts, &cites))
            }
        }
        Record::Pledge(p) => {
            let assessed = acc::assessments_of(&cf, &p.id);
            let since: Vec<_> = acc::events_of(&cf, &p.country)
                .into_iter()
                .filter(|e| e.date.earliest() > p.date.latest())
                .cloned()
                .collect();
            let total = vigil_app::country::events_since(&app.store, viewer.visibility, p)
                .await?
                .total;
            html! {
                dl.facts {
                    dt { (tr("acc-who")) } dd { (link_to(&cf, &p.by_id)) }
                    dt { (tr("acc-when")) } dd { (fmt::time_in(lang, &p.date)) }
                    dt { (tr("acc-state")) } dd { (country_link(lang, p.country.as_str())) }
                    dt { (tr("acc-themes")) } dd { (themes(&p.themes)) }
                    @if let Some(e) = &p.event_id { dt { (lang.term(&RecordKind::Event)) } dd { (link_to(&cf, e)) } }
                }
                (quotes(lang, &lang.tr("quotes-pledged"), &p.excerpts, &cites))
                h2 { (tr("acc-over-time")) }
                (assessment_timeline(lang, Some(&p.date), &assessed))
                (assessments_list(lang, &cf, &assessed))
                h2 { (tr("acc-events-since")) }
                @if total > since.len() as u64 {
                    p { (lang.tr_with("acc-events-since-count", &[("count", Arg::Number(total)), ("shown", Arg::Number(since.len() as u64))])) }
                }
                (super::events::event_list(viewer.lang, &since))
            }
        }
        Record::Assessment(a) => html! {
            dl.facts {
                dt { (tr("acc-of")) } dd { (link_to(&cf, &a.subject_id)) }
                dt { (tr("fact-status")) } dd { span class={ "implementation " (a.status.as_str()) } { (lang.term(&a.status)) } }
                dt { (tr("fact-date")) } dd { (fmt::time_in(lang, &a.date)) }
                dt { (tr("acc-by")) } dd { (link_to(&cf, &a.by_id)) }
            }
            @if let Some(n) = &a.note { p.description { (n) } }
            @if !a.evidence.is_empty() {
                h2 { (tr("quotes-evidence")) }
                ul { @for e in &a.evidence { li { (lang.term(&e.bearing)) ": " (link_to(&cf, &e.event_id)) } } }
            }
            (quotes(lang, &lang.tr("quotes-passages"), &a.excerpts, &cites))
        },
        Record::RatingRule(r) => html! {
            @if let Some(o) = &r.organisation_id { p { (tr("acc-rule-of")) " " (link_to(&cf, o)) } }
            (super::countries::rule_statement(lang, r))
            p { (tr("acc-rule-change")) " " code { "PUT /api/v1/rating-rules/" (r.id) } " " (tr("acc-rule-change-form")) }
        },
        _ => return Err(ApiError::not_found(kind.as_str(), &id).into()),
    };
    Ok(super::record_page(
        &viewer,
        kind,
        record.id(),
        record.title(),
        html! {},
        html! {},
        body,
    ))
}
