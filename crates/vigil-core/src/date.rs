//! Dates of stated precision.
//!
//! Sources say "16 October 2019", "September 2018", "2016" or "in 2011 and
//! 2012". A [`PartialDate`] keeps exactly what was said: a day, a month, a
//! year, or a range between two of those. It never invents precision: every
//! question about it is answered by its bounds ([`PartialDate::earliest`],
//! [`PartialDate::latest`]), so "September 2018" is any day from 2018-09-01 to
//! 2018-09-30.
//!
//! The text form is ISO 8601 with reduced precision (`2019-10-16`, `2019-08`,
//! `2016`) and `/` for ranges (`2011/2012`, `2018-09/2019-08`).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Day,
    Month,
    Year,
    Range,
}

/// A single day, month or year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatePoint {
    Year(i32),
    Month(i32, Month),
    Day(Date),
}

/// A date as precisely as a source states it: a point (day, month, year) or a
/// range between two points (`from` strictly before `to`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    from: DatePoint,
    to: Option<DatePoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("empty date")]
    Empty,
    #[error("'{0}' is not a date of the form YYYY, YYYY-MM, YYYY-MM-DD or a range A/B")]
    Malformed(String),
    #[error("year {0} is outside 1000–9999")]
    YearOutOfRange(i64),
    #[error("'{0}' is not a day of the calendar")]
    NoSuchDay(String),
    #[error("a range must run forwards, with its start wholly before its end: '{0}'")]
    BackwardRange(String),
    #[error("'{0}' needs the article's own date to be read (no reference date given)")]
    NeedsReference(String),
    #[error("'{0}' is not a date form Vigil understands")]
    Unrecognised(String),
}

const MIN_YEAR: i32 = 1000;
const MAX_YEAR: i32 = 9999;

fn check_year(y: i64) -> Result<i32, DateError> {
    if (MIN_YEAR as i64..=MAX_YEAR as i64).contains(&y) {
        Ok(y as i32)
    } else {
        Err(DateError::YearOutOfRange(y))
    }
}

fn month_from_number(m: u8, whole: &str) -> Result<Month, DateError> {
    Month::try_from(m).map_err(|_| DateError::NoSuchDay(whole.to_owned()))
}

fn last_day_of_month(year: i32, month: Month) -> Date {
    let days = time::util::days_in_month(month, year);
    // Valid by construction: `days` is that month's own length and the
    // year is inside `time`'s supported range (checked on parse).
    Date::from_calendar_date(year, month, days).unwrap_or(Date::MAX)
}

fn first_day(year: i32, month: Month) -> Date {
    Date::from_calendar_date(year, month, 1).unwrap_or(Date::MIN)
}

impl DatePoint {
    pub fn earliest(&self) -> Date {
        match *self {
            DatePoint::Year(y) => first_day(y, Month::January),
            DatePoint::Month(y, m) => first_day(y, m),
            DatePoint::Day(d) => d,
        }
    }

    pub fn latest(&self) -> Date {
        match *self {
            DatePoint::Year(y) => last_day_of_month(y, Month::December),
            DatePoint::Month(y, m) => last_day_of_month(y, m),
            DatePoint::Day(d) => d,
        }
    }

    pub fn precision(&self) -> Precision {
        match self {
            DatePoint::Year(_) => Precision::Year,
            DatePoint::Month(..) => Precision::Month,
            DatePoint::Day(_) => Precision::Day,
        }
    }

    fn parse_iso(s: &str) -> Result<Self, DateError> {
        let malformed = || DateError::Malformed(s.to_owned());
        let parts: Vec<&str> = s.split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        match parts.as_slice() {
            [y] if digits(y, 4) => Ok(DatePoint::Year(check_year(y.parse().map_err(|_| malformed())?)?)),
            [y, m] if digits(y, 4) && digits(m, 2) => {
                let year = check_year(y.parse().map_err(|_| malformed())?)?;
                let month = month_from_number(m.parse().map_err(|_| malformed())?, s)?;
                Ok(DatePoint::Month(year, month))
            }
            [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
                let year = check_year(y.parse().map_err(|_| malformed())?)?;
                let month = month_from_number(m.parse().map_err(|_| malformed())?, s)?;
                let day: u8 = d.parse().map_err(|_| malformed())?;
                Date::from_calendar_date(year, month, day)
                    .map(DatePoint::Day)
                    .map_err(|_| DateError::NoSuchDay(s.to_owned()))
            }
            _ => Err(malformed()),
        }
    }
}

