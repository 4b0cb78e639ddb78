//! `smartpicks serve`: HTTP behaviour of the real binary, live rebuilds, and the
//! incremental session ending in the same output as a full build.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use smartpicks::BuildOptions;
use smartpicks::serve::{Changes, Outcome, Session};

use crate::harness::{NOW, Site};

/// A running `smartpicks serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    /// What the server printed before it was ready.
    pub startup: Vec<String>,
    pub lines: std::sync::mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    pub fn start(site: &Site, port: u16) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_smartpicks"))
            .args(["serve", "--port", &port.to_string()])
            .current_dir(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        let mut server = Server {
            child,
            port: 0,
            startup: Vec::new(),
            lines,
        };
        let line = server.wait_for_line("Serving on ", Duration::from_secs(20));
        server.startup.push(line.clone());
        let url = line
            .split("Serving on ")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap();
        server.port = url
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        server
    }

    /// Waits for a line of output containing `needle`; returns it.
    pub fn wait_for_line(&mut self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => {
                    self.startup.append(&mut seen);
                    return line;
                }
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!(
            "no line with {needle:?} within {timeout:?}; output so far:\n{}",
            seen.join("\n")
        );
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The folder the server builds into (for the symlink test).
    pub fn output_dir(&self) -> PathBuf {
        std::env::temp_dir().join(format!("smartpicks-serve-{}", self.child.id()))
    }

    /// A raw HTTP/1.1 GET: status, headers (lower-cased names), body.
    pub fn get(&self, path: &str) -> (u16, Vec<(String, String)>, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split_whitespace()
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_owned()))
            .collect::<Vec<_>>();
        let chunked = headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
        (
            status,
            headers,
            if chunked {
                dechunk(body)
            } else {
                body.to_owned()
            },
        )
    }

    /// Polls `path` until its body contains `needle`.
    pub fn wait_for_body(&self, path: &str, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let (_, _, body) = self.get(path);
            if body.contains(needle) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never contained {needle:?}; last body:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&tail[..n]);
        rest = &tail[n + 2..];
    }
    out
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

const ARTICLE: &str = "/2026/07/05/google-deepmind-and-a24-announce-a-research-partnership/";
const STORY: &str = "content/2026/2026-07-05-deepmind-a24.md";

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

#[test]
fn ctrl_c_stops_cleanly_and_removes_the_preview_folder() {
    let site = Site::fixture("basic");
    let mut server = Server::start(&site, free_port());
    let out = server.output_dir();
    assert!(out.join("index.html").is_file());
    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    server.wait_for_line("Stopped.", Duration::from_secs(10));
    let exit = server.child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
    assert!(!out.exists(), "the preview folder was left behind");
}

#[test]
fn a_taken_port_moves_to_the_next() {
    let site = Site::fixture("basic");
    let port = free_port();
    let _taken = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    let server = Server::start(&site, port);
    assert_ne!(server.port, port);
    assert!(
        server
            .startup
            .iter()
            .any(|l| l.contains(&format!("Port {port} is taken"))),
        "{:?}",
        server.startup
    );
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn edits_new_files_deletions_and_errors_show_up_and_recover() {
    let site = Site::fixture("basic");
    let mut server = Server::start(&site, free_port());
    // A body edit, saved the way editors do: write a temporary file, rename it over.
    let text = std::fs::read_to_string(site.path(STORY)).unwrap();
    let tmp = site.path("content/2026/.deepmind.md.tmp");
    std::fs::write(
        &tmp,
        text.replace(
            "DeepMind researchers will work",
            "FRESHLY EDITED researchers will work",
        ),
    )
    .unwrap();
    std::fs::rename(&tmp, site.path(STORY)).unwrap();
    server.wait_for_body(ARTICLE, "FRESHLY EDITED", Duration::from_secs(5));
    // A new story appears, on its page and on the home page.
    site.write("content/2026/new.md", "---\ntitle: Brand new story\ndate: 2026-07-07\ncategory: AI Technology\nparties: [A24]\n---\nHello.\n");
    server.wait_for_body("/", "Brand new story", Duration::from_secs(5));
    assert_eq!(server.get("/2026/07/07/brand-new-story/").0, 200);
    // Broken front-matter: the terminal says where, the last good site stays up.
    site.write("content/2026/new.md", "---\ntitle: Brand new story\ndate: 2026-07-07\ncategory: Nope\nparties: [A24]\n---\nHello.\n");
    let line = server.wait_for_line("content/2026/new.md:4: category", Duration::from_secs(5));
    assert!(line.contains("unknown category \"Nope\""), "{line}");
    assert_eq!(server.get("/2026/07/07/brand-new-story/").0, 200);
    // Deleting it recovers and removes its page.
    std::fs::remove_file(site.path("content/2026/new.md")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while server.get("/2026/07/07/brand-new-story/").0 != 404 {
        assert!(Instant::now() < deadline, "deleted story still served");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!server.get("/").2.contains("Brand new story"));
    // A burst of many changes ends in one correct state.
    for i in 0..20 {
        site.write(&format!("content/2026/burst-{i}.md"), format!("---\ntitle: Burst {i}\ndate: 2026-07-08\ncategory: AI Technology\nparties: []\n---\nB.\n"));
    }
    server.wait_for_body("/2026/07/08/burst-19/", "Burst 19", Duration::from_secs(10));
    for i in 0..20 {
        assert_eq!(
            server.get(&format!("/2026/07/08/burst-{i}/")).0,
            200,
            "burst-{i}"
        );
    }
}

fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Asserts the session's folder equals what `smartpicks build` makes now.
fn assert_same_as_full_build(site: &Site, session: &Session, step: &str) {
    site.build(&["--base-url", "http://127.0.0.1:1111/", "--output", "full"])
        .ok();
    let full = tree(&site.path("full"));
    let live = tree(session.output_dir());
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&live), names(&full), "{step}: different files");
    for ((name, a), (_, b)) in live.iter().zip(&full) {
        assert!(a == b, "{step}: {name} differs from a full build");
    }
}

