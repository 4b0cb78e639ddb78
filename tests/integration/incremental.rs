//! The guard of the incremental engine: random sequences of edits of every kind are
//! applied to a generated site (with declared authors), and after each one the preview folder of a `serve`
//! session and the output of a cached `build` are compared, byte for byte, with a
//! fresh full build. A kind that reads something it does not declare leaves a stale
//! page behind, and this test names the edit and the file.

use std::path::{Path, PathBuf};

use smartpicks::BuildOptions;
use smartpicks::serve::{Changes, Session};

use crate::corpus::{Corpus, Order};
use crate::harness::{NOW, Site, differences, tree};

const STORIES: usize = 40;
const STEPS: usize = 48;
/// Declared authors of the generated site.
const AUTHORS: usize = 4;

/// Every kind of edit a writer or an editor makes.
#[derive(Debug, Clone, Copy)]
enum Edit {
    Body,
    Embed,
    Title,
    Summary,
    Date,
    Category,
    Parties,
    Tags,
    Featured,
    Draft,
    Slug,
    Authors,
    AuthorBio,
    Correction,
    NewStory,
    Rename,
    Delete,
    LinkToStory,
    Config,
    Template,
    Static,
    ImageBytes,
    AddImage,
    /// A file of a page-bundle story (`<name>/index.md`), added or changed.
    BundleFile,
}

const EDITS: [Edit; 24] = [
    Edit::Body,
    Edit::Embed,
    Edit::Title,
    Edit::Summary,
    Edit::Date,
    Edit::Category,
    Edit::Parties,
    Edit::Tags,
    Edit::Featured,
    Edit::Draft,
    Edit::Slug,
    Edit::Authors,
    Edit::AuthorBio,
    Edit::Correction,
    Edit::NewStory,
    Edit::Rename,
    Edit::Delete,
    Edit::LinkToStory,
    Edit::Config,
    Edit::Template,
    Edit::Static,
    Edit::AddImage,
    Edit::ImageBytes,
    Edit::BundleFile,
];

/// xorshift64*: fixed forever, so a failing sequence can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}

/// The generated site, with links between stories taken out (a story that others
/// link to cannot be deleted without breaking the build; `LinkToStory` adds links
/// back, to stories that are then never deleted or renamed).
fn corpus_site() -> Site {
    let site = Site::fixture("empty");
    Corpus::new(STORIES, 7)
        .with_authors(AUTHORS)
        .write(site.root(), Order::Forward);
    for rel in stories(site.root()) {
        let text = source(&site, &rel);
        site.write(&rel, unlink(&text));
    }
    site.write("static/images/poster.png", "a poster");
    site
}

/// `[Code](@/2024/x.md)` becomes `Code`.
fn unlink(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("](@/") {
        let open = rest[..at].rfind('[').expect("a link has a text");
        let close = at + rest[at..].find(')').expect("a link ends");
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..at]);
        rest = &rest[close + 1..];
    }
    out + rest
}

/// The story files, relative to the root, sorted.
fn stories(root: &Path) -> Vec<String> {
    let mut list: Vec<String> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    list.sort();
    list
}

/// A file of the site's sources.
fn source(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).unwrap()
}

/// Replaces the front-matter line starting with `key:` (or adds one).
fn set_key(text: &str, key: &str, value: &str) -> String {
    let end = text[4..].find("\n---").unwrap() + 4;
    let (front, body) = text.split_at(end);
    let mut lines: Vec<String> = front
        .lines()
        .filter(|l| !l.starts_with(&format!("{key}:")))
        .map(str::to_owned)
        .collect();
    lines.push(format!("{key}: {value}"));
    lines.join("\n") + body
}

/// Drops the front-matter line starting with `key:`.
fn drop_key(text: &str, key: &str) -> String {
    let end = text[4..].find("\n---").unwrap() + 4;
    let (front, body) = text.split_at(end);
    let lines: Vec<&str> = front
        .lines()
        .filter(|l| !l.starts_with(&format!("{key}:")))
        .collect();
    lines.join("\n") + body
}

