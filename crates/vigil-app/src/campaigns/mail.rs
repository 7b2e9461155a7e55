//! Sending the mail queue: through an SMTP server (lettre), or into a
//! folder of sealed `.eml.sealed` files (the default, so a new user sees
//! the messages with `vigil outbox`; see [`super::outbox`]).
//!
//! The queue is a table: a message is queued in the same transaction as
//! what it is about, claimed for a while before sending, and marked sent
//! only after the server took it; its body is cleared then (the server or
//! the outbox has it), and the outbox's files naming a campaign's signers
//! are removed when they are anonymised ([`forget`]); a confirmation's
//! file goes sooner, once its link has expired ([`expire_confirmations`]). A crash between the two sends it again
//! (at least once, never lost); a failure is retried with exponential
//! backoff, and given up after [`MAX_ATTEMPTS`]. The worker sends rounds
//! of [`ROUND`] messages one after another, but a pause apart while
//! signatures come in a flood ([`super::flood`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use vigil_store::campaigns::{Campaigns, Mail, QueuedMail};

use super::outbox::{self, OutboxKey};
use super::Service;

pub const MAX_ATTEMPTS: u32 = 12;

/// Where mail goes.
#[derive(Clone)]
pub enum Transport {
    /// Nowhere: messages wait in the queue (a server that sends no mail).
    Off,
    /// `.eml` files in a folder.
    Outbox(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Transport::Off => f.write_str("Off"),
            Transport::Outbox(p) => write!(f, "Outbox({})", p.display()),
            Transport::Smtp(_) => f.write_str("Smtp(..)"),
        }
    }
}

impl Transport {
    /// An SMTP transport from a URL: `smtp://user:password@host:port`
    /// (plain; `?tls=required` for STARTTLS) or `smtps://…` (TLS).
    pub fn smtp(url: &str) -> Result<Self, String> {
        let t = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("not an SMTP URL: {e}"))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Transport::Smtp(t))
    }
}

/// How an SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tls {
    /// None (a relay on loopback, tests).
    Off,
    /// STARTTLS, required.
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
}

impl Transport {
    /// An SMTP transport from its parts.
    pub fn smtp_parts(
        host: &str,
        port: Option<u16>,
        tls: Tls,
        credentials: Option<(String, String)>,
    ) -> Result<Self, String> {
        let mut b = match tls {
            Tls::Off => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            Tls::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host).map_err(|e| e.to_string())?,
            Tls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host).map_err(|e| e.to_string())?,
        };
        if let Some(port) = port {
            b = b.port(port);
        }
        if let Some((user, password)) = credentials {
            b = b.credentials(lettre::transport::smtp::authentication::Credentials::new(
                user, password,
            ));
        }
        Ok(Transport::Smtp(b.timeout(Some(Duration::from_secs(20))).build()))
    }
}

/// `List-Unsubscribe: <https://…>` (RFC 2369).
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl lettre::message::header::Header for ListUnsubscribe {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.trim().trim_start_matches('<').trim_end_matches('>').to_owned()))
    }

    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the
/// mail client's one-click button posts to the link.
#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl lettre::message::header::Header for ListUnsubscribePost {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

fn message(from: &str, mail: &Mail) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("bad sender: {e}"))?;
    let to: Mailbox = mail.to.parse().map_err(|e| format!("bad recipient: {e}"))?;
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        .header(ContentType::TEXT_PLAIN);
    if let Some(link) = &mail.unsubscribe {
        if !link.starts_with("http://") && !link.starts_with("https://")
            || link.chars().any(|c| c.is_whitespace() || c.is_control() || c == '>')
        {
            return Err("bad unsubscribe link".into());
        }
        builder = builder
            .header(ListUnsubscribe(link.clone()))
            .header(ListUnsubscribePost);
    }
    builder
        .body(
            lettre::message::Body::new_with_encoding(
                mail.body.clone(),
                lettre::message::header::ContentTransferEncoding::QuotedPrintable,
            )
            .map_err(|_| "cannot encode the body".to_owned())?,
        )
        .map_err(|e| e.to_string())
}

