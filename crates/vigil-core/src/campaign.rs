//! Solidarity campaigns: what a campaign is, and the checks on what a
//! signer sends, as types that can only hold valid values ("parse, don't
//! validate"). Pure: the caller passes "now" and every secret in.
//!
//! A campaign is not a case-file record (it has no sources and no
//! history of facts); it links to a case and to persons by id.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use crate::country::Country;
use crate::model::FieldError;
use crate::RecordId;

/// The wording a signer agrees to when ticking the mailing-list box. It is
/// recorded with the signature, with the time, as the consent given.
pub const OPT_IN_WORDING: &str =
    "Yes, the organisers of this campaign may email me about this and related campaigns. I can withdraw at any time.";

/// The wording of the box that lets a signer's name go to the targets.
pub const NAMED_WORDING: &str = "Show my name (not my email) to the people this campaign addresses.";

/// A campaign's address: 3–64 of `a-z`, `0-9` and inner `-`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let s = s.trim();
        let ok = (3..=64).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        // `/campaigns/new` is the page that creates a campaign.
        if s == "new" {
            return Err(FieldError::new(
                "slug",
                "'new' names the page that creates a campaign: choose another slug",
            ));
        }
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(FieldError::new(
                "slug",
                "a slug is 3 to 64 lowercase letters, digits and single inner hyphens",
            ))
        }
    }
}

text_newtype!(Slug, String, |e: FieldError| e.message);

/// Providers that ignore dots in the local part.
const DOTLESS_PROVIDERS: &[&str] = &["gmail.com", "googlemail.com"];

/// Domains of throwaway mailboxes, refused for signing. A short built-in
/// list of the commonest; the server may add more from configuration.
pub const DISPOSABLE_DOMAINS: &[&str] = &[
    "mailinator.com",
    "guerrillamail.com",
    "guerrillamail.net",
    "sharklasers.com",
    "10minutemail.com",
    "10minutemail.net",
    "tempmail.com",
    "temp-mail.org",
    "yopmail.com",
    "yopmail.fr",
    "trashmail.com",
    "getnada.com",
    "dispostable.com",
    "maildrop.cc",
    "throwawaymail.com",
    "fakeinbox.com",
    "mintemail.com",
    "mohmal.com",
    "emailondeck.com",
    "tempr.email",
    "discard.email",
    "spamgourmet.com",
    "mailnesia.com",
    "trashmail.de",
    "moakt.com",
    "burnermail.io",
    "tempail.com",
    "mailcatch.com",
];

/// An email address as a signer gave it, with the form that decides
/// whether two addresses are the same person: lowercased, without a
/// `+tag`, and without dots for providers that ignore them (gmail.com and
/// googlemail.com, which are one provider); its domain in one form
/// whichever way it was written ([`unicode_domain`], then
/// [`fold_confusables`]): punycode or Unicode,
/// in any case, with look-alike letters of other scripts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    address: String,
    /// The domain in Unicode, lowercased and NFKC-normalised.
    domain: String,
    normalised: String,
}

