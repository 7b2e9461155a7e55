//! End to end in a real headless Chromium, driven through chromedriver
//! (Debian's `chromium` and `chromium-driver`; `.ci/run` installs them).
//! On a machine without them each test says loudly that it is skipped and
//! passes, so `cargo test --workspace` works on a fresh machine; under CI
//! (`CI` set) a missing browser fails the test instead.
//! `VIGIL_SKIP_BROWSER_TESTS=1` skips them the same way outside CI.

mod common;

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::smtp::decoded;
use common::TestApp;
use fantoccini::{ClientBuilder, Locator};
use vigil_core::AccountRole;
use vigil_store::StoreExt;

struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Chromium as Debian installs it.
const CHROMIUM: &str = "/usr/bin/chromium";

/// Whether `program` is on the `PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Why a browser test cannot run here, if it cannot.
fn cannot_run() -> Option<&'static str> {
    if !on_path("chromedriver") {
        Some("chromedriver not found")
    } else if !std::path::Path::new(CHROMIUM).is_file() {
        Some("chromium not found")
    } else if std::env::var_os("VIGIL_SKIP_BROWSER_TESTS").is_some() && std::env::var_os("CI").is_none() {
        // A machine with a broken browser may opt out by hand; CI may not.
        Some("VIGIL_SKIP_BROWSER_TESTS is set")
    } else {
        None
    }
}

/// chromedriver on a free port, or `None` when the machine has no browser
/// (outside CI, after a notice naming `test`). Under CI it must be there.
async fn start_driver(test: &str) -> Option<Driver> {
    if let Some(reason) = cannot_run() {
        if std::env::var_os("CI").is_some() {
            panic!("{reason} under CI: {test} must run there (apt-get install chromium chromium-driver)");
        }
        // Straight to the terminal: the harness captures eprintln!.
        let _ = writeln!(
            std::io::stderr(),
            "\n*** {reason}: SKIPPING {test} (apt-get install chromium chromium-driver) ***\n"
        );
        return None;
    }
    let port = free_port();
    let mut child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        // The reader's clock is in Almaty (UTC+5, no summer time): a moment
        // the page says in the reader's time zone is told from one in UTC.
        .env("TZ", "Asia/Almaty")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver must be installed (apt-get install chromium chromium-driver)");
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return Some(Driver { child, port });
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("chromedriver did not start listening on port {port}");
}

async fn browser(driver: &Driver, profile: &tempfile::TempDir) -> fantoccini::Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.path().display()),
            ]
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a browser session")
}

