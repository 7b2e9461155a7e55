//! Reports from the field: what a phone sends over OpenRosa (ODK Collect,
//! KoboCollect, Tella) becomes a confidential source and proposals for
//! editors, in the same review queue as ingested articles. Nothing is
//! public until an editor decides ([`crate::review`]).
//!
//! A submission is known by its `instanceID`: the source's id is made from
//! it, so the same submission sent twice is stored once. The source's text
//! is written from the form's fields and ends with the SHA-256 of the
//! submission's XML and of each attachment, for evidence integrity; the
//! same `instanceID` with other XML is refused as a conflict.
//!
//! The web layer ([`vigil_web::openrosa`]) speaks the protocol; this module
//! knows the form ([`xform`]) and what a submission says.
//!
//! People without these apps answer the same questions on the public
//! "report an incident" page: [`PageReport::submission`] makes of it the
//! submission a phone would have sent, so it is stored, deduplicated and
//! reviewed alike.

pub mod encrypted;
pub mod forms;
pub mod pending;
pub mod xform;

use sha2::{Digest, Sha256};
use vigil_core::{EventType, Excerpt, PartialDate, Record, RecordId, Role, Source, UserName};
use vigil_extract::{Proposal, ProposalKind, ProposedParticipant};
use vigil_store::{
    Attachment, Attachments, Change, FormKey, NewProposal, Proposals, Store, StoreError, Visibility, FORM_KEY_ID,
};

use crate::{AppError, Result};

/// A submission's XML, read: its form, its instance and its answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// The form's id (the root element's `id` attribute).
    pub form_id: String,
    /// `meta/instanceID`, e.g. `uuid:6f1c…`.
    pub instance_id: String,
    /// `meta/deprecatedID`: the instance this one edits.
    pub deprecated_id: Option<String>,
    /// Every answered leaf, by its path below the root (`meta` aside), in
    /// document order.
    pub answers: Vec<(String, String)>,
    /// SHA-256 of the XML as received (decrypted, for an encrypted
    /// submission), hex.
    pub sha256: String,
    /// Whether it came encrypted from the phone ([`encrypted`]).
    pub encrypted: bool,
    /// The questions' labels by path, for a form an admin uploaded
    /// ([`forms::CheckedForm::labels`]): its answers are written under them.
    pub labels: Vec<(String, String)>,
}

/// Who sent a report.
#[derive(Debug, Clone, Copy)]
pub enum Reporter<'a> {
    /// A phone, signed in as this device account.
    Device(&'a UserName),
    /// Someone on the public report page, whom Vigil does not know.
    Page,
}

impl Reporter<'_> {
    /// The author of the source's revision.
    fn author(&self) -> String {
        match self {
            Reporter::Device(d) => d.to_string(),
            Reporter::Page => PAGE_AUTHOR.to_owned(),
        }
    }
}

/// The author of what the public report page stores: no account, and no
/// account can be named so (names have no spaces).
pub const PAGE_AUTHOR: &str = "the public report page";

/// The public report page's answers, as typed; the files come apart (the
/// web layer keeps them) and only their names are here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageReport {
    pub event_type: Option<String>,
    pub event_date: Option<String>,
    pub date_precision: Option<String>,
    pub place: Option<String>,
    pub persons: Option<String>,
    pub account: Option<String>,
    pub consent: Option<String>,
    /// The files sent, by question (`photo`, `audio`, `video`,
    /// `document`) and the name they are kept under.
    pub files: Vec<(String, String)>,
}

/// The longest account the page takes, in characters.
pub const ACCOUNT_MAX: usize = 20_000;

