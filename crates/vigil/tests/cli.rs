//! The `vigil` binary as a user runs it.

mod common;

use std::process::{Command, Stdio};

use common::{serve, url_in, vigil};

#[test]
fn serve_loads_the_demo_into_an_empty_folder_and_answers() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (mut child, line) = serve(&data, |_| {});
    let url = url_in(&line);
    let body = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let stream = tokio::net::TcpStream::connect(url.trim_start_matches("http://"))
                .await
                .unwrap();
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let mut stream = stream;
            stream
                .write_all(b"GET /api/v1/persons/erlan-baltabay HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .await
                .unwrap();
            let mut out = String::new();
            stream.read_to_string(&mut out).await.unwrap();
            out
        })
    })
    .join()
    .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(body.starts_with("HTTP/1.1 200"), "{body}");
    assert!(body.contains("Erlan Baltabay"));
    assert!(data.join("vigil.db").exists());
}

#[test]
fn a_data_folder_that_is_a_file_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("file");
    std::fs::write(&not_a_folder, "x").unwrap();
    let out = vigil()
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(&not_a_folder)
        .output()
        .unwrap();
    let (line, err) = one_error_line(out);
    assert!(line.contains("data folder"), "{err}");
    assert_eq!(std::fs::read_to_string(&not_a_folder).unwrap(), "x");
}

#[test]
fn a_bad_address_is_refused_by_the_parser() {
    let out = vigil().args(["serve", "--addr", "not-an-address"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--addr"));
}

/// Asserts that `out` is a failure; its stderr.
fn failure(out: std::process::Output) -> String {
    assert!(!out.status.success());
    String::from_utf8(out.stderr).unwrap()
}

/// Asserts that `out` is a failure saying so in one line starting
/// `vigil:`; that line, and the whole of stderr.
fn one_error_line(out: std::process::Output) -> (String, String) {
    let err = failure(out);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("vigil:")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    (lines[0].to_owned(), err)
}

fn run(args: &[&str], data: &std::path::Path, stdin: Option<&str>) -> std::process::Output {
    common::run_in(args, data, stdin)
}

fn start_server(data: &std::path::Path) -> (std::process::Child, String) {
    serve(data, |_| {})
}

#[test]
fn accounts_tokens_backup_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (live, copy) = (dir.path().join("live"), dir.path().join("copy"));
    let (mut server, line) = start_server(&live);
    assert!(line.contains("serving"), "{line}");
    let key = std::fs::read_to_string(live.join("vigil.key")).unwrap();
    assert_eq!(key.trim().len(), 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(live.join("vigil.key")).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the key is readable by its owner only");
    }

    let short = run(&["user", "add", "ana", "--role", "editor"], &live, Some("short\n"));
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 12"));
    let added = run(
        &["user", "add", "ana", "--role", "editor"],
        &live,
        Some("a long enough password\n"),
    );
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let again = run(
        &["user", "add", "ana", "--role", "reader"],
        &live,
        Some("a long enough password\n"),
    );
    assert!(!again.status.success(), "names are unique");
    let bad_role = run(
        &["user", "add", "bob", "--role", "king"],
        &live,
        Some("a long enough password\n"),
    );
    assert!(!bad_role.status.success());
    let token = run(&["token", "issue", "ana"], &live, None);
    assert!(token.status.success());
    let token = String::from_utf8(token.stdout).unwrap();
    assert_eq!(token.trim().len(), 64);
    assert!(!run(&["token", "issue", "nobody"], &live, None).status.success());

    // A backup while the server runs, restored into an empty folder.
    let file = dir.path().join("snapshot.db");
    let backup = run(&["backup", file.to_str().unwrap()], &live, None);
    assert!(backup.status.success(), "{}", String::from_utf8_lossy(&backup.stderr));
    server.kill().unwrap();
    server.wait().unwrap();
    std::fs::create_dir_all(&copy).unwrap();
    std::fs::write(copy.join("vigil.key"), &key).unwrap();
    let restored = run(&["restore", file.to_str().unwrap()], &copy, None);
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    let twice = run(&["restore", file.to_str().unwrap()], &copy, None);
    assert!(!twice.status.success(), "never over an existing case file");

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use vigil_store::{Store, Visibility};
        let key = vigil_store::SealKey::from_hex(&key).unwrap();
        let a = vigil_store_sqlite::SqliteStore::open(&live.join("vigil.db"), key.clone())
            .await
            .unwrap();
        let b = vigil_store_sqlite::SqliteStore::open(&copy.join("vigil.db"), key)
            .await
            .unwrap();
        let (ra, rb) = (
            a.changes_since(0, 1_000_000).await.unwrap(),
            b.changes_since(0, 1_000_000).await.unwrap(),
        );
        assert!(ra.len() > 80);
        assert_eq!(ra, rb, "every revision");
        for rev in &ra {
            assert_eq!(
                a.record(&rev.record_id, Visibility::Confidential).await.unwrap(),
                b.record(&rev.record_id, Visibility::Confidential).await.unwrap(),
                "every record"
            );
        }
    });

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a backup").unwrap();
    let out = run(&["restore", junk.to_str().unwrap()], &dir.path().join("third"), None);
    one_error_line(out);
    assert!(
        !dir.path().join("third").join("vigil.db").exists(),
        "nothing half-written"
    );
}

