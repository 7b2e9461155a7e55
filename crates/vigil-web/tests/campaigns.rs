//! Campaigns over real HTTP, on a real store, with mail through a real
//! SMTP server on loopback: creating and editing (editors), signing
//! (public), confirmation links, counts, the gate, bad input, anti-abuse,
//! invalidation, export, digests to targets and anonymisation.

mod common;

use std::time::Duration;

use common::smtp::{decoded, SmtpSink};
use common::{answered, refused, test_campaigns, TestApp};
use serde_json::{json, Value};
use vigil_app::campaigns::{Config, Transport};
use vigil_core::AccountRole;
use vigil_store::campaigns::Campaigns as _;

fn campaign(slug: &str) -> Value {
    json!({
        "slug": slug,
        "case": "case-baltabay",
        "persons": ["erlan-baltabay"],
        "versions": [
            {"language": "en", "title": "Free Erlan Baltabay", "text": "He was jailed for leading a union.", "message": "Release him now."},
            {"language": "ru", "title": "Свободу Ерлану Балтабаю", "text": "Его посадили за профсоюз.", "message": "Освободите его."},
            {"language": "fr", "title": "Incomplete", "text": "", "message": ""}
        ],
        "targets": [{"name": "The Minister of Labour", "role": "Minister", "email": "minister@gov.example"}],
        "state": "open",
        "goal": 10000
    })
}

/// The confirmation path in a message.
fn link_in(message: &str) -> String {
    let body = decoded(message);
    let start = body.find("/campaigns/").expect("a link");
    let rest = &body[start..];
    rest.split_whitespace().next().unwrap().to_owned()
}

async fn with_smtp() -> (TestApp, SmtpSink) {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = TestApp::demo_with(move |dir| Config {
        transport: Transport::smtp(&url).expect("smtp url"),
        ..test_campaigns(dir)
    })
    .await;
    (app, sink)
}

async fn create(app: &TestApp, token: &str, body: &Value) -> reqwest::Response {
    app.post_json("/api/v1/campaigns", token, body).await
}

async fn sign(app: &TestApp, slug: &str, body: &Value) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/campaigns/{slug}/signatures")))
        .json(body)
        .send()
        .await
        .unwrap()
}

fn signer(email: &str) -> Value {
    json!({"name": "Aigerim", "email": email, "country": "KZ", "language": "ru"})
}

