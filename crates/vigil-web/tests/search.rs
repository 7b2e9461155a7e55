//! Search over real HTTP: the API with its facets and 400s, name
//! suggestions, the page and its facet links, the search box on every
//! page, and confidential records never found.

mod common;

use common::{content_type, find_item, ids, total_of, TestApp};
use vigil_core::{Person, RecordId};
use vigil_store::{Change, Store};

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn every_spelling_finds_the_person_over_http() {
    let app = TestApp::demo().await;
    for (q, id) in [
        ("Baltabai", "erlan-baltabay"),
        ("Балтабай", "erlan-baltabay"),
        ("Kushakpaev", "nurbek-kushakbaev"),
        ("Kushakbayev", "nurbek-kushakbaev"),
        ("Кушакбаев", "nurbek-kushakbaev"),
        ("Тоқаев", "kassym-jomart-tokayev"),
        ("Tokaev", "kassym-jomart-tokayev"),
        ("Nazarbaev", "nursultan-nazarbayev"),
        ("Назарбаев", "nursultan-nazarbayev"),
        ("Елеусинов", "amin-eleusinov"),
        ("Харькова", "larisa-kharkova"),
    ] {
        let body = app.json(&format!("/api/v1/search?kind=person&q={}", enc(q)), 200).await;
        assert_eq!(ids(&body).first().map(String::as_str), Some(id), "{q}: {body}");
        let item = &body["items"][0];
        assert_eq!(item["kind"], "person");
        assert!(item["score"].as_f64().unwrap() > 0.0);
        assert!(item["title"].is_string());
    }
}

#[tokio::test]
async fn results_carry_snippets_facets_and_filters() {
    let app = TestApp::demo().await;
    let body = app.json("/api/v1/search?q=Baltabay", 200).await;
    let total = body["total"].as_u64().unwrap();
    assert!(total >= 10, "{body}");
    let source = find_item(&body["items"], |i| i["kind"] == "source");
    let snippet = source["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>Baltabay</mark>"), "{snippet}");
    let facets = &body["facets"];
    for name in ["kind", "type", "year", "country", "organisation", "language"] {
        assert!(facets[name].is_array(), "{name}: {facets}");
    }
    let kinds: u64 = total_of(&facets["kind"], "count");
    assert_eq!(kinds, total);
    let sentence = find_item(&facets["type"], |v| v["value"] == "sentence");
    let n = sentence["count"].as_u64().unwrap();

    let narrowed = app
        .json("/api/v1/search?q=Baltabay&type=sentence&kind=event", 200)
        .await;
    assert_eq!(narrowed["total"].as_u64().unwrap(), n);
    let narrowed = app
        .json("/api/v1/search?q=Baltabay&kind=event&year=2019&country=kz", 200)
        .await;
    assert!(narrowed["total"].as_u64().unwrap() > 0);
    let none = app.json("/api/v1/search?q=Baltabay&language=ru", 200).await;
    assert_eq!(none["total"], 0);
    let org = app.json("/api/v1/search?organisation=fewu&kind=event", 200).await;
    assert!(ids(&org).contains(&"baltabay-searches".to_owned()), "{org}");
    let paged = app.json("/api/v1/search?q=Baltabay&limit=3&offset=3", 200).await;
    assert_eq!(paged["items"].as_array().unwrap().len(), 3);
    assert_eq!(paged["total"].as_u64().unwrap(), total);
}

#[tokio::test]
async fn bad_queries_get_a_400_naming_the_field_or_a_best_effort_answer() {
    let app = TestApp::demo().await;
    // Over the 200 characters a query may have, under the 8 KiB an address may.
    let long = "Baltabay ".repeat(100);
    app.bad_request(&format!("/api/v1/search?q={}", enc(&long)), "q").await;
    app.bad_request("/api/v1/search?q=Bal%00tabay", "q").await;
    app.bad_request("/api/v1/search?q=a%07b", "q").await;
    for (path, field) in [
        ("/api/v1/search?q=x&kind=dog", "kind"),
        ("/api/v1/search?q=x&type=jailing", "type"),
        ("/api/v1/search?q=x&year=twenty", "year"),
        ("/api/v1/search?q=x&year=99999", "year"),
        ("/api/v1/search?q=x&country=Kazakhstan", "country"),
        ("/api/v1/search?q=x&organisation=Not%20An%20Id", "organisation"),
        ("/api/v1/search?q=x&language=%3Cscript%3E", "language"),
        ("/api/v1/search?q=x&limit=0", "limit"),
        ("/api/v1/search?q=x&offset=-1", "offset"),
        ("/api/v1/search/suggest?q=x&limit=500", "limit"),
    ] {
        app.error(path, 400, "bad_request", Some(field)).await;
    }
    for q in [
        "%22unbalanced+quote+Baltabay",
        "Baltabay%22+union%22%22",
        "(((+AND+OR+*%3A*+~2+%5E3",
        "%22%22",
        "-",
        "%E2%80%94",
    ] {
        let body = app.json(&format!("/api/v1/search?q={q}"), 200).await;
        assert!(body["items"].is_array(), "{q}");
    }
    let body = app.json("/api/v1/search?q=%22Erlan+Baltabay", 200).await;
    assert_eq!(ids(&body)[0], "erlan-baltabay");
    // The page answers a bad query with a 400 page, never a 500.
    let page = app.page(&format!("/search?q={}", enc(&long)), 400).await;
    assert!(page.contains("at most 200 characters"));
    app.page("/search?q=%22oops", 200).await;
}

