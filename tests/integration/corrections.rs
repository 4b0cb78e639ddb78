//! Corrections and updates: `corrections:` notes shown at the top of their story,
//! newest first, and on the paginated `/corrections/` page; the latest of `updated`
//! and the corrections as the story's modification date in the byline, the feeds,
//! the sitemap and JSON-LD (with a `CorrectionComment` per note); the notes' Markdown
//! rendered and sanitised like bodies; a note dated before its story refused by
//! `build` and `check` on its line.
//!
//! The fixture (`tests/fixtures/corrections`, two stories to a page): `deal.md` has
//! `updated` and two corrections (one on its publication day, written as a plain
//! date, one with Markdown, a story link and unsafe HTML), `lab.md` one correction,
//! `updated.md` only `updated`, `quiet.md` neither.

use feed_rs::model::Feed;
use serde_json::Value;

use crate::harness::{NOW, Site, attrs, texts};

const DEAL: &str = "2026/07/05/a24-extends-its-research-deal/";
const LAB: &str = "2026/07/10/a-research-lab-opens-in-london/";
const UPDATED: &str = "2026/07/01/festival-adds-an-ai-strand/";
const QUIET: &str = "2026/06/01/a-quiet-story/";

fn built() -> Site {
    let site = Site::fixture("corrections");
    site.build(&[]).ok();
    site
}

fn page(path: &str) -> String {
    format!("{path}index.html")
}

fn abs(path: &str) -> String {
    format!("https://example.org/{path}")
}

/// The `NewsArticle` (or other JSON-LD) of a page, parsed.
fn json_ld(site: &Site, path: &str) -> Value {
    let scripts = texts(
        &site.html(&page(path)),
        r#"script[type="application/ld+json"]"#,
    );
    assert_eq!(scripts.len(), 1, "{path}: {scripts:?}");
    serde_json::from_str(&scripts[0]).unwrap_or_else(|e| panic!("{path}: {e}: {}", scripts[0]))
}

fn feed(site: &Site, rel: &str) -> Feed {
    feed_rs::parser::parse(site.read(rel).as_bytes())
        .unwrap_or_else(|e| panic!("{rel} does not parse as a feed: {e}"))
}

/// The (entry id, updated time in UTC) pairs of a feed.
fn updated_times(f: &Feed) -> Vec<(String, String)> {
    f.entries
        .iter()
        .map(|e| {
            let updated = e.updated.map(|d| d.to_rfc3339()).unwrap_or_default();
            (e.id.clone(), updated)
        })
        .collect()
}

#[test]
fn corrections_are_dated_notes_at_the_top_of_their_story_newest_first() {
    let site = built();
    let doc = site.html(&page(DEAL));
    assert_eq!(
        texts(&doc, "article.story > .corrections-box .correction"),
        [
            "Correction, July 7, 2026: An earlier version said the deal runs for three years; \
             it runs for two. The lab story has the details. Sorry.",
            "Correction, July 5, 2026: The deal was signed in Los Angeles, not New York.",
        ]
    );
    assert_eq!(
        attrs(&doc, ".corrections-box .correction time", "datetime"),
        ["2026-07-07T00:00:00+00:00", "2026-07-05T00:00:00+00:00"]
    );
    // Before the body: the first thing a reader sees after the headline.
    let html = site.read(&page(DEAL));
    assert!(
        html.find("corrections-box").unwrap() < html.find("article-body").unwrap(),
        "{html}"
    );
    // The byline's "Updated" is the story's latest change: the newest correction,
    // after `updated` (2026-07-06).
    assert_eq!(texts(&doc, ".byline .updated"), ["Updated July 7, 2026"]);
    assert_eq!(
        attrs(&doc, ".byline .updated time", "datetime"),
        ["2026-07-07T00:00:00+00:00"]
    );

    let updated = site.html(&page(UPDATED));
    assert!(texts(&updated, ".corrections-box").is_empty());
    assert_eq!(
        texts(&updated, ".byline .updated"),
        ["Updated July 2, 2026"]
    );
    let quiet = site.html(&page(QUIET));
    assert!(texts(&quiet, ".corrections-box, .byline .updated").is_empty());
}

