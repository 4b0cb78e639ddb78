//! The read-only site model every renderer shares: configuration, articles (newest
//! first) and indexes. Built once per build; rendering borrows it from many threads.

use crate::article::{Article, ArticleId};
use crate::config::Config;
use crate::index::Indexes;

/// The assembled site.
#[derive(Debug)]
pub struct Site {
    /// The resolved configuration.
    pub config: Config,
    /// Every published article, newest first.
    pub articles: Vec<Article>,
    /// Every index over the articles.
    pub indexes: Indexes,
    /// The moment the build took as now (what is future, what is recent news).
    pub now: jiff::Timestamp,
}

impl Site {
    /// The position of the article with this identity, if it is published.
    pub fn position(&self, id: &ArticleId) -> Option<usize> {
        self.articles.iter().position(|a| a.id == *id)
    }
}