#[tokio::test]
async fn names_are_suggested_as_one_types() {
    let app = TestApp::demo().await;
    let body = app
        .json(&format!("/api/v1/search/suggest?q={}", enc("Балт")), 200)
        .await;
    assert_eq!(ids(&body)[0], "erlan-baltabay", "{body}");
    assert_eq!(body["items"][0]["name"], "Erlan Baltabay");
    assert_eq!(body["items"][0]["kind"], "person");
    let body = app.json("/api/v1/search/suggest?q=Kushakp", 200).await;
    assert_eq!(ids(&body)[0], "nurbek-kushakbaev", "{body}");
    let body = app.json("/api/v1/search/suggest?q=b", 200).await;
    assert_eq!(body["items"].as_array().unwrap().len(), 0);
    let body = app.json("/api/v1/search/suggest", 200).await;
    assert_eq!(body["items"].as_array().unwrap().len(), 0);

    let res = app.get("/assets/suggest.js").await;
    assert_eq!(res.status(), 200);
    assert!(content_type(&res).starts_with("text/javascript"));
    let script = res.text().await.unwrap();
    assert!(script.contains("/api/v1/search/suggest"));
}

#[tokio::test]
async fn the_search_page_works_without_javascript() {
    let app = TestApp::demo().await;
    // A search box on every page, a plain form.
    for path in ["/", "/persons", "/events/baltabay-pardon-2019-08", "/nowhere"] {
        let res = app.get(path).await;
        let html = res.text().await.unwrap();
        assert!(
            html.contains(r#"action="/search""#) && html.contains(r#"name="q""#),
            "{path}"
        );
        assert!(html.contains(r#"<script src="/assets/suggest.js" defer>"#));
    }
    let html = app.page("/search", 200).await;
    assert!(html.contains("Type a name"));

    let html = app.page(&format!("/search?q={}", enc("Балтабай")), 200).await;
    assert!(html.contains(r#"href="/persons/erlan-baltabay""#), "{html}");
    assert!(html.contains("<mark>Baltabay</mark>"));
    // Facets are links that add a filter to the same search.
    assert!(
        html.contains("href=\"/search?q=%D0%91%D0%B0%D0%BB%D1%82%D0%B0%D0%B1%D0%B0%D0%B9&amp;kind=event\""),
        "{html}"
    );
    let html = app
        .page(&format!("/search?q={}&kind=event&type=pardon", enc("Балтабай")), 200)
        .await;
    assert!(html.contains(r#"href="/events/baltabay-pardon-2019-08""#));
    assert!(!html.contains(r#"href="/persons/erlan-baltabay""#));
    assert!(html.contains("Remove this filter"));
    // Paging links carry the query.
    let html = app.page("/search?q=Kazakhstan&limit=5", 200).await;
    assert!(
        html.contains(r#"rel="next" href="/search?q=Kazakhstan&amp;offset=5""#),
        "{html}"
    );
    // Everything shown is escaped: a query cannot inject markup.
    let html = app.page("/search?q=%3Cscript%3Ealert(1)%3C/script%3E", 200).await;
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;alert(1)"));
}

#[tokio::test]
async fn writes_are_searchable_and_confidential_records_never() {
    let app = TestApp::demo().await;
    let change = Change::new("test", None);
    let mut person = Person {
        aliases: vec!["Айгуль Зкхвв".into()],
        country: Some("KZ".into()),
        confidential: true,
        ..Person::named(RecordId::parse("aigul-witness").unwrap(), "Aigul Zqxwvtestname")
    };
    app.store.create(person.clone().into(), &change).await.unwrap();
    for path in [
        "/api/v1/search?q=Zqxwvtestname",
        "/api/v1/search?q=Aigul",
        "/api/v1/search?q=%D0%97%D0%BA%D1%85%D0%B2%D0%B2",
        "/api/v1/search?kind=person&country=KZ&limit=500",
        "/api/v1/search/suggest?q=Zqxw",
    ] {
        let body = app.json(path, 200).await;
        assert!(!body.to_string().contains("aigul-witness"), "{path}: {body}");
    }
    let html = app.page("/search?q=Zqxwvtestname", 200).await;
    assert!(!html.contains("Zqxwvtestname</a>"));

    // Made public, it is found at the next request.
    person.confidential = false;
    app.store.update(person.clone().into(), &change).await.unwrap();
    let body = app.json("/api/v1/search?q=Zqxwvtestname", 200).await;
    assert_eq!(ids(&body), ["aigul-witness"]);
    // Hidden again, it is gone again.
    person.confidential = true;
    app.store.update(person.into(), &change).await.unwrap();
    let body = app.json("/api/v1/search?q=Zqxwvtestname", 200).await;
    assert_eq!(body["total"], 0);
}
