//! Findings of a probe for leaks, each a test: what a change's reason, a
//! Markdown briefing or an automatic reason may carry.

mod common;

use common::{answered, find_item, TestApp, HARASSES};
use serde_json::{json, Value};
use vigil_core::AccountRole;

/// A reason is one line of text in a history page: control characters
/// (NUL, CR, LF…) are refused, naming the field, and nothing is written.
#[tokio::test]
async fn a_reason_with_control_characters_is_refused_and_nothing_written() {
    let app = TestApp::demo().await;
    let editor = app.token("ed", AccountRole::Editor).await;
    for reason in ["line%0Abreak", "carriage%0Dreturn", "nul%00byte", "tab%09bed"] {
        let res = app
            .post_json(
                &format!("/api/v1/persons?reason={reason}"),
                &editor,
                &json!({"id": "aigul-example", "name": "Aigul Example"}),
            )
            .await;
        assert_eq!(res.status(), 400, "reason {reason}");
        let err: Value = res.json().await.unwrap();
        assert_eq!(err["error"]["field"], "reason", "{err}");
        app.error("/api/v1/persons/aigul-example", 404, "not_found", None).await;
    }
    app.created(
        "/api/v1/persons?reason=from%20the%20HRW%20report",
        &editor,
        &json!({"id": "aigul-example", "name": "Aigul Example"}),
    )
    .await;
}

/// The Markdown briefing is handed to tools that render HTML: a title
/// holding markup stays text.
#[tokio::test]
async fn the_markdown_briefing_escapes_html_from_the_case_file() {
    let app = TestApp::demo().await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let excerpt = app.excerpt("hrw-2019-kazakhstan-upr", HARASSES).await;
    let event = json!({
        "type": "detention",
        "date": "2019-10-20",
        "country": "KZ",
        "title": "Activist detained <script>alert(1)</script> & <b>held</b>",
        "excerpts": [excerpt]
    });
    let res = app.post_json("/api/v1/events?reason=test", &editor, &event).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let md = app
        .get("/countries/KZ/briefing?as_of=2019-11-07&format=md")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        md.contains("Activist detained &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;held&lt;/b&gt;"),
        "{md}"
    );
    assert!(!md.contains("<script>") && !md.contains("<b>"), "{md}");
}

