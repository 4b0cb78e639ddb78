//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough, task lists,
//! smart punctuation, heading ids with anchor links on H2/H3, and build-time code
//! highlighting. Alongside the HTML it derives what the templates need from the text:
//! the table of contents, the first paragraph as plain text and the word count.
//! Links are resolved in `links.rs`; raw HTML is sanitised in `sanitize.rs` by the
//! policy of `html_policy.rs`, and what that removed is reported by `dropped.rs`.
//! Short notes (corrections) are rendered as a run of text by `inline.rs`. Video
//! URLs alone on a line and ` ```embed ` blocks become click-to-load embeds in
//! `embed/`.

mod cache;
mod dropped;
mod embed;
mod highlight;
mod html_policy;
mod images;
mod inline;
mod links;
mod nesting;
mod sanitize;
mod unsafe_url;

pub use cache::Cache;
pub use dropped::DroppedHtml;
pub use embed::BadEmbed;
pub use images::BodyImage;
use images::LineCounter;
pub use inline::{dropped_inline_html, render_inline};
pub use links::{BrokenLink, ExternalLink, Links, UnsafeUrl, external_links, is_external};
pub use nesting::TooDeep;
pub use sanitize::RawHtml;
pub use unsafe_url::{UrlUse, unsafe_scheme};

use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};
use serde::Serialize;

use crate::url::Slug;
use links::{LinkProblems, rewrite_link};
use sanitize::RawPiece;

/// Words a reader gets through in a minute, for reading time.
const WORDS_PER_MINUTE: usize = 230;

/// A rendered story body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// H2 and H3 headings, in order.
    pub toc: Vec<TocEntry>,
    /// The first paragraph as plain text (empty if there is none).
    pub first_paragraph: String,
    /// Words in the body.
    pub words: usize,
    /// Links to story files that did not resolve.
    pub broken_links: Vec<BrokenLink>,
    /// Links and images whose URLs would run code; they are written empty.
    pub unsafe_urls: Vec<UnsafeUrl>,
    /// What sanitising removed from the body's raw HTML.
    pub dropped_html: Vec<DroppedHtml>,
    /// Where the body nests blockquotes, lists or raw HTML past a limit; the body is
    /// then not rendered (or sanitised) at all.
    pub too_deep: Option<TooDeep>,
    /// How many video embeds the body has (the theme loads its player script only
    /// on pages with one).
    pub embeds: usize,
    /// Problems in ` ```embed ` blocks.
    pub bad_embeds: Vec<BadEmbed>,
    /// The Markdown images (`![alt](src)`) of the body, in order, for the media
    /// stage to resolve and turn into `<picture>`s.
    pub images: Vec<BodyImage>,
}

impl Rendered {
    /// Whether something in the body stops a build (reported by the article stage).
    pub fn stops_build(&self) -> bool {
        !self.broken_links.is_empty()
            || !self.unsafe_urls.is_empty()
            || self.too_deep.is_some()
            || !self.bad_embeds.is_empty()
    }

    /// Minutes to read, at least one.
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(WORDS_PER_MINUTE).max(1)
    }
}

/// One heading of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The anchor id.
    pub id: String,
    /// The heading's plain text.
    pub title: String,
}

