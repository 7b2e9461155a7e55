//! An organisation's own XForms: an admin uploads one (made with XLSForm
//! and pyxform, or ODK Build), it is checked, kept, listed to devices
//! beside Vigil's incident report and served as uploaded.
//!
//! A report sent with such a form becomes a confidential source whose
//! text is each answer under its question's label (the form's default
//! language), and proposals only from fields named as Vigil's own form
//! names them: `persons` (one name a line or separated by `;`: a person
//! each), and `event_type` (a Vigil event type, e.g. `arrest`) with
//! `event_date` (and `date_precision`, `place`): an event. Nothing else is
//! guessed from an unknown form.
//!
//! A form may name media files (`jr://images/NAME`, `jr://audio/NAME`,
//! `jr://video/NAME`, `jr://file/NAME`, `jr://file-csv/NAME`): the admin
//! uploads them with it ([`upload_with_media`]), each one the form names
//! and nothing else; phones find them in the form's OpenRosa manifest.
//! A new version may leave out files uploaded with the previous one under
//! the same name: they are kept for it.

use vigil_store::{Attachments, FormMedia, StoredForm};

use crate::{AppError, Result, Viewer};

/// The largest form taken.
pub const FORM_LIMIT: usize = 1024 * 1024;

/// The largest media file taken (a form and its media come in one
/// request, itself at most 2 MiB).
pub const MEDIA_LIMIT: usize = 1024 * 1024;

/// The kinds of `jr://` address that name a form's media file.
const MEDIA_KINDS: &[&str] = &["images", "big-image", "audio", "video", "file", "file-csv"];

/// The media files a form names (`jr://images/court.png` →
/// `court.png`), each once, in the order first named; or the first
/// address that cannot name one (in a sub-folder, or an odd name).
pub fn media_references(xml: &[u8]) -> Result<Vec<String>> {
    let text = std::str::from_utf8(xml).map_err(|_| wrong("the form is not UTF-8 text"))?;
    let doc = roxmltree::Document::parse(text).map_err(|e| wrong(format!("the form is not well-formed XML: {e}")))?;
    let mut names: Vec<String> = Vec::new();
    let values = doc.descendants().flat_map(|n| {
        let own = n.is_text().then(|| n.text()).flatten();
        own.into_iter().chain(n.attributes().map(|a| a.value()))
    });
    for value in values {
        let value = value.trim();
        let Some(rest) = value.strip_prefix("jr://") else {
            continue;
        };
        let Some((kind, name)) = rest.split_once('/') else {
            continue;
        };
        if !MEDIA_KINDS.contains(&kind) {
            continue;
        }
        media_name(name).map_err(|_| wrong(format!("the form names a media file Vigil cannot serve: {value}")))?;
        if !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    Ok(names)
}

/// A media file's name, as a form names it and a phone saves it: no
/// folder, at most 200 characters, none of `/ \ :` or control characters.
pub fn media_name(name: &str) -> Result<&str> {
    let ok = !name.is_empty()
        && name.chars().count() <= 200
        && name != "."
        && name != ".."
        && !name.starts_with(' ')
        && !name.ends_with(' ')
        && !name
            .chars()
            .any(|c| c.is_control() || matches!(c, '/' | '\\' | ':' | '"' | '<' | '>' | '|' | '?' | '*'));
    if ok {
        Ok(name)
    } else {
        Err(AppError::malformed(
            "media",
            format!("{} is not a media file's name", name.escape_default()),
        ))
    }
}

/// The media type a media file is served with, from its name.
pub fn media_type(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "ogg" | "oga" => "audio/ogg",
        "wav" => "audio/wav",
        "amr" => "audio/amr",
        "mp4" => "video/mp4",
        "3gp" => "video/3gpp",
        "webm" => "video/webm",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "text/xml; charset=utf-8",
        "geojson" => "application/geo+json",
        _ => "application/octet-stream",
    }
}

/// An uploaded form, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedForm {
    pub form_id: String,
    pub version: String,
    pub title: String,
    /// Each question's label by its path below the instance's root
    /// (`group/field`), in the order asked.
    pub labels: Vec<(String, String)>,
}

fn wrong(message: impl Into<String>) -> AppError {
    AppError::malformed("form", message)
}

fn is_element(n: &roxmltree::Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name
}

