//! Taxonomies: categories, tags, parties and authors. A term is an entity with one URL, not a
//! string: spellings that differ only in case or spacing ("A24" / "a24") and aliases
//! declared in `site.toml` ("DeepMind" for "Google DeepMind") share one term; distinct
//! names whose slugs collide ("Warner Bros." / "Warner Bros") keep distinct URLs.

use std::collections::{BTreeMap, HashMap, HashSet};

use rustc_hash::FxHashMap;

use crate::article::Article;
use crate::config::{Config, PartyKind};
use crate::url::{Permalink, Slug};

mod id;
#[cfg(test)]
mod tests;

pub use id::TermId;

/// The four ways stories are classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TaxonomyKind {
    /// The one declared category of a story.
    Category,
    /// Free topic tags.
    Tag,
    /// Organisations and people a story is about.
    Party,
    /// The declared authors who wrote it (none when the site declares none).
    Author,
}

impl TaxonomyKind {
    /// All kinds, in the order the site lists them.
    pub const ALL: [TaxonomyKind; 4] = [
        TaxonomyKind::Category,
        TaxonomyKind::Tag,
        TaxonomyKind::Party,
        TaxonomyKind::Author,
    ];

    /// The URL segment: `categories`, `tags`, `parties`, `authors`.
    pub fn segment(self) -> &'static str {
        match self {
            TaxonomyKind::Category => "categories",
            TaxonomyKind::Tag => "tags",
            TaxonomyKind::Party => "parties",
            TaxonomyKind::Author => "authors",
        }
    }

    /// The heading of the list page: "Categories", "Tags", "Parties", "Authors".
    pub fn title(self) -> &'static str {
        match self {
            TaxonomyKind::Category => "Categories",
            TaxonomyKind::Tag => "Tags",
            TaxonomyKind::Party => "Parties",
            TaxonomyKind::Author => "Authors",
        }
    }

    /// Whether the site declares its terms in `site.toml` (categories, authors), so
    /// they are listed in the declared order rather than by story count.
    pub fn declared(self) -> bool {
        matches!(self, TaxonomyKind::Category | TaxonomyKind::Author)
    }

    /// The list page's path.
    pub fn permalink(self) -> Permalink {
        Permalink::folder(&[self.segment()])
    }
}

/// One term of a taxonomy and the stories that carry it.
#[derive(Debug, Clone)]
pub struct Term {
    /// Its identity: taxonomy and slug.
    pub id: TermId,
    /// The display name.
    pub name: String,
    /// Its page.
    pub permalink: Permalink,
    /// Its link (base path included), made once for every card that shows it.
    pub href: String,
    /// Indexes into the article list, newest first.
    pub articles: Vec<usize>,
    /// A description from `site.toml`, if any.
    pub description: Option<String>,
    /// The party's website, if declared.
    pub website: Option<String>,
    /// Organisation or person (parties only).
    pub party_kind: PartyKind,
}

impl Term {
    /// A term with no stories yet, its page and link made from its id.
    fn new(id: TermId, name: String, config: &Config) -> Term {
        let permalink = id.permalink();
        Term {
            href: config.base_url.href(&permalink),
            permalink,
            id,
            name,
            articles: Vec::new(),
            description: None,
            website: None,
            party_kind: PartyKind::Organization,
        }
    }
}

/// All terms of one kind, sorted by slug, with a lookup from any spelling.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// Which taxonomy this is.
    pub kind: TaxonomyKind,
    /// The terms, sorted by slug.
    pub terms: Vec<Term>,
    lookup: HashMap<String, usize>,
}

