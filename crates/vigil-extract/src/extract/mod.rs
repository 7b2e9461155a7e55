//! Extraction: a cleaned text in, proposals out, each quoting its evidence.
//!
//! The rules, in the order they run:
//!
//! 1. The text is cut into sentences and words ([`crate::text`]); sentences
//!    that repeat an earlier one are not read again.
//! 2. Names of records already in the case file are found wherever they
//!    occur, in any spelling ([`Known`]). In English, runs of capitalised
//!    words are then read as organisations (a head word such as Union,
//!    Confederation, Council, Watch, Prize; an acronym), places (known
//!    places; a name after "in" or "at") or persons (two to four name-like
//!    words; a surname of a person named in full earlier; a word after a
//!    title; a surname ending); "Long Name (ACR)" makes ACR an alias.
//! 3. Dates are read with [`PartialDate::parse_article`] against the
//!    article's date ("this October", "last year", "since 22 February");
//!    terms with [`vigil_core::Duration::parse_article`].
//! 4. A person's role is read from the phrase beside the name ("the leader
//!    of X, NAME", "NAME, chair of X", "X general secretary NAME").
//! 5. Events come from trigger words ([`lexicon::TRIGGERS`]) not said as a
//!    wish, a demand or a denial ("to release", "should", "not"); each takes
//!    the date in its clause (else the date that opens the sentence, else
//!    the date of the clause it is coordinated with), its participants from
//!    its clause (else the nearest name before it, else "he"/"his" read as
//!    the last person named), its terms, count of people and place. The
//!    same event told twice (same type, same people, dates that agree) is
//!    one proposal citing both passages. An event with neither a date, a
//!    named participant nor a count of people is not proposed.
//! 6. Each person, organisation and event is matched to the case file's
//!    records, with a score.

// Sentences and their per-token marks are indexed side by side.
#![allow(clippy::needless_range_loop)]

mod events;
pub mod lexicon;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use time::Date;
use vigil_core::{name, Excerpt, OrganisationKind, PartialDate, RecordId, RecordKind};

pub use crate::names::Known;
use crate::names::{keys, NameMatch};
use crate::proposal::{Proposal, ProposalKind, ProposedAffiliation};
use crate::text::{self, Token};
use lexicon::*;

/// What extraction reads.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    pub source_id: &'a RecordId,
    /// The cleaned text (a source's text): excerpts point into it.
    pub text: &'a str,
    /// The document's language; `None` is read as English.
    pub language: Option<&'a str>,
    /// When the article was written, for relative dates. When not given,
    /// the latest year the text names stands in for it.
    pub article_date: Option<PartialDate>,
    /// The sentences the text repeats, when already known
    /// ([`crate::Document::repeats`]); found again when `None`.
    pub repeats: Option<&'a [crate::Repeat]>,
}

/// What extraction found: the proposals, and the places and dates it read
/// (for showing beside them).
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    pub proposals: Vec<Proposal>,
    pub places: Vec<Found>,
    pub dates: Vec<FoundDate>,
    /// The day relative dates were read against.
    pub reference: Option<Date>,
}

impl Extraction {
    /// How many proposals of each kind.
    pub fn counts(&self) -> Vec<(ProposalKind, usize)> {
        ProposalKind::ALL
            .into_iter()
            .map(|k| (k, self.proposals.iter().filter(|p| p.kind == k).count()))
            .collect()
    }
}

/// A place named in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub country: Option<String>,
}

/// A date read in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundDate {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub date: PartialDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum EntityKind {
    Person,
    Organisation,
}

#[derive(Clone, Debug)]
pub(crate) struct Entity {
    pub kind: EntityKind,
    pub name: String,
    /// Every spelling found, first first.
    pub names: Vec<String>,
    pub acronyms: Vec<String>,
    pub matched: Option<NameMatch>,
    pub role: Option<(String, usize, usize)>,
    pub affiliation: Option<usize>,
    pub state: bool,
    pub prize: bool,
    pub confidence: f64,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Mention {
    pub t0: usize,
    pub t1: usize,
    pub entity: usize,
}

#[derive(Clone, Debug)]
pub(crate) struct DateMention {
    pub t0: usize,
    pub t1: usize,
    pub start: usize,
    pub end: usize,
    pub date: PartialDate,
}

#[derive(Clone, Debug)]
pub(crate) struct PlaceMention {
    pub t0: usize,
    pub name: String,
    pub country: Option<&'static str>,
}

pub(crate) struct Sent<'a> {
    pub start: usize,
    pub end: usize,
    pub repeated: bool,
    pub tokens: Vec<Token<'a>>,
    /// Each token lowercased (borrowed when it has no capital).
    pub lower: Vec<std::borrow::Cow<'a, str>>,
    /// The clause each token is in (cut at commas, brackets, dashes).
    pub segment: Vec<usize>,
    pub mentions: Vec<Mention>,
    pub dates: Vec<DateMention>,
    pub places: Vec<PlaceMention>,
}

pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub source_id: &'a RecordId,
    pub sents: Vec<Sent<'a>>,
    pub entities: Vec<Entity>,
    pub reference: Option<Date>,
    pub article_date: Option<PartialDate>,
    pub country: Option<&'static str>,
}

impl Doc<'_> {
    pub fn excerpt(&self, start: usize, end: usize) -> Excerpt {
        let piece = &self.text[start..end];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        Excerpt {
            source_id: self.source_id.clone(),
            start: start + lead,
            end: start + lead + trimmed.len(),
            text: trimmed.to_owned(),
        }
    }
}

fn lower_in(word: &str, list: &[&str]) -> bool {
    // The lists are lowercase ASCII: no need to lowercase the word itself.
    if std::ptr::eq(list, COMMON) {
        return is_common(word);
    }
    list.iter().any(|x| x.eq_ignore_ascii_case(word))
}

/// [`COMMON`], as a set: it is asked of nearly every capitalised word.
fn is_common(word: &str) -> bool {
    static SET: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| COMMON.iter().copied().collect());
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        set.contains(word.to_ascii_lowercase().as_str())
    } else {
        set.contains(word)
    }
}

