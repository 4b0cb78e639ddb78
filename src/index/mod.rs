//! The index stage: from the newest-first article list to every way a reader can
//! browse it (taxonomies, date archives, weekly digests, related stories, editor's
//! picks, corrections). Indexes hold positions into the article list, never copies of articles.

mod archive;
mod corrections;
mod related;
mod taxonomy;

pub use archive::{Archive, Month, Week, Year};
pub use corrections::CorrectionRef;
pub use related::{MAX_RELATED, Related};
pub use taxonomy::{Taxonomy, TaxonomyKind, Term, TermId, fold_term};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::article::Article;
use crate::config::Config;
use crate::search::{Facets, SearchIndex};

/// How many editor's picks the home page shows at most.
pub const MAX_PICKS: usize = 4;

/// Every index of the site.
#[derive(Debug, Clone)]
pub struct Indexes {
    /// Declared categories with their stories.
    pub categories: Taxonomy,
    /// Tags with their stories.
    pub tags: Taxonomy,
    /// Parties with their stories.
    pub parties: Taxonomy,
    /// Declared authors with their stories (none when the site declares none).
    pub authors: Taxonomy,
    /// Years, months and weeks.
    pub archive: Archive,
    /// Related stories per article, best first.
    pub related: Related,
    /// The newest editor's picks (`featured: true`).
    pub picks: Vec<usize>,
    /// Every article position, newest first (the site feed's list).
    pub newest: Vec<usize>,
    /// The home page's list of latest stories: [`Indexes::newest`] without the
    /// picks, which page one shows above it (so no story is shown twice).
    pub latest: Vec<usize>,
    /// Each article's parties, tags and authors as term positions (deduplicated), resolved
    /// once so no page looks a name up again.
    pub article_terms: Vec<ArticleTerms>,
    /// The search index's files.
    pub search: SearchIndex,
    /// Every correction, newest first (the corrections page's list).
    pub corrections: Vec<CorrectionRef>,
}

/// When and how the index stage makes the search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchStage {
    /// With the other indexes (a build).
    Now,
    /// With the other indexes, keeping what it collected so that a story's body
    /// edit re-indexes that story alone (`serve`).
    Kept,
    /// After the pages: `serve` writes the pages a reader sees first and then makes
    /// the index ([`Indexes::make_search`]). Until then a pending index with this
    /// many shards stands in; only the search outputs read it, and only their
    /// routes are made from it before it is replaced.
    Later {
        /// The shards of the last index (what the route table plans for).
        shards: usize,
    },
}

/// The terms one article carries.
#[derive(Debug, Clone, Default)]
pub struct ArticleTerms {
    /// Positions in [`Indexes::parties`], in front-matter order.
    pub parties: Vec<usize>,
    /// Positions in [`Indexes::tags`], in front-matter order.
    pub tags: Vec<usize>,
    /// Positions in [`Indexes::authors`], in byline order (empty when the site
    /// declares no authors).
    pub authors: Vec<usize>,
}

fn resolve(terms: &Spellings<'_>, names: &[String]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(names.len());
    for i in names
        .iter()
        .filter_map(|n| terms.get(n.as_str()).copied().flatten())
    {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// The term of each name as stories write it, looked up once a spelling.
type Spellings<'a> = FxHashMap<&'a str, Option<usize>>;

fn spellings<'a>(tax: &Taxonomy, names: impl Iterator<Item = &'a String>) -> Spellings<'a> {
    let mut out = Spellings::default();
    for name in names {
        out.entry(name.as_str())
            .or_insert_with(|| tax.term_index(name));
    }
    out
}

impl Indexes {
    /// Builds every index over the newest-first articles.
    pub fn build(config: &Config, articles: &[Article]) -> Indexes {
        Indexes::build_with(config, articles, SearchStage::Now, None)
    }

    /// [`Indexes::build`], with the search index made as `search` says.
    ///
    /// With the last site (`before`: its articles and indexes, as `serve` keeps
    /// them), related stories are ranked again only where an edit can change them
    /// ([`related::related_since`]).
    pub fn build_with(
        config: &Config,
        articles: &[Article],
        search: SearchStage,
        before: Option<(&[Article], &Indexes)>,
    ) -> Indexes {
        let (categories, (tags, parties)) = rayon::join(
            || Taxonomy::categories(config, articles),
            || {
                rayon::join(
                    || Taxonomy::from_names(TaxonomyKind::Tag, config, articles),
                    || Taxonomy::from_names(TaxonomyKind::Party, config, articles),
                )
            },
        );
        let authors = Taxonomy::authors(config, articles);
        let known = [
            spellings(&parties, articles.iter().flat_map(|a| &a.parties)),
            spellings(&tags, articles.iter().flat_map(|a| &a.tags)),
            spellings(&authors, articles.iter().flat_map(|a| &a.authors)),
        ];
        let article_terms: Vec<ArticleTerms> = articles
            .par_iter()
            .map(|a| ArticleTerms {
                parties: resolve(&known[0], &a.parties),
                tags: resolve(&known[1], &a.tags),
                authors: resolve(&known[2], &a.authors),
            })
            .collect();
        let facets = Facets {
            categories: &categories,
            parties: &parties,
            tags: &tags,
            article_terms: &article_terms,
        };
        let (search, (archive, related)) = rayon::join(
            || match search {
                SearchStage::Now => SearchIndex::build(config, articles, &facets, false),
                SearchStage::Kept => SearchIndex::build(config, articles, &facets, true),
                SearchStage::Later { shards } => SearchIndex::pending(shards),
            },
            || {
                rayon::join(
                    || Archive::build(articles),
                    || {
                        let taxonomies = (&categories, &tags, &parties);
                        match before {
                            Some((old, last)) => related::related_since(
                                related::Last::of(old, last),
                                articles,
                                &article_terms,
                                taxonomies,
                            ),
                            None => related::related(articles, &article_terms, taxonomies),
                        }
                    },
                )
            },
        );
        let picks: Vec<usize> = articles
            .iter()
            .enumerate()
            .filter(|(_, a)| a.featured)
            .map(|(i, _)| i)
            .take(MAX_PICKS)
            .collect();
        let latest = (0..articles.len()).filter(|i| !picks.contains(i)).collect();
        Indexes {
            categories,
            tags,
            parties,
            authors,
            archive,
            related,
            picks,
            newest: (0..articles.len()).collect(),
            latest,
            article_terms,
            search,
            corrections: corrections::newest_first(articles),
        }
    }

    /// Makes the search index that [`SearchStage::Later`] left pending, keeping
    /// what it collected (see [`SearchStage::Kept`]). Returns whether it has as
    /// many shards as the pending one (the routes planned for it still hold).
    pub fn make_search(&mut self, config: &Config, articles: &[Article]) -> bool {
        let pending = self.search.shards.len();
        self.search = SearchIndex::build(config, articles, &Facets::of(self), true);
        self.search.shards.len() == pending
    }

    /// The taxonomy of a kind.
    pub fn taxonomy(&self, kind: TaxonomyKind) -> &Taxonomy {
        match kind {
            TaxonomyKind::Category => &self.categories,
            TaxonomyKind::Tag => &self.tags,
            TaxonomyKind::Party => &self.parties,
            TaxonomyKind::Author => &self.authors,
        }
    }
}
