//! The frame of every page.

use maud::{html, Markup, DOCTYPE};

pub const STYLESHEET: &str = include_str!("../../assets/vigil.css");

pub fn page(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — Vigil" }
                link rel="stylesheet" href="/assets/vigil.css";
                script src="/assets/suggest.js" defer {}
            }
            body {
                header.site {
                    a.brand href="/" { "Vigil" }
                    nav {
                        a href="/persons" { "Persons" }
                        a href="/organisations" { "Organisations" }
                        a href="/events" { "Events" }
                        a href="/cases" { "Cases" }
                        a href="/sources" { "Sources" }
                        a href="/api/v1/openapi.json" { "API" }
                    }
                    form.site-search method="get" action="/search" role="search" {
                        input type="search" name="q" list="name-suggestions" autocomplete="off"
                            aria-label="Search" placeholder="A name in any spelling, a word…";
                        datalist id="name-suggestions" {}
                        button { "Search" }
                    }
                }
                main { (body) }
                footer.site {
                    p { "Every fact in Vigil cites the passage of the source that states it." }
                }
            }
        }
    }
}

/// Previous/next links for a paged list.
pub fn pager(base: &str, query: &str, offset: u32, limit: u32, total: u64) -> Markup {
    let sep = if query.is_empty() {
        String::new()
    } else {
        format!("{query}&")
    };
    html! {
        @if total > limit as u64 {
            nav.pager {
                @if offset > 0 {
                    a rel="prev" href={ (base) "?" (sep) "offset=" (offset.saturating_sub(limit)) } { "← Previous" }
                }
                span { " " (offset + 1) "–" ((offset as u64 + limit as u64).min(total)) " of " (total) " " }
                @if (offset as u64 + limit as u64) < total {
                    a rel="next" href={ (base) "?" (sep) "offset=" (offset + limit) } { "Next →" }
                }
            }
        }
    }
}
