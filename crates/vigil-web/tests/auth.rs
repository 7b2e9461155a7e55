//! Accounts, the authorisation gate, writes, confidentiality and hostile
//! input, over real HTTP.

mod common;

use common::{answered, body, TestApp};
use reqwest::Method;
use serde_json::{json, Value};
use vigil_core::AccountRole;
use vigil_store::Store as _;

/// Every route that changes something, with a body that would be valid.
fn write_routes() -> Vec<(Method, &'static str, Value)> {
    let person = json!({"name": "New Person"});
    vec![
        (Method::POST, "/api/v1/persons", person.clone()),
        (Method::PUT, "/api/v1/persons/max-bokaev", json!({"name": "Max Bokaev"})),
        (Method::DELETE, "/api/v1/persons/max-bokaev", Value::Null),
        (
            Method::POST,
            "/api/v1/organisations",
            json!({"name": "X", "kind": "union"}),
        ),
        (
            Method::PUT,
            "/api/v1/organisations/knprk",
            json!({"name": "X", "kind": "union"}),
        ),
        (Method::DELETE, "/api/v1/organisations/knprk", Value::Null),
        (Method::POST, "/api/v1/events", json!({})),
        (Method::PUT, "/api/v1/events/baltabay-pardon-2019-08", json!({})),
        (Method::DELETE, "/api/v1/events/baltabay-pardon-2019-08", Value::Null),
        (Method::POST, "/api/v1/cases", json!({"title": "T"})),
        (Method::PUT, "/api/v1/cases/case-baltabay", json!({"title": "T"})),
        (Method::DELETE, "/api/v1/cases/case-baltabay", Value::Null),
        (Method::POST, "/api/v1/sources", json!({"title": "T", "text": "x"})),
        (
            Method::PUT,
            "/api/v1/sources/hrw-2019-kazakhstan-upr",
            json!({"title": "T", "text": "x"}),
        ),
        (Method::DELETE, "/api/v1/sources/hrw-2019-kazakhstan-upr", Value::Null),
        (Method::POST, "/api/v1/records/max-bokaev/restore", json!({"seq": 1})),
        (Method::POST, "/persons/new", Value::Null),
        (Method::POST, "/persons/max-bokaev/edit", Value::Null),
        (Method::POST, "/events/new", Value::Null),
        (Method::POST, "/records/max-bokaev/delete", Value::Null),
        (Method::POST, "/records/max-bokaev/restore", Value::Null),
    ]
}

