//! Author pages, the list of authors, and bylines that link to them; a site that
//! declares no authors keeps its free-text bylines and gets no author pages.

use super::{BASE, built, card_titles};
use crate::harness::{Site, attrs, broken_links, texts};

#[test]
fn an_author_page_lists_exactly_their_stories_newest_first_in_pages() {
    let site = built();
    // Dana: `authors: [..]`, `author:` alone, a joint byline, and her name in
    // another case and spacing; two stories a page.
    let page = "authors/dana-okafor/index.html";
    assert_eq!(card_titles(&site, page), ["Third deal", "Joint report"]);
    assert_eq!(
        card_titles(&site, "authors/dana-okafor/page/2/index.html"),
        ["Second deal", "First deal"]
    );
    assert!(!site.exists("authors/dana-okafor/page/3/index.html"));
    // Page 1 of a term is the term's page: its stub redirects there.
    assert!(
        site.read("authors/dana-okafor/page/1/index.html")
            .contains("https://example.org/picks/authors/dana-okafor/")
    );
    assert_eq!(
        card_titles(&site, "authors/lena/index.html"),
        ["Model release", "Joint report"]
    );
    // Stories without a byline are the site's default author's.
    assert_eq!(
        card_titles(&site, "authors/picks-desk/index.html"),
        ["Desk note"]
    );
    // A declared author without stories still has a page.
    let ravi = site.html("authors/ravi-mehta/index.html");
    assert!(card_titles(&site, "authors/ravi-mehta/index.html").is_empty());
    assert_eq!(texts(&ravi, "p.empty"), ["No stories yet."]);
    // Every link of every page leads to a page of the site.
    assert_eq!(broken_links(&site, BASE), Vec::<String>::new());
}

#[test]
fn an_author_page_shows_the_profile_with_its_bio_sanitised() {
    let site = built();
    let doc = site.html("authors/dana-okafor/index.html");
    assert_eq!(texts(&doc, ".author-profile h1"), ["Dana Okafor"]);
    assert_eq!(texts(&doc, ".author-role"), ["Senior reporter"]);
    assert_eq!(
        attrs(&doc, "img.author-avatar", "src"),
        ["/picks/avatars/dana.svg"]
    );
    // The bio is Markdown, rendered with the site's base path, and sanitised.
    assert_eq!(texts(&doc, ".author-bio strong"), ["studio deals"]);
    assert_eq!(
        attrs(&doc, ".author-bio a", "href"),
        ["/picks/categories/studios-and-deals/"]
    );
    let html = site.read("authors/dana-okafor/index.html");
    assert!(
        !html.contains("alert(\"bio\")"),
        "the bio's script survived"
    );
    assert_eq!(
        attrs(&doc, ".author-links a", "href"),
        [
            "https://dana.example.com/",
            "https://social.example/@dana",
            "https://www.linkedin.com/in/dana-okafor"
        ]
    );
    // Each author page advertises its own feeds.
    let feeds = attrs(&doc, "link[rel=alternate]", "href");
    assert!(
        feeds.contains(&"https://example.org/picks/authors/dana-okafor/feed.xml".to_owned()),
        "{feeds:?}"
    );
}

#[test]
fn the_list_of_authors_counts_each_ones_stories_in_declared_order() {
    let site = built();
    let doc = site.html("authors/index.html");
    assert_eq!(
        texts(&doc, ".term-list .term-name"),
        ["Dana Okafor", "Lena Brandt", "Picks Desk", "Ravi Mehta"]
    );
    assert_eq!(
        texts(&doc, ".term-list .count"),
        ["4 stories", "2 stories", "1 story", "0 stories"]
    );
    assert_eq!(
        attrs(&doc, ".term-list .term-name", "href"),
        [
            "/picks/authors/dana-okafor/",
            "/picks/authors/lena/",
            "/picks/authors/picks-desk/",
            "/picks/authors/ravi-mehta/"
        ]
    );
    // Every page's footer links the list.
    assert!(
        attrs(&site.html("index.html"), ".footer-links a", "href")
            .contains(&"/picks/authors/".to_owned())
    );
    // And the sitemap lists every author page.
    let sitemap = site.read("sitemap.xml");
    for page in [
        "authors/",
        "authors/dana-okafor/",
        "authors/dana-okafor/page/2/",
    ] {
        let url = format!("<loc>https://example.org/picks/{page}</loc>");
        assert!(sitemap.contains(&url), "{page} is not in the sitemap");
    }
}

#[test]
fn bylines_on_story_pages_and_cards_link_to_the_author_pages() {
    let site = built();
    let doc = site.html("2026/07/03/joint-report/index.html");
    assert_eq!(
        texts(&doc, ".byline .author"),
        ["By Lena Brandt and Dana Okafor"]
    );
    assert_eq!(
        attrs(&doc, ".byline .author a", "href"),
        ["/picks/authors/lena/", "/picks/authors/dana-okafor/"]
    );
    // The declared spelling, whatever case the story wrote.
    let doc = site.html("2026/07/04/third-deal/index.html");
    assert_eq!(texts(&doc, ".byline .author"), ["By Dana Okafor"]);
    // Cards carry the byline too, on every list.
    let home = site.html("index.html");
    assert_eq!(
        attrs(&home, ".card-byline a", "href"),
        ["/picks/authors/picks-desk/", "/picks/authors/lena/",],
        "home page 1 shows the two newest stories"
    );
    let lena = site.html("authors/lena/index.html");
    assert_eq!(
        texts(&lena, ".card-byline"),
        ["By Lena Brandt", "By Lena Brandt and Dana Okafor"]
    );
}

#[test]
fn a_site_without_declared_authors_keeps_free_text_bylines_and_no_author_pages() {
    let site = Site::fixture("basic");
    site.write(
        "content/one.md",
        "---\ntitle: One byline\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\nauthor: Anyone At All\n---\nBody.\n",
    );
    site.write(
        "content/two.md",
        "---\ntitle: Two bylines\ndate: 2026-07-02\ncategory: AI Technology\nparties: []\nauthors: [Ada Writer, Bo Writer]\n---\nBody.\n",
    );
    site.build(&[]).ok();
    assert!(!site.exists("authors/index.html"));
    assert!(!site.files().iter().any(|f| f.starts_with("authors/")));
    let doc = site.html("2026/07/02/two-bylines/index.html");
    assert_eq!(
        texts(&doc, ".byline .author"),
        ["By Ada Writer and Bo Writer"]
    );
    assert!(attrs(&doc, ".byline .author a", "href").is_empty());
    let doc = site.html("2026/07/01/one-byline/index.html");
    assert_eq!(texts(&doc, ".byline .author"), ["By Anyone At All"]);
    assert!(
        !attrs(&site.html("index.html"), ".footer-links a", "href")
            .iter()
            .any(|href| href.contains("authors"))
    );
}
