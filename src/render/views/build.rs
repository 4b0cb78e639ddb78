//! Building the views from the read-only site: the one place that decides what each
//! template value holds.

use std::borrow::Cow;

use super::*;
use crate::article::Article;
use crate::index::{CorrectionRef, Month, TaxonomyKind, Term, Week, Year};
use crate::render::byline::credits;
use crate::site::Site;
use crate::url::Permalink;

/// Builds views from the site; holds nothing but the borrow.
#[derive(Clone, Copy)]
pub struct Views<'a> {
    site: &'a Site,
}

impl<'a> Views<'a> {
    /// Views over a site.
    pub fn new(site: &'a Site) -> Views<'a> {
        Views { site }
    }

    /// A site path as a link (base path included).
    pub fn href(&self, link: &Permalink) -> String {
        self.site.config.base_url.href(link)
    }

    /// The `site` object.
    pub fn site(&self) -> SiteView<'a> {
        let c = &self.site.config;
        let cats = &self.site.indexes.categories;
        SiteView {
            title: &c.title,
            description: &c.description,
            language: &c.language,
            url: c.base_url.absolute(&Permalink::root()),
            base_path: c.base_url.path(),
            categories: c
                .categories
                .iter()
                .zip(&cats.terms)
                .map(|(cat, term)| CategoryView {
                    name: &cat.name,
                    url: self.href(&term.permalink),
                    description: &cat.description,
                })
                .collect(),
            nav: NavView {
                home: self.href(&Permalink::root()),
                categories: self.href(&TaxonomyKind::Category.permalink()),
                tags: self.href(&TaxonomyKind::Tag.permalink()),
                parties: self.href(&TaxonomyKind::Party.permalink()),
                authors: (!c.authors.is_empty())
                    .then(|| self.href(&TaxonomyKind::Author.permalink())),
                archive: self.href(&Permalink::folder(&["archive"])),
                digest: self.href(&Permalink::folder(&["digest"])),
                corrections: self.href(&Permalink::folder(&["corrections"])),
                search: (self.site.config.search)
                    .then(|| self.href(&Permalink::folder(&["search"]))),
            },
        }
    }

    fn term_links(&self, tax: &'a crate::index::Taxonomy, terms: &[usize]) -> Vec<LinkView<'a>> {
        terms
            .iter()
            .map(|&t| {
                let term = &tax.terms[t];
                LinkView {
                    name: &term.name,
                    url: Cow::Borrowed(&term.href),
                }
            })
            .collect()
    }

    /// A story's byline: its declared authors with their pages, or the names as
    /// written on a site that declares none.
    fn byline(&self, index: usize) -> Vec<BylineView<'a>> {
        credits(self.site, index)
            .into_iter()
            .map(|c| BylineView {
                name: c.name,
                url: c.term.map(|t| t.href.as_str()),
            })
            .collect()
    }

