//! What campaigns need beyond handlers: the group commit that turns many
//! concurrent signing requests into one transaction, the counts served
//! from memory, the anti-abuse state (rate limits, used proof-of-work
//! challenges), the mail queue's worker, and the background jobs
//! (recounts, digests to targets, anonymisation).
//!
//! # Group commit
//! Every signature and confirmation goes to one writer task over a
//! channel. The writer takes whatever has queued up (up to
//! [`BATCH_MAX`]), applies it in one transaction ([`Campaigns::apply`]),
//! and only then answers each waiting request: a 2xx means committed.
//! While a batch commits the next one gathers, so the batch grows with
//! the load and the cost of a commit is shared.
//!
//! # Counts
//! Counts are kept in memory per campaign with their JSON ready to send;
//! the writer adds each batch's confirmations once the batch commits.
//! Reads never touch the database; an entry older than
//! [`Config::count_refresh`] is recounted in the background (which also
//! picks up confirmations made by another server on the same database and
//! corrects any drift), and an editor can ask for a recount at once.

pub mod flood;
pub mod mail;
pub mod organising;
pub mod outbox;
pub mod outcomes;
pub mod signing;

use std::collections::{BTreeSet, HashMap};
use std::net::IpAddr;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

use bytes::Bytes;
use tokio::sync::{mpsc, oneshot};
use vigil_store::campaigns::{CampaignRow, Campaigns, Op, Outcome, Tally};
use vigil_store::StoreError;

use crate::i18n::Lang;

pub use mail::Transport;

/// The most operations one transaction takes.
pub const BATCH_MAX: usize = 2000;

/// The default proof-of-work difficulty: about a second of hashing for a
/// phone's browser (2^18 SHA-256 on average).
pub const DEFAULT_POW_BITS: u32 = 18;

/// How campaigns run; from configuration (see the binary's `serve`).
#[derive(Debug, Clone)]
pub struct Config {
    /// Leading zero bits a proof of work must have; 0 turns it off.
    pub pow_bits: u32,
    /// Signatures per minute per address and per network (/24 or /48);
    /// `None` turns rate limits off.
    pub rate_limits: Option<RateLimits>,
    /// Where mail goes.
    pub transport: Transport,
    /// The sender of every message.
    pub mail_from: String,
    /// The address links in messages start with; without it, from the
    /// request's Host.
    pub public_url: Option<String>,
    /// Signers' personal data is removed this long after a campaign closes.
    pub anonymise_after: time::Duration,
    /// A count older than this is recounted in the background.
    pub count_refresh: Duration,
    /// How long a confirmation link works.
    pub token_lifetime: time::Duration,
    /// How often the background jobs (digests, anonymisation) run.
    pub jobs_every: Duration,
    /// Domains refused besides the built-in list.
    pub disposable_domains: BTreeSet<String>,
    /// A form without a proof of work (a browser without JavaScript) is
    /// accepted when its challenge is at least this old.
    pub form_min_age: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    pub per_ip: u32,
    pub per_network: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            per_ip: 10,
            per_network: 300,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            pow_bits: DEFAULT_POW_BITS,
            rate_limits: Some(RateLimits::default()),
            transport: Transport::Off,
            mail_from: "Vigil campaigns <campaigns@localhost>".into(),
            public_url: None,
            anonymise_after: time::Duration::days(183),
            count_refresh: Duration::from_secs(30),
            token_lifetime: time::Duration::days(7),
            jobs_every: Duration::from_secs(60),
            disposable_domains: BTreeSet::new(),
            form_min_age: Duration::from_secs(5),
        }
    }
}

type Reply = oneshot::Sender<Result<Outcome, Arc<StoreError>>>;

/// A campaign's count, ready to send.
#[derive(Clone)]
pub struct CachedCount {
    pub tally: Tally,
    pub body: Bytes,
    loaded: Instant,
}