impl Email {
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let bad = |m: &str| FieldError::new("email", m);
        let s = s.trim();
        if s.is_empty() {
            return Err(bad("an email address is required"));
        }
        if s.len() > 254 {
            return Err(bad("an email address is at most 254 characters"));
        }
        let (local, domain) = s.rsplit_once('@').ok_or_else(|| bad("an email address has an @"))?;
        if local.is_empty() || local.len() > 64 || local.contains('@') {
            return Err(bad("the part before the @ is 1 to 64 characters, with no other @"));
        }
        let local_ok = local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..");
        if !local_ok {
            return Err(bad("the part before the @ has characters an address cannot have"));
        }
        let domain = domain.to_lowercase();
        let unicode = unicode_domain(&domain).ok_or_else(|| bad("the part after the @ is not a domain name"))?;
        let labels: Vec<&str> = unicode.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if !domain_ok {
            return Err(bad("the part after the @ is not a domain name"));
        }
        let mut norm_local: String = local.nfkc().collect::<String>().to_lowercase();
        if let Some((base, _tag)) = norm_local.split_once('+') {
            norm_local = base.to_owned();
        }
        let norm_domain = if unicode == "googlemail.com" {
            "gmail.com".to_owned()
        } else {
            unicode
        };
        let key_domain = fold_confusables(&norm_domain);
        if DOTLESS_PROVIDERS.contains(&key_domain.as_str()) {
            norm_local.retain(|c| c != '.');
        }
        if norm_local.is_empty() {
            return Err(bad("the part before the @ is empty without its tag"));
        }
        Ok(Self {
            address: format!("{local}@{domain}"),
            normalised: format!("{norm_local}@{key_domain}"),
            domain: norm_domain,
        })
    }

    /// The address to send to.
    pub fn as_str(&self) -> &str {
        &self.address
    }

    /// The form that identifies a person (the one-signature key is a
    /// keyed hash of it).
    pub fn normalised(&self) -> &str {
        &self.normalised
    }

    /// The domain in Unicode, lowercased and NFKC-normalised (what
    /// invalidations by domain compare).
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// Whether the domain is a known throwaway one (or a subdomain of one),
    /// in whatever form it was written.
    pub fn is_disposable(&self, extra: &BTreeSet<String>) -> bool {
        let d = self.normalised.rsplit_once('@').map_or("", |(_, d)| d);
        DISPOSABLE_DOMAINS
            .iter()
            .copied()
            .chain(extra.iter().map(String::as_str))
            .any(|x| d == x || d.strip_suffix(x).is_some_and(|rest| rest.ends_with('.')))
    }
}

use unicode_normalization::UnicodeNormalization as _;

/// A domain in Unicode: punycode labels (`xn--…`) decoded and the whole
/// mapped as IDNA (UTS 46) does, then NFKC-normalised and lowercased.
/// `None` when it cannot be a domain name (a broken punycode label, a
/// character IDNA forbids).
pub fn unicode_domain(domain: &str) -> Option<String> {
    let (unicode, checked) = idna::domain_to_unicode(domain.trim().trim_end_matches('.'));
    checked.ok()?;
    Some(unicode.nfkc().collect::<String>().to_lowercase())
}

/// Lowercase letters of other scripts that look like a Latin letter, and
/// that letter: the Cyrillic, Greek and Armenian lowercase letters that
/// Unicode's confusables list (UTS 39, `confusables.txt`) maps to a single
/// Latin lowercase letter, plus the dotless i. A short list on purpose: it
/// decides only whether two addresses are one signer, and every letter in
/// it is one a forged domain would use.
const CONFUSABLES: &[(char, char)] = &[
    // Cyrillic
    ('\u{0430}', 'a'), // а
    ('\u{0441}', 'c'), // с
    ('\u{0501}', 'd'), // ԁ
    ('\u{0435}', 'e'), // е
    ('\u{04BB}', 'h'), // һ
    ('\u{0456}', 'i'), // і
    ('\u{0458}', 'j'), // ј
    ('\u{04CF}', 'l'), // ӏ
    ('\u{043E}', 'o'), // о
    ('\u{0440}', 'p'), // р
    ('\u{051B}', 'q'), // ԛ
    ('\u{0455}', 's'), // ѕ
    ('\u{051D}', 'w'), // ԝ
    ('\u{0445}', 'x'), // х
    ('\u{0443}', 'y'), // у
    ('\u{04AF}', 'y'), // ү
    // Greek
    ('\u{03B1}', 'a'), // α
    ('\u{03B9}', 'i'), // ι
    ('\u{03BF}', 'o'), // ο
    ('\u{03C1}', 'p'), // ρ
    ('\u{03C5}', 'u'), // υ
    ('\u{03BD}', 'v'), // ν
    ('\u{03B3}', 'y'), // γ
    // Armenian
    ('\u{0570}', 'h'), // հ
    ('\u{0585}', 'o'), // օ
    ('\u{057D}', 'u'), // ս
    // Latin
    ('\u{0131}', 'i'), // ı
];

/// `s` with every letter of [`CONFUSABLES`] replaced by the Latin letter
/// it looks like.
pub fn fold_confusables(s: &str) -> String {
    s.chars()
        .map(|c| CONFUSABLES.iter().find(|(from, _)| *from == c).map_or(c, |(_, to)| *to))
        .collect()
}

/// A language code: 2 or 3 lowercase ASCII letters (ISO 639).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Language(String);

impl Language {
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let s = s.trim().to_ascii_lowercase();
        if (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase()) {
            Ok(Self(s))
        } else {
            Err(FieldError::new(
                "language",
                "a language is a 2- or 3-letter ISO 639 code",
            ))
        }
    }
}

