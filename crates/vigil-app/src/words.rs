//! Dates and terms in words, as every view (pages, briefings, e-mails)
//! writes them.

use time::Month;
use vigil_core::{Date, DatePoint, PartialDate, Restraint};

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

/// "16 October 2019".
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

/// When a restraint ends: "free from 24 March 2020", "free between … and
/// …", "end not known".
pub fn end_text(r: &Restraint) -> String {
    match &r.expected_end {
        Some(end) => match end.exact() {
            Some(d) => format!("free from {}", day(d)),
            None => format!("free between {} and {}", day(end.earliest()), day(end.latest())),
        },
        None => "end not known".to_owned(),
    }
}

/// A passage in quotation marks, its words untouched (a footnote must
/// quote its source byte for byte). A passage that holds double marks of
/// its own is set in single ones, as a quotation within a quotation is
/// written the other way round, so that it reads `‘… “systems.”’` and not
/// `“… “systems.””`.
pub fn quotation(text: &str) -> String {
    if text.contains(['“', '”', '"', '„']) {
        format!("‘{text}’")
    } else {
        format!("“{text}”")
    }
}

#[cfg(test)]
mod quotation_tests {
    use super::quotation;

    #[test]
    fn a_passage_with_double_marks_of_its_own_is_set_in_single_ones() {
        assert_eq!(
            quotation("to carry out “deep reforms of judicial and law enforcement systems.”"),
            "‘to carry out “deep reforms of judicial and law enforcement systems.”’"
        );
        assert_eq!(quotation("plain"), "“plain”");
        assert_eq!(quotation("«Атамекен»"), "“«Атамекен»”");
    }
}
