//! Indexes: home pagination, taxonomies with aliases and collisions, date archives,
//! weekly digests, previous/next and related stories.

use crate::harness::{Site, attrs, broken_links, texts};

fn card_titles(site: &Site, page: &str) -> Vec<String> {
    texts(&site.html(page), "main .card-title a")
}

fn built() -> Site {
    let site = Site::fixture("indexes");
    site.build(&[]).ok();
    site
}

#[test]
fn home_is_paginated_with_picks_on_top() {
    let site = built();
    let doc = site.html("index.html");
    let picks = texts(&doc, ".picks .card-title a");
    assert_eq!(picks, ["Echo"]);
    let latest = texts(&doc, ".latest .card-title a");
    // Same date: the later time comes first.
    assert_eq!(latest, ["Alpha", "Charlie"]);
    assert_eq!(
        texts(&site.html("page/2/index.html"), ".latest .card-title a"),
        ["Bravo", "Delta"]
    );
    // The pick is not repeated in the list: every story is on the home pages once.
    assert_eq!(
        texts(&site.html("page/3/index.html"), ".latest .card-title a"),
        ["Foxtrot"]
    );
    assert!(!site.exists("page/4/index.html"));
    let mut shown: Vec<String> = picks.clone();
    for page in ["index.html", "page/2/index.html", "page/3/index.html"] {
        shown.extend(texts(&site.html(page), ".latest .card-title a"));
    }
    shown.sort();
    assert_eq!(
        shown,
        ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"]
    );
    assert_eq!(attrs(&doc, ".pagination a[rel=next]", "href"), ["/page/2/"]);
    assert_eq!(
        attrs(&doc, ".pagination-pages a", "href"),
        ["/", "/page/2/", "/page/3/"]
    );
    assert_eq!(
        attrs(&doc, ".pagination a[aria-current=page]", "href"),
        ["/"]
    );
    let p2 = site.html("page/2/index.html");
    assert_eq!(attrs(&p2, ".pagination a[rel=prev]", "href"), ["/"]);
    assert_eq!(attrs(&p2, ".pagination a[rel=next]", "href"), ["/page/3/"]);
    assert!(
        texts(&p2, ".picks .card-title a").is_empty(),
        "picks only on page 1"
    );
    // /page/1/ redirects home.
    let redirect = site.read("page/1/index.html");
    assert!(redirect.contains("http-equiv=\"refresh\""));
    assert!(
        redirect.contains("url=https://example.org/\""),
        "{redirect}"
    );
}

#[test]
fn every_list_card_shows_kicker_date_headline_dek_parties() {
    let site = built();
    let doc = site.html("page/2/index.html");
    let sel = scraper::Selector::parse(".latest .card").unwrap();
    let delta = doc.select(&sel).nth(1).expect("second card");
    let html = scraper::Html::parse_fragment(&delta.html());
    assert_eq!(texts(&html, ".kicker"), ["Law & Policy"]);
    assert_eq!(
        attrs(&html, "time", "datetime"),
        ["2026-06-30T00:00:00+00:00"]
    );
    assert_eq!(texts(&html, ".card-title"), ["Delta"]);
    assert_eq!(texts(&html, ".dek"), ["Body of delta."]);
    assert_eq!(
        texts(&html, ".parties a"),
        ["A24", "Warner Bros. Discovery / HBO"]
    );
}

