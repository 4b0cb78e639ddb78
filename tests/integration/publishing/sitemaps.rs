//! Sitemaps and robots.txt: the sitemap lists every page with its lastmod, the news
//! sitemap holds only the last two days, robots.txt names both; and every XML file is
//! well-formed and every JSON feed parses.

use std::collections::BTreeSet;

use crate::harness::Site;

use super::support::{
    A24, ESCAPE, NEWS, ORIGIN, SITE_TITLE, SITEMAP_PAGES, SUB_BASE, TERMS, abs,
    assert_robots_names_both_sitemaps, assert_well_formed, built, built_with, html_pages, json,
    xml_records,
};

// --------------------------------------------------------------- XML validity

fn check_all_xml_and_json(site: &Site) -> (usize, usize) {
    let (mut xml, mut js) = (0, 0);
    for file in site.files() {
        if file.ends_with(".xml") {
            let text = site.read(&file);
            assert_well_formed(&file, &text);
            assert!(!text.contains("<script"), "{file}: raw <script");
            xml += 1;
        } else if file.ends_with(".json") && !file.starts_with("search/") {
            let v = json(site, &file);
            assert_eq!(v["version"], "https://jsonfeed.org/version/1.1", "{file}");
            js += 1;
        }
    }
    (xml, js)
}

#[test]
fn every_xml_file_is_well_formed_and_every_json_feed_parses() {
    for site in [built(), built_with(&["--base-url", SUB_BASE])] {
        // Site: Atom + RSS + two sitemaps; 13 terms with Atom + RSS each.
        assert_eq!(
            check_all_xml_and_json(&site),
            (4 + 2 * TERMS.len(), 1 + TERMS.len())
        );
    }
}

#[test]
fn every_xml_file_of_every_fixture_site_passes_the_strict_parser() {
    let fixtures = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned());
    let mut checked = 0;
    for name in fixtures {
        let site = Site::fixture(&name);
        site.build(&[]).ok();
        let (xml, _) = check_all_xml_and_json(&site);
        assert!(xml >= 4, "{name}: feeds and sitemaps");
        checked += 1;
    }
    assert!(checked >= 5, "{checked} fixtures");
}

#[test]
fn the_checker_catches_a_control_character_in_a_real_feed() {
    let site = built();
    for file in ["feed.xml", "rss.xml", "sitemap.xml", "news-sitemap.xml"] {
        let good = site.read(file);
        assert_well_formed(file, &good);
        let at = good
            .find("</title>")
            .or_else(|| good.find("</loc>"))
            .unwrap();
        for c in ['\u{1}', '\u{1b}', '\u{ffff}'] {
            let bad = format!("{}{c}{}", &good[..at], &good[at..]);
            let caught = std::panic::catch_unwind(|| assert_well_formed(file, &bad));
            assert!(caught.is_err(), "{file}: accepted {c:?}");
        }
    }
}

// ------------------------------------------------------------------- sitemaps

#[test]
fn sitemap_lists_every_page_with_lastmod_and_nothing_else() {
    let site = built();
    // Far below 50,000 pages: one sitemap, no index and no parts.
    assert!(!site.exists("sitemap-1.xml"));
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
        // The fixture has no corrections: its corrections page has no date to give.
        if r["loc"] == abs("corrections/") {
            assert_eq!(r.get("lastmod"), None, "{r:?}");
            continue;
        }
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
    // An ISO 639 code, not the site's BCP 47 tag (en-GB).
    assert_eq!(r["news:language"], "en");
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
    let robots = assert_robots_names_both_sitemaps(&site, &format!("{ORIGIN}/"));
    assert!(robots.lines().any(|l| l == "User-agent: *"), "{robots}");
    assert!(
        !robots.lines().any(|l| l.trim() == "Disallow: /"),
        "{robots}"
    );
    assert!(site.exists("sitemap.xml") && site.exists("news-sitemap.xml"));
}
