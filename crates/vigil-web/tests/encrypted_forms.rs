//! Encrypted forms over OpenRosa: the form list offers the incident report
//! encrypted on the phone, carrying the case file's public key; a
//! submission encrypted as ODK Collect encrypts it is decrypted, checked
//! and becomes what a clear one does; a wrong one is refused with nothing
//! written.
//!
//! The encrypted submissions are not made by Vigil's code: a Java program
//! (`tests/odk/EncryptSubmission.java`, the JDK's own javax.crypto,
//! following Collect's `EncryptionUtils`) makes them from the form the
//! server serves, and they are posted over loopback as Collect posts them.
//! It needs `java` (JDK 11 or later; `VIGIL_TEST_JAVA` names another).

mod common;

use std::path::{Path, PathBuf};

use common::{collect_form, contains, files_under, proposal_kinds, send_submission, sha256_hex, TestApp, PASSWORD};
use vigil_core::{AccountRole, RecordId};
use vigil_store::{Attachments, FORM_KEY_ID};

const DEVICE: &str = "phone-1";
const FORM: &str = "vigil_incident_report_encrypted";

fn report(instance: &str, account: &str) -> String {
    format!(
        r#"<?xml version='1.0' ?><data id="{FORM}" version="2026120301" xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms"><event_type>arrest</event_type><event_date>2026-11-03</event_date><date_precision>day</date_precision><place>Shymkent</place><persons>Nurlan Yessenov</persons><account>{account}</account><consent>yes</consent><photo>photo.jpg</photo><audio>voice.amr</audio><meta><instanceID>{instance}</instanceID></meta></data>"#
    )
}

fn jpeg() -> Vec<u8> {
    common::jpeg(30_000)
}

fn amr() -> Vec<u8> {
    common::amr(12_345)
}

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    app.send_basic(reqwest::Method::GET, path, DEVICE).await
}

/// An encrypted submission as Collect leaves it to send: the manifest
/// and the `.enc` files, by name.
struct Encrypted {
    manifest: String,
    files: Vec<(String, Vec<u8>)>,
}

impl Encrypted {
    fn file(&self, name: &str) -> &[u8] {
        &self.files.iter().find(|(n, _)| n == name).expect("an .enc file").1
    }

    /// The named `.enc` files only.
    fn only(&self, names: &[&str]) -> Vec<(String, Vec<u8>)> {
        self.files
            .iter()
            .filter(|(n, _)| names.contains(&n.as_str()))
            .cloned()
            .collect()
    }
}

/// Encrypts `instance` with its photo and recording for the encrypted
/// form `form` (as served), with the independent Java implementation.
fn encrypt(form: &str, instance: &str) -> Encrypted {
    let dir = tempfile::tempdir().expect("temporary folder");
    let at = |name: &str| dir.path().join(name);
    std::fs::write(at("form.xml"), form).expect("form written");
    std::fs::write(at("instance.xml"), instance).expect("instance written");
    std::fs::write(at("photo.jpg"), jpeg()).expect("photo written");
    std::fs::write(at("voice.amr"), amr()).expect("recording written");
    let program = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/odk/EncryptSubmission.java");
    let java = std::env::var("VIGIL_TEST_JAVA").unwrap_or_else(|_| "java".to_owned());
    let out: PathBuf = at("out");
    let status = std::process::Command::new(&java)
        .arg(&program)
        .arg(at("form.xml"))
        .arg(at("instance.xml"))
        .arg(&out)
        .arg(at("photo.jpg"))
        .arg(at("voice.amr"))
        .status()
        .unwrap_or_else(|e| panic!("{java} cannot be run ({e}): these tests need a JDK (11 or later)"));
    assert!(status.success(), "the Java encryptor failed: {status}");
    let manifest = std::fs::read_to_string(out.join("submission.xml")).expect("manifest");
    let files = ["photo.jpg.enc", "voice.amr.enc", "submission.xml.enc"]
        .iter()
        .map(|n| (n.to_string(), std::fs::read(out.join(n)).expect("an .enc file")))
        .collect();
    Encrypted { manifest, files }
}

/// Posts a manifest and files as Collect does (multipart, the manifest
/// as `xml_submission_file`).
async fn send(app: &TestApp, manifest: &str, files: &[(String, Vec<u8>)]) -> (u16, String) {
    send_part(app, manifest, files, false).await
}

