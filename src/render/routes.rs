//! The route table: the site's whole URL space as one type. Pages, feeds and sitemaps
//! all come from it, so they cannot disagree, and two things that would be written to
//! the same path are caught here, before anything is rendered.

use std::collections::HashMap;

use super::feeds::FeedFormat;
use crate::error::{Code, Diagnostic, Error, Result};
use crate::index::TaxonomyKind;
use crate::site::Site;
use crate::url::Permalink;

/// One output file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// An article page.
    Article(usize),
    /// Page N (from 1) of the home page.
    Home(usize),
    /// The list of a taxonomy's terms.
    TaxonomyList(TaxonomyKind),
    /// Page N of a term's stories.
    Term(TaxonomyKind, usize, usize),
    /// A year's archive.
    Year(usize),
    /// A month's archive.
    Month(usize),
    /// The archive overview.
    Archive,
    /// The list of weekly digests.
    DigestIndex,
    /// One week's digest.
    Digest(usize),
    /// The theme's 404 page.
    NotFound,
    /// A redirect stub from an old or duplicate path.
    Redirect {
        /// Where the stub is written.
        from: Permalink,
        /// Where it sends readers.
        to: Permalink,
        /// Whether a writer asked for it (`aliases:`), so hosts get a rule too.
        alias: bool,
    },
    /// A feed of the whole site (`None`) or of one term.
    Feed(Option<(TaxonomyKind, usize)>, FeedFormat),
    /// `sitemap.xml`: the sitemap, or the index of its parts when there are any.
    Sitemap,
    /// `sitemap-N.xml`: part N (from 1) of a sitemap too big for one file, holding
    /// the pages at these positions among the site's pages (see `sitemap::plan`).
    SitemapPart(usize, std::ops::Range<usize>),
    /// `news-sitemap.xml`.
    NewsSitemap,
    /// `robots.txt`.
    Robots,
    /// `_redirects`, for hosts that read one.
    RedirectRules,
}

/// How many pages a list of `n` items takes (at least one, so empty lists still
/// get their first page).
pub fn page_count(n: usize, per_page: usize) -> usize {
    n.div_ceil(per_page).max(1)
}

/// The URL of page `page` of a list whose first page is `base`.
pub fn page_permalink(base: &Permalink, page: usize) -> Permalink {
    if page <= 1 {
        base.clone()
    } else {
        base.child(&["page", &page.to_string()])
    }
}

impl Route {
    /// Where this route is written.
    pub fn permalink(&self, site: &Site) -> Permalink {
        let ix = &site.indexes;
        match self {
            Route::Article(i) => site.articles[*i].permalink.clone(),
            Route::Home(p) => page_permalink(&Permalink::root(), *p),
            Route::TaxonomyList(kind) => kind.permalink(),
            Route::Term(kind, t, p) => page_permalink(&ix.taxonomy(*kind).terms[*t].permalink, *p),
            Route::Year(y) => ix.archive.years[*y].permalink.clone(),
            Route::Month(m) => ix.archive.months[*m].permalink.clone(),
            Route::Archive => Permalink::folder(&["archive"]),
            Route::DigestIndex => Permalink::folder(&["digest"]),
            Route::Digest(w) => ix.archive.weeks[*w].permalink.clone(),
            Route::NotFound => Permalink::file("/404.html"),
            Route::Redirect { from, .. } => from.clone(),
            Route::Feed(None, format) => Permalink::root().join_file(format.file_name()),
            Route::Feed(Some((kind, t)), format) => ix.taxonomy(*kind).terms[*t]
                .permalink
                .join_file(format.file_name()),
            Route::Sitemap => Permalink::file("/sitemap.xml"),
            Route::SitemapPart(n, _) => super::sitemap::part_permalink(*n),
            Route::NewsSitemap => Permalink::file("/news-sitemap.xml"),
            Route::Robots => Permalink::file("/robots.txt"),
            Route::RedirectRules => Permalink::file("/_redirects"),
        }
    }

    /// Whether this is an HTML page worth listing in a sitemap.
    pub fn is_page(&self) -> bool {
        matches!(
            self,
            Route::Article(_)
                | Route::Home(_)
                | Route::TaxonomyList(_)
                | Route::Term(..)
                | Route::Year(_)
                | Route::Month(_)
                | Route::Archive
                | Route::DigestIndex
                | Route::Digest(_)
        )
    }
}