#[test]
fn correction_markdown_is_rendered_and_unsafe_html_removed() {
    let site = built();
    let doc = site.html(&page(DEAL));
    let note = ".corrections-box .correction";
    assert_eq!(texts(&doc, &format!("{note} em")), ["three", "Los Angeles"]);
    // A link to a story file becomes the story's URL, as in bodies.
    assert_eq!(
        attrs(&doc, &format!("{note} a"), "href"),
        [format!("/{LAB}")]
    );
    // Kept markup stays; scripts and event handlers go.
    assert_eq!(texts(&doc, &format!("{note} b")), ["Sorry."]);
    let boxed = site.read(&page(DEAL));
    let boxed = &boxed[boxed.find("corrections-box").unwrap()..boxed.find("article-body").unwrap()];
    for unsafe_part in ["<script", "alert", "onclick", "steal"] {
        assert!(!boxed.contains(unsafe_part), "{unsafe_part} in {boxed}");
    }
    // No paragraph inside the note: it reads on as one sentence after its label.
    assert!(texts(&doc, &format!("{note} p")).is_empty());
    // `check` says what was removed, on the note's line.
    let report = site.run(&["check", "--now", NOW]).stdout();
    assert!(
        report.contains(
            "warning: content/deal.md:9: corrections: removed from the correction: <script>"
        ),
        "{report}"
    );
}

#[test]
fn feeds_give_the_latest_of_updated_and_corrections() {
    let site = built();
    let expected = [
        (abs(LAB), "2026-07-12T10:00:00+00:00"),
        (abs(DEAL), "2026-07-07T00:00:00+00:00"),
        (abs(UPDATED), "2026-07-02T13:00:00+00:00"),
        (abs(QUIET), "2026-06-01T00:00:00+00:00"),
    ]
    .map(|(id, time)| (id, time.to_owned()));
    for file in ["feed.xml", "feed.json"] {
        assert_eq!(updated_times(&feed(&site, file)), expected, "{file}");
    }
    let atom = site.read("feed.xml");
    assert!(
        atom.contains("<published>2026-07-05T09:30:00+02:00</published>\n<updated>2026-07-07T00:00:00+00:00</updated>"),
        "{atom}"
    );
    let json: Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let deal = &json["items"][1];
    assert_eq!(deal["id"], abs(DEAL));
    assert_eq!(deal["date_modified"], "2026-07-07T00:00:00+00:00");
    // The feed's own `updated` is its newest entry's.
    assert_eq!(
        feed(&site, "feed.xml").updated.map(|d| d.to_rfc3339()),
        Some("2026-07-12T10:00:00+00:00".to_owned())
    );
}

#[test]
fn sitemap_lastmod_follows_the_latest_correction() {
    let site = built();
    let xml = site.read("sitemap.xml");
    let lastmod = |path: &str| {
        let at = xml
            .find(&format!("<loc>{}</loc>", abs(path)))
            .unwrap_or_else(|| panic!("{path} is not in the sitemap:\n{xml}"));
        let rest = &xml[at..xml[at..].find("</url>").unwrap() + at];
        rest.split("<lastmod>")
            .nth(1)
            .map(|s| s.split("</lastmod>").next().unwrap().to_owned())
    };
    assert_eq!(lastmod(DEAL).as_deref(), Some("2026-07-07T00:00:00+00:00"));
    assert_eq!(lastmod(LAB).as_deref(), Some("2026-07-12T10:00:00+00:00"));
    assert_eq!(
        lastmod(UPDATED).as_deref(),
        Some("2026-07-02T15:00:00+02:00")
    );
    assert_eq!(lastmod(QUIET).as_deref(), Some("2026-06-01T00:00:00+00:00"));
    // The corrections pages: the newest correction each lists.
    assert_eq!(
        lastmod("corrections/").as_deref(),
        Some("2026-07-12T10:00:00+00:00")
    );
    assert_eq!(
        lastmod("corrections/page/2/").as_deref(),
        Some("2026-07-05T00:00:00+00:00")
    );
}

