//! Shared by the publishing tests: the fixture's stories and pages, building it, and
//! reading what it publishes (feeds, JSON, <head> meta tags, JSON-LD).

mod xml;

use feed_rs::model::{Entry, Feed};
use serde_json::Value;

use crate::harness::{Site, attrs};

pub use xml::{assert_well_formed, xml_records};

pub const ORIGIN: &str = "https://example.org";
pub const SITE_TITLE: &str = "Publishing Picks";

/// The stories, newest first (site paths, relative to the base URL).
pub const NEWS: &str = "2026/11/23/deepmind-opens-a-studio-lab-in-london/";
pub const ESCAPE: &str = "2026/11/20/escape-test/";
pub const A24: &str = "2026/11/18/a24-and-google-deepmind-extend-their-partnership/";
pub const LOVELACE: &str = "2026/10/30/ada-lovelace-lecture-series-announced/";
pub const RULING: &str = "2026/10/02/court-rules-on-training-data/";
pub const BUDGETS: &str = "2026/09/15/studio-budgets-for-ai-tools-double/";
pub const NEWEST_FIRST: [&str; 6] = [NEWS, ESCAPE, A24, LOVELACE, RULING, BUDGETS];

pub const HOSTILE_TITLE: &str = "</script><script>alert(1)</script> & \"Q\" ]]> <b>bold</b>";
pub const HOSTILE_SUMMARY: &str = "Summary with <i>tags</i> & ]]> inside";
pub const HOSTILE_TAG: &str = "R&D <lab>";

/// Every HTML page the sitemap must list (site paths), in no particular order.
pub const SITEMAP_PAGES: &[&str] = &[
    NEWS,
    ESCAPE,
    A24,
    LOVELACE,
    RULING,
    BUDGETS,
    "",
    "page/2/",
    "page/3/",
    "categories/",
    "categories/ai-technology/",
    "categories/studios-and-deals/",
    "categories/law-and-policy/",
    "tags/",
    "tags/copyright/",
    "tags/finance/",
    "tags/independent-film/",
    "tags/r-and-d-lab/",
    "tags/research/",
    "tags/research/page/2/",
    "tags/studios/",
    "parties/",
    "parties/a24/",
    "parties/ada-lovelace/",
    "parties/google-deepmind/",
    "parties/warner-bros/",
    "2026/",
    "2026/11/",
    "2026/10/",
    "2026/09/",
    "archive/",
    "digest/",
    "digest/2026-w48/",
    "digest/2026-w47/",
    "digest/2026-w44/",
    "digest/2026-w40/",
    "digest/2026-w38/",
    "corrections/",
    "search/",
];

/// Every term folder (taxonomy segment + slug).
pub const TERMS: &[&str] = &[
    "categories/ai-technology",
    "categories/studios-and-deals",
    "categories/law-and-policy",
    "tags/copyright",
    "tags/finance",
    "tags/independent-film",
    "tags/r-and-d-lab",
    "tags/research",
    "tags/studios",
    "parties/a24",
    "parties/ada-lovelace",
    "parties/google-deepmind",
    "parties/warner-bros",
];

pub const FEED_TYPES: [(&str, &str); 3] = [
    ("feed.xml", "application/atom+xml"),
    ("rss.xml", "application/rss+xml"),
    ("feed.json", "application/feed+json"),
];

pub fn abs(path: &str) -> String {
    format!("{ORIGIN}/{path}")
}

/// The base URL of the builds that publish under a sub-path.
pub const SUB_BASE: &str = "https://example.org/picks/";

pub fn built() -> Site {
    built_with(&[])
}

/// The fixture built with `extra` arguments after `build`.
pub fn built_with(extra: &[&str]) -> Site {
    let site = Site::fixture("publishing");
    site.build(extra).ok();
    site
}

/// The fixture (not built) with its `site.toml` rewritten by `edit`.
pub fn fixture_with_site_toml(edit: impl FnOnce(String) -> String) -> Site {
    let site = Site::fixture("publishing");
    let text = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", edit(text));
    site
}

// ---------------------------------------------------------------- feed helpers

