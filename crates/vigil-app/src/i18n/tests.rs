use std::collections::BTreeSet;

use vigil_core::*;

use super::*;

const CATALOGUE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");

/// The message keys of a language's catalogue (every `.ftl` file in its
/// folder), read as a translator writes them: `key = …` at the start of a
/// line. A key written twice, in one file or in two, fails.
fn keys(lang: Lang) -> BTreeSet<String> {
    let dir = format!("{CATALOGUE_DIR}/{}", lang.code());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{dir}: the topic files are read");
    let mut keys = BTreeSet::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for key in text
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
        {
            assert!(keys.insert(key.clone()), "{}: {key} is written twice", path.display());
        }
    }
    keys
}

/// Every key a vocabulary term has, and its English label.
fn term_keys() -> Vec<(String, &'static str)> {
    fn of<T: Term + 'static>(all: &'static [T]) -> Vec<(String, &'static str)> {
        all.iter().map(|t| (term_key::<T>(t.code()), t.english())).collect()
    }
    [
        of(EventType::ALL),
        of(Role::ALL),
        of(OrganisationKind::ALL),
        of(OrganisationStatus::ALL),
        of(Sex::ALL),
        of(AccountRole::ALL),
        of(RecordKind::ALL),
        of(MechanismKind::ALL),
        of(CfaCaseStatus::ALL),
        of(StateResponse::ALL),
        of(Theme::ALL),
        of(ImplementationStatus::ALL),
        of(Bearing::ALL),
        of(IndicatorGroup::ALL),
        of(RestraintKind::ALL),
        of(Certainty::ALL),
    ]
    .concat()
}

/// Keys built at run time from a number: `month-1` … `month-12`.
const NUMBERED: &[&str] = &["month-of-", "month-in-", "month-"];

#[test]
fn every_language_has_every_key_and_nothing_else() {
    let english = keys(Lang::En);
    assert!(english.len() > 150, "the English catalogue is read");
    for lang in [Lang::Ru, Lang::Kk] {
        let theirs = keys(lang);
        let missing: Vec<_> = english.difference(&theirs).collect();
        let extra: Vec<_> = theirs.difference(&english).collect();
        assert!(missing.is_empty(), "{}: missing {missing:?}", lang.code());
        assert!(extra.is_empty(), "{}: not in English {extra:?}", lang.code());
        // Each one is there in that language, not through the fallback, and
        // formats without error given the arguments messages take.
        let args: HashMap<&str, FluentValue> = ["count", "day", "first", "total", "line", "column"]
            .into_iter()
            .map(|a| (a, FluentValue::from(2)))
            .chain(
                [
                    "month",
                    "year",
                    "from",
                    "to",
                    "scope",
                    "start",
                    "length",
                    "amount",
                    "rest",
                    "last",
                    "title",
                    "name",
                    "passage",
                    "role",
                    "goal",
                    "countries",
                    "country",
                    "review",
                    "date",
                    "response",
                    "status",
                    "by",
                    "bearing",
                    "number",
                    "shown",
                    "score",
                    "kinds",
                    "rating",
                    "text",
                    "message",
                    "field",
                    "what",
                    "term",
                    "fine",
                    "target",
                    "restraint",
                    "path",
                    "other",
                ]
                .into_iter()
                .map(|a| (a, FluentValue::from("x"))),
            )
            .collect();
        for key in &theirs {
            assert!(
                CATALOGUES.lookup_single_language(lang.id(), key, Some(&args)).is_ok(),
                "{}: {key} does not resolve",
                lang.code()
            );
        }
    }
}

#[test]
fn every_term_of_every_vocabulary_has_its_key_and_the_english_is_the_label() {
    let english = keys(Lang::En);
    let terms = term_keys();
    for (key, label) in &terms {
        assert!(english.contains(key), "no message for the term {key}");
        assert_eq!(&Lang::En.tr(key), label, "{key}: the catalogue and the code disagree");
    }
    assert_eq!(Lang::Ru.term(&EventType::Arrest), "Арест");
    assert_eq!(Lang::Kk.term(&EventType::Pardon), "Кешірім");
    assert_eq!(Lang::Ru.term(&EventType::RegistrationDenial), "Отказ в регистрации");
}

