//! Reading documents: the seeds as they were scraped, hostile HTML, PDFs.

use vigil_extract::{read, Format, Metadata, ReadError};

const SEED_000: &[u8] = include_bytes!("../../../data/seeds/000_d79213b0131a445b.txt");
const SEED_003: &[u8] = include_bytes!("../../../data/seeds/003_bfcdc5e5cff55131.txt");
const DEMO_HRW: &str = include_str!("../../../data/demo/sources/hrw-2019-kazakhstan-upr.txt");
const DEMO_SVENSSON: &str = include_str!("../../../data/demo/sources/svensson-2019-nazarbaev-resigns.txt");

#[test]
fn the_seeds_clean_to_the_demo_sources_byte_for_byte() {
    let hrw = read(SEED_000, None, &Metadata::default()).unwrap();
    assert_eq!(hrw.format, Format::Text);
    assert_eq!(hrw.text, DEMO_HRW);
    assert_eq!(
        hrw.title.as_deref(),
        Some("Still suppression of workers' rights in Kazakhstan")
    );
    assert_eq!(hrw.language.as_deref(), Some("en"));
    let svensson = read(SEED_003, Some(Format::Text), &Metadata::default()).unwrap();
    assert_eq!(svensson.text, DEMO_SVENSSON);
    assert_eq!(
        svensson.title.as_deref(),
        Some("Kazakhstan’s Leader Resigns - Now Is a Chance to Guarantee the Citizens Their Rights")
    );
    // Same text, same hash: an exact duplicate of the demo source.
    assert_eq!(
        vigil_extract::content_hash(&hrw.text),
        vigil_extract::content_hash(DEMO_HRW)
    );
}

#[test]
fn seed_000s_repeated_paragraphs_are_kept_and_marked() {
    let hrw = read(SEED_000, None, &Metadata::default()).unwrap();
    let repeated: Vec<&str> = hrw.repeats.iter().map(|r| &hrw.text[r.start..r.end]).collect();
    assert!(repeated.contains(&"After widespread strikes in 2011 and 2012, Kazakhstan adopted a new Trade Union Law in 2014 that virtually eliminated the possibility of independent union organizing."));
    assert!(repeated.contains(
        &"Several trade union activists have been imprisoned and upon release, banned from union activities."
    ));
    for r in &hrw.repeats {
        assert!(r.first_start < r.start);
        assert_eq!(
            vigil_extract::text::normalised(&hrw.text[r.start..r.end]),
            vigil_extract::text::normalised(&hrw.text[r.first_start..r.first_start + (r.end - r.start)])
        );
    }
}

#[test]
fn html_main_text_without_the_site() {
    let page = format!(
        "<html><head><title>t</title></head><body><nav>Home | About</nav><p>top of page</p><main><h1>Headline</h1>{}</main><footer>bottom</footer></body></html>",
        DEMO_SVENSSON.lines().map(|l| format!("<p>{l}</p>")).collect::<String>()
    );
    let doc = read(page.as_bytes(), None, &Metadata::default()).unwrap();
    assert_eq!(doc.format, Format::Html);
    assert!(doc.text.starts_with("Headline\n\nKazakhstan’s Leader Resigns"));
    assert!(!doc.text.contains("Home | About"));
    assert!(!doc.text.contains("bottom"));
    assert!(doc
        .text
        .contains("Erlan Baltabai, chair of the Fuel and Energy Workers' Union (FEWU)"));
}

