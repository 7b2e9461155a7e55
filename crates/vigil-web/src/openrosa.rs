//! OpenRosa, as phones speak it (ODK Collect, KoboCollect, Tella): the
//! form list, the forms, and submissions, following the OpenRosa 1.0
//! form-list and form-submission APIs as ODK Central serves them.
//!
//! - `GET /openrosa/formList` (`?formID=` filters it): each form with its
//!   hash and download address;
//! - `GET /openrosa/forms/{id}.xml`: a form (the incident report, clear
//!   or encrypted on the phone);
//! - `GET /openrosa/forms/{id}/manifest`: the media files of a form an
//!   admin uploaded with them (the form list gives its `manifestUrl` only
//!   then), each with its `md5:` hash and download address
//!   `/openrosa/forms/{id}/media/{name}`;
//! - `HEAD /openrosa/submission`: 204, with the largest body taken;
//! - `POST /openrosa/submission`: `multipart/form-data` with
//!   `xml_submission_file` and the attachments it names; 201 with an
//!   `OpenRosaResponse`. An encrypted submission (a manifest and `.enc`
//!   files, see [`vigil_app::field::encrypted`]) is decrypted here with
//!   the case file's form key (the current one, or one a rotation
//!   retired) and its signature checked; then it becomes what a clear one
//!   does, its manifest and `.enc` files kept too. A report Collect splits
//!   over several requests (`*isIncomplete*` on all but the last) is kept
//!   in sealed parts until every file its manifest names is there.
//!
//! Only device accounts come here, with HTTP Digest (RFC 7616, SHA-256 or
//! MD5, see [`crate::auth::digest`]) or Basic credentials
//! ([`authenticate`]); the main gate refuses devices everywhere else.
//! Every answer carries `X-OpenRosa-Version: 1.0`; errors are
//! `OpenRosaResponse` documents, whose message the phone shows.

use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, head};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;
use vigil_app::field::encrypted::{md5_hex as md5_of, Manifest, MANIFEST_NAME};
use vigil_app::field::{self, xform, Received, Submission};
use vigil_app::i18n::Lang;
use vigil_app::AppError;
use vigil_core::UserName;
use vigil_store::{Accounts, Attachments, Proposals, Store};

use crate::auth::digest;
use crate::spool::{Incoming, SpoolError};
use crate::AppState;

/// The largest submission taken (its XML and attachments together).
pub const SUBMISSION_LIMIT: usize = 100 * 1024 * 1024;

const VERSION_HEADER: HeaderName = HeaderName::from_static("x-openrosa-version");
const ACCEPT_LENGTH: HeaderName = HeaderName::from_static("x-openrosa-accept-content-length");

/// The multipart field ODK Collect adds (value `yes`) to each request but
/// the last of a submission it splits.
const INCOMPLETE: &str = "*isIncomplete*";

/// The device account a request comes from (set by [`authenticate`]).
#[derive(Debug, Clone)]
pub struct Device(pub UserName);

pub fn routes<S: Store + Accounts + Proposals + Attachments>(state: AppState<S>) -> Router {
    Router::new()
        .route("/openrosa/formList", get(form_list::<S>))
        .route("/openrosa/forms/{file}", get(form::<S>))
        .route("/openrosa/forms/{id}/manifest", get(manifest::<S>))
        .route("/openrosa/forms/{id}/media/{name}", get(media::<S>))
        .route("/openrosa/submission", head(probe).post(submit::<S>))
        .layer(DefaultBodyLimit::max(SUBMISSION_LIMIT))
        .layer(axum::middleware::from_fn_with_state(state.clone(), authenticate::<S>))
        .layer(axum::middleware::from_fn(in_the_phones_language))
        .with_state(state)
        .layer(SetResponseHeaderLayer::overriding(
            VERSION_HEADER,
            HeaderValue::from_static("1.0"),
        ))
}

tokio::task_local! {
    /// The language of the phone a request comes from (its
    /// `Accept-Language`), for the messages the phone shows.
    static PHONE: Lang;
}

