//! Related stories: ranked by shared parties, then shared tags, then same category,
//! then newer first. Candidates come from the term lists (an inverted index), so the
//! cost grows with the stories that share something, not with the square of the site.

use rayon::prelude::*;

use super::ArticleTerms;
use super::taxonomy::Taxonomy;
use crate::article::Article;

/// At most this many related stories per article.
pub const MAX_RELATED: usize = 5;

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
            || Scores::new(articles.len()),
            |scores, i| graph.rank(scores, i),
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
    /// The related articles of article `me`, best first.
    fn rank(&self, scores: &mut Scores, me: usize) -> Vec<usize> {
        let category = self.category[me];
        for &t in &self.terms[me].parties {
            scores.add(self.parties[t], me, PARTY);
        }
        for &t in &self.terms[me].tags {
            scores.add(self.tags[t], me, TAG);
        }
        // The category point goes to stories already found; stories that share
        // only the category matter just when the list is short, and then the
        // newest few are enough (the category's list is newest first).
        for k in 0..scores.touched.len() {
            let j = scores.touched[k];
            if self.category[j] == category {
                scores.score[j] += CATEGORY;
            }
        }
        if scores.touched.len() < MAX_RELATED {
            scores.add_capped(self.categories[category], me, CATEGORY, MAX_RELATED);
        }
        scores.take_best(MAX_RELATED)
    }
}

/// Dense per-thread scratch space: a score per article and the ones touched.
struct Scores {
    score: Vec<u32>,
    touched: Vec<usize>,
}

impl Scores {
    fn new(n: usize) -> Scores {
        Scores {
            score: vec![0; n],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, list: &[usize], me: usize, weight: u32) {
        for &j in list {
            if j != me {
                if self.score[j] == 0 {
                    self.touched.push(j);
                }
                self.score[j] += weight;
            }
        }
    }

    /// Adds up to `cap` stories from `list` that have no score yet.
    fn add_capped(&mut self, list: &[usize], me: usize, weight: u32, cap: usize) {
        let mut added = 0;
        for &j in list {
            if added == cap {
                break;
            }
            if j != me && self.score[j] == 0 {
                added += 1;
                self.touched.push(j);
                self.score[j] = weight;
            }
        }
    }

    /// Highest score first; ties go to the newer story (lower index).
    fn take_best(&mut self, k: usize) -> Vec<usize> {
        let score = &self.score;
        let by_rank = |a: &usize, b: &usize| score[*b].cmp(&score[*a]).then(a.cmp(b));
        if self.touched.len() > k {
            self.touched.select_nth_unstable_by(k, by_rank);
            self.touched.truncate(k);
        }
        self.touched.sort_unstable_by(by_rank);
        let best = self.touched.clone();
        for j in self.touched.drain(..) {
            self.score[j] = 0;
        }
        best
    }
}

