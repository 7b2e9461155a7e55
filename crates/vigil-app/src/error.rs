//! The one error type of the application layer. Each variant is a reason
//! a request is refused, not an HTTP status: `vigil-web` maps them to
//! statuses and bodies in one place, the command line to a message.

use vigil_core::{FieldError, RecordId, RecordKind};
use vigil_store::StoreError;

use crate::i18n::{Arg, Lang};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Nothing by that id that the viewer may see. A record hidden from
    /// the viewer is "not found" too, so its existence is not revealed.
    #[error("no {kind} '{id}'")]
    NotFound {
        kind: &'static str,
        id: String,
        /// The input field that named it, when there is one.
        field: Option<String>,
    },
    /// Nothing there, said in words of its own ("the case file holds
    /// nothing about the country XX").
    #[error("{0}")]
    Absent(String),
    /// The viewer may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// Input that cannot be read as what it should be (malformed JSON, a
    /// bad parameter); names the field.
    #[error("{message}")]
    Malformed { field: String, message: String },
    /// Input that reads, but breaks a rule of the case file or of a
    /// campaign; names every field at fault.
    #[error("{}", .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    /// The request contradicts the state it would change (`code` says
    /// how: `decided`, `undecided`, …).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// A record that cannot be deleted while others refer to it: `by`
    /// names only those the viewer may see.
    #[error("'{id}' is still referred to by {}", if .by.is_empty() { "other records".to_owned() } else { .by.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ") })]
    Referenced { id: RecordId, by: Vec<RecordId> },
    /// A campaign that takes no signatures now.
    #[error("{0}")]
    Closed(String),
    /// Too many requests from one network.
    #[error("{0}")]
    RateLimited(String),
    /// A document that cannot be read (not text, HTML or a PDF with text).
    #[error("{0}")]
    Unreadable(String),
    /// The store refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A failure of Vigil's own, already logged; its details stay out of
    /// answers.
    #[error("internal error")]
    Internal,
}

impl AppError {
    pub fn not_found(kind: &'static str, id: &str) -> Self {
        AppError::NotFound {
            kind,
            id: id.chars().take(200).collect(),
            field: None,
        }
    }

    pub fn malformed(field: &str, message: impl Into<String>) -> Self {
        AppError::Malformed {
            field: field.to_owned(),
            message: message.into(),
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        AppError::Forbidden(message.into())
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        AppError::Conflict {
            code,
            message: message.into(),
        }
    }

    /// The same error naming the input `field` (for a not-found id given
    /// in a form or body).
    pub fn in_field(self, field: &str) -> Self {
        match self {
            AppError::NotFound { kind, id, .. } => AppError::NotFound {
                kind,
                id,
                field: Some(field.to_owned()),
            },
            other => other,
        }
    }
}

impl AppError {
    /// The reason in `lang`. In English it is the precise account given
    /// where the error arose; in another language the parts the
    /// catalogues know are put in words (what was not found, each field at
    /// fault), and a detail only the code words in English (a JSON
    /// parser's, a refusal's own text) is left out rather than shown in
    /// English.
    pub fn words(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            AppError::NotFound { kind, id, .. } => no_such(lang, kind, id),
            AppError::Malformed { field, message } => with_field(lang, &malformed_words(lang, field, message), field),
            AppError::Invalid(errors) => fields_words(lang, errors),
            AppError::Referenced { .. } => lang.tr("api-error-referenced"),
            AppError::Store(s) => store_words(s, lang),
            AppError::Internal => lang.tr("api-error-internal"),
            // Read back from the English where they arose; one the
            // catalogues cannot say is put as the refusal's kind.
            AppError::Absent(m) => said_or(lang, m, "api-error-not-found"),
            AppError::Forbidden(m) => said_or(lang, m, "api-error-forbidden"),
            AppError::Conflict { message: m, .. } => said_or(lang, m, "api-error-conflict"),
            AppError::Closed(m) => said_or(lang, m, "api-error-closed"),
            AppError::RateLimited(m) => said_or(lang, m, "api-error-rate-limited"),
            AppError::Unreadable(m) => unreadable_words(lang, m),
        }
    }
}

/// `message` in `lang` if the catalogues can say it, else the message
/// `key` (a refusal's kind in general words).
fn said_or(lang: Lang, message: &str, key: &str) -> String {
    crate::readback::said(lang, message).unwrap_or_else(|| lang.tr(key))
}

/// Why a document cannot be read (a [`vigil_extract::ReadError`] as it
/// reads in English), in `lang`.
fn unreadable_words(lang: Lang, message: &str) -> String {
    use vigil_extract::ReadError;
    let known = [
        ReadError::Empty,
        ReadError::NoText,
        ReadError::Binary,
        ReadError::NoTextLayer,
    ]
    .into_iter()
    .find(|e| e.to_string() == message)
    .or_else(|| {
        message
            .strip_prefix("not a readable PDF: ")
            .map(|detail| ReadError::Pdf(detail.to_owned()))
    });
    match known {
        Some(e) => crate::ingest::read_error_words(&e, lang),
        None => said_or(lang, message, "api-error-unreadable"),
    }
}

