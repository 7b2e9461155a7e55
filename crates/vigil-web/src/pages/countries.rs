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
use vigil_app::i18n::{Arg, Lang};
use vigil_core::accountability::latest_assessments;
use vigil_core::{CaseFile, Coverage, EventType, RatingRule, RecordId, RecordKind, YearRating, YearScore};
use vigil_store::Store;

use super::{fmt, layout};
use crate::error::{ApiError, PageError};
use crate::links;
use crate::params::Params;
use crate::{AppState, Viewer};
use vigil_app::country::{self as acc, Briefing, MonthCount, Statement};

pub async fn list<S: Store>(State(app): State<AppState<S>>, viewer: Viewer) -> Result<Markup, PageError> {
    let countries = acc::list(&app.store, viewer.visibility).await?;
    let lang = viewer.lang;
    Ok(layout::page(
        &viewer,
        &lang.tr("nav-countries"),
        html! {
            h1 { (lang.tr("nav-countries")) }
            p.lead { (lang.tr("countries-lead")) }
            @if countries.is_empty() { p.empty { (lang.tr("countries-none")) } }
            ul.records {
                @for (c, n) in &countries {
                    li { a href={ "/countries/" (c) } { (vigil_app::words::country_in(lang, c)) } " — " (lang.tr_with("countries-events", &[("count", Arg::Number(*n))])) }
                }
            }
        },
    ))
}

use vigil_app::country::SINCE_SHOWN;

fn name_of(lang: Lang, cf: &CaseFile, id: &RecordId) -> String {
    cf.persons
        .iter()
        .find(|p| &p.id == id)
        .map(|p| p.name.clone())
        .or_else(|| cf.organisations.iter().find(|o| &o.id == id).map(|o| o.name.clone()))
        .unwrap_or_else(|| lang.tr("record-not-shown"))
}

/// A rating's meaning in words.
fn rating_words(lang: Lang, rating: vigil_core::Rating) -> String {
    lang.tr(match rating {
        vigil_core::Rating::One => "rating-1",
        vigil_core::Rating::Two => "rating-2",
        vigil_core::Rating::Three => "rating-3",
        vigil_core::Rating::Four => "rating-4",
        vigil_core::Rating::Five => "rating-5",
        vigil_core::Rating::FivePlus => "rating-5-plus",
    })
}

/// Why a year has no rating, or that it has one, in words.
fn coverage_words(lang: Lang, coverage: Coverage) -> String {
    lang.tr(match coverage {
        Coverage::Rated => "coverage-rated",
        Coverage::NoData => "coverage-no-data",
        Coverage::NotCovered => "coverage-not-covered",
    })
}

pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(raw): Path<String>,
    params: Params,
) -> Result<Markup, PageError> {
    let known_on = params.evidence_day()?;
    let view = acc::overview(
        &app.store,
        viewer.visibility,
        &raw,
        params.id("rule")?.as_ref(),
        known_on,
    )
    .await?;
    let (cf, country, rule) = (&view.case_file, view.country.as_str(), view.rule.as_ref());
    let (first, last) = view.years;
    let (scores, monthly) = (&view.scores, &view.monthly);
    let reviews = acc::reviews_of(cf, country);
    let recommendations = acc::recommendations_of(cf, country);
    let latest = latest_assessments(&cf.assessments);
    let pledges = acc::pledges_of(cf, country);
    let (by_type, spanning) = (&view.by_type, view.spanning);
    let titles: HashMap<&RecordId, &str> = view.latest_events.iter().map(|e| (&e.id, e.title.as_str())).collect();
    // The rating's links keep the rule and the evidence day asked for.
    let mut rule_query = match (params.text("rule"), rule) {
        (Some(_), Some(r)) => format!("&rule={}", r.id),
        _ => String::new(),
    };
    if let Some(k) = known_on {
        rule_query.push_str(&format!("&known_on={}", vigil_core::date::format_day(k)));
    }
    let lang = viewer.lang;
    let tr = |key: &str| lang.tr(key);
    let name = vigil_app::words::country_in(lang, country);
    let cites = super::events::Cites::of(&cf.sources);
    Ok(layout::page(
        &viewer,
        &name,
        html! {
            p.kind { (tr("fact-country")) }
            h1 { (name) }
            @if let Some(k) = known_on {
                p.lead {
                    (lang.tr_with("evidence-as-known-on", &[("date", Arg::Text(&vigil_app::words::day_in(lang, k)))]))
                    " " a href={ "/countries/" (country) } { (tr("evidence-all-held")) }
                }
            }
            p.actions {
                a.action href={ "/countries/" (country) "/briefing?as_of=" (vigil_core::date::format_day(vigil_app::status::today())) } { (tr("country-briefing-today")) }
                @for r in reviews.iter().filter(|r| r.date.exact().is_some()) {
                    " "
                    a.action href={ "/countries/" (country) "/briefing?review=" (r.id) "&as_of=" (r.date) } { (lang.tr("country-briefing-for")) " " span.own { (r.title) } }
                }
            }

            h2 { (tr("country-reviews")) }
            @if reviews.is_empty() { p.empty { (tr("country-no-review")) } }
            ul.records {
                @for r in &reviews {
                    li {
                        (fmt::time_in(lang, &r.date)) " — "
                        a href=(links::href(RecordKind::Review, &r.id)) { (r.title) }
                        @if let Some(s) = &r.session { " · " span.own { (s) } }
                        @if let Some(c) = &r.convention { " · " span.own { (c) } }
                        @if let Some(n) = &r.case_number { " · " (lang.tr_with("country-case", &[("number", Arg::Text(n))])) }
                        @if let Some(s) = &r.case_status { " (" (lang.term(s)) ")" }
                    }
                }
            }

            h2 { (tr("country-open-recommendations")) }
            @let open: Vec<_> = recommendations.iter().filter(|(rc, _)| acc::is_open(cf, rc)).collect();
            @if open.is_empty() { p.empty { (tr("country-no-open-recommendation")) } }
            table.records {
                @if !open.is_empty() {
                    thead { tr { th { (tr("country-th-recommendation")) } th { (tr("country-th-review")) } th { (tr("country-th-response")) } th { (tr("country-th-latest")) } } }
                }
                tbody {
                    @for (rc, rv) in &open {
                        tr {
                            td { a href=(links::href(RecordKind::Recommendation, &rc.id)) { (rc.title) } }
                            td { a href=(links::href(RecordKind::Review, &rv.id)) { (rv.title) } }
                            td { (lang.term(&rc.response)) }
                            td {
                                @match latest.get(&rc.id) {
                                    Some(a) => {
                                        span class={ "implementation " (a.status.as_str()) } { (lang.term(&a.status)) }
                                        " — " (fmt::time_in(lang, &a.date)) ", " (name_of(lang, cf, &a.by_id)) " "
                                        a href=(links::href(RecordKind::Assessment, &a.id)) { (tr("country-why")) }
                                    }
                                    None => { (tr("briefing-not-assessed")) }
                                }
                            }
                        }
                    }
                }
            }

            h2 { (tr("country-pledges")) }
            @if pledges.is_empty() { p.empty { (tr("country-no-pledge")) } }
            @for p in &pledges {
                section.pledge {
                    h3 { a href=(links::href(RecordKind::Pledge, &p.id)) { (p.title) } }
                    p { (name_of(lang, cf, &p.by_id)) ", " (fmt::time_in(lang, &p.date)) }
                    @for x in &p.excerpts {
                        blockquote.excerpt { p { (vigil_app::words::quotation(&x.text)) }
                            footer { "— " (super::events::cite(lang, &cites, x)) } }
                    }
                    @if let Some(a) = latest.get(&p.id) {
                        p { (tr("country-latest-assessment")) " " span class={ "implementation " (a.status.as_str()) } { (lang.term(&a.status)) }
                            " (" (name_of(lang, cf, &a.by_id)) ", " (fmt::time_in(lang, &a.date)) ") "
                            a href=(links::href(RecordKind::Assessment, &a.id)) { (a.title) } }
                    }
                    @let (total, since) = view.since.get(&p.id).map_or((0, &[][..]), |s| (s.total, s.latest.as_slice()));
                    p {
                        @if total > SINCE_SHOWN as u64 {
                            (lang.tr_with("country-since-latest", &[("count", Arg::Number(total)), ("shown", Arg::Number(SINCE_SHOWN as u64))]))
                        } @else {
                            (lang.tr_with("country-since", &[("count", Arg::Number(total))]))
                        }
                    }
                    ol.events {
                        @for e in since {
                            li {
                                span.date { (fmt::time_in(lang, &e.date)) } " "
                                span class={ "type " (e.event_type.as_str()) } { (lang.term(&e.event_type)) } " "
                                a href=(links::href(RecordKind::Event, &e.id)) { (e.title) }
                            }
                        }
                    }
                }
            }

            @if !view.patterns.is_empty() {
                h2 #patterns { (tr("country-patterns")) }
                p.hint { (tr("country-patterns-hint")) }
                ul.records.patterns {
                    @for e in &view.patterns {
                        li {
                            span class={ "type " (e.event_type.as_str()) } { (lang.term(&e.event_type)) } " "
                            a href=(links::href(RecordKind::Event, &e.id)) { (e.title) }
                            " " span.date { "(" (lang.tr_with("country-pattern-reported", &[("date", Arg::Text(&vigil_app::words::date_in(lang, &e.date)))])) ")" }
                            @for x in &e.excerpts {
                                blockquote.excerpt { p { (vigil_app::words::quotation(&x.text)) }
                                    footer { "— " (super::events::cite(lang, &cites, x)) } }
                            }
                        }
                    }
                }
            }

            h2 { (tr("country-events-by-type")) }
            (events_chart(lang, by_type, first, last))
            @if spanning > 0 { p.hint { (lang.tr_with("country-spanning", &[("count", Arg::Number(spanning))])) } }

            h2 { (tr("country-restraints")) }
            p.hint { (tr("country-restraints-hint")) }
            (restraints_chart(lang, monthly))
            ul.legend {
                li { span.swatch.imprisoned-certain {} " " (tr("country-legend-imprisoned-certain")) }
                li { span.swatch.imprisoned-possible {} " " (tr("country-legend-imprisoned-possible")) }
                li { span.swatch.banned-certain {} " " (tr("country-legend-banned-certain")) }
                li { span.swatch.banned-possible {} " " (tr("country-legend-banned-possible")) }
            }

            h2 { (tr("country-ratings")) }
            @match rule {
                None => { p.empty { (tr("country-no-rule")) } }
                Some(rule) => {
                    (ratings_chart(lang, scores))
                    (rule_statement(lang, rule))
                    @for r in scores.iter().rev() {
                        @let all_href = format!("/api/v1/countries/{country}/rating?year={}{rule_query}", r.year);
                        details.why id={ "rating-" (r.year) } open[r.year == last] {
                            summary {
                                @match r.rating {
                                    Some(rating) => { (r.year) ": " (tr("country-rating")) " " strong { (rating) } " — " (rating_words(lang, rating)) " (" (lang.tr_with("country-score", &[("score", Arg::Number(u64::from(r.score)))])) ")" }
                                    None => { (r.year) ": " strong.unrated { (coverage_words(lang, r.coverage)) } }
                                }
                            }
                            // The events behind the last year's rating; for
                            // the others, their scores and a link to them.
                            @match view.latest.as_ref().filter(|l| l.year == r.year) {
                                Some(full) => { (why(lang, full, rule, &titles, &all_href)) }
                                None => { (why_in_brief(lang, r, &all_href)) }
                            }
                        }
                    }
                    p { a href={ "/api/v1/countries/" (country) "/rating?year=" (last) (rule_query) } { (tr("country-rating-json")) } }
                }
            }
        },
    ))
}