impl fmt::Display for DatePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DatePoint::Year(y) => write!(f, "{y:04}"),
            DatePoint::Month(y, m) => write!(f, "{y:04}-{:02}", m as u8),
            DatePoint::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day()),
        }
    }
}

impl PartialDate {
    pub fn day(date: Date) -> Self {
        Self::point(DatePoint::Day(date))
    }

    pub fn month(year: i32, month: Month) -> Result<Self, DateError> {
        Ok(Self::point(DatePoint::Month(check_year(year.into())?, month)))
    }

    pub fn year(year: i32) -> Result<Self, DateError> {
        Ok(Self::point(DatePoint::Year(check_year(year.into())?)))
    }

    pub fn point(point: DatePoint) -> Self {
        Self { from: point, to: None }
    }

    /// A range between two points; `from` must end before `to` begins.
    pub fn range(from: DatePoint, to: DatePoint) -> Result<Self, DateError> {
        if from.latest() >= to.earliest() {
            return Err(DateError::BackwardRange(format!("{from}/{to}")));
        }
        Ok(Self { from, to: Some(to) })
    }

    /// The date whose readings are exactly the days `first..=last`, in its
    /// most compact form: `2021` rather than `2021-01-01/2021-12-31`,
    /// `2025-09/2026-08` rather than `2025-09-01/2026-08-31`, a day/day range
    /// otherwise. The bounds are swapped if given backwards.
    pub fn spanning(first: Date, last: Date) -> Self {
        let (lo, hi) = if first <= last { (first, last) } else { (last, first) };
        if lo == hi {
            return Self::day(lo);
        }
        let year_ok = |y: i32| (MIN_YEAR..=MAX_YEAR).contains(&y);
        // Points whose first day is `lo`, coarsest first.
        let mut froms = Vec::with_capacity(3);
        if lo.day() == 1 && year_ok(lo.year()) {
            if lo.month() == Month::January {
                froms.push(DatePoint::Year(lo.year()));
            }
            froms.push(DatePoint::Month(lo.year(), lo.month()));
        }
        froms.push(DatePoint::Day(lo));
        // Points whose last day is `hi`, coarsest first.
        let mut tos = Vec::with_capacity(3);
        if hi == last_day_of_month(hi.year(), hi.month()) && year_ok(hi.year()) {
            if hi.month() == Month::December {
                tos.push(DatePoint::Year(hi.year()));
            }
            tos.push(DatePoint::Month(hi.year(), hi.month()));
        }
        tos.push(DatePoint::Day(hi));
        // One point covering exactly lo..=hi: a whole year or month.
        for p in &froms {
            if p.latest() == hi {
                return Self::point(*p);
            }
        }
        for from in &froms {
            for to in &tos {
                if let Ok(range) = Self::range(*from, *to) {
                    return range;
                }
            }
        }
        // Unreachable: Day(lo)/Day(hi) with lo < hi is always a range.
        Self {
            from: DatePoint::Day(lo),
            to: Some(DatePoint::Day(hi)),
        }
    }

    /// The first day this date could be.
    pub fn earliest(&self) -> Date {
        self.from.earliest()
    }

    /// The last day this date could be.
    pub fn latest(&self) -> Date {
        self.to.unwrap_or(self.from).latest()
    }

    pub fn precision(&self) -> Precision {
        match self.to {
            Some(_) => Precision::Range,
            None => self.from.precision(),
        }
    }

    /// The exact day, when the source gives one.
    pub fn exact(&self) -> Option<Date> {
        match (self.from, self.to) {
            (DatePoint::Day(d), None) => Some(d),
            _ => None,
        }
    }

    pub fn start_point(&self) -> DatePoint {
        self.from
    }

    pub fn end_point(&self) -> Option<DatePoint> {
        self.to
    }

    /// Could this date be `day`? (Is 2019-08-15 within 2019-08? Yes.)
    pub fn contains(&self, day: Date) -> bool {
        self.earliest() <= day && day <= self.latest()
    }

    /// Is every reading of `other` also a reading of `self`?
    pub fn encloses(&self, other: &PartialDate) -> bool {
        self.earliest() <= other.earliest() && other.latest() <= self.latest()
    }

