//! Every JSON endpoint over real HTTP, with its 400s and 404s.

mod common;

use common::{content_type, find_item, ids, item_strs, TestApp};
use serde_json::Value;

#[tokio::test]
async fn health_and_unknown_routes() {
    let app = TestApp::demo().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ok");
    app.error("/api/v1/nothing-here", 404, "not_found", None).await;
    // A path segment that is not UTF-8 once decoded: a JSON 400 naming the
    // path, on every kind of handler that takes one.
    for path in [
        "/api/v1/persons/%FF",
        "/api/v1/pledges/%FF",
        "/api/v1/persons/%FF/status",
        "/api/v1/countries/%FF",
    ] {
        app.bad_request(path, "path").await;
    }
}

#[tokio::test]
async fn errors_axum_answers_itself_are_json_for_the_api_and_html_for_pages() {
    let app = TestApp::demo().await;
    let token = app.token("ed", vigil_core::AccountRole::Editor).await;
    let res = app
        .send_as(reqwest::Method::DELETE, "/api/v1/search", &token, None)
        .await;
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "GET,HEAD");
    let body: Value = res.json().await.expect("a JSON error");
    assert_eq!(body["error"]["code"], "method_not_allowed");
    let res = app.send_as(reqwest::Method::DELETE, "/persons", &token, None).await;
    assert_eq!(res.status(), 405);
    assert!(res.headers().get("allow").is_some());
    assert!(content_type(&res).starts_with("text/html"));
    let res = app.get("/persons/%FF").await;
    assert_eq!(res.status(), 400);
    assert!(content_type(&res).starts_with("text/html"));

    // A method no route takes is 405, also for the anonymous.
    let res = app
        .client
        .request(reqwest::Method::TRACE, app.url("/api/v1/persons"))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 405);
    let body: Value = res.json().await.expect("a JSON error");
    assert_eq!(body["error"]["code"], "method_not_allowed");

    // An address or headers too large: 414 and 431, JSON for the API.
    let long = "x".repeat(10_000);
    let res = app.get(&format!("/api/v1/search?q={long}")).await;
    assert_eq!(res.status(), 414);
    let body: Value = res.json().await.expect("a JSON error");
    assert_eq!(body["error"]["code"], "uri_too_long");
    let res = app.get(&format!("/search?q={long}")).await;
    assert_eq!(res.status(), 414);
    assert!(content_type(&res).starts_with("text/html"));
    let mut request = app.client.get(app.url("/api/v1/persons"));
    for i in 0..8 {
        request = request.header(format!("x-padding-{i}"), "y".repeat(5_000));
    }
    let res = request.send().await.expect("request");
    assert_eq!(res.status(), 431);
    let body: Value = res.json().await.expect("a JSON error");
    assert_eq!(body["error"]["code"], "headers_too_large");
}

