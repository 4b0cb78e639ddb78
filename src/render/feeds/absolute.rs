//! Full-content feeds carry a story's HTML away from its page, and feed readers have
//! no base URL to resolve links against. This rewrites every URL-bearing attribute of
//! the body (Markdown output and raw HTML alike) to an absolute URL, resolved against
//! the story's own URL exactly as a browser on the page would resolve it.
//!
//! A streaming HTML rewriter (`lol_html`) finds the attributes, so quoting, case and
//! spacing that string matching would miss are handled, and everything it does not
//! change is copied byte for byte.

use std::borrow::Cow;
use std::sync::LazyLock;

use lol_html::html_content::Element;
use lol_html::{ElementContentHandlers, HandlerResult, RewriteStrSettings, Selector};
use url::Url;

/// The elements that carry URLs in a story body; [`url_attributes`] says which
/// attributes of each.
static URL_ELEMENTS: LazyLock<Selector> = LazyLock::new(|| {
    "a, area, img, source, video, audio, track, iframe, embed, object, blockquote, q, ins, del"
        .parse()
        .expect("a valid selector")
});

/// The attributes of `tag` that hold a URL (`srcset` holds a list of them).
fn url_attributes(tag: &str) -> &'static [&'static str] {
    match tag {
        "a" | "area" => &["href"],
        "img" | "source" => &["src", "srcset"],
        "video" => &["src", "poster"],
        "audio" | "track" | "iframe" | "embed" => &["src"],
        "object" => &["data"],
        "blockquote" | "q" | "ins" | "del" => &["cite"],
        _ => &[],
    }
}

/// `html` with every relative URL (root-relative, path-relative, `#anchor`, `?query`
/// and protocol-relative) made absolute against `page`, the story's absolute URL.
/// URLs that name a scheme (`https:`, `mailto:`) are left exactly as written.
pub fn absolute_urls(html: &str, page: &str) -> String {
    let Ok(page) = Url::parse(page) else {
        return html.to_owned();
    };
    let handler = |el: &mut Element<'_, '_>| -> HandlerResult {
        let tag = el.tag_name();
        for &name in url_attributes(&tag) {
            let Some(value) = el.get_attribute(name) else {
                continue;
            };
            let new = if name == "srcset" {
                resolve_srcset(&value, &page)
            } else {
                resolve(&value, &page)
            };
            if let Cow::Owned(new) = new {
                el.set_attribute(name, &new)?;
            }
        }
        Ok(())
    };
    let settings = RewriteStrSettings::new().append_element_content_handler((
        Cow::Borrowed(&*URL_ELEMENTS),
        ElementContentHandlers::default().element(handler),
    ));
    // The rewriter fails only past a memory limit, which these settings do not set.
    lol_html::rewrite_str(html, settings).unwrap_or_else(|_| html.to_owned())
}

/// Whether `url` starts with a scheme (`https:`, `mailto:`, `data:`), per RFC 3986:
/// a letter, then letters, digits, `+`, `-` or `.`, then `:`.
fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// One URL, resolved against `page` unless it is already absolute. Entity references
/// in the attribute (`&amp;` in a query) are kept as written.
fn resolve<'v>(value: &'v str, page: &Url) -> Cow<'v, str> {
    let trimmed = value.trim_start();
    if has_scheme(trimmed) {
        return Cow::Borrowed(value);
    }
    match page.join(trimmed) {
        Ok(url) => Cow::Owned(url.into()),
        Err(_) => Cow::Borrowed(value),
    }
}

/// A `srcset` list (`a.png 1x, b.png 2x`) with each candidate's URL resolved and its
/// descriptors kept, split the way the HTML standard splits it: a URL runs to the
/// next whitespace (commas inside it, as in `data:` URLs, are part of it), and its
/// descriptors run to the next comma outside parentheses.
fn resolve_srcset<'v>(value: &'v str, page: &Url) -> Cow<'v, str> {
    let mut out = String::with_capacity(value.len() + 64);
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (url, mut after) = rest.split_at(end);
        let mut descriptors = "";
        let url = if url.ends_with(',') {
            url.trim_end_matches(',')
        } else {
            let mut depth = 0usize;
            let stop = after
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    c == ',' && depth == 0
                })
                .map_or(after.len(), |(i, _)| i);
            descriptors = after[..stop].trim();
            after = &after[stop..];
            url
        };
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(&resolve(url, page));
        if !descriptors.is_empty() {
            out.push(' ');
            out.push_str(descriptors);
        }
        rest = after;
    }
    if out == value {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::absolute_urls;

    const PAGE: &str = "https://e.org/picks/2026/07/05/story/";

    #[test]
    fn markdown_links_images_and_anchors_become_absolute() {
        let html = r##"<p><a href="/picks/x/">x</a><img src="/picks/a.png" alt="a"><a href="//cdn.example.net/x">c</a><a href="https://o/">o</a> <a href="#part">p</a> <a href="mailto:a@b.c">m</a> shh</p>"##;
        assert_eq!(
            absolute_urls(html, PAGE),
            r##"<p><a href="https://e.org/picks/x/">x</a><img src="https://e.org/picks/a.png" alt="a"><a href="https://cdn.example.net/x">c</a><a href="https://o/">o</a> <a href="https://e.org/picks/2026/07/05/story/#part">p</a> <a href="mailto:a@b.c">m</a> shh</p>"##
        );
    }

    #[test]
    fn raw_html_urls_resolve_against_the_story() {
        let html = concat!(
            "<IMG SRC='lead.png' srcset=\"lead.png 1x, ../shared/lead@2x.png 2x,/abs.png 600w\">",
            "<picture><source srcset=lead.webp type=image/webp></picture>",
            "<video poster=\"still.jpg\" src='clip.mp4'></video>",
            "<a href = \"?page=2&amp;x=1\">q</a><blockquote cite=\"notes/\">b</blockquote>",
            "<img srcset=\"data:image/png;base64,AA,BB 1x, x.png (max-width: 1px, 2px) 2x\">",
            "<p data-src=\"keep.png\">t</p>",
        );
        assert_eq!(
            absolute_urls(html, PAGE),
            concat!(
                "<IMG SRC=\"https://e.org/picks/2026/07/05/story/lead.png\" srcset=\"https://e.org/picks/2026/07/05/story/lead.png 1x, https://e.org/picks/2026/07/05/shared/lead@2x.png 2x, https://e.org/abs.png 600w\">",
                "<picture><source srcset=\"https://e.org/picks/2026/07/05/story/lead.webp\" type=image/webp></picture>",
                "<video poster=\"https://e.org/picks/2026/07/05/story/still.jpg\" src=\"https://e.org/picks/2026/07/05/story/clip.mp4\"></video>",
                "<a href=\"https://e.org/picks/2026/07/05/story/?page=2&amp;x=1\">q</a><blockquote cite=\"https://e.org/picks/2026/07/05/story/notes/\">b</blockquote>",
                "<img srcset=\"data:image/png;base64,AA,BB 1x, https://e.org/picks/2026/07/05/story/x.png (max-width: 1px, 2px) 2x\">",
                "<p data-src=\"keep.png\">t</p>",
            )
        );
    }

    #[test]
    fn text_that_looks_like_attributes_is_left_alone() {
        let html = "<p>write src=\"/x\" or href=\"#y\" in <code>&lt;a href=\"z\"&gt;</code></p>";
        assert_eq!(absolute_urls(html, PAGE), html);
    }
}