/// Why the input in `field` cannot be read, in `lang`: a JSON parser's
/// fault with its kind and place, a check's sentence, else that the
/// request holds a value Vigil cannot read. A message that starts by
/// naming its field ("year: …") is read without it.
pub fn malformed_words(lang: Lang, field: &str, message: &str) -> String {
    let message = message
        .strip_prefix(field)
        .and_then(|m| m.strip_prefix(": "))
        .unwrap_or(message);
    crate::readback::said(lang, message)
        .or_else(|| {
            // serde's account of a value, in a field's place.
            let words = crate::readback::json_fault(lang, message);
            (words != lang.tr("json-fault-data")).then_some(words)
        })
        .unwrap_or_else(|| lang.tr("api-error-bad-request"))
}

/// "There is no person 'x'", in `lang`: the kind in words when it is a
/// kind of record.
pub fn no_such(lang: Lang, kind: &str, id: &str) -> String {
    let what = kind.parse::<RecordKind>().map(|k| lang.term(&k)).unwrap_or_else(|_| {
        lang.tr(match kind {
            "account" => "api-error-kind-account",
            "attachment" => "api-error-kind-attachment",
            "campaign" => "api-error-kind-campaign",
            "invalidation" => "api-error-kind-invalidation",
            "page" => "api-error-kind-page",
            "partner link" => "api-error-kind-partner-link",
            "proposal" => "api-error-kind-proposal",
            "revision" => "api-error-kind-revision",
            "token" => "api-error-kind-token",
            _ => "api-error-record",
        })
    });
    lang.tr_with(
        "api-error-no-such",
        &[("what", Arg::Text(&what.to_lowercase())), ("name", Arg::Text(id))],
    )
}

fn with_field(lang: Lang, message: &str, field: &str) -> String {
    lang.tr_with(
        "api-error-with-field",
        &[("message", Arg::Text(message)), ("field", Arg::Text(field))],
    )
}

/// Each field at fault and why, in `lang`.
pub fn fields_words(lang: Lang, errors: &[FieldError]) -> String {
    let each: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.field, field_message(lang, &e.message)))
        .collect();
    format!("{} {}", lang.tr("api-error-invalid"), each.join("; "))
}

/// The store's refusal in `lang`.
pub fn store_words(e: &StoreError, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        StoreError::NotFound { kind, id } => no_such(lang, kind, id),
        StoreError::WrongKind { id, expected, .. } => no_such(lang, expected.as_str(), id.as_str()),
        StoreError::Conflict(id) => lang.tr_with("edit-error-id-taken", &[("text", Arg::Text(id.as_str()))]),
        StoreError::Invalid(errors) => fields_words(lang, errors),
        StoreError::Referenced { .. } => lang.tr("api-error-referenced"),
        StoreError::Stale { .. } => lang.tr("api-error-precondition-failed"),
        StoreError::Decided { .. } => lang.tr("api-error-decided"),
        StoreError::Backend(_) => lang.tr("api-error-storage"),
    }
}

