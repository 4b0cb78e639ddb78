//! `smartpicks check`: everything `build` rejects, all at once, with stable codes and
//! positions, and nothing written.

use crate::harness::{NOW, Site};

use super::{at, check_json, positions};

const GOOD: &str = "title: Fine\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\n";

#[test]
fn check_finds_nothing_in_a_clean_site_and_writes_nothing() {
    let site = Site::fixture("authoring");
    let run = site.run(&["check", "--now", NOW]).ok();
    assert_eq!(run.stdout(), "0 errors, 0 warnings\n");
    let (findings, ok) = check_json(&site);
    assert!(ok && findings.is_empty(), "{findings:?}");
    assert!(!site.path("public").exists(), "check wrote public/");
}

/// A site with one story for each error the library reports.
fn broken_site() -> Site {
    let site = Site::fixture("authoring");
    site.write(
        "content/unknown-key.md",
        format!("---\n{GOOD}colour: red\n---\nBody\n"),
    )
    .write(
        "content/missing-key.md",
        "---\ntitle: T\ndate: 2026-07-01\nparties: []\n---\n",
    )
    .write(
        "content/invalid-type.md",
        "---\ntitle: T\ndate: 2026-07-01\ncategory: AI Technology\nparties: {a: 1}\n---\n",
    )
    .write(
        "content/invalid-date.md",
        "---\ntitle: T\ndate: 2026-02-30\ncategory: AI Technology\nparties: []\n---\n",
    )
    .write(
        "content/unknown-category.md",
        "---\ntitle: T\ndate: 2026-07-01\ncategory: AI Tech\nparties: []\n---\n",
    )
    .write("content/unclosed.md", "---\ntitle: T\n")
    .write(
        "content/invalid-yaml.md",
        "---\ntitle: T\n  colour: [\n---\n",
    )
    .write("content/empty.md", "\n")
    .write(
        "content/invalid-utf8.md",
        b"---\ntitle: T\n\xff\xfe\n---\n".as_slice(),
    )
    .write(
        "content/linker.md",
        format!(
            "---\n{GOOD}sources: [{{title: s, url: \"https://e.org/\"}}]\n---\n\n\
                 See [gone](gone.md) and [broken](unknown-key.md).\n"
        ),
    )
    .write(
        "content/twin.md",
        format!("---\n{GOOD}sources: [{{title: s, url: \"https://e.org/\"}}]\n---\nTwin.\n"),
    );
    site
}

#[test]
fn check_reports_every_error_at_once_with_code_and_position() {
    let site = broken_site();
    let (findings, ok) = check_json(&site);
    assert!(!ok, "check exited 0 with errors");
    let expect = |code: &str, file: &str, line: u64| {
        assert_eq!(
            positions(&findings, code),
            at(&[(file, line)]),
            "{code}: {findings:#?}"
        );
    };
    expect("unknown-key", "content/unknown-key.md", 6);
    expect("missing-key", "content/missing-key.md", 1);
    expect("invalid-type", "content/invalid-type.md", 5);
    expect("invalid-date", "content/invalid-date.md", 3);
    expect("unknown-category", "content/unknown-category.md", 4);
    expect("unclosed-front-matter", "content/unclosed.md", 1);
    expect("invalid-yaml", "content/invalid-yaml.md", 3);
    expect("empty-file", "content/empty.md", 1);
    expect("invalid-utf8", "content/invalid-utf8.md", 3);
    // A link to a story that is itself broken is not a second error.
    expect("broken-link", "content/linker.md", 9);
    // Found once the broken stories are out of the way.
    expect("duplicate-url", "content/twin.md", 2);
    for f in findings.iter().filter(|f| f.severity == "error") {
        assert!(f.hint.is_some(), "no hint: {f:?}");
    }
    assert!(!site.path("public").exists(), "check wrote public/");
}