    /// Certainly before `day`: every reading is.
    pub fn certainly_before(&self, day: Date) -> bool {
        self.latest() < day
    }

    /// Possibly before `day`: some reading is.
    pub fn possibly_before(&self, day: Date) -> bool {
        self.earliest() < day
    }

    /// Certainly on or before `day`.
    pub fn certainly_on_or_before(&self, day: Date) -> bool {
        self.latest() <= day
    }

    /// Possibly on or before `day`.
    pub fn possibly_on_or_before(&self, day: Date) -> bool {
        self.earliest() <= day
    }

    /// The length of the window of readings, in days (0 for an exact day).
    pub fn uncertainty_days(&self) -> i64 {
        (self.latest() - self.earliest()).whole_days()
    }

    /// Reads a date as articles write it, against the article's own date
    /// when the text leaves out the year or speaks relatively.
    ///
    /// Understood: `16 October 2019`, `October 16, 2019`, `16 Oct 2019`,
    /// `October 2019`, `2016`, `2011 and 2012`, `between 2011 and 2012`,
    /// `2011-2012`, `2011 to 2012`; with a reference date also `16 October`,
    /// `October 16`, `in September`, `this October`, `this year`,
    /// `last year` — a month or day without a year is read in the
    /// reference's year. A leading `in`, `on` or `since` is ignored.
    pub fn parse_article(text: &str, reference: Option<Date>) -> Result<Self, DateError> {
        article::parse(text, reference)
    }
}

impl Ord for PartialDate {
    /// Chronological by earliest reading; on a tie the wider date first, so
    /// "2019" sorts before "2019-01", which sorts before "2019-01-01".
    fn cmp(&self, other: &Self) -> Ordering {
        self.earliest()
            .cmp(&other.earliest())
            .then_with(|| other.latest().cmp(&self.latest()))
            .then_with(|| self.to_string().cmp(&other.to_string()))
    }
}

/// The order of every timeline and event list: by earliest day; at an equal
/// earliest day the **narrower** date first, so an event dated to the day
/// comes before a month, a year or a range that starts on that day (the
/// opening of a case on 2019-03-01 before "the conviction, March 2019 to
/// June 2020"); then by the date's text, then by `tie` (a record's id), so
/// that equal dates keep one order from page to page.
///
/// It differs from `Ord for PartialDate`, which puts the wider of two dates
/// with the same earliest day first (what the date windows of the status
/// engine and the stores' indexes rely on): a reader of a timeline wants
/// what is known to have happened on a day before what may have happened
/// later.
pub fn timeline_order<K: Ord>(a: (&PartialDate, K), b: (&PartialDate, K)) -> Ordering {
    let (da, db) = (a.0, b.0);
    da.earliest()
        .cmp(&db.earliest())
        .then_with(|| da.latest().cmp(&db.latest()))
        .then_with(|| da.precision().cmp(&db.precision()))
        .then_with(|| da.to_string().cmp(&db.to_string()))
        .then_with(|| a.1.cmp(&b.1))
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to {
            Some(to) => write!(f, "{}/{}", self.from, to),
            None => write!(f, "{}", self.from),
        }
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, DateError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(DateError::Empty);
        }
        match s.split_once('/') {
            Some((a, b)) => {
                let from = DatePoint::parse_iso(a)?;
                let to = DatePoint::parse_iso(b)?;
                PartialDate::range(from, to)
            }
            None => Ok(PartialDate::point(DatePoint::parse_iso(s)?)),
        }
    }
}

serde_as_text!(PartialDate);

/// A day in ISO form, `YYYY-MM-DD`, as query strings and forms send it.
pub fn parse_day(s: &str) -> Result<Date, DateError> {
    match PartialDate::from_str(s)? {
        d if d.precision() == Precision::Day => Ok(d.earliest()),
        _ => Err(DateError::Malformed(s.to_owned())),
    }
}

/// ISO `YYYY-MM-DD` of a day.
pub fn format_day(d: Date) -> String {
    DatePoint::Day(d).to_string()
}

mod article {
    //! The forms of dates found in reports and articles.

    use super::*;

