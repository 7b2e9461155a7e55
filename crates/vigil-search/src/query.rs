//! Queries: what a caller asks ([`SearchQuery`]), how its text is read
//! ([`Terms::parse`]: words and "quoted phrases", forgiving of anything),
//! and how that becomes a tantivy query and a highlighter.

use std::collections::HashSet;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;
use vigil_core::{Country, EventType, RecordId, RecordKind};
use vigil_store::{Page, Visibility};

use crate::analysis::{self, Stems};
use crate::document::{facet, Fields};

/// At most this many words and phrases of a query are used; the rest is
/// ignored (a best-effort answer rather than an error).
pub const MAX_TERMS: usize = 16;
/// At most this many characters of a query's text are read.
pub const MAX_CHARS: usize = 1000;
/// Name keys at least this long are also matched with one typo.
const FUZZY_MIN: usize = 5;
/// A last word at least this long (as a key) also matches names it starts.
const PREFIX_MIN: usize = 3;

/// A search: text (may be empty: then everything that passes the filters),
/// filters by facet, a page, and who asks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchQuery {
    pub text: String,
    pub kind: Option<RecordKind>,
    pub event_type: Option<EventType>,
    pub year: Option<i32>,
    /// As records carry it (`KZ`).
    pub country: Option<Country>,
    pub organisation: Option<RecordId>,
    /// A language tag (`en`, `ru`), compared in lowercase.
    pub language: Option<String>,
    pub page: Page,
    /// The caller's right. Confidential records are never indexed (the
    /// index on disk must not hold their text), so today both answers are
    /// the same; the parameter keeps every caller honest about who asks.
    pub visibility: Visibility,
}

impl SearchQuery {
    /// Everything matching `text`, first page, as the public sees it.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            kind: None,
            event_type: None,
            year: None,
            country: None,
            organisation: None,
            language: None,
            page: Page::default(),
            visibility: Visibility::Public,
        }
    }

    /// The filters as `(dimension, value)` pairs.
    pub fn filters(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(k) = self.kind {
            out.push(("kind", k.as_str().to_owned()));
        }
        if let Some(t) = self.event_type {
            out.push(("type", t.as_str().to_owned()));
        }
        if let Some(y) = self.year {
            out.push(("year", y.to_string()));
        }
        if let Some(c) = self.country {
            out.push(("country", c.as_str().to_owned()));
        }
        if let Some(o) = &self.organisation {
            out.push(("organisation", o.as_str().to_owned()));
        }
        if let Some(l) = &self.language {
            out.push(("language", l.to_ascii_lowercase()));
        }
        out
    }
}

/// One word or phrase of a query, analysed both ways.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// Stemmed text terms, with their word's place in the part (stop
    /// words have none, but keep their place).
    pub stems: Vec<(usize, String)>,
    /// Name keys, likewise.
    pub keys: Vec<(usize, String)>,
    pub phrase: bool,
    /// Prefix keys, for the last bare word of a query.
    pub prefixes: Vec<String>,
}

/// A query's text, read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Terms {
    pub parts: Vec<Part>,
}

