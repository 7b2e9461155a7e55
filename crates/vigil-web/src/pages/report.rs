//! The public "report an incident" page, for people without ODK Collect,
//! KoboCollect or Tella: the same questions as Vigil's own XForm
//! ([`xform::questions`], in the reader's language), no JavaScript needed,
//! files (a photo, a sound recording, a video, a document) taken as a
//! phone's attachments are.
//!
//! What is sent becomes what a phone's report becomes
//! ([`field::PageReport::submission`], then [`field::receive`]): a
//! confidential source and proposals in the review queue; nothing is
//! public until an editor decides. The sender is not asked who they are,
//! and no account or address is stored with the report.
//!
//! Sending is guarded as signing a campaign is: the same limit on how
//! often one address may send, a proof of work found by the page's script
//! (or, without JavaScript, a form at least a few seconds old), and a
//! field hidden from people that bots fill in. `POST /report/send` has a
//! body limit of its own ([`REPORT_LIMIT`]), so it is served beside the
//! gated pages (as the phones' routes are), treated as anonymous whatever
//! credentials come with it: sending uses no one's authority.

use axum::extract::{DefaultBodyLimit, Multipart, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::Router;
use maud::html;
use serde::Deserialize;
use vigil_app::field::xform::{self, Control};
use vigil_app::field::{self, PageReport, Received, Reporter};
use vigil_app::i18n::{Arg, Lang};
use vigil_app::AppError;
use vigil_store::{Accounts, Attachments, Campaigns, Proposals, Store};

use super::layout;
use crate::spool::{Incoming, SpoolError};
use crate::{AppState, Client, Viewer};

/// The largest report taken, its files together.
pub const REPORT_LIMIT: usize = 50 * 1024 * 1024;

/// The longest text field read (the account has its own, smaller, rule).
const FIELD_LIMIT: usize = 256 * 1024;

/// What the proof of work's challenge is bound to (no campaign has a
/// slug with a tilde).
const PROOF_FOR: &str = "~report";

/// The questions with a file for an answer.
const FILE_QUESTIONS: [&str; 4] = ["photo", "audio", "video", "document"];

/// `POST /report/send`, with its own body limit.
pub fn routes<S: Store + Accounts + Campaigns + Proposals + Attachments>(state: AppState<S>) -> Router {
    Router::new()
        .route("/report/send", post(send::<S>))
        .layer(DefaultBodyLimit::max(REPORT_LIMIT))
        .with_state(state)
}

#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    sent: Option<String>,
}

/// `GET /report`: the form, or the thanks after a report was sent.
pub async fn form<S: Store + Campaigns>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Query(query): Query<ReportQuery>,
) -> Response {
    let sent = query.sent.is_some();
    render(&app, &viewer, sent, &PageReport::default(), &[], StatusCode::OK)
}

