//! Reports from the field over OpenRosa, sent as ODK Collect sends them:
//! device accounts and their one door, the form list and the form, and
//! submissions (multipart and chunked), over real HTTP on loopback.

mod common;

use common::{contains, files_under, proposal_kinds, send_submission as submit, sha256_hex, TestApp, PASSWORD};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use vigil_core::{AccountRole, UserName};
use vigil_store::Accounts;

const DEVICE: &str = "phone-1";

fn report(instance: &str, account: &str, photo: Option<&str>, audio: Option<&str>) -> String {
    let photo = photo.map(|p| format!("<photo>{p}</photo>")).unwrap_or_default();
    let audio = audio.map(|a| format!("<audio>{a}</audio>")).unwrap_or_default();
    format!(
        r#"<?xml version='1.0' ?><data id="vigil_incident_report" version="2026120301" xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms"><event_type>arrest</event_type><event_date>2026-11-03</event_date><date_precision>day</date_precision><place>Shymkent</place><location>42.3 69.6 0 10</location><persons>Nurlan Yessenov</persons><account>{account}</account><consent>yes</consent>{photo}{audio}<meta><instanceID>{instance}</instanceID></meta></data>"#
    )
}

fn jpeg() -> Vec<u8> {
    common::jpeg(40_000)
}

fn amr() -> Vec<u8> {
    common::amr(20_000)
}

async fn device(app: &TestApp) -> UserName {
    app.account(DEVICE, AccountRole::Device).await
}

fn form(xml: &str, files: &[(&str, &str, Vec<u8>)]) -> reqwest::multipart::Form {
    let files: Vec<(&str, &str, &[u8])> = files.iter().map(|(n, m, b)| (*n, *m, b.as_slice())).collect();
    common::collect_form(xml, &files)
}

fn openrosa_version(res: &reqwest::Response) -> Option<&str> {
    res.headers().get("x-openrosa-version").and_then(|v| v.to_str().ok())
}

/// A submission from a phone that asks for `lang`.
async fn submit_in(app: &TestApp, lang: &str, form: reqwest::multipart::Form) -> reqwest::Response {
    app.client
        .post(app.url("/openrosa/submission"))
        .basic_auth(DEVICE, Some(PASSWORD))
        .header("X-OpenRosa-Version", "1.0")
        .header("Accept-Language", lang)
        .multipart(form)
        .send()
        .await
        .expect("submission sent")
}

