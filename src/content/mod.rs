//! Loading content: every `content/**/*.md` (hidden and `_`-prefixed files and folders
//! skipped) is read and split, and its front-matter checked, in parallel. Problems in
//! all files are collected, so one build reports every broken story at once.

mod date;
mod files;
pub mod frontmatter;

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use date::PubDate;
pub use files::story_files;
pub use frontmatter::{CorrectionNote, FrontMatter, SourceLink};

use crate::config::Config;
use crate::error::{Code, Diagnostic, Diagnostics, Error, Result};

/// The folder stories live in, relative to the site root.
pub const CONTENT_DIR: &str = "content";

/// Which stories a build includes.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    /// Include stories marked `draft: true`.
    pub drafts: bool,
    /// Include stories dated after `now`.
    pub future: bool,
    /// The moment that separates published from future stories.
    pub now: jiff::Timestamp,
}

/// A story whose front-matter is valid; its body is still Markdown.
#[derive(Debug, Clone)]
pub struct Story {
    /// The file, relative to the site root (`content/2026-07-05-deepmind-a24.md`).
    pub path: PathBuf,
    /// The checked front-matter.
    pub front: FrontMatter,
    /// The Markdown body.
    pub body: String,
    /// The file line the body starts on.
    pub body_line: usize,
}

/// Characters no story value may hold: those XML 1.0 forbids (C0 controls but tab,
/// line feed and carriage return; U+FFFE, U+FFFF), which would make every feed and
/// sitemap unreadable, and the C1 controls HTML treats as errors.
pub fn is_forbidden_char(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\x7f'..='\u{9f}')
        || c == '\u{fffe}'
        || c == '\u{ffff}'
}

/// Whether a file or folder name under `content/` is skipped (hidden or `_`-prefixed).
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with('_')
}

impl Selection {
    /// Whether a story with this front-matter is published in the build.
    pub fn includes(&self, front: &FrontMatter) -> bool {
        (self.drafts || !front.draft) && (self.future || front.date.timestamp <= self.now)
    }
}

/// Reads and checks every story (drafts and future ones too, so they are validated
/// and can be linked to); returns them, or every diagnostic.
pub fn load(config: &Config) -> Result<Vec<Story>> {
    let files = story_files(&config.root)?;
    let results: Vec<std::result::Result<Story, Vec<Diagnostic>>> = files
        .par_iter()
        .map(|rel| read_story(config, rel))
        .collect();
    let mut stories = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    for r in results {
        match r {
            Ok(story) => stories.push(story),
            Err(mut ds) => diagnostics.append(&mut ds),
        }
    }
    if !diagnostics.is_empty() {
        return Err(Error::Content(Diagnostics(diagnostics)));
    }
    Ok(stories)
}

/// Reads one story file and checks its front-matter.
pub fn read_story(config: &Config, rel: &Path) -> std::result::Result<Story, Vec<Diagnostic>> {
    let text = read_text(&config.root, rel)?;
    parse_story(config, rel, &text)
}

/// Reads a story file's text (`rel` is relative to `root`), refusing anything that is
/// not a regular file inside the site (see `files::open`).
pub fn read_text(root: &Path, rel: &Path) -> std::result::Result<String, Vec<Diagnostic>> {
    let mut bytes = Vec::new();
    files::open(root, rel)
        .map_err(|d| vec![d])?
        .read_to_end(&mut bytes)
        .map_err(|e| {
            vec![
                Diagnostic::new(
                    Code::Unreadable,
                    rel,
                    0,
                    format!("cannot read the file: {e}"),
                )
                .hint("check that the file exists and can be read"),
            ]
        })?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        vec![
            Diagnostic::new(
                Code::InvalidUtf8,
                rel,
                line,
                "the file is not valid UTF-8 text",
            )
            .hint("save the file as UTF-8 in your editor"),
        ]
    })
}

/// Splits and checks a story's text.
pub fn parse_story(
    config: &Config,
    rel: &Path,
    text: &str,
) -> std::result::Result<Story, Vec<Diagnostic>> {
    let split = frontmatter::split(rel, text).map_err(|d| vec![d])?;
    let front = frontmatter::parse(rel, split.yaml, config)?;
    Ok(Story {
        path: rel.to_path_buf(),
        front,
        body: split.body.to_owned(),
        body_line: split.body_line,
    })
}
