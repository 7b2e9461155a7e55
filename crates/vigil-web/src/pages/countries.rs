//! `/countries`, `/countries/{iso2}` (the country page: reviews,
//! recommendations, pledges against the events since, charts and a
//! rating per year with its "why") and `/countries/{iso2}/briefing`
//! (printable, or Markdown with `format=md`).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, PreEscaped};
use vigil_core::accountability::latest_assessments;
use vigil_core::{CaseFile, Coverage, EventType, RatingRule, RecordId, RecordKind, YearRating};
use vigil_store::Store;

use super::{fmt, layout};
use crate::error::{ApiError, PageError};
use crate::links;
use crate::params::Params;
use crate::{AppState, Viewer};
use vigil_app::country::{self as acc, Briefing, MonthCount, Statement};

pub async fn list<S: Store>(State(app): State<AppState<S>>, viewer: Viewer) -> Result<Markup, PageError> {
    let countries = acc::list(&app.store, viewer.visibility).await?;
    Ok(layout::page(
        &viewer,
        "Countries",
        html! {
            h1 { "Countries" }
            p.lead { "Each country's reviews, recommendations, pledges and a rating traced to documented events." }
            @if countries.is_empty() { p.empty { "No country is recorded yet." } }
            ul.records {
                @for (c, n) in &countries {
                    li { a href={ "/countries/" (c) } { (c) } " — " (n) " events" }
                }
            }
        },
    ))
}

/// How many of the events since a pledge its section lists (the latest):
/// the page keeps its size however many there are.
pub const SINCE_SHOWN: usize = 20;

fn name_of(cf: &CaseFile, id: &RecordId) -> String {
    cf.persons
        .iter()
        .find(|p| &p.id == id)
        .map(|p| p.name.clone())
        .or_else(|| cf.organisations.iter().find(|o| &o.id == id).map(|o| o.name.clone()))
        .unwrap_or_else(|| "[not shown]".into())
}

pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(raw): Path<String>,
    params: Params,
) -> Result<Markup, PageError> {
    let view = acc::overview(&app.store, viewer.visibility, &raw, params.id("rule")?.as_ref()).await?;
    let (cf, country, rule) = (&view.case_file, view.country.as_str(), view.rule.as_ref());
    let (first, last) = view.years;
    let (ratings, monthly) = (&view.ratings, &view.monthly);
    let events = acc::events_of(cf, country);
    let reviews = acc::reviews_of(cf, country);
    let recommendations = acc::recommendations_of(cf, country);
    let latest = latest_assessments(&cf.assessments);
    let pledges = acc::pledges_of(cf, country);
    let (by_type, spanning) = acc::events_by_type_and_year(&events);
    let titles: HashMap<&RecordId, &str> = events.iter().map(|e| (&e.id, e.title.as_str())).collect();
    let rule_query = match (params.text("rule"), rule) {
        (Some(_), Some(r)) => format!("&rule={}", r.id),
        _ => String::new(),
    };
    Ok(layout::page(
        &viewer,
        &format!("Country {country}"),
        html! {
            p.kind { "Country" }
            h1 { (country) }
            p.actions {
                a.action href={ "/countries/" (country) "/briefing?as_of=" (vigil_core::date::format_day(vigil_app::status::today())) } { "Briefing as of today" }
                @for r in reviews.iter().filter(|r| r.date.exact().is_some()) {
                    " "
                    a.action href={ "/countries/" (country) "/briefing?review=" (r.id) "&as_of=" (r.date) } { "Briefing for " (r.title) }
                }
            }

            h2 { "Reviews" }
            @if reviews.is_empty() { p.empty { "No review recorded." } }
            ul.records {
                @for r in &reviews {
                    li {
                        (fmt::time(&r.date)) " — "
                        a href=(links::href(RecordKind::Review, &r.id)) { (r.title) }
                        @if let Some(s) = &r.session { " · " (s) }
                        @if let Some(c) = &r.convention { " · " (c) }
                        @if let Some(n) = &r.case_number { " · case " (n) }
                        @if let Some(s) = &r.case_status { " (" (s.label()) ")" }
                    }
                }
            }

            h2 { "Open recommendations" }
            @let open: Vec<_> = recommendations.iter().filter(|(rc, _)| acc::is_open(cf, rc)).collect();
            @if open.is_empty() { p.empty { "No open recommendation recorded." } }
            table.records {
                @if !open.is_empty() {
                    thead { tr { th { "Recommendation" } th { "Review" } th { "Response" } th { "Latest assessment" } } }
                }
                tbody {
                    @for (rc, rv) in &open {
                        tr {
                            td { a href=(links::href(RecordKind::Recommendation, &rc.id)) { (rc.title) } }
                            td { a href=(links::href(RecordKind::Review, &rv.id)) { (rv.title) } }
                            td { (rc.response.label()) }
                            td {
                                @match latest.get(&rc.id) {
                                    Some(a) => {
                                        span class={ "implementation " (a.status.as_str()) } { (a.status.label()) }
                                        " — " (fmt::time(&a.date)) ", " (name_of(cf, &a.by_id)) " "
                                        a href=(links::href(RecordKind::Assessment, &a.id)) { "why" }
                                    }
                                    None => { "not assessed" }
                                }
                            }
                        }
                    }
                }
            }

            h2 { "Pledges against the events since" }
            @if pledges.is_empty() { p.empty { "No pledge recorded." } }
            @for p in &pledges {
                section.pledge {
                    h3 { a href=(links::href(RecordKind::Pledge, &p.id)) { (p.title) } }
                    p { (name_of(cf, &p.by_id)) ", " (fmt::time(&p.date)) }
                    @for x in &p.excerpts {
                        blockquote.excerpt { p { (vigil_app::words::quotation(&x.text)) }
                            footer { a href={ "/sources/" (x.source_id) "#at-" (x.start) } { "in " (x.source_id) ", bytes " (x.start) "–" (x.end) } } }
                    }
                    @if let Some(a) = latest.get(&p.id) {
                        p { "Latest assessment: " span class={ "implementation " (a.status.as_str()) } { (a.status.label()) }
                            " (" (name_of(cf, &a.by_id)) ", " (fmt::time(&a.date)) ") "
                            a href=(links::href(RecordKind::Assessment, &a.id)) { (a.title) } }
                    }
                    @let since: Vec<_> = events.iter().filter(|e| e.date.earliest() > p.date.latest()).collect();
                    p {
                        (since.len()) " events recorded since"
                        @if since.len() > SINCE_SHOWN { "; the latest " (SINCE_SHOWN) ":" } @else { ":" }
                    }
                    ol.events {
                        @for e in &since[since.len().saturating_sub(SINCE_SHOWN)..] {
                            li {
                                span.date { (fmt::time(&e.date)) } " "
                                span class={ "type " (e.event_type.as_str()) } { (e.event_type.label()) } " "
                                a href=(links::href(RecordKind::Event, &e.id)) { (e.title) }
                            }
                        }
                    }
                }
            }

            h2 { "Events by type and year" }
            (events_chart(&by_type, first, last))
            @if spanning > 0 { p.hint { (spanning) " events dated only to a span of several years are not placed in a year." } }

            h2 { "People imprisoned and banned, month by month" }
            p.hint { "Counted on the first day of each month by the status engine, from the recorded events (certain and possible restraints)." }
            (restraints_chart(monthly))

            h2 { "Rating per year" }
            @match rule {
                None => { p.empty { "No rating rule in the case file." } }
                Some(rule) => {
                    (ratings_chart(ratings))
                    (rule_statement(rule))
                    @for r in ratings.iter().rev() {
                        details.why id={ "rating-" (r.year) } open[r.year == last] {
                            summary {
                                @match r.rating {
                                    Some(rating) => { (r.year) ": rating " strong { (rating) } " — " (rating.label()) " (score " (r.score) ")" }
                                    None => { (r.year) ": " strong.unrated { (r.coverage.label()) } }
                                }
                            }
                            (why(r, rule, &titles))
                        }
                    }
                    p { a href={ "/api/v1/countries/" (country) "/rating?year=" (last) (rule_query) } { "This rating as JSON" } }
                }
            }
        },
    ))
}

