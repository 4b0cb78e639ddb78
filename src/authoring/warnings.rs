//! The warnings of `smartpicks check`: things a build accepts but a reader or an
//! editor would rather not see. Each has a stable code and the file and line to fix:
//!
//! | code | what |
//! |---|---|
//! | `no-sources` | a story lists no primary source |
//! | `near-duplicate-term` | two spellings of what is probably one party or tag |
//! | `missing-asset` | a lead image, an author's avatar, or a Markdown image or link to a site path that is neither a static file nor a page |
//! | `unsafe-html` | raw HTML that sanitising removes from the page (a script, an event handler, ...), one warning per removal |
//! | `draft` | a draft, left out of builds |
//! | `future` | a story dated after now, left out of builds until then |
//! | `summary-too-long` | a summary that social cards cut |
//! | `placeholder` | text `smartpicks new` wrote to be replaced, still there ([`super::placeholders`]) |
//! | `hidden-correction` | corrections on a site whose templates never show them ([`hidden_corrections`]) |

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::terms;
use crate::config::Config;
use crate::content::Story;
use crate::error::{Code, Diagnostic};
use crate::markdown;
use crate::media::probe::Format;

/// Longest summary, in characters, that social cards show whole.
pub(super) const SUMMARY_MAX: usize = 200;

/// A valid story and the text it was read from (for the lines of its keys).
pub(super) struct Checked {
    pub story: Story,
    pub text: String,
}

impl Checked {
    /// The file line of a top-level front-matter key, as the YAML parser placed it;
    /// the front-matter's first line when absent.
    pub fn key_line(&self, key: &str) -> usize {
        self.story.front.positions.line(key)
    }

    /// The front-matter's lines with their file line numbers.
    pub fn front_lines(&self) -> impl Iterator<Item = (usize, &str)> {
        let end = self.story.body_line.saturating_sub(2);
        self.text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .skip(1)
            .take(end.saturating_sub(1))
    }
}

/// Every warning about the site. `pages` holds the site's paths when the site could
/// be assembled; without it, links are only checked against static files.
pub(super) fn warnings(
    config: &Config,
    stories: &[Checked],
    pages: Option<&HashSet<String>>,
    now: jiff::Timestamp,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let assets = Assets { config, pages };
    for c in stories {
        let front = &c.story.front;
        let file = &c.story.path;
        if front.sources.is_empty() {
            out.push(
                Diagnostic::new(Code::NoSources, file, 1, "the story lists no sources")
                    .key("sources")
                    .hint("add the primary announcement under sources:, e.g.\n    sources:\n      - title: \"The announcement\"\n        url: \"https://example.org/news\""),
            );
        }
        if front.draft {
            out.push(
                Diagnostic::new(
                    Code::Draft,
                    file,
                    c.key_line("draft"),
                    "builds leave this draft out unless --drafts",
                )
                .key("draft")
                .hint("remove draft: true to publish it"),
            );
        }
        out.extend(super::placeholders::placeholders(c));
        if front.date.timestamp > now {
            out.push(
                Diagnostic::new(
                    Code::Future,
                    file,
                    c.key_line("date"),
                    format!(
                        "dated {}, after now ({now}): builds leave it out until then",
                        front.date.date()
                    ),
                )
                .key("date")
                .hint("the first build from that moment on publishes it (a scheduled rebuild does it on time: docs/publishing.md); --future previews it now"),
            );
        }
        if let Some(summary) = &front.summary {
            let n = summary.chars().count();
            if n > SUMMARY_MAX {
                out.push(
                    Diagnostic::new(
                        Code::SummaryTooLong,
                        file,
                        c.key_line("summary"),
                        format!(
                            "the summary is {n} characters; social cards cut it after {SUMMARY_MAX}"
                        ),
                    )
                    .key("summary")
                    .hint(format!("shorten it to {SUMMARY_MAX} characters or fewer")),
                );
            }
        }
        if let Some(image) = &front.image
            && let Some(path) = site_path(image)
            && !assets.is_static(path)
            // A missing picture is the media stage's error (missing-image).
            && Format::of_name(path).is_none()
        {
            out.push(
                Diagnostic::new(
                    Code::MissingAsset,
                    file,
                    c.key_line("image"),
                    assets.missing_image(image),
                )
                .key("image")
                .hint("add the file under static/, or fix the path"),
            );
        }
        out.extend(assets.check_body(&c.story));
        out.extend(unsafe_html(config, &c.story));
        out.extend(unsafe_correction_html(config, &c.story));
    }
    out.extend(terms::near_duplicates(config, stories));
    out.extend(missing_avatars(&assets));
    out
}

/// Avatars in `[[authors]]` that name a site path no static file provides.
fn missing_avatars(assets: &Assets<'_>) -> Vec<Diagnostic> {
    assets
        .config
        .authors
        .iter()
        .filter_map(|author| {
            let avatar = author.avatar.as_deref()?;
            let path = site_path(avatar)?;
            (!assets.is_static(path)).then(|| {
                Diagnostic::new(
                    Code::MissingAsset,
                    crate::config::CONFIG_FILE,
                    author.avatar_line,
                    format!("{}'s avatar: {}", author.name, assets.missing_image(avatar)),
                )
                .key("avatar")
                .hint("add the file under static/, or fix the path")
            })
        })
        .collect()
}

