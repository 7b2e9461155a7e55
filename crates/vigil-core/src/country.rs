//! Countries, as ISO 3166-1 alpha-2 codes (`KZ`): the one type that records,
//! campaigns and search filters read a country with.
//!
//! [`Country::parse`] reads a code as people type it (`kz`, ` KZ `); after
//! that the value is proof of a well-formed code. Records keep their country
//! as the plain code in JSON; a record's code must already be in capitals
//! ([`check`]), so what is stored is what is shown.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::FieldError;

/// A country code: two capital ASCII letters (ISO 3166-1 alpha-2). In
/// JSON, the plain code: `"KZ"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Country([u8; 2]);

/// Not an ISO 3166-1 alpha-2 code in form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an ISO 3166-1 alpha-2 code, such as KZ")]
pub struct CountryError;

impl Country {
    /// Two letters, either case, spaces around ignored: `kz` is `KZ`.
    pub fn parse(s: &str) -> Result<Self, CountryError> {
        match s.trim().as_bytes() {
            &[a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
                Ok(Self([a.to_ascii_uppercase(), b.to_ascii_uppercase()]))
            }
            _ => Err(CountryError),
        }
    }

    pub fn as_str(&self) -> &str {
        // Two ASCII letters, by construction: always UTF-8.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// Checks a record's country `code`: a code, and in capitals as records
/// store it (`kz` is refused, not silently changed).
pub(crate) fn check(field: &str, code: &str, errors: &mut Vec<FieldError>) {
    if !Country::parse(code).is_ok_and(|c| c.as_str() == code) {
        errors.push(FieldError::new(field, CountryError.to_string()));
    }
}

impl std::fmt::Display for Country {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Country {
    type Err = CountryError;
    fn from_str(s: &str) -> Result<Self, CountryError> {
        Country::parse(s)
    }
}

impl From<CountryError> for FieldError {
    fn from(e: CountryError) -> Self {
        FieldError::new("country", e.to_string())
    }
}

impl Serialize for Country {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Country::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_two_letters_in_any_case() {
        assert_eq!(Country::parse("kz").unwrap().as_str(), "KZ");
        assert_eq!(Country::parse(" Kz ").unwrap().to_string(), "KZ");
        for bad in ["", "K", "KAZ", "K1", "К3", "Қз", "k z", "ZZZ"] {
            assert_eq!(Country::parse(bad), Err(CountryError), "{bad}");
        }
    }

    #[test]
    fn json_is_the_plain_code() {
        let kz = Country::parse("KZ").unwrap();
        assert_eq!(serde_json::to_string(&kz).unwrap(), r#""KZ""#);
        assert_eq!(serde_json::from_str::<Country>(r#""kz""#).unwrap(), kz);
        assert_eq!(serde_json::from_str::<Option<Country>>("null").unwrap(), None);
        let e = serde_json::from_str::<Country>(r#""KAZ""#).unwrap_err();
        assert!(e.to_string().contains("an ISO 3166-1 alpha-2 code, such as KZ"), "{e}");
    }

    #[test]
    fn records_hold_the_code_in_capitals() {
        let mut errors = Vec::new();
        check("country", "KZ", &mut errors);
        assert!(errors.is_empty());
        for bad in ["kz", "KAZ", " KZ", ""] {
            check("recommending_state", bad, &mut errors);
        }
        assert_eq!(errors.len(), 4);
        assert!(errors
            .iter()
            .all(|e| e.field == "recommending_state" && e.message == "an ISO 3166-1 alpha-2 code, such as KZ"));
    }
}
