//! What a build wrote, by kind of page, recognised from the path: the same site map
//! for smartpicks' default theme and for `bench/hugo/` (articles at
//! `/<file name>/`, years at `/2024/`, months at `/2024/05/`, terms under
//! `/categories/`, `/tags/`, `/parties/`, digests under `/digest/`).

use std::collections::BTreeMap;
use std::path::Path;

use crate::tree;

/// A kind of output file; the order is the order of a report's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Article,
    Home,
    YearArchive,
    MonthArchive,
    ArchiveOverview,
    DigestIndex,
    WeeklyDigest,
    TermList,
    CategoryPage,
    TagPage,
    PartyPage,
    NotFound,
    AliasRedirect,
    FirstPageRedirect,
    OtherHtml,
    SiteFeed,
    TermFeed,
    Sitemap,
    OtherFile,
}

impl Kind {
    /// The row label in a report.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Article => "article pages",
            Kind::Home => "home pages (paginated)",
            Kind::YearArchive => "year archives",
            Kind::MonthArchive => "month archives",
            Kind::ArchiveOverview => "archive overview",
            Kind::DigestIndex => "digest index",
            Kind::WeeklyDigest => "weekly digests",
            Kind::TermList => "term lists (categories, tags, parties)",
            Kind::CategoryPage => "category pages (paginated)",
            Kind::TagPage => "tag pages (paginated)",
            Kind::PartyPage => "party pages (paginated)",
            Kind::NotFound => "404 page",
            Kind::AliasRedirect => "alias redirects (old URLs)",
            Kind::FirstPageRedirect => "`/page/1/` redirects",
            Kind::OtherHtml => "other HTML",
            Kind::SiteFeed => "site feeds (RSS, Atom, JSON)",
            Kind::TermFeed => "term feeds (RSS, Atom, JSON)",
            Kind::Sitemap => "sitemaps, robots.txt",
            Kind::OtherFile => "other files (static assets, redirects list)",
        }
    }

    /// Whether this kind is an HTML page a reader would see (not a redirect stub).
    pub fn is_page(self) -> bool {
        self <= Kind::OtherHtml && !matches!(self, Kind::AliasRedirect | Kind::FirstPageRedirect)
    }
}

/// One output folder, counted.
pub struct Census {
    pub count: BTreeMap<Kind, u64>,
    /// Terms (first pages) per taxonomy: categories, tags, parties.
    pub terms: [u64; 3],
    pub files: u64,
    pub bytes: u64,
    pub html_files: u64,
    /// The largest HTML file: its path and size.
    pub largest_html: (String, u64),
}

impl Census {
    /// Walks `dir` and classifies every file in it.
    pub fn of(dir: &Path) -> Census {
        let mut census = Census {
            count: BTreeMap::new(),
            terms: [0; 3],
            files: 0,
            bytes: 0,
            html_files: 0,
            largest_html: (String::new(), 0),
        };
        for entry in tree::files(dir) {
            census.files += 1;
            census.bytes += entry.bytes;
            let refresh = entry.rel.ends_with(".html") && entry.bytes < 2048 && {
                let text = std::fs::read_to_string(&entry.path).unwrap_or_default();
                text.contains("http-equiv=\"refresh\"") || text.contains("http-equiv=refresh")
            };
            let kind = classify(&entry.rel, refresh);
            *census.count.entry(kind).or_default() += 1;
            if entry.rel.ends_with(".html") {
                census.html_files += 1;
                if entry.bytes > census.largest_html.1 {
                    census.largest_html = (entry.rel.clone(), entry.bytes);
                }
            }
            let segments: Vec<&str> = entry.rel.split('/').collect();
            if let [taxonomy, _, "index.html"] = segments[..]
                && let Some(i) = TAXONOMIES.iter().position(|t| *t == taxonomy)
            {
                census.terms[i] += 1;
            }
        }
        census
    }

    /// How many files of `kind`.
    pub fn get(&self, kind: Kind) -> u64 {
        self.count.get(&kind).copied().unwrap_or(0)
    }

