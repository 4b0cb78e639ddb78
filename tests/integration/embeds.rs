//! Video embeds (README.md, "Videos"): a YouTube or Vimeo URL alone on a line, or a
//! ` ```embed ` block, becomes a poster and a title linking to the video, played on
//! a click by the theme's `embed.js`; other URLs stay links. A block that cannot be
//! made is an error with its line, from `build` and `check` alike.

use std::path::PathBuf;

use smartpicks::serve::{Changes, Session};

use crate::authoring::check_json;
use crate::bad_input::fails_and_keeps_site;
use crate::harness::{Site, attrs, texts};

const FRONT: &str =
    "---\ntitle: Trailer day\ndate: 2026-07-06\ncategory: AI Technology\nparties: []\n---\n";
const PAGE: &str = "2026/07/06/trailer-day/index.html";

/// A story with a bare YouTube URL, a block with a caption and a local poster, a
/// Vimeo video and a link that is no video.
fn trailer_site() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "static/images/trailer.jpg",
        b"\xFF\xD8\xFF\xE0 not really a JPEG",
    );
    site.write(
        "content/2026/trailer.md",
        format!(
            "{FRONT}\n\
             The studio released the first trailer.\n\n\
             https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=1m30s\n\n\
             ```embed\n\
             https://youtu.be/aqz-KE-bpKQ\n\
             title: The official trailer\n\
             caption: Out *today*; see [the deal](2026-07-05-deepmind-a24.md).\n\
             poster: /images/trailer.jpg\n\
             ```\n\n\
             <https://vimeo.com/76979871>\n\n\
             <https://example.org/trailer>\n\n\
             Or watch it here: https://youtu.be/aqz-KE-bpKQ\n"
        ),
    );
    site
}

#[test]
fn video_urls_become_embeds_and_other_urls_stay_links() {
    let site = trailer_site();
    site.build(&["--base-url", "https://example.org/picks/"])
        .ok();
    let doc = site.html(PAGE);
    assert_eq!(
        attrs(&doc, ".article-body figure.embed", "data-embed"),
        [
            "youtube:aqz-KE-bpKQ",
            "youtube:aqz-KE-bpKQ",
            "vimeo:76979871"
        ]
    );
    assert_eq!(
        attrs(&doc, "figure.embed > a.embed-link", "href"),
        [
            "https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=90s",
            "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "https://vimeo.com/76979871",
        ]
    );
    assert_eq!(
        attrs(&doc, "figure.embed", "data-embed-start"),
        ["90"],
        "only the first starts later"
    );
    assert_eq!(
        texts(&doc, "figure.embed .embed-title"),
        ["YouTube video", "The official trailer", "Vimeo video"]
    );
    assert_eq!(
        attrs(&doc, "figure.embed img", "src"),
        ["/picks/images/trailer.jpg"]
    );
    assert_eq!(
        doc.select(&scraper::Selector::parse(".embed-placeholder").unwrap())
            .count(),
        2
    );
    assert_eq!(
        texts(&doc, "figure.embed figcaption"),
        ["Out today; see the deal."]
    );
    assert_eq!(
        attrs(&doc, "figure.embed figcaption a", "href"),
        ["/picks/2026/07/05/google-deepmind-and-a24-announce-a-research-partnership/"]
    );
    // Other URLs, and a video URL inside a sentence, stay links.
    assert_eq!(
        attrs(&doc, ".article-body p a", "href"),
        ["https://example.org/trailer"]
    );
    assert!(
        texts(&doc, ".article-body p")
            .contains(&"Or watch it here: https://youtu.be/aqz-KE-bpKQ".to_owned())
    );
    // Nothing on the page loads from anyone else; the player's script is there.
    assert!(attrs(&doc, "iframe", "src").is_empty());
    assert!(
        attrs(&doc, "img", "src")
            .iter()
            .all(|src| src.starts_with("/picks/"))
    );
    assert_eq!(attrs(&doc, "script[src]", "src"), ["/picks/embed.js"]);
    assert!(site.exists("embed.js"));
    // A page without an embed does not load it.
    let other = site.html("2026/07/03/societe-generale-studies-ai-budgets/index.html");
    assert!(attrs(&other, "script[src]", "src").is_empty());
}

