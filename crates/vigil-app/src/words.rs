//! Dates and terms in words, as every view (pages, briefings, e-mails)
//! writes them.

use vigil_core::{Date, DatePoint, Duration, PartialDate, Restraint};

use crate::i18n::{Arg, Lang};

/// "16 October 2019", "16 октября 2019 г.", "2019 жылғы 16 қазан".
pub fn day_in(lang: Lang, d: Date) -> String {
    let month = lang.tr(&format!("month-of-{}", u8::from(d.month())));
    let year = d.year().to_string();
    lang.tr_with(
        "date-day",
        &[
            ("day", Arg::Number(u64::from(d.day()))),
            ("month", Arg::Text(&month)),
            ("year", Arg::Text(&year)),
        ],
    )
}

fn point_in(lang: Lang, p: DatePoint) -> String {
    match p {
        DatePoint::Year(y) => lang.tr_with("date-year", &[("year", Arg::Text(&y.to_string()))]),
        DatePoint::Month(y, m) => {
            let month = lang.tr(&format!("month-{}", u8::from(m)));
            lang.tr_with(
                "date-month",
                &[("month", Arg::Text(&month)), ("year", Arg::Text(&y.to_string()))],
            )
        }
        DatePoint::Day(d) => day_in(lang, d),
    }
}

/// A date as precise as it is known, in `lang`: "16 October 2019",
/// "August 2019", "2016", "September 2018 – August 2019".
pub fn date_in(lang: Lang, d: &PartialDate) -> String {
    match d.end_point() {
        None => point_in(lang, d.start_point()),
        Some(end) => format!("{} – {}", point_in(lang, d.start_point()), point_in(lang, end)),
    }
}

/// "16 October 2019".
pub fn day(d: Date) -> String {
    day_in(Lang::En, d)
}

/// "16 October 2019", "August 2019", "2016", "September 2018 – August 2019".
pub fn date(d: &PartialDate) -> String {
    date_in(Lang::En, d)
}

/// When a restraint ends, in `lang`: "free from 24 March 2020", "free
/// between … and …", "end not known".
pub fn end_text_in(lang: Lang, r: &Restraint) -> String {
    match &r.expected_end {
        Some(end) => match end.exact() {
            Some(d) => lang.tr_with("end-free-from", &[("day", Arg::Text(&day_in(lang, d)))]),
            None => lang.tr_with(
                "end-free-between",
                &[
                    ("from", Arg::Text(&day_in(lang, end.earliest()))),
                    ("to", Arg::Text(&day_in(lang, end.latest()))),
                ],
            ),
        },
        None => lang.tr("end-unknown"),
    }
}

/// When a restraint ends, in English.
pub fn end_text(r: &Restraint) -> String {
    end_text_in(Lang::En, r)
}

/// A country's name in `lang` from its ISO 3166-1 code ("KZ": "Kazakhstan",
/// "Казахстан", "Қазақстан"); a code no catalogue names stays as it is.
pub fn country_in(lang: Lang, code: &str) -> String {
    let key = format!("country-{}", code.trim().to_ascii_lowercase());
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
        if let Some(name) = lang.try_tr(&key) {
            return name;
        }
    }
    code.to_owned()
}

/// A length of time in words: "7 years", "5 months and 8 days", "7 лет",
/// "5 месяцев и 8 дней", "7 жыл".
pub fn duration_in(lang: Lang, d: &Duration) -> String {
    let mut parts: Vec<String> = [
        ("duration-years", d.years),
        ("duration-months", d.months),
        ("duration-weeks", d.weeks),
        ("duration-days", d.days),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(key, n)| lang.tr_with(key, &[("count", Arg::Number(u64::from(n)))]))
    .collect();
    match parts.len() {
        0 => lang.tr_with("duration-days", &[("count", Arg::Number(0))]),
        1 => parts.remove(0),
        _ => {
            let last = parts.pop().unwrap_or_default();
            let rest = parts.join(", ");
            lang.tr_with(
                "duration-and",
                &[("rest", Arg::Text(&rest)), ("last", Arg::Text(&last))],
            )
        }
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
mod date_tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn dates_in_each_languages_grammar() {
        let d = date!(2019 - 10 - 16);
        assert_eq!(day(d), "16 October 2019");
        assert_eq!(day_in(Lang::Ru, d), "16 октября 2019 г.");
        assert_eq!(day_in(Lang::Kk, d), "2019 жылғы 16 қазан");
        let september: PartialDate = "2018-09".parse().expect("a month");
        assert_eq!(date(&september), "September 2018");
        assert_eq!(date_in(Lang::Ru, &september), "сентябрь 2018 г.");
        assert_eq!(date_in(Lang::Kk, &september), "2018 жылғы қыркүйек");
        let year: PartialDate = "2016".parse().expect("a year");
        assert_eq!(date_in(Lang::Ru, &year), "2016 г.");
        assert_eq!(date_in(Lang::Kk, &year), "2016 ж.");
        assert_eq!(date(&year), "2016");
    }
}

#[cfg(test)]
mod words_tests {
    use super::*;

    #[test]
    fn lengths_of_time_in_words() {
        let p = |s: &str| s.parse::<Duration>().expect("a duration");
        assert_eq!(duration_in(Lang::En, &p("P7Y")), "7 years");
        assert_eq!(duration_in(Lang::En, &p("P1Y")), "1 year");
        assert_eq!(duration_in(Lang::En, &p("P5M8D")), "5 months and 8 days");
        assert_eq!(duration_in(Lang::En, &p("P2Y6M1D")), "2 years, 6 months and 1 day");
        assert_eq!(duration_in(Lang::Ru, &p("P7Y")), "7 лет");
        assert_eq!(duration_in(Lang::Ru, &p("P2Y")), "2 года");
        assert_eq!(duration_in(Lang::Ru, &p("P1Y")), "1 год");
        assert_eq!(duration_in(Lang::Ru, &p("P5M8D")), "5 месяцев и 8 дней");
        assert_eq!(duration_in(Lang::Ru, &p("P3W")), "3 недели");
        assert_eq!(duration_in(Lang::Kk, &p("P7Y")), "7 жыл");
        assert_eq!(duration_in(Lang::Kk, &p("P5M8D")), "5 ай 8 күн");
    }

    #[test]
    fn countries_by_name() {
        assert_eq!(country_in(Lang::En, "KZ"), "Kazakhstan");
        assert_eq!(country_in(Lang::Ru, "KZ"), "Казахстан");
        assert_eq!(country_in(Lang::Kk, "kz"), "Қазақстан");
        assert_eq!(country_in(Lang::Ru, "KG"), "Киргизия");
        // A code no catalogue knows is shown as it is, never as a key.
        assert_eq!(country_in(Lang::Ru, "XX"), "XX");
        assert_eq!(country_in(Lang::En, "Narnia"), "Narnia");
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
