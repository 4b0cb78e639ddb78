//! `check` on what story bodies cannot put into a page: a Markdown link or image that
//! runs code is the same `unsafe-url` error, on the same line, as in `build`.

use crate::harness::Site;

use super::{at, check_json, positions};

const FRONT: &str = "---\ntitle: Raw\ndate: 2026-07-06\ncategory: AI Technology\nparties: []\nsources:\n  - title: \"The announcement\"\n    url: \"https://example.org/news\"\n---\n";

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
