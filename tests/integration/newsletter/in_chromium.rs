//! The HTML edition in headless Chromium, under `smartpicks serve` (whose absolute
//! URLs point at the preview, so its images load): at 600 px, a desktop mail
//! client's reading pane, and at 375 px, a phone. Nothing overflows sideways, the
//! 600 px table fills the pane, every image loads at its width, the preheader stays
//! hidden. The 600 px screenshot is written to `target/screenshots/` (README,
//! "Tests"), beside anything else the tests photograph.
//!
//! Where Chromium or chromedriver is missing the test says so loudly and skips;
//! under `CI=true` a missing browser is a failure.

use std::path::PathBuf;
use std::time::Duration;

use fantoccini::Client;
use serde_json::Value;

use super::crowded::{Values, write_week};
use crate::browser::{browser, browser_available, eval, until};
use crate::harness::Site;
use crate::server::{Server, free_port};

/// Where the tests' screenshots go: `screenshots/` in cargo's target folder.
fn screenshots() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    target.join("screenshots")
}

/// Resizes the window so the page's viewport is `width` × `height` CSS pixels.
async fn viewport(client: &Client, width: i64, height: i64) {
    client
        .set_window_size(width as u32, height as u32)
        .await
        .unwrap();
    let inner = eval(client, "[window.innerWidth, window.innerHeight]").await;
    let (w, h) = (inner[0].as_i64().unwrap(), inner[1].as_i64().unwrap());
    let (w, h) = (2 * width - w, 2 * height - h);
    client.set_window_size(w as u32, h as u32).await.unwrap();
}

async fn overflow(client: &Client) -> i64 {
    eval(
        client,
        "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    )
    .await
    .as_i64()
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_email_edition_at_600_px_and_on_a_phone() {
    if !browser_available() {
        return;
    }
    let site = Site::fixture("empty");
    write_week(&site, 14, Values::Plain);
    let server = Server::start(&site, free_port());
    let profile = tempfile::tempdir().unwrap();
    let (_driver, client) = browser(profile.path()).await;
    viewport(&client, 600, 900).await;
    client
        .goto(&server.url("/digest/2026-w27/email.html"))
        .await
        .unwrap();
    let loaded =
        "document.readyState === 'complete' && [...document.images].every(i => i.complete)";
    until(&client, loaded, Duration::from_secs(15)).await;

    assert_eq!(eval(&client, "window.innerWidth").await, Value::from(600));
    assert!(overflow(&client).await <= 0, "overflows at 600 px");
    let table = eval(
        &client,
        "document.querySelector('table[width=\"600\"]').getBoundingClientRect().width",
    )
    .await;
    let table = table.as_f64().unwrap();
    assert!((560.0..=600.0).contains(&table), "the table is {table} px");
    let images = eval(
        &client,
        "[...document.images].map(i => [i.naturalWidth, i.getBoundingClientRect().width, +i.getAttribute('width')])",
    )
    .await;
    let images = images.as_array().unwrap();
    assert_eq!(images.len(), 2, "the logo and the pick's image: {images:?}");
    for image in images {
        assert!(image[0].as_f64().unwrap() > 0.0, "not loaded: {image:?}");
        assert!(
            image[1].as_f64().unwrap() <= image[2].as_f64().unwrap(),
            "wider than its width attribute: {image:?}"
        );
    }
    let preheader = "document.body.firstElementChild.getBoundingClientRect().height";
    assert_eq!(eval(&client, preheader).await.as_f64(), Some(0.0));
    let view = "[...document.links].some(a => a.textContent.includes('View in browser') \
                && a.getBoundingClientRect().height > 0)";
    assert_eq!(eval(&client, view).await, Value::Bool(true));

    let height = eval(&client, "document.documentElement.scrollHeight").await;
    viewport(&client, 600, height.as_i64().unwrap()).await;
    let png = client.screenshot().await.unwrap();
    std::fs::create_dir_all(screenshots()).unwrap();
    let path = screenshots().join("newsletter-email-600.png");
    std::fs::write(&path, &png).unwrap();
    eprintln!("screenshot: {}", path.display());

    viewport(&client, 375, 800).await;
    assert!(overflow(&client).await <= 0, "overflows on a phone");
    client.close().await.unwrap();
}