impl Terms {
    /// Reads words and "quoted phrases". Never fails: an unclosed quote
    /// runs to the end, control characters and punctuation separate words,
    /// text past [`MAX_CHARS`] and parts past [`MAX_TERMS`] are ignored.
    pub fn parse(text: &str) -> Terms {
        let text: String = text
            .chars()
            .take(MAX_CHARS)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let mut stems = Stems::default();
        let mut raw: Vec<(String, bool)> = Vec::new();
        for (i, chunk) in text.split(['"', '“', '”', '«', '»']).enumerate() {
            if i % 2 == 1 {
                raw.push((chunk.to_owned(), true));
            } else {
                for w in analysis::words(chunk) {
                    raw.push((chunk[w.0..w.1].to_owned(), false));
                }
            }
        }
        // The word being typed: the last one, if it is not in quotes.
        let typing = raw.len().checked_sub(1).filter(|&i| !raw[i].1);
        let ends_in_word = text.trim_end().chars().last().is_some_and(char::is_alphanumeric);
        let mut parts = Vec::new();
        for (i, (chunk, phrase)) in raw.into_iter().enumerate() {
            let words: Vec<&str> = analysis::words(&chunk).map(|(a, b)| &chunk[a..b]).collect();
            let part = Part {
                stems: words
                    .iter()
                    .enumerate()
                    .filter_map(|(i, w)| stems.term(w).map(|t| (i, t)))
                    .collect(),
                keys: words
                    .iter()
                    .enumerate()
                    .filter_map(|(i, w)| analysis::name_term(w).map(|k| (i, k)))
                    .collect(),
                phrase: phrase && words.len() > 1,
                prefixes: if Some(i) == typing && ends_in_word {
                    vigil_core::name::prefix_keys(&chunk)
                        .into_iter()
                        .filter(|k| k.len() >= PREFIX_MIN)
                        .collect()
                } else {
                    Vec::new()
                },
            };
            if !part.stems.is_empty() || !part.keys.is_empty() {
                parts.push(part);
            }
            if parts.len() == MAX_TERMS {
                break;
            }
        }
        Terms { parts }
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The query: every part must match, in some field; then every filter.
    pub fn query(&self, f: &Fields, filters: &[(&'static str, String)]) -> Box<dyn Query> {
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for part in &self.parts {
            must.push((Occur::Must, part.query(f)));
        }
        for (dimension, value) in filters {
            let term = Term::from_facet(f.facets, &facet(dimension, value));
            let q = TermQuery::new(term, IndexRecordOption::Basic);
            must.push((Occur::Must, Box::new(ConstScoreQuery::new(Box::new(q), 0.0))));
        }
        if self.parts.is_empty() {
            must.push((Occur::Must, Box::new(AllQuery)));
        }
        Box::new(BooleanQuery::new(must))
    }

    /// The highlighter for this query's matches.
    pub fn highlighter(&self) -> Highlighter {
        let mut h = Highlighter::default();
        for p in &self.parts {
            h.stems.extend(p.stems.iter().map(|(_, s)| s.clone()));
            h.heads.extend(p.stems.iter().map(|(_, s)| head(s)));
            for (_, k) in &p.keys {
                h.keys.insert(k.clone());
                if !p.phrase {
                    h.keys.extend(vigil_core::name::case_forms(k));
                }
                if !p.phrase && k.len() >= FUZZY_MIN {
                    h.fuzzy.extend(typo_keys(k));
                }
            }
            h.prefixes.extend(p.prefixes.iter().cloned());
        }
        h
    }
}

fn term(field: Field, text: &str) -> Term {
    Term::from_field_text(field, text)
}

fn boosted(q: impl Query, boost: f32) -> (Occur, Box<dyn Query>) {
    (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)))
}

/// One word (a stem or a name key) in one field, weighed by `boost`.
fn word_in(field: Field, word: &str, boost: f32) -> (Occur, Box<dyn Query>) {
    boosted(TermQuery::new(term(field, word), IndexRecordOption::WithFreqs), boost)
}

fn phrase_or_term(field: Field, terms: &[(usize, String)]) -> Option<Box<dyn Query>> {
    match terms {
        [] => None,
        [(_, one)] => Some(Box::new(TermQuery::new(term(field, one), IndexRecordOption::WithFreqs))),
        many => Some(Box::new(PhraseQuery::new_with_offset(
            many.iter().map(|(i, t)| (*i, term(field, t))).collect(),
        ))),
    }
}

impl Part {
    /// Any of: the stems in a title (boosted), body or other text; the
    /// keys in a name (boosted most) or among a text's capitalised words;
    /// a name key with one typo; a name that the last word starts.
    fn query(&self, f: &Fields) -> Box<dyn Query> {
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if self.phrase {
            for (field, terms, boost) in [
                (f.title, &self.stems, 2.0),
                (f.body, &self.stems, 1.0),
                (f.extra, &self.stems, 1.0),
                (f.names, &self.keys, 5.0),
                (f.keys, &self.keys, 1.5),
            ] {
                if let Some(q) = phrase_or_term(field, terms) {
                    any.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
                }
            }
        } else {
            // A bare word: one stem and one key at most (a word is one word).
            for (_, s) in &self.stems {
                any.push(word_in(f.title, s, 2.0));
                any.push(word_in(f.body, s, 1.0));
                any.push(word_in(f.extra, s, 1.0));
            }
            for (_, k) in &self.keys {
                any.push(word_in(f.names, k, 5.0));
                any.push(word_in(f.keys, k, 1.5));
                // Other case forms of the name, as Russian texts decline it.
                for form in vigil_core::name::case_forms(k) {
                    any.push(word_in(f.names, &form, 2.0));
                    any.push(word_in(f.keys, &form, 1.0));
                }
                // Typos are forgiven in names, not in running text: the
                // capitalised words of every source make a dictionary far
                // too large to walk with an automaton on every query.
                if k.len() >= FUZZY_MIN {
                    for t in typo_keys(k) {
                        any.push(boosted(FuzzyTermQuery::new(term(f.names, &t), 1, true), 2.0));
                    }
                }
            }
            for p in &self.prefixes {
                any.push(boosted(FuzzyTermQuery::new_prefix(term(f.names, p), 0, true), 1.0));
            }
        }
        Box::new(BooleanQuery::new(any))
    }
}

/// Finds the words of a text that a query matched, and cuts a snippet
/// around the densest run of them.
#[derive(Clone, Debug, Default)]
pub struct Highlighter {
    stems: HashSet<String>,
    /// The first two letters of each stem: stemming only ever cuts or
    /// changes the end of a word, so a word that starts otherwise is not
    /// stemmed at all (most words of a text, and most of the work).
    heads: HashSet<String>,
    keys: HashSet<String>,
    fuzzy: Vec<String>,
    prefixes: Vec<String>,
}

/// The keys a name key is matched to with one typo: itself and, when it
/// ends like a mistyped -aev surname ("Kushakbeav", "Nazarbyev"), that
/// ending written as the name key writes -aev, `-ai`
/// ([`vigil_core::name::key`]). The key turns a well-spelled -aev into
/// -ai, so a typo in those letters would otherwise be two or three edits
/// from the record's key.
fn typo_keys(k: &str) -> Vec<String> {
    let mut out = vec![k.to_owned()];
    if let Some(stem) = k.strip_suffix('v') {
        let stem = stem.trim_end_matches(['a', 'e', 'i']);
        if stem.len() >= 3 && stem.len() + 1 < k.len() {
            let alt = format!("{stem}ai");
            if alt != k {
                out.push(alt);
            }
        }
    }
    out
}

/// Is `a` at most one edit (insertion, deletion, substitution or swap of
/// neighbours) from `b`?
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[head..], &b[head..]);
    if ra.is_empty() && rb.is_empty() {
        return true;
    }
    let tail = |x: &[u8], y: &[u8]| x == y;
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => {
            tail(&ra[1..], &rb[1..]) || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && tail(&ra[2..], &rb[2..]))
        }
        std::cmp::Ordering::Less => tail(ra, &rb[1..]),
        std::cmp::Ordering::Greater => tail(&ra[1..], rb),
    }
}

