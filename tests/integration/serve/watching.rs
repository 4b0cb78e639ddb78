//! Watching: saves, new files, deletions and errors reach the browser; only the
//! site's inputs are watched; renamed content folders rebuild as `build` would.

use std::time::{Duration, Instant};

use super::{ARTICLE, STORY};
use crate::harness::Site;
use crate::server::{Server, free_port};

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

/// The inode numbers a process's inotify instances watch (Linux's
/// `/proc/<pid>/fdinfo` lists one `inotify wd:… ino:<hex>` line per watch).
#[cfg(target_os = "linux")]
fn watched_inodes(pid: u32) -> Vec<u64> {
    let mut inodes = Vec::new();
    for entry in std::fs::read_dir(format!("/proc/{pid}/fdinfo")).unwrap() {
        let Ok(info) = std::fs::read_to_string(entry.unwrap().path()) else {
            continue;
        };
        for line in info.lines().filter(|l| l.starts_with("inotify wd:")) {
            let ino = line
                .split_whitespace()
                .find_map(|f| f.strip_prefix("ino:"))
                .unwrap();
            inodes.push(u64::from_str_radix(ino, 16).unwrap());
        }
    }
    inodes
}

#[cfg(target_os = "linux")]
#[test]
fn only_the_sites_inputs_are_watched() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::fixture("basic");
    for dir in ["target/debug/deps", "public/2026", ".git/objects", "notes"] {
        std::fs::create_dir_all(site.path(dir)).unwrap();
    }
    let server = Server::start(&site, free_port());
    let inode = |rel: &str| std::fs::metadata(site.path(rel)).unwrap().ino();
    let watched = watched_inodes(server.child.id());
    for input in [
        "content",
        "content/2026",
        "static",
        "themes/smartpicks/templates",
    ] {
        assert!(watched.contains(&inode(input)), "{input}/ is not watched");
    }
    for other in [
        "target",
        "target/debug/deps",
        "public",
        "public/2026",
        ".git",
        ".git/objects",
        "notes",
    ] {
        assert!(!watched.contains(&inode(other)), "{other}/ is watched");
    }
    // Writing there rebuilds nothing; a story saved afterwards still rebuilds.
    site.write("target/debug/deps/x.rlib", "x")
        .write("public/index.html", "x")
        .write(".git/index", "x")
        .write("notes/todo.md", "x")
        .write("README.md", "x");
    std::thread::sleep(Duration::from_secs(1));
    let rebuilt: Vec<String> = std::iter::from_fn(|| server.lines.try_recv().ok())
        .filter(|l| l.starts_with("Rebuilt") || l.starts_with("error"))
        .collect();
    assert!(rebuilt.is_empty(), "{rebuilt:?}");
    site.write("content/2026/late.md", "---\ntitle: A late story\ndate: 2026-07-07\ncategory: AI Technology\nparties: [A24]\n---\nLate.\n");
    server.wait_for_body("/", "A late story", Duration::from_secs(10));
    // A templates/ folder made after start-up is watched from then on.
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}First miss{% endblock %}",
    );
    server.wait_for_body("/no/such/", "First miss", Duration::from_secs(10));
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}Second miss{% endblock %}",
    );
    server.wait_for_body("/no/such/", "Second miss", Duration::from_secs(10));
    assert!(watched_inodes(server.child.id()).contains(&inode("templates")));
}

#[test]
fn renamed_content_folders_rebuild_as_build_would() {
    let site = Site::fixture("basic");
    let server = Server::start(&site, free_port());
    super::wait_until_same_as_full_build(&site, &server, "start");
    for (from, to) in [
        // Hidden from the build: its stories go.
        ("content/2026", "content/_2026"),
        // Back into view under a dotted name: its stories come back.
        ("content/_2026", "content/v1.2"),
        // Renamed again, the dot in both names.
        ("content/v1.2", "content/v1.3"),
        ("content/v1.3", "content/.2026"),
        ("content/.2026", "content/2026"),
    ] {
        std::fs::rename(site.path(from), site.path(to)).unwrap();
        super::wait_until_same_as_full_build(&site, &server, &format!("{from} → {to}"));
    }
    // A story edited inside the dotted folder is still a story.
    std::fs::rename(site.path("content/2026"), site.path("content/v1.2")).unwrap();
    super::wait_until_same_as_full_build(&site, &server, "content/2026 → content/v1.2");
    let moved = "content/v1.2/2026-07-05-deepmind-a24.md";
    let text = std::fs::read_to_string(site.path(moved)).unwrap();
    site.write(
        moved,
        text.replace(
            "DeepMind researchers will work",
            "Moved researchers will work",
        ),
    );
    server.wait_for_body(ARTICLE, "Moved researchers", Duration::from_secs(10));
    super::wait_until_same_as_full_build(&site, &server, "edit in content/v1.2");
}
