//! Benchmarks (not timed tests): a full build of a generated corpus, and the
//! save-to-rebuilt latency of `serve` for one story edit on a 10,000-story archive.
//!
//! Corpora come from `../shared/bench/gen_corpus.py` (deterministic); they are made
//! under `/dev/shm/smartpicks-bench/` (or `target/` without tmpfs) on first run. `bench/run.sh` compares whole-process
//! builds against Hugo; figures are recorded in `docs/benchmarks.md`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use smartpicks::BuildOptions;
use smartpicks::serve::{Changes, Session};

/// Makes (once) a corpus of `n` stories with the project's theme and the benchmark
/// overlay `bench/site.toml`, on tmpfs where there is one: on this kind of VM the
/// disk's file system calls are slow and noisy enough to drown the generator.
fn corpus(n: usize) -> PathBuf {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let base = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        repo.join("target")
    };
    let dir = base.join(format!("smartpicks-bench/n{n}"));
    if !dir.join("content").is_dir() {
        let status = Command::new("python3")
            .arg(repo.join("../shared/bench/gen_corpus.py"))
            .args([
                "--n",
                &n.to_string(),
                "--flavor",
                "ours",
                "--force",
                "--out",
            ])
            .arg(&dir)
            .status()
            .expect("python3 runs ../shared/bench/gen_corpus.py");
        assert!(status.success(), "gen_corpus.py failed");
    }
    std::fs::copy(repo.join("bench/site.toml"), dir.join("site.toml")).unwrap();
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

fn serve_edit(c: &mut Criterion) {
    let root = corpus(10_000);
    let out = tempfile::tempdir().unwrap();
    let opts = BuildOptions {
        base_url: Some("http://127.0.0.1:1111/".into()),
        ..options(&root)
    };
    let mut session = Session::new(opts, &out.path().join("site")).unwrap();
    session.rebuild_all().unwrap();
    let story = std::fs::read_dir(root.join("content"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .min()
        .unwrap();
    let rel = story.strip_prefix(&root).unwrap().to_path_buf();
    let original = std::fs::read_to_string(&story).unwrap();
    let changes = Changes {
        content: vec![rel],
        ..Changes::default()
    };
    let mut group = c.benchmark_group("serve");
    group.sample_size(50);
    let mut n = 0u64;
    group.bench_function("one story body edit, 10000 stories", |b| {
        b.iter(|| {
            n += 1;
            // A new last paragraph each time, as a writer's save would add.
            std::fs::write(&story, format!("{original}\nEdit number {n}.\n")).unwrap();
            session.apply(&changes).unwrap()
        });
    });
    // A changed headline reaches lists, feeds and related stories: the site is
    // re-rendered from the cached stories and Markdown, unchanged files left alone.
    group.sample_size(10);
    group.bench_function("one story title edit, 10000 stories", |b| {
        b.iter(|| {
            n += 1;
            let edited = original.replacen("title: ", &format!("title: Edit {n} of "), 1);
            std::fs::write(&story, edited).unwrap();
            session.apply(&changes).unwrap()
        });
    });
    group.finish();
    std::fs::write(&story, original).unwrap();
}

criterion_group!(benches, full_build, serve_edit);
criterion_main!(benches);
