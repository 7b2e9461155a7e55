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
