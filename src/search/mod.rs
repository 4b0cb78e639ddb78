//! The search stage: a static, sharded index of every published story, written from
//! the model the build already holds (docs/search.md is the format, the contract
//! with the browser client in the theme's `search.js`).
//!
//! Stories become docs numbered oldest first, so a new (newest) story renumbers
//! none of the others; their fields are split into folded words ([`words`]), grouped by
//! English stem ([`collect`]), scored with BM25F ([`score`]) and laid out in term
//! shards of bounded size ([`shards`]); the filters go in one facets file and a
//! small manifest ties it together. The files themselves are outputs of the
//! `search` page kinds (`render/kinds/search.rs`).

mod collect;
mod score;
mod shards;
pub mod text;
mod varint;
pub mod words;

use std::sync::Arc;

use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

pub use shards::{SHARD_BYTES, Shard};

use crate::article::Article;
use crate::config::Config;
use crate::index::{ArticleTerms, Taxonomy, TaxonomyKind};

/// The version of the format in docs/search.md.
pub const FORMAT: u32 = 1;

/// Characters of body text a result fragment carries for its snippet.
pub const FRAGMENT_TEXT: usize = 480;

/// The index files of a site.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// The term shards, in order.
    pub shards: Vec<Shard>,
    /// The facets file.
    pub facets: String,
    /// The manifest.
    pub manifest: String,
    /// Each doc's snippet source, for its result fragment.
    pub snippets: Vec<String>,
    /// The groups' postings as collected, kept by `serve` so a body edit collects
    /// its story's group again and not every story ([`SearchIndex::story_changed`]).
    parts: Option<Arc<Vec<collect::Part>>>,
    /// Whether this stands in for an index still to be made ([`SearchIndex::pending`]).
    pending: bool,
}

/// The taxonomies the filters offer, as the index stage built them.
pub struct Facets<'a> {
    /// Categories, in the site's order.
    pub categories: &'a Taxonomy,
    /// Parties.
    pub parties: &'a Taxonomy,
    /// Tags.
    pub tags: &'a Taxonomy,
    /// Each article's parties and tags, resolved to their terms.
    pub article_terms: &'a [ArticleTerms],
}

impl<'a> Facets<'a> {
    /// The taxonomies of a site's indexes.
    pub fn of(indexes: &'a crate::index::Indexes) -> Facets<'a> {
        Facets {
            categories: &indexes.categories,
            parties: &indexes.parties,
            tags: &indexes.tags,
            article_terms: &indexes.article_terms,
        }
    }
}

/// A filter value as the manifest lists it.
#[derive(Serialize)]
struct Value<'a> {
    name: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    docs: usize,
    stop: &'a [&'a str],
    shards: Vec<(&'a str, String)>,
    facets: String,
    fragments: String,
    years: Vec<i16>,
    categories: Vec<Value<'a>>,
    parties: Vec<Value<'a>>,
    tags: Vec<Value<'a>>,
}

/// The doc number of the article at position `i` of `n` (newest first).
pub fn doc_of(n: usize, i: usize) -> usize {
    n - 1 - i
}

fn values(tax: &Taxonomy) -> Vec<Value<'_>> {
    tax.terms
        .iter()
        .map(|t| Value {
            name: &t.name,
            url: &t.href,
        })
        .collect()
}

/// A version of everything the fragments show, for their URLs: a title, a date or
/// a category changed anywhere makes browsers fetch fragments again, after a
/// rebuild, rather than show what they cached.
fn fragments_version(config: &Config, articles: &[Article]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for a in articles {
        for field in [&a.title, &a.href, &a.date_display, &a.date_iso, &a.summary] {
            hasher.update(field.as_bytes());
            hasher.update(b"\0");
        }
        hasher.update(config.categories[a.category].name.as_bytes());
        hasher.update(&xxh3_64(a.body.html.as_bytes()).to_le_bytes());
    }
    format!("{:08x}", hasher.digest() as u32)
}

fn short_hash(text: &str) -> String {
    format!("{:08x}", xxh3_64(text.as_bytes()) as u32)
}

impl SearchIndex {
    /// No index: the site has no search (`[search] enabled = false`).
    pub fn none() -> SearchIndex {
        SearchIndex {
            shards: Vec::new(),
            facets: String::new(),
            manifest: String::new(),
            snippets: Vec::new(),
            parts: None,
            pending: false,
        }
    }

    /// A stand-in for an index still to be made, with `shards` empty shards: the
    /// route table can be planned from it, and nothing may render from it
    /// ([`crate::index::SearchStage::Later`]).
    pub fn pending(shards: usize) -> SearchIndex {
        SearchIndex {
            shards: vec![Shard::default(); shards],
            pending: true,
            ..SearchIndex::none()
        }
    }

    /// Whether this is a [`SearchIndex::pending`] stand-in, which nothing may
    /// render from.
    pub fn is_pending(&self) -> bool {
        self.pending
    }

