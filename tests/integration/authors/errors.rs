//! Names the site does not declare, both byline keys at once, and bad `[[authors]]`
//! entries: each an error on its line from `build` (which keeps the previous site)
//! and from `check`.

use crate::authoring::{Finding, check_json};
use crate::harness::Site;

/// Builds the `authors` fixture, breaks it, and builds again: the build fails
/// without touching the previous site. Returns the broken site and the error.
fn breaks(breakage: impl FnOnce(&Site)) -> (Site, String) {
    let site = Site::fixture("authors");
    site.build(&[]).ok();
    let before = site.files();
    let page = site.read("authors/dana-okafor/index.html");
    breakage(&site);
    let err = site.build(&[]).fails();
    assert_eq!(site.files(), before, "the previous site changed");
    assert_eq!(site.read("authors/dana-okafor/index.html"), page);
    (site, err)
}

/// `check`'s findings of `code`, as (file, line, key-less message).
fn found<'a>(findings: &'a [Finding], code: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.code == code).collect()
}

#[test]
fn an_undeclared_author_is_an_error_on_its_line_in_build_and_check() {
    // The fixture keeps the story aside (a leading `_` leaves it out).
    let (site, err) = breaks(|site| {
        std::fs::rename(
            site.path("content/_unknown-author.md"),
            site.path("content/unknown-author.md"),
        )
        .unwrap();
    });
    // Line 8 is the second item of the list, the undeclared one.
    assert!(
        err.contains(
            "content/unknown-author.md:8: authors: unknown author \"Sam Nobody\" (declared: Dana Okafor, Lena Brandt, Picks Desk, Ravi Mehta)"
        ),
        "{err}"
    );
    assert!(
        err.contains("hint: use a declared author, or declare them under [[authors]] in site.toml"),
        "{err}"
    );
    let (findings, ok) = check_json(&site);
    assert!(!ok);
    let unknown = found(&findings, "unknown-author");
    assert_eq!(unknown.len(), 1, "{findings:#?}");
    assert_eq!(
        (unknown[0].file.as_str(), unknown[0].line),
        ("content/unknown-author.md", 8)
    );
    assert!(unknown[0].message.contains("Sam Nobody"));
    // `author:` is checked the same way, on its own line.
    let (_, err) = breaks(|site| {
        site.write(
            "content/single.md",
            "---\ntitle: Single\ndate: 2026-07-08\ncategory: AI Technology\nparties: []\nauthor: Lena Brant\n---\nBody.\n",
        );
    });
    assert!(
        err.contains("content/single.md:6: author: unknown author \"Lena Brant\""),
        "{err}"
    );
}

#[test]
fn author_and_authors_together_is_an_error_with_a_hint() {
    let (site, err) = breaks(|site| {
        site.write(
            "content/both.md",
            "---\ntitle: Both\ndate: 2026-07-08\ncategory: AI Technology\nparties: []\nauthor: Dana Okafor\nauthors: [Lena Brandt]\n---\nBody.\n",
        );
    });
    assert!(
        err.contains("content/both.md:7: authors: the story sets both author and authors"),
        "{err}"
    );
    assert!(err.contains("hint: keep one:"), "{err}");
    let (findings, ok) = check_json(&site);
    assert!(!ok);
    let both: Vec<_> = findings
        .iter()
        .filter(|f| f.file == "content/both.md")
        .map(|f| (f.code.as_str(), f.line))
        .collect();
    assert_eq!(both, [("invalid-value", 7)], "{findings:#?}");
}

#[test]
fn the_default_author_must_be_declared_once_authors_are() {
    let (site, err) = breaks(|site| {
        let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
        site.write(
            "site.toml",
            toml.replace("author = \"Picks Desk\"", "author = \"The Desk\""),
        );
    });
    assert!(
        err.contains("site.toml:4: author: unknown author \"The Desk\" (declared: Dana Okafor,"),
        "{err}"
    );
    let (findings, ok) = check_json(&site);
    assert!(!ok);
    let unknown = found(&findings, "unknown-author");
    assert_eq!(
        (unknown[0].file.as_str(), unknown[0].line),
        ("site.toml", 4),
        "{findings:#?}"
    );
}

#[test]
fn bad_author_entries_are_configuration_errors_on_their_lines() {
    for (from, to, line, says) in [
        (
            "same_as = [\"https://social.example/@dana\"",
            "same_as = [\"social.example/@dana\"",
            23,
            "\"social.example/@dana\" is not an absolute http(s) web address",
        ),
        (
            "url = \"https://dana.example.com/\"",
            "url = \"javascript:alert(1)\"",
            21,
            "is not an absolute http(s) web address",
        ),
        (
            "avatar = \"/avatars/dana.svg\"",
            "avatar = \"javascript:alert(1)\"",
            22,
            "uses javascript:",
        ),
        (
            "Read [her beat](/categories/studios-and-deals/).",
            "Read [her story](../2026-07-01-first-deal.md).",
            17,
            "a bio cannot link to the story file",
        ),
        (
            "name = \"Ravi Mehta\"",
            "name = \"dana okafor\"",
            35,
            "author \"dana okafor\" clashes with \"Dana Okafor\"",
        ),
    ] {
        let (site, err) = breaks(|site| {
            let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
            assert!(toml.contains(from), "{from}");
            site.write("site.toml", toml.replacen(from, to, 1));
        });
        assert!(
            err.contains(&format!("site.toml:{line}: ")) && err.contains(says),
            "{to}: {err}"
        );
        let (findings, ok) = check_json(&site);
        assert!(!ok);
        let config = found(&findings, "invalid-config");
        assert_eq!(
            (config[0].file.as_str(), config[0].line),
            ("site.toml", line),
            "{to}: {findings:#?}"
        );
    }
}

#[test]
fn check_warns_about_an_avatar_no_file_provides() {
    let site = Site::fixture("authors");
    let (findings, ok) = check_json(&site);
    assert!(ok, "{findings:#?}");
    assert!(
        found(&findings, "missing-asset").is_empty(),
        "{findings:#?}"
    );
    site.remove("static/avatars/dana.svg");
    let (findings, ok) = check_json(&site);
    assert!(ok, "a missing avatar is a warning: {findings:#?}");
    let missing = found(&findings, "missing-asset");
    assert_eq!(missing.len(), 1, "{findings:#?}");
    assert_eq!(
        (missing[0].file.as_str(), missing[0].line),
        ("site.toml", 22)
    );
    assert!(missing[0].message.contains("/avatars/dana.svg"));
}