/// Posts one request of a submission Collect splits: the manifest and
/// some of the files, with the `*isIncomplete*` field (`yes`) on every
/// request but the last, as Collect's `OkHttpConnection` adds it.
async fn send_part(app: &TestApp, manifest: &str, files: &[(String, Vec<u8>)], incomplete: bool) -> (u16, String) {
    let files: Vec<(&str, &str, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (name.as_str(), "application/octet-stream", bytes.as_slice()))
        .collect();
    let mut form = collect_form(manifest, &files);
    if incomplete {
        form = form.text("*isIncomplete*", "yes");
    }
    let res = send_submission(app, DEVICE, PASSWORD, form).await;
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

/// The encrypted form as the server serves it, checked against the form
/// list's hash.
async fn encrypted_form(app: &TestApp) -> String {
    encrypted_form_and_version(app).await.0
}

/// The encrypted form as served, and the version the form list gives it.
async fn encrypted_form_and_version(app: &TestApp) -> (String, String) {
    let list = get(app, &format!("/openrosa/formList?formID={FORM}")).await;
    assert_eq!(list.status(), 200);
    let list = list.text().await.expect("list");
    let doc = roxmltree::Document::parse(&list).expect("XML");
    let text = |name: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or_else(|| panic!("no {name} in {list}"))
            .to_owned()
    };
    assert_eq!(text("formID"), FORM);
    assert_eq!(text("downloadUrl"), app.url(&format!("/openrosa/forms/{FORM}.xml")));
    let form = get(app, &format!("/openrosa/forms/{FORM}.xml"))
        .await
        .text()
        .await
        .expect("form");
    use md5::Digest as _;
    assert_eq!(
        text("hash"),
        format!("md5:{}", common::hex(&md5::Md5::digest(form.as_bytes())))
    );
    let version = text("version");
    assert!(
        form.contains(&format!(" version=\"{version}\"")),
        "the form's own version is the list's"
    );
    (form, version)
}

/// The public key an encrypted form carries.
fn public_key_of(form: &str) -> String {
    let xform = roxmltree::Document::parse(form).expect("the form is XML");
    xform
        .descendants()
        .find(|n| n.tag_name().name() == "submission")
        .and_then(|n| n.attribute("base64RsaPublicKey"))
        .expect("a public key")
        .to_owned()
}

/// A confidential reader's view of a report's source: its status.
async fn source_status(app: &TestApp, lawyer: &str, instance: &str) -> u16 {
    let id = format!("field-{}", instance.trim_start_matches("uuid:"));
    app.get_as(&format!("/api/v1/sources/{id}"), lawyer)
        .await
        .status()
        .as_u16()
}

/// The names of the files kept under a report's (future) source.
async fn kept_names(app: &TestApp, instance: &str) -> Vec<String> {
    let id = RecordId::parse(&format!("field-{}", instance.trim_start_matches("uuid:"))).expect("id");
    app.store
        .attachments(&id)
        .await
        .expect("attachments")
        .into_iter()
        .map(|a| a.name)
        .collect()
}