/// The rule, stated in full.
pub fn rule_statement(lang: Lang, rule: &RatingRule) -> Markup {
    let tr = |key: &str| lang.tr(key);
    html! {
        details.rule {
            summary { (tr("rule-the-rule")) " " a href=(links::href(RecordKind::RatingRule, &rule.id)) { (rule.name) } }
            @if let Some(d) = &rule.description { p.description { (d) } }
            table.records {
                thead { tr { th { (tr("rule-th-group")) } th { (tr("rule-th-indicator")) } th { (tr("rule-th-counts")) } th { (tr("rule-th-weight")) } } }
                tbody {
                    @for i in &rule.indicators {
                        tr {
                            td { (lang.term(&i.group)) }
                            td { span.own { (i.label) } }
                            td {
                                (i.event_types.iter().map(|t| lang.term(t)).collect::<Vec<_>>().join(", "))
                                @if i.union_victims_only { "; " (tr("rule-only-unions")) }
                                @if !i.relates_to_types.is_empty() {
                                    "; " (lang.tr_with("rule-only-acting-on", &[("kinds", Arg::Text(&i.relates_to_types.iter().map(|t| lang.term(t).to_lowercase()).collect::<Vec<_>>().join(", ")))]))
                                }
                            }
                            td { (i.weight) }
                        }
                    }
                }
            }
            p { (tr("rule-spanning")) " "
                (tr(match rule.spanning_events {
                    vigil_core::SpanningEvents::NotCounted => "rule-spanning-not-counted",
                    vigil_core::SpanningEvents::LastYear => "rule-spanning-last-year",
                }))
            }
            p { (tr("rule-thresholds")) " "
                (rule.thresholds.iter().map(|t| lang.tr_with("rule-threshold", &[("score", Arg::Text(&t.min_score.to_string())), ("rating", Arg::Text(t.rating.as_str()))])).collect::<Vec<_>>().join("; "))
            }
            p { (tr("rule-no-data")) }
            @if let Some(y) = rule.years {
                p { (lang.tr_with("rule-years", &[("from", Arg::Text(&y.from.to_string())), ("to", Arg::Text(&y.to.to_string()))])) }
            }
        }
    }
}