/// The campaigns' shared state in one server.
pub struct Service {
    pub config: Config,
    writer: OnceLock<mpsc::Sender<(Op, Reply)>>,
    counts: RwLock<HashMap<String, CachedCount>>,
    campaigns: RwLock<HashMap<String, (CampaignRow, Instant)>>,
    /// The words of confirmation messages, by language and title.
    confirmation_words: RwLock<HashMap<(&'static str, String), Arc<signing::ConfirmationWords>>>,
    refreshing: Mutex<BTreeSet<String>>,
    used_challenges: Mutex<HashMap<String, i64>>,
    limiter: Mutex<Limiter>,
    /// Wakes the mail worker when messages were queued.
    pub mail_waiting: tokio::sync::Notify,
    /// Whether signatures are coming in a flood (the mail worker gives way).
    pub flood: flood::Flood,
    jobs: OnceLock<()>,
    /// Batches committed, operations in them, and microseconds spent
    /// committing them (for benchmarks and logs).
    pub batches: std::sync::atomic::AtomicU64,
    pub batched_ops: std::sync::atomic::AtomicU64,
    pub commit_micros: std::sync::atomic::AtomicU64,
    /// The start of links in messages written outside a request (updates
    /// to signers): [`Config::public_url`], else the last request's.
    links_base: RwLock<Option<String>>,
}

impl std::fmt::Debug for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Default for Service {
    fn default() -> Self {
        Self::new(Config::default())
    }
}

impl Service {
    pub fn new(config: Config) -> Self {
        Self {
            config,
            writer: OnceLock::new(),
            counts: RwLock::default(),
            campaigns: RwLock::default(),
            confirmation_words: RwLock::default(),
            refreshing: Mutex::default(),
            used_challenges: Mutex::default(),
            limiter: Mutex::default(),
            mail_waiting: tokio::sync::Notify::new(),
            flood: flood::Flood::default(),
            jobs: OnceLock::new(),
            batches: Default::default(),
            batched_ops: Default::default(),
            commit_micros: Default::default(),
            links_base: RwLock::default(),
        }
    }

    /// Remembers where requests come to (`base`, as links start), for
    /// messages written outside a request.
    pub fn remember_base(&self, base: &str) {
        if self.config.public_url.is_some() {
            return;
        }
        let mut kept = self.links_base.write().unwrap_or_else(|e| e.into_inner());
        if kept.as_deref() != Some(base) {
            *kept = Some(base.to_owned());
        }
    }

    /// The start of links in messages: the configured public address,
    /// else the one requests last came to.
    pub fn links_base(&self) -> String {
        if let Some(url) = &self.config.public_url {
            return url.trim_end_matches('/').to_owned();
        }
        let kept = self.links_base.read().unwrap_or_else(|e| e.into_inner());
        kept.clone().unwrap_or_else(|| "http://localhost".to_owned())
    }

    /// Starts the background jobs once (mail worker, digests,
    /// anonymisation). Called by the server at start.
    pub fn start<S: Campaigns>(self: &Arc<Self>, store: &S) {
        if self.jobs.set(()).is_err() {
            return;
        }
        self.writer(store);
        self.start_mail_worker(store);
        tokio::spawn(jobs(self.clone(), store.clone()));
    }

