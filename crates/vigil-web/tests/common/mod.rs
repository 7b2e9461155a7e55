//! A real Vigil on loopback for tests: a fresh case file with the demo and
//! a search index in a temporary data folder, served on port 0, reached
//! over real HTTP.
//!
//! The case file is a fresh SQLite file, or with `VIGIL_TEST_BACKEND=postgres`
//! a fresh database on the PostgreSQL server named by
//! `VIGIL_TEST_POSTGRES_URL` (`.ci/run` runs these tests both ways).

#![allow(dead_code)] // each test binary uses a different part

pub mod smtp;

use std::net::SocketAddr;

use vigil_app::campaigns::{Config, Transport};
use vigil_app::credentials;
use vigil_core::{AccountRole, UserName};
use vigil_store::{Accounts, Change, SealKey, Store};
use vigil_store_any::{AnyStore, Meter, PostgresStore, SqliteStore};
use vigil_store_postgres::testing;
use vigil_web::AppState;

/// Campaigns as tests run them: no proof of work, no rate limits (every
/// request comes from 127.0.0.1), mail into `<data>/outbox`.
pub fn test_campaigns(data: &std::path::Path) -> Config {
    Config {
        pow_bits: 0,
        rate_limits: None,
        transport: Transport::Outbox(data.join("outbox")),
        ..Config::default()
    }
}

pub struct TestApp {
    pub addr: SocketAddr,
    /// The data folder (the mail outbox is in `outbox/`).
    pub dir: std::path::PathBuf,
    pub store: AnyStore,
    pub client: reqwest::Client,
    /// The PostgreSQL database, when the store is there.
    pub database_url: Option<String>,
    pub key: SealKey,
    /// The server's search index (tests may wait for it to catch up).
    pub search: vigil_search::SearchIndex,
    _dir: tempfile::TempDir,
    /// The server's campaigns state (group commit figures, counts).
    pub campaigns: std::sync::Arc<vigil_app::campaigns::Service>,
    _stop: tokio::sync::oneshot::Sender<()>,
}

/// The backend these tests run on, from `VIGIL_TEST_BACKEND`.
/// A browser on the local address `local` (127.0.0.x): it keeps cookies
/// and does not follow redirects.
pub fn browser_from(local: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(std::net::IpAddr::from(local))
        .build()
        .expect("client")
}

/// The address test servers take for their reverse proxy: a client bound
/// to it plays the proxy (its `X-Forwarded-For` is believed).
pub const PROXY: [u8; 4] = [127, 0, 0, 3];

pub fn postgres_backend() -> bool {
    match std::env::var("VIGIL_TEST_BACKEND").as_deref() {
        Ok("postgres") => true,
        Ok("sqlite") | Ok("") | Err(_) => false,
        Ok(other) => panic!("VIGIL_TEST_BACKEND is 'sqlite' or 'postgres', not '{other}'"),
    }
}

impl TestApp {
    /// The messages in the outbox, as sent (the raw RFC 5322 text), each
    /// opened with the case file's key through the library function
    /// `vigil outbox show` uses. Each file must be sealed and readable by
    /// Vigil's own user only.
    pub fn outbox(&self) -> Vec<String> {
        use std::os::unix::fs::PermissionsExt;
        use vigil_app::campaigns::outbox::{self, OutboxKey};
        let dir = self.dir.join("outbox");
        let messages = outbox::read_all(&dir, &OutboxKey::of(&self.store)).expect("the outbox opens");
        messages
            .into_iter()
            .filter_map(|(entry, message)| {
                let Ok(meta) = std::fs::metadata(&entry.file) else {
                    return None; // removed meanwhile
                };
                let mode = meta.permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{} is readable by others", entry.file.display());
                Some(String::from_utf8(message).expect("a message is UTF-8"))
            })
            .collect()
    }

    /// A server holding the demo case file.
    pub async fn demo() -> Self {
        let app = Self::empty().await;
        let demo = vigil_demo::case_file().expect("demo case file");
        app.store
            .import(&demo, &Change::new("demo", None))
            .await
            .expect("demo loads");
        // The server's follower would get there within a poll or two; a
        // test starts from an index that has the whole demo.
        app.search.catch_up(&app.store).await.expect("index caught up");
        app
    }

    /// A server on an empty case file.
    pub async fn empty() -> Self {
        Self::empty_with(test_campaigns).await
    }