/// Sends `due` through an SMTP server, one after another.
async fn send_smtp(
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &str,
    due: Vec<QueuedMail>,
) -> Vec<(QueuedMail, Result<(), String>)> {
    let mut results = Vec::with_capacity(due.len());
    for queued in due {
        let result = match message(from, &queued.mail) {
            Ok(m) => transport.send(m).await.map(|_| ()).map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        results.push((queued, result));
    }
    results
}

/// Writes `due` into the outbox folder `dir`, sealed at rest (each
/// message names a signer; see `outbox`), then makes the new names
/// durable. One blocking task for the round: a task a message was a
/// hand-over between threads for each.
async fn send_outbox(
    dir: &Path,
    key: &OutboxKey,
    from: &str,
    due: Vec<QueuedMail>,
) -> Vec<(QueuedMail, Result<(), String>)> {
    let formatted: Vec<Result<Vec<u8>, String>> = due
        .iter()
        .map(|q| message(from, &q.mail).map(|m| m.formatted()))
        .collect();
    let (dir, key) = (dir.to_owned(), key.clone());
    let ids: Vec<String> = due.iter().map(|q| q.id.clone()).collect();
    let written = tokio::task::spawn_blocking(move || {
        // Each message's result: its formatting's error, else its write's.
        let mut results: Vec<Result<(), String>> = formatted
            .iter()
            .map(|bytes| bytes.as_ref().map(|_| ()).map_err(Clone::clone))
            .collect();
        let (at, ready): (Vec<usize>, Vec<(&str, &[u8])>) = ids
            .iter()
            .zip(&formatted)
            .enumerate()
            .filter_map(|(i, (id, bytes))| Some((i, (id.as_str(), bytes.as_deref().ok()?))))
            .unzip();
        for (i, result) in at.into_iter().zip(outbox::write_round(&dir, &key, &ready)) {
            results[i] = result.map_err(|e| e.to_string());
        }
        // The round's new names made durable once, before any of its
        // messages is recorded as sent.
        if results.iter().any(Result::is_ok) {
            if let Err(e) = outbox::sync_folder(&dir) {
                for r in results.iter_mut().filter(|r| r.is_ok()) {
                    *r = Err(e.to_string());
                }
            }
        }
        results
    })
    .await;
    match written {
        Ok(results) => due.into_iter().zip(results).collect(),
        // Each message failed, to be tried again later and given up after
        // its attempts, as any failure.
        Err(e) => due.into_iter().map(|q| (q, Err(e.to_string()))).collect(),
    }
}

/// Removes the outbox's copies of messages `ids` (when anonymising the
/// signers they name); returns how many files went. A file that cannot be
/// removed is logged, and the rest still go.
pub async fn forget(transport: &Transport, ids: &[String]) -> usize {
    let Transport::Outbox(dir) = transport else {
        return 0;
    };
    let mut removed = 0;
    for id in ids {
        let sealed = outbox::file_name(id);
        for name in [
            outbox::unfinished(&sealed),
            sealed,
            format!("{id}.eml"),
            outbox::unfinished(id),
        ] {
            match tokio::fs::remove_file(dir.join(&name)).await {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => tracing::error!(file = name, error = %e, "an outbox message naming a signer was not removed"),
            }
        }
    }
    removed
}

/// Removes the outbox's confirmation messages older than `lifetime` (the
/// confirmation link's): their link no longer works, and each names its
/// signer. Returns how many went.
pub async fn expire_confirmations(transport: &Transport, lifetime: time::Duration) -> usize {
    let Transport::Outbox(dir) = transport else {
        return 0;
    };
    let Ok(lifetime) = std::time::Duration::try_from(lifetime) else {
        return 0;
    };
    let Ok(mut entries) = tokio::fs::read_dir(dir).await else {
        return 0;
    };
    let mut removed = 0;
    while let Ok(Some(entry)) = entries.next_entry().await {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // A confirmation is `c` and its signature's 32 hex digits.
        let confirmation = name
            .strip_suffix(outbox::SEALED)
            .or_else(|| name.strip_suffix(outbox::PLAIN))
            .and_then(|n| n.strip_prefix('c'))
            .is_some_and(|hex| hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()));
        if !confirmation {
            continue;
        }
        let old = entry
            .metadata()
            .await
            .and_then(|m| m.modified())
            .is_ok_and(|at| at.elapsed().is_ok_and(|age| age > lifetime));
        if old {
            match tokio::fs::remove_file(entry.path()).await {
                Ok(()) => removed += 1,
                Err(e) => tracing::error!(file = %name, error = %e, "an expired confirmation was not removed"),
            }
        }
    }
    removed
}