#[tokio::test]
async fn the_form_key_rotates_alone_and_reports_encrypted_before_still_open() {
    let app = TestApp::empty().await;
    app.account(DEVICE, AccountRole::Device).await;
    let lawyer = app.token("lawyer@example.org", AccountRole::ConfidentialReader).await;
    let (old_form, old_version) = encrypted_form_and_version(&app).await;
    assert_eq!(old_version, vigil_app::field::xform::VERSION);

    // A report finalised on a phone before the rotation, sent after it.
    let before = "uuid:1a000000-0000-4000-8000-000000000001";
    let waiting = encrypt(&old_form, &report(before, "Encrypted under the first key."));

    let rotated = vigil_app::field::rotate_form_key(&app.store).await.expect("rotated");
    assert!(rotated.retired.is_some(), "{rotated:?}");
    let (new_form, new_version) = encrypted_form_and_version(&app).await;
    assert_ne!(public_key_of(&new_form), public_key_of(&old_form), "a new key");
    assert_eq!(rotated.version, new_version);
    assert_ne!(new_version, old_version, "a new version, so that phones fetch it");
    // The clear form is untouched.
    let list = get(&app, "/openrosa/formList?formID=vigil_incident_report")
        .await
        .text()
        .await
        .expect("list");
    assert!(
        list.contains(&format!("<version>{}</version>", vigil_app::field::xform::VERSION)),
        "{list}"
    );

    let (status, body) = send(&app, &waiting.manifest, &waiting.files).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(source_status(&app, &lawyer, before).await, 200);

    // A report under the new key.
    let after = "uuid:1b000000-0000-4000-8000-000000000002";
    let sent = encrypt(&new_form, &report(after, "Encrypted under the second key."));
    let (status, body) = send(&app, &sent.manifest, &sent.files).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(source_status(&app, &lawyer, after).await, 200);

    // Rotated again: both earlier keys still open their reports.
    vigil_app::field::rotate_form_key(&app.store).await.expect("rotated");
    let third_version = encrypted_form_and_version(&app).await.1;
    assert!(third_version != new_version && third_version != old_version);
    let late = "uuid:1c000000-0000-4000-8000-000000000003";
    let sent = encrypt(&old_form, &report(late, "First key, sent very late."));
    let (status, body) = send(&app, &sent.manifest, &sent.files).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(app.store.form_keys().await.expect("keys").len(), 3);

    // A key this server never had: a clear refusal, nothing stored.
    let other = TestApp::empty().await;
    other.account(DEVICE, AccountRole::Device).await;
    let unknown = "uuid:1d000000-0000-4000-8000-000000000004";
    let sent = encrypt(&encrypted_form(&other).await, &report(unknown, "For another server."));
    let (status, body) = send(&app, &sent.manifest, &sent.files).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("does not decrypt with this server's form key"), "{body}");
    assert_eq!(source_status(&app, &lawyer, unknown).await, 404);
    assert!(kept_names(&app, unknown).await.is_empty());

    // No private key, current or retired, in the clear in the data folder.
    let files = files_under(&app.dir);
    for key in app.store.form_keys().await.expect("keys") {
        for (path, bytes) in &files {
            assert!(
                !contains(bytes, &key.private_key[100..164]),
                "{} in the clear in {}",
                key.id,
                path.display()
            );
        }
    }
}

#[tokio::test]
async fn an_encrypted_report_split_over_several_requests_is_admitted_once_whole() {
    let app = TestApp::empty().await;
    app.account(DEVICE, AccountRole::Device).await;
    let lawyer = app.token("lawyer@example.org", AccountRole::ConfidentialReader).await;
    let form = encrypted_form(&app).await;
    let instance = "uuid:2a000000-0000-4000-8000-000000000001";
    let sent = encrypt(&form, &report(instance, "Sent in three parts from a slow network."));

    // First part: the manifest and the photo, more to come. Taken (201, as
    // Collect needs to go on), kept sealed, not admitted.
    let (status, body) = send_part(&app, &sent.manifest, &sent.only(&["photo.jpg.enc"]), true).await;
    assert_eq!(status, 201, "{body}");
    assert!(body.contains("still to come"), "{body}");
    assert_eq!(source_status(&app, &lawyer, instance).await, 404);
    assert_eq!(kept_names(&app, instance).await, ["photo.jpg.enc", "submission.xml"]);

    // Second part (the XML): still one file short. Sent twice, as a phone
    // retrying does: taken twice, kept once.
    for _ in 0..2 {
        let (status, body) = send_part(&app, &sent.manifest, &sent.only(&["submission.xml.enc"]), true).await;
        assert_eq!(status, 201, "{body}");
    }
    assert_eq!(source_status(&app, &lawyer, instance).await, 404);
    assert_eq!(
        kept_names(&app, instance).await,
        ["photo.jpg.enc", "submission.xml", "submission.xml.enc"]
    );

    // Nothing of it in the clear meanwhile.
    for (path, bytes) in files_under(&app.dir) {
        assert!(
            !contains(&bytes, &sent.file("photo.jpg.enc")[1_000..1_064]),
            "{}",
            path.display()
        );
    }

    // The last part: the report is whole, decrypted, checked, admitted.
    let (status, body) = send_part(&app, &sent.manifest, &sent.only(&["voice.amr.enc"]), false).await;
    assert_eq!(status, 201, "{body}");
    assert!(body.contains("Thank you"), "{body}");
    assert_eq!(source_status(&app, &lawyer, instance).await, 200);
    let id = "field-2a000000-0000-4000-8000-000000000001";
    assert_eq!(proposal_kinds(&app, id, &lawyer).await, ["person", "event"]);
    let attachments = app
        .store
        .attachments(&RecordId::parse(id).expect("id"))
        .await
        .expect("attachments");
    let sha = |name: &str| {
        attachments
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("{name}: {attachments:?}"))
            .sha256
            .clone()
    };
    assert_eq!(sha("photo.jpg"), sha256_hex(&jpeg()));
    assert_eq!(sha("voice.amr"), sha256_hex(&amr()));
    assert_eq!(sha("voice.amr.enc"), sha256_hex(sent.file("voice.amr.enc")));
    assert_eq!(attachments.len(), 6);
    // Sent again whole, or a part again: received before, nothing more.
    let (status, body) = send(&app, &sent.manifest, &sent.files).await;
    assert_eq!(status, 201, "{body}");
    assert!(body.contains("received before"), "{body}");
    let (status, body) = send_part(&app, &sent.manifest, &sent.only(&["photo.jpg.enc"]), true).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(kept_names(&app, instance).await.len(), 6);
}

