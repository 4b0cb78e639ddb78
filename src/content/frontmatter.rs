//! Front-matter: the YAML block between `---` lines at the top of a story. Parsed into
//! [`RawFrontMatter`] (exactly what the writer typed, unknown keys rejected), then
//! checked into [`FrontMatter`]. Every problem becomes a [`Diagnostic`] whose line is a
//! line of the story file, not of the YAML block.

use std::path::Path;

use serde::Deserialize;

use super::date::PubDate;
use crate::config::Config;
use crate::error::{Code, Diagnostic};
use crate::url::Slug;
use positions::{KeyPath, Positions};

mod check;
pub mod limits;
pub mod positions;
mod yaml_errors;

/// The keys a story may set, in the order `smartpicks new` writes them.
pub const KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "corrections",
    "category",
    "parties",
    "tags",
    "summary",
    "sources",
    "author",
    "authors",
    "image",
    "image_alt",
    "slug",
    "featured",
    "draft",
    "aliases",
];

/// What the writer typed, key by key; every field optional until checked.
#[derive(Debug, Default)]
struct RawFrontMatter {
    title: Option<String>,
    date: Option<String>,
    updated: Option<String>,
    /// Items checked one by one (`check/corrections.rs`), so one wrong item does
    /// not hide the problems of the others.
    corrections: Option<Vec<serde_yaml::Value>>,
    category: Option<String>,
    parties: Option<Vec<String>>,
    tags: Option<Vec<String>>,
    summary: Option<String>,
    sources: Option<Vec<RawSource>>,
    author: Option<String>,
    authors: Option<Vec<String>>,
    image: Option<String>,
    image_alt: Option<String>,
    slug: Option<String>,
    featured: Option<bool>,
    draft: Option<bool>,
    aliases: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    title: String,
    url: String,
}

/// A primary source a story is based on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct SourceLink {
    /// What the link is, e.g. "Google DeepMind's announcement".
    pub title: String,
    /// The absolute URL.
    pub url: String,
}

/// A correction note as the writer wrote it, checked: dated no earlier than the
/// story, its text within the limits. The text is Markdown, rendered with the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionNote {
    /// When the correction was made.
    pub date: PubDate,
    /// What was wrong and what is right, in Markdown.
    pub text: String,
    /// The file line of the item's `text`, for problems found when it is rendered.
    pub line: usize,
}

/// Checked front-matter: required keys present, dates valid, category declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// The headline.
    pub title: String,
    /// When it was published.
    pub date: PubDate,
    /// When it was last changed, if it was.
    pub updated: Option<PubDate>,
    /// Corrections, in the order written.
    pub corrections: Vec<CorrectionNote>,
    /// The index of its category in [`Config::categories`].
    pub category: usize,
    /// Who the story is about, as written.
    pub parties: Vec<String>,
    /// Topic tags, as written.
    pub tags: Vec<String>,
    /// The dek, if the writer gave one.
    pub summary: Option<String>,
    /// Primary sources.
    pub sources: Vec<SourceLink>,
    /// The byline's names (`authors:`, or `author:` for one), in the order
    /// written; empty when the story names none.
    pub authors: Vec<String>,
    /// Lead image URL or site path.
    pub image: Option<String>,
    /// The lead image's alternative text.
    pub image_alt: Option<String>,
    /// A slug that replaces the one made from the title.
    pub slug: Option<Slug>,
    /// An editor's pick.
    pub featured: bool,
    /// Left out of builds unless drafts are asked for.
    pub draft: bool,
    /// Old paths that should redirect to this story.
    pub aliases: Vec<String>,
    /// The file lines of the keys a URL comes from (`slug`, else `title`) and of
    /// `aliases`, so clashes found later still point at a line.
    pub lines: UrlLines,
    /// Where each key and list item is in the file, for later findings (warnings,
    /// links) about one of them.
    pub positions: Positions,
}

impl FrontMatter {
    /// Whether `other` places its story as this front-matter does: the two differ
    /// at most in what the story shows (headline, dek, sources, picture text) and
    /// on which lines keys are written, never in its date, terms, byline, picture,
    /// corrections, slug, aliases or status. `serve` patches such an edit into the
    /// kept site instead of reassembling it. A key added to the front-matter later
    /// counts as placing until it is named here.
    pub fn places_like(&self, other: &FrontMatter) -> bool {
        let shown_as_other = FrontMatter {
            title: other.title.clone(),
            summary: other.summary.clone(),
            sources: other.sources.clone(),
            image_alt: other.image_alt.clone(),
            lines: other.lines,
            positions: other.positions.clone(),
            ..self.clone()
        };
        shown_as_other == *other
    }
}

/// File lines of the front-matter keys that decide a story's URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UrlLines {
    /// The key the URL comes from: `slug`, or `title` when there is no slug.
    pub url_key: &'static str,
    /// The line of that key.
    pub url: usize,
    /// The line of `aliases` (1 when absent).
    pub aliases: usize,
}

/// A story file split into its front-matter and body.
pub struct Split<'a> {
    /// The YAML text.
    pub yaml: &'a str,
    /// The Markdown body.
    pub body: &'a str,
    /// The file line the body starts on (1-based).
    pub body_line: usize,
}

/// Splits a story into front-matter and body, or says what is wrong with the fences.
pub fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(
            Diagnostic::new(Code::EmptyFile, file, 1, "the file is empty").hint(
                "start it with front-matter between --- lines, e.g. `smartpicks new \"Title\"`",
            ),
        );
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != "---" {
        return Err(Diagnostic::new(
            Code::NoFrontMatter,
            file,
            1,
            "the file does not start with front-matter",
        )
        .hint("put the story's YAML front-matter between two --- lines at the very top"));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (i, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                body: &text[body_start..],
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::new(
        Code::UnclosedFrontMatter,
        file,
        1,
        "the front-matter opened here is never closed",
    )
    .hint("add a line with only --- after the last front-matter key"))
}

