//! `check` and `build` agree: every input `build` rejects, `check` reports with the
//! same file, line and code, before anything is written; and every error of one file
//! comes at once, on the line the parser placed it.

use crate::authoring::{Finding, check_json};
use crate::bad_input::{GOOD_FRONT, fails_and_keeps_site};
use crate::harness::Site;

/// Breaks the `basic` fixture with `breakage`; asserts that `build` fails (keeping the
/// previous site) and that `check` fails with a finding of `code` at `file:line`
/// whose message contains `says`, and that build's error names the same place.
fn both_reject(breakage: impl Fn(&Site), code: &str, file: &str, line: u64, says: &str) {
    let err = fails_and_keeps_site(&breakage);
    let site = Site::fixture("basic");
    breakage(&site);
    let (findings, ok) = check_json(&site);
    assert!(!ok, "check passed what build rejects: {err}");
    let found: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.code == code && f.file == file && f.line == line)
        .collect();
    assert!(
        found.iter().any(|f| f.message.contains(says)),
        "no {code} at {file}:{line} saying {says:?}: {findings:#?}"
    );
    assert!(
        err.contains(&format!("{file}:{line}: ")) && err.contains(says),
        "build's error is not at {file}:{line} or does not say {says:?}: {err}"
    );
    assert!(
        !err.contains("staging"),
        "build names its staging folder: {err}"
    );
    assert!(!site.path("public").exists(), "check wrote output");
}

fn story(front: &str) -> impl Fn(&Site) {
    let text = format!("---\n{GOOD_FRONT}{front}---\nBody.\n");
    move |s: &Site| {
        s.write("content/bad.md", &text);
    }
}

#[test]
fn an_overlong_slug_is_refused_and_a_long_title_gets_a_short_slug() {
    let slug = "a".repeat(256);
    both_reject(
        story(&format!("slug: {slug}\n")),
        "invalid-slug",
        "content/bad.md",
        6,
        "the limit is 200",
    );
    // A headline whose slug would pass 255 bytes (transliteration lengthens CJK)
    // builds, with its URL segment cut at a word boundary.
    let site = Site::fixture("basic");
    let title = "电影".repeat(120);
    site.write(
        "content/long.md",
        format!(
            "---\ntitle: \"{title}\"\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\n---\nBody.\n"
        ),
    );
    site.build(&[]).ok();
    let page = site
        .files()
        .into_iter()
        .find(|f| f.starts_with("2026/07/01/"))
        .expect("the story has a page");
    let segment = page.split('/').nth(3).unwrap();
    assert!(segment.len() <= 200 && !segment.ends_with('-'), "{segment}");
}

#[test]
fn unservable_aliases_are_refused_by_both() {
    for (alias, code, says) in [
        ("\"/old\\0story/\"", "invalid-value", "U+0000"),
        ("\"/old story/\"", "invalid-alias", "U+0020"),
        ("\"/old?id=3\"", "invalid-alias", "\"?\""),
        ("\"/old#top\"", "invalid-alias", "\"#\""),
        ("\"/a/./b/\"", "invalid-alias", "dot-segments"),
        ("\"/.htaccess\"", "invalid-alias", "hidden files"),
        (
            &format!("\"/{}/\"", "x".repeat(256)),
            "invalid-alias",
            "at most 255",
        ),
    ] {
        both_reject(
            story(&format!("aliases: [/fine/, {alias}]\n")),
            code,
            "content/bad.md",
            6,
            says,
        );
    }
}

#[test]
fn aliases_on_generated_files_are_refused_by_both() {
    for alias in [
        "/_redirects",
        "/feed.xml",
        "/sitemap.xml",
        "/robots.txt",
        "/404.html",
    ] {
        both_reject(
            story(&format!("aliases: [\"{alias}\"]\n")),
            "duplicate-url",
            "content/bad.md",
            6,
            "is already taken by a page the site generates",
        );
    }
}

#[test]
fn two_stories_claiming_one_alias_are_both_named() {
    let breakage = |s: &Site| {
        for name in ["a", "b"] {
            s.write(
                &format!("content/{name}.md"),
                format!(
                    "---\ntitle: Story {name}\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\naliases: [/old/]\n---\n"
                ),
            );
        }
    };
    both_reject(
        breakage,
        "duplicate-url",
        "content/b.md",
        6,
        "alias /old/ is already taken by an alias of content/a.md",
    );
}

#[test]
fn oversized_values_and_control_characters_are_refused_by_both() {
    let long = "x".repeat(301);
    both_reject(
        |s: &Site| {
            s.write(
                "content/bad.md",
                format!("---\ntitle: {long}\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\n---\n"),
            );
        },
        "invalid-value",
        "content/bad.md",
        2,
        "301 characters long; the limit is 300",
    );
    both_reject(
        story("summary: \"Bell \\b rings\"\n"),
        "invalid-value",
        "content/bad.md",
        6,
        "control character U+0008",
    );
    both_reject(
        story(&format!("tags: [fine, \"{}\"]\n", "t".repeat(101))),
        "invalid-value",
        "content/bad.md",
        6,
        "the limit is 100",
    );
}