/// A field's message in `lang`: the checks of the records themselves (in
/// `vigil-core`) say theirs in English, and those are put in words here;
/// one the catalogues do not know stays as it is.
pub fn field_message(lang: Lang, message: &str) -> String {
    if lang == Lang::En {
        return message.to_owned();
    }
    let key = match message {
        "required" => "edit-error-required",
        "must not be empty" => "edit-error-not-empty",
        "must be at most 500 characters" => "edit-error-too-long",
        "must not contain control characters" | "control characters are not allowed" => "edit-error-control",
        "an ISO 3166-1 alpha-2 code, such as KZ" => "edit-error-country",
        "an http:// or https:// address" => "edit-error-url",
        "a language tag such as en, ru or kk" | "a language is a 2- or 3-letter ISO 639 code" => "edit-error-language",
        "an event cannot act on itself" => "edit-error-self",
        "an organisation cannot be its own parent" => "edit-error-own-parent",
        "an event needs at least one excerpt of a source as evidence" => "edit-error-evidence",
        "a source needs its text" => "edit-error-source-text",
        "start must be before end" => "check-start-before-end",
        "the quoted text's length differs from end - start" => "check-quote-length",
        "a source's text is at most 1.5 MB" => "check-source-too-long",
        "a text is at most 100 kB" => "check-text-too-long",
        "at most 300 characters" => "check-at-most-300",
        "at most 20000 characters" => "check-at-most-20000",
        "1–500 characters" => "check-1-to-500",
        "a recommendation needs its words" => "check-recommendation-words",
        "a pledge quotes its words: at least one excerpt of a source" => "check-pledge-excerpt",
        "an excerpt quotes some text" => "check-excerpt-text",
        "an assessment needs evidence: at least one event or excerpt" => "check-assessment-evidence",
        "a slug is 3 to 64 lowercase letters, digits and single inner hyphens" => "check-slug",
        "'new' names the page that creates a campaign: choose another slug" => "check-slug-new",
        "a campaign has at least one language version" => "check-campaign-version",
        "a campaign is linked to a case or to persons" => "check-campaign-linked",
        "the campaign ends before it starts" => "check-campaign-ends",
        "one version per language" => "check-one-version-per-language",
        "the campaign's first version needs a title, a text and a message" => "check-campaign-first-version",
        "1–64 lowercase letters, digits, '_' or '-'" => "check-code",
        "codes must be unique" => "check-codes-unique",
        "a rule needs at least one indicator" => "check-rule-indicator",
        "an indicator counts at least one event type" => "check-indicator-event-type",
        "at most 200 indicators" => "check-at-most-200-indicators",
        "one to six thresholds" => "check-thresholds-count",
        "the first threshold starts at 0" => "check-first-threshold",
        "thresholds rise: each a higher score and a higher rating than the one before" => "check-thresholds-rise",
        "from and to are years from 1800 to 9999, from not after to" => "check-years",
        "a claim's key is 1–40 characters of a-z, 0-9 and '-'" => "check-claim-key",
        "another claim of this event has this key" => "check-claim-key-taken",
        "a claim gives a date, terms, a place or participants" => "check-claim-says",
        "a claim's participants name at least one record: leave the field out to keep the event's own" => {
            "check-claim-no-one"
        }
        "a claim needs an excerpt stating it: an excerpt whose `claim` is this key" => "check-claim-excerpt",
        "only an event's excerpts state claims" => "check-claim-only-events",
        crate::records::CONFIDENTIAL_ID_GIVEN => "edit-error-confidential-id",
        _ => return crate::readback::said(lang, message).unwrap_or_else(|| message.to_owned()),
    };
    lang.tr(key)
}

impl From<vigil_extract::ReadError> for AppError {
    fn from(e: vigil_extract::ReadError) -> Self {
        AppError::Unreadable(e.to_string())
    }
}

/// Logs a failure with its whole cause chain.
pub fn log_failure(e: &(dyn std::error::Error + 'static)) {
    tracing::error!(error = %vigil_core::error_chain(e), "request failed");
}

/// `body` read as JSON into a `T`; a mistake (a repeated key too) is
/// malformed input at its path in the body (`body` when the whole is wrong).
pub fn read_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    crate::json::unique_keys(body)?;
    let mut value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| AppError::malformed("body", format!("malformed JSON: {e}")))?;
    crate::json::whole_numbers(&mut value);
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        AppError::malformed(if path == "." { "body" } else { &path }, e.into_inner().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The application's refusals are said in the reader's words: a known
    /// sentence with its values, a document that cannot be read by why, and
    /// a sentence the catalogues do not know as its kind, never in English.
    #[test]
    fn refusals_are_said_in_the_readers_words() {
        let e = AppError::from(vigil_extract::ReadError::Empty);
        assert_eq!(e.words(Lang::Ru), Lang::Ru.tr("read-error-empty"));
        let e = AppError::from(vigil_extract::ReadError::Pdf("xref".into()));
        assert!(e.words(Lang::Kk).contains("xref") && e.words(Lang::Kk) != e.to_string());
        let e = AppError::conflict("self", "you cannot disable your own account");
        assert_eq!(e.words(Lang::Kk), "өз тіркелгіңізді өшіре алмайсыз");
        let e = AppError::Forbidden("a sentence no pattern knows".into());
        assert_eq!(e.words(Lang::Ru), Lang::Ru.tr("api-error-forbidden"));
        let e = AppError::malformed("year", "year must be a year between 1900 and 2200, such as 2019");
        assert_eq!(
            e.words(Lang::Ru),
            "год — число от 1900 до 2200, например 2019 (поле «year»)"
        );
        let e = AppError::Absent("the case file holds nothing about the country TV".into());
        assert_eq!(e.words(Lang::Ru), "в деле ничего нет о стране Тувалу");
    }

    /// What was not found is named by its kind in the reader's language,
    /// also when it is not a kind of record.
    #[test]
    fn what_was_not_found_is_named_by_its_kind() {
        for (kind, ru, kk) in [
            ("person", "человек", "адам"),
            ("campaign", "кампания", "науқан"),
            ("account", "учётная запись", "тіркелгі"),
            ("revision", "версия", "нұсқа"),
            ("something else", "запись", "жазба"),
        ] {
            let said = no_such(Lang::Ru, kind, "x-1");
            assert!(said.contains(ru) && said.contains("x-1"), "{kind}: {said}");
            let said = no_such(Lang::Kk, kind, "x-1");
            assert!(said.contains(kk) && said.contains("x-1"), "{kind}: {said}");
        }
    }
}
