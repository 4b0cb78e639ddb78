//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough, task lists,
//! smart punctuation, heading ids with anchor links on H2/H3, and build-time code
//! highlighting. Alongside the HTML it derives what the templates need from the text:
//! the table of contents, the first paragraph as plain text and the word count.

mod cache;
mod highlight;

pub use cache::Cache;

use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};
use serde::Serialize;

use crate::url::Slug;

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
}

impl Rendered {
    /// Minutes to read, at least one.
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(WORDS_PER_MINUTE).max(1)
    }
}

/// One heading of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The anchor id.
    pub id: String,
    /// The heading's plain text.
    pub title: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// How links in a body are resolved.
pub struct Links<'a> {
    /// The site's base path (`/` or `/picks/`), put in front of root-relative links.
    pub base_path: &'a str,
    /// Resolves a link to another story's file (`other.md`, `@/2026/other.md`, the
    /// part before any `?` or `#`) to that story's URL; `Err` says why it cannot.
    pub story: &'a (dyn Fn(&str) -> Result<String, String> + Sync),
}

impl Links<'_> {
    /// Links for bodies that never point at other stories (tests, previews).
    pub fn plain(base_path: &str) -> Links<'_> {
        Links {
            base_path,
            story: &|target| Err(format!("{target} is not a story of this site")),
        }
    }
}

/// A link to another story that could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// Byte offset of the link in the body.
    pub offset: usize,
    /// Why it is broken.
    pub message: String,
}

/// Whether a link destination points at a story file rather than a URL.
fn is_story_link(url: &str) -> bool {
    if url.starts_with("@/") {
        return true;
    }
    let path = url.split(['#', '?']).next().unwrap_or_default();
    !url.contains("://")
        && !url.starts_with(['/', '#'])
        && !url.starts_with("mailto:")
        && path.ends_with(".md")
}

/// Renders a Markdown body. Root-relative links and images (`/2026/07/05/story/`)
/// are taken as paths inside the site and get the site's base path in front, so
/// they keep working when the site lives under a sub-path; links to story files
/// become those stories' URLs.
pub fn render(source: &str, links: &Links<'_>) -> Rendered {
    let mut state = State::default();
    let mut broken = Vec::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut parser = Parser::new_ext(source, options()).into_offset_iter();
    while let Some((event, range)) = parser.next() {
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
                    .map(|(e, r)| rewrite_link(e, r.start, links, &mut broken))
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
                state.words += count_words(&code);
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info.as_ref(),
                    CodeBlockKind::Indented => "",
                };
                events.push(Event::Html(highlight::code_block(lang, &code).into()));
            }
            event @ Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                events.push(rewrite_link(event, range.start, links, &mut broken));
                state.depth += 1;
            }
            event => {
                state.observe(&event);
                events.push(event);
            }
        }
    }
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Rendered {
        html,
        broken_links: broken,
        toc: state.toc,
        first_paragraph: state.first_paragraph.trim().to_owned(),
        words: state.words,
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

/// Points a link or image (any other event passes through) where it should go.
fn rewrite_link<'a>(
    event: Event<'a>,
    offset: usize,
    links: &Links<'_>,
    broken: &mut Vec<BrokenLink>,
) -> Event<'a> {
    let Event::Start(mut tag) = event else {
        return event;
    };
    match &mut tag {
        Tag::Link { dest_url, .. } => {
            let url = std::mem::replace(dest_url, CowStr::Borrowed(""));
            *dest_url = link_target(url, links, offset, broken);
        }
        Tag::Image { dest_url, .. } => {
            let url = std::mem::replace(dest_url, CowStr::Borrowed(""));
            *dest_url = in_site(url, links.base_path.trim_end_matches('/'));
        }
        _ => {}
    }
    Event::Start(tag)
}

/// Where a link goes: a story file becomes that story's URL, keeping any query and
/// anchor (or a broken link is recorded), a site path gets the base path, anything
/// else stays.
fn link_target<'a>(
    url: CowStr<'a>,
    links: &Links<'_>,
    offset: usize,
    broken: &mut Vec<BrokenLink>,
) -> CowStr<'a> {
    if !is_story_link(&url) {
        return in_site(url, links.base_path.trim_end_matches('/'));
    }
    let (file, rest) = url.split_at(url.find(['?', '#']).unwrap_or(url.len()));
    match (links.story)(file) {
        Ok(target) if rest.is_empty() => target.into(),
        Ok(target) => format!("{target}{rest}").into(),
        Err(message) => {
            broken.push(BrokenLink { offset, message });
            url
        }
    }
}