/// Applies one edit; returns what changed, as the watcher would report it.
fn edit(site: &Site, rng: &mut Rng, kind: Edit, step: usize, linked: &mut Vec<String>) -> Changes {
    let all = stories(site.root());
    let free: Vec<&String> = all.iter().filter(|s| !linked.contains(s)).collect();
    let pick = all[rng.below(all.len())].clone();
    let story = |rel: &str| Changes {
        content: vec![PathBuf::from(rel)],
        ..Changes::default()
    };
    let text = source(site, &pick);
    let front = |key: &str, value: String| {
        site.write(&pick, set_key(&text, key, &value));
        story(&pick)
    };
    const CATEGORIES: [&str; 3] = ["AI Technology", "Studios & Deals", "Festivals & Awards"];
    const PARTIES: [&str; 4] = ["Runway", "Adobe", "A New Party", "Lionsgate"];
    match kind {
        Edit::Body => {
            site.write(&pick, format!("{text}\nAn added paragraph, edit {step}.\n"));
            story(&pick)
        }
        // Video embeds added to a body: its page then loads the player's script.
        Edit::Embed => {
            site.write(
                &pick,
                format!(
                    "{text}\n```embed\nhttps://youtu.be/aqz-KE-bpKQ?t={step}\ntitle: Trailer {step}\n\
                     poster: /images/poster.png\n```\n\nhttps://vimeo.com/{step}\n"
                ),
            );
            story(&pick)
        }
        Edit::Title => front("title", format!("\"A new headline, edit {step}\"")),
        Edit::Summary => front("summary", format!("\"A new dek, edit {step}.\"")),
        Edit::Date => front(
            "date",
            format!(
                "20{:02}-0{}-1{}",
                19 + rng.below(8),
                1 + rng.below(9),
                rng.below(10)
            ),
        ),
        Edit::Category => front("category", format!("\"{}\"", CATEGORIES[rng.below(3)])),
        Edit::Parties => front("parties", format!("[\"{}\"]", PARTIES[rng.below(4)])),
        Edit::Tags => front("tags", format!("[\"tag {}\", \"dubbing\"]", rng.below(3))),
        Edit::Featured => front("featured", (rng.below(2) == 0).to_string()),
        Edit::Draft => front("draft", (rng.below(2) == 0).to_string()),
        Edit::Slug => front("slug", format!("custom-slug-{step}")),
        Edit::Authors => {
            // One or two declared authors, or none (the site's default author).
            let names: Vec<String> = (0..rng.below(3))
                .map(|_| format!("\"{}\"", Corpus::author(rng.below(AUTHORS))))
                .collect();
            let text = drop_key(&text, "author");
            site.write(
                &pick,
                set_key(&text, "authors", &format!("[{}]", names.join(", "))),
            );
            story(&pick)
        }
        Edit::AuthorBio => {
            let toml = source(site, "site.toml");
            let nth = rng.below(AUTHORS);
            let at = toml.match_indices("bio = \"").nth(nth).unwrap().0;
            let toml = format!("{}bio = \"Edit {step}. {}", &toml[..at], &toml[at + 7..]);
            site.write("site.toml", toml);
            Changes {
                config: true,
                ..Changes::default()
            }
        }
        Edit::Correction => correct(site, rng, step, &all, &pick),
        Edit::NewStory => {
            let rel = format!("content/2026/new-{step}.md");
            site.write(
                &rel,
                format!("---\ntitle: \"New story {step}\"\ndate: 2026-0{}-12\ncategory: \"AI Technology\"\nparties: [\"Runway\"]\n---\n\nNew body {step}.\n", 1 + rng.below(9)),
            );
            story(&rel)
        }
        Edit::Rename | Edit::Delete if free.len() > 5 => {
            let victim = free[rng.below(free.len())].clone();
            let body = source(site, &victim);
            site.remove(&victim);
            let mut changed = vec![PathBuf::from(&victim)];
            if let Edit::Rename = kind {
                let to = format!("content/2025/renamed-{step}.md");
                site.write(&to, body);
                changed.push(PathBuf::from(to));
            }
            Changes {
                content: changed,
                ..Changes::default()
            }
        }
        Edit::Rename | Edit::Delete => edit(site, rng, Edit::Body, step, linked),
        Edit::LinkToStory => {
            let target = all[rng.below(all.len())].clone();
            if target == pick {
                return edit(site, rng, Edit::Body, step, linked);
            }
            let inside = target.trim_start_matches("content/");
            site.write(
                &pick,
                format!("{text}\nSee [the earlier story](@/{inside}).\n"),
            );
            linked.push(target);
            story(&pick)
        }
        Edit::Config => {
            let toml = source(site, "site.toml");
            let toml = match rng.below(2) {
                0 => toml.replacen(
                    "paginate_by = ",
                    &format!("paginate_by = {}\n#", 5 + rng.below(10)),
                    1,
                ),
                _ => toml.replacen("title = \"", &format!("title = \"Edit {step} "), 1),
            };
            site.write("site.toml", toml);
            Changes {
                config: true,
                ..Changes::default()
            }
        }
        Edit::Template => {
            site.write(
                "templates/404.html",
                format!(
                    "{{% extends \"base.html\" %}}{{% block content %}}Gone {step}{{% endblock %}}"
                ),
            );
            Changes {
                templates: true,
                ..Changes::default()
            }
        }
        Edit::AddImage | Edit::ImageBytes => picture(site, rng, kind, step, &pick, &text),
        Edit::BundleFile => {
            // The bundle's story is written on the first such edit; its files are
            // published beside its page.
            let story = "content/2026/bundle/index.md";
            let mut changes = Changes::default();
            if !site.path(story).exists() {
                site.write(
                    story,
                    "---\ntitle: \"A bundle\"\ndate: 2026-03-03\ncategory: \"AI Technology\"\nparties: []\n---\n\nSee [the notes](notes-0.txt).\n",
                );
                changes.content.push(PathBuf::from(story));
            }
            let rel = format!("content/2026/bundle/notes-{}.txt", rng.below(2));
            site.write(&rel, format!("bundled notes {step}"));
            changes.assets.push(PathBuf::from(rel));
            changes
        }
        Edit::Static => {
            let rel = format!("static/notes-{}.txt", rng.below(3));
            site.write(&rel, format!("notes {step}"));
            Changes {
                assets: vec![PathBuf::from(rel)],
                ..Changes::default()
            }
        }
    }
}

