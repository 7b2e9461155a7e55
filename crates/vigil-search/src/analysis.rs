//! How text becomes terms: the same functions feed the index (as tantivy
//! tokenizers), the queries and the highlighter, so the three always agree.
//!
//! - [`TEXT`]: words, lowercased, stemmed by script — Cyrillic words with
//!   the Russian Snowball stemmer, all others with the English one.
//! - [`NAMES`]: every word of a name as its variant key
//!   ([`vigil_core::name::key`]): Baltabay, Baltabai and Балтабай are one
//!   term.
//! - [`CAPITALISED`]: the variant keys of the capitalised words of running
//!   text only (names are written with a capital in Latin and Cyrillic
//!   alike), at their positions in the text, so that a name in a source is
//!   found in any spelling without keying every word of it.

use std::borrow::Cow;

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

pub const TEXT: &str = "vigil_text";
pub const NAMES: &str = "vigil_names";
pub const CAPITALISED: &str = "vigil_capitalised";

/// Words longer than this (in bytes) are not indexed: no one searches for
/// them, and they would bloat the term dictionary.
const MAX_WORD: usize = 80;

/// The words of `text`: maximal runs of letters and digits, as byte ranges.
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{052F}').contains(&c)
}

/// Stems one lowercased word by its script.
pub struct Stems {
    english: Stemmer,
    russian: Stemmer,
}

impl Default for Stems {
    fn default() -> Self {
        Self {
            english: Stemmer::new(Algorithm::English),
            russian: Stemmer::new(Algorithm::Russian),
        }
    }
}

impl Stems {
    /// The text term of one word (any case), or `None` for an overlong one.
    pub fn term(&self, word: &str) -> Option<String> {
        if word.len() > MAX_WORD {
            return None;
        }
        let lower = word.to_lowercase();
        if lower.chars().any(is_cyrillic) {
            let lower = lower.replace('ё', "е");
            Some(match self.russian.stem(&lower) {
                Cow::Borrowed(s) => s.to_owned(),
                Cow::Owned(s) => s,
            })
        } else {
            Some(match self.english.stem(&lower) {
                Cow::Borrowed(s) => s.to_owned(),
                Cow::Owned(s) => s,
            })
        }
    }
}

/// The name key of one word, or `None` when it has none (or is overlong).
pub fn name_term(word: &str) -> Option<String> {
    if word.len() > MAX_WORD {
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
}

impl Analyser {
    pub fn text() -> Self {
        Self { mode: Mode::Text }
    }
    pub fn names() -> Self {
        Self { mode: Mode::Names }
    }
    pub fn capitalised() -> Self {
        Self {
            mode: Mode::Capitalised,
        }
    }

    /// The terms of `text` with their positions and offsets.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let stems = (self.mode == Mode::Text).then(Stems::default);
        let mut out = Vec::new();
        for (position, (from, to)) in words(text).enumerate() {
            let word = &text[from..to];
            let term = match self.mode {
                Mode::Text => stems.as_ref().and_then(|s| s.term(word)),
                Mode::Names => name_term(word),
                Mode::Capitalised if is_capitalised(word) => name_term(word),
                Mode::Capitalised => None,
            };
            if let Some(text) = term {
                out.push(Token {
                    offset_from: from,
                    offset_to: to,
                    position,
                    text,
                    position_length: 1,
                });
            }
        }
        out
    }
}

impl Tokenizer for Analyser {
    type TokenStream<'a> = Tokens;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        Tokens {
            tokens: self.tokens(text),
            next: 0,
        }
    }
}

/// The terms of one text, handed to tantivy one by one.
pub struct Tokens {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next.saturating_sub(1)]
    }

    fn token_mut(&mut self) -> &mut Token {
        let i = self.next.saturating_sub(1);
        &mut self.tokens[i]
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
        assert_eq!(
            terms(&Analyser::names(), "Ерлан Балтабай"),
            ["erlan", "baltabai"]
        );
        let tokens = Analyser::capitalised().tokens("the leader Erlan Baltabay was jailed");
        let got: Vec<(usize, &str)> = tokens
            .iter()
            .map(|t| (t.position, t.text.as_str()))
            .collect();
        assert_eq!(got, [(2, "erlan"), (3, "baltabai")]);
    }

    #[test]
    fn overlong_words_are_left_out() {
        let long = "a".repeat(MAX_WORD + 1);
        assert!(terms(&Analyser::text(), &long).is_empty());
        assert!(terms(&Analyser::names(), &long).is_empty());
    }
}