    /// Indexes the newest-first `articles` (nothing when the site has no search);
    /// `keep`: keep what was collected for [`SearchIndex::story_changed`].
    pub fn build(
        config: &Config,
        articles: &[Article],
        facets: &Facets<'_>,
        keep: bool,
    ) -> SearchIndex {
        if !config.search {
            return SearchIndex::none();
        }
        let docs: Vec<usize> = (0..articles.len()).rev().collect();
        let parts = collect::parts(config, articles, &docs, facets);
        SearchIndex::from_parts(config, articles, facets, parts, keep)
    }

    /// The index after the story at `position` changed in place (its body): its
    /// group is collected again, the others are taken as kept. The same index as
    /// [`SearchIndex::build`] makes, since the groups are the same.
    pub fn story_changed(
        &self,
        config: &Config,
        articles: &[Article],
        facets: &Facets<'_>,
        position: usize,
    ) -> SearchIndex {
        let Some(kept) = &self.parts else {
            return SearchIndex::build(config, articles, facets, true);
        };
        let docs: Vec<usize> = (0..articles.len()).rev().collect();
        let group = collect::group_of(doc_of(articles.len(), position));
        let mut parts = Vec::clone(kept);
        parts[group] = collect::part(config, articles, &docs, facets, group);
        SearchIndex::from_parts(config, articles, facets, parts, true)
    }

    fn from_parts(
        config: &Config,
        articles: &[Article],
        facets: &Facets<'_>,
        parts: Vec<collect::Part>,
        keep: bool,
    ) -> SearchIndex {
        let n = articles.len();
        let (mut collected, kept) = if keep {
            let kept = Arc::new(parts);
            (collect::merge(Vec::clone(&kept), n), Some(kept))
        } else {
            (collect::merge(parts, n), None)
        };
        let postings = std::mem::take(&mut collected.postings);
        let scored = score::score(postings, &collected.lengths);
        let shards = shards::shards(&collected.surfaces, &scored);
        let (facets_text, years) = facet_file(articles, facets);
        let manifest = Manifest {
            version: FORMAT,
            docs: n,
            stop: words::STOP_WORDS,
            shards: shards
                .iter()
                .map(|s| (s.first.as_str(), short_hash(&s.text)))
                .collect(),
            facets: short_hash(&facets_text),
            fragments: fragments_version(config, articles),
            years,
            categories: values(facets.categories),
            parties: values(facets.parties),
            tags: values(facets.tags),
        };
        let manifest = serde_json::to_string(&manifest).expect("the manifest serialises");
        SearchIndex {
            shards,
            facets: facets_text,
            manifest,
            snippets: collected.snippets,
            parts: kept,
            pending: false,
        }
    }

    /// The hash a shard's URL carries (`?v=`), as the manifest lists it.
    pub fn shard_version(&self, k: usize) -> String {
        short_hash(&self.shards[k].text)
    }

    /// The hash the facets file's URL carries.
    pub fn facets_version(&self) -> String {
        short_hash(&self.facets)
    }
}

/// The facets file (docs/search.md) and the years it numbers.
fn facet_file(articles: &[Article], facets: &Facets<'_>) -> (String, Vec<i16>) {
    let n = articles.len();
    let mut out = String::with_capacity(n * 4);
    let wide = facets.categories.terms.len() > 32;
    for a in articles.iter().rev() {
        if wide {
            varint::push(&mut out, a.category as u32);
        } else {
            out.push(varint::LAST[a.category] as char);
        }
    }
    out.push('\n');
    let year_of = |a: &Article| a.date.date().year();
    let mut years: Vec<i16> = articles.iter().map(year_of).collect();
    years.sort_unstable();
    years.dedup();
    let mut run: Option<(usize, u32)> = None;
    for a in articles.iter().rev() {
        let y = years.binary_search(&year_of(a)).expect("listed above");
        run = match run {
            Some((year, count)) if year == y => Some((year, count + 1)),
            Some((year, count)) => {
                varint::push(&mut out, year as u32);
                varint::push(&mut out, count);
                Some((y, 1))
            }
            None => Some((y, 1)),
        };
    }
    if let Some((year, count)) = run {
        varint::push(&mut out, year as u32);
        varint::push(&mut out, count);
    }
    out.push('\n');
    for tax in [facets.parties, facets.tags] {
        debug_assert!(matches!(tax.kind, TaxonomyKind::Party | TaxonomyKind::Tag));
        for term in &tax.terms {
            let mut ids: Vec<u32> = term.articles.iter().map(|&i| doc_of(n, i) as u32).collect();
            ids.sort_unstable();
            ids.dedup();
            // A value most stories carry is smaller as a bitmap (a sixth of a
            // character per story) than as gaps (a character or more per story).
            let mut gaps = String::new();
            varint::push_ids(&mut gaps, ids.iter().copied(), |_, _| {});
            if gaps.len() > n.div_ceil(6) + 1 {
                out.push('*');
                varint::push_bitmap(&mut out, &ids, n);
            } else {
                out.push_str(&gaps);
            }
            out.push('\n');
        }
    }
    (out, years)
}
