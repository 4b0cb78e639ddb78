//! Video embeds that ask before they load: a YouTube or Vimeo URL alone in a
//! top-level paragraph, or a fenced ` ```embed ` block (the URL, then `caption:`,
//! `title:`, `poster:` and `start:` lines), becomes a poster with a play sign and
//! the title, linking to the video's page. Only a reader's click (in the theme's
//! `embed.js`) loads the player, from youtube-nocookie.com or with Vimeo's `dnt=1`;
//! until then the page asks nothing of anyone else, the poster being a file of the
//! site or a frame the stylesheet draws. `video.rs` knows the URLs, `fence.rs` reads
//! a block, `html.rs` writes the figure. Other URLs stay links.

mod fence;
mod html;
mod video;

use video::Video;

use super::dropped::DroppedHtml;
use super::inline::render_inline;
use super::links::LinkProblems;
use super::nesting::TooDeep;
use super::{Links, RawHtml};
use html::Shown;

/// A problem in an embed block, which stops the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadEmbed {
    /// Byte offset in the body of the start of the line it is on.
    pub offset: usize,
    /// The option it is about (`poster`, ...); `None` for the URL.
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to put it right.
    pub hint: &'static str,
}

/// Whether a fenced block's info string makes it an embed block.
pub(super) fn is_fence(info: &str) -> bool {
    info.split_whitespace().next() == Some("embed")
}

/// The video a top-level paragraph is, when its whole text is one video URL (plain,
/// or an autolink in `<...>`). A URL with anything else around it stays a link.
pub(super) fn bare(paragraph: &str) -> Option<Video> {
    let text = paragraph.trim();
    let url = text
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(text);
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    Video::parse(url)
}

/// What the embeds of a body made and found.
#[derive(Debug, Default)]
pub(super) struct Embeds {
    /// How many embeds the body has.
    pub count: usize,
    /// Problems in embed blocks.
    pub bad: Vec<BadEmbed>,
    /// What sanitising removed from captions.
    pub dropped: Vec<DroppedHtml>,
    /// A caption nesting past the limits.
    pub too_deep: Option<TooDeep>,
}

impl Embeds {
    /// The embed of a paragraph that is one video URL.
    pub fn paragraph(&mut self, video: &Video) -> String {
        self.count += 1;
        html::figure(
            video,
            &Shown {
                title: None,
                poster: None,
                caption: None,
            },
        )
    }

    /// The embed of a block whose opening fence starts at `fence_at` in `source`
    /// and whose text is `text`. A block with problems makes nothing (the build
    /// stops on them, every one reported); a caption's links and raw HTML are
    /// checked as a body's.
    pub fn fence(
        &mut self,
        source: &str,
        fence_at: usize,
        text: &str,
        links: &Links<'_>,
        raw_html: RawHtml,
        problems: &mut LinkProblems,
    ) -> String {
        let line_at = |line: usize| line_offset(source, fence_at, line + 1);
        let (fence, found) = fence::parse(text);
        let bad_before = self.bad.len();
        self.bad.extend(found.into_iter().map(|p| BadEmbed {
            offset: line_at(p.line),
            key: p.key,
            message: p.message,
            hint: p.hint,
        }));
        let poster = fence.poster.as_ref().and_then(|p| match (links.poster)(&p.text) {
            Ok(url) => Some(url),
            Err(message) => {
                self.bad.push(BadEmbed {
                    offset: line_at(p.line),
                    key: Some("poster".to_owned()),
                    message,
                    hint: "a poster is an image file of the site: under static/ (static/images/trailer.jpg is poster: /images/trailer.jpg) or the theme's static/, or beside a story written as a folder (poster: still.jpg)",
                });
                None
            }
        });
        let caption = fence.caption.as_ref().map(|c| {
            let at = line_at(c.line);
            let rendered = render_inline(&c.text, links, raw_html);
            problems
                .broken
                .extend(rendered.broken_links.into_iter().map(|mut b| {
                    b.offset = at;
                    b
                }));
            problems
                .unsafe_urls
                .extend(rendered.unsafe_urls.into_iter().map(|mut u| {
                    u.offset = at;
                    u
                }));
            self.dropped
                .extend(rendered.dropped_html.into_iter().map(|d| DroppedHtml {
                    offset: at,
                    lines: 0,
                    ..d
                }));
            if let Some(deep) = rendered.too_deep {
                self.too_deep.get_or_insert(TooDeep { offset: at, ..deep });
            }
            rendered.html
        });
        self.bad[bad_before..].sort_by_key(|b| b.offset);
        let Some(video) = fence.video.filter(|_| self.bad.len() == bad_before) else {
            return String::new();
        };
        self.count += 1;
        html::figure(
            &video,
            &Shown {
                title: fence.title.as_deref(),
                poster: poster.as_deref(),
                caption: caption.as_deref(),
            },
        )
    }
}

/// The byte offset of the start of the line `lines` lines below the one `from` is on.
fn line_offset(source: &str, from: usize, lines: usize) -> usize {
    let mut at = from;
    for _ in 0..lines {
        match source[at..].find('\n') {
            Some(newline) => at += newline + 1,
            None => return source.len(),
        }
    }
    at
}

#[cfg(test)]
mod tests;