#[test]
fn json_ld_has_date_modified_and_a_correction_comment_per_note() {
    let site = built();
    let ld = json_ld(&site, DEAL);
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["datePublished"], "2026-07-05T09:30:00+02:00");
    assert_eq!(ld["dateModified"], "2026-07-07T00:00:00+00:00");
    assert_eq!(
        ld["correction"],
        serde_json::json!([
            {
                "@type": "CorrectionComment",
                "text": "An earlier version said the deal runs for three years; it runs for two. The lab story has the details. Sorry.",
                "datePublished": "2026-07-07T00:00:00+00:00"
            },
            {
                "@type": "CorrectionComment",
                "text": "The deal was signed in Los Angeles, not New York.",
                "datePublished": "2026-07-05T00:00:00+00:00"
            }
        ])
    );
    let updated = json_ld(&site, UPDATED);
    assert_eq!(updated["dateModified"], "2026-07-02T15:00:00+02:00");
    assert!(updated.get("correction").is_none(), "{updated}");
    assert_eq!(
        json_ld(&site, QUIET)["dateModified"],
        "2026-06-01T00:00:00+00:00"
    );
}

#[test]
fn corrections_page_lists_every_correction_newest_first_with_its_story() {
    let site = built();
    let first = site.html("corrections/index.html");
    assert_eq!(texts(&first, "h1"), ["Corrections"]);
    assert_eq!(
        texts(&first, ".correction-list .correction-story"),
        [
            "A research lab opens in London",
            "A24 extends its research deal"
        ]
    );
    assert_eq!(
        attrs(&first, ".correction-list .correction-story a", "href"),
        [format!("/{LAB}"), format!("/{DEAL}")]
    );
    assert_eq!(
        texts(&first, ".correction-list .correction"),
        [
            "Correction, July 12, 2026: The lab is in London, not Paris.",
            "Correction, July 7, 2026: An earlier version said the deal runs for three years; \
             it runs for two. The lab story has the details. Sorry.",
        ]
    );
    assert_eq!(
        texts(
            &first,
            ".correction-list .correction > strong:not(.correction-label)"
        ),
        ["London"]
    );
    // Two to a page (`paginate_by = 2`): the oldest on page 2, linked both ways.
    assert_eq!(
        attrs(&first, ".pagination a[rel=next]", "href"),
        ["/corrections/page/2/"]
    );
    let second = site.html("corrections/page/2/index.html");
    assert_eq!(
        texts(&second, ".correction-list .correction"),
        ["Correction, July 5, 2026: The deal was signed in Los Angeles, not New York."]
    );
    assert_eq!(
        attrs(&second, ".pagination a[rel=prev]", "href"),
        ["/corrections/"]
    );
    // Linked from every page's footer.
    for path in ["", DEAL, QUIET, "corrections/"] {
        let doc = site.html(&page(path));
        assert!(
            attrs(&doc, ".site-footer a", "href").contains(&"/corrections/".to_owned()),
            "{path}"
        );
    }
}

#[test]
fn a_site_without_corrections_says_so() {
    let site = Site::fixture("basic");
    site.build(&[]).ok();
    let doc = site.html("corrections/index.html");
    assert_eq!(texts(&doc, "h1"), ["Corrections"]);
    assert_eq!(
        texts(&doc, "main .empty"),
        ["No corrections have been published."]
    );
    assert!(!site.exists("corrections/page/2/index.html"));
}

#[test]
fn a_correction_dated_before_its_story_is_an_error_on_its_line() {
    let site = built();
    let before = site.files();
    let text = std::fs::read_to_string(site.path("content/lab.md")).unwrap();
    site.write(
        "content/lab.md",
        text.replace(
            "corrections: [{date: \"2026-07-12T10:00:00Z\"",
            "corrections:\n  - text: Fine.\n    date: 2026-07-11\n  - text: Too early.\n    date: 2026-07-09",
        )
        .replace(", text: \"The lab is in **London**, not Paris.\"}]", ""),
    );
    let expected = "content/lab.md:8: corrections: correction 2 is dated 2026-07-09, before the story's date (2026-07-10T00:00:00+00:00)";
    let err = site.build(&[]).fails();
    assert!(err.contains(expected), "{err}");
    assert!(
        err.contains("hint: a correction comes after the story"),
        "{err}"
    );
    assert_eq!(site.files(), before, "the previous site changed");
    let check = site.run(&["check", "--now", NOW]);
    let report = check.stdout();
    assert!(check.fails().is_empty(), "check wrote to stderr");
    assert!(report.contains(&format!("error: {expected}")), "{report}");
}

