//! Benchmarks (not timed tests): a full build of a generated corpus, and the
//! save-to-rebuilt latency of `serve` for each kind of story edit.
//!
//! Corpora come from the integration tests' generator (`tests/integration/corpus/`,
//! seed 2026, included below by path) with the benchmark settings `bench/site.toml`,
//! as `bench/run.sh` builds them; they are written under `/dev/shm/smartpicks-bench/`
//! (or `target/` without tmpfs) on first run. The full build uses 1,000 stories; the
//! `serve` benches use `SMARTPICKS_BENCH_STORIES` stories (default 1,000; 10,000 is
//! the archive the latency targets are about, and takes a few minutes), with
//! `SMARTPICKS_BENCH_AUTHORS` declared authors (default none: free-text bylines).
//! Figures are recorded in `docs/benchmarks.md`.

#[path = "../tests/integration/corpus/mod.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use smartpicks::BuildOptions;
use smartpicks::serve::{Changes, Session};

const SEED: u64 = 2026;

// The allocator the `smartpicks` binary runs with (src/main.rs; here with mimalloc's
// default options, where the binary tunes two of them for memory, and with freed
// pages kept during the serve benches, as `serve` keeps them), so the benches time
// what `build` and `serve` do; the system allocator made a reassembly about a sixth
// slower.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Makes (once) a corpus of `n` stories with the project's theme and `bench/site.toml`
/// plus the generator's declared parties, on tmpfs where there is one: on this kind of
/// VM the disk's file system calls are slow and noisy enough to drown the generator.
fn corpus(n: usize) -> PathBuf {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let base = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        repo.join("target")
    };
    let authors: usize = std::env::var("SMARTPICKS_BENCH_AUTHORS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let dir = match authors {
        0 => base.join(format!("smartpicks-bench/criterion-n{n}")),
        a => base.join(format!("smartpicks-bench/criterion-n{n}-a{a}")),
    };
    let generator = corpus::Corpus::new(n, SEED).with_authors(authors);
    if !dir.join("content").is_dir() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        generator.write(&dir, corpus::Order::Forward);
    }
    // The generator's site.toml gives way to the one bench/harness's `corpus` writes.
    let settings = std::fs::read_to_string(repo.join("bench/site.toml")).unwrap();
    let generated = generator.site_toml();
    let parties = generated
        .find("\n[[parties]]")
        .map_or("", |at| &generated[at..]);
    let site_toml = format!(
        "{}\n{parties}{}",
        settings.trim_end(),
        generator.authors_toml()
    );
    std::fs::write(dir.join("site.toml"), site_toml).unwrap();
    copy_dir(&repo.join("themes"), &dir.join("themes"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        future: true,
        ..BuildOptions::new(root)
    }
}

fn full_build(c: &mut Criterion) {
    let root = corpus(1000);
    let mut group = c.benchmark_group("build");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("full build, 1000 stories", |b| {
        b.iter(|| smartpicks::build(&options(&root)).unwrap());
    });
    group.finish();
}

/// Writing the search index from a loaded site, against the whole model it is built
/// beside (the budget: at most a tenth of a full build).
///
///     SMARTPICKS_BENCH_STORIES=10000 cargo bench --bench build -- search
fn search_index(c: &mut Criterion) {
    let stories = serve_stories();
    let root = corpus(stories);
    let site = smartpicks::build::load_site(&options(&root)).unwrap();
    let mut group = c.benchmark_group("search");
    group.sample_size(10);
    group.bench_function(format!("index, {stories} stories"), |b| {
        b.iter(|| {
            let facets = smartpicks::search::Facets::of(&site.indexes);
            smartpicks::search::SearchIndex::build(&site.config, &site.articles, &facets, false)
        });
    });
    group.finish();
}

/// How many stories the `serve` benches' archive has.
fn serve_stories() -> usize {
    std::env::var("SMARTPICKS_BENCH_STORIES")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(1000)
}

