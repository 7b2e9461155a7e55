//! `vigil serve`

use std::net::SocketAddr;

use anyhow::Context;
use vigil_search::{Opened, SearchError, SearchIndex};
use vigil_store::{Change, Store, StoreError, Visibility};
use vigil_store_any::AnyStore;

use crate::data::{open_store, DataArgs};
use crate::say::{path as p, t, tw, Arg};

#[derive(clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Address to listen on.
    #[arg(long, env = "VIGIL_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Start with an empty case file instead of loading the demo into an
    /// empty data folder.
    #[arg(long)]
    empty: bool,
    /// The address of a reverse proxy in front of Vigil, whose
    /// `X-Forwarded-For` (the client's address, for sign-in throttling and
    /// signing limits) and `X-Forwarded-Proto` are believed; repeat or
    /// separate with commas. From anyone else those headers are ignored.
    #[arg(long = "trusted-proxy", env = "VIGIL_TRUSTED_PROXIES", value_delimiter = ',')]
    trusted_proxies: Vec<std::net::IpAddr>,
    /// Days the parts of an encrypted report still waiting for the rest
    /// are kept after its last part came (then removed, so the phone can
    /// send it again whole).
    #[arg(long, env = "VIGIL_FIELD_PARTS_KEPT_DAYS", default_value_t = vigil_app::field::pending::KEPT_DAYS,
          value_parser = clap::value_parser!(i64).range(1..=3650))]
    field_parts_kept_days: i64,
    #[command(flatten)]
    campaigns: CampaignArgs,
}

/// How campaigns run.
#[derive(clap::Args, Debug)]
pub struct CampaignArgs {
    /// Proof-of-work difficulty of the signing form, in leading zero bits
    /// of SHA-256 (18 costs a phone about a second); 0 turns it off.
    #[arg(long, env = "VIGIL_POW_BITS", default_value_t = vigil_app::campaigns::DEFAULT_POW_BITS)]
    pow_bits: u32,
    /// Signatures a minute, per address and per network (/24, /48):
    /// `ip=10,net=300` (the default), or `off` (for load tests from one
    /// address; logged loudly).
    #[arg(long, env = "VIGIL_RATE_LIMITS", default_value = "ip=10,net=300")]
    rate_limits: String,
    /// An SMTP server as a URL: smtp://USER:PASSWORD@HOST:PORT (plain),
    /// with ?tls=required for STARTTLS, or smtps://… for TLS. Without it
    /// and without --smtp-host, mail goes to <data>/outbox/ as sealed files
    /// (read them with `vigil outbox`).
    #[arg(long, env = "VIGIL_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    #[arg(long, env = "VIGIL_SMTP_HOST")]
    smtp_host: Option<String>,
    #[arg(long, env = "VIGIL_SMTP_PORT")]
    smtp_port: Option<u16>,
    /// none, starttls or tls.
    #[arg(long, env = "VIGIL_SMTP_TLS", default_value = "starttls")]
    smtp_tls: String,
    #[arg(long, env = "VIGIL_SMTP_USER")]
    smtp_user: Option<String>,
    #[arg(long, env = "VIGIL_SMTP_PASSWORD", hide_env_values = true)]
    smtp_password: Option<String>,
    /// The sender of campaign mail.
    #[arg(
        long,
        env = "VIGIL_MAIL_FROM",
        default_value = "Vigil campaigns <campaigns@localhost>"
    )]
    mail_from: String,
    /// The public address of this server, for links in mail
    /// (default: the Host of the signing request). When it is https, the
    /// session cookie is `Secure` whatever the proxy says.
    #[arg(long, env = "VIGIL_PUBLIC_URL")]
    public_url: Option<String>,
    /// Days after a campaign closes before its signers' personal data is
    /// erased (counts stay).
    #[arg(long, env = "VIGIL_ANONYMISE_AFTER_DAYS", default_value_t = 183)]
    anonymise_after_days: i64,
    /// More throwaway-mail domains to refuse, comma-separated.
    #[arg(long, env = "VIGIL_DISPOSABLE_DOMAINS", default_value = "")]
    disposable_domains: String,
}

