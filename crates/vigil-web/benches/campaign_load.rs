//! Load on a campaign, on loopback: 200 concurrent clients submit
//! signatures (each answered only once committed), then confirm them by
//! their emailed links, then read the count. Server and load generator
//! share this machine (and this process's runtime).
//!
//! The reference, in the same run with the same clients: a bare axum
//! server whose handlers do nothing but what any server must — read a
//! JSON body and answer 202, answer a GET with a small JSON body. Vigil's
//! share of its throughput is printed for signatures and count reads.
//!
//! `cargo bench -p vigil-web --bench campaign_load`
//! Environment: `LOAD_SIGNATURES` (default 30000), `LOAD_CLIENTS` (200),
//! `LOAD_READ_SECONDS` (5); `LOAD_BARE_ONLY=127.0.0.1:PORT` serves only the
//! reference there (`POST /sign`, `GET /count`), for `wrk`. Proof of work and rate limits are off (every
//! request comes from 127.0.0.1, and the load generator does not hash);
//! mail goes to no transport and stays in its durable queue, from which
//! the confirmation links are read.

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::TestApp;
use vigil_app::campaigns::{Config, Transport};
use vigil_core::AccountRole;
use vigil_store::campaigns::Campaigns;

/// Turns of Vigil and the reference, each measured in each turn.
const ROUNDS: usize = 3;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn report(what: &str, n: usize, elapsed: Duration, mut latencies: Vec<Duration>) {
    latencies.sort();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    println!(
        "{what:<14} {n:>7} in {:>6.2} s = {:>8.0}/s   p50 {:>6.1} ms   p99 {:>6.1} ms",
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3
    );
}

/// Runs `total` jobs over `clients` concurrent clients; returns the
/// latencies and the wall time.
async fn run<F, Fut>(clients: usize, total: usize, deadline: Option<Instant>, job: F) -> (Vec<Duration>, Duration)
where
    F: Fn(reqwest::Client, usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let job = Arc::new(job);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (job, next) = (job.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder().pool_max_idle_per_host(1).build().unwrap();
            let mut lat = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total || deadline.is_some_and(|d| Instant::now() > d) {
                    break;
                }
                let t = Instant::now();
                assert!(job(client.clone(), i).await, "request {i} failed");
                lat.push(t.elapsed());
            }
            lat
        }));
    }
    let mut all = Vec::with_capacity(total.min(1 << 20));
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    (all, started.elapsed())
}

/// The group commit's figures since the last call.
fn batches(app: &TestApp, what: &str) {
    use std::sync::atomic::Ordering::Relaxed;
    let s = &app.campaigns;
    let (b, n, us) = (
        s.batches.swap(0, Relaxed),
        s.batched_ops.swap(0, Relaxed),
        s.commit_micros.swap(0, Relaxed),
    );
    println!(
        "  {what}: {b} transactions, {:.0} operations each on average, {:.1} ms each to commit ({:.0} µs per operation)",
        n as f64 / b.max(1) as f64,
        us as f64 / b.max(1) as f64 / 1e3,
        us as f64 / n.max(1) as f64
    );
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(bench());
}

