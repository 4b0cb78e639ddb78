//! The byline: `author:` (one name) or `authors:` (a list), never both. Once
//! `site.toml` declares `[[authors]]`, every name must be one of them, reported on
//! the line it was written as an undeclared category is; a site that declares none
//! takes any name.

use super::{Findings, clean, max_chars};
use crate::config::{Config, UNKNOWN_AUTHOR_HINT, find_author, unknown_author};
use crate::content::frontmatter::positions::KeyPath;
use crate::error::Code;

/// The names of the byline, checked; empty when there is none (or it is wrong: the
/// error is reported).
pub(super) fn authors(
    f: &mut Findings,
    config: &Config,
    author: Option<String>,
    authors: Option<Vec<String>>,
) -> Vec<String> {
    let written: Vec<(KeyPath, &'static str, String)> = match (author, authors) {
        (Some(_), Some(_)) => {
            f.at(
                Code::InvalidValue,
                KeyPath::key("authors"),
                "authors",
                "the story sets both author and authors".into(),
                "keep one: authors: [Dana Okafor, Lena Brandt] for several, or author: Dana Okafor for one",
            );
            return Vec::new();
        }
        (Some(one), None) => vec![(KeyPath::key("author"), "author", one)],
        (None, Some(list)) if list.len() > max_chars::ITEMS => {
            f.key(
                Code::InvalidValue,
                "authors",
                format!(
                    "the list has {} items; the limit is {}",
                    list.len(),
                    max_chars::ITEMS
                ),
            );
            return Vec::new();
        }
        (None, Some(list)) => list
            .into_iter()
            .enumerate()
            .map(|(i, name)| (KeyPath::item("authors", i), "authors", name))
            .collect(),
        (None, None) => return Vec::new(),
    };
    let mut names = Vec::with_capacity(written.len());
    for (path, key, name) in written {
        let Some(name) = f.text(path.clone(), key, name, max_chars::TEXT) else {
            continue;
        };
        // A blank name is no byline, as an empty `summary` is no dek.
        if name.trim().is_empty() {
            continue;
        }
        if !config.authors.is_empty() && find_author(&config.authors, &name).is_none() {
            let message = unknown_author(&config.authors, &name);
            f.at(Code::UnknownAuthor, path, key, message, UNKNOWN_AUTHOR_HINT);
            continue;
        }
        names.push(name);
    }
    clean(names)
}
