//! A real Vigil on loopback for tests: a fresh SQLite file with the demo
//! case file and a search index in the same temporary data folder, served
//! on port 0, reached over real HTTP.

#![allow(dead_code)] // each test binary uses a different part

use std::net::SocketAddr;

use vigil_store::{Change, Store};
use vigil_store_sqlite::SqliteStore;

pub struct TestApp {
    pub addr: SocketAddr,
    pub store: SqliteStore,
    pub client: reqwest::Client,
    _dir: tempfile::TempDir,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl TestApp {
    /// A server holding the demo case file.
    pub async fn demo() -> Self {
        let app = Self::empty().await;
        let demo = vigil_demo::case_file().expect("demo case file");
        app.store
            .import(&demo, &Change::new("demo", None))
            .await
            .expect("demo loads");
        app
    }

    /// A server on an empty case file.
    pub async fn empty() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SqliteStore::open(&dir.path().join("vigil.db"))
            .await
            .expect("store");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        // The search index in the data folder, as the binary has it.
        let (search, _) =
            vigil_search::SearchIndex::open_in_dir(&dir.path().join("search")).expect("index");
        let state = vigil_web::AppState {
            store: store.clone(),
            search,
        };
        tokio::spawn(async move {
            vigil_web::serve_app(listener, state, async {
                let _ = stopped.await;
            })
            .await
            .expect("server runs");
        });
        Self {
            addr,
            store,
            client: reqwest::Client::new(),
            _dir: dir,
            _stop: stop,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    /// GET a JSON body, asserting the status.
    pub async fn json(&self, path: &str, status: u16) -> serde_json::Value {
        let res = self.get(path).await;
        assert_eq!(res.status().as_u16(), status, "GET {path}");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap_or_default()
                .starts_with("application/json"),
            "GET {path} answers JSON"
        );
        res.json().await.expect("JSON body")
    }

    /// GET a page, asserting the status, and return its HTML.
    pub async fn page(&self, path: &str, status: u16) -> String {
        let res = self.get(path).await;
        assert_eq!(res.status().as_u16(), status, "GET {path}");
        res.text().await.expect("page body")
    }

    /// Asserts a JSON error naming `field` (when given).
    pub async fn error(&self, path: &str, status: u16, code: &str, field: Option<&str>) -> String {
        let body = self.json(path, status).await;
        assert_eq!(body["error"]["code"], code, "GET {path}: {body}");
        assert_eq!(body["error"]["field"].as_str(), field, "GET {path}: {body}");
        body["error"]["message"]
            .as_str()
            .expect("a message")
            .to_owned()
    }
}
