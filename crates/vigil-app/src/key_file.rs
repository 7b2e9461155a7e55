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
    #[error("{0}")]
    Shares(String),
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

const SHARE_HEADER: &str = "vigil key share v1";

/// Splits `key` into `shares` shares, any `threshold` of which rebuild it
/// and fewer tell nothing of it (Shamir's scheme over GF(256)). Each share
/// is one line of text: `vigil key share v1 t=2 check=… <hex>`, where
/// `check` is 4 bytes of a secret derived from the key (so a join can tell
/// it rebuilt the right key, and shares of two splits are not mixed).
pub fn split(key: &SealKey, shares: u8, threshold: u8) -> Result<Vec<String>, KeyFileError> {
    if threshold < 2 || shares < threshold {
        return Err(KeyFileError::Shares(
            "the threshold is at least 2 and at most the number of shares".into(),
        ));
    }
    let secret = unhex(&key.to_hex()).ok_or_else(|| KeyFileError::Shares("the key is not a key".into()))?;
    let check = hex(&key.derive("key share check")[..4]);
    Ok(blahaj::Sharks(threshold)
        .dealer(&secret)
        .take(usize::from(shares))
        .map(|share| format!("{SHARE_HEADER} t={threshold} check={check} {}", hex(&Vec::from(&share))))
        .collect())
}

/// The key back from `threshold` or more shares of one [`split`].
pub fn join<'a>(lines: impl IntoIterator<Item = &'a str>) -> Result<SealKey, KeyFileError> {
    let bad = |why: &str| KeyFileError::Shares(why.to_owned());
    let mut found: Option<(u8, String)> = None;
    let mut shares: Vec<blahaj::Share> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for line in lines.into_iter().map(str::trim).filter(|l| !l.is_empty()) {
        let rest = line
            .strip_prefix(SHARE_HEADER)
            .ok_or_else(|| bad("a line is not a key share (vigil key share v1 …)"))?;
        let mut words = rest.split_whitespace();
        let threshold = words
            .next()
            .and_then(|w| w.strip_prefix("t="))
            .and_then(|t| t.parse::<u8>().ok())
            .ok_or_else(|| bad("a share has no threshold"))?;
        let check = words
            .next()
            .and_then(|w| w.strip_prefix("check="))
            .ok_or_else(|| bad("a share has no check"))?
            .to_owned();
        let body = words.next().ok_or_else(|| bad("a share has no value"))?;
        match &found {
            None => found = Some((threshold, check)),
            Some(first) if *first != (threshold, check) => {
                return Err(bad("these shares are of different splits"));
            }
            Some(_) => {}
        }
        if seen.iter().any(|s| s == body) {
            continue;
        }
        let bytes = unhex(body).ok_or_else(|| bad("a share's value is not hexadecimal"))?;
        shares.push(blahaj::Share::try_from(bytes.as_slice()).map_err(|e| bad(&format!("a share is damaged: {e}")))?);
        seen.push(body.to_owned());
    }
    let Some((threshold, check)) = found else {
        return Err(bad("no share given"));
    };
    if shares.len() < usize::from(threshold) {
        return Err(KeyFileError::Shares(format!(
            "{} share(s) given, {threshold} needed: fewer tell nothing of the key",
            shares.len()
        )));
    }
    let secret = blahaj::Sharks(threshold)
        .recover(&shares)
        .map_err(|e| bad(&format!("the shares do not rebuild a key: {e}")))?;
    let bytes = <[u8; 32]>::try_from(secret.as_slice()).map_err(|_| bad("the shares do not rebuild a key"))?;
    let key = SealKey::from_bytes(bytes);
    if hex(&key.derive("key share check")[..4]) != check {
        return Err(bad(
            "the shares do not rebuild the key they were made of (a damaged share?)",
        ));
    }
    Ok(key)
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
    fn any_two_of_three_shares_rebuild_the_key_and_one_does_not() {
        let key = SealKey::generate();
        let shares = split(&key, 3, 2).expect("split");
        assert_eq!(shares.len(), 3);
        assert!(shares.iter().all(|s| s.starts_with("vigil key share v1 t=2 check=")));
        assert!(shares.iter().all(|s| !s.contains(&key.to_hex())));
        for (a, b) in [(0, 1), (0, 2), (1, 2), (2, 0)] {
            let joined = join([shares[a].as_str(), shares[b].as_str()]).expect("two shares");
            assert_eq!(joined.to_hex(), key.to_hex());
        }
        assert_eq!(
            join(shares.iter().map(String::as_str)).expect("all three").to_hex(),
            key.to_hex()
        );
        for one in &shares {
            let err = join([one.as_str()]).unwrap_err();
            assert!(err.to_string().contains("2 needed"), "{err}");
            // The same share twice is still one share.
            assert!(join([one.as_str(), one.as_str()]).is_err());
        }
        // Shares of another split of another key do not mix.
        let other = split(&SealKey::generate(), 3, 2).expect("split");
        assert!(join([shares[0].as_str(), other[1].as_str()]).is_err());
        // A damaged share is caught by the check.
        let mut damaged = shares[1].clone();
        let last = damaged.pop().expect("a digit");
        damaged.push(if last == '0' { '1' } else { '0' });
        assert!(join([shares[0].as_str(), damaged.as_str()]).is_err());
        assert!(split(&key, 3, 1).is_err() && split(&key, 2, 3).is_err());
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
