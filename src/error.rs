//! Errors of the library. Content problems are [`Diagnostic`]s, collected across every
//! file so a writer sees all of them at once; everything else is an [`Error`] that ends
//! the build. The CLI prints either once, in plain words, and maps it to an exit code.

use std::fmt;
use std::path::PathBuf;

/// How serious a finding is: errors stop a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Worth a look; the build goes on.
    Warning,
}

/// One problem in one source file, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line in the file; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    /// A stable identifier of the kind of problem, e.g. `unknown-key`, for editors and CI.
    pub code: &'static str,
    /// The front-matter key (or other name) the problem is about, if any.
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Error or warning.
    pub severity: Severity,
}

impl Diagnostic {
    /// An error about `file` at `line`.
    pub fn error(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            column: 0,
            code: "error",
            key: None,
            message: message.into(),
            hint: None,
            severity: Severity::Error,
        }
    }

    /// A warning about `file` at `line`.
    pub fn warning(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, message)
        }
    }

    /// Sets the stable code of the problem.
    pub fn code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }

    /// Sets the 1-based column.
    pub fn column(mut self, column: usize) -> Self {
        self.column = column;
        self
    }

    /// Names the key the problem is about.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Adds a hint on how to fix the problem.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        write!(f, ": ")?;
        if let Some(key) = &self.key {
            write!(f, "{key}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every content diagnostic of one build, in a stable order (by file, then line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let n = self.0.len();
        write!(f, "{n} error{} in content", if n == 1 { "" } else { "s" })
    }
}

/// Why a build (or another command) stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `site.toml` is missing, unreadable or invalid.
    #[error("{0}")]
    Config(Diagnostic),
    /// One or more content files are invalid; every one is listed.
    #[error("{0}")]
    Content(Diagnostics),
    /// The theme or a template is missing or does not parse.
    #[error("{0}")]
    Theme(Diagnostic),
    /// A template failed while rendering a page.
    #[error("{template}:{line}: template error while rendering {page}: {message}")]
    Render {
        /// The template's name, e.g. `article.html`.
        template: String,
        /// 1-based line in the template, 0 when unknown.
        line: usize,
        /// The output path of the page being rendered.
        page: String,
        /// The template engine's message.
        message: String,
    },
    /// The output folder is unsafe to replace.
    #[error("refusing to write output to {path}: {reason}")]
    UnsafeOutput {
        /// The folder asked for.
        path: PathBuf,
        /// Why it is refused.
        reason: String,
    },
    /// A file system operation failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done, e.g. "cannot read".
        action: &'static str,
        /// The path it was done to.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A command-line value is invalid.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// Wraps an I/O error with the action and the path it concerns.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
