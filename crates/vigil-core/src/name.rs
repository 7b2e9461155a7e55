//! Name normalisation: one folded form for matching names across case,
//! accents and scripts. "Балтабай" folds to "baltabay", "Eleusinov" to
//! "eleusinov".
//!
//! On top of folding, [`key`] maps each word of a name to a *variant key*
//! that the usual spellings of one name share: Baltabay, Baltabai and
//! Балтабай all key to `baltabai`; Kushakbaev, Kushakpaev, Kushakbayev and
//! Кушакбаев to `kushakbai`; Tokaev, Tokayev and Тоқаев to `tokai`. The
//! search index, its queries and the matching of extracted names to
//! records all use it, so it lives here, pure.

/// Whether `c` may not stand in a one-line text (a name, a reason): a
/// control character (NUL, tab, CR, LF, ESC…), a line or paragraph
/// separator (U+2028, U+2029), or a bidirectional formatting character
/// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which can
/// make a name or a reason read as something else where it is shown
/// ("Trojan Source").
pub fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Lowercase ASCII letters and digits, words separated by one space.
/// Cyrillic (including Kazakh letters) and accented Latin are transliterated
/// with `any_ascii`, which handles them sensibly where other tables do not.
pub fn fold(s: &str) -> String {
    // Transliteration leaves ASCII as it is: no need to copy it first.
    let ascii = if s.is_ascii() {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(any_ascii::any_ascii(s))
    };
    let mut out = String::with_capacity(ascii.len());
    let mut space = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// Does `query` occur in any of `names` once both are folded?
pub fn any_contains<'a>(names: impl IntoIterator<Item = &'a str>, query: &str) -> bool {
    let q = fold(query);
    !q.is_empty() && names.into_iter().any(|n| fold(n).contains(&q))
}

/// The variant key of one word of a name: transliterated (Russian and
/// Kazakh Cyrillic included; soft and hard signs dropped), lowercased,
/// then the usual transliteration variants collapsed. Extraction (matching
/// found names to records), the search index and its queries all key with
/// this one function, so that a spelling one of them finds, all find.
///
/// - `kh` → `h` (Kharkova, Harkova: both write х), `gh` → `g`, `q` → `k`
///   (Тоқаев, Toqaev), `ph` → `f`, `ck` → `k`, `w` → `v`, `x` → `ks`
///   (Max, Maks);
/// - `zh`, `dzh`, `dj` → `j` (Zhanaozen, Janaozen); `shch`, `sch` → `sh`;
///   `tch` → `ch` (French and older English spellings of ч); `ou` → `u`;
/// - `ye` and `yo` → `e` (Yeleusinov, Tokayev, Fyodor); `ie` → `e` inside
///   a word (Grigoriev, Grigoryev: ье is written both ways; not at the
///   start, where "ie" transliterates nothing); then `y` → `i` (Baltabay,
///   Dmitriy), so that -iy, -ii and -y end alike (Dmitriy, Dmitrii, Dmitry);
/// - `kp` → `kb` (Kushakpaev: the -bay of a Kazakh name after a voiceless
///   consonant);
/// - doubled letters once (Yeleussinov, Dmitrii);
/// - a closing `-aev` (after the rules above, so -ayev and -aiev too),
///   bare or with a Russian case ending, → `-ai`: Russian forms add -ев
///   to a Kazakh name in -ай (Балтабай, Балтабаев), and one person is
///   written both ways (Baltabay, Baltabayev). Only where three letters
///   or more stand before it, so that no short word is touched; -ov, -in
///   and the like are kept apart (Kharkov and Kharkova are not the same
///   person, nor Bokai and Bokov).
///
/// Digits are kept; anything that is not a letter or digit is dropped.
/// A key may be empty (a word of punctuation only).
pub fn key(word: &str) -> String {
    // Every word indexed or read is keyed: ASCII words, the most, are not
    // copied into a String first.
    let src: Vec<u8> = if word.is_ascii() {
        word.bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase())
            .collect()
    } else {
        let mut ascii = String::with_capacity(word.len() + 4);
        for c in word.chars().flat_map(char::to_lowercase) {
            if let Some(t) = cyrillic(c) {
                ascii.push_str(t);
            } else if c.is_ascii() {
                ascii.push(c);
            } else {
                ascii.push_str(any_ascii::any_ascii_char(c));
            }
        }
        ascii
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase())
            .collect()
    };
    let mut out: Vec<u8> = Vec::with_capacity(src.len() + 2);
    let mut i = 0;
    while i < src.len() {
        let rest = &src[i..];
        let (emit, used): (&[u8], usize) = match rest {
            [b's', b'h', b'c', b'h', ..] => (b"sh", 4),
            [b'd', b'z', b'h', ..] => (b"j", 3),
            [b's', b'c', b'h', ..] => (b"sh", 3),
            [b't', b'c', b'h', ..] => (b"ch", 3),
            [b'z', b'h', ..] | [b'd', b'j', ..] => (b"j", 2),
            [b'k', b'h', ..] => (b"h", 2),
            [b'g', b'h', ..] => (b"g", 2),
            [b'p', b'h', ..] => (b"f", 2),
            [b'c', b'k', ..] => (b"k", 2),
            [b'k', b'p', ..] => (b"kb", 2),
            [b'o', b'u', ..] => (b"u", 2),
            [b'y', b'e', ..] | [b'y', b'o', ..] => (b"e", 2),
            [b'i', b'e', ..] if i > 0 => (b"e", 2),
            [b'q', ..] => (b"k", 1),
            [b'w', ..] => (b"v", 1),
            [b'x', ..] => (b"ks", 1),
            [b'y', ..] => (b"i", 1),
            [c, ..] => (std::slice::from_ref(c), 1),
            [] => break,
        };
        for &b in emit {
            if out.last() != Some(&b) || b.is_ascii_digit() {
                out.push(b);
            }
        }
        i += used;
    }
    surname_in_ai(&mut out);
    // Only ASCII bytes were pushed.
    String::from_utf8(out).unwrap_or_default()
}

