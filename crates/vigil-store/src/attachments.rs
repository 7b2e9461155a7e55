//! Attachments: the photos, recordings, videos and files that come with a
//! report from the field (issue 22), kept with the source they belong to.
//!
//! The bytes are sealed under the case file's key, bound to the source and
//! the attachment's name ([`aad`]), so they are never stored in the clear
//! and a sealed blob cannot be moved to another source. Their SHA-256 is
//! kept beside them, in the clear, for evidence integrity. Who may read
//! them is decided above the store: those who may read the source.

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
}
