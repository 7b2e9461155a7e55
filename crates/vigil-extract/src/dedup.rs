//! The same text twice, and nearly the same.
//!
//! - An exact duplicate has the same [`content_hash`] (SHA-256 of the
//!   cleaned text, as [`vigil_core::Source::content_hash`]).
//! - A near duplicate — the same article republished with a changed
//!   headline, a line added or a typo fixed — shares most of its word
//!   5-shingles: [`Fingerprint`] keeps a MinHash signature of them, whose
//!   agreement estimates the Jaccard similarity; [`NEAR_DUPLICATE`] and
//!   above counts as the same article.
//! - A passage an article repeats inside itself ([`repeats`]) is a
//!   sentence whose normalised text equals an earlier sentence's.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use sha2::{Digest, Sha256};

use crate::text;

/// Jaccard similarity of word 5-shingles at or above which two texts are
/// the same article republished.
pub const NEAR_DUPLICATE: f64 = 0.8;

/// Words in a shingle.
const SHINGLE: usize = 5;

/// Hashes in a MinHash signature.
pub const SIGNATURE_LEN: usize = 64;

/// SHA-256 of the text, lowercase hex.
pub fn content_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A sentence that repeats an earlier one: its span, and where it first
/// appeared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Repeat {
    pub start: usize,
    pub end: usize,
    pub first_start: usize,
}

/// Sentences of at least five words that say again, word for word (case,
/// spacing and quote marks aside), what an earlier sentence said.
pub fn repeats(text: &str) -> Vec<Repeat> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for s in text::sentences(text) {
        let passage = &text[s.start..s.end];
        if passage.split_whitespace().count() < 5 {
            continue;
        }
        let key = text::normalised(passage);
        match seen.get(&key) {
            Some(&first_start) => out.push(Repeat {
                start: s.start,
                end: s.end,
                first_start,
            }),
            None => {
                seen.insert(key, s.start);
            }
        }
    }
    out
}

/// FNV-1a, 64 bits: fast, stable across runs and machines.
fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// FNV-1a of ASCII bytes lowercased on the way, as `fnv` of the
/// lowercased word.
fn fnv_lower(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in bytes {
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A strong 64-bit mix (splitmix64's finaliser), to derive the signature's
/// hash functions from one shingle hash.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The MinHash signature of a text's word 5-shingles (words lowercased,
/// punctuation dropped), by one-permutation hashing: each shingle's hash
/// falls in one of [`SIGNATURE_LEN`] bins, which keeps its least value —
/// one hash per shingle rather than one per bin and shingle.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint {
    pub content_hash: String,
    pub signature: Vec<u64>,
}

const EMPTY: u64 = u64::MAX;

impl Fingerprint {
    pub fn of(text: &str) -> Self {
        let words: Vec<u64> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                if w.is_ascii() {
                    fnv_lower(w.as_bytes())
                } else {
                    fnv(w.to_lowercase().as_bytes(), 0)
                }
            })
            .collect();
        let mut signature = vec![EMPTY; SIGNATURE_LEN];
        let mut add = |shingle: u64| {
            let h = mix(shingle);
            let bin = (h % SIGNATURE_LEN as u64) as usize;
            let value = h / SIGNATURE_LEN as u64;
            if value < signature[bin] {
                signature[bin] = value;
            }
        };
        if words.len() < SHINGLE {
            if !words.is_empty() {
                add(words.iter().fold(0u64, |acc, w| mix(acc ^ w)));
            }
        } else {
            for window in words.windows(SHINGLE) {
                add(window.iter().fold(0u64, |acc, w| mix(acc ^ w)));
            }
        }
        Self {
            content_hash: content_hash(text),
            signature,
        }
    }

    /// The estimated Jaccard similarity of the two texts' shingles (1.0 for
    /// the same text): the share of bins, among those either text fills,
    /// where both hold the same least value.
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        if self.content_hash == other.content_hash {
            return 1.0;
        }
        if self.signature.len() != other.signature.len() || self.signature.is_empty() {
            return 0.0;
        }
        let (mut same, mut filled) = (0usize, 0usize);
        for (a, b) in self.signature.iter().zip(&other.signature) {
            if *a == EMPTY && *b == EMPTY {
                continue;
            }
            filled += 1;
            if a == b {
                same += 1;
            }
        }
        if filled == 0 {
            0.0
        } else {
            same as f64 / filled as f64
        }
    }

    /// Signature bands for locality-sensitive lookup: two texts whose
    /// similarity is high share at least one band with high probability.
    pub fn bands(&self) -> Vec<u64> {
        self.signature
            .chunks(4)
            .enumerate()
            // A band of empty bins says nothing.
            .map(|(i, c)| {
                if c.iter().all(|h| *h == EMPTY) {
                    0
                } else {
                    c.iter().fold(i as u64, |acc, h| mix(acc ^ h))
                }
            })
            .collect()
    }
}

/// The fingerprints of a corpus, for finding a new text's duplicates
/// without comparing it with every other.
#[derive(Debug, Default)]
pub struct Corpus<K> {
    /// A removed text's place is emptied, not reused, so the maps stay valid.
    items: Vec<Option<(K, Fingerprint)>>,
    live: usize,
    by_hash: HashMap<String, usize>,
    by_band: HashMap<(usize, u64), Vec<usize>>,
}

/// What a new text is to a corpus.
#[derive(Debug, Clone, PartialEq)]
pub enum Kinship<K> {
    New,
    Duplicate(K),
    NearDuplicate(K, f64),
}