/// The rule, stated in full.
pub fn rule_statement(rule: &RatingRule) -> Markup {
    html! {
        details.rule {
            summary { "The rule: " a href=(links::href(RecordKind::RatingRule, &rule.id)) { (rule.name) } }
            @if let Some(d) = &rule.description { p { (d) } }
            table.records {
                thead { tr { th { "Group" } th { "Indicator" } th { "Counts" } th { "Weight" } } }
                tbody {
                    @for i in &rule.indicators {
                        tr {
                            td { (i.group.label()) }
                            td { (i.label) }
                            td {
                                (i.event_types.iter().map(|t| t.label()).collect::<Vec<_>>().join(", "))
                                @if i.union_victims_only { "; only against unions and unionists" }
                                @if !i.relates_to_types.is_empty() { "; only acting on a " (i.relates_to_types.iter().map(|t| t.label().to_lowercase()).collect::<Vec<_>>().join(" or ")) }
                            }
                            td { (i.weight) }
                        }
                    }
                }
            }
            p { "Events dated only to a span of several years: "
                (match rule.spanning_events {
                    vigil_core::SpanningEvents::NotCounted => "not counted (listed under each year they may fall in).",
                    vigil_core::SpanningEvents::LastYear => "counted in the last year they may fall in.",
                })
            }
            p { "Thresholds: "
                (rule.thresholds.iter().map(|t| format!("score {} or more → {}", t.min_score, t.rating)).collect::<Vec<_>>().join("; "))
            }
            p { "A year in which no documented event falls gets no rating: \"no data\", not good news." }
            @if let Some(y) = rule.years {
                p { "The rule covers the years " (y.from) " to " (y.to) "; other years are not covered." }
            }
        }
    }
}

/// Every event that counted, with its indicator and points.
pub fn why(r: &YearRating, rule: &RatingRule, titles: &HashMap<&RecordId, &str>) -> Markup {
    let labels: HashMap<&str, &str> = rule
        .indicators
        .iter()
        .map(|i| (i.code.as_str(), i.label.as_str()))
        .collect();
    html! {
        @match r.coverage {
            Coverage::NoData => { p.empty { "No documented event of the country falls in " (r.year) ": no data, so no rating. The absence of records is not the absence of violations." } }
            Coverage::NotCovered => { p.empty { "The rule does not cover " (r.year) ": no rating." } }
            Coverage::Rated => {
                p { (r.groups.iter().map(|g| format!("{}: {}", g.group.label(), g.score)).collect::<Vec<_>>().join(" · ")) }
                @if r.counted.is_empty() { p.empty { "No event counted." } }
            }
        }
        table.records.why {
            tbody {
                @for c in &r.counted {
                    tr {
                        td { (fmt::time(&c.date)) }
                        td { a href=(links::href(RecordKind::Event, &c.event_id)) { (c.title) } }
                        td { (c.group.label()) ": " (labels.get(c.indicator.as_str()).copied().unwrap_or(&c.indicator)) }
                        td { "+" (c.points) }
                    }
                }
            }
        }
        @if !r.undated_in_year.is_empty() {
            details.not-counted {
                summary { (r.undated_in_year.len()) " events dated only to a span of several years including " (r.year) " are not counted in it" }
                ul { @for id in &r.undated_in_year { li { a href=(links::href(RecordKind::Event, id)) { (titles.get(id).copied().unwrap_or(id.as_str())) } } } }
            }
        }
    }
}

fn type_colour(t: EventType) -> &'static str {
    match t {
        EventType::Arrest
        | EventType::Detention
        | EventType::Sentence
        | EventType::Conviction
        | EventType::Ban
        | EventType::Dispersal => "#8a1c1c",
        EventType::RegistrationDenial | EventType::Dissolution | EventType::Law => "#b36b00",
        EventType::Review | EventType::Sanction | EventType::Pledge | EventType::Statement => "#1a4f8b",
        _ => "#5b5b66",
    }
}

