//! The search benchmark: a generated corpus of article-like sources
//! (about 3 KB each, English and Russian) and persons whose names are
//! written in several transliterations, indexed by Vigil's index and, as
//! the baseline a user would otherwise pick, by SQLite FTS5 with its
//! default tokenizer. It reports indexing throughput, the latency (p50,
//! p99) of name queries and of two-word full-text queries with facets, and
//! the recall of the name queries, for both.
//!
//!     cargo bench -p vigil-search --bench search
//!
//! Sizes and counts come from the environment: `VIGIL_BENCH_SOURCES`
//! (default 200000), `VIGIL_BENCH_PERSONS` (100000), `VIGIL_BENCH_QUERIES`
//! (1000 of each kind), `VIGIL_BENCH_DIR` (default: a temporary folder),
//! `VIGIL_BENCH_BASELINE=0` to skip FTS5, `VIGIL_BENCH_REUSE=1` to query
//! the index a previous run left in `VIGIL_BENCH_DIR` instead of building it.
//! Everything is generated from fixed seeds: two runs index the same data.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

use vigil_core::{PartialDate, Person, Record, RecordId, RecordKind, Source};
use vigil_search::{SearchIndex, SearchQuery, WriterOptions};
use vigil_store::Page;

// ---------------------------------------------------------------- random

/// xorshift64*: small, fast, and the same everywhere.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

// ---------------------------------------------------------------- names

/// A sound of a name and how three spellings write it: Cyrillic (Russian
/// or Kazakh letters), a BGN-like English romanisation, and another common
/// one (French/German-leaning, or Kazakh Latin).
#[derive(Clone, Copy)]
struct Sound {
    cyr: &'static str,
    lat_a: &'static str,
    lat_b: &'static str,
}

macro_rules! s {
    ($c:literal, $a:literal, $b:literal) => {
        Sound {
            cyr: $c,
            lat_a: $a,
            lat_b: $b,
        }
    };
}

/// Syllables of Kazakh and Russian surnames and given names.
fn syllables() -> Vec<Vec<Sound>> {
    let a = s!("а", "a", "a");
    let e = s!("е", "e", "e");
    let ye = s!("е", "ye", "e");
    let i = s!("и", "i", "i");
    let o = s!("о", "o", "o");
    let u = s!("у", "u", "ou");
    let y = s!("ы", "y", "y");
    let yi = s!("й", "y", "i");
    let kh = s!("х", "kh", "h");
    let zh = s!("ж", "zh", "j");
    let q = s!("қ", "k", "q");
    let gh = s!("ғ", "g", "gh");
    let sh = s!("ш", "sh", "sh");
    let ch = s!("ч", "ch", "tch");
    let c = |x: &'static str, l: &'static str| Sound {
        cyr: x,
        lat_a: l,
        lat_b: l,
    };
    let (b, d, g, k, l, m, n, p, r, s_, t, z, v) = (
        c("б", "b"),
        c("д", "d"),
        c("г", "g"),
        c("к", "k"),
        c("л", "l"),
        c("м", "m"),
        c("н", "n"),
        c("п", "p"),
        c("р", "r"),
        c("с", "s"),
        c("т", "t"),
        c("з", "z"),
        c("в", "v"),
    );
    vec![
        vec![b, a, l],
        vec![t, a, b],
        vec![k, u, sh],
        vec![a, q],
        vec![n, a, z],
        vec![a, r],
        vec![t, o, q],
        vec![ye, l, ye],
        vec![u, s_, i],
        vec![kh, a, r],
        vec![b, o, q],
        vec![zh, a, n],
        vec![n, u, r],
        vec![s_, ye, r],
        vec![i, q],
        vec![a, m, a, n],
        vec![q, a, i, r],
        vec![b, o, l, a, t],
        vec![d, o, s_],
        vec![m, u, kh, t, a, r],
        vec![ye, r, m],
        vec![a, s_, q, a, r],
        vec![zh, u, m, a],
        vec![t, u, r, s_, y, n],
        vec![gh, a, l, y],
        vec![ch, o, q, a, n],
        vec![b, a, yi],
        vec![k, ye, n],
        vec![s_, a, p, a, r],
        vec![z, ye, yi, n],
        vec![m, a, r, a, t],
        vec![d, a, u, l, ye, t],
        vec![t, ye, m, i, r],
        vec![e, s_, ye, n],
        vec![q, u, a, n],
        vec![sh, a, r, i, p],
        vec![r, a, kh, i, m],
        vec![a, l, m, a, s_],
        vec![g, u, l],
        vec![v, a, l, i],
    ]
}

