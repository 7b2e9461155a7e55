//! What a campaign achieved, and who hears of it: targets' responses and
//! the campaign's result (editors record them), milestones (the goal
//! reached, a response received) that queue an update to every signer who
//! opted in, in their language, once; the status engine's news about the
//! campaign's persons since it began; and partners' links (a union that
//! asked for the campaign sees its counts and the signers who chose to be
//! named, nothing else).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::Digest;
use vigil_core::campaign::Campaign;
use vigil_core::status::RestraintKind;
use vigil_core::RecordId;
use vigil_store::campaigns::{CampaignRow, Campaigns, Mail, Milestone, PartnerLink, Response, ResultEntry};
use vigil_store::Store;

use super::signing::slug_of;
use super::Service;
use crate::i18n::{Arg, Lang};
use crate::records::require_writer;
use crate::{AppError, Result, Viewer};

/// The results a campaign can have.
pub const RESULTS: [&str; 4] = ["won", "partly_won", "lost", "ongoing"];

/// A response as an organiser sends it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseInput {
    pub target: String,
    pub text: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    #[serde(default)]
    pub link: Option<String>,
}

/// A result as an organiser sends it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultInput {
    pub result: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// A partner link as an organiser asks for it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerInput {
    pub partner: String,
}

fn bounded(field: &str, value: &str, max: usize) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(AppError::malformed(field, "this field is required"));
    }
    if v.chars().count() > max {
        return Err(AppError::malformed(field, format!("at most {max} characters")));
    }
    Ok(v.to_owned())
}

fn iso_date(field: &str, value: &str) -> Result<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(value.trim(), &format).map_err(|_| AppError::malformed(field, "a date is YYYY-MM-DD"))
}

/// A link: `http://` or `https://`, no spaces.
fn web_link(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"))
        .ok_or_else(|| AppError::malformed(field, "a link starts with https:// or http://"))?;
    if rest.is_empty() || v.len() > 2000 || v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(AppError::malformed(
            field,
            "a link is a web address of at most 2000 characters",
        ));
    }
    Ok(v.to_owned())
}

/// Checks a response: who, what, when, and where it can be read.
pub fn parse_response(body: &[u8]) -> Result<Response> {
    let r: ResponseInput = crate::read_json(body)?;
    let date = iso_date("date", &r.date)?;
    if date > crate::status::today() {
        return Err(AppError::malformed("date", "a response cannot come from the future"));
    }
    let link = match r.link.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(l) => Some(web_link("link", l)?),
    };
    Ok(Response {
        id: 0,
        target: bounded("target", &r.target, 300)?,
        text: bounded("text", &r.text, 20_000)?,
        date: date.to_string(),
        link,
        at: vigil_store::now(),
        author: String::new(),
    })
}

/// Records a target's response, and tells the signers who opted in.
pub async fn record_response<S: Campaigns + Store>(
    service: &std::sync::Arc<Service>,
    store: &S,
    viewer: &Viewer,
    raw_slug: &str,
    body: &[u8],
) -> Result<Response> {
    require_writer(viewer)?;
    let slug = slug_of(raw_slug)?;
    let row = store.campaign(slug.as_str()).await?;
    let response = parse_response(body)?;
    let stored = store.add_response(slug.as_str(), &response, &viewer.author()).await?;
    let milestone = format!("response-{}", stored.id);
    let mails = updates(service, store, &row.campaign, |lang, title| {
        let mut body = lang.tr_with(
            "campaign-update-response",
            &[("title", Arg::Text(title)), ("target", Arg::Text(&stored.target))],
        );
        body.push_str("\n\n");
        body.push_str(&stored.text);
        if let Some(link) = &stored.link {
            body.push_str("\n\n");
            body.push_str(link);
        }
        (
            lang.tr_with("campaign-update-response-subject", &[("title", Arg::Text(title))]),
            body,
        )
    })
    .await?;
    store.record_milestone(slug.as_str(), &milestone, &mails).await?;
    Ok(stored)
}

