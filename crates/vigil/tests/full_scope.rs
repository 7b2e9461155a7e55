//! `vigil export --scope full` and its import into an empty case file:
//! the same bytes out again (the header aside), on SQLite, on PostgreSQL
//! (with VIGIL_TEST_POSTGRES_URL; skipped loudly without it) and from one
//! to the other; and every refusal writes nothing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use vigil_store::SealKey;
use vigil_store_any::SqliteStore;
use vigil_store_postgres::testing::{fresh_database, server_url};

use common::vigil;

/// A data folder whose case file has a row in every carried table (see
/// `vigil_store::suite::fill_every_table`), under `key`.
async fn filled(data: &Path, key: &SealKey) {
    std::fs::create_dir_all(data).expect("data folder");
    let store = SqliteStore::open(&data.join("vigil.db"), key.clone())
        .await
        .expect("sqlite");
    vigil_store::suite::fill_every_table(&store).await;
    store.close().await;
}

/// A case file [`filled`] in `dir/a` under `key`, exported in the full
/// scope to `dir/a.jsonl`: that file and its text.
async fn filled_and_exported(dir: &Path, key: &SealKey) -> (PathBuf, String) {
    let a = dir.join("a");
    filled(&a, key).await;
    let a_file = dir.join("a.jsonl");
    let text = export_full(At::Folder(&a), key, &a_file);
    (a_file, text)
}

/// Where a case file is: a data folder (SQLite) or a database URL.
#[derive(Clone, Copy)]
enum At<'a> {
    Folder(&'a Path),
    Database(&'a str, &'a Path),
}

