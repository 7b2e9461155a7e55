//! HTTP Digest authentication (RFC 7616, and RFC 2617's MD5) for device
//! accounts, beside Basic: ODK Collect answers a Digest challenge when the
//! server offers one.
//!
//! - The server offers `qop="auth"` only, with `algorithm=SHA-256` first
//!   and `MD5` second (RFC 7616 §3.7: the server's preference first), and
//!   `charset=UTF-8`.
//! - What is checked is the account's [`DigestSecret`] (its HA1, kept
//!   sealed by the store, made when a device account's password is set):
//!   accounts whose password was set before have none, and sign in with
//!   Basic until it is set again.
//! - Nonces are made here ([`Nonces`]): random, kept in this process's
//!   memory for [`NONCE_LIFETIME`], each with the highest nonce-count
//!   accepted. A request whose response is right but whose nonce is
//!   unknown, expired, or whose `nc` is not above the last one accepted
//!   (a replay) is refused with `stale=true`, so that an honest client
//!   retries with a fresh nonce; a wrong response is refused without it.
//!   A nonce is known to the server that made it only: behind a load
//!   balancer, Digest needs sticky sessions (Basic does not).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, HeaderValue, Method};
use vigil_store::DigestSecret;

/// How long a nonce is taken after it was issued.
pub const NONCE_LIFETIME: Duration = Duration::from_secs(300);

/// The most nonces kept at once (each a few dozen bytes): past it, the
/// expired ones go, then the oldest.
const NONCES_KEPT: usize = 50_000;

pub use vigil_app::credentials::DIGEST_REALM as REALM;

/// The hash of a Digest exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Md5,
    Sha256,
}

impl Algorithm {
    fn parse(s: Option<&str>) -> Option<Self> {
        match s.map(str::trim) {
            None => Some(Algorithm::Md5),
            Some(a) if a.eq_ignore_ascii_case("MD5") => Some(Algorithm::Md5),
            Some(a) if a.eq_ignore_ascii_case("SHA-256") => Some(Algorithm::Sha256),
            _ => None,
        }
    }

    fn hex(self, data: &[u8]) -> String {
        use sha2::Digest as _;
        match self {
            Algorithm::Md5 => hex(&md5::Md5::digest(data)),
            Algorithm::Sha256 => hex(&sha2::Sha256::digest(data)),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An `Authorization: Digest …` header, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub realm: String,
    pub nonce: String,
    pub uri: String,
    pub response: String,
    pub algorithm: Algorithm,
    pub cnonce: String,
    /// The nonce-count, as sent (8 hex digits) and as a number.
    pub nc_text: String,
    pub nc: u32,
}

/// Splits `a=b, c="d, e"` into pairs (quoted values unescaped).
fn params(text: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (key, after) = rest.split_once('=')?;
        let key = key.trim().to_ascii_lowercase();
        let after = after.trim_start();
        let (value, tail) = if let Some(quoted) = after.strip_prefix('"') {
            let mut value = String::new();
            let mut chars = quoted.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => value.push(chars.next()?.1),
                    '"' => {
                        end = Some(i + 1);
                        break;
                    }
                    c => value.push(c),
                }
            }
            (value, &quoted[end?..])
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after[..end].trim().to_owned(), &after[end..])
        };
        out.push((key, value));
        rest = tail.trim_start().strip_prefix(',').unwrap_or(tail).trim_start();
        if out.len() > 32 {
            return None;
        }
    }
    Some(out)
}

/// The Digest credentials of `headers`, if they carry some that can be
/// read (`qop=auth`, a nonce-count, a cnonce, an algorithm offered).
/// `Some(Err(()))`: Digest credentials that cannot be.
pub fn credentials(headers: &HeaderMap) -> Option<Result<Credentials, ()>> {
    let value = headers.get(axum::http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, rest) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("digest") {
        return None;
    }
    Some(read(rest).ok_or(()))
}

