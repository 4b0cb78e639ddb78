//! The render-Markdown stage: each checked [`Story`] becomes an [`Article`] (body
//! rendered, slug and permalink fixed, summary derived). Articles come out newest
//! first; two stories that would share a URL are an error naming both files.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{PubDate, SourceLink, Story};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::markdown::{self, Rendered};
use crate::url::{Permalink, PermalinkParts, Slug};

/// Longest derived summary, in characters, before it is cut at a word boundary.
const SUMMARY_MAX: usize = 300;

/// A story ready to be indexed and rendered.
#[derive(Debug, Clone)]
pub struct Article {
    /// The source file, relative to the site root.
    pub source: PathBuf,
    /// Its URL segment.
    pub slug: Slug,
    /// Its path on the site.
    pub permalink: Permalink,
    /// The headline.
    pub title: String,
    /// Publication date.
    pub date: PubDate,
    /// Last update, if any.
    pub updated: Option<PubDate>,
    /// Index into [`Config::categories`].
    pub category: usize,
    /// Parties as written in front-matter.
    pub parties: Vec<String>,
    /// Tags as written in front-matter.
    pub tags: Vec<String>,
    /// The dek: the writer's summary, or the first paragraph.
    pub summary: String,
    /// Primary sources.
    pub sources: Vec<SourceLink>,
    /// Byline (the story's, else the site's default).
    pub author: Option<String>,
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
    /// The rendered body.
    pub body: Rendered,
}

/// Renders every story's body in parallel and orders the articles newest first.
pub fn assemble(config: &Config, stories: Vec<Story>) -> Result<Vec<Article>> {
    let mut articles: Vec<Article> = stories
        .into_par_iter()
        .map(|story| from_story(config, story))
        .collect::<std::result::Result<_, _>>()
        .map_err(|d| Error::Content(Diagnostics(vec![d])))?;
    articles.par_sort_by(|a, b| {
        b.date
            .timestamp
            .cmp(&a.date.timestamp)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.source.cmp(&b.source))
    });
    check_unique_urls(&articles)?;
    Ok(articles)
}

fn from_story(config: &Config, story: Story) -> std::result::Result<Article, Diagnostic> {
    let Story {
        path,
        front,
        body,
        body_line: _,
    } = story;
    let slug = match front.slug {
        Some(s) => s,
        None => Slug::from_text(&front.title).ok_or_else(|| {
            Diagnostic::error(
                &path,
                2,
                format!(
                    "the title \"{}\" has no letters or digits to make a URL from",
                    front.title
                ),
            )
            .key("title")
            .hint("add a slug: key, e.g. slug: my-story")
            .code("no-slug")
        })?,
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let file_name = Slug::from_text(&stem).unwrap_or_else(|| slug.clone());
    let permalink = config.permalink.apply(&PermalinkParts {
        file_name: &file_name,
        date: front.date.date(),
        slug: &slug,
        category: &config.categories[front.category].slug,
    });
    let body = markdown::render(&body, config.base_url.path());
    let summary = front
        .summary
        .unwrap_or_else(|| shorten(&body.first_paragraph));
    Ok(Article {
        source: path,
        slug,
        permalink,
        title: front.title,
        date: front.date,
        updated: front.updated,
        category: front.category,
        parties: front.parties,
        tags: front.tags,
        summary,
        sources: front.sources,
        author: front.author.or_else(|| config.author.clone()),
        image: front.image,
        image_alt: front.image_alt,
        featured: front.featured,
        draft: front.draft,
        aliases: front.aliases,
        body,
    })
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
                    Diagnostic::error(
                        &other.source,
                        0,
                        format!(
                            "this story would have the same URL {url} as {}",
                            first.source.display()
                        ),
                    )
                    .hint("give one of them a different title, or a slug: key of its own")
                    .code("duplicate-url"),
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
