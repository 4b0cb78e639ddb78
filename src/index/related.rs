//! Related stories: ranked by shared parties, then shared tags, then same category,
//! then newer first. Candidates come from the term lists (an inverted index), so the
//! cost grows with the stories that share something, not with the square of the site.

use rayon::prelude::*;

use super::taxonomy::Taxonomy;
use crate::article::Article;

/// At most this many related stories per article.
pub const MAX_RELATED: usize = 5;

/// For each article, up to [`MAX_RELATED`] related articles, best first.
pub fn related(
    articles: &[Article],
    terms: &[super::ArticleTerms],
    categories: &Taxonomy,
    tags: &Taxonomy,
    parties: &Taxonomy,
) -> Vec<Vec<usize>> {
    (0..articles.len())
        .into_par_iter()
        .map_init(
            || Scores::new(articles.len()),
            |scores, i| {
                let category = articles[i].category;
                for &t in &terms[i].parties {
                    scores.add(&parties.terms[t].articles, i, 1 << 16);
                }
                for &t in &terms[i].tags {
                    scores.add(&tags.terms[t].articles, i, 1 << 8);
                }
                // The category point goes to stories already found; stories that share
                // only the category matter just when the list is short, and then the
                // newest few are enough (the category's list is newest first).
                for k in 0..scores.touched.len() {
                    let j = scores.touched[k];
                    if articles[j].category == category {
                        scores.score[j] += 1;
                    }
                }
                if scores.touched.len() < MAX_RELATED {
                    scores.add_capped(&categories.terms[category].articles, i, 1, MAX_RELATED);
                }
                scores.take_best(MAX_RELATED)
            },
        )
        .collect()
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
