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
    let page = app.get_as("/admin/forms", &admin).await.text().await.expect("page");
    assert!(
        page.contains(r#"name="media" multiple"#),
        "the media files go with the form"
    );
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

/// The trial form naming an image (a hint) and a CSV of choices (an
/// external instance), as XLSForm writes them.
fn form_with_media(version: &str) -> String {
    form(version, "Which court?")
        .replace(
            "</model>",
            r#"<instance id="judges" src="jr://file-csv/judges.csv"/></model>"#,
        )
        .replace(
            "</translation>",
            r#"<text id="/trial/judge:hint"><value form="image">jr://images/court map.png</value></text></translation>"#,
        )
}

/// A form and its media files, as `multipart/form-data`.
async fn upload_with_media(app: &TestApp, token: &str, xml: &str, media: &[(&str, &[u8])]) -> (u16, serde_json::Value) {
    let mut form =
        reqwest::multipart::Form::new().part("form", file_part(xml.as_bytes().to_vec(), "trial.xml", "text/xml"));
    for (name, bytes) in media {
        form = form.part("media", file_part(bytes.to_vec(), name, "application/octet-stream"));
    }
    let res = app
        .client
        .post(app.url("/api/v1/forms"))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(serde_json::Value::Null))
}

/// The `(formID, manifestUrl)` of each form of the form list.
async fn manifest_urls(app: &TestApp) -> Vec<(String, Option<String>)> {
    let list = device_get(app, "/openrosa/formList").await.text().await.expect("list");
    let doc = roxmltree::Document::parse(&list).expect("XML");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "xform")
        .map(|x| {
            let text = |name: &str| {
                x.children()
                    .find(|c| c.tag_name().name() == name)
                    .and_then(|c| c.text())
                    .map(str::to_owned)
            };
            (text("formID").expect("formID"), text("manifestUrl"))
        })
        .collect()
}

