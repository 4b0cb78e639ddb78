//! The diagnostics of a rendered body: links to stories that are not there, URLs
//! that would run code, nesting past the limits, embed blocks that cannot be made,
//! each on its line of the file.

use std::path::Path;

use crate::error::{Code, Diagnostic};
use crate::markdown::{Rendered, UrlUse};

/// What in a rendered body stops the build: links to stories that are not there,
/// links or images whose URLs would run code, nesting past the limit, and embed
/// blocks that cannot be made, each on its line of the file.
pub(super) fn body_errors(
    path: &Path,
    source: &str,
    body_line: usize,
    body: &Rendered,
) -> Vec<Diagnostic> {
    let line = |offset: usize| body_line + source[..offset].matches('\n').count();
    let broken = body.broken_links.iter().map(|b| {
        Diagnostic::new(Code::BrokenLink, path, line(b.offset), b.message.clone())
            .hint("links to stories are relative to this file (other.md, ../2025/other.md) or start with @/ for the content folder")
    });
    let unsafe_urls = body.unsafe_urls.iter().map(|u| {
        let (what, hint) = match u.usage {
            UrlUse::Link => (
                "link",
                "link to a web page (https://...), a site path (/2026/...) or a story file (other.md)",
            ),
            UrlUse::Image => (
                "image",
                "use an image file (a site path or https:// URL); data: URLs may carry PNG, JPEG, GIF, WebP or AVIF images",
            ),
        };
        Diagnostic::new(
            Code::UnsafeUrl,
            path,
            line(u.offset),
            format!(
                "this {what}'s URL {} uses {}:, which runs code in the reader's browser",
                shown_url(&u.url),
                u.scheme
            ),
        )
        .hint(hint)
    });
    let too_deep = body.too_deep.map(|t| {
        Diagnostic::new(
            Code::BodyLimit,
            path,
            line(t.offset),
            format!(
                "this nests {} levels of blockquotes, lists or HTML elements; the limit is {}",
                t.depth, t.limit
            ),
        )
        .hint("a story needs a few levels at most: remove the extra > or list markers, or close the HTML elements left open")
    });
    let bad_embeds = body.bad_embeds.iter().map(|b| {
        let found =
            Diagnostic::new(Code::BadEmbed, path, line(b.offset), b.message.clone()).hint(b.hint);
        match &b.key {
            Some(key) => found.key(key.clone()),
            None => found,
        }
    });
    let mut errors: Vec<Diagnostic> = broken
        .chain(unsafe_urls)
        .chain(too_deep)
        .chain(bad_embeds)
        .collect();
    errors.sort_by_key(|d| d.line);
    errors
}

/// A URL as quoted in a message: control characters visible, long ones cut.
fn shown_url(url: &str) -> String {
    const MAX: usize = 60;
    let mut shown: String = url.chars().take(MAX).flat_map(char::escape_debug).collect();
    if url.chars().count() > MAX {
        shown.push('…');
    }
    format!("\"{shown}\"")
}
