//! Words for values, shared by the pages and the briefing text: dates as
//! people write them.

use time::Month;
use vigil_core::{Date, DatePoint, PartialDate};

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
