//! Small pieces of markup shared by pages.

use maud::{html, Markup};
use vigil_app::i18n::Lang;
use vigil_core::{PartialDate, Record};

pub use crate::links::href;
pub use crate::words::{date, day};
pub use vigil_app::words::date_in;

pub fn link(record: &Record) -> Markup {
    html! { a href=(crate::links::href(record.kind(), record.id())) { (record.title()) } }
}

/// A date as a `<time>` element with its ISO form.
pub fn time(d: &PartialDate) -> Markup {
    time_in(Lang::En, d)
}

/// A date in `lang` as a `<time>` element with its ISO form.
pub fn time_in(lang: Lang, d: &PartialDate) -> Markup {
    html! { time datetime=(d.to_string()) { (vigil_app::words::date_in(lang, d)) } }
}
