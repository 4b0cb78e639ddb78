//! What the fuzz targets check on every input. Shared by the cargo-fuzz targets in
//! `fuzz/` and by the smoke test in `tests/fuzz_smoke.rs`, which includes this file,
//! so both check exactly the same things.
//!
//! - [`story`]: a story file goes through the checks `smartpicks check` runs on one
//!   story: `content::parse_story` (fences, front-matter limits, YAML, keys), then
//!   `article::assemble` (slug, permalink, Markdown, links). Either may refuse the
//!   story, with at least one diagnostic on a line that exists; nothing may panic.
//!   Front-matter that passes the limits must parse no deeper than `MAX_DEPTH`.
//! - [`PreviewSite::request`]: a request path goes through the preview server's
//!   router (path guard, static files, script injection). No response may be a
//!   server error or contain a file from outside the site folder, whether reached by
//!   `..`, encodings of it, or a symlink.

use std::path::Path;
use std::sync::OnceLock;

use smartpicks::article;
use smartpicks::config::Config;
use smartpicks::content::{self, Selection, frontmatter};
use tower::ServiceExt;

/// The site the stories belong to: the real site's categories, so its stories (the
/// seed corpus) get past the front-matter checks into Markdown.
const SITE_TOML: &str = r#"title = "Fuzz Picks"
base_url = "https://example.org/picks/"
description = "Fuzzing."

[[categories]]
name = "AI Technology"
description = "Models."

[[categories]]
name = "Studios & Deals"
description = "Deals."

[[categories]]
name = "Production"
description = "Sets."

[[categories]]
name = "Labor & Guilds"
description = "Unions."

[[categories]]
name = "Law & Policy"
description = "Rules."

[[categories]]
name = "Festivals & Awards"
description = "Prizes."

[[parties]]
name = "Google DeepMind"
aliases = ["DeepMind"]
"#;

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| Config::parse(Path::new("."), SITE_TOML).expect("fuzz site.toml"))
}

/// Checks one story file the way `smartpicks check` does.
pub fn story(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let config = config();
    let path = Path::new("content/2026/fuzz.md");
    limits_hold(path, text);
    let story = match content::parse_story(config, path, text) {
        Ok(story) => story,
        Err(diagnostics) => return assert_located(path, text, &diagnostics),
    };
    let selection = Selection {
        drafts: true,
        future: true,
        now: jiff::Timestamp::UNIX_EPOCH,
    };
    match article::assemble(config, vec![story], &selection) {
        Ok(articles) => assert_eq!(articles.len(), 1),
        Err(smartpicks::Error::Content(diagnostics)) => assert_located(path, text, &diagnostics.0),
        Err(e) => panic!("assembling one story failed without a diagnostic: {e}"),
    }
}

/// Every refusal says something, about this file, on one of its lines.
fn assert_located(path: &Path, text: &str, diagnostics: &[smartpicks::Diagnostic]) {
    assert!(!diagnostics.is_empty(), "refused without a diagnostic");
    // YAML counts a lone carriage return as a line break too (old Mac files), and
    // its error positions count them; a line past both counts is past the file.
    let lone_cr = text.matches('\r').count() - text.matches("\r\n").count();
    let lines = text.lines().count() + lone_cr + 1;
    for d in diagnostics {
        assert_eq!(d.file, path, "{d}");
        assert!(
            d.line <= lines,
            "line {} of a {lines}-line file: {d}",
            d.line
        );
    }
}

/// Front-matter that passes the limits nests no deeper than they allow, so the YAML
/// parser's cost stays bounded.
fn limits_hold(path: &Path, text: &str) {
    let Ok(split) = frontmatter::split(path, text) else {
        return;
    };
    if frontmatter::limits::check(path, split.yaml).is_err() {
        return;
    }
    if let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(split.yaml) {
        let depth = depth(&value);
        assert!(
            depth <= frontmatter::limits::MAX_DEPTH,
            "front-matter {depth} levels deep passed the limits"
        );
    }
}

fn depth(value: &serde_yaml::Value) -> usize {
    use serde_yaml::Value;
    match value {
        Value::Sequence(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Mapping(map) => {
            let deepest = map.iter().map(|(k, v)| depth(k).max(depth(v))).max();
            1 + deepest.unwrap_or(0)
        }
        Value::Tagged(tagged) => depth(&tagged.value),
        _ => 0,
    }
}

/// Text in files outside the site folder; no response may contain it.
const SECRET: &[u8] = b"SECRET-OUTSIDE-THE-SITE";

/// A built site in a temporary folder, with secrets beside it and a symlink out of
/// it, behind the preview server's router.
pub struct PreviewSite {
    _dir: tempfile::TempDir,
    runtime: tokio::runtime::Runtime,
    router: axum::Router,
}

impl PreviewSite {
    /// Lays out the folders and builds the router.
    pub fn new() -> PreviewSite {
        let dir = tempfile::tempdir().expect("temporary folder");
        let site = dir.path().join("site");
        let write = |rel: &str, text: &[u8]| {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("site/index.html", b"<html><body>home</body></html>");
        write("site/404.html", b"<html><body>not found</body></html>");
        write("site/a b/index.html", b"<html><body>space</body></html>");
        write("site/style.css", b"body {}");
        write("secret.txt", SECRET);
        write("private/secret.txt", SECRET);
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("private"), site.join("leak")).unwrap();
        let live = smartpicks::serve::Live::new(&site).expect("site folder");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        PreviewSite {
            router: smartpicks::serve::router(live),
            runtime,
            _dir: dir,
        }
    }

    /// Requests `data` as a URI (a path, or an absolute URI as proxies send).
    pub fn request(&self, data: &[u8]) {
        let Ok(uri) = axum::http::Uri::try_from(data) else {
            return;
        };
        let request = axum::http::Request::get(uri.clone())
            .body(axum::body::Body::empty())
            .unwrap();
        self.runtime.block_on(async {
            let response = self.router.clone().oneshot(request).await.unwrap();
            let status = response.status();
            // No request is a server error: targets that are not paths get 400,
            // names the file system refuses get the 404 page.
            assert!(!status.is_server_error(), "{uri}: {status}");
            let is_stream = response
                .headers()
                .get(axum::http::header::CONTENT_TYPE)
                .is_some_and(|t| t.as_bytes().starts_with(b"text/event-stream"));
            if is_stream {
                // The live-reload events never end; there is no file in them.
                return;
            }
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            assert!(
                !body.windows(SECRET.len()).any(|w| w == SECRET),
                "{uri} ({status}) served a file from outside the site"
            );
        });
    }
}

impl Default for PreviewSite {
    fn default() -> Self {
        PreviewSite::new()
    }
}
