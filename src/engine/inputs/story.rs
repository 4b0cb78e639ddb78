//! What a story's card and page read, hashed: every field of the article they
//! show, and the names and links of its terms. The same values are compared with
//! the last site's to keep a story's hashes ([`super::reuse`]).

use std::hash::Hash;
use std::sync::Arc;

use super::Sink;
use crate::article::Article;
use crate::index::{TaxonomyKind, TermId};
use crate::markdown::Rendered;
use crate::render::views::Views;
use crate::site::Site;

/// Article `i`'s card, as lists show it: the hash of the card view itself, so
/// every field it has (and will have) counts.
pub(super) fn card_hash(views: &Views<'_>, i: usize) -> u128 {
    let mut s = Sink::new();
    s.hash(&views.card(i));
    s.finish()
}

/// Everything an article page shows beyond the card, its terms included.
pub(super) fn article_hash(site: &Site, i: usize) -> u128 {
    let mut s = Sink::new();
    s.hash(&shown(&site.articles[i]));
    for link in term_links(site, i) {
        s.hash(&link);
    }
    s.finish()
}

/// Every field of an article that its card or page shows, as one value: hashed
/// as the page's input, and compared with the last site's story to keep its
/// hashes ([`super::reuse`]). The fields are named one by one so that a field added to
/// [`Article`] does not compile until it is placed here.
pub(super) fn shown(article: &Article) -> impl Hash + PartialEq + '_ {
    let Article {
        id,
        source,
        slug,
        permalink,
        href,
        title,
        date,
        date_iso,
        date_display,
        updated,
        corrections,
        category,
        parties,
        tags,
        summary,
        summary_written,
        sources,
        authors,
        image,
        image_alt,
        featured,
        draft,
        aliases,
        lines: _, // where keys were written: only messages use it
        image_line: _,
        body_line: _,
        pictures,
        body,
    } = article;
    (
        (id, source, slug, permalink, href, title, date, date_iso),
        (date_display, updated, corrections, category, parties, tags),
        (summary, summary_written),
        (sources, authors, image, image_alt, featured, draft, aliases),
        (pictures, Body(body)),
    )
}

/// A rendered body as pages show it. Equal when it is the same body (the
/// Markdown cache hands an unchanged story the body it rendered before), else
/// compared field by field.
struct Body<'a>(&'a Arc<Rendered>);

impl Body<'_> {
    pub(super) fn shown(&self) -> impl Hash + PartialEq + '_ {
        let Rendered {
            html,
            toc,
            first_paragraph,
            words,
            broken_links: _, // these stop a build; they never reach a page
            unsafe_urls: _,
            dropped_html: _,
            too_deep: _,
            bad_embeds: _,
            embeds,
            images: _, // resolved into `pictures`, and into the HTML
        } = &**self.0;
        (html, toc, first_paragraph, words, embeds)
    }
}

impl PartialEq for Body<'_> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(self.0, other.0) || self.shown() == other.shown()
    }
}

impl Hash for Body<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.shown().hash(state);
    }
}

/// The terms article `i` links, by identity (its page and card show their names
/// and addresses, nothing else of them: not their counts, which every new story
/// in a term changes), by taxonomy.
pub(super) fn term_links(site: &Site, i: usize) -> impl Iterator<Item = (&TermId, &str, &str)> {
    let ix = &site.indexes;
    let at = &ix.article_terms[i];
    fn of(kind: TaxonomyKind, list: &[usize]) -> impl Iterator<Item = (TaxonomyKind, usize)> {
        list.iter().map(move |&t| (kind, t))
    }
    std::iter::once((TaxonomyKind::Category, site.articles[i].category))
        .chain(of(TaxonomyKind::Tag, &at.tags))
        .chain(of(TaxonomyKind::Party, &at.parties))
        .chain(of(TaxonomyKind::Author, &at.authors))
        .map(|(kind, t)| {
            let term = &ix.taxonomy(kind).terms[t];
            (&term.id, term.name.as_str(), term.href.as_str())
        })
}
