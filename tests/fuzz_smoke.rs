//! The fuzz targets' checks (`fuzz/src/oracles.rs`), run by the normal `cargo test`
//! on a bounded, fixed set of inputs: every seed of `fuzz/corpus/<target>/`, then
//! deterministic mutations of them. Not a substitute for `cargo fuzz run` (see
//! docs/fuzzing.md), but it keeps the targets compiling and catches a regression on
//! the inputs fuzzing has already found interesting.

#[allow(dead_code)]
#[path = "../fuzz/src/oracles.rs"]
mod oracles;

use std::path::Path;

/// Mutations tried per target: a second or two in a debug build.
const MUTATIONS: usize = 400;

/// Xorshift: the same inputs on every run, no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() % items.len()]
    }
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let seeds: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    assert!(seeds.len() > 10, "{} has too few seeds", dir.display());
    seeds
}

/// A seed with a few pieces inserted, repeated, or cut out.
fn mutate(rng: &mut Rng, seed: &[u8], pieces: &[&str]) -> Vec<u8> {
    let mut out = seed.to_vec();
    for _ in 0..1 + rng.next() % 4 {
        let at = rng.next() % (out.len() + 1);
        match rng.next() % 3 {
            0 => {
                let piece = rng.pick(pieces).repeat(1 + rng.next() % 40);
                out.splice(at..at, piece.bytes());
            }
            1 => {
                let end = (at + rng.next() % 16).min(out.len());
                out.drain(at..end);
            }
            _ => {
                let end = (at + rng.next() % 64).min(out.len());
                let copy = out[at..end].to_vec();
                out.splice(at..at, copy);
            }
        }
    }
    out
}

#[test]
fn story_target_holds_on_seeds_and_mutations() {
    const PIECES: &[&str] = &[
        "[",
        "]",
        "{a: ",
        "}",
        "- ",
        "> ",
        "*",
        "_",
        "**",
        "`",
        "```",
        "|",
        "\n",
        "\n---\n",
        ":",
        "'",
        "\"",
        "#",
        "&a ",
        "*a",
        "![i](",
        "[l](x.md)",
        "<div>",
        "\\",
        "\t",
        "é",
        "\u{feff}",
        "\r\n",
        "| a |\n|---|\n",
        "[^1]",
        "\n    ",
    ];
    let seeds = seeds("story");
    for seed in &seeds {
        oracles::story(seed);
    }
    let mut rng = Rng(0x0005_70e1_f022);
    for _ in 0..MUTATIONS {
        let seed = rng.pick(&seeds).clone();
        oracles::story(&mutate(&mut rng, &seed, PIECES));
    }
}

#[test]
fn request_path_target_holds_on_seeds_and_mutations() {
    const PIECES: &[&str] = &[
        "/",
        "..",
        ".",
        "%2e",
        "%2E",
        "%2f",
        "%5c",
        "\\",
        "%00",
        "leak",
        "secret.txt",
        "private",
        "a%20b",
        "%",
        "%c0%ae",
        "?",
        "#",
        "//",
        "index.html",
        "%25",
    ];
    let site = oracles::PreviewSite::new();
    let seeds = seeds("request_path");
    for seed in &seeds {
        site.request(seed);
    }
    let mut rng = Rng(0x9a7b_0a2d);
    for _ in 0..MUTATIONS {
        let seed = rng.pick(&seeds).clone();
        site.request(&mutate(&mut rng, &seed, PIECES));
    }
}