/// What a command printed, and whether it succeeded.
fn outcome(out: &std::process::Output) -> (bool, String, String) {
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_account_command_works_and_is_audited_without_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let password = Some("a long enough password\n");
    assert!(run(&["user", "add", "ana", "--role", "editor"], &data, password)
        .status
        .success());
    assert!(run(&["user", "add", "bob", "--role", "reader"], &data, password)
        .status
        .success());

    let (ok, listed, _) = outcome(&run(&["user", "list"], &data, None));
    assert!(ok);
    assert_eq!(listed, "ana\teditor\tactive\nbob\treader\tactive\n");

    let (ok, out, err) = outcome(&run(&["user", "role", "ana", "admin"], &data, None));
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "ana is now admin");
    let (ok, _, err) = outcome(&run(&["user", "role", "ana", "king"], &data, None));
    assert!(!ok);
    assert!(err.contains("confidential_reader"), "the roles are listed: {err}");
    let (ok, _, err) = outcome(&run(&["user", "role", "nobody", "editor"], &data, None));
    assert!(!ok);
    assert!(err.contains("no account 'nobody'"), "{err}");

    let (ok, _, err) = outcome(&run(&["user", "password", "bob"], &data, Some("short\n")));
    assert!(!ok);
    assert!(err.contains("at least 12"), "{err}");
    let (ok, _, err) = outcome(&run(
        &["user", "password", "bob"],
        &data,
        Some("another long password\n"),
    ));
    assert!(ok, "{err}");

    let first = outcome(&run(&["token", "issue", "ana"], &data, None)).1;
    let second = outcome(&run(&["token", "issue", "ana"], &data, None)).1;
    let (first, second) = (first.trim().to_owned(), second.trim().to_owned());
    assert_eq!((first.len(), second.len()), (64, 64));
    let (ok, tokens, _) = outcome(&run(&["token", "list", "ana"], &data, None));
    assert!(ok);
    let ids: Vec<&str> = tokens.lines().filter_map(|l| l.split('\t').next()).collect();
    assert_eq!(ids.len(), 2, "{tokens}");
    assert!(ids
        .iter()
        .all(|id| id.len() == 12 && id.bytes().all(|b| b.is_ascii_hexdigit())));
    assert!(
        !tokens.contains(&first[..12]) && !tokens.contains(&second[..12]),
        "tokens are never shown"
    );
    assert!(!run(&["token", "list", "nobody"], &data, None).status.success());

    let (ok, out, err) = outcome(&run(&["token", "revoke", ids[0]], &data, None));
    assert!(ok, "{err}");
    assert_eq!(out.trim(), format!("revoked the token {} of ana", ids[0]));
    assert_eq!(
        outcome(&run(&["token", "list", "ana"], &data, None)).1.lines().count(),
        1
    );
    for bad in [ids[0], "%", "0123456789abcdef0123"] {
        let (ok, _, err) = outcome(&run(&["token", "revoke", bad], &data, None));
        assert!(!ok, "revoking {bad}");
        assert!(err.contains("no token"), "{err}");
    }

    assert!(run(&["user", "disable", "bob"], &data, None).status.success());
    assert!(run(&["user", "enable", "bob"], &data, None).status.success());
    assert!(!run(&["user", "disable", "nobody"], &data, None).status.success());

    // The new password is bob's, and the old one is not.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let key = std::fs::read_to_string(data.join("vigil.key")).unwrap();
    let (audit, hash) = rt.block_on(async {
        use vigil_store::Accounts;
        let key = vigil_store::SealKey::from_hex(&key).unwrap();
        let store = vigil_store_sqlite::SqliteStore::open(&data.join("vigil.db"), key)
            .await
            .unwrap();
        let bob = vigil_core::UserName::parse("bob").unwrap();
        let hash = store.account(&bob).await.unwrap().unwrap().1;
        (store.account_audit(100).await.unwrap(), hash)
    });
    assert!(vigil_app::credentials::verify_password("another long password", &hash));
    assert!(!vigil_app::credentials::verify_password(
        "a long enough password",
        &hash
    ));

    let (ok, log, _) = outcome(&run(&["user", "audit"], &data, None));
    assert!(ok);
    let actions: Vec<(&str, &str)> = audit
        .iter()
        .rev()
        .map(|a| (a.action.as_str(), a.account.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("add", "ana"),
            ("add", "bob"),
            ("role", "ana"),
            ("password", "bob"),
            ("issue-token", "ana"),
            ("issue-token", "ana"),
            ("revoke-token", "ana"),
            ("disable", "bob"),
            ("enable", "bob"),
        ]
    );
    assert!(audit.iter().all(|a| a.actor.starts_with("cli:")), "{audit:?}");
    assert_eq!(log.lines().count(), audit.len());
    // The printed log says who and what in words (English here), not codes.
    assert!(!log.contains("cli:") && !log.contains("issue-token"), "{log}");
    for secret in [&first, &second, &hash] {
        assert!(!log.contains(secret.as_str()), "no secret in the audit log");
    }
    assert!(
        log.lines().next().unwrap().contains("\tenabled\tbob"),
        "newest first: {log}"
    );

    let help = vigil().args(["user", "add", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for role in ["reader", "editor", "confidential_reader", "admin"] {
        assert!(help.contains(role), "--help names the role {role}: {help}");
    }
}

#[test]
fn a_case_file_without_its_key_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let (mut server, _) = start_server(&data);
    server.kill().unwrap();
    server.wait().unwrap();
    std::fs::remove_file(data.join("vigil.key")).unwrap();
    let out = run(&["backup", dir.path().join("x.db").to_str().unwrap()], &data, None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("key"));
}

