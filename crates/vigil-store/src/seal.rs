//! Confidential content encrypted at rest.
//!
//! Every backend stores a record with confidential content twice: its
//! redacted form in the clear (what the public may see, and what lists and
//! name queries run on) and the whole record sealed with XChaCha20-Poly1305
//! under the case file's key. The record's id is the associated data, so a
//! sealed blob cannot be moved to another record. The nonce is random per
//! seal (24 bytes: no risk of reuse) and stored before the ciphertext.
//!
//! The clear form is the record as the public reads it: redacted by its
//! own marks and without its references to confidential records (`hidden`,
//! given by the backend). So a public event quoting a confidential source,
//! or a person's role in a confidential organisation, is sealed whole and
//! leaves neither the quote nor the role in the clear.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use std::collections::HashSet;

use vigil_core::{Record, RecordId};

use crate::StoreError;

const NONCE_LEN: usize = 24;

/// A fresh opaque record id: 32 random hex digits, saying nothing of the
/// record (the id of every confidential record: ids are not sealed).
pub fn opaque_id() -> RecordId {
    RecordId::parse(&crate::random::hex()).unwrap_or_else(|_| unreachable!("lowercase hex is a valid id"))
}

/// Whether `id` is one [`opaque_id`] made (32 lowercase hex digits).
pub fn is_opaque_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The case file's 256-bit key. Never logged: its `Debug` says nothing.
#[derive(Clone)]
pub struct SealKey([u8; 32]);

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealKey(..)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a key is 64 hexadecimal digits (32 bytes)")]
pub struct KeyFormatError;

impl SealKey {
    /// A fresh random key.
    pub fn generate() -> Self {
        let key = XChaCha20Poly1305::generate_key(&mut OsRng);
        Self(key.into())
    }

    pub fn from_hex(s: &str) -> Result<Self, KeyFormatError> {
        let s = s.trim();
        if s.len() != 64 {
            return Err(KeyFormatError);
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte =
                u8::from_str_radix(s.get(2 * i..2 * i + 2).ok_or(KeyFormatError)?, 16).map_err(|_| KeyFormatError)?;
        }
        Ok(Self(out))
    }

    /// A key from its 32 bytes (one derived from a passphrase, say).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    pub fn to_hex(&self) -> String {
        crate::hex(&self.0)
    }

    /// A secret for one `purpose`, derived from the key (HMAC-SHA-256):
    /// the same on every server holding the key, and telling nothing of it.
    pub fn derive(&self, purpose: &str) -> [u8; 32] {
        keyed_hash(&self.0, format!("vigil derived secret v1: {purpose}").as_bytes())
    }
}

/// HMAC-SHA-256 of `data` under `key`.
pub fn keyed_hash(key: &[u8], data: &[u8]) -> [u8; 32] {
    use hmac::Mac;
    let mut mac = <hmac::Hmac<sha2::Sha256> as hmac::Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// Seals arbitrary bytes, bound to `aad` (a signature's id, a message's id).
pub fn seal_bytes(key: &SealKey, aad: &[u8], plain: &[u8]) -> Result<Vec<u8>, StoreError> {
    let nonce = XChaCha20Poly1305::generate_nonce(&mut crate::random::generator());
    let sealed = cipher(key)
        .encrypt(&nonce, Payload { msg: plain, aad })
        .map_err(|_| StoreError::Backend("sealing failed".into()))?;
    let mut blob = nonce.to_vec();
    blob.extend_from_slice(&sealed);
    Ok(blob)
}

/// Opens what [`seal_bytes`] sealed with the same `aad`.
pub fn open_bytes(key: &SealKey, aad: &[u8], blob: &[u8]) -> Result<Vec<u8>, StoreError> {
    if blob.len() < NONCE_LEN {
        return Err(StoreError::Backend("a sealed value is truncated".into()));
    }
    let (nonce, body) = blob.split_at(NONCE_LEN);
    cipher(key)
        .decrypt(XNonce::from_slice(nonce), Payload { msg: body, aad })
        .map_err(|_| StoreError::Backend("cannot unseal a value: is this the case file's key?".into()))
}

/// A record as a backend stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// JSON of what the public may see; `None` for a wholly confidential
    /// record.
    pub public: Option<String>,
    /// The whole record, sealed, when it has confidential content.
    pub sealed: Option<Vec<u8>>,
}

fn cipher(key: &SealKey) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(&key.0.into())
}

/// Splits a record into what may be stored in the clear and what is
/// sealed; `hidden` holds the confidential records among those it refers to.
pub fn seal(key: &SealKey, record: &Record, hidden: &HashSet<RecordId>) -> Result<Stored, StoreError> {
    seal_under(key, record, record, hidden)
}