/// What sanitising removes from the story's raw HTML, found the way the build's
/// renderer finds it, each on its line.
fn unsafe_html(config: &Config, story: &Story) -> Vec<Diagnostic> {
    let body = &story.body;
    markdown::dropped_html(body, config.markdown.raw_html)
        .into_iter()
        .map(|d| {
            let line = story.body_line + body[..d.offset].matches('\n').count() + d.lines;
            Diagnostic::new(
                Code::UnsafeHtml,
                &story.path,
                line,
                format!("removed from the page: {}", d.what),
            )
            .hint("pages keep ordinary markup (README.md lists it); scripts, styles, embeds, event handlers and URLs that run code are removed. Use Markdown or a kept tag, or set raw_html = \"trusted\" under [markdown] in site.toml if every writer may run script on the site")
        })
        .collect()
}

/// What sanitising removes from the raw HTML of the story's corrections, each on
/// the line of its note's `text`.
fn unsafe_correction_html(config: &Config, story: &Story) -> Vec<Diagnostic> {
    let raw_html = config.markdown.raw_html;
    story
        .front
        .corrections
        .iter()
        .flat_map(|note| {
            markdown::dropped_inline_html(&note.text, raw_html)
                .into_iter()
                .map(|d| {
                    let line = note.line + note.text[..d.offset].matches('\n').count() + d.lines;
                    Diagnostic::new(
                        Code::UnsafeHtml,
                        &story.path,
                        line,
                        format!("removed from the correction: {}", d.what),
                    )
                    .key("corrections")
                    .hint("corrections keep the markup bodies keep (README.md lists it); scripts, styles, embeds, event handlers and URLs that run code are removed. Write the note in Markdown")
                })
        })
        .collect()
}

/// The site path of a URL written in a story (`/images/a.png?v=2` gives
/// `/images/a.png`), or `None` for anything that is not root-relative.
fn site_path(url: &str) -> Option<&str> {
    if !url.starts_with('/') || url.starts_with("//") {
        return None;
    }
    url.split(['#', '?']).next()
}

/// What a site path may point at: a static file, or (when known) a page.
struct Assets<'a> {
    config: &'a Config,
    pages: Option<&'a HashSet<String>>,
}

impl Assets<'_> {
    fn is_static(&self, path: &str) -> bool {
        let rel = path.trim_start_matches('/');
        if rel.is_empty() || rel.split('/').any(|s| s == "..") {
            return false;
        }
        let theme = Path::new("themes").join(&self.config.theme).join("static");
        [Path::new("static"), theme.as_path()]
            .iter()
            .any(|dir| self.config.root.join(dir).join(rel).is_file())
    }

    /// Whether `path` is a page; `None` when the pages are unknown.
    fn is_page(&self, path: &str) -> Option<bool> {
        let pages = self.pages?;
        let folder = path.strip_suffix("index.html").unwrap_or(path);
        Some(
            pages.contains(folder) || pages.contains(&format!("{folder}/")) || pages.contains(path),
        )
    }

    fn missing_image(&self, url: &str) -> String {
        format!(
            "image {url} is not a file under static/ or themes/{}/static/",
            self.config.theme
        )
    }

    /// Markdown images and links in the body that point at nothing on the site.
    fn check_body(&self, story: &Story) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let body = &story.body;
        let mut cursor = Cursor::default();
        for (event, range) in Parser::new_ext(body, Options::all()).into_offset_iter() {
            let (url, image) = match &event {
                Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
                Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
                _ => continue,
            };
            let Some(path) = site_path(url) else { continue };
            if image && Format::of_name(path).is_some() {
                continue; // the media stage's error (missing-image) when not there
            }
            let found = self.is_static(path) || (!image && self.is_page(path).unwrap_or(true));
            if found {
                continue;
            }
            let (line, column) = cursor.advance(body, range.start);
            let line = story.body_line + line;
            let message = if image {
                self.missing_image(url)
            } else {
                format!("link {url} is neither a file under static/ nor a page of the site")
            };
            out.push(
                Diagnostic::new(Code::MissingAsset, &story.path, line, message)
                    .column(column)
                    .hint("add the file under static/, or fix the path (site paths start at the site's root, e.g. /2026/07/05/story/)"),
            );
        }
        out
    }
}

/// Line (0-based) and column (1-based, in characters) of offsets in a text, counted
/// on from the previous offset: a body with many links is read once, not once per
/// link (a 2 MiB table of links took minutes).
#[derive(Default)]
struct Cursor {
    offset: usize,
    line: usize,
    column: usize,
}

impl Cursor {
    fn advance(&mut self, text: &str, to: usize) -> (usize, usize) {
        if to < self.offset {
            *self = Cursor::default();
        }
        for c in text[self.offset..to].chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 0;
            } else {
                self.column += 1;
            }
        }
        self.offset = to;
        (self.line, self.column + 1)
    }
}

/// `hidden-correction`: stories with corrections, when no template the site uses
/// mentions `article.corrections` (a site's own `article.html` written before
/// corrections existed). Feeds, JSON-LD and `/corrections/` would announce notes
/// that the story's page does not show.
pub(super) fn hidden_corrections(
    root: &Path,
    theme: &crate::render::Theme,
    stories: &[Checked],
) -> Vec<Diagnostic> {
    let shown = theme.files.values().any(|file| {
        std::fs::read_to_string(root.join(file))
            .is_ok_and(|text| text.contains("article.corrections"))
    });
    if shown {
        return Vec::new();
    }
    stories
        .iter()
        .filter(|c| !c.story.front.corrections.is_empty())
        .map(|c| {
            Diagnostic::new(
                Code::HiddenCorrection,
                &c.story.path,
                c.key_line("corrections"),
                format!(
                    "the story has corrections, but {} never shows article.corrections",
                    theme.file_of("article.html").display()
                ),
            )
            .key("corrections")
            .hint("add the corrections box to the template (the default theme's article.html has one), or the page hides what its feeds announce")
        })
        .collect()
}