/// The most messages one round of the worker sends.
pub const ROUND: u32 = 200;

/// Sends what is due, then waits to be woken (or a second). During a
/// flood of signatures it pauses between rounds ([`super::flood`]).
pub async fn worker<S: Campaigns>(service: Arc<Service>, store: S) {
    if matches!(service.config.transport, Transport::Off) {
        return;
    }
    loop {
        match send_due(&service, &store).await {
            Ok(n) if n > 0 => {
                if service.flood.on(std::time::Instant::now()) {
                    tokio::time::sleep(super::flood::PAUSE).await;
                }
                continue;
            }
            Ok(_) => {}
            Err(e) => crate::log_failure(&e),
        }
        let _ = tokio::time::timeout(Duration::from_secs(1), service.mail_waiting.notified()).await;
    }
}

/// Sends one round of due messages; returns how many were tried.
pub async fn send_due<S: Campaigns>(service: &Service, store: &S) -> Result<usize, vigil_store::StoreError> {
    let due = store
        .claim_mail(vigil_store::now(), time::Duration::minutes(2), ROUND)
        .await?;
    let n = due.len();
    let from = &service.config.mail_from;
    let results = match &service.config.transport {
        Transport::Off => due
            .into_iter()
            .map(|q| (q, Err("no mail transport".to_owned())))
            .collect(),
        Transport::Outbox(dir) => send_outbox(dir, &OutboxKey::of(store), from, due).await,
        Transport::Smtp(t) => send_smtp(t, from, due).await,
    };
    let mut sent = Vec::new();
    for (queued, result) in results {
        match result {
            Ok(()) => sent.push(queued.id),
            Err(error) => {
                let attempts = queued.attempts + 1;
                let retry = (attempts < MAX_ATTEMPTS).then(|| {
                    let wait = 5i64.saturating_mul(1 << attempts.min(10)).min(3600);
                    vigil_store::now() + time::Duration::seconds(wait)
                });
                tracing::warn!(id = %queued.id, attempts, %error, "a message was not sent");
                store.mail_failed(&queued.id, &error, retry).await?;
            }
        }
    }
    store.mail_sent(&sent).await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queued(id: &str, to: &str) -> QueuedMail {
        QueuedMail {
            id: id.to_owned(),
            mail: Mail {
                to: to.to_owned(),
                subject: "Confirm".to_owned(),
                body: format!("Hello {id}\n"),
                unsubscribe: None,
            },
            attempts: 0,
        }
    }

    /// A message that cannot be written fails alone; the others of its
    /// round are written, each result beside its own message.
    #[tokio::test]
    async fn a_round_answers_for_each_message_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let key = OutboxKey::of_case_key(&vigil_store::SealKey::generate());
        let due = vec![
            queued("c1", "aigul@example.org"),
            queued("c2", "not an address"),
            queued("c3", "bota@example.org"),
            queued("../c4", "dana@example.org"),
            queued("c5", "erlan@example.org"),
        ];
        let results = send_outbox(dir.path(), &key, "vigil@example.org", due).await;
        let seen: Vec<(&str, bool)> = results.iter().map(|(q, r)| (q.id.as_str(), r.is_ok())).collect();
        assert_eq!(
            seen,
            [
                ("c1", true),
                ("c2", false),
                ("c3", true),
                ("../c4", false),
                ("c5", true)
            ]
        );
        assert!(results[1].1.as_ref().unwrap_err().contains("bad recipient"));
        for (id, to) in [("c1", "aigul"), ("c3", "bota"), ("c5", "erlan")] {
            let message = String::from_utf8(outbox::open(dir.path(), &key, id).unwrap()).unwrap();
            assert!(message.contains(&format!("To: {to}@example.org")), "{message}");
            assert!(outbox::decoded(message.as_bytes()).contains(&format!("Hello {id}")));
        }
        assert_eq!(outbox::list(dir.path()).unwrap().len(), 3);
    }
}
