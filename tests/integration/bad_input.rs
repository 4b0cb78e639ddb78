//! Bad input: each class gets exit code 1, one clear message naming the file, the
//! line and the key with a hint, no panic, and the previous site left intact.

use crate::harness::Site;

pub(crate) const GOOD_FRONT: &str =
    "title: Fine\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\n";

/// Builds the fixture once, breaks it with `breakage`, builds again: asserts the
/// failure, that the old site survived, and returns the error text.
pub(crate) fn fails_and_keeps_site(breakage: impl FnOnce(&Site)) -> String {
    let site = Site::fixture("basic");
    site.build(&[]).ok();
    let before = site.read("index.html");
    let files_before = site.files();
    breakage(&site);
    let err = site.build(&[]).fails();
    assert_eq!(site.read("index.html"), before, "the previous site changed");
    assert_eq!(
        site.files(),
        files_before,
        "the previous site lost or gained files"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains(".old-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
    err
}

fn story(site: &Site, name: &str, text: &str) {
    site.write(&format!("content/{name}"), text);
}

#[test]
fn unknown_key() {
    let err = fails_and_keeps_site(|s| {
        story(
            s,
            "bad.md",
            &format!("---\n{GOOD_FRONT}colour: red\n---\nBody\n"),
        )
    });
    assert!(
        err.contains("content/bad.md:6: colour: unknown key \"colour\""),
        "{err}"
    );
    assert!(err.contains("hint: remove it or fix its spelling"), "{err}");
}

#[test]
fn missing_required_key() {
    let err = fails_and_keeps_site(|s| {
        story(
            s,
            "bad.md",
            "---\ntitle: T\ndate: 2026-07-01\nparties: []\n---\n",
        )
    });
    assert!(
        err.contains("content/bad.md:1: category: required key \"category\" is missing"),
        "{err}"
    );
    assert!(
        err.contains("hint: use one of the categories declared in site.toml"),
        "{err}"
    );
}

#[test]
fn wrong_type() {
    let err = fails_and_keeps_site(|s| {
        story(
            s,
            "bad.md",
            "---\ntitle: T\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\nfeatured: maybe\n---\n",
        )
    });
    assert!(err.contains("content/bad.md:6: featured: "), "{err}");
    assert!(err.contains("hint: write true or false"), "{err}");
}

#[test]
fn required_keys_of_the_wrong_type_alone() {
    // Each required key that does not decode is the file's only problem: reported
    // once, by the decoder, with no panic in build or check.
    for (key, front) in [
        (
            "title",
            "title: [a, b]\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\n",
        ),
        (
            "date",
            "title: T\ndate: [1]\ncategory: AI Technology\nparties: []\n",
        ),
        (
            "category",
            "title: T\ndate: 2026-07-01\ncategory: {a: 1}\nparties: []\n",
        ),
    ] {
        let text = format!("---\n{front}---\nBody\n");
        let err = fails_and_keeps_site(|s| story(s, "bad.md", &text));
        assert!(err.contains("content/bad.md:"), "{err}");
        assert!(err.contains(&format!(": {key}: invalid type: ")), "{err}");
        assert!(err.contains("1 error in content"), "{err}");
        let site = Site::fixture("basic");
        story(&site, "bad.md", &text);
        let (findings, ok) = crate::authoring::check_json(&site);
        assert!(!ok);
        let codes: Vec<_> = findings
            .iter()
            .filter(|f| f.file == "content/bad.md")
            .map(|f| f.code.as_str())
            .collect();
        assert_eq!(codes, ["invalid-type"], "{findings:#?}");
    }
}

#[test]
fn impossible_date() {
    let err = fails_and_keeps_site(|s| {
        story(
            s,
            "bad.md",
            "---\ntitle: T\ndate: 2026-02-30\ncategory: AI Technology\nparties: []\n---\n",
        )
    });
    assert!(
        err.contains("content/bad.md:3: date: \"2026-02-30\" is not a valid date"),
        "{err}"
    );
    assert!(err.contains("hint: write a date like 2026-07-05"), "{err}");
}

#[test]
fn undeclared_category() {
    let err = fails_and_keeps_site(|s| {
        story(
            s,
            "bad.md",
            "---\ntitle: T\ndate: 2026-07-01\ncategory: AI Tech\nparties: []\n---\n",
        )
    });
    assert!(
        err.contains("content/bad.md:4: category: unknown category \"AI Tech\" (declared: AI Technology, Studios & Deals, Law & Policy)"),
        "{err}"
    );
}

#[test]
fn unclosed_front_matter() {
    let err = fails_and_keeps_site(|s| {
        story(
            s,
            "bad.md",
            &format!("---\n{GOOD_FRONT}\nBody without a fence\n"),
        )
    });
    assert!(
        err.contains("content/bad.md:1: the front-matter opened here is never closed"),
        "{err}"
    );
    assert!(err.contains("hint: add a line with only ---"), "{err}");
}

#[test]
fn invalid_yaml() {
    let err = fails_and_keeps_site(|s| {
        story(
            s,
            "bad.md",
            "---\ntitle: T\ndate: 2026-07-01\ncategory: AI Technology\nparties: [A24\n---\n",
        )
    });
    assert!(err.contains("content/bad.md:6: "), "{err}");
    assert!(
        err.contains(
            "hint: quote text values that contain a colon or start with a special character"
        ),
        "{err}"
    );
}

#[test]
fn invalid_utf8() {
    let err = fails_and_keeps_site(|s| {
        let mut bytes = format!("---\n{GOOD_FRONT}---\nfine line\n").into_bytes();
        bytes.extend_from_slice(b"bad \xff\xfe bytes\n");
        s.write("content/bad.md", bytes);
    });
    assert!(
        err.contains("content/bad.md:8: the file is not valid UTF-8 text"),
        "{err}"
    );
}

#[test]
fn empty_file() {
    let err = fails_and_keeps_site(|s| story(s, "bad.md", ""));
    assert!(err.contains("content/bad.md:1: the file is empty"), "{err}");
}

#[test]
fn duplicate_url_names_both_files() {
    let err = fails_and_keeps_site(|s| {
        story(s, "a.md", &format!("---\n{GOOD_FRONT}---\n"));
        story(s, "b.md", &format!("---\n{GOOD_FRONT}---\n"));
    });
    assert!(
        err.contains(
            "content/b.md:2: title: this story would have the same URL /2026/07/01/fine/ as content/a.md"
        ),
        "{err}"
    );
}

#[test]
fn alias_on_another_page_names_the_alias() {
    let err = fails_and_keeps_site(|s| {
        story(
            s,
            "a.md",
            &format!("---\n{GOOD_FRONT}aliases: [/tags/research/]\n---\n"),
        );
    });
    assert!(
        err.contains(
            "content/a.md:6: aliases: alias /tags/research/ is already taken by a page the site generates"
        ),
        "{err}"
    );
}

#[test]
fn alias_spelled_as_another_pages_index_file_is_caught() {
    let err = fails_and_keeps_site(|s| {
        let target =
            "/2026/07/05/google-deepmind-and-a24-announce-a-research-partnership/index.html";
        story(
            s,
            "a.md",
            &format!("---\n{GOOD_FRONT}aliases: [\"{target}\"]\n---\n"),
        );
    });
    assert!(err.contains("content/a.md:6: aliases: alias /2026/07/05/google-deepmind-and-a24-announce-a-research-partnership/index.html is already taken by the story content/2026/2026-07-05-deepmind-a24.md"), "{err}");
}

#[test]
fn permalink_leaving_the_output_is_refused() {
    let err = fails_and_keeps_site(|s| {
        let toml = std::fs::read_to_string(s.path("site.toml")).unwrap();
        s.write(
            "site.toml",
            toml.replace("paginate_by", "permalink = \"/../:slug/\"\npaginate_by"),
        );
    });
    assert!(err.contains("site.toml:"), "{err}");
    assert!(
        err.contains("permalink: \"/../:slug/\" may not contain . or .. segments"),
        "{err}"
    );
}

#[test]
fn story_url_on_a_generated_page_names_the_story() {
    let err = fails_and_keeps_site(|s| {
        let toml = std::fs::read_to_string(s.path("site.toml")).unwrap();
        s.write(
            "site.toml",
            toml.replace("paginate_by", "permalink = \"/:slug/\"\npaginate_by"),
        );
        story(
            s,
            "a.md",
            "---\ntitle: Archive\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\n---\n",
        );
    });
    assert!(
        err.contains(
            "content/a.md:2: title: this story's URL /archive/ is also used by a page the site generates"
        ),
        "{err}"
    );
}

#[test]
fn missing_theme() {
    let err = fails_and_keeps_site(|s| {
        let toml = std::fs::read_to_string(s.path("site.toml")).unwrap();
        s.write(
            "site.toml",
            toml.replace("paginate_by", "theme = \"nope\"\npaginate_by"),
        );
    });
    assert!(
        err.contains("site.toml: theme: theme \"nope\" not found: themes/nope does not exist"),
        "{err}"
    );
    assert!(
        err.contains("hint: set theme in site.toml to one of: smartpicks"),
        "{err}"
    );
}

#[test]
fn missing_template() {
    let err = fails_and_keeps_site(|s| {
        s.remove("themes/smartpicks/templates/term.html");
    });
    assert!(
        err.contains("themes/smartpicks/templates: template \"term.html\" is missing"),
        "{err}"
    );
}

#[test]
fn a_theme_without_the_search_page_is_told_how_to_add_it_or_turn_search_off() {
    let err = fails_and_keeps_site(|s| {
        s.remove("themes/smartpicks/templates/search.html");
    });
    assert!(
        err.contains("themes/smartpicks/templates: template \"search.html\" is missing"),
        "{err}"
    );
    assert!(err.contains("[search] enabled = false"), "{err}");
}

#[test]
fn template_syntax_error_names_template_and_line() {
    let err = fails_and_keeps_site(|s| {
        s.write(
            "templates/404.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{{ oops( }}\n{% endblock %}\n",
        );
    });
    assert!(err.contains("templates/404.html:3: "), "{err}");
}

#[test]
fn template_render_error_names_template_and_line() {
    let err = fails_and_keeps_site(|s| {
        s.write("templates/404.html", "{% extends \"base.html\" %}\n{% block content %}\n\n{{ no_such_variable.field }}\n{% endblock %}\n");
    });
    assert!(
        err.contains("404.html:4: template error while rendering /404.html"),
        "{err}"
    );
}

#[test]
fn invalid_site_toml_names_line_and_key() {
    let err = fails_and_keeps_site(|s| {
        let toml = std::fs::read_to_string(s.path("site.toml")).unwrap();
        s.write("site.toml", format!("{toml}\ncolour = \"red\"\n"));
    });
    assert!(err.contains("site.toml:"), "{err}");
    assert!(err.contains("colour"), "{err}");
}

#[test]
fn every_content_error_is_reported_at_once() {
    let err = fails_and_keeps_site(|s| {
        story(
            s,
            "one.md",
            "---\ntitle: T\ndate: 2026-13-01\ncategory: Nope\nparties: []\n---\n",
        );
        story(s, "two.md", "");
        story(s, "three.md", "no front matter\n");
    });
    assert!(err.contains("content/one.md:3: date:"), "{err}");
    assert!(err.contains("content/one.md:4: category:"), "{err}");
    assert!(err.contains("content/two.md:1: the file is empty"), "{err}");
    assert!(
        err.contains("content/three.md:1: the file does not start with front-matter"),
        "{err}"
    );
    assert!(err.contains("4 errors in content"), "{err}");
}