    /// The mail worker, on a thread of its own that gives way to the
    /// server's: under a signing flood the cores go to signers first (each
    /// signature and its message are committed before the answer), and
    /// the queued messages go out as the flood leaves room. Measured with
    /// `bench/campaign_wrk.sh`: at the server's priority the worker's
    /// rounds took the cores and the writer from signing.
    fn start_mail_worker<S: Campaigns>(self: &Arc<Self>, store: &S) {
        // The worker stops with the server's runtime: this task, dropped
        // then, drops the sender the worker's thread watches.
        let (keep, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _keep = keep;
            std::future::pending::<()>().await
        });
        let (service, worker_store, main) = (self.clone(), store.clone(), tokio::runtime::Handle::current());
        let own = std::thread::Builder::new().name("mail".into()).spawn(move || {
            crate::priority::give_way();
            let work = async move {
                tokio::select! {
                    () = mail::worker(service, worker_store) => {}
                    _ = stopped => {}
                }
            };
            match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(runtime) => runtime.block_on(work),
                Err(e) => {
                    tracing::warn!(error = %e, "the mail worker runs on the server's workers");
                    main.spawn(work);
                }
            }
        });
        if let Err(e) = own {
            tracing::warn!(error = %e, "the mail worker runs on the server's workers");
            tokio::spawn(mail::worker(self.clone(), store.clone()));
        }
    }

    fn writer<S: Campaigns>(self: &Arc<Self>, store: &S) -> &mpsc::Sender<(Op, Reply)> {
        self.writer.get_or_init(|| {
            let (tx, rx) = mpsc::channel(BATCH_MAX * 4);
            // On a thread of its own: each of a batch's statements resumes
            // the writer at once, rather than behind every request waiting
            // for the server's workers (under load the batch took most of its
            // time waiting there, and signing was limited by it).
            let (service, store, main) = (self.clone(), store.clone(), tokio::runtime::Handle::current());
            let own = std::thread::Builder::new().name("group-commit".into()).spawn(move || {
                match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                    Ok(runtime) => runtime.block_on(group_commit(service, store, rx, main)),
                    // Then on the server's workers, as it would be without.
                    Err(e) => {
                        tracing::warn!(error = %e, "the group commit runs on the server's workers");
                        main.clone().block_on(group_commit(service, store, rx, main))
                    }
                }
            });
            if let Err(e) = own {
                tracing::error!(error = %e, "cannot start the group commit's thread");
            }
            tx
        })
    }

    /// Applies one operation through the group commit; answers once its
    /// batch is committed.
    pub async fn submit<S: Campaigns>(self: &Arc<Self>, store: &S, op: Op) -> Result<Outcome, Arc<StoreError>> {
        let (reply, answer) = oneshot::channel();
        let lost = || Arc::new(StoreError::Backend("the signature writer stopped".into()));
        self.writer(store).send((op, reply)).await.map_err(|_| lost())?;
        answer.await.map_err(|_| lost())?
    }

    /// A campaign, from memory when read in the last two seconds (every
    /// signature needs it; edits on this server are seen at once).
    pub async fn campaign<S: Campaigns>(&self, store: &S, slug: &str) -> Result<CampaignRow, StoreError> {
        if let Some((row, at)) = self.campaigns.read().expect("lock").get(slug) {
            if at.elapsed() < Duration::from_secs(2) {
                return Ok(row.clone());
            }
        }
        let row = store.campaign(slug).await?;
        let mut cache = self.campaigns.write().expect("lock");
        if cache.len() > 10_000 {
            cache.clear();
        }
        cache.insert(slug.to_owned(), (row.clone(), Instant::now()));
        Ok(row)
    }

    /// The words every signer of a version titled `title` is told in
    /// `lang` when asked to confirm, written at its first signature.
    pub fn confirmation_words(&self, lang: Lang, title: &str) -> Arc<signing::ConfirmationWords> {
        let key = (lang.code(), title.to_owned());
        if let Some(words) = self
            .confirmation_words
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return words.clone();
        }
        let words = Arc::new(signing::ConfirmationWords::new(
            lang,
            title,
            self.config.token_lifetime.whole_days(),
        ));
        let mut kept = self.confirmation_words.write().unwrap_or_else(|e| e.into_inner());
        // Titles edited many times leave old entries: start again rather
        // than grow without end.
        if kept.len() > 1_000 {
            kept.clear();
        }
        kept.insert(key, words.clone());
        words
    }

    pub fn forget_campaign(&self, slug: &str) {
        self.campaigns.write().expect("lock").remove(slug);
    }

    /// The count of a campaign if it is in memory (refreshed in the
    /// background when old).
    pub fn cached_count<S: Campaigns>(self: &Arc<Self>, store: &S, slug: &str) -> Option<CachedCount> {
        let c = self.counts.read().expect("counts lock").get(slug).cloned()?;
        if c.loaded.elapsed() > self.config.count_refresh {
            self.refresh_in_background(store, slug);
        }
        Some(c)
    }

    /// The count of a campaign, from memory; loaded at first use, and
    /// recounted in the background once it is older than the refresh age.
    pub async fn count<S: Campaigns>(self: &Arc<Self>, store: &S, slug: &str) -> Result<CachedCount, StoreError> {
        let cached = self.counts.read().expect("counts lock").get(slug).cloned();
        match cached {
            Some(c) => {
                if c.loaded.elapsed() > self.config.count_refresh {
                    self.refresh_in_background(store, slug);
                }
                Ok(c)
            }
            None => self.recount(store, slug).await,
        }
    }

    /// Counts afresh from the database, and serves that from now on.
    pub async fn recount<S: Campaigns>(&self, store: &S, slug: &str) -> Result<CachedCount, StoreError> {
        let tally = store.tally(slug).await?;
        let entry = CachedCount::new(tally);
        self.counts
            .write()
            .expect("counts lock")
            .insert(slug.to_owned(), entry.clone());
        Ok(entry)
    }

    fn refresh_in_background<S: Campaigns>(self: &Arc<Self>, store: &S, slug: &str) {
        if !self.refreshing.lock().expect("lock").insert(slug.to_owned()) {
            return;
        }
        let (me, store, slug) = (self.clone(), store.clone(), slug.to_owned());
        tokio::spawn(async move {
            if let Err(e) = me.recount(&store, &slug).await {
                tracing::warn!(error = %e, slug, "recount failed");
            }
            me.refreshing.lock().expect("lock").remove(&slug);
        });
    }

    /// Forgets a campaign's count (after an invalidation): the next read
    /// recounts.
    pub fn forget_count(&self, slug: &str) {
        self.counts.write().expect("counts lock").remove(slug);
    }

    fn add_confirmations(&self, confirmed: &[(String, String, String)]) {
        if confirmed.is_empty() {
            return;
        }
        let mut counts = self.counts.write().expect("counts lock");
        let mut touched = BTreeSet::new();
        for (slug, country, language) in confirmed {
            // A campaign not in memory is counted whole at its next read.
            if let Some(entry) = counts.get_mut(slug) {
                entry.tally.confirmed += 1;
                *entry.tally.by_country.entry(country.clone()).or_default() += 1;
                *entry.tally.by_language.entry(language.clone()).or_default() += 1;
                touched.insert(slug.clone());
            }
        }
        for slug in touched {
            if let Some(entry) = counts.get_mut(&slug) {
                entry.body = CachedCount::body_of(&entry.tally);
            }
        }
    }

    /// A challenge for the signing form: `slug.time.random.mac`.
    pub fn challenge(&self, secret: &[u8; 32], slug: &str) -> String {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let random = &crate::credentials::random_token()[..16];
        let body = format!("{slug}.{now}.{random}");
        format!("{body}.{}", mac(secret, &body))
    }

    /// Checks a challenge and its proof, and uses the challenge up.
    /// `nonce` `None`: a form without JavaScript, accepted only when the
    /// challenge is old enough. A refused challenge is not used up.
    pub fn check_proof(
        &self,
        secret: &[u8; 32],
        slug: &str,
        challenge: &str,
        nonce: Option<&str>,
    ) -> Result<(), ProofError> {
        if self.config.pow_bits == 0 {
            return Ok(());
        }
        let parts: Vec<&str> = challenge.split('.').collect();
        let [c_slug, at, random, given_mac] = parts[..] else {
            return Err(ProofError::Malformed);
        };
        let body = format!("{c_slug}.{at}.{random}");
        if c_slug != slug
            || !vigil_store::campaigns::constant_time_eq(mac(secret, &body).as_bytes(), given_mac.as_bytes())
        {
            return Err(ProofError::NotOurs);
        }
        let at: i64 = at.parse().map_err(|_| ProofError::Malformed)?;
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        if now - at > 3600 || at > now + 60 {
            return Err(ProofError::Expired);
        }
        match nonce {
            Some(n) if vigil_core::campaign::pow::verify(challenge, n, self.config.pow_bits) => {}
            Some(_) => return Err(ProofError::Wrong),
            None if now - at >= self.config.form_min_age.as_secs() as i64 => {}
            None => return Err(ProofError::TooFast),
        }
        let mut used = self.used_challenges.lock().expect("lock");
        if used.len() > 200_000 {
            used.retain(|_, t| now - *t <= 3600);
        }
        if used.insert(challenge.to_owned(), at).is_some() {
            return Err(ProofError::Used);
        }
        Ok(())
    }

    /// Counts a signing attempt from `ip`; false when over a limit.
    pub fn allow(&self, ip: IpAddr) -> bool {
        let Some(limits) = self.config.rate_limits else {
            return true;
        };
        self.limiter.lock().expect("lock").allow(ip, limits)
    }
}