#[test]
fn hostile_html_scripts_nesting_and_broken_markup() {
    // Scripts, styles and event handlers never reach the text.
    let page = r#"<html><body><script>alert('x')</script><style>body{}</style>
        <p onclick="evil()">Erlan Baltabay was <b>sentenced<i> on 16 October</b></i> to five months.
        <p>Unclosed <div>tags <span>everywhere<p>and <![CDATA[ junk ]]> <!-- a comment --> more text
        <img src=x onerror=alert(1)><iframe src="https://evil.example"></iframe>
        <noscript>no script</noscript></body>"#;
    let doc = read(page.as_bytes(), Some(Format::Html), &Metadata::default()).unwrap();
    assert!(
        doc.text
            .contains("Erlan Baltabay was sentenced on 16 October to five months."),
        "{}",
        doc.text
    );
    for bad in ["alert", "evil", "body{}", "no script", "a comment"] {
        assert!(!doc.text.contains(bad), "{bad} in {}", doc.text);
    }
    // Very deep nesting: no stack overflow, the text survives.
    let deep = format!(
        "<html><body>{}deep text{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let started = std::time::Instant::now();
    let doc = read(deep.as_bytes(), Some(Format::Html), &Metadata::default()).unwrap();
    assert_eq!(doc.text.trim(), "deep text");
    let nested_b = format!("<p>{}bold{}</p>", "<b>".repeat(5_000), "</b>".repeat(5_000));
    let doc = read(nested_b.as_bytes(), Some(Format::Html), &Metadata::default()).unwrap();
    assert_eq!(doc.text.trim(), "bold");
    assert!(started.elapsed().as_secs() < 30, "took {:?}", started.elapsed());
    // Only furniture: nothing to store.
    let empty = read(
        b"<html><nav>menu</nav><script>x</script></html>",
        None,
        &Metadata::default(),
    );
    assert_eq!(empty, Err(ReadError::NoText));
}

/// A one-page PDF with `lines` of text, made with lopdf.
fn pdf(lines: &[&str], title: &str) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 11.into()]),
        Operation::new("Td", vec![50.into(), 780.into()]),
        Operation::new("TL", vec![14.into()]),
    ];
    for l in lines {
        ops.push(Operation::new("Tj", vec![Object::string_literal(*l)]));
        ops.push(Operation::new("T*", vec![]));
    }
    ops.push(Operation::new("ET", vec![]));
    let content = Content { operations: ops };
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
    let page_id = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            "Resources" => resources_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let info_id = doc.add_object(dictionary! {
        "Title" => Object::string_literal(title),
        "CreationDate" => Object::string_literal("D:20191017090000Z"),
    });
    doc.trailer.set("Info", info_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_pdfs_text_layer_with_its_lines_joined() {
    let bytes = pdf(
        &[
            "Erlan Baltabay was sentenced on 16 October to five months",
            "and eight days for failing to pay the fine.",
        ],
        "Union leader jailed",
    );
    let doc = read(&bytes, None, &Metadata::default()).unwrap();
    assert_eq!(doc.format, Format::Pdf);
    assert_eq!(doc.title.as_deref(), Some("Union leader jailed"));
    assert_eq!(doc.published.map(|d| d.to_string()).as_deref(), Some("2019-10-17"));
    assert!(
        doc.text.contains(
            "Erlan Baltabay was sentenced on 16 October to five months and eight days for failing to pay the fine."
        ),
        "{:?}",
        doc.text
    );
}

#[test]
fn a_corrupt_pdf_is_a_clear_error() {
    for bytes in [
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage".to_vec(),
        b"%PDF-1.7\n".to_vec(),
        {
            let mut good = pdf(&["Some text here."], "t");
            good.truncate(good.len() / 2);
            good
        },
    ] {
        match read(&bytes, None, &Metadata::default()) {
            Err(ReadError::Pdf(msg)) => assert!(!msg.is_empty()),
            Err(ReadError::NoTextLayer) => {}
            other => panic!("{other:?}"),
        }
    }
    // Binary that is not a PDF.
    assert_eq!(
        read(&[0u8, 159, 146, 150], None, &Metadata::default()),
        Err(ReadError::Binary)
    );
}

#[test]
fn given_metadata_wins() {
    let given = Metadata {
        title: Some("Given".into()),
        published: Some("2019-03-19".parse().unwrap()),
        url: Some("https://example.org/x".into()),
        ..Default::default()
    };
    let doc = read(SEED_003, None, &given).unwrap();
    assert_eq!(doc.title.as_deref(), Some("Given"));
    assert_eq!(doc.published.map(|d| d.to_string()).as_deref(), Some("2019-03-19"));
    assert_eq!(doc.url.as_deref(), Some("https://example.org/x"));
}

/// Every article of the evaluation sets (real published text in English,
/// Russian and Kazakh; Russian ones full of Kazakh names) is read as the
/// language its header gives, Kazakh included, which whatlang alone lacks.
#[test]
fn real_articles_are_read_in_their_language_kazakh_included() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("eval");
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for set in ["articles", "heldout"] {
        for entry in std::fs::read_dir(root.join(set)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let raw = std::fs::read_to_string(&path).unwrap();
            let (header, text) = raw.split_once("\n---\n").unwrap();
            let want = header
                .lines()
                .find_map(|l| l.strip_prefix("language:"))
                .unwrap()
                .trim()
                .to_owned();
            let doc = read(text.as_bytes(), Some(Format::Text), &Metadata::default()).unwrap();
            assert_eq!(doc.language.as_deref(), Some(want.as_str()), "{}", path.display());
            *seen.entry(want).or_default() += 1;
        }
    }
    assert!(seen.get("kk").is_some_and(|n| *n >= 2), "{seen:?}");
    assert!(seen.get("ru").is_some_and(|n| *n >= 10), "{seen:?}");
}
