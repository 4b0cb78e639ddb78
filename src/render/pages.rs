//! Rendering one route: choose its template, build its typed context, run Tera.
//! Shared, site-wide data (`site`) sits in Tera's global context once; each page
//! serialises only its own view.

use serde::Serialize;
use tera::Context;

use super::feeds::{self, FeedSpec};
use super::metadata::{self, PageText};
use super::routes::{Route, page_count, page_permalink};
use super::sitemap;
use super::theme::{Theme, describe};
use super::views::{PAGE_WINDOW, PageLink, PaginationView, Views};
use crate::error::{Error, Result};
use crate::index::TaxonomyKind;
use crate::site::Site;
use crate::url::Permalink;

/// A link to a neighbouring archive page.
#[derive(Debug, Serialize)]
pub struct NeighbourView {
    /// What it is called ("June 2026", "2025", "Week 26, 2026").
    pub label: String,
    /// Where it is.
    pub url: String,
}

/// Renders routes of one site with one theme.
pub struct Renderer<'a> {
    site: &'a Site,
    routes: &'a [Route],
    tera: tera::Tera,
    views: Views<'a>,
    theme: &'a Theme,
    feed_bodies: feeds::FeedBodies,
}

impl<'a> Renderer<'a> {
    /// Prepares a renderer; the `site` view goes into the global context once.
    pub fn new(site: &'a Site, theme: &'a Theme, routes: &'a [Route]) -> Renderer<'a> {
        let views = Views::new(site);
        let mut tera = theme.tera.clone();
        tera.global_context().insert("site", &views.site());
        Renderer {
            site,
            routes,
            tera,
            views,
            theme,
            feed_bodies: feeds::FeedBodies::new(site.articles.len()),
        }
    }

    fn meta(
        &self,
        route: &Route,
        kind: &'static str,
        title: String,
        description: String,
    ) -> metadata::MetaView {
        metadata::meta(
            self.site,
            route,
            PageText {
                title,
                description,
                kind,
            },
        )
    }

    fn pagination(&self, base: &Permalink, current: usize, items: usize) -> PaginationView {
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

    fn page_slice<'s>(&self, items: &'s [usize], page: usize) -> &'s [usize] {
        let per = self.site.config.paginate_by;
        let start = ((page - 1) * per).min(items.len());
        &items[start..(start + per).min(items.len())]
    }