pub fn feed(site: &Site, rel: &str) -> Feed {
    let bytes = site.read(rel);
    feed_rs::parser::parse(bytes.as_bytes())
        .unwrap_or_else(|e| panic!("{rel} does not parse as a feed: {e}\n{bytes}"))
}

pub fn title(e: &Entry) -> String {
    e.title
        .as_ref()
        .map(|t| t.content.clone())
        .unwrap_or_default()
}

pub fn titles(f: &Feed) -> Vec<String> {
    f.entries.iter().map(title).collect()
}

pub fn ids(f: &Feed) -> Vec<String> {
    f.entries.iter().map(|e| e.id.clone()).collect()
}

pub fn first_link(e: &Entry) -> String {
    e.links.first().map(|l| l.href.clone()).unwrap_or_default()
}

/// The entry of the story at `path` (a site path under [`ORIGIN`]).
pub fn entry<'f>(f: &'f Feed, path: &str) -> &'f Entry {
    entry_at(f, &abs(path))
}

/// The entry whose id is `url`.
pub fn entry_at<'f>(f: &'f Feed, url: &str) -> &'f Entry {
    f.entries
        .iter()
        .find(|e| e.id == url)
        .unwrap_or_else(|| panic!("no entry with id {url} in {:?}", ids(f)))
}

pub fn categories(e: &Entry) -> Vec<String> {
    e.categories.iter().map(|c| c.term.clone()).collect()
}

pub fn authors(e: &Entry) -> Vec<String> {
    e.authors.iter().filter_map(|p| p.name.clone()).collect()
}

/// What a feed reader shows of a text field: plain text as it is; HTML (RSS
/// `<description>`) rendered to text, after checking that it holds no elements, since
/// every text the feeds carry this way is plain text that must not turn into markup.
pub fn shown_text(t: &feed_rs::model::Text) -> String {
    if t.content_type.to_string() != "text/html" {
        return t.content.clone();
    }
    let fragment = scraper::Html::parse_fragment(&t.content);
    let root = fragment.root_element();
    let elements: Vec<&str> = root
        .descendants()
        .skip(1)
        .filter_map(|n| n.value().as_element().map(|e| e.name()))
        .collect();
    assert!(
        elements.is_empty(),
        "plain text reached the reader as markup {elements:?}: {:?}",
        t.content
    );
    root.text().collect()
}

/// An entry's summary as a reader shows it (see [`shown_text`]).
pub fn summary(e: &Entry) -> String {
    e.summary.as_ref().map(shown_text).unwrap_or_default()
}

pub fn content(e: &Entry) -> Option<String> {
    e.content.as_ref().and_then(|c| c.body.clone())
}

/// An entry's (published, updated) times in UTC, RFC 3339.
pub fn dates(e: &Entry) -> (String, String) {
    (
        e.published.map(|d| d.to_rfc3339()).unwrap_or_default(),
        e.updated.map(|d| d.to_rfc3339()).unwrap_or_default(),
    )
}

pub fn json(site: &Site, rel: &str) -> Value {
    let text = site.read(rel);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel} is not JSON: {e}\n{text}"))
}