/// The message of an `OpenRosaResponse`.
fn message(body: &str) -> String {
    let doc = roxmltree::Document::parse(body).unwrap_or_else(|e| panic!("{e}: {body}"));
    assert_eq!(doc.root_element().tag_name().name(), "OpenRosaResponse");
    doc.descendants()
        .find(|n| n.has_tag_name("message"))
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn device_accounts_reach_openrosa_and_nothing_else() {
    let app = TestApp::demo().await;
    device(&app).await;
    let probe = |user: Option<(&str, &str)>| {
        let mut req = app.client.head(app.url("/openrosa/submission"));
        if let Some((u, p)) = user {
            req = req.basic_auth(u, Some(p));
        }
        req.send()
    };

    // Unauthenticated: 401 with Digest challenges and a Basic one, as
    // Collect expects (Digest is tested in `openrosa_digest`).
    let res = probe(None).await.expect("probe");
    assert_eq!(res.status(), 401);
    assert_eq!(openrosa_version(&res), Some("1.0"));
    let challenges: Vec<&str> = res
        .headers()
        .get_all("www-authenticate")
        .iter()
        .map(|v| v.to_str().expect("ascii"))
        .collect();
    assert!(
        challenges.iter().any(|c| c.starts_with("Basic realm=")),
        "{challenges:?}"
    );
    assert!(
        challenges.iter().any(|c| c.starts_with("Digest realm=")),
        "{challenges:?}"
    );

    let res = probe(Some((DEVICE, PASSWORD))).await.expect("probe");
    assert_eq!(res.status(), 204);
    assert_eq!(openrosa_version(&res), Some("1.0"));
    assert_eq!(res.headers()["x-openrosa-accept-content-length"], "104857600");

    // Wrong credentials.
    for (user, password) in [(DEVICE, "wrong password"), ("nobody", PASSWORD)] {
        let res = probe(Some((user, password))).await.expect("probe");
        assert_eq!(res.status(), 401, "{user}");
        assert!(res.headers().contains_key("www-authenticate"));
    }
    // Other accounts send no reports.
    app.account("ed@example.org", AccountRole::Admin).await;
    let res = probe(Some(("ed@example.org", PASSWORD))).await.expect("probe");
    assert_eq!(res.status(), 403);

    // A device's credentials open no other door, whatever the route.
    for path in [
        "/",
        "/persons",
        "/sources",
        "/proposals",
        "/api/v1/persons",
        "/api/v1/proposals",
        "/admin/accounts",
        "/status",
    ] {
        let res = app.send_basic(reqwest::Method::GET, path, DEVICE).await;
        assert_eq!(res.status(), 403, "GET {path}");
        let res = app.send_basic(reqwest::Method::POST, path, DEVICE).await;
        assert!(
            [403, 405].contains(&res.status().as_u16()),
            "POST {path}: {}",
            res.status()
        );
    }
    // Nor a token or a session of a device account.
    let token = app.token("phone-2", AccountRole::Device).await;
    for path in ["/api/v1/persons", "/persons", "/"] {
        assert_eq!(app.get_as(path, &token).await.status(), 403, "{path}");
    }
    let browser = common::browser_from([127, 0, 0, 1]);
    assert_eq!(app.login_status(&browser, DEVICE, PASSWORD, None).await, 403);

    // Disabled: refused at once.
    let name = UserName::parse(DEVICE).expect("name");
    app.store.set_disabled(&name, true).await.expect("disabled");
    let res = probe(Some((DEVICE, PASSWORD))).await.expect("probe");
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn the_form_list_names_the_incident_report_with_its_hash() {
    let app = TestApp::empty().await;
    device(&app).await;
    let get = |path: String| app.client.get(app.url(&path)).basic_auth(DEVICE, Some(PASSWORD)).send();
    let res = get("/openrosa/formList".into()).await.expect("form list");
    assert_eq!(res.status(), 200);
    assert_eq!(openrosa_version(&res), Some("1.0"));
    assert!(res.headers()["content-type"]
        .to_str()
        .expect("ascii")
        .starts_with("text/xml"));
    let list = res.text().await.expect("body");
    let doc = roxmltree::Document::parse(&list).expect("XML");
    let ns = "http://openrosa.org/xforms/xformsList";
    assert!(doc.root_element().has_tag_name((ns, "xforms")));
    let field = |name: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name((ns, name)))
            .and_then(|n| n.text())
            .unwrap_or_else(|| panic!("no {name}"))
            .to_owned()
    };
    assert_eq!(field("formID"), "vigil_incident_report");
    let url = field("downloadUrl");
    assert_eq!(url, app.url("/openrosa/forms/vigil_incident_report.xml"));
    let form = get("/openrosa/forms/vigil_incident_report.xml".into())
        .await
        .expect("form")
        .bytes()
        .await
        .expect("body");
    use md5::Digest as _;
    let md5 = common::hex(&md5::Md5::digest(&form));
    assert_eq!(field("hash"), format!("md5:{md5}"));
    // The form is an XForm with its three languages.
    let text = String::from_utf8(form.to_vec()).expect("UTF-8");
    let xform = roxmltree::Document::parse(&text).expect("XML");
    let langs: Vec<&str> = xform
        .descendants()
        .filter(|n| n.tag_name().name() == "translation")
        .filter_map(|n| n.attribute("lang"))
        .collect();
    assert_eq!(langs, ["English (en)", "Қазақша (kk)", "Русский (ru)"]);

    let other = get("/openrosa/formList?formID=someone_elses".into())
        .await
        .expect("list")
        .text()
        .await
        .expect("body");
    assert!(!other.contains("<xform>"), "{other}");
    let res = get("/openrosa/forms/nope.xml".into()).await.expect("form");
    assert_eq!(res.status(), 404);
    assert_eq!(openrosa_version(&res), Some("1.0"));
}

