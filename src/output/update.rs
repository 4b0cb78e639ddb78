//! Updating a built site in place, for builds with a cache: only the files that
//! changed are written (each under a temporary name, then renamed over the old
//! one, so a host serving the folder never sees half a file), files no longer made
//! are removed with the folders they leave empty, and every other file keeps its
//! bytes and its modification time, so `rsync` and `rclone` upload only what
//! changed.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Listing, replace_atomically};
use crate::error::{Error, Result};

/// Removes `removed` from `dir` and writes `changed` into it. Removing first lets
/// a file that is gone make way for a folder of the same name (an alias `/about/`
/// where a static `about` was).
pub fn apply(dir: &Path, changed: &[(PathBuf, Vec<u8>)], removed: &[PathBuf]) -> Result<()> {
    for rel in removed {
        let path = dir.join(rel);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io("cannot remove", &path, e)),
        }
        remove_empty_parents(dir, rel);
    }
    changed.par_iter().try_for_each(|(rel, bytes)| {
        let path = dir.join(rel);
        // Files made every time (a news sitemap) are often the same as before.
        if std::fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64)
            && std::fs::read(&path).is_ok_and(|old| old == *bytes)
        {
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("cannot create", parent, e))?;
        }
        replace_atomically(&path, bytes).map_err(|e| Error::io("cannot write", &path, e))
    })
}

/// Files of the output (as `listing` found them) that are not in `keep` (nor the
/// output marker): what someone added by hand, which a full build would not carry
/// over either.
pub fn strays(listing: &Listing, keep: &std::collections::HashSet<&Path>) -> Vec<PathBuf> {
    listing
        .paths()
        .filter(|rel| rel.as_os_str() != super::MARKER && !keep.contains(rel))
        .map(Path::to_path_buf)
        .collect()
}

/// Removes the folders of a removed file that are now empty, as a full build
/// would not make them; stops at the first that still holds something.
pub fn remove_empty_parents(dir: &Path, removed: &Path) {
    for folder in removed
        .ancestors()
        .skip(1)
        .take_while(|p| !p.as_os_str().is_empty())
    {
        if std::fs::remove_dir(dir.join(folder)).is_err() {
            break;
        }
    }
}
