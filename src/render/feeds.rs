//! Feeds in three formats (Atom 1.0, RSS 2.0, JSON Feed 1.1) for the whole site and
//! for every term. Written in Rust rather than templates so that escaping, dates and
//! absolute URLs are right by construction.

use std::fmt::Write;

use pulldown_cmark_escape::escape_html;
use serde::Serialize;

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
}

/// Makes root-relative `href`/`src` URLs and `#anchor` links in an article's HTML
/// absolute (feed readers have no base); `page` is the article's absolute URL.
pub fn absolute_urls(html: &str, origin: &str, page: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(i) = rest.find(['h', 's']) {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        if let Some(anchor) = tail.strip_prefix("href=\"#") {
            out.push_str("href=\"");
            out.push_str(page);
            out.push('#');
            rest = anchor;
            continue;
        }
        let attr = ["href=\"/", "src=\"/"]
            .into_iter()
            .find(|a| tail.starts_with(a));
        match attr {
            Some(a) if !tail[a.len()..].starts_with('/') => {
                out.push_str(&a[..a.len() - 1]);
                out.push_str(origin);
                out.push('/');
                rest = &tail[a.len()..];
            }
            _ => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = escape_html(&mut out, s);
    out
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

fn updated(a: &Article) -> &crate::content::PubDate {
    a.updated.as_ref().unwrap_or(&a.date)
}

fn content(site: &Site, a: &Article) -> Option<String> {
    site.config.feeds.full_content.then(|| {
        let page = site.config.base_url.absolute(&a.permalink);
        absolute_urls(&a.body.html, site.config.base_url.origin(), &page)
    })
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
         <id>{}</id>\n<updated>{}</updated>\n<generator>smartpicks</generator>\n",
        esc(&c.language),
        esc(&spec.title),
        esc(&c.description),
        esc(&base.absolute(&spec.link)),
        esc(&base.absolute(spec.page)),
        esc(&base.absolute(&spec.link)),
        newest,
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
        if let Some(author) = &a.author {
            let _ = writeln!(x, "<author><name>{}</name></author>", esc(author));
        }
        for t in terms(site, i) {
            let _ = writeln!(x, "<category term=\"{}\"/>", esc(t));
        }
        let _ = writeln!(x, "<summary type=\"text\">{}</summary>", esc(&a.summary));
        if let Some(html) = content(site, a) {
            let _ = writeln!(x, "<content type=\"html\">{}</content>", esc(&html));
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
        esc(&spec.title),
        esc(&base.absolute(spec.page)),
        esc(&c.description),
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
            esc(&a.title),
            a.date.rfc2822(),
        );
        if let Some(author) = &a.author {
            let _ = writeln!(x, "<dc:creator>{}</dc:creator>", esc(author));
        }
        for t in terms(site, i) {
            let _ = writeln!(x, "<category>{}</category>", esc(t));
        }
        let _ = writeln!(x, "<description>{}</description>", esc(&a.summary));
        if let Some(html) = content(site, a) {
            let _ = writeln!(x, "<content:encoded>{}</content:encoded>", esc(&html));
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
    content_html: Option<String>,
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
                let content_html = content(site, a);
                JsonItem {
                    id: base.absolute(&a.permalink),
                    url: base.absolute(&a.permalink),
                    title: &a.title,
                    summary: &a.summary,
                    content_text: content_html.is_none().then_some(a.summary.as_str()),
                    content_html,
                    date_published: a.date.rfc3339(),
                    date_modified: updated(a).rfc3339(),
                    authors: a
                        .author
                        .as_deref()
                        .map(|name| JsonAuthor { name })
                        .into_iter()
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

#[cfg(test)]
mod tests {
    use super::absolute_urls;

    #[test]
    fn root_relative_urls_become_absolute() {
        let html = r##"<a href="/picks/x/">x</a><img src="/a.png"><a href="//cdn/x">c</a><a href="https://o/">o</a> <a href="#part">p</a> shh"##;
        assert_eq!(
            absolute_urls(html, "https://e.org", "https://e.org/picks/story/"),
            r##"<a href="https://e.org/picks/x/">x</a><img src="https://e.org/a.png"><a href="//cdn/x">c</a><a href="https://o/">o</a> <a href="https://e.org/picks/story/#part">p</a> shh"##
        );
    }
}
