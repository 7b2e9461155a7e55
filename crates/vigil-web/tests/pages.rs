//! The pages a person reads, over real HTTP: content, escaping, 404s,
//! headers, and what the public must never see.

mod common;

use common::{body, TestApp};
use vigil_core::{AccountRole, Person, Record, RecordId};
use vigil_store::{Change, Store};

fn person(id: &str, name: &str, confidential: bool) -> Record {
    Record::Person(Person {
        confidential,
        ..Person::named(RecordId::parse(id).unwrap(), name)
    })
}

#[tokio::test]
async fn every_page_renders_the_demo() {
    let app = TestApp::demo().await;
    let home = app.page("/", 200).await;
    assert!(home.contains("Latest events"));
    assert!(home.contains("Kazakhstan"));
    let persons = app.page("/persons", 200).await;
    assert!(persons.contains(r#"href="/persons/erlan-baltabay""#));
    let p = app.page("/persons/erlan-baltabay", 200).await;
    assert!(p.contains("<svg"), "timeline");
    assert!(p.contains(r#"href="/events/baltabay-sentence-2019-10-16""#));
    assert!(p.contains("Balтабай") || p.contains("Балтабай"));
    assert!(p.contains("Fuel and Energy Workers"));
    let found = app.page("/persons?q=Kushakpaev", 200).await;
    assert!(found.contains("Nurbek Kushakbaev"), "an alias finds the person");

    let orgs = app.page("/organisations?q=knprk", 200).await;
    assert!(orgs.contains("Confederation of Independent Trade Unions of Kazakhstan"));
    let o = app.page("/organisations/ilo", 200).await;
    assert!(o.contains("International Labour Conference"), "child bodies are listed");

    let e = app.page("/events/baltabay-pardon-2019-08", 200).await;
    assert!(e.contains("August 2019"));
    assert!(e.contains("Evidence"));
    assert!(e.contains("#at-"), "excerpts link into the source");

    let evs = app.page("/events?type=sentence&person=erlan-baltabay", 200).await;
    assert!(evs.contains("2 events"), "filtered list");
    let cases = app.page("/cases", 200).await;
    assert!(cases.contains("Prosecution of Erlan Baltabay"));
    let c = app.page("/cases/case-baltabay", 200).await;
    assert!(c.contains("<svg"));

    let sources = app.page("/sources", 200).await;
    assert!(sources.contains("Still suppression of workers"));
    let s = app.page("/sources/hrw-2019-kazakhstan-upr", 200).await;
    assert!(s.contains("<mark"), "cited passages are marked");
    assert!(s.contains(r#"href="/events/baltabay-sentence-2019-10-16""#));
    let h = app.page("/records/erlan-baltabay/history", 200).await;
    assert!(h.contains("Created"));
    // When, in words and to the minute, not a timestamp.
    assert!(h.contains(" UTC</time>"), "{h}");
    assert!(!h.contains("Z</time>"));
    let css = app.get("/assets/vigil.css").await;
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
}

#[tokio::test]
async fn bad_addresses_and_values_get_error_pages() {
    let app = TestApp::demo().await;
    for path in [
        "/persons/nobody",
        "/events/erlan-baltabay",
        "/no/such/page",
        "/records/nobody/history",
        "/persons/%3Cscript%3E",
    ] {
        let body = app.page(path, 404).await;
        assert!(body.contains("Not found"), "{path}");
        assert!(!body.contains("<script>"), "{path}");
    }
    let body = app.page("/events?from=yesterday", 400).await;
    assert!(body.contains("from must be a day"));
    app.page("/persons?limit=0", 400).await;
}

/// An error page in Russian or Kazakh says nothing in English: the
/// precise account in the reader's words where the catalogues can say it
/// (a day that is not a day), else only the page's own words.
#[tokio::test]
async fn error_pages_in_russian_and_kazakh_say_nothing_in_english() {
    let app = TestApp::demo().await;
    for lang in ["ru", "kk"] {
        let missing = app.page(&format!("/no/such/page?lang={lang}"), 404).await;
        let bad_day = app.page(&format!("/events?from=yesterday&lang={lang}"), 400).await;
        let bad_as_of = app.page(&format!("/status?as_of=someday&lang={lang}"), 400).await;
        for (what, body) in [("missing", &missing), ("from", &bad_day), ("as_of", &bad_as_of)] {
            for english in [
                "There is no page",
                "must be a day",
                "Details (in English)",
                "p lang=\"en\"",
            ] {
                assert!(!body.contains(english), "{lang} {what}: {english}");
            }
            assert!(body.contains(&format!("<html lang=\"{lang}\"")), "{lang} {what}");
        }
        // The account of the bad day is given, in the reader's words.
        assert!(bad_day.contains("from"), "{lang}: the field named");
    }
}

#[tokio::test]
async fn names_are_escaped_in_pages() {
    let app = TestApp::demo().await;
    let hostile = r#"<script>alert("x")</script><img src=x onerror=alert(1)>"#;
    app.store
        .create(person("hostile", hostile, false), &Change::new("t", None))
        .await
        .unwrap();
    let list = app.page("/persons", 200).await;
    let page = app.page("/persons/hostile", 200).await;
    for body in [&list, &page] {
        assert!(!body.contains("<script>alert"), "raw markup leaked");
        assert!(!body.contains("<img src=x"));
        assert!(body.contains("&lt;script&gt;alert"));
    }
}

#[tokio::test]
async fn confidential_records_are_invisible_to_the_public() {
    let app = TestApp::demo().await;
    let before = app.page("/", 200).await;
    app.store
        .create(
            person("witness-k", "Witness K Marker-7731", true),
            &Change::new("t", None),
        )
        .await
        .unwrap();
    for path in ["/api/v1/persons/witness-k", "/api/v1/revisions?record=witness-k"] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 404, "{path}");
        assert!(!res.text().await.unwrap().contains("Marker-7731"));
    }
    app.page("/persons/witness-k", 404).await;
    app.page("/records/witness-k/history", 404).await;
    for path in [
        "/api/v1/persons",
        "/api/v1/persons?q=witness",
        "/persons",
        "/persons?q=marker",
        "/events",
        "/",
    ] {
        let body = app.text(path).await;
        assert!(!body.contains("Marker-7731") && !body.contains("witness-k"), "{path}");
    }
    let list = app.json("/api/v1/persons", 200).await;
    assert_eq!(
        list["total"],
        vigil_demo::case_file().unwrap().persons.len(),
        "not even counted"
    );
    assert_eq!(app.page("/", 200).await, before, "the home page's counts do not move");
}

#[tokio::test]
async fn security_headers() {
    let app = TestApp::demo().await;
    for path in ["/", "/api/v1/persons"] {
        let res = app.get(path).await;
        let h = res.headers();
        assert!(h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'"));
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "same-origin");
    }
}

#[tokio::test]
async fn an_empty_case_file_still_serves() {
    let app = TestApp::empty().await;
    let home = app.page("/", 200).await;
    assert!(home.contains("No events"));
    let body = app.json("/api/v1/events", 200).await;
    assert_eq!(body["total"], 0);
    app.page("/persons", 200).await;
}

/// The language comes from `?lang=` (then remembered in a cookie), then
/// `Accept-Language`, then English; `<html lang>` says which.
#[tokio::test]
async fn the_language_of_a_page_is_asked_remembered_or_accepted() {
    let app = TestApp::demo().await;
    let client = reqwest::Client::new();
    let lang_of = |html: &str| {
        html.split("<html lang=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .map(str::to_owned)
    };
    let plain = client.get(app.url("/")).send().await.unwrap();
    assert!(plain.headers().get("set-cookie").is_none());
    assert!(plain.headers()["vary"].to_str().unwrap().contains("Accept-Language"));
    assert_eq!(lang_of(&plain.text().await.unwrap()).as_deref(), Some("en"));
    let accepted = body(
        client
            .get(app.url("/status"))
            .header("accept-language", "de-DE, kk;q=0.8, en;q=0.5"),
    )
    .await;
    assert_eq!(lang_of(&accepted).as_deref(), Some("kk"));
    assert!(accepted.contains("күнгі мәртебе"));
    let asked = client.get(app.url("/?lang=ru")).send().await.unwrap();
    let cookie = asked.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("lang=ru;"), "{cookie}");
    let page = asked.text().await.unwrap();
    assert_eq!(lang_of(&page).as_deref(), Some("ru"));
    assert!(page.contains("Последние события"));
    // The cookie wins over Accept-Language; an unknown ?lang= changes nothing.
    let remembered = body(
        client
            .get(app.url("/status?lang=xx"))
            .header("cookie", "lang=ru")
            .header("accept-language", "kk"),
    )
    .await;
    assert_eq!(lang_of(&remembered).as_deref(), Some("ru"));
    // API errors keep their English codes whatever the language.
    app.error("/api/v1/persons/no-such-person?lang=ru", 404, "not_found", None)
        .await;
    // An error page is in the reader's language, its status kept; the
    // application's English account only under "Details".
    for (path, status) in [
        ("/persons/no-such-person", 404),
        ("/no/such/page", 404),
        ("/status?as_of=2019-13-01", 400),
    ] {
        let res = client
            .get(app.url(path))
            .header("accept-language", "ru")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), status, "{path}");
        let page = res.text().await.unwrap();
        assert_eq!(lang_of(&page).as_deref(), Some("ru"), "{path}");
        assert!(page.contains("На главную страницу"), "{path}: {page}");
        assert!(
            !page.contains("Back to the start page") && !page.contains("<h1>Not found"),
            "{path}"
        );
    }
    let kazakh = body(client.get(app.url("/persons/no-such-person?lang=kk"))).await;
    assert!(kazakh.contains("<h1>Табылмады</h1>"), "{kazakh}");
    let english = body(client.get(app.url("/persons/no-such-person?lang=en"))).await;
    assert!(english.contains("<h1>Not found</h1>") && english.contains("Back to the start page"));
}

/// The JSON API's error messages follow `Accept-Language` (never the
/// cookie nor `?lang=`), their codes and fields staying English; without
/// the header, or in English, the message is the precise English account.
#[tokio::test]
async fn api_error_messages_follow_accept_language() {
    let app = TestApp::demo().await;
    let client = reqwest::Client::new();
    let error = |path: &'static str, accept: Option<&'static str>| {
        let mut request = client.get(app.url(path)).header("cookie", "lang=kk");
        if let Some(accept) = accept {
            request = request.header("accept-language", accept);
        }
        async move {
            let res = request.send().await.unwrap();
            let status = res.status().as_u16();
            let body: serde_json::Value = res.json().await.unwrap();
            (status, body["error"].clone())
        }
    };
    let (status, plain) = error("/api/v1/persons/no-such-person", None).await;
    assert_eq!(status, 404);
    assert_eq!(plain["code"], "not_found");
    assert!(plain["message"].as_str().unwrap().contains("no-such-person"), "{plain}");
    let (status, russian) = error("/api/v1/persons/no-such-person", Some("ru-RU,ru;q=0.9,en;q=0.5")).await;
    assert_eq!(status, 404);
    assert_eq!(russian["code"], "not_found");
    assert_eq!(
        russian["message"],
        "Не найдено: человек «no-such-person» (или у вас нет прав это видеть)."
    );
    // A parameter at fault: named in the message, the field kept.
    let (status, kazakh) = error("/api/v1/persons?limit=9999", Some("kk")).await;
    assert_eq!(status, 400);
    assert_eq!(kazakh["code"], "bad_request");
    assert_eq!(kazakh["field"], "limit");
    assert_eq!(
        kazakh["message"],
        "Сұраныста Vigil оқи алмайтын мән бар. («limit» өрісі)"
    );
    // An error axum answers itself (an unknown route) is worded the same way.
    let (status, route) = error("/api/v1/no-such-thing", Some("ru")).await;
    assert_eq!(status, 404);
    assert_eq!(route["code"], "not_found");
    assert!(
        route["message"].as_str().unwrap().starts_with("По этому адресу"),
        "{route}"
    );
    // English asked: the precise account, as without the header.
    let (_, english) = error("/api/v1/persons?limit=9999", Some("en, ru;q=0.5")).await;
    assert!(
        !english["message"].as_str().unwrap().contains("Vigil cannot read"),
        "{english}"
    );
    assert!(english["message"].as_str().unwrap().is_ascii(), "{english}");
    // ?lang= does not choose the API's language.
    app.error("/api/v1/persons/no-such-person?lang=ru", 404, "not_found", None)
        .await
        .contains("no-such-person")
        .then_some(())
        .expect("English without Accept-Language");
}

/// An editor's request with a JSON `body` and `Accept-Language: lang`;
/// the status and the error of the answer.
async fn refusal_in(
    app: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: String,
    body: String,
    lang: &'static str,
) -> (u16, serde_json::Value) {
    let res = app
        .client
        .request(method, app.url(&path))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .header("accept-language", lang)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let body: serde_json::Value = res.json().await.unwrap();
    (status, body["error"].clone())
}

/// The details of the API's refusals in Russian and Kazakh: malformed
/// JSON, an unknown id, a check of the case file naming its field; the
/// code and the field stay as they are, and nothing is written.
#[tokio::test]
async fn api_error_details_are_worded_in_russian_and_kazakh() {
    let app = TestApp::demo().await;
    let token = app.token("ed", vigil_core::AccountRole::Editor).await;
    let (app, token) = (&app, &token);
    let send = |method: reqwest::Method, path: &'static str, body: &'static str, lang: &'static str| {
        refusal_in(app, token, method, path.to_owned(), body.to_owned(), lang)
    };
    let persons_before = app.json("/api/v1/persons?limit=200", 200).await["items"]
        .as_array()
        .unwrap()
        .len();
    let cyrillic = |v: &serde_json::Value| {
        let m = v["message"].as_str().unwrap();
        assert!(m.chars().any(|c| ('а'..='я').contains(&c)), "{v}");
        assert!(
            !m.contains("must") && !m.contains("malformed") && !m.contains(" no "),
            "English left: {v}"
        );
        m.to_owned()
    };

    // Malformed JSON.
    let (status, ru) = send(reqwest::Method::POST, "/api/v1/persons", r#"{"name": "#, "ru").await;
    assert_eq!((status, ru["code"].as_str()), (400, Some("bad_request")), "{ru}");
    assert_eq!(ru["field"], "body");
    assert_eq!(
        cyrillic(&ru),
        "Тело запроса — не правильный JSON. JSON обрывается раньше времени: строка 1, столбец 9 (поле «body»)"
    );
    let (status, kk) = send(reqwest::Method::POST, "/api/v1/persons", r#"{"name": "#, "kk").await;
    assert_eq!((status, kk["code"].as_str()), (400, Some("bad_request")), "{kk}");
    assert_eq!(
        cyrillic(&kk),
        "Сұраныстың денесі жарамды JSON емес. JSON тым ерте аяқталады: 1-жол, 9-баған («body» өрісі)"
    );

    // A check of the case file, naming its field.
    let empty = r#"{"id": "nameless-one", "name": ""}"#;
    let (status, ru) = send(reqwest::Method::POST, "/api/v1/persons", empty, "ru-RU,ru;q=0.9").await;
    assert_eq!((status, ru["code"].as_str()), (422, Some("invalid")), "{ru}");
    assert_eq!(ru["field"], "name");
    assert!(cyrillic(&ru).ends_with("name: не может быть пустым"), "{ru}");
    let (status, kk) = send(reqwest::Method::POST, "/api/v1/persons", empty, "kk").await;
    assert_eq!((status, kk["code"].as_str()), (422, Some("invalid")), "{kk}");
    assert!(cyrillic(&kk).ends_with("name: бос болмауы керек"), "{kk}");
    // In English, the precise account as before.
    let (_, en) = send(reqwest::Method::POST, "/api/v1/persons", empty, "en").await;
    assert!(en["message"].as_str().unwrap().contains("must not be empty"), "{en}");

    // An unknown id, in Kazakh: the id as given.
    let (status, kk) = send(
        reqwest::Method::PUT,
        "/api/v1/persons/no-such-person",
        r#"{"id": "no-such-person", "name": "X"}"#,
        "kk",
    )
    .await;
    assert_eq!(kk["code"], "not_found", "{kk}");
    assert_eq!(status, 404);
    assert!(cyrillic(&kk).starts_with("Табылмады: жазба «no-such-person»"), "{kk}");
    // Read, in Kazakh: the kind of record in words.
    let (status, kk) = send(reqwest::Method::GET, "/api/v1/persons/no-such-person", "", "kk").await;
    assert_eq!((status, kk["code"].as_str()), (404, Some("not_found")), "{kk}");
    assert!(cyrillic(&kk).starts_with("Табылмады: адам «no-such-person»"), "{kk}");

    let persons_after = app.json("/api/v1/persons?limit=200", 200).await["items"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(persons_before, persons_after, "nothing was written");
}

/// The API's refusals that carry a value (a number, a place in the body, a
/// field's name) are said in Russian and Kazakh with that value: numbers
/// with their plural, a JSON parser's fault as its kind, line and column.
/// The code stays English; nothing is written.
#[tokio::test]
async fn api_refusals_with_numbers_and_json_faults_are_worded_in_russian_and_kazakh() {
    let app = TestApp::demo().await;
    let token = app.token("ed", vigil_core::AccountRole::Editor).await;
    let (app, token) = (&app, &token);
    let send = |path: String, body: String, lang: &'static str| {
        refusal_in(app, token, reqwest::Method::POST, path, body, lang)
    };
    let count = || async {
        app.store
            .counts(vigil_store::Visibility::Confidential)
            .await
            .unwrap()
            .persons
    };
    let before = count().await;
    let message = |v: &serde_json::Value| v["message"].as_str().unwrap_or_default().to_owned();
    let person = r#"{"name": "Someone New"}"#.to_owned();

    // A reason too long: the number in the sentence, its plural.
    let long = format!("/api/v1/persons?reason={}", "x".repeat(2001));
    let (status, ru) = send(long.clone(), person.clone(), "ru").await;
    assert_eq!(
        (status, ru["code"].as_str(), ru["field"].as_str()),
        (400, Some("bad_request"), Some("reason"))
    );
    assert_eq!(message(&ru), "причина — не длиннее 2000 символов (поле «reason»)");
    let (_, kk) = send(long.clone(), person.clone(), "kk").await;
    assert_eq!(message(&kk), "себеп ең көбі 2000 таңба («reason» өрісі)");
    let (_, en) = send(long, person.clone(), "en").await;
    assert_eq!(message(&en), "a reason is at most 2000 characters");

    // Too many items in a list: a core check with its number.
    let aliases: Vec<String> = (0..501).map(|i| format!("\"Alias {i}\"")).collect();
    let many = format!(r#"{{"name": "Many Names", "aliases": [{}]}}"#, aliases.join(","));
    let (status, ru) = send("/api/v1/persons".into(), many.clone(), "ru").await;
    assert_eq!((status, ru["code"].as_str()), (422, Some("invalid")), "{ru}");
    assert!(message(&ru).ends_with("aliases: не более 500 элементов"), "{ru}");
    let (_, kk) = send("/api/v1/persons".into(), many, "kk").await;
    assert!(message(&kk).ends_with("aliases: ең көбі 500 элемент"), "{kk}");

    // Not JSON, on the second line: the kind of fault and where.
    let broken = "{\n  \"name\" \"X\"}".to_owned();
    let (status, ru) = send("/api/v1/persons".into(), broken.clone(), "ru").await;
    assert_eq!((status, ru["code"].as_str()), (400, Some("bad_request")), "{ru}");
    assert_eq!(
        message(&ru),
        "Тело запроса — не правильный JSON. синтаксическая ошибка в строке 2, столбец 10 (поле «body»)"
    );
    let (_, kk) = send("/api/v1/persons".into(), broken.clone(), "kk").await;
    assert!(message(&kk).contains("2-жолдың 10-бағанында синтаксис қатесі"), "{kk}");
    let (_, en) = send("/api/v1/persons".into(), broken, "en").await;
    assert!(message(&en).contains("expected `:` at line 2 column 10"), "{en}");

    // JSON, but a value of the wrong type, and a field the record has not.
    let (status, ru) = send("/api/v1/persons".into(), r#"{"name": 5}"#.into(), "ru").await;
    assert_eq!((status, ru["field"].as_str()), (400, Some("name")), "{ru}");
    assert_eq!(
        message(&ru),
        "значение не того типа, который принимает поле (поле «name»)"
    );
    let (_, kk) = send("/api/v1/persons".into(), r#"{"name": "X", "nick": "y"}"#.into(), "kk").await;
    assert!(
        message(&kk).starts_with("белгісіз «nick» өрісі; болатын өрістер: `id`"),
        "{kk}"
    );
    for v in [&ru, &kk] {
        assert!(
            !message(v).contains("invalid") && !message(v).contains("unknown"),
            "{v}"
        );
    }

    assert_eq!(count().await, before, "nothing was written");
}

/// The fields a browser would send from the first `<form class="… record">`
/// of a page: inputs (checkboxes when checked), textareas and selected
/// options, by name, unescaped.
fn record_form_fields(html: &str) -> Vec<(String, String)> {
    fn attr(tag: &str, name: &str) -> Option<String> {
        let marker = format!(" {name}=\"");
        let start = tag.find(&marker)? + marker.len();
        Some(unescape(tag[start..].split('"').next()?))
    }
    fn unescape(s: &str) -> String {
        s.replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }
    let start = html.find("class=\"stacked record\"").expect("a record form");
    let form = &html[start..start + html[start..].find("</form>").expect("form end")];
    let mut out = Vec::new();
    let mut rest = form;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if tag.starts_with("<input") {
            let kind = attr(tag, "type").unwrap_or_default();
            let checked = tag.contains(" checked");
            if let Some(name) = attr(tag, "name") {
                if kind != "checkbox" || checked {
                    out.push((name, attr(tag, "value").unwrap_or_default()));
                }
            }
        } else if tag.starts_with("<textarea") {
            if let Some(name) = attr(tag, "name") {
                let body = &rest[end + 1..];
                out.push((name, unescape(&body[..body.find("</textarea>").unwrap_or(0)])));
            }
        } else if tag.starts_with("<select") {
            if let Some(name) = attr(tag, "name") {
                let body = &rest[end + 1..];
                let options = &body[..body.find("</select>").unwrap_or(0)];
                let chosen = options
                    .split("<option")
                    .find(|o| o.contains(" selected"))
                    .and_then(|o| attr(o, "value"));
                out.push((name, chosen.unwrap_or_default()));
            }
        }
        rest = &rest[end.min(rest.len())..];
        if rest.len() <= 1 {
            break;
        }
        rest = &rest[1..];
    }
    out
}

/// Two editors open the same person's form; the first saves. The second's
/// save is not a silent overwrite: it is answered 409 with the form as
/// they typed it and, side by side, each field that differs from what is
/// saved now; nothing of theirs is written. Saved again from that page,
/// their version replaces the other, deliberately.
#[tokio::test]
async fn an_edit_form_opened_before_another_save_shows_the_conflict_instead_of_overwriting() {
    let app = TestApp::demo().await;
    let (ana, ana_csrf) = app.signed_in("ana", AccountRole::Editor).await;
    let (ben, ben_csrf) = app.signed_in("ben", AccountRole::Editor).await;
    let path = "/persons/max-bokaev/edit";
    let ana_form = record_form_fields(&body(ana.get(app.url(path))).await);
    let ben_form = record_form_fields(&body(ben.get(app.url(path))).await);
    assert!(
        ana_form.iter().any(|(k, v)| k == "revision" && !v.is_empty()),
        "{ana_form:?}"
    );
    let with = |form: &[(String, String)], csrf: &str, occupation: &str, reason: &str| {
        let mut fields: Vec<(String, String)> = form
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "occupation" | "reason" | "csrf"))
            .cloned()
            .collect();
        fields.push(("occupation".into(), occupation.into()));
        fields.push(("reason".into(), reason.into()));
        fields.push(("csrf".into(), csrf.into()));
        fields
    };
    let res = ana
        .post(app.url(path))
        .form(&with(&ana_form, &ana_csrf, "Oil worker", "from the 2019 report"))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap_or_default());

    let res = ben
        .post(app.url(path))
        .form(&with(&ben_form, &ben_csrf, "Union lawyer", "from the court record"))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 409);
    let page = res.text().await.expect("page");
    assert!(page.contains("Changed since you opened it"), "{page}");
    assert!(
        page.contains("Oil worker") && page.contains("Union lawyer"),
        "both values side by side"
    );
    let saved = app.json("/api/v1/persons/max-bokaev", 200).await;
    assert_eq!(
        saved["occupation"], "Oil worker",
        "nothing of the second editor's is written"
    );

    // Saved again from the conflict page: a deliberate replacement.
    let again = record_form_fields(&page);
    let res = ben
        .post(app.url(path))
        .form(&with(&again, &ben_csrf, "Union lawyer", "from the court record"))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap_or_default());
    let saved = app.json("/api/v1/persons/max-bokaev", 200).await;
    assert_eq!(saved["occupation"], "Union lawyer");
}

