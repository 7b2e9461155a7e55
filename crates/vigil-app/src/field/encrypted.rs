//! Encrypted forms: a report encrypted on the phone, opened here.
//!
//! A form whose `<submission>` carries `base64RsaPublicKey` makes ODK
//! Collect (and KoboCollect) encrypt each report as soon as it is
//! finalised, so that a lost or seized phone holds nothing readable. What
//! it sends then is, per the ODK XForms encryption specification
//! (<https://getodk.github.io/xforms-spec/encryption>) as Collect's
//! `EncryptionUtils` and ODK Central implement it:
//!
//! - a **manifest** as `xml_submission_file`: `<data encrypted="yes">`
//!   with the form's `id` and `version`, `base64EncryptedKey`,
//!   `meta/instanceID`, a `media/file` for each attachment
//!   (`photo.jpg.enc`), `encryptedXmlFile` (`submission.xml.enc`) and
//!   `base64EncryptedElementSignature`;
//! - the **`.enc` files**: each attachment, and the submission's XML.
//!
//! The scheme: a random 256-bit AES key for the submission, encrypted
//! under the form's RSA key with OAEP (SHA-256, and MGF1 with SHA-256, as
//! BouncyCastle's `OAEPWithSHA256AndMGF1Padding` does); each file
//! encrypted with AES-256 in CFB mode (128-bit feedback) after PKCS#5
//! padding, its IV made from the MD5 of the instanceID and the AES key,
//! one byte of it raised by one per file (byte `i mod 16` for the `i`-th
//! file, counting from 0: the attachments in the manifest's order, then
//! the XML); and a signature: the MD5 of the lines form id, version (when
//! the form has one), `base64EncryptedKey`, instanceID, then
//! `NAME::MD5` of each file's decrypted bytes (name without `.enc`,
//! attachments then the XML), each line ended by `\n`, encrypted under the
//! RSA key as the AES key is.
//!
//! This module is pure: it reads the manifest, opens the AES key,
//! decrypts one file at a time and checks the signature. The key pair is
//! the case file's ([`FormKeyPair`]), made on first need and kept with
//! its private key sealed ([`super::form_key`]); a rotation
//! ([`super::rotate_form_key`]) keeps the old pairs, and a manifest is
//! opened with whichever opens it ([`Manifest::open_any`]). The private
//! key is exported for ODK Briefcase as PEM ([`FormKeyPair::private_key_pem`]).

use base64::Engine as _;
use md5::{Digest as _, Md5};
use rsa::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _, EncodePublicKey as _};
use rsa::{Oaep, RsaPrivateKey, RsaPublicKey};

use crate::{AppError, Result};

/// The size of the form key: what ODK Central makes and reads.
pub const KEY_BITS: usize = 2048;

/// The key pair of encrypted forms. Its `Debug` shows only the public key.
#[derive(Clone)]
pub struct FormKeyPair {
    private: RsaPrivateKey,
    public_key: String,
}

impl std::fmt::Debug for FormKeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormKeyPair")
            .field("public_key", &self.public_key)
            .finish_non_exhaustive()
    }
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

fn key_error(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "the form key");
    AppError::Internal
}

/// OAEP as Collect's `RSA/NONE/OAEPWithSHA256AndMGF1Padding`.
fn oaep() -> Oaep {
    Oaep::new::<sha2::Sha256>()
}

impl FormKeyPair {
    /// A new random key pair (a second or so of work: call it off the
    /// async threads).
    pub fn generate() -> Result<Self> {
        let private = RsaPrivateKey::new(&mut rsa::rand_core::OsRng, KEY_BITS).map_err(key_error)?;
        Self::from_private(private)
    }

    fn from_private(private: RsaPrivateKey) -> Result<Self> {
        let der = RsaPublicKey::from(&private).to_public_key_der().map_err(key_error)?;
        Ok(Self {
            public_key: b64().encode(der.as_bytes()),
            private,
        })
    }

