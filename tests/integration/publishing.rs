//! Publishing outputs: feeds (Atom, RSS, JSON Feed) for the site and every term,
//! sitemaps, robots.txt, alias redirects, and what every page's <head> says about
//! itself (feed autodiscovery, canonical, Open Graph, Twitter cards, JSON-LD).
//!
//! The fixture (`tests/fixtures/publishing`) has six stories; the build runs with
//! `--now 2026-11-24T12:00:00Z`, so only the 2026-11-23 story is "news".

use std::collections::{BTreeMap, BTreeSet};

use feed_rs::model::{Entry, Feed, FeedType};
use quick_xml::events::Event;
use serde_json::{Value, json};

use crate::harness::{Site, attrs, broken_links, texts};

const ORIGIN: &str = "https://example.org";
const SITE_TITLE: &str = "Publishing Picks";

/// The stories, newest first (site paths, relative to the base URL).
const NEWS: &str = "2026/11/23/deepmind-opens-a-studio-lab-in-london/";
const ESCAPE: &str = "2026/11/20/escape-test/";
const A24: &str = "2026/11/18/a24-and-google-deepmind-extend-their-partnership/";
const LOVELACE: &str = "2026/10/30/ada-lovelace-lecture-series-announced/";
const RULING: &str = "2026/10/02/court-rules-on-training-data/";
const BUDGETS: &str = "2026/09/15/studio-budgets-for-ai-tools-double/";
const NEWEST_FIRST: [&str; 6] = [NEWS, ESCAPE, A24, LOVELACE, RULING, BUDGETS];

const HOSTILE_TITLE: &str = "</script><script>alert(1)</script> & \"Q\" ]]> <b>bold</b>";
const HOSTILE_SUMMARY: &str = "Summary with <i>tags</i> & ]]> inside";
const HOSTILE_TAG: &str = "R&D <lab>";

/// Every HTML page the sitemap must list (site paths), in no particular order.
const SITEMAP_PAGES: &[&str] = &[
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
];

/// Every term folder (taxonomy segment + slug).
const TERMS: &[&str] = &[
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

const FEED_TYPES: [(&str, &str); 3] = [
    ("feed.xml", "application/atom+xml"),
    ("rss.xml", "application/rss+xml"),
    ("feed.json", "application/feed+json"),
];

fn abs(path: &str) -> String {
    format!("{ORIGIN}/{path}")
}

fn built() -> Site {
    let site = Site::fixture("publishing");
    site.build(&[]).ok();
    site
}

// ---------------------------------------------------------------- feed helpers

fn feed(site: &Site, rel: &str) -> Feed {
    let bytes = site.read(rel);
    feed_rs::parser::parse(bytes.as_bytes())
        .unwrap_or_else(|e| panic!("{rel} does not parse as a feed: {e}\n{bytes}"))
}

fn title(e: &Entry) -> String {
    e.title
        .as_ref()
        .map(|t| t.content.clone())
        .unwrap_or_default()
}

fn titles(f: &Feed) -> Vec<String> {
    f.entries.iter().map(title).collect()
}

fn ids(f: &Feed) -> Vec<String> {
    f.entries.iter().map(|e| e.id.clone()).collect()
}

fn first_link(e: &Entry) -> String {
    e.links.first().map(|l| l.href.clone()).unwrap_or_default()
}

fn entry<'f>(f: &'f Feed, path: &str) -> &'f Entry {
    let url = abs(path);
    f.entries
        .iter()
        .find(|e| e.id == url)
        .unwrap_or_else(|| panic!("no entry with id {url} in {:?}", ids(f)))
}

fn categories(e: &Entry) -> Vec<String> {
    e.categories.iter().map(|c| c.term.clone()).collect()
}

fn authors(e: &Entry) -> Vec<String> {
    e.authors.iter().filter_map(|p| p.name.clone()).collect()
}

fn summary(e: &Entry) -> String {
    e.summary
        .as_ref()
        .map(|t| t.content.clone())
        .unwrap_or_default()
}

fn content(e: &Entry) -> Option<String> {
    e.content.as_ref().and_then(|c| c.body.clone())
}

/// An entry's (published, updated) times in UTC, RFC 3339.
fn dates(e: &Entry) -> (String, String) {
    (
        e.published.map(|d| d.to_rfc3339()).unwrap_or_default(),
        e.updated.map(|d| d.to_rfc3339()).unwrap_or_default(),
    )
}

fn json(site: &Site, rel: &str) -> Value {
    let text = site.read(rel);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel} is not JSON: {e}\n{text}"))
}

// ----------------------------------------------------------------- XML helpers

fn resolve_ref(name: &str, r: &quick_xml::events::BytesRef<'_>) -> String {
    if r.is_char_ref() {
        let c = r
            .resolve_char_ref()
            .unwrap_or_else(|e| panic!("{name}: bad character reference: {e}"))
            .unwrap_or_else(|| panic!("{name}: character reference resolves to nothing"));
        c.to_string()
    } else {
        let entity = r
            .decode()
            .unwrap_or_else(|e| panic!("{name}: undecodable reference: {e}"));
        quick_xml::escape::resolve_predefined_entity(&entity)
            .unwrap_or_else(|| panic!("{name}: undefined entity &{entity};"))
            .to_owned()
    }
}

/// Reads every event of an XML document to `Eof` and checks what quick-xml leaves to
/// the caller: one root element, every element closed, only predefined entities, no
/// `<` in attribute values and no `]]>` in character data.
fn assert_well_formed(name: &str, xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut roots = 0;
    let check_attrs = |e: &quick_xml::events::BytesStart<'_>| {
        for a in e.attributes() {
            let a = a.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"));
            assert!(
                !a.value.contains(&b'<'),
                "{name}: '<' in an attribute value"
            );
            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .unwrap_or_else(|err| panic!("{name}: bad attribute value: {err}"));
        }
    };
    loop {
        let event = reader.read_event().unwrap_or_else(|e| {
            panic!(
                "{name}: not well-formed at byte {}: {e}",
                reader.buffer_position()
            )
        });
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                roots += usize::from(open.is_empty());
                check_attrs(&e);
                open.push(e.name().as_ref().to_vec());
            }
            Event::Empty(e) => {
                roots += usize::from(open.is_empty());
                check_attrs(&e);
            }
            Event::End(e) => {
                let start = open
                    .pop()
                    .unwrap_or_else(|| panic!("{name}: end tag without start"));
                assert_eq!(start, e.name().as_ref(), "{name}: mismatched end tag");
            }
            Event::Text(t) => {
                let text = t
                    .decode()
                    .unwrap_or_else(|e| panic!("{name}: undecodable text: {e}"));
                assert!(!text.contains("]]>"), "{name}: raw ]]> in character data");
                if open.is_empty() {
                    assert!(
                        text.trim().is_empty(),
                        "{name}: text outside the root element: {text:?}"
                    );
                }
            }
            Event::GeneralRef(r) => {
                assert!(!open.is_empty(), "{name}: reference outside the root");
                resolve_ref(name, &r);
            }
            Event::DocType(_) => panic!("{name}: unexpected DOCTYPE"),
            Event::CData(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    assert!(
        open.is_empty(),
        "{name}: unclosed elements {:?}",
        open.iter()
            .map(|o| String::from_utf8_lossy(o))
            .collect::<Vec<_>>()
    );
    assert_eq!(roots, 1, "{name}: expected one root element");
}