/// A timeline runs forwards: a precisely dated event comes before a range
/// that starts on its day (the opening of the case before the conviction),
/// on the person's page and on the case's, whatever the events' ids.
#[tokio::test]
async fn timelines_put_a_dated_event_before_a_range_starting_that_day() {
    use vigil_core::{Case, Event, EventType, Excerpt, Participant, Role, Source};
    let app = TestApp::empty().await;
    let change = Change::new("t", None);
    let id = |s: &str| RecordId::parse(s).unwrap();
    let source = Source::new(id("report"), "A report", "The case was opened; he was convicted.");
    let excerpt = Excerpt::quote(&source, 0, 19).unwrap();
    app.store.create(Record::Source(source), &change).await.unwrap();
    app.store
        .create(person("olzhas", "Olzhas N.", false), &change)
        .await
        .unwrap();
    let event = |ev: &str, t: EventType, date: &str, title: &str| {
        Record::Event(Event {
            participants: vec![Participant {
                record_id: id("olzhas"),
                role: Role::Victim,
            }],
            excerpts: vec![excerpt.clone()],
            ..Event::new(id(ev), t, date.parse().unwrap(), title)
        })
    };
    // The range's id sorts first, so only the dates can put it second.
    let records = [
        event(
            "a-conviction",
            EventType::Conviction,
            "2019-03-01/2019-06",
            "Convicted Marker-2",
        ),
        event("b-opening", EventType::Charge, "2019-03-01", "Case opened Marker-1"),
        Record::Case(Case {
            event_ids: vec![id("a-conviction"), id("b-opening")],
            person_ids: vec![id("olzhas")],
            id: id("the-case"),
            title: "The case".into(),
            description: None,
            confidential: false,
            confidential_fields: Vec::new(),
        }),
    ];
    for r in records {
        app.store.create(r, &change).await.unwrap();
    }
    for path in ["/persons/olzhas", "/cases/the-case"] {
        let page = app.page(path, 200).await;
        let opened = page.find("Case opened Marker-1").expect(path);
        let convicted = page.find("Convicted Marker-2").expect(path);
        assert!(
            opened < convicted,
            "{path}: the conviction is listed before the opening"
        );
    }
}

