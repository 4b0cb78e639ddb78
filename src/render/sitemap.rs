//! Files for crawlers and hosts: `sitemap.xml` (every page with `lastmod`; an index
//! of `sitemap-1.xml`, `sitemap-2.xml`... once the pages outgrow one file), the Google
//! News sitemap (the newest stories of the two days before the build), `robots.txt`
//! pointing to both, and `_redirects` for hosts that read one (Netlify, Cloudflare
//! Pages).
//!
//! The writers take plain entries, so the limits of the protocols (50,000 URLs or
//! 50 MB per sitemap, 1,000 URLs per news sitemap in `news.rs`) are tested on
//! synthetic lists.

use std::fmt::Write;
use std::ops::Range;

use rayon::prelude::*;

mod news;

pub use news::news_sitemap;

use super::kind::{Key, Route};
use super::xml::escape as esc;
use crate::content::PubDate;
use crate::site::Site;
use crate::url::Permalink;

/// What one sitemap file may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// URLs per file.
    pub urls: usize,
    /// Bytes per file, uncompressed.
    pub bytes: usize,
}

/// The sitemaps.org limits: 50,000 URLs and 50 MiB (52,428,800 bytes) per file.
pub const LIMITS: Limits = Limits {
    urls: 50_000,
    bytes: 52_428_800,
};

const URLSET_OPEN: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const URLSET_CLOSE: &str = "</urlset>\n";

/// The newest date among the stories a route shows, for `lastmod`.
pub fn last_modified(site: &Site, route: &Route) -> Option<PubDate> {
    route.kind.last_modified(site, &route.key)
}

/// One `<url>` element of a sitemap, with its line break.
pub fn url_element(loc: &str, lastmod: Option<&PubDate>) -> String {
    let mut x = String::with_capacity(loc.len() + 80);
    x.push_str("<url><loc>");
    x.push_str(&esc(loc));
    x.push_str("</loc>");
    if let Some(d) = lastmod {
        x.push_str("<lastmod>");
        d.write_rfc3339(&mut x);
        x.push_str("</lastmod>");
    }
    x.push_str("</url>\n");
    x
}

/// A `<urlset>` of ready-made `<url>` elements.
pub fn urlset<S: AsRef<str>>(elements: &[S]) -> Vec<u8> {
    let len = elements.iter().map(|e| e.as_ref().len()).sum::<usize>();
    let mut x = String::with_capacity(URLSET_OPEN.len() + len + URLSET_CLOSE.len());
    x.push_str(URLSET_OPEN);
    for e in elements {
        x.push_str(e.as_ref());
    }
    x.push_str(URLSET_CLOSE);
    x.into_bytes()
}

/// Cuts `<url>` elements of these sizes (bytes) into as few files as `limits` allow,
/// in order: one range of elements per file. A single range means no index is needed.
pub fn split(sizes: &[usize], limits: Limits) -> Vec<Range<usize>> {
    let frame = URLSET_OPEN.len() + URLSET_CLOSE.len();
    let mut parts = Vec::new();
    let (mut start, mut bytes) = (0, frame);
    for (i, &size) in sizes.iter().enumerate() {
        let full = i - start == limits.urls || bytes + size > limits.bytes;
        if full && i > start {
            parts.push(start..i);
            (start, bytes) = (i, frame);
        }
        bytes += size;
    }
    parts.push(start..sizes.len());
    parts
}

/// A `<sitemapindex>` of (sitemap URL, newest `lastmod` in it) pairs.
pub fn sitemap_index(parts: &[(String, Option<PubDate>)]) -> Vec<u8> {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, lastmod) in parts {
        let _ = write!(x, "<sitemap><loc>{}</loc>", esc(loc));
        if let Some(d) = lastmod {
            let _ = write!(x, "<lastmod>{}</lastmod>", d.rfc3339());
        }
        x.push_str("</sitemap>\n");
    }
    x.push_str("</sitemapindex>\n");
    x.into_bytes()
}

/// The `<url>` elements of the site's pages (routes that are pages, in route order)
/// whose positions fall in `range`.
///
/// Made in parallel: at 10,000 stories a sitemap lists 30,000 pages, and both the
/// route table (to know whether it must be cut) and the sitemap itself make them,
/// each on the critical path of a `serve` reassembly that moved a story.
fn url_elements(site: &Site, routes: &[Route], range: Range<usize>) -> Vec<String> {
    let base = &site.config.base_url;
    let pages: Vec<&Route> = routes.iter().filter(|r| r.is_page()).collect();
    let end = range.end.min(pages.len());
    pages[range.start.min(end)..end]
        .par_iter()
        .map(|r| {
            url_element(
                &base.absolute(&r.permalink(site)),
                last_modified(site, r).as_ref(),
            )
        })
        .collect()
}

/// How the site's pages are cut into sitemap files (ranges of positions among its
/// pages). Empty when one `sitemap.xml` holds them all; otherwise the route table adds
/// a part (`kinds::sitemap::SitemapParts`) per range.
pub fn plan(site: &Site, routes: &[Route]) -> Vec<Range<usize>> {
    let sizes: Vec<usize> = url_elements(site, routes, 0..usize::MAX)
        .iter()
        .map(String::len)
        .collect();
    let parts = split(&sizes, LIMITS);
    if parts.len() > 1 { parts } else { Vec::new() }
}

