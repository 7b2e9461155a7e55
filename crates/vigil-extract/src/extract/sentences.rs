//! Step 1: the text cut into sentences and words, each sentence cut into
//! clauses.

use super::*;

/// Words that open a line of a page's furniture rather than its article:
/// share bars, subscription and contact boxes, cookie notices, links to
/// more. Lowercase; a line so opened is boilerplate only when short.
const FURNITURE: &[&str] = &[
    "share",
    "share:",
    "subscribe",
    "contact",
    "contacts",
    "cookie",
    "cookies",
    "print",
    "tweet",
    "follow",
    "related",
    "advertisement",
    "photo:",
    "to read more",
    "read more",
    "read also",
    "sign up",
    "accessibility links",
    "skip to main content",
    "поделиться",
    "подписаться",
    "подпишитесь",
    "читайте также",
    "реклама",
    "доступность ссылок",
    "срочные новости",
];

/// Is the line `s` (a sentence) the page's furniture, not the article: a
/// copyright line, a bar of links ("A | B | C"), a cookie notice, or a
/// short line opened by a word of [`FURNITURE`]? Such lines name designers,
/// map libraries and "Contact", never the persons of the story.
pub(super) fn boilerplate(s: &str) -> bool {
    // Asked of every sentence: byte searches first, lowercasing only a
    // short line.
    let t = s.trim();
    if t.contains('©') {
        // A site's copyright line (a photo's credit names its agency: kept).
        let lower = t.to_lowercase();
        if lower.contains("www.") || lower.contains('|') || lower.contains(".org") {
            return true;
        }
    }
    if t.contains("ights reserved") || t.contains("esign by") || t.matches(" | ").count() >= 2 {
        return true;
    }
    if t.contains("ookies") && (t.contains("e use") || t.contains("ccept")) {
        return true;
    }
    if t.len() > 80 {
        return false;
    }
    let lower = t.to_lowercase();
    lower.split_whitespace().count() <= 6
        && FURNITURE.iter().any(|f| {
            lower
                .strip_prefix(f)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()))
        })
}

/// The sentences of `text`, cut into words (each also lowercased), those
/// starting at one of `repeats` marked as repeated, and lines of the page's
/// furniture ([`boilerplate`]) marked so too: neither is read again.
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
            repeated: repeats.contains(&s.start) || boilerplate(&text[s.start..s.end]),
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
