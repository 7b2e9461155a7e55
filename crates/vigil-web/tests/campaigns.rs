//! Campaigns over real HTTP, on a real store, with mail through a real
//! SMTP server on loopback: creating and editing (editors), signing
//! (public), confirmation links, counts, the gate, bad input, anti-abuse,
//! invalidation, export, digests to targets and anonymisation.

mod common;

use std::time::Duration;

use common::smtp::{decoded, SmtpSink};
use common::{answered, body, contains, files_under, refused, test_campaigns, TestApp};
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
    // The message follows Accept-Language (the status stays a code).
    assert!(
        first["message"]
            .as_str()
            .unwrap_or_default()
            .contains("Check your inbox"),
        "{first}"
    );
    let res = app
        .client
        .post(app.url("/api/v1/campaigns/free-erlan/signatures"))
        .header("Accept-Language", "kk, ru;q=0.5")
        .json(&signer("aigerimk@googlemail.com"))
        .send()
        .await
        .unwrap();
    let kk = answered(res, 202).await;
    assert_eq!(kk["status"], "check_your_email");
    assert!(
        kk["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Рақмет! Поштаңызды тексеріңіз"),
        "{kk}"
    );

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

/// The messages in the outbox (opened with the case file's key); each
/// must be readable by Vigil's own user only (a message holds a signer's
/// name and address), and no plain `.eml` file is left beside them.
fn outbox(app: &TestApp) -> Vec<String> {
    if let Ok(dir) = std::fs::read_dir(app.dir.join("outbox")) {
        for e in dir.filter_map(Result::ok) {
            assert!(
                e.path().extension().is_none_or(|x| x != "eml"),
                "{} is in the clear",
                e.path().display()
            );
        }
    }
    app.outbox()
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
        // Long enough that a busy machine still sends the first forms
        // sooner (with one second, a loaded CI machine did not).
        form_min_age: Duration::from_secs(8),
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
    let page = common::text_of(res, 400).await;
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
    let page = common::text_of(res, 400).await;
    let said = alert(&page);
    assert!(said.contains("адрес электронной почты"), "{said}");
    assert!(!said.contains("email"), "no internal field names: {said}");
    kept(&page);
    assert!(
        page.contains("value=\"aigerim-at-example\""),
        "the address is kept as typed"
    );

    // A moment later, the form as it came back is accepted.
    tokio::time::sleep(Duration::from_millis(8200)).await;
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
    assert!(app
        .dir
        .join("outbox")
        .join(vigil_app::campaigns::outbox::file_name(&confirmation_id))
        .exists());
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
    assert!(!app
        .dir
        .join("outbox")
        .join(vigil_app::campaigns::outbox::file_name(&confirmation_id))
        .exists());
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
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "{} holds {needle}",
                path.display()
            );
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

// ---- The organisers' pages, outcomes and the partner's view (issue 23) ----

