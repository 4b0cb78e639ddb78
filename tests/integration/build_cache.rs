//! The build cache: a second build renders only what changed and leaves every other
//! output file alone, modification time included, so sync tools upload only the
//! changed files; `--no-cache` renders everything; a cache is ignored when the
//! output it describes was changed or replaced since.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use crate::harness::Site;

const STORY: &str = "content/2026/2026-07-05-deepmind-a24.md";

/// Every output file with its modification time.
fn stamps(dir: &Path) -> BTreeMap<String, SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, e.metadata().unwrap().modified().unwrap())
        })
        .collect()
}

/// The files whose modification time differs between two snapshots.
fn touched(
    before: &BTreeMap<String, SystemTime>,
    after: &BTreeMap<String, SystemTime>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(file, time)| before.get(*file) != Some(*time))
        .map(|(file, _)| file.clone())
        .collect()
}

#[test]
fn a_cached_build_rewrites_only_what_changed() {
    let site = Site::fixture("basic");
    site.build(&[]).ok();
    assert!(
        site.root().join(".smartpicks").is_dir(),
        "the cache is kept beside site.toml"
    );
    let before = stamps(&site.path("public"));
    let text = std::fs::read_to_string(site.path(STORY)).unwrap();
    site.write(
        STORY,
        text.replace(
            "A research partnership spanning",
            "A long research partnership spanning",
        ),
    );
    let run = site.build(&[]).ok();
    assert!(run.stdout().contains(" unchanged)"), "{}", run.stdout());
    let after = stamps(&site.path("public"));
    let rewritten = touched(&before, &after);
    assert!(
        rewritten
            .iter()
            .any(|f| f.contains("announce-a-research-partnership")),
        "the story's page is written again: {rewritten:?}"
    );
    assert!(
        rewritten.len() * 10 < after.len(),
        "{} of {} files rewritten: {rewritten:?}",
        rewritten.len(),
        after.len()
    );
    // Nothing changed: nothing is written.
    let run = site.build(&[]).ok();
    assert!(run.stdout().contains(" unchanged)"), "{}", run.stdout());
    assert_eq!(
        touched(&after, &stamps(&site.path("public"))),
        Vec::<String>::new()
    );
}

#[test]
fn no_cache_renders_everything_and_a_changed_output_is_made_again() {
    let site = Site::fixture("basic");
    site.build(&[]).ok();
    let index = site.read("index.html");
    // A page changed by hand is made again by the next (cached) build.
    site.write("public/index.html", "edited by hand");
    site.build(&[]).ok();
    assert_eq!(site.read("index.html"), index);
    let before = stamps(&site.path("public"));
    let run = site.build(&["--no-cache"]).ok();
    assert!(!run.stdout().contains("unchanged"), "{}", run.stdout());
    let after = stamps(&site.path("public"));
    assert_eq!(
        touched(&before, &after).len(),
        after.len(),
        "a full build writes every file"
    );
    // The media store (`.smartpicks/media`, made by the builds before) may stay.
    assert!(
        std::fs::read_dir(site.root().join(".smartpicks")).map_or(true, |d| d
            .filter_map(Result::ok)
            .all(|e| e.file_name() == "media")),
        "--no-cache keeps no cache"
    );
}

#[test]
fn a_change_to_most_pages_builds_in_full() {
    // A template every page extends: a cached build would hold the whole site in
    // memory to update it in place, so it builds in full, beside the output.
    let site = Site::fixture("basic");
    site.build(&[]).ok();
    let base =
        std::fs::read_to_string(site.root().join("themes/smartpicks/templates/base.html")).unwrap();
    site.write(
        "templates/base.html",
        base.replace("<body", "<body data-edited"),
    );
    let before = stamps(&site.path("public"));
    let run = site.build(&[]).ok();
    assert!(!run.stdout().contains("unchanged"), "{}", run.stdout());
    let after = stamps(&site.path("public"));
    assert_eq!(touched(&before, &after).len(), after.len());
    assert!(site.read("index.html").contains("data-edited"));
}