    /// A server on an empty case file whose campaigns run by `config`
    /// (given the data folder).
    pub async fn empty_with(config: impl FnOnce(&std::path::Path) -> Config) -> Self {
        if postgres_backend() {
            let server = std::env::var(testing::URL_VAR)
                .expect("VIGIL_TEST_BACKEND=postgres needs VIGIL_TEST_POSTGRES_URL (see README)");
            let url = testing::fresh_database(&server).await;
            let key = SealKey::generate();
            let store = PostgresStore::connect(&url, key.clone()).await.expect("store");
            let dir = tempfile::tempdir().expect("temp dir");
            let config = config(dir.path());
            return Self::serve(AnyStore::Postgres(store), Some(url), key, dir, config).await;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let key = SealKey::generate();
        let store = SqliteStore::open(&dir.path().join("vigil.db"), key.clone())
            .await
            .expect("store");
        let config = config(dir.path());
        Self::serve(AnyStore::Sqlite(store), None, key, dir, config).await
    }

    /// A server on an empty SQLite case file whose reads are metered
    /// (whatever `VIGIL_TEST_BACKEND` says): the work a request does.
    pub async fn metered() -> (Self, Meter) {
        let dir = tempfile::tempdir().expect("temp dir");
        let key = SealKey::generate();
        let (store, meter) = SqliteStore::open_metered(&dir.path().join("vigil.db"), key.clone())
            .await
            .expect("store");
        let config = test_campaigns(dir.path());
        (
            Self::serve(AnyStore::Sqlite(store), None, key, dir, config).await,
            meter,
        )
    }

    /// A server holding the demo case file, campaigns run by `config`.
    pub async fn demo_with(config: impl FnOnce(&std::path::Path) -> Config) -> Self {
        let app = Self::empty_with(config).await;
        let demo = vigil_demo::case_file().expect("demo case file");
        app.store
            .import(&demo, &Change::new("demo", None))
            .await
            .expect("demo loads");
        app
    }

    /// A server on the PostgreSQL database at `url`, with a new key.
    pub async fn on_postgres(url: &str) -> Self {
        let key = SealKey::generate();
        let store = PostgresStore::connect(url, key.clone()).await.expect("store");
        let dir = tempfile::tempdir().expect("temp dir");
        let config = test_campaigns(dir.path());
        Self::serve(AnyStore::Postgres(store), Some(url.to_owned()), key, dir, config).await
    }

    /// Another server on the same PostgreSQL case file, as a second
    /// `vigil serve` would be: its own connections, its own process state.
    pub async fn another_server(&self) -> Self {
        let url = self.database_url.clone().expect("a second server needs PostgreSQL");
        let store = PostgresStore::connect(&url, self.key.clone()).await.expect("store");
        let dir = tempfile::tempdir().expect("temp dir");
        let config = test_campaigns(dir.path());
        Self::serve(AnyStore::Postgres(store), Some(url), self.key.clone(), dir, config).await
    }

    async fn serve(
        store: AnyStore,
        database_url: Option<String>,
        key: SealKey,
        dir: tempfile::TempDir,
        config: Config,
    ) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        // The search index in the data folder, as the binary has it.
        let (search, _) = vigil_search::SearchIndex::open_in_dir(&dir.path().join("search")).expect("index");
        let state = AppState::new(store.clone(), search.clone())
            .with_campaigns(config)
            .with_trusted_proxies(vec![std::net::IpAddr::from(PROXY)]);
        let campaigns = state.campaigns.clone();
        tokio::spawn(async move {
            vigil_web::serve(listener, state, async {
                let _ = stopped.await;
            })
            .await
            .expect("server runs");
        });
        Self {
            addr,
            dir: dir.path().to_owned(),
            store,
            client: reqwest::Client::new(),
            database_url,
            key,
            search,
            _dir: dir,
            campaigns,
            _stop: stop,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    /// A request with a bearer token and, where given, a JSON body.
    pub async fn send_as(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<&serde_json::Value>,
    ) -> reqwest::Response {
        let mut req = self.client.request(method.clone(), self.url(path)).bearer_auth(token);
        if let Some(b) = body {
            req = req.json(b);
        }
        req.send().await.unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    /// A request with a body of `content_type`, as `who`: anonymous
    /// (`None`) or with a bearer token.
    pub async fn send_body(
        &self,
        method: reqwest::Method,
        path: &str,
        who: Option<&str>,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        let mut req = self.client.request(method.clone(), self.url(path));
        if let Some(token) = who {
            req = req.bearer_auth(token);
        }
        let res = req.header("content-type", content_type).body(body).send().await;
        res.unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    /// A request with a JSON body and no credentials.
    pub async fn send_anonymous(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        let res = self
            .client
            .request(method.clone(), self.url(path))
            .json(body)
            .send()
            .await;
        res.unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub async fn post_json(&self, path: &str, token: &str, body: &serde_json::Value) -> reqwest::Response {
        self.send_as(reqwest::Method::POST, path, token, Some(body)).await
    }

    pub async fn put_json(&self, path: &str, token: &str, body: &serde_json::Value) -> reqwest::Response {
        self.send_as(reqwest::Method::PUT, path, token, Some(body)).await
    }

    /// POSTs a record as `token`'s account, asserting it was created.
    pub async fn created(&self, path: &str, token: &str, body: &serde_json::Value) {
        let res = self.post_json(path, token, body).await;
        let status = res.status();
        assert_eq!(status, 201, "POST {path}: {}", res.text().await.unwrap_or_default());
    }

    /// [`Self::created`], and the id the record was given (a confidential
    /// record's is made by Vigil).
    pub async fn created_id(&self, path: &str, token: &str, body: &serde_json::Value) -> String {
        let res = self.post_json(path, token, body).await;
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        assert_eq!(status, 201, "POST {path}: {text}");
        let created: serde_json::Value = serde_json::from_str(&text).expect("a JSON body");
        created["id"].as_str().expect("the created record's id").to_owned()
    }

    /// Signs in as `name` through the login form with `client` (optionally
    /// as a proxy forwarding for `forwarded_for`); the status of the answer.
    pub async fn login_status(
        &self,
        client: &reqwest::Client,
        name: &str,
        password: &str,
        forwarded_for: Option<&str>,
    ) -> u16 {
        let url = self.url("/login");
        let with_forwarding = |req: reqwest::RequestBuilder| match forwarded_for {
            Some(f) => req.header("x-forwarded-for", f),
            None => req,
        };
        let page = body(with_forwarding(client.get(&url))).await;
        let token = hidden(&page, "login_token");
        with_forwarding(client.post(&url))
            .form(&[("name", name), ("password", password), ("login_token", &token)])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    /// POSTs the form `fields` to `path` with `client` (a browser-like
    /// client, signed in or not).
    pub async fn submit(&self, client: &reqwest::Client, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let res = client.post(self.url(path)).form(fields).send().await;
        res.unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    /// A GET as `who`: anonymous (`None`) or with a bearer token.
    pub async fn get_for(&self, path: &str, who: Option<&str>) -> reqwest::Response {
        match who {
            Some(token) => self.get_as(path, token).await,
            None => self.get(path).await,
        }
    }

    /// `method path` as the account `user` with [`PASSWORD`] over HTTP
    /// basic authentication (as ODK Collect signs in).
    pub async fn send_basic(&self, method: reqwest::Method, path: &str, user: &str) -> reqwest::Response {
        let res = self
            .client
            .request(method.clone(), self.url(path))
            .basic_auth(user, Some(PASSWORD))
            .send()
            .await;
        res.unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub async fn get_as(&self, path: &str, token: &str) -> reqwest::Response {
        self.send_as(reqwest::Method::GET, path, token, None).await
    }

    pub async fn post_as(&self, path: &str, token: &str) -> reqwest::Response {
        self.send_as(reqwest::Method::POST, path, token, None).await
    }

    pub async fn delete_as(&self, path: &str, token: &str) -> reqwest::Response {
        self.send_as(reqwest::Method::DELETE, path, token, None).await
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

    /// The body of a GET as text, whatever its status.
    pub async fn text(&self, path: &str) -> String {
        let res = self.get(path).await;
        res.text().await.unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// GET a page, asserting the status, and return its HTML.
    pub async fn page(&self, path: &str, status: u16) -> String {
        let res = self.get(path).await;
        assert_eq!(res.status().as_u16(), status, "GET {path}");
        res.text().await.expect("page body")
    }

    /// An excerpt (as the API takes it) quoting `quote` from the public
    /// source `source_id`, at the place the quote stands in its text.
    pub async fn excerpt(&self, source_id: &str, quote: &str) -> serde_json::Value {
        let source = self.json(&format!("/api/v1/sources/{source_id}"), 200).await;
        quoting(&source, source_id, quote)
    }

    /// [`Self::excerpt`] of a source read as `token`'s account (one that
    /// may be confidential).
    pub async fn excerpt_as(&self, source_id: &str, quote: &str, token: &str) -> serde_json::Value {
        let source = self.json_as(&format!("/api/v1/sources/{source_id}"), token).await;
        quoting(&source, source_id, quote)
    }
}

fn quoting(source: &serde_json::Value, source_id: &str, quote: &str) -> serde_json::Value {
    {
        let text = source["text"].as_str().expect("a source text");
        let start = text
            .find(quote)
            .unwrap_or_else(|| panic!("{source_id} quotes {quote:?}"));
        serde_json::json!({"source_id": source_id, "start": start, "end": start + quote.len(), "text": quote})
    }
}

impl TestApp {
    /// A public detention in Kazakhstan on 20 October 2019 titled `title`,
    /// quoting [`HARASSES`] (as the API takes it): what the country's
    /// briefing of 7 November 2019 counts.
    pub async fn kz_detention(&self, title: &str) -> serde_json::Value {
        serde_json::json!({
            "type": "detention",
            "date": "2019-10-20",
            "country": "KZ",
            "title": title,
            "excerpts": [self.excerpt("hrw-2019-kazakhstan-upr", HARASSES).await],
        })
    }

    /// Asserts a 400 `bad_request` naming the query parameter `field`; its
    /// message.
    pub async fn bad_request(&self, path: &str, field: &str) -> String {
        self.error(path, 400, "bad_request", Some(field)).await
    }

    /// The JSON body of a GET as `token`'s account, whatever its status.
    pub async fn json_as(&self, path: &str, token: &str) -> serde_json::Value {
        let res = self.get_as(path, token).await;
        res.json()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: a JSON body: {e}"))
    }

    /// Asserts a JSON error naming `field` (when given).
    pub async fn error(&self, path: &str, status: u16, code: &str, field: Option<&str>) -> String {
        let body = self.json(path, status).await;
        assert_eq!(body["error"]["code"], code, "GET {path}: {body}");
        assert_eq!(body["error"]["field"].as_str(), field, "GET {path}: {body}");
        body["error"]["message"].as_str().expect("a message").to_owned()
    }
}

/// A sentence of the demo's Human Rights Watch source (`hrw-2019-kazakhstan-upr`).
pub const HARASSES: &str = "Kazakhstan continues to be a place where the government harasses, detains, and imprisons those who voice dissenting opinions";

pub const PASSWORD: &str = "correct horse battery staple";

impl TestApp {
    /// Adds an account with [`PASSWORD`].
    pub async fn account(&self, name: &str, role: AccountRole) -> UserName {
        let name = UserName::parse(name).expect("name");
        let hash = credentials::hash_password(PASSWORD).expect("hash");
        self.store.add_account(&name, role, &hash).await.expect("account");
        name
    }

    /// An API token for a new account of `role`.
    pub async fn token(&self, name: &str, role: AccountRole) -> String {
        let name = self.account(name, role).await;
        let token = credentials::random_token();
        self.store
            .add_token(&name, &credentials::digest(&token))
            .await
            .expect("token");
        token
    }

    /// A browser-like client signed in as a new account of `role`, and the
    /// session's CSRF token.
    pub async fn signed_in(&self, name: &str, role: AccountRole) -> (reqwest::Client, String) {
        self.account(name, role).await;
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let form = body(client.get(self.url("/login"))).await;
        let token = hidden(&form, "login_token");
        let res = client
            .post(self.url("/login"))
            .form(&[
                ("name", name),
                ("password", PASSWORD),
                ("login_token", &token),
                ("next", "/"),
            ])
            .send()
            .await
            .expect("login");
        assert_eq!(res.status(), 303, "signed in");
        let page = body(client.get(self.url("/persons/new"))).await;
        let csrf = hidden(&page, "csrf");
        (client, csrf)
    }
}

/// The value of a hidden input in a page.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).unwrap_or_else(|| panic!("no hidden {name} in page")) + marker.len();
    html[start..].split('"').next().unwrap_or_default().to_owned()
}

/// Sends `request` and returns the body of the answer, whatever its status.
pub async fn body(request: reqwest::RequestBuilder) -> String {
    let res = request.send().await.expect("request");
    res.text().await.expect("body")
}

/// The ids of a JSON listing's items, in order.
pub fn ids(listing: &serde_json::Value) -> Vec<String> {
    item_strs(listing, "id").into_iter().map(str::to_owned).collect()
}

/// The string `key` of each of a JSON listing's items, in order.
pub fn item_strs<'a>(listing: &'a serde_json::Value, key: &str) -> Vec<&'a str> {
    listing["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i[key].as_str().unwrap_or_else(|| panic!("{key} of {i}")))
        .collect()
}

/// Asserts that `res` refuses with `status` and a JSON error naming
/// `field`; the error body, for more checks.
pub async fn refused(res: reqwest::Response, status: u16, field: &str) -> serde_json::Value {
    assert_eq!(res.status().as_u16(), status);
    let err: serde_json::Value = res.json().await.expect("a JSON error");
    assert_eq!(err["error"]["field"], field, "{err}");
    err
}

/// Asserts that `res` answers with `status`; its JSON body.
pub async fn answered(res: reqwest::Response, status: u16) -> serde_json::Value {
    assert_eq!(res.status().as_u16(), status);
    res.json().await.expect("a JSON body")
}

/// Asserts that `res` answers with `status`; its body as text (a page).
pub async fn text_of(res: reqwest::Response, status: u16) -> String {
    assert_eq!(res.status().as_u16(), status, "{}", res.url());
    res.text().await.expect("a text body")
}

/// The first item of a JSON array that `pred` holds of.
pub fn find_item(array: &serde_json::Value, pred: impl Fn(&serde_json::Value) -> bool) -> &serde_json::Value {
    let items = array.as_array().unwrap_or_else(|| panic!("an array: {array}"));
    items
        .iter()
        .find(|i| pred(i))
        .unwrap_or_else(|| panic!("no such item in {array}"))
}

/// The `content-type` of an answer.
pub fn content_type(res: &reqwest::Response) -> &str {
    res.headers()["content-type"].to_str().expect("a readable content-type")
}

/// The sum of the number `key` over the items of a JSON array.
pub fn total_of(array: &serde_json::Value, key: &str) -> u64 {
    let items = array.as_array().unwrap_or_else(|| panic!("an array: {array}"));
    items
        .iter()
        .map(|i| i[key].as_u64().unwrap_or_else(|| panic!("a number {key} in {i}")))
        .sum()
}

/// Every file under `dir`, read whole.
pub fn files_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                out.push((path, bytes));
            }
        }
    }
    out
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A JPEG's first bytes, `len` bytes after them and its last two: enough
/// to be taken for a photo (the same bytes at each call).
pub fn jpeg(len: u32) -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0];
    b.extend((0..len).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8));
    b.extend_from_slice(&[0xFF, 0xD9]);
    b
}

/// An AMR recording (as ODK Collect records sound) of `len` bytes after
/// its header.
pub fn amr(len: u32) -> Vec<u8> {
    let mut b = b"#!AMR\n".to_vec();
    b.extend((0..len).map(|i| (i.wrapping_mul(40_503) >> 7) as u8));
    b
}

/// A file part of a multipart form: `bytes` named `name`, of type `mime`.
pub fn file_part(bytes: Vec<u8>, name: &str, mime: &str) -> reqwest::multipart::Part {
    reqwest::multipart::Part::bytes(bytes)
        .file_name(name.to_owned())
        .mime_str(mime)
        .expect("mime")
}

/// A submission as ODK Collect sends it: the instance (or an encrypted
/// one's manifest) as `xml_submission_file`, then each of `files`
/// (name, type, bytes) under its name.
pub fn collect_form(xml: &str, files: &[(&str, &str, &[u8])]) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new().part(
        "xml_submission_file",
        file_part(xml.as_bytes().to_vec(), "submission.xml", "text/xml"),
    );
    for (name, mime, bytes) in files {
        form = form.part(name.to_string(), file_part(bytes.to_vec(), name, mime));
    }
    form
}

/// Posts `form` to `/openrosa/submission` as Collect does: as `user`
/// (basic authentication), with `X-OpenRosa-Version`.
pub async fn send_submission(
    app: &TestApp,
    user: &str,
    password: &str,
    form: reqwest::multipart::Form,
) -> reqwest::Response {
    app.client
        .post(app.url("/openrosa/submission"))
        .basic_auth(user, Some(password))
        .header("X-OpenRosa-Version", "1.0")
        .multipart(form)
        .send()
        .await
        .expect("submission sent")
}

/// `bytes` in lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of `bytes`, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex(&sha2::Sha256::digest(bytes))
}

/// The kinds of the proposals made from the source `source_id`, in order.
pub async fn proposal_kinds(app: &TestApp, source_id: &str, token: &str) -> Vec<String> {
    let proposals: serde_json::Value = app
        .get_as(&format!("/api/v1/proposals?source={source_id}"), token)
        .await
        .json()
        .await
        .expect("json");
    proposals["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|p| p["kind"].as_str().map(str::to_owned))
        .collect()
}
