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

/// Every output file's bytes.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    stamps(dir)
        .into_keys()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// A named change to a site's sources: the files it wrote, relative to the root.
type Edit<'a> = (&'a str, Box<dyn Fn(&Site) -> Vec<&'static str> + 'a>);

/// Sets a file's modification time ten seconds back: a build does not take a file
/// changed in the last few seconds as settled (a second change of the same size
/// within the file system's time resolution would look the same), and these
/// tests edit and build within a second.
fn age(site: &Site, rel: &str) {
    let back = SystemTime::now() - std::time::Duration::from_secs(10);
    let file = std::fs::File::options()
        .write(true)
        .open(site.path(rel))
        .unwrap();
    file.set_modified(back).unwrap();
}

/// Every file a build reads, aged.
fn age_all(site: &Site) {
    for entry in walkdir::WalkDir::new(site.root()) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(site.root())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let read = ["content", "static", "templates", "themes", "site.toml"]
            .iter()
            .any(|d| rel.starts_with(d));
        if entry.file_type().is_file() && read {
            age(site, &rel);
        }
    }
}

/// Whether the build's summary says it stopped at once, nothing read having
/// changed (the stage `--verbose` lists for it).
fn settled(run: &crate::harness::Run) -> bool {
    run.stdout().contains("check sources and output")
}

/// A build with nothing changed since the last stops after checking the sources
/// and the output, and writes nothing. Any change to what a build reads, to the
/// output, or a story falling due makes it a real build again, which then equals a
/// fresh full build.
#[test]
fn a_build_with_nothing_changed_stops_at_once_and_anything_read_undoes_that() {
    let site = Site::fixture("basic");
    age_all(&site);
    site.build(&[]).ok();
    let fresh = |site: &Site| {
        let fresh = tempfile::tempdir().unwrap();
        let out = fresh.path().join("out");
        let out_arg = out.to_string_lossy().into_owned();
        let now = [
            "--now",
            crate::harness::NOW,
            "--no-cache",
            "--output",
            &out_arg,
        ];
        site.run(&[&["build"][..], &now[..]].concat()).ok();
        contents(&out)
    };
    let before = stamps(&site.path("public"));
    let run = site.build(&["--verbose"]).ok();
    assert!(settled(&run), "{}", run.stdout());
    assert!(run.stdout().contains("0 rendered"), "{}", run.stdout());
    assert_eq!(
        touched(&before, &stamps(&site.path("public"))),
        Vec::<String>::new()
    );

    // Each kind of input, touched: a real build (the cache keeps it small).
    let text = std::fs::read_to_string(site.path(STORY)).unwrap();
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    let edits: [Edit<'_>; 7] = [
        (
            "a story",
            Box::new(|s: &Site| {
                s.write(STORY, format!("{text}\nMore.\n"));
                vec![STORY]
            }),
        ),
        (
            "site.toml",
            Box::new(|s: &Site| {
                s.write("site.toml", format!("{toml}\n"));
                vec!["site.toml"]
            }),
        ),
        (
            "a static file",
            Box::new(|s: &Site| {
                s.write("static/extra.txt", "extra");
                vec!["static/extra.txt"]
            }),
        ),
        (
            "a site template",
            Box::new(|s: &Site| {
                let theme = s.path("themes/smartpicks/templates/404.html");
                let base = std::fs::read_to_string(theme).unwrap();
                s.write(
                    "templates/404.html",
                    base.replace("</main>", "<p>Lost?</p></main>"),
                );
                vec!["templates/404.html"]
            }),
        ),
        (
            "a theme file",
            Box::new(|s: &Site| {
                let css = "themes/smartpicks/static/style.css";
                let text = std::fs::read_to_string(s.path(css)).unwrap();
                s.write(css, format!("{text}\n/* edited */\n"));
                vec![css]
            }),
        ),
        (
            "a bundle's file",
            Box::new(|s: &Site| {
                let story = "content/2026/on-set/index.md";
                s.write(story, "---\ntitle: On set\ndate: 2026-07-06\ncategory: AI Technology\nparties: []\n---\n\nThe [filing](filing.pdf).\n");
                s.write("content/2026/on-set/filing.pdf", "%PDF-1.4");
                vec![story, "content/2026/on-set/filing.pdf"]
            }),
        ),
        (
            "a hidden file",
            Box::new(|s: &Site| {
                s.write("content/.notes", "private");
                vec!["content/.notes"]
            }),
        ),
    ];
    for (what, edit) in &edits {
        for file in edit(&site) {
            age(&site, file);
        }
        let run = site.build(&["--verbose"]).ok();
        assert!(!settled(&run), "{what}: {}", run.stdout());
        assert!(
            settled(&site.build(&["--verbose"]).ok()),
            "{what}, built again"
        );
        assert!(
            contents(&site.path("public")) == fresh(&site),
            "{what}: not what a fresh build makes"
        );
    }

    // A file changed a moment ago: its stamp cannot vouch for the next change.
    site.write(STORY, format!("{text}\nJust now.\n"));
    assert!(!settled(&site.build(&["--verbose"]).ok()));
    assert!(!settled(&site.build(&["--verbose"]).ok()), "racily clean");
    age(&site, STORY);
    site.build(&[]).ok();
    assert!(settled(&site.build(&["--verbose"]).ok()));

    // The output changed by hand: a file removed, a file added.
    let index = site.read("index.html");
    std::fs::remove_file(site.path("public/index.html")).unwrap();
    assert!(!settled(&site.build(&["--verbose"]).ok()));
    assert_eq!(site.read("index.html"), index);
    site.write("public/stray.html", "by hand");
    assert!(!settled(&site.build(&["--verbose"]).ok()));
    assert!(!site.path("public/stray.html").exists());

    // Time: before the future story is due, the site stands; once it is, it is built;
    // a build asked about an earlier moment is built too.
    let later = ["--verbose", "--now", "2026-12-30T12:00:00Z"];
    assert!(settled(&site.build(&later).ok()), "nothing is due yet");
    let earlier = ["--verbose", "--now", "2026-11-20T12:00:00Z"];
    assert!(!settled(&site.build(&earlier).ok()), "an earlier moment");
    let due = ["--verbose", "--now", "2027-01-02T12:00:00Z"];
    let run = site.build(&due).ok();
    assert!(!settled(&run), "the future story fell due");
    assert!(
        site.files().iter().any(|f| f.starts_with("2026/12/31/")),
        "{:?}",
        site.files()
    );
}
