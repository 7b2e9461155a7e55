//! Lengths of sentences and bans, in calendar units.
//!
//! A court sentences to "seven years" or "five months and eight days", not to
//! a number of seconds: a [`Duration`] keeps years, months, weeks and days
//! apart and adds them to a date the way the calendar does (years, then
//! months, clamping to the end of a shorter month, then days). The text form
//! is ISO 8601: `P7Y`, `P5M8D`, `P2Y6M`, `P3W`.

use std::fmt;
use std::str::FromStr;

use time::{Date, Month};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Duration {
    pub years: u16,
    pub months: u16,
    pub weeks: u16,
    pub days: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    #[error("'{0}' is not an ISO 8601 duration such as P7Y or P5M8D")]
    Malformed(String),
    #[error("'{0}' has hours, minutes or seconds; terms are counted in days")]
    TimeOfDay(String),
    #[error("'{0}' is too long a term")]
    TooLong(String),
    #[error("'{0}' is not a length of time Vigil understands")]
    Unrecognised(String),
}

impl Duration {
    pub const fn new(years: u16, months: u16, weeks: u16, days: u16) -> Self {
        Self {
            years,
            months,
            weeks,
            days,
        }
    }

    pub const fn years(y: u16) -> Self {
        Self::new(y, 0, 0, 0)
    }

    pub fn is_zero(&self) -> bool {
        *self == Self::default()
    }

    /// The day a term of this length that starts on `start` is complete.
    ///
    /// Convention: the term runs on `[start, end)`: `end` is the first day at
    /// liberty. 2019-10-16 + P5M8D = 2020-03-24, so the last day served is
    /// 2020-03-23. Years and months are added first (31 August + P1M is 30
    /// September; 29 February + P1Y is 28 February), then weeks and days.
    /// Saturates at the last representable day rather than overflowing.
    pub fn after(&self, start: Date) -> Date {
        let total_months = start.month() as i64 - 1 + 12 * self.years as i64 + self.months as i64;
        let year = start.year() as i64 + total_months.div_euclid(12);
        let month_index = total_months.rem_euclid(12) as u8 + 1;
        let Ok(year) = i32::try_from(year) else {
            return Date::MAX;
        };
        let Ok(month) = Month::try_from(month_index) else {
            return Date::MAX;
        };
        let day = start.day().min(time::util::days_in_month(month, year));
        let Ok(base) = Date::from_calendar_date(year, month, day) else {
            return Date::MAX;
        };
        let extra = time::Duration::days(7 * self.weeks as i64 + self.days as i64);
        base.checked_add(extra).unwrap_or(Date::MAX)
    }

    /// Reads a length as articles write it: "seven years", "five months and
    /// eight days", "2 years and 6 months", "18 months", "a year".
    pub fn parse_article(text: &str) -> Result<Self, DurationError> {
        let unrecognised = || DurationError::Unrecognised(text.trim().to_owned());
        let lowered = text.trim().to_lowercase().replace([',', '-'], " ");
        let words: Vec<&str> = lowered
            .split_whitespace()
            .filter(|w| !matches!(*w, "and" | "of"))
            .collect();
        if words.is_empty() || !words.len().is_multiple_of(2) {
            return Err(unrecognised());
        }
        let mut d = Duration::default();
        let mut seen_unit = false;
        for pair in words.chunks(2) {
            let n = number_word(pair[0]).ok_or_else(unrecognised)?;
            let slot = match pair[1].trim_end_matches('s') {
                "year" => &mut d.years,
                "month" => &mut d.months,
                "week" => &mut d.weeks,
                "day" => &mut d.days,
                _ => return Err(unrecognised()),
            };
            *slot = slot
                .checked_add(n)
                .ok_or_else(|| DurationError::TooLong(text.to_owned()))?;
            seen_unit = true;
        }
        if !seen_unit {
            return Err(unrecognised());
        }
        Ok(d)
    }
}

