//! The `vigil` binary speaks its user's language: `--lang`, else the
//! locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English. Its messages are
//! checked against the catalogues themselves, and none of the English
//! catalogue's wording may be left in a Russian or Kazakh run.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::Output;

use common::vigil;

const LOCALES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vigil-app/locales");

/// The one-line messages of a language's catalogue, by key.
fn catalogue(lang: &str) -> HashMap<String, String> {
    let mut messages = HashMap::new();
    for entry in std::fs::read_dir(format!("{LOCALES}/{lang}")).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for line in text.lines() {
            if let Some((key, value)) = line.split_once(" = ") {
                if key.starts_with(|c: char| c.is_ascii_lowercase()) && !value.trim().is_empty() {
                    messages.insert(key.to_owned(), value.to_owned());
                }
            }
        }
    }
    assert!(messages.len() > 200, "{lang}: the catalogue is read");
    messages
}

/// The message `key` of `messages` with its arguments put in.
fn said(messages: &HashMap<String, String>, key: &str, args: &[(&str, &str)]) -> String {
    let mut text = messages.get(key).unwrap_or_else(|| panic!("no message {key}")).clone();
    for (name, value) in args {
        text = text.replace(&format!("{{ ${name} }}"), value);
    }
    assert!(!text.contains("{ $"), "{key}: an argument is left: {text}");
    text
}

/// The pieces of the English catalogue's wording long enough to be
/// telling (three words or more between its arguments).
fn english_wording() -> Vec<String> {
    let mut pieces: Vec<String> = catalogue("en")
        .into_values()
        .flat_map(|v| {
            v.split(['{', '}'])
                .enumerate()
                .filter(|(i, _)| i % 2 == 0)
                .map(|(_, p)| {
                    p.trim()
                        .trim_matches(|c: char| c.is_ascii_punctuation())
                        .trim()
                        .to_owned()
                })
                .collect::<Vec<_>>()
        })
        .filter(|p| p.split_whitespace().count() >= 3)
        .collect();
    pieces.sort();
    pieces.dedup();
    assert!(pieces.len() > 100);
    pieces
}

fn assert_no_english(output: &str) {
    for piece in english_wording() {
        assert!(!output.contains(&piece), "English left: “{piece}” in\n{output}");
    }
}