/// Every event that counted, with its indicator and points.
/// Events listed under each year's rating on the country page: a country
/// with tens of thousands of events a year made a page of tens of MB. The
/// year's rating as JSON lists them all.
pub const WHY_SHOWN: usize = 30;

/// Why a year has its rating: its scores and the events it counted (the
/// first [`WHY_SHOWN`], then a link to `all_href`, which lists them all).
pub fn why(lang: Lang, r: &YearRating, rule: &RatingRule, titles: &HashMap<&RecordId, &str>, all_href: &str) -> Markup {
    let year = r.year.to_string();
    let labels: HashMap<&str, &str> = rule
        .indicators
        .iter()
        .map(|i| (i.code.as_str(), i.label.as_str()))
        .collect();
    html! {
        (year_scores(lang, r.year, r.coverage, &r.groups, r.counted.is_empty()))
        table.records.why {
            tbody {
                @for c in r.counted.iter().take(WHY_SHOWN) {
                    tr {
                        td { (fmt::time_in(lang, &c.date)) }
                        td { a href=(links::href(RecordKind::Event, &c.event_id)) { (c.title) } }
                        td { (lang.term(&c.group)) ": " span.own { (labels.get(c.indicator.as_str()).copied().unwrap_or(&c.indicator)) } }
                        td { "+" (c.points) }
                    }
                }
            }
        }
        @if r.counted.len() > WHY_SHOWN {
            p.hint {
                (lang.tr_with("why-more", &[("shown", Arg::Number(WHY_SHOWN as u64)), ("count", Arg::Number(r.counted.len() as u64)), ("year", Arg::Text(&year))]))
                " " a href=(all_href) { (lang.tr("country-rating-json")) }
            }
        }
        @if !r.undated_in_year.is_empty() {
            details.not-counted {
                summary { (lang.tr_with("why-not-counted", &[("count", Arg::Number(r.undated_in_year.len() as u64)), ("year", Arg::Text(&year))])) }
                ul { @for id in r.undated_in_year.iter().take(WHY_SHOWN) { li { a href=(links::href(RecordKind::Event, id)) { (titles.get(id).copied().unwrap_or(id.as_str())) } } } }
                @if r.undated_in_year.len() > WHY_SHOWN {
                    p.hint { (lang.tr_with("why-undated-more", &[("shown", Arg::Number(WHY_SHOWN as u64))])) " " a href=(all_href) { (lang.tr("country-rating-json")) } }
                }
            }
        }
    }
}

