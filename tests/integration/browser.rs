//! Real-browser tests in headless Chromium, driven over WebDriver (chromedriver):
//! live reload on a Markdown edit, the error overlay and its recovery, stylesheet
//! swaps without a reload, and the article layout on a phone-sized screen.
//!
//! Where Chromium or chromedriver is missing the test says so loudly and skips;
//! under `CI=true` a missing browser is a failure (`.ci/run` installs it).

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::error::NewSessionError;
use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

use crate::harness::Site;
use crate::server::{Server, free_port};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const ARTICLE: &str = "/2026/07/05/google-deepmind-and-a24-announce-a-research-partnership/";
const STORY: &str = "content/2026/2026-07-05-deepmind-a24.md";

/// chromedriver and its Chromium, stopped when dropped.
pub(crate) struct Driver(Child);

impl Drop for Driver {
    /// Stops chromedriver and the Chromium it started (its own process group), also
    /// when a test fails half-way.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.0.id())])
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Whether the browser is here; panics under CI when it is not.
pub(crate) fn browser_available() -> bool {
    let found = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if !found {
        let message = format!(
            "browser tests need {CHROMIUM} and {CHROMEDRIVER} (apt-get install -y chromium chromium-driver)"
        );
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{message}: missing under CI=true");
        }
        eprintln!("\n*** SKIPPED: {message} ***\n");
    }
    found
}

/// A Chromium session driven through a chromedriver of its own.
pub(crate) async fn browser(profile: &Path) -> (Driver, Client) {
    browser_with(profile, &[]).await
}

