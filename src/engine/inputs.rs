//! What outputs read, hashed once per site: the site-wide values (configuration,
//! templates, the `site` view), each story's card and page, each term. A generator
//! declares its reads through [`Reads`]; the hash of those reads is the output's
//! [`Fingerprint`]. Equal fingerprints mean equal bytes, so an output whose
//! fingerprint did not change since the last build is not rendered again.

mod reuse;
mod story;

use std::fmt::{self, Write as _};
use std::hash::Hash;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use crate::index::{TaxonomyKind, Term};
use crate::render::views::Views;
use crate::site::Site;
use reuse::Last;
use story::{article_hash, card_hash};

/// The hash of everything one output read. 128 bits, so two different inputs
/// giving the same fingerprint is not a practical concern across any number of
/// builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(pub u128);

/// A hasher that can be written to with `write!` and `serde_json`.
struct Sink(Xxh3);

impl fmt::Write for Sink {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn new() -> Sink {
        Sink(Xxh3::new())
    }

    /// Adds a value by its `Debug` form: every field of a type reaches it, so a
    /// field added later is hashed without anyone remembering to.
    fn debug(&mut self, value: &impl fmt::Debug) {
        let _ = write!(self, "{value:?}\u{0}");
    }

    /// Adds a value by its `Hash`, which every field reaches as well and which
    /// costs far less than `Debug` for text (no escaping): used for what is hashed
    /// per story.
    fn hash(&mut self, value: &impl Hash) {
        value.hash(&mut self.0);
    }

    fn json(&mut self, value: &impl Serialize) {
        let _ = serde_json::to_writer(&mut *self, value);
        self.0.update(b"\0");
    }

    fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

/// The hashes of a site's inputs, by what reads them.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// Configuration, templates and the `site` view every page gets.
    site: u128,
    /// Each article's card, as lists show it: the hash of the card view itself, so
    /// every field it has (and will have) counts.
    cards: Vec<u128>,
    /// Each article's page-only data: body, sources, tags, dates, byline....
    articles: Vec<u128>,
    /// Each term of each taxonomy (name, link, count, description...).
    terms: [Vec<u128>; 4],
    /// Where every article sits: URL, dates, terms; what sitemaps list.
    placement: u128,
}

impl Inputs {
    /// Hashes the inputs of `site`, whose theme's templates hash to `templates`.
    /// With `last`, the site planned before and its inputs, a story equal to what
    /// it was there (every field its card and page show, and the names and links
    /// of its terms) keeps its hashes instead of being hashed again; this only
    /// when the site-wide inputs are equal too.
    pub fn new(site: &Site, templates: u128, last: Option<(&Site, &Inputs)>) -> Inputs {
        let views = Views::new(site);
        let mut s = Sink::new();
        s.debug(&site.config);
        s.debug(&templates);
        s.json(&views.site());
        let site_hash = s.finish();
        let last = last
            .filter(|(_, inputs)| inputs.site == site_hash)
            .map(|(site, inputs)| Last::new(site, inputs));
        let terms = TaxonomyKind::ALL.map(|kind| {
            site.indexes
                .taxonomy(kind)
                .terms
                .par_iter()
                .map(term_hash)
                .collect::<Vec<_>>()
        });
        let (cards, articles) = (0..site.articles.len())
            .into_par_iter()
            .map(|i| {
                if let Some(kept) = last.as_ref().and_then(|l| l.hashes(site, i)) {
                    return kept;
                }
                (card_hash(&views, i), article_hash(site, i))
            })
            .unzip();
        let mut p = Sink::new();
        for (a, t) in site.articles.iter().zip(&site.indexes.article_terms) {
            p.hash(&(&a.permalink, &a.date, &a.updated, a.category));
            // Sitemaps give the latest correction as a page's `lastmod`.
            p.hash(&a.corrections.len());
            for c in &a.corrections {
                p.hash(&c.date);
            }
            p.hash(&(&t.parties, &t.tags, &t.authors, a.featured));
        }
        Inputs {
            site: site_hash,
            cards,
            articles,
            terms,
            placement: p.finish(),
        }
    }

    /// Forgets article `i`'s hashes and makes them again, after its body changed
    /// in place (`serve`'s fast path). Its card changes when its dek or reading
    /// time does: returns whether it did.
    pub fn refresh_article(&mut self, site: &Site, i: usize) -> bool {
        let card = card_hash(&Views::new(site), i);
        self.articles[i] = article_hash(site, i);
        std::mem::replace(&mut self.cards[i], card) != card
    }

    /// The links of the stories of `site` whose card hashes as the card of the
    /// story at the same link in `last` (the site planned before, with its
    /// inputs) did: their rendered cards stand. None when the site-wide inputs
    /// (configuration, templates) differ.
    pub fn unchanged_cards<'s>(
        &self,
        site: &'s Site,
        (last_site, last): (&Site, &Inputs),
    ) -> FxHashSet<&'s str> {
        if self.site != last.site {
            return FxHashSet::default();
        }
        let before: FxHashMap<&str, u128> = (last_site.articles.iter())
            .map(|a| a.href.as_str())
            .zip(last.cards.iter().copied())
            .collect();
        (site.articles.iter().zip(&self.cards))
            .filter(|(a, card)| before.get(a.href.as_str()) == Some(*card))
            .map(|(a, _)| a.href.as_str())
            .collect()
    }

    /// A recorder for one output's reads.
    pub fn reads(&self) -> Reads<'_> {
        let mut sink = Sink::new();
        sink.0.update(&self.site.to_le_bytes());
        Reads {
            inputs: self,
            sink,
            always: false,
            derived: false,
            stories: Vec::new(),
        }
    }
}

