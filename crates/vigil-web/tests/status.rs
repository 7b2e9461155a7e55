//! The status API, page and CSV over real HTTP.

mod common;

use common::{item_strs, TestApp};
use serde_json::Value;

fn restraints<'a>(item: &'a Value, kind: &str) -> Vec<&'a Value> {
    item["restraints"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == kind)
        .collect()
}

#[tokio::test]
async fn who_is_behind_bars_on_the_day_of_the_upr_review() {
    let app = TestApp::demo().await;
    let body = app.json("/api/v1/status?as_of=2019-11-07", 200).await;
    assert_eq!(body["as_of"], "2019-11-07");
    let items = body["items"].as_array().unwrap();
    let by_id = |id: &str| {
        items
            .iter()
            .find(|i| i["person_id"] == id)
            .unwrap_or_else(|| panic!("{id} listed"))
    };
    let baltabay = by_id("erlan-baltabay");
    assert_eq!(baltabay["name"], "Erlan Baltabay");
    let prison = restraints(baltabay, "imprisonment");
    assert_eq!(prison[0]["expected_end"], "2020-03-24");
    assert_eq!(prison[0]["certainty"], "certain");
    assert_eq!(prison[0]["because"][0], "baltabay-sentence-2019-10-16");
    assert_eq!(restraints(baltabay, "activity_ban")[0]["scope"], "public activity");
    assert_eq!(
        restraints(by_id("max-bokaev"), "imprisonment")[0]["certainty"],
        "certain"
    );
    for id in ["nurbek-kushakbaev", "amin-eleusinov", "larisa-kharkova"] {
        let ban = &restraints(by_id(id), "activity_ban")[0];
        assert_eq!(ban["scope"], "trade union leadership");
        assert!(ban["expected_end"].is_null());
    }
    assert!(
        items.iter().all(|i| i["steps"].is_null()),
        "the list leaves the steps to each person"
    );

    let jailed = app
        .json("/api/v1/status?as_of=2019-11-07&restraint=imprisonment", 200)
        .await;
    let ids: Vec<&str> = item_strs(&jailed, "person_id");
    assert_eq!(ids, ["erlan-baltabay", "max-bokaev"]);
}

#[tokio::test]
async fn one_persons_status_explains_itself() {
    let app = TestApp::demo().await;
    let s = app
        .json("/api/v1/persons/erlan-baltabay/status?as_of=2019-09-01", 200)
        .await;
    assert_eq!(s["at_liberty"], false);
    assert!(restraints(&s, "imprisonment").is_empty(), "pardoned in August");
    assert_eq!(restraints(&s, "fine").len(), 1);
    assert_eq!(restraints(&s, "activity_ban").len(), 1);
    let steps = s["steps"].as_array().unwrap();
    assert!(steps.iter().any(|st| st["event_id"] == "baltabay-pardon-2019-08"));
    let b = app
        .json("/api/v1/persons/max-bokaev/status?as_of=2021-06-01", 200)
        .await;
    assert_eq!(restraints(&b, "imprisonment")[0]["certainty"], "possible");
    let today = app.json("/api/v1/persons/mihra-rittman/status", 200).await;
    assert_eq!(today["at_liberty"], true);
    assert!(today["as_of"].as_str().unwrap().starts_with("20"));
}

#[tokio::test]
async fn bad_status_questions_are_400() {
    let app = TestApp::demo().await;
    app.bad_request("/api/v1/status?as_of=2019-11", "as_of").await;
    app.bad_request("/api/v1/status?as_of=tomorrow", "as_of").await;
    app.bad_request("/api/v1/status?restraint=jail", "restraint").await;
    app.error("/api/v1/persons/nobody/status", 404, "not_found", None).await;
    app.error("/api/v1/persons/knprk/status", 404, "not_found", None).await;
    app.page("/status?as_of=someday", 400).await;
}