    fn month_name(word: &str) -> Option<Month> {
        let w = word.trim_end_matches('.');
        let m = match w {
            "january" | "jan" => Month::January,
            "february" | "feb" => Month::February,
            "march" | "mar" => Month::March,
            "april" | "apr" => Month::April,
            "may" => Month::May,
            "june" | "jun" => Month::June,
            "july" | "jul" => Month::July,
            "august" | "aug" => Month::August,
            "september" | "sep" | "sept" => Month::September,
            "october" | "oct" => Month::October,
            "november" | "nov" => Month::November,
            "december" | "dec" => Month::December,
            _ => return None,
        };
        Some(m)
    }

    fn year(word: &str) -> Option<i32> {
        if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
            word.parse().ok().filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))
        } else {
            None
        }
    }

    fn day_number(word: &str) -> Option<u8> {
        let w = word
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th");
        if (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()) {
            w.parse().ok().filter(|d| (1..=31).contains(d))
        } else {
            None
        }
    }

    fn day(y: i32, m: Month, d: u8, whole: &str) -> Result<PartialDate, DateError> {
        Date::from_calendar_date(y, m, d)
            .map(PartialDate::day)
            .map_err(|_| DateError::NoSuchDay(whole.to_owned()))
    }

    pub(super) fn parse(text: &str, reference: Option<Date>) -> Result<PartialDate, DateError> {
        let lowered = text.trim().trim_end_matches(['.', ',']).to_lowercase();
        if lowered.is_empty() {
            return Err(DateError::Empty);
        }
        let cleaned = lowered.replace(',', " ");
        let mut words: Vec<&str> = cleaned.split_whitespace().collect();
        if matches!(words.first(), Some(&("in" | "on" | "since" | "from"))) {
            words.remove(0);
        }
        if matches!(words.first(), Some(&"between")) {
            words.remove(0);
        }
        let unrecognised = || DateError::Unrecognised(text.trim().to_owned());
        let ref_year = || {
            reference
                .map(|r| r.year())
                .ok_or_else(|| DateError::NeedsReference(text.trim().to_owned()))
        };

        // A span of two years: "2011 and 2012", "2011-2012", "2011 to 2012".
        if words.len() == 1 {
            if let Some((a, b)) = words[0].split_once('-') {
                if let (Some(a), Some(b)) = (year(a), year(b)) {
                    return PartialDate::range(DatePoint::Year(a), DatePoint::Year(b));
                }
            }
        }
        match words.as_slice() {
            [y] if year(y).is_some() => PartialDate::year(year(y).ok_or_else(unrecognised)?),
            [a, "and" | "to" | "until" | "-" | "–", b] if year(a).is_some() && year(b).is_some() => {
                let (a, b) = (year(a).ok_or_else(unrecognised)?, year(b).ok_or_else(unrecognised)?);
                PartialDate::range(DatePoint::Year(a), DatePoint::Year(b))
            }
            ["this", "year"] => PartialDate::year(ref_year()?),
            ["last", "year"] => PartialDate::year(ref_year()? - 1),
            // "16 October 2019"
            [d, m, y] if day_number(d).is_some() && month_name(m).is_some() && year(y).is_some() => day(
                year(y).ok_or_else(unrecognised)?,
                month_name(m).ok_or_else(unrecognised)?,
                day_number(d).ok_or_else(unrecognised)?,
                text,
            ),
            // "October 16 2019" (the comma was dropped above)
            [m, d, y] if day_number(d).is_some() && month_name(m).is_some() && year(y).is_some() => day(
                year(y).ok_or_else(unrecognised)?,
                month_name(m).ok_or_else(unrecognised)?,
                day_number(d).ok_or_else(unrecognised)?,
                text,
            ),
            // "October 2019"
            [m, y] if month_name(m).is_some() && year(y).is_some() => PartialDate::month(
                year(y).ok_or_else(unrecognised)?,
                month_name(m).ok_or_else(unrecognised)?,
            ),
            // "16 October", "October 16": the reference's year.
            [d, m] | [m, d] if day_number(d).is_some() && month_name(m).is_some() => day(
                ref_year()?,
                month_name(m).ok_or_else(unrecognised)?,
                day_number(d).ok_or_else(unrecognised)?,
                text,
            ),
            // "this October", "October"
            ["this", m] | [m] if month_name(m).is_some() => {
                PartialDate::month(ref_year()?, month_name(m).ok_or_else(unrecognised)?)
            }
            _ => Err(unrecognised()),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn timeline_order_puts_a_precise_day_before_a_range_that_starts_on_it() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        let mut dates = [
            (d("2019-03/2020-06"), "c"),
            (d("2019"), "y"),
            (d("2019-03"), "m"),
            (d("2019-03-01"), "z"),
            (d("2019-03-01"), "a"),
            (d("2018-12-31"), "q"),
        ];
        dates.sort_by(|a, b| timeline_order((&a.0, a.1), (&b.0, b.1)));
        let order: Vec<&str> = dates.iter().map(|x| x.1).collect();
        // 2018-12-31 first; on 2019-01-01 only the year starts; of those
        // starting on 2019-03-01, the days (by id), then the month, then
        // the range.
        assert_eq!(order, ["q", "y", "a", "z", "m", "c"]);
    }

    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    fn pd(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn iso_forms_round_trip() {
        for s in [
            "2019-10-16",
            "2019-08",
            "2016",
            "2011/2012",
            "2018-09/2019-08",
            "2014/2019-10-16",
        ] {
            assert_eq!(pd(s).to_string(), s);
        }
    }

    #[test]
    fn bounds_follow_precision() {
        assert_eq!(pd("2019-08").earliest(), date!(2019 - 08 - 01));
        assert_eq!(pd("2019-08").latest(), date!(2019 - 08 - 31));
        assert_eq!(pd("2016").latest(), date!(2016 - 12 - 31));
        assert_eq!(pd("2020-02").latest(), date!(2020 - 02 - 29));
        assert_eq!(pd("2011/2012").earliest(), date!(2011 - 01 - 01));
        assert_eq!(pd("2011/2012").latest(), date!(2012 - 12 - 31));
        assert_eq!(pd("2019-10-16").exact(), Some(date!(2019 - 10 - 16)));
        assert_eq!(pd("2019-10").exact(), None);
    }

    #[test]
    fn containment() {
        assert!(pd("2019-08").contains(date!(2019 - 08 - 15)));
        assert!(!pd("2019-08").contains(date!(2019 - 09 - 01)));
        assert!(pd("2019").encloses(&pd("2019-08")));
        assert!(!pd("2019-08").encloses(&pd("2019")));
    }

    #[test]
    fn rejects_bad_input() {
        for bad in [
            "",
            "19",
            "2019-13",
            "2019-02-30",
            "2019-1-5",
            "20190101",
            "2012/2011",
            "2019/2019-05",
            "0999",
            "abcd",
            "2019-08-01/",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad} should not parse");
        }
    }

    #[test]
    fn ordering_is_chronological_then_widest_first() {
        let mut v = [pd("2019-03-19"), pd("2019"), pd("2018-09/2019-08"), pd("2019-03")];
        v.sort();
        let s: Vec<String> = v.iter().map(|d| d.to_string()).collect();
        assert_eq!(s, ["2018-09/2019-08", "2019", "2019-03", "2019-03-19"]);
    }

    #[test]
    fn reads_article_forms() {
        let r = Some(date!(2019 - 11 - 01));
        let cases = [
            ("16 October 2019", "2019-10-16"),
            ("October 16, 2019", "2019-10-16"),
            ("November 7, 2019", "2019-11-07"),
            ("October 2019", "2019-10"),
            ("September 2018", "2018-09"),
            ("in September 2018", "2018-09"),
            ("2016", "2016"),
            ("2011 and 2012", "2011/2012"),
            ("between 2011 and 2012", "2011/2012"),
            ("2011-2012", "2011/2012"),
            ("16 October", "2019-10-16"),
            ("on 16 October", "2019-10-16"),
            ("this October", "2019-10"),
            ("in September", "2019-09"),
            ("since 22 February", "2019-02-22"),
            ("last year", "2018"),
            ("this year", "2019"),
        ];
        for (text, want) in cases {
            assert_eq!(
                PartialDate::parse_article(text, r).map(|d| d.to_string()),
                Ok(want.to_owned()),
                "{text}"
            );
        }
    }

    #[test]
    fn article_forms_without_reference_say_so() {
        assert!(matches!(
            PartialDate::parse_article("16 October", None),
            Err(DateError::NeedsReference(_))
        ));
        assert!(matches!(
            PartialDate::parse_article("the other day", None),
            Err(DateError::Unrecognised(_))
        ));
        assert!(matches!(
            PartialDate::parse_article("31 February 2019", None),
            Err(DateError::NoSuchDay(_))
        ));
    }

    fn arb_point() -> impl Strategy<Value = DatePoint> {
        prop_oneof![
            (1900i32..2100).prop_map(DatePoint::Year),
            (1900i32..2100, 1u8..=12).prop_map(|(y, m)| DatePoint::Month(y, Month::try_from(m).unwrap())),
            (1900i32..2100, 1u16..=365).prop_map(|(y, d)| DatePoint::Day(Date::from_ordinal_date(y, d).unwrap())),
        ]
    }

    pub(crate) fn arb_partial_date() -> impl Strategy<Value = PartialDate> {
        prop_oneof![
            arb_point().prop_map(PartialDate::point),
            (arb_point(), arb_point()).prop_filter_map("forward range", |(a, b)| PartialDate::range(a, b).ok()),
        ]
    }

    #[test]
    fn spanning_is_compact_and_exact() {
        let cases = [
            (date!(2019 - 10 - 16), date!(2019 - 10 - 16), "2019-10-16"),
            (date!(2021 - 01 - 01), date!(2021 - 12 - 31), "2021"),
            (date!(2019 - 08 - 01), date!(2019 - 08 - 31), "2019-08"),
            (date!(2025 - 09 - 01), date!(2026 - 08 - 31), "2025-09/2026-08"),
            (date!(2021 - 01 - 01), date!(2022 - 12 - 31), "2021/2022"),
            (date!(2021 - 01 - 01), date!(2021 - 05 - 31), "2021-01/2021-05"),
            (date!(2019 - 06 - 09), date!(2020 - 06 - 08), "2019-06-09/2020-06-08"),
            (date!(2020 - 06 - 08), date!(2019 - 06 - 09), "2019-06-09/2020-06-08"),
        ];
        for (lo, hi, want) in cases {
            assert_eq!(PartialDate::spanning(lo, hi).to_string(), want);
        }
    }

    proptest! {
        #[test]
        fn text_form_round_trips(d in arb_partial_date()) {
            prop_assert_eq!(d.to_string().parse::<PartialDate>(), Ok(d));
        }

        #[test]
        fn bounds_are_ordered_and_contained(d in arb_partial_date()) {
            prop_assert!(d.earliest() <= d.latest());
            prop_assert!(d.contains(d.earliest()));
            prop_assert!(d.contains(d.latest()));
            prop_assert!(d.encloses(&d));
        }

        #[test]
        fn spanning_has_exactly_the_given_bounds(a in 0i32..40_000, len in 0i32..3_000) {
            let lo = Date::from_julian_day(2_415_021 + a).unwrap();
            let hi = Date::from_julian_day(2_415_021 + a + len).unwrap();
            let d = PartialDate::spanning(lo, hi);
            prop_assert_eq!(d.earliest(), lo);
            prop_assert_eq!(d.latest(), hi);
            prop_assert_eq!(d.to_string().parse::<PartialDate>(), Ok(d));
        }

        #[test]
        fn certainly_implies_possibly(d in arb_partial_date(), day in 0i64..80_000) {
            let day = Date::from_julian_day(2_415_021 + day as i32).unwrap();
            if d.certainly_before(day) { prop_assert!(d.possibly_before(day)); }
            if d.certainly_on_or_before(day) { prop_assert!(d.possibly_on_or_before(day)); }
        }

        #[test]
        fn ordering_is_total_and_consistent(a in arb_partial_date(), b in arb_partial_date(), c in arb_partial_date()) {
            prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
            prop_assert_eq!(a.cmp(&b) == Ordering::Equal, a == b);
            if a <= b && b <= c { prop_assert!(a <= c); }
            if a.earliest() < b.earliest() { prop_assert!(a < b); }
        }

        #[test]
        fn day_is_within_its_month_and_year(y in 1900i32..2100, o in 1u16..=365) {
            let day = Date::from_ordinal_date(y, o).unwrap();
            prop_assert!(PartialDate::month(y, day.month()).unwrap().contains(day));
            prop_assert!(PartialDate::year(y).unwrap().contains(day));
            prop_assert!(PartialDate::year(y).unwrap().encloses(&PartialDate::day(day)));
        }

        #[test]
        fn article_parser_never_panics(s in "\\PC{0,40}") {
            let _ = PartialDate::parse_article(&s, Some(time::macros::date!(2019-11-01)));
        }
    }
}
