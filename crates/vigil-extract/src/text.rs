//! The cleaned text, cut into paragraphs, sentences and words, every piece
//! with its UTF-8 byte offsets into the text, so whatever is found in it
//! can be quoted exactly.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits, with inner hyphens (`Kassym-Jomart`, `seven-year`).
    Word,
    /// Anything else that is not white space, one character at a time.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: TokenKind,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Starts with a capital letter (of any script).
    pub fn is_capitalised(&self) -> bool {
        self.is_word() && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Two or more letters, all capitals (digits allowed): `KNPRK`, `ILO`.
    pub fn is_acronym(&self) -> bool {
        self.is_word()
            && self.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && self.text.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    }

    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    pub fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text[from..to]` into tokens with offsets into `text`.
pub fn tokens(text: &str, from: usize, to: usize) -> Vec<Token<'_>> {
    let slice = &text[from..to];
    let mut out = Vec::new();
    let mut iter = slice.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    iter.next();
                } else if d == '-' || d == '\u{2011}' {
                    // An inner hyphen joins two words: Kassym-Jomart.
                    let rest = &slice[j + d.len_utf8()..];
                    if rest.chars().next().is_some_and(is_word_char) {
                        iter.next();
                        end = j + d.len_utf8();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            // "2019On 3 December": a dateline's year run into the text's
            // first word, as pages stripped of their markup give it.
            let word = &text[from + i..from + end];
            let b = word.as_bytes();
            let cut = if b.len() > 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4].is_ascii_uppercase() {
                4
            } else {
                word.len()
            };
            out.push(Token {
                start: from + i,
                end: from + i + cut,
                text: &text[from + i..from + i + cut],
                kind: TokenKind::Word,
            });
            if cut < word.len() {
                out.push(Token {
                    start: from + i + cut,
                    end: from + end,
                    text: &text[from + i + cut..from + end],
                    kind: TokenKind::Word,
                });
            }
        } else {
            let end = i + c.len_utf8();
            out.push(Token {
                start: from + i,
                end: from + end,
                text: &text[from + i..from + end],
                kind: TokenKind::Punct,
            });
        }
    }
    out
}

/// A sentence: its span (trimmed) and the paragraph it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "no", "jr", "sr", "prof", "gen", "col", "lt", "capt", "sgt", "rev", "hon", "vs",
    "etc", "e.g", "i.e", "inc", "ltd", "co", "corp", "dept", "art", "para", "p", "pp", "vol", "fig", "approx", "u.s",
    "u.n", "u.k", "e.u", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Does the word just before a full stop at `dot` make it an abbreviation
/// rather than the end of a sentence?
fn abbreviation_before(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.')
        .last()
        .map_or(dot, |(i, _)| i);
    let word = &before[start..];
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (None, _) => false,
        // A single capital: an initial (J. Smith).
        (Some(c), None) if c.is_uppercase() => true,
        // The list is lowercase ASCII.
        _ if word.is_ascii() => ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)),
        _ => ABBREVIATIONS.contains(&word.to_lowercase().as_str()),
    }
}

/// For a stop at `i`: where it ends with the closing quotes, brackets and
/// stops that follow it, and whether a sentence may end there (white space
/// then a capital, digit, opening quote or line break; or the text's end).
fn run_after(text: &str, i: usize) -> (usize, bool) {
    let closing = text[i + 1..]
        .chars()
        .take_while(|d| matches!(d, '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']' | '.' | '!' | '?'))
        .map(char::len_utf8)
        .sum::<usize>();
    let end = i + 1 + closing;
    let rest = &text[end..];
    let next_ws = rest.starts_with(|d: char| d.is_whitespace() && d != '\n');
    let after = rest.trim_start_matches(|d: char| d.is_whitespace() && d != '\n');
    let next_ok = after.is_empty()
        || after.starts_with('\n')
        || after.starts_with(|d: char| !d.is_lowercase() && !matches!(d, ',' | ';' | ':' | ')'));
    let at_end = end >= text.len();
    (end, at_end || (next_ws && next_ok))
}

/// Cuts the text into sentences: at `.`, `!` or `?` (with any closing
/// quotes or brackets) followed by white space and a capital, digit or
/// opening quote; at every line break; never inside an abbreviation.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 64 + 1);
    let mut paragraph = 0;
    let mut start = 0;
    let push = |from: usize, to: usize, paragraph: usize, out: &mut Vec<Sentence>| {
        let piece = &text[from..to];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out.push(Sentence {
                start: from + lead,
                end: from + lead + trimmed.len(),
                paragraph,
            });
        }
    };
    // Byte by byte: every character that can end a sentence is ASCII, and
    // in UTF-8 an ASCII byte is never part of another character.
    let mut i = 0;
    // The run of stops and closing marks last looked at: where it ends and
    // whether a sentence may end there. Every stop in a run has the same
    // answer, so a long run ("......") is read once, not once a stop.
    let mut run: Option<(usize, bool)> = None;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            push(start, i, paragraph, &mut out);
            // A blank line starts a new paragraph.
            let blank = text[i + 1..]
                .chars()
                .take_while(|d| d.is_whitespace())
                .any(|d| d == '\n');
            if blank {
                paragraph += 1;
            }
            start = i + 1;
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            let (end, may_end) = match run {
                Some((end, may_end)) if i < end => (end, may_end),
                _ => {
                    let found = run_after(text, i);
                    run = Some(found);
                    found
                }
            };
            if may_end
                && !(b == b'.' && abbreviation_before(text, i))
                && !(b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
            {
                push(start, end, paragraph, &mut out);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(start, text.len(), paragraph, &mut out);
    out
}

/// Whitespace collapsed and case folded, for comparing passages.
pub fn normalised(s: &str) -> String {
    if s.is_ascii() {
        let mut out = Vec::with_capacity(s.len());
        for w in s.split_ascii_whitespace() {
            if !out.is_empty() {
                out.push(b' ');
            }
            out.extend(w.bytes().map(|b| match b {
                b'`' => b'\'',
                b => b.to_ascii_lowercase(),
            }));
        }
        // ASCII in, ASCII out.
        return String::from_utf8(out).unwrap_or_default();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            let c = match c {
                '\u{2018}' | '\u{2019}' | '`' => '\'',
                '\u{201C}' | '\u{201D}' => '"',
                c => c,
            };
            out.extend(c.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_offsets_and_inner_hyphens() {
        let text = "Kassym-Jomart Tokayev’s five-year term (US$395).";
        let t = tokens(text, 0, text.len());
        let words: Vec<&str> = t.iter().filter(|t| t.is_word()).map(|t| t.text).collect();
        assert_eq!(
            words,
            ["Kassym-Jomart", "Tokayev", "s", "five-year", "term", "US", "395"]
        );
        for tok in &t {
            assert_eq!(&text[tok.start..tok.end], tok.text);
        }
    }

    #[test]
    fn a_long_run_of_stops_is_read_once() {
        // Hostile input: a million stops. Read a stop at a time (each
        // looking at the rest of the run) this took minutes.
        let text = format!(
            "It {}x and then {}. Next one.",
            ".".repeat(1_000_000),
            "!?".repeat(500_000)
        );
        let s: Vec<&str> = sentences(&text).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(s.len(), 2, "{:?}", s.iter().map(|p| p.len()).collect::<Vec<_>>());
        assert_eq!(s[1], "Next one.");
    }

    #[test]
    fn sentences_split_at_stops_not_abbreviations() {
        let text =
            "Mr. Smith went to Geneva. He spoke at the U.N. on 7 Nov. 2019.\nA title line\n\nNext paragraph? Yes.";
        let s: Vec<&str> = sentences(text).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            s,
            [
                "Mr. Smith went to Geneva.",
                "He spoke at the U.N. on 7 Nov. 2019.",
                "A title line",
                "Next paragraph?",
                "Yes."
            ]
        );
        let p: Vec<usize> = sentences(text).iter().map(|s| s.paragraph).collect();
        assert_eq!(p, [0, 0, 0, 1, 1]);
    }
}
