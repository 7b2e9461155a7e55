//! `/status` ("Status on…") and `/status.csv`: who is in custody,
//! imprisoned, restricted, banned or fined on a day, with expected ends.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt as _;
use maud::{html, Markup};
use vigil_core::{Certainty, PersonStatus, RecordKind, Restraint, RestraintKind};
use vigil_store::{StatusOrder, Store};

use vigil_app::i18n::{Arg, Lang};

use super::layout;
use crate::error::PageError;
use crate::links;
use crate::params::Params;
use crate::{AppState, Viewer};
use vigil_app::status;

/// "free from 24 March 2020" (the first day at liberty), "end not known",
/// "free between 1 January 2021 and 1 January 2022".
pub use vigil_app::words::end_text;

pub fn restraint_line(lang: Lang, r: &Restraint) -> Markup {
    html! {
        span class={ "restraint " (r.kind.as_str()) } { (lang.term(&r.kind)) }
        @if let Some(scope) = &r.scope { " " (lang.tr_with("restraint-scope", &[("scope", Arg::Text(scope))])) }
        " — " (lang.tr_with("restraint-since", &[("start", Arg::Text(&vigil_app::words::date_in(lang, &r.start)))]))
        ", " (vigil_app::words::end_text_in(lang, r))
        @if r.certainty == Certainty::Possible { " " span.possible title=(lang.tr("restraint-possibly-why")) { (lang.tr("restraint-possibly")) } }
        @if !r.disputed.is_empty() {
            ", " span.disputed title=(lang.tr("restraint-disputed-why")) {
                @for (i, e) in r.disputed.iter().enumerate() {
                    @if i > 0 { " " }
                    a href={ (links::href(vigil_core::RecordKind::Event, e)) "#accounts" } { (lang.tr("restraint-disputed")) }
                }
            }
        }
        @if let Some(day) = r.last_confirmed {
            ", " span.confirmed title=(lang.tr("restraint-last-confirmed-why")) {
                (lang.tr_with("restraint-last-confirmed", &[("day", Arg::Text(&vigil_app::words::day_in(lang, day)))]))
            }
        }
    }
}

/// Those under restraints of `kind`, as a list.
fn section(lang: Lang, title: &str, kind: RestraintKind, statuses: &[(String, PersonStatus)]) -> Markup {
    let rows: Vec<(&String, &PersonStatus, Vec<&Restraint>)> = statuses
        .iter()
        .map(|(name, s)| (name, s, s.restraints_of(kind).collect::<Vec<_>>()))
        .filter(|(_, _, r)| !r.is_empty())
        .collect();
    html! {
        @if !rows.is_empty() {
            h2 { (title) " (" (rows.len()) ")" }
            ul.status {
                @for (name, s, restraints) in &rows {
                    @for r in restraints {
                        li {
                            a href=(links::href(RecordKind::Person, &s.person_id)) { (name) } ": "
                            (restraint_line(lang, r))
                        }
                    }
                }
            }
        }
    }
}

/// The sections of a status list.
pub fn sections(lang: Lang, statuses: &[(String, PersonStatus)], kinds: &[(RestraintKind, &str)]) -> Markup {
    html! {
        @for (kind, title) in kinds { (section(lang, &lang.tr(title), *kind, statuses)) }
    }
}

/// Each restraint's section, with the key of its title.
pub const ALL_SECTIONS: &[(RestraintKind, &str)] = &[
    (RestraintKind::Imprisonment, "status-imprisoned"),
    (RestraintKind::Custody, "status-in-custody"),
    (RestraintKind::RestrictedFreedom, "status-restricted"),
    (RestraintKind::ActivityBan, "status-banned"),
    (RestraintKind::Fine, "status-fined"),
];

/// `?order=`: name (default), start or end.
fn order(params: &Params) -> Result<StatusOrder, crate::error::ApiError> {
    match params.text("order") {
        None | Some("") => Ok(StatusOrder::Name),
        Some(v) => StatusOrder::parse(v)
            .ok_or_else(|| crate::error::ApiError::bad_param("order", "order is name, start or end".to_owned())),
    }
}

pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Markup, PageError> {
    let as_of = params.as_of()?;
    let kind = params.parsed::<RestraintKind>("restraint")?;
    let order = order(&params)?;
    let page = params.page()?;
    // A country's list, and the evidence of a past day, as the API's
    // (`api::status::list`): computed from the country's part.
    let known_on = params.evidence_day()?;
    let country = params.text("country").filter(|c| !c.is_empty());
    let listing = match (country, known_on) {
        (Some(c), _) => {
            status::page_of_country(&app.store, viewer.visibility, c, as_of, known_on, kind, order, page).await?
        }
        (None, Some(_)) => {
            return Err(
                crate::error::ApiError::bad_param("country", viewer.lang.tr("status-known-on-needs-country")).into(),
            )
        }
        (None, None) => status::page(&app.store, viewer.visibility, as_of, kind, order, page).await?,
    };
    let statuses = &listing.items;
    let day = vigil_core::date::format_day(as_of);
    let known_day = known_on.map(vigil_core::date::format_day);
    let country = country.map(str::to_ascii_uppercase);
    let mut pairs = vec![("as_of", day.as_str()), ("order", order.as_str())];
    if let Some(k) = kind {
        pairs.push(("restraint", k.as_str()));
    }
    if let Some(c) = &country {
        pairs.push(("country", c.as_str()));
    }
    if let Some(k) = &known_day {
        pairs.push(("known_on", k.as_str()));
    }
    let this_query = links::query(&pairs);
    // The CSV of the same list: the day, the country and the evidence day.
    let csv_pairs: Vec<(&str, &str)> = pairs
        .iter()
        .filter(|(k, _)| matches!(*k, "as_of" | "country" | "known_on"))
        .copied()
        .collect();
    let csv_query = links::query(&csv_pairs);
    let lang = viewer.lang;
    let tr = |key: &str| lang.tr(key);
    Ok(layout::page(
        &viewer,
        &tr("status-page-title"),
        html! {
            h1 { (lang.tr_with("status-heading", &[("day", Arg::Text(&vigil_app::words::day_in(lang, as_of)))])) }
            p.lead { (tr("status-lead")) }
            @if let Some(k) = known_on {
                p.lead { (lang.tr_with("evidence-as-known-on", &[("date", Arg::Text(&vigil_app::words::day_in(lang, k)))])) }
            }
            form.filter method="get" action="/status" {
                label { (tr("status-day")) " " input type="date" name="as_of" value=(day); }
                label { (tr("status-only")) " "
                    select name="restraint" {
                        option value="" { (tr("status-all-restraints")) }
                        @for k in RestraintKind::ALL { option value=(k.as_str()) selected[kind == Some(*k)] { (lang.term(k)) } }
                    }
                }
                label { (tr("status-sorted-by")) " "
                    select name="order" {
                        @for (o, label) in [(StatusOrder::Name, "status-order-name"), (StatusOrder::Start, "status-order-start"), (StatusOrder::ExpectedEnd, "status-order-end")] {
                            option value=(o.as_str()) selected[order == o] { (tr(label)) }
                        }
                    }
                }
                label { (tr("status-country")) " " input type="text" name="country" size="2" maxlength="2" pattern="[A-Za-z]{2}" value=(country.as_deref().unwrap_or_default()); }
                label { (tr("status-known-on")) " " input type="date" name="known_on" value=(known_day.as_deref().unwrap_or_default()); }
                @if lang != Lang::En { input type="hidden" name="lang" value=(lang.code()); }
                button { (tr("status-show")) }
            }
            @if statuses.is_empty() { p.empty { (tr("status-none")) } }
            @else { p { (lang.tr_with("status-count", &[("count", Arg::Number(listing.total))])) } }
            (sections(lang, statuses, ALL_SECTIONS))
            (layout::pager(lang, "/status", &this_query, page.offset(), page.limit(), listing.total))
            p { a href={ "/status.csv?" (csv_query) } download { (tr("status-csv")) } }
        },
    ))
}