#[test]
fn every_problem_of_the_notes_is_reported_on_its_line() {
    let site = Site::fixture("corrections");
    site.write(
        "content/bad.md",
        "---\ntitle: Bad\ndate: 2026-07-10T09:30:00+02:00\ncategory: AI Technology\nparties: []\n\
         corrections:\n  - date: 2026-07-10\n    text: Same day as a plain date is fine.\n\
         \x20 - date: 2026-07-10T07:00:00+02:00\n    text: Earlier that day.\n\
         \x20 - date: 2026-07-11\n    txt: A typo.\n\
         \x20 - just text\n\
         \x20 - date: 2026-02-30\n    text: \"\"\n\
         \x20 - date: 2026-07-11\n    text: \"[gone](missing.md)\"\n---\nBody.\n",
    );
    let report = site.run(&["check", "--now", NOW]).stdout();
    for expected in [
        "content/bad.md:9: corrections: correction 2 is dated 2026-07-10T07:00:00+02:00, before",
        "content/bad.md:11: corrections: correction 3 has no text",
        "content/bad.md:12: corrections: correction 3 has an unknown key \"txt\"",
        "content/bad.md:13: corrections: correction 4 is not a pair of date and text",
        "content/bad.md:14: corrections: correction 5: \"2026-02-30\" is not a valid date",
        "content/bad.md:15: corrections: the text of correction 5 is empty",
    ] {
        assert!(
            report.contains(&format!("error: {expected}")),
            "{expected}\n{report}"
        );
    }
    // Rendering problems come once the front-matter is right.
    let text = std::fs::read_to_string(site.path("content/bad.md")).unwrap();
    let start = text.find("  - date: 2026-07-10T07").unwrap();
    let end = text.find("  - date: 2026-07-11\n    text").unwrap();
    site.write(
        "content/bad.md",
        format!("{}{}", &text[..start], &text[end..]),
    );
    let expected =
        "content/bad.md:10: corrections: links to content/missing.md, which does not exist";
    let err = site.build(&[]).fails();
    assert!(err.contains(expected), "{err}");
    let report = site.run(&["check", "--now", NOW]).stdout();
    assert!(report.contains(&format!("error: {expected}")), "{report}");
}

#[test]
fn check_renders_the_site_past_a_broken_link_in_a_correction() {
    let site = Site::fixture("corrections");
    let text = std::fs::read_to_string(site.path("content/lab.md")).unwrap();
    site.write(
        "content/lab.md",
        text.replace("**London**", "[London](missing.md)"),
    );
    // Fails on the corrections page only: found once the site assembles without
    // the broken note, as with a broken link in a body.
    site.write(
        "templates/corrections.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ nope.deeper }}\n{% endblock %}\n",
    );
    let (findings, ok) = crate::authoring::check_json(&site);
    assert!(!ok);
    let found: Vec<(&str, &str, u64)> = findings
        .iter()
        .filter(|f| f.code != "unsafe-html")
        .map(|f| (f.code.as_str(), f.file.as_str(), f.line))
        .collect();
    assert_eq!(
        found,
        [
            ("broken-link", "content/lab.md", 4),
            ("template-error", "templates/corrections.html", 3),
        ],
        "{findings:#?}"
    );
}

#[test]
fn check_warns_when_the_sites_templates_never_show_corrections() {
    let site = Site::fixture("corrections");
    let codes = |site: &Site| -> Vec<(String, String)> {
        crate::authoring::check_json(site)
            .0
            .into_iter()
            .filter(|f| f.code == "hidden-correction")
            .map(|f| (f.file, f.message))
            .collect()
    };
    // The default theme shows them.
    assert_eq!(codes(&site), Vec::<(String, String)>::new());
    // A site's own article page from before corrections: each corrected story told.
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ article.content | safe }}{% endblock %}\n",
    );
    let found = codes(&site);
    let files: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
    assert!(files.contains(&"content/lab.md"), "{found:?}");
    assert!(!files.contains(&"content/quiet.md"), "{found:?}");
    assert!(found[0].1.contains("templates/article.html"), "{found:?}");
    // Shown from a partial: fine.
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}{% include \"partials/notes.html\" %}{{ article.content | safe }}{% endblock %}\n",
    )
    .write(
        "templates/partials/notes.html",
        "{% for c in article.corrections %}{{ c.html | safe }}{% endfor %}",
    );
    assert_eq!(codes(&site), Vec::<(String, String)>::new());
}