/// Is `word`, lowercased, `entry` (a lowercase word of the lexicon)?
/// Without lowercasing when the word is ASCII.
fn same_word(word: &str, entry: &str) -> bool {
    if word.is_ascii() {
        entry.eq_ignore_ascii_case(word)
    } else {
        word.to_lowercase() == entry
    }
}

fn place_of(word: &str) -> Option<Option<&'static str>> {
    PLACES.iter().find(|(p, _)| same_word(word, p)).map(|(_, c)| *c)
}

fn surname_like(word: &str) -> bool {
    let w = word.to_lowercase();
    w.chars().count() >= 5 && SURNAME_ENDINGS.iter().any(|e| w.ends_with(e)) && !lower_in(word, COMMON)
}

fn camel_case(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.first().is_some_and(|c| c.is_uppercase())
        && chars.iter().any(|c| c.is_lowercase())
        && (2..chars.len()).any(|i| chars[i].is_uppercase() && chars[i - 1] != '-')
}

/// The latest year the text names, as the stand-in reference date.
fn infer_reference(text: &str) -> Option<Date> {
    let mut best: Option<i32> = None;
    for w in text.split(|c: char| !c.is_ascii_digit()) {
        if w.len() == 4 {
            if let Ok(y) = w.parse::<i32>() {
                if (1900..=2100).contains(&y) && best.is_none_or(|b| y > b) {
                    best = Some(y);
                }
            }
        }
    }
    Date::from_calendar_date(best?, time::Month::January, 1).ok()
}