text_newtype!(Language, String, |e: FieldError| e.message);

/// A signer's name or organisation: trimmed, 1 to `max` characters, no
/// control characters.
pub fn short_text(field: &str, s: &str, max: usize) -> Result<String, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    if s.chars().count() > max {
        return Err(FieldError::new(field, format!("at most {max} characters")));
    }
    if s.chars().any(crate::name::is_control) {
        return Err(FieldError::new(field, "control characters are not allowed"));
    }
    Ok(s.to_owned())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CampaignState {
    Draft,
    Open,
    Closed,
    Delivered,
}

impl CampaignState {
    pub fn as_str(&self) -> &'static str {
        match self {
            CampaignState::Draft => "draft",
            CampaignState::Open => "open",
            CampaignState::Closed => "closed",
            CampaignState::Delivered => "delivered",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "draft" => CampaignState::Draft,
            "open" => CampaignState::Open,
            "closed" => CampaignState::Closed,
            "delivered" => CampaignState::Delivered,
            _ => return None,
        })
    }
    /// Closed or delivered: no more signatures, and the clock to
    /// anonymisation runs.
    pub fn is_over(&self) -> bool {
        matches!(self, CampaignState::Closed | CampaignState::Delivered)
    }
}

/// One language version of a campaign's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Version {
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = String, example = "en", pattern = "^[A-Za-z]{2,3}$")
    )]
    pub language: Language,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub text: String,
    /// The message to the campaign's targets.
    #[serde(default)]
    pub message: String,
}

impl Version {
    /// A version is published only when it has all three texts.
    pub fn is_complete(&self) -> bool {
        !self.title.trim().is_empty() && !self.text.trim().is_empty() && !self.message.trim().is_empty()
    }
}

/// Someone the campaign addresses (a minister, an ambassador, an ILO
/// official), who receives the digests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub name: String,
    #[serde(default)]
    pub role: String,
    pub email: String,
    /// The language the digests reach them in (its version of the
    /// campaign, Vigil's words in it); the campaign's first version's
    /// when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = Option<String>, example = "ru", pattern = "^[A-Za-z]{2,3}$")
    )]
    pub language: Option<Language>,
}

/// A campaign, whole and valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = String, example = "free-baltabay", pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", min_length = 3, max_length = 64)
    )]
    pub slug: Slug,
    /// The case the campaign is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<RecordId>,
    /// The persons it defends.
    #[serde(default)]
    pub persons: Vec<RecordId>,
    /// The first is the campaign's own language, and must be complete.
    pub versions: Vec<Version>,
    #[serde(default)]
    pub targets: Vec<Target>,
    /// The first day it takes signatures: an ISO 8601 date, `2026-12-03`.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date, example = "2026-12-03"))]
    pub starts: Option<time::Date>,
    /// The last day it takes signatures: an ISO 8601 date.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date, example = "2027-03-01"))]
    pub ends: Option<time::Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<u64>,
    pub state: CampaignState,
    /// A digest goes to each target every this many confirmed signatures
    /// (and at most daily otherwise); 0 sends only the daily one.
    #[serde(default)]
    pub digest_every: u64,
}

