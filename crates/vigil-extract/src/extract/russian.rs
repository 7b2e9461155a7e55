//! Step 2 and 3 for Russian: persons, organisations and dates.
//!
//! Russian declines names, so a name is read in whatever case the sentence
//! puts it and proposed in the nominative: "Нурбеком Кушакбаевым" is
//! Нурбек Кушакбаев, "Ларисы Харьковой" Лариса Харькова, "Белорусского
//! конгресса демократических профсоюзов" Белорусский конгресс
//! демократических профсоюзов. The rules:
//!
//! - **Persons**: two or three capitalised Cyrillic words in a row (Russian
//!   capitalises little else: an organisation's name capitalises its first
//!   word only), one of them a known given name in any case, or shaped as a
//!   surname or patronymic (-ов, -ева, -ин, -ский, -ук, -ич, -енко, -бай,
//!   -ович, -овна …), none of them a place. The given name tells the sex
//!   and the case, and the surname is declined back to agree with it; with
//!   an unknown given name the surname's own ending tells them (-ым:
//!   masculine instrumental). A lone surname is a mention of the person
//!   named in full with it.
//! - **Organisations**: acronyms in capitals (КНПРК, БКДП); "Long name
//!   (ACR)"; a capitalised head noun (Конфедерация, Профсоюз, Конгресс …)
//!   or a capitalised adjective before a head noun (Верховным судом,
//!   Белорусского конгресса), with the genitive words that follow it;
//!   a name in quotes («Левого блока», “Весна“); a run of capitalised Latin
//!   words (Oil Construction Company).
//! - **Dates**: "16 мая", "20 января 2017 года", "в июне 2019 года", "в
//!   сентябре прошлого года", "в 2014 году", "в этом году", "03.02.2017",
//!   "сегодня", "вчера". A day and month without a year take the year of
//!   the article's date — the year before when that would put them after
//!   the article was written (as in English).

use time::{Date, Month};

use super::known::{add_unless_known, note_name};
use super::*;

const MALE: &[&str] = &[
    "александр",
    "алексей",
    "анатолий",
    "андрей",
    "антон",
    "аркадий",
    "артем",
    "борис",
    "вадим",
    "валентин",
    "валерий",
    "василий",
    "вацлав",
    "виктор",
    "виталий",
    "владимир",
    "владислав",
    "вячеслав",
    "геннадий",
    "георгий",
    "глеб",
    "григорий",
    "даниил",
    "данил",
    "денис",
    "дмитрий",
    "евгений",
    "егор",
    "иван",
    "игорь",
    "илья",
    "кирилл",
    "константин",
    "леонид",
    "максим",
    "михаил",
    "никита",
    "николай",
    "олег",
    "павел",
    "петр",
    "роман",
    "руслан",
    "сергей",
    "станислав",
    "степан",
    "тимур",
    "федор",
    "эдуард",
    "юрий",
    "ярослав",
    "ян",
    "марат",
    "алесь",
    // Kazakh, Kyrgyz, Uzbek, Tajik given names as Russian writes them.
    "абай",
    "азамат",
    "айдар",
    "алишер",
    "алмас",
    "амин",
    "арман",
    "асхат",
    "аскар",
    "ахмед",
    "байболат",
    "бауыржан",
    "бахтияр",
    "бекзат",
    "берик",
    "болат",
    "галым",
    "даурен",
    "ербол",
    "ерболат",
    "ержан",
    "ерлан",
    "жанат",
    "жанболат",
    "жандос",
    "ильхам",
    "ислам",
    "кайрат",
    "канат",
    "касым-жомарт",
    "куаныш",
    "макс",
    "максат",
    "махамбет",
    "мурат",
    "муса",
    "мухтар",
    "нурбек",
    "нуржан",
    "нурлан",
    "нурсултан",
    "рустам",
    "санжар",
    "серик",
    "талгат",
    "улугбек",
    "фазылжан",
    "шавкат",
    "эльдар",
];

const FEMALE: &[&str] = &[
    "александра",
    "алена",
    "алла",
    "анастасия",
    "анна",
    "валентина",
    "вера",
    "виктория",
    "галина",
    "дарья",
    "дария",
    "евгения",
    "екатерина",
    "елена",
    "елизавета",
    "жанна",
    "зинаида",
    "ирина",
    "инна",
    "карина",
    "ксения",
    "лариса",
    "людмила",
    "марина",
    "мария",
    "маргарита",
    "надежда",
    "наталья",
    "наталия",
    "нина",
    "оксана",
    "ольга",
    "полина",
    "светлана",
    "софия",
    "софья",
    "тамара",
    "татьяна",
    "юлия",
    "яна",
    "янина",
    "ольга",
    "алия",
    "айгуль",
    "айжан",
    "асель",
    "ботагоз",
    "гульжан",
    "гульмира",
    "гульнара",
    "дина",
    "динара",
    "жанар",
    "зарина",
    "мадина",
    "меруерт",
    "нургуль",
    "роза",
    "сания",
    "сауле",
    "таслима",
];

/// Endings (of the nominative) that surnames and patronymics have.
const SURNAME_SHAPES: &[&str] = &[
    "ов",
    "ев",
    "ин",
    "ын",
    "ова",
    "ева",
    "ина",
    "ына",
    "ский",
    "ская",
    "цкий",
    "цкая",
    "ской",
    "ук",
    "юк",
    "ич",
    "енко",
    "ко",
    "бай",
    "бек",
    "ли",
    "иев",
    "ян",
    "дзе",
    "швили",
    "ович",
    "евич",
    "овна",
    "евна",
    "ична",
    "улы",
    "кызы",
    "ша",
    "ец",
    "ик",
    "им",
];

