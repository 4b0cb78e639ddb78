//! Walking a folder: every file under it with its size, in path order.

use std::path::{Path, PathBuf};

/// A file under a walked folder.
pub struct Entry {
    /// The path relative to the walked folder, with `/` separators.
    pub rel: String,
    pub path: PathBuf,
    pub bytes: u64,
}

/// Every regular file under `root`, sorted by relative path.
pub fn files(root: &Path) -> Vec<Entry> {
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Entry>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.unwrap();
        let kind = entry.file_type().unwrap();
        let path = entry.path();
        if kind.is_dir() {
            walk(root, &path, out);
        } else if kind.is_file() {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = entry.metadata().unwrap().len();
            out.push(Entry { rel, path, bytes });
        }
    }
}

/// Removes `dir` if it exists.
pub fn remove(dir: &Path) {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => panic!("removing {}: {e}", dir.display()),
    }
}

/// Copies the folder `from` to `to`, file by file.
pub fn copy(from: &Path, to: &Path) {
    for entry in files(from) {
        let dest = to.join(&entry.rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&entry.path, &dest).unwrap();
    }
}
