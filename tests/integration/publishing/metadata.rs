//! What every page's <head> says about itself: feed autodiscovery, canonical URL,
//! description, Open Graph (with article tags on stories), Twitter cards, and JSON-LD
//! (NewsArticle for stories, CollectionPage with breadcrumbs for list pages).

use serde_json::{Value, json};

use crate::harness::{attrs, broken_links};

use super::support::{
    A24, BUDGETS, ESCAPE, HOSTILE_TAG, LOVELACE, NEWEST_FIRST, NEWS, RULING, SITE_TITLE,
    SITEMAP_PAGES, SUB_BASE, abs, built, built_with, expected_feed_links, feed_links, html_pages,
    meta, one_json_ld, one_meta, page_file, term_of,
};

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

#[test]
fn every_page_advertises_its_feeds() {
    for base_url in [None, Some(SUB_BASE)] {
        let site = match base_url {
            Some(b) => built_with(&["--base-url", b]),
            None => built(),
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
    // No image of its own: its social card, described by its headline.
    let card = one_meta(&doc, "og:image", A24);
    assert!(
        card.starts_with("https://example.org/2026/11/18/") && card.ends_with("/card.png"),
        "{card}"
    );
    assert_eq!(
        one_meta(&doc, "og:image:alt", A24),
        "A24 and Google DeepMind extend their partnership"
    );

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
    // A story without one shows its social card, large.
    let doc = site.html(&page_file(A24));
    assert_eq!(one_meta(&doc, "twitter:card", A24), "summary_large_image");
    assert!(one_meta(&doc, "twitter:image", A24).ends_with("/card.png"));
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
    // No image of its own: its social card (the default image with cards off:
    // publishing::standards).
    let card = ld["image"][0].as_str().unwrap();
    assert!(
        card.ends_with("/card.png") && site.exists(&card.replace("https://example.org/", "")),
        "{ld}"
    );
    // No author pages exist, so no author URL.
    assert!(ld["author"].get("url").is_none(), "{ld}");
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
    // Term pages (and their later pages): home, the taxonomy's index, the page itself.
    for (path, taxonomy, index, term) in [
        ("tags/research/", "Tags", "tags/", "research"),
        ("tags/research/page/2/", "Tags", "tags/", "research"),
        (
            "parties/ada-lovelace/",
            "Parties",
            "parties/",
            "Ada Lovelace",
        ),
        ("tags/r-and-d-lab/", "Tags", "tags/", HOSTILE_TAG),
    ] {
        assert_eq!(
            crumbs(path),
            [
                home.clone(),
                (2, taxonomy.into(), abs(index)),
                (3, term.into(), abs(path))
            ],
            "{path}"
        );
    }
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