/// Surname endings, with the voicing and y-glide variants the sources use.
fn endings() -> Vec<Vec<Sound>> {
    let c = |x: &'static str, l: &'static str| Sound {
        cyr: x,
        lat_a: l,
        lat_b: l,
    };
    vec![
        vec![c("ба", "ba"), s!("ев", "yev", "ev")],
        vec![c("б", "b"), s!("а", "a", "a"), s!("й", "y", "i")],
        vec![c("ов", "ov")],
        vec![c("ова", "ova")],
        vec![s!("ев", "yev", "ev")],
        vec![c("ин", "in")],
        vec![s!("ұлы", "uly", "ouly")],
        vec![c("бек", "bek"), c("ов", "ov")],
    ]
}

fn given_names() -> Vec<Vec<Sound>> {
    let c = |x: &'static str, l: &'static str| Sound {
        cyr: x,
        lat_a: l,
        lat_b: l,
    };
    vec![
        vec![s!("Е", "Ye", "E"), c("рлан", "rlan")],
        vec![c("Нурбек", "Nurbek")],
        vec![c("Амин", "Amin")],
        vec![c("Лариса", "Larisa")],
        vec![c("Ма", "Ma"), s!("кс", "ks", "x")],
        vec![s!("Қ", "K", "Q"), c("асым", "assym")],
        vec![c("Нурсултан", "Nursultan")],
        vec![c("А", "A"), s!("й", "y", "i"), c("гуль", "gul")],
        vec![c("Динара", "Dinara")],
        vec![c("Серик", "Serik")],
        vec![c("Болат", "Bolat")],
        vec![s!("Ж", "Zh", "J"), c("анна", "anna")],
        vec![s!("Е", "Ye", "E"), c("р", "r"), s!("ж", "zh", "j"), c("ан", "an")],
        vec![c("Аскар", "Askar")],
        vec![c("Гульнара", "Gulnara")],
        vec![c("Мади", "Madi")],
        vec![c("Тимур", "Timur")],
        vec![c("Айдос", "Aidos")],
        vec![s!("Х", "Kh", "H"), c("алида", "alida")],
        vec![c("Сауле", "Saule")],
    ]
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Spelling {
    Cyrillic,
    LatinA,
    LatinB,
    Typo,
}

const SPELLINGS: [Spelling; 4] = [Spelling::LatinA, Spelling::LatinB, Spelling::Cyrillic, Spelling::Typo];

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[derive(Clone)]
struct Name {
    given: Vec<Sound>,
    surname: Vec<Sound>,
}

impl Name {
    fn render(&self, spelling: Spelling, rng: &mut Rng) -> String {
        let part = |sounds: &[Sound], sp: Spelling| -> String {
            let raw: String = sounds
                .iter()
                .map(|s| match sp {
                    Spelling::Cyrillic => s.cyr,
                    Spelling::LatinB => s.lat_b,
                    _ => s.lat_a,
                })
                .collect();
            capitalise(&raw)
        };
        let given = part(&self.given, spelling);
        let mut surname = part(&self.surname, spelling);
        if spelling == Spelling::Typo {
            // One letter of the surname replaced, past its first two.
            let chars: Vec<char> = surname.chars().collect();
            if chars.len() > 4 {
                let at = 2 + rng.below(chars.len() - 3);
                let letters = ['a', 'e', 'i', 'o', 'u', 'r', 'n', 't'];
                let mut replaced = chars.clone();
                let mut new = *rng.pick(&letters);
                if new == chars[at] {
                    new = if new == 'a' { 'e' } else { 'a' };
                }
                replaced[at] = new;
                surname = replaced.into_iter().collect();
            }
        }
        format!("{given} {surname}")
    }
}

/// `n` persons with distinct names.
fn persons(n: usize) -> Vec<Name> {
    let syl = syllables();
    let end = endings();
    let given = given_names();
    let mut rng = Rng::new(7);
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(n);
    let mut tries = 0;
    while out.len() < n && tries < n * 50 {
        tries += 1;
        let (g, a, b, e) = (
            rng.below(given.len()),
            rng.below(syl.len()),
            rng.below(syl.len()),
            rng.below(end.len()),
        );
        let three = rng.chance(0.3);
        let c = rng.below(syl.len());
        if !seen.insert((g, a, b, e, three, if three { c } else { 0 })) {
            continue;
        }
        let mut surname = syl[a].clone();
        surname.extend(syl[b].iter().copied());
        if three {
            surname.extend(syl[c].iter().copied());
        }
        surname.extend(end[e].iter().copied());
        out.push(Name {
            given: given[g].clone(),
            surname,
        });
    }
    out
}

fn person_record(i: usize, name: &Name) -> Record {
    let mut rng = Rng::new(1_000_003 + i as u64);
    let mut aliases = Vec::new();
    if rng.chance(0.3) {
        aliases.push(name.render(Spelling::Cyrillic, &mut rng));
    }
    Record::Person(Person {
        aliases,
        occupation: Some("trade union activist".into()),
        country: Some("KZ".into()),
        ..Person::named(
            RecordId::parse(&format!("p{i}")).expect("id"),
            name.render(Spelling::LatinA, &mut rng),
        )
    })
}

// ---------------------------------------------------------------- text

const ENGLISH: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "was",
    "for",
    "on",
    "that",
    "union",
    "trade",
    "workers",
    "court",
    "sentenced",
    "years",
    "prison",
    "government",
    "law",
    "activists",
    "registration",
    "leader",
    "rights",
    "human",
    "police",
    "arrested",
    "protest",
    "rally",
    "oil",
    "strike",
    "confederation",
    "independent",
    "authorities",
    "charges",
    "criminal",
    "case",
    "release",
    "pardon",
    "fine",
    "ban",
    "organisation",
    "international",
    "labour",
    "conference",
    "president",
    "statement",
    "review",
    "freedom",
    "association",
    "detained",
    "searched",
    "office",
    "documents",
    "seized",
    "relatives",
    "interrogated",
    "appeal",
    "judge",
    "verdict",
    "campaign",
    "solidarity",
    "petition",
    "signatures",
    "members",
    "dissolved",
    "closure",
    "ordered",
    "denied",
    "peaceful",
    "assembly",
    "speech",
    "press",
    "journalists",
    "lawyer",
    "defence",
    "hearing",
    "trial",
    "evidence",
    "witness",
    "funds",
    "misappropriation",
    "embezzlement",
    "bogus",
    "politically",
    "motivated",
    "harassment",
    "intimidation",
    "energy",
    "fuel",
    "miners",
    "teachers",
    "doctors",
    "factory",
    "wages",
    "dismissed",
    "employer",
    "collective",
    "agreement",
    "bargaining",
    "negotiations",
];

