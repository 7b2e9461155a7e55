//! Step 3: dates, read against the article's date, and the numbers that
//! dates and counts are written with.

use super::*;

/// The latest year the text names, as the stand-in reference date.
pub(super) fn infer_reference(text: &str) -> Option<Date> {
    let mut best: Option<i32> = None;
    for w in text.split(|c: char| !c.is_ascii_digit()) {
        if w.len() == 4 {
            if let Ok(y) = w.parse::<i32>() {
                if (1900..=2100).contains(&y) && best.is_none_or(|b| y > b) {
                    best = Some(y);
                }
            }
        }
    }
    Date::from_calendar_date(best?, time::Month::January, 1).ok()
}

pub(super) fn number_value(word: &str) -> Option<u32> {
    if word.chars().all(|c| c.is_ascii_digit()) && !word.is_empty() && word.len() <= 7 {
        return word.parse().ok();
    }
    NUMBER_WORDS.iter().find(|(n, _)| same_word(word, n)).map(|(_, v)| *v)
}

fn is_year(t: &Token<'_>) -> bool {
    t.text.len() == 4
        && t.text.chars().all(|c| c.is_ascii_digit())
        && (1900..=2100).contains(&t.text.parse::<i32>().unwrap_or(0))
}

fn is_day(t: &Token<'_>) -> bool {
    let d = t.text.trim_end_matches(|c: char| c.is_alphabetic());
    !d.is_empty()
        && d.len() <= 2
        && d.chars().all(|c| c.is_ascii_digit())
        && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
}

fn is_month(t: &Token<'_>) -> bool {
    t.is_word() && lower_in(t.text, MONTHS) && t.text.len() >= 3
}

pub(super) fn find_dates(doc: &mut Doc<'_>, si: usize, covered: &mut [bool]) {
    let reference = doc.reference;
    let article = doc.article_date;
    let text = doc.text;
    let s = &mut doc.sents[si];
    let toks = &s.tokens;
    let n = toks.len();
    let lower = &s.lower;
    let word = |i: usize| lower.get(i).map(|w| w.as_ref()).unwrap_or("");
    let mut t = 0;
    while t < n {
        let mut found: Option<(usize, usize, PartialDate)> = None;
        let tok = toks[t];
        let span = |a: usize, b: usize| &text[toks[a].start..toks[b - 1].end];
        let parse = |a: usize, b: usize| {
            let phrase: String = toks[a..b].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            PartialDate::parse_article(&phrase, reference).ok()
        };
        // "May" is a month before a day or a year, or capitalised after
        // "in", "since", "until", "by", "last", "this" (else the verb).
        let may_month = toks.get(t + 1).is_some_and(|x| is_day(x) || is_year(x))
            || (tok.is_capitalised()
                && t > 0
                && matches!(
                    word(t - 1),
                    "in" | "since" | "until" | "by" | "last" | "this" | "early" | "late" | "mid"
                ));
        if is_month(&tok) && (word(t) != "may" || may_month) {
            // Month Day, Year | Month Day | Month Year | (in/this) Month
            if toks.get(t + 1).is_some_and(is_day) {
                let comma = toks.get(t + 2).is_some_and(|x| x.text == ",");
                let y = if comma { t + 3 } else { t + 2 };
                if toks.get(y).is_some_and(is_year) {
                    found = parse(t, t + 2)
                        .and(Some(()))
                        .and_then(|_| {
                            PartialDate::parse_article(
                                &format!("{} {} {}", toks[t].text, toks[t + 1].text, toks[y].text),
                                reference,
                            )
                            .ok()
                        })
                        .map(|d| (t, y + 1, d));
                } else {
                    found = parse(t, t + 2).map(|d| (t, t + 2, d));
                }
            } else if toks.get(t + 1).is_some_and(is_year) {
                found = parse(t, t + 2).map(|d| (t, t + 2, d));
            } else {
                let prev = if t > 0 { word(t - 1) } else { "" };
                if matches!(
                    prev,
                    "in" | "this" | "since" | "during" | "until" | "by" | "last" | "early" | "late" | "mid"
                ) {
                    let from = if prev == "this" { t - 1 } else { t };
                    found = parse(from, t + 1).map(|d| (from, t + 1, d));
                    if prev == "last" {
                        // "last October": the one before the reference.
                        found = reference.and_then(|r| {
                            let m = time::Month::try_from(parse(t, t + 1)?.earliest().month() as u8).ok()?;
                            let year = if (m as u8) < (r.month() as u8) {
                                r.year()
                            } else {
                                r.year() - 1
                            };
                            PartialDate::month(year, m).ok().map(|d| (t - 1, t + 1, d))
                        });
                    }
                }
            }
        } else if is_day(&tok) && toks.get(t + 1).is_some_and(is_month) {
            if toks.get(t + 2).is_some_and(is_year) {
                found = parse(t, t + 3).map(|d| (t, t + 3, d));
            } else {
                found = parse(t, t + 2).map(|d| (t, t + 2, d));
            }
        } else if is_year(&tok) {
            let prev = if t > 0 { toks[t - 1].text } else { "" };
            if prev != "$" && toks.get(t + 1).is_none_or(|x| x.text != "%") {
                // "2011 and 2012", "2011-2012"
                if matches!(word(t + 1), "and" | "to" | "-" | "–") && toks.get(t + 2).is_some_and(is_year) {
                    found = parse(t, t + 3).map(|d| (t, t + 3, d));
                }
                if found.is_none() {
                    found = parse(t, t + 1).map(|d| (t, t + 1, d));
                }
            }
        } else if tok.is_word() && matches!(word(t), "this" | "last") && word(t + 1) == "year" {
            found = parse(t, t + 2).map(|d| (t, t + 2, d));
        } else if tok.is_word()
            && lower_in(tok.text, WEEKDAYS)
            && !toks
                .get(t + 1)
                .is_some_and(|x| x.text == "," || is_month(x) || is_day(x))
        {
            // "on Wednesday", "Tuesday evening": the last such day up to the
            // article's; without the article's day, no date at all.
            found = article
                .and_then(|d| d.exact())
                .and_then(|d| weekday_on_or_before(d, word(t)))
                .map(|d| (t, t + 1, PartialDate::day(d)));
        } else if tok.is_word() && word(t) == "today" {
            found = article.map(|d| (t, t + 1, d));
        } else if tok.is_word() && word(t) == "yesterday" {
            found = article
                .and_then(|d| d.exact())
                .and_then(|d| d.previous_day())
                .map(|d| (t, t + 1, PartialDate::day(d)));
        }
        match found {
            Some((a, b, date)) if !covered[a..b].iter().any(|c| *c) => {
                let _ = span(a, b);
                for c in covered.iter_mut().take(b).skip(a) {
                    *c = true;
                }
                s.dates.push(DateMention {
                    t0: a,
                    t1: b,
                    start: toks[a].start,
                    end: toks[b - 1].end,
                    date,
                });
                t = b;
            }
            _ => t += 1,
        }
    }
}

