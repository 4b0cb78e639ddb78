//! Hostile input: multi-megabyte and pathological front-matter and Markdown is
//! accepted or refused with a clear error, never a hang or a crash. There are no
//! timing asserts; a generous timeout only catches hangs. The release-mode timings
//! of the same cases are in docs/fuzzing.md (`hostile_timings` below prints them).

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{NOW, Run, Site};

/// Far beyond any case even in a debug build on a loaded machine; only a hang (the
/// 40,000-level YAML took 26 s before the limits) gets near it.
const HANG: Duration = Duration::from_secs(120);

/// About how big each Markdown case is.
const MIB: usize = 1 << 20;

const FRONT: &str = "title: Hostile\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\n";

/// A valid story titled `title` with this body.
fn story(title: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\n---\n{body}"
    )
}

/// A Markdown body of about two MiB, built by repeating `unit`.
fn body(unit: &str) -> String {
    unit.repeat(2 * MIB / unit.len())
}

/// Bodies that stress the Markdown parser, the renderer's own passes (heading ids,
/// table of contents, words, first paragraph, links) and the highlighter.
fn markdown_cases() -> Vec<(&'static str, String)> {
    let table_row = "| a | *b* | [c](/x/) |\n";
    vec![
        ("long-line", body("word ")),
        ("deep-blockquote", format!("{}x\n", ">".repeat(2 * MIB))),
        ("deep-list", format!("{}x\n", "- ".repeat(MIB))),
        ("emphasis", body("*a **b _c __d ~~e ")),
        ("open-brackets", body("[a ![b ")),
        ("backticks", body("`a ``b ```c ")),
        ("html-and-entities", body("<div>&amp;&#x110000;</span>")),
        (
            "table",
            format!("| a | b | c |\n|---|---|---|\n{}", body(table_row)),
        ),
        (
            "wide-table",
            format!(
                "{}|\n{}|\n{}|\n",
                "| a ".repeat(MIB / 8),
                "|-".repeat(MIB / 8),
                "| b ".repeat(MIB / 8)
            ),
        ),
        ("headings", body("## Same heading\n\n")),
        ("story-links", body("[x](2026-07-05-deepmind-a24.md#what) ")),
        ("footnotes", body("text[^a] [^a]: note\n\n")),
        (
            "code",
            format!(
                "```rust\n{}```\n",
                body("fn main() { let x = \"s\"; } // c\n")
            ),
        ),
    ]
}

/// Front-matter that must be refused: (file, text, the error line expected).
fn front_matter_cases() -> Vec<(&'static str, String, &'static str)> {
    // Nine anchors, each nine aliases of the one before: 9^9 strings if expanded.
    let laughs: String = (1..10)
        .map(|i| format!(", &l{i} [{}]", vec![format!("*l{}", i - 1); 9].join(",")))
        .collect();
    vec![
        (
            "deep.md",
            format!(
                "---\n{FRONT}summary: {}{}\n---\nBody\n",
                "[".repeat(30_000),
                "]".repeat(30_000)
            ),
            "content/deep.md:6: summary: lists and maps are nested more than 16 levels deep",
        ),
        (
            "deeper.md",
            format!(
                "---\n{FRONT}summary: {}{}\n---\nBody\n",
                "{a: ".repeat(100_000),
                "}".repeat(100_000)
            ),
            "content/deeper.md:6: summary: the front-matter is 488.4 KiB, more than the limit of 64.0 KiB; \"summary\" alone takes 488.",
        ),
        (
            "huge-title.md",
            format!(
                "---\ntitle: {}\ndate: 2026-07-01\n---\nBody\n",
                "a".repeat(50 * MIB)
            ),
            "content/huge-title.md:2: title: the front-matter is 50.0 MiB, more than the limit of 64.0 KiB; \"title\" alone takes 50.0 MiB",
        ),
        (
            "laughs.md",
            format!("---\n{FRONT}tags: [&l0 [x,x,x,x,x,x,x,x,x]{laughs}, *l9]\n---\nBody\n"),
            "content/laughs.md:6: tags: invalid type: sequence, expected a string",
        ),
    ]
}

