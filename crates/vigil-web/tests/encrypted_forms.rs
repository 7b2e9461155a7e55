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
    let files: Vec<(&str, &str, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (name.as_str(), "application/octet-stream", bytes.as_slice()))
        .collect();
    let res = send_submission(app, DEVICE, PASSWORD, collect_form(manifest, &files)).await;
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

/// The encrypted form as the server serves it, checked against the form
/// list's hash.
async fn encrypted_form(app: &TestApp) -> String {
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
    form
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
    assert_eq!(attachments.len(), 5);
    let res = app
        .get_as(&format!("/sources/{id}/attachments/photo.jpg"), &lawyer)
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.expect("bytes").to_vec(), jpeg());

    // The same submission again: received before, stored once.
    let (status, body) = send(&app, &sent.manifest, &sent.files).await;
    assert_eq!(status, 201, "{body}");
    assert!(body.contains("received before"), "{body}");
    assert_eq!(app.store.attachments(&source_id).await.expect("attachments").len(), 5);

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