impl PageReport {
    /// The submission a phone would have sent with these answers, under a
    /// fresh `instanceID`; or every answer that is wrong, by field.
    pub fn submission(&self) -> Result<Submission> {
        let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
        let mut wrong = Vec::new();
        let mut check = |ok: bool, field: &str, message: &str| {
            if !ok {
                wrong.push(vigil_core::FieldError::new(field, message));
            }
        };
        let event_type = text(&self.event_type).unwrap_or_default();
        check(!event_type.is_empty(), "event_type", "say what happened");
        check(
            event_type.is_empty() || event_type.parse::<EventType>().is_ok(),
            "event_type",
            "this is not one of the kinds of event offered",
        );
        let day = text(&self.event_date).unwrap_or_default();
        let date = vigil_core::date::parse_day(&day).ok();
        check(date.is_some(), "event_date", "give the day, written 2024-03-17");
        check(
            date.is_none_or(|d| d <= time::OffsetDateTime::now_utc().date()),
            "event_date",
            "this date is still to come",
        );
        let precision = text(&self.date_precision).unwrap_or_else(|| "day".to_owned());
        check(
            matches!(precision.as_str(), "day" | "month" | "year"),
            "date_precision",
            "say whether the day, the month or only the year is known",
        );
        let account = text(&self.account).unwrap_or_default();
        check(!account.is_empty(), "account", "tell what happened, in your own words");
        check(
            account.chars().count() <= ACCOUNT_MAX,
            "account",
            "the account is too long: send the rest as a document",
        );
        let consent = text(&self.consent).unwrap_or_default();
        check(
            matches!(consent.as_str(), "yes" | "anonymous" | "no"),
            "consent",
            "say whether this report may be used in public once checked",
        );
        let place = text(&self.place);
        check(
            place.as_ref().is_none_or(|p| p.chars().count() <= 500),
            "place",
            "the place is at most 500 characters",
        );
        let persons = text(&self.persons);
        check(
            persons.as_ref().is_none_or(|p| p.chars().count() <= 5_000),
            "persons",
            "the names are at most 5,000 characters",
        );
        for (question, _) in &self.files {
            check(
                matches!(question.as_str(), "photo" | "audio" | "video" | "document"),
                question,
                "no file is asked for here",
            );
        }
        if !wrong.is_empty() {
            // One problem a question.
            wrong.dedup_by(|a, b| a.field == b.field);
            return Err(AppError::Invalid(wrong));
        }
        let mut answers = vec![
            ("event_type".to_owned(), event_type),
            ("event_date".to_owned(), day),
            ("date_precision".to_owned(), precision),
        ];
        answers.extend(place.map(|p| ("place".to_owned(), p)));
        answers.extend(persons.map(|p| ("persons".to_owned(), p)));
        answers.push(("account".to_owned(), account));
        answers.push(("consent".to_owned(), consent));
        answers.extend(self.files.iter().cloned());
        let token = crate::credentials::random_token();
        let instance_id = format!("uuid:web-{}", &token[..32]);
        // What the answers were, for the source's last line, as a phone's
        // XML hash is: one answer a line, as the page received them.
        let mut received = format!("{instance_id}\n");
        for (path, value) in &answers {
            received.push_str(&format!("{path}={}\n", value.escape_default()));
        }
        Ok(Submission {
            form_id: xform::FORM_ID.to_owned(),
            instance_id,
            deprecated_id: None,
            answers,
            sha256: sha256_hex(received.as_bytes()),
            encrypted: false,
            labels: Vec::new(),
        })
    }
}

/// A new key pair for encrypted forms (made off the async threads: it
/// takes a while), and the form key that keeps it, made now.
async fn new_form_key() -> Result<(encrypted::FormKeyPair, FormKey)> {
    let pair = tokio::task::spawn_blocking(encrypted::FormKeyPair::generate)
        .await
        .map_err(|_| AppError::Internal)??;
    let key = FormKey {
        id: FORM_KEY_ID.to_owned(),
        public_key: pair.public_key().to_owned(),
        private_key: pair.to_pkcs8_der()?,
        created_at: (vigil_store::now().unix_timestamp_nanos() / 1000) as i64,
    };
    Ok((pair, key))
}