    /// The key pair from its private key, PKCS#8 DER.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        Self::from_private(RsaPrivateKey::from_pkcs8_der(der).map_err(key_error)?)
    }

    /// The private key, PKCS#8 DER (to be sealed, never stored as is).
    pub fn to_pkcs8_der(&self) -> Result<Vec<u8>> {
        Ok(self.private.to_pkcs8_der().map_err(key_error)?.as_bytes().to_vec())
    }

    /// The public key as the form carries it: base64 of its DER
    /// (SubjectPublicKeyInfo), on one line.
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    /// The private key as ODK Briefcase reads it to decrypt reports
    /// offline: PEM, PKCS#1 (`-----BEGIN RSA PRIVATE KEY-----`, what
    /// `openssl genrsa` writes and ODK's documentation shows), unencrypted
    /// (Briefcase asks for no passphrase). Wiped from memory when dropped.
    pub fn private_key_pem(&self) -> Result<zeroize::Zeroizing<String>> {
        use rsa::pkcs1::EncodeRsaPrivateKey as _;
        self.private.to_pkcs1_pem(rsa::pkcs8::LineEnding::LF).map_err(key_error)
    }

    /// A short fingerprint of the public key: the first 16 hex digits of
    /// the SHA-256 of its DER.
    pub fn fingerprint(&self) -> String {
        use sha2::Digest as _;
        let der = b64().decode(&self.public_key).unwrap_or_default();
        sha2::Sha256::digest(der)
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn decrypt(&self, ciphertext: &[u8]) -> Option<Vec<u8>> {
        self.private.decrypt(oaep(), ciphertext).ok()
    }
}

fn malformed(message: impl Into<String>) -> AppError {
    AppError::malformed("xml_submission_file", message)
}

/// An encrypted submission's manifest, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// The form's id (the root's `id`).
    pub form_id: String,
    /// The form's version (the root's `version`), when it has one.
    pub version: Option<String>,
    /// `meta/instanceID`.
    pub instance_id: String,
    /// `base64EncryptedKey`.
    pub encrypted_key: String,
    /// The attachments' encrypted files (`photo.jpg.enc`), in order.
    pub media: Vec<String>,
    /// `encryptedXmlFile` (`submission.xml.enc`).
    pub xml_file: String,
    /// `base64EncryptedElementSignature`.
    pub signature: String,
}

/// The name an encrypted report's manifest is kept under, with its
/// `.enc` files (the name ODK Collect sends it under): with the private
/// key, the phone's signature can be checked again from what is kept.
/// No file of the report can be named so ([`Manifest::read`] refuses an
/// attachment `submission.xml.enc`).
pub const MANIFEST_NAME: &str = "submission.xml";

/// A file name a manifest may give: a name, no path, ending in `.enc`.
fn enc_name(name: &str) -> Result<String> {
    let name = name.trim();
    let stem = name.strip_suffix(".enc").unwrap_or_default();
    if stem.is_empty()
        || stem.starts_with('.')
        || name.len() > 200
        || name.contains(['/', '\\'])
        || name.chars().any(char::is_control)
    {
        return Err(malformed(format!(
            "the manifest names a file that is not a plain NAME.enc: {}",
            name.chars().take(80).collect::<String>()
        )));
    }
    Ok(name.to_owned())
}

impl Manifest {
    /// The manifest `xml` is, or `None` when it is not one (a clear
    /// submission, or XML that does not read: [`super::parse`] says why).
    pub fn read(xml: &[u8]) -> Result<Option<Self>> {
        let Some(doc) = std::str::from_utf8(xml)
            .ok()
            .and_then(|t| roxmltree::Document::parse(t).ok())
        else {
            return Ok(None);
        };
        let root = doc.root_element();
        if !root
            .attribute("encrypted")
            .is_some_and(|e| e.trim().eq_ignore_ascii_case("yes"))
        {
            return Ok(None);
        }
        let child = |name: &str| super::child(root, name).and_then(super::text_of);
        let needed = |name: &str| {
            child(name).ok_or_else(|| malformed(format!("the encrypted submission's manifest has no {name}")))
        };
        let form_id = super::form_id(root)
            .ok_or_else(|| malformed("the encrypted submission's manifest names no form (no id attribute)"))?;
        let instance_id = super::child(root, "meta")
            .and_then(|m| super::child(m, "instanceID"))
            .and_then(super::text_of)
            .ok_or_else(|| malformed("the encrypted submission's manifest has no meta/instanceID"))?;
        let mut media = Vec::new();
        for m in root
            .children()
            .filter(|n| n.is_element() && n.tag_name().name() == "media")
        {
            for f in m.children().filter(|n| n.is_element() && n.tag_name().name() == "file") {
                let name = enc_name(f.text().unwrap_or_default())?;
                if name == format!("{MANIFEST_NAME}.enc") {
                    return Err(malformed(format!(
                        "the manifest names {name} as an attachment: that name is the manifest's"
                    )));
                }
                if media.contains(&name) {
                    return Err(malformed(format!("the manifest names the file {name} twice")));
                }
                media.push(name);
            }
        }
        let xml_file = enc_name(&needed("encryptedXmlFile")?)?;
        if media.contains(&xml_file) {
            return Err(malformed(
                "the manifest names the submission's XML as an attachment too",
            ));
        }
        Ok(Some(Self {
            form_id,
            version: root
                .attribute("version")
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned),
            instance_id,
            encrypted_key: needed("base64EncryptedKey")?,
            media,
            xml_file,
            signature: needed("base64EncryptedElementSignature")?,
        }))
    }

    /// Every file the manifest names, in the order of their IVs: the
    /// attachments, then the XML.
    pub fn files(&self) -> Vec<&str> {
        self.media
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(self.xml_file.as_str()))
            .collect()
    }

    /// The submission's AES key, opened with the form key; refused when it
    /// was encrypted for another key.
    pub fn open(&self, pair: &FormKeyPair) -> Result<Opened<'_>> {
        let encrypted = b64()
            .decode(self.encrypted_key.split_whitespace().collect::<String>())
            .map_err(|_| malformed("the manifest's base64EncryptedKey is not base64"))?;
        let key: [u8; 32] = pair
            .decrypt(&encrypted)
            .and_then(|k| k.try_into().ok())
            .ok_or_else(|| {
                malformed(
                    "the submission's key (base64EncryptedKey) does not decrypt with this server's form key, \
                     current or retired: the form was encrypted for another server or another key",
                )
            })?;
        Ok(Opened { manifest: self, key })
    }
}