#[test]
fn full_content_feeds_carry_the_embed_as_a_linked_poster_with_absolute_urls() {
    let site = trailer_site();
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[feeds]\nfull_content = true\n"),
    );
    site.build(&["--base-url", "https://example.org/picks/"])
        .ok();
    let feed = site.read("feed.xml");
    let entry = &feed[feed
        .find("<title>Trailer day</title>")
        .expect("the story's entry")..];
    let entry = &entry[..entry.find("</entry>").unwrap()];
    for part in [
        "&lt;figure class=&quot;embed&quot;",
        "href=&quot;https://www.youtube.com/watch?v=aqz-KE-bpKQ&amp;amp;t=90s&quot;",
        "src=&quot;https://example.org/picks/images/trailer.jpg&quot;",
        "The official trailer",
        "Watch on Vimeo",
    ] {
        assert!(entry.contains(part), "{part} not in\n{entry}");
    }
    assert!(!entry.contains("iframe"), "{entry}");
    assert!(!entry.contains("embed.js"), "{entry}");
}

#[test]
fn bad_embed_blocks_are_errors_on_their_lines_from_build_and_check() {
    // File lines: 8 the fence, 9 the URL, 10 the poster, 11 the unknown key; then a
    // second block whose URL is no video on line 15.
    let body = "```embed\n\
                https://youtu.be/aqz-KE-bpKQ\n\
                poster: /images/missing.jpg\n\
                colour: red\n\
                ```\n\n\
                ```embed\n\
                https://example.org/trailer\n\
                ```\n";
    let breakage = |site: &Site| {
        site.write("content/bad.md", format!("{FRONT}\n{body}"));
    };
    let err = fails_and_keeps_site(breakage);
    for expected in [
        "content/bad.md:10: poster: /images/missing.jpg is not a file under static/ or themes/smartpicks/static/",
        "content/bad.md:11: colour: embed blocks have no option \"colour\"",
        "content/bad.md:15: \"https://example.org/trailer\" is not a YouTube or Vimeo video URL",
        "hint: a poster is an image file of the site",
        "hint: an embed block takes the URL, then caption:, title:, poster: and start: lines",
    ] {
        assert!(err.contains(expected), "{expected}\nnot in\n{err}");
    }
    let site = Site::fixture("basic");
    breakage(&site);
    let (findings, ok) = check_json(&site);
    assert!(!ok);
    let found: Vec<(u64, &str)> = findings
        .iter()
        .filter(|f| f.code == "bad-embed" && f.file == "content/bad.md")
        .map(|f| (f.line, f.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                10,
                "/images/missing.jpg is not a file under static/ or themes/smartpicks/static/"
            ),
            (11, "embed blocks have no option \"colour\""),
            (
                15,
                "\"https://example.org/trailer\" is not a YouTube or Vimeo video URL"
            ),
        ]
    );
    assert!(!site.path("public").exists(), "check wrote output");
}

#[test]
fn posters_must_be_pictures_of_the_site() {
    for (poster, says) in [
        (
            "https://img.youtube.com/vi/aqz-KE-bpKQ/0.jpg",
            "is not a file of this site",
        ),
        ("images/trailer.jpg", "is relative"),
        ("/images/../../../etc/passwd.jpg", "is not a plain path"),
        ("/robots-note.txt", "is not a picture"),
    ] {
        let site = Site::fixture("basic");
        site.write("static/images/trailer.jpg", "x");
        site.write(
            "content/bad.md",
            format!("{FRONT}\n```embed\nhttps://youtu.be/aqz-KE-bpKQ\nposter: {poster}\n```\n"),
        );
        let err = site.build(&[]).fails();
        assert!(
            err.contains("content/bad.md:10: poster: ") && err.contains(says),
            "{poster}: {err}"
        );
    }
}

#[test]
fn a_poster_removed_while_serving_is_reported_and_its_return_builds_again() {
    let site = trailer_site();
    let options = smartpicks::BuildOptions {
        now: Some(crate::harness::NOW.parse().unwrap()),
        ..smartpicks::BuildOptions::new(site.root())
    };
    let live = tempfile::tempdir().unwrap();
    let mut session = Session::new(options, &live.path().join("out")).unwrap();
    session.rebuild_all().unwrap();
    let poster = "static/images/trailer.jpg";
    let changed = Changes {
        assets: vec![PathBuf::from(poster)],
        ..Changes::default()
    };
    site.remove(poster);
    let err = session.apply(&changed).unwrap_err().to_string();
    assert!(
        err.contains("content/2026/trailer.md:16: poster: /images/trailer.jpg is not a file"),
        "{err}"
    );
    site.write(poster, "back");
    session.apply(&changed).unwrap();
    let page = std::fs::read_to_string(live.path().join("out").join(PAGE)).unwrap();
    assert!(page.contains("src=\"/images/trailer.jpg\""), "{page}");
}