#[tokio::test]
async fn a_submission_becomes_a_confidential_source_with_proposals_once() {
    let app = TestApp::demo().await;
    device(&app).await;
    let xml = report(
        "uuid:0b1c2d3e-aaaa-4bbb-8ccc-0123456789ab",
        "Police took him from the gate.",
        None,
        None,
    );
    let res = submit(&app, DEVICE, PASSWORD, form(&xml, &[])).await;
    assert_eq!(res.status(), 201);
    assert_eq!(openrosa_version(&res), Some("1.0"));
    let said = message(&res.text().await.expect("body"));
    assert!(said.contains("received"), "{said}");

    let id = "field-0b1c2d3e-aaaa-4bbb-8ccc-0123456789ab";
    // Confidential: not for the public nor for an editor without the right.
    assert_eq!(app.get(&format!("/api/v1/sources/{id}")).await.status(), 404);
    let editor = app.token("ed@example.org", AccountRole::Editor).await;
    assert_eq!(
        app.get_as(&format!("/api/v1/sources/{id}"), &editor).await.status(),
        404
    );
    let lawyer = app.token("lawyer@example.org", AccountRole::ConfidentialReader).await;
    let res = app.get_as(&format!("/api/v1/sources/{id}"), &lawyer).await;
    assert_eq!(res.status(), 200);
    let source: serde_json::Value = res.json().await.expect("json");
    assert_eq!(source["confidential"], true);
    let text = source["text"].as_str().expect("text");
    assert!(text.contains("Police took him from the gate."), "{text}");
    assert!(text.contains("Nurlan Yessenov"));
    let sha = sha256_hex(xml.as_bytes());
    assert!(text.contains(&sha), "the XML's SHA-256 is recorded");

    let kinds = proposal_kinds(&app, id, &lawyer).await;
    assert_eq!(kinds, ["person", "event"]);

    // The same submission again: received, stored once.
    let res = submit(&app, DEVICE, PASSWORD, form(&xml, &[])).await;
    assert_eq!(res.status(), 201);
    let res = app.get_as(&format!("/api/v1/proposals?source={id}"), &lawyer).await;
    let again: serde_json::Value = res.json().await.expect("json");
    assert_eq!(again["items"].as_array().map(Vec::len), Some(2));
    let revisions = app.get_as(&format!("/api/v1/sources/{id}/revisions"), &lawyer).await;
    if revisions.status() == 200 {
        let r: serde_json::Value = revisions.json().await.expect("json");
        let n = r["items"].as_array().or(r.as_array()).map(Vec::len);
        assert_eq!(n, Some(1), "{r}");
    }

    // The same instanceID with other XML: a conflict.
    let other = report(
        "uuid:0b1c2d3e-aaaa-4bbb-8ccc-0123456789ab",
        "Something else.",
        None,
        None,
    );
    let res = submit(&app, DEVICE, PASSWORD, form(&other, &[])).await;
    assert_eq!(res.status(), 409);
    assert_eq!(openrosa_version(&res), Some("1.0"));

    // The phone shows the reply as it is: in the phone's language.
    let res = submit_in(&app, "kk-KZ,kk;q=0.9", form(&xml, &[])).await;
    assert_eq!(res.status(), 201);
    assert_eq!(message(&res.text().await.expect("body")), "Бұл есеп бұрын алынған.");
    let res = submit_in(&app, "ru-RU", form(&other, &[])).await;
    assert_eq!(res.status(), 409);
    assert_eq!(
        message(&res.text().await.expect("body")),
        "другой отчёт с этим идентификатором уже был получен"
    );

    // Malformed XML, and XML without an instance.
    for bad in [
        "<data id=\"vigil_incident_report\"><account>unclosed</data>".to_owned(),
        "<data id=\"vigil_incident_report\"><account>x</account></data>".to_owned(),
    ] {
        let res = submit(&app, DEVICE, PASSWORD, form(&bad, &[])).await;
        assert_eq!(res.status(), 400, "{bad}");
        let said = message(&res.text().await.expect("body"));
        assert!(!said.is_empty());
    }
    // No XML at all.
    let res = app
        .client
        .post(app.url("/openrosa/submission"))
        .basic_auth(DEVICE, Some(PASSWORD))
        .multipart(reqwest::multipart::Form::new().text("something", "else"))
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), 400);
    // Wrong credentials: nothing stored.
    let xml = report("uuid:99999999-aaaa-4bbb-8ccc-0123456789ab", "x", None, None);
    let res = submit(&app, DEVICE, "not the password", form(&xml, &[])).await;
    assert_eq!(res.status(), 401);
    let res = app
        .get_as("/api/v1/sources/field-99999999-aaaa-4bbb-8ccc-0123456789ab", &lawyer)
        .await;
    assert_eq!(res.status(), 404);
}

/// A multipart body sent in chunks (`Transfer-Encoding: chunked`, no
/// length), over a raw connection; the status line of the answer.
async fn send_chunked(app: &TestApp, boundary: &str, body: &[u8], chunk: usize) -> (u16, String) {
    use base64::Engine as _;
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.expect("connect");
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{DEVICE}:{PASSWORD}"));
    let head = format!(
        "POST /openrosa/submission HTTP/1.1\r\nHost: {}\r\nAuthorization: Basic {auth}\r\nX-OpenRosa-Version: 1.0\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        app.addr
    );
    let (mut reader, mut writer) = stream.split();
    let write = async {
        writer.write_all(head.as_bytes()).await?;
        for c in body.chunks(chunk) {
            writer.write_all(format!("{:x}\r\n", c.len()).as_bytes()).await?;
            writer.write_all(c).await?;
            writer.write_all(b"\r\n").await?;
        }
        writer.write_all(b"0\r\n\r\n").await?;
        std::io::Result::Ok(())
    };
    let read = async {
        let mut answer = Vec::new();
        let _ = reader.read_to_end(&mut answer).await;
        answer
    };
    let (_, answer) = tokio::join!(write, read);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer:?}"));
    (status, answer)
}

