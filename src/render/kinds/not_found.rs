//! The theme's 404 page, at `/404.html` where static hosts look for it.

use crate::engine::Reads;
use crate::error::Result;
use crate::render::context::Cx;
use crate::render::kind::{Family, Generator, Key, Route};
use crate::render::metadata::{About, PageText};
use crate::site::Site;
use crate::url::Permalink;

/// `/404.html`.
pub struct NotFound;

impl Generator for NotFound {
    fn name(&self) -> &'static str {
        "not-found"
    }

    /// Not listed in sitemaps, but a page all the same.
    fn family(&self) -> Family {
        Family::Page
    }

    fn permalink(&self, _: &Site, _: &Key) -> Permalink {
        Permalink::file("/404.html")
    }

    fn reads(&self, _: &Site, _: &Key, _: &mut Reads<'_>) {
        // Only the site-wide values every output reads.
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let text = PageText {
            title: "Page not found".into(),
            description: String::new(),
            kind: "not_found",
        };
        let ctx = cx.page(route, text, About::NotFound);
        cx.template("404.html", &ctx, route)
    }
}
