//! Finding a quoted passage in a source's text.
//!
//! A person pasting a passage from a web page rarely reproduces the
//! source's bytes: no-break spaces become spaces, line breaks move, curly
//! quotes straighten. [`locate`] finds the passage all the same and returns
//! the exact span of the source, so the excerpt stored is always the
//! source's own text.

use std::ops::Range;

/// Characters that count as the same when matching a quote.
fn same(a: char, b: char) -> bool {
    fn fold(c: char) -> char {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        }
    }
    fold(a) == fold(b)
}

/// Matches `words` (the quote split on whitespace) at `start`, where any
/// run of whitespace in the quote matches any run in the text; returns the
/// end of the match.
fn match_at(text: &str, start: usize, words: &[&str]) -> Option<usize> {
    let mut pos = start;
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            let rest = text.get(pos..)?;
            let skipped = rest.len() - rest.trim_start().len();
            if skipped == 0 {
                return None;
            }
            pos += skipped;
        }
        let mut chars = text.get(pos..)?.char_indices();
        for w in word.chars() {
            let (_, c) = chars.next()?;
            if !same(c, w) {
                return None;
            }
            pos += c.len_utf8();
        }
    }
    Some(pos)
}

/// The span of `text` that `quote` quotes: at `hint` (its previous start)
/// when it still matches there, else the first match. `None` when the
/// passage is not in the text or is empty.
pub fn locate(text: &str, quote: &str, hint: Option<usize>) -> Option<Range<usize>> {
    let words: Vec<&str> = quote.split_whitespace().collect();
    let first = words.first()?.chars().next()?;
    if let Some(h) = hint.filter(|h| text.is_char_boundary(*h)) {
        if let Some(end) = match_at(text, h, &words) {
            return Some(h..end);
        }
    }
    text.char_indices()
        .filter(|(_, c)| same(*c, first))
        .find_map(|(i, _)| match_at(text, i, &words).map(|end| i..end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TEXT: &str = "Baltabay\u{a0}insists on his innocence.\nHe wishes to appeal, Workers\u{2019} Union.";

    #[test]
    fn finds_a_pasted_passage_whatever_its_spaces_and_quotes() {
        let r = locate(TEXT, "Baltabay insists on his innocence.", None).unwrap();
        assert_eq!(&TEXT[r], "Baltabay\u{a0}insists on his innocence.");
        let r = locate(TEXT, "innocence. He wishes", None).unwrap();
        assert_eq!(&TEXT[r], "innocence.\nHe wishes");
        let r = locate(TEXT, "Workers' Union", None).unwrap();
        assert_eq!(&TEXT[r], "Workers\u{2019} Union");
        assert_eq!(locate(TEXT, "not there", None), None);
        assert_eq!(locate(TEXT, "   ", None), None);
        assert_eq!(locate(TEXT, "innocenc e", None), None);
    }

    #[test]
    fn prefers_the_occurrence_at_the_hint() {
        let text = "the law. the law.";
        assert_eq!(locate(text, "the law.", None), Some(0..8));
        assert_eq!(locate(text, "the law.", Some(9)), Some(9..17));
        assert_eq!(locate(text, "the law.", Some(3)), Some(0..8));
    }

    proptest! {
        #[test]
        fn any_exact_slice_is_found_at_or_before_itself(a in 0usize..60, len in 1usize..40) {
            let text = "After widespread strikes in 2011 and 2012, Kazakhstan adopted a new Trade Union Law in 2014.";
            let start = a.min(text.len() - 1);
            let end = (start + len).min(text.len());
            let quote = &text[start..end];
            prop_assume!(!quote.trim().is_empty());
            let found = locate(text, quote.trim(), None).expect("found");
            prop_assert!(found.start <= start + (quote.len() - quote.trim_start().len()));
            prop_assert_eq!(text[found].split_whitespace().collect::<Vec<_>>(), quote.split_whitespace().collect::<Vec<_>>());
        }
    }
}
