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

/// Drops `value` (a site, with what was made from it) on a thread of its own, so
/// that nothing waits for it to be freed: at 10,000 stories that is a tenth of a
/// second of `free`. When no thread starts, it is dropped here. A build that ends
/// the process before that thread is done leaves the rest to the process's exit.
pub fn drop_aside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}
