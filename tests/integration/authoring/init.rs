//! `smartpicks init`: a new site from the files inside the binary, built at once in a
//! folder far from this repository.

use super::run_in;

/// Today's date in UTC, as `init` dates its first story.
fn today() -> String {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

#[test]
fn init_makes_a_site_that_builds_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let run = run_in(tmp.path(), &["init", "news"]).ok();
    assert!(
        run.stdout().contains("Created a new site in news"),
        "{}",
        run.stdout()
    );
    let site = tmp.path().join("news");
    let config = std::fs::read_to_string(site.join("site.toml")).unwrap();
    assert_eq!(config.matches("[[categories]]").count(), 6, "{config}");
    let stories: Vec<_> = std::fs::read_dir(site.join("content")).unwrap().collect();
    assert_eq!(stories.len(), 1);

    // The clock decides what is published: the first story is dated today.
    run_in(tmp.path(), &["build", "--root", "news"]).ok();
    let public = site.join("public");
    assert!(public.join("index.html").is_file());
    assert!(public.join("style.css").is_file());
    let page = public
        .join(today().replace('-', "/"))
        .join("welcome-to-your-smart-picks-site/index.html");
    let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    assert!(html.contains("Welcome to your Smart Picks site"));

    let check = run_in(tmp.path(), &["check", "--root", "news"]).ok();
    assert_eq!(check.stdout(), "0 errors, 0 warnings\n");
}

#[test]
fn init_creates_missing_folders_and_accepts_an_empty_one() {
    let tmp = tempfile::tempdir().unwrap();
    run_in(tmp.path(), &["init", "a/b/site"]).ok();
    assert!(
        tmp.path()
            .join("a/b/site/themes/smartpicks/templates/base.html")
            .is_file()
    );
    std::fs::create_dir(tmp.path().join("empty")).unwrap();
    run_in(tmp.path(), &["init", "empty"]).ok();
    assert!(tmp.path().join("empty/site.toml").is_file());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("taken");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let err = run_in(tmp.path(), &["init", "taken"]).fails();
    assert!(
        err.contains("taken is not empty; refusing to create a site there"),
        "{err}"
    );
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(left.len(), 1, "init wrote into a non-empty folder");
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "mine"
    );
}