/// Records the campaign's result.
pub async fn record_result<S: Campaigns>(
    store: &S,
    viewer: &Viewer,
    raw_slug: &str,
    body: &[u8],
) -> Result<ResultEntry> {
    require_writer(viewer)?;
    let slug = slug_of(raw_slug)?;
    store.campaign(slug.as_str()).await?;
    let r: ResultInput = crate::read_json(body)?;
    if !RESULTS.contains(&r.result.as_str()) {
        return Err(AppError::malformed("result", "one of won, partly_won, lost, ongoing"));
    }
    let note = r.note.as_deref().unwrap_or_default().trim();
    if note.chars().count() > 5000 {
        return Err(AppError::malformed("note", "at most 5000 characters"));
    }
    Ok(store
        .set_result(slug.as_str(), &r.result, note, &viewer.author())
        .await?)
}

/// When the campaign has reached its goal, tells the signers who opted
/// in, once. Called by the background jobs: the confirmation that reaches
/// the goal records the milestone itself and its updates are written at
/// once ([`fill_goal`]); the jobs write them when that was cut short (a
/// crash), and record the goal when it was reached otherwise (a goal
/// lowered, an invalidation reverted).
pub async fn check_goal<S: Campaigns>(
    service: &std::sync::Arc<Service>,
    store: &S,
    row: &CampaignRow,
) -> Result<Option<Milestone>> {
    let Some(goal) = row.campaign.goal else { return Ok(None) };
    let slug = row.campaign.slug.as_str();
    match store
        .milestones(slug)
        .await?
        .into_iter()
        .find(|m| m.milestone == "goal")
    {
        Some(m) if m.pending => return fill_goal(service, store, slug).await,
        Some(_) => return Ok(None),
        None => {}
    }
    let confirmed = service.count(store, slug).await?.tally.confirmed;
    if confirmed < goal {
        return Ok(None);
    }
    let mails = goal_updates(service, store, &row.campaign, confirmed).await?;
    let reached = store.record_milestone(slug, "goal", &mails).await?;
    if reached.is_some() {
        service.mail_waiting.notify_one();
    }
    Ok(reached)
}

/// Writes the updates of a `goal` milestone that a confirmation recorded
/// pending; once, however many call it.
pub async fn fill_goal<S: Campaigns>(
    service: &std::sync::Arc<Service>,
    store: &S,
    slug: &str,
) -> Result<Option<Milestone>> {
    let row = store.campaign(slug).await?;
    let confirmed = store.tally(slug).await?.confirmed;
    let mails = goal_updates(service, store, &row.campaign, confirmed).await?;
    let filled = store.fill_milestone(slug, "goal", &mails).await?;
    if filled.is_some() {
        service.mail_waiting.notify_one();
    }
    Ok(filled)
}

async fn goal_updates<S: Campaigns>(
    service: &std::sync::Arc<Service>,
    store: &S,
    campaign: &Campaign,
    confirmed: u64,
) -> Result<Vec<Mail>> {
    updates(service, store, campaign, |lang, title| {
        let args = [("title", Arg::Text(title)), ("count", Arg::Number(confirmed))];
        (
            lang.tr_with("campaign-update-goal-subject", &args),
            lang.tr_with("campaign-update-goal", &args),
        )
    })
    .await
}

