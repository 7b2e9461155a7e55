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

/// A month as a sentence puts it: "in September 2018", "в сентябре
/// 2018 г." (the prepositional case), "2018 жылғы қыркүйекте".
pub fn in_month(lang: Lang, year: i32, month: time::Month) -> String {
    let name = lang.tr(&format!("month-in-{}", u8::from(month)));
    lang.tr_with(
        "date-in-month",
        &[("month", Arg::Text(&name)), ("year", Arg::Text(&year.to_string()))],
    )
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
            // Known to the month: "free in September 2018", "на свободе в
            // сентябре 2018 г.".
            None if matches!((end.start_point(), end.end_point()), (DatePoint::Month(..), None)) => {
                let DatePoint::Month(y, m) = end.start_point() else {
                    return lang.tr("end-unknown");
                };
                lang.tr_with("end-free-during", &[("date", Arg::Text(&in_month(lang, y, m)))])
            }
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

/// A moment to the minute, in UTC and in `lang`'s words: "4 December
/// 2026, 13:15 UTC", "4 декабря 2026 г., 13:15 UTC" (a page's script may
/// say it again in the reader's time zone).
pub fn moment_in(lang: Lang, t: time::OffsetDateTime) -> String {
    let at = t.to_offset(time::UtcOffset::UTC);
    format!("{}, {:02}:{:02} UTC", day_in(lang, at.date()), at.hour(), at.minute())
}

/// Who did something, in words: Vigil itself ("vigil") and the console
/// ("cli:root") said in the reader's language, an account by its name.
pub fn actor_in(lang: Lang, actor: &str) -> String {
    if actor == "vigil" {
        return lang.tr("actor-vigil");
    }
    match actor.strip_prefix("cli:") {
        Some("unknown") | Some("") => lang.tr("actor-console-unknown"),
        Some(user) => lang.tr_with("actor-console", &[("name", Arg::Text(user))]),
        None => actor.to_owned(),
    }
}

/// What the accounts' log says was done, as a catalogue key.
pub fn account_action_key(action: &str) -> Option<&'static str> {
    Some(match action {
        "add" => "admin-action-add",
        "disable" => "admin-action-disable",
        "enable" => "admin-action-enable",
        "role" => "admin-action-role",
        "password" => "admin-action-password",
        "issue-token" => "admin-action-issue-token",
        "revoke-token" => "admin-action-revoke-token",
        _ => return None,
    })
}

/// Every country the catalogue names, as its code (upper case) and its
/// name in `lang`, in the order of the language's alphabet: the choices of
/// a form that asks for a country (one picks a name, the form sends the
/// code).
pub fn countries_in(lang: Lang) -> Vec<(String, String)> {
    // The codes are those of the English catalogue (the tests check every
    // language has the same keys).
    let mut all: Vec<(String, String)> = include_str!("../locales/en/countries.ftl")
        .lines()
        .filter_map(|l| l.strip_prefix("country-")?.split_once(" = "))
        .map(|(code, _)| {
            let code = code.trim().to_ascii_uppercase();
            let name = country_in(lang, &code);
            (code, name)
        })
        .collect();
    all.sort_by_cached_key(|(_, name)| alphabetical(name));
    all
}