/// A word's first two letters, lowercased as the text analyser does.
fn head(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .take(2)
        .collect()
}

/// The length of a snippet, in characters, about.
pub const SNIPPET_CHARS: usize = 240;

impl Highlighter {
    fn matches(&self, stems: &mut Stems, buf: &mut String, word: &str) -> bool {
        if self.heads.contains(&head(word)) && stems.term_into(word, buf) && self.stems.contains(buf) {
            return true;
        }
        if !analysis::is_capitalised(word) {
            return false;
        }
        let Some(k) = analysis::name_term(word) else {
            return false;
        };
        self.keys.contains(&k)
            || self.fuzzy.iter().any(|f| within_one_edit(f, &k))
            || self.prefixes.iter().any(|p| k.starts_with(p.as_str()))
    }

    /// The byte ranges of the matched words of `text`.
    pub fn marks(&self, text: &str) -> Vec<(usize, usize)> {
        if self.stems.is_empty() && self.keys.is_empty() && self.fuzzy.is_empty() && self.prefixes.is_empty() {
            return Vec::new();
        }
        let mut stems = Stems::default();
        let mut buf = String::new();
        analysis::words(text)
            .filter(|&(a, b)| self.matches(&mut stems, &mut buf, &text[a..b]))
            .collect()
    }

    /// About [`SNIPPET_CHARS`] of `text` around its densest run of matches,
    /// HTML-escaped, matches in `<mark>…</mark>`, cuts shown as `…`.
    pub fn snippet(&self, text: &str) -> String {
        let marks = self.marks(text);
        let budget = SNIPPET_CHARS * 4; // bytes, for any script
                                        // The window that starts a little before a match and holds the most.
        let (mut start, mut best, mut j) = (0, 0, 0);
        for (i, &(a, _)) in marks.iter().enumerate() {
            j = j.max(i);
            while j < marks.len() && marks[j].1 <= a + budget / 2 {
                j += 1;
            }
            if j - i > best {
                (start, best) = (a, j - i);
            }
        }
        let start = back_to_boundary(text, start, SNIPPET_CHARS / 6);
        let end = forward_to_boundary(text, start, SNIPPET_CHARS);
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        let mut at = start;
        for &(a, b) in marks.iter().filter(|&&(a, b)| a >= start && b <= end) {
            escape_into(&mut out, &text[at..a]);
            out.push_str("<mark>");
            escape_into(&mut out, &text[a..b]);
            out.push_str("</mark>");
            at = b;
        }
        escape_into(&mut out, &text[at..end]);
        if end < text.len() {
            out.push('…');
        }
        out
    }
}

