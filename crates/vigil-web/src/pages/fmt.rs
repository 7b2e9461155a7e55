//! Small pieces of markup shared by pages.

use maud::{html, Markup};
use time::Month;
use vigil_core::{Date, DatePoint, PartialDate, Record, RecordId, RecordKind};

/// The path segment of a kind's pages and API (`/persons/…`).
pub const fn section(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Person => "persons",
        RecordKind::Organisation => "organisations",
        RecordKind::Event => "events",
        RecordKind::Case => "cases",
        RecordKind::Source => "sources",
        RecordKind::Mechanism => "mechanisms",
        RecordKind::Review => "reviews",
        RecordKind::Recommendation => "recommendations",
        RecordKind::Pledge => "pledges",
        RecordKind::Assessment => "assessments",
        RecordKind::RatingRule => "rating-rules",
    }
}

/// The kind whose pages live under `section`.
pub fn kind_of_section(section: &str) -> Option<RecordKind> {
    RecordKind::ALL.iter().copied().find(|k| self::section(*k) == section)
}

pub fn href(kind: RecordKind, id: &RecordId) -> String {
    format!("/{}/{id}", section(kind))
}

pub fn link(record: &Record) -> Markup {
    html! { a href=(href(record.kind(), record.id())) { (record.title()) } }
}

fn month_name(m: Month) -> &'static str {
    match m {
        Month::January => "January",
        Month::February => "February",
        Month::March => "March",
        Month::April => "April",
        Month::May => "May",
        Month::June => "June",
        Month::July => "July",
        Month::August => "August",
        Month::September => "September",
        Month::October => "October",
        Month::November => "November",
        Month::December => "December",
    }
}

pub fn day(d: Date) -> String {
    format!("{} {} {}", d.day(), month_name(d.month()), d.year())
}

fn point(p: DatePoint) -> String {
    match p {
        DatePoint::Year(y) => y.to_string(),
        DatePoint::Month(y, m) => format!("{} {y}", month_name(m)),
        DatePoint::Day(d) => day(d),
    }
}

/// "16 October 2019", "August 2019", "2016", "September 2018 – August 2019".
pub fn date(d: &PartialDate) -> String {
    match d.end_point() {
        None => point(d.start_point()),
        Some(end) => format!("{} – {}", point(d.start_point()), point(end)),
    }
}

/// A date as a `<time>` element with its ISO form.
pub fn time(d: &PartialDate) -> Markup {
    html! { time datetime=(d.to_string()) { (date(d)) } }
}
