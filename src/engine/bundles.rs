//! Page bundles: a story written as `<name>/index.md` keeps the files it uses beside
//! it (pictures, a PDF, data), as Hugo's leaf bundles and Zola's colocated assets do.
//! Every file of such a folder but Markdown is published beside the story's page,
//! so `[the filing](filing.pdf)` in the story links to it; the pictures it shows are
//! also resized like any other (see `media`). A folder inside the bundle that holds
//! its own `index.md` is another story's bundle, not this one's.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::content::is_ignored;
use crate::error::{Error, Result};
use crate::site::Site;

/// The file name that makes a story's folder its bundle.
pub const BUNDLE_FILE: &str = "index.md";

/// Whether the story at `source` (relative to the site, `content/...`) is a
/// bundle's `index.md`. `content/index.md` is not: its folder holds the whole site.
pub fn is_bundle(source: &Path) -> bool {
    source.file_name().is_some_and(|n| n == BUNDLE_FILE) && source.components().count() > 2
}

/// Every bundled file of the site's stories, as (output name, file), in story order.
pub fn files(site: &Site) -> Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    for a in site.articles.iter().filter(|a| is_bundle(&a.source)) {
        let folder = site
            .config
            .root
            .join(a.source.parent().expect("in a folder"));
        let page = a.permalink.output_file();
        let beside = page.parent().unwrap_or(Path::new(""));
        let walk = WalkDir::new(&folder)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !left_out(e));
        for entry in walk {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(&folder).to_path_buf();
                Error::io("cannot read", path, e.into())
            })?;
            let path = entry.path();
            if entry.file_type().is_file() && path.extension().is_none_or(|x| x != "md") {
                let rel = path.strip_prefix(&folder).expect("under the bundle");
                let name = beside.join(rel).to_string_lossy().replace('\\', "/");
                out.push((name, path.to_path_buf()));
            }
        }
    }
    Ok(out)
}

/// Whether the bundle in `folder` publishes its file at `rel` (relative to the
/// folder), as [`files`] lists them: a file, not Markdown, no hidden name on the
/// way, no folder on the way that is a bundle of its own.
pub fn publishes(folder: &Path, rel: &Path) -> bool {
    let mut inside = folder.to_path_buf();
    let parts: Vec<_> = rel.components().collect();
    for (i, part) in parts.iter().enumerate() {
        if is_ignored(part.as_os_str()) {
            return false;
        }
        inside.push(part);
        let last = i + 1 == parts.len();
        if !last && inside.join(BUNDLE_FILE).exists() {
            return false;
        }
    }
    inside.is_file() && rel.extension().is_none_or(|x| x != "md")
}

/// Hidden names, and folders that are bundles of their own, are not this bundle's.
fn left_out(entry: &walkdir::DirEntry) -> bool {
    is_ignored(entry.file_name())
        || entry.file_type().is_dir() && entry.path().join(BUNDLE_FILE).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_is_an_index_md_in_a_folder_of_content() {
        assert!(is_bundle(Path::new("content/2026/on-set/index.md")));
        assert!(is_bundle(Path::new("content/on-set/index.md")));
        assert!(!is_bundle(Path::new("content/index.md")));
        assert!(!is_bundle(Path::new("content/2026/on-set.md")));
        assert!(!is_bundle(Path::new("content/2026/index.markdown")));
    }

    #[test]
    fn a_bundle_publishes_its_plain_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path();
        for file in [
            "still.jpg",
            "_draft.jpg",
            ".x/still.jpg",
            "shots/a.jpg",
            "extra/index.md",
            "extra/b.jpg",
            "notes.md",
        ] {
            let path = folder.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let publishes = |rel: &str| publishes(folder, Path::new(rel));
        assert!(publishes("still.jpg") && publishes("shots/a.jpg"));
        for not in [
            "_draft.jpg",
            ".x/still.jpg",
            "extra/b.jpg",
            "notes.md",
            "missing.jpg",
            "shots",
        ] {
            assert!(!publishes(not), "{not}");
        }
    }
}
