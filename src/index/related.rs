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
/// article `me`: the [`WINDOW`] positions nearest to it.
fn window(list: &[usize], me: usize) -> &[usize] {
    if list.len() <= WINDOW {
        return list;
    }
    let at = list.partition_point(|&j| j < me);
    let start = at.saturating_sub(WINDOW / 2).min(list.len() - WINDOW);
    &list[start..start + WINDOW]
}

/// Whether `j` is in the part of `list` that counts for `me`.
fn in_window(list: &[usize], me: usize, j: usize) -> bool {
    let part = window(list, me);
    part.binary_search(&j).is_ok()
}

/// Score weights: one shared party outweighs any number of shared tags, and one shared
/// tag outweighs the category.
const PARTY: u32 = 1 << 16;
const TAG: u32 = 1 << 8;
const CATEGORY: u32 = 1;

/// For each article, up to [`MAX_RELATED`] related articles, best first.
pub fn related(
    articles: &[Article],
    terms: &[ArticleTerms],
    categories: &Taxonomy,
    tags: &Taxonomy,
    parties: &Taxonomy,
) -> Vec<Vec<usize>> {
    let graph = Graph {
        category: articles.iter().map(|a| a.category).collect(),
        terms,
        parties: postings(parties),
        tags: postings(tags),
        categories: postings(categories),
    };
    (0..articles.len())
        .into_par_iter()
        .map_init(
            || Scratch::new(articles.len()),
            |scratch, i| graph.rank(scratch.round(i)),
        )
        .collect()
}

fn postings(tax: &Taxonomy) -> Vec<&[usize]> {
    tax.terms.iter().map(|t| t.articles.as_slice()).collect()
}

/// What ranking reads: each article's category and terms, and each term's articles
/// (newest first).
struct Graph<'a> {
    category: Vec<usize>,
    terms: &'a [ArticleTerms],
    parties: Vec<&'a [usize]>,
    tags: Vec<&'a [usize]>,
    categories: Vec<&'a [usize]>,
}

impl Graph<'_> {
    /// The related articles of the article `round` is for, best first.
    fn rank(&self, mut round: Round<'_>) -> Vec<usize> {
        let me = round.me;
        let category = self.category[me];
        for &t in &self.terms[me].parties {
            round.add(window(self.parties[t], me), PARTY);
        }
        if let Some(best) = self.rank_among_party_sharers(&mut round) {
            return best;
        }
        for &t in &self.terms[me].tags {
            round.add(window(self.tags[t], me), TAG);
        }
        // The category point goes to stories already found; stories that share
        // only the category matter just when the list is short, and then the
        // newest few are enough (the category's list is newest first).
        round.add_where(|j| self.category[j] == category, CATEGORY);
        if round.candidates() < MAX_RELATED {
            round.add_new(self.categories[category], CATEGORY, MAX_RELATED);
        }
        round.best(MAX_RELATED)
    }
}