/// A key that sorts words in the order of the Russian and Kazakh
/// alphabets (and the Latin one): each of Kazakh's own letters right after
/// the letter it is built on (ә after а, қ after к, і after ы…), not after
/// я where their code points put them.
fn alphabetical(word: &str) -> Vec<(char, u8)> {
    word.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .map(|c| match c {
            'ә' => ('а', 1),
            'ғ' => ('г', 1),
            'ё' => ('е', 1),
            'қ' => ('к', 1),
            'ң' => ('н', 1),
            'ө' => ('о', 1),
            'ұ' => ('у', 1),
            'ү' => ('у', 2),
            'һ' => ('х', 1),
            'і' => ('ы', 1),
            'é' | 'è' | 'ê' => ('e', 1),
            'ô' => ('o', 1),
            'ç' => ('c', 1),
            'å' => ('a', 2),
            c => (c, 0),
        })
        .collect()
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

/// A restraint as a step names it: "imprisonment", "лишение свободы",
/// "activity ban (trade-union leadership)".
fn held_in(lang: Lang, h: &vigil_core::Held) -> String {
    use vigil_core::RestraintKind as K;
    match (h.kind, &h.scope) {
        (K::Custody, _) => lang.tr("step-held-custody"),
        (K::Imprisonment, _) => lang.tr("step-held-imprisonment"),
        (K::RestrictedFreedom, _) => lang.tr("step-held-restricted-freedom"),
        (K::Fine, _) => lang.tr("step-held-fine"),
        (K::ActivityBan, Some(scope)) => lang.tr_with("step-held-activity-ban", &[("scope", Arg::Text(scope))]),
        (K::ActivityBan, None) => lang.tr("step-held-activity-ban-unknown"),
    }
}

fn fine_in(lang: Lang, f: Option<&vigil_core::Fine>) -> String {
    match f {
        Some(vigil_core::Fine::Amount { amount, currency }) => lang.tr_with(
            "step-fine-amount",
            &[("amount", Arg::Text(&format!("{amount} {currency}")))],
        ),
        _ => lang.tr("step-fine"),
    }
}

/// What an event did to a person's restraints, in `lang`: the status
/// engine's account of a step ("imprisonment starts, for 7 years",
/// "начинается: лишение свободы на срок 7 лет"), terms in words, dates
/// as people write them, no record id.
pub fn effect_in(lang: Lang, e: &vigil_core::Effect) -> String {
    use vigil_core::{Effect as E, NoChange as N};
    let what = |h| held_in(lang, h);
    match e {
        E::EndsConvertedFine { .. } => lang.tr("step-ends-converted"),
        E::Ends(h) => lang.tr_with("step-ends", &[("what", Arg::Text(&what(h)))]),
        E::Starts { held, term: None } => lang.tr_with("step-starts", &[("what", Arg::Text(&what(held)))]),
        E::Starts { held, term: Some(t) } => lang.tr_with(
            "step-starts-for",
            &[
                ("what", Arg::Text(&what(held))),
                ("term", Arg::Text(&duration_in(lang, t))),
            ],
        ),
        E::StartsOpen(h) => lang.tr_with("step-starts-open", &[("what", Arg::Text(&what(h)))]),
        E::StartsAfterPrison { held, term } => lang.tr_with(
            "step-starts-after-prison",
            &[
                ("what", Arg::Text(&what(held))),
                ("term", Arg::Text(&duration_in(lang, term))),
            ],
        ),
        E::FineImposed(f) => lang.tr_with("step-fine-imposed", &[("fine", Arg::Text(&fine_in(lang, f.as_ref())))]),
        E::Adds(inner) => lang.tr_with("step-adds", &[("what", Arg::Text(&effect_in(lang, inner)))]),
        E::FineNow(f) => lang.tr_with("step-fine-now", &[("fine", Arg::Text(&fine_in(lang, f.as_ref())))]),
        E::TermNow { held, term, from } => lang.tr_with(
            "step-term-now",
            &[
                ("what", Arg::Text(&what(held))),
                ("term", Arg::Text(&duration_in(lang, term))),
                ("date", Arg::Text(&date_in(lang, from))),
            ],
        ),
        E::OpenNow(h) => lang.tr_with("step-open-now", &[("what", Arg::Text(&what(h)))]),
        E::Lifts(h) => lang.tr_with("step-lifts", &[("what", Arg::Text(&what(h)))]),
        E::RestFine(f) => lang.tr_with("step-rest-fine", &[("fine", Arg::Text(&fine_in(lang, f.as_ref())))]),
        E::RestTerm { held, term } => lang.tr_with(
            "step-rest-term",
            &[
                ("what", Arg::Text(&what(held))),
                ("term", Arg::Text(&duration_in(lang, term))),
            ],
        ),
        E::Continues(h) => lang.tr_with("step-continues", &[("what", Arg::Text(&what(h)))]),
        E::NoChange(n) => lang.tr(match n {
            N::AppealNamesNothing => "step-no-appeal-names-nothing",
            N::AppealSentenceMissing => "step-no-appeal-sentence-missing",
            N::AppealUpholds => "step-no-appeal-upholds",
            N::AppealNothingToReplace => "step-no-appeal-nothing",
            N::EnderNamedMissing => "step-no-ender-missing",
            N::EnderNothingToEnd => "step-no-ender-nothing",
            N::NoTerms => "step-no-terms",
        }),
        E::MayFallAfter(d) => lang.tr_with("step-may-fall-after", &[("date", Arg::Text(&day_in(lang, *d)))]),
    }
}

/// A step's effects in `lang`, joined: "ends imprisonment; the rest
/// replaced by a fine" (the engine's English account for a step read back
/// from JSON, which holds no effects as data).
pub fn step_in(lang: Lang, step: &vigil_core::Step) -> String {
    if step.effects.is_empty() {
        return step.effect.clone();
    }
    step.effects
        .iter()
        .map(|e| effect_in(lang, e))
        .collect::<Vec<_>>()
        .join("; ")
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

    #[test]
    fn a_month_in_a_sentence_takes_its_case() {
        assert_eq!(in_month(Lang::Ru, 2018, time::Month::September), "в сентябре 2018 г.");
        assert_eq!(
            in_month(Lang::Kk, 2018, time::Month::September),
            "2018 жылғы қыркүйекте"
        );
        assert_eq!(in_month(Lang::En, 2018, time::Month::September), "in September 2018");
        assert_eq!(in_month(Lang::Ru, 2019, time::Month::May), "в мае 2019 г.");
    }

    #[test]
    fn who_did_it_and_when_in_words() {
        assert_eq!(actor_in(Lang::Ru, "cli:unknown"), "консоль");
        assert_eq!(actor_in(Lang::Kk, "vigil"), "Vigil өзі");
        assert_eq!(actor_in(Lang::Ru, "cli:root"), "консоль (пользователь root)");
        assert_eq!(actor_in(Lang::Ru, "ana"), "ana");
        let at = time::macros::datetime!(2026-12-04 13:15 UTC);
        assert_eq!(moment_in(Lang::Ru, at), "4 декабря 2026 г., 13:15 UTC");
        assert_eq!(moment_in(Lang::Kk, at), "2026 жылғы 4 желтоқсан, 13:15 UTC");
    }

    #[test]
    fn the_countries_of_a_form_are_named_in_the_alphabets_order() {
        for lang in [Lang::En, Lang::Ru, Lang::Kk] {
            let all = countries_in(lang);
            assert_eq!(all.len(), 249, "{lang:?}");
            // Each a name, none a code.
            assert!(
                all.iter().all(|(code, name)| code.len() == 2 && name != code),
                "{lang:?}"
            );
        }
        let kk = countries_in(Lang::Kk);
        let at = |name: &str| {
            kk.iter()
                .position(|(_, n)| n == name)
                .unwrap_or_else(|| panic!("{name}"))
        };
        assert!(kk.contains(&("KZ".to_owned(), "Қазақстан".to_owned())));
        // Қ after К, not after Я.
        assert!(
            at("Қазақстан") > at("Кения") && at("Қазақстан") < at("Латвия"),
            "{kk:?}"
        );
        let ru = countries_in(Lang::Ru);
        assert_eq!(ru.first().map(|(_, n)| n.as_str()), Some("Австралия"));
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

#[cfg(test)]
mod step_tests {
    use vigil_core::{Effect, Held, NoChange, RestraintKind};

    use super::*;

    fn prison() -> Held {
        Held {
            kind: RestraintKind::Imprisonment,
            scope: None,
        }
    }

    #[test]
    fn the_engines_steps_in_each_language_with_terms_in_words_and_no_id() {
        let seven: Duration = "P7Y".parse().expect("a duration");
        let starts = Effect::Starts {
            held: prison(),
            term: Some(seven),
        };
        assert_eq!(starts.english(), "imprisonment P7Y starts");
        assert_eq!(effect_in(Lang::En, &starts), "imprisonment starts, for 7 years");
        assert_eq!(
            effect_in(Lang::Ru, &starts),
            "начинается: лишение свободы на срок 7 лет"
        );
        assert_eq!(
            effect_in(Lang::Kk, &starts),
            "басталады: бас бостандығынан айыру, мерзімі 7 жыл"
        );
        let converted = Effect::EndsConvertedFine {
            by: vigil_core::RecordId::parse("bal-fine-2018").expect("an id"),
        };
        assert!(
            converted.english().contains("bal-fine-2018"),
            "the API's account names it"
        );
        for lang in Lang::ALL {
            assert!(
                !effect_in(lang, &converted).contains("bal-fine"),
                "{lang:?}: no id as text"
            );
        }
        let ban = Effect::Lifts(Held {
            kind: RestraintKind::ActivityBan,
            scope: Some("trade-union leadership".into()),
        });
        assert_eq!(
            effect_in(Lang::Ru, &ban),
            "снимается: запрет на деятельность (trade-union leadership)"
        );
        let after = Effect::MayFallAfter(time::macros::date!(2019 - 10 - 16));
        assert_eq!(
            effect_in(Lang::Ru, &after),
            "дата события может быть позже 16 октября 2019 г."
        );
        assert_eq!(
            effect_in(Lang::Kk, &Effect::NoChange(NoChange::AppealUpholds)),
            "үкім күшінде қалдырылды; өзгеріс жоқ"
        );
    }
}
