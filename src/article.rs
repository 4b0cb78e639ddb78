//! The render-Markdown stage: each checked [`Story`] becomes an [`Article`] (body
//! rendered, slug and permalink fixed, summary derived). Articles come out newest
//! first; two stories that would share a URL are an error naming both files.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod correction;
mod errors;
mod id;
mod poster;
mod resolve;

pub use correction::Correction;
pub use id::ArticleId;

use errors::body_errors;
use rayon::iter::Either;
use rayon::prelude::*;
use resolve::resolve;
use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::content::{PubDate, Selection, SourceLink, Story};
use crate::error::{Code, Diagnostic, Diagnostics, Error, Result};
use crate::markdown::{self, Links, Rendered};
use crate::url::{Permalink, PermalinkParts, Slug};

/// Longest derived summary, in characters, before it is cut at a word boundary.
const SUMMARY_MAX: usize = 300;

/// A story ready to be indexed and rendered.
#[derive(Debug, Clone)]
pub struct Article {
    /// Its identity across builds (its path inside `content/`).
    pub id: ArticleId,
    /// The source file, relative to the site root.
    pub source: PathBuf,
    /// Its URL segment.
    pub slug: Slug,
    /// Its path on the site.
    pub permalink: Permalink,
    /// Its link (base path included), made once for every list that shows it.
    pub href: String,
    /// The headline.
    pub title: String,
    /// Publication date.
    pub date: PubDate,
    /// The publication date in RFC 3339, made once.
    pub date_iso: String,
    /// The publication date as readers read it ("July 5, 2026"), made once.
    pub date_display: String,
    /// Last update, if any.
    pub updated: Option<PubDate>,
    /// Corrections, newest first.
    pub corrections: Vec<Correction>,
    /// Index into [`Config::categories`].
    pub category: usize,
    /// Parties as written in front-matter.
    pub parties: Vec<String>,
    /// Tags as written in front-matter.
    pub tags: Vec<String>,
    /// The dek: the writer's summary, or the first paragraph.
    pub summary: String,
    /// Whether the writer wrote `summary` (else it is the body's first paragraph,
    /// which the article page then does not show twice).
    pub summary_written: bool,
    /// Primary sources.
    pub sources: Vec<SourceLink>,
    /// The byline's names (the story's, else the site's default `author`), in the
    /// order written.
    pub authors: Vec<String>,
    /// Lead image.
    pub image: Option<String>,
    /// Lead image's alternative text.
    pub image_alt: Option<String>,
    /// An editor's pick.
    pub featured: bool,
    /// Marked as a draft.
    pub draft: bool,
    /// Old paths that redirect here.
    pub aliases: Vec<String>,
    /// Where in the source file the URL and the aliases were written.
    pub lines: crate::content::frontmatter::UrlLines,
    /// The file line of `image:` (for the media stage's findings).
    pub image_line: usize,
    /// The file line the body starts on.
    pub body_line: usize,
    /// The lead and body pictures of the site, with their files (by [`crate::media::attach`]).
    pub pictures: crate::media::Pictures,
    /// The rendered body (shared with `serve`'s Markdown cache, unless it has pictures).
    pub body: Arc<Rendered>,
}

/// A story with its URL fixed, before its body is rendered: the story itself (a
/// build's, dropped as soon as its body is rendered, so the sources and the
/// rendered site are not all in memory at once) or a borrow (`serve`'s, kept).
struct Placed<S> {
    story: S,
    /// Named once here: the index, the body's links and the article all use it.
    id: ArticleId,
    slug: Slug,
    permalink: Permalink,
    href: String,
}

/// Where every story lives, by its path inside `content/` (`2026/a.md`), and whether
/// it is published in this build.
pub type StoryIndex = FxHashMap<ArticleId, (String, bool)>;

/// The index of the published articles alone: what `serve` resolves an edited
/// body's links against when the rest of the site stays as it is. A link to
/// anything else (a draft, a story not there) does not resolve, and the edit then
/// goes through assembly, which says which it is.
pub fn published_index(articles: &[Article]) -> StoryIndex {
    articles
        .iter()
        .map(|a| (a.id.clone(), (a.href.clone(), true)))
        .collect()
}