#[test]
fn a_control_character_in_site_toml_is_refused_by_both() {
    both_reject(
        |s: &Site| {
            let toml = std::fs::read_to_string(s.path("site.toml")).unwrap();
            s.write(
                "site.toml",
                toml.replace("\"Fixture Picks\"", "\"Fixture \\u0007 Picks\""),
            );
        },
        "invalid-config",
        "site.toml",
        1,
        "control character U+0007",
    );
}

#[test]
fn dates_out_of_order_or_out_of_range_are_refused_by_both() {
    both_reject(
        |s: &Site| {
            s.write(
                "content/bad.md",
                "---\ntitle: T\ndate: 2026-07-05T01:00:00+02:00\nupdated: 2026-07-04T22:30:00Z\ncategory: AI Technology\nparties: []\n---\n",
            );
        },
        "invalid-date",
        "content/bad.md",
        4,
        "is earlier than date",
    );
    both_reject(
        |s: &Site| {
            s.write(
                "content/bad.md",
                "---\ntitle: T\ndate: 0000-01-01\ncategory: AI Technology\nparties: []\n---\n",
            );
        },
        "invalid-date",
        "content/bad.md",
        3,
        "out of range",
    );
    // The same instant written in another offset is not earlier: it builds.
    let site = Site::fixture("basic");
    site.write(
        "content/ok.md",
        "---\ntitle: T\ndate: 2026-07-05T01:00:00+02:00\nupdated: 2026-07-04T23:00:00Z\ncategory: AI Technology\nparties: []\n---\n",
    );
    site.build(&[]).ok();
}

#[test]
fn every_error_of_a_file_comes_at_once_on_its_own_line() {
    let site = Site::fixture("basic");
    site.write(
        "content/bad.md",
        "---\ntitle: \"category: in a title\"\ncolour: red\ndate: 2026-02-30\nparties: [A24]\ncategory: AI Tech\n---\n",
    );
    let (findings, ok) = check_json(&site);
    assert!(!ok);
    let got: Vec<(&str, u64)> = findings
        .iter()
        .filter(|f| f.file == "content/bad.md")
        .map(|f| (f.code.as_str(), f.line))
        .collect();
    assert_eq!(
        got,
        [
            ("unknown-key", 3),
            ("invalid-date", 4),
            ("unknown-category", 6)
        ],
        "{findings:#?}"
    );
    let err = site.build(&[]).fails();
    for place in [
        "content/bad.md:3: colour",
        "content/bad.md:4: date",
        "content/bad.md:6: category",
    ] {
        assert!(err.contains(place), "{place} missing from: {err}");
    }
}

#[test]
fn no_slug_points_at_the_title_line() {
    both_reject(
        |s: &Site| {
            s.write(
                "content/bad.md",
                "---\ndate: 2026-07-01\ncategory: AI Technology\ntitle: \"!!!\"\nparties: []\n---\n",
            );
        },
        "no-slug",
        "content/bad.md",
        4,
        "has no letters or digits",
    );
}

#[test]
fn site_toml_errors_point_at_their_own_line() {
    both_reject(
        |s: &Site| {
            let toml = std::fs::read_to_string(s.path("site.toml")).unwrap();
            s.write(
                "site.toml",
                toml.replace(
                    "name = \"Law & Policy\"",
                    "name = \"Law & Policy\"\nslug = \"Not A Slug\"",
                ),
            );
        },
        "invalid-config",
        "site.toml",
        17,
        "\"Not A Slug\" is not a slug",
    );
}

#[test]
fn a_party_named_like_another_partys_alias_names_both() {
    both_reject(
        |s: &Site| {
            let toml = std::fs::read_to_string(s.path("site.toml")).unwrap();
            s.write(
                "site.toml",
                format!("{toml}\n[[parties]]\nname = \"Deepmind\"\n"),
            );
        },
        "invalid-config",
        "site.toml",
        26,
        "party \"Deepmind\" is already a spelling of party \"Google DeepMind\" (line 21)",
    );
}

#[test]
fn template_errors_name_the_same_file_line_and_variable_in_both() {
    both_reject(
        |s: &Site| {
            s.write(
                "templates/article.html",
                "{% extends \"base.html\" %}\n{% block content %}\n{{ nothere }}\n{% endblock %}\n",
            );
        },
        "template-error",
        "templates/article.html",
        3,
        "Variable `nothere` is not defined",
    );
}

#[test]
fn check_json_stays_json_for_an_unreadable_content_folder() {
    let site = Site::fixture("basic");
    let run = site.run(&["check", "--root", "no/such/site", "--format", "json"]);
    assert!(!run.output.status.success());
    for line in run.stdout().lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap_or_else(|e| panic!("{e}: {line}"));
    }
    assert!(
        run.stdout().contains("\"code\":\"invalid-config\""),
        "{}",
        run.stdout()
    );

    // A content folder that is a file cannot be walked.
    std::fs::remove_dir_all(site.path("content")).unwrap();
    site.write("content", "not a folder");
    let (findings, ok) = check_json(&site);
    assert!(!ok);
    assert!(
        findings.iter().any(|f| f.code == "unreadable"),
        "{findings:#?}"
    );
}

