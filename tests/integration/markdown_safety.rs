//! What a story body cannot put into a page: raw HTML is sanitised (scripts, event
//! handlers and script URLs go, ordinary markup stays) unless the site trusts it, and
//! a Markdown link or image whose URL runs code stops the build at its line.

use std::path::PathBuf;

use smartpicks::BuildOptions;
use smartpicks::serve::{Changes, Session};

use crate::harness::{NOW, Site, attrs, texts};

const FRONT: &str =
    "---\ntitle: Raw\ndate: 2026-07-06\ncategory: AI Technology\nparties: []\n---\n";
const PAGE: &str = "2026/07/06/raw/index.html";

/// A body with something of everything: kept markup around Markdown, and the usual
/// ways of running script.
const RAW_BODY: &str = "\nIntro <kbd>Ctrl</kbd>.\n\n\
<details class=\"more\">\n<summary>Details</summary>\n\n**Bold** and [a link](https://e.org/).\n\n</details>\n\n\
<script>alert('x')</script>\n\n\
<img src=\"/a.png\" alt=\"A\" onerror=\"alert(1)\">\n\n\
A <a href=\"jav&#x09;ascript:alert(1)\">sneaky</a> link.\n";

/// The HTML of the story's body on its page.
fn article_body(doc: &scraper::Html) -> String {
    let sel = scraper::Selector::parse(".article-body").unwrap();
    doc.select(&sel)
        .next()
        .expect("an article body")
        .inner_html()
}

#[test]
fn raw_html_is_sanitised_and_ordinary_markup_kept() {
    let site = Site::fixture("basic");
    site.write("content/2026/raw.md", format!("{FRONT}{RAW_BODY}"));
    site.build(&[]).ok();
    let doc = site.html(PAGE);
    let body = article_body(&doc);
    for gone in ["alert", "onerror", "<script", "ascript:"] {
        assert!(!body.contains(gone), "{gone} in\n{body}");
    }
    assert_eq!(texts(&doc, ".article-body kbd"), ["Ctrl"]);
    assert_eq!(
        texts(&doc, ".article-body details.more summary"),
        ["Details"]
    );
    assert_eq!(texts(&doc, ".article-body details.more p strong"), ["Bold"]);
    assert_eq!(
        attrs(&doc, ".article-body details.more p a", "href"),
        ["https://e.org/"]
    );
    assert_eq!(attrs(&doc, ".article-body img[alt=A]", "src"), ["/a.png"]);
    assert_eq!(texts(&doc, ".article-body a:not([href])"), ["sneaky"]);
}

#[test]
fn a_site_that_trusts_its_writers_publishes_raw_html_as_written() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[markdown]\nraw_html = \"trusted\"\n"),
    );
    site.write("content/2026/raw.md", format!("{FRONT}{RAW_BODY}"));
    site.build(&[]).ok();
    let page = site.read(PAGE);
    assert!(page.contains("<script>alert('x')</script>"), "{page}");
    assert!(page.contains("onerror=\"alert(1)\""), "{page}");
    assert!(
        page.contains("href=\"jav&#x09;ascript:alert(1)\""),
        "{page}"
    );
}

#[test]
fn a_link_or_image_that_runs_code_stops_the_build_at_its_line() {
    let site = Site::fixture("basic");
    site.build(&[]).ok();
    let before = site.read("index.html");
    site.write(
        "content/2026/raw.md",
        format!(
            "{FRONT}\nFine [link](https://e.org/) and ![dot](data:image/png;base64,iVBORw0KGgo=).\n\n\
             Click [here](javascript:alert(1)).\n\n\
             ![x](DATA:text/html;base64,PHNjcmlwdD4=)\n\n\
             And [there](jav&#x09;ascript:alert(1)) or [ref].\n\n\
             [ref]: VBScript:msgbox(1)\n"
        ),
    );
    let err = site.build(&[]).fails();
    for expected in [
        "content/2026/raw.md:10: this link's URL \"javascript:alert(1)\" uses javascript:",
        "content/2026/raw.md:12: this image's URL \"DATA:text/html;base64,PHNjcmlwdD4=\" uses data:",
        "content/2026/raw.md:14: this link's URL \"jav\\tascript:alert(1)\" uses javascript:",
        "content/2026/raw.md:14: this link's URL \"VBScript:msgbox(1)\" uses vbscript:",
    ] {
        assert!(err.contains(expected), "{expected}\nnot in\n{err}");
    }
    assert!(err.contains("4 errors in content"), "{err}");
    assert!(err.contains("hint: link to a web page"), "{err}");
    assert_eq!(site.read("index.html"), before, "public/ was changed");
}

