//! Writers' tools: `new` (a story with valid front-matter), `check` (every problem a
//! build would reject, plus warnings, without writing; with `--links`, external links
//! that are dead too) and `init` (a new site from files embedded in the binary).
//!
//! None of them has rules of its own about what a valid story is: `new` runs what it
//! writes through the content loader, and `check` runs the build's stages in memory,
//! so the three commands and `build` cannot disagree.

mod check;
mod init;
mod links;
mod new;
mod placeholders;
mod schedule;
mod terms;
mod warnings;

use std::path::PathBuf;

use crate::error::{Diagnostic, Severity};

pub use check::check;
pub use init::init;
pub use links::{LinkOptions, LinkSummary};
pub use new::new_story;
pub use schedule::Scheduled;

/// What `smartpicks new` is asked to write.
#[derive(Debug, Clone)]
pub struct NewStory {
    /// The site folder.
    pub root: PathBuf,
    /// The headline.
    pub title: String,
    /// A declared category.
    pub category: String,
    /// Parties.
    pub parties: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Publication date, `YYYY-MM-DD` or RFC 3339 (default: today, in UTC).
    pub date: Option<String>,
    /// Write `draft: true` (what `new` does unless told to publish).
    pub draft: bool,
}

/// What `smartpicks check` is asked to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The moment that counts as now; the clock when absent.
    pub now: Option<jiff::Timestamp>,
    /// Also request the published stories' external links, and how; `None` checks
    /// nothing over the network.
    pub links: Option<LinkOptions>,
}

/// Every finding of a check, and what is scheduled to go live.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Errors and warnings, sorted by file, line and column.
    pub findings: Vec<Diagnostic>,
    /// Valid stories dated after `now` that are not drafts, soonest first.
    pub scheduled: Vec<Scheduled>,
    /// What the link check did, when links were checked.
    pub links: Option<LinkSummary>,
    /// The moment the check took as now.
    pub now: jiff::Timestamp,
}

/// One finding as a JSON line: the fields editors and CI read, in a fixed order.
#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    file: String,
    line: usize,
    column: usize,
    severity: Severity,
    code: crate::error::Code,
    key: Option<&'a str>,
    message: &'a str,
    hint: Option<&'a str>,
}

impl CheckReport {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// How many findings have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// The findings as text, each printed the way `build` prints an error
    /// (`error: file:line: key: message` and an indented hint), then the scheduled
    /// stories (a `Scheduled, soonest first:` section and when the next goes live,
    /// when there are any), then, when links were checked, `Checked 12 links: 1
    /// dead`, then a count line such as `1 error, 2 warnings`.
    pub fn to_text(&self) -> String {
        self.to_text_with(|severity| severity.label().to_owned())
    }

    /// [`CheckReport::to_text`] with each finding's label made by `label` (the
    /// command line colours it on a terminal).
    pub fn to_text_with(&self, label: impl Fn(Severity) -> String) -> String {
        let mut out = String::new();
        for d in &self.findings {
            out.push_str(&format!("{}: {d}\n", label(d.severity)));
        }
        out.push_str(&schedule::to_text(&self.scheduled, self.now));
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        if let Some(links) = self.links {
            out.push_str(&format!(
                "Checked {}: {} dead\n",
                plural(links.checked, "link"),
                links.dead
            ));
        }
        out.push_str(&format!(
            "{}, {}\n",
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning")
        ));
        out
    }

    /// One JSON object per finding, one per line, with the keys `file`, `line`,
    /// `column`, `severity`, `code`, `key`, `message` and `hint` (`null` when absent).
    /// There is no count line: a consumer counts the lines. When stories are
    /// scheduled, one last line of another shape lists them,
    /// `{"scheduled":[{"title","file","date"}, ...]}` (see [`Scheduled`]); such a
    /// site always has findings too (each scheduled story is a `future` warning), so a
    /// clean site still prints nothing.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        for d in &self.findings {
            let finding = JsonFinding {
                file: d.file.to_string_lossy().replace('\\', "/"),
                line: d.line,
                column: d.column,
                severity: d.severity,
                code: d.code,
                key: d.key.as_deref(),
                message: &d.message,
                hint: d.hint.as_deref(),
            };
            out.push_str(&serde_json::to_string(&finding).expect("a finding serialises"));
            out.push('\n');
        }
        out.push_str(&schedule::to_json(&self.scheduled));
        out
    }
}
