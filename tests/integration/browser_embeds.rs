//! Video embeds in headless Chromium, on a site built under a sub-path and served as
//! static files: before a click the page asks nothing of any other server; a click,
//! or Enter on the focused control, puts the player's iframe (youtube-nocookie.com,
//! Vimeo with `dnt=1`) in its place and moves focus to it; markup the script did not
//! get from the build is left a link; axe-core finds nothing to fix.
//!
//! Where Chromium or chromedriver is missing the test says so loudly and skips, and
//! without axe-core only the audit is skipped; under `CI=true` either is a failure.
//! The test machine has no network, so the players never load: only where their
//! iframes point is checked.

use std::time::Duration;

use fantoccini::Client;
use fantoccini::key::Key;
use serde_json::{Value, json};

use crate::browser::{browser, browser_available, eval, until};
use crate::browser_search::page::StaticServer;
use crate::browser_search::{audit, axe_source};
use crate::harness::Site;

const PAGE: &str = "/2026/07/06/trailer-day/";
/// Generous: only a hang should ever reach it.
const WAIT: Duration = Duration::from_secs(15);

const STORY: &str = "---\ntitle: Trailer day\ndate: 2026-07-06\ncategory: AI Technology\nparties: []\n---\n\n\
    The studio released the first trailer.\n\n\
    https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=90\n\n\
    ```embed\n\
    https://vimeo.com/76979871/8a3b2c1d0e\n\
    title: The making-of\n\
    caption: Behind the scenes, *in full*.\n\
    poster: /images/making-of.png\n\
    start: 1:05\n\
    ```\n";

/// A one-pixel PNG: the poster.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x60, 0x60, 0xF8,
    0x0F, 0x00, 0x01, 0x04, 0x01, 0x00, 0x5F, 0xE5, 0xC3, 0x4B, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn built_site() -> (Site, StaticServer) {
    let site = Site::fixture("basic");
    site.write("static/images/making-of.png", PNG);
    site.write("content/2026/trailer.md", STORY);
    let (listener, port) = StaticServer::bind();
    site.build(&["--base-url", &format!("http://127.0.0.1:{port}/sub/")])
        .ok();
    let server = StaticServer::start(listener, site.path("public"));
    (site, server)
}

/// Every URL the page has requested or points an element at, that is not on the
/// page's own server.
async fn elsewhere(client: &Client) -> Value {
    eval(
        client,
        "[...performance.getEntriesByType('resource').map(e => e.name),\
          ...[...document.querySelectorAll('[src]')].map(e => e.src)]\
         .filter(u => new URL(u, location.href).origin !== location.origin)",
    )
    .await
}

