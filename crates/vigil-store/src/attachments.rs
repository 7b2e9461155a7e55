//! Attachments: the photos, recordings, videos and files that come with a
//! report from the field (issue 22), kept with the source they belong to.
//!
//! The bytes are sealed under the case file's key, bound to the source and
//! the attachment's name ([`aad`]), so they are never stored in the clear
//! and a sealed blob cannot be moved to another source. Their SHA-256 is
//! kept beside them, in the clear, for evidence integrity. Who may read
//! them is decided above the store: those who may read the source.
//!
//! The same trait keeps the key pair of encrypted forms ([`FormKey`]) and
//! the XForms an admin uploads ([`StoredForm`]): what reports from the
//! field need of the store is behind one bound.

use std::future::Future;

use vigil_core::RecordId;

use crate::Result;

/// An attachment, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Attachment {
    pub source_id: RecordId,
    /// Its file name, as the phone named it (unique within its source).
    pub name: String,
    /// What its first bytes show it to be (never only what was declared).
    pub content_type: String,
    pub size: u64,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// When it was received, microseconds since the epoch.
    pub received_at: i64,
}

/// What an attachment's sealed bytes are bound to.
pub fn aad(source_id: &RecordId, name: &str) -> Vec<u8> {
    format!("attachment:{source_id}/{name}").into_bytes()
}

/// An attachment's row as stored, bytes sealed (for copies between
/// backends, which never open it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredAttachment {
    /// `{source_id}/{name}`.
    pub id: String,
    pub source_id: String,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub received_at: i64,
    #[serde(with = "crate::transfer::json::bytes")]
    pub sealed: Vec<u8>,
}

/// The key pair of encrypted forms, as stored: the public key in the
/// clear, the private key sealed under the case file's key ([`form_key_aad`]).
/// Its `Debug` never shows the private key.
#[derive(Clone, PartialEq, Eq)]
pub struct FormKey {
    /// Which key (today always [`FORM_KEY_ID`]).
    pub id: String,
    /// The public key, base64 of its DER (SubjectPublicKeyInfo), as an
    /// encrypted form's `base64RsaPublicKey` carries it.
    pub public_key: String,
    /// The private key, PKCS#8 DER, unsealed.
    pub private_key: Vec<u8>,
    /// When it was made, microseconds since the epoch.
    pub created_at: i64,
}

impl std::fmt::Debug for FormKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormKey")
            .field("id", &self.id)
            .field("public_key", &self.public_key)
            .finish_non_exhaustive()
    }
}

/// The id of the key pair encrypted forms carry.
pub const FORM_KEY_ID: &str = "forms";

/// The id a form key made at `created_at` is kept under once a rotation
/// has retired it ([`Attachments::rotate_form_key`]): still there to open
/// the reports phones encrypted under it before they fetched the new form.
pub fn retired_form_key_id(created_at: i64) -> String {
    format!("{FORM_KEY_ID}.retired.{created_at}")
}

/// What a form key's sealed private key is bound to.
pub fn form_key_aad(id: &str) -> Vec<u8> {
    format!("form-key:{id}").into_bytes()
}

/// A form key's row as stored, private key sealed (for copies between
/// backends, which never open it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredFormKey {
    pub id: String,
    pub public_key: String,
    #[serde(with = "crate::transfer::json::bytes")]
    pub sealed: Vec<u8>,
    pub created_at: i64,
}

/// An XForm an admin uploaded (an organisation's own form), as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredForm {
    /// The form's id (its instance's `id`).
    pub id: String,
    pub version: String,
    pub title: String,
    /// The form as uploaded (UTF-8).
    pub xml: String,
    /// MD5 of `xml`, hex (the form list's hash).
    pub md5: String,
    pub uploaded_by: String,
    /// Microseconds since the epoch.
    pub uploaded_at: i64,
}

/// The parts of an encrypted report kept while its other parts are still
/// to come (ODK Collect's `*isIncomplete*`): files kept under a source
/// that does not exist yet. Only counts and times: nothing of their
/// content.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PendingReport {
    /// The source the report will be (`field-` and its instanceID).
    pub source_id: RecordId,
    /// Files kept (the manifest and `.enc` files).
    pub parts: u64,
    /// Their size together, in bytes (as received).
    pub bytes: u64,
    /// When the first and the last of them came, microseconds since the epoch.
    pub first_received_at: i64,
    pub last_received_at: i64,
}

