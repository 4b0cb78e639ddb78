//! Files for crawlers and hosts: `sitemap.xml` (every page with `lastmod`), the Google
//! News sitemap (stories of the two days before the build), `robots.txt` pointing to
//! both, and `_redirects` for hosts that read one (Netlify, Cloudflare Pages).

use std::fmt::Write;

use super::routes::Route;
use super::xml::escape as esc;
use crate::content::PubDate;
use crate::site::Site;
use crate::url::Permalink;

/// How far back the news sitemap reaches.
const NEWS_WINDOW: jiff::SignedDuration = jiff::SignedDuration::from_hours(48);

/// The newest date among the stories a route shows, for `lastmod`.
pub fn last_modified(site: &Site, route: &Route) -> Option<PubDate> {
    let ix = &site.indexes;
    let newest = |list: &[usize]| {
        list.iter()
            .map(|&i| {
                let a = &site.articles[i];
                *a.updated.as_ref().unwrap_or(&a.date)
            })
            .max_by_key(|d| d.timestamp)
    };
    let per = site.config.paginate_by;
    let page = |list: &[usize], p: usize| {
        let start = ((p - 1) * per).min(list.len());
        newest(&list[start..(start + per).min(list.len())])
    };
    match route {
        Route::Article(i) => newest(&[*i]),
        Route::Home(p) => page(&ix.newest, *p),
        Route::Term(kind, t, p) => page(&ix.taxonomy(*kind).terms[*t].articles, *p),
        Route::Month(m) => newest(&ix.archive.months[*m].articles),
        Route::Digest(w) => newest(&ix.archive.weeks[*w].articles),
        Route::Year(y) => ix.archive.years[*y]
            .months
            .iter()
            .filter_map(|&m| newest(&ix.archive.months[m].articles))
            .max_by_key(|d| d.timestamp),
        // Lists of everything change when the newest story does.
        _ => newest(&ix.newest[..ix.newest.len().min(1)]),
    }
}

/// `sitemap.xml`.
pub fn sitemap(site: &Site, routes: &[Route]) -> Vec<u8> {
    let base = &site.config.base_url;
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for r in routes.iter().filter(|r| r.is_page()) {
        let _ = write!(
            x,
            "<url><loc>{}</loc>",
            esc(&base.absolute(&r.permalink(site)))
        );
        if let Some(d) = last_modified(site, r) {
            let _ = write!(x, "<lastmod>{}</lastmod>", d.rfc3339());
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x.into_bytes()
}

/// `news-sitemap.xml`: stories published in the two days before the build.
pub fn news_sitemap(site: &Site) -> Vec<u8> {
    let c = &site.config;
    let since = site.now - NEWS_WINDOW;
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    for a in site
        .articles
        .iter()
        .filter(|a| a.date.timestamp >= since && a.date.timestamp <= site.now)
    {
        let _ = writeln!(
            x,
            "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name>\
             <news:language>{}</news:language></news:publication>\
             <news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>",
            esc(&c.base_url.absolute(&a.permalink)),
            esc(&c.title),
            esc(&c.language),
            a.date.rfc3339(),
            esc(&a.title),
        );
    }
    x.push_str("</urlset>\n");
    x.into_bytes()
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
        if let Route::Redirect {
            from,
            to,
            alias: true,
        } = r
        {
            let _ = writeln!(x, "{} {} 301", base.href(from), base.href(to));
        }
    }
    x.into_bytes()
}