/// The file line a front-matter block starts on: the line after the opening `---`.
pub const FIRST_LINE: usize = 2;

/// Parses and checks a front-matter block; every problem of the block is returned at
/// once (an unknown key does not hide a bad date or an undeclared category).
pub fn parse(file: &Path, yaml: &str, config: &Config) -> Result<FrontMatter, Vec<Diagnostic>> {
    // Bombs are refused before either YAML parser sees the text.
    limits::check(file, yaml).map_err(|d| vec![d])?;
    let positions = Positions::scan(yaml, FIRST_LINE);
    let (raw, mut errors) = decode(file, yaml, &positions).map_err(|d| vec![d])?;
    let undecoded: Vec<String> = errors.iter().filter_map(|d| d.key.clone()).collect();
    match check::check(file, &positions, raw, &undecoded, config) {
        Ok(front) if errors.is_empty() => Ok(front),
        Ok(_) => Err(errors),
        Err(mut more) => {
            errors.append(&mut more);
            errors.sort_by_key(|d| (d.line, d.column));
            Err(errors)
        }
    }
}

/// Decodes the YAML mapping key by key, so one bad value does not stop the others
/// from being read and checked. Only YAML that does not parse at all is final.
fn decode(
    file: &Path,
    yaml: &str,
    positions: &Positions,
) -> Result<(RawFrontMatter, Vec<Diagnostic>), Diagnostic> {
    let mut raw = RawFrontMatter::default();
    let mut errors = Vec::new();
    if yaml.trim().is_empty() {
        return Ok((raw, errors));
    }
    if let Some((key, first, again)) = positions.repeated.first() {
        return Err(Diagnostic::new(
            Code::InvalidYaml,
            file,
            again.line,
            format!("\"{key}\" is written twice (first on line {})", first.line),
        )
        .column(again.column)
        .key(key.as_str())
        .hint("keep one of the two"));
    }
    let value: serde_yaml::Value =
        serde_yaml::from_str(yaml).map_err(|e| yaml_errors::diagnose(file, yaml, &e))?;
    let serde_yaml::Value::Mapping(mapping) = value else {
        return Err(Diagnostic::new(
            Code::InvalidType,
            file,
            FIRST_LINE,
            "the front-matter is not a list of keys and values",
        )
        .hint("write one key per line, e.g. title: \"...\""));
    };
    for (key, value) in mapping {
        let Some(name) = key.as_str() else {
            // A number or a list where a key's name goes: placed by its text when it
            // has one.
            let written = serde_yaml::to_string(&key).unwrap_or_default();
            let at = positions.of(&KeyPath::key(written.trim()));
            errors.push(
                Diagnostic::new(
                    Code::InvalidYaml,
                    file,
                    at.line,
                    format!("the key {} is not text", written.trim()),
                )
                .column(at.column)
                .hint("write each key as a plain word followed by a colon, e.g. title: ..."),
            );
            continue;
        };
        if let Err((path, message)) = raw.set(name, value) {
            let at = positions.of(&path);
            let (code, message, hint) = match message {
                Problem::Unknown => (
                    Code::UnknownKey,
                    format!("unknown key \"{name}\""),
                    format!(
                        "remove it or fix its spelling; the keys are: {}",
                        KEYS.join(", ")
                    ),
                ),
                Problem::Type(m) => (Code::InvalidType, m, check::hint_for(name).to_owned()),
            };
            errors.push(
                Diagnostic::new(code, file, at.line, message)
                    .column(at.column)
                    .key(name)
                    .hint(hint),
            );
        }
    }
    Ok((raw, errors))
}

/// Why one key's value could not be decoded.
enum Problem {
    /// The story format has no such key.
    Unknown,
    /// The value has the wrong shape; serde's message.
    Type(String),
}

impl RawFrontMatter {
    /// Decodes `value` into the field named `key`.
    fn set(&mut self, key: &str, value: serde_yaml::Value) -> Result<(), (KeyPath, Problem)> {
        fn decode<T: serde::de::DeserializeOwned>(
            key: &str,
            value: serde_yaml::Value,
        ) -> Result<Option<T>, (KeyPath, Problem)> {
            serde_path_to_error::deserialize(value).map_err(|e| {
                let inner = e.path().to_string();
                let path = if inner == "." || inner.is_empty() {
                    key.to_owned()
                } else if inner.starts_with('[') {
                    format!("{key}{inner}")
                } else {
                    format!("{key}.{inner}")
                };
                (
                    KeyPath::from_serde(&path),
                    Problem::Type(e.into_inner().to_string()),
                )
            })
        }
        match key {
            "title" => self.title = decode(key, value)?,
            "date" => self.date = decode(key, value)?,
            "updated" => self.updated = decode(key, value)?,
            "corrections" => self.corrections = decode(key, value)?,
            "category" => self.category = decode(key, value)?,
            "parties" => self.parties = decode(key, value)?,
            "tags" => self.tags = decode(key, value)?,
            "summary" => self.summary = decode(key, value)?,
            "sources" => self.sources = decode(key, value)?,
            "author" => self.author = decode(key, value)?,
            "authors" => self.authors = decode(key, value)?,
            "image" => self.image = decode(key, value)?,
            "image_alt" => self.image_alt = decode(key, value)?,
            "slug" => self.slug = decode(key, value)?,
            "featured" => self.featured = decode(key, value)?,
            "draft" => self.draft = decode(key, value)?,
            "aliases" => self.aliases = decode(key, value)?,
            _ => return Err((KeyPath::key(key), Problem::Unknown)),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
