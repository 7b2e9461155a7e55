//! Step 1: the text cut into sentences and words, each sentence cut into
//! clauses.

use super::*;

/// The sentences of `text`, cut into words (each also lowercased), those
/// starting at one of `repeats` marked as repeated.
pub(super) fn read_sentences<'a>(text: &'a str, repeats: &HashSet<usize>) -> Vec<Sent<'a>> {
    let mut sents = Vec::new();
    for s in text::sentences(text) {
        let tokens = text::tokens(text, s.start, s.end);
        let n = tokens.len();
        let lower = tokens
            .iter()
            .map(|t| {
                let upper = if t.text.is_ascii() {
                    t.text.bytes().any(|b| b.is_ascii_uppercase())
                } else {
                    t.text.chars().any(char::is_uppercase)
                };
                if upper {
                    std::borrow::Cow::Owned(t.text.to_lowercase())
                } else {
                    std::borrow::Cow::Borrowed(t.text)
                }
            })
            .collect();
        sents.push(Sent {
            start: s.start,
            end: s.end,
            repeated: repeats.contains(&s.start),
            tokens,
            lower,
            segment: vec![0; n],
            mentions: Vec::new(),
            dates: Vec::new(),
            places: Vec::new(),
        });
    }
    sents
}

/// Cuts a sentence into clauses at commas, semicolons, colons, brackets and
/// dashes — never inside a date or a name.
pub(super) fn segments(s: &mut Sent<'_>) {
    let mut inside = vec![false; s.tokens.len()];
    for d in &s.dates {
        for x in inside.iter_mut().take(d.t1).skip(d.t0) {
            *x = true;
        }
    }
    for m in &s.mentions {
        for x in inside.iter_mut().take(m.t1).skip(m.t0) {
            *x = true;
        }
    }
    // A short bracket — an acronym — does not cut: "Review (UPR) before …".
    for i in 0..s.tokens.len() {
        if s.tokens[i].text == "(" {
            if let Some(j) = (i + 1..(i + 5).min(s.tokens.len())).find(|&j| s.tokens[j].text == ")") {
                for x in inside.iter_mut().take(j + 1).skip(i) {
                    *x = true;
                }
            }
        }
    }
    let mut seg = 0;
    for (i, t) in s.tokens.iter().enumerate() {
        let cut = !inside[i] && matches!(t.text, "," | ";" | ":" | "(" | ")" | "\u{2014}" | "\u{2013}" | "-");
        if cut {
            seg += 1;
        }
        s.segment[i] = seg;
        if cut {
            seg += 1;
        }
    }
}
