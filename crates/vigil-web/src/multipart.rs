//! `multipart/form-data` bodies, read whole (they are bounded by the body
//! limit): the upload form's file and fields, and the CSRF token the gate
//! looks for in them.

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// The boundary of a `multipart/form-data` content type.
pub fn boundary(content_type: &str) -> Option<String> {
    let (essence, params) = content_type.split_once(';')?;
    if !essence.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_owned())
            .filter(|b| !b.is_empty() && b.len() <= 200)
    })
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn header_param(header: &str, key: &str) -> Option<String> {
    header.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(key)
            .then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// The parts of `body`; `None` when it is not well formed.
pub fn parse(body: &[u8], boundary: &str) -> Option<Vec<Part>> {
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut pos = find(body, delimiter.as_bytes(), 0)? + delimiter.len();
    loop {
        if body[pos..].starts_with(b"--") {
            return Some(parts);
        }
        if !body[pos..].starts_with(b"\r\n") {
            return None;
        }
        pos += 2;
        let head_end = find(body, b"\r\n\r\n", pos)?;
        let head = std::str::from_utf8(&body[pos..head_end]).ok()?;
        let next = find(body, format!("\r\n{delimiter}").as_bytes(), head_end + 4)?;
        let mut name = None;
        let mut filename = None;
        let mut content_type = None;
        for line in head.split("\r\n") {
            let (k, v) = line.split_once(':')?;
            if k.trim().eq_ignore_ascii_case("content-disposition") {
                name = header_param(v, "name");
                filename = header_param(v, "filename");
            } else if k.trim().eq_ignore_ascii_case("content-type") {
                content_type = Some(v.trim().to_owned());
            }
        }
        parts.push(Part {
            name: name?,
            filename,
            content_type,
            data: body[head_end + 4..next].to_vec(),
        });
        pos = next + 2 + delimiter.len();
        if pos > body.len() {
            return None;
        }
    }
}

/// Media files as uploaded: each one's name and bytes.
pub type MediaFiles = Vec<(String, Vec<u8>)>;

/// An uploaded form with its media files: the part `form` (the XForm) and
/// each part `media` that carries a file (its file name and bytes; an
/// empty file input is skipped). Or why the body is not that.
pub fn form_and_media(content_type: &str, body: &[u8]) -> Result<(Vec<u8>, MediaFiles), String> {
    let parts = boundary(content_type)
        .and_then(|b| parse(body, &b))
        .ok_or_else(|| "the multipart body cannot be read".to_owned())?;
    let mut form = None;
    let mut media = Vec::new();
    for part in parts {
        match part.name.as_str() {
            "form" if !part.data.is_empty() && form.is_some() => {
                return Err("send one form a request".into());
            }
            "form" if !part.data.is_empty() => form = Some(part.data),
            "media" => match part.filename.filter(|f| !f.is_empty()) {
                Some(name) => media.push((name, part.data)),
                None if part.data.is_empty() => {}
                None => return Err("each media file needs its file name".into()),
            },
            _ => {}
        }
    }
    let form = form.ok_or_else(|| "the part form (the XForm) is missing".to_owned())?;
    Ok((form, media))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_files() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nline 1\r\nline 2\r\n--XyZ--\r\n";
        let b = boundary("multipart/form-data; boundary=XyZ").unwrap();
        let parts = parse(body, &b).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "csrf");
        assert_eq!(parts[0].data, b"tok");
        assert_eq!(parts[1].filename.as_deref(), Some("a.txt"));
        assert_eq!(parts[1].data, b"line 1\r\nline 2");
        assert_eq!(parse(b"garbage", "XyZ"), None);
        assert_eq!(boundary("text/plain"), None);
    }
}
