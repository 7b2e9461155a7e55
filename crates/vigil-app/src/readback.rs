//! English refusals read back into the reader's language.
//!
//! The checks of the case file (`vigil-core`, which has no catalogues) and
//! the application's refusals say why in English, often with a value in the
//! sentence ("at most 300 characters", "the account ana is disabled"). Each
//! such sentence has a pattern here, `{}` standing for a value, and a
//! catalogue message (`locales/<code>/refusals.ftl`) that says the same with
//! the values as arguments: a number as a number (so the plural follows the
//! language's rules), a kind of record as its term. The English message of
//! each key is the pattern itself (a test holds them together), so a
//! sentence changed in the code without its pattern stays English rather
//! than being mis-said.
//!
//! A JSON parser's account (serde_json's "expected `,` or `}` at line 3
//! column 7") is said as the kind of fault and where: a syntax error, the
//! text ending too soon, or a value of the wrong type or form, at its line
//! and column.

use vigil_core::RecordKind;

use crate::i18n::{Arg, Lang};

/// A value's place in a pattern and how it is said.
#[derive(Clone, Copy)]
enum Slot {
    /// A number: the plural follows it.
    N(&'static str),
    /// Text, as it is (an id, a name, a list of codes).
    T(&'static str),
    /// A kind of record, said as its term in lowercase.
    Kind(&'static str),
    /// A country's code, said as its name.
    Country(&'static str),
    /// Text in the code's English (serde's "a string", "integer `3`"),
    /// which another language may leave out.
    X(&'static str),
}

use Slot::{Country, Kind, N, T, X};

/// Every sentence read back: its English pattern, its key, its values.
/// The first pattern that fits wins, so a longer one comes before a
/// shorter one it would also fit.
const PATTERNS: &[(&str, &str, &[Slot])] = &[
    // vigil-core: the records' own checks.
    ("at most {} characters", "refusal-at-most-characters", &[N("count")]),
    ("at most {} items", "refusal-at-most-items", &[N("count")]),
    ("this event has no claim '{}'", "refusal-no-claim", &[T("name")]),
    ("at most {}", "refusal-at-most", &[N("count")]),
    ("an email address is at most {} characters", "refusal-email-too-long", &[N("count")]),
    ("an email address is required", "refusal-email-required", &[]),
    ("an email address has an @", "refusal-email-at", &[]),
    (
        "the part before the @ is 1 to 64 characters, with no other @",
        "refusal-email-local",
        &[],
    ),
    (
        "the part before the @ has characters an address cannot have",
        "refusal-email-local-characters",
        &[],
    ),
    ("the part after the @ is not a domain name", "refusal-email-domain", &[]),
    ("the part before the @ is empty without its tag", "refusal-email-local-empty", &[]),
    (
        "a {} cannot mark '{}' confidential (allowed: {})",
        "refusal-confidential-field",
        &[Kind("what"), T("field"), T("text")],
    ),
    ("'{}' is a {}, not a {}", "refusal-wrong-kind", &[T("name"), Kind("what"), Kind("other")]),
    (
        "'{}' is confidential, and this {} cannot be shown without it: mark it confidential too",
        "refusal-exposes",
        &[T("name"), Kind("what")],
    ),
    (
        "the quoted text does not occur at bytes {}..{} of source '{}'",
        "refusal-misquoted",
        &[T("start"), T("to"), T("name")],
    ),
    (
        "the quote does not occur at bytes {}..{} of '{}'",
        "refusal-misquoted-case-file",
        &[T("start"), T("to"), T("name")],
    ),
    ("'{}' is not a date written YYYY-MM-DD", "refusal-date-written", &[T("text")]),
    ("a date is written YYYY-MM-DD", "refusal-date-form", &[]),
    ("a date is YYYY-MM-DD", "refusal-date-iso", &[]),
    ("empty date", "refusal-date-empty", &[]),
    (
        "'{}' is not a date of the form YYYY, YYYY-MM, YYYY-MM-DD or a range A/B",
        "refusal-date-shape",
        &[T("text")],
    ),
    ("year {} is outside 1000–9999", "refusal-date-year", &[T("year")]),
    ("'{}' is not a day of the calendar", "refusal-date-day", &[T("text")]),
    (
        "a range must run forwards, with its start wholly before its end: '{}'",
        "refusal-date-backwards",
        &[T("text")],
    ),
    (
        "'{}' needs the article's own date to be read (no reference date given)",
        "refusal-date-relative",
        &[T("text")],
    ),
    ("'{}' is not a date form Vigil understands", "refusal-date-unknown", &[T("text")]),
    (
        "'{}' is not an ISO 8601 duration such as P7Y or P5M8D",
        "refusal-duration-shape",
        &[T("text")],
    ),
    (
        "'{}' has hours, minutes or seconds; terms are counted in days",
        "refusal-duration-hours",
        &[T("text")],
    ),
    ("'{}' is too long a term", "refusal-duration-too-long", &[T("text")]),
    ("'{}' is not a length of time Vigil understands", "refusal-duration-unknown", &[T("text")]),
    (
        "a user name is 2–64 characters: lowercase letters, digits, '.', '_', '-', '@'",
        "refusal-user-name",
        &[],
    ),
    // vigil-app: the application's refusals.
    (
        "'{}' is not a country code: use ISO 3166-1 alpha-2, such as KZ",
        "refusal-country-code",
        &[T("text")],
    ),
    (
        "the case file holds nothing about the country {}",
        "refusal-country-nothing",
        &[Country("country")],
    ),
    (
        "the case file holds no rating rule: create one at /api/v1/rating-rules",
        "refusal-no-rating-rule",
        &[],
    ),
    ("year must be a year between 1900 and 2200, such as 2019", "refusal-year", &[]),
    ("your account may not change records", "refusal-may-not-change", &[]),
    ("a reason is at most {} characters", "refusal-reason-too-long", &[N("count")]),
    (
        "a reason must not contain control characters (line breaks, tabs)",
        "refusal-reason-control",
        &[],
    ),
    ("a {} is a JSON object", "refusal-json-object", &[Kind("what")]),
    (
        "marking a record or field confidential, or recording an address, needs the confidential_reader role",
        "refusal-confidential-needs-role",
        &[],
    ),
    ("recording an address needs the confidential_reader role", "refusal-address-needs-role", &[]),
    (
        "restoring a record with confidential content needs the confidential_reader role",
        "refusal-restore-needs-role",
        &[],
    ),
    (
        "only administrators manage accounts; ask one of them to change your role",
        "refusal-only-admins-accounts",
        &[],
    ),
    ("you cannot disable your own account", "refusal-disable-self", &[]),
    (
        "you cannot take away your own administrator role; ask another administrator",
        "refusal-demote-self",
        &[],
    ),
    ("the account {} is disabled", "refusal-account-disabled", &[T("name")]),
    ("a role is one of: {}", "refusal-role", &[T("text")]),
    ("a password is at least {} characters", "refusal-password-short", &[N("count")]),
    ("proposal '{}' was accepted already", "refusal-proposal-accepted", &[T("name")]),
    ("proposal '{}' was rejected already", "refusal-proposal-rejected", &[T("name")]),
    (
        "accept the person or organisation this alias names first",
        "refusal-alias-first",
        &[],
    ),
    ("only administrators invalidate signatures", "refusal-only-admins-invalidate", &[]),
    ("the slug in the body differs from the address", "refusal-slug-differs", &[]),
    ("name an address range, a domain or a time window", "refusal-invalidation-filter", &[]),
    ("this field is required", "refusal-required", &[]),
    ("a link starts with https:// or http://", "refusal-link-scheme", &[]),
    ("a link is a web address of at most {} characters", "refusal-link-too-long", &[N("count")]),
    ("a response cannot come from the future", "refusal-response-future", &[]),
    ("one of won, partly_won, lost, ongoing", "refusal-outcome-result", &[]),
    ("this campaign does not take signatures now", "refusal-campaign-closed", &[]),
    (
        "too many signatures from your network: try again in a minute",
        "refusal-rate-limited",
        &[],
    ),
    ("addresses from throwaway mail services are not accepted", "refusal-disposable", &[]),
    ("a proof of work is required (GET …/challenge)", "refusal-pow-required", &[]),
    ("the form's challenge is malformed: reload the page", "refusal-pow-malformed", &[]),
    ("the form's challenge is not ours: reload the page", "refusal-pow-not-ours", &[]),
    ("the form has expired: reload the page", "refusal-pow-expired", &[]),
    ("the proof of work is wrong: reload the page", "refusal-pow-wrong", &[]),
    ("please wait a few seconds before sending the form", "refusal-pow-too-fast", &[]),
    ("this form was sent already: reload the page to sign", "refusal-pow-used", &[]),
    // vigil-app: an import's account of its input (open_data).
    ("the line is longer than {} bytes", "refusal-import-line-too-long", &[N("count")]),
    (
        "the line's id '{}' is not its record's id '{}'",
        "refusal-import-id-mismatch",
        &[T("name"), T("other")],
    ),
    ("not the header of a {} JSON Lines file", "refusal-import-not-header", &[T("name")]),
    ("not the header of a {} export", "refusal-import-not-csv-header", &[T("name")]),
    (
        "format version {} cannot be read (this Vigil reads version {})",
        "refusal-import-version",
        &[T("number"), T("other")],
    ),
    (
        "a full-scope export is a whole case file: import it with `vigil import` into an empty case file",
        "refusal-import-full-scope",
        &[],
    ),
    ("duplicate id '{}' (first on line {})", "refusal-import-duplicate", &[T("name"), N("first")]),
    (
        "duplicate id '{}' (first on {} line {})",
        "refusal-import-duplicate-row",
        &[T("name"), T("other"), N("first")],
    ),
    (
        "the file ends here, after {} records where its header announces {} (is it truncated?)",
        "refusal-import-fewer-records",
        &[N("count"), N("total")],
    ),
    ("the case file already holds '{}'", "refusal-import-holds", &[T("name")]),
    (
        "the header counts rows of an unknown table '{}'",
        "refusal-import-header-unknown-table",
        &[T("name")],
    ),
    (
        "this case file is not empty: a full-scope export is imported into an empty case file (a new data folder or database)",
        "refusal-import-not-empty",
        &[],
    ),
    ("key_check is not base64", "refusal-import-key-check", &[]),
    (
        "the file's content is sealed under another key than this case file's: import it with the key of the case file it came from (its vigil.key, or VIGIL_KEY)",
        "refusal-import-other-key",
        &[],
    ),
    ("unknown table '{}'", "refusal-import-unknown-table", &[T("name")]),
    (
        "a row of {} after rows of {}: an export gives its tables in order",
        "refusal-import-table-order",
        &[T("name"), T("other")],
    ),
    (
        "the file ends here with {} rows of {} where its header announces {} (is it truncated?)",
        "refusal-import-fewer-rows",
        &[N("count"), T("name"), N("total")],
    ),
    (
        "the file is empty: it starts with its header row",
        "refusal-import-empty-csv",
        &[],
    ),
    ("the columns are not this table's: {}", "refusal-import-columns", &[T("text")]),
    (
        "the file ends in the middle of this row (is it truncated?)",
        "refusal-import-row-cut",
        &[],
    ),
    ("{} cells where the header has {}", "refusal-import-cells", &[N("count"), N("total")]),
    ("the row is not UTF-8", "refusal-import-row-not-utf8", &[]),
    ("not a CSV row: {}", "refusal-import-not-csv-row", &[X("text")]),
    ("'{}' is not a whole number", "refusal-import-not-number", &[T("text")]),
    ("'{}' is neither true nor false", "refusal-import-not-boolean", &[T("text")]),
    ("not a list", "refusal-import-not-list", &[]),
    ("not a readable zip: {}", "refusal-import-not-zip", &[X("text")]),
    ("cannot unzip: {}", "refusal-import-cannot-unzip", &[X("text")]),
    (
        "{} is missing: a CSV export holds {} and every table's file",
        "refusal-import-file-missing",
        &[T("name"), T("other")],
    ),
    (
        "{} is no table of the CSV layout (its tables: {})",
        "refusal-import-no-such-table",
        &[T("name"), T("text")],
    ),
    ("a record was refused", "refusal-import-refused", &[]),
    // serde's accounts of a value that is not what a field takes.
    ("missing field `{}`", "refusal-json-missing-field", &[T("field")]),
    (
        "unknown field `{}`, expected one of {}",
        "refusal-json-unknown-field-one-of",
        &[T("field"), T("text")],
    ),
    ("unknown field `{}`, expected {}", "refusal-json-unknown-field", &[T("field"), T("text")]),
    ("unknown field `{}`, there are no fields", "refusal-json-no-fields", &[T("field")]),
    ("duplicate field `{}`", "refusal-json-duplicate-field", &[T("field")]),
    (
        "unknown variant `{}`, expected one of {}",
        "refusal-json-unknown-variant-one-of",
        &[T("name"), T("text")],
    ),
    ("unknown variant `{}`, expected {}", "refusal-json-unknown-variant", &[T("name"), T("text")]),
    ("invalid type: {}, expected {}", "refusal-json-invalid-type", &[X("text"), X("other")]),
    ("invalid value: {}, expected {}", "refusal-json-invalid-value", &[X("text"), X("other")]),
    ("invalid length {}, expected {}", "refusal-json-invalid-length", &[X("text"), X("other")]),
    // vigil-web: the replies ODK Collect shows on the phone (openrosa).
    ("these Digest credentials cannot be read", "phone-digest-unreadable", &[]),
    ("sign in with the device account's name and password", "phone-sign-in", &[]),
    ("the name or the password is wrong", "phone-wrong-password", &[]),
    ("the sign-in has expired: sign in again", "phone-sign-in-expired", &[]),
    ("internal error", "phone-internal-error", &[]),
    ("the form list cannot be read", "phone-form-list-unreadable", &[]),
    ("there is no such form", "phone-no-such-form", &[]),
    ("the form cannot be read", "phone-form-unreadable", &[]),
    ("this form has no media files", "phone-no-media", &[]),
    ("the manifest cannot be read", "phone-manifest-unreadable", &[]),
    ("there is no such media file", "phone-no-such-media", &[]),
    ("the media file cannot be read", "phone-media-unreadable", &[]),
    ("the submission is larger than {} bytes", "phone-too-large", &[N("count")]),
    ("the submission's multipart body cannot be read", "phone-body-unreadable", &[]),
    ("there is no such report", "phone-no-such-report", &[]),
    ("the submission could not be stored", "phone-not-stored", &[]),
    ("the submission has no xml_submission_file", "phone-no-answers", &[]),
    ("a different submission with this instanceID was received before", "phone-other-report", &[]),
    ("another file named {} was received with this report before", "phone-other-file", &[T("name")]),
    ("Thank you: the report is received ({}) and waits for an editor.", "phone-received", &[T("what")]),
    ("This report was received before.", "phone-received-before", &[]),
    ("This report was received before; {} attachments are added to it.", "phone-received-before-with", &[N("count")]),
    ("Part of the report received; {} of its files are still to come.", "phone-part-received", &[N("count")]),
];

/// The values of `message` where `pattern` has `{}`, if it fits. No value
/// is empty.
fn fill<'m>(pattern: &str, message: &'m str) -> Option<Vec<&'m str>> {
    let mut parts = pattern.split("{}");
    let mut rest = message.strip_prefix(parts.next().unwrap_or_default())?;
    let literals: Vec<&str> = parts.collect();
    let mut values = Vec::with_capacity(literals.len());
    for (i, literal) in literals.iter().enumerate() {
        let value = if i + 1 == literals.len() {
            let v = rest.strip_suffix(literal)?;
            rest = "";
            v
        } else {
            let at = rest.find(literal)?;
            let v = &rest[..at];
            rest = &rest[at + literal.len()..];
            v
        };
        if value.is_empty() {
            return None;
        }
        values.push(value);
    }
    rest.is_empty().then_some(values)
}

/// A kind of record as its term in lowercase; another word as it is.
fn kind_words(lang: Lang, kind: &str) -> String {
    kind.parse::<RecordKind>()
        .map(|k| lang.term(&k).to_lowercase())
        .unwrap_or_else(|_| kind.to_owned())
}

/// The pattern's message in `lang` with `values` in its slots, if each
/// value is what its slot takes.
fn word(lang: Lang, key: &str, slots: &[Slot], values: &[&str]) -> Option<String> {
    let kinds: Vec<String> = slots
        .iter()
        .zip(values)
        .map(|(s, v)| match s {
            Kind(_) => kind_words(lang, v),
            Country(_) => crate::words::country_in(lang, v),
            _ => String::new(),
        })
        .collect();
    let mut args: Vec<(&'static str, Arg<'_>)> = Vec::with_capacity(slots.len());
    for ((slot, value), kind) in slots.iter().zip(values).zip(&kinds) {
        args.push(match slot {
            N(name) => (*name, Arg::Number(value.parse().ok()?)),
            T(name) | X(name) => (*name, Arg::Text(value)),
            Kind(name) | Country(name) => (*name, Arg::Text(kind)),
        });
    }
    Some(lang.tr_with(key, &args))
}

/// `message` (an English refusal) in `lang`, if it is one Vigil knows how
/// to say: a sentence of [`PATTERNS`], something not found ("no person
/// 'x'"), or a JSON parser's account. `None` for anything else.
pub fn said(lang: Lang, message: &str) -> Option<String> {
    if lang == Lang::En {
        return Some(message.to_owned());
    }
    if let Some(detail) = message.strip_prefix("malformed JSON: ") {
        return Some(format!(
            "{} {}",
            lang.tr("api-error-malformed-json"),
            json_fault(lang, detail)
        ));
    }
    if let Some(v) = fill("no {} '{}'", message) {
        if v[0].split(' ').count() <= 2 {
            return Some(crate::no_such(lang, v[0], v[1]));
        }
    }
    PATTERNS
        .iter()
        .find_map(|(pattern, key, slots)| word(lang, key, slots, &fill(pattern, message)?))
}

/// `message` in `lang` as [`said`] reads it, also when it is made of
/// parts: where ("line 3: …", "lines 2–9: …", "persons.csv line 4: …"), the
/// field at fault ("name: …"), how many more faults there are, a JSON
/// parser's account of a line; each part said in `lang`.
pub fn said_deep(lang: Lang, message: &str) -> Option<String> {
    if let Some(s) = said(lang, message) {
        return Some(s);
    }
    for prefix in ["not a record line of JSON: ", "not a row line of JSON: "] {
        if let Some(fault) = message.strip_prefix(prefix) {
            return Some(format!(
                "{}: {}",
                lang.tr("open-data-not-json"),
                json_fault_in_line(lang, fault)
            ));
        }
    }
    if let Some(v) = fill("{} (and {} more at fault in the same record)", message) {
        let more: u64 = v[1].parse().ok()?;
        return Some(lang.tr_with(
            "refusal-import-more",
            &[
                ("message", Arg::Text(&said_deep(lang, v[0])?)),
                ("count", Arg::Number(more)),
            ],
        ));
    }
    if let Some(v) = fill("lines {}–{}: {}", message) {
        let first: u64 = v[0].parse().ok()?;
        v[1].parse::<u64>().ok()?;
        // The rows' fault may be the database's own words: kept as they are.
        let message = said_deep(lang, v[2]).unwrap_or_else(|| v[2].to_owned());
        return Some(lang.tr_with(
            "refusal-import-lines",
            &[
                ("first", Arg::Number(first)),
                ("last", Arg::Text(v[1])),
                ("message", Arg::Text(&message)),
            ],
        ));
    }
    if let Some(v) = fill("line {}: {}", message) {
        let line: u64 = v[0].parse().ok()?;
        return Some(lang.tr_with(
            "open-data-line",
            &[
                ("number", Arg::Number(line)),
                ("message", Arg::Text(&said_deep(lang, v[1])?)),
            ],
        ));
    }
    // A field or a file named first: it stays as it is.
    let (field, rest) = message.split_once(": ")?;
    if field.is_empty() || field.contains(' ') {
        return None;
    }
    let words = said_deep(lang, rest).or_else(|| {
        let fault = json_fault(lang, rest);
        (fault != lang.tr("json-fault-data")).then_some(fault)
    })?;
    Some(format!("{field}: {words}"))
}

/// What kind of fault a JSON parser found (as serde_json's
/// `Error::classify` sorts them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonFault {
    /// Not JSON at that place.
    Syntax,
    /// The text ends before the JSON does.
    Eof,
    /// JSON, but not a value the field takes.
    Data,
}

/// The messages serde_json gives a syntax fault (its `ErrorCode`s that
/// `classify` calls `Syntax`); any other at a position is about the data,
/// and "EOF while parsing …" is the end of the text.
const SYNTAX: &[&str] = &[
    "expected ",
    "invalid escape",
    "invalid number",
    "number out of range",
    "invalid unicode code point",
    "control character",
    "key must be a string",
    "float key must be finite",
    "lone leading surrogate",
    "trailing comma",
    "trailing characters",
    "unexpected end of hex escape",
    "recursion limit exceeded",
];

/// serde_json's account split into its message, its kind of fault and its
/// place (line and column), when it gives one.
pub fn read_json_fault(detail: &str) -> (&str, JsonFault, Option<(u64, u64)>) {
    let (message, at) = match detail.rsplit_once(" at line ") {
        Some((m, rest)) => match rest.split_once(" column ") {
            Some((l, c)) => match (l.parse(), c.parse()) {
                (Ok(l), Ok(c)) => (m, Some((l, c))),
                _ => (detail, None),
            },
            None => (detail, None),
        },
        None => (detail, None),
    };
    let kind = if message.starts_with("EOF while parsing") {
        JsonFault::Eof
    } else if at.is_some() && SYNTAX.iter().any(|s| message.starts_with(s)) {
        JsonFault::Syntax
    } else {
        JsonFault::Data
    };
    (message, kind, at)
}

/// serde_json's account (`detail`) in `lang`: the kind of fault and where
/// it is; for a value of the wrong kind, what is wrong when it is known.
pub fn json_fault(lang: Lang, detail: &str) -> String {
    let (message, kind, at) = read_json_fault(detail);
    let data = || {
        PATTERNS
            .iter()
            .filter(|(_, key, _)| key.starts_with("refusal-json-"))
            .find_map(|(pattern, key, slots)| word(lang, key, slots, &fill(pattern, message)?))
            .unwrap_or_else(|| lang.tr("json-fault-data"))
    };
    match (kind, at) {
        (JsonFault::Data, None) => data(),
        (kind, Some((line, column))) => {
            let key = match kind {
                JsonFault::Syntax => "json-fault-syntax-at",
                JsonFault::Eof => "json-fault-eof-at",
                JsonFault::Data => "json-fault-data-at",
            };
            let what = if kind == JsonFault::Data { data() } else { String::new() };
            lang.tr_with(
                key,
                &[
                    ("line", Arg::Number(line)),
                    ("column", Arg::Number(column)),
                    ("message", Arg::Text(&what)),
                ],
            )
        }
        (_, None) => lang.tr("json-fault-eof"),
    }
}

/// serde_json's account of one line of a JSON Lines file in `lang`: the
/// file's line is said by its caller, so a fault on the line's only line
/// is placed by its column alone.
fn json_fault_in_line(lang: Lang, detail: &str) -> String {
    match read_json_fault(detail) {
        (_, kind @ (JsonFault::Syntax | JsonFault::Eof), Some((1, column))) => lang.tr_with(
            if kind == JsonFault::Syntax {
                "json-fault-syntax-column"
            } else {
                "json-fault-eof-column"
            },
            &[("column", Arg::Number(column))],
        ),
        _ => json_fault(lang, detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value for a slot, as the code would write it.
    fn sample(slot: &Slot) -> &'static str {
        match slot {
            N(_) => "21",
            T(_) | X(_) | Country(_) => "x-1",
            Kind(_) => "person",
        }
    }

    /// Each pattern's English message is the pattern itself, so the
    /// catalogue and the code say the same; and in Russian and Kazakh it
    /// reads back into words that hold its values and no pattern's English.
    #[test]
    fn each_pattern_is_its_english_message_and_reads_back() {
        for (pattern, key, slots) in PATTERNS {
            let values: Vec<&str> = slots.iter().map(sample).collect();
            let mut english = (*pattern).to_owned();
            for v in &values {
                english = english.replacen("{}", v, 1);
            }
            assert_eq!(fill(pattern, &english).as_deref(), Some(&values[..]), "{pattern}");
            assert_eq!(
                word(Lang::En, key, slots, &values).as_deref(),
                Some(english.as_str()),
                "{key}"
            );
            for lang in [Lang::Ru, Lang::Kk] {
                let said = said(lang, &english).unwrap_or_else(|| panic!("{key}: not read back"));
                assert_ne!(said, english, "{key}");
                for (slot, v) in slots.iter().zip(&values) {
                    if matches!(slot, N(_) | T(_)) {
                        assert!(said.contains(v), "{key}: {said} lacks {v}");
                    }
                }
            }
        }
    }

    /// The messages `vigil-core`'s checks write (the last string of each
    /// `FieldError::new(…)` or `bad(…)` call, and its errors' `#[error]`
    /// sentences), a value standing for each `{…}`; test code left out.
    fn core_messages() -> Vec<String> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../vigil-core/src");
        let files = [
            "model.rs",
            "campaign.rs",
            "confidentiality.rs",
            "country.rs",
            "account.rs",
            "date.rs",
            "duration.rs",
            "casefile.rs",
            "casefile/references.rs",
            "accountability/rating.rs",
            "claim.rs",
        ];
        let literals = |code: &str| -> Vec<String> { code.split('"').skip(1).step_by(2).map(str::to_owned).collect() };
        let mut out = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(format!("{root}/{file}")).expect(file);
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for opener in ["FieldError::new(", "bad(", "#[error(\""] {
                for (at, _) in code.match_indices(opener) {
                    let rest = &code[at + opener.len()..];
                    // The call, to its closing parenthesis.
                    let mut depth = 1;
                    let end = rest
                        .char_indices()
                        .find(|(_, c)| {
                            match c {
                                '(' => depth += 1,
                                ')' => depth -= 1,
                                _ => {}
                            }
                            depth == 0
                        })
                        .map_or(rest.len(), |(i, _)| i);
                    let call = if opener.ends_with('"') {
                        format!("\"{}", &rest[..end])
                    } else {
                        rest[..end].to_owned()
                    };
                    // The message is the call's longest sentence (a field's
                    // path, "excerpts[{i}]", or a separator is none).
                    let sentences = literals(&call).into_iter().filter(|l| l.trim().contains(' '));
                    if let Some(message) = sentences.max_by_key(String::len) {
                        let mut filled = String::new();
                        let mut inside = false;
                        for c in message.chars() {
                            match c {
                                '{' => inside = true,
                                '}' if inside => {
                                    inside = false;
                                    filled.push('7');
                                }
                                _ if inside => {}
                                c => filled.push(c),
                            }
                        }
                        out.push(filled.replace("\\'", "'"));
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Every message of the records' own checks is said in Russian and
    /// Kazakh: none is left to reach a reader in English.
    #[test]
    fn every_check_of_the_core_is_said_in_russian_and_kazakh() {
        let messages = core_messages();
        assert!(messages.len() > 40, "the checks are read: {messages:#?}");
        for read in [
            "at most 7 items",
            "at most 7 characters",
            "'7' is not a day of the calendar",
            "a 7 cannot mark '7' confidential (allowed: 7)",
            "the part after the @ is not a domain name",
            "an ISO 3166-1 alpha-2 code, such as KZ",
        ] {
            assert!(messages.iter().any(|m| m == read), "{read} not read: {messages:#?}");
        }
        for m in &messages {
            for lang in [Lang::Ru, Lang::Kk] {
                let said = crate::field_message(lang, m);
                assert_ne!(&said, m, "{}: not said: {m}", lang.code());
            }
        }
    }

    #[test]
    fn numbers_choose_the_plural() {
        let said = |lang, n: u64| said(lang, &format!("at most {n} characters")).unwrap_or_default();
        assert_eq!(said(Lang::Ru, 1), "не более 1 символа");
        assert_eq!(said(Lang::Ru, 300), "не более 300 символов");
        assert_eq!(said(Lang::Kk, 300), "ең көбі 300 таңба");
        assert_eq!(said(Lang::Ru, 2), "не более 2 символов");
        assert_eq!(said(Lang::Ru, 21), "не более 21 символа");
    }

    #[test]
    fn a_kind_of_record_is_said_as_its_term() {
        let said = said(Lang::Ru, "'p-1' is a event, not a person").unwrap_or_default();
        assert!(
            said.contains("событие") && said.contains("человек") && said.contains("p-1"),
            "{said}"
        );
    }

    #[test]
    fn what_is_not_read_back_stays_unsaid() {
        assert_eq!(said(Lang::Ru, "something Vigil never says"), None);
        assert_eq!(said(Lang::Ru, "at most many characters"), None);
    }

    /// The kind of fault read from serde_json's words agrees with its own
    /// `classify`, and the place is its line and column.
    #[test]
    fn a_json_fault_is_read_as_serde_json_classifies_it() {
        for (text, line, column) in [
            ("{\"a\": 1,\n \"b\" 2}", 2, 6),
            ("{\"a\": [1, 2", 1, 11),
            ("[1, 2,]", 1, 7),
            ("{\"a\": \"\\q\"}", 1, 9),
            ("{\"a\": 1} x", 1, 10),
            ("", 1, 0),
            ("{1: 2}", 1, 2),
        ] {
            let e = serde_json::from_str::<serde_json::Value>(text).expect_err(text);
            let (_, kind, at) = read_json_fault(&e.to_string());
            let expected = match e.classify() {
                serde_json::error::Category::Syntax => JsonFault::Syntax,
                serde_json::error::Category::Eof => JsonFault::Eof,
                _ => JsonFault::Data,
            };
            assert_eq!(kind, expected, "{text}: {e}");
            assert_eq!(at, Some((e.line() as u64, e.column() as u64)), "{text}");
            assert_eq!((e.line(), e.column()), (line, column), "{text}");
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Two {
            a: u32,
            b: String,
        }
        for text in ["{\"a\": \"x\", \"b\": \"y\"}", "{\"a\": 1}"] {
            let e = serde_json::from_str::<Two>(text).expect_err(text);
            assert_eq!(e.classify(), serde_json::error::Category::Data);
            assert_eq!(read_json_fault(&e.to_string()).1, JsonFault::Data, "{e}");
        }
    }

    #[test]
    fn a_json_fault_is_said_in_words_with_its_place() {
        let e = serde_json::from_str::<serde_json::Value>("{\"a\": 1,\n \"b\" 2}").expect_err("bad");
        let ru = json_fault(Lang::Ru, &e.to_string());
        assert_eq!(ru, "синтаксическая ошибка в строке 2, столбец 6");
        let kk = json_fault(Lang::Kk, &e.to_string());
        assert_eq!(kk, "2-жолдың 6-бағанында синтаксис қатесі");
        let eof = serde_json::from_str::<serde_json::Value>("[1,").expect_err("bad");
        assert!(json_fault(Lang::Ru, &eof.to_string()).contains("обрывается"));
        let missing = json_fault(Lang::Ru, "missing field `name`");
        assert_eq!(missing, "нет обязательного поля «name»");
    }
}
