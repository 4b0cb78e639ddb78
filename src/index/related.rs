//! Related stories: ranked by shared parties, then shared tags, then same category,
//! then newer first. Candidates come from the term lists (an inverted index), so the
//! cost grows with the stories that share something, not with the square of the site.
//! A shared term counts for the thousand stories nearest in date in that term's list
//! ([`WINDOW`]), so the cost stays linear however popular a party or tag becomes.
//!
//! Each rayon worker scores all the articles it ranks in one dense array, and rayon
//! decides which articles share a worker, differently with each thread count and run.
//! So a ranking must not see anything an earlier one left in the array: every score
//! is stamped with the round (one ranking) that counted it, and a score with an
//! older stamp reads as zero. (Scores of candidates dropped from an earlier ranking used to
//! survive and hide those stories from later rankings on the same worker, so builds
//! differed between runs and thread counts.)

use rayon::prelude::*;

use super::ArticleTerms;
use super::taxonomy::Taxonomy;
use crate::article::Article;

/// At most this many related stories per article.
pub const MAX_RELATED: usize = 5;

/// A shared term counts for the stories among the `WINDOW` nearest in date (in the
/// term's list) to the story being ranked. The most popular parties and tags are in
/// a fifth of all stories; counting all of them made ranking grow with the square
/// of the archive (3.6 s of a 12 s build at 50,000 stories), and a story from years
/// away is rarely the best "related" read when a thousand closer ones share a term.
pub const WINDOW: usize = 1000;

/// The part of a term's list (article positions, ascending) that counts for
/// article `me`: the `size` positions nearest to it ([`WINDOW`] but in tests
/// that need lists longer than their window at a few dozen stories).
fn window(list: &[usize], me: usize, size: usize) -> &[usize] {
    let (start, end) = bounds(list.len(), list.partition_point(|&j| j < me), size);
    &list[start..end]
}

/// Where the window of `size` stories around the story at `at` in a list of `len`
/// stories starts and ends (half-open).
fn bounds(len: usize, at: usize, size: usize) -> (usize, usize) {
    if len <= size {
        return (0, len);
    }
    let start = at.saturating_sub(size / 2).min(len - size);
    (start, start + size)
}

/// Whether `j` is in the part of `list` that counts for `me`.
#[cfg(test)]
fn in_window(list: &[usize], me: usize, j: usize) -> bool {
    let part = window(list, me, WINDOW);
    part.binary_search(&j).is_ok()
}

/// Score weights: one shared party outweighs any number of shared tags, and one shared
/// tag outweighs the category.
const PARTY: u32 = 1 << 16;
const TAG: u32 = 1 << 8;
const CATEGORY: u32 = 1;

/// Each article's related stories, and how they were found.
#[derive(Debug, Clone, Default)]
pub struct Related {
    /// For each article, up to [`MAX_RELATED`] related articles, best first.
    pub lists: Vec<Vec<usize>>,
    /// Whether each article's ranking took the newest stories of its category
    /// because too few shared a party or tag with it: only then does its list read
    /// the category's other stories ([`related_since`]).
    pub by_category: Vec<bool>,
}

/// Ranks the related stories of every article.
pub fn related(
    articles: &[Article],
    terms: &[ArticleTerms],
    taxonomies: (&Taxonomy, &Taxonomy, &Taxonomy),
) -> Related {
    related_in(WINDOW, articles, terms, taxonomies)
}

/// [`related`] with windows of `size` stories.
fn related_in(
    size: usize,
    articles: &[Article],
    terms: &[ArticleTerms],
    taxonomies: (&Taxonomy, &Taxonomy, &Taxonomy),
) -> Related {
    let all: Vec<usize> = (0..articles.len()).collect();
    let graph = Graph::new(articles, terms, taxonomies, size);
    let (lists, by_category) = graph.rank_all(&all).into_iter().unzip();
    Related { lists, by_category }
}

impl<'a> Graph<'a> {
    fn new(
        articles: &[Article],
        terms: &'a [ArticleTerms],
        (categories, tags, parties): (&'a Taxonomy, &'a Taxonomy, &'a Taxonomy),
        window: usize,
    ) -> Graph<'a> {
        Graph {
            window,
            category: articles.iter().map(|a| a.category).collect(),
            terms,
            parties: postings(parties),
            tags: postings(tags),
            categories: postings(categories),
        }
    }

    /// Ranks the articles `which`, in parallel, each with whether it fell back on
    /// its category.
    fn rank_all(&self, which: &[usize]) -> Vec<(Vec<usize>, bool)> {
        let n = self.category.len();
        which
            .par_iter()
            .map_init(
                || Scratch::new(n),
                |scratch, &i| self.rank(scratch.round(i)),
            )
            .collect()
    }
}