/// One kind of edit: how the story's text reads after the `n`th save (`n` counts up
/// from 1, so every save changes the file and odd and even saves alternate).
struct Edit {
    name: &'static str,
    /// The site keeps its shape (body, headline, dek): the story is patched in
    /// place and only what reads it is rendered. Other edits reassemble the site.
    /// Either way the browser reloads before the search index follows.
    patched: bool,
    apply: fn(&str, u64) -> String,
}

const EDITS: [Edit; 6] = [
    Edit {
        name: "body",
        patched: true,
        // A new last paragraph each time, as a writer's save would add.
        apply: |text, n| format!("{text}\nEdit number {n}.\n"),
    },
    Edit {
        name: "title",
        patched: true,
        apply: |text, n| text.replacen("title: \"", &format!("title: \"Edit {n} of "), 1),
    },
    Edit {
        name: "summary",
        patched: true,
        apply: |text, n| text.replacen("summary: \"", &format!("summary: \"Edit {n}: "), 1),
    },
    Edit {
        name: "date",
        patched: false,
        // One day later on odd saves: the story moves between days (and sometimes
        // weeks and months) in every list, archive and digest.
        apply: |text, n| {
            let at = text.find("\ndate: ").unwrap() + "\ndate: ".len();
            let date: jiff::civil::Date = text[at..at + 10].parse().unwrap();
            let date = if n % 2 == 1 {
                date.tomorrow().unwrap()
            } else {
                date
            };
            format!("{}{date}{}", &text[..at], &text[at + 10..])
        },
    },
    Edit {
        name: "category",
        patched: false,
        apply: |text, n| {
            let line = text.lines().find(|l| l.starts_with("category: ")).unwrap();
            let other = if line.contains("Production") {
                "Law & Policy"
            } else {
                "Production"
            };
            let to = if n % 2 == 1 {
                format!("category: \"{other}\"")
            } else {
                line.to_owned()
            };
            text.replacen(line, &to, 1)
        },
    },
    Edit {
        name: "parties",
        patched: false,
        // A party added on odd saves, gone again on even ones.
        apply: |text, n| {
            let party = if n % 2 == 1 { "\"Moonvalley\", " } else { "" };
            text.replacen("parties: [", &format!("parties: [{party}"), 1)
        },
    },
];

fn serve_edit(c: &mut Criterion) {
    // As `serve` runs (the other benches keep mimalloc's defaults); criterion
    // runs one bench at a time, and rayon's workers are idle between them.
    // SAFETY: no other thread allocates between benches.
    unsafe { smartpicks::serve::keep_freed_pages() };
    let stories = serve_stories();
    let root = corpus(stories);
    // Where `serve` keeps its preview (in memory when the machine has room).
    let out = tempfile::tempdir_in(smartpicks::serve::preview_base()).unwrap();
    let opts = BuildOptions {
        base_url: Some("http://127.0.0.1:1111/".into()),
        ..options(&root)
    };
    let mut session = Session::new(opts, &out.path().join("site")).unwrap();
    session.rebuild_all().unwrap();
    // The earliest story that has every key an edit changes (a summary and no
    // "Moonvalley" among its parties) and no old URLs (`aliases`), which a copy of it
    // (the new-story bench) would claim a second time.
    let story = story_files(&root)
        .into_iter()
        .find(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            text.contains("\nsummary: ")
                && !text.contains("Moonvalley")
                && !text.contains("\naliases: ")
        })
        .unwrap();
    let rel = story.strip_prefix(&root).unwrap().to_path_buf();
    let original = std::fs::read_to_string(&story).unwrap();
    let changes = Changes {
        content: vec![rel],
        ..Changes::default()
    };
    let mut group = c.benchmark_group("serve");
    let mut n = 0u64;
    for edit in &EDITS {
        // A patched edit takes milliseconds; the others reassemble the site from
        // the cached stories, about half a second at 10,000 stories.
        group.sample_size(if edit.patched { 30 } else { 10 });
        let name = format!("one story {} edit, {stories} stories", edit.name);
        group.bench_function(name, |b| {
            b.iter(|| {
                n += 1;
                std::fs::write(&story, (edit.apply)(&original, n)).unwrap();
                session.apply(&changes).unwrap()
            });
        });
        // What the writer waits for: from the save to the browser's reload, which
        // comes before the search index is written.
        let name = format!("one story {} edit to reload, {stories} stories", edit.name);
        group.bench_function(name, |b| {
            b.iter_custom(|iterations| {
                to_reload(&mut session, iterations, || {
                    n += 1;
                    std::fs::write(&story, (edit.apply)(&original, n)).unwrap();
                    changes.clone()
                })
            });
        });
        std::fs::write(&story, &original).unwrap();
        session.apply(&changes).unwrap();
    }
    for when in [NewStory::Newest, NewStory::Backdated] {
        new_story(&mut group, &mut session, &root, &original, (stories, when));
    }
    group.finish();
    // Back to mimalloc's default for the benches after this one.
    // SAFETY: as above.
    unsafe { smartpicks::serve::set_purge_delay(10) };
}