    /// A story card.
    pub fn card(&self, index: usize) -> StoryCard<'a> {
        let a: &'a Article = &self.site.articles[index];
        let cat = &self.site.indexes.categories.terms[a.category];
        StoryCard {
            title: &a.title,
            url: &a.href,
            category: LinkView {
                name: &cat.name,
                url: Cow::Borrowed(&cat.href),
            },
            date: DateView::published(a),
            summary: &a.summary,
            parties: self.term_links(
                &self.site.indexes.parties,
                &self.site.indexes.article_terms[index].parties,
            ),
            authors: self.byline(index),
            featured: a.featured,
            reading_minutes: a.body.reading_minutes(),
            image: a.image.as_deref(),
            image_alt: a.image_alt.as_deref(),
            thumbnail: (a.pictures.lead.as_ref()).map(|p| picture::thumbnail_view(self.site, p)),
            picture: a.pictures.lead.as_ref(),
        }
    }

    /// Cards for a list of article positions.
    pub fn cards(&self, indices: &[usize]) -> Vec<StoryCard<'a>> {
        indices.iter().map(|&i| self.card(i)).collect()
    }

    /// The whole article.
    pub fn article(&self, index: usize) -> ArticleView<'a> {
        let a: &'a Article = &self.site.articles[index];
        let n = self.site.articles.len();
        let card = self.card(index);
        let names: Vec<&str> = card.authors.iter().map(|b| b.name).collect();
        ArticleView {
            author: spoken_list(&names),
            card,
            dek: a.summary_written.then_some(a.summary.as_str()),
            content: &a.body.html,
            picture: (a.pictures.lead.as_ref()).map(|p| picture::picture_view(self.site, p)),
            tags: self.term_links(
                &self.site.indexes.tags,
                &self.site.indexes.article_terms[index].tags,
            ),
            sources: &a.sources,
            updated: a.updated.as_ref().map(DateView::of),
            modified: a.last_change().as_ref().map(DateView::of),
            corrections: a
                .corrections
                .iter()
                .map(|c| CorrectionView {
                    date: DateView::of(&c.date),
                    html: &c.html,
                })
                .collect(),
            toc: TocItem::nest(&a.body.toc),
            toc_headings: a.body.toc.len(),
            words: a.body.words,
            embeds: a.body.embeds,
            previous: (index + 1 < n).then(|| self.card(index + 1)),
            next: (index > 0).then(|| self.card(index - 1)),
            related: self.cards(&self.site.indexes.related.lists[index]),
        }
    }

    /// The corrections at these places, with their stories.
    pub fn corrections(&self, list: &[CorrectionRef]) -> Vec<CorrectionEntryView<'a>> {
        list.iter()
            .map(|r| {
                let a: &'a Article = &self.site.articles[r.article];
                let c = &a.corrections[r.note];
                CorrectionEntryView {
                    date: DateView::of(&c.date),
                    html: &c.html,
                    story: LinkView {
                        name: &a.title,
                        url: Cow::Borrowed(&a.href),
                    },
                }
            })
            .collect()
    }

    /// Term `t` of a taxonomy; an author's with their profile.
    pub fn term(&self, kind: TaxonomyKind, t: usize) -> TermView<'a> {
        let term: &'a Term = &self.site.indexes.taxonomy(kind).terms[t];
        let author = (kind == TaxonomyKind::Author).then(|| {
            // Author terms are the declared authors, in the same order.
            let a = &self.site.config.authors[t];
            AuthorView {
                bio: a.bio.as_deref(),
                avatar: a.avatar.as_deref(),
                role: a.role.as_deref(),
                url: a.url.as_deref(),
                same_as: &a.same_as,
            }
        });
        TermView {
            name: &term.name,
            url: self.href(&term.permalink),
            count: term.articles.len(),
            description: term.description.as_deref(),
            website: term.website.as_deref(),
            author,
        }
    }

    /// A taxonomy.
    pub fn taxonomy(&self, kind: TaxonomyKind) -> TaxonomyView {
        TaxonomyView {
            kind,
            title: kind.title(),
            url: self.href(&kind.permalink()),
        }
    }

    /// A month, with its first `stories` stories (none with 0, all with
    /// `usize::MAX`).
    pub fn month(&self, m: &Month, stories: usize) -> MonthView<'a> {
        MonthView {
            label: m.label(),
            name: m.name(),
            year: m.year,
            month: m.month,
            url: self.href(&m.permalink),
            count: m.articles.len(),
            stories: self.cards(&m.articles[..stories.min(m.articles.len())]),
        }
    }

    /// A year, with the first `per_month` stories of each month.
    pub fn year(&self, y: &Year, per_month: usize) -> YearView<'a> {
        let months = &self.site.indexes.archive.months;
        YearView {
            year: y.year,
            url: self.href(&y.permalink),
            count: y.count,
            months: y
                .months
                .iter()
                .map(|&i| self.month(&months[i], per_month))
                .collect(),
        }
    }

    /// A week, grouped by category when `with_stories`.
    pub fn week(&self, w: &Week, with_stories: bool) -> WeekView<'a> {
        let display = |d: jiff::civil::Date| d.strftime("%B %-d, %Y").to_string();
        let groups = if with_stories {
            self.site
                .indexes
                .categories
                .terms
                .iter()
                .enumerate()
                .filter_map(|(ci, term)| {
                    let stories: Vec<usize> = w
                        .articles
                        .iter()
                        .copied()
                        .filter(|&i| self.site.articles[i].category == ci)
                        .collect();
                    (!stories.is_empty()).then(|| DigestGroup {
                        category: LinkView {
                            name: &term.name,
                            url: Cow::Borrowed(&term.href),
                        },
                        stories: self.cards(&stories),
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        WeekView {
            label: w.label(),
            year: w.year,
            week: w.week,
            url: self.href(&w.permalink),
            start: display(w.start),
            end: display(w.end),
            count: w.articles.len(),
            groups,
        }
    }
}

/// Names as a sentence says them: "A", "A and B", "A, B and C"; `None` for none.
fn spoken_list(names: &[&str]) -> Option<String> {
    match names {
        [] => None,
        [one] => Some((*one).to_owned()),
        [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
    }
}
