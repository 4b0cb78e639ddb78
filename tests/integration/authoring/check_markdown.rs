//! `check` on what story bodies cannot put into a page: every piece of raw HTML that
//! sanitising removes is an `unsafe-html` warning on its line, and a Markdown link or
//! image that runs code is the same `unsafe-url` error, on the same line, as in
//! `build`.

use crate::harness::Site;

use super::{at, check_json, positions};

const FRONT: &str = "---\ntitle: Raw\ndate: 2026-07-06\ncategory: AI Technology\nparties: []\nsources:\n  - title: \"The announcement\"\n    url: \"https://example.org/news\"\n---\n";

/// Raw HTML with four things to remove, on file lines 15, 17 (twice) and 21 (the
/// front-matter takes nine lines); the rest is kept.
const RAW_BODY: &str = "\nIntro <kbd>Ctrl</kbd>.\n\n\
<details class=\"more\">\n<summary>Details</summary>\n<script>alert('x')</script>\n\n\
<img src=\"/a.png\" alt=\"A\" style=\"width: 9em\" onerror=\"alert(1)\">\n\n\
</details>\n\n\
A <a href=\"jav&#x09;ascript:alert(1)\">sneaky</a> link.\n";

#[test]
fn check_warns_about_each_piece_of_raw_html_it_removes() {
    let site = Site::fixture("authoring");
    site.write("content/raw.md", format!("{FRONT}{RAW_BODY}"));
    let (findings, ok) = check_json(&site);
    assert!(ok, "warnings only: {findings:#?}");
    assert_eq!(
        positions(&findings, "unsafe-html"),
        at(&[
            ("content/raw.md", 15),
            ("content/raw.md", 17),
            ("content/raw.md", 17),
            ("content/raw.md", 21),
        ]),
        "{findings:#?}"
    );
    let messages: Vec<&str> = findings
        .iter()
        .filter(|f| f.code == "unsafe-html")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "removed from the page: <script> and everything in it",
            "removed from the page: the onerror attribute of <img>",
            "removed from the page: the style attribute of <img>",
            "removed from the page: href=\"jav\\tascript:alert(1)\" from <a>",
        ]
    );
    assert!(
        findings.iter().all(|f| f.severity == "warning"),
        "{findings:#?}"
    );
    let hint = findings[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("raw_html = \"trusted\""), "{hint}");
}

#[test]
fn a_trusting_site_gets_no_raw_html_warnings() {
    let site = Site::fixture("authoring");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[markdown]\nraw_html = \"trusted\"\n"),
    );
    site.write("content/raw.md", format!("{FRONT}{RAW_BODY}"));
    let (findings, ok) = check_json(&site);
    assert!(ok && findings.is_empty(), "{findings:#?}");
}

#[test]
fn check_reports_unsafe_urls_where_build_stops() {
    let site = Site::fixture("authoring");
    let body = "\nClick [here](javascript:alert(1)).\n\n![x](data:text/html;base64,PHNjcmlwdD4=)\n\nFine ![dot](data:image/png;base64,iVBORw0KGgo=).\n";
    site.write("content/raw.md", format!("{FRONT}{body}"));
    // Drafts are built by no plain build, but checked all the same.
    site.write(
        "content/draft.md",
        format!(
            "{}\n[x](  VBScript:msgbox(1))\n",
            FRONT.replace("title: Raw", "title: Draft\ndraft: true")
        ),
    );
    let (findings, ok) = check_json(&site);
    assert!(!ok, "unsafe URLs are errors");
    let expected = at(&[
        ("content/draft.md", 12),
        ("content/raw.md", 11),
        ("content/raw.md", 13),
    ]);
    assert_eq!(
        positions(&findings, "unsafe-url"),
        expected,
        "{findings:#?}"
    );
    assert!(
        findings
            .iter()
            .filter(|f| f.code == "unsafe-url")
            .all(|f| f.severity == "error"),
        "{findings:#?}"
    );
    // The build names the same files and lines.
    let err = site.build(&["--drafts"]).fails();
    for (file, line) in &expected {
        assert!(
            err.contains(&format!("{file}:{line}: this ")),
            "{file}:{line} not in\n{err}"
        );
    }
}