/// One message to each confirmed, valid signer who opted in, in their
/// language (the campaign's version in it for the title, Vigil's words in
/// it, else English), each with its own link to stop the updates (in the
/// body, and as `List-Unsubscribe`).
async fn updates<S: Campaigns>(
    service: &std::sync::Arc<Service>,
    store: &S,
    campaign: &Campaign,
    words: impl Fn(Lang, &str) -> (String, String),
) -> Result<Vec<Mail>> {
    let slug = campaign.slug.as_str();
    let secret = store.derived_secret(UNSUBSCRIBE_PURPOSE);
    let base = service.links_base();
    let signers = store.recipients(slug).await?;
    Ok(signers
        .into_iter()
        .map(|s| {
            let version = campaign.version_for([s.language.as_str()]);
            let lang = Lang::parse(&s.language).unwrap_or_default();
            let (subject, body) = words(lang, &version.title);
            let hello = lang.tr_with("campaign-mail-hello", &[("name", Arg::Text(&s.name))]);
            let link = format!(
                "{base}/campaigns/{slug}/unsubscribe/{}?lang={}",
                unsubscribe_token(&secret, slug, &s.id),
                lang.code()
            );
            let stop = lang.tr("campaign-unsubscribe-line");
            Mail {
                to: s.email,
                subject,
                body: format!("{hello}\n\n{body}\n\n-- \n{stop}\n{link}\n"),
                unsubscribe: Some(link),
            }
        })
        .collect())
}

/// What the key that makes unsubscribe links is derived for.
const UNSUBSCRIBE_PURPOSE: &str = "campaign unsubscribe";

/// A signature's link to stop the updates: `{id}.{mac}`, the mac an HMAC
/// of the campaign and the signature's id under a key derived from the
/// case file's (the same on every server). Nothing is stored: the link
/// cannot be made without the key, and a signature has one link for all
/// its updates.
fn unsubscribe_token(secret: &[u8; 32], slug: &str, id: &str) -> String {
    let mac = vigil_store::seal::keyed_hash(secret, format!("{slug}/{id}").as_bytes());
    let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    format!("{id}.{hex}")
}

/// Stops the updates to the signer whose link `token` is. `false` when
/// the token was not made by this case file (mistyped, forged); a true
/// token is answered `true` whether or not its signature still exists,
/// had opted in, or was withdrawn before: the answer says nothing about
/// the store, and a second use changes nothing.
pub async fn unsubscribe<S: Campaigns>(store: &S, raw_slug: &str, token: &str) -> Result<bool> {
    let Ok(slug) = slug_of(raw_slug) else { return Ok(false) };
    let Some((id, mac)) = token.split_once('.') else {
        return Ok(false);
    };
    if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) || mac.len() != 64 {
        return Ok(false);
    }
    let secret = store.derived_secret(UNSUBSCRIBE_PURPOSE);
    let expected = unsubscribe_token(&secret, slug.as_str(), id);
    if !vigil_store::campaigns::constant_time_eq(expected.as_bytes(), token.as_bytes()) {
        return Ok(false);
    }
    store.withdraw_opt_in(slug.as_str(), id).await?;
    Ok(true)
}

/// News of a campaign's person from the status engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct News {
    pub person: RecordId,
    pub name: String,
    /// `released`: a restraint in force when the campaign began is over;
    /// `new`: a restraint began since.
    pub change: &'static str,
    pub restraint: RestraintKind,
}

/// What changed for the campaign's persons since the day the campaign
/// began, as the status engine sees it: a restraint that began since (a
/// new sentence, a detention), or one in force then that has ended since
/// (a release). Each person's own events only; the persons `viewer` may
/// not see are left out.
pub async fn news<S: Store>(store: &S, viewer: &Viewer, row: &CampaignRow) -> Result<Vec<News>> {
    let began = row.campaign.starts.unwrap_or_else(|| row.created_at.date());
    let today = crate::status::today();
    let mut out = Vec::new();
    for person in &row.campaign.persons {
        let Ok(record) = store.record(person, viewer.visibility).await else {
            continue;
        };
        let filter = vigil_store::EventFilter {
            person: Some(person.clone()),
            ..vigil_store::EventFilter::all(viewer.visibility)
        };
        let events = crate::status::all_events(store, &filter).await?;
        let confirmed = crate::status::confirmations(store, viewer.visibility, &events).await?;
        for span in crate::status::spans(person, &events, &confirmed, today) {
            let change = if span.start >= began {
                "new"
            } else if span.end.is_some_and(|end| end > began && end <= today) {
                "released"
            } else {
                continue;
            };
            out.push(News {
                person: person.clone(),
                name: record.title().to_owned(),
                change,
                restraint: span.kind,
            });
        }
    }
    Ok(out)
}