/// `vigil ARGS` on the case file `at`, under `key`.
fn run(args: &[&str], at: At<'_>, key: &SealKey) -> Output {
    let mut cmd = vigil();
    cmd.args(args)
        .env("VIGIL_LOG", "warn")
        .env("VIGIL_KEY", key.to_hex())
        .env_remove("VIGIL_KEY_FILE")
        .env_remove("VIGIL_DATABASE_URL");
    match at {
        At::Folder(data) => cmd.arg("--data").arg(data),
        At::Database(url, data) => cmd.arg("--data").arg(data).args(["--database-url", url]),
    };
    cmd.output().expect("run vigil")
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The one line of error a refused command prints.
fn refused(out: Output) -> String {
    assert!(!out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("vigil:")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    lines[0].to_owned()
}

/// The full export of the case file `at`, to `file`: its text.
fn export_full(at: At<'_>, key: &SealKey, file: &Path) -> String {
    let path = file.to_str().expect("path");
    ok(run(&["export", "--scope", "full", "--out", path], at, key));
    std::fs::read_to_string(file).expect("read export")
}

/// An export without its header line.
fn body(text: &str) -> Vec<&str> {
    text.lines().skip(1).collect()
}

fn import(file: &Path, at: At<'_>, key: &SealKey, extra: &[&str]) -> Output {
    let mut args = vec!["import", file.to_str().expect("path")];
    args.extend_from_slice(extra);
    run(&args, at, key)
}

/// Whether the case file `at` holds nothing: its full export has no row.
fn is_empty(at: At<'_>, key: &SealKey, scratch: &Path) -> bool {
    let text = export_full(at, key, scratch);
    std::fs::remove_file(scratch).expect("remove");
    body(&text).is_empty()
}

#[tokio::test]
async fn a_full_export_imports_into_an_empty_case_file_and_exports_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let key = SealKey::generate();
    let (a_file, text) = filled_and_exported(dir.path(), &key).await;
    let header: serde_json::Value = serde_json::from_str(text.lines().next().expect("header")).expect("json");
    assert_eq!(header["scope"], "full");
    assert!(header["key_check"].is_string(), "{header}");
    for table in vigil_store::transfer::ROW_TABLES {
        let n = header["counts"][table].as_u64().unwrap_or(0);
        assert!(n > 0, "a row of {table}: {header}");
        let lines = body(&text)
            .iter()
            .filter(|l| l.starts_with(&format!("{{\"table\":\"{table}\",")))
            .count() as u64;
        assert_eq!(lines, n, "{table}");
    }
    // Sealed content stays sealed; password hashes, deleted records and
    // revisions with their authors and reasons are there.
    for secret in [
        "Zhanna Witnessova",
        "7 Quiet Lane",
        "9 Hidden Street",
        "Signer a@example.org",
        "a confirmation link",
    ] {
        assert!(!text.contains(secret), "{secret} in the clear");
    }
    assert!(text.contains("$argon2id$fake"));
    assert!(text.contains(r#""id":"gone-0001","kind":"person","deleted":true"#));
    assert!(text.contains(r#""author":"ana","#) && text.contains(r#""reason":"a reason""#));

    // Into an empty case file, and out again: the same bytes.
    let b = dir.path().join("b");
    let out = ok(import(&a_file, At::Folder(&b), &key, &[]));
    assert!(out.contains("imported the whole case file"), "{out}");
    let again = export_full(At::Folder(&b), &key, &dir.path().join("b.jsonl"));
    assert_eq!(body(&again), body(&text));

    // Refused, writing nothing: into a case file that is not empty ...
    let line = refused(import(&a_file, At::Folder(&b), &key, &[]));
    assert!(line.contains("not empty"), "{line}");
    // ... under another key ...
    let other = SealKey::generate();
    let c = dir.path().join("c");
    let line = refused(import(&a_file, At::Folder(&c), &other, &[]));
    assert!(line.contains("line 1") && line.contains("another key"), "{line}");
    assert!(is_empty(At::Folder(&c), &other, &dir.path().join("c.jsonl")));
    // ... cut short ...
    let d = dir.path().join("d");
    let lines: Vec<&str> = text.lines().collect();
    let cut = dir.path().join("cut.jsonl");
    std::fs::write(&cut, lines[..lines.len() - 1].join("\n") + "\n").expect("write");
    let line = refused(import(&cut, At::Folder(&d), &key, &[]));
    assert!(line.contains("truncated"), "{line}");
    // ... with a bad row ...
    let bad = dir.path().join("bad.jsonl");
    let mut broken: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    let at = broken
        .iter()
        .position(|l| l.starts_with(r#"{"table":"mail_queue","#))
        .expect("a message");
    broken[at] = broken[at].replace(r#""sealed":""#, r#""sealed":"!!"#);
    std::fs::write(&bad, broken.join("\n") + "\n").expect("write");
    let line = refused(import(&bad, At::Folder(&d), &key, &[]));
    assert!(
        line.contains(&format!("line {}", at + 1)) && line.contains("base64"),
        "{line}"
    );
    // ... with rows out of order ...
    let mut swapped: Vec<&str> = lines.clone();
    let first_revision = swapped
        .iter()
        .position(|l| l.starts_with(r#"{"table":"revisions","#))
        .expect("a revision");
    swapped.swap(1, first_revision);
    let out_of_order = dir.path().join("order.jsonl");
    std::fs::write(&out_of_order, swapped.join("\n") + "\n").expect("write");
    let line = refused(import(&out_of_order, At::Folder(&d), &key, &[]));
    assert!(line.contains("in order"), "{line}");
    // ... and a dry run writes nothing either.
    let out = ok(import(&a_file, At::Folder(&d), &key, &["--dry-run"]));
    assert!(out.contains("dry run, nothing written"), "{out}");
    assert!(is_empty(At::Folder(&d), &key, &dir.path().join("d.jsonl")));
    // The case file is whole after all that: it imports.
    ok(import(&a_file, At::Folder(&d), &key, &[]));
}

#[tokio::test]
async fn a_full_export_moves_from_sqlite_to_postgresql_and_back_as_the_same_bytes() {
    let Some(server) = server_url() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let key = SealKey::generate();
    let (a_file, text) = filled_and_exported(dir.path(), &key).await;

    // SQLite → PostgreSQL → the same bytes.
    let first = fresh_database(&server).await;
    let pg_data = dir.path().join("pg");
    std::fs::create_dir_all(&pg_data).expect("folder");
    ok(import(&a_file, At::Database(&first, &pg_data), &key, &[]));
    let pg_file = dir.path().join("pg.jsonl");
    let from_pg = export_full(At::Database(&first, &pg_data), &key, &pg_file);
    assert_eq!(body(&from_pg), body(&text));

    // PostgreSQL → PostgreSQL, and refused into a database not empty.
    let second = fresh_database(&server).await;
    ok(import(&pg_file, At::Database(&second, &pg_data), &key, &[]));
    let again = export_full(At::Database(&second, &pg_data), &key, &dir.path().join("pg2.jsonl"));
    assert_eq!(body(&again), body(&text));
    let line = refused(import(&pg_file, At::Database(&second, &pg_data), &key, &[]));
    assert!(line.contains("not empty"), "{line}");

    // PostgreSQL → SQLite.
    let back = dir.path().join("back");
    ok(import(&pg_file, At::Folder(&back), &key, &[]));
    let back_text = export_full(At::Folder(&back), &key, &dir.path().join("back.jsonl"));
    assert_eq!(body(&back_text), body(&text));
}