/// `vigil ARGS` in `dir` with the locale variables `env` (and no others).
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = vigil();
    cmd.current_dir(dir)
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("VIGIL_KEY")
        .env_remove("VIGIL_KEY_FILE")
        .env_remove("VIGIL_LOG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The error line `vigil import` writes, in the words of `messages`,
/// for `bad.jsonl` (whose third line ends too soon, at column 16).
fn bad_line_refused(messages: &HashMap<String, String>) -> String {
    let fault = format!(
        "{}: {}",
        messages["open-data-not-json"],
        said(messages, "json-fault-eof-column", &[("column", "16")])
    );
    let why = said(messages, "open-data-line", &[("number", "3"), ("message", &fault)]);
    format!("vigil: bad.jsonl: {}: {why}", messages["cli-nothing-imported"])
}

/// The one line of stderr that says why the command failed.
fn error_line(out: &Output) -> String {
    assert!(!out.status.success());
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("vigil:")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    lines[0].to_owned()
}

const HEADER: &str = r#"{"format":"vigil-export","version":1,"scope":"public","exported_at":"2026-01-01T00:00:00Z","counts":{"person":2}}"#;
const FIRST: &str =
    r#"{"kind":"person","id":"ana-lopez","deleted":false,"record":{"id":"ana-lopez","name":"Ana Lopez"}}"#;
const SECOND: &str = r#"{"kind":"person","id":"bo-kim","deleted":false,"record":{"id":"bo-kim","name":"Bo Kim"}}"#;

#[test]
fn the_command_line_answers_in_russian_and_kazakh_from_the_locale_or_the_option() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("bad.jsonl"),
        format!("{HEADER}\n{FIRST}\n{{\"kind\":\"person\"\n"),
    )
    .unwrap();
    std::fs::write(d.join("good.jsonl"), format!("{HEADER}\n{FIRST}\n{SECOND}\n")).unwrap();
    std::fs::write(d.join("empty.txt"), "  \n").unwrap();
    let ru = catalogue("ru");
    let kk = catalogue("kk");
    let en = catalogue("en");
    let import = ["import", "--data", "data"];

    // A failure, in Russian from LANG: the file named, the line at fault,
    // why, all in the catalogue's words; nothing is written.
    let out = run(d, &[&import[..], &["bad.jsonl"]].concat(), &[("LANG", "ru_RU.UTF-8")]);
    assert_eq!(error_line(&out), bad_line_refused(&ru));
    assert_no_english(&text(&out.stderr));

    // The same in Kazakh from --lang, which wins over the locale.
    let out = run(
        d,
        &["import", "--lang", "kk", "--data", "data", "bad.jsonl"],
        &[("LANG", "ru_RU.UTF-8")],
    );
    assert_eq!(error_line(&out), bad_line_refused(&kk));
    assert_no_english(&text(&out.stderr));

    // LC_ALL decides before LANG: C is English.
    let out = run(
        d,
        &[&import[..], &["bad.jsonl"]].concat(),
        &[("LC_ALL", "C"), ("LANG", "ru_RU.UTF-8")],
    );
    assert!(error_line(&out).contains(&en["cli-nothing-imported"]));

    // A success, in Russian: the counts in words.
    let out = run(
        d,
        &[&import[..], &["good.jsonl"]].concat(),
        &[("LC_MESSAGES", "ru_RU.UTF-8")],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let counts = said(
        &ru,
        "cli-import-counts",
        &[("count", "2"), ("first", "0"), ("total", "0"), ("number", "0")],
    );
    assert_eq!(text(&out.stdout).trim(), format!("{} {counts}", ru["cli-imported"]));
    assert_no_english(&format!("{}{}", text(&out.stdout), text(&out.stderr)));

    // An export, in Kazakh: how much, and of what scope.
    let out = run(d, &["export", "--lang", "kk", "--data", "data"], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = out.stdout.len().to_string();
    assert_eq!(
        text(&out.stderr).trim(),
        said(
            &kk,
            "cli-exported-bytes",
            &[("count", &bytes), ("what", &kk["cli-scope-public"])]
        )
    );

    // Ingest, in Kazakh from kk_KZ: a file that cannot be read, the tally,
    // and the failure.
    let out = run(
        d,
        &["ingest", "--data", "data", "--as", "tester", "empty.txt"],
        &[("LANG", "kk_KZ")],
    );
    let err = text(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains(&format!("vigil: empty.txt: {}", kk["read-error-empty"])),
        "{err}"
    );
    assert!(
        err.contains(&said(
            &kk,
            "cli-ingest-done",
            &[("count", "0"), ("total", "0"), ("first", "1")]
        )),
        "{err}"
    );
    assert!(
        err.contains(&said(&kk, "cli-ingest-failed", &[("count", "1"), ("total", "1")])),
        "{err}"
    );
    assert_no_english(&err);

    // The same command with no locale at all is English.
    let out = run(d, &["ingest", "--data", "data", "--as", "tester", "empty.txt"], &[]);
    assert!(text(&out.stderr).contains("0 new sources, 0 duplicates, 1 failed"));
}

#[test]
fn an_unknown_language_code_is_refused_by_the_parser() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["export", "--lang", "fr", "--data", "data"], &[]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--lang"));
}