/// The case file's key pair for encrypted forms: the kept one, or, on
/// first need, a new one, kept with its private key sealed under the case
/// file's key. Should two requests (or servers) make one at once, the
/// first kept wins and both use it.
pub async fn form_key<S: Attachments>(store: &S) -> Result<encrypted::FormKeyPair> {
    if let Some(kept) = store.form_key(FORM_KEY_ID).await? {
        return encrypted::FormKeyPair::from_pkcs8_der(&kept.private_key);
    }
    let (pair, key) = new_form_key().await?;
    let kept = store.keep_form_key(&key).await?;
    if kept.public_key == pair.public_key() {
        tracing::info!("made the key pair of encrypted forms");
    }
    encrypted::FormKeyPair::from_pkcs8_der(&kept.private_key)
}

/// Every form key of the case file, each with its pair: the current one
/// first, then the retired ones, newest first (see [`rotate_form_key`]).
/// Empty before the encrypted form was first asked for.
pub async fn form_keys<S: Attachments>(store: &S) -> Result<Vec<(FormKey, encrypted::FormKeyPair)>> {
    store
        .form_keys()
        .await?
        .into_iter()
        .map(|k| encrypted::FormKeyPair::from_pkcs8_der(&k.private_key).map(|pair| (k, pair)))
        .collect()
}

/// The encrypted incident report as phones fetch it, and its version:
/// carrying the current form key (made on first need), its version
/// telling which rotation of the key it carries
/// ([`xform::encrypted_version`]).
pub async fn encrypted_form<S: Attachments>(store: &S) -> Result<(String, String)> {
    let pair = form_key(store).await?;
    let generation = store.form_keys().await?.len();
    Ok((
        xform::incident_report_encrypted_for(pair.public_key(), generation),
        xform::encrypted_version(generation),
    ))
}

/// What a rotation of the form key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotated {
    /// The new key's fingerprint ([`encrypted::FormKeyPair::fingerprint`]).
    pub fingerprint: String,
    /// The id the previous key is kept under, if there was one.
    pub retired: Option<String>,
    /// The encrypted form's version now.
    pub version: String,
}

/// Makes a new key pair for encrypted forms and puts it in the place of
/// the current one, which is kept (sealed) to open the reports phones
/// encrypted before they fetched the form again. The case file's own key
/// is not touched. One transaction: cut short, the old key stays current.
/// From then on the encrypted form carries the new key under a new
/// version, so phones see an update.
pub async fn rotate_form_key<S: Attachments>(store: &S) -> Result<Rotated> {
    let (pair, key) = new_form_key().await?;
    let retired = store.rotate_form_key(&key).await?;
    let generation = store.form_keys().await?.len();
    tracing::info!(retired = ?retired, "rotated the key pair of encrypted forms");
    Ok(Rotated {
        fingerprint: pair.fingerprint(),
        retired,
        version: xform::encrypted_version(generation),
    })
}

/// An attachment as received (its bytes are the web layer's to keep).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentInfo {
    pub name: String,
    pub content_type: String,
    pub size: u64,
    pub sha256: String,
}

/// What became of a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// A new confidential source, with this many proposals.
    New { source_id: RecordId, proposals: usize },
    /// The same submission again: nothing new stored.
    Again { source_id: RecordId },
}

/// The largest submission XML read (the attachments are apart).
pub const XML_LIMIT: usize = 2 * 1024 * 1024;

/// SHA-256, hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn malformed(message: impl Into<String>) -> AppError {
    AppError::malformed("xml_submission_file", message)
}

/// The form a submission (or its manifest) names: the `id` attribute of
/// its root, trimmed; `None` when there is none or it is empty.
fn form_id(root: roxmltree::Node<'_, '_>) -> Option<String> {
    root.attribute("id")
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
}

/// The first child element of `node` named `name`.
fn child<'a, 'input>(node: roxmltree::Node<'a, 'input>, name: &str) -> Option<roxmltree::Node<'a, 'input>> {
    node.children().find(|n| n.is_element() && n.tag_name().name() == name)
}

/// An element's text, trimmed; `None` when there is none.
fn text_of(node: roxmltree::Node<'_, '_>) -> Option<String> {
    node.text().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
}