fn number_word(w: &str) -> Option<u16> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if matches!(w, "a" | "an") {
        return Some(1);
    }
    if let Some(n) = WORDS.iter().position(|x| *x == w) {
        return u16::try_from(n).ok();
    }
    if (1..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()) {
        return w.parse().ok();
    }
    None
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return f.write_str("P0D");
        }
        f.write_str("P")?;
        for (n, unit) in [
            (self.years, 'Y'),
            (self.months, 'M'),
            (self.weeks, 'W'),
            (self.days, 'D'),
        ] {
            if n > 0 {
                write!(f, "{n}{unit}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for Duration {
    type Err = DurationError;

    fn from_str(s: &str) -> Result<Self, DurationError> {
        let malformed = || DurationError::Malformed(s.to_owned());
        let body = s.strip_prefix('P').ok_or_else(malformed)?;
        if body.contains('T') {
            return Err(DurationError::TimeOfDay(s.to_owned()));
        }
        if body.is_empty() {
            return Err(malformed());
        }
        let mut d = Duration::default();
        let mut digits = String::new();
        // Units must appear in order Y, M, W, D, each at most once.
        let mut last_rank = 0;
        for c in body.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
                continue;
            }
            let (rank, slot) = match c {
                'Y' => (1, &mut d.years),
                'M' => (2, &mut d.months),
                'W' => (3, &mut d.weeks),
                'D' => (4, &mut d.days),
                _ => return Err(malformed()),
            };
            if rank <= last_rank || digits.is_empty() {
                return Err(malformed());
            }
            last_rank = rank;
            *slot = digits.parse().map_err(|_| DurationError::TooLong(s.to_owned()))?;
            digits.clear();
        }
        if !digits.is_empty() {
            return Err(malformed());
        }
        Ok(d)
    }
}

serde_as_text!(Duration);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn iso_round_trip() {
        for s in ["P7Y", "P5M8D", "P2Y6M", "P3W", "P1Y2M3W4D", "P0D"] {
            assert_eq!(s.parse::<Duration>().unwrap().to_string(), s);
        }
        assert_eq!("P5M8D".parse::<Duration>(), Ok(Duration::new(0, 5, 0, 8)));
    }

    #[test]
    fn rejects_bad_input() {
        for bad in [
            "", "P", "7Y", "P7", "PY", "P8D5M", "P1Y1Y", "PT5H", "P1.5Y", "P-1Y", "P99999Y", "p7y",
        ] {
            assert!(bad.parse::<Duration>().is_err(), "{bad}");
        }
    }

    #[test]
    fn adds_like_the_calendar() {
        let d: Duration = "P5M8D".parse().unwrap();
        assert_eq!(d.after(date!(2019 - 10 - 16)), date!(2020 - 03 - 24));
        assert_eq!(Duration::years(5).after(date!(2016 - 01 - 01)), date!(2021 - 01 - 01));
        assert_eq!(
            Duration::new(0, 1, 0, 0).after(date!(2019 - 08 - 31)),
            date!(2019 - 09 - 30)
        );
        assert_eq!(Duration::years(1).after(date!(2020 - 02 - 29)), date!(2021 - 02 - 28));
        assert_eq!(
            Duration::new(0, 0, 2, 1).after(date!(2019 - 12 - 25)),
            date!(2020 - 01 - 09)
        );
    }

    #[test]
    fn reads_article_forms() {
        let cases = [
            ("seven years", "P7Y"),
            ("five months and eight days", "P5M8D"),
            ("five years", "P5Y"),
            ("2 years and 6 months", "P2Y6M"),
            ("18 months", "P18M"),
            ("a year", "P1Y"),
            ("one year, two months", "P1Y2M"),
        ];
        for (text, want) in cases {
            assert_eq!(
                Duration::parse_article(text).map(|d| d.to_string()),
                Ok(want.to_owned()),
                "{text}"
            );
        }
        for bad in ["", "years", "seven", "seven fortnights", "many years"] {
            assert!(Duration::parse_article(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn text_form_round_trips(y in 0u16..100, m in 0u16..100, w in 0u16..100, d in 0u16..1000) {
            let dur = Duration::new(y, m, w, d);
            prop_assert_eq!(dur.to_string().parse::<Duration>(), Ok(dur));
        }

        #[test]
        fn adding_never_goes_backwards(y in 0u16..50, m in 0u16..50, d in 0u16..400, o in 1u16..=365, yr in 1950i32..2050) {
            let start = Date::from_ordinal_date(yr, o).unwrap();
            let dur = Duration::new(y, m, 0, d);
            let end = dur.after(start);
            prop_assert!(end >= start);
            if !dur.is_zero() { prop_assert!(end > start); }
        }

        #[test]
        fn longer_terms_end_no_earlier(y in 0u16..20, m in 0u16..30, d in 0u16..100, extra in 1u16..100, o in 1u16..=365) {
            let start = Date::from_ordinal_date(2000, o).unwrap();
            let short = Duration::new(y, m, 0, d);
            let long = Duration::new(y, m, 0, d + extra);
            prop_assert!(long.after(start) > short.after(start));
        }
    }
}