/// The text of a `<label>`: its own, or its itext in `texts`.
fn label_text(label: roxmltree::Node, texts: &[(String, String)]) -> Option<String> {
    if let Some(id) = label
        .attribute("ref")
        .and_then(|r| r.trim().strip_prefix("jr:itext("))
        .and_then(|r| r.strip_suffix(')'))
    {
        let id = id.trim_matches(['\'', '"']);
        return texts.iter().find(|(t, _)| t == id).map(|(_, v)| v.clone());
    }
    let text: String = label
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// Reads and checks an uploaded XForm: well-formed XML, a main instance
/// whose root has an `id` and a `version`, a `meta/instanceID`, and not
/// one of Vigil's own form ids; no `base64RsaPublicKey` (its reports would
/// be encrypted for a key Vigil does not hold).
pub fn check(xml: &[u8]) -> Result<CheckedForm> {
    if xml.len() > FORM_LIMIT {
        return Err(wrong(format!("the form is larger than {FORM_LIMIT} bytes")));
    }
    let text = std::str::from_utf8(xml).map_err(|_| wrong("the form is not UTF-8 text"))?;
    let doc = roxmltree::Document::parse(text).map_err(|e| wrong(format!("the form is not well-formed XML: {e}")))?;
    let model = doc
        .descendants()
        .find(|n| is_element(n, "model"))
        .ok_or_else(|| wrong("the form has no <model>: it is not an XForm"))?;
    let instance = model
        .children()
        .find(|n| is_element(n, "instance") && n.attribute("id").is_none())
        .ok_or_else(|| wrong("the form's model has no main <instance>"))?;
    let root = instance
        .children()
        .find(|n| n.is_element())
        .ok_or_else(|| wrong("the form's main instance is empty"))?;
    let form_id = root
        .attribute("id")
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| wrong("the form's instance has no id (the form's id)"))?;
    if form_id.len() > 100
        || !form_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return Err(wrong("the form's id is at most 100 letters, digits, '_', '-' or '.'"));
    }
    if super::xform::is_incident_report(form_id) {
        return Err(wrong("this id is Vigil's own incident report's: give the form another"));
    }
    let version = root
        .attribute("version")
        .map(str::trim)
        .filter(|v| !v.is_empty() && v.len() <= 100)
        .ok_or_else(|| wrong("the form's instance has no version (at most 100 characters)"))?;
    let has_instance_id = root
        .children()
        .filter(|n| is_element(n, "meta"))
        .any(|m| m.children().any(|n| is_element(&n, "instanceID")));
    if !has_instance_id {
        return Err(wrong(
            "the form's instance has no meta/instanceID: reports could not be told apart",
        ));
    }
    if doc
        .descendants()
        .any(|n| is_element(&n, "submission") && n.attribute("base64RsaPublicKey").is_some())
    {
        return Err(wrong(
            "the form carries its own base64RsaPublicKey: Vigil could not open its reports \
             (use Vigil's encrypted incident report instead)",
        ));
    }
    let title = doc
        .descendants()
        .find(|n| is_element(n, "title"))
        .and_then(|n| n.text())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| form_id.to_owned());
    // The default language's texts (the one marked default, or the first).
    let translations: Vec<_> = model.descendants().filter(|n| is_element(n, "translation")).collect();
    let default = translations
        .iter()
        .find(|t| t.attribute("default").is_some())
        .or(translations.first());
    let texts: Vec<(String, String)> = default
        .map(|t| {
            t.children()
                .filter(|n| is_element(n, "text"))
                .filter_map(|n| {
                    let id = n.attribute("id")?.to_owned();
                    let value = n
                        .children()
                        .find(|v| is_element(v, "value") && v.attribute("form").is_none())?;
                    let text: String = value
                        .descendants()
                        .filter(|d| d.is_text())
                        .filter_map(|d| d.text())
                        .collect();
                    Some((id, text.split_whitespace().collect::<Vec<_>>().join(" ")))
                })
                .collect()
        })
        .unwrap_or_default();
    let prefix = format!("/{}/", root.tag_name().name());
    let mut labels = Vec::new();
    for control in doc.descendants().filter(|n| {
        n.is_element()
            && matches!(
                n.tag_name().name(),
                "input" | "select1" | "select" | "upload" | "range" | "rank" | "trigger" | "odk:rank"
            )
    }) {
        let Some(reference) = control.attribute("ref").or_else(|| control.attribute("bind")) else {
            continue;
        };
        // A relative reference is under its groups'.
        let mut path = reference.trim().to_owned();
        for group in control.ancestors().skip(1) {
            if path.starts_with('/') {
                break;
            }
            if let Some(r) = group.attribute("ref").or_else(|| group.attribute("nodeset")) {
                path = format!("{}/{path}", r.trim().trim_end_matches('/'));
            }
        }
        let Some(path) = path.strip_prefix(&prefix) else {
            continue;
        };
        let Some(label) = control
            .children()
            .find(|n| is_element(n, "label"))
            .and_then(|l| label_text(l, &texts))
        else {
            continue;
        };
        labels.push((path.to_owned(), label));
    }
    Ok(CheckedForm {
        form_id: form_id.to_owned(),
        version: version.to_owned(),
        title: title.chars().take(200).collect(),
        labels,
    })
}

