//! Static files share the output folder with the pages. A static file where a page
//! needs a folder (`static/2026` beside `/2026/07/05/story/`), or one inside a page's
//! file (`static/feed.xml/x`), cannot be copied; `build` and `check` both look for
//! such clashes before anything is written, so `check` cannot pass a site that
//! `build` then fails to copy. A static file on the very path of a page replaces it
//! (that is how a site brings its own `robots.txt`) and is no clash; a page
//! bundle's file there is one (`index.html` beside a bundled story would replace the
//! story itself).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;

use super::routes::{RouteTable, folders_of, output_name};
use super::theme::files_under;
use crate::error::{Code, Diagnostic, Diagnostics, Error, Result};
use crate::output::file_key;
use crate::site::Site;

/// What puts a file at an output path.
#[derive(Clone)]
enum Source {
    /// A page, by the URL it is served at.
    Page(String),
    /// A static file, by its path relative to the site root.
    Static(PathBuf),
    /// A file of a story's bundle, by its path relative to the site root.
    Bundled(PathBuf),
}

impl Source {
    fn describe(&self) -> String {
        match self {
            Source::Page(url) => format!("the page {url}"),
            Source::Static(path) => format!("the static file {}", path.display()),
            Source::Bundled(path) => format!("the bundled file {}", path.display()),
        }
    }

    /// The file to fix, for a clash between a page and anything else.
    fn file(&self) -> Option<&Path> {
        match self {
            Source::Page(_) => None,
            Source::Static(file) | Source::Bundled(file) => Some(file),
        }
    }
}

/// Fails with a `duplicate-url` finding for every static or bundled file that is a
/// folder of another output file, or lies inside one, and every bundled file on a
/// page's path. `bundled` is [`crate::engine::bundles::files`].
pub fn check_static_clashes(
    site: &Site,
    table: &RouteTable,
    static_dirs: &[PathBuf],
    bundled: &[(String, PathBuf)],
) -> Result<()> {
    let mut statics = Vec::new();
    for dir in static_dirs {
        statics.extend(files_under(dir)?);
    }
    // Pages clash with one another in the route table; here only the pages on a
    // static or bundled file's path, in a folder it needs or inside it can, so only
    // those few are looked at (a page's URL is worked out again for them alone).
    let named = || {
        statics
            .iter()
            .chain(bundled)
            .map(|(name, _)| name.as_bytes())
    };
    let near: FxHashSet<&[u8]> = named().chain(named().flat_map(folders_of)).collect();
    let names: FxHashSet<&[u8]> = named().collect();
    let pages = table
        .files
        .iter()
        .zip(&table.routes)
        .filter_map(|(file, route)| {
            let key = file_key(file);
            let relevant = near.contains(key) || folders_of(key).any(|f| names.contains(f));
            let page = || route.permalink(site).as_str().to_owned();
            relevant.then(|| (output_name(file).into_owned(), page()))
        });
    clashes(&site.config.root, &statics, bundled, pages)
}

fn clashes(
    root: &Path,
    statics: &[(String, PathBuf)],
    bundled: &[(String, PathBuf)],
    pages: impl Iterator<Item = (String, String)>,
) -> Result<()> {
    let shown = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let mut files: BTreeMap<String, Source> =
        pages.map(|(file, url)| (file, Source::Page(url))).collect();
    let mut found = Vec::new();
    for (name, path) in bundled {
        let source = Source::Bundled(shown(path));
        match files.get(name) {
            Some(page @ Source::Page(_)) => found.push(
                Diagnostic::new(
                    Code::DuplicateUrl,
                    shown(path),
                    0,
                    format!("{} would replace {}", source.describe(), page.describe()),
                )
                .hint("rename the file; a bundle's files are published beside its story's page"),
            ),
            _ => {
                files.insert(name.clone(), source);
            }
        }
    }
    for (name, path) in statics {
        files.insert(name.clone(), Source::Static(shown(path)));
    }
    // Each folder the output needs, with the first file that needs it.
    let mut folders: BTreeMap<&str, &Source> = BTreeMap::new();
    for (name, source) in &files {
        for (i, _) in name.match_indices('/') {
            folders.entry(&name[..i]).or_insert(source);
        }
    }
    found.extend(files.iter().filter_map(|(name, source)| {
        let folder_of = folders.get(name.as_str())?;
        // Two pages: the route table already refuses those.
        let file = source.file().or(folder_of.file())?;
        Some(
            Diagnostic::new(
                Code::DuplicateUrl,
                file,
                0,
                format!(
                    "the output needs {name} both as a file (for {}) and as a folder (for {})",
                    source.describe(),
                    folder_of.describe()
                ),
            )
            .hint("rename or move the static file or folder"),
        )
    }));
    if found.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(Diagnostics(found)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages() -> impl Iterator<Item = (String, String)> {
        [
            ("2026/07/05/a/index.html", "/2026/07/05/a/"),
            ("feed.xml", "/feed.xml"),
        ]
        .into_iter()
        .map(|(f, u)| (f.to_owned(), u.to_owned()))
    }

    fn found(statics: &[&str]) -> Vec<String> {
        found_with(statics, &[])
    }

    /// The clashes of these static files and bundled files (output name, source).
    fn found_with(statics: &[&str], bundled: &[(&str, &str)]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for s in statics {
            let path = root.join("static").join(s);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let bundled: Vec<_> = bundled
            .iter()
            .map(|(name, file)| (name.to_string(), root.join(file)))
            .collect();
        let statics = files_under(&root.join("static")).unwrap();
        match clashes(root, &statics, &bundled, pages()) {
            Ok(()) => vec![],
            Err(Error::Content(ds)) => {
                ds.0.iter()
                    .map(|d| format!("{}: {}", d.file.display(), d.message))
                    .collect()
            }
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_static_file_where_a_page_needs_a_folder_clashes() {
        assert_eq!(
            found(&["2026/07"]),
            [
                "static/2026/07: the output needs 2026/07 both as a file (for the static file static/2026/07) and as a folder (for the page /2026/07/05/a/)"
            ]
        );
    }

    #[test]
    fn a_static_file_inside_a_page_file_clashes() {
        assert_eq!(
            found(&["feed.xml/x"]),
            [
                "static/feed.xml/x: the output needs feed.xml both as a file (for the page /feed.xml) and as a folder (for the static file static/feed.xml/x)"
            ]
        );
    }

    #[test]
    fn a_bundled_file_on_a_page_clashes() {
        assert_eq!(
            found_with(
                &[],
                &[("2026/07/05/a/index.html", "content/2026/a/index.html")]
            ),
            [
                "content/2026/a/index.html: the bundled file content/2026/a/index.html would replace the page /2026/07/05/a/"
            ]
        );
        assert!(
            found_with(
                &[],
                &[("2026/07/05/a/photo.jpg", "content/2026/a/photo.jpg")]
            )
            .is_empty()
        );
    }

    #[test]
    fn replacing_a_page_or_adding_beside_it_is_fine() {
        assert!(found(&["feed.xml", "2026/07/05/a/photo.png", "robots.txt"]).is_empty());
    }
}
