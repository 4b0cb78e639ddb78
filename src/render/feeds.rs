//! Feeds in three formats (Atom 1.0, RSS 2.0, JSON Feed 1.1) for the whole site and
//! for every term. Written in Rust rather than templates so that escaping, dates and
//! absolute URLs are right by construction.
//!
//! What each text field means to a reader decides how it is escaped: Atom says so
//! with `type` (`text` for titles and summaries, `html` for content). RSS 2.0 allows
//! HTML only in an item's `<description>`, which readers render, so the plain-text
//! summary there is HTML-escaped before it is XML-escaped; `<title>`, `<category>`,
//! `<dc:creator>` and the channel's `<description>` are plain text (see
//! docs/publishing.md for why).

mod absolute;

pub use absolute::absolute_urls;

use std::fmt::Write;
use std::sync::OnceLock;

use serde::Serialize;

use super::byline::credits;
use super::metadata::absolute_asset;
use super::xml::{escape as esc, escape_html_text, escape_rss_text};
use crate::article::Article;
use crate::site::Site;
use crate::url::Permalink;

/// A feed format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedFormat {
    /// Atom 1.0, `feed.xml`.
    Atom,
    /// RSS 2.0, `rss.xml`.
    Rss,
    /// JSON Feed 1.1, `feed.json`.
    Json,
}

impl FeedFormat {
    /// Every format, in the order pages advertise them.
    pub const ALL: [FeedFormat; 3] = [FeedFormat::Atom, FeedFormat::Rss, FeedFormat::Json];

    /// The file name inside the scope's folder.
    pub fn file_name(self) -> &'static str {
        match self {
            FeedFormat::Atom => "feed.xml",
            FeedFormat::Rss => "rss.xml",
            FeedFormat::Json => "feed.json",
        }
    }

    /// The media type, for autodiscovery links.
    pub fn media_type(self) -> &'static str {
        match self {
            FeedFormat::Atom => "application/atom+xml",
            FeedFormat::Rss => "application/rss+xml",
            FeedFormat::Json => "application/feed+json",
        }
    }

    /// A short name for link titles.
    pub fn label(self) -> &'static str {
        match self {
            FeedFormat::Atom => "Atom",
            FeedFormat::Rss => "RSS",
            FeedFormat::Json => "JSON Feed",
        }
    }
}

/// What one feed covers.
pub struct FeedSpec<'a> {
    /// The feed's title.
    pub title: String,
    /// The HTML page the feed mirrors.
    pub page: &'a Permalink,
    /// The feed file's own path.
    pub link: Permalink,
    /// Its stories, newest first (already cut to the limit).
    pub articles: &'a [usize],
    /// The build's full-content bodies, shared by all feeds.
    pub bodies: &'a FeedBodies,
}

/// Full-content bodies with absolute URLs, made at most once per story and build:
/// a story is in the site's feeds and in those of each of its terms, in three
/// formats, and rewriting its HTML a dozen times would be a dozen times the work.
pub struct FeedBodies(Vec<OnceLock<String>>);

impl FeedBodies {
    /// An empty cache for a site of `articles` stories.
    pub fn new(articles: usize) -> FeedBodies {
        FeedBodies((0..articles).map(|_| OnceLock::new()).collect())
    }

    /// The body of story `i`, with absolute URLs.
    fn get<'s>(&'s self, site: &Site, i: usize) -> &'s str {
        self.0[i].get_or_init(|| {
            let a = &site.articles[i];
            absolute_urls(&a.body.html, &site.config.base_url.absolute(&a.permalink))
        })
    }
}

/// Renders one feed.
pub fn render(site: &Site, spec: &FeedSpec<'_>, format: FeedFormat) -> Vec<u8> {
    match format {
        FeedFormat::Atom => atom(site, spec),
        FeedFormat::Rss => rss(site, spec),
        FeedFormat::Json => json(site, spec),
    }
    .into_bytes()
}

/// When an entry last changed: the latest of `updated` and the story's corrections.
fn updated(a: &Article) -> crate::content::PubDate {
    a.modified()
}

/// The full-content body of story `i`, when feeds carry whole stories.
fn content<'s>(site: &Site, spec: &FeedSpec<'s>, i: usize) -> Option<&'s str> {
    site.config
        .feeds
        .full_content
        .then(|| spec.bodies.get(site, i))
}

/// The category and tag names of article `i`, from the terms resolved once per build.
fn terms(site: &Site, i: usize) -> Vec<&str> {
    let ix = &site.indexes;
    std::iter::once(ix.categories.terms[site.articles[i].category].name.as_str())
        .chain(
            ix.article_terms[i]
                .tags
                .iter()
                .map(|&t| ix.tags.terms[t].name.as_str()),
        )
        .collect()
}

