//! What raw HTML in a story body may keep when it is sanitised: ordinary and semantic
//! markup, media with safe URLs, `id`/`class`/`lang`/`title`/`dir`/`role`/`aria-*`.
//! Scripts, styles, embeds (`iframe`, `object`), forms, event handlers (`on…=`) and
//! URLs that run code are not kept. The one list serves both the sanitiser (ammonia)
//! and the report of what it removed, so the two cannot disagree.

use ammonia::Url;

use super::unsafe_url::is_raster_data_image;

/// Elements kept as written.
pub(super) const TAGS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "track",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Elements removed together with everything inside them (other elements not in
/// [`TAGS`] are unwrapped: the tag goes, its text stays).
pub(super) const REMOVED_WITH_CONTENT: &[&str] = &["script", "style"];

/// Attributes every kept element may have.
pub(super) const GENERIC_ATTRIBUTES: &[&str] = &["id", "class", "lang", "title", "dir", "role"];

/// Attribute-name prefixes every kept element may have.
pub(super) const GENERIC_PREFIXES: &[&str] = &["aria-"];

/// Attributes particular elements may have.
pub(super) const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    (
        "img",
        &[
            "src", "srcset", "sizes", "alt", "width", "height", "loading",
        ],
    ),
    (
        "video",
        &[
            "src",
            "poster",
            "controls",
            "width",
            "height",
            "loop",
            "muted",
            "playsinline",
            "preload",
        ],
    ),
    ("audio", &["src", "controls", "loop", "muted", "preload"]),
    ("source", &["src", "srcset", "sizes", "media", "type"]),
    ("track", &["src", "kind", "srclang", "label", "default"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "abbr"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("details", &["open"]),
];

/// URL schemes kept in links and media; `data:` only as a raster image (see
/// [`is_raster_data_image`]).
pub(super) const URL_SCHEMES: &[&str] = &[
    "http", "https", "mailto", "tel", "sms", "ftp", "ftps", "geo", "irc", "ircs", "magnet", "news",
    "nntp", "sip", "ssh", "webcal", "xmpp", "data",
];

/// Whether an element is kept.
pub(super) fn tag_allowed(tag: &str) -> bool {
    TAGS.contains(&tag)
}

/// Whether an attribute may stay on a kept element (its value aside).
pub(super) fn attribute_allowed(tag: &str, attribute: &str) -> bool {
    GENERIC_ATTRIBUTES.contains(&attribute)
        || GENERIC_PREFIXES.iter().any(|p| attribute.starts_with(p))
        || TAG_ATTRIBUTES
            .iter()
            .any(|(t, attrs)| *t == tag && attrs.contains(&attribute))
}

/// Whether an attribute holds a URL whose scheme is checked.
pub(super) fn is_url_attribute(tag: &str, attribute: &str) -> bool {
    matches!(attribute, "href" | "src" | "cite") || (tag == "video" && attribute == "poster")
}

/// Whether an allowed attribute's value may stay: URLs (and each `srcset` candidate)
/// must not run code. The sanitiser and `check`'s report both ask this.
pub(super) fn value_allowed(tag: &str, attribute: &str, value: &str) -> bool {
    if attribute == "srcset" {
        srcset_allowed(tag, value)
    } else {
        !is_url_attribute(tag, attribute) || url_allowed(tag, attribute, value)
    }
}

/// Whether every candidate URL of a `srcset` may stay (each is judged as a `src`).
fn srcset_allowed(tag: &str, value: &str) -> bool {
    value
        .split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
        .all(|url| url_allowed(tag, "src", url))
}

/// Whether a URL may stay in this attribute: relative, or with an allowed scheme, and
/// `data:` only for a raster image shown by `<img>` or as a video's poster. Parsed the
/// way browsers (and ammonia) parse it, so tabs, newlines, case and entities hide
/// nothing.
pub(super) fn url_allowed(tag: &str, attribute: &str, value: &str) -> bool {
    match Url::parse(value) {
        Ok(url) if url.scheme() == "data" => {
            matches!((tag, attribute), ("img", "src") | ("video", "poster"))
                && is_raster_data_image(value)
        }
        Ok(url) => URL_SCHEMES.contains(&url.scheme()),
        Err(ammonia::url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_judged_as_browsers_parse_them() {
        assert!(url_allowed("a", "href", "https://example.org/"));
        assert!(url_allowed("a", "href", "/2026/07/05/story/"));
        assert!(url_allowed("a", "href", "#notes"));
        assert!(!url_allowed("a", "href", "javascript:alert(1)"));
        assert!(!url_allowed("a", "href", " JaVa\tScRiPt:alert(1)"));
        assert!(!url_allowed("a", "href", "\u{1}javascript:alert(1)"));
        assert!(!url_allowed("a", "href", "vbscript:msgbox(1)"));
        assert!(!url_allowed(
            "a",
            "href",
            "data:text/html,<script>x</script>"
        ));
        assert!(!url_allowed("a", "href", "data:image/png;base64,AAAA"));
        assert!(url_allowed("img", "src", "data:image/png;base64,AAAA"));
        assert!(!url_allowed("img", "src", "data:image/svg+xml,<svg/>"));
        assert!(!url_allowed("img", "src", "data:text/html,x"));
    }

    #[test]
    fn attributes_are_per_element() {
        assert!(attribute_allowed("img", "alt"));
        assert!(attribute_allowed("img", "srcset"));
        assert!(srcset_allowed("img", "a.png 1x, /b@2x.png 2x"));
        assert!(!srcset_allowed("img", "a.png 1x, javascript:alert(1) 2x"));
        assert!(attribute_allowed("p", "class"));
        assert!(attribute_allowed("div", "aria-label"));
        assert!(!attribute_allowed("img", "onerror"));
        assert!(!attribute_allowed("p", "style"));
        assert!(!attribute_allowed("p", "href"));
    }
}