const RUSSIAN: &[&str] = &[
    "и",
    "в",
    "не",
    "на",
    "что",
    "с",
    "по",
    "был",
    "профсоюз",
    "профсоюза",
    "профсоюзов",
    "суд",
    "приговорил",
    "лет",
    "лишения",
    "свободы",
    "правительство",
    "закон",
    "активисты",
    "регистрации",
    "лидер",
    "права",
    "человека",
    "полиция",
    "задержаны",
    "протест",
    "митинг",
    "нефтяники",
    "забастовка",
    "конфедерация",
    "независимых",
    "власти",
    "обвинения",
    "уголовное",
    "дело",
    "освобождение",
    "помилование",
    "штраф",
    "запрет",
    "организация",
    "международная",
    "конференция",
    "труда",
    "президент",
    "заявление",
    "свобода",
    "объединений",
    "обыск",
    "офис",
    "документы",
    "изъяты",
    "родственники",
    "допрошены",
    "апелляция",
    "судья",
    "приговор",
    "кампания",
    "солидарности",
    "петиция",
    "подписи",
    "члены",
    "ликвидирован",
    "закрытие",
    "отказано",
    "мирных",
    "собраний",
    "журналисты",
    "адвокат",
    "защита",
    "слушание",
    "процесс",
    "свидетель",
    "средств",
    "растрата",
    "политически",
    "мотивированное",
    "давление",
    "энергетики",
    "шахтеры",
    "учителя",
    "зарплата",
    "уволены",
    "работодатель",
    "коллективный",
    "договор",
    "переговоры",
];

