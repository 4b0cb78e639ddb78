//! Related stories after an edit (`serve`), from the last site's rankings. A
//! ranking reads the article's own terms and category, the windows of the lists of
//! the parties and tags it carries (which stories, in what order), the categories
//! of the stories found there, and, only when fewer than [`MAX_RELATED`] were
//! found, the list of its category. A story that is added, removed, or changed in
//! any of what ranking reads (date, headline and file, which order the lists;
//! category; parties; tags) has moved.
//!
//! An article none of whose windows holds a moved story, in the last site or now,
//! counts the same stories as before ([`reach`] says why), so it ranks as it did
//! with positions moved: its list is the last one, mapped through the stories'
//! ids. Where its windows hold a moved story, only the moved stories' scores and
//! those of a few stories at its windows' ends can have changed: when none of its
//! last related stories is among them, the new list is the best of the last one
//! and those, each scored on its own ([`super::Graph::score_of`]). The rest are
//! ranked again. A date edit at 10,000 stories so ranks again a few dozen
//! articles, where it ranked again every article sharing a term with the story.
//! `since/tests.rs` checks the result against ranking afresh past the window, with
//! the real window at 2,400 stories and with windows of two to seven stories after
//! random edits of every kind; `tests/integration/incremental.rs` against full
//! builds after random edits of every kind, on sites whose lists are shorter than
//! the window.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Graph, MAX_RELATED, Related, WINDOW};
use crate::article::{Article, ArticleId};
use crate::index::taxonomy::Taxonomy;
use crate::index::{ArticleTerms, Indexes};
use reach::{Lists, Reach};

mod reach;
#[cfg(test)]
mod tests;

/// The last site, as ranking after an edit reads it: its articles, their
/// rankings, and the term lists those rankings read.
#[derive(Clone, Copy)]
pub struct Last<'a> {
    /// The last site's articles, newest first.
    pub articles: &'a [Article],
    /// Their related stories.
    pub related: &'a Related,
    /// Its tags and parties (positions into `articles`).
    pub tags: &'a Taxonomy,
    /// See `tags`.
    pub parties: &'a Taxonomy,
}

impl<'a> Last<'a> {
    /// The last site's rankings and term lists, from its articles and indexes.
    pub fn of(articles: &'a [Article], indexes: &'a Indexes) -> Last<'a> {
        Last {
            articles,
            related: &indexes.related,
            tags: &indexes.tags,
            parties: &indexes.parties,
        }
    }
}

/// Compared with this many moved stories or more, each article is ranked again
/// rather than checked (a checkout of many stories, not a writer's edit).
const MOST_MOVED: usize = 64;

/// [`super::related`] for `articles`, given the last site: equal to ranking every
/// article again.
pub fn related_since(
    last: Last<'_>,
    articles: &[Article],
    terms: &[ArticleTerms],
    taxonomies: (&Taxonomy, &Taxonomy, &Taxonomy),
) -> Related {
    related_since_in(WINDOW, last, articles, terms, taxonomies)
}

/// [`related_since`] with windows of `size` stories, as [`super::related_in`].
fn related_since_in(
    size: usize,
    last: Last<'_>,
    articles: &[Article],
    terms: &[ArticleTerms],
    (categories, tags, parties): (&Taxonomy, &Taxonomy, &Taxonomy),
) -> Related {
    let (old, ranked) = (last.articles, last.related);
    let now: FxHashMap<&ArticleId, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.id, i))
        .collect();
    // Each story's position in the other site, looked up by id once: the lists
    // carried over are mapped through these.
    let to_now: Vec<Option<usize>> = old.iter().map(|o| now.get(&o.id).copied()).collect();
    let mut to_then: Vec<Option<usize>> = vec![None; articles.len()];
    let mut moved_then = vec![false; old.len()];
    let mut moved_now = vec![true; articles.len()];
    for (p, o) in old.iter().enumerate() {
        match to_now[p] {
            None => moved_then[p] = true,
            Some(q) => {
                to_then[q] = Some(p);
                moved_now[q] = !ranks_alike(o, &articles[q]);
                moved_then[p] = moved_now[q];
            }
        }
    }
    let moved: Vec<usize> = (0..articles.len()).filter(|&q| moved_now[q]).collect();
    let mut reach = vec![Reach::Untouched; articles.len()];
    for &q in &moved {
        reach[q] = Reach::Again;
    }
    let versions = (0..old.len())
        .filter(|&p| moved_then[p])
        .map(|p| &old[p])
        .chain(moved.iter().map(|&q| &articles[q]));
    let touched = touched_lists(versions, (last.tags, last.parties), (tags, parties));
    for (list_then, list_now) in touched {
        let lists = Lists {
            window: size,
            then: list_then,
            now: list_now,
            moved_then: &moved_then,
            moved_now: &moved_now,
        };
        reach::walk(&lists, &mut reach);
    }
    // The newest stories of a category fill the rankings that found too few: a
    // moved story of that category can change those.
    let touched_categories: FxHashSet<usize> = (0..old.len())
        .filter(|&p| moved_then[p])
        .map(|p| old[p].category)
        .chain(moved.iter().map(|&q| articles[q].category))
        .collect();
    for &k in &touched_categories {
        for &q in &categories.terms[k].articles {
            // Moved stories rank again already, so the others have a last ranking.
            if to_then[q].is_some_and(|p| !moved_now[q] && ranked.by_category[p]) {
                reach[q] = Reach::Again;
            }
        }
    }
    let graph = Graph::new(articles, terms, (categories, tags, parties), size);
    let mut lists = vec![Vec::new(); articles.len()];
    let mut by_category = vec![false; articles.len()];
    let mut again: Vec<usize> = Vec::new();
    for q in 0..articles.len() {
        let p = match reach[q] {
            Reach::Again => None,
            _ => to_then[q],
        };
        let Some(p) = p else {
            again.push(q);
            continue;
        };
        // The last list, through the stories' ids; none of it has moved unless a
        // moved story was in it.
        let list: Option<Vec<usize>> = ranked.lists[p]
            .iter()
            .map(|&j| to_now[j].filter(|_| !moved_then[j]))
            .collect();
        let found = match (&reach[q], list) {
            (Reach::Untouched, Some(list)) => Some((list, ranked.by_category[p])),
            (Reach::Check(shifted), Some(list))
                if !ranked.by_category[p] && moved.len() < MOST_MOVED =>
            {
                best_of(&graph, q, list, moved.iter().chain(shifted)).map(|l| (l, false))
            }
            // Unreachable for an untouched article by the argument above; ranking
            // again is always right.
            _ => None,
        };
        match found {
            Some((list, fell_back)) => {
                lists[q] = list;
                by_category[q] = fell_back;
            }
            None => again.push(q),
        }
    }
    for (&q, (list, fell_back)) in again.iter().zip(graph.rank_all(&again)) {
        lists[q] = list;
        by_category[q] = fell_back;
    }
    Related { lists, by_category }
}

