//! Extraction: a cleaned text in, proposals out, each quoting its evidence.
//!
//! The rules, in the order they run, each in a file of its own; this one
//! holds the pipeline ([`extract`]) and the types the steps share:
//!
//! 1. The text is cut into sentences and words ([`crate::text`]); sentences
//!    that repeat an earlier one, and lines of the page's furniture
//!    (copyright lines, link bars, share and contact lines, cookie
//!    notices), are not read (`sentences`).
//! 2. Names of records already in the case file are found wherever they
//!    occur, in any spelling ([`Known`]; `known`). In English, runs of
//!    capitalised words are then read as organisations (a head word such
//!    as Union, Confederation, Council, Watch, Prize; an acronym), places
//!    (known places; a name after "in" or "at") or persons (two to four
//!    name-like words; a surname of a person named in full earlier; a word
//!    after a title; a surname ending); "Long Name (ACR)" makes ACR an
//!    alias (`capitalised`).
//!    In Russian, the same from the Russian rules, names declined back to
//!    the nominative (`russian`).
//! 3. Dates are read with [`PartialDate::parse_article`] against the
//!    article's date ("this October", "last year", "since 22 February",
//!    "on Wednesday"); a day or month without a year that would fall after
//!    the text was written is last year's; terms with
//!    [`vigil_core::Duration::parse_article`] (`dates`; Russian in
//!    `russian`).
//! 4. A person's role is read from the phrase beside the name ("the leader
//!    of X, NAME", "NAME, chair of X", "X general secretary NAME")
//!    (`roles`).
//! 5. Events come from trigger words ([`lexicon::TRIGGERS`]) not said as a
//!    wish, a demand or a denial ("to release", "should", "not"); each takes
//!    the date in its clause (else the date that opens the sentence, else
//!    the date of the clause it is coordinated with), its participants from
//!    its clause (else the nearest name before it, else "he"/"his" read as
//!    the last person named), its terms, count of people and place. The
//!    same event told twice (same type, same people, dates that agree) is
//!    one proposal citing both passages. An event with neither a date, a
//!    named participant nor a count of people is not proposed (`events`).
//! 6. Each person, organisation and event is matched to the case file's
//!    records, with a score (`propose`).

// Sentences and their per-token marks are indexed side by side.
#![allow(clippy::needless_range_loop)]

mod capitalised;
mod dates;
mod events;
mod known;
pub mod lexicon;
mod propose;
mod roles;
mod russian;
mod sentences;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use time::Date;
use vigil_core::{name, Excerpt, OrganisationKind, PartialDate, RecordId, RecordKind};

pub use crate::names::Known;
use crate::names::{keys, NameMatch};
use crate::proposal::{Proposal, ProposalKind, ProposedAffiliation};
use crate::text::{self, Token};
use capitalised::{find_places, find_unknown, main_country};
use dates::{find_dates, infer_reference};
use known::find_known;
use lexicon::*;
use propose::{best_name, proposals};
use roles::find_roles;
use sentences::{read_sentences, segments};

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

impl Entity {
    /// An entity named as found (and matched to a record, if at all), with
    /// no role or affiliation yet, neither a state body nor a prize.
    pub fn named(kind: EntityKind, name: String, matched: Option<NameMatch>, confidence: f64) -> Self {
        Entity {
            kind,
            name,
            names: Vec::new(),
            acronyms: Vec::new(),
            matched,
            role: None,
            affiliation: None,
            state: false,
            prize: false,
            confidence,
        }
    }
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
    /// The text is Kazakh: known names are also looked up without a
    /// Kazakh case ending ([`known::kazakh_stems`]).
    pub kazakh: bool,
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
            claim: None,
        }
    }
}

/// A nationality or other adjective of place: not a name itself.
fn is_demonym(word: &str) -> bool {
    lower_in(word, NATIONALITIES) || lower_in(word, OTHER_DEMONYMS)
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
    // Lowercased once, not once an entry.
    if word.is_ascii() {
        PLACES
            .iter()
            .find(|(p, _)| p.eq_ignore_ascii_case(word))
            .map(|(_, c)| *c)
    } else {
        let lower = word.to_lowercase();
        PLACES.iter().find(|(p, _)| *p == lower).map(|(_, c)| *c)
    }
}

/// The triggers whose word is `word` (lowercase), found in a map: every
/// word of every sentence is asked.
pub(crate) fn triggers_of(word: &str) -> &'static [usize] {
    static MAP: std::sync::OnceLock<HashMap<&'static str, Vec<usize>>> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (i, t) in TRIGGERS.iter().enumerate() {
            m.entry(t.word).or_default().push(i);
        }
        m
    });
    map.get(word).map(Vec::as_slice).unwrap_or(&[])
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

/// A known body of one country found only by a common noun of its aliases
/// ("police", "riot police") in an article about another country is that
/// country's police, not the record: its mentions are dropped. Named
/// forms ("Kazakh police") and articles whose country is not told keep
/// theirs.
fn drop_foreign_common_nouns(doc: &mut Doc<'_>, known: &Known) {
    let Some(country) = doc.country else { return };
    let foreign: Vec<bool> = doc
        .entities
        .iter()
        .map(|e| {
            e.kind == EntityKind::Organisation
                && !e.names.is_empty()
                && e.names.iter().all(|n| n.chars().next().is_some_and(char::is_lowercase))
                && e.matched
                    .as_ref()
                    .and_then(|m| known.organisation(&m.record_id))
                    .and_then(|o| o.country.as_deref())
                    .is_some_and(|c| c != country)
        })
        .collect();
    if !foreign.contains(&true) {
        return;
    }
    for s in &mut doc.sents {
        s.mentions.retain(|m| !foreign.get(m.entity).copied().unwrap_or(false));
    }
}

/// Reads the text and proposes records (see the module documentation).
pub fn extract(input: &Input<'_>, known: &Known) -> Extraction {
    let text = input.text;
    let english = input.language.is_none_or(|l| l == "en");
    let russian = input.language == Some("ru");
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
        sents: read_sentences(text, &repeats),
        entities: Vec::new(),
        reference,
        article_date: input.article_date,
        country: None,
        kazakh: input.language == Some("kk"),
    };
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
        dates::roll_back_years(&mut doc);
        find_unknown(&mut doc, known, &mut covered, &mut by_record);
        for si in 0..doc.sents.len() {
            if !doc.sents[si].repeated {
                find_places(&mut doc, si);
                segments(&mut doc.sents[si]);
            }
        }
        doc.country = main_country(&doc);
        drop_foreign_common_nouns(&mut doc, known);
        find_roles(&mut doc);
    } else if russian {
        for si in 0..doc.sents.len() {
            if !doc.sents[si].repeated {
                russian::find_dates(&mut doc, si, &mut covered[si]);
            }
        }
        dates::roll_back_years(&mut doc);
        russian::find_names(&mut doc, known, &mut covered, &mut by_record);
        for si in 0..doc.sents.len() {
            if !doc.sents[si].repeated {
                segments(&mut doc.sents[si]);
            }
        }
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
    let events = if english || russian {
        events::find(&doc, known)
    } else {
        Vec::new()
    };
    extraction.proposals = proposals(&doc, known, events);
    extraction
}

#[cfg(test)]
mod tests;
