//! A story's byline as feeds and structured data carry it: each name, and for a
//! declared author the absolute URL of their page and their profile. On a site that
//! declares no authors the names are free text, with no page.

use crate::config::Author;
use crate::site::Site;

/// One name of a story's byline.
pub struct Credit<'a> {
    /// The name (the declared spelling, when declared).
    pub name: &'a str,
    /// The author page's absolute URL (declared authors only).
    pub page: Option<String>,
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
                page: None,
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
            page: Some(site.config.base_url.absolute(&terms[t].permalink)),
            // Author terms are the declared authors, in the same order.
            profile: Some(&site.config.authors[t]),
        })
        .collect()
}
