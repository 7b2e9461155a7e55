//! The index over a real SQLite store holding the demo case file, in a
//! temporary data folder: names in any spelling and script, text, facets,
//! the change log followed, confidentiality, and an index that breaks.

use std::path::Path;

use vigil_core::{Country, EventType, Person, Record, RecordId, RecordKind, Source};
use vigil_search::{head_seq, Opened, SearchError, SearchIndex, SearchQuery};
use vigil_store::{Change, Page, Store, Visibility};
use vigil_store_sqlite::SqliteStore;

struct Fixture {
    dir: tempfile::TempDir,
    store: SqliteStore,
    index: SearchIndex,
}

impl Fixture {
    async fn demo() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SqliteStore::open(&dir.path().join("vigil.db"), vigil_store::SealKey::generate())
            .await
            .expect("store");
        vigil_store::suite::loaded(&store).await;
        let (index, opened) = SearchIndex::open_in_dir(&dir.path().join("search")).expect("index");
        assert_eq!(opened, Opened::Created);
        let done = index.catch_up(&store).await.expect("catch up");
        assert!(done.applied > 50, "{done:?}");
        Fixture { dir, store, index }
    }

    fn index_dir(&self) -> std::path::PathBuf {
        self.dir.path().join("search")
    }

    fn find(&self, q: SearchQuery) -> Vec<String> {
        found(&self.index, &q)
    }

    fn persons(&self, text: &str) -> Vec<String> {
        persons_in(&self.index, text)
    }

    /// The record `id` as the store holds it (confidential fields too).
    async fn read(&self, id: &str) -> Record {
        let id = RecordId::parse(id).expect("an id");
        self.store
            .record(&id, vigil_store::Visibility::Confidential)
            .await
            .expect("a record")
    }

    /// Writes `record` to the store as new, and lets the index catch up.
    async fn created(&self, record: impl Into<Record>) {
        self.store.create(record.into(), &change()).await.unwrap();
        self.index.catch_up(&self.store).await.unwrap();
    }

    /// Writes `record` to the store as changed, and lets the index catch up.
    async fn updated(&self, record: impl Into<Record>) {
        self.store.update(record.into(), &change()).await.unwrap();
        self.index.catch_up(&self.store).await.unwrap();
    }
}

/// The ids `index` finds for `q`, best first.
fn found(index: &SearchIndex, q: &SearchQuery) -> Vec<String> {
    index
        .search(q)
        .expect("search")
        .items
        .into_iter()
        .map(|h| h.id.to_string())
        .collect()
}

/// A query `text` among Russian texts only.
fn in_russian(text: &str) -> SearchQuery {
    SearchQuery {
        language: Some("ru".into()),
        ..SearchQuery::new(text)
    }
}

/// A source in Russian.
fn russian_source(id: &str, title: &str, text: &str) -> Source {
    Source {
        language: Some("ru".into()),
        ..Source::new(RecordId::parse(id).unwrap(), title, text)
    }
}

fn change() -> Change {
    Change::new("test", Some("search test"))
}

#[tokio::test]
async fn every_spelling_and_script_finds_the_person() {
    let fx = Fixture::demo().await;
    let cases: &[(&str, &[&str])] = &[
        (
            "erlan-baltabay",
            &[
                "Baltabay",
                "Baltabai",
                "Балтабай",
                "BALTABAY",
                "Erlan Baltabai",
                "Baltabayev",
                "Балтабаев",
            ],
        ),
        (
            "nurbek-kushakbaev",
            &["Kushakbaev", "Kushakpaev", "Kushakbayev", "Кушакбаев"],
        ),
        ("kassym-jomart-tokayev", &["Tokaev", "Tokayev", "Тоқаев", "Токаев"]),
        ("nursultan-nazarbayev", &["Nazarbaev", "Nazarbayev", "Назарбаев"]),
        ("amin-eleusinov", &["Eleusinov", "Елеусинов", "Yeleussinov"]),
        ("larisa-kharkova", &["Kharkova", "Харькова", "Kharkowa"]),
        ("max-bokaev", &["Maks Bokaev", "Макс Бокаев", "Max Bokayev"]),
    ];
    for (id, spellings) in cases {
        for s in *spellings {
            let found = fx.persons(s);
            assert_eq!(found.first().map(String::as_str), Some(*id), "{s}: {found:?}");
        }
    }
}

