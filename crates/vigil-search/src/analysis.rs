//! How text becomes terms: the same functions feed the index (as tantivy
//! tokenizers), the queries and the highlighter, so the three always agree.
//!
//! - [`TEXT`]: words, lowercased, stemmed by script — Cyrillic words with
//!   the Russian Snowball stemmer, all others with the English one. The
//!   commonest function words ([`is_stop_word`]) are left out, at their
//!   positions, so phrases still line up.
//! - [`NAMES`]: every word of a name as its variant key
//!   ([`vigil_core::name::key`], the key extraction matches names with
//!   too): Baltabay, Baltabai, Балтабай and Baltabayev are one term.
//! - [`CAPITALISED`]: the variant keys of the capitalised words of running
//!   text only (names are written with a capital in Latin and Cyrillic
//!   alike), at their positions in the text, so that a name in a source is
//!   found in any spelling without keying every word of it.

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

pub const TEXT: &str = "vigil_text";
pub const NAMES: &str = "vigil_names";
pub const CAPITALISED: &str = "vigil_capitalised";

/// Words longer than this (in bytes) are not indexed: no one searches for
/// them, and they would bloat the term dictionary.
const MAX_WORD: usize = 80;

/// The commonest English and Russian function words: a third of running
/// text, and no help in finding anything.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "its", "no", "not",
    "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "were",
    "will", "with", "и", "в", "во", "не", "что", "на", "с", "со", "как", "а", "то", "но", "да", "к", "у", "же", "за",
    "бы", "по", "от", "о", "об", "из", "до", "для", "это", "так", "ли",
];

/// Is `lower` (a lowercased word) one of the [`STOP_WORDS`]?
pub fn is_stop_word(lower: &str) -> bool {
    lower.len() <= 5 && STOP_WORDS.contains(&lower)
}

/// The words of `text`: maximal runs of letters and digits, as byte ranges.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// See [`words`]. ASCII is read byte by byte; other characters decoded.
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl Words<'_> {
    /// Whether a word character starts at `i`, and its length in bytes.
    fn word_char(&self, i: usize) -> (bool, usize) {
        let b = self.text.as_bytes()[i];
        if b < 0x80 {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            match self.text[i..].chars().next() {
                Some(c) => (c.is_alphanumeric(), c.len_utf8()),
                None => (false, 1),
            }
        }
    }
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let len = self.text.len();
        while self.at < len {
            let (word, n) = self.word_char(self.at);
            if word {
                break;
            }
            self.at += n;
        }
        if self.at >= len {
            return None;
        }
        let start = self.at;
        while self.at < len {
            let (word, n) = self.word_char(self.at);
            if !word {
                break;
            }
            self.at += n;
        }
        Some((start, self.at))
    }
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{052F}').contains(&c)
}

/// Stems one word by its script. (Remembering stems was measured: a hash
/// map lookup costs as much as stemming a short word.)
pub struct Stems {
    english: Stemmer,
    russian: Stemmer,
    lower: String,
}

impl Default for Stems {
    fn default() -> Self {
        Self {
            english: Stemmer::new(Algorithm::English),
            russian: Stemmer::new(Algorithm::Russian),
            lower: String::new(),
        }
    }
}

impl Clone for Stems {
    /// A fresh one: the buffer is not worth copying.
    fn clone(&self) -> Self {
        Stems::default()
    }
}

impl Stems {
    /// The text term of one word (any case), or `None` for an overlong one
    /// or a stop word.
    pub fn term(&mut self, word: &str) -> Option<String> {
        let mut out = String::new();
        self.term_into(word, &mut out).then_some(out)
    }

    /// Writes the text term of `word` into `out`; false for an overlong
    /// word or a stop word. Reuses its buffers: indexing calls this for
    /// every word.
    pub fn term_into(&mut self, word: &str, out: &mut String) -> bool {
        if word.len() > MAX_WORD {
            return false;
        }
        self.lower.clear();
        let mut cyrillic = false;
        if word.is_ascii() {
            self.lower.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            for c in word.chars().flat_map(char::to_lowercase) {
                cyrillic |= is_cyrillic(c);
                self.lower.push(if c == 'ё' { 'е' } else { c });
            }
        }
        if is_stop_word(&self.lower) {
            return false;
        }
        out.clear();
        let stemmer = if cyrillic { &self.russian } else { &self.english };
        out.push_str(&stemmer.stem(&self.lower));
        true
    }
}

/// The name key of one word, or `None` when it has none (or is overlong,
/// or a stop word: "The" opens many sentences and names nobody).
pub fn name_term(word: &str) -> Option<String> {
    if word.len() > MAX_WORD || (word.len() <= 5 && is_stop_word(&word.to_lowercase())) {
        return None;
    }
    let k = vigil_core::name::key(word);
    (!k.is_empty()).then_some(k)
}

