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
