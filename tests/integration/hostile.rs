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

const MIB: usize = 1 << 20;

const FRONT: &str = "title: Hostile\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\n";

/// A valid story titled `title` with this body.
fn story(title: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\n---\n{body}"
    )
}

/// Bodies of about `size` bytes that stress the Markdown parser, the renderer's own
/// passes (heading ids, table of contents, words, first paragraph, links), the
/// highlighter and `check`'s link warnings.
fn markdown_cases(size: usize) -> Vec<(&'static str, String)> {
    let body = |unit: &str| unit.repeat(size / unit.len());
    let table_row = "| a | *b* | [c](/x/) |\n";
    vec![
        ("long-line", body("word ")),
        ("deep-blockquote", format!("{}x\n", ">".repeat(size))),
        ("deep-list", format!("{}x\n", "- ".repeat(size / 2))),
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
                "| a ".repeat(size / 12),
                "|-".repeat(size / 12),
                "| b ".repeat(size / 12)
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

/// The cases that nest past `body-limit`: blockquotes, lists, raw HTML left open.
const REFUSED: &[&str] = &["deep-blockquote", "deep-list", "html-and-entities"];

/// One MiB per case here (two in the timings): a debug build takes a while on them.
#[test]
fn huge_markdown_bodies_build() {
    let site = Site::fixture("basic");
    let (deep, cases): (Vec<_>, Vec<_>) = markdown_cases(MIB)
        .into_iter()
        .partition(|(name, _)| REFUSED.contains(name));
    for (name, text) in &cases {
        site.write(&format!("content/2026/{name}.md"), story(name, text));
    }
    run_within(&site, &["build", "--now", NOW]).ok();
    for (name, text) in &cases {
        let html = site.read(&format!("2026/07/01/{name}/index.html"));
        assert!(html.len() > text.len() / 2, "{name}: {} bytes", html.len());
    }
    // Nesting a page cannot carry is refused, on its line, by build and check.
    for (name, text) in &deep {
        site.write(&format!("content/2026/{name}.md"), story(name, text));
    }
    let err = site.build(&[]).fails();
    let json = run_within(&site, &["check", "--now", NOW, "--format", "json"]).stdout();
    for (name, _) in &deep {
        let place = format!("content/2026/{name}.md:7: ");
        assert!(
            err.contains(&place) && err.contains("the limit is 32"),
            "{name}: {err}"
        );
        assert!(
            json.contains(&format!("\"file\":\"content/2026/{name}.md\",\"line\":7,")),
            "{name}"
        );
    }
}

/// `check` warns about every link to a missing page, on its line and column; with
/// 90,000 of them in a 2 MiB table it hung for minutes while each link recounted
/// the lines before it.
#[test]
fn check_warns_about_many_broken_site_links_in_one_pass() {
    let site = Site::fixture("basic");
    let row = "| a | *b* | [c](/x/) |\n";
    let table = format!(
        "| a | b | c |\n|---|---|---|\n{}",
        row.repeat(2 * MIB / row.len())
    );
    site.write("content/2026/table.md", story("table", &table));
    let json = run_within(&site, &["check", "--now", NOW, "--format", "json"]).stdout();
    let warnings = json.matches("\"file\":\"content/2026/table.md\"").count();
    assert!(warnings > 80_000, "{warnings} warnings about the table");
    let first = "\"file\":\"content/2026/table.md\",\"line\":9,\"column\":13,";
    assert!(json.contains(first), "{}", &json[..2000]);
}

/// CPU time of the finished child processes so far, in milliseconds (Linux), so the
/// timings mean something on a machine busy with other work.
fn children_cpu_ms() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
    // cutime and cstime, in clock ticks of 10 ms.
    [13, 14]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
        .sum::<u64>()
        * 10
}

/// Prints how long `check` and `build` take on each case alone (wall clock and CPU),
/// with the binary named by `SMARTPICKS_BIN` (the release build, for
/// docs/fuzzing.md): `cargo build --release && SMARTPICKS_BIN=target/release/smartpicks
/// cargo test --test integration hostile_timings -- --ignored --nocapture`
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
    let mut cases: Vec<(String, String)> = markdown_cases(2 * MIB)
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
            let (start, cpu) = (Instant::now(), children_cpu_ms());
            let run = run_binary(&binary, &site, &[command, "--now", NOW]);
            println!(
                "| {file} | {:.1} MiB | {command} | {} ms | {} ms | {} |",
                text.len() as f64 / MIB as f64,
                start.elapsed().as_millis(),
                children_cpu_ms() - cpu,
                run.output.status.code().unwrap_or(-1)
            );
        }
    }
}
