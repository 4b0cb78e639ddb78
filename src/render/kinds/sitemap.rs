//! The files for crawlers and hosts: `sitemap.xml` (or the index of its parts when
//! the site outgrows one file), `sitemap-N.xml`, `news-sitemap.xml`, `robots.txt`
//! and `_redirects`. They come last in the registry because they list the routes
//! before them.

use crate::engine::Reads;
use crate::error::Result;
use crate::render::context::Cx;
use crate::render::kind::{Family, Generator, Key, Route};
use crate::render::sitemap;
use crate::site::Site;
use crate::url::Permalink;

/// `sitemap-N.xml`, when one sitemap would pass the sitemaps.org limits.
pub struct SitemapParts;

/// `sitemap.xml`.
pub struct Sitemap;

/// `news-sitemap.xml`.
pub struct NewsSitemap;

/// `robots.txt`.
pub struct Robots;

/// `_redirects`, for hosts that read one.
pub struct RedirectRules;

/// A file for crawlers or hosts at one path.
fn single(path: &str) -> Permalink {
    Permalink::file(path)
}

impl Generator for SitemapParts {
    fn name(&self) -> &'static str {
        "sitemap-part"
    }

    fn family(&self) -> Family {
        Family::Sitemap
    }

    fn outputs(&self, site: &Site, earlier: &[Route]) -> Vec<Key> {
        (1..)
            .zip(sitemap::plan(site, earlier))
            .map(|(n, pages)| Key::Part(n, pages))
            .collect()
    }

    fn permalink(&self, _: &Site, key: &Key) -> Permalink {
        match key {
            Key::Part(n, _) => sitemap::part_permalink(*n),
            other => unreachable!("sitemap parts are parts, not {other:?}"),
        }
    }

    fn reads(&self, _: &Site, _: &Key, reads: &mut Reads<'_>) {
        reads.placement();
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        match &route.key {
            Key::Part(_, pages) => Ok(sitemap::sitemap_part(cx.site, cx.routes, pages)),
            other => unreachable!("sitemap parts are parts, not {other:?}"),
        }
    }
}

impl Generator for Sitemap {
    fn name(&self) -> &'static str {
        "sitemap"
    }

    fn family(&self) -> Family {
        Family::Sitemap
    }

    fn permalink(&self, _: &Site, _: &Key) -> Permalink {
        single("/sitemap.xml")
    }

    fn reads(&self, _: &Site, _: &Key, reads: &mut Reads<'_>) {
        reads.placement();
    }

    fn render(&self, cx: &Cx<'_>, _: &Route) -> Result<Vec<u8>> {
        Ok(sitemap::sitemap(cx.site, cx.routes))
    }
}

impl Generator for NewsSitemap {
    fn name(&self) -> &'static str {
        "news-sitemap"
    }

    fn family(&self) -> Family {
        Family::Sitemap
    }

    fn permalink(&self, _: &Site, _: &Key) -> Permalink {
        single("/news-sitemap.xml")
    }

    fn reads(&self, _: &Site, _: &Key, reads: &mut Reads<'_>) {
        // The stories of the two days before the build's "now", which no input
        // hash holds; a short list, made every time.
        reads.always();
    }

    fn render(&self, cx: &Cx<'_>, _: &Route) -> Result<Vec<u8>> {
        Ok(sitemap::news_sitemap(cx.site))
    }
}

impl Generator for Robots {
    fn name(&self) -> &'static str {
        "robots"
    }

    fn family(&self) -> Family {
        Family::Sitemap
    }

    fn permalink(&self, _: &Site, _: &Key) -> Permalink {
        single("/robots.txt")
    }

    fn reads(&self, _: &Site, _: &Key, _: &mut Reads<'_>) {
        // The base URL only, which every output reads.
    }

    fn render(&self, cx: &Cx<'_>, _: &Route) -> Result<Vec<u8>> {
        Ok(sitemap::robots(cx.site))
    }
}

impl Generator for RedirectRules {
    fn name(&self) -> &'static str {
        "redirect-rules"
    }

    fn family(&self) -> Family {
        Family::Redirect
    }

    fn permalink(&self, _: &Site, _: &Key) -> Permalink {
        single("/_redirects")
    }

    fn reads(&self, _: &Site, _: &Key, reads: &mut Reads<'_>) {
        // Every story's aliases: a walk over the routes, made every time.
        reads.always();
    }

    fn render(&self, cx: &Cx<'_>, _: &Route) -> Result<Vec<u8>> {
        Ok(sitemap::redirect_rules(cx.site, cx.routes))
    }
}
