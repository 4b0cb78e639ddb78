//! Every `smartpicks` command written in README.md and docs/ works as written: each
//! is found in the Markdown (code blocks, workflow `run:` lines and inline code),
//! and run by the real binary on a fixture site. Values that are placeholders by
//! nature (a folder, a CI variable, a moment) are replaced by real ones; flags and
//! subcommands never are, so a renamed or removed flag fails here.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{NOW, Site};

/// One documented invocation: where it was written and its arguments.
#[derive(Debug)]
struct Documented {
    place: String,
    args: Vec<String>,
}

/// The Markdown files whose commands are run.
fn documents() -> Vec<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![repo.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(repo.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// Splits a command line the way `sh` does for the quoting the docs use.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word: Option<String> = None;
    let mut quote = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_default().push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                word.get_or_insert_default();
            }
            (None, c) if c.is_whitespace() => out.extend(word.take()),
            (None, c) => word.get_or_insert_default().push(c),
        }
    }
    out.extend(word);
    out
}

/// The `smartpicks ...` invocations in one line of shell, cut at the operators that
/// end a command (`&&`, `|`, `>`, `;`, `)`).
fn invocations(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("smartpicks ") {
        let starts_command = rest[..at]
            .trim_end()
            .chars()
            .last()
            .is_none_or(|c| matches!(c, '(' | '&' | '|' | ';' | ':' | '`'));
        let tail = &rest[at..];
        let end = ["&&", "|", ">", ";", ")", "`", "\\"]
            .iter()
            .filter_map(|op| tail.find(op))
            .min()
            .unwrap_or(tail.len());
        if starts_command {
            found.push(tail[..end].trim().to_owned());
        }
        rest = &tail["smartpicks ".len()..];
    }
    found
}

fn documented() -> Vec<Documented> {
    let mut all = Vec::new();
    for file in documents() {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let mut in_block = false;
        let mut block_lang = String::new();
        let mut pending = String::new();
        for (n, line) in text.lines().enumerate() {
            if let Some(lang) = line.trim_start().strip_prefix("```") {
                in_block = !in_block;
                block_lang = lang.trim().to_owned();
                continue;
            }
            let place = format!("{name}:{}", n + 1);
            let lines: Vec<String> = if in_block {
                // Usage lines (`[--flag]`) are checked against --help elsewhere.
                if block_lang.is_empty() && line.contains('[') {
                    continue;
                }
                pending.push_str(line.trim_end_matches('\\'));
                if line.ends_with('\\') {
                    continue;
                }
                vec![std::mem::take(&mut pending)]
            } else {
                line.split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_owned)
                    .collect()
            };
            for line in lines {
                for command in invocations(&line) {
                    // `<command>`, `<shell>`: a pattern, not an invocation.
                    if command.contains('<') {
                        continue;
                    }
                    let args = words(&command)[1..].to_vec();
                    if !args.is_empty() {
                        all.push(Documented {
                            place: place.clone(),
                            args,
                        });
                    }
                }
            }
        }
    }
    all
}

/// The real value for a placeholder argument: the value after `flag`.
fn real_value(flag: &str, value: &str, site: &Path, scratch: &Path) -> String {
    match flag {
        "-r" | "--root" => site.display().to_string(),
        "--now" if value.contains('$') => NOW.to_owned(),
        "-u" | "--base-url" if value.contains('$') => "https://example.org/docs/".to_owned(),
        "-o" | "--output" | "--output-dir" => scratch.join("out").display().to_string(),
        _ => value.to_owned(),
    }
}

/// Runs a documented `serve` until it says where it serves, then stops it.
fn serves(args: &[String], site: &Path) -> Result<(), String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_smartpicks"))
        .args(args)
        .args(["--port", "0"])
        .current_dir(site)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(60);
    let served = std::io::BufRead::lines(stdout)
        .map_while(Result::ok)
        .take_while(|_| Instant::now() < deadline)
        .any(|l| l.contains("Serving on"));
    let _ = child.kill();
    let output = child.wait_with_output().unwrap();
    served
        .then_some(())
        .ok_or_else(|| String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn every_documented_command_runs_as_written() {
    let commands = documented();
    assert!(
        commands.len() >= 15,
        "only {} commands found",
        commands.len()
    );
    let mut failures = Vec::new();
    for command in &commands {
        // Checking links asks the internet; tests/integration/external_links.rs runs it
        // against a local server instead.
        if command.args.iter().any(|a| a == "--links") {
            continue;
        }
        let site = Site::fixture("basic");
        let scratch = tempfile::tempdir().unwrap();
        let mut args = command.args.clone();
        for i in 1..args.len() {
            args[i] = real_value(&args[i - 1].clone(), &args[i], site.root(), scratch.path());
        }
        let dir = match args.first().map(String::as_str) {
            // `init DIR` makes a new site: in an empty folder.
            Some("init") => scratch.path(),
            _ => site.root(),
        };
        let outcome = if matches!(args.first().map(String::as_str), Some("serve" | "server")) {
            serves(&args, dir)
        } else {
            let output = Command::new(env!("CARGO_BIN_EXE_smartpicks"))
                .args(&args)
                .current_dir(dir)
                .output()
                .unwrap();
            output
                .status
                .success()
                .then_some(())
                .ok_or_else(|| String::from_utf8_lossy(&output.stderr).into_owned())
        };
        if let Err(stderr) = outcome {
            failures.push(format!(
                "{}: smartpicks {}\n{stderr}",
                command.place,
                args.join(" ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_extraction_finds_commands_in_every_form() {
    assert_eq!(
        invocations("(cd /x && smartpicks build --future) | tee log"),
        ["smartpicks build --future"]
    );
    assert_eq!(
        invocations("run: smartpicks build --base-url \"$URL\""),
        ["smartpicks build --base-url \"$URL\""]
    );
    assert_eq!(invocations("the smartpicks site"), Vec::<String>::new());
    assert_eq!(
        words("new \"Title here\" --category 'AI Technology'"),
        ["new", "Title here", "--category", "AI Technology"]
    );
}
