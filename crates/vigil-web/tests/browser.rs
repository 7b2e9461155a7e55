//! End to end in a real headless Chromium, driven through chromedriver
//! (Debian's `chromium` and `chromium-driver`; `.ci/run` installs them).
//! Set VIGIL_SKIP_BROWSER_TESTS=1 to skip on a machine without them; CI
//! never sets it.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::TestApp;
use fantoccini::{ClientBuilder, Locator};

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

async fn start_driver() -> Option<Driver> {
    if std::env::var_os("VIGIL_SKIP_BROWSER_TESTS").is_some() {
        eprintln!("VIGIL_SKIP_BROWSER_TESTS is set: skipping the browser test");
        return None;
    }
    let port = free_port();
    let mut child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver must be installed (apt-get install chromium chromium-driver)");
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Some(Driver { child, port });
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("chromedriver did not start listening on port {port}");
}

#[tokio::test]
async fn from_the_home_page_to_baltabays_timeline() {
    let Some(driver) = start_driver().await else {
        return;
    };
    let app = TestApp::demo().await;
    let profile = tempfile::tempdir().unwrap();
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.path().display()),
            ]
        }),
    );
    let browser = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a browser session");

    let result = async {
        browser.goto(&app.url("/")).await?;
        assert_eq!(browser.title().await?, "Vigil — Vigil");
        browser
            .find(Locator::LinkText("Persons"))
            .await?
            .click()
            .await?;
        browser
            .wait()
            .for_element(Locator::Css("ul.records"))
            .await?;
        browser
            .find(Locator::LinkText("Erlan Baltabay"))
            .await?
            .click()
            .await?;
        let heading = browser.wait().for_element(Locator::Css("h1")).await?;
        assert_eq!(heading.text().await?, "Erlan Baltabay");
        assert!(browser
            .current_url()
            .await?
            .path()
            .ends_with("/persons/erlan-baltabay"));
        // The timeline is drawn, with one mark per event, each a link.
        let marks = browser
            .find_all(Locator::Css("svg.timeline a.event"))
            .await?;
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
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("the walk through the pages");
}

/// A headless Chromium session on `driver`, its profile in `profile`.
async fn session(driver: &Driver, profile: &std::path::Path) -> fantoccini::Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.display()),
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
async fn the_header_search_box_suggests_names_and_searches() {
    let Some(driver) = start_driver().await else {
        return;
    };
    let app = TestApp::demo().await;
    let profile = tempfile::tempdir().unwrap();
    let browser = session(&driver, profile.path()).await;
    let result = async {
        browser.goto(&app.url("/events")).await?;
        let input = browser
            .find(Locator::Css("header form.site-search input[name=q]"))
            .await?;
        input.send_keys("Балт").await?;
        // The script fills the datalist from the suggestion endpoint.
        let mut offered = Vec::new();
        for _ in 0..50 {
            offered.clear();
            for option in browser
                .find_all(Locator::Css("#name-suggestions option"))
                .await?
            {
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
        browser
            .wait()
            .for_element(Locator::Css("ol.results"))
            .await?;
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