fn multipart_body(boundary: &str, xml: &str, files: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"xml_submission_file\"; filename=\"submission.xml\"\r\nContent-Type: text/xml\r\n\r\n{xml}\r\n"
        )
        .as_bytes(),
    );
    for (name, mime, bytes) in files {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{name}\"\r\nContent-Type: {mime}\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    body
}

#[tokio::test]
async fn a_chunked_submission_is_taken() {
    let app = TestApp::empty().await;
    device(&app).await;
    let boundary = "----odkcollectboundary7f3a";
    let xml = report(
        "uuid:c4a1c4a1-0000-4000-8000-000000000001",
        "Sent in chunks.",
        None,
        None,
    );
    let (status, answer) = send_chunked(&app, boundary, &multipart_body(boundary, &xml, &[]), 777).await;
    assert_eq!(status, 201, "{answer}");
    assert!(answer.to_lowercase().contains("x-openrosa-version: 1.0"), "{answer}");
    assert!(answer.contains("OpenRosaResponse"), "{answer}");
}

#[tokio::test]
async fn photos_and_recordings_are_sealed_served_to_readers_and_shown() {
    let app = TestApp::empty().await;
    device(&app).await;
    let instance = "uuid:a77ac4ed-0000-4000-8000-000000000001";
    let id = "field-a77ac4ed-0000-4000-8000-000000000001";
    let xml = report(
        instance,
        "With a photo and a recording.",
        Some("photo 1.jpg"),
        Some("voice.amr"),
    );
    // Collect splits a large submission: the same XML with some of the
    // files each time, `*isIncomplete*` on every request but the last
    // (Collect's OkHttpConnection). Here the photo comes first, the
    // recording after. A clear report is admitted with its first part, as
    // ODK Central does: its XML is whole; the files are added as they come.
    let res = submit(
        &app,
        DEVICE,
        PASSWORD,
        form(&xml, &[("photo 1.jpg", "image/jpeg", jpeg())]).text("*isIncomplete*", "yes"),
    )
    .await;
    assert_eq!(res.status(), 201);
    let names: Vec<String> =
        vigil_store::Attachments::attachments(&app.store, &vigil_core::RecordId::parse(id).expect("id"))
            .await
            .expect("attachments")
            .into_iter()
            .map(|a| a.name)
            .collect();
    assert_eq!(names, ["photo 1.jpg"]);
    let res = submit(&app, DEVICE, PASSWORD, form(&xml, &[("voice.amr", "audio/amr", amr())])).await;
    assert_eq!(res.status(), 201);
    let said = message(&res.text().await.expect("body"));
    assert!(said.contains("1 attachments are added"), "{said}");
    // A file the XML does not name is not kept; another file under a kept
    // name is a conflict.
    let res = submit(
        &app,
        DEVICE,
        PASSWORD,
        form(&xml, &[("stray.jpg", "image/jpeg", jpeg())]),
    )
    .await;
    assert_eq!(res.status(), 201);
    let res = submit(
        &app,
        DEVICE,
        PASSWORD,
        form(&xml, &[("voice.amr", "audio/amr", jpeg())]),
    )
    .await;
    assert_eq!(res.status(), 409);

    let lawyer = app.token("lawyer@example.org", AccountRole::ConfidentialReader).await;
    let photo = format!("/sources/{id}/attachments/photo%201.jpg");
    let voice = format!("/sources/{id}/attachments/voice.amr");
    let res = app.get_as(&photo, &lawyer).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.bytes().await.expect("bytes").to_vec(), jpeg());
    let res = app.get_as(&voice, &lawyer).await;
    assert_eq!(res.headers()["content-type"], "audio/amr");
    assert_eq!(res.bytes().await.expect("bytes").to_vec(), amr());
    assert_eq!(
        app.get_as(&format!("/sources/{id}/attachments/stray.jpg"), &lawyer)
            .await
            .status(),
        404
    );

    // Only for those who may read the source.
    let editor = app.token("ed@example.org", AccountRole::Editor).await;
    for path in [&photo, &voice] {
        assert_eq!(app.get(path).await.status(), 404, "public {path}");
        assert_eq!(app.get_as(path, &editor).await.status(), 404, "editor {path}");
        let res = app.send_basic(reqwest::Method::GET, path, DEVICE).await;
        assert_eq!(res.status(), 403, "device {path}");
    }

    // The source page shows them, with their SHA-256.
    let page = app
        .get_as(&format!("/sources/{id}"), &lawyer)
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains(&format!("<img src=\"{photo}\"")), "{page}");
    assert!(
        page.contains(&format!("<audio controls preload=\"none\" src=\"{voice}\"")),
        "{page}"
    );
    let sha = sha256_hex(&jpeg());
    assert!(page.contains(&sha), "the photo's SHA-256 is on the page");

    // Never in the clear in the data folder (the SQLite file and its
    // journal on SQLite; the search index on either backend).
    let files = files_under(&app.dir);
    assert!(!files.is_empty());
    for needle in [&jpeg()[5_000..5_064], &amr()[10_000..10_064]] {
        for (path, bytes) in &files {
            assert!(
                !contains(bytes, needle),
                "an attachment is in the clear in {}",
                path.display()
            );
        }
    }

    // An editor with the right accepts the proposals: the event cites the
    // report, whose page shows the photo.
    let res = app.get_as(&format!("/api/v1/proposals?source={id}"), &lawyer).await;
    let proposals: serde_json::Value = res.json().await.expect("json");
    let items = proposals["items"].as_array().expect("items").clone();
    let mut event_id = None;
    for kind in ["person", "event"] {
        let p = items.iter().find(|p| p["kind"] == kind).expect("proposal");
        let res = app
            .post_as(
                &format!("/api/v1/proposals/{}/accept", p["id"].as_str().expect("id")),
                &lawyer,
            )
            .await;
        let status = res.status();
        let decided: serde_json::Value = res.json().await.expect("json");
        assert_eq!(status, 200, "{decided}");
        if kind == "event" {
            event_id = decided["record_id"].as_str().map(str::to_owned);
        }
    }
    let event_id = event_id.expect("an event");
    let event: serde_json::Value = app
        .get_as(&format!("/api/v1/events/{event_id}"), &lawyer)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(event["type"], "arrest");
    assert_eq!(event["date"], "2026-11-03");
    assert_eq!(event["excerpts"][0]["source_id"], id, "{event}");
    let page = app
        .get_as(&format!("/events/{event_id}"), &lawyer)
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains(&format!("/sources/{id}")), "the event links its evidence");
}

