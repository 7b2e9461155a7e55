//! Nothing confidential in the clear at rest, even when the server is
//! killed in the middle of writing: every file of the data folder (the
//! database, its WAL, the search index, the outbox) and of a backup taken
//! afterwards is searched for the words of confidential records.

mod common;

use std::path::Path;

use common::{serve, url_in};

const MARK: &str = "Zqxleak";

/// Runs a command of the binary on the data folder `data`, with `stdin`.
fn run(args: &[&str], data: &Path, stdin: &str) -> std::process::Output {
    let out = common::run_in(args, data, Some(stdin));
    assert!(
        out.status.success(),
        "vigil {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// POSTs `body` to `address` as `token`; the record made, or `None` when
/// none was (the server going away mid-write).
async fn created(
    client: &reqwest::Client,
    address: &str,
    token: &str,
    body: &serde_json::Value,
) -> Option<serde_json::Value> {
    let res = client.post(address).bearer_auth(token).json(body).send().await.ok()?;
    if res.status() != 201 {
        return None;
    }
    res.json().await.ok()
}

/// Every file under `root` that holds the marker, in any case.
fn files_holding_the_marker(root: &Path) -> (usize, Vec<String>) {
    let (read, holding) = files_holding(root, &[MARK]);
    (read, holding.into_iter().map(|(file, _)| file).collect())
}

#[test]
fn after_a_sigkill_mid_write_no_file_of_the_data_folder_or_a_backup_holds_confidential_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("live");
    let (mut server, line) = serve(&data, |_| {});
    let url = url_in(&line);
    run(
        &["user", "add", "kate", "--role", "confidential_reader"],
        &data,
        "a long enough password\n",
    );
    let token = String::from_utf8(run(&["token", "issue", "kate"], &data, "").stdout).expect("utf-8");
    let token = token.trim().to_owned();

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    // Four writers create confidential sources, persons quoted by name and
    // public events quoting those sources, until the server is killed.
    // Killed once a few writes are acknowledged (at most 60 s on), so a slow
    // machine still kills it mid-write rather than before the first.
    let answered = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let acknowledged: Vec<String> = rt.block_on(async {
        let client = reqwest::Client::new();
        let mut writers = Vec::new();
        for w in 0..4 {
            let (client, url, token, answered) = (client.clone(), url.clone(), token.clone(), answered.clone());
            writers.push(tokio::spawn(async move {
                let mut done = Vec::new();
                for i in 0.. {
                    let text = format!("{MARK} statement {w}-{i}: the witness was beaten in custody.");
                    let statement = serde_json::json!({"title": "Statement", "text": text, "confidential": true});
                    let Some(source) = created(&client, &format!("{url}/api/v1/sources"), &token, &statement).await
                    else {
                        break;
                    };
                    let source_id = source["id"].as_str().unwrap_or_default().to_owned();
                    let witness = serde_json::json!({
                        "name": format!("{MARK} Witness {w} {i}"),
                        "confidential": true,
                    });
                    let Some(person) = created(&client, &format!("{url}/api/v1/persons"), &token, &witness).await
                    else {
                        break;
                    };
                    done.push(person["id"].as_str().unwrap_or_default().to_owned());
                    answered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let quote = format!("{MARK} statement {w}-{i}");
                    let event = client
                        .post(format!("{url}/api/v1/events"))
                        .bearer_auth(&token)
                        .json(&serde_json::json!({
                            "type": "strike",
                            "title": "A strike at the plant",
                            "country": "KZ",
                            "date": "2019-05",
                            "excerpts": [{"source_id": source_id, "start": 0, "end": quote.len(), "text": quote}],
                        }))
                        .send()
                        .await;
                    match event {
                        Ok(e) if e.status() == 201 => {}
                        Ok(e) => panic!("the event was refused: {}", e.text().await.unwrap_or_default()),
                        Err(_) => break,
                    }
                }
                done
            }));
        }
        let started = std::time::Instant::now();
        tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
        while answered.load(std::sync::atomic::Ordering::Relaxed) < 6 && started.elapsed().as_secs() < 60 {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        server.kill().expect("SIGKILL");
        server.wait().expect("killed");
        let mut all = Vec::new();
        for w in writers {
            all.extend(w.await.expect("writer"));
        }
        all
    });
    assert!(
        acknowledged.len() >= 4,
        "writes were acknowledged before the kill: {}",
        acknowledged.len()
    );

    let (read, holding) = files_holding_the_marker(&data);
    assert!(read >= 3, "the data folder had {read} files");
    assert!(holding.is_empty(), "in the clear after the kill: {holding:?}");

    // A backup taken after the crash holds nothing in the clear either.
    let backup = dir.path().join("backup");
    std::fs::create_dir_all(&backup).expect("backup folder");
    let file = backup.join("vigil.db");
    run(&["backup", file.to_str().expect("utf-8")], &data, "");
    let (read, holding) = files_holding_the_marker(&backup);
    assert!(read >= 1);
    assert!(holding.is_empty(), "in the clear in the backup: {holding:?}");

    // Nothing acknowledged was lost, and those with the key read it.
    let (mut server, line) = serve(&data, |_| {});
    let url = url_in(&line);
    rt.block_on(async {
        let client = reqwest::Client::new();
        for id in &acknowledged {
            let res = client
                .get(format!("{url}/api/v1/persons/{id}"))
                .bearer_auth(&token)
                .send()
                .await
                .expect("request");
            assert_eq!(res.status(), 200, "an acknowledged person was lost: {id}");
            assert!(res.text().await.expect("body").contains(MARK));
        }
    });
    server.kill().expect("stop");
    let _ = server.wait();
}

/// A word of letters only for `n` (names refuse digits): `a`, `b`, …, `ba`.
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ascii")
}

/// Public persons named by the marker are made confidential while readers
/// keep reading (exports, lists, each person), and the server is killed
/// with SIGKILL the moment the last of those writes is answered: an
/// answered sealing leaves no copy of the old names in any file of the
/// data folder (the database, its WAL, the search index). The last sealing
/// is made while another connection to the database holds a read snapshot
/// for longer than SQLite's busy timeout (as a backup or an operator's
/// query may): its answer waits until the old pages are gone.
#[test]
fn a_record_made_confidential_under_readers_leaves_no_plaintext_after_a_sigkill() {
    use sqlx::{ConnectOptions as _, Executor as _};
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("live");
    let (mut server, line) = serve(&data, |_| {});
    let url = url_in(&line);
    run(
        &["user", "add", "kate", "--role", "confidential_reader"],
        &data,
        "a long enough password\n",
    );
    let token = String::from_utf8(run(&["token", "issue", "kate"], &data, "").stdout).expect("utf-8");
    let token = token.trim().to_owned();
    let client = reqwest::Client::new();
    let seal = |id: String| sealed_person(client.clone(), url.clone(), token.clone(), id);
    let (sealed, reads, readable) = rt.block_on(async {
        let mut ids = Vec::new();
        for i in 0..41 {
            // Readable ids, as a form or a script gives them.
            let body = serde_json::json!({
                "id": format!("zqxid-publicus-{}", letters(i)),
                "name": format!("{MARK} Publicus {}", letters(i)),
                "country": "KZ"
            });
            let made = created(&client, &format!("{url}/api/v1/persons"), &token, &body)
                .await
                .expect("a public person is made");
            ids.push(made["id"].as_str().expect("id").to_owned());
        }
        let readable = ids.clone();
        let last = ids.pop().expect("the last person");
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut readers = Vec::new();
        for r in 0..6 {
            let (client, url, token, stop, ids) =
                (client.clone(), url.clone(), token.clone(), stop.clone(), ids.clone());
            readers.push(tokio::spawn(async move {
                let mut n = 0usize;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let path = match (r + n) % 3 {
                        0 => "/api/v1/export".to_owned(),
                        1 => "/api/v1/persons?limit=500".to_owned(),
                        _ => format!("/api/v1/persons/{}", ids[n % ids.len()]),
                    };
                    let Ok(res) = client.get(format!("{url}{path}")).bearer_auth(&token).send().await else {
                        break;
                    };
                    if res.bytes().await.is_err() {
                        break;
                    }
                    n += 1;
                }
                n
            }));
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        // Two writers seal forty persons, half each, under the readers.
        let mut writers = Vec::new();
        for half in ids.chunks(ids.len() / 2) {
            let (client, url, token, half) = (client.clone(), url.clone(), token.clone(), half.to_vec());
            writers.push(tokio::spawn(async move {
                for id in half {
                    sealed_person(client.clone(), url.clone(), token.clone(), id).await;
                }
            }));
        }
        for w in writers {
            w.await.expect("writer");
        }
        // Another connection holds a snapshot for 12 seconds (longer than
        // the server's busy timeout) while the last person is sealed.
        let mut snapshot = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(data.join("vigil.db"))
            .connect()
            .await
            .expect("a second connection");
        snapshot.execute("BEGIN").await.expect("begin");
        let (_,): (i64,) = sqlx::query_as("SELECT count(*) FROM records")
            .fetch_one(&mut snapshot)
            .await
            .expect("a read");
        let holder = tokio::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_secs(12)).await;
            snapshot.execute("COMMIT").await.expect("commit");
            drop(snapshot);
        });
        seal(last).await;
        // Every sealing answered: killed at once, readers still reading.
        server.kill().expect("SIGKILL");
        server.wait().expect("killed");
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        holder.await.expect("the snapshot ends");
        let mut reads = 0;
        for r in readers {
            reads += r.await.expect("reader");
        }
        (ids.len() + 1, reads, readable)
    });
    assert!(reads >= 20, "the readers read {reads} times");
    let (read, holding) = files_holding_the_marker(&data);
    assert!(read >= 3, "the data folder had {read} files");
    assert!(
        holding.is_empty(),
        "{sealed} persons sealed under {reads} reads, yet in the clear after the kill: {holding:?}"
    );
    // Their readable ids, made from their names, went with them: each was
    // given an opaque one.
    assert!(readable.iter().all(|id| id.contains("publicus")), "{readable:?}");
    let needles: Vec<&str> = readable.iter().map(String::as_str).collect();
    let (_, holding) = files_holding(&data, &needles);
    assert!(holding.is_empty(), "readable ids of sealed persons left: {holding:?}");
}