/// Reads the text and proposes records (see the module documentation).
pub fn extract(input: &Input<'_>, known: &Known) -> Extraction {
    let text = input.text;
    let english = input.language.is_none_or(|l| l == "en");
    let reference = input
        .article_date
        .map(|d| d.earliest())
        .or_else(|| infer_reference(text));
    let repeats: HashSet<usize> = match input.repeats {
        Some(r) => r.iter().map(|r| r.start).collect(),
        None => crate::dedup::repeats(text).iter().map(|r| r.start).collect(),
    };
    let mut doc = Doc {
        text,
        source_id: input.source_id,
        sents: Vec::new(),
        entities: Vec::new(),
        reference,
        article_date: input.article_date,
        country: None,
    };
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
        doc.sents.push(Sent {
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
    let mut covered: Vec<Vec<bool>> = doc.sents.iter().map(|s| vec![false; s.tokens.len()]).collect();
    // Names of records already in the case file.
    let mut by_record: HashMap<RecordId, usize> = HashMap::new();
    for si in 0..doc.sents.len() {
        if doc.sents[si].repeated {
            continue;
        }
        find_known(&mut doc, si, known, &mut covered[si], &mut by_record);
    }
    if english {
        for si in 0..doc.sents.len() {
            if !doc.sents[si].repeated {
                find_dates(&mut doc, si, &mut covered[si]);
            }
        }
        find_unknown(&mut doc, known, &mut covered, &mut by_record);
        for si in 0..doc.sents.len() {
            if !doc.sents[si].repeated {
                find_places(&mut doc, si);
                segments(&mut doc.sents[si]);
            }
        }
        doc.country = main_country(&doc);
        find_roles(&mut doc);
    }
    let mut extraction = Extraction {
        reference,
        ..Default::default()
    };
    for s in &doc.sents {
        for d in &s.dates {
            extraction.dates.push(FoundDate {
                start: d.start,
                end: d.end,
                text: text[d.start..d.end].to_owned(),
                date: d.date,
            });
        }
        for p in &s.places {
            let t = s.tokens[p.t0];
            extraction.places.push(Found {
                start: t.start,
                end: t.start + p.name.len().min(s.end - t.start),
                text: p.name.clone(),
                country: p.country.map(str::to_owned),
            });
        }
    }
    let events = if english { events::find(&doc, known) } else { Vec::new() };
    extraction.proposals = proposals(&doc, known, events);
    extraction
}

fn main_country(doc: &Doc<'_>) -> Option<&'static str> {
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    for s in &doc.sents {
        for p in &s.places {
            if let Some(c) = p.country {
                *counts.entry(c).or_default() += 1;
            }
        }
    }
    counts.into_iter().max_by_key(|(c, n)| (*n, *c)).map(|(c, _)| c)
}

fn add_entity(doc: &mut Doc<'_>, entity: Entity) -> usize {
    doc.entities.push(entity);
    doc.entities.len() - 1
}

fn entity_for_record(
    doc: &mut Doc<'_>,
    known: &Known,
    m: &NameMatch,
    by_record: &mut HashMap<RecordId, usize>,
) -> usize {
    if let Some(&e) = by_record.get(&m.record_id) {
        return e;
    }
    let kind = if m.kind == RecordKind::Person {
        EntityKind::Person
    } else {
        EntityKind::Organisation
    };
    let org = known.organisation(&m.record_id);
    let state = org.is_some_and(|o| matches!(o.kind, OrganisationKind::StateBody | OrganisationKind::Court));
    let prize = org.is_some_and(|o| {
        let n = o.name.to_lowercase();
        n.contains("prize") || n.contains("award")
    });
    let e = add_entity(
        doc,
        Entity {
            kind,
            name: m.name.clone(),
            names: Vec::new(),
            acronyms: Vec::new(),
            matched: Some(m.clone()),
            role: None,
            affiliation: None,
            state,
            prize,
            confidence: 1.0,
        },
    );
    by_record.insert(m.record_id.clone(), e);
    e
}

fn note_name(entity: &mut Entity, found: &str) {
    let f = name::fold(found);
    if !entity.names.iter().any(|n| name::fold(n) == f) {
        entity.names.push(found.to_owned());
    }
}

/// Word tokens from `t0` matched against `keys`, apostrophes and hyphens
/// between words skipped; the end token index when all match.
fn match_keys(
    tokens: &[Token<'_>],
    first_key: &str,
    t0: usize,
    entry_keys: &[String],
    capitals: &[bool],
) -> Option<usize> {
    let mut t = t0;
    for (i, k) in entry_keys.iter().enumerate() {
        if i > 0 {
            while t < tokens.len() && !tokens[t].is_word() && matches!(tokens[t].text, "'" | "\u{2019}" | "-" | ".") {
                t += 1;
            }
        }
        let tok = tokens.get(t)?;
        let same = if t == t0 {
            first_key == k
        } else {
            tok.is_word() && name::key(tok.text) == *k
        };
        if !tok.is_word() || !same {
            return None;
        }
        if capitals.get(i).copied().unwrap_or(false) && !tok.is_capitalised() && !tok.text.chars().all(char::is_numeric)
        {
            return None;
        }
        t += 1;
    }
    Some(t)
}

fn find_known(
    doc: &mut Doc<'_>,
    si: usize,
    known: &Known,
    covered: &mut [bool],
    by_record: &mut HashMap<RecordId, usize>,
) {
    let n = doc.sents[si].tokens.len();
    let mut t = 0;
    while t < n {
        let tok = doc.sents[si].tokens[t];
        if !tok.is_word() || covered[t] {
            t += 1;
            continue;
        }
        // Only a capitalised word, or the first word of a name written in
        // lowercase ("riot police"), can begin a known name.
        if !tok.is_capitalised() && !known.starts_lowercase(&doc.sents[si].lower[t]) {
            t += 1;
            continue;
        }
        let key = name::key(tok.text);
        let mut best: Option<(usize, usize, bool)> = None; // (end, entry, exact)
        for &ei in known.starting_with(&key) {
            let e = known.entry(ei);
            if let Some(end) = match_keys(&doc.sents[si].tokens, &key, t, &e.keys, &e.capitals) {
                let toks = &doc.sents[si].tokens;
                let exact = name::fold(&doc.text[toks[t].start..toks[end - 1].end]) == e.folded;
                if best.is_none_or(|(b, _, x)| end > b || (end == b && exact && !x)) {
                    best = Some((end, ei, exact));
                }
            }
        }
        let best = best.map(|(end, ei, _)| (end, ei));
        let Some((end, ei)) = best else {
            t += 1;
            continue;
        };
        let e = known.entry(ei).clone();
        let (start_b, end_b) = (doc.sents[si].tokens[t].start, doc.sents[si].tokens[end - 1].end);
        let found = doc.text[start_b..end_b].to_owned();
        let score = if name::fold(&found) == e.folded { 1.0 } else { 0.92 };
        let m = NameMatch {
            record_id: e.record_id.clone(),
            kind: e.kind,
            score,
            name: known.record_name(&e.record_id).unwrap_or(&e.name).to_owned(),
        };
        let entity = entity_for_record(doc, known, &m, by_record);
        let ent = &mut doc.entities[entity];
        if let Some(old) = &mut ent.matched {
            if score > old.score {
                old.score = score;
            }
        }
        note_name(ent, &found);
        for c in covered.iter_mut().take(end).skip(t) {
            *c = true;
        }
        doc.sents[si].mentions.push(Mention { t0: t, t1: end, entity });
        t = end;
    }
}

fn number_value(word: &str) -> Option<u32> {
    if word.chars().all(|c| c.is_ascii_digit()) && !word.is_empty() && word.len() <= 7 {
        return word.parse().ok();
    }
    NUMBER_WORDS.iter().find(|(n, _)| same_word(word, n)).map(|(_, v)| *v)
}

fn is_year(t: &Token<'_>) -> bool {
    t.text.len() == 4
        && t.text.chars().all(|c| c.is_ascii_digit())
        && (1900..=2100).contains(&t.text.parse::<i32>().unwrap_or(0))
}

fn is_day(t: &Token<'_>) -> bool {
    let d = t.text.trim_end_matches(|c: char| c.is_alphabetic());
    !d.is_empty()
        && d.len() <= 2
        && d.chars().all(|c| c.is_ascii_digit())
        && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
}

fn is_month(t: &Token<'_>) -> bool {
    t.is_word() && lower_in(t.text, MONTHS) && t.text.len() >= 3
}

fn find_dates(doc: &mut Doc<'_>, si: usize, covered: &mut [bool]) {
    let reference = doc.reference;
    let article = doc.article_date;
    let text = doc.text;
    let s = &mut doc.sents[si];
    let toks = &s.tokens;
    let n = toks.len();
    let lower = &s.lower;
    let word = |i: usize| lower.get(i).map(|w| w.as_ref()).unwrap_or("");
    let mut t = 0;
    while t < n {
        let mut found: Option<(usize, usize, PartialDate)> = None;
        let tok = toks[t];
        let span = |a: usize, b: usize| &text[toks[a].start..toks[b - 1].end];
        let parse = |a: usize, b: usize| {
            let phrase: String = toks[a..b].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            PartialDate::parse_article(&phrase, reference).ok()
        };
        if is_month(&tok) && (word(t) != "may" || toks.get(t + 1).is_some_and(|x| is_day(x) || is_year(x))) {
            // Month Day, Year | Month Day | Month Year | (in/this) Month
            if toks.get(t + 1).is_some_and(is_day) {
                let comma = toks.get(t + 2).is_some_and(|x| x.text == ",");
                let y = if comma { t + 3 } else { t + 2 };
                if toks.get(y).is_some_and(is_year) {
                    found = parse(t, t + 2)
                        .and(Some(()))
                        .and_then(|_| {
                            PartialDate::parse_article(
                                &format!("{} {} {}", toks[t].text, toks[t + 1].text, toks[y].text),
                                reference,
                            )
                            .ok()
                        })
                        .map(|d| (t, y + 1, d));
                } else {
                    found = parse(t, t + 2).map(|d| (t, t + 2, d));
                }
            } else if toks.get(t + 1).is_some_and(is_year) {
                found = parse(t, t + 2).map(|d| (t, t + 2, d));
            } else {
                let prev = if t > 0 { word(t - 1) } else { "" };
                if matches!(
                    prev,
                    "in" | "this" | "since" | "during" | "until" | "by" | "last" | "early" | "late" | "mid"
                ) {
                    let from = if prev == "this" { t - 1 } else { t };
                    found = parse(from, t + 1).map(|d| (from, t + 1, d));
                    if prev == "last" {
                        // "last October": the one before the reference.
                        found = reference.and_then(|r| {
                            let m = time::Month::try_from(parse(t, t + 1)?.earliest().month() as u8).ok()?;
                            let year = if (m as u8) < (r.month() as u8) {
                                r.year()
                            } else {
                                r.year() - 1
                            };
                            PartialDate::month(year, m).ok().map(|d| (t - 1, t + 1, d))
                        });
                    }
                }
            }
        } else if is_day(&tok) && toks.get(t + 1).is_some_and(is_month) {
            if toks.get(t + 2).is_some_and(is_year) {
                found = parse(t, t + 3).map(|d| (t, t + 3, d));
            } else {
                found = parse(t, t + 2).map(|d| (t, t + 2, d));
            }
        } else if is_year(&tok) {
            let prev = if t > 0 { toks[t - 1].text } else { "" };
            if prev != "$" && toks.get(t + 1).is_none_or(|x| x.text != "%") {
                // "2011 and 2012", "2011-2012"
                if matches!(word(t + 1), "and" | "to" | "-" | "–") && toks.get(t + 2).is_some_and(is_year) {
                    found = parse(t, t + 3).map(|d| (t, t + 3, d));
                }
                if found.is_none() {
                    found = parse(t, t + 1).map(|d| (t, t + 1, d));
                }
            }
        } else if tok.is_word() && matches!(word(t), "this" | "last") && word(t + 1) == "year" {
            found = parse(t, t + 2).map(|d| (t, t + 2, d));
        } else if tok.is_word() && word(t) == "today" {
            found = article.map(|d| (t, t + 1, d));
        } else if tok.is_word() && word(t) == "yesterday" {
            found = article
                .and_then(|d| d.exact())
                .and_then(|d| d.previous_day())
                .map(|d| (t, t + 1, PartialDate::day(d)));
        }
        match found {
            Some((a, b, date)) if !covered[a..b].iter().any(|c| *c) => {
                let _ = span(a, b);
                for c in covered.iter_mut().take(b).skip(a) {
                    *c = true;
                }
                s.dates.push(DateMention {
                    t0: a,
                    t1: b,
                    start: toks[a].start,
                    end: toks[b - 1].end,
                    date,
                });
                t = b;
            }
            _ => t += 1,
        }
    }
}

/// A run of capitalised words that may name something.
#[derive(Clone, Debug)]
struct Run {
    sent: usize,
    t0: usize,
    t1: usize,
    /// A title written before the name ("President").
    title: Option<String>,
}

fn is_title_case(s: &Sent<'_>) -> bool {
    let words: Vec<&Token<'_>> = s
        .tokens
        .iter()
        .filter(|t| t.is_word() && t.text.chars().any(char::is_alphabetic))
        .collect();
    if words.len() < 4 {
        return false;
    }
    let caps = words.iter().filter(|t| t.is_capitalised()).count();
    caps * 10 >= words.len() * 7
}

const CONNECTORS: &[&str] = &["of", "for", "and", "the", "de", "on"];

fn runs(doc: &Doc<'_>, si: usize, covered: &[bool], mid_caps: &HashSet<&str>) -> Vec<Run> {
    let s = &doc.sents[si];
    let toks = &s.tokens;
    let n = toks.len();
    let mut out = Vec::new();
    let mut t = 0;
    let starts_run = |i: usize| -> bool {
        let tok = &toks[i];
        if covered[i] || !tok.is_capitalised() || tok.text.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        if lower_in(tok.text, MONTHS) || lower_in(tok.text, WEEKDAYS) {
            return false;
        }
        let first = i == 0 || (i == 1 && matches!(toks[0].text, "\"" | "\u{201C}" | "("));
        if first && lower_in(tok.text, COMMON) {
            return false;
        }
        if first
            && !tok.is_acronym()
            && !mid_caps.contains(tok.text)
            && !surname_like(tok.text)
            && !camel_case(tok.text)
        {
            // Sentence-initial and never capitalised elsewhere: a name only
            // if another capitalised word follows.
            return toks.get(i + 1).is_some_and(|x| x.is_capitalised() && !covered[i + 1]);
        }
        true
    };
    while t < n {
        if !starts_run(t) {
            t += 1;
            continue;
        }
        let mut end = t + 1;
        loop {
            if end < n && !covered[end] && toks[end].is_capitalised() && !lower_in(toks[end].text, MONTHS) {
                end += 1;
                continue;
            }
            // Workers’ Union: a plural possessive inside a name.
            if end + 1 < n
                && matches!(toks[end].text, "'" | "\u{2019}")
                && toks[end - 1].text.ends_with('s')
                && toks[end + 1].is_capitalised()
                && !covered[end + 1]
            {
                end += 2;
                continue;
            }
            // Connectors between capitalised words: of, for, and, the.
            let mut k = end;
            while k < n && toks[k].is_word() && CONNECTORS.contains(&toks[k].text) && k - end < 2 {
                k += 1;
            }
            if k > end && k < n && toks[k].is_capitalised() && !covered[k] && !lower_in(toks[k].text, MONTHS) {
                end = k + 1;
                continue;
            }
            break;
        }
        // A lowercase head word after the name: "the Arthur Svensson award".
        if end < n
            && toks[end].is_word()
            && matches!(
                toks[end].text,
                "award" | "prize" | "union" | "confederation" | "movement" | "party"
            )
        {
            end += 1;
        }
        out.push(Run {
            sent: si,
            t0: t,
            t1: end,
            title: None,
        });
        t = end;
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Person,
    Organisation,
    Place,
    Nothing,
}

fn words_of<'a>(s: &'a Sent<'a>, r: &Run) -> Vec<&'a str> {
    s.tokens[r.t0..r.t1]
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.text)
        .collect()
}

fn classify(s: &Sent<'_>, r: &Run) -> Class {
    let words = words_of(s, r);
    // The sentence's lowercased tokens, for the same words.
    let lower: Vec<&str> = s.tokens[r.t0..r.t1]
        .iter()
        .zip(&s.lower[r.t0..r.t1])
        .filter(|(t, _)| t.is_word())
        .map(|(_, l)| l.as_ref())
        .collect();
    let Some(&last) = lower.last() else {
        return Class::Nothing;
    };
    if NOT_ORGANISATION_HEADS.contains(&last) {
        return Class::Nothing;
    }
    if lower.iter().any(|w| ORGANISATION_WORDS.contains(w)) {
        return Class::Organisation;
    }
    if words.len() == 1 {
        let w = words[0];
        let tok_after = s.tokens.get(r.t1);
        if s.tokens[r.t0].is_acronym() {
            if tok_after.is_some_and(|t| t.text == "$" || t.text.chars().all(|c| c.is_ascii_digit())) {
                return Class::Nothing;
            }
            if matches!(w, "US" | "USA" | "UK" | "EU") {
                return Class::Place;
            }
            return Class::Organisation;
        }
        if place_of(w).is_some() {
            return Class::Place;
        }
        if lower_in(w, DEMONYMS) || lower_in(w, COMMON) {
            return Class::Nothing;
        }
        if camel_case(w) {
            return Class::Organisation;
        }
        if surname_like(w) {
            return Class::Person;
        }
        let prev = r.t0.checked_sub(1).map(|i| s.lower[i].as_ref());
        if matches!(prev, Some("in" | "at" | "from" | "near")) {
            return Class::Place;
        }
        return Class::Nothing;
    }
    if words.iter().all(|w| place_of(w).is_some() || lower_in(w, DEMONYMS)) {
        return if words.iter().any(|w| place_of(w).is_some()) {
            Class::Place
        } else {
            Class::Nothing
        };
    }
    if lower.iter().any(|w| CONNECTORS.contains(w)) {
        return Class::Nothing;
    }
    if (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().all(|c| c.is_alphabetic() || c == '-')
                && !lower_in(w, COMMON)
                && !lower_in(w, DEMONYMS)
                && !lower_in(w, MONTHS)
                && !lower_in(w, WEEKDAYS)
                && place_of(w).is_none()
                && !ORGANISATION_WORDS.iter().any(|o| same_word(w, o))
        })
    {
        return Class::Person;
    }
    Class::Nothing
}

fn org_kind(name: &str) -> (OrganisationKind, bool, bool) {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    let has = |w: &str| words.contains(&w);
    let state = STATE_WORDS.iter().any(|w| has(w));
    let prize = has("prize") || has("award");
    let kind = if has("confederation") || has("federation") {
        OrganisationKind::Confederation
    } else if has("union") || has("unions") || has("syndicate") {
        OrganisationKind::Union
    } else if has("court") {
        OrganisationKind::Court
    } else if state {
        OrganisationKind::StateBody
    } else if has("nations") || (has("council") && (has("un") || has("united"))) || has("labour") && has("organization")
    {
        OrganisationKind::Intergovernmental
    } else if has("movement") || has("party") || has("front") {
        OrganisationKind::PoliticalMovement
    } else if has("watch")
        || has("foundation")
        || has("association")
        || has("society")
        || has("institute")
        || has("center")
        || has("centre")
    {
        OrganisationKind::Ngo
    } else if has("news") || has("press") || has("radio") || has("times") {
        OrganisationKind::Media
    } else {
        OrganisationKind::Other
    };
    (kind, state, prize)
}

fn find_unknown<'a>(
    doc: &mut Doc<'a>,
    known: &Known,
    covered: &mut [Vec<bool>],
    by_record: &mut HashMap<RecordId, usize>,
) {
    // Words capitalised other than at the start of a sentence.
    let mut mid_caps: HashSet<&'a str> = HashSet::new();
    for s in &doc.sents {
        for (i, t) in s.tokens.iter().enumerate() {
            if i > 1 && t.is_capitalised() {
                mid_caps.insert(t.text);
            }
        }
    }
    let mut all: Vec<(Run, Class)> = Vec::new();
    for si in 0..doc.sents.len() {
        if doc.sents[si].repeated || is_title_case(&doc.sents[si]) {
            continue;
        }
        for mut r in runs(doc, si, &covered[si], &mid_caps) {
            let s = &doc.sents[si];
            // Strip a nationality and a title from the front:
            // "Kazakh President Nursultan Nazarbayev".
            while r.t1 - r.t0 > 1
                && (lower_in(s.tokens[r.t0].text, NATIONALITIES)
                    || (r.t0 == 0 && lower_in(s.tokens[r.t0].text, COMMON)))
            {
                r.t0 += 1;
            }
            let mut title = None;
            while r.t1 - r.t0 > 1
                && lower_in(s.tokens[r.t0].text, TITLES)
                && !lower_in(s.tokens[r.t0 + 1].text, CONNECTORS)
            {
                title = Some(s.tokens[r.t0].text.to_owned());
                r.t0 += 1;
            }
            r.title = title.clone();
            let mut class = classify(s, &r);
            if class == Class::Nothing && title.is_some() {
                class = Class::Person;
            }
            all.push((r, class));
        }
    }
    // Persons named in full give their surnames: "Baltabay" after "Erlan Baltabay".
    let mut surnames: HashMap<String, usize> = HashMap::new();
    let mut person_keys: HashMap<Vec<String>, usize> = HashMap::new();
    let mut org_names: HashMap<String, usize> = HashMap::new();
    let mut acronyms: HashMap<String, usize> = HashMap::new();
    // Acronyms of things that are not organisations: "Universal Periodic Review (UPR)".
    let mut not_acronyms: HashSet<String> = HashSet::new();
    // Surnames of known persons found in this text.
    for (i, e) in doc.entities.iter().enumerate() {
        if e.kind == EntityKind::Person {
            if let Some(m) = &e.matched {
                if let Some(p) = known.person(&m.record_id) {
                    for n in p.names() {
                        if let Some(k) = keys(n).last() {
                            surnames.entry(k.clone()).or_insert(i);
                        }
                    }
                }
            }
        }
    }
    let order: Vec<usize> = {
        // Multi-word runs first, so single words can take their surnames.
        let mut o: Vec<usize> = (0..all.len()).collect();
        o.sort_by_key(|&i| (all[i].0.t1 - all[i].0.t0 == 1, i));
        o
    };
    for i in order {
        let (r, class) = all[i].clone();
        let si = r.sent;
        let s = &doc.sents[si];
        let (start, end) = (s.tokens[r.t0].start, s.tokens[r.t1 - 1].end);
        let found = doc.text[start..end].to_owned();
        let single = words_of(s, &r).len() == 1;
        let title_start = r.title.as_ref().map(|_| s.tokens[r.t0 - 1].start);
        let toks = &s.tokens;
        let acronym = (r.t1 + 2 < toks.len()
            && toks[r.t1].text == "("
            && toks[r.t1 + 1].is_acronym()
            && toks[r.t1 + 2].text == ")")
            .then(|| toks[r.t1 + 1].text.to_owned());
        let k = keys(&found);
        let mut class = class;
        if class == Class::Nothing {
            if let Some(a) = &acronym {
                not_acronyms.insert(a.clone());
            }
        }
        if single && not_acronyms.contains(&found) {
            class = Class::Nothing;
        }
        if single && class != Class::Organisation {
            if let Some(k0) = k.first() {
                if surnames.contains_key(k0) {
                    class = Class::Person;
                }
            }
        }
        let entity = match class {
            Class::Person => {
                let existing = if single {
                    k.first().and_then(|k0| surnames.get(k0).copied())
                } else {
                    person_keys.get(&k).copied().or_else(|| {
                        k.last().and_then(|kl| surnames.get(kl).copied()).filter(|&e| {
                            // A full name joins an entity known by the same
                            // surname only when the given names agree.
                            let ek = keys(&doc.entities[e].name);
                            ek.len() < 2 || ek == k
                        })
                    })
                };
                let e = match existing {
                    Some(e) => e,
                    None => {
                        let matched = known.best_match(&found, RecordKind::Person, &[]);
                        let e = match matched.as_ref().and_then(|m| by_record.get(&m.record_id).copied()) {
                            Some(e) => e,
                            None => {
                                let e = add_entity(
                                    doc,
                                    Entity {
                                        kind: EntityKind::Person,
                                        name: found.clone(),
                                        names: Vec::new(),
                                        acronyms: Vec::new(),
                                        matched: matched.clone(),
                                        role: None,
                                        affiliation: None,
                                        state: false,
                                        prize: false,
                                        confidence: if single { 0.6 } else { 0.8 },
                                    },
                                );
                                if let Some(m) = &matched {
                                    by_record.insert(m.record_id.clone(), e);
                                }
                                e
                            }
                        };
                        if !single {
                            person_keys.insert(k.clone(), e);
                        }
                        if let Some(kl) = k.last() {
                            surnames.entry(kl.clone()).or_insert(e);
                        }
                        e
                    }
                };
                if let (Some(t), Some(ts)) = (&r.title, title_start) {
                    if doc.entities[e].role.is_none() {
                        doc.entities[e].role = Some((t.to_lowercase(), ts, end));
                    }
                }
                Some(e)
            }
            Class::Organisation => {
                let folded = name::fold(&found);
                let folded = folded.strip_prefix("the ").unwrap_or(&folded).to_owned();
                let existing = org_names
                    .get(&folded)
                    .copied()
                    .or_else(|| acronyms.get(&found).copied())
                    .or_else(|| {
                        // "IndustriALL" after "IndustriALL Global Union".
                        let k0 = k.first()?;
                        let distinctive = camel_case(&found) || found.chars().all(|c| c.is_uppercase());
                        if !single || !distinctive {
                            return None;
                        }
                        doc.entities
                            .iter()
                            .position(|e| e.kind == EntityKind::Organisation && keys(&e.name).first() == Some(k0))
                    });
                let e = match existing {
                    Some(e) => e,
                    None => {
                        let matched = known
                            .best_match(&found, RecordKind::Organisation, &[])
                            .or_else(|| org_prefix_match(known, &found));
                        let e = match matched.as_ref().and_then(|m| by_record.get(&m.record_id).copied()) {
                            Some(e) => e,
                            None => {
                                let (_, state, prize) = org_kind(&found);
                                let e = add_entity(
                                    doc,
                                    Entity {
                                        kind: EntityKind::Organisation,
                                        name: found.clone(),
                                        names: Vec::new(),
                                        acronyms: Vec::new(),
                                        matched: matched.clone(),
                                        role: None,
                                        affiliation: None,
                                        state,
                                        prize,
                                        confidence: if single { 0.6 } else { 0.8 },
                                    },
                                );
                                if let Some(m) = &matched {
                                    by_record.insert(m.record_id.clone(), e);
                                }
                                e
                            }
                        };
                        org_names.insert(folded, e);
                        e
                    }
                };
                // "Long Name (ACR)": the acronym is another name of it.
                if let Some(acr) = acronym {
                    let ent = &mut doc.entities[e];
                    if !ent.acronyms.contains(&acr) {
                        ent.acronyms.push(acr.clone());
                    }
                    acronyms.insert(acr, e);
                }
                Some(e)
            }
            Class::Place => {
                doc.sents[si].places.push(PlaceMention {
                    t0: r.t0,
                    name: found.clone(),
                    country: place_of(&found).flatten(),
                });
                None
            }
            Class::Nothing => None,
        };
        if let Some(e) = entity {
            note_name(&mut doc.entities[e], &found);
            for c in covered[si].iter_mut().take(r.t1).skip(r.t0) {
                *c = true;
            }
            doc.sents[si].mentions.push(Mention {
                t0: r.t0,
                t1: r.t1,
                entity: e,
            });
        }
    }
    // Acronyms defined after the run was read, and acronyms of known
    // records written beside their long names: link the mentions.
    for si in 0..doc.sents.len() {
        let mut ms = std::mem::take(&mut doc.sents[si].mentions);
        for m in &mut ms {
            let s = &doc.sents[si];
            if m.t1 - m.t0 == 1 && s.tokens[m.t0].is_acronym() {
                if let Some(&e) = acronyms.get(s.tokens[m.t0].text) {
                    if doc.entities[m.entity].matched.is_none() && doc.entities[m.entity].names.len() == 1 {
                        m.entity = e;
                    }
                }
            }
        }
        ms.sort_by_key(|m| m.t0);
        doc.sents[si].mentions = ms;
    }
}

/// "Senate" for "Senate of Kazakhstan": the found name is the record's
/// name without its "of …".
fn org_prefix_match(known: &Known, found: &str) -> Option<NameMatch> {
    let fk = keys(found);
    let mut hit: Option<NameMatch> = None;
    for e in known.entries().iter().filter(|e| e.kind == RecordKind::Organisation) {
        if e.keys.len() > fk.len() && e.keys[..fk.len()] == fk[..] && e.keys[fk.len()] == "of" {
            if hit.as_ref().is_some_and(|h| h.record_id != e.record_id) {
                return None;
            }
            hit = Some(NameMatch {
                record_id: e.record_id.clone(),
                kind: RecordKind::Organisation,
                score: 0.8,
                name: known.record_name(&e.record_id).unwrap_or_default().to_owned(),
            });
        }
    }
    hit
}

fn find_places(doc: &mut Doc<'_>, si: usize) {
    let s = &mut doc.sents[si];
    for (i, t) in s.tokens.iter().enumerate() {
        if t.is_capitalised() && !s.places.iter().any(|p| p.t0 == i) {
            if let Some(country) = place_of(t.text) {
                s.places.push(PlaceMention {
                    t0: i,
                    name: t.text.to_owned(),
                    country,
                });
            }
        }
    }
    s.places.sort_by_key(|p| p.t0);
}

/// Cuts a sentence into clauses at commas, semicolons, colons, brackets and
/// dashes — never inside a date or a name.
fn segments(s: &mut Sent<'_>) {
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

/// The role phrase beside a person's name.
fn find_roles(doc: &mut Doc<'_>) {
    for si in 0..doc.sents.len() {
        if doc.sents[si].repeated {
            continue;
        }
        let mentions = doc.sents[si].mentions.clone();
        for m in &mentions {
            if doc.entities[m.entity].kind != EntityKind::Person {
                continue;
            }
            let s = &doc.sents[si];
            let toks = &s.tokens;
            let mut found: Option<(String, usize, usize, Option<usize>)> = None;
            // After: "NAME, chair of the X (ACR), …" / "NAME, a trade union activist who …"
            if m.t1 < toks.len() && toks[m.t1].text == "," {
                let seg = s.segment.get(m.t1 + 1).copied();
                let mut end = m.t1 + 1;
                while end < toks.len() && Some(s.segment[end]) == seg {
                    end += 1;
                }
                // Take the closing bracket's acronym too.
                if end + 2 < toks.len() && toks[end].text == "(" && toks[end + 2].text == ")" {
                    end += 3;
                }
                found = role_in(doc, si, m.t1 + 1, end, true)
                    .map(|(role, a, b, org)| (role, a.min(toks[m.t0].start), b, org));
                if let Some(f) = &mut found {
                    f.1 = toks[m.t0].start;
                }
            }
            // Before: "the leader of the X, NAME" / "X general secretary NAME".
            if found.is_none() && m.t0 > 0 {
                let (from, to) = if toks[m.t0 - 1].text == "," {
                    let seg = s.segment[m.t0 - 1].saturating_sub(1);
                    let mut a = m.t0 - 1;
                    while a > 0 && s.segment[a - 1] == seg {
                        a -= 1;
                    }
                    (a, m.t0 - 1)
                } else {
                    let mut a = m.t0;
                    while a > 0
                        && toks[a - 1].is_word()
                        && (lower_in(toks[a - 1].text, ROLES) || toks[a - 1].text == "general")
                    {
                        a -= 1;
                    }
                    // The organisation just before the role: "IndustriALL general secretary".
                    if a < m.t0 {
                        if let Some(om) = s.mentions.iter().find(|o| o.t1 == a) {
                            a = om.t0;
                        }
                    }
                    (a, m.t0)
                };
                if from < to {
                    found =
                        role_in(doc, si, from, to, false).map(|(role, a, _, org)| (role, a, toks[m.t1 - 1].end, org));
                }
            }
            if let Some((role, a, b, org)) = found {
                let e = &mut doc.entities[m.entity];
                if e.role.is_none() {
                    e.role = Some((role, a, b));
                }
                if e.affiliation.is_none() {
                    e.affiliation = org;
                }
            }
        }
    }
}

/// A role noun in `tokens[from..to]` of sentence `si`, near its edge: the
/// role words, the span from its first word, and the organisation named
/// with it.
fn role_in(
    doc: &Doc<'_>,
    si: usize,
    from: usize,
    to: usize,
    after: bool,
) -> Option<(String, usize, usize, Option<usize>)> {
    let s = &doc.sents[si];
    let toks = &s.tokens;
    let words: Vec<usize> = (from..to).filter(|&i| toks[i].is_word()).collect();
    let role_at = words.iter().position(|&i| lower_in(toks[i].text, ROLES))?;
    // Close to the edge the phrase stands at.
    if after && role_at > 5 {
        return None;
    }
    if !after {
        let from_end = words.len() - role_at;
        let org_between = s.mentions.iter().any(|m| m.t0 > words[role_at] && m.t1 <= to);
        if from_end > 3 && !org_between {
            return None;
        }
    }
    // Compound roles: "general secretary", "human rights activist".
    let mut first = role_at;
    while first > 0 {
        let w = toks[words[first - 1]].text;
        let lw = w.to_lowercase();
        if ROLE_ADJECTIVES.contains(&lw.as_str()) || toks[words[first - 1]].is_capitalised() {
            break;
        }
        if ["of", "in", "at", "and", "to", "by", "for", "with", "on", "who", "that"].contains(&lw.as_str()) {
            break;
        }
        first -= 1;
    }
    let mut last = role_at;
    while last + 1 < words.len() && lower_in(toks[words[last + 1]].text, ROLES) {
        last += 1;
    }
    let role: Vec<String> = words[first..=last]
        .iter()
        .map(|&i| toks[i].text.to_lowercase())
        .collect();
    let role = role.join(" ");
    // The phrase starts at its determiner when there is one just before.
    let mut start_tok = words[first];
    let mut k = first;
    while k > 0 && ROLE_ADJECTIVES.contains(&toks[words[k - 1]].text.to_lowercase().as_str()) {
        k -= 1;
        start_tok = words[k];
    }
    if !after {
        // "and the leader of …": start at the determiner, not before.
        start_tok = start_tok.max(from);
    }
    // The organisation named in the phrase, after "of", "in" or "at", or
    // just before the role.
    let org = s
        .mentions
        .iter()
        .filter(|m| m.t0 >= from && m.t1 <= to && doc.entities[m.entity].kind == EntityKind::Organisation)
        .map(|m| m.entity)
        .next();
    let start = toks[start_tok.min(from.max(start_tok))].start;
    let start = if after { toks[from].start.min(start) } else { start };
    let end = toks[to.saturating_sub(1).max(from)].end;
    Some((role, start, end, org))
}

/// The name a proposal shows: the record's own when matched, else the
/// fullest form found (without a leading "the").
pub(crate) fn best_name(ent: &Entity) -> String {
    let name = if let Some(m) = &ent.matched {
        m.name.clone()
    } else {
        ent.names
            .iter()
            .filter(|n| !n.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()))
            .max_by_key(|n| n.split_whitespace().count())
            .cloned()
            .unwrap_or_else(|| ent.name.clone())
    };
    name.strip_prefix("the ").unwrap_or(&name).to_owned()
}

fn proposals(doc: &Doc<'_>, known: &Known, events: Vec<events::Ev>) -> Vec<Proposal> {
    let mut out: Vec<Proposal> = Vec::new();
    let mut entity_proposal: HashMap<usize, String> = HashMap::new();
    // Which entities are named, in order of first mention.
    let mut order: Vec<usize> = Vec::new();
    let mut first_sentence: HashMap<usize, usize> = HashMap::new();
    for (si, s) in doc.sents.iter().enumerate() {
        for m in &s.mentions {
            if !order.contains(&m.entity) {
                order.push(m.entity);
                first_sentence.insert(m.entity, si);
            }
        }
    }
    let mut next = 1;
    for kind in [EntityKind::Person, EntityKind::Organisation] {
        for &e in &order {
            let ent = &doc.entities[e];
            if ent.kind != kind {
                continue;
            }
            let id = format!("p{next}");
            next += 1;
            entity_proposal.insert(e, id.clone());
            let pkind = if kind == EntityKind::Person {
                ProposalKind::Person
            } else {
                ProposalKind::Organisation
            };
            // The best name: the longest full form found.
            let name = best_name(ent);
            let mut p = Proposal::new(id, pkind, name.clone());
            p.name = Some(name.clone());
            p.found_as = ent.names.clone();
            for a in &ent.acronyms {
                if !p.found_as.contains(a) {
                    p.found_as.push(a.clone());
                }
            }
            let record_names: Vec<String> = match &ent.matched {
                Some(m) => known
                    .person(&m.record_id)
                    .map(|p| p.names().map(name::fold).collect())
                    .or_else(|| {
                        known
                            .organisation(&m.record_id)
                            .map(|o| o.names().map(name::fold).collect())
                    })
                    .unwrap_or_default(),
                None => vec![name::fold(&name)],
            };
            for n in ent.names.iter().chain(&ent.acronyms) {
                let f = name::fold(n);
                // A surname alone is no new name for a person known in full.
                let partial = kind == EntityKind::Person
                    && n.split_whitespace().count() == 1
                    && ent.names.iter().any(|x| x.split_whitespace().count() > 1);
                if !record_names.contains(&f) && !p.aliases.iter().any(|a| name::fold(a) == f) && !partial {
                    p.aliases.push(n.clone());
                }
            }
            match &ent.matched {
                Some(m) => {
                    p.matched_id = Some(m.record_id.clone());
                    p.score = m.score;
                }
                None => p.score = ent.confidence,
            }
            if let Some((role, a, b)) = &ent.role {
                p.role = Some(role.clone());
                p.excerpts.push(doc.excerpt(*a, *b));
            }
            if kind == EntityKind::Organisation {
                let (k, _, _) = org_kind(&name);
                p.organisation_kind = Some(match &ent.matched {
                    Some(m) => known.organisation(&m.record_id).map(|o| o.kind).unwrap_or(k),
                    None => k,
                });
            }
            if ent.matched.is_none() {
                p.country = doc.country.map(str::to_owned);
            }
            if let Some(&si) = first_sentence.get(&e) {
                let s = &doc.sents[si];
                let x = doc.excerpt(s.start, s.end);
                if !p
                    .excerpts
                    .iter()
                    .any(|e| e.start <= x.start && x.end <= e.end || x.start <= e.start && e.end <= x.end)
                {
                    p.excerpts.push(x);
                }
            }
            out.push(p);
        }
    }
    // Affiliations, now that organisations have proposal ids.
    for &e in &order {
        let ent = &doc.entities[e];
        if let (Some(org), Some(pid)) = (ent.affiliation, entity_proposal.get(&e)) {
            let o = &doc.entities[org];
            let aff = ProposedAffiliation {
                role: ent.role.as_ref().map(|r| r.0.clone()),
                record_id: o.matched.as_ref().map(|m| m.record_id.clone()),
                proposal_id: if o.matched.is_none() {
                    entity_proposal.get(&org).cloned()
                } else {
                    None
                },
                label: o
                    .matched
                    .as_ref()
                    .map(|m| m.name.clone())
                    .unwrap_or_else(|| o.name.clone()),
            };
            if let Some(p) = out.iter_mut().find(|p| &p.id == pid) {
                p.affiliation = Some(aff);
            }
        }
    }
    // Aliases: a name found for a known record that it does not have yet.
    let entity_props: Vec<Proposal> = out.clone();
    for p in &entity_props {
        if p.matched_id.is_none() {
            continue;
        }
        for a in &p.aliases {
            let mut ap = Proposal::new(format!("p{next}"), ProposalKind::Alias, format!("{a} = {}", p.label));
            next += 1;
            ap.alias = Some(a.clone());
            ap.of = Some(p.id.clone());
            ap.matched_id = p.matched_id.clone();
            ap.score = p.score;
            // Quote where the new name stands.
            if let Some((si, m)) = doc.sents.iter().enumerate().find_map(|(si, s)| {
                s.mentions
                    .iter()
                    .find(|m| {
                        entity_proposal.get(&m.entity) == Some(&p.id)
                            && name::fold(&doc.text[s.tokens[m.t0].start..s.tokens[m.t1 - 1].end]) == name::fold(a)
                    })
                    .map(|m| (si, *m))
            }) {
                let s = &doc.sents[si];
                let _ = m;
                ap.excerpts.push(doc.excerpt(s.start, s.end));
            } else if let Some(x) = p.excerpts.first() {
                ap.excerpts.push(x.clone());
            }
            out.push(ap);
        }
    }
    for ev in events {
        let id = format!("p{next}");
        next += 1;
        out.push(ev.into_proposal(id, doc, &entity_proposal));
    }
    out
}

#[cfg(test)]
mod tests;
