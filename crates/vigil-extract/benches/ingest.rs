//! Ingest throughput on a generated corpus of article text.
//!
//!     cargo bench -p vigil-extract --bench ingest            # 50 MB
//!     cargo bench -p vigil-extract --bench ingest -- 5       # 5 MB
//!     cargo bench -p vigil-extract --bench ingest -- 50 --threads 2
//!     cargo bench -p vigil-extract --bench ingest -- 50 --write DIR
//!
//! Generates articles of about 5 KB in the seeds' style (persons in Latin
//! and Cyrillic spellings, unions, dates absolute and relative, arrests,
//! sentences, bans, fines, rallies, repeated paragraphs, site boilerplate)
//! and times, per article, everything ingest does short of the database:
//! reading and cleaning the text, marking repeats, detecting the language,
//! fingerprinting and looking up duplicates among all earlier articles,
//! and extracting proposals against the demo case file. `--write DIR`
//! also writes the corpus as files, for timing `vigil ingest DIR` end to
//! end with the database.

use std::time::Instant;

use vigil_core::RecordId;
use vigil_extract::extract::Input;
use vigil_extract::{Corpus, Fingerprint, Format, Known, Metadata};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[(self.next() % v.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const FIRST: &[&str] = &[
    "Erlan", "Nurbek", "Amin", "Larisa", "Max", "Aigul", "Dmitry", "Saule", "Yerlan", "Gulnara", "Askar", "Dina",
    "Timur", "Zhanna", "Bolat", "Roza", "Serik", "Aliya",
];
const LAST: &[&str] = &[
    "Baltabay",
    "Kushakbaev",
    "Eleusinov",
    "Kharkova",
    "Bokaev",
    "Utepova",
    "Sadykov",
    "Nurlanova",
    "Abenov",
    "Tulegenova",
    "Zhaksylykov",
    "Ermekova",
    "Ospanov",
    "Dzhumabaev",
    "Kassymova",
    "Seitkali",
];
const CYRILLIC: &[&str] = &[
    "Ерлан Балтабай",
    "Лариса Харькова",
    "Нурбек Кушакбаев",
    "Айгуль Утепова",
];
const UNIONS: &[&str] = &[
    "Fuel and Energy Workers' Union (FEWU)",
    "Confederation of Independent Trade Unions of Kazakhstan (KNPRK)",
    "Caspian Oil Workers Union",
    "Union of Miners of Karaganda",
    "Independent Teachers Union",
    "Federation of Transport Workers",
];
const CITIES: &[&str] = &[
    "Zhanaozen",
    "Aktau",
    "Shymkent",
    "Almaty",
    "Karaganda",
    "Atyrau",
    "Astana",
    "Pavlodar",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const TERMS: &[&str] = &[
    "seven years",
    "five months and eight days",
    "two years",
    "18 months",
    "three years and six months",
];
const FILLER: &[&str] = &[
    "The law creates a burdensome registration requirement that resulted in some unions being denied registration.",
    "Human rights groups have repeatedly called on the authorities to respect freedom of association.",
    "The government continues to restrict independent trade union activity.",
    "Observers say the charges appeared politically motivated.",
    "International unions expressed their solidarity with the workers and their families.",
    "The case has drawn attention from the International Labour Organization.",
];

fn person(r: &mut Rng) -> String {
    if r.below(8) == 0 {
        r.pick(CYRILLIC).to_owned()
    } else {
        format!("{} {}", r.pick(FIRST), r.pick(LAST))
    }
}

fn date(r: &mut Rng) -> String {
    match r.below(5) {
        0 => format!("on {} {} {}", 1 + r.below(28), r.pick(MONTHS), 2014 + r.below(6)),
        1 => format!("in {} {}", r.pick(MONTHS), 2014 + r.below(6)),
        2 => format!("this {}", r.pick(MONTHS)),
        3 => "last year".to_owned(),
        _ => format!("on {} {}", 1 + r.below(28), r.pick(MONTHS)),
    }
}

fn article(r: &mut Rng, n: usize) -> String {
    let mut paragraphs: Vec<String> = vec![format!("Union activists persecuted in {} ({n})", r.pick(CITIES))];
    while paragraphs.iter().map(String::len).sum::<usize>() < 4800 {
        let (p, u, c) = (person(r), r.pick(UNIONS), r.pick(CITIES));
        let para = match r.below(7) {
            0 => format!(
                "{p}, the leader of the {u}, was sentenced {} to {} in prison. {} {}",
                date(r),
                r.pick(TERMS),
                r.pick(FILLER),
                r.pick(FILLER)
            ),
            1 => format!(
                "Workers in {c} have been holding rallies since {} {}, demanding higher wages. Police detained {} people {}. {}",
                1 + r.below(28),
                r.pick(MONTHS),
                2 + r.below(150),
                date(r),
                r.pick(FILLER)
            ),
            2 => format!(
                "{p}, chair of the {u}, was released from prison {} after being pardoned. The remaining portion of his term was replaced by a fine. {}",
                date(r),
                r.pick(FILLER)
            ),
            3 => format!(
                "Three activists, {}, {} and {}, remain banned from leading trade unions. {}",
                person(r),
                person(r),
                person(r),
                r.pick(FILLER)
            ),
            4 => format!(
                "{} authorities in {c} opened a criminal case against {p}. His home was searched and documents were seized. {}",
                date(r).replacen('o', "O", 1).replacen('i', "I", 1).replacen('t', "T", 1).replacen('l', "L", 1),
                r.pick(FILLER)
            ),
            5 => format!("The {u} was ordered to close {}. {}", date(r), r.pick(FILLER)),
            _ => r.pick(FILLER).to_owned(),
        };
        paragraphs.push(para);
        // Sites repeat a paragraph now and then.
        if r.below(10) == 0 {
            let again = paragraphs[1 + r.below(paragraphs.len() as u64 - 1) as usize].clone();
            paragraphs.push(again);
        }
    }
    format!("top of page\n\n{}\n\nbottom of page\n", paragraphs.join("\n\n"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let megabytes: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(50);
    let write = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let target = megabytes * 1_000_000;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut corpus_text = Vec::new();
    let mut bytes = 0;
    while bytes < target {
        let a = article(&mut rng, corpus_text.len());
        bytes += a.len();
        corpus_text.push(a);
    }
    if let Some(dir) = &write {
        std::fs::create_dir_all(dir).expect("create the folder");
        for (i, a) in corpus_text.iter().enumerate() {
            std::fs::write(format!("{dir}/article-{i:05}.txt"), a).expect("write");
        }
        println!(
            "wrote {} articles ({:.1} MB) to {dir}",
            corpus_text.len(),
            bytes as f64 / 1e6
        );
    }
    let threads: usize = args
        .iter()
        .position(|a| a == "--threads")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1);
    let cf = vigil_demo::case_file().expect("demo");
    let known = Known::new(cf.persons, cf.organisations, cf.events);
    let article_date: vigil_core::PartialDate = "2019-11-01".parse().expect("date");
    let started = Instant::now();
    let cpu_started = cpu_seconds();
    // Reading and extraction need nothing from other articles: `threads`
    // workers take a share each. Duplicate lookup follows, in order.
    let per = corpus_text.len().div_ceil(threads);
    let results: Vec<(usize, Vec<Fingerprint>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = corpus_text
            .chunks(per.max(1))
            .enumerate()
            .map(|(c, chunk)| {
                let known = &known;
                scope.spawn(move || {
                    let mut proposals = 0;
                    let mut prints = Vec::with_capacity(chunk.len());
                    for (i, a) in chunk.iter().enumerate() {
                        let doc = vigil_extract::read(a.as_bytes(), Some(Format::Text), &Metadata::default())
                            .expect("readable");
                        prints.push(Fingerprint::of(&doc.text));
                        let id = RecordId::parse(&format!("article-{}", c * per + i)).expect("id");
                        let x = vigil_extract::extract(
                            &Input {
                                source_id: &id,
                                text: &doc.text,
                                language: doc.language.as_deref(),
                                article_date: Some(article_date),
                                repeats: Some(&doc.repeats),
                            },
                            known,
                        );
                        proposals += x.proposals.len();
                    }
                    (proposals, prints)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("worker")).collect()
    });
    let mut corpus = Corpus::new();
    let (mut proposals, mut duplicates) = (0usize, 0usize);
    for (n, prints) in results {
        proposals += n;
        for fp in prints {
            if !matches!(corpus.kinship(&fp), vigil_extract::Kinship::New) {
                duplicates += 1;
            }
            let i = corpus.len();
            corpus.add(i, fp);
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu_started).map(|(b, a)| b - a);
    println!(
        "ingested {} articles, {:.1} MB of text, with {threads} thread(s) in {:.2} s: {:.1} MB/s ({} proposals, {} near or exact duplicates)",
        corpus_text.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs,
        proposals,
        duplicates
    );
    if let Some(cpu) = cpu {
        println!(
            "CPU time {cpu:.2} s: {:.1} MB per CPU-second (what one uncontended core does)",
            bytes as f64 / 1e6 / cpu
        );
    }
}

/// This process's user and system CPU time, from /proc (Linux).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
