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
    let why = said(
        &ru,
        "open-data-line",
        &[("number", "3"), ("message", &ru["open-data-not-json"])],
    );
    assert_eq!(
        error_line(&out),
        format!("vigil: bad.jsonl: {}: {why}", ru["cli-nothing-imported"])
    );
    assert_no_english(&text(&out.stderr));

    // The same in Kazakh from --lang, which wins over the locale.
    let out = run(
        d,
        &["import", "--lang", "kk", "--data", "data", "bad.jsonl"],
        &[("LANG", "ru_RU.UTF-8")],
    );
    let why = said(
        &kk,
        "open-data-line",
        &[("number", "3"), ("message", &kk["open-data-not-json"])],
    );
    assert_eq!(
        error_line(&out),
        format!("vigil: bad.jsonl: {}: {why}", kk["cli-nothing-imported"])
    );
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