/// The history of a record names the people and organisations its states
/// name, with their roles in words, in the reader's language: never an id
/// nor a field's own name.
#[tokio::test]
async fn history_names_participants_and_affiliations_with_their_roles_in_words() {
    use vigil_app::i18n::Lang;
    use vigil_core::{Affiliation, Event, EventType, Excerpt, Organisation, Participant, Person, Role, Source};
    let app = TestApp::empty().await;
    let change = Change::new("t", None);
    let id = |s: &str| RecordId::parse(s).unwrap();
    let source = Source::new(id("report"), "A report", "He was detained with the union's lawyer.");
    let excerpt = Excerpt::quote(&source, 0, 15).unwrap();
    app.store.create(Record::Source(source), &change).await.unwrap();
    let union: Organisation = serde_json::from_value(serde_json::json!({
        "id": "oil-union", "name": "Union of Oil Workers", "kind": "union"
    }))
    .unwrap();
    app.store.create(Record::Organisation(union), &change).await.unwrap();
    app.store
        .create(person("olzhas-n", "Olzhas N.", false), &change)
        .await
        .unwrap();
    app.store
        .create(person("aigul-u", "Aigul U.", false), &change)
        .await
        .unwrap();
    let event = |participants: Vec<Participant>| {
        Record::Event(Event {
            participants,
            excerpts: vec![excerpt.clone()],
            ..Event::new(
                id("detention"),
                EventType::Detention,
                "2021-03-03".parse().unwrap(),
                "Detained",
            )
        })
    };
    let victim = Participant {
        record_id: id("olzhas-n"),
        role: Role::Victim,
    };
    app.store.create(event(vec![victim.clone()]), &change).await.unwrap();
    let lawyer = Participant {
        record_id: id("aigul-u"),
        role: Role::Actor,
    };
    app.store.update(event(vec![victim, lawyer]), &change).await.unwrap();
    let member = Record::Person(Person {
        affiliations: vec![Affiliation {
            organisation_id: id("oil-union"),
            role: Some("leader".into()),
            period: None,
        }],
        ..Person::named(id("olzhas-n"), "Olzhas N.")
    });
    app.store.update(member, &change).await.unwrap();

    let diff = |page: &str| -> String {
        let start = page.find("<table class=\"diff\"").expect("a diff");
        let end = start + page[start..].find("</table>").expect("its end");
        page[start..end].to_owned()
    };
    for lang in [Lang::En, Lang::Ru, Lang::Kk] {
        let code = lang.code();
        let event = diff(&app.page(&format!("/records/detention/history?lang={code}"), 200).await);
        let lawyer = format!("Aigul U. ({})", lang.term(&Role::Actor));
        assert!(event.contains(&lawyer), "{code}: {lawyer:?} in {event}");
        assert!(
            event.contains(&lang.tr("history-field-participants")),
            "{code}: {event}"
        );
        for raw in ["aigul-u", "olzhas-n", "record_id", "role:"] {
            assert!(!event.contains(raw), "{code}: {raw:?} shown in {event}");
        }
        let person = diff(&app.page(&format!("/records/olzhas-n/history?lang={code}"), 200).await);
        assert!(person.contains("Union of Oil Workers, leader"), "{code}: {person}");
        assert!(
            person.contains(&lang.tr("history-field-affiliations")),
            "{code}: {person}"
        );
        for raw in ["oil-union", "organisation_id"] {
            assert!(!person.contains(raw), "{code}: {raw:?} shown in {person}");
        }
    }
}