/// Starts `vigil serve` on `data` and waits until it listens.
fn start_listening(data: &std::path::Path) -> std::process::Child {
    serve(data, |cmd| {
        cmd.env("VIGIL_LOG", "error");
    })
    .0
}

#[test]
fn reindex_rebuilds_the_search_index_and_waits_for_a_stopped_server() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut server = start_listening(&data);
    assert!(data.join("search").join("meta.json").exists());

    // A second server on the same folder serves too, with its own index.
    let mut second = start_listening(&data);
    second.kill().unwrap();
    second.wait().unwrap();

    // The running server holds the index.
    let out = vigil().arg("reindex").arg("--data").arg(&data).output().unwrap();
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("in use by another Vigil process"), "{err}");

    let out = vigil().arg("reindex").arg("--data").arg(&data).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let indexed: u64 = err
        .split_whitespace()
        .skip_while(|w| *w != "Indexed")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{err}"));
    assert!(indexed > 50, "{err}");

    // A corrupt index does not stop the server: it is rebuilt.
    std::fs::write(data.join("search").join("meta.json"), "garbage").unwrap();
    let mut server = start_listening(&data);
    server.kill().unwrap();
    server.wait().unwrap();
    let meta = std::fs::read_to_string(data.join("search").join("meta.json")).unwrap();
    assert!(meta.contains("\"segments\""), "{meta}");
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, line) = start_server(&dir.path().join("data"));
    assert!(line.contains("serving"), "{line}");
    let sent = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        assert!(std::time::Instant::now() < deadline, "the server stops on SIGTERM");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn backup_and_restore_refuse_a_postgres_case_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = vigil()
        .args([
            "backup",
            "b.db",
            "--database-url",
            "postgres://nobody@127.0.0.1:1/none",
            "--data",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = failure(out);
    assert!(err.contains("pg_dump"), "{err}");
    let out = vigil()
        .args(["serve", "--database-url", "sqlite://x.db", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = failure(out);
    assert!(err.contains("postgres://"), "{err}");
}

const SEED_000: &[u8] = include_bytes!("../../../data/seeds/000_d79213b0131a445b.txt");
const SEED_003: &[u8] = include_bytes!("../../../data/seeds/003_bfcdc5e5cff55131.txt");

/// `vigil ingest ARGS… --data DATA DOCS`: whether it succeeded, its
/// standard output and its standard error.
fn ingest(args: &[&str], data: &std::path::Path, docs: &std::path::Path) -> (bool, String, String) {
    let out = vigil()
        .arg("ingest")
        .args(args)
        .arg("--data")
        .arg(data)
        .arg(docs)
        .env("VIGIL_LOG", "warn")
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.success(), text(out.stdout), text(out.stderr))
}

#[test]
fn ingest_a_folder_with_a_broken_file_duplicates_and_near_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("more")).unwrap();
    std::fs::write(docs.join("a-hrw.txt"), SEED_000).unwrap();
    let svensson = String::from_utf8(SEED_003.to_vec()).unwrap();
    let html = format!(
        "<html><body><nav>Home</nav><article>{}</article></body></html>",
        svensson
            .split("\n\n")
            .map(|p| format!("<p>{p}</p>"))
            .collect::<String>()
    );
    std::fs::write(docs.join("b-svensson.html"), html).unwrap();
    std::fs::write(docs.join("c-broken.pdf"), b"%PDF-1.4\nthis is not a PDF").unwrap();
    std::fs::write(docs.join("d-copy-of-hrw.txt"), SEED_000).unwrap();
    let near = svensson.replace("surprisingly has announced", "has unexpectedly announced");
    std::fs::write(docs.join("more").join("e-svensson-republished.txt"), near).unwrap();
    std::fs::write(docs.join(".hidden.txt"), "skipped").unwrap();
    let data = dir.path().join("data");
    let (ok, stdout, stderr) = ingest(&["--as", "tester"], &data, &docs);
    assert!(!ok, "a failed file makes the exit status say so");
    let broken: Vec<&str> = stderr.lines().filter(|l| l.contains("c-broken.pdf")).collect();
    assert_eq!(broken.len(), 1, "{stderr}");
    assert!(
        broken[0].starts_with("vigil: ") && broken[0].contains("PDF"),
        "{stderr}"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(
        lines[0].contains("a-hrw.txt: source still-suppression-of-workers-rights-in-kazakhstan-"),
        "{stdout}"
    );
    assert!(lines[0].contains("proposals: 6 persons"), "{stdout}");
    assert!(lines[1].contains("b-svensson.html: source "), "{stdout}");
    assert!(
        lines[2].contains("d-copy-of-hrw.txt: duplicate of source still-suppression"),
        "{stdout}"
    );
    assert!(
        lines[3].contains("e-svensson-republished.txt: source ") && lines[3].contains("near duplicate of"),
        "{stdout}"
    );
    assert!(!stdout.contains(".hidden"));
    assert!(stderr.contains("3 new sources, 1 duplicates, 1 failed"), "{stderr}");

    // Again: every readable file is now a duplicate; nothing is stored twice.
    let out = vigil()
        .args(["ingest", "--data"])
        .arg(&data)
        .arg(docs.join("a-hrw.txt"))
        .arg(docs.join("b-svensson.html"))
        .env("VIGIL_LOG", "warn")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.lines().filter(|l| l.contains("duplicate of source")).count(),
        2,
        "{stdout}"
    );

    // A missing path is named, the others still go in.
    let out = vigil()
        .args(["ingest", "--data"])
        .arg(&data)
        .arg(dir.path().join("nowhere.txt"))
        .arg(docs.join("more"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("vigil: ") && l.contains("nowhere.txt")),
        "{stderr}"
    );
    assert!(String::from_utf8(out.stdout).unwrap().contains("duplicate of source"));
}

