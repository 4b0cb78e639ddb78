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

impl Severity {
    /// How a finding of this severity is labelled: `error`, `warning`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The kind of a finding: a stable identifier for editors and CI (`unknown-key`), and
/// the finding's severity. Every code is documented in the README's table of `check`
/// codes; a test keeps the two in step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// A front-matter key the story format does not have.
    UnknownKey,
    /// A required front-matter key is absent.
    MissingKey,
    /// A value of the wrong type (a list where text is expected, ...).
    InvalidType,
    /// A date that does not parse, is out of range, or is inconsistent.
    InvalidDate,
    /// A category that `site.toml` does not declare.
    UnknownCategory,
    /// An author that `site.toml` does not declare under `[[authors]]` (once it
    /// declares any), named by a story or by the site's default `author`.
    UnknownAuthor,
    /// A `slug:` that is not a usable URL segment.
    InvalidSlug,
    /// A `sources` entry without a usable title or URL.
    InvalidSource,
    /// An alias that cannot be a redirect path.
    InvalidAlias,
    /// The title is empty.
    EmptyTitle,
    /// Any other value the story format rejects (too long, forbidden characters, ...).
    InvalidValue,
    /// The front-matter is not valid YAML.
    InvalidYaml,
    /// The front-matter is larger, or nests lists and maps deeper, than the limits
    /// in `content::frontmatter::limits` (valid YAML that is refused all the same).
    FrontMatterLimit,
    /// The front-matter's closing `---` is missing.
    UnclosedFrontMatter,
    /// The file does not start with `---`.
    NoFrontMatter,
    /// The file is empty.
    EmptyFile,
    /// The file is not UTF-8 text.
    InvalidUtf8,
    /// The file cannot be read.
    Unreadable,
    /// A `*.md` name under `content/` that is no story file: a symbolic link leaving
    /// the site, dangling or looping, a FIFO, socket or device; or a folder link that
    /// leaves the site or loops.
    IrregularFile,
    /// Neither the title nor `slug:` gives a URL segment.
    NoSlug,
    /// A story body nesting blockquotes or lists past the limit.
    BodyLimit,
    /// Two stories (or a story and another page) on one URL.
    DuplicateUrl,
    /// A link to a missing or unpublished story.
    BrokenLink,
    /// A Markdown link or image whose URL would run code (`javascript:`, ...).
    UnsafeUrl,
    /// A ` ```embed ` block that cannot be made: no YouTube or Vimeo video URL, an
    /// option the block does not take or a value it refuses, a poster that is not a
    /// picture among the site's static files.
    BadEmbed,
    /// A lead or body image on the site (a static file, a theme's, or one beside the
    /// story) that is not there or cannot be read.
    MissingImage,
    /// An image file that does not decode (corrupt, truncated, not the format its
    /// bytes claim).
    BadImage,
    /// An image whose header claims more pixels than the build decodes (see
    /// `media::probe::LIMITS`), refused before any pixel is read.
    ImageTooLarge,
    /// An external link (a source, a link or image in the body, the lead image) that
    /// does not lead to a page: found only by `check --links`, which requests it.
    DeadLink,
    /// `site.toml` is missing or invalid.
    InvalidConfig,
    /// The theme is missing or incomplete.
    ThemeError,
    /// A template does not parse or fails while rendering.
    TemplateError,
    /// A story without a primary source.
    NoSources,
    /// Party or tag names that are probably the same.
    NearDuplicateTerm,
    /// An image or site path that no file or page provides.
    MissingAsset,
    /// Raw HTML that sanitising removed from a story (a script, an event handler, ...).
    UnsafeHtml,
    /// A draft, left out of builds.
    Draft,
    /// A story dated in the future, left out of builds.
    Future,
    /// A summary too long for social cards.
    SummaryTooLong,
    /// Text or a source that `smartpicks new` wrote for the writer to replace.
    Placeholder,
    /// A story with corrections on a site whose templates never show them.
    HiddenCorrection,
}