impl CampaignArgs {
    fn config(&self, data: &std::path::Path) -> anyhow::Result<vigil_app::campaigns::Config> {
        use vigil_app::campaigns::{mail::Tls, Config, RateLimits, Transport};
        let rate_limits = if self.rate_limits.trim().eq_ignore_ascii_case("off") {
            None
        } else {
            let mut limits = RateLimits::default();
            for part in self.rate_limits.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let (k, v) = part.split_once('=').with_context(|| {
                    format!(
                        "VIGIL_RATE_LIMITS: {}",
                        tw("cli-not-key-number", &[("text", Arg::Text(part))])
                    )
                })?;
                let v: u32 = v.parse().with_context(|| {
                    format!(
                        "VIGIL_RATE_LIMITS: {}",
                        tw("cli-not-a-number", &[("text", Arg::Text(v))])
                    )
                })?;
                match k {
                    "ip" => limits.per_ip = v,
                    "net" => limits.per_network = v,
                    _ => anyhow::bail!(
                        "VIGIL_RATE_LIMITS: {}",
                        tw("cli-not-ip-or-net", &[("text", Arg::Text(k))])
                    ),
                }
            }
            Some(limits)
        };
        let transport = if let Some(url) = &self.smtp_url {
            Transport::smtp(url).map_err(anyhow::Error::msg)?
        } else if let Some(host) = &self.smtp_host {
            let tls = match self.smtp_tls.as_str() {
                "none" => Tls::Off,
                "starttls" => Tls::StartTls,
                "tls" => Tls::Tls,
                other => anyhow::bail!("VIGIL_SMTP_TLS: {}", tw("cli-smtp-tls", &[("text", Arg::Text(other))])),
            };
            let credentials = self
                .smtp_user
                .clone()
                .map(|u| (u, self.smtp_password.clone().unwrap_or_default()));
            Transport::smtp_parts(host, self.smtp_port, tls, credentials).map_err(anyhow::Error::msg)?
        } else {
            Transport::Outbox(data.join("outbox"))
        };
        Ok(Config {
            pow_bits: self.pow_bits,
            rate_limits,
            transport,
            mail_from: self.mail_from.clone(),
            public_url: self.public_url.clone(),
            anonymise_after: time::Duration::days(self.anonymise_after_days),
            disposable_domains: self
                .disposable_domains
                .split(',')
                .map(|d| d.trim().to_lowercase())
                .filter(|d| !d.is_empty())
                .collect(),
            ..Config::default()
        })
    }
}

/// Opens the search index in `<data>/search`; a missing, corrupt or
/// outdated one is started afresh and follows the store from its first
/// revision (in the background: the server answers meanwhile). If another
/// server holds it, this one keeps its own index in memory.
pub fn open_search(data: &DataArgs) -> anyhow::Result<SearchIndex> {
    let dir = data.data.join("search");
    let (index, opened) = match SearchIndex::open_in_dir(&dir) {
        Err(SearchError::Locked(_)) => {
            // Another server on the same folder: serve with an index of our
            // own in memory, which follows the same case file.
            tracing::warn!(dir = %dir.display(), "the search index is in use by another Vigil process; keeping one in memory");
            return Ok(SearchIndex::in_memory()?);
        }
        other => other.with_context(|| tw("cli-cannot-open-index", &[("path", Arg::Text(&p(&dir)))]))?,
    };
    match opened {
        Opened::Created => tracing::info!("created the search index"),
        Opened::Existing { seq } => tracing::info!(seq, "opened the search index"),
        Opened::Rebuilt { reason } => {
            tracing::warn!(%reason, "the search index could not be used; rebuilding it")
        }
    }
    Ok(index)
}

