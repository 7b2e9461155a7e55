//! Strict JSON: a body whose object repeats a key is refused, naming where,
//! rather than read with the last value winning (a reviewer and the server
//! would not see the same record).

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::AppError;

/// Refuses `body` if any of its objects repeats a key; the error names the
/// path of the repeated key. A body that is not JSON at all passes: its
/// reader says what is wrong with it.
pub fn unique_keys(body: &[u8]) -> Result<(), AppError> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, Keys>(de) {
        Ok(_) => Ok(()),
        Err(e) if e.inner().is_data() => {
            let path = e.path().to_string();
            Err(AppError::malformed(
                if path == "." { "body" } else { &path },
                e.into_inner().to_string(),
            ))
        }
        Err(_) => Ok(()),
    }
}

/// Writes every number of `value` that is whole but written as a fraction
/// (`3.0`) as the integer it is: JSON Schema counts it an integer, and so
/// does every reader of this API, whatever the field's type in Rust.
pub fn whole_numbers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            if let Some(f) = n.as_f64() {
                if f.fract() == 0.0 {
                    if (0.0..=u64::MAX as f64).contains(&f) {
                        *value = Value::from(f as u64);
                    } else if (i64::MIN as f64..0.0).contains(&f) {
                        *value = Value::from(f as i64);
                    }
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        Value::Object(map) => map.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

/// Any JSON value, read only to see its keys.
struct Keys;

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KeysVisitor)
    }
}

struct KeysVisitor;

impl<'de> Visitor<'de> for KeysVisitor {
    type Value = Keys;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Keys, E> {
        Ok(Keys)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Keys, E> {
        Ok(Keys)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Keys, E> {
        Ok(Keys)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Keys, E> {
        Ok(Keys)
    }
    fn visit_str<E>(self, _: &str) -> Result<Keys, E> {
        Ok(Keys)
    }
    fn visit_unit<E>(self) -> Result<Keys, E> {
        Ok(Keys)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Keys, A::Error> {
        while seq.next_element::<Keys>()?.is_some() {}
        Ok(Keys)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!(
                    "the key \"{key}\" appears twice in one object"
                )));
            }
            map.next_value::<Keys>()?;
        }
        Ok(Keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(body: &str) -> (String, String) {
        match unique_keys(body.as_bytes()) {
            Err(AppError::Malformed { field, message }) => (field, message),
            other => panic!("{body}: {other:?}"),
        }
    }

    #[test]
    fn a_repeated_key_is_refused_where_it_is() {
        let (field, message) = refused(r#"{"name": "A", "name": "B"}"#);
        assert_eq!(field, "body");
        assert!(message.contains("\"name\" appears twice"), "{message}");
        let (field, _) = refused(r#"{"excerpts": [{"start": 1}, {"start": 1, "start": 2}]}"#);
        assert_eq!(field, "excerpts[1]");
    }

    #[test]
    fn the_same_key_in_different_objects_and_broken_json_pass() {
        assert!(unique_keys(br#"{"a": {"id": 1}, "b": {"id": 2}, "id": 3}"#).is_ok());
        assert!(unique_keys(b"[1, 2, {}]").is_ok());
        assert!(unique_keys(b"{not json").is_ok(), "its reader says what is wrong");
    }
}