/// The form, with what was typed and what is wrong with it.
fn render<S: Store + Campaigns>(
    app: &AppState<S>,
    viewer: &Viewer,
    sent: bool,
    typed: &PageReport,
    problems: &[String],
    status: StatusCode,
) -> Response {
    let lang = viewer.lang;
    let tr = |key: &str| lang.tr(key);
    let secret = app.store.derived_secret("report proof of work");
    let challenge = app.campaigns.challenge(&secret, PROOF_FOR);
    let bits = app.campaigns.config.pow_bits;
    let value = |name: &str| -> String {
        match name {
            "event_type" => typed.event_type.clone(),
            "event_date" => typed.event_date.clone(),
            // Most reports know the day: chosen unless the sender says otherwise.
            "date_precision" => typed.date_precision.clone().or_else(|| Some("day".to_owned())),
            "place" => typed.place.clone(),
            "persons" => typed.persons.clone(),
            "account" => typed.account.clone(),
            "consent" => typed.consent.clone(),
            _ => None,
        }
        .unwrap_or_default()
    };
    let mb = (REPORT_LIMIT / (1024 * 1024)) as u64;
    let body = html! {
        article.report {
            h1 { (tr("report-title")) }
            @if sent {
                p.notice role="status" { (tr("report-sent")) }
                p { a href={ "/report?lang=" (lang.code()) } { (tr("report-another")) } }
            } @else {
                p { (tr("report-intro")) }
                p.small { (tr("report-safety")) }
                @if !problems.is_empty() {
                    div.error role="alert" {
                        p { (tr("report-problems")) }
                        ul { @for p in problems { li { (p) } } }
                    }
                }
                form.sign.stacked method="post" action="/report/send" enctype="multipart/form-data" data-bits=(bits) {
                    input type="hidden" name="language" value=(lang.code());
                    input type="hidden" name="pow_challenge" value=(challenge);
                    input type="hidden" name="pow_nonce" value="";
                    @for q in xform::questions() {
                        // Where a phone is: not asked of a browser, which
                        // would have to be trusted with it.
                        @if q.bind != "geopoint" {
                            @let label = xform::word(&q.label, lang);
                            @let hint = q.hint.as_ref().map(|h| xform::word(h, lang));
                            @match &q.control {
                                Control::SelectOne(choices) if choices.len() <= 3 => {
                                    fieldset {
                                        legend { (label) }
                                        @if let Some(h) = hint { p.small { (h) } }
                                        @for (v, words) in choices {
                                            label.check {
                                                input type="radio" name=(q.name) value=(v) required[q.required] checked[value(q.name) == *v];
                                                " " (xform::word(words, lang))
                                            }
                                        }
                                    }
                                }
                                Control::SelectOne(choices) => {
                                    label {
                                        (label)
                                        @if let Some(h) = hint { span.small { (h) } }
                                        select name=(q.name) required[q.required] {
                                            option value="" { (tr("report-choose")) }
                                            @for (v, words) in choices {
                                                option value=(v) selected[value(q.name) == *v] { (xform::word(words, lang)) }
                                            }
                                        }
                                    }
                                }
                                Control::Input { appearance: Some("multiline") } => {
                                    label {
                                        (label)
                                        @if let Some(h) = hint { span.small { (h) } }
                                        textarea name=(q.name) rows="6" required[q.required] { (value(q.name)) }
                                    }
                                }
                                Control::Input { .. } => {
                                    label {
                                        (label)
                                        @if let Some(h) = hint { span.small { (h) } }
                                        @if q.bind == "date" {
                                            input type="date" name=(q.name) value=(value(q.name)) required[q.required];
                                        } @else {
                                            input type="text" name=(q.name) value=(value(q.name)) required[q.required] maxlength="500";
                                        }
                                    }
                                }
                                Control::Upload { mediatype } => {
                                    label {
                                        (label)
                                        input type="file" name=(q.name) accept=(mediatype);
                                    }
                                }
                            }
                        }
                    }
                    p.small { (lang.tr_with("report-files", &[("amount", Arg::Number(mb))])) }
                    @if !problems.is_empty() && !typed.files.is_empty() {
                        p.small { (tr("report-files-again")) }
                    }
                    // The honeypot: hidden from people, filled by bots.
                    div.hp aria-hidden="true" {
                        label { (tr("campaign-field-website")) input type="text" name="website" tabindex="-1" autocomplete="off"; }
                    }
                    button type="submit" { (tr("report-send")) }
                }
                script src="/assets/campaign.js" defer {}
            }
        }
    };
    let mut res = (status, layout::page(viewer, &tr("report-title"), body)).into_response();
    // The form's challenge is for one reader only.
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A form as sent: the answers, the guard's fields, and the files.
#[derive(Default)]
struct Sent {
    report: PageReport,
    language: Option<String>,
    website: Option<String>,
    pow_challenge: Option<String>,
    pow_nonce: Option<String>,
    files: Vec<Incoming>,
}

/// Why a form could not be read.
enum Unread {
    TooLarge,
    Malformed,
    Io(std::io::Error),
}

impl From<SpoolError> for Unread {
    fn from(e: SpoolError) -> Self {
        match e {
            SpoolError::Multipart(e) => e.into(),
            SpoolError::Io(e) => Unread::Io(e),
        }
    }
}

impl From<axum::extract::multipart::MultipartError> for Unread {
    fn from(e: axum::extract::multipart::MultipartError) -> Self {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Unread::TooLarge
        } else {
            Unread::Malformed
        }
    }
}

