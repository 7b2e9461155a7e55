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

/// A passage of the source close to a quote that is not in it word for
/// word: its span in the source and how alike the two are (1 is the same
/// words).
#[derive(Clone, Debug, PartialEq)]
pub struct Nearest {
    pub span: Range<usize>,
    pub likeness: f64,
}

/// Below this likeness a passage is too far from the quote to propose.
const LEAST_LIKENESS: f64 = 0.5;

/// A word of a text as compared: lower case, letters and digits only
/// (quotation marks, punctuation and case make no difference), with the
/// span of the whitespace-separated chunk it was read from.
fn words(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    let push = |from: usize, to: usize, out: &mut Vec<(String, Range<usize>)>| {
        let folded: String = text[from..to]
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if !folded.is_empty() {
            out.push((folded, from..to));
        }
    };
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                push(s, i, &mut out);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

/// Edit distance between two words, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb)).min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// What replacing one word by the other costs: 0 for the same word, a
/// fraction for a misspelling ("procedings", "proceedings"), 1 for another
/// word.
fn substitution(a: &str, b: &str) -> f64 {
    if a == b {
        return 0.0;
    }
    let longest = a.chars().count().max(b.chars().count());
    (distance(a, b) as f64 / longest as f64).min(1.0)
}

/// The passage of `text` most like `quote`, word by word, when one is alike
/// enough to propose ("did you mean …"): misspelt, missing or extra words,
/// case, spaces, punctuation and quotation marks count for little or
/// nothing. `None` when the quote is empty or nothing is close.
///
/// Places where some of the quote's words occur are tried, the best few
/// aligned word by word with the quote, so a long source costs one pass
/// over its words and a handful of small alignments.
pub fn nearest(text: &str, quote: &str) -> Option<Nearest> {
    let quoted = words(quote);
    let source = words(text);
    let n = quoted.len();
    if n == 0 || source.is_empty() {
        return None;
    }
    // Where does the quote start, by each word of it found in the text?
    let mut at: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (j, (w, _)) in source.iter().enumerate() {
        at.entry(w.as_str()).or_default().push(j);
    }
    let mut votes: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (i, (w, _)) in quoted.iter().enumerate() {
        for &j in at.get(w.as_str()).map(Vec::as_slice).unwrap_or_default() {
            if j >= i {
                *votes.entry(j - i).or_default() += 1;
            }
        }
    }
    // A quote of one misspelt word has no anchor: every word is a start.
    let mut starts: Vec<(usize, usize)> = votes.into_iter().collect();
    if starts.is_empty() && n <= 3 {
        starts = (0..source.len()).map(|j| (j, 0)).collect();
    }
    starts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    starts.truncate(if n <= 3 { source.len() } else { 8 });

    let slack = n / 4 + 2;
    let mut best: Option<(f64, usize, usize)> = None;
    for (start, _) in starts {
        let from = start.saturating_sub(slack);
        let to = (start + n + slack).min(source.len());
        if let Some((cost, first, last)) = align(&quoted, &source[from..to]) {
            let candidate = (cost, from + first, from + last);
            if best.is_none_or(|b| candidate.0 < b.0 || (candidate.0 == b.0 && candidate.1 < b.1)) {
                best = Some(candidate);
            }
        }
    }
    let (cost, first, last) = best?;
    let likeness = 1.0 - cost / n as f64;
    (likeness >= LEAST_LIKENESS).then(|| Nearest {
        span: source[first].1.start..source[last].1.end,
        likeness,
    })
}

/// The cheapest alignment of the quote's words with a stretch of the
/// window (it may start and end anywhere in it): its cost and the first and
/// last window words it covers.
fn align(quoted: &[(String, Range<usize>)], window: &[(String, Range<usize>)]) -> Option<(f64, usize, usize)> {
    let m = window.len();
    // cost[j], from[j]: the quote so far aligned to end before window word j,
    // and where that alignment started.
    let mut cost: Vec<f64> = vec![0.0; m + 1];
    let mut from: Vec<usize> = (0..=m).collect();
    for (q, _) in quoted {
        let mut next_cost = vec![f64::INFINITY; m + 1];
        let mut next_from = vec![0; m + 1];
        // The quote's word left out.
        for j in 0..=m {
            next_cost[j] = cost[j] + 1.0;
            next_from[j] = from[j];
        }
        for j in 1..=m {
            // Matched with window word j - 1, or a window word left out.
            let matched = cost[j - 1] + substitution(q, &window[j - 1].0);
            if matched < next_cost[j] {
                next_cost[j] = matched;
                next_from[j] = from[j - 1];
            }
            let skipped = next_cost[j - 1] + 1.0;
            if skipped < next_cost[j] {
                next_cost[j] = skipped;
                next_from[j] = next_from[j - 1];
            }
        }
        cost = next_cost;
        from = next_from;
    }
    // The best end that covers at least one window word.
    (1..=m)
        .filter(|&j| from[j] < j)
        .map(|j| (cost[j], from[j], j - 1))
        .min_by(|a, b| a.0.total_cmp(&b.0))
}

/// The sentences of a text, as spans, for choosing a passage by clicking
/// them: a sentence ends after `.`, `!`, `?` or `…` (and any closing quote
/// or bracket) followed by whitespace, or at a line break.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut ended = false;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == '\n' {
            if let Some(s) = start.take() {
                out.push(s..i);
            }
            ended = false;
            continue;
        }
        if start.is_none() {
            if c.is_whitespace() {
                continue;
            }
            start = Some(i);
        }
        if matches!(c, '.' | '!' | '?' | '…') {
            ended = true;
        } else if ended && !matches!(c, '"' | '\'' | '\u{201D}' | '\u{2019}' | '\u{00BB}' | ')' | ']') {
            ended = false;
        }
        let next_is_space = iter.peek().is_none_or(|(_, n)| n.is_whitespace());
        if ended && next_is_space {
            if let Some(s) = start.take() {
                out.push(s..i + c.len_utf8());
            }
            ended = false;
        }
    }
    if let Some(s) = start {
        let end = text.trim_end().len();
        if end > s {
            out.push(s..end);
        }
    }
    out
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

    const HRW: &str = "The court proceedings against him were marred by violations. \
        Instead, on 16 October he was given a new prison sentence of five months and eight days for failing to pay the fine.\n\
        Kazakhstan should end the prosecution of “trade union” leaders.";

    #[test]
    fn nearest_proposes_the_passage_a_misspelt_quote_means() {
        let near = nearest(HRW, "The court procedings against him were marred by violations.").unwrap();
        assert_eq!(
            &HRW[near.span.clone()],
            "The court proceedings against him were marred by violations."
        );
        assert!(near.likeness > 0.9 && near.likeness < 1.0, "{}", near.likeness);
        // Case, spaces, quotation marks and a missing word.
        let near = nearest(HRW, "kazakhstan   SHOULD end prosecution of \"trade union\" leaders").unwrap();
        assert_eq!(
            &HRW[near.span],
            "Kazakhstan should end the prosecution of “trade union” leaders."
        );
        // A word too many, in the middle of a long passage.
        let near = nearest(
            HRW,
            "on 16 October he was given a new long prison sentence of five months",
        )
        .unwrap();
        assert_eq!(
            &HRW[near.span],
            "on 16 October he was given a new prison sentence of five months"
        );
        // The same words exactly: likeness 1.
        assert_eq!(nearest(HRW, "pay the fine.").unwrap().likeness, 1.0);
    }

    #[test]
    fn nearest_proposes_nothing_far_from_the_quote() {
        assert_eq!(
            nearest(HRW, "The weather in Almaty was fine and sunny all week long"),
            None
        );
        assert_eq!(nearest(HRW, "   "), None);
        assert_eq!(nearest("", "anything"), None);
        // One misspelt word alone is still found.
        let near = nearest(HRW, "procedings").unwrap();
        assert_eq!(&HRW[near.span], "proceedings");
    }

    #[test]
    fn sentences_are_cut_at_their_ends_and_at_line_breaks() {
        let s: Vec<&str> = sentences(HRW).into_iter().map(|r| &HRW[r]).collect();
        assert_eq!(
            s,
            [
                "The court proceedings against him were marred by violations.",
                "Instead, on 16 October he was given a new prison sentence of five months and eight days for failing to pay the fine.",
                "Kazakhstan should end the prosecution of “trade union” leaders.",
            ]
        );
        let s: Vec<&str> = sentences("He said: “No.” Then left.\n\n  Heading\nv. 2.0 is out")
            .into_iter()
            .map(|r| &"He said: “No.” Then left.\n\n  Heading\nv. 2.0 is out"[r])
            .collect();
        assert_eq!(s, ["He said: “No.”", "Then left.", "Heading", "v.", "2.0 is out"]);
    }

    proptest! {
        #[test]
        fn nearest_finds_any_passage_with_one_letter_dropped(a in 0usize..20, len in 3usize..12, drop in 0usize..40) {
            let text = "After widespread strikes in 2011 and 2012 Kazakhstan adopted a new Trade Union Law in 2014 which restricted the right to organise";
            let all: Vec<&str> = text.split(' ').collect();
            let a = a.min(all.len() - len);
            let mut quoted: Vec<String> = all[a..a + len].iter().map(|w| w.to_string()).collect();
            let k = drop % len;
            if quoted[k].len() > 4 {
                quoted[k].remove(1);
            }
            let near = nearest(text, &quoted.join(" ")).expect("proposed");
            prop_assert_eq!(&text[near.span], all[a..a + len].join(" "));
        }
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
