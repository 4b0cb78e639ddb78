//! The only module that writes the site to disk. A build is written into a fresh
//! staging folder beside the output and swapped in only when every page succeeded,
//! so a failed build leaves the previous site untouched. Output folders that would
//! destroy the site's sources (or worse) are refused before anything is written.

use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};

/// A build in progress: files go into a staging folder until [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

/// Resolves `output` (relative paths are taken from the current folder) and checks
/// that replacing it cannot harm the site's sources or the system.
pub fn checked_output(root: &Path, output: &Path) -> Result<PathBuf> {
    let unsafe_out = |reason: &str| Error::UnsafeOutput {
        path: output.to_path_buf(),
        reason: reason.to_owned(),
    };
    let root = root
        .canonicalize()
        .map_err(|e| Error::io("cannot open the site folder", root, e))?;
    let absolute = if output.is_absolute() {
        output.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io("cannot read the current folder", ".", e))?
            .join(output)
    };
    let name = absolute
        .file_name()
        .filter(|n| *n != "." && *n != "..")
        .ok_or_else(|| unsafe_out("it has no folder name of its own"))?
        .to_owned();
    let parent = absolute
        .parent()
        .ok_or_else(|| unsafe_out("it is the file system root"))?;
    std::fs::create_dir_all(parent).map_err(|e| Error::io("cannot create", parent, e))?;
    let parent = parent
        .canonicalize()
        .map_err(|e| Error::io("cannot open", parent, e))?;
    let target = parent.join(&name);
    let target = target.canonicalize().unwrap_or(target);
    if target.parent().is_none() {
        return Err(unsafe_out("it is the file system root"));
    }
    if root.starts_with(&target) {
        return Err(unsafe_out("it is the site folder or one of its parents"));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && home.canonicalize().is_ok_and(|h| h == target)
    {
        return Err(unsafe_out("it is your home folder"));
    }
    for source in ["content", "themes", "templates", "static"] {
        if target.starts_with(root.join(source)) {
            return Err(unsafe_out(&format!(
                "it is inside the site's {source}/ folder"
            )));
        }
    }
    if target.exists() && !target.is_dir() {
        return Err(unsafe_out("it exists and is not a folder"));
    }
    if target.is_dir() && !looks_generated(&target) {
        return Err(unsafe_out(
            "it is a non-empty folder that does not look like a built site (no index.html); remove it or choose another --output",
        ));
    }
    Ok(target)
}

/// A folder may be replaced if it is empty or holds a site we (or a peer) built.
fn looks_generated(dir: &Path) -> bool {
    dir.join("index.html").is_file()
        || std::fs::read_dir(dir)
            .map(|mut rd| rd.next().is_none())
            .unwrap_or(false)
}

impl Staging {
    /// Creates a fresh staging folder beside `target` (a path from [`checked_output`]).
    pub fn create(target: &Path) -> Result<Staging> {
        let parent = target.parent().expect("checked output has a parent");
        let name = target
            .file_name()
            .expect("checked output has a name")
            .to_string_lossy();
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io("cannot clear", &dir, e))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("cannot create", &dir, e))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// The staging folder (for tests and reports).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Creates, once each, the folders the given files will be written into: level by
    /// level, each level in parallel (a large archive has one folder per story).
    pub fn create_dirs<'p>(&self, files: impl Iterator<Item = &'p Path>) -> Result<()> {
        let mut dirs: BTreeSet<&Path> = BTreeSet::new();
        for file in files {
            for ancestor in file
                .ancestors()
                .skip(1)
                .take_while(|p| !p.as_os_str().is_empty())
            {
                if !dirs.insert(ancestor) {
                    break;
                }
            }
        }
        let mut levels: Vec<Vec<&Path>> = Vec::new();
        for d in dirs {
            let depth = d.components().count();
            if levels.len() < depth {
                levels.resize_with(depth, Vec::new);
            }
            levels[depth - 1].push(d);
        }
        for level in levels {
            level.par_iter().try_for_each(|d| {
                let path = self.dir.join(d);
                match std::fs::create_dir(&path) {
                    Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                        Err(Error::io("cannot create", &path, e))
                    }
                    _ => Ok(()),
                }
            })?;
        }
        Ok(())
    }

    /// Writes one file; its folder must exist (see [`Staging::create_dirs`]).
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(rel);
        std::fs::write(&path, bytes).map_err(|e| Error::io("cannot write", &path, e))
    }

    /// Copies static folders in order (later ones win); returns how many files.
    pub fn copy_static(&self, dirs: &[PathBuf]) -> Result<usize> {
        let mut count = 0;
        for dir in dirs {
            for (name, path) in crate::render::files_under(dir)? {
                let dest = self.dir.join(&name);
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| Error::io("cannot create", parent, e))?;
                }
                std::fs::copy(&path, &dest).map_err(|e| Error::io("cannot copy", &path, e))?;
                count += 1;
            }
        }
        Ok(count)
    }

    /// Swaps the staged site in place of the target.
    pub fn commit(mut self) -> Result<()> {
        let parent = self.target.parent().expect("checked output has a parent");
        let name = self
            .target
            .file_name()
            .expect("checked output has a name")
            .to_string_lossy();
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old)
                .map_err(|e| Error::io("cannot move aside", &self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(Error::io("cannot move the new site into", &self.target, e));
        }
        self.committed = true;
        if had_old {
            remove_in_parallel(&old)
                .map_err(|e| Error::io("cannot remove the previous site at", &old, e))?;
        }
        Ok(())
    }
}