/// Loads the demo case file into a store that holds nothing yet.
///
/// Several servers starting at once on an empty PostgreSQL database all
/// find it empty; their imports are serialised, the first loads the demo
/// and the others find its ids taken, which is no error. Says how many
/// records it loaded, if it did.
pub async fn load_demo_if_empty(store: &AnyStore) -> anyhow::Result<Option<u64>> {
    let counts = store.counts(Visibility::Confidential).await?;
    if counts != vigil_store::Counts::default() {
        return Ok(None);
    }
    let demo = vigil_demo::case_file().with_context(|| t("cli-demo-invalid"))?;
    match store
        .import(
            &demo,
            &Change::new("vigil", Some("demo case file loaded into an empty data folder")),
        )
        .await
    {
        Ok(n) => {
            tracing::info!(records = n, "loaded the demo case file");
            Ok(Some(n as u64))
        }
        Err(StoreError::Conflict(_)) => {
            tracing::info!("another server loaded the demo case file");
            Ok(None)
        }
        Err(e) => Err(anyhow::Error::new(e).context(t("cli-demo-not-loaded"))),
    }
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let campaigns = args.campaigns.config(&args.data.data)?;
    if campaigns.rate_limits.is_none() {
        tracing::warn!(
            "RATE LIMITS ARE OFF (VIGIL_RATE_LIMITS=off): signing is open to floods; use this for load tests only"
        );
        eprintln!("{}", t("cli-rate-limits-off"));
    }
    // The lines for whoever started the server are in their language
    // (standard error); the tracing lines beside them are for operators'
    // log collectors and stay English.
    if campaigns.pow_bits == 0 {
        tracing::warn!("proof of work on signing is off (VIGIL_POW_BITS=0)");
        eprintln!("{}", t("cli-serve-pow-off"));
    }
    // The key beside the case file protects nothing from whoever copies the
    // folder: say so at every start.
    if let Ok(crate::data::Source::File(key)) = args.data.key_source() {
        if inside(&key, &args.data.data) {
            tracing::warn!(key_file = %key.display(), "the key file is inside the data folder: keep it elsewhere (--key-file, VIGIL_KEY_FILE or VIGIL_KEY)");
            eprintln!("{}", tw("cli-serve-key-in-data", &[("path", Arg::Text(&p(&key)))]));
        }
    }
    match &campaigns.transport {
        vigil_app::campaigns::Transport::Outbox(dir) => {
            tracing::info!(outbox = %dir.display(), "campaign mail goes to the outbox folder (set VIGIL_SMTP_URL to send it)");
            eprintln!("{}", tw("cli-serve-outbox", &[("path", Arg::Text(&p(dir)))]));
        }
        _ => {
            tracing::info!("campaign mail goes to the SMTP server");
            eprintln!("{}", t("cli-serve-smtp"));
        }
    }
    let store = open_store(&args.data).await?;
    // An earlier version left its messages in the clear: sealed now,
    // before anything is served.
    if let vigil_app::campaigns::Transport::Outbox(dir) = &campaigns.transport {
        crate::outbox::seal_plain(dir, &vigil_app::campaigns::outbox::OutboxKey::of(&store))?;
    }
    match &args.data.database_url {
        Some(_) => eprintln!("{}", t("cli-serve-postgres")),
        None => eprintln!(
            "{}",
            tw("cli-serve-data-folder", &[("path", Arg::Text(&p(&args.data.data)))])
        ),
    }
    if !args.empty {
        if let Some(n) = load_demo_if_empty(&store).await? {
            eprintln!("{}", tw("cli-serve-demo-loaded", &[("count", Arg::Number(n))]));
        }
    }
    let search = open_search(&args.data)?;
    // The demo (or anything written while no server ran) is picked up by
    // the follower at once.
    search.notify_written();
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| tw("cli-cannot-listen", &[("text", Arg::Text(&args.addr.to_string()))]))?;
    let local = listener.local_addr()?;
    tracing::info!(data = %args.data.data.display(), backend = store.backend(), "serving on http://{local}/");
    // The signal handlers are in place before anyone is told the server
    // is up: a SIGTERM right after the announcement stops it cleanly.
    let stop = stop_signal();
    eprintln!(
        "{}",
        tw("cli-serving", &[("text", Arg::Text(&format!("http://{local}/")))])
    );
    let state = vigil_web::AppState::new(store.clone(), search)
        .with_campaigns(campaigns)
        .with_trusted_proxies(args.trusted_proxies.clone())
        .with_parts_kept_for(time::Duration::days(args.field_parts_kept_days));
    vigil_web::serve(listener, state, stop)
        .await
        .with_context(|| t("cli-server-failed"))?;
    store.close().await;
    Ok(())
}

/// Ctrl-C, or SIGTERM (a service manager stopping one of several servers):
/// the server stops taking connections and finishes the requests it has.
/// Resolves on Ctrl-C or SIGTERM. The handlers are installed when this is
/// called, not when the future is first polled.
fn stop_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    let interrupt = tokio::spawn(async {
        let _ = tokio::signal::ctrl_c().await;
    });
    async move {
        #[cfg(unix)]
        if let Some(mut term) = term {
            tokio::select! {
                _ = interrupt => {}
                _ = term.recv() => {}
            }
            return;
        }
        let _ = interrupt.await;
    }
}

/// Whether `path` lies inside the folder `dir` (both made absolute, links
/// resolved where they exist).
fn inside(path: &std::path::Path, dir: &std::path::Path) -> bool {
    let resolve = |q: &std::path::Path| std::fs::canonicalize(q).or_else(|_| std::path::absolute(q)).ok();
    let parent = path.parent().unwrap_or(path);
    match (resolve(parent), resolve(dir)) {
        (Some(parent), Some(dir)) => parent.starts_with(dir),
        _ => false,
    }
}