impl Manifest {
    /// The submission's AES key, opened with the first of `pairs` (the
    /// case file's form keys, current first, then retired ones) that
    /// opens it: a report encrypted before a rotation, still waiting on a
    /// phone, opens with the key it was encrypted for. Answers the key
    /// that opened it too (the signature is checked with it).
    pub fn open_any<'a>(&'a self, pairs: &'a [FormKeyPair]) -> Result<(Opened<'a>, &'a FormKeyPair)> {
        let mut refused = None;
        for pair in pairs {
            match self.open(pair) {
                Ok(opened) => return Ok((opened, pair)),
                Err(e) => refused = Some(e),
            }
        }
        Err(refused.unwrap_or_else(|| {
            malformed(
                "the submission's key (base64EncryptedKey) does not decrypt with this server's form key: \
                 this server has made no form key, so no form was encrypted for it",
            )
        }))
    }
}

/// A manifest whose AES key is open: decrypts its files and checks its
/// signature.
pub struct Opened<'a> {
    manifest: &'a Manifest,
    key: [u8; 32],
}

impl Drop for Opened<'_> {
    fn drop(&mut self) {
        self.key = [0; 32];
    }
}

/// MD5, hex, 32 digits.
pub fn md5_hex(bytes: &[u8]) -> String {
    Md5::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

impl Opened<'_> {
    /// The IV of the file at `index` in [`Manifest::files`].
    fn iv(&self, index: usize) -> [u8; 16] {
        let mut iv: [u8; 16] = Md5::new()
            .chain_update(self.manifest.instance_id.as_bytes())
            .chain_update(self.key)
            .finalize()
            .into();
        for i in 0..=index {
            iv[i % 16] = iv[i % 16].wrapping_add(1);
        }
        iv
    }

    /// The decrypted bytes of the file at `index` in [`Manifest::files`],
    /// received as `ciphertext`; refused when they do not decrypt.
    pub fn decrypt(&self, index: usize, ciphertext: &[u8]) -> Result<Vec<u8>> {
        use cfb_mode::cipher::KeyIvInit as _;
        let files = self.manifest.files();
        let name = files.get(index).copied().unwrap_or("?");
        if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(16) {
            return Err(malformed(format!(
                "{name} is not whole AES blocks: it is cut short, or was not encrypted by the phone"
            )));
        }
        let mut plain = ciphertext.to_vec();
        cfb_mode::BufDecryptor::<aes::Aes256>::new_from_slices(&self.key, &self.iv(index))
            .map_err(key_error)?
            .decrypt(&mut plain);
        let pad = plain.last().copied().unwrap_or(0) as usize;
        let len = plain.len();
        if !(1..=16).contains(&pad) || !plain[len - pad..].iter().all(|b| *b as usize == pad) {
            return Err(malformed(format!(
                "{name} does not decrypt with the submission's key: it is damaged or belongs to another submission"
            )));
        }
        plain.truncate(len - pad);
        Ok(plain)
    }

    /// Checks the phone's signature against the manifest and `md5s`, the
    /// MD5 (hex) of each file's decrypted bytes in [`Manifest::files`]'s
    /// order.
    pub fn check_signature(&self, pair: &FormKeyPair, md5s: &[String]) -> Result<()> {
        let m = self.manifest;
        let files = m.files();
        if md5s.len() != files.len() {
            return Err(AppError::Internal);
        }
        let mut source = String::new();
        for line in [
            Some(&m.form_id),
            m.version.as_ref(),
            Some(&m.encrypted_key),
            Some(&m.instance_id),
        ]
        .into_iter()
        .flatten()
        {
            source.push_str(line);
            source.push('\n');
        }
        for (file, md5) in files.iter().zip(md5s) {
            let name = file.strip_suffix(".enc").unwrap_or(file);
            source.push_str(&format!("{name}::{md5}\n"));
        }
        let expected = Md5::digest(source.as_bytes());
        let signature = b64()
            .decode(m.signature.split_whitespace().collect::<String>())
            .map_err(|_| malformed("the manifest's base64EncryptedElementSignature is not base64"))?;
        match pair.decrypt(&signature) {
            Some(signed) if signed.as_slice() == expected.as_slice() => Ok(()),
            Some(_) => Err(malformed(
                "the submission's signature (base64EncryptedElementSignature) does not match its manifest and files: \
                 something was changed or exchanged on the way",
            )),
            None => Err(malformed(
                "the submission's signature (base64EncryptedElementSignature) does not decrypt with this server's form key",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = r#"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<data xmlns="http://www.opendatakit.org/xforms/encrypted" id="f" version="7" encrypted="yes">
<base64EncryptedKey>AAAA</base64EncryptedKey><orx:meta xmlns:orx="http://openrosa.org/xforms"><orx:instanceID>uuid:1</orx:instanceID></orx:meta>
<media><file>photo.jpg.enc</file></media>
<media><file>voice.m4a.enc</file></media>
<encryptedXmlFile>submission.xml.enc</encryptedXmlFile><base64EncryptedElementSignature>AAAA</base64EncryptedElementSignature></data>"#;

    #[test]
    fn a_manifest_reads_and_a_clear_submission_is_not_one() {
        let m = Manifest::read(MANIFEST.as_bytes()).expect("reads").expect("a manifest");
        assert_eq!(m.form_id, "f");
        assert_eq!(m.version.as_deref(), Some("7"));
        assert_eq!(m.instance_id, "uuid:1");
        assert_eq!(m.files(), ["photo.jpg.enc", "voice.m4a.enc", "submission.xml.enc"]);
        assert_eq!(
            Manifest::read(b"<data id='f'><meta><instanceID>uuid:1</instanceID></meta></data>").expect("reads"),
            None
        );
        assert_eq!(Manifest::read(b"<data").expect("reads"), None);
    }

    #[test]
    fn a_manifest_naming_paths_or_missing_parts_is_refused() {
        for bad in [
            MANIFEST.replace("photo.jpg.enc", "../photo.jpg.enc"),
            MANIFEST.replace("photo.jpg.enc", "photo.jpg"),
            MANIFEST.replace("voice.m4a.enc", "photo.jpg.enc"),
            MANIFEST.replace("<orx:instanceID>uuid:1</orx:instanceID>", ""),
            MANIFEST.replace("<encryptedXmlFile>submission.xml.enc</encryptedXmlFile>", ""),
            MANIFEST.replace("id=\"f\" ", ""),
        ] {
            assert!(
                matches!(Manifest::read(bad.as_bytes()), Err(AppError::Malformed { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_key_pair_survives_its_der_and_refuses_another_keys_ciphertext() {
        let pair = FormKeyPair::generate().expect("a key");
        let again = FormKeyPair::from_pkcs8_der(&pair.to_pkcs8_der().expect("der")).expect("back");
        assert_eq!(pair.public_key(), again.public_key());
        // 2048 bits: a SubjectPublicKeyInfo of 294 bytes, 392 in base64, as
        // ODK Central expects.
        assert_eq!(pair.public_key().len(), 392);
        let m = Manifest::read(MANIFEST.as_bytes()).expect("reads").expect("a manifest");
        assert!(matches!(m.open(&pair), Err(AppError::Malformed { .. })));
        assert!(!format!("{pair:?}").contains("private"));
    }
}