/// Removes a folder tree, its top-level entries in parallel.
fn remove_in_parallel(dir: &Path) -> std::io::Result<()> {
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    entries.par_iter().try_for_each(|p| {
        if p.is_dir() && !p.is_symlink() {
            std::fs::remove_dir_all(p)
        } else {
            std::fs::remove_file(p)
        }
    })?;
    std::fs::remove_dir(dir)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_outputs() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(checked_output(&root, &root).is_err());
        assert!(checked_output(&root, tmp.path()).is_err());
        assert!(checked_output(&root, &root.join("content")).is_err());
        assert!(checked_output(&root, &root.join("themes")).is_err());
        assert!(checked_output(&root, Path::new("/")).is_err());
        assert!(checked_output(&root, &root.join("public")).is_ok());
    }

    #[test]
    fn refuses_foreign_non_empty_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("docs");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        assert!(checked_output(tmp.path(), &out).is_err());
    }

    #[test]
    fn commit_swaps_and_drop_cleans_up() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("index.html"), "old").unwrap();
        let failed = Staging::create(&target).unwrap();
        let failed_dir = failed.dir().to_path_buf();
        drop(failed);
        assert!(!failed_dir.exists());
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        let s = Staging::create(&target).unwrap();
        s.write(Path::new("index.html"), b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}

/// The output of a live preview, served while it is rewritten: each file is written
/// under a temporary name in its own folder and renamed over the old one, so a
/// request sees the old bytes or the new ones, never a half-written file. Unchanged
/// files are left alone, pages that no longer exist are removed (with folders they
/// leave empty). Remembers a hash of every file it wrote, so deciding "unchanged"
/// needs no reading.
#[derive(Debug)]
pub struct LiveOutput {
    dir: PathBuf,
    hashes: HashMap<PathBuf, u64>,
}

/// What one [`LiveOutput::write_all`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files written because they are new or changed.
    pub written: usize,
    /// Files left alone because their bytes did not change.
    pub unchanged: usize,
    /// Files removed because no page makes them any more.
    pub removed: usize,
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

impl LiveOutput {
    /// An empty output folder at `dir` (created, or emptied if it exists).
    pub fn create(dir: &Path) -> Result<LiveOutput> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| Error::io("cannot clear", dir, e))?;
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
        Ok(LiveOutput {
            dir: dir.to_path_buf(),
            hashes: HashMap::new(),
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
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("cannot create", parent, e))?;
        }
        replace_atomically(&path, bytes).map_err(|e| Error::io("cannot write", &path, e))?;
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

    /// Makes the folder hold exactly the files `produce` yields: `produce(i)` gives
    /// file `i` of `count`, rendered in parallel; unchanged files are not rewritten
    /// and files no longer produced are removed.
    pub fn write_all<F>(&mut self, count: usize, produce: F) -> Result<WriteStats>
    where
        F: Fn(usize) -> Result<(PathBuf, Vec<u8>)> + Sync,
    {
        let results: Vec<(PathBuf, u64, bool)> = (0..count)
            .into_par_iter()
            .map(|i| {
                let (rel, bytes) = produce(i)?;
                Ok(match self.write_one(&rel, &bytes)? {
                    Some(h) => (rel, h, true),
                    None => {
                        let h = self.hashes[&rel];
                        (rel, h, false)
                    }
                })
            })
            .collect::<Result<_>>()?;
        let mut stats = WriteStats::default();
        let mut next = HashMap::with_capacity(results.len());
        for (rel, h, written) in results {
            if written {
                stats.written += 1;
            } else {
                stats.unchanged += 1;
            }
            next.insert(rel, h);
        }
        for old in self.hashes.keys().filter(|k| !next.contains_key(*k)) {
            let path = self.dir.join(old);
            if path.exists() {
                std::fs::remove_file(&path).map_err(|e| Error::io("cannot remove", &path, e))?;
            }
            self.remove_empty_parents(old);
            stats.removed += 1;
        }
        self.hashes = next;
        Ok(stats)
    }

    /// Removes the folders of a removed file that are now empty, as a full build
    /// would not make them; stops at the first that still holds something.
    fn remove_empty_parents(&self, removed: &Path) {
        for folder in removed
            .ancestors()
            .skip(1)
            .take_while(|p| !p.as_os_str().is_empty())
        {
            if std::fs::remove_dir(self.dir.join(folder)).is_err() {
                break;
            }
        }
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