/// Why a year has no rating, or its score by group (and that nothing
/// counted, when `none_counted`).
fn year_scores(
    lang: Lang,
    year: i32,
    coverage: Coverage,
    groups: &[vigil_core::accountability::GroupScore],
    none_counted: bool,
) -> Markup {
    let year = year.to_string();
    html! {
        @match coverage {
            Coverage::NoData => { p.empty { (lang.tr_with("why-no-data", &[("year", Arg::Text(&year))])) } }
            Coverage::NotCovered => { p.empty { (lang.tr_with("why-not-covered", &[("year", Arg::Text(&year))])) } }
            Coverage::Rated => {
                p { (groups.iter().map(|g| format!("{}: {}", lang.term(&g.group), g.score)).collect::<Vec<_>>().join(" · ")) }
                @if none_counted { p.empty { (lang.tr("why-none-counted")) } }
            }
        }
    }
}

/// A year's scores and how many events counted, with a link to them:
/// what the country page shows of a year other than the last (each year's
/// events are read only when asked for).
fn why_in_brief(lang: Lang, r: &YearScore, all_href: &str) -> Markup {
    let year = r.year.to_string();
    html! {
        (year_scores(lang, r.year, r.coverage, &r.groups, r.counted == 0))
        @if r.counted > 0 || r.undated > 0 {
            p.hint {
                (lang.tr_with("why-counted-elsewhere", &[("count", Arg::Number(r.counted)), ("year", Arg::Text(&year))]))
                @if r.undated > 0 {
                    " " (lang.tr_with("why-not-counted", &[("count", Arg::Number(r.undated)), ("year", Arg::Text(&year))])) "."
                }
                " " a href=(all_href) { (lang.tr("country-rating-json")) }
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
    lang: Lang,
    by_type: &std::collections::BTreeMap<EventType, std::collections::BTreeMap<i32, u64>>,
    first: i32,
    last: i32,
) -> Markup {
    if by_type.is_empty() {
        return html! { p.empty { (lang.tr("chart-no-event-in-a-year")) } };
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
            aria-label=(lang.tr("country-events-by-type")) {
            @for (j, y) in years.iter().enumerate() {
                text.year x=(left + cell * (j as f64 + 0.5)) y="14" text-anchor="middle" { (y) }
            }
            @for (i, (t, counts)) in by_type.iter().enumerate() {
                @let cy = top + row * i as f64 + row / 2.0;
                text.label x=(left - 6.0) y=(cy + 4.0) text-anchor="end" { (lang.term(t)) }
                @for (j, y) in years.iter().enumerate() {
                    @if let Some(n) = counts.get(y) {
                        @let side = 6.0 + 10.0 * (*n as f64 / max).sqrt();
                        g.cell {
                            title { (lang.term(t)) ", " (y) ": " (n) }
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
/// date, or an open end past its last confirmation). Its legend is the
/// list in words below it (which wraps on a phone), not text in the chart.
fn restraints_chart(lang: Lang, months: &[MonthCount]) -> Markup {
    if months.is_empty() {
        return html! { p.empty { (lang.tr("chart-no-months")) } };
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
            viewBox={ "0 0 " (left + width + 10.0) " " (top + height + 20.0) }
            aria-label=(lang.tr("country-restraints")) {
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
                title { (lang.tr("country-legend-imprisoned-possible")) }
            }
            polyline class="banned possible" points=(line(&|m| m.banned)) fill="none" stroke=(amber)
                stroke-width="1" stroke-dasharray="1 3" {
                title { (lang.tr("country-legend-banned-possible")) }
            }
            polyline class="imprisoned certain" points=(line(&|m| m.imprisoned_certain)) fill="none" stroke=(red) stroke-width="2" {
                title { (lang.tr("country-legend-imprisoned-certain")) }
            }
            polyline class="banned certain" points=(line(&|m| m.banned_certain)) fill="none" stroke=(amber)
                stroke-width="2" stroke-dasharray="6 3" {
                title { (lang.tr("country-legend-banned-certain")) }
            }
        }
    }
}

/// A bar per year, its height the rating (1 to 5+).
fn ratings_chart(lang: Lang, ratings: &[YearScore]) -> Markup {
    if ratings.is_empty() {
        return html! { p.empty { (lang.tr("chart-no-year")) } };
    }
    let (left, top, height) = (30.0, 10.0, 150.0);
    let bar = (860.0 / ratings.len() as f64).min(60.0);
    let width = left + bar * ratings.len() as f64 + 10.0;
    html! {
        svg.chart.ratings xmlns="http://www.w3.org/2000/svg" role="img" viewBox={ "0 0 " (width) " " (top + height + 34.0) }
            aria-label=(lang.tr("country-ratings")) {
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
                                title { (r.year) ": " (rating) " (" (lang.tr_with("country-score", &[("score", Arg::Number(u64::from(r.score)))])) ")" }
                            }
                        }
                        text x=(left + bar * (i as f64 + 0.5)) y=(top + height - h - 3.0) text-anchor="middle" { (rating) }
                    }
                    // No bar: an empty outline the height of the chart, and the reason.
                    None => {
                        a href={ "#rating-" (r.year) } {
                            rect class={ "unrated " (r.coverage.as_str()) } x=(left + bar * i as f64 + 4.0) y=(top) width=(bar - 8.0) height=(height)
                                fill="none" stroke="#9a9aa6" stroke-dasharray="3 3" {
                                title { (r.year) ": " (coverage_words(lang, r.coverage)) }
                            }
                        }
                        text.unrated x=(left + bar * (i as f64 + 0.5)) y=(top + height - 4.0) text-anchor="middle" font-size="9" { (coverage_words(lang, r.coverage)) }
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
    let known_on = params.known_on(as_of)?;
    let review = params.id("review")?;
    let format = params.text("format").unwrap_or("html");
    if !matches!(format, "html" | "md") {
        return Err(ApiError::bad_param("format", "format is html or md").into());
    }
    let b = acc::briefing_of(
        &app.store,
        viewer.visibility,
        &country,
        as_of,
        known_on,
        review.as_ref(),
        viewer.lang,
    )
    .await?;
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
    if let Some(k) = params.text("known_on") {
        md_query.push(("known_on", k.to_owned()));
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
    let lang = b.lang;
    let tr = |key: &str| lang.tr(key);
    html! {
        article.briefing {
            p.kind.no-print { (tr("briefing-kind")) }
            h1 { (b.title) }
            p.no-print.actions {
                a.action href=(md_href) download { (tr("briefing-download")) }
                " "
                a.action href={ "/countries/" (b.country) } { (tr("briefing-country-page")) }
                " " (tr("briefing-print"))
            }
            p.lead { (b.lead) }
            @for sec in &b.sections {
                section {
                    h2 { (sec.title) }
                    @if let Some(i) = &sec.intro { p.hint { (i) } }
                    @if sec.statements.is_empty() { p.empty { (tr("briefing-none")) } }
                    ul.statements { @for s in &sec.statements { (statement_html(s, &marked)) } }
                }
            }
            section.footnotes {
                h2 { (tr("briefing-sources")) }
                ol.footnotes {
                    @for (i, x) in b.footnotes.notes.iter().enumerate() {
                        li id={ "fn-" (i + 1) } data-source=(x.source_id) data-start=(x.start) data-end=(x.end) {
                            q.excerpt { (x.text) }
                            " — "
                            @match b.sources.get(&x.source_id) {
                                Some(title) => { a href={ "/sources/" (x.source_id) "#at-" (x.start) } { (title) } }
                                None => { (tr("source-not-shown")) }
                            }
                            " " a.back href={ "#ref-" (i + 1) } aria-label=(tr("briefing-back")) { (PreEscaped("&#8617;")) }
                        }
                    }
                }
            }
        }
    }
}
