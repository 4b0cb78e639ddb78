//! Where the links and images of a body point: a story file (`other.md`,
//! `@/2026/other.md`, with any `?query` and `#anchor`) becomes that story's URL, a
//! site path gets the base path, and a URL that would run code (`javascript:`, ...)
//! is recorded as unsafe and never written. Links leaving the site are listed too, for
//! `check --links` ([`external_links`]).

use pulldown_cmark::{CowStr, Event, Parser, Tag};

use super::unsafe_url::{UrlUse, unsafe_scheme};

/// How links in a body are resolved.
pub struct Links<'a> {
    /// The site's base path (`/` or `/picks/`), put in front of root-relative links.
    pub base_path: &'a str,
    /// Resolves a link to another story's file (`other.md`, `@/2026/other.md`, the
    /// part before any `?` or `#`) to that story's URL; `Err` says why it cannot.
    pub story: &'a (dyn Fn(&str) -> Result<String, String> + Sync),
    /// Resolves an embed's `poster:` (a site path as written) to the image's URL on
    /// the site; `Err` says why it cannot (no such file, not a site path).
    pub poster: &'a (dyn Fn(&str) -> Result<String, String> + Sync),
}

impl Links<'_> {
    /// Links for bodies that never point at other stories (tests, previews).
    pub fn plain(base_path: &str) -> Links<'_> {
        Links {
            base_path,
            story: &|target| Err(format!("{target} is not a story of this site")),
            poster: &|path| Err(format!("{path} is not a file of this site")),
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

/// A link or image whose URL would run code in the reader's browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafeUrl {
    /// Byte offset of the link or image in the body.
    pub offset: usize,
    /// A link's target or an image's source.
    pub usage: UrlUse,
    /// The scheme that makes it unsafe (`javascript`, `vbscript`, `data`).
    pub scheme: &'static str,
    /// The URL as Markdown read it (entities decoded).
    pub url: String,
}

/// A link or image of a body that points off the site, at an absolute `http(s)` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    /// Byte offset of the link or image in the body.
    pub offset: usize,
    /// The URL as Markdown read it (entities decoded).
    pub url: String,
}

/// Whether a URL is an absolute `http:` or `https:` URL (the scheme in any case, as
/// browsers read it).
pub fn is_external(url: &str) -> bool {
    ["http://", "https://"].iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    })
}

/// Every link and image of a body that points at an absolute `http(s)` URL, in order,
/// read with the same parser options as [`super::render`], so they are exactly the
/// links the page will have. A body nested past the limits is not parsed (the build
/// refuses it anyway). Links in raw HTML are not listed.
pub fn external_links(source: &str) -> Vec<ExternalLink> {
    if super::nesting::too_deep(source).is_some() {
        return Vec::new();
    }
    Parser::new_ext(source, super::options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if is_external(&dest_url) =>
            {
                Some(ExternalLink {
                    offset: range.start,
                    url: dest_url.into_string(),
                })
            }
            _ => None,
        })
        .collect()
}

/// What rewriting the links of a body found wrong.
#[derive(Debug, Default)]
pub(super) struct LinkProblems {
    pub broken: Vec<BrokenLink>,
    pub unsafe_urls: Vec<UnsafeUrl>,
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

/// Points a link or image (any other event passes through) where it should go.
pub(super) fn rewrite_link<'a>(
    event: Event<'a>,
    offset: usize,
    links: &Links<'_>,
    problems: &mut LinkProblems,
) -> Event<'a> {
    let Event::Start(mut tag) = event else {
        return event;
    };
    let (dest_url, usage) = match &mut tag {
        Tag::Link { dest_url, .. } => (dest_url, UrlUse::Link),
        Tag::Image { dest_url, .. } => (dest_url, UrlUse::Image),
        _ => return Event::Start(tag),
    };
    let url = std::mem::replace(dest_url, CowStr::Borrowed(""));
    if let Some(scheme) = unsafe_scheme(&url, usage) {
        // Left empty: the build stops on it, and nothing else ever writes it.
        problems.unsafe_urls.push(UnsafeUrl {
            offset,
            usage,
            scheme,
            url: url.into_string(),
        });
        return Event::Start(tag);
    }
    *dest_url = match usage {
        UrlUse::Link => link_target(url, links, offset, &mut problems.broken),
        UrlUse::Image => in_site(url, links.base_path.trim_end_matches('/')),
    };
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
