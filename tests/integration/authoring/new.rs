//! `smartpicks new`: a story with valid front-matter that builds as written.

use crate::harness::{Site, texts};

use super::check_json;

const TITLE: &str = "Runway's \"Gen-4\": #1 tool - for A24?";

#[test]
fn new_writes_a_story_that_builds() {
    let site = Site::fixture("authoring");
    let run = site
        .run(&[
            "new",
            TITLE,
            "--category",
            "AI Technology",
            "--parties",
            "Google DeepMind, A24",
            "--tags",
            "generative video,research",
            "--date",
            "2026-07-06",
            "--publish",
        ])
        .ok();
    let path = run.stdout().trim().to_owned();
    let slug = "runway-s-gen-4-1-tool-for-a24";
    assert_eq!(path, format!("content/2026-07-06-{slug}.md"));
    let text = std::fs::read_to_string(site.path(&path)).unwrap();
    let front = text.split("\n---\n").next().unwrap();
    let keys: Vec<&str> = front
        .lines()
        .filter(|l| !l.starts_with(' ') && l.contains(':'))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "title", "date", "category", "parties", "tags", "summary", "sources"
        ]
    );
    assert!(
        text.contains("\n## "),
        "no section in the skeleton:\n{text}"
    );
    assert!(text.contains("url: \"https://example.org/replace-with-the-announcement\""));

    site.build(&[]).ok();
    let doc = site.html(&format!("2026/07/06/{slug}/index.html"));
    assert_eq!(texts(&doc, "h1"), [TITLE]);
    assert_eq!(texts(&doc, ".story-header .kicker"), ["AI Technology"]);
    assert_eq!(texts(&doc, "section.parties a"), ["Google DeepMind", "A24"]);
    assert_eq!(
        texts(&doc, "section.tags a"),
        ["generative video", "research"]
    );
    // The skeleton is a valid story: no errors. What is left to replace is told,
    // line by line: the source's title and URL, the dek and the section.
    let (findings, ok) = check_json(&site);
    assert!(ok, "{findings:?}");
    for f in &findings {
        assert_eq!(f.code, "placeholder", "{f:?}");
    }
    let lines: Vec<u64> = findings.iter().map(|f| f.line).collect();
    let text_lines: Vec<&str> = text.lines().collect();
    for line in &lines {
        assert!(
            text_lines[*line as usize - 1].contains("eplace"),
            "line {line}: {}",
            text_lines[*line as usize - 1]
        );
    }
    assert_eq!(lines.len(), 4, "{findings:?}");
    // Filled in, the warnings go.
    let filled = text
        .replace("Replace with the announcement's title", "Runway's post")
        .replace(
            "https://example.org/replace-with-the-announcement",
            "https://runwayml.com/news",
        )
        .replace(
            "Replace this paragraph with the dek",
            "Runway shipped a model",
        )
        .replace("Replace with the details", "The details");
    std::fs::write(site.path(&path), filled).unwrap();
    let (findings, _) = check_json(&site);
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn new_defaults_to_today_and_writes_a_draft() {
    let site = Site::fixture("authoring");
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    let path = site
        .run(&["new", "A draft idea", "--category", "Studios & Deals"])
        .ok()
        .stdout()
        .trim()
        .to_owned();
    assert_eq!(path, format!("content/{today}-a-draft-idea.md"));
    let text = std::fs::read_to_string(site.path(&path)).unwrap();
    assert!(text.contains(&format!("\ndate: {today}\n")), "{text}");
    assert!(text.contains("\ndraft: true\n---\n"), "{text}");
    // Built against the real clock: left out as a draft, published with --drafts.
    let page = format!("{}/a-draft-idea/index.html", today.replace('-', "/"));
    site.run(&["build"]).ok();
    assert!(!site.exists(&page));
    site.run(&["build", "--drafts"]).ok();
    assert!(site.exists(&page), "{page} missing");
}

#[test]
fn new_refuses_to_overwrite_a_story() {
    let site = Site::fixture("authoring");
    let args = [
        "new",
        "Same title",
        "--category",
        "AI Technology",
        "--date",
        "2026-07-06",
    ];
    site.run(&args).ok();
    let path = site.path("content/2026-07-06-same-title.md");
    std::fs::write(&path, "edited by hand").unwrap();
    let err = site.run(&args).fails();
    assert!(
        err.contains("content/2026-07-06-same-title.md already exists; refusing to overwrite it"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited by hand");
}

#[test]
fn new_rejects_an_undeclared_category_and_lists_the_declared_ones() {
    let site = Site::fixture("authoring");
    let err = site
        .run(&[
            "new",
            "Title",
            "--category",
            "AI Tech",
            "--date",
            "2026-07-06",
        ])
        .fails();
    assert!(
        err.contains("unknown category \"AI Tech\" (declared: AI Technology, Studios & Deals)"),
        "{err}"
    );
    assert!(!site.path("content/2026-07-06-title.md").exists());
}

#[test]
fn new_rejects_an_invalid_date() {
    let site = Site::fixture("authoring");
    for date in ["2026-02-30", "tomorrow", "2026-07-06T10:00:00"] {
        let err = site
            .run(&[
                "new",
                "Title",
                "--category",
                "AI Technology",
                "--date",
                date,
            ])
            .fails();
        assert!(err.contains(&format!("--date: \"{date}\"")), "{err}");
        assert!(err.contains("hint: write a date like 2026-07-05"), "{err}");
    }
    let files = std::fs::read_dir(site.path("content")).unwrap().count();
    assert_eq!(files, 1, "a file was written for an invalid date");
}

#[test]
fn new_keeps_the_writers_offset_and_honours_root() {
    let site = Site::fixture("authoring");
    let elsewhere = tempfile::tempdir().unwrap();
    let root = site.root().to_str().unwrap();
    let run = super::run_in(
        elsewhere.path(),
        &[
            "new",
            "Late night news",
            "--category",
            "AI Technology",
            "--date",
            "2026-07-06T23:30:00-07:00",
            "--root",
            root,
            "--publish",
        ],
    )
    .ok();
    // The file is named after the date the writer lives in, not the UTC one.
    let expected = site.path("content/2026-07-06-late-night-news.md");
    assert_eq!(run.stdout().trim(), expected.to_str().unwrap());
    let text = std::fs::read_to_string(expected).unwrap();
    assert!(
        text.contains("\ndate: 2026-07-06T23:30:00-07:00\n"),
        "{text}"
    );
    site.build(&[]).ok();
    assert!(site.exists("2026/07/06/late-night-news/index.html"));
}

#[test]
fn new_takes_a_path_as_hugo_does_and_a_category_in_any_case() {
    let site = Site::fixture("authoring");
    let run = site
        .run(&[
            "new",
            "content/2026/hello-world.md",
            "--category",
            "ai  TECHNOLOGY",
            "--date",
            "2026-07-06",
            "--publish",
        ])
        .ok();
    assert_eq!(run.stdout().trim(), "content/2026/hello-world.md");
    let text = std::fs::read_to_string(site.path("content/2026/hello-world.md")).unwrap();
    assert!(text.contains("\ntitle: \"Hello world\"\n"), "{text}");
    // Written as declared.
    assert!(text.contains("\ncategory: \"AI Technology\"\n"), "{text}");
    site.build(&[]).ok();
    assert!(site.exists("2026/07/06/hello-world/index.html"));
    // A path builds would skip is refused, and nothing is written.
    let err = site
        .run(&["new", "content/_drafts/x.md", "--category", "AI Technology"])
        .fails();
    assert!(err.contains("builds skip"), "{err}");
    assert!(!site.path("content/_drafts").exists());
}
