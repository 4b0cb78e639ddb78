//! The incremental session, driven through the library: after every kind of change
//! its folder equals a fresh full build.

use std::path::PathBuf;

use smartpicks::BuildOptions;
use smartpicks::serve::{Changes, Outcome, Session};

use super::{STORY, assert_same_as_full_build};
use crate::harness::{NOW, Site};

/// A session on `site`, at the address and moment of the full builds it is
/// compared with, after its first build; and the folder it writes in.
fn started(site: &Site) -> (Session, tempfile::TempDir) {
    let options = BuildOptions {
        base_url: Some("http://127.0.0.1:1111/".into()),
        now: Some(NOW.parse().unwrap()),
        ..BuildOptions::new(site.root())
    };
    let live = tempfile::tempdir().unwrap();
    let mut session = Session::new(options, &live.path().join("out")).unwrap();
    session.rebuild_all().unwrap();
    (session, live)
}

#[test]
fn incremental_rebuilds_equal_a_full_build() {
    let site = Site::fixture("basic");
    let (mut session, _live) = started(&site);
    assert_same_as_full_build(&site, &session, "first build");
    let change = |content: &[&str]| Changes {
        content: content.iter().map(PathBuf::from).collect(),
        ..Changes::default()
    };

    // A body edit patches the article: its page is written again, and of the search
    // index its result fragment, the shard of the new word and the manifest (which
    // names that shard's new version).
    let text = std::fs::read_to_string(site.path(STORY)).unwrap();
    site.write(
        STORY,
        text.replace(
            "A research partnership spanning",
            "A long research partnership spanning",
        ),
    );
    match session.apply(&change(&[STORY])).unwrap() {
        Outcome::Pages(stats) => assert_eq!((stats.written, stats.removed), (4, 0), "{stats:?}"),
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
    // Only what shows the headline is rendered again (the story moves, so its old
    // page is removed): under a third of the site's files, on this three-story site.
    let files = walkdir::WalkDir::new(session.output_dir())
        .into_iter()
        .count();
    match session.apply(&change(&[STORY])).unwrap() {
        Outcome::Pages(stats) => assert!(
            stats.written > 0 && stats.removed > 0 && (stats.written + stats.unchanged) * 3 < files,
            "{stats:?} of {files} files"
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

#[test]
fn a_failed_rebuild_is_not_patched_over() {
    // A title edit that fails with the body's broken link, then the link alone
    // fixed: the second change looks like a body edit, but the kept build still
    // has the old title, so it must be reassembled, not patched.
    let site = Site::fixture("basic");
    let (mut session, _live) = started(&site);
    let change = Changes {
        content: vec![PathBuf::from(STORY)],
        ..Changes::default()
    };
    let text = std::fs::read_to_string(site.path(STORY)).unwrap();
    let retitled = text.replace(
        "title: \"Google DeepMind and A24 announce a research partnership\"",
        "title: \"DeepMind and A24 partner\"",
    );
    assert_ne!(retitled, text);
    site.write(STORY, format!("{retitled}\nSee [gone](missing.md).\n"));
    assert!(
        session.apply(&change).is_err(),
        "a broken link fails the rebuild"
    );
    site.write(STORY, format!("{retitled}\nSee nothing.\n"));
    session.apply(&change).unwrap();
    assert_same_as_full_build(&site, &session, "fixed after a failed rebuild");
}

#[test]
fn a_body_edit_in_a_large_archive_reindexes_one_group_and_equals_a_full_build() {
    // The search index keeps its postings per group of 256 stories in `serve` and
    // collects only the edited story's group again: with 600 stories there are
    // three groups, and the story edited is in the middle one.
    let site = Site::fixture("empty");
    let corpus = crate::corpus::Corpus::new(600, 2026);
    corpus.write(site.root(), crate::corpus::Order::Forward);
    let (mut session, _live) = started(&site);
    let (rel, text) = corpus.story(300);
    assert_eq!(std::fs::read_to_string(site.path(&rel)).unwrap(), text);
    site.write(
        &rel,
        format!("{text}\nA zeppelin over Cannes, unheard of until now.\n"),
    );
    let change = Changes {
        content: vec![PathBuf::from(&rel)],
        ..Changes::default()
    };
    match session.apply(&change).unwrap() {
        // Patched in place: a handful of files, not a reassembly.
        Outcome::Pages(stats) => assert!(stats.written < 10, "{stats:?}"),
        other => panic!("{other:?}"),
    }
    assert_same_as_full_build(&site, &session, "body edit in group 2 of 3");
    let shards = holds(session.output_dir(), "search/shards/", "zeppelin\t");
    assert!(shards, "the new word is in a shard");
}

/// An edit to what a story shows (its headline, when the URL does not come from it,
/// its dek, its sources) patches the article in the kept site as a body edit does;
/// a headline the URL is made from reassembles the site. Each equals a full build.
#[test]
fn a_headline_or_dek_edit_is_patched_in_place_unless_the_url_moves() {
    let site = Site::fixture("basic");
    let (mut session, _live) = started(&site);
    let change = Changes {
        content: vec![PathBuf::from(STORY)],
        ..Changes::default()
    };
    let edit = |session: &mut Session, from: &str, to: &str, what: &str| {
        let text = std::fs::read_to_string(site.path(STORY)).unwrap();
        assert!(text.contains(from), "{what}: {from}");
        site.write(STORY, text.replacen(from, to, 1));
        let before = session.reassemblies();
        session.apply(&change).unwrap();
        assert_same_as_full_build(&site, session, what);
        session.reassemblies() - before
    };
    let title = "title: \"Google DeepMind and A24 announce a research partnership\"";
    assert_eq!(
        edit(
            &mut session,
            title,
            "title: \"DeepMind and A24 partner\"",
            "slug from the title"
        ),
        1,
        "the URL moved: reassembled"
    );
    assert_eq!(
        edit(
            &mut session,
            "title: ",
            "slug: fixed\ntitle: ",
            "slug added"
        ),
        1
    );
    assert_eq!(
        edit(
            &mut session,
            "DeepMind and A24 partner",
            "Zeppelins over Cannes",
            "headline"
        ),
        0,
        "patched"
    );
    assert_eq!(
        edit(&mut session, "summary: \"", "summary: \"Newly: ", "dek"),
        0,
        "patched"
    );
    let search = holds(session.output_dir(), "search/", "Zeppelins");
    assert!(search, "the search index has the new headline");
    assert_eq!(
        edit(
            &mut session,
            "category: AI Technology",
            "category: \"Law & Policy\"",
            "category"
        ),
        1
    );
}

/// Whether any file under `dir` whose path contains `within` holds `text`.
fn holds(dir: &std::path::Path, within: &str, text: &str) -> bool {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().to_string_lossy().contains(within))
        .any(|e| {
            std::fs::read_to_string(e.path())
                .unwrap_or_default()
                .contains(text)
        })
}

/// The browser is told to reload once, as soon as the story's page is written and
/// before the search index has the new words; when `apply_then` returns, the
/// index has them too and the folder equals a full build.
#[test]
fn the_reload_comes_with_the_pages_before_the_search_index() {
    let site = Site::fixture("basic");
    let (mut session, _live) = started(&site);
    let text = std::fs::read_to_string(site.path(STORY)).unwrap();
    site.write(STORY, format!("{text}\nA zeppelin over Cannes.\n"));
    let change = Changes {
        content: vec![PathBuf::from(STORY)],
        ..Changes::default()
    };
    let out = session.output_dir().to_path_buf();
    let mut seen = Vec::new();
    session
        .apply_then(&change, &mut |outcome| {
            assert!(matches!(outcome, Outcome::Pages(_)), "{outcome:?}");
            seen.push((
                holds(&out, "2026/07/05/", "A zeppelin over Cannes"),
                holds(&out, "search/", "zeppelin"),
            ));
        })
        .unwrap();
    assert_eq!(
        seen,
        [(true, false)],
        "(page written, index written) when told"
    );
    assert!(holds(&out, "search/", "zeppelin"), "the index follows");
    assert_same_as_full_build(&site, &session, "body edit, index after the page");
}

/// A save that moves the story (here its date, with a new word in its body)
/// reassembles the site, and the browser is told to reload once the pages are
/// written, before the search index is made again; when `apply_then` returns,
/// the index has the new word and the folder equals a full build.
#[test]
fn a_reassembled_edit_reloads_before_the_search_index() {
    let site = Site::fixture("basic");
    let (mut session, _live) = started(&site);
    let text = std::fs::read_to_string(site.path(STORY)).unwrap();
    let moved = text.replacen("date: 2026-07-05", "date: 2026-07-04", 1);
    site.write(STORY, format!("{moved}\nA zeppelin over Cannes.\n"));
    let change = Changes {
        content: vec![PathBuf::from(STORY)],
        ..Changes::default()
    };
    let out = session.output_dir().to_path_buf();
    let before = session.reassemblies();
    let mut seen = Vec::new();
    session
        .apply_then(&change, &mut |_| {
            seen.push((
                holds(&out, "2026/07/04/", "A zeppelin over Cannes"),
                holds(&out, "search/", "zeppelin"),
            ));
        })
        .unwrap();
    assert_eq!(session.reassemblies() - before, 1, "reassembled");
    assert_eq!(
        seen,
        [(true, false)],
        "(page written, index written) when told"
    );
    assert!(holds(&out, "search/", "zeppelin"), "the index follows");
    assert_same_as_full_build(&site, &session, "date edit, index after the pages");
}

/// A new story whose words need more shards than the index had: the route table
/// planned before the index was made had too few, so it is planned again, and the
/// folder still equals a full build.
#[test]
fn a_new_story_that_needs_more_shards_is_planned_again() {
    let site = Site::fixture("basic");
    let (mut session, _live) = started(&site);
    let shards = |session: &Session| {
        let dir = session.output_dir().join("search/shards");
        std::fs::read_dir(dir).unwrap().count()
    };
    let first = shards(&session);
    // Three thousand made-up words, each its own entry in the index.
    let words: Vec<String> = (0..3000u32)
        .map(|n| {
            let letters = (0..4).map(|k| char::from(b'a' + (n / 26u32.pow(k) % 26) as u8));
            format!("zq{}", letters.collect::<String>())
        })
        .collect();
    let rel = "content/2026/2026-07-06-glossary.md";
    site.write(
        rel,
        format!(
            "---\ntitle: A glossary\ndate: 2026-07-06\ncategory: AI Technology\nparties: []\n---\n\n{}\n",
            words.join(" ")
        ),
    );
    let change = Changes {
        content: vec![PathBuf::from(rel)],
        ..Changes::default()
    };
    session.apply(&change).unwrap();
    assert!(shards(&session) > first, "{first} shards before");
    assert_same_as_full_build(&site, &session, "a new story with many words");
    // And back: fewer shards, the extra files removed.
    std::fs::remove_file(site.path(rel)).unwrap();
    session.apply(&change).unwrap();
    assert_eq!(shards(&session), first);
    assert_same_as_full_build(&site, &session, "the story with many words deleted");
}
