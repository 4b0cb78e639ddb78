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

/// What a user would notice if the theme inside the binary drifted from `themes/`
/// (a file added to the theme but not to the binary's list): the same stories built
/// with the embedded theme and with the repository's theme give different sites.
#[test]
fn an_init_site_builds_exactly_as_with_the_bundled_theme() {
    let tmp = tempfile::tempdir().unwrap();
    run_in(tmp.path(), &["init", "news"]).ok();
    let reference = tmp.path().join("reference");
    std::fs::create_dir(&reference).unwrap();
    std::fs::copy(
        tmp.path().join("news/site.toml"),
        reference.join("site.toml"),
    )
    .unwrap();
    copy_tree(&tmp.path().join("news/content"), &reference.join("content"));
    copy_tree(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"),
        &reference.join("themes"),
    );
    for site in ["news", "reference"] {
        run_in(
            tmp.path(),
            &["build", "--root", site, "--now", "2030-01-01T00:00:00Z"],
        )
        .ok();
    }
    let built = tree(&tmp.path().join("news/public"));
    let expected = tree(&reference.join("public"));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&built),
        names(&expected),
        "init's theme has other files"
    );
    for ((name, a), (_, b)) in built.iter().zip(&expected) {
        assert!(a == b, "{name} differs between init's theme and themes/");
    }
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, sorted by path.
fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e.path().strip_prefix(dir).unwrap().display().to_string();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
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