/// Reads a submission's XML, or says why it is not one.
pub fn parse(xml: &[u8]) -> Result<Submission> {
    if xml.len() > XML_LIMIT {
        return Err(malformed(format!(
            "the submission XML is larger than {XML_LIMIT} bytes"
        )));
    }
    let text = std::str::from_utf8(xml).map_err(|_| malformed("the submission XML is not UTF-8"))?;
    let doc =
        roxmltree::Document::parse(text).map_err(|e| malformed(format!("the submission XML cannot be read: {e}")))?;
    let root = doc.root_element();
    let form_id =
        form_id(root).ok_or_else(|| malformed("the submission names no form (no id attribute on its root)"))?;
    let meta = child(root, "meta");
    let meta_field = |name: &str| meta.and_then(|m| child(m, name)).and_then(text_of);
    let instance_id = meta_field("instanceID").ok_or_else(|| malformed("the submission has no meta/instanceID"))?;
    if instance_id.len() > 200 {
        return Err(malformed("the instanceID is too long"));
    }
    let deprecated_id = meta_field("deprecatedID");
    let mut answers = Vec::new();
    for node in root.descendants().filter(|n| n.is_element() && *n != root) {
        if node
            .ancestors()
            .any(|a| a.is_element() && a.tag_name().name() == "meta")
        {
            continue;
        }
        if node.children().any(|c| c.is_element()) {
            continue;
        }
        let value = node.text().map(str::trim).unwrap_or_default();
        if value.is_empty() {
            continue;
        }
        let path: Vec<&str> = node
            .ancestors()
            .filter(|a| a.is_element() && *a != root)
            .map(|a| a.tag_name().name())
            .collect();
        let path: Vec<&str> = path.into_iter().rev().collect();
        answers.push((path.join("/"), value.to_owned()));
    }
    Ok(Submission {
        form_id,
        instance_id,
        deprecated_id,
        answers,
        sha256: sha256_hex(xml),
        encrypted: false,
        labels: Vec::new(),
    })
}

/// The source's id for a submission: `field-` and the instance id in
/// lowercase letters, digits and dashes.
pub fn source_id(instance_id: &str) -> Result<RecordId> {
    let mut id = String::from("field-");
    let bare = instance_id.strip_prefix("uuid:").unwrap_or(instance_id);
    for c in bare.chars() {
        match c {
            'a'..='z' | '0'..='9' => id.push(c),
            'A'..='Z' => id.push(c.to_ascii_lowercase()),
            _ if !id.ends_with('-') => id.push('-'),
            _ => {}
        }
    }
    let id = id.trim_end_matches('-');
    RecordId::parse(id).map_err(|_| malformed("the instanceID cannot name a source"))
}

impl Submission {
    /// The files the answers name (the attachments the phone sends with
    /// the XML): the answers of the form's upload questions, or, for
    /// another form, any answer that looks like a file name.
    pub fn attachment_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for (path, value) in &self.answers {
            let field = path.rsplit('/').next().unwrap_or(path);
            let upload = matches!(field, "photo" | "audio" | "video" | "document");
            let looks_like_file = !value.contains(char::is_whitespace)
                && value.len() <= 200
                && value.rsplit_once('.').is_some_and(|(stem, ext)| {
                    !stem.is_empty() && (1..=5).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric())
                });
            let ours = xform::is_incident_report(&self.form_id);
            if ((ours && upload) || (!ours && looks_like_file)) && !names.contains(value) {
                names.push(value.clone());
            }
        }
        names
    }

    fn answer(&self, name: &str) -> Option<&str> {
        self.answers
            .iter()
            .find(|(path, _)| path.rsplit('/').next() == Some(name))
            .map(|(_, v)| v.as_str())
    }

    /// The persons the reporter names, one a line (or separated by `;`).
    fn persons(&self) -> Vec<String> {
        self.answer("persons")
            .map(|p| {
                p.split(['\n', ';'])
                    .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|n| !n.is_empty())
                    .take(50)
                    .collect()
            })
            .unwrap_or_default()
    }

    fn event_type(&self) -> Option<EventType> {
        self.answer("event_type").and_then(|t| t.parse().ok())
    }

    /// The date the reporter gives, cut to the precision they chose.
    fn date(&self) -> Option<PartialDate> {
        let day = self.answer("event_date")?;
        let cut = match self.answer("date_precision") {
            Some("year") => day.get(..4)?,
            Some("month") => day.get(..7)?,
            _ => day.get(..10)?,
        };
        cut.parse().ok()
    }
}