fn term_hash(term: &Term) -> u128 {
    let Term {
        id,
        name,
        permalink,
        href,
        articles,
        description,
        website,
        party_kind,
    } = term;
    let mut s = Sink::new();
    s.debug(&(id, name, permalink, href, articles.len()));
    s.debug(&(description, website, party_kind));
    s.finish()
}

/// Records what one output reads. Every output reads the site-wide hash; a kind
/// adds what its page shows.
pub struct Reads<'a> {
    inputs: &'a Inputs,
    sink: Sink,
    always: bool,
    derived: bool,
    /// The articles whose card or page was read, so `serve` can find the outputs
    /// that show a story whose body it patched.
    stories: Vec<u32>,
}

impl Reads<'_> {
    /// Article `i`'s card (headline, dek, date, kicker, parties...).
    pub fn card(&mut self, i: usize) {
        self.sink.0.update(&self.inputs.cards[i].to_le_bytes());
        self.stories.push(i as u32);
    }

    /// The cards of a list, in order.
    pub fn cards(&mut self, list: &[usize]) {
        self.value(&list.len());
        for &i in list {
            self.card(i);
        }
    }

    /// Everything of article `i` (its card and its page).
    pub fn article(&mut self, i: usize) {
        self.card(i);
        self.sink.0.update(&self.inputs.articles[i].to_le_bytes());
    }

    /// Term `t` of a taxonomy.
    pub fn term(&mut self, kind: TaxonomyKind, t: usize) {
        let list = &self.inputs.terms[kind as usize];
        self.sink.0.update(&list[t].to_le_bytes());
    }

    /// Every term of a taxonomy.
    pub fn terms(&mut self, kind: TaxonomyKind) {
        let list = &self.inputs.terms[kind as usize];
        self.value(&list.len());
        for h in list {
            self.sink.0.update(&h.to_le_bytes());
        }
    }

    /// Where every article sits (URLs, dates, terms) and every term: the whole
    /// route table and the dates of its pages, which is what sitemaps list.
    pub fn placement(&mut self) {
        self.sink.0.update(&self.inputs.placement.to_le_bytes());
        for kind in TaxonomyKind::ALL {
            self.terms(kind);
        }
    }

    /// A value computed from the site (a page number, a label, a count).
    pub fn value(&mut self, v: &(impl fmt::Debug + ?Sized)) {
        self.sink.debug(&v);
    }

    /// A serialisable view the page shows as it is.
    pub fn view(&mut self, v: &impl Serialize) {
        self.sink.json(v);
    }

    /// Text the index stage derived from every story at once (a search shard):
    /// hashed as it is, and the output is fingerprinted again whenever any story
    /// changes, since it reads no story on its own.
    pub fn derived(&mut self, text: &str) {
        self.sink.0.update(text.as_bytes());
        self.sink.0.update(b"\0");
        self.derived = true;
    }

    /// The output reads too much of the site to be worth tracking (a sitemap):
    /// it is rendered every time, and written only when its bytes change.
    pub fn always(&mut self) {
        self.always = true;
    }

    /// What was read.
    pub fn finish(self) -> Recorded {
        Recorded {
            fingerprint: (!self.always).then(|| Fingerprint(self.sink.finish())),
            stories: self.stories,
            derived: self.derived,
        }
    }
}

/// What one output read.
pub struct Recorded {
    /// The hash of its reads; `None` when it is made every time.
    pub fingerprint: Option<Fingerprint>,
    /// The articles whose card or page it read.
    pub stories: Vec<u32>,
    /// Whether it read something derived from every story.
    pub derived: bool,
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::Inputs;
    use crate::article::ArticleId;
    use crate::build::{BuildOptions, load_site};
    use crate::engine::tests::site_folder;

    const SITE: &str = "title = \"T\"\nbase_url = \"https://example.org/\"\n\
                        [[categories]]\nname = \"News\"\ndescription = \"All of it.\"\n";

    fn story(title: &str, date: &str) -> String {
        format!(
            "---\ntitle: {title}\ndate: {date}\ncategory: News\nparties: [A24]\n\
             tags: [research]\n---\n\nBody.\n"
        )
    }

    /// An article page shows its terms' names and links, not how many stories
    /// carry them: a new story in its party and tag leaves its hash as it was (so
    /// `serve` and cached builds do not render it again for that).
    #[test]
    fn a_terms_story_count_is_not_an_article_input() {
        let dir = site_folder(SITE);
        let root = dir.path();
        std::fs::write(root.join("content/a.md"), story("First", "2026-07-01")).unwrap();
        let hash = || {
            let site = load_site(&BuildOptions::new(root)).unwrap();
            let a = site.position(&ArticleId::of(Path::new("content/a.md")));
            let tags = site.indexes.tags.terms[0].articles.len();
            (Inputs::new(&site, 0, None).articles[a.unwrap()], tags)
        };
        let (before, tagged) = hash();
        std::fs::write(root.join("content/b.md"), story("Second", "2026-06-01")).unwrap();
        let (after, tagged_after) = hash();
        assert_eq!((tagged, tagged_after), (1, 2), "the tag's count changed");
        assert_eq!(before, after);
    }
}