/// A story's picture: a new one (the lead image, or one in the body), or other
/// bytes for one a story shows (its variants get new names, the pages showing it new
/// URLs, the old files go).
fn picture(site: &Site, rng: &mut Rng, kind: Edit, step: usize, pick: &str, text: &str) -> Changes {
    let shown: Vec<String> = (0..3)
        .map(|n| format!("static/pictures/p{n}.jpg"))
        .filter(|rel| site.root().join(rel).is_file())
        .collect();
    let (w, h) = (400 + 40 * rng.below(4) as u32, 260 + step as u32);
    if let (Edit::ImageBytes, Some(rel)) = (kind, shown.first()) {
        site.write(rel, crate::images::jpeg(w, h));
        return Changes {
            assets: vec![PathBuf::from(rel)],
            ..Changes::default()
        };
    }
    let n = rng.below(3);
    let rel = format!("static/pictures/p{n}.jpg");
    site.write(&rel, crate::images::jpeg(w, h));
    let written = format!("/pictures/p{n}.jpg");
    let text = if rng.below(2) == 0 {
        set_key(text, "image", &written)
    } else {
        format!("{text}\n![A still, edit {step}]({written})\n")
    };
    site.write(pick, text);
    Changes {
        content: vec![PathBuf::from(pick)],
        assets: vec![PathBuf::from(rel)],
        ..Changes::default()
    }
}

