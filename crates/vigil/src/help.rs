//! The command line's `--help` and its usage errors in the user's
//! language.
//!
//! clap builds the commands from their definitions (whose doc comments
//! are for developers); before parsing, every command's and argument's
//! description is replaced by its message in `cli-help.ftl`, and clap's own
//! words (the headings, `[OPTIONS]`, `[env: …]`, `[default: …]`, the
//! possible values, "Print help") by catalogue words. Flag, subcommand and
//! value names stay English. A usage error (an unknown flag, a bad value)
//! is said from its kind and the words at fault.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use crate::say::{t, tw, Arg as A};

/// The description of each command (by its path), argument (`--id`, or
/// `path --id` where one differs by command) and possible value (`=value`).
const TEXTS: &[(&str, &str)] = &[
    ("", "cli-help-about"),
    ("serve", "cli-help-serve"),
    ("user", "cli-help-user"),
    ("user add", "cli-help-user-add"),
    ("user list", "cli-help-user-list"),
    ("user role", "cli-help-user-role"),
    ("user password", "cli-help-user-password"),
    ("user disable", "cli-help-user-disable"),
    ("user enable", "cli-help-user-enable"),
    ("user audit", "cli-help-user-audit"),
    ("key", "cli-help-key"),
    ("key wrap", "cli-help-key-wrap"),
    ("key unwrap", "cli-help-key-unwrap"),
    ("key rotate", "cli-help-key-rotate"),
    ("key split", "cli-help-key-split"),
    ("key join", "cli-help-key-join"),
    ("token", "cli-help-token"),
    ("token issue", "cli-help-token-issue"),
    ("token list", "cli-help-token-list"),
    ("token revoke", "cli-help-token-revoke"),
    ("backup", "cli-help-backup"),
    ("restore", "cli-help-restore"),
    ("reindex", "cli-help-reindex"),
    ("rebuild-derived", "cli-help-rebuild-derived"),
    ("migrate-to-postgres", "cli-help-migrate-to-postgres"),
    ("ingest", "cli-help-ingest"),
    ("export", "cli-help-export"),
    ("import", "cli-help-import"),
    ("form-key", "cli-help-form-key"),
    ("form-key list", "cli-help-form-key-list"),
    ("form-key rotate", "cli-help-form-key-rotate"),
    ("form-key export", "cli-help-form-key-export"),
    ("form-reports", "cli-help-form-reports"),
    ("form-reports pending", "cli-help-form-reports-pending"),
    ("form-reports discard", "cli-help-form-reports-discard"),
    ("outbox", "cli-help-outbox"),
    ("outbox list", "cli-help-outbox-list"),
    ("outbox show", "cli-help-outbox-show"),
    // Arguments.
    ("--lang", "cli-help-arg-lang"),
    ("--data", "cli-help-arg-data"),
    ("--database_url", "cli-help-arg-database-url"),
    ("--key_file", "cli-help-arg-key-file"),
    ("--addr", "cli-help-arg-addr"),
    ("--empty", "cli-help-arg-empty"),
    ("--trusted_proxies", "cli-help-arg-trusted-proxies"),
    ("--field_parts_kept_days", "cli-help-arg-field-parts-kept-days"),
    ("--report", "cli-help-arg-report"),
    ("outbox show --name", "cli-help-arg-outbox-name"),
    ("--decoded", "cli-help-arg-decoded"),
    ("--pow_bits", "cli-help-arg-pow-bits"),
    ("--rate_limits", "cli-help-arg-rate-limits"),
    ("--smtp_url", "cli-help-arg-smtp-url"),
    ("--smtp_host", "cli-help-arg-smtp-host"),
    ("--smtp_port", "cli-help-arg-smtp-port"),
    ("--smtp_tls", "cli-help-arg-smtp-tls"),
    ("--smtp_user", "cli-help-arg-smtp-user"),
    ("--smtp_password", "cli-help-arg-smtp-password"),
    ("--mail_from", "cli-help-arg-mail-from"),
    ("--public_url", "cli-help-arg-public-url"),
    ("--anonymise_after_days", "cli-help-arg-anonymise-after-days"),
    ("--disposable_domains", "cli-help-arg-disposable-domains"),
    ("--name", "cli-help-arg-name"),
    ("--role", "cli-help-arg-role"),
    ("--limit", "cli-help-arg-limit"),
    ("--shares", "cli-help-arg-shares"),
    ("--threshold", "cli-help-arg-threshold"),
    ("--id", "cli-help-arg-token-id"),
    ("backup --file", "cli-help-arg-backup-file"),
    ("restore --file", "cli-help-arg-restore-file"),
    ("--paths", "cli-help-arg-paths"),
    ("--author", "cli-help-arg-author"),
    ("ingest --author", "cli-help-arg-ingest-as"),
    ("--published", "cli-help-arg-published"),
    ("--reason", "cli-help-arg-reason"),
    ("--threads", "cli-help-arg-threads"),
    ("--format", "cli-help-arg-format"),
    ("--scope", "cli-help-arg-scope"),
    ("--out", "cli-help-arg-out"),
    ("form-key export --out", "cli-help-arg-form-key-out"),
    ("form-key export --stdout", "cli-help-arg-form-key-stdout"),
    ("form-key export --key", "cli-help-arg-form-key-key"),
    ("--path", "cli-help-arg-import-path"),
    ("--dry_run", "cli-help-arg-dry-run"),
    ("--on_conflict", "cli-help-arg-on-conflict"),
    // Possible values.
    ("=reader", "cli-help-value-reader"),
    ("=editor", "cli-help-value-editor"),
    ("=confidential_reader", "cli-help-value-confidential-reader"),
    ("=admin", "cli-help-value-admin"),
    ("=device", "cli-help-value-device"),
    ("=jsonl", "cli-help-value-jsonl"),
    ("=csv", "cli-help-value-csv"),
    ("=popolo", "cli-help-value-popolo"),
    ("=public", "cli-help-value-public"),
    ("=full", "cli-help-value-full"),
    ("=fail", "cli-help-value-fail"),
    ("=skip", "cli-help-value-skip"),
    ("=update", "cli-help-value-update"),
];