impl Campaign {
    /// Checks a campaign whole; every error names its field.
    pub fn check(self) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        match self.versions.first() {
            None => errors.push(FieldError::new(
                "versions",
                "a campaign has at least one language version",
            )),
            Some(v) if !v.is_complete() => errors.push(FieldError::new(
                "versions[0]",
                "the campaign's first version needs a title, a text and a message",
            )),
            _ => {}
        }
        let langs: BTreeSet<_> = self.versions.iter().map(|v| &v.language).collect();
        if langs.len() != self.versions.len() {
            errors.push(FieldError::new("versions", "one version per language"));
        }
        for (i, v) in self.versions.iter().enumerate() {
            if v.title.chars().count() > 300 {
                errors.push(FieldError::new(
                    format!("versions[{i}].title"),
                    "at most 300 characters",
                ));
            }
            if v.text.len() > 100_000 || v.message.len() > 100_000 {
                errors.push(FieldError::new(format!("versions[{i}]"), "a text is at most 100 kB"));
            }
        }
        for (i, t) in self.targets.iter().enumerate() {
            if t.name.trim().is_empty() {
                errors.push(FieldError::new(format!("targets[{i}].name"), "required"));
            }
            if let Err(e) = Email::parse(&t.email) {
                errors.push(FieldError::new(format!("targets[{i}].email"), e.message));
            }
        }
        if let (Some(s), Some(e)) = (self.starts, self.ends) {
            if e < s {
                errors.push(FieldError::new("ends", "the campaign ends before it starts"));
            }
        }
        if self.case.is_none() && self.persons.is_empty() {
            errors.push(FieldError::new("case", "a campaign is linked to a case or to persons"));
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors)
        }
    }

    /// The versions the public sees: the complete ones.
    pub fn published(&self) -> impl Iterator<Item = &Version> {
        self.versions.iter().filter(|v| v.is_complete())
    }

    /// The version for a reader: the first published one among `wanted`
    /// (in the reader's order of preference), else the campaign's own.
    pub fn version_for<'a>(&self, wanted: impl IntoIterator<Item = &'a str>) -> &Version {
        for w in wanted {
            let w = w.trim().to_ascii_lowercase();
            let primary = w.split(['-', '_']).next().unwrap_or_default();
            if let Some(v) = self.published().find(|v| v.language.as_str() == primary) {
                return v;
            }
        }
        &self.versions[0]
    }

    /// Whether it takes signatures on `today`.
    pub fn accepts_signatures(&self, today: time::Date) -> bool {
        self.state == CampaignState::Open
            && self.starts.is_none_or(|s| today >= s)
            && self.ends.is_none_or(|e| today <= e)
    }

    pub fn title(&self) -> &str {
        &self.versions[0].title
    }
}

/// A campaign's dates as ISO 8601 calendar dates (`"2026-12-03"`), in and
/// out. Campaigns saved before dates were written so are stored as
/// `[year, day-of-year]`, and that form is still read.
mod iso_date {
    use serde::{de, Deserialize, Deserializer, Serializer};
    use time::macros::format_description;

    const FORMAT: &[time::format_description::FormatItem<'static>] = format_description!("[year]-[month]-[day]");

    pub fn serialize<S: Serializer>(date: &Option<time::Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => {
                let text = d.format(FORMAT).map_err(serde::ser::Error::custom)?;
                s.serialize_str(&text)
            }
            None => s.serialize_none(),
        }
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Iso(String),
        YearAndDay(i32, u16),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<time::Date>, D::Error> {
        match Option::<Written>::deserialize(d).map_err(|_| de::Error::custom("a date is written YYYY-MM-DD"))? {
            None => Ok(None),
            Some(Written::Iso(s)) => time::Date::parse(s.trim(), FORMAT)
                .map(Some)
                .map_err(|_| de::Error::custom(format!("'{s}' is not a date written YYYY-MM-DD"))),
            Some(Written::YearAndDay(year, day)) => time::Date::from_ordinal_date(year, day)
                .map(Some)
                .map_err(|_| de::Error::custom("a date is written YYYY-MM-DD")),
        }
    }
}

/// Languages from an `Accept-Language` header, best first.
pub fn accept_language(header: &str) -> Vec<String> {
    let mut langs: Vec<(String, f32)> = header
        .split(',')
        .filter_map(|part| {
            let mut it = part.trim().split(';');
            let tag = it.next()?.trim().to_ascii_lowercase();
            if tag.is_empty() || tag == "*" {
                return None;
            }
            let q = it
                .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()))
                .unwrap_or(1.0);
            Some((tag, q))
        })
        .collect();
    langs.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
    langs.into_iter().map(|(t, _)| t).collect()
}

/// Proof of work: the signer's browser finds a `nonce` such that
/// SHA-256(`challenge` ":" `nonce`) starts with `bits` zero bits.
pub mod pow {
    use super::*;

    pub fn leading_zero_bits(hash: &[u8]) -> u32 {
        let mut n = 0;
        for b in hash {
            if *b == 0 {
                n += 8;
            } else {
                return n + b.leading_zeros();
            }
        }
        n
    }

