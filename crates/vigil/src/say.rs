//! The command line's words in the user's language.
//!
//! The language is chosen once, as the command starts: the `--lang`
//! option, then the locale of the environment (`LC_ALL`, then
//! `LC_MESSAGES`, then `LANG`, as POSIX orders them: the first one set
//! decides, so `LC_ALL=C` is English), then English. The messages are
//! those of the interface's catalogues (`vigil-app/locales/<code>/cli.ftl`).
//! Flag and subcommand names, and clap's own `--help` text, stay English.

use std::sync::OnceLock;

pub use vigil_app::i18n::Arg;
use vigil_app::i18n::Lang;

static LANG: OnceLock<Lang> = OnceLock::new();

/// The language of a locale name (`ru_RU.UTF-8`, `kk_KZ`, `C`), if Vigil
/// speaks it.
fn of_locale(value: &str) -> Option<Lang> {
    Lang::parse(value.split(['.', '@']).next().unwrap_or_default())
}

/// The language from `--lang` or else the environment.
pub fn choose(option: Option<&str>) -> Lang {
    let chosen = option.and_then(Lang::parse).unwrap_or_else(|| {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| of_locale(&v))
            .unwrap_or_default()
    });
    *LANG.get_or_init(|| chosen)
}

/// The language of this run.
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}

/// The message `key`.
pub fn t(key: &str) -> String {
    lang().tr(key)
}

/// The message `key` with its arguments.
pub fn tw(key: &str, args: &[(&'static str, Arg<'_>)]) -> String {
    lang().tr_with(key, args)
}

/// An error and its causes, one line, each part in this run's language
/// when the catalogues can say it (the application's, the store's, an
/// import's refusals); others (the operating system's, a library's) as
/// they are.
pub fn error(e: &anyhow::Error) -> String {
    let lang = lang();
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let said = if let Some(e) = cause.downcast_ref::<vigil_app::AppError>() {
            e.words(lang)
        } else if let Some(e) = cause.downcast_ref::<vigil_app::open_data::OpenDataError>() {
            e.words(lang)
        } else if let Some(e) = cause.downcast_ref::<vigil_store::StoreError>() {
            vigil_app::store_words(e, lang)
        } else if let Some(e) = cause.downcast_ref::<vigil_app::ingest::IngestError>() {
            e.words(lang)
        } else if let Some(e) = cause.downcast_ref::<vigil_app::campaigns::outbox::OutboxError>() {
            e.words(lang)
        } else {
            cause.to_string()
        };
        // A cause a translated part already holds (or that says nothing
        // more) is not repeated.
        if !said.is_empty() && !parts.last().is_some_and(|last| last.ends_with(&said)) {
            parts.push(said);
        }
    }
    parts.join(": ")
}

/// Counts in words ("3 records, 4 revisions"; "записи: 3, редакции: 4"),
/// each named by its message.
pub fn counts(items: &[(&str, u64)]) -> String {
    items
        .iter()
        .map(|(key, n)| tw("cli-count", &[("count", Arg::Number(*n)), ("what", Arg::Text(&t(key)))]))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a whole copy (an import of a full-scope export, a migration)
/// carried, in words.
pub fn copied(c: &vigil_store::transfer::Copied) -> String {
    counts(&[
        ("cli-table-records", c.records),
        ("cli-table-revisions", c.revisions),
        ("cli-table-accounts", c.accounts),
        ("cli-table-tokens", c.tokens),
        ("cli-table-sessions", c.sessions),
        ("cli-table-account-audit", c.account_audit),
        ("cli-table-proposals", c.proposals),
        ("cli-table-fingerprints", c.fingerprints),
        ("cli-table-source-links", c.source_links),
        ("cli-table-campaigns", c.campaigns),
        ("cli-table-signatures", c.signatures),
        ("cli-table-invalidations", c.invalidations),
        ("cli-table-campaign-audit", c.campaign_audit),
        ("cli-table-messages", c.mail),
        ("cli-table-deliveries", c.deliveries),
        ("cli-table-campaign-outcomes", c.campaign_outcomes),
        ("cli-table-attachments", c.attachments),
        ("cli-table-form-keys", c.form_keys),
        ("cli-table-forms", c.forms),
        ("cli-table-form-media", c.form_media),
        ("cli-table-device-digests", c.device_digests),
    ])
}

/// The words of a table the key rotation re-seals (as the store names it).
pub fn table(name: &str) -> String {
    let key = match name {
        "records" => "cli-table-records",
        "revisions" => "cli-table-revisions",
        "status stretches" => "cli-table-status-stretches",
        "signatures" => "cli-table-signatures",
        "queued mail" => "cli-table-queued-mail",
        "attachments" => "cli-table-attachments",
        "form keys" => "cli-table-form-keys",
        "device digests" => "cli-table-device-digests",
        "proposals" => "cli-table-proposals",
        "fingerprints" => "cli-table-fingerprints",
        other => return other.to_owned(),
    };
    t(key)
}

/// A path as an argument of a message.
pub fn path(p: &std::path::Path) -> String {
    p.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_name_their_language() {
        assert_eq!(of_locale("ru_RU.UTF-8"), Some(Lang::Ru));
        assert_eq!(of_locale("kk_KZ"), Some(Lang::Kk));
        assert_eq!(of_locale("kk_KZ.UTF-8@cyrillic"), Some(Lang::Kk));
        assert_eq!(of_locale("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(of_locale("C"), None);
        assert_eq!(of_locale("C.UTF-8"), None);
    }
}