/// A CSV field: quoted when it must be, and a leading =, +, - or @ made
/// inert so a spreadsheet does not run it as a formula.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The whole list as CSV, streamed: read from the store a page at a time
/// and sent as it is read, so memory stays flat however long the list.
pub async fn csv<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Response, PageError> {
    let as_of = params.as_of()?;
    let kind = params.parsed::<RestraintKind>("restraint")?;
    let day = vigil_core::date::format_day(as_of);
    let header_line =
        "as_of,person_id,name,restraint,scope,start,expected_end,certainty,because,last_confirmed,disputed\n";
    let store = app.store.clone();
    let visibility = viewer.visibility;
    // The first part is read before answering, so an error is an error
    // status, not a cut-off file. Each part is read on after the last line
    // of the one before (not by offset, which read every line before it
    // again: the whole list took minutes at 100,000 persons).
    let known_on = params.evidence_day()?;
    let country = params.text("country").filter(|c| !c.is_empty());
    if country.is_none() && known_on.is_some() {
        return Err(
            crate::error::ApiError::bad_param("country", viewer.lang.tr("status-known-on-needs-country")).into(),
        );
    }
    // A country's list is computed whole from its part of the case file
    // (as the page's), so it is sent whole; the list of all is streamed.
    let (first, last) = match country {
        Some(c) => {
            let all = status::page_of_country(
                &store,
                visibility,
                c,
                as_of,
                known_on,
                kind,
                vigil_store::StatusOrder::Name,
                vigil_store::Page::all(),
            )
            .await?;
            (all.items, None)
        }
        None => status::lines_after(&store, visibility, as_of, kind, None, CSV_PAGE).await?,
    };
    let rows_of = {
        let day = day.clone();
        move |items: &[(String, PersonStatus)]| -> String {
            let mut out = String::new();
            for (name, s) in items {
                for r in &s.restraints {
                    let row = [
                        day.clone(),
                        s.person_id.to_string(),
                        name.clone(),
                        r.kind.as_str().to_owned(),
                        r.scope.clone().unwrap_or_default(),
                        r.start.to_string(),
                        r.expected_end.map(|e| e.to_string()).unwrap_or_default(),
                        r.certainty.as_str().to_owned(),
                        r.because.iter().map(ToString::to_string).collect::<Vec<_>>().join(" "),
                        r.last_confirmed.map(vigil_core::date::format_day).unwrap_or_default(),
                        r.disputed.iter().map(ToString::to_string).collect::<Vec<_>>().join(" "),
                    ];
                    out.push_str(&row.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
                    out.push('\n');
                }
            }
            out
        }
    };
    let head = format!("{header_line}{}", rows_of(&first));
    let next = last.filter(|_| first.len() as u32 == CSV_PAGE);
    let rest = futures_util::stream::unfold((next, store, rows_of), move |(after, store, rows_of)| async move {
        let after = after?;
        match status::lines_after(&store, visibility, as_of, kind, Some(&after), CSV_PAGE).await {
            Ok((lines, last)) => {
                let chunk = rows_of(&lines);
                let next = last.filter(|_| lines.len() as u32 == CSV_PAGE);
                Some((Ok::<_, std::io::Error>(chunk), (next, store, rows_of)))
            }
            Err(e) => {
                // The status line is sent: the file ends short, and the log says why.
                tracing::error!(error = %e, "the status CSV stopped part-way");
                Some((
                    Err(std::io::Error::other("the status list could not be read")),
                    (None, store, rows_of),
                ))
            }
        }
    });
    let body = futures_util::stream::once(async move { Ok::<_, std::io::Error>(head) }).chain(rest);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"vigil-status-{day}.csv\""),
            ),
        ],
        axum::body::Body::from_stream(body),
    )
        .into_response())
}

/// Persons read from the store per chunk of the CSV.
const CSV_PAGE: u32 = vigil_store::Page::MAX_LIMIT;

#[cfg(test)]
mod tests {
    #[test]
    fn csv_fields_are_quoted_and_inert() {
        assert_eq!(super::field("plain"), "plain");
        assert_eq!(super::field("a, b"), "\"a, b\"");
        assert_eq!(super::field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(super::field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