/// The HTML of rewritten events, sanitised when the source had raw HTML (only
/// those pay for it), and what sanitising dropped; or where the raw HTML nests too
/// deep to be sanitised at all. Bodies and inline notes both end here.
fn to_html(
    events: Vec<Event<'_>>,
    source_len: usize,
    raw: &[RawPiece<'_>],
) -> Result<(String, Vec<DroppedHtml>), TooDeep> {
    let mut html = String::with_capacity(source_len * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if raw.is_empty() {
        return Ok((fitted(html), Vec::new()));
    }
    if let Some(found) = nesting::html_too_deep(raw) {
        return Err(found);
    }
    let (html, dropped) = sanitize::clean(&html, raw);
    Ok((fitted(html), dropped))
}

/// `html` in an allocation of its own length. Every body stays in memory until its
/// pages are written, and the buffer it was written into is up to twice its length
/// (sized from the source, then doubled as it grew): at 10,000 stories about 28 MB
/// held for 25 MB of HTML, at the build's peak. `shrink_to_fit` would not help:
/// mimalloc keeps a block that shrinks by less than half. A copy is a memcpy.
fn fitted(html: String) -> String {
    if html.capacity() - html.len() > html.len() / 8 {
        String::from(html.as_str())
    } else {
        html
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown body. Root-relative links and images (`/2026/07/05/story/`)
/// are taken as paths inside the site and get the site's base path in front, so
/// they keep working when the site lives under a sub-path; links to story files
/// become those stories' URLs; links and images that would run code are reported
/// and left empty; raw HTML is sanitised unless `raw_html` trusts it.
pub fn render(source: &str, links: &Links<'_>, raw_html: RawHtml) -> Rendered {
    if let Some(found) = nesting::too_deep(source) {
        return Rendered {
            too_deep: Some(found),
            ..Rendered::default()
        };
    }
    let mut state = State::default();
    let mut rewriter = Rewriter {
        links,
        raw_html,
        problems: LinkProblems::default(),
        raw: Vec::new(),
        in_image: 0,
        images: Vec::new(),
    };
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut highlight_budget = highlight::BUDGET_BYTES;
    let mut embeds = embed::Embeds::default();
    let mut parser = Parser::new_ext(source, options()).into_offset_iter();
    while let Some((event, range)) = parser.next() {
        // A top-level paragraph that is one video URL: its events give way to the embed.
        if matches!(event, Event::Start(Tag::Paragraph))
            && state.depth == 0
            && let Some(video) = embed::bare(&source[range.clone()])
        {
            parser
                .by_ref()
                .find(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)));
            events.push(Event::Html(embeds.paragraph(&video).into()));
            continue;
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs: _,
            }) => {
                let inner: Vec<Event<'_>> = parser
                    .by_ref()
                    .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .map(|(e, r)| rewriter.rewrite(e, r.start))
                    .collect();
                state.heading(level, id, &classes, inner, &mut events);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut code = String::new();
                for (e, _) in parser.by_ref() {
                    match e {
                        Event::Text(t) => code.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                if let CodeBlockKind::Fenced(info) = &kind
                    && embed::is_fence(info)
                {
                    let html = embeds.fence(
                        source,
                        range.start,
                        &code,
                        links,
                        raw_html,
                        &mut rewriter.problems,
                    );
                    events.push(Event::Html(html.into()));
                    continue;
                }
                state.words += count_words(&code);
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info.as_ref(),
                    CodeBlockKind::Indented => "",
                };
                // Highlighting costs ~2 µs a byte: past a story's budget, code is
                // shown plain, so no body can hold a build for seconds.
                let colour = code.len() <= highlight_budget;
                highlight_budget = highlight_budget.saturating_sub(code.len());
                events.push(Event::Html(
                    highlight::code_block(lang, &code, colour).into(),
                ));
            }
            event => {
                let event = rewriter.rewrite(event, range.start);
                state.observe(&event);
                events.push(event);
            }
        }
    }
    // A caption nesting too deep stops the body as the body's own nesting would.
    let html = to_html(events, source.len(), &rewriter.raw)
        .and_then(|done| embeds.too_deep.map_or(Ok(done), Err));
    let (html, mut dropped_html) = match html {
        Ok(done) => done,
        Err(found) => {
            return Rendered {
                too_deep: Some(found),
                ..Rendered::default()
            };
        }
    };
    dropped_html.append(&mut embeds.dropped);
    dropped_html.sort_by_key(|d| (d.offset, d.lines));
    let mut lines = LineCounter::default();
    let images = (rewriter.images.into_iter())
        .map(|(offset, written, src)| BodyImage {
            line: lines.line_at(source, offset),
            written,
            src,
        })
        .collect();
    Rendered {
        images,
        html,
        broken_links: rewriter.problems.broken,
        unsafe_urls: rewriter.problems.unsafe_urls,
        dropped_html,
        toc: state.toc,
        first_paragraph: state.first_paragraph.trim().to_owned(),
        words: state.words,
        too_deep: None,
        embeds: embeds.count,
        bad_embeds: embeds.bad,
    }
}

/// What sanitising removes from a body's raw HTML (an embed's caption's too),
/// exactly as [`render`] finds it. Only a body with raw HTML is rendered for it; one
/// without a `<` is not even parsed.
pub fn dropped_html(source: &str, raw_html: RawHtml) -> Vec<DroppedHtml> {
    let has_raw_html = || {
        Parser::new_ext(source, options()).any(|e| match e {
            Event::Html(_) | Event::InlineHtml(_) => true,
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => embed::is_fence(&info),
            _ => false,
        })
    };
    if raw_html == RawHtml::Trusted || !source.contains('<') || !has_raw_html() {
        return Vec::new();
    }
    render(source, &Links::plain("/"), raw_html).dropped_html
}

/// The rewriting that body and heading events share: links and images pointed where
/// they go, raw HTML set aside behind a mark when it is to be sanitised.
struct Rewriter<'s, 'l> {
    links: &'l Links<'l>,
    raw_html: RawHtml,
    problems: LinkProblems,
    raw: Vec<RawPiece<'s>>,
    /// Inside an image, raw HTML is alt text that pulldown-cmark escapes, not markup.
    in_image: usize,
    /// Each Markdown image's offset, source as written and as rewritten.
    images: Vec<(usize, String, String)>,
}

impl<'s> Rewriter<'s, '_> {
    fn rewrite(&mut self, event: Event<'s>, offset: usize) -> Event<'s> {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                let written = match &event {
                    Event::Start(Tag::Image { dest_url, .. }) => Some(dest_url.to_string()),
                    _ => None,
                };
                let event = rewrite_link(event, offset, self.links, &mut self.problems);
                if let Some(written) = written {
                    self.in_image += 1;
                    if let Event::Start(Tag::Image { dest_url, .. }) = &event {
                        self.images.push((offset, written, dest_url.to_string()));
                    }
                }
                event
            }
            Event::End(TagEnd::Image) => {
                self.in_image = self.in_image.saturating_sub(1);
                event
            }
            Event::Html(html) | Event::InlineHtml(html)
                if self.raw_html == RawHtml::Sanitize && self.in_image == 0 =>
            {
                let mark = sanitize::mark(self.raw.len(), &html);
                self.raw.push(RawPiece { html, offset });
                mark
            }
            event => event,
        }
    }
}