/// Where a new story lands among the others.
#[derive(Clone, Copy, PartialEq)]
enum NewStory {
    /// Dated after every other story, as a writer's new story is: it goes first
    /// in every list it is in.
    Newest,
    /// With the date of the story it copies, one of the earliest: every story
    /// after it moves one place down its lists.
    Backdated,
}

/// A new story file saved into the archive, one more on every iteration, made
/// from `template` (one of the earliest stories); the new files are removed
/// afterwards. The iterations are timed to the reload and to the end, as the
/// edits above are.
fn new_story(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    session: &mut Session,
    root: &Path,
    template: &str,
    (stories, when): (usize, NewStory),
) {
    let mut created = Vec::new();
    group.sample_size(10);
    let what = match when {
        NewStory::Newest => "new story",
        NewStory::Backdated => "backdated new story",
    };
    let save = |created: &mut Vec<PathBuf>| {
        let k = created.len();
        let rel =
            PathBuf::from(format!("content/2026/2026-11-21-bench-{what}-{k}.md").replace(' ', "-"));
        let mut text = template.replacen("title: \"", &format!("title: \"New story {k}: "), 1);
        if when == NewStory::Newest {
            // The corpus ends on 2026-11-20; each new story a minute after the last.
            let at = text.find("\ndate: ").unwrap() + 1;
            let end = at + text[at..].find('\n').unwrap();
            let date = format!("date: 2026-11-21T{:02}:{:02}:00Z", 8 + k / 60 % 12, k % 60);
            text.replace_range(at..end, &date);
        }
        std::fs::write(root.join(&rel), text).unwrap();
        created.push(rel.clone());
        Changes {
            content: vec![rel],
            ..Changes::default()
        }
    };
    group.bench_function(format!("{what}, {stories} stories"), |b| {
        b.iter(|| session.apply(&save(&mut created)).unwrap());
    });
    group.bench_function(format!("{what} to reload, {stories} stories"), |b| {
        b.iter_custom(|iterations| to_reload(session, iterations, || save(&mut created)));
    });
    for rel in &created {
        std::fs::remove_file(root.join(rel)).unwrap();
    }
    let changes = Changes {
        content: created,
        ..Changes::default()
    };
    session.apply(&changes).unwrap();
}

/// Makes `iterations` saves with `save` (which writes the file and says what
/// changed) and sums what each waited, from the save to the browser's reload.
fn to_reload(
    session: &mut Session,
    iterations: u64,
    mut save: impl FnMut() -> Changes,
) -> Duration {
    let mut waited = Duration::ZERO;
    for _ in 0..iterations {
        let saved = std::time::Instant::now();
        let changes = save();
        let mut reload = None;
        session
            .apply_then(&changes, &mut |_| reload = Some(saved.elapsed()))
            .unwrap();
        waited += reload.expect("told once");
    }
    waited
}

/// Every story file under `root/content`, in path order.
fn story_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
}

criterion_group!(benches, full_build, serve_edit, search_index);
criterion_main!(benches);
