//! Accountability over HTTP: the country page, the briefing as of a review
//! day with every footnote checked against its source, the rating and its
//! "why", a rule change that changes the rating, confidentiality, and bad
//! input.

mod common;

use std::collections::{BTreeSet, HashMap};

use common::{body, content_type, find_item, refused, total_of, TestApp};
use serde_json::{json, Value};
use vigil_core::AccountRole;

/// The body of a Markdown section (`## title` up to the next `## `).
fn section<'a>(md: &'a str, title_start: &str) -> &'a str {
    let start = md
        .find(&format!("## {title_start}"))
        .unwrap_or_else(|| panic!("no section '{title_start}' in\n{md}"));
    let rest = &md[start + 3..];
    let end = rest.find("\n## ").map(|i| i + 1).unwrap_or(rest.len());
    &rest[..end]
}

/// `[^n]: source-id, bytes a–b (title): “text”` lines.
fn footnotes(md: &str) -> Vec<(usize, String, usize, usize, String)> {
    let mut out = Vec::new();
    let lines: Vec<&str> = md.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        let Some(rest) = line.strip_prefix("[^") else { continue };
        let (n, rest) = rest.split_once("]: ").expect("a footnote label");
        // In double marks, or in single ones where the passage holds
        // double marks of its own.
        let (head, quote, close) = match rest.split_once(": “") {
            Some((head, quote)) => (head, quote, '”'),
            None => {
                let (head, quote) = rest.split_once(": ‘").expect("a quoted passage");
                (head, quote, '’')
            }
        };
        let mut quote = quote.to_owned();
        // Continuation lines of a passage with line breaks.
        while i < lines.len() && lines[i].starts_with("    ") {
            quote.push('\n');
            quote.push_str(&lines[i][4..]);
            i += 1;
        }
        let quote = quote.strip_suffix(close).expect("closing quote").to_owned();
        let (source, bytes) = head.split_once(", bytes ").expect("bytes");
        let bytes = bytes.split(' ').next().unwrap();
        let (a, b) = bytes.split_once('–').expect("a range");
        out.push((
            n.parse().unwrap(),
            source.to_owned(),
            a.parse().unwrap(),
            b.parse().unwrap(),
            quote,
        ));
    }
    out
}

async fn source_texts(app: &TestApp, ids: impl Iterator<Item = String>) -> HashMap<String, String> {
    let ids: BTreeSet<String> = ids.collect();
    let mut out = HashMap::new();
    for id in ids {
        let s = app.json(&format!("/api/v1/sources/{id}"), 200).await;
        out.insert(id, s["text"].as_str().unwrap().to_owned());
    }
    out
}