/// Answers a request in the language its phone asks for: ODK Collect
/// shows the reply's message to the reporter as it is.
async fn in_the_phones_language(request: Request, next: Next) -> Response {
    let lang = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or_default();
    PHONE.scope(lang, next.run(request)).await
}

/// An `OpenRosaResponse` with one message (an English sentence of the
/// catalogues, `phone-*`), said in the phone's language; a refusal the
/// catalogues cannot say gets their general words for it, never English.
fn respond(status: StatusCode, nature: &str, message: &str) -> Response {
    let lang = PHONE.try_with(|l| *l).unwrap_or_default();
    let message = vigil_app::readback::said_deep(lang, message).unwrap_or_else(|| lang.tr("phone-refused"));
    let body = format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\" items=\"0\">",
            "<message nature=\"{}\">{}</message></OpenRosaResponse>\n"
        ),
        nature,
        escape(&message)
    );
    (status, [(header::CONTENT_TYPE, "text/xml; charset=utf-8")], body).into_response()
}

fn error(status: StatusCode, message: &str) -> Response {
    respond(status, "error", message)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A 401 offering Digest (SHA-256, then MD5) and Basic; `stale`: the
/// Digest credentials were right but their nonce was not.
fn unauthorised(nonces: &digest::Nonces, message: &str, stale: bool) -> Response {
    let mut res = error(StatusCode::UNAUTHORIZED, message);
    for value in digest::challenges(nonces, stale) {
        res.headers_mut().append(header::WWW_AUTHENTICATE, value);
    }
    res
}

/// The name and password of `Authorization: Basic …`.
fn basic(headers: &HeaderMap) -> Option<(String, String)> {
    use base64::Engine as _;
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (name, password) = text.split_once(':')?;
    Some((name.to_owned(), password.to_owned()))
}

/// The gate of `/openrosa/…`: HTTP Digest or Basic credentials of an
/// enabled device account, checked on every request (a disabled account
/// is refused at once), failed attempts throttled as sign-ins are.
pub async fn authenticate<S: Store + Accounts>(
    State(app): State<AppState<S>>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonces = app.digest_nonces.clone();
    // Digest when the client sent Digest, else Basic.
    let presented = match digest::credentials(request.headers()) {
        Some(Ok(c)) => Presented::Digest(c),
        Some(Err(())) => {
            return unauthorised(&nonces, "these Digest credentials cannot be read", false);
        }
        None => match basic(request.headers()) {
            Some((name, password)) => Presented::Basic(name, password),
            None => {
                return unauthorised(&nonces, "sign in with the device account's name and password", false);
            }
        },
    };
    let address = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| {
            crate::Client::resolve(c.0.ip(), request.headers(), &app.trusted_proxies)
                .ip
                .to_string()
        })
        .unwrap_or_default();
    let name_key = match &presented {
        Presented::Digest(d) => d.username.trim().to_lowercase(),
        Presented::Basic(name, _) => name.trim().to_lowercase(),
    };
    if app.throttle.allows(&name_key, &address).is_err() {
        return error(
            StatusCode::TOO_MANY_REQUESTS,
            "too many failed attempts: wait a while before trying again",
        );
    }
    let checked = match presented {
        Presented::Digest(credentials) => {
            let target = request
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default();
            check_digest(&app, &credentials, request.method(), &target, &name_key, &address).await
        }
        Presented::Basic(_, password) => crate::auth::password::check(&app, &name_key, &address, password)
            .await
            .map(|a| a.ok_or(Refused::Wrong)),
    };
    let account = match checked {
        Ok(Ok(account)) => account,
        Ok(Err(Refused::Wrong)) => {
            tracing::warn!(account = %name_key, "a device's sign-in failed");
            return unauthorised(&nonces, "the name or the password is wrong", false);
        }
        Ok(Err(Refused::Stale)) => {
            return unauthorised(&nonces, "the sign-in has expired: sign in again", true);
        }
        Ok(Err(Refused::OtherUri)) => {
            return error(
                StatusCode::BAD_REQUEST,
                "the Digest credentials name another address than the request's",
            );
        }
        Err(e) => {
            tracing::error!(error = %e, "reading an account");
            return error(StatusCode::INTERNAL_SERVER_ERROR, "internal error");
        }
    };
    if !account.role.may_submit_reports() {
        return error(
            StatusCode::FORBIDDEN,
            "only device accounts send reports; ask an administrator for one",
        );
    }
    request.extensions_mut().insert(Device(account.name));
    next.run(request).await
}