/// What the walk over the events learns on the way.
#[derive(Default)]
struct State {
    toc: Vec<TocEntry>,
    ids: HashMap<String, usize>,
    first_paragraph: String,
    /// 0: before the first top-level paragraph, 1: inside it, 2: past it.
    paragraph_phase: u8,
    depth: usize,
    words: usize,
}

impl State {
    fn observe(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::Paragraph) if self.depth == 0 && self.paragraph_phase == 0 => {
                self.paragraph_phase = 1;
                self.depth += 1;
            }
            Event::End(TagEnd::Paragraph) if self.depth == 1 && self.paragraph_phase == 1 => {
                self.paragraph_phase = 2;
                self.depth -= 1;
            }
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => {
                self.words += count_words(t);
                if self.paragraph_phase == 1 {
                    self.first_paragraph.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak if self.paragraph_phase == 1 => {
                self.first_paragraph.push(' ');
            }
            _ => {}
        }
    }

    fn unique_id(&mut self, base: String) -> String {
        let n = self.ids.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            base
        } else {
            format!("{base}-{}", *n - 1)
        }
    }

    fn heading<'a>(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: &[CowStr<'a>],
        inner: Vec<Event<'a>>,
        out: &mut Vec<Event<'a>>,
    ) {
        let mut text = String::new();
        for e in &inner {
            if let Event::Text(t) | Event::Code(t) = e {
                text.push_str(t);
                self.words += count_words(t);
            }
        }
        let base = id.map(|i| i.to_string()).unwrap_or_else(|| {
            Slug::from_text(&text).map_or_else(|| "section".to_owned(), |s| s.to_string())
        });
        let id = self.unique_id(base);
        let n = level as u8;
        let mut open = format!("<h{n} id=\"");
        let _ = escape_href(&mut open, &id);
        open.push('"');
        if !classes.is_empty() {
            open.push_str(" class=\"");
            let _ = escape_html(&mut open, &classes.join(" "));
            open.push('"');
        }
        open.push('>');
        out.push(Event::Html(open.into()));
        out.extend(inner);
        let mut close = String::new();
        if n == 2 || n == 3 {
            close.push_str(" <a class=\"anchor\" href=\"#");
            let _ = escape_href(&mut close, &id);
            close.push_str("\" aria-label=\"Link to this section\">#</a>");
            self.toc.push(TocEntry {
                level: n,
                id,
                title: text,
            });
        }
        close.push_str(&format!("</h{n}>\n"));
        out.push(Event::Html(close.into()));
    }
}

fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests;