/// The message key of `selector` (see [`TEXTS`]).
fn key_of(selector: &str) -> Option<&'static str> {
    TEXTS.iter().find(|(s, _)| *s == selector).map(|(_, k)| *k)
}

/// The key of argument `id` in the command at `path`.
fn arg_key(path: &str, id: &str) -> Option<&'static str> {
    key_of(&format!("{path} --{id}")).or_else(|| key_of(&format!("--{id}")))
}

/// The root command with every description in this run's language.
pub fn localised(cmd: Command) -> Command {
    command(cmd, "").disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(t("cli-help-version"))
            .help_heading(t("cli-help-options")),
    )
}

fn command(cmd: Command, path: &str) -> Command {
    let mut cmd = cmd
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .subcommand_help_heading(t("cli-help-commands"))
        .subcommand_value_name(t("cli-help-command-placeholder"))
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}\n",
            t("cli-help-usage")
        ));
    if let Some(key) = key_of(path) {
        cmd = cmd.about(t(key)).long_about(None::<&str>);
    }
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in &ids {
        cmd = cmd.mut_arg(id, |a| argument(a, path));
    }
    cmd = cmd.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .global(path.is_empty())
            .help(t("cli-help-help"))
            .help_heading(t("cli-help-options")),
    );
    let usage = usage(&cmd, path);
    cmd = cmd.override_usage(usage);
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for name in names {
        let sub = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| command(s, &sub));
    }
    cmd
}

