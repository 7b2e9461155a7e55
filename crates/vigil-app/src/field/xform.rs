//! Vigil's own "incident report" XForm, written from Vigil's vocabulary
//! (the event types of [`vigil_core::EventType`]), with its labels in
//! English, Russian and Kazakh.
//!
//! Its fields: the event's type, its date and that date's precision, the
//! place (a name, and a geopoint), the persons named, the account in the
//! reporter's own words, consent to use, and photo, audio, video and file
//! attachments. [`super::receive`] reads the answers by these names.

use std::fmt::Write as _;

use vigil_core::EventType;

use crate::i18n::Lang;

/// The form's id, as the submission's root element names it.
pub const FORM_ID: &str = "vigil_incident_report";

/// The form's version: raised whenever [`incident_report`] changes.
pub const VERSION: &str = "2026120302";

/// The form's title, as the form list shows it.
pub const TITLE: &str = "Vigil: incident report";

/// The same form, encrypted on the phone ([`incident_report_encrypted`]):
/// a form of its own, so that a phone holding the clear one keeps working
/// and each team chooses (an encrypted report cannot be reopened on the
/// phone once finalised, and is unreadable there if the phone is taken).
pub const ENCRYPTED_FORM_ID: &str = "vigil_incident_report_encrypted";

/// The encrypted form's title.
pub const ENCRYPTED_TITLE: &str = "Vigil: incident report (encrypted on the phone)";

/// Whether `form_id` is Vigil's incident report, clear or encrypted (whose
/// answers are read by name).
pub fn is_incident_report(form_id: &str) -> bool {
    form_id == FORM_ID || form_id == ENCRYPTED_FORM_ID
}