async fn bench() {
    // The reference alone, for an outside load generator (wrk): serve it
    // at the address given, until stopped.
    if let Ok(addr) = std::env::var("LOAD_BARE_ONLY") {
        println!("the bare reference serves {}", bare::serve_at(&addr).await);
        std::future::pending::<()>().await;
    }
    let total = env("LOAD_SIGNATURES", 30_000);
    let clients = env("LOAD_CLIENTS", 200);
    let read_secs = env("LOAD_READ_SECONDS", 5);
    let app = TestApp::demo_with(|_| Config {
        pow_bits: 0,
        rate_limits: None,
        transport: Transport::Off,
        ..Config::default()
    })
    .await;
    let editor = app.token("ed", AccountRole::Editor).await;
    let res = app
        .client
        .post(app.url("/api/v1/campaigns"))
        .bearer_auth(&editor)
        .json(&serde_json::json!({
            "slug": "load", "case": "case-baltabay", "state": "open",
            "versions": [{"language": "en", "title": "Load", "text": "t", "message": "m"}]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    println!(
        "campaign load: {clients} clients, {total} signatures, backend {}, on {} cores",
        app.store.backend(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    let countries = ["KZ", "FR", "GB", "RU", "DE", "BR", "ZA", "IN"];
    let signature = move |i: usize| {
        serde_json::json!({
            "name": format!("Signer {i}"),
            "email": format!("signer{i}@example.org"),
            "country": countries[i % countries.len()],
            "language": "en",
            "opt_in": i.is_multiple_of(3),
        })
    };
    // Vigil and the reference in turns, ROUNDS times each (this machine's
    // speed wanders from one second to the next): the share is of the
    // totals.
    let bare = bare::serve().await;
    let per_round = total / ROUNDS;
    let (mut bare_lat, mut bare_took) = (Vec::new(), Duration::ZERO);
    let (mut lat, mut took) = (Vec::new(), Duration::ZERO);
    let sign_at = format!("{bare}/sign");
    let vigil_sign = app.url("/api/v1/campaigns/load/signatures");
    for round in 0..ROUNDS {
        let offset = round * per_round;
        for (url, lat, took) in [
            (sign_at.clone(), &mut bare_lat, &mut bare_took),
            (vigil_sign.clone(), &mut lat, &mut took),
        ] {
            let (l, t) = run(clients, per_round, None, move |client, i| {
                let url = url.clone();
                async move {
                    matches!(client.post(&url).json(&signature(offset + i)).send().await, Ok(r) if r.status() == 202)
                }
            })
            .await;
            lat.extend(l);
            *took += t;
        }
    }
    let total = per_round * ROUNDS;
    report("bare POST", total, bare_took, bare_lat);
    report("signatures", total, took, lat);
    println!(
        "  signatures: {:.1} % of the bare POST",
        100.0 * bare_took.as_secs_f64() / took.as_secs_f64()
    );
    batches(&app, "signing");

    // The confirmation links, from the durable mail queue.
    let mails = app
        .store
        .claim_mail(vigil_store::now(), time::Duration::hours(1), u32::MAX)
        .await
        .unwrap();
    assert_eq!(mails.len(), total, "one queued confirmation per signature");
    let links: Arc<Vec<String>> = Arc::new(
        mails
            .iter()
            .map(|m| {
                let b = &m.mail.body;
                let start = b.find("/campaigns/").unwrap();
                app.url(b[start..].split_whitespace().next().unwrap())
            })
            .collect(),
    );
    let l = links.clone();
    let (lat, took) = run(clients, total, None, move |client, i| {
        let link = l[i].clone();
        async move { matches!(client.get(&link).send().await, Ok(r) if r.status() == 200) }
    })
    .await;
    report("confirmations", total, took, lat);
    batches(&app, "confirming");

    let count_url = app.url("/api/v1/campaigns/load/count");
    let body: serde_json::Value = app.client.get(&count_url).send().await.unwrap().json().await.unwrap();
    assert_eq!(body["confirmed"].as_u64(), Some(total as u64));

    // Count reads for a fixed time, in turns with the bare GET.
    let slice = Duration::from_secs(read_secs as u64) / ROUNDS as u32;
    let (mut bare_lat, mut bare_took) = (Vec::new(), Duration::ZERO);
    let (mut lat, mut took) = (Vec::new(), Duration::ZERO);
    for _ in 0..ROUNDS {
        for (url, lat, took) in [
            (format!("{bare}/count"), &mut bare_lat, &mut bare_took),
            (count_url.clone(), &mut lat, &mut took),
        ] {
            let deadline = Instant::now() + slice;
            let (l, t) = run(clients, usize::MAX, Some(deadline), move |client, _| {
                let url = url.clone();
                async move { matches!(client.get(&url).send().await, Ok(r) if r.status() == 200) }
            })
            .await;
            lat.extend(l);
            *took += t;
        }
    }
    let bare_reads = bare_lat.len() as f64 / bare_took.as_secs_f64();
    let reads = lat.len() as f64 / took.as_secs_f64();
    report("bare GET", bare_lat.len(), bare_took, bare_lat);
    report("count reads", lat.len(), took, lat);
    println!("  count reads: {:.1} % of the bare GET", 100.0 * reads / bare_reads);
}

/// The reference: a bare axum server on loopback, doing what any JSON
/// server must and nothing of Vigil's.
mod bare {
    use axum::http::StatusCode;
    use axum::routing::{get, post};
    use axum::Json;

    /// Reads the signature as JSON and accepts it.
    async fn sign(Json(body): Json<serde_json::Value>) -> (StatusCode, Json<serde_json::Value>) {
        let accepted = body.get("email").is_some();
        (
            StatusCode::ACCEPTED,
            Json(serde_json::json!({ "status": if accepted { "pending" } else { "refused" } })),
        )
    }

    async fn count() -> Json<serde_json::Value> {
        Json(serde_json::json!({ "confirmed": 30000, "pending": 0, "invalidated": 0 }))
    }

    /// Serves the reference on a port of loopback; its base URL.
    pub async fn serve() -> String {
        serve_at("127.0.0.1:0").await
    }

    /// Serves the reference at `addr`; its base URL.
    pub async fn serve_at(addr: &str) -> String {
        let app = axum::Router::new()
            .route("/sign", post(sign))
            .route("/count", get(count));
        let listener = tokio::net::TcpListener::bind(addr).await.expect("the address");
        let addr = listener.local_addr().expect("an address");
        tokio::spawn(async move { axum::serve(listener, app).await });
        format!("http://{addr}")
    }
}
