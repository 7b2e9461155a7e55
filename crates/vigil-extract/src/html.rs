//! The main text of an HTML page: the article, without the site around it.
//!
//! Parsed with html5ever (through `scraper`), which reads broken markup the
//! way browsers do. The walk over the tree is iterative, so no nesting
//! depth can exhaust the stack. Dropped whole: `script`, `style`, `nav`,
//! `header`, `footer`, `aside`, forms and other furniture, and elements
//! whose role, class or id says they are navigation, menus, sharing
//! buttons, cookie banners or comments. When the page has an `article` or
//! `main` element, only the longest of them is read.

use scraper::node::Node;
use scraper::{ElementRef, Html, Selector};
use vigil_core::PartialDate;

use crate::document::Metadata;

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button",
    "select", "textarea", "head", "menu", "dialog", "object", "embed", "canvas", "audio", "video", "map", "input",
];

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "figcaption",
    "address",
    "hr",
    "body",
    "center",
];

/// Words in a class, id or role that mark site furniture.
const FURNITURE: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "footer",
    "header",
    "masthead",
    "share",
    "sharing",
    "social",
    "cookie",
    "cookies",
    "consent",
    "banner",
    "comments",
    "comment",
    "related",
    "promo",
    "advert",
    "ads",
    "ad",
    "newsletter",
    "subscribe",
    "skip",
    "toolbar",
    "pagination",
    "contentinfo",
];

fn is_furniture(el: &scraper::node::Element) -> bool {
    if let Some(role) = el.attr("role") {
        if matches!(
            role,
            "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "menu"
        ) {
            return true;
        }
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    let words = el
        .attr("class")
        .into_iter()
        .chain(el.attr("id"))
        .flat_map(|v| v.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .map(str::to_ascii_lowercase);
    for w in words {
        if FURNITURE.contains(&w.as_str()) {
            return true;
        }
    }
    false
}

/// Appends text with runs of white space collapsed to one space.
fn push_text(out: &mut String, s: &str, pre: bool) {
    if pre {
        out.push_str(s);
        return;
    }
    for (i, piece) in s.split(char::is_whitespace).enumerate() {
        if i > 0 && !out.ends_with([' ', '\n']) && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(piece);
    }
}

fn paragraph_break(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        if out.ends_with('\n') {
            out.push('\n');
        } else {
            out.push_str("\n\n");
        }
    }
}

/// The text under `root`, paragraphs separated by blank lines.
fn text_of(root: ElementRef<'_>) -> String {
    let mut out = String::new();
    // (node, leaving?): an explicit stack, never recursion.
    let mut stack = vec![(*root, false)];
    let mut pre_depth = 0usize;
    while let Some((node, leaving)) = stack.pop() {
        match node.value() {
            Node::Element(el) => {
                let name = el.name();
                if leaving {
                    if BLOCKS.contains(&name) {
                        paragraph_break(&mut out);
                    }
                    if name == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                    continue;
                }
                if SKIPPED.contains(&name) || is_furniture(el) {
                    continue;
                }
                if name == "br" {
                    while out.ends_with(' ') {
                        out.pop();
                    }
                    out.push('\n');
                    continue;
                }
                if BLOCKS.contains(&name) {
                    paragraph_break(&mut out);
                }
                if name == "pre" {
                    pre_depth += 1;
                }
                stack.push((node, true));
                let children: Vec<_> = node.children().collect();
                for child in children.into_iter().rev() {
                    stack.push((child, false));
                }
            }
            Node::Text(t) if !leaving => push_text(&mut out, t, pre_depth > 0),
            Node::Document | Node::Fragment => {
                let children: Vec<_> = node.children().collect();
                for child in children.into_iter().rev() {
                    stack.push((child, false));
                }
            }
            _ => {}
        }
    }
    // Lines trimmed of the spaces left around tags.
    out.lines().map(str::trim).collect::<Vec<_>>().join("\n")
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    match Selector::parse(css) {
        Ok(sel) => doc.select(&sel).collect(),
        Err(_) => Vec::new(),
    }
}

fn meta(doc: &Html, keys: &[&str]) -> Option<String> {
    for el in select(doc, "meta") {
        let e = el.value();
        let key = e
            .attr("property")
            .or_else(|| e.attr("name"))
            .or_else(|| e.attr("itemprop"));
        if key.is_some_and(|k| keys.iter().any(|want| k.eq_ignore_ascii_case(want))) {
            if let Some(c) = e.attr("content").map(str::trim).filter(|c| !c.is_empty()) {
                return Some(c.to_owned());
            }
        }
    }
    None
}

/// `2019-10-16T09:00:00Z`, `2019-10-16`, `2019-10`: the date part, as precise as given.
fn iso_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    for len in [10, 7, 4] {
        if let Some(head) = s.get(..len) {
            if let Ok(d) = head.parse::<PartialDate>() {
                return Some(d);
            }
        }
    }
    PartialDate::parse_article(s, None).ok()
}