/// Why a form's challenge or proof of work was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofError {
    Malformed,
    NotOurs,
    Expired,
    Wrong,
    /// A form without a proof of work, sent before its challenge was
    /// [`Config::form_min_age`] old: sent again a moment later, it passes.
    TooFast,
    /// The challenge was used by a signature already.
    Used,
}

impl ProofError {
    /// What an API client is told.
    pub fn message(self) -> &'static str {
        match self {
            ProofError::Malformed => "the form's challenge is malformed: reload the page",
            ProofError::NotOurs => "the form's challenge is not ours: reload the page",
            ProofError::Expired => "the form has expired: reload the page",
            ProofError::Wrong => "the proof of work is wrong: reload the page",
            ProofError::TooFast => "please wait a few seconds before sending the form",
            ProofError::Used => "this form was sent already: reload the page to sign",
        }
    }
}

fn mac(secret: &[u8; 32], body: &str) -> String {
    vigil_store::hex(&vigil_store::seal::keyed_hash(secret, body.as_bytes())[..12])
}

impl CachedCount {
    fn new(tally: Tally) -> Self {
        Self {
            body: Self::body_of(&tally),
            tally,
            loaded: Instant::now(),
        }
    }

    fn body_of(t: &Tally) -> Bytes {
        Bytes::from(
            serde_json::to_vec(&serde_json::json!({
                "confirmed": t.confirmed,
                "by_country": t.by_country,
                "by_language": t.by_language,
                "invalidated": t.invalidated,
            }))
            .unwrap_or_default(),
        )
    }
}