/// The URL of the iframe in the `n`th embed, once there is one.
async fn player(client: &Client, n: usize) -> serde_json::Map<String, Value> {
    let frame = format!("document.querySelectorAll('figure.embed')[{n}].querySelector('iframe')");
    until(client, &format!("{frame} !== null"), WAIT).await;
    let described = eval(
        client,
        &format!(
            "(() => {{ const f = {frame}; const u = new URL(f.src); return {{\
               host: u.host, path: u.pathname, query: Object.fromEntries(u.searchParams),\
               hash: u.hash, title: f.title, allow: f.allow,\
               fullscreen: f.allowFullscreen, referrer: f.referrerPolicy,\
               focused: document.activeElement === f,\
               ratio: Math.round(f.getBoundingClientRect().width / f.getBoundingClientRect().height * 100) }}; }})()"
        ),
    )
    .await;
    let Value::Object(map) = described else {
        panic!("{described}")
    };
    map
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embeds_play_only_when_asked_in_chromium() {
    if !browser_available() {
        return;
    }
    let axe = axe_source();
    let (_site, server) = built_site();
    let profile = tempfile::tempdir().unwrap();
    let (_driver, client) = browser(profile.path()).await;
    client.goto(&server.url(PAGE)).await.unwrap();
    until(&client, "document.readyState === 'complete'", WAIT).await;
    until(
        &client,
        "document.querySelectorAll('figure.embed > button.embed-link').length === 2",
        WAIT,
    )
    .await;

    // 1. Before anything is pressed: nothing from anyone else, no player, the poster
    //    from the site, and controls named for what they do.
    assert_eq!(elsewhere(&client).await, json!([]));
    assert_eq!(
        eval(&client, "document.querySelectorAll('iframe').length").await,
        json!(0)
    );
    assert_eq!(
        eval(
            &client,
            "document.querySelector('figure.embed img').getAttribute('src')"
        )
        .await,
        json!("/sub/images/making-of.png")
    );
    assert_eq!(
        eval(
            &client,
            "[...document.querySelectorAll('button.embed-link')].map(b => b.getAttribute('aria-label'))"
        )
        .await,
        json!([
            "Play video: YouTube video, loads from YouTube",
            "Play video: The making-of, loads from Vimeo"
        ])
    );
    if let Some(axe) = &axe {
        audit(&client, axe, "the article with embeds").await;
    }

    // 2. A click plays the YouTube video from youtube-nocookie.com, where it starts.
    client
        .find(fantoccini::Locator::Css("figure.embed button.embed-link"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let youtube = player(&client, 0).await;
    assert_eq!(youtube["host"], json!("www.youtube-nocookie.com"));
    assert_eq!(youtube["path"], json!("/embed/aqz-KE-bpKQ"));
    assert_eq!(youtube["query"], json!({"autoplay": "1", "start": "90"}));
    assert_eq!(
        youtube["title"],
        json!("YouTube video (YouTube video player)")
    );
    assert_eq!(
        youtube["allow"],
        json!("autoplay; encrypted-media; picture-in-picture; fullscreen")
    );
    assert_eq!(youtube["fullscreen"], json!(true));
    assert_eq!(
        youtube["referrer"],
        json!("strict-origin-when-cross-origin")
    );
    assert_eq!(youtube["focused"], json!(true), "focus moves to the player");
    assert_eq!(youtube["ratio"], json!(178), "16:9");

    // 3. Enter on the focused control plays the Vimeo video, with dnt=1.
    client
        .execute(
            "document.querySelectorAll('figure.embed button.embed-link')[0].focus();",
            vec![],
        )
        .await
        .unwrap();
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(&Key::Enter.to_string())
        .await
        .unwrap();
    let vimeo = player(&client, 1).await;
    assert_eq!(vimeo["host"], json!("player.vimeo.com"));
    assert_eq!(vimeo["path"], json!("/video/76979871"));
    assert_eq!(
        vimeo["query"],
        json!({"dnt": "1", "autoplay": "1", "h": "8a3b2c1d0e"})
    );
    assert_eq!(vimeo["hash"], json!("#t=65s"));
    assert_eq!(vimeo["title"], json!("The making-of (Vimeo video player)"));
    assert_eq!(vimeo["focused"], json!(true));

    // 4. Markup the build did not make stays a link, whatever it claims.
    forged_markup_stays_a_link(&client).await;
    client.close().await.unwrap();
}

/// Figures added to the page with ids or start times that do not check are left
/// alone when the script runs again.
async fn forged_markup_stays_a_link(client: &Client) {
    client
        .execute(
            "for (const [embed, start] of [['youtube:aqz-KE-bpK\"', null], \
               ['youtube:aqz-KE-bpKQ', '1&autoplay=0'], ['evil:aqz-KE-bpKQ', null], \
               ['youtube:aqz-KE-bpKQ:x', null], ['vimeo:javascript', null]]) {\
               const f = document.createElement('figure'); f.className = 'embed forged';\
               f.dataset.embed = embed; if (start) f.dataset.embedStart = start;\
               f.innerHTML = '<a class=\"embed-link\" href=\"#x\">forged</a>';\
               document.querySelector('.article-body').append(f); }\
             const s = document.createElement('script');\
             s.src = document.querySelector('script[src$=\"embed.js\"]').src + '?again';\
             s.onload = () => { window.__again = true; }; document.body.append(s);",
            vec![],
        )
        .await
        .unwrap();
    until(client, "window.__again === true", WAIT).await;
    assert_eq!(
        eval(
            client,
            "[...document.querySelectorAll('figure.forged')].map(f => f.firstElementChild.tagName)"
        )
        .await,
        json!(["A", "A", "A", "A", "A"])
    );
}
