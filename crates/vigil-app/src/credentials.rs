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
    // getrandom fails only where the OS has no randomness at all; a token
    // of zeros must then never be issued.
    if getrandom::getrandom(&mut bytes).is_err() {
        panic!("the operating system provides no randomness");
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the store keeps of a token or session id.
pub fn digest(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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