#[test]
fn the_remaining_front_matter_codes_are_reported_by_both() {
    both_reject(
        story("sources: [{title: Memo, url: \"ftp://e.org/memo\"}]\n"),
        "invalid-source",
        "content/bad.md",
        6,
        "is not an absolute http(s) URL",
    );
    both_reject(
        |s: &Site| {
            s.write(
                "content/bad.md",
                "---\ntitle: \"  \"\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\n---\n",
            );
        },
        "empty-title",
        "content/bad.md",
        2,
        "the title is empty",
    );
    both_reject(
        |s: &Site| {
            s.write("content/bad.md", "title: T\n");
        },
        "no-front-matter",
        "content/bad.md",
        1,
        "does not start with front-matter",
    );
}

/// Every code `check` can emit is in the README's table of codes, and the table
/// names no code that does not exist.
#[test]
fn every_code_is_documented_in_the_readme() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| code | severity | meaning |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    let documented: Vec<String> = table
        .iter()
        .flat_map(|row| row.split('|').nth(1).unwrap_or_default().split(','))
        .map(|c| c.trim().trim_matches('`').to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    let codes: Vec<String> = smartpicks::error::Code::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    for code in &codes {
        assert!(
            documented.contains(code),
            "{code} is not in README.md's table"
        );
    }
    for code in &documented {
        assert!(
            codes.contains(code),
            "README.md documents {code}, which does not exist"
        );
    }
    // The table's severity column agrees with the code's.
    for row in table {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        for code in cells[1].split(',').map(|c| c.trim().trim_matches('`')) {
            let known = smartpicks::error::Code::ALL
                .iter()
                .find(|c| c.as_str() == code)
                .unwrap();
            let severity = format!("{:?}", known.severity()).to_lowercase();
            assert_eq!(cells[2], severity, "{code}");
        }
    }
}

#[test]
fn a_lead_image_that_runs_code_is_refused_by_both() {
    both_reject(
        story("image: \" JaVa\\tScript:alert(1)\"\n"),
        "unsafe-url",
        "content/bad.md",
        6,
        "uses javascript:",
    );
    // A raster data: image is fine.
    let site = Site::fixture("basic");
    site.write(
        "content/ok.md",
        format!("---\n{GOOD_FRONT}image: \"data:image/png;base64,AAAA\"\n---\nBody.\n"),
    );
    site.build(&[]).ok();
}

#[test]
fn repeated_and_non_text_keys_are_reported_on_their_own_lines() {
    both_reject(
        |s: &Site| {
            s.write(
                "content/bad.md",
                "---\ntitle: A\ndate: 2026-07-01\ncategory: AI Technology\ntitle: B\nparties: []\n---\n",
            );
        },
        "invalid-yaml",
        "content/bad.md",
        5,
        "\"title\" is written twice (first on line 2)",
    );
    both_reject(
        story("1: one\n"),
        "invalid-yaml",
        "content/bad.md",
        6,
        "the key 1 is not text",
    );
}

#[test]
fn site_wide_language_logo_and_author_are_checked() {
    let replace = |from: &'static str, to: &'static str| {
        move |s: &Site| {
            let toml = std::fs::read_to_string(s.path("site.toml")).unwrap();
            assert!(toml.contains(from));
            s.write("site.toml", toml.replace(from, to));
        }
    };
    both_reject(
        replace("paginate_by = 2", "paginate_by = 2\nlanguage = \"x y\""),
        "invalid-config",
        "site.toml",
        5,
        "\"x y\" is not a language tag",
    );
    both_reject(
        replace(
            "paginate_by = 2",
            "paginate_by = 2\nlogo = \"javascript:alert(1)\"",
        ),
        "invalid-config",
        "site.toml",
        5,
        "uses javascript:",
    );
    both_reject(
        replace(
            "author = \"Fixture Desk\"",
            "author = \"Fixture \\u0001 Desk\"",
        ),
        "invalid-config",
        "site.toml",
        5,
        "control character U+0001",
    );
}

#[test]
fn bodies_nested_past_the_limit_are_refused_by_both() {
    let breakage = |s: &Site| {
        s.write(
            "content/bad.md",
            format!(
                "---\n{GOOD_FRONT}---\nFine.\n\n{}deep\n",
                ">".repeat(200_000)
            ),
        );
    };
    both_reject(
        breakage,
        "body-limit",
        "content/bad.md",
        9,
        "this nests 200000 levels of blockquotes, lists or HTML elements; the limit is 32",
    );
    // Raw HTML left open 75,000 times took the sanitiser 30 s; refused on the line of
    // the element past the limit.
    let open_html = |s: &Site| {
        let body = "<div>&amp;</span>\n".repeat(75_000);
        s.write("content/bad.md", format!("---\n{GOOD_FRONT}---\n{body}"));
    };
    both_reject(
        open_html,
        "body-limit",
        "content/bad.md",
        7 + 256,
        "this nests 257 levels of blockquotes, lists or HTML elements; the limit is 256",
    );
}