/// A `serve` session on the fixture, built once.
fn session(site: &Site, out: &std::path::Path) -> Session {
    let options = BuildOptions {
        base_url: Some("http://127.0.0.1:1111/".into()),
        now: Some(NOW.parse().unwrap()),
        ..BuildOptions::new(site.root())
    };
    let mut session = Session::new(options, out).unwrap();
    session.rebuild_all().unwrap();
    session
}

#[test]
fn serve_applies_the_same_rules_to_a_body_edit() {
    const STORY: &str = "content/2026/2026-07-05-deepmind-a24.md";
    const ARTICLE: &str =
        "2026/07/05/google-deepmind-and-a24-announce-a-research-partnership/index.html";
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[markdown]\nraw_html = \"trusted\"\n"),
    );
    let live = tempfile::tempdir().unwrap();
    let mut session = session(&site, &live.path().join("out"));
    let edit = Changes {
        content: vec![PathBuf::from(STORY)],
        ..Changes::default()
    };
    let text = std::fs::read_to_string(site.path(STORY)).unwrap();
    let marker = "A research partnership spanning";

    // A safe body edit takes the one-page path.
    site.write(
        STORY,
        text.replace(marker, "A [research](/a/) partnership spanning"),
    );
    session.apply(&edit).unwrap();
    let page = std::fs::read_to_string(session.output_dir().join(ARTICLE)).unwrap();
    assert!(page.contains("<a href=\"/a/\">research</a>"), "{page}");

    // A trusted site's raw HTML survives the one-page path as it does a full build.
    site.write(
        STORY,
        text.replace(
            marker,
            "A <u onclick=\"go()\">research</u> partnership spanning",
        ),
    );
    session.apply(&edit).unwrap();
    let page = std::fs::read_to_string(session.output_dir().join(ARTICLE)).unwrap();
    assert!(page.contains("<u onclick=\"go()\">research</u>"), "{page}");

    // A script URL fails the rebuild, as it fails a build.
    site.write(
        STORY,
        text.replace(marker, "A [research](javascript:go()) partnership spanning"),
    );
    assert!(
        session.apply(&edit).is_err(),
        "an unsafe URL must fail as in build"
    );
}

#[test]
fn a_party_website_that_runs_code_is_refused_by_build_and_check() {
    // The party page links to the website, so it is held to the rule of links.
    let break_site = |s: &Site| {
        let config = std::fs::read_to_string(s.path("site.toml")).unwrap();
        let config = config.replace(
            "website = \"https://deepmind.google/\"",
            "website = \" JavaScript:alert(1)\"",
        );
        s.write("site.toml", config);
    };
    let err = crate::bad_input::fails_and_keeps_site(break_site);
    assert!(
        err.contains("site.toml:22: website: website \" JavaScript:alert(1)\" uses javascript:"),
        "{err}"
    );
    let site = Site::fixture("basic");
    break_site(&site);
    let (findings, ok) = crate::authoring::check_json(&site);
    assert!(!ok);
    assert!(
        findings
            .iter()
            .any(|f| f.code == "invalid-config" && f.file == "site.toml" && f.line == 22),
        "{findings:#?}"
    );
}