#[test]
fn taxonomies_merge_aliases_and_case_but_keep_distinct_names_apart() {
    let site = built();
    let files = site.files();
    let dirs = |prefix: &str| -> Vec<String> {
        let mut v: Vec<String> = files
            .iter()
            .filter_map(|f| f.strip_prefix(prefix))
            .filter_map(|f| f.strip_suffix("/index.html"))
            .filter(|f| !f.contains('/'))
            .map(str::to_owned)
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        dirs("parties/"),
        [
            "a24",
            "google-deepmind",
            "warner-bros",
            "warner-bros-discovery-hbo"
        ]
    );
    assert_eq!(
        dirs("categories/"),
        ["ai-technology", "festivals-and-awards", "law-and-policy"]
    );
    let tags = dirs("tags/");
    assert_eq!(tags.len(), 5, "{tags:?}");
    // A name of punctuation only still gets a page of its own.
    assert!(tags.contains(&"term".to_owned()), "{tags:?}");
    assert_eq!(texts(&site.html("tags/term/index.html"), "h1"), ["!!!"]);
    assert!(
        tags.contains(&"c-plus-plus".to_owned()) && tags.contains(&"c-sharp".to_owned()),
        "{tags:?}"
    );
    // "DeepMind" (an alias) and "Google DeepMind" are one party; "A24"/"a24" one term.
    assert_eq!(
        card_titles(&site, "parties/google-deepmind/index.html"),
        ["Alpha", "Bravo"]
    );
    assert_eq!(
        card_titles(&site, "parties/a24/index.html"),
        ["Bravo", "Delta"]
    );
    assert_eq!(texts(&site.html("parties/a24/index.html"), "h1"), ["A24"]);
    assert_eq!(
        card_titles(&site, "tags/c-sharp/index.html"),
        ["Charlie", "Bravo"]
    );
    // The list page shows every term with its count, busiest first.
    let list = site.html("parties/index.html");
    let names = texts(&list, "main li a");
    assert_eq!(
        names[..2],
        ["A24".to_owned(), "Google DeepMind".to_owned()],
        "{names:?}"
    );
    assert!(texts(&list, "main").join(" ").contains("2 stories"));
}

#[test]
fn category_pages_show_descriptions_and_empty_categories_are_friendly() {
    let site = built();
    let doc = site.html("categories/law-and-policy/index.html");
    assert!(
        texts(&doc, "main")
            .join(" ")
            .contains("Lawsuits, copyright and regulation.")
    );
    // Three Law & Policy stories, two to a page.
    assert_eq!(
        card_titles(&site, "categories/law-and-policy/index.html"),
        ["Delta", "Echo"]
    );
    assert_eq!(
        card_titles(&site, "categories/law-and-policy/page/2/index.html"),
        ["Foxtrot"]
    );
    assert!(
        site.read("categories/law-and-policy/page/1/index.html")
            .contains("url=https://example.org/categories/law-and-policy/\"")
    );
    let empty = site.html("categories/festivals-and-awards/index.html");
    assert!(card_titles(&site, "categories/festivals-and-awards/index.html").is_empty());
    assert!(texts(&empty, ".empty").len() == 1);
}

#[test]
fn date_archives_group_by_year_and_month() {
    let site = built();
    assert_eq!(
        card_titles(&site, "2026/07/index.html"),
        ["Alpha", "Charlie", "Bravo"]
    );
    assert_eq!(card_titles(&site, "2026/06/index.html"), ["Delta", "Echo"]);
    assert_eq!(card_titles(&site, "2025/12/index.html"), ["Foxtrot"]);
    assert_eq!(
        card_titles(&site, "2026/index.html"),
        ["Alpha", "Charlie", "Bravo", "Delta", "Echo"]
    );
    let june = site.html("2026/06/index.html");
    assert_eq!(
        attrs(&june, ".neighbours a[rel=prev]", "href"),
        ["/2025/12/"]
    );
    assert_eq!(
        attrs(&june, ".neighbours a[rel=next]", "href"),
        ["/2026/07/"]
    );
    let archive = site.html("archive/index.html");
    let links = attrs(&archive, "main a", "href");
    for l in ["/2026/", "/2026/07/", "/2026/06/", "/2025/", "/2025/12/"] {
        assert!(links.contains(&l.to_owned()), "{l} missing from {links:?}");
    }
}