fn read(rest: &str) -> Option<Credentials> {
    let params = params(rest)?;
    let get = |k: &str| params.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    if get("qop") != Some("auth") || get("userhash").is_some_and(|u| u.eq_ignore_ascii_case("true")) {
        return None;
    }
    let nc_text = get("nc")?.to_owned();
    if nc_text.len() != 8 {
        return None;
    }
    let nc = u32::from_str_radix(&nc_text, 16).ok()?;
    Some(Credentials {
        username: get("username")?.to_owned(),
        realm: get("realm")?.to_owned(),
        nonce: get("nonce")?.to_owned(),
        uri: get("uri")?.to_owned(),
        response: get("response")?.to_ascii_lowercase(),
        algorithm: Algorithm::parse(get("algorithm"))?,
        cnonce: get("cnonce").filter(|c| !c.is_empty())?.to_owned(),
        nc_text,
        nc,
    })
}

impl Credentials {
    /// Whether `response` is what the password behind `secret` gives for
    /// this request (`method` and the `uri` the client names; the caller
    /// checks that it is the request's).
    pub fn answers(&self, secret: &DigestSecret, method: &Method) -> bool {
        let ha1 = match self.algorithm {
            Algorithm::Md5 => hex(&secret.md5),
            Algorithm::Sha256 => hex(&secret.sha256),
        };
        let ha2 = self
            .algorithm
            .hex(format!("{}:{}", method.as_str(), self.uri).as_bytes());
        let expected = self
            .algorithm
            .hex(format!("{ha1}:{}:{}:{}:auth:{ha2}", self.nonce, self.nc_text, self.cnonce).as_bytes());
        vigil_app::credentials::same_secret(&expected, &self.response)
    }
}

/// The nonces this server issued, with the highest nonce-count accepted
/// under each.
#[derive(Debug)]
pub struct Nonces {
    lifetime: Duration,
    issued: Mutex<HashMap<String, (Instant, u32)>>,
}

impl Default for Nonces {
    fn default() -> Self {
        Self::new(NONCE_LIFETIME)
    }
}

/// What a nonce comes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nonce {
    /// Issued here, alive, and this nonce-count is above the last one.
    Fresh,
    /// Not issued here, expired, or this nonce-count was used (a replay).
    Stale,
}

impl Nonces {
    pub fn new(lifetime: Duration) -> Self {
        Self {
            lifetime,
            issued: Mutex::default(),
        }
    }

    /// A new nonce: 128 random bits, hex.
    pub fn issue(&self) -> String {
        let nonce = vigil_app::credentials::random_token()[..32].to_owned();
        let now = Instant::now();
        let mut issued = self.issued.lock().unwrap_or_else(|e| e.into_inner());
        if issued.len() >= NONCES_KEPT {
            issued.retain(|_, (at, _)| now.duration_since(*at) < self.lifetime);
            while issued.len() >= NONCES_KEPT {
                let Some(oldest) = issued.iter().min_by_key(|(_, (at, _))| *at).map(|(n, _)| n.clone()) else {
                    break;
                };
                issued.remove(&oldest);
            }
        }
        issued.insert(nonce.clone(), (now, 0));
        nonce
    }

    /// Takes `nonce` with the nonce-count `nc` once: fresh when it was
    /// issued here less than its lifetime ago and `nc` is above every
    /// count taken under it before (which it then becomes).
    pub fn take(&self, nonce: &str, nc: u32) -> Nonce {
        let mut issued = self.issued.lock().unwrap_or_else(|e| e.into_inner());
        let Some((at, last)) = issued.get_mut(nonce) else {
            return Nonce::Stale;
        };
        if at.elapsed() >= self.lifetime {
            issued.remove(nonce);
            return Nonce::Stale;
        }
        if nc <= *last {
            return Nonce::Stale;
        }
        *last = nc;
        Nonce::Fresh
    }
}

