//! `smartpicks check` warnings: each kind with its code, file, line (and column where
//! it points into the body), and exit 0 when there are only warnings.

use crate::harness::Site;

use super::{Finding, at, check_json, positions};

const SOURCES: &str =
    "sources:\n  - title: \"The announcement\"\n    url: \"https://example.org/news\"\n";

/// A story with sources (so the only warnings are the ones a test asks for).
fn story(site: &Site, name: &str, front: &str, body: &str) {
    site.write(
        &format!("content/{name}"),
        format!("---\n{front}{SOURCES}---\n{body}"),
    );
}

/// Findings, asserting the check passed and that every finding is a warning.
fn warnings(site: &Site) -> Vec<Finding> {
    let (findings, ok) = check_json(site);
    assert!(ok, "check failed: {findings:#?}");
    assert!(
        findings.iter().all(|f| f.severity == "warning"),
        "{findings:#?}"
    );
    findings
}

#[test]
fn warns_about_a_story_without_sources() {
    let site = Site::fixture("authoring");
    site.write(
        "content/bare.md",
        "---\ntitle: Bare\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\n---\nText.\n",
    );
    let findings = warnings(&site);
    assert_eq!(
        positions(&findings, "no-sources"),
        at(&[("content/bare.md", 1)])
    );
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let text = site
        .run(&["check", "--now", crate::harness::NOW])
        .ok()
        .stdout();
    assert!(text.ends_with("0 errors, 1 warning\n"), "{text}");
}

#[test]
fn warns_about_near_duplicate_parties_and_tags_but_not_declared_aliases() {
    let site = Site::fixture("authoring");
    // The fixture's clean story uses Runway, A24 and "generative video".
    story(
        &site,
        "2026-07-06-a.md",
        "title: A\ndate: 2026-07-06\ncategory: AI Technology\n\
         parties: [DeepMind, RunwayML, Runway ML, a24]\n",
        "Text.\n",
    );
    story(
        &site,
        "2026-07-07-b.md",
        "title: B\ndate: 2026-07-07\ncategory: AI Technology\nparties:\n  - Deepmind\n  - Stability\n  - Stability AI\ntags: [Generative-Video, research]\n",
        "Text.\n",
    );
    let findings = warnings(&site);
    assert_eq!(
        positions(&findings, "near-duplicate-term"),
        at(&[
            ("content/2026-07-06-a.md", 5),
            ("content/2026-07-07-b.md", 6),
            ("content/2026-07-07-b.md", 8),
            ("content/2026-07-07-b.md", 9),
        ]),
        "{findings:#?}"
    );
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "party \"a24\" looks like \"A24\" (content/2026-07-05-clean.md:5)",
            "party \"Deepmind\" looks like \"DeepMind\" (content/2026-07-06-a.md:5)",
            "party \"Stability AI\" looks like \"Stability\" (content/2026-07-07-b.md:7)",
            "tag \"Generative-Video\" looks like \"generative video\" (content/2026-07-05-clean.md:6)",
        ]
    );
    // Columns point at the spelling itself.
    assert_eq!(findings[0].column, 42, "{:?}", findings[0]);
    assert_eq!(findings[1].column, 5, "{:?}", findings[1]);
}

#[test]
fn warns_about_missing_images_and_links_to_nothing() {
    let site = Site::fixture("authoring");
    story(
        &site,
        "links.md",
        "title: Links\ndate: 2026-07-06\ncategory: AI Technology\nparties: []\nimage: /images/missing.svg\n",
        "\nFine: ![ok](/images/lead.svg), [story](/2026/07/05/runway-and-a24-sign-a-clean-deal/#links-that-resolve),\n\
         [no slash](/2026/07/05/runway-and-a24-sign-a-clean-deal), [feed](/tags/generative-video/feed.xml).\n\
         \n\
         Missing: ![gone](/images/gone.svg \"t\") and\n\
         a [dead link](/2026/01/01/nowhere/?x=1).\n",
    );
    let findings = warnings(&site);
    assert_eq!(
        positions(&findings, "missing-asset"),
        at(&[
            ("content/links.md", 6),
            ("content/links.md", 15),
            ("content/links.md", 16),
        ]),
        "{findings:#?}"
    );
    let body: Vec<(u64, &str)> = findings[1..]
        .iter()
        .map(|f| (f.column, f.message.as_str()))
        .collect();
    assert_eq!(
        body,
        [
            (
                10,
                "image /images/gone.svg is not a file under static/ or themes/smartpicks/static/"
            ),
            (
                3,
                "link /2026/01/01/nowhere/?x=1 is neither a file under static/ nor a page of the site"
            ),
        ]
    );
    assert_eq!(
        findings[0].message,
        "image /images/missing.svg is not a file under static/ or themes/smartpicks/static/"
    );
}

#[test]
fn lists_drafts_and_future_stories() {
    let site = Site::fixture("authoring");
    story(
        &site,
        "draft.md",
        "title: Draft\ndate: 2026-07-06\ncategory: AI Technology\nparties: []\ndraft: true\n",
        "Text.\n",
    );
    story(
        &site,
        "future.md",
        "title: Future\ndate: 2026-12-01T09:00:00+01:00\ncategory: AI Technology\nparties: []\n",
        "Text.\n",
    );
    let findings = warnings(&site);
    assert_eq!(
        positions(&findings, "draft"),
        at(&[("content/draft.md", 6)])
    );
    assert_eq!(
        positions(&findings, "future"),
        at(&[("content/future.md", 3)])
    );
    assert_eq!(findings.len(), 2, "{findings:#?}");
    assert!(
        findings[1].message.contains("dated 2026-12-01"),
        "{findings:#?}"
    );
}

#[test]
fn warns_about_summaries_too_long_for_social_cards() {
    let site = Site::fixture("authoring");
    let front = |title: &str, n: usize| {
        format!(
            "title: {title}\ndate: 2026-07-06\ncategory: AI Technology\nparties: []\nsummary: \"{}\"\n",
            "é".repeat(n)
        )
    };
    story(&site, "long.md", &front("Long", 201), "Text.\n");
    story(&site, "fits.md", &front("Fits", 200), "Text.\n");
    let findings = warnings(&site);
    assert_eq!(
        positions(&findings, "summary-too-long"),
        at(&[("content/long.md", 6)])
    );
    assert_eq!(findings.len(), 1, "{findings:#?}");
}
