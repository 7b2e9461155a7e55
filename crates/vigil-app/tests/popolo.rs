//! The Popolo export validated against the Popolo JSON Schemas (draft-03),
//! copied unchanged into `tests/popolo/` (CC BY 4.0, see its README) so
//! that the test needs no network and nothing outside the repository.
//!
//! No Rust crate validates draft-03 (the `jsonschema` crate starts at
//! draft 4), so [`Draft3`] below checks the part of draft-03 these schemas
//! use: `type` (a name or a list of names, `any`), `properties`, `items`,
//! `$ref` by the schemas' ids, `required` (draft-03's boolean on a
//! property), `pattern`, and `format` for `uri`, `email`, `date-time`. It
//! refuses to run on a schema with any other keyword, so it cannot pass a
//! document by not knowing a rule.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::{json, Value};
use vigil_app::open_data::popolo::PopoloExport;
use vigil_core::{CaseFile, Record};
use vigil_store::{Change, SealKey, Store};
use vigil_store_sqlite::SqliteStore;

/// Keywords that carry no rule.
const ANNOTATIONS: &[&str] = &["$schema", "id", "title", "description"];
const RULES: &[&str] = &["type", "properties", "items", "$ref", "required", "pattern", "format"];

struct Draft3 {
    schemas: HashMap<String, Value>,
}

impl Draft3 {
    /// Every schema of the folder, by its `id`.
    fn load() -> Self {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/popolo");
        let mut schemas = HashMap::new();
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                assert_eq!(schema["$schema"], "http://json-schema.org/draft-03/schema#");
                schemas.insert(schema["id"].as_str().unwrap().to_owned(), schema);
            }
        }
        assert!(schemas.len() >= 5, "the Popolo schemas are not in {}", dir.display());
        Self { schemas }
    }

    fn schema(&self, name: &str) -> &Value {
        &self.schemas[&format!("http://www.popoloproject.com/schemas/{name}.json#")]
    }

    /// The faults of `value` against `schema`, each with its path.
    fn check(&self, schema: &Value, value: &Value, path: &str, faults: &mut Vec<String>) {
        let rules = schema.as_object().expect("a schema is an object");
        for key in rules.keys() {
            assert!(
                ANNOTATIONS.contains(&key.as_str()) || RULES.contains(&key.as_str()),
                "the schema uses '{key}', which this checker does not know: extend it"
            );
        }
        if let Some(target) = rules.get("$ref") {
            let target = target.as_str().unwrap();
            let Some(referenced) = self.schemas.get(target) else {
                // A schema the folder does not hold (motions, votes…):
                // only arrays Vigil never writes refer to those.
                faults.push(format!("{path}: refers to {target}, which is not available"));
                return;
            };
            self.check(referenced, value, path, faults);
        }
        if let Some(types) = rules.get("type") {
            let names: Vec<&str> = match types {
                Value::String(s) => vec![s.as_str()],
                Value::Array(a) => a.iter().map(|t| t.as_str().expect("a type name")).collect(),
                other => panic!("type {other}"),
            };
            let fits = |t: &str| match t {
                "any" => true,
                "null" => value.is_null(),
                "string" => value.is_string(),
                "array" => value.is_array(),
                "object" => value.is_object(),
                "boolean" => value.is_boolean(),
                "number" => value.is_number(),
                "integer" => value.is_i64() || value.is_u64(),
                other => panic!("unknown type {other}"),
            };
            if !names.iter().any(|t| fits(t)) {
                faults.push(format!("{path}: {value} is not of type {types}"));
                return;
            }
        }
        if let (Some(pattern), Some(s)) = (rules.get("pattern"), value.as_str()) {
            let re = regex::Regex::new(pattern.as_str().unwrap()).unwrap();
            if !re.is_match(s) {
                faults.push(format!("{path}: '{s}' does not match {pattern}"));
            }
        }
        if let (Some(format), Some(s)) = (rules.get("format"), value.as_str()) {
            let ok = match format.as_str().unwrap() {
                "uri" => regex::Regex::new(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$").unwrap().is_match(s),
                "email" => regex::Regex::new(r"^[^@\s]+@[^@\s]+$").unwrap().is_match(s),
                "date-time" => time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok(),
                other => panic!("unknown format {other}"),
            };
            if !ok {
                faults.push(format!("{path}: '{s}' is not a {format}"));
            }
        }
        if let (Some(properties), Some(object)) = (rules.get("properties"), value.as_object()) {
            let properties = properties.as_object().unwrap();
            for (name, rule) in properties {
                match object.get(name) {
                    Some(v) => self.check(rule, v, &format!("{path}.{name}"), faults),
                    None if rule["required"] == true => faults.push(format!("{path}: '{name}' is required")),
                    None => {}
                }
            }
        }
        if let (Some(items), Some(array)) = (rules.get("items"), value.as_array()) {
            for (i, item) in array.iter().enumerate() {
                self.check(items, item, &format!("{path}[{i}]"), faults);
            }
        }
    }

    fn faults(&self, name: &str, value: &Value) -> Vec<String> {
        let mut faults = Vec::new();
        self.check(self.schema(name), value, name, &mut faults);
        faults
    }
}

