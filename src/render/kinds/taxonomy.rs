//! Taxonomy pages: the list of a taxonomy's terms (`/tags/`) and each term's
//! paginated stories (`/tags/runway/`, `/tags/runway/page/2/`).

use crate::content::PubDate;
use crate::engine::Reads;
use crate::error::Result;
use crate::index::TaxonomyKind;
use crate::render::context::{Cx, kind_noun};
use crate::render::kind::{Generator, Key, Route, newest};
use crate::render::metadata::{About, PageText};
use crate::render::routes::{page_count, page_permalink, page_slice};
use crate::site::Site;
use crate::url::Permalink;

/// The list of one taxonomy's terms.
pub struct TermList(pub TaxonomyKind);

/// The pages of every term of one taxonomy.
pub struct TermPages(pub TaxonomyKind);

impl Generator for TermList {
    fn name(&self) -> &'static str {
        match self.0 {
            TaxonomyKind::Category => "category-list",
            TaxonomyKind::Tag => "tag-list",
            TaxonomyKind::Party => "party-list",
            TaxonomyKind::Author => "author-list",
        }
    }

    /// The list page; none of authors on a site that declares none (its bylines
    /// are free text, with no pages to list).
    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        if self.0 == TaxonomyKind::Author && site.config.authors.is_empty() {
            return Vec::new();
        }
        vec![Key::Single]
    }

    fn permalink(&self, _: &Site, _: &Key) -> Permalink {
        self.0.permalink()
    }

    fn reads(&self, _: &Site, _: &Key, reads: &mut Reads<'_>) {
        reads.terms(self.0);
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let kind = self.0;
        let site = cx.site;
        let all = &site.indexes.taxonomy(kind).terms;
        let mut terms: Vec<usize> = (0..all.len()).collect();
        if !kind.declared() {
            terms.sort_by(|&a, &b| {
                let (a, b) = (&all[a], &all[b]);
                b.articles
                    .len()
                    .cmp(&a.articles.len())
                    .then(a.name.cmp(&b.name))
            });
        }
        let text = PageText {
            title: kind.title().to_owned(),
            description: format!(
                "Every {} on {}, with {} stories.",
                kind_noun(kind),
                site.config.title,
                if kind == TaxonomyKind::Author {
                    "their"
                } else {
                    "its"
                }
            ),
            kind: "taxonomy",
        };
        let mut ctx = cx.page(route, text, About::Taxonomy(kind));
        ctx.insert("taxonomy", &cx.views.taxonomy(kind));
        let terms: Vec<_> = terms.into_iter().map(|t| cx.views.term(kind, t)).collect();
        ctx.insert("terms", &terms);
        cx.template("taxonomy_list.html", &ctx, route)
    }

    fn is_page(&self) -> bool {
        true
    }
}

fn term_page(key: &Key) -> (usize, usize) {
    match key {
        Key::ItemPage(t, p) => (*t, *p),
        other => unreachable!("term routes are item pages, not {other:?}"),
    }
}

impl Generator for TermPages {
    fn name(&self) -> &'static str {
        match self.0 {
            TaxonomyKind::Category => "category-page",
            TaxonomyKind::Tag => "tag-page",
            TaxonomyKind::Party => "party-page",
            TaxonomyKind::Author => "author-page",
        }
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        let per = site.config.paginate_by;
        let tax = site.indexes.taxonomy(self.0);
        let mut keys = Vec::new();
        for (t, term) in tax.terms.iter().enumerate() {
            let pages = page_count(term.articles.len(), per);
            keys.extend((1..=pages).map(|p| Key::ItemPage(t, p)));
        }
        keys
    }

    fn permalink(&self, site: &Site, key: &Key) -> Permalink {
        let (t, p) = term_page(key);
        page_permalink(&site.indexes.taxonomy(self.0).terms[t].permalink, p)
    }

    fn reads(&self, site: &Site, key: &Key, reads: &mut Reads<'_>) {
        let (t, p) = term_page(key);
        reads.value(&p);
        reads.term(self.0, t);
        let term = &site.indexes.taxonomy(self.0).terms[t];
        reads.cards(page_slice(site, &term.articles, p));
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let (t, p) = term_page(&route.key);
        let kind = self.0;
        let site = cx.site;
        let term = &site.indexes.taxonomy(kind).terms[t];
        let mut title = term.name.clone();
        if p > 1 {
            title.push_str(&format!(" (page {p})"));
        }
        let about = if kind == TaxonomyKind::Author {
            "by"
        } else {
            "about"
        };
        let description = term
            .description
            .clone()
            .unwrap_or_else(|| format!("Stories {about} {} on {}.", term.name, site.config.title));
        let text = PageText {
            title,
            description,
            kind: "term",
        };
        let mut ctx = cx.page(route, text, About::Term(kind, t));
        ctx.insert("taxonomy", &cx.views.taxonomy(kind));
        ctx.insert("term", &cx.views.term(kind, t));
        ctx.insert(
            "stories",
            &cx.card_views(page_slice(site, &term.articles, p)),
        );
        ctx.insert(
            "pagination",
            &cx.pagination(&term.permalink, p, term.articles.len()),
        );
        cx.template("term.html", &ctx, route)
    }

    fn is_page(&self) -> bool {
        true
    }

    fn last_modified(&self, site: &Site, key: &Key) -> Option<PubDate> {
        let (t, p) = term_page(key);
        let term = &site.indexes.taxonomy(self.0).terms[t];
        newest(site, page_slice(site, &term.articles, p))
    }
}