/// The regular ways one Kazakh or Russian name is romanised, as pairs of
/// spellings that stand for each other: a surname's -ay/-ai/-aev/-ayev/-aiev
/// at the end of a word, and anywhere else х (kh, h), ж (zh, j), кс (ks, x),
/// в (v, w), a doubled consonant or a single one, е at the start of a word
/// (e, ye).
fn romanisations(spelling: &str) -> Vec<String> {
    const ENDINGS: &[&str] = &["ay", "ai", "aev", "ayev", "aiev"];
    const ANYWHERE: &[(&str, &str)] = &[("kh", "h"), ("zh", "j"), ("ks", "x"), ("v", "w"), ("ss", "s")];
    let words: Vec<&str> = spelling.split(' ').collect();
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        let mut respelt = Vec::new();
        for end in ENDINGS {
            // Only after a stem of three letters or more, as the rule says.
            if lower.ends_with(end) && lower.len() >= end.len() + 3 {
                let stem = &word[..word.len() - end.len()];
                respelt.extend(ENDINGS.iter().filter(|e| *e != end).map(|e| format!("{stem}{e}")));
            }
        }
        for (a, b) in ANYWHERE {
            for (from, to) in [(a, b), (b, a)] {
                if lower.contains(from)
                    && !(*from == "h" && lower.contains("kh"))
                    && !(*from == "s" && lower.contains("ss"))
                {
                    respelt.push(lower.replacen(from, to, 1));
                }
            }
        }
        if let Some(rest) = lower.strip_prefix('e') {
            respelt.push(format!("ye{rest}"));
        }
        for r in respelt {
            let mut whole = words.clone();
            whole[i] = &r;
            out.push(whole.join(" "));
        }
    }
    out
}

/// Every demo person, by every name and alias the case file gives them and
/// by each regular romanisation of those, is found first; run over the
/// demo case file itself, so a person added to it is tested too.
#[tokio::test]
async fn every_demo_person_is_found_by_every_usual_spelling_of_their_names() {
    let fx = Fixture::demo().await;
    let demo = vigil_demo::case_file().expect("demo");
    let mut tried = 0;
    let mut missed = Vec::new();
    for person in &demo.persons {
        let given: Vec<&str> = std::iter::once(person.name.as_str())
            .chain(person.aliases.iter().map(String::as_str))
            .collect();
        let spellings: Vec<String> = given
            .iter()
            .map(|s| s.to_string())
            .chain(given.iter().filter(|s| s.is_ascii()).flat_map(|s| romanisations(s)))
            .collect();
        for spelling in spellings {
            tried += 1;
            let found = fx.persons(&spelling);
            if found.first() != Some(&person.id.to_string()) {
                missed.push(format!("{spelling} → {found:?} (wanted {})", person.id));
            }
        }
    }
    assert!(tried > 150, "{tried} spellings tried");
    assert!(
        missed.is_empty(),
        "{} of {tried} missed:\n{}",
        missed.len(),
        missed.join("\n")
    );
    // The rows the documentalists asked for by name.
    for spelling in [
        "Baltabaev",
        "Erlan Baltabaev",
        "Baltabaiev",
        "Kassym-Zhomart Tokaev",
        "Yeleusinov",
        "Mikhra Rittman",
    ] {
        assert!(
            romanisations_or_given(&demo, spelling),
            "{spelling} is among the spellings tried"
        );
    }
}

fn romanisations_or_given(demo: &vigil_core::CaseFile, spelling: &str) -> bool {
    demo.persons.iter().any(|p| {
        std::iter::once(p.name.as_str())
            .chain(p.aliases.iter().map(String::as_str))
            .any(|g| g == spelling || romanisations(g).iter().any(|r| r.eq_ignore_ascii_case(spelling)))
    })
}

