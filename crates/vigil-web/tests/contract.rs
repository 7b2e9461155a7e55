//! The API keeps the word of its OpenAPI document: strict input, every
//! refusal in JSON with the status the document gives it. Real HTTP.

mod common;

use common::{content_type, TestApp};
use reqwest::Method;
use serde_json::{json, Value};
use vigil_core::AccountRole;

async fn error_of(res: reqwest::Response, status: u16) -> Value {
    assert_eq!(res.status(), status, "{:?}", res.url().path());
    assert!(content_type(&res).starts_with("application/json"), "a JSON error");
    let body: Value = res.json().await.expect("a JSON error");
    assert!(body["error"]["code"].is_string(), "{body}");
    body
}

#[tokio::test]
async fn a_method_an_address_does_not_take_is_405_for_everyone() {
    let app = TestApp::demo().await;
    // Anonymous, on addresses that take reads only: 405, not 401.
    for path in [
        "/api/v1/persons/erlan-baltabay/status",
        "/api/v1/status",
        "/api/v1/search/suggest",
    ] {
        let res = app.client.put(app.url(path)).send().await.expect("request");
        assert_eq!(res.headers()["allow"], "GET,HEAD", "{path}");
        let body = error_of(res, 405).await;
        assert_eq!(body["error"]["code"], "method_not_allowed");
    }
    // A template's address with the most fixed segments decides.
    let res = app
        .client
        .delete(app.url("/api/v1/campaigns/free-baltabay/invalidations/preview"))
        .send()
        .await
        .expect("request");
    assert_eq!(res.headers()["allow"], "POST");
    error_of(res, 405).await;
    let res = app.client.put(app.url("/healthz")).send().await.expect("request");
    assert_eq!(res.status(), 405);
    assert!(content_type(&res).starts_with("text/html"));
    // A method the address takes still needs its right.
    let res = app
        .client
        .put(app.url("/api/v1/persons/erlan-baltabay"))
        .send()
        .await
        .expect("request");
    error_of(res, 401).await;
}

