//! Page kinds as generators. Each kind of output (article, home page, term page,
//! archive, digest, feed, sitemap, redirect, 404, ...) is one [`Generator`] in one
//! file under `kinds/`: it lists the outputs it makes for a site, says where each is
//! written, declares what each reads (so the engine can tell which outputs an edit
//! touched), and renders one. [`KINDS`] is the registry; adding a kind is a file, its
//! template and a line there.

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use super::context::Cx;
use super::kinds;
use crate::content::PubDate;
use crate::engine::Reads;
use crate::error::Result;
use crate::site::Site;
use crate::url::Permalink;

/// Which output of its kind a route is. Each kind uses the shapes it needs; the
/// meaning of the numbers is the kind's (an article, a term, a page number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// The kind's only output.
    Single,
    /// One item: an article, a term, a year, a month, a week (positions in the site).
    Item(usize),
    /// Page N (from 1) of a list that has no item.
    Page(usize),
    /// Page N (from 1) of an item's list.
    ItemPage(usize, usize),
    /// A redirect stub.
    Redirect {
        /// Where the stub is written.
        from: Permalink,
        /// Where it sends readers.
        to: Permalink,
        /// The article whose `aliases:` asked for it; `None` for stubs the site makes.
        alias_of: Option<usize>,
    },
    /// Part N (from 1) of a split list, holding these positions.
    Part(usize, Range<usize>),
}

/// What a route's output came from, for messages about clashing paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A story's page (the article position).
    Story(usize),
    /// An alias a story asked for (the article position).
    Alias(usize),
    /// A page the site generates from its terms and dates.
    Generated,
}

/// One kind of output. Implementations are unit structs (or small parameter
/// structs, like a taxonomy) registered in [`KINDS`].
pub trait Generator: Sync {
    /// A unique, stable name ("article", "tag-page", "feed-atom").
    fn name(&self) -> &'static str;

    /// Every output of this kind, in a stable order. `earlier` holds the routes of
    /// the kinds registered before this one (the sitemap lists them). Most kinds
    /// make one file.
    fn outputs(&self, _site: &Site, _earlier: &[Route]) -> Vec<Key> {
        vec![Key::Single]
    }

    /// Where an output is written.
    fn permalink(&self, site: &Site, key: &Key) -> Permalink;

    /// Declares everything rendering `key` reads. An output whose declared reads
    /// hash the same as last time is not rendered again, so a read left out here is
    /// a stale page: `tests/integration/incremental.rs` edits sites at random and
    /// compares with full builds to catch exactly that.
    fn reads(&self, site: &Site, key: &Key, reads: &mut Reads<'_>);

    /// The bytes of one output.
    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>>;

    /// Whether its outputs are HTML pages worth listing in a sitemap.
    fn is_page(&self) -> bool {
        false
    }

    /// The newest date among the stories an output shows, for `lastmod`.
    fn last_modified(&self, site: &Site, _key: &Key) -> Option<PubDate> {
        newest(
            site,
            &site.indexes.newest[..site.indexes.newest.len().min(1)],
        )
    }

    /// What an output comes from, for messages about clashing paths.
    fn source(&self, _key: &Key) -> Source {
        Source::Generated
    }

    /// Which line of the build summary counts its outputs.
    fn family(&self) -> Family {
        if self.is_page() {
            Family::Page
        } else {
            Family::Other
        }
    }
}

/// The kinds of file a build summary counts, in the order it lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// HTML pages readers visit.
    Page,
    /// Atom, RSS and JSON feeds.
    Feed,
    /// Sitemaps, the news sitemap and robots.txt.
    Sitemap,
    /// Redirect stubs and the hosts' redirect rules.
    Redirect,
    /// The search index's files.
    Search,
    /// The weekly newsletter's email editions (HTML and plain text).
    Email,
    /// Pictures the site makes (social cards).
    Image,
    /// Anything else a kind writes (the 404 page's twin files, ...).
    Other,
}

