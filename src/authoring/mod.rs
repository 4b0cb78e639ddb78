//! Writers' tools: `new` (a story with valid front-matter), `check` (every problem a
//! build would reject, plus warnings, without writing) and `init` (a new site).

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result, Severity};

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
    /// Publication date (default: today).
    pub date: Option<String>,
    /// Mark as draft.
    pub draft: bool,
}

/// What `smartpicks check` is asked to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The moment that counts as now; the clock when absent.
    pub now: Option<jiff::Timestamp>,
}

/// Every finding of a check.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Errors and warnings, sorted by file and line.
    pub findings: Vec<Diagnostic>,
}

impl CheckReport {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|d| d.severity == Severity::Error)
    }

    /// The findings as text, ending with a count line.
    pub fn to_text(&self) -> String {
        unimplemented_report()
    }

    /// One JSON object per finding, one per line.
    pub fn to_json(&self) -> String {
        unimplemented_report()
    }
}

fn unimplemented_report() -> String {
    String::new()
}

/// Writes a new story; returns its path.
pub fn new_story(_story: &NewStory) -> Result<PathBuf> {
    Err(Error::Usage("`smartpicks new` is not available yet".into()))
}

/// Checks a site without writing output.
pub fn check(_options: &CheckOptions) -> Result<CheckReport> {
    Err(Error::Usage(
        "`smartpicks check` is not available yet".into(),
    ))
}

/// Creates a new site in `dir`.
pub fn init(_dir: &Path) -> Result<()> {
    Err(Error::Usage(
        "`smartpicks init` is not available yet".into(),
    ))
}
