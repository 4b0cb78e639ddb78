//! The floor: the least a generator of this site must do, written as a well-made
//! minimal one would be. It reads every story of a corpus, renders its Markdown body
//! with pulldown-cmark (the version and features smartpicks uses), and writes as many
//! files, into the same folders, with as many bytes in all, as a smartpicks build of
//! the corpus wrote: each file is a rendered body repeated or cut to the size of the
//! file it stands for. No front-matter parsing, templates, indexes or feeds: what
//! smartpicks spends above this is what its features cost.
//!
//! Two steps, so the timed run reads no smartpicks output:
//!
//!     floor plan --like OUT --plan FILE      (once: the paths and sizes OUT holds)
//!     floor run --corpus DIR --plan FILE --out DIR [--threads 2]

use std::path::{Path, PathBuf};

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;
use smartpicks_bench_harness::args::{self, Args};
use smartpicks_bench_harness::tree;

const USAGE: &str = "usage: floor plan --like OUT --plan FILE
       floor run --corpus DIR --plan FILE --out DIR [--threads N]

`plan` records every file under OUT (a smartpicks build) with its size; `run` reads
and renders every story under DIR/content and writes the planned files under DIR.";

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    // The mode word is not an option: parse the rest as options.
    let args = Args::parse_from(std::env::args().skip(2), USAGE);
    match mode.as_str() {
        "plan" => {
            args.only(&["like", "plan"]);
            plan(
                Path::new(args.required("like")),
                Path::new(args.required("plan")),
            );
        }
        "run" => {
            args.only(&["corpus", "plan", "out", "threads"]);
            let threads = args.number("threads", 2) as usize;
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build_global()
                .unwrap();
            run(
                Path::new(args.required("corpus")),
                Path::new(args.required("plan")),
                Path::new(args.required("out")),
            );
        }
        _ => args::fail(USAGE, "the first argument is plan or run"),
    }
}

/// Writes `size<TAB>path` for every file under `like`.
fn plan(like: &Path, to: &Path) {
    let lines: String = tree::files(like)
        .iter()
        .map(|e| format!("{}\t{}\n", e.bytes, e.rel))
        .collect();
    std::fs::write(to, lines).unwrap();
}

fn run(corpus: &Path, plan: &Path, out: &Path) {
    let plan = std::fs::read_to_string(plan).unwrap();
    let files: Vec<(usize, &str)> = plan
        .lines()
        .map(|line| {
            let (size, rel) = line.split_once('\t').expect("size<TAB>path");
            (size.parse().unwrap(), rel)
        })
        .collect();
    let sources: Vec<PathBuf> = tree::files(&corpus.join("content"))
        .into_iter()
        .filter(|e| e.rel.ends_with(".md"))
        .map(|e| e.path)
        .collect();
    let bodies: Vec<String> = sources.par_iter().map(|p| render(p)).collect();
    make_folders(out, &files);
    files.par_iter().enumerate().for_each(|(i, (size, rel))| {
        let body = bodies[i % bodies.len()].as_bytes();
        let mut bytes = Vec::with_capacity(*size);
        if body.is_empty() {
            bytes.resize(*size, b' ');
        }
        while bytes.len() < *size {
            let take = (*size - bytes.len()).min(body.len());
            bytes.extend_from_slice(&body[..take]);
        }
        std::fs::write(out.join(rel), bytes).unwrap();
    });
}

/// Reads one story and renders its Markdown body (the part after the YAML block)
/// with the extensions smartpicks turns on (`src/markdown/mod.rs`).
fn render(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let body = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(text.as_str(), |(_, body)| body);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut html = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html, Parser::new_ext(body, options));
    html
}

/// Creates `out` and every folder the plan's files go in, a level at a time (the
/// folders of one level in parallel, each once).
fn make_folders(out: &Path, files: &[(usize, &str)]) {
    std::fs::create_dir_all(out).unwrap();
    let mut folders: Vec<&str> = files
        .iter()
        .filter_map(|(_, rel)| rel.rsplit_once('/').map(|(dir, _)| dir))
        .flat_map(|dir| dir.match_indices('/').map(|(i, _)| &dir[..i]).chain([dir]))
        .collect();
    folders.sort_unstable();
    folders.dedup();
    let depth = |d: &&str| d.matches('/').count();
    let deepest = folders.iter().map(depth).max().unwrap_or(0);
    for level in 0..=deepest {
        folders
            .par_iter()
            .filter(|d| depth(d) == level)
            .for_each(|d| std::fs::create_dir(out.join(d)).unwrap());
    }
}