/// Renders the body of the story at `path` with its links resolved through `index`.
pub fn render_body(
    config: &Config,
    (path, from): (&Path, &ArticleId),
    source: &str,
    index: &StoryIndex,
    cache: Option<&markdown::Cache>,
) -> Arc<Rendered> {
    let story_link = |target: &str| resolve(index, from.as_str(), target);
    let naming = poster::Naming {
        source: path,
        href: index.get(from).map(|(href, _)| href.as_str()),
    };
    let poster = |written: &str| poster::resolve(config, &naming, written);
    let links = Links {
        base_path: config.base_url.path(),
        story: &story_link,
        poster: &poster,
    };
    let raw_html = config.markdown.raw_html;
    match cache {
        Some(cache) => cache.render(source, &links, raw_html),
        None => Arc::new(markdown::render(source, &links, raw_html)),
    }
}

/// Renders every selected story's body in parallel and orders the articles newest
/// first. Every story (drafts and future ones too) gets its URL first, so links
/// between stories resolve, and a link to an unpublished story is told apart from a
/// link to nothing.
pub fn assemble<S>(config: &Config, stories: Vec<S>, selection: &Selection) -> Result<Vec<Article>>
where
    S: Borrow<Story> + Send + Sync,
{
    assemble_with(config, stories, selection, None)
}

/// [`assemble`], with rendered bodies taken from (and kept in) a cache when given.
/// Stories are given (`build`: each is dropped once rendered) or borrowed
/// (`serve` keeps them between rebuilds); an article copies what it needs of its
/// story's front-matter.
pub fn assemble_with<S>(
    config: &Config,
    stories: Vec<S>,
    selection: &Selection,
    cache: Option<&markdown::Cache>,
) -> Result<Vec<Article>>
where
    S: Borrow<Story> + Send + Sync,
{
    let (placed, mut diagnostics): (Vec<_>, Vec<_>) = stories
        .into_par_iter()
        .map(|s| place(config, s))
        .partition_map(|r| match r {
            Ok(p) => Either::Left(p),
            Err(d) => Either::Right(d),
        });
    let index: StoryIndex = placed
        .par_iter()
        .map(|p| {
            let published = selection.includes(&p.story.borrow().front);
            (p.id.clone(), (p.href.clone(), published))
        })
        .collect();
    let rendered: Vec<std::result::Result<Article, Vec<Diagnostic>>> = placed
        .into_par_iter()
        .filter(|p| selection.includes(&p.story.borrow().front))
        .map(|p| finish(config, p, &index, cache))
        .collect();
    let mut articles = Vec::with_capacity(rendered.len());
    for r in rendered {
        match r {
            Ok(a) => articles.push(a),
            Err(mut ds) => diagnostics.append(&mut ds),
        }
    }
    if !diagnostics.is_empty() {
        diagnostics.sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
        return Err(Error::Content(Diagnostics(diagnostics)));
    }
    articles.par_sort_by(newest_first);
    check_unique_urls(&articles)?;
    Ok(articles)
}

/// The site's order of articles: newest first, then by headline, then by file.
pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.date
        .timestamp
        .cmp(&a.date.timestamp)
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.source.cmp(&b.source))
}

/// One story's article on its own, placed and rendered as [`assemble_with`] would,
/// its links resolved through `index` (`serve`, after an edit that leaves the
/// site's shape as it was). Pictures are attached by the caller.
pub fn assemble_one(
    config: &Config,
    story: &Story,
    index: &StoryIndex,
    cache: Option<&markdown::Cache>,
) -> std::result::Result<Article, Vec<Diagnostic>> {
    let placed = place(config, story).map_err(|d| vec![d])?;
    finish(config, placed, index, cache)
}

