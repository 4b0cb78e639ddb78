//! The media stage of the pipeline: each article's lead image and Markdown images are
//! resolved to files (see `source.rs`), their headers read (`sources.rs`), and each
//! becomes a [`Picture`]: the variants it will be made in. The body's `<img>`s of
//! those pictures become `<picture>`s with WebP and fallback `srcset`s, `sizes`,
//! `width` and `height` (no layout shift) and lazy loading. Nothing is decoded here:
//! `jobs.rs` makes the files when the output is written. Every problem is a
//! diagnostic on the line of `image:` or of the image in the body.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::probe::{Format, Header, Refusal};
use super::source::{self, Target};
use super::sources::{Problem, Sources};
use super::variants::{self, Variant};
use crate::article::Article;
use crate::config::Config;
use crate::error::{Code, Diagnostic, Diagnostics, Error, Result};

/// How wide pictures are shown in an article's column, for `sizes`: the whole
/// screen on a phone, the text column (`--measure`, about 44rem) beyond.
pub const ARTICLE_SIZES: &str = "(min-width: 48rem) 44rem, 100vw";

/// A picture of the site and the files it becomes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Picture {
    /// The source file, relative to the site root.
    pub source: PathBuf,
    /// The story that names it and the file line it does so on (errors found while
    /// encoding are told there).
    pub named_at: (PathBuf, usize),
    /// Its format and size.
    pub header: Header,
    /// Every file made of it, WebP first, narrowest first within a format.
    pub variants: Vec<Variant>,
}

/// The pictures of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Pictures {
    /// The lead image (`image:`), when it is a picture of the site.
    pub lead: Option<Picture>,
    /// The body's pictures, in order.
    pub body: Vec<Picture>,
}

impl Picture {
    /// The variants in one format.
    pub fn in_format(&self, format: Format) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(move |v| v.format == format)
    }

    /// Variants in the picture's own format (JPEG, PNG or WebP): the fallback.
    pub fn fallback(&self) -> impl Iterator<Item = &Variant> {
        self.in_format(self.header.format)
    }

    /// The WebP variants, unless the fallback already is WebP (or WebP is off).
    pub fn webp(&self) -> impl Iterator<Item = &Variant> {
        let modern = self.header.format != Format::WebP;
        self.in_format(Format::WebP).filter(move |_| modern)
    }

    /// The widest fallback variant.
    pub fn largest(&self) -> &Variant {
        self.fallback()
            .last()
            .expect("every picture has a fallback")
    }

    /// The narrowest fallback variant at least `width` wide, else the widest.
    pub fn at_least(&self, width: u32) -> &Variant {
        self.fallback()
            .find(|v| v.width >= width)
            .unwrap_or_else(|| self.largest())
    }

    /// The narrowest variant, WebP when there is one (card thumbnails).
    pub fn smallest(&self) -> &Variant {
        self.webp()
            .next()
            .or_else(|| self.fallback().next())
            .expect("every picture has a fallback")
    }
}

/// A `srcset` of variants, each URL under `base_path` (`/` or `/picks/`).
pub fn srcset<'v>(variants: impl Iterator<Item = &'v Variant>, base_path: &str) -> String {
    variants
        .map(|v| format!("{base_path}{} {}w", v.name, v.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Resolves the pictures of every article, in parallel; every problem in every
/// story is reported at once.
pub fn attach(
    config: &Config,
    sources: &Sources,
    mut articles: Vec<Article>,
) -> Result<Vec<Article>> {
    let mut diagnostics: Vec<Diagnostic> = articles
        .par_iter_mut()
        .flat_map_iter(|a| attach_one(config, sources, a).err().unwrap_or_default())
        .collect();
    if diagnostics.is_empty() {
        return Ok(articles);
    }
    diagnostics.sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
    Err(Error::Content(Diagnostics(diagnostics)))
}

/// Resolves one article's pictures and rewrites its body's `<img>`s into
/// `<picture>`s (`serve` calls it for the one story whose body changed).
pub fn attach_one(
    config: &Config,
    sources: &Sources,
    article: &mut Article,
) -> std::result::Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut found = |written: &str, line: usize, key: Option<&str>| {
        picture(config, sources, &article.source, written, line)
            .map_err(|d| errors.push(if let Some(k) = key { d.key(k) } else { d }))
            .ok()
            .flatten()
    };
    let lead = (article.image.as_deref()).and_then(|w| found(w, article.image_line, Some("image")));
    let mut body = Vec::new();
    for image in &article.body.images {
        if let Some(p) = found(&image.written, article.body_line + image.line, None) {
            body.push((image.src.clone(), p));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if !body.is_empty() {
        let mut rendered = (*article.body).clone();
        rendered.html = super::rewrite::pictures_in(&rendered.html, &body, config.base_url.path());
        article.body = Arc::new(rendered);
    }
    article.pictures = Pictures {
        lead,
        body: body.into_iter().map(|(_, p)| p).collect(),
    };
    Ok(())
}

/// The picture `written` in `story` on `line` stands for; `None` when it is not the
/// build's to process.
fn picture(
    config: &Config,
    sources: &Sources,
    story: &Path,
    written: &str,
    line: usize,
) -> std::result::Result<Option<Picture>, Diagnostic> {
    let (rel, stamp) = match source::resolve(config, story, written) {
        Target::Untouched => return Ok(None),
        Target::Missing(why) => {
            return Err(Diagnostic::new(
                Code::MissingImage,
                story,
                line,
                format!("the image {written} is not there: {why}"),
            )
            .hint(MISSING_HINT));
        }
        Target::File(rel, stamp) => (rel, stamp),
    };
    let probed = sources
        .probe(&rel, stamp)
        .map_err(|p| problem(story, line, &rel, p))?;
    let stem = rel
        .file_stem()
        .and_then(|s| crate::url::Slug::from_text(&s.to_string_lossy()))
        .map_or_else(|| "image".to_owned(), |s| s.to_string());
    Ok(Some(Picture {
        variants: variants::plan(probed.hash, &stem, &probed.header, &config.images),
        source: rel,
        named_at: (story.to_path_buf(), line),
        header: probed.header,
    }))
}

const MISSING_HINT: &str = "a site path (/images/a.jpg) is looked up in static/ and the theme's static/; a relative path (still.jpg) beside the story file";

/// A source problem as a diagnostic on the line that names the picture.
pub fn problem(story: &Path, line: usize, rel: &Path, problem: Problem) -> Diagnostic {
    let shown = rel.display();
    match problem {
        Problem::Unreadable(why) => Diagnostic::new(
            Code::MissingImage,
            story,
            line,
            format!("cannot read the image {shown}: {why}"),
        )
        .hint(MISSING_HINT),
        Problem::Refused(Refusal::Corrupt(why)) => Diagnostic::new(
            Code::BadImage,
            story,
            line,
            format!("the image {shown} cannot be decoded: {why}"),
        )
        .hint("open it in an image editor and save it again as JPEG, PNG or WebP"),
        Problem::Refused(Refusal::TooLarge(why)) => Diagnostic::new(
            Code::ImageTooLarge,
            story,
            line,
            format!("the image {shown} is too large: {why}"),
        )
        .hint("scale it down to at most 4,000 px wide before adding it; pages never show more than 1,600"),
    }
}
