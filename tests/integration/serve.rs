//! `smartpicks serve`: HTTP behaviour of the real binary, live rebuilds, and the
//! incremental session ending in the same output as a full build.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use smartpicks::BuildOptions;
use smartpicks::serve::{Changes, Outcome, Session};

use crate::harness::{NOW, Site};
use crate::server::{Server, free_port, header};

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

    // A site's own static file wins over a generated one, as in a full build.
    site.write("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n");
    session
        .apply(&Changes {
            assets: vec![PathBuf::from("static/robots.txt")],
            ..Changes::default()
        })
        .unwrap();
    session.apply(&change(&[STORY])).unwrap();
    assert_same_as_full_build(&site, &session, "static robots.txt");

    // A link to a missing story, even without ".md", fails the body-edit path too.
    let body = std::fs::read_to_string(site.path(STORY)).unwrap();
    site.write(
        STORY,
        format!("{body}\nSee [gone](@/2026/no-such-story).\n"),
    );
    assert!(
        session.apply(&change(&[STORY])).is_err(),
        "a broken @/ link must fail as in build"
    );
    site.write(STORY, &body);
    session.apply(&change(&[STORY])).unwrap();
    assert_same_as_full_build(&site, &session, "broken link fixed");

    // A broken site.toml fails every later rebuild until it is fixed.
    let good = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("{good}\nbogus_key = 1\n"));
    assert!(
        session
            .apply(&Changes {
                config: true,
                ..Changes::default()
            })
            .is_err()
    );
    site.write(
        STORY,
        text.replace("A research partnership spanning", "Another edit spanning"),
    );
    assert!(
        session.apply(&change(&[STORY])).is_err(),
        "a story edit must not build with the old site.toml"
    );
    site.write("site.toml", &good);
    session
        .apply(&Changes {
            config: true,
            ..Changes::default()
        })
        .unwrap();
    assert_same_as_full_build(&site, &session, "site.toml fixed");

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