/// Corrections in turn added (to `pick`, when no story has any), reworded and
/// removed: the story's page, its feed entries, the corrections pages and the
/// sitemap's `lastmod` follow. Dated after every date the corpus and the other
/// edits give a story.
fn correct(site: &Site, rng: &mut Rng, step: usize, all: &[String], pick: &str) -> Changes {
    let line = |rel: &str| {
        source(site, rel)
            .lines()
            .find(|l| l.starts_with("corrections: [{"))
            .map(str::to_owned)
    };
    let corrected: Vec<(&String, String)> = all
        .iter()
        .filter_map(|rel| line(rel).map(|l| (rel, l)))
        .collect();
    let day = 21 + rng.below(2);
    let (target, value) = match corrected.get(rng.below(corrected.len().max(1))) {
        None => (
            pick,
            format!(
                "[{{date: 2026-11-{day}, text: \"Edit {step} *corrects* a figure.\"}}, \
                 {{date: \"2026-11-21T09:00:00+01:00\", text: \"A name was misspelled.\"}}]"
            ),
        ),
        // As many notes as before, so the corrections page changes only in what
        // they say, and a later one, so the story's `lastmod` changes too.
        Some((rel, notes)) if notes.contains("*corrects*") => (
            rel.as_str(),
            format!(
                "[{{date: 2026-11-{day}, text: \"Edit {step} rewords the note.\"}}, \
                 {{date: 2026-11-23, text: \"A date was wrong.\"}}]"
            ),
        ),
        Some((rel, _)) => (rel.as_str(), "[]".to_owned()),
    };
    let text = source(site, target);
    site.write(target, set_key(&text, "corrections", &value));
    Changes {
        content: vec![PathBuf::from(target)],
        ..Changes::default()
    }
}

#[test]
fn random_edits_rebuilt_incrementally_equal_full_builds() {
    let site = corpus_site();
    let now: jiff::Timestamp = NOW.parse().unwrap();
    let options = |output: &str, no_cache: bool| BuildOptions {
        output: Some(site.path(output)),
        now: Some(now),
        no_cache,
        ..BuildOptions::new(site.root())
    };
    let live = tempfile::tempdir().unwrap();
    let mut session = Session::new(options("unused", true), &live.path().join("out")).unwrap();
    session.rebuild_all().unwrap();
    smartpicks::build(&options("cached", false)).unwrap();
    let mut rng = Rng(0x5EED_2026);
    let mut linked = Vec::new();
    for step in 0..STEPS {
        // Every kind once in turn, then at random.
        let kind = match EDITS.get(step) {
            Some(&kind) => kind,
            None => EDITS[rng.below(EDITS.len())],
        };
        let changes = edit(&site, &mut rng, kind, step, &mut linked);
        let served = session.apply(&changes);
        let cached = smartpicks::build(&options("cached", false));
        let full = smartpicks::build(&options("full", true));
        match full {
            Err(e) => {
                assert!(
                    served.is_err() && cached.is_err(),
                    "step {step} ({kind:?}): a full build fails ({e}) but the incremental ones do not"
                );
                panic!("step {step} ({kind:?}) made the site invalid: {e}");
            }
            Ok(_) => {
                served.unwrap_or_else(|e| panic!("step {step} ({kind:?}): serve failed: {e}"));
                cached
                    .unwrap_or_else(|e| panic!("step {step} ({kind:?}): cached build failed: {e}"));
            }
        }
        let expected = tree(&site.path("full"));
        for (what, output) in [
            ("serve", session.output_dir()),
            ("cached build", &site.path("cached")),
        ] {
            let found = differences(&expected, &tree(output));
            assert!(
                found.is_empty(),
                "step {step} ({kind:?}): {what}: {found:#?}"
            );
        }
    }
}