#[tokio::test]
async fn from_the_home_page_to_baltabays_timeline() {
    let Some(driver) = start_driver("from_the_home_page_to_baltabays_timeline").await else {
        return;
    };
    let app = TestApp::demo().await;
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(&driver, &profile).await;

    let result = async {
        browser.goto(&app.url("/")).await?;
        assert_eq!(browser.title().await?, "Vigil");
        // The home page lists who is banned today; Baltabay among them.
        follow(&browser, "Erlan Baltabay").await?;
        let heading = browser.wait().for_element(Locator::Css("h1")).await?;
        assert_eq!(heading.text().await?, "Erlan Baltabay");
        assert!(browser.current_url().await?.path().ends_with("/persons/erlan-baltabay"));
        // The timeline is drawn, with one mark per event, each a link.
        let marks = browser.find_all(Locator::Css("svg.timeline a.event")).await?;
        assert!(marks.len() >= 10, "{} marks", marks.len());
        let svg = browser.find(Locator::Css("svg.timeline")).await?;
        let size = svg.rectangle().await?;
        assert!(
            size.2 > 300.0 && size.3 > 100.0,
            "the timeline has a visible size: {size:?}"
        );
        // Following a mark leads to the event.
        let sentence = browser
            .find(Locator::Css(
                r#"svg.timeline a[href="/events/baltabay-sentence-2019-10-16"]"#,
            ))
            .await?;
        assert!(sentence.text().await?.contains("sentenced"));
        // And the status band under it.
        assert!(!browser.find_all(Locator::Css("svg.timeline g.band")).await?.is_empty());
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("the walk through the pages");
}

/// Clicks a form's button and waits for the page it leads to (the address
/// changes on every form of ours: they all redirect).
async fn submit(browser: &fantoccini::Client, css: &str) -> Result<(), fantoccini::error::CmdError> {
    click_through(browser, Locator::Css(css)).await
}

/// Follows a link and waits for the page it leads to.
async fn follow(browser: &fantoccini::Client, text: &str) -> Result<(), fantoccini::error::CmdError> {
    click_through(browser, Locator::LinkText(text)).await
}

/// Clicks what `target` finds and waits until the browser is on another
/// page and its heading is drawn.
async fn click_through(browser: &fantoccini::Client, target: Locator<'_>) -> Result<(), fantoccini::error::CmdError> {
    let before = browser.current_url().await?;
    browser.find(target).await?.click().await?;
    for _ in 0..100 {
        if browser.current_url().await? != before {
            browser.wait().for_element(Locator::Css("main h1")).await?;
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("clicking {target:?} on {before} led nowhere");
}

async fn fill(browser: &fantoccini::Client, css: &str, text: &str) -> Result<(), fantoccini::error::CmdError> {
    let field = browser.find(Locator::Css(css)).await?;
    field.clear().await?;
    field.send_keys(text).await
}

#[tokio::test]
async fn an_editor_adds_an_event_sees_it_edits_it_and_restores_it() {
    let Some(driver) = start_driver("an_editor_adds_an_event_sees_it_edits_it_and_restores_it").await else {
        return;
    };
    let app = TestApp::demo().await;
    app.account("ana", vigil_core::AccountRole::Editor).await;
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(&driver, &profile).await;
    let quote = "Instead, on 16 October he was given a new prison sentence of five months and eight days for failing to pay the fine.";

    let result = async {
        // Sign in.
        browser.goto(&app.url("/persons/erlan-baltabay")).await?;
        follow(&browser, "Sign in").await?;
        fill(&browser, "input[name=name]", "ana").await?;
        fill(&browser, "input[name=password]", common::PASSWORD).await?;
        submit(&browser, "form.stacked button").await?;
        browser
            .wait()
            .for_element(Locator::Css("header .account strong"))
            .await?;

        // Add an event to Baltabay, with a passage of the HRW article.
        browser.goto(&app.url("/persons/erlan-baltabay")).await?;
        follow(&browser, "Add an event").await?;
        browser.wait().for_element(Locator::Css("form.record")).await?;
        browser
            .find(Locator::Css("select[name=type]"))
            .await?
            .select_by_value("detention")
            .await?;
        fill(&browser, "input[name=date]", "2019-11-20").await?;
        fill(
            &browser,
            "input[name=title]",
            "Baltabay taken into custody (browser test)",
        )
        .await?;
        browser
            .find(Locator::Css(r#"select[name="excerpts[0].source_id"]"#))
            .await?
            .select_by_value("hrw-2019-kazakhstan-upr")
            .await?;
        fill(&browser, r#"textarea[name="excerpts[0].text"]"#, quote).await?;
        fill(&browser, "input[name=reason]", "browser test").await?;
        submit(&browser, "form.record button.save").await?;
        // No country given: the form says so before saving, with
        // Baltabay's country filled in; saving again keeps it.
        let warning = browser.find(Locator::Css(".field-error")).await?.text().await?;
        assert!(warning.contains("no country is given"), "{warning}");
        let country = browser.find(Locator::Css("select[name=country]")).await?;
        assert_eq!(country.prop("value").await?.as_deref(), Some("KZ"));
        submit(&browser, "form.record button.save").await?;
        let h1 = browser.find(Locator::Css("main h1")).await?;
        assert_eq!(h1.text().await?, "Baltabay taken into custody (browser test)");
        let event_path = browser.current_url().await?.path().to_owned();
        assert_eq!(
            event_path, "/events/baltabay-taken-into-custody-browser-test",
            "an id from the title"
        );
        assert!(browser
            .find(Locator::Css("blockquote.excerpt"))
            .await?
            .text()
            .await?
            .contains("five months and eight days"));

        // It is on his timeline.
        browser.goto(&app.url("/persons/erlan-baltabay")).await?;
        let mark = browser
            .find(Locator::Css(&format!(r#"svg.timeline a[href="{event_path}"]"#)))
            .await?;
        assert!(mark.text().await?.contains("browser test"));

        // Edit it.
        browser.goto(&app.url(&format!("{event_path}/edit"))).await?;
        fill(&browser, "input[name=title]", "Baltabay detained (edited)").await?;
        fill(&browser, "input[name=reason]", "a shorter title").await?;
        submit(&browser, "form.record button.save").await?;
        let h1 = browser.find(Locator::Css("main h1")).await?;
        assert_eq!(h1.text().await?, "Baltabay detained (edited)");

        // Restore the first version from the history page.
        let id = event_path.trim_start_matches("/events/");
        browser.goto(&app.url(&format!("/records/{id}/history"))).await?;
        // The change, field by field: the title before and after.
        let diff = browser.find(Locator::Css("table.diff")).await?.text().await?;
        assert!(diff.contains("Title") && diff.contains("(edited)"), "{diff}");
        assert!(!diff.contains('{'), "no JSON in the diff: {diff}");
        submit(&browser, "ul.revisions li:last-child form button").await?;
        let h1 = browser.find(Locator::Css("main h1")).await?;
        assert_eq!(h1.text().await?, "Baltabay taken into custody (browser test)");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("the editor's walk through the forms");
}

/// Turns off the browser's own checks of the record form, so what it
/// would refuse reaches the server and is answered there.
async fn without_browser_checks(browser: &fantoccini::Client) -> Result<(), fantoccini::error::CmdError> {
    browser
        .execute(
            "document.querySelector('form.record').noValidate = true; return null;",
            vec![],
        )
        .await?;
    Ok(())
}

/// Clicks a button of a form that posts to the address it is shown at,
/// and waits for the new page: the old one is marked, and the mark gone.
async fn press(browser: &fantoccini::Client, css: &str) -> Result<(), fantoccini::error::CmdError> {
    browser
        .execute("document.documentElement.dataset.before = '1'; return null;", vec![])
        .await?;
    browser.find(Locator::Css(css)).await?.click().await?;
    for _ in 0..100 {
        let gone = browser
            .execute("return document.documentElement.dataset.before === undefined;", vec![])
            .await?;
        if gone.as_bool() == Some(true) {
            browser.wait().for_element(Locator::Css("main h1")).await?;
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("pressing {css} led nowhere");
}

/// The value of a form field.
async fn value(browser: &fantoccini::Client, css: &str) -> Result<String, fantoccini::error::CmdError> {
    Ok(browser
        .find(Locator::Css(css))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default())
}

/// A text's words, whatever spaces (no-break ones too) separate them.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

const UNDATED: &str = "Union leader detained in Aktau\n\n\
Aigul Utepova, leader of the Caspian Oil Workers Union, was detained by police in Aktau. \
Police searched the office of the union.\n";

/// The issue's walk: an editor adds an event through the form without
/// ever typing an id, naming the person through the search suggestions,
/// adding rows as needed, choosing passages with the quote picker (a
/// misspelt paste corrected by "did you mean", a passage ticked sentence
/// by sentence) and an earlier event on the person's timeline; a warning
/// for the missing country; and an undated proposal opens its form.
#[tokio::test]
async fn an_editor_adds_an_event_without_typing_an_id_and_an_undated_proposal_opens_its_form() {
    let Some(driver) =
        start_driver("an_editor_adds_an_event_without_typing_an_id_and_an_undated_proposal_opens_its_form").await
    else {
        return;
    };
    let app = TestApp::demo().await;
    app.account("ana", vigil_core::AccountRole::Editor).await;
    let token = app.token("ingest", vigil_core::AccountRole::Editor).await;
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(&driver, &profile).await;
    let source = "hrw-2019-kazakhstan-upr";
    let exact = "Instead, on 16 October he was given a new prison sentence of five months and eight days for failing to pay the fine.";
    let misspelt = "instead on 16 october he was given a new prison sentance of five months and eight days for failing to pay the fine";

    let result = async {
        browser.goto(&app.url("/login")).await?;
        fill(&browser, "input[name=name]", "ana").await?;
        fill(&browser, "input[name=password]", common::PASSWORD).await?;
        submit(&browser, "form.stacked button").await?;
        browser
            .wait()
            .for_element(Locator::Css("header .account strong"))
            .await?;

        // A blank event form: required fields are marked.
        browser.goto(&app.url("/events/new")).await?;
        let marked = browser.find_all(Locator::Css("form.record abbr.required")).await?;
        assert!(marked.len() >= 3, "date, title and reason are marked required");
        assert!(browser.find(Locator::Css("input[name=title][required]")).await.is_ok());

        // The person, by a few letters in Cyrillic: the suggestions offer
        // the name, and the name (not an id) is what goes in the field.
        let who = r#"input[name="participants[0].record_id"]"#;
        browser.find(Locator::Css(who)).await?.send_keys("Балтаба").await?;
        let mut offered = String::new();
        for _ in 0..50 {
            let options = browser.find_all(Locator::Css("#name-suggestions option")).await?;
            if let Some(first) = options.first() {
                offered = first.attr("value").await?.unwrap_or_default();
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(offered, "Erlan Baltabay", "suggested as one types");
        fill(&browser, who, &offered).await?;

        // One participant row, one passage row: more are added as needed,
        // without a script; the name is resolved meanwhile.
        let second = r#"input[name="participants[1].record_id"]"#;
        assert!(
            browser.find(Locator::Css(second)).await.is_err(),
            "one row to begin with"
        );
        press(&browser, r#"button.step[value="add:participants"]"#).await?;
        assert!(browser.find(Locator::Css(second)).await.is_ok(), "a row added");
        let third = r#"input[name="participants[2].record_id"]"#;
        assert!(
            browser.find(Locator::Css(third)).await.is_err(),
            "one row added, not more"
        );
        assert_eq!(
            value(&browser, who).await?,
            "erlan-baltabay",
            "the name resolved to its record"
        );

        // His timeline is offered to pick the events this one acts on.
        let earlier = browser
            .find(Locator::Css("fieldset.timeline-events input[type=checkbox]"))
            .await?;
        let earlier_id = earlier.attr("value").await?.unwrap_or_default();
        earlier.click().await?;

        browser
            .find(Locator::Css("select[name=type]"))
            .await?
            .select_by_value("detention")
            .await?;
        fill(&browser, "input[name=date]", "2019-11-21").await?;
        fill(&browser, "input[name=title]", "Baltabay questioned (picker test)").await?;
        browser
            .find(Locator::Css(r#"select[name="excerpts[0].source_id"]"#))
            .await?
            .select_by_value(source)
            .await?;
        fill(&browser, r#"textarea[name="excerpts[0].text"]"#, misspelt).await?;
        fill(&browser, "input[name=reason]", "browser test of the quote picker").await?;
        press(&browser, "form.record button.save").await?;

        // Not in the source word for word: the nearest passage is proposed.
        let proposal = browser.find(Locator::Css(".did-you-mean")).await?.text().await?;
        assert!(proposal.contains(exact), "{proposal}");
        press(&browser, r#"button.step[value="nearest:0"]"#).await?;
        assert_eq!(
            words(&value(&browser, r#"textarea[name="excerpts[0].text"]"#).await?),
            words(exact),
            "the source's own passage"
        );
        assert_eq!(value(&browser, who).await?, "erlan-baltabay");

        // A second passage, ticked in the source's sentences.
        press(&browser, r#"button.step[value="add:excerpts"]"#).await?;
        browser
            .find(Locator::Css(r#"select[name="excerpts[1].source_id"]"#))
            .await?
            .select_by_value(source)
            .await?;
        press(&browser, r#"button.step[value="show:1"]"#).await?;
        let sentence = browser
            .find(Locator::Css(r#"details.sentences input[name="excerpts[1].pick"]"#))
            .await?;
        let span = sentence.attr("value").await?.unwrap_or_default();
        let picked_text = sentence.find(Locator::XPath("..")).await?.text().await?;
        sentence.click().await?;
        press(&browser, r#"button.step[value="pick:1"]"#).await?;
        let passage = value(&browser, r#"textarea[name="excerpts[1].text"]"#).await?;
        assert!(!passage.is_empty(), "the ticked sentence ({span}) is the passage");
        assert_eq!(
            passage.split_whitespace().collect::<Vec<_>>(),
            picked_text.split_whitespace().collect::<Vec<_>>()
        );

        // No country: a warning before saving, the person's country filled in.
        press(&browser, "form.record button.save").await?;
        let warning = browser.find(Locator::Css(".field-error")).await?.text().await?;
        assert!(warning.contains("no country is given"), "{warning}");
        assert_eq!(value(&browser, "select[name=country]").await?, "KZ");
        submit(&browser, "form.record button.save").await?;
        let h1 = browser.find(Locator::Css("main h1")).await?.text().await?;
        assert_eq!(h1, "Baltabay questioned (picker test)");
        let path = browser.current_url().await?.path().to_owned();
        assert_eq!(path, "/events/baltabay-questioned-picker-test");
        Ok::<_, fantoccini::error::CmdError>((earlier_id, passage))
    }
    .await;

    // What was saved: his participation, both passages as the source has
    // them, the event picked on the timeline.
    let (earlier_id, passage) = match result {
        Ok(r) => r,
        Err(e) => {
            browser.close().await.ok();
            panic!("the editor's walk through the quote picker: {e}");
        }
    };
    let id = vigil_core::RecordId::parse("baltabay-questioned-picker-test").unwrap();
    let event = app
        .store
        .event(&id, vigil_store::Visibility::Confidential)
        .await
        .expect("saved");
    assert_eq!(event.participants[0].record_id.as_str(), "erlan-baltabay");
    assert_eq!(event.excerpts.len(), 2);
    assert_eq!(words(&event.excerpts[0].text), words(exact));
    assert_eq!(event.excerpts[1].text, passage);
    assert_eq!(event.country.as_deref(), Some("KZ"));
    assert_eq!(
        event.relates_to.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
        [earlier_id]
    );

    // An undated proposal, from a text sent in: accepting it opens its
    // form, filled in, where the date is asked for.
    let res = app
        .send_body(
            reqwest::Method::POST,
            "/api/v1/sources",
            Some(&token),
            "text/plain",
            UNDATED.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(res.status(), 201);
    let body: serde_json::Value = res.json().await.unwrap();
    let source_id = body["source_id"].as_str().unwrap().to_owned();
    let result = async {
        browser
            .goto(&app.url(&format!("/sources/{source_id}/proposals")))
            .await?;
        // The page's own heading, then its cards: the walk above left the
        // browser busy, and under load a list read too early is empty.
        browser.wait().for_element(Locator::Css("main h1")).await?;
        browser
            .wait()
            .for_element(Locator::Css("section.proposals article.proposal"))
            .await?;
        let cards = browser.find_all(Locator::Css("article.proposal")).await?;
        let mut accept = None;
        for card in cards {
            if card.text().await?.contains("the text gives none") {
                accept = Some(
                    card.find(Locator::Css(r#"form.inline[action$="/accept"] button"#))
                        .await?,
                );
                break;
            }
        }
        let Some(accept) = accept else {
            let page = browser.source().await?;
            panic!("no undated event's card on the source's proposals page:\n{page}");
        };
        accept.click().await?;
        browser.wait().for_element(Locator::Css("form.record")).await?;
        let page = browser.source().await?;
        assert!(!page.contains("Something went wrong"), "{page}");
        assert!(page.contains("the text gives no date"), "{page}");
        assert_eq!(value(&browser, "input[name=date]").await?, "");
        assert!(browser.find(Locator::Css("input[name=date][required]")).await.is_ok());
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("the undated proposal's form");
}

#[tokio::test]
async fn the_header_search_box_suggests_names_and_searches() {
    let Some(driver) = start_driver("the_header_search_box_suggests_names_and_searches").await else {
        return;
    };
    let app = TestApp::demo().await;
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(&driver, &profile).await;
    // The index follows the store in the background: wait until it has
    // caught up with the demo, so the browser's one request finds it.
    for _ in 0..300 {
        let body = app
            .get("/api/v1/search/suggest?q=%D0%91%D0%B0%D0%BB%D1%82")
            .await
            .text()
            .await
            .unwrap();
        if body.contains("Erlan Baltabay") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let result = async {
        browser.goto(&app.url("/events")).await?;
        let input = browser
            .find(Locator::Css("header form.site-search input[name=q]"))
            .await?;
        input.send_keys("Балт").await?;
        // The script fills the datalist from the suggestion endpoint.
        let mut offered = Vec::new();
        for _ in 0..150 {
            offered.clear();
            for option in browser.find_all(Locator::Css("#name-suggestions option")).await? {
                offered.push(option.attr("value").await?.unwrap_or_default());
            }
            if !offered.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(
            offered.first().map(String::as_str),
            Some("Erlan Baltabay"),
            "{offered:?}"
        );
        // The form is a plain GET form: submitting it searches.
        browser
            .find(Locator::Css("header form.site-search button"))
            .await?
            .click()
            .await?;
        browser.wait().for_element(Locator::Css("ol.results")).await?;
        let url = browser.current_url().await?;
        assert_eq!(url.path(), "/search");
        let first = browser.find(Locator::Css("ol.results a.title")).await?;
        assert_eq!(first.text().await?, "Erlan Baltabay");
        let marked = browser.find_all(Locator::Css("ol.results mark")).await?;
        assert!(!marked.is_empty());
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("searching from the header");
}

#[tokio::test]
async fn the_country_page_draws_its_charts_and_the_briefing_its_footnotes() {
    let Some(driver) = start_driver("the_country_page_draws_its_charts_and_the_briefing_its_footnotes").await else {
        return;
    };
    let app = TestApp::demo().await;
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(&driver, &profile).await;

    let result = async {
        browser.goto(&app.url("/")).await?;
        follow(&browser, "Countries").await?;
        // The country by its name, not its code.
        follow(&browser, "Kazakhstan").await?;
        let heading = browser.wait().for_element(Locator::Css("main h1")).await?;
        assert_eq!(heading.text().await?, "Kazakhstan");
        // Three charts, each drawn at a visible size.
        for css in ["svg.chart.events-by-type", "svg.chart.restraints", "svg.chart.ratings"] {
            let svg = browser.find(Locator::Css(css)).await?;
            let size = svg.rectangle().await?;
            assert!(size.2 > 300.0 && size.3 > 80.0, "{css} has a visible size: {size:?}");
        }
        assert!(!browser
            .find_all(Locator::Css("svg.chart.events-by-type g.cell"))
            .await?
            .is_empty());
        assert!(!browser
            .find_all(Locator::Css("svg.chart.ratings rect"))
            .await?
            .is_empty());
        let why = browser.find(Locator::Css("details#rating-2019")).await?;
        assert!(why
            .text()
            .await?
            .contains("Dozens arrested for protesting Chinese investment"));

        // The briefing for the UPR, from the page's link.
        follow(&browser, "Briefing for Third Universal Periodic Review of Kazakhstan").await?;
        assert!(browser
            .current_url()
            .await?
            .query()
            .unwrap_or_default()
            .contains("as_of=2019-11-07"));
        let notes = browser.find_all(Locator::Css("ol.footnotes li q.excerpt")).await?;
        assert!(notes.len() > 20, "{} footnotes", notes.len());
        let text = browser.find(Locator::Css("article.briefing")).await?.text().await?;
        for name in [
            "Erlan Baltabay",
            "Max Bokaev",
            "Nurbek Kushakbaev",
            "Amin Eleusinov",
            "Larisa Kharkova",
        ] {
            assert!(text.contains(name), "{name} in the briefing");
        }
        // A footnote mark leads to its note.
        let mark = browser.find(Locator::Css("sup.cites a")).await?;
        let target = mark.attr("href").await?.expect("a footnote link");
        mark.click().await?;
        assert!(browser.current_url().await?.fragment() == Some(target.trim_start_matches('#')));
        assert!(!browser.find(Locator::Css(&target)).await?.text().await?.is_empty());
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("the country page and the briefing");
}

#[tokio::test]
async fn signing_a_campaign_in_two_languages_with_mail_and_confirmation() {
    let Some(driver) = start_driver("signing_a_campaign_in_two_languages_with_mail_and_confirmation").await else {
        return;
    };
    let (app, sink) = campaign_free_erlan(serde_json::json!([
        {"language": "en", "title": "Free Erlan Baltabay", "text": "Jailed for his union.", "message": "Release him."},
        {"language": "ru", "title": "Свободу Ерлану Балтабаю", "text": "Осуждён за профсоюз.", "message": "Освободите его."}
    ]))
    .await;
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(&driver, &profile).await;

    let result = async {
        let mut sent = 0;
        for (lang, name, email, heading, thanks) in [
            ("en", "Jane Roe", "jane@example.org", "Free Erlan Baltabay", "Thank you"),
            (
                "ru",
                "Айгерим",
                "aigerim@example.kz",
                "Свободу Ерлану Балтабаю",
                "Спасибо",
            ),
        ] {
            browser
                .goto(&app.url(&format!("/campaigns/free-erlan?lang={lang}")))
                .await?;
            let h1 = browser.wait().for_element(Locator::Css("main h1")).await?;
            assert_eq!(h1.text().await?, heading);
            let before: u64 = browser
                .find(Locator::Css("#count"))
                .await?
                .text()
                .await?
                .parse()
                .unwrap();
            browser
                .find(Locator::Css("input[name=name]"))
                .await?
                .send_keys(name)
                .await?;
            browser
                .find(Locator::Css("input[name=email]"))
                .await?
                .send_keys(email)
                .await?;
            browser
                .find(Locator::Css("select[name=country]"))
                .await?
                .select_by_value("KZ")
                .await?;
            let opt_in = browser.find(Locator::Css("input[name=opt_in]")).await?;
            assert_eq!(opt_in.attr("checked").await?, None, "unticked");
            submit(&browser, "form.sign button[type=submit]").await?;
            let notice = browser.wait().for_element(Locator::Css("p.notice")).await?;
            assert!(!notice.text().await?.is_empty());
            sent += 1;
            let mails = sink.wait_for(sent).await;
            let mail = decoded(mails.last().unwrap());
            assert!(mail.contains(email) || mail.contains(name), "{mail}");
            let start = mail.find("http://").expect("a link");
            let link = mail[start..].split_whitespace().next().unwrap().to_owned();
            browser.goto(&link).await?;
            let h1 = browser.wait().for_element(Locator::Css("main h1")).await?;
            assert!(h1.text().await?.contains(thanks));
            browser
                .goto(&app.url(&format!("/campaigns/free-erlan?lang={lang}")))
                .await?;
            let after: u64 = browser
                .wait()
                .for_element(Locator::Css("#count"))
                .await?
                .text()
                .await?
                .parse()
                .unwrap();
            assert_eq!(after, before + 1, "the count went up");
        }
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("signing in two languages");
}

/// The English messages of the interface (plain ones: no arguments, no
/// plural forms) whose words differ in `lang`: none of them may be left on
/// a page shown in `lang`.
fn english_left_out(lang: &str) -> Vec<String> {
    // Every topic file of the language's catalogue.
    let read = |code: &str| -> std::collections::HashMap<String, String> {
        let dir = format!("{}/../vigil-app/locales/{code}", env!("CARGO_MANIFEST_DIR"));
        let mut messages = std::collections::HashMap::new();
        for entry in std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .flatten()
        {
            if entry.path().extension().is_none_or(|e| e != "ftl") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).expect("a catalogue");
            messages.extend(
                text.lines()
                    .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
                    .filter_map(|l| l.split_once(" = "))
                    .filter(|(_, v)| !v.contains('{') && v.chars().filter(|c| c.is_alphabetic()).count() >= 4)
                    .map(|(k, v)| (k.to_owned(), v.to_owned())),
            );
        }
        messages
    };
    let (english, theirs) = (read("en"), read(lang));
    english
        .into_iter()
        .filter(|(k, v)| theirs.get(k) != Some(v))
        .map(|(_, v)| v)
        .collect()
}

/// The page's words of the interface, without the records' own (titles,
/// names and quotations are the case file's, in whatever language they
/// were written: also a record's title heading its page and a rule's
/// indicators, marked `.own`, a name's other spellings, a source's text
/// and the search's passages, nor machine text in `code` (an API path, a
/// hash)), nor what a page marks as English
/// (`lang="en"`: an error's details), nor the language switch (each
/// language named in itself).
async fn interface_text(browser: &fantoccini::Client, spaced: bool) -> Result<String, fantoccini::error::CmdError> {
    let text = browser
        .execute(
            r#"const b = document.body.cloneNode(true);
               b.querySelectorAll('a[href^="/events/"], a[href^="/persons/"], a[href^="/organisations/"], a[href^="/cases/"], a[href^="/sources/"], a[href^="/reviews/"], a[href^="/recommendations/"], a[href^="/pledges/"], a[href^="/assessments/"], a[href^="/mechanisms/"], a[href^="/rating-rules/"], blockquote, q, article.campaign > p:not([class]), p.description, .own, article.briefing > h1, main [lang="en"], div.source-text, p.snippet, .aliases, main code, form.languages').forEach(e => e.remove());
               if (arguments[0]) {
                 // Each text node a word apart: "Vigil" and "Люди" of two
                 // elements are not read as one word.
                 const w = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
                 const out = [];
                 while (w.nextNode()) out.push(w.currentNode.nodeValue);
                 return out.join(' ');
               }
               return b.textContent;"#,
            vec![serde_json::Value::Bool(spaced)],
        )
        .await?;
    Ok(text.as_str().unwrap_or_default().to_owned())
}

/// Checks the page shown: `<html lang>`, no English interface words left,
/// and nothing wider than the phone.
async fn check_page(
    browser: &fantoccini::Client,
    lang: &str,
    what: &str,
    left_out: &[String],
) -> Result<(), fantoccini::error::CmdError> {
    let html = browser.find(Locator::Css("html")).await?;
    assert_eq!(html.attr("lang").await?.as_deref(), Some(lang), "{what}");
    let interface = interface_text(browser, false).await?;
    assert!(interface.len() > 200, "{lang} {what}: the page's text is read");
    for english in left_out {
        if let Some(at) = interface.find(english.as_str()) {
            // Where, to find the element that holds it.
            let around: String = interface[..at]
                .chars()
                .rev()
                .take(60)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            panic!("{lang} {what}: English left: {english:?}, after {around:?}");
        }
    }
    let latin = latin_words(&interface_text(browser, true).await?);
    assert!(latin.is_empty(), "{lang} {what}: Latin-letter words left: {latin:?}");
    let width = browser
        .execute("return document.documentElement.scrollWidth;", vec![])
        .await?;
    assert!(
        width.as_f64().is_some_and(|w| w <= 390.0),
        "{lang} {what}: {width} px wide"
    );
    Ok(())
}

/// Words in Latin letters in a Russian or Kazakh page's interface text,
/// but those that are no English: names of organisations and bodies as
/// written (ILO, UN, UPR, HRW), of Vigil itself, a time zone, web
/// addresses. What the catalogue scan cannot see ("an editor" written in
/// the code, "create" from a log, "M12" from a browser) is caught here.
fn latin_words(text: &str) -> Vec<String> {
    const ALLOWED: &[&str] = &[
        "Vigil", "ILO", "UN", "UPR", "HRW", "OSCE", "ODIHR", "UTC", "GMT", "CSV", "JSON", "API", "PDF", "ID", "ISO",
        "OpenRosa", "ODK", "XForm", "XLSForm", "Enketo", "SMTP", "IP", "Human", "Rights", "Watch", "Markdown", "HTML",
        // File types a form names.
        "txt", "html", "pdf", "docx", "odt", "csv", "json", "xml", "xlsx", "md", "eml",
    ];
    let data = case_file_words();
    // The text of a page read whole runs words of neighbouring elements
    // together ("VigilЛюди"): a word is a run of Latin letters and digits.
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '/' || c == ':' || c == '@' || c == '-'))
        .filter(|w| !(w.contains("://") || w.contains('@') || w.starts_with('/') || w.starts_with("www.")))
        .flat_map(|w| w.split(['.', '/', ':', '-']))
        .flat_map(|w| if ALLOWED.contains(&w) { vec![w] } else { split_camel(w) })
        // A name run into a number ("ingest4": a name, then a count).
        .map(|w| w.trim_end_matches(|c: char| c.is_ascii_digit() && !w.starts_with('M')))
        .filter(|w| w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2)
        // English words, and a month written as "M12".
        .filter(|w| w.chars().any(|c| c.is_ascii_lowercase()) || (w.starts_with('M') && w[1..].parse::<u8>().is_ok()))
        .filter(|w| !ALLOWED.contains(w) && !data.contains(*w))
        .map(str::to_owned)
        .collect()
}

/// "officialVigil" and "4Vigil" (words run together within a text) as
/// their two words ("M12" stays whole).
fn split_camel(w: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let bytes = w.as_bytes();
    for i in 1..bytes.len() {
        let (a, b) = (bytes[i - 1], bytes[i]);
        if (a.is_ascii_lowercase() && b.is_ascii_uppercase()) || (a.is_ascii_digit() && b.is_ascii_alphabetic()) {
            parts.push(&w[start..i]);
            start = i;
        }
    }
    parts.push(&w[start..]);
    parts
}

/// The Latin words of the demo case file's names and short fields (names,
/// aliases, occupations, roles, a ban's scope, places), and the test
/// accounts' names: the case file's own words, in the language they were
/// written in, not the interface's. (Not its titles, descriptions nor
/// sources' text: those are shown marked as the case file's own.)
fn case_file_words() -> std::collections::BTreeSet<String> {
    fn walk(v: &serde_json::Value, key: &str, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::String(s) if !matches!(key, "description" | "text" | "title" | "excerpts") => {
                out.extend(
                    s.split(|c: char| !c.is_ascii_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_owned),
                );
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, key, out)),
            serde_json::Value::Object(o) => o
                .iter()
                .filter(|(k, _)| k.as_str() != "excerpts")
                .for_each(|(k, x)| walk(x, k, out)),
            _ => {}
        }
    }
    let mut out: std::collections::BTreeSet<String> =
        // The test accounts, and the persons of the tests' own documents.
        ["ana", "organiser", "root", "bob", "demo", "ingest", "Aigul", "Utepova", "Nobody", "Atall", "Nurlan", "Esenov", "Bolat", "Kadyrov"]
            .into_iter()
            .map(str::to_owned)
            .collect();
    for file in ["persons.json", "organisations.json", "events.json"] {
        let path = format!("{}/../../data/demo/{file}", env!("CARGO_MANIFEST_DIR"));
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
                .expect(&path);
        walk(&json, "", &mut out);
    }
    out
}

#[tokio::test]
async fn the_start_and_status_pages_in_russian_and_kazakh_on_a_phone() {
    let test = "the_start_and_status_pages_in_russian_and_kazakh_on_a_phone";
    let Some(driver) = start_driver(test).await else {
        return;
    };
    let app = TestApp::demo().await;
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(&driver, &profile).await;

    let result = async {
        browser.set_window_rect(0, 0, 390, 844).await?;
        for (lang, start_words, status_words) in [
            ("ru", ["Люди", "Последние события", "Сегодня в заключении или под запретом"], "Статус на"),
            ("kk", ["Адамдар", "Соңғы оқиғалар", "Бүгін түрмеде немесе тыйым астында"], "күнгі мәртебе"),
        ] {
            let left_out = english_left_out(lang);
            assert!(left_out.len() > 40, "the English catalogue is read");
            // Chosen once with ?lang=, then remembered by the cookie.
            for path in [format!("/?lang={lang}"), "/status".to_owned(), "/status?as_of=2019-06-01".to_owned()] {
                browser.goto(&app.url(&path)).await?;
                let html = browser.find(Locator::Css("html")).await?;
                assert_eq!(html.attr("lang").await?.as_deref(), Some(lang), "{path}");
                let text = browser.find(Locator::Css("body")).await?.text().await?;
                // The interface's words, without the records' own (titles and
                // names are the case file's, in whatever language they were
                // written).
                let interface = browser
                    .execute(
                        r#"const b = document.body.cloneNode(true);
                           b.querySelectorAll('a[href^="/events/"], a[href^="/persons/"], a[href^="/organisations/"], a[href^="/cases/"], a[href^="/sources/"], blockquote, form.languages').forEach(e => e.remove());
                           return b.textContent;"#,
                        vec![],
                    )
                    .await?;
                let interface = interface.as_str().unwrap_or_default().to_owned();
                assert!(interface.len() > 200, "{lang} {path}: the page's text is read");
                for english in &left_out {
                    assert!(!interface.contains(english.as_str()), "{lang} {path}: English left: {english:?}");
                }
                for english in ["Persons", "Latest events", "Sign in", "Status on"] {
                    assert!(!text.contains(english), "{lang} {path}: English left: {english:?}");
                }
                if path.starts_with("/?") {
                    for words in start_words {
                        assert!(text.contains(words), "{lang} {path}: no {words:?}");
                    }
                } else {
                    let h1 = browser.find(Locator::Css("main h1")).await?.text().await?;
                    assert!(h1.contains(status_words), "{lang} {path}: {h1}");
                }
                // Nothing wider than the phone: the header wraps.
                let width = browser
                    .execute("return document.documentElement.scrollWidth;", vec![])
                    .await?;
                assert!(width.as_f64().is_some_and(|w| w <= 390.0), "{lang} {path}: {width} px wide");
            }
        }
        // The switch takes the page back to English.
        browser.goto(&app.url("/status")).await?;
        browser
            .find(Locator::Css(r#"form.languages button[value="en"]"#))
            .await?
            .click()
            .await?;
        browser.wait().for_element(Locator::Css(r#"html[lang="en"]"#)).await?;
        let h1 = browser.find(Locator::Css("main h1")).await?.text().await?;
        assert!(h1.starts_with("Status on "), "{h1}");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("the pages in Russian and Kazakh");
}

/// The lists, the search, a source, a case and an organisation, the
/// accountability pages and the sign-in page, in Russian and in Kazakh on
/// a 390-pixel phone: `<html lang>`, no English interface words left, no
/// record id nor raw code as text, nothing wider than the screen.
#[tokio::test]
async fn lists_search_sources_and_accountability_in_russian_and_kazakh_on_a_phone() {
    let test = "lists_search_sources_and_accountability_in_russian_and_kazakh_on_a_phone";
    let Some(driver) = start_driver(test).await else {
        return;
    };
    let app = TestApp::demo().await;
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(&driver, &profile).await;

    let result = async {
        browser.set_window_rect(0, 0, 390, 844).await?;
        for (lang, words) in [
            (
                "ru",
                [
                    ("/persons", "Имя"),
                    ("/organisations", "Название или сокращение"),
                    ("/events", "событ"),
                    ("/cases", "событи"),
                    ("/sources", "Источники"),
                    ("/search?q=Baltabay", "18 результатов"),
                    ("/sources/hrw-2019-kazakhstan-upr", "Выделенные места"),
                    ("/cases/case-baltabay", "Лица по делу"),
                    ("/organisations/fewu", "Статус"),
                    ("/mechanisms", "Механизмы обзора"),
                    ("/reviews", "Обзоры"),
                    ("/reviews/review-upr-2019-kazakhstan", "Государство под обзором"),
                    ("/recommendations", "Рекомендации"),
                    ("/recommendations/ilc-2019-amend-trade-union-law", "Ответ государства"),
                    ("/pledges", "Обязательства"),
                    (
                        "/pledges/tokayev-pledge-deep-reforms-2019-09",
                        "События после обязательства",
                    ),
                    ("/assessments", "Оценки"),
                    ("/assessments/assessment-hrw-2019-trade-union-law", "Что оценено"),
                    ("/rating-rules", "Правила рейтинга"),
                    ("/rating-rules/default-rating-rule", "Веса и пороги"),
                    ("/login", "Пароль"),
                    ("/search?q=Baltabai", "Другие написания:"),
                ],
            ),
            (
                "kk",
                [
                    ("/persons", "Аты-жөні"),
                    ("/organisations", "Атауы немесе қысқартылған атауы"),
                    ("/events", "оқиға"),
                    ("/cases", "оқиға"),
                    ("/sources", "Дереккөздер"),
                    ("/search?q=Baltabay", "18 нәтиже"),
                    ("/sources/hrw-2019-kazakhstan-upr", "Белгіленген үзінділер"),
                    ("/cases/case-baltabay", "Іс бойынша адамдар"),
                    ("/organisations/fewu", "Мәртебесі"),
                    ("/mechanisms", "Шолу тетіктері"),
                    ("/reviews", "Шолулар"),
                    ("/reviews/review-upr-2019-kazakhstan", "Шолудағы мемлекет"),
                    ("/recommendations", "Ұсынымдар"),
                    ("/recommendations/ilc-2019-amend-trade-union-law", "Мемлекеттің жауабы"),
                    ("/pledges", "Міндеттемелер"),
                    ("/pledges/tokayev-pledge-deep-reforms-2019-09", "Міндеттемеден кейінгі"),
                    ("/assessments", "Бағалаулар"),
                    ("/assessments/assessment-hrw-2019-trade-union-law", "Бағалау нысаны"),
                    ("/rating-rules", "Рейтинг ережелері"),
                    ("/rating-rules/default-rating-rule", "Салмақтар мен шектер"),
                    ("/login", "Құпиясөз"),
                    ("/search?q=Baltabai", "Басқаша жазылуы:"),
                ],
            ),
        ] {
            let left_out = english_left_out(lang);
            assert!(left_out.len() > 150, "the English catalogue is read");
            for (i, (path, expected)) in words.iter().enumerate() {
                // Asked once with ?lang=, then remembered by the cookie.
                let address = if i == 0 {
                    format!("{path}?lang={lang}")
                } else {
                    path.to_string()
                };
                browser.goto(&app.url(&address)).await?;
                check_page(&browser, lang, path, &left_out).await?;
                let text = browser.find(Locator::Css("main")).await?.text().await?;
                assert!(text.contains(expected), "{lang} {path}: no {expected:?} in {text}");
                // No record id, raw country code or byte offset as text.
                for raw in [
                    "hrw-2019-kazakhstan-upr",
                    "case-baltabay",
                    "(KZ)",
                    " KZ\n",
                    "bytes",
                    "[event]",
                    "[person]",
                ] {
                    assert!(!text.contains(raw), "{lang} {path}: {raw:?} shown");
                }
            }
        }
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("the lists, search, source and accountability pages in Russian and Kazakh");
}

#[tokio::test]
async fn a_person_and_a_briefing_in_russian_and_kazakh_on_a_phone() {
    let test = "a_person_and_a_briefing_in_russian_and_kazakh_on_a_phone";
    let Some(driver) = start_driver(test).await else {
        return;
    };
    let app = TestApp::demo().await;
    // A second source's account of the sentence: the event page shows both.
    let editor = app.token("accounts-editor", AccountRole::Editor).await;
    app.created(
        "/api/v1/sources",
        &editor,
        &serde_json::json!({"id": "second-newsroom", "title": "Union leader jailed again", "published": "2019-10-17",
                            "text": "On 16 October Erlan Baltabay was sentenced to five months in prison."}),
    )
    .await;
    let mut sentence = app.json("/api/v1/events/baltabay-sentence-2019-10-16", 200).await;
    let mut quote = app.excerpt("second-newsroom", "sentenced to five months").await;
    quote["claim"] = "second-newsroom".into();
    sentence["excerpts"].as_array_mut().unwrap().push(quote);
    sentence["claims"] = serde_json::json!([{"key": "second-newsroom", "terms": {"imprisonment": "P5M"}}]);
    let res = app
        .put_json("/api/v1/events/baltabay-sentence-2019-10-16", &editor, &sentence)
        .await;
    assert_eq!(res.status(), 200);
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(&driver, &profile).await;

    let result = async {
        browser.set_window_rect(0, 0, 390, 844).await?;
        for (lang, person_words, briefing_words) in [
            (
                "ru",
                [
                    "Положение сегодня",
                    "Хронология",
                    "Цитируемые источники",
                    "Казахстан",
                    "5 месяцев и 8 дней",
                    "Источники расходятся",
                ],
                [
                    "Казахстан: справка к обзору",
                    "В заключении на",
                    "Источники",
                    "7 ноября 2019 г.",
                ],
            ),
            (
                "kk",
                [
                    "Бүгінгі жағдайы",
                    "Хронология",
                    "Сілтеме жасалған дереккөздер",
                    "Қазақстан",
                    "5 ай 8 күн",
                    "Дереккөздер әртүрлі айтады",
                ],
                ["Қазақстан: «", "күні түрмеде", "Дереккөздер", "2019 жылғы 7 қараша"],
            ),
        ] {
            let left_out = english_left_out(lang);
            assert!(left_out.len() > 100, "the English catalogue is read");

            // The person page.
            browser
                .goto(&app.url(&format!("/persons/erlan-baltabay?lang={lang}")))
                .await?;
            check_page(&browser, lang, "person", &left_out).await?;
            let text = browser.find(Locator::Css("main")).await?.text().await?;
            for words in &person_words[..4] {
                assert!(text.contains(words), "{lang} person: no {words:?}");
            }
            // No record id as text, and no ISO duration.
            for raw in ["erlan-baltabay", "hrw-", "bytes", "P7Y", "P5M8D", ": KZ"] {
                assert!(!text.contains(raw), "{lang} person: {raw:?} shown");
            }
            // A quotation is cited by its source's title, its place only in the link.
            let cite = browser.find(Locator::Css("blockquote.excerpt footer a.source")).await?;
            assert!(cite.attr("href").await?.is_some_and(|h| h.contains("#at-")));
            assert!(!cite.text().await?.is_empty());
            // The timeline scrolls sideways at a readable size, with its legend.
            let svg = browser.find(Locator::Css("div.timeline-scroll svg.timeline")).await?;
            let (_, _, w, _) = svg.rectangle().await?;
            assert!(w >= 900.0, "the timeline keeps its size on a phone: {w}");
            let legend = browser.find(Locator::Css("ul.legend")).await?.text().await?;
            assert!(
                legend.lines().count() >= 4,
                "{lang}: the legend says certain and possible: {legend}"
            );

            // The event of the sentence: its terms in words.
            browser.goto(&app.url("/events/baltabay-sentence-2019-10-16")).await?;
            check_page(&browser, lang, "event", &left_out).await?;
            let terms = browser.find(Locator::Css("ul.terms")).await?.text().await?;
            assert!(terms.contains(person_words[4]), "{lang}: the term in words: {terms}");
            assert!(!terms.contains("P5M8D"), "{lang}: {terms}");
            // The two accounts side by side, each with its source.
            let accounts = browser.find(Locator::Css("section.accounts")).await?.text().await?;
            assert!(accounts.contains(person_words[5]), "{lang}: the accounts: {accounts}");
            assert!(accounts.contains("Union leader jailed again"), "{lang}: {accounts}");
            assert_eq!(browser.find_all(Locator::Css("li.account")).await?.len(), 2);

            // The country page and the briefing for the UPR.
            browser.goto(&app.url("/countries/KZ")).await?;
            check_page(&browser, lang, "country", &left_out).await?;
            let h1 = browser.find(Locator::Css("main h1")).await?.text().await?;
            assert_ne!(h1, "KZ", "{lang}: the country by its name");
            // The charts' own words (labels, a legend) are in the language:
            // no Latin letters in any text drawn in them.
            let drawn = browser.find_all(Locator::Css("svg.chart text")).await?;
            assert!(drawn.len() > 10, "{lang}: the charts are drawn");
            for t in drawn {
                let said = t.text().await?;
                assert!(
                    !said.chars().any(|c| c.is_ascii_alphabetic()),
                    "{lang} country chart: English left: {said:?}"
                );
            }
            browser
                .goto(&app.url("/countries/KZ/briefing?review=review-upr-2019-kazakhstan&as_of=2019-11-07"))
                .await?;
            check_page(&browser, lang, "briefing", &left_out).await?;
            let text = browser.find(Locator::Css("article.briefing")).await?.text().await?;
            for words in briefing_words {
                assert!(text.contains(words), "{lang} briefing: no {words:?}");
            }
            for english in [
                "Imprisoned on",
                "Events since",
                "Pledges and",
                "Recommendations and",
                "since ",
                "bytes",
            ] {
                assert!(!text.contains(english), "{lang} briefing: English left: {english:?}");
            }
        }
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("the person page and the briefing in Russian and Kazakh");
}

#[tokio::test]
async fn signing_and_confirming_in_russian_and_kazakh_on_a_phone() {
    let test = "signing_and_confirming_in_russian_and_kazakh_on_a_phone";
    let Some(driver) = start_driver(test).await else {
        return;
    };
    let (app, sink) = campaign_free_erlan(serde_json::json!([
        {"language": "en", "title": "Free Erlan Baltabay", "text": "Jailed for his union.", "message": "Release him."},
        {"language": "ru", "title": "Свободу Ерлану Балтабаю", "text": "Осуждён за профсоюз.", "message": "Освободите его."},
        {"language": "kk", "title": "Ерлан Балтабайға бостандық", "text": "Кәсіподағы үшін сотталды.", "message": "Оны босатыңыз."}
    ]))
    .await;
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(&driver, &profile).await;

    let result = async {
        browser.set_window_rect(0, 0, 390, 844).await?;
        let mut sent = 0;
        for (lang, name, email, consent, subject, thanks) in [
            (
                "ru",
                "Айгерим",
                "aigerim@example.kz",
                "Да, организаторы",
                "Спасибо, что подписали",
                "Спасибо",
            ),
            (
                "kk",
                "Дана",
                "dana@example.kz",
                "Иә, осы науқанды",
                "қол қойғаныңыз үшін рақмет",
                "Рақмет",
            ),
        ] {
            let left_out = english_left_out(lang);
            browser
                .goto(&app.url(&format!("/campaigns/free-erlan?lang={lang}")))
                .await?;
            browser.wait().for_element(Locator::Css("form.sign")).await?;
            check_page(&browser, lang, "campaign", &left_out).await?;
            let form = browser.find(Locator::Css("form.sign")).await?.text().await?;
            assert!(
                form.contains(consent),
                "{lang}: the consent box in the signer's language: {form}"
            );
            // The person by name, not by id.
            let main = browser.find(Locator::Css("main")).await?.text().await?;
            assert!(
                main.contains("Erlan Baltabay") && !main.contains("erlan-baltabay"),
                "{main}"
            );
            fill(&browser, "input[name=name]", name).await?;
            fill(&browser, "input[name=email]", email).await?;
            // The country chosen by its name in the signer's language, never
            // typed as a code.
            let country = if lang == "ru" {
                "Казахстан"
            } else {
                "Қазақстан"
            };
            assert!(!form.contains("KZ"), "{lang}: no country code asked for: {form}");
            browser
                .find(Locator::Css("form.sign select[name=country]"))
                .await?
                .select_by_label(country)
                .await?;
            browser.find(Locator::Css("input[name=opt_in]")).await?.click().await?;
            submit(&browser, "form.sign button[type=submit]").await?;
            browser.wait().for_element(Locator::Css("p.notice")).await?;
            check_page(&browser, lang, "signed", &left_out).await?;
            sent += 1;
            let mails = sink.wait_for(sent).await;
            let mail = decoded(mails.last().unwrap());
            assert!(
                mail.contains(subject),
                "{lang}: the mail in the signer's language: {mail}"
            );
            assert!(!mail.contains("Thank you for signing"), "{mail}");
            let start = mail.find("http://").expect("a link");
            let link = mail[start..].split_whitespace().next().unwrap().to_owned();
            // A fresh browser would not have the cookie: the link says the language.
            assert!(link.ends_with(&format!("?lang={lang}")), "{link}");
            browser.goto(&link).await?;
            let h1 = browser.wait().for_element(Locator::Css("main h1")).await?;
            assert!(h1.text().await?.contains(thanks), "{lang}");
            let html = browser.find(Locator::Css("html")).await?;
            assert_eq!(html.attr("lang").await?.as_deref(), Some(lang));
            let text = browser.find(Locator::Css("main")).await?.text().await?;
            for english in left_out.iter() {
                assert!(
                    !text.contains(english.as_str()),
                    "{lang} confirmation: English left: {english:?}"
                );
            }
        }
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("signing and confirming in Russian and Kazakh");
}

/// A demo server whose mail goes to a sink, with the campaign `free-erlan`
/// for Erlan Baltabay in `versions`, and a small proof of work so the
/// page's script does it for real.
async fn campaign_free_erlan(versions: serde_json::Value) -> (TestApp, common::smtp::SmtpSink) {
    let sink = common::smtp::SmtpSink::start().await;
    let smtp = sink.url();
    let app = TestApp::demo_with(move |dir| vigil_app::campaigns::Config {
        pow_bits: 8,
        transport: vigil_app::campaigns::Transport::smtp(&smtp).expect("smtp"),
        ..common::test_campaigns(dir)
    })
    .await;
    let editor = app.token("ed", vigil_core::AccountRole::Editor).await;
    let res = app
        .client
        .post(app.url("/api/v1/campaigns"))
        .bearer_auth(&editor)
        .json(&serde_json::json!({
            "slug": "free-erlan", "case": "case-baltabay", "persons": ["erlan-baltabay"], "state": "open",
            "versions": versions
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    (app, sink)
}

#[tokio::test]
async fn reporting_an_incident_in_russian_and_kazakh_on_a_phone() {
    let test = "reporting_an_incident_in_russian_and_kazakh_on_a_phone";
    let Some(driver) = start_driver(test).await else {
        return;
    };
    // A small proof of work, so the page's script does it for real.
    let app = TestApp::demo_with(|dir| vigil_app::campaigns::Config {
        pow_bits: 8,
        ..common::test_campaigns(dir)
    })
    .await;
    let lawyer = app.token("lawyer", vigil_core::AccountRole::ConfidentialReader).await;
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(&driver, &profile).await;
    let english: Vec<String> = vigil_app::field::xform::questions()
        .iter()
        .map(|q| vigil_app::field::xform::word(&q.label, vigil_app::i18n::Lang::En))
        .collect();

    let result = async {
        browser.set_window_rect(0, 0, 390, 844).await?;
        for (lang, title, thanks) in [
            ("ru", "Сообщить о нарушении", "ваше сообщение получено"),
            ("kk", "Оқиға туралы хабарлау", "хабарламаңыз қабылданды"),
        ] {
            let left_out = english_left_out(lang);
            browser.goto(&app.url(&format!("/report?lang={lang}"))).await?;
            check_page(&browser, lang, "report form", &left_out).await?;
            let text = browser.find(Locator::Css("main")).await?.text().await?;
            assert!(text.contains(title), "{lang}: {text}");
            for label in &english {
                assert!(!text.contains(label), "{lang} report form: English left: {label:?}");
            }
            // Answered as a person would, then sent: the script finds the
            // proof of work and sends the form.
            browser
                .find(Locator::Css(r#"select[name="event_type"] option[value="search"]"#))
                .await?
                .click()
                .await?;
            browser
                .execute(
                    r#"document.querySelector('input[name="event_date"]').value = '2026-11-03';"#,
                    vec![],
                )
                .await?;
            fill(&browser, r#"textarea[name="persons"]"#, "Нурлан Есенов").await?;
            fill(
                &browser,
                r#"textarea[name="account"]"#,
                "Ночью в офисе профсоюза провели обыск.",
            )
            .await?;
            browser
                .find(Locator::Css(r#"input[name="consent"][value="no"]"#))
                .await?
                .click()
                .await?;
            submit(&browser, "form.sign button[type=submit]").await?;
            browser.wait().for_element(Locator::Css("p.notice")).await?;
            let notice = browser.find(Locator::Css("p.notice")).await?.text().await?;
            assert!(notice.contains(thanks), "{lang}: {notice}");
            let html = browser.find(Locator::Css("html")).await?;
            assert_eq!(html.attr("lang").await?.as_deref(), Some(lang));
        }
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("reporting an incident in Russian and Kazakh");

    // Two confidential sources, waiting for an editor.
    let sources = app.json_as("/api/v1/sources?limit=500", &lawyer).await;
    let reports: Vec<&serde_json::Value> = sources["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|s| s["id"].as_str().is_some_and(|id| id.starts_with("field-web-")))
        .collect();
    assert_eq!(reports.len(), 2, "{sources}");
    assert!(reports.iter().all(|s| s["confidential"] == true));
}

/// An organiser creates a campaign with two language versions from the
/// edit page, in Russian then in Kazakh, on a 390-pixel phone, in a
/// browser whose JavaScript is turned off for the site's pages: the form
/// is plain HTML. Each page: `<html lang>`, no English interface words
/// left, nothing wider than the phone.
#[tokio::test]
async fn an_organiser_creates_a_campaign_in_two_languages_in_russian_and_kazakh_on_a_phone() {
    let test = "an_organiser_creates_a_campaign_in_two_languages_in_russian_and_kazakh_on_a_phone";
    let Some(driver) = start_driver(test).await else {
        return;
    };
    let app = TestApp::demo().await;
    app.account("organiser", vigil_core::AccountRole::Editor).await;
    let profile = tempfile::tempdir().unwrap();
    // The pages' scripts off (the driver's own scripts still run).
    let browser = {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "prefs": {"profile.managed_default_content_settings.javascript": 2}
            }),
        );
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("a browser session")
    };

    let result = async {
        browser.set_window_rect(0, 0, 390, 844).await?;
        // Sign in, in Russian.
        browser.goto(&app.url("/login?lang=ru")).await?;
        fill(&browser, "input[name=name]", "organiser").await?;
        fill(&browser, "input[name=password]", common::PASSWORD).await?;
        submit(&browser, "form.stacked button").await?;
        browser
            .wait()
            .for_element(Locator::Css("header .account strong"))
            .await?;

        for (lang, slug, complete) in [("ru", "svobodu-erlanu", "полная"), ("kk", "erlanga-bostandyk", "толық")]
        {
            let left_out = english_left_out(lang);
            browser.goto(&app.url(&format!("/campaigns/new?lang={lang}"))).await?;
            browser.wait().for_element(Locator::Css("form.campaign-form")).await?;
            check_page(&browser, lang, "new campaign", &left_out).await?;
            fill(&browser, "input[name=slug]", slug).await?;
            browser
                .find(Locator::Css("select[name=state]"))
                .await?
                .select_by_value("open")
                .await?;
            fill(&browser, "input[name=goal]", "500").await?;
            // The case and the person by name (the person in another
            // script), never by id.
            fill(&browser, "input[name=case]", "Prosecution of Erlan Baltabay").await?;
            fill(&browser, "input[name=persons]", "Ерлан Балтабай").await?;
            browser
                .find(Locator::Css(r#"select[name="v0.language"]"#))
                .await?
                .select_by_value("ru")
                .await?;
            fill(&browser, r#"input[name="v0.title"]"#, "Свободу Ерлану Балтабаю").await?;
            fill(&browser, r#"textarea[name="v0.text"]"#, "Его посадили за профсоюз.").await?;
            fill(&browser, r#"textarea[name="v0.message"]"#, "Освободите его.").await?;
            fill(&browser, r#"input[name="t0.name"]"#, "Министр труда").await?;
            fill(&browser, r#"input[name="t0.email"]"#, "minister@gov.example").await?;
            submit(&browser, "form.campaign-form > button[type=submit]").await?;
            let url = browser.current_url().await?;
            assert_eq!(
                url.path(),
                format!("/campaigns/{slug}/organise"),
                "{lang}: saved, to the desk"
            );
            // The desk names the version's language, not its code.
            let desk = main_text(&browser).await?;
            let russian = if lang == "ru" {
                "русский"
            } else {
                "орыс тілі"
            };
            assert!(
                desk.contains(russian),
                "{lang}: the version by its language's name: {desk}"
            );
            // Without a script, a second language is the empty column the
            // edit page always has.
            browser.goto(&app.url(&format!("/campaigns/{slug}/edit"))).await?;
            browser.wait().for_element(Locator::Css("form.campaign-form")).await?;
            check_page(&browser, lang, "campaign's edit page, one version", &left_out).await?;
            // The case and the person shown by name; their ids nowhere.
            assert_eq!(
                value(&browser, "input[name=case]").await?,
                "Prosecution of Erlan Baltabay"
            );
            assert_eq!(value(&browser, "input[name=persons]").await?, "Erlan Baltabay");
            let source = browser.source().await?;
            assert!(
                !source.contains("erlan-baltabay") && !source.contains("case-baltabay"),
                "{lang}: no record id on the edit page"
            );
            browser
                .find(Locator::Css(r#"select[name="v1.language"]"#))
                .await?
                .select_by_value("kk")
                .await?;
            fill(&browser, r#"input[name="v1.title"]"#, "Ерлан Балтабайға бостандық").await?;
            fill(&browser, r#"textarea[name="v1.text"]"#, "Кәсіподағы үшін сотталды.").await?;
            fill(&browser, r#"textarea[name="v1.message"]"#, "Оны босатыңыз.").await?;
            submit(&browser, "form.campaign-form > button[type=submit]").await?;
            let url = browser.current_url().await?;
            assert_eq!(url.path(), format!("/campaigns/{slug}/organise"), "{lang}: saved again");
            // The edit page shows both versions, each complete.
            browser.goto(&app.url(&format!("/campaigns/{slug}/edit"))).await?;
            browser.wait().for_element(Locator::Css("form.campaign-form")).await?;
            check_page(&browser, lang, "campaign's edit page", &left_out).await?;
            let marks = browser.find_all(Locator::Css("div.version span.complete")).await?;
            assert_eq!(marks.len(), 2, "{lang}: two complete versions");
            for mark in &marks {
                let text = mark.text().await?;
                assert!(text.to_lowercase().contains(complete), "{lang}: {text}");
            }
            assert_eq!(
                value(&browser, r#"input[name="v1.title"]"#).await?,
                "Ерлан Балтабайға бостандық"
            );
        }
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("creating a campaign in Russian and Kazakh");

    for slug in ["svobodu-erlanu", "erlanga-bostandyk"] {
        let row = vigil_store::campaigns::Campaigns::campaign(&app.store, slug)
            .await
            .expect("created");
        let languages: Vec<&str> = row.campaign.versions.iter().map(|v| v.language.as_str()).collect();
        assert_eq!(languages, vec!["ru", "kk"], "{slug}");
        assert_eq!(row.campaign.goal, Some(500));
        assert_eq!(row.campaign.targets.len(), 1);
        assert_eq!(
            row.campaign.case.as_ref().map(|c| c.to_string()).as_deref(),
            Some("case-baltabay")
        );
        let persons: Vec<String> = row.campaign.persons.iter().map(|p| p.to_string()).collect();
        assert_eq!(persons, vec!["erlan-baltabay"], "{slug}");
    }
}

/// A document with persons, an organisation, dated events and a sentence's
/// terms, for the review pages.
const AKTAU: &str = "Union leader arrested in Aktau\n\n\
Aigul Utepova, leader of the Caspian Oil Workers Union, was arrested on 3 March 2021 in Aktau. \
Police searched the office of the Caspian Oil Workers Union and seized documents. \
On 5 May 2021 she was sentenced to two years and six months of restricted freedom.\n";

/// Another, for decisions.
const STRIKE: &str = "Strikers detained in Zhanaozen\n\n\
Nurlan Esenov and Bolat Kadyrov, members of the Zhanaozen Oil Workers Union, were detained on 2 June 2021 in Zhanaozen.\n";

/// Sends a text in through the API, as an editor's tool would: its source id.
async fn send_in(app: &TestApp, token: &str, text: &str) -> String {
    let res = app
        .send_body(
            reqwest::Method::POST,
            "/api/v1/sources",
            Some(token),
            "text/plain",
            text.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(res.status(), 201);
    let body: serde_json::Value = res.json().await.expect("json");
    body["source_id"].as_str().expect("the source's id").to_owned()
}

async fn sign_in(browser: &fantoccini::Client, app: &TestApp, name: &str) -> Result<(), fantoccini::error::CmdError> {
    browser.goto(&app.url("/login")).await?;
    fill(browser, "input[name=name]", name).await?;
    fill(browser, "input[name=password]", common::PASSWORD).await?;
    submit(browser, "form.stacked button").await?;
    browser
        .wait()
        .for_element(Locator::Css("header .account strong"))
        .await?;
    Ok(())
}

/// The text of the page's `main`.
async fn main_text(browser: &fantoccini::Client) -> Result<String, fantoccini::error::CmdError> {
    browser.find(Locator::Css("main")).await?.text().await
}

/// Checks the page as [`check_page`] does, that it says each of `keys` in
/// `lang` (its words, as the catalogue has them), and that it shows no
/// record id nor byte offset as text.
async fn check_words(
    browser: &fantoccini::Client,
    lang: vigil_app::i18n::Lang,
    what: &str,
    left_out: &[String],
    keys: &[&str],
    ids: &[&str],
) -> Result<(), fantoccini::error::CmdError> {
    check_page(browser, lang.code(), what, left_out).await?;
    let text = main_text(browser).await?;
    for key in keys {
        let words = lang.tr(key);
        assert_ne!(words, vigil_app::i18n::Lang::En.tr(key), "{key}: translated");
        assert!(
            text.contains(&words),
            "{} {what}: no {words:?} ({key}) in {text}",
            lang.code()
        );
    }
    let interface = interface_text(browser, false).await?;
    for raw in ids.iter().chain(&["bytes", "[event]", "[person]"]) {
        assert!(
            !interface.contains(raw),
            "{} {what}: {raw:?} shown as text",
            lang.code()
        );
    }
    Ok(())
}

/// The editors' pages in Russian and in Kazakh on a 390-pixel phone: the
/// review queue and a source's proposals (states, facts, the date's basis,
/// terms, bulk actions), merging, a decision on several, the form a
/// proposal opens, the upload page and its refusal, every record form
/// new and filled in with its validation messages, and the admin pages.
/// Each page: `<html lang>`, no English interface words left (scanned
/// against the English catalogue), no record id or byte offset as text,
/// nothing wider than the screen.
#[tokio::test]
async fn the_editors_pages_in_russian_and_kazakh_on_a_phone() {
    use vigil_app::i18n::Lang;
    let test = "the_editors_pages_in_russian_and_kazakh_on_a_phone";
    let Some(driver) = start_driver(test).await else {
        return;
    };
    let app = TestApp::demo().await;
    app.account("ana", vigil_core::AccountRole::Editor).await;
    app.account("root", vigil_core::AccountRole::Admin).await;
    let token = app.token("ingest", vigil_core::AccountRole::Editor).await;
    let aktau = send_in(&app, &token, AKTAU).await;
    let undated = send_in(&app, &token, UNDATED).await;
    let strike = send_in(&app, &token, STRIKE).await;
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(&driver, &profile).await;
    // Ids that must never show as text on these pages.
    let ids = [
        aktau.as_str(),
        undated.as_str(),
        strike.as_str(),
        "erlan-baltabay",
        "hrw-2019-kazakhstan-upr",
    ];

    let result = async {
        browser.set_window_rect(0, 0, 390, 844).await?;
        sign_in(&browser, &app, "ana").await?;
        for lang in [Lang::Ru, Lang::Kk] {
            let code = lang.code();
            let left_out = english_left_out(code);
            assert!(left_out.len() > 300, "the English catalogue is read");
            let check = |what: &'static str, keys: &'static [&'static str]| {
                let (browser, left_out, ids) = (&browser, &left_out, &ids);
                async move { check_words(browser, lang, what, left_out, keys, ids).await }
            };

            // The queue, chosen in the language once; the cookie keeps it.
            browser.goto(&app.url(&format!("/proposals?lang={code}"))).await?;
            check("queue", &["queue-heading", "upload-title"]).await?;

            // A source's proposals: every card's facts in words.
            browser.goto(&app.url(&format!("/sources/{aktau}/proposals"))).await?;
            check(
                "review",
                &[
                    "review-persons",
                    "review-events",
                    "review-order",
                    "review-accept-selected",
                    "proposal-state-pending",
                    "proposal-type",
                    "proposal-terms",
                    "proposal-edit-accept",
                    "proposal-in-source",
                ],
            )
            .await?;
            let text = main_text(&browser).await?;
            let basis = lang.tr("proposal-basis-stated");
            assert!(text.contains(&basis), "{code}: the date's basis in words: {text}");
            // The passage's place in the source is a link's target, not text.
            let link = browser.find(Locator::Css("blockquote.excerpt footer a")).await?;
            assert!(link.attr("href").await?.is_some_and(|h| h.contains("#at-")));
            browser
                .goto(&app.url(&format!("/sources/{aktau}/proposals?state=all&kind=event")))
                .await?;
            check("review, filtered", &["review-kind", "review-show"]).await?;

            // The undated event's card says what to do, in words.
            browser.goto(&app.url(&format!("/sources/{undated}/proposals"))).await?;
            check("undated review", &["proposal-no-date"]).await?;

            // The form a proposal opens, filled in.
            browser.goto(&app.url(&format!("/sources/{aktau}/proposals"))).await?;
            let edit = browser
                .find(Locator::Css(r#"article.proposal a.action[href$="/edit"]"#))
                .await?
                .attr("href")
                .await?
                .expect("a proposal's form");
            browser.goto(&app.url(&edit)).await?;
            check("a proposal's form", &["edit-from-proposal", "edit-reason", "edit-save"]).await?;

            // Merging into a name found nowhere.
            browser.goto(&app.url(&format!("/sources/{aktau}/proposals"))).await?;
            fill(&browser, r#"article.proposal input[name="into"]"#, "Nobody Atall").await?;
            press(&browser, r#"article.proposal form.inline[action$="/merge"] button"#).await?;
            check("merge", &["review-back"]).await?;

            // A decision on a ticked proposal (of a source of its own, so
            // the other pages keep theirs).
            browser.goto(&app.url(&format!("/sources/{strike}/proposals"))).await?;
            browser
                .find(Locator::Css(r#"article.proposal input[type=checkbox][form="bulk"]"#))
                .await?
                .click()
                .await?;
            press(&browser, r#"form#bulk button[value="reject"]"#).await?;
            check("decisions", &["review-back"]).await?;

            browser.goto(&app.url("/proposals/incomplete")).await?;
            check("incomplete", &["incomplete-undated"]).await?;

            // The upload page, and its refusal of an empty form.
            browser.goto(&app.url("/sources/upload")).await?;
            check("upload", &["upload-intro", "upload-file", "upload-submit"]).await?;
            press(&browser, "form.stacked button").await?;
            check("upload refused", &["upload-nothing"]).await?;

            // Every record form, new and filled in.
            for (path, keys) in [
                (
                    "/events/new",
                    &["edit-terms", "edit-evidence", "edit-excerpts-hint"][..],
                ),
                ("/persons/new", &["edit-affiliations", "edit-sources-say"][..]),
                ("/organisations/new", &["edit-org-aliases", "edit-part-of"][..]),
                ("/cases/new", &["edit-case-events"][..]),
                ("/sources/new", &["edit-full-text"][..]),
                ("/persons/erlan-baltabay/edit", &["edit-aliases", "edit-reason"][..]),
                (
                    "/events/baltabay-sentence-2019-10-16/edit",
                    &["edit-who", "edit-imprisonment"][..],
                ),
            ] {
                browser.goto(&app.url(path)).await?;
                check_words(&browser, lang, path, &left_out, keys, &ids[..2]).await?;
            }

            // A form sent with a date no one can read and no reason: the
            // messages beside the fields, in words.
            browser.goto(&app.url("/events/new")).await?;
            without_browser_checks(&browser).await?;
            fill(&browser, "input[name=date]", "someday soon").await?;
            fill(&browser, "input[name=title]", "A test event").await?;
            press(&browser, "form.record button.save").await?;
            check("form errors", &["edit-correct", "edit-error-reason"]).await?;
            let date_error = browser
                .find(Locator::Css("input[name=date] ~ span.field-error"))
                .await?
                .text()
                .await?;
            let expected = lang.tr_with(
                "edit-error-date",
                &[("text", vigil_app::i18n::Arg::Text("someday soon"))],
            );
            assert_eq!(date_error, expected, "{code}");
            // Readable now, but with no passage as evidence: the record's
            // own check refuses it, in words too.
            without_browser_checks(&browser).await?;
            fill(&browser, "input[name=date]", "2019-10-16").await?;
            browser
                .find(Locator::Css("select[name=country]"))
                .await?
                .select_by_value("KZ")
                .await?;
            fill(&browser, "input[name=reason]", "a test").await?;
            press(&browser, "form.record button.save").await?;
            check("the record's own check", &["edit-correct", "edit-error-evidence"]).await?;

            // A name that names several records: the candidates by name and
            // what tells them apart, to choose from; no id as text.
            browser.goto(&app.url("/events/new")).await?;
            without_browser_checks(&browser).await?;
            fill(&browser, "input[name=title]", "A test event").await?;
            fill(&browser, r#"input[name="participants[0].record_id"]"#, "Kazakhstan").await?;
            press(&browser, "form.record button.save").await?;
            check_words(
                &browser,
                lang,
                "candidates",
                &left_out,
                &["edit-candidates", "edit-candidate-page"],
                &["kazakhstan-police", "kazakhstan-government"],
            )
            .await?;
            let offered = browser
                .find_all(Locator::Css(r#"fieldset.candidates input[type=radio]"#))
                .await?;
            assert!(offered.len() >= 2, "{code}: the candidates are offered");
            let text = main_text(&browser).await?;
            let told = format!(
                "({}, {})",
                lang.term(&vigil_core::OrganisationKind::StateBody),
                lang.tr("country-kz")
            );
            assert!(text.contains(&told), "{code}: {told:?} tells them apart: {text}");

            // A record's history: each state as fields in words, opened.
            browser
                .goto(&app.url("/records/baltabay-sentence-2019-10-16/history"))
                .await?;
            browser
                .execute(
                    "document.querySelectorAll('details').forEach(d => d.open = true); return null;",
                    vec![],
                )
                .await?;
            check_words(
                &browser,
                lang,
                "history",
                &left_out,
                &["history-state", "history-field-type", "history-field-country"],
                &ids,
            )
            .await?;
            let text = main_text(&browser).await?;
            assert!(
                text.contains(&lang.term(&vigil_core::EventType::Sentence)),
                "{code}: the type in words: {text}"
            );
            for raw in ["\"imprisonment\"", "P5M8D", "{"] {
                assert!(!text.contains(raw), "{code}: {raw:?} in the history: {text}");
            }
            // When each change was made, in the reader's time zone; in
            // Kazakh, which this Chromium has no data for, in the server's
            // words in UTC (not "2026 M12 4").
            let moment = browser.find(Locator::Css("ul.revisions time")).await?;
            let at = moment.attr("datetime").await?.expect("a datetime");
            let at =
                time::OffsetDateTime::parse(&at, &time::format_description::well_known::Rfc3339).expect("RFC 3339");
            let said = moment.text().await?;
            if code == "kk" {
                let utc = at.to_offset(time::UtcOffset::UTC);
                let clock = format!("{:02}:{:02} UTC", utc.hour(), utc.minute());
                assert!(
                    said.contains(&clock) && said.contains("жылғы"),
                    "{code}: {said:?} is not {utc} in words"
                );
            } else {
                let at = at.to_offset(time::UtcOffset::from_hms(5, 0, 0).expect("an offset"));
                let clock = format!("{:02}:{:02}", at.hour(), at.minute());
                assert!(
                    said.contains(&clock) && !said.contains("UTC") && said.contains(&at.year().to_string()),
                    "{code}: {said:?} is not {at} in Almaty"
                );
            }
        }

        // The admin pages, for an administrator.
        browser.goto(&app.url("/")).await?;
        press(&browser, r#"form[action="/logout"] button"#).await?;
        sign_in(&browser, &app, "root").await?;
        for lang in [Lang::Ru, Lang::Kk] {
            let code = lang.code();
            let left_out = english_left_out(code);
            browser.goto(&app.url(&format!("/admin/accounts?lang={code}"))).await?;
            check_words(
                &browser,
                lang,
                "accounts",
                &left_out,
                &["admin-add-account", "admin-audit", "admin-audit-intro"],
                &[],
            )
            .await?;
            browser.goto(&app.url("/admin/accounts/ana")).await?;
            press(&browser, r#"form[action$="/tokens"] button"#).await?;
            check_words(
                &browser,
                lang,
                "an account with a new token",
                &left_out,
                &[
                    "admin-new-token",
                    "admin-change-role",
                    "admin-password-note",
                    "admin-revoke",
                ],
                &[],
            )
            .await?;
            browser.goto(&app.url("/admin/accounts")).await?;
            let audit = main_text(&browser).await?;
            assert!(audit.contains(&lang.tr("admin-action-issue-token")), "{code}: {audit}");
            check_page(&browser, code, "audit log", &left_out).await?;
        }
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("the editors' pages in Russian and Kazakh");
}

/// Every `svg text` on the page that lies outside its drawing's box (by
/// more than half a pixel), as "label: its box, the drawing's box".
async fn clipped_labels(browser: &fantoccini::Client) -> Result<Vec<String>, fantoccini::error::CmdError> {
    let out = browser
        .execute(
            r#"const out = [];
               document.querySelectorAll('main svg').forEach(svg => {
                 const s = svg.getBoundingClientRect();
                 if (s.width < 40) return; // a legend's swatch
                 svg.querySelectorAll('text').forEach(t => {
                   const r = t.getBoundingClientRect();
                   if (r.width === 0) return;
                   if (r.left < s.left - 0.5 || r.right > s.right + 0.5 || r.top < s.top - 0.5 || r.bottom > s.bottom + 0.5)
                     out.push(`${t.textContent}: ${r.left}-${r.right} x ${r.top}-${r.bottom}, drawing ${s.left}-${s.right} x ${s.top}-${s.bottom}`);
                 });
               });
               return out;"#,
            vec![],
        )
        .await?;
    Ok(out
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default())
}

/// No label of a drawing is cut by its edge: the case's timeline (its
/// bans span five years, leaving no room after the bar), a person's, and
/// a country's charts, in Russian and in Kazakh on a 390-pixel phone.
#[tokio::test]
async fn no_label_of_a_drawing_is_clipped_in_russian_and_kazakh_on_a_phone() {
    let test = "no_label_of_a_drawing_is_clipped_in_russian_and_kazakh_on_a_phone";
    let Some(driver) = start_driver(test).await else {
        return;
    };
    let app = TestApp::demo().await;
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(&driver, &profile).await;

    let result = async {
        browser.set_window_rect(0, 0, 390, 844).await?;
        for lang in ["ru", "kk"] {
            for path in [
                "/cases/case-union-leadership-bans",
                "/persons/erlan-baltabay",
                "/countries/KZ",
            ] {
                browser.goto(&app.url(&format!("{path}?lang={lang}"))).await?;
                let texts = browser.find_all(Locator::Css("main svg text")).await?;
                assert!(texts.len() >= 3, "{lang} {path}: {} labels drawn", texts.len());
                let clipped = clipped_labels(&browser).await?;
                assert!(clipped.is_empty(), "{lang} {path}: labels cut: {clipped:#?}");
            }
        }
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("no label cut");
}

/// Moments and dates read as words in Kazakh and Russian: a history's
/// moments keep the server's Kazakh words where the browser has no Kazakh
/// data (Chromium writes "2026 M12 4" then), and the Russian home page
/// ends its date with one full stop, not "г..".
#[tokio::test]
async fn moments_and_dates_in_kazakh_and_russian_words() {
    let test = "moments_and_dates_in_kazakh_and_russian_words";
    let Some(driver) = start_driver(test).await else {
        return;
    };
    let app = TestApp::demo().await;
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(&driver, &profile).await;

    let result = async {
        browser.set_window_rect(0, 0, 390, 844).await?;
        browser
            .goto(&app.url("/records/erlan-baltabay/history?lang=kk"))
            .await?;
        // The public history: who changed it said in Kazakh ("an editor"
        // was written in the code), no Latin-letter word left.
        check_page(&browser, "kk", "public history", &english_left_out("kk")).await?;
        let moments = browser.find_all(Locator::Css("time[data-moment]")).await?;
        assert!(!moments.is_empty(), "the history has moments");
        for m in moments {
            let text = m.text().await?;
            assert!(text.contains("жылғы"), "kk: a moment in Kazakh words: {text:?}");
            assert!(
                !text
                    .split_whitespace()
                    .any(|w| w.starts_with('M') && w[1..].parse::<u8>().is_ok()),
                "kk: no month as M12: {text:?}"
            );
        }
        browser.goto(&app.url("/?lang=ru")).await?;
        let text = browser.find(Locator::Css("main")).await?.text().await?;
        assert!(!text.contains("г.."), "ru: one full stop after a date: {text}");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("moments and dates in words");
}
