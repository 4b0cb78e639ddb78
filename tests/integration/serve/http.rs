//! The preview server's HTTP side on the real binary: pages, assets and the 404
//! page with the live-reload script, refused paths, ranges, paths no file can have,
//! and whole files while the site is rewritten under load.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use super::{ARTICLE, STORY};
use crate::harness::Site;
use crate::server::{Server, free_port, header, try_get};

#[test]
fn serves_pages_assets_and_the_theme_404_with_live_reload_injected() {
    let site = Site::fixture("basic");
    let server = Server::start(&site, free_port());
    let (status, headers, body) = server.get("/");
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type").starts_with("text/html"));
    assert_eq!(header(&headers, "cache-control"), "no-store");
    assert!(
        body.contains("<script src=\"/__smartpicks/live.js\" defer></script></body>"),
        "{body}"
    );
    // Links point at the local address, not the production base_url.
    assert!(
        body.contains(&format!("http://127.0.0.1:{}/", server.port)),
        "canonical uses the local address"
    );
    assert!(
        !body.contains("https://example.org/"),
        "production URL leaked into the preview"
    );
    let (status, _, body) = server.get(ARTICLE);
    assert_eq!(status, 200);
    assert!(body.contains("Google DeepMind and A24 announce a research partnership"));
    let (status, headers, _) = server.get("/style.css");
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type").starts_with("text/css"));
    let (_, headers, _) = server.get("/feed.xml");
    assert!(header(&headers, "content-type").contains("xml"));
    let (status, _, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("<h1"), "the theme's 404 page: {body}");
    let (status, headers, body) = server.get("/__smartpicks/live.js");
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type").starts_with("text/javascript"));
    assert!(body.contains("EventSource"));
    // The build output itself never carries the script.
    site.build(&[]).ok();
    assert!(!site.read("index.html").contains("__smartpicks"));
}

#[test]
fn refuses_every_way_out_of_the_site() {
    let site = Site::fixture("basic");
    let server = Server::start(&site, free_port());
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2e%2e%2f%2e%2e%2fetc/passwd",
        "/..%2f..%2fetc/passwd",
        "/a/..%5c..%5cetc/passwd",
    ] {
        let (status, _, body) = server.get(path);
        assert!(
            status == 403 || status == 404 || status == 400,
            "{path}: {status}"
        );
        assert!(!body.contains("root:"), "{path} leaked a file");
    }
    // A symlink inside the output that points outside it is refused.
    let link = server.output_dir().join("escape");
    std::os::unix::fs::symlink("/etc", &link).unwrap();
    let (status, _, body) = server.get("/escape/passwd");
    assert_eq!(status, 403, "{body}");
}

/// The script tag the server adds before `</body>`.
const LIVE_TAG: &str = "<script src=\"/__smartpicks/live.js\" defer></script>";

#[test]
fn a_range_on_a_page_gets_the_whole_page_and_assets_keep_their_ranges() {
    let site = Site::fixture("basic");
    let server = Server::start(&site, free_port());
    let (_, _, whole) = server.get("/");
    for (path, status) in [("/", 200), (ARTICLE, 200), ("/no/such/page/", 404)] {
        for range in ["bytes=0-99", "bytes=-10", "bytes=100-"] {
            let (got, headers, body) = server.get_with(path, &[("Range", range)]);
            assert_eq!(got, status, "{path} {range}");
            assert_eq!(header(&headers, "content-range"), "", "{path} {range}");
            assert_eq!(header(&headers, "accept-ranges"), "", "{path} {range}");
            assert_eq!(
                header(&headers, "content-length"),
                body.len().to_string(),
                "{path} {range}"
            );
            assert!(
                body.trim_end().ends_with("</html>") && body.contains(LIVE_TAG),
                "{path} {range}: not the whole page:\n{body}"
            );
        }
    }
    assert_eq!(server.get_with("/", &[("Range", "bytes=0-99")]).2, whole);
    // A stylesheet is a file like any other: its ranges are served as asked.
    let (_, _, css) = server.get("/style.css");
    let (status, headers, part) = server.get_with("/style.css", &[("Range", "bytes=0-9")]);
    assert_eq!(status, 206);
    assert_eq!(
        header(&headers, "content-range"),
        format!("bytes 0-9/{}", css.len())
    );
    assert_eq!(part, css[..10]);
}