fn place<S: Borrow<Story>>(
    config: &Config,
    given: S,
) -> std::result::Result<Placed<S>, Diagnostic> {
    let story = given.borrow();
    let slug = match &story.front.slug {
        Some(s) => s.clone(),
        None => Slug::from_text(&story.front.title).ok_or_else(|| {
            Diagnostic::new(
                Code::NoSlug,
                &story.path,
                story.front.lines.url,
                format!(
                    "the title \"{}\" has no letters or digits to make a URL from",
                    story.front.title
                ),
            )
            .key("title")
            .hint("add a slug: key, e.g. slug: my-story")
        })?,
    };
    // A bundle's story is named by its folder (`deepmind-a24/index.md`).
    let stem = if crate::engine::bundles::is_bundle(&story.path) {
        story.path.parent().and_then(Path::file_name)
    } else {
        story.path.file_stem()
    }
    .map(|s| s.to_string_lossy())
    .unwrap_or_default();
    let file_name = Slug::from_text(&stem).unwrap_or_else(|| slug.clone());
    let permalink = config.permalink.apply(&PermalinkParts {
        file_name: &file_name,
        date: story.front.date.date(),
        slug: &slug,
        category: &config.categories[story.front.category].slug,
    });
    Ok(Placed {
        id: ArticleId::of(&story.path),
        href: config.base_url.href(&permalink),
        story: given,
        slug,
        permalink,
    })
}

fn finish<S: Borrow<Story>>(
    config: &Config,
    placed: Placed<S>,
    index: &StoryIndex,
    cache: Option<&markdown::Cache>,
) -> std::result::Result<Article, Vec<Diagnostic>> {
    let Placed {
        story: given,
        id,
        slug,
        permalink,
        href,
    } = placed;
    let Story {
        path,
        front,
        body: source,
        body_line,
    } = given.borrow();
    let body = render_body(config, (path, &id), source, index, cache);
    let mut errors = body_errors(path, source, *body_line, &body);
    let corrections = correction::render(config, (path, &id), &front.corrections, (index, cache))
        .unwrap_or_else(|mut found| {
            errors.append(&mut found);
            Vec::new()
        });
    if !errors.is_empty() {
        errors.sort_by_key(|d| d.line);
        return Err(errors);
    }
    let summary = summary_of(front.summary.as_deref(), &body);
    Ok(Article {
        id,
        source: path.clone(),
        slug,
        href,
        permalink,
        title: front.title.clone(),
        date_iso: front.date.rfc3339(),
        date_display: front.date.display(),
        date: front.date,
        updated: front.updated,
        corrections,
        category: front.category,
        parties: front.parties.clone(),
        tags: front.tags.clone(),
        summary,
        summary_written: front.summary.is_some(),
        sources: front.sources.clone(),
        authors: if front.authors.is_empty() {
            config.author.iter().cloned().collect()
        } else {
            front.authors.clone()
        },
        image: front.image.clone(),
        image_alt: front.image_alt.clone(),
        featured: front.featured,
        draft: front.draft,
        aliases: front.aliases.clone(),
        lines: front.lines,
        image_line: front.positions.line("image"),
        body_line: *body_line,
        pictures: crate::media::Pictures::default(),
        body,
    })
}

/// The dek: the writer's summary, or the body's first paragraph, shortened.
pub fn summary_of(written: Option<&str>, body: &Rendered) -> String {
    written.map_or_else(|| shorten(&body.first_paragraph), str::to_owned)
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= SUMMARY_MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(SUMMARY_MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

fn check_unique_urls(articles: &[Article]) -> Result<()> {
    let mut by_url: BTreeMap<&str, Vec<&Article>> = BTreeMap::new();
    for a in articles {
        by_url.entry(a.permalink.as_str()).or_default().push(a);
    }
    let mut diagnostics = Vec::new();
    for (url, group) in by_url {
        if let [first, rest @ ..] = group.as_slice() {
            for other in rest {
                diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateUrl,
                        &other.source,
                        other.lines.url,
                        format!(
                            "this story would have the same URL {url} as {}",
                            first.source.display()
                        ),
                    )
                    .key(other.lines.url_key)
                    .hint("give one of them a different title, or a slug: key of its own"),
                );
            }
        }
    }
    if diagnostics.is_empty() {
        Ok(())
    } else {
        diagnostics.sort_by(|a, b| a.file.cmp(&b.file));
        Err(Error::Content(Diagnostics(diagnostics)))
    }
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn long_summaries_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let s = shorten(long.trim());
        assert!(s.ends_with('…'));
        assert!(s.chars().count() <= 301);
        assert_eq!(shorten("short one."), "short one.");
    }
}