#[test]
fn a_year_page_shows_each_months_newest_three_and_links_to_the_rest() {
    // July gets five stories: its year page shows the three newest and a link to
    // the month, which lists all five (a year page listing every story grew to
    // megabytes on a large archive).
    let site = Site::fixture("indexes");
    for (name, day) in [("Golf", 1), ("Hotel", 2)] {
        site.write(
            &format!("content/{}.md", name.to_lowercase()),
            format!(
                "---\ntitle: {name}\ndate: 2026-07-0{day}\ncategory: AI Technology\nparties: []\n---\n\nBody.\n"
            ),
        );
    }
    site.build(&[]).ok();
    assert_eq!(card_titles(&site, "2026/07/index.html").len(), 5);
    assert_eq!(
        card_titles(&site, "2026/index.html"),
        ["Alpha", "Charlie", "Bravo", "Delta", "Echo"]
    );
    let year = site.html("2026/index.html");
    assert_eq!(
        attrs(&year, ".archive-month .more a", "href"),
        ["/2026/07/"]
    );
    assert_eq!(
        texts(&year, ".archive-month .more a"),
        ["All 5 stories of July 2026"]
    );
}

#[test]
fn weekly_digests_follow_iso_weeks_and_group_by_category() {
    let site = built();
    let digest = |w: &str| format!("digest/{w}/index.html");
    // 2025-12-31 is in ISO week 1 of 2026.
    for w in ["2026-w28", "2026-w27", "2026-w01"] {
        assert!(site.exists(&digest(w)), "{w}");
    }
    let doc = site.html(&digest("2026-w27"));
    let groups = texts(&doc, ".digest-group > h2");
    assert_eq!(groups, ["AI Technology", "Law & Policy"]);
    assert_eq!(
        texts(&doc, ".digest-group .card-title a"),
        ["Charlie", "Bravo", "Delta", "Echo"]
    );
    assert_eq!(
        attrs(&doc, ".neighbours a[rel=prev]", "href"),
        ["/digest/2026-w01/"]
    );
    assert_eq!(
        attrs(&doc, ".neighbours a[rel=next]", "href"),
        ["/digest/2026-w28/"]
    );
    let index = attrs(&site.html("digest/index.html"), "main a", "href");
    assert_eq!(
        index
            .iter()
            .filter(|h| h.starts_with("/digest/"))
            .cloned()
            .collect::<Vec<_>>(),
        [
            "/digest/2026-w28/",
            "/digest/2026-w27/",
            "/digest/2026-w01/"
        ]
    );
}

#[test]
fn articles_link_previous_next_and_ranked_related_stories() {
    let site = built();
    let doc = site.html("2026/07/05/bravo/index.html");
    assert_eq!(
        attrs(&doc, ".story-nav a[rel=prev]", "href"),
        ["/2026/06/30/delta/"]
    );
    assert_eq!(
        attrs(&doc, ".story-nav a[rel=next]", "href"),
        ["/2026/07/05/charlie/"]
    );
    // Shared party + same category, shared party, shared tag + same category.
    assert_eq!(
        texts(&doc, ".related .card-title a"),
        ["Alpha", "Delta", "Charlie"]
    );
}

#[test]
fn every_link_in_every_index_page_resolves() {
    let site = built();
    assert_eq!(broken_links(&site, "/"), Vec::<String>::new());
}

#[test]
fn a_site_with_no_stories_builds_a_friendly_home() {
    let site = Site::fixture("empty");
    let run = site.build(&[]).ok();
    assert!(
        run.stdout().starts_with("Built 0 stories"),
        "{}",
        run.stdout()
    );
    let doc = site.html("index.html");
    assert_eq!(
        texts(&doc, ".empty").len(),
        1,
        "{}",
        site.read("index.html")
    );
    assert!(site.exists("categories/ai-technology/index.html"));
    assert!(site.exists("tags/index.html"));
    assert!(site.exists("archive/index.html"));
    assert_eq!(broken_links(&site, "/"), Vec::<String>::new());
}