#[tokio::test]
async fn wrong_parts_of_a_split_report_are_refused_and_leave_nothing_half_written() {
    let app = TestApp::empty().await;
    app.account(DEVICE, AccountRole::Device).await;
    let lawyer = app.token("lawyer@example.org", AccountRole::ConfidentialReader).await;
    let form = encrypted_form(&app).await;
    let d = "uuid:3d000000-0000-4000-8000-000000000001";
    let e = "uuid:3e000000-0000-4000-8000-000000000002";
    let one = encrypt(&form, &report(d, "The report that is split."));
    let two = encrypt(&form, &report(e, "Another report."));

    // A truncated .enc in a part: refused, nothing of the request kept.
    let mut cut = one.only(&["photo.jpg.enc"]);
    cut[0].1.truncate(1_000 + 7);
    let (status, body) = send_part(&app, &one.manifest, &cut, true).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("photo.jpg.enc"), "{body}");
    assert!(kept_names(&app, d).await.is_empty());

    // The right first part.
    let (status, body) = send_part(&app, &one.manifest, &one.only(&["photo.jpg.enc"]), true).await;
    assert_eq!(status, 201, "{body}");
    let after_first = kept_names(&app, d).await;
    assert_eq!(after_first, ["photo.jpg.enc", "submission.xml"]);

    // The same instanceID under another manifest (the report encrypted
    // again, another key): a conflict, nothing changed.
    let again = encrypt(&form, &report(d, "The report that is split."));
    assert_ne!(again.manifest, one.manifest);
    let (status, body) = send_part(&app, &again.manifest, &again.only(&["voice.amr.enc"]), true).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(kept_names(&app, d).await, after_first);

    // A photo of another report under a name this one has kept: a conflict.
    let (status, body) = send_part(&app, &one.manifest, &two.only(&["photo.jpg.enc"]), true).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(kept_names(&app, d).await, after_first);

    // The last request lacking a file the manifest names (and no part
    // brought it): refused, naming it; the parts kept wait on.
    let (status, body) = send_part(&app, &one.manifest, &one.only(&["submission.xml.enc"]), false).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("voice.amr.enc"), "{body}");
    assert_eq!(kept_names(&app, d).await, after_first);
    assert_eq!(source_status(&app, &lawyer, d).await, 404);

    // Another report's manifest with this one's files: they do not open
    // with its key or do not match its signature; nothing of either.
    let (status, body) = send(&app, &two.manifest, &one.files).await;
    assert_eq!(status, 400, "{body}");
    assert!(kept_names(&app, e).await.is_empty());
    assert_eq!(kept_names(&app, d).await, after_first);

    // The last part altered on the way (a byte in the middle of the XML):
    // the whole report does not match what the phone signed. Refused, and
    // the parts kept before are removed, so that it can be sent again.
    let mut altered = one.only(&["submission.xml.enc", "voice.amr.enc"]);
    for (name, bytes) in altered.iter_mut() {
        if name == "voice.amr.enc" {
            bytes[3_000] ^= 0x01;
        }
    }
    let (status, body) = send_part(&app, &one.manifest, &altered, false).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("signature"), "{body}");
    assert!(kept_names(&app, d).await.is_empty());
    assert_eq!(source_status(&app, &lawyer, d).await, 404);

    // Sent again, in two parts, right: admitted.
    let (status, body) = send_part(
        &app,
        &one.manifest,
        &one.only(&["photo.jpg.enc", "voice.amr.enc"]),
        true,
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = send_part(&app, &one.manifest, &one.only(&["submission.xml.enc"]), false).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(source_status(&app, &lawyer, d).await, 200);

    // A clear report under an instanceID whose encrypted parts wait: a conflict.
    let (status, body) = send_part(&app, &two.manifest, &two.only(&["photo.jpg.enc"]), true).await;
    assert_eq!(status, 201, "{body}");
    let clear = report(e, "Not encrypted.").replace(FORM, "vigil_incident_report");
    let res = send_submission(&app, DEVICE, PASSWORD, collect_form(&clear, &[])).await;
    assert_eq!(res.status(), 409);
    assert_eq!(source_status(&app, &lawyer, e).await, 404);
}