/// A media file of an uploaded form (an image, a sound, a CSV of choices
/// that the form names as `jr://images/NAME`, `jr://file-csv/NAME`, …),
/// without its bytes. Kept in the clear, as the form is: it is what
/// every device account downloads.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormMedia {
    pub form_id: String,
    /// Its file name, as the form names it.
    pub name: String,
    pub content_type: String,
    pub size: i64,
    /// MD5 of the bytes, hex (the manifest's hash).
    pub md5: String,
}

/// A media file's row as stored, with its bytes (for copies between backends).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredFormMedia {
    pub form_id: String,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub md5: String,
    #[serde(with = "crate::transfer::json::bytes")]
    pub data: Vec<u8>,
}

pub trait Attachments: Clone + Send + Sync + 'static {
    /// Seals `bytes` and stores them as `attachment`. Answers false, and
    /// stores nothing, when the source has an attachment of that name
    /// already.
    fn add_attachment(&self, attachment: &Attachment, bytes: &[u8]) -> impl Future<Output = Result<bool>> + Send;

    /// A source's attachments, by name.
    fn attachments(&self, source_id: &RecordId) -> impl Future<Output = Result<Vec<Attachment>>> + Send;

    /// One attachment with its bytes, unsealed.
    fn attachment(
        &self,
        source_id: &RecordId,
        name: &str,
    ) -> impl Future<Output = Result<Option<(Attachment, Vec<u8>)>>> + Send;

    /// The form key `id`, its private key unsealed; `None` before one is kept.
    fn form_key(&self, id: &str) -> impl Future<Output = Result<Option<FormKey>>> + Send;

    /// Seals and keeps `key`, unless a key of its id is kept already (made
    /// meanwhile by another request or server): answers the key kept,
    /// which every caller then uses.
    fn keep_form_key(&self, key: &FormKey) -> impl Future<Output = Result<FormKey>> + Send;

    /// Every form key kept, private keys unsealed: the current one
    /// ([`FORM_KEY_ID`]) first, then the retired ones, newest first.
    fn form_keys(&self) -> impl Future<Output = Result<Vec<FormKey>>> + Send;

    /// Puts `new` in the place of the current form key, in one
    /// transaction: the current key is kept on, sealed, under
    /// [`retired_form_key_id`] of its `created_at`, and `new` becomes
    /// [`FORM_KEY_ID`] (its own `id` is not read). Before any key is kept,
    /// `new` is simply kept. Answers the retired key's id. Cut short at any
    /// point, nothing has changed and the current key still is.
    fn rotate_form_key(&self, new: &FormKey) -> impl Future<Output = Result<Option<String>>> + Send;

    /// Removes the attachments kept under `source_id` while no record of
    /// that id exists: the parts of an encrypted report received before
    /// all of them were there, when the report turns out wrong. An
    /// admitted report's files are never removed (nothing is, then).
    /// Answers how many were removed.
    fn drop_unadmitted_attachments(&self, source_id: &RecordId) -> impl Future<Output = Result<u64>> + Send;

    /// The reports whose parts wait for the rest (files kept under a
    /// source that does not exist), the longest silent first (by when
    /// their last part came).
    fn pending_reports(&self) -> impl Future<Output = Result<Vec<PendingReport>>> + Send;

    /// Removes every file of each report still waiting for parts whose
    /// last part came before `last_before` (microseconds since the epoch),
    /// in one statement: a report admitted meanwhile keeps its files.
    /// Answers how many files were removed.
    fn drop_pending_reports(&self, last_before: i64) -> impl Future<Output = Result<u64>> + Send;

    /// Keeps an uploaded form: a new one, or a new version of one (which
    /// replaces it). Its media files become exactly `media` (each with its
    /// bytes), in the same transaction: those the new version no longer
    /// names are removed.
    fn put_form(&self, form: &StoredForm, media: &[(FormMedia, Vec<u8>)]) -> impl Future<Output = Result<()>> + Send;

    /// A form's media files, by name, without their bytes.
    fn form_media(&self, form_id: &str) -> impl Future<Output = Result<Vec<FormMedia>>> + Send;

    /// One media file of a form, with its bytes.
    fn form_media_file(
        &self,
        form_id: &str,
        name: &str,
    ) -> impl Future<Output = Result<Option<(FormMedia, Vec<u8>)>>> + Send;

    /// The uploaded forms, by id.
    fn forms(&self) -> impl Future<Output = Result<Vec<StoredForm>>> + Send;

    /// One uploaded form.
    fn stored_form(&self, id: &str) -> impl Future<Output = Result<Option<StoredForm>>> + Send;
}
