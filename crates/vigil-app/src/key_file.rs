//! What a key file holds: the case file's key, plain (64 hexadecimal
//! digits, as `vigil serve` first writes it) or wrapped under a passphrase.
//! Only the text: reading and writing files is the binary's.
//!
//! A wrapped key file is versioned text:
//!
//! ```text
//! vigil wrapped key v1
//! kdf argon2id m=65536 t=3 p=1
//! salt 0f1e…(32 hexadecimal digits)
//! sealed 9a8b…(hexadecimal)
//! ```
//!
//! The wrapping key is argon2id of the passphrase with the salt and the
//! parameters the file records (memory in KiB, passes, lanes); the key's
//! 64 hexadecimal digits are sealed under it with XChaCha20-Poly1305 (the
//! nonce first), the first three lines as associated data: change any of
//! them and the passphrase no longer opens the file.

use vigil_store::seal::{open_bytes, seal_bytes};
use vigil_store::SealKey;

const HEADER: &str = "vigil wrapped key v1";
/// The shortest passphrase `wrap` takes.
pub const MIN_PASSPHRASE: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyFileError {
    #[error("it holds neither a key (64 hexadecimal digits) nor a wrapped key ({0})")]
    Format(String),
    #[error("the passphrase does not open this wrapped key (wrong passphrase?)")]
    WrongPassphrase,
    #[error("a passphrase has at least {MIN_PASSPHRASE} characters")]
    ShortPassphrase,
    #[error("cannot derive a key from the passphrase: {0}")]
    Kdf(String),
}

/// The parameters of argon2id a wrapped key records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory, in KiB.
    pub m: u32,
    /// Passes.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// 64 MiB, 3 passes, 1 lane: a fraction of a second at each start, and
    /// a passphrase guessed at that cost each try.
    pub const DEFAULT: KdfParams = KdfParams { m: 65536, t: 3, p: 1 };

    fn check(self) -> Result<Self, KeyFileError> {
        // Bounds against a file that would make the start exhaust memory.
        if !(1..=16).contains(&self.p) || !(1..=64).contains(&self.t) || self.m < 8 * self.p || self.m > 4 * 1024 * 1024
        {
            return Err(KeyFileError::Format("argon2id parameters out of range".into()));
        }
        Ok(self)
    }
}

/// A key file's content.
#[derive(Debug, Clone)]
pub enum KeyFile {
    Plain(SealKey),
    Wrapped(Wrapped),
}

/// A key sealed under a passphrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    pub params: KdfParams,
    salt: [u8; 16],
    sealed: Vec<u8>,
}

/// The text of a plain key file.
pub fn plain_text(key: &SealKey) -> String {
    format!("{}\n", key.to_hex())
}

/// Reads a key file's text.
pub fn parse(text: &str) -> Result<KeyFile, KeyFileError> {
    let trimmed = text.trim();
    if !trimmed.starts_with("vigil wrapped key") {
        return SealKey::from_hex(trimmed)
            .map(KeyFile::Plain)
            .map_err(|_| KeyFileError::Format("not 64 hexadecimal digits".into()));
    }
    let mut lines = trimmed.lines().map(str::trim);
    if lines.next() != Some(HEADER) {
        return Err(KeyFileError::Format(format!("only \"{HEADER}\" is known")));
    }
    let bad = |what: &str| KeyFileError::Format(format!("bad {what} line"));
    let kdf = lines
        .next()
        .and_then(|l| l.strip_prefix("kdf argon2id "))
        .ok_or_else(|| bad("kdf"))?;
    let mut params = [None; 3];
    for part in kdf.split_whitespace() {
        let (name, value) = part.split_once('=').ok_or_else(|| bad("kdf"))?;
        let slot = match name {
            "m" => 0,
            "t" => 1,
            "p" => 2,
            _ => return Err(bad("kdf")),
        };
        params[slot] = Some(value.parse::<u32>().map_err(|_| bad("kdf"))?);
    }
    let [Some(m), Some(t), Some(p)] = params else {
        return Err(bad("kdf"));
    };
    let params = KdfParams { m, t, p }.check()?;
    let salt = lines
        .next()
        .and_then(|l| l.strip_prefix("salt "))
        .and_then(unhex)
        .and_then(|v| <[u8; 16]>::try_from(v).ok())
        .ok_or_else(|| bad("salt"))?;
    let sealed = lines
        .next()
        .and_then(|l| l.strip_prefix("sealed "))
        .and_then(unhex)
        .ok_or_else(|| bad("sealed"))?;
    if lines.next().is_some() {
        return Err(KeyFileError::Format("lines after the sealed key".into()));
    }
    Ok(KeyFile::Wrapped(Wrapped { params, salt, sealed }))
}

/// Wraps `key` under `passphrase` with the default parameters.
pub fn wrap(key: &SealKey, passphrase: &str) -> Result<Wrapped, KeyFileError> {
    wrap_with(key, passphrase, KdfParams::DEFAULT)
}

