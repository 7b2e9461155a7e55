//! Secrets: passwords (argon2id), API tokens and session ids (random, stored
//! only as SHA-256), and constant-time comparison.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
#[error("cannot hash the password")]
pub struct HashError;

/// The shortest password an account may have.
pub const MIN_PASSWORD: usize = 12;

/// Whether `password` is long enough for an account; the refusal says why.
pub fn check_password(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD {
        Err(format!("a password is at least {MIN_PASSWORD} characters"))
    } else {
        Ok(())
    }
}

/// An argon2id hash of `password` in PHC form, with a fresh salt.
pub fn hash_password(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| HashError)
}

/// Does `password` match `hash`? A malformed hash matches nothing.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so that a
/// login for an unknown name takes as long as one for a known name.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password never used").unwrap_or_default())
}

/// A fresh 256-bit secret, as 64 hex digits: an API token, a session id, a
/// CSRF token.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // Seeded from the operating system; where it has no randomness at
    // all the generator panics rather than issue a predictable token.
    vigil_store::random::fill(&mut bytes);
    vigil_store::hex(&bytes)
}

/// What the store keeps of a token or session id.
pub fn digest(secret: &str) -> String {
    vigil_store::hex(&Sha256::digest(secret.as_bytes()))
}

/// The realm of HTTP Digest authentication (RFC 7616) for device
/// accounts: part of what a digest secret is made from, so it never
/// changes.
pub const DIGEST_REALM: &str = "Vigil";

/// What HTTP Digest checks a device account's password against: HA1,
/// `H(name ":" realm ":" password)`, under MD5 and SHA-256 (the password
/// as UTF-8, as the challenge's `charset=UTF-8` asks).
pub fn digest_secret(name: &vigil_core::UserName, password: &str) -> vigil_store::DigestSecret {
    use md5::Digest as _;
    let a1 = format!("{name}:{DIGEST_REALM}:{password}");
    vigil_store::DigestSecret {
        md5: md5::Md5::digest(a1.as_bytes()).into(),
        sha256: Sha256::digest(a1.as_bytes()).into(),
    }
}

/// Compares two secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("wrong horse", &h));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_compared_whole() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &b));
        assert!(!same_secret(&a, &a[..63]));
        assert_eq!(digest("x").len(), 64);
    }
}