/// The Atom and JSON feeds of `scope` (a term folder with its slash, or "") name
/// themselves and their page under `base`. Returns the Atom text.
pub fn assert_feeds_locate_themselves(site: &Site, base: &str, scope: &str) -> String {
    let j = json(site, &format!("{scope}feed.json"));
    assert_eq!(j["feed_url"], format!("{base}{scope}feed.json"), "{scope}");
    assert_eq!(j["home_page_url"], format!("{base}{scope}"), "{scope}");
    let atom = site.read(&format!("{scope}feed.xml"));
    assert!(
        atom.contains(&format!(r#"<link href="{base}{scope}feed.xml" rel="self""#)),
        "{scope}"
    );
    atom
}

/// `robots.txt` names both sitemaps under `base`, in this order. Returns its text.
pub fn assert_robots_names_both_sitemaps(site: &Site, base: &str) -> String {
    let robots = site.read("robots.txt");
    let sitemaps: Vec<&str> = robots
        .lines()
        .filter(|l| l.starts_with("Sitemap:"))
        .collect();
    assert_eq!(
        sitemaps,
        [
            format!("Sitemap: {base}sitemap.xml"),
            format!("Sitemap: {base}news-sitemap.xml")
        ]
    );
    robots
}

// ---------------------------------------------------------------- HTML helpers

fn is_redirect_stub(html: &str) -> bool {
    html.contains("http-equiv=\"refresh\"")
}

/// Every HTML page of the built site that is not a redirect stub, with its URL path
/// (relative to the base path): `index.html` → "", `a/b/index.html` → "a/b/". The
/// weekly email editions (`digest/<week>/email.html`) are messages, not pages: no
/// `<head>` metadata, in no sitemap (`tests/integration/newsletter.rs` checks them).
pub fn html_pages(site: &Site) -> Vec<(String, String)> {
    site.files()
        .into_iter()
        .filter(|f| f.ends_with(".html") && !f.ends_with("/email.html"))
        .filter(|f| !is_redirect_stub(&site.read(f)))
        .map(|f| {
            let path = match f.strip_suffix("index.html") {
                Some(dir) => dir.to_owned(),
                None => f.clone(),
            };
            (f, path)
        })
        .collect()
}

pub fn page_file(path: &str) -> String {
    format!("{path}index.html")
}

/// `content` of `<meta property=X>` or `<meta name=X>`.
pub fn meta(doc: &scraper::Html, key: &str) -> Vec<String> {
    let mut v = attrs(doc, &format!("head meta[property=\"{key}\"]"), "content");
    v.extend(attrs(doc, &format!("head meta[name=\"{key}\"]"), "content"));
    v
}

pub fn one_meta(doc: &scraper::Html, key: &str, page: &str) -> String {
    let v = meta(doc, key);
    assert_eq!(v.len(), 1, "{page}: expected one {key} meta tag, got {v:?}");
    v.into_iter().next().unwrap()
}

/// (type, href) of every feed autodiscovery link in <head>, in document order.
pub fn feed_links(doc: &scraper::Html) -> Vec<(String, String)> {
    let sel = scraper::Selector::parse("head link[rel=\"alternate\"]").unwrap();
    doc.select(&sel)
        .filter_map(|e| {
            Some((
                e.value().attr("type")?.to_owned(),
                e.value().attr("href")?.to_owned(),
            ))
        })
        .filter(|(t, _)| FEED_TYPES.iter().any(|(_, mt)| mt == t))
        .collect()
}

pub fn expected_feed_links(base: &str, term: Option<&str>) -> Vec<(String, String)> {
    let mut v = Vec::new();
    if let Some(term) = term {
        v.extend(
            FEED_TYPES
                .iter()
                .map(|(file, mt)| ((*mt).to_owned(), format!("{base}{term}/{file}"))),
        );
    }
    v.extend(
        FEED_TYPES
            .iter()
            .map(|(file, mt)| ((*mt).to_owned(), format!("{base}{file}"))),
    );
    v
}

/// The term folder a page belongs to (`tags/research` for `tags/research/page/2/`).
pub fn term_of(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    match parts.as_slice() {
        [kind, slug, ..]
            if ["categories", "tags", "parties"].contains(kind) && !slug.is_empty() =>
        {
            Some(format!("{kind}/{slug}"))
        }
        _ => None,
    }
}

fn json_ld(doc: &scraper::Html, page: &str) -> Vec<Value> {
    let sel = scraper::Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    doc.select(&sel)
        .map(|e| {
            let text: String = e.text().collect();
            serde_json::from_str(&text)
                .unwrap_or_else(|err| panic!("{page}: JSON-LD does not parse: {err}\n{text}"))
        })
        .collect()
}

pub fn one_json_ld(site: &Site, path: &str) -> Value {
    let file = page_file(path);
    let v = json_ld(&site.html(&file), &file);
    assert_eq!(
        v.len(),
        1,
        "{file}: expected one JSON-LD block, got {}",
        v.len()
    );
    v.into_iter().next().unwrap()
}
