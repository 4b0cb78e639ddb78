//! Feeds: Atom, RSS and JSON Feed for the whole site and for every term, each
//! listing the newest stories up to the configured limit.

use crate::engine::Reads;
use crate::error::Result;
use crate::index::TaxonomyKind;
use crate::render::context::Cx;
use crate::render::feeds::{self, FeedFormat, FeedSpec};
use crate::render::kind::{Family, Generator, Key, Route};
use crate::site::Site;
use crate::url::Permalink;

/// The feeds of one format for the whole site (`scope: None`) or for every term
/// of a taxonomy.
pub struct Feeds {
    /// Whose feeds.
    pub scope: Option<TaxonomyKind>,
    /// In which format.
    pub format: FeedFormat,
}

const fn feeds(scope: Option<TaxonomyKind>) -> [Feeds; 3] {
    [
        Feeds {
            scope,
            format: FeedFormat::Atom,
        },
        Feeds {
            scope,
            format: FeedFormat::Rss,
        },
        Feeds {
            scope,
            format: FeedFormat::Json,
        },
    ]
}

/// Every feed kind: the site's, then each taxonomy's, in each format.
pub static FEEDS: [[Feeds; 3]; 5] = [
    feeds(None),
    feeds(Some(TaxonomyKind::Category)),
    feeds(Some(TaxonomyKind::Tag)),
    feeds(Some(TaxonomyKind::Party)),
    feeds(Some(TaxonomyKind::Author)),
];

/// Where the feed of a format is written: beside the home page, or beside term
/// `t`'s page.
pub fn permalink(
    site: &Site,
    scope: Option<(TaxonomyKind, usize)>,
    format: FeedFormat,
) -> Permalink {
    match scope {
        None => Permalink::root().join_file(format.file_name()),
        Some((kind, t)) => site.indexes.taxonomy(kind).terms[t]
            .permalink
            .join_file(format.file_name()),
    }
}

impl Feeds {
    fn scope_of(&self, key: &Key) -> Option<(TaxonomyKind, usize)> {
        match (self.scope, key) {
            (None, Key::Single) => None,
            (Some(kind), Key::Item(t)) => Some((kind, *t)),
            (_, other) => unreachable!("feed routes are single or items, not {other:?}"),
        }
    }

    /// The feed's stories, newest first, cut to the limit.
    fn articles<'s>(&self, site: &'s Site, key: &Key) -> &'s [usize] {
        let list = match self.scope_of(key) {
            None => site.indexes.newest.as_slice(),
            Some((kind, t)) => site.indexes.taxonomy(kind).terms[t].articles.as_slice(),
        };
        &list[..list.len().min(site.config.feeds.limit)]
    }
}

impl Generator for Feeds {
    fn name(&self) -> &'static str {
        use FeedFormat::{Atom, Json, Rss};
        use TaxonomyKind::{Author, Category, Party, Tag};
        match (self.scope, self.format) {
            (None, Atom) => "feed-atom",
            (None, Rss) => "feed-rss",
            (None, Json) => "feed-json",
            (Some(Category), Atom) => "category-feed-atom",
            (Some(Category), Rss) => "category-feed-rss",
            (Some(Category), Json) => "category-feed-json",
            (Some(Tag), Atom) => "tag-feed-atom",
            (Some(Tag), Rss) => "tag-feed-rss",
            (Some(Tag), Json) => "tag-feed-json",
            (Some(Party), Atom) => "party-feed-atom",
            (Some(Party), Rss) => "party-feed-rss",
            (Some(Party), Json) => "party-feed-json",
            (Some(Author), Atom) => "author-feed-atom",
            (Some(Author), Rss) => "author-feed-rss",
            (Some(Author), Json) => "author-feed-json",
        }
    }

    fn family(&self) -> Family {
        Family::Feed
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        match self.scope {
            None => vec![Key::Single],
            Some(kind) => (0..site.indexes.taxonomy(kind).terms.len())
                .map(Key::Item)
                .collect(),
        }
    }

    fn permalink(&self, site: &Site, key: &Key) -> Permalink {
        permalink(site, self.scope_of(key), self.format)
    }

    fn reads(&self, site: &Site, key: &Key, reads: &mut Reads<'_>) {
        if let Some((kind, t)) = self.scope_of(key) {
            reads.term(kind, t);
        }
        let list = self.articles(site, key);
        reads.value(&list.len());
        for &i in list {
            reads.article(i);
        }
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let site = cx.site;
        let scope = self.scope_of(&route.key);
        let root = Permalink::root();
        let (title, page) = match scope {
            None => (site.config.title.clone(), &root),
            Some((kind, t)) => {
                let term = &site.indexes.taxonomy(kind).terms[t];
                (
                    format!("{}: {}", site.config.title, term.name),
                    &term.permalink,
                )
            }
        };
        let spec = FeedSpec {
            title,
            page,
            link: permalink(site, scope, self.format),
            articles: self.articles(site, &route.key),
            bodies: &cx.feed_bodies,
        };
        Ok(feeds::render(site, &spec, self.format))
    }
}