impl Code {
    /// Every code, in the README's order.
    pub const ALL: &'static [Code] = &[
        Code::UnknownKey,
        Code::MissingKey,
        Code::InvalidType,
        Code::InvalidDate,
        Code::UnknownCategory,
        Code::UnknownAuthor,
        Code::InvalidSlug,
        Code::InvalidSource,
        Code::InvalidAlias,
        Code::EmptyTitle,
        Code::InvalidValue,
        Code::InvalidYaml,
        Code::FrontMatterLimit,
        Code::UnclosedFrontMatter,
        Code::NoFrontMatter,
        Code::EmptyFile,
        Code::InvalidUtf8,
        Code::Unreadable,
        Code::IrregularFile,
        Code::NoSlug,
        Code::BodyLimit,
        Code::DuplicateUrl,
        Code::BrokenLink,
        Code::UnsafeUrl,
        Code::BadEmbed,
        Code::MissingImage,
        Code::BadImage,
        Code::ImageTooLarge,
        Code::DeadLink,
        Code::InvalidConfig,
        Code::ThemeError,
        Code::TemplateError,
        Code::NoSources,
        Code::NearDuplicateTerm,
        Code::MissingAsset,
        Code::UnsafeHtml,
        Code::Draft,
        Code::Future,
        Code::SummaryTooLong,
        Code::Placeholder,
        Code::HiddenCorrection,
    ];

    /// The stable identifier, as printed by `check --format json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnknownKey => "unknown-key",
            Code::MissingKey => "missing-key",
            Code::InvalidType => "invalid-type",
            Code::InvalidDate => "invalid-date",
            Code::UnknownCategory => "unknown-category",
            Code::UnknownAuthor => "unknown-author",
            Code::InvalidSlug => "invalid-slug",
            Code::InvalidSource => "invalid-source",
            Code::InvalidAlias => "invalid-alias",
            Code::EmptyTitle => "empty-title",
            Code::InvalidValue => "invalid-value",
            Code::InvalidYaml => "invalid-yaml",
            Code::FrontMatterLimit => "front-matter-limit",
            Code::UnclosedFrontMatter => "unclosed-front-matter",
            Code::NoFrontMatter => "no-front-matter",
            Code::EmptyFile => "empty-file",
            Code::InvalidUtf8 => "invalid-utf8",
            Code::Unreadable => "unreadable",
            Code::IrregularFile => "irregular-file",
            Code::NoSlug => "no-slug",
            Code::BodyLimit => "body-limit",
            Code::DuplicateUrl => "duplicate-url",
            Code::BrokenLink => "broken-link",
            Code::MissingImage => "missing-image",
            Code::BadImage => "bad-image",
            Code::ImageTooLarge => "image-too-large",
            Code::UnsafeUrl => "unsafe-url",
            Code::BadEmbed => "bad-embed",
            Code::DeadLink => "dead-link",
            Code::InvalidConfig => "invalid-config",
            Code::ThemeError => "theme-error",
            Code::TemplateError => "template-error",
            Code::NoSources => "no-sources",
            Code::NearDuplicateTerm => "near-duplicate-term",
            Code::MissingAsset => "missing-asset",
            Code::UnsafeHtml => "unsafe-html",
            Code::Draft => "draft",
            Code::Future => "future",
            Code::SummaryTooLong => "summary-too-long",
            Code::Placeholder => "placeholder",
            Code::HiddenCorrection => "hidden-correction",
        }
    }

    /// Whether a finding of this kind stops a build.
    pub fn severity(self) -> Severity {
        match self {
            Code::NoSources
            | Code::NearDuplicateTerm
            | Code::MissingAsset
            | Code::UnsafeHtml
            | Code::Draft
            | Code::Future
            | Code::SummaryTooLong
            | Code::Placeholder
            | Code::HiddenCorrection => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
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
    /// What kind of problem it is; decides the severity.
    pub code: Code,
    /// The front-matter key (or other name) the problem is about, if any.
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Error or warning, as the code says.
    pub severity: Severity,
}

impl Diagnostic {
    /// A finding of kind `code` about `file` at `line`; its severity is the code's.
    pub fn new(
        code: Code,
        file: impl Into<PathBuf>,
        line: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            column: 0,
            code,
            key: None,
            message: message.into(),
            hint: None,
            severity: code.severity(),
        }
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
    #[error("refusing to write output to {path}: {reason}\n  hint: {hint}")]
    UnsafeOutput {
        /// The folder asked for.
        path: PathBuf,
        /// Why it is refused.
        reason: String,
        /// What to do instead.
        hint: String,
    },
    /// A static file could not be copied into the output.
    #[error(
        "cannot copy {from} to {to}: {source}{}",
        .hint.map(|h| format!("\n  hint: {h}")).unwrap_or_default()
    )]
    Copy {
        /// The static file.
        from: PathBuf,
        /// Where it was to go, named inside the output folder (`public/style.css`).
        to: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
        /// How to fix it, when the cause is known.
        hint: Option<&'static str>,
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