/// The source's title and text, and where in the text the persons' names
/// and the account are (for the proposals' excerpts).
struct Written {
    title: String,
    text: String,
    persons: Vec<(String, usize, usize)>,
    account: Option<(usize, usize)>,
}

/// Lists the persons `names` under "Persons named:", one a line, and
/// keeps where each stands in `text` (their proposals quote them).
fn name_persons(text: &mut String, names: Vec<String>, persons: &mut Vec<(String, usize, usize)>) {
    if names.is_empty() {
        return;
    }
    text.push_str("Persons named:\n");
    for n in names {
        let start = text.len();
        text.push_str(&n);
        persons.push((n, start, text.len()));
        text.push('\n');
    }
}

fn write(submission: &Submission, from: Reporter<'_>) -> Written {
    use std::fmt::Write as _;
    let mut text = String::new();
    let mut persons = Vec::new();
    let mut account = None;
    let ours = xform::is_incident_report(&submission.form_id);
    let event_type = submission.event_type();
    let date = submission.date();
    let place = submission.answer("place").map(str::to_owned);
    match from {
        Reporter::Device(device) => {
            let _ = writeln!(
                text,
                "Report from the field, form {}, sent by the device account {device}.",
                submission.form_id
            );
        }
        Reporter::Page => {
            text.push_str("Report sent through the public report page, by someone Vigil does not know.\n")
        }
    }
    if submission.encrypted {
        text.push_str(
            "It was encrypted on the phone and decrypted here with the case file's form key; \
             the files as received (.enc) are kept sealed beside it.\n",
        );
    }
    if let Some(edit) = &submission.deprecated_id {
        let _ = writeln!(text, "It replaces the submission {edit}.");
    }
    if ours {
        if let Some(t) = event_type {
            let _ = writeln!(text, "Event type: {}", t.label());
        }
        if let Some(d) = &date {
            let _ = writeln!(text, "Date: {}", crate::words::date(d));
        }
        if let Some(p) = &place {
            let _ = writeln!(text, "Place: {p}");
        }
        if let Some(g) = submission.answer("location") {
            let _ = writeln!(text, "Location (latitude longitude altitude accuracy): {g}");
        }
        name_persons(&mut text, submission.persons(), &mut persons);
        if let Some(a) = submission.answer("account") {
            text.push_str("Account, in the reporter's words:\n");
            let start = text.len();
            text.push_str(a);
            account = Some((start, text.len()));
            text.push('\n');
        }
        if let Some(c) = submission.answer("consent") {
            let _ = writeln!(text, "Consent to use: {c}");
        }
    } else {
        // Another form: each answer under its question's label (the path
        // where the form gives none); the persons' names quoted for their
        // proposals, as in Vigil's own form.
        for (path, value) in &submission.answers {
            let label = submission
                .labels
                .iter()
                .find(|(p, _)| p == path)
                .map_or(path.as_str(), |(_, l)| l.as_str());
            let _ = writeln!(text, "{label}: {value}");
        }
        name_persons(&mut text, submission.persons(), &mut persons);
    }
    let named = submission.attachment_names();
    if !named.is_empty() {
        let _ = writeln!(
            text,
            "Attachments (kept sealed with this source, each with its SHA-256): {}",
            named.join(", ")
        );
    }
    let _ = writeln!(text, "Instance: {}", submission.instance_id);
    let _ = write!(text, "{}{}", SHA_LINE, submission.sha256);
    let mut title = String::from("Report from the field");
    let what: Vec<String> = [
        event_type.map(|t| t.label().to_owned()),
        date.as_ref().map(crate::words::date),
        place,
    ]
    .into_iter()
    .flatten()
    .collect();
    if !what.is_empty() {
        title = format!("{title}: {}", what.join(", "));
    }
    Written {
        title: title.chars().take(200).collect(),
        text,
        persons,
        account,
    }
}

