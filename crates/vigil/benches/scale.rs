//! Vigil at the size of a real case file (issue 17): generates a case file,
//! loads it through the bulk path, starts `vigil serve` on it and measures
//! every page that matters over HTTP on loopback with `wrk` (16
//! connections), then reports p50, p99 and throughput per page, the
//! streamed `/status.csv`, writes while readers run, and the server's peak
//! memory.
//!
//! Run (needs `wrk` on the PATH; Debian: `apt-get install wrk`):
//!
//! ```text
//! cargo bench -p vigil --bench scale -- --persons 100000
//! ```
//!
//! `--persons N` sets the size (events: ten a person; sources: one for 20
//! persons; 20 countries); `--seconds S` how long each page is loaded
//! (default 10); `--keep DIR` leaves the data folder there, and `--reuse DIR`
//! measures such a folder again without loading it; `--load-only`
//! stops after the bulk load (after building the search index too when
//! the folder is kept); `--vigil PATH`
//! measures another build of `vigil` (one from before a change). Generation is
//! deterministic (the seeded generator `vigil_demo::synthetic`, shared with
//! the status engine's benchmark) and is not timed.
//!
//! The case file: persons with 1 to 20 events, a long tail (1 in 100) with
//! 100 to 300; mass arrests at rallies with many victims; prosecutions
//! with imprecise dates (a month, a year, a range), sentences to prison,
//! restricted freedom, fines and bans (half of them open-ended), appeals,
//! pardons, amnesties, acquittals; conflicting claims (a second source
//! reporting the same sentence with another term); excerpts quoting the
//! sources; unions whose members are victims (for the rating's
//! union-victim indicators); and confidential persons, events and sources
//! (about 2% of each). The demo case file is merged in for its reviews,
//! pledges and rating rule.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration as StdDuration, Instant};

use vigil_core::{
    Affiliation, CaseFile, Duration, EventType as T, Excerpt, Organisation, OrganisationKind, OrganisationStatus,
    PartialDate, Person, RecordId, Source,
};
use vigil_demo::synthetic::{Generator, Rng, FIRST, LAST};
use vigil_store::{Change, SealKey, Store};

const COUNTRIES: [&str; 20] = [
    "KZ", "BY", "RU", "TR", "IR", "CN", "EG", "AZ", "UZ", "TJ", "KG", "TM", "SA", "BH", "VN", "KH", "MM", "NI", "VE",
    "CU",
];
struct Args {
    /// The `vigil` binary to measure (default: the one built with the
    /// bench), to compare a build before a change with one after.
    vigil: PathBuf,
    persons: usize,
    seconds: u64,
    keep: Option<PathBuf>,
    /// Skip building the search index before serving (the server then
    /// indexes in the background while it is measured).
    no_reindex: bool,
    /// Stop after the bulk load (its time is what is measured).
    load_only: bool,
    /// Measure a data folder kept by an earlier run (`--keep`) instead of
    /// generating and loading one: the same case file, since generation is
    /// deterministic, without the minutes of loading and indexing.
    reuse: Option<PathBuf>,
}

fn args() -> Args {
    let mut a = Args {
        vigil: PathBuf::from(env!("CARGO_BIN_EXE_vigil")),
        persons: 100_000,
        seconds: 10,
        keep: None,
        no_reindex: false,
        load_only: false,
        reuse: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--persons" => a.persons = it.next().and_then(|v| v.parse().ok()).expect("--persons N"),
            "--seconds" => a.seconds = it.next().and_then(|v| v.parse().ok()).expect("--seconds S"),
            "--no-reindex" => a.no_reindex = true,
            "--load-only" => a.load_only = true,
            "--vigil" => a.vigil = PathBuf::from(it.next().expect("--vigil PATH")),
            "--keep" => a.keep = Some(PathBuf::from(it.next().expect("--keep DIR"))),
            "--reuse" => a.reuse = Some(PathBuf::from(it.next().expect("--reuse DIR"))),
            _ => {} // cargo bench passes --bench
        }
    }
    a
}

const NAMES: [&str; 24] = [
    "Aigul", "Erlan", "Nurlan", "Dana", "Sergei", "Olga", "Marat", "Saule", "Timur", "Asel", "Yusuf", "Leyla", "Ivan",
    "Mariam", "Omar", "Farida", "Pavel", "Zarina", "Ali", "Nadia", "Ruslan", "Gulnara", "Hassan", "Elena",
];
const SURNAMES: [&str; 16] = [
    "Baltabay",
    "Kushakova",
    "Eleusinov",
    "Senyavskiy",
    "Akhmetov",
    "Petrova",
    "Yilmaz",
    "Karimova",
    "Nazarov",
    "Rahimi",
    "Mansour",
    "Ivanova",
    "Tashkentov",
    "Aliyev",
    "Nguyen",
    "Sokolov",
];

