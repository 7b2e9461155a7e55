//! Name normalisation: one folded form for matching names across case,
//! accents and scripts. "Балтабай" folds to "baltabai", "Eleusinov" to
//! "eleusinov". Spelling variants (Baltabay/Baltabai) are the search
//! crate's job; this is the common first step.

/// Lowercase ASCII letters and digits, words separated by one space.
/// Cyrillic (including Kazakh letters) and accented Latin are transliterated
/// with `any_ascii`, which handles them sensibly where other tables do not.
pub fn fold(s: &str) -> String {
    let ascii = any_ascii::any_ascii(s);
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
}