/// The rarer refusals of an import (a file that is no export, an id given
/// twice, a file cut short, a line's id not its record's, an unknown table,
/// a file sealed under another key, a case file not empty, a zip that is
/// none) are said in Russian and Kazakh with their values; nothing is
/// written.
#[test]
fn the_rarer_import_refusals_are_said_with_their_values() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let full = |counts: &str, extra: &str| {
        format!(
            r#"{{"format":"vigil-export","version":1,"scope":"full","exported_at":"2026-01-01T00:00:00Z","counts":{counts}{extra}}}"#
        )
    };
    let files = [
        ("notheader.jsonl", "hello\n".to_owned()),
        ("dup.jsonl", format!("{HEADER}\n{FIRST}\n{FIRST}\n")),
        ("short.jsonl", format!("{HEADER}\n{FIRST}\n")),
        (
            "mismatch.jsonl",
            format!(
                "{HEADER}\n{}\n",
                r#"{"kind":"person","id":"x-y","deleted":false,"record":{"id":"z-w","name":"Z"}}"#
            ),
        ),
        ("table.jsonl", format!("{}\n", full(r#"{"nonsense":1}"#, ""))),
        ("sealed.jsonl", format!("{}\n", full("{}", r#","key_check":"AAAA""#))),
    ];
    for (name, content) in &files {
        std::fs::write(d.join(name), content).unwrap();
    }
    std::fs::write(d.join("x.zip"), "garbage").unwrap();
    for lang in ["ru", "kk"] {
        let m = catalogue(lang);
        let import = |file: &str| {
            let out = run(
                d,
                &["import", "--lang", lang, "--data", "data", file],
                &[("VIGIL_LOG", "off")],
            );
            let line = error_line(&out);
            assert_no_english(&line);
            let prefix = format!("vigil: {file}: {}: ", m["cli-nothing-imported"]);
            line.strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("{line}"))
                .to_owned()
        };
        let at = |line: &str, message: String| said(&m, "open-data-line", &[("number", line), ("message", &message)]);
        assert_eq!(
            import("notheader.jsonl"),
            at("1", said(&m, "refusal-import-not-header", &[("name", "vigil-export")]))
        );
        assert_eq!(
            import("dup.jsonl"),
            at(
                "3",
                said(&m, "refusal-import-duplicate", &[("name", "ana-lopez"), ("first", "2")])
            )
        );
        let short = import("short.jsonl");
        assert!(short.starts_with(&at("3", String::new())), "{short}");
        assert!(short.contains(" 1 ") && short.contains(" 2 "), "the counts: {short}");
        assert_eq!(
            import("mismatch.jsonl"),
            at(
                "2",
                said(&m, "refusal-import-id-mismatch", &[("name", "x-y"), ("other", "z-w")])
            )
        );
        assert_eq!(
            import("table.jsonl"),
            at(
                "1",
                said(&m, "refusal-import-header-unknown-table", &[("name", "nonsense")])
            )
        );
        assert_eq!(import("sealed.jsonl"), at("1", m["refusal-import-other-key"].clone()));
        assert_eq!(import("x.zip"), m["refusal-import-not-zip"]);
    }
    // Into a case file that holds records, a full-scope export is refused.
    let out = run(d, &["import", "--data", "data", "dup.jsonl"], &[]);
    assert!(!out.status.success(), "the duplicate wrote nothing");
    std::fs::write(d.join("good.jsonl"), format!("{HEADER}\n{FIRST}\n{SECOND}\n")).unwrap();
    assert!(run(d, &["import", "--data", "data", "good.jsonl"], &[])
        .status
        .success());
    let kk = catalogue("kk");
    let out = run(
        d,
        &["import", "--data", "data", "sealed.jsonl"],
        &[("LANG", "kk_KZ.UTF-8")],
    );
    assert_eq!(
        error_line(&out),
        format!(
            "vigil: sealed.jsonl: {}: {}",
            kk["cli-nothing-imported"], kk["refusal-import-not-empty"]
        )
    );
    // In English, the precise account as before.
    let out = run(d, &["import", "--data", "data", "table.jsonl"], &[]);
    assert!(error_line(&out).ends_with("the header counts rows of an unknown table 'nonsense'"));
}

/// `--help` and a usage error in the user's language: the commands' and
/// options' descriptions from the catalogue, clap's own headings and
/// brackets in catalogue words; flag and command names stay English.
#[test]
fn help_and_usage_errors_are_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let en = catalogue("en");
    let clap_english = [
        "Usage:",
        "Options:",
        "Commands:",
        "Arguments:",
        "Print help",
        "[env:",
        "[default:",
        "possible values:",
        "[OPTIONS]",
    ];
    for (args, env, lang) in [
        (&["--help"][..], &[("LANG", "ru_RU.UTF-8")][..], "ru"),
        (&["import", "--help"][..], &[("LANG", "ru_RU.UTF-8")][..], "ru"),
        (&["export", "--help"][..], &[("LANG", "ru_RU.UTF-8")][..], "ru"),
        (&["--lang", "kk", "--help"][..], &[][..], "kk"),
        (
            &["import", "--help", "--lang", "kk"][..],
            &[("LANG", "ru_RU.UTF-8")][..],
            "kk",
        ),
        (&["serve", "--help"][..], &[("LC_MESSAGES", "kk_KZ")][..], "kk"),
        (&["user", "add", "--help"][..], &[("LANG", "ru_RU.UTF-8")][..], "ru"),
    ] {
        let out = run(d, args, env);
        assert!(out.status.success(), "{args:?}");
        let help = text(&out.stdout);
        let m = catalogue(lang);
        assert!(help.contains(&m["cli-help-usage"]), "{args:?}: {help}");
        assert_no_english(&help);
        for word in clap_english {
            assert!(!help.contains(word), "{args:?}: clap's “{word}” left in\n{help}");
        }
        // Every description the catalogue has for this help is in `lang`.
        for (key, english) in &en {
            if key.starts_with("cli-help-") && english.split_whitespace().count() >= 3 {
                assert!(!help.contains(english.as_str()), "{args:?}: {key} in English:\n{help}");
            }
        }
        // Each line that describes something has the language's letters (a
        // flag alone on its line, its description below, is no such line).
        let flag_alone = |t: &str| t.starts_with('-') && !t.contains("  ");
        for line in help
            .lines()
            .filter(|l| l.starts_with("  ") && l.trim().len() > 25 && !flag_alone(l.trim()))
        {
            assert!(line.chars().any(|c| ('а'..='я').contains(&c)), "{args:?}: {line}");
        }
    }
    let ru = catalogue("ru");
    let out = run(d, &["import", "--help"], &[("LANG", "ru_RU.UTF-8")]);
    let help = text(&out.stdout);
    for key in [
        "cli-help-import",
        "cli-help-arg-dry-run",
        "cli-help-arg-on-conflict",
        "cli-help-value-skip",
    ] {
        assert!(help.contains(&ru[key]), "{key}: {help}");
    }
    assert!(
        help.contains("--dry-run") && help.contains("--on-conflict"),
        "flag names stay"
    );

    // A usage error: what is at fault, the usage, where to read more.
    let out = run(d, &["import", "--bogus", "x"], &[("LANG", "ru_RU.UTF-8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "vigil: {}\n",
            said(&ru, "cli-usage-unknown-argument", &[("text", "--bogus")])
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{} vigil import [ПАРАМЕТРЫ] <PATH>", ru["cli-help-usage"])),
        "{err}"
    );
    assert!(err.contains(&ru["cli-usage-more"]), "{err}");
    assert_no_english(&err);
    let out = run(d, &["export", "--lang", "kk", "--format", "xml"], &[]);
    let err = text(&out.stderr);
    assert!(
        err.contains("«xml»") && err.contains("болатын мәндер: jsonl, csv, popolo"),
        "{err}"
    );
    // English stays English.
    let out = run(d, &["import", "--help"], &[]);
    assert!(text(&out.stdout).contains(&en["cli-help-arg-dry-run"]));
}

/// `vigil serve` tells whoever started it, in their language, which data
/// folder it uses, that it loaded the demo, where campaign mail goes and
/// where it listens.
#[test]
fn serve_says_how_it_starts_in_the_users_language() {
    use std::io::BufRead as _;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ru = catalogue("ru");
    let mut child = common::vigil()
        .current_dir(d)
        .args(["serve", "--data", "data", "--addr", "127.0.0.1:0"])
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("VIGIL_KEY")
        .env_remove("VIGIL_KEY_FILE")
        .env("LANG", "ru_RU.UTF-8")
        .env("VIGIL_LOG", "off")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = Vec::new();
    for line in std::io::BufReader::new(stderr).lines() {
        let line = line.unwrap();
        let done = line.starts_with("Vigil ");
        lines.push(line);
        if done || lines.len() > 20 {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let said_all = lines.join("\n");
    assert_no_english(&said_all);
    assert!(
        lines.contains(&said(&ru, "cli-serve-data-folder", &[("path", "data")])),
        "{said_all}"
    );
    assert!(
        lines.contains(&said(&ru, "cli-serve-outbox", &[("path", "data/outbox")])),
        "{said_all}"
    );
    // The key file sits in the data folder (the default): a warning.
    assert!(
        lines.contains(&said(&ru, "cli-serve-key-in-data", &[("path", "data/vigil.key")])),
        "{said_all}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Папка данных была пуста: загружено демонстрационное дело (")),
        "{said_all}"
    );
    let serving = lines.last().unwrap();
    let prefix = said(&ru, "cli-serving", &[("text", "http://127.0.0.1:")]);
    let (before, _) = prefix.split_once("http://127.0.0.1:").unwrap();
    assert!(
        serving.starts_with(before) && serving.contains("http://127.0.0.1:"),
        "{said_all}"
    );
}

#[test]
fn the_outbox_command_speaks_russian_and_kazakh() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (ru, kk) = (catalogue("ru"), catalogue("kk"));
    // A new data folder: its outbox is empty.
    let out = run(d, &["outbox", "list"], &[("LANG", "ru_RU.UTF-8")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), ru["cli-outbox-none"]);
    // A plain message an earlier version left: sealed, and said so.
    let folder = d.join("vigil-data").join("outbox");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("c1.eml"),
        "To: ana@example.org\r\nSubject: Confirm\r\n\r\nhttp://x/campaigns/s/confirm/t\r\n",
    )
    .unwrap();
    let out = run(d, &["outbox", "list"], &[("LANG", "ru_RU.UTF-8")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said_all = format!("{}{}", text(&out.stderr), text(&out.stdout));
    assert_no_english(&said_all);
    assert!(
        text(&out.stderr).contains(&said(
            &ru,
            "cli-outbox-sealed-plain",
            &[("count", "1"), ("path", "./vigil-data/outbox")]
        )),
        "{said_all}"
    );
    let line = text(&out.stdout);
    assert!(
        line.starts_with("c1: ") && line.trim_end().ends_with("кому: ana@example.org"),
        "{line}"
    );
    assert!(!folder.join("c1.eml").exists() && folder.join("c1.eml.sealed").exists());
    // An unknown message, in Kazakh.
    let out = run(d, &["outbox", "show", "c2"], &[("LANG", "kk_KZ.UTF-8")]);
    assert_eq!(
        error_line(&out),
        format!("vigil: {}", said(&kk, "cli-outbox-no-such", &[("name", "c2")]))
    );
    assert_no_english(&text(&out.stderr));
}