/// A char boundary about `chars` characters before `at`, at a space if one
/// is near.
fn back_to_boundary(text: &str, at: usize, chars: usize) -> usize {
    let before = &text[..at];
    let Some((from, _)) = before.char_indices().rev().nth(chars) else {
        return 0;
    };
    match before[from..].find(char::is_whitespace) {
        Some(i) => from + i + before[from + i..].chars().next().map_or(0, char::len_utf8),
        None => from,
    }
}

/// A char boundary about `chars` characters after `at`, at a space if one
/// is near.
fn forward_to_boundary(text: &str, at: usize, chars: usize) -> usize {
    let after = &text[at..];
    let Some((to, _)) = after.char_indices().nth(chars) else {
        return text.len();
    };
    match after[..to].rfind(char::is_whitespace) {
        Some(i) if i > to / 2 => at + i,
        _ => at + to,
    }
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistyped_aev_ending_is_also_tried_as_the_key_writes_it() {
        assert_eq!(typo_keys("kushakbeav"), ["kushakbeav", "kushakbai"]);
        assert_eq!(typo_keys("nazarbev"), ["nazarbev", "nazarbai"]);
        assert_eq!(typo_keys("baltabei"), ["baltabei"]);
        assert_eq!(typo_keys("eleusinov"), ["eleusinov"]);
        assert_eq!(typo_keys("bev"), ["bev"]);
    }

    #[test]
    fn words_phrases_and_broken_quotes() {
        let t = Terms::parse(r#"Baltabay "trade union law" sentenced"#);
        assert_eq!(t.parts.len(), 3);
        assert!(t.parts[1].phrase);
        let stems: Vec<&str> = t.parts[1].stems.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(stems, ["trade", "union", "law"]);
        assert_eq!(t.parts[0].keys, [(0, "baltabai".to_owned())]);
        assert_eq!(t.parts[2].prefixes, ["sentenced", "sentence"]);
        // Stop words keep their place in a phrase, and alone are dropped.
        let t = Terms::parse(r#"the "freedom of association""#);
        assert_eq!(t.parts.len(), 1);
        assert_eq!(t.parts[0].stems, [(0, "freedom".to_owned()), (2, "associ".to_owned())]);

        let t = Terms::parse(r#"union "trade law"#);
        assert_eq!(t.parts.len(), 2);
        assert!(t.parts[1].phrase, "an unclosed quote runs to the end");
        assert!(t.parts[0].prefixes.is_empty());

        assert!(Terms::parse(r#"" " ,,, ""#).is_empty());
        assert!(Terms::parse("").is_empty());
        assert_eq!(Terms::parse("x\u{0}b").parts.len(), 2);
        let many = "word ".repeat(1000);
        assert_eq!(Terms::parse(&many).parts.len(), MAX_TERMS);
        let t = Terms::parse("Балт");
        assert_eq!(t.parts[0].prefixes, ["balt", "bal"]);
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("baltabai", "baltabai"));
        assert!(within_one_edit("baltabai", "baltabei"));
        assert!(within_one_edit("baltabai", "batlabai"));
        assert!(within_one_edit("baltabai", "baltabaii"));
        assert!(within_one_edit("baltabai", "altabai"));
        assert!(!within_one_edit("baltabai", "boltobai"));
        assert!(!within_one_edit("baltabai", "balta"));
    }

    #[test]
    fn snippets_escape_and_mark() {
        let h = Terms::parse("Baltabay union").highlighter();
        let s = h.snippet("The <b> union leader Балтабай & Erlan Baltabai were jailed.");
        assert_eq!(
            s,
            "The &lt;b&gt; <mark>union</mark> leader <mark>Балтабай</mark> &amp; Erlan <mark>Baltabai</mark> were jailed."
        );
        let long = format!("{} Kushakbayev {}", "word ".repeat(200), "word ".repeat(200));
        let s = Terms::parse("Кушакбаев").highlighter().snippet(&long);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("<mark>Kushakbayev</mark>"), "{s}");
        assert!(s.chars().count() < SNIPPET_CHARS + 20);
        let plain = Terms::default().highlighter().snippet("a <short> text");
        assert_eq!(plain, "a &lt;short&gt; text");
    }
}