/// Every key is used: by a vocabulary term, by a numbered family, or
/// named in the code of the application, the web layer or the command
/// line.
#[test]
fn every_key_is_used() {
    let terms: BTreeSet<String> = term_keys().into_iter().map(|(k, _)| k).collect();
    let mut code = String::new();
    for dir in ["src", "../vigil-web/src", "../vigil/src"] {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut stack = vec![root];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).expect("source folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n/tests.rs") {
                    code.push_str(&std::fs::read_to_string(&path).expect("source"));
                }
            }
        }
    }
    for key in keys(Lang::En) {
        if terms.contains(&key) {
            continue;
        }
        // A history's field names are looked up by the field's name.
        if key.strip_prefix("history-field-").is_some_and(|f| !f.is_empty()) {
            assert!(
                code.contains("\"history-field-{}\""),
                "{key}: the field names are not used"
            );
            continue;
        }
        // Languages are named by their code at run time.
        if key
            .strip_prefix("language-name-")
            .is_some_and(|c| Lang::parse(c).is_some())
        {
            assert!(
                code.contains("\"language-name-{}\""),
                "{key}: the languages' names are not used"
            );
            continue;
        }
        // Countries are named by their code at run time.
        if key
            .strip_prefix("country-")
            .is_some_and(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_lowercase()))
        {
            assert!(code.contains("\"country-"), "{key}: the countries are not used");
            continue;
        }
        if let Some(prefix) = NUMBERED.iter().find(|p| {
            key.strip_prefix(**p)
                .is_some_and(|n| n.parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)))
        }) {
            assert!(code.contains(&format!("\"{prefix}")), "{key}: its family is not used");
            continue;
        }
        assert!(code.contains(&format!("\"{key}\"")), "{key} is used nowhere");
    }
}

#[test]
fn numbers_take_each_languages_plural_forms() {
    let persons = |lang: Lang, n: u64| lang.tr_with("home-count-persons", &[("count", Arg::Number(n))]);
    assert_eq!(persons(Lang::En, 1), "person");
    assert_eq!(persons(Lang::En, 7), "persons");
    assert_eq!(persons(Lang::Ru, 1), "человек");
    assert_eq!(persons(Lang::Ru, 3), "человека");
    assert_eq!(persons(Lang::Ru, 11), "человек");
    assert_eq!(persons(Lang::Ru, 21), "человек");
    assert_eq!(persons(Lang::Ru, 24), "человека");
    assert_eq!(persons(Lang::Kk, 1), "адам");
    assert_eq!(persons(Lang::Kk, 5), "адам");
    let events = |n: u64| Lang::Ru.tr_with("home-count-events", &[("count", Arg::Number(n))]);
    assert_eq!([events(1), events(2), events(5)], ["событие", "события", "событий"]);
    // The sign-in throttle's wait: "1 second", not "1 seconds".
    let wait = |n: u64| Lang::En.tr_with("login-too-many", &[("count", Arg::Number(n))]);
    assert!(wait(1).contains("Wait 1 second and"), "{}", wait(1));
    assert!(wait(4).contains("Wait 4 seconds and"), "{}", wait(4));
}

#[test]
fn the_language_of_a_header_or_a_tag() {
    assert_eq!(Lang::parse("ru-RU"), Some(Lang::Ru));
    assert_eq!(Lang::parse("KK"), Some(Lang::Kk));
    assert_eq!(Lang::parse("zz"), None);
    assert_eq!(Lang::parse(""), None);
    assert_eq!(
        Lang::from_accept_language("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"),
        Some(Lang::Ru)
    );
    assert_eq!(Lang::from_accept_language("zz-ZZ, kk;q=0.5, ru;q=0.4"), Some(Lang::Kk));
    assert_eq!(Lang::from_accept_language("en;q=0.2, kk-KZ;q=0.9"), Some(Lang::Kk));
    assert_eq!(Lang::from_accept_language("zz, qq;q=0.9"), None);
    assert_eq!(Lang::from_accept_language("ru;q=0"), None);
    assert_eq!(Lang::from_accept_language(";;;,,q=x"), None);
}

#[test]
fn the_consent_recorded_is_the_wording_shown_in_each_language() {
    assert_eq!(
        crate::campaigns::signing::opt_in_wording(Lang::En),
        vigil_core::campaign::OPT_IN_WORDING
    );
    assert_eq!(
        crate::campaigns::signing::named_wording(Lang::En),
        vigil_core::campaign::NAMED_WORDING
    );
    assert!(crate::campaigns::signing::opt_in_wording(Lang::Ru).starts_with("Да, организаторы"));
    assert!(crate::campaigns::signing::opt_in_wording(Lang::Kk).starts_with("Иә, осы науқанды"));
}