#[tokio::test]
async fn the_briefing_on_the_upr_day_lists_who_is_jailed_and_banned_and_every_footnote_is_verbatim() {
    let app = TestApp::demo().await;
    let res = app.get("/countries/KZ/briefing?as_of=2019-11-07&format=md").await;
    assert_eq!(res.status(), 200);
    assert!(content_type(&res).starts_with("text/markdown"));
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("vigil-briefing-KZ-2019-11-07.md"));
    let md = res.text().await.unwrap();
    assert!(md.contains("Third Universal Periodic Review of Kazakhstan"), "{md}");

    let jailed = section(&md, "Imprisoned on 7 November 2019");
    for name in ["Erlan Baltabay", "Max Bokaev"] {
        assert!(jailed.contains(name), "{name} imprisoned:\n{jailed}");
    }
    assert!(
        jailed.contains("free from 24 March 2020"),
        "Baltabay's expected end:\n{jailed}"
    );
    let banned = section(&md, "Banned on 7 November 2019");
    for name in ["Nurbek Kushakbaev", "Amin Eleusinov", "Larisa Kharkova"] {
        assert!(banned.contains(name), "{name} banned:\n{banned}");
        assert!(!jailed.contains(name), "{name} is not imprisoned");
    }
    // No stated end: the briefing says when a source last confirmed it.
    assert!(banned.contains("last confirmed on 16 October 2019"), "{banned}");
    // The pledge, its assessment and the evidence against it.
    let pledges = section(&md, "Pledges");
    assert!(pledges.contains("Kassym-Jomart Tokayev, September 2019"), "{pledges}");
    assert!(
        pledges.contains("Assessed not implemented by Human Rights Watch"),
        "{pledges}"
    );
    assert!(pledges.contains("Evidence (contradicts)"), "{pledges}");
    let recs = section(&md, "Recommendations");
    assert!(recs.contains("Amend the Trade Union Law"), "{recs}");

    // Every statement is footnoted, every mark has its note, and every
    // note quotes its source verbatim at its offsets.
    let notes = footnotes(&md);
    assert!(notes.len() > 15, "{} footnotes", notes.len());
    assert!(!md.contains("””"), "no doubled closing mark");
    // No passage is quoted twice, whole or in part.
    for (i, a) in notes.iter().enumerate() {
        for b in &notes[i + 1..] {
            let overlap = a.1 == b.1 && ((a.2 <= b.2 && b.3 <= a.3) || (b.2 <= a.2 && a.3 <= b.3));
            assert!(
                a.4 != b.4 && !overlap,
                "notes {} and {} quote the same passage",
                a.0,
                b.0
            );
        }
    }
    let numbers: BTreeSet<usize> = notes.iter().map(|n| n.0).collect();
    assert_eq!(numbers, (1..=notes.len()).collect(), "numbered 1..n");
    let body = &md[..md.find("## Sources").unwrap()];
    for n in &numbers {
        assert!(body.contains(&format!("[^{n}]")), "note {n} is cited");
    }
    for line in body.lines().filter(|l| l.trim_start().starts_with("- ")) {
        let is_group = line.trim_end().ends_with(')') && !line.contains("[^");
        assert!(
            line.contains("[^") || is_group,
            "a statement without a footnote: {line}"
        );
    }
    let texts = source_texts(&app, notes.iter().map(|n| n.1.clone())).await;
    for (n, source, start, end, quote) in &notes {
        assert_eq!(
            texts[source].get(*start..*end),
            Some(quote.as_str()),
            "footnote {n} quotes {source} at {start}..{end}"
        );
    }

    // The JSON briefing carries the same statements and passages.
    let data = app.json("/api/v1/countries/KZ/briefing?as_of=2019-11-07", 200).await;
    assert_eq!(data["as_of"], "2019-11-07");
    let passages = data["footnotes"].as_array().unwrap();
    assert_eq!(passages.len(), notes.len());
    for (p, (_, source, start, end, quote)) in passages.iter().zip(&notes) {
        assert_eq!(p["source_id"], source.as_str());
        assert_eq!(p["start"], *start);
        assert_eq!(p["end"], *end);
        assert_eq!(p["text"], quote.as_str());
    }
    let jailed: Vec<&str> = data["sections"][1]["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(jailed.len(), 2, "{jailed:?}");

    // The printable page has the same footnotes, and a print stylesheet.
    let html = app.page("/countries/KZ/briefing?as_of=2019-11-07", 200).await;
    assert_eq!(html.matches("<li id=\"fn-").count(), notes.len());
    assert!(html.contains("format=md"), "a Markdown download link");
    for n in 1..=notes.len() {
        assert_eq!(
            html.matches(&format!("id=\"ref-{n}\"")).count(),
            1,
            "one anchor for note {n}"
        );
    }
    assert!(html.contains("Max Bokaev"));
    let css = app.page("/assets/vigil.css", 200).await;
    assert!(css.contains("@media print"));
}