#[test]
fn paths_no_file_can_have_are_not_found_never_an_error() {
    let site = Site::fixture("basic");
    let server = Server::start(&site, free_port());
    let long_name = format!("/{}/", "a".repeat(300));
    let many_segments = "/a".repeat(20_000);
    let deep_dots = format!("{}/x", "/.".repeat(5_000));
    let loop_link = server.output_dir().join("loop");
    std::os::unix::fs::symlink("loop", &loop_link).unwrap();
    for path in [
        long_name.as_str(),
        many_segments.as_str(),
        deep_dots.as_str(),
        "/index.html/inside-a-file",
        "/loop/x",
    ] {
        let (status, headers, body) = server.get(path);
        assert_eq!(status, 404, "{}...: {body}", &path[..path.len().min(40)]);
        assert!(header(&headers, "content-type").starts_with("text/html"));
        assert!(body.contains(LIVE_TAG), "the theme's 404 page, live");
    }
}

/// Paths fetched while the site is rewritten: pages of every kind and feeds.
const HAMMERED: [&str; 9] = [
    "/",
    ARTICLE,
    "/categories/ai-technology/",
    "/parties/a24/",
    "/feed.xml",
    "/rss.xml",
    "/feed.json",
    "/parties/a24/feed.xml",
    "/categories/ai-technology/rss.xml",
];

/// Why a response is not a whole file, if it is not.
fn torn(path: &str, status: u16, headers: &[(String, String)], body: &str) -> Option<String> {
    let kind = header(headers, "content-type");
    let whole = if status != 200 {
        false
    } else if kind.starts_with("text/html") {
        body.trim_end().ends_with("</html>") && body.contains(&format!("{LIVE_TAG}</body>"))
    } else if kind.contains("json") {
        serde_json::from_str::<serde_json::Value>(body).is_ok()
    } else {
        well_formed_xml(body) && feed_rs::parser::parse(body.as_bytes()).is_ok()
    };
    (!whole).then(|| format!("{path}: {status} {kind}, {} bytes: {body:.200}", body.len()))
}

/// Whether `xml` is a whole, well-formed document, by the strict parser every
/// XML test uses.
fn well_formed_xml(xml: &str) -> bool {
    roxmltree::Document::parse(xml).is_ok()
}

#[test]
fn pages_and_feeds_are_never_torn_while_the_site_is_rewritten() {
    let site = Site::fixture("basic");
    let server = Server::start(&site, free_port());
    let port = server.port;
    let story = std::fs::read_to_string(site.path(STORY)).unwrap();
    let summary = "summary: \"A first-of-its-kind collaboration, with an investment from Google.\"";
    assert!(story.contains(summary));
    let stop = AtomicBool::new(false);
    let fetched = AtomicUsize::new(0);
    let problems = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for client in 0..32 {
            let (stop, fetched, problems) = (&stop, &fetched, &problems);
            scope.spawn(move || {
                let mut n = client;
                while !stop.load(Ordering::Relaxed) {
                    let path = HAMMERED[n % HAMMERED.len()];
                    n += 1;
                    let problem = match try_get(port, path, &[]) {
                        Ok((status, headers, body)) => torn(path, status, &headers, &body),
                        Err(e) => Some(format!("{path}: {e}")),
                    };
                    problems.lock().unwrap().extend(problem);
                    fetched.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
        // A new summary shows on lists and in feeds: every edit rewrites them all.
        // Saved as editors do, by renaming a new file over the story.
        for edit in 0..12 {
            let text = story.replace(summary, &format!("summary: \"Edited summary {edit}.\""));
            let tmp = site.path("content/2026/.story.tmp");
            std::fs::write(&tmp, text).unwrap();
            std::fs::rename(&tmp, site.path(STORY)).unwrap();
            std::thread::sleep(Duration::from_millis(250));
        }
        server.wait_for_body("/feed.xml", "Edited summary 11.", Duration::from_secs(20));
        stop.store(true, Ordering::Relaxed);
    });
    let problems = problems.into_inner().unwrap();
    assert!(
        problems.is_empty(),
        "{} of {} responses were not whole files, e.g.:\n{}",
        problems.len(),
        fetched.load(Ordering::Relaxed),
        problems[..problems.len().min(5)].join("\n")
    );
    assert!(fetched.load(Ordering::Relaxed) >= HAMMERED.len());
}
