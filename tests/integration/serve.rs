//! `smartpicks serve`: HTTP behaviour of the real binary, starting and stopping,
//! live rebuilds from the watcher, and the incremental session ending in the same
//! output as a full build.

mod http;
mod incremental;
mod lifecycle;
mod watching;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use smartpicks::serve::Session;

use crate::harness::Site;
use crate::server::Server;

const ARTICLE: &str = "/2026/07/05/google-deepmind-and-a24-announce-a-research-partnership/";
const STORY: &str = "content/2026/2026-07-05-deepmind-a24.md";

/// Every folder (as `None`) and file (with its bytes) under `dir`, sorted. A file
/// that vanishes while the folder is read (a running server renames its temporary
/// files into place) is left out; callers that poll read the folder again.
fn tree(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.path().strip_prefix(dir).unwrap().display().to_string();
            if !e.file_type().is_file() {
                return Some((name, None));
            }
            match std::fs::read(e.path()) {
                Ok(bytes) => Some((name, Some(bytes))),
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
                Err(err) => panic!("{}: {err}", e.path().display()),
            }
        })
        .collect();
    v.sort();
    v
}

/// Builds the site into `full/` with `smartpicks build <args>`; returns the folder.
fn full_build(site: &Site, args: &[&str]) -> PathBuf {
    let mut all = vec!["--output", "full"];
    all.extend_from_slice(args);
    site.build(&all).ok();
    site.path("full")
}

/// How `live` differs from `full`: files or folders only in one, files whose bytes
/// differ. Empty when they are the same.
fn differences(live: &Path, full: &Path) -> Vec<String> {
    let (live, full) = (tree(live), tree(full));
    let mut found = Vec::new();
    for (name, bytes) in &live {
        match full.iter().find(|(n, _)| n == name) {
            None => found.push(format!("{name} is not in a full build")),
            Some((_, b)) if b != bytes => found.push(format!("{name} differs")),
            Some(_) => {}
        }
    }
    for (name, _) in &full {
        if !live.iter().any(|(n, _)| n == name) {
            found.push(format!("{name} is missing"));
        }
    }
    found
}

/// Asserts the session's folder equals what `smartpicks build` makes now.
fn assert_same_as_full_build(site: &Site, session: &Session, step: &str) {
    let full = full_build(site, &["--base-url", "http://127.0.0.1:1111/"]);
    let found = differences(session.output_dir(), &full);
    assert!(found.is_empty(), "{step}: {found:#?}");
}

/// Waits until the running server's folder equals what `smartpicks build` makes
/// now (same address, same moment), polling while the watcher rebuilds.
fn wait_until_same_as_full_build(site: &Site, server: &Server, step: &str) {
    let now = jiff::Timestamp::now().to_string();
    let full = full_build(site, &["--base-url", &server.url("/"), "--now", &now]);
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let found = differences(&server.output_dir(), &full);
        if found.is_empty() {
            return;
        }
        assert!(Instant::now() < deadline, "{step}: {found:#?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