#[tokio::test]
async fn a_name_with_a_typo_or_half_typed_still_finds_the_person() {
    let fx = Fixture::demo().await;
    for (typed, id) in [
        ("Baltabey", "erlan-baltabay"),
        ("Kushakbeav", "nurbek-kushakbaev"),
        ("Nazarbyev", "nursultan-nazarbayev"),
        ("Харкова", "larisa-kharkova"),
        ("Balta", "erlan-baltabay"),
        ("Кушак", "nurbek-kushakbaev"),
    ] {
        let found = fx.persons(typed);
        assert_eq!(found.first().map(String::as_str), Some(id), "{typed}: {found:?}");
    }
    // Suggestions as one types, in the script one types.
    let s = fx.index.suggest("Балт", Visibility::Public, 10).expect("suggest");
    assert_eq!(s[0].id.as_str(), "erlan-baltabay", "{s:?}");
    assert_eq!(s[0].name, "Erlan Baltabay");
    assert!(s[0].matched.as_deref().is_some_and(|m| m.contains("Балтабай")), "{s:?}");
    let s = fx.index.suggest("erlan balt", Visibility::Public, 10).expect("suggest");
    assert_eq!(s.len(), 1, "{s:?}");
    let s = fx.index.suggest("Tokay", Visibility::Public, 10).expect("suggest");
    assert_eq!(s[0].id.as_str(), "kassym-jomart-tokayev", "{s:?}");
    let s = fx.index.suggest("knp", Visibility::Public, 10).expect("suggest");
    assert_eq!(s[0].id.as_str(), "knprk", "{s:?}");
    assert!(fx
        .index
        .suggest("b", Visibility::Public, 10)
        .expect("suggest")
        .is_empty());
    assert!(fx
        .index
        .suggest("  ", Visibility::Public, 10)
        .expect("suggest")
        .is_empty());
}