/// The credentials a request carries.
enum Presented {
    Digest(digest::Credentials),
    /// A name and a password.
    Basic(String, String),
}

/// Why credentials were not taken.
enum Refused {
    /// The name or the password is wrong, or the account is disabled.
    Wrong,
    /// Right, under a nonce that is not (unknown, expired, or its count
    /// used before): the client should sign in again with a fresh one.
    Stale,
    /// The Digest credentials name another address than the request's.
    OtherUri,
}

/// HTTP Digest credentials checked against the device account's digest
/// secret (sealed in the store), then their nonce taken once. The same
/// throttle as every sign-in; a disabled account, an unknown one, or one
/// without a digest secret (its password set before Digest was offered)
/// is refused as a wrong password is.
async fn check_digest<S: Store + Accounts>(
    app: &AppState<S>,
    credentials: &digest::Credentials,
    method: &axum::http::Method,
    target: &str,
    name_key: &str,
    address: &str,
) -> Result<Result<vigil_store::Account, Refused>, vigil_store::StoreError> {
    if credentials.uri != target {
        return Ok(Err(Refused::OtherUri));
    }
    let found = match UserName::parse(name_key) {
        Ok(name) if credentials.username == name_key && credentials.realm == digest::REALM => {
            match app.store.account(&name).await? {
                Some((account, _)) => app.store.device_digest(&name).await?.map(|secret| (account, secret)),
                None => None,
            }
        }
        _ => None,
    };
    // Checked against a decoy when there is no secret, so that the
    // answer takes as long either way.
    let decoy = vigil_store::DigestSecret {
        md5: [0; 16],
        sha256: [0; 32],
    };
    let answers = credentials.answers(found.as_ref().map_or(&decoy, |(_, s)| s), method);
    let Some((account, _)) = found.filter(|_| answers) else {
        app.throttle.failed(name_key, address);
        return Ok(Err(Refused::Wrong));
    };
    if account.disabled {
        app.throttle.failed(name_key, address);
        return Ok(Err(Refused::Wrong));
    }
    match app.digest_nonces.take(&credentials.nonce, credentials.nc) {
        digest::Nonce::Fresh => {
            app.throttle.succeeded(name_key, address);
            Ok(Ok(account))
        }
        digest::Nonce::Stale => Ok(Err(Refused::Stale)),
    }
}

/// The form's XML, made once.
fn incident_report() -> &'static str {
    static FORM: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FORM.get_or_init(xform::incident_report)
}

fn md5_hex(bytes: &[u8]) -> String {
    use md5::Digest as _;
    md5::Md5::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(serde::Deserialize)]
pub struct FormListQuery {
    #[serde(rename = "formID")]
    form_id: Option<String>,
}

/// The encrypted form's XML, carrying the case file's current public form
/// key (made on first need), and its version (raised by each rotation of
/// the form key).
async fn incident_report_encrypted<S: Accounts + Attachments>(app: &AppState<S>) -> Result<(String, String), Response> {
    match field::encrypted_form(&app.store).await {
        Ok(form) => Ok(form),
        Err(e) => {
            tracing::error!(error = %e, "the form key");
            Err(error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the encrypted form cannot be made",
            ))
        }
    }
}