/// The last `weekday` (a lowercase English name) on or before `day`.
fn weekday_on_or_before(day: Date, weekday: &str) -> Option<Date> {
    let target = WEEKDAYS.iter().position(|w| *w == weekday)? as u8;
    let today = day.weekday().number_days_from_monday();
    let back = (today + 7 - target) % 7;
    day.checked_sub(time::Duration::days(i64::from(back)))
}

/// Is `words` (a date as written) relative to the article's date, or
/// given with its year? Either way its year is not to be moved.
fn year_fixed(words: &str) -> bool {
    let lower = words.to_lowercase();
    let year = lower
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4 && w.parse::<i32>().is_ok_and(|y| (1900..=2100).contains(&y)));
    year || RELATIVE.iter().any(|w| lower.contains(w)) || WEEKDAYS.iter().any(|w| lower.contains(w))
}

const RELATIVE: &[&str] = &[
    "today",
    "yesterday",
    "this",
    "last",
    "next",
    "сегодня",
    "вчера",
    "прошл",
    "этом",
    "этого",
    "текущ",
];

/// Days and months written without a year were given the year of the
/// reference; those that would then fall after the text was written —
/// after the article's date, or the latest date the text gives in full
/// (an update) — are last year's: a report tells what has happened
/// ("in October", in an article of January).
pub(super) fn roll_back_years(doc: &mut Doc<'_>) {
    let Some(article) = doc.article_date else {
        return;
    };
    let text = doc.text;
    let mut written = article.latest();
    for s in &doc.sents {
        for d in &s.dates {
            if year_fixed(&text[d.start..d.end]) && d.date.exact().is_some() && d.date.latest() > written {
                written = d.date.latest();
            }
        }
    }
    for s in &mut doc.sents {
        for d in &mut s.dates {
            if !year_fixed(&text[d.start..d.end]) {
                if let Some(earlier) = year_before_if_after(d.date, written) {
                    d.date = earlier;
                }
            }
        }
    }
}

/// `date` a year earlier, when it falls more than a week after `written`.
fn year_before_if_after(date: PartialDate, written: Date) -> Option<PartialDate> {
    let late = written.checked_add(time::Duration::days(7))?;
    if date.earliest() <= late {
        return None;
    }
    if let Some(d) = date.exact() {
        return d.replace_year(d.year() - 1).ok().map(PartialDate::day);
    }
    let (from, to) = (date.earliest(), date.latest());
    if from.year() == to.year() && from.month() == to.month() {
        return PartialDate::month(from.year() - 1, from.month()).ok();
    }
    None
}

/// How a date written as `words` was read: given in full, or a year (or a
/// day) taken from elsewhere.
pub(crate) fn basis(words: &str, article_given: bool) -> crate::proposal::DateBasis {
    use crate::proposal::DateBasis;
    let lower = words.to_lowercase();
    let relative = RELATIVE.iter().any(|w| lower.contains(w)) || WEEKDAYS.iter().any(|w| lower.contains(w));
    let year = lower
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4 && w.parse::<i32>().is_ok_and(|y| (1900..=2100).contains(&y)));
    if relative {
        DateBasis::Relative
    } else if year {
        DateBasis::Stated
    } else if article_given {
        DateBasis::PublicationYear
    } else {
        DateBasis::TextYear
    }
}