/// What the source's text says before the XML's hash.
const SHA_LINE: &str = "Submission SHA-256: ";

/// The hash of the XML a stored field source was written from.
fn recorded_sha(source: &Source) -> Option<&str> {
    source.text.rsplit_once(SHA_LINE).map(|(_, sha)| sha.trim())
}

/// The proposals for editors: each person named, and the event.
fn proposals(source: &Source, submission: &Submission, written: &Written) -> serde_json::Result<Vec<NewProposal>> {
    let mut out = Vec::new();
    let mut participants = Vec::new();
    for (n, (name, start, end)) in written.persons.iter().enumerate() {
        let id = format!("{}.p{}", source.id, n + 1);
        let mut p = Proposal::new(&id, ProposalKind::Person, name);
        p.name = Some(name.clone());
        p.score = 1.0;
        p.excerpts = Excerpt::quote(source, *start, *end).into_iter().collect();
        participants.push(ProposedParticipant {
            role: Role::Victim,
            record_id: None,
            proposal_id: Some(id.clone()),
            label: name.clone(),
        });
        out.push(NewProposal::new(&id, ProposalKind::Person.as_str(), name, &p)?);
    }
    if let (Some(event_type), Some(date)) = (submission.event_type(), submission.date()) {
        let id = format!("{}.e1", source.id);
        let label = source.title.trim_start_matches("Report from the field: ").to_owned();
        let mut p = Proposal::new(&id, ProposalKind::Event, &label);
        p.event_type = Some(event_type);
        p.date = Some(date);
        p.place = submission.answer("place").map(str::to_owned);
        p.participants = participants;
        p.score = 1.0;
        let (start, end) = written.account.unwrap_or((0, source.text.len()));
        p.excerpts = Excerpt::quote(source, start, end).into_iter().collect();
        out.push(NewProposal::new(&id, ProposalKind::Event.as_str(), &label, &p)?);
    }
    Ok(out)
}

