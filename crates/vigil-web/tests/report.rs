//! The public "report an incident" page, over real HTTP on loopback: a
//! report sent as a browser sends it (multipart, with a photo) becomes a
//! confidential source and proposals, as a phone's does; a wrong form
//! comes back with what was typed, in the sender's language, and nothing
//! stored; sending is guarded as signing is.

mod common;

use common::{contains, files_under, hidden, TestApp};
use vigil_app::campaigns::{Config, RateLimits};
use vigil_core::AccountRole;

const ACCOUNT: &str = "Police took Nurlan Yessenov from the union office at night; his phone was seized.";

fn jpeg() -> Vec<u8> {
    common::jpeg(30_000)
}

/// The form as a browser sends it: `fields`, and the photo if any (an
/// empty file part when none is chosen, as browsers send).
fn form(fields: &[(&str, &str)], photo: Option<Vec<u8>>) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    let (bytes, name) = match photo {
        Some(b) => (b, "IMG_20261103_Nurlan.jpg"),
        None => (Vec::new(), ""),
    };
    form.part("photo", common::file_part(bytes, name, "image/jpeg"))
}

fn answers<'a>(language: &'a str, date: &'a str, account: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("language", language),
        ("event_type", "detention"),
        ("event_date", date),
        ("date_precision", "day"),
        ("place", "Shymkent, the union office"),
        ("persons", "Nurlan Yessenov\nAigul Serikova"),
        ("account", account),
        ("consent", "anonymous"),
        ("website", ""),
        ("pow_challenge", ""),
        ("pow_nonce", ""),
    ]
}

async fn send(app: &TestApp, form: reqwest::multipart::Form) -> reqwest::Response {
    common::browser_from([127, 0, 0, 1])
        .post(app.url("/report/send"))
        .multipart(form)
        .send()
        .await
        .expect("report sent")
}

/// The sources sent through the page, as a reader with the right sees them.
async fn page_reports(app: &TestApp, token: &str) -> Vec<serde_json::Value> {
    let list = app.json_as("/api/v1/sources?limit=500", token).await;
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|s| s["id"].as_str().is_some_and(|id| id.starts_with("field-web-")))
        .cloned()
        .collect()
}