fn atom(site: &Site, spec: &FeedSpec<'_>) -> String {
    let c = &site.config;
    let base = &c.base_url;
    // An empty feed still needs an `updated`; the epoch says "never".
    let newest = spec
        .articles
        .iter()
        .map(|&i| updated(&site.articles[i]))
        .max_by_key(|d| d.timestamp)
        .map_or_else(|| "1970-01-01T00:00:00+00:00".to_owned(), |d| d.rfc3339());
    let mut x = String::with_capacity(4096 + spec.articles.len() * 1024);
    let _ = write!(
        x,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n\
         <title>{}</title>\n<subtitle>{}</subtitle>\n\
         <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n\
         <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n\
         <id>{}</id>\n<updated>{}</updated>\n<author><name>{}</name></author>\n<generator>smartpicks</generator>\n",
        esc(&c.language),
        esc(&spec.title),
        esc(&c.description),
        esc(&base.absolute(&spec.link)),
        esc(&base.absolute(spec.page)),
        esc(&base.absolute(&spec.link)),
        newest,
        // RFC 4287 wants an author on the feed unless every entry has one; stories
        // may name none, so the feed always does.
        esc(c.author.as_deref().unwrap_or(&c.title)),
    );
    for &i in spec.articles {
        let a = &site.articles[i];
        let url = esc(&base.absolute(&a.permalink));
        let _ = write!(
            x,
            "<entry>\n<title>{}</title>\n<link href=\"{url}\" rel=\"alternate\" type=\"text/html\"/>\n\
             <id>{url}</id>\n<published>{}</published>\n<updated>{}</updated>\n",
            esc(&a.title),
            a.date.rfc3339(),
            updated(a).rfc3339(),
        );
        // One `<author>` per name (RFC 4287 allows several), with the author's page.
        for credit in credits(site, i) {
            let _ = write!(x, "<author><name>{}</name>", esc(credit.name));
            if let Some(page) = credit.page(site) {
                let _ = write!(x, "<uri>{}</uri>", esc(&page));
            }
            x.push_str("</author>\n");
        }
        for t in terms(site, i) {
            let _ = writeln!(x, "<category term=\"{}\"/>", esc(t));
        }
        let _ = writeln!(x, "<summary type=\"text\">{}</summary>", esc(&a.summary));
        if let Some(html) = content(site, spec, i) {
            let _ = writeln!(x, "<content type=\"html\">{}</content>", esc(html));
        }
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

fn rss(site: &Site, spec: &FeedSpec<'_>) -> String {
    let c = &site.config;
    let base = &c.base_url;
    let last = spec
        .articles
        .iter()
        .map(|&i| updated(&site.articles[i]))
        .max_by_key(|d| d.timestamp)
        .map(|d| d.rfc2822());
    let mut x = String::with_capacity(4096 + spec.articles.len() * 1024);
    let _ = write!(
        x,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n\
         <title>{}</title>\n<link>{}</link>\n<description>{}</description>\n<language>{}</language>\n\
         <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n<generator>smartpicks</generator>\n",
        escape_rss_text(&spec.title),
        esc(&base.absolute(spec.page)),
        escape_rss_text(&c.description),
        esc(&c.language),
        esc(&base.absolute(&spec.link)),
    );
    if let Some(last) = last {
        let _ = writeln!(x, "<lastBuildDate>{last}</lastBuildDate>");
    }
    for &i in spec.articles {
        let a = &site.articles[i];
        let url = esc(&base.absolute(&a.permalink));
        let _ = write!(
            x,
            "<item>\n<title>{}</title>\n<link>{url}</link>\n<guid isPermaLink=\"true\">{url}</guid>\n<pubDate>{}</pubDate>\n",
            escape_rss_text(&a.title),
            a.date.rfc2822(),
        );
        for credit in credits(site, i) {
            let _ = writeln!(
                x,
                "<dc:creator>{}</dc:creator>",
                escape_rss_text(credit.name)
            );
        }
        for t in terms(site, i) {
            let _ = writeln!(x, "<category>{}</category>", escape_rss_text(t));
        }
        let _ = writeln!(
            x,
            "<description>{}</description>",
            escape_html_text(&a.summary)
        );
        if let Some(html) = content(site, spec, i) {
            let _ = writeln!(x, "<content:encoded>{}</content:encoded>", esc(html));
        }
        x.push_str("</item>\n");
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    description: &'a str,
    language: &'a str,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: String,
    url: String,
    title: &'a str,
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor<'a>>,
    tags: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    avatar: Option<String>,
}

fn json(site: &Site, spec: &FeedSpec<'_>) -> String {
    let c = &site.config;
    let base = &c.base_url;
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &spec.title,
        home_page_url: base.absolute(spec.page),
        feed_url: base.absolute(&spec.link),
        description: &c.description,
        language: &c.language,
        items: spec
            .articles
            .iter()
            .map(|&i| {
                let a = &site.articles[i];
                let content_html = content(site, spec, i);
                JsonItem {
                    id: base.absolute(&a.permalink),
                    url: base.absolute(&a.permalink),
                    title: &a.title,
                    summary: &a.summary,
                    content_text: content_html.is_none().then_some(a.summary.as_str()),
                    content_html,
                    date_published: a.date.rfc3339(),
                    date_modified: updated(a).rfc3339(),
                    authors: credits(site, i)
                        .into_iter()
                        .map(|credit| JsonAuthor {
                            name: credit.name,
                            avatar: credit
                                .profile
                                .and_then(|p| p.avatar.as_deref())
                                .map(|avatar| absolute_asset(site, avatar)),
                            url: credit.page(site),
                        })
                        .collect(),
                    tags: terms(site, i),
                }
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&feed).expect("feed serialises");
    s.push('\n');
    s
}