#[test]
fn incremental_rebuilds_equal_a_full_build() {
    let site = Site::fixture("basic");
    let now = NOW.parse().unwrap();
    let options = BuildOptions {
        base_url: Some("http://127.0.0.1:1111/".into()),
        now: Some(now),
        ..BuildOptions::new(site.root())
    };
    let live_dir = tempfile::tempdir().unwrap();
    let mut session = Session::new(options, &live_dir.path().join("out")).unwrap();
    session.rebuild_all().unwrap();
    assert_same_as_full_build(&site, &session, "first build");
    let change = |content: &[&str]| Changes {
        content: content.iter().map(PathBuf::from).collect(),
        ..Changes::default()
    };

    // A body edit takes the one-page path.
    let text = std::fs::read_to_string(site.path(STORY)).unwrap();
    site.write(
        STORY,
        text.replace(
            "A research partnership spanning",
            "A long research partnership spanning",
        ),
    );
    match session.apply(&change(&[STORY])).unwrap() {
        Outcome::Pages(stats) => assert_eq!(stats.written + stats.unchanged, 1, "{stats:?}"),
        other => panic!("{other:?}"),
    }
    assert_same_as_full_build(&site, &session, "body edit");

    // A front-matter edit re-renders the site, rewriting only what changed.
    site.write(
        STORY,
        text.replace(
            "title: \"Google DeepMind and A24 announce a research partnership\"",
            "title: \"DeepMind and A24 partner\"",
        ),
    );
    match session.apply(&change(&[STORY])).unwrap() {
        Outcome::Pages(stats) => assert!(
            stats.unchanged > 0 && stats.written > 0 && stats.removed > 0,
            "{stats:?}"
        ),
        other => panic!("{other:?}"),
    }
    assert_same_as_full_build(&site, &session, "title edit");

    // A new story, then its deletion.
    let new = "content/2026/fresh.md";
    site.write(new, "---\ntitle: Fresh\ndate: 2026-07-09\ncategory: Law & Policy\nparties: [Fresh Party]\ntags: [fresh]\n---\nFresh body.\n");
    session.apply(&change(&[new])).unwrap();
    assert_same_as_full_build(&site, &session, "new story");
    std::fs::remove_file(site.path(new)).unwrap();
    session.apply(&change(&[new])).unwrap();
    assert_same_as_full_build(&site, &session, "deleted story");

    // A broken story fails the rebuild; fixing it recovers.
    site.write(new, "---\ntitle: Broken\n---\n");
    assert!(session.apply(&change(&[new])).is_err());
    std::fs::remove_file(site.path(new)).unwrap();
    session.apply(&change(&[new])).unwrap();
    assert_same_as_full_build(&site, &session, "recovered");

    // A stylesheet alone is swapped; a template change re-renders.
    site.write("static/style.css", "body { color: teal }");
    let css = Changes {
        assets: vec![PathBuf::from("static/style.css")],
        ..Changes::default()
    };
    assert_eq!(
        session.apply(&css).unwrap(),
        Outcome::Stylesheets(vec!["/style.css".into()])
    );
    assert_same_as_full_build(&site, &session, "stylesheet");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}Gone fishing{% endblock %}",
    );
    session
        .apply(&Changes {
            templates: true,
            ..Changes::default()
        })
        .unwrap();
    assert_same_as_full_build(&site, &session, "template");

    // site.toml changes rebuild everything.
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        toml.replace("paginate_by = 2", "paginate_by = 1"),
    );
    session
        .apply(&Changes {
            config: true,
            ..Changes::default()
        })
        .unwrap();
    assert_same_as_full_build(&site, &session, "site.toml");
}
