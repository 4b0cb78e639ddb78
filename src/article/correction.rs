//! A story's corrections, rendered: each note's Markdown as a run of text, its links
//! resolved from the story's file and its raw HTML sanitised exactly as in the body
//! (`markdown::render_inline`), newest first. What stops a body's build (a link to a
//! story that is not there, a URL that runs code, nesting past the limits) stops a
//! note's too, on the line of the note's `text`. A story's last change (the latest
//! of `updated` and its corrections) is decided here too.

use std::path::Path;
use std::sync::Arc;

use super::errors::body_errors;
use super::resolve::resolve;
use super::{Article, ArticleId, StoryIndex};
use crate::config::Config;
use crate::content::{CorrectionNote, PubDate};
use crate::error::Diagnostic;
use crate::markdown::{self, Links};

/// One correction as pages, feeds and JSON-LD show it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Correction {
    /// When it was made.
    pub date: PubDate,
    /// The note as HTML, without a paragraph around it (sanitised; print as is).
    pub html: String,
    /// The note as plain text (of the sanitised HTML), for JSON-LD.
    pub text: String,
}

impl Article {
    /// When the story last changed after it went out: the latest of `updated` and
    /// its corrections; `None` when it has neither, or when none is after its
    /// publication (a same-day note on a story published that afternoon).
    pub fn last_change(&self) -> Option<PubDate> {
        if self.updated.is_none() && self.corrections.is_empty() {
            return None;
        }
        let changes = self
            .updated
            .iter()
            .chain(self.corrections.iter().map(|c| &c.date));
        let latest = changes.fold(self.date, |latest, &d| {
            if d.timestamp > latest.timestamp {
                d
            } else {
                latest
            }
        });
        // A note dated on the day of a story published later that day changed
        // nothing after it went out: no "Updated" at the moment of publication.
        (latest.timestamp > self.date.timestamp).then_some(latest)
    }

    /// When the story last changed: [`Article::last_change`], else its publication.
    /// Feeds, sitemaps and JSON-LD give this date.
    pub fn modified(&self) -> PubDate {
        self.last_change().unwrap_or(self.date)
    }
}

/// Renders the notes of the story at `path`, newest first (notes of the same moment
/// in the order written).
pub(super) fn render(
    config: &Config,
    (path, from): (&Path, &ArticleId),
    notes: &[CorrectionNote],
    (index, cache): (&StoryIndex, Option<&markdown::Cache>),
) -> Result<Vec<Correction>, Vec<Diagnostic>> {
    if notes.is_empty() {
        return Ok(Vec::new());
    }
    let story_link = |target: &str| resolve(index, from.as_str(), target);
    let links = Links {
        base_path: config.base_url.path(),
        story: &story_link,
        ..Links::plain(config.base_url.path())
    };
    let mut errors = Vec::new();
    let mut out = Vec::with_capacity(notes.len());
    let raw_html = config.markdown.raw_html;
    for note in notes {
        let rendered = match cache {
            Some(cache) => cache.render_inline(&note.text, &links, raw_html),
            None => Arc::new(markdown::render_inline(&note.text, &links, raw_html)),
        };
        let found = body_errors(path, &note.text, note.line, &rendered);
        if found.is_empty() {
            let mut text = String::new();
            crate::search::text::html_text(&rendered.html, &mut text, usize::MAX);
            // Shared with the cache in `serve`; a build's own otherwise.
            let html = Arc::try_unwrap(rendered).map_or_else(|kept| kept.html.clone(), |r| r.html);
            out.push(Correction {
                date: note.date,
                html,
                text,
            });
        }
        errors.extend(found.into_iter().map(|d| d.key("corrections")));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.date.timestamp));
    Ok(out)
}