/// Fixed one-minute windows per address and per network.
#[derive(Default)]
struct Limiter {
    window: u64,
    seen: HashMap<String, u32>,
}

impl Limiter {
    fn allow(&mut self, ip: IpAddr, limits: RateLimits) -> bool {
        let window = time::OffsetDateTime::now_utc().unix_timestamp() as u64 / 60;
        if window != self.window {
            self.window = window;
            self.seen.clear();
        }
        let network = match ip {
            IpAddr::V4(a) => {
                let o = a.octets();
                format!("n{}.{}.{}", o[0], o[1], o[2])
            }
            IpAddr::V6(a) => {
                let s = a.segments();
                format!("n{:x}:{:x}:{:x}", s[0], s[1], s[2])
            }
        };
        let ip_count = self.seen.entry(format!("a{ip}")).or_default();
        *ip_count += 1;
        let over_ip = *ip_count > limits.per_ip;
        let net_count = self.seen.entry(network).or_default();
        *net_count += 1;
        !over_ip && *net_count <= limits.per_network
    }
}

/// Commits what `rx` brings, in batches; what follows a batch (a goal's
/// updates) is spawned on `main`, the server's runtime.
async fn group_commit<S: Campaigns>(
    service: Arc<Service>,
    store: S,
    mut rx: mpsc::Receiver<(Op, Reply)>,
    main: tokio::runtime::Handle,
) {
    let mut batch = Vec::with_capacity(BATCH_MAX);
    while let Some(first) = rx.recv().await {
        batch.push(first);
        while batch.len() < BATCH_MAX {
            match rx.try_recv() {
                Ok(item) => batch.push(item),
                Err(_) => break,
            }
        }
        let (ops, replies): (Vec<Op>, Vec<Reply>) = batch.drain(..).unzip();
        let slugs: Vec<Option<String>> = ops
            .iter()
            .map(|op| match op {
                Op::Confirm { campaign, .. } => Some(campaign.to_string()),
                Op::Sign(_) => None,
            })
            .collect();
        let signatures = ops.iter().filter(|op| matches!(op, Op::Sign(_))).count();
        let signed = signatures > 0;
        let n = ops.len() as u64;
        let started = Instant::now();
        service.flood.committed(signatures, started);
        let applied = store.apply(ops).await;
        {
            use std::sync::atomic::Ordering::Relaxed;
            tracing::debug!(
                operations = n,
                micros = started.elapsed().as_micros() as u64,
                "group commit"
            );
            service.batches.fetch_add(1, Relaxed);
            service.batched_ops.fetch_add(n, Relaxed);
            service
                .commit_micros
                .fetch_add(started.elapsed().as_micros() as u64, Relaxed);
        }
        match applied {
            Ok(outcomes) => {
                let confirmed: Vec<(String, String, String)> = outcomes
                    .iter()
                    .zip(&slugs)
                    .filter_map(|(o, slug)| match (o, slug) {
                        (Outcome::Confirmed { country, language, .. }, Some(slug)) => {
                            Some((slug.clone(), country.clone(), language.clone()))
                        }
                        _ => None,
                    })
                    .collect();
                service.add_confirmations(&confirmed);
                // A confirmation took its campaign to its goal: the
                // milestone is recorded; its updates are written now,
                // beside the writer (the jobs finish it after a crash).
                for (outcome, slug) in outcomes.iter().zip(&slugs) {
                    if let (Outcome::Confirmed { goal_reached: true, .. }, Some(slug)) = (outcome, slug) {
                        let (service, store, slug) = (service.clone(), store.clone(), slug.clone());
                        main.spawn(async move {
                            if let Err(e) = outcomes::fill_goal(&service, &store, &slug).await {
                                tracing::warn!(slug, error = %e, "cannot write the goal's updates yet; the jobs will");
                            }
                        });
                    }
                }
                if signed {
                    service.mail_waiting.notify_one();
                }
                for (reply, outcome) in replies.into_iter().zip(outcomes) {
                    let _ = reply.send(Ok(outcome));
                }
            }
            Err(e) => {
                crate::log_failure(&e);
                let e = Arc::new(e);
                for reply in replies {
                    let _ = reply.send(Err(e.clone()));
                }
            }
        }
    }
}