#[tokio::test]
async fn the_rating_why_lists_exactly_the_events_the_rule_counted() {
    let app = TestApp::demo().await;
    let body = app.json("/api/v1/countries/KZ/rating?year=2019", 200).await;
    assert_eq!(body["country"], "KZ");
    assert_eq!(body["year"], 2019);
    assert_eq!(body["rule"]["id"], "default-rating-rule");
    let counted: Vec<(String, String)> = body["counted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["event_id"].as_str().unwrap().to_owned(),
                c["indicator"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = [
        ("zhanaozen-arrests-2019", "arrests-detentions"),
        ("chinese-investment-protest-arrests-2019-09", "arrests-detentions"),
        ("opposition-rally-detentions-2019-09", "arrests-detentions"),
        ("baltabay-sentence-2019-10-16", "prosecutions"),
        ("baltabay-sentence-2019-10-16", "unionists-prosecuted"),
        // "Organisations … are denied official registration" is a pattern
        // (issue 19): counted in no year.
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let sorted = |mut v: Vec<(String, String)>| {
        v.sort();
        v
    };
    assert_eq!(sorted(counted.clone()), sorted(expected), "{body:#}");
    // The score is the sum of what counted, and each counted event is a
    // 2019 event of Kazakhstan of a type its indicator counts.
    let points: u64 = total_of(&body["counted"], "points");
    assert_eq!(body["score"].as_u64().unwrap(), points);
    assert_eq!(points, 16);
    assert_eq!(body["rating"], "3");
    for c in body["counted"].as_array().unwrap() {
        let e = app
            .json(&format!("/api/v1/events/{}", c["event_id"].as_str().unwrap()), 200)
            .await;
        assert_eq!(e["country"], "KZ");
        assert!(e["date"].as_str().unwrap().contains("2019"));
        let indicator = find_item(&body["rule"]["indicators"], |i| i["code"] == c["indicator"]);
        assert!(indicator["event_types"].as_array().unwrap().contains(&e["type"]));
    }
    // The country's data: the same rating, and the status engine's counts.
    let kz = app.json("/api/v1/countries/KZ", 200).await;
    let y2019 = find_item(&kz["ratings"], |r| r["year"] == 2019);
    assert_eq!(y2019["rating"], "3");
    assert_eq!(y2019["counted"], 5);
    let november = find_item(&kz["restraints_by_month"], |m| m["month"] == "2019-11-01");
    assert_eq!(november["imprisoned"], 2, "Baltabay and Bokaev");
    assert_eq!(november["banned"], 4, "the three KNPRK leaders and Baltabay");
    // Certain and possible apart: in 2015 the leaders' bans ("2014 to 16
    // October 2019") may not have started yet.
    let june_2015 = find_item(&kz["restraints_by_month"], |m| m["month"] == "2015-06-01");
    assert_eq!(june_2015["banned"], 3, "{june_2015}");
    assert_eq!(june_2015["banned_certain"], 0, "{june_2015}");
    assert_eq!(november["imprisoned_certain"], 2, "{november}");
    assert_eq!(kz["reviews"].as_array().unwrap().len(), 3);
    assert_eq!(kz["pledges"][0]["latest_assessment"]["status"], "not_implemented");
    // The page shows the same "why".
    let page = app.page("/countries/KZ", 200).await;
    assert!(page.contains("id=\"rating-2019\""));
    // The chart draws the certain and the possible apart, with a legend.
    for class in [
        "imprisoned certain",
        "imprisoned possible",
        "banned certain",
        "banned possible",
    ] {
        assert!(page.contains(&format!("<polyline class=\"{class}\"")), "{class}");
    }
    assert!(page.contains("Banned, certainly or possibly"), "the legend, in words");
    assert!(
        !page.contains("banned, possibly too"),
        "no English legend inside the chart"
    );
    assert!(page.contains("Dozens arrested for protesting Chinese investment"));
}

/// A year with no documented event is not rated 1 ("sporadic violations")
/// but "no data": 2012, the year of the Zhanaozen strikes, has only an
/// event dated "2011/2012", which the rule does not place in a year. A rule
/// that states its years leaves the others "not covered".
#[tokio::test]
async fn a_year_without_documented_events_has_no_rating() {
    let app = TestApp::demo().await;
    let body = app.json("/api/v1/countries/KZ/rating?year=2012", 200).await;
    assert_eq!(body["rating"], Value::Null, "{body}");
    assert_eq!(body["coverage"], "no_data");
    assert_eq!(body["rating_label"], "no data");
    assert!(
        !body["undated_in_year"].as_array().unwrap().is_empty(),
        "the strikes may fall in it"
    );
    let rated = app.json("/api/v1/countries/KZ/rating?year=2019", 200).await;
    assert_eq!(rated["coverage"], "rated");
    let kz = app.json("/api/v1/countries/KZ", 200).await;
    let y2012 = find_item(&kz["ratings"], |r| r["year"] == 2012);
    assert_eq!(
        (&y2012["rating"], &y2012["coverage"]),
        (&Value::Null, &Value::from("no_data"))
    );
    let page = app.page("/countries/KZ", 200).await;
    assert!(
        page.contains("2012: <strong class=\"unrated\">no data</strong>"),
        "the year's summary"
    );
    assert!(page.contains("class=\"unrated no_data\""), "the chart's empty bar");
    // The rule says which years it covers: 2019 is then not covered.
    let token = app.token("rater", AccountRole::Editor).await;
    let mut rule = app.json("/api/v1/rating-rules/default-rating-rule", 200).await;
    rule["years"] = json!({"from": 2011, "to": 2018});
    let res = app
        .put_json("/api/v1/rating-rules/default-rating-rule", &token, &rule)
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let body = app.json("/api/v1/countries/KZ/rating?year=2019", 200).await;
    assert_eq!(
        (&body["rating"], &body["coverage"]),
        (&Value::Null, &Value::from("not_covered"))
    );
    assert_eq!(body["rating_label"], "not covered by the rule");
    rule["years"] = json!({"from": 2019, "to": 2011});
    let res = app
        .put_json("/api/v1/rating-rules/default-rating-rule", &token, &rule)
        .await;
    refused(res, 422, "years").await;
}

#[tokio::test]
async fn changing_a_weight_changes_the_rating_and_is_a_revision() {
    let app = TestApp::demo().await;
    let before = app.json("/api/v1/countries/KZ/rating?year=2019", 200).await;
    assert_eq!(before["rating"], "3");
    let mut rule = app.json("/api/v1/rating-rules/default-rating-rule", 200).await;
    let arrests = rule["indicators"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|i| i["code"] == "arrests-detentions")
        .unwrap();
    arrests["weight"] = json!(8);

    // Anonymous: refused.
    let res = app
        .send_anonymous(reqwest::Method::PUT, "/api/v1/rating-rules/default-rating-rule", &rule)
        .await;
    assert_eq!(res.status(), 401);

    let token = app.token("ana", AccountRole::Editor).await;
    let res = app
        .put_json(
            "/api/v1/rating-rules/default-rating-rule?reason=arrests+weigh+more",
            &token,
            &rule,
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let after = app.json("/api/v1/countries/KZ/rating?year=2019", 200).await;
    // Three arrests and detentions, 5 more points each.
    assert_eq!(after["score"].as_u64().unwrap(), 31);
    assert_eq!(after["rating"], "4");
    assert_eq!(after["counted"].as_array().unwrap().len(), 5, "the same events count");
    let revisions = app.json("/api/v1/revisions?record=default-rating-rule", 200).await;
    assert_eq!(revisions["total"], 2);

    // A rule that does not hold together is refused, naming the field.
    let mut bad = rule.clone();
    bad["thresholds"][1]["min_score"] = json!(0);
    let res = app
        .put_json("/api/v1/rating-rules/default-rating-rule", &token, &bad)
        .await;
    refused(res, 422, "thresholds[1]").await;
}

#[tokio::test]
async fn confidential_records_stay_out_of_the_country_page_briefing_and_rating() {
    let app = TestApp::demo().await;
    let keeper = app.token("kate", AccountRole::ConfidentialReader).await;
    let mut event = app.kz_detention("Witness X detained").await;
    event["confidential"] = json!(true);
    let excerpt = event["excerpts"][0].clone();
    let detention = app.created_id("/api/v1/events", &keeper, &event).await;
    let pledge = json!({
        "title": "A pledge made in private",
        "country": "KZ",
        "by_id": "kassym-jomart-tokayev",
        "date": "2019-10",
        "excerpts": [excerpt],
        "confidential": true
    });
    let secret_pledge = app.created_id("/api/v1/pledges", &keeper, &pledge).await;

    // The public sees neither.
    let public = app.json("/api/v1/countries/KZ/rating?year=2019", 200).await;
    assert_eq!(public["score"], 16);
    assert!(!public.to_string().contains(&detention));
    let page = app.page("/countries/KZ", 200).await;
    assert!(!page.contains("Witness X"));
    assert!(!page.contains("A pledge made in private"));
    let md = app.page("/countries/KZ/briefing?as_of=2019-11-07&format=md", 200).await;
    assert!(!md.contains("Witness X"));
    assert!(!md.contains("A pledge made in private"));
    app.error(&format!("/api/v1/pledges/{secret_pledge}"), 404, "not_found", None)
        .await;
    let listed = app.json("/api/v1/pledges", 200).await;
    assert_eq!(listed["total"], 1);

    // Those with the right see both.
    let get = |path: &'static str| app.client.get(app.url(path)).bearer_auth(&keeper).send();
    let seen: Value = get("/api/v1/countries/KZ/rating?year=2019")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(seen["score"], 19);
    assert!(seen.to_string().contains(&detention));
    let md = get("/countries/KZ/briefing?as_of=2019-11-07&format=md")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(md.contains("Witness X detained"));
    assert!(md.contains("A pledge made in private"));
}

#[tokio::test]
async fn records_pages_and_api_of_the_accountability_records() {
    let app = TestApp::demo().await;
    let reviews = app.json("/api/v1/reviews", 200).await;
    assert_eq!(reviews["total"], 3);
    let upr = app.json("/api/v1/reviews/review-upr-2019-kazakhstan", 200).await;
    assert_eq!(upr["date"], "2019-11-07");
    assert_eq!(upr["country"], "KZ");
    let pledge = app
        .json("/api/v1/pledges/tokayev-pledge-deep-reforms-2019-09", 200)
        .await;
    assert!(pledge["excerpts"][0]["text"]
        .as_str()
        .unwrap()
        .contains("deep reforms of judicial and law enforcement systems"));
    let a = app
        .json("/api/v1/assessments/assessment-hrw-2019-tokayev-pledge", 200)
        .await;
    assert_eq!(a["status"], "not_implemented");
    assert!(a["excerpts"][0]["text"]
        .as_str()
        .unwrap()
        .contains("has failed to bring Kazakhstan closer to UN human rights norms"));
    app.error("/api/v1/pledges/no-such-pledge", 404, "not_found", None)
        .await;

    // The recommendation's page draws its assessments as a timeline.
    let page = app.page("/recommendations/ilc-2019-amend-trade-union-law", 200).await;
    assert!(page.contains("<svg class=\"chart assessments\""));
    assert_eq!(page.matches("class=\"assessment not_implemented\"").count(), 2);
    let page = app.page("/pledges/tokayev-pledge-deep-reforms-2019-09", 200).await;
    assert!(page.contains("Events since the pledge"));
    assert!(page.contains("Baltabay sentenced again for not paying the fine"));
    for path in [
        "/mechanisms/upr",
        "/reviews/review-upr-2019-kazakhstan",
        "/assessments/assessment-ilo-2019-06-trade-union-law",
        "/rating-rules/default-rating-rule",
        "/reviews",
        "/countries",
    ] {
        app.page(path, 200).await;
    }

    // A pledge without its words is refused, naming the field.
    let token = app.token("ana", AccountRole::Editor).await;
    for (path, bad, field) in [
        (
            "/api/v1/pledges",
            json!({"title": "Unquoted", "country": "KZ", "by_id": "kassym-jomart-tokayev", "date": "2019"}),
            "excerpts",
        ),
        (
            "/api/v1/reviews",
            json!({"title": "A review", "mechanism_id": "upr", "country": "kz", "date": "2020"}),
            "country",
        ),
    ] {
        refused(app.post_json(path, &token, &bad).await, 422, field).await;
    }
    // Anonymous writes are refused.
    let res = app.send_anonymous(reqwest::Method::POST, "/api/v1/reviews", &upr).await;
    assert_eq!(res.status(), 401);
    // An editor gets the edit form (the record as JSON).
    let (client, csrf) = app.signed_in("eddie", AccountRole::Editor).await;
    let form = body(client.get(app.url("/reviews/review-upr-2019-kazakhstan/edit"))).await;
    assert!(form.contains("name=\"json\""), "{form}");
    assert!(form.contains("third cycle"));
    // And creates one through the form.
    let json_body = json!({
        "title": "Fourth Universal Periodic Review of Kazakhstan",
        "mechanism_id": "upr",
        "country": "KZ",
        "date": "2025",
        "session": "fourth cycle"
    })
    .to_string();
    let res = app
        .submit(
            &client,
            "/reviews/new",
            &[
                ("csrf", csrf.as_str()),
                ("id", "review-upr-2025-kazakhstan"),
                ("json", &json_body),
                ("reason", "the fourth cycle is scheduled"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/reviews/review-upr-2025-kazakhstan");
    let history = app.page("/records/review-upr-2025-kazakhstan/history", 200).await;
    assert!(history.contains("Fourth Universal Periodic Review"));
    // A form with a bad record says what is wrong, and keeps what was typed.
    let res = app
        .submit(
            &client,
            "/reviews/new",
            &[
                ("csrf", csrf.as_str()),
                ("json", "{\"title\": \"x\", \"country\": \"KZ\"}"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("mechanism_id"));
}

#[tokio::test]
async fn bad_countries_days_years_and_formats_are_refused_clearly() {
    let app = TestApp::demo().await;
    app.error("/api/v1/countries/KZZ/rating?year=2019", 404, "not_found", None)
        .await;
    app.error("/api/v1/countries/XX/rating?year=2019", 404, "not_found", None)
        .await;
    app.bad_request("/api/v1/countries/KZ/rating?year=twenty", "year").await;
    app.bad_request("/api/v1/countries/KZ/rating?year=1066", "year").await;
    app.error(
        "/api/v1/countries/KZ/rating?year=2019&rule=nope",
        404,
        "not_found",
        None,
    )
    .await;
    // Lower case is read as the code it is.
    app.json("/api/v1/countries/kz/rating?year=2019", 200).await;
    let page = app.page("/countries/XX", 404).await;
    assert!(page.contains("nothing about the country XX"));
    app.page("/countries/K1", 404).await;
    app.page("/countries/KZ?rule=nope", 404).await;
    app.error("/api/v1/countries/KZ?rule=nope", 404, "not_found", None)
        .await;
    let page = app.page("/countries/KZ/briefing?as_of=2019-13-01", 400).await;
    assert!(page.contains("as_of"));
    app.page("/countries/KZ/briefing?as_of=2019-11-07&format=pdf", 400)
        .await;
    app.page("/countries/KZ/briefing?as_of=2019-11-07&review=nope", 404)
        .await;
}

/// Issue finding: the briefing for a past review claimed to be the case
/// file "as it stood" that day, yet showed what was recorded since. Now it
/// rests on the evidence published by its day, says so, and lists what
/// was reported later apart; `known_on` asks for another day's evidence.
/// A detention in Aktau on 10 September 2019 that only a report of March
/// 2021 tells of (`later-reported-detention`).
async fn later_reported_detention(app: &TestApp) {
    let editor = app.token("ed", AccountRole::Editor).await;
    let text = "In March 2021 it emerged that the union organiser Serik Later had been detained in Aktau on 10 September 2019.";
    let source = json!({
        "id": "report-published-2021",
        "title": "A report published in 2021",
        "published": "2021-03-01",
        "text": text,
    });
    app.created("/api/v1/sources", &editor, &source).await;
    let excerpt = app.excerpt("report-published-2021", text).await;
    let event = json!({
        "id": "later-reported-detention",
        "type": "detention",
        "date": "2019-09-10",
        "country": "KZ",
        "title": "Serik Later detained",
        "excerpts": [excerpt],
    });
    app.created("/api/v1/events", &editor, &event).await;
}

#[tokio::test]
async fn a_briefing_for_a_past_review_rests_on_the_evidence_of_its_day() {
    let app = TestApp::demo().await;
    later_reported_detention(&app).await;

    // The review's day: the evidence published by 7 November 2019.
    let b = app.json("/api/v1/countries/KZ/briefing?as_of=2019-11-07", 200).await;
    assert_eq!(b["known_on"], "2019-11-07");
    assert!(
        b["lead"]
            .as_str()
            .unwrap()
            .contains("as the evidence published by 7 November 2019"),
        "{}",
        b["lead"]
    );
    let titles: Vec<&str> = b["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    let json_section = |title: &str| -> String {
        b["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["title"].as_str().unwrap().starts_with(title))
            .map(|s| s.to_string())
            .unwrap_or_default()
    };
    assert!(!json_section("Events since").contains("Serik Later"), "{titles:?}");
    let later = json_section("Reported only later");
    assert!(later.contains("Serik Later detained"), "{titles:?}");
    assert!(later.contains("first reported on 1 March 2021"), "{later}");
    // Its passage is still footnoted, from the source that reported it.
    assert!(b["sources"]["report-published-2021"].is_string());
    // What the demo's own sources said by then is all there.
    assert!(json_section("Imprisoned on").contains("Erlan Baltabay"));

    // The same day's facts as known in 2021: counted with the others.
    let b = app
        .json(
            "/api/v1/countries/KZ/briefing?as_of=2019-11-07&known_on=2021-06-01",
            200,
        )
        .await;
    assert_eq!(b["known_on"], "2021-06-01");
    let all = b["sections"].to_string();
    assert!(all.contains("Serik Later detained"));
    assert!(!all.contains("Reported only later"));

    // Today's briefing rests on all the evidence held, and says so.
    let b = app.json("/api/v1/countries/KZ/briefing", 200).await;
    assert!(b["known_on"].is_null());
    assert!(b["lead"].as_str().unwrap().contains("from all the evidence"));

    // On 1 June 2019 the HRW submission (October–November 2019) was not
    // out: nobody is listed as banned from its passages alone, and what it
    // reported of the months before is listed as reported later.
    let md = app
        .get("/countries/KZ/briefing?as_of=2019-06-01&format=md")
        .await
        .text()
        .await
        .unwrap();
    assert!(md.contains("as the evidence published by 1 June 2019"), "{md}");
    let later = section(&md, "Reported only later");
    assert!(later.contains("first reported on 7 November 2019"), "{md}");

    // A bad day is refused.
    app.error(
        "/api/v1/countries/KZ/briefing?known_on=2019-13-01",
        400,
        "bad_request",
        Some("known_on"),
    )
    .await;
}

/// Finding 5 of issue 19: the seed's "Organizations that work on
/// controversial issues … are denied official registration" states a
/// practice, not an event of the article's days. It is not counted in the
/// 2019 rating, not among the events since the September 2019 pledge or
/// the previous review, not among the latest events; it is listed apart
/// as a pattern, with its source.
#[tokio::test]
async fn a_pattern_is_listed_apart_and_counted_nowhere() {
    const ID: &str = "critical-organisations-registration-denials";
    const TITLE: &str = "Critical organisations denied official registration";
    let app = TestApp::demo().await;
    let event = app.json(&format!("/api/v1/events/{ID}"), 200).await;
    assert_eq!(event["pattern"], true, "{event}");

    // Not in the 2019 rating.
    let rating = app.json("/api/v1/countries/KZ/rating?year=2019", 200).await;
    assert!(!rating.to_string().contains(ID), "{rating:#}");
    // Not since the pledge; listed as a pattern.
    let kz = app.json("/api/v1/countries/KZ", 200).await;
    let pledge = &kz["pledges"][0];
    assert!(pledge["events_since_total"].as_u64().unwrap() > 0, "{pledge}");
    assert!(!pledge["events_since"].to_string().contains(ID), "{pledge}");
    let patterns: Vec<&str> = kz["patterns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(patterns, [ID]);
    assert!(kz["ratings"].to_string().contains("2019"));
    // Not among the latest events on the home page; on the country page
    // under "Patterns reported", quoted with its source.
    let home = app.page("/", 200).await;
    assert!(home.contains("Baltabay"), "the latest events are listed");
    assert!(!home.contains(TITLE), "not among the latest events");
    let page = app.page("/countries/KZ", 200).await;
    let (before, after) = page.split_once("id=\"patterns\"").expect("a section of patterns");
    assert!(!before.contains(TITLE), "not in the pledge's events since");
    assert!(after.contains("Patterns reported"));
    assert!(after.contains(TITLE));
    assert!(after.contains("are denied official registration"), "the passage quoted");
    assert!(after.contains("/sources/hrw-2019-kazakhstan-upr#at-"), "cited");
    // The briefing for the review: not among the events since the
    // previous review; under "Patterns reported", footnoted.
    let md = app.page("/countries/KZ/briefing?as_of=2019-11-07&format=md", 200).await;
    assert!(!section(&md, "Events since").contains(TITLE), "{md}");
    let listed = section(&md, "Patterns reported");
    assert!(listed.contains(TITLE) && listed.contains("[^"), "{listed}");
    // The event page says what it is.
    let shown = app.page(&format!("/events/{ID}"), 200).await;
    assert!(shown.contains("A pattern."), "{shown}");
    // Russian and Kazakh too.
    for (lang, words) in [("ru", "Сообщаемые практики"), ("kk", "Хабарланған тәжірибелер")]
    {
        let page = app.page(&format!("/countries/KZ?lang={lang}"), 200).await;
        assert!(page.contains(words), "{lang}");
    }
}

/// The marker is written and cleared over the JSON API, and the kept
/// state follows each write: cleared, the event counts in 2019 again (4
/// points, rating 4) and is among the events since the pledge; marked
/// again, neither. A marker of the wrong type breaks the body's schema: a
/// 400 naming the field, as for every field (a 422 is for rules a schema
/// cannot state), and nothing is written.
#[tokio::test]
async fn the_pattern_marker_is_set_and_cleared_and_bad_input_is_refused() {
    const ID: &str = "critical-organisations-registration-denials";
    let app = TestApp::demo().await;
    let token = app.token("ed", AccountRole::Editor).await;
    let path = format!("/api/v1/events/{ID}?reason=test");
    let mut event = app.json(&format!("/api/v1/events/{ID}"), 200).await;
    let since = |kz: &Value| kz["pledges"][0]["events_since"].to_string().contains(ID);

    for bad in [json!("yes"), json!(1), json!(null)] {
        let mut wrong = event.clone();
        wrong["pattern"] = bad.clone();
        let err = refused(app.put_json(&path, &token, &wrong).await, 400, "pattern").await;
        assert!(
            err["error"]["message"].as_str().unwrap().contains("bool"),
            "{bad}: {err}"
        );
    }
    let revisions = app.json(&format!("/api/v1/revisions?record={ID}"), 200).await;
    assert_eq!(revisions["total"], 1, "nothing written");
    assert_eq!(app.json(&format!("/api/v1/events/{ID}"), 200).await["pattern"], true);

    event["pattern"] = json!(false);
    assert_eq!(app.put_json(&path, &token, &event).await.status(), 200);
    let cleared = app.json(&format!("/api/v1/events/{ID}"), 200).await;
    assert!(cleared.get("pattern").is_none(), "false is not written out: {cleared}");
    let rating = app.json("/api/v1/countries/KZ/rating?year=2019", 200).await;
    assert_eq!((rating["score"].as_u64(), &rating["rating"]), (Some(20), &json!("4")));
    let kz = app.json("/api/v1/countries/KZ", 200).await;
    assert!(since(&kz) && kz["patterns"].as_array().unwrap().is_empty(), "{kz}");

    event["pattern"] = json!(true);
    assert_eq!(app.put_json(&path, &token, &event).await.status(), 200);
    let rating = app.json("/api/v1/countries/KZ/rating?year=2019", 200).await;
    assert_eq!((rating["score"].as_u64(), &rating["rating"]), (Some(16), &json!("3")));
    let kz = app.json("/api/v1/countries/KZ", 200).await;
    assert!(!since(&kz) && kz["patterns"][0]["id"] == ID, "{kz}");
}

/// Issue 19: the country page and the rating can be asked as the evidence
/// stood on a past day (`known_on`), over HTTP, in the reader's language.
/// A detention of 2019 reported only in 2021 counts in the 2019 rating of
/// all the evidence, and not in that of the evidence of 2020.
#[tokio::test]
async fn the_country_page_and_rating_as_the_evidence_stood_on_a_day() {
    let app = TestApp::demo().await;
    later_reported_detention(&app).await;

    let counted = |r: &Value| -> Vec<String> {
        let mut v: Vec<String> = r["counted"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["event_id"].as_str().unwrap_or_default().to_owned())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let all = app.json("/api/v1/countries/KZ/rating?year=2019", 200).await;
    assert_eq!(all["known_on"], Value::Null);
    assert!(
        counted(&all).contains(&"later-reported-detention".to_owned()),
        "{all:#}"
    );
    let then = app
        .json("/api/v1/countries/KZ/rating?year=2019&known_on=2020-06-01", 200)
        .await;
    assert_eq!(then["known_on"], "2020-06-01");
    assert!(
        !counted(&then).contains(&"later-reported-detention".to_owned()),
        "{then:#}"
    );
    assert!(then["score"].as_u64() < all["score"].as_u64(), "{then:#}\n{all:#}");
    // Today or later is all the evidence held.
    let today = vigil_core::date::format_day(vigil_app::status::today());
    let same = app
        .json(&format!("/api/v1/countries/KZ/rating?year=2019&known_on={today}"), 200)
        .await;
    assert_eq!(same["known_on"], Value::Null);
    assert_eq!(counted(&same), counted(&all));

    // The country page as data: the events of 2019 by type.
    let detentions_2019 = |c: &Value| -> u64 {
        c["events_by_type_and_year"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["type"] == "detention" && t["year"] == 2019)
            .map(|t| t["count"].as_u64().unwrap())
            .sum()
    };
    let page_all = app.json("/api/v1/countries/KZ", 200).await;
    let page_then = app.json("/api/v1/countries/KZ?known_on=2020-06-01", 200).await;
    assert_eq!(page_then["known_on"], "2020-06-01");
    assert_eq!(page_all["known_on"], Value::Null);
    assert_eq!(detentions_2019(&page_all), detentions_2019(&page_then) + 1);

    // The page says which evidence it shows, in Russian too, and links
    // the rating of the same day.
    let html = app.text("/countries/KZ?known_on=2020-06-01").await;
    assert!(
        html.contains("As the evidence published by 1 June 2020 showed it"),
        "{html}"
    );
    assert!(html.contains("known_on=2020-06-01"));
    let res = app
        .client
        .get(app.url("/countries/KZ?known_on=2020-06-01"))
        .header("cookie", "lang=ru")
        .send()
        .await
        .unwrap();
    let ru = res.text().await.unwrap();
    assert!(ru.contains("По сведениям, опубликованным к 1 июня 2020"), "{ru}");
    assert!(!app.text("/countries/KZ").await.contains("As the evidence published by"));

    // A day that is not one is refused, naming the parameter.
    app.bad_request("/api/v1/countries/KZ?known_on=June", "known_on").await;
    app.bad_request("/api/v1/countries/KZ/rating?year=2019&known_on=2019-02-30", "known_on")
        .await;
}
