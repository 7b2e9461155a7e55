//! HTTP Digest authentication (RFC 7616) for device accounts, beside
//! Basic, over real HTTP on loopback. The client side is computed here by
//! hand, per the RFC (HA1, HA2, the response under `qop=auth`), with the
//! `md-5` and `sha2` crates: nothing of the server's code.

mod common;

use common::{collect_form, contains, files_under, TestApp, PASSWORD};
use vigil_app::accounts::{self, Administrator};
use vigil_core::{AccountRole, UserName};

const DEVICE: &str = "phone-digest";
const REPORT: &str = r#"<?xml version='1.0' ?><data id="vigil_incident_report" version="2026120302"><event_type>arrest</event_type><event_date>2026-11-03</event_date><date_precision>day</date_precision><account>Sent with Digest.</account><consent>yes</consent><meta><instanceID>uuid:d1000000-0000-4000-8000-000000000001</instanceID></meta></data>"#;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn h(algorithm: &str, data: &str) -> String {
    use sha2::Digest as _;
    match algorithm {
        "MD5" => hex(&md5::Md5::digest(data.as_bytes())),
        "SHA-256" => hex(&sha2::Sha256::digest(data.as_bytes())),
        other => panic!("{other}"),
    }
}

/// The `Authorization` a Digest client sends (RFC 7616 §3.4, qop=auth).
#[allow(clippy::too_many_arguments)]
fn authorization(algorithm: &str, user: &str, password: &str, nonce: &str, method: &str, uri: &str, nc: u32) -> String {
    let cnonce = format!("c{nc:x}n0nce");
    let nc = format!("{nc:08x}");
    let ha1 = h(algorithm, &format!("{user}:Vigil:{password}"));
    let ha2 = h(algorithm, &format!("{method}:{uri}"));
    let response = h(algorithm, &format!("{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}"));
    format!(
        "Digest username=\"{user}\", realm=\"Vigil\", nonce=\"{nonce}\", uri=\"{uri}\", algorithm={algorithm}, \
         qop=auth, nc={nc}, cnonce=\"{cnonce}\", response=\"{response}\""
    )
}

/// The `WWW-Authenticate` values of a response.
fn challenges(res: &reqwest::Response) -> Vec<String> {
    res.headers()
        .get_all("www-authenticate")
        .iter()
        .map(|v| v.to_str().expect("text").to_owned())
        .collect()
}

/// The nonce of a 401's first challenge.
fn nonce_of(challenges: &[String]) -> String {
    let first = &challenges[0];
    let start = first.find("nonce=\"").expect("a nonce") + 7;
    first[start..start + first[start..].find('"').expect("end")].to_owned()
}

async fn get(app: &TestApp, path: &str, authorization: Option<&str>) -> reqwest::Response {
    let mut req = app.client.get(app.url(path));
    if let Some(a) = authorization {
        req = req.header("authorization", a);
    }
    req.send().await.expect("sent")
}

/// A fresh nonce, from a request without credentials.
async fn fresh_nonce(app: &TestApp) -> String {
    let res = get(app, "/openrosa/formList", None).await;
    assert_eq!(res.status(), 401);
    nonce_of(&challenges(&res))
}

