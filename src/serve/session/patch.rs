//! The fast path of a preview rebuild: one story changed in a way that leaves the
//! site's shape as it was (the same URL, the same place in every list, the same
//! terms, pictures and outputs): its body, or what it shows (headline, dek,
//! sources, picture text). Its article is made again on its own and put in place in
//! the kept site, and the plan renders the outputs that read it; the browser may
//! reload then, while the search index takes the story's new words and its files
//! are written. Whatever this path cannot vouch for returns `None`, and
//! the session reassembles the site, where any error is told as `build` tells it.

use std::path::Path;

use super::{Outcome, Session};
use crate::article::{self, Article, ArticleId};
use crate::content::Story;
use crate::error::Result;
use crate::media;
use crate::render::kind::Family;
use crate::search::Facets;
use crate::serve::pictures::place_pictures;

impl Session {
    /// Patches the kept site for the story at `rel`, whose parse before the edit
    /// was `old`, calling `ready` once its pages are written; `None` when the edit
    /// needs the site reassembled.
    pub(super) fn patch_story(
        &mut self,
        rel: &Path,
        old: &Story,
        ready: &mut dyn FnMut(&Outcome),
    ) -> Result<Option<Outcome>> {
        let (Some(built), Some(Ok(new))) = (self.built.as_mut(), self.stories.get(rel)) else {
            return Ok(None);
        };
        if !new.front.places_like(&old.front) {
            return Ok(None);
        }
        let site = &mut built.site;
        let Some(index) = site.position(&ArticleId::of(rel)) else {
            return Ok(None);
        };
        let published = built
            .published
            .get_or_insert_with(|| article::published_index(&site.articles));
        // A story the build rejects (a broken link, a link to a draft) goes the
        // full way, where the error is reported as `build` reports it.
        let Ok(mut article) =
            article::assemble_one(&site.config, new, published, Some(&self.markdown))
        else {
            return Ok(None);
        };
        // A new headline may move the story: a slug made from it, or its place
        // among stories published at the same minute.
        if article.permalink != site.articles[index].permalink
            || !stays_in_place(&site.articles, index, &article)
        {
            return Ok(None);
        }
        // A picture that is not there goes the full way too.
        if media::attach_one(&site.config, &self.sources, &mut article).is_err() {
            return Ok(None);
        }
        site.articles[index] = article;
        // The pages first: the story's own and those that show it. The search
        // outputs (the index's files, the story's result fragment) wait for the
        // index to take the story again.
        let not_search = |family| family != Family::Search;
        let files = built
            .plan
            .patch_article_in(&built.site, &built.theme, index, &not_search)?;
        // New pictures are put in before the pages that show them; the old ones go
        // with the next full publish.
        place_pictures(&mut self.out, &self.store, &built.site, &built.plan)?;
        let mut stats = self.out.write_some(&files)?;
        ready(&Outcome::Pages(stats));
        // Then the search index, which reads every headline and body. Should the
        // new words need another number of shards, the route table changes, and
        // only reassembly plans that (the pages written stay right).
        let site = &mut built.site;
        let facets = Facets::of(&site.indexes);
        let search =
            site.indexes
                .search
                .story_changed(&site.config, &site.articles, &facets, index);
        if search.shards.len() != site.indexes.search.shards.len() {
            return Ok(None);
        }
        site.indexes.search = search;
        let files = built.plan.patch_article(&built.site, &built.theme, index)?;
        stats += self.out.write_some(&files)?;
        self.current = true;
        Ok(Some(Outcome::Pages(stats)))
    }
}

/// Whether `new`, put at position `i`, keeps the site's order with its neighbours.
fn stays_in_place(articles: &[Article], i: usize, new: &Article) -> bool {
    let before = i.checked_sub(1).map(|p| &articles[p]);
    let after = articles.get(i + 1);
    before.is_none_or(|b| article::newest_first(b, new).is_le())
        && after.is_none_or(|a| article::newest_first(new, a).is_le())
}