impl<K: Clone> Corpus<K> {
    pub fn new() -> Self {
        Self {
            items: Vec::new(),
            live: 0,
            by_hash: HashMap::new(),
            by_band: HashMap::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    pub fn add(&mut self, key: K, fingerprint: Fingerprint) {
        let i = self.items.len();
        self.by_hash.entry(fingerprint.content_hash.clone()).or_insert(i);
        for (b, band) in fingerprint.bands().into_iter().enumerate() {
            if band != 0 {
                self.by_band.entry((b, band)).or_default().push(i);
            }
        }
        self.items.push(Some((key, fingerprint)));
        self.live += 1;
    }

    /// Forgets the text added under `key` (a source deleted or withdrawn
    /// from the public). Looks through the corpus: removals are rare.
    pub fn remove(&mut self, key: &K)
    where
        K: PartialEq,
    {
        let Some(i) = self
            .items
            .iter()
            .position(|item| item.as_ref().is_some_and(|(k, _)| k == key))
        else {
            return;
        };
        let Some((_, fingerprint)) = self.items[i].take() else {
            return;
        };
        self.live -= 1;
        if self.by_hash.get(&fingerprint.content_hash) == Some(&i) {
            self.by_hash.remove(&fingerprint.content_hash);
        }
        for (b, band) in fingerprint.bands().into_iter().enumerate() {
            if let Some(list) = self.by_band.get_mut(&(b, band)) {
                list.retain(|&j| j != i);
                if list.is_empty() {
                    self.by_band.remove(&(b, band));
                }
            }
        }
    }

    /// The exact duplicate, else the most similar near duplicate, else new.
    pub fn kinship(&self, fingerprint: &Fingerprint) -> Kinship<K> {
        if let Some(&i) = self.by_hash.get(&fingerprint.content_hash) {
            if let Some((key, _)) = &self.items[i] {
                return Kinship::Duplicate(key.clone());
            }
        }
        let mut best: Option<(usize, f64)> = None;
        let mut seen = HashSet::new();
        for (b, band) in fingerprint.bands().into_iter().enumerate() {
            for &i in self.by_band.get(&(b, band)).into_iter().flatten() {
                if !seen.insert(i) {
                    continue;
                }
                let Some((_, other)) = &self.items[i] else { continue };
                let s = fingerprint.similarity(other);
                if s >= NEAR_DUPLICATE && best.is_none_or(|(_, bs)| s > bs) {
                    best = Some((i, s));
                }
            }
        }
        match best {
            Some((i, s)) => match &self.items[i] {
                Some((key, _)) => Kinship::NearDuplicate(key.clone(), s),
                None => Kinship::New,
            },
            None => Kinship::New,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = include_str!("../../../data/demo/sources/hrw-2019-kazakhstan-upr.txt");
    const _SHORT: &str = "Baltabay was released from prison in August 2019 after being pardoned by the President of the Republic of Kazakhstan, following a massive international union campaign for the liberation of the union leader. However, Baltabay's release from prison in August did not put an end to legal procedings. The remaining portion of his seven-year prison term was replaced by a fine. Baltabay insists on his innocence and refuses to pay the fine or recognize the presidential pardon. He wishes to appeal, prove his innocence and restore his fundamental rights.";

    #[test]
    fn same_text_is_a_duplicate_and_a_small_edit_a_near_one() {
        let mut corpus = Corpus::new();
        corpus.add("a", Fingerprint::of(ARTICLE));
        corpus.add("other", Fingerprint::of("Workers in Zhanaozen have been holding rallies since 22 February, demanding increased wages for low-paid categories of workers."));
        assert_eq!(corpus.kinship(&Fingerprint::of(ARTICLE)), Kinship::Duplicate("a"));
        let edited = format!(
            "Republished: {}",
            ARTICLE.replace("procedings", "proceedings").replace("massive", "large")
        );
        match corpus.kinship(&Fingerprint::of(&edited)) {
            Kinship::NearDuplicate("a", s) => assert!(s >= NEAR_DUPLICATE, "{s}"),
            other => panic!("{other:?}"),
        }
        let unrelated = "The ILO put Kazakhstan under special scrutiny at the International Labour Conference in June 2019 for failing to amend its trade union law and other restrictions.";
        assert_eq!(corpus.kinship(&Fingerprint::of(unrelated)), Kinship::New);
    }

    #[test]
    fn a_removed_text_is_no_longer_found() {
        let mut corpus = Corpus::new();
        corpus.add("a", Fingerprint::of(ARTICLE));
        corpus.add("b", Fingerprint::of(_SHORT));
        corpus.remove(&"a");
        corpus.remove(&"absent");
        assert_eq!(corpus.len(), 1);
        assert_eq!(corpus.kinship(&Fingerprint::of(ARTICLE)), Kinship::New);
        let edited = ARTICLE.replace("procedings", "proceedings");
        assert_eq!(corpus.kinship(&Fingerprint::of(&edited)), Kinship::New);
        assert_eq!(corpus.kinship(&Fingerprint::of(_SHORT)), Kinship::Duplicate("b"));
        // Added again, it is found again.
        corpus.add("a", Fingerprint::of(ARTICLE));
        assert_eq!(corpus.kinship(&Fingerprint::of(ARTICLE)), Kinship::Duplicate("a"));
    }

    #[test]
    fn a_repeated_sentence_is_marked_with_its_first_place() {
        let text = "Three activists remain banned from leading trade unions. Something else is said here today.\n\nThree activists remain  banned from leading trade unions.\n";
        let r = repeats(text);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].first_start, 0);
        assert!(text[r[0].start..r[0].end].starts_with("Three activists"));
    }
}