#[tokio::test]
async fn a_name_finds_the_events_and_passages_that_mention_it() {
    let fx = Fixture::demo().await;
    let results = fx.index.search(&SearchQuery::new("Кушакбаев")).expect("search");
    let kinds: Vec<RecordKind> = results.items.iter().map(|h| h.kind).collect();
    assert_eq!(kinds[0], RecordKind::Person);
    assert!(kinds.contains(&RecordKind::Event), "{kinds:?}");
    let source = results
        .items
        .iter()
        .find(|h| h.id.as_str() == "hrw-2019-kazakhstan-upr")
        .expect("the HRW article mentions him");
    assert!(source.snippet.contains("<mark>Kushakbaev</mark>"), "{}", source.snippet);
    assert!(!source.snippet.contains("<b>"));
    let kind_facet = &results.facets.kind;
    assert!(kind_facet.iter().any(|v| v.value == "source" && v.count >= 1));
    assert_eq!(results.total, kind_facet.iter().map(|v| v.count).sum::<u64>());

    // Phrases, and words stemmed.
    let found = fx.find(SearchQuery::new(r#""Trade Union Law""#));
    assert!(found.contains(&"hrw-2019-kazakhstan-upr".to_owned()), "{found:?}");
    let sentenced = fx.find(SearchQuery {
        event_type: Some(EventType::Sentence),
        ..SearchQuery::new("sentences Baltabay")
    });
    assert!(!sentenced.is_empty());
    for id in &sentenced {
        let Record::Event(e) = fx.read(id).await else {
            panic!("{id}: an event")
        };
        assert_eq!(e.event_type, EventType::Sentence);
    }
}

#[tokio::test]
async fn facets_count_and_filters_narrow() {
    let fx = Fixture::demo().await;
    let all = fx.index.search(&SearchQuery::new("Baltabay")).expect("search");
    assert!(all.total >= 5, "{}", all.total);
    let years: Vec<&str> = all.facets.year.iter().map(|v| v.value.as_str()).collect();
    assert!(years.contains(&"2019") && years.contains(&"2018"), "{years:?}");
    let types = &all.facets.event_type;
    assert!(types.iter().any(|v| v.value == "sentence" && v.label == "Sentence"));
    assert!(all.facets.country.iter().any(|v| v.value == "KZ"));
    let fewu = all
        .facets
        .organisation
        .iter()
        .find(|v| v.value == "fewu")
        .expect("FEWU is a facet");
    assert_eq!(fewu.label, "Fuel and Energy Workers' Union");
    assert!(all.facets.language.iter().any(|v| v.value == "en"));

    let in_2019 = fx
        .index
        .search(&SearchQuery {
            kind: Some(RecordKind::Event),
            year: Some(2019),
            ..SearchQuery::new("Baltabay")
        })
        .expect("search");
    assert!(in_2019.total > 0 && in_2019.total < all.total);
    assert!(in_2019.items.iter().all(|h| h.kind == RecordKind::Event));
    assert!(in_2019
        .items
        .iter()
        .all(|h| h.date.as_deref().is_some_and(|d| d.contains("2019"))));
    let by_org = fx.find(SearchQuery {
        organisation: Some(RecordId::parse("knprk").unwrap()),
        ..SearchQuery::new("")
    });
    assert!(by_org.contains(&"knprk".to_owned()), "{by_org:?}");
    let russian = fx.find(in_russian("Baltabay"));
    assert!(russian.is_empty());
    let country = fx.find(SearchQuery {
        country: Some(Country::parse("kz").unwrap()),
        kind: Some(RecordKind::Person),
        ..SearchQuery::new("")
    });
    assert!(country.len() >= 7, "{country:?}");

    // Paging.
    let page = |offset| SearchQuery {
        page: Page::new(2, offset).unwrap(),
        ..SearchQuery::new("Kazakhstan")
    };
    let first = fx.find(page(0));
    let second = fx.find(page(2));
    assert_eq!(first.len(), 2);
    assert_eq!(second.len(), 2);
    assert!(first.iter().all(|id| !second.contains(id)));
}

#[tokio::test]
async fn odd_queries_get_a_best_effort_answer() {
    let fx = Fixture::demo().await;
    let huge = "Baltabay ".repeat(1200);
    for q in [
        r#""unbalanced quote Baltabay"#,
        r#"Baltabay" union""#,
        "Bal\u{0}tabay\u{7}",
        &huge,
        "((( AND OR NOT *:* ~2 ^3",
        "\"\"",
        "-",
        "é",
    ] {
        fx.index.search(&SearchQuery::new(q)).expect("never an error");
    }
    let found = fx.persons(r#""Erlan Baltabay"#);
    assert_eq!(found.first().map(String::as_str), Some("erlan-baltabay"));
}

#[tokio::test]
async fn the_index_follows_creates_updates_and_deletes() {
    let fx = Fixture::demo().await;
    let seq = fx.index.applied_seq();
    assert_eq!(seq, head_seq(&fx.store).await.unwrap());
    assert!(fx.persons("Zhovtis").is_empty());

    let mut p = Person {
        aliases: vec!["Евгений Жовтис".into()],
        occupation: Some("human-rights defender".into()),
        country: Some("KZ".into()),
        ..Person::named(RecordId::parse("evgeniy-zhovtis").unwrap(), "Evgeniy Zhovtis")
    };
    fx.created(p.clone()).await;
    assert_eq!(fx.persons("Жовтис"), ["evgeniy-zhovtis"]);
    assert_eq!(fx.persons("Yevgeny Zhovtis"), ["evgeniy-zhovtis"]);

    p.aliases.push("Jovtis".into());
    fx.store.update(p.clone().into(), &change()).await.unwrap();
    // A request's bounded catch-up sees it too.
    fx.index.freshen(&fx.store).await.unwrap();
    assert_eq!(fx.persons("Jovtis"), ["evgeniy-zhovtis"]);

    fx.store.delete(&p.id, &change()).await.unwrap();
    let done = fx.index.catch_up(&fx.store).await.unwrap();
    assert_eq!(done.applied, 1);
    assert!(fx.persons("Zhovtis").is_empty());

    // Renaming a person re-indexes the events that name them.
    let Record::Person(mut baltabay) = fx.read("erlan-baltabay").await else {
        panic!("a person")
    };
    baltabay.aliases.push("Ерлан Балтабаевич".into());
    fx.updated(baltabay).await;
    let events = fx.find(SearchQuery {
        kind: Some(RecordKind::Event),
        ..SearchQuery::new("Балтабаевич")
    });
    assert!(!events.is_empty());

    // Reopened, it carries on from where it was.
    let applied = fx.index.applied_seq();
    let dir = fx.index_dir();
    drop(fx.index);
    let (index, opened) = SearchIndex::open_in_dir(&dir).unwrap();
    assert_eq!(opened, Opened::Existing { seq: applied });
    assert_eq!(index.catch_up(&fx.store).await.unwrap().applied, 0);
    assert!(!index.search(&SearchQuery::new("Балтабаевич")).unwrap().items.is_empty());
}

/// Every byte of every file under `dir`.
fn all_bytes(dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(all_bytes(&path));
        } else {
            out.extend(std::fs::read(&path).unwrap());
        }
    }
    out
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn confidential_records_are_never_indexed_nor_found() {
    let fx = Fixture::demo().await;
    let witness = Person {
        aliases: vec!["Квертзуиоп".into()],
        country: Some("KZ".into()),
        confidential: true,
        ..Person::named(RecordId::parse("witness-1").unwrap(), "Qzxkjvwpq Wjxqzkvbn")
    };
    fx.store.create(witness.into(), &change()).await.unwrap();
    let secret_source = Source {
        language: Some("en".into()),
        confidential: true,
        ..Source::new(
            RecordId::parse("secret-statement").unwrap(),
            "Statement of a witness",
            "The witness Xqjzvwkpth saw the arrest at Pzqjxkw Street.",
        )
    };
    fx.store.create(secret_source.into(), &change()).await.unwrap();
    // A public event that names the witness: the event is found, the name
    // is not in it.
    let Record::Event(mut event) = fx.read("baltabay-sentence-2019-10-16").await else {
        panic!("demo event")
    };
    event.participants.push(vigil_core::Participant {
        record_id: RecordId::parse("witness-1").unwrap(),
        role: vigil_core::Role::Target,
    });
    fx.store.update(event.into(), &change()).await.unwrap();
    // A public person who later becomes confidential.
    let mut later = Person::named(RecordId::parse("later-hidden").unwrap(), "Vzqkxjwtyp Person");
    fx.created(later.clone()).await;
    assert_eq!(fx.persons("Vzqkxjwtyp"), ["later-hidden"]);
    // The test can see text on disk: the public marker is there.
    assert!(holds(&all_bytes(&fx.index_dir()), "Vzqkxjwtyp"));

    later.confidential = true;
    fx.updated(later).await;

    // The words only confidential content held.
    let markers = [
        "Qzxkjvwpq",
        "Wjxqzkvbn",
        "Квертзуиоп",
        "Xqjzvwkpth",
        "Pzqjxkw",
        "Vzqkxjwtyp",
    ];
    for visibility in [Visibility::Public, Visibility::Confidential] {
        for q in markers {
            let r = fx
                .index
                .search(&SearchQuery {
                    visibility,
                    ..SearchQuery::new(q)
                })
                .unwrap();
            assert_eq!(r.total, 0, "{q}: {:?}", r.items);
            let s = fx.index.suggest(q, visibility, 10).unwrap();
            assert!(s.is_empty(), "{q}: {s:?}");
        }
    }
    let event = fx.index.search(&SearchQuery::new("Baltabay sentenced")).unwrap();
    assert!(event.items.iter().all(|h| !h.snippet.contains("Wjxqzkvbn")));

    let bytes = all_bytes(&fx.index_dir());
    for marker in markers.into_iter().chain(["witness-1", "secret-statement"]) {
        assert!(!holds(&bytes, marker), "{marker} is on disk");
        assert!(!holds(&bytes, &marker.to_lowercase()), "{marker} is on disk");
    }
}

#[tokio::test]
async fn a_corrupt_index_is_rebuilt_and_a_busy_one_refused() {
    let fx = Fixture::demo().await;
    let dir = fx.index_dir();
    // Two processes cannot share the folder.
    match SearchIndex::open_in_dir(&dir) {
        Err(SearchError::Locked(d)) => assert_eq!(d, dir),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("opened twice"),
    }
    drop(fx.index);

    std::fs::write(dir.join("meta.json"), b"{ not json").unwrap();
    let (index, opened) = SearchIndex::open_in_dir(&dir).unwrap();
    assert!(matches!(opened, Opened::Rebuilt { .. }), "{opened:?}");
    assert_eq!(index.applied_seq(), 0);
    assert!(index.search(&SearchQuery::new("Baltabay")).unwrap().items.is_empty());
    index.catch_up(&fx.store).await.unwrap();
    assert_eq!(
        persons_in(&index, "Балтабай").first().map(String::as_str),
        Some("erlan-baltabay")
    );
    drop(index);

    // A segment file gone.
    let segment = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "idx"))
        .expect("a segment");
    std::fs::remove_file(segment).unwrap();
    let (index, opened) = SearchIndex::open_in_dir(&dir).unwrap();
    assert!(matches!(opened, Opened::Rebuilt { .. }), "{opened:?}");
    drop(index);

    // The whole folder gone.
    std::fs::remove_dir_all(&dir).unwrap();
    let (index, opened) = SearchIndex::open_in_dir(&dir).unwrap();
    assert_eq!(opened, Opened::Created);

    // A rebuild reports its progress up to the store's last revision.
    let mut seen = Vec::new();
    let done = index.rebuild(&fx.store, &mut |p| seen.push(p)).await.unwrap();
    let head = head_seq(&fx.store).await.unwrap();
    assert_eq!(done.seq, head);
    assert_eq!(seen.last().map(|p| (p.seq, p.head)), Some((head, head)));
    assert!(index.num_docs() > 50);
}

