//! Raw HTML in a story body, cleaned with ammonia while the HTML that Markdown makes
//! stays exactly as pulldown-cmark wrote it.
//!
//! Raw HTML reaches the renderer in pieces (an opening tag, Markdown inside, a closing
//! tag), so cleaning piece by piece would break its structure, and cleaning the whole
//! rendered body would also rewrite the Markdown's own markup. Instead the body is
//! rendered with a mark in place of each raw piece; the raw pieces are then put
//! together into one fragment with a hole where each stretch of Markdown output was,
//! that fragment is cleaned as a whole (so `<details>` … `</details>` around Markdown
//! is one element), and the Markdown output is put back into the holes. Holes are
//! text to the sanitiser: one that ends up inside an attribute takes the attribute
//! with it, one inside a removed `<script>` goes with the script, exactly as a
//! browser would have swallowed it. Bodies without raw HTML never come here.

use std::borrow::Cow;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event};
use serde::Deserialize;

use super::dropped::{self, DroppedHtml};
use super::html_policy as policy;

/// What happens to raw HTML written in story bodies (`[markdown] raw_html`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Kept without scripts, event handlers, styles, embeds and URLs that run code;
    /// `check` lists every removal. The default.
    #[default]
    Sanitize,
    /// Published exactly as written, for sites whose writers may all run script on
    /// the site's pages.
    Trusted,
}

/// One piece of raw HTML of the body, set aside while the Markdown renders.
pub(super) struct RawPiece<'a> {
    /// The HTML as written.
    pub html: CowStr<'a>,
    /// Byte offset of the piece in the body.
    pub offset: usize,
}

/// Starts the mark of a raw piece in the rendered body (`<` MARK index `>`). Rendered
/// Markdown never holds a bare `<` outside a tag it made, so a mark cannot be forged.
const MARK: &str = "<\u{FDD0}";
/// Around the number of a hole in the raw fragment. Noncharacters, reserved for
/// internal use; any in the raw HTML itself are replaced before the holes go in.
const HOLE_OPEN: char = '\u{FDD0}';
const HOLE_CLOSE: char = '\u{FDD1}';

/// The event that stands for raw piece `index` while the body renders; it keeps the
/// piece's closing newline so the Markdown around it renders as it would beside it.
pub(super) fn mark<'a>(index: usize, html: &str) -> Event<'a> {
    let newline = if html.ends_with('\n') { "\n" } else { "" };
    Event::InlineHtml(format!("{MARK}{index}>{newline}").into())
}

/// One stretch of the fragment given to the sanitiser.
pub(super) enum Chunk<'a> {
    /// Raw piece `index`, as written (noncharacters replaced).
    Raw(usize, Cow<'a, str>),
    /// The hole for Markdown output number `n`.
    Hole(usize),
}

impl Chunk<'_> {
    /// The chunk's text in the fragment.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Chunk::Raw(_, html) => Cow::Borrowed(html),
            Chunk::Hole(n) => Cow::Owned(format!("{HOLE_OPEN}{n}{HOLE_CLOSE}")),
        }
    }
}