/// `-aev` closing a key (see [`key`]) becomes `-ai`, before any case
/// ending: Кушакбаева keys as Балтабая does, so that the case forms of
/// one are the case forms of the other ([`case_forms`]).
fn surname_in_ai(key: &mut Vec<u8>) {
    for ending in std::iter::once("").chain(CASE_ENDINGS) {
        let Some(stem) = key.strip_suffix(ending.as_bytes()) else {
            continue;
        };
        let Some(before) = stem.strip_suffix(b"aev") else {
            continue;
        };
        if before.len() < 3 || !before.iter().all(u8::is_ascii_lowercase) {
            return;
        }
        // "aev" becomes "ai": one letter less, the ending moves back.
        let at = before.len();
        key[at + 1] = b'i';
        key.remove(at + 2);
        return;
    }
}

/// The variant keys of every word of a name, in order, empty ones left out.
pub fn keys(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .map(key)
        .filter(|k| !k.is_empty())
        .collect()
}

/// Keys that a word being typed may be the start of. The key of a prefix
/// is not always a prefix of the whole word's key ("Tokaye" keys to
/// `tokae`, "Tokayev" to `tokai`; "K" to `k`, "Kharkova" to `harkova`), so
/// the key of the prefix without its last letter is offered too.
pub fn prefix_keys(partial: &str) -> Vec<String> {
    let mut out = vec![key(partial)];
    let mut chars = partial.chars();
    if chars.next_back().is_some() {
        let shorter = key(chars.as_str());
        if !shorter.is_empty() && !out.contains(&shorter) {
            out.push(shorter);
        }
    }
    out.retain(|k| !k.is_empty());
    out
}

/// Russian case endings as they look in a key: а у е ы/и ом ем ым ой я ю.
const CASE_ENDINGS: [&str; 10] = ["a", "u", "e", "i", "om", "em", "im", "oi", "ia", "iu"];