fn token_hash(token: &str) -> [u8; 32] {
    sha2::Sha256::digest(token.as_bytes()).into()
}

/// Gives a partner a link; the token is shown once, only its hash is kept.
pub async fn create_partner_link<S: Campaigns>(
    store: &S,
    viewer: &Viewer,
    raw_slug: &str,
    body: &[u8],
) -> Result<(PartnerLink, String)> {
    require_writer(viewer)?;
    let slug = slug_of(raw_slug)?;
    store.campaign(slug.as_str()).await?;
    let input: PartnerInput = crate::read_json(body)?;
    let partner = bounded("partner", &input.partner, 200)?;
    let token = crate::credentials::random_token();
    let link = store
        .create_partner_link(slug.as_str(), &partner, &token_hash(&token), &viewer.author())
        .await?;
    Ok((link, token))
}

/// Ends a partner's link.
pub async fn revoke_partner_link<S: Campaigns>(
    store: &S,
    viewer: &Viewer,
    raw_slug: &str,
    id: i64,
) -> Result<PartnerLink> {
    require_writer(viewer)?;
    let slug = slug_of(raw_slug)?;
    store.campaign(slug.as_str()).await?;
    Ok(store.revoke_partner_link(slug.as_str(), id, &viewer.author()).await?)
}

/// What a partner sees: counts, and the signers who chose to be named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartnerView {
    pub slug: String,
    pub title: String,
    pub confirmed: u64,
    pub by_country: BTreeMap<String, u64>,
    /// By the organisation signers gave; `""` for none.
    pub by_organisation: BTreeMap<String, u64>,
    pub named: Vec<String>,
}

/// The view a partner's token opens; an unknown or revoked token is not
/// found (whether it ever existed is not told).
pub async fn partner_view<S: Campaigns>(
    service: &std::sync::Arc<Service>,
    store: &S,
    token: &str,
) -> Result<PartnerView> {
    let not_found = || AppError::not_found("partner link", "");
    if token.is_empty() || token.len() > 200 {
        return Err(not_found());
    }
    let Some(slug) = store.partner_campaign(&token_hash(token)).await? else {
        return Err(not_found());
    };
    let row = store.campaign(&slug).await?;
    // The count kept in memory (at most `count_refresh` old), and the
    // counts by organisation kept in the store: the view reads a row per
    // organisation and the named signers, not every signature.
    let tally = service.count(store, &slug).await?.tally;
    Ok(PartnerView {
        title: row.campaign.title().to_owned(),
        confirmed: tally.confirmed,
        by_country: tally.by_country,
        by_organisation: store.signatures_by_organisation(&slug).await?,
        named: store.named_signers(&slug, time::OffsetDateTime::UNIX_EPOCH).await?,
        slug,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_is_checked_field_by_field() {
        let ok = parse_response(
            br#"{"target":" The Minister ","text":"Under review.","date":"2026-01-05","link":"https://gov.example/a.pdf"}"#,
        )
        .expect("valid");
        assert_eq!((ok.target.as_str(), ok.date.as_str()), ("The Minister", "2026-01-05"));
        let field = |body: &[u8]| match parse_response(body) {
            Err(AppError::Malformed { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(br#"{"target":"M","text":"t","date":"5 Jan 2026"}"#), "date");
        assert_eq!(field(br#"{"target":"M","text":"t","date":"2999-01-01"}"#), "date");
        assert_eq!(field(br#"{"target":" ","text":"t","date":"2026-01-05"}"#), "target");
        assert_eq!(field(br#"{"target":"M","text":"","date":"2026-01-05"}"#), "text");
        assert_eq!(
            field(br#"{"target":"M","text":"t","date":"2026-01-05","link":"javascript:alert(1)"}"#),
            "link"
        );
    }
}
