//! The text layer of a PDF (with `lopdf`), page after page.
//!
//! PDFs break lines where the page did; lines of one paragraph are joined
//! again (a line that does not end a sentence, followed by one that does not
//! start a new paragraph), and a hyphen broken across lines is joined. A
//! PDF that cannot be parsed is a clear error, never a panic: the parser
//! runs behind `catch_unwind`, and decompression is bounded.

use lopdf::{Document, Object};
use vigil_core::PartialDate;

use crate::document::{Metadata, ReadError};

/// The most any one page may inflate to.
const PAGE_LIMIT: usize = 64 * 1024 * 1024;

fn info_string(doc: &Document, key: &[u8]) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let dict = match info {
        Object::Reference(id) => doc.get_object(*id).ok()?.as_dict().ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    let value = dict.get(key).ok()?;
    let s = lopdf::decode_text_string(value).ok()?;
    let s = s.trim().to_owned();
    (!s.is_empty()).then_some(s)
}

/// `D:20191016093000+06'00'` → 2019-10-16.
fn pdf_date(s: &str) -> Option<PartialDate> {
    let digits = s.strip_prefix("D:").unwrap_or(s);
    let iso = match digits.len() {
        n if n >= 8 => format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8]),
        n if n >= 6 => format!("{}-{}", &digits[..4], &digits[4..6]),
        n if n >= 4 => digits[..4].to_owned(),
        _ => return None,
    };
    iso.parse().ok()
}

/// Joins the lines of each paragraph; blank lines stay.
fn unwrap_lines(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let lines: Vec<&str> = raw.lines().map(str::trim_end).collect();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim_start();
        if line.is_empty() {
            if !out.ends_with("\n\n") && !out.is_empty() {
                if out.ends_with('\n') {
                    out.push('\n');
                } else {
                    out.push_str("\n\n");
                }
            }
            continue;
        }
        if out.ends_with('-') && line.starts_with(char::is_lowercase) {
            out.pop();
        } else if !out.is_empty() && !out.ends_with('\n') {
            out.push(' ');
        }
        out.push_str(line);
        let next = lines.get(i + 1).map(|l| l.trim()).unwrap_or("");
        let ends_sentence = line.ends_with(['.', '!', '?', ':', '"', '\u{201D}']);
        let short = line.chars().count() < 50;
        if next.is_empty() || (short && (ends_sentence || next.starts_with(char::is_uppercase))) {
            out.push('\n');
        }
    }
    out
}

pub fn text_layer(bytes: &[u8]) -> Result<(String, Metadata), ReadError> {
    let parsed = std::panic::catch_unwind(|| -> Result<(String, Metadata), ReadError> {
        let doc = Document::load_mem(bytes).map_err(|e| ReadError::Pdf(e.to_string()))?;
        if doc.is_encrypted() {
            return Err(ReadError::Pdf("the PDF is encrypted".into()));
        }
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        if pages.is_empty() {
            return Err(ReadError::Pdf("the PDF has no pages".into()));
        }
        let mut text = String::new();
        for page in pages {
            let page_text = doc
                .extract_text_with_limit(&[page], PAGE_LIMIT)
                .map_err(|e| ReadError::Pdf(format!("page {page}: {e}")))?;
            text.push_str(&unwrap_lines(&page_text));
            text.push_str("\n\n");
        }
        let metadata = Metadata {
            title: info_string(&doc, b"Title"),
            publisher: info_string(&doc, b"Author"),
            published: info_string(&doc, b"CreationDate").and_then(|d| pdf_date(&d)),
            url: None,
            language: None,
        };
        Ok((text, metadata))
    });
    match parsed {
        Ok(result) => result,
        Err(_) => Err(ReadError::Pdf("the PDF parser failed on this file".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_a_paragraph_are_joined() {
        let raw = "Erlan Baltabay was sentenced on 16 October to five months and eight\ndays for failing to pay the fine. He refuses to pay the fine or recog-\nnize the pardon.\n\nA new paragraph.";
        assert_eq!(
            unwrap_lines(raw),
            "Erlan Baltabay was sentenced on 16 October to five months and eight days for failing to pay the fine. He refuses to pay the fine or recognize the pardon.\n\nA new paragraph.\n"
        );
    }

    #[test]
    fn dates_of_the_info_dictionary() {
        assert_eq!(
            pdf_date("D:20191016093000+06'00'").map(|d| d.to_string()).as_deref(),
            Some("2019-10-16")
        );
        assert_eq!(pdf_date("D:2019").map(|d| d.to_string()).as_deref(), Some("2019"));
        assert_eq!(pdf_date("junk"), None);
    }
}