/// Makes the person `id` confidential through the API; panics unless the
/// write is answered 200.
async fn sealed_person(client: reqwest::Client, url: String, token: String, id: String) {
    let address = format!("{url}/api/v1/persons/{id}");
    let res = client.get(&address).bearer_auth(&token).send().await.expect("read");
    let mut person: serde_json::Value = res.json().await.expect("json");
    person["confidential"] = serde_json::json!(true);
    let res = client
        .put(&address)
        .bearer_auth(&token)
        .json(&person)
        .send()
        .await
        .expect("seal");
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
}

// ---- The outbox (issue 16: "Outbox files are sealed") ----

/// Every file under `root` holding one of `needles` (any case): (files
/// read, (file, needle) found).
fn files_holding(root: &Path, needles: &[&str]) -> (usize, Vec<(String, String)>) {
    let (mut read, mut holding) = (0, Vec::new());
    let mut todo = vec![root.to_owned()];
    while let Some(path) = todo.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("read dir") {
                todo.push(entry.expect("entry").path());
            }
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else { continue };
        read += 1;
        let lower = bytes.to_ascii_lowercase();
        for n in needles {
            let n = n.to_ascii_lowercase();
            if lower.windows(n.len()).any(|w| w == n.as_bytes()) {
                holding.push((path.display().to_string(), n));
            }
        }
    }
    (read, holding)
}