/// Where part `n` (from 1) of a split sitemap is written.
pub fn part_permalink(n: usize) -> Permalink {
    Permalink::file(&format!("/sitemap-{n}.xml"))
}

/// `sitemap.xml`: every page, or the index of the parts when the route table has them.
pub fn sitemap(site: &Site, routes: &[Route]) -> Vec<u8> {
    let pages: Vec<&Route> = routes.iter().filter(|r| r.is_page()).collect();
    let parts: Vec<(String, Option<PubDate>)> = routes
        .iter()
        .filter_map(|r| match &r.key {
            Key::Part(n, range) => Some((
                site.config.base_url.absolute(&part_permalink(*n)),
                pages[range.clone()]
                    .iter()
                    .filter_map(|r| last_modified(site, r))
                    .max_by_key(|d| d.timestamp),
            )),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        urlset(&url_elements(site, routes, 0..usize::MAX))
    } else {
        sitemap_index(&parts)
    }
}

/// `sitemap-N.xml`: the pages at positions `range` among the site's pages.
pub fn sitemap_part(site: &Site, routes: &[Route], range: &Range<usize>) -> Vec<u8> {
    urlset(&url_elements(site, routes, range.clone()))
}

/// `robots.txt`.
pub fn robots(site: &Site) -> Vec<u8> {
    let base = &site.config.base_url;
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\nSitemap: {}\n",
        base.absolute(&Permalink::file("/sitemap.xml")),
        base.absolute(&Permalink::file("/news-sitemap.xml")),
    )
    .into_bytes()
}

/// `_redirects`: one `from to 301` line per alias.
pub fn redirect_rules(site: &Site, routes: &[Route]) -> Vec<u8> {
    let base = &site.config.base_url;
    let mut x = String::new();
    for r in routes {
        if let Key::Redirect {
            from,
            to,
            alias_of: Some(_),
        } = &r.key
        {
            let _ = writeln!(x, "{} {} 301", base.href(from), base.href(to));
        }
    }
    x.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A story URL for synthetic sitemaps (the news sitemap's tests use it too).
    pub(super) fn loc(i: usize) -> String {
        format!("https://example.org/2026/07/05/story-{i}/")
    }

    /// The `<loc>` texts of a sitemap, read back with a strict XML parser.
    pub(super) fn locs(xml: &[u8]) -> Vec<String> {
        let text = std::str::from_utf8(xml).unwrap();
        let doc = roxmltree::Document::parse(text).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("loc"))
            .map(|n| n.text().unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn a_sitemap_over_fifty_thousand_urls_becomes_an_index_of_parts() {
        let elements: Vec<String> = (0..120_001).map(|i| url_element(&loc(i), None)).collect();
        let sizes: Vec<usize> = elements.iter().map(String::len).collect();
        assert_eq!(
            split(&sizes[..50_000], LIMITS),
            vec![0..50_000],
            "exactly at the limit"
        );
        let parts = split(&sizes, LIMITS);
        assert_eq!(parts, [0..50_000, 50_000..100_000, 100_000..120_001]);
        for part in &parts {
            let xml = urlset(&elements[part.clone()]);
            let found = locs(&xml);
            assert_eq!(found.len(), part.len());
            assert_eq!(found[0], loc(part.start));
            assert!(xml.len() <= LIMITS.bytes);
        }
        let index = sitemap_index(&[
            ("https://example.org/sitemap-1.xml".into(), None),
            ("https://example.org/sitemap-2.xml".into(), None),
        ]);
        let text = String::from_utf8(index.clone()).unwrap();
        assert!(
            text.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
        );
        assert_eq!(
            locs(&index),
            [
                "https://example.org/sitemap-1.xml",
                "https://example.org/sitemap-2.xml"
            ]
        );
    }

    #[test]
    fn a_sitemap_is_split_before_it_outgrows_the_byte_limit() {
        // Long URLs fill the byte budget long before the URL count: 2,000-character
        // locations, 30,000 of them, are 61 MB of <url> elements.
        let long = |i: usize| format!("{}{i:0>1950}/", loc(0));
        let sizes: Vec<usize> = (0..30_000)
            .map(|i| url_element(&long(i), None).len())
            .collect();
        let parts = split(&sizes, LIMITS);
        assert_eq!(parts.len(), 2, "{parts:?}");
        assert_eq!(parts[0].start, 0);
        assert_eq!(parts[0].end, parts[1].start);
        assert_eq!(parts[1].end, 30_000);
        for part in &parts {
            let elements: Vec<String> = part.clone().map(|i| url_element(&long(i), None)).collect();
            let bytes = urlset(&elements).len();
            assert!(bytes <= LIMITS.bytes, "{bytes}");
        }
        // Small limits show the boundary exactly; an element too big for any file
        // still gets a file of its own rather than an empty one.
        let frame = URLSET_OPEN.len() + URLSET_CLOSE.len();
        let tiny = Limits {
            urls: 3,
            bytes: frame + 100,
        };
        assert_eq!(
            split(&[50, 50, 1, 200, 10, 10, 10, 10], tiny),
            [0..2, 2..3, 3..4, 4..7, 7..8]
        );
        assert_eq!(split(&[], LIMITS), vec![0..0]);
    }
}