/// A grid: a row per event type, a column per year, a square sized by
/// the number of events.
fn events_chart(
    by_type: &std::collections::BTreeMap<EventType, std::collections::BTreeMap<i32, usize>>,
    first: i32,
    last: i32,
) -> Markup {
    if by_type.is_empty() {
        return html! { p.empty { "No event placed in a year." } };
    }
    let years: Vec<i32> = (first..=last).collect();
    let (left, top, cell, row) = (150.0, 24.0, 44.0_f64.min(760.0 / years.len().max(1) as f64), 20.0);
    let width = left + cell * years.len() as f64 + 10.0;
    let height = top + row * by_type.len() as f64 + 6.0;
    let max = by_type
        .values()
        .flat_map(|m| m.values())
        .copied()
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    html! {
        svg.chart.events-by-type xmlns="http://www.w3.org/2000/svg" role="img" viewBox={ "0 0 " (width) " " (height) }
            aria-label="Events by type and year" {
            @for (j, y) in years.iter().enumerate() {
                text.year x=(left + cell * (j as f64 + 0.5)) y="14" text-anchor="middle" { (y) }
            }
            @for (i, (t, counts)) in by_type.iter().enumerate() {
                @let cy = top + row * i as f64 + row / 2.0;
                text.label x=(left - 6.0) y=(cy + 4.0) text-anchor="end" { (t.label()) }
                @for (j, y) in years.iter().enumerate() {
                    @if let Some(n) = counts.get(y) {
                        @let side = 6.0 + 10.0 * (*n as f64 / max).sqrt();
                        g.cell {
                            title { (t.label()) ", " (y) ": " (n) }
                            rect x=(left + cell * (j as f64 + 0.5) - side / 2.0) y=(cy - side / 2.0) width=(side) height=(side)
                                fill=(type_colour(*t)) fill-opacity="0.75" {}
                            @if *n > 1 { text x=(left + cell * (j as f64 + 0.5) + side / 2.0 + 2.0) y=(cy + 4.0) { (n) } }
                        }
                    }
                }
            }
        }
    }
}

/// People imprisoned and people banned, month by month, certain and
/// possible drawn apart: for each, a solid step line of those certainly
/// under the restraint, and a dotted one of those certainly or possibly
/// under it, the band between them shaded (the possible ones: an imprecise
/// date, or an open end past its last confirmation).
fn restraints_chart(months: &[MonthCount]) -> Markup {
    if months.is_empty() {
        return html! { p.empty { "No months to show." } };
    }
    let (left, top, width, height) = (36.0, 16.0, 900.0, 200.0);
    let max = months
        .iter()
        .map(|m| m.imprisoned.max(m.banned))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let step = width / months.len() as f64;
    let y = |n: usize| top + height - height * n as f64 / max;
    let steps = |f: &dyn Fn(&MonthCount) -> usize| -> Vec<String> {
        let mut pts = Vec::new();
        for (i, m) in months.iter().enumerate() {
            pts.push(format!("{:.1},{:.1}", left + step * i as f64, y(f(m))));
            pts.push(format!("{:.1},{:.1}", left + step * (i + 1) as f64, y(f(m))));
        }
        pts
    };
    let line = |f: &dyn Fn(&MonthCount) -> usize| steps(f).join(" ");
    // The band between the certain line and the certain-or-possible one.
    let band = |certain: &dyn Fn(&MonthCount) -> usize, all: &dyn Fn(&MonthCount) -> usize| -> String {
        let mut pts = steps(all);
        pts.extend(steps(certain).into_iter().rev());
        pts.join(" ")
    };
    let ticks: Vec<usize> = (0..=max as usize).step_by(((max as usize) / 5).max(1)).collect();
    let (red, amber) = ("#8a1c1c", "#b36b00");
    html! {
        svg.chart.restraints xmlns="http://www.w3.org/2000/svg" role="img"
            viewBox={ "0 0 " (left + width + 10.0) " " (top + height + 40.0) }
            aria-label="People imprisoned and banned, month by month, certainly and possibly" {
            @for t in &ticks {
                line.grid x1=(left) x2=(left + width) y1=(y(*t)) y2=(y(*t)) stroke="#d9d9e0" {}
                text.axis x=(left - 4.0) y=(y(*t) + 4.0) text-anchor="end" { (t) }
            }
            @for (i, m) in months.iter().enumerate() {
                @if m.month.month() == time::Month::January {
                    text.year x=(left + step * i as f64) y=(top + height + 14.0) { (m.month.year()) }
                }
            }
            polygon class="imprisoned possible band" points=(band(&|m| m.imprisoned_certain, &|m| m.imprisoned))
                fill=(red) fill-opacity="0.12" stroke="none" {}
            polygon class="banned possible band" points=(band(&|m| m.banned_certain, &|m| m.banned))
                fill=(amber) fill-opacity="0.12" stroke="none" {}
            polyline class="imprisoned possible" points=(line(&|m| m.imprisoned)) fill="none" stroke=(red)
                stroke-width="1" stroke-dasharray="1 3" {
                title { "Imprisoned, certainly or possibly" }
            }
            polyline class="banned possible" points=(line(&|m| m.banned)) fill="none" stroke=(amber)
                stroke-width="1" stroke-dasharray="1 3" {
                title { "Banned, certainly or possibly" }
            }
            polyline class="imprisoned certain" points=(line(&|m| m.imprisoned_certain)) fill="none" stroke=(red) stroke-width="2" {
                title { "Imprisoned, certainly" }
            }
            polyline class="banned certain" points=(line(&|m| m.banned_certain)) fill="none" stroke=(amber)
                stroke-width="2" stroke-dasharray="6 3" {
                title { "Banned, certainly" }
            }
            g.legend {
                text x=(left) y=(top + height + 32.0) fill=(red) { "— imprisoned, certainly" }
                text x=(left + 180.0) y=(top + height + 32.0) fill=(red) { "··· imprisoned, possibly too" }
                text x=(left + 400.0) y=(top + height + 32.0) fill=(amber) { "- - banned, certainly" }
                text x=(left + 570.0) y=(top + height + 32.0) fill=(amber) { "··· banned, possibly too" }
            }
        }
    }
}

