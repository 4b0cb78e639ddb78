//! What counts as a story file under `content/`: symbolic links to files and folders
//! inside the site are followed; every `*.md` name that is not a story file (a link
//! leaving the site, dangling or looping, a FIFO, socket or device) and every folder
//! link leaving the site or looping is an error naming it, in `build` and `check`
//! alike, and nothing is ever opened before its type is known (a FIFO would hang).

use std::os::unix::fs::symlink;
use std::path::Path;

use crate::bad_input::fails_and_keeps_site;
use crate::harness::{NOW, Site};

fn story(title: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: 2026-07-01\ncategory: AI Technology\nparties: []\n---\nBody\n"
    )
}

/// The (file, severity, code) of every `check --format json` finding about `file`.
fn checked(site: &Site, file: &str) -> Vec<(String, String)> {
    let run = site.run(&["check", "--now", NOW, "--format", "json"]);
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
    run.stdout()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["file"] == file)
        .map(|v| {
            let text = |k: &str| v[k].as_str().unwrap().to_owned();
            (text("severity"), text("code"))
        })
        .collect()
}

/// Breaks the site with `breakage`; asserts that `build` fails naming `file` with
/// `phrase` and a hint (the previous site intact), and that `check` reports `file`
/// as the same error.
fn reported(file: &str, phrase: &str, breakage: impl FnOnce(&Site)) {
    let err = fails_and_keeps_site(breakage);
    let line = err
        .lines()
        .position(|l| l.contains(&format!("{file}: ")))
        .unwrap_or_else(|| panic!("{file} not named:\n{err}"));
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines[line].contains(phrase), "{phrase}:\n{err}");
    assert!(lines[line + 1].trim_start().starts_with("hint: "), "{err}");
}

fn reported_by_check(site: &Site, file: &str) {
    assert_eq!(
        checked(site, file),
        [("error".to_owned(), "irregular-file".to_owned())],
        "check on {file}"
    );
}

#[test]
fn symlinked_stories_and_folders_inside_the_site_are_stories() {
    let site = Site::fixture("basic");
    site.write("shared/linked.md", story("Linked story"))
        .write("more/deeper/other.md", story("Other story"));
    symlink("../shared/linked.md", site.path("content/linked.md")).unwrap();
    symlink("../more", site.path("content/more")).unwrap();
    let run = site.build(&[]).ok();
    assert!(
        run.stdout().starts_with("Built 5 stories"),
        "{}",
        run.stdout()
    );
    assert!(site.exists("2026/07/01/linked-story/index.html"));
    assert!(site.exists("2026/07/01/other-story/index.html"));
    let check = site.run(&["check", "--now", NOW]);
    assert!(check.output.status.success(), "{}", check.stdout());
    assert!(
        checked(&site, "content/more/deeper/other.md")
            .iter()
            .all(|(severity, _)| severity == "warning")
    );
}

#[test]
fn a_symlink_leaving_the_site_is_an_error() {
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("story.md"), story("Outside")).unwrap();
    let target = elsewhere.path().join("story.md");
    reported("content/outside.md", "outside the site", |site| {
        symlink(&target, site.path("content/outside.md")).unwrap();
        reported_by_check(site, "content/outside.md");
    });
    reported("content/elsewhere", "outside the site", |site| {
        symlink(elsewhere.path(), site.path("content/elsewhere")).unwrap();
        reported_by_check(site, "content/elsewhere");
    });
}

#[test]
fn dangling_and_looping_symlinks_are_errors() {
    reported("content/gone.md", "which does not exist", |site| {
        symlink("nothing-here.md", site.path("content/gone.md")).unwrap();
        reported_by_check(site, "content/gone.md");
    });
    reported("content/loop-a.md", "leads back to itself", |site| {
        symlink("loop-b.md", site.path("content/loop-a.md")).unwrap();
        symlink("loop-a.md", site.path("content/loop-b.md")).unwrap();
        reported_by_check(site, "content/loop-a.md");
        reported_by_check(site, "content/loop-b.md");
    });
    reported("content/2026/again", "a folder that holds it", |site| {
        symlink("..", site.path("content/2026/again")).unwrap();
        reported_by_check(site, "content/2026/again");
    });
}

#[test]
fn fifos_sockets_and_devices_are_errors_and_never_opened() {
    reported("content/pipe.md", "named pipe", |site| {
        mkfifo(&site.path("content/pipe.md"));
        reported_by_check(site, "content/pipe.md");
    });
    reported("content/socket.md", "a socket", |site| {
        // The socket file stays when the listener is dropped.
        drop(std::os::unix::net::UnixListener::bind(site.path("content/socket.md")).unwrap());
        reported_by_check(site, "content/socket.md");
    });
    // Making a device file needs privileges a test may not have.
    let probe = tempfile::tempdir().unwrap();
    if mknod_null(&probe.path().join("probe")).is_ok() {
        reported("content/device.md", "a device file", |site| {
            mknod_null(&site.path("content/device.md")).unwrap();
            reported_by_check(site, "content/device.md");
        });
    }
}

fn mkfifo(path: &Path) {
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        path,
        rustix::fs::Mode::from_raw_mode(0o644),
    )
    .unwrap();
}

/// A character device like `/dev/null` (1, 3).
fn mknod_null(path: &Path) -> rustix::io::Result<()> {
    use rustix::fs::{CWD, FileType, Mode, makedev, mknodat};
    mknodat(
        CWD,
        path,
        FileType::CharacterDevice,
        Mode::from_raw_mode(0o644),
        makedev(1, 3),
    )
}
