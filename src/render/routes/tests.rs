//! Files that clash as a file and a folder, between two routes and between a
//! route and a static file, found through the real route table.

use super::{folders_of, routes};
use crate::build::{BuildOptions, load_site};
use crate::engine::Plan;
use crate::engine::tests::site_folder;
use crate::error::Error;
use crate::render::Theme;

const SITE: &str = "title = \"T\"\nbase_url = \"https://example.org/\"\n\
                    [[categories]]\nname = \"News\"\ndescription = \"All of it.\"\n";

/// A site with one story whose front-matter ends with `extra`.
fn site_with(extra: &str) -> tempfile::TempDir {
    let dir = site_folder(SITE);
    let story = format!(
        "---\ntitle: A story\ndate: 2026-07-05\ncategory: News\nparties: []\n{extra}---\n\nBody.\n"
    );
    std::fs::write(dir.path().join("content/a.md"), story).unwrap();
    dir
}

/// The messages of the content error `result` failed with.
fn messages<T>(result: crate::error::Result<T>) -> Vec<String> {
    match result {
        Ok(_) => Vec::new(),
        Err(Error::Content(ds)) => ds.0.iter().map(|d| d.message.clone()).collect(),
        Err(e) => panic!("not a content error: {e}"),
    }
}

#[test]
fn a_file_lies_in_each_of_its_folders() {
    let folders: Vec<&[u8]> = folders_of(b"tags/a24/page/2/index.html").collect();
    assert_eq!(
        folders,
        [
            &b"tags/a24/page/2"[..],
            b"tags/a24/page",
            b"tags/a24",
            b"tags"
        ]
    );
    assert_eq!(folders_of(b"robots.txt").count(), 0);
}

/// An alias under `robots.txt/` needs the generated file as a folder.
#[test]
fn an_alias_inside_a_generated_file_clashes() {
    let dir = site_with("aliases: [/robots.txt/old/]\n");
    let site = load_site(&BuildOptions::new(dir.path())).unwrap();
    let found = messages(routes(&site));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("/robots.txt/old/"), "{found:?}");
    let fine = site_with("aliases: [/robots/old/]\n");
    let site = load_site(&BuildOptions::new(fine.path())).unwrap();
    assert!(routes(&site).is_ok());
}

/// A static file named like a folder pages need, and one inside a page's file,
/// are refused when the site is planned.
#[test]
fn static_files_where_pages_need_folders_or_files_clash() {
    for (file, shown) in [("tags", "tags"), ("robots.txt/x", "robots.txt")] {
        let dir = site_with("tags: [AI]\n");
        let path = dir.path().join("static").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "x").unwrap();
        let site = load_site(&BuildOptions::new(dir.path())).unwrap();
        let theme = Theme::load(&site.config).unwrap();
        let found = messages(Plan::new(&site, &theme));
        assert_eq!(found.len(), 1, "{file}: {found:?}");
        let both = format!("needs {shown} both as a file");
        assert!(found[0].contains(&both), "{file}: {found:?}");
    }
}