impl Family {
    /// Every family, in summary order.
    pub const ALL: [Family; 8] = [
        Family::Page,
        Family::Feed,
        Family::Sitemap,
        Family::Redirect,
        Family::Search,
        Family::Email,
        Family::Image,
        Family::Other,
    ];

    /// How the summary names it.
    pub fn label(self) -> &'static str {
        match self {
            Family::Page => "Pages",
            Family::Feed => "Feeds",
            Family::Sitemap => "Sitemaps",
            Family::Redirect => "Redirects",
            Family::Search => "Search index files",
            Family::Email => "Email editions",
            Family::Image => "Images",
            Family::Other => "Other files",
        }
    }
}

/// The newest publication, update or correction date among these articles.
pub fn newest(site: &Site, list: &[usize]) -> Option<PubDate> {
    list.iter()
        .map(|&i| site.articles[i].modified())
        .max_by_key(|d| d.timestamp)
}

/// One output file of the site: its kind and which of the kind's outputs it is.
#[derive(Clone)]
pub struct Route {
    /// The generator that makes it.
    pub kind: &'static dyn Generator,
    /// Which output of that kind.
    pub key: Key,
}

impl Route {
    /// Where this route is written.
    pub fn permalink(&self, site: &Site) -> Permalink {
        self.kind.permalink(site, &self.key)
    }

    /// Whether this is an HTML page worth listing in a sitemap.
    pub fn is_page(&self) -> bool {
        self.kind.is_page()
    }
}

impl PartialEq for Route {
    fn eq(&self, other: &Route) -> bool {
        self.kind.name() == other.kind.name() && self.key == other.key
    }
}

impl Eq for Route {}

impl fmt::Debug for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({:?})", self.kind.name(), self.key)
    }
}

/// Every kind, in the order their outputs appear in the route table (and the
/// sitemap). The sitemap kinds come last: they list the pages before them.
pub static KINDS: LazyLock<Vec<&'static dyn Generator>> = LazyLock::new(|| {
    use crate::index::TaxonomyKind::{Author, Category, Party, Tag};
    use kinds::{
        archive, article, card, corrections, digest, email, feed, home, not_found, redirect,
        search, sitemap, taxonomy,
    };
    let mut all: Vec<&'static dyn Generator> = vec![&article::Articles, &home::Home];
    for (list, pages) in [
        (
            &taxonomy::TermList(Category),
            &taxonomy::TermPages(Category),
        ),
        (&taxonomy::TermList(Tag), &taxonomy::TermPages(Tag)),
        (&taxonomy::TermList(Party), &taxonomy::TermPages(Party)),
        (&taxonomy::TermList(Author), &taxonomy::TermPages(Author)),
    ] {
        all.push(list);
        all.push(pages);
    }
    all.extend([
        &archive::Years as &dyn Generator,
        &archive::Months,
        &archive::Overview,
        &digest::DigestIndex,
        &digest::Digests,
        &email::EmailHtml,
        &email::EmailText,
        &corrections::Corrections,
        &not_found::NotFound,
        &redirect::Redirects,
        &search::SearchPage,
        &search::Manifest,
        &search::Shards,
        &search::FacetsFile,
        &search::Fragments,
        &card::SocialCards,
    ]);
    all.extend(
        feed::FEEDS
            .iter()
            .flatten()
            .map(|f| f as &'static dyn Generator),
    );
    all.extend([
        &sitemap::SitemapParts as &dyn Generator,
        &sitemap::Sitemap,
        &sitemap::NewsSitemap,
        &sitemap::Robots,
        &sitemap::RedirectRules,
    ]);
    all
});

#[cfg(test)]
mod tests {
    use super::Family;

    /// `Plan::families` counts by `family as usize` into `ALL`'s order.
    #[test]
    fn families_are_listed_in_declaration_order() {
        for (i, family) in Family::ALL.iter().enumerate() {
            assert_eq!(*family as usize, i, "{family:?}");
        }
    }
}
