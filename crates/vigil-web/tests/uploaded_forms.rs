//! An organisation's own XForm: uploaded by an admin (the API and the
//! admin page), refused when it is not one, listed to phones with its MD5
//! and served as uploaded; a report sent with it becomes a confidential
//! source written under its labels, with proposals only from fields named
//! as Vigil's. Over real HTTP on loopback.

mod common;

use common::{collect_form, file_part, send_submission, TestApp, PASSWORD};
use vigil_core::AccountRole;
use vigil_store::Attachments as _;

const DEVICE: &str = "phone-1";

fn form(version: &str, court_label: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa">
  <h:head>
    <h:title>Trial monitoring</h:title>
    <model>
      <itext><translation lang="English (en)" default="true()"><text id="/trial/court:label"><value>{court_label}</value></text></translation></itext>
      <instance>
        <trial id="union_trial_monitoring" version="{version}"><court/><judge/><persons/><notes/><meta><instanceID/></meta></trial>
      </instance>
      <bind nodeset="/trial/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>
    </model>
  </h:head>
  <h:body>
    <input ref="/trial/court"><label ref="jr:itext('/trial/court:label')"/></input>
    <input ref="/trial/judge"><label>Judge's name</label></input>
    <input ref="/trial/persons"><label>Defendants, one a line</label></input>
    <input ref="/trial/notes"><label>What was said</label></input>
  </h:body>
</h:html>"#
    )
}

fn md5(bytes: &[u8]) -> String {
    use md5::Digest as _;
    common::hex(&md5::Md5::digest(bytes))
}

async fn upload(app: &TestApp, token: Option<&str>, content_type: &str, body: &str) -> (u16, serde_json::Value) {
    let mut req = app
        .client
        .post(app.url("/api/v1/forms"))
        .header("content-type", content_type)
        .body(body.to_owned());
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.expect("upload");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(serde_json::Value::Null))
}

async fn device_get(app: &TestApp, path: &str) -> reqwest::Response {
    app.send_basic(reqwest::Method::GET, path, DEVICE).await
}