/// Digests and anonymisation, every [`Config::jobs_every`].
async fn jobs<S: Campaigns>(service: Arc<Service>, store: S) {
    loop {
        if let Err(e) = run_jobs(&service, &store).await {
            crate::log_failure(&e);
        }
        tokio::time::sleep(service.config.jobs_every).await;
    }
}

/// One round of the background jobs (also on demand, for tests and admins).
pub async fn run_jobs<S: Campaigns>(service: &Arc<Service>, store: &S) -> Result<(), StoreError> {
    let now = vigil_store::now();
    for done in store.anonymise_closed(now - service.config.anonymise_after).await? {
        let removed = mail::forget(&service.config.transport, &done.mail).await;
        tracing::info!(
            slug = done.campaign,
            signatures = done.signatures,
            messages = done.mail.len(),
            outbox_files = removed,
            "anonymised the signatures of a closed campaign"
        );
    }
    let expired = mail::expire_confirmations(&service.config.transport, service.config.token_lifetime).await;
    if expired > 0 {
        tracing::info!(files = expired, "removed expired confirmations from the outbox");
    }
    for row in store.campaigns().await? {
        if row.campaign.state == vigil_core::campaign::CampaignState::Open && !row.campaign.targets.is_empty() {
            send_digests(service, store, &row.campaign, false).await?;
        }
        // A goal reached tells the signers who opted in (once).
        if row.campaign.goal.is_some() && row.anonymised_at.is_none() {
            if let Err(e) = outcomes::check_goal(service, store, &row).await {
                tracing::warn!(slug = row.campaign.slug.as_str(), error = %e, "cannot check the campaign's goal");
            }
        }
    }
    Ok(())
}

/// Sends each target a digest when one is due (every `digest_every`
/// signatures, or daily), or at once with `force`. Returns how many were
/// queued.
pub async fn send_digests<S: Campaigns>(
    service: &Arc<Service>,
    store: &S,
    campaign: &vigil_core::campaign::Campaign,
    force: bool,
) -> Result<usize, StoreError> {
    let slug = campaign.slug.as_str();
    // The count in memory for the periodic check; a fresh one when asked.
    let tally = if force {
        service.recount(store, slug).await?.tally
    } else {
        service.count(store, slug).await?.tally
    };
    let last = store.deliveries(slug).await?.into_iter().next();
    let (last_at, last_count) = last.map_or((time::OffsetDateTime::UNIX_EPOCH, 0), |d| (d.at, d.signatures));
    let now = vigil_store::now();
    let grown = tally.confirmed.saturating_sub(last_count);
    let due = force
        || (campaign.digest_every > 0 && grown >= campaign.digest_every)
        || (grown > 0 && now - last_at >= time::Duration::days(1));
    if !due || campaign.targets.is_empty() {
        return Ok(0);
    }
    let names = store.named_signers(slug, last_at).await?;
    for target in &campaign.targets {
        let mail = digest(campaign, &tally, &names, target);
        store
            .record_delivery(slug, &target.email, tally.confirmed, &mail)
            .await?;
    }
    service.mail_waiting.notify_one();
    Ok(campaign.targets.len())
}

