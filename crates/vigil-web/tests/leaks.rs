//! Findings of a probe for leaks, each a test: what a change's reason, a
//! Markdown briefing or an automatic reason may carry.

mod common;

use common::{answered, find_item, TestApp};
use serde_json::{json, Value};
use vigil_core::AccountRole;
use vigil_store::Store as _;

/// A reason is one line of text in a history page: control characters
/// (NUL, CR, LF…, bidirectional overrides) are refused — in a name too — naming the field, and nothing is written.
#[tokio::test]
async fn a_reason_with_control_characters_is_refused_and_nothing_written() {
    let app = TestApp::demo().await;
    let editor = app.token("ed", AccountRole::Editor).await;
    // U+202E and U+2066 (bidirectional overrides) make text read as
    // something else where it is shown: refused as control characters.
    for reason in [
        "line%0Abreak",
        "carriage%0Dreturn",
        "nul%00byte",
        "tab%09bed",
        "rlo%E2%80%AEoverride",
        "lri%E2%81%A6isolate",
    ] {
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
    let res = app
        .post_json(
            "/api/v1/persons",
            &editor,
            &json!({"id": "aigul-example", "name": "Aigul \u{202E}elpmaxE"}),
        )
        .await;
    let err = answered(res, 422).await;
    assert_eq!(err["error"]["field"], "name", "{err}");
    app.error("/api/v1/persons/aigul-example", 404, "not_found", None).await;
    app.created(
        "/api/v1/persons?reason=from%20the%20HRW%20report",
        &editor,
        &json!({"id": "aigul-example", "name": "Aigul Example"}),
    )
    .await;
}

/// The Markdown briefing is handed to tools that render HTML: a title
/// holding markup, or Markdown's own link syntax, stays text.
#[tokio::test]
async fn the_markdown_briefing_escapes_html_from_the_case_file() {
    let app = TestApp::demo().await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let event = app
        .kz_detention("Activist detained <script>alert(1)</script> & <b>held</b>")
        .await;
    let res = app.post_json("/api/v1/events?reason=test", &editor, &event).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let md = app.page("/countries/KZ/briefing?as_of=2019-11-07&format=md", 200).await;
    assert!(
        md.contains("Activist detained &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;held&lt;/b&gt;"),
        "{md}"
    );
    assert!(!md.contains("<script>") && !md.contains("<b>"), "{md}");

    // Nor does a title make a link (or emphasis) of itself.
    let event = app.kz_detention("Held [click](javascript:alert(1)) *now*").await;
    let res = app.post_json("/api/v1/events?reason=test", &editor, &event).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let md = app.page("/countries/KZ/briefing?as_of=2019-11-07&format=md", 200).await;
    assert!(md.contains("Held \\[click\\](javascript:alert(1)) \\*now\\*"), "{md}");
    assert!(!md.contains("[click]("), "{md}");
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
    // Made confidential, it is given an opaque id: its title made the first.
    let source_id = answered(res, 200).await["id"].as_str().unwrap().to_owned();
    assert!(!source_id.contains("marat"), "{source_id}");

    let proposals: Value = app
        .json_as(&format!("/api/v1/proposals?source={source_id}"), &keeper)
        .await;
    let person = find_item(&proposals["items"], |p| p["kind"] == "person").clone();
    // Her union first: her affiliation waits for it.
    let union = find_item(&proposals["items"], |p| p["kind"] == "organisation").clone();
    let res = app
        .post_as(
            &format!("/api/v1/proposals/{}/accept", union["id"].as_str().unwrap()),
            &keeper,
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
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
    let hidden = app
        .created_id(
            "/api/v1/persons",
            &keeper,
            &json!({"name": "Hidden Witness", "confidential": true}),
        )
        .await;
    let campaign = json!({
        "slug": "free-them-all",
        "persons": ["erlan-baltabay", hidden],
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
        assert!(!body.contains(&hidden), "{path}: {body}");
        assert!(!body.contains("minister@gov.example"), "{path}: the target's address");
    }
    let shown = app.json("/api/v1/campaigns/free-them-all", 200).await;
    assert_eq!(shown["persons"], json!(["erlan-baltabay"]));
    // An editor without the right does not see it either; the keeper does.
    let seen: Value = app.json_as("/api/v1/campaigns/free-them-all", &editor).await;
    assert_eq!(seen["persons"], json!(["erlan-baltabay"]));
    let seen: Value = app.json_as("/api/v1/campaigns/free-them-all", &keeper).await;
    assert_eq!(seen["persons"], json!(["erlan-baltabay", hidden]));

    // The editor saves the campaign as they see it: what they could not
    // see stays.
    let mut edited: Value = app.json_as("/api/v1/campaigns/free-them-all", &editor).await;
    edited["goal"] = json!(500);
    let res = app.put_json("/api/v1/campaigns/free-them-all", &editor, &edited).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let seen: Value = app.json_as("/api/v1/campaigns/free-them-all", &keeper).await;
    assert_eq!(seen["persons"], json!(["erlan-baltabay", hidden]));
    assert_eq!(seen["goal"], 500);

    // Citing the hidden id answers as citing a missing one.
    let mut guess = campaign.clone();
    guess["slug"] = json!("guess");
    for id in [hidden.as_str(), "no-such-person"] {
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
    let statement = confidential_statement(&app, &keeper, secret).await;
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
    let answer = |res: reqwest::Response| {
        let statement = statement.clone();
        async move {
            let status = res.status().as_u16();
            let body = res.text().await.unwrap();
            (status, body.replace(&statement, "ID").replace("no-such-source", "ID"))
        }
    };
    let right = answer(
        app.post_json("/api/v1/events", &editor, &attempt(&statement, "Marat"))
            .await,
    )
    .await;
    let wrong = answer(
        app.post_json("/api/v1/events", &editor, &attempt(&statement, "Nurlan"))
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
        app.post_json("/api/v1/events", &keeper, &attempt(&statement, "Nurlan"))
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
    let statement = confidential_statement(&app, &keeper, secret).await;
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
            {"source_id": statement, "start": 0, "end": secret.len(), "text": secret},
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

/// A create that finds its id taken tells the writer a record holds it. A
/// confidential record's id is therefore never chosen by a person: one
/// named in the body is refused (and nothing written), whatever the
/// language; one left out is made, opaque. What an editor without the
/// right can then learn by creating records under guessed ids is nothing:
/// a guess of a readable id finds it free.
#[tokio::test]
async fn a_confidential_record_cannot_be_found_by_guessing_its_id() {
    let app = TestApp::demo().await;
    let keeper = app.token("kate", AccountRole::ConfidentialReader).await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let named = json!({"id": "witness-aigul", "name": "Aigul Witness", "confidential": true});
    let res = app.post_json("/api/v1/persons", &keeper, &named).await;
    let err = answered(res, 422).await;
    assert_eq!(err["error"]["field"], "id", "{err}");
    let res = app
        .client
        .post(app.url("/api/v1/persons"))
        .bearer_auth(&keeper)
        .header("accept-language", "ru")
        .json(&named)
        .send()
        .await
        .unwrap();
    let err = answered(res, 422).await;
    let message = err["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("идентификатор") && !message.contains("leave"), "{err}");
    app.error("/api/v1/persons/witness-aigul", 404, "not_found", None).await;

    let mut unnamed = named.clone();
    unnamed.as_object_mut().unwrap().remove("id");
    let hidden = app.created_id("/api/v1/persons", &keeper, &unnamed).await;
    assert!(!hidden.contains("aigul") && hidden.len() == 32, "{hidden}");
    // The editor's guesses of a readable id find it free: their record is
    // written under the guessed id, and the witness's stays hidden.
    app.created(
        "/api/v1/persons",
        &editor,
        &json!({"id": "witness-aigul", "name": "Aigul Witness"}),
    )
    .await;
    let theirs: Value = app.json_as("/api/v1/persons/witness-aigul", &editor).await;
    assert_ne!(theirs["confidential"], json!(true), "{theirs}");
    let res = app.get_for(&format!("/api/v1/persons/{hidden}"), Some(&editor)).await;
    assert_eq!(res.status(), 404);
    let kept: Value = app.json_as(&format!("/api/v1/persons/{hidden}"), &keeper).await;
    assert_eq!(kept["name"], "Aigul Witness");
}

/// A confidential source holding `text`, written by `token`; the id Vigil
/// made for it.
async fn confidential_statement(app: &TestApp, token: &str, text: &str) -> String {
    app.created_id(
        "/api/v1/sources",
        token,
        &json!({"title": "Statement", "text": text, "confidential": true}),
    )
    .await
}

/// The word every piece of confidential content in the probe carries.
const MARK: &str = "Zqxleak";

/// A demo record of the API collection `collection` made confidential and
/// named by the marker; its new id (minted by the server).
async fn create_marked(app: &TestApp, token: &str, collection: &str, mut body: Value) -> String {
    let map = body.as_object_mut().expect("a record is an object");
    map.remove("id");
    map.insert("confidential".into(), json!(true));
    for field in ["name", "title"] {
        if map.contains_key(field) {
            map.insert(field.into(), json!(format!("{MARK} {collection}")));
        }
    }
    let res = app.post_json(&format!("/api/v1/{collection}"), token, &body).await;
    let created = answered(res, 201).await;
    created["id"].as_str().expect("an id").to_owned()
}

/// The same-origin links of an HTML page.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&"))
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        .collect()
}

/// The leak probe. Confidential content of every kind is written, each
/// carrying a marker: whole records of every kind, a withheld field of a
/// public person, a public person's role in a confidential organisation, a
/// public event quoting a confidential source. Then every GET route of the
/// API (each id filled with every confidential record's, each slug with a
/// campaign's about a hidden person and case) and every page reachable
/// from the start page, and the campaign's desk and edit form, are read as the public, a reader and an
/// editor without the right: no answer holds a marker, and none names a
/// confidential record's id (beyond echoing the address asked). Last, no
/// file of the data folder (the database, its WAL, the search index) holds
/// a marker.
#[tokio::test]
async fn a_probe_of_every_route_as_every_role_finds_nothing_confidential() {
    let app = TestApp::demo().await;
    let keeper = app.token("kate", AccountRole::ConfidentialReader).await;
    let cf = vigil_demo::case_file().expect("demo");
    let to = |v: &dyn erased::AsJson| v.as_json();
    let mut hidden: Vec<(String, String)> = Vec::new(); // (collection, id)
    for (collection, body) in [
        ("persons", to(&cf.persons[0])),
        ("organisations", to(&cf.organisations[0])),
        ("sources", to(&cf.sources[0])),
        ("events", to(&cf.events[0])),
        ("cases", to(&cf.cases[0])),
        ("mechanisms", to(&cf.mechanisms[0])),
        ("reviews", to(&cf.reviews[0])),
        ("recommendations", to(&cf.recommendations[0])),
        ("pledges", to(&cf.pledges[0])),
        ("assessments", to(&cf.assessments[0])),
    ] {
        let id = create_marked(&app, &keeper, collection, body).await;
        hidden.push((collection.to_owned(), id));
    }
    let cell = hidden[1].1.clone();
    // A confidential statement, quoted by a public event.
    let statement = format!("The witness saw {MARK} Witnessova taken from the union office at night.");
    let res = app
        .post_json(
            "/api/v1/sources",
            &keeper,
            &json!({"title": "Statement", "text": statement, "confidential": true}),
        )
        .await;
    let statement_id = answered(res, 201).await["id"].as_str().expect("id").to_owned();
    hidden.push(("sources".into(), statement_id.clone()));
    let mut event = to(&cf.events[1]);
    event.as_object_mut().expect("object").remove("id");
    let quote = format!("{MARK} Witnessova");
    let start = statement.find(&quote).expect("quoted");
    event["excerpts"] = json!([{"source_id": statement_id, "start": start, "end": start + quote.len(), "text": quote}]);
    let res = app.post_json("/api/v1/events", &keeper, &event).await;
    let quoting = answered(res, 201).await["id"].as_str().expect("id").to_owned();
    // A public person: a withheld address, a role in the confidential cell.
    let mut open = to(&cf.persons[1]);
    let map = open.as_object_mut().expect("object");
    map.remove("id");
    map.insert("name".into(), json!("Open Activist"));
    map.insert("address".into(), json!(format!("{MARK} street 5")));
    map.insert("confidential_fields".into(), json!(["address"]));
    map.insert(
        "affiliations".into(),
        json!([{"organisation_id": cell, "role": format!("{MARK} courier")}]),
    );
    let res = app.post_json("/api/v1/persons", &keeper, &open).await;
    let activist = answered(res, 201).await["id"].as_str().expect("id").to_owned();

    // Positive control: those with the right read every marker.
    let person = app.json_as(&format!("/api/v1/persons/{}", hidden[0].1), &keeper).await;
    assert!(person.to_string().contains(MARK));
    let seen = app.json_as(&format!("/api/v1/persons/{activist}"), &keeper).await;
    assert!(seen.to_string().contains(&format!("{MARK} courier")));
    let seen = app.json_as(&format!("/api/v1/events/{quoting}"), &keeper).await;
    assert!(seen.to_string().contains(MARK));

    // A campaign about the hidden person and the public activist, with a
    // hidden case: its every route is probed with its slug.
    let slug = "free-them-zq";
    let campaign = json!({
        "slug": slug,
        "persons": [activist, hidden[0].1],
        "case": hidden[4].1,
        "versions": [{"language": "en", "title": "Free them", "text": "Jailed for leading a union.", "message": "Release them."}],
        "targets": [{"name": "The Minister of Labour", "role": "Minister", "email": "minister@gov.example"}],
        "state": "open"
    });
    let res = app.post_json("/api/v1/campaigns", &keeper, &campaign).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let mut edited = app.json_as(&format!("/api/v1/campaigns/{slug}"), &keeper).await;
    edited["goal"] = json!(500);
    let res = app
        .put_json(&format!("/api/v1/campaigns/{slug}"), &keeper, &edited)
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let audit = app.json_as(&format!("/api/v1/campaigns/{slug}/audit"), &keeper).await;
    assert!(
        audit.to_string().contains(&hidden[0].1),
        "the keeper reads the audit whole: {audit}"
    );

    // Every GET route of the API, each id filled in turn with every
    // confidential record's id and the public ones written above.
    let spec = app.json("/api/v1/openapi.json", 200).await;
    let mut ids: Vec<String> = hidden.iter().map(|(_, id)| id.clone()).collect();
    ids.extend([quoting.clone(), activist.clone()]);
    let mut api: Vec<String> = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        if item.get("get").is_none() {
            continue;
        }
        let path = &path.replace("{slug}", slug);
        if path.contains("{id}") {
            api.extend(ids.iter().map(|id| path.replace("{id}", id)));
        } else {
            api.push(path.replace("{iso2}", "KZ"));
        }
    }
    for id in &ids {
        api.push(format!("/api/v1/revisions?record={id}"));
        api.push(format!("/api/v1/events?person={id}&limit=500"));
    }
    api.extend(
        [
            "/api/v1/search?q=Zqxleak",
            "/api/v1/search?q=Witnessova",
            "/api/v1/search?q=courier",
            "/api/v1/search/suggest?q=Zqx",
            "/api/v1/persons?limit=500",
            "/api/v1/events?limit=500",
            "/api/v1/sources?limit=500",
            "/api/v1/organisations?limit=500",
            "/api/v1/revisions?limit=500",
            "/api/v1/status?as_of=2026-12-01&limit=500",
        ]
        .map(String::from),
    );

    let reader = app.token("rita", AccountRole::Reader).await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let lowered = MARK.to_lowercase();
    for who in [None, Some(reader.as_str()), Some(editor.as_str())] {
        let check = |path: &str, body: &str| {
            // A search page says what was asked: that echo is not a leak.
            let body = &body
                .replace(&format!("value=\"{MARK}\""), "")
                .replace(&format!("Search: {MARK}"), "");
            assert!(
                !body.to_lowercase().contains(&lowered),
                "{who:?} GET {path} shows a marker: {body}"
            );
            for id in &ids[..hidden.len()] {
                assert!(
                    path.contains(id.as_str()) || !body.contains(id.as_str()),
                    "{who:?} GET {path} names the confidential record {id}"
                );
            }
        };
        for path in &api {
            let body = app.get_for(path, who).await.text().await.expect("body");
            check(path, &body);
        }
        // Every page reachable from the start, and each record's pages.
        let mut queue: std::collections::VecDeque<String> = ["/".to_owned(), "/search?q=Zqxleak".into()].into();
        for (collection, id) in &hidden {
            queue.push_back(format!("/{collection}/{id}"));
            queue.push_back(format!("/records/{id}/history"));
        }
        for page in ["", "/organise", "/edit", "/audit"] {
            queue.push_back(format!("/campaigns/{slug}{page}"));
        }
        queue.push_back(format!("/events/{quoting}"));
        queue.push_back(format!("/persons/{activist}"));
        queue.push_back(format!("/records/{activist}/history"));
        let mut seen = std::collections::HashSet::new();
        while let Some(path) = queue.pop_front() {
            if seen.len() >= 250 || !seen.insert(path.clone()) {
                continue;
            }
            let res = app.get_for(&path, who).await;
            let html = res.text().await.expect("body");
            check(&path, &html);
            for link in links(&html) {
                let skip = link.contains("logout") || link.contains("lang=") || link.starts_with("/static");
                if !skip && !seen.contains(&link) {
                    queue.push_back(link);
                }
            }
        }
        assert!(seen.len() >= 100, "the crawl reached {} pages", seen.len());
    }

    // At rest: no file of the data folder holds a marker.
    app.search.catch_up(&app.store).await.expect("index caught up");
    let mut files = vec![app.dir.clone()];
    let mut read = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("read dir") {
                files.push(entry.expect("entry").path());
            }
            continue;
        }
        let bytes = std::fs::read(&path).expect("read file");
        read += 1;
        for needle in [MARK.as_bytes(), lowered.as_bytes()] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{} holds a marker",
                path.display()
            );
        }
    }
    assert!(read >= 3, "the data folder had {read} files");
}

/// Demo records as JSON bodies for the API.
mod erased {
    pub trait AsJson {
        fn as_json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> AsJson for T {
        fn as_json(&self) -> serde_json::Value {
            serde_json::to_value(self).expect("a record serialises")
        }
    }
}

/// A proposal matched a person who was public at ingest and has since been
/// made confidential: an editor without the right no longer sees the match
/// (its id) in the proposal, in the API or on the review page; those with
/// the right still do.
#[tokio::test]
async fn a_proposal_forgets_a_match_that_became_confidential() {
    let app = TestApp::demo().await;
    let keeper = app.token("kate", AccountRole::ConfidentialReader).await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let article = "Union leader detained again\n\nErlan Baltabay, leader of the fuel workers' union, \
                   was detained in Shymkent on 4 March 2021.\n";
    let res = app
        .send_body(
            reqwest::Method::POST,
            "/api/v1/sources?published=2021-03-05",
            Some(&editor),
            "text/plain; charset=utf-8",
            article,
        )
        .await;
    let source = answered(res, 201).await["source_id"]
        .as_str()
        .expect("source id")
        .to_owned();
    let listing = format!("/api/v1/proposals?source={source}");
    let before = app.json_as(&listing, &editor).await.to_string();
    assert!(before.contains("erlan-baltabay"), "the match is made: {before}");

    let mut person = app.json_as("/api/v1/persons/erlan-baltabay", &keeper).await;
    person["confidential"] = json!(true);
    let res = app.put_json("/api/v1/persons/erlan-baltabay", &keeper, &person).await;
    let hidden = answered(res, 200).await["id"].as_str().expect("id").to_owned();

    let after = app.json_as(&listing, &editor).await;
    assert!(!after.to_string().contains("erlan-baltabay"), "{after}");
    let ids: Vec<String> = after["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|p| p["id"].as_str().map(str::to_owned))
        .collect();
    for id in &ids {
        let one = app.json_as(&format!("/api/v1/proposals/{id}"), &editor).await;
        assert!(!one.to_string().contains("erlan-baltabay"), "{one}");
    }
    let page = app.get_as(&format!("/sources/{source}/proposals"), &editor).await;
    let page = page.text().await.expect("page");
    assert!(!page.contains("erlan-baltabay"), "{page}");
    let kept = app.json_as(&listing, &keeper).await.to_string();
    assert!(
        kept.contains(&hidden),
        "those with the right keep it, under its new id: {kept}"
    );
    assert!(!kept.contains("erlan-baltabay"), "{kept}");
    for id in &ids {
        let one = app.json_as(&format!("/api/v1/proposals/{id}"), &editor).await;
        assert!(!one.to_string().contains(&hidden), "{one}");
    }
}

/// A record an editor makes confidential is given an opaque id: its
/// readable one, made from a name, would go on saying whom it is about in
/// every address, and would answer a guess. The writer is sent to the new
/// address (the answer's id and `Location`); under the old id it is
/// answered, to everyone, as a record that never was; search forgets it;
/// what named it names the new id for those with the right; and the old
/// id is free for a new record.
#[tokio::test]
async fn a_record_made_confidential_is_given_an_opaque_id_and_its_readable_one_tells_nothing() {
    let app = TestApp::demo().await;
    let keeper = app.token("kate", AccountRole::ConfidentialReader).await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let before = app.text("/api/v1/search?q=Baltabay").await;
    assert!(before.contains("\"erlan-baltabay\""), "{before}");
    // Ingest has read the case file's names (and matches his).
    let first = "Union leader fined\n\nErlan Baltabay, leader of the fuel workers' union, \
                 was fined in Shymkent on 2 February 2021.\n";
    let proposed = proposals_of(&app, &editor, &keeper, first).await;
    assert!(proposed.contains("\"erlan-baltabay\""), "{proposed}");
    let events = app
        .json_as("/api/v1/persons/erlan-baltabay/events", &keeper)
        .await
        .to_string();

    let mut person = app.json_as("/api/v1/persons/erlan-baltabay", &keeper).await;
    person["confidential"] = json!(true);
    let res = app.put_json("/api/v1/persons/erlan-baltabay", &keeper, &person).await;
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let hidden = answered(res, 200).await["id"].as_str().expect("id").to_owned();
    assert!(
        hidden.len() == 32 && hidden.bytes().all(|b| b.is_ascii_hexdigit()),
        "{hidden}"
    );
    assert_eq!(location, format!("/api/v1/persons/{hidden}"));

    let kept = app.json_as(&format!("/api/v1/persons/{hidden}"), &keeper).await;
    assert_eq!(kept["name"], person["name"]);
    let history = app
        .json_as(&format!("/api/v1/revisions?record={hidden}"), &keeper)
        .await
        .to_string();
    assert!(!history.contains("erlan-baltabay"), "{history}");
    for who in [None, Some(editor.as_str()), Some(keeper.as_str())] {
        let res = app.get_for("/api/v1/persons/erlan-baltabay", who).await;
        assert_eq!(res.status(), 404, "as {who:?}");
    }
    let after = app.text("/api/v1/search?q=Baltabay").await;
    assert!(
        !after.contains("\"erlan-baltabay\"") && !after.contains(&hidden),
        "{after}"
    );
    // His events, as those with the right read them, name him by the new id.
    let now = app
        .json_as(&format!("/api/v1/persons/{hidden}/events"), &keeper)
        .await
        .to_string();
    assert!(!now.contains("\"erlan-baltabay\""), "{now}");
    assert_eq!(
        now.matches(hidden.as_str()).count(),
        events.matches("\"erlan-baltabay\"").count(),
        "{now}"
    );
    // Ingest no longer matches a name to the old id.
    let article = "Union leader detained again\n\nErlan Baltabay, leader of the fuel workers' union, \
                   was detained in Shymkent on 4 March 2021.\n";
    let proposed = proposals_of(&app, &editor, &keeper, article).await;
    assert!(proposed.contains("Erlan Baltabay"), "{proposed}");
    assert!(!proposed.contains("\"erlan-baltabay\""), "{proposed}");
    // A guess of the readable id finds it free.
    app.created(
        "/api/v1/persons",
        &editor,
        &json!({"id": "erlan-baltabay", "name": "Another Erlan"}),
    )
    .await;
}

/// A marker word made of letters only (names refuse digits): `Zqmark`
/// and `n` in base 26.
fn marker(mut n: usize) -> String {
    let mut word = String::from("Zqmark");
    loop {
        word.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            return word;
        }
    }
}

/// The demo case file with random confidential marks: each chosen record
/// wholly confidential with a marker in its name or title, each chosen
/// person's address and occupation, and each chosen event's place and
/// description, withheld and holding a marker. The markers nobody without
/// the right may see.
/// A random case file: the demo with `extra` persons added (each with an
/// event naming them: `(person wholly confidential, its event wholly
/// confidential)`), then random confidential marks (`whole`, `fields`).
/// Gives the case file, the markers (words only confidential content
/// holds: names, titles, fields, and a sentence of each confidential
/// source, also quoted by a public event) and the ids of the wholly
/// confidential records.
fn marked_case_file(
    whole: &[bool],
    fields: &[bool],
    extra: &[(bool, bool)],
) -> (vigil_core::CaseFile, Vec<String>, Vec<String>) {
    let mut cf = vigil_demo::case_file().expect("demo");
    let template = cf
        .events
        .iter()
        .find(|e| !e.excerpts.is_empty())
        .cloned()
        .expect("a demo event with a source");
    let named = cf.persons[0].clone();
    for (i, (person_hidden, event_hidden)) in extra.iter().enumerate() {
        let mut p = named.clone();
        p.id = vigil_core::RecordId::parse(&format!("extra-person-{i}")).expect("an id");
        p.name = format!("Extra Person {i}");
        p.aliases.clear();
        p.affiliations.clear();
        p.confidential = *person_hidden;
        let mut e = template.clone();
        e.id = vigil_core::RecordId::parse(&format!("extra-event-{i}")).expect("an id");
        e.title = format!("Extra event {i}");
        e.relates_to.clear();
        e.claims.clear();
        e.excerpts.iter_mut().for_each(|x| x.claim = None);
        e.participants.truncate(1);
        if let Some(first) = e.participants.first_mut() {
            first.record_id = p.id.clone();
        }
        e.confidential = *event_hidden;
        cf.persons.push(p);
        cf.events.push(e);
    }
    let mut markers = Vec::new();
    let mut n = 0;
    let mut next = |markers: &mut Vec<String>| {
        n += 1;
        let m = marker(n);
        markers.push(m.clone());
        m
    };
    let mut pick = {
        let mut i = 0;
        move |from: &[bool]| {
            i += 1;
            from[i % from.len()]
        }
    };
    for p in &mut cf.persons {
        if pick(whole) {
            mark_whole(&mut p.confidential, &mut p.name, next(&mut markers));
        } else if pick(fields) {
            p.address = Some(format!("{} street", next(&mut markers)));
            p.occupation = Some(format!("{} fitter", next(&mut markers)));
            p.confidential_fields = vec!["address".into(), "occupation".into()];
        }
    }
    for o in &mut cf.organisations {
        if pick(whole) {
            mark_whole(&mut o.confidential, &mut o.name, next(&mut markers));
        }
    }
    for e in &mut cf.events {
        if pick(whole) {
            mark_whole(&mut e.confidential, &mut e.title, next(&mut markers));
        } else if pick(fields) {
            e.place = Some(next(&mut markers));
            e.description = Some(format!("{} was there", next(&mut markers)));
            e.confidential_fields = vec!["place".into(), "description".into()];
        }
    }
    let mut quoted = Vec::new();
    for s in &mut cf.sources {
        if pick(whole) {
            mark_whole(&mut s.confidential, &mut s.title, next(&mut markers));
            // A sentence only the confidential text holds, quoted by a
            // public event below.
            let said = format!("{} said so.", next(&mut markers));
            s.text.push_str("\n\n");
            let start = s.text.len();
            s.text.push_str(&said);
            quoted.push(vigil_core::Excerpt {
                source_id: s.id.clone(),
                start,
                end: s.text.len(),
                text: said,
                claim: None,
            });
        }
    }
    if let Some(public) = cf
        .events
        .iter_mut()
        .find(|e| !e.confidential && e.confidential_fields.is_empty())
    {
        public.excerpts.extend(quoted);
    }
    for c in &mut cf.cases {
        if pick(whole) {
            mark_whole(&mut c.confidential, &mut c.title, next(&mut markers));
        }
    }
    // What cannot be shown without a hidden record is withheld with it,
    // as the store does when a record becomes confidential (a case file
    // imported otherwise is refused).
    let mut records = cf.records();
    loop {
        let hidden: std::collections::HashSet<vigil_core::RecordId> = records
            .iter()
            .filter(|r| r.is_confidential())
            .map(|r| r.id().clone())
            .collect();
        let before = hidden.len();
        records = records
            .into_iter()
            .map(|r| {
                let requires_hidden = r.references().iter().any(|x| x.is_required() && hidden.contains(x.id));
                if requires_hidden {
                    r.withheld()
                } else {
                    r
                }
            })
            .collect();
        if records.iter().filter(|r| r.is_confidential()).count() == before {
            break;
        }
    }
    let mut cf = vigil_core::CaseFile::default();
    for r in &records {
        cf.push(r.clone());
    }
    let hidden_ids = records
        .iter()
        .filter(|r| r.is_confidential())
        .map(|r| r.id().as_str().to_owned())
        .collect();
    (cf, markers, hidden_ids)
}

/// Whether `body` refers to the record `id`: as a JSON string or an
/// attribute's whole value (`"hrw"`), as a link's path segment
/// (`/organisations/hrw`, then `"`, `?`, `#`, `/` or `)`), or as a query's
/// value (`record=hrw`). Not as a word of text: a hidden organisation's id
/// may also be a word of public text or a web address (`www.hrw.org`).
fn names_id(body: &str, id: &str) -> bool {
    body.match_indices(id).any(|(at, _)| {
        let before = body[..at].chars().next_back();
        let after = body[at + id.len()..].chars().next();
        matches!(
            (before, after),
            (Some('"'), Some('"')) | (Some('/' | '='), Some('"' | '?' | '#' | '/' | ')' | '&' | '\''))
        )
    })
}

#[test]
fn a_reference_is_told_from_a_word() {
    assert!(names_id(r#"{"by_id":"hrw","x":1}"#, "hrw"));
    assert!(names_id(r#"<a href="/organisations/hrw">HRW</a>"#, "hrw"));
    assert!(names_id(r#"<a href="/api/v1/revisions?record=hrw&limit=5">"#, "hrw"));
    assert!(names_id("[HRW](/organisations/hrw)", "hrw"));
    assert!(!names_id(r#"{"url":"https://www.hrw.org/news"}"#, "hrw"));
    assert!(!names_id(r#"{"id":"hrw-2019-kazakhstan-upr"}"#, "hrw"));
    assert!(!names_id("according to hrw, the law", "hrw"));
}

/// Marks a record wholly confidential: `marker` goes before its `title`.
fn mark_whole(confidential: &mut bool, title: &mut String, marker: String) {
    *confidential = true;
    *title = format!("{marker} {title}");
}

/// The property behind the probe: for random confidential marks on the
/// demo case file, a random reader (the public, a reader, an editor
/// without the right) on random routes receives no marker. Routes are
/// drawn from the pages and API reads of every record, lists, status,
/// country views, histories and searches for the markers themselves.
#[test]
fn no_reader_receives_a_marker_they_may_not_see() {
    use proptest::prelude::*;
    let config = ProptestConfig {
        cases: 8,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let strategy = (
        proptest::collection::vec(proptest::bool::weighted(0.25), 1..12),
        proptest::collection::vec(proptest::bool::weighted(0.4), 1..12),
        0usize..3,
        proptest::collection::vec(any::<prop::sample::Index>(), 60),
        proptest::collection::vec((proptest::bool::weighted(0.5), proptest::bool::weighted(0.3)), 0..6),
    );
    proptest!(config, |((whole, fields, role, picks, extra) in strategy)| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async {
            let (cf, markers, hidden_ids) = marked_case_file(&whole, &fields, &extra);
            let app = TestApp::empty().await;
            app.store
                .import(&cf, &vigil_store::Change::new("demo", None))
                .await
                .expect("the marked case file loads");
            app.search.catch_up(&app.store).await.expect("index caught up");
            let who = match role {
                0 => None,
                1 => Some(app.token("rita", AccountRole::Reader).await),
                _ => Some(app.token("ed", AccountRole::Editor).await),
            };
            let mut routes: Vec<String> = [
                "/", "/persons", "/events", "/organisations", "/sources", "/cases", "/status",
                "/status?as_of=2019-09-01", "/countries", "/countries/KZ", "/countries/KZ/briefing",
                "/countries/KZ/briefing.md", "/api/v1/persons?limit=500", "/api/v1/events?limit=500",
                "/api/v1/sources?limit=500", "/api/v1/cases", "/api/v1/organisations?limit=500",
                "/api/v1/status?as_of=2019-09-01&limit=500", "/api/v1/countries/KZ",
                "/api/v1/countries/KZ/briefing", "/api/v1/countries/KZ/rating", "/api/v1/revisions?limit=500",
            ]
            .map(String::from)
            .to_vec();
            for m in &markers {
                routes.push(format!("/api/v1/search?q={m}"));
                routes.push(format!("/search?q={m}"));
                routes.push(format!("/api/v1/search/suggest?q={}", &m[..6]));
            }
            for r in cf.records() {
                let id = r.id();
                let kind = r.kind();
                let plural = vigil_app::links::section(kind);
                routes.push(format!("/{plural}/{id}"));
                routes.push(format!("/api/v1/{plural}/{id}"));
                routes.push(format!("/records/{id}/history"));
                routes.push(format!("/api/v1/revisions?record={id}"));
                if kind == vigil_core::RecordKind::Person {
                    routes.push(format!("/api/v1/persons/{id}/status"));
                    routes.push(format!("/api/v1/persons/{id}/events"));
                }
            }
            // Positive control: those with the right read every marker and
            // every hidden id.
            let keeper = app.token("kate", AccountRole::ConfidentialReader).await;
            let mut everything = String::new();
            for kind in vigil_core::RecordKind::ALL {
                let list = format!("/api/v1/{}?limit=500", vigil_app::links::section(*kind));
                everything.push_str(&app.json_as(&list, &keeper).await.to_string());
                routes.push(list);
            }
            for m in &markers {
                assert!(everything.contains(m.as_str()), "a confidential reader sees {m}");
            }
            for id in &hidden_ids {
                assert!(names_id(&everything, id), "a confidential reader sees {id}");
            }
            for pick in &picks {
                let path = pick.get(&routes);
                let body = app.get_for(path, who.as_deref()).await.text().await.expect("body");
                for id in hidden_ids.iter().filter(|id| !path.contains(id.as_str())) {
                    assert!(!names_id(&body, id), "{who:?} GET {path} refers to the hidden record {id}");
                }
                for m in &markers {
                    // A search page says what was asked.
                    let echoed = path.contains(m.as_str()) || path.ends_with(&m[..6]);
                    let body = if echoed { body.replace(m.as_str(), "") } else { body.clone() };
                    assert!(!body.contains(m.as_str()), "{who:?} GET {path} shows {m}");
                }
            }
        });
    });
}

/// Every write route answers an editor without the right about a record
/// they cannot read exactly as about a record that does not exist: same
/// status, same body (the id aside), whatever the route — update, delete,
/// restore (any revision), merge and unmerge (either side), a claim's
/// rejection. Hidden here: a person and an event created confidential,
/// and a public person made confidential later (its readable id known).
/// Nothing is written. Each write route of the API with a record's `{id}`
/// is probed: a new one fails this test until it is listed.
#[tokio::test]
async fn a_write_answers_about_a_hidden_record_as_about_a_missing_one() {
    let app = TestApp::demo().await;
    let keeper = app.token("kate", AccountRole::ConfidentialReader).await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let cf = vigil_demo::case_file().expect("demo");
    let to = |v: &dyn erased::AsJson| v.as_json();
    let person = create_marked(&app, &keeper, "persons", to(&cf.persons[0])).await;
    let mut again = app.json_as(&format!("/api/v1/persons/{person}"), &keeper).await;
    again["name"] = json!("Zqxleak Second");
    answered(
        app.put_json(&format!("/api/v1/persons/{person}"), &keeper, &again)
            .await,
        200,
    )
    .await;
    let event = create_marked(&app, &keeper, "events", to(&cf.events[0])).await;
    let mut later = app.json_as("/api/v1/persons/erlan-baltabay", &keeper).await;
    later["confidential"] = json!(true);
    answered(
        app.put_json("/api/v1/persons/erlan-baltabay", &keeper, &later).await,
        200,
    )
    .await;
    let history = |id: String| {
        let app = &app;
        let keeper = &keeper;
        async move { app.json_as(&format!("/api/v1/revisions?record={id}"), keeper).await }
    };
    let before = [history(person.clone()).await, history(event.clone()).await];

    // Each hidden id with a missing id of the same shape.
    let pairs = [
        (person.clone(), "0123456789abcdef0123456789abcdef".to_owned()),
        (event.clone(), "fedcba9876543210fedcba9876543210".to_owned()),
        ("erlan-baltabay".to_owned(), "erlan-baltabax".to_owned()),
    ];
    let bodies: std::collections::HashMap<&str, Value> = [
        ("persons", to(&cf.persons[1])),
        ("organisations", to(&cf.organisations[0])),
        ("sources", to(&cf.sources[0])),
        ("events", to(&cf.events[1])),
        ("cases", to(&cf.cases[0])),
        ("mechanisms", to(&cf.mechanisms[0])),
        ("reviews", to(&cf.reviews[0])),
        ("recommendations", to(&cf.recommendations[0])),
        ("pledges", to(&cf.pledges[0])),
        ("assessments", to(&cf.assessments[0])),
    ]
    .into_iter()
    .collect();
    let public = "max-bokaev";
    answered(app.get_as(&format!("/api/v1/persons/{public}"), &editor).await, 200).await;

    // (method, path with ID, body with ID)
    let mut probes: Vec<(reqwest::Method, String, Option<Value>)> = Vec::new();
    let spec = app.json("/api/v1/openapi.json", 200).await;
    for (path, item) in spec["paths"].as_object().expect("paths") {
        let Some(path) = path.strip_prefix("/api/v1") else {
            continue;
        };
        for method in ["post", "put", "delete", "patch"] {
            if item.get(method).is_none() || !path.contains("{id}") {
                continue;
            }
            let path = path.replace("{id}", "ID");
            let collection = path.trim_start_matches('/').split('/').next().unwrap_or_default();
            let with_id = |mut body: Value| {
                body["id"] = json!("ID");
                Some(body)
            };
            let cases: Vec<Option<Value>> = match (method, path.as_str()) {
                // A proposal's or a campaign's invalidation's id is not a record's.
                (_, p) if p.starts_with("/proposals/") || p.starts_with("/campaigns/") => continue,
                ("post", p) if p.ends_with("/restore") => (1..=3).map(|seq| Some(json!({"seq": seq}))).collect(),
                ("post", p) if p.ends_with("/merge") || p.ends_with("/unmerge") => {
                    vec![Some(json!({"into": public}))]
                }
                ("post", p) if p.ends_with("/claims/reject") => {
                    vec![Some(json!({"key": "k", "reason": "a guess"}))]
                }
                ("post", p) if p.ends_with("/claims/reinstate") => vec![Some(json!({"key": "k"}))],
                ("put", _) => vec![with_id(bodies.get(collection).cloned().unwrap_or_else(|| json!({})))],
                ("delete", _) => vec![None],
                _ => panic!("{method} {path}: a write route this test does not probe yet"),
            };
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
            probes.extend(cases.into_iter().map(|body| (method.clone(), path.clone(), body)));
        }
    }
    assert!(probes.len() >= 25, "{} write probes", probes.len());
    // The hidden record named in the body, of a route about a public one.
    for route in ["merge", "unmerge"] {
        probes.push((
            reqwest::Method::POST,
            format!("/records/{public}/{route}"),
            Some(json!({"into": "ID"})),
        ));
    }

    for (hidden, missing) in &pairs {
        for (method, path, body) in &probes {
            let mut answers = Vec::new();
            for id in [hidden, missing] {
                let path = format!("/api/v1{}", path.replace("ID", id));
                let body: Option<Value> = body.as_ref().map(|b| {
                    serde_json::from_str(&b.to_string().replace("\"ID\"", &format!("\"{id}\""))).expect("json")
                });
                let res = app.send_as(method.clone(), &path, &editor, body.as_ref()).await;
                let status = res.status().as_u16();
                let text = res.text().await.expect("body").replace(id.as_str(), "ID");
                answers.push((status, text));
            }
            assert_eq!(
                answers[0], answers[1],
                "{method} {path} {body:?}: a hidden record ({hidden}) is told apart from a missing one"
            );
            assert!(answers[0].0 >= 400, "{method} {path} {body:?} wrote: {:?}", answers[0]);
        }
    }
    let after = [history(person).await, history(event).await];
    assert_eq!(before, after, "nothing was written");

    // An unmerge of two visible records never merged writes nothing either.
    let other = "nurbek-kushakbaev";
    let kept = [history(public.into()).await, history(other.into()).await];
    let res = app
        .post_json(
            &format!("/api/v1/records/{public}/unmerge"),
            &editor,
            &json!({"into": other}),
        )
        .await;
    let err = answered(res, 409).await;
    assert_eq!(err["error"]["code"], "not_merged", "{err}");
    assert_eq!(kept, [history(public.into()).await, history(other.into()).await]);
}

/// An uploaded document's id is not derived from its text: someone holding
/// a document cannot test whether the case file has it. The same document
/// uploaded to two case files gets two ids; uploaded again once the first
/// copy was made confidential, it is answered as in a case file that never
/// had it (an id of the same form, the same status and proposals), and the
/// hidden copy's id is named nowhere in that answer.
#[tokio::test]
async fn a_re_upload_of_a_confidential_document_tells_nothing() {
    let memo = "Zqx memo\n\nErlan Baltabay, leader of the fuel workers' union, \
                was detained in Shymkent on 4 March 2021 by the police.\n";
    let app = TestApp::demo().await;
    let keeper = app.token("kate", AccountRole::ConfidentialReader).await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let first = upload(&app, &editor, memo).await;
    let hidden = first["source_id"].as_str().expect("source id").to_owned();
    let mut source = app.json_as(&format!("/api/v1/sources/{hidden}"), &keeper).await;
    source["confidential"] = json!(true);
    source.as_object_mut().expect("object").remove("content_hash");
    let res = app
        .put_json(&format!("/api/v1/sources/{hidden}"), &keeper, &source)
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());

    let again = upload(&app, &editor, memo).await;
    let other = TestApp::demo().await;
    let elsewhere_token = other.token("ed", AccountRole::Editor).await;
    let elsewhere = upload(&other, &elsewhere_token, memo).await;

    let form = |id: &str| {
        let (base, tail) = id.rsplit_once('-').expect("slug-suffix");
        (base.to_owned(), tail.len(), tail.chars().all(|c| c.is_ascii_hexdigit()))
    };
    let again_id = again["source_id"].as_str().expect("id");
    let elsewhere_id = elsewhere["source_id"].as_str().expect("id");
    assert_eq!(form(again_id), form(elsewhere_id), "{again} vs {elsewhere}");
    assert_eq!(form(&hidden), form(elsewhere_id));
    assert_ne!(hidden, elsewhere_id, "the same text gave the same id in two case files");
    assert!(!again.to_string().contains(&hidden), "{again}");
    let without_ids = |v: &Value, id: &str| v.to_string().replace(id, "ID");
    assert_eq!(without_ids(&again, again_id), without_ids(&elsewhere, elsewhere_id));
}

/// What ingest proposes from `text`, uploaded by `editor`, as `reader`
/// reads it (JSON text).
async fn proposals_of(app: &TestApp, editor: &str, reader: &str, text: &str) -> String {
    let source = upload(app, editor, text).await["source_id"]
        .as_str()
        .expect("source")
        .to_owned();
    app.json_as(&format!("/api/v1/proposals?source={source}"), reader)
        .await
        .to_string()
}

/// Uploads `text` as a plain-text document as `token`; the answer (201).
async fn upload(app: &TestApp, token: &str, text: &str) -> Value {
    let res = app
        .send_body(
            reqwest::Method::POST,
            "/api/v1/sources?published=2021-03-05",
            Some(token),
            "text/plain; charset=utf-8",
            text.to_owned(),
        )
        .await;
    answered(res, 201).await
}