fn generate(persons_n: usize) -> CaseFile {
    let events_n = persons_n * 10;
    let sources_n = (persons_n / 20).max(5);
    let mut g = Generator::new(0x5eed_1234_abcd_ef01, events_n, "se-", COUNTRIES[0]).titled();
    // Sources: a text each, quoted by events' excerpts.
    let sources: Vec<Source> = (0..sources_n)
        .map(|i| {
            let country = COUNTRIES[i % COUNTRIES.len()];
            Source {
                id: RecordId::parse(&format!("ss-{i}")).expect("an id"),
                title: format!("Report {i} on {country}"),
                publisher: Some(format!("Monitor {}", i % 50)),
                language: Some("en".into()),
                published: Some(PartialDate::year(2011 + (i % 14) as i32).expect("a year")),
                url: Some(format!("https://example.org/reports/{i}")),
                text: format!(
                    "Report {i}. The court sentenced the activist to prison. Police detained the union members \
                     at the rally. The appeal was rejected. The activist was released after a pardon. \
                     Another source reports a different term for the same sentence."
                ),
                confidential: i % 50 == 7,
                confidential_fields: Vec::new(),
            }
        })
        .collect();
    // Unions: one per country and a few more.
    let organisations: Vec<Organisation> = (0..COUNTRIES.len() * 3)
        .map(|i| Organisation {
            id: RecordId::parse(&format!("so-{i}")).expect("an id"),
            name: format!("Independent Union {i} of {}", COUNTRIES[i % COUNTRIES.len()]),
            aliases: Vec::new(),
            kind: OrganisationKind::Union,
            parent_id: None,
            country: Some(COUNTRIES[i % COUNTRIES.len()].into()),
            status: OrganisationStatus::Active,
            excerpts: Vec::new(),
            confidential: false,
            confidential_fields: Vec::new(),
        })
        .collect();
    let mut persons: Vec<Person> = (0..persons_n)
        .map(|i| {
            // Most cases come from a few countries.
            let ci = if g.rng.chance(60) {
                g.rng.below(5)
            } else {
                g.rng.below(20)
            } as usize;
            let country = COUNTRIES[ci];
            let union = g.rng.chance(40);
            Person {
                id: RecordId::parse(&format!("sp-{i}")).expect("an id"),
                name: format!(
                    "{} {} {i}",
                    NAMES[g.rng.below(NAMES.len() as u64) as usize],
                    SURNAMES[g.rng.below(SURNAMES.len() as u64) as usize]
                ),
                aliases: Vec::new(),
                sex: None,
                occupation: Some("trade unionist".into()),
                country: Some(country.into()),
                affiliations: if union {
                    vec![Affiliation {
                        organisation_id: organisations[ci + COUNTRIES.len() * (i % 3)].id.clone(),
                        role: Some("member".into()),
                        period: None,
                    }]
                } else {
                    Vec::new()
                },
                address: None,
                excerpts: Vec::new(),
                confidential: i % 50 == 13,
                confidential_fields: Vec::new(),
            }
        })
        .collect();
    // Mass arrests at rallies: 10 to 60 victims of one country each.
    let shared = events_n / 60;
    while g.events.len() < shared {
        let t = g.rng.range(FIRST, LAST);
        let n = g.rng.range(10, 60) as usize;
        let victims: Vec<RecordId> = (0..n)
            .map(|_| persons[g.rng.below(persons_n as u64) as usize].id.clone())
            .collect();
        g.country = persons[g.rng.below(persons_n as u64) as usize]
            .country
            .clone()
            .unwrap_or_default();
        g.mass_arrest(t, victims);
    }
    // Each person's own events: most 1 to 20, one in a hundred 100 to 300,
    // about `events_n` in all.
    for (i, person) in persons.iter().enumerate() {
        let left = events_n.saturating_sub(g.events.len());
        if left == 0 {
            break;
        }
        let n = if g.rng.chance(1) {
            g.rng.range(100, 300) as usize
        } else {
            let mean = (left / (persons_n - i)).max(1) as i64;
            g.rng.range(1, (2 * mean - 1).clamp(1, 20)) as usize
        };
        g.country = person.country.clone().unwrap_or_default();
        let who = person.id.clone();
        g.person_events(&who, n.min(left), &mut Vec::new());
    }
    // Excerpts, confidential events, and accounts that conflict.
    for (i, e) in g.events.iter_mut().enumerate() {
        let source = &sources[i % sources.len()];
        // Every event cites a passage of a source.
        let start = source.text.find("The court").unwrap_or(0);
        if let Some(x) = Excerpt::quote(source, start, (start + 40).min(source.text.len())) {
            e.excerpts.push(x);
        }
        e.confidential = i % 50 == 17;
        let length = e.terms.as_ref().and_then(|t| t.imprisonment);
        if let (T::Sentence, Some(d), true) = (e.event_type, length, i % 20 == 3) {
            // Another source gives another term for the same sentence: a
            // claim on it (see `vigil_core::claim`).
            let another = &sources[(i + 1) % sources.len()];
            let start = another.text.find("Another source").unwrap_or(0);
            if let Some(mut x) = Excerpt::quote(another, start, (start + 40).min(another.text.len())) {
                x.claim = Some("another-source".into());
                e.excerpts.push(x);
                let mut terms = e.terms.clone().unwrap_or_default();
                terms.imprisonment = Some(Duration::new(d.years + 1, d.months, 0, d.days));
                e.claims.push(vigil_core::Claim {
                    terms: Some(terms),
                    ..vigil_core::Claim::new("another-source")
                });
            }
        }
    }
    // The demo, for reviews, pledges and the rating rule.
    let demo = vigil_demo::case_file().expect("the demo case file");
    let mut cf = CaseFile {
        sources,
        organisations,
        persons: std::mem::take(&mut persons),
        events: g.events,
        ..demo.clone()
    };
    cf.sources.extend(demo.sources);
    cf.organisations.extend(demo.organisations);
    cf.persons.extend(demo.persons);
    cf.events.extend(demo.events);
    cf
}