/// Does the word start with a capital letter?
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Text,
    Names,
    Capitalised,
}

/// One of the three analysers, as a tantivy tokenizer.
#[derive(Clone)]
pub struct Analyser {
    mode: Mode,
    stems: Stems,
}

impl Analyser {
    pub fn text() -> Self {
        Self {
            mode: Mode::Text,
            stems: Stems::default(),
        }
    }
    pub fn names() -> Self {
        Self {
            mode: Mode::Names,
            stems: Stems::default(),
        }
    }
    pub fn capitalised() -> Self {
        Self {
            mode: Mode::Capitalised,
            stems: Stems::default(),
        }
    }

    /// The terms of `text` with their positions and offsets.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut analyser = self.clone();
        let mut stream = analyser.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().clone());
        }
        out
    }
}

impl Tokenizer for Analyser {
    type TokenStream<'a> = Tokens<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens<'a> {
        Tokens {
            mode: self.mode,
            text,
            words: words(text),
            position: 0,
            stems: &mut self.stems,
            token: Token::default(),
        }
    }
}

/// The terms of one text, made one at a time into one reused token.
pub struct Tokens<'a> {
    mode: Mode,
    text: &'a str,
    words: Words<'a>,
    position: usize,
    stems: &'a mut Stems,
    token: Token,
}

impl TokenStream for Tokens<'_> {
    fn advance(&mut self) -> bool {
        for (from, to) in self.words.by_ref() {
            let position = self.position;
            self.position += 1;
            let word = &self.text[from..to];
            let made = match self.mode {
                Mode::Text => self.stems.term_into(word, &mut self.token.text),
                Mode::Names => set(&mut self.token.text, name_term(word)),
                Mode::Capitalised => is_capitalised(word) && set(&mut self.token.text, name_term(word)),
            };
            if made {
                self.token.offset_from = from;
                self.token.offset_to = to;
                self.token.position = position;
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

fn set(text: &mut String, term: Option<String>) -> bool {
    match term {
        Some(t) => {
            *text = t;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(a: &Analyser, text: &str) -> Vec<String> {
        a.tokens(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        let text = "Workers’ Union, 2019: «Балтабай»!";
        let w: Vec<&str> = words(text).map(|(a, b)| &text[a..b]).collect();
        assert_eq!(w, ["Workers", "Union", "2019", "Балтабай"]);
        assert_eq!(words("").count(), 0);
        assert_eq!(words(" ,; ").count(), 0);
    }

    #[test]
    fn text_is_stemmed_by_script() {
        let a = Analyser::text();
        assert_eq!(
            terms(&a, "Unions sentenced Профсоюзы осуждены"),
            ["union", "sentenc", "профсоюз", "осужд"]
        );
        assert_eq!(terms(&a, "union"), terms(&a, "UNIONS"));
        assert_eq!(terms(&a, "профсоюзов"), terms(&a, "Профсоюзы"));
    }

    #[test]
    fn names_and_capitalised_words_become_keys() {
        assert_eq!(terms(&Analyser::names(), "Ерлан Балтабай"), ["erlan", "baltabai"]);
        let tokens = Analyser::capitalised().tokens("the leader Erlan Baltabay was jailed");
        let got: Vec<(usize, &str)> = tokens.iter().map(|t| (t.position, t.text.as_str())).collect();
        assert_eq!(got, [(2, "erlan"), (3, "baltabai")]);
    }

    /// The index keys names with the one key extraction uses too.
    #[test]
    fn name_terms_are_the_core_keys() {
        for name in [
            "Erlan Baltabayev",
            "Нурбек Кушакбаевым",
            "Maks Bokaev",
            "Larisa Khar’kova",
            "Grigoryev",
        ] {
            assert_eq!(terms(&Analyser::names(), name), vigil_core::name::keys(name), "{name}");
        }
        assert_eq!(
            terms(&Analyser::names(), "Baltabayev"),
            terms(&Analyser::names(), "Балтабай")
        );
    }

    #[test]
    fn stop_words_are_left_out_at_their_positions() {
        let tokens = Analyser::text().tokens("The freedom of association");
        let got: Vec<(usize, &str)> = tokens.iter().map(|t| (t.position, t.text.as_str())).collect();
        assert_eq!(got, [(1, "freedom"), (3, "associ")]);
        assert!(terms(&Analyser::capitalised(), "The Union").eq(&["union"]));
        assert!(terms(&Analyser::text(), "и в на").is_empty());
    }

    #[test]
    fn overlong_words_are_left_out() {
        let long = "a".repeat(MAX_WORD + 1);
        assert!(terms(&Analyser::text(), &long).is_empty());
        assert!(terms(&Analyser::names(), &long).is_empty());
    }
}
