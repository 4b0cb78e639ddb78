//! The search page (docs/search.md) in headless Chromium, against the index the real
//! binary writes: a generated corpus of 200 stories built under a sub-path base URL
//! and served as static files, then typed into as a reader would. One Chromium
//! session runs every check in turn (results as you type, filters and their counts,
//! a search from the URL, the keyboard, the empty state, Unicode folding agreeing
//! with the index, the header's box, a phone-sized window, axe-core's audit), and
//! prints what a two-word query downloads and how long its first results take.
//! A second check runs the page under `smartpicks serve`.
//!
//! Where Chromium or chromedriver is missing the test says so loudly and skips;
//! without axe-core (`npm ci --prefix tests/browser`) only the audit is skipped,
//! as loudly. Under `CI=true` either is a failure.

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

mod checks;
pub(crate) mod page;

use checks::*;
use page::*;

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
pub(crate) fn axe_source() -> Option<String> {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_page_in_chromium() {
    if !browser_available() {
        return;
    }
    // Without axe-core only its audit is skipped (loudly; under CI it fails).
    let axe = axe_source();
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
    if let Some(axe) = &axe {
        accessibility(&client, &server, axe).await;
    }
    index_missing(&client, &server, &site).await;
    client.close().await.unwrap();
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

/// axe-core's audit of the page as it is now: no violations (`what` names the page
/// in the failure).
pub(crate) async fn audit(client: &Client, axe: &str, what: &str) {
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
        "axe-core on {what}:\n{}",
        serde_json::to_string_pretty(&violations).unwrap()
    );
}