#[tokio::test]
async fn a_record_is_sent_as_json_and_an_empty_page_size_is_refused() {
    let app = TestApp::demo().await;
    let token = app.token("ed", vigil_core::AccountRole::Editor).await;
    let person = r#"{"name": "Sent As Text"}"#;
    for content_type in [Some("text/plain"), Some("application/x-www-form-urlencoded"), None] {
        let mut req = reqwest::Client::new()
            .post(app.url("/api/v1/persons"))
            .bearer_auth(&token)
            .body(person);
        if let Some(t) = content_type {
            req = req.header("content-type", t);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 415, "{content_type:?}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], "unsupported_media_type");
    }
    let res = app
        .send_body(
            reqwest::Method::PUT,
            "/api/v1/persons/max-bokaev",
            Some(&token),
            "text/plain",
            person,
        )
        .await;
    assert_eq!(res.status(), 415);
    let found = app.json("/api/v1/persons?q=Sent%20As%20Text", 200).await;
    assert_eq!(found["total"], 0, "nothing was written");
    for query in ["limit=", "offset=", "limit=%20"] {
        let field = query.split('=').next().unwrap();
        app.error(&format!("/api/v1/persons?{query}"), 400, "bad_request", Some(field))
            .await;
    }
}

#[tokio::test]
async fn persons_list_show_and_find_by_any_spelling() {
    let app = TestApp::demo().await;
    let cf = vigil_demo::case_file().unwrap();
    let all = app.json("/api/v1/persons", 200).await;
    assert_eq!(all["total"], cf.persons.len());
    for q in [
        "Baltabai",
        "%D0%91%D0%B0%D0%BB%D1%82%D0%B0%D0%B1%D0%B0%D0%B9",
        "baltabay",
    ] {
        let found = app.json(&format!("/api/v1/persons?q={q}"), 200).await;
        assert_eq!(ids(&found), ["erlan-baltabay"], "q={q}");
    }
    let p = app.json("/api/v1/persons/max-bokaev", 200).await;
    assert_eq!(p["name"], "Max Bokaev");
    assert!(p["aliases"].as_array().unwrap().iter().any(|a| a == "Maks Bokaev"));

    app.error("/api/v1/persons/nobody", 404, "not_found", None).await;
    app.error("/api/v1/persons/Not%20An%20Id", 404, "not_found", None).await;
    // An event's id is not a person's.
    app.error("/api/v1/persons/baltabay-pardon-2019-08", 404, "not_found", None)
        .await;
    let long = "a".repeat(201);
    app.bad_request(&format!("/api/v1/persons?q={long}"), "q").await;
    app.bad_request("/api/v1/persons?q=bal%00tabay", "q").await;
}

#[tokio::test]
async fn a_persons_events() {
    let app = TestApp::demo().await;
    let body = app.json("/api/v1/persons/erlan-baltabay/events?limit=500", 200).await;
    let items = body["items"].as_array().unwrap();
    assert!(items.len() >= 10);
    for e in items {
        assert!(e["participants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["record_id"] == "erlan-baltabay"));
    }
    app.error("/api/v1/persons/nobody/events", 404, "not_found", None).await;
}

#[tokio::test]
async fn organisations() {
    let app = TestApp::demo().await;
    let found = app.json("/api/v1/organisations?q=KNPRK", 200).await;
    assert_eq!(ids(&found), ["knprk"]);
    let fewu = app
        .json("/api/v1/organisations?q=Independent%20Oil%20and%20Energy", 200)
        .await;
    assert_eq!(ids(&fewu), ["fewu"]);
    let o = app.json("/api/v1/organisations/knprk", 200).await;
    assert_eq!(o["kind"], "confederation");
    app.error("/api/v1/organisations/nobody", 404, "not_found", None).await;
}

#[tokio::test]
async fn events_serialise_dates_terms_participants_and_excerpts() {
    let app = TestApp::demo().await;
    let body = app
        .json("/api/v1/events?type=sentence&person=erlan-baltabay", 200)
        .await;
    assert_eq!(body["total"], 2);
    let second = find_item(&body["items"], |e| e["date"] == "2019-10-16");
    assert_eq!(second["type"], "sentence");
    assert_eq!(second["terms"]["imprisonment"], "P5M8D");
    assert!(second["participants"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["record_id"] == "erlan-baltabay" && p["role"] == "victim"));
    let x = &second["excerpts"][0];
    assert!(x["source_id"].is_string() && x["text"].as_str().unwrap().len() > 10);

    let first = find_item(&body["items"], |e| e["date"] != "2019-10-16");
    assert_eq!(first["date"], "2018-09/2019-08", "a range keeps its stated precision");
    assert_eq!(first["terms"]["imprisonment"], "P7Y");

    let one = app.json("/api/v1/events/baltabay-pardon-2019-08", 200).await;
    assert_eq!(one["date"], "2019-08");
    assert_eq!(one["terms"]["fine"]["undisclosed"], true);
    app.error("/api/v1/events/nothing", 404, "not_found", None).await;
}

#[tokio::test]
async fn event_filters_by_organisation_and_window() {
    let app = TestApp::demo().await;
    let body = app.json("/api/v1/events?organisation=knprk", 200).await;
    assert!(body["total"].as_u64().unwrap() >= 2);
    let body = app
        .json("/api/v1/events?from=2019-10-01&to=2019-10-31&limit=500", 200)
        .await;
    let dates: Vec<&str> = item_strs(&body, "date");
    assert!(dates.contains(&"2019-10-16"), "{dates:?}");
    assert!(!dates.contains(&"2016"), "{dates:?}");
    let none = app.json("/api/v1/events?person=nobody-known", 200).await;
    assert_eq!(none["total"], 0);
}

#[tokio::test]
async fn bad_query_values_are_400_naming_the_parameter() {
    let app = TestApp::demo().await;
    let m = app
        .error("/api/v1/events?type=jailing", 400, "bad_request", Some("type"))
        .await;
    assert!(m.contains("sentence"), "the message lists the vocabulary: {m}");
    app.bad_request("/api/v1/events?from=2019-13-01", "from").await;
    app.bad_request("/api/v1/events?to=October", "to").await;
    // A window that ends before it starts holds no event (the page says so).
    let none = app.json("/api/v1/events?from=2019-10-02&to=2019-10-01", 200).await;
    assert_eq!(none["total"], 0);
    assert_eq!(none["items"], serde_json::json!([]));
    // An empty parameter is refused rather than taken as absent.
    app.bad_request("/api/v1/events?limit=", "limit").await;
    app.bad_request("/api/v1/events?to=", "to").await;
    app.bad_request("/api/v1/persons?q=", "q").await;
    app.bad_request("/api/v1/revisions?record=", "record").await;
    app.bad_request("/api/v1/events?person=Erlan%20Baltabay", "person")
        .await;
    app.bad_request("/api/v1/events?limit=0", "limit").await;
    app.bad_request("/api/v1/events?limit=501", "limit").await;
    app.bad_request("/api/v1/events?limit=abc", "limit").await;
    app.bad_request("/api/v1/persons?offset=-1", "offset").await;
    app.bad_request("/api/v1/cases?limit=99999999999999999999", "limit")
        .await;
}

#[tokio::test]
async fn paging() {
    let app = TestApp::demo().await;
    let a = app.json("/api/v1/events?limit=5", 200).await;
    let b = app.json("/api/v1/events?limit=5&offset=5", 200).await;
    assert_eq!(a["items"].as_array().unwrap().len(), 5);
    assert_eq!(a["total"], b["total"]);
    let (ia, ib) = (ids(&a), ids(&b));
    assert!(ia.iter().all(|i| !ib.contains(i)));
}

#[tokio::test]
async fn cases_and_sources() {
    let app = TestApp::demo().await;
    let cases = app.json("/api/v1/cases", 200).await;
    assert!(ids(&cases).contains(&"case-baltabay".to_owned()));
    let c = app.json("/api/v1/cases/case-baltabay", 200).await;
    assert!(c["event_ids"].as_array().unwrap().len() >= 5);
    app.error("/api/v1/cases/erlan-baltabay", 404, "not_found", None).await;

    let sources = app.json("/api/v1/sources", 200).await;
    assert_eq!(sources["total"], 2);
    let s = app.json("/api/v1/sources/hrw-2019-kazakhstan-upr", 200).await;
    assert_eq!(s["content_hash"].as_str().unwrap().len(), 64);
    assert!(s["text"].as_str().unwrap().contains("five months and eight days"));
    assert!(!s["text"].as_str().unwrap().contains("top of page"));
    app.error("/api/v1/sources/nothing", 404, "not_found", None).await;
}

#[tokio::test]
async fn revisions() {
    let app = TestApp::demo().await;
    let body = app.json("/api/v1/revisions?record=erlan-baltabay", 200).await;
    assert_eq!(body["total"], 1);
    let r = &body["items"][0];
    assert_eq!(r["operation"], "create");
    assert_eq!(r["author"], "an editor", "who edits is not shown to the public");
    assert!(r["reason"].is_null());
    assert_eq!(r["record"]["name"], "Erlan Baltabay");
    assert!(r["at"].as_str().unwrap().contains('T'));
    let token = app.token("rita", vigil_core::AccountRole::Reader).await;
    let signed = app.json_as("/api/v1/revisions?record=erlan-baltabay", &token).await;
    assert_eq!(signed["items"][0]["author"], "demo", "colleagues see who changed what");
    app.bad_request("/api/v1/revisions", "record").await;
    app.bad_request("/api/v1/revisions?record=BAD!", "record").await;
    app.error("/api/v1/revisions?record=nobody", 404, "not_found", None)
        .await;
}

#[tokio::test]
async fn openapi_document_is_generated_from_the_routes() {
    let app = TestApp::demo().await;
    let doc = app.json("/api/v1/openapi.json", 200).await;
    if let Ok(dump) = std::env::var("VIGIL_DUMP_OPENAPI") {
        std::fs::write(dump, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    }
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    // The router registers each route with its operation, so no list is
    // kept here: a few known routes, and that the operations are sound.
    for (route, method) in [
        ("/api/v1/persons", "get"),
        ("/api/v1/persons", "post"),
        ("/api/v1/persons/{id}", "delete"),
        ("/api/v1/sources", "post"),
        ("/api/v1/rating-rules/{id}", "put"),
        ("/api/v1/countries/{iso2}/briefing", "get"),
        ("/api/v1/records/{id}/restore", "post"),
        ("/api/v1/campaigns/{slug}/invalidations/{id}/revert", "post"),
        ("/healthz", "get"),
    ] {
        assert!(
            paths.get(route).and_then(|p| p.get(method)).is_some(),
            "{method} {route} missing"
        );
    }
    let mut ids = std::collections::BTreeSet::new();
    for (route, item) in paths {
        assert!(route == "/healthz" || route.starts_with("/api/v1/"), "{route}");
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap_or_default();
            assert!(!id.is_empty(), "{method} {route} has no operationId");
            assert!(
                ids.insert(id.to_owned()),
                "operationId {id} used twice ({method} {route})"
            );
            assert!(
                operation["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{method} {route} has no tag"
            );
            // Every write needs a token, but signing a petition; so does
            // every read of the review queue.
            let signing = route.ends_with("/signatures");
            let guarded = (method != "get" && !signing) || route.starts_with("/api/v1/proposals");
            if guarded {
                assert!(operation["security"].is_array(), "{method} {route} names no security");
            }
            well_described(&doc, route, method, operation);
        }
    }
    // What the issue found undocumented or wrong.
    let source_post = &paths["/api/v1/sources"]["post"];
    for media in ["application/json", "text/plain", "text/html", "application/pdf"] {
        assert!(
            source_post["requestBody"]["content"].get(media).is_some(),
            "POST /sources does not take {media}"
        );
    }
    for status in ["200", "201", "415"] {
        assert!(
            source_post["responses"].get(status).is_some(),
            "POST /sources: no {status}"
        );
    }
    let schemas = &doc["components"]["schemas"];
    assert!(
        schemas["SourceBody"]["properties"].get("content_hash").is_some(),
        "content_hash is not in the source's schema"
    );
    for new in ["NewPerson", "NewSource", "NewRatingRule"] {
        let required = schemas[new]["required"].as_array().expect("required fields");
        assert!(!required.iter().any(|f| f == "id"), "{new}: id required");
        assert!(required.iter().any(|f| f == "name" || f == "title" || f == "weights") || new == "NewRatingRule");
    }
    assert!(paths["/api/v1/persons"]["post"]["responses"]["201"]["headers"]
        .get("Location")
        .is_some());
    // Optimistic concurrency: reads and writes name the revision, writes
    // to an existing record take If-Match and may answer 412.
    let member = &paths["/api/v1/rating-rules/{id}"];
    assert!(member["get"]["responses"]["200"]["headers"].get("ETag").is_some());
    for method in ["put", "delete"] {
        let op = &member[method];
        assert!(op["responses"].get("412").is_some(), "{method}: no 412");
        assert!(
            op["responses"]["200"]["headers"].get("ETag").is_some(),
            "{method}: no ETag"
        );
        let params = op["parameters"].as_array().expect("parameters");
        assert!(params.iter().any(|p| p["name"] == "If-Match" && p["in"] == "header"));
    }
    assert!(ids.len() > 80, "{} operations", ids.len());
    // Each documented read answers, with the demo's ids filled in.
    for (route, item) in paths {
        // Proposals are for editors only (tests/ingest.rs reads them);
        // campaign routes need a campaign, and a partner's view the token of
        // a partner's link (tests/campaigns.rs reads them); uploaded forms
        // are for admins (tests/uploaded_forms.rs reads them).
        if item.get("get").is_none()
            || route.starts_with("/api/v1/proposals")
            || route == "/api/v1/forms"
            || route.contains("{slug}")
            || route == "/api/v1/partner"
        {
            continue;
        }
        let section = route.trim_start_matches("/api/v1/").split('/').next().unwrap();
        let example = match section {
            "persons" | "status" => "erlan-baltabay",
            "organisations" => "knprk",
            "events" => "baltabay-pardon-2019-08",
            "cases" => "case-baltabay",
            "sources" => "hrw-2019-kazakhstan-upr",
            "mechanisms" => "upr",
            "reviews" => "review-upr-2019-kazakhstan",
            "recommendations" => "ilc-2019-amend-trade-union-law",
            "pledges" => "tokayev-pledge-deep-reforms-2019-09",
            "assessments" => "assessment-hrw-2019-tokayev-pledge",
            "rating-rules" => "default-rating-rule",
            _ => "erlan-baltabay",
        };
        let path = route.replace("{id}", example).replace("{iso2}", "KZ");
        // Reads that need a query parameter to answer.
        let query = match path.as_str() {
            "/api/v1/revisions" => "?record=knprk",
            "/api/v1/countries/KZ/rating" => "?year=2019",
            "/api/v1/countries/KZ/briefing" => "?as_of=2019-11-07",
            "/api/v1/search" => "?q=baltabai",
            "/api/v1/search/suggest" => "?q=balt",
            _ => "",
        };
        let path = format!("{path}{query}");
        assert_eq!(app.get(&path).await.status(), 200, "{path}");
    }
    assert!(doc["components"]["schemas"]["Event"].is_object());
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

/// One operation of the document: its parameters as the server takes them
/// (every `{name}` of its path declared, paging 1–500), a response for
/// success with its body, and every `$ref` it holds resolving.
fn well_described(doc: &Value, route: &str, method: &str, operation: &Value) {
    let params = operation["parameters"].as_array().cloned().unwrap_or_default();
    for name in route
        .split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    {
        assert!(
            params
                .iter()
                .any(|p| p["name"] == name && p["in"] == "path" && p["required"] == true),
            "{method} {route}: path parameter {name} undeclared"
        );
    }
    for p in &params {
        if p["name"] == "limit" {
            let (min, max) = (&p["schema"]["minimum"], &p["schema"]["maximum"]);
            assert_eq!(min, 1, "{method} {route}: limit minimum");
            let expected = if route.ends_with("/suggest") { 50 } else { 500 };
            assert_eq!(max, expected, "{method} {route}: limit maximum");
        }
    }
    let responses = operation["responses"].as_object().expect("responses");
    let success: Vec<_> = responses.iter().filter(|(s, _)| s.starts_with('2')).collect();
    assert!(!success.is_empty(), "{method} {route}: no success answer");
    for (status, response) in success {
        assert!(
            response["content"].as_object().is_some_and(|c| !c.is_empty()),
            "{method} {route}: {status} has no body"
        );
    }
    if operation["security"].is_array() {
        assert!(responses.contains_key("401"), "{method} {route}: 401 undocumented");
    }
    check_refs(doc, operation, &format!("{method} {route}"));
}

fn check_refs(doc: &Value, v: &Value, at: &str) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                let name = r.strip_prefix("#/components/schemas/").expect("a schema reference");
                assert!(
                    doc["components"]["schemas"].get(name).is_some(),
                    "{at}: {r} resolves to nothing"
                );
            }
            map.values().for_each(|v| check_refs(doc, v, at));
        }
        Value::Array(items) => items.iter().for_each(|v| check_refs(doc, v, at)),
        _ => {}
    }
}

/// Strict input: a repeated key, an id that names a page and a parent
/// that makes an organisation its own ancestor are refused, naming the
/// field, and nothing is written.
#[tokio::test]
async fn repeated_keys_reserved_ids_and_parent_cycles_are_refused() {
    let app = TestApp::demo().await;
    let token = app.token("ed", vigil_core::AccountRole::Editor).await;
    let before = app.json("/api/v1/organisations?limit=500", 200).await["total"].clone();

    let res = app
        .send_body(
            reqwest::Method::POST,
            "/api/v1/persons?reason=test",
            Some(&token),
            "application/json",
            r#"{"id": "twice-named", "name": "First Name", "name": "Second Name"}"#,
        )
        .await;
    let error = common::refused(res, 400, "body").await;
    assert!(error.to_string().contains("appears twice"), "{error}");
    assert_eq!(app.get("/api/v1/persons/twice-named").await.status(), 404);
    let res = app
        .send_body(
            reqwest::Method::POST,
            "/api/v1/records/max-bokaev/restore",
            Some(&token),
            "application/json",
            r#"{"seq": 1, "seq": 2}"#,
        )
        .await;
    common::refused(res, 400, "body").await;

    for id in ["new", "edit"] {
        let res = app
            .post_json(
                "/api/v1/organisations?reason=test",
                &token,
                &serde_json::json!({"id": id, "name": "A Page Shadow", "kind": "confederation"}),
            )
            .await;
        let status = res.status();
        let body = res.text().await.expect("body");
        assert_eq!(status, 422, "{id}: {body}");
        assert!(body.contains("\"field\":\"id\""), "{body}");
    }

    let orgs = app.json("/api/v1/organisations?limit=3", 200).await;
    let [a, b]: [Value; 2] = [orgs["items"][0].clone(), orgs["items"][1].clone()];
    let path = |o: &Value| format!("/api/v1/organisations/{}?reason=test", o["id"].as_str().expect("id"));
    let mut child = b.clone();
    child["parent_id"] = a["id"].clone();
    assert_eq!(app.put_json(&path(&child), &token, &child).await.status(), 200);
    let mut parent = a.clone();
    parent["parent_id"] = b["id"].clone();
    common::refused(app.put_json(&path(&parent), &token, &parent).await, 422, "parent_id").await;
    let read = app
        .json(&format!("/api/v1/organisations/{}", a["id"].as_str().expect("id")), 200)
        .await;
    assert!(read["parent_id"].is_null(), "nothing written: {read}");
    assert_eq!(app.json("/api/v1/organisations?limit=500", 200).await["total"], before);
}

/// The rating's new fields are in the OpenAPI document, and every schema
/// they name is defined there.
#[tokio::test]
async fn openapi_document_describes_unrated_years() {
    let app = TestApp::empty().await;
    let doc = app.json("/api/v1/openapi.json", 200).await;
    let schemas = &doc["components"]["schemas"];
    let body = &schemas["RatingBody"]["properties"];
    assert!(body["coverage"].is_object(), "{}", schemas["RatingBody"]);
    assert!(
        schemas["Coverage"]["enum"].as_array().is_some_and(|e| e.len() == 3),
        "{}",
        schemas["Coverage"]
    );
    assert!(schemas["RatingRule"]["properties"]["years"].is_object());
    assert!(schemas["MonthRestraints"]["properties"]["banned_certain"].is_object());
}

/// A second record of Erlan Baltabay, as a second article's spelling made
/// it, with an event of its own; its id.
async fn baltabai(app: &TestApp, editor: &str) -> String {
    app.created(
        "/api/v1/persons",
        editor,
        &serde_json::json!({"id": "erlan-baltabai", "name": "Yerlan Baltabaev", "occupation": "union leader",
                            "excerpts": [app.excerpt("hrw-2019-kazakhstan-upr", "Erlan Baltabay").await]}),
    )
    .await;
    let mut detention = app.kz_detention("Baltabai detained").await;
    detention["id"] = "baltabai-detained".into();
    detention["participants"] = serde_json::json!([{"record_id": "erlan-baltabai", "role": "victim"}]);
    app.created("/api/v1/events", editor, &detention).await;
    "erlan-baltabai".into()
}

#[tokio::test]
async fn two_records_of_one_person_are_merged_with_their_references_and_the_merge_undone() {
    let app = TestApp::demo().await;
    let editor = app.token("merger", vigil_core::AccountRole::Editor).await;
    let reader = app.token("merge-reader", vigil_core::AccountRole::Reader).await;
    let from = baltabai(&app, &editor).await;
    let merge = format!("/api/v1/records/{from}/merge?reason=one%20man");
    let into = serde_json::json!({"into": "erlan-baltabay"});
    let before = app.json("/api/v1/events/baltabai-detained", 200).await;

    // Refusals write nothing.
    assert_eq!(
        app.send_anonymous(reqwest::Method::POST, &merge, &into).await.status(),
        401
    );
    assert_eq!(app.post_json(&merge, &reader, &into).await.status(), 403);
    for (body, status, field) in [
        (serde_json::json!({"into": "nobody-at-all"}), 404, Some("into")),
        (serde_json::json!({"into": from}), 422, Some("into")),
        (serde_json::json!({"into": "knprk"}), 422, Some("into")),
        (serde_json::json!({"into": 7}), 400, Some("into")),
        (serde_json::json!({"onto": "erlan-baltabay"}), 400, None),
    ] {
        let res = app.post_json(&merge, &editor, &body).await;
        assert_eq!(res.status(), status, "{body}");
        let err: serde_json::Value = res.json().await.unwrap();
        if let Some(f) = field {
            assert_eq!(err["error"]["field"], f, "{body}: {err}");
        }
    }
    let res = app
        .post_json(
            "/api/v1/records/baltabai-detained/merge",
            &editor,
            &serde_json::json!({"into": "baltabay-sentence-2019-10-16"}),
        )
        .await;
    assert_eq!(res.status(), 422, "events are not merged");
    assert_eq!(app.json("/api/v1/events/baltabai-detained", 200).await, before);
    assert_eq!(app.get(&format!("/api/v1/persons/{from}")).await.status(), 200);

    let res = app.post_json(&merge, &editor, &into).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let merged: serde_json::Value = res.json().await.unwrap();
    assert_eq!(merged["rewritten"], serde_json::json!(["baltabai-detained"]));
    assert_eq!(app.get(&format!("/api/v1/persons/{from}")).await.status(), 404);
    let event = app.json("/api/v1/events/baltabai-detained", 200).await;
    assert_eq!(event["participants"][0]["record_id"], "erlan-baltabay");
    let kept = app.json("/api/v1/persons/erlan-baltabay", 200).await;
    assert!(
        kept["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Yerlan Baltabaev"),
        "{kept}"
    );
    let events = app.json("/api/v1/persons/erlan-baltabay/events?limit=100", 200).await;
    assert!(ids(&events).contains(&"baltabai-detained".to_owned()));
    let history = app.json_as("/api/v1/revisions?record=baltabai-detained", &editor).await;
    let last = history["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["reason"], "merged erlan-baltabai into erlan-baltabay: one man");

    // Undone: both records as they were.
    let unmerge = format!("/api/v1/records/{from}/unmerge");
    assert_eq!(app.post_json(&unmerge, &reader, &into).await.status(), 403);
    let res = app.post_json(&unmerge, &editor, &into).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    assert_eq!(
        app.json(&format!("/api/v1/persons/{from}"), 200).await["name"],
        "Yerlan Baltabaev"
    );
    assert_eq!(
        app.json("/api/v1/events/baltabai-detained", 200).await["participants"],
        before["participants"]
    );
    let kept = app.json("/api/v1/persons/erlan-baltabay", 200).await;
    assert!(
        !kept["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Yerlan Baltabaev"),
        "{kept}"
    );
    // Undoing it again finds nothing to undo.
    let res = app.post_json(&unmerge, &editor, &into).await;
    let again: serde_json::Value = res.json().await.unwrap();
    assert_eq!(again["rewritten"], serde_json::json!([]));
}

/// The same on the pages: the duplicate's history offers the merge to an
/// editor (CSRF-checked), the merged record's history its undoing.
#[tokio::test]
async fn an_editor_merges_and_unmerges_from_the_history_page() {
    let app = TestApp::demo().await;
    let editor = app.token("merge-page-token", vigil_core::AccountRole::Editor).await;
    let from = baltabai(&app, &editor).await;
    let (client, csrf) = app
        .signed_in("merge-page-editor", vigil_core::AccountRole::Editor)
        .await;
    let history = common::body(client.get(app.url(&format!("/records/{from}/history")))).await;
    assert!(
        history.contains(&format!("action=\"/records/{from}/merge\"")),
        "{history}"
    );
    let anonymous = app.text(&format!("/records/{from}/history")).await;
    assert!(!anonymous.contains("/merge\""), "no form for readers");
    let res = app
        .submit(
            &client,
            &format!("/records/{from}/merge"),
            &[("csrf", "forged"), ("into", "erlan-baltabay")],
        )
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(
        app.get(&format!("/api/v1/persons/{from}")).await.status(),
        200,
        "nothing merged"
    );
    let res = app
        .submit(
            &client,
            &format!("/records/{from}/merge"),
            &[
                ("csrf", csrf.as_str()),
                ("decision", "merge"),
                ("into", "erlan-baltabay"),
                ("reason", "one man"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(app.get(&format!("/api/v1/persons/{from}")).await.status(), 404);
    let merged = common::body(client.get(app.url(&format!("/records/{from}/history")))).await;
    assert!(merged.contains("name=\"decision\" value=\"unmerge\""), "{merged}");
    let res = app
        .submit(
            &client,
            &format!("/records/{from}/merge"),
            &[
                ("csrf", csrf.as_str()),
                ("decision", "unmerge"),
                ("into", "erlan-baltabay"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(app.get(&format!("/api/v1/persons/{from}")).await.status(), 200, "back");
}