fn in_site<'a>(url: CowStr<'a>, prefix: &str) -> CowStr<'a> {
    if !prefix.is_empty() && url.starts_with('/') && !url.starts_with("//") {
        format!("{prefix}{url}").into()
    } else {
        url
    }
}

fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(source: &str) -> Rendered {
        render(source, &Links::plain("/"))
    }

    #[test]
    fn root_relative_links_get_the_base_path() {
        let r = render(
            "[a](/2026/x/) [b](https://e.org/) ![i](/img.png) [c](//cdn.example/x)",
            &Links::plain("/picks/"),
        );
        assert!(r.html.contains("href=\"/picks/2026/x/\""), "{}", r.html);
        assert!(r.html.contains("src=\"/picks/img.png\""), "{}", r.html);
        assert!(r.html.contains("href=\"https://e.org/\""), "{}", r.html);
        assert!(r.html.contains("href=\"//cdn.example/x\""), "{}", r.html);
    }

    #[test]
    fn story_links_resolve_or_are_reported() {
        let story = |t: &str| match t {
            "a.md" | "@/2026/a.md" => Ok("/2026/07/05/a/".to_owned()),
            _ => Err(format!("no story {t}")),
        };
        let links = Links {
            base_path: "/",
            story: &story,
        };
        let r = render(
            "[x](a.md#part) [y](@/2026/a.md)\n\n[z](missing.md) [w](https://e.org/a.md)\n\n## See [h](a.md) and [m](gone.md)\n",
            &links,
        );
        assert!(
            r.html.contains("href=\"/2026/07/05/a/#part\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"/2026/07/05/a/\""), "{}", r.html);
        assert!(r.html.contains("href=\"https://e.org/a.md\""), "{}", r.html);
        assert_eq!(r.broken_links.len(), 2);
        assert_eq!(r.broken_links[0].offset, 33);
        assert_eq!(r.broken_links[0].message, "no story missing.md");
        // Links inside headings are resolved and checked too.
        assert!(
            r.html.contains("See <a href=\"/2026/07/05/a/\">h</a>"),
            "{}",
            r.html
        );
        assert_eq!(r.broken_links[1].message, "no story gone.md");
    }

    #[test]
    fn story_links_keep_their_query_and_anchor() {
        let story = |t: &str| match t {
            "a.md" => Ok("/2026/07/05/a/".to_owned()),
            _ => Err(format!("no story {t}")),
        };
        let links = Links {
            base_path: "/",
            story: &story,
        };
        let r = render(
            "[q](a.md?utm=x) [b](a.md?utm=x&v=2#part) [c](a.md#part?x)\n",
            &links,
        );
        assert!(r.broken_links.is_empty(), "{:?}", r.broken_links);
        let hrefs: Vec<&str> = r
            .html
            .split("href=\"")
            .skip(1)
            .map(|h| &h[..h.find('"').unwrap()])
            .collect();
        assert_eq!(
            hrefs,
            [
                "/2026/07/05/a/?utm=x",
                "/2026/07/05/a/?utm=x&amp;v=2#part",
                "/2026/07/05/a/#part?x",
            ]
        );
    }

    #[test]
    fn headings_get_unique_ids_and_anchors() {
        let r = md("## What was announced\n\ntext\n\n## What was announced\n");
        assert!(
            r.html.contains("<h2 id=\"what-was-announced\">"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<h2 id=\"what-was-announced-1\">"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("href=\"#what-was-announced\""),
            "{}",
            r.html
        );
        assert_eq!(r.toc.len(), 2);
    }

    #[test]
    fn extensions_are_on() {
        let r = md(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\"\n\n- [x] done\n\nNote[^1].\n\n[^1]: A footnote.\n",
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("\u{201c}quoted\u{201d}"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let r = md("## Heading\n\n> quoted first\n\nThe *real* lede,\nwith `code`.\n\nSecond.\n");
        assert_eq!(r.first_paragraph, "The real lede, with code.");
    }

    #[test]
    fn words_and_reading_time() {
        let body = "word ".repeat(461);
        let r = md(&body);
        assert_eq!(r.words, 461);
        assert_eq!(r.reading_minutes(), 3);
        assert_eq!(md("").reading_minutes(), 1);
    }

    #[test]
    fn fenced_code_is_highlighted_or_escaped() {
        let r = md("```python\nprint('<b>')\n```\n\n```zzz\n<i>\n```\n");
        assert!(r.html.contains("language-python"));
        assert!(r.html.contains("&lt;i&gt;"));
    }
}