#[test]
fn the_checker_finds_faults() {
    let v = Draft3::load();
    assert!(v.faults("person", &json!({"id": "a", "name": "A"})).is_empty());
    assert!(!v.faults("person", &json!({"id": 7})).is_empty());
    assert!(!v.faults("person", &json!({"other_names": [{"name": 3}]})).is_empty());
    assert!(!v.faults("person", &json!({"sources": [{"note": "no url"}]})).is_empty());
    assert!(!v
        .faults("person", &json!({"sources": [{"url": "not a uri"}]}))
        .is_empty());
    assert!(!v.faults("membership", &json!({"start_date": "3 May 2019"})).is_empty());
    assert!(v.faults("membership", &json!({"start_date": "2019-05"})).is_empty());
}

fn record(json: Value) -> Record {
    serde_json::from_value(json).unwrap()
}

#[tokio::test]
async fn the_popolo_document_is_valid_and_holds_nothing_confidential() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("vigil.db"), SealKey::generate())
        .await
        .unwrap();
    let mut cf: CaseFile = vigil_demo::case_file().unwrap();
    for r in [
        json!({"kind":"source","record":{"id":"src-open","title":"Arrest report","text":"The union leader Ana Lopez was arrested on 3 May."}}),
        json!({"kind":"organisation","record":{"id":"secret-cell","name":"Cell of the Night","kind":"union","status":"active","confidential":true}}),
        json!({"kind":"organisation","record":{"id":"open-branch","name":"Open Branch","aliases":["OB"],"kind":"union","status":"active"}}),
        json!({"kind":"person","record":{"id":"hidden-witness","name":"Hidden Witness Zed","confidential":true}}),
        json!({"kind":"person","record":{"id":"ana-lopez","name":"Ana Lopez","aliases":["Ana López"],"sex":"female",
            "affiliations":[{"organisation_id":"secret-cell","role":"member"},
                            {"organisation_id":"open-branch","role":"chair","period":"2015-03/2019-05-03"}],
            "address":"Secret Street 1","confidential_fields":["address"],
            "excerpts":[{"source_id":"src-open","start":17,"end":26,"text":"Ana Lopez"}]}}),
    ] {
        cf.push(record(r));
    }
    store.import(&cf, &Change::new("test", None)).await.unwrap();

    let mut export = PopoloExport::new(store.clone());
    let mut bytes = Vec::new();
    while let Some(chunk) = export.next_chunk().await.unwrap() {
        bytes.extend_from_slice(&chunk);
    }
    let text = String::from_utf8(bytes).unwrap();
    for secret in [
        "Hidden Witness Zed",
        "Secret Street 1",
        "secret-cell",
        "Cell of the Night",
    ] {
        assert!(!text.contains(secret), "'{secret}' in the Popolo document");
    }
    let doc: Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["memberships", "organizations", "persons"]);

    let v = Draft3::load();
    let mut faults = Vec::new();
    for (list, schema) in [
        ("persons", "person"),
        ("organizations", "organization"),
        ("memberships", "membership"),
    ] {
        let items = doc[list].as_array().unwrap();
        assert!(!items.is_empty(), "{list}");
        for item in items {
            faults.extend(v.faults(schema, item));
        }
    }
    assert!(faults.is_empty(), "{faults:#?}");

    // The mapping.
    let persons = doc["persons"].as_array().unwrap();
    let ana = persons.iter().find(|p| p["id"] == "ana-lopez").unwrap();
    assert_eq!(ana["other_names"], json!([{"name": "Ana López"}]));
    assert_eq!(ana["sources"][0]["url"], "urn:vigil:source:src-open");
    assert!(ana["sources"][0]["note"].as_str().unwrap().contains("Ana Lopez"));
    let ob = doc["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "open-branch")
        .unwrap();
    assert_eq!(ob["classification"], "union");
    let memberships: Vec<&Value> = doc["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["person_id"] == "ana-lopez")
        .collect();
    assert_eq!(memberships.len(), 1, "{memberships:?}");
    assert_eq!(memberships[0]["organization_id"], "open-branch");
    assert_eq!(memberships[0]["start_date"], "2015-03");
    assert_eq!(memberships[0]["end_date"], "2019-05-03");
    assert_eq!(memberships[0]["role"], "chair");
    // As many persons as the public reads.
    let counts = store.counts(vigil_store::Visibility::Public).await.unwrap();
    assert_eq!(persons.len() as u64, counts.persons);
}
