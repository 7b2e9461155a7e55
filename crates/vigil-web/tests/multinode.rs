//! Two servers on one PostgreSQL case file, as two `vigil serve` behind a
//! reverse proxy: what one acknowledges, the other shows at once, and
//! stopping one loses nothing it acknowledged. Needs
//! VIGIL_TEST_POSTGRES_URL (skipped, loudly, without it).

mod common;

use std::time::{Duration, Instant};

use common::TestApp;
use serde_json::json;
use vigil_core::AccountRole;
use vigil_store::Store;

/// Two servers on one fresh PostgreSQL database with the demo.
async fn two_servers() -> Option<(TestApp, TestApp)> {
    let server = vigil_store_postgres::testing::server_url()?;
    let url = vigil_store_postgres::testing::fresh_database(&server).await;
    let a = TestApp::on_postgres(&url).await;
    let demo = vigil_demo::case_file().expect("demo");
    a.store
        .import(&demo, &vigil_store::Change::new("demo", None))
        .await
        .expect("demo loads");
    let b = a.another_server().await;
    Some((a, b))
}

/// Polls `path` on `app` until it answers 200, for at most `within`.
async fn visible(app: &TestApp, path: &str, within: Duration) -> (Duration, String) {
    let start = Instant::now();
    loop {
        let res = app.get(path).await;
        if res.status() == 200 {
            return (start.elapsed(), res.text().await.expect("body"));
        }
        assert!(start.elapsed() < within, "{path} not visible within {within:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_record_written_through_one_server_is_visible_through_the_other_within_a_second() {
    let Some((a, b)) = two_servers().await else { return };
    // An account made on one server signs in on both: accounts are in the
    // database.
    let token = a.token("ana@union.example", AccountRole::Editor).await;
    let res = a
        .client
        .post(a.url("/api/v1/persons?reason=multi-node+test"))
        .bearer_auth(&token)
        .json(&json!({"id": "aigul-example", "name": "Aigul Example", "aliases": ["Айгуль"]}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());

    let second = Duration::from_secs(1);
    let (took, body) = visible(&b, "/api/v1/persons/aigul-example", second).await;
    assert!(body.contains("Aigul Example"), "{body}");
    let (_, page) = visible(&b, "/persons/aigul-example", second).await;
    assert!(page.contains("Aigul Example"));
    let found = b
        .json("/api/v1/persons?q=%D0%B0%D0%B9%D0%B3%D1%83%D0%BB%D1%8C", 200)
        .await;
    assert_eq!(found["total"], 1, "found by name through the other server: {found}");
    // Reasons are for signed-in colleagues: the token works on B too.
    let history: serde_json::Value = b
        .client
        .get(b.url("/api/v1/revisions?record=aigul-example"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(history["items"][0]["reason"], "multi-node test", "{history}");
    eprintln!("visible through the other server after {took:?}");

    // And the other way round, with the token the first server issued.
    let res = b
        .client
        .put(b.url("/api/v1/persons/aigul-example?reason=from+b"))
        .bearer_auth(&token)
        .json(&json!({"id": "aigul-example", "name": "Aigul Example", "aliases": ["Айгуль"], "occupation": "nurse"}))
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let person = a.json("/api/v1/persons/aigul-example", 200).await;
    assert_eq!(person["occupation"], "nurse");
}

#[tokio::test]
async fn a_server_going_away_mid_load_loses_nothing_it_acknowledged() {
    let Some((a, b)) = two_servers().await else { return };
    let token = a.token("ana@union.example", AccountRole::Editor).await;
    // Four clients write through A, one record after another, until A
    // goes away under them.
    let acks = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (client, base, token, acks) = (a.client.clone(), a.url(""), token.clone(), acks.clone());
            tokio::spawn(async move {
                let mut acknowledged = Vec::new();
                for i in 0..50 {
                    let id = format!("person-{w}-{i:02}");
                    let res = client
                        .post(format!("{base}/api/v1/persons?reason=load"))
                        .bearer_auth(&token)
                        .json(&json!({"id": id, "name": format!("Person {w} {i}")}))
                        .send()
                        .await;
                    match res {
                        Ok(r) if r.status() == 201 => {
                            acknowledged.push(id);
                            acks.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        }
                        _ => break,
                    }
                }
                acknowledged
            })
        })
        .collect();
    let start = Instant::now();
    while acks.load(std::sync::atomic::Ordering::SeqCst) < 20 {
        assert!(start.elapsed() < Duration::from_secs(30), "writes are acknowledged");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // A goes away: it stops listening and its database connections close,
    // so writes still in flight fail (a killed process is tested in the
    // binary's tests).
    let store_a = a.store.clone();
    drop(a);
    tokio::spawn(async move { store_a.close().await });
    let mut acknowledged = Vec::new();
    for w in writers {
        acknowledged.extend(w.await.expect("writer"));
    }
    assert!(acknowledged.len() < 200, "A went away before the writers were done");
    for id in &acknowledged {
        b.json(&format!("/api/v1/persons/{id}"), 200).await;
    }
    // Nothing half-written: every record has exactly its revision.
    let log = b.store.changes_since(0, 100_000).await.expect("log");
    let created = log
        .iter()
        .filter(|r| r.record_id.as_str().starts_with("person-"))
        .count();
    let listed = b.json("/api/v1/persons?q=person&limit=500", 200).await;
    assert_eq!(listed["total"].as_u64(), Some(created as u64));
    assert!(created >= acknowledged.len());
    eprintln!(
        "{} writes acknowledged before the stop, {created} committed",
        acknowledged.len()
    );
}

/// The confirmation paths in the messages of `app`'s outbox (each
/// server's mail worker sends from the one queue in the database).
fn confirmation_links(app: &TestApp) -> Vec<String> {
    app.outbox()
        .into_iter()
        .filter_map(|message| {
            let body = common::smtp::decoded(&message);
            let start = body.find("/campaigns/")?;
            body[start..].split_whitespace().next().map(str::to_owned)
        })
        .collect()
}

/// A campaign signed and confirmed through two servers at once, as two
/// `vigil serve` behind a proxy share a viral campaign's load: each
/// address signs once however many times and wherever it is sent, every
/// confirmation counts once, and both servers' counts are exact once
/// recounted (a server recounts by itself after `count_refresh`).
#[tokio::test]
async fn a_campaign_signed_through_two_servers_counts_each_signature_once() {
    let Some((a, b)) = two_servers().await else { return };
    let token = a.token("ana@union.example", AccountRole::Editor).await;
    let res = a
        .client
        .post(a.url("/api/v1/campaigns"))
        .bearer_auth(&token)
        .json(&json!({
            "slug": "both-servers", "case": "case-baltabay", "state": "open",
            "versions": [{"language": "en", "title": "Free them", "text": "t", "message": "m"}]
        }))
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), 201);

    // 60 addresses, each sent to both servers at the same moment.
    const SIGNERS: usize = 60;
    let mut sends = Vec::new();
    for i in 0..SIGNERS {
        for server in [&a, &b] {
            let (client, url) = (
                server.client.clone(),
                server.url("/api/v1/campaigns/both-servers/signatures"),
            );
            sends.push(tokio::spawn(async move {
                let body = json!({"name": format!("Signer {i}"), "email": format!("signer{i}@union.example"), "country": "KZ", "language": "en"});
                client.post(url).json(&body).send().await.expect("sent").status().as_u16()
            }));
        }
    }
    for send in sends {
        assert_eq!(
            send.await.expect("a sender"),
            202,
            "a second signing is answered as the first"
        );
    }

    // One confirmation mail per address, sent by either server's worker.
    let start = Instant::now();
    let links = loop {
        let mut links: Vec<String> = confirmation_links(&a);
        links.extend(confirmation_links(&b));
        if links.len() >= SIGNERS {
            break links;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{} of {SIGNERS} mails sent",
            links.len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(links.len(), SIGNERS, "one confirmation per address");

    // Confirmed half through each server, at once; every fifth link
    // through both at the same moment: one of the two confirms it, the
    // other finds it used.
    let mut confirms = Vec::new();
    for (i, link) in links.iter().enumerate() {
        let servers: Vec<&TestApp> = if i % 5 == 0 {
            vec![&a, &b]
        } else if i % 2 == 0 {
            vec![&a]
        } else {
            vec![&b]
        };
        let tries: Vec<_> = servers
            .into_iter()
            .map(|server| {
                let (client, url) = (server.client.clone(), server.url(link));
                tokio::spawn(async move { client.get(url).send().await.expect("sent").status().as_u16() })
            })
            .collect();
        confirms.push(tries);
    }
    for tries in confirms {
        let mut statuses = Vec::new();
        for t in tries {
            statuses.push(t.await.expect("a confirmer"));
        }
        statuses.sort_unstable();
        let once = if statuses.len() == 2 { vec![200, 410] } else { vec![200] };
        assert_eq!(statuses, once, "a link confirms once");
    }

    for server in [&a, &b] {
        let res = server
            .client
            .post(server.url("/api/v1/campaigns/both-servers/recount"))
            .bearer_auth(&token)
            .send()
            .await
            .expect("sent");
        assert_eq!(res.status(), 200);
        let count = server.json("/api/v1/campaigns/both-servers/count", 200).await;
        assert_eq!(count["confirmed"], SIGNERS, "{count}");
        assert_eq!(count["by_country"]["KZ"], SIGNERS, "{count}");
    }
}
