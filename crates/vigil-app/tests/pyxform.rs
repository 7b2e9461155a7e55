//! Vigil's XForms read by pyxform, ODK's own form library: it must take
//! them into its survey model with every question, of the right type, with
//! every event type as a choice, and write an XForm back from that model
//! with the same fields (see `pyxform_check.py` for what pyxform does).
//! ODK Validate (Java, downloaded) is not run.
//!
//! It needs Python with pyxform: `.ci/run` installs it (pinned) and runs
//! this test with `VIGIL_TEST_PYTHON` naming that Python:
//!
//!     python3 -m venv /tmp/v && /tmp/v/bin/pip install pyxform==4.5.0
//!     VIGIL_TEST_PYTHON=/tmp/v/bin/python cargo test -p vigil-app --test pyxform -- --ignored

use std::path::Path;

use vigil_app::field::xform;
use vigil_core::EventType;

fn read_by_pyxform(form: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("form.xml");
    std::fs::write(&path, form).expect("form written");
    let python = std::env::var("VIGIL_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pyxform_check.py");
    let out = std::process::Command::new(&python)
        .arg(&script)
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{python} cannot be run: {e}"));
    assert!(
        out.status.success(),
        "pyxform refused the form: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("pyxform's reading, as JSON")
}

fn check(read: &serde_json::Value, form_id: &str) {
    assert_eq!(read["id_string"], form_id, "{read}");
    // All but the document upload (application/*), which pyxform's reader
    // cannot take even from the forms pyxform writes (see the script).
    assert_eq!(read["not_read"], serde_json::json!(["document"]), "{read}");
    assert_eq!(read["written_id"], form_id, "{read}");
    let questions = read["questions"].as_array().expect("questions");
    let of = |name: &str| {
        questions
            .iter()
            .find(|q| q["name"] == name)
            .unwrap_or_else(|| panic!("pyxform has no question {name}: {read}"))
    };
    for (name, kind) in [
        ("event_type", "select one"),
        ("event_date", "date"),
        ("date_precision", "select one"),
        ("place", "text"),
        ("location", "geopoint"),
        ("persons", "text"),
        ("account", "text"),
        ("consent", "select one"),
        ("photo", "image"),
        ("audio", "audio"),
        ("video", "video"),
    ] {
        assert_eq!(of(name)["type"], kind, "{name}: {read}");
    }
    let choices: Vec<&str> = of("event_type")["choices"]
        .as_array()
        .expect("choices")
        .iter()
        .filter_map(|c| c.as_str())
        .collect();
    let ours: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
    assert_eq!(choices, ours, "{read}");
    let written: Vec<&str> = read["written_fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f.as_str())
        .collect();
    for name in ["event_type", "event_date", "account", "photo", "meta"] {
        assert!(written.contains(&name), "pyxform's XForm has {name}: {read}");
    }
}

#[test]
#[ignore = "needs Python with pyxform (.ci/run installs it)"]
fn pyxform_reads_the_incident_report_and_writes_it_back() {
    check(&read_by_pyxform(&xform::incident_report()), xform::FORM_ID);
}

#[test]
#[ignore = "needs Python with pyxform (.ci/run installs it)"]
fn pyxform_reads_the_encrypted_form_with_its_key() {
    let key = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA";
    let read = read_by_pyxform(&xform::incident_report_encrypted(key));
    check(&read, xform::ENCRYPTED_FORM_ID);
    assert_eq!(read["public_key"], key, "{read}");
}