/// The `WWW-Authenticate` values of a 401: Digest with SHA-256, Digest
/// with MD5 (both under one fresh nonce), then Basic. `stale`: the
/// credentials were right but the nonce was not.
pub fn challenges(nonces: &Nonces, stale: bool) -> Vec<HeaderValue> {
    let nonce = nonces.issue();
    let stale = if stale { ", stale=true" } else { "" };
    let digest = |algorithm: &str| {
        format!(
            "Digest realm=\"{REALM}\", qop=\"auth\", algorithm={algorithm}, nonce=\"{nonce}\", charset=UTF-8{stale}"
        )
    };
    [
        digest("SHA-256"),
        digest("MD5"),
        format!("Basic realm=\"{REALM}\", charset=\"UTF-8\""),
    ]
    .into_iter()
    .filter_map(|v| HeaderValue::from_str(&v).ok())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7616 §3.9.1's example: user Mufasa, password "Circle of
    /// Life", realm http-auth@example.org, GET /dir/index.html.
    #[test]
    fn the_rfc_examples_are_answered() {
        use sha2::Digest as _;
        let a1 = b"Mufasa:http-auth@example.org:Circle of Life";
        let secret = DigestSecret {
            md5: md5::Md5::digest(a1).into(),
            sha256: sha2::Sha256::digest(a1).into(),
        };
        let header = |algorithm: &str, response: &str| {
            let mut h = HeaderMap::new();
            let value = format!(
                "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", \
                 algorithm={algorithm}, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001, \
                 cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth, \
                 response=\"{response}\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""
            );
            h.insert(
                axum::http::header::AUTHORIZATION,
                HeaderValue::from_str(&value).expect("header"),
            );
            credentials(&h).expect("digest").expect("read")
        };
        let md5 = header("MD5", "8ca523f5e9506fed4657c9700eebdbec");
        assert!(md5.answers(&secret, &Method::GET));
        let sha = header(
            "SHA-256",
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
        );
        assert_eq!(sha.algorithm, Algorithm::Sha256);
        assert!(sha.answers(&secret, &Method::GET));
        assert!(!sha.answers(&secret, &Method::POST));
        let wrong = DigestSecret {
            md5: [0; 16],
            sha256: [0; 32],
        };
        assert!(!md5.answers(&wrong, &Method::GET));
    }

    #[test]
    fn unreadable_digest_credentials_are_told_apart_from_none() {
        let mut h = HeaderMap::new();
        assert_eq!(credentials(&h), None);
        h.insert(axum::http::header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(credentials(&h), None);
        for bad in [
            "Digest username=\"a\"",
            // No qop: RFC 2069 is not taken.
            "Digest username=\"a\", realm=\"Vigil\", nonce=\"n\", uri=\"/\", response=\"r\"",
            "Digest username=\"a\", realm=\"Vigil\", nonce=\"n\", uri=\"/\", response=\"r\", qop=auth, nc=1, cnonce=\"c\"",
            "Digest username=\"a\", realm=\"Vigil\", nonce=\"n\", uri=\"/\", response=\"r\", qop=auth, nc=00000001, cnonce=\"c\", algorithm=SHA-512-256",
            "Digest username=\"a, realm=\"Vigil",
        ] {
            h.insert(axum::http::header::AUTHORIZATION, HeaderValue::from_str(bad).expect("header"));
            assert_eq!(credentials(&h), Some(Err(())), "{bad}");
        }
    }

    #[test]
    fn a_nonce_is_taken_once_a_count_and_expires() {
        let nonces = Nonces::new(Duration::from_millis(200));
        let n = nonces.issue();
        assert_eq!(n.len(), 32);
        assert_eq!(nonces.take(&n, 1), Nonce::Fresh);
        assert_eq!(nonces.take(&n, 1), Nonce::Stale, "a replay");
        assert_eq!(nonces.take(&n, 3), Nonce::Fresh);
        assert_eq!(nonces.take(&n, 2), Nonce::Stale, "a count gone by");
        assert_eq!(nonces.take("not issued here", 1), Nonce::Stale);
        std::thread::sleep(Duration::from_millis(250));
        assert_eq!(nonces.take(&n, 4), Nonce::Stale, "expired");
        let values = challenges(&nonces, true);
        assert_eq!(values.len(), 3);
        let first = values[0].to_str().expect("text");
        assert!(
            first.starts_with("Digest realm=\"Vigil\", qop=\"auth\", algorithm=SHA-256"),
            "{first}"
        );
        assert!(first.ends_with("stale=true"), "{first}");
        assert!(values[1].to_str().expect("text").contains("algorithm=MD5"));
        assert!(values[2].to_str().expect("text").starts_with("Basic "));
    }
}