    /// HTML pages a reader sees: every HTML file but redirect stubs.
    pub fn pages(&self) -> u64 {
        self.count
            .iter()
            .filter(|(k, _)| k.is_page())
            .map(|(_, n)| n)
            .sum()
    }
}

const TAXONOMIES: [&str; 3] = ["categories", "tags", "parties"];

fn is_number(s: &str, digits: usize) -> bool {
    s.len() == digits && s.bytes().all(|b| b.is_ascii_digit())
}

/// The kind of the file at `rel` (relative to the output root); `refresh` says the
/// file is a small page that only redirects.
pub fn classify(rel: &str, refresh: bool) -> Kind {
    let segments: Vec<&str> = rel.split('/').collect();
    let (last, dirs) = segments.split_last().unwrap();
    if refresh {
        return if dirs.len() >= 2 && dirs[dirs.len() - 2] == "page" && dirs[dirs.len() - 1] == "1" {
            Kind::FirstPageRedirect
        } else {
            Kind::AliasRedirect
        };
    }
    match *last {
        "index.html" => page(dirs),
        "404.html" if dirs.is_empty() => Kind::NotFound,
        "rss.xml" | "feed.xml" | "feed.json" if dirs.is_empty() => Kind::SiteFeed,
        "rss.xml" | "feed.xml" | "feed.json" if TAXONOMIES.contains(&dirs[0]) => Kind::TermFeed,
        "sitemap.xml" | "news-sitemap.xml" | "robots.txt" if dirs.is_empty() => Kind::Sitemap,
        name if name.ends_with(".html") => Kind::OtherHtml,
        _ => Kind::OtherFile,
    }
}

/// The kind of `<dirs>/index.html`.
fn page(dirs: &[&str]) -> Kind {
    match dirs {
        [] | ["page", _] => Kind::Home,
        ["archive"] => Kind::ArchiveOverview,
        ["digest"] => Kind::DigestIndex,
        ["digest", _] => Kind::WeeklyDigest,
        [year] if is_number(year, 4) => Kind::YearArchive,
        [year, month] if is_number(year, 4) && is_number(month, 2) => Kind::MonthArchive,
        [taxonomy] if TAXONOMIES.contains(taxonomy) => Kind::TermList,
        [taxonomy, _] | [taxonomy, _, "page", _] if TAXONOMIES.contains(taxonomy) => {
            match *taxonomy {
                "categories" => Kind::CategoryPage,
                "tags" => Kind::TagPage,
                _ => Kind::PartyPage,
            }
        }
        [slug] if slug.len() > 11 && is_number(&slug[..4], 4) && slug.as_bytes()[10] == b'-' => {
            Kind::Article
        }
        _ => Kind::OtherHtml,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_both_sites() {
        assert_eq!(
            classify("2024-05-03-kavoru/index.html", false),
            Kind::Article
        );
        assert_eq!(classify("index.html", false), Kind::Home);
        assert_eq!(classify("page/7/index.html", false), Kind::Home);
        assert_eq!(classify("page/1/index.html", true), Kind::FirstPageRedirect);
        assert_eq!(
            classify("tags/x/page/1/index.html", true),
            Kind::FirstPageRedirect
        );
        assert_eq!(
            classify("news/kavoru/index.html", true),
            Kind::AliasRedirect
        );
        assert_eq!(classify("2024/index.html", false), Kind::YearArchive);
        assert_eq!(classify("2024/05/index.html", false), Kind::MonthArchive);
        assert_eq!(
            classify("digest/2024-w18/index.html", false),
            Kind::WeeklyDigest
        );
        assert_eq!(classify("parties/index.html", false), Kind::TermList);
        assert_eq!(
            classify("tags/dubbing/page/3/index.html", false),
            Kind::TagPage
        );
        assert_eq!(
            classify("categories/production/rss.xml", false),
            Kind::TermFeed
        );
        assert_eq!(classify("feed.json", false), Kind::SiteFeed);
        assert_eq!(classify("style.css", false), Kind::OtherFile);
    }
}