/// `GET /openrosa/formList`: the incident report, clear and encrypted.
async fn form_list<S: Store + Accounts + Attachments>(
    State(app): State<AppState<S>>,
    headers: HeaderMap,
    Query(query): Query<FormListQuery>,
) -> Response {
    let base = crate::origin::base_url(&app.campaigns.config.public_url, &headers);
    let mut body = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<xforms xmlns=\"http://openrosa.org/xforms/xformsList\">\n"
    ));
    let wanted = |id: &str| query.form_id.as_deref().is_none_or(|w| w == id);
    // (id, title, version, MD5 of the form, whether it has media files)
    let mut forms: Vec<(String, String, String, String, bool)> = Vec::new();
    if wanted(xform::FORM_ID) {
        forms.push((
            xform::FORM_ID.into(),
            xform::TITLE.into(),
            xform::VERSION.into(),
            md5_hex(incident_report().as_bytes()),
            false,
        ));
    }
    if wanted(xform::ENCRYPTED_FORM_ID) {
        match incident_report_encrypted(&app).await {
            Ok((form, version)) => forms.push((
                xform::ENCRYPTED_FORM_ID.into(),
                xform::ENCRYPTED_TITLE.into(),
                version,
                md5_hex(form.as_bytes()),
                false,
            )),
            Err(response) => return response,
        }
    }
    // The forms an admin uploaded.
    let uploaded = match app.store.forms().await {
        Ok(uploaded) => uploaded,
        Err(e) => {
            tracing::error!(error = %e, "reading the uploaded forms");
            return error(StatusCode::INTERNAL_SERVER_ERROR, "the form list cannot be read");
        }
    };
    for f in uploaded.into_iter().filter(|f| wanted(&f.id)) {
        let has_media = match app.store.form_media(&f.id).await {
            Ok(media) => !media.is_empty(),
            Err(e) => {
                tracing::error!(error = %e, "reading a form's media files");
                return error(StatusCode::INTERNAL_SERVER_ERROR, "the form list cannot be read");
            }
        };
        forms.push((f.id, f.title, f.version, f.md5, has_media));
    }
    for (id, name, version, hash, has_media) in forms {
        let id = escape(&id);
        let base = escape(&base);
        let manifest = if has_media {
            format!("    <manifestUrl>{base}/openrosa/forms/{id}/manifest</manifestUrl>\n")
        } else {
            String::new()
        };
        body.push_str(&format!(
            concat!(
                "  <xform>\n    <formID>{id}</formID>\n    <name>{name}</name>\n",
                "    <version>{version}</version>\n    <hash>md5:{hash}</hash>\n",
                "    <downloadUrl>{base}/openrosa/forms/{id}.xml</downloadUrl>\n{manifest}  </xform>\n"
            ),
            id = id,
            name = escape(&name),
            version = escape(&version),
            hash = hash,
            base = base,
            manifest = manifest,
        ));
    }
    body.push_str("</xforms>\n");
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

/// `GET /openrosa/forms/{id}.xml`.
async fn form<S: Accounts + Attachments>(State(app): State<AppState<S>>, Path(file): Path<String>) -> Response {
    let form = match file.strip_suffix(".xml") {
        Some(xform::FORM_ID) => incident_report().to_owned(),
        Some(xform::ENCRYPTED_FORM_ID) => match incident_report_encrypted(&app).await {
            Ok((form, _)) => form,
            Err(response) => return response,
        },
        Some(other) => match app.store.stored_form(other).await {
            Ok(Some(form)) => form.xml,
            Ok(None) => return error(StatusCode::NOT_FOUND, "there is no such form"),
            Err(e) => {
                tracing::error!(error = %e, "reading an uploaded form");
                return error(StatusCode::INTERNAL_SERVER_ERROR, "the form cannot be read");
            }
        },
        None => return error(StatusCode::NOT_FOUND, "there is no such form"),
    };
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        form,
    )
        .into_response()
}

/// `GET /openrosa/forms/{id}/manifest`: the media files of a form an
/// admin uploaded with them, as the OpenRosa form-list API's manifest
/// (`xformsManifest`). A form without media files has none (404).
async fn manifest<S: Accounts + Attachments>(
    State(app): State<AppState<S>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let media = match app.store.form_media(&id).await {
        Ok(media) if !media.is_empty() => media,
        Ok(_) => return error(StatusCode::NOT_FOUND, "this form has no media files"),
        Err(e) => {
            tracing::error!(error = %e, "reading a form's media files");
            return error(StatusCode::INTERNAL_SERVER_ERROR, "the manifest cannot be read");
        }
    };
    let base = crate::origin::base_url(&app.campaigns.config.public_url, &headers);
    let mut body = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<manifest xmlns=\"http://openrosa.org/xforms/xformsManifest\">\n"
    ));
    for m in media {
        body.push_str(&format!(
            concat!(
                "  <mediaFile>\n    <filename>{name}</filename>\n    <hash>md5:{md5}</hash>\n",
                "    <downloadUrl>{base}/openrosa/forms/{id}/media/{path}</downloadUrl>\n  </mediaFile>\n"
            ),
            name = escape(&m.name),
            md5 = m.md5,
            base = escape(&base),
            id = escape(&percent(&id)),
            path = escape(&percent(&m.name)),
        ));
    }
    body.push_str("</manifest>\n");
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