/// Every route of the site, in a stable order, checked for clashing paths.
pub fn routes(site: &Site) -> Result<Vec<Route>> {
    let ix = &site.indexes;
    let per = site.config.paginate_by;
    let mut routes: Vec<Route> = (0..site.articles.len()).map(Route::Article).collect();
    let home_pages = page_count(site.articles.len(), per);
    routes.extend((1..=home_pages).map(Route::Home));
    routes.push(Route::Redirect {
        from: Permalink::root().child(&["page", "1"]),
        to: Permalink::root(),
        alias: false,
    });
    routes.extend(FeedFormat::ALL.map(|f| Route::Feed(None, f)));
    for kind in TaxonomyKind::ALL {
        routes.push(Route::TaxonomyList(kind));
        for (t, term) in ix.taxonomy(kind).terms.iter().enumerate() {
            let pages = page_count(term.articles.len(), per);
            routes.extend((1..=pages).map(|p| Route::Term(kind, t, p)));
            routes.push(Route::Redirect {
                from: term.permalink.child(&["page", "1"]),
                to: term.permalink.clone(),
                alias: false,
            });
            routes.extend(FeedFormat::ALL.map(|f| Route::Feed(Some((kind, t)), f)));
        }
    }
    routes.extend((0..ix.archive.years.len()).map(Route::Year));
    routes.extend((0..ix.archive.months.len()).map(Route::Month));
    routes.push(Route::Archive);
    routes.push(Route::DigestIndex);
    routes.extend((0..ix.archive.weeks.len()).map(Route::Digest));
    routes.push(Route::NotFound);
    for a in &site.articles {
        for alias in &a.aliases {
            let from = Permalink::parse_alias(alias).expect("aliases are checked when loading");
            routes.push(Route::Redirect {
                from,
                to: a.permalink.clone(),
                alias: true,
            });
        }
    }
    let parts = super::sitemap::plan(site, &routes);
    routes.extend(
        (1..)
            .zip(parts)
            .map(|(n, pages)| Route::SitemapPart(n, pages)),
    );
    routes.extend([
        Route::Sitemap,
        Route::NewsSitemap,
        Route::Robots,
        Route::RedirectRules,
    ]);
    check_clashes(site, &routes)?;
    Ok(routes)
}

fn check_clashes(site: &Site, routes: &[Route]) -> Result<()> {
    // Keyed by the file written, not the URL: `/x/` and `/x/index.html` are one file.
    let mut seen: HashMap<std::path::PathBuf, &Route> = HashMap::with_capacity(routes.len());
    let fail = |pair, link: &Permalink| {
        Err(Error::Content(crate::error::Diagnostics(vec![clash(
            site, pair, link,
        )])))
    };
    let mut files = Vec::with_capacity(routes.len());
    for r in routes {
        let link = r.permalink(site);
        let file = link.output_file();
        if let Some(prev) = seen.insert(file.clone(), r) {
            return fail([prev, r], &link);
        }
        files.push(file);
    }
    // A file cannot also be a folder: an alias `/_redirects` (written as
    // `_redirects/index.html`) and the generated `_redirects` cannot both exist.
    // Routes are visited in order, so the clash reported is the same every run.
    for (r, file) in routes.iter().zip(&files) {
        if let Some(prev) = file.ancestors().skip(1).find_map(|f| seen.get(f)) {
            return fail([prev, r], &r.permalink(site));
        }
    }
    Ok(())
}

/// Says which file to fix when two routes share a path: an alias first (the writer
/// chose it), then a story (its slug), else the terms behind generated pages. The
/// message names what the path is taken by, with its file when it has one.
fn clash(site: &Site, pair: [&Route; 2], link: &Permalink) -> Diagnostic {
    let owner_of = |r: &Route| match r {
        Route::Redirect {
            to, alias: true, ..
        } => site.articles.iter().find(|a| a.permalink == *to),
        _ => None,
    };
    let story_of = |r: &Route| match r {
        Route::Article(i) => Some(&site.articles[*i]),
        _ => None,
    };
    // Which of the two a writer should change, and what the other one is.
    let (alias_side, other) = match (owner_of(pair[1]), owner_of(pair[0])) {
        (Some(a), _) => (Some(a), pair[0]),
        (None, Some(a)) => (Some(a), pair[1]),
        (None, None) => (None, pair[0]),
    };
    let taken_by = |r: &Route| match (owner_of(r), story_of(r)) {
        (Some(a), _) => format!("an alias of {}", a.source.display()),
        (None, Some(a)) => format!("the story {}", a.source.display()),
        (None, None) => "a page the site generates".to_owned(),
    };
    if let Some(owner) = alias_side {
        return Diagnostic::new(
            Code::DuplicateUrl,
            &owner.source,
            owner.lines.aliases,
            format!("alias {link} is already taken by {}", taken_by(other)),
        )
        .key("aliases")
        .hint("remove the alias, or point it at a path nothing else uses");
    }
    let story = pair.iter().find_map(|r| story_of(r));
    match story {
        Some(a) => {
            let other = if story_of(pair[0]).map(|s| &s.source) == Some(&a.source) {
                pair[1]
            } else {
                pair[0]
            };
            Diagnostic::new(
                Code::DuplicateUrl,
                &a.source,
                a.lines.url,
                format!(
                    "this story's URL {link} is also used by {}",
                    taken_by(other)
                ),
            )
            .key(a.lines.url_key)
            .hint("give the story a slug: of its own, or change permalink in site.toml")
        }
        None => Diagnostic::new(
            Code::DuplicateUrl,
            "site.toml",
            0,
            format!("two pages of the site would be written to {link}"),
        )
        .hint("rename one of the clashing terms"),
    }
}