/// `vigil user add [ПАРАМЕТРЫ] <NAME>`: clap's usage line with its own
/// word for the options.
fn usage(cmd: &Command, path: &str) -> String {
    let mut line = if path.is_empty() {
        "vigil".to_owned()
    } else {
        format!("vigil {path}")
    };
    line.push_str(&format!(" [{}]", t("cli-help-options-placeholder")));
    for a in cmd.get_arguments().filter(|a| a.is_positional()) {
        let name = a
            .get_value_names()
            .and_then(|n| n.first())
            .map(|n| n.to_string())
            .unwrap_or_else(|| a.get_id().to_string().to_uppercase());
        let many = a.get_num_args().is_some_and(|n| n.max_values() > 1);
        let dots = if many { "..." } else { "" };
        if a.is_required_set() {
            line.push_str(&format!(" <{name}>{dots}"));
        } else {
            line.push_str(&format!(" [{name}]{dots}"));
        }
    }
    if cmd.has_subcommands() {
        line.push_str(&format!(" <{}>", t("cli-help-command-placeholder")));
    }
    line
}

/// An argument's description, with its environment variable, default and
/// possible values in catalogue words (clap's own brackets hidden).
fn argument(a: Arg, path: &str) -> Arg {
    let id = a.get_id().to_string();
    let mut text = arg_key(path, &id).map(t).unwrap_or_default();
    let mut notes = Vec::new();
    if let Some(env) = a.get_env() {
        notes.push(format!("[{}: {}]", t("cli-help-env"), env.to_string_lossy()));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !a.is_positional() && !matches!(a.get_action(), ArgAction::SetTrue) {
        let shown = defaults.join(",");
        let shown = if shown.is_empty() { "\"\"".to_owned() } else { shown };
        notes.push(format!("[{}: {shown}]", t("cli-help-default")));
    }
    let values: Vec<_> = a
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    let mut listed = String::new();
    if values.iter().any(|v| v.get_help().is_some()) {
        listed.push_str(&format!("\n{}:", t("cli-help-possible")));
        for v in &values {
            let words = key_of(&format!("={}", v.get_name())).map(t).unwrap_or_default();
            listed.push_str(&format!("\n  - {}: {words}", v.get_name()));
        }
    } else if !values.is_empty() && id != "lang" && a.get_action().takes_values() {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        notes.push(format!("[{}: {}]", t("cli-help-possible"), names.join(", ")));
    }
    if !notes.is_empty() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&notes.join(" "));
    }
    text.push_str(&listed);
    let heading = if a.is_positional() {
        t("cli-help-arguments")
    } else {
        t("cli-help-options")
    };
    let takes_values = a.get_action().takes_values();
    let a = a
        .help(text)
        .long_help(None::<&str>)
        .hide_env(true)
        .help_heading(heading);
    if takes_values {
        a.hide_default_value(true).hide_possible_values(true)
    } else {
        a
    }
}

/// A usage error in this run's language: what is at fault, the usage, and
/// where to read more. Help and the version are printed as they are.
pub fn exit_with(e: clap::Error) -> ! {
    use std::io::Write as _;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            e.exit()
        }
        _ => {}
    }
    let context = |kind: ContextKind| -> String {
        match e.get(kind) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(s)) => s.join(", "),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(s)) => s.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let arg = context(ContextKind::InvalidArg);
    let said = match e.kind() {
        ErrorKind::UnknownArgument => tw("cli-usage-unknown-argument", &[("text", A::Text(&arg))]),
        ErrorKind::InvalidSubcommand => tw(
            "cli-usage-unknown-command",
            &[("text", A::Text(&context(ContextKind::InvalidSubcommand)))],
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = context(ContextKind::ValidValue);
            let value = context(ContextKind::InvalidValue);
            let said = tw(
                "cli-usage-invalid-value",
                &[("text", A::Text(&value)), ("name", A::Text(&arg))],
            );
            if valid.is_empty() {
                said
            } else {
                format!("{said} ({}: {valid})", t("cli-help-possible"))
            }
        }
        ErrorKind::MissingRequiredArgument => tw("cli-usage-missing", &[("text", A::Text(&arg))]),
        ErrorKind::MissingSubcommand => t("cli-usage-missing-command"),
        ErrorKind::ArgumentConflict => tw(
            "cli-usage-conflict",
            &[
                ("text", A::Text(&arg)),
                ("other", A::Text(&context(ContextKind::PriorArg))),
            ],
        ),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            tw("cli-usage-values", &[("text", A::Text(&arg))])
        }
        _ => t("cli-usage-other"),
    };
    let usage = context(ContextKind::Usage);
    let usage = usage
        .trim()
        .strip_prefix("Usage:")
        .unwrap_or(usage.trim())
        .trim()
        .to_owned();
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "vigil: {said}");
    if !usage.is_empty() {
        let _ = writeln!(err, "\n{} {usage}", t("cli-help-usage"));
    }
    let _ = writeln!(err, "\n{}", t("cli-usage-more"));
    drop(err);
    std::process::exit(2)
}