/// Cleans the raw HTML of a body rendered with marks; returns the body and what the
/// cleaning removed.
pub(super) fn clean(marked: &str, raw: &[RawPiece<'_>]) -> (String, Vec<DroppedHtml>) {
    let (chunks, markdown) = split(marked, raw);
    let fragment: String = chunks.iter().map(|c| c.text()).collect();
    let cleaned = CLEANER.clean(&fragment).to_string();
    let report = dropped::report(&chunks, raw);
    let (html, mut filled) = fill_holes(&cleaned, &markdown);
    for n in report.in_removed {
        filled[n] = true;
    }
    let mut dropped = report.dropped;
    dropped.extend(swallowed(&chunks, raw, &filled));
    dropped.sort_by_key(|d| (d.offset, d.lines));
    (html, dropped)
}

/// Markdown output whose hole did not survive (and was not inside a removed
/// `<script>`): raw HTML left open before it (a quote, a comment, a tag) swallowed it,
/// in the browser as in the sanitiser.
fn swallowed(chunks: &[Chunk<'_>], raw: &[RawPiece<'_>], filled: &[bool]) -> Vec<DroppedHtml> {
    let mut out = Vec::new();
    let mut before = None;
    for chunk in chunks {
        match chunk {
            Chunk::Raw(index, _) => before = Some(*index),
            Chunk::Hole(n) if !filled[*n] => {
                if let Some(index) = before {
                    let piece = &raw[index];
                    out.push(DroppedHtml {
                        offset: piece.offset,
                        lines: piece.html.trim_end().matches('\n').count(),
                        what: "the Markdown after this HTML, which leaves a quote, comment or tag open"
                            .to_owned(),
                    });
                }
            }
            Chunk::Hole(_) => {}
        }
    }
    out
}

/// Splits a marked body into raw pieces and holes, with the Markdown output that
/// belongs in each hole.
fn split<'m, 'r>(marked: &'m str, raw: &'r [RawPiece<'_>]) -> (Vec<Chunk<'r>>, Vec<&'m str>) {
    let mut chunks = Vec::with_capacity(raw.len() * 2 + 1);
    let mut markdown = Vec::new();
    let mut rest = marked;
    let mut hole = |text: &'m str, chunks: &mut Vec<Chunk<'r>>| {
        if !text.is_empty() {
            chunks.push(Chunk::Hole(markdown.len()));
            markdown.push(text);
        }
    };
    while let Some(at) = rest.find(MARK) {
        let after = &rest[at + MARK.len()..];
        // Marks are only ever written by `mark`, so this always finds the piece.
        let Some((index, piece)) = after
            .split_once('>')
            .and_then(|(n, _)| n.parse::<usize>().ok())
            .and_then(|i| raw.get(i).map(|p| (i, p)))
        else {
            break;
        };
        hole(&rest[..at], &mut chunks);
        rest = &after[after.find('>').unwrap_or(0) + 1..];
        if piece.html.ends_with('\n') {
            rest = rest.strip_prefix('\n').unwrap_or(rest);
        }
        let html: &'r str = &piece.html;
        let html = if html.contains([HOLE_OPEN, HOLE_CLOSE]) {
            Cow::Owned(html.replace([HOLE_OPEN, HOLE_CLOSE], "\u{FFFD}"))
        } else {
            Cow::Borrowed(html)
        };
        chunks.push(Chunk::Raw(index, html));
    }
    hole(rest, &mut chunks);
    (chunks, markdown)
}

/// Puts the Markdown output back into the holes of the cleaned fragment; says which
/// holes were found.
fn fill_holes(cleaned: &str, markdown: &[&str]) -> (String, Vec<bool>) {
    let size = cleaned.len() + markdown.iter().map(|m| m.len()).sum::<usize>();
    let mut out = String::with_capacity(size);
    let mut filled = vec![false; markdown.len()];
    let mut rest = cleaned;
    while let Some(at) = rest.find(HOLE_OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + HOLE_OPEN.len_utf8()..];
        let end = after.find(HOLE_CLOSE).unwrap_or(after.len());
        if let Ok(n) = after[..end].parse::<usize>()
            && let Some(text) = markdown.get(n)
        {
            out.push_str(text);
            filled[n] = true;
        }
        rest = after.get(end + HOLE_CLOSE.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    (out, filled)
}

/// The sanitiser, configured once from [`policy`].
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.tags(policy::TAGS.iter().copied().collect())
        .clean_content_tags(policy::REMOVED_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(policy::GENERIC_ATTRIBUTES.iter().copied().collect())
        .generic_attribute_prefixes(policy::GENERIC_PREFIXES.iter().copied().collect())
        .tag_attributes(
            policy::TAG_ATTRIBUTES
                .iter()
                .map(|(tag, attrs)| (*tag, attrs.iter().copied().collect()))
                .collect(),
        )
        .url_schemes(policy::URL_SCHEMES.iter().copied().collect())
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(|tag, attribute, value| {
            // A hole inside an attribute: the Markdown it stood for was swallowed by
            // an unclosed quote, and must not be pasted into the attribute.
            if value.contains([HOLE_OPEN, HOLE_CLOSE]) {
                return None;
            }
            if !policy::value_allowed(tag, attribute, value) {
                return None;
            }
            Some(value.into())
        });
    b
});

#[cfg(test)]
mod tests;