#[tokio::test]
async fn a_chunked_submission_with_a_photo_and_a_recording_is_taken_and_an_oversized_one_refused() {
    let app = TestApp::empty().await;
    device(&app).await;
    let boundary = "----odkcollectboundary0c2e";
    let xml = report(
        "uuid:c4a1c4a1-0000-4000-8000-000000000002",
        "Sent in chunks, with files.",
        Some("photo.jpg"),
        Some("voice.amr"),
    );
    let (jpeg, amr) = (jpeg(), amr());
    let body = multipart_body(
        boundary,
        &xml,
        &[("photo.jpg", "image/jpeg", &jpeg), ("voice.amr", "audio/amr", &amr)],
    );
    let (status, answer) = send_chunked(&app, boundary, &body, 4096).await;
    assert_eq!(status, 201, "{answer}");
    let lawyer = app.token("lawyer@example.org", AccountRole::ConfidentialReader).await;
    let got = app
        .get_as(
            "/sources/field-c4a1c4a1-0000-4000-8000-000000000002/attachments/photo.jpg",
            &lawyer,
        )
        .await
        .bytes()
        .await
        .expect("bytes");
    assert_eq!(got.to_vec(), jpeg);

    // Over the limit: 413, and nothing stored.
    let xml = report(
        "uuid:b16b16b1-0000-4000-8000-000000000003",
        "Too big.",
        Some("big.mp4"),
        None,
    );
    let mut big = b"\0\0\0\x18ftypisom".to_vec();
    big.resize(100 * 1024 * 1024 + 1, 7);
    let body = multipart_body(boundary, &xml, &[("big.mp4", "video/mp4", &big)]);
    let (status, answer) = send_chunked(&app, boundary, &body, 1 << 20).await;
    assert_eq!(status, 413, "{answer}");
    let res = app
        .get_as("/api/v1/sources/field-b16b16b1-0000-4000-8000-000000000003", &lawyer)
        .await;
    assert_eq!(res.status(), 404);
}
