//! `vigil form-key …` as an administrator runs it: the key pair of
//! encrypted forms rotated alone, listed, and a private key exported for
//! ODK Briefcase, which then opens what a phone encrypts for the form the
//! server serves.

mod common;

use std::path::Path;

use base64::Engine as _;
use common::{run_in, serve, url_in};
use rsa::pkcs1::DecodeRsaPrivateKey as _;
use rsa::pkcs8::DecodePublicKey as _;
use rsa::{Oaep, RsaPrivateKey, RsaPublicKey};

fn ok(out: std::process::Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The one `vigil:` line of a failure.
fn refused(out: std::process::Output) -> String {
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("vigil:")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    lines[0].to_owned()
}

/// The encrypted form as a phone fetches it from `vigil serve` on `data`,
/// signed in as the device account `phone`: its public key and version.
fn served_form(data: &Path) -> (RsaPublicKey, String) {
    let (mut child, line) = serve(data, |_| {});
    let url = url_in(&line);
    let form = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            reqwest::Client::new()
                .get(format!("{url}/openrosa/forms/vigil_incident_report_encrypted.xml"))
                .basic_auth("phone", Some("a long device password"))
                .send()
                .await
                .expect("sent")
                .text()
                .await
                .expect("form")
        });
    child.kill().expect("stopped");
    child.wait().expect("stopped");
    let attribute = |name: &str| {
        let start = form
            .find(&format!("{name}=\""))
            .unwrap_or_else(|| panic!("no {name} in {form}"))
            + name.len()
            + 2;
        form[start..start + form[start..].find('"').expect("end")].to_owned()
    };
    let der = base64::engine::general_purpose::STANDARD
        .decode(attribute("base64RsaPublicKey"))
        .expect("base64");
    (
        RsaPublicKey::from_public_key_der(&der).expect("a public key"),
        attribute("orx:version"),
    )
}

/// What a phone sends as `base64EncryptedKey`: a random AES-256 key
/// encrypted under the form's key (RSA-OAEP, SHA-256 and MGF1-SHA-256).
fn phone_key(public: &RsaPublicKey) -> ([u8; 32], Vec<u8>) {
    use rsa::rand_core::RngCore as _;
    let mut key = [0u8; 32];
    rsa::rand_core::OsRng.fill_bytes(&mut key);
    let sealed = public
        .encrypt(&mut rsa::rand_core::OsRng, Oaep::new::<sha2::Sha256>(), &key)
        .expect("encrypted");
    (key, sealed)
}

#[test]
fn the_form_key_rotates_alone_and_exports_for_briefcase() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let data = dir.path().join("data");
    let at = |name: &str| dir.path().join(name);

    // No key yet: nothing to export.
    let line = refused(run_in(
        &["form-key", "export", "--out", at("none.pem").to_str().expect("path")],
        &data,
        None,
    ));
    assert!(line.contains("no key for encrypted forms"), "{line}");
    assert!(!at("none.pem").exists());

    // A device account, and the form it is served.
    ok(run_in(
        &["user", "add", "phone", "--role", "device"],
        &data,
        Some("a long device password\n"),
    ));
    let (first_key, first_version) = served_form(&data);
    assert_eq!(first_version, "2026120302");
    let listed = ok(run_in(&["form-key", "list"], &data, None));
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(listed.starts_with("forms\tcurrent\t"), "{listed}");

    // Rotated alone: a new key under a new version of the form; the case
    // file's own key file is untouched.
    let key_file = std::fs::read(data.join("vigil.key")).expect("key file");
    let said = ok(run_in(&["form-key", "rotate"], &data, None));
    assert!(said.contains("version 2026120302.2"), "{said}");
    let retired = said
        .split_whitespace()
        .find(|w| w.starts_with("forms.retired."))
        .unwrap_or_else(|| panic!("the retired key named: {said}"))
        .trim_end_matches(',')
        .to_owned();
    assert_eq!(std::fs::read(data.join("vigil.key")).expect("key file"), key_file);
    let (second_key, second_version) = served_form(&data);
    assert_ne!(second_key, first_key);
    assert_eq!(second_version, "2026120302.2");
    let listed = ok(run_in(&["form-key", "list"], &data, None));
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 2, "{listed}");
    assert!(lines[0].starts_with("forms\tcurrent\t"), "{listed}");
    assert!(lines[1].starts_with(&format!("{retired}\tretired")), "{listed}");

    // Export: said where, to a new file only, readable by its owner only.
    let line = refused(run_in(&["form-key", "export"], &data, None));
    assert!(line.contains("--out"), "{line}");
    let pem_path = at("briefcase.pem");
    let out = run_in(
        &["form-key", "export", "--out", pem_path.to_str().expect("path")],
        &data,
        None,
    );
    assert!(ok(out).is_empty(), "the key goes to the file only");
    let pem = std::fs::read_to_string(&pem_path).expect("written");
    assert!(
        pem.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"),
        "PKCS#1, as Briefcase reads it"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&pem_path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let line = refused(run_in(
        &["form-key", "export", "--out", pem_path.to_str().expect("path")],
        &data,
        None,
    ));
    assert!(line.contains("exists already"), "{line}");
    assert_eq!(std::fs::read_to_string(&pem_path).expect("kept"), pem);
    let to_stdout = ok(run_in(&["form-key", "export", "--stdout"], &data, None));
    assert_eq!(to_stdout, pem);
    let line = refused(run_in(
        &["form-key", "export", "--stdout", "--key", "forms.retired.0"],
        &data,
        None,
    ));
    assert!(line.contains("forms.retired.0"), "{line}");
    let old_pem = ok(run_in(
        &["form-key", "export", "--stdout", "--key", &retired],
        &data,
        None,
    ));
    assert_ne!(old_pem, pem);

    // The exported key opens what a phone encrypts for the form served
    // now; the retired one what it encrypted for the form before.
    let current = RsaPrivateKey::from_pkcs1_pem(&pem).expect("PKCS#1 PEM");
    let old = RsaPrivateKey::from_pkcs1_pem(&old_pem).expect("PKCS#1 PEM");
    let (aes, sealed) = phone_key(&second_key);
    assert_eq!(
        current.decrypt(Oaep::new::<sha2::Sha256>(), &sealed).expect("opens"),
        aes
    );
    assert!(old.decrypt(Oaep::new::<sha2::Sha256>(), &sealed).is_err());
    let (aes_before, sealed_before) = phone_key(&first_key);
    assert_eq!(
        old.decrypt(Oaep::new::<sha2::Sha256>(), &sealed_before).expect("opens"),
        aes_before
    );

    // And OpenSSL, another reader of PEM keys, opens it too (when it is here).
    if let Ok(status) = std::process::Command::new("openssl").arg("version").output() {
        if status.status.success() {
            std::fs::write(at("sealed.bin"), &sealed).expect("written");
            let out = std::process::Command::new("openssl")
                .args(["pkeyutl", "-decrypt", "-inkey"])
                .arg(&pem_path)
                .args([
                    "-pkeyopt",
                    "rsa_padding_mode:oaep",
                    "-pkeyopt",
                    "rsa_oaep_md:sha256",
                    "-pkeyopt",
                    "rsa_mgf1_md:sha256",
                    "-in",
                ])
                .arg(at("sealed.bin"))
                .output()
                .expect("openssl runs");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            assert_eq!(out.stdout, aes);
        }
    }
}
