//! Record identifiers.

use serde::{Deserialize, Serialize};

/// A record's identifier: lowercase ASCII letters, digits and hyphens, 1–80
/// characters, unique across every kind of record. Readable slugs
/// (`erlan-baltabay`) and generated UUIDs both fit, and either is safe in a
/// URL path, an HTML attribute and a file name without escaping.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RecordId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("an id cannot be empty")]
    Empty,
    #[error("an id is at most 80 characters")]
    TooLong,
    #[error("an id may contain only lowercase letters a-z, digits and '-'")]
    BadCharacter,
}

impl RecordId {
    pub const MAX_LEN: usize = 80;

    pub fn parse(s: &str) -> Result<Self, IdError> {
        if s.is_empty() {
            return Err(IdError::Empty);
        }
        if s.len() > Self::MAX_LEN {
            return Err(IdError::TooLong);
        }
        if !s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(IdError::BadCharacter);
        }
        Ok(Self(s.to_owned()))
    }
}

text_newtype!(RecordId, IdError);

impl std::str::FromStr for RecordId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_slugs_and_rejects_the_rest() {
        assert!(RecordId::parse("erlan-baltabay").is_ok());
        assert!(RecordId::parse("0190f3c4-7a1b-7c2d-9e8f-0a1b2c3d4e5f").is_ok());
        assert_eq!(RecordId::parse(""), Err(IdError::Empty));
        assert_eq!(RecordId::parse("Erlan"), Err(IdError::BadCharacter));
        assert_eq!(RecordId::parse("a/b"), Err(IdError::BadCharacter));
        assert_eq!(RecordId::parse("<script>"), Err(IdError::BadCharacter));
        assert_eq!(RecordId::parse(&"a".repeat(81)), Err(IdError::TooLong));
    }
}