async fn listed(app: &TestApp, token: &str) -> Vec<String> {
    let res = app.get_as("/api/v1/forms", token).await;
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.expect("json");
    body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["form_id"].as_str().unwrap_or(""),
                f["version"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[tokio::test]
async fn an_admin_uploads_a_form_phones_list_it_and_its_reports_are_written_under_its_labels() {
    let app = TestApp::empty().await;
    app.account(DEVICE, AccountRole::Device).await;
    let admin = app.token("admin@example.org", AccountRole::Admin).await;
    let editor = app.token("ed@example.org", AccountRole::Editor).await;
    let lawyer = app.token("lawyer@example.org", AccountRole::ConfidentialReader).await;
    let v1 = form("1", "Which court?");

    // Only admins upload; others are refused and nothing is kept.
    assert_eq!(upload(&app, None, "application/xml", &v1).await.0, 401);
    assert_eq!(upload(&app, Some(&editor), "application/xml", &v1).await.0, 403);
    assert_eq!(upload(&app, Some(&lawyer), "application/xml", &v1).await.0, 403);
    let device = app
        .client
        .post(app.url("/api/v1/forms"))
        .basic_auth(DEVICE, Some(PASSWORD))
        .header("content-type", "application/xml")
        .body(v1.clone())
        .send()
        .await
        .expect("device");
    assert_eq!(device.status(), 403);
    assert_eq!(app.get_as("/api/v1/forms", &editor).await.status(), 403);
    assert!(listed(&app, &admin).await.is_empty());

    // Bad XML, and XML that is not a usable form: a 400 naming the form
    // and why, nothing kept.
    for (bad, says) in [
        ("<h:html><model>".to_owned(), "well-formed"),
        (v1.replace(" version=\"1\"", ""), "no version"),
        (v1.replace("<meta><instanceID/></meta>", ""), "meta/instanceID"),
        (
            v1.replace("union_trial_monitoring", "vigil_incident_report"),
            "Vigil's own",
        ),
    ] {
        let (status, body) = upload(&app, Some(&admin), "application/xml", &bad).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["error"]["field"], "form", "{body}");
        assert!(body["error"]["message"].as_str().unwrap_or("").contains(says), "{body}");
    }
    assert_eq!(upload(&app, Some(&admin), "application/json", "{}").await.0, 415);
    assert!(listed(&app, &admin).await.is_empty());

    // Kept, listed with its MD5, served byte for byte.
    let (status, body) = upload(&app, Some(&admin), "application/xml", &v1).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["form_id"], "union_trial_monitoring");
    assert_eq!(body["md5"], md5(v1.as_bytes()));
    assert_eq!(listed(&app, &admin).await, ["union_trial_monitoring 1"]);
    let list = device_get(&app, "/openrosa/formList").await.text().await.expect("list");
    assert!(list.contains("<formID>union_trial_monitoring</formID>"), "{list}");
    assert!(
        list.contains(&format!("<hash>md5:{}</hash>", md5(v1.as_bytes()))),
        "{list}"
    );
    assert!(list.contains("<name>Trial monitoring</name>"), "{list}");
    assert!(
        list.contains("<formID>vigil_incident_report</formID>"),
        "Vigil's own stays"
    );
    let served = device_get(&app, "/openrosa/forms/union_trial_monitoring.xml").await;
    assert_eq!(served.status(), 200);
    assert_eq!(served.text().await.expect("form"), v1);

    // The same version with other content: refused; a new version replaces it.
    let changed = form("1", "Which courthouse?");
    assert_eq!(upload(&app, Some(&admin), "application/xml", &changed).await.0, 409);
    let v2 = form("2", "Which court, and which room?");
    assert_eq!(upload(&app, Some(&admin), "text/xml", &v2).await.0, 201);
    assert_eq!(listed(&app, &admin).await, ["union_trial_monitoring 2"]);

    // A report with it: written under its labels; the persons field gives
    // a proposal each; no event (the form has no event_type).
    let report = r#"<?xml version='1.0' ?><trial id="union_trial_monitoring" version="2"><court>Almaty regional court</court><judge>A. Judge</judge><persons>Erlan Baltabay;Ana Example</persons><notes>The hearing was closed to the public.</notes><meta><instanceID>uuid:7a1a0000-0000-4000-8000-000000000001</instanceID></meta></trial>"#;
    let res = send_submission(&app, DEVICE, PASSWORD, collect_form(report, &[])).await;
    assert_eq!(res.status(), 201);
    let id = "field-7a1a0000-0000-4000-8000-000000000001";
    let source: serde_json::Value = app
        .get_as(&format!("/api/v1/sources/{id}"), &lawyer)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(source["confidential"], true);
    let text = source["text"].as_str().expect("text");
    for line in [
        "Which court, and which room?: Almaty regional court",
        "Judge's name: A. Judge",
        "What was said: The hearing was closed to the public.",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
    let proposals: serde_json::Value = app
        .get_as(&format!("/api/v1/proposals?source={id}"), &lawyer)
        .await
        .json()
        .await
        .expect("json");
    let labels: Vec<(&str, &str)> = proposals["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| (p["kind"].as_str().unwrap_or(""), p["label"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(labels, [("person", "Erlan Baltabay"), ("person", "Ana Example")]);
}

#[tokio::test]
async fn the_admin_page_uploads_a_form_and_shows_a_refusal() {
    let app = TestApp::empty().await;
    let admin = app.token("admin@example.org", AccountRole::Admin).await;
    let editor = app.token("ed@example.org", AccountRole::Editor).await;
    let page = app.get_as("/admin/forms", &admin).await;
    assert_eq!(page.status(), 200);
    assert!(page
        .text()
        .await
        .expect("page")
        .contains("enctype=\"multipart/form-data\""));
    assert_eq!(app.get_as("/admin/forms", &editor).await.status(), 403);

    let post = |xml: String| {
        let form = reqwest::multipart::Form::new().part("form", file_part(xml.into_bytes(), "trial.xml", "text/xml"));
        app.client
            .post(app.url("/admin/forms"))
            .bearer_auth(&admin)
            .multipart(form)
            .send()
    };
    let res = post(form("1", "Which court?").replace("<meta><instanceID/></meta>", ""))
        .await
        .expect("posted");
    assert_eq!(res.status(), 422);
    let page = res.text().await.expect("page");
    assert!(page.contains("meta/instanceID"), "{page}");
    assert!(app.store.forms().await.expect("forms").is_empty());

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let form = reqwest::multipart::Form::new().part(
        "form",
        file_part(form("1", "Which court?").into_bytes(), "trial.xml", "text/xml"),
    );
    let res = client
        .post(app.url("/admin/forms"))
        .bearer_auth(&admin)
        .multipart(form)
        .send()
        .await
        .expect("posted");
    assert_eq!(res.status(), 303);
    let page = app.get_as("/admin/forms", &admin).await.text().await.expect("page");
    assert!(page.contains("union_trial_monitoring"), "{page}");
    assert_eq!(app.store.forms().await.expect("forms").len(), 1);
}
