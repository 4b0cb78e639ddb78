//! The output folder: only a folder a build wrote (it holds the `.smartpicks-output`
//! marker), an empty one, or one given with `--force` is replaced; folders killed
//! builds left beside it are removed by the next build; and messages name the output
//! path the user knows, never the staging folder.

use std::process::Command;

use crate::authoring::check_json;
use crate::bad_input::fails_and_keeps_site;
use crate::harness::Site;

/// The id of a process that has ended (and been waited for).
fn dead_pid() -> u32 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_smartpicks"))
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn leftovers_of_killed_builds_are_removed_but_not_those_of_running_builds() {
    let site = Site::fixture("basic");
    site.build(&[]).ok();
    let dead = [
        format!(".public.staging-{}", dead_pid()),
        format!(".public.old-{}", dead_pid()),
    ];
    // This test's own process stands for a build running at the same time.
    let running = format!(".public.staging-{}", std::process::id());
    let unrelated = ".public.staging-notes";
    for dir in dead.iter().chain([&running, &unrelated.to_owned()]) {
        site.write(&format!("{dir}/index.html"), "half a site");
    }
    site.build(&[]).ok();
    for dir in &dead {
        assert!(!site.path(dir).exists(), "{dir} was left behind");
    }
    assert!(site.path(&running).join("index.html").is_file());
    assert!(site.path(unrelated).join("index.html").is_file());
}

#[test]
fn a_folder_a_build_did_not_write_is_refused_and_left_as_it_was() {
    let site = Site::fixture("basic");
    site.write("docs/index.html", "their page")
        .write("docs/notes.txt", "their notes");
    let err = site.build(&["--output", "docs"]).fails();
    assert!(err.contains("refusing to write output to docs"), "{err}");
    assert!(
        err.contains("hint: ") && err.contains("--force once"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(site.path("docs/index.html")).unwrap(),
        "their page"
    );
    assert_eq!(
        std::fs::read_to_string(site.path("docs/notes.txt")).unwrap(),
        "their notes"
    );
    // Without even an index.html it is no site at all.
    site.remove("docs/index.html");
    let err = site.build(&["--output", "docs"]).fails();
    assert!(err.contains("hint: ") && err.contains("--force"), "{err}");
    assert!(site.path("docs/notes.txt").is_file());
}

#[test]
fn force_replaces_a_folder_a_build_did_not_write() {
    let site = Site::fixture("basic");
    site.write("docs/index.html", "their page")
        .write("docs/notes.txt", "their notes");
    site.build(&["--output", "docs", "--force"]).ok();
    assert!(!site.path("docs/notes.txt").exists());
    assert!(site.path("docs/.smartpicks-output").is_file());
    let index = std::fs::read_to_string(site.path("docs/index.html")).unwrap();
    assert!(index.contains("Fixture Picks"), "{index}");
    // From now on the folder is recognised without --force.
    site.build(&["--output", "docs"]).ok();
}

#[test]
fn a_build_replaces_its_own_output_without_force() {
    let site = Site::fixture("basic");
    site.build(&[]).ok();
    assert!(site.read(".smartpicks-output").contains("smartpicks build"));
    site.write("public/stray.txt", "added by hand");
    site.build(&[]).ok();
    assert!(!site.exists("stray.txt"));
    assert!(site.exists("index.html"));
}

#[test]
fn static_files_clashing_with_pages_are_refused_by_check_and_build_alike() {
    // A static folder named like a page's file, and a static file where pages need
    // a folder: neither can be copied, so both are refused before anything is
    // written, by `check` too, on the static file, never the staging folder.
    for (file, output) in [
        ("static/index.html/extra.css", "index.html"),
        ("static/2026", "2026"),
    ] {
        let err = fails_and_keeps_site(|s| {
            s.write(file, "body {}");
        });
        assert!(!err.contains("staging"), "{err}");
        assert!(
            err.contains(&format!("{file}: the output needs {output} both as a file")),
            "{err}"
        );
        assert!(
            err.contains("hint: rename or move the static file"),
            "{err}"
        );
        let site = Site::fixture("basic");
        site.write(file, "body {}");
        let (findings, ok) = check_json(&site);
        assert!(!ok, "check passed what build rejects: {err}");
        assert!(
            findings
                .iter()
                .any(|f| f.code == "duplicate-url" && f.file == file),
            "{findings:#?}"
        );
    }
}

#[test]
fn check_reports_a_template_error_beside_a_static_clash() {
    // Both stop a build; `check` names both at once.
    let site = Site::fixture("basic");
    site.write("static/2026", "body {}").write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}{{ 1 / 0 }}{% endblock %}",
    );
    let (findings, ok) = check_json(&site);
    assert!(!ok);
    assert!(
        findings
            .iter()
            .any(|f| f.code == "duplicate-url" && f.file == "static/2026"),
        "{findings:#?}"
    );
    assert!(
        findings
            .iter()
            .any(|f| f.code == "template-error" && f.file.ends_with("404.html")),
        "{findings:#?}"
    );
}