#[tokio::test]
async fn an_encrypted_submission_is_decrypted_checked_and_stored_as_a_clear_one_is() {
    let app = TestApp::empty().await;
    app.account(DEVICE, AccountRole::Device).await;

    // Both forms are listed; the encrypted one carries a 2048-bit public
    // key in its <submission>, the same at every request.
    let list = get(&app, "/openrosa/formList").await.text().await.expect("list");
    assert!(list.contains("<formID>vigil_incident_report</formID>"), "{list}");
    assert!(list.contains(&format!("<formID>{FORM}</formID>")), "{list}");
    let form = encrypted_form(&app).await;
    let xform = roxmltree::Document::parse(&form).expect("the form is XML");
    let key = xform
        .descendants()
        .find(|n| n.tag_name().name() == "submission")
        .and_then(|n| n.attribute("base64RsaPublicKey"))
        .expect("a public key")
        .to_owned();
    assert_eq!(key.len(), 392, "a 2048-bit key's SubjectPublicKeyInfo in base64");
    assert_eq!(encrypted_form(&app).await, form, "the key is made once");
    let kept = app.store.form_key(FORM_KEY_ID).await.expect("read").expect("kept");
    assert_eq!(kept.public_key, key);

    let instance_id = "uuid:e0c1a2b3-1111-4222-8333-444455556666";
    let instance = report(instance_id, "They took him at night; his wife filmed the car.");
    let sent = encrypt(&form, &instance);
    assert!(sent.manifest.contains("encrypted=\"yes\""));
    assert!(
        !contains(sent.file("photo.jpg.enc"), &jpeg()[100..164]),
        "the photo is encrypted"
    );

    let (status, body) = send(&app, &sent.manifest, &sent.files).await;
    assert_eq!(status, 201, "{body}");

    // What a clear submission becomes: a confidential source, its text
    // from the answers and the decrypted XML's SHA-256, and proposals.
    let id = "field-e0c1a2b3-1111-4222-8333-444455556666";
    let lawyer = app.token("lawyer@example.org", AccountRole::ConfidentialReader).await;
    assert_eq!(app.get(&format!("/api/v1/sources/{id}")).await.status(), 404);
    let res = app.get_as(&format!("/api/v1/sources/{id}"), &lawyer).await;
    assert_eq!(res.status(), 200);
    let source: serde_json::Value = res.json().await.expect("json");
    assert_eq!(source["confidential"], true);
    let text = source["text"].as_str().expect("text");
    assert!(
        text.contains("They took him at night; his wife filmed the car."),
        "{text}"
    );
    assert!(text.contains("Nurlan Yessenov"), "{text}");
    assert!(text.contains("encrypted on the phone"), "{text}");
    assert!(
        text.contains(&sha256_hex(instance.as_bytes())),
        "the decrypted XML's SHA-256: {text}"
    );
    let kinds = proposal_kinds(&app, id, &lawyer).await;
    assert_eq!(kinds, ["person", "event"]);

    // The attachments, decrypted, with the SHA-256 of their decrypted
    // bytes and the type those bytes show; the .enc files as received.
    let source_id = RecordId::parse(id).expect("id");
    let attachments = app.store.attachments(&source_id).await.expect("attachments");
    let found = |name: &str| {
        attachments
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("{name} kept: {attachments:?}"))
    };
    assert_eq!(found("photo.jpg").sha256, sha256_hex(&jpeg()));
    assert_eq!(found("photo.jpg").content_type, "image/jpeg");
    assert_eq!(found("voice.amr").sha256, sha256_hex(&amr()));
    assert_eq!(found("voice.amr").content_type, "audio/amr");
    for name in ["photo.jpg.enc", "voice.amr.enc", "submission.xml.enc"] {
        assert_eq!(found(name).sha256, sha256_hex(sent.file(name)), "{name} as received");
    }
    // And the manifest as received, under the name Collect sends it by:
    // with the private key, the phone's signature can be checked again.
    assert_eq!(found("submission.xml").sha256, sha256_hex(sent.manifest.as_bytes()));
    assert_eq!(attachments.len(), 6);
    let res = app
        .get_as(&format!("/sources/{id}/attachments/photo.jpg"), &lawyer)
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.expect("bytes").to_vec(), jpeg());

    // The same submission again: received before, stored once.
    let (status, body) = send(&app, &sent.manifest, &sent.files).await;
    assert_eq!(status, 201, "{body}");
    assert!(body.contains("received before"), "{body}");
    assert_eq!(app.store.attachments(&source_id).await.expect("attachments").len(), 6);

    // Nothing of it, nor the form's private key, in the clear in the data
    // folder.
    let files = files_under(&app.dir);
    assert!(!files.is_empty());
    for needle in [
        &jpeg()[5_000..5_064],
        &amr()[6_000..6_064],
        &sent.file("photo.jpg.enc")[1_000..1_064],
        &kept.private_key[100..164],
        "his wife filmed the car".as_bytes(),
    ] {
        for (path, bytes) in &files {
            assert!(!contains(bytes, needle), "found in the clear in {}", path.display());
        }
    }
}

