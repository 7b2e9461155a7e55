//! Optimistic concurrency over HTTP: every record read and write answers
//! its revision as `ETag`; a `PUT` or `DELETE` with `If-Match` is refused
//! with 412 once the record has moved on, checked inside the store's write
//! (on PostgreSQL too, with `VIGIL_TEST_BACKEND=postgres`).

mod common;

use common::TestApp;
use reqwest::Method;
use serde_json::{json, Value};
use vigil_core::AccountRole;

fn etag(res: &reqwest::Response) -> String {
    res.headers()
        .get("etag")
        .expect("an ETag")
        .to_str()
        .expect("a text ETag")
        .to_owned()
}

async fn send_if(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    if_match: &str,
    body: Option<&Value>,
) -> reqwest::Response {
    let mut req = reqwest::Client::new()
        .request(method, app.url(path))
        .bearer_auth(token)
        .header("If-Match", if_match);
    if let Some(b) = body {
        req = req.json(b);
    }
    req.send().await.expect("request")
}

#[tokio::test]
async fn of_twenty_edits_from_the_same_revision_exactly_one_wins() {
    let app = TestApp::demo().await;
    let token = app.token("ed", AccountRole::Editor).await;
    let path = "/api/v1/persons/max-bokaev";
    let read = app.get_as(path, &token).await;
    assert_eq!(read.status(), 200);
    let seen = etag(&read);
    let person: Value = read.json().await.unwrap();

    let mut edits = tokio::task::JoinSet::new();
    for i in 0..20 {
        let mut edited = person.clone();
        edited["aliases"] = json!([format!("Editor {i}")]);
        let (url, token, seen) = (app.url(path), token.clone(), seen.clone());
        edits.spawn(async move {
            let res = reqwest::Client::new()
                .put(url)
                .bearer_auth(token)
                .header("If-Match", seen)
                .json(&edited)
                .send()
                .await
                .expect("request");
            let status = res.status().as_u16();
            let tag = res.headers().get("etag").map(|v| v.to_str().unwrap().to_owned());
            let body: Value = res.json().await.expect("JSON");
            (i, status, tag, body)
        });
    }
    let mut winners = Vec::new();
    let mut refused = 0;
    while let Some(done) = edits.join_next().await {
        let (i, status, tag, body) = done.expect("task");
        match status {
            200 => winners.push((i, tag.expect("the write's ETag"))),
            412 => {
                assert_eq!(body["error"]["code"], "precondition_failed", "{body}");
                refused += 1;
            }
            other => panic!("edit {i}: {other} {body}"),
        }
    }
    assert_eq!(winners.len(), 1, "winners: {winners:?}");
    assert_eq!(refused, 19);

    // The winner's edit is what is stored, at the revision its answer named.
    let (winner, written) = &winners[0];
    let now = app.get_as(path, &token).await;
    assert_eq!(&etag(&now), written);
    assert_ne!(written, &seen);
    let stored: Value = now.json().await.unwrap();
    assert_eq!(stored["aliases"], json!([format!("Editor {winner}")]));

    // The stale revision is refused for a delete too; without If-Match a
    // script still writes; with the current one a delete goes through.
    let res = send_if(&app, Method::DELETE, path, &token, &seen, None).await;
    assert_eq!(res.status(), 412);
    let res = app.put_json(path, &token, &person).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let current = etag(&res);
    // An If-Match that names no revision at all is malformed, not stale.
    let res = send_if(&app, Method::PUT, path, &token, "\"not-a-revision\"", Some(&person)).await;
    assert_eq!(res.status(), 400);
    let res = send_if(&app, Method::PUT, path, &token, "*", Some(&person)).await;
    assert_eq!(res.status(), 200);
    let res = send_if(&app, Method::DELETE, path, &token, &current, None).await;
    assert_eq!(res.status(), 412, "the PUT with * moved it on");
}

#[tokio::test]
async fn reads_and_writes_of_other_kinds_answer_their_revision() {
    let app = TestApp::demo().await;
    let token = app.token("ed", AccountRole::Editor).await;
    for section in ["mechanisms", "events", "sources"] {
        let list = app.json(&format!("/api/v1/{section}"), 200).await;
        let id = list["items"][0]["id"].as_str().expect("an id").to_owned();
        let path = format!("/api/v1/{section}/{id}");
        let read = app.get(&path).await;
        let before = etag(&read);
        let mut body: Value = read.json().await.unwrap();
        // A source answers with its hash, which is not part of it.
        body.as_object_mut().unwrap().remove("content_hash");
        let res = send_if(&app, Method::PUT, &path, &token, &before, Some(&body)).await;
        assert_eq!(res.status(), 200, "{path}: {}", res.text().await.unwrap());
        let res = send_if(&app, Method::PUT, &path, &token, &before, Some(&body)).await;
        assert_eq!(res.status(), 412, "{path}");
    }
}