/// The records of an XML document: for each `record` element, the text of every
/// element inside it by qualified name (entities resolved).
fn xml_records(xml: &str, record: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: Vec<BTreeMap<String, String>> = Vec::new();
    let mut inside = false;
    let mut current: Option<(String, String)> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) => {
                let n = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if n == record {
                    inside = true;
                    out.push(BTreeMap::new());
                } else if inside {
                    current = Some((n, String::new()));
                }
            }
            Event::End(e) => {
                let n = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if n == record {
                    inside = false;
                } else if let Some((cn, text)) = current.take()
                    && cn == n
                {
                    out.last_mut().unwrap().insert(cn, text);
                }
            }
            Event::Text(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t.decode().unwrap());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&resolve_ref("record", &r));
                }
            }
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------- HTML helpers

fn is_redirect_stub(html: &str) -> bool {
    html.contains("http-equiv=\"refresh\"")
}

/// Every HTML page of the built site that is not a redirect stub, with its URL path
/// (relative to the base path): `index.html` → "", `a/b/index.html` → "a/b/".
fn html_pages(site: &Site) -> Vec<(String, String)> {
    site.files()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
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

fn page_file(path: &str) -> String {
    format!("{path}index.html")
}

/// `content` of `<meta property=X>` or `<meta name=X>`.
fn meta(doc: &scraper::Html, key: &str) -> Vec<String> {
    let mut v = attrs(doc, &format!("head meta[property=\"{key}\"]"), "content");
    v.extend(attrs(doc, &format!("head meta[name=\"{key}\"]"), "content"));
    v
}

fn one_meta(doc: &scraper::Html, key: &str, page: &str) -> String {
    let v = meta(doc, key);
    assert_eq!(v.len(), 1, "{page}: expected one {key} meta tag, got {v:?}");
    v.into_iter().next().unwrap()
}

/// (type, href) of every feed autodiscovery link in <head>, in document order.
fn feed_links(doc: &scraper::Html) -> Vec<(String, String)> {
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

fn expected_feed_links(base: &str, term: Option<&str>) -> Vec<(String, String)> {
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
fn term_of(path: &str) -> Option<String> {
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

fn one_json_ld(site: &Site, path: &str) -> Value {
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

fn breadcrumbs(ld: &Value) -> Vec<(u64, String, String)> {
    ld["breadcrumb"]["itemListElement"]
        .as_array()
        .unwrap_or_else(|| panic!("no breadcrumb list in {ld}"))
        .iter()
        .map(|i| {
            assert_eq!(i["@type"], "ListItem", "{i}");
            (
                i["position"].as_u64().unwrap(),
                i["name"].as_str().unwrap().to_owned(),
                i["item"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

// ------------------------------------------------------------------------ feeds

#[test]
fn site_feeds_hold_the_newest_stories_in_three_formats() {
    let site = built();
    let expected_ids: Vec<String> = NEWEST_FIRST[..4].iter().map(|p| abs(p)).collect();
    let expected_titles = [
        "DeepMind opens a studio lab in London",
        HOSTILE_TITLE,
        "A24 and Google DeepMind extend their partnership",
        "Ada Lovelace lecture series announced",
    ];
    for (file, kind) in [
        ("feed.xml", FeedType::Atom),
        ("rss.xml", FeedType::RSS2),
        ("feed.json", FeedType::JSON),
    ] {
        let f = feed(&site, file);
        assert_eq!(f.feed_type, kind, "{file}");
        assert_eq!(
            f.title.as_ref().map(|t| t.content.as_str()),
            Some(SITE_TITLE),
            "{file}"
        );
        // Newest first, cut at `[feeds] limit = 4` (the fixture has six stories).
        assert_eq!(ids(&f), expected_ids, "{file}: entry ids");
        assert_eq!(
            f.entries.iter().map(first_link).collect::<Vec<_>>(),
            expected_ids,
            "{file}: entry links"
        );
        assert_eq!(titles(&f), expected_titles, "{file}: titles");

        let news = entry(&f, NEWS);
        let a24 = entry(&f, A24);
        assert_eq!(
            dates(news).0,
            "2026-11-23T00:00:00+00:00",
            "{file}: published"
        );
        assert_eq!(
            dates(a24).0,
            "2026-11-18T13:30:00+00:00",
            "{file}: published (-05:00 offset)"
        );
        if kind != FeedType::RSS2 {
            assert_eq!(dates(a24).1, "2026-11-21T16:00:00+00:00", "{file}: updated");
            assert_eq!(
                dates(news).1,
                "2026-11-23T00:00:00+00:00",
                "{file}: updated defaults to published"
            );
        }
        // The story's author, else the site's.
        assert_eq!(authors(news), ["Mira Chen"], "{file}");
        assert_eq!(authors(a24), ["Picks Desk"], "{file}");
        // Category name, then tag names.
        assert_eq!(
            categories(news),
            ["AI Technology", "research", "studios"],
            "{file}"
        );
        assert_eq!(
            categories(a24),
            ["Studios & Deals", "research", "independent film"],
            "{file}"
        );
        // Summaries: the writer's, else the first paragraph.
        assert_eq!(
            summary(news),
            "A new lab where researchers and filmmakers share one floor.",
            "{file}"
        );
        assert_eq!(
            summary(a24),
            "The partnership from July runs for two more years.",
            "{file}"
        );
        // full_content = true: the whole article, with absolute URLs.
        let body = content(news).unwrap_or_else(|| panic!("{file}: no full content"));
        assert!(
            body.contains(r#"<a href="https://example.org/archive/">our archive</a>"#),
            "{file}: {body}"
        );
        assert!(
            body.contains(
                r#"<a href="https://example.org/parties/google-deepmind/">partner page</a>"#
            ),
            "{file}: {body}"
        );
        assert!(
            body.contains(r#"src="https://example.org/images/lead.svg""#),
            "{file}: {body}"
        );
        assert!(
            body.contains(r#"<a href="https://example.net/x">outside link</a>"#),
            "{file}: {body}"
        );
        assert!(
            !body.contains("href=\"/") && !body.contains("src=\"/"),
            "{file}: root-relative URL left in {body}"
        );
        let a24_body = content(a24).unwrap_or_default();
        assert!(
            a24_body.contains("<p>More details followed in a call with reporters.</p>"),
            "{file}: {a24_body}"
        );
    }

    // Feed-level data, format by format.
    let atom = feed(&site, "feed.xml");
    assert_eq!(atom.id, format!("{ORIGIN}/feed.xml"));
    assert_eq!(
        atom.updated.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-11-23T00:00:00+00:00")
    );
    let link = |f: &Feed, rel: &str| {
        f.links
            .iter()
            .find(|l| l.rel.as_deref() == Some(rel))
            .map(|l| l.href.clone())
    };
    assert_eq!(link(&atom, "self"), Some(format!("{ORIGIN}/feed.xml")));
    assert_eq!(link(&atom, "alternate"), Some(format!("{ORIGIN}/")));
    assert!(
        site.read("feed.xml")
            .contains(r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">"#)
    );
    assert!(site.read("feed.xml").contains(r#"<content type="html">"#));

    let rss = feed(&site, "rss.xml");
    // feed-rs lower-cases the language tag; the file keeps the configured spelling.
    assert_eq!(rss.language.as_deref(), Some("en-gb"));
    assert_eq!(
        rss.description.as_ref().map(|d| d.content.as_str()),
        Some("Feeds, sitemaps and metadata, in miniature.")
    );
    assert!(
        rss.links.iter().any(|l| l.href == format!("{ORIGIN}/")),
        "{:?}",
        rss.links
    );
    let rss_raw = site.read("rss.xml");
    assert!(rss_raw.contains(r#"<rss version="2.0""#));
    assert!(rss_raw.contains("<language>en-GB</language>"));
    assert!(rss_raw.contains(&format!(
        r#"<atom:link href="{ORIGIN}/rss.xml" rel="self" type="application/rss+xml"/>"#
    )));
    assert!(rss_raw.contains(&format!(
        r#"<guid isPermaLink="true">{ORIGIN}/{NEWS}</guid>"#
    )));
    assert!(
        rss_raw.contains("<pubDate>Wed, 18 Nov 2026 08:30:00 -0500</pubDate>"),
        "RFC 2822 dates"
    );
    assert!(rss_raw.contains("<content:encoded>"));

    let j = json(&site, "feed.json");
    assert_eq!(j["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(j["title"], SITE_TITLE);
    assert_eq!(j["home_page_url"], format!("{ORIGIN}/"));
    assert_eq!(j["feed_url"], format!("{ORIGIN}/feed.json"));
    assert_eq!(j["language"], "en-GB");
    let items = j["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["id"], abs(NEWS));
    assert_eq!(items[0]["url"], abs(NEWS));
    assert_eq!(items[0]["authors"], json!([{ "name": "Mira Chen" }]));
    assert_eq!(
        items[0]["tags"],
        json!(["AI Technology", "research", "studios"])
    );
    assert!(
        items[0]["content_html"]
            .as_str()
            .unwrap()
            .contains(r#"href="https://example.org/archive/""#)
    );
    assert_eq!(items[2]["date_published"], "2026-11-18T08:30:00-05:00");
    assert_eq!(items[2]["date_modified"], "2026-11-21T16:00:00+00:00");
    assert_eq!(items[2]["authors"], json!([{ "name": "Picks Desk" }]));
}

#[test]
fn every_term_has_feeds_with_only_its_stories() {
    let site = built();
    let expect: &[(&str, &str, &[&str])] = &[
        (
            "categories/ai-technology",
            "AI Technology",
            &[NEWS, LOVELACE],
        ),
        (
            "categories/studios-and-deals",
            "Studios & Deals",
            &[A24, BUDGETS],
        ),
        (
            "categories/law-and-policy",
            "Law & Policy",
            &[ESCAPE, RULING],
        ),
        ("tags/copyright", "copyright", &[ESCAPE, RULING]),
        ("tags/finance", "finance", &[BUDGETS]),
        ("tags/independent-film", "independent film", &[A24]),
        ("tags/r-and-d-lab", HOSTILE_TAG, &[ESCAPE]),
        ("tags/research", "research", &[NEWS, A24, LOVELACE]),
        ("tags/studios", "studios", &[NEWS]),
        ("parties/a24", "A24", &[A24, BUDGETS]),
        ("parties/ada-lovelace", "Ada Lovelace", &[NEWS, LOVELACE]),
        ("parties/google-deepmind", "Google DeepMind", &[NEWS, A24]),
        ("parties/warner-bros", "Warner Bros", &[ESCAPE]),
    ];
    // Every term page of the output is covered above.
    let term_pages: BTreeSet<String> = site
        .files()
        .iter()
        .filter_map(|f| f.strip_suffix("/index.html"))
        .filter(|d| d.matches('/').count() == 1 && term_of(&format!("{d}/")).is_some())
        .map(str::to_owned)
        .collect();
    assert_eq!(
        term_pages,
        TERMS
            .iter()
            .map(|t| (*t).to_owned())
            .collect::<BTreeSet<_>>()
    );
    assert_eq!(expect.iter().map(|e| e.0).collect::<Vec<_>>(), TERMS);

    for (term, name, stories) in expect {
        let want: Vec<String> = stories.iter().map(|p| abs(p)).collect();
        for (file, _) in FEED_TYPES {
            let rel = format!("{term}/{file}");
            let f = feed(&site, &rel);
            assert_eq!(
                f.title.as_ref().map(|t| t.content.clone()),
                Some(format!("{SITE_TITLE}: {name}")),
                "{rel}"
            );
            assert_eq!(ids(&f), want, "{rel}: the term's stories, newest first");
            assert_eq!(
                f.entries.iter().map(first_link).collect::<Vec<_>>(),
                want,
                "{rel}"
            );
            assert!(
                f.entries.iter().all(|e| content(e).is_some()),
                "{rel}: full_content applies to term feeds"
            );
        }
        let atom = site.read(&format!("{term}/feed.xml"));
        assert!(
            atom.contains(&format!(
                r#"<link href="{ORIGIN}/{term}/feed.xml" rel="self""#
            )),
            "{term}"
        );
        assert!(
            atom.contains(&format!(r#"<link href="{ORIGIN}/{term}/" rel="alternate""#)),
            "{term}"
        );
        assert!(
            site.read(&format!("{term}/rss.xml"))
                .contains(&format!("<link>{ORIGIN}/{term}/</link>")),
            "{term}"
        );
        let j = json(&site, &format!("{term}/feed.json"));
        assert_eq!(
            j["feed_url"],
            format!("{ORIGIN}/{term}/feed.json"),
            "{term}"
        );
        assert_eq!(j["home_page_url"], format!("{ORIGIN}/{term}/"), "{term}");
    }
    // A term's feed is cut at the limit too (research has three stories, limit 4: all).
    let site2 = Site::fixture("publishing");
    let toml = site2.path("site.toml");
    let text = std::fs::read_to_string(&toml)
        .unwrap()
        .replace("limit = 4", "limit = 2");
    site2.write("site.toml", text);
    site2.build(&[]).ok();
    for (file, _) in FEED_TYPES {
        assert_eq!(
            ids(&feed(&site2, &format!("tags/research/{file}"))),
            [abs(NEWS), abs(A24)],
            "{file}"
        );
        assert_eq!(ids(&feed(&site2, file)), [abs(NEWS), abs(ESCAPE)], "{file}");
    }
}

#[test]
fn without_feed_settings_feeds_hold_twenty_summaries() {
    let site = Site::fixture("publishing");
    let text = std::fs::read_to_string(site.path("site.toml")).unwrap();
    let cut = &text[..text.find("[feeds]").expect("fixture sets [feeds]")];
    site.write("site.toml", cut);
    for n in 1..=18 {
        site.write(
            &format!("content/bulk/{n:02}.md"),
            format!(
                "---\ntitle: \"Bulk story {n:02}\"\ndate: 2026-08-{n:02}\ncategory: AI Technology\nparties: []\ntags: [research]\n---\n\nBulk body {n:02} with a [link](/archive/).\n\nA second paragraph.\n"
            ),
        );
    }
    site.build(&[]).ok();
    let bulk = |n: u32| abs(&format!("2026/08/{n:02}/bulk-story-{n:02}/"));
    // 24 stories: the six of the fixture, then bulk 18 down to 05.
    let mut want: Vec<String> = NEWEST_FIRST.iter().map(|p| abs(p)).collect();
    want.extend((5..=18).rev().map(bulk));
    // research: three fixture stories, then bulk 18 down to 02.
    let mut research: Vec<String> = [NEWS, A24, LOVELACE].iter().map(|p| abs(p)).collect();
    research.extend((2..=18).rev().map(bulk));
    for (file, _) in FEED_TYPES {
        let f = feed(&site, file);
        assert_eq!(f.entries.len(), 20, "{file}: default limit");
        assert_eq!(ids(&f), want, "{file}");
        assert_eq!(
            ids(&feed(&site, &format!("tags/research/{file}"))),
            research,
            "tags/research/{file}"
        );
        let e = entry(&f, "2026/08/18/bulk-story-18/");
        assert_eq!(summary(e), "Bulk body 18 with a link.", "{file}");
        if file != "feed.json" {
            // JSON Feed requires content_text or content_html; it carries the summary as text.
            assert!(
                f.entries.iter().all(|e| e.content.is_none()),
                "{file}: full content without full_content = true"
            );
        }
    }
    assert!(
        !site.read("feed.xml").contains("<content"),
        "Atom with <content> although full_content is off"
    );
    assert!(
        !site.read("rss.xml").contains("content:encoded>"),
        "RSS with content:encoded although full_content is off"
    );
    let j = json(&site, "feed.json");
    for item in j["items"].as_array().unwrap() {
        assert!(item.get("content_html").is_none(), "{item}");
        assert_eq!(item["content_text"], item["summary"], "{item}");
    }
}

// --------------------------------------------------------------- XML validity

fn check_all_xml_and_json(site: &Site) -> (usize, usize) {
    let (mut xml, mut js) = (0, 0);
    for file in site.files() {
        if file.ends_with(".xml") {
            let text = site.read(&file);
            assert_well_formed(&file, &text);
            assert!(!text.contains("<script"), "{file}: raw <script");
            xml += 1;
        } else if file.ends_with(".json") {
            let v = json(site, &file);
            assert_eq!(v["version"], "https://jsonfeed.org/version/1.1", "{file}");
            js += 1;
        }
    }
    (xml, js)
}

#[test]
fn every_xml_file_is_well_formed_and_every_json_feed_parses() {
    let site = built();
    // Site: Atom + RSS + two sitemaps; 13 terms with Atom + RSS each.
    assert_eq!(
        check_all_xml_and_json(&site),
        (4 + 2 * TERMS.len(), 1 + TERMS.len())
    );
    let site = Site::fixture("publishing");
    site.build(&["--base-url", "https://example.org/picks/"])
        .ok();
    assert_eq!(
        check_all_xml_and_json(&site),
        (4 + 2 * TERMS.len(), 1 + TERMS.len())
    );
}

// ------------------------------------------------------------------- sitemaps

#[test]
fn sitemap_lists_every_page_with_lastmod_and_nothing_else() {
    let site = built();
    let xml = site.read("sitemap.xml");
    assert!(
        xml.contains(r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#),
        "{xml}"
    );
    let records = xml_records(&xml, "url");
    let locs: Vec<String> = records
        .iter()
        .map(|r| r.get("loc").cloned().unwrap_or_default())
        .collect();
    let unique: BTreeSet<&String> = locs.iter().collect();
    assert_eq!(
        unique.len(),
        locs.len(),
        "duplicate sitemap entries: {locs:?}"
    );
    let expected: BTreeSet<String> = SITEMAP_PAGES.iter().map(|p| abs(p)).collect();
    assert_eq!(locs.iter().cloned().collect::<BTreeSet<_>>(), expected);
    // Exactly the HTML pages of the output, less 404.html and the redirect stubs.
    let pages: BTreeSet<String> = html_pages(&site)
        .into_iter()
        .filter(|(f, _)| f != "404.html")
        .map(|(_, p)| abs(&p))
        .collect();
    assert_eq!(pages, expected);
    for skipped in [
        "404.html",
        "page/1/",
        "old/a24-deal/",
        "news/a24.html",
        "tags/research/page/1/",
    ] {
        assert!(!locs.contains(&abs(skipped)), "{skipped} is in the sitemap");
    }
    for r in &records {
        let lastmod = r
            .get("lastmod")
            .unwrap_or_else(|| panic!("no lastmod: {r:?}"));
        assert!(
            lastmod.len() == 25 && lastmod.as_bytes()[10] == b'T',
            "lastmod not RFC 3339: {r:?}"
        );
    }
    let lastmod = |p: &str| records.iter().find(|r| r["loc"] == abs(p)).unwrap()["lastmod"].clone();
    assert_eq!(lastmod(NEWS), "2026-11-23T00:00:00+00:00");
    assert_eq!(lastmod(ESCAPE), "2026-11-20T10:00:00+01:00");
    assert_eq!(
        lastmod(A24),
        "2026-11-21T16:00:00+00:00",
        "updated wins over date"
    );
    assert_eq!(lastmod(""), "2026-11-23T00:00:00+00:00");
    assert_eq!(lastmod("page/2/"), "2026-11-21T16:00:00+00:00");
    assert_eq!(lastmod("page/3/"), "2026-10-02T00:00:00+00:00");
    assert_eq!(
        lastmod("tags/research/page/2/"),
        "2026-10-30T00:00:00+00:00"
    );
    assert_eq!(
        lastmod("categories/studios-and-deals/"),
        "2026-11-21T16:00:00+00:00"
    );
    assert_eq!(lastmod("2026/"), "2026-11-23T00:00:00+00:00");
    assert_eq!(lastmod("2026/09/"), "2026-09-15T00:00:00+00:00");
    assert_eq!(lastmod("digest/2026-w47/"), "2026-11-21T16:00:00+00:00");
    assert_eq!(lastmod("digest/2026-w38/"), "2026-09-15T00:00:00+00:00");
}

#[test]
fn news_sitemap_holds_only_the_two_days_before_now() {
    let site = built();
    let xml = site.read("news-sitemap.xml");
    assert!(
        xml.contains(r#"xmlns="http://www.sitemaps.org/schemas/sitemap/0.9""#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"xmlns:news="http://www.google.com/schemas/sitemap-news/0.9""#),
        "{xml}"
    );
    let records = xml_records(&xml, "url");
    assert_eq!(records.len(), 1, "{xml}");
    let r = &records[0];
    assert_eq!(r["loc"], abs(NEWS));
    assert_eq!(r["news:name"], SITE_TITLE);
    assert_eq!(r["news:language"], "en-GB");
    assert_eq!(r["news:publication_date"], "2026-11-23T00:00:00+00:00");
    assert_eq!(r["news:title"], "DeepMind opens a studio lab in London");

    // The window moves with --now; stories after --now are not built at all.
    site.build(&["--now", "2026-11-20T12:00:00Z"]).ok();
    let records = xml_records(&site.read("news-sitemap.xml"), "url");
    let locs: Vec<&str> = records.iter().map(|r| r["loc"].as_str()).collect();
    assert_eq!(locs, [abs(ESCAPE), abs(A24)]);
    assert_eq!(
        records[1]["news:publication_date"],
        "2026-11-18T08:30:00-05:00"
    );

    site.build(&["--now", "2026-12-31T00:00:00Z"]).ok();
    assert!(xml_records(&site.read("news-sitemap.xml"), "url").is_empty());
    assert_well_formed("news-sitemap.xml (empty)", &site.read("news-sitemap.xml"));
}

#[test]
fn robots_txt_points_to_both_sitemaps() {
    let site = built();
    let robots = site.read("robots.txt");
    let sitemaps: Vec<&str> = robots
        .lines()
        .filter(|l| l.starts_with("Sitemap:"))
        .collect();
    assert_eq!(
        sitemaps,
        [
            format!("Sitemap: {ORIGIN}/sitemap.xml"),
            format!("Sitemap: {ORIGIN}/news-sitemap.xml")
        ]
    );
    assert!(robots.lines().any(|l| l == "User-agent: *"), "{robots}");
    assert!(
        !robots.lines().any(|l| l.trim() == "Disallow: /"),
        "{robots}"
    );
    assert!(site.exists("sitemap.xml") && site.exists("news-sitemap.xml"));
}

// ---------------------------------------------------------------- redirects

#[test]
fn aliases_make_redirect_pages_and_host_rules() {
    let site = built();
    for file in ["old/a24-deal/index.html", "news/a24.html"] {
        let doc = site.html(file);
        assert_eq!(
            attrs(&doc, "link[rel=canonical]", "href"),
            [abs(A24)],
            "{file}"
        );
        assert_eq!(
            attrs(&doc, "meta[http-equiv=refresh]", "content"),
            [format!("0; url={}", abs(A24))],
            "{file}"
        );
        assert_eq!(attrs(&doc, "body a", "href"), [abs(A24)], "{file}");
        assert_eq!(
            attrs(&doc, "meta[name=robots]", "content"),
            ["noindex"],
            "{file}"
        );
    }
    assert_eq!(
        site.read("_redirects"),
        format!("/old/a24-deal/ /{A24} 301\n/news/a24.html /{A24} 301\n")
    );
    // The article itself is where it always was.
    assert_eq!(
        texts(&site.html(&page_file(A24)), "h1"),
        ["A24 and Google DeepMind extend their partnership"]
    );
}

// --------------------------------------------------------------- <head> data

#[test]
fn every_page_advertises_its_feeds() {
    for base_url in [None, Some("https://example.org/picks/")] {
        let site = Site::fixture("publishing");
        match base_url {
            Some(b) => site.build(&["--base-url", b]).ok(),
            None => site.build(&[]).ok(),
        };
        let base = base_url.unwrap_or("https://example.org/");
        let pages = html_pages(&site);
        assert_eq!(pages.len(), SITEMAP_PAGES.len() + 1, "pages and 404.html");
        for (file, path) in &pages {
            let doc = site.html(file);
            let term = term_of(path);
            assert_eq!(
                feed_links(&doc),
                expected_feed_links(base, term.as_deref()),
                "{base}{file}: feed autodiscovery"
            );
        }
    }
}

#[test]
fn every_page_has_canonical_description_and_open_graph_basics() {
    let site = built();
    assert_eq!(broken_links(&site, "/"), Vec::<String>::new());
    for (file, path) in html_pages(&site) {
        let doc = site.html(&file);
        let url = abs(&path);
        assert_eq!(
            attrs(&doc, "head link[rel=canonical]", "href"),
            std::slice::from_ref(&url),
            "{file}"
        );
        assert!(
            !one_meta(&doc, "description", &file).trim().is_empty(),
            "{file}: empty description"
        );
        assert_eq!(one_meta(&doc, "og:url", &file), url, "{file}");
        assert!(
            !one_meta(&doc, "og:title", &file).trim().is_empty(),
            "{file}"
        );
        assert!(
            !one_meta(&doc, "og:description", &file).trim().is_empty(),
            "{file}"
        );
        let og_type = if NEWEST_FIRST.contains(&path.as_str()) {
            "article"
        } else {
            "website"
        };
        assert_eq!(one_meta(&doc, "og:type", &file), og_type, "{file}");
        assert_eq!(one_meta(&doc, "og:site_name", &file), SITE_TITLE, "{file}");
    }
    let doc = site.html(&page_file(NEWS));
    assert_eq!(
        one_meta(&doc, "og:title", NEWS),
        "DeepMind opens a studio lab in London"
    );
    assert_eq!(
        one_meta(&doc, "og:description", NEWS),
        "A new lab where researchers and filmmakers share one floor."
    );
    assert_eq!(
        one_meta(&doc, "description", NEWS),
        "A new lab where researchers and filmmakers share one floor."
    );
    let home = site.html("index.html");
    assert_eq!(one_meta(&home, "og:title", "index.html"), SITE_TITLE);
    assert_eq!(
        one_meta(&home, "description", "index.html"),
        "Feeds, sitemaps and metadata, in miniature."
    );
    let cat = site.html("categories/ai-technology/index.html");
    assert_eq!(
        one_meta(&cat, "description", "category"),
        "Models, research and tools."
    );
}

#[test]
fn stories_carry_open_graph_article_tags() {
    let site = built();
    let doc = site.html(&page_file(NEWS));
    assert_eq!(one_meta(&doc, "og:type", NEWS), "article");
    assert_eq!(one_meta(&doc, "og:image", NEWS), abs("images/lead.svg"));
    assert!(site.exists("images/lead.svg"));
    assert_eq!(
        one_meta(&doc, "og:image:alt", NEWS),
        "A lab bench under studio lights"
    );
    assert_eq!(
        one_meta(&doc, "article:published_time", NEWS),
        "2026-11-23T00:00:00+00:00"
    );
    assert_eq!(one_meta(&doc, "article:section", NEWS), "AI Technology");
    assert_eq!(meta(&doc, "article:tag"), ["research", "studios"]);

    let doc = site.html(&page_file(A24));
    assert_eq!(
        one_meta(&doc, "article:published_time", A24),
        "2026-11-18T08:30:00-05:00"
    );
    assert_eq!(
        one_meta(&doc, "article:modified_time", A24),
        "2026-11-21T16:00:00+00:00"
    );
    assert_eq!(one_meta(&doc, "article:section", A24), "Studios & Deals");
    assert_eq!(meta(&doc, "article:tag"), ["research", "independent film"]);
    assert!(meta(&doc, "og:image").is_empty(), "no image, no og:image");
    assert!(meta(&doc, "og:image:alt").is_empty());

    // Non-story pages carry no article:* tags.
    let home = site.html("index.html");
    assert!(meta(&home, "article:published_time").is_empty());
    assert!(meta(&home, "article:section").is_empty());
}

#[test]
fn every_story_states_its_modified_time() {
    let site = built();
    let expected = [
        (NEWS, "2026-11-23T00:00:00+00:00"),
        (ESCAPE, "2026-11-20T10:00:00+01:00"),
        (A24, "2026-11-21T16:00:00+00:00"),
        (LOVELACE, "2026-10-30T00:00:00+00:00"),
        (RULING, "2026-10-02T00:00:00+00:00"),
        (BUDGETS, "2026-09-15T00:00:00+00:00"),
    ];
    for (path, when) in expected {
        let doc = site.html(&page_file(path));
        assert_eq!(
            meta(&doc, "article:modified_time"),
            [when],
            "{path}: article:modified_time (updated, else date)"
        );
    }
}

#[test]
fn every_page_has_a_twitter_card() {
    let site = built();
    for (file, _) in html_pages(&site) {
        let doc = site.html(&file);
        let card = one_meta(&doc, "twitter:card", &file);
        assert!(
            card == "summary" || card == "summary_large_image",
            "{file}: twitter:card {card}"
        );
        for (tw, og) in [
            ("twitter:title", "og:title"),
            ("twitter:description", "og:description"),
        ] {
            let v = meta(&doc, tw);
            assert!(
                v.is_empty() || v == meta(&doc, og),
                "{file}: {tw} {v:?} differs from {og} {:?}",
                meta(&doc, og)
            );
        }
    }
    let doc = site.html(&page_file(NEWS));
    assert_eq!(
        one_meta(&doc, "twitter:card", NEWS),
        "summary_large_image",
        "a story with an image"
    );
    let image = meta(&doc, "twitter:image");
    assert!(
        image.is_empty() || image == [abs("images/lead.svg")],
        "{image:?}"
    );
    assert_eq!(
        one_meta(&site.html(&page_file(A24)), "twitter:card", A24),
        "summary"
    );
}

#[test]
fn stories_have_news_article_json_ld() {
    let site = built();
    let ld = one_json_ld(&site, NEWS);
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "DeepMind opens a studio lab in London");
    assert_eq!(
        ld["description"],
        "A new lab where researchers and filmmakers share one floor."
    );
    assert_eq!(ld["url"], abs(NEWS));
    assert_eq!(ld["mainEntityOfPage"], abs(NEWS));
    assert_eq!(ld["datePublished"], "2026-11-23T00:00:00+00:00");
    assert_eq!(ld["dateModified"], "2026-11-23T00:00:00+00:00");
    assert_eq!(ld["inLanguage"], "en-GB");
    assert_eq!(ld["author"]["name"], "Mira Chen");
    assert_eq!(ld["author"]["@type"], "Person");
    assert_eq!(ld["publisher"]["name"], SITE_TITLE);
    assert_eq!(ld["publisher"]["logo"]["url"], abs("images/logo.svg"));
    let image = &ld["image"];
    assert!(
        *image == json!([abs("images/lead.svg")]) || *image == json!(abs("images/lead.svg")),
        "image: {image}"
    );
    assert_eq!(ld["articleSection"], "AI Technology");
    assert_eq!(ld["keywords"], json!(["research", "studios"]));
    for key in ["about", "mentions"] {
        let parties = ld[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} is not a list: {ld}"));
        let find = |name: &str| {
            parties
                .iter()
                .find(|p| p["name"] == name)
                .unwrap_or_else(|| panic!("{key}: no {name}"))
        };
        let dm = find("Google DeepMind");
        assert_eq!(dm["@type"], "Organization");
        assert_eq!(dm["url"], abs("parties/google-deepmind/"));
        assert_eq!(dm["sameAs"], "https://deepmind.google/");
        let ada = find("Ada Lovelace");
        assert_eq!(ada["@type"], "Person", "declared kind = \"person\"");
        assert_eq!(ada["url"], abs("parties/ada-lovelace/"));
        assert_eq!(parties.len(), 2, "{key}");
    }
    let sources = ld["isBasedOn"].as_array().expect("isBasedOn list");
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0]["name"], "Google DeepMind: the London studio lab");
    assert_eq!(
        sources[0]["url"],
        "https://deepmind.google/discover/blog/studio-lab/?a=1&b=2"
    );

    let ld = one_json_ld(&site, A24);
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["datePublished"], "2026-11-18T08:30:00-05:00");
    assert_eq!(ld["dateModified"], "2026-11-21T16:00:00+00:00");
    assert_eq!(ld["author"]["name"], "Picks Desk", "the site's author");
    assert_eq!(ld["articleSection"], "Studios & Deals");
    assert!(ld.get("image").is_none(), "no image: {ld}");
    let about = ld["about"].as_array().unwrap();
    assert!(
        about.iter().any(|p| p["name"] == "A24"
            && p["@type"] == "Organization"
            && p["url"] == abs("parties/a24/")),
        "{about:?}"
    );

    let ld = one_json_ld(&site, RULING);
    assert_eq!(ld["about"], json!([]), "no parties");
}

#[test]
fn list_pages_have_collection_page_json_ld_with_breadcrumbs() {
    let site = built();
    let home = (1, SITE_TITLE.to_owned(), abs(""));
    let crumbs = |path: &str| {
        let ld = one_json_ld(&site, path);
        assert_eq!(ld["@context"], "https://schema.org", "{path}");
        assert_eq!(ld["@type"], "CollectionPage", "{path}");
        assert_eq!(ld["url"], abs(path), "{path}");
        assert_eq!(ld["publisher"]["name"], SITE_TITLE, "{path}");
        assert_eq!(
            ld["publisher"]["logo"]["url"],
            abs("images/logo.svg"),
            "{path}"
        );
        assert_eq!(ld["breadcrumb"]["@type"], "BreadcrumbList", "{path}");
        breadcrumbs(&ld)
    };
    assert_eq!(crumbs(""), std::slice::from_ref(&home));
    assert_eq!(
        crumbs("categories/"),
        [home.clone(), (2, "Categories".into(), abs("categories/"))]
    );
    assert_eq!(
        crumbs("tags/research/"),
        [
            home.clone(),
            (2, "Tags".into(), abs("tags/")),
            (3, "research".into(), abs("tags/research/"))
        ]
    );
    assert_eq!(
        crumbs("tags/research/page/2/"),
        [
            home.clone(),
            (2, "Tags".into(), abs("tags/")),
            (3, "research".into(), abs("tags/research/page/2/"))
        ]
    );
    assert_eq!(
        crumbs("parties/ada-lovelace/"),
        [
            home.clone(),
            (2, "Parties".into(), abs("parties/")),
            (3, "Ada Lovelace".into(), abs("parties/ada-lovelace/"))
        ]
    );
    assert_eq!(
        crumbs("tags/r-and-d-lab/"),
        [
            home.clone(),
            (2, "Tags".into(), abs("tags/")),
            (3, HOSTILE_TAG.into(), abs("tags/r-and-d-lab/"))
        ]
    );
    assert_eq!(
        crumbs("2026/11/"),
        [home.clone(), (2, "November 2026".into(), abs("2026/11/"))]
    );
    // Every other list page: one CollectionPage whose crumbs run from home to itself.
    for path in SITEMAP_PAGES.iter().filter(|p| !NEWEST_FIRST.contains(p)) {
        let c = crumbs(path);
        assert_eq!(c[0], home, "{path}");
        assert_eq!(c.last().unwrap().2, abs(path), "{path}");
        assert_eq!(
            c.iter().map(|x| x.0).collect::<Vec<_>>(),
            (1..=c.len() as u64).collect::<Vec<_>>(),
            "{path}"
        );
    }
}

#[test]
fn the_theme_has_a_404_page() {
    let theme_404 = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("themes/smartpicks/templates/404.html");
    assert!(theme_404.is_file());
    let site = built();
    assert!(
        !site.path("templates/404.html").exists(),
        "the fixture uses the theme's page"
    );
    let doc = site.html("404.html");
    assert_eq!(texts(&doc, "h1"), ["Page not found"]);
    assert_eq!(attrs(&doc, "meta[name=robots]", "content"), ["noindex"]);
    assert_eq!(attrs(&doc, "html", "lang"), ["en-GB"]);
    // Its links work from any depth (root-relative, not relative).
    for href in attrs(&doc, "main a", "href") {
        assert!(href.starts_with('/'), "{href}");
    }
}

// --------------------------------------------------------------- escaping

#[test]
fn a_hostile_title_is_inert_everywhere() {
    let site = built();
    let script_sel = scraper::Selector::parse("script").unwrap();
    let mut pages_with_title = 0;
    for file in site.files().iter().filter(|f| f.ends_with(".html")) {
        let html = site.read(file);
        for raw in [
            "<script>alert(1)",
            "</script><script>",
            "<b>bold</b>",
            "<i>tags</i>",
            "<i>Court filing</i>",
            "<lab>",
        ] {
            assert!(!html.contains(raw), "{file}: raw {raw:?} in the page");
        }
        for s in site.html(file).select(&script_sel) {
            assert_eq!(
                s.value().attr("type"),
                Some("application/ld+json"),
                "{file}: a script that is not JSON-LD: {}",
                s.html()
            );
            assert!(
                !s.text().collect::<String>().contains("alert(1)</"),
                "{file}: {}",
                s.html()
            );
        }
        pages_with_title += usize::from(html.contains("alert(1)"));
    }
    // Article, home, category, two tags, party, month, year?, digest...: it is shown, escaped.
    assert!(
        pages_with_title >= 6,
        "the title shows on {pages_with_title} pages"
    );

    // The article gives back the exact text.
    let doc = site.html(&page_file(ESCAPE));
    assert_eq!(texts(&doc, "h1"), [HOSTILE_TITLE]);
    assert_eq!(
        texts(&doc, "title"),
        [format!("{HOSTILE_TITLE} · {SITE_TITLE}")]
    );
    assert_eq!(one_meta(&doc, "og:title", ESCAPE), HOSTILE_TITLE);
    assert_eq!(one_meta(&doc, "description", ESCAPE), HOSTILE_SUMMARY);
    assert_eq!(meta(&doc, "article:tag"), ["copyright", HOSTILE_TAG]);
    assert_eq!(one_meta(&doc, "article:section", ESCAPE), "Law & Policy");
    assert!(texts(&site.html("index.html"), ".card-title").contains(&HOSTILE_TITLE.to_owned()));

    // Feeds parse and give back the exact text.
    for scope in [
        "",
        "categories/law-and-policy/",
        "tags/copyright/",
        "tags/r-and-d-lab/",
        "parties/warner-bros/",
    ] {
        for (file, _) in FEED_TYPES {
            let rel = format!("{scope}{file}");
            let f = feed(&site, &rel);
            let e = entry(&f, ESCAPE);
            assert_eq!(title(e), HOSTILE_TITLE, "{rel}");
            assert_eq!(summary(e), HOSTILE_SUMMARY, "{rel}");
            assert_eq!(
                categories(e),
                ["Law & Policy", "copyright", HOSTILE_TAG],
                "{rel}"
            );
            let body = content(e).unwrap_or_default();
            assert!(
                body.contains("&lt;script&gt;") && !body.contains("<script"),
                "{rel}: {body}"
            );
        }
    }
    assert_eq!(
        feed(&site, "tags/r-and-d-lab/feed.xml")
            .title
            .map(|t| t.content),
        Some(format!("{SITE_TITLE}: {HOSTILE_TAG}"))
    );
    let j = json(&site, "feed.json");
    assert_eq!(j["items"][1]["title"], HOSTILE_TITLE);
    assert_eq!(j["items"][1]["summary"], HOSTILE_SUMMARY);
    for file in site.files().iter().filter(|f| f.ends_with(".xml")) {
        let xml = site.read(file);
        assert_well_formed(file, &xml);
        for raw in ["<script", "]]>", "<b>", "<i>", "<lab>"] {
            assert!(!xml.contains(raw), "{file}: raw {raw:?}");
        }
    }

    // The news sitemap, in a build where the story is news.
    let news_site = Site::fixture("publishing");
    news_site.build(&["--now", "2026-11-21T12:00:00Z"]).ok();
    let news = news_site.read("news-sitemap.xml");
    assert_well_formed("news-sitemap.xml", &news);
    let records = xml_records(&news, "url");
    assert_eq!(records.len(), 1, "{news}");
    assert_eq!(records[0]["loc"], abs(ESCAPE));
    assert_eq!(records[0]["news:title"], HOSTILE_TITLE);

    // JSON-LD parses and gives back the exact text.
    let ld = one_json_ld(&site, ESCAPE);
    assert_eq!(ld["headline"], HOSTILE_TITLE);
    assert_eq!(ld["description"], HOSTILE_SUMMARY);
    assert_eq!(ld["keywords"], json!(["copyright", HOSTILE_TAG]));
    assert_eq!(ld["isBasedOn"][0]["name"], "<i>Court filing</i> ]]>");
    assert_eq!(
        ld["isBasedOn"][0]["url"],
        "https://courts.example.net/filing?x=1&y=2"
    );
    let doc = site.html(&page_file(ESCAPE));
    assert!(
        attrs(&doc, "a", "href").contains(&"https://courts.example.net/filing?x=1&y=2".to_owned())
    );
}

// --------------------------------------------------------------- sub-path

fn check_sub_path(site: &Site) {
    let base = "https://example.org/picks/";
    let at = |p: &str| format!("{base}{p}");
    assert_eq!(broken_links(site, "/picks/"), Vec::<String>::new());
    // No internal link leaves the base path.
    for (file, _) in html_pages(site) {
        let doc = site.html(&file);
        for attr in ["href", "src", "content"] {
            for v in attrs(&doc, &format!("[{attr}]"), attr) {
                if v.starts_with('/') && !v.starts_with("//") {
                    assert!(v.starts_with("/picks/"), "{file}: {attr}={v}");
                }
                if v.starts_with(ORIGIN) {
                    assert!(v.starts_with(base), "{file}: {attr}={v}");
                }
            }
        }
    }
    let doc = site.html(&page_file(NEWS));
    assert_eq!(attrs(&doc, "link[rel=canonical]", "href"), [at(NEWS)]);
    assert_eq!(one_meta(&doc, "og:url", NEWS), at(NEWS));
    assert_eq!(one_meta(&doc, "og:image", NEWS), at("images/lead.svg"));
    assert_eq!(
        attrs(&doc, ".article-body a", "href")[..2],
        ["/picks/archive/", "/picks/parties/google-deepmind/"]
    );
    assert_eq!(
        attrs(&doc, "link[rel=stylesheet]", "href"),
        ["/picks/style.css"]
    );

    // Feeds.
    let mut feeds = vec![String::new()];
    feeds.extend(TERMS.iter().map(|t| format!("{t}/")));
    for scope in &feeds {
        for (file, _) in FEED_TYPES {
            let rel = format!("{scope}{file}");
            let f = feed(site, &rel);
            assert!(!f.entries.is_empty(), "{rel}");
            for e in &f.entries {
                assert!(e.id.starts_with(base), "{rel}: id {}", e.id);
                assert!(
                    e.links.iter().all(|l| l.href.starts_with(base)),
                    "{rel}: {:?}",
                    e.links
                );
                let body = content(e).unwrap_or_default();
                assert!(
                    !body.contains("href=\"/") && !body.contains("src=\"/"),
                    "{rel}: {body}"
                );
                assert!(
                    !body.contains("https://example.org/archive/"),
                    "{rel}: base path lost: {body}"
                );
            }
            assert!(
                f.links.iter().all(|l| l.href.starts_with(base)),
                "{rel}: {:?}",
                f.links
            );
        }
        let j = json(site, &format!("{scope}feed.json"));
        assert_eq!(j["feed_url"], at(&format!("{scope}feed.json")));
        assert_eq!(j["home_page_url"], at(scope));
        let atom = site.read(&format!("{scope}feed.xml"));
        assert!(
            atom.contains(&format!(r#"<link href="{base}{scope}feed.xml" rel="self""#)),
            "{scope}"
        );
        assert!(
            atom.contains(&format!("<id>{base}{scope}feed.xml</id>")),
            "{scope}"
        );
    }
    let news = content(entry_at(&feed(site, "feed.xml"), &at(NEWS))).unwrap();
    assert!(
        news.contains(r#"href="https://example.org/picks/archive/""#),
        "{news}"
    );
    assert!(
        news.contains(r#"src="https://example.org/picks/images/lead.svg""#),
        "{news}"
    );

    // Sitemaps and robots.
    let locs: BTreeSet<String> = xml_records(&site.read("sitemap.xml"), "url")
        .into_iter()
        .map(|r| r["loc"].clone())
        .collect();
    assert_eq!(
        locs,
        SITEMAP_PAGES.iter().map(|p| at(p)).collect::<BTreeSet<_>>()
    );
    let news_map = xml_records(&site.read("news-sitemap.xml"), "url");
    assert_eq!(
        news_map
            .iter()
            .map(|r| r["loc"].clone())
            .collect::<Vec<_>>(),
        [at(NEWS)]
    );
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

    // Redirects: the stub sits at the same place in the output; paths carry /picks/.
    assert_eq!(
        site.read("_redirects"),
        format!("/picks/old/a24-deal/ /picks/{A24} 301\n/picks/news/a24.html /picks/{A24} 301\n")
    );
    let stub = site.html("old/a24-deal/index.html");
    assert_eq!(attrs(&stub, "link[rel=canonical]", "href"), [at(A24)]);
    assert_eq!(
        attrs(&stub, "meta[http-equiv=refresh]", "content"),
        [format!("0; url={}", at(A24))]
    );
    for file in site.files().iter().filter(|f| f.ends_with(".xml")) {
        assert_well_formed(file, &site.read(file));
    }
}

fn entry_at<'f>(f: &'f Feed, url: &str) -> &'f Entry {
    f.entries
        .iter()
        .find(|e| e.id == url)
        .unwrap_or_else(|| panic!("no entry {url}"))
}

#[test]
fn a_sub_path_base_url_on_the_command_line_reaches_everything() {
    let site = Site::fixture("publishing");
    site.build(&["--base-url", "https://example.org/picks/"])
        .ok();
    check_sub_path(&site);
}

#[test]
fn a_sub_path_base_url_in_site_toml_reaches_everything() {
    let site = Site::fixture("publishing");
    let text = std::fs::read_to_string(site.path("site.toml")).unwrap();
    let text = text.replace(
        "base_url = \"https://example.org/\"",
        "base_url = \"https://example.org/picks\"",
    );
    assert!(text.contains("/picks\""));
    site.write("site.toml", text);
    site.build(&[]).ok();
    check_sub_path(&site);
    // JSON-LD and autodiscovery carry the sub-path too (theme-provided head data).
    let doc = site.html(&page_file(NEWS));
    assert_eq!(
        feed_links(&doc),
        expected_feed_links("https://example.org/picks/", None)
    );
    let ld = one_json_ld(&site, NEWS);
    assert_eq!(ld["url"], format!("https://example.org/picks/{NEWS}"));
    assert_eq!(
        ld["publisher"]["logo"]["url"],
        "https://example.org/picks/images/logo.svg"
    );
    assert_eq!(
        ld["image"],
        json!(["https://example.org/picks/images/lead.svg"])
    );
}

/// The XML checker itself: it must refuse what a feed reader would refuse.
#[test]
fn the_xml_checker_rejects_broken_documents() {
    assert_well_formed(
        "good",
        "<?xml version=\"1.0\"?>\n<a x=\"1 &amp; 2\"><b>&lt;&#x41;&#66;</b><c/></a>\n",
    );
    for bad in [
        "<a><b></a>",
        "<a><b></b>",
        "<a></a><a></a>",
        "<a>&nbsp;</a>",
        "<a>x ]]> y</a>",
        "<a x=\"<\"/>",
        "<a x=\"1\" x=\"2\"/>",
        "text<a/>",
        "<a>&#0;</a>",
    ] {
        let caught = std::panic::catch_unwind(|| assert_well_formed("bad", bad));
        assert!(caught.is_err(), "accepted {bad:?}");
    }
}