/// MD5 of a form, hex (the form list's hash).
pub fn md5_hex(bytes: &[u8]) -> String {
    super::encrypted::md5_hex(bytes)
}

/// Keeps the XForm `xml` uploaded by `viewer`, who must be an admin: a new
/// form, or a new version of one uploaded before. The same version again
/// with other content is refused (phones that have it would not fetch it).
pub async fn upload<S: Attachments>(store: &S, viewer: &Viewer, xml: &[u8]) -> Result<StoredForm> {
    upload_with_media(store, viewer, xml, Vec::new()).await
}

/// Keeps the XForm `xml` with its media files (`(name, bytes)`), uploaded
/// by `viewer`, an admin. Each file must be one the form names
/// ([`media_references`]), at most [`MEDIA_LIMIT`] bytes, given once;
/// every file the form names must be given, or kept from the form's
/// previous upload under the same name. Anything else is refused with
/// its reason, and nothing is kept: the form and its files are written
/// in one transaction.
pub async fn upload_with_media<S: Attachments>(
    store: &S,
    viewer: &Viewer,
    xml: &[u8],
    media: Vec<(String, Vec<u8>)>,
) -> Result<StoredForm> {
    let Some(admin) = viewer
        .account
        .as_ref()
        .filter(|a| a.role.may_manage_accounts())
        .map(|a| a.name.clone())
    else {
        return Err(AppError::Forbidden("only an administrator uploads forms".into()));
    };
    let checked = check(xml)?;
    let named = media_references(xml)?;
    let media_wrong = |m: String| AppError::malformed("media", m);
    for (i, (name, bytes)) in media.iter().enumerate() {
        media_name(name)?;
        if bytes.len() > MEDIA_LIMIT {
            return Err(media_wrong(format!("{name} is larger than {MEDIA_LIMIT} bytes")));
        }
        if media[..i].iter().any(|(n, _)| n == name) {
            return Err(media_wrong(format!("{name} is given twice")));
        }
        if !named.contains(name) {
            return Err(media_wrong(format!(
                "the form does not name {name} (as jr://images/{name}, jr://file-csv/{name}, …)"
            )));
        }
    }
    let mut files: Vec<(FormMedia, Vec<u8>)> = Vec::with_capacity(named.len());
    let mut missing = Vec::new();
    for name in &named {
        let bytes = match media.iter().find(|(n, _)| n == name) {
            Some((_, bytes)) => bytes.clone(),
            // Kept from the previous version, under the same name.
            None => match store.form_media_file(&checked.form_id, name).await? {
                Some((_, bytes)) => bytes,
                None => {
                    missing.push(name.as_str());
                    continue;
                }
            },
        };
        files.push((
            FormMedia {
                form_id: checked.form_id.clone(),
                name: name.clone(),
                content_type: media_type(name).to_owned(),
                size: bytes.len() as i64,
                md5: md5_hex(&bytes),
            },
            bytes,
        ));
    }
    if !missing.is_empty() {
        return Err(media_wrong(format!(
            "the form names media files not uploaded with it: {}",
            missing.join(", ")
        )));
    }
    let xml = String::from_utf8(xml.to_vec()).map_err(|_| wrong("the form is not UTF-8 text"))?;
    let md5 = md5_hex(xml.as_bytes());
    if let Some(kept) = store.stored_form(&checked.form_id).await? {
        if kept.version == checked.version && kept.md5 != md5 {
            return Err(AppError::conflict(
                "version",
                format!(
                    "version {} of {} was uploaded before with other content: raise the version",
                    kept.version, kept.id
                ),
            ));
        }
    }
    let form = StoredForm {
        id: checked.form_id,
        version: checked.version,
        title: checked.title,
        xml,
        md5,
        uploaded_by: admin.to_string(),
        uploaded_at: (vigil_store::now().unix_timestamp_nanos() / 1000) as i64,
    };
    store.put_form(&form, &files).await?;
    tracing::info!(form = %form.id, version = %form.version, media = files.len(), by = %form.uploaded_by, "a form uploaded");
    Ok(form)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub const FORM: &str = r#"<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms">
  <h:head>
    <h:title>Trial monitoring</h:title>
    <model>
      <itext>
        <translation lang="Russian (ru)"><text id="/trial/court:label"><value>Суд</value></text></translation>
        <translation lang="English (en)" default="true()"><text id="/trial/court:label"><value>Which court?</value></text></translation>
      </itext>
      <instance>
        <trial id="union_trial_monitoring" version="3">
          <court/><hearing><judge/><persons/></hearing>
          <meta><instanceID/></meta>
        </trial>
      </instance>
      <bind nodeset="/trial/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>
    </model>
  </h:head>
  <h:body>
    <input ref="/trial/court"><label ref="jr:itext('/trial/court:label')"/></input>
    <group ref="/trial/hearing"><label>Hearing</label>
      <input ref="judge"><label>Judge's name</label></input>
      <input ref="/trial/hearing/persons"><label>Defendants, one a line</label></input>
    </group>
  </h:body>
</h:html>"#;

    #[test]
    fn a_form_reads_with_its_labels() {
        let f = check(FORM.as_bytes()).expect("a form");
        assert_eq!(f.form_id, "union_trial_monitoring");
        assert_eq!(f.version, "3");
        assert_eq!(f.title, "Trial monitoring");
        assert_eq!(
            f.labels,
            [
                ("court".to_owned(), "Which court?".to_owned()),
                ("hearing/judge".to_owned(), "Judge's name".to_owned()),
                ("hearing/persons".to_owned(), "Defendants, one a line".to_owned()),
            ]
        );
    }

    #[test]
    fn a_forms_media_files_are_read_from_its_jr_addresses() {
        let form = FORM
            .replace(
                "<label>Hearing</label>",
                "<label>Hearing</label><hint>jr://images/court.png</hint>",
            )
            .replace(
                "</model>",
                "<instance id=\"judges\" src=\"jr://file-csv/judges.csv\"/><instance id=\"x\" src=\" jr://images/court.png \"/></model>",
            );
        assert_eq!(
            media_references(form.as_bytes()).expect("read"),
            ["judges.csv", "court.png"]
        );
        assert!(media_references(FORM.as_bytes()).expect("read").is_empty());
        let nested = FORM.replace("</model>", "<instance id=\"j\" src=\"jr://file-csv/a/b.csv\"/></model>");
        assert!(media_references(nested.as_bytes()).is_err());
        // Other jr:// addresses are not media files.
        let other = FORM.replace("</model>", "<instance id=\"j\" src=\"jr://instance/casedb\"/></model>");
        assert!(media_references(other.as_bytes()).expect("read").is_empty());
        assert_eq!(media_type("Court.PNG"), "image/png");
        assert_eq!(media_type("judges.csv"), "text/csv; charset=utf-8");
    }

    #[test]
    fn what_is_not_a_usable_form_is_refused_with_its_reason() {
        for (bad, says) in [
            ("<h:html", "well-formed"),
            ("<html><head/></html>", "no <model>"),
            (&FORM.replace(" id=\"union_trial_monitoring\"", ""), "no id"),
            (&FORM.replace(" version=\"3\"", ""), "no version"),
            (&FORM.replace("<meta><instanceID/></meta>", ""), "meta/instanceID"),
            (
                &FORM.replace("union_trial_monitoring", "vigil_incident_report"),
                "Vigil's own",
            ),
            (&FORM.replace("union_trial_monitoring", "a b"), "letters, digits"),
            (
                &FORM.replace("</model>", "<submission base64RsaPublicKey=\"AAAA\"/></model>"),
                "base64RsaPublicKey",
            ),
        ] {
            match check(bad.as_bytes()) {
                Err(AppError::Malformed { field, message }) => {
                    assert_eq!(field, "form");
                    assert!(message.contains(says), "{message} (wanted {says})");
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
    }
}
