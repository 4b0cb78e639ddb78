//! Links between stories: a Markdown link to another story's file becomes that
//! story's URL; a link to a missing or unpublished story is an error with its line.

use crate::harness::{Site, attrs};

const FRONT: &str =
    "---\ntitle: Linker\ndate: 2026-07-06\ncategory: AI Technology\nparties: []\n---\n";

#[test]
fn links_to_story_files_become_permalinks() {
    let site = Site::fixture("basic");
    site.write(
        "content/2026/linker.md",
        format!(
            "{FRONT}\nSee [the deal](2026-07-05-deepmind-a24.md#what-was-announced), \
             [again](@/2026/2026-07-05-deepmind-a24.md) and [budgets](./2026-07-03-societe.md).\n"
        ),
    );
    site.build(&["--base-url", "https://example.org/picks/"])
        .ok();
    let doc = site.html("2026/07/06/linker/index.html");
    let hrefs = attrs(&doc, ".article-body a", "href");
    assert_eq!(
        hrefs,
        [
            "/picks/2026/07/05/google-deepmind-and-a24-announce-a-research-partnership/#what-was-announced",
            "/picks/2026/07/05/google-deepmind-and-a24-announce-a-research-partnership/",
            "/picks/2026/07/03/societe-generale-studies-ai-budgets/",
        ]
    );
}

#[test]
fn a_link_to_a_missing_story_names_file_and_line() {
    let site = Site::fixture("basic");
    site.write(
        "content/2026/linker.md",
        format!("{FRONT}\nFirst paragraph.\n\nSee [gone](nope.md) here.\n"),
    );
    let err = site.build(&[]).fails();
    assert!(
        err.contains(
            "content/2026/linker.md:10: links to content/2026/nope.md, which does not exist"
        ),
        "{err}"
    );
    assert!(
        err.contains("hint: links to stories are relative to this file"),
        "{err}"
    );
}

#[test]
fn a_link_to_a_draft_is_an_error_unless_drafts_are_built() {
    let site = Site::fixture("basic");
    site.write(
        "content/2026/linker.md",
        format!("{FRONT}\nSee [draft](2026-06-20-draft.md).\n"),
    );
    let err = site.build(&[]).fails();
    assert!(err.contains("content/2026/linker.md:8: links to content/2026/2026-06-20-draft.md, a draft or future story"), "{err}");
    site.build(&["--drafts"]).ok();
    let doc = site.html("2026/07/06/linker/index.html");
    assert_eq!(
        attrs(&doc, ".article-body a", "href"),
        ["/2026/06/20/a-draft-story/"]
    );
}

#[test]
fn a_link_to_a_story_file_keeps_its_query_and_anchor() {
    let site = Site::fixture("basic");
    site.write(
        "content/2026/linker.md",
        format!(
            "{FRONT}\nSee [the deal](2026-07-05-deepmind-a24.md?utm_source=digest) and \
             [its plans](@/2026/2026-07-05-deepmind-a24.md?ref=x&v=2#what-was-announced).\n"
        ),
    );
    site.build(&["--base-url", "https://example.org/picks/"])
        .ok();
    let doc = site.html("2026/07/06/linker/index.html");
    assert_eq!(
        attrs(&doc, ".article-body a", "href"),
        [
            "/picks/2026/07/05/google-deepmind-and-a24-announce-a-research-partnership/?utm_source=digest",
            "/picks/2026/07/05/google-deepmind-and-a24-announce-a-research-partnership/?ref=x&v=2#what-was-announced",
        ]
    );
}
