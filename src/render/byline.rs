//! A story's byline, the one reading of it that pages, feeds and structured data
//! share: each name, and for a declared author their term (page) and profile. On a
//! site that declares no authors the names are free text, with no page.

use crate::config::Author;
use crate::index::Term;
use crate::site::Site;

/// One name of a story's byline.
pub struct Credit<'a> {
    /// The name (the declared spelling, when declared).
    pub name: &'a str,
    /// The author's term, whose page lists their stories (declared authors only).
    pub term: Option<&'a Term>,
    /// What `[[authors]]` says about them (declared authors only).
    pub profile: Option<&'a Author>,
}

/// The byline of article `i`, in the order written.
pub fn credits(site: &Site, i: usize) -> Vec<Credit<'_>> {
    if site.config.authors.is_empty() {
        return site.articles[i]
            .authors
            .iter()
            .map(|name| Credit {
                name,
                term: None,
                profile: None,
            })
            .collect();
    }
    let terms = &site.indexes.authors.terms;
    site.indexes.article_terms[i]
        .authors
        .iter()
        .map(|&t| Credit {
            name: &terms[t].name,
            term: Some(&terms[t]),
            // Author terms are the declared authors, in the same order.
            profile: Some(&site.config.authors[t]),
        })
        .collect()
}

impl Credit<'_> {
    /// The author page's absolute URL, for feeds and JSON-LD (declared authors only).
    pub fn page(&self, site: &Site) -> Option<String> {
        self.term
            .map(|t| site.config.base_url.absolute(&t.permalink))
    }
}