/// Each revision's state is a list of fields in words, in the reader's
/// language: a sentence's terms, its type, country and date in words, the
/// people by name; no JSON, no field's own name, no code nor id.
#[tokio::test]
async fn history_shows_each_state_as_fields_in_words() {
    use vigil_app::i18n::Lang;
    use vigil_core::{Event, EventType, Excerpt, Participant, Role, Source};
    let app = TestApp::empty().await;
    let change = Change::new("t", None);
    let id = |s: &str| RecordId::parse(s).unwrap();
    let source = Source::new(id("report"), "A report", "He was sentenced to seven years.");
    let excerpt = Excerpt::quote(&source, 0, 13).unwrap();
    app.store.create(Record::Source(source), &change).await.unwrap();
    app.store
        .create(person("olzhas-n", "Olzhas N.", false), &change)
        .await
        .unwrap();
    let mut sentence: Event = serde_json::from_value(serde_json::json!({
        "id": "sentence", "type": "sentence", "date": "2019-10-16", "title": "Sentenced",
        "country": "KZ", "terms": {"imprisonment": "P5M8D"}
    }))
    .unwrap();
    sentence.participants = vec![Participant {
        record_id: id("olzhas-n"),
        role: Role::Victim,
    }];
    sentence.excerpts = vec![excerpt];
    app.store
        .create(Record::Event(sentence.clone()), &change)
        .await
        .unwrap();
    sentence.title = "Sentenced again".into();
    app.store.update(Record::Event(sentence), &change).await.unwrap();

    for lang in [Lang::En, Lang::Ru, Lang::Kk] {
        let code = lang.code();
        let page = app.page(&format!("/records/sentence/history?lang={code}"), 200).await;
        let states: Vec<&str> = page
            .split("<dl class=\"state\">")
            .skip(1)
            .map(|s| &s[..s.find("</dl>").unwrap()])
            .collect();
        assert_eq!(states.len(), 2, "{code}: one state a revision");
        for state in &states {
            for words in [
                lang.tr("history-field-type"),
                lang.term(&EventType::Sentence),
                lang.tr("history-field-country"),
                lang.tr("country-kz"),
                vigil_app::words::date_in(lang, &"2019-10-16".parse().unwrap()),
                lang.tr_with(
                    "terms-imprisonment",
                    &[(
                        "length",
                        vigil_app::i18n::Arg::Text(&vigil_app::words::duration_in(lang, &"P5M8D".parse().unwrap())),
                    )],
                ),
                format!("Olzhas N. ({})", lang.term(&Role::Victim)),
            ] {
                let words = words.replace('"', "&quot;");
                assert!(state.contains(&words), "{code}: {words:?} not in {state}");
            }
            for raw in [
                "P5M8D",
                ">KZ<",
                "olzhas-n",
                "record_id",
                "imprisonment\"",
                "{",
                "2019-10-16<",
                ">sentence<",
            ] {
                assert!(!state.contains(raw), "{code}: {raw:?} shown in {state}");
            }
        }
        assert!(!page.contains("<pre>"), "{code}: no raw state left");
    }
}