/// Deeper than this, tags are dropped (their text kept) before parsing:
/// the HTML parser's scope checks cost time in proportion to depth, so a
/// hostile page of 100,000 nested elements would take minutes. No article
/// nests so deep; browsers cap it too.
const MAX_DEPTH: usize = 256;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
];

/// The page with tags beyond [`MAX_DEPTH`] removed (a quick scan, not a
/// parse: comments, `<!…>`, `<?…>` and raw-text elements are stepped over).
fn flatten_deep(html: &str) -> std::borrow::Cow<'_, str> {
    if html.bytes().filter(|b| *b == b'<').count() <= MAX_DEPTH {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tag_and_after = &rest[lt..];
        if tag_and_after.starts_with("<!--") {
            let end = tag_and_after.find("-->").map_or(tag_and_after.len(), |e| e + 3);
            out.push_str(&tag_and_after[..end]);
            rest = &tag_and_after[end..];
            continue;
        }
        let Some(gt) = tag_and_after.find('>') else {
            out.push_str(tag_and_after);
            rest = "";
            break;
        };
        let tag = &tag_and_after[..=gt];
        let inner = tag[1..tag.len() - 1].trim();
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let special = inner.starts_with('!') || inner.starts_with('?') || name.is_empty();
        let void = VOID.contains(&name.as_str()) || inner.ends_with('/');
        let keep = if special || void {
            true
        } else if closing {
            let keep = depth <= MAX_DEPTH;
            depth = depth.saturating_sub(1);
            keep
        } else {
            depth += 1;
            depth <= MAX_DEPTH
        };
        if keep {
            out.push_str(tag);
        } else {
            out.push(' ');
        }
        rest = &tag_and_after[gt + 1..];
        // Raw text: step over a script's or style's body whole.
        if keep && !closing && matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The article's text and what the page says about it.
pub fn main_text(source: &str) -> (String, Metadata) {
    let flattened = flatten_deep(source);
    let doc = Html::parse_document(&flattened);
    let mut candidates = select(&doc, "article");
    candidates.extend(select(&doc, "main"));
    candidates.extend(select(&doc, "[role=main]"));
    let texts: Vec<String> = candidates.iter().map(|c| text_of(*c)).collect();
    let text = match texts.into_iter().max_by_key(String::len) {
        Some(t) if t.split_whitespace().count() >= 20 => t,
        _ => text_of(doc.root_element()),
    };
    let h1 = select(&doc, "h1")
        .first()
        .map(|h| h.text().collect::<String>())
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty());
    let title_tag = select(&doc, "title")
        .first()
        .map(|t| {
            t.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|s| !s.is_empty());
    let title = meta(&doc, &["og:title", "twitter:title"]).or(h1).or(title_tag);
    let published = meta(
        &doc,
        &[
            "article:published_time",
            "date",
            "pubdate",
            "dc.date",
            "dcterms.date",
            "datePublished",
            "publish-date",
        ],
    )
    .or_else(|| {
        select(&doc, "time[datetime]")
            .first()
            .and_then(|t| t.value().attr("datetime").map(str::to_owned))
    })
    .and_then(|d| iso_date(&d));
    let url = select(&doc, "link[rel=canonical]")
        .first()
        .and_then(|l| l.value().attr("href").map(str::to_owned))
        .or_else(|| meta(&doc, &["og:url"]))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let language = select(&doc, "html")
        .first()
        .and_then(|h| h.value().attr("lang"))
        .map(|l| l.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase())
        .filter(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()));
    let metadata = Metadata {
        title,
        publisher: meta(&doc, &["og:site_name", "publisher", "author"]),
        published,
        url,
        language,
    };
    (text, metadata)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_article_and_drops_the_site() {
        let page = r#"<!doctype html><html lang="en-GB"><head><title>Ignored | Site</title>
            <meta property="og:title" content="Union leader jailed">
            <meta property="og:site_name" content="Labour News">
            <meta property="article:published_time" content="2019-10-17T08:00:00Z">
            <link rel="canonical" href="https://example.org/a">
            <style>p { color: red }</style><script>alert("x")</script></head>
            <body><header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
            <div class="share-buttons">Share on Facebook</div>
            <article><h1>Union leader jailed</h1>
            <p>Erlan Baltabay was   sentenced on <b>16 October</b> to five months.</p>
            <script>document.write("injected")</script>
            <p>He refuses to pay the fine.<br>He will appeal.</p></article>
            <aside>Related: other stories</aside><footer>© Labour News</footer></body></html>"#;
        let (text, meta) = main_text(page);
        assert_eq!(
            text.trim(),
            "Union leader jailed\n\nErlan Baltabay was sentenced on 16 October to five months.\n\nHe refuses to pay the fine.\nHe will appeal."
        );
        assert_eq!(meta.title.as_deref(), Some("Union leader jailed"));
        assert_eq!(meta.publisher.as_deref(), Some("Labour News"));
        assert_eq!(meta.published.map(|d| d.to_string()).as_deref(), Some("2019-10-17"));
        assert_eq!(meta.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(meta.language.as_deref(), Some("en"));
    }
}
