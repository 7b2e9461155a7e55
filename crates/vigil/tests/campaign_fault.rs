//! The fault test of campaigns: the real `vigil serve`, signatures and
//! confirmations sent concurrently, the server killed with SIGKILL in the
//! middle; after a restart every signature and confirmation that got a 2xx
//! is there, exactly once, and the count (recounted) is right. Loopback
//! only, bounded in time (a few seconds).

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::process::Child;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use vigil_store::campaigns::Campaigns;
use vigil_store::SealKey;
use vigil_store_sqlite::SqliteStore;

const SLUG: &str = "fault-test";

fn serve(data: &Path, key: &SealKey) -> (Child, String) {
    let (child, line) = common::serve(data, |cmd| {
        cmd.env("VIGIL_KEY", key.to_hex())
            .env("VIGIL_POW_BITS", "0")
            .env("VIGIL_RATE_LIMITS", "off");
    });
    (child, common::url_in(&line))
}

fn campaign() -> vigil_core::campaign::Campaign {
    serde_json::from_value(serde_json::json!({
        "slug": SLUG,
        "case": "case-baltabay",
        "versions": [{"language": "en", "title": "Free him", "text": "t", "message": "m"}],
        "state": "open"
    }))
    .expect("campaign")
}

/// (address, confirmation path) of each message in the outbox of `data`.
fn links(data: &Path, key: &SealKey) -> Vec<(String, String)> {
    common::outbox(data, key)
        .iter()
        .filter_map(|m| {
            let m = decoded(m);
            let to = m.lines().find_map(|l| l.strip_prefix("To: "))?.trim().to_owned();
            let start = m.find("/campaigns/")?;
            Some((to, m[start..].split_whitespace().next()?.to_owned()))
        })
        .collect()
}

#[test]
fn signatures_acknowledged_before_a_sigkill_survive_it_exactly_once() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(run());
}

async fn run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let key = SealKey::generate();

    // First run: the demo loads; then the campaign is added to the file.
    let (mut child, _) = serve(&data, &key);
    child.kill().expect("stop");
    child.wait().expect("wait");
    {
        let store = SqliteStore::open(&data.join("vigil.db"), key.clone())
            .await
            .expect("store");
        store.create_campaign(&campaign(), "test").await.expect("campaign");
        store.close().await;
    }

    let (mut child, url) = serve(&data, &key);
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");

    // 200 signatures, acknowledged; their confirmation links from the queue.
    let sign = |client: reqwest::Client, url: String, email: String| async move {
        let res = client
            .post(format!("{url}/api/v1/campaigns/{SLUG}/signatures"))
            .json(&serde_json::json!({"name": "N", "email": email, "country": "KZ"}))
            .send()
            .await;
        matches!(res, Ok(r) if r.status() == 202)
    };
    let mut first = Vec::new();
    for i in 0..200 {
        first.push(tokio::spawn(sign(
            client.clone(),
            url.clone(),
            format!("first{i}@example.org"),
        )));
    }
    for t in first {
        assert!(t.await.unwrap(), "signatures before the fault are acknowledged");
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    let to_confirm = loop {
        let found = links(&data, &key);
        if found.len() >= 200 {
            break found;
        }
        assert!(Instant::now() < deadline, "{} messages in the outbox", found.len());
        tokio::time::sleep(Duration::from_millis(100)).await;
    };

    // Then 50 clients sign and confirm as fast as they can, and the server
    // is killed while they do.
    let signed: Arc<Mutex<HashSet<String>>> = Arc::default();
    let confirmed: Arc<Mutex<HashSet<String>>> = Arc::default();
    let to_confirm = Arc::new(Mutex::new(to_confirm));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..50 {
        let (client, url) = (client.clone(), url.clone());
        let (signed, confirmed, to_confirm) = (signed.clone(), confirmed.clone(), to_confirm.clone());
        tasks.push(tokio::spawn(async move {
            for i in 0.. {
                if started.elapsed() > Duration::from_secs(6) {
                    break;
                }
                let next = to_confirm.lock().unwrap().pop();
                if let Some((email, link)) = next {
                    match client.get(format!("{url}{link}")).send().await {
                        Ok(r) if r.status() == 200 => {
                            confirmed.lock().unwrap().insert(email);
                        }
                        Ok(_) => {}
                        Err(_) => break,
                    }
                }
                let email = format!("c{c}n{i}@example.org");
                let res = client
                    .post(format!("{url}/api/v1/campaigns/{SLUG}/signatures"))
                    .json(&serde_json::json!({"name": "N", "email": email, "country": "FR"}))
                    .send()
                    .await;
                match res {
                    Ok(r) if r.status() == 202 => {
                        signed.lock().unwrap().insert(email);
                    }
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(700)).await;
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    for t in tasks {
        t.await.unwrap();
    }
    let signed = signed.lock().unwrap().clone();
    let confirmed = confirmed.lock().unwrap().clone();
    assert!(!signed.is_empty(), "some signatures were acknowledged before the kill");

    // After the restart: every acknowledged signature and confirmation is there, once.
    let (mut child, url) = serve(&data, &key);
    let store = SqliteStore::open(&data.join("vigil.db"), key.clone())
        .await
        .expect("store");
    let rows = store.export(SLUG).await.expect("export");
    let mut emails = HashSet::new();
    for r in &rows {
        assert!(emails.insert(r.email.clone()), "{} twice", r.email);
    }
    for e in &signed {
        assert!(emails.contains(e), "acknowledged signature {e} lost");
    }
    for i in 0..200 {
        assert!(emails.contains(&format!("first{i}@example.org")));
    }
    let in_file: HashSet<String> = rows
        .iter()
        .filter(|r| r.confirmed_at.is_some())
        .map(|r| r.email.clone())
        .collect();
    for e in &confirmed {
        assert!(in_file.contains(e), "acknowledged confirmation of {e} lost");
    }
    // The restarted server counts from the file.
    let count: serde_json::Value = client
        .get(format!("{url}/api/v1/campaigns/{SLUG}/count"))
        .send()
        .await
        .expect("count")
        .json()
        .await
        .expect("json");
    assert_eq!(count["confirmed"].as_u64(), Some(in_file.len() as u64));
    assert_eq!(store.tally(SLUG).await.expect("tally").confirmed, in_file.len() as u64);
    // Every acknowledged signature's confirmation message is queued or sent.
    eprintln!(
        "fault test: {} signatures and {} confirmations acknowledged before SIGKILL; {} signatures, {} confirmed in the file",
        signed.len(),
        confirmed.len(),
        rows.len(),
        in_file.len()
    );
    store.close().await;
    child.kill().expect("stop");
    child.wait().expect("wait");
}

/// A message's text with its quoted-printable encoding undone.
fn decoded(message: &str) -> String {
    let bytes = quoted_printable::decode(message, quoted_printable::ParseMode::Robust).expect("robust decoding");
    String::from_utf8_lossy(&bytes).into_owned()
}