/// Runs the binary like `Site::run`, killing it if it hangs.
fn run_within(site: &Site, args: &[&str]) -> Run {
    run_binary(env!("CARGO_BIN_EXE_smartpicks"), site, args)
}

fn run_binary(binary: &str, site: &Site, args: &[&str]) -> Run {
    let out = tempfile::tempfile().unwrap();
    let err = tempfile::tempfile().unwrap();
    let mut child = Command::new(binary)
        .args(args)
        .current_dir(site.root())
        .stdout(Stdio::from(out.try_clone().unwrap()))
        .stderr(Stdio::from(err.try_clone().unwrap()))
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > HANG {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("smartpicks {args:?} hung for {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |mut file: std::fs::File| {
        use std::io::{Read, Seek};
        let mut bytes = Vec::new();
        file.seek(std::io::SeekFrom::Start(0)).unwrap();
        file.read_to_end(&mut bytes).unwrap();
        bytes
    };
    Run {
        output: Output {
            status,
            stdout: read(out),
            stderr: read(err),
        },
    }
}

#[test]
fn huge_markdown_bodies_build() {
    let site = Site::fixture("basic");
    for (name, text) in markdown_cases() {
        site.write(&format!("content/2026/{name}.md"), story(name, &text));
    }
    run_within(&site, &["build", "--now", NOW]).ok();
    for (name, _) in markdown_cases() {
        let html = site.read(&format!("2026/07/01/{name}/index.html"));
        assert!(html.len() > MIB, "{name}: {} bytes", html.len());
    }
}

#[test]
fn front_matter_bombs_are_refused_with_file_line_and_key() {
    let site = Site::fixture("basic");
    site.build(&[]).ok();
    let before = site.read("index.html");
    for (file, text, _) in front_matter_cases() {
        site.write(&format!("content/{file}"), text);
    }
    let err = run_within(&site, &["build", "--now", NOW]).fails();
    for (file, _, expected) in front_matter_cases() {
        assert!(
            err.contains(expected),
            "{file}: expected {expected:?} in\n{err}"
        );
    }
    assert!(
        err.contains("hint: front-matter is for short facts"),
        "{err}"
    );
    assert!(err.contains("hint: front-matter values are text"), "{err}");
    assert_eq!(site.read("index.html"), before, "the previous site changed");
    // `check` gives the same findings, with the code.
    let json = run_within(&site, &["check", "--now", NOW, "--format", "json"]).stdout();
    assert_eq!(json.matches("\"front-matter-limit\"").count(), 3, "{json}");
}

/// Prints how long `check` and `build` take on each case alone, with the binary
/// named by `SMARTPICKS_BIN` (the release build, for docs/fuzzing.md):
/// `cargo build --release && SMARTPICKS_BIN=target/release/smartpicks cargo test
/// --test integration hostile_timings -- --ignored --nocapture --test-threads 1`
#[test]
#[ignore = "a measurement for docs/fuzzing.md, not a test"]
fn hostile_timings() {
    let binary = std::env::var("SMARTPICKS_BIN")
        .map(|b| {
            std::path::absolute(b)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_smartpicks").to_owned());
    println!("binary: {binary}");
    let mut cases: Vec<(String, String)> = markdown_cases()
        .into_iter()
        .map(|(name, text)| (format!("{name}.md"), story(name, &text)))
        .collect();
    cases.extend(
        front_matter_cases()
            .into_iter()
            .map(|(f, t, _)| (f.to_owned(), t)),
    );
    for (file, text) in cases {
        let site = Site::fixture("basic");
        site.write(&format!("content/2026/{file}"), &text);
        for command in ["check", "build"] {
            let start = Instant::now();
            let run = run_binary(&binary, &site, &[command, "--now", NOW]);
            println!(
                "{file:<24} {:>6.1} MiB  {command:<5} {:>6} ms  exit {}",
                text.len() as f64 / MIB as f64,
                start.elapsed().as_millis(),
                run.output.status.code().unwrap_or(-1)
            );
        }
    }
}