impl Graph<'_> {
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
        let category = self.category[me];
        round.rescore(|j, score| {
            let shared = self.terms[j]
                .tags
                .iter()
                .filter(|&&t| mine.contains(&t) && in_window(self.tags[t], me, j))
                .count() as u32;
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

    /// Replaces each candidate's score with `f(candidate, score)`.
    fn rescore(&mut self, f: impl Fn(usize, u32) -> u32) {
        let Scratch { slots, touched, .. } = &mut *self.scratch;
        for &j in touched.iter() {
            slots[j].score = f(j, slots[j].score);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A site as each article's (category, parties, tags), article 0 the newest, with
    /// the term lists an index would hold.
    struct Site {
        category: Vec<usize>,
        terms: Vec<ArticleTerms>,
        parties: Vec<Vec<usize>>,
        tags: Vec<Vec<usize>>,
        categories: Vec<Vec<usize>>,
    }

    fn lists(of: impl Iterator<Item = Vec<usize>>) -> Vec<Vec<usize>> {
        let mut lists: Vec<Vec<usize>> = Vec::new();
        for (i, terms) in of.enumerate() {
            for t in terms {
                if lists.len() <= t {
                    lists.resize(t + 1, Vec::new());
                }
                lists[t].push(i);
            }
        }
        lists
    }

    impl Site {
        fn new(articles: &[(usize, Vec<usize>, Vec<usize>)]) -> Site {
            Site {
                category: articles.iter().map(|a| a.0).collect(),
                terms: articles
                    .iter()
                    .map(|a| ArticleTerms {
                        parties: a.1.clone(),
                        tags: a.2.clone(),
                    })
                    .collect(),
                parties: lists(articles.iter().map(|a| a.1.clone())),
                tags: lists(articles.iter().map(|a| a.2.clone())),
                categories: lists(articles.iter().map(|a| vec![a.0])),
            }
        }

        fn graph(&self) -> Graph<'_> {
            fn slices(v: &[Vec<usize>]) -> Vec<&[usize]> {
                v.iter().map(Vec::as_slice).collect()
            }
            Graph {
                category: self.category.clone(),
                terms: &self.terms,
                parties: slices(&self.parties),
                tags: slices(&self.tags),
                categories: slices(&self.categories),
            }
        }

        /// Every article ranked on one scratch space, as one rayon worker ranks a
        /// run of articles: in order, then in reverse (each article a second time).
        /// Returns the rankings of each pass by article.
        fn rank_on_one_worker(&self) -> [Vec<Vec<usize>>; 2] {
            let (graph, n) = (self.graph(), self.category.len());
            let mut scratch = Scratch::new(n);
            let forward = (0..n).map(|i| graph.rank(scratch.round(i))).collect();
            let mut reverse: Vec<_> = (0..n).rev().map(|i| graph.rank(scratch.round(i))).collect();
            reverse.reverse();
            [forward, reverse]
        }

        /// The ranking from its definition, comparing every pair of articles.
        fn reference(&self, me: usize) -> Vec<usize> {
            let n = self.category.len();
            // A shared term counts when the other story is in the term's window.
            let shared = |a: &[usize], b: &[usize], lists: &[Vec<usize>], j: usize| {
                a.iter()
                    .filter(|&&t| b.contains(&t) && in_window(&lists[t], me, j))
                    .count()
            };
            let (mine, same) = (&self.terms[me], |j: usize| {
                self.category[j] == self.category[me]
            });
            let mut scored: Vec<(u32, usize)> = (0..n)
                .filter(|&j| j != me)
                .filter_map(|j| {
                    let them = &self.terms[j];
                    let s = PARTY * shared(&mine.parties, &them.parties, &self.parties, j) as u32
                        + TAG * shared(&mine.tags, &them.tags, &self.tags, j) as u32;
                    (s > 0).then(|| (s + if same(j) { CATEGORY } else { 0 }, j))
                })
                .collect();
            if scored.len() < MAX_RELATED {
                let fill: Vec<usize> = (0..n)
                    .filter(|&j| j != me && same(j) && !scored.iter().any(|s| s.1 == j))
                    .take(MAX_RELATED)
                    .collect();
                scored.extend(fill.into_iter().map(|j| (CATEGORY, j)));
            }
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.iter().take(MAX_RELATED).map(|s| s.1).collect()
        }
    }

    #[test]
    fn a_dropped_candidate_does_not_leak_into_the_next_ranking() {
        // Article 0 shares tag 0 with articles 1-6, all tied: 6 is ranked sixth and
        // dropped. Article 7 shares party 0 with article 6 and tag 1 with article 1,
        // so 6 comes first for it. A score of 6 left over from ranking 0 used to
        // hide 6 from 7's candidates on the same worker.
        let mut articles: Vec<_> = (0..=6).map(|_| (0, vec![], vec![0])).collect();
        articles[1].2.push(1);
        articles[6].1.push(0);
        articles.push((1, vec![0], vec![1]));
        let [ranked, _] = Site::new(&articles).rank_on_one_worker();
        assert_eq!(ranked[0], [1, 2, 3, 4, 5]);
        assert_eq!(ranked[7], [6, 1]);
    }

    /// A small deterministic generator (SplitMix64), so the test needs no crate.
    fn next(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `count` distinct terms out of `of`, the low ones far more often (few popular
    /// parties and tags, many rare ones), so rankings have many ties.
    fn skewed(state: &mut u64, count: u64, of: u64) -> Vec<usize> {
        let mut terms = Vec::new();
        for _ in 0..count {
            let t = (next(state) % of).min(next(state) % of) as usize;
            if !terms.contains(&t) {
                terms.push(t);
            }
        }
        terms
    }

    #[test]
    fn one_worker_ranking_many_articles_matches_the_definition() {
        let mut state = 9;
        for _ in 0..20 {
            let articles: Vec<(usize, Vec<usize>, Vec<usize>)> = (0..80)
                .map(|_| {
                    let category = (next(&mut state) % 3) as usize;
                    let parties = next(&mut state) % 3;
                    let tags = next(&mut state) % 4;
                    let parties = skewed(&mut state, parties, 6);
                    (category, parties, skewed(&mut state, tags, 12))
                })
                .collect();
            let site = Site::new(&articles);
            for pass in site.rank_on_one_worker() {
                for (i, got) in pass.iter().enumerate() {
                    assert_eq!(*got, site.reference(i), "article {i} of {articles:?}");
                }
            }
        }
    }

    #[test]
    fn past_the_window_ranking_still_matches_the_definition() {
        // Few terms over many stories: every list is longer than the window, so
        // which stories count depends on where each ranked story sits.
        let mut state = 2026;
        let articles: Vec<(usize, Vec<usize>, Vec<usize>)> = (0..2 * WINDOW + 500)
            .map(|_| {
                let category = (next(&mut state) % 3) as usize;
                let (p, t) = (1 + next(&mut state) % 2, 1 + next(&mut state) % 3);
                let parties = skewed(&mut state, p, 4);
                (category, parties, skewed(&mut state, t, 6))
            })
            .collect();
        let site = Site::new(&articles);
        let graph = site.graph();
        let mut scratch = Scratch::new(articles.len());
        for i in (0..articles.len()).step_by(37) {
            assert_eq!(
                graph.rank(scratch.round(i)),
                site.reference(i),
                "article {i}"
            );
        }
    }
}
