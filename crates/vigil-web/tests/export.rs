//! `GET /api/v1/export` over real HTTP: the public scope for anyone, with
//! nothing confidential in it; the full scope for admins only.

mod common;

use common::{content_type, TestApp};
use serde_json::{json, Value};
use vigil_core::AccountRole;

#[tokio::test]
async fn the_public_export_streams_what_anyone_may_read_and_nothing_confidential() {
    let app = TestApp::demo().await;
    let (editor, hidden) = with_confidential_content(
        &app,
        json!({"id": "ana-lopez", "name": "Ana Lopez", "address": "Secret Street 1", "confidential_fields": ["address"]}),
    )
    .await;

    let res = app.get("/api/v1/export").await;
    assert_eq!(res.status(), 200);
    assert!(content_type(&res).starts_with("application/x-ndjson"));
    let text = res.text().await.unwrap();
    assert!(
        !text.contains("Hidden Witness Zed") && !text.contains("Secret Street 1") && !text.contains(&hidden),
        "{text}"
    );
    let (header, records) = header_and_lines(&text);
    assert_eq!(header["format"], "vigil-export");
    assert_eq!(header["scope"], "public");
    // Each line is what an anonymous reader reads of the record.
    let persons = records.iter().filter(|r| r["kind"] == "person").count() as u64;
    assert_eq!(persons, header["counts"]["person"].as_u64().unwrap());
    assert_eq!(
        app.json("/api/v1/persons?limit=500", 200).await["total"]
            .as_u64()
            .unwrap(),
        persons
    );
    let ana = records.iter().find(|r| r["id"] == "ana-lopez").unwrap();
    assert_eq!(ana["record"], app.json("/api/v1/persons/ana-lopez", 200).await);
    assert_eq!(ana["deleted"], false);

    // The same for a signed-in editor: the public scope is the public's.
    let as_editor = app
        .get_as("/api/v1/export?scope=public", &editor)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        as_editor.lines().skip(1).collect::<Vec<_>>(),
        text.lines().skip(1).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn the_full_export_is_for_admins_only() {
    let app = TestApp::demo().await;
    app.error("/api/v1/export?scope=full", 403, "forbidden", None).await;
    for role in [AccountRole::Reader, AccountRole::Editor] {
        let token = app.token(&format!("u-{}", role.as_str()), role).await;
        let res = app.get_as("/api/v1/export?scope=full", &token).await;
        assert_eq!(res.status(), 403, "{role:?}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], "forbidden");
    }
    app.bad_request("/api/v1/export?scope=secret", "scope").await;
    app.bad_request("/api/v1/export?format=xml", "format").await;
    // Full scope is refused to the public before anything else is read;
    // to an admin, Popolo has no full scope.
    let body = full_scope_refused(&app, "/api/v1/export?format=popolo&scope=full", 400).await;
    assert_eq!(body["error"]["field"], "scope", "{body}");
    let popolo = app.json("/api/v1/export?format=popolo", 200).await;
    assert!(popolo["persons"].as_array().is_some_and(|p| !p.is_empty()), "{popolo}");
    assert!(popolo["memberships"].is_array() && popolo["organizations"].is_array());
}

#[tokio::test]
async fn the_full_export_streams_every_table_to_an_admin_with_sealed_content_sealed() {
    let app = TestApp::demo().await;
    let editor = app.token("ed", AccountRole::ConfidentialReader).await;
    let hidden = hidden_witness(&app, &editor).await;
    let admin = app.token("an-admin", AccountRole::Admin).await;
    let res = app.get_as("/api/v1/export?scope=full", &admin).await;
    assert_eq!(res.status(), 200);
    assert!(content_type(&res).starts_with("application/x-ndjson"));
    let text = res.text().await.unwrap();
    assert!(!text.contains("Hidden Witness Zed"), "sealed content in the clear");
    let (header, rows) = header_and_lines(&text);
    assert_eq!(header["scope"], "full");
    let witness = rows
        .iter()
        .find(|r| r["table"] == "records" && r["row"]["id"] == hidden.as_str())
        .expect("the witness's row");
    assert!(
        witness["row"]["record"].is_null() && witness["row"]["sealed"].is_string(),
        "{witness}"
    );
    let revisions = rows.iter().filter(|r| r["table"] == "revisions").count() as u64;
    assert_eq!(revisions, header["counts"]["revisions"].as_u64().unwrap());
    assert!(rows
        .iter()
        .any(|r| r["table"] == "accounts" && r["row"]["name"] == "an-admin" && r["row"]["password_hash"].is_string()));
    assert!(rows.iter().any(|r| r["table"] == "api_tokens"));
}

#[tokio::test]
async fn the_csv_export_is_a_zip_of_one_file_per_table_with_nothing_confidential() {
    let app = TestApp::demo().await;
    let (_, hidden) = with_confidential_content(
        &app,
        json!({"id": "ana-lopez", "name": "Ana Lopez", "aliases": ["=A1+1"], "address": "Secret Street 1", "confidential_fields": ["address"]}),
    )
    .await;

    let res = app.get("/api/v1/export?format=csv").await;
    assert_eq!(res.status(), 200);
    assert_eq!(content_type(&res), "application/zip");
    let bytes = res.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    names.sort();
    let mut expected: Vec<String> = vigil_app::open_data::csv_layout::TABLES
        .iter()
        .map(|t| t.file.to_owned())
        .chain(["export.json".to_owned()])
        .collect();
    expected.sort();
    assert_eq!(names, expected);
    let mut files = std::collections::BTreeMap::new();
    for name in &names {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        assert!(
            !text.contains("Hidden Witness Zed") && !text.contains("Secret Street 1") && !text.contains(&hidden),
            "{name}: {text}"
        );
        files.insert(name.clone(), text);
    }
    let header: Value = serde_json::from_str(&files["export.json"]).unwrap();
    assert_eq!(header["scope"], "public");
    let persons = files["persons.csv"].lines().count() as u64 - 1;
    assert_eq!(persons, header["counts"]["person"].as_u64().unwrap());
    assert!(files["persons.csv"].contains("\r\nana-lopez,Ana Lopez,,,,,false\r\n"));
    assert!(files["person_aliases.csv"].contains("\r\nana-lopez,0,'=A1+1\r\n"));
    assert!(files["confidential_fields.csv"].contains("\r\nana-lopez,0,address\r\n"));

    // Full scope: for admins only, and not built for CSV.
    let body = full_scope_refused(&app, "/api/v1/export?format=csv&scope=full", 501).await;
    assert_eq!(body["error"]["code"], "not_implemented", "{body}");
}

/// Asserts that `path` (a full-scope export) is forbidden to the public and
/// answers `status` to an admin; the admin's error body, for more checks.
async fn full_scope_refused(app: &TestApp, path: &str, status: u16) -> Value {
    app.error(path, 403, "forbidden", None).await;
    let admin = app.token("an-admin", AccountRole::Admin).await;
    let res = app.get_as(path, &admin).await;
    assert_eq!(res.status(), status, "{path}");
    res.json().await.unwrap()
}

/// An NDJSON export read: its header line and the lines after it, checked
/// to be as many as the header's counts announce.
fn header_and_lines(text: &str) -> (Value, Vec<Value>) {
    let mut lines = text.lines();
    let header: Value = serde_json::from_str(lines.next().expect("a header line")).unwrap();
    let rows: Vec<Value> = lines.map(|l| serde_json::from_str(l).unwrap()).collect();
    let typed: vigil_app::open_data::Header = serde_json::from_value(header.clone()).expect("an export header");
    assert_eq!(
        rows.len() as u64,
        typed.counts.values().sum::<u64>(),
        "the lines the header announces"
    );
    (header, rows)
}

/// A confidential reader's token, with which it wrote "Hidden Witness Zed"
/// (see `hidden_witness`) and `person` (who has a confidential field); the
/// witness's id.
async fn with_confidential_content(app: &TestApp, person: Value) -> (String, String) {
    let editor = app.token("ed", AccountRole::ConfidentialReader).await;
    let hidden = hidden_witness(app, &editor).await;
    app.created("/api/v1/persons", &editor, &person).await;
    (editor, hidden)
}

/// A confidential person, "Hidden Witness Zed", written by `token`; the id
/// Vigil made for it.
async fn hidden_witness(app: &TestApp, token: &str) -> String {
    app.created_id(
        "/api/v1/persons",
        token,
        &json!({"name": "Hidden Witness Zed", "confidential": true}),
    )
    .await
}