async fn export(app: &TestApp, token: &str, slug: &str) -> String {
    let res = app
        .get_as(&format!("/api/v1/campaigns/{slug}/signatures.csv"), token)
        .await;
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

async fn count(app: &TestApp, slug: &str) -> Value {
    app.json(&format!("/api/v1/campaigns/{slug}/count"), 200).await
}

#[tokio::test]
async fn sign_confirm_and_count_with_mail_through_smtp() {
    let (app, sink) = with_smtp().await;
    let editor = app.token("ed", AccountRole::Editor).await;
    assert_eq!(create(&app, &editor, &campaign("free-erlan")).await.status(), 201);

    // The public sees the campaign with its complete versions only.
    let c = app.json("/api/v1/campaigns/free-erlan", 200).await;
    assert_eq!(c["versions"].as_array().unwrap().len(), 2);
    assert_eq!(c["targets"][0]["email"], "");

    let res = sign(
        &app,
        "free-erlan",
        &json!({
            "name": "Aigerim", "email": "Aigerim.K+union@GMAIL.com", "country": "kz", "language": "ru",
            "organisation": "=cmd|' /C calc'!A0", "opt_in": true, "named": true
        }),
    )
    .await;
    let first = answered(res, 202).await;

    // The same person again (other case, other tag, dots): the same answer.
    let res = sign(&app, "free-erlan", &signer("aigerimk@googlemail.com")).await;
    assert_eq!(res.status(), 202);
    assert_eq!(res.json::<Value>().await.unwrap(), first);

    let mails = sink.wait_for(1).await;
    assert!(decoded(&mails[0]).contains("Свободу Ерлану Балтабаю") || mails[0].contains("Subject:"));
    let link = link_in(&mails[0]);
    assert!(link.starts_with("/campaigns/free-erlan/confirm/"), "{link}");

    // Not counted until confirmed.
    assert_eq!(count(&app, "free-erlan").await["confirmed"], 0);
    // The confirmation mail and its page are in the signer's language.
    assert!(
        decoded(&mails[0]).contains("Спасибо, что подписали «Свободу Ерлану Балтабаю»"),
        "{}",
        decoded(&mails[0])
    );
    assert!(link.ends_with("?lang=ru"), "{link}");
    let page = app.page(&link, 200).await;
    assert!(page.contains("ваша подпись засчитана"), "{page}");
    let res = app.get("/api/v1/campaigns/free-erlan/count").await;
    let cc = res.headers()["cache-control"].to_str().unwrap().to_owned();
    assert!(cc.contains("max-age") && cc.contains("stale-while-revalidate"), "{cc}");
    let n: Value = res.json().await.unwrap();
    assert_eq!(n["confirmed"], 1);
    assert_eq!(n["by_country"]["KZ"], 1);
    assert_eq!(n["by_language"]["ru"], 1);

    // A used link, a forged one, a malformed one.
    app.page(&link, 410).await;
    let secret = link.rsplit_once('.').unwrap().1;
    app.page(
        &format!("/campaigns/free-erlan/confirm/{}.{secret}", "0".repeat(32)),
        404,
    )
    .await;
    app.page("/campaigns/free-erlan/confirm/nonsense", 404).await;
    assert_eq!(count(&app, "free-erlan").await["confirmed"], 1);

    // One signature, sealed at rest, exported with inert cells and the consent.
    let csv = export(&app, &editor, "free-erlan").await;
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("\"'=cmd|' /C calc'!A0\""), "{csv}");
    // The consent as it was given: in the words the signer was shown.
    assert!(csv.contains(&vigil_app::campaigns::signing::opt_in_wording(
        vigil_app::i18n::Lang::Ru
    )));
    assert!(!csv.contains(vigil_core::campaign::OPT_IN_WORDING));
    assert!(csv.contains("Aigerim.K+union@gmail.com"));

    // The recount agrees with the counts in memory.
    let res = app.post_as("/api/v1/campaigns/free-erlan/recount", &editor).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["confirmed"], 1);

    // A digest to the target: the count, and the names of those who chose to be named.
    let res = app.post_as("/api/v1/campaigns/free-erlan/deliveries", &editor).await;
    assert_eq!(res.status(), 202);
    let mails = sink.wait_for(2).await;
    let digest = decoded(&mails[1]);
    assert!(digest.contains("1 person has signed"), "{digest}");
    assert!(digest.contains("Aigerim"), "{digest}");
    assert!(!digest.contains("gmail"), "no addresses in digests");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let res = app.get_as("/api/v1/campaigns/free-erlan/deliveries", &editor).await;
        let d: Value = res.json().await.unwrap();
        if d[0]["status"] == "sent" {
            assert_eq!(d[0]["signatures"], 1);
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "delivery marked sent: {d}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // The campaign's audit says who created it.
    let res = app.get_as("/api/v1/campaigns/free-erlan/audit", &editor).await;
    let audit: Value = res.json().await.unwrap();
    assert_eq!(audit[0]["author"], "ed");
    assert_eq!(audit[0]["action"], "create");
}