/// The key under which spellings of the same name meet: case and runs of white
/// space do not tell two terms apart.
pub fn fold_term(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Taxonomy {
    /// The term a name (or alias) written in front-matter belongs to.
    pub fn term_index(&self, name: &str) -> Option<usize> {
        self.lookup.get(&fold_term(name)).copied()
    }

    /// The term for a name, if it exists.
    pub fn term(&self, name: &str) -> Option<&Term> {
        self.term_index(name).map(|i| &self.terms[i])
    }

    /// Builds the category taxonomy: one term per declared category, in declared order.
    pub fn categories(config: &Config, articles: &[Article]) -> Taxonomy {
        let mut terms: Vec<Term> = config
            .categories
            .iter()
            .map(|c| Term {
                description: Some(c.description.clone()),
                ..Term::new(
                    TermId::new(TaxonomyKind::Category, c.slug.clone()),
                    c.name.clone(),
                    config,
                )
            })
            .collect();
        for (i, a) in articles.iter().enumerate() {
            terms[a.category].articles.push(i);
        }
        let lookup = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (fold_term(&t.name), i))
            .collect();
        Taxonomy {
            kind: TaxonomyKind::Category,
            terms,
            lookup,
        }
    }

    /// Builds the author taxonomy: one term per declared author, in declared order
    /// (the term's position is the author's in [`Config::authors`]); no term at all
    /// when the site declares none, whose bylines are free text.
    pub fn authors(config: &Config, articles: &[Article]) -> Taxonomy {
        let mut terms: Vec<Term> = config
            .authors
            .iter()
            .map(|a| Term {
                website: a.url.clone(),
                party_kind: PartyKind::Person,
                ..Term::new(
                    TermId::new(TaxonomyKind::Author, a.slug.clone()),
                    a.name.clone(),
                    config,
                )
            })
            .collect();
        let lookup: HashMap<String, usize> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (fold_term(&t.name), i))
            .collect();
        for (i, a) in articles.iter().enumerate() {
            for name in &a.authors {
                if let Some(&t) = lookup.get(&fold_term(name))
                    && terms[t].articles.last() != Some(&i)
                {
                    terms[t].articles.push(i);
                }
            }
        }
        Taxonomy {
            kind: TaxonomyKind::Author,
            terms,
            lookup,
        }
    }

    /// Builds the tag or party taxonomy from the names stories use.
    pub fn from_names(kind: TaxonomyKind, config: &Config, articles: &[Article]) -> Taxonomy {
        fn names_of(kind: TaxonomyKind, a: &Article) -> &[String] {
            match kind {
                TaxonomyKind::Tag => &a.tags,
                _ => &a.parties,
            }
        }
        // Canonical names: declared parties and their aliases first.
        let mut canonical: HashMap<String, String> = HashMap::new();
        let mut declared: HashMap<String, &crate::config::PartyInfo> = HashMap::new();
        if kind == TaxonomyKind::Party {
            for p in &config.parties {
                canonical.insert(fold_term(&p.name), p.name.clone());
                declared.insert(fold_term(&p.name), p);
                for alias in &p.aliases {
                    canonical.insert(fold_term(alias), p.name.clone());
                }
            }
        }
        // Group articles by canonical key; count spellings to pick a display name.
        // Stories repeat a few hundred spellings, so each is folded once: a group
        // by number, and a count, per spelling as written.
        let mut spellings: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
        let mut keys: FxHashMap<String, usize> = FxHashMap::default();
        let mut lists: Vec<Vec<usize>> = Vec::new();
        for (i, a) in articles.iter().enumerate() {
            for name in names_of(kind, a) {
                let (group, count) = spellings.entry(name).or_insert_with(|| {
                    let k = fold_term(name);
                    let k = canonical.get(&k).map_or(k, |c| fold_term(c));
                    let next = keys.len();
                    let group = *keys.entry(k).or_insert(next);
                    if group == lists.len() {
                        lists.push(Vec::new());
                    }
                    (group, 0)
                });
                *count += 1;
                let list = &mut lists[*group];
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        let mut spelled: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); lists.len()];
        for (name, (group, count)) in spellings {
            spelled[group].insert(name.to_owned(), count);
        }
        let mut lists: Vec<Option<Vec<usize>>> = lists.into_iter().map(Some).collect();
        let groups: BTreeMap<String, (Vec<usize>, BTreeMap<String, usize>)> = keys
            .into_iter()
            .map(|(k, g)| {
                let list = lists[g].take().expect("one key a group");
                (k, (list, std::mem::take(&mut spelled[g])))
            })
            .collect();
        let mut named: Vec<(String, String, Vec<usize>, Vec<String>)> = groups
            .into_iter()
            .map(|(k, (arts, spellings))| {
                let display = canonical.get(&k).cloned().unwrap_or_else(|| {
                    // Most used spelling wins; ties go to the first in order.
                    let max = spellings.values().copied().max().unwrap_or(0);
                    spellings
                        .iter()
                        .find(|(_, n)| **n == max)
                        .map(|(s, _)| s.clone())
                        .unwrap_or_default()
                });
                let spelled: Vec<String> = spellings.into_keys().collect();
                (k, display, arts, spelled)
            })
            .collect();
        named.sort_by(|a, b| a.1.cmp(&b.1));
        let bases: Vec<Slug> = named
            .iter()
            .map(|(_, display, _, _)| {
                Slug::for_term(display).unwrap_or_else(|| Slug::parse("term").expect("valid slug"))
            })
            .collect();
        // Every base slug is reserved up front, so a suffixed "x-2" never takes the
        // URL of a term whose own name slugs to "x-2".
        let mut taken: HashSet<Slug> = bases.iter().cloned().collect();
        let mut first_use: HashSet<Slug> = HashSet::new();
        let mut terms: Vec<(Term, String, Vec<String>)> = Vec::with_capacity(named.len());
        for ((k, display, arts, spelled), base) in named.into_iter().zip(bases) {
            let slug = if first_use.insert(base.clone()) {
                base
            } else {
                let slug = (2..)
                    .map(|n| base.with_suffix(n))
                    .find(|s| !taken.contains(s))
                    .expect("an unused suffix exists");
                taken.insert(slug.clone());
                slug
            };
            let info = declared.get(&k);
            terms.push((
                Term {
                    articles: arts,
                    description: info.and_then(|p| p.description.clone()),
                    website: info.and_then(|p| p.website.clone()),
                    party_kind: info.map_or(PartyKind::Organization, |p| p.kind),
                    ..Term::new(TermId::new(kind, slug), display, config)
                },
                k,
                spelled,
            ));
        }
        terms.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        let mut lookup = HashMap::new();
        for (i, (_, k, spelled)) in terms.iter().enumerate() {
            lookup.insert(k.clone(), i);
            for s in spelled {
                lookup.insert(fold_term(s), i);
            }
        }
        if kind == TaxonomyKind::Party {
            for (alias_key, name) in &canonical {
                if let Some(&i) = lookup.get(&fold_term(name)) {
                    lookup.entry(alias_key.clone()).or_insert(i);
                }
            }
        }
        let terms = terms.into_iter().map(|(t, _, _)| t).collect();
        Taxonomy {
            kind,
            terms,
            lookup,
        }
    }
}