/// A vocabulary: the domain words first (frequent), then made-up words
/// for the long tail, sampled with Zipf-like frequencies.
struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn new(domain: &[&str], cyrillic: bool, tail: usize, seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let mut words: Vec<String> = domain.iter().map(|w| w.to_string()).collect();
        let (cons, vows): (&[&str], &[&str]) = if cyrillic {
            (
                &["б", "в", "г", "д", "к", "л", "м", "н", "п", "р", "с", "т", "ш", "з"],
                &["а", "е", "и", "о", "у", "ы"],
            )
        } else {
            (
                &["b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v"],
                &["a", "e", "i", "o", "u"],
            )
        };
        for _ in 0..tail {
            let syllables = 2 + rng.below(3);
            let mut w = String::new();
            for _ in 0..syllables {
                w.push_str(rng.pick::<&str>(cons));
                w.push_str(rng.pick::<&str>(vows));
            }
            if rng.chance(0.5) {
                w.push_str(rng.pick::<&str>(cons));
            }
            words.push(w);
        }
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|r| {
                total += 1.0 / (r as f64 + 2.7);
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self.cumulative.partition_point(|c| *c < x);
        &self.words[i.min(self.words.len() - 1)]
    }
}

struct Corpus {
    names: Vec<Name>,
    english: Vocabulary,
    russian: Vocabulary,
}

/// Source `i`: about 3 KB of sentences, a fifth of them in Russian, some
/// naming persons in the spelling of the source's script.
fn source(corpus: &Corpus, i: usize) -> Source {
    let mut rng = Rng::new(0xC0FFEE + i as u64);
    let russian = rng.chance(0.2);
    let vocab = if russian { &corpus.russian } else { &corpus.english };
    let target = 2000 + rng.below(2000);
    let mut text = String::with_capacity(target + 200);
    let mut title = String::new();
    while text.len() < target {
        let words = 10 + rng.below(16);
        let mut sentence = String::new();
        for w in 0..words {
            if w > 0 {
                sentence.push(' ');
            }
            if rng.chance(0.015) && !corpus.names.is_empty() {
                let name = &corpus.names[rng.below(corpus.names.len())];
                let spelling = if russian {
                    Spelling::Cyrillic
                } else if rng.chance(0.5) {
                    Spelling::LatinA
                } else {
                    Spelling::LatinB
                };
                sentence.push_str(&name.render(spelling, &mut rng));
            } else {
                sentence.push_str(vocab.sample(&mut rng));
            }
        }
        let sentence = capitalise(&sentence);
        if title.is_empty() {
            title = sentence.chars().take(70).collect();
        }
        text.push_str(&sentence);
        text.push_str(if rng.chance(0.2) { ".\n\n" } else { ". " });
    }
    let year = 2011 + rng.below(10) as i32;
    Source {
        language: Some(if russian { "ru" } else { "en" }.into()),
        published: PartialDate::year(year).ok(),
        ..Source::new(RecordId::parse(&format!("s{i}")).expect("id"), title, text)
    }
}

// ---------------------------------------------------------------- measure

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

struct Latencies(Vec<Duration>);