/// A child process that is killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn vigil(bin: &Path, data: &Path, args: &[&str], stdin: Option<&str>) -> String {
    let mut child = Command::new(bin)
        .args(args)
        .arg("--data")
        .arg(data)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("vigil runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("stdin written");
    }
    let out = child.wait_with_output().expect("vigil ends");
    assert!(out.status.success(), "vigil {args:?} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What wrk said of one load.
struct Load {
    p50: String,
    p99: String,
    rps: f64,
    errors: String,
}

fn parse_wrk(out: &str) -> Load {
    let field = |prefix: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(prefix))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("?")
            .to_owned()
    };
    let rps = out
        .lines()
        .find(|l| l.starts_with("Requests/sec:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    let mut errors = String::new();
    for l in out.lines() {
        if l.contains("Non-2xx") || l.contains("Socket errors") {
            errors.push_str(l.trim());
            errors.push(' ');
        }
    }
    Load {
        p50: field("50%"),
        p99: field("99%"),
        rps,
        errors,
    }
}

/// A Lua script for wrk that asks for `paths` in turn, at random.
fn paths_script(dir: &Path, name: &str, paths: &[String]) -> PathBuf {
    let list: Vec<String> = paths.iter().map(|p| format!("{p:?}")).collect();
    let script = format!(
        "local paths = {{{}}}\nrequest = function()\n  return wrk.format(nil, paths[math.random(#paths)])\nend\n",
        list.join(",")
    );
    let path = dir.join(format!("{name}.lua"));
    std::fs::write(&path, script).expect("script written");
    path
}

/// A Lua script for wrk that creates a new person per request.
fn writes_script(dir: &Path, token: &str) -> PathBuf {
    let script = format!(
        r#"local n = 0
function setup(thread)
  n = n + 1
  thread:set("tid", n)
end
counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{{"id":"bench-w-%d-%d-%d","name":"Bench Writer %d %d","country":"KZ"}}', tid or 0, counter, os.time(), tid or 0, counter)
  return wrk.format("POST", "/api/v1/persons", {{["Content-Type"]="application/json", ["Authorization"]="Bearer {token}"}}, body)
end
"#
    );
    let path = dir.join("writes.lua");
    std::fs::write(&path, script).expect("script written");
    path
}

fn wrk(addr: &str, script: &Path, connections: u32, seconds: u64) -> Load {
    let threads = connections.min(2);
    let out = Command::new("wrk")
        .args(["--latency", "--timeout", "60s"])
        .arg(format!("-t{threads}"))
        .arg(format!("-c{connections}"))
        .arg(format!("-d{seconds}s"))
        .arg("-s")
        .arg(script)
        .arg(format!("http://{addr}/"))
        .output()
        .expect("wrk runs (apt-get install wrk)");
    parse_wrk(&String::from_utf8_lossy(&out.stdout))
}

/// GET `path` over one connection, whole; its size in bytes and lines.
fn get_whole(addr: &str, path: &str) -> (usize, usize, StdDuration) {
    let t = Instant::now();
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").expect("request");
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).expect("response");
    let lines = buf.iter().filter(|b| **b == b'\n').count();
    (buf.len(), lines, t.elapsed())
}