#[tokio::test]
async fn a_forms_media_files_are_listed_in_its_manifest_and_served_to_devices_only() {
    let app = TestApp::empty().await;
    app.account(DEVICE, AccountRole::Device).await;
    let admin = app.token("admin@example.org", AccountRole::Admin).await;
    let lawyer = app.token("lawyer@example.org", AccountRole::ConfidentialReader).await;
    let png: Vec<u8> = [&b"\x89PNG\r\n\x1a\n"[..], &[7u8; 3_000]].concat();
    let csv = "name,label\nabenov,A. Abenov\nsuleimenova,G. Suleimenova\n"
        .as_bytes()
        .to_vec();
    let xml = form_with_media("1");
    let nothing_kept = |app: &TestApp| {
        let store = app.store.clone();
        async move {
            assert!(store.forms().await.expect("forms").is_empty());
            assert!(store
                .form_media("union_trial_monitoring")
                .await
                .expect("media")
                .is_empty());
        }
    };

    // Bad uploads: each refused with its reason, nothing half-written.
    let big = vec![0u8; 1024 * 1024 + 1];
    for (media, status, says) in [
        // A file the form does not name.
        (
            vec![
                ("court map.png", &png[..]),
                ("judges.csv", &csv[..]),
                ("other.png", &png[..]),
            ],
            400,
            "does not name other.png",
        ),
        // A file the form names, not given.
        (
            vec![("court map.png", &png[..])],
            400,
            "not uploaded with it: judges.csv",
        ),
        // Over the limit of a media file.
        (
            vec![("court map.png", &big[..]), ("judges.csv", &csv[..])],
            413,
            "at most 1048576 bytes",
        ),
        // The same file twice.
        (
            vec![
                ("court map.png", &png[..]),
                ("judges.csv", &csv[..]),
                ("judges.csv", &csv[..]),
            ],
            400,
            "twice",
        ),
    ] {
        let (got, body) = upload_with_media(&app, &admin, &xml, &media).await;
        assert_eq!(got, status, "{body}");
        assert_eq!(body["error"]["field"], "media", "{body}");
        assert!(
            body["error"]["message"].as_str().unwrap_or("").contains(says),
            "{says}: {body}"
        );
        nothing_kept(&app).await;
    }
    // A form naming a media file in a sub-folder cannot be served.
    let nested = xml.replace("jr://file-csv/judges.csv", "jr://file-csv/lists/judges.csv");
    let (got, body) = upload_with_media(&app, &admin, &nested, &[("court map.png", &png[..])]).await;
    assert_eq!(got, 400, "{body}");
    nothing_kept(&app).await;

    // A form without media, and the form with its two files.
    let plain = form("1", "Which court?").replace("union_trial_monitoring", "plain_form");
    assert_eq!(upload(&app, Some(&admin), "application/xml", &plain).await.0, 201);
    let (got, body) = upload_with_media(
        &app,
        &admin,
        &xml,
        &[("court map.png", &png[..]), ("judges.csv", &csv[..])],
    )
    .await;
    assert_eq!(got, 201, "{body}");
    assert_eq!(body["media"].as_array().map(Vec::len), Some(2), "{body}");
    let page = app.get_as("/admin/forms", &admin).await.text().await.expect("page");
    assert!(
        page.contains("<code>court map.png</code>, <code>judges.csv</code>"),
        "{page}"
    );

    // The form list gives a manifestUrl to the form with media only.
    let urls = manifest_urls(&app).await;
    let of = |id: &str| urls.iter().find(|(f, _)| f == id).map(|(_, u)| u.clone()).expect(id);
    assert_eq!(
        of("union_trial_monitoring"),
        Some(app.url("/openrosa/forms/union_trial_monitoring/manifest"))
    );
    assert_eq!(of("plain_form"), None);
    assert_eq!(of("vigil_incident_report"), None);
    assert_eq!(
        device_get(&app, "/openrosa/forms/plain_form/manifest").await.status(),
        404
    );

    // The manifest: each file with the MD5 of the bytes served at its address.
    let manifest = device_get(&app, "/openrosa/forms/union_trial_monitoring/manifest").await;
    assert_eq!(manifest.status(), 200);
    assert_eq!(manifest.headers()["x-openrosa-version"], "1.0");
    let manifest = manifest.text().await.expect("manifest");
    let doc = roxmltree::Document::parse(&manifest).expect("XML");
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://openrosa.org/xforms/xformsManifest")
    );
    let mut files = Vec::new();
    for m in doc.descendants().filter(|n| n.tag_name().name() == "mediaFile") {
        let text = |name: &str| {
            m.children()
                .find(|c| c.tag_name().name() == name)
                .and_then(|c| c.text())
                .expect(name)
                .to_owned()
        };
        let url = text("downloadUrl");
        let path = url.strip_prefix(&app.url("")).expect("on this server").to_owned();
        let served = device_get(&app, &path).await;
        assert_eq!(served.status(), 200, "{path}");
        assert_eq!(served.headers()["x-content-type-options"], "nosniff");
        let bytes = served.bytes().await.expect("bytes");
        assert_eq!(text("hash"), format!("md5:{}", md5(&bytes)), "{path}");
        files.push((text("filename"), bytes.to_vec(), path));
    }
    assert_eq!(
        files
            .iter()
            .map(|(n, b, _)| (n.as_str(), b.clone()))
            .collect::<Vec<_>>(),
        [("court map.png", png.clone()), ("judges.csv", csv.clone())]
    );
    assert_eq!(
        files[0].2,
        "/openrosa/forms/union_trial_monitoring/media/court%20map.png"
    );

    // Anyone but a device is refused: no credentials, a wrong password,
    // a signed-in reader, an admin; a device does not find another's file.
    let path = &files[1].2;
    let anonymous = app.client.get(app.url(path)).send().await.expect("sent");
    assert_eq!(anonymous.status(), 401);
    assert!(anonymous.headers().contains_key("www-authenticate"));
    let wrong = app
        .client
        .get(app.url(path))
        .basic_auth(DEVICE, Some("not the password"))
        .send()
        .await
        .expect("sent");
    assert_eq!(wrong.status(), 401);
    for token in [&lawyer, &admin] {
        let res = app.get_as(path, token).await;
        assert!(matches!(res.status().as_u16(), 401 | 403), "{}", res.status());
    }
    let staff = app.account("reader@example.org", AccountRole::ConfidentialReader).await;
    let res = app
        .client
        .get(app.url(path))
        .basic_auth(staff.as_str(), Some(PASSWORD))
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), 403);
    assert_eq!(
        device_get(&app, "/openrosa/forms/plain_form/media/judges.csv")
            .await
            .status(),
        404
    );

    // A new version names the CSV only and brings no file: the CSV kept
    // from the first upload stays, the image goes.
    let v2 = form("2", "Which court?").replace(
        "</model>",
        r#"<instance id="judges" src="jr://file-csv/judges.csv"/></model>"#,
    );
    let (got, body) = upload_with_media(&app, &admin, &v2, &[]).await;
    assert_eq!(got, 201, "{body}");
    let kept: Vec<String> = app
        .store
        .form_media("union_trial_monitoring")
        .await
        .expect("media")
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(kept, ["judges.csv"]);
    assert_eq!(device_get(&app, &files[0].2).await.status(), 404);
    let csv_again = device_get(&app, path).await.bytes().await.expect("csv");
    assert_eq!(csv_again.to_vec(), csv);
    // A refused upload of a version 3 leaves version 2 and its file as they were.
    let v3 = form_with_media("3");
    let (got, _) = upload_with_media(&app, &admin, &v3, &[("judges.csv", &csv[..])]).await;
    assert_eq!(got, 400);
    assert_eq!(listed(&app, &admin).await, ["plain_form 1", "union_trial_monitoring 2"]);
    assert_eq!(
        app.store
            .form_media("union_trial_monitoring")
            .await
            .expect("media")
            .len(),
        1
    );
}
