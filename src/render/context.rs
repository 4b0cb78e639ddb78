//! What every generator renders with: the site, its routes, the theme's templates
//! with the `site` view in Tera's global context (serialised once per build, not once
//! per page), the views, and helpers every list page shares (pagination, page
//! slices, metadata, template errors that name the file).

use serde::Serialize;
use tera::Context;

use super::cards::Cards;
use super::feeds;
use super::kind::Route;
use super::metadata::{self, About, PageText};
use super::routes::{page_count, page_permalink};
use super::theme::{Theme, describe};
use super::views::{PAGE_WINDOW, PageLink, PaginationView, Views};
use crate::error::{Error, Result};
use crate::index::TaxonomyKind;
use crate::site::Site;
use crate::url::Permalink;

/// How many bytes a page's buffer starts with: most pages of the bundled theme are
/// 10 to 40 KB.
const PAGE_BYTES: usize = 48 * 1024;

/// A link to a neighbouring archive page.
#[derive(Debug, Serialize)]
pub struct NeighbourView {
    /// What it is called ("June 2026", "2025", "Week 26, 2026").
    pub label: String,
    /// Where it is.
    pub url: String,
}

/// The rendering context of one site with one theme, shared by every thread.
pub struct Cx<'a> {
    /// The site being rendered.
    pub site: &'a Site,
    /// Every route of the site (sitemaps and `_redirects` list them).
    pub routes: &'a [Route],
    /// The views over the site.
    pub views: Views<'a>,
    /// Full-content feed bodies, made once per article and shared by its feeds.
    pub feed_bodies: feeds::FeedBodies,
    cards: Cards,
    tera: tera::Tera,
    theme: &'a Theme,
}

impl<'a> Cx<'a> {
    /// Prepares a context; the `site` view goes into the global context once.
    /// Cards are rendered into `cards`, and taken from it when there.
    pub fn new(site: &'a Site, theme: &'a Theme, routes: &'a [Route], cards: &Cards) -> Cx<'a> {
        let views = Views::new(site);
        let mut tera = theme.tera.clone();
        tera.global_context().insert("site", &views.site());
        // Zola's name for the site's own template values: `config.extra`.
        tera.global_context().insert(
            "config",
            &serde_json::json!({ "extra": &site.config.extra }),
        );
        super::cards::register(&mut tera, cards);
        Cx {
            site,
            routes,
            cards: cards.clone(),
            tera,
            views,
            theme,
            feed_bodies: feeds::FeedBodies::new(site.articles.len()),
        }
    }

    /// The card views of `stories`, as list pages are given them (kept between
    /// `serve`'s renders: [`Cards::views`]).
    pub fn card_views(&self, stories: &[usize]) -> Vec<tera::Value> {
        self.cards.views((self.site, &self.views), stories)
    }

    /// The theme being rendered (its card fonts and media store).
    pub fn theme(&self) -> &Theme {
        self.theme
    }

    /// The page links of page `current` of a list of `items` starting at `base`.
    pub fn pagination(&self, base: &Permalink, current: usize, items: usize) -> PaginationView {
        let total = page_count(items, self.site.config.paginate_by);
        let url = |n: usize| self.views.href(&page_permalink(base, n));
        PaginationView {
            current,
            total,
            previous: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            pages: {
                let near =
                    current.saturating_sub(PAGE_WINDOW).max(1)..=(current + PAGE_WINDOW).min(total);
                let mut numbers: Vec<usize> = std::iter::once(1)
                    .chain(near)
                    .chain(std::iter::once(total))
                    .collect();
                numbers.dedup();
                let mut previous = 0;
                numbers
                    .into_iter()
                    .map(|number| {
                        let gap_before = number > previous + 1;
                        previous = number;
                        PageLink {
                            number,
                            url: url(number),
                            current: number == current,
                            gap_before,
                        }
                    })
                    .collect()
            },
        }
    }

    /// Renders `template` with `ctx`; errors name the template's file as the site
    /// sees it and the page being rendered.
    pub fn template(&self, template: &str, ctx: &Context, route: &Route) -> Result<Vec<u8>> {
        // Sized for a whole page: Tera starts from the template's own length and
        // doubles, copying a page several times over as it grows.
        let mut out = Vec::with_capacity(PAGE_BYTES);
        (self.tera.render_to(template, ctx, &mut out))
            .map_err(|e| self.render_error(template, route, &e))?;
        Ok(out)
    }

    /// [`Cx::template`] as text, for kinds that work on it further.
    pub fn template_text(&self, template: &str, ctx: &Context, route: &Route) -> Result<String> {
        (self.tera.render(template, ctx)).map_err(|e| self.render_error(template, route, &e))
    }

    fn render_error(&self, template: &str, route: &Route, e: &tera::Error) -> Error {
        let (name, line, message) = describe(e);
        let name = if name.is_empty() { template } else { &name };
        Error::Render {
            template: self.theme.file_of(name).display().to_string(),
            line,
            page: route.permalink(self.site).to_string(),
            message,
        }
    }

    /// A rendering error of `template` found after Tera rendered it (the email's
    /// styles would not inline), naming the file as the site sees it.
    pub fn template_error(&self, template: &str, route: &Route, message: String) -> Error {
        Error::Render {
            template: self.theme.file_of(template).display().to_string(),
            line: 0,
            page: route.permalink(self.site).to_string(),
            message,
        }
    }

    /// A new context holding the page's metadata.
    pub fn page(&self, route: &Route, text: PageText, about: About) -> Context {
        let mut ctx = Context::new();
        ctx.insert("meta", &metadata::meta(self.site, route, text, about));
        ctx
    }

    /// Renders one route to the bytes of its file.
    pub fn render(&self, route: &Route) -> Result<Vec<u8>> {
        route.kind.render(self, route)
    }
}
/// "category", "tag", "party" or "author".
pub fn kind_noun(kind: TaxonomyKind) -> &'static str {
    match kind {
        TaxonomyKind::Category => "category",
        TaxonomyKind::Tag => "tag",
        TaxonomyKind::Party => "party",
        TaxonomyKind::Author => "author",
    }
}

/// A stub that sends readers (and search engines) to `to`.
pub fn redirect_page(to: &str) -> Vec<u8> {
    let mut url = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut url, to);
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Redirecting…</title><link rel=\"canonical\" href=\"{url}\">\
         <meta name=\"robots\" content=\"noindex\">\
         <meta http-equiv=\"refresh\" content=\"0; url={url}\"></head>\
         <body><p>This page has moved to <a href=\"{url}\">{url}</a>.</p></body></html>\n"
    )
    .into_bytes()
}
