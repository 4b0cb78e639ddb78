//! The last site's story hashes, kept for the stories an edit left as they were.
//! `serve` assembles the whole site again after an edit that moves a story (its
//! date, category, parties) or adds one, yet every other story shows what it
//! showed: hashing all 10,000 cards and pages again cost 15-17 ms of a category
//! edit's 150. A story keeps its hashes only when everything they were made from
//! is equal: the fields [`shown`] lists, the names and links of its terms, and
//! (checked by the caller) the site-wide inputs, configuration and templates.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::Inputs;
use super::story::{shown, term_links};
use crate::article::ArticleId;
use crate::site::Site;

/// The site planned before, with its inputs.
pub(super) struct Last<'a> {
    site: &'a Site,
    inputs: &'a Inputs,
    /// Its stories by identity, made the first time a story is not at the same
    /// position as before (an edit that only changes a story keeps them all).
    at: OnceLock<FxHashMap<&'a ArticleId, usize>>,
}

impl<'a> Last<'a> {
    pub(super) fn new(site: &'a Site, inputs: &'a Inputs) -> Last<'a> {
        Last {
            site,
            inputs,
            at: OnceLock::new(),
        }
    }

    /// The card and page hashes article `i` of `site` had in the last site, when
    /// it was there and nothing they were made from changed.
    pub(super) fn hashes(&self, site: &Site, i: usize) -> Option<(u128, u128)> {
        let id = &site.articles[i].id;
        let j = match self.site.articles.get(i) {
            Some(a) if a.id == *id => i,
            _ => *self.positions().get(id)?,
        };
        let same = shown(&site.articles[i]) == shown(&self.site.articles[j])
            && term_links(site, i).eq(term_links(self.site, j));
        same.then(|| (self.inputs.cards[j], self.inputs.articles[j]))
    }

    fn positions(&self) -> &FxHashMap<&'a ArticleId, usize> {
        self.at.get_or_init(|| {
            let articles = &self.site.articles;
            articles
                .iter()
                .enumerate()
                .map(|(j, a)| (&a.id, j))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::Last;
    use crate::article::ArticleId;
    use crate::build::{BuildOptions, load_site};
    use crate::engine::Inputs;
    use crate::engine::tests::site_folder;
    use crate::site::Site;

    const SITE: &str = "title = \"T\"\nbase_url = \"https://example.org/\"\n\
                        [[categories]]\nname = \"News\"\ndescription = \"All.\"\n";

    fn write(root: &Path, name: &str, date: &str, tag: &str) {
        let text = format!(
            "---\ntitle: Story {name}\ndate: {date}\ncategory: News\nparties: [A24]\n\
             tags: [{tag}]\n---\n\nBody of {name}.\n"
        );
        std::fs::write(root.join(format!("content/{name}.md")), text).unwrap();
    }

    fn at(site: &Site, name: &str) -> usize {
        let id = ArticleId::of(Path::new(&format!("content/{name}.md")));
        site.position(&id).unwrap()
    }

    /// One story moves to the top and takes another spelling of its tag, which
    /// becomes the tag's name (the most written spelling wins): stories that did
    /// not change but link that tag must be hashed again, the one story whose tag
    /// is another keeps its hashes from its new position, and every hash equals
    /// hashing the site afresh.
    #[test]
    fn a_story_keeps_its_hashes_only_when_nothing_it_shows_changed() {
        let dir = site_folder(SITE);
        let root = dir.path();
        write(root, "a", "2026-07-01", "ai");
        write(root, "d", "2026-06-15", "film");
        write(root, "b", "2026-06-01", "ai");
        write(root, "c", "2026-05-01", "AI");
        let load = || load_site(&BuildOptions::new(root)).unwrap();
        let old = load();
        let old_inputs = Inputs::new(&old, 0, None);
        write(root, "b", "2026-08-01", "AI");
        let new = load();
        assert_eq!(
            new.indexes.tags.terms[0].name, "AI",
            "the tag took b's spelling"
        );
        assert_ne!(at(&old, "d"), at(&new, "d"), "d is elsewhere in the list");

        let last = Last::new(&old, &old_inputs);
        let kept = |name| last.hashes(&new, at(&new, name)).is_some();
        assert!(kept("d"), "d shows what it showed");
        for name in ["a", "b", "c"] {
            assert!(!kept(name), "{name} shows the tag's new name");
        }
        let reused = Inputs::new(&new, 0, Some((&old, &old_inputs)));
        let fresh = Inputs::new(&new, 0, None);
        assert_eq!(reused.cards, fresh.cards);
        assert_eq!(reused.articles, fresh.articles);
    }
}