/// Waits until the outbox holds a message whose decoded text satisfies `pred`.
async fn mail_where(app: &TestApp, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(m) = outbox(app).into_iter().map(|m| decoded(&m)).find(|m| pred(m)) {
            return m;
        }
        assert!(tokio::time::Instant::now() < deadline, "no {what} in the outbox");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Signs (with the given choices) and confirms through the outbox.
async fn sign_and_confirm_as(app: &TestApp, slug: &str, signer: Value) {
    let email = signer["email"].as_str().unwrap().to_owned();
    assert_eq!(sign(app, slug, &signer).await.status(), 202);
    let message = mail_where(app, "confirmation", |m| m.contains(&email) && m.contains("/confirm/")).await;
    let start = message.find("/campaigns/").expect("a link");
    let link = message[start..].split_whitespace().next().unwrap().to_owned();
    app.page(&link, 200).await;
}

#[tokio::test]
async fn organisers_create_and_edit_a_campaign_from_the_browser() {
    let app = TestApp::demo().await;
    let (editor, csrf) = app.signed_in("organiser", AccountRole::Editor).await;
    let form = body(editor.get(app.url("/campaigns/new"))).await;
    assert!(form.contains("name=\"v0.title\""), "{form}");
    let fields = |title: &str| -> Vec<(String, String)> {
        [
            ("csrf", csrf.as_str()),
            ("slug", "free-the-dockers"),
            ("state", "open"),
            ("starts", "2026-01-10"),
            ("goal", "500"),
            ("digest_every", "0"),
            ("persons", "erlan-baltabay"),
            ("case", "case-baltabay"),
            ("v0.language", "en"),
            ("v0.title", title),
            ("v0.text", "Dockers were jailed for striking."),
            ("v0.message", "Release them."),
            ("v1.language", "ru"),
            ("v1.title", "Свободу докерам"),
            ("v1.text", ""),
            ("v1.message", ""),
            ("t0.name", "The Minister"),
            ("t0.role", "Minister of Labour"),
            ("t0.email", "minister@gov.example"),
            ("t0.language", "ru"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    // Without the session's CSRF token: refused, nothing created.
    let mut forged = fields("Free the dockers");
    forged.retain(|(k, _)| k != "csrf");
    let res = editor
        .post(app.url("/campaigns/new"))
        .form(&forged)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(app.store.campaign("free-the-dockers").await.is_err());
    // A first version without a title: the form comes back with all typed.
    let res = editor
        .post(app.url("/campaigns/new"))
        .form(&fields(""))
        .send()
        .await
        .unwrap();
    let page = common::text_of(res, 422).await;
    assert!(page.contains("versions[0]"), "{page}");
    assert!(page.contains("Dockers were jailed for striking."), "typed text kept");
    assert!(page.contains("minister@gov.example"), "typed target kept");
    assert!(page.contains("value=\"free-the-dockers\""), "typed slug kept");
    assert!(app.store.campaign("free-the-dockers").await.is_err());
    // A case named by a name no record has: said, typed name kept, nothing created.
    let mut unknown = fields("Free the dockers");
    for (k, v) in unknown.iter_mut() {
        if k == "case" {
            *v = "The dockers' prosecution".into();
        }
    }
    let res = editor
        .post(app.url("/campaigns/new"))
        .form(&unknown)
        .send()
        .await
        .unwrap();
    let page = common::text_of(res, 422).await;
    assert!(page.contains("nothing in the case file is called"), "{page}");
    assert!(
        page.contains("value=\"The dockers&#39; prosecution\"") || page.contains("The dockers' prosecution"),
        "{page}"
    );
    assert!(app.store.campaign("free-the-dockers").await.is_err());
    // Valid: created, and off to its desk.
    let res = editor
        .post(app.url("/campaigns/new"))
        .form(&fields("Free the dockers"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/campaigns/free-the-dockers/organise");
    let stored = app.store.campaign("free-the-dockers").await.unwrap().campaign;
    assert_eq!(stored.goal, Some(500));
    assert_eq!(stored.versions.len(), 2);
    assert_eq!(stored.targets[0].language.as_ref().map(|l| l.as_str()), Some("ru"));
    assert_eq!(stored.starts.map(|d| d.to_string()).as_deref(), Some("2026-01-10"));
    let desk = body(editor.get(app.url("/campaigns/free-the-dockers/organise"))).await;
    assert!(desk.contains("Free the dockers"), "{desk}");
    assert!(
        desk.contains("incomplete: not published"),
        "the Russian version is incomplete"
    );
    assert!(!desk.contains("Invalidate signatures"), "invalidation is for admins");
    // The edit form shows the versions side by side; completing the Russian one.
    let edit = body(editor.get(app.url("/campaigns/free-the-dockers/edit"))).await;
    assert!(
        edit.contains("Свободу докерам") && edit.contains("name=\"v2.language\""),
        "{edit}"
    );
    let mut done = fields("Free the dockers");
    for (k, v) in done.iter_mut() {
        match k.as_str() {
            "v1.text" => *v = "Докеров посадили за забастовку.".into(),
            "v1.message" => *v = "Освободите их.".into(),
            _ => {}
        }
    }
    let res = editor
        .post(app.url("/campaigns/free-the-dockers/edit"))
        .form(&done)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let stored = app.store.campaign("free-the-dockers").await.unwrap().campaign;
    assert!(stored.versions[1].is_complete());
    let public = app.page("/campaigns/free-the-dockers?lang=ru", 200).await;
    assert!(public.contains("Докеров посадили"), "published in Russian");
    // Not for the public, nor for readers.
    let anonymous = common::browser_from([127, 0, 0, 1])
        .get(app.url("/campaigns/free-the-dockers/organise"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 303, "to the login page");
    assert!(!anonymous.text().await.unwrap().contains("minister@gov.example"));
    let (reader, _) = app.signed_in("reader", AccountRole::Reader).await;
    let res = reader
        .get(app.url("/campaigns/free-the-dockers/edit"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn the_desk_draws_signatures_and_admins_preview_invalidate_and_revert() {
    let app = TestApp::demo().await;
    let token = app.token("ed", AccountRole::Editor).await;
    assert_eq!(create(&app, &token, &campaign("desk-camp")).await.status(), 201);
    for email in ["a@spam.example", "b@spam.example", "c@ok.example"] {
        sign_and_confirm(&app, "desk-camp", email).await;
    }
    let (editor, editor_csrf) = app.signed_in("organiser", AccountRole::Editor).await;
    let desk = body(editor.get(app.url("/campaigns/desk-camp/organise"))).await;
    assert!(desk.contains("svg class=\"chart signatures-over-time\""), "{desk}");
    assert!(desk.contains("svg class=\"chart signatures-by-country\""), "{desk}");
    assert!(desk.contains("Kazakhstan: 3"), "by country");
    assert!(desk.contains("3 confirmed signatures"), "{desk}");
    // The audit is there: who created it.
    assert!(desk.contains("<td>ed</td>") || desk.contains(">ed<"), "{desk}");
    // Editors do not invalidate, even by posting the form.
    let res = editor
        .post(app.url("/campaigns/desk-camp/invalidations/preview"))
        .form(&[("csrf", editor_csrf.as_str()), ("domain", "spam.example")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let (admin, csrf) = app.signed_in("chief", AccountRole::Admin).await;
    // An empty filter is refused, on the page, in words.
    let res = admin
        .post(app.url("/campaigns/desk-camp/invalidations/preview"))
        .form(&[("csrf", csrf.as_str()), ("domain", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("name an address range"));
    // The preview removes nothing, and says how many would go.
    let res = admin
        .post(app.url("/campaigns/desk-camp/invalidations/preview"))
        .form(&[("csrf", csrf.as_str()), ("domain", "spam.example")])
        .send()
        .await
        .unwrap();
    let page = common::text_of(res, 200).await;
    assert!(page.contains("This would remove 2 signatures."), "{page}");
    assert!(
        page.contains("formaction=\"/campaigns/desk-camp/invalidations\""),
        "{page}"
    );
    assert_eq!(app.store.tally("desk-camp").await.unwrap().confirmed, 3);
    let res = admin
        .post(app.url("/campaigns/desk-camp/invalidations"))
        .form(&[("csrf", csrf.as_str()), ("domain", "spam.example")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(count(&app, "desk-camp").await["confirmed"], 1);
    let inv = app.store.invalidations("desk-camp").await.unwrap();
    assert_eq!((inv.len(), inv[0].author.as_str(), inv[0].removed), (1, "chief", 2));
    let res = admin
        .post(app.url(&format!("/campaigns/desk-camp/invalidations/{}/revert", inv[0].id)))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(count(&app, "desk-camp").await["confirmed"], 3);
    // Digests now, from the desk: the delivery shows with its status.
    let res = editor
        .post(app.url("/campaigns/desk-camp/deliveries"))
        .form(&[("csrf", editor_csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let desk = body(editor.get(app.url("/campaigns/desk-camp/organise"))).await;
    assert!(desk.contains("minister@gov.example"), "{desk}");
    assert!(
        desk.contains("delivery-queued") || desk.contains("delivery-sent"),
        "{desk}"
    );
}

#[tokio::test]
async fn outcomes_tell_the_signers_who_opted_in_once_in_their_language() {
    let app = TestApp::demo().await;
    let token = app.token("ed", AccountRole::Editor).await;
    let mut c = campaign("outcome-camp");
    c["goal"] = json!(2);
    assert_eq!(create(&app, &token, &c).await.status(), 201);
    let with = |email: &str, language: &str, opt_in: bool| json!({"name": format!("Signer {email}"), "email": email, "country": "KZ", "language": language, "opt_in": opt_in});
    sign_and_confirm_as(&app, "outcome-camp", with("ru@example.org", "ru", true)).await;
    sign_and_confirm_as(&app, "outcome-camp", with("en@example.org", "en", true)).await;
    sign_and_confirm_as(&app, "outcome-camp", with("quiet@example.org", "en", false)).await;
    // The goal (2) is reached: each who opted in hears it, in their language, once.
    vigil_app::campaigns::run_jobs(&app.campaigns, &app.store)
        .await
        .unwrap();
    let ru = mail_where(&app, "Russian update", |m| {
        m.contains("ru@example.org") && m.contains("достигла цели")
    })
    .await;
    assert!(ru.contains("Свободу Ерлану Балтабаю"), "{ru}");
    mail_where(&app, "English update", |m| {
        m.contains("en@example.org") && m.contains("has reached its goal")
    })
    .await;
    vigil_app::campaigns::run_jobs(&app.campaigns, &app.store)
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let updates = |app: &TestApp| {
        outbox(app)
            .iter()
            .map(|m| decoded(m))
            .filter(|m| m.contains("reached its goal") || m.contains("достигла цели"))
            .count()
    };
    assert_eq!(updates(&app), 2, "once each, none to who did not opt in");
    assert!(!outbox(&app)
        .iter()
        .map(|m| decoded(m))
        .any(|m| m.contains("quiet@example.org") && m.contains("reached its goal")));

    // A response: checked, recorded, and told.
    let path = "/api/v1/campaigns/outcome-camp/responses";
    let bad = json!({"target": "The Minister", "text": "Under review.", "date": "2026-02-30"});
    refused(app.post_json(path, &token, &bad).await, 400, "date").await;
    let bad =
        json!({"target": "The Minister", "text": "Under review.", "date": "2026-01-05", "link": "javascript:alert(1)"});
    refused(app.post_json(path, &token, &bad).await, 400, "link").await;
    assert_eq!(
        app.client.post(app.url(path)).json(&bad).send().await.unwrap().status(),
        401
    );
    let good = json!({"target": "The Minister", "text": "The case is under review.", "date": "2026-01-05", "link": "https://gov.example/answer.pdf"});
    let r = answered(app.post_json(path, &token, &good).await, 201).await;
    assert_eq!(r["target"], "The Minister");
    mail_where(&app, "response update", |m| {
        m.contains("ru@example.org") && m.contains("The case is under review.") && m.contains("ответил")
    })
    .await;
    // The result: one of four.
    let result = "/api/v1/campaigns/outcome-camp/result";
    refused(
        app.put_json(result, &token, &json!({"result": "victory"})).await,
        400,
        "result",
    )
    .await;
    answered(
        app.put_json(result, &token, &json!({"result": "won", "note": "Released."}))
            .await,
        200,
    )
    .await;
    let outcome = app.json_as("/api/v1/campaigns/outcome-camp/outcome", &token).await;
    assert_eq!(outcome["result"]["result"], "won");
    assert_eq!(outcome["responses"].as_array().unwrap().len(), 1);
    let milestones: Vec<&str> = outcome["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["milestone"].as_str().unwrap())
        .collect();
    assert_eq!(milestones, vec!["goal".to_owned(), format!("response-{}", r["id"])]);
    assert_eq!(outcome["milestones"][0]["messages"], 2);
    assert_eq!(app.get("/api/v1/campaigns/outcome-camp/outcome").await.status(), 401);
    // The desk shows them, in the reader's words.
    let (editor, csrf) = app.signed_in("organiser", AccountRole::Editor).await;
    let desk = body(editor.get(app.url("/campaigns/outcome-camp/organise"))).await;
    assert!(
        desk.contains("The case is under review.") && desk.contains("<strong>won</strong>"),
        "{desk}"
    );
    assert!(
        desk.contains("the goal reached") && desk.contains("a response received"),
        "{desk}"
    );
    let desk_ru = body(editor.get(app.url("/campaigns/outcome-camp/organise?lang=ru"))).await;
    assert!(
        desk_ru.contains("цель достигнута") && desk_ru.contains("получен ответ"),
        "{desk_ru}"
    );
    assert!(
        !desk_ru.contains(": goal") && !desk_ru.contains(": response-"),
        "{desk_ru}"
    );
    // A result from the desk's form; a wrong one comes back in words.
    let res = editor
        .post(app.url("/campaigns/outcome-camp/result"))
        .form(&[("csrf", csrf.as_str()), ("result", "draw")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("one of won, partly_won, lost, ongoing"));
    assert_eq!(app.store.result("outcome-camp").await.unwrap().unwrap().result, "won");
}

#[tokio::test]
async fn the_status_engine_news_prompts_the_organiser() {
    let app = TestApp::demo().await;
    let token = app.token("ed", AccountRole::Editor).await;
    // Begun after his release in August 2019: the sentence of 16 October 2019 is news.
    let mut c = campaign("news-camp");
    c["starts"] = json!("2019-09-01");
    assert_eq!(create(&app, &token, &c).await.status(), 201);
    let outcome = app.json_as("/api/v1/campaigns/news-camp/outcome", &token).await;
    let news = outcome["news"].as_array().unwrap();
    assert!(
        news.iter()
            .any(|n| n["person"] == "erlan-baltabay" && n["change"] == "new" && n["restraint"] == "imprisonment"),
        "{outcome}"
    );
    let (editor, _) = app.signed_in("organiser", AccountRole::Editor).await;
    let desk = body(editor.get(app.url("/campaigns/news-camp/organise"))).await;
    assert!(desk.contains("a new restraint since the campaign began"), "{desk}");
    assert!(
        desk.contains("Update the campaign, or record its result and close it"),
        "{desk}"
    );
    // Begun in 2021: nothing began since.
    let mut c = campaign("calm-camp");
    c["starts"] = json!("2021-06-01");
    assert_eq!(create(&app, &token, &c).await.status(), 201);
    let outcome = app.json_as("/api/v1/campaigns/calm-camp/outcome", &token).await;
    assert!(
        !outcome["news"].as_array().unwrap().iter().any(|n| n["change"] == "new"),
        "{outcome}"
    );
}

#[tokio::test]
async fn a_partner_link_shows_counts_and_named_signers_only_until_revoked() {
    let app = TestApp::demo().await;
    let token = app.token("ed", AccountRole::Editor).await;
    assert_eq!(create(&app, &token, &campaign("partner-camp")).await.status(), 201);
    let signer = |email: &str, org: Option<&str>, named: bool| {
        json!({"name": format!("Name {}", email.split('@').next().unwrap_or_default()), "email": email, "country": "KZ", "language": "en",
               "organisation": org, "named": named})
    };
    sign_and_confirm_as(&app, "partner-camp", signer("n1@example.org", Some("Dockers"), true)).await;
    sign_and_confirm_as(&app, "partner-camp", signer("n2@example.org", Some("Dockers"), false)).await;
    sign_and_confirm_as(&app, "partner-camp", signer("n3@example.org", None, true)).await;
    // Unconfirmed: not counted, not named.
    assert_eq!(
        sign(&app, "partner-camp", &signer("n4@example.org", Some("Dockers"), true))
            .await
            .status(),
        202
    );

    let path = "/api/v1/campaigns/partner-camp/partners";
    assert_eq!(
        app.client
            .post(app.url(path))
            .json(&json!({"partner": "X"}))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    refused(
        app.post_json(path, &token, &json!({"partner": " "})).await,
        400,
        "partner",
    )
    .await;
    let made = answered(
        app.post_json(path, &token, &json!({"partner": "Dockers' Union"})).await,
        201,
    )
    .await;
    let secret = made["token"].as_str().unwrap().to_owned();
    assert!(made["url"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/partner?token={secret}")));
    // Only the hash is kept.
    let links = app.json_as(path, &token).await;
    assert!(!links.to_string().contains(&secret), "{links}");

    let view = app.json(&format!("/api/v1/partner?token={secret}"), 200).await;
    assert_eq!(view["confirmed"], 3);
    assert_eq!(view["by_country"]["KZ"], 3);
    assert_eq!(view["by_organisation"]["Dockers"], 2);
    assert_eq!(view["by_organisation"][""], 1);
    assert_eq!(view["named"], json!(["Name n1", "Name n3"]));
    let text = view.to_string();
    assert!(!text.contains('@'), "no address reaches the partner: {text}");
    let page = app.page(&format!("/partner?token={secret}"), 200).await;
    assert!(
        page.contains("Name n1") && page.contains("Name n3") && !page.contains("Name n2"),
        "{page}"
    );
    assert!(!page.contains("n2@example.org") && !page.contains("n4@example.org"));
    // Not another token, and not once revoked.
    app.error(
        &format!("/api/v1/partner?token={}", "0".repeat(64)),
        404,
        "not_found",
        None,
    )
    .await;
    app.error("/api/v1/partner", 400, "bad_request", Some("token")).await;
    let id = made["link"]["id"].as_i64().unwrap();
    answered(app.post_as(&format!("{path}/{id}/revoke"), &token).await, 200).await;
    app.error(&format!("/api/v1/partner?token={secret}"), 404, "not_found", None)
        .await;
    assert_eq!(app.get(&format!("/partner?token={secret}")).await.status(), 404);
    // From the desk: a link is shown once, then listed without it.
    let (editor, csrf) = app.signed_in("organiser", AccountRole::Editor).await;
    let res = editor
        .post(app.url("/campaigns/partner-camp/partners"))
        .form(&[("csrf", csrf.as_str()), ("partner", "Teachers' Union")])
        .send()
        .await
        .unwrap();
    let page = common::text_of(res, 201).await;
    let start = page.find("/partner?token=").expect("the link shown") + "/partner?token=".len();
    let shown: String = page[start..].chars().take_while(char::is_ascii_hexdigit).collect();
    assert_eq!(shown.len(), 64);
    assert_eq!(
        app.json(&format!("/api/v1/partner?token={shown}"), 200).await["confirmed"],
        3
    );
    let desk = body(editor.get(app.url("/campaigns/partner-camp/organise"))).await;
    assert!(
        desk.contains("Teachers&#39;s Union") || desk.contains("Teachers' Union"),
        "{desk}"
    );
    assert!(!desk.contains(&shown), "shown only once");
}

// ---- Updates at the goal, and stopping them (issue 23) ----

/// The raw messages (undecoded) in the outbox whose decoded text satisfies `pred`.
fn raw_where(app: &TestApp, pred: impl Fn(&str) -> bool) -> Vec<String> {
    outbox(app).into_iter().filter(|m| pred(&decoded(m))).collect()
}

/// A header of a raw message, unfolded.
fn header_of(raw: &str, name: &str) -> Option<String> {
    let unfolded = raw.replace("\r\n ", " ").replace("\r\n\t", " ");
    unfolded.lines().take_while(|l| !l.is_empty()).find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
    })
}

#[tokio::test]
async fn the_goal_is_told_at_the_confirmation_that_reaches_it_and_one_click_stops_the_updates() {
    let app = TestApp::demo().await;
    let token = app.token("ed", AccountRole::Editor).await;
    let mut c = campaign("goal-now");
    c["goal"] = json!(2);
    c["versions"][2] =
        json!({"language": "kk", "title": "Ерлан Балтабайға бостандық", "text": "Түрмеде.", "message": "Босатыңыз."});
    assert_eq!(create(&app, &token, &c).await.status(), 201);
    let with = |email: &str, language: &str| json!({"name": format!("Signer {email}"), "email": email, "country": "KZ", "language": language, "opt_in": true});
    sign_and_confirm_as(&app, "goal-now", with("ru@example.org", "ru")).await;
    sign_and_confirm_as(&app, "goal-now", with("kk@example.org", "kk")).await;
    // No jobs run: the second confirmation reached the goal, and the
    // updates went out from it.
    let ru = mail_where(&app, "goal update", |m| {
        m.contains("ru@example.org") && m.contains("достигла цели")
    })
    .await;
    mail_where(&app, "goal update", |m| {
        m.contains("kk@example.org") && m.contains("/unsubscribe/")
    })
    .await;
    let outcome = app.json_as("/api/v1/campaigns/goal-now/outcome", &token).await;
    assert_eq!(outcome["milestones"].as_array().unwrap().len(), 1, "{outcome}");
    assert_eq!(outcome["milestones"][0]["milestone"], "goal");
    assert_eq!(outcome["milestones"][0]["messages"], 2);
    assert_eq!(outcome["milestones"][0]["pending"], false);

    // The link, in the body and in the headers (RFC 2369, RFC 8058).
    let raw = raw_where(&app, |m| m.contains("ru@example.org") && m.contains("достигла цели"));
    assert_eq!(raw.len(), 1);
    let listed = header_of(&raw[0], "List-Unsubscribe").expect("List-Unsubscribe");
    assert_eq!(
        header_of(&raw[0], "List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let url = listed.trim_start_matches('<').trim_end_matches('>').to_owned();
    let path = url
        .strip_prefix(&app.url(""))
        .expect("a link to this server")
        .to_owned();
    assert!(
        path.starts_with("/campaigns/goal-now/unsubscribe/") && path.ends_with("?lang=ru"),
        "{path}"
    );
    assert!(ru.contains(&url), "the body has the same link: {ru}");
    let kk_raw = raw_where(&app, |m| m.contains("kk@example.org") && m.contains("/unsubscribe/"));
    let kk_url = header_of(&kk_raw[0], "List-Unsubscribe").unwrap();
    assert_ne!(kk_url, listed, "each signer has their own link");

    // Opening the link asks (a scanner that fetches it stops nothing), in
    // the signer's language.
    let page = app.page(&path, 200).await;
    assert!(
        page.contains("Отказаться от новостей") && page.contains("method=\"post\""),
        "{page}"
    );
    let opted = |app: &TestApp| {
        let app = app.store.clone();
        async move {
            app.export("goal-now")
                .await
                .unwrap()
                .into_iter()
                .filter(|s| s.opt_in.is_some())
                .map(|s| s.email)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(opted(&app).await.len(), 2);
    // The mail client's one click: a POST with RFC 8058's body, no session.
    let one_click = |path: String| {
        let client = app.client.clone();
        let url = app.url(&path);
        async move {
            let res = client
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click")
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let (status, done) = one_click(path.clone()).await;
    assert_eq!(status, 200, "{done}");
    assert!(done.contains("Новостей больше не будет"), "{done}");
    assert_eq!(opted(&app).await, vec!["kk@example.org".to_owned()]);
    // Again: the same answer, nothing changes.
    assert_eq!(one_click(path.clone()).await, (200, done.clone()));
    assert_eq!(opted(&app).await, vec!["kk@example.org".to_owned()]);
    // A forged token (one digit of its mac changed) changes nothing and
    // is refused whatever the store holds; a well-made token for a
    // signature that does not exist is answered as a real one.
    let (base, _) = path.split_once('?').unwrap();
    let last = base.chars().last().unwrap();
    let forged = format!(
        "{}{}?lang=ru",
        &base[..base.len() - 1],
        if last == '0' { '1' } else { '0' }
    );
    let (status, refused_page) = one_click(forged).await;
    assert_eq!(status, 404);
    assert!(refused_page.contains("Ссылка не работает"), "{refused_page}");
    let nobody = "0123456789abcdef0123456789abcdef";
    let mac = vigil_store::seal::keyed_hash(
        &app.store.derived_secret("campaign unsubscribe"),
        format!("goal-now/{nobody}").as_bytes(),
    );
    let mac = common::hex(&mac);
    let (status, ghost) = one_click(format!("/campaigns/goal-now/unsubscribe/{nobody}.{mac}?lang=ru")).await;
    assert_eq!((status, ghost), (200, done), "no oracle on whether a signature exists");
    assert_eq!(opted(&app).await, vec!["kk@example.org".to_owned()]);
    // In Kazakh too, and from the page's own button (a browser form).
    let kk_path = kk_url
        .trim_start_matches('<')
        .trim_end_matches('>')
        .strip_prefix(&app.url(""))
        .unwrap()
        .to_owned();
    assert!(kk_path.ends_with("?lang=kk"));
    assert!(app.page(&kk_path, 200).await.contains("Жаңалықтардан бас тарту"));
    let res = app
        .client
        .post(app.url(&kk_path))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("Жаңалықтар енді келмейді"));
    assert!(opted(&app).await.is_empty());

    // The next update goes to nobody; the signatures still count.
    let good = json!({"target": "The Minister", "text": "Under review.", "date": "2026-01-05"});
    answered(
        app.post_json("/api/v1/campaigns/goal-now/responses", &token, &good)
            .await,
        201,
    )
    .await;
    let outcome = app.json_as("/api/v1/campaigns/goal-now/outcome", &token).await;
    assert_eq!(outcome["milestones"][1]["messages"], 0, "{outcome}");
    assert_eq!(count(&app, "goal-now").await["confirmed"], 2);
}

/// `n` signatures of `slug`, confirmed, spread over three organisations;
/// named when `named`. Straight through the store (the signing path is
/// tested above): a crowd for the cost test.
async fn confirmed_crowd(app: &TestApp, slug: &str, prefix: &str, n: usize, named: bool) {
    use sha2::Digest;
    use vigil_core::campaign::{Country, Email, Language, Slug};
    use vigil_store::campaigns::{Mail, NewSignature, Op};
    let mut signs = Vec::new();
    let mut confirms = Vec::new();
    for i in 0..n {
        let id = vigil_store::campaigns::random_hex();
        let secret = format!("{prefix}{i}");
        signs.push(Op::Sign(Box::new(NewSignature {
            id: id.clone(),
            campaign: Slug::parse(slug).unwrap(),
            name: format!("Signer {prefix}{i}"),
            email: Email::parse(&format!("{prefix}{i}@example.org")).unwrap(),
            organisation: Some(["Dockers", "Teachers", "Miners"][i % 3].to_owned()),
            country: Country::parse("KZ").unwrap(),
            language: Language::parse("en").unwrap(),
            opt_in: None,
            named,
            ip: None,
            token_hash: sha2::Sha256::digest(secret.as_bytes()).into(),
            token_expires_at: vigil_store::now() + time::Duration::days(7),
            mail: Mail {
                to: format!("{prefix}{i}@example.org"),
                subject: "Confirm".into(),
                body: "link".into(),
                unsubscribe: None,
            },
            sealed: None,
        })));
        confirms.push(Op::Confirm {
            campaign: Slug::parse(slug).unwrap(),
            id,
            token_hash: sha2::Sha256::digest(secret.as_bytes()).into(),
        });
    }
    app.store.apply(signs).await.unwrap();
    app.store.apply(confirms).await.unwrap();
}

/// The fewest steps the partner's view took over a few tries, its count
/// in memory fresh (a recount reads the table: that is not the view's).
async fn partner_cost(app: &TestApp, meter: &vigil_store_any::Meter, path: &str) -> u64 {
    let mut best = u64::MAX;
    for _ in 0..4 {
        app.campaigns.recount(&app.store, "cost-camp").await.unwrap();
        let before = meter.steps();
        let view = app.json(path, 200).await;
        best = best.min(meter.steps() - before);
        assert_eq!(view["named"].as_array().unwrap().len(), 6, "{view}");
    }
    best
}

/// The partner's view costs what it shows: a row per organisation and
/// the named signers. Four hundred more signers who are not named, of the
/// same organisations, add nothing to the steps SQLite takes for it.
#[tokio::test]
async fn the_partner_view_costs_what_it_shows_not_every_signature() {
    let (app, meter) = TestApp::metered().await;
    let demo = vigil_demo::case_file().expect("demo case file");
    vigil_store::Store::import(&app.store, &demo, &vigil_store::Change::new("demo", None))
        .await
        .expect("demo loads");
    let token = app.token("ed", AccountRole::Editor).await;
    assert_eq!(create(&app, &token, &campaign("cost-camp")).await.status(), 201);
    confirmed_crowd(&app, "cost-camp", "named", 6, true).await;
    let made = answered(
        app.post_json(
            "/api/v1/campaigns/cost-camp/partners",
            &token,
            &json!({"partner": "Dockers"}),
        )
        .await,
        201,
    )
    .await;
    let path = format!("/api/v1/partner?token={}", made["token"].as_str().unwrap());
    let small = partner_cost(&app, &meter, &path).await;
    let view = app.json(&path, 200).await;
    assert_eq!(
        view["by_organisation"],
        json!({"Dockers": 2, "Teachers": 2, "Miners": 2})
    );
    confirmed_crowd(&app, "cost-camp", "quiet", 400, false).await;
    let large = partner_cost(&app, &meter, &path).await;
    let view = app.json(&path, 200).await;
    assert_eq!(view["confirmed"], 406);
    assert_eq!(
        view["by_organisation"],
        json!({"Dockers": 136, "Teachers": 135, "Miners": 135})
    );
    eprintln!("the partner view: {small} steps with 6 signers, {large} with 406");
    // Each organisation's count may be spread over a few more shard rows.
    assert!(large <= small + 200, "{small} steps with 6 signers, {large} with 406");
}