/// A path segment, percent-encoded where a URL needs it.
fn percent(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `GET /openrosa/forms/{id}/media/{name}`: one media file of a form, as
/// uploaded (its media type from its name; never sniffed by the browser).
async fn media<S: Accounts + Attachments>(
    State(app): State<AppState<S>>,
    Path((id, name)): Path<(String, String)>,
) -> Response {
    match app.store.form_media_file(&id, &name).await {
        Ok(Some((m, bytes))) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, m.content_type),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename*=UTF-8''{}", percent(&m.name)),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => error(StatusCode::NOT_FOUND, "there is no such media file"),
        Err(e) => {
            tracing::error!(error = %e, "reading a form's media file");
            error(StatusCode::INTERNAL_SERVER_ERROR, "the media file cannot be read")
        }
    }
}

/// `HEAD /openrosa/submission`: the phone asks before sending.
async fn probe() -> Response {
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut()
        .insert(ACCEPT_LENGTH, HeaderValue::from(SUBMISSION_LIMIT));
    res
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> Response {
    let status = e.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        error(
            status,
            &format!("the submission is larger than {SUBMISSION_LIMIT} bytes"),
        )
    } else {
        error(
            StatusCode::BAD_REQUEST,
            "the submission's multipart body cannot be read",
        )
    }
}

fn app_error(e: AppError) -> Response {
    match e {
        AppError::Malformed { message, .. } => error(StatusCode::BAD_REQUEST, &message),
        AppError::Conflict { message, .. } => error(StatusCode::CONFLICT, &message),
        AppError::NotFound { .. } => error(StatusCode::NOT_FOUND, "there is no such report"),
        e => {
            tracing::error!(error = %e, "a submission failed");
            error(StatusCode::INTERNAL_SERVER_ERROR, "the submission could not be stored")
        }
    }
}

