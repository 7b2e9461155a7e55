//! The interface's words in English, Russian and Kazakh.
//!
//! The words are Fluent message catalogues, plain files a language, one a
//! topic (`crates/vigil-app/locales/<code>/*.ftl`: `vigil.ftl`, `records.ftl`,
//! `campaigns.ftl`, `countries.ftl` …), compiled into the binary;
//! CLDR plural rules choose each number's form (Russian one, few and many;
//! Kazakh one form). English is the reference: a message missing in another
//! language falls back to it, and a test fails on any key missing in a
//! language or used nowhere. Adding a language is adding its folder (see
//! the README, "Adding a language"): [`Lang`] is written from the folders.
//!
//! The language of a request is chosen by the web layer (`?lang=`, then a
//! cookie, then `Accept-Language`, then English) and carried by the
//! [`crate::Viewer`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use vigil_core::Term;

fluent_templates::static_loader! {
    static CATALOGUES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: they would end up
        // inside attribute values, e-mails and CSV.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

// The `Lang` enum, `Lang::ALL` and `Lang::code`: one language for each
// folder of `locales/` (written by `build.rs`).
include!(concat!(env!("OUT_DIR"), "/lang.rs"));

static IDS: LazyLock<Vec<LanguageIdentifier>> =
    LazyLock::new(|| Lang::ALL.iter().map(|l| l.code().parse().unwrap_or_default()).collect());

impl Lang {
    /// The language's name in itself, for the switch (its catalogue's
    /// `language-own-name`).
    pub fn own_name(self) -> String {
        self.tr("language-own-name")
    }

    /// A language tag ("ru", "ru-RU", "kk-KZ", "KK"), if Vigil speaks it.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language Vigil speaks that an `Accept-Language` header prefers
    /// most (by its `q` weights; in order among equals), if any.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',').take(32) {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::parse) else {
                continue;
            };
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }

    fn id(self) -> &'static LanguageIdentifier {
        &IDS[self as usize]
    }

    /// The message `key` in this language (in English if it has none).
    pub fn tr(self, key: &str) -> String {
        CATALOGUES.lookup(self.id(), key)
    }

    /// The message `key`, if the catalogues have it (in this language or in
    /// English).
    pub fn try_tr(self, key: &str) -> Option<String> {
        CATALOGUES.try_lookup(self.id(), key)
    }

    /// The message `key` with its arguments: numbers choose plural forms.
    pub fn tr_with(self, key: &str, args: &[(&'static str, Arg<'_>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| {
                let v = match value {
                    Arg::Number(n) => FluentValue::from(*n),
                    Arg::Text(t) => FluentValue::from(t.to_string()),
                };
                (Cow::Borrowed(*name), v)
            })
            .collect();
        CATALOGUES.lookup_with_args(self.id(), key, &args)
    }

    /// A vocabulary term's label ("Арест" for the event type `arrest`).
    pub fn term<T: Term>(self, term: &T) -> String {
        if self == Lang::En {
            return term.english().to_owned();
        }
        self.tr(&term_key::<T>(term.code()))
    }
}

/// An argument of a message.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    Number(u64),
    Text(&'a str),
}

/// The catalogue key of a vocabulary term: `event-type-registration-denial`.
pub fn term_key<T: Term>(code: &str) -> String {
    format!(
        "{}-{}",
        T::VOCABULARY.to_lowercase().replace(' ', "-"),
        code.replace('_', "-")
    )
}

#[cfg(test)]
mod tests;