#[tokio::test]
async fn a_device_signs_in_with_digest_and_wrong_stale_replayed_or_disabled_credentials_are_refused() {
    let app = TestApp::empty().await;
    let by = Administrator::console("test");
    let device = UserName::parse(DEVICE).expect("name");
    accounts::add(&app.store, &by, &device, AccountRole::Device, PASSWORD.into())
        .await
        .expect("device account");

    // Without credentials: Digest (SHA-256 first, then MD5) and Basic offered.
    let res = get(&app, "/openrosa/formList", None).await;
    assert_eq!(res.status(), 401);
    let offered = challenges(&res);
    assert_eq!(offered.len(), 3, "{offered:?}");
    assert!(
        offered[0].starts_with("Digest realm=\"Vigil\", qop=\"auth\", algorithm=SHA-256, nonce=\""),
        "{offered:?}"
    );
    assert!(
        offered[1].starts_with("Digest realm=\"Vigil\", qop=\"auth\", algorithm=MD5, nonce=\""),
        "{offered:?}"
    );
    assert!(offered[2].starts_with("Basic realm=\"Vigil\""), "{offered:?}");
    assert!(!offered[0].contains("stale"));
    let nonce = nonce_of(&offered);
    assert_eq!(nonce.len(), 32);

    // The right password: taken, under SHA-256 and MD5, the count rising.
    let list = "/openrosa/formList";
    let res = get(
        &app,
        list,
        Some(&authorization("SHA-256", DEVICE, PASSWORD, &nonce, "GET", list, 1)),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert!(res
        .text()
        .await
        .expect("list")
        .contains("<formID>vigil_incident_report</formID>"));
    let md5_two = authorization("MD5", DEVICE, PASSWORD, &nonce, "GET", list, 2);
    assert_eq!(get(&app, list, Some(&md5_two)).await.status(), 200);
    // A query string is part of the address signed.
    let filtered = "/openrosa/formList?formID=vigil_incident_report";
    let res = get(
        &app,
        filtered,
        Some(&authorization("MD5", DEVICE, PASSWORD, &nonce, "GET", filtered, 3)),
    )
    .await;
    assert_eq!(res.status(), 200);

    // The same request again (a replay of its count): refused, stale, so
    // that an honest client signs in again with a fresh nonce.
    let res = get(&app, list, Some(&md5_two)).await;
    assert_eq!(res.status(), 401);
    let again = challenges(&res);
    assert!(
        again[0].contains("stale=true") && again[1].contains("stale=true"),
        "{again:?}"
    );
    assert_ne!(nonce_of(&again), nonce, "a new nonce each time");

    // A nonce the server never issued (or one it forgot, expired): stale.
    let made_up = "0123456789abcdef0123456789abcdef";
    let res = get(
        &app,
        list,
        Some(&authorization("SHA-256", DEVICE, PASSWORD, made_up, "GET", list, 1)),
    )
    .await;
    assert_eq!(res.status(), 401);
    assert!(challenges(&res)[0].contains("stale=true"));

    // A wrong password: refused, and not stale.
    let fresh = fresh_nonce(&app).await;
    let res = get(
        &app,
        list,
        Some(&authorization(
            "SHA-256",
            DEVICE,
            "not the password",
            &fresh,
            "GET",
            list,
            1,
        )),
    )
    .await;
    assert_eq!(res.status(), 401);
    assert!(!challenges(&res)[0].contains("stale"));
    // Another realm, or the name in other letters: refused.
    let other_realm =
        authorization("MD5", DEVICE, PASSWORD, &fresh, "GET", list, 2).replace("realm=\"Vigil\"", "realm=\"Other\"");
    assert_eq!(get(&app, list, Some(&other_realm)).await.status(), 401);
    // Credentials for another address than the request's: a bad request.
    let elsewhere = authorization("MD5", DEVICE, PASSWORD, &fresh, "GET", "/openrosa/forms/x.xml", 3);
    assert_eq!(get(&app, list, Some(&elsewhere)).await.status(), 400);
    // Credentials that cannot be read: refused.
    assert_eq!(get(&app, list, Some("Digest username=\"x\"")).await.status(), 401);

    // A report sent with Digest, as Collect sends it (HEAD, then POST).
    let sub = "/openrosa/submission";
    let nonce = fresh_nonce(&app).await;
    let res = app
        .client
        .head(app.url(sub))
        .header(
            "authorization",
            authorization("SHA-256", DEVICE, PASSWORD, &nonce, "HEAD", sub, 1),
        )
        .send()
        .await
        .expect("head");
    assert_eq!(res.status(), 204);
    let res = app
        .client
        .post(app.url(sub))
        .header(
            "authorization",
            authorization("SHA-256", DEVICE, PASSWORD, &nonce, "POST", sub, 2),
        )
        .multipart(collect_form(REPORT, &[]))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());

    // Disabled: refused at once, whatever the nonce.
    accounts::set_disabled(&app.store, &by, &device, true)
        .await
        .expect("disabled");
    let res = get(
        &app,
        list,
        Some(&authorization("SHA-256", DEVICE, PASSWORD, &nonce, "GET", list, 3)),
    )
    .await;
    assert_eq!(res.status(), 401);
    assert!(!challenges(&res)[0].contains("stale"));
    let fresh = fresh_nonce(&app).await;
    let res = get(
        &app,
        list,
        Some(&authorization("MD5", DEVICE, PASSWORD, &fresh, "GET", list, 1)),
    )
    .await;
    assert_eq!(res.status(), 401);
    accounts::set_disabled(&app.store, &by, &device, false)
        .await
        .expect("enabled");
    let res = get(
        &app,
        list,
        Some(&authorization("MD5", DEVICE, PASSWORD, &fresh, "GET", list, 2)),
    )
    .await;
    assert_eq!(res.status(), 200);

    // The password's HA1 is nowhere in the data folder in the clear.
    use sha2::Digest as _;
    let a1 = format!("{DEVICE}:Vigil:{PASSWORD}");
    let md5_ha1 = md5::Md5::digest(a1.as_bytes()).to_vec();
    let sha_ha1 = sha2::Sha256::digest(a1.as_bytes()).to_vec();
    for (path, bytes) in files_under(&app.dir) {
        for secret in [
            &md5_ha1,
            &sha_ha1,
            &hex(&md5_ha1).into_bytes(),
            &hex(&sha_ha1).into_bytes(),
        ] {
            assert!(!contains(&bytes, secret), "{}", path.display());
        }
    }
}