fn peak_memory_kb(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (kb("VmHWM:"), kb("VmRSS:"))
}

/// Takes migration 0006 off a SQLite case file, for a `vigil` built before
/// it (the baseline of the README's figures).
async fn undo_0006(db: &Path) {
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.display()))
        .await
        .expect("the case file opens");
    for sql in [
        "DROP TRIGGER record_counts_on_insert",
        "DROP TRIGGER record_counts_on_update",
        "DROP TRIGGER record_counts_on_delete",
        "DROP TABLE record_counts",
        "DROP TABLE status_stretches",
        "DROP INDEX records_hidden",
        "DROP INDEX records_events_by_date",
        "DROP INDEX records_events_by_type",
        "CREATE INDEX records_by_date ON records (kind, deleted, date_earliest)",
        "DELETE FROM _sqlx_migrations WHERE version = 6",
    ] {
        sqlx::query(sql).execute(&pool).await.expect(sql);
    }
    pool.close().await;
}

/// Writes a key, loads `cf` into a new store in `data` through the bulk
/// path (timed), and builds the search index (timed) unless told not to.
fn load(a: &Args, cf: &CaseFile, data: &Path) {
    std::fs::create_dir_all(data).expect("data folder");
    let key = SealKey::generate();
    let key_file = data.join("vigil.key");
    std::fs::write(&key_file, format!("{}\n", key.to_hex())).expect("key written");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600)).expect("key file private");
    }

    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let records = cf.records().len();
    let load = runtime.block_on(async {
        let store = vigil_store_sqlite::SqliteStore::open(&data.join("vigil.db"), key)
            .await
            .expect("the store opens");
        let t = Instant::now();
        store
            .import(cf, &Change::new("bench", Some("scale benchmark")))
            .await
            .expect("the case file loads");
        let took = t.elapsed();
        store.close().await;
        took
    });
    println!(
        "bulk load: {records} records in {:.1} s ({:.0} records/s)",
        load.as_secs_f64(),
        records as f64 / load.as_secs_f64()
    );
    if a.vigil != Path::new(env!("CARGO_BIN_EXE_vigil")) {
        // Measuring a build from before migration 0006 (issue 17): the
        // case file was loaded by this build, so take its 0006 off again.
        runtime.block_on(undo_0006(&data.join("vigil.db")));
    }
    // `--load-only` stops after the load, unless the folder is kept to be
    // measured again (`--reuse` needs its search index).
    if !a.no_reindex && (!a.load_only || a.keep.is_some()) {
        let t = Instant::now();
        vigil(&a.vigil, data, &["reindex"], None);
        println!("search index built in {:.1} s", t.elapsed().as_secs_f64());
    }
}