    /// Renders one route to the bytes of its file.
    pub fn render(&self, route: &Route) -> Result<Vec<u8>> {
        let site = self.site;
        let ix = &site.indexes;
        let v = &self.views;
        let mut ctx = Context::new();
        let template = match route {
            Route::Article(i) => {
                let a = &site.articles[*i];
                ctx.insert(
                    "meta",
                    &self.meta(route, "article", a.title.clone(), a.summary.clone()),
                );
                ctx.insert("article", &v.article(*i));
                "article.html"
            }
            Route::Home(page) => {
                let all = &ix.newest;
                let title = if *page == 1 {
                    String::new()
                } else {
                    format!("Page {page}")
                };
                ctx.insert(
                    "meta",
                    &self.meta(route, "home", title, site.config.description.clone()),
                );
                let picks = if *page == 1 {
                    v.cards(&ix.picks)
                } else {
                    Vec::new()
                };
                ctx.insert("picks", &picks);
                ctx.insert("stories", &v.cards(self.page_slice(all, *page)));
                ctx.insert(
                    "pagination",
                    &self.pagination(&Permalink::root(), *page, all.len()),
                );
                "index.html"
            }
            Route::TaxonomyList(kind) => {
                let tax = ix.taxonomy(*kind);
                let mut terms: Vec<_> = tax.terms.iter().collect();
                if *kind != TaxonomyKind::Category {
                    terms.sort_by(|a, b| {
                        b.articles
                            .len()
                            .cmp(&a.articles.len())
                            .then(a.name.cmp(&b.name))
                    });
                }
                let description = format!(
                    "Every {} on {}, with its stories.",
                    kind_noun(*kind),
                    site.config.title
                );
                ctx.insert(
                    "meta",
                    &self.meta(route, "taxonomy", kind.title().to_owned(), description),
                );
                ctx.insert("taxonomy", &v.taxonomy(*kind));
                ctx.insert(
                    "terms",
                    &terms.into_iter().map(|t| v.term(t)).collect::<Vec<_>>(),
                );
                "taxonomy_list.html"
            }
            Route::Term(kind, t, page) => {
                let term = &ix.taxonomy(*kind).terms[*t];
                let mut title = term.name.clone();
                if *page > 1 {
                    title.push_str(&format!(" (page {page})"));
                }
                let description = term.description.clone().unwrap_or_else(|| {
                    format!("Stories about {} on {}.", term.name, site.config.title)
                });
                ctx.insert("meta", &self.meta(route, "term", title, description));
                ctx.insert("taxonomy", &v.taxonomy(*kind));
                ctx.insert("term", &v.term(term));
                ctx.insert("stories", &v.cards(self.page_slice(&term.articles, *page)));
                ctx.insert(
                    "pagination",
                    &self.pagination(&term.permalink, *page, term.articles.len()),
                );
                "term.html"
            }
            Route::Year(y) => {
                let years = &ix.archive.years;
                let year = &years[*y];
                ctx.insert(
                    "meta",
                    &self.meta(
                        route,
                        "year",
                        year.year.to_string(),
                        format!("Stories of {}.", year.year),
                    ),
                );
                ctx.insert("year", &v.year(year, true));
                let neighbour = |i: usize| NeighbourView {
                    label: years[i].year.to_string(),
                    url: v.href(&years[i].permalink),
                };
                ctx.insert(
                    "previous",
                    &(*y + 1 < years.len()).then(|| neighbour(*y + 1)),
                );
                ctx.insert("next", &(*y > 0).then(|| neighbour(*y - 1)));
                "year.html"
            }
            Route::Month(m) => {
                let months = &ix.archive.months;
                let month = &months[*m];
                ctx.insert(
                    "meta",
                    &self.meta(
                        route,
                        "month",
                        month.label(),
                        format!("Stories of {}.", month.label()),
                    ),
                );
                ctx.insert("month", &v.month(month, true));
                let year = ix
                    .archive
                    .years
                    .iter()
                    .find(|y| y.year == month.year)
                    .expect("month belongs to a year");
                ctx.insert(
                    "year",
                    &NeighbourView {
                        label: year.year.to_string(),
                        url: v.href(&year.permalink),
                    },
                );
                let neighbour = |i: usize| NeighbourView {
                    label: months[i].label(),
                    url: v.href(&months[i].permalink),
                };
                ctx.insert(
                    "previous",
                    &(*m + 1 < months.len()).then(|| neighbour(*m + 1)),
                );
                ctx.insert("next", &(*m > 0).then(|| neighbour(*m - 1)));
                "month.html"
            }
            Route::Archive => {
                ctx.insert(
                    "meta",
                    &self.meta(
                        route,
                        "archive",
                        "Archive".into(),
                        format!("Every story on {}, by year and month.", site.config.title),
                    ),
                );
                ctx.insert(
                    "years",
                    &ix.archive
                        .years
                        .iter()
                        .map(|y| v.year(y, false))
                        .collect::<Vec<_>>(),
                );
                "archive.html"
            }
            Route::DigestIndex => {
                ctx.insert(
                    "meta",
                    &self.meta(
                        route,
                        "digest_index",
                        "Weekly digests".into(),
                        format!("{}, week by week.", site.config.title),
                    ),
                );
                ctx.insert(
                    "weeks",
                    &ix.archive
                        .weeks
                        .iter()
                        .map(|w| v.week(w, false))
                        .collect::<Vec<_>>(),
                );
                "digest_index.html"
            }
            Route::Digest(w) => {
                let weeks = &ix.archive.weeks;
                let week = &weeks[*w];
                ctx.insert(
                    "meta",
                    &self.meta(
                        route,
                        "digest",
                        week.label(),
                        format!(
                            "The week's stories on {}: {}.",
                            site.config.title,
                            week.label()
                        ),
                    ),
                );
                ctx.insert("week", &v.week(week, true));
                let neighbour = |i: usize| NeighbourView {
                    label: weeks[i].label(),
                    url: v.href(&weeks[i].permalink),
                };
                ctx.insert(
                    "previous",
                    &(*w + 1 < weeks.len()).then(|| neighbour(*w + 1)),
                );
                ctx.insert("next", &(*w > 0).then(|| neighbour(*w - 1)));
                "digest.html"
            }
            Route::NotFound => {
                ctx.insert(
                    "meta",
                    &self.meta(route, "not_found", "Page not found".into(), String::new()),
                );
                "404.html"
            }
            Route::Redirect { to, .. } => {
                return Ok(redirect_page(&site.config.base_url.absolute(to)));
            }
            Route::Feed(scope, format) => return Ok(self.feed(*scope, *format)),
            Route::Sitemap => return Ok(sitemap::sitemap(site, self.routes)),
            Route::SitemapPart(_, pages) => {
                return Ok(sitemap::sitemap_part(site, self.routes, pages));
            }
            Route::NewsSitemap => return Ok(sitemap::news_sitemap(site)),
            Route::Robots => return Ok(sitemap::robots(site)),
            Route::RedirectRules => return Ok(sitemap::redirect_rules(site, self.routes)),
        };
        self.tera
            .render(template, &ctx)
            .map(String::into_bytes)
            .map_err(|e| {
                let (name, line, message) = describe(&e);
                let name = if name.is_empty() { template } else { &name };
                Error::Render {
                    template: self.theme.file_of(name).display().to_string(),
                    line,
                    page: route.permalink(site).to_string(),
                    message,
                }
            })
    }
}

impl Renderer<'_> {
    fn feed(&self, scope: Option<(TaxonomyKind, usize)>, format: feeds::FeedFormat) -> Vec<u8> {
        let site = self.site;
        let limit = site.config.feeds.limit;
        let root = Permalink::root();
        let (title, page, list) = match scope {
            None => (
                site.config.title.clone(),
                &root,
                site.indexes.newest.as_slice(),
            ),
            Some((kind, t)) => {
                let term = &site.indexes.taxonomy(kind).terms[t];
                (
                    format!("{}: {}", site.config.title, term.name),
                    &term.permalink,
                    term.articles.as_slice(),
                )
            }
        };
        let spec = FeedSpec {
            title,
            page,
            link: Route::Feed(scope, format).permalink(site),
            articles: &list[..list.len().min(limit)],
            bodies: &self.feed_bodies,
        };
        feeds::render(site, &spec, format)
    }
}

fn kind_noun(kind: TaxonomyKind) -> &'static str {
    match kind {
        TaxonomyKind::Category => "category",
        TaxonomyKind::Tag => "tag",
        TaxonomyKind::Party => "party",
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