#[tokio::test]
async fn a_wrong_encrypted_submission_is_refused_and_nothing_is_written() {
    let app = TestApp::empty().await;
    app.account(DEVICE, AccountRole::Device).await;
    let form = encrypted_form(&app).await;
    let lawyer = app.token("lawyer@example.org", AccountRole::ConfidentialReader).await;
    let nothing_of = |instance: &'static str| {
        let app = &app;
        let lawyer = lawyer.clone();
        async move {
            let id = format!("field-{}", instance.trim_start_matches("uuid:"));
            let res = app.get_as(&format!("/api/v1/sources/{id}"), &lawyer).await;
            assert_eq!(res.status(), 404, "{id} was written");
            let kept = app
                .store
                .attachments(&RecordId::parse(&id).expect("id"))
                .await
                .expect("attachments");
            assert!(kept.is_empty(), "{kept:?}");
        }
    };

    // Encrypted for another server's key.
    let other = TestApp::empty().await;
    other.account(DEVICE, AccountRole::Device).await;
    let foreign_form = encrypted_form(&other).await;
    assert_ne!(foreign_form, form);
    let a = "uuid:0a000000-0000-4000-8000-000000000001";
    let sent = encrypt(&foreign_form, &report(a, "For another server."));
    let (status, body) = send(&app, &sent.manifest, &sent.files).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("does not decrypt with this server's form key"), "{body}");
    nothing_of(a).await;

    // A file the manifest names is missing.
    let b = "uuid:0b000000-0000-4000-8000-000000000002";
    let sent = encrypt(&form, &report(b, "A recording lost on the way."));
    let without: Vec<_> = sent
        .files
        .iter()
        .filter(|(n, _)| n != "voice.amr.enc")
        .cloned()
        .collect();
    let (status, body) = send(&app, &sent.manifest, &without).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("voice.amr.enc"), "{body}");
    nothing_of(b).await;

    // Another submission's signature: it opens with the key, but does not
    // match this manifest and these files.
    let c = "uuid:0c000000-0000-4000-8000-000000000003";
    let d = "uuid:0d000000-0000-4000-8000-000000000004";
    let one = encrypt(&form, &report(c, "The first report."));
    let two = encrypt(&form, &report(d, "The second report."));
    let signature = |m: &str| {
        let start = m.find("<base64EncryptedElementSignature>").expect("a signature");
        let end = m.find("</base64EncryptedElementSignature>").expect("its end");
        m[start..end].to_owned()
    };
    let swapped = one
        .manifest
        .replace(&signature(&one.manifest), &signature(&two.manifest));
    assert_ne!(swapped, one.manifest);
    let (status, body) = send(&app, &swapped, &one.files).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("signature"), "{body}");
    nothing_of(c).await;

    // An attachment changed on the way (a byte of its ciphertext): it no
    // longer decrypts to what the phone signed.
    let mut changed = one.files.clone();
    for (name, bytes) in changed.iter_mut() {
        if name == "photo.jpg.enc" {
            bytes[2_000] ^= 0x20;
        }
    }
    let (status, body) = send(&app, &one.manifest, &changed).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("signature"), "{body}");
    nothing_of(c).await;

    // The files of another submission under this manifest: they do not
    // decrypt with its key.
    let (status, body) = send(&app, &one.manifest, &two.files).await;
    assert_eq!(status, 400, "{body}");
    nothing_of(c).await;
    nothing_of(d).await;

    // The right files afterwards: taken.
    let (status, body) = send(&app, &one.manifest, &one.files).await;
    assert_eq!(status, 201, "{body}");
    let res = app
        .get_as("/api/v1/sources/field-0c000000-0000-4000-8000-000000000003", &lawyer)
        .await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn parts_of_a_split_report_expire_after_their_last_part_and_a_discarded_one_can_be_sent_again_whole() {
    use vigil_app::field::pending;
    let app = TestApp::empty().await;
    app.account(DEVICE, AccountRole::Device).await;
    let lawyer = app.token("lawyer@example.org", AccountRole::ConfidentialReader).await;
    let form = encrypted_form(&app).await;
    let old = "uuid:4a000000-0000-4000-8000-000000000001";
    let young = "uuid:4b000000-0000-4000-8000-000000000002";
    let first = encrypt(&form, &report(old, "Its last request never came."));
    let second = encrypt(&form, &report(young, "Still on its way."));
    let (status, body) = send_part(&app, &first.manifest, &first.only(&["photo.jpg.enc"]), true).await;
    assert_eq!(status, 201, "{body}");
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let (status, body) = send_part(&app, &second.manifest, &second.only(&["voice.amr.enc"]), true).await;
    assert_eq!(status, 201, "{body}");

    // Both listed, the longest silent first, with what they keep.
    let listed = pending::list(&app.store).await.expect("listed");
    let ids: Vec<&str> = listed.iter().map(|p| p.source_id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "field-4a000000-0000-4000-8000-000000000001",
            "field-4b000000-0000-4000-8000-000000000002"
        ]
    );
    assert_eq!(listed[0].parts, 2);
    assert_eq!(
        listed[0].bytes,
        (first.manifest.len() + first.file("photo.jpg.enc").len()) as u64
    );
    assert!(listed[0].last_received_at < listed[1].last_received_at);

    // Seven days after the first's last part, and before the second's:
    // the first goes whole, the second stays whole.
    let kept_for = time::Duration::days(7);
    let between = (listed[0].last_received_at + listed[1].last_received_at) / 2;
    let now = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(between) * 1000).expect("time") + kept_for;
    assert_eq!(pending::expire(&app.store, kept_for, now).await.expect("expired"), 2);
    assert!(kept_names(&app, old).await.is_empty());
    assert_eq!(kept_names(&app, young).await, ["submission.xml", "voice.amr.enc"]);
    // Nothing expires today.
    let today = time::OffsetDateTime::now_utc();
    assert_eq!(pending::expire(&app.store, kept_for, today).await.expect("none"), 0);

    // The second discarded by an administrator (by its instanceID): gone,
    // and the phone sends it again whole: admitted.
    assert_eq!(pending::discard(&app.store, young).await.expect("discarded"), 2);
    assert!(kept_names(&app, young).await.is_empty());
    assert!(pending::list(&app.store).await.expect("listed").is_empty());
    for (instance, sent) in [(young, &second), (old, &first)] {
        let (status, body) = send(&app, &sent.manifest, &sent.files).await;
        assert_eq!(status, 201, "{body}");
        assert!(body.contains("Thank you"), "{body}");
        assert_eq!(source_status(&app, &lawyer, instance).await, 200);
    }
    // An admitted report is never discarded; an unknown one is not found.
    assert!(matches!(
        pending::discard(&app.store, "field-4b000000-0000-4000-8000-000000000002").await,
        Err(vigil_app::AppError::Conflict { .. })
    ));
    assert_eq!(kept_names(&app, young).await.len(), 6);
    assert!(matches!(
        pending::discard(&app.store, "uuid:4c000000-0000-4000-8000-000000000003").await,
        Err(vigil_app::AppError::NotFound { .. })
    ));
    assert_eq!(
        pending::expire(&app.store, kept_for, now + kept_for * 10)
            .await
            .expect("none"),
        0
    );
}