/// An assessment's history says its status, what it assesses and who made
/// it in the reader's words: vocabulary codes in words, records by name,
/// never their ids as text.
#[tokio::test]
async fn an_assessments_history_is_in_words() {
    use vigil_app::i18n::Lang;
    let app = TestApp::demo().await;
    let demo = vigil_demo::case_file().expect("demo case file");
    let assessment = demo.assessments.first().expect("the demo has assessments");
    let title_of = |id: &RecordId| {
        demo.records()
            .into_iter()
            .find(|r| r.id() == id)
            .map(|r| r.title().to_owned())
            .expect("a record the assessment names")
    };
    let (subject, by) = (title_of(&assessment.subject_id), title_of(&assessment.by_id));
    for lang in [Lang::Ru, Lang::Kk] {
        let code = lang.code();
        let page = app
            .page(&format!("/records/{}/history?lang={code}", assessment.id), 200)
            .await;
        let state = page
            .split("<dl class=\"state\">")
            .nth(1)
            .map(|s| &s[..s.find("</dl>").unwrap_or(s.len())])
            .expect("a state");
        for words in [
            lang.tr("history-field-subject-id"),
            lang.tr("history-field-by-id"),
            lang.tr("history-field-status"),
            lang.term(&assessment.status),
            subject.clone(),
            by.clone(),
        ]
        .into_iter()
        .chain(assessment.evidence.iter().map(|x| lang.term(&x.bearing)))
        {
            let words = words.replace('"', "&quot;");
            assert!(state.contains(&words), "{code}: {words:?} not in {state}");
        }
        for raw in [
            format!(">{}<", assessment.status.as_str()),
            format!(">{}<", assessment.subject_id),
            format!(">{}<", assessment.by_id),
            "event_id".to_owned(),
            "bearing:".to_owned(),
            ">subject id<".to_owned(),
            ">by id<".to_owned(),
        ] {
            assert!(!state.contains(&raw), "{code}: {raw:?} shown in {state}");
        }
    }
}