/// An accepted proposal's automatic reason names its source, unless the
/// source is confidential: every signed-in account reads reasons.
#[tokio::test]
async fn an_automatic_reason_names_no_confidential_source() {
    let app = TestApp::empty().await;
    let keeper = app.token("kate", AccountRole::ConfidentialReader).await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let article = "Union leader arrested in Aktau\n\nAigul Utepova, leader of the Caspian Oil Workers Union, was arrested on 3 March 2021 in Aktau.\n";
    let path = "/api/v1/sources?title=Witness%20statement%20of%20Marat";
    let res = app
        .send_body(reqwest::Method::POST, path, Some(&keeper), "text/plain", article)
        .await;
    let out = answered(res, 201).await;
    let source_id = out["source_id"].as_str().unwrap().to_owned();
    // The source is made confidential: a witness's statement.
    let mut source = app
        .get_as(&format!("/api/v1/sources/{source_id}"), &keeper)
        .await
        .json::<Value>()
        .await
        .unwrap();
    source["confidential"] = json!(true);
    // A source reads back with its content hash, which a write does not take.
    source.as_object_mut().unwrap().remove("content_hash");
    let res = app
        .put_json(
            &format!("/api/v1/sources/{source_id}?reason=a%20witness"),
            &keeper,
            &source,
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

    let proposals: Value = app
        .json_as(&format!("/api/v1/proposals?source={source_id}"), &keeper)
        .await;
    let person = find_item(&proposals["items"], |p| p["kind"] == "person").clone();
    let res = app
        .post_as(
            &format!("/api/v1/proposals/{}/accept", person["id"].as_str().unwrap()),
            &keeper,
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let decided: Value = res.json().await.unwrap();
    let record = decided["record_id"].as_str().unwrap();

    // An editor without the right reads the person's history.
    let history = app.get_as(&format!("/api/v1/revisions?record={record}"), &editor).await;
    assert_eq!(history.status(), 200);
    let text = history.text().await.unwrap();
    assert!(!text.contains(&source_id), "the source's id leaks: {text}");
    assert!(!text.contains("witness-statement"), "the source's title leaks: {text}");
    assert!(text.contains("from a confidential source"), "{text}");
}

/// What a page or an answer holds depends on who asks: no cache may keep
/// it or hand it to someone else.
#[tokio::test]
async fn answers_that_depend_on_the_viewer_are_private_and_vary_by_credentials() {
    let app = TestApp::demo().await;
    for path in [
        "/",
        "/persons/erlan-baltabay",
        "/api/v1/persons/erlan-baltabay",
        "/api/v1/nothing-here",
        "/status",
    ] {
        let res = app.get(path).await;
        let headers = res.headers();
        assert_eq!(headers["cache-control"], "private, no-store", "{path}");
        let vary = headers["vary"].to_str().unwrap();
        assert!(
            vary.contains("Cookie") && vary.contains("Authorization"),
            "{path}: {vary}"
        );
    }
    let css = app.get("/assets/vigil.css").await;
    assert!(css.headers()["cache-control"].to_str().unwrap().starts_with("public"));
}

/// Behind a proxy that does not say the request came over TLS, the session
/// cookie is still `Secure` when the server's public address is https.
#[tokio::test]
async fn cookies_are_secure_when_the_public_address_is_https() {
    let app = TestApp::demo_with(|dir| vigil_app::campaigns::Config {
        public_url: Some("https://vigil.example.org".into()),
        ..common::test_campaigns(dir)
    })
    .await;
    let res = app.get("/login").await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains("; Secure"), "{cookie}");

    let plain = TestApp::demo().await;
    let res = plain.get("/login").await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(!cookie.contains("Secure"), "{cookie}");
}

/// A campaign may be about a person whose record is confidential (a
/// detained witness): the public sees the campaign, not the record's id.
#[tokio::test]
async fn a_campaign_names_no_confidential_record_to_the_public() {
    let app = TestApp::demo().await;
    let keeper = app.token("kate", AccountRole::ConfidentialReader).await;
    let editor = app.token("ed", AccountRole::Editor).await;
    app.created(
        "/api/v1/persons",
        &keeper,
        &json!({"id": "marker-hidden-witness", "name": "Hidden Witness", "confidential": true}),
    )
    .await;
    let campaign = json!({
        "slug": "free-them-all",
        "persons": ["erlan-baltabay", "marker-hidden-witness"],
        "versions": [{"language": "en", "title": "Free them all", "text": "Jailed for leading a union.", "message": "Release them."}],
        "targets": [{"name": "The Minister of Labour", "role": "Minister", "email": "minister@gov.example"}],
        "state": "open"
    });
    let res = app.post_json("/api/v1/campaigns", &keeper, &campaign).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    for path in [
        "/api/v1/campaigns/free-them-all",
        "/api/v1/campaigns",
        "/campaigns/free-them-all",
        "/campaigns",
    ] {
        let body = app.text(path).await;
        assert!(!body.contains("marker-hidden-witness"), "{path}: {body}");
        assert!(!body.contains("minister@gov.example"), "{path}: the target's address");
    }
    let shown = app.json("/api/v1/campaigns/free-them-all", 200).await;
    assert_eq!(shown["persons"], json!(["erlan-baltabay"]));
    // An editor without the right does not see it either; the keeper does.
    let seen: Value = app.json_as("/api/v1/campaigns/free-them-all", &editor).await;
    assert_eq!(seen["persons"], json!(["erlan-baltabay"]));
    let seen: Value = app.json_as("/api/v1/campaigns/free-them-all", &keeper).await;
    assert_eq!(seen["persons"], json!(["erlan-baltabay", "marker-hidden-witness"]));

    // The editor saves the campaign as they see it: what they could not
    // see stays.
    let mut edited: Value = app.json_as("/api/v1/campaigns/free-them-all", &editor).await;
    edited["goal"] = json!(500);
    let res = app.put_json("/api/v1/campaigns/free-them-all", &editor, &edited).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let seen: Value = app.json_as("/api/v1/campaigns/free-them-all", &keeper).await;
    assert_eq!(seen["persons"], json!(["erlan-baltabay", "marker-hidden-witness"]));
    assert_eq!(seen["goal"], 500);

    // Citing the hidden id answers as citing a missing one.
    let mut guess = campaign.clone();
    guess["slug"] = json!("guess");
    for id in ["marker-hidden-witness", "no-such-person"] {
        guess["persons"] = json!([id]);
        let res = app.post_json("/api/v1/campaigns", &editor, &guess).await;
        let err = answered(res, 400).await;
        assert_eq!(err["error"]["message"], format!("no person '{id}'"));
    }
}

/// An editor without the right cannot read a confidential source by
/// guessing quotes of it: citing it answers exactly as citing a source
/// that does not exist, whether the guess is right or wrong.
#[tokio::test]
async fn validation_errors_read_nothing_out_of_a_confidential_source() {
    let app = TestApp::demo().await;
    let keeper = app.token("kate", AccountRole::ConfidentialReader).await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let secret = "Marat saw the officer take the union's ledger at nine in the evening.";
    app.created(
        "/api/v1/sources",
        &keeper,
        &json!({"id": "witness-statement", "title": "Statement", "text": secret, "confidential": true}),
    )
    .await;
    let attempt = |source: &str, guess: &str| {
        json!({
            "id": "probe",
            "type": "search",
            "date": "2019-10-20",
            "country": "KZ",
            "title": "Probe",
            "participants": [{"record_id": "no-such-person", "role": "victim"}],
            "excerpts": [{"source_id": source, "start": 0, "end": guess.len(), "text": guess}]
        })
    };
    let answer = |res: reqwest::Response| async move {
        let status = res.status().as_u16();
        let body = res.text().await.unwrap();
        (
            status,
            body.replace("witness-statement", "ID").replace("no-such-source", "ID"),
        )
    };
    let right = answer(
        app.post_json("/api/v1/events", &editor, &attempt("witness-statement", "Marat"))
            .await,
    )
    .await;
    let wrong = answer(
        app.post_json("/api/v1/events", &editor, &attempt("witness-statement", "Nurlan"))
            .await,
    )
    .await;
    let missing = answer(
        app.post_json("/api/v1/events", &editor, &attempt("no-such-source", "Marat"))
            .await,
    )
    .await;
    assert_eq!(right.0, 422, "{}", right.1);
    assert_eq!(right, wrong);
    assert_eq!(right, missing);
    app.error("/api/v1/events/probe", 404, "not_found", None).await;
    // The keeper, who may read it, gets the real answer.
    let (status, body) = answer(
        app.post_json("/api/v1/events", &keeper, &attempt("witness-statement", "Nurlan"))
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("does not occur"), "{body}");
}

/// Behind a reverse proxy everyone arrives from one address: with the
/// proxy trusted, throttling counts each client's own address, so a
/// guesser cannot slow the owner down; a client that is not the proxy
/// cannot pretend to be someone else.
#[tokio::test]
async fn behind_a_trusted_proxy_each_client_is_counted_apart() {
    use common::{browser_from, PASSWORD, PROXY};
    let app = TestApp::demo().await;
    app.account("ana", AccountRole::Editor).await;
    let proxy = browser_from(PROXY);
    for _ in 0..3 {
        assert_eq!(app.login_status(&proxy, "ana", "wrong", Some("203.0.113.9")).await, 401);
    }
    assert_eq!(
        app.login_status(&proxy, "ana", PASSWORD, Some("203.0.113.9")).await,
        429,
        "the guesser waits"
    );
    // Ana comes through the same proxy, from her own address.
    let own = browser_from(PROXY);
    assert_eq!(app.login_status(&own, "ana", PASSWORD, Some("198.51.100.7")).await, 303);
    // A direct client's header is not believed: it is counted as itself.
    let direct = browser_from([127, 0, 0, 4]);
    for _ in 0..3 {
        assert_eq!(
            app.login_status(&direct, "ana", "wrong", Some("198.51.100.7")).await,
            401
        );
    }
    assert_eq!(
        app.login_status(&direct, "ana", "wrong", Some("198.51.100.7")).await,
        429
    );
    let own_again = browser_from(PROXY);
    assert_eq!(
        app.login_status(&own_again, "ana", PASSWORD, Some("198.51.100.7"))
            .await,
        303,
        "Ana is not slowed by the pretender"
    );
}

/// A public pledge may quote a confidential source (the keeper knows why);
/// the public sees the pledge, but the search index must not hand out the
/// quoted words, not even as a snippet — also when the source is made
/// confidential after the pledge quoted it.
#[tokio::test]
async fn search_shows_no_words_of_a_confidential_source() {
    let app = TestApp::demo().await;
    let keeper = app.token("kate", AccountRole::ConfidentialReader).await;
    let secret = "The zebrafinch ledger was taken from the union office by night.";
    app.created(
        "/api/v1/sources",
        &keeper,
        &json!({"id": "secret-statement", "title": "Statement", "text": secret, "confidential": true}),
    )
    .await;
    let open = "The quokka files were seized at the union office.";
    app.created(
        "/api/v1/sources",
        &keeper,
        &json!({"id": "open-report", "title": "Report", "text": open}),
    )
    .await;
    let pledge = json!({
        "id": "office-searched",
        "title": "A pledge to stop searching union offices",
        "country": "KZ",
        "by_id": "kassym-jomart-tokayev",
        "date": "2019-10",
        "excerpts": [
            {"source_id": "secret-statement", "start": 0, "end": secret.len(), "text": secret},
            {"source_id": "open-report", "start": 0, "end": open.len(), "text": open}
        ]
    });
    let res = app.post_json("/api/v1/pledges", &keeper, &pledge).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let found = app.text("/api/v1/search?q=zebrafinch").await;
    assert!(
        !found.contains("zebrafinch") && !found.contains("office-searched"),
        "{found}"
    );
    let found = app.text("/api/v1/search?q=quokka").await;
    assert!(found.contains("office-searched"), "the public quote is found: {found}");

    // The open report is made confidential: its words leave the index too.
    let mut source: Value = app.json_as("/api/v1/sources/open-report", &keeper).await;
    source["confidential"] = json!(true);
    source.as_object_mut().unwrap().remove("content_hash");
    let res = app.put_json("/api/v1/sources/open-report", &keeper, &source).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let found = app.text("/api/v1/search?q=quokka").await;
    assert!(
        !found.contains("quokka") && !found.contains("office-searched"),
        "{found}"
    );
    // The pledge itself stays public and findable by its own words.
    let found = app.text("/api/v1/search?q=pledge").await;
    assert!(found.contains("office-searched"), "{found}");
}