fn postings(tax: &Taxonomy) -> Vec<&[usize]> {
    tax.terms.iter().map(|t| t.articles.as_slice()).collect()
}

/// What ranking reads: each article's category and terms, and each term's articles
/// (newest first).
struct Graph<'a> {
    /// How many stories of a term's list count for an article ([`WINDOW`]).
    window: usize,
    category: Vec<usize>,
    terms: &'a [ArticleTerms],
    parties: Vec<&'a [usize]>,
    tags: Vec<&'a [usize]>,
    categories: Vec<&'a [usize]>,
}

impl Graph<'_> {
    /// The related articles of the article `round` is for, best first, and
    /// whether the newest stories of its category were taken to fill the list.
    fn rank(&self, mut round: Round<'_>) -> (Vec<usize>, bool) {
        let me = round.me;
        let category = self.category[me];
        for &t in &self.terms[me].parties {
            round.add(window(self.parties[t], me, self.window), PARTY);
        }
        if let Some(best) = self.rank_among_party_sharers(&mut round) {
            return (best, false);
        }
        for &t in &self.terms[me].tags {
            round.add(window(self.tags[t], me, self.window), TAG);
        }
        // The category point goes to stories already found; stories that share
        // only the category matter just when the list is short, and then the
        // newest few are enough (the category's list is newest first).
        round.add_where(|j| self.category[j] == category, CATEGORY);
        let fell_back = round.candidates() < MAX_RELATED;
        if fell_back {
            round.add_new(self.categories[category], CATEGORY, MAX_RELATED);
        }
        (round.best(MAX_RELATED), fell_back)
    }
}

impl Graph<'_> {
    /// The score [`Graph::rank`] gives `j` when ranking `me` (0 when `j` shares no
    /// party or tag in its windows), found without walking the lists: for
    /// comparing a few stories with a ranking already made.
    fn score_of(&self, me: usize, j: usize) -> u32 {
        let shared = |mine: &[usize], theirs: &[usize], lists: &[&[usize]]| -> u32 {
            let seen = mine.iter().filter(|t| {
                theirs.contains(t)
                    && window(lists[**t], me, self.window)
                        .binary_search(&j)
                        .is_ok()
            });
            seen.count() as u32
        };
        let (mine, theirs) = (&self.terms[me], &self.terms[j]);
        let score = PARTY * shared(&mine.parties, &theirs.parties, &self.parties)
            + TAG * shared(&mine.tags, &theirs.tags, &self.tags);
        match score {
            0 => 0,
            s => s + CATEGORY * u32::from(self.category[j] == self.category[me]),
        }
    }

    /// The ranking when at least [`MAX_RELATED`] stories share a party, without
    /// walking the tag lists (the popular tags are in most stories, so walking them
    /// made this stage quadratic in practice). One shared party outweighs every
    /// tag and the category together, so only stories sharing as many parties as
    /// the fifth best can be in the result; their tags and category are compared
    /// directly. The scores, and so the result, are those of the full walk.
    fn rank_among_party_sharers(&self, round: &mut Round<'_>) -> Option<Vec<usize>> {
        let me = round.me;
        let mine = &self.terms[me].tags;
        // The argument needs tags and category to stay below one party's weight.
        if round.candidates() < MAX_RELATED || (mine.len() as u32) * TAG + CATEGORY >= PARTY {
            return None;
        }
        let fifth = round.kth_score(MAX_RELATED);
        round.retain(|score| score >= fifth);
        // Each of this story's tags counts for the stories in its window: walking
        // the windows (a thousand stories at most each) costs less than looking
        // each candidate up in them.
        for &t in mine {
            round.hit(window(self.tags[t], me, self.window));
        }
        let category = self.category[me];
        round.rescore(|j, score, shared| {
            let same = u32::from(self.category[j] == category);
            score + shared * TAG + same * CATEGORY
        });
        Some(round.best(MAX_RELATED))
    }
}

/// One worker's scratch space, reused for every article it ranks: a dense score per
/// article, the articles scored, and how many rounds it has served. Only a [`Round`]
/// reads or writes it.
struct Scratch {
    slots: Vec<Slot>,
    touched: Vec<usize>,
    /// How many of the ranked story's tags each article shares (in their windows).
    hits: Vec<Slot>,
    rounds: u64,
}

