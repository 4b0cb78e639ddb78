//! What the command line prints: the build summary, `check`'s findings and errors.
//! Colour goes to a terminal only: `anstream` drops it when the output is piped, when
//! `NO_COLOR` is set or `TERM=dumb`, and `CLICOLOR_FORCE` forces it.

use std::fmt::Display;
use std::path::Path;

use anstyle::{AnsiColor, Style};

use crate::authoring::CheckReport;
use crate::build::{BuildReport, display_output};
use crate::error::Severity;

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const DONE: Style = AnsiColor::Green.on_default().bold();
const QUIET: Style = Style::new().dimmed();

/// How much the commands print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// The outcome of each command.
    Normal,
    /// The outcome, and where the time went.
    Verbose,
}

/// `word` painted in `style` (the escape codes are dropped when not on a terminal).
fn paint(style: Style, word: impl Display) -> String {
    format!("{style}{word}{style:#}")
}

/// The label a finding or an error starts with, in its colour.
pub fn severity_label(severity: Severity) -> String {
    match severity {
        Severity::Error => paint(ERROR, severity.label()),
        Severity::Warning => paint(WARNING, severity.label()),
    }
}

/// Prints an error that ended a command, on standard error.
pub fn error(e: &impl Display) {
    anstream::eprintln!("{}: {e}", severity_label(Severity::Error));
}

/// `1 story`, `2 stories`: a count with its noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The build's one-line outcome, then (unless quiet) what it made, as Hugo's
/// summary table does, and with `--verbose` the time each stage took.
pub fn build_summary(root: &Path, report: &BuildReport, verbosity: Verbosity) {
    if verbosity == Verbosity::Quiet {
        return;
    }
    let unchanged = report.pages - report.rendered.min(report.pages);
    let cached = if unchanged > 0 {
        format!(" ({} rendered, {unchanged} unchanged)", report.rendered)
    } else {
        String::new()
    };
    anstream::println!(
        "{} {} into {} files{cached} in {} ms → {}",
        paint(DONE, "Built"),
        count(report.stories, "story", "stories"),
        report.pages,
        report.elapsed.as_millis(),
        display_output(root, &report.output),
    );
    let mut rows: Vec<(String, usize)> = report
        .made
        .iter()
        .map(|(family, n)| (family.label().to_owned(), *n))
        .collect();
    rows.push(("Static files".to_owned(), report.static_files));
    rows.push(("  of which images".to_owned(), report.images));
    if report.picture_files > 0 {
        rows.push(("Picture files".to_owned(), report.picture_files));
        rows.push(("  encoded now".to_owned(), report.pictures_encoded));
    }
    for (label, n) in rows {
        anstream::println!("  {label:<20}{n:>7}");
    }
    if verbosity == Verbosity::Verbose {
        let (made, reused) = report.media;
        anstream::println!("  {:<20}{made:>7}", "Media files made");
        anstream::println!("  {:<20}{reused:>7}", "  reused from store");
        anstream::println!("{}", paint(QUIET, "  time per stage"));
        for (stage, took) in &report.stages {
            anstream::println!("  {stage:<20}{:>7} ms", took.as_millis());
        }
    }
}

/// `check`'s findings for people, with coloured labels on a terminal.
pub fn check_text(report: &CheckReport) {
    anstream::print!("{}", report.to_text_with(severity_label));
}