/// Places (stems, lowercase) that a capitalised pair may begin with.
const PLACES_RU: &[&str] = &[
    "казахстан",
    "беларус",
    "белорус",
    "росси",
    "минск",
    "москв",
    "астан",
    "алмат",
    "шымкент",
    "актау",
    "жанаозен",
    "республик",
    "украин",
    "кыргыз",
    "узбекистан",
    "таджикистан",
    "европ",
    "литв",
    "польш",
    "китай",
    "сша",
    "гродн",
    "гомел",
    "могил",
    "брест",
    "витебск",
    "павлодар",
    "караганд",
    "атырау",
    "актобе",
    "барвих",
    "женев",
];

/// Head nouns of organisations, nominative, with the stem their case forms
/// share and their gender ('m', 'f', 'n').
const HEADS: &[(&str, &str, char)] = &[
    ("конфедерация", "конфедераци", 'f'),
    ("федерация", "федераци", 'f'),
    ("ассоциация", "ассоциаци", 'f'),
    ("организация", "организаци", 'f'),
    ("партия", "парти", 'f'),
    ("компания", "компани", 'f'),
    ("служба", "служб", 'f'),
    ("прокуратура", "прокуратур", 'f'),
    ("полиция", "полици", 'f'),
    ("профсоюз", "профсоюз", 'm'),
    ("конгресс", "конгресс", 'm'),
    ("союз", "союз", 'm'),
    ("комитет", "комитет", 'm'),
    ("центр", "центр", 'm'),
    ("суд", "суд", 'm'),
    ("фонд", "фонд", 'm'),
    ("блок", "блок", 'm'),
    ("совет", "совет", 'm'),
    ("департамент", "департамент", 'm'),
    ("парламент", "парламент", 'm'),
    ("сенат", "сенат", 'm'),
    ("бюро", "бюро", 'n'),
    ("министерство", "министерств", 'n'),
    ("движение", "движени", 'n'),
    ("объединение", "объединени", 'n'),
    ("управление", "управлени", 'n'),
    ("агентство", "агентств", 'n'),
];

/// Acronyms that name codes, places or rooms, not organisations.
const NOT_ORG_ACRONYMS: &[&str] = &[
    "УК", "РФ", "РК", "РБ", "США", "СССР", "СНГ", "ЕС", "СИЗО", "ИВС", "ОВД", "ГПК", "ГК", "АЭС", "ЧП", "ТВ", "ЛГБТ",
    "СМИ", "НКО", "НПО",
];

/// Words that do not begin a quoted name.
const NOT_NAME_START: &[&str] = &[
    "о", "об", "в", "на", "за", "по", "для", "с", "из", "от", "до", "без", "не", "как",
];

fn cyrillic(w: &str) -> bool {
    w.chars().next().is_some_and(|c| matches!(c, 'А'..='я' | 'Ё' | 'ё'))
}

fn capitalised_word(t: &Token<'_>) -> bool {
    t.is_word() && t.text.chars().next().is_some_and(char::is_uppercase) && t.text.chars().any(char::is_lowercase)
}

fn lower(w: &str) -> String {
    w.to_lowercase().replace('ё', "е")
}

