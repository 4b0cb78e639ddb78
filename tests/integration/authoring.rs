//! Writers' commands: `new` writes a story that builds, `check` reports every problem
//! (each finding kind with its code, file and line) without writing output, and `init`
//! makes a site that builds at once, anywhere.

mod check;
mod check_markdown;
mod check_schedule;
mod check_warnings;
mod init;
mod new;

use std::path::Path;
use std::process::Command;

use crate::harness::{NOW, Run, Site};

/// Runs `smartpicks <args>` in `dir` (which need not be a fixture site).
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_smartpicks"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    Run { output }
}

/// One finding of `check --format json`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Finding {
    pub file: String,
    pub line: u64,
    column: u64,
    severity: String,
    pub code: String,
    pub message: String,
    hint: Option<String>,
}

/// `check --now NOW --format json`: its findings and whether it exited 0.
pub(crate) fn check_json(site: &Site) -> (Vec<Finding>, bool) {
    let run = site.run(&["check", "--now", NOW, "--format", "json"]);
    assert!(
        !run.stderr().contains("panicked"),
        "the binary panicked:\n{}",
        run.stderr()
    );
    let stdout = run.stdout();
    let mut lines: Vec<&str> = stdout.lines().collect();
    // The schedule line, when there is one, comes last (`check_schedule` reads it).
    if lines
        .last()
        .is_some_and(|l| l.starts_with("{\"scheduled\":"))
    {
        lines.pop();
    }
    let findings = lines
        .into_iter()
        .map(|l| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"));
            let text = |k: &str| {
                v[k].as_str()
                    .unwrap_or_else(|| panic!("no {k} in {l}"))
                    .to_owned()
            };
            let number = |k: &str| v[k].as_u64().unwrap_or_else(|| panic!("no {k} in {l}"));
            Finding {
                file: text("file"),
                line: number("line"),
                column: number("column"),
                severity: text("severity"),
                code: text("code"),
                message: text("message"),
                hint: v["hint"].as_str().map(str::to_owned),
            }
        })
        .collect();
    (findings, run.output.status.success())
}

/// The (file, line) of every finding with this code, in report order.
fn positions(findings: &[Finding], code: &str) -> Vec<(String, u64)> {
    findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| (f.file.clone(), f.line))
        .collect()
}

/// (file, line) pairs from string literals.
fn at(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|(f, l)| ((*f).to_owned(), *l)).collect()
}