#[tokio::test]
async fn every_json_body_is_sent_as_json_and_holds_only_known_fields() {
    let app = TestApp::demo().await;
    let admin = app.token("root", AccountRole::Admin).await;
    let bodies: [(&str, Value); 4] = [
        ("/api/v1/records/erlan-baltabay/restore", json!({"seq": 1})),
        ("/api/v1/campaigns", json!({"slug": "new-campaign", "versions": []})),
        (
            "/api/v1/campaigns/free-baltabay/invalidations/preview",
            json!({"domain": "example.org"}),
        ),
        ("/api/v1/proposals/none/merge", json!({"into": "erlan-baltabay"})),
    ];
    for (path, body) in &bodies {
        let res = app
            .send_body(Method::POST, path, Some(&admin), "text/plain", body.to_string())
            .await;
        let error = error_of(res, 415).await;
        assert_eq!(error["error"]["code"], "unsupported_media_type", "{path}");
    }
    // A field the body does not have: 400, whichever body (those read
    // before anything is looked up).
    for (path, body) in bodies.iter().filter(|(path, _)| !path.ends_with("/preview")) {
        let mut body = body.clone();
        body["surplus"] = json!(1);
        let res = app
            .send_body(Method::POST, path, Some(&admin), "application/json", body.to_string())
            .await;
        let error = error_of(res, 400).await;
        let message = error["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains("unknown field `surplus`"), "{path}: {error}");
    }
    let signature = json!({"name": "A", "email": "a@example.org", "country": "KZ", "surplus": true});
    let res = app
        .send_body(
            Method::POST,
            "/api/v1/campaigns/free-baltabay/signatures",
            None,
            "application/json",
            signature.to_string(),
        )
        .await;
    let status = res.status().as_u16();
    let error = error_of(res, status).await;
    assert!(
        status == 400
            && error["error"]["message"]
                .as_str()
                .unwrap_or_default()
                .contains("surplus"),
        "{status} {error}"
    );
    let none = app.json("/api/v1/campaigns", 200).await;
    assert!(
        none["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["slug"] != "new-campaign"),
        "nothing was written"
    );
}

#[tokio::test]
async fn a_record_body_is_read_strictly() {
    let app = TestApp::demo().await;
    let ed = app.token("ed", AccountRole::Editor).await;
    // An empty id is refused, not taken as left out.
    let res = app
        .post_json("/api/v1/persons", &ed, &json!({"id": "", "name": "Empty Id"}))
        .await;
    let error = error_of(res, 400).await;
    assert_eq!(error["error"]["field"], "id");
    // An id in the body that is not the address's: well-formed, invalid.
    let res = app
        .put_json(
            "/api/v1/persons/erlan-baltabay",
            &ed,
            &json!({"id": "max-bokaev", "name": "X"}),
        )
        .await;
    let error = error_of(res, 422).await;
    assert_eq!(error["error"]["field"], "id");
    // A date of the right form that is no date: 422 naming it; of no
    // date's form: 400.
    for (date, status) in [("2019-02-30", 422), ("2019/2011", 422), ("someday", 400)] {
        let res = app
            .post_json(
                "/api/v1/events",
                &ed,
                &json!({"title": "Dated", "type": "arrest", "date": date}),
            )
            .await;
        let error = error_of(res, status).await;
        assert_eq!(error["error"]["field"], "date", "{date}: {error}");
    }
    // A whole number written with a fraction is the integer it is.
    let mut event = app.json("/api/v1/events/zhanaozen-arrests-2019", 200).await;
    event["victim_count"] = json!(3.0);
    let res = app.put_json("/api/v1/events/zhanaozen-arrests-2019", &ed, &event).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let event = app.json("/api/v1/events/zhanaozen-arrests-2019", 200).await;
    assert_eq!(event["victim_count"], 3);
    // If-Match: the ETag, or bare digits, or *; anything else is a 400.
    let res = delete_if_match(&app, &ed, "/api/v1/events/zhanaozen-arrests-2019", "W/\"1\"").await;
    let error = error_of(res, 400).await;
    assert_eq!(error["error"]["field"], "If-Match");
    let res = delete_if_match(&app, &ed, "/api/v1/events/zhanaozen-arrests-2019", "999").await;
    error_of(res, 412).await;
    app.json("/api/v1/events/zhanaozen-arrests-2019", 200).await;
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_json_413() {
    let app = TestApp::demo().await;
    let ed = app.token("ed", AccountRole::Editor).await;
    let huge = format!("{{\"name\": \"{}\"}}", "x".repeat(3 * 1024 * 1024));
    let res = app
        .send_body(Method::POST, "/api/v1/persons", Some(&ed), "application/json", huge)
        .await;
    error_of(res, 413).await;
}

/// Every parameter of the document says what the server takes: no string
/// is left as any string (a pattern, a format or a list of values), and no
/// number is unbounded.
#[tokio::test]
async fn every_parameter_is_described_as_read() {
    let app = TestApp::demo().await;
    let doc = app.json("/api/v1/openapi.json", 200).await;
    let mut seen = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("operations") {
            for p in op["parameters"].as_array().into_iter().flatten() {
                seen += 1;
                let schema = &p["schema"];
                let at = format!("{method} {path} {}", p["name"]);
                if schema.get("$ref").is_some() {
                    continue;
                }
                match schema["type"].as_str() {
                    Some("string") => assert!(
                        schema.get("pattern").is_some() || schema.get("enum").is_some(),
                        "{at}: {schema}"
                    ),
                    Some("integer") => assert!(
                        schema.get("minimum").is_some() && schema.get("maximum").is_some(),
                        "{at}: {schema}"
                    ),
                    other => panic!("{at}: a parameter of type {other:?}"),
                }
            }
        }
    }
    assert!(seen > 100, "{seen} parameters");
}

/// DELETE `path` as `token` with the header `If-Match: value`.
async fn delete_if_match(app: &TestApp, token: &str, path: &str, value: &str) -> reqwest::Response {
    app.client
        .delete(app.url(path))
        .bearer_auth(token)
        .header("if-match", value)
        .send()
        .await
        .expect("request")
}