/// A bar per year, its height the rating (1 to 5+).
fn ratings_chart(ratings: &[YearRating]) -> Markup {
    if ratings.is_empty() {
        return html! { p.empty { "No year to rate." } };
    }
    let (left, top, height) = (30.0, 10.0, 150.0);
    let bar = (860.0 / ratings.len() as f64).min(60.0);
    let width = left + bar * ratings.len() as f64 + 10.0;
    html! {
        svg.chart.ratings xmlns="http://www.w3.org/2000/svg" role="img" viewBox={ "0 0 " (width) " " (top + height + 34.0) }
            aria-label="Rating per year" {
            @for level in 1..=6u32 {
                @let yy = top + height - height * level as f64 / 6.0;
                line.grid x1=(left) x2=(width - 10.0) y1=(yy) y2=(yy) stroke="#eeeeee" {}
                text.axis x=(left - 4.0) y=(yy + 4.0) text-anchor="end" { (vigil_core::Rating::ALL[level as usize - 1]) }
            }
            @for (i, r) in ratings.iter().enumerate() {
                text.year x=(left + bar * (i as f64 + 0.5)) y=(top + height + 14.0) text-anchor="middle" { (r.year) }
                @match r.rating {
                    Some(rating) => {
                        @let h = height * rating.level() as f64 / 6.0;
                        a href={ "#rating-" (r.year) } {
                            rect x=(left + bar * i as f64 + 4.0) y=(top + height - h) width=(bar - 8.0) height=(h) fill="#8a1c1c"
                                fill-opacity=(0.25 + 0.12 * rating.level() as f64) {
                                title { (r.year) ": " (rating) " (score " (r.score) ", " (r.counted.len()) " counted)" }
                            }
                        }
                        text x=(left + bar * (i as f64 + 0.5)) y=(top + height - h - 3.0) text-anchor="middle" { (rating) }
                    }
                    // No bar: an empty outline the height of the chart, and the reason.
                    None => {
                        a href={ "#rating-" (r.year) } {
                            rect class={ "unrated " (r.coverage.as_str()) } x=(left + bar * i as f64 + 4.0) y=(top) width=(bar - 8.0) height=(height)
                                fill="none" stroke="#9a9aa6" stroke-dasharray="3 3" {
                                title { (r.year) ": " (r.coverage.label()) }
                            }
                        }
                        text.unrated x=(left + bar * (i as f64 + 0.5)) y=(top + height - 4.0) text-anchor="middle" font-size="9" { (r.coverage.label()) }
                    }
                }
            }
        }
    }
}

