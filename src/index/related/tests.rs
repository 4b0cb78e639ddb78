//! Rankings checked against their definition, on one worker and past the window.
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
                    authors: Vec::new(),
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
            window: WINDOW,
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
        let forward = (0..n).map(|i| graph.rank(scratch.round(i)).0).collect();
        let mut reverse: Vec<_> = (0..n)
            .rev()
            .map(|i| graph.rank(scratch.round(i)).0)
            .collect();
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
            graph.rank(scratch.round(i)).0,
            site.reference(i),
            "article {i}"
        );
    }
}