/// Stores a submission sent `from` a phone or the report page: a new
/// confidential source and its proposals, or nothing when the same
/// submission was stored before. A different submission under a stored
/// `instanceID` is a conflict.
pub async fn receive<S: Store + Proposals>(store: &S, from: Reporter<'_>, submission: &Submission) -> Result<Received> {
    let id = source_id(&submission.instance_id)?;
    match store.record(&id, Visibility::Confidential).await {
        Ok(Record::Source(stored)) => {
            return if recorded_sha(&stored) == Some(submission.sha256.as_str()) {
                Ok(Received::Again { source_id: id })
            } else {
                Err(AppError::conflict(
                    "instance_id",
                    "a different submission with this instanceID was received before",
                ))
            };
        }
        Ok(_) => {
            return Err(AppError::conflict(
                "instance_id",
                "this instanceID names a record that is not a report",
            ))
        }
        Err(StoreError::NotFound { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    let written = write(submission, from);
    let source = Source {
        confidential: true,
        language: None,
        ..Source::new(id.clone(), written.title.clone(), written.text.clone())
    };
    let new = proposals(&source, submission, &written).map_err(|e| AppError::from(StoreError::backend(e)))?;
    let reason = match &submission.deprecated_id {
        Some(old) => format!("report from the field ({}), an edit of {old}", submission.instance_id),
        None => format!("report from the field ({})", submission.instance_id),
    };
    let change = Change::new(from.author(), Some(&reason));
    store.create(Record::Source(source), &change).await?;
    store.add_proposals(&id, &new).await?;
    tracing::info!(source = %id, from = %from.author(), proposals = new.len(), "a report from the field");
    Ok(Received::New {
        source_id: id,
        proposals: new.len(),
    })
}

/// Keeps an attachment of the source `source_id` (sealed by the store).
/// The same file again is taken as received; another file under a name
/// already kept is a conflict.
pub async fn attach<S: Attachments>(
    store: &S,
    source_id: &RecordId,
    info: &AttachmentInfo,
    bytes: &[u8],
) -> Result<()> {
    if sha256_hex(bytes) != info.sha256 || bytes.len() as u64 != info.size {
        tracing::error!(source = %source_id, "an attachment changed between receipt and storage");
        return Err(AppError::Internal);
    }
    let attachment = Attachment {
        source_id: source_id.clone(),
        name: info.name.clone(),
        content_type: info.content_type.clone(),
        size: info.size,
        sha256: info.sha256.clone(),
        received_at: (vigil_store::now().unix_timestamp_nanos() / 1000) as i64,
    };
    if store.add_attachment(&attachment, bytes).await? {
        return Ok(());
    }
    let kept = store.attachments(source_id).await?;
    match kept.iter().find(|a| a.name == info.name) {
        Some(a) if a.sha256 == info.sha256 => Ok(()),
        _ => Err(AppError::conflict(
            "attachment",
            format!("another file named {} was received with this report before", info.name),
        )),
    }
}

/// An attachment of a source, with its bytes, for `viewer`: only for those
/// who may read the source (NotFound for anyone else, as the source is).
pub async fn attachment<S: Store + Attachments>(
    store: &S,
    viewer: &crate::Viewer,
    source_id: &RecordId,
    name: &str,
) -> Result<(Attachment, Vec<u8>)> {
    match store.record(source_id, viewer.visibility).await {
        Ok(Record::Source(_)) => {}
        Ok(_) | Err(StoreError::NotFound { .. }) => return Err(AppError::not_found("source", source_id.as_str())),
        Err(e) => return Err(e.into()),
    }
    store
        .attachment(source_id, name)
        .await?
        .ok_or_else(|| AppError::not_found("attachment", name))
}

/// A source's attachments (without their bytes), for `viewer`: none for
/// those who may not read the source.
pub async fn attachments<S: Store + Attachments>(
    store: &S,
    viewer: &crate::Viewer,
    source_id: &RecordId,
) -> Result<Vec<Attachment>> {
    match store.record(source_id, viewer.visibility).await {
        Ok(Record::Source(_)) => Ok(store.attachments(source_id).await?),
        Ok(_) | Err(StoreError::NotFound { .. }) => Ok(Vec::new()),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0"?>
<data id="vigil_incident_report" version="1" xmlns:orx="http://openrosa.org/xforms">
  <event_type>arrest</event_type>
  <event_date>2026-11-03</event_date>
  <date_precision>month</date_precision>
  <place>Almaty</place>
  <location>43.2 76.9 0 5</location>
  <persons>Erlan Baltabay
Ana Example</persons>
  <account>They were taken at the factory gate.</account>
  <consent>yes</consent>
  <photo>photo.jpg</photo>
  <orx:meta><orx:instanceID>uuid:6F1C-22</orx:instanceID></orx:meta>
</data>"#;

    #[test]
    fn a_submission_reads_its_form_instance_and_answers() {
        let s = parse(XML.as_bytes()).expect("parses");
        assert_eq!(s.form_id, "vigil_incident_report");
        assert_eq!(s.instance_id, "uuid:6F1C-22");
        assert_eq!(s.deprecated_id, None);
        assert_eq!(s.answer("place"), Some("Almaty"));
        assert_eq!(s.persons(), vec!["Erlan Baltabay", "Ana Example"]);
        assert_eq!(s.event_type(), Some(EventType::Arrest));
        assert_eq!(s.date().map(|d| d.to_string()), Some("2026-11".to_owned()));
        assert!(!s.answers.iter().any(|(p, _)| p.contains("instanceID")));
        assert_eq!(source_id(&s.instance_id).expect("id").as_str(), "field-6f1c-22");
    }

    #[test]
    fn a_deprecated_id_marks_an_edit() {
        let edit = XML.replace(
            "<orx:instanceID>uuid:6F1C-22</orx:instanceID>",
            "<orx:instanceID>uuid:6F1C-23</orx:instanceID><orx:deprecatedID>uuid:6F1C-22</orx:deprecatedID>",
        );
        let s = parse(edit.as_bytes()).expect("parses");
        assert_eq!(s.deprecated_id.as_deref(), Some("uuid:6F1C-22"));
        let phone = UserName::parse("phone-1").expect("name");
        let w = write(&s, Reporter::Device(&phone));
        assert!(
            w.text.contains("It replaces the submission uuid:6F1C-22."),
            "{}",
            w.text
        );
        assert_ne!(source_id(&s.instance_id).ok(), source_id("uuid:6F1C-22").ok());
    }

    #[test]
    fn what_is_not_a_submission_is_refused() {
        for bad in [
            "<data id='x'><a>",
            "<data><meta><instanceID>uuid:1</instanceID></meta></data>",
            "<data id='x'><a>1</a></data>",
            "\u{0}",
        ] {
            assert!(
                matches!(parse(bad.as_bytes()), Err(AppError::Malformed { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_text_quotes_names_and_records_hashes() {
        let s = parse(XML.as_bytes()).expect("parses");
        let device = UserName::parse("phone-1").expect("name");
        let w = write(&s, Reporter::Device(&device));
        for (name, start, end) in &w.persons {
            assert_eq!(&w.text[*start..*end], name);
        }
        let (a, b) = w.account.expect("account");
        assert_eq!(&w.text[a..b], "They were taken at the factory gate.");
        assert!(w
            .text
            .contains("Attachments (kept sealed with this source, each with its SHA-256): photo.jpg"));
        assert_eq!(s.attachment_names(), ["photo.jpg"]);
        let source = Source::new(source_id(&s.instance_id).expect("id"), w.title.clone(), w.text.clone());
        assert_eq!(recorded_sha(&source), Some(s.sha256.as_str()));
        assert_eq!(w.title, "Report from the field: Arrest, November 2026, Almaty");
        let made = proposals(&source, &s, &w).expect("proposals");
        assert_eq!(
            made.iter().map(|p| p.kind.as_str()).collect::<Vec<_>>(),
            ["person", "person", "event"]
        );
    }

    fn page_report() -> PageReport {
        PageReport {
            event_type: Some("arrest".into()),
            event_date: Some("2026-11-03".into()),
            date_precision: Some("month".into()),
            place: Some(" Almaty ".into()),
            persons: Some("Erlan Baltabay\nAna Example".into()),
            account: Some("They were taken at the factory gate.".into()),
            consent: Some("no".into()),
            files: vec![("photo".into(), "photo.jpg".into())],
        }
    }

    #[test]
    fn a_page_report_reads_as_a_phones_submission_would() {
        let a = page_report().submission().expect("a submission");
        assert_eq!(a.form_id, xform::FORM_ID);
        assert!(a.instance_id.starts_with("uuid:web-"), "{}", a.instance_id);
        assert_eq!(a.answer("place"), Some("Almaty"));
        assert_eq!(a.date(), Some("2026-11".parse().expect("month")));
        assert_eq!(a.event_type(), Some(EventType::Arrest));
        assert_eq!(a.persons(), vec!["Erlan Baltabay", "Ana Example"]);
        assert_eq!(a.attachment_names(), vec!["photo.jpg"]);
        assert!(source_id(&a.instance_id).is_ok());
        // Each report is its own, even with the same answers.
        let b = page_report().submission().expect("a submission");
        assert_ne!(a.instance_id, b.instance_id);
        assert_ne!(a.sha256, b.sha256);
        let written = write(&a, Reporter::Page);
        assert!(written.text.contains("public report page"), "{}", written.text);
        assert!(!written.text.contains("device account"));
    }

    #[test]
    fn a_wrong_page_report_names_every_wrong_answer_once() {
        let report = PageReport {
            event_type: Some("tea party".into()),
            event_date: Some("2999-01-01".into()),
            date_precision: Some("week".into()),
            account: Some("   ".into()),
            consent: None,
            files: vec![("xml_submission_file".into(), "x.xml".into())],
            ..page_report()
        };
        let Err(AppError::Invalid(errors)) = report.submission() else {
            panic!("refused");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "event_type",
                "event_date",
                "date_precision",
                "account",
                "consent",
                "xml_submission_file"
            ]
        );
        let missing_date = PageReport {
            event_date: Some("3 November".into()),
            ..page_report()
        };
        assert!(missing_date.submission().is_err());
    }
}
