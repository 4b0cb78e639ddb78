//! Story pictures in headless Chromium at a phone's width (375 CSS pixels), at one
//! and at two device pixels per CSS pixel: the browser picks the narrow WebP
//! variants from the `srcset`s, and the whole article, scrolled to its end so every
//! lazy picture loads, downloads at most 150 KB of images (issue 12's budget; at
//! three device pixels it does not, see docs/benchmarks.md, "Media"). axe-core finds nothing to fix on it. The site is
//! built under a sub-path, as the static server serves it.
//!
//! Skips loudly without Chromium or chromedriver; under `CI=true` that is a failure.

use std::time::Duration;

use serde_json::{Value, json};

use crate::browser::{browser_available, browser_with, eval, until};
use crate::browser_search::page::StaticServer;
use crate::browser_search::{audit, axe_source};
use crate::harness::Site;
use crate::images::variant_of;

const PAGE: &str = "/2026/07/06/on-set/";
/// Generous: only a hang should ever reach it.
const WAIT: Duration = Duration::from_secs(15);
/// Issue 12: an article page at 375 px downloads at most this much of pictures.
const BUDGET: u64 = 150 * 1024;

const STORY: &str = "---\ntitle: On set\ndate: 2026-07-06\ncategory: AI Technology\nparties: []\n\
    image: /photos/lead.jpg\nimage_alt: The stage before the shoot\n---\n\n\
    The crew spent the morning on the stage.\n\n\
    ![The camera crane](/photos/crane.jpg)\n\n\
    Then the light changed.\n\n\
    ![The monitors](/photos/monitors.jpg)\n";

/// A JPEG that compresses like a photograph or worse: smooth gradients under
/// grain (a fixed pseudo-random noise, ±24 levels), which no encoder can drop.
fn photo(width: u32, height: u32) -> Vec<u8> {
    use image::ImageEncoder;
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let grain = (state % 49) as i32 - 24;
        let level = |v: u32| (v as i32 + grain).clamp(0, 255) as u8;
        image::Rgb([
            level(x * 255 / width),
            level(y * 255 / height),
            level((x + y) * 128 / (width + height) + 64),
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(&img, width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_article_at_375_px_downloads_the_narrow_variants_within_budget() {
    if !browser_available() {
        return;
    }
    let axe = axe_source();
    let site = Site::fixture("basic");
    for name in ["lead", "crane", "monitors"] {
        site.write(&format!("static/photos/{name}.jpg"), photo(2000, 1300));
    }
    site.write("content/2026/on-set.md", STORY);
    let (listener, port) = StaticServer::bind();
    site.build(&["--base-url", &format!("http://127.0.0.1:{port}/sub/")])
        .ok();
    let server = StaticServer::start(listener, site.path("public"));
    // A phone of one and of two device pixels per CSS pixel: at 375 CSS px the
    // browser takes the 480 px and then the 800 px WebP of each picture.
    for (scale, variant) in [(1, 480), (2, 800)] {
        let profile = tempfile::tempdir().unwrap();
        let switch = format!("--force-device-scale-factor={scale}");
        let (_driver, client) = browser_with(profile.path(), &[&switch]).await;
        client.set_window_size(375, 812).await.unwrap();
        client.goto(&server.url(PAGE)).await.unwrap();
        until(&client, "document.readyState === 'complete'", WAIT).await;
        assert_eq!(eval(&client, "window.innerWidth").await, json!(375));
        assert_eq!(eval(&client, "window.devicePixelRatio").await, json!(scale));
        let (chosen, total) = pictures_downloaded(&client).await;
        let named: Vec<_> = (chosen.as_array().unwrap().iter())
            .map(|url| variant_of(url.as_str().unwrap()))
            .collect();
        let expected: Vec<_> = ["lead", "crane", "monitors"]
            .map(|name| Some((name, variant, "webp")))
            .into();
        assert_eq!(named, expected, "device pixel ratio {scale}: {chosen}");
        assert!(
            total <= BUDGET,
            "{total} bytes of pictures at 375 px ({chosen}, device pixel ratio {scale})"
        );
        println!("pictures at 375 px, device pixel ratio {scale}: {total} bytes ({chosen})");
        if let Some(axe) = axe.as_ref().filter(|_| scale == 1) {
            audit(&client, axe, "the article with pictures").await;
        }
    }
}

/// Every picture of the page loaded (the lazy ones scrolled into view): the file
/// each article picture shows, and the bytes of all the pictures downloaded.
async fn pictures_downloaded(client: &fantoccini::Client) -> (Value, u64) {
    eval(
        client,
        "document.querySelectorAll('img').forEach(i => i.scrollIntoView()) || true",
    )
    .await;
    until(
        client,
        "[...document.querySelectorAll('img')].every(i => i.complete && i.naturalWidth > 0)",
        WAIT,
    )
    .await;
    let chosen = eval(
        client,
        "[...document.querySelectorAll('article img')].map(i => i.currentSrc)",
    )
    .await;
    let Value::Array(sizes) = eval(
        client,
        "performance.getEntriesByType('resource')\
           .filter(e => e.initiatorType === 'img' || /\\.(webp|jpe?g|png|avif|gif)$/.test(new URL(e.name).pathname))\
           .map(e => e.encodedBodySize)",
    )
    .await
    else {
        panic!("no resource list")
    };
    assert!(sizes.len() >= 3, "{sizes:?}");
    (chosen, sizes.iter().map(|s| s.as_u64().unwrap()).sum())
}
