//! The weekly newsletter: beside each week's digest page, an email-ready edition,
//! `/digest/2026-w27/email.html` (what mail clients render: the theme's
//! `email.html` with its styles inlined and every URL absolute) and
//! `/digest/2026-w27/email.txt` (the plain-text part, the theme's `email.txt`
//! wrapped at 72 columns), for any email service that takes HTML and text. They
//! are made while `[newsletter] enabled` (the default); neither is a page readers
//! browse to, so sitemaps leave them out. What an edition holds, and why, is in
//! [`crate::render::edition`].

use tera::Context;

use crate::engine::Reads;
use crate::error::Result;
use crate::render::context::Cx;
use crate::render::edition::{self, WIDTH};
use crate::render::kind::{Family, Generator, Key, Route};
use crate::site::Site;
use crate::url::Permalink;

/// The theme's template of the HTML edition.
pub const HTML_TEMPLATE: &str = "email.html";
/// The theme's template of the plain-text edition.
pub const TEXT_TEMPLATE: &str = "email.txt";

/// `/digest/2026-w27/email.html`, ...
pub struct EmailHtml;

/// `/digest/2026-w27/email.txt`, ...
pub struct EmailText;

fn week(key: &Key) -> usize {
    match key {
        Key::Item(w) => *w,
        other => unreachable!("email routes are items, not {other:?}"),
    }
}

/// One edition per week, while the site has them.
fn outputs(site: &Site) -> Vec<Key> {
    if !site.config.newsletter {
        return Vec::new();
    }
    (0..site.indexes.archive.weeks.len())
        .map(Key::Item)
        .collect()
}

fn permalink(site: &Site, key: &Key, file: &str) -> Permalink {
    site.indexes.archive.weeks[week(key)]
        .permalink
        .join_file(file)
}

/// An edition shows the week's cards (each story's place in it depends on every
/// card's date and pick), and links to the week's page: nothing else of the site
/// but what every output reads (configuration, templates).
fn reads(site: &Site, key: &Key, reads: &mut Reads<'_>) {
    let this = &site.indexes.archive.weeks[week(key)];
    reads.value(&(this.year, this.week));
    reads.cards(&this.articles);
}

/// The template's context: `edition` (and `site`, global).
fn context(cx: &Cx<'_>, key: &Key) -> Context {
    let mut ctx = Context::new();
    let this = &cx.site.indexes.archive.weeks[week(key)];
    ctx.insert("edition", &edition::edition(cx.site, &cx.views, this));
    ctx
}

impl Generator for EmailHtml {
    fn name(&self) -> &'static str {
        "email-html"
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        outputs(site)
    }

    fn permalink(&self, site: &Site, key: &Key) -> Permalink {
        permalink(site, key, HTML_TEMPLATE)
    }

    fn reads(&self, site: &Site, key: &Key, r: &mut Reads<'_>) {
        reads(site, key, r);
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let html = cx.template_text(HTML_TEMPLATE, &context(cx, &route.key), route)?;
        let url = cx.site.config.base_url.absolute(&route.permalink(cx.site));
        edition::finish_html(&html, &url)
            .map(String::into_bytes)
            .map_err(|message| {
                let message = format!("cannot inline the email's styles: {message}");
                cx.template_error(HTML_TEMPLATE, route, message)
            })
    }

    fn family(&self) -> Family {
        Family::Email
    }
}

impl Generator for EmailText {
    fn name(&self) -> &'static str {
        "email-text"
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        outputs(site)
    }

    fn permalink(&self, site: &Site, key: &Key) -> Permalink {
        permalink(site, key, TEXT_TEMPLATE)
    }

    fn reads(&self, site: &Site, key: &Key, r: &mut Reads<'_>) {
        reads(site, key, r);
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let text = cx.template_text(TEXT_TEMPLATE, &context(cx, &route.key), route)?;
        Ok(edition::wrap(&text, WIDTH).into_bytes())
    }

    fn family(&self) -> Family {
        Family::Email
    }
}