#[tokio::test]
async fn an_account_made_before_digest_signs_in_with_basic_until_its_password_is_set_again() {
    let app = TestApp::empty().await;
    // As accounts were made before: a password hash, no digest secret.
    let old = app.account("phone-old", AccountRole::Device).await;
    let list = "/openrosa/formList";
    let nonce = fresh_nonce(&app).await;
    let digest = authorization("SHA-256", "phone-old", PASSWORD, &nonce, "GET", list, 1);
    let res = get(&app, list, Some(&digest)).await;
    assert_eq!(res.status(), 401);
    assert!(!challenges(&res)[0].contains("stale"));
    assert_eq!(
        app.send_basic(reqwest::Method::GET, list, "phone-old").await.status(),
        200
    );
    // Its password set again: Digest too, with the new password.
    let by = Administrator::console("test");
    accounts::set_password(&app.store, &by, &old, "a brand new device password".into())
        .await
        .expect("password");
    let nonce = fresh_nonce(&app).await;
    let digest = authorization(
        "MD5",
        "phone-old",
        "a brand new device password",
        &nonce,
        "GET",
        list,
        1,
    );
    assert_eq!(get(&app, list, Some(&digest)).await.status(), 200);
    let digest = authorization("MD5", "phone-old", PASSWORD, &nonce, "GET", list, 2);
    assert_eq!(get(&app, list, Some(&digest)).await.status(), 401);

    // An account that is not a device's has no digest secret, and is not let in.
    let reader = UserName::parse("reader@example.org").expect("name");
    accounts::add(
        &app.store,
        &by,
        &reader,
        AccountRole::ConfidentialReader,
        PASSWORD.into(),
    )
    .await
    .expect("reader");
    let digest = authorization("MD5", "reader@example.org", PASSWORD, &nonce, "GET", list, 3);
    assert_eq!(get(&app, list, Some(&digest)).await.status(), 401);
    // Made a device by its role alone: still no digest until a password is set.
    accounts::set_role(&app.store, &by, &reader, AccountRole::Device)
        .await
        .expect("role");
    let nonce = fresh_nonce(&app).await;
    let digest = authorization("MD5", "reader@example.org", PASSWORD, &nonce, "GET", list, 1);
    assert_eq!(get(&app, list, Some(&digest)).await.status(), 401);
    accounts::set_password(&app.store, &by, &reader, PASSWORD.into())
        .await
        .expect("password");
    let digest = authorization("MD5", "reader@example.org", PASSWORD, &nonce, "GET", list, 2);
    assert_eq!(get(&app, list, Some(&digest)).await.status(), 200);
}