    pub fn digest(challenge: &str, nonce: &str) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(challenge.as_bytes());
        h.update(b":");
        h.update(nonce.as_bytes());
        h.finalize().into()
    }

    pub fn verify(challenge: &str, nonce: &str, bits: u32) -> bool {
        nonce.len() <= 32 && leading_zero_bits(&digest(challenge, nonce)) >= bits
    }

    /// Finds a nonce (what the page's script does; for tests and tools).
    pub fn solve(challenge: &str, bits: u32) -> String {
        (0u64..)
            .map(|n| n.to_string())
            .find(|n| verify(challenge, n, bits))
            .unwrap_or_default()
    }
}

/// A CSV cell that a spreadsheet will not run as a formula: cells that
/// start with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading
/// apostrophe; every cell is quoted.
pub fn csv_cell(s: &str) -> String {
    let guarded = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emails_normalise() {
        let e = Email::parse("  Jane.Doe+camp@GoogleMail.com ").unwrap();
        assert_eq!(e.normalised(), "janedoe@gmail.com");
        assert_eq!(e.as_str(), "Jane.Doe+camp@googlemail.com");
        assert_eq!(
            Email::parse("j.d+x@Example.org").unwrap().normalised(),
            "j.d@example.org"
        );
        for bad in [
            "", "x", "@a.b", "a@b", "a@@b.c", "a b@c.de", "a@-b.c", ".a@b.cd", "+x@b.cd",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        assert!(Email::parse(&format!("{}@example.org", "a".repeat(65))).is_err());
    }

    #[test]
    fn one_domain_whichever_way_it_is_written() {
        let key = |e: &str| Email::parse(e).unwrap().normalised().to_owned();
        let punycode = idna::domain_to_ascii("bücher.example").unwrap();
        assert_eq!(punycode, "xn--bcher-kva.example");
        assert_eq!(key("anna@bücher.example"), key("anna@xn--bcher-kva.example"));
        assert_eq!(key("anna@bücher.example"), key("Anna@BÜCHER.example"));
        // Fullwidth letters (NFKC), a Cyrillic а, a Greek ο, in Unicode or punycode.
        let cyrillic = "ex\u{0430}mple.org";
        let cyrillic_puny = idna::domain_to_ascii(cyrillic).unwrap();
        assert!(cyrillic_puny.starts_with("xn--"), "{cyrillic_puny}");
        for same in [
            format!("ivan@{cyrillic}"),
            format!("ivan@{cyrillic_puny}"),
            format!("ivan@{}", cyrillic.to_uppercase()),
            "ivan@\u{FF45}xample.org".to_owned(),
            "ivan@example.\u{03BF}rg".to_owned(),
        ] {
            assert_eq!(key(&same), "ivan@example.org", "{same}");
        }
        let e = Email::parse(&format!("ivan@{cyrillic_puny}")).unwrap();
        assert_eq!(e.domain(), cyrillic, "the domain in Unicode");
        assert_eq!(e.as_str(), format!("ivan@{cyrillic_puny}"), "sent as written");
        assert_ne!(key("ivan@example.org"), key("ivan@example.com"));
        assert_ne!(key("ivan@example.org"), key("iv4n@example.org"));
        // A throwaway domain in disguise is one too.
        assert!(Email::parse("x@m\u{0430}ilinator.com")
            .unwrap()
            .is_disposable(&BTreeSet::new()));
        // Broken punycode is no domain.
        assert!(Email::parse("x@xn--a.example").is_err());
    }

    #[test]
    fn disposable_domains_are_known() {
        let none = BTreeSet::new();
        assert!(Email::parse("x@mailinator.com").unwrap().is_disposable(&none));
        assert!(Email::parse("x@eu.mailinator.com").unwrap().is_disposable(&none));
        assert!(!Email::parse("x@union.kz").unwrap().is_disposable(&none));
        // A domain that merely ends in the same letters is another one.
        assert!(!Email::parse("x@notmailinator.com").unwrap().is_disposable(&none));
        let extra = BTreeSet::from(["union.kz".to_owned()]);
        assert!(Email::parse("x@union.kz").unwrap().is_disposable(&extra));
    }

    #[test]
    fn dates_are_iso_in_and_out_and_the_old_form_still_reads() {
        let mut c = serde_json::to_value(campaign()).unwrap();
        c["starts"] = serde_json::json!("2026-12-03");
        c["ends"] = serde_json::json!([2027, 60]);
        let read: Campaign = serde_json::from_value(c.clone()).unwrap();
        assert_eq!(read.starts, Some(time::macros::date!(2026 - 12 - 03)));
        assert_eq!(read.ends, Some(time::macros::date!(2027 - 03 - 01)));
        let written = serde_json::to_value(&read).unwrap();
        assert_eq!(written["starts"], "2026-12-03");
        assert_eq!(written["ends"], "2027-03-01");
        for bad in [
            serde_json::json!("03/12/2026"),
            serde_json::json!("2026-02-30"),
            serde_json::json!(7),
        ] {
            c["starts"] = bad.clone();
            assert!(serde_json::from_value::<Campaign>(c.clone()).is_err(), "{bad}");
        }
    }

    #[test]
    fn slugs_and_codes() {
        assert!(Slug::parse("free-baltabay").is_ok());
        for bad in ["ab", "-ab", "ab-", "a--b", "Ab c", "héllo", "new"] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Country::parse("kz").unwrap().as_str(), "KZ");
        assert!(Country::parse("KAZ").is_err());
        assert!(Language::parse("ru").is_ok());
        assert!(Language::parse("r1").is_err());
    }

    fn campaign() -> Campaign {
        Campaign {
            slug: Slug::parse("free-erlan").unwrap(),
            case: Some(RecordId::parse("case-baltabay").unwrap()),
            persons: vec![],
            versions: vec![
                Version {
                    language: Language::parse("en").unwrap(),
                    title: "Free Erlan".into(),
                    text: "t".into(),
                    message: "m".into(),
                },
                Version {
                    language: Language::parse("ru").unwrap(),
                    title: "Свободу Ерлану".into(),
                    text: "т".into(),
                    message: String::new(),
                },
                Version {
                    language: Language::parse("fr").unwrap(),
                    title: "Libérez Erlan".into(),
                    text: "t".into(),
                    message: "m".into(),
                },
            ],
            targets: vec![],
            starts: None,
            ends: None,
            goal: None,
            state: CampaignState::Open,
            digest_every: 0,
        }
    }

    #[test]
    fn only_complete_versions_are_published() {
        let c = campaign().check().unwrap();
        assert_eq!(c.published().count(), 2);
        assert_eq!(c.version_for(["ru", "fr"]).language.as_str(), "fr");
        assert_eq!(c.version_for(["fr-CA"]).language.as_str(), "fr");
        assert_eq!(c.version_for(["de"]).language.as_str(), "en");
        let mut incomplete = campaign();
        incomplete.versions[0].message.clear();
        assert!(incomplete.check().is_err());
    }

    #[test]
    fn accept_language_is_ordered() {
        assert_eq!(accept_language("fr;q=0.5, ru, *;q=0.1"), vec!["ru", "fr"]);
    }

    #[test]
    fn proof_of_work_round_trips() {
        let n = pow::solve("abc", 8);
        assert!(pow::verify("abc", &n, 8));
        assert!(pow::verify("abc", "anything", 0));
        assert_eq!(pow::leading_zero_bits(&[0, 0x10]), 11);
    }

    #[test]
    fn csv_cells_are_inert() {
        assert_eq!(csv_cell("=1+1"), "\"'=1+1\"");
        assert_eq!(csv_cell("a\"b"), "\"a\"\"b\"");
        assert_eq!(csv_cell("-2"), "\"'-2\"");
    }

    proptest! {
        #[test]
        fn normalising_is_idempotent(local in "[a-zA-Z0-9._]{1,20}", tag in "[a-z0-9]{0,5}", gmail in any::<bool>()) {
            prop_assume!(!local.starts_with('.') && !local.ends_with('.') && !local.contains(".."));
            prop_assume!(local.chars().any(|c| c != '.'));
            let domain = if gmail { "gmail.com" } else { "example.org" };
            let addr = if tag.is_empty() { format!("{local}@{domain}") } else { format!("{local}+{tag}@{domain}") };
            let once = Email::parse(&addr).unwrap();
            let twice = Email::parse(once.normalised()).unwrap();
            prop_assert_eq!(once.normalised(), twice.normalised());
            prop_assert_eq!(once.normalised().to_lowercase(), once.normalised());
        }

        #[test]
        fn csv_cells_never_start_a_formula(s in ".{0,20}") {
            let c = csv_cell(&s);
            let inner = &c[1..];
            prop_assert!(!inner.starts_with(['=', '+', '-', '@', '\t', '\r']));
        }
    }
}