/// A target's digest, in their language: the campaign's version in it
/// (else the first), Vigil's words in it (else English).
pub fn digest(
    campaign: &vigil_core::campaign::Campaign,
    tally: &Tally,
    names: &[String],
    target: &vigil_core::campaign::Target,
) -> vigil_store::campaigns::Mail {
    use crate::i18n::Arg;
    let wanted = target.language.as_ref().map(|l| l.as_str());
    let version = match wanted {
        Some(l) => campaign.version_for([l]),
        None => &campaign.versions[0],
    };
    let lang = Lang::parse(version.language.as_str()).unwrap_or_default();
    let count = Arg::Number(tally.confirmed);
    let countries: Vec<String> = tally
        .by_country
        .iter()
        .map(|(c, n)| format!("{}: {n}", crate::words::country_in(lang, c)))
        .collect();
    let mut body = vec![
        lang.tr_with("campaign-digest-dear", &[("name", Arg::Text(&target.name))]),
        version.title.clone(),
        version.message.clone(),
        format!(
            "{}\n{}",
            lang.tr_with("campaign-digest-count", &[("count", count)]),
            lang.tr_with(
                "campaign-digest-by-country",
                &[("countries", Arg::Text(&countries.join(", ")))]
            )
        ),
    ];
    if !names.is_empty() {
        body.push(format!("{}\n{}", lang.tr("campaign-digest-named"), names.join("\n")));
    }
    vigil_store::campaigns::Mail {
        to: target.email.clone(),
        subject: lang.tr_with(
            "campaign-digest-subject",
            &[("title", Arg::Text(&version.title)), ("count", count)],
        ),
        body: body.join("\n\n") + "\n",
        unsubscribe: None,
    }
}

#[cfg(test)]
mod digest_tests {
    use super::*;

    #[test]
    fn each_target_gets_the_digest_in_their_language() {
        let campaign: vigil_core::campaign::Campaign = serde_json::from_value(serde_json::json!({
            "slug": "free-erlan",
            "versions": [
                {"language": "en", "title": "Free Erlan", "text": "Jailed.", "message": "Release him."},
                {"language": "ru", "title": "Свободу Ерлану", "text": "В тюрьме.", "message": "Освободите его."}
            ],
            "targets": [
                {"name": "The Minister", "email": "minister@gov.example"},
                {"name": "Министр", "email": "ministr@gov.example", "language": "ru"},
                {"name": "Министр", "email": "kk@gov.example", "language": "kk"}
            ],
            "state": "open"
        }))
        .expect("a campaign");
        let tally = Tally {
            confirmed: 3,
            by_country: [("KZ".to_owned(), 3)].into(),
            ..Tally::default()
        };
        let names = vec!["Aigerim".to_owned()];
        let english = digest(&campaign, &tally, &names, &campaign.targets[0]);
        assert_eq!(english.subject, "Free Erlan — 3 signatures");
        assert!(english.body.starts_with("Dear The Minister,"), "{}", english.body);
        assert!(english.body.contains("3 people have signed this campaign."));
        assert!(english.body.contains("By country: Kazakhstan: 3"));
        assert!(english.body.contains("Release him."));
        let russian = digest(&campaign, &tally, &names, &campaign.targets[1]);
        assert_eq!(russian.to, "ministr@gov.example");
        assert_eq!(russian.subject, "Свободу Ерлану — подписей: 3");
        assert!(russian.body.contains("Освободите его."), "{}", russian.body);
        assert!(
            russian.body.contains("Эту кампанию подписали 3 человека."),
            "{}",
            russian.body
        );
        assert!(russian.body.contains("По странам: Казахстан: 3"), "{}", russian.body);
        assert!(russian.body.contains("Aigerim"));
        // No Kazakh version: the first one, in its language.
        let fallback = digest(&campaign, &tally, &names, &campaign.targets[2]);
        assert!(fallback.body.contains("Release him."), "{}", fallback.body);
        assert!(fallback.body.contains("people have signed"), "{}", fallback.body);
    }
}
