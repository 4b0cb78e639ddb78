//! The Google News sitemap: the newest stories of the two days before the build, at
//! most 1,000 of them (Google's limit), with the publication's ISO 639 language.

use std::fmt::Write;

use crate::content::PubDate;
use crate::render::xml::escape as esc;
use crate::site::Site;

/// How far back the news sitemap reaches.
const NEWS_WINDOW: jiff::SignedDuration = jiff::SignedDuration::from_hours(48);

/// Google News reads at most this many URLs from a news sitemap.
const NEWS_LIMIT: usize = 1_000;

/// One story of a news sitemap.
pub struct NewsItem<'a> {
    /// The story's absolute URL.
    pub loc: String,
    /// Its publication time.
    pub date: &'a PubDate,
    /// Its headline.
    pub title: &'a str,
}

/// The `news:language` of a BCP 47 tag: its ISO 639 language code (`en-GB` gives
/// `en`), except Chinese, which Google wants as `zh-cn` (Simplified) or `zh-tw`
/// (Traditional).
pub fn news_language(tag: &str) -> String {
    let lower = tag.trim().to_ascii_lowercase();
    let mut subtags = lower.split(['-', '_']);
    let primary = subtags.next().unwrap_or_default();
    if primary != "zh" {
        return primary.to_owned();
    }
    let traditional = subtags.any(|s| matches!(s, "hant" | "tw" | "hk" | "mo"));
    if traditional { "zh-tw" } else { "zh-cn" }.to_owned()
}

/// A news sitemap of `items` (newest first), cut to the newest [`NEWS_LIMIT`].
pub fn news_urlset<'a>(
    items: impl IntoIterator<Item = NewsItem<'a>>,
    publication: &str,
    language: &str,
) -> Vec<u8> {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    let (name, language) = (esc(publication), esc(&news_language(language)));
    for item in items.into_iter().take(NEWS_LIMIT) {
        let _ = writeln!(
            x,
            "<url><loc>{}</loc><news:news><news:publication><news:name>{name}</news:name>\
             <news:language>{language}</news:language></news:publication>\
             <news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>",
            esc(&item.loc),
            item.date.rfc3339(),
            esc(item.title),
        );
    }
    x.push_str("</urlset>\n");
    x.into_bytes()
}

/// `news-sitemap.xml`: stories published in the two days before the build.
pub fn news_sitemap(site: &Site) -> Vec<u8> {
    let c = &site.config;
    let since = site.now - NEWS_WINDOW;
    let items = site
        .articles
        .iter()
        .filter(|a| a.date.timestamp >= since && a.date.timestamp <= site.now)
        .map(|a| NewsItem {
            loc: c.base_url.absolute(&a.permalink),
            date: &a.date,
            title: &a.title,
        });
    news_urlset(items, &c.title, &c.language)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{loc, locs};
    use super::*;

    #[test]
    fn news_sitemaps_hold_the_newest_thousand_stories() {
        let date = PubDate::parse("2026-11-23").unwrap();
        let titles: Vec<String> = (0..1_500).map(|i| format!("Story {i}")).collect();
        let items = titles.iter().enumerate().map(|(i, title)| NewsItem {
            loc: loc(i),
            date: &date,
            title,
        });
        let xml = news_urlset(items, "Picks", "en-GB");
        let found = locs(&xml);
        assert_eq!(found.len(), 1_000);
        assert_eq!(found.first(), Some(&loc(0)), "newest first");
        assert_eq!(found.last(), Some(&loc(999)));
        let text = String::from_utf8(xml).unwrap();
        assert!(text.contains("<news:language>en</news:language>"));
        assert!(!text.contains("en-GB"));
    }

    #[test]
    fn news_language_is_an_iso_639_code() {
        for (tag, code) in [
            ("en", "en"),
            ("en-GB", "en"),
            ("EN_us", "en"),
            ("fr-CA", "fr"),
            ("pt-BR", "pt"),
            ("ast", "ast"),
            ("sr-Latn-RS", "sr"),
            ("zh", "zh-cn"),
            ("zh-CN", "zh-cn"),
            ("zh-Hans-SG", "zh-cn"),
            ("zh-TW", "zh-tw"),
            ("zh-Hant", "zh-tw"),
            ("zh-HK", "zh-tw"),
        ] {
            assert_eq!(news_language(tag), code, "{tag}");
        }
    }
}
