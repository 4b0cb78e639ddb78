//! Writes a benchmark corpus: `--stories N` generated stories (the integration tests'
//! generator, so the same seed gives the same files everywhere) into `--out DIR`.
//!
//! `--flavor ours` (default) adds `bench/site.toml` with the generator's declared
//! parties, and `themes/`; `--flavor hugo` writes the same stories with Hugo's
//! front-matter and adds the Hugo site in `bench/hugo/`.

use std::path::Path;

use rayon::prelude::*;
use smartpicks_bench_harness::args::{self, Args};
use smartpicks_bench_harness::corpus::Corpus;
use smartpicks_bench_harness::{hugo, photo, repo_root, tree};

const USAGE: &str =
    "usage: corpus --stories N --out DIR [--flavor ours|hugo] [--seed S] [--authors A] [--images 1]

Writes N generated stories (seed S, default 2026) and the site files of the flavor
into DIR. DIR must be empty, missing, or a corpus this program wrote (it is replaced).
With --authors A (flavor ours), site.toml declares A authors under [[authors]] and
stories name one or two of them with authors: instead of a free-text author:.
With --images 1 (flavor ours), each story gets a lead image: a photo-like
2000 × 1300 JPEG of its own (content/pictures/<n>.jpg, ~300 KB), named by image:
relative to the story file.";

/// The file that marks a folder as a corpus this program wrote, safe to replace.
const MARK: &str = ".bench-corpus";

fn main() {
    let args = Args::parse(USAGE);
    args.only(&["stories", "out", "flavor", "seed", "authors", "images"]);
    let stories = args.number("stories", 0) as usize;
    if stories == 0 {
        args::fail(USAGE, "--stories must be a positive number");
    }
    let seed = args.number("seed", 2026);
    let out = Path::new(args.required("out"));
    let flavor = args.get("flavor").unwrap_or("ours");
    if !matches!(flavor, "ours" | "hugo") {
        args::fail(USAGE, "--flavor is ours or hugo");
    }
    let authors = args.number("authors", 0) as usize;
    if authors > 100 || (authors > 0 && flavor == "hugo") {
        args::fail(
            USAGE,
            "--authors is at most 100, and only for --flavor ours",
        );
    }
    let images = args.number("images", 0) == 1;
    if images && flavor == "hugo" {
        args::fail(USAGE, "--images is only for --flavor ours");
    }
    prepare(out);
    let corpus = Corpus::new(stories, seed).with_authors(authors);
    let repo = repo_root();
    (0..stories).into_par_iter().for_each(|i| {
        let (rel, text) = corpus.story(i);
        let text = if flavor == "hugo" {
            hugo::convert(&text)
        } else if images {
            // Beside the stories, named relative to the story file (as a colocated
            // picture is): under content/, so no build copies the originals.
            let name = format!("pictures/{i}.jpg");
            let file = out.join("content").join(&name);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, photo::jpeg(i as u64 ^ seed)).unwrap();
            let depth = Path::new(&rel).components().count() - 2;
            let written = format!("{}{name}", "../".repeat(depth));
            text.replacen("---\n", &format!("---\nimage: {written}\n"), 1)
        } else {
            text
        };
        let path = out.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    });
    if flavor == "hugo" {
        tree::copy(&repo.join("bench/hugo"), out);
        tree::copy(&repo.join("themes/smartpicks/static"), &out.join("static"));
    } else {
        std::fs::write(out.join("site.toml"), site_toml(&repo, &corpus)).unwrap();
        tree::copy(&repo.join("themes"), &out.join("themes"));
    }
    std::fs::write(
        out.join(MARK),
        format!("{flavor} {stories} {seed} {images}\n"),
    )
    .unwrap();
}

/// Empties `out`, refusing a non-empty folder this program did not write.
fn prepare(out: &Path) {
    if out.is_dir() {
        let empty = std::fs::read_dir(out).unwrap().next().is_none();
        if !empty && !out.join(MARK).is_file() {
            args::fail(
                USAGE,
                &format!("{} is not a corpus this program wrote", out.display()),
            );
        }
        tree::remove(out);
    }
    std::fs::create_dir_all(out).unwrap();
}

/// `bench/site.toml` followed by the parties the generator declares (with their
/// aliases), so party spellings in stories fold into one party as on the real site,
/// and the declared authors, if any.
fn site_toml(repo: &Path, corpus: &Corpus) -> String {
    let base = std::fs::read_to_string(repo.join("bench/site.toml")).unwrap();
    let generated = corpus.site_toml();
    let parties = generated
        .find("\n[[parties]]")
        .map_or("", |at| &generated[at..]);
    format!("{}\n{}{}", base.trim_end(), parties, corpus.authors_toml())
}
