//! Hosting the output: alias redirect pages and `_redirects` rules, the theme's 404
//! page, a sub-path base URL reaching every output, and a hostile title staying inert
//! in every page, feed, sitemap and JSON-LD block.

use std::collections::BTreeSet;

use serde_json::json;

use crate::harness::{Site, attrs, broken_links, texts};

use super::support::{
    A24, ESCAPE, FEED_TYPES, HOSTILE_SUMMARY, HOSTILE_TAG, HOSTILE_TITLE, NEWS, ORIGIN, SITE_TITLE,
    SITEMAP_PAGES, SUB_BASE, TERMS, abs, assert_feeds_locate_themselves,
    assert_robots_names_both_sitemaps, assert_well_formed, built, built_with, categories, content,
    entry, entry_at, expected_feed_links, feed, feed_links, fixture_with_site_toml, html_pages,
    json, meta, one_json_ld, one_meta, page_file, summary, title, xml_records,
};

// ---------------------------------------------------------------- redirects

/// An alias page at `file` sends readers and crawlers to `target`.
fn assert_redirect_stub(doc: &scraper::Html, target: &str, file: &str) {
    assert_eq!(
        attrs(doc, "link[rel=canonical]", "href"),
        [target],
        "{file}"
    );
    assert_eq!(
        attrs(doc, "meta[http-equiv=refresh]", "content"),
        [format!("0; url={target}")],
        "{file}"
    );
}

#[test]
fn aliases_make_redirect_pages_and_host_rules() {
    let site = built();
    for file in ["old/a24-deal/index.html", "news/a24.html"] {
        let doc = site.html(file);
        assert_redirect_stub(&doc, &abs(A24), file);
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
            // The theme's search client is the one script a page may load.
            if s.value()
                .attr("src")
                .is_some_and(|src| src.ends_with("/search.js"))
                && s.inner_html().is_empty()
            {
                continue;
            }
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
    let news_site = built_with(&["--now", "2026-11-21T12:00:00Z"]);
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
    let base = SUB_BASE;
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
        let atom = assert_feeds_locate_themselves(site, base, scope);
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
    assert_robots_names_both_sitemaps(site, base);

    // Redirects: the stub sits at the same place in the output; paths carry /picks/.
    assert_eq!(
        site.read("_redirects"),
        format!("/picks/old/a24-deal/ /picks/{A24} 301\n/picks/news/a24.html /picks/{A24} 301\n")
    );
    let stub = site.html("old/a24-deal/index.html");
    assert_redirect_stub(&stub, &at(A24), "old/a24-deal/index.html");
    for file in site.files().iter().filter(|f| f.ends_with(".xml")) {
        assert_well_formed(file, &site.read(file));
    }
}

#[test]
fn a_sub_path_base_url_on_the_command_line_reaches_everything() {
    check_sub_path(&built_with(&["--base-url", SUB_BASE]));
}

#[test]
fn a_sub_path_base_url_in_site_toml_reaches_everything() {
    let site = fixture_with_site_toml(|text| {
        let text = text.replace(
            "base_url = \"https://example.org/\"",
            "base_url = \"https://example.org/picks\"",
        );
        assert!(text.contains("/picks\""));
        text
    });
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