#[test]
fn ingest_answers_in_name_order_across_batches_and_threads() {
    // More files than a batch (256), read by more threads than cores: the
    // lines still come in the folder's order, one per file.
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let n = 600;
    for i in 0..n {
        let text = format!(
            "Report number {i}\n\nOn {} May 2019 the court in Shymkent fined union member number {i} for a rally.",
            1 + i % 28
        );
        std::fs::write(docs.join(format!("{i:04}.txt")), text).unwrap();
    }
    let data = dir.path().join("data");
    let (ok, stdout, stderr) = ingest(&["--threads", "3"], &data, &docs);
    assert!(ok, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), n, "{stderr}");
    for (i, line) in lines.iter().enumerate() {
        assert!(
            line.contains(&format!("{i:04}.txt: source report-number-{i}-")),
            "{line}"
        );
    }
    assert!(
        stderr.contains(&format!("{n} new sources, 0 duplicates, 0 failed")),
        "{stderr}"
    );
}

/// `vigil import --data DATA FILE`.
fn import(data: &std::path::Path, file: &std::path::Path) -> std::process::Output {
    vigil().args(["import", "--data"]).arg(data).arg(file).output().unwrap()
}

/// `vigil import` and `vigil export` as a user runs them: a bad line is one
/// line on stderr naming it, a non-zero exit and nothing written; a good
/// file goes in and comes out the same.
#[test]
fn import_names_a_bad_line_and_export_gives_back_what_was_imported() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let header = r#"{"format":"vigil-export","version":1,"scope":"public","exported_at":"2026-01-01T00:00:00Z","counts":{"person":2}}"#;
    let first = r#"{"kind":"person","id":"ana-lopez","deleted":false,"record":{"id":"ana-lopez","name":"Ana Lopez"}}"#;
    let second = r#"{"kind":"person","id":"bo-kim","deleted":false,"record":{"id":"bo-kim","name":"Bo Kim"}}"#;
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, format!("{header}\n{first}\n{{\"kind\":\"person\"\n")).unwrap();
    let out = import(&data, &bad);
    let (line, err) = one_error_line(out);
    assert!(line.contains("line 3:"), "{err}");

    // Nothing was written: the good file imports whole afterwards.
    let good = dir.path().join("good.jsonl");
    std::fs::write(&good, format!("{header}\n{first}\n{second}\n")).unwrap();
    let out = import(&data, &good);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 created"));

    let out = vigil().args(["export", "--data"]).arg(&data).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let body: Vec<&str> = text.lines().skip(1).collect();
    let expected: Vec<serde_json::Value> = [first, second]
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<serde_json::Value> = body.iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(got.len(), 2, "{text}");
    for (g, e) in got.iter().zip(&expected) {
        assert_eq!(g["id"], e["id"]);
        assert_eq!(g["record"]["name"], e["record"]["name"]);
    }
}