/// `POST /openrosa/submission`.
async fn submit<S: Store + Accounts + Proposals + Attachments>(
    State(app): State<AppState<S>>,
    axum::Extension(Device(device)): axum::Extension<Device>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if length.is_some_and(|l| l > SUBMISSION_LIMIT as u64) {
        return error(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the submission is larger than {SUBMISSION_LIMIT} bytes"),
        );
    }
    let Ok(mut multipart) = multipart else {
        return error(
            StatusCode::BAD_REQUEST,
            "a submission is multipart/form-data with an xml_submission_file",
        );
    };
    let mut xml: Option<Vec<u8>> = None;
    let mut attachments: Vec<Incoming> = Vec::new();
    // Collect's mark on each request but the last of a report it splits
    // (over `X-OpenRosa-Accept-Content-Length`, or over 100 files).
    let mut incomplete = false;
    loop {
        let mut part = match multipart.next_field().await {
            Ok(Some(p)) => p,
            Ok(None) => break,
            Err(e) => return multipart_error(e),
        };
        let name = part.name().unwrap_or_default().to_owned();
        if name == "xml_submission_file" {
            let mut bytes = Vec::new();
            loop {
                match part.chunk().await {
                    Ok(Some(c)) => {
                        if bytes.len() + c.len() > field::XML_LIMIT {
                            return error(
                                StatusCode::PAYLOAD_TOO_LARGE,
                                &format!("the submission's XML is larger than {} bytes", field::XML_LIMIT),
                            );
                        }
                        bytes.extend_from_slice(&c);
                    }
                    Ok(None) => break,
                    Err(e) => return multipart_error(e),
                }
            }
            xml = Some(bytes);
            continue;
        }
        let Some(file_name) = part.file_name().map(str::to_owned) else {
            if name == INCOMPLETE {
                match part.text().await {
                    Ok(value) => incomplete = value.trim().eq_ignore_ascii_case("yes"),
                    Err(e) => return multipart_error(e),
                }
            }
            continue;
        };
        match Incoming::receive(&mut part, &file_name).await {
            Ok(incoming) => attachments.push(incoming),
            Err(SpoolError::Multipart(e)) => return multipart_error(e),
            Err(SpoolError::Io(e)) => {
                tracing::error!(error = %e, "spooling an attachment");
                return error(StatusCode::INTERNAL_SERVER_ERROR, "the submission could not be stored");
            }
        }
    }
    let Some(xml) = xml else {
        return error(StatusCode::BAD_REQUEST, "the submission has no xml_submission_file");
    };
    let (submission, attachments) = match Manifest::read(&xml) {
        Ok(None) => {
            let submission = match field::parse(&xml) {
                Ok(s) => s,
                Err(e) => return app_error(e),
            };
            // Parts of an encrypted report are waiting under this instanceID.
            if let Ok(id) = field::source_id(&submission.instance_id) {
                match app.store.attachments(&id).await {
                    Ok(kept) if kept.iter().any(|a| a.name == MANIFEST_NAME) => {
                        return conflict("a different submission with this instanceID was received before")
                    }
                    Ok(_) => {}
                    Err(e) => return store_failed(e),
                }
            }
            // Only the attachments the XML names are kept, as ODK Central does.
            let named = submission.attachment_names();
            attachments.retain(|a| named.contains(&a.info.name));
            (submission, attachments)
        }
        Ok(Some(manifest)) => match open_encrypted(&app, &manifest, &xml, attachments, incomplete).await {
            Ok(Encrypted::Whole(submission, keep)) => (submission, keep),
            Ok(Encrypted::Part { keep, missing }) => {
                return keep_part(&app, &manifest, keep, missing).await;
            }
            Err(response) => return response,
        },
        Err(e) => return app_error(e),
    };
    let mut submission = submission;
    if !xform::is_incident_report(&submission.form_id) {
        // A form an admin uploaded: its answers are written under its labels.
        match app.store.stored_form(&submission.form_id).await {
            Ok(Some(form)) => {
                submission.labels = field::forms::check(form.xml.as_bytes())
                    .map(|f| f.labels)
                    .unwrap_or_default()
            }
            Ok(None) => {}
            Err(e) => {
                tracing::error!(error = %e, "reading an uploaded form");
                return error(StatusCode::INTERNAL_SERVER_ERROR, "the submission could not be stored");
            }
        }
    }
    let (source_id, new) = match field::receive(&app.store, field::Reporter::Device(&device), &submission).await {
        Ok(Received::New { source_id, .. }) => (source_id, true),
        Ok(Received::Again { source_id }) => (source_id, false),
        Err(e) => return app_error(e),
    };
    if new {
        app.written();
    }
    // One at a time, so that only one attachment is ever in memory. Should
    // one fail, the phone sends the report again: the XML is taken as
    // received and the missing attachments are added.
    let count = attachments.len();
    for Incoming { info, spool } in attachments {
        let bytes = match spool.read().await {
            Ok(b) => b,
            Err(e) => {
                tracing::error!(error = %e, "reading a spooled attachment");
                return error(StatusCode::INTERNAL_SERVER_ERROR, "the submission could not be stored");
            }
        };
        if let Err(e) = field::attach(&app.store, &source_id, &info, &bytes).await {
            return app_error(e);
        }
    }
    let message = match (new, count) {
        (true, _) => format!("Thank you: the report is received ({source_id}) and waits for an editor."),
        (false, 0) => "This report was received before.".to_owned(),
        (false, n) => format!("This report was received before; {n} attachments are added to it."),
    };
    respond(StatusCode::CREATED, "submit_success", &message)
}

