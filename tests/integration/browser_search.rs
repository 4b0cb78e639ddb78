//! The search page (docs/search.md) in headless Chromium, against the index the real
//! binary writes: a generated corpus of 200 stories built under a sub-path base URL
//! and served as static files, then typed into as a reader would. One Chromium
//! session runs every check in turn (results as you type, filters and their counts,
//! a search from the URL, the keyboard, the empty state, Unicode folding agreeing
//! with the index, the header's box, a phone-sized window, axe-core's audit), and
//! prints what a two-word query downloads and how long its first results take.
//! A second check runs the page under `smartpicks serve`.
//!
//! Where Chromium, chromedriver or axe-core (`npm ci --prefix tests/browser`) is
//! missing the test says so loudly and skips; under `CI=true` that is a failure.

use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::Client;
use fantoccini::key::Key;
use serde_json::{Value, json};

use axum::serve::ListenerExt;

use crate::browser::{browser, browser_available, eval, until};
use crate::corpus::{Corpus, Order};
use crate::harness::Site;
use crate::server::{Server, free_port};

/// The corpus size: 200, or `SMARTPICKS_SEARCH_STORIES` (bench/search.sh measures
/// the 10,000-story archive with it).
fn stories() -> usize {
    std::env::var("SMARTPICKS_SEARCH_STORIES")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(200)
}
const SEED: u64 = 2026;
/// The story the queries look for: its code name is in its title and unique to it.
const TARGET: usize = 150;
/// Generous: only a hang should ever reach it.
const WAIT: Duration = Duration::from_secs(15);
/// The most a two-word query may download, index and fragments (the script, the
/// same on every page and cached like the stylesheet, is printed apart).
const QUERY_BYTES: f64 = 150.0 * 1024.0;

/// A story outside the corpus whose title needs every folding rule to be found.
const UNICODE_STORY: &str = "---\n\
    title: \"Straße ΟΔΥΣΣΕΥΣ: Société ﬁlmée au 東京国際映画祭 et 한국영화\"\n\
    date: 2026-11-01\n\
    category: Festivals & Awards\n\
    parties: []\n\
    tags: [festivals]\n\
    ---\n\nA story written in several scripts.\n";

/// axe-core's source, or `None` (a loud skip) when it is not installed.
fn axe_source() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) => {
            let message = format!(
                "the search accessibility audit needs {} (npm ci --prefix tests/browser): {e}",
                path.display()
            );
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("{message}: missing under CI=true");
            }
            eprintln!("\n*** SKIPPED: {message} ***\n");
            None
        }
    }
}

/// A built site's folder served as static files under `/sub/`, as a host would
/// serve a site whose base URL has a sub-path. Stops when dropped.
struct StaticServer {
    port: u16,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StaticServer {
    /// Binds first, so the site can be built with the port in its base URL.
    fn bind() -> (std::net::TcpListener, u16) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        (listener, port)
    }