#[tokio::test]
async fn dates_are_iso_and_the_list_has_items_and_total() {
    let app = TestApp::demo().await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let mut body = campaign("dated");
    body["starts"] = json!("2026-01-15");
    body["ends"] = json!("2099-12-31");
    let made = answered(create(&app, &editor, &body).await, 201).await;
    assert_eq!(made["starts"], "2026-01-15");
    assert_eq!(made["ends"], "2099-12-31");
    let shown = app.json("/api/v1/campaigns/dated", 200).await;
    assert_eq!(shown["starts"], "2026-01-15");
    assert_eq!(shown["ends"], "2099-12-31");
    // A date that is not one is refused, naming the field.
    let mut bad = campaign("badly-dated");
    bad["ends"] = json!("31/12/2099");
    refused(create(&app, &editor, &bad).await, 400, "ends").await;
    // The list answers like every other list.
    assert_eq!(create(&app, &editor, &campaign("undated")).await.status(), 201);
    let list = app.json("/api/v1/campaigns", 200).await;
    assert_eq!(list["total"], 2, "{list}");
    let items = list["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    assert!(items
        .iter()
        .any(|c| c["slug"] == "dated" && c["starts"] == "2026-01-15"));
    // The document says what is accepted.
    let doc = app.json("/api/v1/openapi.json", 200).await;
    let schema = &doc["components"]["schemas"]["Campaign"]["properties"]["starts"];
    assert_eq!(schema["format"], "date", "{schema}");
    let list_schema =
        &doc["paths"]["/api/v1/campaigns"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert!(list_schema.to_string().contains("ListBody"), "{list_schema}");
}

#[tokio::test]
async fn the_gate_keeps_campaign_tools_to_editors_and_admins() {
    let app = TestApp::demo().await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let reader = app.token("re", AccountRole::Reader).await;
    let body = campaign("gate-test");
    let res = app
        .send_anonymous(reqwest::Method::POST, "/api/v1/campaigns", &body)
        .await;
    assert_eq!(res.status(), 401);
    assert_eq!(create(&app, &reader, &body).await.status(), 403);
    assert_eq!(create(&app, &editor, &body).await.status(), 201);
    let res = app
        .send_anonymous(reqwest::Method::PUT, "/api/v1/campaigns/gate-test", &body)
        .await;
    assert_eq!(res.status(), 401);
    for path in ["signatures.csv", "deliveries", "audit", "invalidations"] {
        let res = app.get(&format!("/api/v1/campaigns/gate-test/{path}")).await;
        assert_eq!(res.status(), 401, "{path}");
    }
    // Invalidation is for admins only.
    let res = app
        .post_json(
            "/api/v1/campaigns/gate-test/invalidations/preview",
            &editor,
            &json!({"domain": "example.org"}),
        )
        .await;
    assert_eq!(res.status(), 403);
    // Signing needs nothing, even with a session cookie and no CSRF token.
    let (client, _csrf) = app.signed_in("cookie", AccountRole::Editor).await;
    let res = client
        .post(app.url("/api/v1/campaigns/gate-test/signatures"))
        .json(&signer("someone@example.org"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    let res = app
        .post_json(
            "/api/v1/campaigns/gate-test/signatures",
            "not-a-token",
            &signer("other@example.org"),
        )
        .await;
    assert_eq!(res.status(), 202);
    // Drafts are hidden from the public.
    let mut draft = campaign("a-draft");
    draft["state"] = json!("draft");
    assert_eq!(create(&app, &editor, &draft).await.status(), 201);
    app.json("/api/v1/campaigns/a-draft", 404).await;
    assert_eq!(sign(&app, "a-draft", &signer("x@example.org")).await.status(), 404);
}

#[tokio::test]
async fn bad_input_is_refused_and_writes_nothing() {
    let app = TestApp::demo().await;
    let editor = app.token("ed", AccountRole::Editor).await;
    assert_eq!(create(&app, &editor, &campaign("bad-input")).await.status(), 201);

    // Each is refused with a 400 naming the field.
    let cases: Vec<(&str, Value)> = vec![
        ("name", json!({"email": "a@example.org", "country": "KZ"})),
        ("email", json!({"name": "A", "country": "KZ"})),
        ("country", json!({"name": "A", "email": "a@example.org"})),
        (
            "name",
            json!({"name": "x".repeat(1_000_000), "email": "a@example.org", "country": "KZ"}),
        ),
        (
            "email",
            json!({"name": "A", "email": "not-an-address", "country": "KZ"}),
        ),
        ("email", json!({"name": "A", "email": "a@b@c.org", "country": "KZ"})),
        (
            "email",
            json!({"name": "A", "email": "a@mailinator.com", "country": "KZ"}),
        ),
        (
            "country",
            json!({"name": "A", "email": "a@example.org", "country": "Kazakhstan"}),
        ),
        (
            "language",
            json!({"name": "A", "email": "a@example.org", "country": "KZ", "language": "1"}),
        ),
        (
            "opt_in",
            json!({"name": "A", "email": "a@example.org", "country": "KZ", "opt_in": "yes"}),
        ),
    ];
    for (field, body) in cases {
        refused(sign(&app, "bad-input", &body).await, 400, field).await;
    }
    let res = app
        .client
        .post(app.url("/api/v1/campaigns/bad-input/signatures"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    // Unknown and malformed slugs.
    assert_eq!(
        sign(&app, "no-such-campaign", &signer("a@example.org")).await.status(),
        404
    );
    assert_eq!(sign(&app, "NO%20SUCH", &signer("a@example.org")).await.status(), 404);
    app.json("/api/v1/campaigns/no-such-campaign/count", 404).await;
    app.page("/campaigns/no-such-campaign", 404).await;
    // The honeypot: accepted on screen, nothing written.
    let mut bot = signer("bot@example.org");
    bot["website"] = json!("http://spam.example");
    assert_eq!(sign(&app, "bad-input", &bot).await.status(), 202);
    // A closed campaign.
    let mut closed = campaign("bad-input");
    closed["state"] = json!("closed");
    let res = app.put_json("/api/v1/campaigns/bad-input", &editor, &closed).await;
    assert_eq!(res.status(), 200);
    let res = sign(&app, "bad-input", &signer("late@example.org")).await;
    assert_eq!(res.status(), 409);
    // Nothing was written.
    assert_eq!(export(&app, &editor, "bad-input").await.lines().count(), 1);

    // A campaign with bad fields is refused, naming the field.
    let mut bad = campaign("bad-campaign");
    bad["versions"][0]["message"] = json!("");
    let res = create(&app, &editor, &bad).await;
    assert_eq!(res.status(), 422);
    let mut bad = campaign("Bad Slug");
    bad["state"] = json!("open");
    let res = create(&app, &editor, &bad).await;
    assert_eq!(res.status(), 400);
    let mut bad = campaign("bad-link");
    bad["case"] = json!("no-such-case");
    assert_eq!(create(&app, &editor, &bad).await.status(), 400);
    assert_eq!(
        create(&app, &editor, &campaign("bad-input")).await.status(),
        422,
        "slug taken"
    );
}

#[tokio::test]
async fn proof_of_work_is_checked_and_not_replayed() {
    let app = TestApp::demo_with(|dir| Config {
        pow_bits: 8,
        ..test_campaigns(dir)
    })
    .await;
    let editor = app.token("ed", AccountRole::Editor).await;
    assert_eq!(create(&app, &editor, &campaign("pow-test")).await.status(), 201);
    // None: refused.
    let res = sign(&app, "pow-test", &signer("a@example.org")).await;
    assert_eq!(res.status(), 400);
    let ch = app.json("/api/v1/campaigns/pow-test/challenge", 200).await;
    assert_eq!(ch["bits"], 8);
    let challenge = ch["challenge"].as_str().unwrap();
    // A wrong nonce, a forged challenge.
    let wrong = (0..)
        .map(|n: u64| n.to_string())
        .find(|n| !vigil_core::campaign::pow::verify(challenge, n, 8))
        .unwrap();
    let mut body = signer("a@example.org");
    body["pow_challenge"] = json!(challenge);
    body["pow_nonce"] = json!(wrong);
    assert_eq!(sign(&app, "pow-test", &body).await.status(), 400);
    let forged = format!(
        "pow-test.{}.aaaaaaaaaaaaaaaa.000000000000000000000000",
        time::OffsetDateTime::now_utc().unix_timestamp()
    );
    body["pow_challenge"] = json!(forged);
    body["pow_nonce"] = json!(vigil_core::campaign::pow::solve(&forged, 8));
    assert_eq!(sign(&app, "pow-test", &body).await.status(), 400);
    // Right, once; the same proof again is refused.
    body["pow_challenge"] = json!(challenge);
    body["pow_nonce"] = json!(vigil_core::campaign::pow::solve(challenge, 8));
    assert_eq!(sign(&app, "pow-test", &body).await.status(), 202);
    body["email"] = json!("b@example.org");
    let res = sign(&app, "pow-test", &body).await;
    assert_eq!(res.status(), 400);
    assert_eq!(res.json::<Value>().await.unwrap()["error"]["field"], "pow_nonce");
    assert_eq!(export(&app, &editor, "pow-test").await.lines().count(), 2);
}

#[tokio::test]
async fn rate_limits_refuse_a_flood_from_one_address() {
    let app = TestApp::demo_with(|dir| Config {
        rate_limits: Some(vigil_app::campaigns::RateLimits {
            per_ip: 3,
            per_network: 100,
        }),
        ..test_campaigns(dir)
    })
    .await;
    let editor = app.token("ed", AccountRole::Editor).await;
    assert_eq!(create(&app, &editor, &campaign("flood")).await.status(), 201);
    let mut statuses = Vec::new();
    for i in 0..5 {
        statuses.push(
            sign(&app, "flood", &signer(&format!("p{i}@example.org")))
                .await
                .status()
                .as_u16(),
        );
    }
    // (A minute boundary may fall in the middle: at least 3 pass, at least one is refused.)
    assert!(statuses.iter().filter(|s| **s == 202).count() >= 3, "{statuses:?}");
    assert!(statuses.contains(&429), "{statuses:?}");
}

/// Signs and confirms through the outbox; returns nothing.
async fn sign_and_confirm(app: &TestApp, slug: &str, email: &str) {
    let before = outbox(app).len();
    assert_eq!(sign(app, slug, &signer(email)).await.status(), 202);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    let message = loop {
        let now = outbox(app);
        if now.len() > before {
            break now
                .into_iter()
                .find(|m| decoded(m).contains(email))
                .expect("the message for this address");
        }
        assert!(tokio::time::Instant::now() < deadline, "no mail in the outbox");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    app.page(&link_in(&message), 200).await;
}

/// The messages in the outbox; each must be readable by Vigil's own user
/// only (a message holds a signer's name and address).
fn outbox(app: &TestApp) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt;
    let Ok(dir) = std::fs::read_dir(app.dir.join("outbox")) else {
        return vec![];
    };
    dir.filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| {
            let mode = std::fs::metadata(e.path()).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{} is readable by others", e.path().display());
            std::fs::read_to_string(e.path()).unwrap()
        })
        .collect()
}

#[tokio::test]
async fn invalidation_previews_records_and_reverts() {
    let app = TestApp::demo().await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let admin = app.token("ad", AccountRole::Admin).await;
    assert_eq!(create(&app, &editor, &campaign("inval")).await.status(), 201);
    sign_and_confirm(&app, "inval", "one@spam.example").await;
    sign_and_confirm(&app, "inval", "two@spam.example").await;
    sign_and_confirm(&app, "inval", "three@union.example").await;
    assert_eq!(count(&app, "inval").await["confirmed"], 3);

    let (app, admin) = (&app, &admin);
    let post = |path: &str, body: Value| {
        let path = format!("/api/v1/campaigns/inval/{path}");
        async move { app.post_json(&path, admin, &body).await }
    };
    let res = post("invalidations/preview", json!({"domain": "spam.example"})).await;
    assert_eq!(res.json::<Value>().await.unwrap()["would_remove"], 2);
    let res = post("invalidations/preview", json!({"ip_range": "127.0.0.0/8"})).await;
    assert_eq!(res.json::<Value>().await.unwrap()["would_remove"], 3);
    let res = post("invalidations/preview", json!({"ip_range": "10.0.0.0/8"})).await;
    assert_eq!(res.json::<Value>().await.unwrap()["would_remove"], 0);
    let res = post("invalidations/preview", json!({"ip_range": "nonsense"})).await;
    assert_eq!(res.status(), 422);
    let res = post("invalidations/preview", json!({})).await;
    assert_eq!(res.status(), 400);

    let res = post("invalidations", json!({"domain": "spam.example"})).await;
    let inv = answered(res, 201).await;
    assert_eq!(inv["removed"], 2);
    assert_eq!(inv["author"], "ad");
    let n = count(app, "inval").await;
    assert_eq!(n["confirmed"], 1);
    assert_eq!(n["invalidated"], 2, "invalidated totals are public");

    let id = inv["id"].as_i64().unwrap();
    let res = post(&format!("invalidations/{id}/revert"), json!({})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["reverted_by"], "ad");
    let n = count(app, "inval").await;
    assert_eq!(n["confirmed"], 3);
    assert_eq!(n["invalidated"], 0);
    let res = post(&format!("invalidations/{id}/revert"), json!({})).await;
    assert_eq!(res.status(), 422, "reverted once only");
    let res = post("invalidations/9999/revert", json!({})).await;
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn the_public_page_speaks_the_readers_language_and_signs_without_javascript() {
    let app = TestApp::demo().await;
    let editor = app.token("ed", AccountRole::Editor).await;
    assert_eq!(create(&app, &editor, &campaign("page-test")).await.status(), 201);
    let en = app.page("/campaigns/page-test", 200).await;
    assert!(en.contains("Free Erlan Baltabay"));
    assert!(en.contains("Свободу Ерлану Балтабаю"), "a link to the other language");
    assert!(!en.contains("Incomplete"), "incomplete versions are not published");
    assert!(!en.contains("checked"), "the opt-in is unticked");
    let res = app
        .client
        .get(app.url("/campaigns/page-test"))
        .header("accept-language", "ru-RU,ru;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    let ru = res.text().await.unwrap();
    assert!(ru.contains("<h1>Свободу Ерлану Балтабаю</h1>"), "{ru}");
    let fr = app.page("/campaigns/page-test?lang=fr", 200).await;
    assert!(
        fr.contains("<h1>Free Erlan Baltabay</h1>"),
        "an incomplete version falls back"
    );

    // The form, as a browser without JavaScript sends it.
    let challenge = common::hidden(&en, "pow_challenge");
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = app
        .submit(
            &client,
            "/campaigns/page-test/sign",
            &[
                ("name", "Jean"),
                ("email", "jean@example.fr"),
                ("country", "FR"),
                ("language", "en"),
                ("pow_challenge", &challenge),
                ("pow_nonce", ""),
                ("website", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_owned();
    let page = app.page(&to, 200).await;
    assert!(page.contains("Check your inbox"));
    // A bad form comes back with the error, on the page.
    let res = app
        .submit(
            &client,
            "/campaigns/page-test/sign",
            &[("name", "Jean"), ("email", "nope"), ("country", "FR")],
        )
        .await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("email"));
    // Linked from the person's and the case's pages.
    assert!(app
        .page("/persons/erlan-baltabay", 200)
        .await
        .contains("/campaigns/page-test"));
    assert!(app
        .page("/cases/case-baltabay", 200)
        .await
        .contains("/campaigns/page-test"));
}

/// The text of a page's alert (the refusal's message).
fn alert(page: &str) -> String {
    let start = page.find("role=\"alert\">").map(|i| i + "role=\"alert\">".len());
    let start = start.unwrap_or_else(|| panic!("no alert in the page: {page}"));
    page[start..].split("</p>").next().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_refused_form_keeps_what_was_typed_and_says_why_in_the_signers_language() {
    let app = TestApp::demo_with(|dir| Config {
        pow_bits: 8,
        form_min_age: Duration::from_secs(1),
        ..test_campaigns(dir)
    })
    .await;
    let editor = app.token("ed", AccountRole::Editor).await;
    assert_eq!(create(&app, &editor, &campaign("kept-form")).await.status(), 201);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = app.page("/campaigns/kept-form?lang=ru", 200).await;
    let challenge = common::hidden(&page, "pow_challenge");
    let form = |email: &'static str, challenge: String| {
        vec![
            ("name", "Айгерим Қасымова".to_owned()),
            ("email", email.to_owned()),
            ("country", "KZ".to_owned()),
            ("organisation", "Профсоюз <учителей>".to_owned()),
            ("opt_in", "true".to_owned()),
            ("language", "ru".to_owned()),
            ("pow_challenge", challenge),
            ("pow_nonce", String::new()),
            ("website", String::new()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let (app, client) = (&app, &client);
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.submit(client, "/campaigns/kept-form/sign", &fields).await
        }
    };
    let kept = |page: &str| {
        assert!(page.contains("value=\"Айгерим Қасымова\""), "the name is kept: {page}");
        assert!(page.contains("value=\"KZ\""), "the country is kept");
        assert!(
            page.contains("value=\"Профсоюз &lt;учителей&gt;\""),
            "the organisation is kept"
        );
        assert!(
            page.contains("name=\"opt_in\" value=\"true\" checked"),
            "the box stays ticked"
        );
        assert!(
            !page.contains("name=\"named\" value=\"true\" checked"),
            "the other box stays unticked"
        );
    };

    // Too fast, without JavaScript: told in Russian to wait and send again.
    let res = send(form("aigerim@example.kz", challenge.clone())).await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.unwrap();
    let said = alert(&page);
    assert!(said.contains("Подождите немного"), "{said}");
    assert!(!said.contains("pow"), "no internal field names: {said}");
    kept(&page);
    assert!(page.contains("value=\"aigerim@example.kz\""), "the address is kept");
    assert_eq!(
        common::hidden(&page, "pow_challenge"),
        challenge,
        "the form's challenge is kept"
    );

    // A bad address: said in Russian, the rest kept.
    let res = send(form("aigerim-at-example", challenge.clone())).await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.unwrap();
    let said = alert(&page);
    assert!(said.contains("адрес электронной почты"), "{said}");
    assert!(!said.contains("email"), "no internal field names: {said}");
    kept(&page);
    assert!(
        page.contains("value=\"aigerim-at-example\""),
        "the address is kept as typed"
    );

    // A moment later, the form as it came back is accepted.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let again = common::hidden(&page, "pow_challenge");
    let res = send(form("aigerim@example.kz", again)).await;
    assert_eq!(res.status(), 303);
    assert_eq!(export(&app, &editor, "kept-form").await.lines().count(), 2);
}

#[tokio::test]
async fn signers_are_anonymised_after_the_campaign_closes_and_counts_stay() {
    let app = TestApp::demo_with(|dir| Config {
        anonymise_after: time::Duration::ZERO,
        jobs_every: Duration::from_millis(200),
        ..test_campaigns(dir)
    })
    .await;
    let editor = app.token("ed", AccountRole::Editor).await;
    assert_eq!(create(&app, &editor, &campaign("anon-test")).await.status(), 201);
    sign_and_confirm(&app, "anon-test", "keep@example.org").await;
    assert_eq!(export(&app, &editor, "anon-test").await.lines().count(), 2);
    let mut closed = campaign("anon-test");
    closed["state"] = json!("closed");
    let res = app.put_json("/api/v1/campaigns/anon-test", &editor, &closed).await;
    assert_eq!(res.status(), 200);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while export(&app, &editor, "anon-test").await.lines().count() > 1 {
        assert!(tokio::time::Instant::now() < deadline, "anonymised in time");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let res = app.post_as("/api/v1/campaigns/anon-test/recount", &editor).await;
    assert_eq!(res.json::<Value>().await.unwrap()["confirmed"], 1);
}

#[tokio::test]
async fn one_signature_per_address_whichever_way_its_domain_is_written() {
    let app = TestApp::demo().await;
    let editor = app.token("ed", AccountRole::Editor).await;
    assert_eq!(create(&app, &editor, &campaign("one-domain")).await.status(), 201);
    let first = answered(sign(&app, "one-domain", &signer("ivan@example.org")).await, 202).await;
    // A Cyrillic "а" in the domain, the same in punycode, a Unicode
    // domain and its punycode: each the same signer, answered alike,
    // nothing written.
    let cyrillic = "ex\u{0430}mple.org";
    let punycode = idna::domain_to_ascii(cyrillic).unwrap();
    for same in [
        format!("ivan@{cyrillic}"),
        format!("ivan@{punycode}"),
        format!("IVAN@{}", cyrillic.to_uppercase()),
    ] {
        let res = sign(&app, "one-domain", &signer(&same)).await;
        assert_eq!(answered(res, 202).await, first, "{same}");
    }
    assert_eq!(export(&app, &editor, "one-domain").await.lines().count(), 2);
    assert_eq!(
        answered(sign(&app, "one-domain", &signer("anna@bücher.example")).await, 202).await,
        first
    );
    assert_eq!(export(&app, &editor, "one-domain").await.lines().count(), 3);
    sign(&app, "one-domain", &signer("anna@xn--bcher-kva.example")).await;
    assert_eq!(
        export(&app, &editor, "one-domain").await.lines().count(),
        3,
        "punycode: the same signer"
    );
    // Another address is another signer.
    sign(&app, "one-domain", &signer("ivan@example.com")).await;
    assert_eq!(export(&app, &editor, "one-domain").await.lines().count(), 4);
}

/// The signature id in a confirmation link (`…/confirm/{id}.{secret}`).
fn signature_id(link: &str) -> String {
    let token = link.rsplit('/').next().unwrap();
    token.split('.').next().unwrap().to_owned()
}

/// Every file in `dir` and below, with its bytes.
fn files_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                out.push((path, bytes));
            }
        }
    }
    out
}

fn holds(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn a_message_handed_to_the_smtp_server_leaves_no_body_in_the_queue() {
    let (app, sink) = with_smtp().await;
    let editor = app.token("ed", AccountRole::Editor).await;
    assert_eq!(create(&app, &editor, &campaign("smtp-body")).await.status(), 201);
    assert_eq!(sign(&app, "smtp-body", &signer("body@example.org")).await.status(), 202);
    let mails = sink.wait_for(1).await;
    let id = format!("c{}", signature_id(&link_in(&mails[0])));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while app.store.mail(&id).await.unwrap().is_some() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the sent message's body is still queued"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn anonymisation_leaves_no_copy_of_a_signer_in_the_queue_the_outbox_or_the_database() {
    let app = TestApp::demo_with(|dir| Config {
        anonymise_after: time::Duration::ZERO,
        jobs_every: Duration::from_millis(200),
        ..test_campaigns(dir)
    })
    .await;
    let editor = app.token("ed", AccountRole::Editor).await;
    assert_eq!(create(&app, &editor, &campaign("forget-me")).await.status(), 201);
    let (name, email) = ("Zhanargul Tokayeva", "zhanargul.t@union-forget.example");
    let body = json!({"name": name, "email": email, "country": "KZ", "language": "ru", "named": true});
    assert_eq!(sign(&app, "forget-me", &body).await.status(), 202);
    let wait_for_file = |what: &'static str, pred: Box<dyn Fn(&str) -> bool>| {
        let app = &app;
        async move {
            let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
            loop {
                if let Some(m) = outbox(app).into_iter().find(|m| pred(&decoded(m))) {
                    return m;
                }
                assert!(tokio::time::Instant::now() < deadline, "no {what} in the outbox");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    };
    let confirmation = wait_for_file("confirmation", Box::new(move |m| m.contains(email))).await;
    let link = link_in(&confirmation);
    app.page(&link, 200).await;
    // A digest to the target names the signer, who chose to be named.
    let res = app.post_as("/api/v1/campaigns/forget-me/deliveries", &editor).await;
    assert_eq!(res.status(), 202);
    wait_for_file(
        "digest",
        Box::new(move |m| m.contains("signed this campaign") && m.contains(name)),
    )
    .await;
    let confirmation_id = format!("c{}", signature_id(&link));
    assert!(app.dir.join("outbox").join(format!("{confirmation_id}.eml")).exists());
    // Sent: the queue keeps no body of it.
    assert_eq!(app.store.mail(&confirmation_id).await.unwrap(), None);

    // Closed; anonymised by the background job.
    let mut closed = campaign("forget-me");
    closed["state"] = json!("closed");
    assert_eq!(
        app.put_json("/api/v1/campaigns/forget-me", &editor, &closed)
            .await
            .status(),
        200
    );
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while export(&app, &editor, "forget-me").await.lines().count() > 1 {
        assert!(tokio::time::Instant::now() < deadline, "anonymised in time");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let local = email.split('@').next().unwrap();
    // Not in the outbox (no file names the signer, the confirmation's is gone) …
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let left: Vec<String> = outbox(&app)
            .into_iter()
            .map(|m| decoded(&m))
            .filter(|m| m.contains(name) || m.contains(local))
            .collect();
        if left.is_empty() {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the outbox still names the signer: {left:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!app.dir.join("outbox").join(format!("{confirmation_id}.eml")).exists());
    // … nor in the queue …
    assert_eq!(app.store.mail(&confirmation_id).await.unwrap(), None);
    let deliveries = app.get_as("/api/v1/campaigns/forget-me/deliveries", &editor).await;
    let deliveries: Value = deliveries.json().await.unwrap();
    assert_eq!(
        deliveries[0]["status"], "sent",
        "the delivery's record stays: {deliveries}"
    );
    // … nor anywhere in the data folder: the database, its journal, the index.
    for (path, bytes) in files_under(&app.dir) {
        for needle in [name, email, local, "Zhanargul"] {
            assert!(!holds(&bytes, needle), "{} holds {needle}", path.display());
        }
    }
    // The count stays.
    let res = app.post_as("/api/v1/campaigns/forget-me/recount", &editor).await;
    assert_eq!(res.json::<Value>().await.unwrap()["confirmed"], 1);
}

#[tokio::test]
async fn an_expired_confirmation_leaves_the_outbox() {
    let app = TestApp::demo_with(|dir| Config {
        token_lifetime: time::Duration::seconds(1),
        jobs_every: Duration::from_millis(200),
        ..test_campaigns(dir)
    })
    .await;
    let editor = app.token("ed", AccountRole::Editor).await;
    assert_eq!(create(&app, &editor, &campaign("expiring")).await.status(), 201);
    assert_eq!(sign(&app, "expiring", &signer("soon@example.org")).await.status(), 202);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !outbox(&app).iter().any(|m| decoded(m).contains("soon@example.org")) {
        assert!(tokio::time::Instant::now() < deadline, "no confirmation in the outbox");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while outbox(&app).iter().any(|m| decoded(m).contains("soon@example.org")) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the expired confirmation is still in the outbox"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn concurrent_signatures_of_one_person_count_once() {
    let app = TestApp::demo().await;
    let editor = app.token("ed", AccountRole::Editor).await;
    assert_eq!(create(&app, &editor, &campaign("race")).await.status(), 201);
    let mut tasks = Vec::new();
    for i in 0..40 {
        let client = app.client.clone();
        let url = app.url("/api/v1/campaigns/race/signatures");
        // Ten people, each signing four times at once under variants of their address.
        let email = match i % 4 {
            0 => format!("person{}@gmail.com", i % 10),
            1 => format!("Person{}+x@gmail.com", i % 10),
            2 => format!("p.erson{}@googlemail.com", i % 10),
            _ => format!("PERSON{}@GMAIL.COM", i % 10),
        };
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .json(&signer(&email))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 202);
    }
    assert_eq!(export(&app, &editor, "race").await.lines().count(), 11);
}