async fn read_form(mut multipart: Multipart) -> Result<Sent, Unread> {
    let mut sent = Sent::default();
    while let Some(mut part) = multipart.next_field().await? {
        let name = part.name().unwrap_or_default().to_owned();
        if FILE_QUESTIONS.contains(&name.as_str()) {
            let given = part.file_name().unwrap_or_default().to_owned();
            if given.is_empty() {
                // A file input left empty is sent as a part without a file.
                continue;
            }
            if sent.files.iter().any(|f| f.info.name.starts_with(&name)) {
                return Err(Unread::Malformed);
            }
            // Kept under the question's name and the file's own ending
            // ("photo.jpg"): the sender's file name may name them.
            let ending: String = given
                .rsplit_once('.')
                .map(|(_, e)| e)
                .filter(|e| (1..=5).contains(&e.len()) && e.chars().all(|c| c.is_ascii_alphanumeric()))
                .map(|e| format!(".{}", e.to_ascii_lowercase()))
                .unwrap_or_default();
            let kept = format!("{name}{ending}");
            let incoming = Incoming::receive(&mut part, &kept).await?;
            if incoming.info.size > 0 {
                sent.report.files.push((name, kept));
                sent.files.push(incoming);
            }
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(c) = part.chunk().await? {
            if bytes.len() + c.len() > FIELD_LIMIT {
                return Err(Unread::TooLarge);
            }
            bytes.extend_from_slice(&c);
        }
        let text = String::from_utf8(bytes).map_err(|_| Unread::Malformed)?;
        let slot = match name.as_str() {
            "event_type" => &mut sent.report.event_type,
            "event_date" => &mut sent.report.event_date,
            "date_precision" => &mut sent.report.date_precision,
            "place" => &mut sent.report.place,
            "persons" => &mut sent.report.persons,
            "account" => &mut sent.report.account,
            "consent" => &mut sent.report.consent,
            "language" => &mut sent.language,
            "website" => &mut sent.website,
            "pow_challenge" => &mut sent.pow_challenge,
            "pow_nonce" => &mut sent.pow_nonce,
            _ => continue,
        };
        *slot = Some(text);
    }
    Ok(sent)
}

/// `POST /report/send`: stores the report and goes to the thanks; or
/// the form again, with what was typed and what is wrong, in the
/// sender's language.
pub async fn send<S: Store + Accounts + Campaigns + Proposals + Attachments>(
    State(app): State<AppState<S>>,
    peer: Client,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    // Served beside the gate: the client behind a trusted proxy is found
    // here, as the gate finds it.
    let client = Client::resolve(peer.ip, &headers, &app.trusted_proxies);
    let (negotiated, _) = crate::language::negotiate(None, &headers);
    let mut viewer = Viewer::PUBLIC;
    viewer.0.lang = negotiated;
    let again = |viewer: &Viewer, typed: &PageReport, problems: &[String], status: StatusCode| {
        render(&app, viewer, false, typed, problems, status)
    };
    let Ok(multipart) = multipart else {
        let problem = viewer.lang.tr("report-unreadable");
        return again(&viewer, &PageReport::default(), &[problem], StatusCode::BAD_REQUEST);
    };
    let sent = match read_form(multipart).await {
        Ok(sent) => sent,
        Err(Unread::TooLarge) => {
            let mb = (REPORT_LIMIT / (1024 * 1024)) as u64;
            let problem = viewer.lang.tr_with("report-too-large", &[("amount", Arg::Number(mb))]);
            return again(
                &viewer,
                &PageReport::default(),
                &[problem],
                StatusCode::PAYLOAD_TOO_LARGE,
            );
        }
        Err(Unread::Malformed) => {
            let problem = viewer.lang.tr("report-unreadable");
            return again(&viewer, &PageReport::default(), &[problem], StatusCode::BAD_REQUEST);
        }
        Err(Unread::Io(e)) => {
            tracing::error!(error = %e, "spooling a report's file");
            let problem = viewer.lang.tr("report-failed");
            return again(
                &viewer,
                &PageReport::default(),
                &[problem],
                StatusCode::INTERNAL_SERVER_ERROR,
            );
        }
    };
    if let Some(lang) = sent.language.as_deref().and_then(Lang::parse) {
        viewer.0.lang = lang;
    }
    let lang = viewer.lang;
    let thanks = || Redirect::to(&format!("/report?lang={}&sent=1", lang.code())).into_response();
    // The honeypot: a person never sees this field. A bot is answered as
    // if it had succeeded, and nothing is kept.
    if sent.website.as_deref().is_some_and(|w| !w.trim().is_empty()) {
        tracing::info!("report page honeypot filled: report dropped");
        return thanks();
    }
    if !app.campaigns.allow(client.ip) {
        let problem = lang.tr("report-too-many");
        return again(&viewer, &sent.report, &[problem], StatusCode::TOO_MANY_REQUESTS);
    }
    if app.campaigns.config.pow_bits > 0 {
        let secret = app.store.derived_secret("report proof of work");
        let challenge = sent.pow_challenge.as_deref().unwrap_or_default();
        let nonce = sent.pow_nonce.as_deref().filter(|n| !n.is_empty());
        if let Err(e) = app.campaigns.check_proof(&secret, PROOF_FOR, challenge, nonce) {
            let key = if e == vigil_app::campaigns::ProofError::TooFast {
                "report-too-fast"
            } else {
                "report-stale"
            };
            return again(&viewer, &sent.report, &[lang.tr(key)], StatusCode::UNPROCESSABLE_ENTITY);
        }
    }
    let submission = match sent.report.submission() {
        Ok(s) => s,
        Err(AppError::Invalid(errors)) => {
            let problems: Vec<String> = errors.iter().map(|e| problem(lang, &e.field)).collect();
            return again(&viewer, &sent.report, &problems, StatusCode::UNPROCESSABLE_ENTITY);
        }
        Err(e) => return failed(&app, &viewer, &sent.report, e),
    };
    let source_id = match field::receive(&app.store, Reporter::Page, &submission).await {
        Ok(Received::New { source_id, .. } | Received::Again { source_id }) => source_id,
        Err(e) => return failed(&app, &viewer, &sent.report, e),
    };
    app.written();
    // One at a time, so that only one file is ever in memory.
    for Incoming { info, spool } in sent.files {
        let bytes = match spool.read().await {
            Ok(b) => b,
            Err(e) => {
                tracing::error!(error = %e, source = %source_id, "reading a report's spooled file");
                return failed(&app, &viewer, &sent.report, AppError::Internal);
            }
        };
        if let Err(e) = field::attach(&app.store, &source_id, &info, &bytes).await {
            return failed(&app, &viewer, &sent.report, e);
        }
    }
    thanks()
}

fn failed<S: Store + Campaigns>(app: &AppState<S>, viewer: &Viewer, typed: &PageReport, e: AppError) -> Response {
    tracing::error!(error = %e, "a report from the report page could not be stored");
    let problem = viewer.lang.tr("report-failed");
    render(app, viewer, false, typed, &[problem], StatusCode::INTERNAL_SERVER_ERROR)
}

/// What is wrong with the answer to `question`, in the sender's words: the
/// question as the form asks it, and what it needs.
fn problem(lang: Lang, question: &str) -> String {
    let asked = xform::questions()
        .into_iter()
        .find(|q| q.name == question)
        .map(|q| xform::word(&q.label, lang).to_owned())
        .unwrap_or_else(|| question.to_owned());
    let needs = match question {
        "event_type" => lang.tr("report-needs-event-type"),
        "event_date" => lang.tr("report-needs-event-date"),
        "date_precision" => lang.tr("report-needs-date-precision"),
        "account" => lang.tr("report-needs-account"),
        "consent" => lang.tr("report-needs-consent"),
        _ => lang.tr("report-needs-shorter"),
    };
    format!("{asked} — {needs}")
}