    /// Serves on a runtime of its own, as a real host answers whatever the test's
    /// runtime is doing: the latency measured is the page's, not the test's.
    fn start(listener: std::net::TcpListener, public: PathBuf) -> StaticServer {
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                // As `smartpicks serve` does, and static hosts: no Nagle delay.
                let listener = tokio::net::TcpListener::from_std(listener)
                    .unwrap()
                    .tap_io(|tcp| {
                        let _ = tcp.set_nodelay(true);
                    });
                let app = axum::Router::new()
                    .nest_service("/sub", tower_http::services::ServeDir::new(public));
                // Stopping drops the runtime and the connections Chromium keeps open.
                tokio::select! {
                    served = axum::serve(listener, app) => served.unwrap(),
                    _ = stopped => {}
                }
            });
        });
        StaticServer {
            port,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/sub{path}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A value of the story's front matter (`key: ...` on its own line).
fn front(text: &str, key: &str) -> String {
    let prefix = format!("{key}: ");
    let line = text.lines().find(|l| l.starts_with(&prefix)).unwrap();
    line[prefix.len()..].to_owned()
}

/// The story `i` of the corpus: its code name (lower case), title and category.
fn story(corpus: &Corpus, i: usize) -> (String, String, String) {
    let (path, text) = corpus.story(i);
    let code = path.rsplit('-').next().unwrap().trim_end_matches(".md");
    let unquote = |s: String| s.trim_matches('"').replace("\\\"", "\"");
    (
        code.to_owned(),
        unquote(front(&text, "title")),
        unquote(front(&text, "category")),
    )
}

/// How many stories of the corpus name `party` (written as itself, no alias).
fn stories_with_party(corpus: &Corpus, party: &str) -> usize {
    let quoted = format!("\"{party}\"");
    (0..corpus.stories)
        .filter(|&i| {
            let (_, text) = corpus.story(i);
            front(&text, "parties")
                .trim_matches(['[', ']'])
                .split(", ")
                .any(|p| p == quoted)
        })
        .count()
}

/// The corpus, one extra story, built with a sub-path base URL and served.
fn built_site() -> (Site, StaticServer, Corpus) {
    let site = Site::fixture("empty");
    let corpus = Corpus::new(stories(), SEED);
    corpus.write(site.root(), Order::Forward);
    site.write("content/2026/2026-11-01-unicode.md", UNICODE_STORY);
    let (listener, port) = StaticServer::bind();
    let base = format!("http://127.0.0.1:{port}/sub/");
    site.build(&["--base-url", &base]).ok();
    let server = StaticServer::start(listener, site.path("public"));
    (site, server, corpus)
}

async fn text(client: &Client, selector: &str) -> String {
    let expression = format!("document.querySelector({selector:?}).textContent");
    eval(client, &expression).await.as_str().unwrap().to_owned()
}

async fn titles(client: &Client) -> Vec<String> {
    let all = eval(
        client,
        "[...document.querySelectorAll('.search-result-title')].map(h => h.textContent)",
    )
    .await;
    serde_json::from_value(all).unwrap()
}

/// Waits for the page to have searched for `q` (its status names it).
async fn searched(client: &Client, q: &str) {
    let quoted = serde_json::to_string(&format!("“{q}”")).unwrap();
    until(
        client,
        &format!(
            "document.getElementById('search').dataset.state === 'done' && \
             document.getElementById('search-status').textContent.includes({quoted})"
        ),
        WAIT,
    )
    .await;
}

/// Empties the search box, focuses it and types `q` as keystrokes.
async fn type_query(client: &Client, q: &str) {
    client
        .execute(
            "const q = document.getElementById('search-q'); q.value = ''; q.focus();",
            vec![],
        )
        .await
        .unwrap();
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(q)
        .await
        .unwrap();
    searched(client, q).await;
}

async fn press(client: &Client, key: Key) {
    let element = client.active_element().await.unwrap();
    element.send_keys(&key.to_string()).await.unwrap();
}

/// Opens `url` and waits until the client has loaded its index (and searched, if
/// the URL asks it to).
async fn open(client: &Client, url: &str) {
    client.goto(url).await.unwrap();
    until(
        client,
        "['idle', 'done'].includes(document.getElementById('search')?.dataset.state)",
        WAIT,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_page_in_chromium() {
    if !browser_available() {
        return;
    }
    let Some(axe) = axe_source() else { return };
    let (site, server, corpus) = built_site();
    let profile = tempfile::tempdir().unwrap();
    let (_driver, client) = browser(profile.path()).await;

    // First, with an empty cache: what a typical query costs.
    measure_a_two_word_query(&client, &server).await;
    results_as_you_type(&client, &server, &corpus).await;
    filters_narrow_and_count(&client, &server, &corpus).await;
    the_url_is_the_search(&client, &server, &corpus).await;
    keyboard(&client, &server, &corpus).await;
    nothing_found(&client, &server).await;
    folding_agrees_with_the_index(&client, &server).await;
    header_box_searches(&client, &server, &corpus).await;
    phone_layout(&client, &server).await;
    accessibility(&client, &server, &axe).await;
    index_missing(&client, &server, &site).await;
    client.close().await.unwrap();
}

async fn measure_a_two_word_query(client: &Client, server: &StaticServer) {
    open(client, &server.url("/search/")).await;
    client
        .execute(
            "window.__times = { key: 0, shown: [] };\
             document.getElementById('search-q').addEventListener('input', () => __times.key = performance.now());\
             new MutationObserver(records => {\
               if (records.some(r => r.addedNodes.length)) __times.shown.push(performance.now());\
             }).observe(document.getElementById('search-results'), { childList: true });",
            vec![],
        )
        .await
        .unwrap();
    let q = "netflix licensing";
    type_query(client, q).await;
    let latency = eval(
        client,
        "__times.shown.find(t => t >= __times.key) - __times.key",
    )
    .await;
    let resources = eval(
        client,
        "performance.getEntriesByType('resource')\
           .filter(e => e.name.includes('/sub/search/') || e.name.endsWith('/sub/search.js'))\
           .map(e => [new URL(e.name).pathname, e.decodedBodySize, e.transferSize])",
    )
    .await;
    let resources: Vec<(String, f64, f64)> = serde_json::from_value(resources).unwrap();
    let index: Vec<&(String, f64, f64)> = resources
        .iter()
        .filter(|r| !r.0.ends_with("/search.js"))
        .collect();
    let total: f64 = index.iter().map(|r| r.1).sum();
    let transferred: f64 = index.iter().map(|r| r.2).sum();
    let group = |pattern: &str| -> (usize, f64) {
        let matching: Vec<_> = resources.iter().filter(|r| r.0.contains(pattern)).collect();
        (matching.len(), matching.iter().map(|r| r.1).sum())
    };
    eprintln!(
        "search, {} stories, query {q:?}: results: {}; first results {:.1} ms after the \
         last keystroke; the index downloaded {total} bytes ({transferred} transferred) in {} \
         files: manifest {:?}, facets {:?}, shards {:?}, fragments {:?} (files, bytes)",
        stories(),
        titles(client).await.len(),
        latency.as_f64().unwrap_or(f64::NAN),
        index.len(),
        group("manifest.json"),
        group("facets.txt"),
        group("/shards/"),
        group("/f/"),
    );
    eprintln!("search.js: {:?} (files, bytes)", group("search.js"));
    assert!(
        total <= QUERY_BYTES,
        "a two-word query downloaded {total} bytes: {resources:?}"
    );
}

async fn results_as_you_type(client: &Client, server: &StaticServer, corpus: &Corpus) {
    let (code, title, _) = story(corpus, TARGET);
    open(client, &server.url("/search/")).await;
    type_query(client, &code).await;
    let shown = titles(client).await;
    assert_eq!(shown.first(), Some(&title), "{code}: {shown:?}");
    // The code is highlighted in the headline, and the page's URL carries the query.
    let marked = eval(
        client,
        "[...document.querySelectorAll('.search-result-title mark')].map(m => m.textContent.toLowerCase())",
    )
    .await;
    assert!(
        marked.as_array().unwrap().contains(&json!(code)),
        "{marked}"
    );
    let search = eval(client, "location.search").await;
    assert_eq!(search, json!(format!("?q={code}")));

    // The word being typed matches as a prefix: all but the last letter still
    // finds the story.
    let prefix = &code[..code.len() - 1];
    type_query(client, prefix).await;
    assert!(titles(client).await.contains(&title), "{prefix}");

    // "More results" shows the next ten and moves the focus to the first of them.
    type_query(client, "netflix").await;
    assert_eq!(titles(client).await.len(), 10);
    client
        .find(fantoccini::Locator::Id("search-more"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until(
        client,
        "document.querySelectorAll('.search-result').length > 10",
        WAIT,
    )
    .await;
    let focused = eval(
        client,
        "document.activeElement === document.querySelectorAll('.search-result-title a')[10]",
    )
    .await;
    assert_eq!(focused, json!(true));
}

/// The number in an option's label, "Studios & Deals (12)".
fn count_of(label: &str) -> usize {
    let open = label.rfind('(').unwrap();
    label[open + 1..label.len() - 1].parse().unwrap()
}

async fn filters_narrow_and_count(client: &Client, server: &StaticServer, corpus: &Corpus) {
    open(client, &server.url("/search/")).await;
    type_query(client, "netflix").await;
    let status = text(client, "#search-status").await;
    let all: usize = status.split(' ').next().unwrap().parse().unwrap();
    let options = eval(
        client,
        "[...document.getElementById('search-category').options].slice(1).map(o => [o.value, o.text])",
    )
    .await;
    let options: Vec<(String, String)> = serde_json::from_value(options).unwrap();
    let sum: usize = options.iter().map(|(_, label)| count_of(label)).sum();
    assert_eq!(sum, all, "every result has one category: {options:?}");
    let (category, label) = options
        .iter()
        .find(|(_, label)| count_of(label) < all)
        .expect("results in two categories at least");
    let expected = count_of(label);
    let select = client
        .find(fantoccini::Locator::Id("search-category"))
        .await
        .unwrap();
    select.select_by_value(category).await.unwrap();
    let wanted = format!("{expected} result");
    until(
        client,
        &format!(
            "document.getElementById('search-status').textContent.startsWith({:?}) && \
             document.getElementById('search').dataset.state === 'done'",
            wanted
        ),
        WAIT,
    )
    .await;
    let status = text(client, "#search-status").await;
    assert!(status.ends_with(&format!(" in {category}")), "{status}");
    let kickers = eval(
        client,
        "[...document.querySelectorAll('.search-result .kicker')].map(k => k.textContent)",
    )
    .await;
    let kickers: Vec<String> = serde_json::from_value(kickers).unwrap();
    assert_eq!(kickers.len(), expected.min(10));
    assert!(kickers.iter().all(|k| k == category), "{kickers:?}");
    let search = eval(
        client,
        "new URLSearchParams(location.search).get('category')",
    )
    .await;
    assert_eq!(search, json!(category));
    // The categories' own counts leave their own filter out: the others can still
    // be chosen, with the numbers they had.
    let after = eval(
        client,
        "[...document.getElementById('search-category').options].slice(1).map(o => [o.value, o.text])",
    )
    .await;
    let after: Vec<(String, String)> = serde_json::from_value(after).unwrap();
    assert_eq!(after, options);

    // A filter without a query lists the stories carrying it, newest first; the
    // count is the corpus's own.
    open(client, &server.url("/search/?party=Netflix")).await;
    let expected = stories_with_party(corpus, "Netflix");
    let status = text(client, "#search-status").await;
    assert_eq!(status, format!("{expected} stories in Netflix"));
    let dates = eval(
        client,
        "[...document.querySelectorAll('.search-result time')].map(t => t.dateTime)",
    )
    .await;
    let dates: Vec<String> = serde_json::from_value(dates).unwrap();
    assert_eq!(dates.len(), 10);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
}

async fn the_url_is_the_search(client: &Client, server: &StaticServer, corpus: &Corpus) {
    let (code, title, category) = story(corpus, TARGET);
    let query = format!(
        "/search/?q={code}&category={}",
        category.replace('&', "%26").replace(' ', "+")
    );
    open(client, &server.url(&query)).await;
    searched(client, &code).await;
    assert_eq!(titles(client).await.first(), Some(&title));
    let values = eval(
        client,
        "[document.getElementById('search-q').value, document.getElementById('search-category').value]",
    )
    .await;
    assert_eq!(values, json!([code, category]));
}

async fn keyboard(client: &Client, server: &StaticServer, corpus: &Corpus) {
    let (code, _, _) = story(corpus, TARGET);
    open(client, &server.url("/search/")).await;
    type_query(client, "netflix").await;
    let links = "[...document.querySelectorAll('.search-result-title a')]";
    let focused = format!("{links}.indexOf(document.activeElement)");
    press(client, Key::Down).await;
    assert_eq!(eval(client, &focused).await, json!(0));
    press(client, Key::Down).await;
    assert_eq!(eval(client, &focused).await, json!(1));
    press(client, Key::Up).await;
    press(client, Key::Up).await;
    let in_box = "document.activeElement.id === 'search-q'";
    assert_eq!(eval(client, in_box).await, json!(true));
    // Escape in a result returns to the box; in the box it clears the query.
    press(client, Key::Down).await;
    press(client, Key::Escape).await;
    assert_eq!(eval(client, in_box).await, json!(true));
    press(client, Key::Escape).await;
    until(
        client,
        "document.getElementById('search-q').value === '' && \
         document.querySelectorAll('.search-result').length === 0 && location.search === ''",
        WAIT,
    )
    .await;

    // ArrowDown and Enter open the first result.
    type_query(client, &code).await;
    let href = eval(client, &format!("{links}[0].href")).await;
    press(client, Key::Down).await;
    press(client, Key::Enter).await;
    until(client, &format!("location.href === {href}"), WAIT).await;
}

async fn nothing_found(client: &Client, server: &StaticServer) {
    open(client, &server.url("/search/")).await;
    type_query(client, "zzqxjv").await;
    assert_eq!(
        text(client, "#search-status").await,
        "0 results for “zzqxjv”"
    );
    let empty = eval(
        client,
        "(() => { const e = document.getElementById('search-empty');\
           return [e.hidden, e.innerText, [...e.querySelectorAll('a')].map(a => new URL(a.href).pathname)]; })()",
    )
    .await;
    assert_eq!(empty[0], json!(false), "{empty}");
    assert!(
        empty[1]
            .as_str()
            .unwrap()
            .contains("Nothing matches “zzqxjv”"),
        "{empty}"
    );
    assert_eq!(empty[2], json!(["/sub/categories/", "/sub/parties/"]));
}

async fn folding_agrees_with_the_index(client: &Client, server: &StaticServer) {
    open(client, &server.url("/search/")).await;
    // Each is written differently from the headline, which only folding reconciles:
    // ß, final and capital sigma, accents, the ﬁ ligature, full-width letters,
    // Han bigrams, Hangul syllables.
    for q in [
        "strasse",
        "οδυσσευς",
        "ΟΔΥΣΣΕΥΣ",
        "societe filmee",
        "ＦＩＬＭÉＥ",
        "映画祭",
        "한국",
    ] {
        type_query(client, q).await;
        let first = titles(client).await.into_iter().next().unwrap_or_default();
        assert!(first.starts_with("Straße ΟΔΥΣΣΕΥΣ"), "{q}: {first:?}");
    }
}

async fn header_box_searches(client: &Client, server: &StaticServer, corpus: &Corpus) {
    let (code, title, _) = story(corpus, TARGET);
    client.goto(&server.url("/")).await.unwrap();
    let input = client
        .find(fantoccini::Locator::Id("site-search-q"))
        .await
        .unwrap();
    input
        .send_keys(&format!("{code}{}", Key::Enter))
        .await
        .unwrap();
    until(client, "location.pathname === '/sub/search/'", WAIT).await;
    searched(client, &code).await;
    assert_eq!(titles(client).await.first(), Some(&title));
}

async fn phone_layout(client: &Client, server: &StaticServer) {
    client.set_window_size(390, 844).await.unwrap();
    let overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth";
    for path in ["/", "/search/?q=netflix&category=Studios+%26+Deals"] {
        client.goto(&server.url(path)).await.unwrap();
        until(client, "document.readyState === 'complete'", WAIT).await;
        if path != "/" {
            searched(client, "netflix").await;
        }
        let sideways = eval(client, overflow).await;
        assert!(
            sideways.as_i64().unwrap() <= 0,
            "{path}: {sideways} px sideways"
        );
    }
    client.set_window_size(1280, 900).await.unwrap();
}

async fn accessibility(client: &Client, server: &StaticServer, axe: &str) {
    for path in ["/search/?q=netflix&year=2024", "/search/?q=zzqxjv", "/"] {
        client.goto(&server.url(path)).await.unwrap();
        until(client, "document.readyState === 'complete'", WAIT).await;
        if path != "/" {
            until(
                client,
                "document.getElementById('search').dataset.state === 'done'",
                WAIT,
            )
            .await;
        }
        client.execute(axe, vec![]).await.unwrap();
        let violations = client
            .execute(
                "return axe.run().then(r => r.violations.map(v => ({ id: v.id, help: v.help,\
                   nodes: v.nodes.map(n => n.html + ': ' + n.failureSummary) })));",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            violations,
            Value::Array(vec![]),
            "axe-core on {path}:\n{}",
            serde_json::to_string_pretty(&violations).unwrap()
        );
    }
}

/// Without its index the page says search is unavailable instead of failing
/// silently.
async fn index_missing(client: &Client, server: &StaticServer, site: &Site) {
    std::fs::remove_file(site.path("public/search/manifest.json")).unwrap();
    client
        .goto(&server.url("/search/?q=netflix"))
        .await
        .unwrap();
    until(
        client,
        "document.getElementById('search').dataset.state === 'error'",
        WAIT,
    )
    .await;
    let status = text(client, "#search-status").await;
    assert!(status.starts_with("Search is unavailable"), "{status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_page_under_smartpicks_serve() {
    if !browser_available() {
        return;
    }
    let site = Site::fixture("basic");
    let server = Server::start(&site, free_port());
    let profile = tempfile::tempdir().unwrap();
    let (_driver, client) = browser(profile.path()).await;
    open(&client, &server.url("/search/?q=societe")).await;
    searched(&client, "societe").await;
    let shown = titles(&client).await;
    assert_eq!(
        shown.first().map(String::as_str),
        Some("Société Générale studies AI budgets"),
        "{shown:?}"
    );
    client.close().await.unwrap();
}