/// `vigil ARGS --data DATA` with `envs` set (and no key from the
/// environment unless given): its outcome.
fn run_with(args: &[&str], data: &std::path::Path, envs: &[(&str, &str)]) -> (bool, String, String) {
    let mut cmd = vigil();
    cmd.args(args)
        .arg("--data")
        .arg(data)
        .env("VIGIL_LOG", "warn")
        .env_remove("VIGIL_KEY")
        .env_remove("VIGIL_KEY_FILE")
        .env_remove("VIGIL_KEY_PASSPHRASE")
        .stdin(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a long enough password\n")
        .unwrap();
    outcome(&child.wait_with_output().unwrap())
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_key_file_can_live_outside_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let keys = dir.path().join("keys");
    std::fs::create_dir_all(&keys).unwrap();
    let key_file = keys.join("case.key");
    let key_arg = key_file.to_str().unwrap();

    // A new case file: its key is created where --key-file says, not in
    // the data folder.
    let (ok, _, err) = run_with(
        &["user", "add", "ana", "--role", "editor", "--key-file", key_arg],
        &data,
        &[],
    );
    assert!(ok, "{err}");
    assert!(data.join("vigil.db").exists());
    assert!(!data.join("vigil.key").exists(), "no key beside the case file");
    let key = std::fs::read_to_string(&key_file).unwrap();
    assert_eq!(key.trim().len(), 64);
    #[cfg(unix)]
    assert_eq!(mode(&key_file), 0o600);

    // The same key through the environment variable.
    let (ok, token, err) = run_with(&["token", "issue", "ana"], &data, &[("VIGIL_KEY_FILE", key_arg)]);
    assert!(ok, "{err}");
    assert_eq!(token.trim().len(), 64);

    // Without it: the key is missing, said in one line, and nothing is
    // created in the data folder.
    let (ok, _, err) = run_with(&["token", "issue", "ana"], &data, &[]);
    assert!(!ok);
    assert!(err.contains("missing") && err.contains("--key-file"), "{err}");
    assert!(!data.join("vigil.key").exists());

    // Another key: refused by the case file's key check, no key printed.
    let other = keys.join("other.key");
    let other_key = vigil_store::SealKey::generate().to_hex();
    std::fs::write(&other, format!("{other_key}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&other, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let (ok, _, err) = run_with(
        &["token", "issue", "ana", "--key-file", other.to_str().unwrap()],
        &data,
        &[],
    );
    assert!(!ok);
    assert!(err.contains("does not hold this case file's key"), "{err}");
    assert!(!err.contains(&other_key) && !err.contains(key.trim()), "{err}");

    // Not a key.
    let junk = keys.join("junk.key");
    std::fs::write(&junk, "not a key\n").unwrap();
    let (ok, _, err) = run_with(
        &["token", "issue", "ana", "--key-file", junk.to_str().unwrap()],
        &data,
        &[],
    );
    assert!(!ok);
    assert!(
        err.contains("is not usable") && err.contains("64 hexadecimal digits"),
        "{err}"
    );

    // Unreadable (a folder where the file should be).
    let (ok, _, err) = run_with(
        &["token", "issue", "ana", "--key-file", keys.to_str().unwrap()],
        &data,
        &[],
    );
    assert!(!ok);
    assert!(err.contains("cannot read the key file"), "{err}");

    // Given twice.
    let (ok, _, err) = run_with(
        &["token", "issue", "ana", "--key-file", key_arg],
        &data,
        &[("VIGIL_KEY", key.trim())],
    );
    assert!(!ok);
    assert!(err.contains("not both"), "{err}");

    // Readable by others: it works, with a warning.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let (ok, _, err) = run_with(&["token", "issue", "ana", "--key-file", key_arg], &data, &[]);
        assert!(ok, "{err}");
        assert!(err.contains("can be read by others"), "{err}");
    }
}

#[test]
fn a_wrapped_key_file_opens_with_its_passphrase_only() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (ok, _, err) = run_with(&["user", "add", "ana", "--role", "editor"], &data, &[]);
    assert!(ok, "{err}");
    let key_file = data.join("vigil.key");
    let plain = std::fs::read_to_string(&key_file).unwrap();
    let pass = ("VIGIL_KEY_PASSPHRASE", "a passphrase of some length");

    let (ok, _, err) = run_with(&["key", "wrap"], &data, &[("VIGIL_KEY_PASSPHRASE", "short")]);
    assert!(!ok);
    assert!(err.contains("at least 12"), "{err}");
    let (ok, _, err) = run_with(&["key", "wrap"], &data, &[pass]);
    assert!(ok, "{err}");
    let wrapped = std::fs::read_to_string(&key_file).unwrap();
    assert!(
        wrapped.starts_with("vigil wrapped key v1\nkdf argon2id m=65536 t=3 p=1\nsalt "),
        "{wrapped}"
    );
    assert!(!wrapped.contains(plain.trim()), "the key is not in the clear");
    #[cfg(unix)]
    assert_eq!(mode(&key_file), 0o600);
    let (ok, _, err) = run_with(&["key", "wrap"], &data, &[pass]);
    assert!(!ok);
    assert!(err.contains("already wrapped"), "{err}");

    // No passphrase and no terminal; a wrong one; the right one.
    let (ok, _, err) = run_with(&["token", "issue", "ana"], &data, &[]);
    assert!(!ok);
    assert!(err.contains("VIGIL_KEY_PASSPHRASE"), "{err}");
    let (ok, _, err) = run_with(
        &["token", "issue", "ana"],
        &data,
        &[("VIGIL_KEY_PASSPHRASE", "not the passphrase")],
    );
    assert!(!ok);
    assert!(err.contains("wrong passphrase"), "{err}");
    let (ok, token, err) = run_with(&["token", "issue", "ana"], &data, &[pass]);
    assert!(ok, "{err}");
    assert_eq!(token.trim().len(), 64);

    let (ok, _, err) = run_with(&["key", "unwrap"], &data, &[pass]);
    assert!(ok, "{err}");
    assert_eq!(std::fs::read_to_string(&key_file).unwrap(), plain);
    let (ok, _, err) = run_with(&["token", "issue", "ana"], &data, &[]);
    assert!(ok, "{err}");
}

