//! Feeds: the site's Atom, RSS and JSON feeds, one set per term with only that term's
//! stories, the `[feeds]` limit and full-content settings, and their defaults.

use std::collections::BTreeSet;

use feed_rs::model::{Feed, FeedType};
use serde_json::json;

use super::support::{
    A24, BUDGETS, ESCAPE, FEED_TYPES, HOSTILE_TAG, HOSTILE_TITLE, LOVELACE, NEWEST_FIRST, NEWS,
    ORIGIN, RULING, SITE_TITLE, TERMS, abs, assert_feeds_locate_themselves, authors, built,
    categories, content, dates, entry, feed, first_link, fixture_with_site_toml, ids, json,
    summary, term_of, titles,
};

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
        let atom =
            assert_feeds_locate_themselves(&site, &format!("{ORIGIN}/"), &format!("{term}/"));
        assert!(
            atom.contains(&format!(r#"<link href="{ORIGIN}/{term}/" rel="alternate""#)),
            "{term}"
        );
        assert!(
            site.read(&format!("{term}/rss.xml"))
                .contains(&format!("<link>{ORIGIN}/{term}/</link>")),
            "{term}"
        );
    }
    // A term's feed is cut at the limit too (research has three stories, limit 4: all).
    let site2 = fixture_with_site_toml(|text| text.replace("limit = 4", "limit = 2"));
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
    let site = fixture_with_site_toml(|text| {
        text[..text.find("[feeds]").expect("fixture sets [feeds]")].to_owned()
    });
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