/// Keeps a part of an encrypted report (sealed, under the report's future
/// source, which does not exist yet: nobody reads it), and tells the phone
/// to send the rest.
async fn keep_part<S: Attachments>(
    app: &AppState<S>,
    manifest: &Manifest,
    keep: Vec<Incoming>,
    missing: usize,
) -> Response {
    let source_id = match field::source_id(&manifest.instance_id) {
        Ok(id) => id,
        Err(e) => return app_error(e),
    };
    for Incoming { info, spool } in keep {
        let bytes = match spool.read().await {
            Ok(b) => b,
            Err(e) => return store_failed(e),
        };
        if let Err(e) = field::attach(&app.store, &source_id, &info, &bytes).await {
            return app_error(e);
        }
    }
    tracing::info!(source = %source_id, missing, "a part of an encrypted report");
    respond(
        StatusCode::CREATED,
        "submit_success",
        &format!("Part of the report received; {missing} of its files are still to come."),
    )
}

fn store_failed(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "spooling a file of an encrypted submission");
    error(StatusCode::INTERNAL_SERVER_ERROR, "the submission could not be stored")
}

/// What an encrypted request comes to.
enum Encrypted {
    /// Every file the manifest names is here, in this request or kept from
    /// earlier parts: the report, and the files still to keep.
    Whole(Submission, Vec<Incoming>),
    /// A part of a report Collect split over several requests
    /// (`*isIncomplete*`): its files, checked, to keep sealed until the
    /// rest comes; the report is not admitted yet.
    Part { keep: Vec<Incoming>, missing: usize },
}

fn conflict(message: &str) -> Response {
    error(StatusCode::CONFLICT, message)
}