#[tokio::test]
async fn every_write_refuses_the_anonymous_401_and_readers_403() {
    let app = TestApp::demo().await;
    let reader = app.token("rita", AccountRole::Reader).await;
    let before = app.store.changes_since(0, 100_000).await.unwrap().len();
    for (method, path, body) in write_routes() {
        let anonymous = app.send_anonymous(method.clone(), path, &body).await;
        assert_eq!(anonymous.status(), 401, "anonymous {method} {path}");
        let as_reader = app.send_as(method.clone(), path, &reader, Some(&body)).await;
        assert_eq!(as_reader.status(), 403, "reader {method} {path}");
    }
    let bad = app.post_json("/api/v1/persons", "not-a-token", &json!({})).await;
    assert_eq!(bad.status(), 401);
    assert_eq!(bad.headers()["www-authenticate"], "Bearer");
    // Forms need an account too, to be seen at all.
    let form = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = form.get(app.url("/persons/new")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert!(res.headers()["location"].to_str().unwrap().starts_with("/login?next="));
    use vigil_store::Store;
    assert_eq!(
        app.store.changes_since(0, 100_000).await.unwrap().len(),
        before,
        "nothing was written"
    );
}

#[tokio::test]
async fn an_editor_writes_through_the_api_with_a_reason_on_record() {
    let app = TestApp::demo().await;
    let token = app.token("ana", AccountRole::Editor).await;
    let res = app
        .post_json(
            "/api/v1/persons?reason=from%20the%20IndustriALL%20report",
            &token,
            &json!({"id": "aigul-example", "name": "Aigul Example", "aliases": ["Айгуль"]}),
        )
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(res.headers()["location"], "/api/v1/persons/aigul-example");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["operation"], "create");
    let found = app.json("/api/v1/persons?q=Айгуль", 200).await;
    assert_eq!(found["items"][0]["id"], "aigul-example");

    let res = app
        .put_json(
            "/api/v1/persons/aigul-example",
            &token,
            &json!({"name": "Aigul Example", "occupation": "miner"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let history: Value = app.json_as("/api/v1/revisions?record=aigul-example", &token).await;
    assert_eq!(history["total"], 2);
    assert_eq!(history["items"][0]["author"], "ana");
    assert_eq!(history["items"][0]["reason"], "from the IndustriALL report");

    let first = history["items"][0]["seq"].as_i64().unwrap();
    let res = app
        .post_json("/api/v1/records/aigul-example/restore", &token, &json!({"seq": first}))
        .await;
    assert_eq!(res.status(), 200);
    let p = app.json("/api/v1/persons/aigul-example", 200).await;
    assert!(p["occupation"].is_null(), "restored: {p}");

    let res = app.delete_as("/api/v1/persons/aigul-example", &token).await;
    assert_eq!(res.status(), 200);
    app.error("/api/v1/persons/aigul-example", 404, "not_found", None).await;
    // Deleting what others cite is refused.
    let res = app.delete_as("/api/v1/sources/hrw-2019-kazakhstan-upr", &token).await;
    assert_eq!(res.status(), 409);
}

#[tokio::test]
async fn bad_bodies_are_refused_with_the_field_named_and_nothing_written() {
    let app = TestApp::demo().await;
    let token = app.token("ana", AccountRole::Editor).await;
    let cases: Vec<(&str, Vec<u8>, u16, Option<&str>)> = vec![
        ("/api/v1/persons", b"{\"name\": \"x\",".to_vec(), 400, Some("body")),
        ("/api/v1/persons", b"[1, 2]".to_vec(), 400, Some("body")),
        ("/api/v1/persons", br#"{"name": 5}"#.to_vec(), 400, Some("name")),
        (
            "/api/v1/persons",
            br#"{"name": "x", "sex": "robot"}"#.to_vec(),
            400,
            Some("sex"),
        ),
        (
            "/api/v1/persons",
            br#"{"id": "Bad Id", "name": "x"}"#.to_vec(),
            400,
            Some("id"),
        ),
        (
            "/api/v1/events",
            br#"{"type": "arrest", "date": "2019-13", "title": "t"}"#.to_vec(),
            // Of a date's form, but no date: refused as a rule, not a form.
            422,
            Some("date"),
        ),
        (
            "/api/v1/events",
            br#"{"type": "arrest", "date": "2019-02", "title": "t", "excerpts": []}"#.to_vec(),
            422,
            Some("excerpts"),
        ),
        (
            "/api/v1/persons",
            br#"{"id": "erlan-baltabay", "name": "x"}"#.to_vec(),
            409,
            None,
        ),
    ];
    for (path, body, status, field) in cases {
        let res = app
            .send_body(Method::POST, path, Some(&token), "application/json", body.clone())
            .await;
        assert_eq!(res.status().as_u16(), status, "{}", String::from_utf8_lossy(&body));
        let err: Value = res.json().await.unwrap();
        assert_eq!(err["error"]["field"].as_str(), field, "{err}");
    }
    let res = app
        .send_body(
            Method::PUT,
            "/api/v1/persons/max-bokaev",
            Some(&token),
            "application/json",
            br#"{"id": "other", "name": "x"}"#.to_vec(),
        )
        .await;
    // An id in the body that is not the address's: refused, nothing renamed.
    assert_eq!(res.status(), 422);
    let huge = format!(r#"{{"name": "x", "title": "{}"}}"#, "a".repeat(3 * 1024 * 1024));
    let res = app
        .send_body(
            Method::POST,
            "/api/v1/sources",
            Some(&token),
            "application/json",
            huge.into_bytes(),
        )
        .await;
    let err = answered(res, 413).await;
    assert_eq!(err["error"]["code"], "payload_too_large");
    // A misspelt key is an error, not silently dropped: "confidental" must
    // never publish a record meant to be confidential.
    let res = app
        .send_body(
            Method::POST,
            "/api/v1/persons",
            Some(&token),
            "application/json",
            br#"{"name": "x", "confidental": true}"#.to_vec(),
        )
        .await;
    let err = answered(res, 400).await;
    assert!(
        err["error"]["message"].as_str().unwrap().contains("confidental"),
        "{err}"
    );
    let res = app
        .send_body(
            Method::POST,
            "/api/v1/sources",
            Some(&token),
            "application/json",
            br#"{"title": "x", "text": "y", "url": "javascript:alert(1)"}"#.to_vec(),
        )
        .await;
    assert_eq!(res.status(), 422);
    let p = app.json("/api/v1/persons/max-bokaev", 200).await;
    assert_eq!(p["name"], "Max Bokaev", "untouched");
    let total = app.json("/api/v1/persons", 200).await["total"].clone();
    assert_eq!(total, 9);
}

#[tokio::test]
async fn confidential_records_and_fields_reach_only_those_with_the_right() {
    let app = TestApp::demo().await;
    let keeper = app.token("kate", AccountRole::ConfidentialReader).await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let reader = app.token("rita", AccountRole::Reader).await;

    // An editor without the right cannot mark anything confidential.
    let res = app
        .post_json(
            "/api/v1/persons",
            &editor,
            &json!({"id": "w1", "name": "Secret Witness", "confidential": true}),
        )
        .await;
    assert_eq!(res.status(), 403);

    // A confidential record's id is made by Vigil.
    let w1 = app
        .created_id(
            "/api/v1/persons",
            &keeper,
            &json!({"name": "MARKER Secret Witness", "confidential": true}),
        )
        .await;
    app.created(
        "/api/v1/persons",
        &keeper,
        &json!({"id": "v1", "name": "Victim One", "address": "MARKER 7 Hidden Lane", "confidential_fields": ["address"]}),
    )
    .await;
    // The public, readers and plain editors: not found, not listed, not counted.
    for who in [None, Some(reader.as_str()), Some(editor.as_str())] {
        for path in [
            format!("/api/v1/persons/{w1}"),
            format!("/api/v1/revisions?record={w1}"),
            format!("/persons/{w1}"),
            format!("/records/{w1}/history"),
        ] {
            let path = path.as_str();
            let res = app.get_for(path, who).await;
            assert_eq!(res.status(), 404, "{path} as {who:?}");
            assert!(!res.text().await.unwrap().contains("MARKER"));
        }
        for path in [
            "/api/v1/persons?limit=500",
            "/api/v1/persons?q=secret",
            "/persons",
            "/persons/v1",
            "/api/v1/persons/v1",
            "/api/v1/revisions?record=v1",
            "/records/v1/history",
            "/",
            "/api/v1/search?q=secret",
            "/api/v1/search?q=witness",
            "/api/v1/search?q=hidden%20lane",
            "/search?q=hidden",
            "/api/v1/search/suggest?q=secr",
        ] {
            let res = app.get_for(path, who).await;
            assert!(res.status().is_success(), "{path} as {who:?}");
            let body = res.text().await.unwrap();
            assert!(!body.contains("MARKER"), "{path} as {who:?}");
        }
        let list: Value = app.get_for("/api/v1/persons", who).await.json().await.unwrap();
        assert_eq!(list["total"], 10, "the confidential record is not counted");
        // The public part of the victim's record is found; its address is not.
        let found: Value = app
            .get_for("/api/v1/search?q=victim%20one", who)
            .await
            .json()
            .await
            .unwrap();
        assert!(
            found["items"].as_array().unwrap().iter().any(|i| i["id"] == "v1"),
            "{found}"
        );
    }
    // Those with the right see everything.
    let w: Value = app.json_as(&format!("/api/v1/persons/{w1}"), &keeper).await;
    assert_eq!(w["name"], "MARKER Secret Witness");
    let v: Value = app.json_as("/api/v1/persons/v1", &keeper).await;
    assert_eq!(v["address"], "MARKER 7 Hidden Lane");
    let found: Value = app.json_as("/api/v1/persons?q=secret", &keeper).await;
    assert_eq!(found["total"], 1);

    // An editor without the right edits the public part and keeps the rest.
    let res = app
        .put_json(
            "/api/v1/persons/v1",
            &editor,
            &json!({"name": "Victim One", "occupation": "miner", "confidential_fields": []}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let v: Value = app.json_as("/api/v1/persons/v1", &keeper).await;
    assert_eq!(v["address"], "MARKER 7 Hidden Lane", "the hidden field survived");
    assert_eq!(v["occupation"], "miner");
    assert_eq!(v["confidential_fields"], json!(["address"]));
    // And cannot touch the confidential record at all.
    let res = app.delete_as(&format!("/api/v1/persons/{w1}"), &editor).await;
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn forms_need_the_sessions_csrf_token_and_show_hostile_input_as_text() {
    let app = TestApp::demo().await;
    let (client, csrf) = app.signed_in("ana", AccountRole::Editor).await;
    let hostile = r#"<script>alert(1)</script>"#;
    let form = [
        ("id", "hostile-one"),
        ("name", hostile),
        ("occupation", hostile),
        ("reason", hostile),
    ];

    let without = client.post(app.url("/persons/new")).form(&form).send().await.unwrap();
    assert_eq!(without.status(), 403, "no CSRF token");
    let mut wrong = form.to_vec();
    wrong.push(("csrf", "0000"));
    let res = client.post(app.url("/persons/new")).form(&wrong).send().await.unwrap();
    assert_eq!(res.status(), 403, "a wrong CSRF token");
    let res = client
        .post(app.url("/persons/new"))
        .header("origin", "https://evil.example")
        .form(&[form.as_slice(), &[("csrf", csrf.as_str())]].concat())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "another site's origin");
    app.error("/api/v1/persons/hostile-one", 404, "not_found", None).await;

    let res = app
        .submit(
            &client,
            "/persons/new",
            &[form.as_slice(), &[("csrf", csrf.as_str())]].concat(),
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/persons/hostile-one");
    for path in ["/persons/hostile-one", "/persons", "/records/hostile-one/history"] {
        let body = body(client.get(app.url(path))).await;
        assert!(!body.contains("<script>alert"), "{path}");
        assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{path}");
    }
}

#[tokio::test]
async fn form_errors_appear_next_to_their_fields_and_nothing_is_written() {
    let app = TestApp::demo().await;
    let (client, csrf) = app.signed_in("ana", AccountRole::Editor).await;
    let res = app
        .submit(
            &client,
            "/events/new",
            &[
                ("csrf", csrf.as_str()),
                ("type", "arrest"),
                ("date", "the other day"),
                ("title", "An arrest"),
                ("excerpts[0].source_id", "hrw-2019-kazakhstan-upr"),
                ("excerpts[0].text", "words that are not in the article"),
            ],
        )
        .await;
    let page = common::text_of(res, 422).await;
    assert!(page.contains("Please correct the marked fields"));
    assert!(page.contains("not a date form Vigil understands"));
    assert!(page.contains("does not occur in the source"));
    assert!(
        page.contains("words that are not in the article"),
        "what was typed is kept"
    );
}

/// A documentalist's event form: people named by name in any spelling, a
/// reason asked for, a missing country said (and proposed) before saving,
/// and an id made from the title.
#[tokio::test]
async fn forms_name_records_by_name_ask_for_a_reason_and_a_country_and_make_readable_ids() {
    let app = TestApp::demo().await;
    let (client, csrf) = app.signed_in("ana", AccountRole::Editor).await;
    let passage = "Instead, on 16 October he was given a new prison sentence of five months and eight days for failing to pay the fine.";
    let event = |who: &'static str, extra: Vec<(&'static str, &'static str)>| {
        let mut form = vec![
            ("csrf", csrf.clone()),
            ("type", "sentence".to_owned()),
            ("date", "2019-10-16".to_owned()),
            ("title", "Baltabay sentenced again".to_owned()),
            ("participants[0].record_id", who.to_owned()),
            ("participants[0].role", "victim".to_owned()),
            ("excerpts[0].source_id", "hrw-2019-kazakhstan-upr".to_owned()),
            ("excerpts[0].text", passage.to_owned()),
        ];
        form.extend(extra.into_iter().map(|(k, v)| (k, v.to_owned())));
        let sent = client.post(app.url("/events/new")).form(&form).send();
        async { sent.await.expect("POST /events/new") }
    };
    let page = body(client.get(app.url("/events/new"))).await;
    assert!(
        page.contains("name=\"participants[0].record_id\" value=\"\" list=\"name-suggestions\""),
        "a name field with suggestions, not a list of every record: {page}"
    );
    let events = || async {
        app.store
            .counts(vigil_store::Visibility::Confidential)
            .await
            .unwrap()
            .events
    };
    let before = events().await;

    // No reason, no country: nothing saved; both said; the person's
    // country proposed; the name in another spelling resolved to its record.
    let res = event("Erlan Baltabaev", vec![]).await;
    let page = common::text_of(res, 422).await;
    assert!(page.contains("say why you make this change"), "{page}");
    let res = event("Erlan Baltabaev", vec![("reason", "from the HRW report")]).await;
    let page = common::text_of(res, 422).await;
    assert!(page.contains("no country is given"), "{page}");
    // The country by its name, not its code.
    assert!(page.contains("the people involved are in Kazakhstan"), "{page}");
    assert!(
        page.contains("value=\"KZ\" selected>Kazakhstan</option>"),
        "the country filled in, by name"
    );
    assert!(page.contains("value=\"erlan-baltabay\""), "the name resolved");
    assert!(page.contains("name=\"no_country\""), "a way to save without one");
    assert_eq!(events().await, before, "nothing saved");

    // Names that name nothing, or several records, are sent back in words.
    let res = event("Nobody Atall", vec![("reason", "r"), ("country", "KZ")]).await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("nothing in the case file is called “<span class=\"own\">Nobody Atall</span>”"));
    let res = event("Kazakhstan", vec![("reason", "r"), ("country", "KZ")]).await;
    let page = common::text_of(res, 422).await;
    assert!(page.contains("could be several records"), "{page}");
    // The candidates by name and what tells them apart; their ids only in
    // the values of the choice and in links.
    assert!(
        page.contains("name=\"participants[0].record_id.choice\" value=\"kazakhstan-police\""),
        "the candidates are offered: {page}"
    );
    assert!(page.contains("href=\"/organisations/kazakhstan-police\""), "{page}");
    let shown_text: String = page
        .split('<')
        .filter_map(|tag| tag.split_once('>').map(|(_, text)| text))
        .collect();
    assert!(!shown_text.contains("kazakhstan-police"), "no id as text: {shown_text}");
    assert!(
        shown_text.contains("Police of Kazakhstan (State body, Kazakhstan)"),
        "what tells them apart: {shown_text}"
    );
    assert_eq!(events().await, before, "nothing saved");
    // The one chosen is taken (nothing saved yet: no reason given).
    let res = event(
        "Kazakhstan",
        vec![
            ("country", "KZ"),
            ("participants[0].record_id.choice", "kazakhstan-police"),
        ],
    )
    .await;
    let page = res.text().await.unwrap();
    assert!(
        page.contains("name=\"participants[0].record_id\" value=\"kazakhstan-police\""),
        "the choice is taken: {page}"
    );
    assert!(!page.contains("could be several records"), "{page}");
    assert_eq!(events().await, before, "nothing saved");

    // With a country and a reason it is saved, under an id from its title.
    let res = event("Балтабай", vec![("reason", "from the HRW report"), ("country", "KZ")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/events/baltabay-sentenced-again");
    let saved = saved_event(&app, "baltabay-sentenced-again").await;
    assert_eq!(saved.participants[0].record_id.as_str(), "erlan-baltabay");
    // The same title again takes the next readable id; "no country" saves
    // without one, on purpose.
    let res = event(
        "erlan-baltabay",
        vec![("reason", "a second report"), ("no_country", "on")],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/events/baltabay-sentenced-again-2");
}

/// On the candidates of a name that names several records, a name typed
/// afresh after they were offered wins over a candidate left checked; the
/// name they were offered for, kept unchanged, takes the choice.
#[tokio::test]
async fn a_name_typed_afresh_wins_over_a_candidate_left_checked() {
    let app = TestApp::demo().await;
    let (client, csrf) = app.signed_in("ana", AccountRole::Editor).await;
    let passage = "Instead, on 16 October he was given a new prison sentence of five months and eight days for failing to pay the fine.";
    let event = |extra: Vec<(&'static str, &'static str)>| {
        let mut form = vec![
            ("csrf", csrf.clone()),
            ("type", "sentence".to_owned()),
            ("date", "2019-10-16".to_owned()),
            ("title", "Baltabay sentenced once more".to_owned()),
            ("participants[0].role", "victim".to_owned()),
            ("excerpts[0].source_id", "hrw-2019-kazakhstan-upr".to_owned()),
            ("excerpts[0].text", passage.to_owned()),
            ("country", "KZ".to_owned()),
        ];
        form.extend(extra.into_iter().map(|(k, v)| (k, v.to_owned())));
        let sent = client.post(app.url("/events/new")).form(&form).send();
        async { sent.await.expect("POST /events/new") }
    };
    let field = "participants[0].record_id";
    // The candidates are offered with the name they were offered for.
    let res = event(vec![(field, "Kazakhstan"), ("reason", "r")]).await;
    let page = common::text_of(res, 422).await;
    assert!(
        page.contains("name=\"participants[0].record_id.offered_for\" value=\"Kazakhstan\""),
        "the name the candidates are for: {page}"
    );
    assert!(page.contains("value=\"kazakhstan-police\""), "{page}");

    // Another name typed, a candidate still checked: the new name is read.
    let res = event(vec![
        (field, "Erlan Baltabaev"),
        ("participants[0].record_id.offered_for", "Kazakhstan"),
        ("participants[0].record_id.choice", "kazakhstan-police"),
    ])
    .await;
    assert_eq!(res.status(), 422, "no reason yet: nothing saved");
    let page = res.text().await.unwrap();
    assert!(
        page.contains("name=\"participants[0].record_id\" value=\"erlan-baltabay\""),
        "the name typed afresh wins: {page}"
    );
    assert!(!page.contains("value=\"kazakhstan-police\""), "{page}");

    // The same name kept (in another case and spacing): the choice holds.
    let res = event(vec![
        (field, " kazakhstan "),
        ("participants[0].record_id.offered_for", "Kazakhstan"),
        ("participants[0].record_id.choice", "kazakhstan-police"),
    ])
    .await;
    let page = res.text().await.unwrap();
    assert!(
        page.contains("name=\"participants[0].record_id\" value=\"kazakhstan-police\""),
        "the choice is taken: {page}"
    );

    // Saved with the name typed afresh, not the candidate left checked.
    let res = event(vec![
        (field, "Erlan Baltabaev"),
        ("participants[0].record_id.offered_for", "Kazakhstan"),
        ("participants[0].record_id.choice", "kazakhstan-police"),
        ("reason", "from the HRW report"),
    ])
    .await;
    assert_eq!(res.status(), 303);
    let saved = saved_event(&app, "baltabay-sentenced-once-more").await;
    assert_eq!(saved.participants[0].record_id.as_str(), "erlan-baltabay");
}

/// The buttons of a record form that change it without saving: a row
/// added, the nearest passage taken, sentences ticked as the passage; and
/// the editors' list of events without a country.
#[tokio::test]
async fn form_buttons_add_rows_take_the_nearest_passage_and_ticked_sentences_and_incomplete_events_are_listed() {
    let app = TestApp::demo().await;
    let (client, csrf) = app.signed_in("ana", AccountRole::Editor).await;
    let source = "hrw-2019-kazakhstan-upr";
    let exact = "Instead, on 16 October he was given a new prison sentence of five months and eight days for failing to pay the fine.";
    let misspelt = "instead on 16 october he was given a new prison sentance of five months and eight days";
    let send = |extra: Vec<(&'static str, String)>| {
        let mut form = vec![
            ("csrf", csrf.clone()),
            ("type", "detention".to_owned()),
            ("date", "2019-11-22".to_owned()),
            ("title", "Baltabay held without a country".to_owned()),
            ("participants[0].record_id", "Erlan Baltabay".to_owned()),
            ("participants[0].role", "victim".to_owned()),
            ("excerpts[0].source_id", source.to_owned()),
            ("reason", "form buttons".to_owned()),
        ];
        form.extend(extra);
        let sent = client.post(app.url("/events/new")).form(&form).send();
        async { sent.await.expect("POST /events/new") }
    };
    let events = || async {
        app.store
            .counts(vigil_store::Visibility::Confidential)
            .await
            .unwrap()
            .events
    };
    let before = events().await;
    let source_text = match app
        .store
        .record(
            &vigil_core::RecordId::parse(source).unwrap(),
            vigil_store::Visibility::Confidential,
        )
        .await
        .unwrap()
    {
        vigil_core::Record::Source(s) => s.text,
        other => panic!("a source: {other:?}"),
    };

    // The form shows the filled row and a blank one; the button adds one
    // row, one only, and saves nothing; the name is resolved meanwhile.
    let res = send(vec![
        ("rows.participants", "2".into()),
        ("step", "add:participants".into()),
    ])
    .await;
    let page = common::text_of(res, 200).await;
    assert!(page.contains("name=\"participants[2].record_id\""), "{page}");
    assert!(!page.contains("name=\"participants[3].record_id\""), "one row, not two");
    assert!(page.contains("name=\"rows.participants\" value=\"3\""), "{page}");
    assert!(page.contains("value=\"erlan-baltabay\""), "the name resolved");
    // A button the form does not have changes nothing.
    let res = send(vec![("rows.participants", "2".into()), ("step", "add:nonsense".into())]).await;
    let page = common::text_of(res, 200).await;
    assert!(page.contains("name=\"participants[1].record_id\""), "{page}");
    assert!(!page.contains("name=\"participants[2].record_id\""), "{page}");
    assert_eq!(events().await, before, "no button saves");

    // A misspelt passage: refused, the nearest proposed; its button takes
    // the source's own text.
    let res = send(vec![("excerpts[0].text", misspelt.into()), ("country", "KZ".into())]).await;
    let page = common::text_of(res, 422).await;
    assert!(page.contains("not in the source word for word"), "{page}");
    assert!(page.contains("Did you mean"), "{page}");
    assert!(page.contains("value=\"nearest:0\""), "{page}");
    let res = send(vec![
        ("excerpts[0].text", misspelt.into()),
        ("step", "nearest:0".into()),
    ])
    .await;
    let page = common::text_of(res, 200).await;
    let taken = exact.replace("sentence of five", "sentence of\u{a0}five").replace(
        "months and eight days for failing to pay the fine.",
        "months and eight days",
    );
    assert!(
        page.contains(&taken),
        "the source's words, up to where the quote ends: {page}"
    );

    // A sentence ticked is the passage; a tick outside the text is ignored.
    let sentences = vigil_core::quote::sentences(&source_text);
    let third = sentences[2].clone();
    let tick = format!("{}-{}", third.start, third.end);
    let res = send(vec![("excerpts[0].pick", tick.clone()), ("step", "pick:0".into())]).await;
    let page = common::text_of(res, 200).await;
    let expected = maud::html! { (&source_text[third.clone()]) }.into_string();
    assert!(
        page.contains(&format!(">{expected}</textarea>")),
        "{expected} in {page}"
    );
    let far = format!("{}-{}", source_text.len() + 10, source_text.len() + 20);
    let res = send(vec![("excerpts[0].pick", far), ("step", "pick:0".into())]).await;
    assert_eq!(res.status(), 200);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("name=\"excerpts[0].text\" rows=\"2\" placeholder=\"\"></textarea>"));
    // Ticked and saved at once, with no country on purpose.
    let res = send(vec![("excerpts[0].pick", tick), ("no_country", "on".into())]).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap_or_default());
    assert_eq!(events().await, before + 1);

    // The editors' list of what lacks a country shows it; a reader may not
    // see the list.
    let page = body(client.get(app.url("/proposals/incomplete"))).await;
    assert!(page.contains("Baltabay held without a country"), "{page}");
    assert!(page.contains("/events/baltabay-held-without-a-country/edit"), "{page}");
    assert!(
        !page.contains("Baltabay sentenced"),
        "events with a country are not listed"
    );
    app.account("rita", AccountRole::Reader).await;
    let reader = common::browser_from([127, 0, 0, 1]);
    assert_eq!(app.login_status(&reader, "rita", common::PASSWORD, None).await, 303);
    let res = reader.get(app.url("/proposals/incomplete")).send().await.unwrap();
    assert_eq!(res.status(), 403);
    assert!(res.text().await.unwrap().contains("Not allowed"));
}

#[tokio::test]
async fn logins_are_throttled_and_sessions_end_at_logout() {
    let app = TestApp::demo().await;
    app.account("ana", AccountRole::Editor).await;
    // Two browsers on two addresses: a guesser's and Ana's own.
    let client = common::browser_from([127, 0, 0, 1]);
    let own = common::browser_from([127, 0, 0, 2]);
    // Without the cookie's twin, a login post is refused.
    let res = app
        .submit(
            &client,
            "/login",
            &[("name", "ana"), ("password", "x"), ("login_token", "x")],
        )
        .await;
    assert_eq!(res.status(), 403);
    for _ in 0..3 {
        assert_eq!(app.login_status(&client, "ana", "wrong", None).await, 401);
    }
    assert_eq!(
        app.login_status(&client, "ana", common::PASSWORD, None).await,
        429,
        "the guesser's address waits, even with the right password"
    );
    assert_eq!(
        app.login_status(&own, "ana", common::PASSWORD, None).await,
        303,
        "Ana, from her own address, signs in meanwhile"
    );

    let app = TestApp::demo().await;
    let (client, csrf) = app.signed_in("bob", AccountRole::Editor).await;
    let home = body(client.get(app.url("/"))).await;
    assert!(home.contains("Signed in as"));
    let res = app.submit(&client, "/logout", &[("csrf", csrf.as_str())]).await;
    assert_eq!(res.status(), 303);
    let res = client.get(app.url("/persons/new")).send().await.unwrap();
    assert_eq!(res.status(), 303, "signed out: forms send to the login page");
}

#[tokio::test]
async fn only_admins_manage_accounts() {
    let app = TestApp::demo().await;
    let (editor, _) = app.signed_in("ed", AccountRole::Editor).await;
    assert_eq!(
        editor.get(app.url("/admin/accounts")).send().await.unwrap().status(),
        403
    );
    let (admin, csrf) = app.signed_in("root", AccountRole::Admin).await;
    let page = body(admin.get(app.url("/admin/accounts"))).await;
    assert!(page.contains("ed") && page.contains("Editor"));
    let res = app
        .submit(
            &admin,
            "/admin/accounts",
            &[
                ("csrf", csrf.as_str()),
                ("name", "newbie"),
                ("role", "reader"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = app
        .submit(
            &admin,
            "/admin/accounts",
            &[
                ("csrf", csrf.as_str()),
                ("name", "newbie"),
                ("role", "reader"),
                ("password", common::PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = app
        .submit(&admin, "/admin/accounts/ed/disable", &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        editor.get(app.url("/persons/new")).send().await.unwrap().status(),
        303,
        "the disabled editor is signed out"
    );
    let res = app
        .submit(&admin, "/admin/accounts/root/disable", &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(res.status(), 409, "not oneself");
}

#[tokio::test]
async fn a_reader_on_an_admin_page_is_told_what_they_may_not_do_and_who_can_grant_it() {
    let app = TestApp::demo().await;
    app.account("rita", AccountRole::Reader).await;
    let reader = common::browser_from([127, 0, 0, 1]);
    assert_eq!(app.login_status(&reader, "rita", common::PASSWORD, None).await, 303);
    let res = reader.get(app.url("/admin/accounts")).send().await.unwrap();
    let page = common::text_of(res, 403).await;
    assert!(page.contains("Not allowed"), "{page}");
    assert!(page.contains("only administrators manage accounts"), "{page}");
    assert!(page.contains("An administrator of this Vigil"), "{page}");
    assert!(page.contains("vigil user role rita editor"), "how to grant it: {page}");
    assert!(page.contains("<strong>rita</strong>"), "under their own header: {page}");
    assert!(!page.contains("Something went wrong"), "{page}");
    // In their language; and a page for writers says what a reader may do.
    let res = reader.get(app.url("/admin/accounts?lang=ru")).send().await.unwrap();
    let page = common::text_of(res, 403).await;
    assert!(page.contains("Нет доступа"), "{page}");
    assert!(page.contains("управляют только администраторы"), "{page}");
    let res = reader.get(app.url("/events/new?lang=en")).send().await.unwrap();
    let page = common::text_of(res, 403).await;
    assert!(
        page.contains("may read the case file, but not add, change or review records"),
        "{page}"
    );
    // An editor is refused the administrators' pages the same way; the
    // anonymous are sent to sign in; the API still answers JSON.
    let (editor, _) = app.signed_in("ed", AccountRole::Editor).await;
    let res = editor.get(app.url("/admin/accounts")).send().await.unwrap();
    assert_eq!(res.status(), 403);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("only administrators manage accounts"));
    let anonymous = common::browser_from([127, 0, 0, 3]);
    let res = anonymous.get(app.url("/admin/accounts")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert!(res.headers()["location"].to_str().unwrap().starts_with("/login?next="));
}

/// The admin pages do what `vigil user …` and `vigil token …` do, through
/// the same rules, and every change shows in the audit log.
#[tokio::test]
async fn admins_change_roles_passwords_and_tokens_on_their_pages() {
    let app = TestApp::demo().await;
    let (admin, csrf) = app.signed_in("root", AccountRole::Admin).await;
    let (editor, _) = app.signed_in("ed", AccountRole::Editor).await;
    let post = |path: &str, fields: Vec<(&str, &str)>| {
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend(fields);
        admin.post(app.url(path)).form(&form).send()
    };

    // A role: bad ones are refused on the page, a good one takes effect at
    // the account's next request.
    let res = post("/admin/accounts/ed/role", vec![("role", "king")]).await.unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("A role is one of"));
    let res = post("/admin/accounts/root/role", vec![("role", "reader")])
        .await
        .unwrap();
    assert_eq!(res.status(), 409, "an admin cannot demote themselves");
    let res = post("/admin/accounts/ed/role", vec![("role", "reader")]).await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(editor.get(app.url("/persons/new")).send().await.unwrap().status(), 403);
    let res = post("/admin/accounts/nobody/role", vec![("role", "reader")])
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    // A password: too short is refused; a new one signs the account out.
    let res = post("/admin/accounts/ed/password", vec![("password", "short")])
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("at least 12"));
    let res = post(
        "/admin/accounts/ed/password",
        vec![("password", "a brand new passphrase")],
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        editor.get(app.url("/persons")).send().await.unwrap().status(),
        200,
        "public pages still answer"
    );
    let page = editor.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("Signed in as"), "the session has ended");
    let (guess, fresh) = (
        common::browser_from([127, 0, 0, 1]),
        common::browser_from([127, 0, 0, 2]),
    );
    assert_eq!(
        app.login_status(&guess, "ed", common::PASSWORD, None).await,
        401,
        "the old password fails"
    );
    assert_eq!(
        app.login_status(&fresh, "ed", "a brand new passphrase", None).await,
        303
    );

    // A token, shown once on the page that issues it, works, and is revoked.
    let page = post("/admin/accounts/ed/tokens", vec![])
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = page
        .split("<code class=\"token\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the new token on the page")
        .to_owned();
    assert_eq!(token.len(), 64);
    assert_eq!(app.get_as("/api/v1/persons", &token).await.status(), 200);
    let account = admin
        .get(app.url("/admin/accounts/ed"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!account.contains(&token), "never shown again");
    let id = account
        .split("action=\"/admin/tokens/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("a revoke form")
        .to_owned();
    assert_eq!(id.len(), 12);
    let res = post(&format!("/admin/tokens/{id}/revoke"), vec![]).await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(app.get_as("/api/v1/persons", &token).await.status(), 401);
    assert_eq!(
        post(&format!("/admin/tokens/{id}/revoke"), vec![])
            .await
            .unwrap()
            .status(),
        404
    );

    // Each change is in the audit log, by root, with no secret.
    let log = admin
        .get(app.url("/admin/accounts"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let log = &log[log.find("Audit log").expect("the audit log")..];
    // Each action in words, not the log's own code for it.
    for action in ["role changed", "password changed", "token issued", "token revoked"] {
        assert!(
            log.contains(&format!("<td>root</td><td>{action}</td><td>ed</td>")),
            "{action}: {log}"
        );
    }
    assert!(!log.contains(&token));
}

#[tokio::test]
async fn writers_without_the_right_cannot_reveal_or_erase_what_they_do_not_see() {
    let app = TestApp::demo().await;
    let keeper = app.token("kate", AccountRole::ConfidentialReader).await;
    let editor = app.token("ed", AccountRole::Editor).await;
    // An address entered in the clear, then marked confidential.
    let res = app
        .post_json(
            "/api/v1/persons",
            &keeper,
            &json!({"id": "later", "name": "Later", "occupation": "miner"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let res = app
        .put_json(
            "/api/v1/persons/later",
            &keeper,
            &json!({"name": "Later", "address": "MARKER 9 Road"}),
        )
        .await;
    assert_eq!(res.status(), 200, "an address is made confidential by itself");
    let history = app.json("/api/v1/revisions?record=later", 200).await;
    assert!(
        !history.to_string().contains("MARKER"),
        "no revision shows it to the public"
    );
    let page = app.page("/records/later/history", 200).await;
    assert!(!page.contains("MARKER"));
    // Restoring the first state by an editor without the right is refused.
    let first = history["items"][0]["seq"].as_i64().unwrap();
    let res = app
        .post_json("/api/v1/records/later/restore", &editor, &json!({"seq": first}))
        .await;
    assert_eq!(res.status(), 403);
    // Nor can such an editor record an address at all.
    let res = app
        .post_json(
            "/api/v1/persons",
            &editor,
            &json!({"name": "Open", "address": "somewhere"}),
        )
        .await;
    assert_eq!(res.status(), 403);

    // Saving an event with a confidential participant keeps the participant.
    let witness = app
        .created_id(
            "/api/v1/persons",
            &keeper,
            &json!({"name": "Witness", "confidential": true}),
        )
        .await;
    let quote = "Several trade union activists have been imprisoned and upon release, banned from union activities.";
    let excerpt = app.excerpt("hrw-2019-kazakhstan-upr", quote).await;
    let event = json!({
        "id": "with-witness", "type": "interrogation", "date": "2019", "title": "Questioned",
        "participants": [{"record_id": witness, "role": "target"}, {"record_id": "erlan-baltabay", "role": "victim"}],
        "excerpts": [excerpt]
    });
    assert_eq!(app.post_json("/api/v1/events", &keeper, &event).await.status(), 201);
    let mut seen: Value = app.json_as("/api/v1/events/with-witness", &editor).await;
    assert_eq!(
        seen["participants"].as_array().unwrap().len(),
        1,
        "the editor does not see the witness"
    );
    seen["title"] = json!("Questioned (edited)");
    let res = app.put_json("/api/v1/events/with-witness", &editor, &seen).await;
    assert_eq!(res.status(), 200);
    let full: Value = app.json_as("/api/v1/events/with-witness", &keeper).await;
    assert_eq!(full["title"], "Questioned (edited)");
    assert_eq!(
        full["participants"].as_array().unwrap().len(),
        2,
        "the witness is still there"
    );
}

/// The event `id` as the public reads it from the store.
async fn saved_event(app: &TestApp, id: &str) -> vigil_core::Event {
    let saved = app
        .store
        .record(
            &vigil_core::RecordId::parse(id).unwrap(),
            vigil_store::Visibility::Public,
        )
        .await
        .unwrap();
    let vigil_core::Record::Event(saved) = saved else {
        panic!("an event")
    };
    saved
}

/// The record forms ask for a country and a source's language by name, in
/// the reader's language (the code only as the value sent), and keep a
/// record's country chosen when it is edited.
#[tokio::test]
async fn forms_choose_a_country_and_a_language_by_name() {
    let app = TestApp::demo().await;
    let (client, _) = app.signed_in("ana", AccountRole::Editor).await;
    for (lang, kazakhstan, english) in [("ru", "Казахстан", "английский"), ("kk", "Қазақстан", "ағылшын тілі")]
    {
        for path in ["/persons/new", "/organisations/new", "/events/new"] {
            let page = body(client.get(app.url(&format!("{path}?lang={lang}")))).await;
            assert!(page.contains("<select name=\"country\">"), "{lang} {path}: {page}");
            assert!(
                page.contains(&format!("value=\"KZ\">{kazakhstan}</option>")),
                "{lang} {path}"
            );
            assert!(!page.contains("ISO"), "{lang} {path}: no code asked for");
        }
        let page = body(client.get(app.url(&format!("/persons/erlan-baltabay/edit?lang={lang}")))).await;
        assert!(
            page.contains(&format!("value=\"KZ\" selected>{kazakhstan}</option>")),
            "{lang}: kept"
        );
        let page = body(client.get(app.url(&format!("/sources/new?lang={lang}")))).await;
        assert!(page.contains("<select name=\"language\">"), "{lang}: {page}");
        assert!(
            page.contains(&format!("value=\"en\">{english}</option>")),
            "{lang}: {page}"
        );
    }
}

/// Who did what and when, in the reader's words: the public history names
/// "an editor" in Russian, the accounts' log says the console and the
/// action in words, the campaign's log its actions, each moment in words
/// rather than as ISO.
#[tokio::test]
async fn logs_say_who_what_and_when_in_the_readers_words() {
    use vigil_store::Accounts as _;
    let app = TestApp::demo().await;
    let history = app.page("/records/erlan-baltabay/history?lang=ru", 200).await;
    assert!(
        history.contains("редактор") && !history.contains("an editor"),
        "{history}"
    );

    let ana = app.account("ana", AccountRole::Editor).await;
    let change = vigil_store::AccountChange::Password {
        name: ana,
        password_hash: "$argon2id$two".into(),
        digest: None,
    };
    app.store
        .change_account(&change, "cli:unknown")
        .await
        .expect("password");
    let (admin, _) = app.signed_in("root", AccountRole::Admin).await;
    let page = body(admin.get(app.url("/admin/accounts?lang=ru"))).await;
    assert!(!page.contains("cli:unknown"), "{page}");
    assert!(page.contains("<td>консоль</td>"), "{page}");
    let year = time::OffsetDateTime::now_utc().year();
    assert!(page.contains(&format!("{year} г., ")), "the moment in words: {page}");
    assert!(!page.contains(&format!(">{year}-")), "no ISO moment: {page}");

    let editor = app.token("organiser", AccountRole::Editor).await;
    let campaign = json!({"slug": "free-erlan", "state": "open", "persons": ["erlan-baltabay"],
        "targets": [{"name": "The Minister of Labour", "role": "Minister", "email": "minister@gov.example"}],
        "versions": [{"language": "ru", "title": "Свободу Ерлану", "text": "Текст.", "message": "Освободите."}]});
    assert_eq!(
        app.post_json("/api/v1/campaigns", &editor, &campaign).await.status(),
        201
    );
    let desk = body(admin.get(app.url("/campaigns/free-erlan/organise?lang=kk"))).await;
    assert!(desk.contains("<td>құрылды</td>"), "{desk}");
    assert!(!desk.contains(">create<"), "{desk}");
    assert!(!desk.contains(&format!(">{year}-")), "no ISO moment: {desk}");
}