impl Latencies {
    fn pct(&self, p: f64) -> Duration {
        let mut v = self.0.clone();
        v.sort();
        if v.is_empty() {
            return Duration::ZERO;
        }
        v[((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1]
    }
    fn show(&self) -> String {
        format!(
            "p50 {:>7.2} ms   p99 {:>7.2} ms",
            ms(self.pct(0.50)),
            ms(self.pct(0.99))
        )
    }
}

/// CPU time this process has used (user + system), from /proc.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    // utime and stime are fields 14 and 15 of the line, 12 and 13 here.
    Duration::from_secs_f64((ticks(11) + ticks(12)) as f64 / 100.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| {
                    let p = e.path();
                    if p.is_dir() {
                        dir_size(&p)
                    } else {
                        e.metadata().map(|m| m.len()).unwrap_or(0)
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn record_bytes(r: &Record) -> usize {
    match r {
        Record::Source(s) => s.title.len() + s.text.len(),
        Record::Person(p) => p.name.len() + p.aliases.iter().map(String::len).sum::<usize>(),
        _ => 0,
    }
}

/// A name query: a person, in one of the spellings, and whom it must find.
struct NameQuery {
    text: String,
    spelling: Spelling,
    person: usize,
}

struct Recall {
    found: HashMap<Spelling, (usize, usize)>,
}

impl Recall {
    fn new() -> Self {
        Recall { found: HashMap::new() }
    }
    fn add(&mut self, spelling: Spelling, hit: bool) {
        let e = self.found.entry(spelling).or_default();
        e.0 += usize::from(hit);
        e.1 += 1;
    }
    fn total(&self) -> f64 {
        let (h, n) = self.found.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        h as f64 / n.max(1) as f64
    }
    fn show(&self) -> String {
        let mut parts = vec![format!("{:.1}%", self.total() * 100.0)];
        for s in SPELLINGS {
            if let Some((h, n)) = self.found.get(&s) {
                parts.push(format!("{s:?} {:.0}%", *h as f64 * 100.0 / (*n).max(1) as f64));
            }
        }
        format!("{} ({})", parts[0], parts[1..].join(", "))
    }
}

/// Builds Vigil's index in `index_dir`; the time it took, merges included.
fn build(index_dir: &Path, persons: &[Record], sources: &[Record], mb: f64) -> Duration {
    let (index, _) = SearchIndex::open_in_dir_with(
        index_dir,
        WriterOptions {
            threads: 2,
            memory_budget: 400_000_000,
        },
    )
    .expect("index");
    let related = HashMap::new();
    let started = Instant::now();
    let cpu_started = cpu_time();
    index.put_all(persons, &related).expect("persons");
    index.put_all(sources, &related).expect("sources");
    index.commit_as_of(1).expect("commit");
    let committed = started.elapsed();
    index.wait_merging_threads().expect("merges");
    let merged = started.elapsed();
    let cpu = cpu_time().saturating_sub(cpu_started);
    let vigil_size = dir_size(index_dir);
    println!(
        "\nVigil (tantivy) indexing: {mb:.0} MB of text in {:.1} s = {:.1} MB/s (committed); {:.1} s = {:.1} MB/s with merges done; index {:.0} MB",
        committed.as_secs_f64(),
        mb / committed.as_secs_f64(),
        merged.as_secs_f64(),
        mb / merged.as_secs_f64(),
        vigil_size as f64 / 1e6
    );
    println!(
        "  CPU time used: {:.1} s = {:.1} MB per CPU-second (what each core adds when the machine is not shared)",
        cpu.as_secs_f64(),
        mb / cpu.as_secs_f64().max(1e-9)
    );
    merged
}

fn main() {
    let n_sources = env("VIGIL_BENCH_SOURCES", 200_000);
    let n_persons = env("VIGIL_BENCH_PERSONS", 100_000);
    let n_queries = env("VIGIL_BENCH_QUERIES", 1_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let base = std::env::var_os("VIGIL_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_owned());
    let index_dir = base.join("search");
    let fts_path = base.join("fts5.db");
    let reuse = env("VIGIL_BENCH_REUSE", 0) == 1 && index_dir.join("meta.json").exists();
    if !reuse {
        let _ = std::fs::remove_dir_all(&index_dir);
    }
    let _ = std::fs::remove_file(&fts_path);

    println!("Vigil search benchmark: {n_sources} sources, {n_persons} persons, {n_queries} queries of each kind");
    println!(
        "machine: {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    let started = Instant::now();
    let corpus = Corpus {
        names: persons(n_persons),
        english: Vocabulary::new(ENGLISH, false, 30_000, 11),
        russian: Vocabulary::new(RUSSIAN, true, 30_000, 13),
    };
    let persons: Vec<Record> = corpus
        .names
        .iter()
        .enumerate()
        .map(|(i, n)| person_record(i, n))
        .collect();
    // Not needed to query a reused index alone.
    let baseline = env("VIGIL_BENCH_BASELINE", 1) == 1;
    let sources: Vec<Record> = if reuse && !baseline {
        Vec::new()
    } else {
        (0..n_sources).map(|i| Record::Source(source(&corpus, i))).collect()
    };
    println!(
        "generated {} persons and {} sources in {:.1} s",
        persons.len(),
        sources.len(),
        started.elapsed().as_secs_f64()
    );
    let bytes: usize = persons.iter().chain(&sources).map(record_bytes).sum();
    let mb = bytes as f64 / 1e6;

    // ------------------------------------------------ Vigil's index
    let merged = if reuse {
        println!("\nreusing the index in {}", index_dir.display());
        None
    } else {
        Some(build(&index_dir, &persons, &sources, mb))
    };
    let (index, _) = SearchIndex::open_in_dir(&index_dir).expect("reopen");

    // ------------------------------------------------ the queries
    let mut rng = Rng::new(99);
    let name_queries: Vec<NameQuery> = (0..n_queries)
        .map(|k| {
            let person = rng.below(corpus.names.len());
            let spelling = SPELLINGS[k % SPELLINGS.len()];
            NameQuery {
                text: corpus.names[person].render(spelling, &mut rng),
                spelling,
                person,
            }
        })
        .collect();
    let common = &corpus.english.words[10..300];
    let rarer = &corpus.english.words[300..3_000];
    let text_queries: Vec<String> = (0..n_queries)
        .map(|_| format!("{} {}", rng.pick(common), rng.pick(rarer)))
        .collect();

    let page10 = Page::new(10, 0).expect("page");
    // Warm up.
    for q in name_queries.iter().take(50) {
        let _ = index.search(&SearchQuery {
            page: page10,
            ..SearchQuery::new(q.text.clone())
        });
    }
    let mut lat = Vec::new();
    let mut recall = Recall::new();
    for q in &name_queries {
        let t = Instant::now();
        let r = index
            .search(&SearchQuery {
                page: page10,
                ..SearchQuery::new(q.text.clone())
            })
            .expect("search");
        lat.push(t.elapsed());
        let want = format!("p{}", q.person);
        recall.add(q.spelling, r.items.iter().any(|h| h.id.as_str() == want));
    }
    let vigil_names = Latencies(lat);
    let vigil_recall = recall;
    let mut lat = Vec::new();
    let mut hits = 0u64;
    for q in &text_queries {
        let t = Instant::now();
        let r = index
            .search(&SearchQuery {
                page: page10,
                ..SearchQuery::new(q.clone())
            })
            .expect("search");
        lat.push(t.elapsed());
        hits += r.total;
    }
    let vigil_text = Latencies(lat);
    // Filtered by a facet, too.
    let mut lat = Vec::new();
    for (k, q) in text_queries.iter().enumerate() {
        let t = Instant::now();
        index
            .search(&SearchQuery {
                page: page10,
                kind: Some(RecordKind::Source),
                year: Some(2011 + (k % 10) as i32),
                ..SearchQuery::new(q.clone())
            })
            .expect("search");
        lat.push(t.elapsed());
    }
    let vigil_filtered = Latencies(lat);
    println!(
        "Vigil name queries:                 {}   recall@10 {}",
        vigil_names.show(),
        vigil_recall.show()
    );
    println!(
        "Vigil two-word queries + facets:    {}   ({} hits a query on average)",
        vigil_text.show(),
        hits / n_queries.max(1) as u64
    );
    println!("Vigil two-word + facets + 2 filters: {}", vigil_filtered.show());
    drop(index);
    if !baseline {
        return;
    }

    // ------------------------------------------------ SQLite FTS5
    let db = rusqlite::Connection::open(&fts_path).expect("sqlite");
    db.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         CREATE VIRTUAL TABLE docs USING fts5(title, body, id UNINDEXED, kind UNINDEXED, language UNINDEXED, year UNINDEXED);",
    )
    .expect("schema");
    let started = Instant::now();
    let cpu_started = cpu_time();
    {
        let tx = db.unchecked_transaction().expect("tx");
        {
            let mut insert = tx
                .prepare("INSERT INTO docs (title, body, id, kind, language, year) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .expect("insert");
            for r in persons.iter().chain(&sources) {
                match r {
                    Record::Person(p) => insert.execute(rusqlite::params![
                        p.name,
                        p.aliases.join(" "),
                        p.id.as_str(),
                        "person",
                        Option::<String>::None,
                        Option::<i32>::None
                    ]),
                    Record::Source(s) => insert.execute(rusqlite::params![
                        s.title,
                        s.text,
                        s.id.as_str(),
                        "source",
                        s.language,
                        s.published.map(|d| d.earliest().year())
                    ]),
                    _ => Ok(0),
                }
                .expect("insert");
            }
        }
        tx.commit().expect("commit");
    }
    db.execute_batch("INSERT INTO docs(docs) VALUES('optimize');")
        .expect("optimize");
    let fts_time = started.elapsed();
    let fts_cpu = cpu_time().saturating_sub(cpu_started);
    let fts_size = std::fs::metadata(&fts_path).map_or(0, |m| m.len());
    println!(
        "\nSQLite FTS5 indexing: {mb:.0} MB of text in {:.1} s = {:.1} MB/s (optimized); database {:.0} MB",
        fts_time.as_secs_f64(),
        mb / fts_time.as_secs_f64(),
        fts_size as f64 / 1e6
    );
    println!(
        "  CPU time used: {:.1} s = {:.1} MB per CPU-second (SQLite indexes on one thread)",
        fts_cpu.as_secs_f64(),
        mb / fts_cpu.as_secs_f64().max(1e-9)
    );

    let fts_query = |text: &str| -> String {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut top = db
        .prepare("SELECT id, snippet(docs, 1, '<mark>', '</mark>', '…', 24) FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT 10")
        .expect("top");
    let mut facet_statements: Vec<rusqlite::Statement<'_>> = ["kind", "language", "year"]
        .iter()
        .map(|col| {
            db.prepare(&format!(
                "SELECT {col}, count(*) FROM docs WHERE docs MATCH ?1 GROUP BY {col}"
            ))
            .expect("facet")
        })
        .collect();
    let mut run_fts = |q: &str, facets: bool| -> Vec<String> {
        let m = fts_query(q);
        if m.is_empty() {
            return Vec::new();
        }
        let ids: Vec<String> = top
            .query_map([&m], |row| row.get::<_, String>(0))
            .expect("query")
            .filter_map(Result::ok)
            .collect();
        if facets {
            for st in &mut facet_statements {
                let _: Vec<i64> = st
                    .query_map([&m], |row| row.get::<_, i64>(1))
                    .expect("facet")
                    .filter_map(Result::ok)
                    .collect();
            }
        }
        ids
    };
    for q in name_queries.iter().take(50) {
        run_fts(&q.text, true);
    }
    let mut lat = Vec::new();
    let mut recall = Recall::new();
    for q in &name_queries {
        let t = Instant::now();
        let ids = run_fts(&q.text, true);
        lat.push(t.elapsed());
        let want = format!("p{}", q.person);
        recall.add(q.spelling, ids.contains(&want));
    }
    let fts_names = Latencies(lat);
    let fts_recall = recall;
    let mut lat = Vec::new();
    for q in &text_queries {
        let t = Instant::now();
        run_fts(q, true);
        lat.push(t.elapsed());
    }
    let fts_text = Latencies(lat);
    println!(
        "FTS5 name queries (+ facets):       {}   recall@10 {}",
        fts_names.show(),
        fts_recall.show()
    );
    println!("FTS5 two-word queries + facets:     {}", fts_text.show());

    // ------------------------------------------------ summary
    let ratio = |a: &Latencies, b: &Latencies, p: f64| ms(b.pct(p)) / ms(a.pct(p)).max(1e-9);
    println!("\nSummary (FTS5 ÷ Vigil: above 1 means Vigil is faster)");
    if let Some(merged) = merged {
        println!(
            "  indexing throughput   Vigil {:.1} MB/s, FTS5 {:.1} MB/s: ratio {:.2}",
            mb / merged.as_secs_f64(),
            mb / fts_time.as_secs_f64(),
            (mb / merged.as_secs_f64()) / (mb / fts_time.as_secs_f64())
        );
    }
    println!(
        "  name queries          p50 ×{:.2}, p99 ×{:.2}; recall@10 Vigil {:.1}% vs FTS5 {:.1}%",
        ratio(&vigil_names, &fts_names, 0.5),
        ratio(&vigil_names, &fts_names, 0.99),
        vigil_recall.total() * 100.0,
        fts_recall.total() * 100.0
    );
    println!(
        "  two-word + facets     p50 ×{:.2}, p99 ×{:.2}",
        ratio(&vigil_text, &fts_text, 0.5),
        ratio(&vigil_text, &fts_text, 0.99)
    );
    let queries_met = ms(vigil_names.pct(0.5)) < 5.0
        && ms(vigil_names.pct(0.99)) < 50.0
        && ms(vigil_text.pct(0.5)) < 5.0
        && ms(vigil_text.pct(0.99)) < 50.0;
    let met = |ok: bool| if ok { "met" } else { "NOT met" };
    println!(
        "  targets: p50 < 5 ms and p99 < 50 ms for both query kinds: {}; indexing >= 20 MB/s: {}",
        met(queries_met),
        merged.map_or("not measured (index reused)", |m| met(mb / m.as_secs_f64() >= 20.0))
    );
}