/// The case file's key, from the key file a first start wrote.
fn key_of(data: &Path) -> vigil_store::SealKey {
    let text = std::fs::read_to_string(data.join("vigil.key")).expect("key file");
    match vigil_app::key_file::parse(&text).expect("a key file") {
        vigil_app::key_file::KeyFile::Plain(key) => key,
        vigil_app::key_file::KeyFile::Wrapped(_) => panic!("a plain key file"),
    }
}

/// Runs `vigil args --data data` with the environment `env`, to its end.
fn vigil_with(args: &[&str], data: &Path, env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = common::vigil();
    cmd.args(args)
        .arg("--data")
        .arg(data)
        .env("VIGIL_LOG", "warn")
        .env("LC_ALL", "C");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(std::process::Stdio::null()).output().expect("vigil runs")
}

/// A signature and its confirmation on a server without SMTP leave the
/// signer's name and address in no file of the data folder (the outbox's
/// messages are sealed), nor of a backup; `vigil outbox` reads them back
/// with the key, the confirmation link whole, and refuses an unknown name,
/// a damaged file, a message sealed under another key and the wrong key
/// clearly, leaving the outbox as it was. Plain `.eml` files an earlier
/// version left are sealed by the command and by the server as they open
/// the folder; a key rotation re-seals the outbox.
#[test]
fn a_signers_name_and_address_are_in_no_file_of_the_data_folder_and_the_outbox_command_reads_them() {
    use vigil_app::campaigns::outbox::{self, OutboxKey};
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("live");
    let no_pow = |cmd: &mut std::process::Command| {
        cmd.env("VIGIL_POW_BITS", "0").env("VIGIL_RATE_LIMITS", "off");
    };
    let (mut server, line) = serve(&data, no_pow);
    let url = url_in(&line);
    let key = key_of(&data);
    run(
        &["user", "add", "ed", "--role", "editor"],
        &data,
        "a long enough password\n",
    );
    let token = String::from_utf8(run(&["token", "issue", "ed"], &data, "").stdout).expect("utf-8");
    let token = token.trim().to_owned();
    let (name, email) = ("Aigerim Zqxsignerova", "zqx.signer@union-at-rest.example");
    let local = email.split('@').next().expect("local part");
    let (id, link) = rt.block_on(async {
        let client = reqwest::Client::new();
        let campaign = serde_json::json!({
            "slug": "at-rest",
            "case": "case-baltabay",
            "versions": [{"language": "en", "title": "Free him", "text": "t", "message": "m"}],
            "state": "open"
        });
        let res = client
            .post(format!("{url}/api/v1/campaigns"))
            .bearer_auth(&token)
            .json(&campaign)
            .send()
            .await
            .expect("create");
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
        let res = client
            .post(format!("{url}/api/v1/campaigns/at-rest/signatures"))
            .json(&serde_json::json!({"name": name, "email": email, "country": "KZ", "named": true}))
            .send()
            .await
            .expect("sign");
        assert_eq!(res.status(), 202, "{}", res.text().await.unwrap_or_default());
        // The confirmation, read with the key through the library.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let (entry, message) = loop {
            let found = outbox::read_all(&data.join("outbox"), &OutboxKey::of_case_key(&key))
                .expect("the outbox opens")
                .into_iter()
                .find(|(_, m)| outbox::decoded(m).contains(email));
            if let Some(found) = found {
                break found;
            }
            assert!(std::time::Instant::now() < deadline, "no confirmation in the outbox");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        };
        let text = outbox::decoded(&message);
        let start = text.find("/campaigns/at-rest/").expect("a link");
        let link = text[start..].split_whitespace().next().expect("link").to_owned();
        let res = client.get(format!("{url}{link}")).send().await.expect("confirm");
        assert_eq!(res.status(), 200);
        (entry.id, link)
    });
    let needles = [name, "Zqxsignerova", email, local];
    let (read, holding) = files_holding(&data, &needles);
    assert!(read >= 3, "the data folder had {read} files");
    assert!(holding.is_empty(), "in the clear while serving: {holding:?}");
    let files: Vec<String> = std::fs::read_dir(data.join("outbox"))
        .expect("outbox")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(files.contains(&format!("{id}.eml.sealed")), "{files:?}");
    assert!(files.iter().all(|f| f.ends_with(".eml.sealed")), "{files:?}");
    server.kill().expect("stop");
    server.wait().expect("stopped");
    let (_, holding) = files_holding(&data, &needles);
    assert!(holding.is_empty(), "in the clear after the stop: {holding:?}");
    let backup = dir.path().join("backup");
    std::fs::create_dir_all(&backup).expect("backup folder");
    run(&["backup", backup.join("vigil.db").to_str().expect("utf-8")], &data, "");
    let (_, holding) = files_holding(&backup, &needles);
    assert!(holding.is_empty(), "in the clear in the backup: {holding:?}");

    // The command reads it with the key: as sent, and decoded with the link whole.
    let listed = String::from_utf8(run(&["outbox", "list"], &data, "").stdout).expect("utf-8");
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with(&format!("{id}: ")) && l.contains(email)),
        "{listed}"
    );
    let shown = run(&["outbox", "show", &id], &data, "").stdout;
    assert!(String::from_utf8_lossy(&shown).contains(&format!("To: {email}")));
    let decoded =
        String::from_utf8(run(&["outbox", "show", &format!("{id}.eml.sealed"), "--decoded"], &data, "").stdout)
            .expect("utf-8");
    assert!(decoded.contains(&link), "{decoded}");
    assert!(decoded.contains(name), "{decoded}");

    // Refusals: one line each, a failure, and the outbox as it was.
    let before: Vec<_> = outbox::list(&data.join("outbox")).expect("list");
    let refused = |args: &[&str], env: &[(&str, &str)], says: &str| {
        let out = vigil_with(args, &data, env);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(
            out.stdout.is_empty(),
            "{args:?} printed {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!err.contains(name) && !err.contains(email), "{err}");
    };
    refused(
        &["outbox", "show", "c00000000000000000000000000000000"],
        &[],
        "no message c00000000000000000000000000000000 in the outbox",
    );
    refused(&["outbox", "show", "../vigil.db"], &[], "is not the name of a message");
    // Cut short; a byte of the sealed text flipped.
    std::fs::write(
        data.join("outbox").join("cbroken.eml.sealed"),
        b"VIGIL OUTBOX 1\nnot really",
    )
    .expect("damaged file");
    refused(&["outbox", "show", "cbroken"], &[], "message cbroken is damaged");
    let mut flipped = std::fs::read(data.join("outbox").join(format!("{id}.eml.sealed"))).expect("read");
    let last = flipped.len() - 1;
    flipped[last] ^= 0x20;
    std::fs::write(data.join("outbox").join("cflipped.eml.sealed"), &flipped).expect("flipped file");
    refused(&["outbox", "show", "cflipped"], &[], "message cflipped is damaged");
    let foreign = OutboxKey::of_case_key(&vigil_store::SealKey::generate());
    outbox::write(
        &data.join("outbox"),
        &foreign,
        "cforeign",
        b"To: x@example.org\r\n\r\nhello",
    )
    .expect("foreign file");
    refused(&["outbox", "show", "cforeign"], &[], "was sealed under another key");
    let wrong = vigil_store::SealKey::generate().to_hex();
    refused(&["outbox", "show", &id], &[("VIGIL_KEY", &wrong)], "VIGIL_KEY");
    for f in ["cbroken.eml.sealed", "cflipped.eml.sealed", "cforeign.eml.sealed"] {
        std::fs::remove_file(data.join("outbox").join(f)).expect("remove");
    }
    assert_eq!(outbox::list(&data.join("outbox")).expect("list"), before);

    // An earlier version's plain file: sealed by the command, its time kept.
    let okey = OutboxKey::of_case_key(&key);
    let message = outbox::open(&data.join("outbox"), &okey, &id).expect("open");
    let sealed = data.join("outbox").join(format!("{id}.eml.sealed"));
    let plain = data.join("outbox").join(format!("{id}.eml"));
    std::fs::remove_file(&sealed).expect("remove sealed");
    std::fs::write(&plain, &message).expect("plain file");
    let then = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_750_000_000);
    std::fs::File::options()
        .write(true)
        .open(&plain)
        .expect("open")
        .set_modified(then)
        .expect("time");
    let out = vigil_with(&["outbox", "list"], &data, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sealed 1 message left in the clear"));
    assert!(!plain.exists() && sealed.exists());
    assert_eq!(
        std::fs::metadata(&sealed).expect("meta").modified().expect("time"),
        then
    );
    assert_eq!(outbox::open(&data.join("outbox"), &okey, &id).expect("open"), message);

    // … and by the server, before it listens.
    std::fs::remove_file(&sealed).expect("remove sealed");
    std::fs::write(&plain, &message).expect("plain file");
    let (mut server, _) = serve(&data, no_pow);
    assert!(!plain.exists() && sealed.exists());
    let (_, holding) = files_holding(&data, &needles);
    assert!(holding.is_empty(), "in the clear after a start: {holding:?}");
    server.kill().expect("stop");
    let _ = server.wait();

    // A key rotation re-seals the outbox: read with the new key only.
    run(&["key", "rotate"], &data, "");
    let new = key_of(&data);
    assert_eq!(
        outbox::open(&data.join("outbox"), &OutboxKey::of_case_key(&new), &id).expect("open"),
        message
    );
    assert!(matches!(
        outbox::open(&data.join("outbox"), &okey, &id),
        Err(outbox::OutboxError::WrongKey(_))
    ));
    let decoded = String::from_utf8(run(&["outbox", "show", &id, "--decoded"], &data, "").stdout).expect("utf-8");
    assert!(decoded.contains(&link), "{decoded}");
}