#[tokio::test]
async fn the_status_page_and_its_csv() {
    let app = TestApp::demo().await;
    let page = app.page("/status?as_of=2019-11-07", 200).await;
    assert!(page.contains("Status on 7 November 2019"));
    assert!(page.contains("Imprisoned (2)"));
    assert!(page.contains("free from 24 March 2020"));
    assert!(page.contains("Banned (4)"), "Baltabay and the three union leaders");
    let res = app.get("/status.csv?as_of=2019-11-07").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("vigil-status-2019-11-07.csv"));
    let csv = res.text().await.unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("as_of,person_id,name,restraint,scope,start,expected_end,certainty,because,last_confirmed,disputed")
    );
    assert!(csv.contains("2019-11-07,erlan-baltabay,Erlan Baltabay,imprisonment,,2019-10-16,2020-03-24,certain,baltabay-sentence-2019-10-16"));
    // The ban has no stated end, and its only source may have come out as
    // early as 16 October: on 7 November it is possible, last confirmed
    // then.
    assert!(csv.contains(
        "nurbek-kushakbaev,Nurbek Kushakbaev,activity_ban,trade union leadership,2014/2019-10-16,,possible,\
         kushakbaev-union-leadership-ban,2019-10-16"
    ));
}

#[tokio::test]
async fn the_home_page_and_person_pages_show_status_today() {
    let app = TestApp::demo().await;
    let home = app.page("/", 200).await;
    assert!(home.contains("Behind bars or banned today"));
    assert!(
        home.contains(r#"href="/persons/erlan-baltabay""#),
        "bans without a stated end are in force today"
    );
    let p = app.page("/persons/erlan-baltabay", 200).await;
    assert!(p.contains("Status today"));
    assert!(p.contains("from public activity"));
    assert!(
        p.contains(r#"class="band imprisonment"#),
        "terms are drawn on the timeline"
    );
    assert!(
        p.contains(r#"class="band activity_ban open"#),
        "a ban with no end is drawn open"
    );
}

/// A ban with no stated end whose only evidence is a report of 2019 is not
/// "certain" today: it is possible, last confirmed when the report came out,
/// in the API, on the home page and in the stored status (which the home
/// page reads).
#[tokio::test]
async fn an_open_ended_ban_is_certain_only_until_its_last_confirmation() {
    let app = TestApp::demo().await;
    let body = app
        .json("/api/v1/status?as_of=2026-12-03&restraint=activity_ban", 200)
        .await;
    let items = body["items"].as_array().unwrap();
    let open: Vec<&Value> = items
        .iter()
        .flat_map(|i| restraints(i, "activity_ban"))
        .filter(|r| r["end_known"] == false)
        .collect();
    assert_eq!(open.len(), 4, "Baltabay and the three union leaders: {body}");
    for r in &open {
        assert_eq!(r["certainty"], "possible", "{r}");
        assert_eq!(r["last_confirmed"], "2019-10-16", "{r}");
    }
    // The person's own status, computed from the events, says the same.
    let s = app
        .json("/api/v1/persons/nurbek-kushakbaev/status?as_of=2026-12-03", 200)
        .await;
    assert_eq!(restraints(&s, "activity_ban")[0]["certainty"], "possible");
    // Up to the report, the ban is as certain as before.
    let s = app
        .json("/api/v1/persons/nurbek-kushakbaev/status?as_of=2019-10-16", 200)
        .await;
    assert_eq!(restraints(&s, "activity_ban")[0]["certainty"], "certain");
    let home = app.page("/", 200).await;
    assert!(home.contains("last confirmed on 16 October 2019"), "{home}");
    let person = app.page("/persons/nurbek-kushakbaev", 200).await;
    assert!(person.contains("last confirmed on 16 October 2019"));
}

/// "What the evidence showed on day K" is a question of its own: with
/// `known_on`, a status counts only passages of sources published by K.
#[tokio::test]
async fn a_status_as_the_evidence_of_an_earlier_day_showed_it() {
    let app = TestApp::demo().await;
    let all = app
        .json("/api/v1/persons/erlan-baltabay/status?as_of=2019-11-07", 200)
        .await;
    assert!(all["known_on"].is_null());
    let kinds = |v: &serde_json::Value| -> Vec<String> {
        v["restraints"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(kinds(&all).contains(&"imprisonment".to_owned()), "{all}");

    // On 1 June 2019 only the March article was out: his October sentence
    // was not known, and whatever is shown rests on sources out by then.
    let then = app
        .json(
            "/api/v1/persons/erlan-baltabay/status?as_of=2019-11-07&known_on=2019-06-01",
            200,
        )
        .await;
    assert_eq!(then["known_on"], "2019-06-01");
    assert!(!kinds(&then).contains(&"imprisonment".to_owned()), "{then}");
    for r in then["restraints"].as_array().unwrap() {
        for id in r["because"].as_array().unwrap() {
            let event = app.json(&format!("/api/v1/events/{}", id.as_str().unwrap()), 200).await;
            let cited = event["excerpts"].as_array().unwrap();
            let mut out_by_then = false;
            for x in cited {
                let source = app
                    .json(&format!("/api/v1/sources/{}", x["source_id"].as_str().unwrap()), 200)
                    .await;
                out_by_then |= source["published"].as_str().is_some_and(|p| p <= "2019-06-01");
            }
            assert!(out_by_then, "{id} rests on a source out by 1 June 2019");
        }
    }

    // Known on the day itself (the submission dated 16 October–7 November
    // is out on the 7th): the same as all the evidence.
    let same = app
        .json(
            "/api/v1/persons/erlan-baltabay/status?as_of=2019-11-07&known_on=2019-11-07",
            200,
        )
        .await;
    assert_eq!(kinds(&same), kinds(&all));
    assert_eq!(same["restraints"], all["restraints"]);

    app.bad_request("/api/v1/persons/erlan-baltabay/status?known_on=2019-06", "known_on")
        .await;
}

/// Issue 19: the status list of a country, as the evidence stood on a past
/// day. Max Bokaev's release in August 2019, reported only in 2021, frees
/// him in the list of all the evidence; the evidence of January 2020 still
/// shows him in prison, and the bans reported in the autumn of 2019 are
/// not in the list of June 2019's evidence.
#[tokio::test]
async fn the_status_list_of_a_country_as_the_evidence_of_an_earlier_day_showed_it() {
    use vigil_core::AccountRole;
    let app = TestApp::demo().await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let text = "Max Bokaev was released from prison on 15 August 2019, it emerged in 2021.";
    app.created(
        "/api/v1/sources",
        &editor,
        &serde_json::json!({"id": "late-report", "title": "A late report", "published": "2021-03-01", "text": text}),
    )
    .await;
    let excerpt = app.excerpt("late-report", text).await;
    app.created(
        "/api/v1/events",
        &editor,
        &serde_json::json!({
            "id": "bokaev-release-2019-08-15", "type": "release", "date": "2019-08-15", "country": "KZ",
            "title": "Max Bokaev released",
            "participants": [{"record_id": "max-bokaev", "role": "victim"}],
            "relates_to": ["bokaev-sentence-2016"],
            "excerpts": [excerpt],
        }),
    )
    .await;
    let names = |v: &Value| -> Vec<String> { item_strs(v, "name").into_iter().map(str::to_owned).collect() };

    // All the evidence: the country's list is the list of all (the demo's
    // persons are all of Kazakhstan), and Bokaev is free.
    let all = app.json("/api/v1/status?as_of=2019-09-01", 200).await;
    let kz = app.json("/api/v1/status?as_of=2019-09-01&country=kz", 200).await;
    assert_eq!(kz["items"], all["items"]);
    assert_eq!(kz["known_on"], Value::Null);
    assert!(!names(&all).contains(&"Max Bokaev".to_owned()), "{all:#}");

    // The evidence of January 2020: the release was not known.
    let then = app
        .json("/api/v1/status?as_of=2019-09-01&country=KZ&known_on=2020-01-01", 200)
        .await;
    assert_eq!(then["known_on"], "2020-01-01");
    assert!(names(&then).contains(&"Max Bokaev".to_owned()), "{then:#}");
    assert_eq!(then["total"].as_u64(), Some(all["total"].as_u64().unwrap() + 1));

    // The evidence of June 2019: only the March article, no ban.
    let june = app
        .json(
            "/api/v1/status?as_of=2019-09-01&country=KZ&known_on=2019-06-01&restraint=activity_ban",
            200,
        )
        .await;
    assert_eq!(june["total"], 0, "{june:#}");
    let bans = app
        .json("/api/v1/status?as_of=2019-09-01&country=KZ&restraint=activity_ban", 200)
        .await;
    assert!(bans["total"].as_u64() >= Some(3), "{bans:#}");

    // Paged and ordered as the list of all.
    let first = app
        .json(
            "/api/v1/status?as_of=2019-09-01&country=KZ&known_on=2020-01-01&limit=2",
            200,
        )
        .await;
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    assert_eq!(first["total"], then["total"]);
    assert_eq!(names(&first), names(&then)[..2]);

    // The evidence of a past day needs a country; a country the case
    // file does not know is not found.
    app.bad_request("/api/v1/status?as_of=2019-09-01&known_on=2020-01-01", "country")
        .await;
    app.bad_request("/api/v1/status?country=KAZ", "country").await;
    app.error("/api/v1/status?country=FR&known_on=2020-01-01", 404, "not_found", None)
        .await;

    // The page says which evidence it shows, in Russian too.
    let res = app
        .client
        .get(app.url("/status?as_of=2019-09-01&country=KZ&known_on=2020-01-01"))
        .header("cookie", "lang=ru")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let ru = res.text().await.unwrap();
    assert!(ru.contains("По сведениям, опубликованным к 1 января 2020"), "{ru}");
    assert!(ru.contains("Max Bokaev") || ru.contains("Бокаев"), "{ru}");
    // And its CSV, linked from the page, says the same.
    assert!(
        ru.contains("/status.csv?as_of=2019-09-01&amp;country=KZ&amp;known_on=2020-01-01"),
        "{ru}"
    );
    let csv = app
        .text("/status.csv?as_of=2019-09-01&country=KZ&known_on=2020-01-01")
        .await;
    assert!(csv.contains("max-bokaev,Max Bokaev,imprisonment"), "{csv}");
    let csv_all = app.text("/status.csv?as_of=2019-09-01").await;
    assert!(!csv_all.contains("max-bokaev"), "{csv_all}");
    assert_eq!(csv.lines().count(), csv_all.lines().count() + 1, "{csv}\n{csv_all}");
    assert_eq!(
        app.get("/status.csv?as_of=2019-09-01&known_on=2020-01-01")
            .await
            .status(),
        400
    );
}

/// Issue 19: `recorded_on` over HTTP. The test's case file was recorded
/// today, so on any past day it held no one (its history over several
/// days is tested in vigil-app's `recorded_on`); today, or later, is the
/// case file as it is.
#[tokio::test]
async fn a_status_as_the_case_file_recorded_it_over_http() {
    let app = TestApp::demo().await;
    let today = vigil_core::date::format_day(vigil_app::status::today());
    let yesterday = vigil_app::status::today()
        .previous_day()
        .map(vigil_core::date::format_day)
        .unwrap();
    let now = app
        .json("/api/v1/persons/erlan-baltabay/status?as_of=2019-11-07", 200)
        .await;
    let same = app
        .json(
            &format!("/api/v1/persons/erlan-baltabay/status?as_of=2019-11-07&recorded_on={today}"),
            200,
        )
        .await;
    assert_eq!(same["recorded_on"], Value::Null);
    assert_eq!(same["restraints"], now["restraints"]);
    app.error(
        &format!("/api/v1/persons/erlan-baltabay/status?as_of=2019-11-07&recorded_on={yesterday}"),
        404,
        "not_found",
        None,
    )
    .await;
    app.bad_request(
        "/api/v1/persons/erlan-baltabay/status?recorded_on=yesterday",
        "recorded_on",
    )
    .await;
    app.error(
        "/api/v1/persons/NOT%20AN%20ID/status?recorded_on=2020-01-01",
        404,
        "not_found",
        None,
    )
    .await;
}

// ---- Claims: sources that disagree (issue 19) ---------------------------

const FIVE_MONTHS: &str =
    "On 16 October Erlan Baltabay was sentenced to five months in prison for not paying the fine.";
const SENTENCE: &str = "baltabay-sentence-2019-10-16";

/// A second source saying "five months" where the demo's says "five months
/// and eight days", given to the sentence as another account; `confidential`
/// makes the second source confidential. The source's id.
async fn five_months_account(app: &TestApp, token: &str, confidential: bool) -> String {
    let mut body = serde_json::json!({
        "title": "Union leader jailed again",
        "publisher": "A second newsroom",
        "published": "2019-10-17",
        "text": FIVE_MONTHS,
        "confidential": confidential,
    });
    if !confidential {
        body["id"] = "rfe-five-months".into();
    }
    let source = app.created_id("/api/v1/sources", token, &body).await;
    let mut event = app.json_as(&format!("/api/v1/events/{SENTENCE}"), token).await;
    let mut quote = app.excerpt_as(&source, "sentenced to five months", token).await;
    quote["claim"] = "second-newsroom".into();
    event["excerpts"].as_array_mut().unwrap().push(quote);
    event["claims"] = serde_json::json!([{"key": "second-newsroom", "terms": {"imprisonment": "P5M"}}]);
    let res = app.put_json(&format!("/api/v1/events/{SENTENCE}"), token, &event).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    source
}

fn imprisonment_on(status: &Value) -> &Value {
    status["restraints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "imprisonment")
        .unwrap_or_else(|| panic!("imprisoned: {status}"))
}

#[tokio::test]
async fn a_term_two_sources_disagree_on_is_possible_where_they_differ_and_an_editor_can_reject_one() {
    let app = TestApp::demo().await;
    let editor = app.token("claims-editor", vigil_core::AccountRole::Editor).await;
    let reader = app.token("claims-reader", vigil_core::AccountRole::Reader).await;
    let status = |day: &'static str| {
        let app = &app;
        async move {
            app.json(&format!("/api/v1/persons/erlan-baltabay/status?as_of={day}"), 200)
                .await
        }
    };
    // Before: five months and eight days, certain to 23 March 2020.
    assert_eq!(imprisonment_on(&status("2020-03-20").await)["certainty"], "certain");

    five_months_account(&app, &editor, false).await;
    let event = app.json(&format!("/api/v1/events/{SENTENCE}"), 200).await;
    assert_eq!(event["claims"][0]["terms"]["imprisonment"], "P5M");
    let after = status("2020-03-20").await;
    let prison = imprisonment_on(&after);
    assert_eq!(prison["certainty"], "possible", "{after}");
    assert_eq!(prison["disputed"], serde_json::json!([SENTENCE]));
    assert_eq!(prison["expected_end"], "2020-03-16/2020-03-24");
    assert_eq!(imprisonment_on(&status("2020-03-10").await)["certainty"], "certain");
    // The event's page shows both accounts with their sources.
    let page = app.page(&format!("/events/{SENTENCE}"), 200).await;
    assert!(page.contains("The sources disagree"), "{page}");
    assert!(page.contains("Union leader jailed again") && page.contains("id=\"claim-second-newsroom\""));

    // Deciding is an editor's, with a reason, on an account that exists.
    let reject = format!("/api/v1/events/{SENTENCE}/claims/reject");
    let why =
        serde_json::json!({"key": "second-newsroom", "reason": "the court's ruling says five months and eight days"});
    let res = app.send_anonymous(reqwest::Method::POST, &reject, &why).await;
    assert_eq!(res.status(), 401);
    assert_eq!(app.post_json(&reject, &reader, &why).await.status(), 403);
    let res = app
        .post_json(
            &reject,
            &editor,
            &serde_json::json!({"key": "second-newsroom", "reason": "  "}),
        )
        .await;
    assert_eq!(res.status(), 422, "an empty reason");
    let res = app
        .post_json(&reject, &editor, &serde_json::json!({"key": "nowhere", "reason": "x"}))
        .await;
    assert_eq!(res.status(), 404);
    let res = app
        .post_json(&reject, &editor, &serde_json::json!({"key": 5, "reason": "x"}))
        .await;
    assert_eq!(res.status(), 400, "a key of the wrong type");
    let res = app
        .post_json("/api/v1/events/no-such-event/claims/reject", &editor, &why)
        .await;
    assert_eq!(res.status(), 404);
    assert_eq!(
        app.json(&format!("/api/v1/events/{SENTENCE}"), 200).await["claims"][0]["rejected"],
        Value::Null,
        "refusals write nothing"
    );

    let res = app.post_json(&reject, &editor, &why).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let rejected = status("2020-03-20").await;
    assert_eq!(
        imprisonment_on(&rejected)["certainty"],
        "certain",
        "a rejected account is not read"
    );
    assert!(imprisonment_on(&rejected)["disputed"].is_null());
    let event = app.json(&format!("/api/v1/events/{SENTENCE}"), 200).await;
    assert_eq!(event["claims"][0]["rejected"], why["reason"], "kept, and shown");
    let history = app
        .json_as(&format!("/api/v1/revisions?record={SENTENCE}"), &editor)
        .await;
    let reasons: Vec<String> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["reason"].as_str().map(str::to_owned))
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("second-newsroom") && r.contains("five months and eight days")),
        "{reasons:?}"
    );
    // Rejecting again changes nothing; taking it back reads it again.
    assert_eq!(app.post_json(&reject, &editor, &why).await.status(), 409);
    let back = format!("/api/v1/events/{SENTENCE}/claims/reinstate");
    let res = app
        .post_json(&back, &editor, &serde_json::json!({"key": "second-newsroom"}))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(imprisonment_on(&status("2020-03-20").await)["certainty"], "possible");
}

#[tokio::test]
async fn an_account_only_a_confidential_source_gives_is_not_shown_nor_read_for_the_public() {
    let app = TestApp::demo().await;
    let trusted = app
        .token("claims-trusted", vigil_core::AccountRole::ConfidentialReader)
        .await;
    let source = five_months_account(&app, &trusted, true).await;
    let public = app.json(&format!("/api/v1/events/{SENTENCE}"), 200).await;
    assert!(public["claims"].is_null(), "{public}");
    assert!(!public.to_string().contains(&source) && !public.to_string().contains("five months in prison"));
    let status = app
        .json("/api/v1/persons/erlan-baltabay/status?as_of=2020-03-20", 200)
        .await;
    assert_eq!(imprisonment_on(&status)["certainty"], "certain", "{status}");
    assert!(!status.to_string().contains("disputed"));
    let page = app.page(&format!("/events/{SENTENCE}"), 200).await;
    assert!(!page.contains("The sources disagree") && !page.contains("second-newsroom"));
    let listed = app.json("/api/v1/status?as_of=2020-03-20", 200).await;
    assert!(
        !listed.to_string().contains("disputed"),
        "the list as the public reads it"
    );

    let seen = app
        .json_as("/api/v1/persons/erlan-baltabay/status?as_of=2020-03-20", &trusted)
        .await;
    assert_eq!(imprisonment_on(&seen)["certainty"], "possible", "{seen}");
    // An editor without the right saves what they see: the account they
    // were not shown stays.
    let editor = app.token("claims-plain-editor", vigil_core::AccountRole::Editor).await;
    let mut shown = app.json_as(&format!("/api/v1/events/{SENTENCE}"), &editor).await;
    shown["title"] = "Sentenced for not paying the fine".into();
    let res = app
        .put_json(&format!("/api/v1/events/{SENTENCE}"), &editor, &shown)
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let full = app.json_as(&format!("/api/v1/events/{SENTENCE}"), &trusted).await;
    assert_eq!(full["claims"][0]["key"], "second-newsroom", "{full}");
    assert_eq!(full["title"], "Sentenced for not paying the fine");
}

#[tokio::test]
async fn a_claim_no_excerpt_states_or_an_excerpt_naming_no_claim_is_refused_and_nothing_written() {
    let app = TestApp::demo().await;
    let editor = app.token("claims-bad-editor", vigil_core::AccountRole::Editor).await;
    let before = app.json(&format!("/api/v1/events/{SENTENCE}"), 200).await;
    let mut event = before.clone();
    event["claims"] = serde_json::json!([{"key": "unstated", "date": "2019-10-17"}]);
    let res = app
        .put_json(&format!("/api/v1/events/{SENTENCE}"), &editor, &event)
        .await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["field"], "claims[0]", "{body}");
    let mut event = before.clone();
    event["excerpts"][0]["claim"] = "nowhere".into();
    let res = app
        .put_json(&format!("/api/v1/events/{SENTENCE}"), &editor, &event)
        .await;
    assert_eq!(res.status(), 422);
    let mut event = before.clone();
    event["claims"] = serde_json::json!("not a list");
    let res = app
        .put_json(&format!("/api/v1/events/{SENTENCE}"), &editor, &event)
        .await;
    assert!(matches!(res.status().as_u16(), 400 | 422), "{}", res.status());
    assert_eq!(app.json(&format!("/api/v1/events/{SENTENCE}"), 200).await, before);
}

/// Issue 19: claims on who took part. A second source says the sentence
/// of 2016 was Nurbek Kushakbaev's, not Max Bokaev's: each is then only
/// possibly imprisoned, in the list too; the event shows both accounts with
/// their people; an account naming a record that does not exist is
/// refused; one naming a confidential person is withheld whole from the
/// public.
#[tokio::test]
async fn an_account_naming_another_person_makes_the_sentence_possible_for_either() {
    use vigil_core::AccountRole;
    let app = TestApp::demo().await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let text = "Nurbek Kushakbaev was sentenced to five years in prison in 2016.";
    app.created(
        "/api/v1/sources",
        &editor,
        &serde_json::json!({"id": "other-newsroom", "title": "Another newsroom", "published": "2019-04-01", "text": text}),
    )
    .await;
    let mut quote = app.excerpt("other-newsroom", text).await;
    quote["claim"] = "other-person".into();
    let path = "/api/v1/events/bokaev-sentence-2016";
    let original = app.json_as(path, &editor).await;
    let mut event = original.clone();
    event["excerpts"].as_array_mut().unwrap().push(quote.clone());
    // A person who does not exist: refused, nothing written.
    event["claims"] = serde_json::json!([{"key": "other-person", "participants": [{"record_id": "no-such-person", "role": "victim"}]}]);
    let res = app.put_json(path, &editor, &event).await;
    assert_eq!(res.status(), 422);
    let err: Value = res.json().await.unwrap();
    assert_eq!(err["error"]["field"], "claims[0].participants[0].record_id", "{err}");
    assert_eq!(app.json_as(path, &editor).await, original);

    event["claims"] = serde_json::json!([{"key": "other-person", "participants": [{"record_id": "nurbek-kushakbaev", "role": "victim"}]}]);
    let res = app.put_json(path, &editor, &event).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());

    let prison = |s: &Value| -> Option<String> {
        s["restraints"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kind"] == "imprisonment")
            .map(|r| r["certainty"].as_str().unwrap().to_owned())
    };
    for who in ["max-bokaev", "nurbek-kushakbaev"] {
        let s = app
            .json(&format!("/api/v1/persons/{who}/status?as_of=2018-01-01"), 200)
            .await;
        assert_eq!(prison(&s).as_deref(), Some("possible"), "{who}: {s:#}");
    }
    // The list kept by the store says so too.
    let list = app
        .json("/api/v1/status?as_of=2018-01-01&restraint=imprisonment", 200)
        .await;
    let names = item_strs(&list, "name");
    assert!(
        names.contains(&"Nurbek Kushakbaev") && names.contains(&"Max Bokaev"),
        "{list:#}"
    );
    // The event's page: both accounts, each with its people.
    let page = app.text("/events/bokaev-sentence-2016").await;
    let accounts = &page[page.find("id=\"accounts\"").expect("the accounts")..];
    assert!(
        accounts.contains("Max Bokaev") && accounts.contains("Nurbek Kushakbaev"),
        "{accounts}"
    );
    // Rejected, the other account is not read: Bokaev's prison is certain.
    let res = app
        .post_json(
            "/api/v1/events/bokaev-sentence-2016/claims/reject",
            &editor,
            &serde_json::json!({"key": "other-person", "reason": "the verdict names Bokaev"}),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let s = app
        .json("/api/v1/persons/max-bokaev/status?as_of=2018-01-01", 200)
        .await;
    assert_eq!(prison(&s).as_deref(), Some("certain"));
    let s = app
        .json("/api/v1/persons/nurbek-kushakbaev/status?as_of=2018-01-01", 200)
        .await;
    assert_eq!(prison(&s), None, "{s:#}");

    // An account naming a confidential witness: withheld whole from the public.
    let cr = app.token("cr", AccountRole::ConfidentialReader).await;
    let witness = app
        .created_id(
            "/api/v1/persons",
            &cr,
            &serde_json::json!({"name": "Hidden Witness", "confidential": true}),
        )
        .await;
    let mut event = app.json_as(path, &cr).await;
    event["claims"] =
        serde_json::json!([{"key": "other-person", "participants": [{"record_id": witness, "role": "victim"}]}]);
    let res = app.put_json(path, &cr, &event).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let public = app.text(path).await;
    assert!(
        !public.contains(&witness) && !public.contains("other-person"),
        "{public}"
    );
    let page = app.text("/events/bokaev-sentence-2016").await;
    assert!(!page.contains(&witness) && !page.contains("Hidden Witness"), "{page}");
    let s = app
        .json("/api/v1/persons/max-bokaev/status?as_of=2018-01-01", 200)
        .await;
    assert_eq!(
        prison(&s).as_deref(),
        Some("certain"),
        "the public reads the event's own account"
    );
    let seen = app
        .json_as(&format!("/api/v1/persons/{witness}/status?as_of=2018-01-01"), &cr)
        .await;
    assert_eq!(prison(&seen).as_deref(), Some("possible"), "{seen:#}");
    let s = app
        .json_as("/api/v1/persons/max-bokaev/status?as_of=2018-01-01", &cr)
        .await;
    assert_eq!(prison(&s).as_deref(), Some("possible"));
}