/// The event form sets and clears the pattern marker (issue 19): opened
/// on the demo's pattern it is ticked; saved without it, the event is
/// dated again and its page no longer says "A pattern."; ticked again,
/// it is one.
#[tokio::test]
async fn the_event_form_sets_and_clears_the_pattern_marker() {
    const ID: &str = "critical-organisations-registration-denials";
    let app = TestApp::demo().await;
    let (ana, csrf) = app.signed_in("ana", AccountRole::Editor).await;
    let path = format!("/events/{ID}/edit");
    for (tick, want) in [(false, false), (true, true)] {
        let form = record_form_fields(&body(ana.get(app.url(&path))).await);
        assert_eq!(
            form.iter().any(|(k, _)| k == "pattern"),
            !tick,
            "the box shows the marker as stored: {form:?}"
        );
        let mut fields: Vec<(String, String)> = form
            .into_iter()
            .filter(|(k, _)| !matches!(k.as_str(), "pattern" | "reason" | "csrf"))
            .collect();
        if tick {
            fields.push(("pattern".into(), "on".into()));
        }
        fields.push(("reason".into(), "a practice, or not".into()));
        fields.push(("csrf".into(), csrf.clone()));
        let res = ana.post(app.url(&path)).form(&fields).send().await.expect("post");
        assert_eq!(res.status(), 303, "{}", res.text().await.unwrap_or_default());
        let saved = app.json(&format!("/api/v1/events/{ID}"), 200).await;
        assert_eq!(saved["pattern"].as_bool().unwrap_or(false), want, "{saved}");
        let page = app.page(&format!("/events/{ID}"), 200).await;
        assert_eq!(page.contains("A pattern."), want);
    }
}