/// A label of the form, said in each language of the interface.
#[derive(Clone, Copy, Debug)]
pub enum Words {
    /// A message of the catalogues (`report-question-…`).
    Key(&'static str),
    /// An event type, by its vocabulary label.
    EventType(EventType),
}

/// `words` in `lang`.
pub fn word(words: &Words, lang: Lang) -> String {
    match words {
        Words::Key(key) => lang.tr(key),
        Words::EventType(t) => lang.term(t),
    }
}

/// A question: its name, its control, its label and hint, and how it binds.
/// The public report page asks the same questions (see `vigil_web`'s
/// `pages::report`), so a report reads alike whichever way it came.
pub struct Question {
    pub name: &'static str,
    pub label: Words,
    pub hint: Option<Words>,
    /// `type` of the bind (`string`, `date`, `geopoint`, `binary`, …).
    pub bind: &'static str,
    pub required: bool,
    pub control: Control,
}

pub enum Control {
    Input { appearance: Option<&'static str> },
    SelectOne(Vec<(String, Words)>),
    Upload { mediatype: &'static str },
}

/// A question answered with a file of `mediatype` (`image/*`), never
/// required.
fn upload(name: &'static str, label: Words, mediatype: &'static str) -> Question {
    Question {
        name,
        label,
        hint: None,
        bind: "binary",
        required: false,
        control: Control::Upload { mediatype },
    }
}

/// The form's questions, in the order asked.
pub fn questions() -> Vec<Question> {
    let event_types = EventType::ALL
        .iter()
        .map(|t| (t.as_str().to_owned(), Words::EventType(*t)))
        .collect();
    vec![
        Question {
            name: "event_type",
            label: Words::Key("report-question-event-type"),
            hint: None,
            bind: "string",
            required: true,
            control: Control::SelectOne(event_types),
        },
        Question {
            name: "event_date",
            label: Words::Key("report-question-event-date"),
            hint: Some(Words::Key("report-hint-event-date")),
            bind: "date",
            required: true,
            control: Control::Input { appearance: None },
        },
        Question {
            name: "date_precision",
            label: Words::Key("report-question-date-precision"),
            hint: None,
            bind: "string",
            required: true,
            control: Control::SelectOne(vec![
                ("day".into(), Words::Key("report-choice-day")),
                ("month".into(), Words::Key("report-choice-month")),
                ("year".into(), Words::Key("report-choice-year")),
            ]),
        },
        Question {
            name: "place",
            label: Words::Key("report-question-place"),
            hint: None,
            bind: "string",
            required: false,
            control: Control::Input { appearance: None },
        },
        Question {
            name: "location",
            label: Words::Key("report-question-location"),
            hint: Some(Words::Key("report-hint-location")),
            bind: "geopoint",
            required: false,
            control: Control::Input { appearance: None },
        },
        Question {
            name: "persons",
            label: Words::Key("report-question-persons"),
            hint: None,
            bind: "string",
            required: false,
            control: Control::Input {
                appearance: Some("multiline"),
            },
        },
        Question {
            name: "account",
            label: Words::Key("report-question-account"),
            hint: None,
            bind: "string",
            required: true,
            control: Control::Input {
                appearance: Some("multiline"),
            },
        },
        Question {
            name: "consent",
            label: Words::Key("report-question-consent"),
            hint: None,
            bind: "string",
            required: true,
            control: Control::SelectOne(vec![
                ("yes".into(), Words::Key("report-choice-yes")),
                ("anonymous".into(), Words::Key("report-choice-anonymous")),
                ("no".into(), Words::Key("report-choice-no")),
            ]),
        },
        upload("photo", Words::Key("report-question-photo"), "image/*"),
        upload("audio", Words::Key("report-question-audio"), "audio/*"),
        upload("video", Words::Key("report-question-video"), "video/*"),
        upload("document", Words::Key("report-question-document"), "application/*"),
    ]
}

/// `&`, `<`, `>` and `"` escaped for XML text and attributes.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The incident report form, as XForms 1.0 with ODK's extensions.
pub fn incident_report() -> String {
    render(FORM_ID, TITLE, None, VERSION)
}

/// The incident report form encrypted on the phone: the same questions,
/// its own id, and a `<submission>` carrying `public_key` (base64 of the
/// RSA public key's DER), which makes ODK Collect encrypt each report as
/// it is finalised (see [`super::encrypted`]).
pub fn incident_report_encrypted(public_key: &str) -> String {
    incident_report_encrypted_for(public_key, 1)
}

/// The encrypted form under the case file's `generation`-th form key
/// (1 for the first, raised by each `vigil form-key rotate`): its version
/// is [`encrypted_version`], so that phones see a new version of the form
/// and fetch it with the new key.
pub fn incident_report_encrypted_for(public_key: &str, generation: usize) -> String {
    render(
        ENCRYPTED_FORM_ID,
        ENCRYPTED_TITLE,
        Some(public_key),
        &encrypted_version(generation),
    )
}

/// The encrypted form's version under the `generation`-th form key:
/// [`VERSION`] under the first, `VERSION.N` under the N-th (a new form
/// key is a new version of the form: ODK Collect, like ODK Central, knows
/// a form by its id and version).
pub fn encrypted_version(generation: usize) -> String {
    if generation <= 1 {
        VERSION.to_owned()
    } else {
        format!("{VERSION}.{generation}")
    }
}

fn render(form_id: &str, title: &str, public_key: Option<&str>, version: &str) -> String {
    let questions = questions();
    let mut x = String::new();
    x.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<h:html xmlns=\"http://www.w3.org/2002/xforms\" xmlns:h=\"http://www.w3.org/1999/xhtml\" ",
        "xmlns:jr=\"http://openrosa.org/javarosa\" xmlns:orx=\"http://openrosa.org/xforms\" ",
        "xmlns:odk=\"http://www.opendatakit.org/xforms\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n",
        "  <h:head>\n"
    ));
    let _ = writeln!(x, "    <h:title>{}</h:title>", esc(title));
    x.push_str("    <model odk:xforms-version=\"1.0.0\">\n      <itext>\n");
    // ODK names a translation `Name (code)`.
    for (i, lang) in Lang::ALL.into_iter().enumerate() {
        let default = if i == 0 { " default=\"true()\"" } else { "" };
        let name = format!("{} ({})", lang.own_name(), lang.code());
        let _ = writeln!(x, "        <translation lang=\"{}\"{default}>", esc(&name));
        for q in &questions {
            let _ = writeln!(
                x,
                "          <text id=\"/data/{}:label\"><value>{}</value></text>",
                q.name,
                esc(&word(&q.label, lang))
            );
            if let Some(h) = &q.hint {
                let _ = writeln!(
                    x,
                    "          <text id=\"/data/{}:hint\"><value>{}</value></text>",
                    q.name,
                    esc(&word(h, lang))
                );
            }
            if let Control::SelectOne(choices) = &q.control {
                for (value, words) in choices {
                    let _ = writeln!(
                        x,
                        "          <text id=\"/data/{}/{}:label\"><value>{}</value></text>",
                        q.name,
                        value,
                        esc(&word(words, lang))
                    );
                }
            }
        }
        x.push_str("        </translation>\n");
    }
    x.push_str("      </itext>\n      <instance>\n");
    let _ = writeln!(
        x,
        "        <data id=\"{}\" version=\"{v}\" orx:version=\"{v}\">",
        esc(form_id),
        v = esc(version)
    );
    for q in &questions {
        let _ = writeln!(x, "          <{}/>", q.name);
    }
    x.push_str("          <meta>\n            <instanceID/>\n            <deprecatedID/>\n          </meta>\n");
    x.push_str("        </data>\n      </instance>\n");
    // The choices of each question, as a secondary instance its itemset
    // reads (as pyxform writes them: ODK's tools read choices from there).
    for q in &questions {
        if let Control::SelectOne(choices) = &q.control {
            let _ = writeln!(x, "      <instance id=\"{}\">\n        <root>", q.name);
            for (value, _) in choices {
                let _ = writeln!(
                    x,
                    "          <item><itextId>/data/{}/{value}:label</itextId><name>{value}</name></item>",
                    q.name
                );
            }
            x.push_str("        </root>\n      </instance>\n");
        }
    }
    for q in &questions {
        let required = if q.required { " required=\"true()\"" } else { "" };
        let _ = writeln!(
            x,
            "      <bind nodeset=\"/data/{}\" type=\"{}\"{required}/>",
            q.name, q.bind
        );
    }
    x.push_str(concat!(
        "      <bind nodeset=\"/data/meta/instanceID\" type=\"string\" readonly=\"true()\" ",
        "jr:preload=\"uid\"/>\n",
        "      <bind nodeset=\"/data/meta/deprecatedID\" type=\"string\" readonly=\"true()\"/>\n",
    ));
    if let Some(key) = public_key {
        // Sent to the server the phone took the form from (no `action`).
        let _ = writeln!(
            x,
            "      <submission method=\"post\" base64RsaPublicKey=\"{}\" orx:auto-delete=\"true\"/>",
            esc(key)
        );
    }
    x.push_str("    </model>\n  </h:head>\n  <h:body>\n");
    for q in &questions {
        let label = format!("<label ref=\"jr:itext('/data/{}:label')\"/>", q.name);
        let hint = if q.hint.is_some() {
            format!("<hint ref=\"jr:itext('/data/{}:hint')\"/>", q.name)
        } else {
            String::new()
        };
        match &q.control {
            Control::Input { appearance } => {
                let appearance = appearance.map(|a| format!(" appearance=\"{a}\"")).unwrap_or_default();
                let _ = writeln!(
                    x,
                    "    <input ref=\"/data/{}\"{appearance}>{label}{hint}</input>",
                    q.name
                );
            }
            Control::SelectOne(_) => {
                let _ = writeln!(
                    x,
                    concat!(
                        "    <select1 ref=\"/data/{name}\">{label}{hint}",
                        "<itemset nodeset=\"instance('{name}')/root/item\">",
                        "<value ref=\"name\"/><label ref=\"jr:itext(itextId)\"/></itemset></select1>"
                    ),
                    name = q.name,
                    label = label,
                    hint = hint
                );
            }
            Control::Upload { mediatype } => {
                let _ = writeln!(
                    x,
                    "    <upload ref=\"/data/{}\" mediatype=\"{mediatype}\">{label}{hint}</upload>",
                    q.name
                );
            }
        }
    }
    x.push_str("  </h:body>\n</h:html>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The form read as ODK's tools read it: well-formed XML, an instance
    /// whose root names the form, a bind for every field, a control and a
    /// label in each language for every question and choice.
    #[test]
    fn the_form_is_a_complete_xform_in_every_language() {
        let form = incident_report();
        let doc = roxmltree::Document::parse(&form).expect("well-formed");
        let xf = "http://www.w3.org/2002/xforms";
        let data = doc
            .descendants()
            .find(|n| n.has_tag_name((xf, "data")))
            .expect("instance root");
        assert_eq!(data.attribute("id"), Some(FORM_ID));
        assert_eq!(data.attribute("version"), Some(VERSION));
        let fields: Vec<&str> = data
            .children()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name())
            .collect();
        let binds: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name((xf, "bind")))
            .filter_map(|n| n.attribute("nodeset"))
            .collect();
        for f in fields.iter().filter(|f| **f != "meta") {
            assert!(binds.contains(&format!("/data/{f}").as_str()), "no bind for {f}");
            let controls = doc
                .descendants()
                .filter(|n| n.attribute("ref") == Some(&format!("/data/{f}")))
                .count();
            assert_eq!(controls, 1, "one control for {f}");
        }
        assert!(binds.contains(&"/data/meta/instanceID"));
        let translations: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((xf, "translation")))
            .collect();
        assert_eq!(translations.len(), Lang::ALL.len());
        let ids = |t: &roxmltree::Node| -> Vec<String> {
            t.children()
                .filter(|n| n.is_element())
                .filter_map(|n| n.attribute("id").map(str::to_owned))
                .collect()
        };
        let english = ids(&translations[0]);
        for t in &translations[1..] {
            assert_eq!(ids(t), english, "{:?} has every text", t.attribute("lang"));
        }
        // Every itext reference resolves.
        for n in doc.descendants().filter_map(|n| n.attribute("ref")) {
            if let Some(id) = n.strip_prefix("jr:itext('").and_then(|r| r.strip_suffix("')")) {
                assert!(english.iter().any(|e| e == id), "{id} is defined");
            }
        }
        for t in EventType::ALL {
            assert!(english.contains(&format!("/data/event_type/{}:label", t.as_str())));
        }
        for field in [
            "event_type",
            "event_date",
            "date_precision",
            "place",
            "location",
            "persons",
            "account",
            "consent",
            "photo",
            "audio",
            "video",
            "document",
        ] {
            assert!(fields.contains(&field), "{field}");
        }
    }

    /// The encrypted form: the same questions under its own id, and a
    /// `<submission>` in the model carrying the key; the clear form has none.
    #[test]
    fn the_encrypted_form_carries_its_key_in_its_submission() {
        let form = incident_report_encrypted("QUJD+/0=");
        let doc = roxmltree::Document::parse(&form).expect("well-formed");
        let xf = "http://www.w3.org/2002/xforms";
        let data = doc
            .descendants()
            .find(|n| n.has_tag_name((xf, "data")))
            .expect("instance root");
        assert_eq!(data.attribute("id"), Some(ENCRYPTED_FORM_ID));
        let submission = doc
            .descendants()
            .find(|n| n.has_tag_name((xf, "submission")))
            .expect("a submission element");
        assert_eq!(submission.parent().map(|p| p.tag_name().name()), Some("model"));
        assert_eq!(submission.attribute("base64RsaPublicKey"), Some("QUJD+/0="));
        assert!(
            submission.attribute("action").is_none(),
            "sent where the form came from"
        );
        assert_eq!(
            form.replace(ENCRYPTED_FORM_ID, FORM_ID)
                .replace(ENCRYPTED_TITLE, TITLE)
                .replace(
                    "      <submission method=\"post\" base64RsaPublicKey=\"QUJD+/0=\" orx:auto-delete=\"true\"/>\n",
                    ""
                ),
            incident_report()
        );
        assert!(!incident_report().contains("<submission"));
        // A new form key is a new version of the form.
        let second = incident_report_encrypted_for("REVG", 2);
        assert!(second.contains(&format!("version=\"{VERSION}.2\"")), "{second}");
        assert_eq!(incident_report_encrypted_for("QUJD+/0=", 1), form);
        assert!(is_incident_report(FORM_ID) && is_incident_report(ENCRYPTED_FORM_ID) && !is_incident_report("x"));
    }

    #[test]
    fn every_word_of_the_form_is_said_in_each_language() {
        let mut all = Vec::new();
        for q in questions() {
            all.push(q.label);
            all.extend(q.hint);
            if let Control::SelectOne(choices) = q.control {
                all.extend(choices.into_iter().map(|(_, w)| w));
            }
        }
        for words in &all {
            let english = word(words, Lang::En);
            assert!(!english.is_empty() && english.is_ascii(), "{words:?}: {english}");
            for lang in [Lang::Ru, Lang::Kk] {
                let said = word(words, lang);
                assert!(!said.is_ascii(), "{words:?} in {}: {said}", lang.code());
            }
        }
    }
}
