//! The country page's chart of those imprisoned and banned on the first
//! of each month (issue 17), kept as changes per month in
//! `country_month_counts` (migration 0020): each status stretch adds one
//! at the first month-start it covers and takes one away at the first
//! month-start after it, for each country its person counts for, each
//! restraint kind the chart shows, and certainty. A month's count is then
//! the sum of the changes up to it, read from a few hundred rows a country
//! however many persons and events it has.
//!
//! Plain Rust: the shared writes (`write.rs`) call it as they recompute a
//! person's stretches, and the key rotation (`rekey.rs`) as it re-keys the
//! sealed countries.

use std::collections::HashMap;

use vigil_core::{Certainty, Date, RestraintKind, Stretch};

/// The restraint kinds the chart counts.
pub const CHART_KINDS: [RestraintKind; 2] = [RestraintKind::Imprisonment, RestraintKind::ActivityBan];

/// One row of `country_month_counts`: visibility, country key (a code for
/// the public, its keyed hash for those with the right), kind, whether
/// only certain restraints count, and the month.
pub type MonthKey = (bool, String, &'static str, bool, Date);

/// The first day of a month on or after `day`: the first month-start a
/// stretch beginning on `day` covers.
pub fn month_on_or_after(day: Date) -> Date {
    if day.day() == 1 {
        return day;
    }
    let (year, month) = match day.month() {
        time::Month::December => (day.year() + 1, time::Month::January),
        m => (day.year(), m.next()),
    };
    Date::from_calendar_date(year, month, 1).unwrap_or(day)
}

/// The kinds of a stretch's restraints, and those certain, as the
/// `kinds` and `certain_kinds` columns keep them (space-separated and
/// -surrounded).
pub fn kinds_text(stretch: &Stretch) -> (String, String) {
    let all: Vec<&str> = stretch.restraints.iter().map(|r| r.kind.as_str()).collect();
    let certain: Vec<&str> = stretch
        .restraints
        .iter()
        .filter(|r| r.certainty == Certainty::Certain)
        .map(|r| r.kind.as_str())
        .collect();
    (format!(" {} ", all.join(" ")), format!(" {} ", certain.join(" ")))
}

/// What one stretch row adds to the month counts (`sign` 1), or takes
/// away when it is removed (`sign` -1), into `out`.
pub struct Row<'a> {
    pub public: bool,
    /// The country keys, space-separated.
    pub countries: &'a str,
    pub kinds: &'a str,
    pub certain_kinds: &'a str,
    pub from: Date,
    /// The first day after it; `None`: open.
    pub to: Option<Date>,
}

pub fn add(row: &Row<'_>, sign: i64, out: &mut HashMap<MonthKey, i64>) {
    let start = month_on_or_after(row.from);
    let end = row.to.map(month_on_or_after);
    if end == Some(start) {
        // Over before the next month began: on no first of a month.
        return;
    }
    for country in row.countries.split_whitespace() {
        for kind in CHART_KINDS {
            let k = kind.as_str();
            let tagged = format!(" {k} ");
            for (certain, list) in [(false, row.kinds), (true, row.certain_kinds)] {
                if !list.contains(&tagged) {
                    continue;
                }
                *out.entry((row.public, country.to_owned(), k, certain, start))
                    .or_default() += sign;
                if let Some(end) = end {
                    *out.entry((row.public, country.to_owned(), k, certain, end))
                        .or_default() -= sign;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Month;

    fn day(y: i32, m: Month, d: u8) -> Date {
        Date::from_calendar_date(y, m, d).expect("a day")
    }

    #[test]
    fn a_stretch_counts_on_each_first_of_a_month_it_covers() {
        assert_eq!(
            month_on_or_after(day(2019, Month::March, 1)),
            day(2019, Month::March, 1)
        );
        assert_eq!(
            month_on_or_after(day(2019, Month::March, 2)),
            day(2019, Month::April, 1)
        );
        assert_eq!(
            month_on_or_after(day(2019, Month::December, 31)),
            day(2020, Month::January, 1)
        );
        let mut out = HashMap::new();
        let row = Row {
            public: true,
            countries: "KZ BY",
            kinds: " imprisonment fine ",
            certain_kinds: " fine ",
            from: day(2019, Month::March, 5),
            to: Some(day(2019, Month::June, 1)),
        };
        add(&row, 1, &mut out);
        assert_eq!(out.len(), 4, "two countries, a start and an end: {out:?}");
        assert_eq!(
            out[&(true, "KZ".into(), "imprisonment", false, day(2019, Month::April, 1))],
            1
        );
        assert_eq!(
            out[&(true, "BY".into(), "imprisonment", false, day(2019, Month::June, 1))],
            -1
        );
        add(&row, -1, &mut out);
        assert!(out.values().all(|d| *d == 0), "removed, nothing is left");
        let within = Row {
            from: day(2019, Month::March, 5),
            to: Some(day(2019, Month::March, 20)),
            ..row
        };
        let mut none = HashMap::new();
        add(&within, 1, &mut none);
        assert!(none.is_empty());
    }
}
