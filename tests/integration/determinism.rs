//! Byte-identical output whatever differs between two machines or two runs: the
//! number of worker threads (rayon hands articles to workers differently each time),
//! the time zone, the locale, the folder the site is in, and the order its files were
//! created in. The site is a generated corpus (`corpus/`) big enough for every
//! parallel stage to split its work and for related stories to tie often.
//!
//! The same check at full size, by hand in release mode (10,000 stories, 1 and 2
//! threads, identical): the command is under "Determinism at 10,000 stories" in
//! `docs/benchmarks.md`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::corpus::{Corpus, Order};
use crate::harness::{Site, differences, tree};

/// Large enough that related stories come out differently on different workers when
/// anything leaks between rankings, small enough for a debug build on a busy machine.
const STORIES: usize = 2_500;
const SEED: u64 = 2026;

fn corpus_site(order: Order) -> Site {
    let site = Site::fixture("empty");
    Corpus::new(STORIES, SEED).write(site.root(), order);
    // 2,500 social cards per build, in a debug build, in every folder: the
    // incremental test compares cards byte for byte on a smaller site.
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("{toml}\n[cards]\nenabled = false\n"));
    with_pictures(&site);
    site
}

/// Gives a few stories a lead picture, so resized variants are compared too.
fn with_pictures(site: &Site) {
    let mut files: Vec<_> = walkdir::WalkDir::new(site.path("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for (n, file) in files.iter().take(3).enumerate() {
        site.write(
            &format!("static/pictures/{n}.jpg"),
            crate::images::jpeg(520, 300 + 10 * n as u32),
        );
        let text = std::fs::read_to_string(file).unwrap();
        std::fs::write(
            file,
            text.replacen("---\n", &format!("---\nimage: /pictures/{n}.jpg\n"), 1),
        )
        .unwrap();
    }
}

fn assert_same(what: &str, base: &BTreeMap<String, Vec<u8>>, other: &BTreeMap<String, Vec<u8>>) {
    let diffs = differences(base, other);
    assert!(
        diffs.is_empty(),
        "{what}: {} of {} files differ; the first ones:\n{}",
        diffs.len(),
        base.len(),
        diffs.iter().take(8).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn output_is_identical_across_threads_time_zones_locales_and_file_order() {
    let forward = corpus_site(Order::Forward);
    let reverse = corpus_site(Order::Reverse);
    let one = [
        ("RAYON_NUM_THREADS", "1"),
        ("TZ", "UTC"),
        ("LANG", "C"),
        ("LC_ALL", "C"),
    ];
    forward.build_with_env(&one, &["--output", "one"]).ok();
    let four = [
        ("RAYON_NUM_THREADS", "4"),
        ("TZ", "Pacific/Chatham"),
        ("LANG", "tr_TR.UTF-8"),
        ("LC_ALL", "de_DE.UTF-8"),
    ];
    forward.build_with_env(&four, &["--output", "four"]).ok();
    let three = [
        ("RAYON_NUM_THREADS", "3"),
        ("TZ", "America/St_Johns"),
        ("LANG", "ja_JP.UTF-8"),
        ("LC_ALL", "fr_CA.UTF-8"),
    ];
    reverse.build_with_env(&three, &["--output", "three"]).ok();

    let base = tree(&forward.path("one"));
    assert!(base.len() > STORIES, "only {} files built", base.len());
    let shows_related = |page: &Vec<u8>| {
        let page = String::from_utf8_lossy(page);
        page.contains("id=\"related-heading\"") && !page.contains("No related stories yet.")
    };
    assert!(
        base.values().any(shows_related),
        "no page shows related stories"
    );
    assert_same(
        "4 threads, other TZ and locale",
        &base,
        &tree(&forward.path("four")),
    );
    assert_same(
        "files created in reverse in another folder, 3 threads",
        &base,
        &tree(&reverse.path("three")),
    );
}

/// Not a check: writes a corpus (`site.toml` and `content/`) for the manual release
/// check and for measurements, e.g.
/// `CORPUS_OUT=/dev/shm/c10k CORPUS_STORIES=10000 cargo test --test integration write_corpus -- --ignored`.
#[test]
#[ignore = "writes a corpus where CORPUS_OUT says"]
fn write_corpus() {
    let out = std::env::var("CORPUS_OUT").expect("CORPUS_OUT names the folder to write");
    let stories = std::env::var("CORPUS_STORIES").map_or(STORIES, |n| n.parse().unwrap());
    std::fs::create_dir_all(&out).unwrap();
    Corpus::new(stories, SEED).write(Path::new(&out), Order::Forward);
}
