//! A term's identity across builds.

use std::fmt;

use super::TaxonomyKind;
use crate::url::{Permalink, Slug};

/// A term's identity: its taxonomy and its slug, which is unique in the taxonomy
/// (`tags/a24`). It stays the same from build to build while the term's name
/// slugs the same, unlike the term's position in [`super::Taxonomy::terms`],
/// which shifts whenever a term sorting before it appears or goes. Its page's
/// path is made from it, so two terms never share a page.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TermId {
    /// The taxonomy the term belongs to.
    pub kind: TaxonomyKind,
    /// Its URL segment.
    pub slug: Slug,
}

impl TermId {
    /// The term `slug` of `kind`.
    pub fn new(kind: TaxonomyKind, slug: Slug) -> TermId {
        TermId { kind, slug }
    }

    /// The term's page: `/tags/a24/`.
    pub fn permalink(&self) -> Permalink {
        Permalink::folder(&[self.kind.segment(), self.slug.as_str()])
    }
}

impl fmt::Display for TermId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.kind.segment(), self.slug.as_str())
    }
}