#[tokio::test]
async fn a_report_from_the_page_is_a_confidential_source_waiting_for_an_editor() {
    let app = TestApp::demo().await;
    let lawyer = app.token("lawyer@example.org", AccountRole::ConfidentialReader).await;
    let editor = app.token("ed@example.org", AccountRole::Editor).await;

    // The page asks the incident report's questions in the reader's language.
    let page = app.page("/report?lang=ru", 200).await;
    assert!(page.contains("<html lang=\"ru\""), "{page}");
    for words in [
        "Сообщить о нарушении",
        "Что произошло?",
        "Что произошло, своими словами",
        "Да, без моего имени",
    ] {
        assert!(page.contains(words), "{words} missing");
    }
    assert!(page.contains("action=\"/report/send\""));
    assert!(page.contains("enctype=\"multipart/form-data\""));
    assert!(
        !page.contains("name=\"location\""),
        "a browser is not asked where it is"
    );
    assert!(!hidden(&page, "pow_challenge").is_empty());
    // Every page leads to it.
    assert!(app.page("/", 200).await.contains("href=\"/report\""));

    let res = send(&app, form(&answers("ru", "2026-11-03", ACCOUNT), Some(jpeg()))).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/report?lang=ru&sent=1");
    let thanks = app.page("/report?lang=ru&sent=1", 200).await;
    assert!(thanks.contains("ваше сообщение получено"), "{thanks}");

    // One confidential source, for those with the right only.
    let reports = page_reports(&app, &lawyer).await;
    assert_eq!(reports.len(), 1, "{reports:?}");
    let id = reports[0]["id"].as_str().expect("id").to_owned();
    let source = app.json_as(&format!("/api/v1/sources/{id}"), &lawyer).await;
    assert_eq!(source["confidential"], true);
    let text = source["text"].as_str().expect("text");
    for said in [
        ACCOUNT,
        "public report page",
        "Shymkent, the union office",
        "Consent to use: anonymous",
    ] {
        assert!(text.contains(said), "{said} not in {text}");
    }
    assert!(!text.contains("127.0.0.1"), "no address is kept with a report");
    for path in [format!("/sources/{id}"), format!("/api/v1/sources/{id}")] {
        assert_eq!(app.get(&path).await.status(), 404, "{path} anonymously");
        assert_eq!(app.get_as(&path, &editor).await.status(), 404, "{path} as an editor");
    }
    assert!(page_reports(&app, &editor).await.is_empty());

    // Proposals for editors with the right: each person, and the event.
    let proposals = app.json_as(&format!("/api/v1/proposals?source={id}"), &lawyer).await;
    let labels: Vec<&str> = proposals["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|p| p["label"].as_str())
        .collect();
    assert!(labels.contains(&"Nurlan Yessenov"), "{labels:?}");
    assert!(labels.contains(&"Aigul Serikova"), "{labels:?}");
    assert!(labels.iter().any(|l| l.starts_with("Detention")), "{labels:?}");

    // The photo: kept under the question's name, not the sender's file
    // name; served to readers with the right, as what its bytes are.
    let photo = format!("/sources/{id}/attachments/photo.jpg");
    let res = app.get_as(&photo, &lawyer).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert_eq!(res.bytes().await.expect("bytes").as_ref(), jpeg().as_slice());
    assert_eq!(app.get(&photo).await.status(), 404);
    assert!(!text.contains("IMG_20261103_Nurlan"), "{text}");

    // Nothing of the report in the clear in the data folder.
    let files = files_under(&app.dir);
    assert!(!files.is_empty());
    for needle in [ACCOUNT.as_bytes(), &jpeg()[5_000..5_064]] {
        for (path, bytes) in &files {
            assert!(
                !contains(bytes, needle),
                "the report is in the clear in {}",
                path.display()
            );
        }
    }
}

#[tokio::test]
async fn a_wrong_form_comes_back_with_what_was_typed_and_nothing_is_stored() {
    let app = TestApp::demo().await;
    let lawyer = app.token("lawyer@example.org", AccountRole::ConfidentialReader).await;

    // No account, and a day still to come: the form again, in Kazakh, with
    // the place and the names kept and each problem named by its question.
    let res = send(&app, form(&answers("kk", "2999-01-01", "   "), Some(jpeg()))).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.expect("page");
    assert!(page.contains("<html lang=\"kk\""), "{page}");
    assert!(page.contains("Shymkent, the union office"), "the place is kept");
    assert!(page.contains("Nurlan Yessenov\nAigul Serikova"), "the names are kept");
    let consent = page
        .split('<')
        .find(|tag| tag.starts_with("input") && tag.contains("value=\"anonymous\""))
        .expect("the consent's choices");
    assert!(consent.contains(" checked"), "the consent is kept: {consent}");
    let alert = page
        .split("role=\"alert\"")
        .nth(1)
        .and_then(|rest| rest.split("</div>").next())
        .expect("the problems");
    assert!(
        alert.contains("Бұл қашан болды?"),
        "the date's question names the problem: {alert}"
    );
    assert!(
        alert.contains("Не болғанын өз сөзіңізбен жазыңыз"),
        "the account's question: {alert}"
    );
    assert_eq!(alert.matches("<li>").count(), 2, "{alert}");
    assert!(
        !alert.contains("event_date") && !alert.contains("account"),
        "no field name is shown: {alert}"
    );
    assert!(
        page.contains("файлдар сақталмайды"),
        "the sender is told to choose the photo again"
    );

    // Not a multipart body; a field over its limit.
    let res = common::browser_from([127, 0, 0, 1])
        .post(app.url("/report/send"))
        .form(&[("account", ACCOUNT)])
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), 400);
    let long = "x".repeat(300 * 1024);
    let res = send(&app, form(&answers("en", "2026-11-03", &long), None)).await;
    assert_eq!(res.status(), 413);
    assert!(res.text().await.expect("page").contains("larger than this page takes"));

    // A bot fills the hidden field: told it worked, nothing kept.
    let mut bot = answers("en", "2026-11-03", ACCOUNT);
    bot.retain(|(k, _)| *k != "website");
    bot.push(("website", "http://spam.example"));
    let res = send(&app, form(&bot, None)).await;
    assert_eq!(res.status(), 303);

    assert!(page_reports(&app, &lawyer).await.is_empty(), "nothing was stored");
}

#[tokio::test]
async fn sending_is_guarded_as_signing_is() {
    let app = TestApp::demo_with(|dir| Config {
        pow_bits: 8,
        rate_limits: Some(RateLimits {
            per_ip: 3,
            per_network: 100,
        }),
        ..common::test_campaigns(dir)
    })
    .await;
    let lawyer = app.token("lawyer@example.org", AccountRole::ConfidentialReader).await;
    let challenge = || async { hidden(&app.page("/report", 200).await, "pow_challenge") };

    // Without JavaScript, a form sent at once is refused: wait and send again.
    let c = challenge().await;
    let mut fields = answers("en", "2026-11-03", ACCOUNT);
    fields.retain(|(k, _)| !k.starts_with("pow_"));
    let mut too_fast = fields.clone();
    too_fast.push(("pow_challenge", &c));
    let res = send(&app, form(&too_fast, None)).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.expect("page");
    assert!(page.contains("wait a few seconds"), "{page}");
    assert!(page.contains(ACCOUNT), "what was typed is kept");

    // With the page's proof of work it goes through.
    let c = challenge().await;
    let nonce = vigil_core::campaign::pow::solve(&c, 8);
    let mut proved = fields.clone();
    proved.extend([("pow_challenge", c.as_str()), ("pow_nonce", nonce.as_str())]);
    assert_eq!(send(&app, form(&proved, None)).await.status(), 303);
    // The same challenge twice is refused.
    assert_eq!(send(&app, form(&proved, None)).await.status(), 422);

    // A third report from the same address within the limit's window: 429.
    let c = challenge().await;
    let nonce = vigil_core::campaign::pow::solve(&c, 8);
    let mut third = fields.clone();
    third.extend([("pow_challenge", c.as_str()), ("pow_nonce", nonce.as_str())]);
    let res = send(&app, form(&third, None)).await;
    assert_eq!(res.status(), 429);
    assert!(res.text().await.expect("page").contains("Too many reports"));

    assert_eq!(page_reports(&app, &lawyer).await.len(), 1);
}