/// The ranking of `me` from its last one (`last`, positions now, none of them
/// moved) and the stories whose scores may have changed (`rescored`), or `None`
/// when it has to be ranked again.
///
/// The stories not rescored have the scores and order they had, so the last
/// related stories are still the best of them; the new list is the best of those
/// and the rescored. That needs the last list to have been full, and none of it to
/// be rescored (its next best is not known).
fn best_of<'a>(
    graph: &Graph<'_>,
    me: usize,
    last: Vec<usize>,
    rescored: impl Iterator<Item = &'a usize>,
) -> Option<Vec<usize>> {
    let rescored: Vec<usize> = rescored.copied().filter(|&j| j != me).collect();
    if last.len() < MAX_RELATED || last.iter().any(|j| rescored.contains(j)) {
        return None;
    }
    let rescored: Vec<(u32, usize)> = (rescored.iter())
        .map(|&j| (graph.score_of(me, j), j))
        .filter(|&(score, _)| score > 0)
        .collect();
    // Ranked by score, then the newer story first.
    let fifth = (
        graph.score_of(me, last[MAX_RELATED - 1]),
        last[MAX_RELATED - 1],
    );
    let beats = |a: &(u32, usize), b: &(u32, usize)| a.0 > b.0 || (a.0 == b.0 && a.1 < b.1);
    if !rescored.iter().any(|r| beats(r, &fifth)) {
        return Some(last);
    }
    let mut scored: Vec<(u32, usize)> = (last.iter())
        .map(|&j| (graph.score_of(me, j), j))
        .chain(rescored)
        .collect();
    scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.dedup_by_key(|s| s.1);
    Some(scored.iter().take(MAX_RELATED).map(|s| s.1).collect())
}

/// A site's tags and parties.
type Terms<'t> = (&'t Taxonomy, &'t Taxonomy);

/// The party and tag lists that hold a moved story (`moved`: both versions of each),
/// each as the last site's list and the new one (empty where the term is not).
fn touched_lists<'t>(
    moved: impl Iterator<Item = &'t Article>,
    (tags_then, parties_then): Terms<'t>,
    (tags_now, parties_now): Terms<'t>,
) -> Vec<(&'t [usize], &'t [usize])> {
    let mut seen: FxHashSet<(bool, Option<usize>, Option<usize>)> = FxHashSet::default();
    let mut out = Vec::new();
    for a in moved {
        let kinds = [
            (true, &a.parties, (parties_then, parties_now)),
            (false, &a.tags, (tags_then, tags_now)),
        ];
        for (party, names, (then, now)) in kinds {
            for name in names {
                let key = (party, then.term_index(name), now.term_index(name));
                if seen.insert(key) {
                    let list = |tax: &'t Taxonomy, t: Option<usize>| -> &'t [usize] {
                        t.map_or(&[], |t| &tax.terms[t].articles)
                    };
                    out.push((list(then, key.1), list(now, key.2)));
                }
            }
        }
    }
    out
}

/// Whether two versions of a story rank and are ranked alike: the same place in
/// the order and the same terms. It compares the whole key of
/// [`crate::article::newest_first`], so the stories that did not move keep their
/// order, which [`reach`] relies on.
fn ranks_alike(a: &Article, b: &Article) -> bool {
    a.date.timestamp == b.date.timestamp
        && a.title == b.title
        && a.source == b.source
        && a.category == b.category
        && a.parties == b.parties
        && a.tags == b.tags
}