/// Wraps `key` under `passphrase` with `params` and a fresh salt.
pub fn wrap_with(key: &SealKey, passphrase: &str, params: KdfParams) -> Result<Wrapped, KeyFileError> {
    if passphrase.chars().count() < MIN_PASSPHRASE {
        return Err(KeyFileError::ShortPassphrase);
    }
    let params = params.check()?;
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(|e| KeyFileError::Kdf(e.to_string()))?;
    let wrapping = derive(passphrase, params, &salt)?;
    let aad = head(params, &salt);
    let sealed =
        seal_bytes(&wrapping, aad.as_bytes(), key.to_hex().as_bytes()).map_err(|e| KeyFileError::Kdf(e.to_string()))?;
    Ok(Wrapped { params, salt, sealed })
}

impl Wrapped {
    /// The key, with the passphrase it was wrapped under.
    pub fn open(&self, passphrase: &str) -> Result<SealKey, KeyFileError> {
        let wrapping = derive(passphrase, self.params, &self.salt)?;
        let aad = head(self.params, &self.salt);
        let plain = open_bytes(&wrapping, aad.as_bytes(), &self.sealed).map_err(|_| KeyFileError::WrongPassphrase)?;
        std::str::from_utf8(&plain)
            .ok()
            .and_then(|hex| SealKey::from_hex(hex).ok())
            .ok_or_else(|| KeyFileError::Format("the sealed key is not a key".into()))
    }

    /// The file's text.
    pub fn to_text(&self) -> String {
        format!("{}sealed {}\n", head(self.params, &self.salt), hex(&self.sealed))
    }
}

/// The first three lines, each ending in a newline.
fn head(params: KdfParams, salt: &[u8; 16]) -> String {
    format!(
        "{HEADER}\nkdf argon2id m={} t={} p={}\nsalt {}\n",
        params.m,
        params.t,
        params.p,
        hex(salt)
    )
}

fn derive(passphrase: &str, params: KdfParams, salt: &[u8; 16]) -> Result<SealKey, KeyFileError> {
    use argon2::{Algorithm, Argon2, Params, Version};
    let kdf_params =
        Params::new(params.m, params.t, params.p, Some(32)).map_err(|e| KeyFileError::Kdf(e.to_string()))?;
    let mut out = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, kdf_params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut out)
        .map_err(|e| KeyFileError::Kdf(e.to_string()))?;
    Ok(SealKey::from_bytes(out))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cheap parameters: these tests are about the format, not the cost.
    const CHEAP: KdfParams = KdfParams { m: 64, t: 1, p: 1 };

    #[test]
    fn a_plain_key_file_reads_back() {
        let key = SealKey::generate();
        let KeyFile::Plain(read) = parse(&plain_text(&key)).expect("plain") else {
            panic!("not plain")
        };
        assert_eq!(read.to_hex(), key.to_hex());
        assert!(matches!(parse("nonsense"), Err(KeyFileError::Format(_))));
    }

    #[test]
    fn a_wrapped_key_opens_with_its_passphrase_only() {
        let key = SealKey::generate();
        let wrapped = wrap_with(&key, "correct horse battery", CHEAP).expect("wrap");
        let text = wrapped.to_text();
        assert!(
            text.starts_with("vigil wrapped key v1\nkdf argon2id m=64 t=1 p=1\nsalt "),
            "{text}"
        );
        assert!(!text.contains(&key.to_hex()), "the key is not in the clear");
        let KeyFile::Wrapped(read) = parse(&text).expect("parse") else {
            panic!("not wrapped")
        };
        assert_eq!(read, wrapped);
        assert_eq!(read.open("correct horse battery").expect("open").to_hex(), key.to_hex());
        assert_eq!(
            read.open("wrong horse battery").unwrap_err(),
            KeyFileError::WrongPassphrase
        );
        // Parameters are bound to the sealed key: lowering them breaks it.
        let tampered = text.replace("t=1", "t=2");
        let KeyFile::Wrapped(tampered) = parse(&tampered).expect("parse") else {
            panic!("not wrapped")
        };
        assert_eq!(
            tampered.open("correct horse battery").unwrap_err(),
            KeyFileError::WrongPassphrase
        );
        // Two wraps of one key differ (fresh salt and nonce).
        assert_ne!(
            wrap_with(&key, "correct horse battery", CHEAP).expect("wrap").to_text(),
            text
        );
    }

    #[test]
    fn bad_wrapped_files_and_short_passphrases_are_refused() {
        let key = SealKey::generate();
        assert_eq!(wrap(&key, "short").unwrap_err(), KeyFileError::ShortPassphrase);
        for text in [
            "vigil wrapped key v2\n",
            "vigil wrapped key v1\nkdf scrypt\n",
            "vigil wrapped key v1\nkdf argon2id m=64 t=1\nsalt 00\nsealed 00\n",
            "vigil wrapped key v1\nkdf argon2id m=99999999 t=1 p=1\nsalt 00000000000000000000000000000000\nsealed 00\n",
            "vigil wrapped key v1\nkdf argon2id m=64 t=1 p=1\nsalt 0000\nsealed 00\n",
            "vigil wrapped key v1\nkdf argon2id m=64 t=1 p=1\nsalt 00000000000000000000000000000000\nsealed zz\n",
        ] {
            assert!(matches!(parse(text), Err(KeyFileError::Format(_))), "{text}");
        }
    }
}
