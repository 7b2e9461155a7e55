//! Reading a document — plain text, HTML or PDF — into one cleaned text and
//! what is known about it.
//!
//! The cleaned text is what Vigil stores as the source's text, and every
//! excerpt's offsets point into it, so cleaning happens once, here: line
//! endings made `\n`, site boilerplate lines ("top of page") dropped, blank
//! lines at the start and end trimmed, one final `\n`. Nothing else of the
//! text is changed: the paragraphs an article repeats are kept, and marked
//! ([`Document::repeats`]) so extraction reads each once.

use vigil_core::PartialDate;

use crate::dedup::{self, Repeat};
use crate::{html, lang, pdf};

/// What kind of document the bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
    Pdf,
}

impl Format {
    /// From a media type (`text/html; charset=utf-8`), if it is one Vigil reads.
    pub fn from_media_type(media_type: &str) -> Option<Self> {
        let essence = media_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "text/plain" | "text/markdown" => Some(Format::Text),
            "text/html" | "application/xhtml+xml" => Some(Format::Html),
            "application/pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// From a file name's extension, if it says.
    pub fn from_file_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" | "md" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// From the bytes themselves: `%PDF`, an HTML opening, else text.
    pub fn sniff(bytes: &[u8]) -> Self {
        let head = &bytes[..bytes.len().min(1024)];
        let trimmed: Vec<u8> = head
            .iter()
            .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
            .take(64)
            .map(u8::to_ascii_lowercase)
            .collect();
        if head.starts_with(b"%PDF-") {
            Format::Pdf
        } else if trimmed.starts_with(b"<!doctype html")
            || trimmed.starts_with(b"<html")
            || trimmed.starts_with(b"<?xml")
        {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// A document read and cleaned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub format: Format,
    /// The cleaned text, ending with one `\n`.
    pub text: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<PartialDate>,
    pub url: Option<String>,
    /// A BCP 47 tag (`en`, `ru`), when detected with confidence.
    pub language: Option<String>,
    /// Sentences that repeat an earlier one of the same text.
    pub repeats: Vec<Repeat>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("the file is empty")]
    Empty,
    #[error("no text in the document after cleaning")]
    NoText,
    #[error("binary data, not a text, HTML or PDF document")]
    Binary,
    #[error("not a readable PDF: {0}")]
    Pdf(String),
    #[error("the PDF has no text layer (a scan?): run it through OCR first")]
    NoTextLayer,
}

/// Metadata a caller knows better than the document (a form's fields, the
/// command line); each given value wins over what the document says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<PartialDate>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// Reads `bytes` as `format` (sniffed from the bytes when `None`).
pub fn read(bytes: &[u8], format: Option<Format>, given: &Metadata) -> Result<Document, ReadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    let format = format.unwrap_or_else(|| Format::sniff(bytes));
    let (raw, found) = match format {
        Format::Text => (decode(bytes)?, Metadata::default()),
        Format::Html => {
            let (text, meta) = html::main_text(&decode(bytes)?);
            (text, meta)
        }
        Format::Pdf => pdf::text_layer(bytes)?,
    };
    let text = clean(&raw);
    if text.trim().is_empty() {
        return Err(if format == Format::Pdf {
            ReadError::NoTextLayer
        } else {
            ReadError::NoText
        });
    }
    let title = given
        .title
        .clone()
        .or(found.title)
        .or_else(|| title_line(&text))
        .map(|t| clip(&t, 300));
    let language = given
        .language
        .clone()
        .or(found.language)
        .or_else(|| lang::detect(&text));
    let repeats = dedup::repeats(&text);
    Ok(Document {
        format,
        title,
        publisher: given.publisher.clone().or(found.publisher),
        published: given.published.or(found.published),
        url: given.url.clone().or(found.url),
        language,
        repeats,
        text,
    })
}

/// UTF-8 (a byte-order mark dropped); else Windows-1252, as old sites send.
/// NUL bytes mean binary data.
pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if bytes.contains(&0) {
        return Err(ReadError::Binary);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(_) => Ok(bytes.iter().map(|&b| windows_1252(b)).collect()),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Lines that are site furniture, not the article (compared lowercased and
/// trimmed, whole lines only).
const BOILERPLATE: &[&str] = &[
    "top of page",
    "bottom of page",
    "back to top",
    "skip to content",
    "skip to main content",
    "jump to navigation",
    "share",
    "share this",
    "share this article",
    "share on facebook",
    "share on twitter",
    "tweet",
    "print",
    "print this page",
    "email",
    "menu",
    "close",
    "search",
    "advertisement",
    "read more",
    "related articles",
    "you may also like",
    "subscribe",
    "subscribe to our newsletter",
    "accept cookies",
    "we use cookies",
    "cookie settings",
];

/// The one cleaning every document's text goes through (see the module
/// documentation).
pub fn clean(raw: &str) -> String {
    let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
    let kept: Vec<&str> = unified
        .split('\n')
        .filter(|line| {
            let l = line.trim().trim_end_matches(['.', ':']).to_lowercase();
            !BOILERPLATE.contains(&l.as_str())
        })
        .collect();
    let joined = kept.join("\n");
    // Blank lines at the start and end (a line of spaces is blank).
    let lines: Vec<&str> = joined.split('\n').collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    match (first, last) {
        (Some(a), Some(b)) => {
            let mut s = lines[a..=b].join("\n");
            let trimmed_len = s.trim_end().len();
            s.truncate(trimmed_len);
            s.push('\n');
            s
        }
        _ => String::new(),
    }
}

/// The first line, when it reads as a headline: short, followed by more
/// text, not ending like a sentence.
fn title_line(text: &str) -> Option<String> {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let headline = first.chars().count() <= 200 && !first.ends_with(['.', ',', ';', ':']) && text.trim() != first;
    Some(if headline { first.to_owned() } else { clip(first, 80) })
}

fn clip(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_drops_boilerplate_lines_and_trims() {
        let raw = "top of page\r\n\r\nHeadline\r\n\r\nBody text.\r\n\r\n\r\nbottom of page";
        assert_eq!(clean(raw), "Headline\n\nBody text.\n");
        assert_eq!(clean("\n \n"), "");
        // Only whole lines: the words inside a sentence stay.
        assert_eq!(
            clean("Scroll to the top of page two.\n"),
            "Scroll to the top of page two.\n"
        );
    }

    #[test]
    fn formats_from_names_types_and_bytes() {
        assert_eq!(Format::from_file_name("a.HTM"), Some(Format::Html));
        assert_eq!(Format::from_file_name("a.pdf"), Some(Format::Pdf));
        assert_eq!(Format::from_file_name("README"), None);
        assert_eq!(Format::from_media_type("text/html; charset=utf-8"), Some(Format::Html));
        assert_eq!(Format::from_media_type("application/json"), None);
        assert_eq!(Format::sniff(b"%PDF-1.5\n..."), Format::Pdf);
        assert_eq!(Format::sniff(b"\n  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::sniff(b"Just words"), Format::Text);
    }

    #[test]
    fn decoding_falls_back_to_windows_1252_and_refuses_binary() {
        assert_eq!(decode(b"caf\xe9 \x93quoted\x94").unwrap(), "café “quoted”");
        assert_eq!(decode(b"\xEF\xBB\xBFbom").unwrap(), "bom");
        assert_eq!(decode(b"a\0b"), Err(ReadError::Binary));
        assert_eq!(read(b"  \n", None, &Metadata::default()), Err(ReadError::Empty));
    }
}
