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
    let needles = [MARK.to_owned(), MARK.to_lowercase(), MARK.to_uppercase()];
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
        if needles
            .iter()
            .any(|n| bytes.windows(n.len()).any(|w| w == n.as_bytes()))
        {
            holding.push(path.display().to_string());
        }
    }
    (read, holding)
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
    let acknowledged: Vec<String> = rt.block_on(async {
        let client = reqwest::Client::new();
        let mut writers = Vec::new();
        for w in 0..4 {
            let (client, url, token) = (client.clone(), url.clone(), token.clone());
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
        tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
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
    let (sealed, reads) = rt.block_on(async {
        let mut ids = Vec::new();
        for i in 0..41 {
            let body = serde_json::json!({"name": format!("{MARK} Publicus {}", letters(i)), "country": "KZ"});
            let made = created(&client, &format!("{url}/api/v1/persons"), &token, &body)
                .await
                .expect("a public person is made");
            ids.push(made["id"].as_str().expect("id").to_owned());
        }
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
        (ids.len() + 1, reads)
    });
    assert!(reads >= 20, "the readers read {reads} times");
    let (read, holding) = files_holding_the_marker(&data);
    assert!(read >= 3, "the data folder had {read} files");
    assert!(
        holding.is_empty(),
        "{sealed} persons sealed under {reads} reads, yet in the clear after the kill: {holding:?}"
    );
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