/// [`browser`] with more Chromium switches (`--force-device-scale-factor=2`, ...).
pub(crate) async fn browser_with(profile: &Path, switches: &[&str]) -> (Driver, Client) {
    let port = free_port();
    let driver = Driver(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut args = vec![
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--no-first-run".to_owned(),
        "--window-size=1280,900".to_owned(),
        format!("--user-data-dir={}", profile.display()),
    ];
    args.extend(switches.iter().map(|s| s.to_string()));
    let capabilities = json!({
        "goog:chromeOptions": { "binary": CHROMIUM, "args": args }
    });
    let Value::Object(capabilities) = capabilities else {
        unreachable!()
    };
    // Chromium now and then dies while it starts on a loaded machine, and
    // chromedriver refuses the session ("DevToolsActivePort file doesn't exist"):
    // the session is asked for again, twice at most. Only starting is retried,
    // never anything a test asserts.
    let mut refused = 0;
    let client = loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let session = ClientBuilder::new(connector)
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        match session {
            Ok(client) => break client,
            Err(NewSessionError::SessionNotCreated(e)) if refused < 2 => {
                refused += 1;
                eprintln!("Chromium did not start ({e}); asking again");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(e) => panic!("a Chromium session: {e:?}"),
        }
    };
    (driver, client)
}

/// Evaluates `expression` until it is `true`; returns how long that took.
pub(crate) async fn until(client: &Client, expression: &str, timeout: Duration) -> Duration {
    let started = Instant::now();
    loop {
        let value = client
            .execute(&format!("return !!({expression});"), vec![])
            .await;
        if let Ok(Value::Bool(true)) = value {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < timeout,
            "not true within {timeout:?}: {expression}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// The value of a JavaScript expression in the page.
pub(crate) async fn eval(client: &Client, expression: &str) -> Value {
    client
        .execute(&format!("return ({expression});"), vec![])
        .await
        .expect("script runs")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_reload_overlay_and_stylesheet_swap_in_chromium() {
    if !browser_available() {
        return;
    }
    let site = Site::fixture("basic");
    let server = Server::start(&site, free_port());
    let profile = tempfile::tempdir().unwrap();
    let (_driver, client) = browser(profile.path()).await;
    client.goto(&server.url(ARTICLE)).await.unwrap();
    until(
        &client,
        "document.readyState === 'complete'",
        Duration::from_secs(10),
    )
    .await;
    // Give the EventSource a moment to connect before the first save.
    let connected = "document.documentElement.dataset.smartpicksLive === 'connected'";
    until(&client, connected, Duration::from_secs(5)).await;

    // 1. A Markdown edit shows up by itself, well within two seconds.
    client
        .execute("window.__marker = 'before';", vec![])
        .await
        .unwrap();
    let text = std::fs::read_to_string(site.path(STORY)).unwrap();
    site.write(
        STORY,
        text.replace(
            "DeepMind researchers will work",
            "EDITED IN BROWSER researchers will work",
        ),
    );
    let took = until(
        &client,
        "document.body.innerText.includes('EDITED IN BROWSER')",
        Duration::from_secs(2),
    )
    .await;
    eprintln!("edit visible after {took:?}");
    assert_eq!(
        eval(&client, "window.__marker === undefined").await,
        Value::Bool(true),
        "the page reloaded itself"
    );

    // 2. Broken front-matter: an overlay names the file, line and problem.
    let edited = std::fs::read_to_string(site.path(STORY)).unwrap();
    site.write(
        STORY,
        edited.replace("category: AI Technology", "category: AI Tech"),
    );
    until(
        &client,
        "document.getElementById('smartpicks-error-overlay') !== null",
        Duration::from_secs(3),
    )
    .await;
    let overlay = eval(
        &client,
        "document.getElementById('smartpicks-error-overlay').innerText",
    )
    .await;
    let overlay = overlay.as_str().unwrap();
    assert!(
        overlay.contains(
            "content/2026/2026-07-05-deepmind-a24.md:4: category: unknown category \"AI Tech\""
        ),
        "{overlay}"
    );
    // The last good page is still there under the overlay.
    assert!(
        eval(
            &client,
            "document.body.innerText.includes('EDITED IN BROWSER')"
        )
        .await
        .as_bool()
        .unwrap()
    );

    // 3. Fixing it removes the overlay and reloads.
    site.write(STORY, &edited);
    until(&client, "document.getElementById('smartpicks-error-overlay') === null && document.readyState === 'complete'", Duration::from_secs(3)).await;
    until(
        &client,
        "document.body.innerText.includes('EDITED IN BROWSER')",
        Duration::from_secs(2),
    )
    .await;
    until(&client, connected, Duration::from_secs(5)).await;

    // 4. A stylesheet change applies without a reload.
    client
        .execute("window.__marker = 'kept';", vec![])
        .await
        .unwrap();
    let css = std::fs::read_to_string(site.path("themes/smartpicks/static/style.css")).unwrap();
    site.write(
        "themes/smartpicks/static/style.css",
        format!("{css}\nbody {{ background-color: rgb(1, 2, 3) !important; }}\n"),
    );
    until(
        &client,
        "getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'",
        Duration::from_secs(2),
    )
    .await;
    assert_eq!(
        eval(&client, "window.__marker").await,
        json!("kept"),
        "the stylesheet was swapped in place"
    );

    // 5. Layout: on a phone-sized window nothing overflows sideways, and the page
    //    keeps the brief's anatomy in order.
    client.set_window_size(390, 844).await.unwrap();
    client.goto(&server.url(ARTICLE)).await.unwrap();
    until(
        &client,
        "document.readyState === 'complete'",
        Duration::from_secs(5),
    )
    .await;
    let overflow = eval(
        &client,
        "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    )
    .await;
    assert!(
        overflow.as_i64().unwrap() <= 0,
        "horizontal overflow of {overflow} px"
    );
    let order = eval(
        &client,
        "['.story-header .kicker', 'h1', '.story-header .dek', '.article-body', 'section.parties', 'a.source-link', '.related']\
         .map(s => document.querySelector(s).getBoundingClientRect().top)",
    )
    .await;
    let tops: Vec<f64> = order
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert!(
        tops.windows(2).all(|w| w[0] < w[1]),
        "anatomy out of order: {tops:?}"
    );
    client.close().await.unwrap();
}