/// Capitalise like `like` (first letter, and after hyphens).
fn cap(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut up = true;
    for c in w.chars() {
        if up {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        up = c == '-';
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sex {
    Male,
    Female,
}

/// The nominative of a given name in any case, and its sex.
fn given_name(word: &str) -> Option<(String, Sex)> {
    let w = lower(word);
    let known = |c: &str| -> Option<Sex> {
        if MALE.contains(&c) {
            Some(Sex::Male)
        } else if FEMALE.contains(&c) {
            Some(Sex::Female)
        } else {
            None
        }
    };
    let mut candidates = vec![w.clone()];
    for (ending, nominative) in [
        ("ом", ""),
        ("ем", "й"),
        ("ем", ""),
        ("ей", "я"),
        ("ой", "а"),
        ("ою", "а"),
        ("а", ""),
        ("у", ""),
        ("е", ""),
        ("я", "й"),
        ("ю", "й"),
        ("е", "й"),
        ("ы", "а"),
        ("и", "а"),
        ("е", "а"),
        ("у", "а"),
        ("и", "я"),
        ("е", "я"),
        ("ю", "я"),
        ("и", "й"),
    ] {
        if let Some(stem) = w.strip_suffix(ending) {
            if stem.chars().count() >= 2 {
                candidates.push(format!("{stem}{nominative}"));
            }
        }
    }
    candidates.into_iter().find_map(|c| known(&c).map(|s| (cap(&c), s)))
}

fn shaped_as_surname(nominative_lower: &str) -> bool {
    nominative_lower.chars().count() >= 4 && SURNAME_SHAPES.iter().any(|e| nominative_lower.ends_with(e))
}

/// A surname (or patronymic) in the nominative, for a person of `sex`
/// (when known), from any case form.
fn surname_nominative(word: &str, sex: Option<Sex>) -> String {
    let w = lower(word);
    let strip = |suffix: &str, add: &str| -> Option<String> {
        let stem = w.strip_suffix(suffix)?;
        (stem.chars().count() >= 3).then(|| format!("{stem}{add}"))
    };
    let ov = |s: &str| s.ends_with("ов") || s.ends_with("ев") || s.ends_with("ин") || s.ends_with("ын");
    let out = match sex {
        Some(Sex::Female) => {
            // Харьковой, Харькову → Харькова; Ярошевской → Ярошевская.
            if let Some(s) = strip("ской", "ская").or_else(|| strip("цкой", "цкая")) {
                Some(s)
            } else if let Some(stem) = w.strip_suffix("ой").or_else(|| w.strip_suffix('у')) {
                ov(stem).then(|| format!("{stem}а"))
            } else {
                w.strip_suffix("овны")
                    .or_else(|| w.strip_suffix("овне"))
                    .map(|stem| format!("{stem}овна"))
            }
        }
        _ => {
            let male = sex == Some(Sex::Male);
            if let Some(s) = strip("ского", "ский")
                .or_else(|| strip("скому", "ский"))
                .or_else(|| strip("ским", "ский"))
                .or_else(|| strip("ском", "ский"))
                .or_else(|| strip("цкого", "цкий"))
                .or_else(|| strip("цким", "цкий"))
            {
                Some(s)
            } else if let Some(stem) = w.strip_suffix("ым").or_else(|| w.strip_suffix("им")) {
                ov(stem).then(|| stem.to_owned())
            } else if let Some(stem) = w.strip_suffix("ом").or_else(|| w.strip_suffix("ем")) {
                Some(if stem.ends_with(['а', 'е', 'о', 'у']) {
                    format!("{stem}й")
                } else {
                    stem.to_owned()
                })
            } else if w.ends_with("ко") || w.ends_with('о') {
                None
            } else if let Some(stem) = w
                .strip_suffix('я')
                .or_else(|| w.strip_suffix('ю'))
                .filter(|s| s.ends_with(['а', 'е', 'о', 'у']))
            {
                // Балтабая, Балтабаю → Балтабай.
                Some(format!("{stem}й"))
            } else if let Some(stem) = w.strip_suffix('у') {
                // Елеусинову, Ярошуку → Елеусинов, Ярошук.
                (!stem.ends_with(['а', 'е', 'и', 'о', 'у', 'ы', 'я'])).then(|| stem.to_owned())
            } else if let Some(stem) = w.strip_suffix('а') {
                // Ярошука, Кушакбаева: a man's genitive; Харькова alone may
                // be a woman's nominative, so only when he is known a man.
                (male && !stem.ends_with(['а', 'е', 'и', 'о', 'у', 'ы', 'я'])).then(|| stem.to_owned())
            } else {
                None
            }
        }
    };
    match out {
        Some(s) if s.chars().count() >= 3 => cap(&s),
        _ => cap(&w),
    }
}

/// The sex a surname's own ending tells, in any case.
fn sex_of_surname(word: &str) -> Option<Sex> {
    let w = lower(word);
    if w.ends_with("овым") || w.ends_with("евым") || w.ends_with("иным") || w.ends_with("ским") || w.ends_with("ович")
    {
        Some(Sex::Male)
    } else if w.ends_with("овой") || w.ends_with("евой") || w.ends_with("иной") || w.ends_with("ская") {
        Some(Sex::Female)
    } else if w.ends_with("ов") || w.ends_with("ев") || w.ends_with("ин") || w.ends_with("ский") {
        Some(Sex::Male)
    } else {
        None
    }
}

/// A given name not in the lists, in the case its surname shows: the
/// instrumental -ом/-ем, the dative -у of a man's name dropped.
fn unknown_given(word: &str, surname: &str, sex: Option<Sex>) -> String {
    let w = lower(word);
    let s = lower(surname);
    let out = if sex == Some(Sex::Male) {
        if s.ends_with("ым") || s.ends_with("ом") || s.ends_with("ем") {
            w.strip_suffix("ом").map(str::to_owned).unwrap_or_else(|| w.clone())
        } else if s.ends_with('у') {
            w.strip_suffix('у').map(str::to_owned).unwrap_or_else(|| w.clone())
        } else if s.ends_with('а') || s.ends_with('я') {
            w.strip_suffix('а').map(str::to_owned).unwrap_or_else(|| w.clone())
        } else {
            w.clone()
        }
    } else {
        w.clone()
    };
    cap(&out)
}

fn is_place(word: &str) -> bool {
    let w = lower(word);
    PLACES_RU.iter().any(|p| w.starts_with(p))
}

/// A person's name in the nominative from two or three capitalised words,
/// or `None` when they are not shaped as one.
fn person_name(words: &[&str]) -> Option<String> {
    if !(2..=3).contains(&words.len()) || words.iter().any(|w| is_place(w) || w.chars().count() < 2) {
        return None;
    }
    // Three words are a name only with a patronymic in the middle.
    if words.len() == 3 {
        let mid = lower(words[1]);
        if !["ович", "евич", "ич", "овна", "евна", "ична", "инична"]
            .iter()
            .any(|e| mid.trim_end_matches(['а', 'у', 'е', 'ы', 'м', 'о', 'й']).ends_with(e))
        {
            return None;
        }
    }
    let given = given_name(words[0]);
    let last = words[words.len() - 1];
    let sex = given.as_ref().map(|g| g.1).or_else(|| sex_of_surname(last));
    let surname = surname_nominative(last, sex);
    let shaped = shaped_as_surname(&lower(&surname)) || words.iter().any(|w| shaped_as_surname(&lower(w)));
    if given.is_none() && !shaped {
        return None;
    }
    let first = match &given {
        Some((g, _)) => g.clone(),
        None => unknown_given(words[0], last, sex),
    };
    let mut out = vec![first];
    if words.len() == 3 {
        // A patronymic: Ивановича → Иванович, Ивановны → Ивановна.
        out.push(surname_nominative(words[1], sex));
    }
    out.push(surname);
    Some(out.join(" "))
}

fn head_of(word: &str) -> Option<(&'static str, char)> {
    let w = lower(word);
    HEADS
        .iter()
        .find(|(nom, stem, _)| {
            w == *nom
                || w.strip_prefix(stem).is_some_and(|rest| {
                    matches!(
                        rest,
                        "" | "а"
                            | "у"
                            | "ом"
                            | "е"
                            | "и"
                            | "ю"
                            | "ей"
                            | "я"
                            | "ем"
                            | "ы"
                            | "ой"
                            | "ами"
                            | "ов"
                            | "ах"
                    )
                })
        })
        .map(|(nom, _, g)| (*nom, *g))
}

const ADJECTIVE_ENDINGS: &[&str] = &[
    "ого", "его", "ому", "ему", "ым", "им", "ом", "ем", "ой", "ей", "ую", "юю", "ая", "яя", "ый", "ий", "ое", "ее",
];

fn adjective(word: &str) -> bool {
    let w = lower(word);
    w.chars().count() >= 5 && ADJECTIVE_ENDINGS.iter().any(|e| w.ends_with(e))
}

/// An adjective in the nominative of `gender`.
fn adjective_nominative(word: &str, gender: char) -> String {
    let w = lower(word);
    let Some(ending) = ADJECTIVE_ENDINGS.iter().find(|e| w.ends_with(*e)) else {
        return word.to_owned();
    };
    let stem = &w[..w.len() - ending.len()];
    // A stem in к, г, х, ж, ш, ч, щ takes -ий; a soft one (-ний) too.
    let soft = ending.starts_with(['е', 'и', 'ю', 'я']);
    let hushing = stem.ends_with(['к', 'г', 'х', 'ж', 'ш', 'ч', 'щ']);
    // Stressed endings: городской, областной, окружной, краевой.
    let stressed = ["городск", "областн", "окружн", "краев", "рабоч"]
        .iter()
        .any(|s| stem.ends_with(s));
    let nom = match gender {
        'f' => {
            if soft && !hushing {
                "яя"
            } else {
                "ая"
            }
        }
        'n' => {
            if soft && !hushing {
                "ее"
            } else {
                "ое"
            }
        }
        _ => {
            if stressed {
                "ой"
            } else if soft || hushing {
                "ий"
            } else {
                "ый"
            }
        }
    };
    let out = format!("{stem}{nom}");
    if word.chars().next().is_some_and(char::is_uppercase) {
        cap(&out)
    } else {
        out
    }
}

/// Lowercase words that continue an organisation's name: genitives
/// ("независимых профсоюзов", "национальной безопасности", "работников").
fn genitive_tail(word: &str) -> bool {
    let w = lower(word);
    w.chars().count() >= 3
        && [
            "ых", "их", "ов", "ев", "ей", "ии", "ости", "ой", "ого", "ния", "ства", "ики", "ции",
        ]
        .iter()
        .any(|e| w.ends_with(e))
}

/// The nominative of an organisation's name whose words are `words`: its
/// leading adjectives and head noun declined, its genitives kept.
fn org_nominative(words: &[&str]) -> String {
    let head = words.iter().position(|w| head_of(w).is_some());
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    match head {
        Some(h) => {
            let (nom, gender) = head_of(words[h]).unwrap_or(("", 'm'));
            for (i, w) in words.iter().enumerate() {
                if i < h && adjective(w) {
                    out.push(adjective_nominative(w, gender));
                } else if i == h {
                    out.push(if w.chars().next().is_some_and(char::is_uppercase) {
                        cap(nom)
                    } else {
                        nom.to_owned()
                    });
                } else {
                    out.push((*w).to_owned());
                }
            }
        }
        None => {
            // A quoted name: «Левого блока» → Левый блок; «Азаттыка» → Азаттык.
            if words.len() >= 2 && adjective(words[0]) {
                let noun = words[1];
                let nl = lower(noun);
                let (noun_nom, gender) = if let Some(s) = nl.strip_suffix('а').or_else(|| nl.strip_suffix('у')) {
                    if s.ends_with(['а', 'е', 'и', 'о', 'у', 'ы', 'я']) {
                        (nl.clone(), 'f')
                    } else {
                        (s.to_owned(), 'm')
                    }
                } else if let Some(s) = nl.strip_suffix("ом") {
                    (s.to_owned(), 'm')
                } else if let Some(s) = nl.strip_suffix('ы').or_else(|| nl.strip_suffix('и')) {
                    (format!("{s}а"), 'f')
                } else if nl.ends_with('а') || nl.ends_with('я') {
                    (nl.clone(), 'f')
                } else {
                    (nl.clone(), 'm')
                };
                out.push(adjective_nominative(words[0], gender));
                out.push(if noun.chars().next().is_some_and(char::is_uppercase) {
                    cap(&noun_nom)
                } else {
                    noun_nom
                });
                out.extend(words[2..].iter().map(|w| (*w).to_owned()));
            } else if words.len() == 1 && cyrillic(words[0]) {
                let wl = lower(words[0]);
                let nom = match wl.strip_suffix('а').or_else(|| wl.strip_suffix('у')) {
                    Some(s) if !s.ends_with(['а', 'е', 'и', 'о', 'у', 'ы', 'я']) && s.chars().count() >= 4 => s,
                    _ => &wl,
                };
                out.push(cap(nom));
            } else {
                out.extend(words.iter().map(|w| (*w).to_owned()));
            }
        }
    }
    out.join(" ")
}

fn add_mention(doc: &mut Doc<'_>, si: usize, t0: usize, t1: usize, entity: usize, found: &str, covered: &mut [bool]) {
    note_name(&mut doc.entities[entity], found);
    for c in covered.iter_mut().take(t1).skip(t0) {
        *c = true;
    }
    doc.sents[si].mentions.push(Mention { t0, t1, entity });
}

/// The entity of a new person or organisation named `name` (nominative),
/// one already made under the same name, or the case file's record.
fn entity_for(
    doc: &mut Doc<'_>,
    known: &Known,
    by_record: &mut HashMap<RecordId, usize>,
    kind: EntityKind,
    name: &str,
) -> usize {
    let k = keys(name);
    if let Some(e) = doc
        .entities
        .iter()
        .position(|e| e.kind == kind && (keys(&e.name) == k || e.acronyms.iter().any(|a| a == name)))
    {
        return e;
    }
    // A shortened name of an organisation named in full, or the full name
    // of one named short: one organisation, under the longer name.
    if kind == EntityKind::Organisation && k.len() >= 2 {
        if let Some(e) = doc.entities.iter().position(|e| {
            let ek = keys(&e.name);
            e.kind == kind && ek.len() >= 2 && (ek.starts_with(&k) || k.starts_with(&ek))
        }) {
            if k.len() > keys(&doc.entities[e].name).len() && doc.entities[e].matched.is_none() {
                doc.entities[e].name = name.to_owned();
            }
            return e;
        }
    }
    // A full name after the surname alone: the entity grows its name.
    if kind == EntityKind::Person && k.len() >= 2 {
        if let Some(e) = doc.entities.iter().position(|e| {
            e.kind == kind && e.matched.is_none() && keys(&e.name).len() == 1 && k.last() == keys(&e.name).last()
        }) {
            doc.entities[e].name = name.to_owned();
            return e;
        }
    }
    let record_kind = if kind == EntityKind::Person {
        RecordKind::Person
    } else {
        RecordKind::Organisation
    };
    let matched = known.best_match(name, record_kind, &[]);
    let mut entity = Entity::named(kind, name.to_owned(), matched, 0.7);
    if kind == EntityKind::Organisation {
        let (_, state, prize) = super::capitalised::org_kind(name);
        entity.state = state || lower(name).contains("суд");
        entity.prize = prize;
    }
    add_unless_known(doc, by_record, entity)
}

/// The person a lone capitalised word names: one named in full whose
/// surname it is, in any case.
fn person_by_surname(doc: &Doc<'_>, word: &str) -> Option<usize> {
    let forms: Vec<String> = {
        let k = name::key(word);
        let mut v = name::case_forms(&k);
        v.push(k);
        v
    };
    doc.entities.iter().position(|e| {
        e.kind == EntityKind::Person
            && keys(&e.name).len() >= 2
            && keys(&e.name).last().is_some_and(|l| forms.contains(l))
    })
}

pub(super) fn find_names(
    doc: &mut Doc<'_>,
    known: &Known,
    covered: &mut [Vec<bool>],
    by_record: &mut HashMap<RecordId, usize>,
) {
    // Organisations first (their adjectives are capitalised), then persons,
    // then lone surnames.
    for si in 0..doc.sents.len() {
        if doc.sents[si].repeated {
            continue;
        }
        find_organisations(doc, si, known, &mut covered[si], by_record);
    }
    for si in 0..doc.sents.len() {
        if doc.sents[si].repeated {
            continue;
        }
        let n = doc.sents[si].tokens.len();
        let mut t = 0;
        while t < n {
            let run_end = {
                let s = &doc.sents[si];
                let mut e = t;
                while e < n
                    && e - t < 3
                    && !covered[si][e]
                    && capitalised_word(&s.tokens[e])
                    && cyrillic(s.tokens[e].text)
                {
                    e += 1;
                }
                e
            };
            if run_end - t >= 2 {
                let words: Vec<&str> = doc.sents[si].tokens[t..run_end].iter().map(|x| x.text).collect();
                // "Бухгалтер Ирина Бут-Гусаим": a capitalised role before a
                // given name is not part of the name.
                if given_name(words[0]).is_none() && given_name(words[1]).is_some() {
                    t += 1;
                    continue;
                }
                // The longest that reads as a name: three words, else two.
                let mut done = false;
                for len in (2..=words.len()).rev() {
                    if let Some(name) = person_name(&words[..len]) {
                        let (a, b) = (doc.sents[si].tokens[t].start, doc.sents[si].tokens[t + len - 1].end);
                        let found = doc.text[a..b].to_owned();
                        let e = entity_for(doc, known, by_record, EntityKind::Person, &name);
                        add_mention(doc, si, t, t + len, e, &found, &mut covered[si]);
                        t += len;
                        done = true;
                        break;
                    }
                }
                if done {
                    continue;
                }
            }
            t += 1;
        }
    }
    for si in 0..doc.sents.len() {
        if doc.sents[si].repeated {
            continue;
        }
        for t in 0..doc.sents[si].tokens.len() {
            let tok = doc.sents[si].tokens[t];
            if covered[si][t] || !capitalised_word(&tok) || !cyrillic(tok.text) {
                continue;
            }
            if let Some(e) = person_by_surname(doc, tok.text) {
                add_mention(doc, si, t, t + 1, e, tok.text, &mut covered[si]);
            }
        }
    }
}

fn find_organisations(
    doc: &mut Doc<'_>,
    si: usize,
    known: &Known,
    covered: &mut [bool],
    by_record: &mut HashMap<RecordId, usize>,
) {
    let n = doc.sents[si].tokens.len();
    let acronym = |t: &Token<'_>| {
        t.is_word()
            && t.text.chars().count() >= 2
            && t.text.chars().count() <= 7
            && t.text.chars().all(|c| c.is_uppercase() || c == '-')
            && !NOT_ORG_ACRONYMS.contains(&t.text)
    };
    // "Long name (ACR)".
    let mut t = 0;
    while t + 2 < n {
        let toks = &doc.sents[si].tokens;
        if !(toks[t].text == "(" && acronym(&toks[t + 1]) && toks[t + 2].text == ")") || t == 0 {
            t += 1;
            continue;
        }
        // Back over words to the leftmost capitalised head or adjective.
        let mut from = None;
        let mut i = t;
        while i > 0 && t - i < 8 {
            i -= 1;
            let w = &toks[i];
            if !w.is_word() || covered[i] {
                break;
            }
            if capitalised_word(w) && (head_of(w.text).is_some() || adjective(w.text) || !cyrillic(w.text)) {
                from = Some(i);
            }
        }
        if let Some(f) = from {
            let words: Vec<&str> = toks[f..t].iter().map(|x| x.text).collect();
            let name = if cyrillic(words[0]) {
                org_nominative(&words)
            } else {
                words.join(" ")
            };
            let acr = toks[t + 1].text.to_owned();
            let (a, b) = (toks[f].start, toks[t - 1].end);
            let found = doc.text[a..b].to_owned();
            // An acronym of the case file's (found already) names its record.
            let of_record = doc.sents[si]
                .mentions
                .iter()
                .find(|m| m.t0 == t + 1 && doc.entities[m.entity].kind == EntityKind::Organisation)
                .map(|m| m.entity);
            let e = match of_record {
                Some(e) => e,
                None => entity_for(doc, known, by_record, EntityKind::Organisation, &name),
            };
            if !doc.entities[e].acronyms.contains(&acr) {
                doc.entities[e].acronyms.push(acr.clone());
            }
            add_mention(doc, si, f, t, e, &found, covered);
            add_mention(doc, si, t + 1, t + 2, e, &acr, covered);
        }
        t += 3;
    }
    // Head nouns and the adjectives before them; Latin names.
    let mut t = 0;
    while t < n {
        let toks = &doc.sents[si].tokens;
        if covered[t] || !capitalised_word(&toks[t]) {
            t += 1;
            continue;
        }
        if !cyrillic(toks[t].text) {
            // Oil Construction Company.
            let mut e = t;
            while e < n && !covered[e] && capitalised_word(&toks[e]) && !cyrillic(toks[e].text) {
                e += 1;
            }
            if e - t >= 2 {
                let words: Vec<&str> = toks[t..e].iter().map(|x| x.text).collect();
                let name = words.join(" ");
                let (a, b) = (toks[t].start, toks[e - 1].end);
                let found = doc.text[a..b].to_owned();
                let ent = entity_for(doc, known, by_record, EntityKind::Organisation, &name);
                add_mention(doc, si, t, e, ent, &found, covered);
            }
            t = e.max(t + 1);
            continue;
        }
        // Capitalised adjective, up to two more adjectives, a head noun.
        let mut h = None;
        if head_of(toks[t].text).is_some() {
            h = Some(t);
        } else if adjective(toks[t].text) {
            let mut j = t + 1;
            while j < n && j - t <= 3 && toks[j].is_word() && !covered[j] {
                if head_of(toks[j].text).is_some() {
                    h = Some(j);
                    break;
                }
                if !adjective(toks[j].text) {
                    break;
                }
                j += 1;
            }
        }
        let Some(h) = h else {
            t += 1;
            continue;
        };
        // The genitives after the head: "независимых профсоюзов Республики
        // Казахстан", "национальной безопасности", "Шымкента".
        let mut e = h + 1;
        while e < n && e - h <= 6 && toks[e].is_word() && !covered[e] {
            let w = toks[e].text;
            let lw = lower(w);
            // "… энергетики и нефтяной промышленности": "и" before an adjective.
            let conj = lw == "и" && toks.get(e + 1).is_some_and(|x| x.is_word() && adjective(x.text));
            // "бюро по правам человека".
            if lw == "по"
                && toks
                    .get(e + 1)
                    .is_some_and(|x| x.is_word() && (x.text.ends_with("ам") || x.text.ends_with("ям")))
                && toks.get(e + 2).is_some_and(|x| x.is_word() && !capitalised_word(x))
            {
                e += 3;
                continue;
            }
            let place = capitalised_word(&toks[e]) && is_place(w);
            if (genitive_tail(w) && !capitalised_word(&toks[e])) || conj || place {
                e += 1;
            } else {
                break;
            }
        }
        // A bare head noun at the start ("Суд назначил") is no name.
        if h == t && e == h + 1 {
            t += 1;
            continue;
        }
        let words: Vec<&str> = toks[t..e].iter().map(|x| x.text).collect();
        let name = org_nominative(&words);
        let (a, b) = (toks[t].start, toks[e - 1].end);
        let found = doc.text[a..b].to_owned();
        let ent = entity_for(doc, known, by_record, EntityKind::Organisation, &name);
        add_mention(doc, si, t, e, ent, &found, covered);
        t = e;
    }
    // Quoted names: «…», “…“, "…".
    let mut t = 0;
    while t < n {
        let toks = &doc.sents[si].tokens;
        if !matches!(toks[t].text, "«" | "“" | "\"" | "„") {
            t += 1;
            continue;
        }
        let close = (t + 1..(t + 6).min(n)).find(|&j| matches!(toks[j].text, "»" | "”" | "“" | "\""));
        let Some(c) = close else {
            t += 1;
            continue;
        };
        let inner = &toks[t + 1..c];
        let ok = !inner.is_empty()
            && inner.len() <= 3
            && inner.iter().all(|x| x.is_word())
            && capitalised_word(&inner[0])
            && !covered[t + 1..c].iter().any(|x| *x)
            && !inner.iter().any(|x| NOT_NAME_START.contains(&lower(x.text).as_str()))
            && !is_place(inner[0].text);
        if ok {
            let words: Vec<&str> = inner.iter().map(|x| x.text).collect();
            let (a, b) = (inner[0].start, inner[inner.len() - 1].end);
            let found = doc.text[a..b].to_owned();
            // Right after an organisation's name, or a head noun ("центр
            // “Весна“", "организации «Достойный труд»"), the quoted name is
            // in apposition: another name of it, in the nominative.
            let named_before = doc.sents[si]
                .mentions
                .iter()
                .find(|m| m.t1 == t && doc.entities[m.entity].kind == EntityKind::Organisation)
                .map(|m| m.entity);
            let apposition = t > 0 && head_of(toks[t - 1].text).is_some();
            let e = match named_before {
                Some(e) => e,
                None => {
                    let name = if apposition {
                        words.join(" ")
                    } else {
                        org_nominative(&words)
                    };
                    entity_for(doc, known, by_record, EntityKind::Organisation, &name)
                }
            };
            add_mention(doc, si, t + 1, c, e, &found, covered);
        }
        t = c + 1;
    }
    // Acronyms alone.
    for t in 0..n {
        let tok = doc.sents[si].tokens[t];
        if covered[t] || !acronym(&tok) {
            continue;
        }
        let text = tok.text.to_owned();
        let e = doc
            .entities
            .iter()
            .position(|e| e.kind == EntityKind::Organisation && e.acronyms.contains(&text))
            .unwrap_or_else(|| entity_for(doc, known, by_record, EntityKind::Organisation, &text));
        add_mention(doc, si, t, t + 1, e, &text, covered);
    }
    doc.sents[si].mentions.sort_by_key(|m| m.t0);
}

const MONTHS_RU: &[(&str, u8)] = &[
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("мая", 5),
    ("мае", 5),
    ("май", 5),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
];

fn month_of(word: &str) -> Option<Month> {
    let w = lower(word);
    let m = MONTHS_RU.iter().find(|(stem, _)| {
        w.starts_with(stem) && w.chars().count() <= stem.chars().count() + 2 && (stem.len() > 4 || w == *stem)
    })?;
    Month::try_from(m.1).ok()
}

fn year_of(t: &Token<'_>) -> Option<i32> {
    (t.text.len() == 4 && t.text.chars().all(|c| c.is_ascii_digit()))
        .then(|| t.text.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn day_of(t: &Token<'_>) -> Option<u8> {
    (t.text.len() <= 2 && t.text.chars().all(|c| c.is_ascii_digit()))
        .then(|| t.text.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// The year a day and month without one are read in: the reference's
/// (moved back a year afterwards when that puts them after the text was
/// written: `super::dates::roll_back_years`).
fn year_for(doc: &Doc<'_>) -> Option<i32> {
    doc.reference.map(|r| r.year())
}

pub(super) fn find_dates(doc: &mut Doc<'_>, si: usize, covered: &mut [bool]) {
    let mut found: Vec<(usize, usize, PartialDate)> = Vec::new();
    {
        let s = &doc.sents[si];
        let toks = &s.tokens;
        let n = toks.len();
        let word = |i: usize| s.lower.get(i).map(|w| w.as_ref()).unwrap_or("");
        let reference_year = doc.reference.map(|r| r.year());
        let mut t = 0;
        while t < n {
            if covered[t] {
                t += 1;
                continue;
            }
            // "прошлого года" / "этого года" after a month.
            let year_after = |i: usize| -> Option<(i32, usize)> {
                if let Some(y) = toks.get(i).and_then(year_of) {
                    let used = if matches!(word(i + 1), "года" | "году" | "г") {
                        2
                    } else {
                        1
                    };
                    return Some((y, used));
                }
                match (word(i), word(i + 1)) {
                    ("прошлого", "года") => reference_year.map(|y| (y - 1, 2)),
                    ("этого" | "текущего", "года") => reference_year.map(|y| (y, 2)),
                    _ => None,
                }
            };
            // 03.02.2017
            if toks[t].is_word() && t + 4 < n && toks[t + 1].text == "." && toks[t + 3].text == "." {
                if let (Some(d), Some(m), Some(y)) = (
                    day_of(&toks[t]),
                    toks[t + 2]
                        .text
                        .parse::<u8>()
                        .ok()
                        .and_then(|m| Month::try_from(m).ok()),
                    year_of(&toks[t + 4]),
                ) {
                    if let Ok(date) = Date::from_calendar_date(y, m, d) {
                        found.push((t, t + 5, PartialDate::day(date)));
                        t += 5;
                        continue;
                    }
                }
            }
            // 16 мая [2017 года]
            if let (Some(d), Some(m)) = (day_of(&toks[t]), toks.get(t + 1).and_then(|x| month_of(x.text))) {
                let (year, end) = match year_after(t + 2) {
                    Some((y, used)) => (Some(y), t + 2 + used),
                    None => (year_for(doc), t + 2),
                };
                if let Some(date) = year.and_then(|y| Date::from_calendar_date(y, m, d).ok()) {
                    found.push((t, end, PartialDate::day(date)));
                    t = end;
                    continue;
                }
            }
            // в июне [2019 года], в начале января, в сентябре прошлого года
            if let Some(m) = month_of(toks[t].text).filter(|_| toks[t].is_word()) {
                let prev = if t > 0 { word(t - 1) } else { "" };
                let opened = matches!(
                    prev,
                    "в" | "во" | "начале" | "конце" | "середине" | "с" | "до" | "к" | "после"
                );
                let (year, end) = match year_after(t + 1) {
                    Some((y, used)) => (Some(y), t + 1 + used),
                    None if opened => (year_for(doc), t + 1),
                    None => (None, t + 1),
                };
                if let Some(date) = year.and_then(|y| PartialDate::month(y, m).ok()) {
                    let from = if opened { t - 1 } else { t };
                    found.push((from, end, date));
                    t = end;
                    continue;
                }
            }
            // в 2014 году, 2017 года
            if let Some(y) = year_of(&toks[t]) {
                if matches!(word(t + 1), "год" | "года" | "году" | "г") {
                    if let Ok(date) = PartialDate::year(y) {
                        found.push((t, t + 2, date));
                        t += 2;
                        continue;
                    }
                }
            }
            // в этом году, в прошлом году, в прошлом месяце
            match (word(t), word(t + 1)) {
                ("этом" | "текущем", "году") => {
                    if let Some(d) = reference_year.and_then(|y| PartialDate::year(y).ok()) {
                        found.push((t, t + 2, d));
                        t += 2;
                        continue;
                    }
                }
                ("прошлом", "году") => {
                    if let Some(d) = reference_year.and_then(|y| PartialDate::year(y - 1).ok()) {
                        found.push((t, t + 2, d));
                        t += 2;
                        continue;
                    }
                }
                ("прошлом", "месяце") => {
                    if let Some(d) = doc.reference.and_then(|r| {
                        let m = r.month().previous();
                        let y = if m == Month::December { r.year() - 1 } else { r.year() };
                        PartialDate::month(y, m).ok()
                    }) {
                        found.push((t, t + 2, d));
                        t += 2;
                        continue;
                    }
                }
                ("сегодня", _) => {
                    if let Some(d) = doc.article_date {
                        found.push((t, t + 1, d));
                        t += 1;
                        continue;
                    }
                }
                ("вчера", _) => {
                    if let Some(d) = doc.article_date.and_then(|d| d.exact()).and_then(|d| d.previous_day()) {
                        found.push((t, t + 1, PartialDate::day(d)));
                        t += 1;
                        continue;
                    }
                }
                _ => {}
            }
            t += 1;
        }
    }
    let text = doc.text;
    let s = &mut doc.sents[si];
    for (a, b, date) in found {
        let b = b.min(s.tokens.len());
        if covered[a..b].iter().any(|c| *c) {
            continue;
        }
        for c in covered.iter_mut().take(b).skip(a) {
            *c = true;
        }
        let _ = text;
        s.dates.push(DateMention {
            t0: a,
            t1: b,
            start: s.tokens[a].start,
            end: s.tokens[b - 1].end,
            date,
        });
    }
}

const NUMBERS_RU: &[(&str, u16)] = &[
    ("один", 1),
    ("одного", 1),
    ("одному", 1),
    ("одним", 1),
    ("полтора", 1),
    ("полутора", 1),
    ("два", 2),
    ("две", 2),
    ("двух", 2),
    ("двум", 2),
    ("двумя", 2),
    ("три", 3),
    ("трех", 3),
    ("трем", 3),
    ("тремя", 3),
    ("четыре", 4),
    ("четырех", 4),
    ("четырем", 4),
    ("четырьмя", 4),
    ("пять", 5),
    ("пяти", 5),
    ("шесть", 6),
    ("шести", 6),
    ("семь", 7),
    ("семи", 7),
    ("восемь", 8),
    ("восьми", 8),
    ("девять", 9),
    ("девяти", 9),
    ("десять", 10),
    ("десяти", 10),
    ("двенадцать", 12),
    ("двенадцати", 12),
    ("пятнадцать", 15),
    ("пятнадцати", 15),
    ("двадцать", 20),
    ("двадцати", 20),
];

/// 'y', 'm', 'w' or 'd' for a Russian word of a unit of time.
fn unit_of(word: &str) -> Option<char> {
    let w = lower(word);
    if matches!(
        w.as_str(),
        "год" | "года" | "году" | "годам" | "годами" | "годом" | "лет"
    ) {
        Some('y')
    } else if w.starts_with("месяц") {
        Some('m')
    } else if w.starts_with("недел") {
        Some('w')
    } else if w.starts_with("сут") || matches!(w.as_str(), "день" | "дня" | "дней" | "дням") {
        Some('d')
    } else {
        None
    }
}

/// Terms written in Russian between tokens `from` and `to`: "на 4 года",
/// "1,5 года", "к двум с половиной годам", "полтора года", "15 суток".
pub(super) fn durations(s: &Sent<'_>, from: usize, to: usize) -> Vec<(usize, vigil_core::Duration)> {
    let toks = &s.tokens;
    let to = to.min(toks.len());
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let w = lower(toks[i].text);
        let whole: Option<u16> = if w.chars().all(|c| c.is_ascii_digit()) && w.len() <= 3 {
            w.parse().ok()
        } else {
            NUMBERS_RU.iter().find(|(n, _)| *n == w).map(|(_, v)| *v)
        };
        let Some(n) = whole else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        // "1,5": a half.
        let mut half = w.starts_with("полтор") || w.starts_with("полутор");
        if j + 1 < to && toks[j].text == "," && toks[j + 1].text == "5" {
            half = true;
            j += 2;
        }
        if j + 1 < to && lower(toks[j].text) == "с" && lower(toks[j + 1].text).starts_with("половин") {
            half = true;
            j += 2;
        }
        let Some(unit) = toks.get(j).and_then(|t| unit_of(t.text)) else {
            i += 1;
            continue;
        };
        let mut d = vigil_core::Duration::default();
        match unit {
            'y' => {
                d.years = n;
                if half {
                    d.months = 6;
                }
            }
            'm' => d.months = n,
            'w' => d.weeks = n,
            _ => d.days = n,
        }
        out.push((i, d));
        i = j + 1;
    }
    out
}