/// A data folder whose case file has something in every sealed place;
/// its key.
fn sealed_everywhere(data: &std::path::Path) -> vigil_store::SealKey {
    std::fs::create_dir_all(data).unwrap();
    let key = vigil_store::SealKey::generate();
    std::fs::write(data.join("vigil.key"), format!("{}\n", key.to_hex())).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(data.join("vigil.key"), std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    block_on(async {
        let store = vigil_store_sqlite::SqliteStore::open(&data.join("vigil.db"), key.clone())
            .await
            .unwrap();
        common::sealed::fill(&store).await;
        store.close().await;
    });
    key
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// Everything sealed in the SQLite case file of `data`, read with `key`.
fn read_sqlite(data: &std::path::Path, key: &vigil_store::SealKey) -> Result<Vec<String>, String> {
    block_on(async {
        let store = vigil_store_sqlite::SqliteStore::open(&data.join("vigil.db"), key.clone())
            .await
            .map_err(|e| e.to_string())?;
        let all = common::sealed::read_all(&store).await;
        common::sealed::signing_again_is_refused(&store).await;
        store.close().await;
        Ok(all)
    })
}

fn key_in(path: &std::path::Path) -> vigil_store::SealKey {
    vigil_store::SealKey::from_hex(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn rotating_the_key_reseals_everything_and_the_old_key_opens_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let old = sealed_everywhere(&data);
    // Read before (on a copy: reading claims the queued mail).
    let before_dir = dir.path().join("before");
    std::fs::create_dir_all(&before_dir).unwrap();
    std::fs::copy(data.join("vigil.db"), before_dir.join("vigil.db")).unwrap();
    let before = read_sqlite(&before_dir, &old).unwrap();

    let (ok, out, err) = run_with(&["key", "rotate"], &data, &[]);
    assert!(ok, "{err}");
    assert!(out.contains("rotated the key"), "{out}");
    assert!(err.contains("re-sealed"), "{err}");
    assert!(!data.join("vigil.key.next").exists());
    #[cfg(unix)]
    assert_eq!(mode(&data.join("vigil.key")), 0o600);
    let new = key_in(&data.join("vigil.key"));
    assert_ne!(new.to_hex(), old.to_hex());

    // The old key is refused; the new one reads back all of it, and the
    // email index is the new key's (a second signature is refused).
    let refused = read_sqlite(&data, &old).unwrap_err();
    assert!(refused.contains("key"), "{refused}");
    let raw = std::fs::read(data.join("vigil.db")).unwrap();
    assert!(!String::from_utf8_lossy(&raw).contains("Hidden Street"));
    let after = read_sqlite(&data, &new).unwrap();
    assert_eq!(before, after);

    // A wrapped key file is rotated into a wrapped one, same passphrase.
    let pass = ("VIGIL_KEY_PASSPHRASE", "a passphrase of some length");
    assert!(run_with(&["key", "wrap"], &data, &[pass]).0);
    let (ok, _, err) = run_with(&["key", "rotate"], &data, &[pass]);
    assert!(ok, "{err}");
    let wrapped = std::fs::read_to_string(data.join("vigil.key")).unwrap();
    assert!(wrapped.starts_with("vigil wrapped key v1"), "{wrapped}");
    let (ok, _, err) = run_with(&["key", "unwrap"], &data, &[pass]);
    assert!(ok, "{err}");
    let third = key_in(&data.join("vigil.key"));
    assert_ne!(third.to_hex(), new.to_hex());
    assert!(read_sqlite(&data, &new).is_err());
    assert_eq!(read_sqlite(&data, &third).unwrap().len(), before.len());

    // Not with the key in the environment.
    let (ok, _, err) = run_with(&["key", "rotate"], &data, &[("VIGIL_KEY", &third.to_hex())]);
    assert!(!ok);
    assert!(err.contains("VIGIL_KEY"), "{err}");

    // Not under a running server, which would go on sealing with the old
    // key. (Last: the server sends the queued mail.)
    let mut server = start_listening(&data);
    let (ok, _, err) = run_with(&["key", "rotate"], &data, &[]);
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(!ok);
    assert!(err.contains("stop the server"), "{err}");
    assert_eq!(key_in(&data.join("vigil.key")).to_hex(), third.to_hex());
}

#[test]
fn an_interrupted_rotation_is_finished_or_undone_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let old = sealed_everywhere(&data);
    let (ok, _, err) = run_with(&["user", "add", "ana", "--role", "editor"], &data, &[]);
    assert!(ok, "{err}");
    let key_file = data.join("vigil.key");
    let next = data.join("vigil.key.next");

    // Crashed after writing the new key, before the transaction committed:
    // the case file is under the old key; the stale new key goes.
    std::fs::write(&next, format!("{}\n", vigil_store::SealKey::generate().to_hex())).unwrap();
    let (ok, _, err) = run_with(&["token", "issue", "ana"], &data, &[]);
    assert!(ok, "{err}");
    assert!(err.contains("interrupted before it committed"), "{err}");
    assert!(!next.exists());
    assert_eq!(key_in(&key_file).to_hex(), old.to_hex());

    // Crashed after the commit, before the rename: the case file is under
    // the new key, which is still in `.next`; the start finishes the
    // rename. (The state made by a real rotation, then the old key put back.)
    let (ok, _, err) = run_with(&["key", "rotate"], &data, &[]);
    assert!(ok, "{err}");
    let new = key_in(&key_file);
    std::fs::rename(&key_file, &next).unwrap();
    std::fs::write(&key_file, format!("{}\n", old.to_hex())).unwrap();
    let (ok, _, err) = run_with(&["token", "issue", "ana"], &data, &[]);
    assert!(ok, "{err}");
    assert!(err.contains("finished an interrupted key rotation"), "{err}");
    assert!(!next.exists());
    assert_eq!(key_in(&key_file).to_hex(), new.to_hex());
    read_sqlite(&data, &new).unwrap();

    // Neither key fits: refused, both files left alone.
    std::fs::write(&key_file, format!("{}\n", old.to_hex())).unwrap();
    std::fs::write(&next, format!("{}\n", vigil_store::SealKey::generate().to_hex())).unwrap();
    let (ok, _, err) = run_with(&["token", "issue", "ana"], &data, &[]);
    assert!(!ok);
    assert!(err.contains("refuses both"), "{err}");
    assert!(next.exists());
}

#[test]
fn any_two_of_three_key_shares_rebuild_the_key_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (ok, _, err) = run_with(&["user", "add", "ana", "--role", "editor"], &data, &[]);
    assert!(ok, "{err}");
    let key = std::fs::read_to_string(data.join("vigil.key")).unwrap();
    let (ok, out, err) = run_with(&["key", "split", "--shares", "3", "--threshold", "2"], &data, &[]);
    assert!(ok, "{err}");
    let shares: Vec<&str> = out.lines().collect();
    assert_eq!(shares.len(), 3, "{out}");
    assert!(!out.contains(key.trim()));

    let join = |input: String, to: &std::path::Path| {
        use std::io::Write;
        let mut child = vigil()
            .args(["key", "join", "--data"])
            .arg(&data)
            .arg("--key-file")
            .arg(to)
            .env("VIGIL_LOG", "warn")
            .env_remove("VIGIL_KEY")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        outcome(&child.wait_with_output().unwrap())
    };
    for (n, (a, b)) in [(0, 1), (0, 2), (1, 2)].into_iter().enumerate() {
        let to = dir.path().join(format!("joined-{n}.key"));
        let (ok, _, err) = join(format!("{}\n{}\n", shares[a], shares[b]), &to);
        assert!(ok, "{err}");
        assert_eq!(std::fs::read_to_string(&to).unwrap(), key);
        // The rebuilt key opens the case file.
        let (ok, _, err) = run_with(
            &["token", "issue", "ana", "--key-file", to.to_str().unwrap()],
            &data,
            &[],
        );
        assert!(ok, "{err}");
    }
    let to = dir.path().join("one.key");
    let (ok, _, err) = join(format!("{}\n", shares[1]), &to);
    assert!(!ok);
    assert!(err.contains("2 needed"), "{err}");
    assert!(!to.exists());
    // Never over an existing key file.
    let (ok, _, err) = join(format!("{}\n{}\n", shares[0], shares[1]), &data.join("vigil.key"));
    assert!(!ok);
    assert!(err.contains("exists"), "{err}");
}