fn persons_in(index: &SearchIndex, text: &str) -> Vec<String> {
    found(
        index,
        &SearchQuery {
            kind: Some(RecordKind::Person),
            ..SearchQuery::new(text)
        },
    )
}

#[tokio::test]
async fn russian_text_is_stemmed() {
    let fx = Fixture::demo().await;
    let s = Source {
        publisher: Some("Радио Азаттык".into()),
        published: Some("2019-10-16".parse().unwrap()),
        ..russian_source(
            "ru-article",
            "Профсоюзы Казахстана",
            "Суд приговорил лидера профсоюза Ерлана Балтабая к пяти месяцам.",
        )
    };
    fx.created(s).await;
    for q in ["профсоюзов", "приговорили", "Балтабай", "Baltabay", "Азаттык"] {
        let found = fx.find(in_russian(q));
        assert_eq!(found, ["ru-article"], "{q}");
    }
}

#[tokio::test]
async fn the_follower_catches_up_when_signalled_and_by_polling() {
    let fx = Fixture::demo().await;
    let follower = tokio::spawn(fx.index.clone().follow(fx.store.clone()));
    let person = |id: &str, name: &str| -> Record { Person::named(RecordId::parse(id).unwrap(), name).into() };
    let wait_for = |name: &'static str, id: &'static str| {
        let index = fx.index.clone();
        async move {
            let started = std::time::Instant::now();
            while persons_in(&index, name) != [id] {
                assert!(started.elapsed().as_secs() < 10, "{name} never indexed");
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            started.elapsed()
        }
    };
    // Signalled: at once.
    fx.store
        .create(person("signalled", "Signalled Qzvxkperson"), &change())
        .await
        .unwrap();
    fx.index.notify_written();
    wait_for("Qzvxkperson", "signalled").await;
    // Not signalled (a write by another process): within a poll or two.
    fx.store
        .create(person("polled", "Polled Wxkqzperson"), &change())
        .await
        .unwrap();
    let took = wait_for("Wxkqzperson", "polled").await;
    assert!(took < vigil_search::POLL * 4, "{took:?}");
    follower.abort();
}

#[tokio::test]
async fn an_index_of_another_history_starts_again() {
    let fx = Fixture::demo().await;
    let dir = fx.index_dir();
    let applied = fx.index.applied_seq();
    drop(fx.index);
    // The case file is replaced by a shorter one (a restore, say).
    let other_dir = tempfile::tempdir().unwrap();
    let other = SqliteStore::open(&other_dir.path().join("vigil.db"), vigil_store::SealKey::generate())
        .await
        .unwrap();
    let p = Person::named(RecordId::parse("only-one").unwrap(), "Only Onexqzperson");
    other.create(p.into(), &change()).await.unwrap();
    let (index, opened) = SearchIndex::open_in_dir(&dir).unwrap();
    assert_eq!(opened, Opened::Existing { seq: applied });
    index.catch_up(&other).await.unwrap();
    assert_eq!(index.applied_seq(), 1);
    assert_eq!(persons_in(&index, "Onexqzperson"), ["only-one"]);
    assert!(persons_in(&index, "Baltabay").is_empty());
    assert_eq!(index.num_docs(), 1);
}

#[tokio::test]
async fn a_page_far_past_the_end_is_empty() {
    let fx = Fixture::demo().await;
    let r = fx
        .index
        .search(&SearchQuery {
            page: Page::new(500, Page::MAX_OFFSET).unwrap(),
            ..SearchQuery::new("Kazakhstan")
        })
        .unwrap();
    assert!(r.items.is_empty());
    assert!(r.total > 10);
}

#[tokio::test]
async fn a_name_declined_in_a_russian_text_is_found_in_any_form() {
    let fx = Fixture::demo().await;
    let s = russian_source(
        "ru-declined",
        "Запрет на профсоюзную деятельность",
        "Суд запретил Нурбеку Кушакбаеву и Ларисе Харьковой руководить профсоюзами.",
    );
    fx.created(s).await;
    for q in ["Kushakbaev", "Кушакбаев", "Kushakpaev", "Kharkova", "Харькова"] {
        let r = fx.index.search(&in_russian(q)).unwrap();
        assert_eq!(r.items.len(), 1, "{q}");
        assert!(r.items[0].snippet.contains("<mark>"), "{q}: {}", r.items[0].snippet);
    }
}

/// The index holds the records' words, never the interface's: no "Also
/// written:", "Also known as:", "Place:", "Persons:" nor English role or
/// kind labels in what it stores and shows; a person's other spellings
/// are kept apart (for a label in the reader's language) and still found.
#[tokio::test]
async fn the_index_stores_no_interface_words() {
    let f = Fixture::demo().await;
    let labels = [
        "Also written",
        "Also known as",
        "Place:",
        "Persons:",
        "Victim:",
        "Perpetrator:",
        "Trade union",
    ];
    let mut seen = 0;
    for text in ["Baltabay", "Балтабай", "KNPRK", "Zhanaozen", "Kushakbaev", "sentence"] {
        let results = f.index.search(&SearchQuery::new(text)).expect("search");
        for hit in &results.items {
            seen += 1;
            for label in labels {
                assert!(
                    !hit.snippet.contains(label) && !hit.also.contains(label),
                    "{label} stored for {}: {} / {}",
                    hit.id,
                    hit.snippet,
                    hit.also
                );
            }
        }
    }
    assert!(seen > 5, "the searches find something");
    // The other spellings, apart, and found by any of them.
    let hit = f
        .index
        .search(&SearchQuery::new("Baltabai"))
        .expect("search")
        .items
        .into_iter()
        .find(|h| h.id.as_str() == "erlan-baltabay")
        .expect("found by another spelling");
    assert!(
        hit.also.contains("Baltabai") || hit.also.contains("Балтабай"),
        "{}",
        hit.also
    );
    assert!(!hit.snippet.contains("Baltabai"), "{}", hit.snippet);
}

/// A record made confidential and given a new id leaves no change under
/// its old id: the index learns the old id from the change log (the
/// write's revision keeps it, sealed), as every server's index following
/// one case file does, and its document goes — names, and the old id, off
/// the disk too.
#[tokio::test]
async fn a_record_given_a_new_id_leaves_the_index_of_any_follower() {
    let fx = Fixture::demo().await;
    let person = Person::named(RecordId::parse("vzqkxjwtyp-person").unwrap(), "Vzqkxjwtyp Person");
    fx.created(person.clone()).await;
    assert_eq!(fx.persons("Vzqkxjwtyp"), ["vzqkxjwtyp-person"]);
    let mut hidden = person;
    hidden.confidential = true;
    let rev = fx
        .store
        .update(
            hidden.into(),
            &Change {
                new_id_when_hidden: true,
                ..change()
            },
        )
        .await
        .unwrap();
    assert_eq!(rev.formerly.as_ref().map(RecordId::as_str), Some("vzqkxjwtyp-person"));
    // What a follower reads: the change log alone.
    let log = fx.store.changes_since(0, 100_000).await.unwrap();
    assert!(log.iter().all(|r| r.record_id.as_str() != "vzqkxjwtyp-person"));
    fx.index.catch_up(&fx.store).await.unwrap();
    for visibility in [Visibility::Public, Visibility::Confidential] {
        let r = fx
            .index
            .search(&SearchQuery {
                visibility,
                ..SearchQuery::new("Vzqkxjwtyp")
            })
            .unwrap();
        assert_eq!(r.total, 0, "{:?}", r.items);
    }
    let bytes = all_bytes(&fx.index_dir());
    assert!(!holds(&bytes, "vzqkxjwtyp"), "the old id or the name is on disk");
}