/// Seals a past state of a record under the marks its latest state `now`
/// bears: a field marked confidential since is withheld from the clear form
/// of every earlier revision too. `hidden`: the confidential records among
/// those `record` refers to.
pub fn seal_under(
    key: &SealKey,
    record: &Record,
    now: &Record,
    hidden: &HashSet<RecordId>,
) -> Result<Stored, StoreError> {
    let public = record
        .redacted_as_of_now(now)
        .map(|r| serde_json::to_string(&r.without_references_to(hidden)))
        .transpose()
        .map_err(StoreError::backend)?;
    let refers_to_hidden = record.references().iter().any(|r| hidden.contains(r.id));
    if !record.has_confidential_content() && !now.has_confidential_content() && !refers_to_hidden {
        return Ok(Stored { public, sealed: None });
    }
    let plain = serde_json::to_vec(record).map_err(StoreError::backend)?;
    let nonce = XChaCha20Poly1305::generate_nonce(&mut crate::random::generator());
    let sealed = cipher(key)
        .encrypt(
            &nonce,
            Payload {
                msg: &plain,
                aad: record.id().as_str().as_bytes(),
            },
        )
        .map_err(|_| StoreError::Backend("sealing failed".into()))?;
    let mut blob = nonce.to_vec();
    blob.extend_from_slice(&sealed);
    Ok(Stored {
        public,
        sealed: Some(blob),
    })
}

/// The whole record back from what a backend stored for `id`.
pub fn open(key: &SealKey, id: &str, stored: &Stored) -> Result<Record, StoreError> {
    match (&stored.sealed, &stored.public) {
        (Some(blob), _) => {
            if blob.len() < NONCE_LEN {
                return Err(StoreError::Backend("a sealed record is truncated".into()));
            }
            let (nonce, body) = blob.split_at(NONCE_LEN);
            let plain = cipher(key)
                .decrypt(
                    XNonce::from_slice(nonce),
                    Payload {
                        msg: body,
                        aad: id.as_bytes(),
                    },
                )
                .map_err(|_| {
                    StoreError::Backend("cannot unseal a confidential record: is this the case file's key?".into())
                })?;
            serde_json::from_slice(&plain).map_err(StoreError::backend)
        }
        (None, Some(public)) => serde_json::from_str(public).map_err(StoreError::backend),
        (None, None) => Err(StoreError::Backend(
            "a stored record has neither public nor sealed form".into(),
        )),
    }
}

/// What a key check seals: a constant, bound to this purpose.
const KEY_CHECK: &[u8] = b"vigil case file key check v1";

/// A value that proves, to whoever holds the same key, that a case file
/// was sealed under it, and tells nothing of the key to anyone else. A
/// shared database keeps one, so that a server started with another key
/// refuses to start instead of sealing content nobody else can open.
pub fn key_check(key: &SealKey) -> Result<Vec<u8>, StoreError> {
    let nonce = XChaCha20Poly1305::generate_nonce(&mut crate::random::generator());
    let sealed = cipher(key)
        .encrypt(
            &nonce,
            Payload {
                msg: KEY_CHECK,
                aad: KEY_CHECK,
            },
        )
        .map_err(|_| StoreError::Backend("sealing failed".into()))?;
    let mut blob = nonce.to_vec();
    blob.extend_from_slice(&sealed);
    Ok(blob)
}

/// Whether `check` (from [`key_check`]) was made with `key`.
pub fn key_matches(key: &SealKey, check: &[u8]) -> bool {
    if check.len() < NONCE_LEN {
        return false;
    }
    let (nonce, body) = check.split_at(NONCE_LEN);
    cipher(key)
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: body,
                aad: KEY_CHECK,
            },
        )
        .is_ok_and(|plain| plain == KEY_CHECK)
}

/// What `vigil key rotate` re-sealed or recomputed, table by table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rekeyed {
    pub records: u64,
    pub revisions: u64,
    /// Revisions' sealed former ids (a record given a new id).
    pub former_ids: u64,
    pub status_stretches: u64,
    /// Events' facts as those with the right see them (issue 17).
    pub event_facts: u64,
    pub signatures: u64,
    pub mail_queue: u64,
    pub attachments: u64,
    /// Private keys of encrypted forms.
    pub form_keys: u64,
    /// Device accounts' digest secrets.
    pub device_digests: u64,
    pub proposals: u64,
    pub fingerprints: u64,
}

impl Rekeyed {
    pub fn total(&self) -> u64 {
        self.records
            + self.revisions
            + self.former_ids
            + self.status_stretches
            + self.event_facts
            + self.signatures
            + self.mail_queue
            + self.attachments
            + self.form_keys
            + self.device_digests
            + self.proposals
            + self.fingerprints
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_hex() {
        let k = SealKey::generate();
        assert_eq!(SealKey::from_hex(&k.to_hex()).unwrap().0, k.0);
        assert!(SealKey::from_hex("zz").is_err());
        assert!(SealKey::from_hex(&"g".repeat(64)).is_err());
        assert_eq!(format!("{k:?}"), "SealKey(..)");
    }

    #[test]
    fn a_key_check_recognises_its_key_only() {
        let k = SealKey::generate();
        let check = key_check(&k).unwrap();
        assert!(key_matches(&k, &check));
        assert!(!key_matches(&SealKey::generate(), &check));
        assert!(!key_matches(&k, &check[..10]));
    }
}