/// The `--lang` given on the command line, read before clap parses it
/// (the help must already be in that language).
pub fn lang_option(args: &[std::ffi::OsString]) -> Option<String> {
    let mut iter = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = iter.next() {
        if a == "--" {
            break;
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_owned());
        }
        if a == "--lang" {
            return iter.next().map(|v| v.into_owned());
        }
    }
    None
}

/// `vigil help import` as `vigil import --help` (clap's own `help`
/// subcommand, with its English description, is turned off).
pub fn help_subcommand(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut i = 1;
    while i < args.len() {
        let a = args[i].to_string_lossy();
        if a == "--lang" {
            i += 2;
        } else if a.starts_with('-') {
            i += 1;
        } else {
            break;
        }
    }
    if args.get(i).is_some_and(|a| a == "help") {
        args.remove(i);
        args.push("--help".into());
    }
    args
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Every command, argument and possible value has its words in the
    /// catalogues, and no two selectors are the same.
    #[test]
    fn every_command_and_argument_has_its_words() {
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            if key_of(path).is_none() {
                missing.push(format!("command '{path}'"));
            }
            for a in cmd.get_arguments() {
                let id = a.get_id().to_string();
                if arg_key(path, &id).is_none() {
                    missing.push(format!("{path} --{id}"));
                }
                for v in a.get_possible_values() {
                    if v.get_help().is_some() && key_of(&format!("={}", v.get_name())).is_none() {
                        missing.push(format!("={}", v.get_name()));
                    }
                }
            }
            for s in cmd.get_subcommands() {
                let sub = if path.is_empty() {
                    s.get_name().to_owned()
                } else {
                    format!("{path} {}", s.get_name())
                };
                walk(s, &sub, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&crate::Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "no words for {missing:#?}");
        let mut selectors: Vec<&str> = TEXTS.iter().map(|(s, _)| *s).collect();
        selectors.sort_unstable();
        let n = selectors.len();
        selectors.dedup();
        assert_eq!(selectors.len(), n, "a selector given twice");
        localised(crate::Cli::command()).debug_assert();
    }

    #[test]
    fn the_lang_option_is_read_before_parsing() {
        let args = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_option(&args(&["vigil", "--lang", "kk", "--help"])).as_deref(),
            Some("kk")
        );
        assert_eq!(
            lang_option(&args(&["vigil", "import", "--lang=ru"])).as_deref(),
            Some("ru")
        );
        assert_eq!(lang_option(&args(&["vigil", "import", "--", "--lang"])), None);
        assert_eq!(
            help_subcommand(args(&["vigil", "--lang", "kk", "help", "import"])),
            args(&["vigil", "--lang", "kk", "import", "--help"])
        );
        assert_eq!(
            help_subcommand(args(&["vigil", "import", "help"])),
            args(&["vigil", "import", "help"])
        );
    }
}