fn main() {
    let a = args();
    let t0 = Instant::now();
    let cf = generate(a.persons);
    println!(
        "generated {} persons, {} events, {} sources, {} organisations in {:.1} s",
        cf.persons.len(),
        cf.events.len(),
        cf.sources.len(),
        cf.organisations.len(),
        t0.elapsed().as_secs_f64()
    );
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let data = match &a.reuse {
        Some(kept) => {
            println!("measuring the case file kept in {}", kept.display());
            kept.clone()
        }
        None => {
            let data = a.keep.clone().unwrap_or_else(|| tmp.path().join("data"));
            load(&a, &cf, &data);
            data
        }
    };
    if a.load_only {
        if a.keep.is_some() {
            std::mem::forget(tmp);
        }
        return;
    }
    if a.reuse.is_none() {
        vigil(
            &a.vigil,
            &data,
            &["user", "add", "bench", "--role", "editor"],
            Some("bench-password-long-enough\n"),
        );
    }
    let token = vigil(&a.vigil, &data, &["token", "issue", "bench"], None)
        .trim()
        .to_owned();

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let addr = format!("127.0.0.1:{port}");
    let server = Server(
        Command::new(&a.vigil)
            .args(["serve", "--empty", "--addr", &addr, "--data"])
            .arg(&data)
            .env("VIGIL_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("vigil serve starts"),
    );
    let deadline = Instant::now() + StdDuration::from_secs(60);
    while std::net::TcpStream::connect(&addr).is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(StdDuration::from_millis(100));
    }
    let pid = server.0.id();

    // What each load asks for: many persons, not one, so no cache of a
    // single answer flatters it.
    let mut pick = Rng(42);
    let some_persons: Vec<String> = (0..200)
        .map(|_| cf.persons[pick.below(cf.persons.len() as u64) as usize].id.to_string())
        .collect();
    let scripts_dir = tmp.path();
    let targets: Vec<(&str, Vec<String>)> = vec![
        ("home page /", vec!["/".into()]),
        (
            "person page /persons/{id}",
            some_persons.iter().map(|p| format!("/persons/{p}")).collect(),
        ),
        (
            "person status /api/v1/persons/{id}/status",
            some_persons
                .iter()
                .map(|p| format!("/api/v1/persons/{p}/status"))
                .collect(),
        ),
        ("first page of /status", vec!["/status?as_of=2020-06-01".into()]),
        (
            "country page /countries/{cc}",
            COUNTRIES[..5].iter().map(|c| format!("/countries/{c}")).collect(),
        ),
        (
            "briefing /countries/{cc}/briefing",
            COUNTRIES[..5]
                .iter()
                .map(|c| format!("/countries/{c}/briefing"))
                .collect(),
        ),
        (
            "rating /api/v1/countries/{cc}/rating",
            COUNTRIES[..5]
                .iter()
                .map(|c| format!("/api/v1/countries/{c}/rating"))
                .collect(),
        ),
        (
            "events by type and date /api/v1/events",
            ["arrest", "sentence", "pardon", "ban"]
                .iter()
                .map(|t| format!("/api/v1/events?type={t}&from=2018-01-01&to=2018-12-31"))
                .collect(),
        ),
        (
            "search /api/v1/search",
            ["Baltabay", "Karimova+sentenced", "union", "Report+12"]
                .iter()
                .map(|q| format!("/api/v1/search?q={q}"))
                .collect(),
        ),
    ];
    println!();
    println!("| what | p50 | p99 | requests/s | errors |");
    println!("|---|---|---|---|---|");
    for (name, paths) in &targets {
        let script = paths_script(scripts_dir, "read", paths);
        let l = wrk(&addr, &script, 16, a.seconds);
        println!("| {name} | {} | {} | {:.1} | {} |", l.p50, l.p99, l.rps, l.errors);
    }
    // Writes: from 8 clients alone, then one writer while 16 readers run.
    let writes = writes_script(scripts_dir, &token);
    let l = wrk(&addr, &writes, 8, a.seconds);
    println!(
        "| API writes, 8 clients | {} | {} | {:.1} | {} |",
        l.p50, l.p99, l.rps, l.errors
    );
    let readers_script = paths_script(
        scripts_dir,
        "readers",
        &some_persons
            .iter()
            .map(|p| format!("/persons/{p}"))
            .chain(std::iter::once("/".to_owned()))
            .collect::<Vec<_>>(),
    );
    let readers = {
        let addr = addr.clone();
        let seconds = a.seconds;
        std::thread::spawn(move || wrk(&addr, &readers_script, 16, seconds))
    };
    std::thread::sleep(StdDuration::from_millis(500));
    let w = wrk(&addr, &writes, 1, a.seconds.saturating_sub(1).max(1));
    let r = readers.join().expect("readers");
    println!(
        "| a write while 16 readers run | {} | {} | {:.1} | {} |",
        w.p50, w.p99, w.rps, w.errors
    );
    println!(
        "| (the readers meanwhile) | {} | {} | {:.1} | {} |",
        r.p50, r.p99, r.rps, r.errors
    );
    let (bytes, lines, took) = get_whole(&addr, "/status.csv?as_of=2020-06-01");
    println!(
        "\n/status.csv: {lines} lines, {bytes} bytes in {:.2} s ({:.0} rows/s)",
        took.as_secs_f64(),
        lines as f64 / took.as_secs_f64()
    );
    let (home, _, _) = get_whole(&addr, "/");
    println!("home page: {home} bytes");
    let (hwm, rss) = peak_memory_kb(pid);
    println!("server memory: peak {} MB resident, {} MB now", hwm / 1024, rss / 1024);
    drop(server);
    if a.keep.is_some() {
        std::mem::forget(tmp);
    }
}
