//! The only module that writes the site to disk. A build is written into a fresh
//! staging folder beside the output and swapped in only when every page succeeded,
//! so a failed build leaves the previous site untouched (`staging.rs`). Output folders
//! that would destroy the site's sources (or worse), or someone else's files, are
//! refused before anything is written (`target.rs`).

pub mod listing;
mod staging;
mod target;
pub mod update;

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::error::{Error, Result};

pub use listing::Listing;
pub(crate) use staging::remove_dead_folders;
pub use staging::{Staging, remove_killed_builds};
pub use target::{MARKER, Target, checked_output};

/// The output of a live preview, served while it is rewritten: each file is written
/// under a temporary name in its own folder and renamed over the old one, so a
/// request sees the old bytes or the new ones, never a half-written file. Unchanged
/// files are left alone, pages that no longer exist are removed (with folders they
/// leave empty). Remembers a hash of every file it wrote, so deciding "unchanged"
/// needs no reading.
#[derive(Debug)]
pub struct LiveOutput {
    dir: PathBuf,
    hashes: FxHashMap<PathBuf, u64>,
}

/// What one [`LiveOutput::apply`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files written because they are new or changed.
    pub written: usize,
    /// Files left alone because their bytes did not change.
    pub unchanged: usize,
    /// Files removed because no page makes them any more.
    pub removed: usize,
}

impl std::ops::AddAssign for WriteStats {
    fn add_assign(&mut self, more: WriteStats) {
        self.written += more.written;
        self.unchanged += more.unchanged;
        self.removed += more.removed;
    }
}

/// The files a folder is to hold, by their paths' bytes. `serve` checks every file
/// of its folder against these after each rebuild (30,000 at 10,000 stories), and
/// with `Path`'s own hash, which walks a path component by component, that check
/// took 4-6 ms, and as much again went to cloning each path into the set.
pub type Files<'a> = rustc_hash::FxHashSet<&'a [u8]>;

/// A path's key in [`Files`]. The folder's paths are made one way (the route
/// table's files, asset and picture names), so their bytes are equal exactly when
/// the paths are.
pub fn file_key(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// What "unchanged" is decided by: xxh3 reads a page at memory speed, where the
/// standard library's SipHash was a noticeable share of a rebuild that rewrites a
/// thousand list pages.
fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

impl LiveOutput {
    /// An empty output folder at `dir` (created, or emptied if it exists).
    pub fn create(dir: &Path) -> Result<LiveOutput> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| Error::io("cannot clear", dir, e))?;
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
        // The marker too, so the preview folder equals a full build file for file.
        let marker = dir.join(MARKER);
        std::fs::write(&marker, target::MARKER_TEXT)
            .map_err(|e| Error::io("cannot write", marker, e))?;
        Ok(LiveOutput {
            dir: dir.to_path_buf(),
            hashes: FxHashMap::default(),
        })
    }

    /// The folder being served.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn write_one(&self, rel: &Path, bytes: &[u8]) -> Result<Option<u64>> {
        let h = hash(bytes);
        if self.hashes.get(rel) == Some(&h) {
            return Ok(None);
        }
        let path = self.dir.join(rel);
        // Nearly every page goes into a folder that is there already: its folder
        // is made only when the write finds none, not looked up before each write.
        let written = match replace_atomically(&path, bytes) {
            // No folder, or a file where the folder should be (reported as
            // `create_dir_all` reports it).
            Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| Error::io("cannot create", parent, e))?;
                }
                replace_atomically(&path, bytes)
            }
            other => other,
        };
        written.map_err(|e| Error::io("cannot write", &path, e))?;
        Ok(Some(h))
    }

    /// Writes some files of the site (the others stay as they are).
    pub fn write_some(&mut self, files: &[(PathBuf, Vec<u8>)]) -> Result<WriteStats> {
        let mut stats = WriteStats::default();
        for (rel, bytes) in files {
            match self.write_one(rel, bytes)? {
                Some(h) => {
                    self.hashes.insert(rel.clone(), h);
                    stats.written += 1;
                }
                None => stats.unchanged += 1,
            }
        }
        Ok(stats)
    }

    /// Counts a file put into the folder by someone else (a picture hard-linked from
    /// the media store) as the folder's, so [`LiveOutput::apply`] removes it once it
    /// is no longer in `all`.
    pub fn adopt(&mut self, rel: &Path) {
        self.hashes.entry(rel.to_path_buf()).or_insert(0);
    }

    /// Makes the folder hold exactly the files in `all`: `files` (rendered in
    /// parallel by the caller) are written where their bytes changed, files not in
    /// `all` are removed, and the rest stay as they are.
    pub fn apply(&mut self, files: Vec<(PathBuf, Vec<u8>)>, all: &Files<'_>) -> Result<WriteStats> {
        let results: Vec<(PathBuf, Option<u64>)> = files
            .into_par_iter()
            .map(|(rel, bytes)| Ok((rel.clone(), self.write_one(&rel, &bytes)?)))
            .collect::<Result<_>>()?;
        let mut stats = WriteStats::default();
        for (rel, written) in results {
            match written {
                Some(h) => {
                    stats.written += 1;
                    self.hashes.insert(rel, h);
                }
                None => stats.unchanged += 1,
            }
        }
        let gone: Vec<PathBuf> = self
            .hashes
            .keys()
            .filter(|k| !all.contains(file_key(k)))
            .cloned()
            .collect();
        for old in gone {
            let path = self.dir.join(&old);
            if path.exists() {
                std::fs::remove_file(&path).map_err(|e| Error::io("cannot remove", &path, e))?;
            }
            self.remove_empty_parents(&old);
            self.hashes.remove(&old);
            stats.removed += 1;
        }
        Ok(stats)
    }

    fn remove_empty_parents(&self, removed: &Path) {
        update::remove_empty_parents(&self.dir, removed);
    }
}

/// Writes `bytes` to a temporary file beside `path` and renames it over `path`, so
/// readers never see a truncated file. The temporary name is hidden and unique per
/// target, and files of one rebuild are distinct targets, so parallel writers never
/// share one.
fn replace_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.smartpicks-tmp"));
    let written =
        std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}