/// An encrypted submission opened: its key opened with one of the case
/// file's form keys (the current one, or one retired by a rotation); every
/// file its manifest names must be here, in this request or kept from
/// earlier parts of the same report. Each is decrypted with the
/// submission's key, the phone's signature over them checked, and the XML
/// read. Answers the submission and the files to keep: the manifest and
/// every `.enc` file as received, and the decrypted attachments the XML
/// names. When files are missing and the phone says more parts follow
/// (`incomplete`), this part's files are checked (each must decrypt) and
/// answered to keep. Anything wrong: a 400 (409 for another report under
/// the same instanceID) naming it, and nothing of this request is stored;
/// should the whole report then turn out wrong (its signature), the parts
/// kept before are removed too, so that it can be sent again whole.
async fn open_encrypted<S: Store + Accounts + Attachments>(
    app: &AppState<S>,
    manifest: &Manifest,
    manifest_xml: &[u8],
    received: Vec<Incoming>,
    incomplete: bool,
) -> Result<Encrypted, Response> {
    let pairs: Vec<_> = field::form_keys(&app.store)
        .await
        .map_err(app_error)?
        .into_iter()
        .map(|(_, pair)| pair)
        .collect();
    let (opened, pair) = manifest.open_any(&pairs).map_err(app_error)?;
    let source_id = field::source_id(&manifest.instance_id).map_err(app_error)?;
    let files = manifest.files();
    // What earlier parts of this report left (once it is admitted, its files).
    let kept = app.store.attachments(&source_id).await.map_err(store_failed)?;
    let is_kept = |name: &str| kept.iter().find(|a| a.name == name);
    let manifest_sha = field::sha256_hex(manifest_xml);
    if is_kept(MANIFEST_NAME).is_some_and(|m| m.sha256 != manifest_sha) {
        return Err(conflict(
            "a different submission with this instanceID was received before",
        ));
    }
    // This request's files that the manifest names (others are dropped, as
    // ODK Central does), by their place in the manifest; a file kept
    // already must be the same.
    let mut here: Vec<(usize, Incoming)> = Vec::new();
    for incoming in received {
        let Some(index) = files.iter().position(|f| *f == incoming.info.name) else {
            continue;
        };
        match is_kept(&incoming.info.name) {
            Some(k) if k.sha256 != incoming.info.sha256 => {
                return Err(conflict(&format!(
                    "another file named {} was received with this report before",
                    incoming.info.name
                )))
            }
            Some(_) => {}
            None => here.push((index, incoming)),
        }
    }
    let missing: Vec<&str> = files
        .iter()
        .copied()
        .filter(|f| is_kept(f).is_none() && !here.iter().any(|(_, i)| i.info.name == *f))
        .collect();
    let manifest_file = || async {
        Incoming::from_bytes(MANIFEST_NAME, "application/xml", manifest_xml)
            .await
            .map_err(store_failed)
    };
    if !missing.is_empty() {
        if !incomplete {
            return Err(error(
                StatusCode::BAD_REQUEST,
                &format!(
                    "the encrypted submission lacks files its manifest names: {}",
                    missing.join(", ")
                ),
            ));
        }
        // A part: each of its files must decrypt with the report's key.
        let mut keep = Vec::with_capacity(here.len() + 1);
        if is_kept(MANIFEST_NAME).is_none() {
            keep.push(manifest_file().await?);
        }
        for (index, Incoming { info, spool }) in here {
            let ciphertext = spool.read().await.map_err(store_failed)?;
            opened.decrypt(index, &ciphertext).map_err(app_error)?;
            keep.push(
                Incoming::from_bytes(&info.name, "application/octet-stream", &ciphertext)
                    .await
                    .map_err(store_failed)?,
            );
        }
        return Ok(Encrypted::Part {
            keep,
            missing: missing.len(),
        });
    }
    // Whole: a failure from here on is the report's, parts kept before included.
    let refuse = |e: Response| async {
        match app.store.drop_unadmitted_attachments(&source_id).await {
            Ok(n) if n > 0 => {
                tracing::warn!(source = %source_id, parts = n, "removed the parts of a wrong encrypted report")
            }
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err, "removing the parts of a wrong encrypted report"),
        }
        e
    };
    let mut md5s = Vec::with_capacity(files.len());
    let mut keep = Vec::with_capacity(2 * files.len() + 1);
    if is_kept(MANIFEST_NAME).is_none() {
        keep.push(manifest_file().await?);
    }
    let mut xml = Vec::new();
    for (index, name) in files.iter().enumerate() {
        let ciphertext = match here.iter().position(|(i, _)| *i == index) {
            Some(at) => {
                let (_, Incoming { info, spool }) = here.swap_remove(at);
                let ciphertext = spool.read().await.map_err(store_failed)?;
                keep.push(
                    Incoming::from_bytes(&info.name, "application/octet-stream", &ciphertext)
                        .await
                        .map_err(store_failed)?,
                );
                ciphertext
            }
            None => match app.store.attachment(&source_id, name).await {
                Ok(Some((_, bytes))) => bytes,
                Ok(None) => {
                    return Err(error(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "the submission could not be stored",
                    ))
                }
                Err(e) => return Err(store_failed(e)),
            },
        };
        let plain = match opened.decrypt(index, &ciphertext) {
            Ok(p) => p,
            Err(e) => return Err(refuse(app_error(e)).await),
        };
        md5s.push(md5_of(&plain));
        if index + 1 == files.len() {
            xml = plain;
        } else {
            let clear = name.strip_suffix(".enc").unwrap_or(name);
            keep.push(
                Incoming::from_bytes(clear, "application/octet-stream", &plain)
                    .await
                    .map_err(store_failed)?,
            );
        }
    }
    if let Err(e) = opened.check_signature(pair, &md5s) {
        return Err(refuse(app_error(e)).await);
    }
    let mut submission = match field::parse(&xml) {
        Ok(s) => s,
        Err(e) => return Err(refuse(app_error(e)).await),
    };
    if submission.form_id != manifest.form_id || submission.instance_id != manifest.instance_id {
        return Err(refuse(error(
            StatusCode::BAD_REQUEST,
            "the decrypted submission names another form or instanceID than its manifest",
        ))
        .await);
    }
    submission.encrypted = true;
    let named = submission.attachment_names();
    keep.retain(|i| {
        i.info.name == MANIFEST_NAME || files.contains(&i.info.name.as_str()) || named.contains(&i.info.name)
    });
    Ok(Encrypted::Whole(submission, keep))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_read() {
        let mut h = HeaderMap::new();
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic cGhvbmU6cGE6c3M="),
        );
        assert_eq!(basic(&h), Some(("phone".into(), "pa:ss".into())));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer abc"));
        assert_eq!(basic(&h), None);
    }
}
