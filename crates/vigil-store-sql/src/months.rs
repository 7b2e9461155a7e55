//! The country page's chart of those imprisoned and banned on the first
//! of each month (issue 17), kept as changes per month in
//! `country_month_counts` (migration 0020): each status stretch adds one
//! at the first month-start it covers and takes one away at the first
//! month-start after it, for each country its person counts for, each
//! restraint kind the chart shows, and certainty. A month's count is then
//! the sum of the changes up to it, read from a few hundred rows a country
//! however many persons and events it has.
//!
//! The same stretches keep the briefing's counts of those imprisoned and
//! banned on any day (migration 0023, `country_day_counts`): one added on
//! a stretch's first day and taken away on the first day after it, per
//! country and kind, so a day's count is the sum of the changes up to it.
//!
//! And the status list's count of those not at liberty on a day, for each
//! visibility (`status_day_counts`, migration 0018): each stretch adds one
//! on its first day and takes one away on the first day after it, in all
//! (kind '') and for each restraint kind it has. Triggers kept it until
//! migration 0024; counted here, a bulk load adds up a batch's stretches
//! in memory and writes a few thousand rows, where a trigger ran for each
//! of half a million stretches (a third of the load's time).
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

/// One row of `country_day_counts`: visibility, country key, kind,
/// whether it sums a year (its changes kept again on the year's first
/// day, so that a day's count reads the years before it and the days of
/// its own year, not every day before it), and the day.
pub type DayKey = (bool, String, &'static str, bool, Date);

/// One row of `status_day_counts`: visibility, kind ('' for all) and day.
pub type StatusDayKey = (bool, &'static str, Date);

/// The first day of the year of `day`.
pub fn year_start(day: Date) -> Date {
    Date::from_calendar_date(day.year(), time::Month::January, 1).unwrap_or(day)
}

/// The changes stretches make to the month counts and the day counts.
#[derive(Debug, Default)]
pub struct Changes {
    /// The country keys met, each once, by number: a bulk load adds up
    /// millions of rows over a few dozen keys (a country's hash is 64
    /// characters), and keyed by number adding a row allocates nothing.
    numbers: HashMap<String, u32>,
    months: HashMap<Numbered, i64>,
    days: HashMap<Numbered, i64>,
    pub status_days: HashMap<StatusDayKey, i64>,
}

/// A [`MonthKey`] or [`DayKey`] with its country by number.
type Numbered = (bool, u32, &'static str, bool, Date);

impl Changes {
    fn number(&mut self, country: &str) -> u32 {
        if let Some(n) = self.numbers.get(country) {
            return *n;
        }
        let n = u32::try_from(self.numbers.len()).unwrap_or(u32::MAX);
        self.numbers.insert(country.to_owned(), n);
        n
    }

    fn named(&self, changes: &HashMap<Numbered, i64>) -> HashMap<(bool, String, &'static str, bool, Date), i64> {
        let mut names = vec![""; self.numbers.len()];
        for (name, n) in &self.numbers {
            if let Some(slot) = names.get_mut(*n as usize) {
                *slot = name;
            }
        }
        changes
            .iter()
            .map(|((public, n, kind, flag, day), delta)| {
                let country = names.get(*n as usize).copied().unwrap_or_default().to_owned();
                ((*public, country, *kind, *flag, *day), *delta)
            })
            .collect()
    }

    /// The changes to `country_month_counts`.
    pub fn months(&self) -> HashMap<MonthKey, i64> {
        self.named(&self.months)
    }

    /// The changes to `country_day_counts`.
    pub fn days(&self) -> HashMap<DayKey, i64> {
        self.named(&self.days)
    }
}

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

/// What one stretch row adds to the month and day counts (`sign` 1), or
/// takes away when it is removed (`sign` -1), into `out`.
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

pub fn add(row: &Row<'_>, sign: i64, out: &mut Changes) {
    add_days(row, sign, out);
    add_status_days(row, sign, &mut out.status_days);
    let start = month_on_or_after(row.from);
    let end = row.to.map(month_on_or_after);
    if end == Some(start) {
        // Over before the next month began: on no first of a month.
        return;
    }
    for country in row.countries.split_whitespace() {
        let country = out.number(country);
        for kind in CHART_KINDS {
            let k = kind.as_str();
            for (certain, list) in [(false, row.kinds), (true, row.certain_kinds)] {
                if !has(list, k) {
                    continue;
                }
                *out.months.entry((row.public, country, k, certain, start)).or_default() += sign;
                if let Some(end) = end {
                    *out.months.entry((row.public, country, k, certain, end)).or_default() -= sign;
                }
            }
        }
    }
}

/// What one stretch row adds to the status list's day counts: in all,
/// and for each kind it has, whatever its countries.
fn add_status_days(row: &Row<'_>, sign: i64, out: &mut HashMap<StatusDayKey, i64>) {
    let kinds = RestraintKind::ALL
        .iter()
        .map(|k| k.as_str())
        .filter(|k| has(row.kinds, k));
    for kind in std::iter::once("").chain(kinds) {
        *out.entry((row.public, kind, row.from)).or_default() += sign;
        if let Some(end) = row.to {
            *out.entry((row.public, kind, end)).or_default() -= sign;
        }
    }
}

/// Whether `list` (as the `kinds` columns keep them, space-surrounded)
/// has `kind`; without building " kind " for each of a million rows.
fn has(list: &str, kind: &str) -> bool {
    list.split_ascii_whitespace().any(|k| k == kind)
}

/// What one stretch row adds to the day counts alone.
fn add_days(row: &Row<'_>, sign: i64, changes: &mut Changes) {
    if row.to == Some(row.from) {
        return;
    }
    for country in row.countries.split_whitespace() {
        let country = changes.number(country);
        let out = &mut changes.days;
        for kind in CHART_KINDS {
            let k = kind.as_str();
            if !has(row.kinds, k) {
                continue;
            }
            for year in [false, true] {
                let on = |d: Date| if year { year_start(d) } else { d };
                *out.entry((row.public, country, k, year, on(row.from))).or_default() += sign;
                if let Some(end) = row.to {
                    *out.entry((row.public, country, k, year, on(end))).or_default() -= sign;
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
        let mut out = Changes::default();
        let row = Row {
            public: true,
            countries: "KZ BY",
            kinds: " imprisonment fine ",
            certain_kinds: " fine ",
            from: day(2019, Month::March, 5),
            to: Some(day(2019, Month::June, 1)),
        };
        add(&row, 1, &mut out);
        assert_eq!(out.months().len(), 4, "two countries, a start and an end: {out:?}");
        assert_eq!(
            out.months()[&(true, "KZ".into(), "imprisonment", false, day(2019, Month::April, 1))],
            1
        );
        assert_eq!(
            out.months()[&(true, "BY".into(), "imprisonment", false, day(2019, Month::June, 1))],
            -1
        );
        // On the days themselves: from its first day to the first after.
        // (and summed by year: nothing left within one year).
        let changed = |days: &HashMap<DayKey, i64>| days.values().filter(|d| **d != 0).count();
        assert_eq!(changed(&out.days()), 4, "two countries, a start and an end: {out:?}");
        assert_eq!(
            out.days()[&(true, "KZ".into(), "imprisonment", false, day(2019, Month::March, 5))],
            1
        );
        assert_eq!(
            out.days()[&(true, "BY".into(), "imprisonment", false, day(2019, Month::June, 1))],
            -1
        );
        assert_eq!(
            out.days()[&(true, "BY".into(), "imprisonment", true, day(2019, Month::January, 1))],
            0
        );
        add(&row, -1, &mut out);
        assert!(
            out.months().values().chain(out.days().values()).all(|d| *d == 0),
            "removed, nothing is left"
        );
        let within = Row {
            from: day(2019, Month::March, 5),
            to: Some(day(2019, Month::March, 20)),
            ..row
        };
        let mut none = Changes::default();
        add(&within, 1, &mut none);
        assert!(none.months().is_empty());
        assert_eq!(changed(&none.days()), 4, "on the days it covers: {none:?}");
        let across = Row {
            from: day(2019, Month::December, 30),
            to: Some(day(2020, Month::January, 2)),
            ..row
        };
        let mut years = Changes::default();
        add(&across, 1, &mut years);
        assert_eq!(
            years.days()[&(true, "KZ".into(), "imprisonment", true, day(2019, Month::January, 1))],
            1
        );
        assert_eq!(
            years.days()[&(true, "KZ".into(), "imprisonment", true, day(2020, Month::January, 1))],
            -1
        );
    }

    #[test]
    fn a_stretch_counts_in_the_status_list_on_its_first_day_for_all_and_each_kind_whatever_its_countries() {
        let row = Row {
            public: false,
            countries: "",
            kinds: " imprisonment fine ",
            certain_kinds: " fine ",
            from: day(2019, Month::March, 5),
            to: Some(day(2019, Month::June, 1)),
        };
        let mut out = Changes::default();
        add(&row, 1, &mut out);
        assert!(out.months().is_empty() && out.days().is_empty(), "no country: {out:?}");
        for kind in ["", "imprisonment", "fine"] {
            assert_eq!(out.status_days[&(false, kind, day(2019, Month::March, 5))], 1, "{kind}");
            assert_eq!(out.status_days[&(false, kind, day(2019, Month::June, 1))], -1, "{kind}");
        }
        assert_eq!(out.status_days.len(), 6, "not for kinds it lacks: {out:?}");
        // A kind whose name another's contains is not taken for it.
        let open = Row {
            kinds: " activity_ban ",
            to: None,
            ..row
        };
        add(&open, 1, &mut out);
        assert_eq!(out.status_days[&(false, "", day(2019, Month::March, 5))], 2);
        assert_eq!(out.status_days[&(false, "activity_ban", day(2019, Month::March, 5))], 1);
        assert_eq!(out.status_days.len(), 7, "an open stretch has no end: {out:?}");
        add(&row, -1, &mut out);
        add(&open, -1, &mut out);
        assert!(out.status_days.values().all(|d| *d == 0), "removed, nothing is left");
    }
}
