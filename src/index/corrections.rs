//! Every correction of the site, newest first, for the corrections page: positions
//! of an article and of a correction in its (newest-first) list, never copies.

use crate::article::Article;

/// Where one correction is: article `article`, its correction `note`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorrectionRef {
    /// The article's position.
    pub article: usize,
    /// The correction's position in the article's list.
    pub note: usize,
}

/// Every correction, newest first; corrections of the same moment in the order of
/// their stories (newest story first), then as the story lists them.
pub fn newest_first(articles: &[Article]) -> Vec<CorrectionRef> {
    let mut all: Vec<CorrectionRef> = articles
        .iter()
        .enumerate()
        .flat_map(|(article, a)| {
            (0..a.corrections.len()).map(move |note| CorrectionRef { article, note })
        })
        .collect();
    let moment = |r: &CorrectionRef| articles[r.article].corrections[r.note].date.timestamp;
    all.sort_by_key(|r| std::cmp::Reverse(moment(r)));
    all
}
