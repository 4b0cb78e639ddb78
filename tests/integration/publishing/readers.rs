//! What feed readers get: plain text that stays text in fields readers render as HTML,
//! no character XML forbids in any feed or sitemap even when a story body has one,
//! and a full-content body whose every URL (Markdown or raw HTML, `srcset` included)
//! is absolute, under a sub-path base URL too.

use crate::harness::{Site, attrs};

use super::support::{
    FEED_TYPES, SUB_BASE, assert_well_formed, content, entry_at, feed, fixture_with_site_toml,
    shown_text, summary, title,
};

const TITLE: &str = "Scripts <script>alert(2)</script> & <b>tags</b> in a title";
const SUMMARY: &str = "Write <script>alert(1)</script> & <b>bold</b> as text";
const PATH: &str = "2026/11/22/readers-test/";

/// The fixture with one more story (the second newest, so it is in every site feed),
/// whose title and summary hold markup and whose body holds raw HTML with relative
/// URLs and characters XML forbids.
fn with_reader_story(base_url: &str) -> Site {
    let site = fixture_with_site_toml(|text| {
        text.replace(
            "base_url = \"https://example.org/\"",
            &format!("base_url = \"{base_url}\""),
        )
        .replace(
            "description = \"Feeds, sitemaps and metadata, in miniature.\"",
            "description = \"Feeds & <em>sitemaps</em>\"",
        )
    });
    site.write(
        "content/2026-11-22-readers.md",
        format!(
            "---\ntitle: '{TITLE}'\ndate: 2026-11-22\ncategory: AI Technology\nparties: []\n\
             tags: [research]\nsummary: '{SUMMARY}'\nslug: readers-test\n---\n\n\
             A control character \u{1} and an escape \u{1b} and a noncharacter \u{ffff} in the body.\n\n\
             <figure><img src=\"stills/one.png\" srcset=\"stills/one.png 1x, stills/one@2x.png 2x\" alt=\"\"></figure>\n\n\
             <picture><source srcset='../shared/wide.webp 1200w' type=\"image/webp\"><IMG SRC=/images/lead.svg alt=\"\"></picture>\n\n\
             <video poster=poster.jpg src=\"clip.mp4\"></video>\n\n\
             See [the notes](notes/), the [part](#part) and <a HREF='../../21/'>yesterday</a>.\n"
        ),
    );
    site.build(&[]).ok();
    site
}

#[test]
fn plain_text_reaches_feed_readers_as_text_not_markup() {
    let site = with_reader_story("https://example.org/");
    let url = format!("https://example.org/{PATH}");
    for (file, _) in FEED_TYPES {
        let f = feed(&site, file);
        let e = entry_at(&f, &url);
        // RSS <description> is HTML to readers: the summary must render as its text.
        assert_eq!(summary(e), SUMMARY, "{file}");
        assert_eq!(title(e), TITLE, "{file}");
    }
    let rss = site.read("rss.xml");
    assert!(
        rss.contains("<description>Write &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; &amp;amp; &amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt; as text</description>"),
        "{rss}"
    );
    // Titles, categories and the channel description are plain text, spelled as the
    // RSS Best Practices Profile recommends.
    assert!(
        rss.contains("<title>Scripts &#x3C;script&#x3E;alert(2)&#x3C;/script&#x3E; &#x26; &#x3C;b&#x3E;tags&#x3C;/b&#x3E; in a title</title>"),
        "{rss}"
    );
    assert!(
        rss.contains(
            "<description>Feeds &#x26; &#x3C;em&#x3E;sitemaps&#x3C;/em&#x3E;</description>"
        ),
        "{rss}"
    );
    let channel = feed(&site, "rss.xml").description.unwrap();
    assert_eq!(shown_text(&channel), "Feeds & <em>sitemaps</em>");
    // Atom says what each field is: the summary is text.
    let atom = site.read("feed.xml");
    assert!(
        atom.contains(
            "<summary type=\"text\">Write &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; as text</summary>"
        ),
        "{atom}"
    );
}

#[test]
fn characters_xml_forbids_never_reach_a_feed_or_sitemap() {
    let site = with_reader_story("https://example.org/");
    let mut checked = 0;
    for file in site.files().iter().filter(|f| f.ends_with(".xml")) {
        let xml = site.read(file);
        assert_well_formed(file, &xml);
        assert!(
            !xml.contains(['\u{1}', '\u{1b}', '\u{ffff}']),
            "{file}: a forbidden character"
        );
        checked += 1;
    }
    assert!(checked > 4, "{checked}");
    // The text around them is all there. (JSON can carry any character, escaped, so
    // the JSON Feed keeps the body as written.)
    for file in ["feed.xml", "rss.xml"] {
        let f = feed(&site, file);
        let body = content(entry_at(&f, &format!("https://example.org/{PATH}"))).unwrap();
        assert!(
            body.contains("A control character  and an escape  and a noncharacter"),
            "{file}: {body}"
        );
    }
}

#[test]
fn every_url_of_a_full_content_body_is_absolute_under_a_sub_path() {
    let site = with_reader_story(SUB_BASE);
    let page = format!("{SUB_BASE}{PATH}");
    for (file, _) in FEED_TYPES {
        let f = feed(&site, file);
        let body = content(entry_at(&f, &page)).unwrap();
        let doc = scraper::Html::parse_fragment(&body);
        let at = |p: &str| format!("https://example.org/picks/2026/11/{p}");
        assert_eq!(
            attrs(&doc, "img", "src"),
            [
                at("22/readers-test/stills/one.png"),
                "https://example.org/images/lead.svg".into()
            ],
            "{file}: raw <img src> resolve as on the page (a raw root-relative path has no base path)"
        );
        assert_eq!(
            attrs(&doc, "img[srcset]", "srcset"),
            [format!(
                "{} 1x, {} 2x",
                at("22/readers-test/stills/one.png"),
                at("22/readers-test/stills/one@2x.png")
            )],
            "{file}"
        );
        assert_eq!(
            attrs(&doc, "source", "srcset"),
            [format!("{} 1200w", at("22/shared/wide.webp"))],
            "{file}"
        );
        assert_eq!(
            attrs(&doc, "video", "poster"),
            [at("22/readers-test/poster.jpg")],
            "{file}"
        );
        assert_eq!(
            attrs(&doc, "video", "src"),
            [at("22/readers-test/clip.mp4")],
            "{file}"
        );
        assert_eq!(
            attrs(&doc, "a", "href"),
            [
                at("22/readers-test/notes/"),
                format!("{page}#part"),
                at("21/")
            ],
            "{file}"
        );
    }
}