/// The keys of the other case forms of a name in a Russian text, from the
/// key of any of them: Russian declines names (Балтабай, Балтабая,
/// Балтабаем; Кушакбаев, Кушакбаева, Кушакбаевым; Харькова, Харьковой),
/// and a search for one form should find the others. The key itself is
/// not among them; keys shorter than four letters have none.
pub fn case_forms(key: &str) -> Vec<String> {
    if key.len() < 4 || !key.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    let mut stems = vec![key];
    for ending in CASE_ENDINGS {
        if let Some(stem) = key.strip_suffix(ending) {
            if stem.len() >= 3 {
                stems.push(stem);
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    for stem in stems {
        let forms = std::iter::once(stem.to_owned()).chain(CASE_ENDINGS.iter().map(|e| format!("{stem}{e}")));
        for form in forms {
            if form != key && form.len() >= 4 && !out.contains(&form) {
                out.push(form);
            }
        }
    }
    out
}

/// Russian and Kazakh letters whose `any_ascii` form would split a word
/// (soft and hard signs) or that the common transliterations write
/// otherwise (Kazakh letters as their nearest Russian ones).
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'ь' | 'ъ' => "",
        'ә' => "a",
        'ғ' => "g",
        'қ' => "k",
        'ң' => "n",
        'ө' => "o",
        'ұ' | 'ү' => "u",
        'һ' => "h",
        'і' | 'ї' => "i",
        'ё' | 'є' | 'э' => "e",
        'й' => "y",
        'х' => "kh",
        'ґ' => "g",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_scripts_case_and_punctuation() {
        assert_eq!(fold("Балтабай"), "baltabay");
        assert_eq!(fold("  Erlan   BALTABAY "), "erlan baltabay");
        assert_eq!(fold("Workers’ Union"), "workers union");
        assert_eq!(fold("Тоқаев"), "toqaev");
        assert!(any_contains(["Erlan Baltabay", "Ерлан Балтабай"], "балта"));
        assert!(!any_contains(["Erlan Baltabay"], "  "));
    }

    #[test]
    fn spellings_of_one_name_share_a_key() {
        let groups: &[&[&str]] = &[
            &["Baltabay", "Baltabai", "Балтабай", "BALTABAY"],
            &["Kushakbaev", "Kushakpaev", "Kushakbayev", "Кушакбаев"],
            &["Tokaev", "Tokayev", "Тоқаев", "Токаев"],
            &["Nazarbaev", "Nazarbayev", "Назарбаев"],
            &["Eleusinov", "Yeleusinov", "Елеусинов", "Yeleussinov"],
            &["Kharkova", "Harkova", "Харькова"],
            &["Max", "Maks", "Макс"],
            &["Zhanaozen", "Janaozen", "Жанаозен", "Жаңаөзен"],
            &["Erlan", "Yerlan", "Ерлан"],
        ];
        for group in groups {
            let first = key(group[0]);
            assert!(!first.is_empty());
            for name in *group {
                assert_eq!(key(name), first, "{name} and {}", group[0]);
            }
        }
        assert_ne!(key("Baltabay"), key("Bokaev"));
        assert_ne!(key("Kharkova"), key("Kushakbaev"));
        assert_eq!(key("2019"), "2019");
        assert_eq!(key("’"), "");
    }

    /// The pairs that one of the two former keys (the search index's and
    /// extraction's) joined: the one key joins them all.
    #[test]
    fn every_pair_either_former_key_joined_is_joined() {
        let pairs = [
            // Joined by both.
            ("Baltabay", "Baltabai"),
            ("Baltabay", "Балтабай"),
            ("Tokaev", "Tokayev"),
            ("Tokaev", "Тоқаев"),
            ("Nazarbaev", "Nazarbayev"),
            ("Kushakbaev", "Kushakpaev"),
            ("Kushakbaev", "Kushakbayev"),
            ("Max", "Maks"),
            ("Eleusinov", "Елеусинов"),
            ("Eleusinov", "Yeleussinov"),
            ("Kharkova", "Харькова"),
            ("Kharkova", "Harkova"),
            ("Zhanaozen", "Janaozen"),
            ("Жаңаөзен", "Zhanaozen"),
            ("Erlan", "Yerlan"),
            ("Dmitriy", "Dmitrii"),
            // Only by the search index's (tch → ch).
            ("Tchaikovsky", "Chaikovsky"),
            ("Чайковский", "Tchaikovsky"),
            // Only by extraction's (ie → e inside a word).
            ("Grigoriev", "Grigoryev"),
            ("Григорьев", "Grigoriev"),
            ("Dmitriev", "Dmitryev"),
        ];
        for (a, b) in pairs {
            assert_eq!(key(a), key(b), "{a} / {b}");
        }
        // The rules that make them one do not reach the start of a word.
        assert_ne!(key("Iena"), key("Ena"));
    }

    /// Every spelling the demo's persons are written with, and the usual
    /// others, finds the rest; the persons stay apart.
    #[test]
    fn spellings_of_the_demo_persons_find_each_other() {
        let persons: &[&[&str]] = &[
            &[
                "Baltabay",
                "Baltabai",
                "Балтабай",
                "Baltabaev",
                "Baltabayev",
                "Baltabaiev",
                "Балтабаев",
            ],
            &[
                "Kushakbaev",
                "Kushakpaev",
                "Kushakbayev",
                "Кушакбаев",
                "Kushakbai",
                "Kushakbay",
            ],
            &["Eleusinov", "Yeleusinov", "Yeleussinov", "Елеусинов"],
            &["Kharkova", "Harkova", "Khar'kova", "Харькова"],
            &["Bokaev", "Bokayev", "Бокаев", "Bokai"],
            &["Tokaev", "Tokayev", "Тоқаев", "Токаев", "Tokay"],
            &["Nazarbaev", "Nazarbayev", "Nazarbaiev", "Назарбаев", "Nazarbay"],
        ];
        let mut seen: Vec<String> = Vec::new();
        for spellings in persons {
            let first = key(spellings[0]);
            for s in *spellings {
                assert_eq!(key(s), first, "{s} and {}", spellings[0]);
            }
            assert!(!seen.contains(&first), "{first} is two persons");
            seen.push(first);
        }
        assert_eq!(keys("Max Bokaev"), keys("Maks Bokayev"));
        // -iy, -ii and -y end alike.
        assert_eq!(key("Dmitriy"), key("Dmitry"));
        assert_eq!(key("Dmitrii"), key("Дмитрий"));
        // Other surname endings are not merged: they name other people.
        assert_ne!(key("Bokaev"), key("Bokov"));
        assert_ne!(key("Kharkova"), key("Kharkov"));
        assert_ne!(key("Baltabaev"), key("Baltabekov"));
        // Too short a stem for -aev to be a surname suffix.
        assert_eq!(key("Gaev"), "gaev");
    }

    #[test]
    fn case_forms_of_a_name_find_each_other() {
        for (name, forms) in [
            ("Балтабай", &["Балтабая", "Балтабаю", "Балтабаем", "Балтабае"][..]),
            ("Кушакбаев", &["Кушакбаева", "Кушакбаеву", "Кушакбаевым", "Кушакбаеве"]),
            ("Харькова", &["Харьковой", "Харькову"]),
            ("Елеусинов", &["Елеусинова", "Елеусиновым"]),
            ("Тоқаев", &["Токаева", "Тоқаеву"]),
        ] {
            let k = key(name);
            for f in forms {
                let fk = key(f);
                assert!(case_forms(&k).contains(&fk), "{name} → {f}");
                assert!(case_forms(&fk).contains(&k), "{f} → {name}");
            }
        }
        assert!(case_forms("bai").is_empty());
        assert!(!case_forms("baltabai").contains(&"baltabai".to_owned()));
    }

    #[test]
    fn keys_of_a_name_and_of_a_prefix() {
        assert_eq!(keys("Erlan  Baltabay"), ["erlan", "baltabai"]);
        assert_eq!(keys("Larisa Khar’kova"), ["larisa", "har", "kova"]);
        assert_eq!(keys("Харькова Лариса"), ["harkova", "larisa"]);
        assert!(keys(" -- ").is_empty());
        for (typed, full) in [
            ("Tokay", "Tokayev"),
            ("Kh", "Kharkova"),
            ("Kha", "Харькова"),
            ("Балт", "Baltabay"),
            ("Kusha", "Кушакбаев"),
        ] {
            let full = key(full);
            assert!(
                prefix_keys(typed).iter().any(|p| full.starts_with(p.as_str())),
                "{typed} starts {full}: {:?}",
                prefix_keys(typed)
            );
        }
        assert!(prefix_keys("").is_empty());
    }
}

#[cfg(test)]
mod control_tests {
    #[test]
    fn bidi_overrides_and_separators_count_as_control_characters() {
        for c in ['\0', '\n', '\u{1b}', '\u{2028}', '\u{202E}', '\u{2066}', '\u{200F}'] {
            assert!(super::is_control(c), "{c:?}");
        }
        for c in ['a', 'Қ', 'ü', ' ', '\u{05D0}', '\u{0627}'] {
            assert!(!super::is_control(c), "{c:?}");
        }
    }
}