#[test]
fn check_reports_what_build_reports() {
    let site = broken_site();
    let text = site.run(&["check", "--now", NOW]).fails();
    assert!(text.is_empty(), "check printed to stderr: {text}");
    let report = site.run(&["check", "--now", NOW]).stdout();
    let build = site.build(&[]).fails();
    let reported: Vec<&str> = build
        .lines()
        .map(|l| l.strip_prefix("error: ").unwrap_or(l))
        .filter(|l| l.starts_with("content/"))
        .collect();
    // One line per story whose front-matter is broken; build stops there, before
    // links and URLs, which check reports too (below and in the test above).
    let mut files: Vec<&str> = reported
        .iter()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    files.sort_unstable();
    assert_eq!(
        files,
        [
            "content/empty.md",
            "content/invalid-date.md",
            "content/invalid-type.md",
            "content/invalid-utf8.md",
            "content/invalid-yaml.md",
            "content/missing-key.md",
            "content/unclosed.md",
            "content/unknown-category.md",
            "content/unknown-key.md",
        ],
        "{build}"
    );
    for line in reported {
        assert!(
            report.contains(&format!("error: {line}\n")),
            "check misses {line}\n{report}"
        );
    }
}

#[test]
fn check_text_prints_each_finding_with_its_hint_and_a_count() {
    let site = Site::fixture("authoring");
    site.write(
        "content/bad.md",
        format!("---\n{GOOD}colour: red\n---\nBody\n"),
    )
    .write("content/bare.md", format!("---\n{GOOD}---\nBody\n"));
    let run = site.run(&["check", "--now", NOW]);
    let out = run.stdout();
    run.fails();
    assert!(
        out.contains(
            "error: content/bad.md:6: colour: unknown key \"colour\"\n  hint: remove it or fix its spelling"
        ),
        "{out}"
    );
    assert!(
        out.contains("warning: content/bare.md:1: sources: the story lists no sources\n  hint: "),
        "{out}"
    );
    assert!(out.ends_with("\n1 error, 1 warning\n"), "{out}");
}

#[test]
fn check_reports_a_broken_configuration() {
    let site = Site::fixture("authoring");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("colour = \"red\"\n{config}"));
    let (findings, ok) = check_json(&site);
    assert!(!ok);
    assert_eq!(
        positions(&findings, "invalid-config"),
        at(&[("site.toml", 1)])
    );
    assert!(findings[0].message.contains("colour"), "{findings:?}");
}

#[test]
fn check_reports_template_errors_on_the_template_file() {
    let site = Site::fixture("authoring");
    // Parses, but fails on every article page: reported once, on its own line.
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ article.nope.deeper }}\n{% endblock %}\n",
    );
    let (findings, ok) = check_json(&site);
    assert!(!ok);
    assert_eq!(
        positions(&findings, "template-error"),
        at(&[("templates/article.html", 3)]),
        "{findings:#?}"
    );
    assert!(
        findings[0].message.contains("while rendering /2026/07/05/"),
        "{findings:?}"
    );

    // Does not parse: the theme cannot load, the content is still checked.
    site.write("templates/term.html", "{% if %}\n");
    site.write("content/bad.md", format!("---\n{GOOD}colour: red\n---\n"));
    let (findings, ok) = check_json(&site);
    assert!(!ok);
    assert_eq!(
        positions(&findings, "theme-error"),
        at(&[("templates/term.html", 1)])
    );
    assert_eq!(
        positions(&findings, "unknown-key"),
        at(&[("content/bad.md", 6)])
    );
    // Without a theme the site's pages are still known: its links still resolve.
    assert_eq!(positions(&findings, "missing-asset"), []);
}

#[test]
fn check_validates_drafts_and_future_stories() {
    let site = Site::fixture("authoring");
    site.write(
        "content/draft.md",
        format!("---\n{GOOD}draft: true\ncolour: red\n---\n"),
    )
    .write(
        "content/future.md",
        "---\ntitle: Later\ndate: 2027-01-01\ncategory: AI Technology\nparties: []\n---\n\
             [gone](gone.md)\n",
    );
    let (findings, ok) = check_json(&site);
    assert!(!ok);
    assert_eq!(
        positions(&findings, "unknown-key"),
        at(&[("content/draft.md", 7)])
    );
    assert_eq!(
        positions(&findings, "broken-link"),
        at(&[("content/future.md", 7)])
    );
}