// ---- the briefing ----------------------------------------------------------

pub async fn briefing<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(raw): Path<String>,
    params: Params,
) -> Result<Response, PageError> {
    let country = acc::country_code(&raw)?;
    let as_of = params.as_of()?;
    let review = params.id("review")?;
    let format = params.text("format").unwrap_or("html");
    if !matches!(format, "html" | "md") {
        return Err(ApiError::bad_param("format", "format is html or md").into());
    }
    let cf = acc::load(&app.store, viewer.visibility, &country).await?;
    let b = acc::briefing(&cf, &country, as_of, review.as_ref())?;
    if format == "md" {
        let day = vigil_core::date::format_day(as_of);
        return Ok((
            [
                (header::CONTENT_TYPE, "text/markdown; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"vigil-briefing-{country}-{day}.md\""),
                ),
            ],
            b.markdown(),
        )
            .into_response());
    }
    let mut md_query = vec![("as_of", vigil_core::date::format_day(as_of)), ("format", "md".into())];
    if let Some(r) = &review {
        md_query.push(("review", r.to_string()));
    }
    let pairs: Vec<(&str, &str)> = md_query.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let md_href = format!("/countries/{country}/briefing?{}", links::query(&pairs));
    Ok(layout::page(&viewer, &b.title, render(&b, &md_href)).into_response())
}

/// A statement and its footnote marks; the first mark of each note gets
/// the id its note's back link points to.
fn statement_html(s: &Statement, marked: &RefCell<HashSet<usize>>) -> Markup {
    html! {
        li {
            @match &s.href { Some(h) => { a href=(h) { (s.text) } } None => { (s.text) } }
            @if !s.notes.is_empty() {
                sup.cites {
                    @for (i, n) in s.notes.iter().enumerate() {
                        @if i > 0 { "," }
                        @if marked.borrow_mut().insert(*n) {
                            a href={ "#fn-" (n) } id={ "ref-" (n) } { (n) }
                        } @else {
                            a href={ "#fn-" (n) } { (n) }
                        }
                    }
                }
            }
            @if !s.details.is_empty() {
                ul { @for d in &s.details { (statement_html(d, marked)) } }
            }
        }
    }
}

fn render(b: &Briefing, md_href: &str) -> Markup {
    let marked = RefCell::new(HashSet::new());
    html! {
        article.briefing {
            p.kind.no-print { "Briefing" }
            h1 { (b.title) }
            p.no-print.actions {
                a.action href=(md_href) download { "Download as Markdown" }
                " "
                a.action href={ "/countries/" (b.country) } { "Country page" }
                " Print this page for a paper copy; the print style drops navigation."
            }
            p.lead { "Prepared from the Vigil case file as it stood on " (fmt::day(b.as_of)) ". Every statement is footnoted with the passage of the source that states it." }
            @for sec in &b.sections {
                section {
                    h2 { (sec.title) }
                    @if let Some(i) = &sec.intro { p.hint { (i) } }
                    @if sec.statements.is_empty() { p.empty { "None recorded." } }
                    ul.statements { @for s in &sec.statements { (statement_html(s, &marked)) } }
                }
            }
            section.footnotes {
                h2 { "Sources" }
                ol.footnotes {
                    @for (i, x) in b.footnotes.notes.iter().enumerate() {
                        li id={ "fn-" (i + 1) } data-source=(x.source_id) data-start=(x.start) data-end=(x.end) {
                            q.excerpt { (x.text) }
                            " — "
                            a href={ "/sources/" (x.source_id) "#at-" (x.start) } {
                                (b.sources.get(&x.source_id).map(String::as_str).unwrap_or(x.source_id.as_str()))
                            }
                            ", bytes " (x.start) "–" (x.end)
                            " " a.back href={ "#ref-" (i + 1) } aria-label="Back to the text" { (PreEscaped("&#8617;")) }
                        }
                    }
                }
            }
        }
    }
}