/// An article's score, stamped with the round that counted it.
#[derive(Clone, Copy)]
struct Slot {
    round: u64,
    score: u32,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        let unscored = Slot { round: 0, score: 0 };
        Scratch {
            slots: vec![unscored; n],
            touched: Vec::new(),
            hits: vec![unscored; n],
            rounds: 0,
        }
    }

    /// Starts ranking article `me` in a new round. Scores stamped in earlier rounds
    /// read as zero, so nothing an earlier ranking on this worker left behind (such
    /// as the candidates [`Round::best`] drops) can change this one, and nothing
    /// needs resetting.
    fn round(&mut self, me: usize) -> Round<'_> {
        self.rounds += 1;
        self.touched.clear();
        Round {
            me,
            round: self.rounds,
            scratch: self,
        }
    }
}

/// The ranking of one article.
struct Round<'s> {
    me: usize,
    round: u64,
    scratch: &'s mut Scratch,
}

impl Round<'_> {
    /// How many articles have a score.
    fn candidates(&self) -> usize {
        self.scratch.touched.len()
    }

    /// Whether article `j` has a score in this round.
    fn scored(&self, j: usize) -> bool {
        self.scratch.slots[j].round == self.round
    }

    fn score(&self, j: usize) -> u32 {
        if self.scored(j) {
            self.scratch.slots[j].score
        } else {
            0
        }
    }

    fn set(&mut self, j: usize, score: u32) {
        if !self.scored(j) {
            self.scratch.touched.push(j);
        }
        self.scratch.slots[j] = Slot {
            round: self.round,
            score,
        };
    }

    /// Adds `weight` to every article of `list` but this one.
    fn add(&mut self, list: &[usize], weight: u32) {
        for &j in list {
            if j != self.me {
                self.set(j, self.score(j) + weight);
            }
        }
    }

    /// Adds `weight` to the articles with a score that `keep` accepts.
    fn add_where(&mut self, keep: impl Fn(usize) -> bool, weight: u32) {
        for k in 0..self.scratch.touched.len() {
            let j = self.scratch.touched[k];
            if keep(j) {
                self.scratch.slots[j].score += weight;
            }
        }
    }

    /// Gives `weight` to up to `cap` articles from `list` that have no score yet.
    fn add_new(&mut self, list: &[usize], weight: u32, cap: usize) {
        let mut added = 0;
        for &j in list {
            if added == cap {
                break;
            }
            if j != self.me && !self.scored(j) {
                added += 1;
                self.set(j, weight);
            }
        }
    }

    /// The `k`-th highest score (from 1); there must be at least `k` candidates.
    fn kth_score(&mut self, k: usize) -> u32 {
        let Scratch { slots, touched, .. } = &mut *self.scratch;
        let (_, kth, _) =
            touched.select_nth_unstable_by(k - 1, |a, b| slots[*b].score.cmp(&slots[*a].score));
        slots[*kth].score
    }

    /// Keeps the candidates whose score `keep` accepts; the others read as zero.
    fn retain(&mut self, keep: impl Fn(u32) -> bool) {
        let Scratch { slots, touched, .. } = &mut *self.scratch;
        touched.retain(|&j| {
            let kept = keep(slots[j].score);
            if !kept {
                slots[j].round = 0;
            }
            kept
        });
    }

    /// Counts one hit for every article of `list` but this one (stamped with the
    /// round, as scores are).
    fn hit(&mut self, list: &[usize]) {
        let round = self.round;
        for &j in list {
            if j != self.me {
                let hit = &mut self.scratch.hits[j];
                if hit.round != round {
                    *hit = Slot { round, score: 0 };
                }
                hit.score += 1;
            }
        }
    }

    /// Replaces each candidate's score with `f(candidate, score, hits)`.
    fn rescore(&mut self, f: impl Fn(usize, u32, u32) -> u32) {
        let round = self.round;
        let Scratch {
            slots,
            touched,
            hits,
            ..
        } = &mut *self.scratch;
        for &j in touched.iter() {
            let hit = if hits[j].round == round {
                hits[j].score
            } else {
                0
            };
            slots[j].score = f(j, slots[j].score, hit);
        }
    }

    /// The `k` best: highest score first, ties to the newer article (lower index).
    fn best(&mut self, k: usize) -> Vec<usize> {
        let Scratch { slots, touched, .. } = &mut *self.scratch;
        let by_rank = |a: &usize, b: &usize| slots[*b].score.cmp(&slots[*a].score).then(a.cmp(b));
        if touched.len() > k {
            touched.select_nth_unstable_by(k, by_rank);
            touched.truncate(k);
        }
        touched.sort_unstable_by(by_rank);
        touched.clone()
    }
}

mod since;
#[cfg(test)]
mod tests;

pub use since::{Last, related_since};
